"""Who says what to whom: posts, speakers and addressees of a thread; sections and their roles.

Threads name their speakers in several ways: a byline ("Ann Lee:", "Posted by Ann Lee"), a
signature line ("— Ann"), or only indirectly, when a reply addressed to someone reports what they
said ("But you said that ...") or answers them ("Mr Lee, thanks ..."). Names at the start or end of
a reply ("@ Ann Lee", "... Ann Lee") are its addressees, never its author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from kg.lexicon import load_grammar, load_lexicon
from kg.records import Post, Span

NAME_WORD = r"(?:[A-Z][a-z'’\-]+|[A-Z]\.|[A-Z][a-z]*\.?)"
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}"
EMAIL = r"<[^<>\s]+@[^<>\s]+>"  # "From: Ann Lee <ann@example.org>"
CAPS_NAME = r"[A-Z][A-Z'’\-]+\.?(?:\s+[A-Z][A-Z'’\-]+\.?){0,3}"  # "MODERATOR", "DR. OKAFOR" in transcripts
# A user handle ("mark_t", "jenny.w", "dev42"): only where the layout says it is a person - after "@",
# after a sign-off dash, or before a timestamp.
# Handles are bounded in length: two overlapping classes over an unbounded word (a base64 blob, a
# minified line) made matching quadratic in the word's length.
STRONG_HANDLE = r"[A-Za-z][A-Za-z0-9]{0,30}[_.\d][A-Za-z0-9_.]{0,30}[A-Za-z0-9]"  # "mark_t", "jenny.w", "dev42"
HANDLE = rf"{STRONG_HANDLE}|[a-z][a-z0-9]{{2,40}}|[A-Z][a-z]{{1,20}}[A-Z][A-Za-z]{{0,20}}"  # also "JohnR", "TechLead"
TIMESTAMP = r"\d+\s*(?:s|m|h|d|w|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|yesterday|today|just now|\d{1,2}:\d{2}|\d{4}"
_WORD = re.compile(r"[A-Za-z'’]+")
# The patterns every line is tried against, compiled once (an f-string pattern is formatted and
# looked up in re's cache at each call, which cost as much as the matching).
_NAME_ONLY = re.compile(NAME)
_HANDLE_ONLY = re.compile(HANDLE)
_STRONG_HANDLE_ONLY = re.compile(STRONG_HANDLE)
_OPENING_HANDLE = re.compile(rf"^@({NAME}|{HANDLE})\b")
_REPLIED_TO = re.compile(
    rf"^({NAME}|{STRONG_HANDLE})\s+(?:replied|replies|responded|responds|answered|answers|wrote back)\s+to\s+@?({NAME}|{STRONG_HANDLE})\s*:?\s*$"
)
_CHAT = re.compile(r"^(?:\[[^\]]{1,20}\]\s*)?<([^<>\s]{1,30})>\s*(.*)$")
_CHAT_ADDRESSEE = re.compile(rf"^({NAME}|{HANDLE})[:,]\s")
_LABEL_NOT_HANDLE = re.compile(r"[A-Za-z]{1,2}\d{1,3}|[A-Za-z]\.[A-Za-z]\.?")
_BULLET = re.compile(r"^[-*•–]\s+")
_TIME_STAMP = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+")
_ADDRESSEE_AT_END = re.compile(rf"(?:@\s*({NAME})|(?<=[a-z,;?!])\s+({NAME}))\s*$")
_AT_HANDLE = re.compile(rf"^@({HANDLE})\b")
_AT_NAME_WORD = re.compile(rf"^@{NAME_WORD}")
_OPENING_NAME = re.compile(rf"^({NAME}|{HANDLE}),")
_ITEM_NUMBER = re.compile(r"^(?:#?\d{1,4}[.)]?\s+)")
_REPLYING_BYLINE = re.compile(
    rf"^(?:@|u/)?({NAME}|{HANDLE})(?:\s{{2,}}|\s*[➦→▸►]\s*|\s+replying to\s+)@?({NAME}|{HANDLE})\s*[·|•,–-]\s*((?:{TIMESTAMP})[^:]{{0,20}})$"
)
_ANSWERER_LABEL = re.compile(rf"^(?:A|Q|Answer|Question|Reply|Response|Comment)\s*\d*\s*\((?:by\s+)?({NAME}|{HANDLE})\)\s*:\s*(.*)$")
LOOKBACK = 200  # lines a reply may reach back to: threads answer what is near, and it keeps this linear


@dataclass
class Line:
    """One non-empty line of the document and what marks it."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    addressees: list[str] = field(default_factory=list)
    is_reply: bool = False
    is_quote: bool = False
    signature: str | None = None
    byline: bool = False
    byline_end: int | None = None  # where the "Name:" prefix of a byline line ends
    inline: bool = False  # "- Ann: text" in minutes or notes: the name speaks for this line only
    signoff: bool = False  # "Regards," on a line of its own
    chat: bool = False  # "<ann> text": a chat log's nick
    disputes: bool = False  # "Ann disagreed: ..." - the byline's verb disputes what came before
    meta: bool = False  # "answered 3 days ago", "8,412 reputation", "Score 23": a post's metadata
    attribution: str | None = None  # "On 3 May, Ann Lee wrote:" over a quote: the quote is Ann's
    tail: int | None = None  # where a trailing "- ann_k 3 days ago" that signs this line starts


