"""Extraction rules on small texts written for the purpose (not seed sentences)."""

from __future__ import annotations

import pytest

from kg.corpus import document_from_text
from kg.rules import extract_document


def extract(text: str, name: str = "t.txt"):
    return extract_document(document_from_text(name, text))


def forms(result) -> list[tuple[str, str, str, str, str]]:
    return [(c.subject, c.relation, c.object, c.quantifier, c.polarity) for c in result.claims]


def test_universal_is_a_claim_keeps_its_hedge():
    result = extract("Every boss is, by default, a leader.")
    assert forms(result) == [("manager", "is_a", "leader", "all", "positive")]
    assert result.claims[0].modality == "by default"


def test_not_every_gives_some_negative():
    result = extract("Not every boss is a leader.")
    assert forms(result) == [("manager", "is_a", "leader", "some", "negative")]


def test_negated_copula_is_generic_negative():
    result = extract("A manager is not a leader.")
    assert forms(result) == [("manager", "is_a", "leader", "generic", "negative")]


def test_not_necessarily_relation():
    result = extract("Leaders do not necessarily hold a managerial position.")
    assert forms(result) == [("leader", "not_necessarily", "manager", "generic", "positive")]


def test_sameness_and_its_elliptical_denial():
    result = extract("People think leaders and managers are the same, but they aren't.")
    assert [(c.relation, c.polarity) for c in result.claims] == [("same_as", "negative")]


def test_compound_subject_difference():
    result = extract("Leadership and management are distinct disciplines.")
    assert forms(result) == [("leader", "differs_from", "manager", "generic", "positive")]


def test_focus_list_gives_attributions_for_each_item():
    result = extract("Managers concentrate on budgets, compliance and quarterly targets.")
    got = {(a.role, a.relation, a.concept, a.polarity) for a in result.attributions}
    assert {
        ("manager", "focuses_on", "budgets", "positive"),
        ("manager", "focuses_on", "compliance", "positive"),
        ("manager", "focuses_on", "short-term goals", "positive"),
    } <= got


def test_negated_attribution_is_negative():
    result = extract("Bad bosses do not motivate their staff.")
    assert ("manager", "motivation", "negative") in {(a.role, a.concept, a.polarity) for a in result.attributions}


def test_privative_adjective_denies_quality():
    result = extract("Some executives have weak leadership qualities.")
    assert forms(result) == [("executive", "has_trait", "leadership qualities", "some", "negative")]


def test_contrastive_not_makes_the_affirmed_and_the_denied_object_two_claims():
    result = extract("A supervisor handles schedules and budgets, not people.")
    assert [f[1:] for f in forms(result)] == [
        ("focuses_on", "deadlines", "generic", "positive"),
        ("focuses_on", "people", "generic", "negative"),
    ]


def test_a_left_out_verb_is_read_from_the_clause_before():
    result = extract("Supervisors focus on rotas and safety, coordinators on budgets.")
    assert [(c.subject, c.relation) for c in result.claims] == [("supervisor", "focuses_on"), ("coordinator", "focuses_on")]
    assert result.claims[1].evidence.text == "coordinators on budgets."


def test_a_position_that_holds_p_reports_it_and_rejecting_this_denies_it():
    result = extract("School A holds that every supervisor is a leader. School B rejects this.")
    held, rejected = result.claims
    assert held.modality == "reported: School A holds" and (rejected.quantifier, rejected.polarity) == ("some", "negative")
    assert [(r.target, r.attacker) for r in result.rebuttals] == [(held.key, rejected.key)]


def test_pronoun_subject_resolves_to_last_role():
    result = extract("Leaders paint a picture of the future. They inspire their teams.")
    assert result.claims[-1].subject == "leader"
    assert result.claims[-1].object == "inspiration"


def test_header_scopes_bullets_to_its_role():
    text = "Compared side by side:\nLeaders:\n- Focus on long-term strategy.\n- Coach people.\nManagers:\n- Focus on procedures.\n"
    result = extract(text)
    subjects = [(c.subject, c.object) for c in result.claims]
    assert ("leader", "strategy") in subjects
    assert ("manager", "rules and procedures") in subjects


def test_discovered_concept_beyond_lexicon():
    result = extract("Managers focus on headcount ceilings and vendor contracts.")
    labels = {c.label: c for c in result.concepts}
    assert "headcount ceilings" in labels and not labels["headcount ceilings"].in_lexicon
    assert labels["vendor contracts"].type == "focus"


def test_skill_type_from_head_word():
    result = extract("Leaders rely on storytelling and negotiation abilities.")
    labels = {c.label: c.type for c in result.concepts}
    assert labels["negotiation"] == "skill"


def test_reported_claim_in_a_reply_is_disputed_and_linked():
    text = (
        "Ann Lee: Every manager is a leader.\n"
        "Bob Stone: But you said that every manager is a leader, and that is wrong. @ Ann Lee\n"
    )
    result = extract(text)
    assert result.document.speakers == ("Ann Lee", "Bob Stone")
    first, second = result.claims
    assert (first.asserted_by, first.quantifier, first.polarity) == ("Ann Lee", "all", "positive")
    assert (second.asserted_by, second.quantifier, second.polarity) == ("Bob Stone", "some", "negative")
    assert [(r.target, r.attacker, r.kind) for r in result.rebuttals] == [(first.key, second.key, "rebuttal")]


def test_addressee_at_the_end_is_not_the_author():
    text = "Leaders motivate people.\nI disagree with this completely, leaders rarely motivate anyone Carla M. Diaz\n"
    result = extract(text)
    assert "Carla M. Diaz" not in result.document.speakers


def test_offsets_index_the_text_exactly():
    text = "Managers\r\nplan budgets.\r\n• Leaders inspire people “every day”."
    result = extract(text)
    for concept in result.concepts:
        for m in concept.mentions:
            assert text[m.start : m.end] == m.text
    for claim in result.claims:
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_extraction_is_deterministic():
    text = "Managers plan. Leaders inspire. Not every manager is a leader."
    assert extract(text) == extract(text)


QUOTED_THREAD = """Priya Nair:
Every manager is a leader. Managers set direction for their teams.

Tom Becker:
> Every manager is a leader.
I disagree. Plenty of managers never inspire anyone. Some managers are not leaders at all.

Priya Nair:
> Some managers are not leaders at all.
Fair point, but most managers grow into leaders.
"""


def test_quoted_lines_are_not_new_claims_and_the_reply_rebuts_them():
    result = extract(QUOTED_THREAD)
    assert result.document.speakers == ("Priya Nair", "Tom Becker")
    texts = [c.evidence.text for c in result.claims]
    assert texts.count("Every manager is a leader.") == 1
    by_text = {c.evidence.text: c for c in result.claims}
    first = by_text["Every manager is a leader."]
    reply = by_text["Some managers are not leaders at all."]
    assert (reply.asserted_by, reply.quantifier, reply.polarity) == ("Tom Becker", "some", "negative")
    # "I disagree." under the quote denies the quoted claim, not the post's other claims.
    denial = by_text["I disagree."]
    assert (denial.subject, denial.object, denial.quantifier, denial.polarity) == ("manager", "leader", "some", "negative")
    assert (first.key, denial.key) in {(r.target, r.attacker) for r in result.rebuttals}
    # The later reply that quotes Tom's claim and answers "Fair point, but ..." rebuts it.
    assert reply.key in {r.target for r in result.rebuttals}


def test_short_answer_settles_a_yes_no_question():
    result = extract("So, is every boss a leader? Not necessarily. Are leaders visionaries? Sometimes.")
    assert forms(result) == [
        ("manager", "is_a", "leader", "some", "negative"),
        ("leader", "is_a", "visionary", "some", "positive"),
    ]
    assert result.claims[0].evidence.text == "So, is every boss a leader? Not necessarily."


def test_a_person_introduced_in_a_role_stands_for_it_later():
    result = extract("The board appointed Dana Reyes as plant manager in May. Reyes set clear deadlines for every shift.")
    assert ("manager", "deadlines") in [(c.subject, c.object) for c in result.claims]


BYLINE_THREAD = """Maria Lopez:
In my company every manager is a leader.

John Smith:
I disagree: not every manager is a leader. Many managers only administer budgets.
@ Maria Lopez

Posted by Chen Wu
John is right.
"""


def test_disagreement_and_agreement_in_a_thread():
    result = extract(BYLINE_THREAD)
    assert result.document.speakers == ("Maria Lopez", "John Smith", "Chen Wu")
    claims = {c.evidence.text: c for c in result.claims}
    john = claims["I disagree: not every manager is a leader."]
    assert (john.asserted_by, john.quantifier, john.polarity, john.addressees) == ("John Smith", "some", "negative", ("Maria Lopez",))
    chen = claims["John is right."]  # agreeing with John restates John's claim
    assert (chen.asserted_by, chen.subject, chen.object, chen.polarity) == ("Chen Wu", "manager", "leader", "negative")


HEDGED_ESSAY = """Some argue that all managers are leaders. Managers often tend to value stability.
Good leaders plan carefully; they simply plan for a different horizon.
Some managers are not leaders at all. They administer, they do not inspire.
"""


def test_hedged_essay_keeps_hedges_and_finds_its_own_contradiction():
    result = extract(HEDGED_ESSAY)
    claims = {c.evidence.text: c for c in result.claims}
    first = claims["Some argue that all managers are leaders."]
    assert (first.quantifier, first.polarity, first.modality) == ("all", "positive", "reported: Some argue")
    assert claims["Managers often tend to value stability."].modality == "often; tend to"
    assert claims["they do not inspire."].polarity == "negative"
    assert all(c.relation != "differs_from" for c in result.claims)  # "a different horizon" relates nothing
    from kg.contest import contradictions

    found = contradictions(list(result.claims))
    assert [(c.target, c.attacker) for c in found] == [(first.key, claims["Some managers are not leaders at all."].key)]


def test_a_reply_that_opens_by_disagreeing_rebuts_the_addressee():
    text = (
        "Ana Ruiz: Leaders and managers are the same people in most firms.\n\n"
        "Tom Hale: No. Leaders and managers differ in what they answer for. @ Ana Ruiz\n"
    )
    result = extract(text)
    ana = next(c for c in result.claims if c.asserted_by == "Ana Ruiz")
    toms = [c for c in result.claims if c.asserted_by == "Tom Hale"]
    assert [(c.evidence.text, c.relation, c.polarity) for c in toms] == [
        ("No.", "same_as", "negative"),  # the bare denial restates Ana's claim, denied
        ("Leaders and managers differ in what they answer for.", "differs_from", "positive"),
    ]
    # The denial rebuts Ana's claim, and the claim that explains the denial answers it too.
    assert [(r.target, r.attacker, r.rule) for r in result.rebuttals] == [
        (ana.key, toms[0].key, "denies-the-claim-on-the-table"),
        (ana.key, toms[1].key, "verdict-explained"),
    ]


