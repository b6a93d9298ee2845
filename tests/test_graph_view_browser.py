"""graph.view in Debian's chromium: offline, no errors, hostile text inert, panel, search,
filters, the seeds' page, a hostile document built by the pipeline, a contested
proposition (both sides in the panels), 2,000 nodes."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator

import networkx as nx
import pytest
from browser import launch, require_chromium, settle_seconds, synthetic_claim_graph
from conftest import claim_with
from test_graph_view import (
    GENEVA,
    HOSTILE_CLAIM,
    NEW_YORK,
    RUNNING_2019,
    RUNNING_2023,
    small_claim_graph,
)

from graph.view import write_view

pytestmark = pytest.mark.browser

PWN = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


@dataclasses.dataclass
class OpenedView:
    page: object  # playwright.sync_api.Page
    url: str
    requests: list[str]
    errors: list[str]


@pytest.fixture(scope="module")
def graph():
    return small_claim_graph(hostile_text=PWN)


@pytest.fixture(scope="module")
def view_url(graph, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("view") / "graph.html"
    write_view(graph, path, title="Xinjiang claims")
    return path.as_uri()


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def open_view(browser, url: str) -> OpenedView:
    """A new page on ``url``, recording every request and every error it logs."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    opened = OpenedView(page, url, [], [])
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on(
        "console",
        lambda message: message.type == "error" and opened.errors.append(message.text),
    )
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.claimgraph !== undefined && window.claimgraph.drawn")
    return opened


def offsite(opened: OpenedView) -> list[str]:
    """Requests other than the page itself (data: URLs fetch nothing)."""
    return [url for url in opened.requests if url != opened.url and not url.startswith("data:")]


@pytest.fixture
def view(chromium, view_url) -> Iterator[OpenedView]:
    opened = open_view(chromium, view_url)
    yield opened
    opened.page.close()


def shown(page) -> list[str]:
    return page.evaluate("() => window.claimgraph.shownIds()")


def selected(page) -> list[str]:
    return sorted(page.evaluate("() => window.claimgraph.network.getSelectedNodes()"))


# Resolves once the view has stopped moving (a 300 ms fit or focus animation
# of an earlier click may still run on a loaded machine).
_STILL = """() => new Promise(done => {
    const net = window.claimgraph.network;
    const where = () => JSON.stringify([net.getViewPosition(), net.getScale()]);
    let last = where();
    const tick = () => {
        const now = where();
        if (now === last) done(); else { last = now; setTimeout(tick, 100); }
    };
    setTimeout(tick, 100);
})"""


def click_node(page, node_id: str) -> None:
    """Click a node where it is drawn, as a user would."""
    page.evaluate(_STILL)
    page.evaluate(
        """id => {
            const net = window.claimgraph.network;
            net.moveTo({position: net.getPosition(id), scale: 2, animation: false});
        }""",
        node_id,
    )
    page.evaluate(_STILL)
    spot = page.evaluate(
        "id => window.claimgraph.network.canvasToDOM(window.claimgraph.network.getPosition(id))",
        node_id,
    )
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def test_page_fetches_nothing_and_logs_no_errors(view):
    click_node(view.page, RUNNING_2019)
    view.page.fill("#search", "xinjiang")
    assert offsite(view) == []
    assert view.errors == []


def test_every_node_and_edge_is_in_the_network(view, graph):
    counts = view.page.evaluate(
        "() => [window.claimgraph.nodes.length, window.claimgraph.edges.length]"
    )
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]


def test_hostile_claim_shows_as_text_and_runs_nothing(view):
    click_node(view.page, HOSTILE_CLAIM)
    assert view.page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == [
        HOSTILE_CLAIM
    ]
    assert view.page.locator("#panel-body blockquote").text_content() == PWN
    assert view.page.locator("#panel-body img").count() == 0
    assert view.page.locator("body script").count() == 3
    # Hovering shows the tooltip, also built as text.
    spot = view.page.evaluate(
        "id => window.claimgraph.network.canvasToDOM(window.claimgraph.network.getPosition(id))",
        HOSTILE_CLAIM,
    )
    box = view.page.locator("#network").bounding_box()
    view.page.mouse.move(box["x"] + spot["x"] + 1, box["y"] + spot["y"] + 1)
    tooltip = view.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=3000)
    assert PWN in tooltip.text_content()
    assert tooltip.locator("img, script").count() == 0
    assert view.page.evaluate("() => typeof window.__pwned") == "undefined"
    assert view.errors == []


