"""Benchmark the HTML viewer on synthetic graphs of about 100 / 1k / 5k nodes.

For each size: the build time (SPARQL read of the store, layout, page), the page size, and the time
to the first drawn frame in headless Chromium with the network blocked. Ratios are against
baselines measured in the same run: pyvis's own add_node/add_edge path for the build, and an empty
viewer page for the first frame.

    python scripts/benchmark_render.py [--sizes 100 1000 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pyvis.network import Network

from kg import graph, render
from kg.api import KnowledgeGraph
from kg.records import Attribution, Claim, Concept, Contest, Document, DocumentExtraction, Extraction, Post, Span, Standing
from kg.store import Store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SHARED_ROLES = ("manager", "leader", "boss", "coach")


def _document(i: int, previous: list[Claim]) -> tuple[DocumentExtraction, list[Contest], list[Claim]]:
    """About 100 nodes: a document, 3 speakers, 16 concepts (4 roles shared by all documents), 76 claims."""
    name = f"doc{i:04d}.txt"
    speakers = [f"Speaker {i}-{k}" for k in range(3)]
    roles = list(SHARED_ROLES) + [f"role {i}-{k}" for k in range(2)]
    others = [(f"trait {i}-{k}", "trait") for k in range(4)] + [(f"skill {i}-{k}", "skill") for k in range(3)]
    others += [(f"focus {i}-{k}", "focus") for k in range(3)]
    sentences, spans = [], []
    offset = 0
    for k in range(76):
        role, (concept, _) = roles[k % len(roles)], others[k % len(others)]
        sentence = f"Claim {k}: every {role} has {concept}."
        sentences.append(sentence)
        spans.append(Span(offset, offset + len(sentence), sentence))
        offset += len(sentence) + 1
    text = "\n".join(sentences)
    posts = tuple(Post(span, speakers[k % 3]) for k, span in enumerate(spans))
    doc = Document(name, text, hashlib.sha256(text.encode()).hexdigest(), posts=posts)
    first = Span(0, 5, text[:5])
    concepts = tuple(Concept(r, "role", (first,)) for r in roles) + tuple(Concept(c, t, (first,)) for c, t in others)
    attributions = tuple(
        Attribution(roles[k % len(roles)], "has_" + t if t != "focus" else "focuses_on", c,
                    "negative" if k % 5 == 0 else "positive", spans[k])
        for k, (c, t) in enumerate(others)
    )
    claims = [
        Claim(name, span, roles[k % len(roles)], "has_trait", others[k % len(others)][0], "all" if k % 2 else "some",
              "negative" if k % 7 == 0 else "positive", None, speakers[k % 3])
        for k, span in enumerate(spans)
    ]
    contests = [Contest(claims[k - 1].key, claims[k].key, "rebuttal", "synthetic", claims[k].evidence, False) for k in range(10, 76, 10)]
    contests += [
        Contest(previous[k].key, claims[k].key, "contradiction", "synthetic", claims[k].evidence, True)
        for k in range(5, min(76, len(previous)), 20)
    ]
    return DocumentExtraction(doc, concepts, attributions, tuple(claims)), contests, claims


def synthetic_extraction(nodes: int) -> Extraction:
    """Records for about ``nodes`` viewer nodes, with rebuttals inside documents and contradictions across."""
    docs, contests, previous = [], [], []
    for i in range(max(1, round(nodes / 96))):
        doc, found, previous = _document(i, previous)
        docs.append(doc)
        contests.extend(found)
    targets = {c.target for c in contests}
    standings = tuple(
        Standing(claim.key, "contested" if claim.key in targets else "accepted", "synthetic")
        for doc in docs for claim in doc.claims
    )
    return Extraction(tuple(docs), tuple(contests), standings)


def pyvis_default(view: render.View) -> str:
    """The baseline: the same nodes and edges through pyvis's add_node/add_edge and its own template."""
    net = Network(directed=True, cdn_resources="in_line")
    for node in view.nodes:
        net.add_node(node.id, label=node.label, title=node.label)
    for edge in view.edges:
        net.add_edge(edge.source, edge.target, title=edge.label)
    return net.generate_html()


def first_frame(browser, html: str, folder: Path) -> tuple[float, float, float, int]:
    """(ms from navigation to the first drawn frame, main-thread CPU ms until then, wall ms, nodes drawn).

    The CPU time is what the page costs on an idle machine; the other two grow with the machine's load.
    """
    path = folder / "bench.html"
    path.write_text(html, encoding="utf-8")
    url = path.as_uri()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-kg-drawn='1']", timeout=120_000)
    wall = (time.perf_counter() - start) * 1000
    frame = page.evaluate("kgViewer.firstFrame()")
    drawn = page.evaluate("kgViewer.drawnNodeCount()")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    context.close()
    return frame, metrics["ThreadTime"] * 1000, wall, drawn


def _median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        folder = Path(tmp)
        empty_html = render.render_view(render.View((), ()))
        empties = [first_frame(browser, empty_html, folder) for _ in range(args.repeat)]
        empty = statistics.median(f[0] for f in empties)
        empty_cpu = statistics.median(f[1] for f in empties)
        print(f"baseline: empty viewer page, first frame {empty:.0f} ms, main-thread CPU {empty_cpu:.0f} ms")
        print(f"{'nodes':>6} {'edges':>6} {'physics':>7} {'read ms':>8} {'layout ms':>9} {'build ms':>9} "
              f"{'pyvis ms':>9} {'x pyvis':>7} {'page MB':>7} {'frame ms':>8} {'x empty':>7} {'cpu ms':>7} {'x empty':>7} {'wall ms':>8}")
        for size in args.sizes:
            store = Store()
            store.load(graph.extraction_quads(synthetic_extraction(size)))
            kg = KnowledgeGraph(store=store)
            read, view = _median_time(lambda: render.read_view(kg), args.repeat)
            lay, _ = _median_time(lambda: render.layout(view), args.repeat)
            build, html = _median_time(lambda: render.render_html(kg), args.repeat)
            base, _ = _median_time(lambda: pyvis_default(view), 1)
            frames = [first_frame(browser, html, folder) for _ in range(args.repeat)]
            frame = statistics.median(f[0] for f in frames)
            cpu = statistics.median(f[1] for f in frames)
            wall = statistics.median(f[2] for f in frames)
            assert all(f[3] == len(view.nodes) for f in frames), "not every node was drawn"
            physics = "on" if len(view.nodes) <= render.PHYSICS_LIMIT else "off"
            print(f"{len(view.nodes):>6} {len(view.edges):>6} {physics:>7} {read * 1000:>8.0f} {lay * 1000:>9.0f} "
                  f"{build * 1000:>9.0f} {base * 1000:>9.0f} {build / base:>7.2f} {len(html) / 1e6:>7.2f} "
                  f"{frame:>8.0f} {frame / empty:>7.2f} {cpu:>7.0f} {cpu / empty_cpu:>7.2f} {wall:>8.0f}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
