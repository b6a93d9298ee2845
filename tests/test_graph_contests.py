"""Contested propositions: rebuttals joined to what they deny, positions, claimants.

Every sentence here was written for these tests (none is taken from the dev
set of real statements in tests/data/devset).
"""

from __future__ import annotations

import json

import pytest
from conftest import claim_with

from extract.rebuttal import denied_proposition


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        (
            "The claim that the dam flooded three villages is a sheer fabrication.",
            "the dam flooded three villages",
        ),
        (
            "The harbour authority denied that any tanker had leaked oil into the bay.",
            "any tanker had leaked oil into the bay",
        ),
        (
            "It is absolutely false that the governor sold the forest to a mining firm.",
            "the governor sold the forest to a mining firm",
        ),
        (
            "There is no evidence that the vaccine trial skipped its safety review.",
            "the vaccine trial skipped its safety review",
        ),
        (
            "The ministry rejected allegations that its border guards fired on fishermen.",
            "its border guards fired on fishermen",
        ),
        (
            "Officials denied any role in the disappearance of the two reporters.",
            "role in the disappearance of the two reporters",
        ),
    ],
)
def test_denied_proposition_is_the_complement_of_the_rebuttal(sentence, denied):
    assert denied_proposition(sentence) == denied


@pytest.mark.parametrize(
    "sentence",
    [
        "The dam flooded three villages in the spring.",
        "We reject any attempt to interfere in the election.",  # rejects an act, not a claim
        "The minister condemned the attack on the convoy.",
        "Reports from the region describe long queues for bread.",
    ],
)
def test_assertions_rebut_nothing(sentence):
    assert denied_proposition(sentence) == ""


NGO = """Flood Watch statement on the Varna dam

Flood Watch, 3 May 2021

The spring release from the Varna dam flooded three villages downstream.

More than 400 families lost their homes in the flooding, according to our field teams.

The regional government ignored repeated warnings about the state of the spillway.
"""

MINISTRY = """Statement of the Ministry of Water on recent allegations

Ministry of Water, 10 May 2021

The claim that the Varna dam flooded three villages is a sheer fabrication.

The spillway of the Varna dam was inspected in March and found in good order.

We will publish the full inspection report next week.
"""

REPORT = """Dispute over Varna dam flooding grows

Valley Courier, 12 June 2021

A member of the parliamentary panel cited estimates that the release from the Varna dam flooded three villages.

Heavy rain fell across the valley for most of the week.
"""


@pytest.fixture(scope="module")
def dam_build(tmp_path_factory):
    from graph.pipeline import build

    folder = tmp_path_factory.mktemp("contested-docs")
    for name, text, issuer in (
        ("ngo", NGO, "Flood Watch"),
        ("ministry", MINISTRY, "Ministry of Water"),
        ("courier", REPORT, "Valley Courier"),
    ):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({"issuer": issuer}), "utf-8")
    G, report = build([folder], tmp_path_factory.mktemp("contested-out"))
    return G


def test_rebuttal_contests_the_claim_it_denies(dam_build):
    G = dam_build
    flooded = claim_with(G, "The spring release from the Varna dam flooded")
    rebuttal = claim_with(G, "is a sheer fabrication")
    data = G.get_edge_data(rebuttal, flooded, key="CONTESTS")
    assert data is not None, "the rebuttal must contest the claim it calls false"
    assert data["relation"] == "rebuts"
    assert G.get_edge_data(rebuttal, flooded, key="RECURS") is None
    assert G.get_edge_data(flooded, rebuttal, key="RECURS") is None


def test_family_holds_both_sides_with_positions(dam_build):
    G = dam_build
    flooded = claim_with(G, "The spring release from the Varna dam flooded")
    rebuttal = claim_with(G, "is a sheer fabrication")
    family = G.nodes[flooded]["family"]
    assert family is not None and G.nodes[rebuttal]["family"] == family
    assert G.nodes[flooded]["position"] == "asserts"
    assert G.nodes[rebuttal]["position"] == "denies"
    attrs = G.nodes[family]
    assert attrs["contested"] is True
    assert attrs["label_claim"] != rebuttal  # the proposition is stated by an assertion
    assert "actor:flood-watch" in attrs["asserted_by"]
    assert attrs["denied_by"] == ["actor:ministry-of-water"]


def test_relayed_estimate_reports_the_proposition(dam_build):
    G = dam_build
    cited = claim_with(G, "cited estimates that the release")
    attrs = G.nodes[cited]
    assert attrs["relays"] is True
    # relayed without endorsing: it reports the proposition of the family it joins
    assert attrs["family"] == G.nodes[claim_with(G, "The spring release")]["family"]
    assert attrs["position"] == "reports"
    assert attrs["claimant"] == "actor:valley-courier"


def test_unrelated_claims_stay_out_of_the_family(dam_build):
    G = dam_build
    rain = claim_with(G, "Heavy rain fell across the valley")
    inspected = claim_with(G, "was inspected in March")
    assert G.nodes[rain]["family"] is None
    flooded = claim_with(G, "The spring release from the Varna dam flooded")
    assert G.nodes[inspected]["family"] != G.nodes[flooded]["family"]
