"""`claimgraph report`: a static summary of the top talking points (Markdown, HTML, SVG timelines)."""

from __future__ import annotations

import html.parser
import json
import re
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from conftest import DEBATES, ROOT, need_shared

import graph.brief
from graph.cli import cli

SVG = "{http://www.w3.org/2000/svg}"


def run(*args: str):
    return CliRunner().invoke(cli, ["report", *args])


def graph_json(out) -> dict:
    """graph.json read as plain JSON: the figures a report must agree with."""
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return {n["id"]: n for n in data["nodes"]}


def expected_ranking(nodes: dict, top: int) -> list[str]:
    """Family ids by documents, then speakers, then claims (most first), then first seen, id."""
    families = [n for n in nodes.values() if n["kind"] == "family"]
    families.sort(
        key=lambda f: (
            -len(f["documents"]),
            -len({nodes[c]["speaker"] for c in f["claims"] if nodes[c].get("speaker")}),
            -f.get("size", len(f["claims"])),
            f.get("first_seen") or "9999",
            f["id"],
        )
    )
    return [f["id"] for f in families[:top]]


def sections(markdown: str) -> list[dict]:
    """The talking points of report.md: rank, id, and the lines of the section."""
    found = []
    for block in re.split(r"^## ", markdown, flags=re.M)[1:]:
        head, *lines = block.splitlines()
        if not re.match(r"\d+\. ", head):
            continue  # the Documents list
        ids = re.findall(r"^`(family:[^`]+)`", block, flags=re.M)
        found.append({"rank": int(head.split(".")[0]), "id": ids[0], "lines": lines})
    return found


def figures(section: dict) -> tuple[int, int, str, str]:
    """(claims, documents, first seen, last seen) as a section states them."""
    text = "\n".join(section["lines"])
    claims, documents = re.search(r"^- ([\d,]+) claims? in (\d+) documents?", text, re.M).groups()
    first, last = re.search(r"^- first seen (\S+), last seen (\S+?)(?: |$)", text, re.M).groups()
    return int(claims.replace(",", "")), int(documents), first, last


class Tags(html.parser.HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def assert_inert(page: str) -> None:
    """No script element, no event handler attribute, no javascript: link anywhere."""
    tags = parsed(page)
    assert not [t for t, _ in tags.tags if t == "script"]
    for tag, attrs in tags.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src", "xlink:href"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:")


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_report(seed_build):
    G, _, out = seed_build
    result = run(str(out))
    assert result.exit_code == 0, result.output
    return out, out / "report"


def test_the_seeds_report_ranks_the_top_families_of_the_graph(seed_report):
    out, report = seed_report
    nodes = graph_json(out)
    markdown = (report / "report.md").read_text(encoding="utf-8")
    found = sections(markdown)
    assert [s["id"] for s in found] == expected_ranking(nodes, 20)
    assert [s["rank"] for s in found] == list(range(1, len(found) + 1))
    page = (report / "report.html").read_text(encoding="utf-8")
    assert re.findall(r'data-family="([^"]+)"', page) == [s["id"] for s in found]
    # the header says what was built (build.json)
    build = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert (
        f"Built from 2 documents, published 2019-07-10 to 2023-09-14: "
        f"{build['counts']['claims']} claims" in markdown
    )


def test_the_seeds_report_states_the_figures_and_dates_of_graph_json(seed_report):
    out, report = seed_report
    nodes = graph_json(out)
    markdown = (report / "report.md").read_text(encoding="utf-8")
    for section in sections(markdown):
        family = nodes[section["id"]]
        assert figures(section) == (
            family["size"],
            len(family["documents"]),
            family["first_seen"],
            family["last_seen"],
        )


def test_the_running_count_shows_its_changed_figure_marked(seed_report):
    out, report = seed_report
    markdown = (report / "report.md").read_text(encoding="utf-8")
    (section,) = [
        s for s in sections(markdown) if "for almost three years" in "\n".join(s["lines"])
    ]
    text = "\n".join(section["lines"])
    assert "for almost three years." in text  # the first appearance: nothing changed yet
    assert "for **over six consecutive years**." in text
    assert "running count consistent" in text
    page = (report / "report.html").read_text(encoding="utf-8")
    assert "for <mark>over six consecutive years</mark>." in page


