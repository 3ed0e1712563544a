"""Benchmark the store step of `kg build` on a built folder: what a quad costs to load, by format and part size,
and what the final compaction (`optimize()`) buys the named queries.

From a build's graph.ttl (its sections are the named graphs) the TriG parts the build loads are cut
again as kg.builder cuts them (TRIG_PART_BYTES, the contests graph in 1 MB pieces), and the same quads
are written as N-Quads parts. Each way of loading runs in a fresh process into a new store; its
figure is CPU time of the whole process (the loader's and RocksDB's threads), so that other work on
the machine changes it less than wall time. Runs alternate, so that each way meets the same load.

    python scripts/benchmark_store.py out/ --work /tmp/kg-benchmark-store --sizes 8,16,32 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

_SECTION = re.compile(rb"\n# graph ([^ \n]+): [^\n]*\n")
_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def _blocks(graph_ttl: Path, piece: int = 1 << 20) -> tuple[bytes, list[bytes]]:
    """The prefix lines and the TriG graph blocks of a build's graph.ttl, big graphs in pieces of about ``piece`` bytes."""
    pieces = _SECTION.split(graph_ttl.read_bytes())
    header = b"".join(line + b"\n" for line in pieces[0].split(b"\n") if line.startswith(b"@prefix "))
    blocks = []
    for iri, body in zip(pieces[1::2], pieces[2::2]):
        while len(body) > piece and (cut := body.find(b"\n\n", piece)) != -1:
            blocks.append(b"<" + iri + b"> {\n" + body[: cut + 2] + b"}\n")
            body = body[cut + 2 :]
        blocks.append(b"<" + iri + b"> {\n" + body + b"}\n")
    return header, blocks


def write_parts(graph_ttl: Path, folder: Path, part_bytes: int, nquads: bool) -> int:
    """TriG parts of about ``part_bytes`` (and the same quads as N-Quads); returns the number of quads."""
    header, blocks = _blocks(graph_ttl)
    folder.mkdir(parents=True, exist_ok=True)
    parts, current, size = [], [], 0
    for block in blocks:
        if current and size + len(block) > part_bytes:
            parts.append(current)
            current, size = [], 0
        current.append(block)
        size += len(block)
    parts.append(current)
    total = 0
    for n, part in enumerate(parts):
        trig = header + b"".join(part)
        (folder / f"part-{n:05d}.trig").write_bytes(trig)
        quads = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
        total += len(quads)
        if nquads:
            (folder / f"part-{n:05d}.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return total


def load_once(parts: Path, ext: str, where: Path, optimize: bool) -> dict:
    """In this process: every part into a new store with one bulk_load each, then optimize(); CPU seconds."""
    shutil.rmtree(where, ignore_errors=True)
    store = ox.Store(str(where))
    per_part = []
    for part in sorted(parts.glob(f"*.{ext}")):
        started = time.process_time()
        store.bulk_load(path=str(part), format=_FORMATS[ext], lenient=True)
        per_part.append(round(time.process_time() - started, 2))
    started = time.process_time()
    if optimize:
        store.optimize()
    compaction = time.process_time() - started
    store.flush()
    quads = len(store)
    return {
        "format": ext, "parts": len(per_part), "quads": quads, "load_cpu": round(sum(per_part), 1),
        "optimize_cpu": round(compaction, 1), "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "per_part": per_part, "load_average": round(os.getloadavg()[0], 2),
    }


def query_cpu(stores: dict[str, Path]) -> list[dict]:
    """CPU seconds of each shipped named query without parameters on each store, the stores alternating."""
    from kg import sparql
    from kg.vocab import PREFIXES

    opened = {name: ox.Store.read_only(str(path)) for name, path in stores.items()}
    rows = []
    for named in sparql.named_queries().values():
        if named.params:
            continue
        row = {"query": named.name}
        for name, store in opened.items():
            started = time.process_time()
            row["rows"] = sum(1 for _ in store.query(named.text, use_default_graph_as_union=True, prefixes=PREFIXES))
            row[name] = round(time.process_time() - started, 2)
        rows.append(row)
    return rows


def _child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("built", type=Path, nargs="?", help="a built folder (its graph.ttl)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-benchmark-store"), help="scratch folder")
    parser.add_argument("--sizes", default="16", help="part sizes in MB, comma-separated (the build uses 16)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--queries", action="store_true", help="also time the named queries with and without optimize()")
    parser.add_argument("--child", nargs=4, metavar=("PARTS", "EXT", "STORE", "OPTIMIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        parts, ext, where, optimize = args.child
        print(json.dumps(load_once(Path(parts), ext, Path(where), optimize == "1")))
        return 0
    sizes = [float(s) for s in args.sizes.split(",")]
    for mb in sizes:
        quads = write_parts(args.built / "graph.ttl", args.work / f"parts-{mb:g}", int(mb * (1 << 20)), nquads=mb == 16)
        print(f"parts of {mb:g} MB written: {quads:,} quads", flush=True)
    runs = [(mb, ext) for mb in sizes for ext in (("trig", "nq") if mb == 16 else ("trig",))]
    for round_ in range(args.rounds):
        for mb, ext in runs:
            found = _child(str(args.work / f"parts-{mb:g}"), ext, str(args.work / "store"), "1")
            found.pop("per_part")
            print(json.dumps({"round": round_, "part_mb": mb, **found}), flush=True)
    if args.queries:
        parts = str(args.work / "parts-16")
        _child(parts, "trig", str(args.work / "store-optimized"), "1")
        _child(parts, "trig", str(args.work / "store-in-parts"), "0")
        stores = {"optimized": args.work / "store-optimized", "in parts": args.work / "store-in-parts"}
        for row in query_cpu(stores):
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
