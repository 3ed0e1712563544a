"""Document -> records. Pure functions over spaCy Docs; no rdflib here."""

from kg.rules.extract import extract_document

__all__ = ["extract_document"]
