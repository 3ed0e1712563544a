"""Documents too long to extract whole: cut into pieces at paragraph, line or sentence ends,
extracted piece by piece, with every offset still indexing the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus import document_from_text, read_document
from kg.rules import extract as whole
from kg.rules import extract_document
from kg.rules import pieces as pieces_module
from kg.rules.pieces import PIECE_CHARS, extract_in_pieces, pieces

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DEV = Path(__file__).resolve().parent / "dev" / "texts"


def _spans(result):
    """Every span the records hold, with the text they claim to cover."""
    spans = [c.evidence for c in result.claims] + [a.evidence for a in result.attributions]
    spans += [m for concept in result.concepts for m in concept.mentions]
    spans += [p.span for p in result.document.posts]
    spans += [s.header for s in result.document.sections] + [s.body for s in result.document.sections]
    spans += [r.evidence for r in result.rebuttals]
    return spans


def _assert_offsets_exact(result, text: str) -> None:
    spans = _spans(result)
    assert spans
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


# ------------------------------------------------------------------------------------ cutting


def test_pieces_cover_the_text_in_order_within_the_limit():
    text = "".join(p.read_text(encoding="utf-8") + "\n" for p in sorted(DEV.glob("*.txt")))
    ranges = list(pieces(text, 2000))
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a < b <= a + 2000 for a, b in ranges)
    assert all(prev[1] == nxt[0] for prev, nxt in zip(ranges, ranges[1:]))


def test_pieces_end_at_a_paragraph_break_when_there_is_one():
    paragraph = "Managers plan budgets and staff.\nLeaders set a direction.\n\n"
    text = paragraph * 100
    for start, end in list(pieces(text, 1000))[:-1]:
        assert text[start:end].endswith("\n\n")


def test_a_single_line_is_cut_after_a_sentence():
    text = "Every manager is a leader. Leaders inspire people! " * 200
    ranges = list(pieces(text, 1000))
    assert len(ranges) > 1
    for start, end in ranges[:-1]:
        assert text[start:end].rstrip().endswith((".", "!"))
        assert text[end].isupper()


def test_text_without_white_space_is_cut_hard_but_never_inside_crlf():
    text = "x" * 999 + "\r\n" + "y" * 3000
    ranges = list(pieces(text, 1000))
    assert ranges[0] == (0, 999)  # not between "\r" and "\n"
    assert "".join(text[a:b] for a, b in ranges) == text
    assert all(b - a <= 1000 for a, b in ranges)


def test_empty_and_short_texts_are_one_piece():
    assert list(pieces("", 10)) == [(0, 0)]
    assert list(pieces("Managers plan.", 100)) == [(0, 14)]


# --------------------------------------------------------------------------------- extraction


def test_a_document_within_the_limit_is_extracted_whole():
    document = read_document(SEEDS / "000_b06b74fee8466084.txt")
    assert len(document.text) < PIECE_CHARS
    assert extract_document(document) == whole.extract_document(document)


def test_pieces_keep_every_offset_exact_in_the_whole_text():
    text = "".join(p.read_text(encoding="utf-8") + "\n\n" for p in sorted(DEV.glob("*.txt"))[:6])
    document = document_from_text("joined.txt", text)
    result = extract_in_pieces(document, whole.extract_document, limit=3000)
    assert len(list(pieces(text, 3000))) > 3
    assert result.document.text == text
    _assert_offsets_exact(result, text)
    keys = {c.key for c in result.claims}
    assert len(keys) == len(result.claims)
    for rebuttal in result.rebuttals:
        assert rebuttal.target in keys and rebuttal.attacker in keys


def test_independent_paragraphs_give_the_same_claims_whole_or_in_pieces():
    first = "Every manager is a leader. Managers focus on budgets.\n\n"
    second = "Leaders do not need authority. Good leaders listen to their team.\n\n"
    text = first + second
    document = document_from_text("two.txt", text)
    limit = max(len(first), len(second)) + 5
    in_pieces = extract_in_pieces(document, whole.extract_document, limit=limit)
    assert list(pieces(text, limit)) == [(0, len(first)), (len(first), len(text))]
    alone = [c for c in whole.extract_document(document_from_text("two.txt", first)).claims]
    alone += [c for c in whole.extract_document(document_from_text("two.txt", second)).claims]
    assert [(c.evidence.text, c.subject, c.relation, c.object, c.polarity) for c in in_pieces.claims] == [
        (c.evidence.text, c.subject, c.relation, c.object, c.polarity) for c in alone
    ]
    assert [c.evidence.start for c in in_pieces.claims][-1] >= len(first)
    _assert_offsets_exact(in_pieces, text)


def test_concepts_named_in_several_pieces_are_one_concept_with_all_mentions():
    text = "Managers plan budgets.\n\n" * 40
    document = document_from_text("many.txt", text)
    result = extract_in_pieces(document, whole.extract_document, limit=200)
    labels = [c.label for c in result.concepts]
    assert len(labels) == len(set(labels))
    manager = next(c for c in result.concepts if c.label == "manager")
    assert len(manager.mentions) == 40
    assert [m.start for m in manager.mentions] == sorted(m.start for m in manager.mentions)


def test_a_long_single_line_document_is_extracted_in_pieces(monkeypatch):
    monkeypatch.setattr(pieces_module, "PIECE_CHARS", 20_000)  # the same path as 256k, in less time
    sentence = "Every manager is a leader. Leaders do not plan budgets. "
    text = sentence * (60_000 // len(sentence))  # three pieces, one line
    result = extract_document(document_from_text("line.txt", text))
    assert "\n" not in text and len(list(pieces(text))) == 3
    assert len(result.claims) >= 2 * (60_000 // len(sentence)) - 2
    _assert_offsets_exact(result, text)


@pytest.mark.parametrize(
    "unit", ["\n", " \r\n", "a", ".", "•\n", "a: b ", "> quote\n", "Ann Lee:\n", "you said that "],
)
def test_degenerate_long_documents_are_extracted_without_a_crash(monkeypatch, unit):
    monkeypatch.setattr(pieces_module, "PIECE_CHARS", 5_000)
    text = unit * (16_000 // len(unit))
    result = extract_document(document_from_text("odd.txt", text))
    assert result.document.text == text
    if result.claims or result.concepts:
        _assert_offsets_exact(result, text)
