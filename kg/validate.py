"""SHACL validation of a graph against ontology/shapes.ttl (pyshacl), one violation a line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox

from kg.export import compact

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node that fails, the property path (empty for a node-level shape), why."""

    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus} - {self.path or '(node)'} - {self.message}"


@cache
def _shapes():
    import rdflib

    return rdflib.Graph().parse(
        data=resources.files("kg.ontology").joinpath("shapes.ttl").read_bytes(), format="turtle"
    )


def _to_rdflib(quads: Iterable[ox.Quad]):
    import rdflib

    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def _show(term) -> str:
    import rdflib

    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return compact(str(term))
    if isinstance(term, rdflib.BNode):
        return "[]"  # a complex path or an anonymous node; its label means nothing to a reader
    return term.n3()


def validate_quads(quads: Iterable[ox.Quad]) -> list[Violation]:
    """The union of ``quads`` checked against the shapes; an empty list means it conforms."""
    import pyshacl
    import rdflib

    data = _to_rdflib(quads)
    _, results, _ = pyshacl.validate(data, shacl_graph=_shapes(), inference="none", allow_warnings=False)
    sh = rdflib.Namespace(SH)
    found: set[Violation] = set()
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        messages = sorted(str(m) for m in results.objects(result, sh.resultMessage))
        found.add(
            Violation(
                focus=_show(results.value(result, sh.focusNode)),
                path=_show(results.value(result, sh.resultPath)),
                message=messages[0] if messages else _show(results.value(result, sh.sourceConstraintComponent)),
            )
        )
    return sorted(found)
