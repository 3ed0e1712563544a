"""Graph -> one self-contained HTML page: the debate viewer (pyvis + vis-network, offline).

The page is drawn from the rows a graph gives (:class:`Facts`): SPARQL over a built store, or the
same rows taken from the records while a build writes that store, so an already built folder
renders the same as a fresh build. Every text from a document travels to the page as JSON inside a
``<script type="application/json">`` block (``<``, ``>``, ``&`` and ``'`` escaped) and reaches the DOM
only through ``textContent``; nothing from a document is written as markup.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from kg import graph
from kg.errors import UsageError
from kg.graph import CONTESTS_GRAPH, ONTOLOGY_GRAPH
from kg.records import Contest, DocumentExtraction, Standing
from kg.vocab import ATTRIBUTION_PROPERTY, KIND, POLARITY, QUANTIFIER, REL, STATUS, TYPE_CLASS

TITLE = "kg: debate network"
# Past this many nodes the layout is computed here and physics stays off, so the page draws at once.
PHYSICS_LIMIT = 300
# Past this many edges, edge labels move into tooltips (thousands of canvas labels slow every frame).
EDGE_LABEL_LIMIT = 1500
# A page holds at most this many nodes and links: past them a browser neither parses nor draws it
# in useful time. A larger graph's page keeps its most connected nodes; `kg render --focus` shows any part.
PAGE_NODES = 20_000
PAGE_EDGES = 60_000

KINDS = ("role", "trait", "skill", "focus", "claim", "speaker", "document")
KIND_STYLE = {  # kind -> (legend label, colour, vis shape)
    "role": ("Role", "#1f77b4", "dot"),
    "trait": ("Trait", "#2ca02c", "diamond"),
    "skill": ("Skill", "#9467bd", "triangle"),
    "focus": ("Focus", "#ff7f0e", "triangleDown"),
    "claim": ("Claim", "#17becf", "hexagon"),
    "speaker": ("Speaker", "#e377c2", "star"),
    "document": ("Document", "#7f7f7f", "square"),
}
CONTESTED_FILL = "#ff9896"
DEFEATED_FILL = "#d9d9d9"
CONTEST_RED = "#d62728"
EDGE_STYLE = {  # edge kind -> (legend label, colour, dashes)
    "attribution": ("has trait / skill / focus", "#6b6b6b", False),
    "denied": ("denied (negative) link", "#8c564b", [3, 5]),
    "subject": ("claim subject / object", "#9edae5", False),
    "said": ("said by / addressed to", "#e377c2", False),
    "source": ("in document / speaks in", "#c7c7c7", False),
    "rebuttal": ("rebuttal (contest)", CONTEST_RED, False),
    "contradiction": ("contradiction (contest)", CONTEST_RED, [8, 6]),
}
ATTRIBUTION_LABEL = {"has_trait": "has trait", "has_skill": "has skill", "focuses_on": "focuses on"}
PROPERTY_RELATION = {"hasTrait": "has_trait", "hasSkill": "has_skill", "focusesOn": "focuses_on"}

_CONCEPT_KIND = {"Role": "role", "Trait": "trait", "Skill": "skill", "Focus": "focus"}
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Contestation:
    """One contest as seen from a claim: the other claim, the kind and the quote that shows it."""

    claim: str  # the other claim's node id
    kind: str  # rebuttal | contradiction | contest (a kg:contests triple without a kg:Contest node)
    evidence: str
    rule: str


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    """What the claim panel shows."""

    text: str
    form: str  # the normal form, e.g. "all · manager · is a · leader"
    speaker: str | None
    addressees: tuple[str, ...]
    document: str | None
    status: str | None
    reason: str | None
    contested_by: tuple[Contestation, ...] = ()
    contests: tuple[Contestation, ...] = ()


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # the IRI
    kind: str
    label: str
    docs: tuple[str, ...] = ()  # names of the documents it occurs in
    speakers: tuple[str, ...] = ()  # speakers it is tied to (for the speaker filter)
    claim: ClaimInfo | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str  # a key of EDGE_STYLE
    label: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class View:
    """The graph as the page draws it: nodes and edges in a deterministic order.

    ``whole`` is (nodes, edges) of the graph this view was cut from when the page shows only part of it.
    """

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    whole: tuple[int, int] | None = None

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)


# --- what the viewer reads ----------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """The rows the viewer reads from a graph: IRIs and literal values as strings, None when absent.

    The same rows come from SPARQL over a store (:func:`store_facts`) or straight from the records
    (:func:`document_facts` per document, :func:`reasoning_facts` for contests and standings), so a
    build draws its page from its cache without querying the store it writes, and ``kg render`` on
    that store draws the same page. Rows are a set: their order and repetition never matter.
    """

    docs: tuple[tuple, ...] = ()  # (doc, name)
    concepts: tuple[tuple, ...] = ()  # (concept, type, label, doc)
    people: tuple[tuple, ...] = ()  # (person, name, doc)
    links: tuple[tuple, ...] = ()  # (role, property, concept): the asserted kg:hasTrait / hasSkill / focusesOn
    attributions: tuple[tuple, ...] = ()  # (role, relation, concept, polarity, evidence)
    claims: tuple[tuple, ...] = ()  # (claim, *CLAIM_FIELDS)
    addressees: tuple[tuple, ...] = ()  # (claim, person)
    statuses: tuple[tuple, ...] = ()  # (claim, status, reason)
    contests: tuple[tuple, ...] = ()  # (target, attacker, kind, evidence, rule)
    contest_links: tuple[tuple, ...] = ()  # (attacker, target): kg:contests triples


CLAIM_FIELDS = (
    "text", "doc", "subject", "subjectText", "relation", "object", "objectText", "quantifier", "polarity", "modality", "speaker",
)

_DOCS = """
SELECT ?doc ?name WHERE { GRAPH ?doc { ?doc a kg:Document . OPTIONAL { ?doc schema:name ?name } } }
"""
_CONCEPTS = """
SELECT ?c ?type ?label ?doc WHERE {
  GRAPH ?doc { ?doc a kg:Document . ?c a ?type . OPTIONAL { ?c skos:prefLabel ?label } }
  VALUES ?type { kg:Role kg:Trait kg:Skill kg:Focus }
}
"""
_PEOPLE = """
SELECT ?p ?name ?doc WHERE {
  GRAPH ?doc { ?doc a kg:Document . ?p a kg:Person . OPTIONAL { ?p schema:name ?name } }
}
"""
_ATTRIBUTIONS = """
SELECT ?role ?relation ?concept ?polarity ?evidence WHERE {
  GRAPH ?doc {
    ?doc a kg:Document .
    ?a a kg:Attribution ; kg:role ?role ; kg:relation ?relation ; kg:concept ?concept .
    OPTIONAL { ?a kg:polarity ?polarity } OPTIONAL { ?a kg:evidence ?evidence }
  }
}
"""
_DIRECT_LINKS = """
SELECT ?s ?p ?o WHERE {
  GRAPH ?doc { ?doc a kg:Document . ?s ?p ?o }
  VALUES ?p { kg:hasTrait kg:hasSkill kg:focusesOn }
}
"""
_CLAIMS = """
SELECT ?c ?text ?doc ?subject ?subjectText ?relation ?object ?objectText ?quantifier ?polarity
       ?modality ?speaker ?status ?reason WHERE {
  GRAPH ?g { ?c a kg:Claim }
  FILTER (?g != <%s>)
  OPTIONAL { ?c schema:text ?text }
  OPTIONAL { ?c oa:hasSource ?doc }
  OPTIONAL { ?c kg:subject ?subject } OPTIONAL { ?c kg:subjectText ?subjectText }
  OPTIONAL { ?c kg:relation ?relation }
  OPTIONAL { ?c kg:object ?object } OPTIONAL { ?c kg:objectText ?objectText }
  OPTIONAL { ?c kg:quantifier ?quantifier } OPTIONAL { ?c kg:polarity ?polarity }
  OPTIONAL { ?c kg:modality ?modality } OPTIONAL { ?c prov:wasAttributedTo ?speaker }
  OPTIONAL { ?c kg:status ?status } OPTIONAL { ?c kg:statusReason ?reason }
}
""" % ONTOLOGY_GRAPH.value
_ADDRESSEES = "SELECT ?c ?p WHERE { ?c a kg:Claim ; kg:addressedTo ?p }"
_CONTESTS = """
SELECT ?target ?attacker ?kind ?evidence ?rule WHERE {
  GRAPH <%s> {
    ?x a kg:Contest ; kg:contestedClaim ?target ; kg:contestingClaim ?attacker .
    OPTIONAL { ?x kg:kind ?kind } OPTIONAL { ?x kg:evidence ?evidence } OPTIONAL { ?x kg:rule ?rule }
  }
}
""" % CONTESTS_GRAPH.value
_CONTEST_LINKS = "SELECT ?attacker ?target WHERE { ?attacker kg:contests ?target }"


def _v(term) -> str | None:
    return None if term is None else term.value


def _local(iri: str | None) -> str:
    """The last segment of an IRI (``...vocab#Role`` -> ``Role``)."""
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rows(kg, sparql: str) -> tuple[tuple, ...]:
    result = kg.query(sparql)
    width = len(result.variables)
    return tuple(tuple(_v(sol[i]) for i in range(width)) for sol in result)


def store_facts(kg) -> Facts:
    """The viewer's rows read from ``kg``'s store with SPARQL."""
    claim_rows = _rows(kg, _CLAIMS)
    return Facts(
        docs=_rows(kg, _DOCS),
        concepts=_rows(kg, _CONCEPTS),
        people=_rows(kg, _PEOPLE),
        links=_rows(kg, _DIRECT_LINKS),
        attributions=_rows(kg, _ATTRIBUTIONS),
        claims=tuple(row[:12] for row in claim_rows),
        addressees=_rows(kg, _ADDRESSEES),
        statuses=tuple((row[0], row[12], row[13]) for row in claim_rows if row[12] is not None or row[13] is not None),
        contests=_rows(kg, _CONTESTS),
        contest_links=_rows(kg, _CONTEST_LINKS),
    )


def document_facts(extraction: DocumentExtraction) -> Facts:
    """The rows one document's named graph gives (exactly what :func:`kg.graph.document_quads` writes)."""
    document = extraction.document
    doc = graph.document_iri(document.name).value
    names = dict.fromkeys(document.speakers)
    for claim in extraction.claims:
        names.update(dict.fromkeys(n for n in (claim.asserted_by, *claim.addressees) if n))
    labels = {c.label for c in extraction.concepts}
    concept = {label: graph.concept_iri(label).value for label in labels}
    for att in extraction.attributions:
        for label in (att.role, att.concept):
            if label not in concept:
                concept[label] = graph.concept_iri(label).value
    claims, addressees = [], []
    for claim in extraction.claims:
        iri = graph.claim_iri(claim).value
        subject, obj = claim.subject in labels, claim.object in labels
        claims.append((
            iri,
            claim.evidence.text,
            doc,
            concept[claim.subject] if subject else None,
            None if subject else claim.subject,
            str(REL[claim.relation]),
            concept[claim.object] if obj else None,
            None if obj else claim.object,
            str(QUANTIFIER[claim.quantifier]),
            str(POLARITY[claim.polarity]),
            claim.modality or None,
            graph.person_iri(claim.asserted_by).value if claim.asserted_by else None,
        ))
        addressees += [(iri, graph.person_iri(name).value) for name in claim.addressees]
    return Facts(
        docs=((doc, document.name),),
        concepts=tuple((concept[c.label], str(TYPE_CLASS[c.type]), c.label, doc) for c in extraction.concepts),
        people=tuple((graph.person_iri(name).value, name, doc) for name in names),
        links=tuple(
            (concept[a.role], str(ATTRIBUTION_PROPERTY[a.relation]), concept[a.concept])
            for a in extraction.attributions
            if a.polarity == "positive"
        ),
        attributions=tuple(
            (concept[a.role], str(REL[a.relation]), concept[a.concept], str(POLARITY[a.polarity]), a.evidence.text)
            for a in extraction.attributions
        ),
        claims=tuple(claims),
        addressees=tuple(addressees),
    )


def reasoning_facts(contests: Iterable[Contest], standings: Iterable[Standing], iris: dict) -> Facts:
    """The rows of the contests graph (exactly what :func:`kg.graph.reasoning_quads` writes)."""
    rows, links = [], []
    for c in contests:
        target, attacker = iris[c.target].value, iris[c.attacker].value
        rows.append((target, attacker, str(KIND[c.kind]), c.evidence.text, c.rule))
        links.append((attacker, target))
    return Facts(
        statuses=tuple((iris[s.claim].value, str(STATUS[s.status]), s.reason) for s in standings),
        contests=tuple(rows),
        contest_links=tuple(links),
    )


def reasoning_rows_facts(contests: Iterable[tuple], standings: Iterable[tuple]) -> Facts:
    """What :func:`reasoning_facts` gives, from the contests graph as the build keeps it: rows of
    (target, attacker, kind, rule, evidence, cross-document) and (claim, status, reason), claims as IRI
    strings. The facts reuse those strings rather than making a copy of each claim's IRI per row."""
    contests = tuple(contests)
    return Facts(
        statuses=tuple((claim, str(STATUS[status]), reason) for claim, status, reason in standings),
        contests=tuple((target, attacker, str(KIND[kind]), evidence, rule) for target, attacker, kind, rule, evidence, _ in contests),
        contest_links=tuple((attacker, target) for target, attacker, *_ in contests),
    )


def _pick(old: str | None, new: str | None) -> str | None:
    """The least of two values, absent (None) only when both are: a canonical choice for any row order."""
    if old is None:
        return new
    if new is None:
        return old
    return new if new < old else old


def _shorten(text: str, limit: int = 36) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_TEXT, _DOC, _SUBJECT, _SUBJECT_TEXT, _RELATION, _OBJECT, _OBJECT_TEXT, _QUANTIFIER, _POLARITY, _MODALITY, _SPEAKER = range(11)


class ViewAssembly:
    """Facts in, the viewer's graph out; fed in any order and in any number of parts, it gives the same view.

    Where rows give a node two values (a label written two ways in two documents, two claims with one
    IRI), the least one is taken, so nothing depends on the order of rows. Rows are kept as they come
    and links are derived when asked, so :meth:`page` cuts a graph too large for one page without
    ever building the whole view.
    """

    def __init__(self) -> None:
        self.doc_names: dict[str, str | None] = {}
        self.concept_kind: dict[str, str] = {}
        self.concept_label: dict[str, str | None] = {}
        self.concept_docs: dict[str, set[str]] = defaultdict(set)
        self.person_name: dict[str, str | None] = {}
        self.person_docs: dict[str, set[str]] = defaultdict(set)
        self.links: dict[tuple[str, str, str, str], set[str] | None] = {}  # attribution links; None: no quote
        self.addressees: dict[str, set[str]] = defaultdict(set)
        self.claims: dict[str, tuple] = {}  # claim -> its CLAIM_FIELDS values
        self.statuses: dict[str, tuple[str | None, str | None]] = {}
        self.contests: set[tuple] = set()
        self.contest_links: set[tuple[str, str]] = set()
        # One object per distinct IRI or value that rows repeat (claims, relations, quantifiers, statuses,
        # concepts, documents): each row brought its own copies, about half the memory of a million claims' rows.
        self._shared: dict = {}

    def _share(self, value):
        return None if value is None else self._shared.setdefault(value, value)

    def _link(self, source: str, target: str, kind: str, label: str, evidence: str | None) -> None:
        key = (source, target, kind, label)
        if evidence:
            quotes = self.links.get(key)
            if quotes is None:
                self.links[key] = {evidence}
            else:
                quotes.add(evidence)
        elif key not in self.links:
            self.links[key] = None

    def add(self, facts: Facts) -> None:
        for doc, name in facts.docs:
            self.doc_names[doc] = _pick(self.doc_names.get(doc), name)
        for node, type_, label, doc in facts.concepts:
            kind = _CONCEPT_KIND[_local(type_)]
            # A label typed differently in two documents keeps the first kind in KINDS order.
            if node not in self.concept_kind or _KIND_ORDER[kind] < _KIND_ORDER[self.concept_kind[node]]:
                self.concept_kind[node] = kind
            self.concept_label[node] = _pick(self.concept_label.get(node), label)
            self.concept_docs[node].add(doc)
        for person, name, doc in facts.people:
            self.person_name[person] = _pick(self.person_name.get(person), name)
            self.person_docs[person].add(doc)
        for role, prop, concept in facts.links:
            relation = PROPERTY_RELATION[_local(prop)]
            self._link(role, concept, "attribution", ATTRIBUTION_LABEL[relation], None)
        for role, relation, concept, polarity, evidence in facts.attributions:
            relation = _local(relation)
            label = ATTRIBUTION_LABEL.get(relation, relation.replace("_", " "))
            if _local(polarity) == "Negative":
                self._link(role, concept, "denied", "NOT " + label, evidence)
            else:
                self._link(role, concept, "attribution", label, evidence)
        for claim, person in facts.addressees:
            self.addressees[claim].add(person)
        share = self._share
        for row in facts.claims:
            claim = share(row[0])  # statuses and contests name it again
            old = self.claims.get(claim)
            values = (row[1], *map(share, row[2:]))  # all but the claim's text repeat across claims
            self.claims[claim] = values if old is None else tuple(_pick(a, b) for a, b in zip(old, values))
        for claim, status, reason in facts.statuses:
            claim, old = share(claim), self.statuses.get(claim)
            pair = (share(status), share(reason))
            self.statuses[claim] = share(pair) if old is None else (_pick(old[0], pair[0]), _pick(old[1], pair[1]))
        self.contests.update((share(t), share(a), share(kind), evidence, share(rule)) for t, a, kind, evidence, rule in facts.contests)
        self.contest_links.update((share(a), share(t)) for a, t in facts.contest_links)

    # --- nodes ----------------------------------------------------------------------------------

    def _prepare(self) -> None:
        self._doc = {doc: name or _local(doc) for doc, name in self.doc_names.items()}
        named: set[str] = set()
        for row in self.claims.values():
            if row[_SPEAKER]:
                named.add(row[_SPEAKER])
        for persons in self.addressees.values():
            named |= persons
        # People a claim names who are typed nowhere (the store path: RDF merged from other tools).
        self._untyped = {p for p in named if p not in self.person_name and p not in self._doc and p not in self.concept_kind}

    def kind(self, node: str) -> str | None:
        """The node's kind; None when the graph does not know it (a link to it is not drawn)."""
        if node in self.claims:
            return "claim"
        if node in self.person_name or node in self._untyped:
            return "speaker"
        if node in self._doc:
            return "document"
        return self.concept_kind.get(node)

    def label(self, node: str) -> str | None:
        if node in self.claims:
            return _shorten(self.claims[node][_TEXT] or "") or _local(node)
        if node in self.person_name and self.person_name[node]:
            return self.person_name[node]
        if node in self._doc:
            return self._doc[node]
        if node in self.concept_kind:
            return self.concept_label[node] or _local(node)
        if node in self.person_name or node in self._untyped:
            return _local(node)
        return None

    def _nodes(self) -> Iterator[str]:
        """Every node once."""
        yield from self.claims
        yield from (p for p in self.person_name if p not in self.claims)
        yield from (p for p in self._untyped if p not in self.claims)
        yield from (d for d in self._doc if d not in self.claims and d not in self.person_name)
        for c in self.concept_kind:
            if c not in self.claims and c not in self.person_name and c not in self._doc:
                yield c

    def _order(self, node: str) -> tuple[int, str, str]:
        return (_KIND_ORDER[self.kind(node)], self.label(node), node)

    # --- links ----------------------------------------------------------------------------------

    def _edges(self) -> Iterator[tuple[str, str, str, str, set[str] | None]]:
        """Every link between known nodes, once: (source, target, kind, label, quotes)."""
        kind = self.kind
        for (s, t, k, label), quotes in self.links.items():
            if kind(s) and kind(t):
                yield s, t, k, label, quotes
        for person, docs in self.person_docs.items():
            if kind(person):
                for doc in docs:
                    if kind(doc):
                        yield person, doc, "source", "speaks in", None
        rows = []
        for target, attacker, contest_kind, evidence, _rule in self.contests:
            name = _local(contest_kind).lower() or "contest"
            style = name if name in EDGE_STYLE else "rebuttal"
            rows.append((attacker, target, style, "contradicts" if name == "contradiction" else "rebuts", evidence or ""))
        rows.sort()
        i = 0
        while i < len(rows):
            key, quotes = rows[i][:4], set()
            while i < len(rows) and rows[i][:4] == key:
                if rows[i][4]:
                    quotes.add(rows[i][4])
                i += 1
            if kind(key[0]) and kind(key[1]):
                yield (*key, quotes or None)
        del rows
        seen = {(attacker, target) for target, attacker, *_ in self.contests}
        for attacker, target in sorted(self.contest_links - seen):
            if kind(attacker) and kind(target):
                yield attacker, target, "rebuttal", "contests", None
        for node, row in self.claims.items():
            doc, speaker = row[_DOC], row[_SPEAKER]
            if doc and doc in self._doc:
                yield node, doc, "source", "in", None
            if speaker and kind(speaker):
                yield node, speaker, "said", "said by", None
            for person in sorted(self.addressees.get(node, ())):
                if kind(person):
                    yield node, person, "said", "addressed to", None
            for end, name in ((row[_SUBJECT], "subject"), (row[_OBJECT], "object")):
                if end and kind(end):
                    yield node, end, "subject", name, None

    # --- the view -------------------------------------------------------------------------------

    def _build(self, wanted: set[str] | None, edges: list, whole: tuple[int, int] | None) -> View:
        """The view of ``wanted`` nodes (all when None) and ``edges`` (among them); a claim lists the
        contests whose other claim is in the view."""

        def inside(node: str) -> bool:
            return wanted is None or node in wanted

        doc_name = self._doc
        docs: dict[str, set[str]] = defaultdict(set)
        speakers: dict[str, set[str]] = defaultdict(set)
        for node, in_docs in self.concept_docs.items():
            if inside(node):
                docs[node].update(doc_name[d] for d in in_docs)
        for doc, name in doc_name.items():
            if inside(doc):
                docs[doc].add(name)
        for person, in_docs in self.person_docs.items():
            label = self.label(person)
            if inside(person):
                speakers[person].add(label)
                docs[person].update(doc_name[d] for d in in_docs)
            for doc in in_docs:
                if inside(doc):
                    speakers[doc].add(label)
        for person in self._untyped:
            if inside(person):
                speakers[person].add(_local(person))
        for node, row in self.claims.items():
            speaker = self.label(row[_SPEAKER]) if row[_SPEAKER] else None
            document = doc_name.get(row[_DOC]) if row[_DOC] else None
            if inside(node):
                if document:
                    docs[node].add(document)
                if speaker:
                    speakers[node].add(speaker)
            if document:
                for person in (row[_SPEAKER], *self.addressees.get(node, ())):
                    if person and inside(person):
                        docs[person].add(document)
            if speaker:
                for end in (row[_SUBJECT], row[_OBJECT]):
                    if end and inside(end) and self.kind(end):
                        speakers[end].add(speaker)

        contested_by: dict[str, list[Contestation]] = defaultdict(list)
        contesting: dict[str, list[Contestation]] = defaultdict(list)
        for target, attacker, contest_kind, evidence, rule in self.contests:
            if inside(target) and inside(attacker):
                name = _local(contest_kind).lower() or "contest"
                contested_by[target].append(Contestation(attacker, name, evidence or "", rule or ""))
                contesting[attacker].append(Contestation(target, name, evidence or "", rule or ""))
        seen = {(attacker, target) for target, attacker, *_ in self.contests}
        for attacker, target in self.contest_links - seen:
            if inside(target) and inside(attacker):
                contested_by[target].append(Contestation(attacker, "contest", "", ""))
                contesting[attacker].append(Contestation(target, "contest", "", ""))

        def info(node: str) -> ClaimInfo:
            row = self.claims[node]
            status, reason = self.statuses.get(node, (None, None))
            addressed = sorted(self.addressees.get(node, ()))
            subject = self.label(row[_SUBJECT]) if row[_SUBJECT] else row[_SUBJECT_TEXT]
            obj = self.label(row[_OBJECT]) if row[_OBJECT] else row[_OBJECT_TEXT]
            polarity = "NOT " if _local(row[_POLARITY]) == "Negative" else ""
            form = " · ".join(
                part
                for part in (
                    _local(row[_QUANTIFIER]).lower(),
                    row[_MODALITY] or "",
                    subject or "?",
                    polarity + _local(row[_RELATION]).replace("_", " "),
                    obj or "?",
                )
                if part
            )
            return ClaimInfo(
                text=row[_TEXT] or "",
                form=form,
                speaker=self.label(row[_SPEAKER]) if row[_SPEAKER] else None,
                addressees=tuple(self.label(p) or _local(p) for p in addressed),
                document=doc_name.get(row[_DOC]) if row[_DOC] else None,
                status=_local(status).lower() or None,
                reason=reason,
                contested_by=tuple(sorted(contested_by.get(node, ()), key=_contestation_order)),
                contests=tuple(sorted(contesting.get(node, ()), key=_contestation_order)),
            )

        nodes = sorted(self._nodes() if wanted is None else wanted, key=self._order)
        return View(
            nodes=tuple(
                Node(
                    id=node,
                    kind=self.kind(node),
                    label=self.label(node),
                    docs=tuple(sorted(docs.get(node, ()))),
                    speakers=tuple(sorted(speakers.get(node, ()))),
                    claim=info(node) if node in self.claims else None,
                )
                for node in nodes
            ),
            edges=tuple(Edge(s, t, k, label, tuple(sorted(quotes)) if quotes else ()) for s, t, k, label, quotes in sorted(edges)),
            whole=whole,
        )

    def view(self) -> View:
        """The whole view: nodes sorted by kind, label and IRI; links sorted."""
        self._prepare()
        return self._build(None, list(self._edges()), None)

    def page(self, nodes: int | None = None, edges: int | None = None) -> View:
        """What :func:`page_view` keeps of :meth:`view`, found without building the whole view."""
        nodes = PAGE_NODES if nodes is None else nodes
        edges = PAGE_EDGES if edges is None else edges
        self._prepare()
        degree: Counter[str] = Counter()
        total = 0
        for s, t, *_ in self._edges():
            degree[s] += 1
            degree[t] += 1
            total += 1
        count = sum(1 for _ in self._nodes())
        if count <= nodes and total <= edges:
            return self._build(None, list(self._edges()), None)
        ranked = heapq.nsmallest(nodes, self._nodes(), key=lambda n: (-degree[n], *self._order(n)))
        candidates = set(ranked)
        among = [e for e in self._edges() if e[0] in candidates and e[1] in candidates]
        keep = _greedy(ranked, [(e[0], e[1]) for e in among], edges)
        return self._build(keep, [e for e in among if e[0] in keep and e[1] in keep], (count, total))


def _greedy(ranked: list[str], links: list[tuple[str, str]], budget: int) -> set[str]:
    """Nodes in rank order, each while the links it brings to those already kept fit in ``budget``."""
    neighbours: dict[str, list[str]] = defaultdict(list)
    for source, target in links:
        neighbours[source].append(target)
        if target != source:
            neighbours[target].append(source)
    keep: set[str] = set()
    used = 0
    for node in ranked:
        added = sum(1 for other in neighbours[node] if other in keep or other == node)
        if used + added > budget:
            continue
        keep.add(node)
        used += added
    return keep


def _contestation_order(c: Contestation) -> tuple[str, str, str, str]:
    return (c.claim, c.kind, c.evidence, c.rule)


def view_from_facts(parts: Iterable[Facts]) -> View:
    """The whole view that ``parts`` (the facts of a whole graph, in any split and order) make."""
    assembly = ViewAssembly()
    for facts in parts:
        assembly.add(facts)
    return assembly.view()


def read_view(kg) -> View:
    """The viewer's nodes and edges, read from ``kg``'s store with SPARQL."""
    return view_from_facts([store_facts(kg)])


def focus(view: View, label: str, depth: int) -> View:
    """The part of ``view`` within ``depth`` links (either direction) of the nodes labelled ``label``."""
    if depth < 0:
        raise UsageError(f"depth {depth} is negative", where="--depth", hint="give 0 or more")
    wanted = label.strip().casefold()
    start = [n.id for n in view.nodes if n.label.casefold() == wanted]
    if not start:
        start = [n.id for n in view.nodes if n.kind != "claim" and wanted in n.label.casefold()]
    if not start:
        sample = ", ".join(sorted({n.label for n in view.nodes if n.kind == "role"})[:8]) or "no roles in this graph"
        raise UsageError(f"no node labelled {label!r}", where="--focus", hint=f"pick a label such as: {sample}")
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in view.edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    distance = {node: 0 for node in start}
    queue = deque(start)
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for other in sorted(neighbours[node]):
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return View(
        nodes=tuple(n for n in view.nodes if n.id in distance),
        edges=tuple(e for e in view.edges if e.source in distance and e.target in distance),
    )


def page_view(view: View, nodes: int | None = None, edges: int | None = None) -> View:
    """``view`` if it fits a page (PAGE_NODES, PAGE_EDGES), else the part of it that does.

    The ``nodes`` most connected nodes (by degree, then in view order) are the candidates; each joins
    in that order while the links it brings to those already in fit in ``edges``. A claim panel
    then lists only contests whose other claim is on the page.
    """
    nodes = PAGE_NODES if nodes is None else nodes
    edges = PAGE_EDGES if edges is None else edges
    if len(view.nodes) <= nodes and len(view.edges) <= edges:
        return view
    degree: Counter[str] = Counter()
    for e in view.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    order = sorted(range(len(view.nodes)), key=lambda i: (-degree[view.nodes[i].id], i))[:nodes]
    ranked = [view.nodes[i].id for i in order]
    candidates = set(ranked)
    among = [e for e in view.edges if e.source in candidates and e.target in candidates]
    keep = _greedy(ranked, [(e.source, e.target) for e in among], edges)

    def trimmed(node: Node) -> Node:
        info = node.claim
        if info is None:
            return node
        info = ClaimInfo(
            info.text, info.form, info.speaker, info.addressees, info.document, info.status, info.reason,
            tuple(c for c in info.contested_by if c.claim in keep),
            tuple(c for c in info.contests if c.claim in keep),
        )
        return Node(node.id, node.kind, node.label, node.docs, node.speakers, info)

    return View(
        nodes=tuple(trimmed(n) for n in view.nodes if n.id in keep),
        edges=tuple(e for e in among if e.source in keep and e.target in keep),
        whole=view.whole or (len(view.nodes), len(view.edges)),
    )


# --- layout -------------------------------------------------------------------------------------


def layout(view: View) -> dict[str, tuple[float, float]]:
    """Deterministic positions (in canvas pixels) from igraph's Fruchterman-Reingold layout."""
    import igraph

    n = len(view.nodes)
    if n == 0:
        return {}
    index = {node.id: i for i, node in enumerate(view.nodes)}
    pairs = sorted({(index[e.source], index[e.target]) for e in view.edges if e.source != e.target})
    g = igraph.Graph(n=n, edges=pairs, directed=False)
    # A fixed spiral start makes the layout (and so the file) the same on every run.
    seed = [[math.sqrt(i + 1) * math.cos(i * 2.4), math.sqrt(i + 1) * math.sin(i * 2.4)] for i in range(n)]
    # igraph draws from one process-wide generator: lend it a seeded one for this call only.
    igraph.set_random_number_generator(random.Random(len(pairs) * 7919 + n))
    try:
        # Past 5k nodes a force layout is a dense disc whatever the iterations: 100 look as 300 do, in a third of the time.
        niter = 500 if n <= 2000 else 300 if n <= 5000 else 100
        coords = g.layout_fruchterman_reingold(seed=seed, niter=niter, grid=n > PHYSICS_LIMIT).coords
    finally:
        igraph.set_random_number_generator(random)
    # Scale so that the graph covers about 90 px squared per node: dense enough to read, no overlaps.
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = 90 * math.sqrt(n) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node.id: (round((x - cx) * scale, 1), round((y - cy) * scale, 1)) for node, (x, y) in zip(view.nodes, coords)}


