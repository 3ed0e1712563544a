"""Graph and records to files: the extraction JSON contract, Turtle and other RDF formats."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from kg.graph import claim_iris, concept_iri
from kg.records import Extraction
from kg.vocab import PREFIXES

EXTRACTION_FORMAT = "kg-extraction/1"


def _sort_key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


def to_turtle(quads: Iterable[ox.Quad]) -> bytes:
    """The union of all graphs as Turtle: sorted, deduplicated, prefixed - byte-identical for the same input."""
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=_sort_key)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def extraction_to_json(extraction: Extraction) -> dict:
    """The ``kg-extraction/1`` object of ../shared/EXTRACTION.md, with the graph's IRIs as ids."""
    iris = claim_iris(extraction)
    standing = {s.claim: s.status for s in extraction.standings}
    documents = []
    for doc in extraction.documents:
        documents.append(
            {
                "doc": doc.document.name,
                "speakers": list(doc.document.speakers),
                "concepts": [
                    {
                        "id": concept_iri(c.label).value,
                        "label": c.label,
                        "type": c.type,
                        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in c.mentions],
                    }
                    for c in doc.concepts
                ],
                "attributions": [
                    {
                        "role": a.role,
                        "relation": a.relation,
                        "concept": a.concept,
                        "polarity": a.polarity,
                        "start": a.evidence.start,
                        "end": a.evidence.end,
                        "text": a.evidence.text,
                    }
                    for a in doc.attributions
                ],
                "claims": [
                    {
                        "id": iris[c.key].value,
                        "start": c.evidence.start,
                        "end": c.evidence.end,
                        "text": c.evidence.text,
                        "subject": c.subject,
                        "relation": c.relation,
                        "object": c.object,
                        "quantifier": c.quantifier,
                        "polarity": c.polarity,
                        "modality": c.modality,
                        "asserted_by": c.asserted_by,
                        "status": standing.get(c.key),
                    }
                    for c in doc.claims
                ],
            }
        )
    contests = [
        {
            "claim": iris[c.target].value,
            "contested_by": iris[c.attacker].value,
            "kind": c.kind,
            "rule": c.rule,
            "evidence": c.evidence.text,
            "cross_document": c.cross_document,
        }
        for c in extraction.contests
    ]
    return {"format": EXTRACTION_FORMAT, "documents": documents, "contests": contests}


def extraction_json_text(extraction: Extraction) -> str:
    return json.dumps(extraction_to_json(extraction), ensure_ascii=False, indent=2) + "\n"
