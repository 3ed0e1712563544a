"""Benchmark `kg build` on synthetic corpora: speed, scaling over processes and corpus size, memory.

Every figure is measured in this run, each build in a fresh process (so peak memory is that
build's own), and ratios are taken against a baseline of the same run:

- rule path: words/s per core of extraction alone in CPU time, kg.builder.extract_entry (reading,
  rules, the cache entry; no output written) and, in the same process, the rules alone
- full build with 1 and 2 jobs: documents/s, words/s, words/s per core, speed-up 1 -> 2 jobs
- incremental rebuilds: no change, and one document changed, against the full build
- growth: seconds per document at each size against the smallest
- peak memory (resident set) of the build process, as a whole and within each step, of each worker
  (read from /proc while the build runs: the workers are the forkserver's children, which the
  build's own rusage does not see), and of a process that only extracts
- where a one-change rebuild spends its time (``BuildResult.timings``), and the machine's load
  average while each size ran (other processes share the cores)

    python scripts/benchmark_build.py --sizes 1k,10k --out docs/benchmark_build.md

Run it from a checkout nobody edits while it runs: cache keys hash the package's code and data, so
an edit elsewhere in the tree makes a rebuild extract everything again.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import SIZES, make_corpus  # noqa: E402


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def _status_mb(pid: int | str, field: str) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _descendants(root: int) -> list[int]:
    """Processes below ``root`` (the workers are children of the forkserver, a child of the build)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class _MemoryWatch:
    """Samples, while a build runs: this process's resident set (its peak within each build step) and the
    peak (VmHWM) of each process below it, which ru_maxrss does not see (the forkserver's children)."""

    def __init__(self) -> None:
        self.step_peak = 0.0
        self.children: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me, ticks = os.getpid(), 0
        while not self.stop.wait(0.05):
            self.step_peak = max(self.step_peak, _status_mb(me, "VmRSS") or 0)
            ticks += 1
            if ticks % 10 == 0:  # the process table is read twice a second
                for pid in _descendants(me):
                    peak = _status_mb(pid, "VmHWM")
                    if peak:
                        self.children[pid] = max(self.children.get(pid, 0), peak)

    def lap(self) -> float:
        peak, self.step_peak = max(self.step_peak, _status_mb(os.getpid(), "VmRSS") or 0), 0.0
        return peak


def measure_one(corpus: str, out: str, jobs: int, incremental: bool) -> dict:
    """One build in this process; what it did, how long it took (wall and CPU) and its peak memory:
    the whole build's, each step's, and that of each worker."""
    from kg import builder

    watch = _MemoryWatch()
    step_peaks: dict[str, float] = {}
    lap = builder._Clock.lap

    def lap_and_peak(clock, step):
        lap(clock, step)
        step_peaks[step] = max(step_peaks.get(step, 0.0), watch.lap())

    builder._Clock.lap = lap_and_peak
    watch.thread.start()
    started, cpu = time.perf_counter(), time.process_time()
    result = builder.build([corpus], out, jobs=jobs, incremental=incremental)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    watch.stop.set()
    watch.thread.join()
    builder._Clock.lap = lap
    sizes = {}
    for name in ("graph.ttl", "extraction.json", "graph.html", "store"):
        path = Path(out) / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        sizes[name] = sum(p.stat().st_size for p in files) / 2**20
    return {
        "output_mb": sizes,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "documents": result.summary.documents,
        "words": result.summary.words,
        "claims": result.summary.claims,
        "contests": result.summary.contests,
        "extracted": result.extracted,
        "peak_mb": _peak_mb(resource.RUSAGE_SELF),
        "step_peak_mb": step_peaks,
        "children_peak_mb": sorted(watch.children.values(), reverse=True),
        "timings": result.timings,
    }


