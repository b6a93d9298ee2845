"""graph.explorer: the talking-points page, its payload, escaping and determinism (no browser;
see test_graph_explorer_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import json
import re

import networkx as nx
import pytest
from browser import synthetic_claim_graph
from conftest import claim_with
from test_graph_view import (
    GENEVA,
    HOSTILE,
    NEW_YORK,
    RUNNING_2019,
    RUNNING_2023,
    shuffled_copy,
    small_claim_graph,
)

from graph.explorer import DEFAULT_RANK, explorer_payload, render_explorer, write_explorer
from graph.pipeline import OUTPUT_FILES


def family_graph(hostile_text: str = HOSTILE) -> nx.MultiDiGraph:
    """The view tests' small graph, its family listing its claims as graph.build does, and a
    second family whose claims hold ``hostile_text``."""
    G = small_claim_graph(hostile_text=hostile_text)
    G.nodes["family:1"]["claims"] = [RUNNING_2019, RUNNING_2023]
    hostile = f"claim:{GENEVA[4:]}#s9"
    echo = f"claim:{NEW_YORK[4:]}#s9"
    G.add_node(echo, **{**G.nodes[hostile], "document": NEW_YORK, "published": "2023-03-01"})
    G.add_node(
        "family:2",
        kind="family",
        label=hostile_text[:80],
        size=2,
        documents=[GENEVA, NEW_YORK],
        claims=[hostile, echo],
    )
    for claim in (hostile, echo):
        G.nodes[claim]["family"] = "family:2"
        G.add_edge(claim, "family:2", key="MEMBER_OF", kind="MEMBER_OF")
    return G


def embedded(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="explorer-data">(.*?)</script>', page, re.S
    )
    assert match, "the page has no explorer-data block"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return family_graph()


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render_explorer(graph, title="Xinjiang claims")


def test_page_fetches_nothing(page):
    lowered = page.lower()
    assert "<link" not in lowered
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", lowered)
    assert not re.search(
        r"""\b(src|href|action|poster|srcset)\s*=\s*["']?\s*(https?:)?//""", lowered
    )
    assert not re.search(r"""@import|url\(""", lowered)
    # the only links lead to the graph view beside it
    assert re.findall(r'href="([^"]*)"', page) == ["graph.html"]


def test_content_security_policy_allows_only_the_pages_own_script(page):
    policy = htmllib.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    )
    assert "default-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>\n", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in policy
    assert page.lower().count("<script") == 2  # the JSON block and the script


def test_hostile_text_is_data_not_markup(page):
    assert "<script>alert" not in page and "<img src=x" not in page
    families = {f["id"]: f for f in embedded(page)["families"]}
    assert families["family:2"]["label"] == HOSTILE
    assert [v["text"] for v in families["family:2"]["variants"]] == [HOSTILE, HOSTILE]


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "<!--<script>",
        "line\u2028separator\u2029paragraph & <b>bold</b>",
    ],
)
def test_script_breaking_text_stays_inside_the_json(text):
    G = family_graph(hostile_text=text)
    G.nodes[GENEVA]["title"] = text
    G.nodes["actor:china"]["label"] = text
    page = render_explorer(G, title=text)
    payload = embedded(page)
    families = {f["id"]: f for f in payload["families"]}
    assert families["family:2"]["variants"][0]["text"] == text
    assert [GENEVA, text, "2019-07-10"] in payload["documents"]
    assert ["actor:china", text] in payload["actors"]
    block = page.split('id="explorer-data">')[1].split("</script>")[0]
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in block
    assert f"<title>Talking points · {htmllib.escape(text, quote=True)}</title>" in page


def test_a_family_row_holds_its_figures_dates_and_speakers(page):
    payload = embedded(page)
    row = next(f for f in payload["families"] if f["id"] == "family:1")
    assert (row["claims"], row["documents"], row["first"], row["last"]) == (
        2,
        2,
        "2019-07-10",
        "2023-03-01",
    )
    assert row["dates"] == [["2019-07-10", 1], ["2023-03-01", 1]] and row["undated"] == 0
    assert [payload["actors"][who] for who, _ in row["speakers"]] == [["actor:china", "China"]]
    assert row["speakers"][0][1] == 2
    first, second = row["variants"]
    assert (first["claim"], second["claim"]) == (RUNNING_2019, RUNNING_2023)
    assert payload["documents"][first["document"]] == [
        GENEVA,
        "Remarks of the Chinese mission in Geneva",
        "2019-07-10",
    ]
    assert second["relation"] == "updated" and second["score"] == 0.83

    # the figures, marked where they stand; both changed (three years, then six)
    def marked(v):
        return [(v["text"][a:b], bool(changed)) for a, b, changed in v["figures"]]

    assert marked(first) == [("for almost three years", True)]
    assert marked(second) == [("six", True)]


def test_an_unchanged_figure_is_not_marked_changed():
    G = family_graph()
    same = {"text": "six", "value": 6, "unit": "year", "modifier": "over"}
    G.nodes[RUNNING_2019]["text"] = G.nodes[RUNNING_2023]["text"]
    G.nodes[RUNNING_2019]["times"] = []
    G.nodes[RUNNING_2019]["quantities"] = [same]
    row = next(f for f in explorer_payload(G)["families"] if f["id"] == "family:1")
    assert [v["figures"] for v in row["variants"]] == [[[66, 69, 0]], [[66, 69, 0]]]


