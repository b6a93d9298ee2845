"""The Python API for notebooks and scripts: functions on plain data, no hidden state.

A claim graph is a ``networkx.MultiDiGraph`` (node and edge attributes as in
graph.json, see the README); everything here takes or gives one, or plain
dicts and lists.  The command line calls the same functions.

>>> import graph.api as cg
>>> G = cg.build(texts={"geneva-note": "Geneva, 3 March 2021\\n\\n"
...     "The ministry said the dam will not reduce the river's flow.\\n"})
>>> cg.summary(G)["documents"], cg.summary(G)["claims"]
(1, 1)
>>> [n for n, a in G.nodes(data=True) if a["kind"] == "document"]
['doc:geneva-note']
>>> G.nodes["doc:geneva-note"]["published"], G.nodes["doc:geneva-note"]["published_by"]
('2021-03-03', 'dateline')
"""

from __future__ import annotations

import html
import json
import os
import pathlib
import re
import tempfile
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from extract.errors import ClaimgraphError

__all__ = [
    "build",
    "explore",
    "families",
    "families_frame",
    "load",
    "match",
    "report",
    "show",
    "summary",
    "variants",
]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}\Z")


class TextsError(ClaimgraphError):
    """In-memory texts given to :func:`build` that cannot be documents."""

    code = "CG530"


def build(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    texts: Mapping[str, str | Mapping[str, Any]] | None = None,
    out: str | os.PathLike[str] | None = None,
    **options: Any,
) -> nx.MultiDiGraph:
    """Build the claim graph of files and folders (``paths``) and of in-memory ``texts``.

    ``texts`` maps a name (it becomes the document id ``doc:<name>``: letters,
    digits, ``.``, ``_``, ``-``) to the text, or to ``{"text": ..., "title":
    ..., "issuer": ..., "published": "YYYY-MM-DD", "place": ..., "url": ...}``.
    They are written as ``<name>.txt`` files (and ``.meta.json`` sidecars)
    and built with the files, exactly as ``claimgraph build`` would build them.
    The outputs go to ``out`` (graph.json, graph.ttl, graph.html, claims.csv,
    build.json) or, without it, to a temporary folder that is removed.
    ``options`` are those of :func:`graph.pipeline.build` (``threshold``,
    ``published``, ``reranker``, ``jobs``, ``scheduler``, ``cache_dir`` ...).
    The build's summary is ``G.graph["report"]`` (as build.json has it).
    """
    from .pipeline import build as run_build

    with tempfile.TemporaryDirectory(prefix="claimgraph-") as scratch:
        inputs = [pathlib.Path(p) for p in paths]
        if texts:
            folder = pathlib.Path(scratch) / "texts"
            folder.mkdir()
            for name, value in texts.items():
                _write_text(folder, name, value)
            inputs.append(folder)
        target = pathlib.Path(out) if out is not None else pathlib.Path(scratch) / "out"
        if out is None:
            options.setdefault("use_cache", False)
        G, report = run_build(inputs, target, **options)
        G.graph["report"] = report.as_dict()
        G.graph["out_dir"] = str(target) if out is not None else None
    return G


