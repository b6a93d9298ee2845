"""Exports: Turtle parses with two independent parsers, IRIs are safe, writes are atomic."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph
import pytest
import rdflib

from graph.export import atomic_outputs, claims_csv, graph_json


def test_outputs_are_written(seed_build):
    _, report, out = seed_build
    names = ["graph.json", "graph.ttl", "graph.html", "explorer.html", "claims.csv", "build.json"]
    for name in names:
        assert (out / name).stat().st_size > 0, name
    assert sorted(p.rsplit("/", 1)[-1] for p in report.files) == sorted(names)
    assert not [p for p in out.iterdir() if p.name.startswith(".claimgraph-")]


def test_graph_json_is_node_link_data(seed_build):
    G, _, out = seed_build
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    again = nx.node_link_graph(data, edges="edges")
    assert again.number_of_nodes() == G.number_of_nodes()
    assert again.number_of_edges() == G.number_of_edges()
    for node in data["nodes"]:
        assert node["kind"] in {"document", "claim", "family", "actor", "date"} and node["label"]
        if node["kind"] == "document":
            assert {"title", "issuer", "published", "path", "sha256"} <= set(node)
        if node["kind"] == "claim":
            assert {"text", "document", "sentence", "start", "end", "speaker"} <= set(node)
    for edge in data["edges"]:
        assert edge["kind"] in {
            "CONTAINS",
            "ASSERTS",
            "MENTIONS",
            "REFERS_TO",
            "PUBLISHED_ON",
            "RECURS",
            "MEMBER_OF",
            "REPORTS",
        }
        if edge["kind"] == "RECURS":
            assert isinstance(edge["score"], float)


def test_turtle_parses_with_rdflib_and_oxigraph_to_the_same_triples(seed_build):
    _, _, out = seed_build
    data = (out / "graph.ttl").read_bytes()
    g = rdflib.Graph().parse(data=data, format="turtle")
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(g) > 100
    assert len(store) == len(g)


def test_turtle_carries_dates_spans_and_families(seed_build):
    _, _, out = seed_build
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    rows = list(
        g.query(
            """
        PREFIX schema: <https://schema.org/>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?published ?start ?text WHERE {
          ?family a schema:Claim ; schema:appearance ?claim .
          ?claim schema:text ?text ; schema:isPartOf ?doc ; oa:hasSelector ?sel .
          ?sel oa:start ?start .
          ?doc schema:datePublished ?published .
          FILTER(CONTAINS(?text, "terrorist"))
        }
        """
        )
    )
    published = {str(r.published) for r in rows}
    assert {"2019-07-10", "2023-09-14"} <= published


def test_claims_csv_has_a_row_per_claim(seed_build):
    import csv
    import io

    G, _, _ = seed_build
    rows = list(csv.DictReader(io.StringIO(claims_csv(G))))
    assert len(rows) == sum(1 for _, a in G.nodes(data=True) if a["kind"] == "claim")
    assert rows[0]["published"] == "2019-07-10"
    assert {r["published"] for r in rows} == {"2019-07-10", "2023-09-14"}


def test_atomic_outputs_keep_previous_files_on_failure(tmp_path):
    (tmp_path / "graph.json").write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_outputs(tmp_path) as write:
        write("graph.json", "new and incomplete")
        raise RuntimeError("killed mid-build")
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_graph_json_is_stable_for_the_same_graph(seed_build):
    G, _, _ = seed_build
    assert graph_json(G) == graph_json(G.copy())


def test_claims_csv_names_the_claimant_and_the_position(contested_build):
    import csv
    import io

    G, _, out = contested_build
    text = (out / "claims.csv").read_text(encoding="utf-8")
    assert text == claims_csv(G)
    rows = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",")
    assert header.index("claimant") == header.index("speaker") + 1
    assert header.index("position") == header.index("stance") + 1
    by_text = {r["text"]: r for r in rows}
    ambassador = next(r for t, r in by_text.items() if t.startswith("Ambassador Rudolf Rassendyll"))
    assert (ambassador["speaker"], ambassador["claimant"], ambassador["position"]) == (
        "The Strelsau Times",
        "Rudolf Rassendyll",
        "denies",
    )
    report = by_text[
        "The Ruritanian police detained more than 3,000 protesters in Strelsau in February."
    ]
    assert (report["claimant"], report["position"]) == ("Human Rights Watch", "asserts")
    relayed = next(r for t, r in by_text.items() if t.startswith("Reports say that"))
    assert relayed["position"] == "reports"
