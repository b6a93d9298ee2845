"""The claim graph: a networkx MultiDiGraph of documents, claims, families, actors and dates.

Node ids are readable and stable (``doc:<slug>``, ``claim:<doc-slug>#s12``,
``family:<doc-slug>-s12``, ``actor:china``, ``date:2019-07-10``); nodes and
edges are inserted in sorted order, so the same input gives the same graph,
node for node and edge for edge.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

import networkx as nx

from extract.actors import merge_actors
from extract.records import Actor, DocumentExtraction
from extract.report import claim_record

from .link import POSITIONS, ClaimFamily, Recurrence

__all__ = ["EDGE_KINDS", "NODE_KINDS", "build_graph", "canonical_actors", "claim_label"]

NODE_KINDS = ("document", "claim", "family", "actor", "date")
EDGE_KINDS = (
    "CONTAINS",
    "ASSERTS",
    "MENTIONS",
    "REFERS_TO",
    "PUBLISHED_ON",
    "RECURS",
    "CONTESTS",
    "MEMBER_OF",
    "REPORTS",
)

# TIMEX3 values that name a point or period of the calendar (a date node):
# 2019, 2019-07, 2019-07-10, 2019-Q3, 2019-W07, 2019-SU, 199 (a decade).
_CALENDAR = re.compile(r"^\d{3,4}(?:-(?:\d{2}(?:-\d{2})?|Q[1-4]|W\d{2}|SP|SU|FA|WI|H[12]))?$")


def claim_label(text: str, width: int = 80) -> str:
    """A claim's text cut at a word boundary to ``width`` characters."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut + "…"


def canonical_actors(
    extractions: Sequence[DocumentExtraction],
) -> tuple[dict[str, Actor], dict[str, str]]:
    """Actors of all documents merged into one set, and the id each old id maps to."""
    counts: Counter[str] = Counter()
    for ex in extractions:
        for claim in ex.claims:
            counts.update(m.actor for m in claim.mentions)
            if claim.speaker:
                counts[claim.speaker] += 1
    every = [a for ex in extractions for a in ex.actors]
    mapping = merge_actors(every, counts)
    merged: dict[str, Actor] = {}
    surfaces: dict[str, set[str]] = {}
    for actor in sorted(every, key=lambda a: a.id):
        target = mapping[actor.id]
        surfaces.setdefault(target, set()).update({actor.name, *actor.aliases})
        if actor.id == target and target not in merged:
            merged[target] = actor
    for target, names in surfaces.items():
        base = merged[target]
        merged[target] = dataclasses.replace(
            base, aliases=tuple(sorted(n for n in names if n != base.name))
        )
    return merged, mapping


