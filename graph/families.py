"""Claim families of a built graph: a table of families, and one family's variants in date order.

What ``claimgraph families`` prints.  Everything is read from the graph: the
family nodes (label, first and last seen, documents, speakers, who asserts and
who denies the proposition), their member claims (text, date, speaker,
claimant, position, figures), the RECURS links between members (relation,
consistency of running counts) and the CONTESTS links from a claim to the
claims it denies or rebuts.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from extract.errors import ClaimgraphError

__all__ = [
    "FamilyNotFound",
    "family_table",
    "family_variants",
    "format_families",
    "format_variants",
    "talking_point_rank",
]


class FamilyNotFound(ClaimgraphError):
    """No family of that id in the graph."""

    code = "CG410"


def _name(G: nx.MultiDiGraph, node: str) -> str:
    """An actor's name (its label), or the id of a node the graph does not hold."""
    return str(G.nodes[node].get("label") or node) if node in G else node


def _sides(G: nx.MultiDiGraph, family: dict) -> tuple[dict[str, list[str]], str]:
    """Who asserts, denies and reports a family's proposition: actor ids, and names in words."""
    held = {p: list(family.get(f"{p}_by") or []) for p in ("asserted", "denied", "reported")}
    words = "; ".join(
        f"{p} by {', '.join(_name(G, n) for n in who)}" for p, who in held.items() if who
    )
    return held, words


def talking_point_rank(
    documents: int, speakers: int, claims: int, first_seen: str | None, family: str
) -> tuple:
    """The sort key of a talking point (claim family), most recurrent first: in most
    documents, then said by most distinct speakers, then most claims, then seen
    first (undated last), then by id.  The explorer and ``claimgraph report``
    rank by it.

    Examples
    --------
    >>> rows = [(2, 1, 2, "2019-07-10", "family:a"), (3, 1, 3, "2020-01-01", "family:b"),
    ...         (2, 1, 5, None, "family:c"), (2, 2, 2, "2021-01-01", "family:d")]
    >>> [r[-1] for r in sorted(rows, key=lambda r: talking_point_rank(*r))]
    ['family:b', 'family:d', 'family:c', 'family:a']
    """
    return (-documents, -speakers, -claims, first_seen or "9999-99-99", family)


def family_table(G: nx.MultiDiGraph) -> list[dict]:
    """One row per family: id, dates, size, documents, speakers, sides and label.

    The sides of a family's proposition are the actors (claimants, else
    speakers) whose claims assert, deny or report it: ``asserted_by``,
    ``denied_by`` and ``reported_by`` (actor ids), ``sides`` (their names, in
    words), and ``contested`` (some assert it, others deny it).  Rows are
    sorted by first appearance, then id.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("family:a", kind="family", label="X", first_seen="2019-07-10",
    ...            last_seen="2023-09-14", documents=["doc:a", "doc:b"], claims=["c1", "c2"],
    ...            speaker_counts={"actor:china": 2})
    >>> family_table(G)[0]["speakers"]
    'actor:china (2)'
    >>> G.add_node("actor:x", kind="actor", label="Xanadu")
    >>> G.nodes["family:a"].update(contested=True, asserted_by=["actor:china"],
    ...                            denied_by=["actor:x"])
    >>> row = family_table(G)[0]
    >>> row["contested"], row["denied_by"], row["sides"]
    (True, ['actor:x'], 'asserted by actor:china; denied by Xanadu')
    """
    rows = []
    for node, a in G.nodes(data=True):
        if a.get("kind") != "family":
            continue
        counts = a.get("speaker_counts") or {s: 1 for s in a.get("speakers", [])}
        held, sides = _sides(G, a)
        rows.append(
            {
                "id": node,
                "first_seen": a.get("first_seen"),
                "last_seen": a.get("last_seen"),
                "size": a.get("size", len(a.get("claims", []))),
                "documents": len(a.get("documents", [])),
                "speakers": ", ".join(
                    f"{s} ({n})" for s, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
                ),
                "contested": bool(a.get("contested")),
                "asserted_by": held["asserted"],
                "denied_by": held["denied"],
                "reported_by": held["reported"],
                "sides": sides,
                "label": a.get("label", ""),
            }
        )
    rows.sort(key=lambda r: (r["first_seen"] or "9999", r["id"]))
    return rows


