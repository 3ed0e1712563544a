"""kg.builder's cache entry: its extraction.json item, written directly, is kg.export's object as the file lays it out."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg import builder, export
from kg.corpus import read_document
from kg.records import STATUSES, DocumentExtraction, Extraction
from kg.rules import extract_document
from record_strategies import extractions

ROOT = Path(__file__).resolve().parent.parent


def _expected_item(doc: DocumentExtraction, status: str) -> str:
    item = export.extraction_to_json(Extraction((doc,)))["documents"][0]
    for claim in item["claims"]:
        claim["status"] = status
    return builder._JsonWriter.item(item)


@settings(max_examples=300, deadline=None)
@given(extractions(), st.sampled_from(STATUSES))
def test_json_item_is_the_export_object_with_a_slot_for_each_status(doc, status):
    text = builder._json_item(doc)
    assert text.count(builder.STATUS_SLOT) == len(doc.claims)
    assert text.replace(builder.STATUS_SLOT, json.dumps(status)) == _expected_item(doc, status)


def test_json_items_of_the_seeds_and_dev_texts_are_the_export_objects():
    paths = sorted((ROOT / "seeds").iterdir()) + sorted((ROOT / "tests" / "dev" / "texts").iterdir())
    for path in paths:
        doc = extract_document(read_document(path))
        assert doc.claims, path.name
        assert builder._json_item(doc).replace(builder.STATUS_SLOT, '"accepted"') == _expected_item(doc, "accepted"), path.name
