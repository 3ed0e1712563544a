"""Inputs for the viewer tests: a store from records, a hostile corpus, a synthetic large view."""

from __future__ import annotations

import hashlib

from kg import contest, graph
from kg.api import KnowledgeGraph
from kg.records import Attribution, Claim, Concept, Contest, Document, DocumentExtraction, Extraction, Post, Span
from kg.render import Edge, Node, View
from kg.store import Store

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"quoted\" 'single' back\\slash",
    "</script><script>alert(2)</script>",
    "<a href=javascript:alert(3)>click</a>",
)


def graph_of(extraction: Extraction) -> KnowledgeGraph:
    """An in-memory store holding the quads ``kg build`` would write for ``extraction``."""
    store = Store()
    store.load(graph.extraction_quads(extraction))
    return KnowledgeGraph(store=store)


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def hostile_extraction() -> Extraction:
    """A thread whose concepts, claims, speaker names and file name carry every payload."""
    evil_speaker = "<img src=x onerror=alert(4)>Eve"
    evil_role = "boss <script>alert(5)</script>"
    evil_trait = "grit\" onmouseover=alert(6) x=\"</script>"
    claim_a = "Every boss <script>alert(1)</script> is a leader <img src=x onerror=alert(1)>."
    claim_b = "No boss is a leader \"quoted\" 'single' back\\slash </script><script>alert(2)</script> href=javascript:alert(3)."
    text = f"{claim_a}\n{claim_b}\nBosses show {evil_trait}."
    post_a = Post(_span(text, claim_a), evil_speaker)
    post_b = Post(_span(text, claim_b), "Bob \\ </script>", (evil_speaker,))
    name = "<img src=x onerror=alert(7)>.txt"
    doc = Document(name, text, hashlib.sha256(text.encode()).hexdigest(), posts=(post_a, post_b))
    a = Claim(name, _span(text, claim_a), evil_role, "is_a", "leader", "all", "positive", None, evil_speaker)
    b = Claim(name, _span(text, claim_b), evil_role, "is_a", "leader", "none", "positive", None, "Bob \\ </script>", (evil_speaker,))
    concepts = (
        Concept(evil_role, "role", (_span(text, "boss"),)),
        Concept("leader", "role", (_span(text, "leader"),)),
        Concept(evil_trait, "trait", (_span(text, evil_trait),)),
    )
    atts = (Attribution(evil_role, "has_trait", evil_trait, "positive", _span(text, f"Bosses show {evil_trait}.")),)
    rebuttal = Contest(a.key, b.key, "rebuttal", "reply-disagrees", b.evidence, False)
    docs = (DocumentExtraction(doc, concepts, atts, (a, b), (rebuttal,)),)
    return Extraction(docs, (rebuttal,), tuple(contest.grounded_standings([a, b], [rebuttal])))


HOSTILE_TEXTS = (
    "<img src=x onerror=alert(4)>Eve",
    "boss <script>alert(5)</script>",
    "grit\" onmouseover=alert(6) x=\"</script>",
    "Bob \\ </script>",
    "<img src=x onerror=alert(7)>.txt",
)


def synthetic_view(n: int) -> View:
    """``n`` nodes in a ring of roles with traits and claims hanging off it: no store, for layout/size tests."""
    nodes, edges = [], []
    for i in range(n):
        kind = ("role", "trait", "claim")[i % 3]
        nodes.append(Node(id=f"urn:x:{i}", kind=kind, label=f"{kind} {i}", docs=("d.txt",)))
        if i:
            edges.append(Edge(f"urn:x:{i - 1}", f"urn:x:{i}", "attribution", "has trait"))
    return View(tuple(nodes), tuple(edges))
