"""Speakers in thread layouts met in the wild, on texts written for these tests."""

from __future__ import annotations

from kg.corpus import document_from_text
from kg.rules import extract_document


def speakers_of(text: str) -> list[tuple[str | None, str]]:
    result = extract_document(document_from_text("thread.txt", text))
    return [(c.asserted_by, c.evidence.text) for c in result.claims]


QA_PAGE = """Should a supervisor try to be liked?

Score 5 | 2 answers

My new supervisor says leaders must be liked. I doubt it.

asked 2 days ago
Pia Holm
310 reputation

Score 12 - accepted answer

Supervisors need respect more than affection. A supervisor who chases popularity avoids hard calls.

answered 2 days ago
dan_okoro
4,020 reputation

  A cold supervisor breeds fear, not respect. - Lena Marsh 1 day ago
  @Lena Marsh fear is not what I described. - dan_okoro 20 hours ago
"""


def test_a_qa_page_signs_posts_below_them_and_comments_at_their_end():
    found = speakers_of(QA_PAGE)
    assert ("dan_okoro", "Supervisors need respect more than affection.") in found
    assert any(who == "Lena Marsh" and "fear" in said for who, said in found)
    assert all(who != "Pia Holm" for who, said in found if "respect" in said.lower())
    # Metadata is no claim and no speaker.
    assert not any("reputation" in said or "answered" in said for _, said in found)


def test_a_comment_signed_at_its_end_answers_the_handle_it_opens_with():
    result = extract_document(document_from_text("thread.txt", QA_PAGE))
    post = next(p for p in result.document.posts if p.speaker == "dan_okoro" and "fear" in p.span.text)
    assert post.addressees == ("Lena Marsh",)


DIGEST = """Message: 1
Date: Mon, 3 Feb 2025 10:00:00 +0000
From: Omar Haddad <omar@example.org>
Subject: Re: are coordinators leaders?

Every coordinator is a leader, whatever the org chart says.

Omar

------------------------------

Message: 2
Date: Mon, 3 Feb 2025 12:30:00 +0000
From: ines.costa@example.org (Ines Costa)
Subject: Re: are coordinators leaders?

Omar Haddad <omar@example.org> writes:
> Every coordinator is a leader, whatever the org chart says.

Most coordinators are schedulers, not leaders.
"""


def test_a_digest_names_each_message_by_its_from_header():
    found = speakers_of(DIGEST)
    assert ("Omar Haddad", "Every coordinator is a leader, whatever the org chart says.") in found
    assert any(who == "Ines Costa" and said.startswith("Most coordinators") for who, said in found)
    assert not any(said.startswith(("Date", "Subject", "Message")) for _, said in found)


TRANSCRIPT = """Motion: every supervisor should be a leader.

CHAIR: Speaking first is Dr. Ana Lima, then Piet Vos.

DR. LIMA: Every supervisor is a leader, like it or not.

Piet Vos (against): Most supervisors are administrators, not leaders.

[Dr. Lima]: Good supervisors inspire their crews.
"""


def test_a_transcript_names_speakers_in_capitals_brackets_and_with_their_side():
    found = speakers_of(TRANSCRIPT)
    assert ("Dr. Lima", "Every supervisor is a leader, like it or not.") in found
    assert any(who == "Piet Vos" and said.startswith("Most supervisors") for who, said in found)
    assert any(who == "Dr. Lima" and said.startswith("Good supervisors") for who, said in found)
    result = extract_document(document_from_text("debate.txt", TRANSCRIPT))
    assert "Motion" not in result.document.speakers


COMMENTS = """Every coordinator is a leader.

Maria Gonzalez says:
March 3, 2024 at 10:14 am
Most coordinators are schedulers, not leaders.
Reply

Jan Novak
Mar 5, 2024
Coordinators do not need a title to lead.

Sam Patel
Good coordinators rarely inspire anyone.
Like · Reply · 2h

kjell_r 3 hours ago | parent | next [–]
Every coordinator is a leader in a crisis.
"""


def test_comment_sections_name_each_comment_above_it():
    found = speakers_of(COMMENTS)
    assert ("Maria Gonzalez", "Most coordinators are schedulers, not leaders.") in found
    assert any(who == "Jan Novak" and said.startswith("Coordinators do not") for who, said in found)
    assert any(who == "kjell_r" and "crisis" in said for who, said in found)
    assert not any(said.startswith(("March", "Mar 5", "Like", "Reply")) for _, said in found)


QUOTING_DIGEST = """From: Ines Costa <ines@example.org>

On Sun, 2 Feb 2025, Omar Haddad wrote:
> Every coordinator is a leader, whatever the
> org chart says.

I disagree, Omar. Most coordinators are schedulers.

Ines
"""

