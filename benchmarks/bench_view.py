"""Speed benchmark of the HTML view: render time in Python, settle time in chromium.

For generated claim graphs of 2,000 and 5,000 nodes (documents, claims,
families, actors and dates in the proportions of tests/browser.py's
``synthetic_claim_graph``), measures

- ``render_s``: ``graph.view.render_view`` (layout included), in Python;
- ``settle_s``: Debian's chromium opening the page from disk, from navigation
  until the network has drawn and no node moves across two animation frames
  (median of ``--loads`` page loads in one browser).

Above ``graph.view.ON_DEMAND_ABOVE`` nodes the page opens on documents,
families, actors and dates (claims on demand); ``drawn_nodes`` says how many
nodes the first view draws.

With ``--build OUTDIR`` it also opens the pages a build wrote (the full
debates build, say) as they are:

- ``explorer.html``: ``open_s``, from navigation until the talking points
  are listed and painted (the explorer's script has drawn its first rows and
  two animation frames have passed);
- ``graph.html``: ``settle_s``, as above.

Each is the median of ``--loads`` page loads. Prints one line per size and
page and writes benchmarks/results/view-<date>.json and view-latest.json.

Usage: python benchmarks/bench_view.py [--sizes 2000 5000] [--loads 3] [--build OUTDIR]
       (``--sizes`` with no size measures only the build)
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import platform
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "tests"))  # the generator and browser helpers the tests use

from browser import CHROMIUM, launch, settle_seconds, synthetic_claim_graph  # noqa: E402

from graph.view import ON_DEMAND_ABOVE, render_view  # noqa: E402

# Per 2,000 nodes: 40 documents, 1,500 claims, 200 families, 200 actors, 60 dates.
_SHARES = {"documents": 0.02, "claims": 0.75, "families": 0.10, "actors": 0.10, "dates": 0.03}


def graph_of(nodes: int):
    """A generated claim graph of about ``nodes`` nodes."""
    counts = {name: max(2, round(share * nodes)) for name, share in _SHARES.items()}
    counts["claims"] += nodes - sum(counts.values())
    return synthetic_claim_graph(**counts)


def measure(nodes: int, loads: int, browser, folder: pathlib.Path) -> dict:
    G = graph_of(nodes)
    started = time.perf_counter()
    html = render_view(G)
    render_s = time.perf_counter() - started
    path = folder / f"graph-{nodes}.html"
    path.write_text(html, encoding="utf-8")
    settles = []
    drawn = None
    for _ in range(loads):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            settles.append(settle_seconds(page, path.as_uri()))
            drawn = page.evaluate("() => window.claimgraph.drawnNodeCount()")
        finally:
            page.close()
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "html_mb": round(len(html.encode("utf-8")) / 1e6, 2),
        "render_s": round(render_s, 3),
        "settle_s": round(statistics.median(settles), 3),
        "settle_runs_s": [round(s, 3) for s in settles],
        "drawn_nodes": drawn,
        "claims_on_demand": G.number_of_nodes() > ON_DEMAND_ABOVE,
    }


# Resolves once the explorer has listed its first rows and they have been
# painted (two animation frames later); the value is performance.now(), i.e.
# milliseconds since the navigation started.
_EXPLORER_OPEN_SCRIPT = """() => new Promise(done => {
    const frame = () => new Promise(next => requestAnimationFrame(next));
    const check = async () => {
        if (!window.explorer || !window.explorer.ready) { setTimeout(check, 10); return; }
        await frame(); await frame();
        done(performance.now());
    };
    check();
})"""


def explorer_open_seconds(page, url: str, timeout_ms: int = 120_000) -> float:
    """Open ``url`` (an explorer.html) in ``page``: seconds from navigation until its rows show."""
    page.set_default_timeout(timeout_ms)
    page.goto(url, wait_until="commit")
    return page.evaluate(_EXPLORER_OPEN_SCRIPT) / 1000.0


def _loads(browser, loads: int, url: str, opened, count: str) -> tuple[list[float], object]:
    """Open ``url`` in a fresh page ``loads`` times: seconds by ``opened(page, url)`` each
    time, and what the script ``count`` says of the last page."""
    runs, counted = [], None
    for _ in range(loads):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            runs.append(opened(page, url))
            counted = page.evaluate(count)
        finally:
            page.close()
    return runs, counted


def measure_build(out_dir: pathlib.Path, loads: int, browser) -> dict:
    """Open explorer.html and graph.html of a built folder ``loads`` times each."""
    build = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
    result: dict = {"out": str(out_dir), "counts": build.get("counts", {})}
    explorer = out_dir / "explorer.html"
    if explorer.is_file():
        runs, rows = _loads(
            browser,
            loads,
            explorer.as_uri(),
            explorer_open_seconds,
            "() => window.explorer.drawnIds().length",
        )
        result["explorer"] = {
            "html_mb": round(explorer.stat().st_size / 1e6, 2),
            "open_s": round(statistics.median(runs), 3),
            "open_runs_s": [round(s, 3) for s in runs],
            "rows_drawn_first": rows,
        }
    view = out_dir / "graph.html"
    if view.is_file():
        runs, drawn = _loads(
            browser,
            loads,
            view.as_uri(),
            lambda page, url: settle_seconds(page, url, timeout_ms=600_000),
            "() => window.claimgraph.drawnNodeCount()",
        )
        result["graph"] = {
            "html_mb": round(view.stat().st_size / 1e6, 2),
            "settle_s": round(statistics.median(runs), 3),
            "settle_runs_s": [round(s, 3) for s in runs],
            "drawn_nodes": drawn,
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 5000])
    parser.add_argument("--loads", type=int, default=3, help="page loads per size (median)")
    parser.add_argument(
        "--build",
        type=pathlib.Path,
        action="append",
        default=[],
        metavar="OUTDIR",
        help="also open explorer.html and graph.html of this built folder (repeatable)",
    )
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} not found; install Debian's chromium (apt-get install chromium)")
    for folder in args.build:
        if not (folder / "build.json").is_file():
            parser.error(
                f"{folder}: no build.json here; run `claimgraph build PATHS --out {folder}`"
            )

    from playwright.sync_api import sync_playwright

    runs = []
    built = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for nodes in args.sizes:
                run = measure(nodes, args.loads, browser, pathlib.Path(tmp))
                runs.append(run)
                print(
                    f"{run['nodes']:>6} nodes {run['edges']:>6} edges: render {run['render_s']:.2f} s "
                    f"({run['html_mb']} MB), settle in chromium {run['settle_s']:.2f} s "
                    f"(median of {args.loads}), {run['drawn_nodes']} nodes drawn first",
                    flush=True,
                )
            for folder in args.build:
                figures_of = measure_build(folder, args.loads, browser)
                built.append(figures_of)
                for name, page in (("explorer.html", "explorer"), ("graph.html", "graph")):
                    if page not in figures_of:
                        print(f"{folder / name}: not there", flush=True)
                        continue
                    figures = figures_of[page]
                    seconds = figures.get("open_s", figures.get("settle_s"))
                    print(
                        f"{folder / name} ({figures['html_mb']} MB): "
                        f"{'open' if page == 'explorer' else 'settle'} in chromium {seconds:.2f} s "
                        f"(median of {args.loads})",
                        flush=True,
                    )
        finally:
            browser.close()
    result = {
        "benchmark": "view",
        "date": datetime.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "on_demand_above": ON_DEMAND_ABOVE,
        "runs": runs,
    }
    if built:
        result["builds"] = built
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=1, sort_keys=True) + "\n"
    (RESULTS / f"view-{result['date']}.json").write_text(text, encoding="utf-8")
    (RESULTS / "view-latest.json").write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS / 'view-latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