def _write_text(folder: pathlib.Path, name: str, value: str | Mapping[str, Any]) -> None:
    if not _NAME.match(name):
        raise TextsError(
            f"text name {name!r}: use letters, digits, '.', '_' or '-' (it names the document)",
            name,
        )
    if isinstance(value, str):
        text, meta = value, {}
    else:
        meta = {k: v for k, v in value.items() if k != "text"}
        text = value.get("text", "")
    if not isinstance(text, str) or not text.strip():
        raise TextsError("the text is empty; give the statement's text", name)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    if meta:
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def load(build_dir: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """The claim graph a build wrote to ``build_dir`` (its graph.json).

    >>> import graph.api as cg, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> G = cg.build(["seeds"], out=folder)
    >>> sorted(cg.load(folder).nodes) == sorted(G.nodes)
    True
    """
    from .export import load_graph

    G = load_graph(build_dir)
    G.graph["out_dir"] = str(build_dir)
    return G


def summary(G: nx.MultiDiGraph) -> dict[str, int]:
    """How many documents, claims, actors, families and links ``G`` holds."""
    kinds = [a.get("kind") for _, a in G.nodes(data=True)]
    links = [k for _, _, k in G.edges(keys=True)]
    return {
        "documents": kinds.count("document"),
        "claims": kinds.count("claim"),
        "actors": kinds.count("actor"),
        "families": kinds.count("family"),
        "recurring_links": links.count("RECURS"),
        "contesting_links": links.count("CONTESTS"),
    }


def families(G: nx.MultiDiGraph) -> list[dict]:
    """The talking points of ``G`` as plain dicts, by first appearance (the rows of
    ``claimgraph families``: id, label, first and last seen, size, documents,
    speakers, who asserts, denies and reports it).

    >>> import graph.api as cg
    >>> rows = cg.families(cg.build(["seeds"]))
    >>> first = rows[0]  # the talking point seen first: 2019, again in 2023
    >>> len(rows), first["first_seen"], first["last_seen"], first["documents"]
    (4, '2019-07-10', '2023-09-14', 2)
    """
    from .families import family_table

    return family_table(G)


def families_frame(G: nx.MultiDiGraph) -> Any:
    """:func:`families` as a pandas DataFrame (pandas is not a dependency of claimgraph:
    install it to use this)."""
    try:
        import pandas as pd
    except ImportError as err:
        raise ClaimgraphError(
            "families_frame needs pandas; run `pip install pandas` (or use families())"
        ) from err
    return pd.DataFrame(families(G))


def variants(G: nx.MultiDiGraph, family: str) -> dict:
    """One family's appearances in date order, with positions and changed figures."""
    from .families import family_variants

    return family_variants(G, family)


def match(
    G: nx.MultiDiGraph, text: str, *, top: int = 5, reranker: str | None = None
) -> list[dict]:
    """The ``top`` claims of ``G`` most likely to state the claim ``text``, best first:
    ``{"claim", "score", "rank", "text", "document", "published"}`` each (the matcher
    of ``claimgraph match``)."""
    from .match import Statement, claims_as_statements
    from .match import match as run_match

    candidates = claims_as_statements(G)
    if not candidates:
        return []
    found = run_match([Statement("query", text)], candidates, top=top, reranker=reranker)
    return [
        {
            "claim": m.candidate,
            "score": round(m.score, 4),
            "rank": m.rank,
            "text": G.nodes[m.candidate].get("text"),
            "document": G.nodes[m.candidate].get("document"),
            "published": G.nodes[m.candidate].get("published"),
        }
        for m in found
    ]


def report(
    source: str | os.PathLike[str] | nx.MultiDiGraph,
    out: str | os.PathLike[str] | None = None,
    *,
    top: int = 20,
    variants: int = 10,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> pathlib.Path:
    """Write a report of the ``top`` talking points of a build folder or a graph, fit to
    paste into a brief (the report of ``claimgraph report``): report.md, report.html
    and a timeline-<n>.svg per talking point, into ``out`` (default: the build folder's
    ``report/``), all at once.  ``speaker`` (an actor id or name), ``since`` and
    ``until`` (YYYY-MM-DD) keep the talking points with an appearance by that speaker
    within those dates.  Returns the report's folder.

    >>> import graph.api as cg, tempfile
    >>> G = cg.build(texts={
    ...     "note-2019": "Geneva, 10 July 2019\\n\\nThe ministry said that no terrorist attack "
    ...                  "has occurred in the region for almost three years.\\n",
    ...     "note-2023": "New York, 14 September 2023\\n\\nThe ministry said that no terrorist "
    ...                  "attack has occurred in the region for over six consecutive years.\\n"})
    >>> folder = cg.report(G, out=tempfile.mkdtemp() + "/brief")
    >>> sorted(p.name for p in folder.iterdir())
    ['report.html', 'report.md', 'timeline-1.svg']
    >>> md = (folder / "report.md").read_text()
    >>> "- 2 claims in 2 documents" in md, "for **over six consecutive years**" in md
    (True, True)
    """
    from .brief import write_report

    return write_report(
        source, out, top=top, variants=variants, speaker=speaker, since=since, until=until
    )


class View:
    """The interactive view of a graph, shown inline by Jupyter (``_repr_html_``): the
    page claimgraph writes as graph.html, in a sandboxed iframe (offline, like the file)."""

    def __init__(self, page: str, height: int = 720) -> None:
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        # srcdoc keeps the page (its own scripts and data) apart from the notebook's;
        # html.escape makes it one attribute value, whatever the documents say
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:0" '
            'sandbox="allow-scripts"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        pathlib.Path(path).write_text(self.page, encoding="utf-8")


def show(G: nx.MultiDiGraph, *, height: int = 720) -> View:
    """The view of ``G`` (graph.html) for a notebook cell: ``cg.show(G)``."""
    from .view import render_view

    return View(render_view(G), height=height)


def explore(G: nx.MultiDiGraph, *, height: int = 720) -> View:
    """The talking-points explorer of ``G`` (explorer.html) for a notebook cell:
    ``cg.explore(G)``.  Its links into the graph view are left out (no graph.html
    lies beside a notebook cell); ``#family=ID`` still opens a family."""
    from .explorer import render_explorer

    return View(render_explorer(G, graph_href=None), height=height)
