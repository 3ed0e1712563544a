"""Records to RDF quads: the only place that mints IRIs.

One named graph per document (its IRI is the document's), one graph for the corpus-wide
contests and standings, one for the ontology and lexicon. IRIs come from content (slugs and
hashes), never from counters, so the same input gives the same graph.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources

import pyoxigraph as ox

from kg import turtle
from kg.records import Attribution, Claim, Concept, Contest, DocumentExtraction, Extraction, Span, Standing
from kg.vocab import (
    ATTRIBUTION_PROPERTY,
    CONCEPT,
    ID,
    KG,
    KIND,
    OA,
    POLARITY,
    PREFIXES,
    QUANTIFIER,
    REL,
    SCHEMA,
    STATUS,
    TYPE_CLASS,
)

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
XSD_BOOL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")

CONTESTS_GRAPH = ox.NamedNode(str(ID) + "graph/contests")
ONTOLOGY_GRAPH = ox.NamedNode(str(ID) + "graph/ontology")
ONTOLOGY_FILES = ("vocab.ttl", "relations.ttl", "lexicon.ttl")


def slug(text: str) -> str:
    """A lower-case IRI-safe slug; a short hash keeps distinct texts apart when the slug loses characters."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "x"
    if base.replace("-", " ") != re.sub(r"\s+", " ", text.lower()).strip():
        base = f"{base}-{_digest(text)[:6]}"
    return base


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def _n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def concept_iri(label: str) -> ox.NamedNode:
    """The lexicon's IRI for a lexicon label (so the graph and the lexicon meet), else a slug."""
    known = _lexicon_iris().get(label)
    return ox.NamedNode(known or str(CONCEPT) + slug(label))


@cache
def _lexicon_iris() -> dict[str, str]:
    from kg.lexicon import load_lexicon

    return load_lexicon().iri_of


def document_iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(ID) + "doc/" + slug(name))


def person_iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(ID) + "person/" + slug(name))


def claim_iri(claim: Claim) -> ox.NamedNode:
    """Stable across rebuilds of the same document: the document, the claim's text, where it starts
    and what it claims (two claims of one sentence are two nodes)."""
    digest = _digest(claim.evidence.text, str(claim.evidence.start), claim.subject, claim.relation, claim.object)
    return ox.NamedNode(f"{ID}claim/{slug(claim.doc)}/{digest[:12]}")


def contest_iri(target: ox.NamedNode, attacker: ox.NamedNode) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}contest/{_digest(target.value, attacker.value)[:16]}")


def _str(value: str) -> ox.Literal:
    return ox.Literal(value)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INT)


def _bool(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=XSD_BOOL)


def _selector(node: ox.NamedNode, span: Span, doc: ox.NamedNode, g: ox.NamedNode) -> Iterator[ox.Quad]:
    """Where a record sits in its document (Web Annotation position and quote selectors)."""
    sel = ox.NamedNode(node.value + "#selector")
    yield ox.Quad(node, _n(OA.hasSource), doc, g)
    yield ox.Quad(node, _n(OA.hasSelector), sel, g)
    yield ox.Quad(sel, RDF_TYPE, _n(OA.TextPositionSelector), g)
    yield ox.Quad(sel, RDF_TYPE, _n(OA.TextQuoteSelector), g)
    yield ox.Quad(sel, _n(OA.start), _int(span.start), g)
    yield ox.Quad(sel, _n(OA.end), _int(span.end), g)
    yield ox.Quad(sel, _n(OA.exact), _str(span.text), g)


def _concept_quads(concept: Concept, doc: ox.NamedNode, g: ox.NamedNode) -> Iterator[ox.Quad]:
    node = concept_iri(concept.label)
    yield ox.Quad(node, RDF_TYPE, _n(TYPE_CLASS[concept.type]), g)
    yield ox.Quad(node, RDF_TYPE, ox.NamedNode(SKOS + "Concept"), g)
    yield ox.Quad(node, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(concept.label, language="en"), g)
    yield ox.Quad(node, ox.NamedNode(SKOS + "inScheme"), _n(KG.Lexicon), g)
    yield ox.Quad(node, _n(KG.inLexicon), _bool(concept.in_lexicon), g)
    for span in concept.mentions:
        mention = ox.NamedNode(f"{ID}mention/{slug(doc.value.rsplit('/', 1)[1])}/{span.start}-{span.end}")
        yield ox.Quad(mention, RDF_TYPE, _n(KG.Mention), g)
        yield ox.Quad(mention, _n(KG.mentionOf), node, g)
        yield from _selector(mention, span, doc, g)


