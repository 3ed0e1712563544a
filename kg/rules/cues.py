"""The grammar cues of ``ontology/grammar.yaml`` compiled to lemma sequences, and matching over tokens."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache


from kg.lexicon import load_grammar
from kg.nlp import pipeline

Phrase = tuple[str, ...]


class Lemmas(list):
    """A document's lemmas with an index of where each lemma occurs, so phrase lookups over
    clause ranges cost a bisect instead of a scan (extraction runs every cue over every clause)."""

    def __init__(self, lemmas):
        super().__init__(lemmas)
        self.positions: dict[str, list[int]] = {}
        for i, lemma in enumerate(self):
            at = self.positions.get(lemma)
            if at is None:
                self.positions[lemma] = [i]
            else:
                at.append(i)
        self.hits: dict[int, tuple[list[int], dict[int, int]]] = {}


class PhraseSet(frozenset):
    """Lemma phrases indexed by their first lemma (``by_first``), longest first. The set itself
    holds the one-lemma phrases: ``lemma in phrase_set`` is asked once or more per token, and a
    frozenset answers it without a call into Python."""

    by_first: dict[str, tuple[Phrase, ...]]
    firsts: frozenset[str]  # the lemmas a phrase starts with
    group: _Group | None = None  # the grammar's sets, matched together (see ``cues``)
    # The document asked about last and this set's hits in it: the sets are asked about tens of
    # times per clause, mostly of one document, and an identity test is cheaper than the lookup.
    _current: tuple[Lemmas | None, list[int], dict[int, int]] = (None, [], {})

    def __new__(cls, by_first: dict[str, tuple[Phrase, ...]]) -> PhraseSet:
        self = super().__new__(cls, (p[0] for ps in by_first.values() for p in ps if len(p) == 1))
        self.by_first = by_first
        self.firsts = frozenset(by_first)
        return self

    @classmethod
    def of(cls, phrases: list[str]) -> PhraseSet:
        nlp = pipeline()
        index: dict[str, list[Phrase]] = {}
        for doc in nlp.pipe(str(p) for p in phrases):
            lemmas = tuple(t.lemma_ for t in doc if not t.is_space)
            if lemmas:
                index.setdefault(lemmas[0], []).append(lemmas)
        return cls({k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()})

    def _hits(self, lemmas: Lemmas) -> tuple[list[int], dict[int, int]]:
        """Every match of this set in the whole document: sorted starts, and start -> length."""
        cached = lemmas.hits.get(id(self))
        if cached is None and self.group is not None:
            self.group.fill(lemmas)
            cached = lemmas.hits[id(self)]
        if cached is None:
            lengths: dict[int, int] = {}
            # Only the first lemmas that the document holds (a set intersection, not a scan of the set).
            for first in self.by_first.keys() & lemmas.positions.keys():
                phrases = self.by_first[first]
                for i in lemmas.positions[first]:
                    for phrase in phrases:
                        if len(phrase) == 1 or tuple(lemmas[i : i + len(phrase)]) == phrase:
                            lengths[i] = len(phrase)
                            break
            cached = (sorted(lengths), lengths)
            lemmas.hits[id(self)] = cached
        self._current = (lemmas, *cached)
        return cached

    def match(self, lemmas: list[str], i: int, end: int | None = None) -> int:
        """Length of the longest phrase starting at ``i`` (0 if none); never past ``end``."""
        end = len(lemmas) if end is None or end > len(lemmas) else end
        if i >= end:
            return 0
        current = self._current
        if current[0] is lemmas or isinstance(lemmas, Lemmas):
            n = (current[2] if current[0] is lemmas else self._hits(lemmas)[1]).get(i, 0)
            if i + n <= end:
                return n
        for phrase in self.by_first.get(lemmas[i], ()):
            if i + len(phrase) <= end and tuple(lemmas[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def starts(self, lemmas: Lemmas) -> list[int]:
        """Every position of the document where a phrase of the set starts, in order."""
        current = self._current
        return current[1] if current[0] is lemmas else self._hits(lemmas)[0]

    def starts_in(self, lemmas: list[str], start: int, stop: int) -> bool:
        """True when a phrase of the set starts in ``[start, stop)`` (wherever it ends)."""
        current = self._current
        if current[0] is lemmas or isinstance(lemmas, Lemmas):
            starts = current[1] if current[0] is lemmas else self._hits(lemmas)[0]
            return bisect_left(starts, start) < bisect_left(starts, stop)
        return any(self.match(lemmas, i) for i in range(start, stop))

    def first(self, lemmas: list[str], start: int, stop: int, end: int) -> tuple[int, int] | None:
        """The first (position, length) with position in ``[start, stop)`` where ``match(lemmas,
        position, end)`` finds a phrase; None if there is none. Over a ``Lemmas`` only the
        positions where a phrase of the set starts are tried."""
        current = self._current
        if current[0] is lemmas or isinstance(lemmas, Lemmas):
            _, starts, lengths = current if current[0] is lemmas else (None, *self._hits(lemmas))
            for k in range(bisect_left(starts, start), bisect_left(starts, stop)):
                i = starts[k]
                # (The longest phrase at ``i`` when it fits: what ``match`` gives, without its call.)
                n = lengths[i] if i < end and i + lengths[i] <= end else self.match(lemmas, i, end)
                if n:
                    return i, n
            return None
        for i in range(start, stop):
            n = self.match(lemmas, i, end)
            if n:
                return i, n
        return None

    def find(self, lemmas: list[str], start: int, end: int) -> list[tuple[int, int]]:
        """Every (position, length) match in ``[start, end)``, left to right, non-overlapping."""
        current = self._current
        if current[0] is lemmas or isinstance(lemmas, Lemmas):
            _, starts, lengths = current if current[0] is lemmas else (None, *self._hits(lemmas))
            if not starts:
                return []
            found, last = [], start
            # Walk from the first start in range (no slice: a slice would copy the document's tail).
            for k in range(bisect_left(starts, start), bisect_left(starts, end)):
                i = starts[k]
                if i >= last and i + lengths[i] <= end:
                    found.append((i, lengths[i]))
                    last = i + lengths[i]
            return found
        found, i = [], start
        while i < end:
            n = self.match(lemmas, i, end)
            if n:
                found.append((i, n))
                i += n
            else:
                i += 1
        return found


_NO_HITS: tuple[list[int], dict[int, int]] = ([], {})  # shared by every set without a match: read, never written


class _Group:
    """Phrase sets matched together: one pass over a document's distinct lemmas finds the matches
    of every set (a pass per set, some thirty per document, cost more than the matching). Longer
    phrases are looked up by their first two lemmas: many share a first lemma ("in fact", "in
    general", "in my view"), and trying each at every "in" cost the most of all."""

    def __init__(self, phrase_sets: list[PhraseSet]) -> None:
        self.keys = [id(s) for s in phrase_sets]
        self.singles: dict[str, list[int]] = {}  # lemma -> the sets holding it as a phrase
        self.pairs: dict[tuple[str, str], list[tuple[int, tuple[Phrase, ...]]]] = {}  # (the sets' longer phrases, longest first)
        for phrase_set in phrase_sets:
            for first, phrases in phrase_set.by_first.items():
                by_second: dict[str, list[Phrase]] = {}
                for phrase in phrases:  # (longest first, as ``by_first`` holds them)
                    if len(phrase) == 1:
                        self.singles.setdefault(first, []).append(id(phrase_set))
                    else:
                        by_second.setdefault(phrase[1], []).append(phrase)
                for second, longer in by_second.items():
                    self.pairs.setdefault((first, second), []).append((id(phrase_set), tuple(longer)))
        self.seconds: dict[str, set[str]] = {}  # first lemma -> the second lemmas of its longer phrases
        for first, second in self.pairs:
            self.seconds.setdefault(first, set()).add(second)
        self.firsts = frozenset(self.singles) | frozenset(self.seconds)

    def fill(self, lemmas: Lemmas) -> None:
        """Store every set's ``_hits`` in ``lemmas``: the longest phrase at each position."""
        found: dict[int, dict[int, int]] = {}
        size = len(lemmas)
        # Only the lemmas some phrase starts with (a set intersection in C; each position belongs to
        # one lemma, so the order the lemmas are visited in changes nothing).
        for lemma in self.firsts.intersection(lemmas.positions):
            positions = lemmas.positions[lemma]
            for key in self.singles.get(lemma, ()):
                lengths = found.get(key)
                if lengths is None:
                    found[key] = dict.fromkeys(positions, 1)
                else:
                    lengths.update(dict.fromkeys(positions, 1))
            seconds = self.seconds.get(lemma)
            if seconds is None:
                continue
            for i in positions:
                if i + 1 < size and lemmas[i + 1] in seconds:
                    for key, phrases in self.pairs[lemma, lemmas[i + 1]]:
                        for phrase in phrases:
                            if tuple(lemmas[i : i + len(phrase)]) == phrase:
                                found.setdefault(key, {})[i] = len(phrase)  # (longer than the one-lemma phrase)
                                break
        # Most sets have no match in a document: they are stored in one call, the others one by one.
        lemmas.hits.update(dict.fromkeys(self.keys, _NO_HITS))
        for key, lengths in found.items():
            lemmas.hits[key] = (sorted(lengths), lengths)


@dataclass(frozen=True)
class Cues:
    quantifiers: dict[str, PhraseSet]
    negated_universal: PhraseSet
    negators: PhraseSet
    not_necessarily: PhraseSet
    privatives: PhraseSet
    lack_verbs: PhraseSet
    hedges: PhraseSet
    reported_speech: PhraseSet
    slot_triggers: dict[str, PhraseSet]
    light_verbs: PhraseSet
    determiners: PhraseSet
    pronouns: PhraseSet
    weak_subjects: PhraseSet
    relations: dict[str, PhraseSet]
    copulas: PhraseSet
    disagreement: PhraseSet
    report_verbs: PhraseSet
    connectors: PhraseSet
    restrictive_adjectives: PhraseSet
    auxiliaries: PhraseSet
    ellipsis_negation: PhraseSet
    type_heads: dict[str, PhraseSet]
    not_concepts: PhraseSet
    subordinators: PhraseSet
    announcers: PhraseSet
    plural_anaphors: PhraseSet
    owner_heads: PhraseSet
    question_auxiliaries: PhraseSet
    question_words: PhraseSet
    denials: PhraseSet
    qualifiers: PhraseSet
    denying_frames: PhraseSet
    affirmations: PhraseSet
    answers: dict[str, PhraseSet]
    free_subjects: PhraseSet
    rebuttal_openers: PhraseSet
    view_labels: PhraseSet
    proposition_nouns: PhraseSet
    denying_predicates: PhraseSet
    breakdown_outcomes: PhraseSet
    thriving_outcomes: PhraseSet
    authority_acts: PhraseSet
    doing_without: PhraseSet
    ranked_above: PhraseSet
    ranked_below: PhraseSet
    general_heads: frozenset[str]
    trailing_adverbs: frozenset[str]
    ly_nouns: frozenset[str]
    known_verbs: frozenset[str]
    quantifier_firsts: frozenset[str]  # the lemmas a quantifier starts with: most words start none


@cache
def cues() -> Cues:
    """Compile the grammar once per process."""
    g = load_grammar()
    sets = {
        key: PhraseSet.of(g[key])
        for key in (
            "negated_universal negators not_necessarily privatives lack_verbs hedges reported_speech light_verbs "
            "determiners pronouns weak_subjects copulas disagreement report_verbs connectors "
            "restrictive_adjectives auxiliaries ellipsis_negation not_concepts subordinators announcers "
            "plural_anaphors owner_heads question_auxiliaries question_words denials qualifiers affirmations denying_frames free_subjects rebuttal_openers view_labels proposition_nouns denying_predicates "
            "breakdown_outcomes thriving_outcomes authority_acts doing_without ranked_above ranked_below"
        ).split()
    }
    nested = {key: {k: PhraseSet.of(v) for k, v in g[key].items()} for key in ("quantifiers", "slot_triggers", "relations", "type_heads", "answers")}
    verbs: set[str] = set()
    for key in ("slot_triggers", "relations"):
        for phrase_set in nested[key].values():
            for phrases in phrase_set.by_first.values():
                for phrase in phrases:
                    verbs.add(phrase[0])
    for key in ("copulas", "report_verbs", "auxiliaries", "lack_verbs"):
        verbs.update(p[0] for ps in sets[key].by_first.values() for p in ps)
    # Prepositions and particles that open trigger phrases are not verbs.
    verbs -= {"about", "in", "on", "of", "for", "to", "with", "without", "instead", "as", "at", "one", "the",
              "no", "not", "both", "same", "different", "distinct", "vs", "vs.", "versus", "unlike", "whereas",
              "hand", "opposite", "equal", "identical", "equivalent", "synonymous", "interchangeable",
              "interchangeably", "separate", "complementary", "overlapping", "interconnected", "interconnectedness",
              "distinction", "difference", "contrast", "able", "capable", "good", "great", "excellent", "adept",
              "skilled", "expert", "competent", "proficient", "responsible", "concerned", "interested",
              "associated", "devoted", "dedicated", "busy", "obsessed", "preoccupied", "committed", "focused",
              "spearhead", "ability", "in", "common", "intertwined", "lot", "new", "another", "fancy", "synonym",
              "rebranding", "call", "style"}  # ("a new name for", "the final call": nouns as often as verbs)
    every_set = [*sets.values(), *(phrase_set for by_name in nested.values() for phrase_set in by_name.values())]
    group = _Group(every_set)
    for phrase_set in every_set:
        phrase_set.group = group
    quantifier_firsts = frozenset(first for phrase_set in nested["quantifiers"].values() for first in phrase_set.by_first)
    return Cues(**sets, **nested, general_heads=frozenset(g["general_heads"]),
        trailing_adverbs=frozenset(g["trailing_adverbs"]), ly_nouns=frozenset(g["ly_nouns"]), known_verbs=frozenset(verbs), quantifier_firsts=quantifier_firsts)