@cache
def _common_words() -> frozenset[str]:
    words = {w for entry in load_lexicon().entries for form in entry.forms for w in form.lower().split()}
    grammar = load_grammar()
    for key in ("hedges", "negators", "pronouns", "determiners", "disagreement", "agreement", "report_verbs", "not_names"):
        for item in grammar.get(key, []):
            words.update(str(item).lower().split())
    return frozenset(words)


def _is_name(candidate: str, common: set[str]) -> bool:
    words = candidate.replace(".", ". ").replace("’", "'").split()  # ("Don’t" is the common "don't")
    if not words or len(words) > 5 or all(len(w.strip(".")) < 2 for w in words):
        return False  # "Q:" and "A:" label questions and answers, they name nobody
    if any(w.lower().strip(".") in common or w.lower().strip(".").removesuffix("s") in common for w in words if len(w.strip(".")) > 1):
        return False  # ("Managers, we are told, ...": a role's plural is no name)
    return all(w[0].isupper() for w in words)


ATTRIBUTION = re.compile(
    rf"(?:^|,\s*)({NAME})\s*(?:{EMAIL}|\([^()]*\))?\s*(?:wrote|writes|said|says)\s*:\s*$"
)


def _cased(name: str) -> str:
    """ "DR. OKAFOR" -> "Dr. Okafor": a transcript's capitals are layout, not the name."""
    return name.title() if name.isupper() and len(name) > 2 else name


def _person(name: str, common: frozenset[str]) -> bool:
    """A person's name ("Ann Lee") or a user handle ("kjell_r") that is no common word."""
    if _NAME_ONLY.fullmatch(name):
        return _is_name(name, common)
    return _HANDLE_ONLY.fullmatch(name) is not None and name.lower() not in common


def _opening_handle(line: Line, text: str) -> None:
    """ "@ann_k that is harsh": the handle a line opens with is its addressee."""
    m = _OPENING_HANDLE.match(text)
    if m:
        line.addressees.append(m.group(1))
        line.is_reply = True


def _blank_line(text: str, a: int, b: int) -> bool:
    """A blank line between two lines that end at ``a`` and start at ``b`` (only white space lies
    between them: spaces, tabs and carriage returns do not count)."""
    return text.count("\n", a, b) >= 2


def _lines(text: str) -> list[Line]:
    lines = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group(0)
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            lines.append(Line(match.start() + lead, match.start() + lead + len(body), body))
    return lines


def _mark(line: Line, common: set[str]) -> None:
    grammar = load_grammar()
    text = line.text
    if text.startswith(">"):
        line.is_quote = True
        return
    if _is_meta(text):
        line.meta = True
        return
    # "Ann Lee replied to Bob Stone:" - a byline that names its addressee.
    m = _REPLIED_TO.match(text)
    if m and all(_is_name(n, common) or _STRONG_HANDLE_ONLY.fullmatch(n) for n in m.groups()):
        line.speaker, line.byline, line.addressees, line.is_reply = m.group(1), True, [m.group(2)], True
        return
    stamped = _may_be_stamped(text)  # (both patterns below need a timestamp or a date)
    m = _REPLYING_BYLINE.match(text) if stamped else None
    if m and _person(m.group(1), common) and _person(m.group(2), common):
        line.speaker, line.byline, line.addressees, line.is_reply = m.group(1), True, [m.group(2)], True
        return
    name = _byline(_ITEM_NUMBER.sub("", text.replace("**", "").replace("__", "")), common)  # "1. Ann Lee says:"
    if name:
        line.speaker, line.byline = name, True
        return
    # A comment signed at its end: "Nice theory. - ann_k 3 days ago", "... – Ann Lee, 2 h ago".
    m = _SIGNED_TAIL.search(text) if stamped else None
    if m and m.start() > 0 and _person(m.group(1), common):
        line.speaker, line.inline, line.tail = m.group(1), True, line.start + m.start()
        _opening_handle(line, text[: m.start()])
        return
    # A chat log: "[09:14] <ann> text" - the nick speaks for this line.
    m = _CHAT.match(text)
    if m and m.group(2):
        line.speaker, line.byline, line.inline, line.chat = m.group(1), True, True, True
        line.byline_end = line.start + m.start(2)
        text = m.group(2)
        m = _CHAT_ADDRESSEE.match(text)
        if m:
            line.addressees.append(m.group(1))  # "<bo> ann: that's not true" answers ann
            line.is_reply = True
        return
    # A handle's byline: "mark_t: ...", "dev42 wrote:", "jenny.w said: ..." (a handle has a digit, "_" or ".").
    m = _line_patterns().handle_byline.match(text)
    if m and m.group(1).lower() not in common and not _LABEL_NOT_HANDLE.fullmatch(m.group(1)):
        line.speaker, line.byline = m.group(1), True  # (not "Q1:", "A2:", "i.e.:")
        line.byline_end = line.start + m.start(2) if m.group(2) else line.end
        if m.group(2):
            _opening_handle(line, m.group(2))
        return
    # "A (Lena Fischer): No." / "Answer (kjell_r): ..." - a Q&A label with the answerer's name.
    m = _ANSWERER_LABEL.match(text)
    if m and _person(m.group(1), common):
        line.speaker, line.byline = m.group(1), True
        line.byline_end = line.start + m.start(2) if m.group(2) else line.end
        return
    bullet = _BULLET.match(text)
    # "[00:01:05] ADEYEMI: ..." - a transcript's time stamp before the speaker's label.
    lead = bullet or _TIME_STAMP.match(text)
    # "Ann Lee:", "ANN LEE:", "[Ann Lee]:", "Ann Lee (for the motion):", "Ann Lee replied:"
    # (The pattern needs a colon; most lines hold none, and it backtracks over every way to read a name.)
    m = _line_patterns().name_byline.match(text[lead.end() :] if lead else text) if ":" in text else None
    # A lone "Word:" line is a section header; a byline needs two name words, a verb or text after it.
    # After a bullet ("- Ann: text") it needs text: the name speaks for that line.
    if m and _is_name(m.group(1), common) and (
        (len(m.group(1).split()) >= 2 or m.group(2) or m.group(3)) if not bullet else m.group(3)
    ):
        shift = lead.end() if lead else 0
        line.speaker, line.byline, line.inline = _cased(m.group(1)), True, bool(bullet)
        line.disputes = bool(m.group(2)) and m.group(2).lower() in grammar["disputing_verbs"]
        line.byline_end = line.start + shift + m.start(3) if m.group(3) else line.end
        text = m.group(3)
        if not text:
            return
    m = _line_patterns().signature.match(text)  # "— Jo Park, Boston"
    if m and (_is_name(m.group(1), common) if m.group(1) else m.group(2).lower() not in common and text[:1] in "—–-~"):
        line.signature = m.group(1) or m.group(2)
        return
    if _line_patterns().signoff.fullmatch(text):
        line.signoff = True  # "Cheers," - the name follows on the next line
        return
    # Addressee at the end: "... a leader Ann K. Lee" or "...?@ Ann Lee".
    m = _ADDRESSEE_AT_END.search(text) if _may_end_with_name(text) else None
    if m:
        name = m.group(1) or m.group(2)
        if m.group(1) or (len(name.split()) >= 2 and _is_name(name, common)):
            if _is_name(name, common):
                line.addressees.append(name)
                line.is_reply = True
    # Addressee at the start: "@Ann", "Mr Lee thanks ...", "Dear Ann,".
    m = _AT_HANDLE.match(text)
    if m and not _AT_NAME_WORD.match(text):
        line.addressees.insert(0, m.group(1))
        line.is_reply = True
    m = _line_patterns().salutation.match(text)
    if m:
        # The longest run of capitalised words after the salutation that is still a name.
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if name[:1].isupper() and _is_name(name, common):
                line.addressees.insert(0, name)
                line.is_reply = True
                break
    # "@ Ann Lee" is seen from both ends: keep the longest form of each name.
    line.addressees = [a for a in line.addressees if not any(a != b and a in b for b in line.addressees)]


