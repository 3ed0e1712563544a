"""Reading and extracting large documents: ratios against baselines measured in the same run.

    python scripts/benchmark_corpus.py [--copies 5,10,20]

1. Decoding: ``kg.corpus.decode`` (detection included) against a bare ``bytes.decode`` of the same
   data, for a 50 MB single line in UTF-8 and a 5 MB CRLF document in CP-1252.
2. Extraction scaling: one document made of N copies of a seed; time relative to the smallest N.
   A linear extractor keeps time ratio / size ratio near 1; a quadratic one doubles it per doubling.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

from kg.corpus import decode, document_from_text
from kg.errors import KgWarning

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b06b74fee8466084.txt"


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_decoding() -> None:
    line = ("Leaders inspire “people” • managers plan – café. " * 1_100_000)[: 50 * 1024 * 1024].encode("utf-8", "ignore")
    block = "Managers plan.\r\n• “Leaders” inspire – café.\r\n"
    cp1252 = (block * (5 * 1024 * 1024 // len(block))).encode("cp1252")
    warnings.simplefilter("ignore", KgWarning)
    for label, data, codec in (("50 MB one line, UTF-8", line, "utf-8"), ("5 MB CRLF, CP-1252", cp1252, "cp1252")):
        base = best_of(3, lambda: data.decode(codec))
        ours = best_of(3, lambda: decode(data, "bench.txt"))
        print(f"decode {label:24} bytes.decode {base * 1000:7.1f} ms   kg.corpus.decode {ours * 1000:7.1f} ms   ratio {ours / base:5.2f}")


def bench_extraction(copies: list[int]) -> None:
    from kg.rules import extract_document

    seed = SEED.read_text(encoding="utf-8")
    extract_document(document_from_text("warm.txt", seed))  # build the pipeline outside the timing
    first = None
    for n in copies:
        text = (seed + "\n") * n
        seconds = best_of(1, lambda: extract_document(document_from_text("big.txt", text)))
        if first is None:
            first = (n, seconds)
        size_ratio = n / first[0]
        time_ratio = seconds / first[1]
        print(
            f"extract {len(text):>9,} chars ({n:>3} copies)  {seconds:7.2f} s   size x{size_ratio:4.1f}  time x{time_ratio:6.1f}"
            f"   time/size {time_ratio / size_ratio:5.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="5,10,20", help="comma-separated copies of the seed per document")
    args = parser.parse_args()
    bench_decoding()
    bench_extraction([int(n) for n in args.copies.split(",")])


if __name__ == "__main__":
    main()
