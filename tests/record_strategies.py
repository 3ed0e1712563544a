"""Hypothesis strategies for extraction records with hostile texts (tests of writers that must match a general one)."""

from __future__ import annotations

from hypothesis import strategies as st

from kg.lexicon import load_lexicon
from kg.records import ATTRIBUTION_RELATIONS, CONCEPT_TYPES, POLARITIES, QUANTIFIERS, Attribution, Claim, Concept
from kg.records import Document, DocumentExtraction, Post, Span
from kg.vocab import REL

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TRICKY = ["", " ", '"', "\\", "\\n", "\x00", "\x7f", "\ufffe", "\uffff", "é", "\u2028", "a\r\nb", "\t", "@en", "true", "12",
          f" <{RDF_TYPE}> ", f"x <{RDF_TYPE}> ", "_:b", "<http://x>", "kg:Role", "-", "."]
texts = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12))
_labels = st.one_of(st.sampled_from(sorted(e.label for e in load_lexicon().entries)[:40]), texts)
_names = st.one_of(st.none(), st.sampled_from(["Ann", "Bob Stone", "ann", "Ann!", "é"]), texts)
# Small offsets often give two records the same span, hence the same mention, attribution or claim node.
_spans = st.builds(lambda a, n, t: Span(a, a + n, t), st.one_of(st.integers(0, 2), st.integers(0, 10_000)), st.integers(0, 2), texts)


@st.composite
def extractions(draw) -> DocumentExtraction:
    name = draw(st.one_of(st.sampled_from(["a.txt", "000_b06.txt", "Thread (2).md"]), texts))
    speakers = draw(st.lists(_names, max_size=3))
    posts = tuple(Post(Span(i, i + 1, "x"), speaker) for i, speaker in enumerate(speakers))
    document = Document(name=name, text=draw(texts), sha256=draw(texts), posts=posts)
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
                st.one_of(st.none(), texts),
                _names,
                st.lists(st.one_of(st.sampled_from(["Ann", "Bob Stone"]), texts), max_size=2).map(tuple),
            ),
            max_size=4,
        )
    )
    return DocumentExtraction(document, tuple(concepts), tuple(attributions), tuple(claims))
