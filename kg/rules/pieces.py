"""Documents of any size: a long document is extracted piece by piece, with offsets into the whole.

Extraction holds a few hundred bytes per token and some of its document-wide steps (replies that
quote earlier posts, sections and their bullets) compare everything with everything. A document
longer than ``PIECE_CHARS`` is therefore cut at the last paragraph break before the limit (else a
line break, a sentence end, a space; a hard cut only when a piece holds none of these), each
piece is extracted alone, and the records are joined with every offset moved to index the whole
text. Memory and time then grow with the length of the text, not with its square; what is lost
is what crosses a cut: a pronoun at the start of a piece does not see the role before the cut,
and a reply does not rebut a claim made in an earlier piece. A document within the limit is
extracted whole, exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from kg.records import Attribution, Claim, Concept, Contest, Document, DocumentExtraction, Post, Section, Span

PIECE_CHARS = 256 * 1024  # characters: a few seconds and about a hundred MB of extraction each

# Cut points, best first: a blank line, a line end, a sentence end, any white space.
_CUTS = (
    re.compile(r"\n[ \t\r\f\v]*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])"),
    re.compile(r"\s"),
)


def extract_in_pieces(document: Document, extract: Callable[[Document], DocumentExtraction],
                      limit: int | None = None) -> DocumentExtraction:
    """``extract(document)`` for a document of at most ``limit`` characters (default ``PIECE_CHARS``);
    a longer one piece by piece."""
    limit = PIECE_CHARS if limit is None else limit
    if len(document.text) <= limit:
        return extract(document)
    parts = [
        _shift(extract(Document(document.name, document.text[start:end], document.sha256)), document, start)
        for start, end in pieces(document.text, limit)
    ]
    return _join(document, parts)


def pieces(text: str, limit: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) ranges that cover ``text`` in order, each at most ``limit`` characters long
    and, where the text allows it, ending just after a paragraph break, a line end or a sentence."""
    limit = PIECE_CHARS if limit is None else limit
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        yield start, end
        start = end
    if start < len(text) or not text:
        yield start, len(text)


def _cut(text: str, start: int, stop: int) -> int:
    """The best place to end a piece that starts at ``start`` and may not reach past ``stop``."""
    floor = start + (stop - start) // 2  # a piece is never cut shorter than half the limit
    for pattern in _CUTS:
        last = None
        # Search backwards from the limit in growing windows: the match closest to it wins.
        window = 4096
        while last is None:
            lo = max(floor, stop - window)
            for match in pattern.finditer(text, lo, stop):
                last = match
            if lo == floor:
                break
            window *= 8
        if last is not None:
            return _not_in_crlf(text, last.end())
    return _not_in_crlf(text, stop)  # no white space at all in half a piece: a hard cut


def _not_in_crlf(text: str, cut: int) -> int:
    """``cut``, or one before it when it falls between the "\r" and the "\n" of a line end."""
    return cut - 1 if text[cut - 1] == "\r" and text[cut : cut + 1] == "\n" else cut


def _span(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by, span.text)


def _shift(part: DocumentExtraction, document: Document, by: int) -> DocumentExtraction:
    """The records of a piece starting at character ``by``, with offsets into the whole document."""
    claims = tuple(replace(c, evidence=_span(c.evidence, by)) for c in part.claims)
    keys = {old.key: new.key for old, new in zip(part.claims, claims)}
    return DocumentExtraction(
        document=replace(
            part.document,
            posts=tuple(replace(p, span=_span(p.span, by)) for p in part.document.posts),
            sections=tuple(replace(s, header=_span(s.header, by), body=_span(s.body, by)) for s in part.document.sections),
        ),
        concepts=tuple(replace(c, mentions=tuple(_span(m, by) for m in c.mentions)) for c in part.concepts),
        attributions=tuple(replace(a, evidence=_span(a.evidence, by)) for a in part.attributions),
        claims=claims,
        rebuttals=tuple(
            replace(r, target=keys.get(r.target, r.target), attacker=keys.get(r.attacker, r.attacker), evidence=_span(r.evidence, by))
            for r in part.rebuttals
        ),
    )


def _join(document: Document, parts: list[DocumentExtraction]) -> DocumentExtraction:
    """One document's records from its pieces' (already shifted), in text order."""
    posts: list[Post] = [p for part in parts for p in part.document.posts]
    sections: list[Section] = [s for part in parts for s in part.document.sections]
    concepts: dict[str, Concept] = {}
    for part in parts:
        for concept in part.concepts:
            seen = concepts.get(concept.label)
            if seen is None:
                concepts[concept.label] = concept
            else:
                concepts[concept.label] = replace(seen, mentions=tuple(sorted({*seen.mentions, *concept.mentions})))
    attributions: dict[tuple[str, str, str], Attribution] = {}
    for part in parts:
        for attribution in part.attributions:
            attributions.setdefault((attribution.role, attribution.concept, attribution.polarity), attribution)
    claims: list[Claim] = [c for part in parts for c in part.claims]
    rebuttals: list[Contest] = [r for part in parts for r in part.rebuttals]
    return DocumentExtraction(
        document=replace(document, posts=tuple(posts), sections=tuple(sections)),
        concepts=tuple(sorted(concepts.values(), key=lambda c: (c.mentions[0].start if c.mentions else 0, c.label))),
        attributions=tuple(attributions.values()),
        claims=tuple(claims),
        rebuttals=tuple(rebuttals),
    )
