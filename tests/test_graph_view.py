"""graph.view: the self-contained HTML view (no browser; see test_graph_view_browser.py)."""

from __future__ import annotations

import base64
import datetime
import hashlib
import html as htmllib
import importlib.resources
import json
import math
import random
import re
import time
import webbrowser

import networkx as nx
import pytest
from browser import synthetic_claim_graph
from click.testing import CliRunner

from graph.cli import cli
from graph.view import ON_DEMAND_ABOVE, render_view, write_view

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

GENEVA = "doc:2019-07-10-geneva-remarks"
NEW_YORK = "doc:2023-03-01-new-york-note"
RUNNING_2019 = f"claim:{GENEVA[4:]}#s3"
RUNNING_2023 = f"claim:{NEW_YORK[4:]}#s2"
HOSTILE_CLAIM = f"claim:{GENEVA[4:]}#s9"


def small_claim_graph(hostile_text: str = HOSTILE) -> nx.MultiDiGraph:
    """Two documents, six claims, a family of two recurring claims, three actors, two dates.

    ``hostile_text`` is the text of one claim, as if a document held markup.
    """
    G = nx.MultiDiGraph()

    def document(node, title, published, place):
        G.add_node(
            node,
            kind="document",
            label=title,
            title=title,
            issuer="Permanent Mission of China",
            published=published,
            place=place,
            path=f"seeds/{node[4:]}.txt",
            sha256=hashlib.sha256(node.encode()).hexdigest(),
        )

    def claim(node, text, speaker="actor:china", family=None, times=(), quantities=()):
        doc = "doc:" + node[len("claim:") : node.index("#")]
        sentence = int(re.search(r"#s(\d+)", node).group(1))
        G.add_node(
            node,
            kind="claim",
            label=text[:60],
            text=text,
            document=doc,
            sentence=sentence,
            start=sentence * 100,
            end=sentence * 100 + len(text),
            speaker=speaker,
            stance="asserts",
            negated=False,
            family=family,
            published=G.nodes[doc]["published"],
            times=list(times),
            quantities=list(quantities),
        )
        G.add_edge(doc, node, key="CONTAINS", kind="CONTAINS")
        if speaker:
            G.add_edge(speaker, node, key="ASSERTS", kind="ASSERTS")

    document(GENEVA, "Remarks of the Chinese mission in Geneva", "2019-07-10", "Geneva")
    document(NEW_YORK, "Note of the Chinese mission in New York", "2023-03-01", "New York")
    G.add_node(
        "actor:china",
        kind="actor",
        label="China",
        name="China",
        actor_kind="state",
        aliases=["PRC", "Beijing"],
    )
    G.add_node(
        "actor:xinjiang",
        kind="actor",
        label="Xinjiang",
        name="Xinjiang",
        actor_kind="region",
        aliases=[],
    )
    G.add_node(
        "actor:united-states",
        kind="actor",
        label="United States",
        name="United States",
        actor_kind="state",
        aliases=["US"],
    )
    G.add_node("date:2019-07-10", kind="date", label="2019-07-10", value="2019-07-10")
    G.add_node("date:2023-03-01", kind="date", label="2023-03-01", value="2023-03-01")
    G.add_node(
        "family:1",
        kind="family",
        label="There has been no violent terrorist incident in Xinjiang for…",
        size=2,
        first_seen="2019-07-10",
        last_seen="2023-03-01",
        documents=[GENEVA, NEW_YORK],
        speakers=["actor:china"],
    )

    claim(
        RUNNING_2019,
        "There has been no violent terrorist incident in Xinjiang for almost three years.",
        family="family:1",
        times=[
            {
                "text": "for almost three years",
                "type": "DURATION",
                "value": "P3Y",
                "modifier": "APPROX",
            }
        ],
    )
    claim(f"claim:{GENEVA[4:]}#s5", "The education and training centres are schools.")
    claim(HOSTILE_CLAIM, hostile_text, speaker=None)
    claim(
        RUNNING_2023,
        "There has been no violent terrorist incident in Xinjiang for over six consecutive years.",
        family="family:1",
        quantities=[{"text": "six", "value": 6, "unit": "year", "modifier": "over"}],
    )
    claim(f"claim:{NEW_YORK[4:]}#s4c1", "The United States spreads lies about Xinjiang.")
    claim(
        f"claim:{NEW_YORK[4:]}#s6",
        "According to US media, people in Xinjiang live in peace since 10 July 2019.",
        speaker=None,
    )

    for node in (RUNNING_2019, RUNNING_2023):
        G.add_edge(node, "family:1", key="MEMBER_OF", kind="MEMBER_OF")
        G.add_edge(node, "actor:xinjiang", key="MENTIONS", kind="MENTIONS", role="target")
    G.add_edge(
        RUNNING_2019, RUNNING_2023, key="RECURS", kind="RECURS", score=0.83, relation="updated"
    )
    G.add_edge(
        f"claim:{NEW_YORK[4:]}#s4c1",
        "actor:united-states",
        key="MENTIONS",
        kind="MENTIONS",
        role="target",
    )
    G.add_edge(f"claim:{NEW_YORK[4:]}#s6", "actor:united-states", key="REPORTS", kind="REPORTS")
    G.add_edge(f"claim:{NEW_YORK[4:]}#s6", "date:2019-07-10", key="REFERS_TO", kind="REFERS_TO")
    G.add_edge(GENEVA, "date:2019-07-10", key="PUBLISHED_ON", kind="PUBLISHED_ON")
    G.add_edge(NEW_YORK, "date:2023-03-01", key="PUBLISHED_ON", kind="PUBLISHED_ON")
    return G


