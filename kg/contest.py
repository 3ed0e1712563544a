"""Claims to contests, and each claim's standing in a Dung argumentation framework.

Contests come from two sources: rebuttals found by ``kg.rules`` in replies, and logical
contradictions between claims' normal forms found here. Claims are indexed by their
(unordered) pair of subject and object, so only claims about the same things are compared.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from functools import cache

from kg.lexicon import load_grammar, load_lexicon
from kg.records import REPORTED, Claim, Contest, Standing


def grounded_standings(claims: Iterable[Claim], contests: Iterable[Contest]) -> list[Standing]:
    """Status of every claim under grounded semantics: IN -> accepted, OUT -> defeated, UNDEC -> contested.

    A contradiction attacks both ways; a rebuttal attacks the claim it answers. Linear in claims
    plus attacks (the usual labelling by propagation from unattacked claims).
    """
    claims = list(claims)
    keys = [claim.key for claim in claims]
    by_key = {claim.key: claim for claim in claims}
    attackers: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, set[str]] = defaultdict(set)
    for contest in contests:
        pairs = [(contest.attacker, contest.target)]
        if contest.kind == "contradiction":
            pairs.append((contest.target, contest.attacker))
        for attacker, target in pairs:
            if contest.kind == "contradiction" and _strength(by_key.get(attacker)) < _strength(by_key.get(target)):
                continue  # a hedged claim does not defeat a plain one it contradicts
            attackers[target].add(attacker)
            targets[attacker].add(target)
    label: dict[str, str] = {}
    # .get, not [], on attackers and targets: a set made for every unattacked claim took 200 bytes
    # a claim (a million claims at 100k documents).
    none: frozenset[str] = frozenset()
    alive = {key: len(attackers.get(key, none)) for key in keys}  # attackers not yet OUT
    queue = deque(key for key in keys if alive[key] == 0)
    while queue:
        key = queue.popleft()
        if key in label:
            continue
        label[key] = "in"
        for target in sorted(targets.get(key, none)):
            if target in label:
                continue
            label[target] = "out"
            for victim in sorted(targets.get(target, none)):
                if victim not in label:
                    alive[victim] -= 1
                    if alive[victim] == 0:
                        queue.append(victim)
    undecided = [key for key in keys if key not in label]
    membership = preferred_membership(undecided, attackers)
    standings = []
    for key in keys:
        state = label.get(key, "undec")
        against = sorted(attackers.get(key, none))
        hedge = by_key[key].modality
        if state == "in":
            status = "accepted"
            reason = "unchallenged" if not against else f"every attacker is defeated ({len(against)})"
        elif state == "out":
            status = "defeated"
            winners = sorted(a for a in against if label.get(a) == "in")
            reason = f"attacked by {len(winners)} accepted claim(s)"
        else:
            status = "contested"
            reason = f"attacked by {len(against)} claim(s) that are themselves unresolved"
            if key in membership:
                inside, total = membership[key]
                reason += f"; in {inside} of {total} preferred extension(s)"
        if hedge and against:
            reason += f"; hedged ({hedge}), so its own attacks on plain claims do not count"
        standings.append(Standing(claim=key, status=status, reason=reason))
    return standings


PREFERRED_LIMIT = 14  # claims in one undecided component; beyond it preferred semantics is skipped


def preferred_membership(undecided: list[str], attackers: dict[str, set[str]]) -> dict[str, tuple[int, int]]:
    """For claims the grounded labelling leaves undecided: in how many of the preferred extensions
    each one lies, computed per connected component where the component is small enough.

    Preferred extensions contain the grounded one; its IN claims never attack undecided claims and
    its OUT claims are already countered, so only attacks among undecided claims matter here.
    """
    members = set(undecided)
    neighbours: dict[str, set[str]] = {k: set() for k in undecided}
    for key in undecided:
        for attacker in attackers[key] & members:
            neighbours[key].add(attacker)
            neighbours[attacker].add(key)
    found: dict[str, tuple[int, int]] = {}
    seen: set[str] = set()
    for start in undecided:
        if start in seen:
            continue
        component, stack = [], [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            component.append(node)
            for other in sorted(neighbours[node] - seen):
                seen.add(other)
                stack.append(other)
        if len(component) > PREFERRED_LIMIT:
            continue
        component.sort()
        index = {k: i for i, k in enumerate(component)}
        attacks = [sum(1 << index[a] for a in attackers[k] & members) for k in component]
        admissible = []
        for subset in range(1 << len(component)):
            inside = [i for i in range(len(component)) if subset >> i & 1]
            if any(attacks[i] & subset for i in inside):
                continue  # not conflict-free
            countered = 0
            for j in range(len(component)):
                if attacks[j] & subset:
                    countered |= 1 << j
            if all(attacks[i] & ~countered == 0 for i in inside):
                admissible.append(subset)
        preferred = [s for s in admissible if not any(s != t and s & t == s for t in admissible)]
        for i, key in enumerate(component):
            found[key] = (sum(1 for s in preferred if s >> i & 1), len(preferred))
    return found


def _strength(claim: Claim | None) -> int:
    """2 for a plain statement, 1 for a hedged or reported one (a hedge weakens, it does not drop)."""
    return 1 if claim is not None and claim.modality else 2


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


ATTRIBUTION_RELATIONS = ("has_trait", "has_skill", "focuses_on", "requires")
ORIGIN_RELATIONS = ("obtained_by", "learned_by")  # "Leaders are born" against "Leaders are made"

# Which stances clash: an ordered is-a stance against its denial, sameness against difference,
# sameness against "X is not (necessarily) Y" in either direction, and a role's quality against its denial.
CLASHES = (
    ("is_a+", "is_a-", "all-vs-some-not"),
    ("some+", "none", "some-vs-none"),
    ("same+", "same-", "same-vs-different"),
    ("same~", "same-", "same-vs-different"),
    ("same+", "is_a-", "same-vs-not-necessarily"),
    ("has+", "has-", "attribution-polarity"),
    ("innate+", "learned+", "born-vs-made"),
    ("above", "not-above", "ranking"),
)


def _stances(claim: Claim, characteristic: dict[str, str]) -> list[tuple[tuple, str]]:
    """(index key, stance) pairs a claim takes; keys put claims about the same things together."""
    if claim.relation == "is_a" and " and " in claim.object and claim.polarity == "positive":
        # "The owner is the leader and the manager": a leader, and a manager.
        return [found for part in claim.object.split(" and ") for found in _stances_on(claim, part, characteristic)]
    return _stances_on(claim, claim.object, characteristic)


def _stances_on(claim: Claim, o: str, characteristic: dict[str, str]) -> list[tuple[tuple, str]]:
    s, r, q, pol = claim.subject, claim.relation, claim.quantifier, claim.polarity
    pair = tuple(sorted((s, o)))
    found: list[tuple[tuple, str]] = []
    if r == "is_a":
        if pol == "positive" and q in ("all", "generic"):
            found.append((("is_a", s, o), "is_a+"))
        elif pol == "positive" and q == "some":
            found.append((("is_a", s, o), "some+"))
        elif pol == "negative" or q == "none":
            found += [(("is_a", s, o), "is_a-"), (("same", *pair), "is_a-")]
            if q == "none" or (pol == "negative" and q in ("all", "generic")):
                found.append((("is_a", s, o), "none"))
    elif r == "not_necessarily":
        found += [(("is_a", s, o), "is_a-"), (("same", *pair), "is_a-")]
    elif r in ("same_as", "interchangeable_with"):
        # "Sometimes the same" or "used interchangeably" is weaker than identity: it clashes with
        # "different" but not with "not necessarily".
        weak = q == "some" or r == "interchangeable_with"
        found.append((("same", *pair), ("same~" if weak else "same+") if pol == "positive" else "same-"))
    elif r == "ranks_above" and q != "some":
        # "Leading matters more than managing" against "Managing matters more" or "... does not".
        if pol == "positive":
            found += [(("rank", s, o), "above"), (("rank", o, s), "not-above")]
        else:
            found.append((("rank", s, o), "not-above"))
    elif r == "differs_from":
        found.append((("same", *pair), "same-" if pol == "positive" else "same+"))
    elif r in ATTRIBUTION_RELATIONS or r in ORIGIN_RELATIONS:
        if r in ORIGIN_RELATIONS and q != "none":
            # "Leaders are born" against "Leadership can be learned": innate or acquired.
            innate = r == "obtained_by" and o in _innate_objects()
            if innate and pol == "positive":
                found.append((("origin", s), "innate+"))
            elif (innate and pol == "negative") or (r == "learned_by" and pol == "positive"):
                found.append((("origin", s), "learned+"))
        if pol == "negative" or q == "none":
            found.append(((r, s, o), "has-"))
            # Lacking a quality that marks a role bears on being that role: "some managers have
            # poor leadership qualities" denies "every manager is a leader".
            if o in characteristic and q in ("some", "generic"):
                found += [(("is_a", s, characteristic[o]), "is_a-")]
        elif q in ("all", "generic"):
            found.append(((r, s, o), "has+"))
    return found


@cache
def _innate_objects() -> frozenset[str]:
    """Objects of origin_participles that a word denies ("made" denies "birth"): what is innate."""
    return frozenset(entry[1] for entry in load_grammar()["origin_participles"].values() if len(entry) > 2)


def _voice(claim: Claim) -> tuple[str | None, bool]:
    """Who speaks: the speaker, and whether the claim is someone else's that the writer reports."""
    return claim.asserted_by, any(part.startswith(REPORTED) for part in (claim.modality or "").split("; "))


