"""The lexicon and grammar are data the rules read: they must be well-formed and unambiguous."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import rdflib

from kg.lexicon import load_grammar, load_lexicon
from kg.records import CONCEPT_TYPES


def test_every_lexicon_form_names_exactly_one_concept():
    forms = Counter(form.lower() for entry in load_lexicon().entries for form in entry.forms)
    assert [form for form, n in forms.items() if n > 1] == []


def test_every_lexicon_concept_has_one_of_the_four_types_and_its_own_iri():
    entries = load_lexicon().entries
    assert {entry.type for entry in entries} <= set(CONCEPT_TYPES)
    assert len({entry.iri for entry in entries}) == len(entries)


def test_lexicon_parses_in_rdflib_too():
    g = rdflib.Graph().parse(data=resources.files("kg.ontology").joinpath("lexicon.ttl").read_text(), format="turtle")
    assert len(g) > 500


def test_grammar_lists_hold_only_strings():
    # YAML reads bare yes/no/true as booleans; a cue word must stay a word.
    def strings(value):
        if isinstance(value, dict):
            return all(strings(v) for v in value.values())
        if isinstance(value, list):
            return all(isinstance(v, str) for v in value)
        return True

    assert all(strings(value) for value in load_grammar().values())
