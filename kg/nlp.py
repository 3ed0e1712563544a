"""The spaCy pipeline, built once per process: tokens, lower-case lemmas, sentences and lines.

A blank English pipeline with a lookup lemmatiser: no statistical model, no download, and fast
enough for large corpora. Lemmas are lower-cased so that "Managers" and "managers" meet.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

import numpy
import spacy
from spacy.language import Language
from spacy.attrs import IDX, LEMMA, LENGTH, ORTH, SENT_START
from spacy.lookups import load_lookups
from spacy.pipeline import Sentencizer
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
    ids = list(map(known.get, orths))  # (a map over the dict's own lookup; the loop only for new texts)
    if None in ids:
        ids = [known.get(orth) or _learn_lemma(doc, orth) for orth in orths]
    doc.from_array([LEMMA], numpy.array(ids, dtype="uint64").reshape(-1, 1))
    doc.user_data[_ARRAYS] = {"orths": orths, "lemma_ids": ids}
    return doc


# The Doc's user_data key for the columns the pipeline read or wrote (token texts, lemmas, offsets,
# sentence starts, as lists): extraction reads them again, and each array call costs as much as a rule.
_ARRAYS = "kg_arrays"


def columns_of(doc: Doc) -> dict[str, list[int]]:
    """The columns the pipeline left on a Doc it made: "orths" and "lemma_ids" (hashes), "idx"
    (character offsets) and "flags" (1 where a sentence starts, else -1); empty for any other Doc."""
    return doc.user_data.get(_ARRAYS) or {}


_LEMMA_OF: dict[int, int] = {}  # token text (hash) -> lemma (hash), filled as texts are seen


def _learn_lemma(doc: Doc, orth: int) -> int:
    lexeme = doc.vocab[orth]
    text, lower = lexeme.orth_, lexeme.lower_
    if "’" in text:
        # "don’t", "manager’s": typographic apostrophes read as the plain ones ("n’t" -> "not").
        text, lower = text.replace("’", "'"), lower.replace("’", "'")
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
_SENTENCE_ENDS = frozenset(Sentencizer.default_punct_chars)
MAX_SENTENCE_TOKENS = 250  # real sentences are far shorter (the longest in the seeds and dev texts: 44)
_TEXT = "kg_text"  # the Doc's user_data key for the text it was made from
_PLAIN = "kg_plain"  # ... and for its plain-spaced copy (see plain_spaces), when that differs


@Language.component("kg_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts: the first word after a sentence-final mark (spaCy's sentencizer rule), the
    first word after a line break, and a bullet after a full stop or colon (linear in the Doc).

    Marks are read once per distinct token text and the Doc is written in one array call.
    """
    n = len(doc)
    if not n:
        return doc
    arrays = doc.user_data.get(_ARRAYS)
    if arrays is not None:
        orths, starts = arrays["orths"], token_offsets(doc)
    else:
        orths, starts = doc.to_array(ORTH).tolist(), token_offsets(doc)
    marks = list(map(_MARKS.get, orths))
    if None in marks:
        marks = [_MARKS.get(orth) or _learn_marks(doc, orth) for orth in orths]
    flags = [-1] * n  # 1 starts a sentence, -1 does not
    flags[0] = 1
    # After a sentence end, the first token that is neither punctuation nor another end starts one
    # (only the ends are visited: most tokens are words, and a loop over them all cost the most here).
    i = 0
    for end in compress(range(n), map(itemgetter(0), marks)):  # (the ends' positions, found in C)
        if end < i:
            continue  # inside the run of marks after the previous end
        i = end + 1
        while i < n and (marks[i][1] or marks[i][0]):
            i += 1
        if i < n:
            flags[i] = 1
    text = doc.user_data.get(_PLAIN) or doc.user_data.get(_TEXT) or doc.text
    # Trailing white space holds no break but would make the search quadratic (each line break
    # there scans to the end); one character of it is kept for a bullet's closing space.
    for match in _BREAK.finditer(text, 0, len(text.rstrip()) + 1):
        at = match.start(1) if match.group(1) else match.start(2)
        i = bisect_right(starts, at) - 1  # the token holding character ``at``
        if i <= 0:
            continue
        flags[i] = 1
        if marks[i][2] and i + 1 < n and not marks[i + 1][3]:
            flags[i + 1] = -1
    # A run without any sentence end (a list of words, a dump without full stops) is cut every
    # MAX_SENTENCE_TOKENS tokens: rules look at whole sentences, and some look back over them.
    if n > MAX_SENTENCE_TOKENS:  # (a shorter Doc holds no such run)
        firsts = list(compress(range(n), map((1).__eq__, flags)))
        for start, stop in zip(firsts, [*firsts[1:], n]):
            for k in range(start + MAX_SENTENCE_TOKENS, stop, MAX_SENTENCE_TOKENS):
                flags[k] = 1
    doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))
    if arrays is not None:
        arrays["idx"], arrays["flags"] = starts, flags
    return doc


