"""RDF files from other tools into quads: Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML.

Reading never reaches the network or expands entities: a JSON-LD ``@context`` that names a URL
and an RDF/XML file with a DTD are refused before any parser sees them. A malformed file fails
with one line, ``FILE:LINE:COL: what - what to do``.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.parsers.expat
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.vocab import ID

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json-ld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
_BY_NAME = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class Imported:
    """The quads of one file; triples outside any named graph sit in the file's own graph."""

    path: Path
    sha256: str
    graph: ox.NamedNode
    quads: tuple[ox.Quad, ...]
    prefixes: dict[str, str]


def import_graph_iri(sha256: str) -> ox.NamedNode:
    """The named graph of an imported file, from its content: the same bytes land in the same graph."""
    # TODO(lead): move to kg/graph.py, the one minter of IRIs (proposed in the exports report).
    return ox.NamedNode(f"{ID}graph/import/{sha256[:16]}")


def rdf_format(path: str | Path, name: str | None = None) -> ox.RdfFormat:
    """The RDF format named by ``name`` or by the file's extension."""
    if name:
        if name not in _BY_NAME:
            raise InputError(f"unknown RDF format {name!r}", where=str(path), hint="use one of " + ", ".join(_BY_NAME))
        return _BY_NAME[name]
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"cannot tell the RDF format from the extension {suffix or '(none)'!r}",
            where=str(path),
            hint="name the file " + ", ".join(sorted(FORMATS)),
        )
    return FORMATS[suffix]


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _decode(data: bytes, path: Path) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            break
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, col = _position(data[: exc.start].decode("utf-8", "replace"), exc.start)
        raise InputError(f"not {encoding} text", where=f"{path}:{line}:{col}", hint="save the file as UTF-8") from exc


_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_rdfxml(data: bytes, path: Path) -> None:
    """Refuse DTDs (and so entity declarations) before any XML parser runs; report malformed XML by position."""
    text = _decode(data, path)
    found = _DTD.search(text)
    if found:
        line, col = _position(text, found.start())
        raise InputError(
            f"RDF/XML with a {found.group(0)[2:].upper()} declaration is refused (entities could expand or read files)",
            where=f"{path}:{line}:{col}",
            hint="remove the DTD and write the entities out",
        )
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(text.encode("utf-8"), True)
    except xml.parsers.expat.ExpatError as exc:
        message = xml.parsers.expat.ErrorString(exc.code)
        raise InputError(f"malformed XML: {message}", where=f"{path}:{exc.lineno}:{exc.offset + 1}", hint="fix the XML") from exc


def _remote_contexts(value) -> list[str]:
    """Every context reference that would need a fetch: a string ``@context``, or an ``@import``."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                for ctx in item if isinstance(item, list) else [item]:
                    if isinstance(ctx, str):
                        found.append(ctx)
                    elif isinstance(ctx, dict):
                        if isinstance(ctx.get("@import"), str):
                            found.append(ctx["@import"])
                        found.extend(_remote_contexts(ctx))
            else:
                found.extend(_remote_contexts(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_remote_contexts(item))
    return found


def _check_jsonld(data: bytes, path: Path) -> None:
    text = _decode(data, path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg}", where=f"{path}:{exc.lineno}:{exc.colno}", hint="fix the JSON") from exc
    remote = _remote_contexts(doc)
    if remote:
        offset = max(text.find(json.dumps(remote[0])), 0)
        line, col = _position(text, offset)
        raise InputError(
            f"JSON-LD names a remote @context {remote[0]!r}; it is never fetched",
            where=f"{path}:{line}:{col}",
            hint="put the context inline (ontology/context.jsonld is the project's)",
        )


def read_rdf(path: str | Path, *, format: str | None = None) -> Imported:
    """Parse an RDF file into quads, safely; see the module docstring for what is refused."""
    path = Path(path)
    fmt = rdf_format(path, format)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), where=str(path), hint="check the path") from exc
    if fmt == ox.RdfFormat.RDF_XML:
        _check_rdfxml(data, path)
    elif fmt == ox.RdfFormat.JSON_LD:
        _check_jsonld(data, path)
    sha = hashlib.sha256(data).hexdigest()
    graph = import_graph_iri(sha)
    parser = ox.parse(data, format=fmt)
    quads: list[ox.Quad] = []
    try:
        for item in parser:
            if isinstance(item, ox.Triple) or isinstance(item.graph_name, ox.DefaultGraph):
                quads.append(ox.Quad(item.subject, item.predicate, item.object, graph))
            else:
                quads.append(item)
    except SyntaxError as exc:
        where = f"{path}:{exc.lineno}:{exc.offset}" if exc.lineno else f"{path}:1:1"
        message = str(exc).split(": ", 1)[-1] if exc.lineno else str(exc)
        message = re.sub(r"\s*\(line \d+\)$", "", message)
        raise InputError(message, where=where, hint=f"fix the {_format_name(fmt)} syntax") from exc
    prefixes = dict(getattr(parser, "prefixes", {}) or {})
    return Imported(path, sha, graph, tuple(quads), prefixes)


def _format_name(fmt: ox.RdfFormat) -> str:
    return {v: k for k, v in _BY_NAME.items()}.get(fmt, "RDF")
