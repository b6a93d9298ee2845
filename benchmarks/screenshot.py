"""Screenshot a claimgraph HTML page (graph.html or explorer.html) with Debian's chromium.

For the README: the graph view, and the talking-points explorer.

Usage: python benchmarks/screenshot.py output/graph.html docs/screenshot.png
       [--width 1400] [--height 900] [--select NODE_ID]
       python benchmarks/screenshot.py output/explorer.html docs/explorer.png
       [--select FAMILY_ID]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# The same flags as tests/browser.py: `playwright install` cannot download here.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def screenshot(
    html_path: str | Path,
    png_path: str | Path,
    width: int = 1400,
    height: int = 900,
    select: str | None = None,
) -> None:
    """Open ``html_path`` in headless chromium and save a PNG of the page.

    ``select`` names a node to select first, so the side panel shows it (in
    the explorer: a family, whose variants it shows).
    """
    url = Path(html_path).resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url, wait_until="load")
            page.wait_for_function(
                "window.claimgraph !== undefined || window.explorer !== undefined", timeout=30_000
            )
            explorer = page.evaluate("() => window.explorer !== undefined")
            if select and explorer:
                if not page.evaluate("id => window.explorer.open(id)", select):
                    raise SystemExit(f"{html_path}: no family {select!r} in this explorer")
            elif select:
                page.evaluate(
                    """id => {
                        const view = window.claimgraph;
                        view.network.selectNodes([id]);
                        view.showNode(id);
                    }""",
                    select,
                )
            # Two animation frames: vis-network has drawn the canvas.
            page.evaluate(
                "() => new Promise(done =>"
                " requestAnimationFrame(() => requestAnimationFrame(done)))"
            )
            Path(png_path).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png_path))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "html", type=Path, help="the HTML page, e.g. output/graph.html or output/explorer.html"
    )
    parser.add_argument("png", type=Path, help="where to write the PNG")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument(
        "--select", help="id of a node (a family in the explorer) to show in the side panel"
    )
    args = parser.parse_args(argv)
    if not args.html.is_file():
        parser.error(f"{args.html}: no such file; build the view first (claimgraph build)")
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} not found; install Debian's chromium (apt-get install chromium)")
    screenshot(args.html, args.png, args.width, args.height, args.select)
    return 0


if __name__ == "__main__":
    sys.exit(main())
