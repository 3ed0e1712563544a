"""Sentences to clause readings: subject roles, quantifier, polarity, modality, relation, object.

A reading is built from lemmas and the lexicon alone (no statistical parser): a clause's
subject is the role named at its start (after connectors, quantifiers and modifiers), a pronoun
standing for the last role subject, or the role of the section header that scopes a bullet.
What follows the subject is the predicate; its cue words decide the relation and its concept
mentions the object.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc

from kg.lexicon import Entry, load_grammar
from kg.nlp import columns_of, text_of, token_offsets
from kg.rules.cues import Cues, Lemmas

PREPOSITION_OPENERS = frozenset(
    "in according by for as at on with from after before during under among within when if unless once "
    "throughout despite given".split()
)
ITEM_STOPS = frozenset(
    "which that who whom whose because while whereas so by through when if rather than but not to "
    "of for in on with at from into about toward towards across over under around without since "
    "until unless although though as like such including especially where even".split()
)
ADJECTIVE_ENDINGS = ("ful", "ous", "ive", "able", "ible", "ic", "less", "ant", "ent", "ary")
PUNCT_STOPS = frozenset(".;:!?()[]\"“”")


@dataclass
class Found:
    """A concept mention inside a clause (lexicon or discovered)."""

    start: int  # token index
    end: int
    label: str
    type: str
    in_lexicon: bool
    negated: bool = False


@dataclass
class Reading:
    """What one clause says."""

    start: int  # token range of the evidence
    end: int
    subjects: list[str]
    quantifier: str = "generic"
    polarity: str = "positive"
    hedges: list[str] = field(default_factory=list)
    relation: str | None = None
    object: str | None = None
    object_is_concept: bool = False
    concepts: list[Found] = field(default_factory=list)
    possessor: str | None = None
    question: bool = False
    reported: tuple[int, int] | None = None  # "you said that P": the token range of P
    reporter: str | None = None  # "my trainer keeps saying": a third party's claim the writer reports
    also: list[str] = field(default_factory=list)  # further symmetric relations stated of the same pair
    denies: Reading | None = None  # "I do not buy it.": the earlier reading this one denies
    set_aside: Found | None = None  # "They count hours, not outcomes": the concept denied after the object
    verdict: bool = False  # "Sometimes.", "Nope.": a short verdict on the claim before it
    framed_denial: bool = False  # "It is wrong to say that P": P, denied by the frame before it
    in_passing: bool = False  # a sentence no rule read, kept as related_to between the things it names


_STRING: dict[int, str] = {}  # string hash -> string, for lemmas
_LEXICAL: dict[int, tuple] = {}  # token text (hash) -> the columns of Tokens that depend on the text alone


def _learn_string(strings, key: int) -> str:
    _STRING[key] = value = strings[key]
    return value


def _learn_lexical(doc: Doc, orth: int) -> tuple:
    t = doc.vocab[orth]
    text = t.orth_
    lower, stop = t.lower_, t.is_stop
    if "’" in text:  # ("n’t" is "n't", "’s" is "'s")
        lower = lower.replace("’", "'")
        stop = stop or doc.vocab[lower].is_stop
    row = (lower, text, t.is_alpha, t.like_num, t.is_space, stop, t.is_lower,
           t.is_punct or t.is_space or text in "•●▪◦‣∙·*–—>")
    _LEXICAL[orth] = row
    return row


class Tokens:
    """Per-document token views the rules need: lemmas, texts, lexicon mentions by position."""

    def __init__(self, doc: Doc, mentions: list[tuple[object, Entry]]):
        self.doc = doc
        # Whole-Doc arrays instead of Token objects (each Token attribute read costs an object);
        # what depends on a token's text alone is looked up once per distinct text.
        arrays = columns_of(doc)  # (the columns the pipeline read, when it made the Doc)
        if "idx" in arrays:
            orths, lemma_ids, idx = arrays["orths"], arrays["lemma_ids"], arrays["idx"]
        else:
            orths, lemma_ids = doc.to_array([ORTH, LEMMA]).T.tolist() if len(doc) else ([], [])
            idx = token_offsets(doc) if len(doc) else []
        self.idx = idx
        self.source = text_of(doc)
        strings = doc.vocab.strings
        # (A map over the dicts' own lookup; the Python loop runs only when a text is new.)
        lemmas = list(map(_STRING.get, lemma_ids))
        if None in lemmas:
            lemmas = [_STRING.get(h) or _learn_string(strings, h) for h in lemma_ids]
        rows = list(map(_LEXICAL.get, orths))
        if None in rows:
            rows = [_LEXICAL.get(orth) or _learn_lexical(doc, orth) for orth in orths]
        self.lower, self.text, self.alpha, self.num, self.space, self.stop, self.islower, self.punct = (
            [list(c) for c in zip(*rows)] if rows else [[] for _ in range(8)]
        )
        self.lemmas = Lemmas(lemmas)
        self._where: dict[tuple[str, frozenset[str]], list[int]] = {}
        # Asked about nearly every token by nearly every rule: the list's own item lookup, no Python frame.
        self.is_punct = self.punct.__getitem__
        self.role_at: dict[int, tuple[int, Entry]] = {}
        self.concept_at: dict[int, tuple[int, Entry]] = {}
        for span, entry in mentions:
            target = self.role_at if entry.type == "role" else self.concept_at
            target[span.start] = (span.end, entry)

    def roles_settled(self) -> None:
        """Index the role mentions once they are all known (lexicon and named people)."""
        self.role_labels = {entry.label for _, entry in self.role_at.values()}
        self.role_ends = {end for end, _ in self.role_at.values()}
        self.role_starts = sorted(self.role_at)
        self.concept_starts = sorted(self.concept_at)

    def concepts_in(self, start: int, end: int) -> list[int]:
        """Starts of the concept mentions in ``[start, end)``, in order (a bisect, not a scan of the range)."""
        return self.concept_starts[bisect_left(self.concept_starts, start) : bisect_left(self.concept_starts, end)]

    def where(self, words: frozenset[str], start: int, end: int, column: str = "lower") -> list[int]:
        """Positions in ``[start, end)`` whose lower-case text (or lemma: ``column="lemmas"``) is one
        of ``words``: found once per document and word set, since rules scan every clause for a
        few marker words."""
        positions = self._where.get((column, words))
        if positions is None:
            # (From an index of the column, built once: the rules ask about some seven word sets per
            # document, and a scan of every token for each cost more than the index.)
            index = self.lemmas.positions if column == "lemmas" else self._lower_positions()
            positions = sorted(k for word in words & index.keys() for k in index[word])
            self._where[column, words] = positions
        return positions[bisect_left(positions, start) : bisect_left(positions, end)]

    def _lower_positions(self) -> dict[str, list[int]]:
        """Lower-case text -> its positions in order (built at the first ``where`` on that column)."""
        index = getattr(self, "_lower_index", None)
        if index is None:
            index = self._lower_index = {}
            for i, word in enumerate(self.lower):
                at = index.get(word)
                if at is None:
                    index[word] = [i]
                else:
                    at.append(i)
        return index

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, cut from the source text (a Span makes a Token object per word)."""
        end = min(end, len(self.idx))
        if start >= end:
            return ""
        return self.source[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]

    def words(self, ks) -> str:
        """The lower-case words at positions ``ks``, spaced as written ("short-range view", not
        "short - range view")."""
        out: list[str] = []
        prev = None
        for k in ks:
            if prev is not None and (k != prev + 1 or self.idx[k] > self.idx[prev] + len(self.text[prev])):
                out.append(" ")
            out.append(self.lower[k])
            prev = k
        return "".join(out)

    def roles_in(self, start: int, end: int) -> list[int]:
        """Starts of the role mentions in ``[start, end)``, in order (a bisect, not a scan of the range)."""
        return self.role_starts[bisect_left(self.role_starts, start) : bisect_left(self.role_starts, end)]

    def first_role_in(self, start: int, end: int) -> int:
        """The first role mention in ``[start, end)``, else ``end``."""
        i = bisect_left(self.role_starts, start)
        return self.role_starts[i] if i < len(self.role_starts) and self.role_starts[i] < end else end

    def token_range(self, a: int, b: int) -> tuple[int, int]:
        """Tokens overlapping the characters ``[a, b)`` (a bisect on token offsets)."""
        start = max(0, bisect_right(self.idx, a) - 1)
        if start < len(self.idx) and self.idx[start] + len(self.text[start]) <= a:
            start += 1
        return start, bisect_left(self.idx, b)

    def covered_by_concept(self, i: int) -> bool:
        if not hasattr(self, "_covered"):
            self._covered = {k for s, (e, _) in self.concept_at.items() for k in range(s, e)}
        return i in self._covered


