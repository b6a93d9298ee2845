"""Exports of the claim graph: node-link JSON, RDF/Turtle, claims CSV; atomic writes.

IRIs are minted from node ids (slugs and ids, never from document text) and
percent-encoded; literals are escaped by rdflib.  No blank nodes are used, so
the same graph always serialises to the same Turtle.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pathlib
import re
import shutil
import tempfile
import urllib.parse
from collections.abc import Callable, Iterator

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .vocab import CG, ID, OA, SCHEMA

__all__ = [
    "atomic_outputs",
    "claims_csv",
    "graph_json",
    "node_iri",
    "to_rdf",
    "turtle",
]

_ACTOR_TYPES = {
    "state": SCHEMA.Country,
    "region": SCHEMA.Place,
    "organisation": SCHEMA.Organization,
    "group": SCHEMA.Organization,
    "person": SCHEMA.Person,
    "people": SCHEMA.Audience,
}
_DURATION = re.compile(
    r"^P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$"
)


def node_iri(node_id: str) -> URIRef:
    """IRI of a graph node, from its id alone.

    Examples
    --------
    >>> str(node_iri("claim:2019-07-10-geneva#s12"))
    'https://w3id.org/claimgraph/id/claim/2019-07-10-geneva/s12'
    >>> str(node_iri("actor:x y<script>"))
    'https://w3id.org/claimgraph/id/actor/x%20y%3Cscript%3E'
    """
    kind, _, rest = node_id.partition(":")
    segments = [kind, *rest.split("#")]
    return ID["/".join(urllib.parse.quote(s, safe="") for s in segments)]


def _sub_iri(node_id: str, *parts: str) -> URIRef:
    return URIRef(
        str(node_iri(node_id)) + "/" + "/".join(urllib.parse.quote(p, safe="") for p in parts)
    )


def _date_literal(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def _timex_literal(value: str) -> Literal:
    if _DURATION.match(value):
        return Literal(value, datatype=XSD.duration)
    return _date_literal(value)


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """The claim graph as RDF with schema.org, PROV-O, Dublin Core, SKOS and Web Annotation terms.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("actor:china", kind="actor", label="China", name="China",
    ...            actor_kind="state", aliases=["PRC"])
    >>> len(to_rdf(G))
    5
    """
    g = Graph()
    for prefix, ns in (
        ("cg", CG._NS),
        ("id", ID),
        ("schema", SCHEMA),
        ("prov", PROV),
        ("dcterms", DCTERMS),
        ("skos", SKOS),
        ("oa", OA),
    ):
        g.bind(prefix, ns)
    for node, a in G.nodes(data=True):
        s = node_iri(node)
        kind = a["kind"]
        g.add((s, RDFS.label, Literal(a["label"])))
        if kind == "document":
            g.add((s, RDF.type, CG.Document))
            g.add((s, RDF.type, SCHEMA.CreativeWork))
            if a.get("title"):
                g.add((s, DCTERMS.title, Literal(a["title"])))
            if a.get("issuer"):
                g.add((s, CG.issuer, Literal(a["issuer"])))
            if a.get("published"):
                g.add((s, SCHEMA.datePublished, Literal(a["published"], datatype=XSD.date)))
            if a.get("place"):
                g.add((s, SCHEMA.locationCreated, Literal(a["place"])))
            g.add((s, CG.path, Literal(a["path"])))
            g.add((s, CG.sha256, Literal(a["sha256"])))
            g.add((s, CG.format, Literal(a["format"])))
        elif kind == "claim":
            g.add((s, RDF.type, CG.ClaimInstance))
            g.add((s, SCHEMA.text, Literal(a["text"])))
            if a.get("content") and a["content"] != a["text"]:
                g.add((s, CG.content, Literal(a["content"])))
            g.add((s, SCHEMA.isPartOf, node_iri(a["document"])))
            g.add((s, CG.sentenceIndex, Literal(a["sentence"])))
            g.add((s, CG.stance, Literal(a["stance"])))
            g.add((s, CG.negated, Literal(bool(a["negated"]))))
            selector = _sub_iri(node, "selector")
            g.add((s, OA.hasSelector, selector))
            g.add((selector, RDF.type, OA.TextPositionSelector))
            g.add((selector, OA.start, Literal(a["start"], datatype=XSD.nonNegativeInteger)))
            g.add((selector, OA.end, Literal(a["end"], datatype=XSD.nonNegativeInteger)))
            if a.get("speaker"):
                g.add((s, PROV.wasAttributedTo, node_iri(a["speaker"])))
                g.add((s, SCHEMA.author, node_iri(a["speaker"])))
            if a.get("published"):
                g.add((s, SCHEMA.datePublished, Literal(a["published"], datatype=XSD.date)))
            for n, t in enumerate(a.get("times", [])):
                tnode = _sub_iri(node, "time", str(n))
                g.add((s, CG.hasTimeExpression, tnode))
                g.add((tnode, RDF.type, CG.TimeExpression))
                g.add((tnode, RDFS.label, Literal(t["text"])))
                g.add((tnode, CG.timexType, Literal(t["type"])))
                g.add((tnode, CG.timexValue, _timex_literal(t["value"])))
                if t.get("modifier"):
                    g.add((tnode, CG.modifier, Literal(t["modifier"])))
                if t.get("anchor"):
                    g.add((tnode, CG.anchor, _date_literal(t["anchor"])))
                if t.get("begin"):
                    g.add((tnode, CG.impliedStart, _date_literal(t["begin"])))
                if t.get("end_value"):
                    g.add((tnode, CG.impliedEnd, _date_literal(t["end_value"])))
            for n, q in enumerate(a.get("quantities", [])):
                qnode = _sub_iri(node, "quantity", str(n))
                g.add((s, CG.hasQuantity, qnode))
                g.add((qnode, RDF.type, CG.Quantity))
                g.add((qnode, RDFS.label, Literal(q["text"])))
                g.add((qnode, CG.quantityValue, Literal(q["value"], datatype=XSD.double)))
                if q.get("unit"):
                    g.add((qnode, CG.unit, Literal(q["unit"])))
                if q.get("modifier"):
                    g.add((qnode, CG.modifier, Literal(q["modifier"])))
        elif kind == "family":
            g.add((s, RDF.type, CG.ClaimFamily))
            g.add((s, RDF.type, SCHEMA.Claim))
            g.add((s, CG.size, Literal(a["size"])))
            for claim in a["claims"]:
                g.add((s, SCHEMA.appearance, node_iri(claim)))
            g.add((s, SCHEMA.firstAppearance, node_iri(a["claims"][0])))
            if a.get("first_seen"):
                g.add((s, CG.firstSeen, Literal(a["first_seen"], datatype=XSD.date)))
            if a.get("last_seen"):
                g.add((s, CG.lastSeen, Literal(a["last_seen"], datatype=XSD.date)))
        elif kind == "actor":
            g.add((s, RDF.type, CG.Actor))
            g.add((s, RDF.type, _ACTOR_TYPES.get(a["actor_kind"], PROV.Agent)))
            g.add((s, SKOS.prefLabel, Literal(a["name"])))
            g.add((s, CG.actorKind, Literal(a["actor_kind"])))
            for alias in a.get("aliases", []):
                g.add((s, SKOS.altLabel, Literal(alias)))
        elif kind == "date":
            g.add((s, RDF.type, CG.CalendarDate))
            g.add((s, RDF.value, _date_literal(a["value"])))
    for u, v, kind, a in G.edges(keys=True, data=True):
        su, sv = node_iri(u), node_iri(v)
        if kind == "MENTIONS":
            g.add((su, SCHEMA.mentions, sv))
        elif kind == "REFERS_TO":
            g.add((su, CG.refersTo, sv))
        elif kind == "PUBLISHED_ON":
            g.add((su, CG.publishedOn, sv))
        elif kind == "MEMBER_OF":
            g.add((su, CG.memberOf, sv))
        elif kind == "REPORTS":
            g.add((su, CG.reportsSource, sv))
        elif kind == "CONTAINS":
            g.add((su, SCHEMA.hasPart, sv))
        elif kind == "RECURS":
            g.add((su, CG.recursAs, sv))
            r = _sub_iri(u, "recurs", v)
            g.add((r, RDF.type, CG.Recurrence))
            g.add((r, CG.fromClaim, su))
            g.add((r, CG.toClaim, sv))
            g.add((r, CG.score, Literal(f"{a['score']:.4f}", datatype=XSD.decimal)))
            g.add((r, CG.relation, Literal(a["relation"])))
            if "consistent" in a:
                g.add((r, CG.consistent, Literal(bool(a["consistent"]))))
            if a.get("evidence"):
                g.add((r, CG.evidence, Literal(a["evidence"])))
        # ASSERTS is carried by prov:wasAttributedTo / schema:author on the claim
    return g


def turtle(G: nx.MultiDiGraph) -> str:
    """RDF/Turtle of the claim graph (deterministic: no blank nodes, sorted by rdflib)."""
    return to_rdf(G).serialize(format="turtle")


def graph_json(G: nx.MultiDiGraph) -> str:
    """``networkx.node_link_data(G, edges="edges")`` as JSON with sorted keys."""
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


_CSV_COLUMNS = ("claim", "document", "published", "speaker", "stance", "family", "text")


def claims_csv(G: nx.MultiDiGraph) -> str:
    """One row per claim: id, document, date, speaker, stance, family and text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    rows = []
    for node, a in G.nodes(data=True):
        if a["kind"] != "claim":
            continue
        speaker = G.nodes[a["speaker"]]["label"] if a.get("speaker") in G else ""
        rows.append(
            (
                node,
                a["document"],
                a.get("published") or "",
                speaker,
                a["stance"],
                a.get("family") or "",
                a["text"],
            )
        )
    rows.sort(key=lambda r: (r[2] or "9999", r[1], G.nodes[r[0]]["sentence"]))
    writer.writerows(rows)
    return buffer.getvalue()


@contextlib.contextmanager
def atomic_outputs(
    out_dir: str | os.PathLike,
) -> Iterator[Callable[[str, str | bytes], pathlib.Path]]:
    """Write output files into a temporary folder, then move them all into ``out_dir``.

    Yields a function ``write(name, content)``.  Nothing in ``out_dir`` is
    touched until the block ends without error; an interrupted build leaves
    the previous outputs as they were.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_outputs(out) as write:
    ...     _ = write("a.txt", "hello")
    >>> (out / "a.txt").read_text()
    'hello'
    """
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = pathlib.Path(tempfile.mkdtemp(prefix=".claimgraph-", dir=out))
    written: list[str] = []

    def write(name: str, content: str | bytes) -> pathlib.Path:
        path = staging / name
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        written.append(name)
        return out / name

    try:
        yield write
        for name in written:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