def test_rebuttals_point_at_claims_that_exist_even_around_vice_versa():
    text = (
        "Bosses are not necessarily leaders, and vice versa. "
        "I agree in part. But you said that every boss is a leader, and vice versa. @ Lee Park\n"
    )
    result = extract(text)
    keys = {c.key for c in result.claims}
    assert result.rebuttals and all({r.target, r.attacker} <= keys for r in result.rebuttals)


def test_doing_what_defines_a_role_is_being_it():
    result = extract("Many effective supervisors also lead. Every leader eventually has to manage something.")
    assert forms(result) == [
        ("supervisor", "is_a", "leader", "some", "positive"),
        ("leader", "requires", "manager", "all", "positive"),
    ]


def test_coordinated_role_words_share_the_head_of_a_lexicon_phrase():
    result = extract("Supervisors need management and leadership skills.")
    labels = {c.label for c in result.concepts}
    assert {"management skills", "leadership skills"} <= labels


def test_a_roles_duty_is_what_the_role_does():
    result = extract("A boss's job is to allocate resources and set deadlines.")
    assert forms(result)[0][:3] == ("manager", "has_skill", "resource allocation")


REPORTED_THREAD = """Posted by Ana Ruiz
We moved to a new plant in March, and my uncle keeps saying that every team lead is a leader. I am not so sure.

Posted by Ben Ito
Your uncle is right, Ana. Team leads carry people with them.
"""


def test_a_reported_third_party_claim_has_no_speaker_and_answers_address_it():
    from kg.contest import find_contests

    result = extract(REPORTED_THREAD)
    claims = {c.evidence.text: c for c in result.claims}
    reported = next(c for text, c in claims.items() if text.endswith("every team lead is a leader."))
    assert (reported.subject, reported.object, reported.quantifier, reported.polarity) == ("team leader", "leader", "all", "positive")
    assert reported.asserted_by is None  # the uncle speaks, not Ana
    assert "reported: my uncle keeps saying" in reported.modality
    doubt = claims["I am not so sure."]
    assert (doubt.asserted_by, doubt.subject, doubt.quantifier, doubt.polarity) == ("Ana Ruiz", "team leader", "some", "negative")
    # "Your uncle is right" affirms what the uncle was reported to say, not Ana's doubt.
    agree = claims["Your uncle is right, Ana."]
    assert (agree.asserted_by, agree.quantifier, agree.polarity) == ("Ben Ito", "all", "positive")
    links = {frozenset((c.target, c.attacker)) for c in find_contests([result])}
    assert frozenset((reported.key, doubt.key)) in links
    assert frozenset((doubt.key, agree.key)) in links


MINUTES = """Notes - team leads sync, 3 June
Present: Omar, Lise, Bruno

- Agreed: every team lead mentors one new hire.
  - Omar: team leads are coordinators, not leaders.
  - Lise disagreed: team leads are the first leaders most new hires meet.
- Pros: shorter onboarding.
"""

QA_BYLINES = """Q: Is every supervisor a leader?
asked by Nadia Petrov

Answer from Hugo Lind (7 votes)
No. Supervisors enforce rules; leaders earn followers.

Comment from Nadia Petrov
Thanks, Hugo.
"""


def test_minutes_give_each_named_line_its_speaker_and_no_one_else():
    result = extract(MINUTES)
    assert result.document.speakers == ("Omar", "Lise")  # not "Present", "Agreed" or "Pros"
    by_text = {c.evidence.text: c for c in result.claims}
    assert by_text["team leads are coordinators, not leaders."].asserted_by == "Omar"
    assert by_text["team leads are the first leaders most new hires meet."].asserted_by == "Lise"
    agreed = next(c for text, c in by_text.items() if text.endswith("every team lead mentors one new hire."))
    assert agreed.asserted_by is None  # the group's decision, nobody's line


def test_bylines_may_carry_votes_and_q_labels_name_nobody():
    result = extract(QA_BYLINES)
    assert result.document.speakers == ("Nadia Petrov", "Hugo Lind")
    answer = next(c for c in result.claims if "enforce rules" in c.evidence.text)
    assert answer.asserted_by == "Hugo Lind"


COMMENT_FORMATS = """Rosa Lind says:
Managers are leaders by definition.

Tobias Ek (2 days ago)
@Rosa Lind No, a title does not make anyone a leader.

Comment by Mei Chen on 12 May 2024:
Agreed with Tobias. Most managers never lead anyone.

**Paulo Reis** replied:
That is too cynical. Many managers lead well.

jo_k · 3 hours ago
Every manager I had was a boss, not a leader.
"""

SIGNED_REPLIES = """I have run a warehouse crew for ten years. Supervisors are leaders whether they want to be or not.
Cheers,
Dana

Dana, with respect, that is wishful thinking. Supervisors follow procedures; leaders set them.
Regards,
Viktor Hale
"""


def test_comment_headers_in_many_layouts_name_their_speakers():
    posts = extract(COMMENT_FORMATS).document.posts
    assert [(p.speaker, p.addressees) for p in posts] == [
        ("Rosa Lind", ()),
        ("Tobias Ek", ("Rosa Lind",)),
        ("Mei Chen", ()),
        ("Paulo Reis", ()),
        ("jo_k", ()),
    ]


def test_a_name_alone_under_a_paragraph_signs_it_and_a_reply_may_open_with_a_name():
    result = extract(SIGNED_REPLIES)
    assert result.document.speakers == ("Dana", "Viktor Hale")
    posts = result.document.posts
    assert (posts[1].speaker, posts[1].addressees) == ("Viktor Hale", ("Dana",))
    first = next(c for c in result.claims if "whether they want" in c.evidence.text)
    assert first.asserted_by == "Dana"


def test_a_role_denied_after_not_is_a_claim_of_its_own():
    result = extract("Team leads are coordinators, not leaders.")
    assert forms(result) == [
        ("team leader", "is_a", "coordinator", "generic", "positive"),
        ("team leader", "is_a", "leader", "generic", "negative"),
    ]


def test_a_line_introduced_as_a_disagreement_rebuts_the_speaker_before():
    result = extract(MINUTES)
    omar = next(c for c in result.claims if c.asserted_by == "Omar" and c.object == "leader")
    lise = next(c for c in result.claims if c.asserted_by == "Lise")
    assert result.document.posts[2].disputes
    assert (omar.key, lise.key) in {(r.target, r.attacker) for r in result.rebuttals}


PARAPHRASED_REPLIES = """Posted by Lena Park
In my experience every team leader is a manager in disguise. They schedule, they report, they chase deadlines.

Posted by Omar Haddad
So you are saying that team leaders cannot inspire anyone? I disagree that every team leader is a manager. Plenty of them lead without any formal authority.
Omar

Posted by Lena Park
I never said they cannot inspire. My point is that the job is mostly administration.

Posted by Jules Martin
Omar is right. A team leader is not a manager, whatever the org chart says.
"""


def test_a_reply_that_disagrees_that_p_denies_p_and_contests_it():
    from kg.contest import find_contests

    result = extract(PARAPHRASED_REPLIES)
    claims = {c.evidence.text: c for c in result.claims}
    first = claims["In my experience every team leader is a manager in disguise."]
    denial = claims["I disagree that every team leader is a manager."]
    assert (denial.subject, denial.object, denial.quantifier, denial.polarity) == ("team leader", "manager", "some", "negative")
    assert denial.asserted_by == "Omar Haddad"
    challenge = claims["So you are saying that team leaders cannot inspire anyone?"]
    assert "rhetorical question" in challenge.modality
    links = {(c.target, c.attacker) for c in find_contests([result])}
    assert (first.key, denial.key) in links
    assert (first.key, claims["Omar is right."].key) in links


def test_a_counted_pronoun_takes_the_topic_role_and_the_count():
    result = extract("Managers plan budgets. Plenty of them never lead anyone.")
    assert forms(result)[1] == ("manager", "is_a", "leader", "some", "negative")


EMAIL_THREAD = """From: Irene Costa
Subject: Re: are our team leads leaders?

Honestly, every team lead here is a leader, whether the org chart says so or not.

Best,
Irene

From: Sam Okoye
Subject: Re: Re: are our team leads leaders?

Irene, I doubt that every team lead is a leader. Half of them just forward emails.

Sam
"""

CHAT_LOG = """[09:14] <kerstin> managers are not leaders, they are administrators
[09:15] <raj_p> kerstin: that's not true, good managers lead every day
[09:15] <kerstin> raj_p: name one
[09:16] <mo> both of you are right, some managers lead and some do not
"""

NESTED_COMMENTS = """u/quietcoder · 5h
Every manager I have worked for was a leader in name only.

    u/lena_b · 4h
    That's not true. Some managers are genuinely great leaders.

        u/quietcoder · 3h
        Fair, but most are not.
"""


def test_email_headers_chat_nicks_and_nested_comment_handles_name_speakers():
    assert [(p.speaker, p.addressees) for p in extract(EMAIL_THREAD).document.posts] == [
        ("Irene Costa", ()),
        ("Sam Okoye", ("Irene",)),
    ]
    chat = extract(CHAT_LOG)
    assert chat.document.speakers == ("kerstin", "raj_p", "mo")
    assert [p.addressees for p in chat.document.posts] == [(), ("kerstin",), ("raj_p",), ()]
    denial = next(c for c in chat.claims if c.evidence.text == "that's not true")
    assert (denial.asserted_by, denial.subject, denial.polarity) == ("raj_p", "manager", "negative")
    assert [p.speaker for p in extract(NESTED_COMMENTS).document.posts] == ["quietcoder", "lena_b", "quietcoder"]


def test_a_subject_described_by_a_relative_clause_is_kept_as_written():
    result = extract("Anyone who is in charge of a shift is a leader. Someone who inspires others is not necessarily a manager.")
    assert forms(result) == [
        ("anyone in charge of a shift", "is_a", "leader", "all", "positive"),
        ("someone who inspires others", "not_necessarily", "manager", "generic", "positive"),
    ]


def test_a_clause_about_a_quality_says_what_it_is_or_is_not():
    result = extract("Warmth is not weakness. It is a choice.")
    assert forms(result) == [("kindness", "is_a", "weakness", "generic", "negative")]  # warmth: a form of kindness
    assert result.attributions == ()  # a quality is not a role: no attribution


