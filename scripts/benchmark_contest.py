"""Contest detection and standing at scale: indexed detection against an all-pairs baseline.

Synthetic claims over the lexicon's roles and concepts (deterministic by seed). The baseline
compares every pair of claims with the same clash test; it runs only on the smaller sizes, and the
ratio is reported against the indexed detector measured in the same run.

    python scripts/benchmark_contest.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import random
import time

from kg.contest import CLASHES, _stances, contradictions, grounded_standings
from kg.lexicon import load_lexicon
from kg.records import Claim, Span

RELATIONS = ["is_a", "not_necessarily", "same_as", "differs_from", "has_trait", "has_skill", "focuses_on"]


def synthetic_claims(n: int, seed: int = 7) -> list[Claim]:
    rng = random.Random(seed)
    entries = load_lexicon().entries
    roles = [e.label for e in entries if e.type == "role"]
    qualities = [e for e in entries if e.type != "role"]
    claims = []
    for i in range(n):
        doc = f"doc{i // 20:05d}.txt"
        relation = rng.choice(RELATIONS)
        subject = rng.choice(roles)
        if relation in ("has_trait", "has_skill", "focuses_on"):
            entry = rng.choice(qualities)
            obj, relation = entry.label, {"trait": "has_trait", "skill": "has_skill", "focus": "focuses_on"}[entry.type]
        else:
            obj = rng.choice([r for r in roles if r != subject])
        claims.append(Claim(
            doc, Span(i % 20 * 100, i % 20 * 100 + 40, "x" * 40), subject, relation, obj,
            rng.choice(["all", "some", "generic", "generic"]), rng.choice(["positive", "positive", "negative"]),
            None, rng.choice([None, "Ann", "Bob", "Cy"]),
        ))
    return claims


def all_pairs(claims: list[Claim]) -> int:
    """The naive detector: every pair through the same stance test."""
    characteristic = {e.label: e.characteristic_of for e in load_lexicon().entries if e.characteristic_of}
    stances = [set(_stances(c, characteristic)) for c in claims]
    found = 0
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            for key_a, left in stances[i]:
                if any(key_a == key_b and ((left, right) in PAIRS or (right, left) in PAIRS) for key_b, right in stances[j]):
                    found += 1
                    break
    return found


PAIRS = {(left, right) for left, right, _ in CLASHES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--baseline-max", type=int, default=3000, help="largest size the all-pairs baseline runs on")
    args = parser.parse_args()
    print(f"{'claims':>8} {'contests':>9} {'detect s':>9} {'standing s':>11} {'all-pairs s':>12} {'speed-up':>9}")
    for n in args.sizes:
        claims = synthetic_claims(n)
        t0 = time.perf_counter()
        found = contradictions(claims)
        t1 = time.perf_counter()
        grounded_standings(claims, found)
        t2 = time.perf_counter()
        baseline = ratio = "-"
        if n <= args.baseline_max:
            t3 = time.perf_counter()
            all_pairs(claims)
            baseline_s = time.perf_counter() - t3
            baseline, ratio = f"{baseline_s:.2f}", f"{baseline_s / max(t1 - t0, 1e-9):.0f}x"
        print(f"{n:>8} {len(found):>9} {t1 - t0:>9.2f} {t2 - t1:>11.2f} {baseline:>12} {ratio:>9}")


if __name__ == "__main__":
    main()
