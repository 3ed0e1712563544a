"""Contests and standing on small documents of our own: what must clash and what must not."""

from __future__ import annotations

from kg import api
from kg.contest import contradictions, grounded_standings
from kg.records import Claim, Contest, Span


def claim(doc: str, start: int, subject: str, relation: str, obj: str, quantifier: str = "generic",
          polarity: str = "positive", speaker: str | None = None, modality: str | None = None) -> Claim:
    return Claim(doc, Span(start, start + 10, "x" * 10), subject, relation, obj, quantifier, polarity, modality, speaker)


def pairs(found: list[Contest]) -> set[tuple[str, str, str]]:
    return {(c.target, c.attacker, c.rule) for c in found}


def test_all_against_some_not_is_a_contradiction():
    a = claim("a.txt", 0, "manager", "is_a", "leader", "all")
    b = claim("b.txt", 0, "manager", "is_a", "leader", "some", "negative")
    assert pairs(contradictions([a, b])) == {(a.key, b.key, "all-vs-some-not")}


def test_some_are_against_some_are_not_is_no_contradiction():
    a = claim("a.txt", 0, "manager", "is_a", "leader", "some")
    b = claim("b.txt", 0, "manager", "is_a", "leader", "some", "negative")
    assert contradictions([a, b]) == []


def test_different_roles_do_not_clash():
    a = claim("a.txt", 0, "manager", "is_a", "leader", "all")
    b = claim("b.txt", 0, "executive", "is_a", "leader", "some", "negative")
    assert contradictions([a, b]) == []


def test_a_paraphrase_is_no_contradiction():
    a = claim("a.txt", 0, "manager", "differs_from", "leader")
    b = claim("b.txt", 0, "leader", "differs_from", "manager")
    assert contradictions([a, b]) == []


def test_same_against_different_in_either_order():
    a = claim("a.txt", 0, "leader", "same_as", "manager")
    b = claim("b.txt", 0, "manager", "differs_from", "leader")
    assert pairs(contradictions([a, b])) == {(a.key, b.key, "same-vs-different")}


def test_same_against_not_necessarily():
    a = claim("a.txt", 0, "manager", "same_as", "leader")
    b = claim("b.txt", 0, "leader", "not_necessarily", "manager")
    assert pairs(contradictions([a, b])) == {(a.key, b.key, "same-vs-not-necessarily")}


def test_a_denied_quality_that_marks_a_role_denies_being_it():
    # The lexicon says leadership qualities are the mark of a leader.
    a = claim("a.txt", 0, "manager", "is_a", "leader", "all")
    b = claim("b.txt", 0, "manager", "has_trait", "leadership qualities", "some", "negative")
    assert pairs(contradictions([a, b])) == {(a.key, b.key, "all-vs-some-not")}


def test_opposite_attributions_clash_only_between_plain_independent_claims():
    a = claim("a.txt", 0, "manager", "focuses_on", "people", speaker="Ann")
    b = claim("a.txt", 50, "manager", "focuses_on", "people", polarity="negative", speaker="Bob")
    hedged = claim("a.txt", 90, "manager", "focuses_on", "people", polarity="negative", speaker="Cy", modality="often")
    assert pairs(contradictions([a, b, hedged])) == {(a.key, b.key, "attribution-polarity")}


def test_a_group_that_needs_a_role_against_one_that_does_not():
    a = claim("a.txt", 0, "team", "requires", "manager")
    b = claim("b.txt", 0, "team", "requires", "manager", polarity="negative")
    other = claim("c.txt", 0, "team", "requires", "leader", polarity="negative")
    assert pairs(contradictions([a, b, other])) == {(a.key, b.key, "attribution-polarity")}


def test_being_two_roles_at_once_is_being_each():
    a = claim("a.txt", 0, "owner", "is_a", "leader and manager")
    b = claim("b.txt", 0, "owner", "not_necessarily", "leader")
    assert pairs(contradictions([a, b])) == {(a.key, b.key, "all-vs-some-not")}


def test_one_role_ranked_above_the_other_against_the_reverse_or_the_denial():
    a = claim("a.txt", 0, "leader", "ranks_above", "manager")
    b = claim("b.txt", 0, "manager", "ranks_above", "leader")
    c = claim("c.txt", 0, "leader", "ranks_above", "manager", polarity="negative")
    d = claim("d.txt", 0, "executive", "ranks_above", "manager")
    assert pairs(contradictions([a, b, c, d])) == {(a.key, b.key, "ranking"), (a.key, c.key, "ranking")}


def test_each_restatement_of_a_claim_is_contested():
    a = claim("a.txt", 0, "manager", "is_a", "leader", "all", speaker="Ann")
    again = claim("a.txt", 20, "manager", "is_a", "leader", "all", speaker="Ann")
    b = claim("b.txt", 0, "manager", "is_a", "leader", "some", "negative")
    found = contradictions([a, again, b])
    assert pairs(found) == {(a.key, b.key, "all-vs-some-not"), (again.key, b.key, "all-vs-some-not")}


def test_reply_to_the_author_is_a_rebuttal():
    a = claim("t.txt", 0, "manager", "is_a", "leader", "all", speaker="Ann")
    b = Claim("t.txt", Span(50, 60, "y" * 10), "manager", "is_a", "leader", "some", "negative", None, "Bob", ("Ann",))
    (found,) = contradictions([a, b])
    assert (found.kind, found.cross_document) == ("rebuttal", False)


