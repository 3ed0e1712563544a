"""Build the seeds, render the viewer and save a screenshot of it (docs/viewer.png by default).

    python scripts/screenshot_viewer.py [--seeds seeds] [--out docs/viewer.png] [--search LABEL]

Without --search it selects the claim that the most claims contest, so the shot shows its panel.

Chromium runs headless with every network request blocked, as in the browser tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kg import api

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "viewer.png")
    parser.add_argument("--search", default=None, help="Label to search for and select before the shot.")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        built = api.build([args.seeds], Path(tmp) / "out")
        page_path = built.render(Path(tmp) / "viewer.html")
        url = page_path.as_uri()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, device_scale_factor=1)
        context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("body[data-kg-drawn='1'][data-kg-stable='1']", timeout=120_000)
        if args.search:
            page.fill("#kg-search-input", args.search)
            page.press("#kg-search-input", "Enter")
        else:
            page.evaluate(
                """() => { const claims = kgViewer.nodes.get({filter: n => n.kind === 'claim'});
                           claims.sort((a, b) => (b.size - a.size));
                           const top = claims.find(n => n.color) || claims[0];
                           if (top) { kgViewer.select(top.id); } }"""
            )
        page.wait_for_timeout(800)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        tmp_png = args.out.with_suffix(".tmp.png")
        page.screenshot(path=str(tmp_png))
        tmp_png.replace(args.out)  # atomic: a reader sees the old picture or the new one
        browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