META = r"\([^()]*\)"  # "(12 votes)", "(2 days ago)"
MONTH_DAY = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?"  # "on May 12", "on March 3, 2024"
ON_DATE = rf"\s+on\s+{MONTH_DAY}(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|AM|PM)?)?"  # "on March 3, 2024 at 10:14 am"
_SIGNED_TAIL = re.compile(rf"\s[-–—]\s*({NAME}|{HANDLE}),?\s+(?:{TIMESTAMP}|on\s+{MONTH_DAY})\s*$")


def _may_end_with_name(text: str) -> bool:
    """False when ``_ADDRESSEE_AT_END`` cannot match: its name's last word is the line's last word
    (after "@", or white space), so that word starts with a capital or holds an "@". Most lines
    end in a lower-case word, and the search tries a name at every space of the line."""
    words = text.rsplit(None, 1)
    return bool(words) and ("A" <= words[-1][0] <= "Z" or "@" in words[-1])


@cache
def _meta_pattern() -> re.Pattern:
    """Lines that only describe a post: "8,412 reputation", "Score 23 - accepted answer", "Date: ..."."""
    counts = "|".join(re.escape(c) for c in load_grammar()["meta_counts"])
    return re.compile(
        rf"^(?:[\d.,]+\s*k?\s+(?:{counts})\b.{{0,30}}"
        rf"|(?:score|votes?|points)\s*:?\s*[-+]?\d+\b.{{0,40}}"
        rf"|(?:message|date|subject|to|cc|sent)\s*:.*"
        rf"|(?:\d+\.\s+)?(?:re|fwd?)\s*:.*)$",  # a subject line, or a digest's list of them: "1. Re: Are PMs leaders?"
        re.IGNORECASE,
    )


@cache
def _footer_pattern() -> re.Pattern:
    verbs = "|".join(re.escape(v) for v in load_grammar()["footer_verbs"])
    return re.compile(rf"^(?:{verbs})\s+(?:{TIMESTAMP}|(?:on|at)\s+.{{1,30}})$", re.IGNORECASE)


def _is_footer(text: str) -> bool:
    """ "answered 3 days ago": the author's name follows on the next line."""
    return len(text) <= 60 and _footer_pattern().match(text) is not None


@cache
def _action_words() -> frozenset[str]:
    words = {w for action in load_grammar()["meta_actions"] for w in str(action).lower().split()}
    return frozenset(words | TIME_WORDS)


TIME_WORDS = frozenset("s m h d w y mo min mins minute minutes hr hrs hour hours day days week weeks month months year years ago just now today yesterday".split())
_ROW_SEPARATORS = re.compile(r"[\s·|•\-–—\[\]()]+")
_COUNT = re.compile(r"\d+[a-z]{0,5}|\d{1,2}:\d{2}")