def test_claim_panel_shows_provenance(view):
    click_node(view.page, RUNNING_2023)
    panel = view.page.locator("#panel-body")
    text = panel.inner_text()
    assert "for over six consecutive years" in text
    assert "Note of the Chinese mission in New York" in text
    assert "2023-03-01" in text
    assert "China" in text
    assert "six → 6 year (over)" in text
    panel.get_by_role("button", name="There has been no violent").first.click()
    assert view.page.locator("#panel-kind").text_content() == "Claim family"


def test_family_panel_is_a_timeline_in_date_order(view):
    view.page.evaluate("() => window.claimgraph.goTo('family:1')")
    items = view.page.locator("#panel-body ol li").all_inner_texts()
    assert len(items) == 2
    assert items[0].startswith("2019-07-10") and "almost three years" in items[0]
    assert items[1].startswith("2023-03-01") and "six consecutive years" in items[1]


def test_search_selects_the_matching_claims(view, graph):
    view.page.fill("#search", "Terrorist")
    selected = view.page.evaluate("() => window.claimgraph.network.getSelectedNodes()")
    assert sorted(selected) == sorted(["family:1", RUNNING_2019, RUNNING_2023])
    assert view.page.locator("#search-status").text_content() == "3 matches"
    view.page.fill("#search", "")
    assert view.page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == []


def test_kind_checkbox_hides_and_shows_nodes(view, graph):
    claims = sorted(n for n, kind in graph.nodes(data="kind") if kind == "claim")
    everything = sorted(graph.nodes)
    view.page.locator('#kinds input[value="claim"]').uncheck()
    assert shown(view.page) == sorted(set(everything) - set(claims))
    assert view.page.evaluate("() => window.claimgraph.drawnNodeCount()") == len(everything) - len(
        claims
    )
    view.page.fill("#search", "terrorist")
    assert selected(view.page) == ["family:1"]
    view.page.locator('#kinds input[value="claim"]').check()
    assert shown(view.page) == everything
    assert view.page.evaluate("() => window.claimgraph.edgeCount()") == graph.number_of_edges()


def test_actor_panel_lists_what_it_asserts_and_where_it_is_mentioned(view):
    view.page.evaluate("() => window.claimgraph.goTo('actor:china')")
    text = view.page.locator("#panel-body").inner_text()
    assert "ASSERTS (4)" in text.upper()
    assert "The education and training centres are schools." in text
    view.page.evaluate("() => window.claimgraph.goTo('actor:xinjiang')")
    text = view.page.locator("#panel-body").inner_text()
    assert "MENTIONED IN (2)" in text.upper()
    assert "for almost three years" in text and "for over six consecutive years" in text


def test_document_filter_keeps_its_claims_and_what_they_touch(view):
    view.page.select_option("#filter-document", GENEVA)
    nodes = shown(view.page)
    claims = [n for n in nodes if n.startswith("claim:")]
    assert claims == sorted(n for n in claims if n.startswith(f"claim:{GENEVA[4:]}#"))
    assert len(claims) == 3
    assert GENEVA in nodes and NEW_YORK not in nodes
    assert {"actor:china", "actor:xinjiang", "family:1", "date:2019-07-10"} <= set(nodes)
    assert "actor:united-states" not in nodes and "date:2023-03-01" not in nodes
    assert "3 claims match" in view.page.locator("#view-status").text_content()
    assert view.errors == []


def test_speaker_filter(view):
    view.page.select_option("#filter-speaker", "actor:china")
    claims = [n for n in shown(view.page) if n.startswith("claim:")]
    assert claims == sorted(
        [
            RUNNING_2019,
            f"claim:{GENEVA[4:]}#s5",
            RUNNING_2023,
            f"claim:{NEW_YORK[4:]}#s4c1",
        ]
    )


def test_date_range_filter_and_reset(view, graph):
    view.page.fill("#filter-from", "2020-01-01")
    claims = [n for n in shown(view.page) if n.startswith("claim:")]
    assert claims and all(n.startswith(f"claim:{NEW_YORK[4:]}#") for n in claims)
    view.page.fill("#filter-to", "2020-12-31")
    # Nothing matches: the page says so instead of silently drawing nothing.
    assert shown(view.page) == []
    status = view.page.locator("#view-status").text_content()
    assert "no claim matches these filters" in status
    view.page.click("#reset-filters")
    assert len(shown(view.page)) == graph.number_of_nodes()
    assert view.page.input_value("#filter-from") == ""