def measure_rules(corpus: str, limit: int) -> dict:
    """Extraction alone, one core, in CPU time (other processes share the machine): words/s of
    kg.builder.extract_entry (reading, rules and the cache entry) and of the rules alone
    (kg.rules.extract_document) over the first ``limit`` documents, best of two passes each."""
    from kg import builder, corpus as reader, nlp
    from kg.rules import extract_document

    nlp.pipeline()
    paths = list(reader.iter_paths([corpus]))[:limit]
    builder.extract_entry(paths[0], None)  # warm the lexicon and matchers
    documents = [reader.read_document(path, None) for path in paths]
    words = sum(len(document.text.split()) for document in documents)
    entry = rules = float("inf")
    started = time.perf_counter()
    for _ in range(2):
        begin = time.process_time()
        for path in paths:
            builder.extract_entry(path, None)
        middle = time.process_time()
        for document in documents:
            extract_document(document)
        entry, rules = min(entry, middle - begin), min(rules, time.process_time() - middle)
    # A build's worker does just this, so its peak memory is what one worker needs.
    return {
        "seconds": entry,
        "rules_seconds": rules,
        "wall_seconds": time.perf_counter() - started,
        "words": words,
        "documents": len(paths),
        "peak_mb": _peak_mb(resource.RUSAGE_SELF),
    }