def test_a_reported_view_about_a_quality_and_its_denial_clash():
    from kg.contest import find_contests

    result = extract("My coach says that wanting to be liked is a trap. That does not mean wanting to be liked is a weakness.")
    first, second = result.claims
    assert (first.subject, first.object, first.polarity, first.asserted_by) == ("wanting to be liked", "trap", "positive", None)
    assert "reported: My coach says" in first.modality
    assert (second.subject, second.object, second.polarity) == ("wanting to be liked", "weakness", "negative")
    assert find_contests([result]) == []  # a trap and a weakness are different things: no clash


def test_a_cleft_names_its_subject_and_a_view_critics_like_to_state_is_reported():
    result = extract("Pundits like to say that managers love rules. In truth it is managers, not leaders, who drive change.")
    reported, cleft, set_aside = result.claims
    assert "reported: Pundits like to say" in reported.modality and reported.asserted_by is None
    assert (cleft.subject, cleft.relation, cleft.object, cleft.polarity) == ("manager", "focuses_on", "change", "positive")
    assert (set_aside.subject, set_aside.relation, set_aside.object, set_aside.polarity) == ("leader", "focuses_on", "change", "negative")


def test_the_definite_plural_role_is_identity_not_membership():
    result = extract("Here the managers are the leaders. A manager is the leader of a team.")
    assert [(c.subject, c.relation, c.object) for c in result.claims] == [
        ("manager", "same_as", "leader"),
        ("manager", "is_a", "leader"),
    ]


def test_a_report_in_passing_makes_the_claim_a_third_partys():
    (claim,) = extract("Posted by Ana Ruiz\nAt her plant, she said, the supervisors are the leaders.").claims
    assert (claim.relation, claim.asserted_by) == ("same_as", None)
    assert "reported: she said" in claim.modality


def test_restricted_subjects_speak_of_some():
    result = extract("Good supervisors earn respect. Every manager I know delegates. Well, leaders inspire.")
    assert [(c.subject, c.quantifier) for c in result.claims] == [
        ("supervisor", "some"),  # "Good" is an adjective, not the connector "well"
        ("manager", "some"),  # the speaker's acquaintance, not every manager
        ("leader", "generic"),
    ]


def test_what_a_role_is_said_to_be_is_kept_as_written():
    (claim,) = extract("Managers are not the bad guys.").claims
    assert (claim.subject, claim.relation, claim.object, claim.polarity) == ("manager", "is_a", "bad guys", "negative")


def test_a_lexicon_phrase_opening_with_a_verb_is_a_predicate_after_its_role():
    result = extract("Leaders take risks, while managers minimize risk through procedures.")
    assert ("manager", "risk minimization", "positive") in [(a.role, a.concept, a.polarity) for a in result.attributions]


def test_one_persons_role_can_report_without_that():
    result = extract("My director says a supervisor's first job is to be trusted, and that chasing popularity is a mistake.")
    mentor, chasing = result.claims
    assert (mentor.subject, mentor.relation, mentor.object) == ("supervisor", "focuses_on", "trust")
    assert mentor.modality == "reported: My director says"
    assert (chasing.subject, chasing.object, chasing.modality) == ("chasing popularity", "mistake", "reported: My director says")


def test_a_frame_naming_roles_reports_nothing_without_that():
    result = extract("Leaders show managers the way.")
    assert [c.modality for c in result.claims] == [None]


def test_a_bare_denial_rebuts_the_claim_on_the_table():
    result = extract("Consultants like to say that a team without a supervisor drifts. I am not convinced.")
    reported, denial = result.claims
    assert (reported.polarity, denial.polarity) == ("positive", "negative")
    assert [(r.target, r.attacker, r.rule) for r in result.rebuttals] == [
        (reported.key, denial.key, "denies-the-claim-on-the-table")
    ]


def test_your_role_is_right_affirms_what_that_person_was_reported_to_say():
    result = extract("My coach says that every supervisor is a leader.\n\nYour coach is right.")
    reported, affirmed = result.claims
    assert (affirmed.subject, affirmed.relation, affirmed.object, affirmed.quantifier) == ("supervisor", "is_a", "leader", "all")
    assert not result.rebuttals


def test_a_role_set_aside_after_the_subject_gets_the_opposite_claim():
    result = extract("Supervisors, not executives, keep promises.")
    assert [(c.subject, c.relation, c.object, c.polarity) for c in result.claims] == [
        ("supervisor", "has_trait", "reliability", "positive"),
        ("executive", "has_trait", "reliability", "negative"),
    ]


def test_a_verb_of_opposition_denies_its_object():
    result = extract("Most administrators resist change.")
    assert forms(result) == [("administrator", "focuses_on", "change", "some", "negative")]


def test_mentions_keep_a_roles_kind_and_a_concepts_verb_as_written():
    result = extract("Store managers allocate budgets and approve rotas.")
    mentions = {c.label: {m.text for m in c.mentions} for c in result.concepts}
    assert "Store managers" in mentions["manager"]
    budgets = next(label for label, texts in mentions.items() if "budgets" in texts)
    assert "allocate budgets" in mentions[budgets]


def test_sameness_of_two_qualified_roles_denied_by_rarely():
    result = extract("A good coordinator and a good leader are rarely the same person.")
    assert forms(result) == [("coordinator", "same_as", "leader", "generic", "negative")]


def test_confusing_two_roles_says_they_differ():
    assert forms(extract("Supervisors and leaders are often confused.")) == [
        ("supervisor", "differs_from", "leader", "generic", "positive")
    ]


def test_a_verbless_fragment_speaks_of_the_pair_compared_last():
    result = extract("A supervisor checks the work. A leader changes the work. Huge difference.")
    assert forms(result)[-1] == ("supervisor", "differs_from", "leader", "generic", "positive")


def test_a_frame_with_an_object_pronoun_reports_and_a_long_verdict_still_denies():
    result = extract("My director told me that leadership comes with the title.\n\nYour director is wrong, at least as you tell it.")
    reported, verdict = result.claims
    assert reported.modality == "reported: My director told me"
    assert (verdict.subject, verdict.object, verdict.polarity) == (reported.subject, reported.object, "negative")
    assert [(r.target, r.attacker) for r in result.rebuttals] == [(reported.key, verdict.key)]


def test_an_opening_phrase_with_a_quantified_plural_noun_is_skipped():
    assert forms(extract("On most crews the supervisor is the leader.")) == [("supervisor", "is_a", "leader", "generic", "positive")]


def test_a_closing_clause_that_claims_nothing_stays_in_the_evidence():
    result = extract("Every supervisor is a leader, and I say that as a former nurse.")
    assert [c.evidence.text for c in result.claims] == ["Every supervisor is a leader, and I say that as a former nurse."]


def test_a_question_after_a_speakers_label_is_still_answered():
    result = extract("Maya: Is every coordinator a leader?\n\nDr. Osei: Not necessarily. Coordinators plan.")
    assert forms(result)[0] == ("coordinator", "is_a", "leader", "some", "negative")


def test_a_listed_answer_to_a_what_question_gives_the_role_its_qualities():
    result = extract("What makes the supervisors you trust different?\n\nFairness, mostly.")
    assert forms(result) == [("supervisor", "has_trait", "fairness", "generic", "positive")]


def test_clauses_after_a_colon_can_open_with_both_roles():
    result = extract("Managers plan. Leaders inspire. There is real overlap: both roles need judgement and fairness.")
    assert ("manager and leader", "has_trait", "judgement") in {(c.subject, c.relation, c.object) for c in result.claims}


def test_two_clauses_joined_by_and_each_with_a_role_and_a_plain_verb():
    result = extract("Coordinators plan and leaders inspire.")
    assert [(c.subject, c.evidence.text) for c in result.claims] == [("coordinator", "Coordinators plan"), ("leader", "and leaders inspire.")]


def test_the_writers_answer_after_a_reported_view_rebuts_it():
    result = extract("Pundits say that every supervisor is a leader. Supervisors are busy. But most supervisors simply administer.")
    reported, busy, answer = result.claims
    assert [(r.target, r.attacker, r.rule) for r in result.rebuttals] == [(reported.key, answer.key, "reported-view-answered")]


def test_a_reported_view_followed_by_agreement_is_not_rebutted():
    result = extract("Pundits say that every supervisor is a leader. Supervisors are leaders in a crisis.")
    assert not result.rebuttals
    result = extract("Pundits say that supervisors resist change. But they are right, sadly.")
    assert not result.rebuttals


def test_a_general_head_names_the_concept_after_it():
    assert forms(extract("Management is the process of planning shifts."))[0][1:3] == ("has_skill", "planning")
    assert forms(extract("Leaders rely on qualities such as credibility."))[0][1:3] == ("has_trait", "credibility")


def test_a_roles_own_verb_as_a_command_says_what_the_role_is_about():
    assert [(c.subject, c.object) for c in extract("Manage the budget. Lead the crew.").claims] == [
        ("manager", "budgets"), ("leader", "crew")
    ]


def test_both_as_a_determiner_makes_a_joint_subject_and_as_a_pronoun_a_clause():
    result = extract("Both supervisors and leaders must communicate clearly, and both must earn trust.")
    assert [(c.subject, c.relation, c.object) for c in result.claims] == [
        ("supervisor and leader", "has_skill", "communication"),
        ("supervisor and leader", "focuses_on", "trust"),
    ]


def test_both_roles_names_the_pair_in_the_usual_order():
    result = extract("Leaders inspire. Managers plan. Both roles need judgement.")
    assert result.claims[-1].subject == "manager and leader"


def test_the_speakers_experience_of_some_holders_of_a_role_and_its_defining_mark():
    result = extract("I have worked for plenty of coordinators who had a title and no followers.")
    assert ("coordinator", "is_a", "leader", "some", "negative") in forms(result)
    assert all(c.quantifier == "some" for c in result.claims)


def test_having_followers_is_what_makes_a_leader():
    assert ("supervisor", "is_a", "leader", "generic", "positive") in forms(extract("Supervisors with loyal followers matter."))


def test_what_an_unknown_activity_of_a_role_acts_on_is_a_focus():
    result = extract("Coordinators never chase consensus.")
    assert forms(result) == [("coordinator", "focuses_on", "consensus", "generic", "negative")]
    concept = next(c for c in result.concepts if c.label == "consensus")
    assert concept.type == "focus" and [m.text for m in concept.mentions] == ["consensus"]


def test_a_negation_inside_the_object_of_an_activity_does_not_deny_it():
    assert forms(extract("Leaders ask questions they do not know the answer to."))[0][2:] == ("questions", "generic", "positive")


def test_a_reason_clause_is_no_verdict_on_the_claim_before_it():
    result = extract("Real leaders invite pushback, because they know they can be wrong.")
    assert not result.rebuttals and all(c.polarity == "positive" for c in result.claims)