def test_grounded_standing_defeats_a_claim_whose_attacker_stands():
    a = claim("a.txt", 0, "manager", "is_a", "leader", "all")
    b = claim("a.txt", 20, "manager", "is_a", "leader", "some", "negative")
    rebuttal = Contest(a.key, b.key, "rebuttal", "test", b.evidence, False)
    status = {s.claim: s.status for s in grounded_standings([a, b], [rebuttal])}
    assert status == {a.key: "defeated", b.key: "accepted"}


def test_mutual_contradiction_leaves_both_contested():
    a = claim("a.txt", 0, "manager", "is_a", "leader", "all")
    b = claim("b.txt", 0, "manager", "is_a", "leader", "some", "negative")
    found = contradictions([a, b])
    status = {s.claim: s.status for s in grounded_standings([a, b], found)}
    assert status == {a.key: "contested", b.key: "contested"}


def test_reinstatement_a_defeated_attacker_frees_its_target():
    a = claim("a.txt", 0, "x", "is_a", "y")
    b = claim("a.txt", 20, "x", "is_a", "y")
    c = claim("a.txt", 40, "x", "is_a", "y")
    attacks = [Contest(a.key, b.key, "rebuttal", "t", b.evidence, False), Contest(b.key, c.key, "rebuttal", "t", c.evidence, False)]
    status = {s.claim: s.status for s in grounded_standings([a, b, c], attacks)}
    assert status == {a.key: "accepted", b.key: "defeated", c.key: "accepted"}


def test_seed_claim_every_manager_is_a_leader_is_contested_by_name(built_seeds):
    _, graph = built_seeds
    rows = list(graph.query(
        """SELECT ?speaker ?attackerText WHERE {
             ?c schema:text "Every manager by default is leader." ; kg:status kg:Contested ;
                prov:wasAttributedTo/schema:name ?speaker .
             ?attacker kg:contests ?c ; schema:text ?attackerText .
           }"""
    ))
    assert {r["speaker"].value for r in rows} == {"Rajendra K. Gupta"}
    assert any(r["attackerText"].value.startswith("But you considered that every manager is a leader") for r in rows)


def test_contests_are_found_across_documents_on_the_seeds():
    extraction = api.extract(["seeds"])
    cross = [c for c in extraction.contests if c.cross_document]
    assert cross and all(c.target.split(":")[0] != c.attacker.split(":")[0] for c in cross)


def test_a_hedged_claim_does_not_defeat_a_plain_one():
    plain = claim("a.txt", 0, "manager", "is_a", "leader", "all")
    hedged = claim("b.txt", 0, "manager", "is_a", "leader", "some", "negative", modality="perhaps")
    found = contradictions([plain, hedged])
    status = {s.claim: s.status for s in grounded_standings([plain, hedged], found)}
    assert status == {plain.key: "accepted", hedged.key: "defeated"}


def test_preferred_extensions_split_a_mutual_contradiction():
    a = claim("a.txt", 0, "manager", "is_a", "leader", "all")
    b = claim("b.txt", 0, "manager", "is_a", "leader", "some", "negative")
    reasons = {s.claim: s.reason for s in grounded_standings([a, b], contradictions([a, b]))}
    assert reasons[a.key].endswith("in 1 of 2 preferred extension(s)")
    assert reasons[b.key].endswith("in 1 of 2 preferred extension(s)")


def test_an_odd_cycle_has_only_the_empty_preferred_extension():
    x, y, z = (claim("a.txt", k, "x", "is_a", "y") for k in (0, 20, 40))
    cycle = [Contest(x.key, y.key, "rebuttal", "t", y.evidence, False), Contest(y.key, z.key, "rebuttal", "t", z.evidence, False),
             Contest(z.key, x.key, "rebuttal", "t", x.evidence, False)]
    reasons = [s.reason for s in grounded_standings([x, y, z], cycle)]
    assert all(r.endswith("in 0 of 1 preferred extension(s)") for r in reasons)


def test_a_named_speaker_does_not_contest_themself_across_posts():
    a = claim("t.txt", 0, "manager", "is_a", "leader", "some", "negative", speaker="Ann")
    b = claim("t.txt", 200, "manager", "is_a", "leader", "all", speaker="Ann")
    c = claim("t.txt", 400, "manager", "is_a", "leader", "all", speaker="Bob")
    assert pairs(contradictions([a, b, c])) == {(a.key, c.key, "all-vs-some-not")}


def test_a_claim_recurring_across_a_large_corpus_meets_a_bounded_number_of_its_deniers():
    from kg.contest import CROSS_LIMIT

    yes = [claim(f"y{i}.txt", 0, "manager", "is_a", "leader", "all") for i in range(300)]
    no = [claim(f"n{i}.txt", 0, "manager", "is_a", "leader", "some", "negative") for i in range(300)]
    found = contradictions(yes + no)
    assert len(found) <= 2 * CROSS_LIMIT * 300  # not 300 * 300
    attacked = {c.target for c in found} | {c.attacker for c in found}
    assert attacked == {c.key for c in yes + no}  # every claim still meets its opponents
    small = contradictions(yes[:20] + no[:20])
    assert len(small) == 20 * 20  # a small corpus compares every pair


def test_one_long_document_repeating_a_clash_stays_linear():
    from kg.contest import CROSS_LIMIT

    yes = [claim("one.txt", i * 20, "manager", "is_a", "leader", "all") for i in range(2000)]
    no = [claim("one.txt", 50_000 + i * 20, "manager", "is_a", "leader", "some", "negative") for i in range(2000)]
    found = contradictions(yes + no)
    assert 2000 <= len(found) <= 2 * CROSS_LIMIT * 2000
    assert not any(c.cross_document for c in found)
