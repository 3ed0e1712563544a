"""The embedded SPARQL store (pyoxigraph): one named graph per document, queries over their union.

``Store.run`` executes a query that ``kg.sparql.prepare`` checked; with a timeout it runs in a
child process (``kg.query_worker``) that is killed when time is up, since pyoxigraph itself has no
way to stop a query. ``bulk_load`` fills a store from a big file in bounded memory.
"""

from __future__ import annotations

import io
import json
import mmap
import os
import re
import subprocess
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import imports
from kg.errors import InputError, QueryError, QueryTimeout, StoreError
from kg.vocab import PREFIXES

# Files ``--graph`` parses directly (and a timed-out query's child re-reads); JSON-LD and RDF/XML,
# which could fetch contexts or expand entities, go through ``kg.imports`` checks first.
FILE_FORMATS = {
    suffix: fmt for suffix, fmt in imports.FORMATS.items() if fmt not in (ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML)
}


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
        self.read_only = read_only
        self.source_file: Path | None = None  # the RDF file an in-memory store was read from
        self.prefixes: dict[str, str] = dict(PREFIXES)  # predeclared in queries; a file's own prefixes join them

    @classmethod
    def from_file(cls, path: str | Path) -> Store:
        """An in-memory store holding one RDF file: Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML."""
        path = Path(path)
        fmt = FILE_FORMATS.get(path.suffix.lower())
        if fmt is None:
            # JSON-LD and RDF/XML go through kg.imports, which refuses remote contexts and entities
            # before parsing; the store holds the result in memory (a timeout dumps it for the child).
            imported = imports.read_rdf(path)
            store = cls(None)
            store._store.bulk_extend(imported.quads)
            store.prefixes.update({k: v for k, v in imported.prefixes.items() if k not in store.prefixes})
            return store
        if not path.is_file():
            raise InputError("no such file", where=str(path), hint="check the path")
        store = cls(None)
        parser = ox.parse(path=str(path), format=fmt)
        try:
            store._store.bulk_extend(parser)
        except SyntaxError as exc:
            where = f"{path}:{exc.lineno}:{exc.offset}" if exc.lineno else str(path)
            message = str(exc).split(": ", 1)[-1]
            raise InputError(message, where=where, hint=f"fix the {fmt.name} syntax") from exc
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), where=str(path), hint="check the file") from exc
        store.source_file = path
        store.prefixes.update({k: v for k, v in parser.prefixes.items() if k not in store.prefixes})
        return store

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

    def load_file(self, path: str | Path, format: ox.RdfFormat | None = None, *, lenient: bool = False) -> None:
        """Add an RDF file in bulk, in bounded memory (see ``bulk_load``)."""
        fmt = format or FILE_FORMATS.get(Path(path).suffix.lower())
        if fmt is None:
            raise InputError("not a format the store loads directly", where=str(path), hint="use N-Quads, N-Triples, TriG or Turtle")
        bulk_load(self._store, path, fmt, lenient=lenient)

    def quads(self) -> list[ox.Quad]:
        return list(self._store.quads_for_pattern(None, None, None, None))

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted: one per document, then the contests and ontology graphs."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph, sorted so that the same graph serialises the same way."""
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return sorted((ox.Triple(q.subject, q.predicate, q.object) for q in quads), key=str)

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str, *, union: bool = True):
        """Run a read-only SPARQL query; the default graph is the union of all graphs unless ``union`` is False."""
        try:
            return self._store.query(sparql, use_default_graph_as_union=union, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(str(exc).splitlines()[0], where="query", hint="fix the SPARQL syntax") from exc

    def run(self, prepared, *, union: bool = True, timeout: float | None = None):
        """Execute a query checked by ``kg.sparql.prepare``: pyoxigraph results, or None for an update.

        A query that names graphs (FROM / FROM NAMED) gets exactly those, not the union.
        """
        union = union and not prepared.datasets
        if timeout is not None:
            return self._run_isolated(prepared, union=union, timeout=timeout)
        try:
            if prepared.is_update:
                if self.read_only:
                    raise QueryError("the store is open read-only", where=prepared.source, hint="open it for updates")
                self._store.update(prepared.text, prefixes=self.prefixes)
                self.flush()
                return None
            result = self._store.query(prepared.text, use_default_graph_as_union=union, prefixes=self.prefixes)
            # Solutions stream lazily; errors found while evaluating still surface here or when read.
            return result
        except SyntaxError as exc:
            from kg.sparql import engine_syntax_error

            raise engine_syntax_error(str(exc), prepared, self.prefixes) from exc
        except OSError as exc:
            raise QueryError(str(exc).splitlines()[0], where=prepared.source, hint="check the query") from exc

    def _run_isolated(self, prepared, *, union: bool, timeout: float):
        request: dict = {"text": prepared.text, "prefixes": self.prefixes, "union": union, "update": prepared.is_update}
        dump = None
        if self.path is not None:
            request["store"] = str(self.path)
            if prepared.is_update:
                if self.read_only:
                    raise QueryError("the store is open read-only", where=prepared.source, hint="open it for updates")
                self._store = None  # the child needs the write lock
        elif self.source_file is not None:
            request["file"] = str(self.source_file)
            request["media_type"] = FILE_FORMATS[self.source_file.suffix.lower()].media_type
        else:
            if prepared.is_update:
                raise QueryError("a timeout needs a store on disk for updates", where=prepared.source, hint="drop --timeout")
            fd, dump = tempfile.mkstemp(suffix=".nq")
            with os.fdopen(fd, "wb") as handle:
                self._store.dump(handle, format=ox.RdfFormat.N_QUADS)
            request["file"], request["media_type"] = dump, ox.RdfFormat.N_QUADS.media_type
        try:
            out = _run_worker(request, timeout, prepared)
        finally:
            if dump:
                os.unlink(dump)
            if self._store is None and self.path is not None:
                self._store = ox.Store(str(self.path))
        if prepared.is_update:
            return None
        if prepared.form in ("construct", "describe"):
            return list(ox.parse(out, format=ox.RdfFormat.N_TRIPLES))
        return ox.parse_query_results(out, format=ox.QueryResultsFormat.JSON)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Release the store's files (pyoxigraph closes when the object is dropped)."""
        self.flush()
        self._store = None


# pyoxigraph's bulk loader holds about 0.9 KB per quad until a call returns: one call for a file of 1M
# triples peaked at 0.9 GB. A big file goes in as chunks of about this many lines (a line is about
# a triple in N-Quads and in the Turtle kg writes), two at a time, so that a load stays near 250 MB
# whatever the size of the file (at 1M triples, for a quarter to a third more CPU time than one call).
# Measured against the alternatives at 1M triples (scripts/benchmark_load.py, docs/queries.md#speed):
# 170k-line chunks cost the same CPU time at 340 MB, 330k-line chunks one at a time 5-10% less but on
# one core only, and without the compaction the named queries took 1.4-1.7x the CPU time.
CHUNK_LINES = 100_000
_LINE_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)
_DIRECTIVE = re.compile(rb"^[ \t]*(?:@prefix|@base|prefix[ \t]|base[ \t])", re.MULTILINE | re.IGNORECASE)
_HEADER_LINE = re.compile(rb"[ \t]*(?:(?:@prefix|@base|prefix[ \t]|base[ \t])[^\n]*|#[^\n]*)?\r?\n", re.IGNORECASE)
_GRAPH_END = re.compile(rb"\n\}[ \t\r]*\n")