def test_rarely_denies_an_activity():
    assert forms(extract("Supervisors rarely walk the floor."))[0][2:] == ("floor", "generic", "negative")


def test_they_at_the_head_of_each_list_item_is_the_first_items_antecedent():
    text = "Most supervisors are administrators.\n\n1. They count hours\nLeaders explain purpose.\n\n2. They guard the process\n"
    assert [c.subject for c in extract(text).claims if c.evidence.text.startswith("They")] == ["supervisor", "supervisor"]


def test_doing_well_without_a_role_says_it_is_not_required_and_lacking_it_that_it_is():
    assert forms(extract("A coordinator can succeed without a leader."))[0][1:] == ("requires", "leader", "generic", "negative")
    assert forms(extract("A coordinator cannot succeed without a leader."))[0][1:] == ("requires", "leader", "generic", "positive")
    assert forms(extract("A coordinator can be effective without ever leading."))[0][1:] == ("requires", "leader", "generic", "negative")
    assert forms(extract("Management without leadership produces compliance."))[0][:4] == ("manager", "requires", "leader", "generic")


def test_she_or_he_speaks_of_one_holder_of_the_role():
    result = extract("Our old supervisor was strict. She is dependable.")
    assert forms(result)[-1] == ("supervisor", "has_trait", "reliability", "some", "positive")


def test_the_role_set_aside_gets_the_opposite_attribution():
    result = extract("Supervisors, not executives, keep promises.")
    assert {(a.role, a.concept, a.polarity) for a in result.attributions} == {
        ("supervisor", "reliability", "positive"), ("executive", "reliability", "negative")
    }


def test_examples_a_typed_head_lists_are_of_its_type():
    result = extract("Supervisors need skills like forecasting and triage.")
    assert {(c.label, c.type) for c in result.concepts if c.label in ("forecasting", "triage")} == {
        ("forecasting", "skill"), ("triage", "skill")
    }
    assert ("supervisor", "triage") in {(a.role, a.concept) for a in result.attributions}


def test_a_pronoun_after_a_semicolon_keeps_its_antecedent_in_the_evidence():
    text = "A site supervisor schedules shifts; she does not lead. Supervisors schedule shifts, and they rarely lead."
    result = extract(text)
    denied = [c for c in result.claims if c.relation == "is_a" and c.polarity == "negative"]
    assert [c.evidence.text for c in denied] == ["A site supervisor schedules shifts; she does not lead.", "and they rarely lead."]


def test_a_reply_that_says_a_named_poster_has_it_backwards_denies_their_thesis_not_their_last_remark():
    text = (
        "Mia: A shift supervisor schedules people; she does not lead. Scheduling is the job of a clerk.\n\n"
        "Sam: I think Mia has it backwards. Supervisors lead every day.\n"
    )
    result = extract(text)
    by_key = {c.key: c for c in result.claims}
    rebuttals = [(by_key[k.target].evidence.text, by_key[k.attacker].evidence.text) for k in result.rebuttals if k.rule == "denies-the-claim-on-the-table"]
    assert rebuttals == [("A shift supervisor schedules people; she does not lead.", "I think Mia has it backwards.")]


def test_a_role_the_predicate_acts_on_is_the_object_when_no_rule_names_the_relation():
    result = extract("Foremen check their team members every morning. When a foreman visits the CEO, nobody notices.")
    assert forms(result)[:1] == [("supervisor", "related_to", "employee", "generic", "positive")]
    assert all(c.object != "CEO" for c in result.claims)  # a subordinate clause claims nothing


def test_their_before_a_role_is_the_role_just_spoken_of():
    result = extract("Foremen rarely explain anything. Their staff obey them anyway.")
    assert forms(result)[-1] == ("employee", "obeys", "supervisor", "generic", "positive")


def test_a_predicate_no_rule_reads_keeps_the_noun_phrase_it_acts_on():
    result = extract("Supervisors cope with ambiguity. A foreman is usually defined by a formal contract.")
    assert [(c.relation, c.object) for c in result.claims] == [
        ("related_to", "ambiguity"), ("related_to", "formal contract"),
    ]


def test_make_with_a_role_and_what_it_becomes():
    result = extract("Nothing in this report makes foremen the culprits. A badge does not make anyone a leader. Hard work makes foremen tired.")
    assert forms(result)[:2] == [
        ("supervisor", "is_a", "culprits", "generic", "negative"),
        ("leader", "related_to", "authority", "generic", "negative"),
    ]
    assert len(result.claims) == 2  # "tired" is no kind of person


def test_a_role_after_than_is_compared_not_acted_on():
    result = extract("Foremen need patience more than executives do.")
    assert forms(result) == [("supervisor", "has_trait", "patience", "generic", "positive")]


def test_a_report_verb_of_two_words_opens_a_frame():
    result = extract("Others point out that many foremen have never held a budget.")
    assert result.claims[0].modality == "reported: Others point out"
    assert result.claims[0].subject == "supervisor"


def test_their_before_a_concept_speaks_of_the_role_just_named():
    result = extract("Foremen rarely emerge by accident. Their authority rests on trust and expertise.")
    assert forms(result)[-1] == ("supervisor", "has_trait", "authority", "generic", "positive")
    assert {("supervisor", a.concept) for a in result.attributions} >= {("supervisor", "trust"), ("supervisor", "technical expertise")}


def test_a_count_of_them_is_some_of_the_role_just_named():
    result = extract("I have reported to nine foremen. Two of them were leaders. The rest of them were administrators.")
    assert forms(result) == [
        ("supervisor", "is_a", "leader", "some", "positive"),
        ("supervisor", "is_a", "administrator", "some", "positive"),
    ]


def test_a_quality_said_not_to_be_what_a_role_does_is_a_denied_sameness_without_attribution():
    result = extract("The plain truth: charisma is not leadership.")
    assert forms(result) == [("leader", "same_as", "charisma", "generic", "negative")]
    assert result.attributions == ()


def test_what_a_role_copes_with_is_a_focus_of_the_document():
    result = extract("Foremen cope with uncertainty. Foremen are not bound to rotas.")
    assert {(a.role, a.concept, a.polarity) for a in result.attributions} == {
        ("supervisor", "uncertainty", "positive"), ("supervisor", "rotas", "negative"),
    }
    assert {c.label: c.type for c in result.concepts if c.type != "role"} == {"uncertainty": "focus", "rotas": "focus"}


def test_a_reporting_aside_after_the_subject_reports_the_clause():
    text = (
        "Foremen, we are told, merely fill in rotas, while executives shape the future.\n\n"
        "Foremen, critics say, lack vision.\n\n"
        "Foremen, I think, are leaders.\n\n"
        "In her plant, she said, the foremen are the leaders.\n"
    )
    result = extract(text)
    assert [(c.subject, c.modality) for c in result.claims] == [
        ("supervisor", "merely; reported: we are told"),
        ("executive", "reported: we are told"),
        ("supervisor", "reported: critics say"),
        ("supervisor", None),
        ("supervisor", "reported: she said"),
    ]


def test_an_activity_said_to_be_a_roles_job():
    result = extract("Leading is the job of the shift foreman. Budgeting is not a foreman's responsibility. Sweeping floors is the task of a foreman.")
    assert forms(result) == [
        ("supervisor", "is_a", "leader", "generic", "positive"),
        ("supervisor", "has_skill", "budgeting", "generic", "negative"),
        ("supervisor", "related_to", "sweeping floors", "generic", "positive"),
    ]


def test_a_former_role_became_the_later_one():
    result = extract("Every good foreman I know was once a clumsy employee. Executives plan. Most executives started out as foremen.")
    assert [f for f in forms(result) if f[1] == "becomes"] == [
        ("employee", "becomes", "supervisor", "some", "positive"),
        ("supervisor", "becomes", "executive", "some", "positive"),
    ]


def test_a_closing_reason_clause_that_claims_nothing_stays_in_the_evidence():
    result = extract("Good foremen invite pushback, because they know they can be wrong.")
    assert [c.evidence.text for c in result.claims] == ["Good foremen invite pushback, because they know they can be wrong."]


def test_a_verdict_after_a_dash_or_colon_denies_the_line():
    result = extract('3. "Foremen lack empathy" - false\n\nEvery foreman is a leader: myth.\n\nForemen plan - true.\n')
    assert forms(result) == [
        ("supervisor", "has_trait", "empathy", "generic", "positive"),
        ("supervisor", "is_a", "leader", "some", "negative"),
        ("supervisor", "has_skill", "planning", "generic", "positive"),
    ]
    assert ("supervisor", "empathy", "positive") in {(a.role, a.concept, a.polarity) for a in result.attributions}


def test_a_yes_no_question_asked_of_anyone_and_its_answer():
    assert forms(extract("Do you need to be a foreman to be a leader?\n\nNo.\n")) == [("leader", "requires", "supervisor", "generic", "negative")]
    assert forms(extract("Can you be a leader without being a foreman?\n\nNo.\n")) == [("leader", "requires", "supervisor", "generic", "positive")]
    assert forms(extract("Can you be a leader without being a foreman?\n\nYes, of course.\n")) == [("leader", "requires", "supervisor", "generic", "negative")]


def test_a_quality_that_acts_on_something_is_a_claim_about_it():
    result = extract("Influence does not need a title. Friendship breeds favouritism.")
    assert forms(result) == [
        ("influence", "requires", "authority", "generic", "negative"),
        ("friendship", "related_to", "favouritism", "generic", "positive"),
    ]


def test_two_things_said_to_be_the_same_or_different():
    result = extract("Warmth is not the same as friendship. Being liked and being likeable are different. Rank is different from leadership.")
    assert forms(result) == [
        ("kindness", "same_as", "friendship", "generic", "negative"),
        ("being liked", "differs_from", "being likeable", "generic", "positive"),
        ("leader", "differs_from", "authority", "generic", "positive"),
    ]


def test_an_activity_done_to_nobody_is_denied():
    assert forms(extract("Plenty of foremen inspire nobody."))[0][2:] == ("inspiration", "some", "negative")


def test_each_cell_of_a_comparison_table_speaks_of_its_columns_role():
    text = (
        "Table 1\n\n"
        "  Area        | Managing              | Leading\n"
        "  ------------+-----------------------+------------------\n"
        "  Works with  | rotas, checklists     | purpose, trust\n"
        "  Measures    | attendance            | engagement\n\n"
        "| Foreman | Executive |\n|---|---|\n| rotas | strategy |\n"
    )
    result = extract(text)
    assert [(c.subject, c.object, c.evidence.text) for c in result.claims] == [
        ("manager", "rotas", "rotas, checklists"), ("leader", "purpose", "purpose, trust"),
        ("manager", "attendance", "attendance"), ("leader", "engagement", "engagement"),
        ("supervisor", "rotas", "rotas"), ("executive", "strategy", "strategy"),
    ]
    assert {("manager", "checklists"), ("leader", "trust")} <= {(a.role, a.concept) for a in result.attributions}


