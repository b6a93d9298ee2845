"""The Python API (graph/api.py): the same graph from in-memory texts as from files."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS

import graph.api as cg
from graph.api import TextsError


def _without_paths(G) -> dict:
    """graph.json's content, less what says where the files lay."""
    import networkx as nx

    data = nx.node_link_data(G, edges="edges")
    for node in data["nodes"]:
        node.pop("path", None)
    data["graph"] = {}
    return data


@pytest.mark.slow
def test_texts_in_memory_give_the_graph_files_give(seed_build):
    G_files, _, _ = seed_build
    texts = {}
    for path in sorted(SEEDS.glob("*.txt")):
        texts[path.stem] = path.read_text(encoding="utf-8")
    G_texts = cg.build(texts=texts)
    assert json.dumps(_without_paths(G_texts), sort_keys=True) == json.dumps(
        _without_paths(G_files), sort_keys=True
    )
    assert cg.summary(G_texts) == cg.summary(G_files)
    assert cg.families(G_texts) == cg.families(G_files)


def test_metadata_of_a_text_and_a_bad_name():
    G = cg.build(
        texts={
            "dam-note": {
                "text": "The ministry said the dam will not reduce the river's flow.\n",
                "published": "2021-03-04",
                "issuer": "Ministry of Water Resources",
            }
        }
    )
    doc = G.nodes["doc:dam-note"]
    assert (doc["published"], doc["published_by"], doc["issuer"]) == (
        "2021-03-04",
        "sidecar",
        "Ministry of Water Resources",
    )
    with pytest.raises(TextsError, match="use letters, digits"):
        cg.build(texts={"../escape": "The ministry met."})
    with pytest.raises(TextsError, match="the text is empty"):
        cg.build(texts={"empty": "   "})


@pytest.mark.slow
def test_match_finds_the_recurring_claim_and_show_is_inert(seed_build):
    G, _, _ = seed_build
    found = cg.match(G, "There has been no terrorist attack in Xinjiang for almost three years.")
    assert found and found[0]["rank"] == 1
    assert "terrorist" in found[0]["text"].lower() and found[0]["document"].startswith("doc:")
    hostile = cg.build(
        texts={"hostile": "<script>alert(1)</script> The ministry said the dam is safe.\n"}
    )
    cell = cg.show(hostile)._repr_html_()
    assert cell.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in cell
    assert "<script>alert(1)" not in cell  # the whole page is one escaped attribute
    explorer = cg.explore(hostile)
    assert "Talking points" in explorer.page and "graph.html" not in explorer.page
    cell = explorer._repr_html_()
    assert cell.startswith("<iframe srcdoc=") and "<script>alert(1)" not in cell


def test_families_frame_needs_pandas_or_says_so(seed_build):
    G, _, _ = seed_build
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(Exception, match="pip install pandas"):
            cg.families_frame(G)
    else:
        frame = cg.families_frame(G)
        assert list(frame["id"]) == [row["id"] for row in cg.families(G)]


def test_report_is_the_report_of_the_command_line(seed_build, tmp_path):
    from click.testing import CliRunner

    from graph.brief import ReportError
    from graph.cli import cli

    G, _, out = seed_build
    by_cli = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["report", str(out), "--out", str(by_cli), "--top", "3"])
    assert result.exit_code == 0, result.output
    from_folder = cg.report(out, tmp_path / "api", top=3)
    from_graph = cg.report(cg.load(out), tmp_path / "loaded", top=3)
    names = sorted(p.name for p in by_cli.iterdir())
    assert names == [
        "report.html",
        "report.md",
        "timeline-1.svg",
        "timeline-2.svg",
        "timeline-3.svg",
    ]
    for folder in (from_folder, from_graph):
        for name in names:
            assert (folder / name).read_bytes() == (by_cli / name).read_bytes(), (folder, name)
    in_memory = cg.load(out)
    in_memory.graph["out_dir"] = None
    with pytest.raises(ReportError, match="say where the report goes"):
        cg.report(in_memory)
