"""SHACL validation (kg validate) and the safe RDF reader behind it (kg.imports)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import export, graph, imports
from kg.cli import main
from kg.errors import InputError
from kg.validate import Violation, validate_quads

KG = "https://w3id.org/kg-debate/vocab#"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture
def quads(sample_extraction) -> list[ox.Quad]:
    return list(dict.fromkeys(graph.extraction_quads(sample_extraction)))


def _without(quads, predicate: str) -> list[ox.Quad]:
    return [q for q in quads if q.predicate.value != predicate]


def _replace_object(quads, predicate: str, make) -> list[ox.Quad]:
    return [ox.Quad(q.subject, q.predicate, make(q.object), q.graph_name) if q.predicate.value == predicate else q for q in quads]


def test_the_hand_made_graph_conforms(quads):
    assert validate_quads(quads) == []


def test_a_claim_without_quantifier_is_reported_per_claim(quads, sample_extraction):
    violations = validate_quads(_without(quads, KG + "quantifier"))
    claims = sorted(export.compact(graph.claim_iri(c).value) for c in sample_extraction.claims())
    assert [v.focus for v in violations] == claims
    assert {(v.path, v.message) for v in violations} == {
        ("kg:quantifier", "needs exactly one kg:quantifier: kg:All, kg:Some, kg:None or kg:Generic")
    }


def test_a_string_offset_breaks_the_selector_shape(quads):
    broken = _replace_object(quads, OA + "start", lambda o: ox.Literal(o.value))
    violations = validate_quads(broken)
    assert violations and all(v.path == "oa:start" and v.focus.endswith("#selector") for v in violations)
    assert "integer" in violations[0].message


def test_a_contest_of_a_claim_by_itself_is_refused(quads):
    contested = [q for q in quads if q.predicate.value == KG + "contestedClaim"][0]
    broken = [
        ox.Quad(q.subject, q.predicate, contested.object, q.graph_name)
        if q.predicate.value == KG + "contestingClaim" and q.subject == contested.subject
        else q
        for q in quads
    ]
    [violation] = validate_quads(broken)
    assert violation.path == "kg:contestedClaim" and violation.focus.startswith("id:contest/")


def test_a_concept_of_two_types_is_refused(quads):
    manager = graph.concept_iri("manager")
    broken = quads + [ox.Quad(manager, graph.RDF_TYPE, ox.NamedNode(KG + "Trait"), graph.CONTESTS_GRAPH)]
    violations = validate_quads(broken)
    assert [v.focus for v in violations] == ["kgc:manager"] and violations[0].path == ""


def test_a_document_with_a_bad_hash_is_refused(quads):
    broken = _replace_object(quads, KG + "sha256", lambda o: ox.Literal("not-a-hash"))
    violations = validate_quads(broken)
    assert {(v.focus.split("/")[0], v.path) for v in violations} == {("id:doc", "kg:sha256")}


def test_violation_reads_focus_path_message():
    assert str(Violation("id:claim/x", "kg:polarity", "needs one")) == "id:claim/x - kg:polarity - needs one"
    assert str(Violation("kgc:x", "", "two types")) == "kgc:x - (node) - two types"


def test_kg_validate_fails_a_broken_file_with_one_line_per_violation(quads, tmp_path):
    broken = tmp_path / "broken.nq"
    broken.write_bytes(ox.serialize(_without(quads, KG + "polarity"), format=ox.RdfFormat.N_QUADS))
    result = CliRunner().invoke(main, ["validate", str(broken)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 6  # four claims and two attributions lose their polarity
    assert all(len(line.split(" - ")) == 3 and " - kg:polarity - " in line for line in lines)
    assert result.stderr == f"kg: error: {broken}: 6 SHACL violations - fix the data or the extraction that made it\n"


def test_kg_validate_passes_an_exported_file(quads, tmp_path):
    good = tmp_path / "good.ttl"
    good.write_bytes(export.to_turtle(quads))
    result = CliRunner().invoke(main, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    assert result.stdout == f"{good}: conforms ({len(triples)} quads)\n"


def test_kg_validate_passes_the_built_seeds(built_seeds):
    out, _ = built_seeds
    result = CliRunner().invoke(main, ["validate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{out}/store: conforms (")


# ------------------------------------------------------------------ reading other tools' files


@pytest.mark.parametrize("fmt,suffix", [("turtle", ".ttl"), ("ntriples", ".nt"), ("rdfxml", ".rdf")])
def test_graph_files_land_in_their_import_graph(quads, tmp_path, fmt, suffix):
    path = tmp_path / f"g{suffix}"
    path.write_bytes(export.export_bytes(quads, fmt))
    got = imports.read_rdf(path)
    assert {q.graph_name for q in got.quads} == {got.graph}
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in got.quads} == {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.mark.parametrize("fmt,suffix", [("trig", ".trig"), ("nquads", ".nq"), ("jsonld", ".jsonld")])
def test_dataset_files_keep_their_named_graphs(quads, tmp_path, fmt, suffix):
    path = tmp_path / f"g{suffix}"
    path.write_bytes(export.export_bytes(quads, fmt))
    got = imports.read_rdf(path)
    assert set(got.quads) == set(quads)


def test_the_import_graph_comes_from_the_content(tmp_path):
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    for path in (a, b):
        path.write_text("<http://example.org/s> <http://example.org/p> \"o\" .\n")
    assert imports.read_rdf(a).graph == imports.read_rdf(b).graph


def test_malformed_turtle_fails_with_file_line_and_column(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:s ex:p ex:o .\nex:s ex:p "open .\n')
    with pytest.raises(InputError) as err:
        imports.read_rdf(path)
    assert str(err.value).startswith(f"{path}:3:")
    assert str(err.value).endswith(" - fix the turtle syntax") and "\n" not in str(err.value)


def test_malformed_jsonld_fails_with_file_line_and_column(tmp_path):
    path = tmp_path / "bad.jsonld"
    path.write_text('{"@id": "http://example.org/s",\n "http://example.org/p": [1,}')
    with pytest.raises(InputError, match=r"bad.jsonld:2:\d+: malformed JSON"):
        imports.read_rdf(path)


@pytest.mark.parametrize(
    "context",
    ['"https://example.org/context.jsonld"', '["https://example.org/c", {"ex": "http://example.org/"}]', '{"@import": "https://example.org/c"}'],
)
def test_jsonld_remote_context_is_refused_before_parsing(tmp_path, monkeypatch, context):
    def no_parse(*args, **kwargs):
        raise AssertionError("the parser ran")

    monkeypatch.setattr(imports.ox, "parse", no_parse)
    path = tmp_path / "remote.jsonld"
    path.write_text('{\n  "@context": ' + context + ',\n  "@id": "http://example.org/s"\n}')
    with pytest.raises(InputError, match=r"remote.jsonld:2:\d+: JSON-LD names a remote @context 'https://example.org/c"):
        imports.read_rdf(path)


def test_rdfxml_with_entities_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(imports.ox, "parse", lambda *a, **k: (_ for _ in ()).throw(AssertionError("the parser ran")))
    lol = "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))
    path = tmp_path / "laughs.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY lol0 "lol">' + lol + "]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="http://example.org/s"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>\n'
    )
    with pytest.raises(InputError, match=r"laughs.rdf:2:1: RDF/XML with a DOCTYPE declaration is refused"):
        imports.read_rdf(path)


def test_malformed_xml_fails_with_file_line_and_column(tmp_path):
    path = tmp_path / "bad.rdf"
    path.write_text('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description>\n</rdf:RDF>\n')
    with pytest.raises(InputError, match=r"bad.rdf:4:\d+: malformed XML: mismatched tag"):
        imports.read_rdf(path)


def test_an_unknown_extension_names_the_ones_it_reads(tmp_path):
    with pytest.raises(InputError, match=r"g.csv: cannot tell the RDF format .* - name the file "):
        imports.read_rdf(tmp_path / "g.csv")


def test_kg_validate_reports_a_malformed_file_in_one_line(tmp_path):
    path = tmp_path / "bad.nt"
    path.write_text("<http://example.org/s> <http://example.org/p> <not an iri> .\n")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: error: {path}:1:") and result.stderr.count("\n") == 1
