"""Export a synthetic graph of about a million triples in every format; report time and size.

    python scripts/benchmark_export.py                 # 1M triples, every format
    python scripts/benchmark_export.py --triples 100000 --formats turtle,jsonld

The graph is made by kg.graph from synthetic records (documents, concepts, claims with selectors,
contests, standings), so it has the project's real shape. The baseline, measured in the same run,
is pyoxigraph writing the same quads as N-Quads unsorted: the ratio says what sorting, grouping,
compaction and conversion cost on top of raw serialisation.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import random
import sys
import time
from datetime import datetime, timezone

import pyoxigraph as ox

from kg import export, graph
from kg.records import Claim, Concept, Contest, Document, DocumentExtraction, Extraction, Span, Standing

ROLES = ["manager", "leader", "employee", "executive", "coach", "follower"]
TRAITS = ["charisma", "integrity", "empathy", "courage", "humility", "patience"]
TRIPLES_PER_CLAIM = 17  # measured: claim, selector, mention share, standing


def synthetic(triples: int, seed: int = 1) -> Extraction:
    """Records whose graph has about ``triples`` triples: 100 claims a document, a contest per 4 claims."""
    rng = random.Random(seed)
    n_claims = max(1, triples // TRIPLES_PER_CLAIM)
    docs, all_claims = [], []
    for d in range(max(1, n_claims // 100)):
        name = f"doc{d:06d}.txt"
        sentences, claims = [], []
        offset = 0
        for i in range(100):
            role, other = rng.sample(ROLES, 2)
            text = f'Every {role} is a {other}, said "speaker {i % 7}" \\ note {rng.random():.6f}.'
            sentences.append(text)
            span = Span(offset, offset + len(text), text)
            claims.append(Claim(name, span, role, "is_a", other, rng.choice(["all", "some", "generic"]),
                                rng.choice(["positive", "negative"]), None, f"speaker {i % 7}"))  # fmt: skip
            offset += len(text) + 1
        body = " ".join(sentences)
        concepts = tuple(Concept(label, "role", (Span(0, 1, body[0]),)) for label in ROLES) + tuple(
            Concept(label, "trait", (Span(1, 2, body[1]),)) for label in TRAITS
        )
        document = Document(name, body, hashlib.sha256(body.encode()).hexdigest())
        docs.append(DocumentExtraction(document, concepts, (), tuple(claims)))
        all_claims.extend(claims)
    contests = tuple(
        Contest(all_claims[i].key, all_claims[i + 1].key, rng.choice(["rebuttal", "contradiction"]), "synthetic",
                all_claims[i + 1].evidence, bool(i % 2))  # fmt: skip
        for i in range(0, len(all_claims) - 1, 4)
    )
    attacked = {c.target for c in contests}
    standings = tuple(
        Standing(c.key, "contested" if c.key in attacked else "accepted", "synthetic") for c in all_claims
    )
    return Extraction(tuple(docs), contests, standings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--formats", default=",".join(export.FORMATS))
    args = parser.parse_args(argv)

    started = time.perf_counter()
    quads = list(dict.fromkeys(graph.extraction_quads(synthetic(args.triples))))
    made = time.perf_counter() - started
    triples = len({(q.subject, q.predicate, q.object) for q in quads})
    print(f"graph: {len(quads):,} quads, {triples:,} distinct triples (made in {made:.1f} s)")
    prov = export.Provenance(datetime(2024, 1, 1, tzinfo=timezone.utc), export.tool_version())

    gc.collect()
    started = time.perf_counter()
    baseline_bytes = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    baseline = time.perf_counter() - started
    print(f"baseline (pyoxigraph N-Quads, unsorted): {baseline:.2f} s, {len(baseline_bytes) / 1e6:.1f} MB")
    del baseline_bytes

    print(f"{'format':<10} {'seconds':>9} {'x baseline':>11} {'MB':>9} {'bytes/triple':>13}")
    for fmt in args.formats.split(","):
        gc.collect()
        started = time.perf_counter()
        try:
            data = export.export_bytes(quads, fmt, prov)
        except Exception as exc:  # a benchmark reports a failing format and goes on
            print(f"{fmt:<10} failed: {exc}")
            continue
        seconds = time.perf_counter() - started
        print(f"{fmt:<10} {seconds:9.2f} {seconds / baseline:11.1f} {len(data) / 1e6:9.1f} {len(data) / triples:13.1f}", flush=True)
        del data
    return 0


if __name__ == "__main__":
    sys.exit(main())
