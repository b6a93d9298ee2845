"""The ready SPARQL queries of docs/queries run on the seeds' build and give the rows a reader expects.

Expected rows come from reading the two seed texts: the 2019 Geneva remarks say
"No violent or terrorist activities have occurred in Xinjiang for almost three
years" (so since about 2016-07-10); the 2023 New York note says "there has been
no violent terrorist incident in Xinjiang for over six consecutive years" (since
before 2017-09-14) and "nearly 100 countries voiced their support".
"""

from __future__ import annotations

import pytest
from conftest import ROOT, claim_with

from graph.query import load_store, run_query
from graph.rdf import node_id_of, node_iri

QUERIES = ROOT / "docs" / "queries"
GENEVA_MISSION = (
    "actor:permanent-mission-of-the-people-s-republic-of-china-to-the-united-nations-office"
)
NEW_YORK_MISSION = "actor:permanent-mission-of-the-people-s-republic-of-china-to-the-united-nations"

#: every query of docs/queries and the test that checks its rows
TESTED = {
    "claims-by-speaker-about-actor.rq",
    "contested-families.rq",
    "denials.rq",
    "duration-claims.rq",
    "families-seen-in-n-years.rq",
    "family-timeline.rq",
    "quantity-claims.rq",
    "who-repeats-whose-claims.rq",
}


@pytest.fixture(scope="module")
def store(seed_build):
    _, _, out = seed_build
    return load_store(out)


def rows(store, name: str, *params: str) -> list[dict[str, str | None]]:
    """The query's rows, graph nodes as their ids, literals as their values."""
    result = run_query(store, (QUERIES / name).read_text(encoding="utf-8"), params)
    names = [v.value for v in result.variables]
    out = []
    for solution in result:
        row: dict[str, str | None] = {}
        for n in names:
            term = solution[n]
            if term is None:
                row[n] = None
            elif hasattr(term, "datatype"):
                row[n] = term.value
            else:
                row[n] = node_id_of(term.value) or term.value
        out.append(row)
    return out


def test_every_ready_query_is_tested():
    assert {p.name for p in QUERIES.glob("*.rq")} == TESTED


def test_duration_claims_and_their_implied_start_dates(store, seed_build):
    G, _, _ = seed_build
    found = rows(store, "duration-claims.rq")
    assert [(r["date"], r["expression"], r["duration"], r["modifier"]) for r in found] == [
        ("2019-07-10", "almost three years", "P3Y", "APPROX"),
        ("2023-09-14", "over six consecutive years", "P6Y", "MORE_THAN"),
    ]
    assert [(r["impliedStart"], r["impliedEnd"]) for r in found] == [
        ("2016-07-10", "2019-07-10"),
        ("2017-09-14", "2023-09-14"),
    ]
    assert found[0]["text"] == (
        "No violent or terrorist activities have occurred in Xinjiang for almost three years."
    )
    assert "no violent terrorist incident in Xinjiang" in found[1]["text"]
    assert [r["speaker"] for r in found] == [GENEVA_MISSION, NEW_YORK_MISSION]
    # the two are one running claim
    assert found[0]["family"] is not None and found[0]["family"] == found[1]["family"]
    assert found[0]["claim"] == claim_with(G, "for almost three years")


def test_families_seen_in_at_least_n_years(store, seed_build):
    G, _, _ = seed_build
    terrorism = G.nodes[claim_with(G, "for almost three years")]["family"]
    found = rows(store, "families-seen-in-n-years.rq")  # N = 2 by default
    by_family = {r["family"]: r for r in found}
    assert terrorism in by_family
    assert by_family[terrorism]["years"] == "2"
    assert by_family[terrorism]["documents"] == "2"
    assert (by_family[terrorism]["first"], by_family[terrorism]["last"]) == (
        "2019-07-10",
        "2023-09-14",
    )
    assert "terrorist" in by_family[terrorism]["label"]
    assert all(int(r["years"]) >= 2 for r in found)
    assert rows(store, "families-seen-in-n-years.rq", "min_years=2") == [
        r | {"min_years": "2"} for r in found
    ]
    # the seeds span two years: no family is seen in three
    assert rows(store, "families-seen-in-n-years.rq", "min_years=3") == []
    families = {n for n, a in G.nodes(data=True) if a["kind"] == "family"}
    assert {r["family"] for r in rows(store, "families-seen-in-n-years.rq", "min_years=1")} == (
        families
    )


