"""Property tests: extraction on arbitrary text gives records that point at their own text, and a
graph that re-parses (rdflib and pyoxigraph) and passes the SHACL shapes.

Run with ``--hypothesis-show-statistics`` to see how many inputs each property tried and how many
of them gave claims (the ``event`` lines).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from kg import contest, export, graph
from kg.corpus import document_from_text
from kg.records import DocumentExtraction, Extraction, Span
from kg.rules import extract_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def seed_lines() -> tuple[str, ...]:
    return tuple(line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@cache
def seed_words() -> tuple[str, ...]:
    return tuple(sorted({word for line in seed_lines() for word in line.split()}))


# Glue between the pieces: the line ends, bullets, quotes and punctuation the rules look at.
SEPARATORS = (" ", " ", " ", "\n", "\r\n", "\r", "\n\n", ": ", ":\n", ". ", "\n• ", "\n- ", "\n1. ", ", ", "“", "”", "‘", "’", '"', "\t", "\u2028", "\u00a0", "**", "_", "  ", " *", "* ")

# Characters that change length under case mapping, combine, join, or end lines in some readers only.
HOSTILE = ("İ", "ß", "ﬁ", "ŉ", "\u0301", "\u200b", "\u200d", "\ufeff", "\x85", "\x0c", "\x00", "🙂", "👩‍👩‍👧", "\U0010ffff")

arbitrary_text = st.text(max_size=300)


@st.composite
def domain_text(draw) -> str:
    """Real sentences and words of the seeds, shuffled, glued by line ends, bullets and quotes, with arbitrary Unicode among them."""
    piece = st.one_of(
        st.sampled_from(seed_lines()),
        st.sampled_from(seed_words()),
        st.sampled_from(SEPARATORS),
        st.sampled_from(HOSTILE),
        st.text(max_size=8),
    )
    parts = draw(st.lists(piece, max_size=25))
    return "".join(part + draw(st.sampled_from(SEPARATORS)) for part in parts)


any_text = st.one_of(arbitrary_text, domain_text())


@cache
def thread_lines() -> tuple[str, ...]:
    """Lines of the thread layouts the rules read (bylines, footers, quotes, digests, transcripts)."""
    import test_thread_layouts as layouts

    texts = [value for name, value in vars(layouts).items() if name.isupper() and isinstance(value, str)]
    return tuple(line for text in texts for line in text.splitlines() if line.strip())


@st.composite
def thread_text(draw) -> str:
    """Lines of thread layouts shuffled with seed lines, glued by line ends and quote marks."""
    piece = st.one_of(st.sampled_from(thread_lines()), st.sampled_from(seed_lines()), st.sampled_from(HOSTILE), st.text(max_size=6))
    parts = draw(st.lists(piece, max_size=30))
    return "".join(part + draw(st.sampled_from(SEPARATORS + ("\n> ", "\n\n", "\n  "))) for part in parts)


def spans_of(result: DocumentExtraction) -> list[tuple[str, Span]]:
    """Every span a record carries, named by where it comes from."""
    doc = result.document
    found: list[tuple[str, Span]] = []
    found += [("post", post.span) for post in doc.posts]
    found += [(kind, span) for s in doc.sections for kind, span in (("section header", s.header), ("section body", s.body))]
    found += [(f"mention of {c.label}", m) for c in result.concepts for m in c.mentions]
    found += [("attribution", a.evidence) for a in result.attributions]
    found += [("claim", c.evidence) for c in result.claims]
    found += [("rebuttal", r.evidence) for r in result.rebuttals]
    return found


def check_records(text: str, result: DocumentExtraction) -> None:
    assert result.document.text == text
    for kind, span in spans_of(result):
        assert 0 <= span.start <= span.end <= len(text), f"{kind} {span} out of range"
        assert text[span.start : span.end] == span.text, f"{kind} {span} is not its text"
    keys = {claim.key for claim in result.claims}
    for claim in result.claims:
        assert claim.doc == result.document.name
    for rebuttal in result.rebuttals:
        assert {rebuttal.target, rebuttal.attacker} <= keys


def extraction_of(text: str) -> tuple[DocumentExtraction, Extraction]:
    result = extract_document(document_from_text("fuzz.txt", text))
    contests = contest.find_contests([result])
    standings = contest.grounded_standings(list(result.claims), contests)
    return result, Extraction((result,), tuple(contests), tuple(standings))


def _count(result: DocumentExtraction) -> None:
    event("gave claims" if result.claims else "gave no claim")
    event("gave concepts" if result.concepts else "gave no concept")


@settings(FUZZ, max_examples=300)
@given(arbitrary_text)
@example("")
@example("you")  # once raised IndexError: a cue matched past the end of the clause
@example("Managers:\r\n• plan\r\nLeaders:\r\n• inspire\r\n")
def test_arbitrary_unicode_gives_records_that_point_at_their_text(text):
    result = extract_document(document_from_text("fuzz.txt", text))
    _count(result)
    check_records(text, result)


@settings(FUZZ, max_examples=300)
@given(domain_text())
def test_shuffled_seed_text_gives_records_that_point_at_their_text(text):
    result = extract_document(document_from_text("fuzz.txt", text))
    _count(result)
    check_records(text, result)


@settings(FUZZ, max_examples=200)
@given(thread_text())
def test_shuffled_thread_layouts_give_records_that_point_at_their_text(text):
    result, extraction = extraction_of(text)
    _count(result)
    check_records(text, result)
    speakers = set(result.document.speakers)
    assert {c.asserted_by for c in result.claims} <= speakers | {None}


@settings(FUZZ, max_examples=100)
@given(any_text)
def test_the_graph_of_any_text_reparses_in_rdflib_and_pyoxigraph(text):
    result, extraction = extraction_of(text)
    _count(result)
    quads = list(graph.extraction_quads(extraction, with_ontology=False))
    turtle = export.to_turtle(quads)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    assert {q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)} == triples
    assert len(rdflib.Graph().parse(data=turtle, format="turtle")) == len(triples)
    nquads = export.to_nquads(quads)
    # Besides the document graphs, N-Quads carries the export's provenance in the default graph.
    named = {q for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS) if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert named == set(quads)


@settings(FUZZ, max_examples=20)
@given(domain_text())
def test_the_graph_of_any_text_passes_shacl(text):
    from kg.validate import validate_quads

    result, extraction = extraction_of(text)
    _count(result)
    assert validate_quads(graph.extraction_quads(extraction)) == []
