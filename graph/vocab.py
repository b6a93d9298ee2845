"""claimgraph's own RDF terms, in one namespace; everything else reuses standard vocabularies."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["CG", "ID", "OA", "SCHEMA"]

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
    CalendarDate: URIRef  # a date or period of the calendar (TIMEX3 value)
    TimeExpression: URIRef  # a time expression found in a claim
    Quantity: URIRef  # a number with its unit and modifier
    Recurrence: URIRef  # a RECURS link between two claim instances, with its evidence

    # document
    issuer: URIRef
    path: URIRef
    sha256: URIRef
    format: URIRef
    publishedOn: URIRef

    # claim instance
    content: URIRef
    sentenceIndex: URIRef
    stance: URIRef
    negated: URIRef
    reportsSource: URIRef
    refersTo: URIRef
    hasTimeExpression: URIRef
    hasQuantity: URIRef
    memberOf: URIRef
    recursAs: URIRef
    mentionRole: URIRef

    # actor
    actorKind: URIRef

    # time expressions and quantities
    timexType: URIRef
    timexValue: URIRef
    modifier: URIRef
    anchor: URIRef
    impliedStart: URIRef
    impliedEnd: URIRef
    quantityValue: URIRef
    unit: URIRef

    # family and recurrence
    firstSeen: URIRef
    lastSeen: URIRef
    size: URIRef
    fromClaim: URIRef
    toClaim: URIRef
    score: URIRef
    relation: URIRef
    consistent: URIRef
    evidence: URIRef