def is_verbish(tok: Tokens, i: int, cues: Cues) -> bool:
    """A token that can head a predicate: an auxiliary, a known verb, or an inflected verb form."""
    lemma = tok.lemmas[i]
    if lemma in cues.auxiliaries or tok.lower[i] in cues.auxiliaries:
        return True
    if lemma in cues.known_verbs:
        return True
    text = tok.lower[i]
    return lemma != text and text.endswith(("s", "ed")) and tok.alpha[i] and not tok.role_at.get(i)


CONTACT_SUBJECTS = frozenset(("i", "we", "you", "they"))
CONTACT_PARTICLES = frozenset(("with", "for", "to", "under", "about", "on", "at", "in", "from", "alongside", "most", "best", "personally"))


def past_contact_clause(tok: Tokens, p: int, end: int, cues: Cues) -> int:
    """Where the predicate starts after a relative clause without "who" right after the subject:
    "the leaders [I have worked with] had ...", "team leaders [we interviewed] hated ..."."""
    j = p
    if j >= end:
        return p
    n = 1 if tok.lower[j] in CONTACT_SUBJECTS else _people_or_pronoun(tok, j, end, cues) if tok.lower[j] in ("people", "most", "everyone", "nobody") else 0
    if not n:
        return p
    j += n
    while j < end and (tok.lemmas[j] in cues.auxiliaries or tok.lower[j] in ("n't", "not", "ever", "never", "really", "actually", "'ve")):
        j += 1
    # (After "we" or "I" the next word is the clause's verb, known or not: "the managers we trust".)
    if j >= end or not tok.alpha[j] or tok.stop[j] or j in tok.role_at or tok.lemmas[j] in cues.auxiliaries:
        return p
    j += 1
    while j < end and tok.lower[j] in CONTACT_PARTICLES:
        j += 1
    return j if j < end and is_verbish(tok, j, cues) else p


def skip_adverbs(tok: Tokens, i: int, end: int, cues: Cues) -> int:
    while i < end:
        # (A phrase can start only at its first lemma: the test spares two calls at most words.)
        lemma = tok.lemmas[i]
        n = (lemma in cues.hedges.firsts and cues.hedges.match(tok.lemmas, i, end)) or (
            lemma in cues.connectors.firsts and cues.connectors.match(tok.lemmas, i, end))
        if n:
            i += n
        elif tok.lower[i].endswith("ly") and len(tok.lower[i]) > 4 or tok.lower[i] == ",":
            i += 1
        else:
            break
    return i


def role_activity(tok: Tokens, i: int) -> str | None:
    """"Managing", "Leading": the gerund of a verb that defines a role names that role's activity."""
    if tok.lower[i].endswith("ing") and tok.lower[i] != tok.lemmas[i]:
        return load_grammar()["role_verbs"].get(tok.lemmas[i])
    return None


def _activities_as_subject(tok: Tokens, i: int, end: int, cues: Cues) -> tuple[list[str], int] | None:
    """ "Managing and leading are different activities", "Leading requires trust": roles by their activity."""
    first = role_activity(tok, i)
    if first is None or i + 1 >= end:
        return None
    roles, j = [first], i + 1
    if tok.lower[j] in ("and", "or") and j + 1 < end and (second := role_activity(tok, j + 1)) and second != first:
        roles, j = [first, second], j + 2
    if j < end and (tok.lemmas[j] in ("be", "both") or tok.lemmas[j] in cues.auxiliaries or tok.lemmas[j] in cues.known_verbs):
        return roles, j
    return None


def find_subject(tok: Tokens, start: int, end: int, cues: Cues) -> tuple[list[str], int, str, bool, str | None, int] | None:
    """(roles, predicate start, quantifier, negated universal, possessor, subject start) when the clause opens with a role."""
    i = _skip_openers(tok, start, end, cues)
    activities = _activities_as_subject(tok, i, end, cues) if i < end else None
    if activities is not None:
        return activities[0], activities[1], "generic", False, None, i
    quantifier, negated_universal = "generic", False
    subject_start = i
    n = cues.negated_universal.match(tok.lemmas, i, end)
    if n:
        quantifier, negated_universal, i = "some", True, i + n
    else:
        for name, phrases in cues.quantifiers.items() if i < end and tok.lemmas[i] in cues.quantifier_firsts else ():
            n = phrases.match(tok.lemmas, i, end)
            if n:
                quantifier, i = name, i + n
                break
        if tok.lemmas[i : i + 2] == ["none", "of"]:
            quantifier, i = "none", i + 2
    restrictive = False
    modifiers = 0
    while i < end and i not in tok.role_at and modifiers < 3:
        lemma = tok.lemmas[i]
        if lemma in cues.determiners or lemma in cues.restrictive_adjectives or lemma in ("of", '"', "“", "”"):
            restrictive = restrictive or lemma in cues.restrictive_adjectives
            i += 1
            if lemma not in ('"', "“", "”", "the", "a", "an"):
                modifiers += 1
            continue
        if i in tok.concept_at and any(k in tok.role_at for k in range(tok.concept_at[i][0], min(end, tok.concept_at[i][0] + 2))):
            i = tok.concept_at[i][0]  # "every people manager": a concept word modifying the role
            modifiers += 1
            continue
        if tok.is_punct(i) or is_verbish(tok, i, cues) or i in tok.concept_at or not tok.alpha[i]:
            break
        if lemma in cues.pronouns or lemma in PREPOSITION_OPENERS:
            break
        i += 1
        modifiers += 1
    if i < end and i not in tok.role_at:
        # "The real point is that a supervisor ...", "The ideal case is when bosses ...": restart after it.
        window = tok.lemmas[i : min(end, i + 3)]
        k = i + window.index("be") if "be" in window else None
        if k is not None and k + 1 < end and tok.lower[k + 1] in ("that", "when", "whether"):
            return find_subject(tok, k + 2, end, cues)
        # "The first duty of a supervisor is ...": the role after "of" is the subject.
        for k in range(i, min(end, i + 4)):
            if tok.lower[k] == "of":
                m = k + 1
                while m < end and tok.lemmas[m] in ("a", "an", "the", "every", "any"):
                    m += 1
                if m in tok.role_at:
                    i = m
                break
    if i >= end or i not in tok.role_at:
        return None
    role_end, entry = tok.role_at[i]
    roles = [entry.label]
    j = role_end
    while j < end and tok.lower[j] in ('"', "“", "”", "'"):
        j += 1
    possessor = None
    # "a manager's subordinates": the subject is the possessed role.
    if j < end and tok.text[j] in ("'s", "’s", "'", "’") and j + 1 < end and j + 1 in tok.role_at:
        possessor = roles[0]
        j, entry = tok.role_at[j + 1]
        roles = [entry.label]
    while j < end and tok.lower[j] in ("and", "or", ",", "&", "/"):
        k = j + 1
        while k < end and (tok.lemmas[k] in ("the", "a", "an", "both", "their", '"', "“", "”") or (
            tok.lemmas[k] in cues.restrictive_adjectives and k + 1 in tok.role_at
        )):
            k += 1
        if k in tok.role_at:
            k_end, other = tok.role_at[k]
            if other.label not in roles:
                roles.append(other.label)
            j = k_end
            while j < end and tok.lemmas[j] in ('"', "“", "”"):
                j += 1
        else:
            break
    if j + 1 < end and _denies_another_role(tok, j + 1, end):
        j = tok.role_at[next(m for m in range(j + 2, end) if m in tok.role_at)][0] + 1  # "Managers, not leaders, ..."
    # "a manager's job is to plan", "leaders task is to inspire": the duty is what the role does.
    m = j + 1 if j < end and tok.text[j] in ("'s", "’s", "'", "’") else j
    if m + 2 < end and tok.lemmas[m + 1] == "be" and tok.lower[m + 2] == "to" and (
            tok.lemmas[m] in cues.owner_heads or any(tok.lemmas[m] in heads for heads in cues.type_heads.values())):
        j = m + 3
    # "X is that ...": what X is comes after "that".
    k = skip_adverbs(tok, j, end, cues)
    if k + 1 < end and tok.lemmas[k] == "be" and tok.lower[k + 1] in ("that", "when"):
        inner = find_subject(tok, k + 2, end, cues)
        if inner:
            return inner
    if quantifier == "generic" and restrictive and tok.lower[role_end - 1] != tok.lemmas[role_end - 1]:
        quantifier = "some"  # "effective leaders often ...": a restricted plural speaks of some of them
    if quantifier in ("all", "generic") and role_end < end and tok.lemmas[role_end] in ("i", "we"):
        quantifier = "some"  # "every manager I know", "the managers I have met": the speaker's acquaintance
    return roles, j, quantifier, negated_universal, possessor, subject_start


