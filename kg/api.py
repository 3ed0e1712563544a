"""The Python API: extract a corpus, build its graph, and work with the result.

    >>> import kg
    >>> graph = kg.build(["seeds"], out="out")
    >>> rows = graph.query("SELECT ?text WHERE { ?c a kg:Claim ; kg:status kg:Contested ; schema:text ?text }")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import contest, corpus, export
from kg.fsutil import atomic_write
from kg.records import Extraction
from kg.rules import extract_document
from kg.store import Store

DEFAULT_OUT = Path("out")


def extract(paths: Iterable[str | Path], *, encoding: str | None = None) -> Extraction:
    """Read the documents under ``paths`` and extract records, contests and standings."""
    documents = [extract_document(document) for document in corpus.read_documents(paths, encoding)]
    claims = [claim for doc in documents for claim in doc.claims]
    contests = contest.find_contests(documents)
    standings = contest.grounded_standings(claims, contests)
    return Extraction(documents=tuple(documents), contests=tuple(contests), standings=tuple(standings))


@dataclass
class KnowledgeGraph:
    """A built graph: its records (when built in this process) and its pyoxigraph store."""

    store: Store
    extraction: Extraction | None = None

    def query(self, sparql: str, *, union: bool = True):
        """Run SPARQL against the store; the default graph is the union of all named graphs."""
        return self.store.query(sparql, union=union)

    def quads(self) -> list[ox.Quad]:
        return self.store.quads()

    def serialize(self, format: str = "turtle") -> bytes:
        """The graph in any `kg export` format (Turtle by default: deterministic, prefixed)."""
        return export.export_bytes(self.quads(), format)

    def rdflib(self):
        """The union graph as an ``rdflib.Graph``."""
        import rdflib

        g = rdflib.Graph()
        g.parse(data=self.serialize("turtle"), format="turtle")
        return g

    def render(self, path: str | Path, *, focus: str | None = None, depth: int = 2) -> Path:
        """Write the interactive HTML network (``focus``: only what lies within ``depth`` links of that label)."""
        from kg import render

        return atomic_write(path, render.render_html(self, focus_label=focus, depth=depth))


def build(
    paths: Iterable[str | Path] = ("seeds",),
    out: str | Path = DEFAULT_OUT,
    *,
    encoding: str | None = None,
    jobs: int | None = None,
    incremental: bool = True,
) -> KnowledgeGraph:
    """Extract ``paths`` and write ``out/``: graph.ttl, graph.html, extraction.json and the store.

    See :mod:`kg.builder`: parallel over ``jobs`` processes, incremental, atomic and locked.
    """
    from kg import builder

    result = builder.build(paths, out, encoding=encoding, jobs=jobs, incremental=incremental, keep_extraction=True)
    return KnowledgeGraph(store=Store(Path(out) / "store", read_only=True), extraction=result.extraction)


def open_graph(out: str | Path = DEFAULT_OUT) -> KnowledgeGraph:
    """Open the store that ``build`` wrote (read-only)."""
    return KnowledgeGraph(store=Store(Path(out) / "store", read_only=True))
