"""kg.turtle and kg.graph.document_statements: a document's Turtle written directly is what the general serializer writes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import builder, graph, turtle
from kg.corpus import read_document
from kg.lexicon import load_lexicon
from kg.records import ATTRIBUTION_RELATIONS, CONCEPT_TYPES, POLARITIES, QUANTIFIERS, Attribution, Claim, Concept
from kg.records import Document, DocumentExtraction, Post, Span
from kg.rules import extract_document
from kg.vocab import REL

ROOT = Path(__file__).resolve().parent.parent

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TRICKY = ["", " ", '"', "\\", "\\n", "\x00", "\x7f", "\ufffe", "\uffff", "é", "\u2028", "a\r\nb", "\t", "@en", "true", "12",
          f" <{RDF_TYPE}> ", f"x <{RDF_TYPE}> ", "_:b", "<http://x>", "kg:Role", "-", "."]
_texts = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12))
_labels = st.one_of(st.sampled_from(sorted(e.label for e in load_lexicon().entries)[:40]), _texts)
_names = st.one_of(st.none(), st.sampled_from(["Ann", "Bob Stone", "ann", "Ann!", "é"]), _texts)
_spans = st.builds(lambda a, n, t: Span(a, a + n, t), st.integers(0, 10_000), st.integers(0, 300), _texts)


@st.composite
def extractions(draw) -> DocumentExtraction:
    name = draw(st.one_of(st.sampled_from(["a.txt", "000_b06.txt", "Thread (2).md"]), _texts))
    speakers = draw(st.lists(_names, max_size=3))
    posts = tuple(Post(Span(i, i + 1, "x"), speaker) for i, speaker in enumerate(speakers))
    document = Document(name=name, text=draw(_texts), sha256=draw(_texts), posts=posts)
    concepts = draw(st.lists(st.builds(Concept, _labels, st.sampled_from(CONCEPT_TYPES), st.lists(_spans, max_size=3).map(tuple), st.booleans()), max_size=4))
    relations = sorted(ATTRIBUTION_RELATIONS.values())
    attributions = draw(st.lists(st.builds(Attribution, _labels, st.sampled_from(relations), _labels, st.sampled_from(POLARITIES), _spans), max_size=4))
    claims = draw(
        st.lists(
            st.builds(
                Claim,
                st.just(name),
                _spans,
                st.one_of(_labels, st.sampled_from([c.label for c in concepts] or ["x"])),
                st.sampled_from(sorted(name for name in REL.__annotations__)),
                _labels,
                st.sampled_from(QUANTIFIERS),
                st.sampled_from(POLARITIES),
                st.one_of(st.none(), _texts),
                _names,
                st.lists(st.one_of(st.sampled_from(["Ann", "Bob Stone"]), _texts), max_size=2).map(tuple),
            ),
            max_size=4,
        )
    )
    return DocumentExtraction(document, tuple(concepts), tuple(attributions), tuple(claims))


@settings(max_examples=300, deadline=None)
@given(extractions())
def test_document_turtle_is_what_the_general_serializer_writes(extraction):
    direct = turtle.body(graph.document_statements(extraction)).encode()
    assert direct == builder._turtle_body(graph.document_quads(extraction))


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
    _texts.map(turtle.string),
    _texts.map(lambda t: turtle.string(t) + "@en"),
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
        assert turtle.body(graph.document_statements(doc)).encode() == builder._turtle_body(graph.document_quads(doc)), path.name
