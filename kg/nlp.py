"""The spaCy pipeline, built once per process: tokens, lower-case lemmas, sentences and lines.

A blank English pipeline with a lookup lemmatiser: no statistical model, no download, and fast
enough for large corpora. Lemmas are lower-cased so that "Managers" and "managers" meet.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

BULLETS = frozenset("•●▪◦‣∙·*-–—")


@Language.component("kg_lemma_case")
def lemma_case(doc: Doc) -> Doc:
    """Lower-case every lemma; look capitalised words up again in lower case."""
    table = _lemma_table()
    for token in doc:
        lower = token.lower_
        lemma = token.lemma_
        if lemma == token.text and token.text != lower:
            lemma = table.get(lower, lower)
        token.lemma_ = lemma.lower()
    return doc


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break or a bullet starts a new sentence; so does a numbered item at a line start."""
    for i, token in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text:
            token.is_sent_start = True
        elif token.text in BULLETS and (prev.is_space or prev.text in ".:;!?" or prev.is_sent_start):
            token.is_sent_start = True
        elif prev.text in BULLETS and prev.is_sent_start and not token.is_space:
            token.is_sent_start = False
    return doc


_TABLE: list = []  # the lookup Table, set once the pipeline is initialised


def _lemma_table():
    return _TABLE[0] if _TABLE else {}


@cache
def pipeline() -> Language:
    """The shared pipeline (lookup tables are read once, at the first call)."""
    nlp = spacy.blank("en")
    # "post .Leader": a full stop glued to the next sentence's first word is still a full stop.
    prefixes = [*nlp.Defaults.prefixes, r"\.(?=[A-Z][a-z])"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("kg_lemma_case")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_line_breaks")
    nlp.initialize()
    _TABLE.append(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"))
    nlp.max_length = 10_000_000
    return nlp
