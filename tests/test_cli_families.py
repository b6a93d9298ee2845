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