def test_short_verdicts_under_a_quoted_popular_claim():
    text = (
        '#1 "Foremen are leaders."\nSometimes. Often not.\n\n'
        '#2 "Leadership cannot be taught."\nIt can, partly.\n\n'
        '#3 "A foreman must know every answer."\nHe does not.\n'
    )
    result = extract(text)
    by_key = {c.key: c for c in result.claims}
    assert [(by_key[r.target].evidence.text, by_key[r.attacker].evidence.text) for r in result.rebuttals] == [
        ('1 "Foremen are leaders."', "Sometimes. Often not."),
        ('2 "Leadership cannot be taught."', "It can, partly."),
        ('3 "A foreman must know every answer."', "He does not."),
    ]
    verdicts = [f for c, f in zip(result.claims, forms(result)) if c.evidence.text in ("Sometimes. Often not.", "It can, partly.", "He does not.")]
    assert verdicts == [
        ("supervisor", "is_a", "leader", "some", "negative"),
        ("leader", "learned_by", "teaching", "generic", "positive"),
        ("supervisor", "related_to", "answer", "generic", "negative"),
    ]


def test_a_denying_frame_reaches_its_or_that_continuation():
    result = extract("None of this means that executives are idle, or that every foreman is a hidden leader.")
    assert forms(result) == [
        ("executive", "is_a", "idle", "generic", "negative"),
        ("supervisor", "is_a", "leader", "some", "negative"),
    ]


def test_a_bare_quantifier_subject_counts_the_role_just_named():
    result = extract("Foremen vary. Some are simply administrators. Many are good leaders.")
    assert [f for c, f in zip(result.claims, forms(result)) if c.evidence.text[:4] in ("Some", "Many")] == [
        ("supervisor", "is_a", "administrator", "some", "positive"),
        ("supervisor", "is_a", "leader", "some", "positive"),
    ]


def test_a_quality_and_a_role_said_not_to_be_the_same():
    result = extract("Yet charisma and leadership are not the same thing. Rank and management are different things.")
    assert forms(result) == [("leader", "same_as", "charisma", "generic", "negative"), ("manager", "differs_from", "authority", "generic", "positive")]


def test_a_so_called_role_is_denied():
    assert forms(extract("Most foremen are so-called leaders.")) == [("supervisor", "is_a", "leader", "some", "negative")]


def test_the_point_is_that_p_claims_p():
    assert forms(extract("The point is that most foremen are not leaders.")) == [("supervisor", "is_a", "leader", "some", "negative")]


def test_an_unknown_focus_before_not_is_affirmed_and_the_known_one_set_aside():
    assert forms(extract("Foremen count hours, not outcomes.")) == [
        ("supervisor", "focuses_on", "hours", "generic", "positive"),
        ("supervisor", "focuses_on", "results", "generic", "negative"),
    ]


def test_a_roles_activity_as_subject_names_the_role():
    result = extract("Managing and leading are different activities. Leading requires trust. Leading companies hire coaches.")
    assert forms(result) == [
        ("manager", "differs_from", "leader", "generic", "positive"),
        ("leader", "focuses_on", "trust", "generic", "positive"),
    ]


def test_a_numbered_quoted_heading_about_a_quality_is_a_claim_and_its_verdict_answers_it():
    result = extract('#5 "Charisma is always useful."\nMostly true.\n')
    assert forms(result) == [("charisma", "is_a", "useful", "generic", "positive"), ("charisma", "is_a", "useful", "some", "negative")]
    assert len(result.rebuttals) == 1


def test_people_at_large_following_a_role_are_its_followers():
    result = extract("Foremen rely on rank. Nobody would follow them without the title. People follow leaders they trust.")
    assert forms(result)[1:] == [
        ("follower", "follows", "supervisor", "none", "negative"),
        ("follower", "follows", "leader", "generic", "positive"),
    ]


def test_a_comma_and_a_new_noun_subject_with_its_verb_open_a_clause():
    result = extract("Leadership is not the same thing as authority, and teams without foremen are full of leaders.")
    assert [c.evidence.text for c in result.claims][:1] == ["Leadership is not the same thing as authority"]
    assert forms(result)[0] == ("leader", "same_as", "authority", "generic", "negative")


def test_i_am_not_saying_p_denies_p():
    assert forms(extract("I am not saying leadership is worthless.")) == [("leader", "is_a", "worthless", "generic", "negative")]


def test_what_staff_feel_about_a_role_links_them_to_it():
    result = extract("Foremen rarely inspire anyone. Their staff trusted them. Employees respect executives who listen.")
    assert forms(result)[1:] == [
        ("employee", "related_to", "supervisor", "generic", "positive"),
        ("employee", "related_to", "executive", "generic", "positive"),
    ]
    assert {("employee", "trust"), ("employee", "respect")} <= {(a.role, a.concept) for a in result.attributions}


def _rebuttal_texts(result) -> set[tuple[str, str, str]]:
    by_key = {c.key: c for c in result.claims}
    return {(by_key[r.target].evidence.text, by_key[r.attacker].evidence.text, r.rule) for r in result.rebuttals}


def test_the_claim_after_a_verdict_explains_it_and_answers_the_denied_claim():
    text = (
        '3) "Bosses are natural talkers."\n'
        "Wrong. Several of the best supervisors I met were shy, and they still ran good teams.\n\n"
        "Budgets are dull.\n"
    )
    found = _rebuttal_texts(extract(text))
    explained = {(target, attacker) for target, attacker, rule in found if rule == "verdict-explained"}
    assert len(explained) == 1
    target, attacker = explained.pop()
    assert "natural talkers" in target and attacker.startswith("Several of the best supervisors")
    # The next paragraph says nothing about the verdict.
    assert not any("Budgets" in attacker for _, attacker, _ in found)


def test_a_quoted_view_is_answered_by_a_contrast_about_the_same_role():
    text = '- "Leaders plan, managers execute."\nFine words. In reality most managers plan all day, and every leader still executes.\n'
    found = {(t, a) for t, a, rule in _rebuttal_texts(extract(text)) if rule == "reported-view-answered"}
    assert any("managers execute" in t and "most managers plan" in a for t, a in found)
    assert any("Leaders plan" in t and "every leader still executes" in a for t, a in found)


def test_a_writers_own_claim_followed_by_a_contrast_is_not_a_view_on_the_table():
    result = extract("Leaders plan. In reality managers plan too.")
    assert not result.rebuttals


def test_a_wh_heading_with_wrong_is_no_verdict():
    result = extract("Our manager had a strong record in planning.\n\nWhat went wrong\n\nShe stopped listening.")
    assert not result.rebuttals
    assert all(c.polarity == "positive" for c in result.claims if "record" in c.evidence.text)


def test_a_capitalised_adverb_before_a_quantified_role_is_no_name():
    result = extract("Admittedly, many supervisors are tired. Admittedly, that is fine.")
    supervisor = next(c for c in result.concepts if c.label == "supervisor")
    assert [m.text for m in supervisor.mentions] == ["supervisors"]


def test_a_colon_before_people_or_a_pronoun_with_a_verb_opens_a_clause():
    result = extract("Leaders rely on expert power: people follow them because they trust them.")
    assert ("follower", "follows", "leader", "positive") in {(c.subject, c.relation, c.object, c.polarity) for c in result.claims}
    assert result.claims[0].evidence.text == "Leaders rely on expert power"


def test_a_question_put_to_someone_by_name_gets_two_short_answers():
    text = "Moderator: Bo, are your supervisors leaders?\n\nBo Park: Some are. Frankly, not all. Budgets are dull.\n"
    got = [(c.evidence.text.split("\n")[-1], c.subject, c.object, c.quantifier, c.polarity) for c in extract(text).claims]
    assert got[:2] == [
        ("Bo Park: Some are.", "supervisor", "leader", "some", "positive"),
        ("Frankly, not all.", "supervisor", "leader", "some", "negative"),
    ]
    assert not any(e.startswith("Budgets") and o == "leader" for e, _, o, _, _ in got)  # a third sentence is no answer


def test_a_myth_label_reports_a_view_that_a_reality_label_answers():
    result = extract("Myth: managers are born planners. Reality: managers learn planning on the job.")
    myth, reality = result.claims
    assert myth.evidence.text == "managers are born planners."
    assert myth.modality and "Myth" in myth.modality and myth.asserted_by is None
    assert [(r.target, r.attacker, r.rule) for r in result.rebuttals] == [(myth.key, reality.key, "reported-view-answered")]


def test_a_label_that_is_no_view_label_reports_nothing():
    result = extract("Summary: managers learn planning on the job.")
    assert [c.modality for c in result.claims] == [None]


def test_what_a_role_does_without_is_denied_and_a_denied_without_affirms():
    def attributions(text):
        return {(a.role, a.concept, a.polarity) for a in extract(text).attributions}

    assert ("leader", "charisma", "negative") in attributions("A leader can succeed without charisma.")
    assert ("manager", "planning", "positive") in attributions("Managers cannot succeed without planning.")
    # In the subject ("leadership without X fails") the missing thing is needed, not denied.
    assert ("leader", "planning", "negative") not in attributions("Leadership without planning rarely survives.")


def test_the_distinction_judged_false_or_real_is_a_claim_about_the_two_roles():
    assert forms(extract("The distinction between managers and leaders is artificial.")) == [
        ("manager", "differs_from", "leader", "generic", "negative")
    ]
    result = extract("Managers and leaders differ. Critics reply that the split is overstated.")
    reported = result.claims[-1]
    assert (reported.relation, reported.polarity, reported.asserted_by) == ("differs_from", "negative", None)
    assert "Critics" in reported.modality
    assert forms(extract("The difference between managers and leaders is not real."))[0][-1] == "negative"
    # Two things that are no roles: no claim about the roles of the text.
    assert not extract("Managers plan. Leaders inspire. The gap between rich and poor is huge.").claims[2:]


def test_a_relative_clause_without_who_after_the_subject_is_skipped():
    assert forms(extract("Managers we trust are rare."))[0][:3] == ("manager", "is_a", "rare")
    claim = extract("The team leaders we interviewed hated long meetings.").claims[0]
    assert "interviewed" not in claim.object


def test_need_not_be_and_does_not_have_to_be_say_not_necessarily():
    for text in ("A manager need not be a leader.", "A manager does not have to be a leader.", "Managers don't need to be leaders."):
        assert forms(extract(text))[0][1:] == ("not_necessarily", "leader", "generic", "positive"), text


