"""``claimgraph query``: SPARQL on a build folder, as a table, CSV, TSV or JSON; clear errors."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT

from graph.cli import cli

DURATIONS = str(ROOT / "docs" / "queries" / "duration-claims.rq")
BY_SPEAKER = str(ROOT / "docs" / "queries" / "claims-by-speaker-about-actor.rq")
NEW_YORK_MISSION = "actor:permanent-mission-of-the-people-s-republic-of-china-to-the-united-nations"


@pytest.fixture(scope="module")
def build_dir(seed_build, tmp_path_factory):
    _, _, out = seed_build
    folder = tmp_path_factory.mktemp("query-build")
    shutil.copy(out / "graph.ttl", folder / "graph.ttl")
    return folder


def run(*args: str):
    return CliRunner().invoke(cli, ["query", *args])


def test_an_inline_query_prints_a_table_with_node_ids(build_dir):
    result = run(
        str(build_dir),
        "SELECT ?actor ?name WHERE { ?actor a cg:Actor ; skos:prefLabel ?name "
        'FILTER(?name = "China") }',
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["actor", "name"]
    assert lines[2].split() == ["actor:china", "China"]
    assert lines[-1] == "(1 row)"


def test_a_query_file_as_csv_tsv_and_json(build_dir):
    result = run(str(build_dir), "--file", DURATIONS, "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["expression"], r["impliedStart"]) for r in table] == [
        ("almost three years", "2016-07-10"),
        ("over six consecutive years", "2017-09-14"),
    ]
    assert table[0]["claim"].startswith("https://w3id.org/claimgraph/id/claim/")
    result = run(str(build_dir), "--file", DURATIONS, "-f", "json")
    data = json.loads(result.output)
    assert [b["duration"]["value"] for b in data["results"]["bindings"]] == ["P3Y", "P6Y"]
    assert data["results"]["bindings"][0]["duration"]["datatype"].endswith("#duration")
    result = run(str(build_dir), "--file", DURATIONS, "-f", "tsv")
    assert result.output.splitlines()[0].startswith("?date\t?claim")


def test_parameters_narrow_a_ready_query(build_dir):
    result = run(
        str(build_dir),
        "--file",
        BY_SPEAKER,
        "--param",
        f"speaker={NEW_YORK_MISSION}",
        "-p",
        "actor=actor:china",
        "-f",
        "csv",
    )
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert table and {r["actor"] for r in table} == {"https://w3id.org/claimgraph/id/actor/china"}
    assert {r["date"] for r in table} == {"2023-09-14"}
    assert any("We reject any wrongful act" in r["text"] for r in table)


def test_ask_and_construct(build_dir):
    result = run(str(build_dir), "ASK { ?f a schema:Claim }")
    assert (result.exit_code, result.output) == (0, "true\n")
    result = run(
        str(build_dir),
        "CONSTRUCT { ?a skos:prefLabel ?n } WHERE { ?a a cg:Actor ; skos:prefLabel ?n "
        'FILTER(?n = "China") }',
    )
    assert result.exit_code == 0, result.output
    assert "skos:prefLabel" in result.output and '"China"' in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT ?x WHERE { ?x ?p "], "does not parse"),
        (["SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", "-p", "y=3"], "does not select ?y"),
        (["SELECT ?x WHERE { ?x ?p ?o }", "-p", "no-equals-sign"], "NAME=VALUE"),
    ],
)
def test_mistakes_are_one_clear_line(build_dir, args, message):
    result = run(str(build_dir), *args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.output


def test_the_query_is_given_once(build_dir):
    assert run(str(build_dir)).exit_code == 2
    result = run(str(build_dir), "ASK {}", "--file", DURATIONS)
    assert result.exit_code == 2 and "either" in result.output


def test_a_folder_without_a_build(tmp_path):
    result = run(str(tmp_path), "ASK {}")
    assert result.exit_code == 2
    assert "graph.ttl" in result.output and "claimgraph build" in result.output