def _is_action_row(text: str) -> bool:
    """A row of a comment's buttons: "Like · Reply · 2h", "Reply", "parent | next [–]" (read word by
    word: a regex of overlapping alternatives backtracked exponentially on rows of numbers)."""
    words = [w for w in _ROW_SEPARATORS.split(text.lower()) if w]
    known = _action_words()
    return bool(words) and all(w in known or _COUNT.fullmatch(w) for w in words) and any(not w.isdigit() for w in words)


DATE_LINE = re.compile(
    rf"^(?:(?:on\s+)?(?:{MONTH_DAY}|\d{{1,2}}\s+[A-Z][a-z]{{2,8}}\.?(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|{TIMESTAMP})"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|AM|PM)?)?|(?:{TIMESTAMP}))\.?$"
)


def _is_meta(text: str) -> bool:
    return len(text) <= 80 and (
        _is_footer(text) or _meta_pattern().match(text) is not None or _is_action_row(text) or DATE_LINE.match(text) is not None
    )
# "on 12 May", "· 3 h ago", " - Tue Mar 04, 2025 7:12 am" (a colon only inside a time of day)
WHEN = rf"(?:\s+(?:on|at)\s+(?:[^:]|(?<=\d):(?=\d)){{1,30}}|\s*[·|•,–-]\s*(?:[^:·|•]|(?<=\d):(?=\d)){{0,40}})"


@cache
def _alternation(key: str, longest_first: bool = False, without: tuple[str, ...] = ()) -> str:
    """The grammar's list ``key`` as an escaped regex alternation (built once, asked for every line)."""
    items = [str(item) for item in load_grammar()[key] if item not in without]
    return "|".join(re.escape(item) for item in (sorted(items, key=len, reverse=True) if longest_first else items))


@cache
def _byline_verbs() -> str:
    grammar = load_grammar()
    return "|".join(re.escape(v) for v in [*grammar["byline_verbs"], *grammar["disputing_verbs"]])


@dataclass(frozen=True)
class _LinePatterns:
    """The line patterns built from the grammar's lists, compiled once per process."""

    prefixed_byline: re.Pattern
    prefixed_handle: re.Pattern
    verb_byline: re.Pattern
    handle_byline: re.Pattern
    name_byline: re.Pattern
    signature: re.Pattern
    signoff: re.Pattern
    salutation: re.Pattern


@cache
def _line_patterns() -> _LinePatterns:
    prefixes = _alternation("byline_prefixes", longest_first=True)
    signoffs = _alternation("signoff_prefixes")
    salutes = _alternation("salutations", without=("thanks", "thank you"))
    return _LinePatterns(
        prefixed_byline=re.compile(rf"^(?:{prefixes})\s*:?\s+({NAME})\s*(?:{EMAIL})?\s*(?:{META})?{WHEN}?\s*:?\s*$", re.IGNORECASE),
        prefixed_handle=re.compile(rf"^(?:{prefixes})\s*:?\s+(?:@|u/)?({HANDLE})(?:\s+(?:{TIMESTAMP}))?{WHEN}?\s*:?\s*$", re.IGNORECASE),
        verb_byline=re.compile(rf"^({NAME}|{HANDLE})(?:\s+from\s+{NAME})?\s*(?:{META})?(?:{WHEN}|{ON_DATE})?\s*(?:{_byline_verbs()}){WHEN}?\s*:?\s*$"),
        handle_byline=re.compile(rf"^@?({STRONG_HANDLE})\s*(?:{_byline_verbs()})?\s*:\s*(.*)$"),
        name_byline=re.compile(rf"^\[?({NAME}|{CAPS_NAME})\]?\s*(?:{META})?\s*({_byline_verbs()})?\s*:\s*(.*)$"),
        signature=re.compile(rf"^(?:{signoffs})[,\s]*(?:({NAME})|({HANDLE}))(?:,\s*[A-Z][A-Za-z.'’ -]{{1,40}})?\s*$"),
        signoff=re.compile(rf"(?:{signoffs})\s*[,!.]?", re.IGNORECASE),
        salutation=re.compile(rf"^(?:{salutes})\s*((?:{NAME_WORD}\s*){{1,3}})", re.IGNORECASE),
    )


_STAMPED_BYLINE = re.compile(rf"^(?:\[[–+-]\]\s*)?(?:@|u/)?({NAME}|{HANDLE})\s+(?:[-+]?\d[\d,.]*k?\s+(?:points?|votes?|karma)\s+)?(?:{TIMESTAMP})\b[^:]{{0,40}}$")
_DATED_NAME = re.compile(rf"^({NAME}){ON_DATE}\s*$")
# ("Ann Lee | 9 November 2026 | filed under: work, rants": a category label may hold a colon)
_CATEGORY = r"(?i:filed\s+under|posted\s+in|tags|tagged|category|categories|topics?)\s*:\s*[^:·|•]{1,60}"
_NAME_AND_META = re.compile(rf"^(?:@|u/)?({NAME}|{HANDLE})\s*(?:\(([^()]*)\))?\s*((?:[·|•,–—-]\s*[^:·|•]{{1,40}})?(?:\s*[·|•]\s*(?:{_CATEGORY}|[^:·|•]{{1,40}})){{0,3}})\s*:?\s*$")
_POST_META = re.compile(rf"\b(?:{TIMESTAMP}|{MONTH_DAY}|\d{{1,2}}\s+[A-Z][a-z]{{2,8}}|\d+\s*(?:s|m|h|d|w|y|mo|mins?|hrs?)|votes?|points?|likes?|upvotes?|replies)\b", re.IGNORECASE)
# The last three bylines need a digit (a timestamp, a date, a count) or a word of STAMP_WORDS in the
# line. Most lines hold neither, and each pattern backtracks over every way to read a name at its start.
_DIGIT = re.compile(r"\d")
STAMP_WORDS = ("vote", "point", "like", "replies", "yesterday", "today", "just now")  # ("upvotes" holds "vote")