def test_family_only_focus(view):
    view.page.select_option("#filter-family", "family:1")
    assert view.page.locator("#panel-kind").text_content() == "Claim family"
    assert view.page.locator("#family-only").is_enabled()
    view.page.check("#family-only")
    assert shown(view.page) == sorted(
        ["family:1", RUNNING_2019, RUNNING_2023, GENEVA, NEW_YORK, "actor:china"]
    )
    # The panel's button does the same from a family's panel.
    view.page.click("#reset-filters")
    view.page.evaluate("() => window.claimgraph.goTo('family:1')")
    view.page.get_by_role("button", name="Show this family only").click()
    assert view.page.locator("#family-only").is_checked()
    assert len(shown(view.page)) == 6
    assert view.errors == []


def test_family_timeline_marks_the_changed_figures(view):
    view.page.evaluate("() => window.claimgraph.goTo('family:1')")
    marks = view.page.locator("#panel-body ol.timeline mark.changed")
    assert marks.all_text_contents() == ["for almost three years", "six"]
    text = view.page.locator("#panel-body ol li").nth(1).inner_text()
    assert "updated from 2019-07-10" in text and "score 0.83" in text


def seeds_family(G, fragment: str) -> str:
    return G.nodes[claim_with(G, fragment)]["family"]


@pytest.fixture(scope="module")
def seeds(seed_build):
    G, _report, out = seed_build
    graph_json = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return G, graph_json, (out / "graph.html").as_uri()


@pytest.fixture
def seeds_view(chromium, seeds) -> Iterator[OpenedView]:
    opened = open_view(chromium, seeds[2])
    yield opened
    opened.page.close()


def test_seeds_page_loads_offline_and_draws_every_node(seeds_view, seeds):
    _G, graph_json, _url = seeds
    drawn = seeds_view.page.evaluate(
        "() => [window.claimgraph.drawnNodeCount(),"
        " window.claimgraph.network.body.edgeIndices.length]"
    )
    assert drawn == [len(graph_json["nodes"]), len(graph_json["edges"])]
    assert offsite(seeds_view) == []
    assert seeds_view.errors == []


def test_seeds_search_for_terrorist_selects_the_claims_of_both_seeds(seeds_view, seeds):
    G, _graph_json, _url = seeds
    seeds_view.page.fill("#search", "terrorist")
    picked = selected(seeds_view.page)
    wanted = sorted(
        n
        for n, a in G.nodes(data=True)
        if a["kind"] == "claim" and "terrorist" in a["text"].lower()
    )
    assert [n for n in picked if n.startswith("claim:")] == wanted
    assert {G.nodes[n]["document"] for n in wanted} == {
        n for n, kind in G.nodes(data="kind") if kind == "document"
    }
    assert seeds_view.errors == []


def test_seeds_no_terrorist_incident_family_shows_its_timeline(seeds_view, seeds):
    G, _graph_json, _url = seeds
    family = seeds_family(G, "almost three years")
    seeds_view.page.select_option("#filter-family", family)
    assert seeds_view.page.locator("#panel-kind").text_content() == "Claim family"
    items = seeds_view.page.locator("#panel-body ol li").all_inner_texts()
    assert len(items) == 2
    assert items[0].startswith("2019-07-10") and "almost three years" in items[0]
    assert items[1].startswith("2023-09-14") and "over six consecutive years" in items[1]
    assert "updated from 2019-07-10" in items[1] and "consistent" in items[1]
    changed = seeds_view.page.locator("#panel-body ol.timeline mark.changed").all_text_contents()
    assert changed == ["almost three years", "over six consecutive years"]
    seeds_view.page.check("#family-only")
    members = G.nodes[family]["claims"]
    expected = {family, *members}
    expected |= {G.nodes[m]["document"] for m in members}
    expected |= {G.nodes[m]["speaker"] for m in members if G.nodes[m]["speaker"]}
    assert set(shown(seeds_view.page)) == expected
    assert seeds_view.errors == []


HOSTILE_DOCUMENT = """Statement of the Ministry of Foreign Affairs
Geneva, 5 January 2024

The ministry said that <script>window.__pwned=1</script> is false.
The spokesperson stated that the report <img src=x onerror="window.__pwned=1"> was fabricated by hostile forces.
Officials claimed that the link <a href="javascript:window.__pwned=1">x</a> spreads lies about the region.
There has been no violent terrorist incident in the region for over six consecutive years.
"""


