"""Fuzzing the viewer page: hostile labels, evidence, speaker and file names reach it only as escaped JSON.

Each generated corpus is drawn twice - from an in-memory store with SPARQL (what `kg render` does)
and from the records (what `kg build` does) - and the two pages must be identical. The page is then
parsed back: its markup must be exactly the markup of a page drawn from harmless names (so no
document string added an element, an attribute or a line of text), and the JSON it carries must
give back every input string unchanged.
"""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg import contest, graph, render
from kg.records import Attribution, Claim, Concept, Contest, Document, DocumentExtraction, Extraction, Post, Span
from viewer_samples import graph_of

# Pieces that break out of a script element, a comment, an attribute, a JavaScript or template
# string, or that confuse text direction and line ends; strings are built from these and any text.
FRAGMENTS = (
    "</script>", "</SCRIPT >", "</script", "<script>alert(1)</script>", "<!--", "-->", "<!--<script>",
    "<![CDATA[", "]]>", "</style>", "<style>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>", "javascript:alert(1)", "\u2028", "\u2029", "\\", "\\u003c/script>",
    "\\x3c", '"', "'", "`", "${alert(1)}", "{{ 7*7 }}", "{% if 1 %}x{% endif %}", "{#", "#}", "&lt;",
    "&amp;", "&#60;", "&", "<", ">", "/", "\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\ufeff",
    "\x00", "\r\n", "\r", "\n", "\t", "\x1b", "\x7f", "\U0001f600", "\u0301", "</title>", "<body onload=alert(1)>",
)

_any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)  # lone surrogates removed
_short = st.lists(st.one_of(st.sampled_from(FRAGMENTS), _any_text), min_size=1, max_size=8).map("".join)
_long = st.tuples(_short, st.integers(min_value=300, max_value=4000)).map(lambda pair: (pair[0] * pair[1])[:60_000])
hostile = st.one_of(_short, _short, _short, _long).filter(lambda s: s.strip() != "")


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def hostile_corpus(name: str, role: str, trait: str, speaker: str, other: str, said: str, reply: str, evidence: str) -> Extraction:
    """One thread: ``speaker`` says ``said`` (every ``role`` is a leader), ``other`` replies ``reply`` to them;
    ``role`` has ``trait``, per ``evidence``, and lacks it, per ``reply``."""
    text = f"{said}\n{reply}\n{evidence}\n{role} {trait}"
    a_span = _span(text, said)
    b_span = _span(text, reply, a_span.end)
    e_span = _span(text, evidence, b_span.end)
    tail = e_span.end + 1
    role_span = Span(tail, tail + len(role), role)
    trait_span = Span(role_span.end + 1, role_span.end + 1 + len(trait), trait)
    posts = (Post(a_span, speaker), Post(b_span, other, (speaker,)))
    doc = Document(name, text, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), posts=posts)
    a = Claim(name, a_span, role, "is_a", "leader", "all", "positive", None, speaker)
    b = Claim(name, b_span, role, "is_a", "leader", "none", "positive", reply[:30], other, (speaker,))
    concepts = (
        Concept(role, "role", (role_span,)),
        Concept("leader", "role", (role_span,)),
        Concept(trait, "trait", (trait_span,)),
    )
    atts = (
        Attribution(role, "has_trait", trait, "positive", e_span),
        Attribution(role, "has_trait", trait, "negative", b_span),
    )
    rebuttal = Contest(a.key, b.key, "rebuttal", "reply-disagrees", b_span, False)
    docs = (DocumentExtraction(doc, concepts, atts, (a, b), (rebuttal,)),)
    return Extraction(docs, (rebuttal,), tuple(contest.grounded_standings([a, b], [rebuttal])))


def records_page(extraction: Extraction) -> str:
    """The page as `kg build` draws it: from the records, without a store."""
    parts = [render.document_facts(doc) for doc in extraction.documents]
    iris = graph.claim_iris(extraction)
    parts.append(render.reasoning_facts(extraction.contests, extraction.standings, iris))
    return render.render_facts(parts)


