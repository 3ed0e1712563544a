"""kg.builder: parallel, incremental, deterministic builds; the corpus generator; the CLI flags."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from kg import api, builder as build, contest, export, graph, render
from kg.cli import main
from kg.corpus import document_from_text
from kg.records import Claim, Contest, DocumentExtraction, Extraction, Span, Standing
from kg.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_FILES = ("graph.ttl", "graph.html", "extraction.json")


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


make_corpus = _load_script("make_corpus").make_corpus


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def _store_quads(out: Path) -> set[ox.Quad]:
    return set(api.open_graph(out).quads())


def _graphs(out: Path) -> set[str]:
    rows = api.open_graph(out).query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
    return {row[0].value for row in rows}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    make_corpus(folder, 6, seed=3)
    return folder


def _edit(folder: Path) -> None:
    """Change one document, delete one, add one."""
    first, second = sorted(folder.iterdir())[:2]
    first.write_text(first.read_text(encoding="utf-8") + "\nEvery manager is a leader.\n", encoding="utf-8")
    second.unlink()
    (folder / "zz_new.txt").write_text("Not every manager is a leader. Leaders rely on charisma.\n", encoding="utf-8")


def test_incremental_rebuild_matches_a_full_build_of_the_same_files(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    _edit(corpus)
    result = build.build([corpus], out, jobs=1)
    assert (result.extracted, result.reused, result.removed) == (2, 4, 1)
    fresh = tmp_path / "fresh"
    build.build([corpus], fresh, jobs=1, incremental=False)
    assert _files(out) == _files(fresh)
    assert _store_quads(out) == _store_quads(fresh)


def test_the_built_page_is_the_page_kg_render_draws_from_the_store(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    assert (out / "graph.html").read_text(encoding="utf-8") == render.render_html(api.open_graph(out))
    _edit(corpus)
    build.build([corpus], out, jobs=1)
    assert (out / "graph.html").read_text(encoding="utf-8") == render.render_html(api.open_graph(out))


def test_a_page_cut_to_the_most_connected_nodes_is_the_same_after_an_incremental_rebuild(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "PAGE_NODES", 40)
    monkeypatch.setattr(render, "PAGE_EDGES", 90)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build.build([corpus], out, jobs=1)
    _edit(corpus)
    build.build([corpus], out, jobs=1)
    build.build([corpus], fresh, jobs=1, incremental=False)
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert page == (fresh / "graph.html").read_text(encoding="utf-8") == render.render_html(api.open_graph(out))
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert data["meta"]["counts"]["nodes"] <= 40 and data["meta"]["counts"]["edges"] <= 90
    assert data["meta"]["whole"]["nodes"] > 40
    assembly = render.ViewAssembly()
    assembly.add(render.store_facts(api.open_graph(out)))
    for nodes, edges in ((40, 90), (25, 1000), (1000, 30)):
        assert assembly.page(nodes, edges) == render.page_view(assembly.view(), nodes, edges)


def test_a_status_slot_marker_found_in_a_document_gives_way_to_another(tmp_path):
    text = "\x01 is a leader.\n"
    doc = document_from_text("odd.txt", text)
    claim = Claim("odd.txt", Span(0, len(text) - 1, text[:-1]), "\x01", "is_a", "leader", "all", "positive", None, None)
    extraction = DocumentExtraction(doc, (), (), (claim,))
    entry = build.make_entry(extraction, 4)
    assert entry.json.count(build.STATUS_SLOT) == 1
    filled = entry.json.replace(build.STATUS_SLOT, '"accepted"')
    standing = Standing(claim.key, "accepted", "unchallenged")
    expected = export.extraction_to_json(Extraction((extraction,), (), (standing,)))["documents"][0]
    assert json.loads(filled) == expected


def test_contests_graph_is_updated_by_difference_or_whole_when_the_last_rows_are_missing(corpus, tmp_path):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build.build([corpus], out, jobs=1)
    _edit(corpus)
    build.build([corpus], fresh, jobs=1)
    build.build([corpus], out, jobs=1)  # by difference from the rows the first build left
    assert _store_quads(out) == _store_quads(fresh)
    (out / "current" / build.REASONING).unlink()  # as a build from before the rows were kept
    (corpus / "zz_more.txt").write_text("Every manager is a leader.\n", encoding="utf-8")
    build.build([corpus], out, jobs=1)
    build.build([corpus], fresh, jobs=1, incremental=False)
    assert _store_quads(out) == _store_quads(fresh)
    assert _files(out) == _files(fresh)
    (out / "current" / build.REASONING).write_bytes(b"torn")
    (corpus / "zz_more.txt").write_text("Not every manager is a leader.\n", encoding="utf-8")
    build.build([corpus], out, jobs=1)
    build.build([corpus], fresh, jobs=1, incremental=False)
    assert _store_quads(out) == _store_quads(fresh)


_claims = st.sampled_from([f"https://w3id.org/kg-debate/id/claim/d-txt/{c}" for c in ("a", "ab", "b", "a0", "a-b", "z")])
_texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=150, deadline=None)
@given(
    contests=st.lists(st.tuples(_claims, _claims, st.sampled_from(["rebuttal", "contradiction"]), _texts, _texts, st.booleans())),
    standings=st.lists(st.tuples(_claims, st.sampled_from(["accepted", "contested", "defeated"]), _texts)),
    piece=st.sampled_from([1, 200, 1 << 20]),
)
def test_contests_turtle_is_what_the_general_serializer_writes(contests, standings, piece):
    found = {(t, a): Contest(t, a, kind, rule, Span(0, 0, text), cross) for t, a, kind, rule, text, cross in contests}
    by_claim = {claim: Standing(claim, status, reason) for claim, status, reason in standings}
    found, standings = list(found.values()), list(by_claim.values())
    iris = build._Nodes()
    build.TURTLE_CHUNK_BYTES, saved = piece, build.TURTLE_CHUNK_BYTES
    try:
        strings = {c: c for row in contests for c in row[:2]} | {c: c for c in by_claim}
        fast = b"".join(build._reasoning_turtle(*build._reasoning_rows(found, standings, strings)))
    finally:
        build.TURTLE_CHUNK_BYTES = saved
    assert fast == build._turtle_body(graph.reasoning_quads(found, standings, iris))


@settings(max_examples=100, deadline=None)
@given(
    contests=st.lists(st.tuples(_claims, _claims, st.sampled_from(["rebuttal", "contradiction"]), _texts, _texts, st.booleans())),
    standings=st.lists(st.tuples(_claims, st.sampled_from(["accepted", "contested", "defeated"]), _texts)),
)
def test_the_viewer_reads_the_same_facts_from_the_contests_rows_as_from_the_records(contests, standings):
    found = [Contest(t, a, kind, rule, Span(0, 0, text), cross) for t, a, kind, rule, text, cross in contests]
    standings = [Standing(claim, status, reason) for claim, status, reason in standings]
    strings = {c: c for row in contests for c in row[:2]} | {s.claim: s.claim for s in standings}
    rows = build._reasoning_rows(found, standings, strings)
    assert render.reasoning_rows_facts(*rows) == render.reasoning_facts(found, standings, build._Nodes())


def test_the_outputs_are_the_same_whatever_the_size_of_the_pieces_they_are_written_in(corpus, tmp_path, monkeypatch):
    build.build([corpus], tmp_path / "whole", jobs=1)
    monkeypatch.setattr(build, "TRIG_PART_BYTES", 1)  # every graph block in a file of its own
    monkeypatch.setattr(build, "TURTLE_CHUNK_BYTES", 1)  # every contests subject in a piece of its own
    monkeypatch.setattr(build, "CHUNK", 2)
    build.build([corpus], tmp_path / "pieces", jobs=1)
    assert _files(tmp_path / "pieces") == _files(tmp_path / "whole")
    assert _store_quads(tmp_path / "pieces") == _store_quads(tmp_path / "whole")


def test_rebuild_removes_the_named_graph_of_a_deleted_document(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    gone = sorted(corpus.iterdir())[1]
    assert graph.document_iri(gone.name).value in _graphs(out)
    gone.unlink()
    build.build([corpus], out, jobs=1)
    graphs = _graphs(out)
    assert graph.document_iri(gone.name).value not in graphs
    assert {graph.document_iri(p.name).value for p in corpus.iterdir()} < graphs


def test_contests_are_recomputed_over_cached_and_new_documents(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    _edit(corpus)
    result = build.build([corpus], out, jobs=1, keep_extraction=True)
    reference = api.extract([corpus])
    assert result.extraction.contests == reference.contests
    assert result.extraction.standings == reference.standings
    assert result.summary.contests == len(reference.contests)


def test_the_report_lists_the_contested_claims_contest_detection_gives(tmp_path):
    make_corpus(tmp_path / "corpus", 40, seed=5)
    result = build.build([tmp_path / "corpus"], tmp_path / "out", jobs=1, keep_extraction=True)
    rows = contest.contested_claims(result.extraction)
    assert result.summary.contested == len(rows) > 0
    assert result.summary.first_contested == tuple(
        build.ContestedRow(standing.status, claim.evidence.text, claim.asserted_by, claim.doc, len(attackers))
        for claim, standing, attackers in rows[: build.CONTESTED_SHOWN]
    )


def test_no_change_rebuild_is_up_to_date_and_writes_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    first = build.build([corpus], out, jobs=1)
    published = (out / "current").readlink()
    again = build.build([corpus], out, jobs=1)
    assert again.up_to_date and again.extracted == 0 and again.reused == 6
    assert again.summary == first.summary
    assert (out / "current").readlink() == published


def test_full_build_extracts_everything_again(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    again = build.build([corpus], out, jobs=1, incremental=False)
    assert not again.up_to_date and again.extracted == 6


def test_output_is_the_same_whatever_the_number_of_jobs(corpus, tmp_path):
    build.build([corpus], tmp_path / "one", jobs=1)
    build.build([corpus], tmp_path / "two", jobs=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert _store_quads(tmp_path / "one") == _store_quads(tmp_path / "two")


def test_streamed_extraction_json_equals_the_export_of_the_whole_extraction(corpus, tmp_path):
    result = build.build([corpus], tmp_path / "out", jobs=1, keep_extraction=True)
    text = (tmp_path / "out" / "extraction.json").read_text(encoding="utf-8")
    assert text == export.extraction_json_text(result.extraction)


def test_graph_ttl_holds_exactly_the_union_of_the_store(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    parsed = {(t.subject, t.predicate, t.object) for t in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    union = {(q.subject, q.predicate, q.object) for q in _store_quads(out)}
    assert parsed == union


def test_store_has_one_named_graph_per_document_with_its_hash(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rows = api.open_graph(out).query(
        "SELECT ?g ?sha WHERE { GRAPH ?g { ?g a kg:Document ; kg:sha256 ?sha } }", union=False
    )
    in_store = {row[0].value: row[1].value for row in rows}
    assert in_store == {d["graph"]: d["sha256"] for d in manifest["documents"]}
    assert len(in_store) == 6


def test_a_torn_cache_entry_is_extracted_again(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    before = _files(out)
    entry = next((out / "cache").glob("*.pickle"))
    entry.write_bytes(entry.read_bytes()[:20])
    extra = corpus / "zz_extra.txt"
    extra.write_text("Leaders rely on charisma.\n", encoding="utf-8")
    build.build([corpus], out, jobs=1)
    extra.unlink()
    build.build([corpus], out, jobs=1)
    assert _files(out) == before
    assert isinstance(pickle.loads(entry.read_bytes()), build.CacheEntry)


def test_store_follows_a_cache_entry_replaced_since_the_last_build(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    path = out / "cache" / f"{manifest['documents'][2]['key']}.pickle"
    entry = pickle.loads(path.read_bytes())
    extra = b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"
    path.write_bytes(pickle.dumps(dataclasses.replace(entry, turtle=entry.turtle + extra)))
    _edit(corpus)
    build.build([corpus], out, jobs=1)
    parsed = {(t.subject, t.predicate, t.object) for t in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    assert parsed == {(q.subject, q.predicate, q.object) for q in _store_quads(out)}
    assert ox.NamedNode("https://example.org/a") in {q.subject for q in _store_quads(out)}


def test_cache_keeps_only_entries_of_the_published_build(corpus, tmp_path):
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    _edit(corpus)
    build.build([corpus], out, jobs=1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {p.stem for p in (out / "cache").iterdir()} == {d["key"] for d in manifest["documents"]}


def test_two_documents_with_one_name_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "post.txt").write_text("Managers plan.\n", encoding="utf-8")
    (tmp_path / "b" / "post.txt").write_text("Leaders inspire.\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        build.build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", jobs=1)
    assert str(info.value) == (
        f"{tmp_path / 'b' / 'post.txt'}: same file name as {tmp_path / 'a' / 'post.txt'}"
        " - rename one of them; documents are identified by their file name"
    )
    assert not (tmp_path / "out" / "current").exists()


def test_api_build_returns_the_extraction_and_the_published_store(corpus, tmp_path):
    kg = api.build([corpus], tmp_path / "out", jobs=1)
    assert len(kg.extraction.documents) == 6
    assert len(kg.store) == len(_store_quads(tmp_path / "out"))


def test_a_legacy_out_folder_is_taken_over(corpus, tmp_path):
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "store" / "OLD").write_text("x")
    (out / "graph.ttl").write_text("old")
    build.build([corpus], out, jobs=1)
    assert (out / "graph.ttl").is_symlink() and (out / "store").is_symlink()
    assert (out / "graph.ttl").read_bytes() == (out / "current" / "graph.ttl").read_bytes()
    assert len(api.open_graph(out).store) > 0


def test_cli_build_reports_counts_and_speed(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "documents: 6"
    assert lines[-2] == f"wrote {tmp_path / 'out'}/graph.ttl, {tmp_path / 'out'}/graph.html, {tmp_path / 'out'}/extraction.json, {tmp_path / 'out'}/store/"
    assert "documents/s" in lines[-1] and "words/s" in lines[-1] and "(6 extracted, 0 reused, 0 removed; 1 jobs)" in lines[-1]
    again = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert again.output.splitlines()[-2] == f"{tmp_path / 'out'}/ is up to date"
    full = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--full", "-j", "2"])
    assert "(6 extracted, 0 reused, 0 removed; 2 jobs)" in full.output.splitlines()[-1]


def test_cli_build_quiet_prints_nothing(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0
    assert result.output == ""
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_cli_build_refuses_zero_jobs(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--jobs", "0"])
    assert result.exit_code == 2


def test_corpus_generator_is_deterministic_by_seed(tmp_path):
    a = make_corpus(tmp_path / "a", 30, seed=11)
    b = make_corpus(tmp_path / "b", 30, seed=11)
    c = make_corpus(tmp_path / "c", 30, seed=12)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]
    assert {p.name.split("_", 1)[1] for p in a} == {"thread.txt", "essay.txt", "listicle.txt"}


def test_corpus_generator_plants_contests_across_documents(tmp_path):
    folder = tmp_path / "corpus"
    make_corpus(folder, 40, seed=5)
    extraction = api.extract([folder])
    assert any(c.cross_document for c in extraction.contests)


MERGED = """@prefix kg: <https://w3id.org/kg-debate/vocab#> .
@prefix kgc: <https://w3id.org/kg-debate/concept/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
kgc:servant-leadership a kg:Trait ; skos:prefLabel "servant leadership"@en .
"""


def test_merge_adds_rdf_from_other_tools_and_a_changed_file_rebuilds(corpus, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(MERGED, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--quiet", "--merge", str(extra)])
    assert result.exit_code == 0, result.output
    query = 'SELECT ?l WHERE { ?c skos:prefLabel ?l . FILTER (STR(?l) = "servant leadership") }'
    assert len(list(api.open_graph(out).query(query))) == 1
    assert b"servant leadership" in (out / "graph.ttl").read_bytes()
    extra.write_text(MERGED.replace("servant leadership", "quiet leadership"), encoding="utf-8")
    build.build([corpus], out, merge=[extra])
    labels = {r["l"].value for r in api.open_graph(out).query(
        'SELECT ?l WHERE { ?c a kg:Trait ; skos:prefLabel ?l . FILTER (STRENDS(STR(?l), " leadership")) }')}
    assert "quiet leadership" in labels and "servant leadership" not in labels


def test_merge_refuses_rdfxml_with_entities_before_writing_anything(corpus, tmp_path):
    bad = tmp_path / "bad.rdf"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--merge", str(bad)])
    assert result.exit_code == 1
    assert "DOCTYPE" in result.output and not (out / "graph.ttl").exists()


def test_contest_detection_reads_the_same_from_the_compact_cached_claims_as_from_the_records():
    from kg.corpus import read_documents
    from kg.rules import extract_document

    records = [extract_document(document) for document in read_documents([ROOT / "tests" / "dev" / "texts"])]
    compact = [pickle.loads(pickle.dumps(build._slim(doc), protocol=pickle.HIGHEST_PROTOCOL)) for doc in records]

    def rows(documents):
        found = contest.find_contests(documents)
        claims = [claim for doc in documents for claim in doc.claims]
        standings = contest.grounded_standings(claims, found)
        return [(c.target, c.attacker, c.kind, c.rule, c.evidence.text, c.cross_document) for c in found], standings

    contests, standings = rows(compact)
    assert (contests, standings) == rows(records)
    assert len(contests) > 100 and {c[2] for c in contests} == {"rebuttal", "contradiction"}
    assert [c.key for doc in compact for c in doc.claims] == [c.key for doc in records for c in doc.claims]


def test_a_build_that_keeps_the_records_writes_what_a_build_from_the_compact_claims_writes(tmp_path):
    texts = ROOT / "tests" / "dev" / "texts"
    compact = build.build([texts], tmp_path / "compact", jobs=1)
    kept = build.build([texts], tmp_path / "kept", jobs=1, keep_extraction=True)
    assert _files(tmp_path / "compact") == _files(tmp_path / "kept")
    assert compact.summary == kept.summary and compact.summary.contests > 100


def test_a_new_store_loads_graphs_while_the_documents_are_still_being_extracted(corpus, tmp_path, monkeypatch):
    events = []
    save, add = build._save_entry, build._StoreLoader.add
    monkeypatch.setattr(build, "TRIG_PART_BYTES", 1)  # every graph block in a file of its own
    monkeypatch.setattr(build, "_save_entry", lambda out, key, data: (events.append("extracted"), save(out, key, data)))
    monkeypatch.setattr(build._StoreLoader, "add", lambda self, part: (events.append("part"), add(self, part)))
    build.build([corpus], tmp_path / "out", jobs=1)
    # A part goes to the loader when it is complete: the ontology's when the first document's graph
    # starts it a new part, that one when the second's does, and so on while the others are extracted.
    assert events[:6] == ["extracted", "part", "extracted", "part", "extracted", "part"]
    assert events.count("extracted") == 6
    assert _store_quads(tmp_path / "out") == _store_quads_of_a_build_in_one_part(corpus, tmp_path)


def _store_quads_of_a_build_in_one_part(corpus, tmp_path):
    build.build([corpus], tmp_path / "whole", jobs=1)
    return _store_quads(tmp_path / "whole")


def test_a_build_that_fails_while_its_store_loads_leaves_the_last_build_and_no_loader_running(corpus, tmp_path, monkeypatch):
    import threading

    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    before, quads = _files(out), _store_quads(out)
    (corpus / "zz_new.txt").write_text("Not every manager is a leader.\n", encoding="utf-8")
    add = build._StoreLoader.add

    def torn(self, part):
        part.write_bytes(part.read_bytes()[:-40])  # a part cut short: its last graph block is never closed
        add(self, part)

    monkeypatch.setattr(build._StoreLoader, "add", torn)
    with pytest.raises(SyntaxError):
        build.build([corpus], out, jobs=1, incremental=False)
    assert _files(out) == before and _store_quads(out) == quads
    assert len(list((out / ".builds").iterdir())) == 1
    assert not [t for t in threading.enumerate() if t.name == "kg-store-loader"]


def test_a_new_store_is_sent_each_quad_once(corpus, tmp_path, monkeypatch):
    # A graph written both as it is extracted and again when the outputs are assembled would cost the
    # store's loader its work twice without changing its content: count what the parts carry.
    sent: Counter = Counter()
    add = build._StoreLoader.add

    def counted(self, part):
        sent.update(ox.parse(path=str(part), format=ox.RdfFormat.TRIG))
        add(self, part)

    monkeypatch.setattr(build, "TRIG_PART_BYTES", 4096)
    monkeypatch.setattr(build._StoreLoader, "add", counted)
    out = tmp_path / "out"
    build.build([corpus], out, jobs=1)
    assert [q for q, n in sent.items() if n > 1] == []
    assert set(sent) == _store_quads(out)
    # graph.ttl's sections are the graphs: as many triples in it as quads in the store, none twice in a graph
    assert sum(1 for _ in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)) == len(sent)
