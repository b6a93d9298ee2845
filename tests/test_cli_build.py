"""The claimgraph CLI, run as a user would: CliRunner in-process and one real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from graph import __version__
from graph.cli import cli


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0 and "Example" in result.output
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, name


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_build_prints_a_summary_and_writes_outputs(tmp_path, seed_build):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("2 documents, ") and "claim families" in first
    assert "2019-07-10" in result.output and "2023-09-14" in result.output
    for name in (
        "graph.json",
        "graph.ttl",
        "graph.html",
        "explorer.html",
        "claims.csv",
        "build.json",
    ):
        assert (out / name).is_file()
    # the same input as the library build gives the same graph
    _, _, library_out = seed_build
    assert (out / "graph.ttl").read_bytes() == (library_out / "graph.ttl").read_bytes()


def test_missing_path_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "no readable" in lines[0] and "nowhere" in lines[0]
    assert not (tmp_path / "o").exists()


def test_bad_and_unsupported_files_are_reported_and_good_ones_kept(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "Ministry of Foreign Affairs\n\nBeijing, 3 March 2021\n\nThe ministry firmly opposes the sanctions.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output
    assert "table.xlsx" in result.output
    summary = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert [d["published"] for d in summary["documents"]] == ["2021-03-03"]
    kept = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "--keep-going"])
    assert kept.exit_code == 0


def test_bad_published_option():
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--published", "14/09/2023"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


@pytest.mark.slow
def test_two_builds_in_separate_processes_are_byte_identical(tmp_path, seed_build):
    """A second build in a fresh process (other hash seed) writes the same bytes."""
    _, _, first = seed_build
    out = tmp_path / "again"
    env = dict(os.environ, PYTHONHASHSEED="12345", HF_HUB_OFFLINE="1")
    subprocess.run(
        [sys.executable, "-m", "graph.cli", "build", str(SEEDS), "--out", str(out), "--quiet"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    for name in ("graph.json", "graph.ttl", "graph.html", "explorer.html", "claims.csv"):
        assert (out / name).read_bytes() == (first / name).read_bytes(), name
