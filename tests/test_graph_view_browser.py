"""graph.view in Debian's chromium: offline, no errors, hostile text inert, panel, search."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from browser import launch, require_chromium
from test_graph_view import HOSTILE_CLAIM, RUNNING_2019, RUNNING_2023, small_claim_graph

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


@pytest.fixture
def view(chromium, view_url) -> Iterator[OpenedView]:
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    opened = OpenedView(page, view_url, [], [])
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on(
        "console",
        lambda message: message.type == "error" and opened.errors.append(message.text),
    )
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.goto(view_url, wait_until="load")
    page.wait_for_function("window.claimgraph !== undefined", timeout=5000)
    yield opened
    page.close()


def click_node(page, node_id: str) -> None:
    """Click a node where it is drawn, as a user would."""
    page.evaluate(
        """id => {
            const net = window.claimgraph.network;
            net.moveTo({position: net.getPosition(id), scale: 2, animation: false});
        }""",
        node_id,
    )
    spot = page.evaluate(
        "id => window.claimgraph.network.canvasToDOM(window.claimgraph.network.getPosition(id))",
        node_id,
    )
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def test_page_fetches_nothing_and_logs_no_errors(view):
    click_node(view.page, RUNNING_2019)
    view.page.fill("#search", "xinjiang")
    offsite = [url for url in view.requests if url != view.url and not url.startswith("data:")]
    assert offsite == []
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
    hidden = "() => window.claimgraph.nodes.get({filter: n => n.hidden}).map(n => n.kind)"
    claims = sum(1 for _, kind in graph.nodes(data="kind") if kind == "claim")
    view.page.locator('#kinds input[value="claim"]').uncheck()
    assert view.page.evaluate(hidden) == ["claim"] * claims
    view.page.fill("#search", "terrorist")
    assert view.page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == ["family:1"]
    view.page.locator('#kinds input[value="claim"]').check()
    assert view.page.evaluate(hidden) == []