# --- the page -----------------------------------------------------------------------------------
# The page data is kept lean (short node ids, indexes into the document and speaker lists, styles
# per kind in vis-network groups): a 5,000-node graph is parsed and drawn well within two seconds.


def _claim_json(info: ClaimInfo, ids: dict[str, str]) -> dict:
    def side(items: tuple[Contestation, ...]) -> list[dict]:
        return [{"id": ids.get(c.claim), "kind": c.kind, "evidence": c.evidence, "rule": c.rule} for c in items]

    return {
        "text": info.text,
        "form": info.form,
        "speaker": info.speaker,
        "addressees": list(info.addressees),
        "document": info.document,
        "status": info.status,
        "reason": info.reason,
        "contestedBy": side(info.contested_by),
        "contests": side(info.contests),
    }


def _vis_nodes(
    view: View, ids: dict[str, str], positions: dict[str, tuple[float, float]], documents: list[str], speakers: list[str]
) -> list[dict]:
    degree: dict[str, int] = defaultdict(int)
    contest_nodes: set[str] = set()
    for e in view.edges:
        degree[e.source] += 1
        degree[e.target] += 1
        if e.kind in ("rebuttal", "contradiction"):
            contest_nodes.update((e.source, e.target))
    doc_index = {d: i for i, d in enumerate(documents)}
    speaker_index = {s: i for i, s in enumerate(speakers)}
    out = []
    for node in view.nodes:
        item = {
            "id": ids[node.id],
            "iri": node.id,
            "label": node.label,
            "group": node.kind,
            "kind": node.kind,
            "size": round(min(12 + 4 * math.sqrt(degree[node.id]), 48), 1),
            "docs": [doc_index[d] for d in node.docs],
            "speakers": [speaker_index[s] for s in node.speakers if s in speaker_index],
        }
        if node.id in contest_nodes:
            item["inContest"] = True
        info = node.claim
        if info is not None and (info.status in ("contested", "defeated") or info.contested_by):
            fill = DEFEATED_FILL if info.status == "defeated" else CONTESTED_FILL
            item["color"] = {"background": fill, "border": CONTEST_RED, "highlight": {"background": fill, "border": CONTEST_RED}}
            item["borderWidth"] = 4
            item["size"] = round(item["size"] + 6, 1)
        if node.id in positions:
            item["x"], item["y"] = positions[node.id]
        out.append(item)
    return out


