"""The talking-points explorer: one self-contained HTML page of a graph's claim families.

Where graph.html draws the whole graph, explorer.html lists the talking points
(claim families) ranked by how widely and how often they recur: in how many
documents, by how many speakers, in how many claims. Each row shows when the
point was first and last seen, who asserts, denies and reports it, and a small
timeline of its appearances by date; a click opens its variants (each claim
with its speaker, document, date and position, the figures that changed
marked) with a link to the graph view centred on it (``graph.html#node=ID``).
Rows can be sorted by any column and filtered by speaker, date range and text;
``explorer.html#family=ID`` opens one family.

The page holds only what it shows: the family rows and their variants, with
actors and documents in shared tables, not the whole graph, so it opens at
once even for thousands of families (the page draws the first rows, and more
on demand). Safety is that of :mod:`graph.view`: text from documents reaches
the page only as escaped JSON in a ``<script type="application/json">`` block
and is written with ``textContent``; a Content-Security-Policy allows only the
page's own script, by hash; nothing is fetched. The same graph gives
byte-identical HTML.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
from markupsafe import Markup

from .families import family_table, family_variants, talking_point_rank
from .view import (
    _content_security_policy,
    _inline,
    _page_template,
    _script_json,
    _template_text,
)

__all__ = ["DEFAULT_RANK", "explorer_payload", "render_explorer", "write_explorer"]

#: The default order of the talking points, most recurrent first: by the number
#: of documents they appear in, then of distinct speakers, then of claims (ties:
#: first seen earlier, then id).
DEFAULT_RANK = ("documents", "speakers", "claims")

_POSITIONS = ("asserts", "denies", "reports")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def explorer_payload(G: nx.MultiDiGraph, *, graph_href: str | None = "graph.html") -> dict:
    """The data of the explorer page: family rows in rank order, their variants, and the
    actors and documents they point to (as indices into shared tables).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A claim graph (family nodes with their member claims, as graph.build makes).
    graph_href : str or None, optional
        The graph view the page links to (``graph_href#node=ID``); None for no link.

    Returns
    -------
    dict
        ``families`` (one dict per family, best-ranked first, with ``rank``,
        ``claims``, ``documents``, ``speakers`` as ``[[actor, count], ...]``,
        ``first`` and ``last`` seen, ``dates`` as ``[[day, count], ...]``,
        ``undated``, ``contested``, ``asserts``/``denies``/``reports`` and
        ``variants``), ``actors`` (``[[id, name], ...]``), ``documents``
        (``[[id, title, published], ...]``), ``rank`` and ``graph``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("actor:x", kind="actor", label="Xanadu")
    >>> for doc, day in (("doc:a", "2019-07-10"), ("doc:b", None)):
    ...     G.add_node(doc, kind="document", title=doc[4:].upper(), published=day)
    ...     G.add_node(f"claim:{doc[4:]}#s0", kind="claim", text="It rained.", document=doc,
    ...                speaker="actor:x", published=day, family="family:f")
    >>> G.add_node("family:f", kind="family", label="It rained.", size=2,
    ...            documents=["doc:a", "doc:b"], claims=["claim:a#s0", "claim:b#s0"])
    >>> row = explorer_payload(G)["families"][0]
    >>> row["rank"], row["claims"], row["documents"], row["speakers"]
    (1, 2, 2, [[0, 2]])
    >>> row["first"], row["last"], row["dates"], row["undated"]
    ('2019-07-10', '2019-07-10', [['2019-07-10', 1]], 1)
    """
    actors = _Table()
    documents = _Table()
    families = []
    for row in family_table(G):
        family = family_variants(G, row["id"])
        families.append(_family_row(G, row, family, actors, documents))
    families.sort(key=_rank_key)
    for rank, family_row in enumerate(families, start=1):
        family_row["rank"] = rank
    return {
        "actors": [[node, _actor_name(G, node)] for node in actors.items],
        "documents": [[node, *_document_fields(G, node)] for node in documents.items],
        "families": families,
        "graph": graph_href,
        "rank": list(DEFAULT_RANK),
    }


def render_explorer(
    G: nx.MultiDiGraph, *, title: str = "claimgraph", graph_href: str | None = "graph.html"
) -> str:
    """Render the talking-points explorer of a claim graph as one self-contained HTML page.

    The page lists the graph's claim families ranked by how widely and how
    often they recur (documents, then speakers, then claims), with first and
    last seen, documents, speakers, who asserts, denies and reports each
    (contested ones marked) and a timeline of its appearances by date
    (undated ones counted apart). Rows sort by any column and filter by
    speaker, date range and text; a click (or ``#family=ID`` in the URL) opens
    a family's variants with the changed figures marked and a link to
    ``graph_href#node=ID``. It fetches nothing and runs only its own script;
    the same graph always gives byte-identical HTML.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A claim graph.
    title : str, optional
        Shown in the page title and heading (as text, never as HTML).
    graph_href : str or None, optional
        The graph view the page links to, relative to the page; None for no link.

    Returns
    -------
    str
        The HTML document.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("family:f", kind="family", label="</script><b>x</b>", claims=[])
    >>> html = render_explorer(G, title="Rain")
    >>> html.startswith("<!DOCTYPE html>"), "<script src" in html, "</script><b>" in html
    (True, False, False)
    """
    payload = explorer_payload(G, graph_href=graph_href)
    script = _inline(_template_text("explorer.js"))
    families = payload["families"]
    return _page_template("explorer.html.j2").render(
        title=title,
        csp=_content_security_policy([script]),
        css=Markup(_inline(_template_text("base.css") + _template_text("explorer.css"))),
        script=Markup(script),
        payload=Markup(_script_json(payload)),
        family_count=len(families),
        claim_count=sum(f["claims"] for f in families),
        graph_href=graph_href,
    )


def write_explorer(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str = "claimgraph",
    graph_href: str | None = "graph.html",
) -> None:
    """Write the talking-points explorer of a claim graph to ``path`` (UTF-8).

    See :func:`render_explorer`. The file is written in place; a build writes
    it with its other outputs, atomically.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "explorer.html"
    >>> write_explorer(nx.MultiDiGraph(), out)
    >>> out.read_text(encoding="utf-8").count('id="explorer-data"')
    1
    """
    html = render_explorer(G, title=title, graph_href=graph_href)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(html)


class _Table:
    """Ids numbered in the order they are first met (a fixed order: families by first
    appearance, then id; variants by date)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def index(self, node: Any) -> int | None:
        if node is None or node == "":
            return None
        key = str(node)
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self.items)
            self.items.append(key)
        return found


def _family_row(
    G: nx.MultiDiGraph,
    row: Mapping[str, Any],
    family: Mapping[str, Any],
    actors: _Table,
    documents: _Table,
) -> dict[str, Any]:
    """One family as the page shows it (actor and document ids as table indices)."""
    variants = family["variants"]
    marks = _figure_marks(G, variants)
    speakers: Counter[str] = Counter(str(v["speaker"]) for v in variants if v.get("speaker"))
    days = [_day(v.get("published")) for v in variants]
    dated = Counter(day for day in days if day)
    return {
        "id": str(row["id"]),
        "label": str(row.get("label") or row["id"]),
        "claims": len(variants),
        "documents": len({v["document"] for v in variants if v.get("document")}),
        "speakers": [
            [actors.index(s), n] for s, n in sorted(speakers.items(), key=lambda x: (-x[1], x[0]))
        ],
        "first": min(dated) if dated else None,
        "last": max(dated) if dated else None,
        "dates": [[day, dated[day]] for day in sorted(dated)],
        "undated": sum(1 for day in days if not day),
        "contested": bool(row.get("contested")),
        "asserts": [actors.index(a) for a in row.get("asserted_by") or ()],
        "denies": [actors.index(a) for a in row.get("denied_by") or ()],
        "reports": [actors.index(a) for a in row.get("reported_by") or ()],
        "variants": [
            _variant(v, day, figures, actors, documents)
            for v, day, figures in zip(variants, days, marks, strict=True)
        ],
    }


def _variant(
    v: Mapping[str, Any],
    day: str | None,
    figures: list[list[int]],
    actors: _Table,
    documents: _Table,
) -> dict[str, Any]:
    """One claim of a family: what, who, where, when, from which side, and how it recurs."""
    link = v.get("link") or {}
    out: dict[str, Any] = {
        "claim": str(v["claim"]),
        "text": str(v.get("text") or ""),
        "date": day,
        "speaker": actors.index(v.get("speaker")),
        "document": documents.index(v.get("document")),
        "figures": figures,
    }
    if v.get("claimant") and v.get("claimant") != v.get("speaker"):
        out["claimant"] = actors.index(v["claimant"])
    if v.get("position") in _POSITIONS:
        out["position"] = v["position"]
    if link.get("relation"):
        out["relation"] = str(link["relation"])
    score = link.get("score")
    if isinstance(score, (int, float)) and not isinstance(score, bool) and score == score:
        out["score"] = round(float(score), 4)
    return out


def _figure_marks(
    G: nx.MultiDiGraph, variants: Sequence[Mapping[str, Any]]
) -> list[list[list[int]]]:
    """Each variant's figures as ``[start, end, changed]`` within its text.

    The figures are those :func:`graph.families.family_variants` lists (its
    durations, dated times and quantities). A figure is *changed* when the
    variant next to it in time (the one before it; for the first, the one
    after) carries no figure of the same kind and value, as the graph view
    marks them.
    """
    found = [_figures_in(G, v) for v in variants]
    keys = [{key for _, _, key in figures} for figures in found]
    marks = []
    for i, figures in enumerate(found):
        other = keys[i - 1] if i > 0 else (keys[1] if len(keys) > 1 else None)
        marks.append(
            [
                [start, end, int(other is not None and key not in other)]
                for start, end, key in figures
            ]
        )
    return marks


def _figures_in(G: nx.MultiDiGraph, variant: Mapping[str, Any]) -> list[tuple[int, int, tuple]]:
    """Where each figure of a variant lies in its text, with what it means (its key)."""
    claim = G.nodes[variant["claim"]] if variant["claim"] in G else {}
    text = str(variant.get("text") or "")
    base = claim.get("start")
    wanted = Counter(str(f) for f in variant.get("figures") or ())
    records = [("time", t) for t in claim.get("times") or ()]
    records += [("quantity", q) for q in claim.get("quantities") or ()]
    spans = []
    for kind, record in records:
        needle = str(record.get("text") or "")
        if not needle or wanted[needle] <= 0:
            continue
        wanted[needle] -= 1
        start = record.get("start")
        at = start - base if isinstance(start, int) and isinstance(base, int) else -1
        if not (at >= 0 and text[at : at + len(needle)] == needle):
            at = text.find(needle)
        if at < 0:
            continue
        if kind == "time":
            key = ("time", record.get("type"), record.get("value"), record.get("modifier"))
        else:
            key = ("quantity", record.get("value"), record.get("unit"), record.get("modifier"))
        spans.append((at, at + len(needle), tuple(str(part) for part in key)))
    spans.sort(key=lambda span: (span[0], -span[1]))
    return spans


def _day(value: Any) -> str | None:
    """An ISO day (``YYYY-MM-DD``), or None for anything else: undated, never a guess."""
    text = str(value)[:10] if value else ""
    return text if _ISO_DAY.match(text) else None


def _rank_key(row: Mapping[str, Any]) -> tuple:
    return talking_point_rank(
        row["documents"], len(row["speakers"]), row["claims"], row["first"], row["id"]
    )


def _actor_name(G: nx.MultiDiGraph, node: str) -> str:
    a = G.nodes[node] if node in G else {}
    return str(a.get("label") or a.get("name") or node)


def _document_fields(G: nx.MultiDiGraph, node: str) -> list[str | None]:
    """A document's title and publication day (None when undated)."""
    a = G.nodes[node] if node in G else {}
    title = a.get("title") or a.get("label") or node
    return [str(title), _day(a.get("published"))]
