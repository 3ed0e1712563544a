"""Exports: every RDF format re-parses in rdflib and pyoxigraph to the store's graph; networks, tables
and argument formats carry the claims and contests; hostile literals survive every serializer."""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg import export, graph
from kg.cli import main
from kg.errors import KgError, UsageError
from kg.records import Extraction

PROV = export.Provenance(datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc), "9.9.9")
KG = "https://w3id.org/kg-debate/vocab#"
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
OX_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def _store_quads(quads) -> list[ox.Quad]:
    """What a built store holds: the quads, deduplicated, as the store returns them."""
    store = ox.Store()
    store.extend(quads)
    return list(store.quads_for_pattern(None, None, None, None))


def _built(tmp_path: Path, quads) -> Path:
    """A built folder holding exactly ``quads`` in its store, as `kg export` and `kg validate` read it."""
    out = tmp_path / "out"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    store.bulk_extend(quads)
    store.flush()
    del store
    return out


@pytest.fixture
def quads(sample_extraction: Extraction) -> list[ox.Quad]:
    return _store_quads(graph.extraction_quads(sample_extraction))


def _rdflib_union(quads) -> rdflib.Graph:
    g = rdflib.Graph()
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return g


def _rdflib_dataset(quads) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    return ds


def _triples(data: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {ox.Triple(t.subject, t.predicate, t.object) for t in ox.parse(data, format=fmt)}


def _graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


# ------------------------------------------------------------------ RDF round trips


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml"])
def test_graph_export_reparses_isomorphic_in_rdflib(quads, fmt):
    data = export.export_bytes(quads, fmt, PROV)
    parsed = rdflib.Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])
    assert len(parsed) == len({(q.subject, q.predicate, q.object) for q in quads})
    assert isomorphic(parsed, _rdflib_union(quads))


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml"])
def test_graph_export_reparses_to_the_same_triples_in_pyoxigraph(quads, fmt):
    data = export.export_bytes(quads, fmt, PROV)
    assert _triples(data, OX_FORMAT[fmt]) == {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_dataset_export_keeps_every_named_graph_isomorphic_in_rdflib(quads, fmt):
    data = export.export_bytes(quads, fmt, PROV)
    parsed = rdflib.Dataset().parse(data=data, format=RDFLIB_FORMAT[fmt])
    expected = _rdflib_dataset(quads + export.provenance_quads(quads, PROV))
    got, want = _graphs(parsed), _graphs(expected)
    assert sorted(got) == sorted(want)
    for name, g in want.items():
        assert isomorphic(got[name], g), name


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_dataset_export_is_the_store_plus_provenance_in_pyoxigraph(quads, fmt):
    data = export.export_bytes(quads, fmt, PROV)
    parsed = set(ox.parse(data, format=OX_FORMAT[fmt]))
    assert parsed == set(quads) | set(export.provenance_quads(quads, PROV))
    named = {q for q in parsed if isinstance(q.graph_name, ox.NamedNode)}
    assert named == set(quads)  # provenance lives in the default graph only


def test_each_document_graph_carries_prov_o_provenance(quads, sample_extraction):
    store = ox.Store()
    store.load(export.to_trig(quads, PROV), format=ox.RdfFormat.TRIG)
    rows = store.query(
        """SELECT ?g ?source ?sha ?time ?version WHERE {
             ?g a prov:Entity ; dcterms:source ?source ; kg:sha256 ?sha ; prov:generatedAtTime ?time ;
                prov:wasGeneratedBy ?act .
             ?act a prov:Activity ; prov:used ?g ; prov:wasAssociatedWith ?tool .
             ?tool a prov:SoftwareAgent ; schema:softwareVersion ?version .
             GRAPH ?g { ?g a kg:Document } }""",
        prefixes=export.PREFIXES,
    )
    got = {(r["g"].value, r["source"].value, r["sha"].value, r["time"].value, r["version"].value) for r in rows}
    docs = [d.document for d in sample_extraction.documents]
    assert got == {(graph.document_iri(d.name).value, d.name, d.sha256, "2024-05-06T07:08:09Z", "9.9.9") for d in docs}


def test_turtle_is_byte_identical_whatever_the_quad_order(quads):
    shuffled = list(quads)
    random.Random(7).shuffle(shuffled)
    assert export.to_turtle(shuffled) == export.to_turtle(quads)
    assert export.to_trig(shuffled, PROV) == export.to_trig(quads, PROV)


def test_turtle_writes_each_subject_once_with_its_types_first(quads):
    text = export.to_turtle(quads).decode("utf-8")
    heads = [line for line in text.split("\n") if line and not line.startswith(("\t", "@prefix"))]
    subjects = [line.split(" ", 1)[0] for line in heads]
    assert len(subjects) == len(set(subjects)) == len({q.subject for q in quads})
    claim = next(line for line in heads if "/id/claim/" in line and "#selector" not in line)
    assert claim.split(" ")[1] == "a"


def test_turtle_is_utf8_without_bom_and_declares_sorted_prefixes(quads):
    data = export.to_turtle(quads)
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")
    prefixes = [line.split(" ")[1] for line in data.decode().split("\n") if line.startswith("@prefix ")]
    assert prefixes == sorted(p + ":" for p in export.PREFIXES)


def test_jsonld_inlines_the_shipped_compact_context(quads):
    doc = json.loads(export.to_jsonld(quads, PROV))
    shipped = json.loads(Path(__file__).resolve().parent.parent.joinpath("ontology", "context.jsonld").read_text())
    assert doc["@context"] == shipped["@context"]
    text = json.dumps(doc)
    assert '"text": "Every manager is a leader."' in text
    assert '"start": "0"' in text  # oa:start through its typed term: no datatype spelt out


def test_rdfxml_keeps_a_carriage_return():
    s, p = ox.NamedNode("https://w3id.org/kg-debate/id/x"), ox.NamedNode(KG + "evidence")
    quad = ox.Quad(s, p, ox.Literal("a\r\nb"), ox.DefaultGraph())
    assert _triples(export.to_rdfxml([quad]), ox.RdfFormat.RDF_XML) == {ox.Triple(s, p, ox.Literal("a\r\nb"))}


def test_rdfxml_refuses_a_character_xml_cannot_hold():
    quad = ox.Quad(ox.NamedNode("https://w3id.org/kg-debate/id/x"), ox.NamedNode(KG + "evidence"), ox.Literal("bell\x07"), ox.DefaultGraph())
    with pytest.raises(KgError, match="U\\+0007"):
        export.to_rdfxml([quad])


# ------------------------------------------------------------------ networks


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_loads_back_in_networkx_with_the_same_nodes_edges_and_attributes(quads, fmt, reader):
    expected = export.to_networkx(quads)
    loaded = reader(io.BytesIO(export.export_bytes(quads, fmt, PROV)))
    assert dict(loaded.nodes(data=True)) == dict(expected.nodes(data=True))
    assert _edges(loaded) == _edges(expected) and len(_edges(expected)) > 10


def _edges(g) -> list[tuple]:
    """(source, target, attributes) without the ids and keys a reader adds or drops."""
    return sorted((u, v, sorted((a, x) for a, x in d.items() if a not in ("id", "networkx_key"))) for u, v, d in g.edges(data=True))


def test_network_attributes_are_typed_scalars(quads, sample_extraction):
    g = export.to_networkx(quads)
    claim = graph.claim_iri(sample_extraction.documents[0].claims[0]).value
    assert g.nodes[claim]["oa:start"] == 0 and isinstance(g.nodes[claim]["oa:end"], int)
    assert g.nodes[claim]["type"] == "kg:Claim"
    assert g.nodes[claim]["kg:quantifier"] == "kg:All"
    assert g.nodes[graph.concept_iri("manager").value]["kg:inLexicon"] is True
    assert ("kg:contests",) == tuple(k for _, v, k in g.out_edges(graph.claim_iri(sample_extraction.documents[1].claims[0]).value, keys=True) if "claim" in v)


def test_network_leaves_out_the_ontology_and_control_characters(quads):
    s = ox.NamedNode("https://w3id.org/kg-debate/id/x")
    g = export.to_networkx(quads + [ox.Quad(s, ox.NamedNode(KG + "evidence"), ox.Literal("a\x01b\nc"), graph.CONTESTS_GRAPH)])
    assert g.nodes[s.value]["kg:evidence"] == "a b c"
    assert KG + "Claim" not in g  # classes are attributes, not nodes


# ------------------------------------------------------------------ tables and arguments


def test_csv_writes_claims_and_a_sibling_contests_table(quads, tmp_path, sample_extraction):
    written = export.write_export(quads, "csv", tmp_path / "debate.csv")
    assert written == [tmp_path / "debate.csv", tmp_path / "debate-contests.csv"]
    claims = list(csv.DictReader(io.StringIO(written[0].read_text(encoding="utf-8"), newline="")))
    contests = list(csv.DictReader(io.StringIO(written[1].read_text(encoding="utf-8"), newline="")))
    assert [c["text"] for c in claims] == [
        "Some managers are not leaders.", "Managers do not focus on people.",
        "Every manager is a leader.", "Not every manager is a leader.",
    ]  # fmt: skip
    first = claims[2]
    assert (first["quantifier"], first["subject"], first["relation"], first["object"], first["polarity"]) == ("all", "manager", "is_a", "leader", "positive")
    assert first["speaker"] == "Ann" and first["status"] == "defeated" and first["start"] == "0"
    assert sorted((c["kind"], c["contesting_text"], c["contested_text"], c["cross_document"]) for c in contests) == [
        ("contradiction", "Some managers are not leaders.", "Every manager is a leader.", "true"),
        ("rebuttal", "Not every manager is a leader.", "Every manager is a leader.", "false"),
    ]


def test_csv_zip_holds_both_tables(quads, tmp_path):
    [path] = export.write_export(quads, "csv", tmp_path / "debate.zip")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["claims.csv", "contests.csv"]
        assert archive.read("claims.csv").splitlines()[0].decode() == ",".join(export.CLAIM_COLUMNS)
    assert export.to_csv_zip(quads) == path.read_bytes()  # no timestamps inside


def test_aif_has_an_i_node_per_claim_and_a_ca_node_per_contest(quads):
    doc = json.loads(export.to_aif(quads))
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    i_nodes = {n["text"]: n["nodeID"] for n in doc["nodes"] if n["type"] == "I"}
    assert len(i_nodes) == 4 and sum(n["type"] == "CA" for n in doc["nodes"]) == 2
    arrows = {(e["fromID"], e["toID"]) for e in doc["edges"]}
    for attacker in ("Not every manager is a leader.", "Some managers are not leaders."):
        ca = next(t for f, t in arrows if f == i_nodes[attacker])
        assert nodes[ca]["type"] == "CA" and (ca, i_nodes["Every manager is a leader."]) in arrows


def test_argdown_puts_attacks_under_the_claim_they_attack(quads):
    text = export.to_argdown(quads).decode()
    target = next(line for line in text.splitlines() if "Every manager is a leader." in line and line.startswith("["))
    assert target.endswith("#defeated")
    block = text.split(target, 1)[1].split("\n\n", 1)[0].strip().splitlines()
    assert [line.split()[0] for line in block] == ["><", "-"]
    titles = {line.split("]")[0] + "]" for line in text.splitlines() if line.startswith("[")}
    assert {line.split()[1] for line in block} <= titles


def test_argdown_escapes_brackets_and_hashes():
    assert export._argdown_text("see [x] #tag <a>\nnext") == "see \\[x\\] \\#tag \\<a\\> next"


# ------------------------------------------------------------------ hostile literals

HOSTILE = st.lists(
    st.sampled_from(['"', "'", '"""', "\n", "\r", "\\", "\\u0041", "\t", "😀", "\U00010348", "<", "&", "]]>", "@en", " ", "é"]),
    max_size=6,
).map("".join)
TEXT = st.one_of(HOSTILE, st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20))
LANG = st.one_of(st.sampled_from(["en", "de-ch", "zh-hans-cn", "sr-latn", "x-klingon"]), st.from_regex(r"[a-z]{2,3}(-[a-z]{2})?", fullmatch=True))


