"""The domain vocabulary read from ``ontology/``: lexicon concepts and grammar cues (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox
import yaml

from kg.vocab import KG

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TYPE_OF_CLASS = {str(KG.Role): "role", str(KG.Trait): "trait", str(KG.Skill): "skill", str(KG.Focus): "focus"}


@dataclass(frozen=True)
class Entry:
    """One lexicon concept: its label, type and every surface form that names it."""

    label: str
    type: str
    forms: tuple[str, ...]
    characteristic_of: str | None = None
    broader: str | None = None
    iri: str | None = None


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]

    @property
    def iri_of(self) -> dict[str, str]:
        """Label -> the lexicon's own IRI for it."""
        return {entry.label: entry.iri for entry in self.entries if entry.iri}


@cache
def load_lexicon() -> Lexicon:
    """Parse ``ontology/lexicon.ttl`` once per process."""
    data = resources.files("kg.ontology").joinpath("lexicon.ttl").read_bytes()
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    forms: dict[str, list[str]] = {}
    links: dict[str, dict[str, str]] = {}
    for t in ox.parse(data, format=ox.RdfFormat.TURTLE):
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == RDF_TYPE and o.value in TYPE_OF_CLASS:
            types[s] = TYPE_OF_CLASS[o.value]
        elif p == SKOS + "prefLabel":
            labels[s] = o.value
        elif p == SKOS + "altLabel":
            forms.setdefault(s, []).append(o.value)
        elif p == str(KG.characteristicOf):
            links.setdefault(s, {})["characteristic_of"] = o.value
        elif p == SKOS + "broader":
            links.setdefault(s, {})["broader"] = o.value
    entries = []
    for iri in sorted(labels):
        if iri not in types:
            continue
        extra = {key: labels.get(value) for key, value in links.get(iri, {}).items()}
        entries.append(
            Entry(
                label=labels[iri],
                type=types[iri],
                forms=(labels[iri], *sorted(forms.get(iri, ()))),
                iri=iri,
                **extra,
            )
        )
    return Lexicon(tuple(entries))


@cache
def load_grammar() -> dict:
    """The cue words of ``ontology/grammar.yaml``: quantifiers, negators, hedges, relation verbs."""
    data = resources.files("kg.ontology").joinpath("grammar.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(data)