def shuffled_copy(G: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    """The same graph, with nodes and edges inserted in another order."""
    rng = random.Random(seed)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(keys=True, data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    H = nx.MultiDiGraph()
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    return H


def embedded_payload(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="claimgraph-data">(.*?)</script>', page, re.S
    )
    assert match, "the page has no claimgraph-data block"
    return json.loads(match.group(1))


def vis_asset(name: str) -> str:
    return (importlib.resources.files("pyvis") / "lib/vis-9.1.2" / name).read_text("utf-8")


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return small_claim_graph()


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render_view(graph, title="Xinjiang claims")


def test_page_fetches_nothing(page):
    lowered = page.lower()
    assert "<link" not in lowered
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", lowered)
    assert not re.search(
        r"""\b(src|href|action|poster|srcset)\s*=\s*["']?\s*(https?:)?//""", lowered
    )
    assert not re.search(r"""@import|url\(\s*["']?\s*(https?:)?//""", lowered)
    # The stylesheets load only data: images (vis-network's navigation icons).
    styles = re.findall(r"<style>(.*?)</style>", lowered, re.S)
    assert len(styles) == 2
    for target in re.findall(r"""url\(\s*["']?([^"')]*)""", "".join(styles)):
        assert target.startswith("data:"), target


def test_vis_network_is_inline(page):
    assert vis_asset("vis-network.min.js") in page
    assert vis_asset("vis-network.css") in page


def test_content_security_policy_allows_only_the_pages_own_scripts(page):
    policy = htmllib.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    )
    assert "default-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>\n", page, re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_hostile_text_is_data_not_markup(page):
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    escaped = (
        json.dumps(HOSTILE, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    )
    assert escaped in page
    assert embedded_payload(page)["attrs"][HOSTILE_CLAIM]["text"] == HOSTILE
    # The page's own script elements: the JSON block, vis-network and the view script.
    outside_vis = page.replace(vis_asset("vis-network.min.js"), "")
    assert outside_vis.lower().count("<script") == 3


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "<!--<script>",
        "javascript:alert(1)",
        "line\u2028separator\u2029paragraph & <b>bold</b>",
    ],
)
def test_script_breaking_text_stays_inside_the_json(text):
    G = small_claim_graph(hostile_text=text)
    G.nodes[GENEVA]["title"] = text
    G.nodes["actor:china"]["name"] = text
    page = render_view(G, title=text)
    payload = embedded_payload(page)
    assert payload["attrs"][HOSTILE_CLAIM]["text"] == text
    assert payload["attrs"][GENEVA]["title"] == text
    json_block = page.split('id="claimgraph-data">')[1].split("</script>")[0]
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in json_block