_MARKS: dict[int, tuple[bool, bool, bool, bool]] = {}  # token text (hash) -> ends a sentence, punctuation, bullet, space


def _learn_marks(doc: Doc, orth: int) -> tuple[bool, bool, bool, bool]:
    lexeme = doc.vocab[orth]
    text = lexeme.orth_
    _MARKS[orth] = marks = (text in _SENTENCE_ENDS, lexeme.is_punct, text in BULLETS, lexeme.is_space)
    return marks


class Sentence(NamedTuple):
    """A sentence as ``Doc.sents`` gives it: token range, first character and text."""

    start: int
    end: int
    start_char: int
    text: str


def sentences_of(doc: Doc, text: str) -> list[Sentence]:
    """``doc.sents`` for the Doc made from ``text``, read from one array call: a Span makes a Token
    object for every word of its text, and extraction asks every sentence for its text."""
    if not len(doc):
        return []
    arrays = columns_of(doc)
    if "flags" in arrays:
        flags, idx = arrays["flags"], arrays["idx"]
        starts = list(compress(range(len(flags)), map((1).__eq__, flags)))  # (the first flag is always 1)
        ends = [*starts[1:], len(flags)]
        return [Sentence(a, b, idx[a], text[idx[a] : idx[b - 1] + len(doc[b - 1])]) for a, b in zip(starts, ends)]
    flags, length = doc.to_array([SENT_START, LENGTH]).T.tolist()
    idx = token_offsets(doc)
    starts = [i for i, flag in enumerate(flags) if flag == 1 or i == 0]
    ends = [*starts[1:], len(flags)]
    return [Sentence(a, b, idx[a], text[idx[a] : idx[b - 1] + length[b - 1]]) for a, b in zip(starts, ends)]


def plain_text_of(doc: Doc) -> str:
    """The plain-spaced copy of the Doc's text (``plain_spaces``) that the pipeline read."""
    return doc.user_data.get(_PLAIN) or text_of(doc)


def text_of(doc: Doc) -> str:
    """The text a Doc was made from (kept by the pipeline's tokenizer; else rebuilt token by token)."""
    return doc.user_data.get(_TEXT) or doc.text


# Markdown emphasis around words ("**Managers** plan", "_never_"): a run of asterisks or underscores
# that opens before a word or closes after one. (A bullet's "* " has a space after it.)
_EMPHASIS = re.compile(r"(?:(?<=[\s(\[\"“])|^)[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?=[\s.,;:!?)\]\"”'’]|$)", re.M)
_SPACES = str.maketrans(dict.fromkeys("\r\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "))
_OFFSETS = "kg_offsets"  # the Doc's user_data key for its tokens' offsets in the text, when they differ from Doc.text's