def answer_label(tok: Tokens, i: int, end: int, cues: Cues) -> int:
    """Length of a label that opens an answer ("Reality:", "Fact:", "The truth:") at ``i``, else 0."""
    m = i < end and tok.lemmas[i] in cues.rebuttal_openers.firsts and cues.rebuttal_openers.match(tok.lemmas, i, end)
    return m if m and tok.lower[i + m - 1] == ":" else 0


def _skip_openers(tok: Tokens, i: int, end: int, cues: Cues) -> int:
    """Skip bullets, list numbers, connectors and a leading prepositional phrase closed by a comma."""
    while i < end:
        if tok.is_punct(i) or tok.num[i]:
            i += 1
            continue
        lemma = tok.lemmas[i]  # (a phrase can start only at its first lemma: the tests spare most calls)
        n = lemma in cues.connectors.firsts and cues.connectors.match(tok.lemmas, i, end)
        if n:
            i += n
            continue
        n = lemma in cues.reported_speech.firsts and cues.reported_speech.match(tok.lemmas, i, end)
        if n and tok.lemmas[i] in ("i", "we", "many", "some", "most") and i + n < end and tok.lower[i + n] != ",":
            # "I think (that) managers ...": the frame is modality, the claim follows it.
            i += n
            if i < end and tok.lower[i] == "that":
                i += 1
            continue
        # "My trainer keeps saying that P", "Critics argue that P": the claim is P, the frame its modality.
        frame = report_frame(tok, i, end, cues)
        if frame is not None and tok.lower[i] != "you":
            i = frame[1]
            continue
        # "I disagree: not every ...", "Exactly, managers ...": the stance opens, the claim follows.
        n = (lemma in cues.denials.firsts and cues.denials.match(tok.lemmas, i, end)) or (
            lemma in cues.affirmations.firsts and cues.affirmations.match(tok.lemmas, i, end))
        if n and i + n < end and tok.lower[i + n] in (":", ",", "-", "—", ";"):
            i += n + 1
            continue
        m = answer_label(tok, i, end, cues)
        if m:
            i += m  # "Reality: managers ..."
            continue
        if tok.lemmas[i] in PREPOSITION_OPENERS or n:
            comma = next((k for k in range(i + 1, min(end, i + 9)) if tok.lower[k] == ","), None)
            # ("For most employees, the leader they meet is ...": a role after the comma is the subject)
            if comma is not None and (not tok.roles_in(i, comma) or (tok.lemmas[i] in PREPOSITION_OPENERS and tok.roles_in(comma + 1, min(end, comma + 4)))):
                i = comma + 1
                continue
            # "In my company every manager is ...": a short opening phrase without a comma.
            if tok.lemmas[i] in PREPOSITION_OPENERS:
                for k in range(i + 1, min(end, i + 8)):
                    quantified = any(q.match(tok.lemmas, k, end) for q in cues.quantifiers.values()) and (
                        k + 1 in tok.role_at or k + 2 in tok.role_at  # ("On most teams the manager ...": not "most")
                    )
                    if k in tok.role_at or quantified:
                        if not any(is_verbish(tok, m, cues) and tok.lemmas[m - 1] not in cues.determiners for m in range(i + 1, k)):
                            i = k
                        break
                else:
                    break
                if i == k:
                    continue
        break
    return i


def _verb_like_after(tok: Tokens, k: int, end: int, cues: Cues) -> bool:
    """After a role: a verb, or a plain lower-case word that is no noun we know (base-form verbs)."""
    k = skip_adverbs(tok, k, end, cues)
    if k >= end:
        return False
    if is_verbish(tok, k, cues):
        return True
    # A lexicon phrase that opens with a verb ("minimize risk") right after the role is its predicate.
    return (
        tok.alpha[k] and tok.islower[k] and not tok.stop[k]
        and k not in tok.role_at and (k not in tok.concept_at or k in tok.role_ends) and tok.lemmas[k] not in cues.determiners
    )


def _people_or_pronoun(tok: Tokens, i: int, end: int, cues: Cues) -> int:
    """Length of a subject pronoun ("they") or of people at large ("people", "nobody") at ``i``, else 0."""
    if tok.lower[i] in ("they", "he", "she", "we"):
        return 1
    for words in _people_at_large():
        if i + len(words) <= end and tok.lower[i : i + len(words)] == list(words):
            return len(words)
    return 0


@cache
def _people_at_large() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.split()) for w in sorted(load_grammar()["people_at_large"], key=len, reverse=True))