def test_title_is_escaped():
    page = render_view(small_claim_graph(), title="</title><script>alert(1)</script>")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "<script>alert(1)" not in page


def test_every_node_and_edge_is_embedded(graph, page):
    payload = embedded_payload(page)
    assert set(payload["attrs"]) == set(graph.nodes)
    assert [node["id"] for node in payload["nodes"]] == sorted(graph.nodes)
    assert len(payload["edges"]) == graph.number_of_edges()
    kinds = {(edge["from"], edge["to"], edge["kind"]) for edge in payload["edges"]}
    assert kinds == {(u, v, data["kind"]) for u, v, data in graph.edges(data=True)}


def test_layout_is_computed_and_physics_off(page):
    payload = embedded_payload(page)
    assert payload["options"]["physics"]["enabled"] is False
    positions = {(node["x"], node["y"]) for node in payload["nodes"]}
    assert all(
        isinstance(node["x"], int) and isinstance(node["y"], int) for node in payload["nodes"]
    )
    assert len(positions) == len(payload["nodes"])


def test_kinds_are_told_apart(page):
    payload = embedded_payload(page)
    shapes = {node["kind"]: node["shape"] for node in payload["nodes"]}
    assert len(set(shapes.values())) == len(shapes) == 5
    colours = {edge["kind"]: edge["color"]["color"] for edge in payload["edges"]}
    assert len(set(colours.values())) == len(colours)
    groups = payload["options"]["groups"]
    colours = {
        node["kind"]: groups[node["group"]]["color"]["background"] for node in payload["nodes"]
    }
    assert len(set(colours.values())) == len(colours) == 5
    sizes = {
        node["id"]: node.get("size", groups[node["group"]]["size"]) for node in payload["nodes"]
    }
    assert sizes["actor:china"] > sizes["actor:united-states"] > sizes[RUNNING_2019]
    assert sizes["family:1"] > sizes[RUNNING_2019]
    for kind in ("document", "claim family", "actor", "date", "recurs", "claim → claim"):
        assert kind in page  # the legend


def test_output_is_deterministic(graph, page):
    assert render_view(graph, title="Xinjiang claims") == page
    for seed in (1, 2):
        assert render_view(shuffled_copy(graph, seed), title="Xinjiang claims") == page


def test_seed_changes_the_layout(graph, page):
    assert render_view(graph, title="Xinjiang claims", seed=8) != page


def test_write_view_writes_the_page(graph, page, tmp_path):
    out = tmp_path / "graph.html"
    write_view(graph, out, title="Xinjiang claims")
    assert out.read_bytes() == page.encode("utf-8")


def test_odd_attribute_values_become_json():
    G = nx.MultiDiGraph()
    G.add_node(
        "claim:x#s0",
        kind="claim",
        label="x",
        score=float("nan"),
        tags={"b", "a"},
        span=(1, 2),
        seen=datetime.date(2020, 1, 2),
    )
    G.add_node("thing:1", kind="gadget", label="")
    G.add_edge("claim:x#s0", "thing:1", key="USES", kind="USES")
    page = render_view(G)
    attrs = embedded_payload(page)["attrs"]["claim:x#s0"]
    assert attrs["score"] is None
    assert attrs["tags"] == ["a", "b"]
    assert attrs["span"] == [1, 2]
    assert attrs["seen"] == "2020-01-02"
    assert "gadget" in page and "USES" in page  # unknown kinds get a legend row


def test_empty_graph_renders():
    payload = embedded_payload(render_view(nx.MultiDiGraph()))
    assert payload["nodes"] == [] and payload["edges"] == []


@pytest.fixture(scope="module")
def mid_graph() -> nx.MultiDiGraph:
    """600 nodes: above the size where claims are placed around their anchors."""
    return synthetic_claim_graph(documents=12, claims=420, families=60, actors=80, dates=28)