@st.composite
def hostile_quads(draw, xml_safe: bool = False) -> list[ox.Quad]:
    text = TEXT.filter(lambda t: not export._XML_FORBIDDEN.search(t)) if xml_safe else TEXT
    quads = []
    for i in range(draw(st.integers(1, 4))):
        s = ox.NamedNode(f"https://w3id.org/kg-debate/id/claim/doc/{i}")
        g = graph.document_iri(f"doc{i % 2}.txt")
        quads.append(ox.Quad(s, ox.NamedNode("https://schema.org/text"), ox.Literal(draw(text)), g))
        quads.append(ox.Quad(s, ox.NamedNode(KG + "evidence"), ox.Literal(draw(text), language=draw(LANG)), g))
        quads.append(ox.Quad(s, ox.NamedNode(KG + "modality"), ox.Literal(""), g))
    return quads


def _rdflib_literal_graph(quads) -> rdflib.Graph:
    """Built from the Python values directly, not through any serializer under test."""
    g = rdflib.Graph()
    for q in quads:
        o = q.object
        lit = rdflib.Literal(o.value, lang=o.language) if o.language else rdflib.Literal(o.value)
        g.add((rdflib.URIRef(q.subject.value), rdflib.URIRef(q.predicate.value), lit))
    return g


@settings(max_examples=40, deadline=None)
@given(hostile_quads(), st.sampled_from(["turtle", "ntriples", "trig", "nquads", "jsonld"]))
def test_hostile_literals_round_trip_through_every_text_rdf_format(quads, fmt):
    data = export.export_bytes(quads, fmt, None)
    want = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    assert _triples(data, OX_FORMAT[fmt]) == want
    if fmt in ("turtle", "ntriples"):
        parsed = rdflib.Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])
    else:
        ds = rdflib.Dataset().parse(data=data, format=RDFLIB_FORMAT[fmt])
        parsed = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            parsed.add((s, p, o))
    assert isomorphic(parsed, _rdflib_literal_graph(quads))


