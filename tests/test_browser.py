"""The viewer page in a real headless Chromium, with every network request blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kg import api, render
from kg.graph import claim_iri, concept_iri
from kg.records import Extraction
from test_render_fuzz import FRAGMENTS, hostile_corpus, records_page
from viewer_samples import HOSTILE_TEXTS, graph_of, hostile_extraction, synthetic_view

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Runs before any script of the page: records every way a payload could execute.
TRAP = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (msg) => { window.__xss.push(name + ":" + msg); };
}
"""


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "install Chromium: apt-get install -y chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A page opened from a file with the network cut off; it records requests, errors and dialogs."""

    def __init__(self, browser, html: str, folder: Path):
        path = folder / "page.html"
        path.write_text(html, encoding="utf-8")
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.add_init_script(TRAP)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-kg-drawn='1'][data-kg-stable='1']", timeout=60_000)

    def _route(self, route):
        url = route.request.url
        if url == self.url:
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def id(self, iri: str) -> str:
        """The page's node id for an IRI."""
        return self.js("iri => kgViewer.idOf(iri)", iri)

    def visible_iris(self) -> list[str]:
        return sorted(self.js("kgViewer.visibleNodeIds().map(id => kgViewer.nodes.get(id).iri)"))

    def click_node(self, iri: str) -> None:
        """Click the node where the canvas draws it."""
        node_id = self.id(iri)
        x, y = self.js(
            """id => { const n = kgViewer.network; const p = n.canvasToDOM(n.getPosition(id));
                       const r = document.getElementById('kg-network').getBoundingClientRect();
                       return [r.left + p.x, r.top + p.y]; }""",
            node_id,
        )
        self.page.mouse.click(x, y)

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, tmp_path):
    pages = []

    def opener(html: str) -> Page:
        page = Page(browser, html, tmp_path)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


@pytest.fixture
def sample_page(open_page, sample_extraction):
    return open_page(render.render_html(graph_of(sample_extraction)))


