"""One document in, its concepts, attributions, claims and rebuttals out."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from kg.lexicon import load_grammar, load_lexicon
from kg.nlp import pipeline, plain_text_of, sentences_of
from kg.records import REPORTED, Attribution, Claim, Concept, Contest, Document, DocumentExtraction, Section, Span
from kg.rules.clauses import (
    ASIDE_CLOSERS,
    ADJECTIVE_ENDINGS,
    COMMA,
    SYMMETRIC,
    attributive,
    TYPE_RELATION,
    Found,
    Reading,
    Tokens,
    clause_starts,
    find_subject,
    one_persons_role,
    origin,
    trailing_adverb,
    answer_label,
    past_contact_clause,
    role_activity,
    report_frame,
    reporting_aside,
    is_verbish,
    skip_adverbs,
    read_predicate,
)
from kg.rules.concepts import lexicon_forms, lexicon_mentions, marked_roles
from kg.rules.cues import Cues, cues as load_cues
from kg.rules.discourse import LOOKBACK, fill_span_text, marked_lines, name_spans, quote_spans, thread_posts

QA_LABEL = re.compile(r"(?:q|a|question|answer)\d{0,3}")
FLIP_QUANTIFIER = {"all": "some", "generic": "generic", "some": "none", "none": "some"}


@dataclass
class _Section:
    start: int  # char offsets of the body
    end: int
    role: str | None
    header: Span
    header_tokens: tuple[int, int]


def find_sections(tok: Tokens, text: str, cues: Cues) -> list[_Section]:
    """Header lines ending in a colon ("Managers:", "Leadership:") and the bullet lines they scope."""
    sections: list[_Section] = []
    for i, word in enumerate(tok.text):
        if word != ":" or i == 0:
            continue
        # The header is 1-4 words after a line start, a bullet, a colon or a sentence end.
        j = i - 1
        while j > 0 and tok.text[j - 1] not in (":", ".", "•", "\n") and "\n" not in tok.text[j - 1] and i - j < 11:
            j -= 1
        words = [k for k in range(j, i) if tok.alpha[k] or tok.num[k]]
        # Four words at most, or seven that name a role ("Key skills of a good manager:", "Leaders, in
        # contrast, are expected to:").
        if not words or len(words) > 7 or (i - j > 4 and not tok.roles_in(j, i)):
            continue
        colon = tok.idx[i]
        at = _BLANKS.match(text, colon + 1).end()
        after = text[at : at + 1]  # the first character after the colon's blanks (a copy of the text's rest was quadratic)
        if not (after.startswith(("\n", "\r")) or after in "•●▪◦‣∙·*-–—" or after.isdigit() or not after):
            continue
        role = next((tok.role_at[k][1].label for k in tok.roles_in(j, i)), None)
        body_start = colon + 1
        body_end = _bullet_block_end(text, body_start)
        sections.append(_Section(body_start, body_end, role, Span(tok.idx[j], colon, text[tok.idx[j] : colon]), (j, i)))
    sections += _markdown_sections(tok, text, {s.start for s in sections})
    sections.sort(key=lambda s: s.start)
    # A header that names no role, right after one that does, in a text comparing two roles,
    # describes the other role of the pair (a mistranslated or unusual header word).
    for k, section in enumerate(sections):
        if section.role is None and k > 0 and sections[k - 1].role:
            pair = _compared_pair(tok)
            if sections[k - 1].role in pair:
                others = [r for r in pair if r != sections[k - 1].role]
                if others:
                    sections[k] = replace(section, role=others[0])
    return sections


_BLANKS = re.compile(r"[ \t]*")
HEADING = re.compile(r"^#{1,4}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def _markdown_sections(tok: Tokens, text: str, taken: set[int]) -> list[_Section]:
    """Markdown headings that name a role ("## Managers", "### What a good leader does") scope the lines
    under them, up to the next heading."""
    headings = list(HEADING.finditer(text))
    found = []
    for n, m in enumerate(headings):
        a, b = tok.token_range(m.start(1), m.end(1))
        words = [k for k in range(a, b) if tok.alpha[k]]
        roles = tok.roles_in(a, b)
        if not roles or len(words) > 7 or m.end() + 1 in taken:
            continue
        end = headings[n + 1].start() if n + 1 < len(headings) else len(text)
        found.append(_Section(m.end() + 1, end, tok.role_at[roles[0]][1].label, Span(m.start(1), m.end(1), m.group(1)), (a, b - 1)))
    return found


def _bullet_block_end(text: str, start: int) -> int:
    """End of the header's own line plus the following lines that are bullets or numbered items."""
    line_end = text.find("\n", start)
    if line_end == -1:
        return len(text)
    pos = line_end
    for match in re.finditer(r"[^\r\n]*", text[line_end + 1 :]):
        line = match.group(0)
        if not line.strip():
            if match.end() + line_end + 1 >= len(text):
                break
            continue
        if re.match(r"\s*(?:[•●▪◦‣∙·*\-–—]|\d+[.)])\s*", line):
            pos = line_end + 1 + match.end()
        else:
            break
    return pos


def _compared_pair(tok: Tokens) -> list[str]:
    counts: dict[str, int] = {}
    for _, entry in tok.role_at.values():
        counts[entry.label] = counts.get(entry.label, 0) + 1
    return [label for label, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]


def _modality(tok: Tokens, sent_start: int, start: int, end: int, cues: Cues, extra: list[str]) -> str | None:
    found: list[str] = []
    # Reported speech frames the whole sentence only when it opens it, before any role is named.
    first_role = tok.first_role_in(sent_start, end)
    for k, n in cues.reported_speech.find(tok.lemmas, sent_start, first_role):
        found.append(tok.span_text(k, k + n))
    for k, n in cues.hedges.find(tok.lemmas, start, end):
        found.append(tok.span_text(k, k + n))
    found.extend(extra)
    if not found:
        return None  # (as most claims: no hedge, no frame)
    reported = " ".join(item.lower() for item in extra if item.startswith(REPORTED))
    seen: list[str] = []
    for item in found:
        if item.lower() not in [s.lower() for s in seen] and not (item.lower() in reported and not item.startswith(REPORTED)):
            seen.append(item)
    return "; ".join(seen) if seen else None


def _span(tok: Tokens, text: str, start: int, end: int) -> Span:
    """The characters of tokens ``[start, end)`` without leading bullets or trailing space."""
    while start < end and (tok.is_punct(start) and tok.text[start] not in ('"', "“")):
        start += 1
    skip = getattr(tok, "skip", ())
    while end > start and (tok.space[end - 1] or tok.text[end - 1] in (",", ";", ":", "•", "-", "and", "but", "@") or end - 1 in skip):
        end -= 1
    if start >= end:
        return Span(0, 0, "")
    a, b = tok.idx[start], tok.idx[end - 1] + len(tok.text[end - 1])
    return Span(a, b, text[a:b])


def _has_lemma(tok: Tokens, lemma: str, start: int, end: int) -> bool:
    """True when ``lemma`` occurs in ``[start, end)`` (a bisect on the lemma's positions: rules that
    need a word such as "be" or "make" are tried on every clause, and most clauses lack it)."""
    at = tok.lemmas.positions.get(lemma)
    return at is not None and bisect_left(at, start) < bisect_left(at, end)


def extract_document(document: Document) -> DocumentExtraction:
    """Extract the records of one document (deterministic: the same text gives the same records)."""
    text = document.text
    cues = load_cues()
    doc = pipeline()(text)
    tok = Tokens(doc, lexicon_mentions(doc))
    _name_roles(tok)
    _distribute_coordination(tok)
    tok.roles_settled()
    plain = plain_text_of(doc)  # (layout is read from it; evidence is cut from the text as written)
    lines = marked_lines(plain)
    posts = fill_span_text(thread_posts(plain, lines), text)
    if len({post.speaker for post in posts if post.speaker}) == 1:
        # One named writer is a single author (an article's byline), not a thread: nobody to tell apart.
        posts = tuple(replace(post, speaker=None) for post in posts)
    sections = find_sections(tok, plain, cues)
    if plain is not text:
        for s in sections:  # (headers are cut from the text as written)
            s.header = Span(s.header.start, s.header.end, text[s.header.start : s.header.end])
    document = replace(
        document,
        posts=posts,
        sections=tuple(Section(s.header, Span(s.start, s.end, text[s.start : s.end]), s.role) for s in sections),
    )
    readings: list[tuple[Reading, object, int]] = []
    topic: dict[object, list[str]] = {}
    header_tokens = {k for s in sections for k in range(s.header_tokens[0], s.header_tokens[1] + 1)}
    for a, b in name_spans(plain, lines):
        start, end = tok.token_range(a, b)
        if start < end:
            header_tokens.update(range(start, min(end + 1, len(doc))) if b < len(text) and text[b : b + 1] == ":" else range(start, end))
    quotes = quote_spans(plain, lines)
    tables = _tables(tok, plain)
    section_starts = [s.start for s in sections]
    tok.skip = header_tokens  # names and headers never end a claim's evidence
    last_question: Reading | None = None
    follow_up: Reading | None = None  # the question the sentence before answered
    asked_about: str | None = None  # the role a "What makes a good leader?" question asks about
    for sent in sentences_of(doc, text):
        if (sent.start in header_tokens or tok.is_punct(sent.start)) and all(
            k in header_tokens or tok.is_punct(k) for k in range(sent.start, sent.end)
        ):
            continue  # (the first token decides most sentences: the scan only when it is a header's or punctuation)
        if any(a <= sent.start_char < b for a, b in quotes):
            continue
        post = document.post_at(sent.start_char)
        table = next((t for t in tables if t.start <= sent.start_char < t.end), None)
        if table is not None:
            # A comparison table ("Area | Managing | Leading"): each cell speaks of its column's role.
            readings.extend((reading, post, sent.start) for reading in table.readings)
            table.readings = []
            continue
        quoted = _quoted_reading(readings, tok, text, quotes, post, sent.start_char)
        if quoted is not None:
            topic[("quoted", post.span.start)] = quoted
        section = _section_at(sections, section_starts, sent.start_char)
        scope = (post.span.start if post else None, section.start if section else None)
        if section and section.role and scope not in topic:
            topic[scope] = [section.role]
        is_question = sent.text.rstrip().endswith("?")
        opening = sent.start
        while opening < sent.end and opening in header_tokens:
            opening += 1  # "Dr. Okafor: Not necessarily." - the speaker's label is no part of the answer
        if opening + 1 < sent.end and tok.lower[opening + 1] == ":" and QA_LABEL.fullmatch(tok.lower[opening]):
            opening += 2  # "Q1: Is every ...?" / "A: Not necessarily."
        # "Some are. Honestly, not all.": a second short answer to the same question.
        second = last_question is None and follow_up is not None and sum(tok.alpha[k] for k in range(opening, sent.end)) <= 4
        question = follow_up if second else last_question
        answered = _answer(tok, opening, sent.end, cues, question, readings) or _listed_answer(
            tok, opening, sent.end, cues, asked_about
        )
        last_question, asked_about, follow_up = None, None, None
        if answered is not None:
            if second:
                answered.start = opening  # (the second answer's evidence is its own sentence)
            readings.append((answered, post, sent.start))
            follow_up = question
            if answered.subjects and answered.subjects[0] in tok.role_labels:
                topic[scope] = list(answered.subjects)  # ("What do the leaders you admire do? - Curiosity. They ask ...")
            continue
        if is_question:
            asked = _yes_no_question(tok, _after_vocative(tok, opening, sent.end), sent.end, cues)
            if asked is not None and asked.relation and tok.where(RHETORICAL, opening, sent.end) and not (post and post.addressees):
                # "Do managers really need charisma?", "Does a title make anyone a leader?": a question
                # that expects "no" claims the opposite.
                asked.polarity = "negative" if asked.polarity == "positive" else "positive"
                asked.hedges.append("rhetorical question")
                for found in asked.concepts:
                    found.negated = not found.negated
                readings.append((asked, post, sent.start))
                continue
            if asked is not None:
                last_question = asked
                continue
            asked_about = _wh_role(tok, opening, sent.end)
        author = _author_role(tok, sent.start, sent.end)
        if author:
            topic[("author", scope[0])] = [author]
        item_pronoun = _list_item_pronoun(tok, plain, sent.start, sent.end, cues)
        if item_pronoun:
            # "1. They count hours ... 3. They never explain why": every item's "they" is the first item's.
            if ("list", scope) in topic:
                topic[scope] = topic[("list", scope)]
            elif topic.get(scope):
                topic[("list", scope)] = list(topic[scope])
        starts = clause_starts(tok, sent.start, sent.end, cues)
        bounds = list(zip(starts, starts[1:] + [sent.end]))
        pending: int | None = None  # start of a subordinate clause ("As X grows, ...") that made no claim
        before = len(readings)
        for a, b in bounds:
            if a in header_tokens:
                a = max(header_tokens & set(range(a, b))) + 1
            if a >= b:
                continue
            reading = _read_clause(tok, a, b, sent.start, cues, topic, scope, section, readings, post)
            if reading is None or reading.relation is None:
                lead = next((k for k in range(a, b) if not tok.is_punct(k)), a)
                pending = a if tok.lemmas[lead] in cues.subordinators else None
                # "X is right, and I say that as ...", "Leaders invite pushback, because they know they
                # can be wrong": a closing clause that claims nothing stays in the evidence.
                closing = len(readings) > before and readings[-1][0].end == a and b == sent.end
                if closing and (reading is None or pending is not None):
                    readings[-1][0].end = b
                if reading is None:
                    continue
            elif pending is not None:
                reading.start = pending
                pending = None
            reading.question = is_question
            judged = None  # where a judgement of the clause as false starts
            if b == sent.end:
                judged = b if _trailing_denial(tok, a, b, cues) else _denied_proposition(tok, a, b, cues, reading)
            if judged is not None:
                reading.polarity = "negative" if reading.polarity == "positive" else "positive"  # '"Leaders are born" - false'
                reading.quantifier = FLIP_QUANTIFIER.get(reading.quantifier, reading.quantifier) if reading.quantifier in ("all", "none") else reading.quantifier
                for found in reading.concepts:
                    if found.start < judged:  # ("... does not match my experience": the judgement's own words stay)
                        found.negated = not found.negated
            antecedent = _antecedent_clause(tok, a, b, cues, reading, readings[before:])
            if antecedent is not None:
                reading.start = antecedent.start  # "A PM coordinates; she does not lead.": "she" needs its antecedent
            if reading.reporter is None and len(readings) > before and (
                tok.lower[a : a + 2] == ["and", "that"] or tok.lower[a] in ("while", "whereas")
            ):
                reading.reporter = readings[-1][0].reporter  # "X says P, and that Q" / "P, while Q": X says Q too
            lead = a + 1 if tok.lower[a] == "," else a
            if len(readings) > before and tok.lower[lead + 1 : lead + 2] == ["that"] and tok.lower[lead] in ("or", "nor", "and") and readings[-1][0].framed_denial:
                # "None of this means that P, or that Q": Q is denied too.
                reading.polarity = "negative" if reading.polarity == "positive" else "positive"
                if reading.quantifier in ("all", "none"):
                    reading.quantifier = FLIP_QUANTIFIER[reading.quantifier]
                reading.hedges.append(readings[-1][0].hedges[-1])
            lead = next((k for k in range(a, b) if not tok.is_punct(k)), a)
            if tok.lower[lead] in REASONS and len(readings) > before and readings[-1][0].end >= a - 1 and b == sent.end:
                readings[-1][0].end = b  # "X is Y, full stop, because Z": the reason belongs to the claim it backs
            readings.append((reading, post, sent.start))
            contrast = _contrast(tok, reading) or _defining_mark(tok, reading, cues)
            if contrast is not None:
                readings.append((contrast, post, sent.start))
            if reading.subjects and reading.subjects[0] not in tok.role_labels and reading.subjects[0] in _lexicon_labels():
                topic[("concept", scope)] = reading.subjects[0]  # ("Charisma ... But it does not ...")
            elif reading.subjects:
                topic.pop(("concept", scope), None)
            if reading.subjects:
                # After "X and Y differ", "they" stands for both.
                both = reading.relation in SYMMETRIC and reading.object and reading.object not in reading.subjects and any(
                    tok.role_at[k][1].label == reading.object for k in tok.roles_in(reading.start, reading.end)
                )  # ("Leaders are a different story. They ...": the other role is not named, "they" are leaders)
                topic[scope] = [*reading.subjects, reading.object] if both else reading.subjects
                if reading.relation is None and len(reading.subjects) > 1 and any(
                        tok.lower[k] == "not" for k in range(reading.start, reading.end)):
                    topic[scope] = reading.subjects[:1]  # "Signs You Work for a Boss, Not a Leader": the boss is the topic
                topic[("quantifier", scope)] = reading.quantifier if reading.quantifier in ("some", "all") else "generic"
                if both and reading.object in tok.role_labels:
                    topic["compared"] = [*reading.subjects[:1], reading.object]
                recent = topic.setdefault("recent", [])
                named = [*topic[scope], *([reading.object] if reading.object in tok.role_labels else [])]
                for role in named:
                    if role in recent:
                        recent.remove(role)
                    recent.append(role)
        if len(readings) == before:
            # A sentence that claims nothing ("What do these leaders do all day?") still makes the
            # role it names the one that "they" in the next sentence stands for.
            named = [tok.role_at[k][1].label for k in tok.roles_in(sent.start, sent.end) if k not in header_tokens]
            if named:
                topic[scope] = named[:1]
            said = None if is_question else _said_in_passing(tok, opening, sent.end, cues, header_tokens, topic.get(scope))
            if said is not None:
                readings.append((said, post, sent.start))
    return _records(document, tok, text, readings, sections, cues, quotes)


@cache
def _lexicon_labels() -> frozenset[str]:
    return frozenset(e.label for e in load_lexicon().entries if e.type != "role")


def _negated_in(tok: Tokens, positions, cues: Cues) -> bool:
    """A negator ("not", "never", "n't", ...) at one of ``positions``."""
    return any(cues.negators.match(tok.lemmas, k, k + 1) or tok.lower[k] == "n't" for k in positions)


