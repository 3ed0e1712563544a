"""Reading and extracting large documents: ratios against baselines measured in the same run.

    python scripts/benchmark_corpus.py [--copies 5,10,20] [--docs 300] [--big 5,50]

1. Decoding: ``kg.corpus.decode`` (detection included) against a bare ``bytes.decode`` of the same
   data, for a 50 MB single line in UTF-8 and a 5 MB CRLF document in CP-1252.
2. Rule path speed: words per second per core (CPU time) of ``kg.rules.extract_document`` on a
   synthetic corpus (scripts/make_corpus.py), against spaCy's tokenizer alone on the same texts in
   the same process (the ratio says how many tokenizer passes extraction costs; it moves far less
   than seconds do when other processes share the machine); and extraction with the cache entry a
   build makes of each document (its Turtle, extraction.json item and viewer rows). The same for the
   development texts (tests/dev/texts), which are longer and less repetitive.
3. Extraction scaling: one document made of N copies of a seed; time relative to the smallest N.
   A linear extractor keeps time ratio / size ratio near 1; a quadratic one doubles it per doubling.
4. Big documents (``--big``, sizes in MB): a multi-line document of the seeds and development texts,
   and the same text as one single line, each extracted in a fresh process: time, peak memory
   (resident set), claims and pieces.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from kg.corpus import decode, document_from_text
from kg.errors import KgWarning

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b06b74fee8466084.txt"


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


def cpu_best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def bench_rule_path(docs: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_corpus import make_corpus

    with tempfile.TemporaryDirectory() as folder:
        texts = [(p.name, p.read_text(encoding="utf-8")) for p in make_corpus(folder, docs)]
    rule_path(f"{docs} documents", texts, with_entries=True)
    dev = sorted((ROOT / "tests" / "dev" / "texts").glob("*.txt"))
    rule_path(f"{len(dev)} dev texts", [(p.name, p.read_text(encoding="utf-8")) for p in dev])


def rule_path(label: str, texts: list[tuple[str, str]], with_entries: bool = False) -> None:
    """Words per second per core of extraction on ``texts``, against the tokenizer alone (same run)."""
    from kg.builder import make_entry
    from kg.nlp import pipeline
    from kg.rules import extract_document

    words = sum(len(text.split()) for _, text in texts)
    tokenizer = pipeline().make_doc
    documents = [document_from_text(name, text) for name, text in texts]
    for document in documents[:20]:
        extract_document(document)  # lexicon, matchers and caches outside the timing
    base = cpu_best_of(3, lambda: [tokenizer(text) for _, text in texts])
    ours = cpu_best_of(3, lambda: [extract_document(d) for d in documents])
    line = (
        f"rule path  {label}, {words:,} words   tokenizer alone {words / base:9,.0f} words/s"
        f"   extraction {words / ours:9,.0f} words/s per core   ratio {ours / base:5.1f} tokenizer passes"
    )
    if with_entries:
        entries = cpu_best_of(3, lambda: [make_entry(extract_document(d), 0) for d in documents])
        line += f"   with the cache entry (kg.builder.make_entry) {words / entries:9,.0f} words/s per core"
    print(line)


def _big_text(megabytes: float, one_line: bool) -> str:
    block = "\n".join(p.read_text(encoding="utf-8") for p in [SEED, *sorted((ROOT / "tests" / "dev" / "texts").glob("*.txt"))]) + "\n"
    if one_line:
        block = " ".join(block.split()) + " "
    size = int(megabytes * 1_000_000)
    return (block * (size // len(block) + 1))[:size]


def measure_big(megabytes: float, one_line: bool) -> dict:
    """Extract one big document in this process (run by ``bench_big`` in a fresh one)."""
    from kg.rules import extract_document
    from kg.rules.pieces import pieces

    text = _big_text(megabytes, one_line)
    started, cpu = time.perf_counter(), time.process_time()
    result = extract_document(document_from_text("big.txt", text))
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "words": len(text.split()),
        "claims": len(result.claims),
        "pieces": len(list(pieces(text))),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def bench_big(sizes: list[float]) -> None:
    for megabytes in sizes:
        for one_line in (False, True):
            args = [sys.executable, __file__, "--measure-big", str(megabytes)] + (["--one-line"] if one_line else [])
            done = subprocess.run(args, capture_output=True, text=True, check=False)
            label = f"{megabytes:g} MB {'one line' if one_line else 'lines'}"
            if done.returncode != 0:
                print(f"big {label:16} FAILED: {done.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"big {label:16} {r['seconds']:7.1f} s ({r['cpu']:7.1f} s CPU, {r['words'] / r['cpu']:7,.0f} words/s)"
                f"   peak {r['peak_mb']:6.0f} MB   {r['pieces']:4} pieces   {r['claims']:,} claims"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="5,10,20", help="comma-separated copies of the seed per document")
    parser.add_argument("--docs", type=int, default=300, help="documents of the synthetic corpus for the rule path")
    parser.add_argument("--big", default="", help="comma-separated sizes in MB of big documents to extract (e.g. 5,50)")
    parser.add_argument("--measure-big", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--one-line", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_big:
        print(json.dumps(measure_big(args.measure_big, args.one_line)))
        return
    bench_decoding()
    bench_rule_path(args.docs)
    bench_extraction([int(n) for n in args.copies.split(",")])
    if args.big:
        bench_big([float(n) for n in args.big.split(",")])


if __name__ == "__main__":
    main()