@dataclass(frozen=True)
class _Chunk:
    start: int  # byte offsets in the file
    end: int


def bulk_load(
    store: ox.Store,
    path: str | Path,
    fmt: ox.RdfFormat,
    *,
    lenient: bool = False,
    chunk_lines: int = CHUNK_LINES,
    workers: int = 2,
) -> int:
    """Load an RDF file into ``store`` with pyoxigraph's bulk loader; returns the number of chunks.

    N-Quads, N-Triples and TriG laid out as kg writes it (directives at the top, graph blocks closed by
    a line ``}``) are cut into chunks loaded two at a time, then the store is compacted, so memory
    stays bounded and queries run as fast as after one load. Blank-node labels (scoped to the whole
    file), long strings and other layouts are loaded in one call. Each chunk is atomic: if one fails,
    the chunks before it stay loaded. ``lenient`` skips IRI validation (for files kg wrote itself).
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            view = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else None
            try:
                header, chunks = _plan(view, fmt, chunk_lines) if view is not None else (b"", [])
            finally:
                if view is not None:
                    view.close()
        if len(chunks) <= 1:
            _load_part(store, path, fmt, lenient, None, b"")
            return 1
        done: deque = deque()
        workers = max(1, min(workers, os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            try:
                for chunk in chunks:
                    if len(done) >= workers:
                        done.popleft().result()  # at most ``workers`` chunks in memory
                    done.append(pool.submit(_load_part, store, path, fmt, lenient, chunk, header))
                while done:
                    done.popleft().result()
            finally:
                for future in done:
                    future.cancel()
        store.optimize()  # one compaction: queries on many loaded chunks ran up to 1.7x slower
        return len(chunks)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), where=str(path), hint="check the file") from exc


def _plan(view: mmap.mmap, fmt: ox.RdfFormat, chunk_lines: int) -> tuple[bytes, list[_Chunk]]:
    """The header every chunk repeats and the chunks of a file; one chunk when it cannot be cut safely."""
    whole = (b"", [_Chunk(0, len(view))])
    if fmt not in (*_LINE_FORMATS, ox.RdfFormat.TRIG) or view.find(b"_:") != -1:
        return whole
    header_end = 0
    if fmt == ox.RdfFormat.TRIG:
        # A line "}" closes a graph block unless a long string spans it; directives must all come first.
        if view.find(b'"""') != -1 or view.find(b"'''") != -1:
            return whole
        while (match := _HEADER_LINE.match(view, header_end)) and match.end() > header_end:
            header_end = match.end()
        if _DIRECTIVE.search(view, header_end):
            return whole
    sample = view[header_end : header_end + (1 << 20)]
    step = max(1, round(chunk_lines * len(sample) / max(1, sample.count(b"\n"))))
    chunks, start = [], header_end
    while start < len(view):
        cut = start + step
        if cut >= len(view):
            end = len(view)
        elif fmt == ox.RdfFormat.TRIG:
            match = _GRAPH_END.search(view, cut - 1)
            end = match.end() if match else len(view)
        else:
            newline = view.find(b"\n", cut)
            end = len(view) if newline == -1 else newline + 1
        chunks.append(_Chunk(start, end))
        start = end
    return view[:header_end], chunks