def test_each_timeline_is_svg_with_one_mark_per_dated_appearance(seed_report):
    out, report = seed_report
    nodes = graph_json(out)
    page = (report / "report.html").read_text(encoding="utf-8")
    markdown = (report / "report.md").read_text(encoding="utf-8")
    for section in sections(markdown):
        n = section["rank"]
        assert f"![Timeline of talking point {n}: " in markdown
        assert f"](timeline-{n}.svg)" in markdown
        svg = (report / f"timeline-{n}.svg").read_text(encoding="utf-8")
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg"
        marks = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "mark"]
        members = [nodes[c] for c in nodes[section["id"]]["claims"]]
        assert len(marks) == sum(1 for c in members if c.get("published"))
        # earlier dates lie further left; the 2019 and 2023 columns are the two ends
        xs = sorted({float(m.get("cx")) for m in marks})
        assert len(xs) == len({c["published"] for c in members})
        assert svg.rstrip("\n") in page  # the same picture, inline


def test_the_html_page_is_offline_and_forbids_scripts(seed_report):
    _, report = seed_report
    page = (report / "report.html").read_text(encoding="utf-8")
    tags = parsed(page)
    (csp,) = [
        a["content"]
        for t, a in tags.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert not [t for t, _ in tags.tags if t in ("script", "link", "iframe", "img")]
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page


def test_the_same_build_gives_the_same_report_byte_for_byte(seed_build, tmp_path):
    _, _, out = seed_build
    first, second = tmp_path / "a" / "report", tmp_path / "b" / "report"
    for folder in (first, second):
        result = run(str(out), "--out", str(folder))
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # a second run over the first report gives it again
    before = {p.name: p.read_bytes() for p in first.iterdir()}
    assert run(str(out), "--out", str(first)).exit_code == 0
    assert {p.name: p.read_bytes() for p in first.iterdir()} == before


def test_a_folder_that_is_not_a_build_is_a_one_line_error(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert str(tmp_path) in result.output and "claimgraph build" in result.output
    assert not (tmp_path / "report").exists()


def test_a_folder_of_other_files_is_never_replaced(seed_build, tmp_path):
    _, _, out = seed_build
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run(str(out), "--out", str(tmp_path))
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "notes.txt" in result.output and "--out" in result.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_failing_run_leaves_the_older_report_intact(seed_build, tmp_path, monkeypatch):
    _, _, out = seed_build
    folder = tmp_path / "report"
    assert run(str(out), "--out", str(folder), "--top", "3").exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert "timeline-3.svg" in before
    written = []

    def disk_full_at_the_third_file(path, content):
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(path)
        path.write_text(content, encoding="utf-8")

    monkeypatch.setattr(graph.brief, "_write_file", disk_full_at_the_third_file)
    result = run(str(out), "--out", str(folder), "--top", "1")
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and str(folder) in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no staging left
    monkeypatch.undo()
    # a run that succeeds replaces the whole folder: no timeline of the longer report stays
    assert run(str(out), "--out", str(folder), "--top", "1").exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "report.html",
        "report.md",
        "timeline-1.svg",
    ]


def test_bad_filters_are_one_line_errors(seed_build):
    _, _, out = seed_build
    result = run(str(out), "--speaker", "Nobody Atall")
    assert result.exit_code == 2 and "no actor 'Nobody Atall'" in result.output
    result = run(str(out), "--since", "2023-01-01", "--until", "2020-01-01")
    assert result.exit_code == 2 and "swap them" in result.output
    result = run(str(out), "--since", "July 2019")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_a_filter_that_keeps_nothing_says_so(seed_build, tmp_path):
    _, _, out = seed_build
    result = run(str(out), "--since", "2024-01-01", "--out", str(tmp_path / "r"))
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "No talking point recurs in this build with these filters." in markdown
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["report.html", "report.md"]


# --------------------------------------------------------------------------- timelines


def test_undated_appearances_are_counted_never_drawn_at_a_made_up_date():
    import datetime

    svg = graph.brief.timeline_svg(
        [
            {"published": "2019-07-10", "position": "asserts", "text": "a"},
            {"published": None, "position": "asserts", "text": "b"},
            {"published": "2021-03-01", "position": "denies", "text": "c"},
            {"published": "2021-03-01", "position": "asserts", "text": "d"},
            {"published": None, "position": "reports", "text": "e"},
        ]
    )
    root = ET.fromstring(svg)
    marks = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "mark"]
    assert len(marks) == 3
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "+2 undated" in texts
    assert "1970" not in svg and str(datetime.date.today().year) not in texts
    assert texts[:2] == ["2020", "2021"]  # year ticks between the first and the last date
    by_text = {m.find(f"{SVG}title").text.split(": ", 1)[1]: m for m in marks}
    assert float(by_text["a"].get("cx")) < float(by_text["c"].get("cx"))
    assert by_text["c"].get("cx") == by_text["d"].get("cx")  # one day, one column
    assert by_text["c"].get("cy") != by_text["d"].get("cy")
    assert by_text["c"].get("fill") != by_text["d"].get("fill")  # denies is not asserts
    only_undated = graph.brief.timeline_svg([{"published": None, "text": "x"}])
    assert 'class="mark"' not in only_undated and "no dated appearance" in only_undated