def _said_in_passing(tok: Tokens, a: int, b: int, cues: Cues, header_tokens, topic_roles) -> Reading | None:
    """A sentence no rule reads that names a role and a quality of the lexicon still says something
    of the role about that quality: kept as related_to, the weakest claim, denied when a negation
    stands between the two. Without a role, two qualities named together ("What she had was
    credibility and patience") are said of the role the passage is about."""
    if sum(tok.alpha[a:b]) < 5:
        return None
    role = next((k for k in tok.roles_in(a, b) if k not in header_tokens), None)
    if role is None:
        at = {}
        for k in tok.concepts_in(a, b):
            at.setdefault(tok.concept_at[k][1].label, k)
        labels = list(at)
        if len(labels) < 2 or labels[0] in _grammar_words("incidental_concepts"):
            return None  # ("people", "change" are what a sentence is about only where it says so)
        (first, k), (second, m) = list(at.items())[:2]
        listed = all(tok.lower[j] in (",", "and", "or") or tok.lemmas[j] in cues.determiners for j in range(tok.concept_at[k][0], m))
        after = tok.concept_at[k][0]
        opens = after < b and (tok.lemmas[after] in cues.auxiliaries or is_verbish(tok, after, cues))
        if topic_roles and topic_roles[0] in tok.role_labels and (listed or not opens):
            # ("Authority does not make anyone wiser": the first quality is the subject itself)
            negated = _negated_in(tok, range(a, k), cues)
            said = Reading(a, b, [topic_roles[0]], polarity="negative" if negated else "positive", relation="related_to",
                           object=first, object_is_concept=True, in_passing=True)
            said.concepts = [Found(j, tok.concept_at[j][0], tok.concept_at[j][1].label, tok.concept_at[j][1].type, True, negated)
                             for j in tok.concepts_in(a, b)]
            return said
    else:
        first, k = tok.role_at[role][1].label, role
        m = next(iter(tok.concepts_in(a, b)), None)
        if m is None:
            m = next((j for j in tok.roles_in(role + 1, b) if tok.role_at[j][1].label != first), None)
        if m is None:
            return None
        second = (tok.concept_at.get(m) or tok.role_at[m])[1].label
    negated = _negated_in(tok, range(min(k, m), max(k, m)), cues)
    return Reading(a, b, [first], polarity="negative" if negated else "positive", relation="related_to",
                   object=second, object_is_concept=True, in_passing=True)


@dataclass
class _Table:
    start: int  # characters
    end: int
    readings: list


_CELL_SPLIT = re.compile(r"\s*\|\s*")
_RULE_ROW = re.compile(r"^[\s|:+\-=–—]+$")
_ITEM_SPLIT = re.compile(r",\s*|;\s*|\s+and\s+|\s*/\s*")


def _tables(tok: Tokens, text: str) -> list[_Table]:
    """Comparison tables written as text: rows of cells between "|", a header row naming a role (or
    its activity, "Managing") over some columns. Each body cell is a claim about its column's role, its
    items (split at commas and "and") concepts of it."""
    tables = []
    rows: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        if rows and "\n" in text[rows[-1][1] + 1 : match.start()]:
            if len(rows) >= 3:  # a blank line ends a table
                tables.append(_table(tok, text, rows))
            rows = []
        if line.count("|") >= 1 and len([c for c in _CELL_SPLIT.split(line.strip().strip("|")) if c.strip()]) >= 2 or (rows and _RULE_ROW.match(line)):
            rows.append((match.start(), match.end()))
            continue
        if len(rows) >= 3:
            tables.append(_table(tok, text, rows))
        rows = []
    if len(rows) >= 3:
        tables.append(_table(tok, text, rows))
    return [t for t in tables if t is not None]


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of a row's cells (without the spaces around them)."""
    spans, at = [], start
    for piece in re.split(r"(\|)", text[start:end]):
        if piece != "|":
            stripped = piece.strip()
            if stripped:
                lead = piece.index(stripped)
                spans.append((at + lead, at + lead + len(stripped)))
            else:
                spans.append(None)
        at += len(piece)
    while spans and spans[0] is None:
        spans.pop(0)
    while spans and spans[-1] is None:
        spans.pop()
    return spans


def _column_role(tok: Tokens, span) -> str | None:
    if span is None:
        return None
    a, b = tok.token_range(*span)
    for k in range(a, b):
        if k in tok.role_at:
            return tok.role_at[k][1].label
        role = load_grammar()["role_verbs"].get(tok.lemmas[k])
        if role is not None:
            return role  # "Managing", "Leading"
    return None


def _table(tok: Tokens, text: str, rows: list[tuple[int, int]]) -> _Table | None:
    body = [r for r in rows if not _RULE_ROW.match(text[r[0] : r[1]])]
    if len(body) < 2:
        return None
    header = _cells(text, *body[0])
    roles = [_column_role(tok, cell) for cell in header]
    if sum(1 for r in roles if r) < 1:
        return None
    readings = []
    for row in body[1:]:
        cells = _cells(text, *row)
        if len(cells) != len(header):
            continue
        for cell, role in zip(cells, roles):
            if cell is None or role is None:
                continue
            reading = _cell_reading(tok, text, cell, role)
            if reading is not None:
                readings.append(reading)
    return _Table(rows[0][0], rows[-1][1], readings) if readings else None


def _cell_reading(tok: Tokens, text: str, cell: tuple[int, int], role: str) -> Reading | None:
    a, b = tok.token_range(*cell)
    if a >= b:
        return None
    concepts = []
    at = cell[0]
    for piece in _ITEM_SPLIT.split(text[cell[0] : cell[1]]):
        start = text.index(piece, at) if piece else at
        at = start + len(piece)
        i, j = tok.token_range(start, start + len(piece))
        while i < j and (tok.lemmas[i] in ("the", "a", "an", "their", "its") or not tok.alpha[i]):
            i += 1
        if i >= j:
            continue
        if i in tok.concept_at:
            end, entry = tok.concept_at[i]
            concepts.append(Found(i, min(end, j), entry.label, entry.type, True))
        else:
            words = [tok.lower[k] for k in range(i, j) if tok.alpha[k]]
            if words and len(words) <= 4:
                concepts.append(Found(i, j, " ".join(words), "focus", False))
    if not concepts:
        return None
    first = concepts[0]
    return Reading(a, b, [role], relation=TYPE_RELATION[first.type], object=first.label, object_is_concept=True, concepts=concepts)


def _section_at(sections: list[_Section], starts: list[int], offset: int) -> _Section | None:
    i = bisect_right(starts, offset) - 1
    return sections[i] if i >= 0 and offset < sections[i].end else None




def _read_clause(tok, a, b, sent_start, cues, topic, scope, section, readings, post) -> Reading | None:
    lem = tok.lemmas
    frame = _that_frame(tok, a, b)
    if frame is not None:
        # "The point is that P", "The truth is that P": the writer claims P.
        inner = _read_clause(tok, frame, b, sent_start, cues, topic, scope, section, readings, post)
        if inner is not None:
            inner.start = a
        return inner
    label = _view_label(tok, a, b, cues)
    if label is not None:
        # "Myth: leadership is a gift": a view put up to be answered, not the writer's claim.
        start, words = label
        inner = _read_clause(tok, start, b, sent_start, cues, topic, scope, section, readings, post)
        if inner is not None and inner.relation and inner.reporter is None:
            inner.reporter = words
        return inner
    # "..., they don't." denies the clause before it.
    i = a
    while i < b and (tok.is_punct(i) or tok.lower[i] in (",", "but", "and")):
        i += 1
    if i < b and lem[i] in cues.pronouns:
        n = cues.ellipsis_negation.match(lem, i + 1, b) or cues.ellipsis_negation.match(tok.lower, i + 1, b)
        rest = i + 1 + n
        previous = readings[-1][0] if readings else None
        # "Leadership can't be taught." - "It can, partly.": the bare auxiliary affirms what was denied.
        affirms = not n and previous is not None and previous.polarity == "negative" and previous.start < sent_start and (
            i + 1 < b and lem[i + 1] in cues.auxiliaries
        ) and (
            all(tok.is_punct(k) or tok.lower[k] in ("partly", "too", "sometimes", "though", "actually") for k in range(i + 2, b))
            or _repeats_predicate(tok, i + 2, b, previous)  # "It can be taught, at least in part."
        )
        if (n and all(tok.is_punct(k) for k in range(rest, b)) or affirms) and previous is not None:
            flipped = "negative" if previous.polarity == "positive" else "positive"
            if previous.start >= sent_start:
                previous.polarity = flipped
                previous.end = b
                return None
            # "They do not." as a sentence of its own: a claim of its own, the previous one denied.
            relation = "same_as" if previous.relation == "interchangeable_with" else previous.relation
            return Reading(
                a, b, list(previous.subjects), quantifier=previous.quantifier, polarity=flipped,
                relation=relation, object=previous.object, object_is_concept=previous.object_is_concept,
                denies=previous if previous.relation else None, verdict=True,
            )
    found = cues.denying_frames.first(tok.lemmas, a, min(b, a + 12), b)
    if found is not None:
        # "It is wrong to say that P", "I disagree that every X is Y": P, denied.
        k, n = found
        frame = k + n
        start = frame + 1 if frame < b and tok.lower[frame] == "that" else frame
        inner = _read_clause(tok, start, b, sent_start, cues, topic, scope, section, readings, post)
        if inner is not None and inner.relation:
            inner.start = a
            inner.polarity = "negative" if inner.polarity == "positive" else "positive"
            inner.quantifier = FLIP_QUANTIFIER.get(inner.quantifier, inner.quantifier) if inner.quantifier in ("all", "none") else inner.quantifier
            inner.hedges.append(tok.span_text(k, frame))
            inner.framed_denial = True
            return inner
    if _disclaimed(tok, a, b, cues):
        return None  # "I am not saying P": the writer does not claim P
    stance = _short_stance(tok, a, b, cues) if readings else None
    if stance is not None:
        named = {tok.text[k] for k in range(a, b) if tok.alpha[k] and tok.text[k][:1].isupper()}
        # A reply that quotes a line answers the quoted claim; "Your trainer is right" answers what
        # the trainer was reported to say; else the claim a name points to.
        target = (
            topic.get(("quoted", scope[0]))
            or _reported_by(readings, {tok.lower[k] for k in range(a, b) if tok.alpha[k] and not tok.stop[k]})
            or _proposition_on_table(readings, post, tok, named)
        )
        if target is not None and stance == "qualify":
            last = readings[-1][0]
            if last.verdict and (last.denies is target or last is target) and last.end >= _previous_end(tok, a):
                last.end = b  # "Sometimes. Often not.": one verdict in two sentences
                return None
            # "Sometimes.", "Not always.", "Rarely true.": the claim holds of some at most.
            return Reading(
                a, b, list(target.subjects), quantifier="some", polarity="negative" if target.polarity == "positive" else "positive",
                relation=target.relation, object=target.object, object_is_concept=target.object_is_concept,
                denies=target, verdict=True,
            )
        if target is not None:
            denied = stance == "deny"
            return Reading(
                a, b, list(target.subjects),
                quantifier=FLIP_QUANTIFIER[target.quantifier] if denied and target.quantifier in ("all", "none") else target.quantifier,
                polarity=("negative" if target.polarity == "positive" else "positive") if denied else target.polarity,
                relation=target.relation, object=target.object, object_is_concept=target.object_is_concept,
                denies=target if denied else None, verdict=True,
            )
    # "you said that P" inside a reply: P is the addressee's claim, reported.
    reported = _reported_clause(tok, a, b, cues)
    if reported is not None:
        r_start, r_end = reported
        inner = find_subject(tok, r_start, r_end, cues)
        if inner:
            roles, p, quantifier, negated_universal, possessor, _ = inner
            reading = Reading(a, b, roles, quantifier=quantifier, possessor=possessor)
            reading.end = r_end
            read_predicate(tok, reading, p, cues)
            reading.end = b
            if negated_universal:
                reading.polarity = "negative"
            reading.reported = (r_start, r_end)
            return reading if reading.relation else None
    judged = _distinction_judged(tok, a, b, cues)
    if judged is not None:
        return judged
    inverted = _job_of(tok, a, b, cues) or _inverted(tok, a, b, cues) or _met_some(tok, a, b, cues)
    if inverted is not None:
        return inverted
    cleft = _cleft(tok, a, b, cues) or _quality_and_role_compared(tok, a, b, cues)
    if cleft is not None:
        return cleft
    needed = _role_needed(tok, a, b, cues) or _confused_with(tok, a, b)
    if needed is not None:
        return needed
    found = find_subject(tok, a, b, cues)
    if found and found[2] == "generic" and any(k in tok.named_people for k in range(found[5], found[1])):
        found = (found[0], found[1], "some", *found[3:])  # "Vance set targets": one manager, not all
    if found and section and section.role and not _predicate_follows(tok, found[1], b, cues):
        found = None  # "Coach people ..." under "Leaders:": the header's role is the subject
    prefix_start = None
    reporter = None
    if found:
        roles, p, quantifier, negated_universal, possessor, prefix_start = found
        p = past_contact_clause(tok, p, b, cues)  # ("the leaders I have worked with had ...")
        reporter = _third_party_frame(tok, a, prefix_start, cues, b)
        aside = _reporting_aside(tok, p, b, cues)
        if aside is not None:
            p, reporter = aside[0], aside[1] or reporter or ""  # "Managers, critics say, merely keep the lights on"
        owner = topic.get(scope) or []
        if possessor is None and tok.lemmas[prefix_start] in ("their", "his", "her") and owner[:1] != roles[:1]:
            possessor = owner[0] if len(owner) == 1 else None  # "Their staff obeyed them": the staff of the role just spoken of
    elif (free := _free_subject(tok, a, b, cues)) is not None:
        return free
    else:
        roles, p, quantifier, negated_universal, possessor = _implicit_subject(tok, a, b, cues, topic, scope, section)
        if not roles:
            return (
                _imperative_role(tok, a, b, cues)
                or _made_into(tok, a, b, cues)
                or _people_follow(tok, a, b, cues, topic, scope)
                or _group_needs_role(tok, a, b, cues)
                or _needed_to_be_role(tok, a, b, cues)
                or _subjectless(tok, a, b, cues, topic, scope)
                or _role_anywhere(tok, a, b, cues)
                or _concept_copula(tok, a, b, cues)
                or _concept_acts(tok, a, b, cues)
                or _concept_acts(tok, a, b, cues, it=topic.get(("concept", scope)))
            )
    reading = Reading(a, b, list(roles), quantifier=quantifier, possessor=possessor, reporter=_parenthetical_report(tok, max(sent_start, a - 6), b, cues) if reporter is None else reporter or None)
    read_predicate(tok, reading, p, cues, prefix_start)
    _by_means_of(tok, reading)
    _both_roles(tok, reading, p)
    _ranked(tok, reading, p, cues)
    _coordinated_objects(tok, reading, p, cues)
    if negated_universal:
        reading.polarity = "negative"
        for found in reading.concepts:
            found.negated = not found.negated  # "Few managers inspire their teams": not had by all
    if reading.relation is None and section is not None and section.role and roles == [section.role]:
        item = _bare_item(tok, p, b, cues, section)
        if item is not None:
            # "Key skills of a manager:" over "- stakeholder mapping": the item names the role's concept.
            reading.concepts.append(item)
            reading.relation, reading.object, reading.object_is_concept = TYPE_RELATION[item.type], item.label, True
            return reading
    if reading.relation is None:
        reading = _said_of(tok, reading, p, cues) if roles else None
        if reading is not None and reading.relation == "related_to" and readings:
            _object_pronoun(tok, reading, p, readings[-1][0], cues)
        return _former_role(tok, reading, p) if reading is not None else None
    if reading.relation == "is_a":
        _former_role(tok, reading, p)
        _different_kind(tok, reading, p)
    if reading.relation == "is_a" and reading.object_is_concept:
        # "the managers are the leaders": a definite plural names the same people - identity.
        at = next((k for k in tok.roles_in(p, reading.end) if tok.role_at[k][1].label == reading.object), None)
        if at is not None and tok.lower[at - 1] == "the" and tok.lower[tok.role_at[at][0] - 1].endswith("s"):
            reading.relation = "same_as"
    return reading


def _different_kind(tok: Tokens, reading: Reading, p: int) -> None:
    """ "Leaders are a different story", "Leadership is another matter": the role differs from the
    other role the text compares it with."""
    if reading.object_is_concept:
        return
    kinds = _grammar_words("different_kinds")
    for k in range(p, min(reading.end - 1, p + 6)):
        if tok.lemmas[k] in ("different", "another", "separate", "distinct") and any(
            tok.lemmas[m] in kinds for m in range(k + 1, min(reading.end, k + 3))
        ):
            others = [r for r in _compared_pair(tok) if r not in reading.subjects]
            if len(others) == 1 and len(reading.subjects) == 1:
                reading.relation, reading.object, reading.object_is_concept = "differs_from", others[0], True
            return


NP_STOPS = ("that", "which", "who", "because", "if", "when", "while", "but", "and", "or", "so", "than", "as", "whether")


def _phrase(tok: Tokens, start: int, end: int) -> tuple[str, int] | None:
    """A short noun phrase at ``start``: a lexicon concept's label, else its words without determiners."""
    i = start
    while i < end and (tok.lemmas[i] in ("a", "an", "the") or tok.lemmas[i] in FREE_SUBJECT_ADVERBS or tok.lower[i].endswith("ly")):
        i += 1
    for at in (tok.concept_at, tok.role_at):
        if i in at:
            stop, entry = at[i]
            return entry.label, stop
    j = i
    while j < end and j - i < 4 and tok.alpha[j] and tok.lower[j] not in NP_STOPS and not tok.is_punct(j):
        j += 1
    if j == i or tok.lemmas[j - 1] in ("a", "an", "the", "of", "to", "for", "with"):
        return None
    return tok.words(range(i, j)), j


def _skip_connectors(tok: Tokens, i: int, b: int, cues: Cues, numbers: bool = False) -> int:
    """The first token from ``i`` on that is no punctuation and opens no connector (and, with
    ``numbers``, no number: '#5 "Micromanagement is always bad."')."""
    while i < b:
        # (A connector can start only at its first lemma: the test spares a call at most words.)
        n = tok.lemmas[i] in cues.connectors.firsts and cues.connectors.match(tok.lemmas, i, b)
        if not (tok.is_punct(i) or n or (numbers and tok.num[i])):
            break
        i += n or 1
    return i


