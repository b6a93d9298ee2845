"""The seeds' claim graph: what an analyst must find in it, and that all of it traces to text."""

from __future__ import annotations

import pathlib

from conftest import SEED_2019, SEED_2023, claim_with

from graph.build import EDGE_KINDS, NODE_KINDS, build_graph


def test_documents_carry_their_publication_dates(seed_build):
    G, _, _ = seed_build
    docs = {
        a["path"].rsplit("/", 1)[-1]: a for _, a in G.nodes(data=True) if a["kind"] == "document"
    }
    assert docs[SEED_2019.name]["published"] == "2019-07-10"
    assert docs[SEED_2023.name]["published"] == "2023-09-14"
    for node, a in G.nodes(data=True):
        if a["kind"] == "document":
            assert G.has_edge(node, f"date:{a['published']}", key="PUBLISHED_ON")


def test_running_claim_recurs_and_shares_a_family(seed_build):
    G, _, _ = seed_build
    old = claim_with(
        G, "No violent or terrorist activities have occurred in Xinjiang for almost three years"
    )
    new = claim_with(
        G, "there has been no violent terrorist incident in Xinjiang for over six consecutive years"
    )
    assert G.has_edge(old, new, key="RECURS")
    link = G.edges[old, new, "RECURS"]
    assert 0.0 < link["score"] <= 1.0
    assert link["relation"] == "updated"
    assert G.nodes[old]["family"] is not None
    assert G.nodes[old]["family"] == G.nodes[new]["family"]
    family = G.nodes[old]["family"]
    assert G.has_edge(old, family, key="MEMBER_OF") and G.has_edge(new, family, key="MEMBER_OF")
    assert G.nodes[family]["first_seen"] == "2019-07-10"
    assert G.nodes[family]["last_seen"] == "2023-09-14"


def test_courtesy_formula_is_not_a_claim(seed_build):
    G, _, _ = seed_build
    texts = [a["text"] for _, a in G.nodes(data=True) if a["kind"] == "claim"]
    assert not [t for t in texts if "avails itself of this opportunity" in t]
    assert [t for t in texts if "resolute opposition" in t]


def test_named_actors_are_nodes(seed_build):
    G, _, _ = seed_build
    for actor in (
        "actor:china",
        "actor:un-human-rights-council",
        "actor:human-rights-watch",
        "actor:amnesty-international",
        "actor:atlantic-council",
        "actor:western-countries",
    ):
        assert G.nodes[actor]["kind"] == "actor", actor
    labels = [a["label"].casefold() for _, a in G.nodes(data=True) if a["kind"] == "actor"]
    assert labels.count("china") == 1
    assert not [label for label in labels if label == "people's republic of china"]


def test_western_countries_is_one_actor_node(seed_build):
    # "a group of Western countries", "Some Western countries" (2019) are one
    # actor in the graph of both documents; the 2023 note never names them.
    G, _, _ = seed_build
    western = [
        n
        for n, a in G.nodes(data=True)
        if a["kind"] == "actor"
        and "western" in a["label"].lower()
        and "countr" in a["label"].lower()
    ]
    assert western == ["actor:western-countries"]
    mentioning = [
        claim
        for claim, _, key in G.in_edges("actor:western-countries", keys=True)
        if key == "MENTIONS"
    ]
    texts = " ".join(G.nodes[c]["text"] for c in mentioning)
    assert "a group of Western countries" in texts and "Some Western countries" in texts
    assert {"Western countries", "Some Western countries"} & set(
        G.nodes["actor:western-countries"]["aliases"]
    ) or G.nodes["actor:western-countries"]["name"] == "Western countries"


def test_every_node_and_edge_traces_to_a_sentence(seed_build):
    G, _, _ = seed_build
    texts = {
        n: pathlib.Path(a["path"]).read_text(encoding="utf-8")
        for n, a in G.nodes(data=True)
        if a["kind"] == "document"
    }
    for node, a in G.nodes(data=True):
        assert a["kind"] in NODE_KINDS
        assert a["label"]
        if a["kind"] == "claim":
            assert texts[a["document"]][a["start"] : a["end"]] == a["text"]
            assert G.has_edge(a["document"], node, key="CONTAINS")
        elif a["kind"] in {"actor", "date", "family"}:
            # reached from at least one claim or document
            assert any(
                G.nodes[u]["kind"] in {"claim", "document", "actor"} for u in G.predecessors(node)
            ) or any(G.nodes[v]["kind"] == "claim" for v in G.successors(node)), node
    for u, v, key, a in G.edges(keys=True, data=True):
        assert a["kind"] == key and key in EDGE_KINDS
        if key == "RECURS":
            assert G.nodes[u]["document"] != G.nodes[v]["document"]
            assert "score" in a


def test_date_nodes_come_from_time_expressions(seed_build):
    G, _, _ = seed_build
    refers = {v for _, v, key in G.edges(keys=True) if key == "REFERS_TO"}
    assert "date:2020" in refers  # "By 2020" (2019 remarks)
    assert "date:2023-09-19" in refers  # "scheduled for September 19" (2023 note)


def test_empty_input_gives_empty_graph():
    assert build_graph([]).number_of_nodes() == 0