def clause_starts(tok: Tokens, start: int, end: int, cues: Cues) -> list[int]:
    """Token indexes where a new clause with its own subject begins inside a sentence."""
    starts = [start]
    aside_end = -1
    for i in tok.where(CLAUSE_MARKS, start + 1, end):  # (the other words open no clause)
        if i <= aside_end:
            continue
        if tok.lower[i] == "," and (close := reporting_aside(tok, i, end, cues)) is not None:
            aside_end = close  # "Managers, we are told, keep ...": the aside opens no clause
            found = find_subject(tok, close + 1, end, cues)
            if found and _verb_like_after(tok, found[1], end, cues):
                starts.append(close + 1)  # "in her company, she said, the managers are the leaders"
            continue
        if tok.lower[i] == ";":
            starts.append(i + 1)
            continue
        if tok.lower[i] in DASHES and i + 1 < end and _denies_another_role(tok, i + 1, end):
            aside_end = tok.role_at[next(m for m in range(i + 2, end) if m in tok.role_at)][0]
            continue  # ("Managers - not leaders - keep the lights on": an aside)
        if tok.lower[i] in DASHES:
            # "the owner need not be the leader - on a busy night the leader is whoever knows": a dash
            # between words (not in "long-term") before a clause with its own subject and verb.
            spaced = i > 0 and tok.idx[i] > tok.idx[i - 1] + len(tok.text[i - 1])
            clause_before = any(is_verbish(tok, m, cues) for m in range(starts[-1], i))  # (not "Executive - a ...")
            found = find_subject(tok, i + 1, end, cues) if spaced and clause_before and i + 1 < end else None
            if found and _verb_like_after(tok, found[1], end, cues):
                starts.append(i + 1)
            continue
        if tok.lower[i] == ":" and i + 1 < end:
            # "...: on this view every manager is a leader" - a clause with its own subject follows.
            # ("I disagree: not every manager ..." is one clause: the stance opens it.)
            hits = [hit for phrases in (cues.denials, cues.affirmations) if (hit := phrases.first(tok.lemmas, starts[-1], i, i))]
            # ("The evidence does not support this: most of it can be learned" - a verdict on what came
            # before, then a clause of its own.)
            stance = any(tok.lower[k + n - 1] not in ("this", "that", "it") for k, n in hits)
            found = None if stance else find_subject(tok, i + 1, end, cues)
            # (a role with a relative clause opens one too: "...: any manager who keeps a team together is ...")
            if found and (_verb_like_after(tok, found[1], end, cues) or (found[1] < end and tok.lower[found[1]] in ("who", "that"))):
                starts.append(i + 1)
            elif not stance and (n := cues.plural_anaphors.match(tok.lemmas, i + 1, end) or _people_or_pronoun(tok, i + 1, end, cues)) and _verb_like_after(tok, i + 1 + n, end, cues):
                starts.append(i + 1)  # "There is real overlap: both roles need judgement ...", "...: people follow them"
            continue
        if tok.lower[i] not in (",", "while", "whereas", "but", "and", "however", "yet", "although", "though"):
            continue
        if tok.lower[i] == "and" and i + 2 < end and tok.lower[i + 1] == "that" and not is_verbish(tok, i + 2, cues) and any(
            cues.report_verbs.match(tok.lemmas, k, k + 1) for k in range(starts[-1], i)
        ):
            starts.append(i)  # "X says P, and that Q": Q is reported too
            continue
        if tok.lower[i] in ("and", "or") and (
            not (any(is_verbish(tok, k, cues) for k in range(starts[-1], i)) or _role_then_verb(tok, starts[-1], i, cues))
            or i in tok.role_ends
        ):
            continue  # "X and Y are ...": a compound subject, not a new clause
        j = i + 1
        j = skip_adverbs(tok, j, end, cues)
        if j + 1 < end and tok.lemmas[j] == "not" and tok.lemmas[j + 1] in ("all", "every"):
            j += 1  # "..., and not all leaders are managers"
        while j < end and (
            tok.lemmas[j] in ("the", "a", "an", "their", "some", "many", "most", "all", "every", "our", "your", "my", "these", "those")
            or tok.lemmas[j] in cues.restrictive_adjectives
        ):
            j += 1
        if j not in tok.role_at:
            # ", and a gifted leader may be ...": words that describe the role before it
            k = next((m for m in range(j, min(end, j + 3)) if m in tok.role_at), None)
            if k is not None and all(tok.alpha[m] and not tok.stop[m] and (not is_verbish(tok, m, cues) or m == k - 1 and tok.lower[m].endswith("ed"))
                                     for m in range(j, k)):  # ("a gifted leader": a participle before the role describes it)
                j = k
        if j in tok.role_at:
            k, _ = tok.role_at[j]
            if k < end and tok.text[k] in ("'s", "’s") and k + 1 in tok.role_at:
                k = tok.role_at[k + 1][0]
            while k + 1 < end and tok.lower[k] in ("and", "or") and (k + 1 in tok.role_at or (k + 2 in tok.role_at and tok.lemmas[k + 1] in ("the", "a", "an"))):
                k = tok.role_at[k + 1 if k + 1 in tok.role_at else k + 2][0]
            if _verb_like_after(tok, k, end, cues):
                starts.append(i)
            elif k < end and tok.lower[k] in ("who", "that") and (tok.lower[i] == "," or tok.lower[i - 1] == ",") and any(
                is_verbish(tok, m, cues) for m in range(starts[-1], i)
            ):
                starts.append(i)  # "..., and a manager who is reliable already does ...": a subject with its relative clause
                verbs = [m for m in range(k + 1, end) if is_verbish(tok, m, cues)][:2]
                if len(verbs) == 2:
                    aside_end = verbs[1]  # (the commas of the relative clause, "reliable, calm and fair", open none)
            elif tok.lower[i] == "," and k < end and tok.lower[k] in GAP_PREPOSITIONS and any(
                is_verbish(tok, m, cues) for m in range(starts[-1], i)
            ):
                starts.append(i)  # "Managers focus on X, leaders on Y": the verb is left out
        elif j < end and (tok.lemmas[j] in cues.pronouns or tok.lemmas[j] == "both") and tok.lemmas[j] not in ("it", "this", "that", "them"):
            k = skip_adverbs(tok, j + 1, end, cues)
            # "..., and they tolerate dissent", "..., both must earn trust": a pronoun and its verb
            if k < end and (is_verbish(tok, k, cues) or (tok.lower[i] in (",", "and", "but") and _verb_like_after(tok, j + 1, end, cues))):
                starts.append(i)
        elif report_frame(tok, j, end, cues) is not None:
            starts.append(i)  # "..., and my trainer keeps saying that P": a reported clause of its own
        elif tok.lower[i] == "," and tok.lower[i + 2 : i + 3] != ["that"] and _noun_then_verb(tok, j, end, cues) and any(
            is_verbish(tok, m, cues) for m in range(starts[-1], i)
        ):
            starts.append(i)  # "Leadership is not authority, and teams without managers are full of leaders"
    return sorted(set(starts))


def _noun_then_verb(tok: Tokens, j: int, end: int, cues: Cues) -> bool:
    """A short noun phrase (no role, no pronoun) at ``j`` followed by an auxiliary or copula: a subject
    and its verb ("teams without managers are ...", "decisions were ...")."""
    if j >= end or not tok.alpha[j] or tok.stop[j] or tok.lemmas[j] in cues.pronouns:
        return False
    if tok.lemmas[j] in cues.known_verbs or tok.lemmas[j] in cues.auxiliaries:
        return False  # "..., and had been hired": the subject is the clause's own
    for k in range(j + 1, min(end, j + 5)):
        if not tok.alpha[k]:
            return False
        if tok.lemmas[k] in ("be", "have", "will", "can", "cannot", "must", "should", "would", "could", "do"):
            return True
    return False


def reporting_aside(tok: Tokens, p: int, b: int, cues: Cues) -> int | None:
    """The closing comma of ", critics say," / ", we are told," / ", according to X," at ``p``."""
    if p >= b or tok.lower[p] != ",":
        return None
    commas = tok.where(COMMA, p + 2, min(b - 1, p + 8))  # (asked at every comma of every sentence)
    if not commas:
        return None
    close = commas[0]
    inside = range(p + 1, close)
    reports = cues.report_verbs.first(tok.lemmas, p + 1, close, close) is not None or any(
        tok.lower[k] in ("told", "said") or tok.lower[k : k + 2] == ["according", "to"] for k in inside
    )
    return close if reports else None


COMMA = frozenset([","])
CLAUSE_MARKS = frozenset((";", ":", ",", "while", "whereas", "but", "and", "however", "yet", "although", "though", "-", "–", "—"))
DASHES = frozenset(("-", "--", "–", "—"))


def _role_then_verb(tok: Tokens, start: int, end: int, cues: Cues) -> bool:
    """ "Managers plan ...": the clause opens with a role and a verb (one the lexicon does not know)."""
    k = next(iter(tok.roles_in(start, min(end, start + 4))), None)
    return k is not None and tok.role_at[k][0] < end and _verb_like_after(tok, tok.role_at[k][0], end, cues)


PERSONAL_POSSESSIVES = ("my", "our", "your", "his", "her")
GAP_PREPOSITIONS = ("on", "with", "for", "about", "to", "by", "in", "towards", "toward")


def one_persons_role(tok: Tokens, k: int) -> bool:
    """ "my director", "your new supervisor": the role names one person, not the role."""
    return any(m >= 0 and tok.lower[m] in PERSONAL_POSSESSIVES for m in (k - 1, k - 2))


def report_frame(tok: Tokens, i: int, end: int, cues: Cues) -> tuple[int, int] | None:
    """(end of the frame, start of what it reports) when ``i`` opens "SOMEONE (keeps) says/argues
    (that) P": "Critics argue that P", "my boss keeps saying that P", "my uncle says a manager ...".
    Without "that" the frame must name no role ("Leaders show managers the way" reports nothing),
    unless the role is one person's ("my director says a manager ...")."""
    if not cues.report_verbs.starts_in(tok.lemmas, i + 1, min(end - 1, i + 8)):
        return None  # no report verb in reach (asked at most words of most clauses)

    def role_named(k: int) -> bool:
        return k in tok.role_at and not one_persons_role(tok, k)

    named_role = role_named(i)
    for k in range(i + 1, min(end - 1, i + 8)):
        if tok.is_punct(k):
            return None
        named_role = named_role or role_named(k)
        n = cues.report_verbs.match(tok.lemmas, k, min(end - 1, k + 3))  # "say", "point out"
        if not n or tok.lemmas[k - 1] == "not":
            continue  # ("like to say that P" reports P; "wrong to say that P" is a denying frame, read first)
        k += n - 1  # the frame's last word
        if tok.lower[k + 1] == "that":
            return k + 1, k + 2
        if tok.lower[k + 1] in ("me", "us", "him", "her", "them") and k + 2 < end and tok.lower[k + 2] == "that":
            return k + 2, k + 3  # "my manager told me that P"
        if named_role and tok.lemmas[k] not in SPEECH_VERBS:
            return None  # ("Leaders show managers the way"; "Some colleagues say the leadership ..." reports)
        m = k + 1
        while m < end and m - k <= 3 and m not in tok.role_at and (
            tok.lemmas[m] in cues.determiners or any(q.match(tok.lemmas, m, m + 1) for q in cues.quantifiers.values())
        ):
            m += 1
        if m in tok.role_at and m + 1 < end:
            return k + 1, k + 1  # no "that": the reported clause opens with its subject
        return None
    return None