def test_a_different_story_is_the_other_role_of_the_pair_and_they_stays_the_subject():
    result = extract("Managers keep order. Leaders are a different story. They take risks.")
    assert forms(result)[1] == ("leader", "differs_from", "manager", "generic", "positive")
    assert result.claims[2].subject == "leader"


def test_seen_as_is_a_and_an_opinion_opener_before_the_two_roles():
    assert forms(extract("Managers are often seen as leaders."))[0][:3] == ("manager", "is_a", "leader")
    result = extract("Managers plan and leaders inspire. In my view the two roles overlap more than textbooks suggest.")
    assert ("manager", "overlaps_with", "leader") in {(c.subject, c.relation, c.object) for c in result.claims}


def test_a_group_that_needs_or_does_without_a_role():
    assert forms(extract("Teams do not need a boss.")) == [("team", "requires", "manager", "generic", "negative")]
    assert forms(extract("Every team needs a leader.")) == [("team", "requires", "leader", "all", "positive")]
    assert forms(extract("A flat company still needs managers."))[0][:3] == ("flat company", "requires", "manager")


def test_each_verb_of_a_list_names_what_the_role_acts_on():
    result = extract("Supervisors enforce schedules, check timesheets and chase absences.")
    got = {(a.role, a.concept) for a in result.attributions}
    assert {("supervisor", "timesheets"), ("supervisor", "absences")} <= got
    # A list of qualities after a copula names no activity, and people after "and" are a new subject.
    quiet = extract("The leaders we met were quiet, careful and slow to speak, and people worked harder for them.")
    assert not {a.concept for a in quiet.attributions} & {"speak", "worked harder"}


def test_bare_items_under_a_long_role_header_are_concepts_of_the_headers_type():
    result = extract("Key skills of a good manager:\n- stakeholder mapping\n- vendor audits\n")
    assert forms(result) == [
        ("manager", "has_skill", "stakeholder mapping", "generic", "positive"),
        ("manager", "has_skill", "vendor audits", "generic", "positive"),
    ]
    # A numbered heading a paragraph later is no item of the header.
    later = extract("Managers:\n- vendor audits\n\n3. Open questions\nNone yet.\n")
    assert [c.object for c in later.claims] == ["vendor audits"]


def test_what_makes_no_one_a_leader_is_denied_in_the_attribution_too():
    result = extract("A title doesn't make you a leader.")
    assert [(c.subject, c.polarity) for c in result.claims] == [("leader", "negative")]
    assert all(a.polarity == "negative" for a in result.attributions)


def test_a_quality_that_does_not_produce_a_role_is_denied_of_it():
    assert forms(extract("Authority does not create leaders.")) == [("leader", "has_trait", "authority", "generic", "negative")]
    assert forms(extract("Authority is the weakest tool a manager has."))[0][-1] == "positive"


def test_a_quoted_or_framed_proposition_judged_false_is_denied():
    for text in (
        'Still, "the manager is the leader, full stop" does not match my experience.',
        "The idea that every manager is a leader does not survive a real team.",
        '"Every manager is a leader" is simply wrong.',
    ):
        assert [(c.relation, c.polarity) for c in extract(text).claims] == [("is_a", "negative")], text
    assert forms(extract("The notion that managers cannot lead is a myth."))[0][-1] == "positive"
    assert forms(extract("The idea that every manager is a leader is attractive."))[0][-1] == "positive"
    assert forms(extract('"Every manager is a leader," she said.'))[0][-1] == "positive"


def test_a_contrast_clause_and_a_three_word_clause_are_claims_of_their_own():
    got = {(c.subject, c.object) for c in extract("Leaders inspire, while managers count outputs.").claims}
    assert ("manager", "outputs") in got
    got = {(c.subject, c.object) for c in extract("Managers count outputs, leaders watch morale.").claims}
    assert ("manager", "outputs") in got
    # A condition is still no claim.
    assert not [c for c in extract("If managers count outputs, teams game the numbers.").claims if c.object == "outputs"]


def test_an_opening_phrase_with_a_role_before_a_new_subject_is_skipped():
    assert forms(extract("For most employees, the leader they actually meet is their line manager."))[0][:3] == ("leader", "is_a", "manager")
    assert forms(extract("By early 2022 even the remaining supervisor was routing questions through her."))[0][0] == "supervisor"


def test_it_can_with_the_denied_predicate_repeated_affirms_it():
    result = extract("Leadership cannot be taught.\n\nIt can be taught, at least in part.\n")
    denied, affirmed = result.claims
    assert (denied.polarity, affirmed.polarity) == ("negative", "positive")
    assert [(r.target, r.attacker) for r in result.rebuttals] == [(denied.key, affirmed.key)]
    # Other words after "It can" are a claim of their own, not the denied one affirmed.
    other = extract("Leadership cannot be taught.\n\nIt can be practised daily with feedback from peers.\n")
    assert not other.rebuttals


def test_a_quality_said_to_be_overrated_is_a_claim_about_it():
    assert forms(extract("Charisma is overrated anyway.")) == [("charisma", "is_a", "overrated", "generic", "positive")]
    assert forms(extract("Dependability is not underrated."))[0][1:] == ("is_a", "underrated", "generic", "negative")


def test_an_activity_subject_acts_past_its_own_object():
    assert forms(extract("Micromanaging every decision undermines trust."))[0][1:3] == ("related_to", "trust")


def test_a_role_said_to_be_one_word_is_a_claim():
    assert forms(extract("Managers are mortal, not divine.")) == [("manager", "is_a", "mortal", "generic", "positive")]


def test_a_roles_job_is_doing_something_names_what_it_acts_on():
    assert forms(extract("A manager's real job is removing obstacles."))[0][:3] == ("manager", "related_to", "obstacles")


def test_in_contrast_is_a_connector_and_described_as_is_a():
    assert forms(extract("Leadership, in contrast, is about coping with change."))[0][1] != "differs_from"
    assert forms(extract("Leaders are often described as visionary."))[0][1:3] == ("is_a", "visionary")
    assert ("leader", "listening") in {(a.role, a.concept) for a in extract("Effective leaders tend to be good listeners.").attributions}


def test_it_as_the_object_is_the_quality_named_just_before():
    result = extract("A boss demands respect. A leader earns it.")
    assert forms(result)[1] == ("leader", "has_trait", "respect", "generic", "positive")
    assert forms(extract("Managers chase results. Leaders ignore them."))[1][2:] == ("results", "generic", "negative")


def test_a_group_of_people_that_does_without_a_role():
    assert forms(extract("A team of adults does not need a boss to tell it when to think."))[0][:3] == ("team", "requires", "manager")


def test_a_colon_before_a_role_with_a_relative_clause_opens_a_clause():
    result = extract('One reader objected to number 7: "Any manager who keeps a team together is a leader."')
    assert ("manager", "is_a", "leader", "all", "positive") in forms(result)


def test_a_roles_activity_compared_with_another_activity_is_the_role():
    assert forms(extract("Selling and managing are different skills.")) == [("selling", "differs_from", "manager", "generic", "positive")]


def test_a_reality_label_opens_the_claim_after_it():
    assert forms(extract("Reality: selling and managing are different skills."))[0][1:3] == ("differs_from", "manager")


def test_how_one_comes_to_hold_a_role_is_a_claim_of_its_own():
    result = extract(
        "Leaders are born, not made. Supervisors are made, not born. Coaching skills cannot be taught, some say. "
        "Good managers are rarely appointed for their warmth. Foremen are trained to become leaders."
    )
    assert forms(result)[:2] == [
        ("leader", "obtained_by", "birth", "generic", "positive"),
        ("supervisor", "obtained_by", "birth", "generic", "negative"),
    ]
    assert ("manager", "obtained_by", "appointment", "some", "negative") in forms(result)
    # "trained to become leaders" is becoming one, not how one learns
    assert forms(result)[-1] == ("supervisor", "becomes", "leader", "generic", "positive")


def test_born_against_made_is_contested_across_documents():
    from kg.contest import find_contests

    born = extract("Honestly, leaders are born.", "a.txt")
    made = extract("In my experience leaders are made.", "b.txt")
    links = {(c.target, c.attacker, c.cross_document) for c in find_contests([born, made])}
    assert links == {(born.claims[0].key, made.claims[0].key, True)}


def test_a_role_verb_with_nothing_after_it_names_the_role_not_the_reason():
    result = extract("Middle managers cannot lead because they have no real budget. Team leads never lead anyone.")
    assert forms(result) == [
        ("manager", "is_a", "leader", "generic", "negative"),
        ("team leader", "is_a", "leader", "generic", "negative"),
    ]
    # what the verb acts on keeps the older reading
    assert extract("Managers lead projects.").claims[0].relation != "is_a"


def test_a_verdict_on_this_before_a_colon_leaves_the_clause_after_it_a_claim_of_its_own():
    result = extract(
        "Some claim that leaders are born. The research does not support this: most leaders learn on the job. "
        "Others say every boss is a leader. I disagree: not every boss is a leader."
    )
    texts = [c.evidence.text for c in result.claims]
    assert "The research does not support this" in texts
    verdict = next(c for c in result.claims if c.evidence.text == "The research does not support this")
    assert (verdict.subject, verdict.relation, verdict.object, verdict.polarity) == ("leader", "obtained_by", "birth", "negative")
    assert "I disagree: not every boss is a leader." in texts  # a stance that points forward stays one clause
    born = result.claims[0]
    assert (born.key, verdict.key) in {(r.target, r.attacker) for r in result.rebuttals}


def test_being_followed_is_what_makes_a_leader():
    result = extract("Many bosses are obeyed and never followed. Good leaders are followed willingly. Every boss is a leader.")
    assert forms(result) == [
        ("manager", "is_a", "leader", "some", "negative"),
        ("leader", "requires", "follower", "some", "positive"),
        ("manager", "is_a", "leader", "all", "positive"),
    ]


def test_born_against_learned_is_a_clash_of_origins():
    from kg.contest import find_contests

    born = extract("Leaders are born.", "a.txt")
    learned = extract("Leadership can be learned.", "b.txt")
    other_role = extract("Managers can be trained.", "c.txt")
    links = {(c.target, c.attacker, c.rule) for c in find_contests([born, learned, other_role])}
    assert links == {(born.claims[0].key, learned.claims[0].key, "born-vs-made")}


def test_what_anyone_needs_to_be_a_role_is_what_the_role_requires():
    result = extract("You don't need a title to lead. One needs patience to manage people. Nobody needs permission to be a leader.")
    assert forms(result) == [
        ("leader", "requires", "authority", "generic", "negative"),
        ("manager", "requires", "patience", "generic", "positive"),
        ("leader", "requires", "permission", "generic", "negative"),
    ]
    # (what "we" need is the team's, not what it takes to be a role)
    assert forms(extract("We need managers to run the place.")) == [("team", "requires", "manager", "generic", "positive")]


