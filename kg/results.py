"""Query results to text: an aligned table for people, the W3C formats for programs.

SELECT results go out as the W3C SPARQL results formats (CSV, TSV, JSON, XML) written by
pyoxigraph itself; CONSTRUCT and DESCRIBE results as Turtle or N-Triples; ASK as true/false.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rich.cells import cell_len

from kg.errors import QueryError, UsageError
from kg.vocab import PREFIXES

SOLUTION_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
FORMATS = ("table", *SOLUTION_FORMATS, *GRAPH_FORMATS)
EXTENSIONS = {
    ".txt": "table",
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".srj": "json",
    ".xml": "xml",
    ".srx": "xml",
    ".ttl": "turtle",
    ".nt": "ntriples",
}


def format_for_path(path: str | Path) -> str:
    """The output format a file name asks for."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UsageError(
            f"cannot tell the format from {suffix or 'no extension'!r}",
            where=str(path),
            hint=f"name the file {', '.join(EXTENSIONS)} or give --format",
        )
    return EXTENSIONS[suffix]


def default_format(form: str, terminal: bool) -> str:
    """Tables on a terminal, W3C TSV in a pipe; Turtle for graphs."""
    if form in ("construct", "describe"):
        return "turtle"
    return "table" if terminal else "tsv"


def check_format(fmt: str, form: str) -> None:
    if form in ("construct", "describe") and fmt in SOLUTION_FORMATS:
        raise UsageError(f"{form.upper()} gives triples, not {fmt}", where="--format", hint="use turtle, ntriples or table")
    if form in ("select", "ask") and fmt in GRAPH_FORMATS:
        raise UsageError(f"{form.upper()} gives solutions, not {fmt}", where="--format", hint="use table, csv, tsv, json or xml")


def show(term: object, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """A term as a person reads it: IRIs shortened by the known prefixes, literals by their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        best = max((ns for ns in prefixes.values() if term.value.startswith(ns)), key=len, default=None)
        if best is not None and len(term.value) > len(best):
            prefix = next(p for p, ns in prefixes.items() if ns == best)
            return f"{prefix}:{term.value[len(best):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    if width > 0 and cell_len(text) > width:
        while cell_len(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text


def table(header: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    """An aligned text table with ``|`` separators; long cells end in an ellipsis."""
    cells = [[_clip(cell, max_width) for cell in row] for row in rows]
    head = [_clip(name, max_width) for name in header]
    widths = [max([cell_len(head[i])] + [cell_len(row[i]) for row in cells]) for i in range(len(head))]

    def line(values: list[str]) -> str:
        return "| " + " | ".join(v + " " * (w - cell_len(v)) for v, w in zip(values, widths)) + " |"

    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(row) for row in cells)
    out.append(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    return "\n".join(out) + "\n"


def write(result, fmt: str, out: BinaryIO, *, prefixes: Mapping[str, str] = PREFIXES, max_width: int = 60) -> None:
    """Write pyoxigraph results (solutions, a boolean, or triples) to a binary stream.

    Solutions are computed as they are read, so an evaluation error (a failing SERVICE call, say)
    surfaces here and becomes a one-line QueryError.
    """
    try:
        _write(result, fmt, out, prefixes, max_width)
    except BrokenPipeError:
        raise
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, where="query", hint="check the query") from exc


def _write(result, fmt: str, out: BinaryIO, prefixes: Mapping[str, str], max_width: int) -> None:
    if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
        if fmt in ("json", "xml") and isinstance(result, ox.QueryBoolean):
            result.serialize(out, format=SOLUTION_FORMATS[fmt])
            out.write(b"\n")
        else:
            out.write(b"true\n" if bool(result) else b"false\n")
        return
    if isinstance(result, ox.QuerySolutions):
        if fmt in SOLUTION_FORMATS:
            result.serialize(out, format=SOLUTION_FORMATS[fmt])
            return
        names = [v.value for v in result.variables]
        rows = [[show(solution[name], prefixes) for name in names] for solution in result]
        out.write(table(names, rows, max_width).encode("utf-8"))
        return
    if fmt in GRAPH_FORMATS:
        # Streamed: the serializer reads the triples as the query yields them (only a table needs them all).
        used = {p: ns for p, ns in prefixes.items() if p}
        ox.serialize(result, out, format=GRAPH_FORMATS[fmt], prefixes=used if fmt == "turtle" else None)
        return
    rows = [[show(t.subject, prefixes), show(t.predicate, prefixes), show(t.object, prefixes)] for t in result]
    out.write(table(["subject", "predicate", "object"], rows, max_width).encode("utf-8"))
