"""Claim families of a built graph: a table of families, and one family's variants in date order.

What ``claimgraph families`` prints.  Everything is read from the graph: the
family nodes (label, first and last seen, documents, speakers), their member
claims (text, date, speaker, figures) and the RECURS links between members
(relation, consistency of running counts).
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
]


class FamilyNotFound(ClaimgraphError):
    """No family of that id in the graph."""

    code = "CG410"


def family_table(G: nx.MultiDiGraph) -> list[dict]:
    """One row per family: id, first_seen, last_seen, size, documents, speakers, label.

    Rows are sorted by first appearance, then id.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("family:a", kind="family", label="X", first_seen="2019-07-10",
    ...            last_seen="2023-09-14", documents=["doc:a", "doc:b"], claims=["c1", "c2"],
    ...            speaker_counts={"actor:china": 2})
    >>> family_table(G)[0]["speakers"]
    'actor:china (2)'
    """
    rows = []
    for node, a in G.nodes(data=True):
        if a.get("kind") != "family":
            continue
        counts = a.get("speaker_counts") or {s: 1 for s in a.get("speakers", [])}
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

    Each variant carries the RECURS link from the variant before it (its
    relation, whether a running count is consistent, the evidence).

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
        variants.append(
            {
                "claim": cid,
                "published": claim.get("published"),
                "document": claim.get("document"),
                "speaker": claim.get("speaker"),
                "text": claim.get("text"),
                "figures": _figures(claim),
                "link": link,
            }
        )
    return {
        "id": node,
        "label": attrs.get("label"),
        "first_seen": attrs.get("first_seen"),
        "last_seen": attrs.get("last_seen"),
        "consistent": all(verdicts) if verdicts else None,
        "variants": variants,
    }


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_families(rows: Sequence[dict], width: int = 60) -> str:
    """The family table as aligned text."""
    if not rows:
        return "no claim families in this graph\n"
    header = ("family", "first seen", "last seen", "claims", "docs", "speakers", "label")
    cells = [
        (
            r["id"],
            r["first_seen"] or "-",
            r["last_seen"] or "-",
            str(r["size"]),
            str(r["documents"]),
            _cut(r["speakers"], 48),
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
    """One family's variants in date order, with figures and how each one changed."""
    lines = [f"{family['id']}: {family['label']}"]
    lines.append(
        f"  first seen {family['first_seen'] or '-'}, last seen {family['last_seen'] or '-'}"
    )
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
            f"  {v['published'] or 'no date':<10}  {v['speaker'] or '-'}  {v['claim']}{figures}"
        )
        lines.append(f"      {v['text']}")
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