def test_without_before_a_concept_decides_the_claims_polarity_with_the_negation():
    result = extract("Managers cannot succeed without planning. Leaders can succeed without charisma. A boss without vision is not a leader.")
    assert forms(result) == [
        ("manager", "has_skill", "planning", "generic", "positive"),
        ("leader", "has_trait", "charisma", "generic", "negative"),
        ("manager", "is_a", "leader", "generic", "negative"),
    ]


def test_a_modifier_before_a_concept_is_part_of_its_mention():
    result = extract("Managers rely on legitimate power and strategic planning. Leaders need personal credibility.")
    mentions = {c.label: [m.text for m in c.mentions] for c in result.concepts}
    assert "legitimate power" in mentions["power"] and "power" in mentions["power"]
    assert "strategic planning" in mentions["planning"]
    assert "personal credibility" in mentions["credibility"]
    # words that only pick out are not part of it, and "kinds of people" is no kindness
    other = extract("Managers need the necessary resources. Leaders and managers are different kinds of people.")
    assert "necessary resources" not in [m.text for c in other.concepts for m in c.mentions]
    assert "kindness" not in [c.label for c in other.concepts]


def test_a_verb_with_its_preposition_leads_to_the_item():
    result = extract("Management is about coping with complexity. Leadership is about dealing with ambiguity and doubt.")
    assert [f[:3] for f in forms(result)] == [("manager", "focuses_on", "complexity"), ("leader", "focuses_on", "ambiguity")]


def test_few_and_not_all_deny_for_some_and_a_second_not_all_is_a_clause():
    result = extract("Not all managers are leaders, and not all leaders are managers. Few bosses inspire their teams. A few bosses inspire their teams.")
    assert forms(result) == [
        ("manager", "is_a", "leader", "some", "negative"),
        ("leader", "is_a", "manager", "some", "negative"),
        ("manager", "focuses_on", "inspiration", "some", "negative"),
        ("manager", "focuses_on", "inspiration", "some", "positive"),
    ]
    assert {(a.concept, a.polarity) for a in result.attributions} == {("inspiration", "negative"), ("inspiration", "positive")}


def test_people_as_an_aside_is_no_object_and_someone_people_follow_is_a_leader():
    result = extract(
        "A leader is someone people would follow anywhere. Managers are a habit, not a necessity, below twenty people. "
        "Leaders focus on people. A boss can be obeyed without being followed."
    )
    assert forms(result) == [
        ("follower", "follows", "leader", "generic", "positive"),
        ("manager", "is_a", "habit", "generic", "positive"),
        ("leader", "focuses_on", "people", "generic", "positive"),
        ("manager", "is_a", "leader", "generic", "negative"),
    ]


def test_a_glossary_line_says_what_the_term_is():
    result = extract("Executive - a senior manager responsible for strategy.\n\nLeader – a person whom others choose to follow.\n")
    assert [f[:3] for f in forms(result)] == [("executive", "is_a", "manager"), ("follower", "follows", "leader")]


def test_calling_oneself_a_role_and_another_name_for_it():
    result = extract("Managers love to call themselves leaders. Leadership is just another word for management. The final call is rarely made by the boss.")
    assert [f[:3] for f in forms(result)][:2] == [("manager", "is_a", "leader"), ("leader", "same_as", "manager")]


def test_a_group_that_runs_itself_needs_no_manager():
    assert forms(extract("Good teams manage themselves. A department cannot organise itself.")) == [
        ("good team", "requires", "manager", "generic", "negative"),
        ("department", "requires", "manager", "generic", "positive"),
    ]


def test_an_idiom_names_no_concept():
    result = extract("Leaders are willing to fail in order to learn. Managers keep order.")
    assert [c.label for c in result.concepts if c.label == "structure"] == ["structure"]
    structure = next(c for c in result.concepts if c.label == "structure")
    assert [m.text for m in structure.mentions] == ["keep order", "order"] and all(m.start > 40 for m in structure.mentions)


def test_their_job_is_the_job_of_the_role_just_named_and_how_is_no_object():
    result = extract("Managers are busy. Their real job is removing obstacles. Supervisors work hard. Bosses stay late.")
    assert forms(result)[1][:3] == ("manager", "focuses_on", "obstacles")
    assert not {"hard", "late"} & {c.label for c in result.concepts}


def test_a_verdict_that_calls_the_view_a_mistake_denies_it():
    result = extract("Many say leaders need charisma. In this essay I argue that this is a mistake. Some say every boss leads. That reading misleads.")
    assert [(c.subject, c.object, c.polarity) for c in result.claims][1] == ("leader", "charisma", "negative")
    assert len(result.rebuttals) == 2


def test_how_one_comes_to_have_a_quality():
    assert forms(extract("Courage cannot be taught. Trust can be earned.")) == [
        ("courage", "learned_by", "teaching", "generic", "negative"),
        ("trust", "obtained_by", "merit", "generic", "positive"),
    ]


def test_we_needing_a_role_is_the_team_needing_it():
    assert forms(extract("We didn't need a manager. Every crew needs a leader.")) [0] == ("team", "requires", "manager", "generic", "negative")


def test_mine_is_my_holder_of_the_role_just_named():
    assert forms(extract("Most bosses talk too much. Mine was a brilliant leader.")) [1] == ("manager", "is_a", "leader", "some", "positive")


def test_a_sentence_no_rule_reads_still_relates_the_role_and_quality_it_names():
    result = extract("What she had was credibility, patience and a habit of giving credit away.")
    assert [(c.subject, c.relation, c.object) for c in result.claims] == [("credibility", "related_to", "patience")]
    # a sentence about everyday words only makes no claim, and makes no concept of them
    quiet = extract("Same people, same work, same clients, every single week.")
    assert quiet.claims == () and "people" not in {c.label for c in quiet.concepts}


def test_the_answer_to_a_reported_view_may_come_three_sentences_on_but_not_past_another_view():
    result = extract(
        "Many believe that a manager must be the best engineer. The reasoning is appealing. I held this view for years. "
        "But in fact managers need judgement more than expertise."
    )
    assert len(result.rebuttals) == 1 and result.rebuttals[0].rule == "reported-view-answered"
    later = extract(
        "Many believe that a manager must be the best engineer. Others say that managers need charisma. "
        "But in fact managers need judgement more than anything."
    )
    assert [r.target for r in later.rebuttals] == [later.claims[1].key]


def test_a_spaced_dash_before_a_clause_with_its_own_subject_opens_it():
    result = extract("The owner need not be the leader - on a busy night the supervisor is the leader. Long-term planning matters to managers.")
    assert [c.evidence.text for c in result.claims][:2] == [
        "The owner need not be the leader",
        "on a busy night the supervisor is the leader.",
    ]


def test_what_makes_people_follow_is_how_a_leader_is_obtained():
    assert forms(extract("Titles don't make people follow anyone.")) == [("leader", "obtained_by", "authority", "generic", "negative")]


def test_people_of_a_role_who_say_something_report_it():
    result = extract("Some colleagues say the leadership behaviours are just a new name for management. Leaders show managers the way.")
    first = result.claims[0]
    assert (first.subject, first.relation, first.object) == ("leader", "same_as", "manager")
    assert first.modality == "reported: Some colleagues say"
    assert "reported" not in (result.claims[1].modality or "")


def test_a_part_of_a_role():
    assert [f[:3] for f in forms(extract("Leadership is one function within management. Leadership is part of every manager's job."))] == [
        ("leader", "part_of", "manager"), ("leader", "part_of", "manager")]


def test_the_writer_quoting_a_reported_view_answers_it():
    result = extract('Critics say that every leader must be charismatic. Yet "every leader must be charismatic" is the kind of slogan that fails in practice.')
    assert [(r.target, r.rule) for r in result.rebuttals if r.rule == "quotes-an-earlier-claim"] == [(result.claims[0].key, "quotes-an-earlier-claim")]


def test_what_a_role_needs_others_to_do_is_the_doing():
    result = extract("A leader doesn't need the team to like her.")
    assert forms(result) == [("leader", "has_trait", "being liked", "generic", "negative")]
    assert [(a.concept, a.polarity) for a in result.attributions] == [("being liked", "negative")]


def test_a_reason_belongs_to_the_claim_it_backs():
    result = extract("On most teams the manager is the leader, because she decides who gets promoted.")
    assert result.claims[0].evidence.text == "On most teams the manager is the leader, because she decides who gets promoted."
    assert forms(result)[0][:3] == ("manager", "is_a", "leader")


def test_a_picture_of_a_role_judged_misleading_is_denied():
    result = extract("The picture of the leader as a magnetic speaker is attractive but misleading.")
    assert [(c.subject, c.object, c.polarity) for c in result.claims] == [("leader", "magnetic speaker", "negative")]


def test_a_question_that_expects_no_claims_the_opposite():
    result = extract("Do managers really need charisma? Is every manager a leader?")
    assert forms(result) == [("manager", "has_trait", "charisma", "generic", "negative")]
    assert "rhetorical question" in result.claims[0].modality
    assert [(a.concept, a.polarity) for a in result.attributions] == [("charisma", "negative")]


def test_and_before_a_described_role_with_its_verb_opens_a_clause():
    result = extract("Managing and leading are different activities, and our line managers are expected to do both.")
    assert [c.evidence.text for c in result.claims] == ["Managing and leading are different activities", "and our line managers are expected to do both."]


def test_always_a_role_is_every_one():
    assert forms(extract("A good boss is always a leader."))[0] == ("manager", "is_a", "leader", "all", "positive")


def test_a_relative_clause_without_who_after_the_role_is_skipped():
    result = extract("The managers I trust most are quiet and consistent. The leaders you admire are rarely loud.")
    assert [f[1:3] + (f[4],) for f in forms(result)] == [("has_trait", "consistency", "positive"), ("is_a", "loud", "negative")]


def test_anyone_learning_to_lead_is_leadership_learned():
    assert forms(extract("You can learn to lead. Nobody can learn to manage."))[:2] == [
        ("leader", "learned_by", "learning", "generic", "positive"),
        ("manager", "learned_by", "learning", "generic", "negative"),
    ]


def test_a_longer_header_that_names_a_role_scopes_its_bullets():
    result = extract("Leaders, in contrast, are expected to:\n- establish direction\n- align people\n")
    assert [f[:3] for f in forms(result)] == [("leader", "focuses_on", "direction"), ("leader", "focuses_on", "alignment")]


def test_not_thinking_or_no_longer_believing_p_denies_p():
    result = extract("I don't think bosses are villains. I no longer believe that every manager is a leader.")
    assert forms(result) == [("manager", "is_a", "villains", "generic", "negative"), ("manager", "is_a", "leader", "some", "negative")]


