"""The spaCy pipeline, built once per process: tokens, lower-case lemmas, sentences and lines.

A blank English pipeline with a lookup lemmatiser: no statistical model, no download, and fast
enough for large corpora. Lemmas are lower-cased so that "Managers" and "managers" meet.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

import spacy
from spacy.language import Language
from spacy.attrs import IDX, SENT_START
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


@Language.component("kg_lemma_case")
def lemma_case(doc: Doc) -> Doc:
    """Lower-case every lemma; look capitalised words up again in lower case."""
    table = _lemma_table()
    for token in doc:
        if token.is_lower or not token.is_alpha:
            if token.lower_ in LEMMA_FIXES:
                token.lemma_ = LEMMA_FIXES[token.lower_]
            continue  # lower-case words already have lower-case lemmas
        lower = token.lower_
        lemma = token.lemma_
        if lemma == token.text:
            lemma = table.get(lower, lower)
        token.lemma_ = LEMMA_FIXES.get(lower, lemma.lower())
    return doc


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
