"""Turtle statements written directly from triples of N-Triples terms.

The output is byte for byte what ``kg.builder._turtle_body`` (kg.export's general serializer: load,
sort the N-Triples lines, parse, print with Oxigraph, blank line per subject) writes for the same
triples. That serializer costs more than extraction itself per document; this one sorts and prints
strings, and asks the general serializer only how to print each IRI outside the instance namespace
(once per IRI and process).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kg.vocab import ID

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
XSD_BOOLEAN = "<http://www.w3.org/2001/XMLSchema#boolean>"

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ESCAPED = re.compile('[\\\\"\x00-\x1f\x7f\ufffe\uffff]')
_INSTANCES = "<" + str(ID)  # the id: prefix is left out of document bodies: its IRIs are written in full
_TYPE_FIRST = "<\x01>"  # kg.export sorts rdf:type before every other predicate by this stand-in
_INTEGER = re.compile("[+-]?[0-9]+")
_PROBE = "<http://example.org/s>", "<http://example.org/p>", "<http://example.org/o>"


def string(text: str) -> str:
    """A simple literal, escaped as Oxigraph escapes it (the same in N-Triples and Turtle)."""
    return '"' + _ESCAPED.sub(lambda m: _ESCAPES.get(m.group(), "\\u%04X" % ord(m.group())), text) + '"'


def iri(value: str) -> str:
    return f"<{value}>"


def integer(value: int) -> str:
    return f'"{value}"^^{XSD_INTEGER}'


def boolean(value: bool) -> str:
    return f'"{"true" if value else "false"}"^^{XSD_BOOLEAN}'


def body(triples: Iterable[tuple[str, str, str]]) -> str:
    """Turtle statements of ``triples`` (subject, predicate, object as N-Triples terms), without prefix lines."""
    by_subject: dict[str, set[tuple[str, str]]] = {}
    odd: set[str] = set()  # subjects with a literal that holds the rdf:type IRI (the sort stand-in changes it)
    for s, p, o in triples:
        items = by_subject.get(s)
        if items is None:
            items = by_subject[s] = set()
        items.add((_TYPE_FIRST if p == RDF_TYPE else p, o))
        if RDF_TYPE in o and o[0] == '"':
            odd.add(s)
    blocks: list[str] = []
    # N-Triples lines sorted whole: N-Triples terms are self-delimiting and escape every character
    # below a space, so comparing subject, predicate and object in turn gives the same order.
    for s in sorted(by_subject):
        items = sorted(by_subject[s], key=_line_end) if s in odd else sorted(by_subject[s])
        parts = [_written(s)]
        last = None
        for p, o in items:
            if p == last:
                parts.append(" , " + _written(o))
                continue
            parts.append(" " if last is None else " ;\n\t")
            parts.append(_written_predicate(p) + " " + _written(o))
            last = p
        blocks.append("".join(parts) + " .")
    return "\n" + "\n\n".join(blocks) + "\n" if blocks else "\n"


def _line_end(item: tuple[str, str]) -> tuple[str, str]:
    """The order of a predicate and object in kg.export's sort, whose stand-in for rdf:type also
    replaces the IRI inside literals."""
    p, o = item
    return p, (" " + o + " .").replace(f" {RDF_TYPE} ", f" {_TYPE_FIRST} ")


def _written(term: str) -> str:
    """How the general serializer prints a subject or object given as an N-Triples term."""
    if term[-1] == '"':
        return term  # a plain string prints as it is
    if term[0] == '"':
        close = term.rindex('"')
        tail, value = term[close + 1 :], term[1:close]
        if not tail or tail[0] == "@":
            return term  # plain and language-tagged strings print as they are
        if tail == "^^" + XSD_INTEGER and _INTEGER.fullmatch(value) or tail == "^^" + XSD_BOOLEAN and value in ("true", "false"):
            return value
        return _asked_once(term, False)
    if term.startswith(_INSTANCES):
        return term
    return _asked(term, False)


def _written_predicate(term: str) -> str:
    return "a" if term == _TYPE_FIRST else _asked(term, True)


@lru_cache(maxsize=1 << 16)
def _asked(term: str, predicate: bool) -> str:
    return _asked_once(term, predicate)


def _asked_once(term: str, predicate: bool) -> str:
    """The general serializer's form of one term, read off a one-triple graph."""
    from kg import export  # kg.export imports kg.graph, which imports this module

    s, p, o = _PROBE
    lead = f"{s} {term} " if predicate else f"{s} {p} "
    statement = f"{lead}{o} .\n" if predicate else f"{lead}{term} .\n"
    text = export._turtle_body(statement).strip("\n")
    if not text.startswith(lead if not predicate else f"{s} ") or not text.endswith(" ."):
        raise ValueError(f"unexpected Turtle for {term!r}: {text!r}")
    if predicate:
        return text[len(s) + 1 : -len(f" {o} .")]
    return text[len(lead) : -2]