FORUM_QUOTE = """Posted by Omar Haddad
Every coordinator is a leader.

Ines Costa wrote:
> Every coordinator is a leader.
I disagree. Most coordinators schedule.
"""


def test_a_quote_of_a_message_the_digest_lacks_is_its_authors_claim_and_the_reply_answers_it():
    result = extract_document(document_from_text("digest.txt", QUOTING_DIGEST))
    quoted, denial = result.claims[:2]
    assert (quoted.asserted_by, quoted.subject, quoted.relation, quoted.object) == ("Omar Haddad", "coordinator", "is_a", "leader")
    assert (denial.asserted_by, denial.polarity) == ("Ines Costa", "negative")
    assert (quoted.key, denial.key) in {(r.target, r.attacker) for r in result.rebuttals}


def test_a_byline_over_a_quote_of_an_earlier_post_is_the_posters():
    result = extract_document(document_from_text("forum.txt", FORUM_QUOTE))
    # The quote restates Omar's post: no new claim; the reply under it is Ines's.
    assert [(c.asserted_by, c.evidence.text) for c in result.claims[:2]] == [
        ("Omar Haddad", "Every coordinator is a leader."),
        ("Ines Costa", "I disagree."),
    ]
    assert all(c.asserted_by == "Ines Costa" for c in result.claims[1:])


HANDLES = """Every coordinator is a leader, period.

mark_t: Nonsense. Most coordinators just schedule.

jenny.w: @mark_t Good coordinators inspire their teams.

dev42 wrote:
Coordinators rarely inspire anyone.
"""


def test_handles_open_their_posts():
    found = speakers_of(HANDLES)
    assert ("mark_t", "Nonsense.") in found
    assert any(who == "jenny.w" and said.startswith("Good coordinators") for who, said in found)
    assert any(who == "dev42" and said.startswith("Coordinators rarely") for who, said in found)
    result = extract_document(document_from_text("c.txt", HANDLES))
    assert next(p for p in result.document.posts if p.speaker == "jenny.w").addressees == ("mark_t",)


def test_numbered_question_and_answer_labels_name_nobody():
    result = extract_document(document_from_text("faq.txt", "Q1: Is every coordinator a leader?\nA1: Not necessarily.\n"))
    assert result.document.speakers == ()
    assert [(c.subject, c.quantifier, c.polarity) for c in result.claims] == [("coordinator", "some", "negative")]


def test_long_words_and_rows_of_numbers_are_read_without_backtracking():
    # Each of these once took minutes (a handle pattern quadratic in a word's length, a button-row
    # pattern exponential in a row of numbers); they must simply give their records.
    for text in ("x - " + "a1" * 40_000 + " z\n", "a1" * 40_000 + ": hi\n", "1 " * 39 + "!\n"):
        result = extract_document(document_from_text("odd.txt", text))
        assert result.document.text == text


REPLIES = """Every coordinator is a leader.

Ann Lee replied to Bob Stone:
Not every coordinator is a leader.

Bob Stone on March 3, 2024 at 10:14 am said:
Coordinators rarely inspire anyone.
"""


def test_bylines_that_name_their_addressee_or_their_date_before_the_verb():
    result = extract_document(document_from_text("r.txt", REPLIES))
    assert [(c.asserted_by, c.evidence.text) for c in result.claims[1:]] == [
        ("Ann Lee", "Not every coordinator is a leader."),
        ("Bob Stone", "Coordinators rarely inspire anyone."),
    ]
    assert next(p for p in result.document.posts if p.speaker == "Ann Lee").addressees == ("Bob Stone",)


def test_a_signature_may_carry_a_place():
    text = "Every coordinator is a leader.\n— Jo Park, Boston\n\nCoordinators are clerks.\n— Al Reyes, Leeds\n"
    result = extract_document(document_from_text("letters.txt", text))
    assert [c.asserted_by for c in result.claims] == ["Jo Park", "Al Reyes"]


def test_a_single_named_writer_is_a_single_author():
    result = extract_document(document_from_text("letter.txt", "Every coordinator is a leader.\n— Jo Park, Boston\n"))
    assert [c.asserted_by for c in result.claims] == [None]  # EXTRACTION.md: null when the author is single


def test_subject_lines_of_a_digest_claim_nothing():
    text = (
        "Contents of this issue:\n\n   1. Re: Is a foreman a boss? (Li Wei)\n   2. Fwd: Bosses and leaders (Ann Roe)\n\n"
        "Message: 1\nFrom: Li Wei <li@example.org>\nSubject: Re: Is a foreman a boss?\n\n"
        "A foreman is a boss. Bosses do not lead.\n\n"
        "Message: 2\nFrom: Ann Roe <ann@example.org>\nSubject: Bosses and leaders\n\nForemen lead.\n"
    )
    assert speakers_of(text) == [("Li Wei", "A foreman is a boss."), ("Li Wei", "Bosses do not lead."), ("Ann Roe", "Foremen lead.")]