def _may_be_stamped(text: str) -> bool:
    """False only when the line holds no digit and none of ``STAMP_WORDS`` in any case. (A search for
    their alternation cost more than the patterns it spares; outside ASCII, case-insensitive
    matching folds more letters than ``lower`` does, so such lines are always tried.)"""
    if not text.isascii() or _DIGIT.search(text):
        return True
    lower = text.lower()
    return any(word in lower for word in STAMP_WORDS)


_FROM_EMAIL = re.compile(rf"^from\s*:\s*\S+@\S+\s+\(({NAME})\)\s*$", re.IGNORECASE)
_POSTED_ON_BY = re.compile(
    rf"^(?i:posted|published|written|filed)\s+(?i:on)\s+[\w ,./-]{{4,30}}?\s+(?i:by)\s+({NAME})(?:\s+(?i:in|under)\s+[^:]{{1,60}}|\s*[|·•]\s*[^:]{{1,60}})?\s*$"
)
_NUMBERED_POST = re.compile(r"^(comment|reply|answer|response|post)\s+#?\d{1,5}\s+(by|from)\b", re.IGNORECASE)


def _byline(text: str, common: frozenset[str]) -> str | None:
    """The name of a line that only introduces a post: "Posted by Ann Lee", "Answer from Ann Lee (12
    votes)", "Comment by Ann Lee on 12 May:", "Ann Lee commented:", "Ann Lee (2 days ago)", "ann_l · 3 h ago"."""
    patterns = _line_patterns()
    text = _NUMBERED_POST.sub(r"\1 \2", text)  # "Comment #3 by"
    m = patterns.prefixed_byline.match(text)
    if m and _is_name(m.group(1), common):
        return m.group(1)
    m = patterns.prefixed_handle.match(text)
    if m and _person(m.group(1), common):
        return m.group(1)  # "Posted by u/quiet_lead 5h ago"
    m = _POSTED_ON_BY.match(text)
    if m and _is_name(m.group(1), common):
        return m.group(1)  # "Posted on 14 October 2026 by Ann Lee in Work, Rants"
    m = _FROM_EMAIL.match(text)  # "From: ann@example.org (Ann Lee)"
    if m and _is_name(m.group(1), common):
        return m.group(1)
    m = patterns.verb_byline.match(text)
    if m and _person(m.group(1), common):
        return m.group(1)  # "Ann Lee commented:", "Ann Lee on 3 May 2024 at 10:14 am said:", "JohnR from Ohio wrote:"
    if not _may_be_stamped(text):
        return None
    m = _STAMPED_BYLINE.match(text)
    if m and _person(m.group(1), common):
        return m.group(1)  # "kjell_r 3 hours ago | parent | next", "[–] ann_k 97 points 8 hours ago"
    m = _DATED_NAME.match(text)
    if m and _is_name(m.group(1), common):
        return m.group(1)  # "Ann Lee on March 3, 2024 at 10:14 am"
    # Without a prefix or a verb, metadata must say it is a post: a timestamp, votes, likes.
    m = _NAME_AND_META.match(text)
    meta = m and " ".join(g for g in (m.group(2), m.group(3)) if g)  # ("Ann Lee · Nov 19, 2026 · 8 min read")
    if meta and _POST_META.search(meta):
        if _person(m.group(1), common):
            return m.group(1)
    return None


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    for suffix in ("ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")


@lru_cache(maxsize=4096)
def _content(text: str, common: frozenset[str]) -> frozenset[str]:
    """Content-word stems, for comparing what a reply reports with what was said."""
    return frozenset(_stem(w) for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2)


def _reported(text: str) -> list[str]:
    """The clauses a reply reports its addressee as having said: "you considered that P"."""
    verbs = _alternation("report_verbs")
    found = []
    for m in re.finditer(rf"\byou\s+(?:have\s+|had\s+)?(?:{verbs})\s+(?:that\s+)?", text, re.I):
        rest = re.split(r"[.;?!]", text[m.end() :])[0]
        found.append(re.split(r",\s*(?:and|but|then)\b|\band (?:after|then)\b|\byou\b", rest)[0])
    return found


