"""The rules' fast paths give what the plain scans they replace give (indexes, prefilters, array reads)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacy.attrs import LEMMA, ORTH, SENT_START

from kg.nlp import MAX_SENTENCE_TOKENS, _BREAK, _MARKS, _learn_marks, columns_of, pipeline, sentences_of, token_offsets
from kg.records import Span
from kg.rules.clauses import Tokens
from kg.rules.concepts import lexicon_mentions
from kg.rules.cues import Lemmas, PhraseSet, cues
from kg.rules.discourse import _ADDRESSEE_AT_END, _may_end_with_name, _merge_anonymous, thread_posts
from kg.rules.extract import _modifier_before, _modifier_pattern

DEV_TEXTS = sorted((Path(__file__).resolve().parent / "dev" / "texts").glob("*.txt"))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def every_cue_set() -> list[PhraseSet]:
    grammar = cues()
    found = []
    for name in grammar.__dataclass_fields__:
        value = getattr(grammar, name)
        if isinstance(value, PhraseSet):
            found.append(value)
        elif isinstance(value, dict):
            found.extend(v for v in value.values() if isinstance(v, PhraseSet))
    return found


def cue_lemmas() -> list[str]:
    """Every lemma of every cue phrase, and a few that none holds."""
    words = {lemma for phrase_set in every_cue_set() for phrases in phrase_set.by_first.values() for p in phrases for lemma in p}
    return sorted(words) + ["manager", "leader", ".", ","]


@FAST
@given(st.lists(st.sampled_from(cue_lemmas()), max_size=40), st.data())
def test_indexed_cue_matching_equals_the_scan(lemmas, data):
    """Over a ``Lemmas`` (its index filled for all sets in one pass) match, find, first and starts_in
    answer as over a plain list, where each phrase is compared at each position."""
    indexed = Lemmas(lemmas)
    n = len(lemmas)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    for phrase_set in every_cue_set():
        assert [phrase_set.match(indexed, i, end) for i in range(n)] == [phrase_set.match(lemmas, i, end) for i in range(n)]
        assert phrase_set.find(indexed, start, end) == phrase_set.find(lemmas, start, end)
        assert phrase_set.first(indexed, start, end, n) == phrase_set.first(lemmas, start, end, n)
        assert phrase_set.starts_in(indexed, start, end) == phrase_set.starts_in(lemmas, start, end)


def test_one_lemma_phrases_are_the_set_members():
    for phrase_set in every_cue_set():
        singles = {p[0] for phrases in phrase_set.by_first.values() for p in phrases if len(p) == 1}
        assert set(phrase_set) == singles
        for lemma in singles:
            assert phrase_set.match([lemma], 0, 1) == 1


modifier_text = st.one_of(
    st.text(alphabet="ab-Ac \t\n.,_1ſıKé" + "quarterly project team", max_size=70),
    # listed phrases with a space ("long term") start before the word the mention follows
    st.lists(st.sampled_from(["long term", "Short Term", "long", "term", "-", "ſ", " ", " ", "\t", "\n"]), max_size=20).map("".join),
)


@FAST
@given(modifier_text)
def test_modifier_search_starting_late_finds_what_the_window_search_finds(text):
    for start in range(len(text) + 1):
        for pattern in (_modifier_pattern(), _modifier_pattern("role_modifiers")):
            plain = pattern.search(text, max(0, start - 40), start)
            fast = _modifier_before(pattern, text, start)
            assert (fast.span() if fast else None) == (plain.span() if plain else None)


def test_modifier_search_on_written_cases():
    pattern = _modifier_pattern("role_modifiers")
    text = "Our project manager and a long-term\nmanager and a regional  \t manager"
    for word in ("manager",):
        for m in re.finditer(word, text):
            plain = pattern.search(text, max(0, m.start() - 40), m.start())
            fast = _modifier_before(pattern, text, m.start())
            assert (fast.start() if fast else None) == (plain.start() if plain else None)
    assert _modifier_before(pattern, text, text.index("manager")).group(0) == "project "


def test_modifier_search_finds_listed_phrases_that_start_before_the_last_word():
    pattern = _modifier_pattern()
    text = "a long term strategy, a Short  Term\nplan, long-term vision, a term view, the long\tterm goal"
    for word in ("strategy", "plan", "vision", "view", "goal"):
        start = text.index(word)
        plain = pattern.search(text, max(0, start - 40), start)
        fast = _modifier_before(pattern, text, start)
        assert (fast.span() if fast else None) == (plain.span() if plain else None)
    assert _modifier_before(pattern, text, text.index("strategy")).group(0) == "long term "
    assert _modifier_before(pattern, text, text.index("plan")) is None  # (a line break is no blank)
    assert _modifier_before(pattern, text, text.index("view")) is None


@FAST
@given(st.text(alphabet="Ann Lee@bo,;?!. \tx\nK", max_size=40))
def test_a_line_that_cannot_end_with_a_name_has_no_addressee_at_its_end(text):
    if not _may_end_with_name(text):
        assert _ADDRESSEE_AT_END.search(text) is None


def reference_sentence_starts(doc, text: str) -> list[int]:
    """The per-token scans that ``kg.nlp.sentences`` replaced: the rule as first written."""
    from bisect import bisect_right

    orths = [t.orth for t in doc]
    starts = token_offsets(doc)  # (offsets in the text: a Doc without runs of spaces has a text of its own)
    marks = [_MARKS.get(orth) or _learn_marks(doc, orth) for orth in orths]
    n = len(doc)
    flags = [-1] * n
    flags[0] = 1
    seen_end = False
    for i, (ends, punct, _bullet, _space) in enumerate(marks):
        if seen_end and not punct and not ends:
            flags[i] = 1
            seen_end = False
        elif ends:
            seen_end = True
    for match in _BREAK.finditer(text, 0, len(text.rstrip()) + 1):
        at = match.start(1) if match.group(1) else match.start(2)
        i = bisect_right(starts, at) - 1
        if i <= 0:
            continue
        flags[i] = 1
        if marks[i][2] and i + 1 < n and not marks[i + 1][3]:
            flags[i + 1] = -1
    since = 0
    for i in range(n):
        since = 0 if flags[i] == 1 else since + 1
        if since == MAX_SENTENCE_TOKENS:
            flags[i], since = 1, 0
    return [i for i, flag in enumerate(flags) if flag == 1]


sentence_text = st.lists(
    st.sampled_from(["Managers", "lead", "plan", ".", "!", "?", "...", ")", '"', "•", "-", ":", "\n", "\n\n", " ", "1."]),
    max_size=700,
).map(" ".join)


@FAST
@given(sentence_text)
def test_sentence_starts_equal_the_per_token_scan(text):
    doc = pipeline()(text)
    if len(doc):
        assert [s.start for s in doc.sents] == reference_sentence_starts(doc, text)


def test_long_runs_without_an_end_are_cut_as_before():
    text = "managers plan " * 600 + ". Leaders lead.\n" + "word " * 300
    doc = pipeline()(text)
    assert [s.start for s in doc.sents] == reference_sentence_starts(doc, text)
    assert [s.start for s in sentences_of(doc, text)] == [s.start for s in doc.sents]  # (from the kept columns)


@FAST
@given(sentence_text)
def test_sentences_of_equals_doc_sents(text):
    doc = pipeline()(text)
    at = token_offsets(doc)  # (the text as written: runs of spaces are no tokens)
    expected = [(s.start, s.end, at[s.start], text[at[s.start] : at[s.end - 1] + len(doc[s.end - 1])]) for s in doc.sents]
    assert [tuple(s) for s in sentences_of(doc, text)] == expected


def test_sentences_of_equals_doc_sents_on_the_dev_texts():
    """The same sentences as ``doc.sents``, cut from the text as written (a Doc without markdown's
    emphasis marks has a text of its own: its tokens keep their offsets in the document's)."""
    for path in DEV_TEXTS:
        text = path.read_text(encoding="utf-8")
        doc = pipeline()(text)
        at = token_offsets(doc)
        expected = [(s.start, s.end, at[s.start], text[at[s.start] : at[s.end - 1] + len(doc[s.end - 1])]) for s in doc.sents]
        assert [tuple(s) for s in sentences_of(doc, text)] == expected


def test_markdown_emphasis_leaves_the_doc_and_its_tokens_keep_their_offsets():
    text = "## Traits\n\n**Managers** plan; _leaders_ point.\n* Bullets stay, and so does snake_case or 2*3.\n"
    doc = pipeline()(text)
    words = [t.text for t in doc]
    assert "**" not in words and "_" not in words and "*" in words and "snake_case" in words
    assert all(text[a : a + len(t)] == t.text for a, t in zip(token_offsets(doc), doc, strict=True))
    assert token_offsets(pipeline()("Managers plan.")) == [0, 9, 13]


@FAST
@given(sentence_text)
def test_the_pipelines_columns_are_the_docs_arrays(text):
    """What the pipeline keeps of the Doc it made (read again by Tokens and sentences_of) is what the
    Doc holds after the last component ran; a Doc made without it keeps none."""
    doc = pipeline()(text)
    columns = columns_of(doc)
    if not len(doc):
        assert not columns.get("idx")
        return
    orths, lemma_ids = doc.to_array([ORTH, LEMMA]).T.tolist()
    starts = doc.to_array([SENT_START]).astype("int64").ravel().tolist()  # (-1 is stored as an unsigned number)
    assert columns == {"orths": orths, "lemma_ids": lemma_ids, "idx": token_offsets(doc), "flags": starts}
    assert all(text[a : a + len(t)] == t.text for a, t in zip(token_offsets(doc), doc, strict=True))
    assert columns_of(pipeline().make_doc(text)) == {}


def test_tokens_from_a_doc_without_the_pipelines_columns_read_the_arrays():
    text = "Managers plan budgets. Leaders, however, inspire people!"
    bare = pipeline().make_doc(text)
    for component in ("kg_lemmas", "kg_sentences"):
        bare = pipeline().get_pipe(component)(bare)
    bare.user_data.clear()  # (as a Doc made elsewhere: the columns are read from the Doc itself)
    doc = pipeline()(text)
    plain, kept = Tokens(bare, lexicon_mentions(bare)), Tokens(doc, lexicon_mentions(doc))
    assert (plain.idx, plain.lemmas, plain.lower) == (kept.idx, kept.lemmas, kept.lower)
    assert sentences_of(bare, text) == sentences_of(doc, text)
    assert [s.text for s in sentences_of(doc, text)] == ["Managers plan budgets.", "Leaders, however, inspire people!"]


def test_token_indexes_equal_scans_on_the_dev_texts():
    words = frozenset((",", "of", ";", "and"))
    for path in DEV_TEXTS:
        text = path.read_text(encoding="utf-8")
        doc = pipeline()(text)
        tok = Tokens(doc, lexicon_mentions(doc))
        tok.roles_settled()
        at = token_offsets(doc)  # (the text as written: markdown's emphasis marks are no tokens)
        n = len(doc)
        for start, end in ((0, n), (3, n // 2), (n // 3, n // 3 + 17), (5, 5)):
            assert tok.where(words, start, end) == [k for k in range(start, end) if tok.lower[k] in words]
            assert tok.where(words, start, end, "lemmas") == [k for k in range(start, end) if tok.lemmas[k] in words]
            assert tok.roles_in(start, end) == [k for k in range(start, end) if k in tok.role_at]
            assert tok.span_text(start, end) == (text[at[start] : at[end - 1] + len(doc[end - 1])] if start < end else "")
        assert [tok.span_text(k, k + 3) for k in range(n)] == [text[at[k] : at[min(n, k + 3) - 1] + len(doc[min(n, k + 3) - 1])] for k in range(n)]


def reference_merge(posts, text):
    """Joining adjacent anonymous posts one by one, as ``_merge_anonymous`` first did."""
    from dataclasses import replace

    merged = []
    for post in posts:
        prev = merged[-1] if merged else None
        question = prev is not None and prev.span.text.rstrip().endswith("?")
        if prev and prev.speaker is None and post.speaker is None and not prev.addressees and not post.addressees and not question:
            merged[-1] = replace(prev, span=Span(prev.span.start, post.span.end, text[prev.span.start : post.span.end]))
        else:
            merged.append(post)
    return merged


@st.composite
def unmerged_posts(draw):
    """One post per line, some named or addressed, as ``thread_posts`` makes them before joining."""
    from kg.records import Post

    lines = draw(st.lists(st.sampled_from(["Managers plan.", "Is every manager a leader?", "Why?  ", "No", "?"]), min_size=1, max_size=12))
    text = "\n".join(lines)
    posts, at = [], 0
    for line in lines:
        speaker = draw(st.sampled_from([None, None, "Ann"]))
        addressees = draw(st.sampled_from([(), (), ("Bob",)]))
        posts.append(Post(Span(at, at + len(line), line), speaker, addressees))
        at += len(line) + 1
    return posts, text


@FAST
@given(unmerged_posts())
def test_anonymous_posts_join_as_before(case):
    posts, text = case
    assert _merge_anonymous(posts, text) == reference_merge(posts, text)


def test_anonymous_lines_join_into_one_post_until_a_question():
    text = "Managers plan.\nLeaders inspire.\nIs that so?\nIt is.\nYes."
    assert [p.span.text for p in thread_posts(text)] == ["Managers plan.\nLeaders inspire.\nIs that so?", "It is.\nYes."]


byline_text = st.lists(
    st.sampled_from(["Ann", "Lee", "ann_k", "Dr.", "·", "|", "-", ",", "(", ")", ":", "3", "12", "May", "on", "at",
                     "votes", "Points", "LIKES", "replieſ", "upvotes", "today", "Yesterday", "just now", "h", "ago", "ı", "K"]),
    max_size=12,
).map(" ".join)


@FAST
@given(byline_text)
def test_a_line_without_a_stamp_matches_none_of_the_stamped_bylines(text):
    """``_may_be_stamped`` spares only lines where the patterns it guards cannot match."""
    from kg.rules.discourse import (
        _DATED_NAME, _NAME_AND_META, _POST_META, _REPLYING_BYLINE, _SIGNED_TAIL, _STAMPED_BYLINE, _may_be_stamped,
    )

    if _may_be_stamped(text):
        return
    assert _REPLYING_BYLINE.match(text) is None
    assert _SIGNED_TAIL.search(text) is None
    assert _STAMPED_BYLINE.match(text) is None
    assert _DATED_NAME.match(text) is None
    m = _NAME_AND_META.match(text)
    meta = m and " ".join(g for g in (m.group(2), m.group(3)) if g)
    assert not (meta and _POST_META.search(meta))


def test_stamped_bylines_are_still_found():
    from kg.rules.discourse import _byline, _common_words

    common = _common_words()
    assert _byline("Ann Lee · 3 votes", common) == "Ann Lee"
    assert _byline("kjell_r 3 hours ago | parent | next", common) == "kjell_r"
    assert _byline("Ann Lee on March 3, 2024", common) == "Ann Lee"
    assert _byline("Ann Lee (Yesterday)", common) == "Ann Lee"
    assert _byline("Managers plan the work of others", common) is None
    from kg.rules.discourse import Line, _mark

    for text, speaker, addressees in (("Nice theory. - ann_k 3 days ago", "ann_k", []), ("Ann Lee  Bob Stone · 2 h ago", "Ann Lee", ["Bob Stone"])):
        line = Line(0, len(text), text)
        _mark(line, common)
        assert (line.speaker, line.addressees) == (speaker, addressees)


def reference_cue_positions(tok, start, end, cues_):
    """Every relation's phrases searched in the range, as ``_cue_positions`` did before its index."""
    from kg.rules.clauses import relates

    found = {}
    for name, phrases in cues_.relations.items():
        for k, n in phrases.find(tok.lemmas, start, end):
            if relates(tok, k, n, end):
                found.setdefault(name, []).append(k)
    return found


def test_relation_cues_from_the_index_equal_the_search_of_every_set_on_the_dev_texts():
    from kg.rules.clauses import _cue_positions
    from kg.rules.extract import _has_lemma

    grammar = cues()
    for path in DEV_TEXTS:
        text = path.read_text(encoding="utf-8")
        doc = pipeline()(text)
        tok = Tokens(doc, lexicon_mentions(doc))
        tok.roles_settled()
        at = token_offsets(doc)  # (the text as written: markdown's emphasis marks are no tokens)
        n = len(doc)
        for start in range(0, n, 7):
            for end in (start, start + 1, start + 6, start + 19, n):
                end = min(end, n)
                assert _cue_positions(tok, start, end, grammar) == reference_cue_positions(tok, start, end, grammar)
                assert tok.concepts_in(start, end) == [k for k in range(start, end) if k in tok.concept_at]
                for lemma in ("be", "make", "manager"):
                    assert _has_lemma(tok, lemma, start, end) == (lemma in tok.lemmas[start:end])
