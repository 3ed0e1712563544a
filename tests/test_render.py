"""The viewer page built from the graph: what it holds, how it escapes, focus, layout, the CLI."""

from __future__ import annotations

import json
import random
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import api, render
from kg.cli import main
from kg.errors import UsageError
from kg.graph import claim_iri, claim_iris, concept_iri
from kg.records import Concept, DocumentExtraction, Extraction, Span
from kg.corpus import document_from_text
from viewer_samples import HOSTILE_TEXTS, PAYLOADS, graph_of, hostile_extraction, synthetic_view

DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(html: str) -> dict:
    """The JSON the page's script reads; the regex stops at the first ``</script``, as a browser would."""
    return json.loads(DATA_BLOCK.search(html).group(1))


@pytest.fixture
def sample_view(sample_extraction) -> render.View:
    return render.read_view(graph_of(sample_extraction))


def _by_label(view: render.View) -> dict[str, render.Node]:
    return {n.label: n for n in view.nodes}


def test_view_has_every_kind_of_node_from_the_store(sample_view):
    kinds = sorted((n.kind, n.label) for n in sample_view.nodes)
    assert kinds == [
        ("claim", "Every manager is a leader."),
        ("claim", "Managers do not focus on people."),
        ("claim", "Not every manager is a leader."),
        ("claim", "Some managers are not leaders."),
        ("document", "essay.txt"),
        ("document", "thread.txt"),
        ("focus", "people"),
        ("role", "leader"),
        ("role", "manager"),
        ("speaker", "Ann"),
        ("speaker", "Bob"),
        ("trait", "charisma"),
    ]


def test_lexicon_concepts_not_named_in_a_document_are_left_out(sample_view):
    assert {n.label for n in sample_view.nodes if n.kind in ("role", "trait", "skill", "focus")} == {
        "manager", "leader", "charisma", "people",
    }


def test_denied_attribution_is_its_own_edge_kind(sample_view):
    manager, people = concept_iri("manager").value, concept_iri("people").value
    links = [e for e in sample_view.edges if (e.source, e.target) == (manager, people)]
    assert [(e.kind, e.label, e.evidence) for e in links] == [
        ("denied", "NOT focuses on", ("Managers do not focus on people.",))
    ]


def test_positive_attribution_carries_its_evidence(sample_view):
    leader, charisma = concept_iri("leader").value, concept_iri("charisma").value
    links = [e for e in sample_view.edges if (e.source, e.target) == (leader, charisma)]
    assert [(e.kind, e.label, e.evidence) for e in links] == [("attribution", "has trait", ("Leaders rely on charisma.",))]


def test_contest_edges_point_from_attacker_to_target_with_their_kind(sample_extraction, sample_view):
    c1, c2 = sample_extraction.documents[0].claims
    c3 = sample_extraction.documents[1].claims[0]
    contests = sorted((e.source, e.target, e.kind, e.evidence) for e in sample_view.edges if e.kind in ("rebuttal", "contradiction"))
    assert contests == sorted([
        (claim_iri(c2).value, claim_iri(c1).value, "rebuttal", ("But you said every manager is a leader.",)),
        (claim_iri(c3).value, claim_iri(c1).value, "contradiction", ("Some managers are not leaders.",)),
    ])


def test_claim_panel_data_names_speaker_document_status_and_contesters(sample_extraction, sample_view):
    c1, c2 = sample_extraction.documents[0].claims
    info = sample_view.node(claim_iri(c1).value).claim
    assert (info.text, info.form, info.speaker, info.document) == (
        "Every manager is a leader.", "all · manager · is a · leader", "Ann", "thread.txt",
    )
    assert info.status == sample_extraction.standing_of(c1.key).status
    assert [(c.claim, c.kind, c.evidence) for c in info.contested_by] == sorted([
        (claim_iri(c2).value, "rebuttal", "But you said every manager is a leader."),
        (claim_iri(sample_extraction.documents[1].claims[0]).value, "contradiction", "Some managers are not leaders."),
    ])
    reply = sample_view.node(claim_iri(c2).value).claim
    assert (reply.form, reply.addressees, [c.claim for c in reply.contests]) == (
        "some · manager · NOT is a · leader", ("Ann",), [claim_iri(c1).value],
    )


def test_page_edges_style_contests_red_dashed_only_for_contradiction(sample_extraction):
    data = page_data(render.render_html(graph_of(sample_extraction)))
    styles = data["meta"]["edgeKinds"]
    contests = sorted(e["kind"] for e in data["edges"] if styles[e["kind"]]["contest"])
    assert contests == ["contradiction", "rebuttal"]
    assert (styles["contradiction"]["color"], styles["contradiction"]["dashes"]) == ("#d62728", [8, 6])
    assert (styles["rebuttal"]["color"], styles["rebuttal"]["dashes"]) == ("#d62728", False)
    denied = [e for e in data["edges"] if e["kind"] == "denied"]
    assert [e["evidence"] for e in denied] == [["Managers do not focus on people."]]
    assert styles["denied"]["dashes"] and styles["denied"]["color"] != styles["attribution"]["color"]