def test_a_title_that_sets_one_role_against_another_makes_the_first_the_topic():
    result = extract("7 Signs You Work for a Boss, Not a Leader\n\n1. They take credit for your work\n")
    assert [c.subject for c in result.claims] == ["manager"]


def test_a_markdown_heading_that_names_a_role_scopes_the_lines_under_it():
    result = extract("## What good managers do\n\n- plan the work\n- check progress\n\n## Leaders\n\n- set a direction\n")
    assert [f[:3] for f in forms(result)] == [
        ("manager", "has_skill", "planning"), ("manager", "focuses_on", "progress"), ("leader", "focuses_on", "direction")]
    assert [s.role for s in result.document.sections] == ["manager", "leader"]


def test_qualities_listed_without_a_role_are_said_of_the_role_the_passage_is_about():
    result = extract("The best supervisor I had was quiet. What she had was patience, credibility and a habit of listening.")
    assert forms(result)[1] == ("supervisor", "related_to", "patience", "generic", "positive")
    assert {(a.role, a.concept) for a in result.attributions} >= {
        ("supervisor", "patience"), ("supervisor", "credibility"), ("supervisor", "listening")}
    # A quality that opens its own clause is what the sentence is about, not the role's.
    result = extract("Good supervisors keep the floor calm. Authority does not make anyone wiser.")
    assert forms(result)[1][:3] == ("authority", "related_to", "anyone wiser")


def test_an_adverb_after_the_object_is_no_part_of_it():
    assert forms(extract("Supervisors monitor performance closely."))[0][2] == "performance"
    assert forms(extract("The leader handles disagreement well."))[0][2] == "disagreement"
    assert forms(extract("Managers care about family."))[0][2] == "family"


def test_whether_a_group_needs_a_role_said_without_need():
    assert forms(extract("Without managers nothing gets done.")) == [("team", "requires", "manager", "generic", "positive")]
    assert forms(extract("Without a boss, our team did fine.")) == [("team", "requires", "manager", "generic", "negative")]
    assert forms(extract("Someone still has to make the final call.")) == [("team", "requires", "manager", "generic", "positive")]
    assert forms(extract("Our company ran for years with no managers at all.")) == [("company", "requires", "manager", "generic", "negative")]
    # Neither an outcome nor an act of authority: nothing is said about the need.
    assert "requires" not in [c.relation for c in extract("Without a manager, the meeting started late.").claims]
    assert "requires" not in [c.relation for c in extract("Someone has to water the plants.").claims]


def test_what_a_role_earns_by_a_quality_is_said_of_the_quality():
    assert forms(extract("Good supervisors earn respect by being fair."))[0][1:3] == ("has_trait", "fairness")
    assert forms(extract("Leaders win trust through integrity."))[0][1:3] == ("has_trait", "integrity")
    # What the role works on stays the object when the means follows another verb.
    assert forms(extract("Managers minimize risk through controls."))[0][2] == "risk minimization"


def test_two_qualities_confused_are_held_apart():
    assert forms(extract("You are confusing friendship with favouritism.")) == [("friendship", "same_as", "favouritism", "generic", "negative")]
    assert forms(extract("Don't confuse empathy with agreement.")) == [("empathy", "same_as", "agreement", "generic", "negative")]
    assert forms(extract("Many people mistake charisma for competence.")) == [("charisma", "same_as", "competence", "generic", "negative")]


def test_a_role_that_is_both_roles_at_once():
    assert forms(extract("In a small shop the owner is the leader and the manager."))[0][1:3] == ("is_a", "leader and manager")
    assert forms(extract("A supervisor can be both a manager and a leader."))[0][1:3] == ("is_a", "manager and leader")
    assert forms(extract("Our line managers are expected to do both."))[0][1:3] == ("is_a", "manager and leader")
    assert forms(extract("Managers and leaders overlap."))[0][1] == "overlaps_with"


def test_a_role_with_a_relative_clause_after_a_comma_opens_a_clause():
    result = extract("Good leaders are not necessarily charismatic, and a manager who is reliable, calm and fair already does most of it.")
    assert [c.evidence.text for c in result.claims] == [
        "Good leaders are not necessarily charismatic",
        "and a manager who is reliable, calm and fair already does most of it.",
    ]
    assert forms(result)[0][:3] == ("leader", "has_trait", "charisma")


def test_they_after_an_answer_is_the_role_asked_about():
    text = "Q: What distinguishes the leaders you admire?\n\nA: Curiosity, mostly. They ask hard questions. They tolerate dissent.\n"
    result = extract(text)
    assert [f[:3] for f in forms(result)] == [
        ("leader", "has_trait", "curiosity"), ("leader", "related_to", "hard questions"), ("leader", "has_trait", "openness to dissent")]


def test_one_role_ranked_above_another():
    assert forms(extract("Leading is more important than managing.")) == [("leader", "ranks_above", "manager", "generic", "positive")]
    assert forms(extract("A manager is not inferior to a leader."))[0][:3] == ("leader", "ranks_above", "manager")
    assert forms(extract("A manager is not inferior to a leader."))[0][4] == "negative"
    # A comparison of what the roles do is no ranking of the roles.
    assert forms(extract("Leaders think more about the future than managers do."))[0][1] != "ranks_above"


def test_the_activity_as_written_mentions_its_object():
    def mentions(text, label):
        return [m.text for c in extract(text).concepts if c.label == label for m in c.mentions]
    assert "keep the machine running" in mentions("Managers exist to keep the machine running.", "machine running")
    assert "draws up budgets" in mentions("A manager draws up budgets and schedules.", "budgets")
    assert "Take calculated risks" in mentions("Leaders:\n- Take calculated risks when the usual approach stops working.\n", "calculated risks")


def test_markdown_emphasis_marks_are_no_words():
    text = "## Trait 4: Consistency\n\n**Managers** enforce standards; **leaders** embody them. Leaders _never_ micromanage.\n* Managers plan budgets.\n"
    result = extract(text)
    assert [f[:3] for f in forms(result)][:2] == [("manager", "focuses_on", "standards"), ("leader", "related_to", "embody")]
    assert ("leader", "has_trait", "command and control", "generic", "negative") in forms(result)
    for claim in result.claims:  # evidence is still cut from the text as written
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    for concept in result.concepts:
        assert all(text[m.start : m.end] == m.text for m in concept.mentions)


def test_typographic_apostrophes_read_as_plain_ones():
    import re
    from pathlib import Path

    apostrophe = re.compile(r"(?<=\w)'(?=\w)")
    for path in sorted((Path(__file__).parent / "dev" / "texts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if "'" in text:
            assert forms(extract(apostrophe.sub("\u2019", text), path.name)) == forms(extract(text, path.name)), path.name
    assert forms(extract("Managers don\u2019t inspire people.")) == [("manager", "focuses_on", "inspiration", "generic", "negative")]


SPACINGS = {
    "no-break and thin spaces": lambda text: "".join(
        w + ("\u00a0" if i % 7 == 3 else "\u2009" if i % 11 == 5 else " ") for i, w in enumerate(text.split(" "))
    )[:-1],
    "Windows line ends": lambda text: text.replace("\n", "\r\n"),
    "trailing spaces": lambda text: text.replace("\n", "  \n"),
    "two spaces after a full stop": lambda text: text.replace(". ", ".  "),
}


@pytest.mark.parametrize("spacing", sorted(SPACINGS))
def test_the_same_claims_whatever_the_spacing(spacing):
    from pathlib import Path

    root = Path(__file__).parent.parent
    for path in [*sorted((root / "seeds").glob("*.txt")), *sorted((root / "tests" / "dev" / "texts").glob("*.txt"))]:
        text = path.read_text(encoding="utf-8")
        spaced = SPACINGS[spacing](text)
        result, original = extract(spaced, path.name), extract(text, path.name)
        assert [(*form, c.asserted_by) for form, c in zip(forms(result), result.claims)] == [
            (*form, c.asserted_by) for form, c in zip(forms(original), original.claims)], path.name
        assert all(spaced[c.evidence.start : c.evidence.end] == c.evidence.text for c in result.claims)


def test_a_hard_wrapped_text_reads_as_its_paragraphs():
    import textwrap

    paragraphs = [
        "Managing and leading are often treated as one job, but most managers I have worked with do not inspire "
        "anyone, and some of the best leaders I have known had no title at all.",
        "A good manager plans budgets, tracks deadlines and keeps the machine running, while a leader sets a "
        "direction that people choose to follow even when nobody is watching them.",
        "Not every manager is a leader. Leadership is not a position; it is a relationship with followers, and "
        "managers who forget that end up with compliance rather than commitment.",
    ]
    text = "\n\n".join(paragraphs) + "\n"
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs) + "\n"
    assert wrapped.count("\n") > 8
    assert forms(extract(wrapped)) == forms(extract(text))
    assert [c.evidence.start for c in extract(wrapped).claims] == [c.evidence.start for c in extract(text).claims]


def test_a_negation_inside_parentheses_stays_there():
    assert forms(extract("Managers (not leaders) plan budgets."))[0][4] == "positive"
    assert forms(extract("Managers (who rarely lead) do not inspire people."))[0][4] == "negative"


@pytest.mark.parametrize("aside", [", not leaders,", " (not leaders)", " - not leaders -", " -- not leaders --", " \u2014 not leaders \u2014"])
def test_another_role_set_aside_between_commas_brackets_or_dashes(aside):
    assert forms(extract(f"Managers{aside} keep the lights on.")) == [
        ("manager", "related_to", "lights", "generic", "positive"), ("leader", "related_to", "lights", "generic", "negative")]


def test_chat_abbreviations_open_a_claim():
    assert forms(extract("IMO most managers aren't leaders.")) == [("manager", "is_a", "leader", "some", "negative")]
    assert forms(extract("tbh most managers dont inspire anyone.")) == [("manager", "focuses_on", "inspiration", "some", "negative")]


def test_it_stands_for_the_quality_just_spoken_of():
    result = extract("Authority is useful. It lets you enforce a decision.")
    assert [f[0] for f in forms(result)] == ["authority", "authority"]
    # After a role is the subject, "it" is no longer the quality.
    assert [f[0] for f in forms(extract("Authority is useful. Managers enforce decisions. It lets you decide."))] == ["authority", "manager"]


def test_lacking_none_of_a_quality_is_having_it():
    assert forms(extract("The new manager lacked no courage."))[0][4] == "positive"
    assert forms(extract("Leaders lack neither courage nor vision."))[0][4] == "positive"
    assert forms(extract("Managers lack empathy."))[0][4] == "negative"
