"""The records that extraction produces and every later step consumes.

Frozen dataclasses only: they travel from ``kg.rules`` to ``kg.contest``, ``kg.graph`` and
``kg.evaluate``; nothing downstream mutates them. Offsets are Python string offsets into the
document text as read (end exclusive).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

CONCEPT_TYPES = ("role", "trait", "skill", "focus")
QUANTIFIERS = ("all", "some", "none", "generic")
POLARITIES = ("positive", "negative")
CONTEST_KINDS = ("rebuttal", "contradiction")
STATUSES = ("accepted", "contested", "defeated")
# The modality part that marks a claim the writer reports as someone else's ("critics argue that ...").
REPORTED = "reported: "
ATTRIBUTION_RELATIONS = {"trait": "has_trait", "skill": "has_skill", "focus": "focuses_on"}


@dataclass(frozen=True, order=True)
class Span:
    """A character range of a document; ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Post:
    """One contribution to a thread (the whole text for a single-author document)."""

    span: Span
    speaker: str | None
    addressees: tuple[str, ...] = ()
    disputes: bool = False  # introduced as a disagreement ("Ann disagreed: ...", "Ann objected:")


@dataclass(frozen=True)
class Section:
    """A header line ending in a colon and the lines it scopes."""

    header: Span
    body: Span
    role: str | None  # the role label the header names, if any


@dataclass(frozen=True)
class Document:
    """A source text, split into posts and sections."""

    name: str  # file name, e.g. "000_b06b74fee8466084.txt"
    text: str
    sha256: str
    posts: tuple[Post, ...] = ()
    sections: tuple[Section, ...] = ()

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0] if "." in self.name else self.name

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speakers in order of their first post."""
        seen: dict[str, None] = {}
        for post in self.posts:
            if post.speaker:
                seen.setdefault(post.speaker, None)
        return tuple(seen)

    @cached_property
    def _post_starts(self) -> list[int]:
        return [post.span.start for post in self.posts]

    def post_at(self, offset: int) -> Post | None:
        """The post holding ``offset`` (posts are in text order; a bisect, not a scan)."""
        i = bisect_right(self._post_starts, offset) - 1
        if i >= 0 and offset < self.posts[i].span.end:
            return self.posts[i]
        return None


@dataclass(frozen=True)
class Concept:
    """A role, trait, skill or focus, with the places the document names it."""

    label: str
    type: str
    mentions: tuple[Span, ...]
    in_lexicon: bool = True


@dataclass(frozen=True)
class Attribution:
    """A role has (or, with negative polarity, lacks) a trait, skill or focus."""

    role: str
    relation: str
    concept: str
    polarity: str
    evidence: Span


@dataclass(frozen=True)
class Claim:
    """One general proposition in normal form, with where and by whom it was said."""

    doc: str
    evidence: Span
    subject: str
    relation: str
    object: str
    quantifier: str
    polarity: str
    modality: str | None
    asserted_by: str | None
    addressees: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A stable identity within the corpus: document, span and what is claimed (one sentence
        may make two claims: "supervisors are administrators, not leaders")."""
        return f"{self.doc}:{self.evidence.start}-{self.evidence.end}:{self.subject}>{self.relation}>{self.object}"


@dataclass(frozen=True)
class Contest:
    """``attacker`` disagrees with ``target`` (claim keys); ``rule`` names what found it."""

    target: str
    attacker: str
    kind: str
    rule: str
    evidence: Span
    cross_document: bool


@dataclass(frozen=True)
class Standing:
    """A claim's computed status in the argumentation framework, and why."""

    claim: str
    status: str
    reason: str


@dataclass(frozen=True)
class DocumentExtraction:
    """Everything extracted from one document."""

    document: Document
    concepts: tuple[Concept, ...]
    attributions: tuple[Attribution, ...]
    claims: tuple[Claim, ...]
    rebuttals: tuple[Contest, ...] = ()  # replies that answer an earlier claim of this document


@dataclass(frozen=True)
class Extraction:
    """A corpus: per-document records plus the contests and standings computed across them."""

    documents: tuple[DocumentExtraction, ...]
    contests: tuple[Contest, ...] = ()
    standings: tuple[Standing, ...] = field(default=())

    def claims(self) -> list[Claim]:
        return [claim for doc in self.documents for claim in doc.claims]

    def standing_of(self, key: str) -> Standing | None:
        for standing in self.standings:
            if standing.claim == key:
                return standing
        return None
