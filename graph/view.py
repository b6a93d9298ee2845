"""The interactive HTML view of a claim graph: one self-contained file, no network.

The network (nodes, edges, options) is built with pyvis and rendered with
claimgraph's own Jinja2 template, which inlines vis-network from the installed
pyvis package, so the page opens from disk with nothing fetched.

Positions are computed here (a seeded force layout; in large graphs only the
skeleton of documents, families, actors and dates, with each claim on a spiral
around its family or document), so the page draws once and nothing moves; the
same graph gives byte-identical HTML. A graph of more than
:data:`ON_DEMAND_ABOVE` nodes opens without its claims, which the page shows
on demand.

Text from documents is untrusted. It reaches the page only as JSON inside a
``<script type="application/json">`` block, with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, and the page's script writes it with ``textContent``, never as
HTML. A Content-Security-Policy allows only the page's own two scripts (by
hash), so even a markup injection could not run anything.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import functools
import hashlib
import importlib.resources
import json
import math
import numbers
import os
import pathlib
import re
import webbrowser
from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any

import jinja2
import networkx as nx
import numpy as np
from markupsafe import Markup
from pyvis.network import Network
from scipy.spatial.distance import cdist

from extract.errors import ClaimgraphError

__all__ = [
    "ON_DEMAND_ABOVE",
    "ViewNotBuilt",
    "built_view",
    "open_view",
    "render_view",
    "write_view",
]

_VIS_DIR = "lib/vis-9.1.2"


@dataclasses.dataclass(frozen=True)
class _NodeStyle:
    """How one node kind is drawn, and how it is named in the legend."""

    shape: str
    color: str
    legend: str
    font_size: int = 12
    label_chars: int = 40


@dataclasses.dataclass(frozen=True)
class _EdgeStyle:
    """How one edge kind is drawn, and how it is named in the legend."""

    color: str
    legend: str
    ends: str
    width: float = 1.0
    dashes: bool = False


_NODE_STYLES: dict[str, _NodeStyle] = {
    "document": _NodeStyle("box", "#4e79a7", "document", font_size=15, label_chars=64),
    "claim": _NodeStyle("dot", "#f28e2b", "claim", font_size=11, label_chars=32),
    "family": _NodeStyle("diamond", "#e15759", "claim family", font_size=14),
    "actor": _NodeStyle("triangle", "#59a14f", "actor", font_size=14),
    "date": _NodeStyle("square", "#b07aa1", "date", font_size=12),
}
_OTHER_NODE = _NodeStyle("dot", "#9d9d9d", "other")

_EDGE_STYLES: dict[str, _EdgeStyle] = {
    "CONTAINS": _EdgeStyle("#a0b9d6", "contains", "document → claim"),
    "ASSERTS": _EdgeStyle("#59a14f", "asserts", "actor → claim", width=1.5),
    "MENTIONS": _EdgeStyle("#a6d89a", "mentions", "claim → actor"),
    "REPORTS": _EdgeStyle("#76b7b2", "reports", "claim → source", dashes=True),
    "REFERS_TO": _EdgeStyle("#d4a6c8", "refers to", "claim → date"),
    "PUBLISHED_ON": _EdgeStyle("#b07aa1", "published on", "document → date"),
    "RECURS": _EdgeStyle("#e15759", "recurs", "claim → claim", width=3.0),
    # The other side: its own hue (violet, far from the red of RECURS) and dashed,
    # so a contested proposition reads as two camps even in grey.
    "CONTESTS": _EdgeStyle("#6a3d9a", "contests", "claim → claim it denies", 3.0, True),
    "MEMBER_OF": _EdgeStyle("#f4a6a5", "member of", "claim → family", dashes=True),
}
_OTHER_EDGE = _EdgeStyle("#bbbbbb", "other", "")

# Spring strengths for the layout: documents hold their claims together and
# recurring claims gather at their family, while hubs that many claims touch
# (dates, much-mentioned actors) pull more gently so they don't swallow the picture.
_LAYOUT_WEIGHTS: dict[str, float] = {
    "CONTAINS": 1.0,
    "MEMBER_OF": 1.5,
    "RECURS": 1.5,
    "CONTESTS": 1.0,
    "ASSERTS": 0.6,
    "MENTIONS": 0.3,
    "REPORTS": 0.3,
    "REFERS_TO": 0.3,
    "PUBLISHED_ON": 0.5,
}

# Graphs of more nodes than this open with their claims hidden: documents,
# families, actors and dates are drawn, and claims are shown on demand (those of
# a selected node, search matches, or all when "claim" is ticked).
ON_DEMAND_ABOVE = 1000

# Up to this many nodes every node takes part in the force layout; above it only
# the skeleton does (documents, families, actors, dates), and each claim is
# placed around its family, or its document, on a sunflower spiral.
_FULL_LAYOUT_MAX = 400

_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
_CLAIM_SPACING = 18.0  # pixels between claims around their anchor
_ANCHOR_GAP = 30.0  # pixels between an anchor and its nearest claim

_VIS_OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "configure": {"enabled": False},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
        "color": {"highlight": "#222222", "hover": "#555555", "inherit": False},
        "selectionWidth": 2,
        "smooth": False,
    },
    "interaction": {
        "hover": True,
        "multiselect": True,
        "navigationButtons": False,
        "tooltipDelay": 200,
    },
    "layout": {"improvedLayout": False, "randomSeed": 0},
    "nodes": {
        "borderWidth": 1,
        "borderWidthSelected": 3,
        "font": {"face": "system-ui, sans-serif"},
    },
    "physics": {"enabled": False},
}

# Inside a <script> element only "</script" and "<!--" change how HTML parses
# it; escaping "<" covers both, ">" and "&" are escaped for good measure, and
# U+2028/U+2029 because older JavaScript engines end string literals at them.
_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
_BREAKS_OUT = re.compile(r"</(script|style)|<!--", re.IGNORECASE)


def render_view(
    G: nx.MultiDiGraph,
    *,
    title: str = "claimgraph",
    seed: int = 7,
    on_demand_above: int = ON_DEMAND_ABOVE,
) -> str:
    """Render a claim graph as one self-contained, interactive HTML page.

    The page draws the graph with vis-network (inlined from the installed
    pyvis), with a legend, a search box, a show/hide switch per node kind,
    filters by document, speaker, claim family and date range, a "this family
    only" focus, and a side panel that shows where a clicked node comes from
    (for a claim family, who asserts and who denies it and its timeline, each
    variant with its position and the changed figures marked; for a claim, its
    claimant, position and the claims it contests or is contested by).
    CONTESTS links are drawn dashed in their own colour. A link to
    ``graph.html#node=ID`` (as the talking-points explorer makes) opens with
    that node selected and centred, its claims drawn if they are on demand;
    an id the graph does not hold changes nothing. It
    fetches nothing: every script and style is inline, and a
    Content-Security-Policy forbids any other source. Positions are computed
    here, so the page draws once and nothing moves. The same graph always
    gives byte-identical HTML.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A claim graph: every node has ``kind`` and ``label``; every edge has
        ``kind``. Attribute values must be JSON-like (str, numbers, bool,
        None, lists, dicts); other values are shown as their ``str``.
    title : str, optional
        The page title and heading (shown as text, never as HTML).
    seed : int, optional
        Seed of the force layout, computed in Python so the page opens at
        once and nodes stay where they are drawn.
    on_demand_above : int, optional
        A graph of more nodes than this opens with its claims hidden (the
        page draws documents, families, actors and dates); claims appear on
        demand: those of a clicked node, search matches, or all of them when
        "claim" is ticked.

    Returns
    -------
    str
        The HTML document.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("doc:a", kind="document", label="A note", title="A note")
    >>> G.add_node("claim:a#s0", kind="claim", label="It rained.", text="It rained.")
    >>> G.add_edge("doc:a", "claim:a#s0", key="CONTAINS", kind="CONTAINS")
    'CONTAINS'
    >>> html = render_view(G, title="Rain")
    >>> html.startswith("<!DOCTYPE html>")
    True
    >>> "<script src" in html
    False
    """
    node_ids = _node_ids(G)
    edges = _sorted_edges(G)
    kinds = {node: str(G.nodes[node].get("kind", "other")) for node in node_ids}
    positions = _layout(node_ids, kinds, edges, seed)
    actor_claims = _actor_claims(edges)
    on_demand = len(node_ids) > on_demand_above

    net = _IndexedNetwork(directed=True, cdn_resources="in_line", height="100%", width="100%")
    node_kinds: Counter[str] = Counter()
    attrs: dict[str, Any] = {}
    for node, vis_id in node_ids.items():
        data = G.nodes[node]
        kind = str(data.get("kind", "other"))
        node_kinds[kind] += 1
        attrs[vis_id] = _plain(dict(data))
        options = _node_options(vis_id, data, kind, positions[node], actor_claims[node])
        net.add_node(vis_id, **options)

    edge_kinds: Counter[str] = Counter()
    edge_attrs: dict[str, Any] = {}
    for index, (u, v, _key, data) in enumerate(edges):
        edge_id = f"e{index}"
        kind = str(data.get("kind", "other"))
        edge_kinds[kind] += 1
        edge_attrs[edge_id] = _plain(dict(data))
        net.add_edge(node_ids[u], node_ids[v], **_edge_options(edge_id, data, kind))

    net.options = _VIS_OPTIONS | {"groups": _node_groups()}
    vis_nodes, vis_edges, _heading, _height, _width, _options = net.get_network_data()
    payload = {
        "attrs": attrs,
        "edgeAttrs": edge_attrs,
        "edges": vis_edges,
        "nodes": vis_nodes,
        "onDemand": on_demand,
        "options": net.options,
    }

    vis_js = _inline(_pyvis_asset("vis-network.min.js"))
    view_js = _inline(_template_text("view.js"))
    return _page_template("view.html.j2").render(
        title=title,
        csp=_content_security_policy([vis_js, view_js]),
        vis_css=Markup(_inline(_pyvis_asset("vis-network.css"))),
        view_css=Markup(_inline(_template_text("base.css") + _template_text("view.css"))),
        vis_js=Markup(vis_js),
        view_js=Markup(view_js),
        payload=Markup(_script_json(payload)),
        node_count=G.number_of_nodes(),
        edge_count=G.number_of_edges(),
        node_legend=_node_legend(node_kinds),
        edge_legend=_edge_legend(edge_kinds),
        on_demand=on_demand,
    )


def write_view(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str = "claimgraph",
    seed: int = 7,
    on_demand_above: int = ON_DEMAND_ABOVE,
) -> None:
    """Write the interactive HTML view of a claim graph to ``path`` (UTF-8).

    See :func:`render_view` for what the page holds. The file is written in
    place; a caller that wants an atomic replace writes to a temporary name
    and renames it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The claim graph.
    path : str or os.PathLike
        Where to write the HTML file.
    title : str, optional
        The page title and heading.
    seed : int, optional
        Seed of the force layout.
    on_demand_above : int, optional
        Node count above which claims are shown on demand.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("actor:china", kind="actor", label="China", name="China")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
    >>> write_view(G, out)
    >>> out.read_text(encoding="utf-8").count('id="claimgraph-data"')
    1
    """
    html = render_view(G, title=title, seed=seed, on_demand_above=on_demand_above)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(html)


class ViewNotBuilt(ClaimgraphError):
    """The output folder holds no graph.html."""

    code = "CG400"


def built_view(out_dir: str | os.PathLike[str] = "output") -> pathlib.Path:
    """The HTML view a build wrote into ``out_dir``, as an absolute path.

    Raises
    ------
    ViewNotBuilt
        When ``out_dir/graph.html`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> built_view(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.view.ViewNotBuilt: ...graph.html: no view here; run `claimgraph build PATHS --out ...` first
    """
    path = pathlib.Path(out_dir) / "graph.html"
    if not path.is_file():
        raise ViewNotBuilt(
            f"no view here; run `claimgraph build PATHS --out {out_dir}` first", str(path)
        )
    return path.resolve()


def open_view(path: str | os.PathLike[str]) -> bool:
    """Open an HTML file in the default browser; False when no browser could be opened.

    Examples
    --------
    >>> import webbrowser
    >>> opened = []
    >>> webbrowser.open, real = (lambda url: opened.append(url) or True), webbrowser.open
    >>> try:
    ...     open_view("/tmp/graph.html")
    ... finally:
    ...     webbrowser.open = real
    True
    >>> opened
    ['file:///tmp/graph.html']
    """
    url = pathlib.Path(path).resolve().as_uri()
    try:
        return bool(webbrowser.open(url))
    except webbrowser.Error:
        return False


class _IndexedNetwork(Network):
    """A pyvis ``Network`` whose node lookups are O(1).

    pyvis checks ``n_id in self.node_ids`` (a list) on every ``add_node`` and
    ``add_edge``, which makes building a graph of n nodes O(n^2): 10,000 nodes
    take seconds. A list that also keeps a set keeps pyvis's behaviour.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.node_ids = _NodeIdList()


class _NodeIdList(list[str]):
    """A list of node ids with set-speed membership tests."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[str] = set()

    def append(self, node_id: str) -> None:
        self._members.add(node_id)
        super().append(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._members


def _node_ids(G: nx.MultiDiGraph) -> dict[Hashable, str]:
    """Map each node to its id in the page (a string), in sorted order."""
    ids = {node: str(node) for node in sorted(G.nodes, key=str)}
    if len(set(ids.values())) != len(ids):
        raise ValueError("two nodes of the graph have the same string form; node ids must differ")
    return ids


def _sorted_edges(G: nx.MultiDiGraph) -> list[tuple[Hashable, Hashable, Hashable, dict[str, Any]]]:
    """All edges with keys and data, in an order that ignores insertion order."""
    return sorted(
        G.edges(keys=True, data=True),
        key=lambda edge: (str(edge[0]), str(edge[1]), str(edge[2])),
    )


def _layout(
    node_ids: Mapping[Hashable, str],
    kinds: Mapping[Hashable, str],
    edges: list[tuple[Hashable, Hashable, Hashable, dict[str, Any]]],
    seed: int,
) -> dict[Hashable, tuple[int, int]]:
    """Node positions in whole pixels: a seeded force layout, independent of insertion order.

    Small graphs are laid out whole. In larger ones claims are most of the
    nodes and would cost most of the time, so only the skeleton (every node
    but the claims that have a family or a document) is laid out, with the
    claims' edges folded onto their anchor; each claim then sits on a spiral
    around its anchor, in sentence order.
    """
    if len(node_ids) <= _FULL_LAYOUT_MAX:
        anchors: dict[Hashable, Hashable] = {}
    else:
        anchors = _claim_anchors(kinds, edges)
    skeleton = [node for node in node_ids if node not in anchors]
    index = {node: i for i, node in enumerate(skeleton)}
    springs: dict[tuple[int, int], float] = {}
    for u, v, _key, data in edges:
        i, j = index[anchors.get(u, u)], index[anchors.get(v, v)]
        if i == j:
            continue
        pair = (i, j) if i < j else (j, i)
        springs[pair] = springs.get(pair, 0.0) + _LAYOUT_WEIGHTS.get(str(data.get("kind")), 0.3)

    placed = _claim_offsets(anchors)
    iterations = 100 if len(skeleton) < 500 else 60
    unit = _force_layout(len(skeleton), springs, seed, iterations)
    # Neighbours in the skeleton end up about k = 1/sqrt(n) apart (in a box of
    # side 2): far enough for the spirals of their claims not to overlap much.
    scale = 80.0 * math.sqrt(max(len(skeleton), 1))
    if placed:
        radii = sorted(_spiral_radius(count) for count in Counter(anchors.values()).values())
        typical = radii[len(radii) // 2]
        scale = max(scale, 1.25 * typical * math.sqrt(len(skeleton)))
    positions = {
        node: (round(float(unit[i, 0]) * scale), round(float(unit[i, 1]) * scale))
        for node, i in index.items()
    }
    for claim, (dx, dy) in placed.items():
        x, y = positions[anchors[claim]]
        positions[claim] = (x + round(dx), y + round(dy))
    return positions


def _claim_anchors(
    kinds: Mapping[Hashable, str],
    edges: list[tuple[Hashable, Hashable, Hashable, dict[str, Any]]],
) -> dict[Hashable, Hashable]:
    """The node each claim is drawn around: its family if it has one, else its document."""
    families: dict[Hashable, Hashable] = {}
    documents: dict[Hashable, Hashable] = {}
    for u, v, _key, data in edges:
        kind = data.get("kind")
        if kind == "MEMBER_OF" and kinds.get(u) == "claim" and kinds.get(v) == "family":
            families.setdefault(u, v)
        elif kind == "CONTAINS" and kinds.get(v) == "claim" and kinds.get(u) == "document":
            documents.setdefault(v, u)
    return documents | families


def _spiral_radius(index: int) -> float:
    """Distance from its anchor of the claim placed ``index``-th around it."""
    return _ANCHOR_GAP + _CLAIM_SPACING * math.sqrt(index + 0.5)


def _claim_offsets(anchors: Mapping[Hashable, Hashable]) -> dict[Hashable, tuple[float, float]]:
    """Each claim's offset from its anchor: a sunflower spiral, claims in sentence order."""
    around: dict[Hashable, list[Hashable]] = {}
    for claim, anchor in anchors.items():
        around.setdefault(anchor, []).append(claim)
    offsets = {}
    for claims in around.values():
        for i, claim in enumerate(sorted(claims, key=_natural_key)):
            radius, angle = _spiral_radius(i), i * _GOLDEN_ANGLE
            offsets[claim] = (radius * math.cos(angle), radius * math.sin(angle))
    return offsets


def _natural_key(node: Hashable) -> list[Any]:
    """Sort key that puts ``#s2`` before ``#s10``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", str(node))]


def _force_layout(
    n: int, springs: Mapping[tuple[int, int], float], seed: int, iterations: int
) -> np.ndarray:
    """Fruchterman-Reingold positions of ``n`` nodes, centred and scaled into [-1, 1].

    The model of networkx's ``spring_layout`` (repulsion k²/d between every
    pair, attraction w·d²/k along springs, a cooling step limit), vectorised
    with numpy: repulsion in blocks of rows so memory stays bounded, attraction
    over the springs only. networkx switches to a per-node Python loop from 500
    nodes on, which takes tens of seconds for the graphs this must handle.
    Pure numpy in a fixed order, so the same input gives the same positions.
    """
    if n <= 1:
        return np.zeros((n, 2))
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    pairs = sorted(springs)
    first = np.array([i for i, _ in pairs], dtype=np.intp)
    second = np.array([j for _, j in pairs], dtype=np.intp)
    # Many claims between two nodes (a speaker and its document) must not pull
    # them onto each other: the total strength grows only logarithmically.
    weight = np.array([springs[p] for p in pairs], dtype=float)
    weight = np.where(weight > 1.0, 1.0 + np.log(np.maximum(weight, 1.0)), weight)
    k = math.sqrt(1.0 / n)
    step = 0.1
    cooling = step / (iterations + 1)
    block = max(1, 1_000_000 // n)
    x, y = pos[:, 0], pos[:, 1]  # views: updating pos updates them
    push_x, push_y = np.empty(n), np.empty(n)
    for _ in range(iterations):
        # Repulsion on i: sum over j of (p_i - p_j) k²/d²_ij, i.e.
        # p_i * sum_j w_ij - sum_j w_ij p_j with w = k²/d²; einsum (not BLAS)
        # keeps the sums in one fixed order.
        for lo in range(0, n, block):
            rows = slice(lo, lo + block)
            w = cdist(pos[rows], pos, "sqeuclidean")
            np.maximum(w, 1e-4, out=w)
            np.divide(k * k, w, out=w)
            total = w.sum(axis=1)
            push_x[rows] = x[rows] * total - np.einsum("ij,j->i", w, x)
            push_y[rows] = y[rows] * total - np.einsum("ij,j->i", w, y)
        if pairs:
            dx, dy = x[first] - x[second], y[first] - y[second]
            pull = weight * np.sqrt(dx * dx + dy * dy) / k
            push_x -= np.bincount(first, dx * pull, minlength=n)
            push_x += np.bincount(second, dx * pull, minlength=n)
            push_y -= np.bincount(first, dy * pull, minlength=n)
            push_y += np.bincount(second, dy * pull, minlength=n)
        length = np.maximum(np.sqrt(push_x * push_x + push_y * push_y), 0.01)
        x += push_x * (step / length)
        y += push_y * (step / length)
        step -= cooling
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max())
    return pos / extent if extent > 0 else pos


def _actor_claims(
    edges: list[tuple[Hashable, Hashable, Hashable, dict[str, Any]]],
) -> Counter[Hashable]:
    """How many claims each actor asserts or is mentioned in."""
    claims: Counter[Hashable] = Counter()
    for u, v, _key, data in edges:
        if data.get("kind") == "ASSERTS":
            claims[u] += 1
        elif data.get("kind") == "MENTIONS":
            claims[v] += 1
    return claims


def _node_options(
    vis_id: str,
    data: Mapping[str, Any],
    kind: str,
    position: tuple[int, int],
    actor_claims: int,
) -> dict[str, Any]:
    """The vis-network options of one node: group, shape, size, label, position.

    Colour, font and the rest of a kind's look live in its group (see
    :func:`_node_groups`): vis-network merges every node's own options with
    the defaults, and nested per-node options made that the slowest part of
    opening a large graph.
    """
    style = _NODE_STYLES.get(kind, _OTHER_NODE)
    options: dict[str, Any] = {
        "label": _shorten(str(data.get("label") or vis_id), style.label_chars),
        "group": kind if kind in _NODE_STYLES else "other",
        "shape": style.shape,
        "kind": kind,
        "x": position[0],
        "y": position[1],
    }
    if kind == "family":
        options["size"] = min(14 + 5 * math.sqrt(_count(data.get("size"))), 48)
    elif kind == "actor":
        options["size"] = min(10 + 4 * math.sqrt(actor_claims), 40)
    return options


def _node_groups() -> dict[str, dict[str, Any]]:
    """vis-network groups: the look of each node kind, and of any other kind."""
    groups = {}
    for kind, style in [*_NODE_STYLES.items(), ("other", _OTHER_NODE)]:
        group: dict[str, Any] = {
            "shape": style.shape,
            "color": _node_color(style.color),
            "font": {"size": style.font_size},
            "size": 9,
        }
        if kind == "claim":
            group["size"] = 7
            # Claims are many: their labels appear only once zoomed in far enough
            # to read them, so the first view shows documents, actors and families.
            group["scaling"] = {"label": {"drawThreshold": 9}}
        elif kind == "document":
            group["font"] = {"size": style.font_size, "color": "#ffffff"}
            group["widthConstraint"] = {"maximum": 220}
        groups[kind] = group
    return groups


def _edge_options(edge_id: str, data: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The vis-network options of one edge: id, colour, width, dashes (only when drawn dashed)."""
    style = _EDGE_STYLES.get(kind, _OTHER_EDGE)
    width = style.width
    score = data.get("score")
    if kind in ("RECURS", "CONTESTS") and isinstance(score, numbers.Real) and math.isfinite(score):
        width = 1.0 + 3.0 * min(max(float(score), 0.0), 1.0)
    options: dict[str, Any] = {
        "id": edge_id,
        "kind": kind,
        "color": {"color": style.color},
        "width": width,
    }
    if style.dashes:
        options["dashes"] = True
    return options


def _node_color(fill: str) -> dict[str, Any]:
    """A vis-network colour whose selected state is a dark border."""
    border = _darker(fill)
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": "#111111"},
        "hover": {"background": fill, "border": "#111111"},
    }


def _darker(hex_color: str, factor: float = 0.7) -> str:
    """``#rrggbb`` darkened by ``factor``."""
    channels = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in channels)


def _count(value: Any) -> float:
    """A non-negative number from an attribute that should hold one."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value):
        return max(float(value), 0.0)
    return 0.0


def _shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, ending in an ellipsis if cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _plain(value: Any) -> Any:
    """A JSON-ready copy of an attribute value (finite numbers, str keys)."""
    # The plain types first, by exact type: most values of a graph are these.
    exact = type(value)
    if exact is str or exact is int or exact is bool:
        return value
    if exact is dict:
        return {str(key): _plain(item) for key, item in value.items()}
    if exact is list:
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item) for item in value), key=_canonical_json)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)


def _script_json(value: Any) -> str:
    """JSON that cannot end or alter the ``<script>`` element it sits in."""
    text = json.dumps(
        value, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":")
    )
    # str.replace per character is much faster than str.translate on megabytes.
    for raw, escaped in _JSON_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _inline(source: str) -> str:
    """Source of a script or style that is safe to place inline, unchanged."""
    if _BREAKS_OUT.search(source):
        raise ValueError("an inline script or style contains '</script', '</style' or '<!--'")
    return source


def _content_security_policy(scripts: list[str]) -> str:
    """A policy that fetches nothing and runs only the given inline scripts."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; "
        "form-action 'none'"
    )


def _node_legend(counts: Counter[str]) -> list[dict[str, Any]]:
    """Legend rows for node kinds: the five standard kinds, then any others."""
    kinds = list(_NODE_STYLES) + sorted(k for k in counts if k not in _NODE_STYLES)
    rows = []
    for kind in kinds:
        style = _NODE_STYLES.get(kind, _OTHER_NODE)
        legend = style.legend if kind in _NODE_STYLES else kind
        rows.append(
            {
                "kind": kind,
                "legend": legend,
                "shape": style.shape,
                "color": style.color,
                "border": _darker(style.color),
                "count": counts.get(kind, 0),
            }
        )
    return rows


def _edge_legend(counts: Counter[str]) -> list[dict[str, Any]]:
    """Legend rows for the edge kinds present in the graph."""
    kinds = [k for k in _EDGE_STYLES if counts.get(k)]
    kinds += sorted(k for k in counts if k not in _EDGE_STYLES)
    rows = []
    for kind in kinds:
        style = _EDGE_STYLES.get(kind, _OTHER_EDGE)
        rows.append(
            {
                "kind": kind,
                "legend": style.legend if kind in _EDGE_STYLES else kind,
                "ends": style.ends,
                "color": style.color,
                "width": max(style.width, 1.5),
                "dashes": style.dashes,
                "count": counts[kind],
            }
        )
    return rows


@functools.cache
def _pyvis_asset(name: str) -> str:
    """A file of the vis-network build that pyvis ships, as text."""
    return (importlib.resources.files("pyvis") / _VIS_DIR / name).read_text(encoding="utf-8")


@functools.cache
def _template_text(name: str) -> str:
    """A file of ``graph/templates``, as text."""
    return (importlib.resources.files(__package__ or "graph") / "templates" / name).read_text(
        encoding="utf-8"
    )


@functools.cache
def _page_template(name: str) -> jinja2.Template:
    """A page template of ``graph/templates`` (autoescaping on, undefined names refused)."""
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.from_string(_template_text(name))
