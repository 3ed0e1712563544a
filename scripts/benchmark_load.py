"""Benchmark: where the time of loading 1M triples goes - rdflib, plain pyoxigraph and kg's store path.

The corpus of ``benchmark_sparql.py`` (about 1M quads, written as N-Quads) is also written as TriG
(as kg writes it) and as Turtle (the triples only). Each variant then loads one of these files in a
process of its own, which prints its wall time, CPU time (all threads) and peak memory (VmHWM); a
variant that leaves a store on disk also runs every named query on it (CPU time of the fastest of
two runs). Ratios are rdflib's CPU time on the N-Quads file over the variant's, measured in the same
run.

    python scripts/benchmark_load.py                    # about 1M triples
    python scripts/benchmark_load.py --size 100000
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import benchmark_sparql as bench  # noqa: E402

# (name, file, what it does); each name is one branch of ``load``.
VARIANTS = [
    ("rdflib", "nq", "rdflib Dataset.parse"),
    ("rdflib", "trig", "rdflib Dataset.parse"),
    ("rdflib", "ttl", "rdflib Graph.parse (triples only)"),
    ("parse", "nq", "pyoxigraph parse only, no store"),
    ("parse", "trig", "pyoxigraph parse only, no store"),
    ("memory", "nq", "pyoxigraph Store().load, in memory"),
    ("memory", "trig", "pyoxigraph Store().load, in memory"),
    ("one-call", "nq", "pyoxigraph bulk_load, one call, disk"),
    ("one-call", "trig", "pyoxigraph bulk_load, one call, disk"),
    ("one-call", "ttl", "pyoxigraph bulk_load, one call, disk"),
    ("extend", "nq", "pyoxigraph bulk_extend(parse(...)), disk"),
    ("kg", "nq", "kg bulk_load: 100k-line chunks x2, compacted"),
    ("kg", "trig", "kg bulk_load: 100k-line chunks x2, compacted"),
    ("kg-uncompacted", "nq", "kg bulk_load without the compaction"),
    ("kg-170k", "nq", "kg bulk_load: 170k-line chunks x2"),
    ("kg-330k-one", "nq", "kg bulk_load: 330k-line chunks x1"),
]


class _NoCompaction:
    """A store whose optimize() does nothing, to measure kg's load without its compaction."""

    def __init__(self, store):
        self._store = store

    def bulk_load(self, *args, **kwargs):
        return self._store.bulk_load(*args, **kwargs)

    def optimize(self) -> None:
        pass


def load(name: str, path: Path, folder: str):
    """Load ``path`` as the variant ``name`` does; the on-disk store (closed) or None."""
    import pyoxigraph as ox

    from kg import store as kg_store

    fmt = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".ttl": ox.RdfFormat.TURTLE}[path.suffix]
    if name == "rdflib":
        import rdflib

        data = rdflib.Graph() if fmt == ox.RdfFormat.TURTLE else rdflib.Dataset(default_union=True)
        data.parse(str(path), format={".nq": "nquads", ".trig": "trig", ".ttl": "turtle"}[path.suffix])
        return None
    if name == "parse":
        sum(1 for _ in ox.parse(path=str(path), format=fmt))
        return None
    if name == "memory":
        ox.Store().load(path=str(path), format=fmt)
        return None
    store = ox.Store(folder)
    if name == "one-call":
        store.bulk_load(path=str(path), format=fmt)
    elif name == "extend":
        store.bulk_extend(ox.parse(path=str(path), format=fmt))
    elif name == "kg-uncompacted":
        kg_store.bulk_load(_NoCompaction(store), path, fmt)
    else:
        lines, workers = {"kg": (kg_store.CHUNK_LINES, 2), "kg-170k": (170_000, 2), "kg-330k-one": (330_000, 1)}[name]
        kg_store.bulk_load(store, path, fmt, chunk_lines=lines, workers=workers)
    store.flush()
    return folder


def child(name: str, path: str, queries_file: str) -> None:
    import pyoxigraph  # noqa: F401 - imports are not part of a load

    import kg.store  # noqa: F401

    if name == "rdflib":
        import rdflib  # noqa: F401
    folder = tempfile.mkdtemp(prefix="bench-load-")
    start, start_cpu = time.perf_counter(), bench._cpu()
    on_disk = load(name, Path(path), folder)
    report = {"wall": time.perf_counter() - start, "cpu": bench._cpu() - start_cpu, "peak_mb": bench._peak_mb()}
    if on_disk:
        report["query_cpu"] = _query_cpu(on_disk, json.loads(Path(queries_file).read_text()))
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(report))


def _query_cpu(folder: str, queries: dict[str, str]) -> float:
    """CPU time of all named queries on the store reopened read-only, the faster of two runs each."""
    import pyoxigraph as ox

    store = ox.Store.read_only(folder)
    total = 0.0
    for text in queries.values():
        runs = []
        for _ in range(2):
            start = time.process_time()
            sum(1 for _ in store.query(text, use_default_graph_as_union=True))
            runs.append(time.process_time() - start)
        total += min(runs)
    return total


def write_files(size: int, folder: Path) -> dict[str, Path]:
    """The benchmark corpus as N-Quads, kg's TriG and Turtle (its triples)."""
    import pyoxigraph as ox

    from kg import export

    nquads, _ = bench.write_corpus(size, folder)
    quads = list(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    trig, turtle = folder / "corpus.trig", folder / "corpus.ttl"
    trig.write_bytes(export.to_trig(quads))
    with open(turtle, "wb") as handle:
        ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), handle, format=ox.RdfFormat.TURTLE)
    return {"nq": nquads, "trig": trig, "ttl": turtle}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="Triples in the corpus.")
    parser.add_argument("--child", nargs=3, metavar=("VARIANT", "FILE", "QUERIES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-load-"))
    try:
        files = write_files(args.size, folder)
        queries_file = folder / "queries.json"
        queries_file.write_text(json.dumps(bench.named_query_texts()))
        print(f"load of about {args.size:,} triples; rdflib {bench._version('rdflib')}, pyoxigraph {bench._version('pyoxigraph')}")
        print(f"{'variant':48} {'file':5} {'wall s':>7} {'CPU s':>7} {'vs rdflib':>9} {'peak MB':>8} {'query CPU s':>12}")
        base = None
        for name, kind, label in VARIANTS:
            done = subprocess.run(
                [sys.executable, __file__, "--child", name, str(files[kind]), str(queries_file)],
                capture_output=True, text=True, check=True,
            )
            r = json.loads(done.stdout.strip().splitlines()[-1])
            base = base or r["cpu"]  # the first variant: rdflib on the N-Quads file
            queries = f"{r['query_cpu']:12.2f}" if "query_cpu" in r else f"{'':12}"
            print(f"{label:48} {kind:5} {r['wall']:7.2f} {r['cpu']:7.2f} {base / r['cpu']:8.1f}x {r['peak_mb']:8.0f} {queries}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