def test_default_rank_is_documents_then_speakers_then_claims():
    G = synthetic_claim_graph(documents=12, claims=240, families=40, actors=30, dates=20)
    families = explorer_payload(G)["families"]
    assert [f["rank"] for f in families] == list(range(1, 41))
    assert DEFAULT_RANK == ("documents", "speakers", "claims")

    def recurrence(family):
        members = G.nodes[family]["claims"]
        return (
            len({G.nodes[m]["document"] for m in members}),
            len({G.nodes[m]["speaker"] for m in members}),
            len(members),
        )

    keys = [recurrence(f["id"]) for f in families]
    assert keys == sorted(keys, reverse=True)
    assert len(set(keys)) > 3  # the ranking is not a tie throughout


def test_undated_appearances_are_counted_apart_never_dated():
    G = family_graph()
    for node in (NEW_YORK, RUNNING_2023):
        G.nodes[node]["published"] = None
    payload = explorer_payload(G)
    row = next(f for f in payload["families"] if f["id"] == "family:1")
    assert row["dates"] == [["2019-07-10", 1]] and row["undated"] == 1
    assert (row["first"], row["last"]) == ("2019-07-10", "2019-07-10")
    assert [v["date"] for v in row["variants"]] == ["2019-07-10", None]
    assert [NEW_YORK, "Note of the Chinese mission in New York", None] in payload["documents"]
    for node in (GENEVA, RUNNING_2019):
        G.nodes[node]["published"] = "not a date"
    row = next(f for f in explorer_payload(G)["families"] if f["id"] == "family:1")
    assert (row["dates"], row["undated"], row["first"], row["last"]) == ([], 2, None, None)


def test_output_is_deterministic(graph, page):
    assert render_explorer(graph, title="Xinjiang claims") == page
    for seed in (1, 2):
        assert render_explorer(shuffled_copy(graph, seed), title="Xinjiang claims") == page


def test_write_explorer_writes_the_page(graph, page, tmp_path):
    write_explorer(graph, tmp_path / "explorer.html", title="Xinjiang claims")
    assert (tmp_path / "explorer.html").read_bytes() == page.encode("utf-8")


def test_no_graph_link_when_asked_for_none(graph):
    page = render_explorer(graph, graph_href=None)
    assert "href=" not in page and embedded(page)["graph"] is None


def test_a_graph_without_families_gives_an_empty_list():
    G = small_claim_graph()
    G.remove_node("family:1")
    page = render_explorer(G)
    assert embedded(page)["families"] == []
    assert "0 talking points · 0 claims" in page


def test_the_build_writes_the_explorer_of_its_graph(seed_build):
    G, report, out = seed_build
    assert "explorer.html" in OUTPUT_FILES
    assert str(out / "explorer.html") in report.files
    summary = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert str(out / "explorer.html") in summary["files"]
    # the page of the graph the build made, titled as its graph view
    view = (out / "graph.html").read_text(encoding="utf-8")
    title = htmllib.unescape(re.search(r"<h1>(.*?)</h1>", view).group(1))
    page = (out / "explorer.html").read_text(encoding="utf-8")
    assert page == render_explorer(G, title=title)
    payload = embedded(page)
    families = [n for n, kind in G.nodes(data="kind") if kind == "family"]
    assert sorted(f["id"] for f in payload["families"]) == sorted(families)
    # the seeds' running count: 2019 and 2023, its figures changed
    family = G.nodes[claim_with(G, "almost three years")]["family"]
    row = next(f for f in payload["families"] if f["id"] == family)
    assert (row["first"], row["last"], row["documents"]) == ("2019-07-10", "2023-09-14", 2)
    changed = [
        v["text"][a:b] for v in row["variants"] for a, b, is_changed in v["figures"] if is_changed
    ]
    assert changed == ["almost three years", "over six consecutive years"]


def test_contested_family_shows_both_sides(contested_build):
    G, _, out = contested_build
    payload = embedded((out / "explorer.html").read_text(encoding="utf-8"))
    report = next(
        n
        for n, a in G.nodes(data=True)
        if a.get("text", "").startswith("The Ruritanian police detained more than 3,000")
    )
    row = next(f for f in payload["families"] if f["id"] == G.nodes[report]["family"])
    assert row["contested"] is True

    def names(indices):
        return {payload["actors"][i][1] for i in indices}

    assert names(row["asserts"]) == {"Human Rights Watch"}
    assert "Rudolf Rassendyll" in names(row["denies"])
    assert names(row["reports"]) == {"The Strelsau Times"}
    positions = [v.get("position") for v in row["variants"]]
    assert positions == [G.nodes[v["claim"]]["position"] for v in row["variants"]]
    assert {"asserts", "denies", "reports"} <= set(positions)
    ambassador = next(v for v in row["variants"] if v["text"].startswith("Ambassador Rudolf"))
    assert payload["actors"][ambassador["claimant"]][1] == "Rudolf Rassendyll"