def _vis_edges(view: View, ids: dict[str, str]) -> list[dict]:
    out = []
    for i, e in enumerate(view.edges):
        item = {"id": i, "from": ids[e.source], "to": ids[e.target], "kind": e.kind, "relation": e.label}
        if e.evidence:
            item["evidence"] = list(e.evidence)
        out.append(item)
    return out


def _options(physics: bool, large: bool) -> dict:
    options: dict = {
        "groups": {k: {"color": {"background": c, "border": c}, "shape": s} for k, (_, c, s) in KIND_STYLE.items()},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#444", "strokeWidth": 3},
            "smooth": False if large else {"type": "continuous"},
            # Thousands of arrowheads cost a third of every frame: large graphs keep them on contests only.
            "arrows": {"to": {"enabled": not large, "scaleFactor": 0.6}},
        },
        "interaction": {"hover": not large, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        # Positions are given; vis-network's own initial layout would redo the work (slowly past 100 nodes).
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4},
            # Starting from the igraph layout, a short stabilisation before the first frame is enough.
            "stabilization": {"enabled": True, "iterations": 100, "fit": True},
        }
    else:
        options["physics"] = {"enabled": False}
    return options


@cache
def _assets() -> dict[str, Markup]:
    """The viewer's JS/CSS and vis-network's, to inline; none may close its own element early."""
    import pyvis

    vis = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    ours = resources.files("kg.templates")
    assets = {
        "vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "viewer_js": ours.joinpath("viewer.js").read_text(encoding="utf-8"),
        "viewer_css": ours.joinpath("viewer.css").read_text(encoding="utf-8"),
    }
    for name, text in assets.items():
        closing = "</script" if name.endswith("_js") else "</style"
        if closing in text.lower():
            raise RuntimeError(f"{name} contains {closing}>; it cannot be inlined")
    return {name: Markup(text) for name, text in assets.items()}


