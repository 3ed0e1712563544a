"""One document in, its concepts, attributions and claims out."""

from __future__ import annotations

from kg.nlp import pipeline
from kg.records import Concept, Document, DocumentExtraction, Span
from kg.rules.concepts import lexicon_mentions


def extract_document(document: Document) -> DocumentExtraction:
    """Extract the records of one document (deterministic: same text, same records)."""
    doc = pipeline()(document.text)
    mentions: dict[str, list[Span]] = {}
    types: dict[str, str] = {}
    for span, entry in lexicon_mentions(doc):
        mentions.setdefault(entry.label, []).append(Span(span.start_char, span.end_char, span.text))
        types[entry.label] = entry.type
    concepts = tuple(
        Concept(label=label, type=types[label], mentions=tuple(spans)) for label, spans in mentions.items()
    )
    return DocumentExtraction(document=document, concepts=concepts, attributions=(), claims=())
