"""Document -> records. Pure functions over spaCy Docs; no rdflib here."""

from kg.records import Document, DocumentExtraction
from kg.rules import extract as _extract
from kg.rules.pieces import extract_in_pieces


def extract_document(document: Document) -> DocumentExtraction:
    """Extract the records of one document of any length (a long one piece by piece, see ``kg.rules.pieces``)."""
    return extract_in_pieces(document, _extract.extract_document)


__all__ = ["extract_document"]
