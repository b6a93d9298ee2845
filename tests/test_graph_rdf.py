"""The RDF export: standard vocabularies, SHACL shapes, Turtle/N-Triples/JSON-LD round trips."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import warnings

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from conftest import ROOT, claim_with
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SKOS

from extract.load import load_document
from graph.export import gephi_graph, gexf, graphml, load_graph
from graph.rdf import (
    JSONLD_CONTEXT,
    iter_triples,
    jsonld,
    node_id_of,
    node_iri,
    ntriples,
    ontology,
    shapes,
    to_rdf,
    turtle,
    validate,
)
from graph.vocab import CG, OA, SCHEMA


def parse_jsonld(data: str) -> rdflib.Graph:
    """rdflib's JSON-LD parser, without the DeprecationWarning it raises about its own internals."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=data, format="json-ld")


def _oxigraph_count(data: bytes | str, fmt: pyoxigraph.RdfFormat) -> int:
    store = pyoxigraph.Store()
    store.load(data.encode() if isinstance(data, str) else data, format=fmt)
    return len(store)


def _assert_conforms(g: rdflib.Graph) -> None:
    report = validate(g)
    assert report.conforms, report.text


@pytest.fixture(scope="module")
def seed_rdf(seed_build):
    """(G, the build's graph.ttl parsed by rdflib, the build folder)."""
    G, _, out = seed_build
    return G, rdflib.Graph().parse(out / "graph.ttl", format="turtle"), out


# --------------------------------------------------------------------------- the seeds


def test_seed_turtle_conforms_to_the_shapes(seed_rdf):
    _, g, _ = seed_rdf
    _assert_conforms(g)