def _environment() -> Environment:
    # Autoescape on: anything the template prints is escaped unless it is one of our own assets.
    return Environment(
        loader=FileSystemLoader(str(resources.files("kg.templates"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def render_view(view: View, *, title: str = TITLE, physics: bool | None = None) -> str:
    """``view`` as one self-contained HTML page (no network needed)."""
    large = len(view.nodes) > PHYSICS_LIMIT
    physics = (not large) if physics is None else physics
    ids = {node.id: f"n{i}" for i, node in enumerate(view.nodes)}
    documents = sorted({d for n in view.nodes for d in n.docs})
    speakers = sorted({n.label for n in view.nodes if n.kind == "speaker"} | {s for n in view.nodes for s in n.speakers})

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    # Bulk assignment: pyvis's add_node/add_edge are quadratic in the number of nodes.
    net.nodes = _vis_nodes(view, ids, layout(view), documents, speakers)
    net.edges = _vis_edges(view, ids)
    net.options = _options(physics, large)
    env = _environment()
    env.globals.update(_assets())
    env.globals["meta"] = {
        "kinds": [{"kind": k, "label": KIND_STYLE[k][0], "color": KIND_STYLE[k][1], "shape": KIND_STYLE[k][2]} for k in KINDS],
        "edgeKinds": {
            k: {
                "label": v[0],
                "color": v[1],
                "dashes": v[2],
                "contest": k in ("rebuttal", "contradiction"),
                "labelled": k in ("attribution", "denied", "rebuttal", "contradiction"),
            }
            for k, v in EDGE_STYLE.items()
        },
        "documents": documents,
        "speakers": speakers,
        "claims": {ids[n.id]: _claim_json(n.claim, ids) for n in view.nodes if n.claim is not None},
        "physics": physics,
        "edgeLabels": len(view.edges) <= EDGE_LABEL_LIMIT,
        "counts": {"nodes": len(view.nodes), "edges": len(view.edges)},
        "whole": {"nodes": view.whole[0], "edges": view.whole[1]} if view.whole else None,
    }
    net.templateEnv = env
    net.path = "viewer.html"
    return net.generate_html()


def render_html(kg, *, focus_label: str | None = None, depth: int = 2, physics: bool | None = None) -> str:
    """The graph of ``kg`` (read from its store) as the viewer page; ``focus_label`` keeps its neighbourhood."""
    if focus_label is None:
        return render_facts([store_facts(kg)], physics=physics)
    view = focus(read_view(kg), focus_label, depth)
    title = f"kg: around “{focus_label}” (depth {depth})"
    return render_view(page_view(view), title=title, physics=physics)


def render_facts(parts: Iterable[Facts], *, physics: bool | None = None) -> str:
    """The page of the whole graph whose rows are ``parts``: what ``render_html`` gives on its store."""
    assembly = ViewAssembly()
    for facts in parts:
        assembly.add(facts)
    return render_view(assembly.page(), title=TITLE, physics=physics)


def render_file(kg, path: str | Path, *, focus_label: str | None = None, depth: int = 2) -> Path:
    """Write the viewer page atomically to ``path``."""
    from kg.fsutil import atomic_write

    return atomic_write(path, render_html(kg, focus_label=focus_label, depth=depth))


__all__ = [
    "View", "Node", "Edge", "ClaimInfo", "Contestation", "Facts", "ViewAssembly",
    "store_facts", "document_facts", "reasoning_facts", "view_from_facts", "read_view",
    "focus", "page_view", "layout", "render_view", "render_html", "render_facts", "render_file",
]
