"""``claimgraph export``: every format from a build folder, written together; clear errors."""

from __future__ import annotations

import json
import shutil

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner

from graph.cli import cli
from graph.export import EXPORT_FORMATS


@pytest.fixture
def build_dir(seed_build, tmp_path):
    """A copy of the seeds' build folder (graph.json and graph.ttl)."""
    _, _, out = seed_build
    folder = tmp_path / "build"
    folder.mkdir()
    for name in ("graph.json", "graph.ttl"):
        shutil.copy(out / name, folder / name)
    return folder


def test_the_cli_offers_every_export_format():
    formats = next(p for p in cli.commands["export"].params if p.name == "formats")
    assert list(formats.type.choices) == list(EXPORT_FORMATS)


def test_export_writes_every_format(build_dir, seed_build):
    G, _, _ = seed_build
    before = (build_dir / "graph.ttl").read_bytes()
    args = ["export", str(build_dir)]
    for fmt in EXPORT_FORMATS:
        args += ["--format", fmt]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote ")
    for name in EXPORT_FORMATS.values():
        assert (build_dir / name).stat().st_size > 0, name
    # the Turtle export is the build's own, byte for byte
    assert (build_dir / "graph.ttl").read_bytes() == before
    triples = len(rdflib.Graph().parse(build_dir / "graph.ttl", format="turtle"))
    assert len(rdflib.Graph().parse(build_dir / "graph.nt", format="nt")) == triples
    store = pyoxigraph.Store()
    store.load(path=str(build_dir / "graph.jsonld"), format=pyoxigraph.RdfFormat.JSON_LD)
    assert len(store) == triples
    assert json.loads((build_dir / "graph.jsonld").read_text())["@context"]["@vocab"] == (
        "https://schema.org/"
    )
    for path, read in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        H = read(build_dir / path)
        assert H.number_of_nodes() == G.number_of_nodes(), path
    assert (build_dir / "claims.csv").read_text().startswith("claim,document,published")
    assert not [p for p in build_dir.iterdir() if p.name.startswith(".claimgraph-")]


def test_export_to_another_folder_and_validate(build_dir, tmp_path):
    target = tmp_path / "exports"
    result = CliRunner().invoke(
        cli, ["export", str(build_dir), "-f", "nt", "-f", "gexf", "--to", str(target), "--validate"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == ["graph.gexf", "graph.nt"]
    assert "conforms to the SHACL shapes" in result.output
    assert not (build_dir / "graph.nt").exists()


def test_export_of_a_folder_without_a_build_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["export", str(tmp_path), "-f", "ttl"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "graph.json" in lines[0] and "claimgraph build" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_export_of_a_broken_graph_json_is_one_clear_line(tmp_path):
    (tmp_path / "graph.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(tmp_path), "-f", "nt"])
    assert result.exit_code == 2
    assert "not a claimgraph graph.json" in result.output
    assert not (tmp_path / "graph.nt").exists()


def test_export_needs_a_known_format(build_dir):
    result = CliRunner().invoke(cli, ["export", str(build_dir), "-f", "rdfxml"])
    assert result.exit_code == 2
    assert "rdfxml" in result.output
    result = CliRunner().invoke(cli, ["export", str(build_dir)])
    assert result.exit_code == 2 and "--format" in result.output
