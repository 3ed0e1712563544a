"""kg.store's file loading: the store holds exactly the quads of the file, in every format it
loads directly, whether the file goes in as one bulk-load call or cut into chunks."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import export, graph
from kg import store as kg_store
from kg.store import Store

FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
}
CUT = (".nq", ".nt", ".trig")  # the layouts bulk_load cuts; other Turtle always goes in whole


def _write(folder: Path, extraction, suffix: str) -> Path:
    """The sample graph as kg or pyoxigraph writes it; the triple formats drop the graph names."""
    quads = list(graph.extraction_quads(extraction))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    path = folder / f"graph{suffix}"
    if suffix == ".trig":
        path.write_bytes(export.to_trig(quads))
    elif suffix == ".nq":
        path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    else:
        path.write_bytes(ox.serialize(triples, format=FORMATS[suffix]))
    return path


def _file_quads(path: Path) -> set[str]:
    """The quads of the file as pyoxigraph's parser reads it, without any store."""
    return {str(q) for q in ox.parse(path=str(path), format=FORMATS[path.suffix])}


def _store_quads(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_load_file_in_one_call_holds_exactly_the_files_quads(tmp_path, sample_extraction, suffix):
    path = _write(tmp_path, sample_extraction, suffix)
    store = Store(tmp_path / "store")
    store.load_file(path)
    expected = _file_quads(path)
    assert len(expected) > 100
    assert _store_quads(store.oxigraph) == expected
    assert len(store) == len(expected)


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("suffix", CUT)
def test_bulk_load_in_chunks_holds_exactly_the_files_quads(tmp_path, sample_extraction, suffix, workers):
    path = _write(tmp_path, sample_extraction, suffix)
    store = ox.Store(str(tmp_path / "store"))
    chunks = kg_store.bulk_load(store, path, FORMATS[suffix], chunk_lines=20, workers=workers)
    assert chunks > 3
    expected = _file_quads(path)
    assert _store_quads(store) == expected
    assert len(store) == len(expected)


@pytest.mark.parametrize("suffix", CUT)
def test_bulk_load_of_a_file_within_one_chunk_is_one_call(tmp_path, sample_extraction, suffix):
    path = _write(tmp_path, sample_extraction, suffix)
    store = ox.Store(str(tmp_path / "store"))
    assert kg_store.bulk_load(store, path, FORMATS[suffix]) == 1
    assert _store_quads(store) == _file_quads(path)


def test_bulk_load_never_cuts_turtle(tmp_path, sample_extraction):
    path = _write(tmp_path, sample_extraction, ".ttl")
    store = ox.Store(str(tmp_path / "store"))
    assert kg_store.bulk_load(store, path, ox.RdfFormat.TURTLE, chunk_lines=1) == 1
    assert _store_quads(store) == _file_quads(path)


def test_bulk_load_adds_to_what_the_store_holds(tmp_path, sample_extraction):
    path = _write(tmp_path, sample_extraction, ".nq")
    kept = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("kept"), ox.NamedNode("http://example.org/g"))
    store = ox.Store(str(tmp_path / "store"))
    store.add(kept)
    assert kg_store.bulk_load(store, path, ox.RdfFormat.N_QUADS, chunk_lines=20) > 3
    assert _store_quads(store) == _file_quads(path) | {str(kept)}