def test_contested_claim_stands_out_and_sizes_grow_with_degree(sample_extraction):
    data = page_data(render.render_html(graph_of(sample_extraction)))
    nodes = {n["label"]: n for n in data["nodes"]}
    target = nodes["Every manager is a leader."]
    assert (target["color"]["border"], target["borderWidth"]) == ("#d62728", 4)
    assert "borderWidth" not in nodes["Managers do not focus on people."]
    assert nodes["Managers do not focus on people."]["group"] == "claim"
    assert nodes["manager"]["size"] > nodes["charisma"]["size"]


def test_page_needs_no_network(sample_extraction):
    html = render.render_html(graph_of(sample_extraction))
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", html, re.I)
    assert "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)


def test_page_is_byte_identical_across_renders(sample_extraction):
    kg = graph_of(sample_extraction)
    assert render.render_html(kg) == render.render_html(kg)


def test_hostile_text_never_appears_raw_in_the_page():
    html = render.render_html(graph_of(hostile_extraction()))
    for text in PAYLOADS + HOSTILE_TEXTS:
        assert text not in html
    # Our three script elements (data, vis-network, viewer) and no more.
    assert html.lower().count("</script") == 3


def test_hostile_text_survives_into_the_page_data_unchanged():
    data = page_data(render.render_html(graph_of(hostile_extraction())))
    labels = {n["label"] for n in data["nodes"]}
    assert set(HOSTILE_TEXTS) <= labels
    texts = {c["text"] for c in data["meta"]["claims"].values()}
    assert any("<script>alert(1)</script>" in t for t in texts)
    assert any("</script><script>alert(2)</script>" in t for t in texts)


def test_heading_is_escaped():
    html = render.render_view(synthetic_view(3), title="<script>alert(9)</script>")
    assert "<script>alert(9)</script>" not in html
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in html


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_any_concept_label_round_trips_through_the_page(label):
    text = f"x {label} y"
    doc = document_from_text("d.txt", text)
    span = Span(2, 2 + len(label), label)
    extraction = Extraction((DocumentExtraction(doc, (Concept(label, "trait", (span,)),), (), ()),))
    html = render.render_html(graph_of(extraction))
    assert label in {n["label"] for n in page_data(html)["nodes"]}


def test_view_is_the_same_whatever_the_order_and_split_of_its_rows(sample_extraction):
    facts = render.store_facts(graph_of(sample_extraction))
    rng = random.Random(3)
    shuffled = {}
    for name in render.Facts.__dataclass_fields__:
        rows = list(getattr(facts, name))
        rng.shuffle(rows)
        shuffled[name] = rows
    # Three parts, each with a slice of every kind of row, and one row repeated.
    parts = [render.Facts(**{k: tuple(v[i::3]) for k, v in shuffled.items()}) for i in range(3)]
    parts.append(render.Facts(claims=facts.claims[:1]))
    assert render.view_from_facts(parts) == render.read_view(graph_of(sample_extraction))


def test_records_give_the_rows_the_store_gives(sample_extraction):
    from_records = [render.document_facts(doc) for doc in sample_extraction.documents]
    from_records.append(render.reasoning_facts(sample_extraction.contests, sample_extraction.standings, claim_iris(sample_extraction)))
    from_store = render.store_facts(graph_of(sample_extraction))
    for name in render.Facts.__dataclass_fields__:
        assert {row for part in from_records for row in getattr(part, name)} == set(getattr(from_store, name)), name


def test_a_graph_too_large_for_a_page_keeps_its_most_connected_nodes():
    view = synthetic_view(60)
    hub = render.Edge("urn:x:59", "urn:x:0", "attribution", "has trait")
    star = [render.Edge("urn:x:30", f"urn:x:{i}", "attribution", "has trait") for i in range(31, 40)]
    view = render.View(view.nodes, tuple(sorted(view.edges + (hub, *star), key=lambda e: (e.source, e.target))))
    page = render.page_view(view, nodes=10, edges=12)
    kept = {n.id for n in page.nodes}
    assert len(page.nodes) <= 10 and len(page.edges) <= 12
    assert "urn:x:30" in kept  # the hub of the star: the highest degree
    assert all(e.source in kept and e.target in kept for e in page.edges)
    assert page.whole == (60, len(view.edges))
    assert [n.id for n in page.nodes] == [n.id for n in view.nodes if n.id in kept]  # view order kept
    assert render.page_view(view) is view  # fits the default page


