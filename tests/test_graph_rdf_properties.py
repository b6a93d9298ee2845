"""Properties of the RDF export: any ids, any text, any file name -> Turtle that parses and conforms."""

from __future__ import annotations

import io
import pathlib
import tempfile
import warnings

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graph.export import gexf, graphml
from graph.rdf import jsonld, node_id_of, node_iri, to_rdf, turtle, validate

# any text but lone surrogates (no decoded document holds them)
TEXT = st.text(max_size=40)
ID_PART = st.text(min_size=1, max_size=12)
DATES = st.dates().map(lambda d: d.isoformat())
TIMEX_VALUES = st.one_of(
    st.sampled_from(["P3Y", "P6Y", "PT2H", "P2W", "PXY", "PAST_REF", "2019", "2019-07", "2019-Q3"]),
    DATES,
    TEXT,
)
MODIFIERS = st.none() | st.sampled_from(["APPROX", "MORE_THAN", "LESS_THAN", "START", "END"])


def parse_jsonld(data: str) -> rdflib.Graph:
    """rdflib's JSON-LD parser, without the DeprecationWarning it raises about its own internals."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=data, format="json-ld")


@st.composite
def claim_graphs(draw) -> nx.MultiDiGraph:
    """Claim graphs shaped as graph.build makes them, with arbitrary ids and text."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    actors = sorted({"actor:" + a for a in draw(st.lists(ID_PART, min_size=1, max_size=4))})
    for actor in actors:
        name = draw(TEXT)
        nodes[actor] = {
            "kind": "actor",
            "label": name,
            "name": name,
            "actor_kind": draw(
                st.sampled_from(["state", "organisation", "group", "person", "region", "people"])
            ),
            "aliases": sorted({a for a in draw(st.lists(TEXT, max_size=2)) if a != name}),
        }
    claims: list[str] = []
    for doc_part in sorted(set(draw(st.lists(ID_PART, min_size=1, max_size=2)))):
        doc = "doc:" + doc_part
        published = draw(st.none() | DATES)
        nodes[doc] = {
            "kind": "document",
            "label": draw(TEXT),
            "title": draw(st.none() | TEXT),
            "issuer": draw(st.none() | TEXT),
            "published": published,
            "place": draw(st.none() | TEXT),
            "path": draw(TEXT),
            "sha256": draw(st.text("0123456789abcdef", min_size=64, max_size=64)),
            "format": draw(st.sampled_from(["txt", "md", "html", "pdf", "docx"])),
        }
        if published:
            nodes.setdefault(
                f"date:{published}", {"kind": "date", "label": published, "value": published}
            )
            edges[(doc, f"date:{published}", "PUBLISHED_ON")] = {"kind": "PUBLISHED_ON"}
        for n in range(draw(st.integers(0, 3))):
            claim = f"claim:{doc_part}#s{n}"
            claims.append(claim)
            start = draw(st.integers(0, 10_000))
            speaker = draw(st.none() | st.sampled_from(actors))
            text = draw(TEXT)
            times = []
            for _ in range(draw(st.integers(0, 2))):
                t = {
                    "text": draw(TEXT),
                    "start": start,
                    "end": start + draw(st.integers(0, 50)),
                    "type": draw(st.sampled_from(["DATE", "TIME", "DURATION", "SET"])),
                    "value": draw(TIMEX_VALUES),
                }
                for key, value in (
                    ("modifier", draw(MODIFIERS)),
                    ("anchor", draw(st.none() | DATES)),
                    ("begin", draw(st.none() | DATES)),
                    ("end_value", draw(st.none() | DATES)),
                ):
                    if value is not None:
                        t[key] = value
                times.append(t)
            quantities = [
                {
                    "text": draw(TEXT),
                    "start": start,
                    "end": start + 3,
                    "value": draw(st.floats()),
                    "unit": draw(st.none() | TEXT),
                    "modifier": draw(MODIFIERS),
                }
                for _ in range(draw(st.integers(0, 1)))
            ]
            nodes[claim] = {
                "kind": "claim",
                "label": text[:20],
                "text": text,
                "content": draw(st.just(text) | TEXT),
                "document": doc,
                "sentence": n,
                "start": start,
                "end": start + len(text),
                "speaker": speaker,
                "source": None,
                "stance": draw(st.sampled_from(["asserts", "denies", "reports"])),
                "negated": draw(st.booleans()),
                "published": published,
                "family": None,
                # whose claim it is: an actor of the graph, or one it does not hold
                "claimant": draw(st.none() | st.sampled_from([*actors, "actor:not-drawn"])),
                "relays": draw(st.booleans()),
                "rebuts": draw(st.just("") | TEXT),
                "position": None,
                "times": times,
                "quantities": quantities,
                "actors": [],
            }
            edges[(doc, claim, "CONTAINS")] = {"kind": "CONTAINS"}
            if speaker:
                edges[(speaker, claim, "ASSERTS")] = {"kind": "ASSERTS"}
            for actor in draw(st.lists(st.sampled_from(actors), max_size=2, unique=True)):
                roles = draw(
                    st.lists(
                        st.sampled_from(["target", "beneficiary", "source", "mentioned"]),
                        min_size=1,
                        max_size=2,
                        unique=True,
                    )
                )
                edges[(claim, actor, "MENTIONS")] = {
                    "kind": "MENTIONS",
                    "role": roles[0],
                    "roles": sorted(roles),
                }
                for role in draw(st.lists(st.sampled_from(roles), max_size=2)):
                    at = draw(st.integers(0, 10_000))
                    nodes[claim]["actors"].append(
                        {
                            "actor": actor,
                            "text": draw(TEXT),
                            "start": at,
                            "end": at + 4,
                            "role": role,
                        }
                    )
            if speaker and draw(st.booleans()):
                nodes[claim]["actors"].append(
                    {
                        "actor": speaker,
                        "text": "we",
                        "start": start,
                        "end": start + 2,
                        "role": "speaker",
                    }
                )
            if draw(st.booleans()):
                source = draw(st.sampled_from(actors))
                nodes[claim]["source"] = source
                edges[(claim, source, "REPORTS")] = {"kind": "REPORTS"}
    if len(claims) >= 2 and draw(st.booleans()):
        members = draw(st.lists(st.sampled_from(claims), min_size=2, max_size=3, unique=True))
        family = "family:" + members[0].partition(":")[2].replace("#", "-")
        dated = sorted(nodes[c]["published"] for c in members if nodes[c]["published"])
        nodes[family] = {
            "kind": "family",
            "label": draw(TEXT),
            "label_claim": draw(st.sampled_from(members)),
            "size": len(members),
            "first_seen": dated[0] if dated else None,
            "last_seen": dated[-1] if dated else None,
            "claims": members,
        }
        positions = {c: draw(st.sampled_from(["asserts", "denies", "reports"])) for c in members}
        nodes[family]["contested"] = {"asserts", "denies"} <= set(positions.values())
        for c in members:
            nodes[c]["family"] = family
            nodes[c]["position"] = positions[c]
            edges[(c, family, "MEMBER_OF")] = {"kind": "MEMBER_OF", "position": positions[c]}
        if len(members) == 3 and draw(st.booleans()):
            contest = {
                "kind": "CONTESTS",
                "score": draw(st.floats(0, 1)),
                "relation": draw(st.sampled_from(["rebuts", "contradicts"])),
            }
            if draw(st.booleans()):
                contest["evidence"] = draw(TEXT)
            edges[(members[2], members[0], "CONTESTS")] = contest
        attrs = {
            "kind": "RECURS",
            "score": draw(st.floats(0, 1)),
            "relation": draw(st.sampled_from(["repeated", "reworded", "updated"])),
        }
        if draw(st.booleans()):
            attrs["consistent"] = draw(st.booleans())
            attrs["evidence"] = draw(TEXT)
        edges[(members[0], members[1], "RECURS")] = attrs
    G = nx.MultiDiGraph()
    for node in sorted(nodes):
        G.add_node(node, **nodes[node])
    for u, v, kind in sorted(edges):
        G.add_edge(u, v, key=kind, **edges[(u, v, kind)])
    return G


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_graphs())
def test_any_claim_graph_gives_rdf_that_parses_round_trips_and_conforms(G):
    data = turtle(G)
    g = rdflib.Graph().parse(data=data, format="turtle")
    store = pyoxigraph.Store()
    store.load(data.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)
    model = to_rdf(G)
    assert isomorphic(g, model)
    assert isomorphic(parse_jsonld(jsonld(G)), model)
    assert turtle(G.copy()) == data
    report = validate(g)
    assert report.conforms, report.text


