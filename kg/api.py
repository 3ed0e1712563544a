"""The Python API: extract a corpus, build its graph, and work with the result.

    >>> import kg
    >>> graph = kg.build(["seeds"], out="out")
    >>> rows = graph.query("SELECT ?text WHERE { ?c a kg:Claim ; kg:status kg:Contested ; schema:text ?text }")
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import contest, corpus, export, graph
from kg.fsutil import atomic_write
from kg.records import Extraction
from kg.rules import extract_document
from kg.store import Store

DEFAULT_OUT = Path("out")


def extract(paths: Iterable[str | Path], *, encoding: str | None = None) -> Extraction:
    """Read the documents under ``paths`` and extract records, contests and standings."""
    documents = [extract_document(corpus.read_document(p, encoding)) for p in corpus.iter_paths(paths)]
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
        """The graph in an RDF format (Turtle by default: deterministic, prefixed)."""
        if format != "turtle":
            raise ValueError(f"unknown format {format!r}")
        return export.to_turtle(self.quads())

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


def build(paths: Iterable[str | Path] = ("seeds",), out: str | Path = DEFAULT_OUT, *, encoding: str | None = None) -> KnowledgeGraph:
    """Extract ``paths`` and write ``out/``: graph.ttl, graph.html, extraction.json and the store."""
    out = Path(out)
    extraction = extract(paths, encoding=encoding)
    quads = list(graph.extraction_quads(extraction))
    out.mkdir(parents=True, exist_ok=True)
    # The new store is built beside the old one and swapped in only when every file is written.
    fresh = out / ".store.new"
    shutil.rmtree(fresh, ignore_errors=True)
    kg = KnowledgeGraph(store=Store(fresh), extraction=extraction)
    kg.store.load(quads)
    kg.store.flush()
    atomic_write(out / "extraction.json", export.extraction_json_text(extraction))
    atomic_write(out / "graph.ttl", export.to_turtle(quads))
    kg.render(out / "graph.html")
    kg.store.close()
    old = out / ".store.old"
    shutil.rmtree(old, ignore_errors=True)
    if (out / "store").exists():
        (out / "store").rename(old)
    fresh.rename(out / "store")
    shutil.rmtree(old, ignore_errors=True)
    return KnowledgeGraph(store=Store(out / "store", read_only=True), extraction=extraction)


def open_graph(out: str | Path = DEFAULT_OUT) -> KnowledgeGraph:
    """Open the store that ``build`` wrote (read-only)."""
    return KnowledgeGraph(store=Store(Path(out) / "store", read_only=True))