def _hedged(claim: Claim) -> bool:
    return any(part and not part.startswith(REPORTED) for part in (claim.modality or "").split("; "))


def _independent(a: Claim, b: Claim) -> bool:
    """Opposite attributions clash only between different voices, each stated plainly: one author
    saying managers plan and, elsewhere, that some do not, is qualifying, not contradicting; the
    author against the critics the author reports is two voices."""
    if a.doc == b.doc and _voice(a) == _voice(b):
        return False
    return all(c.quantifier in ("all", "generic") and not _hedged(c) for c in (a, b))


def _same_voice(a: Claim, b: Claim) -> bool:
    """Two claims of one named speaker in one thread qualify each other rather than clash."""
    return a.doc == b.doc and _voice(a) == _voice(b)


def _order(claim: Claim) -> tuple[str, int]:
    return (claim.doc, claim.evidence.start)


CROSS_LIMIT = 8  # clashing claims one claim is compared with when its stance recurs in a large corpus
EXACT_PAIRS = 2_500  # below this many pairs of two clashing stances, every pair is compared


def _pairs(left: list[Claim], right: list[Claim]) -> Iterator[tuple[Claim, Claim]]:
    """The pairs of two clashing stances to compare: within each document, then across documents.
    While the two sides are small every pair is compared. When a claim recurs across a large corpus
    ("every manager is a leader" in thousands of posts), each claim meets at most CROSS_LIMIT claims
    of the other side, dealt round-robin so that every claim gets its share: the contests then grow
    linearly with the corpus instead of with its square."""
    right_by_doc: dict[str, list[Claim]] = defaultdict(list)
    for b in right:
        right_by_doc[b.doc].append(b)
    left_by_doc: dict[str, list[Claim]] = defaultdict(list)
    for a in left:
        left_by_doc[a.doc].append(a)
    for doc, mine in left_by_doc.items():
        yield from _deal(mine, right_by_doc.get(doc, []), same_document=True)
    if len(left_by_doc.keys() | right_by_doc.keys()) > 1:
        yield from _deal(left, right, same_document=False)