def run(*args: str) -> dict:
    """Run this script's --one/--rules mode in a fresh process and read its JSON line."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_size(label: str, count: int, work: Path, seed: int, single: bool = True) -> dict:
    corpus = work / f"corpus-{label}"
    if not corpus.is_dir() or len(list(corpus.iterdir())) != count:
        shutil.rmtree(corpus, ignore_errors=True)
        make_corpus(corpus, count, seed)
    outs = {jobs: work / f"out-{label}-{jobs}" for jobs in (1, 2)}
    for out in outs.values():
        shutil.rmtree(out, ignore_errors=True)
    row: dict = {"label": label, "count": count, "load": [os.getloadavg()[0]]}
    row["rules"] = run("--rules", str(corpus), str(min(count, 500)))
    if single:
        row["full1"] = run("--one", str(corpus), str(outs[1]), "1", "full")
        shutil.rmtree(outs[1], ignore_errors=True)
    row["full2"] = run("--one", str(corpus), str(outs[2]), "2", "full")
    row["nochange"] = run("--one", str(corpus), str(outs[2]), "2", "incremental")
    changed = sorted(corpus.iterdir())[count // 2]
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + b"\nNot every manager is a leader.\n")
        row["onechange"] = run("--one", str(corpus), str(outs[2]), "2", "incremental")
    finally:
        changed.write_bytes(original)
    for out in outs.values():
        shutil.rmtree(out, ignore_errors=True)
    row["load"].append(os.getloadavg()[0])
    return row


def table(rows: list[dict]) -> str:
    base = rows[0]
    base_per_doc = base["full2"]["seconds"] / base["count"]
    lines = [
        "| documents | words | claims | contests | rule path words/s per core, CPU (cache entry / rules alone) | full build, 1 job | full build, 2 jobs "
        "| words/s per core (2 jobs) | speed-up 1 -> 2 jobs | no-change rebuild | one-change rebuild "
        "| growth (s/doc vs smallest) | peak memory (build / worker) |",
        "|" + "---|" * 13,
    ]
    for row in rows:
        f1, f2, nc, oc, rules = row.get("full1"), row["full2"], row["nochange"], row["onechange"], row["rules"]
        one_job = (
            f"{f1['seconds']:.1f} s ({f1['documents'] / f1['seconds']:,.1f} docs/s, {f1['words'] / f1['seconds']:,.0f} words/s)"
            if f1 else "not run"
        )
        speedup = f"{f1['seconds'] / f2['seconds']:.2f}x" if f1 else "not run"
        lines.append(
            f"| {row['count']:,} | {f2['words']:,} | {f2['claims']:,} | {f2['contests']:,} "
            f"| {rules['words'] / rules['seconds']:,.0f} / {rules['words'] / rules['rules_seconds']:,.0f} "
            f"| {one_job} "
            f"| {f2['seconds']:.1f} s ({f2['documents'] / f2['seconds']:,.1f} docs/s, {f2['words'] / f2['seconds']:,.0f} words/s) "
            f"| {f2['words'] / f2['seconds'] / 2:,.0f} "
            f"| {speedup} "
            f"| {nc['seconds']:.2f} s = {100 * nc['seconds'] / f2['seconds']:.1f}% of full "
            f"| {oc['seconds']:.1f} s = {100 * oc['seconds'] / f2['seconds']:.1f}% of full "
            f"| {f2['seconds'] / row['count'] / base_per_doc:.2f}x "
            f"| {max(f2['peak_mb'], nc['peak_mb'], oc['peak_mb'], f1['peak_mb'] if f1 else 0):,.0f} MB / {rules['peak_mb']:,.0f} MB |"
        )
    return "\n".join(lines)


def steps_table(rows: list[dict]) -> str:
    """Seconds per step of the full (2 jobs) and one-change builds, and the load average around each size."""
    names = list(dict.fromkeys(name for row in rows for mode in ("full2", "onechange") for name in row[mode]["timings"]))
    lines = [
        "| documents | build | " + " | ".join(names) + " | load average (start, end) |",
        "|" + "---|" * (len(names) + 3),
    ]
    for row in rows:
        for mode, title in (("full2", "full, 2 jobs"), ("onechange", "one change")):
            steps = row[mode]["timings"]
            cells = " | ".join(f"{steps[n]:.1f}" if n in steps else "" for n in names)
            load = ", ".join(f"{x:.1f}" for x in row["load"])
            lines.append(f"| {row['count']:,} | {title} | {cells} | {load} |")
    return "\n".join(lines)


def memory_table(rows: list[dict]) -> str:
    """Peak resident memory of the build process within each step, and the workers' peaks (MB)."""
    names = list(dict.fromkeys(name for row in rows for mode in ("full2", "onechange") for name in row[mode].get("step_peak_mb", {})))
    lines = [
        "| documents | build | " + " | ".join(names) + " | whole build (VmHWM) | processes below it: workers, forkserver (VmHWM each) | CPU s of the build process |",
        "|" + "---|" * (len(names) + 5),
    ]
    for row in rows:
        for mode, title in (("full1", "full, 1 job"), ("full2", "full, 2 jobs"), ("nochange", "no change"), ("onechange", "one change")):
            if mode not in row or "step_peak_mb" not in row[mode]:
                continue
            peaks = row[mode]["step_peak_mb"]
            cells = " | ".join(f"{peaks[n]:,.0f}" if n in peaks else "" for n in names)
            children = ", ".join(f"{mb:,.0f}" for mb in row[mode]["children_peak_mb"]) or "-"
            lines.append(
                f"| {row['count']:,} | {title} | {cells} | {row[mode]['peak_mb']:,.0f} | {children} | {row[mode]['cpu_seconds']:,.1f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--one":
        corpus, out, jobs, mode = argv[1:5]
        print(json.dumps(measure_one(corpus, out, int(jobs), mode == "incremental")))
        return 0
    if argv and argv[0] == "--rules":
        print(json.dumps(measure_rules(argv[1], int(argv[2]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k", help="corpus sizes, from " + ", ".join(SIZES) + " or numbers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-benchmark-build"), help="scratch folder")
    parser.add_argument("--out", type=Path, default=None, help="also write the table (Markdown) here")
    parser.add_argument("--single-up-to", type=int, default=10_000, help="build with 1 job only up to this many documents")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for label in args.sizes.split(","):
        count = SIZES.get(label) or int(label)
        print(f"measuring {count} documents ...", file=sys.stderr)
        rows.append(bench_size(label, count, args.work, args.seed, single=count <= args.single_up_to))
        (args.work / "benchmark_build.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    text = (
        table(rows) + "\n\nSeconds per step:\n\n" + steps_table(rows) + "\n\nPeak memory (MB) per step:\n\n" + memory_table(rows)
    )
    print(text)
    (args.work / "benchmark_build.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.out:
        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        note = (
            "# `kg build` benchmark\n\n"
            f"Measured by `python scripts/benchmark_build.py --sizes {args.sizes}` on {machine}; synthetic "
            "corpora from `scripts/make_corpus.py` (seed "
            f"{args.seed}). Each build ran in a fresh process. Growth is seconds per document (2 jobs) "
            "against the smallest corpus: 1.00x is linear.\n\n" + text + "\n"
        )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(note, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
