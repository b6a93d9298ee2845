"""claimgraph's own RDF terms, in one namespace; everything else reuses standard vocabularies.

The terms are declared, with labels, domains and ranges, in ``graph/ontology.ttl``
(shipped with the package); ``graph/shapes.ttl`` holds the SHACL shapes every
export conforms to.  A test keeps the three in step.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["CG", "ID", "OA", "PREFIXES", "SCHEMA"]

#: Instances (documents, claims, actors ...) live under this base.
ID = Namespace("https://w3id.org/claimgraph/id/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")


class CG(DefinedNamespace):
    """The claimgraph vocabulary (a misspelt term raises at once: ``_fail = True``)."""

    _NS = Namespace("https://w3id.org/claimgraph/ns#")
    _fail = True

    # classes
    Document: URIRef  # a statement, note, speech or transcript that was read
    ClaimInstance: URIRef  # one appearance of a claim: a sentence of a document
    ClaimFamily: URIRef  # claims that state one proposition across documents
    Actor: URIRef  # a state, organisation, group, person, region or people
    Mention: URIRef  # an actor named in a claim instance, with its roles
    Occurrence: URIRef  # the words that name the actor at one place: text and span
    CalendarDate: URIRef  # a date or period of the calendar (TIMEX3 value)
    TimeExpression: URIRef  # a time expression found in a claim
    Quantity: URIRef  # a number with its unit and modifier
    Recurrence: URIRef  # a RECURS link between two claim instances, with its evidence
    Contestation: URIRef  # a CONTESTS link: a claim instance denies or rebuts another

    # positions toward a family's proposition (SKOS concepts, values of cg:position)
    Asserts: URIRef
    Denies: URIRef
    Reports: URIRef

    # document
    path: URIRef  # the path the document was read from, as given to the build
    publishedBy: URIRef  # why the date of publication is that date: dateline, header, metadata ...
    publishedOn: URIRef  # document -> its publication date (a CalendarDate)

    # claim instance
    content: URIRef  # the claim without its attribution frame ("X said that ...")
    sentenceIndex: URIRef  # index of the sentence in its document
    stance: URIRef  # "asserts", "denies" or "reports"
    negated: URIRef  # the claim is stated in the negative
    reportsSource: URIRef  # reported speech: whose words the claim reports
    claimant: URIRef  # whose claim it is (the one quoted, else the speaker); a prov:wasAttributedTo
    relays: URIRef  # the claimant relays the claim without taking it as its own
    rebuts: URIRef  # the proposition the claim calls false, as its sentence states it
    position: URIRef  # claim -> cg:Asserts, cg:Denies or cg:Reports its family's proposition
    refersTo: URIRef  # a calendar date the claim speaks of
    hasTimeExpression: URIRef
    hasQuantity: URIRef
    hasMention: URIRef  # claim -> qualified Mention (actor with roles)
    memberOf: URIRef  # claim -> its ClaimFamily (inverse of schema:appearance)
    recursAs: URIRef  # earlier claim -> later claim that repeats it
    contests: URIRef  # claim -> the claim it denies or rebuts

    # mention
    actor: URIRef  # the actor a Mention names
    role: URIRef  # "target", "beneficiary", "source" or "mentioned"
    occurrence: URIRef  # Mention -> each place the claim names the actor

    # actor
    actorKind: URIRef  # state, organisation, group, person, region, people

    # time expressions and quantities
    timexType: URIRef  # DATE, TIME, DURATION or SET (TIMEX3 type)
    timexValue: URIRef  # TIMEX3 value: xsd:date, xsd:gYear, xsd:duration ... or a code
    modifier: URIRef  # TIMEX3 mod: APPROX, MORE_THAN, LESS_THAN ...
    anchor: URIRef  # the date a relative expression was resolved against
    impliedStart: URIRef  # start of the interval a duration implies
    impliedEnd: URIRef  # end of the interval a duration implies

    # family and recurrence
    labelClaim: URIRef  # the family's most central claim instance
    firstSeen: URIRef
    lastSeen: URIRef
    size: URIRef
    contested: URIRef  # some appearances assert the family's proposition, others deny it
    fromClaim: URIRef
    toClaim: URIRef
    contestingClaim: URIRef  # the claim instance of a contestation that denies or rebuts
    contestedClaim: URIRef  # the claim instance of a contestation that is denied
    score: URIRef
    relation: URIRef  # recurrence: "repeated", "reworded", "updated"; contestation: "rebuts", "contradicts"
    consistent: URIRef  # an updated number agrees with the earlier one
    evidence: URIRef


#: Prefixes written in Turtle and known to ``claimgraph query`` without PREFIX lines.
PREFIXES: dict[str, str] = {
    "cg": str(CG._NS),
    "schema": str(SCHEMA),
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": str(OA),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