def test_more_comment_bylines():
    reddit = "Posted by u/quiet_lead 5h ago\n\nForemen are leaders.\n\nPosted by u/sam_pm 4h ago\n\nNonsense.\n"
    assert [s for s, _ in speakers_of(reddit)] == ["quiet_lead", "sam_pm"]
    news = "JohnR from Leeds wrote on Mar 3, 2024:\nForemen are leaders.\n\nPriya S. wrote on Mar 4, 2024:\nNonsense.\n"
    assert [s for s, _ in speakers_of(news)] == ["JohnR", "Priya S."]


def test_a_comment_byline_that_names_whom_it_answers():
    text = (
        "Maria Lopez • 3 years ago\nEvery foreman is a leader.\n\n"
        "Tom Kowalski  Maria Lopez • 3 years ago\nMost foremen are administrators.\n\n"
        "Ann Lee ➦ Tom Kowalski • 2 years ago\nForemen are clerks.\n"
    )
    result = extract_document(document_from_text("comments.txt", text))
    assert [(c.asserted_by, c.addressees) for c in result.claims] == [
        ("Maria Lopez", ()), ("Tom Kowalski", ("Maria Lopez",)), ("Ann Lee", ("Tom Kowalski",)),
    ]


def test_answer_labels_that_name_the_answerer():
    text = (
        "Q: Are foremen leaders?\n\n"
        "A (Lena Fischer): Foremen are leaders of their shift.\n\n"
        "Answer (marco_b): I partly disagree with Lena. Foremen are clerks.\n"
    )
    result = extract_document(document_from_text("qa.txt", text))
    assert [(c.asserted_by, c.evidence.text) for c in result.claims] == [
        ("Lena Fischer", "Foremen are leaders of their shift."),
        ("marco_b", "I partly disagree with Lena."),
        ("marco_b", "Foremen are clerks."),
    ]
    lena = result.claims[0]
    # The denial rebuts Lena's claim; the claim that explains it ("Foremen are clerks.") answers it too.
    assert [(r.target, r.rule) for r in result.rebuttals] == [
        (lena.key, "denies-the-claim-on-the-table"),
        (lena.key, "verdict-explained"),
    ]


COMMENT_BYLINES = [
    "1. Ann Lee says:\n{0}\n\n2. Bo Park says:\n{1}\n",
    "Ann Lee (@annlee) · Mar 3\n{0}\n\nBo Park (@bopark) · Mar 4\n{1}\n",
    "**Ann Lee** — 3 March 2024\n{0}\n\n**Bo Park** — 4 March 2024\n{1}\n",
    "Comment #3 by Ann Lee\n{0}\n\nComment #4 by Bo Park\n{1}\n",
    "Ann Lee on March 3, 2024 at 10:14 am\n{0}\n\nBo Park on March 4, 2024 at 8:02 am\n{1}\n",
]


def test_comment_bylines_with_numbers_dates_and_handles():
    for layout in COMMENT_BYLINES:
        text = layout.format("Every foreman is a leader.", "Foremen are clerks.")
        assert [s for s, _ in speakers_of(text)] == ["Ann Lee", "Bo Park"], layout


FORUM_QUOTES = [
    "Bo Park\nMarch 3, 2024\n\nQuote from: Ann Lee on March 2, 2024, 09:00:00 PM\nEvery foreman is a leader.\n\nForemen are clerks.\n",
    "Bo Park\nMarch 3, 2024\n\nOriginally Posted by Ann Lee\nEvery foreman is a leader.\n\nForemen are clerks.\n",
    "Bo Park\nMarch 3, 2024\n\n[quote=Ann Lee]\nEvery foreman is a leader.\n[/quote]\nForemen are clerks.\n",
    "Bo Park\nMarch 3, 2024\n\nAnn Lee said:\nEvery foreman is a leader.\nClick to expand...\nForemen are clerks.\n",
]


def test_forum_quote_boxes_hold_their_authors_words():
    for layout in FORUM_QUOTES:
        result = extract_document(document_from_text("forum.txt", layout))
        assert [(c.asserted_by, c.addressees) for c in result.claims] == [("Ann Lee", ()), ("Bo Park", ("Ann Lee",))], layout


def test_old_reddit_comment_headers():
    text = (
        "[–] Kim_Oduya 97 points 8 hours ago\nForemen are clerks.\n\n"
        "    [–] dan_r 31 points 8 hours ago\n    Every foreman is a leader.\n"
    )
    assert [s for s, _ in speakers_of(text)] == ["Kim_Oduya", "dan_r"]


