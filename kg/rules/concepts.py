"""Lexicon mentions: every surface form of every lexicon concept, matched on lemmas."""

from __future__ import annotations

from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.lexicon import Entry, load_lexicon
from kg.nlp import pipeline


@cache
def lexicon_matcher() -> tuple[PhraseMatcher, dict[int, Entry]]:
    """A lemma PhraseMatcher over all lexicon forms, and match-id -> entry."""
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    ids: dict[int, Entry] = {}
    for entry in load_lexicon().entries:
        key = nlp.vocab.strings.add(entry.label)
        ids[key] = entry
        matcher.add(entry.label, list(nlp.pipe(entry.forms)))
    return matcher, ids


def lexicon_mentions(doc: Doc) -> list[tuple[Span, Entry]]:
    """Longest non-overlapping lexicon matches, in text order."""
    matcher, ids = lexicon_matcher()
    spans = [(doc[start:end], ids[match_id]) for match_id, start, end in matcher(doc)]
    spans.sort(key=lambda item: (item[0].start, -(item[0].end - item[0].start)))
    taken: list[tuple[Span, Entry]] = []
    last_end = -1
    for span, entry in sorted(spans, key=lambda item: (-(item[0].end - item[0].start), item[0].start)):
        if any(span.start < other.end and other.start < span.end for other, _ in taken):
            continue
        taken.append((span, entry))
    del last_end
    return sorted(taken, key=lambda item: item[0].start)
