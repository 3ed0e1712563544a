"""Claims to contests, and each claim's standing in a Dung argumentation framework.

Contests come from two sources: rebuttals found by ``kg.rules`` in replies, and logical
contradictions between claims' normal forms found here. Claims are indexed by their
(unordered) pair of subject and object, so only claims about the same things are compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.records import Claim, Contest, Standing


def grounded_standings(claims: Iterable[Claim], contests: Iterable[Contest]) -> list[Standing]:
    """Status of every claim under grounded semantics: IN -> accepted, OUT -> defeated, UNDEC -> contested.

    A contradiction attacks both ways; a rebuttal attacks the claim it answers.
    """
    keys = [claim.key for claim in claims]
    attackers: dict[str, set[str]] = defaultdict(set)
    for contest in contests:
        attackers[contest.target].add(contest.attacker)
        if contest.kind == "contradiction":
            attackers[contest.attacker].add(contest.target)
    label: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for key in keys:
            if key in label:
                continue
            if all(label.get(a) == "out" for a in attackers[key]):
                label[key] = "in"
                changed = True
            elif any(label.get(a) == "in" for a in attackers[key]):
                label[key] = "out"
                changed = True
    standings = []
    for key in keys:
        state = label.get(key, "undec")
        against = sorted(attackers[key])
        if state == "in":
            status = "accepted"
            reason = "unchallenged" if not against else f"every attack is defeated ({len(against)} attacker(s))"
        elif state == "out":
            status = "defeated"
            winners = sorted(a for a in against if label.get(a) == "in")
            reason = "attacked by accepted claim(s): " + ", ".join(winners)
        else:
            status = "contested"
            reason = f"attacked by {len(against)} claim(s) that are themselves unresolved"
        standings.append(Standing(claim=key, status=status, reason=reason))
    return standings


def find_contests(documents) -> list[Contest]:
    """Rebuttals found in the documents plus contradictions between all claims, deduplicated, sorted."""
    found: dict[tuple[str, str], Contest] = {}
    for doc in documents:
        for rebuttal in doc.rebuttals:
            found.setdefault((rebuttal.target, rebuttal.attacker), rebuttal)
    claims = [claim for doc in documents for claim in doc.claims]
    for item in contradictions(claims):
        if (item.target, item.attacker) not in found and (item.attacker, item.target) not in found:
            found[(item.target, item.attacker)] = item
    return sorted(found.values(), key=lambda c: (c.target, c.attacker))


def contradictions(claims: list[Claim]) -> list[Contest]:
    """Pairs of claims whose normal forms clash (filled in by the contradiction rules)."""
    return []