def test_large_graph_layout_is_deterministic(mid_graph):
    assert mid_graph.number_of_nodes() == 600
    page = render_view(mid_graph)
    assert render_view(mid_graph) == page
    assert render_view(shuffled_copy(mid_graph, 3)) == page


def test_large_graph_claims_sit_around_their_family_or_document(mid_graph):
    nodes = {node["id"]: node for node in embedded_payload(render_view(mid_graph))["nodes"]}
    anchors = {
        node: data["family"] or data["document"]
        for node, data in mid_graph.nodes(data=True)
        if data["kind"] == "claim"
    }
    around = {anchor: list(anchors.values()).count(anchor) for anchor in set(anchors.values())}
    for claim, anchor in anchors.items():
        distance = math.dist(
            (nodes[claim]["x"], nodes[claim]["y"]), (nodes[anchor]["x"], nodes[anchor]["y"])
        )
        # A spiral around the anchor: the i-th claim 30 px + 18 px * sqrt(i + 0.5) away.
        assert 30 <= distance <= 32 + 18 * math.sqrt(around[anchor]), claim
    positions = {(node["x"], node["y"]) for node in nodes.values()}
    assert len(positions) > 0.98 * len(nodes)


def test_2000_nodes_render_in_seconds():
    G = synthetic_claim_graph(documents=40, claims=1500, families=200, actors=200, dates=60)
    started = time.perf_counter()
    page = render_view(G)
    seconds = time.perf_counter() - started
    print(f"\n2,000-node view rendered in {seconds:.2f} s ({len(page) / 1e6:.1f} MB)")
    assert seconds < 30  # a sanity bound on a shared machine; make bench measures it
    payload = embedded_payload(page)
    assert payload["onDemand"] is True
    assert len(payload["nodes"]) == 2000
    # The claim checkbox starts unticked: claims are shown on demand.
    assert re.search(r'<input type="checkbox" name="kind" value="claim">', page)
    assert re.search(r'<input type="checkbox" name="kind" value="actor" checked>', page)


def test_on_demand_threshold(graph, page):
    assert ON_DEMAND_ABOVE >= 1000
    assert embedded_payload(page)["onDemand"] is False
    assert '<input type="checkbox" name="kind" value="claim" checked>' in page
    small_on_demand = render_view(graph, title="Xinjiang claims", on_demand_above=5)
    assert embedded_payload(small_on_demand)["onDemand"] is True
    assert "claims appear on demand" in small_on_demand


def test_filters_and_timeline_controls_are_on_the_page(page):
    for control in (
        'id="filter-document"',
        'id="filter-speaker"',
        'id="filter-family"',
        'id="family-only"',
        'type="date" id="filter-from"',
        'type="date" id="filter-to"',
        'id="reset-filters"',
    ):
        assert control in page


@pytest.fixture
def opened_urls(monkeypatch) -> list[str]:
    urls: list[str] = []

    def fake_open(url, *args, **kwargs):
        urls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    return urls


@pytest.fixture
def built_out(tmp_path, graph):
    write_view(graph, tmp_path / "graph.html")
    return tmp_path


def test_cli_view_opens_the_page_in_the_browser(built_out, opened_urls):
    result = CliRunner().invoke(cli, ["view", str(built_out)])
    assert result.exit_code == 0, result.output
    assert opened_urls == [(built_out / "graph.html").resolve().as_uri()]
    assert result.output == ""


def test_cli_view_print_path(built_out, opened_urls):
    result = CliRunner().invoke(cli, ["view", str(built_out), "--print-path"])
    assert result.exit_code == 0
    assert result.output == f"{(built_out / 'graph.html').resolve()}\n"
    assert len(opened_urls) == 1


@pytest.mark.parametrize("failure", ["returns False", "raises"])
def test_cli_view_prints_the_path_when_no_browser_opens(built_out, monkeypatch, failure):
    def no_browser(url, *args, **kwargs):
        if failure == "raises":
            raise webbrowser.Error("could not locate runnable browser")
        return False

    monkeypatch.setattr(webbrowser, "open", no_browser)
    result = CliRunner().invoke(cli, ["view", str(built_out)])
    assert result.exit_code == 0
    assert result.output == f"{(built_out / 'graph.html').resolve()}\n"