SPEECH_VERBS = frozenset(("say", "claim", "argue", "believe", "think", "feel", "insist", "complain", "reckon", "assume"))
SYMMETRIC = ("same_as", "differs_from", "overlaps_with", "complements", "interchangeable_with")
ROLE_RELATIONS = (*SYMMETRIC, "becomes", "obeys", "follows", "requires")
TYPE_RELATION = {"trait": "has_trait", "skill": "has_skill", "focus": "focuses_on"}


def _relation_starts(tok: Tokens, cues: Cues) -> tuple[list[int], list[str]]:
    """Where a relation cue starts in the document, and the relation's name, in order (once per document)."""
    found = getattr(tok, "_relation_starts", None)
    if found is None:
        at = sorted((k, name) for name, phrases in cues.relations.items() for k in phrases.starts(tok.lemmas))
        found = tok._relation_starts = ([k for k, _ in at], [name for _, name in at])
    return found


def _cue_positions(tok: Tokens, start: int, end: int, cues: Cues) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    starts, names = _relation_starts(tok, cues)
    present = set(names[bisect_left(starts, start) : bisect_left(starts, end)])
    if not present:
        return found  # (most predicates hold no relation cue: the sets' finds are spared)
    for name, phrases in cues.relations.items():
        if name not in present:
            continue
        for k, n in phrases.find(tok.lemmas, start, end):
            if not relates(tok, k, n, end):
                continue
            found.setdefault(name, []).append(k)
    return found


def relates(tok: Tokens, k: int, n: int, end: int) -> bool:
    """A relation cue at ``k`` that relates things: not "a different horizon", not the connector in
    "Leadership, in contrast, is ..."."""
    return not attributive(tok, k, n, end) and not (k > 0 and tok.lemmas[k] == "contrast" and tok.lower[k - 1] in ("in", "by"))


def attributive(tok: Tokens, k: int, n: int, end: int) -> bool:
    """ "a different horizon": the cue modifies a noun instead of relating two things."""
    return (
        k > 0 and tok.lower[k - 1] in ("a", "an") and k + n < end
        and tok.alpha[k + n] and tok.lower[k + n] not in ("from", "than", "to", "with", "and", "or")
    )


def _negations(tok: Tokens, start: int, end: int, cues: Cues) -> tuple[list[int], list[int]]:
    """Positions of plain negators and of "not necessarily" cues in ``[start, end)``."""
    nn = cues.not_necessarily.find(tok.lemmas, start, end)
    inside = {k + d for k, n in nn for d in range(n)}
    plain = [k for k, _ in cues.negators.find(tok.lemmas, start, end) if k not in inside]
    lacks = [k for k, _ in cues.lack_verbs.find(tok.lemmas, start, end)]
    for k in lacks:
        if k + 1 < end and tok.lemmas[k + 1] in ("neither", "no") and k + 1 in plain:
            plain.remove(k + 1)  # "lacked neither intelligence nor effort", "lacked no courage": had them
        else:
            plain.append(k)
    if plain and "(" in tok.text[max(0, start - 3) : end]:
        plain = [k for k in plain if not _in_parentheses(tok, k, start)]  # "Managers (not leaders) plan budgets"
    return sorted(plain), [k for k, _ in nn]


def _in_parentheses(tok: Tokens, k: int, start: int) -> bool:
    """``k`` lies between "(" and ")" of one aside (looked for back to a few tokens before ``start``)."""
    opening = next((j for j in range(k - 1, max(-1, start - 4), -1) if tok.text[j] in ("(", ")")), None)
    if opening is None or tok.text[opening] != "(":
        return False
    return any(tok.text[j] == ")" for j in range(k + 1, min(len(tok.text), k + 12)))


def _listed_examples(tok: Tokens, p: int, end: int, cues: Cues) -> list[Found]:
    """ "qualities such as grit, candour and warmth": the examples a typed head lists are of its type."""
    for m in range(p + 1, end - 1):
        if tok.lower[m] == "such" and tok.lower[m + 1] == "as":
            start = m + 2
        elif tok.lower[m] in ("including", "like"):
            start = m + 1
        else:
            continue
        k = m - 1
        kind = next((t for t, heads in cues.type_heads.items() if heads.match(tok.lemmas, k, k + 1) or heads.match(tok.lower, k, k + 1)), None)
        if kind is not None:
            return discover_items(tok, start, end, kind, cues)
    return []


def _general_head(tok: Tokens, c: Found, end: int, cues: Cues) -> bool:
    """ "process" in "the process of planning", "qualities" in "qualities such as credibility"."""
    heads = cues.general_heads
    if heads.isdisjoint(tok.lemmas[c.start : c.end]) and heads.isdisjoint(tok.lower[c.start : c.end]):
        return False
    return c.end < end and (tok.lower[c.end] in ("of", "to", "like", "including") or tok.lower[c.end : c.end + 2] == ["such", "as"])


ASIDE_CLOSERS = {",": ",", "(": ")", "-": "-", "--": "--", "–": "–", "—": "—"}


def _denies_another_role(tok: Tokens, k: int, end: int) -> bool:
    """ "Managers, not leaders, keep promises" (or "(not leaders)", "- not leaders -"): this "not" sets
    another role aside, it denies nothing."""
    if tok.lower[k] != "not" or k == 0 or tok.lower[k - 1] not in ASIDE_CLOSERS:
        return False
    m = k + 1
    while m < end and tok.lemmas[m] in ("a", "an", "the"):
        m += 1
    return m in tok.role_at and tok.role_at[m][0] < end and tok.lower[tok.role_at[m][0]] == ASIDE_CLOSERS[tok.lower[k - 1]]


@cache
def _prepositional_verbs() -> frozenset[str]:
    return frozenset(load_grammar()["prepositional_verbs"])


def trailing_adverb(word: str, cues: Cues) -> bool:
    """An adverb after a verb's object ("monitor performance closely") is not part of it."""
    return word in cues.trailing_adverbs or (len(word) > 4 and word.endswith("ly") and word not in cues.ly_nouns)


def discover_items(tok: Tokens, start: int, end: int, default_type: str, cues: Cues) -> list[Found]:
    """Concepts named by the list after a trigger ("focus on X, Y and Z") that the lexicon lacks."""
    found: list[Found] = []
    i = start
    item: list[int] = []

    def close() -> None:
        words = list(item)
        while words and (
            tok.lemmas[words[0]] in cues.determiners
            or tok.lemmas[words[0]] in cues.light_verbs
            or tok.lower[words[0]].endswith("ly")
            or tok.lemmas[words[0]] in cues.hedges
        ):
            words.pop(0)
        while words and (tok.lemmas[words[-1]] in cues.determiners or tok.is_punct(words[-1]) or trailing_adverb(tok.lower[words[-1]], cues)):
            words.pop()
        item.clear()
        if not words or len(words) > 4:
            return
        if any(k in tok.role_at or tok.covered_by_concept(k) for k in words):
            return
        if not all(tok.alpha[k] or "-" in tok.text[k] for k in words):
            return
        lemmas = [tok.lemmas[k] for k in words]
        phrase = " ".join(lemmas)
        if phrase in cues.not_concepts or lemmas[-1] in cues.not_concepts or lemmas[0] in cues.pronouns:
            return
        # Plural nouns look like verbs without a tagger; only known verbs disqualify an item.
        if any(lemma in cues.auxiliaries for lemma in lemmas) or any(tok.lemmas[k] in cues.known_verbs and tok.lemmas[k] != tok.lower[k] for k in words[1:]):
            return
        if len(words) == 1:
            word = tok.lower[words[0]]
            if tok.stop[words[0]] or word.endswith(ADJECTIVE_ENDINGS) or word.endswith("ing"):
                return
        kind = default_type
        for name, heads in cues.type_heads.items():
            if lemmas[-1] in heads:
                kind = name
        label = tok.words(words)
        found.append(Found(words[0], words[-1] + 1, label, kind, in_lexicon=False))

    while i < end:
        lower = tok.lower[i]
        if item and lower in ITEM_STOPS and " ".join([*(tok.lemmas[k] for k in item), lower]) in _prepositional_verbs():
            item.clear()  # "about coping with complexity": what the verb is about is the item
            i += 1
            continue
        if lower in PUNCT_STOPS or lower in ITEM_STOPS and lower not in ("of",):
            close()
            if lower in PUNCT_STOPS or lower in ("which", "that", "who", "because", "while", "whereas", "so", "but", "rather"):
                break
            # A preposition ends the item; the list may resume after the next comma.
            while i < end and tok.lower[i] not in (",",) and tok.lower[i] not in PUNCT_STOPS:
                i += 1
            continue
        if lower == "of":
            close()
            while i < end and tok.lower[i] != "," and tok.lower[i] not in PUNCT_STOPS:
                i += 1
            continue
        if lower in (",", "and", "or", "&", "/") or (lower == "as" and tok.lower[i + 1 : i + 3] == ["well", "as"]):
            close()
            i += 3 if lower == "as" else 1
            continue
        if i in tok.role_at:
            close()
            break
        item.append(i)
        i += 1
    close()
    return found