def _attribution_quads(att: Attribution, doc: ox.NamedNode, g: ox.NamedNode) -> Iterator[ox.Quad]:
    role, concept = concept_iri(att.role), concept_iri(att.concept)
    node = ox.NamedNode(
        f"{ID}attribution/{slug(doc.value.rsplit('/', 1)[1])}/"
        f"{_digest(att.role, att.relation, att.concept, att.polarity, str(att.evidence.start))[:12]}"
    )
    if att.polarity == "positive":
        # A denied link is never asserted as a direct triple; it lives on the Attribution only.
        yield ox.Quad(role, _n(ATTRIBUTION_PROPERTY[att.relation]), concept, g)
    yield ox.Quad(node, RDF_TYPE, _n(KG.Attribution), g)
    yield ox.Quad(node, _n(KG.role), role, g)
    yield ox.Quad(node, _n(KG.relation), _n(REL[att.relation]), g)
    yield ox.Quad(node, _n(KG.concept), concept, g)
    yield ox.Quad(node, _n(KG.polarity), _n(POLARITY[att.polarity]), g)
    yield ox.Quad(node, _n(KG.evidence), _str(att.evidence.text), g)
    yield from _selector(node, att.evidence, doc, g)


def _claim_quads(
    claim: Claim, concepts: set[str], doc: ox.NamedNode, g: ox.NamedNode
) -> Iterator[ox.Quad]:
    node = claim_iri(claim)
    yield ox.Quad(node, RDF_TYPE, _n(KG.Claim), g)
    yield ox.Quad(node, _n(SCHEMA.text), _str(claim.evidence.text), g)
    for prop, text_prop, value in ((KG.subject, KG.subjectText, claim.subject), (KG.object, KG.objectText, claim.object)):
        if value in concepts:
            yield ox.Quad(node, _n(prop), concept_iri(value), g)
        else:
            yield ox.Quad(node, _n(text_prop), _str(value), g)
    yield ox.Quad(node, _n(KG.relation), _n(REL[claim.relation]), g)
    yield ox.Quad(node, _n(KG.quantifier), _n(QUANTIFIER[claim.quantifier]), g)
    yield ox.Quad(node, _n(KG.polarity), _n(POLARITY[claim.polarity]), g)
    if claim.modality:
        yield ox.Quad(node, _n(KG.modality), _str(claim.modality), g)
    if claim.asserted_by:
        yield ox.Quad(node, ox.NamedNode(PROV + "wasAttributedTo"), person_iri(claim.asserted_by), g)
    for name in claim.addressees:
        yield ox.Quad(node, _n(KG.addressedTo), person_iri(name), g)
    yield from _selector(node, claim.evidence, doc, g)


def document_quads(extraction: DocumentExtraction) -> Iterator[ox.Quad]:
    """The named graph of one document: its concepts, attributions, claims and speakers."""
    document = extraction.document
    doc = document_iri(document.name)
    g = doc
    yield ox.Quad(doc, RDF_TYPE, _n(KG.Document), g)
    yield ox.Quad(doc, _n(SCHEMA.name), _str(document.name), g)
    yield ox.Quad(doc, _n(KG.sha256), _str(document.sha256), g)
    for name in document.speakers:
        yield ox.Quad(doc, _n(SCHEMA.contributor), person_iri(name), g)
    # Everyone the graph names - speakers, and people addressed or credited - is a typed Person.
    people = dict.fromkeys(document.speakers)
    for claim in extraction.claims:
        people.update(dict.fromkeys(n for n in (claim.asserted_by, *claim.addressees) if n))
    for name in people:
        person = person_iri(name)
        yield ox.Quad(person, RDF_TYPE, _n(KG.Person), g)
        yield ox.Quad(person, _n(SCHEMA.name), _str(name), g)
    for concept in extraction.concepts:
        yield from _concept_quads(concept, doc, g)
    for att in extraction.attributions:
        yield from _attribution_quads(att, doc, g)
    labels = {c.label for c in extraction.concepts}
    for claim in extraction.claims:
        yield from _claim_quads(claim, labels, doc, g)


# The predicates and classes of a document's graph as N-Triples terms (rdflib namespace look-ups
# cost more than the rest of writing a statement).
_T = {
    name: f"<{iri}>"
    for name, iri in {
        "type": RDF_TYPE.value, "hasSource": OA.hasSource, "hasSelector": OA.hasSelector,
        "TextPositionSelector": OA.TextPositionSelector, "TextQuoteSelector": OA.TextQuoteSelector,
        "start": OA.start, "end": OA.end, "exact": OA.exact, "Concept": SKOS + "Concept", "prefLabel": SKOS + "prefLabel",
        "inScheme": SKOS + "inScheme", "Lexicon": KG.Lexicon, "inLexicon": KG.inLexicon, "Mention": KG.Mention,
        "mentionOf": KG.mentionOf, "Attribution": KG.Attribution, "role": KG.role, "relation": KG.relation,
        "concept": KG.concept, "polarity": KG.polarity, "evidence": KG.evidence, "Claim": KG.Claim, "text": SCHEMA.text,
        "subject": KG.subject, "subjectText": KG.subjectText, "object": KG.object, "objectText": KG.objectText,
        "quantifier": KG.quantifier, "modality": KG.modality, "wasAttributedTo": PROV + "wasAttributedTo",
        "addressedTo": KG.addressedTo, "Document": KG.Document, "name": SCHEMA.name, "sha256": KG.sha256,
        "contributor": SCHEMA.contributor, "Person": KG.Person,
    }.items()
}
_TERMS = {  # record values -> N-Triples terms
    table: {key: f"<{iri}>" for key, iri in values.items()}
    for table, values in {
        "class": TYPE_CLASS, "property": ATTRIBUTION_PROPERTY, "quantifier": QUANTIFIER, "polarity": POLARITY,
    }.items()
}


