"""The interactive HTML view of a claim graph: one self-contained file, no network.

The network (nodes, edges, options) is built with pyvis and rendered with
claimgraph's own Jinja2 template, which inlines vis-network from the installed
pyvis package, so the page opens from disk with nothing fetched.

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
import inspect
import json
import math
import numbers
import os
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

__all__ = ["render_view", "write_view"]

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
    "ASSERTS": 0.6,
    "MENTIONS": 0.3,
    "REPORTS": 0.3,
    "REFERS_TO": 0.3,
    "PUBLISHED_ON": 0.5,
}

# networkx 3.5 added `method` to spring_layout; before it, "force" was the only one.
_FORCE_METHOD = (
    {"method": "force"} if "method" in inspect.signature(nx.spring_layout).parameters else {}
)

_VIS_OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "configure": {"enabled": False},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
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
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
_BREAKS_OUT = re.compile(r"</(script|style)|<!--", re.IGNORECASE)


def render_view(G: nx.MultiDiGraph, *, title: str = "claimgraph", seed: int = 7) -> str:
    """Render a claim graph as one self-contained, interactive HTML page.

    The page draws the graph with vis-network (inlined from the installed
    pyvis), with a legend, a search box, a show/hide switch per node kind and a
    side panel that shows where a clicked node comes from. It fetches nothing:
    every script and style is inline, and a Content-Security-Policy forbids any
    other source. The same graph always gives byte-identical HTML.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A claim graph: every node has ``kind`` and ``label``; every edge has
        ``kind``. Attribute values must be JSON-like (str, numbers, bool,
        None, lists, dicts); other values are shown as their ``str``.
    title : str, optional
        The page title and heading (shown as text, never as HTML).
    seed : int, optional
        Seed of the spring layout, computed in Python so the page opens at
        once and nodes stay where they are drawn.

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
    positions = _layout(node_ids, edges, seed)
    actor_claims = _actor_claims(edges)

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

    net.options = _VIS_OPTIONS
    vis_nodes, vis_edges, _heading, _height, _width, _options = net.get_network_data()
    payload = {
        "attrs": attrs,
        "edgeAttrs": edge_attrs,
        "edges": vis_edges,
        "nodes": vis_nodes,
        "options": net.options,
    }

    vis_js = _inline(_pyvis_asset("vis-network.min.js"))
    view_js = _inline(_template_text("view.js"))
    return _page_template().render(
        title=title,
        csp=_content_security_policy([vis_js, view_js]),
        vis_css=Markup(_inline(_pyvis_asset("vis-network.css"))),
        view_css=Markup(_inline(_template_text("view.css"))),
        vis_js=Markup(vis_js),
        view_js=Markup(view_js),
        payload=Markup(_script_json(payload)),
        node_count=G.number_of_nodes(),
        edge_count=G.number_of_edges(),
        node_legend=_node_legend(node_kinds),
        edge_legend=_edge_legend(edge_kinds),
    )


def write_view(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str = "claimgraph",
    seed: int = 7,
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
        Seed of the spring layout.

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
    html = render_view(G, title=title, seed=seed)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(html)


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
    edges: list[tuple[Hashable, Hashable, Hashable, dict[str, Any]]],
    seed: int,
) -> dict[Hashable, tuple[int, int]]:
    """Spring layout in whole pixels, independent of insertion order."""
    # spring_layout's result depends on node and edge order, so the layout
    # graph is rebuilt in sorted order.
    springs = nx.Graph()
    springs.add_nodes_from(node_ids)
    for u, v, _key, data in edges:
        if u == v:
            continue
        strength = _LAYOUT_WEIGHTS.get(str(data.get("kind")), 0.3)
        if springs.has_edge(u, v):
            springs[u][v]["weight"] += strength
        else:
            springs.add_edge(u, v, weight=strength)
    if springs.number_of_nodes() <= 1:
        return dict.fromkeys(node_ids, (0, 0))
    # Fruchterman-Reingold ("force") rather than networkx's default for large
    # graphs ("energy", an L-BFGS minimisation): 2-3 times faster here and plain
    # numpy, so positions do not shift with scipy's optimiser. More iterations
    # where they are cheap (below 500 nodes networkx uses its dense variant).
    iterations = 100 if springs.number_of_nodes() < 500 else 50
    coordinates = nx.spring_layout(
        springs, weight="weight", seed=seed, iterations=iterations, **_FORCE_METHOD
    )
    scale = 80.0 * math.sqrt(springs.number_of_nodes())
    return {
        node: (round(float(x) * scale), round(float(y) * scale))
        for node, (x, y) in coordinates.items()
    }


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
    """The vis-network options of one node: shape, colour, size, label, position."""
    style = _NODE_STYLES.get(kind, _OTHER_NODE)
    options: dict[str, Any] = {
        "label": _shorten(str(data.get("label") or vis_id), style.label_chars),
        "shape": style.shape,
        "color": _node_color(style.color),
        "font": {"size": style.font_size},
        "kind": kind,
        "physics": False,
        "x": position[0],
        "y": position[1],
    }
    if kind == "family":
        options["size"] = min(14 + 5 * math.sqrt(_count(data.get("size"))), 48)
    elif kind == "actor":
        options["size"] = min(10 + 4 * math.sqrt(actor_claims), 40)
    elif kind == "claim":
        options["size"] = 7
        # Claims are many: their labels appear only once zoomed in far enough
        # to read them, so the first view shows documents, actors and families.
        options["scaling"] = {"label": {"drawThreshold": 9}}
    elif kind == "document":
        options["font"] = {"size": style.font_size, "color": "#ffffff"}
        options["widthConstraint"] = {"maximum": 220}
    else:
        options["size"] = 9
    return options


def _edge_options(edge_id: str, data: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The vis-network options of one edge: id, colour, width, dashes."""
    style = _EDGE_STYLES.get(kind, _OTHER_EDGE)
    width = style.width
    score = data.get("score")
    if kind == "RECURS" and isinstance(score, numbers.Real) and math.isfinite(score):
        width = 1.0 + 3.0 * min(max(float(score), 0.0), 1.0)
    return {
        "id": edge_id,
        "kind": kind,
        "color": {"color": style.color, "highlight": "#222222", "hover": "#555555"},
        "dashes": style.dashes,
        "width": width,
    }


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
    return text.translate(_JSON_ESCAPES)


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
def _page_template() -> jinja2.Template:
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.from_string(_template_text("view.html.j2"))