def test_who_repeats_whose_claims(store, seed_build):
    G, _, _ = seed_build
    found = rows(store, "who-repeats-whose-claims.rq")
    # the 2023 New York mission carries on the 2019 Geneva mission's claims, nobody else's
    assert [(r["original"], r["repeater"]) for r in found] == [(GENEVA_MISSION, NEW_YORK_MISSION)]
    row = found[0]
    assert row["originalName"].startswith(
        "Permanent Mission of the People's Republic of China to the United Nations Office at Geneva"
    )
    assert row["repeaterName"] == (
        "Permanent Mission of the People's Republic of China to the United Nations"
    )
    # every family first seen in Geneva and seen again in the New York note counts
    carried = [
        a
        for _, a in G.nodes(data=True)
        if a["kind"] == "family"
        and G.nodes[a["claims"][0]]["speaker"] == GENEVA_MISSION
        and any(G.nodes[c]["speaker"] == NEW_YORK_MISSION for c in a["claims"])
    ]
    assert int(row["families"]) == len(carried) >= 1
    later = {c for a in carried for c in a["claims"] if G.nodes[c]["speaker"] == NEW_YORK_MISSION}
    assert int(row["repeats"]) == len(later)
    assert (row["since"], row["latest"]) == ("2019-07-10", "2023-09-14")


def test_claims_of_one_speaker_about_one_actor_by_date(store, seed_build):
    G, _, _ = seed_build
    found = rows(
        store,
        "claims-by-speaker-about-actor.rq",
        f"speaker={NEW_YORK_MISSION}",
        "actor=actor:china",
    )
    texts = [r["text"] for r in found]
    # sentences of the 2023 note that name China
    for fragment in (
        "anti-China organizations",
        "disrupt China's peaceful development",
        "support in different ways for China's policy",
        "China attaches great importance",
        "hold back China's development",
        "We reject any wrongful act of interfering in China's internal affairs",
    ):
        assert sum(fragment in t for t in texts) == 1, fragment
    # and none of those that do not
    for fragment in ("are not about human rights", "countering violent terrorism"):
        assert not any(fragment in t for t in texts), fragment
    assert {(r["date"], r["speaker"], r["actor"]) for r in found} == {
        ("2023-09-14", NEW_YORK_MISSION, "actor:china")
    }
    # in the order they were written
    starts = [G.nodes[r["claim"]]["start"] for r in found]
    assert starts == sorted(starts)
    # exactly the graph's claims of that speaker with a MENTIONS edge to China
    expected = {
        u
        for u, v, k in G.edges(keys=True)
        if k == "MENTIONS" and v == "actor:china" and G.nodes[u]["speaker"] == NEW_YORK_MISSION
    }
    assert {r["claim"] for r in found} == expected
    # roles are the edge's roles
    for r in found:
        assert sorted(r["roles"].split()) == G.edges[r["claim"], "actor:china", "MENTIONS"]["roles"]


def test_claims_by_speaker_without_parameters_lists_every_speaker_and_actor(store, seed_build):
    G, _, _ = seed_build
    found = rows(store, "claims-by-speaker-about-actor.rq")
    mentions = [
        (u, v) for u, v, k in G.edges(keys=True) if k == "MENTIONS" and G.nodes[u]["speaker"]
    ]
    assert sorted((r["claim"], r["actor"]) for r in found) == sorted(mentions)


def test_family_timeline(store, seed_build):
    G, _, _ = seed_build
    family = G.nodes[claim_with(G, "for almost three years")]["family"]
    found = rows(store, "family-timeline.rq", f"family={family}")
    assert [(r["date"], r["relations"] or None) for r in found] == [
        ("2019-07-10", None),
        ("2023-09-14", "updated"),
    ]
    assert "for over six consecutive years" in found[1]["text"]
    assert float(found[1]["bestScore"]) > 0.5
    # one row per appearance, whatever the number of links into it
    appearances = sum(len(a["claims"]) for _, a in G.nodes(data=True) if a["kind"] == "family")
    everything = rows(store, "family-timeline.rq")
    assert len(everything) == appearances
    assert len({(r["family"], r["claim"]) for r in everything}) == appearances


