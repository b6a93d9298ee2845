"""Exports of the claim graph: node-link JSON, RDF, GraphML/GEXF for Gephi, claims CSV.

The RDF itself (Turtle, N-Triples, JSON-LD; IRIs minted from node ids and
percent-encoded, literals escaped by the library, no blank nodes) lives in
:mod:`graph.rdf`; this module re-exports it and adds the formats built on
networkx, :func:`export` (what ``claimgraph export`` calls) and atomic writes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pathlib
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

import networkx as nx

from extract.errors import ClaimgraphError

from .rdf import jsonld, node_iri, ntriples, to_rdf, turtle, write_rdf

__all__ = [
    "EXPORT_FORMATS",
    "BuildNotFound",
    "UnknownFormat",
    "atomic_outputs",
    "claims_csv",
    "export",
    "gephi_graph",
    "gexf",
    "graph_json",
    "graphml",
    "jsonld",
    "load_graph",
    "node_iri",
    "ntriples",
    "to_rdf",
    "turtle",
]

#: What ``export`` writes for each format: format name -> file name.
EXPORT_FORMATS = {
    "ttl": "graph.ttl",
    "nt": "graph.nt",
    "jsonld": "graph.jsonld",
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "json": "graph.json",
    "csv": "claims.csv",
}


class BuildNotFound(ClaimgraphError):
    """The folder holds no graph.json a build wrote (or one that cannot be read)."""

    code = "CG501"


class UnknownFormat(ClaimgraphError):
    """An export format claimgraph does not write."""

    code = "CG502"


def graph_json(G: nx.MultiDiGraph) -> str:
    """``networkx.node_link_data(G, edges="edges")`` as JSON with sorted keys."""
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


_CSV_COLUMNS = (
    "claim",
    "document",
    "published",
    "speaker",
    "claimant",
    "source",
    "stance",
    "position",
    "negated",
    "actors",
    "times",
    "quantities",
    "family",
    "text",
)


def _label(G: nx.MultiDiGraph, node: str | None) -> str:
    return G.nodes[node]["label"] if node in G else (node or "")


def claims_csv(G: nx.MultiDiGraph) -> str:
    """One row per claim: who says it when, stance, actors with roles, times, quantities, text.

    ``speaker`` is who says the words (the issuer of the statement);
    ``claimant`` is whose claim it is (the one quoted, else the speaker);
    ``position`` is the claim's position toward its family's proposition
    (asserts, denies or reports; empty for a claim without a family).

    Lists are written in one cell each, items separated by "; ": actors as
    ``name (role)``, times as ``text = VALUE [MODIFIER]``, quantities as
    ``text = value unit [MODIFIER]``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    rows = []
    for node, a in G.nodes(data=True):
        if a["kind"] != "claim":
            continue
        actors = [
            f"{_label(G, m['actor'])} ({m['role']})"
            for m in a.get("actors", [])
            if m["role"] != "speaker"
        ]
        times = [
            " ".join(x for x in (f"{t['text']} = {t['value']}", t.get("modifier") or "") if x)
            for t in a.get("times", [])
        ]
        quantities = [
            " ".join(
                x
                for x in (
                    f"{q['text']} = {q['value']:g}",
                    q.get("unit") or "",
                    q.get("modifier") or "",
                )
                if x
            )
            for q in a.get("quantities", [])
        ]
        rows.append(
            (
                node,
                a["document"],
                a.get("published") or "",
                _label(G, a.get("speaker")),
                _label(G, a.get("claimant")) if a.get("claimant") else "",
                _label(G, a.get("source")) if a.get("source") else "",
                a["stance"],
                a.get("position") or "",
                "yes" if a.get("negated") else "no",
                "; ".join(dict.fromkeys(actors)),
                "; ".join(times),
                "; ".join(quantities),
                a.get("family") or "",
                a["text"],
            )
        )
    rows.sort(key=lambda r: (r[2] or "9999", r[1], G.nodes[r[0]]["sentence"]))
    writer.writerows(rows)
    return buffer.getvalue()


_Content = str | bytes | Callable[[IO[bytes]], None]


@contextlib.contextmanager
def atomic_outputs(
    out_dir: str | os.PathLike,
) -> Iterator[Callable[[str, _Content], pathlib.Path]]:
    """Write output files into a temporary folder, then move them all into ``out_dir``.

    Yields a function ``write(name, content)``; ``content`` is text, bytes, or
    a function that writes to a binary file (to stream a large export).
    Nothing in ``out_dir`` is touched until the block ends without error; an
    interrupted build leaves the previous outputs as they were.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_outputs(out) as write:
    ...     _ = write("a.txt", "hello")
    >>> (out / "a.txt").read_text()
    'hello'
    """
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = pathlib.Path(tempfile.mkdtemp(prefix=".claimgraph-", dir=out))
    written: list[str] = []

    def write(name: str, content: _Content) -> pathlib.Path:
        path = staging / name
        with open(path, "wb") as fh:
            if callable(content):
                content(fh)
            else:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            fh.flush()
            os.fsync(fh.fileno())
        written.append(name)
        return out / name

    try:
        yield write
        for name in written:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --------------------------------------------------------------------------- Gephi

