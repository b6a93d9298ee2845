"""graph.explorer in Debian's chromium: the seeds' and a debates slice's talking points (sort,
filter by speaker, date and text, open a family, permalinks), the link to the graph view
centred on a node, undated appearances, many families drawn on demand, hostile documents
built by the pipeline; nothing fetched, no error logged."""

from __future__ import annotations

import dataclasses
import json
import pathlib
import sys
from collections.abc import Iterator
from urllib.parse import quote

import networkx as nx
import pytest
from browser import launch, require_chromium, synthetic_claim_graph
from conftest import DEBATES, ROOT, claim_with, need_shared
from test_graph_explorer import family_graph
from test_graph_view import NEW_YORK, RUNNING_2023

from graph.explorer import write_explorer
from graph.view import write_view

pytestmark = pytest.mark.browser

# Three transcripts with several speakers (interviewers, other politicians) and three dates.
DEBATE_TRANSCRIPTS = ("20170205_Trump_Oreilly", "20181015_60_min", "20181112_trump_pelosi")


@dataclasses.dataclass
class Opened:
    page: object  # playwright.sync_api.Page
    url: str
    requests: list[str]
    errors: list[str]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def open_page(browser, url: str, ready: str = "window.explorer && window.explorer.ready") -> Opened:
    """A new page on ``url``, recording every request and every error it logs."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    opened = Opened(page, url, [], [])
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on(
        "console",
        lambda message: message.type == "error" and opened.errors.append(message.text),
    )
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.goto(url, wait_until="load")
    page.wait_for_function(ready)
    return opened


def offsite(opened: Opened) -> list[str]:
    """Requests for anything but the pages of the page's own folder (data: URLs fetch nothing)."""
    folder = opened.url.split("#")[0].rsplit("/", 1)[0] + "/"
    return [
        url
        for url in opened.requests
        if not url.startswith("data:")
        and not (url.startswith(folder) and url[len(folder) :].split("#")[0] in PAGES)
    ]


PAGES = {"explorer.html", "graph.html"}


def listed(page) -> list[str]:
    return page.evaluate("() => window.explorer.listedIds()")


def drawn(page) -> list[str]:
    return page.locator("#families tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.family)"
    )


def row_of(page, family: str):
    return page.locator(f"#families tbody tr[data-family={json.dumps(family)}]")