def _infer(lines: list[Line], common: set[str]) -> None:
    """Give unnamed lines and replies their speakers from what replies say about them."""
    # 1. A reply to X that reports "you said P" names X as the author of the earlier line saying P.
    for i, line in enumerate(lines):
        if not line.is_reply or not line.addressees:
            continue
        target = line.addressees[-1]
        said = line.text
        for name in line.addressees:
            said = said.replace(name, " ")
        for reported in _reported(said):
            words = _content(reported, common)
            best, best_score = None, 0.0
            for earlier in lines[max(0, i - LOOKBACK) : i]:
                if earlier.is_reply or earlier.speaker:
                    continue
                for sentence in re.split(r"(?<=[.?!])\s+", earlier.text):
                    theirs = _content(sentence, common)
                    shared = len(words & theirs)
                    # Recall of the reported words first; precision breaks ties between lines.
                    score = shared / max(1, len(words)) + 0.5 * shared / max(1, len(theirs))
                    if shared / max(1, len(words)) >= 0.5 and score > best_score:
                        best, best_score = earlier, score
            if best is not None:
                best.speaker = target
    # 2. A reply addressed to A answers A's earlier unsigned replies: A wrote them, and the
    #    answer comes from whichever of A's addressees it shares most words with.
    for i, line in enumerate(lines):
        if not line.is_reply or line.speaker is not None:
            continue
        for addressee in line.addressees:
            window = lines[max(0, i - LOOKBACK) : i]
            earlier = [r for r in window if r.is_reply and r.speaker is None and addressee not in r.addressees]
            if not earlier or any(r.speaker == addressee for r in window if not r.is_reply):
                continue
            for reply in earlier:
                reply.speaker = addressee
            words = _content(line.text, common)
            ranked = sorted(
                ((len(words & _content(r.text, common)), -k, r.addressees[-1]) for k, r in enumerate(earlier) if r.addressees),
                reverse=True,
            )
            if ranked:
                line.speaker = ranked[0][2]
            break


FORUM_QUOTE = re.compile(
    rf"^(?:Quote\s+from:\s*({NAME}|{HANDLE})(?:\s+on\s+.{{1,60}})?|(?:Quote:\s*)?(?i:originally\s+posted\s+by)\s+({NAME}|{HANDLE}))\s*:?\s*$"
)
BB_QUOTE = re.compile(rf"^\[quote(?:=[\"']?({NAME}|{HANDLE})[\"']?[^\]]*)?\]\s*(.*)$", re.IGNORECASE)
BB_CLOSE = re.compile(r"\[/quote\]", re.IGNORECASE)
SAID_QUOTE = re.compile(rf"^({NAME}|{HANDLE})\s+said:\s*$")
EXPAND = re.compile(r"^…?\s*Click to expand(?:\.{1,3}|…)?$", re.IGNORECASE)


def _forum_quotes(lines: list[Line], text: str, common: frozenset[str]) -> None:
    """Quote boxes of forum software: "Quote from: Ann on ...", "Originally Posted by ann_k",
    "[quote="Ann"]...[/quote]", "Ann said: ... Click to expand...". The header names whose words the box
    holds; the lines in it are quotes; the poster's own words follow."""
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FORUM_QUOTE.match(line.text)
        bb = BB_QUOTE.match(line.text) if m is None else None
        said = SAID_QUOTE.match(line.text) if m is None and bb is None else None
        end = None
        if said is not None:
            end = next((j for j in range(i + 1, min(len(lines), i + 40)) if EXPAND.match(lines[j].text)), None)
            if end is None:
                i += 1
                continue
        name = (m and (m.group(1) or m.group(2))) or (bb and bb.group(1)) or (said and said.group(1))
        if not (m or bb or said) or (name and not _person(name, common)):
            i += 1
            continue
        line.attribution = name or None
        line.speaker, line.byline, line.addressees, line.is_reply, line.signature = None, False, [], False, None
        if bb is not None:
            close = BB_CLOSE.search(line.text)
            if bb.group(2) and close is not None:
                # "[quote="Ann"]text[/quote]" on one line: the markup is no claim, the text is Ann's.
                line.byline_end, line.tail = line.start + bb.start(2), line.start + close.start()
                i += 1
                continue
            line.meta = not bb.group(2)
            if bb.group(2):
                line.byline_end = line.start + bb.start(2)
            end = next((j for j in range(i, min(len(lines), i + 60)) if BB_CLOSE.search(lines[j].text)), i)
        else:
            line.meta = True
            if end is None:  # "Quote from:" / "Originally Posted by": the paragraph under the header
                end = i + 1
                while end + 1 < len(lines) and not _blank_line(text, lines[end].end, lines[end + 1].start):
                    end += 1
                end += 1
        for j in range(i + 1, min(end, len(lines))):
            lines[j].is_quote, lines[j].speaker, lines[j].byline, lines[j].signature = True, None, False, None
        if end < len(lines) and (said is not None or bb is not None):
            closing = lines[end]
            if EXPAND.match(closing.text) or BB_CLOSE.fullmatch(closing.text.strip()):
                closing.meta = True  # "Click to expand...", "[/quote]"
            else:
                closing.is_quote = True
                at = BB_CLOSE.search(closing.text)
                if at is not None:
                    closing.tail = closing.start + at.start()
        i = max(end, i + 1)


def _handles_over_comments(lines: list[Line], text: str, common: frozenset[str]) -> None:
    """"kjell_r" alone on a line over a comment: a byline, when the handle is a user's ("_", digit or ".")
    or someone the thread answers ("@kjell_r")."""
    answered = {a for line in lines for a in line.addressees}
    for i, line in enumerate(lines[:-1]):
        name = line.text.strip().lstrip("@")
        if line.meta or line.byline or line.signature or line.attribution or line.is_quote:
            continue
        user = re.fullmatch(STRONG_HANDLE, name) is not None and name.lower() not in common
        if not (user or (name in answered and _person(name, common))):
            continue
        following = lines[i + 1]
        opens_paragraph = i == 0 or _blank_line(text, lines[i - 1].end, line.start)
        if opens_paragraph and not following.byline and not _blank_line(text, line.end, following.start):
            line.speaker, line.byline, line.addressees, line.is_reply = name, True, [], False


