"""The claim graph as RDF: one triple stream, written by Oxigraph, modelled by rdflib.

Every triple of the export comes from :func:`iter_triples`.  Oxigraph
(pyoxigraph) writes it as Turtle, N-Triples or JSON-LD in one streaming pass;
:func:`to_rdf` turns the same stream into an :class:`rdflib.Graph` for code
that wants rdflib.  The model (which terms, which vocabularies) is documented
in ``docs/rdf.md``; ``graph/ontology.ttl`` declares the project's own terms and
``graph/shapes.ttl`` holds the SHACL shapes every export conforms to.

IRIs are minted from node ids alone (slugs and ids, never document text), one
percent-encoded path segment per part; literals are escaped by the library that
writes them.  No blank nodes: a claim's text span, its time expressions,
quantities, qualified mentions, recurrences and contestations get IRIs under
the claim's IRI, so the same graph always gives the same bytes.

Contested propositions: a claim's position toward its family's proposition is
one of three SKOS concepts (``cg:position cg:Asserts``, ``cg:Denies``,
``cg:Reports``), whose claim it is is ``cg:claimant`` (a sub-property of
``prov:wasAttributedTo``), and a CONTESTS link is ``cg:contests``, qualified by
a ``cg:Contestation`` with its score, relation and evidence, as RECURS is by a
``cg:Recurrence``.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import math
import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import IO, Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from extract.errors import ClaimgraphError

from .vocab import CG, ID, PREFIXES

__all__ = [
    "JSONLD_CONTEXT",
    "RDF_FORMATS",
    "RdfExportError",
    "ShapesReport",
    "iter_triples",
    "jsonld",
    "node_id_of",
    "node_iri",
    "ntriples",
    "ontology",
    "shapes",
    "to_rdf",
    "turtle",
    "validate",
    "write_rdf",
]

#: RDF formats ``write_rdf`` writes: name -> (file extension, media type).
RDF_FORMATS = {
    "ttl": ("ttl", "text/turtle"),
    "nt": ("nt", "application/n-triples"),
    "jsonld": ("jsonld", "application/ld+json"),
}

#: The JSON-LD context: schema.org is the default vocabulary, the rest are prefixes.
JSONLD_CONTEXT: dict[str, str] = {"@vocab": PREFIXES["schema"], **PREFIXES, "id": str(ID)}


class RdfExportError(ClaimgraphError):
    """An RDF export or validation could not be done."""

    code = "CG500"


# --------------------------------------------------------------------------- terms

_XSD = PREFIXES["xsd"]
_RDF = PREFIXES["rdf"]
_RDFS = PREFIXES["rdfs"]
_SCHEMA = PREFIXES["schema"]
_PROV = PREFIXES["prov"]
_DCT = PREFIXES["dcterms"]
_SKOS = PREFIXES["skos"]
_OA = PREFIXES["oa"]


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


class _Terms:
    """Terms of one vocabulary as pyoxigraph NamedNodes, each made once (``S.text``)."""

    def __init__(self, base: str, names: Iterable[str] | None = None) -> None:
        self._base = base
        self._names = frozenset(names) if names is not None else None

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or (self._names is not None and name not in self._names):
            raise AttributeError(f"{self._base}{name} is not a term of this vocabulary")
        term = ox.NamedNode(self._base + name)
        setattr(self, name, term)
        return term


XSD_STRING = _n(_XSD + "string")
XSD_BOOLEAN = _n(_XSD + "boolean")
XSD_INTEGER = _n(_XSD + "integer")
XSD_NON_NEGATIVE = _n(_XSD + "nonNegativeInteger")
XSD_DECIMAL = _n(_XSD + "decimal")
XSD_DOUBLE = _n(_XSD + "double")
XSD_DATE = _n(_XSD + "date")
XSD_GYEAR = _n(_XSD + "gYear")
XSD_GYEARMONTH = _n(_XSD + "gYearMonth")
XSD_DURATION = _n(_XSD + "duration")
XSD_ANY_URI = _n(_XSD + "anyURI")

A = _n(_RDF + "type")
RDF_VALUE = _n(_RDF + "value")
LABEL = _n(_RDFS + "label")
IDENTIFIER = _n(_DCT + "identifier")
TITLE = _n(_DCT + "title")
ISSUED = _n(_DCT + "issued")
PREF_LABEL = _n(_SKOS + "prefLabel")
ALT_LABEL = _n(_SKOS + "altLabel")
ATTRIBUTED_TO = _n(_PROV + "wasAttributedTo")
PROV_AGENT = _n(_PROV + "Agent")
HAS_SOURCE = _n(_OA + "hasSource")
HAS_SELECTOR = _n(_OA + "hasSelector")
POSITION_SELECTOR = _n(_OA + "TextPositionSelector")
OA_START = _n(_OA + "start")
OA_END = _n(_OA + "end")


#: claimgraph's terms (only those of graph/vocab.py) and schema.org's.
C = _Terms(str(CG._NS), CG.__annotations__)
S = _Terms(_SCHEMA)

#: A claim's position toward its family's proposition -> its SKOS concept.
_POSITIONS = {"asserts": C.Asserts, "denies": C.Denies, "reports": C.Reports}

_ACTOR_TYPES = {
    "state": S.Country,
    "region": S.AdministrativeArea,
    "organisation": S.Organization,
    "person": S.Person,
    # "group" and "people" (foreign envoys, the Chinese people) have no schema.org
    # class that fits; they stay cg:Actor and prov:Agent with their cg:actorKind.
}
_MEDIA_TYPES = {
    "txt": "text/plain",
    "md": "text/markdown",
    "html": "text/html",
    "htm": "text/html",
    "pdf": "application/pdf",
}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
# xsd:duration (no weeks: "P2W" is TIMEX3 but not xsd, and stays a code)
_DURATION = re.compile(
    r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?"
)


def _string(value: object) -> ox.Literal:
    return ox.Literal(str(value))


def _integer(value: int, datatype: ox.NamedNode = XSD_INTEGER) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=datatype)


def _boolean(value: object) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=XSD_BOOLEAN)


def _double(value: float) -> ox.Literal:
    x = float(value)
    if math.isnan(x):
        lexical = "NaN"
    elif math.isinf(x):
        lexical = "INF" if x > 0 else "-INF"
    else:
        lexical = repr(x)
    return ox.Literal(lexical, datatype=XSD_DOUBLE)


def _date_literal(value: str) -> ox.Literal:
    """An ISO date, year-month or year as a typed literal; anything else as a plain code."""
    try:
        if _DATE.fullmatch(value):
            datetime.date.fromisoformat(value)
            return ox.Literal(value, datatype=XSD_DATE)
        if m := _YEAR_MONTH.fullmatch(value):
            if int(m[1]) >= 1 and 1 <= int(m[2]) <= 12:
                return ox.Literal(value, datatype=XSD_GYEARMONTH)
        elif _YEAR.fullmatch(value) and int(value) >= 1:
            return ox.Literal(value, datatype=XSD_GYEAR)
    except ValueError:
        pass  # 2019-02-30 is not a date: keep the text as it was found
    return ox.Literal(value)


def _timex_literal(value: str) -> ox.Literal:
    if _DURATION.fullmatch(value):
        return ox.Literal(value, datatype=XSD_DURATION)
    return _date_literal(value)


# --------------------------------------------------------------------------- IRIs


def _segments(node_id: str) -> list[str]:
    kind, _, rest = node_id.partition(":")
    return [kind, *rest.split("#")]


def _iri(node_id: str) -> str:
    return str(ID) + "/".join(urllib.parse.quote(s, safe="") for s in _segments(node_id))


def node_iri(node_id: str) -> URIRef:
    """IRI of a graph node, from its id alone: one percent-encoded segment per part.

    Examples
    --------
    >>> str(node_iri("claim:2019-07-10-geneva#s12"))
    'https://w3id.org/claimgraph/id/claim/2019-07-10-geneva/s12'
    >>> str(node_iri("actor:x y<script>"))
    'https://w3id.org/claimgraph/id/actor/x%20y%3Cscript%3E'
    """
    return URIRef(_iri(node_id))


def node_id_of(iri: str) -> str | None:
    """The node id an IRI was minted from, or None for IRIs that are not graph nodes.

    Examples
    --------
    >>> node_id_of("https://w3id.org/claimgraph/id/claim/2019-07-10-geneva/s12")
    'claim:2019-07-10-geneva#s12'
    >>> node_id_of("https://w3id.org/claimgraph/id/actor/x%20y%3Cscript%3E")
    'actor:x y<script>'
    >>> node_id_of("https://w3id.org/claimgraph/id/claim/doc/s12/selector") is None
    True
    """
    base = str(ID)
    if not iri.startswith(base):
        return None
    parts = [urllib.parse.unquote(p) for p in iri[len(base) :].split("/")]
    if len(parts) != (3 if parts[0] == "claim" else 2):
        return None
    return parts[0] + ":" + "#".join(parts[1:])


def _link_node(out, s, o, v, a, name, cls, from_p, to_p):  # type: ignore[no-untyped-def]
    """The node of a RECURS or CONTESTS link (``<claim>/<name>/<other claim>``): its class,
    its two claims, score, relation and evidence.  Returns it for further triples."""
    other = _segments(v)
    r = _sub(s, name, *(other[1:] if other[0] == "claim" else other))
    out.append((r, A, cls))
    out.append((r, from_p, s))
    out.append((r, to_p, o))
    out.append((r, C.score, ox.Literal(f"{a['score']:.4f}", datatype=XSD_DECIMAL)))
    out.append((r, C.relation, _string(a["relation"])))
    if a.get("evidence"):
        out.append((r, C.evidence, _string(a["evidence"])))
    return r


def _sub(iri: ox.NamedNode, *parts: str) -> ox.NamedNode:
    return ox.NamedNode(iri.value + "/" + "/".join(urllib.parse.quote(p, safe="") for p in parts))


def _child(iri: ox.NamedNode, path: str) -> ox.NamedNode:
    """A sub-resource IRI under ``iri``; ``path`` is ours (``selector``, ``time/0``), never data."""
    return ox.NamedNode(iri.value + "/" + path)


# --------------------------------------------------------------------------- triples

_Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


class _Iris(dict):
    """Node id -> NamedNode, minted once per node."""

    def __missing__(self, node_id: str) -> ox.NamedNode:
        iri = self[node_id] = ox.NamedNode(_iri(node_id))
        return iri


def _span(
    out: list[_Triple], subject: ox.NamedNode, document: ox.NamedNode, start: int, end: int
) -> None:
    """Where ``subject`` lies in ``document``: a W3C Web Annotation text position selector."""
    selector = _child(subject, "selector")
    out.append((subject, HAS_SOURCE, document))
    out.append((subject, HAS_SELECTOR, selector))
    out.append((selector, A, POSITION_SELECTOR))
    out.append((selector, OA_START, _integer(start, XSD_NON_NEGATIVE)))
    out.append((selector, OA_END, _integer(end, XSD_NON_NEGATIVE)))


def _document(out: list[_Triple], s: ox.NamedNode, a: dict, iris: _Iris) -> None:
    out.append((s, A, C.Document))
    out.append((s, A, S.CreativeWork))
    if a.get("title"):
        out.append((s, TITLE, _string(a["title"])))
    if a.get("issuer"):
        out.append((s, S.publisher, _string(a["issuer"])))
    if a.get("published"):
        out.append((s, S.datePublished, _date_literal(a["published"])))
        out.append((s, ISSUED, _date_literal(a["published"])))
        if a.get("published_by"):
            out.append((s, C.publishedBy, _string(a["published_by"])))
    if a.get("place"):
        out.append((s, S.locationCreated, _string(a["place"])))
    if a.get("url"):
        # the address as a typed literal: it is the document's word, not an IRI we mint
        out.append((s, S.url, ox.Literal(str(a["url"]), datatype=XSD_ANY_URI)))
    if a.get("path") is not None:
        out.append((s, C.path, _string(a["path"])))
    if a.get("sha256"):
        out.append((s, S.sha256, _string(a["sha256"])))
    if a.get("format"):
        media = _MEDIA_TYPES.get(str(a["format"]).lower(), "application/octet-stream")
        out.append((s, S.encodingFormat, _string(media)))


def _claim(out: list[_Triple], s: ox.NamedNode, a: dict, iris: _Iris, G: nx.MultiDiGraph) -> None:
    out.append((s, A, C.ClaimInstance))
    out.append((s, A, S.CreativeWork))
    document = iris[a["document"]]
    out.append((s, S.text, _string(a["text"])))
    if a.get("content") and a["content"] != a["text"]:
        out.append((s, C.content, _string(a["content"])))
    out.append((s, S.isPartOf, document))
    _span(out, s, document, a["start"], a["end"])
    out.append((s, C.sentenceIndex, _integer(a["sentence"])))
    out.append((s, C.stance, _string(a["stance"])))
    out.append((s, C.negated, _boolean(a.get("negated"))))
    if a.get("speaker"):
        speaker = iris[a["speaker"]]
        out.append((s, ATTRIBUTED_TO, speaker))
        out.append((s, S.author, speaker))
    # whose claim it is; an actor the graph does not hold is left out, never dangling
    claimant = a.get("claimant")
    if claimant and G.nodes.get(claimant, {}).get("kind") == "actor":
        out.append((s, C.claimant, iris[claimant]))
    if a.get("relays"):
        out.append((s, C.relays, _boolean(True)))
    if a.get("rebuts"):
        out.append((s, C.rebuts, _string(a["rebuts"])))
    if a.get("family") and a.get("position") in _POSITIONS:
        out.append((s, C.position, _POSITIONS[a["position"]]))
    if a.get("published"):
        out.append((s, S.datePublished, _date_literal(a["published"])))
    for n, t in enumerate(a.get("times") or ()):
        time = _child(s, f"time/{n}")
        out.append((s, C.hasTimeExpression, time))
        out.append((time, A, C.TimeExpression))
        out.append((time, S.text, _string(t["text"])))
        _span(out, time, document, t["start"], t["end"])
        out.append((time, C.timexType, _string(t["type"])))
        out.append((time, C.timexValue, _timex_literal(t["value"])))
        if t.get("modifier"):
            out.append((time, C.modifier, _string(t["modifier"])))
        if t.get("anchor"):
            out.append((time, C.anchor, _date_literal(t["anchor"])))
        if t.get("begin"):
            out.append((time, C.impliedStart, _date_literal(t["begin"])))
        if t.get("end_value"):
            out.append((time, C.impliedEnd, _date_literal(t["end_value"])))
    for n, q in enumerate(a.get("quantities") or ()):
        quantity = _child(s, f"quantity/{n}")
        out.append((s, C.hasQuantity, quantity))
        out.append((quantity, A, C.Quantity))
        out.append((quantity, A, S.QuantitativeValue))
        out.append((quantity, S.text, _string(q["text"])))
        _span(out, quantity, document, q["start"], q["end"])
        out.append((quantity, S.value, _double(q["value"])))
        if q.get("unit"):
            out.append((quantity, S.unitText, _string(q["unit"])))
        if q.get("modifier"):
            out.append((quantity, C.modifier, _string(q["modifier"])))


def _first_appearance(G: nx.MultiDiGraph, claims: list[str]) -> str:
    """The earliest claim: by publication date, then where it stands in its document."""

    def written(claim: str) -> tuple[str, str, int]:
        a = G.nodes[claim] if claim in G else {}
        return (a.get("published") or "9999", a.get("document") or "", a.get("start") or 0)

    return min(claims, key=written)


def _family(out: list[_Triple], s: ox.NamedNode, a: dict, iris: _Iris, G: nx.MultiDiGraph) -> None:
    out.append((s, A, C.ClaimFamily))
    out.append((s, A, S.Claim))
    label_claim = a.get("label_claim")
    if label_claim in G:
        out.append((s, S.text, _string(G.nodes[label_claim]["text"])))
        out.append((s, C.labelClaim, iris[label_claim]))
    claims = a.get("claims") or []
    for claim in claims:
        out.append((s, S.appearance, iris[claim]))
    if claims:
        out.append((s, S.firstAppearance, iris[_first_appearance(G, claims)]))
    if a.get("first_seen"):
        out.append((s, C.firstSeen, _date_literal(a["first_seen"])))
    if a.get("last_seen"):
        out.append((s, C.lastSeen, _date_literal(a["last_seen"])))
    out.append((s, C.size, _integer(a.get("size", len(claims)))))
    out.append((s, C.contested, _boolean(a.get("contested"))))


def _actor(out: list[_Triple], s: ox.NamedNode, a: dict, iris: _Iris) -> None:
    out.append((s, A, C.Actor))
    out.append((s, A, PROV_AGENT))
    kind = a.get("actor_kind")
    if kind in _ACTOR_TYPES:
        out.append((s, A, _ACTOR_TYPES[kind]))
    name = a.get("name") or a["label"]
    out.append((s, PREF_LABEL, _string(name)))
    out.append((s, S.name, _string(name)))
    for alias in a.get("aliases") or ():
        out.append((s, ALT_LABEL, _string(alias)))
    if kind:
        out.append((s, C.actorKind, _string(kind)))


def _date(out: list[_Triple], s: ox.NamedNode, a: dict, iris: _Iris) -> None:
    out.append((s, A, C.CalendarDate))
    out.append((s, RDF_VALUE, _date_literal(a["value"])))


def _occurrences(
    out: list[_Triple], claim: dict, actor: str, mention: ox.NamedNode, iris: _Iris
) -> None:
    """Where the claim names ``actor``: the words and their span, one node a place."""
    places = [
        m
        for m in claim.get("actors") or ()
        if m.get("actor") == actor and m.get("role") != "speaker" and m.get("start") is not None
    ]
    document = iris[claim["document"]]
    for n, m in enumerate(places):
        occurrence = _child(mention, str(n))
        out.append((mention, C.occurrence, occurrence))
        out.append((occurrence, A, C.Occurrence))
        out.append((occurrence, S.text, _string(m.get("text", ""))))
        _span(out, occurrence, document, m["start"], m["end"])
        if m.get("role"):
            out.append((occurrence, C.role, _string(m["role"])))


def _edges(out: list[_Triple], G: nx.MultiDiGraph, node: str, s: ox.NamedNode, iris: _Iris) -> None:
    for _, v, kind, a in G.out_edges(node, keys=True, data=True):
        o = iris[v]
        if kind == "MENTIONS":
            out.append((s, S.mentions, o))
            actor_slug = v.partition(":")[2] if v.startswith("actor:") else v
            mention = _sub(s, "mention", actor_slug)
            out.append((s, C.hasMention, mention))
            out.append((mention, A, C.Mention))
            out.append((mention, C.actor, o))
            for role in a.get("roles") or [a.get("role") or "mentioned"]:
                out.append((mention, C.role, _string(role)))
            _occurrences(out, G.nodes[node], v, mention, iris)
        elif kind == "REFERS_TO":
            out.append((s, C.refersTo, o))
        elif kind == "PUBLISHED_ON":
            out.append((s, C.publishedOn, o))
        elif kind == "MEMBER_OF":
            out.append((s, C.memberOf, o))
        elif kind == "REPORTS":
            out.append((s, C.reportsSource, o))
        elif kind == "CONTAINS":
            out.append((s, S.hasPart, o))
        elif kind == "RECURS":
            out.append((s, C.recursAs, o))
            r = _link_node(out, s, o, v, a, "recurs", C.Recurrence, C.fromClaim, C.toClaim)
            if a.get("consistent") is not None:
                out.append((r, C.consistent, _boolean(a["consistent"])))
        elif kind == "CONTESTS":
            out.append((s, C.contests, o))
            _link_node(
                out, s, o, v, a, "contests", C.Contestation, C.contestingClaim, C.contestedClaim
            )
        # ASSERTS (actor -> claim) is carried by prov:wasAttributedTo on the claim


def _predicate_key(triple: _Triple) -> tuple[bool, str]:
    return (triple[1] != A, triple[1].value)


def _node_triples(G: nx.MultiDiGraph, node: str, iris: _Iris) -> list[_Triple]:
    """A node's triples and its sub-resources': subjects in IRI order, rdf:type first."""
    a = G.nodes[node]
    s = iris[node]
    out: list[_Triple] = [(s, LABEL, _string(a.get("label", node))), (s, IDENTIFIER, _string(node))]
    kind = a.get("kind")
    if kind == "document":
        _document(out, s, a, iris)
    elif kind == "claim":
        _claim(out, s, a, iris, G)
    elif kind == "family":
        _family(out, s, a, iris, G)
    elif kind == "actor":
        _actor(out, s, a, iris)
    elif kind == "date":
        _date(out, s, a, iris)
    _edges(out, G, node, s, iris)
    by_subject: dict[str, list[_Triple]] = {}
    for triple in out:
        by_subject.setdefault(triple[0].value, []).append(triple)
    ordered: list[_Triple] = []
    for subject in sorted(by_subject):
        # stable: objects of one predicate keep their order (a family's claims by date)
        ordered += sorted(by_subject[subject], key=_predicate_key)
    return ordered


def _chunks(G: nx.MultiDiGraph) -> Iterator[list[_Triple]]:
    """The triples of each node with its own sub-resources, nodes in IRI order."""
    iris = _Iris()
    for node in sorted(G.nodes, key=lambda n: iris[n].value):
        yield _node_triples(G, node, iris)


def iter_triples(G: nx.MultiDiGraph) -> Iterator[ox.Triple]:
    """Every triple of the claim graph's RDF, as pyoxigraph triples, in a stable order.

    Nodes come in IRI order; the triples of one node (its own and those of its
    text span, time expressions, quantities, mentions and recurrences) come
    together, sorted, ``rdf:type`` first.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("date:2019-07-10", kind="date", label="2019-07-10", value="2019-07-10")
    >>> [t.predicate.value for t in iter_triples(G)][:2]
    ['http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://purl.org/dc/terms/identifier']
    """
    for chunk in _chunks(G):
        yield from [ox.Triple(s, p, o) for s, p, o in chunk]


# --------------------------------------------------------------------------- rdflib


def _rdflib_term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    datatype = term.datatype.value
    if datatype == XSD_STRING.value:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """The claim graph as an rdflib Graph (schema.org, PROV-O, Dublin Core, SKOS, Web Annotation).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("actor:china", kind="actor", label="China", name="China",
    ...            actor_kind="state", aliases=["PRC"])
    >>> len(to_rdf(G))
    9
    """
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    cache: dict[str, URIRef] = {}
    for chunk in _chunks(G):
        for s, p, o in chunk:
            su = cache.get(s.value) or cache.setdefault(s.value, URIRef(s.value))
            pu = cache.get(p.value) or cache.setdefault(p.value, URIRef(p.value))
            g.add((su, pu, _rdflib_term(o)))
    return g


# --------------------------------------------------------------------------- writers


def turtle(G: nx.MultiDiGraph) -> str:
    """RDF/Turtle of the claim graph, written by Oxigraph; the same graph gives the same text.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("date:2020", kind="date", label="2020", value="2020")
    >>> 'rdf:value "2020"^^xsd:gYear' in turtle(G)
    True
    """
    buffer = io.BytesIO()
    write_rdf(G, buffer, "ttl")
    return buffer.getvalue().decode("utf-8")


def ntriples(G: nx.MultiDiGraph) -> str:
    """N-Triples of the claim graph (one triple a line, same order as :func:`turtle`)."""
    buffer = io.BytesIO()
    write_rdf(G, buffer, "nt")
    return buffer.getvalue().decode("utf-8")


def _compact(iri: str, *, vocab: bool) -> str:
    """A compact IRI under the JSON-LD context; schema.org terms bare where ``vocab``."""
    if (
        vocab
        and iri.startswith(_SCHEMA)
        and re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", iri[len(_SCHEMA) :])
    ):
        return iri[len(_SCHEMA) :]
    for prefix, namespace in (("id", str(ID)), *PREFIXES.items()):
        rest = iri[len(namespace) :]
        if iri.startswith(namespace) and rest and not rest.startswith("//"):
            return f"{prefix}:{rest}"
    return iri


def _jsonld_value(term: ox.NamedNode | ox.Literal) -> Any:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value, vocab=False)}
    if term.datatype == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value, vocab=True)}


def _jsonld_objects(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for chunk in _chunks(G):
        current: dict[str, Any] | None = None
        for s, p, o in chunk:
            if current is None or current["@id"] != _compact(s.value, vocab=False):
                if current is not None:
                    yield current
                current = {"@id": _compact(s.value, vocab=False)}
            if p == A:
                current.setdefault("@type", []).append(_compact(o.value, vocab=True))
            else:
                current.setdefault(_compact(p.value, vocab=True), []).append(_jsonld_value(o))
        if current is not None:
            yield current


def _unwrapped(obj: dict[str, Any]) -> dict[str, Any]:
    # one value is written as itself, several as a list: the same triples either way
    return {k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in obj.items()}


def _write_jsonld(G: nx.MultiDiGraph, out: IO[str]) -> None:
    out.write('{\n "@context": ')
    out.write(json.dumps(JSONLD_CONTEXT, ensure_ascii=False, indent=1).replace("\n", "\n "))
    out.write(',\n "@graph": [')
    first = True
    for obj in _jsonld_objects(G):
        out.write("\n  " if first else ",\n  ")
        out.write(json.dumps(_unwrapped(obj), ensure_ascii=False))
        first = False
    out.write("\n ]\n}\n")


def jsonld(G: nx.MultiDiGraph) -> str:
    """JSON-LD of the claim graph with an inline context: schema.org as vocabulary, prefixes.

    One node object per subject; every typed literal keeps its exact lexical
    form (``{"@value": "2019-07-10", "@type": "xsd:date"}``), so the JSON-LD
    expands to exactly the triples of the Turtle.
    """
    buffer = io.StringIO()
    _write_jsonld(G, buffer)
    return buffer.getvalue()


def write_rdf(
    G: nx.MultiDiGraph, destination: str | os.PathLike[str] | IO[bytes], format: str = "ttl"
) -> None:
    """Write the claim graph as ``ttl``, ``nt`` or ``jsonld`` to a path or binary file, streaming.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("date:2020", kind="date", label="2020", value="2020")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.nt"
    >>> write_rdf(G, path, "nt")
    >>> len(path.read_text().splitlines())
    4
    """
    if format not in RDF_FORMATS:
        raise RdfExportError(f"unknown RDF format {format!r}; use one of {', '.join(RDF_FORMATS)}")
    if isinstance(destination, str | os.PathLike):
        with open(destination, "wb") as fh:
            write_rdf(G, fh, format)
        return
    if format == "jsonld":
        text = io.TextIOWrapper(destination, encoding="utf-8", newline="\n", write_through=True)
        try:
            _write_jsonld(G, text)
            text.flush()
        finally:
            text.detach()
        return
    rdf_format = ox.RdfFormat.TURTLE if format == "ttl" else ox.RdfFormat.N_TRIPLES
    prefixes = PREFIXES if format == "ttl" else None
    ox.serialize(iter_triples(G), destination, format=rdf_format, prefixes=prefixes)


# --------------------------------------------------------------------------- ontology, shapes


def _packaged_graph(name: str) -> Graph:
    data = resources.files("graph").joinpath(name).read_bytes()
    return Graph().parse(data=data, format="turtle")


def ontology() -> Graph:
    """The claimgraph ontology (``graph/ontology.ttl``): every ``cg:`` term, declared."""
    return _packaged_graph("ontology.ttl")


def shapes() -> Graph:
    """The SHACL shapes (``graph/shapes.ttl``) that every export conforms to."""
    return _packaged_graph("shapes.ttl")


@dataclasses.dataclass(frozen=True)
class ShapesReport:
    """The outcome of a SHACL validation: does the data conform, and if not, why."""

    conforms: bool
    text: str
    violations: int


def validate(data: Graph | nx.MultiDiGraph) -> ShapesReport:
    """Validate RDF (or a claim graph, exported first) against ``graph/shapes.ttl`` with pyshacl.

    Raises
    ------
    RdfExportError
        When pyshacl is not installed.
    """
    try:
        import pyshacl
    except ImportError:  # pragma: no cover - pyshacl ships with the test extras
        raise RdfExportError(
            "SHACL validation needs pyshacl; install it with: pip install 'claimgraph[test]'"
        ) from None
    g = to_rdf(data) if isinstance(data, nx.MultiDiGraph) else data
    conforms, report, text = pyshacl.validate(
        g, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=False
    )
    count = sum(1 for _ in report.subjects(URIRef(A.value), _SH_RESULT_TYPE))
    return ShapesReport(bool(conforms), str(text), count)


_SH_RESULT_TYPE = URIRef("http://www.w3.org/ns/shacl#ValidationResult")