def test_seed_turtle_parses_with_rdflib_and_oxigraph_to_the_same_triples(seed_rdf):
    _, g, out = seed_rdf
    data = (out / "graph.ttl").read_bytes()
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(g) > 1000
    assert len(store) == len(g)
    # the same triples, not just as many: oxigraph's, written as N-Triples, read by rdflib
    # the same triples, not just as many.  Parsed, not stored: an Oxigraph store keeps
    # oa:start "5"^^xsd:nonNegativeInteger as an xsd:integer.
    parsed = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE)
    again = rdflib.Graph().parse(
        data=pyoxigraph.serialize(parsed, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt"
    )
    assert isomorphic(g, again)


def test_export_then_import_is_isomorphic_in_every_rdf_format(seed_rdf):
    G, g, _ = seed_rdf
    model = to_rdf(G)
    assert isomorphic(model, g)
    assert isomorphic(model, rdflib.Graph().parse(data=ntriples(G), format="nt"))
    assert isomorphic(model, parse_jsonld(jsonld(G)))
    assert _oxigraph_count(ntriples(G), pyoxigraph.RdfFormat.N_TRIPLES) == len(model)


def test_jsonld_expands_to_the_same_triples_with_a_schema_org_context(seed_rdf):
    G, g, _ = seed_rdf
    document = json.loads(jsonld(G))
    assert document["@context"]["@vocab"] == "https://schema.org/"
    assert document["@context"] == JSONLD_CONTEXT
    claims = [n for n in document["@graph"] if "cg:ClaimInstance" in n.get("@type", [])]
    assert claims and all("text" in n and "author" in n for n in claims)
    # expansion by an independent processor gives the Turtle's triples
    assert _oxigraph_count(jsonld(G), pyoxigraph.RdfFormat.JSON_LD) == len(g)
    assert isomorphic(parse_jsonld(jsonld(G)), g)


def test_the_build_writes_the_turtle_of_its_graph_json(seed_rdf):
    _, _, out = seed_rdf
    assert turtle(load_graph(out)) == (out / "graph.ttl").read_text(encoding="utf-8")


def test_turtle_is_the_same_in_another_process(seed_rdf):
    """Another process (another hash seed) writes the same bytes from the same graph.json."""
    _, _, out = seed_rdf
    script = (
        "import hashlib, sys; from graph.export import load_graph, turtle; "
        "print(hashlib.sha256(turtle(load_graph(sys.argv[1])).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == hashlib.sha256((out / "graph.ttl").read_bytes()).hexdigest()


def test_no_blank_nodes_and_every_iri_is_minted_under_the_id_base(seed_rdf):
    _, g, _ = seed_rdf
    terms = {t for triple in g for t in triple}
    assert not [t for t in terms if isinstance(t, rdflib.BNode)]
    # (str(): rdflib's URIRef.startswith takes no tuple)
    ours = [str(t) for t in terms if isinstance(t, URIRef)]
    ours = [t for t in ours if t.startswith("https://w3id.org/claimgraph/")]
    assert all(t.startswith(("https://w3id.org/claimgraph/id/", str(CG._NS))) for t in ours)
    # no IRI carries document text: every one is a node IRI or one of its sub-resources
    nodes = {str(t) for t in g.objects(None, DCTERMS.identifier)}
    for iri in (t for t in ours if t.startswith("https://w3id.org/claimgraph/id/")):
        assert any(iri == str(node_iri(n)) or iri.startswith(str(node_iri(n)) + "/") for n in nodes)


# --------------------------------------------------------------------------- the model


def test_families_are_schema_claims_with_their_appearances_in_date_order(seed_rdf):
    G, g, _ = seed_rdf
    c2019 = claim_with(G, "for almost three years")
    c2023 = claim_with(G, "for over six consecutive years")
    family = G.nodes[c2019]["family"]
    assert family == G.nodes[c2023]["family"]
    f = node_iri(family)
    assert (f, RDF.type, SCHEMA.Claim) in g and (f, RDF.type, CG.ClaimFamily) in g
    assert set(g.objects(f, SCHEMA.appearance)) == {node_iri(c2019), node_iri(c2023)}
    assert g.value(f, SCHEMA.firstAppearance) == node_iri(c2019)
    assert g.value(f, CG.firstSeen) == Literal("2019-07-10", datatype=XSD.date)
    assert g.value(f, CG.lastSeen) == Literal("2023-09-14", datatype=XSD.date)
    assert (node_iri(c2019), CG.memberOf, f) in g
    recurrence = next(g.subjects(CG.toClaim, node_iri(c2023)))
    assert g.value(recurrence, CG.fromClaim) == node_iri(c2019)
    assert g.value(recurrence, CG.relation) == Literal("updated")
    assert g.value(recurrence, CG.consistent) == Literal(True)


def test_every_span_slices_its_document_to_the_text(seed_rdf):
    """Claims, time expressions and quantities trace to characters of their document."""
    _, g, _ = seed_rdf
    texts = {}
    for doc in g.subjects(RDF.type, CG.Document):
        path = ROOT / str(g.value(doc, CG.path))
        texts[doc] = load_document(path).text
    spans = 0
    for subject, selector in g.subject_objects(OA.hasSelector):
        text = texts[g.value(subject, OA.hasSource)]
        start, end = g.value(selector, OA.start).toPython(), g.value(selector, OA.end).toPython()
        assert text[start:end] == str(g.value(subject, SCHEMA.text))
        assert (selector, RDF.type, OA.TextPositionSelector) in g
        spans += 1
    assert spans > 30


def test_claim_instances_carry_speaker_stance_document_and_date(seed_rdf):
    G, g, _ = seed_rdf
    c = node_iri(claim_with(G, "We reject any wrongful act"))
    speaker = g.value(c, PROV.wasAttributedTo)
    assert (
        speaker
        == g.value(c, SCHEMA.author)
        == node_iri(G.nodes[claim_with(G, "We reject")]["speaker"])
    )
    assert "Permanent Mission" in str(g.value(speaker, SKOS.prefLabel))
    assert (speaker, RDF.type, PROV.Agent) in g
    assert g.value(c, CG.stance) == Literal("denies")
    assert g.value(c, SCHEMA.datePublished) == Literal("2023-09-14", datatype=XSD.date)
    document = g.value(c, SCHEMA.isPartOf)
    assert g.value(document, SCHEMA.datePublished) == Literal("2023-09-14", datatype=XSD.date)
    assert g.value(document, DCTERMS.issued) == Literal("2023-09-14", datatype=XSD.date)
    assert g.value(document, SCHEMA.encodingFormat) == Literal("text/plain")
    assert len(str(g.value(document, SCHEMA.sha256))) == 64


def test_actors_with_roles_are_qualified_mentions_minted_from_ids(seed_rdf):
    G, g, _ = seed_rdf
    claim = claim_with(G, "We reject any wrongful act")
    c = node_iri(claim)
    mention = URIRef(str(c) + "/mention/china")
    assert (c, CG.hasMention, mention) in g
    assert g.value(mention, CG.actor) == node_iri("actor:china")
    roles = {str(r) for r in g.objects(mention, CG.role)}
    assert roles == set(G.edges[claim, "actor:china", "MENTIONS"]["roles"])
    # the words that name China, where they stand ("interfering in China's internal affairs")
    occurrence = g.value(mention, CG.occurrence)
    assert str(occurrence) == str(mention) + "/0"
    assert g.value(occurrence, SCHEMA.text) == Literal("China")
    assert g.value(occurrence, OA.hasSource) == g.value(c, OA.hasSource)
    start = g.value(g.value(occurrence, OA.hasSelector), OA.start).toPython()
    claim_start = G.nodes[claim]["start"]
    assert G.nodes[claim]["text"][start - claim_start :].startswith("China's internal affairs")
    assert (c, SCHEMA.mentions, node_iri("actor:china")) in g
    china = node_iri("actor:china")
    assert (china, RDF.type, SCHEMA.Country) in g
    assert g.value(china, SKOS.prefLabel) == Literal("China")
    for actor, attrs in G.nodes(data=True):
        if attrs["kind"] == "actor":
            alt = {str(x) for x in g.objects(node_iri(actor), SKOS.altLabel)}
            assert alt == set(attrs["aliases"]), actor


def test_time_expressions_are_typed_with_their_implied_start(seed_rdf):
    G, g, _ = seed_rdf
    c = node_iri(claim_with(G, "for almost three years"))
    time = g.value(c, CG.hasTimeExpression)
    assert str(time) == str(c) + "/time/0"
    assert g.value(time, SCHEMA.text) == Literal("almost three years")
    assert g.value(time, CG.timexType) == Literal("DURATION")
    assert g.value(time, CG.timexValue) == Literal("P3Y", datatype=XSD.duration)
    assert g.value(time, CG.modifier) == Literal("APPROX")
    assert g.value(time, CG.impliedStart) == Literal("2016-07-10", datatype=XSD.date)
    assert g.value(time, CG.anchor) == Literal("2019-07-10", datatype=XSD.date)


def test_quantities_are_schema_quantitative_values(seed_rdf):
    G, g, _ = seed_rdf
    c = node_iri(claim_with(G, "nearly 100 countries"))
    q = g.value(c, CG.hasQuantity)
    assert (q, RDF.type, SCHEMA.QuantitativeValue) in g
    assert g.value(q, SCHEMA.value).toPython() == 100.0
    assert g.value(q, SCHEMA.unitText) == Literal("countries")
    assert g.value(q, CG.modifier) == Literal("APPROX")


# --------------------------------------------------------------------------- vocabulary, ontology, shapes


def test_the_ontology_declares_exactly_the_vocabulary():
    onto = ontology()
    ns = str(CG._NS)
    declared = {str(s)[len(ns) :] for s in onto.subjects() if str(s).startswith(ns)}
    assert declared == set(CG.__annotations__)
    for name in CG.__annotations__:
        term = CG[name]
        assert onto.value(term, rdflib.RDFS.label) is not None, name
        assert onto.value(term, rdflib.RDFS.isDefinedBy) is not None, name


def test_every_term_in_the_shapes_and_the_export_is_declared(seed_rdf):
    _, g, _ = seed_rdf
    ns = str(CG._NS)
    used = {str(t) for triple in shapes() for t in triple if isinstance(t, URIRef)}
    used |= {str(p) for p in g.predicates()} | {str(o) for o in g.objects(None, RDF.type)}
    ours = {u[len(ns) :] for u in used if u.startswith(ns)}
    assert ours <= set(CG.__annotations__)
    assert set(CG.__annotations__) - ours == set()  # and the vocabulary has no dead terms


def test_a_misspelt_term_fails_at_once():
    with pytest.raises(AttributeError):
        CG.ClaimInstnace  # noqa: B018


def test_the_shapes_catch_what_they_are_for(seed_rdf):
    G, _, _ = seed_rdf
    g = to_rdf(G)
    c = node_iri(claim_with(G, "for almost three years"))
    g.set((c, CG.stance, Literal("maybe")))
    g.add((c, CG.sentenceIndex, Literal(3)))
    g.add((c, URIRef(str(CG._NS) + "undeclared"), Literal("x")))
    selector = URIRef(str(c) + "/selector")
    g.set((selector, OA.end, Literal(0, datatype=XSD.nonNegativeInteger)))
    g.remove((c, SCHEMA.mentions, None))
    g.set((URIRef(str(c) + "/time/0"), CG.impliedStart, Literal("almost")))
    report = validate(g)
    assert not report.conforms
    for expected in (
        "InConstraintComponent",
        "MaxCountConstraintComponent",
        "ClosedConstraintComponent",
        "LessThanOrEqualsConstraintComponent",
        "EqualsConstraintComponent",
        "NodeConstraintComponent",
    ):
        assert expected in report.text, expected


# --------------------------------------------------------------------------- IRIs and literals


def test_hostile_ids_become_percent_encoded_iris_and_text_stays_literal():
    G = nx.MultiDiGraph()
    hostile = 'x" ; <a> <b> <c> . # <script>alert(1)</script>\n"""\\ \x00\x1f\u2028'
    G.add_node(
        "doc:a b>c",
        kind="document",
        label=hostile,
        title=hostile,
        issuer=hostile,
        published="2019-07-10",
        place=hostile,
        path=hostile,
        sha256="0" * 64,
        format="txt",
    )
    G.add_node(
        'actor:"x" <y>#z',
        kind="actor",
        label=hostile,
        name=hostile,
        actor_kind="state",
        aliases=[hostile + "!"],
    )
    G.add_node(
        "claim:a b>c#s1",
        kind="claim",
        label=hostile,
        text=hostile,
        content=hostile,
        document="doc:a b>c",
        sentence=1,
        start=0,
        end=5,
        speaker='actor:"x" <y>#z',
        source=None,
        stance="asserts",
        negated=False,
        published="2019-07-10",
        family=None,
        times=[],
        quantities=[],
    )
    G.add_edge("doc:a b>c", "claim:a b>c#s1", key="CONTAINS", kind="CONTAINS")
    G.add_edge(
        "claim:a b>c#s1",
        'actor:"x" <y>#z',
        key="MENTIONS",
        kind="MENTIONS",
        role="target",
        roles=["target"],
    )
    G.add_edge('actor:"x" <y>#z', "claim:a b>c#s1", key="ASSERTS", kind="ASSERTS")
    for fmt, data in (("turtle", turtle(G)), ("nt", ntriples(G)), ("json-ld", jsonld(G))):
        g = parse_jsonld(data) if fmt == "json-ld" else rdflib.Graph().parse(data=data, format=fmt)
        assert isomorphic(g, to_rdf(G)), fmt
        assert hostile in {str(o) for o in g.objects()}
        for iri in {str(t) for t in g.all_nodes() if isinstance(t, URIRef)}:
            assert not set(iri) & set(' "<>\\\n\x00{}|^`'), iri
    _assert_conforms(to_rdf(G))
    assert (
        str(node_iri('actor:"x" <y>#z'))
        == "https://w3id.org/claimgraph/id/actor/%22x%22%20%3Cy%3E/z"
    )
    assert _oxigraph_count(turtle(G), pyoxigraph.RdfFormat.TURTLE) == len(to_rdf(G))


def test_time_values_are_typed_only_when_they_are_valid_xsd():
    G = nx.MultiDiGraph()
    values = {
        "P3Y": XSD.duration,
        "PT1H30M": XSD.duration,
        "P2W": None,  # a TIMEX3 duration xsd:duration cannot write
        "P1YT": None,
        "2019-07-10": XSD.date,
        "2019-02-30": None,  # not a date
        "2019-07": XSD.gYearMonth,
        "2019": XSD.gYear,
        "0000": None,
        "2019-Q3": None,
        "PAST_REF": None,
    }
    G.add_node("doc:d", kind="document", label="d", path="d.txt", sha256="0" * 64, format="txt")
    times = [{"text": v, "start": 0, "end": 1, "type": "DATE", "value": v} for v in values]
    G.add_node(
        "claim:d#s0",
        kind="claim",
        label="t",
        text="t",
        document="doc:d",
        sentence=0,
        start=0,
        end=1,
        speaker=None,
        stance="asserts",
        negated=False,
        times=times,
    )
    G.add_edge("doc:d", "claim:d#s0", key="CONTAINS", kind="CONTAINS")
    g = rdflib.Graph().parse(data=turtle(G), format="turtle")
    for n, (value, datatype) in enumerate(values.items()):
        literal = g.value(URIRef(str(node_iri("claim:d#s0")) + f"/time/{n}"), CG.timexValue)
        assert (str(literal), literal.datatype) == (value, datatype)
    _assert_conforms(g)


def test_node_ids_and_iris_round_trip():
    for node in ("claim:2019-07-10-geneva#s12", "actor:x y<script>", "doc:a/b", "date:2019"):
        assert node_id_of(str(node_iri(node))) == node
    assert node_id_of("https://schema.org/Claim") is None


def test_iter_triples_gives_a_node_and_its_sub_resources_together(seed_rdf):
    G, _, _ = seed_rdf
    subjects = []
    for t in iter_triples(G):
        if not subjects or subjects[-1] != t.subject.value:
            subjects.append(t.subject.value)
    assert len(subjects) == len(set(subjects))  # each subject once: Turtle groups it


# --------------------------------------------------------------------------- Gephi


def test_graphml_and_gexf_carry_scalar_attributes_and_read_back(seed_rdf, tmp_path):
    G, _, _ = seed_rdf
    (tmp_path / "g.graphml").write_bytes(graphml(G))
    (tmp_path / "g.gexf").write_bytes(gexf(G))
    for H in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert H.number_of_nodes() == G.number_of_nodes()
        assert H.number_of_edges() == G.number_of_edges()
        for _, attrs in H.nodes(data=True):
            assert all(isinstance(v, str | int | float | bool) for v in attrs.values())
    claim = claim_with(G, "for almost three years")
    H = nx.read_gexf(tmp_path / "g.gexf")
    assert H.nodes[claim]["char_start"] == G.nodes[claim]["start"]
    assert json.loads(H.nodes[claim]["times"]) == G.nodes[claim]["times"]
    assert "start" not in H.nodes[claim]  # not read as a GEXF time span


def test_gephi_exports_survive_text_xml_cannot_carry():
    G = nx.MultiDiGraph()
    G.add_node("actor:a\x01b", kind="actor", label="bell \x07 and \ufffe", aliases=None)
    H = gephi_graph(G)
    assert list(H.nodes(data=True)) == [
        ("actor:a\\u0001b", {"kind": "actor", "label": "bell \\u0007 and \\ufffe"})
    ]
    for data, read in ((graphml(G), nx.read_graphml), (gexf(G), nx.read_gexf)):
        assert read(io.BytesIO(data)).number_of_nodes() == 1


# --------------------------------------------------------------------------- both sides of a proposition

REPORT_2021 = "The Ruritanian police detained more than 3,000 protesters in Strelsau in February."
UPDATE_2021 = "The Ruritanian police detained more than 4,000 protesters in Strelsau in February."
MINISTRY_2021 = "The allegation that the Ruritanian police detained more than 3,000 protesters in Strelsau is groundless."
AMBASSADOR_2021 = "Ambassador Rudolf Rassendyll said that the allegation that the Ruritanian police"
RELAYED_2021 = "Reports say that the Ruritanian police detained"


@pytest.fixture(scope="module")
def contested_rdf(contested_build):
    """(G, the build's graph.ttl parsed by rdflib) of the contested test documents."""
    G, _, out = contested_build
    return G, rdflib.Graph().parse(out / "graph.ttl", format="turtle")


def test_contested_turtle_conforms_and_holds_the_contestation_with_its_score(contested_rdf):
    G, g = contested_rdf
    _assert_conforms(g)
    report, ministry = claim_with(G, REPORT_2021), claim_with(G, MINISTRY_2021)
    assert G.edges[ministry, report, "CONTESTS"]["relation"] == "rebuts"
    denier, denied = node_iri(ministry), node_iri(report)
    assert (denier, CG.contests, denied) in g
    (link,) = [
        r for r in g.subjects(CG.contestingClaim, denier) if (r, CG.contestedClaim, denied) in g
    ]
    assert str(link) == str(denier) + "/contests/2021-03-01-human-rights-watch-report/s3"
    assert (link, RDF.type, CG.Contestation) in g
    assert g.value(link, CG.relation) == Literal("rebuts")
    score = g.value(link, CG.score)
    assert score.datatype == XSD.decimal
    assert float(score) == pytest.approx(G.edges[ministry, report, "CONTESTS"]["score"], abs=1e-4)
    assert "denies 'the Ruritanian police detained more than 3,000 protesters" in str(
        g.value(link, CG.evidence)
    )
    # a contestation is not a recurrence, and the rebuttal says what it calls false
    assert (denier, CG.recursAs, denied) not in g
    assert g.value(denier, CG.rebuts) == Literal(
        "the Ruritanian police detained more than 3,000 protesters in Strelsau"
    )


def test_positions_claimants_and_the_contested_family(contested_rdf):
    G, g = contested_rdf
    report, update = claim_with(G, REPORT_2021), claim_with(G, UPDATE_2021)
    ministry, ambassador = claim_with(G, MINISTRY_2021), claim_with(G, AMBASSADOR_2021)
    relayed = claim_with(G, RELAYED_2021)
    assert {
        c: g.value(node_iri(c), CG.position)
        for c in (report, update, ministry, ambassador, relayed)
    } == {
        report: CG.Asserts,
        update: CG.Asserts,
        ministry: CG.Denies,
        ambassador: CG.Denies,
        relayed: CG.Reports,
    }
    # the newspaper prints the ambassador's denial: it is attributed to the
    # newspaper (the speaker) and claimed by the ambassador
    a = node_iri(ambassador)
    assert g.value(a, PROV.wasAttributedTo) == node_iri("actor:the-strelsau-times")
    assert g.value(a, CG.claimant) == node_iri("actor:rudolf-rassendyll")
    assert g.value(node_iri(relayed), CG.relays) == Literal(True)
    assert g.value(node_iri(report), CG.relays) is None
    family = node_iri(G.nodes[report]["family"])
    assert g.value(family, CG.contested) == Literal(True)
    assert {g.value(c, CG.position) for c in g.objects(family, SCHEMA.appearance)} == {
        CG.Asserts,
        CG.Denies,
        CG.Reports,
    }
    assert str(g.value(family, SCHEMA.text)) == REPORT_2021
    onto = ontology()
    assert (CG.claimant, rdflib.RDFS.subPropertyOf, PROV.wasAttributedTo) in onto
    for concept in (CG.Asserts, CG.Denies, CG.Reports):
        assert (concept, RDF.type, SKOS.Concept) in onto


def test_the_shapes_catch_a_broken_contestation(contested_rdf):
    G, g = contested_rdf
    ministry, report = node_iri(claim_with(G, MINISTRY_2021)), node_iri(claim_with(G, REPORT_2021))
    broken = rdflib.Graph()
    for triple in g:
        broken.add(triple)
    family = node_iri(G.nodes[claim_with(G, REPORT_2021)]["family"])
    link = URIRef(str(ministry) + "/contests/2021-03-01-human-rights-watch-report/s3")
    broken.set((link, CG.relation, Literal("repeated")))  # a recurrence's relation
    broken.set((link, CG.score, Literal("1.5", datatype=XSD.decimal)))
    broken.set((family, CG.contested, Literal(False)))  # yet one side asserts, one denies
    broken.set((ministry, CG.position, CG.Asserts))
    broken.add((ministry, CG.contests, ministry))  # itself, and without a cg:Contestation
    report_text = validate(broken)
    assert not report_text.conforms
    for expected in (
        "InConstraintComponent",
        "MaxInclusiveConstraintComponent",
        "contested exactly when",
        "a claim does not contest itself",
        "qualified by one cg:Contestation",
    ):
        assert expected in report_text.text, expected
    unchanged = rdflib.Graph()
    for triple in g:
        unchanged.add(triple)
    unchanged.remove((report, CG.memberOf, None))
    assert "only if it has a family" in validate(unchanged).text