@settings(max_examples=40, deadline=None)
@given(claim_graphs())
def test_any_claim_graph_opens_as_graphml_and_gexf(G):
    for data, read in ((graphml(G), nx.read_graphml), (gexf(G), nx.read_gexf)):
        H = read(io.BytesIO(data))
        assert H.number_of_nodes() == G.number_of_nodes()
        assert H.number_of_edges() == G.number_of_edges()


@given(
    st.text(max_size=20).filter(lambda k: ":" not in k and "#" not in k),
    st.text(max_size=20).filter(lambda r: "#" not in r),
)
def test_node_iris_are_valid_and_invertible(kind, rest):
    node = f"{kind}:{rest}#s1" if kind == "claim" else f"{kind}:{rest}"
    iri = str(node_iri(node))
    pyoxigraph.NamedNode(iri)  # a valid IRI, whatever the id
    assert node_id_of(iri) == node


# --------------------------------------------------------------------------- end to end

FILE_NAME = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=30,
).filter(lambda s: s not in (".", "..") and not s.startswith(".") and len(s.encode()) < 200)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=FILE_NAME, text=st.text(max_size=200))
def test_builds_of_arbitrary_file_names_and_text_give_conforming_turtle(seed_build, name, text):
    """A real build (extraction, linking, export) of a file with any name holding any text."""
    from graph.pipeline import build

    body = (
        f"{text}\n\nOn 10 July 2019 China said that {text} had not happened for almost three years.\n"
        f"Western countries rejected the claim that {text}, and the mission denied it.\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp) / "in"
        folder.mkdir()
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
        (folder / "2023-09-14_note.txt").write_text(
            "New York, 14 September 2023\n\nChina said there has been no incident for over six years.\n",
            encoding="utf-8",
        )
        out = pathlib.Path(tmp) / "out"
        G, _ = build([folder], out)
        data = (out / "graph.ttl").read_bytes()
    g = rdflib.Graph().parse(data=data, format="turtle")
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g) and isomorphic(g, to_rdf(G))
    report = validate(g)
    assert report.conforms, report.text
