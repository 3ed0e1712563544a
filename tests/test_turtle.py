"""kg.turtle, kg.graph.document_statements and document_turtle: a document's Turtle written directly is what the general serializer writes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import builder, graph, turtle
from kg.corpus import read_document
from kg.rules import extract_document
from record_strategies import RDF_TYPE, extractions, texts

ROOT = Path(__file__).resolve().parent.parent

@settings(max_examples=300, deadline=None)
@given(extractions())
def test_document_turtle_is_what_the_general_serializer_writes(extraction):
    general = builder._turtle_body(graph.document_quads(extraction))
    assert graph.document_turtle(extraction).encode() == general
    assert turtle.body(graph.document_statements(extraction)).encode() == general


@settings(max_examples=150, deadline=None)
@given(extractions())
def test_document_statements_are_the_document_quads(extraction):
    lines = "".join(f"{s} {p} {o} .\n" for s, p, o in graph.document_statements(extraction))
    parsed = {(t.subject, t.predicate, t.object) for t in ox.parse(lines.encode(), format=ox.RdfFormat.N_TRIPLES)}
    assert parsed == {(q.subject, q.predicate, q.object) for q in graph.document_quads(extraction)}


_iris = st.one_of(
    st.sampled_from(["https://w3id.org/kg-debate/concept/", "https://w3id.org/kg-debate/vocab#", "https://w3id.org/kg-debate/id/",
                     "http://www.w3.org/ns/oa#", "http://example.org/", RDF_TYPE]),
    st.sampled_from(["https://w3id.org/kg-debate/concept/", "https://w3id.org/kg-debate/relation#", "https://schema.org/"]),
).flatmap(lambda base: st.one_of(st.text(alphabet="ab0-_.:~é·", max_size=6), st.sampled_from(["%41b", "a%20", "x/y"])).map(lambda local: base + local if base != RDF_TYPE else base))
_objects = st.one_of(
    _iris.map(turtle.iri),
    texts.map(turtle.string),
    texts.map(lambda t: turtle.string(t) + "@en"),
    st.integers(-5, 10**12).map(turtle.integer),
    st.booleans().map(turtle.boolean),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_iris.map(turtle.iri), _iris.map(turtle.iri), _objects), max_size=12))
def test_any_triples_are_written_as_the_general_serializer_writes_them(triples):
    quads = [ox.Quad(*(_node(term) for term in triple), ox.DefaultGraph()) for triple in triples]
    assert turtle.body(triples).encode() == builder._turtle_body(quads)


def _node(term: str):
    return next(iter(ox.parse(f"<http://example.org/s> <http://example.org/p> {term} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object


def test_the_seeds_and_dev_texts_are_written_the_same_both_ways():
    paths = sorted((ROOT / "seeds").iterdir()) + sorted((ROOT / "tests" / "dev" / "texts").iterdir())
    for path in paths:
        doc = extract_document(read_document(path))
        general = builder._turtle_body(graph.document_quads(doc))
        assert graph.document_turtle(doc).encode() == general, path.name
        assert turtle.body(graph.document_statements(doc)).encode() == general, path.name


def test_literals_holding_the_rdf_type_iri_are_ordered_as_the_general_serializer_orders_them():
    # kg.export's sort puts a stand-in for the rdf:type IRI wherever " <IRI> " occurs, inside literals too,
    # which puts the first literal before the second.
    s, p = turtle.iri("http://example.org/s"), turtle.iri("http://example.org/p")
    triples = [(s, p, turtle.string(f"x <{RDF_TYPE}> ")), (s, p, turtle.string("x <a")), (s, turtle.iri(RDF_TYPE), p)]
    quads = [ox.Quad(*(_node(term) for term in triple), ox.DefaultGraph()) for triple in triples]
    written = turtle.body(triples)
    assert written.encode() == builder._turtle_body(quads)
    assert written.index("x <a") > written.index(RDF_TYPE)


def test_a_shape_refuses_a_predicate_whose_objects_a_template_cannot_order():
    p, o = turtle.iri("http://example.org/p"), turtle.iri("http://example.org/o")
    for predicates in (((p, None), (p, None)), ((p, None), (p, o))):
        with pytest.raises(ValueError, match="constant objects or one value"):
            turtle.Shape(*predicates)
