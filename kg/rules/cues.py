"""The grammar cues of ``ontology/grammar.yaml`` compiled to lemma sequences, and matching over tokens."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
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
            self.positions.setdefault(lemma, []).append(i)
        self.hits: dict[int, tuple[list[int], dict[int, int]]] = {}


@dataclass(frozen=True)
class PhraseSet:
    """Lemma phrases indexed by their first lemma; longest match first."""

    by_first: dict[str, tuple[Phrase, ...]]
    singles: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One-lemma phrases, for ``lemma in phrase_set`` (asked once or more per token).
        object.__setattr__(self, "singles", frozenset(p[0] for ps in self.by_first.values() for p in ps if len(p) == 1))

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
        return cached

    def match(self, lemmas: list[str], i: int, end: int | None = None) -> int:
        """Length of the longest phrase starting at ``i`` (0 if none); never past ``end``."""
        end = len(lemmas) if end is None or end > len(lemmas) else end
        if i >= end:
            return 0
        if isinstance(lemmas, Lemmas):
            n = (lemmas.hits.get(id(self)) or self._hits(lemmas))[1].get(i, 0)
            if i + n <= end:
                return n
        for phrase in self.by_first.get(lemmas[i], ()):
            if i + len(phrase) <= end and tuple(lemmas[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def find(self, lemmas: list[str], start: int, end: int) -> list[tuple[int, int]]:
        """Every (position, length) match in ``[start, end)``, left to right, non-overlapping."""
        if isinstance(lemmas, Lemmas):
            starts, lengths = lemmas.hits.get(id(self)) or self._hits(lemmas)
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

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.singles


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
    denials: PhraseSet
    qualifiers: PhraseSet
    denying_frames: PhraseSet
    affirmations: PhraseSet
    answers: dict[str, PhraseSet]
    free_subjects: PhraseSet
    rebuttal_openers: PhraseSet
    general_heads: frozenset[str]
    known_verbs: frozenset[str]


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
            "plural_anaphors owner_heads question_auxiliaries denials qualifiers affirmations denying_frames free_subjects rebuttal_openers"
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
              "spearhead", "ability", "in", "common", "intertwined", "lot"}
    return Cues(**sets, **nested, general_heads=frozenset(g["general_heads"]), known_verbs=frozenset(verbs))