# --------------------------------------------------------------------------- hostile text

HOSTILE = {
    "a": (
        "Geneva, 1 March 2021\n\n"
        'The ministry said that the dam <script>alert("md")</script> will not reduce the flow '
        "of the river by 40 percent.\n\n"
        "The ministry said that the commission's claims [about the dam](javascript:alert(1)) "
        "are groundless <img src=x onerror=alert(2)>, as [its own data](https://evil.example/x) "
        "shows.\n"
    ),
    "b": (
        "Geneva, 10 April 2021\n\n"
        'The ministry said that the dam <script>alert("md")</script> will not reduce the flow '
        "of the river by 50 percent.\n\n"
        "The ministry said that the commission's claims [about the dam](javascript:alert(1)) "
        "are groundless <img src=x onerror=alert(2)>, as [its own data](https://evil.example/x) "
        "shows.\n"
    ),
}


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    from graph.pipeline import build

    docs = tmp_path_factory.mktemp("hostile-docs")
    for name, text in HOSTILE.items():
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    (docs / "a.txt.meta.json").write_text(
        json.dumps(
            {
                "title": '<script>alert("title")</script> | *note* ![x](https://evil.example/pixel.png)'
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("hostile-build")
    build([docs], out, use_cache=False)
    result = run(str(out))
    assert result.exit_code == 0, result.output
    return out / "report"


def test_hostile_text_is_inert_in_the_html_and_the_svg(hostile_report):
    page = (hostile_report / "report.html").read_text(encoding="utf-8")
    assert_inert(page)
    text = "".join(parsed(page).text)
    # the document's words are all there, as text
    assert '<script>alert("md")</script>' in text
    assert (
        "[about the dam](javascript:alert(1)) are groundless <img src=x onerror=alert(2)>" in text
    )
    assert '<script>alert("title")</script> | *note*' in text
    assert "evil.example" not in " ".join(str(a) for _, a in parsed(page).tags)
    for svg in hostile_report.glob("timeline-*.svg"):
        root = ET.fromstring(svg.read_text(encoding="utf-8"))  # well-formed despite the text
        assert not [e for e in root.iter() if e.tag.endswith("script")]
        assert not [a for e in root.iter() for a in e.attrib if a.startswith("on")]


def test_hostile_text_is_inert_in_the_markdown(hostile_report):
    from markdown_it import MarkdownIt

    markdown = (hostile_report / "report.md").read_text(encoding="utf-8")
    assert sections(markdown), "the hostile claims recur: the report has talking points"
    # rendered as a careless Markdown viewer would (raw HTML on, any link target allowed):
    # still no markup from the documents
    viewer = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    viewer.validateLink = lambda url: True
    rendered = viewer.render(markdown)
    assert_inert(rendered)
    tags = parsed(rendered)
    assert [a["src"] for t, a in tags.tags if t == "img"] == [
        f"timeline-{s['rank']}.svg" for s in sections(markdown)
    ]
    hrefs = [a.get("href", "") for t, a in tags.tags if t == "a"]
    assert hrefs and all(
        h.startswith(("../graph.html#node=family:", "../explorer.html#family=family:"))
        for h in hrefs
    ), hrefs
    text = "".join(tags.text)
    assert '<script>alert("md")</script>' in text
    assert "[about the dam](javascript:alert(1))" in text
    assert "as [its own data](https://evil.example/x) shows." in text
    assert '<script>alert("title")</script> | *note* ![x](https://evil.example/pixel.png)' in text
    # the document's "*note*" is no emphasis, its "|" no table cell
    assert not [t for t, _ in tags.tags if t == "em"]


# --------------------------------------------------------------------------- two debates


@pytest.fixture(scope="module")
def debates_build(tmp_path_factory):
    """Two transcripts of the debates corpus, converted as benchmarks/bench_build.py does."""
    need_shared(DEBATES)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_build import transcripts_to_documents

    from graph.pipeline import build

    docs = tmp_path_factory.mktemp("debates-docs")
    transcripts_to_documents(DEBATES, docs, limit=2)
    out = tmp_path_factory.mktemp("debates-build")
    build([docs], out)
    return out


@pytest.mark.slow
def test_the_debates_report_ranks_and_counts_as_graph_json_says(debates_build, tmp_path):
    out = debates_build
    result = run(str(out), "--top", "8", "--out", str(tmp_path / "r"))
    assert result.exit_code == 0, result.output
    report = tmp_path / "r"
    nodes = graph_json(out)
    markdown = (report / "report.md").read_text(encoding="utf-8")
    found = sections(markdown)
    assert [s["id"] for s in found] == expected_ranking(nodes, 8)
    assert len(found) == 8
    for section in found:
        family = nodes[section["id"]]
        assert figures(section) == (
            family["size"],
            len(family["documents"]),
            family["first_seen"],
            family["last_seen"],
        )
        svg = ET.fromstring((report / f"timeline-{section['rank']}.svg").read_text("utf-8"))
        marks = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "mark"]
        assert len(marks) == len(family["claims"])  # every transcript is dated
    assert "Built from 2 documents, published 2012-10-23 to 2015-08-05" in markdown
    assert_inert((report / "report.html").read_text(encoding="utf-8"))
    # byte for byte again
    again = run(str(out), "--top", "8", "--out", str(tmp_path / "r2"))
    assert again.exit_code == 0
    for path in report.iterdir():
        assert path.read_bytes() == (tmp_path / "r2" / path.name).read_bytes(), path.name


@pytest.mark.slow
def test_the_debates_report_filtered_by_speaker_and_date(debates_build, tmp_path):
    out = debates_build
    nodes = graph_json(out)
    romney = [n for n, a in nodes.items() if a["kind"] == "actor" and a["label"] == "MR. ROMNEY"]
    assert romney == ["actor:mr-romney"]
    result = run(str(out), "--speaker", "MR. ROMNEY", "--out", str(tmp_path / "romney"))
    assert result.exit_code == 0, result.output
    found = sections((tmp_path / "romney" / "report.md").read_text(encoding="utf-8"))
    said = {
        f["id"]
        for f in nodes.values()
        if f["kind"] == "family"
        and any(
            "actor:mr-romney" in (nodes[c].get("speaker"), nodes[c].get("claimant"))
            for c in f["claims"]
        )
    }
    assert found and {s["id"] for s in found} <= said
    ranked = [i for i in expected_ranking(nodes, len(nodes)) if i in said]
    assert [s["id"] for s in found] == ranked[:20]
    result = run(str(out), "--since", "2015-01-01", "--out", str(tmp_path / "2015"))
    assert result.exit_code == 0, result.output
    found = sections((tmp_path / "2015" / "report.md").read_text(encoding="utf-8"))
    late = {
        f["id"]
        for f in nodes.values()
        if f["kind"] == "family" and (f.get("last_seen") or "") >= "2015-01-01"
    }
    assert (
        found
        and [s["id"] for s in found]
        == [i for i in expected_ranking(nodes, len(nodes)) if i in late][:20]
    )