def test_an_author_byline_with_a_date_and_a_reading_time():
    text = "Foremen Are Not Leaders\n\nAnn Lee · Nov 19, 2026 · 8 min read\n\nForemen are clerks.\n\n1 Comment\n\nBo Park · 2 days ago\nForemen lead.\n"
    assert [s for s in speakers_of(text) if s[0]] == [("Ann Lee", "Foremen are clerks."), ("Bo Park", "Foremen lead.")]


def test_a_handle_alone_over_a_comment_signs_it():
    text = (
        "Comments\n\nkjell_r\nNice piece. Foremen are not leaders.\n\n"
        "maria.s\n@kjell_r Every foreman leads.\n\n"
        "Tomas\n@maria.s Foremen are clerks.\n\n"
        "maria.s\n@Tomas No.\n"
    )
    assert [s for s, _ in speakers_of(text)] == ["kjell_r", "maria.s", "Tomas", "maria.s"]


def test_a_transcripts_time_stamps_stand_before_the_speakers_labels():
    text = (
        "[00:00:05] HOST: Welcome. Are supervisors leaders?\n\n"
        "[00:00:12] MARTENS: Supervisors are leaders of their shift.\n\n"
        "(01:40) Ada Lind: Supervisors are clerks, not leaders.\n"
    )
    assert speakers_of(text) == [
        ("Martens", "Supervisors are leaders of their shift."),
        ("Ada Lind", "Supervisors are clerks, not leaders."),
    ]


def test_a_blog_byline_with_a_date_and_categories_signs_the_post():
    text = (
        "On bosses\n"
        "Posted on 3 May 2025 by Ann Lee in Work, Opinion\n\n"
        "Managers are clerks of the hierarchy.\n\n"
        "Bo Park says:\n"
        "May 4, 2025 at 9:12 am\n"
        "Managers are leaders more often than you admit.\n"
        "Reply\n"
    )
    assert speakers_of(text) == [
        ("Ann Lee", "Managers are clerks of the hierarchy."),
        ("Bo Park", "Managers are leaders more often than you admit."),
    ]


BULLETIN_BOARD = """Garden Centre Owners » Staffing
Topic: Should the head gardener manage the tills?

Post by greenfinch_88 - Mon Jun 02, 2025 8:05 am

Our head gardener is a born leader but every manager I have hired has been a disaster.
_________________
Tess | Greenfinch Nurseries since 1998

Post by OakAndAsh - Mon Jun 02, 2025 10:47 am

Re: Should the head gardener manage the tills?

Originally posted by greenfinch_88:
> every manager I have hired has been a disaster

I disagree. Managers are not the problem; the hiring is.
_________________
Oak. Three shops, no weekends.
"""


def test_a_bulletin_board_names_posts_by_their_post_by_line_and_quotes_answer_their_author():
    result = extract_document(document_from_text("board.txt", BULLETIN_BOARD))
    assert result.document.speakers == ("greenfinch_88", "OakAndAsh")  # not "Tess" of the signature
    reply = next(c for c in result.claims if c.evidence.text.startswith("Managers are not the problem"))
    assert reply.asserted_by == "OakAndAsh"
    assert "greenfinch_88" in next(p for p in result.document.posts if p.span.start <= reply.evidence.start < p.span.end).addressees


def test_a_blog_byline_may_end_in_a_category_label():
    text = (
        "Why I Quit Managing\n\nMara Lind | 3 May 2026 | filed under: work, rants\n\nBosses are a habit, not a necessity.\n\n"
        "COMMENTS (1)\n\n#1  pete.k  |  04/05/2026\nManagers are useful in big firms.\n"
    )
    result = extract_document(document_from_text("blog.txt", text))
    assert result.document.speakers == ("Mara Lind", "pete.k")
    assert [c.asserted_by for c in result.claims] == ["Mara Lind", "pete.k"]


QUOTING_THREAD = """Ann Lee:
Influence does not need a title, and good leaders never wait for one.

Bo Chen:
"Influence does not need a title" sounds lovely until you try to get a budget approved.

Cy Diaz:
"good leaders never wait for one" - exactly right.
"""


def test_a_reply_that_quotes_an_earlier_claim_inline_answers_it_unless_it_agrees():
    result = extract_document(document_from_text("quotes.txt", QUOTING_THREAD))
    links = {(r.target, r.attacker, r.rule) for r in result.rebuttals}
    bo = next(c for c in result.claims if c.asserted_by == "Bo Chen")
    first = next(c for c in result.claims if c.asserted_by == "Ann Lee")
    assert (first.key, bo.key, "quotes-an-earlier-claim") in links
    cy = [c for c in result.claims if c.asserted_by == "Cy Diaz"]
    assert cy
    assert not any(r.attacker in {c.key for c in cy} and r.rule == "quotes-an-earlier-claim" for r in result.rebuttals)