def read_predicate(tok: Tokens, reading: Reading, p: int, cues: Cues, prefix_start: int | None = None) -> None:
    """Fill relation, object, polarity and concepts of ``reading`` from its predicate ``[p, end)``."""
    end = reading.end
    subjects = reading.subjects
    negs, nns = _negations(tok, p, end, cues)
    relative = range(p, p + 6) if p < end and tok.lower[p] in ("who", "that", "which", "whose") else range(0)
    # "A supervisor who lacks planning skills will not ...": the relative clause picks out some
    # holders of the role; what they lack is what the role requires, not a denial of it.
    negs = [k for k in negs if k not in relative and not _denies_another_role(tok, k, end)]
    concepts: list[Found] = []
    for k in tok.concepts_in(p, end):
        k_end, entry = tok.concept_at[k]
        concepts.append(Found(k, k_end, entry.label, entry.type, True))
    for name, triggers in cues.slot_triggers.items():
        for k, n in triggers.find(tok.lemmas, p, end):
            default = {"focuses_on": "focus", "has_skill": "skill", "has_trait": "trait"}[name]
            for item in discover_items(tok, k + n, end, default, cues):
                if not any(c.start < item.end and item.start < c.end for c in concepts):
                    concepts.append(item)
    for item in _listed_examples(tok, p, end, cues):
        if not any(c.start < item.end and item.start < c.end for c in concepts):
            concepts.append(item)
    concepts.sort(key=lambda c: c.start)
    # "the process of planning", "qualities such as credibility": a general head names what follows it.
    concepts = [c for c in concepts if not (_general_head(tok, c, end, cues) and any(d.start >= c.end for d in concepts))]
    # "... are inspired by the leader": a concept done BY a role is that role's, not the subject's.
    agent = next((k for k in range(p, end) if tok.lower[k] == "by" and any(
        j in tok.role_at for j in range(k + 1, min(end, k + 4)))), None)
    if agent is not None and any(tok.lemmas[k] in ("be", "get") for k in range(p, agent)):
        concepts = [c for c in concepts if c.start > agent]
    negations = (*negs, *nns)
    for c in concepts:
        # (The windows before the concept are tested in C first: most hold no negation, privative or "without".)
        before = bool(negations) and any(p <= k < c.start for k in negations)
        privative = not cues.privatives.isdisjoint(tok.lemmas[max(p, c.start - 2) : c.start]) and any(
            tok.lemmas[k] in cues.privatives and k not in relative for k in range(max(p, c.start - 2), c.start)) and not (
            tok.lemmas[c.start - 1] in ("no", "neither") and cues.lack_verbs.match(tok.lemmas, c.start - 2, c.start - 1))  # ("lacked no courage")
        contrast = c.start >= 2 and tok.lower[c.start - 1] == "not" and tok.lower[c.start - 2] == ","
        nobody = c.end < end and (tok.lower[c.end] in ("nobody", "nothing") or tok.lower[c.end : c.end + 2] == ["no", "one"])
        # "can succeed without being popular": not had; "cannot succeed without trust": had after all.
        # (After a verb only: "leadership without management skills rarely survives" needs them.)
        lacking = "without" in tok.lower[max(p, c.start - 3) : c.start] and any(
            tok.lower[k] == "without" and any(is_verbish(tok, m, cues) for m in range(p, k)) for k in range(max(p, c.start - 3), c.start))
        c.negated = (bool(before) != lacking) or privative or contrast or nobody  # ("... and inspire nobody")
    reading.concepts = concepts

    object_roles = [(k, tok.role_at[k][1].label) for k in tok.roles_in(p, end)]
    object_roles = [(k, label) for k, label in object_roles if label not in subjects[:1]]
    # "Leaders need empathy more than managers do": the role after "than" is compared, not the object.
    object_roles = [(k, label) for k, label in object_roles if not any(tok.lower[j] == "than" for j in range(max(p, k - 2), k))]
    cue_at = _cue_positions(tok, p, end, cues)
    relation = obj = None
    obj_pos = end
    without = False
    if len(subjects) >= 2:
        # "X and Y differ", or "the distinction between X and Y is ..." (the cue opens the subject).
        prefix = _cue_positions(tok, prefix_start, p, cues) if prefix_start is not None else {}
        if concepts and all(tok.lemmas[k] == "both" for k in prefix.get("overlaps_with", [])):
            prefix.pop("overlaps_with", None)  # "Both managers and leaders must communicate": what both do
        named = [name for name in SYMMETRIC if name in cue_at or name in prefix]
        if named:
            relation, obj, obj_pos = named[0], subjects[1], min(cue_at.get(named[0]) or [p])
            reading.also = named[1:]  # "different but complementary": one claim per relation
    if relation is None and not object_roles and len(subjects) == 1 and _someone_people_follow(tok, p, end, cues):
        # "A leader is someone people would follow": followers follow the role.
        role = subjects[0]
        reading.subjects[:] = ["follower"]
        relation, obj, obj_pos = "follows", role, p
        reading.object_is_concept = True
        reading.concepts = concepts = []  # (what the rest names is no quality of the followers)
    followed = _followed(tok, p, end) if relation is None and not object_roles else None
    if followed is not None:
        # "Plenty of managers are obeyed and never followed": being followed is what makes a leader.
        relation, obj, obj_pos = ("requires", "follower", followed) if subjects[:1] == ["leader"] else ("is_a", "leader", followed)
        reading.object_is_concept = True
        without = any(tok.lower[m] == "without" for m in range(max(p, followed - 2), followed))  # "obeyed without being followed"
    if relation is None and reading.possessor and ("obeys" in cue_at or "follows" in cue_at):
        relation = "obeys" if "obeys" in cue_at else "follows"
        obj, obj_pos = reading.possessor, min(cue_at[relation])
    if relation is None and not object_roles:
        for name in ("obeys", "follows"):
            if name in cue_at:
                default = load_grammar()["default_objects"].get(name)
                if default and default not in subjects:
                    relation, obj, obj_pos = name, default, min(cue_at[name])
                    reading.object_is_concept = True
                break
    if relation is None and object_roles and _part_of(tok, p, object_roles[0][0]):
        # "Leadership is one function within management", "part of every manager's job": a part of the role.
        relation, obj, obj_pos = "part_of", object_roles[0][1], object_roles[0][0]
    if relation is None and object_roles and _defines(tok, p, object_roles[0][0]):
        # "Supervisor - a first-line manager who ...": a glossary line says what the term is.
        k, label = object_roles[0]
        relation, obj, obj_pos = "is_a", label, k
    if relation is None and object_roles:
        k, label = object_roles[0]
        before = {name: [c for c in ks if c < k] for name, ks in cue_at.items()}
        if any(p <= c < k for c in nns):
            relation = "not_necessarily"
        else:
            for name in ROLE_RELATIONS:
                if before.get(name):
                    relation = name
                    break
            if relation is None and before.get("is_a") and _copula_reaches(tok, max(before["is_a"]), k, cues):
                relation = "is_a"
        if relation is not None:
            obj, obj_pos = label, k
            if relation == "is_a" and k >= 1 and so_called(tok, k - 1):
                negs = [*negs, k - 1]  # "a so-called leader": named a leader, denied to be one
            w = max(before["requires"]) if relation == "requires" else None
            if w is not None and tok.lower[w] == "without" and w <= p + 1 and any(tok.lemmas[m] == "be" for m in range(w, k)):
                relation = "is_a"  # "A manager without vision is not a leader": the subject's phrase, then "is"
            elif w is not None and tok.lower[w] == "without" and any(is_verbish(tok, m, cues) for m in range(p, w)):
                # "a supervisor can succeed without a leader": not required ("management without
                # leadership produces compliance" names what lacks, and says it is required)
                without = True
    if relation is None and concepts and subjects[:1] and subjects[0] in ("employee", "follower", "peer"):
        # "Their staff trusted them", "Employees respect managers who ...": what staff feel about a role.
        first = concepts[0]
        k = first.end
        while k < end and tok.lemmas[k] in ("the", "a", "an", "their", "his", "her", "its"):
            k += 1
        target = tok.role_at[k][1].label if k in tok.role_at else (reading.possessor if k < end and tok.lemmas[k] in ("them", "him", "her") else None)
        if target is not None and target not in subjects and first.start == skip_adverbs(tok, p, end, cues):
            relation, obj, obj_pos = "related_to", target, k
            if first.negated:
                reading.polarity = "negative"
    if relation is None and not object_roles:
        k = _intransitive_role_verb(tok, p, end, cues)
        if k is not None and load_grammar()["role_verbs"][tok.lemmas[k]] not in subjects:
            # "Middle managers cannot lead, because they have no budget": being the role is the
            # claim; what the reason goes on to name is not its object.
            needs = any(tok.lemmas[m] in ("have", "need") for m in range(p, k))
            relation, obj, obj_pos = ("requires" if needs else "is_a"), load_grammar()["role_verbs"][tok.lemmas[k]], k
            reading.object_is_concept = True
    opposite = lacked = False
    if relation is None and not object_roles:
        found_origin = origin(tok, p, end, cues)
        if found_origin is not None:
            # "Leaders are born, not made": how one comes to hold the role, whatever follows.
            (relation, obj, opposite), obj_pos = found_origin
            reading.object_is_concept = False
    named = [c for c in concepts if not _incidental_aside(tok, c, p, end, cues)]
    if relation is None and named:
        chosen = named[0]
        if len(named) > 1 and chosen.end < end and tok.lower[chosen.end] == "to" and any(
                tok.lemmas[m] in ("need", "want", "expect", "require", "get") for m in range(p, chosen.start)):
            # "needs the team to like her": what is needed is the liking, and the team is no quality of the role
            reading.concepts = concepts = [c for c in concepts if c is not chosen]
            chosen = named[1]
        contrasted = [c for c in concepts if c.negated and tok.lower[c.start - 1] == "not"]
        if contrasted:
            chosen = contrasted[0]  # "not X but Y" / "X, not Y": the denial is a claim of its own
            affirmed = [c for c in concepts if not c.negated and c.start < chosen.start]
            if not affirmed and chosen.start >= 2 and tok.lower[chosen.start - 2] == ",":
                # "They count hours, not outcomes": the words before ", not" name the affirmed focus.
                found = _affirmed_before(tok, p, chosen.start - 2, cues)
                if found is not None:
                    affirmed = [found]
                    reading.concepts = concepts = sorted([*concepts, found], key=lambda c: c.start)
            if affirmed:
                chosen, reading.set_aside = affirmed[0], contrasted[0]  # "They count hours, not outcomes"
        relation, obj, obj_pos = TYPE_RELATION[chosen.type], chosen.label, chosen.start
        compared = next((name for name in ("same_as", "differs_from") if any(p <= k < chosen.start for k in cue_at.get(name, ()))), None) if cue_at else None
        if compared is not None and len(subjects) == 1 and any(tok.lemmas[k] == "be" for k in range(p, chosen.start)):
            relation = compared  # "Leadership is not the same thing as authority": the role and a quality
        reading.object_is_concept = True
        if chosen.negated:
            reading.polarity = "negative"
        lacked = chosen.start > p and "without" in tok.lower[max(p, chosen.start - 3) : chosen.start]
    if relation is None and reading.possessor is None:
        free = _copula_object(tok, p, end, cues)
        if free is not None:
            relation, obj, obj_pos = "is_a", free[0], free[1]
    if relation is None:
        # "Good managers also lead": doing what defines a role is being it ("has to manage" -> requires).
        role_verbs = load_grammar()["role_verbs"]
        k = next((k for k in range(p, min(end, p + 6)) if tok.lemmas[k] in role_verbs and k not in tok.role_at), None)
        if k is not None and role_verbs[tok.lemmas[k]] not in subjects:
            needs = any(tok.lemmas[m] in ("have", "need", "must") for m in range(p, k))
            relation, obj, obj_pos = ("requires" if needs else "is_a"), role_verbs[tok.lemmas[k]], k
            w = next((m for m in range(p, k) if tok.lower[m] == "without"), None)
            if w is not None and any(is_verbish(tok, m, cues) for m in range(p, w)):
                relation, without = "requires", True  # "effective without ever leading"
            reading.object_is_concept = True
    if relation is None:
        return
    if relation == "is_a" and reading.quantifier != "some" and cue_at.get("same_as_reduction") and any(p <= k < obj_pos for k in cue_at["same_as_reduction"]):
        relation = "same_as"  # "leadership is just good management": a reduction, not a kind
    if relation == "is_a" and any(k > obj_pos for k in nns) and any(p <= k < obj_pos for k in negs):
        relation = "not_necessarily"  # "X is not a Y just because ...": not necessarily
        negs = [k for k in negs if not p <= k < obj_pos]
    reading.relation, reading.object = relation, obj
    if reading.quantifier == "generic" and relation == "is_a" and any(tok.lower[k] == "always" for k in range(p, obj_pos)):
        reading.quantifier = "all"  # "A good manager is always a leader": every one of them
    if obj in {label for _, label in object_roles} or obj in subjects:
        reading.object_is_concept = True
    if relation != "not_necessarily":
        plain = [k for k in negs if tok.lemmas[k] in ("not", "never", "no", "neither", "nor", "rarely", "seldom", "hardly")]
        if relation in SYMMETRIC and any(obj_pos - 4 <= k < obj_pos + 1 for k in plain):
            reading.polarity = "negative"
        elif relation not in SYMMETRIC and any(p <= k < obj_pos for k in negs) and not lacked:
            reading.polarity = "negative"  # (the concept's own reading decides "cannot survive without trust")
        elif any(p <= k < obj_pos for k in nns):
            reading.polarity = "negative"
            reading.hedges.append("not necessarily")
    if opposite:
        reading.polarity = "positive" if reading.polarity == "negative" else "negative"  # "made" = not born
    if without:
        # Without the role and still fine: not required - unless denied ("cannot function without a manager").
        denied = any(p <= k < obj_pos for k in negs)
        reading.polarity = "positive" if denied else "negative"
    if relation in ("obeys", "follows") and reading.possessor and obj is None:
        reading.object = reading.possessor