def test_page_loads_offline_and_draws_every_node(sample_page):
    assert sample_page.js("kgViewer.drawnNodeCount()") == 12
    assert sample_page.js("kgViewer.drawnEdgeCount()") == 21  # 3 "said" links since every named person is typed in the graph
    painted = sample_page.js(
        """() => { const c = document.querySelector('#kg-network canvas');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert painted > 1000
    assert (sample_page.requests, sample_page.errors) == ([], [])


def test_search_finds_manager_and_selects_it(sample_page):
    sample_page.page.fill("#kg-search-input", "manager")
    sample_page.page.press("#kg-search-input", "Enter")
    assert sample_page.js("kgViewer.network.getSelectedNodes()") == [sample_page.id(concept_iri("manager").value)]
    assert sample_page.page.text_content("#kg-search-status") == "found: manager"
    assert sample_page.page.text_content("#kg-details h3") == "Role: manager"


def test_search_with_no_match_says_so(sample_page):
    sample_page.page.fill("#kg-search-input", "janitor")
    sample_page.page.press("#kg-search-input", "Enter")
    assert sample_page.page.text_content("#kg-search-status") == "no node matches"
    assert sample_page.js("kgViewer.network.getSelectedNodes()") == []


def test_contested_filter_leaves_only_contest_edges(sample_page, sample_extraction):
    sample_page.page.check("#kg-contested-only")
    kinds = sample_page.js("kgViewer.visibleEdgeIds().map(id => kgViewer.edges.get(id).kind)")
    assert sorted(kinds) == ["contradiction", "rebuttal"]
    drawn = sample_page.js(
        """kgViewer.visibleEdgeIds().map(id => { const o = kgViewer.network.body.edges[id].options;
             return [kgViewer.edges.get(id).kind, o.color.color, o.dashes !== false, o.width]; })"""
    )
    assert sorted(drawn) == [["contradiction", "#d62728", True, 3], ["rebuttal", "#d62728", False, 3]]
    assert sample_page.js("kgViewer.drawnEdgeCount()") == 2
    c1, c2 = sample_extraction.documents[0].claims
    c3 = sample_extraction.documents[1].claims[0]
    assert sample_page.visible_iris() == sorted(claim_iri(c).value for c in (c1, c2, c3))


def test_kind_and_document_filters_hide_nodes(sample_page):
    sample_page.page.uncheck("input[data-kind='claim']")
    assert "claim" not in sample_page.js("kgViewer.visibleNodeIds().map(id => kgViewer.nodes.get(id).kind)")
    sample_page.page.select_option("#kg-doc-filter", label="essay.txt")
    labels = sample_page.js("kgViewer.visibleNodeIds().map(id => kgViewer.nodes.get(id).label)")
    assert sorted(labels) == ["essay.txt", "leader", "manager", "people"]


def test_focus_in_the_page_keeps_the_neighbourhood(sample_page):
    sample_page.page.fill("#kg-focus-input", "charisma")
    sample_page.page.fill("#kg-focus-depth", "1")
    sample_page.page.click("#kg-focus-apply")
    labels = sample_page.js("kgViewer.visibleNodeIds().map(id => kgViewer.nodes.get(id).label)")
    assert sorted(labels) == ["charisma", "leader"]
    sample_page.page.click("#kg-focus-clear")
    assert sample_page.js("kgViewer.drawnNodeCount()") == 12


def test_clicking_a_contested_claim_shows_its_text_status_and_evidence(sample_page, sample_extraction):
    c1 = sample_extraction.documents[0].claims[0]
    sample_page.click_node(claim_iri(c1).value)
    assert sample_page.js("kgViewer.network.getSelectedNodes()") == [sample_page.id(claim_iri(c1).value)]
    panel = sample_page.page.locator("#kg-details")
    assert panel.locator(".kg-claim-text").text_content() == "Every manager is a leader."
    assert sample_page.page.text_content("#kg-details .kg-status-defeated") == "defeated"
    evidence = sorted(panel.locator(".kg-evidence").all_text_contents())
    assert evidence == ["But you said every manager is a leader.", "Some managers are not leaders."]
    assert sorted(panel.locator(".kg-other-claim").all_text_contents()) == [
        "Not every manager is a leader.", "Some managers are not leaders.",
    ]
    assert sample_page.errors == []


def test_hostile_page_runs_no_script_and_still_shows_the_text(open_page):
    extraction = hostile_extraction()
    page = open_page(render.render_html(graph_of(extraction)))
    claims = extraction.documents[0].claims
    texts = []
    for claim in claims:
        page.click_node(claim_iri(claim).value)
        texts.append(page.page.locator("#kg-details .kg-claim-text").text_content())
    page.page.wait_for_timeout(200)  # let any injected image fail and fire its handler
    assert page.js("window.__xss") == []
    assert texts == [c.evidence.text for c in claims]
    page.page.fill("#kg-search-input", "boss <script>")
    page.page.press("#kg-search-input", "Enter")
    assert page.page.text_content("#kg-details h3") == "Role: boss <script>alert(5)</script>"
    page.page.hover("#kg-network", position={"x": 5, "y": 5})
    shown = page.js("kgViewer.nodes.get().map(n => n.label)")
    assert set(HOSTILE_TEXTS) <= set(shown)
    options = page.js("[...document.querySelectorAll('#kg-doc-filter option, #kg-speaker-filter option')].map(o => o.textContent)")
    assert "<img src=x onerror=alert(7)>.txt" in options and "<img src=x onerror=alert(4)>Eve" in options
    assert page.js("window.__xss") == []
    assert page.dialogs == []
    assert page.js("document.querySelectorAll('img, a, iframe').length") == 0
    assert page.js("document.scripts.length") == 3
    assert (page.requests, page.errors) == ([], [])


# The worst of what the fuzz test generates: every breaking piece at once, script and comment
# breakers, line separators with escapes, template syntax, and a 60,000-character label.
WORST = (
    "".join(FRAGMENTS),
    "</script><script>alert(1)</script><!--<script>alert(2)</script>-->",
    "\u2028\u2029\\</script>\\u003c/script>${alert(3)}`;alert(4)//",
    "{{ 7*7 }}{% if 1 %}x{% endif %}{# c #}<style>*{display:none}</style>",
    ("<img src=x onerror=alert(5)>\u202e\x00" * 2000)[:60_000],
)


def test_worst_fuzz_cases_run_no_script_in_chromium(open_page):
    docs, contests, standings = [], [], []
    for i, case in enumerate(WORST):
        one = hostile_corpus(
            f"{i}{case}.txt", f"role{i} {case}", f"trait{i} {case}", f"{case} speaker{i}", f"other{i} {case}",
            f"said{i} {case}.", f"reply{i} {case}!", f"evidence{i} {case}?",
        )
        docs += one.documents
        contests += one.contests
        standings += one.standings
    extraction = Extraction(tuple(docs), tuple(contests), tuple(standings))
    html = records_page(extraction)
    assert render.render_html(graph_of(extraction)) == html
    page = open_page(html)
    shown = []
    for doc in extraction.documents:
        for claim in doc.claims:
            page.js("id => kgViewer.select(id)", page.id(claim_iri(claim).value))
            shown.append(page.page.locator("#kg-details .kg-claim-text").text_content())
    page.page.wait_for_timeout(300)  # let any injected image fail and fire its handler
    assert shown == [c.evidence.text for d in extraction.documents for c in d.claims]
    labels = set(page.js("kgViewer.nodes.get().map(n => n.label)"))
    assert {c.label for d in extraction.documents for c in d.concepts} <= labels
    assert {d.document.name for d in extraction.documents} <= labels
    assert page.js("window.__xss") == [] and page.dialogs == []
    assert page.js("document.querySelectorAll('img, svg, iframe, a, [onerror], [onload]').length") == 0
    assert page.js("document.scripts.length") == 3
    assert page.js("document.title") == render.TITLE
    assert (page.requests, page.errors) == ([], [])


def test_large_graph_draws_with_physics_off(open_page):
    view = synthetic_view(render.PHYSICS_LIMIT + 200)
    page = open_page(render.render_view(view))
    assert page.js("kgViewer.network.physics.physicsEnabled") is False
    assert page.js("kgViewer.drawnNodeCount()") == len(view.nodes)
    assert page.errors == []


def test_seeds_page_loads_offline_and_finds_manager(open_page, built_seeds):
    out, _ = built_seeds
    opened = api.open_graph(out)
    view = render.read_view(opened)
    page = open_page(render.render_html(opened))
    assert page.js("kgViewer.drawnNodeCount()") == len(view.nodes)
    page.page.fill("#kg-search-input", "manager")
    page.page.press("#kg-search-input", "Enter")
    assert page.page.text_content("#kg-search-status").startswith("found: manager")
    assert (page.requests, page.errors) == ([], [])
