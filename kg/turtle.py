"""Turtle statements written directly from triples of N-Triples terms.

The output is byte for byte what ``kg.builder._turtle_body`` (kg.export's general serializer: load,
sort the N-Triples lines, parse, print with Oxigraph, blank line per subject) writes for the same
triples. That serializer cost more than extraction itself per document; this one sorts and prints
strings, and asks the general serializer only how to print each IRI outside the instance namespace
(once per IRI and process). A :class:`Shape` writes the statement of a subject whose predicates are
known in advance from a template, without sorting anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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
    return join(statements(triples))


def statements(triples: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Each subject's Turtle statement, by subject (for :func:`join`)."""
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in triples:
        items = by_subject.get(s)
        if items is None:
            by_subject[s] = [(p, o)]
        else:
            items.append((p, o))
    found = _statements(by_subject, sorted)
    if any(RDF_TYPE in text for text in found.values()):
        # A literal holds the rdf:type IRI, which kg.export's stand-in replaces there too (it prints
        # as "a" everywhere else): the slower key that reproduces the stand-in.
        found = _statements(by_subject, lambda items: sorted(items, key=_line_end))
    return found


def join(found: dict[str, str]) -> str:
    """Statements by subject as kg.export lays them out: subjects in the order of their N-Triples
    lines, a blank line before each."""
    if not found:
        return "\n"
    return "\n" + "\n\n".join([found[s] for s in sorted(found)]) + "\n"


def _statements(by_subject: dict[str, list[tuple[str, str]]], order) -> dict[str, str]:
    """kg.export sorts N-Triples lines whole, with a stand-in that puts rdf:type first. N-Triples
    terms are self-delimiting and escape every character below a space, so sorting subjects, then
    (predicate, object) pairs gives the lines' order, but for rdf:type, moved to the front here."""
    found: dict[str, str] = {}
    for s, pairs in by_subject.items():
        types: list[str] = []
        lines: list[str] = []
        last = None
        for p, o in order(set(pairs)):
            o = _form(o)
            if p == RDF_TYPE:
                types.append(o)
            elif p == last:
                lines[-1] += " , " + o
            else:
                lines.append(_predicate_form(p) + " " + o)
                last = p
        if types:
            lines.insert(0, "a " + " , ".join(types))
        found[s] = _form(s) + " " + " ;\n\t".join(lines) + " ."
    return found


def _form(term: str) -> str:
    """How the general serializer prints a subject or object; most are plain strings and instance IRIs,
    which print as they are."""
    return term if term[-1] == '"' or term.startswith(_INSTANCES) else _written(term)


def _predicate_form(term: str) -> str:
    return _PREDICATES.get(term) or _written_predicate(term)


class Shape:
    """The statement about one subject with a fixed list of predicates, each with constant objects or
    one value (a term, None when absent, or a tuple of terms), written from a template made once per
    set of present values: as :func:`statements` writes the same triples, in a fraction of the time."""

    def __init__(self, *predicates: tuple[str, str | None], optional: bool = False) -> None:
        """``predicates``: (predicate, constant object) or (predicate, None) for a value, in the order values come."""
        self.predicates = predicates
        self.optional = optional  # values may be None or () (the predicate is left out)
        self.templates: dict[tuple[bool, ...] | None, str] = {}
        # A template fixes the order of objects; only constants and a single value have a known one.
        valued = [p for p, constant in predicates if constant is None]
        if len(valued) != len(set(valued)) or set(valued) & {p for p, constant in predicates if constant is not None}:
            raise ValueError("a predicate of a shape has constant objects or one value, not both or more")

    def triples(self, subject: str, values: tuple) -> Iterator[tuple[str, str, str]]:
        """The shape's triples for these values."""
        values = iter(values)
        for p, constant in self.predicates:
            if constant is not None:
                yield subject, p, constant
                continue
            value = next(values)
            if isinstance(value, tuple):
                for o in value:
                    yield subject, p, o
            elif value is not None:
                yield subject, p, value

    def statement(self, subject: str, values: tuple) -> str:
        """The Turtle statement of :meth:`triples`, as :func:`statements` writes it."""
        mask = tuple(map(bool, values)) if self.optional else None
        template = self.templates.get(mask) or self._template(mask)
        if not self.optional:
            return template.format(_form(subject), *map(_form, values))
        args = [_form(subject)]
        for value in values:
            if isinstance(value, tuple):
                if value:
                    args.append(" , ".join(map(_form, sorted(set(value), key=_object_key))))
            elif value is not None:
                args.append(_form(value))
        return template.format(*args)

    def _template(self, mask: tuple[bool, ...] | None) -> str:
        entries: list[tuple[str, str, str]] = []  # (predicate's place, object's place, object as printed or a slot)
        slot = 0
        present = iter(mask or ())
        for p, constant in self.predicates:
            key = _TYPE_FIRST if p == RDF_TYPE else p
            if constant is not None:
                entries.append((key, _object_key(constant), _form(constant).replace("{", "{{").replace("}", "}}")))
            elif mask is None or next(present):
                slot += 1
                entries.append((key, "", "{%d}" % slot))
        lines: list[str] = []
        last = None
        for key, _, printed in sorted(entries):
            if key == last:
                lines[-1] += " , " + printed
            else:
                name = "a" if key == _TYPE_FIRST else _predicate_form(key).replace("{", "{{").replace("}", "}}")
                lines.append(f"{name} {printed}")
                last = key
        template = self.templates[mask] = "{0} " + " ;\n\t".join(lines) + " ."
        return template


def _object_key(term: str) -> str:
    """An object's place among the objects of one subject and predicate in kg.export's sort."""
    return (" " + term + " .").replace(f" {RDF_TYPE} ", f" {_TYPE_FIRST} ")


def _line_end(item: tuple[str, str]) -> tuple[str, str]:
    """A predicate and object's place in kg.export's sort, its stand-in for rdf:type applied to both."""
    p, o = item
    return _TYPE_FIRST if p == RDF_TYPE else p, _object_key(o)


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