def _deal(left: list[Claim], right: list[Claim], *, same_document: bool) -> Iterator[tuple[Claim, Claim]]:
    if len(left) * len(right) <= EXACT_PAIRS:
        yield from ((a, b) for a in left for b in right if (a.doc == b.doc) == same_document)
        return
    met: dict[str, int] = defaultdict(int)
    queue = deque(right)
    for a in left:
        taken = tried = 0
        while queue and taken < CROSS_LIMIT and tried < min(len(queue), 8 * CROSS_LIMIT):
            b = queue[0]
            queue.rotate(-1)
            tried += 1
            if (a.doc == b.doc) != same_document:
                continue
            yield a, b
            taken += 1
            met[b.key] += 1
            if met[b.key] >= CROSS_LIMIT:
                queue.pop()  # b, now at the back, has met enough claims


def contradictions(claims: list[Claim]) -> list[Contest]:
    """Pairs of claims whose normal forms clash, found through an index on what they are about."""
    characteristic = {e.label: e.characteristic_of for e in load_lexicon().entries if e.characteristic_of}
    index: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in sorted(claims, key=_order):
        # Every statement is a claim of its own: a restatement that the same clash answers is
        # contested too ("Every X is Y." ... "An X has to be a Y.").
        for key, stance in _stances(claim, characteristic):
            index[key][stance].append(claim)
    found: dict[tuple[str, str], Contest] = {}
    for key in sorted(index):
        groups = index[key]
        for left, right, rule in CLASHES:
            for a, b in _pairs(groups.get(left, ()), groups.get(right, ())):
                if a.key == b.key:
                    continue
                if a.asserted_by and _same_voice(a, b):
                    continue  # a named speaker qualifying themself is not a contest
                if rule == "attribution-polarity" and not _independent(a, b):
                    continue
                target, attacker = sorted((a, b), key=_order)
                if (target.key, attacker.key) in found:
                    continue
                replying = bool(target.asserted_by) and target.asserted_by in attacker.addressees
                found[(target.key, attacker.key)] = Contest(
                    target=target.key,
                    attacker=attacker.key,
                    kind="rebuttal" if replying else "contradiction",
                    rule=rule,
                    evidence=attacker.evidence,
                    cross_document=target.doc != attacker.doc,
                )
    return list(found.values())


def contested_claims(extraction) -> list[tuple[Claim, Standing, list[tuple[Claim, Contest]]]]:
    """Claims whose standing is not 'accepted', each with its attackers, in corpus order."""
    by_key = {claim.key: claim for claim in extraction.claims()}
    attacks: dict[str, list[tuple[Claim, Contest]]] = defaultdict(list)
    for contest in extraction.contests:
        attacks[contest.target].append((by_key[contest.attacker], contest))
        if contest.kind == "contradiction":
            attacks[contest.attacker].append((by_key[contest.target], contest))
    rows = []
    for standing in extraction.standings:
        if standing.status != "accepted":
            rows.append((by_key[standing.claim], standing, attacks[standing.claim]))
    return rows