@pytest.mark.parametrize("nodes, edges", [(5, 100), (8, 6), (12, 3), (100, 100), (3, 0)])
def test_a_page_cut_from_the_rows_is_the_page_cut_from_the_whole_view(sample_extraction, nodes, edges):
    assembly = render.ViewAssembly()
    assembly.add(render.store_facts(graph_of(sample_extraction)))
    assert assembly.page(nodes, edges) == render.page_view(assembly.view(), nodes, edges)


def test_a_cut_page_says_how_large_the_graph_is(sample_extraction):
    view = render.read_view(graph_of(sample_extraction))
    data = page_data(render.render_view(render.page_view(view, nodes=5, edges=100)))
    assert data["meta"]["whole"] == {"nodes": 12, "edges": len(view.edges)}
    assert data["meta"]["counts"]["nodes"] == 5
    ids = {n["id"] for n in data["nodes"]}
    for claim in data["meta"]["claims"].values():
        assert all(c["id"] in ids for c in claim["contestedBy"] + claim["contests"])
    assert page_data(render.render_view(view))["meta"]["whole"] is None


def test_focus_keeps_nodes_within_depth(sample_view):
    assert {n.label for n in render.focus(sample_view, "charisma", 0).nodes} == {"charisma"}
    assert {n.label for n in render.focus(sample_view, "charisma", 1).nodes} == {"charisma", "leader"}
    two = render.focus(sample_view, "Charisma", 2)
    assert {n.kind for n in two.nodes} == {"trait", "role", "claim"}
    assert all(e.source in {n.id for n in two.nodes} and e.target in {n.id for n in two.nodes} for e in two.edges)


def test_focus_on_unknown_label_names_some_labels(sample_view):
    with pytest.raises(UsageError) as err:
        render.focus(sample_view, "janitor", 2)
    assert str(err.value) == "--focus: no node labelled 'janitor' - pick a label such as: leader, manager"


def test_small_graphs_get_physics_large_ones_a_fixed_layout():
    small = page_data(render.render_view(synthetic_view(30)))
    large = page_data(render.render_view(synthetic_view(render.PHYSICS_LIMIT + 1)))
    assert json.loads(small["options"])["physics"]["enabled"] is True
    assert json.loads(large["options"])["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in large["nodes"])
    assert len({(n["x"], n["y"]) for n in large["nodes"]}) == render.PHYSICS_LIMIT + 1


def test_render_reads_an_already_built_folder(built_seeds, tmp_path):
    out, built = built_seeds
    opened = api.open_graph(out)
    path = opened.render(tmp_path / "seeds.html")
    data = page_data(path.read_text(encoding="utf-8"))
    view = render.read_view(opened)
    assert len(data["nodes"]) == len(view.nodes) > 0
    assert {n["label"] for n in data["nodes"] if n["kind"] == "document"} == {d.document.name for d in built.extraction.documents}
    concepts = {c.label for d in built.extraction.documents for c in d.concepts}
    assert {n["label"] for n in data["nodes"] if n["kind"] in ("role", "trait", "skill", "focus")} == concepts
    assert len([n for n in data["nodes"] if n["kind"] == "claim"]) == len(built.extraction.claims())
    assert len([e for e in data["edges"] if e["kind"] in ("rebuttal", "contradiction")]) == len(built.extraction.contests)


def test_cli_render_writes_the_page(built_seeds, tmp_path):
    out, _ = built_seeds
    target = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["render", "--store-dir", str(out), "--out", str(target), "--focus", "manager", "--depth", "1"])
    assert (result.exit_code, result.output) == (0, f"wrote {target}\n")
    data = page_data(target.read_text(encoding="utf-8"))
    assert "manager" in {n["label"] for n in data["nodes"]}
    assert len(data["nodes"]) < len(render.read_view(api.open_graph(out)).nodes)


def test_cli_render_unknown_focus_is_a_one_line_usage_error(built_seeds, tmp_path):
    out, _ = built_seeds
    result = CliRunner().invoke(main, ["render", "--store-dir", str(out), "--out", str(tmp_path / "p.html"), "--focus", "no such thing"])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: --focus: no node labelled 'no such thing' - pick a label such as: ")
    assert result.output.count("\n") == 1
    assert not (tmp_path / "p.html").exists()


def test_cli_render_without_a_build_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["render", "--store-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"kg: error: {tmp_path}")
    assert result.output.endswith("run `kg build` first\n") and result.output.count("\n") == 1
    assert not (tmp_path / "graph.html").exists()