# XML 1.0 cannot carry these characters at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# GEXF reads these node and edge attributes as its own (ids, dynamics, layout).
_GEXF_RESERVED = {
    "id",
    "pid",
    "start",
    "end",
    "viz",
    "parents",
    "slices",
    "spells",
    "weight",
    "type",
}


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _scalar_attributes(attrs: dict, *, rename: Callable[[str], str] = str) -> dict:
    """Attributes Gephi can read: lists and dicts as JSON text, None dropped."""
    out: dict[str, str | int | float | bool] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, bool | int | float):
            out[rename(key)] = value
        elif isinstance(value, str):
            out[rename(key)] = _xml_text(value)
        else:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
            out[rename(key)] = _xml_text(text)
    return out


def _gexf_name(key: str) -> str:
    # a claim's start/end are character offsets, not the time span GEXF would read
    if key in ("start", "end"):
        return f"char_{key}"
    return f"cg_{key}" if key in _GEXF_RESERVED else key


def gephi_graph(G: nx.MultiDiGraph, *, for_gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of ``G`` with scalar attributes only, ready for GraphML or GEXF.

    Lists and dicts (times, quantities, roles, a family's claims) become JSON
    text, None values are dropped and characters XML cannot carry are written
    as ``\\uXXXX``.  With ``for_gexf``, attributes GEXF reserves are renamed
    (a claim's ``start``/``end`` offsets become ``char_start``/``char_end``).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("claim:d#s1", kind="claim", label="x", times=[{"value": "P3Y"}], family=None)
    >>> gephi_graph(G).nodes["claim:d#s1"]
    {'kind': 'claim', 'label': 'x', 'times': '[{"value": "P3Y"}]'}
    """
    rename = _gexf_name if for_gexf else str
    nodes = [(_xml_text(n), _scalar_attributes(a, rename=rename)) for n, a in G.nodes(data=True)]
    edges = [
        (_xml_text(u), _xml_text(v), key, _scalar_attributes(a, rename=rename))
        for u, v, key, a in G.edges(keys=True, data=True)
    ]
    _one_type_per_attribute([a for _, a in nodes])
    _one_type_per_attribute([a for *_, a in edges])
    H = nx.MultiDiGraph()
    H.add_nodes_from(nodes)
    for u, v, key, attrs in edges:
        H.add_edge(u, v, key=key, **attrs)
    return H


def _one_type_per_attribute(rows: list[dict]) -> None:
    """GraphML and GEXF declare one type per attribute: mixed ones become text.

    A document's ``claims`` is a count, a family's the list of its claims.
    """
    types: dict[str, set[type]] = {}
    for attrs in rows:
        for key, value in attrs.items():
            types.setdefault(key, set()).add(type(value))
    for key, seen in types.items():
        if seen == {int, float}:
            for attrs in rows:
                if key in attrs:
                    attrs[key] = float(attrs[key])
        elif len(seen) > 1:
            for attrs in rows:
                if key in attrs and not isinstance(attrs[key], str):
                    attrs[key] = json.dumps(attrs[key])


def graphml(G: nx.MultiDiGraph) -> bytes:
    """GraphML of the claim graph (opens in Gephi, yEd, Cytoscape)."""
    buffer = io.BytesIO()
    nx.write_graphml(gephi_graph(G), buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf(G: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 of the claim graph (Gephi's own format)."""
    buffer = io.BytesIO()
    nx.write_gexf(gephi_graph(G, for_gexf=True), buffer, encoding="utf-8")
    return buffer.getvalue()


# --------------------------------------------------------------------------- export


def load_graph(build_dir: str | os.PathLike) -> nx.MultiDiGraph:
    """The claim graph a build wrote into ``build_dir`` (its graph.json).

    Raises
    ------
    BuildNotFound
        When ``build_dir/graph.json`` is missing or is not node-link JSON.
    """
    path = pathlib.Path(build_dir) / "graph.json"
    if not path.is_file():
        raise BuildNotFound(
            f"no graph.json here; build the graph first: claimgraph build PATHS --out {build_dir}",
            path=str(path),
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        G = nx.node_link_graph(data, edges="edges")
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as err:
        raise BuildNotFound(
            f"not a claimgraph graph.json ({err}); rebuild with claimgraph build", path=str(path)
        ) from None
    if not isinstance(G, nx.MultiDiGraph):
        G = nx.MultiDiGraph(G)
    return G


def _writer(G: nx.MultiDiGraph, format: str) -> _Content:
    if format in ("ttl", "nt", "jsonld"):
        return lambda fh: write_rdf(G, fh, format)
    if format == "graphml":
        return graphml(G)
    if format == "gexf":
        return gexf(G)
    if format == "json":
        return graph_json(G)
    return claims_csv(G)


def export(
    build_dir: str | os.PathLike,
    formats: Iterable[str],
    out_dir: str | os.PathLike | None = None,
) -> list[pathlib.Path]:
    """Export the graph a build wrote into ``build_dir`` in each of ``formats``.

    Formats are the keys of :data:`EXPORT_FORMATS` (``ttl``, ``nt``,
    ``jsonld``, ``graphml``, ``gexf``, ``json``, ``csv``); files go to
    ``out_dir`` (default: ``build_dir``), all written before any is moved into
    place.  Returns the paths written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("date:2020", kind="date", label="2020", value="2020")
    >>> _ = (out / "graph.json").write_text(graph_json(G))
    >>> [p.name for p in export(out, ["nt", "gexf"])]
    ['graph.nt', 'graph.gexf']
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown:
        raise UnknownFormat(
            f"unknown export format {unknown[0]!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    G = load_graph(build_dir)
    with atomic_outputs(out_dir if out_dir is not None else build_dir) as write:
        return [write(EXPORT_FORMATS[f], _writer(G, f)) for f in formats]