class Skeleton(HTMLParser):
    """A page as parsed: every tag with its attributes, the text between tags, and each script's text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.scripts: list[str] = []
        self.texts: list[str] = []
        self._in: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(attrs)))
        self._in = tag

    def handle_startendtag(self, tag, attrs):
        self.events.append(("empty", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        else:
            self.texts.append(data)
            self.events.append(("text", data))

    def handle_comment(self, data):
        self.events.append(("comment", data))

    def handle_decl(self, decl):
        self.events.append(("decl", decl))

    def handle_pi(self, data):
        self.events.append(("pi", data))

    def unknown_decl(self, data):
        self.events.append(("unknown", data))


_BENIGN = hostile_corpus("doc.txt", "boss", "grit", "Ann", "Bob", "Every boss is a leader.", "No boss is.", "Bosses show grit.")
_BENIGN_PAGE = Skeleton(records_page(_BENIGN))


def _assert_round_trip(extraction: Extraction, html: str) -> None:
    page = Skeleton(html)
    # Markup, text and the two inlined scripts are those of a harmless page: nothing a document
    # said became an element, an attribute, a comment or a line of the page's text.
    assert page.events == _BENIGN_PAGE.events
    assert len(page.scripts) == 3 and page.scripts[1:] == _BENIGN_PAGE.scripts[1:]
    data = json.loads(page.scripts[0])
    assert not {"<", ">", "&"} & set(page.scripts[0])

    (doc,) = extraction.documents
    a, b = doc.claims
    nodes = {n["iri"]: n for n in data["nodes"]}
    meta = data["meta"]
    role, leader, trait = (graph.concept_iri(c.label).value for c in doc.concepts)
    assert (nodes[role]["label"], nodes[trait]["label"]) == (doc.concepts[0].label, doc.concepts[2].label)
    assert nodes[graph.document_iri(doc.document.name).value]["label"] == doc.document.name
    assert meta["documents"] == [doc.document.name]
    for name in (a.asserted_by, b.asserted_by):
        assert nodes[graph.person_iri(name).value]["label"] == name
        assert name in meta["speakers"]
    first, second = (meta["claims"][nodes[graph.claim_iri(c).value]["id"]] for c in (a, b))
    assert (first["text"], first["speaker"]) == (a.evidence.text, a.asserted_by)
    assert (second["text"], second["speaker"], second["addressees"]) == (b.evidence.text, b.asserted_by, [a.asserted_by])
    assert second["form"].startswith(f"none · {b.modality} · {doc.concepts[0].label} · ")
    assert [(c["kind"], c["evidence"]) for c in first["contestedBy"]] == [("rebuttal", b.evidence.text)]
    quotes = {(e["kind"], q) for e in data["edges"] for q in e.get("evidence", ())}
    assert ("attribution", doc.attributions[0].evidence.text) in quotes
    assert ("denied", doc.attributions[1].evidence.text) in quotes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    name=hostile, role=hostile, trait=hostile, speaker=hostile, other=hostile, said=hostile, reply=hostile, evidence=hostile,
)
def test_hostile_strings_reach_the_page_only_as_escaped_json(name, role, trait, speaker, other, said, reply, evidence):
    labels = {role, trait, "leader"}
    assume(len({graph.concept_iri(label).value for label in labels}) == 3)
    assume(graph.person_iri(speaker) != graph.person_iri(other))
    assume(said != reply and reply not in said and said.strip() and reply.strip())
    extraction = hostile_corpus(name, role, trait, speaker, other, said, reply, evidence)
    html = records_page(extraction)
    # `kg render` reads the same page back from a store holding the graph.
    assert render.render_html(graph_of(extraction)) == html
    _assert_round_trip(extraction, html)


@settings(max_examples=60, deadline=None)
@given(title=hostile)
def test_a_hostile_title_is_text_of_the_title_and_heading_only(title):
    page = Skeleton(render.render_view(render.read_view(graph_of(_BENIGN)), title=title))
    expected = [("text", title) if event == ("text", render.TITLE) else event for event in _BENIGN_PAGE.events]
    assert page.events == expected
