"""The spaCy pipeline, built once per process: tokens, lower-case lemmas, sentences and lines.

A blank English pipeline with a lookup lemmatiser: no statistical model, no download, and fast
enough for large corpora. Lemmas are lower-cased so that "Managers" and "managers" meet.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

import numpy
import spacy
from spacy.language import Language
from spacy.attrs import IDX, LEMMA, ORTH, SENT_START
from spacy.lookups import load_lookups
from spacy.tokens import Doc

# The lookup table maps "as" to "a" (as if it were a plural), "these"/"those" to their singulars,
# "does" to "doe", "well" to "good", "worse"/"worst" to "wrong", "less"/"least" to "little", "most" to
# "much" and adjectives such as "mistaken" or "experienced" to nouns; rules read these as themselves.
LEMMA_FIXES = {
    "as": "as", "these": "these", "those": "those", "does": "do",
    "better": "better", "best": "best", "worse": "worse", "worst": "worst", "well": "well",
    "less": "less", "least": "least", "more": "more", "most": "most",
    "mistaken": "mistaken", "experienced": "experienced", "limited": "limited",
}
BULLETS = frozenset("•●▪◦‣∙·*-–—")


@Language.component("kg_lemmas")
def lemmas(doc: Doc) -> Doc:
    """Set every token's lemma: the lookup table's, lower-cased; capitalised words looked up in lower case.

    A lemma depends on the token's text alone, so it is computed once per distinct text and the
    whole Doc is written in one array call (Token objects cost a Python object per access).
    """
    if not len(doc):
        return doc
    known = _LEMMA_OF
    orths = doc.to_array(ORTH).tolist()
    ids = [known.get(orth) or _learn_lemma(doc, orth) for orth in orths]
    doc.from_array([LEMMA], numpy.array(ids, dtype="uint64").reshape(-1, 1))
    return doc


_LEMMA_OF: dict[int, int] = {}  # token text (hash) -> lemma (hash), filled as texts are seen


def _learn_lemma(doc: Doc, orth: int) -> int:
    lexeme = doc.vocab[orth]
    text, lower = lexeme.orth_, lexeme.lower_
    lemma = _lemma_table().get(text, text)
    if lexeme.is_lower or not lexeme.is_alpha:
        lemma = LEMMA_FIXES.get(lower, lemma)  # lower-case words already have lower-case lemmas
    else:
        if lemma == text:
            lemma = _lemma_table().get(lower, lower)
        lemma = LEMMA_FIXES.get(lower, lemma.lower())
    _LEMMA_OF[orth] = lemma_id = doc.vocab.strings.add(lemma)
    return lemma_id


_BREAK = re.compile(r"\n\s*(\S)|(?<=[.:;!?])\s+([•●▪◦‣∙·*\-–—])\s")


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break or a bullet after a full stop or colon starts a new sentence (linear in line breaks)."""
    if not len(doc):
        return doc
    text = doc.text
    # One array write for the whole Doc: setting Token.is_sent_start scans the Doc on every call.
    columns = doc.to_array([IDX, SENT_START])
    starts = columns[:, 0].tolist()
    flags = columns[:, 1].astype("int64")  # 1 start, -1 not a start, 0 unknown
    for match in _BREAK.finditer(text):
        at = match.start(1) if match.group(1) else match.start(2)
        i = bisect_right(starts, at) - 1  # the token holding character ``at``
        if i <= 0:
            continue
        flags[i] = 1
        if doc[i].text in BULLETS and i + 1 < len(doc) and not doc[i + 1].is_space:
            flags[i + 1] = -1
    doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
    return doc


@cache
def _lemma_table():
    """spaCy's English lemma lookup table (from spacy-lookups-data, read once)."""
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@cache
def pipeline() -> Language:
    """The shared pipeline (lookup tables are read once, at the first call)."""
    nlp = spacy.blank("en")
    # "post .Leader": a full stop glued to the next sentence's first word is still a full stop.
    prefixes = [*nlp.Defaults.prefixes, r"\.(?=[A-Z][a-z])"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    nlp.add_pipe("kg_lemmas")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_line_breaks")
    nlp.initialize()
    nlp.max_length = 10_000_000
    return nlp
