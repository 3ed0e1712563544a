"""Lexicon mentions: every surface form of every lexicon concept, matched on lemmas."""

from __future__ import annotations

from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.lexicon import Entry, load_lexicon
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


def lexicon_mentions(doc: Doc) -> list[tuple[Span, Entry]]:
    """Longest non-overlapping lexicon matches, in text order."""
    matchers, ids = lexicon_matcher()
    spans = [(doc[start:end], ids[match_id]) for matcher in matchers for match_id, start, end in matcher(doc)]
    spans.sort(key=lambda item: (item[0].start, -(item[0].end - item[0].start)))
    taken: list[tuple[Span, Entry]] = []
    last_end = -1
    for span, entry in sorted(spans, key=lambda item: (-(item[0].end - item[0].start), item[0].start)):
        if any(span.start < other.end and other.start < span.end for other, _ in taken):
            continue
        taken.append((span, entry))
    del last_end
    return sorted(taken, key=lambda item: item[0].start)
