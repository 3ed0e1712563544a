"""Shared fixtures: a hand-made corpus of records, and the seeds built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api, contest
from kg.corpus import document_from_text
from kg.records import Attribution, Claim, Concept, Contest, DocumentExtraction, Extraction, Span

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def make_sample_extraction() -> Extraction:
    """Two tiny documents whose records are written by hand: a claim, its rebuttal, a contradiction."""
    t1 = "Every manager is a leader. Leaders rely on charisma.\nBut you said every manager is a leader. Not every manager is a leader."
    d1 = document_from_text("thread.txt", t1)
    t2 = "Some managers are not leaders. Managers do not focus on people."
    d2 = document_from_text("essay.txt", t2)
    c1 = Claim("thread.txt", _span(t1, "Every manager is a leader."), "manager", "is_a", "leader", "all", "positive", None, "Ann")
    c2 = Claim("thread.txt", _span(t1, "Not every manager is a leader."), "manager", "is_a", "leader", "some", "negative", None, "Bob", ("Ann",))
    c3 = Claim("essay.txt", _span(t2, "Some managers are not leaders."), "manager", "is_a", "leader", "some", "negative", None, None)
    c4 = Claim("essay.txt", _span(t2, "Managers do not focus on people."), "manager", "focuses_on", "people", "generic", "negative", None, None)
    concepts1 = (
        Concept("manager", "role", (_span(t1, "manager"),)),
        Concept("leader", "role", (_span(t1, "leader"),)),
        Concept("charisma", "trait", (_span(t1, "charisma"),)),
    )
    concepts2 = (
        Concept("manager", "role", (_span(t2, "managers"),)),
        Concept("leader", "role", (_span(t2, "leaders"),)),
        Concept("people", "focus", (_span(t2, "people"),)),
    )
    att1 = (Attribution("leader", "has_trait", "charisma", "positive", _span(t1, "Leaders rely on charisma.")),)
    att2 = (Attribution("manager", "focuses_on", "people", "negative", _span(t2, "Managers do not focus on people.")),)
    rebuttal = Contest(c1.key, c2.key, "rebuttal", "reply-disagrees", _span(t1, "But you said every manager is a leader."), False)
    docs = (
        DocumentExtraction(d1, concepts1, att1, (c1, c2), (rebuttal,)),
        DocumentExtraction(d2, concepts2, att2, (c3, c4)),
    )
    contests = [rebuttal, Contest(c1.key, c3.key, "contradiction", "all-vs-some-not", c3.evidence, True)]
    standings = contest.grounded_standings([c1, c2, c3, c4], contests)
    return Extraction(docs, tuple(contests), tuple(standings))


@pytest.fixture
def sample_extraction() -> Extraction:
    return make_sample_extraction()


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory) -> tuple[Path, api.KnowledgeGraph]:
    """``kg build seeds --out TMP`` once per test session: (out folder, graph)."""
    out = tmp_path_factory.mktemp("out")
    return out, api.build([SEEDS], out)
