"""`claimgraph match`: where have we seen this claim before? TREC run files from TSV, JSONL or a build."""

from __future__ import annotations

import json

from click.testing import CliRunner

from graph.cli import cli

QUERIES = (
    "id\ttext\n"
    "q1\tOfficials say there has been no terrorist attack in the region for six years "
    "pic.twitter.com/abc — Some One (@someone) January 6, 2020\n"
    "q2\tThe bridge over the river closes for repairs in May.\n"
)
CANDIDATES = [
    {
        "id": "c1",
        "text": "No terrorist attack has occurred in the region for years.",
        "title": "Six years without attacks?",
    },
    {"id": "c2", "text": "The river bridge will be closed in May for repair work."},
    {"id": "c3", "text": "The football team won the national championship."},
]


def _files(tmp_path):
    queries = tmp_path / "queries.tsv"
    queries.write_text(QUERIES, encoding="utf-8")
    candidates = tmp_path / "candidates.jsonl"
    candidates.write_text("".join(json.dumps(c) + "\n" for c in CANDIDATES), encoding="utf-8")
    return queries, candidates


def test_match_writes_a_trec_run(tmp_path):
    queries, candidates = _files(tmp_path)
    run = tmp_path / "run.txt"
    result = CliRunner().invoke(
        cli, ["match", str(queries), str(candidates), "--top", "2", "--out", str(run)]
    )
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in run.read_text(encoding="utf-8").splitlines()]
    assert all(len(cells) == 6 and cells[1] == "Q0" and cells[5] == "claimgraph" for cells in lines)
    top = {cells[0]: cells[2] for cells in lines if cells[3] == "1"}
    assert top == {"q1": "c1", "q2": "c2"}
    for qid in ("q1", "q2"):
        scores = [float(c[4]) for c in lines if c[0] == qid]
        assert scores == sorted(scores, reverse=True) and len(scores) == 2


def test_match_to_stdout_is_deterministic(tmp_path):
    queries, candidates = _files(tmp_path)
    runner = CliRunner()
    first = runner.invoke(cli, ["match", str(queries), str(candidates), "--top", "1"])
    second = runner.invoke(cli, ["match", str(queries), str(candidates), "--top", "1"])
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout and first.stdout.count("\n") == 2


def test_match_against_a_built_graph(tmp_path, seed_build):
    _, _, out = seed_build
    queries = tmp_path / "q.tsv"
    queries.write_text(
        "q1\tNo violent terrorist incident has happened in Xinjiang for years.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["match", str(queries), str(out), "--top", "3"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0].split()
    assert first[3] == "1" and first[2].startswith("claim:")
    assert "#s12" in first[2] or "#s8" in first[2]  # one of the two running-count claims


def test_match_reports_a_bad_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("only-an-id\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["match", str(bad), str(bad)])
    assert result.exit_code == 2
    assert "bad.tsv" in result.output and "id<TAB>text" in result.output
    assert "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["match", str(tmp_path / "nope.tsv"), str(bad)])
    assert missing.exit_code == 2 and "not found" in missing.output