def test_cli_view_defaults_to_output(tmp_path, graph, opened_urls, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    write_view(graph, tmp_path / "output" / "graph.html")
    result = CliRunner().invoke(cli, ["view"])
    assert result.exit_code == 0
    assert opened_urls == [(tmp_path / "output" / "graph.html").as_uri()]


def test_cli_view_without_a_build_says_what_to_do(tmp_path, opened_urls):
    result = CliRunner().invoke(cli, ["view", str(tmp_path)])
    assert result.exit_code == 2
    assert opened_urls == []
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "graph.html" in lines[0] and "claimgraph build" in lines[0]
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- both sides


def test_contests_edges_have_their_own_look_and_legend_entry(contested_build):
    G, _, out = contested_build
    page = (out / "graph.html").read_text(encoding="utf-8")  # the build's own view
    payload = embedded_payload(page)
    contests = [e for e in payload["edges"] if e["kind"] == "CONTESTS"]
    recurs = [e for e in payload["edges"] if e["kind"] == "RECURS"]
    assert contests and recurs
    assert {e["color"]["color"] for e in contests}.isdisjoint(e["color"]["color"] for e in recurs)
    assert all(e.get("dashes") for e in contests) and not any(e.get("dashes") for e in recurs)
    legend = re.search(r'<section id="edge-legend">(.*?)</section>', page, re.S).group(1)
    assert "contests" in legend and "claim → claim it denies" in legend
    assert 'stroke="#6a3d9a"' in legend and 'stroke-dasharray="5 3"' in legend
    ministry = next(
        n for n, a in G.nodes(data=True) if a.get("text", "").startswith("The allegation that")
    )
    report = next(
        n
        for n, a in G.nodes(data=True)
        if a.get("text", "").startswith("The Ruritanian police detained more than 3,000")
    )
    (edge,) = [e for e in contests if (e["from"], e["to"]) == (ministry, report)]
    assert payload["edgeAttrs"][edge["id"]]["relation"] == "rebuts"
    assert (
        payload["edgeAttrs"][edge["id"]]["score"] == G.edges[ministry, report, "CONTESTS"]["score"]
    )
    family = payload["attrs"][G.nodes[report]["family"]]
    assert family["contested"] is True
    assert family["asserted_by"] == ["actor:human-rights-watch"]
    assert "actor:rudolf-rassendyll" in family["denied_by"]
    assert payload["attrs"][ministry]["position"] == "denies"
    ambassador = next(
        n for n, a in G.nodes(data=True) if a.get("text", "").startswith("Ambassador Rudolf")
    )
    assert payload["attrs"][ambassador]["claimant"] == "actor:rudolf-rassendyll"


def test_hostile_rebuttal_and_evidence_stay_data(contested_build):
    G, _, _ = contested_build
    H = G.copy()
    ministry = next(
        n for n, a in H.nodes(data=True) if a.get("text", "").startswith("The allegation that")
    )
    H.nodes[ministry]["rebuts"] = HOSTILE
    for _, _, data in H.out_edges(ministry, data=True):
        if data["kind"] == "CONTESTS":
            data["evidence"] = "</script>" + HOSTILE
            data["relation"] = HOSTILE
    page = render_view(H)
    assert "<script>alert" not in page and "<img src=x" not in page and "</script><" not in page
    payload = embedded_payload(page)
    assert payload["attrs"][ministry]["rebuts"] == HOSTILE
    contests = [
        payload["edgeAttrs"][e["id"]]
        for e in payload["edges"]
        if e["kind"] == "CONTESTS" and e["from"] == ministry
    ]
    assert contests and all(c["evidence"] == "</script>" + HOSTILE for c in contests)
    outside_vis = page.replace(vis_asset("vis-network.min.js"), "")
    assert outside_vis.lower().count("<script") == 3