SIGNATURE_RULE = re.compile(r"^_{4,}$")


def _signatures(lines: list[Line]) -> None:
    """A forum signature under its rule ("_________________" over "Fran | Dunmore Bakery, est. 2009")
    belongs to the post above it: the rule and the line under it are layout, not a new post."""
    for i, line in enumerate(lines[:-1]):
        following = lines[i + 1].text
        patterns = _line_patterns()
        if SIGNATURE_RULE.match(line.text) and not (patterns.prefixed_byline.match(following) or patterns.prefixed_handle.match(following)):
            for signed in (line, lines[i + 1]):
                signed.meta, signed.speaker, signed.byline, signed.inline = True, None, False, False


def _marked_lines(text: str, common: frozenset[str]) -> list[Line]:
    lines = _lines(text)
    for line in lines:
        _mark(line, common)
    _signatures(lines)
    _forum_quotes(lines, text, common)
    for i, line in enumerate(lines[:-1]):
        if line.attribution:
            continue
        # "On Mon, 3 Feb 2025, Ann Lee wrote:" or "Ann Lee <ann@example.org> writes:" over a quote.
        m = ATTRIBUTION.search(line.text) if lines[i + 1].is_quote else None
        # "Ann wrote:" over a quote of an earlier post is Ann's byline (she quotes someone); over
        # words the document does not hold it names their author, as "On 3 May, Ann wrote:" does.
        email = line.text.lower().startswith("on ") or "@" in line.text
        if m and _is_name(m.group(1), common) and (email or not _restates(text, lines[i + 1])):
            line.attribution, line.speaker, line.byline, line.meta = m.group(1), None, False, True
            line.addressees, line.is_reply = [], False
            continue
        # "Jan Novak" over "Mar 5, 2024" (or "2 days ago"): a byline in two lines.
        name = line.text.strip()
        if lines[i + 1].meta and not (line.meta or line.byline or line.signature) and _person(name, common) and not (
            i and _is_footer(lines[i - 1].text)
        ):
            line.speaker, line.byline, line.addressees, line.is_reply = name, True, [], False
    _handles_over_comments(lines, text, common)
    for i, line in enumerate(lines):
        # "- Pros: ..." labels a list item; "- Ann: ..." names someone the text names elsewhere too.
        if line.inline and not line.chat and not re.search(rf"\b{re.escape(line.speaker)}\b", text[: line.start] + text[line.end :]):
            line.speaker, line.byline, line.inline, line.byline_end = None, False, False, None
        # A name alone on the last line of a paragraph signs it ("Cheers,\nDana"; "...\nViktor Hale").
        if i and _is_footer(lines[i - 1].text) and not line.meta and not line.byline and not line.signature:
            name = line.text.strip()
            if _person(name, common):
                line.signature, line.addressees, line.is_reply = name, [], False
                continue
        if i and not line.signature and not line.byline and _paragraph_ends(text, line.end):
            name = line.text.strip().rstrip(".")
            same_paragraph = not _blank_line(text, lines[i - 1].end, line.start)
            if same_paragraph and _NAME_ONLY.fullmatch(name) and _is_name(name, common) and (
                lines[i - 1].signoff or not lines[i - 1].byline
            ):
                line.signature, line.addressees, line.is_reply = name, [], False
    # "Dana, with respect ...": a reply that opens with the name of someone who signs or posts here.
    known = {name for line in lines for name in (line.speaker, line.signature) if name}
    known |= {name.split()[0] for name in known if " " in name}
    for line in lines:
        m = _OPENING_NAME.match(line.text)
        if m and m.group(1) in known and m.group(1) != (line.speaker or line.signature) and m.group(1) not in line.addressees:
            line.addressees.insert(0, m.group(1))
            line.is_reply = True
    return lines


_BLANK_TO_END = re.compile(r"\s*\Z")
_BLANK_LINE = re.compile(r"[ \t\r]*\n[ \t\r]*\n")


def _paragraph_ends(text: str, end: int) -> bool:
    # Matched in place: a copy of the rest of the text for every line would make this quadratic.
    return _BLANK_TO_END.match(text, end) is not None or _BLANK_LINE.match(text, end) is not None


def marked_lines(text: str) -> list[Line]:
    """The document's lines with what marks them: the one pass both functions below read."""
    return _marked_lines(text, _common_words())


def name_spans(text: str, lines: list[Line] | None = None) -> list[tuple[int, int]]:
    """Character ranges that only name people (bylines, signatures, addressees): not claims."""
    spans = []
    for line in lines if lines is not None else marked_lines(text):
        if line.byline or (line.attribution and line.byline_end):
            spans.append((line.start, line.byline_end or line.end))
        if line.signature or line.meta:
            spans.append((line.start, line.end))
        if line.tail is not None:
            spans.append((line.tail, line.end))
        for name in line.addressees:
            at = line.text.rfind(name)
            if at >= 0:
                a = line.start + at
                while a > line.start and text[a - 1] in "@ ":
                    a -= 1
                spans.append((a, line.start + at + len(name)))
    return spans