@settings(max_examples=40, deadline=None)
@given(hostile_quads(xml_safe=True))
def test_hostile_literals_round_trip_through_rdfxml(quads):
    data = export.to_rdfxml(quads)
    assert _triples(data, ox.RdfFormat.RDF_XML) == {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    assert isomorphic(rdflib.Graph().parse(data=data, format="xml"), _rdflib_literal_graph(quads))


@settings(max_examples=30, deadline=None)
@given(hostile_quads(), st.sampled_from([("graphml", nx.read_graphml), ("gexf", nx.read_gexf)]))
def test_hostile_literals_reach_networks_clean(quads, fmt_reader):
    fmt, reader = fmt_reader
    loaded = reader(io.BytesIO(export.export_bytes(quads, fmt, None)))
    assert dict(loaded.nodes(data=True)) == dict(export.to_networkx(quads).nodes(data=True))
    for _, data in loaded.nodes(data=True):
        assert not any(export._CONTROL.search(str(v)) for v in data.values())


@settings(max_examples=30, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_hostile_claim_texts_round_trip_through_csv(texts):
    quads = []
    for i, text in enumerate(texts):
        s = ox.NamedNode(f"https://w3id.org/kg-debate/id/claim/d/{i}")
        g = graph.document_iri("d.txt")
        quads += [
            ox.Quad(s, graph.RDF_TYPE, ox.NamedNode(KG + "Claim"), g),
            ox.Quad(s, ox.NamedNode("https://schema.org/text"), ox.Literal(text), g),
            ox.Quad(s, ox.NamedNode(KG + "relation"), ox.NamedNode("https://w3id.org/kg-debate/relation#is_a"), g),
        ]
    claims, _ = export.to_csv_tables(quads)
    rows = list(csv.DictReader(io.StringIO(claims.decode("utf-8"), newline="")))
    assert {r["claim"]: r["text"] for r in rows} == {f"https://w3id.org/kg-debate/id/claim/d/{i}": t for i, t in enumerate(texts)}


# ------------------------------------------------------------------ file names and the command


@pytest.mark.parametrize(
    "name,fmt",
    [("g.ttl", "turtle"), ("g.trig", "trig"), ("g.nq", "nquads"), ("g.nt", "ntriples"), ("g.jsonld", "jsonld"),
     ("g.rdf", "rdfxml"), ("g.graphml", "graphml"), ("g.gexf", "gexf"), ("g.csv", "csv"), ("g.zip", "csv"),
     ("g.aif.json", "aif"), ("g.argdown", "argdown")],
)  # fmt: skip
def test_format_comes_from_the_extension(name, fmt):
    assert export.format_from_path(name) == fmt


def test_an_unknown_extension_is_a_usage_error():
    with pytest.raises(UsageError, match="g.json: cannot tell the format"):
        export.format_from_path("g.json")


def test_kg_export_infers_the_format_and_writes_atomically(quads, tmp_path):
    out = _built(tmp_path, quads)
    target = tmp_path / "g.nt"
    result = CliRunner().invoke(main, ["export", "--out", str(out), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert _triples(target.read_bytes(), ox.RdfFormat.N_TRIPLES) == {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_kg_export_prints_turtle_by_default(quads, tmp_path):
    out = _built(tmp_path, quads)
    result = CliRunner().invoke(main, ["export", "--out", str(out)])
    assert result.exit_code == 0
    assert result.stdout_bytes == export.to_turtle(quads)


def test_kg_export_leaves_an_existing_file_whole_when_it_fails(tmp_path):
    bad = ox.Quad(ox.NamedNode("https://w3id.org/kg-debate/id/x"), ox.NamedNode(KG + "evidence"), ox.Literal("\x00"), graph.CONTESTS_GRAPH)
    out = _built(tmp_path, [bad])
    target = tmp_path / "g.rdf"
    target.write_text("old content")
    result = CliRunner().invoke(main, ["export", "--out", str(out), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error: rdfxml: a literal of") and result.stderr.count("\n") == 1
    assert target.read_text() == "old content"


def test_kg_export_csv_needs_a_file(quads, tmp_path):
    result = CliRunner().invoke(main, ["export", "--out", str(_built(tmp_path, quads)), "--format", "csv"])
    assert result.exit_code == 2
    assert result.stderr == "kg: error: --format csv: csv writes two tables - give -o FILE.csv or -o FILE.zip\n"


def test_kg_export_without_a_build_says_to_build(tmp_path):
    result = CliRunner().invoke(main, ["export", "--out", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "run `kg build` first" in result.stderr


def test_seeds_export_in_every_format_parses(built_seeds, tmp_path):
    out, _ = built_seeds
    store_quads = list(ox.Store.read_only(str(out / "store")).quads_for_pattern(None, None, None, None))
    for fmt in export.RDF_FORMATS:
        target = tmp_path / f"seeds.{fmt}"
        result = CliRunner().invoke(main, ["export", "--out", str(out), "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        parsed = _triples(target.read_bytes(), OX_FORMAT[fmt])
        assert {ox.Triple(q.subject, q.predicate, q.object) for q in store_quads} <= parsed
    first = CliRunner().invoke(main, ["export", "--out", str(out)]).stdout_bytes
    assert first == CliRunner().invoke(main, ["export", "--out", str(out)]).stdout_bytes


def test_knowledge_graph_serializes_in_every_export_format(built_seeds):
    _, kg_graph = built_seeds
    assert kg_graph.serialize() == kg_graph.serialize("turtle")
    nt = kg_graph.serialize("ntriples").decode("utf-8")
    assert len(list(ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES))) == len(nt.strip().splitlines())
    assert kg_graph.serialize("argdown").startswith(b"===")