def test_quantity_claims(store):
    found = rows(store, "quantity-claims.rq")
    assert [
        (r["date"], r["quantity"], float(r["value"]), r["unit"], r["modifier"]) for r in found
    ] == [("2023-09-14", "nearly 100 countries", 100.0, "countries", "APPROX")]
    assert found[0]["speaker"] == NEW_YORK_MISSION


def test_denials(store, seed_build):
    G, _, _ = seed_build
    found = rows(store, "denials.rq")
    denied = {
        n
        for n, a in G.nodes(data=True)
        if a["kind"] == "claim" and a["stance"] == "denies" and a["speaker"]
    }
    assert {r["claim"] for r in found} == denied
    reject = claim_with(G, "We reject any wrongful act")
    row = next(r for r in found if r["claim"] == reject)
    assert "China" in row["targets"].split("; ")
    assert row["date"] == "2023-09-14"
    dates = [r["date"] for r in found]
    assert dates == sorted(dates)
    one = rows(store, "denials.rq", f"speaker={NEW_YORK_MISSION}")
    assert {r["claim"] for r in one} == {
        r["claim"] for r in found if r["speaker"] == NEW_YORK_MISSION
    }
    assert reject in {r["claim"] for r in one}


def test_parameters_are_bound_as_terms_never_pasted(store):
    from graph.query import parameter

    hostile = "actor:china> } UNION { ?s ?p ?o } #"
    name, term = parameter(f"actor={hostile}")
    assert (name, term.value) == ("actor", str(node_iri(hostile)))
    assert " " not in term.value and ">" not in term.value
    # one odd IRI that matches nothing, not a rewritten query that matches everything
    assert rows(store, "claims-by-speaker-about-actor.rq", f"actor={hostile}") == []
    assert rows(store, "claims-by-speaker-about-actor.rq", "actor=actor:china")
    assert rows(store, "denials.rq", 'speaker=" } UNION { ?s ?p ?o } #') == []


def test_contested_families_who_asserts_and_who_denies_since_when(store, contested_build):
    assert rows(store, "contested-families.rq") == []  # the seeds speak for one side
    G, _, out = contested_build
    contested = load_store(out)
    found = rows(contested, "contested-families.rq")
    report = claim_with(G, "more than 3,000 protesters in Strelsau in February")
    family = G.nodes[report]["family"]
    assert {r["family"] for r in found} == {family}
    assert {r["proposition"] for r in found} == {G.nodes[report]["text"]}
    assert [
        (r["position"], r["claimant"], r["since"], r["latest"], r["claims"]) for r in found
    ] == [
        ("asserts", "actor:human-rights-watch", "2021-03-01", "2021-04-10", "2"),
        (
            "denies",
            "actor:ministry-of-foreign-affairs-of-ruritania",
            "2021-03-05",
            "2021-03-05",
            "1",
        ),
        # quoted by the newspaper: the ambassador's claim, not the newspaper's
        ("denies", "actor:rudolf-rassendyll", "2021-03-08", "2021-03-08", "1"),
        ("reports", "actor:the-strelsau-times", "2021-03-08", "2021-03-08", "1"),
    ]
    by_claimant = {r["claimant"]: r for r in found}
    assert by_claimant["actor:rudolf-rassendyll"]["claimantName"] == "Rudolf Rassendyll"
    assert int(by_claimant["actor:ministry-of-foreign-affairs-of-ruritania"]["contests"]) >= 2
    assert by_claimant["actor:human-rights-watch"]["contests"] == "0"
    one = rows(contested, "contested-families.rq", "claimant=actor:rudolf-rassendyll")
    assert [(r["family"], r["position"]) for r in one] == [(family, "denies")]
    assert rows(contested, "contested-families.rq", f"family={family}") == found
