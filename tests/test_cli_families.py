"""`claimgraph families`: the families of a built graph, and one family's variants in date order."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import claim_with

from graph.cli import cli


def _running_count_family(G):
    claim = claim_with(G, "No violent or terrorist activities have occurred in Xinjiang")
    return G.nodes[claim]["family"]


def test_families_table(seed_build):
    G, _, out = seed_build
    result = CliRunner().invoke(cli, ["families", str(out)])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split()[:3] == ["family", "first", "seen"]
    families = [n for n, a in G.nodes(data=True) if a["kind"] == "family"]
    assert len(rows) == len(families) >= 1
    family = _running_count_family(G)
    (row,) = [r for r in rows if r.startswith(family)]
    assert "2019-07-10" in row and "2023-09-14" in row and "actor:" in row


def test_one_family_shows_its_variants_with_figures_and_consistency(seed_build):
    G, _, out = seed_build
    family = _running_count_family(G)
    result = CliRunner().invoke(cli, ["families", str(out), "--family", family])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.index("2019-07-10") < text.index("2023-09-14")
    assert "[almost three years]" in text and "[over six consecutive years]" in text
    assert "updated" in text and "consistent" in text
    as_json = json.loads(
        CliRunner().invoke(cli, ["families", str(out), "--family", family, "--json"]).stdout
    )
    assert as_json["consistent"] is True
    assert [v["figures"] for v in as_json["variants"]] == [
        ["almost three years"],
        ["over six consecutive years"],
    ]
    assert as_json["variants"][1]["link"]["relation"] == "updated"


def test_unknown_family_and_missing_build_are_one_line_errors(tmp_path, seed_build):
    _, _, out = seed_build
    result = CliRunner().invoke(cli, ["families", str(out), "--family", "family:nope"])
    assert result.exit_code == 2 and "no family 'family:nope'" in result.output
    result = CliRunner().invoke(cli, ["families", str(tmp_path)])
    assert result.exit_code == 2 and "graph.json" in result.output


# --------------------------------------------------------------------------- both sides

REPORT = "more than 3,000 protesters in Strelsau in February"
MINISTRY = "The allegation that the Ruritanian police detained"
AMBASSADOR = "Ambassador Rudolf Rassendyll said"


def test_the_table_shows_who_asserts_and_who_denies_a_contested_family(contested_build):
    G, _, out = contested_build
    family = G.nodes[claim_with(G, REPORT)]["family"]
    result = CliRunner().invoke(cli, ["families", str(out)])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert "contested" in header.split() and "sides" in header.split()
    (row,) = [r for r in rows if r.startswith(family)]
    assert " yes " in row
    assert "asserted by Human Rights Watch; denied by Ministry of Foreign Affairs" in row
    (as_json,) = [
        r
        for r in json.loads(CliRunner().invoke(cli, ["families", str(out), "--json"]).stdout)
        if r["id"] == family
    ]
    assert as_json["contested"] is True
    assert as_json["asserted_by"] == ["actor:human-rights-watch"]
    assert as_json["denied_by"] == [
        "actor:ministry-of-foreign-affairs-of-ruritania",
        "actor:rudolf-rassendyll",
    ]
    assert as_json["reported_by"] == ["actor:the-strelsau-times"]
    assert (
        "denied by Ministry of Foreign Affairs of Ruritania, Rudolf Rassendyll" in as_json["sides"]
    )


def test_the_seeds_families_are_not_contested(seed_build):
    _, _, out = seed_build
    rows = json.loads(CliRunner().invoke(cli, ["families", str(out), "--json"]).stdout)
    assert rows and not any(r["contested"] for r in rows)
    assert all(r["denied_by"] == [] for r in rows)


def test_one_contested_family_shows_positions_claimants_and_contests_links(contested_build):
    G, _, out = contested_build
    report, ministry = claim_with(G, REPORT), claim_with(G, MINISTRY)
    ambassador = claim_with(G, AMBASSADOR)
    family = G.nodes[report]["family"]
    result = CliRunner().invoke(cli, ["families", str(out), "--family", family])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "CONTESTED: asserted by Human Rights Watch; denied by" in text
    assert "denies (claimant Rudolf Rassendyll)" in text
    assert "asserts (claimant Human Rights Watch)" in text
    assert "reports (claimant The Strelsau Times, relayed)" in text
    assert f"contests {report} (2021-03-01, Human Rights Watch): rebuts" in text
    data = json.loads(
        CliRunner().invoke(cli, ["families", str(out), "--family", family, "--json"]).stdout
    )
    assert data["contested"] is True
    assert data["position_counts"] == {"asserts": 2, "denies": 2, "reports": 1}
    variants = {v["claim"]: v for v in data["variants"]}
    assert [v["position"] for v in data["variants"]] == [
        "asserts",
        "denies",
        "denies",
        "reports",
        "asserts",
    ]
    by_ambassador = variants[ambassador]
    assert (by_ambassador["speaker"], by_ambassador["claimant"]) == (
        "actor:the-strelsau-times",
        "actor:rudolf-rassendyll",
    )
    (link,) = [c for c in variants[ministry]["contests"] if c["claim"] == report]
    assert link["relation"] == "rebuts" and 0 < link["score"] <= 1
    assert link["claimant"] == "actor:human-rights-watch"
    assert ministry in {c["claim"] for c in variants[report]["contested_by"]}
    assert variants[ministry]["rebuts"].startswith("the Ruritanian police detained")


def test_a_family_of_undated_documents_reads_undated_not_a_made_up_date() -> None:
    import networkx as nx

    from graph.families import family_table, format_families

    G = nx.MultiDiGraph()
    G.add_node(
        "family:a",
        kind="family",
        label="The dam will not cut the river's flow",
        first_seen=None,
        last_seen=None,
        documents=["doc:a", "doc:b"],
        claims=["c1", "c2"],
        speaker_counts={},
    )
    table = format_families(family_table(G))
    row = table.splitlines()[1]
    assert row.split()[1:3] == ["undated", "undated"]
    assert "1970" not in table