def origin(tok: Tokens, p: int, end: int, cues: Cues) -> tuple[tuple[str, str, bool], int] | None:
    """ "are born", "can't be taught", "are rarely appointed" heading the predicate: ((relation, object,
    opposite), position) from origin_participles, or None ("are trained to be leaders" is becoming one)."""
    at = tok.lemmas.positions.get("be")
    if at is None or bisect_left(at, p) == bisect_left(at, end):
        return None  # (no "be" in the predicate, as in most: the scan below would find none)
    k = skip_adverbs(tok, p, end, cues)
    while k < end and ((tok.lemmas[k] in cues.auxiliaries or tok.lower[k] in ("ca", "wo")) and tok.lemmas[k] != "be"
                       or tok.lemmas[k] in ("not", "n't", "never")):
        k = skip_adverbs(tok, k + 1, end, cues)
    if k >= end or tok.lemmas[k] != "be":
        return None
    k += 1
    while k < end and (tok.lemmas[k] in ("not", "n't", "never", "rarely", "seldom", "often", "usually", "simply", "just", "only")
                       or tok.lower[k].endswith("ly") and len(tok.lower[k]) > 4):
        k += 1
    origins = load_grammar()["origin_participles"]
    if k >= end or tok.lower[k] not in origins:
        return None
    if k + 1 < end and tok.lower[k + 1] in ("to", "into", "as") and any(j in tok.role_at for j in range(k + 2, min(end, k + 5))):
        return None
    relation, obj, *rest = origins[tok.lower[k]]
    return (relation, obj, bool(rest)), k


