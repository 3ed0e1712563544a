"""Memory and time of `kg extract` (or `kg build`) on one big document, to choose --max-document-size.

    python scripts/benchmark_document_size.py [--sizes 1,2,5,10] [--command extract|build] [--work DIR]

Each size (MB, 1 MB = 1,000,000 bytes) is written twice from the seeds and the development texts
repeated: as paragraphs (the texts as they are) and as one line (all white space made one space).
Each file is run through the real command in a fresh process; its peak memory (resident set) and
CPU time come from ``os.wait4`` on that process, so nothing else on the machine is counted. Wall
time is printed too, but on a shared machine CPU time is the figure to read.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).with_name("kg")


def big_text(megabytes: float, one_line: bool) -> bytes:
    """About ``megabytes`` MB of the seeds and development texts, repeated, cut at a word."""
    texts = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "dev" / "texts").glob("*.txt"))]
    block = "\n".join(p.read_text(encoding="utf-8") for p in texts) + "\n"
    if one_line:
        block = " ".join(block.split()) + " "
    size = int(megabytes * 1_000_000)
    data = (block * (size // len(block.encode("utf-8")) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", "ignore").rsplit(" ", 1)[0].encode("utf-8")


def measure(args: list[str]) -> dict:
    """Run ``args``; its wall time, CPU time (user + system) and peak resident set."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    error = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "exit": process.returncode,
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "error": error[-1] if process.returncode else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,5,10", help="comma-separated document sizes in MB")
    parser.add_argument("--layouts", default="paragraphs,one-line", help="paragraphs, one-line or both")
    parser.add_argument("--command", choices=("extract", "build"), default="extract")
    parser.add_argument("--work", default="/tmp/kg-document-size", help="folder for the documents and outputs")
    parser.add_argument("--results", default=None, help="append each row as a JSON line to this file")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print(f"{'document':24} {'exit':>4} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'MB/MB':>6} {'output MB':>9}", flush=True)
    for megabytes in (float(s) for s in args.sizes.split(",")):
        for layout in args.layouts.split(","):
            source = work / f"doc-{megabytes:g}mb-{layout}.txt"
            source.write_bytes(big_text(megabytes, layout == "one-line"))
            if args.command == "extract":
                target = work / "extraction.json"
                command = [str(KG), "extract", str(source), "-o", str(target), "--max-document-size", "1GB"]
            else:
                target = work / "out"
                shutil.rmtree(target, ignore_errors=True)
                command = [str(KG), "build", str(source), "--out", str(target), "--full", "--quiet", "--jobs", "1",
                           "--max-document-size", "1GB"]
            row = measure(command)
            output = target / "extraction.json" if target.is_dir() else target
            row.update(command=args.command, megabytes=megabytes, layout=layout,
                       output_mb=output.stat().st_size / 1e6 if row["exit"] == 0 and output.exists() else 0.0)
            print(
                f"{megabytes:g} MB {layout:18} {row['exit']:>4} {row['seconds']:8.1f} {row['cpu']:8.1f} {row['peak_mb']:8.0f}"
                f" {row['peak_mb'] / megabytes:6.0f} {row['output_mb']:9.1f} {row['error']}",
                flush=True,
            )
            if args.results:
                with open(args.results, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(row) + "\n")
            source.unlink()


if __name__ == "__main__":
    main()
