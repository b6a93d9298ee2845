"""`claimgraph extract`: what extraction makes of documents, as a table or JSON lines."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED_2019, SEED_2023, SEEDS

from graph.cli import cli

NOTE = (
    "Ministry of Foreign Affairs of Ruritania\n\n"
    "The ministry said on Monday that talks with Borduria had failed last year.\n"
)


def _jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def seeds_jsonl():
    result = CliRunner().invoke(cli, ["extract", str(SEEDS), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return result


def test_jsonl_is_one_sorted_object_per_document(seeds_jsonl):
    lines = seeds_jsonl.stdout.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    for line, record in zip(lines, records, strict=True):
        assert line == json.dumps(record, sort_keys=True, ensure_ascii=False)
        assert set(record) == {
            "actors",
            "claims",
            "document",
            "extractor_version",
            "sentences",
            "times",
        }
    assert [r["document"]["path"].rsplit("/", 1)[-1] for r in records] == [
        SEED_2019.name,
        SEED_2023.name,
    ]
    meta = records[1]["document"]
    assert (meta["published"], meta["place"]) == ("2023-09-14", "New York")
    assert meta["issuer"].startswith("Permanent Mission of the People's Republic of China")
    claim = next(c for c in records[0]["claims"] if "almost three years" in c["text"])
    assert claim["speaker"] and claim["stance"] == "asserts"
    assert {"actor", "text", "start", "end", "role"} == set(claim["actors"][0])
    quantities = [q for c in records[1]["claims"] for q in c["quantities"]]
    assert [(q["value"], q["modifier"]) for q in quantities if "100" in q["text"]] == [
        (100.0, "APPROX")
    ]


def test_jsonl_lists_every_time_expression(seeds_jsonl):
    records = _jsonl(seeds_jsonl)
    found = {
        (t["text"], t["type"], t["value"], t.get("modifier")) for r in records for t in r["times"]
    }
    for expected in [
        ("10 July 2019", "DATE", "2019-07-10", None),
        ("A few days ago", "DATE", "PAST_REF", None),
        ("almost three years", "DURATION", "P3Y", "APPROX"),
        ("2020", "DATE", "2020", None),
        ("September 19", "DATE", "2023-09-19", None),
        ("over six consecutive years", "DURATION", "P6Y", "MORE_THAN"),
        ("14 September 2023", "DATE", "2023-09-14", None),
    ]:
        assert expected in found
    # the datelines are not claims, and their dates are still listed
    for record in records:
        claim_sentences = {c["sentence"] for c in record["claims"]}
        assert any(t["sentence"] not in claim_sentences for t in record["times"])


def test_extract_and_build_give_the_same_claims(seeds_jsonl, seed_build):
    G, _, _ = seed_build
    built = {
        node: (a["start"], a["end"], a["text"], a["stance"], a["times"])
        for node, a in G.nodes(data=True)
        if a["kind"] == "claim"
    }
    extracted = {
        c["id"]: (c["start"], c["end"], c["text"], c["stance"], c["times"])
        for record in _jsonl(seeds_jsonl)
        for c in record["claims"]
    }
    assert extracted == built
    assert len(extracted) > 20


def test_output_is_deterministic(seeds_jsonl):
    again = CliRunner().invoke(cli, ["extract", str(SEEDS), "--format", "jsonl"])
    assert again.exit_code == 0
    assert again.stdout == seeds_jsonl.stdout


def test_table_prints_claims_and_time_expressions():
    result = CliRunner().invoke(cli, ["extract", str(SEED_2023)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert SEED_2023.name in out.splitlines()[0]
    assert "  published  2023-09-14  (text)" in out
    assert "  claims" in out and "  time expressions" in out
    assert "over six consecutive years" in out and "MORE_THAN" in out
    assert "2023-09-19" in out


def test_published_option_and_sidecar_set_the_anchor(tmp_path):
    note = tmp_path / "ruritania-note.txt"
    note.write_text(NOTE, encoding="utf-8")
    runner = CliRunner()

    def times(*options: str) -> dict:
        result = runner.invoke(cli, ["extract", str(note), "--format", "jsonl", *options])
        assert result.exit_code == 0, result.output
        [record] = _jsonl(result)
        return {t["text"]: (t["value"], t.get("anchor")) for t in record["times"]}

    # no date anywhere: placeholders, no anchor
    assert times() == {"Monday": ("XXXX-WXX-1", None), "last year": ("XXXX", None)}
    # 2021-03-03 is a Wednesday; "said on Monday" is the Monday before
    assert times("--published", "2021-03-03") == {
        "Monday": ("2021-03-01", "2021-03-03"),
        "last year": ("2020", "2021-03-03"),
    }
    (tmp_path / "ruritania-note.meta.json").write_text(
        '{"published": "2016-06-30"}', encoding="utf-8"
    )
    assert times()["last year"] == ("2015", "2016-06-30")
    # the option is stronger than the sidecar
    assert times("--published", "2021-03-03")["last year"] == ("2020", "2021-03-03")


def test_unreadable_and_missing_paths_are_reported_and_the_rest_printed(tmp_path):
    good = tmp_path / "note.txt"
    good.write_text(NOTE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    table = tmp_path / "table.xlsx"
    table.write_bytes(b"PK\x03\x04")
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(
        cli, ["extract", str(missing), str(empty), str(good), str(table), "--format", "jsonl"]
    )
    assert result.exit_code == 1
    assert [r["document"]["id"] for r in _jsonl(result)] == ["doc:note"]
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert all(line.startswith("claimgraph: ") for line in errors)
    for path in (missing, empty, table):
        assert sum(str(path) in line or path.name in line for line in errors) == 1
    assert "Traceback" not in result.output


def test_stray_files_in_a_folder_are_noted_not_failed(tmp_path):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(_jsonl(result)) == 1
    assert "picture.png: skipped" in result.stderr


def test_nothing_to_read_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"claimgraph: {tmp_path}: no ")


def test_bad_published_option():
    result = CliRunner().invoke(cli, ["extract", str(SEEDS), "--published", "14/09/2023"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def _shape(value):
    """The keys of a JSON value, all the way down (lists by their first item)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__ if value is not None else "null"


def test_the_example_of_the_docs_matches_what_extract_prints(tmp_path):
    """docs/extract.md documents real output: same schema, same time expressions, same claims."""
    docs = (ROOT / "docs" / "extract.md").read_text(encoding="utf-8")
    example = docs.split("`ruritania-statement.txt`:\n\n```\n", 1)[1].split("```", 1)[0]
    shown_json = json.loads(docs.split("```json\n", 1)[1].split("```", 1)[0])
    shown_table = docs.split("(`--format table`, the default):\n\n```\n", 1)[1].split("```", 1)[0]
    note = tmp_path / "ruritania-statement.txt"
    note.write_text(example, encoding="utf-8")
    runner = CliRunner()
    options = ["extract", str(note), "--published", "2021-03-03"]
    [record] = _jsonl(runner.invoke(cli, [*options, "--format", "jsonl"]))
    assert set(record) == set(shown_json)
    assert _shape(record["claims"][0]) == _shape(shown_json["claims"][0])
    times = [(t["text"], t["type"], t["value"]) for t in record["times"]]
    assert times == [(t["text"], t["type"], t["value"]) for t in shown_json["times"]]
    assert [c["text"] for c in record["claims"]] == [c["text"] for c in shown_json["claims"]]
    table = runner.invoke(cli, options).stdout
    for claim in shown_json["claims"]:
        assert claim["text"][:40] in table and claim["text"][:40] in shown_table