PART_WORDS = frozenset(("part", "function", "dimension", "aspect", "component", "subset", "element", "piece", "facet", "branch"))


def _part_of(tok: Tokens, p: int, k: int) -> bool:
    """ "is (one) part / function / dimension of ... ROLE" at ``k``, or "one role among ... that ROLE
    performs": what the subject is a part of."""
    if not any(tok.lemmas[m] == "be" for m in range(p, min(k, p + 4))):
        return False
    return any(tok.lemmas[m] in PART_WORDS or (tok.lemmas[m] == "role" and "one" in tok.lemmas[max(p, m - 3) : m])
               for m in range(p, k))


DEFINITION_MARKS = frozenset(("-", "–", "—", ":"))


def _defines(tok: Tokens, p: int, k: int) -> bool:
    """A definition mark at ``p`` ("Supervisor - a ...", "Leader: the person ...") whose noun phrase
    has its head at ``k``: an article, then at most three words, none of them a verb's marker."""
    if p + 1 >= len(tok.lower) or tok.lower[p] not in DEFINITION_MARKS or tok.lemmas[p + 1] not in ("a", "an", "the", "any"):
        return False
    return k - (p + 1) <= 4 and all(tok.lower[m] not in ("who", "that", "which", "whom", ",") for m in range(p + 2, k))


def _someone_people_follow(tok: Tokens, p: int, end: int, cues: Cues) -> bool:
    """ "is someone people would follow", "is the person whom others choose to follow", "Leader - a
    person whom others follow"."""
    k = skip_adverbs(tok, p, end, cues)
    if k >= end or not (tok.lemmas[k] == "be" or tok.lower[k] in DEFINITION_MARKS):
        return False
    k += 1
    while k < end and tok.lemmas[k] in ("a", "an", "the", "simply", "just", "only"):
        k += 1
    if k >= end or tok.lemmas[k] not in ("someone", "somebody", "person", "one", "anyone", "whoever"):
        return False
    k += 1
    if k < end and tok.lemmas[k] in ("that", "who", "whom"):
        k += 1
    if k >= end or tok.lemmas[k] not in ("people", "other", "others", "they", "we", "you", "colleague", "colleagues"):
        return False
    return any(tok.lemmas[m] == "follow" for m in range(k + 1, min(end, k + 5)))


def _followed(tok: Tokens, p: int, end: int) -> int | None:
    """The position of "followed" in a passive predicate ("are obeyed and never followed", "is
    rarely followed by anyone"), or None."""
    for k in tok.where(FOLLOWED, p, end):
        if any(tok.lemmas[j] in ("be", "get") for j in range(max(p, k - 5), k)):
            return k
    return None


FOLLOWED = frozenset(("followed",))


def _incidental_aside(tok: Tokens, c: Found, p: int, end: int, cues: Cues) -> bool:
    """A word of aside_concepts ("people") that is not what the predicate acts on: not right after
    its verb or a preposition of it ("the loudest people in the room", "below twenty people")."""
    if c.label not in _aside_words():
        return False
    before = c.start - 1
    if before < p:
        return False
    if not (is_verbish(tok, before, cues) or tok.lower[before] in ("on", "about", "with", "for", "to", "and", ",")):
        return True
    return c.end < end and tok.alpha[c.end] and not tok.stop[c.end] and tok.lower[c.end] not in ("and", "or")


@cache
def _aside_words() -> frozenset[str]:
    return frozenset(load_grammar()["aside_concepts"])


def _intransitive_role_verb(tok: Tokens, p: int, end: int, cues: Cues) -> int | None:
    """The position of "lead" / "manage" heading the predicate with nothing it acts on ("cannot lead.",
    "never led anyone", "must lead, since ..."), or None."""
    if not tok.where(_role_verb_lemmas(), p, end, "lemmas"):
        return None  # (no "lead" or "manage" in the predicate, as in most: the scan below would find none)
    k = skip_adverbs(tok, p, end, cues)
    while k < end and (tok.lemmas[k] in cues.auxiliaries or tok.lemmas[k] in ("not", "n't", "never", "to", "also", "still")):
        k = skip_adverbs(tok, k + 1, end, cues)
    if k >= end or tok.lemmas[k] not in load_grammar()["role_verbs"] or k in tok.role_at:
        return None
    after = k + 1
    if after < end and not tok.is_punct(after) and tok.lower[after] not in ROLE_VERB_ENDS:
        return None  # "lead people", "lead on strategy": what the verb acts on is the claim's object
    return k


@cache
def _role_verb_lemmas() -> frozenset[str]:
    return frozenset(load_grammar()["role_verbs"])


# Words after "lead" / "manage" that show the verb acts on nothing named ("cannot lead because ...").
ROLE_VERB_ENDS = frozenset(("because", "since", "as", "and", "but", "or", "when", "if", "unless", "until",
                            "anyone", "anybody", "nobody", "at", "either", "too", "yet", "so", "though", "well"))


def _affirmed_before(tok: Tokens, p: int, comma: int, cues: Cues) -> Found | None:
    """The noun phrase a verb acts on just before ", not": "count [hours], not outcomes"."""
    verb = skip_adverbs(tok, p, comma, cues)
    while verb < comma and (tok.lemmas[verb] in cues.auxiliaries or tok.lemmas[verb] in ("not", "never")):
        verb = skip_adverbs(tok, verb + 1, comma, cues)
    k = verb + 1
    while k < comma and (tok.lemmas[k] in ("the", "a", "an", "their", "its", "our", "your") or tok.lemmas[k] in cues.determiners):
        k += 1
    if k >= comma or comma - k > 3 or not all(tok.alpha[j] for j in range(k, comma)) or any(
        j in tok.role_at or j in tok.concept_at for j in range(k, comma)
    ):
        return None
    return Found(k, comma, tok.words(range(k, comma)), "focus", False)


def _copula_reaches(tok: Tokens, c: int, k: int, cues: Cues) -> bool:
    """True when only modifiers separate the copula at ``c`` from the role at ``k`` ("is by default a")."""
    for i in range(c + 1, k):
        lemma = tok.lemmas[i]
        if lemma in cues.determiners or lemma in cues.hedges or lemma in cues.negators or lemma in cues.restrictive_adjectives:
            continue
        if lemma in ("also", "really", "always", "automatically", "necessarily", "to", "be", "by", "default", "'s", "not",
                     "n't", ",", "as", "once", "still", "already", "ever", "never", "just", "truly", "first", "only"):
            continue
        if tok.lower[i].endswith("ly") and tok.alpha[i]:
            continue  # any adverb
        if tok.alpha[i] and i + 1 == k:
            continue  # one adjective: "a good leader"
        if so_called(tok, i) or (tok.lower[i] == "-" and so_called(tok, i - 1)):
            continue
        return False
    return True


@cache
def _so_called() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(p).split()) for p in load_grammar()["so_called"])


def so_called(tok: Tokens, i: int) -> bool:
    """A "so-called" / "self-styled" / "would-be" starts or ends at token ``i``: the name that follows is denied."""
    return any(tuple(tok.lower[j : j + len(words)]) == words for words in _so_called() for j in range(max(0, i - len(words) + 1), i + 1))


def _copula_object(tok: Tokens, p: int, end: int, cues: Cues) -> tuple[str, int] | None:
    """ "X is Y" with Y a short noun phrase that no concept names: (Y, position)."""
    i = skip_adverbs(tok, p, end, cues)
    if i >= end or tok.lemmas[i] != "be":
        return None
    i += 1
    while i < end and (tok.lemmas[i] in cues.determiners or tok.lemmas[i] in ("not", "n't", "also", "just", "merely", "simply", "rarely",
                                                                             "seldom", "never", "hardly", "usually", "often")):
        i += 1
    words = []
    while i < end and tok.alpha[i] and len(words) < 3 and tok.lower[i] not in ITEM_STOPS and tok.lower[i] not in ("and", "or"):
        words.append(i)
        i += 1
    if not words or (i < end and not tok.is_punct(i)):
        return None
    if tok.lemmas[words[0]] in cues.not_concepts or tok.lemmas[words[-1]] in cues.not_concepts:
        return None
    if any(is_verbish(tok, k, cues) for k in words):
        return None
    return tok.words(words), words[0]
