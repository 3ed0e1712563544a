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
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in triples:
        items = by_subject.get(s)
        if items is None:
            by_subject[s] = [(p, o)]
        else:
            items.append((p, o))
    text = _statements(by_subject, sorted)
    if RDF_TYPE in text:
        # A literal holds the rdf:type IRI, which kg.export's stand-in replaces there too (it prints
        # as "a" everywhere else): the slower key that reproduces the stand-in.
        text = _statements(by_subject, lambda items: sorted(items, key=_line_end))
    return text


def _statements(by_subject: dict[str, list[tuple[str, str]]], order) -> str:
    """kg.export sorts N-Triples lines whole, with a stand-in that puts rdf:type first. N-Triples
    terms are self-delimiting and escape every character below a space, so sorting subjects, then
    (predicate, object) pairs gives the lines' order, but for rdf:type, moved to the front here."""
    blocks: list[str] = []
    written, instances = _written, _INSTANCES
    for s in sorted(by_subject):
        types: list[str] = []
        lines: list[str] = []
        last = None
        for p, o in order(set(by_subject[s])):
            # Most objects are plain strings and instance IRIs, which print as they are.
            o = o if o[-1] == '"' or o.startswith(instances) else written(o)
            if p == RDF_TYPE:
                types.append(o)
            elif p == last:
                lines[-1] += " , " + o
            else:
                lines.append((_PREDICATES.get(p) or _written_predicate(p)) + " " + o)
                last = p
        if types:
            lines.insert(0, "a " + " , ".join(types))
        blocks.append((s if s.startswith(instances) else written(s)) + " " + " ;\n\t".join(lines) + " .")
    return "\n" + "\n\n".join(blocks) + "\n" if blocks else "\n"


def _line_end(item: tuple[str, str]) -> tuple[str, str]:
    """A predicate and object's place in kg.export's sort, its stand-in for rdf:type applied to both."""
    p, o = item
    return _TYPE_FIRST if p == RDF_TYPE else p, (" " + o + " .").replace(f" {RDF_TYPE} ", f" {_TYPE_FIRST} ")


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


_PREDICATES: dict[str, str] = {}  # predicate -> how it prints, filled as predicates are met


def _written_predicate(term: str) -> str:
    form = _PREDICATES[term] = _asked_once(term, True)
    return form


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