# The nodes a document has many of, in fixed shapes: their values come in this order (_document_parts).
_SELECTOR = turtle.Shape(
    (_T["type"], _T["TextPositionSelector"]), (_T["type"], _T["TextQuoteSelector"]),
    (_T["start"], None), (_T["end"], None), (_T["exact"], None),
)
_MENTION = turtle.Shape((_T["type"], _T["Mention"]), (_T["mentionOf"], None), (_T["hasSource"], None), (_T["hasSelector"], None))
_ATTRIBUTION = turtle.Shape(
    (_T["type"], _T["Attribution"]), (_T["role"], None), (_T["relation"], None), (_T["concept"], None), (_T["polarity"], None),
    (_T["evidence"], None), (_T["hasSource"], None), (_T["hasSelector"], None),
)
_CLAIM = turtle.Shape(
    (_T["type"], _T["Claim"]), (_T["text"], None), (_T["subject"], None), (_T["subjectText"], None), (_T["object"], None),
    (_T["objectText"], None), (_T["relation"], None), (_T["quantifier"], None), (_T["polarity"], None), (_T["modality"], None),
    (_T["wasAttributedTo"], None), (_T["addressedTo"], None), (_T["hasSource"], None), (_T["hasSelector"], None),
    optional=True,
)


def document_statements(extraction: DocumentExtraction) -> Iterator[tuple[str, str, str]]:
    """The triples of :func:`document_quads` as N-Triples terms (subject, predicate, object), for
    :func:`kg.turtle.body`; the same IRIs from the same functions."""
    triples, shaped = _document_parts(extraction)
    yield from triples
    for shape, subject, values in shaped:
        yield from shape.triples(subject, values)


def document_turtle(extraction: DocumentExtraction) -> str:
    """The Turtle statements of :func:`document_statements` (what :func:`kg.turtle.body` gives), most
    subjects written in their fixed shapes."""
    triples, shaped = _document_parts(extraction)
    found = turtle.statements(triples)
    for shape, subject, values in shaped:
        if subject in found:  # two records of one subject (the same span twice): their triples merge
            return turtle.body(document_statements(extraction))
        found[subject] = shape.statement(subject, values)
    return turtle.join(found)


def _document_parts(extraction: DocumentExtraction) -> tuple[list[tuple[str, str, str]], list[tuple]]:
    """A document's graph as triples (the document, people, concepts) and as subjects of a fixed
    shape (mentions, attributions, claims and their selectors): (shape, subject, values)."""
    document = extraction.document
    doc = document_iri(document.name).value
    d = f"<{doc}>"
    t, lit = _T, turtle.string
    classes, properties, rels = _TERMS["class"], _TERMS["property"], _relation_term
    triples = [(d, t["type"], t["Document"]), (d, t["name"], lit(document.name)), (d, t["sha256"], lit(document.sha256))]
    shaped: list[tuple] = []
    people = dict.fromkeys(document.speakers)
    for claim in extraction.claims:
        people.update(dict.fromkeys(n for n in (claim.asserted_by, *claim.addressees) if n))
    person = _Terms(lambda name: person_iri(name).value)
    for name in document.speakers:
        triples.append((d, t["contributor"], person[name]))
    for name in people:
        triples.append((person[name], t["type"], t["Person"]))
        triples.append((person[name], t["name"], lit(name)))
    concept = _Terms(lambda label: concept_iri(label).value)
    where = slug(doc.rsplit("/", 1)[1])

    def selector(node: str, span: Span) -> str:
        sel = node[:-1] + "#selector>"
        shaped.append((_SELECTOR, sel, (turtle.integer(span.start), turtle.integer(span.end), lit(span.text))))
        return sel

    for c in extraction.concepts:
        node = concept[c.label]
        triples.append((node, t["type"], classes[c.type]))
        triples.append((node, t["type"], t["Concept"]))
        triples.append((node, t["prefLabel"], lit(c.label) + "@en"))
        triples.append((node, t["inScheme"], t["Lexicon"]))
        triples.append((node, t["inLexicon"], turtle.boolean(c.in_lexicon)))
        for span in c.mentions:
            mention = f"<{ID}mention/{where}/{span.start}-{span.end}>"
            shaped.append((_MENTION, mention, (node, d, selector(mention, span))))
    for att in extraction.attributions:
        role, target = concept[att.role], concept[att.concept]
        digest = _digest(att.role, att.relation, att.concept, att.polarity, str(att.evidence.start))[:12]
        node = f"<{ID}attribution/{where}/{digest}>"
        if att.polarity == "positive":
            triples.append((role, properties[att.relation], target))
        values = (role, rels(att.relation), target, _TERMS["polarity"][att.polarity], lit(att.evidence.text), d, selector(node, att.evidence))
        shaped.append((_ATTRIBUTION, node, values))
    labels = {c.label for c in extraction.concepts}
    for claim in extraction.claims:
        node = f"<{claim_iri(claim).value}>"
        subject, obj = claim.subject in labels, claim.object in labels
        values = (
            lit(claim.evidence.text),
            concept[claim.subject] if subject else None,
            None if subject else lit(claim.subject),
            concept[claim.object] if obj else None,
            None if obj else lit(claim.object),
            rels(claim.relation),
            _TERMS["quantifier"][claim.quantifier],
            _TERMS["polarity"][claim.polarity],
            lit(claim.modality) if claim.modality else None,
            person[claim.asserted_by] if claim.asserted_by else None,
            tuple(person[name] for name in claim.addressees),
            d,
            selector(node, claim.evidence),
        )
        shaped.append((_CLAIM, node, values))
    return triples, shaped