def families_of(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Each family of ``G`` and its member claims (from the MEMBER_OF edges)."""
    members: dict[str, list[str]] = {n: [] for n, k in G.nodes(data="kind") if k == "family"}
    for u, v, key in G.edges(keys=True):
        if key == "MEMBER_OF":
            members[v].append(u)
    return members


def ranked(G: nx.MultiDiGraph) -> list[str]:
    """Families most recurrent first: documents, then speakers, then claims, then first seen."""

    def key(item):
        family, members = item
        days = sorted(G.nodes[m]["published"] for m in members if G.nodes[m].get("published"))
        return (
            -len({G.nodes[m]["document"] for m in members}),
            -len({G.nodes[m]["speaker"] for m in members if G.nodes[m].get("speaker")}),
            -len(members),
            days[0] if days else "9999",
            family,
        )

    return [family for family, _ in sorted(families_of(G).items(), key=key)]


def in_order(G, ids: list[str], value, descending: bool) -> bool:
    """Are ``ids`` ordered by ``value`` (ties in rank order)?"""
    rank = {family: i for i, family in enumerate(ranked(G))}
    keys = [(value(f), -rank[f] if descending else rank[f]) for f in ids]
    return keys == sorted(keys, reverse=descending)


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds(seed_build):
    G, _report, out = seed_build
    return G, out


@pytest.fixture
def seeds_page(chromium, seeds) -> Iterator[Opened]:
    _G, out = seeds
    opened = open_page(chromium, (out / "explorer.html").as_uri())
    yield opened
    opened.page.close()


def running_count(G) -> str:
    """The seeds' "no violent terrorist incident ... for almost three / over six years"."""
    return G.nodes[claim_with(G, "almost three years")]["family"]


def test_seeds_list_every_family_ranked_and_fetch_nothing(seeds_page, seeds):
    G, _out = seeds
    page = seeds_page.page
    assert drawn(page) == ranked(G)
    ranks = page.locator("#families tbody tr td:first-child").all_text_contents()
    assert ranks == [str(i) for i in range(1, len(ranked(G)) + 1)]
    assert page.locator("#status").text_content() == f"{len(ranked(G))} of 4 talking points."
    assert "documents, then speakers, then claims" in page.locator("#rank-note").text_content()
    assert page.locator('th[data-sort="rank"]').get_attribute("aria-sort") == "ascending"
    row = row_of(page, running_count(G))
    cells = row.locator("td").all_inner_texts()
    assert cells[2:4] == ["2", "2"]  # claims, documents
    assert cells[5:7] == ["2019-07-10", "2023-09-14"]
    assert row.locator("svg.chart rect.bar").count() == 2
    assert offsite(seeds_page) == [] and seeds_page.errors == []


def test_seeds_sort_by_each_column_and_back(seeds_page, seeds):
    G, _out = seeds
    page = seeds_page.page
    members = families_of(G)

    def first_seen(family):
        return min(G.nodes[m]["published"] for m in members[family])

    page.click('th[data-sort="claims"] button')
    assert page.locator('th[data-sort="claims"]').get_attribute("aria-sort") == "descending"
    assert page.locator('th[data-sort="rank"]').get_attribute("aria-sort") is None
    assert in_order(G, drawn(page), lambda f: len(members[f]), descending=True)
    page.click('th[data-sort="claims"] button')
    assert page.locator('th[data-sort="claims"]').get_attribute("aria-sort") == "ascending"
    assert in_order(G, drawn(page), lambda f: len(members[f]), descending=False)
    page.click('th[data-sort="first"] button')
    assert in_order(G, drawn(page), first_seen, descending=False)
    page.click('th[data-sort="label"] button')
    labels = [G.nodes[f]["label"].lower() for f in drawn(page)]
    assert labels == sorted(labels)
    page.click('th[data-sort="rank"] button')
    assert drawn(page) == ranked(G)
    assert seeds_page.errors == []


def test_seeds_a_click_opens_the_variants_with_changed_figures_and_sets_the_permalink(
    seeds_page, seeds
):
    G, _out = seeds
    page = seeds_page.page
    family = running_count(G)
    row_of(page, family).locator("td.label").click()
    assert row_of(page, family).get_attribute("aria-selected") == "true"
    detail = page.locator("#detail-body")
    assert detail.locator("h3").text_content() == G.nodes[family]["label"]
    items = detail.locator("ol.variants > li")
    assert items.count() == 2
    assert items.nth(0).locator("time").text_content() == "2019-07-10"
    assert items.nth(1).locator("time").text_content() == "2023-09-14"
    texts = items.locator("blockquote").all_text_contents()
    members = sorted(G.nodes[family]["claims"], key=lambda c: G.nodes[c]["published"])
    assert texts == [G.nodes[c]["text"] for c in members]
    changed = detail.locator("mark.figure.changed").all_text_contents()
    assert changed == ["almost three years", "over six consecutive years"]
    assert "updated" in items.nth(1).inner_text()
    assert page.evaluate("() => location.hash") == "#family=" + quote(family, safe="")
    assert detail.locator("#open-in-graph").get_attribute("href") == (
        "graph.html#node=" + quote(family, safe="")
    )
    links = detail.locator("ol.variants a.graph").evaluate_all("a => a.map(x => x.href)")
    assert [link.split("#", 1)[1] for link in links] == [
        "node=" + quote(c, safe="") for c in members
    ]
    assert seeds_page.errors == []


def test_seeds_permalink_opens_a_family_on_load_and_on_hash_change(chromium, seeds):
    G, out = seeds
    family, other = running_count(G), ranked(G)[-1]
    assert family != other
    url = (out / "explorer.html").as_uri() + "#family=" + quote(family, safe="")
    opened = open_page(chromium, url)
    page = opened.page
    try:
        assert page.locator("#detail-body h3").text_content() == G.nodes[family]["label"]
        assert row_of(page, family).get_attribute("aria-selected") == "true"
        page.evaluate("id => { location.hash = '#family=' + encodeURIComponent(id); }", other)
        page.wait_for_function(
            "label => document.querySelector('#detail-body h3').textContent === label",
            arg=G.nodes[other]["label"],
        )
        assert row_of(page, family).get_attribute("aria-selected") is None
        # the browser's history holds each family opened
        page.go_back()
        page.wait_for_function(
            "label => document.querySelector('#detail-body h3').textContent === label",
            arg=G.nodes[family]["label"],
        )
        # an unknown or malformed id opens nothing and breaks nothing
        page.evaluate("() => { location.hash = '#family=family%3Anowhere'; }")
        page.wait_for_function(
            "() => document.querySelector('#detail-body').textContent.includes('No talking point')"
        )
        page.evaluate("() => { location.hash = '#family=%E0%A4%A'; }")
        page.evaluate("() => new Promise(done => setTimeout(done, 50))")
        assert drawn(page) == ranked(G)
        assert offsite(opened) == [] and opened.errors == []
    finally:
        page.close()


def test_seeds_show_in_the_graph_opens_the_view_centred_on_the_family(chromium, seeds):
    G, out = seeds
    family = running_count(G)
    opened = open_page(chromium, (out / "explorer.html").as_uri() + "#family=" + quote(family))
    page = opened.page
    try:
        page.click("#open-in-graph")
        # the click navigates: wait for the view's page before asking it anything
        target = (out / "graph.html").as_uri() + "#node=" + quote(family, safe="")
        page.wait_for_url(target)
        page.wait_for_function("() => window.claimgraph !== undefined && window.claimgraph.drawn")
        assert page.url == target
        assert page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == [family]
        assert page.locator("#panel-kind").text_content() == "Claim family"
        # another node by a hash change; an unknown id changes nothing
        claim = claim_with(G, "over six consecutive years")
        page.evaluate("id => { location.hash = '#node=' + encodeURIComponent(id); }", claim)
        page.wait_for_function(
            "id => window.claimgraph.network.getSelectedNodes()[0] === id", arg=claim
        )
        assert page.locator("#panel-body blockquote").text_content() == G.nodes[claim]["text"]
        for hash_ in ("#node=claim%3Anowhere", "#node=%E0%A4%A", "#node=constructor"):
            page.evaluate("h => { location.hash = h; }", hash_)
            page.evaluate("() => new Promise(done => setTimeout(done, 50))")
            assert page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == [claim]
        assert offsite(opened) == [] and opened.errors == []
    finally:
        page.close()


def test_graph_link_to_a_node_draws_its_claims_when_they_are_on_demand(chromium, tmp_path):
    G = synthetic_claim_graph(documents=40, claims=1500, families=200, actors=200, dates=60)
    write_view(G, tmp_path / "graph.html")
    family = "family:generated-0007"
    members = G.nodes[family]["claims"]
    url = (tmp_path / "graph.html").as_uri() + "#node=" + quote(family, safe="")
    opened = open_page(chromium, url, ready="window.claimgraph && window.claimgraph.drawn")
    page = opened.page
    try:
        others = sum(1 for _, kind in G.nodes(data="kind") if kind != "claim")
        assert page.evaluate("() => window.claimgraph.drawnNodeCount()") == others + len(members)
        assert page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == [family]
        assert set(members) <= set(page.evaluate("() => window.claimgraph.shownIds()"))
        assert opened.errors == []
    finally:
        page.close()


# --------------------------------------------------------------------------- debates


@pytest.fixture(scope="module")
def debates(tmp_path_factory):
    """Three debate transcripts built by the pipeline once for this module: (G, out)."""
    need_shared(DEBATES)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_build import transcripts_to_documents

    from graph.pipeline import build

    corpus = tmp_path_factory.mktemp("debates-corpus")
    for name in DEBATE_TRANSCRIPTS:
        (corpus / f"{name}.tsv").symlink_to(DEBATES / f"{name}.tsv")
    documents = tmp_path_factory.mktemp("debates-documents")
    transcripts_to_documents(corpus, documents)
    out = tmp_path_factory.mktemp("debates-build")
    G, _report = build([documents], out)
    return G, out


@pytest.fixture
def debates_page(chromium, debates) -> Iterator[Opened]:
    _G, out = debates
    opened = open_page(chromium, (out / "explorer.html").as_uri())
    yield opened
    opened.page.close()


def who_holds(G, family: str) -> set[str]:
    """Speakers and claimants of a family's claims."""
    who = set()
    for m in families_of(G)[family]:
        for key in ("speaker", "claimant"):
            if G.nodes[m].get(key):
                who.add(G.nodes[m][key])
    return who


def test_debates_list_is_ranked_with_a_timeline_per_row(debates_page, debates):
    G, _out = debates
    page = debates_page.page
    families = ranked(G)
    assert len(families) >= 5
    assert drawn(page) == families
    for family in families:
        days = {G.nodes[m]["published"] for m in families_of(G)[family]}
        row = row_of(page, family)
        assert row.locator("svg.chart rect.bar").count() == len(days)
        label = row.locator("svg.chart").get_attribute("aria-label")
        assert label.endswith(f"{min(days)} to {max(days)}")
    assert "1970" not in page.locator("#families").inner_text()
    assert offsite(debates_page) == [] and debates_page.errors == []


def test_debates_speaker_filter(debates_page, debates):
    G, _out = debates
    page = debates_page.page
    families = ranked(G)
    holders = {f: who_holds(G, f) for f in families}
    actors = sorted({a for who in holders.values() for a in who})
    # someone who takes part in some talking points but not in all
    actor = next(a for a in actors if 0 < sum(a in holders[f] for f in families) < len(families))
    expected = [f for f in families if actor in holders[f]]
    page.select_option("#filter-speaker", actor)
    assert drawn(page) == expected
    assert page.locator("#status").text_content().startswith(f"{len(expected)} of ")
    option = page.locator(f"#filter-speaker option[value={json.dumps(actor)}]").text_content()
    assert option.startswith(G.nodes[actor]["label"][:40]) and f"({len(expected)})" in option
    page.click("#reset-filters")
    assert drawn(page) == families
    assert page.input_value("#filter-speaker") == ""
    assert debates_page.errors == []


def test_debates_date_range_filter(debates_page, debates):
    G, _out = debates
    page = debates_page.page
    families = ranked(G)
    members = families_of(G)
    days = sorted({G.nodes[m]["published"] for f in families for m in members[f]})
    assert len(days) == 3

    def seen_within(low, high):
        return [
            f for f in families if any(low <= G.nodes[m]["published"] <= high for m in members[f])
        ]

    page.fill("#filter-from", days[2])
    assert drawn(page) == seen_within(days[2], "9999") != families
    page.fill("#filter-from", days[1])
    page.fill("#filter-to", days[1])
    assert drawn(page) == seen_within(days[1], days[1]) != families
    page.fill("#filter-from", "")
    page.fill("#filter-to", days[0])
    assert drawn(page) == seen_within("0000", days[0]) != families
    # from after to: nothing, and the page says why
    page.fill("#filter-from", days[2])
    assert drawn(page) == []
    assert page.locator("#empty").is_visible()
    assert "“from” is after “to”" in page.locator("#status").text_content()
    page.click("#reset-filters")
    assert drawn(page) == families
    assert debates_page.errors == []


def test_debates_text_filter_and_filters_together(debates_page, debates):
    G, _out = debates
    page = debates_page.page
    families = ranked(G)
    members = families_of(G)

    def says(family, word):
        texts = [G.nodes[family]["label"]] + [G.nodes[m]["text"] for m in members[family]]
        return any(word in text.lower() for text in texts)

    expected = [f for f in families if says(f, "wall")]
    assert 0 < len(expected) < len(families)
    page.fill("#filter-text", "  WALL ")
    assert drawn(page) == expected
    trump = next(n for n, a in G.nodes(data=True) if a.get("label") == "Donald Trump")
    page.select_option("#filter-speaker", trump)
    assert drawn(page) == [f for f in expected if trump in who_holds(G, f)]
    page.fill("#filter-text", "no talking point says this")
    assert drawn(page) == [] and page.locator("#empty").is_visible()
    assert debates_page.errors == []


def test_debates_sort_by_speakers_and_documents(debates_page, debates):
    G, _out = debates
    page = debates_page.page
    members = families_of(G)
    page.click('th[data-sort="speakers"] button')
    assert in_order(
        G,
        drawn(page),
        lambda f: len({G.nodes[m]["speaker"] for m in members[f] if G.nodes[m]["speaker"]}),
        descending=True,
    )
    page.click('th[data-sort="documents"] button')
    assert in_order(
        G, drawn(page), lambda f: len({G.nodes[m]["document"] for m in members[f]}), True
    )
    page.click('th[data-sort="last"] button')
    assert in_order(
        G, drawn(page), lambda f: max(G.nodes[m]["published"] for m in members[f]), True
    )
    assert debates_page.errors == []


def test_debates_open_the_largest_family_and_follow_its_permalink(chromium, debates_page, debates):
    G, out = debates
    page = debates_page.page
    members = families_of(G)
    family = max(ranked(G), key=lambda f: len(members[f]))
    row_of(page, family).locator("td.label").click()
    in_date_order = sorted(members[family], key=lambda m: (G.nodes[m]["published"], m))
    items = page.locator("#detail-body ol.variants > li")
    assert items.count() == len(in_date_order)
    assert items.locator("blockquote").all_text_contents() == [
        G.nodes[m]["text"] for m in in_date_order
    ]
    assert items.locator("time").all_text_contents() == [
        G.nodes[m]["published"] for m in in_date_order
    ]
    speakers = [
        G.nodes[G.nodes[m]["speaker"]]["label"] if G.nodes[m]["speaker"] else "unattributed"
        for m in in_date_order
    ]
    for item, speaker in zip(items.all(), speakers, strict=True):
        assert f" · {speaker}" in item.locator(".meta").first.inner_text()
    permalink = page.evaluate("() => location.href")
    assert permalink.endswith("#family=" + quote(family, safe=""))
    again = open_page(chromium, permalink)
    try:
        detail = again.page.locator("#detail-body")
        assert detail.locator("h3").text_content() == G.nodes[family]["label"]
        assert detail.locator("ol.variants > li").count() == len(in_date_order)
        assert offsite(again) == [] and again.errors == []
    finally:
        again.page.close()
    assert offsite(debates_page) == [] and debates_page.errors == []


# --------------------------------------------------------------------------- undated, many


def test_undated_appearances_show_as_undated(chromium, tmp_path):
    G = family_graph()
    for node in (NEW_YORK, RUNNING_2023):
        G.nodes[node]["published"] = None
    for claim in G.nodes["family:2"]["claims"]:
        G.nodes[claim]["published"] = None
    G.nodes[G.nodes["family:2"]["claims"][0]]["document"] = NEW_YORK
    write_explorer(G, tmp_path / "explorer.html")
    opened = open_page(chromium, (tmp_path / "explorer.html").as_uri())
    page = opened.page
    try:
        partly, wholly = row_of(page, "family:1"), row_of(page, "family:2")
        assert partly.locator("td.day").all_text_contents() == ["2019-07-10", "2019-07-10"]
        assert partly.locator("svg.chart rect.bar").count() == 1
        assert partly.locator(".timeline .undated").text_content() == "+1 undated"
        assert wholly.locator("td.day").all_text_contents() == ["undated", "undated"]
        assert wholly.locator("svg").count() == 0
        assert wholly.locator(".timeline").text_content() == "2 undated"
        for direction in ("ascending", "descending"):
            while page.locator('th[data-sort="first"]').get_attribute("aria-sort") != direction:
                page.click('th[data-sort="first"] button')
            assert drawn(page)[-1] == "family:2"  # undated last, either way
        partly.locator("td.label").click()
        times = page.locator("#detail-body ol.variants time").all_text_contents()
        assert times == ["2019-07-10", "undated"]
        assert "1970" not in page.locator("body").inner_text()
        assert opened.errors == []
    finally:
        page.close()


def test_many_families_are_drawn_on_demand(chromium, tmp_path):
    G = synthetic_claim_graph(documents=40, claims=2500, families=450, actors=200, dates=60)
    write_explorer(G, tmp_path / "explorer.html")
    opened = open_page(chromium, (tmp_path / "explorer.html").as_uri())
    page = opened.page
    try:
        families = ranked(G)
        assert len(families) == 450
        assert drawn(page) == families[:200]
        assert "the first 200 shown" in page.locator("#status").text_content()
        page.click("#more")
        assert drawn(page) == families[:400]
        # a permalink to a family not drawn yet draws the page of rows that holds it
        page.evaluate("() => window.explorer.sortBy('rank', 1)")
        assert drawn(page) == families[:200]
        last = families[-1]
        page.evaluate("id => { location.hash = '#family=' + encodeURIComponent(id); }", last)
        page.wait_for_function(
            "id => document.querySelector('#families tbody tr.open')?.dataset.family === id",
            arg=last,
        )
        assert drawn(page) == families[400:]
        assert "rows 401–450 shown" in page.locator("#status").text_content()
        assert page.locator("#more").is_hidden()
        page.click("#earlier")
        assert drawn(page) == families[200:]
        assert row_of(page, last).get_attribute("aria-selected") == "true"
        assert opened.errors == []
    finally:
        page.close()


# --------------------------------------------------------------------------- hostile text

PWN_IMG = '<img src=x onerror="window.__pwned=1">'
PWN_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_TITLE = f"{PWN_IMG}Note</title>{PWN_SCRIPT}"


def hostile_note(day: str, dateline: str, again: str) -> str:
    return (
        "Statement of the Ministry of Foreign Affairs\n"
        f"Geneva, {dateline}\n\n"
        f"The spokesperson stated{again} that the report {PWN_IMG} was fabricated by hostile forces.\n"
        f"The ministry said that {PWN_SCRIPT} is false.\n"
        "There has been no violent terrorist incident in the region for over "
        f"{'five' if day.endswith('01-05') else 'six'} consecutive years.\n"
    )


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """Two notes holding markup, built by the real pipeline: (G, out)."""
    from graph.pipeline import build

    folder = tmp_path_factory.mktemp("hostile-notes")
    for day, dateline, again in (
        ("2024-01-05", "5 January 2024", ""),
        ("2024-03-05", "5 March 2024", " again"),
    ):
        name = f"{day}_hostile-note.txt"
        (folder / name).write_text(hostile_note(day, dateline, again), encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(
            json.dumps({"title": HOSTILE_TITLE, "published": day}), encoding="utf-8"
        )
    out = tmp_path_factory.mktemp("hostile-build")
    G, _report = build([folder], out, use_cache=False)
    return G, out


def test_hostile_document_text_shows_literally_and_runs_nothing(chromium, hostile_build):
    G, out = hostile_build
    members = families_of(G)
    hostile = [
        f
        for f in ranked(G)
        if any(
            PWN_IMG in G.nodes[m]["text"] or PWN_SCRIPT in G.nodes[m]["text"] for m in members[f]
        )
    ]
    assert len(hostile) == 2  # the img and the script sentences, each said twice
    opened = open_page(chromium, pathlib.Path(out, "explorer.html").as_uri())
    page = opened.page
    try:
        labels = page.locator("#families tbody td.label").all_text_contents()
        assert any(PWN_IMG in label for label in labels)
        for family in hostile:
            row_of(page, family).locator("td.label").click()
            quotes = page.locator("#detail-body blockquote").all_text_contents()
            in_order = sorted(members[family], key=lambda m: G.nodes[m]["published"])
            assert quotes == [G.nodes[m]["text"] for m in in_order]
            sources = page.locator("#detail-body .source").all_text_contents()
            assert all(source.startswith("in " + HOSTILE_TITLE[:79]) for source in sources)
        page.fill("#filter-text", "window.__pwned")
        assert sorted(drawn(page)) == sorted(hostile)
        inert = "#families img, #families script, #detail img, #detail script"
        assert page.locator(inert).count() == 0
        assert page.locator("body script").count() == 2
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert offsite(opened) == [] and opened.errors == []
    finally:
        page.close()