def _met_some(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "I have reported to plenty of supervisors who had no followers": the speaker's experience
    says something of some holders of the role."""
    i = a
    i = _skip_connectors(tok, i, b, cues)
    if i >= b or tok.lemmas[i] not in ("i", "we"):
        return None
    for k in range(i + 1, min(b - 2, i + 10)):
        if k in tok.role_at:
            end, entry = tok.role_at[k]
            if end < b and tok.lower[end] in ("who", "that") and any(
                tok.lemmas[m] in cues.determiners or any(q.match(tok.lemmas, m, k) for q in cues.quantifiers.values())
                for m in range(max(i + 1, k - 3), k)
            ):
                reading = Reading(a, b, [entry.label], quantifier="some")
                read_predicate(tok, reading, end + 1, cues)
                return reading if reading.relation else None
            return None
    return None


def _defining_mark(tok: Tokens, reading: Reading, cues: Cues) -> Reading | None:
    """ "supervisors who had no followers", "a manager without followers": having (or lacking) what
    defines a role makes one that role (or not)."""
    marks = load_grammar()["defining_marks"]
    for k in tok.roles_in(reading.start, reading.end):
        if tok.role_at[k][1].label not in marks:
            continue
        role = marks[tok.role_at[k][1].label]
        if role in reading.subjects:
            return None
        before = [tok.lemmas[m] for m in range(max(reading.start, k - 6), k)]
        if not any(w in ("have", "with", "without", "gain", "attract", "win", "lose") for w in before):
            return None
        denied = any(w in ("no", "without", "lose", "not", "never", "zero") for w in before[-3:])
        return Reading(
            reading.start, reading.end, list(reading.subjects), quantifier=reading.quantifier,
            polarity="negative" if denied else "positive", relation="is_a", object=role, object_is_concept=True,
            reporter=reading.reporter,
        )
    return None


def _imperative_role(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Manage the work. Lead the people.": a role's own verb as a command says what that role is about."""
    k = a
    while k < b and (tok.is_punct(k) or tok.num[k]):
        k += 1
    role = load_grammar()["role_verbs"].get(tok.lemmas[k]) if k < b else None
    if role is None or tok.lower[k] != tok.lemmas[k] or not tok.text[k][:1].isupper():
        return None
    reading = Reading(a, b, [role])
    read_predicate(tok, reading, k + 1, cues)
    if reading.relation is None:
        m = k + 1
        while m < b and tok.lower[m] in ("by", "with", "through", "from", "for"):
            m += 1
        phrase = _phrase(tok, m, b)
        if phrase is None:
            return None
        reading.relation, reading.object = "focuses_on", phrase[0]
    return reading




def _former_role(tok: Tokens, reading: Reading, p: int) -> Reading:
    """ "Every great leader was once a manager", "Most leaders started out as managers": the earlier
    role became the later one (the claim, changed in place, is turned round: manager becomes leader)."""
    if reading.relation not in ("is_a", "related_to") or reading.object not in _role_labels() or reading.polarity != "positive":
        return reading
    at = next((k for k in range(p, reading.end) if k in tok.role_at and tok.role_at[k][1].label == reading.object), None)
    if at is None or not any(tuple(tok.lemmas[k : k + len(words)]) == words for k in range(p, at) for words in _phrases("former_role_cues")):
        return reading
    subject = reading.subjects[0]
    reading.subjects, reading.object, reading.relation = [reading.object], subject, "becomes"
    reading.quantifier = "some"
    return reading


def _job_of(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Leading is the job of the line manager", "Budgeting is not a supervisor's responsibility": an
    activity said to be (or not to be) a role's."""
    if not _has_lemma(tok, "be", a + 1, min(b, a + 8)):
        return None
    be = next((k for k in range(a + 1, min(b, a + 8)) if tok.lemmas[k] == "be"), None)
    if be is None:
        return None
    k = be + 1
    negated = False
    while k < b and (tok.lemmas[k] in ("the", "a", "an", "not", "never", "really", "primarily", "mainly", "only", "main", "first", "real", "core")
                     or tok.lower[k] == "n't"):
        negated = negated or tok.lemmas[k] in ("not", "never") or tok.lower[k] == "n't"
        k += 1
    role_at = None
    if k < b and tok.lemmas[k] in _grammar_words("job_words") and k + 1 < b and tok.lower[k + 1] == "of":
        m = k + 2
        while m < b and tok.lemmas[m] in ("the", "a", "an", "every", "any", "each"):
            m += 1
        role_at = next((j for j in range(m, min(b, m + 2)) if j in tok.role_at), None)  # ("the shift foreman")
    elif k in tok.role_at:
        end = tok.role_at[k][0]
        if end + 1 < b and tok.text[end] in ("'s", "’s", "'") and tok.lemmas[end + 1] in _grammar_words("job_words"):
            role_at = k  # "the leader's job"
    if role_at is None:
        return None
    role = tok.role_at[role_at][1].label
    first = skip_adverbs(tok, a, be, cues)
    verb = load_grammar()["role_verbs"].get(tok.lemmas[first]) if tok.lower[first].endswith("ing") else None
    reading = Reading(a, b, [role], polarity="negative" if negated else "positive")
    if verb is not None and verb != role:
        reading.relation, reading.object, reading.object_is_concept = "is_a", verb, True  # "Leading is the job of X"
        return reading
    at = next((j for j in range(first, be) if j in tok.concept_at), None)
    if at is not None:
        c_end, entry = tok.concept_at[at]
        reading.relation, reading.object, reading.object_is_concept = TYPE_RELATION[entry.type], entry.label, True
        reading.concepts = [Found(at, c_end, entry.label, entry.type, True, negated)]
        return reading
    words = [tok.lower[j] for j in range(first, be) if tok.alpha[j] and not tok.stop[j]]
    if not words or len(words) > 4:
        return None
    reading.relation, reading.object = "related_to", " ".join(words)
    return reading


def _people_follow(tok: Tokens, a: int, b: int, cues: Cues, topic, scope) -> Reading | None:
    """ "Nobody would follow them without the title", "People follow leaders they trust": people at
    large following (obeying) a role are its followers (its staff)."""
    if not (cues.relations["follows"].starts_in(tok.lemmas, a, b) or cues.relations["obeys"].starts_in(tok.lemmas, a, b)):
        return None  # (the rule needs one of these cues after the subject)
    i = _skip_connectors(tok, skip_adverbs(tok, a, b, cues), b, cues)
    people = load_grammar()["people_at_large"]
    words = next((w for w in sorted(people, key=len, reverse=True) if tok.lower[i : i + len(w.split())] == w.split()), None)
    if words is None:
        return None
    k = i + len(words.split())
    negated = people[words]
    while k < b and (tok.lemmas[k] in cues.auxiliaries or tok.lemmas[k] in ("not", "never", "really", "actually", "still") or tok.lower[k] == "n't"):
        negated = negated != (tok.lemmas[k] in ("not", "never") or tok.lower[k] == "n't")
        k += 1
    cue_at = {name: n for name in ("follows", "obeys") if (n := cues.relations[name].match(tok.lemmas, k, b))}
    if not cue_at:
        return None
    relation, n = next(iter(cue_at.items()))
    m = k + n
    while m < b and tok.lemmas[m] in ("the", "a", "an", "their", "your", "his", "her", "any", "every"):
        m += 1
    if m in tok.role_at:
        obj = tok.role_at[m][1].label
    elif m < b and tok.lemmas[m] in ("them", "him", "her") and topic.get(scope):
        obj = topic[scope][0]
    else:
        return None
    subject = "follower" if relation == "follows" else "employee"
    if obj == subject:
        return None
    nobody = words in ("nobody", "no one")
    return Reading(a, b, [subject], relation=relation, object=obj, object_is_concept=True,
                   quantifier="none" if nobody and negated else "generic", polarity="negative" if negated else "positive")


MADE_PERSONS = frozenset(("anyone", "anybody", "someone", "somebody", "everyone", "everybody", "you", "me", "him", "her", "them", "us", "one", "people", "nobody"))


def _made_into(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "None of this makes managers the villains" (managers are not villains); "A title does not make
    anyone a leader" (what makes a leader is not the title): "make" with a person and what they become."""
    if not _has_lemma(tok, "make", a + 1, b - 2):
        return None
    m = next((k for k in range(a + 1, b - 2) if tok.lemmas[k] == "make"), None)
    if m is None:
        return None
    negated = any(cues.negators.match(tok.lemmas, k, k + 1) or tok.lower[k] == "n't" or tok.lemmas[k] in ("none", "nothing", "no")
                  for k in range(a, m))
    k = m + 1
    while k < b and tok.lemmas[k] in ("the", "a", "an", "all", "every", "any"):
        k += 1
    if k in tok.role_at:
        # "... makes managers (the) villains": the role is (not) what follows.
        role_end, entry = tok.role_at[k]
        plural_noun = role_end < b and tok.lower[role_end].endswith("s") and not tok.lower[role_end].endswith(("ous", "ss"))
        if role_end < b and (tok.lemmas[role_end] in ("a", "an", "the") or plural_noun):
            thing = _phrase(tok, role_end, b)
            if thing is not None and thing[0] != entry.label:
                reading = Reading(a, b, [entry.label], relation="is_a", object=thing[0], object_is_concept=False)
                reading.polarity = "negative" if negated else "positive"
                return reading
        return None
    if k < b and tok.lower[k] in MADE_PERSONS:
        after = k + 1
        while after < b and tok.lemmas[after] in ("a", "an", "the"):
            after += 1
        if after in tok.role_at:
            # "A title does not make anyone a leader": the role and what it takes.
            cause = _phrase(tok, a, m)
            if cause is None or tok.role_at[after][1].label == cause[0]:
                return None
            at = next((j for j in range(a, m) if j in tok.concept_at), None)
            reading = Reading(a, b, [tok.role_at[after][1].label], relation="related_to", object=cause[0], object_is_concept=at is not None)
            if at is not None:
                c_end, entry = tok.concept_at[at]
                # (not had when it makes no one a leader: the attribution is denied with the claim)
                reading.concepts = [Found(at, c_end, entry.label, entry.type, True, negated)]
            reading.polarity = "negative" if negated else "positive"
            return reading
    return None


def _concept_copula(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Warmth is not weakness.", "Authority is a right to decide": a clause about a quality or thing
    that names no role, when it says what that thing is (or is not)."""
    if not _has_lemma(tok, "be", a + 1, b):
        return None  # (the copula follows the clause's first word)
    i = a
    i = _skip_connectors(tok, i, b, cues, numbers=True)
    i += answer_label(tok, i, b, cues)  # "Reality: selling and managing are different skills"
    frame = report_frame(tok, i, b, cues)
    reporter = None
    if frame is not None:
        reporter = _third_party_frame(tok, i, frame[1], cues, b)
        i = frame[1]  # "My director says that charisma is ..."
    if i >= b or tok.lemmas[i] in cues.pronouns or tok.lemmas[i] in ("it", "there", "here", "what", "i", "we", "you", "he", "she"):
        return None
    if i in tok.concept_at and (how := origin(tok, tok.concept_at[i][0], b, cues)) is not None:
        # "Courage cannot be taught", "Trust can be earned": how one comes to have the quality.
        (relation, obj, opposite), at = how
        denied = _negated_in(tok, range(tok.concept_at[i][0], at), cues)
        return Reading(a, b, [tok.concept_at[i][1].label], polarity="negative" if denied != opposite else "positive",
                       relation=relation, object=obj, object_is_concept=False, reporter=reporter)
    gerund = tok.lower[i].endswith("ing")  # "wanting to be liked by the team is a trap"
    copula = next((k for k in range(i + 1, min(b, i + 8)) if tok.lemmas[k] == "be" and tok.lower[k - 1] != "to" and tok.lower[k] != "being"), None)
    if copula is None or (not gerund and any(is_verbish(tok, k, cues) for k in range(i + 1, copula))):
        return None
    j = copula + 1
    negated = False
    while j < b and tok.lemmas[j] in FREE_SUBJECT_ADVERBS + ("merely", "simply", "only", "hardly", "n't"):
        negated = negated or tok.lemmas[j] in ("not", "never", "hardly", "n't")
        j += 1
    polarity = "negative" if negated else "positive"
    compared = _compared_things(tok, i, copula, j, b, cues)
    if compared is not None:
        first, relation, second = compared
        return Reading(a, b, [first], polarity=polarity, relation=relation, object=second, object_is_concept=True, reporter=reporter)
    if gerund:
        stop = next((k for k in range(i + 2, copula) if tok.lower[k] in ("by", "for", "with", "in", "at", "on")), copula)
        subject = (tok.words(range(i, stop)), copula)
    else:
        subject = _phrase(tok, i, copula)
    if subject is None or subject[1] != copula:
        return None
    obj = _phrase(tok, j, b)
    # A participle that ends the clause says what the thing is: "Charisma is overrated."
    last = j + 1 >= b or tok.is_punct(j + 1) or tok.lower[j + 1] in ("anyway", "too", "though", "today")
    if obj is None or tok.lower[j] in ("that", "to") or is_verbish(tok, j, cues) and j not in tok.concept_at and not (
        last and tok.lower[j].endswith("ed")
    ):
        return None
    if is_verbish(tok, j, cues) and j not in tok.concept_at:
        obj = (tok.lower[j], j + 1)  # (without "anyway")
    if tok.lower[j].endswith("ing") and j not in tok.concept_at:
        return None  # "The other half is already updating their CVs": a verb, not what the thing is
    return Reading(
        a, b, [subject[0]], polarity=polarity, relation="is_a", object=obj[0],
        object_is_concept=j in tok.concept_at, reporter=reporter,
    )


SAME_WORDS = (("the", "same", "as"), ("the", "same", "thing", "as"), ("same", "as"), ("identical", "to"), ("equivalent", "to"))
DIFFERENT_WORDS = (("different", "from"), ("different", "to"), ("distinct", "from"))


def _compared_things(tok: Tokens, i: int, copula: int, j: int, b: int, cues: Cues) -> tuple[str, str, str] | None:
    """ "Warmth is not the same as friendship", "Being liked and being likeable are different": two
    things (not roles) said to be the same or to differ - (first, relation, second)."""
    lemmas = tok.lemmas
    for words, relation in [*((w, "same_as") for w in SAME_WORDS), *((w, "differs_from") for w in DIFFERENT_WORDS)]:
        if tuple(lemmas[j : j + len(words)]) == words:
            first = _thing(tok, i, copula)
            second = _phrase(tok, j + len(words), b)
            if first and second:
                return first, relation, second[0]
    conjunction = next((k for k in range(i + 1, copula) if tok.lower[k] == "and"), None)
    verdict = {"different": "differs_from", "distinct": "differs_from", "same": "same_as"}.get(
        lemmas[j + 1] if j + 1 < b and lemmas[j] == "the" else lemmas[j] if j < b else ""
    )
    if conjunction is not None and verdict is not None:
        first, second = _thing(tok, i, conjunction), _thing(tok, conjunction + 1, copula)
        if first and second:
            return first, verdict, second
    return None


def _quality_and_role_compared(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Power and leadership are not the same thing", "Authority and management are different things":
    a quality and a role said to be (or not to be) one."""
    if not (tok.concepts_in(a, b) and tok.roles_in(a, b)):
        return None  # (the pair is a concept and a role, both starting inside the clause)
    i = skip_adverbs(tok, a, b, cues)
    i = _skip_connectors(tok, i, b, cues, numbers=True)
    first = tok.concept_at.get(i) or tok.role_at.get(i)
    if first is None or first[0] >= b or tok.lower[first[0]] != "and":
        return None
    j = first[0] + 1
    second = tok.concept_at.get(j) or tok.role_at.get(j)
    if second is None or second[0] >= b or tok.lemmas[second[0]] != "be":
        return None
    pair = [(i in tok.role_at, first[1].label), (j in tok.role_at, second[1].label)]
    if all(is_role for is_role, _ in pair) or not any(is_role for is_role, _ in pair):
        return None  # two roles, or two qualities: read elsewhere
    k = second[0] + 1
    negated = False
    while k < b and (tok.lemmas[k] in ("not", "never", "really", "quite", "exactly", "the", "two", "very") or tok.lower[k] == "n't"):
        negated = negated or tok.lemmas[k] in ("not", "never") or tok.lower[k] == "n't"
        k += 1
    relation = {"same": "same_as", "different": "differs_from", "distinct": "differs_from", "identical": "same_as"}.get(tok.lemmas[k] if k < b else "")
    if relation is None:
        return None
    role = next(label for is_role, label in pair if is_role)
    quality = next(label for is_role, label in pair if not is_role)
    return Reading(a, b, [role], relation=relation, object=quality, object_is_concept=True, polarity="negative" if negated else "positive")


def _thing(tok: Tokens, start: int, end: int) -> str | None:
    """A concept's label, or the words of a short phrase ("being liked"), between ``start`` and ``end``."""
    while start < end and tok.lemmas[start] in ("the", "a", "an"):
        start += 1
    if start in tok.concept_at and tok.concept_at[start][0] == end:
        return tok.concept_at[start][1].label
    if start + 1 == end and (role := role_activity(tok, start)):
        return role  # "Selling and managing are different": managing is the manager's activity
    words = [tok.lower[k] for k in range(start, end) if tok.alpha[k]]
    return " ".join(words) if 0 < len(words) <= 4 and all(tok.alpha[k] or tok.is_punct(k) for k in range(start, end)) else None


def _concept_acts(tok: Tokens, a: int, b: int, cues: Cues, it: str | None = None) -> Reading | None:
    """ "Influence does not need a title", "Friendship creates favouritism": a quality of the lexicon that
    does something to another quality, a role or a thing. With ``it``, the quality "it" stands for
    ("Charisma wins attention. But it does not hold a team together.")."""
    if it is None and not tok.concepts_in(a, b):
        return None  # (its subject is a concept of the lexicon)
    i = a
    i = _skip_connectors(tok, i, b, cues, numbers=True)
    while i < b and tok.lemmas[i] in ("the", "a", "an", "formal", "real", "true", "genuine", "informal", "such"):
        i += 1
    if it is not None and i + 1 < b and tok.lower[i] == "it" and tok.lemmas[i + 1] != "be":
        c_end, label = i + 1, it  # ("It is a choice" says what, not what it does: no claim of this kind)
    elif i in tok.concept_at:
        c_end, label = tok.concept_at[i][0], tok.concept_at[i][1].label
    else:
        return None
    k = c_end
    if tok.lower[c_end - 1].endswith("ing"):
        # "Micromanaging every decision undermines trust": past what the activity acts on, to the verb.
        k = next((m for m in range(c_end, min(b, c_end + 5)) if is_verbish(tok, m, cues) and tok.lemmas[m - 1] not in cues.determiners
                  and m not in tok.concept_at), c_end)
    negated = False
    while k < b and (tok.lemmas[k] in cues.auxiliaries or cues.negators.match(tok.lemmas, k, k + 1) or tok.lower[k] == "n't"
                     or tok.lemmas[k] in ("only", "always", "often", "rarely", "also", "still", "usually")):
        negated = negated or bool(cues.negators.match(tok.lemmas, k, k + 1)) or tok.lower[k] == "n't"
        k += 1
    if k >= b or tok.lemmas[k] == "be" or not tok.alpha[k] or k in tok.concept_at or k in tok.role_at or tok.lower[k] in NP_STOPS:
        return None  # ("Trust is ...": a copula, read elsewhere)
    verb = k
    if tok.lemmas[verb] in MAKING and any(tok.lemmas[j] == "follow" or tok.role_at.get(j, (0, None))[1] is not None
                                        and tok.role_at[j][1].label == "follower" for j in range(verb + 1, min(b, verb + 6))):
        # "Titles don't make people follow anyone", "A title does not give you followers": what makes a
        # leader - the leader is obtained by it (or not).
        return Reading(a, b, ["leader"], relation="obtained_by", object=label, object_is_concept=True,
                       polarity="negative" if negated else "positive")
    m = verb + 1
    while m < b and (tok.lower[m] in OBJECT_SKIPS or tok.lemmas[m] in cues.determiners):
        m += 1
    if m in tok.role_at:
        obj, is_concept = tok.role_at[m][1].label, True
    elif m in tok.concept_at:
        obj, is_concept = tok.concept_at[m][1].label, True
    else:
        phrase = _phrase(tok, m, b)
        if phrase is None:
            return None
        obj, is_concept = phrase[0], False
    relation = "requires" if any(tok.lemmas[j] in ("need", "require", "depend") for j in range(c_end, verb + 1)) else "related_to"
    return Reading(a, b, [label], relation=relation, object=obj, object_is_concept=is_concept,
                   polarity="negative" if negated else "positive")


FREE_SUBJECT_ADVERBS = ("not", "never", "necessarily", "automatically", "always", "also", "really", "just", "still", "already", "truly")


NEED = frozenset(("need", "require"))
MAKING = frozenset(("make", "give", "confer", "produce", "create", "bring", "grant", "win", "earn", "buy", "guarantee"))
SELF_RULE = frozenset(("run", "manage", "organise", "organize", "govern", "lead", "coordinate", "direct", "steer"))


def _group_needs_role(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Every team needs a leader", "A flat company does not need managers": a group that needs
    (or can do without) a role. The subject is the group as written, in the singular."""
    groups = _grammar_words("group_subjects")
    i = _skip_connectors(tok, a, b, cues)
    if i < b and tok.lower[i] == "we" and tok.where(NEED, i + 1, min(b, i + 5), "lemmas"):
        head = i  # "We didn't need a manager": the team speaking
    elif not tok.where(groups, a, b, "lemmas"):
        return None  # (most clauses name no group: the word is found from the lemma index)
    else:
        head = None
    quantifier = "generic"
    if i < b and tok.lemmas[i] in ("every", "all", "any", "each", "some", "many", "most", "a", "an", "the", "our", "your", "their"):
        quantifier = {"every": "all", "all": "all", "any": "all", "each": "all", "some": "some", "many": "some", "most": "some"}.get(tok.lemmas[i], "generic")
        i += 1
    if head is None:
        head = next((k for k in range(i, min(b, i + 3)) if tok.lemmas[k] in groups), None)
    if head is None or any(not tok.alpha[k] or k in tok.role_at for k in range(i, head + 1)):
        return None
    k = head + 1
    if k + 1 < b and tok.lower[k] == "of" and tok.alpha[k + 1] and k + 1 not in tok.role_at:
        k += 2  # "A team of adults does not need a boss"
    negated = False
    while k < b and tok.lemmas[k] not in NEED and (
        tok.lemmas[k] in cues.auxiliaries or tok.lemmas[k] in ("not", "never", "still", "really", "always", "also") or tok.lower[k] == "n't"
    ):
        negated = negated != (tok.lemmas[k] in ("not", "never") or tok.lower[k] == "n't")
        k += 1
    if k + 1 < b and tok.lemmas[k] in SELF_RULE and tok.lower[k + 1] in ("themselves", "itself", "ourselves"):
        # "Small teams can run themselves": a group that needs no manager (none to lead it: "lead themselves").
        subject = " ".join([*(tok.lower[m] for m in range(i, head)), tok.lemmas[head]])
        role = "leader" if tok.lemmas[k] == "lead" else "manager"
        return Reading(a, b, [subject], quantifier=quantifier, polarity="positive" if negated else "negative",
                       relation="requires", object=role, object_is_concept=True)
    if k >= b or tok.lemmas[k] not in NEED:
        return None
    role = next((m for m in range(k + 1, min(b, k + 5)) if m in tok.role_at), None)
    if role is None or any(tok.is_punct(m) for m in range(k + 1, role)):
        return None
    subject = "team" if tok.lower[head] == "we" else " ".join([*(tok.lower[m] for m in range(i, head)), tok.lemmas[head]])
    return Reading(a, b, [subject], quantifier=quantifier, polarity="negative" if negated else "positive",
                   relation="requires", object=tok.role_at[role][1].label, object_is_concept=True)


SOMEONE = frozenset(("someone", "somebody", "nobody", "no one"))
MUST = frozenset(("have", "must", "need", "should", "got"))


def _ranked(tok: Tokens, reading: Reading, p: int, cues: Cues) -> None:
    """ "Leading is more important than managing", "Managers are not inferior to leaders": the subject
    ranked above (or below) the role after the comparison."""
    if not reading.subjects:
        return
    for phrases, above in ((cues.ranked_above, True), (cues.ranked_below, False)):
        hit = phrases.first(tok.lemmas, p, min(reading.end, p + 5), reading.end)
        if hit is None:
            continue
        k, n = hit
        if any(not (tok.lemmas[j] in cues.copulas or tok.lemmas[j] in cues.auxiliaries or tok.lemmas[j] in ("not", "far", "much", "no", "often", "always", "never", "simply"))
               for j in range(p, k)):
            return  # ("Leaders think more about the future than managers do": a comparison of what they do)
        m = k + n
        while m < min(reading.end, k + n + 3) and m not in tok.role_at and not role_activity(tok, m) and tok.alpha[m]:
            m += 1  # ("than charismatic leaders")
        label = tok.role_at[m][1].label if m in tok.role_at else role_activity(tok, m) if m < reading.end else None
        if label is None or label in reading.subjects:
            return
        subject = reading.subjects[0]
        reading.relation, reading.object, reading.object_is_concept = "ranks_above", label if above else subject, True
        if not above:
            reading.subjects = [label]
        reading.polarity = "negative" if _negated_in(tok, range(p, k), cues) else "positive"
        reading.concepts = []
        return


def _both_roles(tok: Tokens, reading: Reading, p: int) -> None:
    """ "The owner is the leader and the manager", "A supervisor can be both a manager and a leader",
    "Line managers are expected to do both": the role is the two at once, named in the text's order."""
    if reading.relation not in ("is_a", "overlaps_with", None) or not reading.subjects:
        return
    roles = [k for k in tok.roles_in(p, reading.end) if tok.role_at[k][1].label not in reading.subjects]
    if len(roles) >= 2:
        first, second = roles[0], roles[1]
        between = range(tok.role_at[first][0], second)
        if reading.relation is not None and tok.role_at[first][1].label != tok.role_at[second][1].label and list(between) and all(
                tok.lower[j] == "and" or tok.lemmas[j] in ("the", "a", "an") for j in between) and "and" in tok.lower[between.start : between.stop]:
            if reading.relation == "is_a" or tok.lower[first - 2 : first] == ["both", "a"] or tok.lower[first - 1] == "both":
                reading.relation = "is_a"
                reading.object = f"{tok.role_at[first][1].label} and {tok.role_at[second][1].label}"
                reading.object_is_concept = False
        return
    if reading.relation is None or reading.relation == "related_to":
        both = next((k for k in tok.where(("both",), p, reading.end) if tok.lemmas[k - 1] in ("do", "be")), None)
        if both is not None and (both + 1 >= reading.end or tok.is_punct(both + 1)):
            reading.relation, reading.object, reading.object_is_concept = "is_a", " and ".join(load_grammar()["pair_order"]), False


CONFUSE = frozenset(("confuse", "conflate", "mistake", "equate"))


def _confused_with(tok: Tokens, a: int, b: int) -> Reading | None:
    """ "Don't confuse empathy with agreement", "you are mistaking friendship for favouritism": two
    qualities the writer holds apart - the one is not the other."""
    k = next((k for k in tok.where(CONFUSE, a, b, "lemmas")), None)
    if k is None:
        return None
    m = k + 1
    while m < b and tok.lemmas[m] in ("the", "a", "an", "being"):
        m += 1
    if m not in tok.concept_at:
        return None
    first_end, first = tok.concept_at[m]
    if first_end >= b or tok.lower[first_end] not in ("with", "for", "and"):
        return None
    n = first_end + 1
    while n < b and tok.lemmas[n] in ("the", "a", "an", "being"):
        n += 1
    if n in tok.concept_at:
        other, known = tok.concept_at[n][1].label, True
    elif n < b and tok.alpha[n] and not tok.stop[n] and n not in tok.role_at and (n + 1 >= b or not tok.alpha[n + 1]):
        other, known = tok.lower[n], False  # ("... with agreement.": one word, as written)
    else:
        return None
    if other == first.label:
        return None
    return Reading(a, b, [first.label], polarity="negative", relation="same_as", object=other, object_is_concept=known)


MEANS = frozenset(("by", "through", "via"))
EARN = frozenset(("earn", "win", "gain", "command", "deserve", "keep", "build"))


def _by_means_of(tok: Tokens, reading: Reading) -> None:
    """ "Good supervisors earn respect by being fair", "Earn trust through integrity": the quality
    the role shows is the one named as the means, not what it earns."""
    if reading.relation not in TYPE_RELATION.values() or len(reading.concepts) < 2 or reading.concepts[0].label != reading.object:
        return
    first = reading.concepts[0].start
    if not any(tok.lemmas[k] in EARN for k in range(max(reading.start, first - 3), first)):
        return  # ("minimize risk through controls": the risk is the focus, the controls the means)
    for found in reading.concepts[1:]:
        k = found.start - (2 if tok.lemmas[found.start - 1] == "be" else 1)
        if tok.lower[k] in MEANS and not found.negated and not reading.concepts[0].negated:
            reading.object, reading.relation = found.label, TYPE_RELATION[found.type]
            return


def _role_needed(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """Whether a group needs a role, said without "need": "without a manager a team will drift",
    "someone has to make the final call" (it does); "without a boss we did fine", "the best project
    I worked on had no manager at all" (it does not). The group is the one named, else a team."""
    i = _skip_connectors(tok, a, b, cues)
    if i < b and tok.lower[i] == "that":
        i += 1  # ("... say that somebody has to decide")
    opens = i < b and (tok.lower[i] == "without" or tok.lemmas[i] in SOMEONE or tok.lower[i] == "no")
    if not opens and not cues.doing_without.starts_in(tok.lemmas, a, b):
        return None  # (most clauses: none of the three shapes)
    group = next(iter(tok.where(_grammar_words("group_subjects"), a, b, "lemmas")), None)
    subject = tok.lemmas[group] if group is not None else "team"
    if i < b and tok.lower[i] == "without":
        m = i + 1
        while m < b and tok.lemmas[m] in ("a", "an", "any", "the", "their", "our", "your", "its"):
            m += 1
        if m not in tok.role_at:
            return None
        after = tok.role_at[m][0]
        if cues.breakdown_outcomes.starts_in(tok.lemmas, after, b):
            polarity = "positive"  # "without managers nothing gets done"
        elif cues.thriving_outcomes.starts_in(tok.lemmas, after, b):
            polarity = "negative"
        else:
            return None
        return Reading(a, b, [subject], polarity=polarity, relation="requires", object=tok.role_at[m][1].label, object_is_concept=True)
    if cues.doing_without.starts_in(tok.lemmas, a, b) and not cues.breakdown_outcomes.starts_in(tok.lemmas, a, b):
        k = next(k for k in range(a, b) if cues.doing_without.match(tok.lemmas, k, b))
        role = next((m for m in range(k, b) if m in tok.role_at), None)
        label = tok.role_at[role][1].label if role is not None else "manager"
        return Reading(a, b, [subject], polarity="negative", relation="requires", object=label, object_is_concept=True)
    if i >= b or tok.lemmas[i] not in SOMEONE and tok.lower[i : i + 2] != ["no", "one"]:
        return None
    negated = tok.lemmas[i] == "nobody" or tok.lower[i] == "no"
    k = i + (2 if tok.lower[i] == "no" else 1)
    while k < b and tok.lemmas[k] in ("still", "always", "really", "just", "ultimately", "eventually"):
        k += 1
    if k >= b or tok.lemmas[k] not in MUST:
        return None
    k += 1
    if k < b and tok.lower[k] == "to":
        k += 1
    if not cues.authority_acts.match(tok.lemmas, k, b):
        return None
    return Reading(a, b, [subject], polarity="negative" if negated else "positive", relation="requires",
                   object="manager", object_is_concept=True)


def _needed_to_be_role(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "You don't need a title to lead", "One needs patience to manage people": what it takes to be
    the role, said of anyone. The claim is the role's: it requires (or does not) what is needed."""
    i = _skip_connectors(tok, a, b, cues)
    if i >= b or tok.lower[i] not in IMPERSONAL_SUBJECTS:
        return None
    k = i + 1
    negated = tok.lower[i] == "nobody"
    while k < b and tok.lemmas[k] not in NEED and tok.lemmas[k] != "learn" and (
            tok.lemmas[k] in cues.auxiliaries or tok.lemmas[k] in ("not", "never") or tok.lower[k] in ("n't", "ca")):
        negated = negated != (tok.lemmas[k] in ("not", "never") or tok.lower[k] == "n't")
        k += 1
    if k + 2 < b and tok.lemmas[k] == "learn" and tok.lower[k + 1] == "to" and tok.lemmas[k + 2] in load_grammar()["role_verbs"]:
        # "You can learn to lead": the role is learned
        return Reading(a, b, [load_grammar()["role_verbs"][tok.lemmas[k + 2]]], polarity="negative" if negated else "positive",
                       relation="learned_by", object="learning", object_is_concept=False)
    if k >= b or tok.lemmas[k] not in NEED:
        return None
    to = next((m for m in range(k + 2, min(b - 1, k + 8)) if tok.lower[m] == "to"), None)
    if to is None or any(tok.is_punct(m) for m in range(k + 1, to)):
        return None
    verb = tok.lemmas[to + 1]
    roles = load_grammar()["role_verbs"]
    if verb in roles:
        role = roles[verb]
    elif verb in ("be", "become") and (m := next((m for m in range(to + 2, min(b, to + 5)) if m in tok.role_at), None)) is not None:
        role = tok.role_at[m][1].label
    else:
        return None
    concept = next((m for m in tok.concepts_in(k + 1, to)), None)
    if concept is not None:
        found = Found(concept, tok.concept_at[concept][0], tok.concept_at[concept][1].label, tok.concept_at[concept][1].type, True, negated)
        obj, concepts = found.label, [found]
    else:
        m = k + 1
        while m < to and tok.lemmas[m] in ("a", "an", "the", "any", "some", "much", "more", "lot", "of"):
            m += 1
        if m >= to or not all(tok.alpha[j] for j in range(m, to)) or to - m > 3:
            return None
        obj, concepts = tok.words(range(m, to)), []
    return Reading(a, b, [role], polarity="negative" if negated else "positive", relation="requires", object=obj,
                   object_is_concept=concept is not None, concepts=concepts)


IMPERSONAL_SUBJECTS = frozenset(("you", "one", "we", "people", "anyone", "anybody", "nobody", "someone"))


def _free_subject(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Anyone who is responsible for people is a leader": a subject that is no role, described by a
    relative clause, said to be (or become) a role. The subject is the description as written."""
    i = a
    i = _skip_connectors(tok, i, b, cues)
    n = cues.free_subjects.match(tok.lower, i, b)
    if not n or i + n >= b or tok.lower[i + n] not in ("who", "that", "whom"):
        return None
    def role_after(k: int) -> int | None:
        j = k + 1
        while j < b and (tok.lemmas[j] in ("a", "an", "the") or tok.lemmas[j] in FREE_SUBJECT_ADVERBS):
            j += 1
        return j if j in tok.role_at else None

    copula = next((k for k in range(b - 1, i + n + 1, -1) if tok.lemmas[k] in ("be", "become") and role_after(k)), None)
    if copula is None or tok.roles_in(i, copula):
        return None
    at = role_after(copula)
    words = [k for k in range(i, copula) if not tok.is_punct(k)]
    if len(words) > 2 and tok.lower[words[1]] in ("who", "that") and tok.lemmas[words[2]] == "be":
        words = [words[0], *words[3:]]  # "anyone who is responsible for people" -> "anyone responsible for people"
    relation = "becomes" if tok.lemmas[copula] == "become" else "is_a"
    polarity = "positive"
    if cues.not_necessarily.find(tok.lemmas, copula, at):
        relation = "not_necessarily"
    elif cues.negators.find(tok.lemmas, copula, at):
        polarity = "negative"
    quantifier = "all" if tok.lower[i] in ("anyone", "anybody", "everyone", "everybody", "whoever") else "generic"
    return Reading(
        a, b, [" ".join(tok.text[k] for k in words).lower()], quantifier=quantifier, polarity=polarity,
        relation=relation, object=tok.role_at[at][1].label, object_is_concept=True,
    )


def _contrast(tok: Tokens, reading: Reading) -> Reading | None:
    """ "Supervisors are administrators, not leaders": the role denied after ", not" is a claim too;
    so is the subject denied in "it is managers, not leaders, who implement change"."""
    if reading.relation is not None and len(reading.subjects) == 1:
        k = next(iter(tok.roles_in(reading.start, reading.end)), None)
        other = _denied_role_after(tok, k, reading.end) if k is not None and tok.role_at[k][1].label == reading.subjects[0] else None
        if other is not None and other not in (reading.object, *reading.subjects):
            return replace(reading, subjects=[other], polarity="negative" if reading.polarity == "positive" else "positive",
                           hedges=list(reading.hedges), also=[], denies=None,
                           concepts=[replace(c, negated=not c.negated) for c in reading.concepts])  # the other role's lack
    if reading.set_aside is not None:
        other = reading.set_aside
        return replace(reading, relation=TYPE_RELATION[other.type], object=other.label, polarity="negative",
                       hedges=list(reading.hedges), concepts=[], also=[], denies=None, set_aside=None)
    if reading.relation != "is_a" or not reading.object_is_concept:
        return None
    k = next((k for k in tok.roles_in(reading.start, reading.end) if tok.role_at[k][1].label == reading.object), None)
    if k is None:
        return None
    j = tok.role_at[k][0]
    if j + 1 >= reading.end or tok.lower[j] != "," or tok.lower[j + 1] != "not":
        return None
    m = j + 2
    while m < reading.end and tok.lemmas[m] in ("a", "an", "the"):
        m += 1
    if m not in tok.role_at or tok.role_at[m][1].label in (reading.object, *reading.subjects):
        return None
    return Reading(
        reading.start, reading.end, list(reading.subjects), quantifier=reading.quantifier, polarity="negative",
        hedges=list(reading.hedges), relation="is_a", object=tok.role_at[m][1].label, object_is_concept=True,
        reporter=reading.reporter,
    )


def _denied_role_after(tok: Tokens, k: int, end: int) -> str | None:
    """The role X of ", not X," (or "(not X)", "- not X -") right after the role at ``k``."""
    j = tok.role_at[k][0]
    if j + 2 >= end or tok.lower[j] not in ASIDE_CLOSERS or tok.lower[j + 1] != "not":
        return None
    m = j + 2
    while m < end and tok.lemmas[m] in ("a", "an", "the"):
        m += 1
    if m not in tok.role_at or tok.role_at[m][0] >= end or tok.lower[tok.role_at[m][0]] != ASIDE_CLOSERS[tok.lower[j]]:
        return None
    return tok.role_at[m][1].label


def _reporting_aside(tok: Tokens, p: int, b: int, cues: Cues) -> tuple[int, str | None] | None:
    """(predicate start, reporter) after a subject followed by ", critics say," / ", we are told,":
    a view reported in passing ("Managers, I think, are leaders": the writer's own, hedged)."""
    close = reporting_aside(tok, p, b, cues)
    if close is None:
        return None
    inside = range(p + 1, close)  # ("as far as I can tell", "I think": the writer's own hedge)
    own = any(tok.lemmas[k] in ("i", "we") for k in inside) and not any(tok.lower[k] == "told" for k in inside)
    return close + 1, None if own else tok.span_text(p + 1, close)


def _parenthetical_report(tok: Tokens, a: int, b: int, cues: Cues) -> str | None:
    """ "the managers, she said, are the leaders": a third party's claim, reported in passing."""
    for k in range(a, b - 3):
        if tok.lower[k] != ",":
            continue
        m = k + 1
        while m < b and m - k <= 3 and tok.alpha[m] and (tok.lemmas[m] in ("he", "she", "they") or tok.text[m][:1].isupper()):
            m += 1
        if m > k + 1 and m + 1 < b and cues.report_verbs.match(tok.lemmas, m, m + 1) and tok.lower[m + 1] == ",":
            return tok.span_text(k + 1, m + 1)
    return None


def _cleft(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "It is managers, not leaders, who implement change": the role after "it is" is the subject."""
    if not _has_lemma(tok, "it", a, min(b - 3, a + 8)):
        return None
    i = next((k for k in range(a, min(b - 3, a + 8)) if tok.lemmas[k] == "it" and tok.lemmas[k + 1] == "be"), None)
    if i is None:
        return None
    j = i + 2
    while j < b and tok.lemmas[j] in ("a", "an", "the", "usually", "often", "always", "really", "actually"):
        j += 1
    if j not in tok.role_at:
        return None
    k = tok.role_at[j][0]
    if k + 1 < b and tok.lower[k] == "," and tok.lower[k + 1] == "not":
        k = next((m for m in range(k + 2, min(b, k + 6)) if tok.lower[m] == ","), k) + 1
    if k >= b or tok.lower[k] not in ("who", "that"):
        return None
    reading = Reading(a, b, [tok.role_at[j][1].label])
    read_predicate(tok, reading, k + 1, cues)
    return reading if reading.relation else None


def _third_party_frame(tok: Tokens, a: int, b: int, cues: Cues, end: int) -> str | None:
    """ "Critics argue that", "my trainer keeps saying that" before the subject (at ``b``; the clause
    ends at ``end``): the words of a frame that reports someone else's claim (not "I think that",
    not "you said that")."""
    for k in range(a, b):
        frame = report_frame(tok, k, end, cues)
        if frame is None or frame[1] > b:
            continue
        that, first = frame[0], k
        while first < that and (not tok.alpha[first] or cues.connectors.match(tok.lemmas, first, that)):
            first += cues.connectors.match(tok.lemmas, first, that) or 1
        if first >= that or tok.lemmas[first] in ("i", "we", "you"):
            return None
        return tok.span_text(first, that)
    return None


OF = frozenset(["of"])


def _inverted(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Empathy and candour are key qualities of leaders": the role closes the clause as the owner."""
    for k in tok.where(OF, a + 2, b):
        m = k + 1
        while m < b and tok.lemmas[m] in ("a", "an", "the", "any", "every", "good", "great", "effective", "successful"):
            m += 1
        head = tok.lemmas[k - 1]
        owner = any(head in heads for heads in cues.type_heads.values()) or head in cues.owner_heads
        if m not in tok.role_at or not owner or any(j in tok.role_at for j in range(a, k)):
            continue
        role = tok.role_at[m][1].label
        reading = Reading(a, b, [role])
        read_predicate(tok, reading, a, cues)
        reading.concepts = [c for c in reading.concepts if c.end <= k - 1]
        if not reading.concepts:
            return None
        first = reading.concepts[0]
        kind = next((name for name, heads in cues.type_heads.items() if head in heads), first.type)
        if not first.in_lexicon:
            for c in reading.concepts:
                c.type = kind
        reading.relation, reading.object = TYPE_RELATION[first.type], first.label
        reading.object_is_concept = True
        reading.polarity = "negative" if first.negated else "positive"
        return reading
    return None


def _disclaimed(tok: Tokens, a: int, b: int, cues: Cues) -> bool:
    """ "I am not saying ...", "we do not claim ...": a first-person speaker disowns what follows."""
    if not _has_lemma(tok, "not", a + 1, b - 1):
        return False
    for k in range(a, min(b - 2, a + 4)):
        if tok.lemmas[k] in ("i", "we") and any(
            tok.lemmas[m] == "not" and cues.report_verbs.match(tok.lemmas, m + 1, m + 2) for m in range(k + 1, min(b - 1, k + 4))
        ):
            return True
    return False


def _previous_end(tok: Tokens, a: int) -> int:
    """The token index just after the last non-space token before ``a`` (where the previous sentence ended)."""
    k = a
    while k > 0 and tok.space[k - 1]:
        k -= 1
    return k


THAT = frozenset(("that",))


def _short_stance(tok: Tokens, a: int, b: int, cues: Cues) -> str | None:
    """ "I am not so sure." / "Sorry, but that is just not true." / "You are right, Ann.": deny or affirm."""
    that = next((k for k in tok.where(THAT, a + 2, min(b - 1, a + 9)) if tok.lower[k + 1] in ("this", "that", "it")), None)
    if that is not None and any(tok.lower[m] == "i" for m in range(a, that)):
        a = that + 1  # "In this essay I argue that this is a mistake": the writer's verdict
    count = tok.alpha[a:b].count(True)  # (counted in C: most clauses are too long to be a verdict)
    comma = next(iter(tok.where(COMMA, a, b)), None) if count > 7 else None  # (read only past seven words)
    if count > 7 and (comma is None or not 0 < tok.alpha[a:comma].count(True) <= 7):
        return None
    words = [k for k in range(a, b) if tok.alpha[k]]
    if words and (tok.lemmas[words[0]] in cues.subordinators or tok.lower[words[0]] in cues.subordinators):
        return None  # "..., because they know they can be wrong": a reason, not a verdict
    if words and tok.lower[words[0]] in cues.question_words:
        return None  # "What went wrong": a question or a heading, not a verdict
    if len(words) > 7 and comma is not None:
        words = [k for k in words if k < comma]  # "Your manager is wrong, at least as you report her words."
        b = comma
    if not words or len(words) > 7:
        return None
    named = not (tok.role_at.keys().isdisjoint(words) and tok.concept_at.keys().isdisjoint(words))  # (in C: most hold none)
    if named and any((k in tok.role_at or k in tok.concept_at) and not one_persons_role(tok, k) for k in words):
        return None  # ("Your coach is right": one person, not a claim about coaching)
    for k in words:  # (a phrase starts only at its first word: the tests spare the matches at most words)
        if (tok.lemmas[k] in cues.denials.firsts and cues.denials.match(tok.lemmas, k, b)) or (
                tok.lower[k] in cues.denials.firsts and cues.denials.match(tok.lower, k, b)):
            return "deny"
    if len(words) <= 6 and cues.qualifiers.match(tok.lower, words[0], b) and not any(tok.lemmas[k] in cues.pronouns for k in words):
        return "qualify"  # "Sometimes.", "Mostly true, but not always.", "Rarely true."
    if len(words) > 5:
        return None  # "I agree with much of what you wrote" is courtesy, not a restatement
    for k in words:
        if (tok.lemmas[k] in cues.affirmations.firsts and cues.affirmations.match(tok.lemmas, k, b)) or (
                tok.lower[k] in cues.affirmations.firsts and cues.affirmations.match(tok.lower, k, b)):
            return "affirm"
    return None


def _proposition_on_table(readings, post, tok: Tokens, named: set[str] = frozenset()) -> Reading | None:
    """The claim a short reply answers: the named speaker's last claim ("John is right."),
    else the last one of this post, else the last one before it."""
    if named:
        theirs = [r for r, p, _ in readings if p is not None and p.speaker and r.relation and not r.question
                  and named & set(p.speaker.split())]
        central = [r for r in theirs if r.relation in ("is_a", "same_as", "differs_from", "not_necessarily", "interchangeable_with")]
        roles = _role_labels()
        between_roles = [r for r in central if set(r.subjects) <= roles and r.object in roles]
        if central or theirs:
            return (between_roles or central or theirs)[-1]
    mine = [r for r, p, _ in readings if p is post and r.relation and not r.question]
    if mine:
        return mine[-1]
    earlier = [r for r, p, _ in readings if r.relation and not r.question]
    return earlier[-1] if earlier else None


@cache
def _grammar_words(key: str) -> frozenset[str]:
    """A word list of the grammar, as a set."""
    return frozenset(str(w) for w in load_grammar()[key])


@cache
def _phrases(key: str) -> tuple[tuple[str, ...], ...]:
    """A phrase list of the grammar, each phrase as a tuple of words."""
    return tuple(tuple(str(p).split()) for p in load_grammar()[key])


@cache
def _role_labels() -> frozenset[str]:
    return frozenset(entry.label for entry in load_lexicon().entries if entry.type == "role")


def _reported_by(readings, words: set[str]) -> Reading | None:
    """The last claim reported from a third party that ``words`` name ("trainer" in "my trainer says")."""
    for reading, _, _ in reversed(readings):
        if reading.reporter and reading.relation and words & {w.lower() for w in reading.reporter.split()}:
            return reading
    return None


def _quoted_reading(readings, tok: Tokens, text: str, quotes, post, offset: int) -> Reading | None:
    """The earlier claim that the last quote ("> ...") of this post, before ``offset``, repeats."""
    if post is None:
        return None
    i = bisect_right(quotes, (offset, offset)) - 1
    if i < 0 or quotes[i][0] < post.span.start:
        return None
    q_start, q_end = quotes[i]
    quoted = _words(text[q_start:q_end])
    best, best_share = None, 0.5
    for reading, _, _ in readings[-LOOKBACK:]:  # a quote repeats something near it
        if tok.idx[reading.start] >= q_start or not reading.relation:
            continue
        share = len(quoted & _words(text[tok.idx[reading.start] : tok.idx[reading.end - 1] + 1])) / max(1, len(quoted))
        if share >= best_share:
            best, best_share = reading, share
    return best


def _reported_clause(tok: Tokens, a: int, b: int, cues: Cues) -> tuple[int, int] | None:
    for i in range(a, min(b, a + 6)):
        if tok.lower[i] == "you":
            j = i + 1
            if j < b and tok.lemmas[j] in ("have", "had", "be", "keep"):
                j += 1  # "you have said", "you are saying", "you keep saying"
            n = cues.report_verbs.match(tok.lemmas, j, b) or cues.report_verbs.match(tok.lower, j, b)
            if n:
                k = j + n
                if k < b and tok.lower[k] == "that":
                    k += 1
                stop = next((m for m in range(k, b) if tok.lower[m] in (";",) or (tok.lower[m] == "," and m + 1 < b and tok.lower[m + 1] in ("and", "but"))), b)
                return k, stop
    return None


def _implicit_subject(tok, a, b, cues, topic, scope, section):
    """A pronoun subject, or a bullet that starts with its verb: the topic role stands in."""
    i = a
    # (A phrase can start only at its first lemma: the tests spare the matches at most words.)
    while i < b and (tok.is_punct(i) or (tok.num[i] and not (i + 1 < b and tok.lower[i + 1] == "of"))  # "1." but not "two of them"
                     or (tok.lemmas[i] in cues.connectors.firsts and cues.connectors.match(tok.lemmas, i, b))
                     or (tok.lemmas[i] in cues.hedges.firsts and cues.hedges.match(tok.lemmas, i, b))):
        i += cues.connectors.match(tok.lemmas, i, b) or cues.hedges.match(tok.lemmas, i, b) or 1
    current = topic.get(scope) or (topic.get((scope[0], None)) if scope[1] is None else None)
    plural = cues.plural_anaphors.match(tok.lemmas, i, b) if i < b else 0
    if plural and any(not attributive(tok, k, n, b) for name in SYMMETRIC for k, n in cues.relations[name].find(tok.lemmas, i, b)):
        pair = list(current) if current and len(current) >= 2 else _lexicon_order(_last_two_roles(topic, scope))
        if len(pair) >= 2:
            return pair[:2], i + plural, "generic", False, None
    if i < b and tok.lemmas[i] == "both" and current:
        pair = list(current) if len(current) >= 2 else _lexicon_order(_last_two_roles(topic, scope))
        if len(pair) >= 2:
            return pair, i + 1, "generic", False, None
    # "Plenty of them lead ...", "none of them": the topic role, counted.
    for name, phrases in cues.quantifiers.items() if i < b and tok.lemmas[i] in cues.quantifier_firsts else ():
        n = phrases.match(tok.lemmas, i, b) if i < b else 0
        k = i + n + (1 if n and i + n < b and tok.lemmas[i + n] == "of" else 0)
        if n and k < b and tok.lemmas[k] in ("them", "these", "those") and current and (name == "none" or tok.lemmas[k - 1] == "of"):
            return current, k + 1, name, False, None
    if current and i + 1 < b and tok.lemmas[i] in ("some", "many", "most", "others", "few", "several") and (
        tok.lemmas[i + 1] in cues.auxiliaries or cues.negators.match(tok.lemmas, i + 1, i + 2)
    ):
        # "Some are simply administrators", "Others never lead": some of the role just spoken of.
        return current, i + 1, "some", False, None
    if i + 1 < b and tok.lower[i] in ("mine", "yours", "ours", "theirs") and current and tok.lemmas[i + 1] in cues.auxiliaries:
        # "Mine was a brilliant leader": my holder of the role just spoken of - one person, some of them.
        return current, i + 1, "some", False, None
    if i < b and tok.lemmas[i] in ("i", "we") and ("author", scope[0]) in topic:
        return topic[("author", scope[0])], i + 1, "generic", False, None
    j = i + 1
    while j < b and tok.lemmas[j] in ("real", "main", "first", "only", "whole", "actual", "true", "core", "primary"):
        j += 1
    if j + 1 < b and tok.lemmas[i] in ("their", "his", "her") and current and tok.lemmas[j] in _grammar_words("job_words") \
            and tok.lemmas[j + 1] == "be":
        # "Their job is to unblock the team": the job of the role just spoken of is what follows.
        j += 2
        if j < b and tok.lower[j] == "to":
            j += 1
        return current, j, topic.get(("quantifier", scope), "generic"), False, None
    if i + 1 < b and tok.lemmas[i] in ("their", "his", "her") and current and i + 1 in tok.concept_at and i + 1 not in tok.role_at:
        # "Their influence rests on trust": what the role just spoken of has.
        return current, i + 1, "some" if tok.lemmas[i] != "their" else topic.get(("quantifier", scope), "generic"), False, None
    if i < b and tok.lemmas[i] in cues.pronouns and tok.lemmas[i] not in ("you", "we", "this", "these", "those", "them"):
        if tok.lemmas[i] == "it" and not (section and section.role):
            return [], i, "generic", False, None
        if current:
            # "Some managers coast. They ..." - the pronoun keeps its antecedent's quantifier.
            if tok.lemmas[i] in ("she", "he"):
                return current, i + 1, "some", False, None  # one person who holds the role
            return current, i + 1, topic.get(("quantifier", scope), "generic"), False, None
    if section and section.role and i < b and tok.alpha[i] and tok.lemmas[i] not in cues.pronouns:
        # A bullet under a role's header that names no subject of its own speaks of that role.
        return [section.role], i, "generic", False, None
    return [], i, "generic", False, None


def _that_frame(tok: Tokens, a: int, b: int) -> int | None:
    """Where P starts in "The point is that P" / "My answer is that P" / "The bottom line is that P"."""
    i = a
    while i < b and (tok.is_punct(i) or tok.lemmas[i] in ("but", "and", "so", "yet")):
        i += 1
    if i + 3 >= b or tok.lemmas[i] not in ("the", "my", "our", "his", "her", "their"):
        return None
    k = i + 1
    while k < b and k - i <= 3 and tok.lemmas[k] not in _grammar_words("that_frame_nouns"):
        k += 1
    if k >= b or k - i > 3 or k + 2 >= b or tok.lemmas[k + 1] != "be" or tok.lower[k + 2] != "that":
        return None
    return k + 3


VERDICT_MARKS = frozenset(("-", "–", "—", ":", "("))


def _denied_proposition(tok: Tokens, a: int, b: int, cues: Cues, reading: Reading) -> int | None:
    """ '"The manager is the leader, full stop" does not match my experience', "The idea that every
    manager is a leader does not survive a real team": a proposition quoted or framed as an idea,
    then judged false by the rest of the sentence. Where the judgement starts, if it does."""
    start = a
    while start < b and (tok.is_punct(start) or cues.connectors.match(tok.lemmas, start, b)) and tok.text[start] not in ('"', "“"):
        start += cues.connectors.match(tok.lemmas, start, b) or 1  # ("Still, '...' doesn't match")
    if start >= b or reading.relation is None:
        return None
    if tok.text[start] in ('"', "“"):
        first = next((k + 1 for k in range(start + 1, b) if tok.text[k] in ('"', "”")), b)
    elif tok.lemmas[start] in ("the", "this") and start + 2 < b and tok.lemmas[start + 1] in cues.proposition_nouns.firsts \
            and tok.lower[start + 2] in ("that", "of"):
        first = start + 4  # ("The idea that P", "The picture of the leader as a speaker")
    else:
        return None
    for k, n in cues.denying_predicates.find(tok.lemmas, first, b):
        # The sentence's own verb judges it: "is (simply) wrong", "does not survive", "is attractive but misleading".
        if tok.lemmas[k - 1] in ("be", "do", "simply", "just", "plain", "frankly", "quite", "completely", "but"):
            return k
    return None


def _trailing_denial(tok: Tokens, a: int, b: int, cues: Cues) -> bool:
    """ '"Leaders are born" - false', "Every boss is a leader: myth.": a verdict after a dash or colon."""
    marks = tok.where(VERDICT_MARKS, a + 1, b)
    mark = marks[-1] if marks else None  # the last in the clause
    if mark is None:
        return False
    words = [k for k in range(mark + 1, b) if tok.alpha[k]]
    if not words or len(words) > 3:
        return False
    first = words[0]
    n = cues.denials.match(tok.lemmas, first, b) or cues.denials.match(tok.lower, first, b)
    verdicts = ("false", "myth", "untrue", "wrong", "nope", "busted", "fiction")
    return (bool(n) and first + n > words[-1]) or (len(words) == 1 and tok.lower[first] in verdicts)


def _antecedent_clause(tok: Tokens, a: int, b: int, cues: Cues, reading: Reading, earlier) -> Reading | None:
    """The earlier claim of the same sentence whose role a pronoun subject of this clause stands for."""
    i = a
    while i < b and (tok.is_punct(i) or tok.lemmas[i] in ("and", "but", "yet", "so", "or")):
        i += 1
    if i >= b or tok.lemmas[i] not in cues.pronouns or tok.lemmas[i] in ("you", "we", "it", "this"):
        return None
    if not any(tok.lower[k] in (";", ":") for k in range(max(0, a - 1), i)):
        return None  # ", and they ...": a clause of its own; after ";" or ":" the pronoun leans on the clause before
    found = next((r for r, _, _ in earlier if r.subjects == reading.subjects and r.start < a and r.reporter == reading.reporter), None)
    if found is None or tok.lemmas[found.start] in cues.subordinators or tok.lower[found.start] in cues.subordinators:
        return None  # "Although X and Y differ, they ...": the clause before is a concession, not the antecedent's claim
    return found


def _lexicon_order(roles: list[str]) -> list[str]:
    """ "both roles" after two roles spoken of apart names no order: the grammar's ("manager and leader")."""
    order = load_grammar()["pair_order"]
    return sorted(roles, key=order.index) if all(r in order for r in roles) else list(roles)


def _distribute_coordination(tok: Tokens) -> None:
    """ "management and leadership skills" names management skills too: a role word coordinated
    with the first word of a lexicon phrase takes the phrase's head when the lexicon has that form."""
    forms = lexicon_forms()
    for start, (end, entry) in list(tok.concept_at.items()):
        if end - start < 2 or start < 2 or tok.lower[start - 1] not in ("and", "or"):
            continue
        first = start - 2
        if first not in tok.role_at or tok.role_at[first][0] != start - 1:
            continue
        phrase = " ".join([tok.lemmas[first], *tok.lemmas[start + 1 : end]])
        other = forms.get(phrase)
        if other is not None and other.type != "role":
            del tok.role_at[first]
            tok.concept_at[first] = (start - 1, other)


def _name_run(tok: Tokens, i: int, step: int, limit: int) -> list[int]:
    """Capitalised non-lexicon words next to position ``i`` going in direction ``step`` (a person's name)."""
    run = []
    k = i
    while 0 <= k < limit and len(run) < 3:
        word = tok.text[k]
        if not (tok.alpha[k] and word[:1].isupper() and not tok.stop[k]) or k in tok.role_at or k in tok.concept_at:
            break
        run.append(k)
        k += step
    return sorted(run)


ARTICLES_AND_POSSESSIVES = frozenset(("a", "an", "the", "its", "their", "his", "her", "our", "my", "your"))


def _name_roles(tok: Tokens) -> None:
    """People a text introduces in a role ("appointed Ann Lee as manager", "Ann Lee, the manager",
    "supervisor Ann Lee") are that role wherever they are named later, as subject or object."""
    n = len(tok.text)
    tok.named_people = set()
    names: dict[str, object] = {}
    for start, (end, entry) in list(tok.role_at.items()):
        # "NAME as (a) [modifiers] ROLE" or "NAME, a/the [modifiers] ROLE"
        k = start - 1
        while k >= 0 and (tok.lower[k] in ARTICLES_AND_POSSESSIVES or (tok.alpha[k] and tok.islower[k] and tok.lower[k] not in ("as", "and", "or", "of"))) and start - k <= 3:
            k -= 1
        # After a comma the role takes an article or possessive ("Ann Lee, the manager"): a comma before
        # "many managers" or "not leadership" follows an adverb or an addressee, not a person in that role.
        if k >= 1 and (tok.lower[k] == "as" or (tok.lower[k] == "," and tok.lower[k + 1] in ARTICLES_AND_POSSESSIVES)):
            run = _name_run(tok, k - 1, -1, n)
            for m in run:
                names.setdefault(tok.text[m], entry)
        # "ROLE NAME" ("operations manager Gregory Vance", "supervisor Ann")
        for m in _name_run(tok, end, 1, n):
            names.setdefault(tok.text[m], entry)
    if not names:
        return
    inside = {k for s, (e, _) in tok.role_at.items() for k in range(s + 1, e)}
    for k, word in enumerate(tok.text):
        if word in names and k not in tok.role_at and k not in inside:
            tok.role_at[k] = (k + 1, names[word])
            tok.named_people.add(k)


def _yes_no_question(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Is every manager a leader?": the proposition asked about, to be settled by the answer."""
    i = a
    i = _skip_connectors(tok, i, b, cues)
    if i >= b or tok.lemmas[i] not in cues.question_auxiliaries:
        return None
    found = find_subject(tok, i + 1, b, cues)
    if not found:
        return _asked_of_anyone(tok, a, i + 1, b)
    roles, p, quantifier, negated_universal, possessor, _ = found
    reading = Reading(a, b, list(roles), quantifier=quantifier, possessor=possessor)
    j = p
    while j < b and tok.lemmas[j] in ("a", "an", "the", "also", "really", "necessarily", "automatically", "always"):
        j += 1
    if tok.lemmas[i] == "be" and j in tok.role_at:
        reading.relation, reading.object, reading.object_is_concept = "is_a", tok.role_at[j][1].label, True
    else:
        read_predicate(tok, reading, p, cues)
    return reading if reading.relation else None


ANYONE = frozenset(("you", "one", "someone", "somebody", "anyone", "anybody", "i", "we", "people"))


def _asked_of_anyone(tok: Tokens, a: int, i: int, b: int) -> Reading | None:
    """ "Do you need to be a manager to be a leader?" (a leader requires being a manager) and "Can you
    be a leader without being a manager?" (a leader does not require it): asked of anyone."""
    if i >= b or tok.lemmas[i] not in ANYONE:
        return None
    roles = [(k, tok.role_at[k][1].label) for k in range(i + 1, b) if k in tok.role_at]
    if len(roles) != 2 or roles[0][1] == roles[1][1]:
        return None
    (k1, first), (k2, second) = roles
    between = tok.lemmas[k1 + 1 : k2]
    if "without" in between:
        return Reading(a, b, [first], relation="requires", object=second, object_is_concept=True, polarity="negative")
    if tok.lemmas[i + 1] in ("need", "have", "must") and "to" in between and "be" in between:
        return Reading(a, b, [second], relation="requires", object=first, object_is_concept=True)
    return None


def _distinction_judged(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "The split is artificial", "the distinction between managers and leaders is overstated":
    the difference between two roles, judged false or real (the pair compared in the text when the
    clause names none)."""
    nouns = _grammar_words("distinction_nouns")
    if not tok.where(nouns, a + 1, min(b - 2, a + 10), "lemmas"):
        return None  # (most clauses name no distinction: the word is found from the lemma index)
    verdicts = load_grammar()["distinction_verdicts"]
    j = next((k for k in range(a, min(b - 2, a + 10)) if tok.lemmas[k] in nouns and k > a and tok.lemmas[k - 1] in ("the", "this", "that", "whole")), None)
    if j is None:
        return None
    k = j + 1
    roles = []
    between = k < b and tok.lower[k] == "between"
    if between:
        while k < b and tok.lemmas[k] not in cues.copulas.firsts:
            if k in tok.role_at:
                roles.append(tok.role_at[k][1].label)
            k += 1
    if k >= b or not cues.copulas.match(tok.lemmas, k, b):
        return None
    k += cues.copulas.match(tok.lemmas, k, b)
    negated = False
    while k < b and (tok.lemmas[k] in ("not", "simply", "just", "largely", "mostly", "rather", "quite", "a", "an", "very", "often", "completely", "entirely", "somewhat") or tok.lower[k] == "n't"):
        negated = negated or tok.lemmas[k] == "not" or tok.lower[k] == "n't"
        k += 1
    word = tok.lemmas[k] if k < b else ""
    if word in verdicts["false"]:
        polarity = "positive" if negated else "negative"
    elif word in verdicts["real"]:
        polarity = "negative" if negated else "positive"
    else:
        return None
    if between and len(set(roles)) != 2:
        return None  # ("the gap between rich and poor is huge")
    pair = list(dict.fromkeys(roles)) if between else _compared_pair(tok)
    if len(pair) != 2:
        return None
    reporter = _third_party_frame(tok, a, j - 1, cues, b)
    return Reading(a, b, [pair[0]], relation="differs_from", object=pair[1], object_is_concept=True,
                   polarity=polarity, reporter=reporter)


def _bare_item(tok: Tokens, p: int, b: int, cues: Cues, section) -> Found | None:
    """A verbless list item of at most four words under a role's header, as written, typed by the
    header's head word ("Key skills of a manager:" - skill) or else a focus."""
    words = [k for k in range(p, b) if not tok.is_punct(k)]
    while words and tok.lemmas[words[0]] in ("a", "an", "the"):
        words.pop(0)
    if not words or len(words) > 4 or any(not tok.alpha[k] for k in words) or any(
        k in tok.role_at or k in tok.concept_at or tok.lemmas[k] in cues.known_verbs or tok.lemmas[k] in cues.auxiliaries
        for k in words
    ):
        return None
    at = tok.idx[words[0]]
    source = plain_text_of(tok.doc)
    line = source.rfind("\n", 0, at) + 1
    if not LIST_MARKER.fullmatch(source, line, at) or PARAGRAPH_BREAK.search(source, section.header.end, at):
        return None  # ("Open questions" under the header, or a paragraph on: a heading of its own, not an item)
    start, end = section.header_tokens
    kind = next((name for name, heads in cues.type_heads.items() if heads.find(tok.lemmas, start, end)), "focus")
    return Found(words[0], words[-1] + 1, tok.words(words), kind, False)


def _repeats_predicate(tok: Tokens, k: int, b: int, previous: Reading) -> bool:
    """The words up to the first comma after "It can" are words of the previous claim's own predicate
    ("Leadership cannot be taught." - "It can be taught, at least in part.")."""
    stop = next((m for m in range(k, b) if tok.lower[m] in (",", ";", "-", "—")), b)
    said = {tok.lemmas[m] for m in range(previous.start, previous.end) if tok.alpha[m]}
    words = [tok.lemmas[m] for m in range(k, stop) if tok.alpha[m]]
    return bool(words) and len(words) <= 3 and all(w in said for w in words)


def _view_label(tok: Tokens, a: int, b: int, cues: Cues) -> tuple[int, str] | None:
    """ "Myth: P", "Common belief: P": where P starts after the label, and the label's words."""
    if not cues.view_labels.starts_in(tok.lemmas, a, b):
        return None
    i = _skip_connectors(tok, a, b, cues, numbers=True)
    n = tok.lemmas[i] in cues.view_labels.firsts and cues.view_labels.match(tok.lemmas, i, b) if i < b else 0
    if n and i + n + 1 < b and tok.text[i + n] == ":":
        return i + n + 1, tok.span_text(i, i + n)
    return None


def _after_vocative(tok: Tokens, a: int, b: int) -> int:
    """Past a name the question is put to ("Grace, are your managers leaders?")."""
    k = a
    while k < b and k - a < 3 and tok.alpha[k] and tok.text[k][:1].isupper() and not tok.stop[k] and k not in tok.role_at:
        k += 1
    return k + 1 if a < k < b and tok.text[k] == "," else a


def _answer(tok: Tokens, a: int, b: int, cues: Cues, question: Reading | None, readings) -> Reading | None:
    """The short answer right after a yes/no question settles its proposition."""
    if question is None:
        return None
    i = a
    skip = getattr(tok, "skip", ())
    while i < b and (i in skip or tok.is_punct(i) or tok.lower[i] in ("well", "so", "a", "the", "answer", "short", "is", ":")):
        i += 1
    kind = None
    # ("Honestly, not all.": an opener such as "honestly" may stand before the answer.)
    for start in dict.fromkeys((i, _skip_connectors(tok, i, b, cues))):
        kind = next((name for name in ("not_necessarily", "no", "some", "yes")
                     if cues.answers[name].match(tok.lemmas, start, b) or cues.answers[name].match(tok.lower, start, b)), None)
        if kind:
            break
    if kind is None:
        return None
    reading = Reading(
        question.start, b, list(question.subjects), quantifier=question.quantifier, relation=question.relation,
        object=question.object, object_is_concept=question.object_is_concept, concepts=question.concepts,
        polarity=question.polarity,
    )
    if kind == "no":
        reading.polarity = "negative" if question.polarity == "positive" else "positive"
        if reading.quantifier == "all":
            reading.quantifier = "some"  # "Is every X a Y? No." - not every X is
    elif kind == "some":
        reading.quantifier = "some"
    elif kind == "not_necessarily":
        # "Is every X a Y? Not necessarily." - not every X is a Y.
        reading.polarity = "negative"
        reading.quantifier = "some" if reading.quantifier in ("all", "generic") else reading.quantifier
    return reading


LIST_MARKER = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-*•–])[ \t]*")


def _list_item_pronoun(tok: Tokens, text: str, a: int, b: int, cues: Cues) -> bool:
    """A list item that opens with "They"/"He"/"She"."""
    k = next((k for k in range(a, b) if tok.alpha[k]), None)
    if k is None or tok.lemmas[k] not in ("they", "he", "she"):
        return False
    start = tok.idx[k]
    line = text.rfind("\n", 0, start) + 1
    return LIST_MARKER.fullmatch(text, line, start) is not None


def _wh_role(tok: Tokens, a: int, b: int) -> str | None:
    """The role that "What makes a good leader?" / "Which skills do managers need?" asks about."""
    if a >= b or tok.lower[a] not in ("what", "which"):
        return None
    return next((tok.role_at[k][1].label for k in tok.roles_in(a, b)), None)


def _listed_answer(tok: Tokens, a: int, b: int, cues: Cues, role: str | None) -> Reading | None:
    """ "Curiosity, mostly." right after "What distinguishes good leaders?": the listed qualities are the role's."""
    if role is None or sum(tok.alpha[k] for k in range(a, b)) > 8 or any(is_verbish(tok, k, cues) for k in range(a, b)):
        return None
    found = [Found(k, tok.concept_at[k][0], tok.concept_at[k][1].label, tok.concept_at[k][1].type, True) for k in range(a, b) if k in tok.concept_at]
    if not found:
        return None
    first = found[0]
    return Reading(a, b, [role], relation=TYPE_RELATION[first.type], object=first.label, object_is_concept=True, concepts=found)


FIRST_PERSON = frozenset(("i", "we", "my", "our", "me", "us"))


def _author_role(tok: Tokens, start: int, end: int) -> str | None:
    """The role a first-person writer claims: "my job as a manager", "as managers, we", "I am a team lead"."""
    firsts = tok.where(FIRST_PERSON, start, end, "lemmas")
    if not firsts or not tok.roles_in(start + 1, end + 1):
        return None  # (the role looked for starts after the sentence's first token, at most at its end)
    for k in range(start, end - 1):
        if tok.lower[k] == "as" or (tok.lemmas[k] == "be" and k > start and tok.lemmas[k - 1] in ("i", "we")):
            m = k + 1
            while m < end and tok.lemmas[m] in ("a", "an", "the", "new", "first-time", "senior", "junior"):
                m += 1
            if m in tok.role_at and any(abs(f - m) <= 8 for f in firsts):
                return tok.role_at[m][1].label
    return None


def _predicate_follows(tok: Tokens, p: int, b: int, cues: Cues) -> bool:
    k = skip_adverbs(tok, p, b, cues)
    return k < b and is_verbish(tok, k, cues)


OBJECT_SKIPS = frozenset(("with", "to", "for", "on", "by", "about", "into", "from", "of", "up", "out", "what", "how", "why", "where"))
OBJECT_STOPS = frozenset(("at", "in", "on", "with", "for", "from", "to", "by", "of", "about", "without", "into", "over", "once", "until"))


HOW_NOT_WHAT = frozenset(("hard", "harder", "late", "later", "early", "long", "longer", "well", "fast", "together", "alone", "away"))


def _predicate_object(tok: Tokens, p: int, end: int, cues: Cues) -> tuple[str, int, int] | None:
    """The noun phrase a predicate acts on, past its auxiliaries, verb, particle and determiners:
    "copes with complexity" -> complexity, "holds a formal position" -> formal position."""
    k = skip_adverbs(tok, p, end, cues)
    while k < end and (tok.lemmas[k] in cues.auxiliaries or cues.negators.match(tok.lemmas, k, k + 1) or tok.lower[k] == "n't"):
        k = skip_adverbs(tok, k + 1, end, cues)
    if k >= end or not tok.alpha[k]:
        return None
    k += 1  # the verb
    while k < end and (tok.lower[k] in OBJECT_SKIPS or tok.lemmas[k] in cues.determiners):
        k += 1
    if k < end and tok.lower[k - 1] == "to" and tok.lemmas[k] == tok.lower[k] and is_verbish(tok, k, cues):
        k += 1  # "exist to keep the machine running": the infinitive's object
        while k < end and tok.lemmas[k] in cues.determiners:
            k += 1
    taken = []
    while k < end and len(taken) < 3 and tok.alpha[k] and tok.lower[k] not in NP_STOPS and tok.lower[k] not in OBJECT_STOPS:
        if not tok.stop[k] or taken:
            taken.append(k)
        k += 1
    while taken and (tok.stop[taken[-1]] or trailing_adverb(tok.lower[taken[-1]], cues)):
        taken.pop()  # "the machine running it", "monitor performance closely": no trailing pronoun or adverb
    if len(taken) == 1 and tok.lower[taken[0]] in HOW_NOT_WHAT:
        return None  # "work hard", "stay late": how, not what
    return (tok.words(taken), taken[0], taken[-1] + 1) if taken else None


def _object_pronoun(tok: Tokens, reading: Reading, p: int, previous: Reading, cues: Cues) -> None:
    """ "A boss demands respect. A leader earns it.": "it" is the quality the claim before named."""
    k = skip_adverbs(tok, p, reading.end, cues)
    while k < reading.end and (tok.lemmas[k] in cues.auxiliaries or tok.lower[k] in ("not", "n't", "never")):
        k += 1
    if k + 1 >= reading.end or tok.lower[k + 1] not in ("it", "them", "this", "that"):
        return
    if any(not tok.is_punct(m) for m in range(k + 2, reading.end)):
        return  # ("earns it back over years": more than the pronoun)
    earlier = next((c for c in previous.concepts if c.label == previous.object and c.in_lexicon), None)
    if earlier is None or not previous.object_is_concept:
        return
    if cues.lack_verbs.match(tok.lemmas, k, k + 1):
        reading.polarity = "negative"  # "Leaders ignore it"
    reading.relation, reading.object, reading.object_is_concept = previous.relation, previous.object, True
    reading.concepts = [Found(k + 1, k + 2, earlier.label, earlier.type, True, reading.polarity == "negative")]


def _after_job_is(tok: Tokens, p: int, end: int) -> int:
    """ "(A manager's) real job is removing obstacles": the activity after "job is" heads the predicate."""
    jobs = _grammar_words("job_words")
    k = next((k for k in range(p, min(end - 2, p + 3)) if tok.lemmas[k] in jobs), None)
    if k is not None and tok.lemmas[k + 1] == "be" and tok.lower[k + 2].endswith("ing"):
        return k + 2
    return p


def _coordinated_objects(tok: Tokens, reading: Reading, p: int, cues: Cues) -> None:
    """ "Supervisors enforce schedules, check timesheets and chase absences": what each verb of a
    list after the first acts on is a focus too - a verb known by its form matching the first one's."""
    v = skip_adverbs(tok, p, reading.end, cues)
    while v < reading.end and (tok.lemmas[v] in cues.auxiliaries or tok.lower[v] in ("not", "n't", "never")):
        v = skip_adverbs(tok, v + 1, reading.end, cues)
    if v >= reading.end or not tok.alpha[v] or v in tok.role_at or v in tok.concept_at or not _verb_form(tok, v):
        return
    if v > 0 and tok.lemmas[v - 1] == "be":
        return  # ("were quiet, careful and slow to speak": qualities after a copula, not things done)
    form = _verb_form(tok, v)
    people = load_grammar()["people_at_large"]
    taken = [(c.start, c.end) for c in reading.concepts]
    for k in tok.where(COMMA_AND, v + 1, reading.end):  # (the list's joints: the other words are passed over)
        if not (tok.lower[k] == "," and k + 1 < reading.end and tok.lower[k + 1] == "and"):
            w = k + 1
            if w < reading.end and tok.alpha[w] and w not in tok.role_at and _verb_form(tok, w) == form and not tok.stop[w] \
                    and tok.lower[w] not in people:
                stop = next((m for m in range(w + 1, reading.end) if tok.lower[m] in (",", "and", ";")), reading.end)
                acted = _predicate_object(tok, w, stop, cues)
                if acted is not None and acted[2] - acted[1] == 1 and tok.lemmas[acted[1]] in cues.known_verbs:
                    acted = None  # ("before they act")
                if acted is not None and not any(a < acted[2] and acted[1] < b for a, b in taken) and not any(
                    j in tok.role_at or j in tok.concept_at for j in range(acted[1], acted[2])
                ):
                    reading.concepts.append(Found(acted[1], acted[2], acted[0], "focus", False, False))
                    taken.append((acted[1], acted[2]))


COMMA_AND = frozenset((",", "and"))


def _verb_form(tok: Tokens, k: int) -> str | None:
    """ "s" or "ed" for an inflected verb form, "base" for a word the lemmatiser leaves alone."""
    word, lemma = tok.lower[k], tok.lemmas[k]
    if lemma != word:
        return "s" if word.endswith("s") else "ed" if word.endswith("ed") else None
    return "base"


def _role_object(tok: Tokens, k: int, reading: Reading) -> str | None:
    """The role a verb at (or just after) ``k`` acts on: "assess their direct reports", "do not trust managers"."""
    for m in range(k, min(reading.end, k + 6)):
        if tok.punct[m] or tok.lower[m] in ("that", "who", "which", "when", "if", "because", "while", "than"):
            return None
        if m in tok.role_at:
            label = tok.role_at[m][1].label
            return label if m > k and label not in reading.subjects else None
    return None


def _last_two_roles(topic, scope) -> list[str]:
    """The two roles last compared with each other, else the two most recently spoken of (for
    "the two", "both", "they")."""
    return topic.get("compared") or topic.get("recent", [])[-2:]


def _said_of(tok: Tokens, reading: Reading, p: int, cues: Cues) -> Reading:
    """A clause with a role subject whose predicate no rule reads is still a claim about the role:
    kept with relation related_to and the predicate's first words as its object."""
    k = skip_adverbs(tok, p, reading.end, cues)
    if k < reading.end and tok.lemmas[k] == "be":
        # "Managers are not the bad guys": what the role is said to be, as written.
        m = k + 1
        negated = False
        while m < reading.end and tok.lemmas[m] in FREE_SUBJECT_ADVERBS + ("n't", "merely", "simply", "only"):
            negated = negated or tok.lemmas[m] in ("not", "never", "n't")
            m += 1
        phrase = _phrase(tok, m, reading.end) if m < reading.end and tok.lemmas[m] in ("a", "an", "the") else None
        if phrase is None and m < reading.end and tok.alpha[m] and (m + 1 >= reading.end or tok.is_punct(m + 1)):
            phrase = (tok.lower[m], m + 1)  # "Leaders are made, not born": one word, as written
        if phrase is not None:
            reading.relation, reading.object, reading.object_is_concept = "is_a", phrase[0], False
            reading.polarity = "negative" if negated else "positive"
            return reading
    acted_on = _role_object(tok, k, reading)
    words = []
    negated = False
    while k < reading.end and len(words) < 5:
        if tok.punct[k]:
            break
        if tok.lemmas[k] in ("not", "never", "no") or tok.lower[k] == "n't":
            negated = True
        elif tok.alpha[k] and not tok.stop[k]:
            words.append(tok.lower[k])
        k += 1
    lead = next((i for i in range(reading.start, reading.end) if not tok.punct[i]), reading.start)
    # ("while"/"whereas" set a role against another: a claim of its own, not a condition)
    subordinate = (tok.lemmas[lead] in cues.subordinators or tok.lower[lead] in cues.subordinators) and tok.lower[lead] not in ("while", "whereas")
    # ("Managers count outputs, leaders ...": three words suffice when the role opens them)
    shortest = 3 if lead in tok.role_at else 4
    if len(words) < 1 or reading.end - reading.start < shortest or subordinate:
        return Reading(reading.start, reading.end, list(reading.subjects), relation=None)
    acted = _predicate_object(tok, _after_job_is(tok, p, reading.end), reading.end, cues)
    reading.relation, reading.object, reading.object_is_concept = "related_to", acted[0] if acted else " ".join(words), False
    reading.polarity = "negative" if negated else "positive"
    if acted is not None and acted_on is None and not any(j in tok.role_at or j in tok.concept_at for j in range(acted[1], acted[2])):
        # "Management copes with complexity": what the role acts on is a focus the text names.
        reading.object_is_concept = True
        reading.concepts.append(Found(acted[1], acted[2], acted[0], "focus", False, negated))
    if acted_on is not None:
        reading.object = acted_on  # "Managers assess their direct reports": what the role does to another role
        return reading
    k = skip_adverbs(tok, p, reading.end, cues)
    while k < reading.end and (tok.lemmas[k] in ("not", "never", "do", "rarely", "seldom", "hardly", "always", "often", "almost") or tok.lower[k] == "n't"):
        k += 1
    activity = _activity(tok, k, reading.end, cues)
    if activity is not None:
        # "Leaders tolerate dissent": what the role does is a skill of its own, named as written.
        reading.relation, reading.object, reading.object_is_concept = TYPE_RELATION[activity.type], activity.label, True
        reading.concepts.append(activity)
        before = range(p, activity.start)  # ("ask questions they do not know": that "not" is the questions')
        reading.polarity = "negative" if _negated_in(tok, before, cues) else "positive"
    return reading


def _activity(tok: Tokens, k: int, end: int, cues: Cues) -> Found | None:
    """A verb and its object noun ("tolerate dissent", "count outputs") at ``k``."""
    if k >= end or not (tok.alpha[k] and tok.islower[k]) or tok.stop[k] or k in tok.role_at or k in tok.concept_at:
        return None
    if tok.lemmas[k] in cues.determiners or tok.lemmas[k] in cues.auxiliaries or tok.lower[k].endswith("ly"):
        return None
    m = k + 1
    while m < end and tok.lemmas[m] in ("the", "a", "an", "their", "its", "his", "her", "our", "your"):
        m += 1
    n = m
    while n < end and n - m < 2 and tok.alpha[n] and not tok.stop[n] and n not in tok.role_at and tok.lower[n] not in NP_STOPS:
        n += 1
    if n == m or (n < end and tok.alpha[n] and not tok.stop[n] and tok.lower[n] not in NP_STOPS):
        return None  # no object, or a longer phrase than a verb and its noun
    while n > m + 1 and trailing_adverb(tok.lower[n - 1], cues):
        n -= 1  # ("handle conflict calmly")
    if any(tok.lemmas[j] in cues.not_concepts for j in range(m, n)):
        return None
    return Found(m, n, tok.words(range(m, n)), "focus", False)


def _role_anywhere(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """Last resort: a clause that names exactly one role and a quality speaks of that role
    ("authority is the weakest tool a manager has")."""
    roles = [tok.role_at[k][1].label for k in tok.roles_in(a, b)]
    if not roles:
        return None
    role = roles[0]
    equated = _concept_is_role(tok, a, b, cues)
    if equated is not None:
        return equated
    reading = Reading(a, b, [role])
    read_predicate(tok, reading, a, cues)
    lexical = [c for c in reading.concepts if c.in_lexicon]
    if not lexical:
        return None
    reading.concepts = lexical
    first = lexical[0]
    at = next(iter(tok.roles_in(a, b)))
    if first.end <= at and _negated_in(tok, range(first.end, at), cues):
        first.negated = not first.negated  # "Authority does not create leaders": the quality, denied of the role
    reading.relation, reading.object, reading.object_is_concept = TYPE_RELATION[first.type], first.label, True
    reading.polarity = "negative" if first.negated else "positive"
    return reading


def _concept_is_role(tok: Tokens, a: int, b: int, cues: Cues) -> Reading | None:
    """ "Authority is not leadership": a quality said to be (or not to be) what a role does - sameness."""
    colon = next((k for k in range(b - 1, a - 1, -1) if tok.lower[k] == ":"), None)
    i = skip_adverbs(tok, a if colon is None else colon + 1, b, cues)  # ("The truth is simple: authority is not leadership")
    while i < b and tok.lemmas[i] in ("the", "a", "an", "formal", "mere", "real", "true"):
        i += 1
    if i not in tok.concept_at:
        return None
    c_end, entry = tok.concept_at[i]
    k = c_end
    if k >= b or tok.lemmas[k] != "be":
        return None
    k += 1
    negated = differs = False
    while k < b and (cues.negators.match(tok.lemmas, k, k + 1) or tok.lower[k] == "n't" or tok.lemmas[k] in (
        "simply", "just", "merely", "really", "the", "same", "as", "thing", "different", "distinct", "from", "very", "quite"
    )):
        negated = negated or bool(cues.negators.match(tok.lemmas, k, k + 1)) or tok.lower[k] == "n't"
        differs = differs or tok.lemmas[k] in ("different", "distinct")
        k += 1
    if k not in tok.role_at:
        return None
    role_end, role = tok.role_at[k]
    if any(tok.alpha[m] for m in range(role_end, b)) and tok.lower[role_end] not in (",", ";", "and", "but"):
        return None  # "Trust is a leader's main tool": about something else
    # No attribution: saying authority is (not) leadership says nothing of whether leaders have it.
    reading = Reading(a, b, [role.label], relation="differs_from" if differs else "same_as", object=entry.label, object_is_concept=True)
    reading.polarity = "negative" if negated else "positive"
    return reading


def _subjectless(tok: Tokens, a: int, b: int, cues: Cues, topic, scope) -> Reading | None:
    """Clauses about two roles without one as subject: "X doesn't necessarily make one a Y", "differences between X and Y"."""
    roles = [(k, tok.role_at[k][1].label) for k in tok.roles_in(a, b)]
    distinct = []
    for k, label in roles:
        if label not in [d[1] for d in distinct]:
            distinct.append((k, label))
    if tok.where(cues.announcers, a, b, "lemmas"):
        return None  # "Here are the differences between X and Y:" announces, it does not claim
    last = b - 1
    while last > a and tok.space[last]:
        last -= 1
    ends_line = b >= len(tok.text) or tok.space[b - 1] or "\n" in tok.doc[b - 1].whitespace_
    if ends_line and tok.text[last] not in (".", "!", "?", ";", ",") and last - a < 16:
        # A title ("7 Differences Between Managers and Leaders") claims nothing but sets the topic.
        return Reading(a, b, [d[1] for d in distinct[:2]]) if len(distinct) >= 2 else None
    if len(distinct) < 2:
        anaphor = cues.plural_anaphors.first(tok.lemmas, a, b, b) is not None
        # "Big difference." / "Real overlap, though.": a verbless fragment speaks of the pair compared last.
        fragment = tok.alpha[a:b].count(True) <= 4 and not any(is_verbish(tok, k, cues) for k in range(a, b))
        pair = _last_two_roles(topic, scope)
        if anaphor and topic.get(scope) and len(topic[scope]) >= 2:
            distinct = [(a, topic[scope][0]), (a, topic[scope][1])]
        elif fragment and not distinct and len(pair) == 2:
            distinct = [(a, pair[0]), (a, pair[1])]
        else:
            return None
    (k1, first), (k2, second) = distinct[0], distinct[1]
    nns = [k for k, _ in cues.not_necessarily.find(tok.lemmas, a, b)]
    if any(k1 < k < k2 for k in nns):
        return Reading(a, b, [first], relation="not_necessarily", object=second, object_is_concept=True)
    for name in SYMMETRIC:
        positions = [k for k, _ in cues.relations[name].find(tok.lemmas, a, b)]
        if positions:
            negated = any(
                tok.lemmas[k] in ("not", "never", "no") and positions[0] - 4 <= k <= positions[0]
                for k, _ in cues.negators.find(tok.lemmas, a, b)
            )
            return Reading(
                a, b, [first], relation=name, object=second, object_is_concept=True,
                polarity="negative" if negated else "positive",
            )
    return None


def _records(document: Document, tok: Tokens, text: str, readings, sections, cues, quotes=()) -> DocumentExtraction:
    mentions: dict[str, dict[tuple[int, int], Span]] = {}
    types: dict[str, str] = {}
    in_lexicon: dict[str, bool] = {}
    modified, role_modified = _modifier_pattern(), _modifier_pattern("role_modifiers")
    for start, (end, entry) in sorted({**tok.role_at, **tok.concept_at}.items()):
        span = _char_span(tok, text, start, end)
        mentions.setdefault(entry.label, {})[(span.start, span.end)] = span
        types[entry.label] = entry.type
        in_lexicon[entry.label] = True
        m = _modifier_before(modified if entry.type != "role" else role_modified, text, span.start)
        if m:
            # "long-term strategy" mentions strategy as written, with its modifier.
            mentions[entry.label][(m.start(), span.end)] = Span(m.start(), span.end, text[m.start() : span.end])
        elif entry.type != "role" and _adjective_before(tok, start, cues):
            # "charismatic leadership", "decisive action": an adjective before it is part of the mention too.
            before = _char_span(tok, text, start - 1, end)
            mentions[entry.label][(before.start, before.end)] = before
    for section in sections:
        if section.role and not tok.roles_in(*section.header_tokens):
            mentions.setdefault(section.role, {})[(section.header.start, section.header.end)] = section.header
            types.setdefault(section.role, "role")
            in_lexicon.setdefault(section.role, True)
    attributions: dict[tuple, Attribution] = {}
    claims: list[Claim] = []
    rebuttals: list[Contest] = []
    claim_of: dict[int, Claim] = {}  # id of a reading -> the claim it made
    passing: set[str] = set()  # claims kept from sentences no rule read: they make no incidental word a concept
    for reading, post, sent_start in readings:
        evidence = _span(tok, text, reading.start, reading.end)
        if not evidence.text:
            continue
        for found in reading.concepts:
            if not found.in_lexicon:
                span = _char_span(tok, text, found.start, found.end)
                if found.label not in types:
                    types[found.label] = found.type
                    in_lexicon[found.label] = False
                mentions.setdefault(found.label, {})[(span.start, span.end)] = span
            verb = _verb_before(tok, found.start, reading.start, cues)
            if verb is not None and found.label in mentions:
                # "they allocate budgets": the activity as written mentions the concept too.
                span = _char_span(tok, text, verb, found.end)
                mentions[found.label][(span.start, span.end)] = span
            if reading.reported or reading.question:
                continue
            kind = types.get(found.label, found.type)
            for role in reading.subjects:
                key = (role, found.label, "negative" if found.negated else "positive")
                if key not in attributions:  # (the first stays, as with setdefault, without making the others)
                    attributions[key] = Attribution(role, TYPE_RELATION[kind], found.label, key[2], evidence)
        if reading.relation is None:
            continue
        if reading.question and not (post and post.addressees) and not reading.reported:
            continue  # ("So you are saying that P?" restates P to dispute it: it stays)
        speaker = post.speaker if post else None
        extra = ["rhetorical question"] if reading.question else []
        if reading.reporter:
            # A reported third party speaks, not the writer: a speaker only when the frame names one.
            speaker = next((name for name in document.speakers if name in reading.reporter), None)
            extra.append(REPORTED + reading.reporter)
        addressees = post.addressees if post else ()
        quantifier, polarity = reading.quantifier, reading.polarity
        if quantifier == "none":
            polarity = "negative"  # "no X is Y": the link is denied for every X
        if reading.reported:
            disputes = bool(cues.disagreement.find(tok.lemmas, sent_start, reading.end)) or bool(
                cues.disagreement.find(tok.lower, sent_start, reading.end)
            )
            if disputes:
                quantifier = FLIP_QUANTIFIER[quantifier]
                polarity = "negative" if polarity == "positive" else "positive"
                extra.append("disputes what the addressee said")
            else:
                extra.append("reports what the addressee said")
        obj = reading.object or ""
        if quantifier == "generic" and any(h.lower() == "by default" for h in _hedges(tok, reading, cues)):
            quantifier = "all"  # "an X is by default a Y": what holds by default holds of every X
        if reading.relation in TYPE_RELATION.values() and obj not in types:
            types[obj] = "focus"
        claim = Claim(
            doc=document.name,
            evidence=evidence,
            subject=_subject(reading),
            relation=reading.relation,
            object=obj,
            quantifier=quantifier,
            polarity=polarity,
            modality=_modality(tok, sent_start, reading.start, reading.end, cues, reading.hedges + extra),
            asserted_by=speaker,
            addressees=tuple(addressees),
        )
        converse = None
        # (the rare "vice versa" first: the role named as the object is looked for only then)
        if reading.relation not in SYMMETRIC and _vice_versa(tok, reading) and (
            at := next((k for k in tok.roles_in(reading.start, reading.end) if tok.role_at[k][1].label == obj), None)
        ) is not None:
            # "A is not necessarily B, and vice versa": the converse is a claim of its own, and the
            # claim itself stops before "and vice versa".
            start = at
            while start > reading.start and tok.lower[start - 1] not in ("that", ",", ";", "because"):
                start -= 1
            versa = next(k for k in range(reading.start, reading.end) if tok.lemmas[k : k + 2] == ["vice", "versa"])
            cut = versa - 1 if tok.lower[versa - 1] == "and" else versa
            trimmed = _span(tok, text, reading.start, cut)
            if trimmed.text:
                claim = replace(claim, evidence=trimmed)
            converse = replace(claim, evidence=_span(tok, text, start, reading.end), subject=obj, object=claim.subject)
        claims.append(claim)
        claim_of.setdefault(id(reading), claim)
        if reading.in_passing:
            passing.add(claim.key)
        denied = claim_of.get(id(reading.denies)) if reading.denies is not None else None
        if denied is not None and (denied.asserted_by is None or denied.asserted_by != claim.asserted_by):
            # "Defenders of hierarchy say P. I do not buy it.": the denial answers that claim.
            rebuttals.append(Contest(denied.key, claim.key, "rebuttal", "denies-the-claim-on-the-table", claim.evidence, False))
        claims.extend(replace(claim, relation=other) for other in reading.also)
        if converse is not None and converse.evidence.text:
            claims.append(converse)
        if reading.reported and "disputes what the addressee said" in (claim.modality or ""):
            rebuttals.append(_rebuttal(claim, claims, reading, tok, text))
    rebuttals += _answered_reports(readings, claim_of, tok, text, cues)
    rebuttals += _quoted_rebuttals(document, claims, quotes, tok, cues)
    rebuttals += _inline_quote_rebuttals(claims, text, tok, cues)
    linked = {(r.target, r.attacker) for r in rebuttals if r is not None}
    rebuttals += [r for r in _reply_rebuttals(document, claims, tok, cues) if (r.target, r.attacker) not in linked]
    # Words such as "people" or "change" name a concept only where something is said of it.
    # (A claim's key is a string built at each call: made only when some claim was kept in passing.)
    said = {a.concept for a in attributions.values()} | {c.object for c in claims if not passing or c.key not in passing} | {
        c.subject for c in claims if not passing or c.key not in passing}
    incidental = frozenset(load_grammar()["incidental_concepts"])
    concepts = tuple(
        Concept(label=label, type=types[label], mentions=tuple(map(spans.__getitem__, sorted(spans))), in_lexicon=in_lexicon.get(label, False))
        for label, spans in mentions.items()
        if label not in incidental or label in said
    )
    return DocumentExtraction(
        document=document,
        concepts=tuple(sorted(concepts, key=lambda c: (c.mentions[0].start if c.mentions else 0, c.label))),
        attributions=tuple(attributions.values()),
        claims=tuple(_dedupe(claims)),
        rebuttals=tuple(r for r in rebuttals if r is not None),
    )


PARTICLES = frozenset(("up", "out", "down", "off", "through", "over"))


def _verb_before(tok: Tokens, k: int, start: int, cues: Cues) -> int | None:
    """The verb whose object starts at ``k`` ("allocate [the] budgets"), when it follows a subject,
    an auxiliary, "to", a comma or "and"."""
    j = k - 1
    while j > start and k - j <= 2 and tok.lemmas[j] in ("the", "a", "an", "their", "her", "his", "its", "our", "your", "my"):
        j -= 1
    if j > start and tok.lower[j] in PARTICLES:
        j -= 1  # "draws up budgets"
    if j < start or not tok.alpha[j] or j in tok.role_at or j in tok.concept_at:
        return None
    if tok.stop[j] and tok.lemmas[j] not in _grammar_words("common_verbs"):
        return None  # (a function word: "keep", "take", "make" are verbs the stop list holds too)
    if tok.lemmas[j] in cues.determiners or tok.lower[j].endswith("ly") or tok.lemmas[j] in cues.auxiliaries:
        return None
    if j == start or not tok.islower[j]:
        # "Take calculated risks": an item or sentence that opens with its verb (a plain form)
        opens = j == start or tok.is_punct(j - 1)
        return j if opens and tok.lemmas[j] == tok.lower[j] and k - j <= 3 else None
    before = j - 1
    opener = (
        j in tok.role_ends or tok.lemmas[before] in cues.pronouns or tok.lemmas[before] in cues.auxiliaries
        or tok.lower[before] in ("to", ",", "and", "or", "who", "that")
    )
    return j if opener else None


def _subject(reading: Reading) -> str:
    """ "Both need X", "managers and leaders need X": one claim about the pair, named as written -
    unless X marks one of them ("managers and leaders show their management skills": managers)."""
    roles = list(dict.fromkeys(reading.subjects))
    if len(roles) > 1 and reading.relation not in SYMMETRIC and reading.object not in roles:
        marked = marked_roles().get(reading.object)
        return marked if marked in roles else " and ".join(roles)
    return roles[0]


def _adjective_before(tok: Tokens, k: int, cues: Cues) -> bool:
    """An adjective by its ending ("strategic", "decisive", "careful") right before position ``k``;
    not one that only grades or picks out ("necessary", "different": the determiners)."""
    j = k - 1
    if j < 0 or not (tok.alpha[j] and tok.islower[j]) or tok.stop[j] or j in tok.role_at or tok.covered_by_concept(j):
        return False
    if tok.lemmas[j] in cues.determiners:
        return False
    word = tok.lower[j]
    return len(word) > 4 and word.endswith(ADJECTIVE_ENDINGS + ("al",)) and tok.idx[j] + len(word) < tok.idx[k]


@cache
def _modifier_pattern(key: str = "mention_modifiers") -> re.Pattern:
    """A modifier right before a mention: a hyphenated compound ("long-term") or a listed word
    ("quarterly"; for roles "project" in "project manager")."""
    listed = load_grammar()[key]
    words = "|".join(re.escape(w) for w in sorted(listed, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:[A-Za-z]+(?:-[A-Za-z]+)+|{words})[ \t]+$", re.IGNORECASE)
    lowered = [str(w).lower() for w in listed]
    if all(w.isascii() and _LETTERS_SPACES_HYPHENS.fullmatch(w) for w in lowered):
        single = frozenset(w for w in lowered if w.isalpha())
        last_words = frozenset(w.rsplit(" ", 1)[1] for w in lowered if " " in w)
        _LETTER_WORDS[id(pattern)] = (single, last_words)
    return pattern


_LETTERS_SPACES_HYPHENS = re.compile(r"[a-z]+(?:[ -][a-z]+)*")
# A modifier pattern (by id: a pattern's hash is computed anew at every lookup) whose listed words are
# ASCII letters, single spaces and hyphens -> its one-word entries and the last words of those with a space.
_LETTER_WORDS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _modifier_before(pattern: re.Pattern, text: str, start: int) -> re.Match | None:
    """``pattern.search`` in the 40 characters before ``start``, begun where a match can begin.

    When the listed words are ASCII letters (with single spaces or hyphens inside), a match ends in
    letters and the blanks that close the window, so its last word is the run of letters and
    hyphens before those blanks; a run without a hyphen matches only as a listed word or as the
    last word of a listed phrase ("long term"), and only a phrase can start before the run. Most
    mentions follow no such word, and trying every position of the window cost more than the rest
    of the records together.
    """
    lo = max(0, start - 40)
    known = _LETTER_WORDS.get(id(pattern))
    if known is None:
        return pattern.search(text, lo, start)
    single, last_words = known
    blanks_end = start - 1 if start > lo and text[start - 1] == "\n" else start  # ("$" also matches before a final newline)
    word_end = blanks_end
    while word_end > lo and text[word_end - 1] in " \t":
        word_end -= 1
    word_start = word_end
    while word_start > lo and (text[word_start - 1].isalpha() or text[word_start - 1] == "-"):
        word_start -= 1
    if word_end == blanks_end or word_start == word_end:
        return None
    run = text[word_start:word_end]
    plain = run.isascii() and "-" not in run  # (case-insensitive matching folds some letters beyond ASCII)
    if last_words and (not plain or run.lower() in last_words):
        return pattern.search(text, lo, start)  # a listed phrase may start before the run
    if plain and run.lower() not in single:
        return None
    return pattern.search(text, word_start, start)


def _hedges(tok: Tokens, reading: Reading, cues: Cues) -> list[str]:
    return [tok.span_text(k, k + n) for k, n in cues.hedges.find(tok.lemmas, reading.start, reading.end)]


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    # Cached: quotes are compared with every earlier claim, so the same evidence is asked again and again.
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z']+", text) if len(w) > 2)


REASONS = frozenset(("because", "since"))
RHETORICAL = frozenset(("really", "anyone", "anybody", "ever", "seriously", "honestly"))  # a yes/no question expecting "no"
ANSWER_SENTENCES = 3  # how far on the writer's answer to a reported view may come
ANSWER_READINGS = 8


def _answered_reports(readings, claim_of: dict[int, Claim], tok: Tokens, text: str, cues: Cues) -> list[Contest]:
    """ "Critics say that P. In fact, Q.": the writer's next claim, opened by a contrast, answers the
    view just reported - about the same role, in the same post, at most two sentences on. A view
    quoted as a heading ('#6 "Leaders focus on people."') is on the table the same way, and after a
    verdict ("Nope.", "Wrong.") the writer's next claim about the role judged explains the verdict."""
    found: list[Contest] = []
    for i, (reading, post, sent_start) in enumerate(readings):
        on_table = claim_of.get(id(reading))
        if on_table is None:
            continue
        if reading.verdict and reading.denies is not None:
            denied = claim_of.get(id(reading.denies))
            answer = _verdict_explained(readings[i + 1 : i + 6], reading, claim_of, text, post)
            if denied is not None and answer is not None:
                found.append(Contest(denied.key, answer.key, "rebuttal", "verdict-explained", answer.evidence, False))
            continue
        if reading.reporter is None and not _quoted_view(tok, text, reading):
            continue
        sentences = 0
        for later, later_post, later_sent in readings[i + 1 : i + 1 + ANSWER_READINGS]:
            if later_post is not post:
                break
            if later_sent != sent_start:
                sentences += 1
                sent_start = later_sent
            if sentences > ANSWER_SENTENCES:
                break
            answer = claim_of.get(id(later))
            if later.reporter is not None and sentences > 0 and set(later.subjects) & set(reading.subjects):
                break  # another view of the same role on the table: the answer is to that one
            if answer is None or later.reporter is not None or later.denies is not None or later.verdict:
                continue
            # The opener may stand before the clause's evidence ("In fact, managers ..."), or open the
            # sentence whose second clause answers ("In practice managers ..., and every leader ...").
            first = later_sent if later.start - later_sent <= 4 else later.start
            opens = any(
                cues.rebuttal_openers.match(tok.lemmas, k, later.end)
                for k in (*range(first, min(later.end, first + 3)), *range(later_sent, min(later.end, later_sent + 2)))
            )
            if not opens or not set(later.subjects) & set(reading.subjects):
                continue
            if any(cues.affirmations.match(tok.lemmas, k, later.end) or cues.affirmations.match(tok.lower, k, later.end) for k in range(later.start, later.end)):
                continue  # "But they are right": the writer agrees
            found.append(Contest(on_table.key, answer.key, "rebuttal", "reported-view-answered", answer.evidence, False))
            break
    return found


def _quoted_view(tok: Tokens, text: str, reading: Reading) -> bool:
    """The reading stands in quotation marks that open its line (after a list number):
    '#6 "Leaders focus on people, managers focus on tasks."' - a view put up to be answered."""
    at = tok.idx[reading.start]
    line_start = text.rfind("\n", 0, at) + 1
    opened = QUOTE_OPENING.match(text, line_start)
    if opened is None:
        return False
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    closing = min((k for k in (text.find('"', opened.end(), line_end), text.find("”", opened.end(), line_end)) if k >= 0), default=-1)
    return closing > at


QUOTE_OPENING = re.compile(r"[ \t]*(?:[#*•\-–—]?[ \t]*\d*[.):]?[ \t]*)[\"“]")


def _verdict_explained(later_readings, verdict: Reading, claim_of: dict[int, Claim], text: str, post) -> Claim | None:
    """ '"Leaders are extroverts." Nope. Some of the steadiest team leaders hated giving speeches.': the
    first claim after the verdict, in its paragraph, about the role the verdict judged."""
    judged = set(verdict.denies.subjects)
    end = claim_of[id(verdict)].evidence.end
    for later, later_post, _ in later_readings:
        answer = claim_of.get(id(later))
        if later_post is not post or answer is None:
            return None
        if PARAGRAPH_BREAK.search(text, end, answer.evidence.start):
            return None
        if later.verdict or later.denies is not None or later.reporter is not None or later.question:
            continue
        if any(judged & _role_and_broader(label) for label in later.subjects):
            return answer  # ("team leaders" or "supervisors" speak to a verdict on leaders or bosses)
    return None


@cache
def _role_and_broader(label: str) -> frozenset[str]:
    """A role, the roles the lexicon puts above it, and the role its last word names ("team leader": leader)."""
    broader = {entry.label: entry.broader for entry in load_lexicon().entries if entry.broader}
    found = {label, label.split()[-1]}
    while broader.get(label) and broader[label] not in found:
        label = broader[label]
        found.add(label)
    return frozenset(found)


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _quoted_rebuttals(document: Document, claims: list[Claim], quotes, tok: Tokens, cues: Cues) -> list[Contest]:
    """A reply that quotes an earlier claim ("> ...") and then disagrees rebuts that claim."""
    found: list[Contest] = []
    text = document.text
    ordered = sorted(claims, key=lambda c: c.evidence.start)
    starts = [c.evidence.start for c in ordered]
    for qi, (q_start, q_end) in enumerate(quotes):
        quoted = _words(text[q_start:q_end])
        i = bisect_left(starts, q_start)
        # A quote repeats something near it: the last LOOKBACK claims before it.
        earlier = [c for c in ordered[max(0, i - LOOKBACK) : i] if c.evidence.end <= q_start]
        if not quoted or not earlier:
            continue
        source = max(earlier, key=lambda c: (len(quoted & _words(c.evidence.text)) / max(1, len(quoted)), c.evidence.start))
        if len(quoted & _words(source.evidence.text)) / max(1, len(quoted)) < 0.5:
            continue
        post = document.post_at(q_end)
        end = post.span.end if post else len(text)
        next_quote = quotes[qi + 1][0] if qi + 1 < len(quotes) else end
        replies = ordered[bisect_left(starts, q_end) : bisect_left(starts, min(end, next_quote))]
        if not replies:
            continue
        w_start, w_end = tok.token_range(q_end, min(end, next_quote))
        if w_start >= w_end:
            continue
        lemmas, lower = tok.lemmas, tok.lower
        disagrees = any(
            cues.disagreement.match(lemmas, k, w_end) or cues.disagreement.match(lower, k, w_end)
            for k in range(w_start, min(w_end, w_start + 12))
        )
        clashing = [c for c in replies if {c.subject, c.object} == {source.subject, source.object} and c.polarity != source.polarity]
        if not disagrees and not clashing:
            continue
        attacker = clashing[0] if clashing else replies[0]
        if attacker.asserted_by is not None and attacker.asserted_by == source.asserted_by:
            continue
        found.append(Contest(source.key, attacker.key, "rebuttal", "reply-quotes-and-disagrees", attacker.evidence, False))
    return found


INLINE_QUOTE = re.compile(r'["“]([^"“”\n]{12,200})["”]')


def _inline_quote_rebuttals(claims: list[Claim], text: str, tok: Tokens, cues: Cues) -> list[Contest]:
    """A claim that quotes words of an earlier speaker's claim inline ('"Influence does not need a title"
    sounds lovely until ...') answers that claim - unless it agrees with it."""
    found: list[Contest] = []
    ordered = sorted(claims, key=lambda c: c.evidence.start)
    for i, claim in enumerate(ordered):
        if '"' not in claim.evidence.text and "“" not in claim.evidence.text:
            continue
        earlier = [c for c in ordered[:i] if c.evidence.end <= claim.evidence.start and (
            c.asserted_by != claim.asserted_by or REPORTED in (c.modality or ""))]  # (another voice, or a view reported)
        if not earlier:
            continue
        for m in INLINE_QUOTE.finditer(claim.evidence.text):
            quoted = _words(m.group(1))
            if len(quoted) < 3:
                continue
            source = max(earlier, key=lambda c: (len(quoted & _words(c.evidence.text)), c.evidence.start))
            if len(quoted & _words(source.evidence.text)) / len(quoted) < 0.6:
                continue
            start, end = tok.token_range(claim.evidence.start, claim.evidence.end)
            if any(cues.affirmations.match(tok.lemmas, k, end) or cues.affirmations.match(tok.lower, k, end) for k in range(start, end)):
                continue  # ('"Leaders are made" - exactly right.')
            found.append(Contest(source.key, claim.key, "rebuttal", "quotes-an-earlier-claim", claim.evidence, False))
            break
    return found


def _reply_rebuttals(document: Document, claims: list[Claim], tok: Tokens, cues: Cues) -> list[Contest]:
    """A reply addressed to someone that opens by disagreeing ("I disagree.", "No -", "Not quite.")
    rebuts that person's claim about the same roles (else their last claim about roles)."""
    found: list[Contest] = []
    for post in document.posts:
        if not post.addressees:
            continue
        start, end = tok.token_range(post.span.start, post.span.end)
        opening = [k for k in range(start, min(end, start + 14)) if k not in getattr(tok, "skip", ())]
        if not post.disputes and not any(
            cues.disagreement.match(tok.lemmas, k, end) or cues.denials.match(tok.lemmas, k, end) for k in opening[:8]
        ):
            continue
        mine = [c for c in claims if post.span.start <= c.evidence.start < post.span.end]
        theirs = [c for c in claims if c.asserted_by in post.addressees and c.evidence.start < post.span.start]
        if not mine or not theirs:
            continue
        attacker = mine[0]
        same = [c for c in theirs if {c.subject, c.object} == {attacker.subject, attacker.object}]
        central = [c for c in theirs if c.relation in ("is_a", "same_as", "differs_from", "not_necessarily")]
        target = (same or central or theirs)[-1]
        found.append(Contest(target.key, attacker.key, "rebuttal", "reply-opens-with-disagreement", attacker.evidence, False))
    return found


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for claim in claims:
        key = (claim.evidence.start, claim.evidence.end, claim.subject, claim.object)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def _vice_versa(tok: Tokens, reading: Reading) -> bool:
    """ "vice versa" starts in the reading (looked up from the places of "vice", most documents have none)."""
    at = tok.lemmas.positions.get("vice")
    if at is None:
        return False
    return any(tok.lemmas[k + 1 : k + 2] == ["versa"] for k in at[bisect_left(at, reading.start) : bisect_left(at, reading.end)])


def _char_span(tok: Tokens, text: str, start: int, end: int) -> Span:
    a, b = tok.idx[start], tok.idx[end - 1] + len(tok.text[end - 1])
    return Span(a, b, text[a:b])


def _rebuttal(claim: Claim, earlier: list[Claim], reading: Reading, tok: Tokens, text: str) -> Contest | None:
    """Link a reply's dispute to the addressee's claim it reports (same normal form, else most shared words)."""
    candidates = [c for c in earlier if c is not claim and c.asserted_by in claim.addressees]
    if not candidates:
        candidates = [c for c in earlier if c is not claim and c.evidence.start < claim.evidence.start]
    if not candidates:
        return None
    reported_words = {tok.lemmas[k] for k in range(*reading.reported) if tok.alpha[k]}

    def score(c: Claim) -> tuple:
        same_form = (c.subject, c.relation, c.object) == (claim.subject, claim.relation, claim.object)
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", c.evidence.text)}
        return (same_form, len(reported_words & words), c.evidence.start)

    target = max(candidates, key=score)
    return Contest(
        target=target.key,
        attacker=claim.key,
        kind="rebuttal",
        rule="reply-reports-and-disputes",
        evidence=claim.evidence,
        cross_document=False,
    )


__all__ = ["extract_document", "find_sections", "Found"]
