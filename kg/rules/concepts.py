"""Lexicon mentions: every surface form of every lexicon concept, matched on lemmas."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.lexicon import Entry, load_grammar, load_lexicon
from kg.nlp import pipeline


@cache
def lexicon_matcher() -> tuple[tuple[PhraseMatcher, PhraseMatcher], dict[int, Entry]]:
    """PhraseMatchers over all lexicon forms, and match-id -> entry.

    Forms are matched on lemmas, so plurals and verb forms meet; a form with an -ing word is
    matched on its lower-case text instead, since the lemmatiser maps "budgeting" to "budget".
    """
    nlp = pipeline()
    by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    by_text = PhraseMatcher(nlp.vocab, attr="LOWER")
    ids: dict[int, Entry] = {}
    for entry in load_lexicon().entries:
        key = nlp.vocab.strings.add(entry.label)
        ids[key] = entry
        docs = list(nlp.pipe(entry.forms))
        gerunds = [d for d in docs if any(t.lower_.endswith("ing") and t.lemma_ != t.lower_ for t in d)]
        plain = [d for d in docs if d not in gerunds]
        if plain:
            by_lemma.add(entry.label, plain)
        if gerunds:
            by_text.add(entry.label, gerunds)
    return (by_lemma, by_text), ids


@cache
def lexicon_forms() -> dict[str, Entry]:
    """Every lexicon form as its lemma string -> entry (for forms built from the text's words)."""
    nlp = pipeline()
    found: dict[str, Entry] = {}
    for entry in load_lexicon().entries:
        for doc in nlp.pipe(entry.forms):
            found.setdefault(" ".join(t.lemma_ for t in doc), entry)
    return found


@cache
def marked_roles() -> dict[str, str]:
    """Concept label -> the role it marks (lexicon ``kg:characteristicOf``): leadership skills -> leader."""
    return {entry.label: entry.characteristic_of for entry in load_lexicon().entries if entry.characteristic_of}


class TokenRange(NamedTuple):
    """Tokens ``[start, end)`` of a Doc (what a Span says of its place, without the Span)."""

    start: int
    end: int


@cache
def idiom_matcher() -> PhraseMatcher:
    """Fixed phrases whose words name no concept ("in order to" is no order), on lower-case text."""
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("idiom", list(nlp.pipe(load_grammar()["idioms"])))
    return matcher


def lexicon_mentions(doc: Doc) -> list[tuple[TokenRange, Entry]]:
    """Longest non-overlapping lexicon matches, in text order, outside the grammar's idioms."""
    matchers, ids = lexicon_matcher()
    # Exact-text matches (gerund forms) come first, so the stable sort lets them win ties.
    found = [(start, end, ids[match_id]) for matcher in reversed(matchers) for match_id, start, end in matcher(doc)]
    found.sort(key=lambda item: (item[0] - item[1], item[0]))
    used = bytearray(len(doc))
    if found:
        for _, start, end in idiom_matcher()(doc):
            used[start:end] = b"\x01" * (end - start)
    taken: list[tuple[int, int, Entry]] = []
    for start, end, entry in found:
        if any(used[start:end]):
            continue
        used[start:end] = b"\x01" * (end - start)
        taken.append((start, end, entry))
    return [(TokenRange(start, end), entry) for start, end, entry in sorted(taken, key=lambda item: item[0])]