def build_graph(
    extractions: Sequence[DocumentExtraction],
    recurrences: Sequence[Recurrence] = (),
    families: Sequence[ClaimFamily] = (),
) -> nx.MultiDiGraph:
    """Build the claim graph from extraction results and recurring-claim links.

    Parameters
    ----------
    extractions : one :class:`~extract.records.DocumentExtraction` per document
    recurrences : RECURS links from :func:`graph.link.link_claims`
    families : claim families from :func:`graph.link.link_claims`

    Returns
    -------
    networkx.MultiDiGraph
        Nodes carry ``kind`` and ``label``; edges carry ``kind`` and are keyed
        by it.

    Examples
    --------
    >>> G = build_graph([])
    >>> G.number_of_nodes()
    0
    """
    actors, mapping = canonical_actors(extractions)
    published = {
        ex.document.id: ex.document.published.isoformat() if ex.document.published else None
        for ex in extractions
    }
    family_of = {cid: f.id for f in families for cid in f.claims}
    position_of = {v.claim: v.position for f in families for v in f.variants}
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}

    def edge(u: str, v: str, kind: str, **attrs: object) -> None:
        edges.setdefault((u, v, kind), {"kind": kind}).update(attrs)

    def date_node(value: str) -> str:
        node = f"date:{value}"
        nodes.setdefault(node, {"kind": "date", "label": value, "value": value})
        return node

    for ex in extractions:
        doc = ex.document
        nodes[doc.id] = {
            "kind": "document",
            "label": doc.title or doc.path.rsplit("/", 1)[-1],
            "title": doc.title,
            "issuer": doc.issuer,
            "published": published[doc.id],
            "published_by": doc.published_by if published[doc.id] else None,
            "url": doc.url,
            "place": doc.place,
            "path": doc.path,
            "sha256": doc.sha256,
            "format": doc.format,
            "sentences": len(ex.sentences),
            "claims": len(ex.claims),
        }
        if doc.published:
            edge(doc.id, date_node(published[doc.id] or ""), "PUBLISHED_ON")
        for claim in ex.claims:
            speaker = mapping.get(claim.speaker, claim.speaker) if claim.speaker else None
            source = mapping.get(claim.source, claim.source) if claim.source else None
            claimant = mapping.get(claim.claimant, claim.claimant) if claim.claimant else None
            record = claim_record(claim)
            # the lists stay last: GraphML and GEXF write attributes in insertion order
            lists = {
                key: record.pop(key)
                for key in ("times", "quantities", "actors", "paraphrases", "stance_on")
            }
            for mention in lists["actors"]:
                mention["actor"] = mapping.get(mention["actor"], mention["actor"])
            nodes[claim.id] = {
                "kind": "claim",
                "label": claim_label(claim.text),
                **record,
                # what needs the whole graph: actors merged across documents, date, family
                "speaker": speaker,
                "source": source,
                "claimant": claimant,
                "published": published[doc.id],
                "family": family_of.get(claim.id),
                "position": position_of.get(claim.id),
                **lists,
            }
            edge(doc.id, claim.id, "CONTAINS")
            if speaker:
                edge(speaker, claim.id, "ASSERTS")
            if source:
                edge(claim.id, source, "REPORTS")
            for mention in claim.mentions:
                if mention.role == "speaker":
                    continue  # the speaker naming itself: already its ASSERTS edge
                target = mapping.get(mention.actor, mention.actor)
                current = edges.get((claim.id, target, "MENTIONS"))
                roles = set(current["roles"]) if current else set()
                roles.add(mention.role)
                edge(claim.id, target, "MENTIONS", role=_main_role(roles), roles=sorted(roles))
            for t in claim.times:
                if t.type == "DATE" and _CALENDAR.match(t.value):
                    edge(claim.id, date_node(t.value), "REFERS_TO", text=t.text)
            if claim.id in family_of:
                edge(claim.id, family_of[claim.id], "MEMBER_OF", position=position_of[claim.id])

    used = {u for (u, _, _) in edges} | {v for (_, v, _) in edges}
    # a claimant quoted by the speaker is an actor of the graph even where no
    # edge names it (its claims point to it by their ``claimant``)
    used |= {a["claimant"] for a in nodes.values() if a.get("kind") == "claim" and a["claimant"]}
    for aid, actor in actors.items():
        if aid not in used:
            continue
        nodes[aid] = {
            "kind": "actor",
            "label": actor.name,
            "name": actor.name,
            "actor_kind": actor.kind,
            "aliases": list(actor.aliases),
        }
    claim_nodes = {cid: attrs for cid, attrs in nodes.items() if attrs["kind"] == "claim"}
    for family in families:
        members = [claim_nodes[c] for c in family.claims if c in claim_nodes]
        speakers = Counter(m["speaker"] for m in members if m["speaker"])
        held: dict[str, set[str]] = {p: set() for p in POSITIONS}
        for m in members:
            who = m.get("claimant") or m.get("speaker")
            if who:
                held[m["position"] or "asserts"].add(who)
        nodes[family.id] = {
            "kind": "family",
            "label": claim_label(claim_nodes[family.label_claim]["text"]),
            "label_claim": family.label_claim,
            "size": len(family.claims),
            "first_seen": family.first_seen,
            "last_seen": family.last_seen,
            "documents": sorted({m["document"] for m in members}),
            "speakers": sorted(speakers),
            "speaker_counts": dict(sorted(speakers.items())),
            "contested": family.contested,
            "asserted_by": sorted(held["asserts"]),
            "denied_by": sorted(held["denies"]),
            "reported_by": sorted(held["reports"]),
            "position_counts": {
                p: sum(1 for m in members if m["position"] == p) for p in POSITIONS
            },
            "claims": list(family.claims),
        }
    for r in recurrences:
        attrs: dict[str, object] = {"score": r.score, "relation": r.relation}
        if r.consistent is not None:
            attrs["consistent"] = r.consistent
        if r.evidence:
            attrs["evidence"] = r.evidence
        edge(r.source, r.target, r.kind, **attrs)

    G = nx.MultiDiGraph()
    for node in sorted(nodes):
        G.add_node(node, **nodes[node])
    for u, v, kind in sorted(edges):
        G.add_edge(u, v, key=kind, **edges[(u, v, kind)])
    return G


def _main_role(roles: set[str]) -> str:
    for role in ("source", "target", "beneficiary", "mentioned"):
        if role in roles:
            return role
    return sorted(roles)[0]
