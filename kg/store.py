"""The embedded SPARQL store (pyoxigraph): one named graph per document, queries over their union."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.vocab import PREFIXES


class Store:
    """A pyoxigraph store, persistent when given a folder, in memory otherwise."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError("no store here", where=str(self.path), hint="run `kg build` first")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(str(exc), where=str(self.path), hint="check that no other kg process holds it") from exc

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        return self._store

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace one named graph's content."""
        self._store.remove_graph(graph) if self._store.contains_named_graph(graph) else None
        self._store.extend([q for q in quads if q.graph_name == graph])

    def load(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in bulk."""
        self._store.bulk_extend(quads)

    def quads(self) -> list[ox.Quad]:
        return list(self._store.quads_for_pattern(None, None, None, None))

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str, *, union: bool = True):
        """Run a read-only SPARQL query; the default graph is the union of all graphs unless ``union`` is False."""
        try:
            return self._store.query(sparql, use_default_graph_as_union=union, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(str(exc).splitlines()[0], where="query", hint="fix the SPARQL syntax") from exc

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Release the store's files (pyoxigraph closes when the object is dropped)."""
        self.flush()
        self._store = None