HOSTILE_TITLE = (
    '<img src=x onerror="window.__pwned=1">Note</title><script>window.__pwned=1</script>'
)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """A document holding markup, built by the real pipeline: (G, URL of its graph.html)."""
    from graph.pipeline import build

    folder = tmp_path_factory.mktemp("hostile-docs")
    (folder / "2024-01-05_hostile-note.txt").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    (folder / "2024-01-05_hostile-note.txt.meta.json").write_text(
        json.dumps({"title": HOSTILE_TITLE, "published": "2024-01-05"}), encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("hostile-build")
    G, _report = build([folder], out)
    return G, (out / "graph.html").as_uri()


def test_hostile_document_shows_as_text_and_runs_nothing(chromium, hostile_build):
    G, url = hostile_build
    claims = sorted(n for n, kind in G.nodes(data="kind") if kind == "claim")
    texts = [G.nodes[c]["text"] for c in claims]
    for fragment in ("<script>", "<img src=x onerror=", 'href="javascript:'):
        assert any(fragment in text for text in texts), fragment
    opened = open_view(chromium, url)
    page = opened.page
    box = page.locator("#network").bounding_box()
    try:
        for claim in claims:
            click_node(page, claim)
            assert selected(page) == [claim]
            quote = page.locator("#panel-body blockquote")
            assert quote.text_content() == G.nodes[claim]["text"]
            assert page.locator("#panel-body img, #panel-body script, #panel-body a").count() == 0
            spot = page.evaluate(
                "id => window.claimgraph.network.canvasToDOM("
                "window.claimgraph.network.getPosition(id))",
                claim,
            )
            page.mouse.move(box["x"] + spot["x"] + 1, box["y"] + spot["y"] + 1)
            tooltip = page.locator("div.vis-tooltip")
            tooltip.wait_for(state="visible", timeout=3000)
            assert G.nodes[claim]["text"][:200] in tooltip.text_content()
            assert tooltip.locator("img, script, a").count() == 0
            # Every link of the panel, followed as a user would.
            buttons = page.locator("#panel-body button").count()
            for i in range(buttons):
                page.evaluate("id => window.claimgraph.showNode(id)", claim)
                page.locator("#panel-body button").nth(i).click()
        # The document's title, in its panel and in the document filter.
        document = next(n for n, kind in G.nodes(data="kind") if kind == "document")
        assert G.nodes[document]["title"] == HOSTILE_TITLE
        page.evaluate("id => window.claimgraph.goTo(id)", document)
        assert page.locator("#panel-body h3").text_content() == HOSTILE_TITLE
        option = page.locator(f'#filter-document option[value="{document}"]')
        assert HOSTILE_TITLE[:40] in option.text_content()
        page.select_option("#filter-document", document)
        page.fill("#search", "window.__pwned")
        assert page.locator("#search-status").text_content() == "4 matches"
        assert page.locator('a[href^="javascript:" i], img[src="x"]').count() == 0
        assert page.locator("body script").count() == 3
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert offsite(opened) == []
        assert opened.errors == []
    finally:
        page.close()


def test_2000_node_graph_is_still_within_a_bound(chromium, tmp_path):
    G = synthetic_claim_graph(documents=40, claims=1500, families=200, actors=200, dates=60)
    assert G.number_of_nodes() == 2000
    path = tmp_path / "graph.html"
    started = time.perf_counter()
    write_view(G, path)
    rendered = time.perf_counter() - started
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        seconds = settle_seconds(page, path.as_uri())
        print(
            f"\n2,000-node view: rendered in Python in {rendered:.2f} s; "
            f"drawn and still in chromium {seconds:.2f} s after navigation"
        )
        assert seconds < 15.0  # a sanity bound, not a speed target (see make bench)
        # Above ON_DEMAND_ABOVE the page opens on documents, families, actors and dates.
        others = sum(1 for _, kind in G.nodes(data="kind") if kind != "claim")
        assert page.evaluate("() => window.claimgraph.drawnNodeCount()") == others
        # Clicking a family draws its claims.
        family = page.evaluate(
            """() => {
                const net = window.claimgraph.network;
                const at = net.getPositions();
                const ids = Object.keys(at);
                let best = null, room = -1;
                for (const id of ids.filter(id => id.startsWith("family:"))) {
                    let near = Infinity;
                    for (const other of ids) {
                        if (other === id) continue;
                        const d = Math.hypot(at[id].x - at[other].x, at[id].y - at[other].y);
                        if (d < near) near = d;
                    }
                    if (near > room) { room = near; best = id; }
                }
                return best;
            }"""
        )
        click_node(page, family)
        members = G.nodes[family]["claims"]
        drawn = page.evaluate("() => window.claimgraph.drawnNodeCount()")
        assert drawn == others + len(members)
        assert set(members) <= set(shown(page))
        # A search draws the claims it finds.
        page.fill("#search", "(claim 1234)")
        assert page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == [
            "claim:generated-0034#s30"
        ]
        assert errors == []
    finally:
        page.close()


# --------------------------------------------------------------------------- both sides


@pytest.fixture(scope="module")
def contested_view(
    chromium, contested_build, tmp_path_factory
) -> Iterator[tuple[nx.MultiDiGraph, OpenedView]]:
    """The contested test documents' view, with the ministry's rebuttal made hostile."""
    G, _, _ = contested_build
    H = G.copy()
    ministry = next(
        n for n, a in H.nodes(data=True) if a.get("text", "").startswith("The allegation")
    )
    H.nodes[ministry]["rebuts"] = PWN
    for _, _, data in H.out_edges(ministry, data=True):
        if data["kind"] == "CONTESTS":
            data["evidence"] = PWN
    path = tmp_path_factory.mktemp("contested-view") / "graph.html"
    write_view(H, path, title="Detentions in Strelsau")
    opened = open_view(chromium, path.as_uri())
    yield H, opened
    opened.page.close()


def _claim(G, start: str) -> str:
    (claim,) = [n for n, a in G.nodes(data=True) if a.get("text", "").startswith(start)]
    return claim


def test_contested_family_panel_shows_both_sides_and_each_position(contested_view):
    G, opened = contested_view
    page = opened.page
    family = G.nodes[_claim(G, "The Ruritanian police detained more than 3,000")]["family"]
    page.evaluate("id => window.claimgraph.goTo(id)", family)
    panel = page.locator("#panel-body")
    assert "Contested: some assert this proposition, others deny it." in panel.inner_text()
    fields = dict(
        zip(
            panel.locator("dl").first.locator("dt").all_inner_texts(),
            panel.locator("dl").first.locator("dd").all_inner_texts(),
            strict=True,
        )
    )
    assert fields["Asserted by"] == "Human Rights Watch"
    assert "Ministry of Foreign Affairs of Ruritania" in fields["Denied by"]
    assert "Rudolf Rassendyll" in fields["Denied by"]
    assert fields["Reported by"] == "The Strelsau Times"
    assert fields["Positions"] == "2 asserts, 2 denies, 1 reports"
    items = panel.locator("ol.timeline > li")
    badges = [items.nth(i).locator(".position").first.text_content() for i in range(items.count())]
    assert badges == ["asserts", "denies", "denies", "reports", "asserts"]
    # the ambassador's denial, printed by the newspaper, is the ambassador's
    assert "Rudolf Rassendyll (in The Strelsau Times)" in items.nth(2).inner_text()
    assert "contests (rebuts) 2021-03-01" in items.nth(2).inner_text()
    assert opened.errors == []


def test_claim_panel_shows_claimant_position_and_what_it_contests(contested_view):
    G, opened = contested_view
    page = opened.page
    ambassador = _claim(G, "Ambassador Rudolf Rassendyll")
    click_node(page, ambassador)
    panel = page.locator("#panel-body")
    text = panel.inner_text()
    assert "Rudolf Rassendyll · quoted by the speaker" in text
    assert page.locator("#panel-body dd .position.denies").text_content() == "denies"
    contests = panel.locator("section", has_text="Contests (")
    assert contests.locator("h4").text_content() == "Contests (2)"
    assert "claimant Human Rights Watch" in contests.inner_text()
    # the report, from the other side: contested by the ministry and the ambassador
    report = _claim(G, "The Ruritanian police detained more than 3,000")
    contests.get_by_role("button", name="The Ruritanian police detained more than 3,000").click()
    assert page.locator("#panel-kind").text_content() == "claim"
    contested_by = panel.locator("section", has_text="Contested by (")
    assert contested_by.locator("h4").text_content() == "Contested by (2)"
    assert G.nodes[report]["position"] == "asserts"
    assert page.locator("#panel-body dd .position.asserts").count() == 1
    # hostile text in a rebuttal and its evidence is shown as text, never run
    ministry = _claim(G, "The allegation")
    page.evaluate("id => window.claimgraph.showNode(id)", ministry)
    assert PWN in panel.inner_text()
    assert page.locator("#panel-body img, #panel-body script").count() == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert offsite(opened) == []
    assert opened.errors == []


def test_contests_edges_are_drawn_with_the_graph(contested_view):
    G, opened = contested_view
    drawn = opened.page.evaluate(
        "() => window.claimgraph.edges.get().filter(e => e.kind === 'CONTESTS').length"
    )
    assert drawn == sum(1 for *_, k in G.edges(keys=True) if k == "CONTESTS") > 0