@cache
def _relation_term(name: str) -> str:
    return f"<{REL[name]}>"


class _Terms(dict):
    """A label or name -> its IRI as an N-Triples term, made by ``mint`` on first use."""

    def __init__(self, mint: Callable[[str], str]):
        super().__init__()
        self.mint = mint

    def __missing__(self, key: str) -> str:
        term = self[key] = f"<{self.mint(key)}>"
        return term


def reasoning_quads(
    contests: Iterable[Contest], standings: Iterable[Standing], iris: dict[str, ox.NamedNode]
) -> Iterator[ox.Quad]:
    """The corpus-wide graph: contests between claims and each claim's computed standing."""
    g = CONTESTS_GRAPH
    for contest in contests:
        target, attacker = iris[contest.target], iris[contest.attacker]
        node = contest_iri(target, attacker)
        yield ox.Quad(attacker, _n(KG.contests), target, g)
        yield ox.Quad(node, RDF_TYPE, _n(KG.Contest), g)
        yield ox.Quad(node, _n(KG.contestedClaim), target, g)
        yield ox.Quad(node, _n(KG.contestingClaim), attacker, g)
        yield ox.Quad(node, _n(KG.kind), _n(KIND[contest.kind]), g)
        yield ox.Quad(node, _n(KG.rule), _str(contest.rule), g)
        yield ox.Quad(node, _n(KG.evidence), _str(contest.evidence.text), g)
        yield ox.Quad(node, _n(KG.crossDocument), _bool(contest.cross_document), g)
    for standing in standings:
        node = iris[standing.claim]
        yield ox.Quad(node, _n(KG.status), _n(STATUS[standing.status]), g)
        yield ox.Quad(node, _n(KG.statusReason), _str(standing.reason), g)


def claim_iris(extraction: Extraction) -> dict[str, ox.NamedNode]:
    """Claim key -> IRI for the whole corpus."""
    return {claim.key: claim_iri(claim) for claim in extraction.claims()}


@cache
def ontology_quads() -> tuple[ox.Quad, ...]:
    """The vocabulary, relations and lexicon as quads of the ontology graph."""
    quads: list[ox.Quad] = []
    folder = resources.files("kg.ontology")
    for name in ONTOLOGY_FILES:
        data = folder.joinpath(name).read_bytes()
        for triple in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=str(ID)):
            quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, ONTOLOGY_GRAPH))
    return tuple(quads)


def extraction_quads(extraction: Extraction, *, with_ontology: bool = True) -> Iterator[ox.Quad]:
    """Every quad of a built corpus, in a deterministic order."""
    if with_ontology:
        yield from ontology_quads()
    for doc in extraction.documents:
        yield from document_quads(doc)
    yield from reasoning_quads(extraction.contests, extraction.standings, claim_iris(extraction))


__all__ = [
    "CONTESTS_GRAPH",
    "ONTOLOGY_GRAPH",
    "PREFIXES",
    "claim_iri",
    "claim_iris",
    "concept_iri",
    "document_iri",
    "document_quads",
    "document_statements",
    "document_turtle",
    "extraction_quads",
    "ontology_quads",
    "person_iri",
    "reasoning_quads",
    "slug",
]