def _figures(claim: dict) -> list[str]:
    spans = [
        (t.get("start", 0), t["text"])
        for t in claim.get("times", [])
        if t.get("type") == "DURATION"
        or (t.get("type") == "DATE" and any(ch.isdigit() for ch in t.get("text", "")))
    ]
    spans += [(q.get("start", 0), q["text"]) for q in claim.get("quantities", [])]
    return [text for _, text in sorted(spans)]


def family_variants(G: nx.MultiDiGraph, family: str) -> dict:
    """One family: its attributes and its claims in date order, with figures and links.

    Each variant carries its ``position`` toward the family's proposition
    (asserts, denies or reports), its ``claimant`` (whose claim it is: the one
    quoted, else the speaker), the RECURS link from the variant before it (its
    relation, whether a running count is consistent, the evidence), and its
    CONTESTS links: ``contests`` (the claims it denies or rebuts) and
    ``contested_by`` (the claims that deny or rebut it), each with the other
    claim, its date, relation, score and evidence.

    Raises
    ------
    FamilyNotFound
        When ``family`` (with or without the ``family:`` prefix) is no family of ``G``.
    """
    node = family if family.startswith("family:") else f"family:{family}"
    if node not in G or G.nodes[node].get("kind") != "family":
        known = sorted(n for n, a in G.nodes(data=True) if a.get("kind") == "family")
        hint = (
            f" (families: {', '.join(known[:5])}{' …' if len(known) > 5 else ''})" if known else ""
        )
        raise FamilyNotFound(
            f"no family {family!r} in this graph; list them with claimgraph families{hint}"
        )
    attrs = G.nodes[node]
    held, sides = _sides(G, attrs)
    members = [c for c in attrs.get("claims", []) if c in G]
    members.sort(key=lambda c: (G.nodes[c].get("published") or "9999", c))
    variants = []
    verdicts = []
    for k, cid in enumerate(members):
        claim = G.nodes[cid]
        link: dict = {}
        for prev in reversed(members[:k]):
            data = G.get_edge_data(prev, cid, key="RECURS") or G.get_edge_data(
                cid, prev, key="RECURS"
            )
            if data:
                link = {"from": prev, **{k2: v for k2, v in data.items() if k2 != "kind"}}
                break
        if "consistent" in link:
            verdicts.append(bool(link["consistent"]))
        contests = [
            _contest(G, v, data)
            for _, v, data in G.out_edges(cid, data=True)
            if data.get("kind") == "CONTESTS"
        ]
        contested_by = [
            _contest(G, u, data)
            for u, _, data in G.in_edges(cid, data=True)
            if data.get("kind") == "CONTESTS"
        ]
        claimant = claim.get("claimant") or claim.get("speaker")
        variants.append(
            {
                "claim": cid,
                "published": claim.get("published"),
                "document": claim.get("document"),
                "speaker": claim.get("speaker"),
                "claimant": claimant,
                "claimant_name": _name(G, claimant) if claimant else None,
                "relays": bool(claim.get("relays")),
                "position": claim.get("position") or _member_position(G, cid, node),
                "rebuts": claim.get("rebuts") or "",
                "text": claim.get("text"),
                "figures": _figures(claim),
                "link": link,
                "contests": sorted(contests, key=lambda c: (c["published"] or "9999", c["claim"])),
                "contested_by": sorted(
                    contested_by, key=lambda c: (c["published"] or "9999", c["claim"])
                ),
            }
        )
    return {
        "id": node,
        "label": attrs.get("label"),
        "first_seen": attrs.get("first_seen"),
        "last_seen": attrs.get("last_seen"),
        "consistent": all(verdicts) if verdicts else None,
        "contested": bool(attrs.get("contested")),
        "asserted_by": held["asserted"],
        "denied_by": held["denied"],
        "reported_by": held["reported"],
        "sides": sides,
        "position_counts": dict(attrs.get("position_counts") or {}),
        "variants": variants,
    }