def _load_part(store: ox.Store, path: Path, fmt: ox.RdfFormat, lenient: bool, chunk: _Chunk | None, header: bytes) -> None:
    try:
        if chunk is None:
            store.bulk_load(path=str(path), format=fmt, lenient=lenient)
        else:
            with _FileSlice(path, chunk.start, chunk.end, header) as source:
                store.bulk_load(source, format=fmt, lenient=lenient)
    except SyntaxError as exc:
        line = exc.lineno
        if line and chunk is not None and line > header.count(b"\n"):
            with open(path, "rb") as handle:
                line += handle.read(chunk.start).count(b"\n") - header.count(b"\n")
        where = f"{path}:{line}:{exc.offset}" if line else str(path)
        raise InputError(str(exc).split(": ", 1)[-1], where=where, hint=f"fix the {fmt.name} syntax") from exc


class _FileSlice(io.RawIOBase):
    """``header`` then bytes ``start``..``end`` of a file, read as the loader asks for them."""

    def __init__(self, path: Path, start: int, end: int, header: bytes = b""):
        self._file = open(path, "rb", buffering=0)
        self._file.seek(start)
        self._left = end - start
        self._header = memoryview(header)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        target = memoryview(buffer)
        if self._header:
            n = min(len(target), len(self._header))
            target[:n] = self._header[:n]
            self._header = self._header[n:]
            return n
        if self._left <= 0:
            return 0
        n = self._file.readinto(target[: min(len(target), self._left)]) or 0
        self._left -= n
        return n

    def close(self) -> None:
        self._file.close()
        super().close()


def _run_worker(request: Mapping, timeout: float, prepared) -> bytes:
    """Run one request in ``kg.query_worker``; kill it when ``timeout`` seconds have passed."""
    from kg import query_worker
    from kg.sparql import engine_syntax_error

    source = prepared.source
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, kg.query_worker as w; sys.exit(w.main())"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = child.communicate(json.dumps(request).encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise QueryTimeout(
            f"stopped after {timeout:g} s",
            where=source,
            hint="narrow the query (more specific patterns, LIMIT) or raise --timeout",
        ) from None
    except BaseException:
        child.kill()
        child.communicate()
        raise
    message = err.decode("utf-8", "replace")
    if child.returncode == query_worker.SYNTAX_ERROR:
        raise engine_syntax_error(message, prepared, request["prefixes"])
    if child.returncode != 0:
        raise QueryError((message.strip().splitlines() or ["the query failed"])[0], where=source, hint="check the query")
    return out