QUOTE_REACH = 200_000  # characters a quote may repeat from: replies quote what is near


def _restates(text: str, line: Line) -> bool:
    """A quote line that repeats words said earlier in the document."""
    said = line.text.lstrip("> ").strip()
    return not said or text.find(said, max(0, line.start - QUOTE_REACH), line.start) >= 0


def quote_spans(text: str, lines: list[Line] | None = None) -> list[tuple[int, int]]:
    """Lines that quote an earlier post of the document ("> ..."): restatements, not new claims. A
    quote of a message the document does not hold (a digest quoting the opening post) says new things.
    (``lines`` from :func:`marked_lines`, whose marks change no line's place or text.)"""
    return [(line.start, line.end) for line in (lines if lines is not None else _lines(text)) if line.text.startswith(">") and _restates(text, line)]


def thread_posts(text: str, lines: list[Line] | None = None) -> tuple[Post, ...]:
    """The posts of a document in text order; a single unnamed post when nobody is named (``lines``
    from :func:`marked_lines`, which this fills with inferred speakers; name_spans reads no speaker)."""
    common = _common_words()
    lines = lines if lines is not None else _marked_lines(text, common)
    _infer(lines, common)
    posts: list[Post] = []
    current: list[Line] = []
    speaker: str | None = None
    quoting: tuple[str | None, str] | None = None  # inside a quote: (the poster, the quoted author)
    answering: str | None = None  # the quoted author the post's own words answer

    def close() -> None:
        if current:
            span = Span(current[0].start, current[-1].end, text[current[0].start : current[-1].end])
            addressees: list[str] = [answering] if answering and answering != speaker else []
            for item in current:
                addressees.extend(a for a in item.addressees if a not in addressees)
            disputes = current[0].disputes
            if disputes and not addressees:
                # "Ann disagreed: ..." answers the last other speaker.
                addressees = [p.speaker for p in reversed(posts) if p.speaker and p.speaker != speaker][:1]
            # (a name is one-spaced however the text spaced it: "Rajendra K.  Gupta")
            posts.append(Post(span=span, speaker=speaker and " ".join(speaker.split()),
                              addressees=tuple(dict.fromkeys(" ".join(a.split()) for a in addressees)), disputes=disputes))

    has_bylines = any(line.byline or line.signature for line in lines)
    for line in lines:
        if quoting is not None and line.is_quote:
            current.append(line)  # the quote box holds its author's words
            continue
        if quoting is not None and not line.is_quote:
            # The poster's own words after the quote answer its author.
            close()
            speaker, answering = quoting
            current, quoting = [], None
        if line.attribution:
            close()
            quoting = (speaker, line.attribution)
            current, speaker, answering = [line], line.attribution, None
            continue
        if line.inline:
            # "- Ann: text" is Ann's; the lines around it are not.
            close()
            answering = None
            current, speaker = [line], line.speaker
            close()
            current, speaker = [], None
        elif line.byline:
            close()  # (the post that answered a quote ends here, still answering it)
            answering = None
            current, speaker = [line], line.speaker
        elif line.signature:
            current.append(line)
            if not has_bylines or speaker is None:
                speaker = line.signature
            close()
            current, speaker = [], None
        elif has_bylines and (not line.is_reply or (current and current[0].byline and speaker is not None)):
            current.append(line)  # a bylined post runs to the next byline, replies to others included
        elif line.is_reply and current and not re.sub(rf"@|{NAME}|[\s,;.]", "", line.text):
            # A line that only names addressees ("@ Ann Lee") closes the post it follows.
            current.append(line)
        else:
            # Without bylines every line is its own post; its speaker is whatever was inferred.
            close()
            current, speaker = [line], line.speaker
    close()
    if not posts:
        posts.append(Post(span=Span(0, len(text), text), speaker=None))
    return tuple(_merge_anonymous(posts, text))


def _merge_anonymous(posts: list[Post], text: str) -> list[Post]:
    """Adjacent unnamed, unaddressed posts are one post (the same unknown author). A run is joined
    first and its post made once: joining post by post copied the run's text again at every line."""
    runs: list[tuple[Post, int]] = []  # the run's first post, and where its last post ends
    for post in posts:
        prev, end = runs[-1] if runs else (None, 0)
        if prev and prev.speaker is None and post.speaker is None and not prev.addressees and not post.addressees \
                and not _ends_with_question(text, prev.span.start, end):
            runs[-1] = (prev, post.span.end)
        else:
            runs.append((post, post.span.end))
    return [post if end == post.span.end else replace(post, span=Span(post.span.start, end, text[post.span.start : end]))
            for post, end in runs]


def _ends_with_question(text: str, start: int, end: int) -> bool:
    """``text[start:end].rstrip().endswith("?")``, without the copy."""
    k = end - 1
    while k >= start and text[k].isspace():
        k -= 1
    return k >= start and text[k] == "?"


def fill_span_text(posts: tuple[Post, ...], text: str) -> tuple[Post, ...]:
    # (Posts made by thread_posts already hold their text: an equal copy of each is not made again.)
    return tuple(
        p if p.span.text == text[p.span.start : p.span.end] else replace(p, span=Span(p.span.start, p.span.end, text[p.span.start : p.span.end]))
        for p in posts
    )