def _member_position(G: nx.MultiDiGraph, claim: str, family: str) -> str | None:
    """The position on the claim's MEMBER_OF edge (graphs whose claim nodes lack it)."""
    return (G.get_edge_data(claim, family, key="MEMBER_OF") or {}).get("position")


def _contest(G: nx.MultiDiGraph, other: str, data: dict) -> dict:
    """A CONTESTS link seen from one of its claims: the other claim, when and who, and why."""
    a = G.nodes[other] if other in G else {}
    who = a.get("claimant") or a.get("speaker")
    return {
        "claim": other,
        "published": a.get("published"),
        "claimant": who,
        "claimant_name": _name(G, who) if who else None,
        **{k: v for k, v in data.items() if k != "kind"},
    }


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_families(rows: Sequence[dict], width: int = 60) -> str:
    """The family table as aligned text."""
    if not rows:
        return "no claim families in this graph\n"
    header = (
        "family",
        "first seen",
        "last seen",
        "claims",
        "docs",
        "speakers",
        "contested",
        "sides",
        "label",
    )
    cells = [
        (
            r["id"],
            r["first_seen"] or "undated",
            r["last_seen"] or "undated",
            str(r["size"]),
            str(r["documents"]),
            _cut(r["speakers"], 48),
            "yes" if r.get("contested") else "-",
            _cut(r.get("sides") or "-", 72),
            _cut(r["label"], width),
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    for c in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def format_variants(family: dict) -> str:
    """One family's variants in date order: who holds it from which side, figures, changes."""
    lines = [f"{family['id']}: {family['label']}"]
    lines.append(
        f"  first seen {family['first_seen'] or 'undated'}, last seen {family['last_seen'] or 'undated'}"
    )
    if family.get("sides"):
        mark = "CONTESTED: " if family.get("contested") else ""
        lines.append(f"  {mark}{family['sides']}")
    if family["consistent"] is not None:
        lines.append(
            "  running count: "
            + (
                "consistent (the figures imply one start)"
                if family["consistent"]
                else "INCONSISTENT"
            )
        )
    for v in family["variants"]:
        figures = f"  [{'; '.join(v['figures'])}]" if v["figures"] else ""
        lines.append(
            f"  {v['published'] or 'undated':<10}  {v['speaker'] or '-'}  {v['claim']}{figures}"
        )
        who = v.get("claimant_name") or v.get("claimant")
        if v.get("position") or who:
            held = " ".join(
                x
                for x in (
                    v.get("position") or "",
                    f"(claimant {who}{', relayed' if v.get('relays') else ''})" if who else "",
                )
                if x
            )
            lines.append(f"      {held}")
        lines.append(f"      {v['text']}")
        for verb, links in (
            ("contests", v.get("contests")),
            ("contested by", v.get("contested_by")),
        ):
            for c in links or ():
                lines.append(
                    f"      {verb} {c['claim']} ({c.get('published') or 'undated'}, "
                    f"{c.get('claimant_name') or '-'}): {c.get('relation', 'contests')}"
                    f", score {c.get('score')}"
                )
                if c.get("evidence"):
                    lines.append(f"        evidence: {c['evidence']}")
        link = v["link"]
        if link:
            extra = ""
            if "consistent" in link:
                extra = ", consistent" if link["consistent"] else ", inconsistent"
            lines.append(
                f"      {link.get('relation', 'recurs')} (score {link.get('score')}{extra})"
            )
            if link.get("evidence"):
                lines.append(f"      evidence: {link['evidence']}")
    return "\n".join(lines) + "\n"
