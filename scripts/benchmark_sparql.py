"""Benchmark: the shipped SPARQL queries on pyoxigraph (kg's store) against rdflib's in-memory Dataset.

A synthetic corpus of the project's own shape (documents, speakers, concepts with mentions,
attributions, claims, rebuttals, cross-document contradictions, standings) is built as records and
turned into quads by kg.graph, at about 10k, 100k and 1M triples. Each engine then runs in its
own child process, so that its peak memory (max RSS) is its own: it loads the same N-Quads file
and runs every named query. rdflib parses the file into an in-memory Dataset; kg's side is the
store path itself: ``kg.store.Store.load_file`` into an on-disk store (chunked bulk load, then
compaction), which is then reopened read-only as ``kg query`` opens it. Query times are medians;
ratios are rdflib / pyoxigraph. Load is given as wall time and as CPU time (all threads): the
bulk loader uses two threads, and on a shared machine CPU time is the steadier figure. Two more
processes load the same file with plain pyoxigraph - into an in-memory store, and into an on-disk
store in one bulk_load call (which holds about 1 KB per quad until it returns) - so that kg's load
is set against what the library itself allows, in the same run; the one-call store also runs the
queries, to compare query CPU time on both stores.

    python scripts/benchmark_sparql.py                 # 10k, 100k, 1M
    python scripts/benchmark_sparql.py --sizes 10000   # one size
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROLES = ["manager", "leader", "employee", "CEO", "executive", "coach", "follower", "entrepreneur"]
TRAITS = ["charisma", "integrity", "empathy", "humility", "courage", "confidence", "resilience", "patience", "curiosity", "creativity"]
SKILLS = ["planning", "budgeting", "communication", "delegation", "negotiation", "coaching skills"]
FOCUSES = ["tasks", "people", "vision", "processes", "results"]
RELATIONS = ["is_a", "differs_from", "requires", "has_trait", "has_skill", "focuses_on"]


def synthetic_extraction(n_docs: int, seed: int = 7):
    """Records of ``n_docs`` thread-like documents, with contests inside and across them."""
    from kg.records import Attribution, Claim, Concept, Contest, Document, DocumentExtraction, Extraction, Post, Span, Standing

    rng = random.Random(seed)
    docs, contests, all_claims = [], [], []
    for d in range(n_docs):
        name = f"doc{d:06d}.txt"
        speakers = [f"Speaker {rng.randrange(500)}" for _ in range(3)]
        parts, spans, posts = [], [], []
        offset = 0

        def say(sentence: str) -> Span:
            nonlocal offset
            span = Span(offset, offset + len(sentence), sentence)
            parts.append(sentence + " ")
            offset += len(sentence) + 1
            return span

        concepts, attributions, claims, rebuttals = [], [], [], []
        chosen = {"role": rng.sample(ROLES, 2), "trait": rng.sample(TRAITS, 2), "skill": rng.sample(SKILLS, 1), "focus": rng.sample(FOCUSES, 1)}
        mention_spans = {label: [] for labels in chosen.values() for label in labels}
        for i in range(8):
            speaker = speakers[i % 3]
            start = offset
            subject = chosen["role"][i % 2]
            relation = rng.choice(RELATIONS)
            obj = {"has_trait": rng.choice(chosen["trait"]), "has_skill": chosen["skill"][0], "focuses_on": chosen["focus"][0]}.get(relation, chosen["role"][(i + 1) % 2])
            negative = rng.random() < 0.3
            quantifier = rng.choice(["all", "some", "generic", "generic"])
            text = f"{'Not every' if negative else 'Every'} {subject} {relation.replace('_', ' ')} {obj} (point {d}.{i})."
            span = say(text)
            mention_spans[subject].append(Span(span.start + text.index(subject), span.start + text.index(subject) + len(subject), subject))
            mention_spans[obj].append(Span(span.start + text.rindex(obj), span.start + text.rindex(obj) + len(obj), obj))
            claim = Claim(name, span, subject, relation, obj, quantifier, "negative" if negative else "positive", None, speaker)
            claims.append(claim)
            posts.append(Post(Span(start, offset, text + " "), speaker))
            if relation in ("has_trait", "has_skill", "focuses_on"):
                attributions.append(Attribution(subject, relation, obj, "negative" if negative else "positive", span))
        for label_type, labels in chosen.items():
            for label in labels:
                mentions = tuple(mention_spans[label][:3]) or (Span(0, 1, parts[0][0]),)
                concepts.append(Concept(label, label_type, mentions))
        for target, attacker in ((claims[0], claims[3]), (claims[1], claims[5])):
            rebuttals.append(Contest(target.key, attacker.key, "rebuttal", "reply-disagrees", attacker.evidence, False))
        text = "".join(parts)
        document = Document(name, text, hashlib.sha256(text.encode()).hexdigest(), tuple(posts))
        docs.append(DocumentExtraction(document, tuple(concepts), tuple(attributions), tuple(claims), tuple(rebuttals)))
        contests.extend(rebuttals)
        if all_claims:
            other = rng.choice(all_claims)
            contests.append(Contest(other.key, claims[2].key, "contradiction", "all-vs-some-not", claims[2].evidence, True))
        all_claims.extend(claims)
    attacked = {}
    for contest in contests:
        attacked.setdefault(contest.target, []).append(contest.attacker)
    standings = []
    for claim in all_claims:
        attackers = attacked.get(claim.key, [])
        if not attackers:
            standings.append(Standing(claim.key, "accepted", "unchallenged"))
        elif any(a not in attacked for a in attackers):
            standings.append(Standing(claim.key, "defeated", f"attacked by {len(attackers)} accepted claim(s)"))
        else:
            standings.append(Standing(claim.key, "contested", "attacked by unresolved claims"))
    return Extraction(tuple(docs), tuple(contests), tuple(standings))


def write_corpus(target_triples: int, folder: Path) -> tuple[Path, int]:
    """An N-Quads file of about ``target_triples`` quads (the ontology graph included)."""
    import pyoxigraph as ox

    from kg import graph

    per_doc = sum(1 for _ in graph.extraction_quads(synthetic_extraction(20), with_ontology=False)) / 20
    ontology = len(graph.ontology_quads())
    n_docs = max(1, round((target_triples - ontology) / per_doc))
    path = folder / f"corpus-{target_triples}.nq"
    quads = list(graph.extraction_quads(synthetic_extraction(n_docs)))
    with open(path, "wb") as handle:
        ox.serialize(quads, handle, format=ox.RdfFormat.N_QUADS)
    return path, len(quads)


def named_query_texts() -> dict[str, str]:
    from kg import sparql

    texts = {}
    for name, named in sparql.named_queries().items():
        values = {param: sparql.term("manager") for param, _ in named.params}
        texts[name] = sparql.prepare(named.text, source=named.source, bindings=values).text
    return texts


class Capped(Exception):
    pass


def _alarm(signum, frame):
    raise Capped()


# Engines: each loads the same file in its own process. Only rdflib and kg's store run the
# queries for the main table; the two plain pyoxigraph loads show what the library itself allows.
ENGINES = ("rdflib", "pyoxigraph", "ox-memory", "ox-one-call")
LOADERS = {
    "rdflib": "rdflib Dataset.parse (in memory)",
    "ox-memory": "pyoxigraph Store().load (in memory)",
    "ox-one-call": "pyoxigraph bulk_load, one call (disk)",
    "pyoxigraph": "kg Store.load_file (disk)",
}


def child(engine: str, corpus: str, queries_file: str, repeat: int, cap: float) -> None:
    """Load the corpus into one engine, run each query, print JSON: times, row counts, peak RSS.

    A query still running after ``cap`` seconds is stopped (rdflib is pure Python, so an alarm
    signal interrupts it) and reported as taking at least ``cap``. ``ox-memory`` only loads.
    """
    import shutil

    queries = json.loads(Path(queries_file).read_text())
    report: dict = {"engine": engine, "queries": {}, "queries_cpu": {}, "rows": {}, "capped": []}
    signal.signal(signal.SIGALRM, _alarm)
    folder = tempfile.mkdtemp(prefix="bench-store-")
    start, start_cpu = time.perf_counter(), _cpu()
    if engine in ("pyoxigraph", "ox-one-call"):
        import pyoxigraph as ox

        from kg.store import Store

        store = Store(folder)  # on disk
        if engine == "pyoxigraph":
            store.load_file(corpus)  # as kg loads a file: chunks, then compaction
        else:
            store.oxigraph.bulk_load(path=corpus, format=ox.RdfFormat.N_QUADS)
        store.close()
        report["load"], report["load_cpu"] = time.perf_counter() - start, _cpu() - start_cpu
        opened = time.perf_counter()
        store = Store(folder, read_only=True).oxigraph  # as `kg query` opens it
        report["open"] = time.perf_counter() - opened

        def run(text: str) -> int:
            return sum(1 for _ in store.query(text, use_default_graph_as_union=True))
    elif engine == "ox-memory":
        import pyoxigraph as ox

        memory = ox.Store()
        memory.load(path=corpus, format=ox.RdfFormat.N_QUADS)
        report["load"], report["load_cpu"] = time.perf_counter() - start, _cpu() - start_cpu
        queries = {}
    else:
        import rdflib

        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(corpus, format="nquads")
        report["load"], report["load_cpu"] = time.perf_counter() - start, _cpu() - start_cpu

        def run(text: str) -> int:
            return len(list(dataset.query(text)))

    for name, text in queries.items():
        times, cpu_times = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            signal.setitimer(signal.ITIMER_REAL, cap)
            try:
                report["rows"][name] = run(text)
            except Capped:
                report["rows"][name] = None
                report["capped"].append(name)
                times = [cap]
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - t0)
            cpu_times.append(time.process_time() - c0)
            if times[-1] > 5:  # one run is enough to measure a slow query
                break
        report["queries"][name] = statistics.median(times)
        report["queries_cpu"][name] = statistics.median(cpu_times or [cap])
    report["peak_mb"] = _peak_mb()
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(report))


def _peak_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM counts this program only; ru_maxrss would
    also count the parent's peak, which a child started by fork/vfork and exec carries over."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="Comma-separated triple counts.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per query (median).")
    parser.add_argument("--cap", type=float, default=300, help="Stop a query after this many seconds (reported as >=).")
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "CORPUS", "QUERIES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, repeat=args.repeat, cap=args.cap)
        return
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    queries_file = folder / "queries.json"
    queries_file.write_text(json.dumps(named_query_texts()))
    print(f"kg SPARQL benchmark: rdflib {_version('rdflib')} Dataset (in memory) vs pyoxigraph {_version('pyoxigraph')} Store (on disk)")
    for size in (int(s) for s in args.sizes.split(",")):
        corpus, n = write_corpus(size, folder)
        reports = {}
        for engine in ENGINES:
            done = subprocess.run(
                [sys.executable, __file__, "--repeat", str(args.repeat), "--cap", str(args.cap), "--child", engine, str(corpus), str(queries_file)],
                capture_output=True, text=True, check=True,
            )
            reports[engine] = json.loads(done.stdout.strip().splitlines()[-1])
        _print(n, reports)
        corpus.unlink()


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _print(n: int, reports: dict) -> None:
    rd, ox_ = reports["rdflib"], reports["pyoxigraph"]
    print(f"\n{n:,} triples")
    print(f"{'':32} {'rdflib':>10} {'pyoxigraph':>11} {'ratio':>8}  rows")
    print(f"{'load (s)':32} {rd['load']:10.2f} {ox_['load']:11.2f} {rd['load'] / ox_['load']:7.1f}x")
    print(f"{'load, CPU time (s)':32} {rd['load_cpu']:10.2f} {ox_['load_cpu']:11.2f} {rd['load_cpu'] / ox_['load_cpu']:7.1f}x")
    for name in rd["queries"]:
        a, b = rd["queries"][name], ox_["queries"][name]
        capped = name in rd["capped"]
        same = "" if capped or rd["rows"][name] == ox_["rows"][name] else f"  (rdflib {rd['rows'][name]} rows!)"
        more = ">" if capped else " "
        print(f"{name + ' (ms)':32} {more}{a * 1000:9.0f} {b * 1000:11.1f} {more}{a / b:6.0f}x  {ox_['rows'][name]}{same}")
    total_a, total_b = sum(rd["queries"].values()), sum(ox_["queries"].values())
    more = ">" if rd["capped"] else " "
    print(f"{'all queries (ms)':32} {more}{total_a * 1000:9.0f} {total_b * 1000:11.1f} {more}{total_a / total_b:6.0f}x")
    print(f"{'peak memory (MB)':32} {rd['peak_mb']:10.0f} {ox_['peak_mb']:11.0f} {rd['peak_mb'] / ox_['peak_mb']:7.1f}x")
    print(f"(reopening the built store for queries took {ox_['open'] * 1000:.0f} ms)")
    _print_loads(reports)
    sys.stdout.flush()


def _print_loads(reports: dict) -> None:
    """The same file loaded four ways: CPU time (all threads) is the figure to read on a shared machine."""
    base = reports["rdflib"]["load_cpu"]
    print(f"\n{'load of the same file':40} {'wall (s)':>9} {'CPU (s)':>8} {'CPU ratio':>10} {'peak MB':>8}")
    for engine, label in LOADERS.items():
        r = reports[engine]
        print(f"{label:40} {r['load']:9.2f} {r['load_cpu']:8.2f} {base / r['load_cpu']:9.1f}x {r['peak_mb']:8.0f}")
    kg_cpu, one_cpu = (sum(reports[e]["queries_cpu"].values()) for e in ("pyoxigraph", "ox-one-call"))
    print(f"all queries, CPU (s): {kg_cpu:.2f} on kg's store, {one_cpu:.2f} on the one-call store ({one_cpu / kg_cpu:.2f}x)")


if __name__ == "__main__":
    main()