class _TextKeepingTokenizer:
    """spaCy's tokenizer, leaving the text on the Doc: ``Doc.text`` rebuilds it token by token.

    Markdown emphasis marks are left out of the Doc, so that "**Managers** plan" reads as "Managers
    plan"; the tokens keep their offsets in the text (``token_offsets``)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        # Spaces other than " " (no-break, thin, ...) separate words as it does; one character for
        # one, so that every offset stays the text's.
        spaced = plain_spaces(text)
        doc = self.tokenizer(spaced)
        if ("*" in text or "_" in text or "  " in spaced or "\t" in spaced) and len(doc):
            doc = _without_emphasis(doc, spaced)
        doc.user_data[_TEXT] = text
        if spaced is not text:
            doc.user_data[_PLAIN] = spaced  # (sentences are cut where its lines break)
        return doc

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def plain_spaces(text: str) -> str:
    """The text with every space character (no-break, thin, ...) and carriage return as " ", and the
    line breaks of hard-wrapped paragraphs as spaces: the same length, the same offsets ("\r\n"
    line ends read as "\n"; a paragraph wrapped at 72 columns reads as one line)."""
    plain = text if text.isascii() and "\r" not in text else text.translate(_SPACES)
    # (A wrapped paragraph goes on in lower case on some next line: most texts have no such line.)
    soft = _soft_breaks(plain) if plain.count("\n") >= WRAPPED_LINES and _CONTINUED.search(plain) else ()
    if not soft:
        return plain
    chars = list(plain)
    for at in soft:
        chars[at] = " "
    return "".join(chars)


_CONTINUED = re.compile(r"[^\s.!?:]\n[ \t]*[a-z]")
WRAPPED_LINES = 4  # wrapped lines a text needs before its line breaks are read as a wrap's
# A line that opens a list item, a quote, a heading, a table row, an "@name" reply or a speaker's turn ("Ann: ...").
_LINE_OPENER = re.compile(r"[-*•–—>#|+@]|\d{1,3}[.)]\s|\(?[a-zA-Z]\)\s|[A-Z][\w .'’-]{0,30}:(?:\s|$)|\[")


def _soft_breaks(text: str) -> list[int]:
    """The line breaks inside hard-wrapped paragraphs: the text's full lines are at most a screen wide
    (the longest tenth no wider than 100 characters), and a break after a full line (at least 60% of
    that width, not ending in a colon) before a line that opens nothing of its own is a wrap."""
    lines = []
    start = 0
    for end in (*(m.start() for m in re.finditer("\n", text)), len(text)):
        lines.append((start, end))
        start = end + 1
    widths = sorted(len(text[a:b].strip()) for a, b in lines if len(text[a:b].strip()) >= 30)
    if len(widths) < WRAPPED_LINES:
        return []
    width = widths[int(0.9 * (len(widths) - 1))]
    if width > 100:
        return []  # (paragraphs written as one line each)
    soft = []
    for (a, b), (c, d) in zip(lines, lines[1:]):
        line, following = text[a:b].rstrip(), text[c:d].lstrip()
        if len(line.strip()) < 0.6 * width or not following or line.endswith(":") or _LINE_OPENER.match(following):
            continue
        if line.endswith((".", "!", "?", '"', "”", "’", ")")) and following[:1].isupper():
            continue  # (a sentence ends with the line: a break there is one either way)
        if "|" in line or "|" in following or "  " in line.strip() or "  " in following.strip():
            continue  # (table rows and columns laid out with spaces)
        soft.append(b)
    return soft if len(soft) >= WRAPPED_LINES else []  # (one or two long lines are no wrapped text)


def _without_emphasis(doc: Doc, text: str) -> Doc:
    """The Doc without the tokens that are markdown emphasis marks or runs of spaces and tabs within a
    line ("Managers  plan"): the text itself is unchanged."""
    marks = [(m.start(), m.end()) for m in _EMPHASIS.finditer(text)] if "*" in text or "_" in text else []
    starts = [a for a, _ in marks]
    words, spaces, offsets = [], [], []
    for token in doc:
        i = bisect_right(starts, token.idx) - 1
        emphasis = i >= 0 and token.idx + len(token) <= marks[i][1] and not token.is_space
        if emphasis or (token.is_space and "\n" not in token.text and words):
            if spaces and token.whitespace_:
                spaces[-1] = True  # ("**Managers** plan": the space after the mark follows the word)
            continue
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
        offsets.append(token.idx)
    if len(words) == len(doc):
        return doc
    stripped = Doc(doc.vocab, words=words, spaces=spaces)
    stripped.user_data[_OFFSETS] = offsets
    return stripped


def token_offsets(doc: Doc) -> list[int]:
    """Each token's offset in the text the Doc was made from."""
    return doc.user_data.get(_OFFSETS) or doc.to_array(IDX).tolist()


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
    nlp.tokenizer = _TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("kg_lemmas")
    nlp.add_pipe("kg_sentences")
    nlp.initialize()
    nlp.max_length = 10_000_000
    return nlp
