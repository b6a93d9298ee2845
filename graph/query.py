"""SPARQL over a build's RDF with Oxigraph: load graph.ttl, bind parameters, run, format.

The SPARQL text is the user's own (a string or a ``.rq`` file); nothing here
builds a query from document text.  Parameters (``speaker=actor:china``) are
bound as RDF terms through Oxigraph's substitutions (SPARQL SEP-0007, like
rdflib's ``initBindings``): a node id becomes the IRI :func:`~graph.rdf.node_iri`
mints, anything else a typed literal, never text pasted into the query.
"""

from __future__ import annotations

import io
import os
import pathlib
import re
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from extract.errors import ClaimgraphError

from .export import BuildNotFound
from .rdf import node_id_of, node_iri
from .vocab import ID, PREFIXES

__all__ = [
    "QUERY_FORMATS",
    "QueryError",
    "display_term",
    "format_result",
    "load_store",
    "parameter",
    "run_query",
]

#: Result formats: ``table`` for people; ``csv``, ``tsv`` and ``json`` are the
#: W3C SPARQL 1.1 result formats (CONSTRUCT results: Turtle, N-Triples, JSON-LD).
QUERY_FORMATS = ("table", "csv", "tsv", "json")

#: Prefixes a query may use without declaring them.
QUERY_PREFIXES = {**PREFIXES, "id": str(ID)}

#: Node-id kinds a parameter value may name (``actor:china``, ``claim:doc#s12``).
_NODE_KINDS = ("doc", "claim", "family", "actor", "date")
_XSD = PREFIXES["xsd"]
_CELL = 100


class QueryError(ClaimgraphError):
    """A SPARQL query could not be parsed or run, or a parameter is malformed."""

    code = "CG510"


def graph_ttl(build_dir: str | os.PathLike) -> pathlib.Path:
    """``build_dir/graph.ttl``, or :class:`BuildNotFound` when the build wrote none there."""
    path = pathlib.Path(build_dir) / "graph.ttl"
    if not path.is_file():
        raise BuildNotFound(
            f"no graph.ttl here; build the graph first: claimgraph build PATHS --out {build_dir}",
            path=str(path),
        )
    return path


def load_store(build_dir: str | os.PathLike) -> ox.Store:
    """An in-memory Oxigraph store holding the RDF a build wrote (``build_dir/graph.ttl``).

    Raises
    ------
    BuildNotFound
        When ``build_dir`` holds no graph.ttl.
    """
    path = graph_ttl(build_dir)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    except SyntaxError as err:
        raise BuildNotFound(f"graph.ttl does not parse ({err}); rebuild", path=str(path)) from None
    return store


def _term(value: str) -> ox.NamedNode | ox.Literal:
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as err:
            raise QueryError(f"{value} is not an IRI ({err})") from None
    prefix, colon, rest = value.partition(":")
    if colon and prefix in _NODE_KINDS:
        return ox.NamedNode(str(node_iri(value)))
    if colon and prefix in QUERY_PREFIXES and re.fullmatch(r"[A-Za-z_][-\w.]*", rest):
        return ox.NamedNode(QUERY_PREFIXES[prefix] + rest)
    if re.fullmatch(r"[-+]?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "date"))
    if value in ("true", "false"):
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "boolean"))
    return ox.Literal(value)


def parameter(text: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """A ``name=value`` parameter as a variable name and the RDF term bound to it.

    Node ids (``actor:china``, ``claim:doc#s12``) become the node's IRI,
    ``schema:Country`` a prefixed IRI, ``<...>`` an IRI; integers, ISO dates
    and true/false become typed literals; anything else a plain string.

    Examples
    --------
    >>> parameter("speaker=actor:china")
    ('speaker', <NamedNode value=https://w3id.org/claimgraph/id/actor/china>)
    >>> parameter("min_years=3")[1].datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    >>> parameter('text=" } DROP ALL #')[1].value
    '" } DROP ALL #'
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(
            f"parameter {text!r} is not NAME=VALUE; write e.g. --param speaker=actor:china"
        )
    return name, _term(value)


def run_query(
    store: ox.Store,
    sparql: str,
    params: Mapping[str, ox.NamedNode | ox.Literal] | Iterable[str] = (),
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run ``sparql`` on ``store`` with ``params`` bound (SEP-0007 substitutions).

    ``params`` maps variable names to terms, or is a list of ``name=value``
    strings (see :func:`parameter`).  The prefixes of :data:`QUERY_PREFIXES`
    need no PREFIX lines.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode(str(node_iri("actor:china"))), ox.NamedNode(PREFIXES["schema"] + "name"),
    ...                   ox.Literal("China")))
    >>> rows = run_query(store, "SELECT ?actor ?name WHERE { ?actor schema:name ?name }",
    ...                  ["actor=actor:china"])
    >>> [r["name"].value for r in rows]
    ['China']
    """
    bound = dict(params) if isinstance(params, Mapping) else dict(parameter(p) for p in params)
    substitutions = {ox.Variable(name): term for name, term in bound.items()}
    try:
        return store.query(sparql, prefixes=QUERY_PREFIXES, substitutions=substitutions or None)
    except SyntaxError as err:
        # Oxigraph lists every token it expected, over several lines: keep one short line
        reason = " ".join(str(err).split())
        reason = reason if len(reason) <= 120 else reason[:119] + "…"
        raise QueryError(f"the SPARQL query does not parse: {reason}") from None
    except (RuntimeError, ValueError, OSError) as err:
        message = str(err)
        missing = re.search(r"variable \?(\w+)", message)
        if missing and missing[1] in bound:
            raise QueryError(
                f"parameter {missing[1]!r}: the query does not select ?{missing[1]}; "
                "a parameter binds a variable of the SELECT clause"
            ) from None
        raise QueryError(f"the SPARQL query failed: {message}") from None


def display_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A term as people read it: node ids for graph nodes, prefixed names, literal values.

    Examples
    --------
    >>> display_term(ox.NamedNode("https://w3id.org/claimgraph/id/actor/china"))
    'actor:china'
    >>> display_term(ox.NamedNode("https://schema.org/Claim"))
    'schema:Claim'
    >>> display_term(ox.Literal("2019-07-10", datatype=ox.NamedNode(PREFIXES["xsd"] + "date")))
    '2019-07-10'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        node = node_id_of(term.value)
        if node is not None:
            return node
        for prefix, namespace in QUERY_PREFIXES.items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _cell(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


def _table(solutions: ox.QuerySolutions) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[_cell(display_term(s[name])) for name in names] for s in solutions]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def format_result(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | Iterable[ox.Triple], fmt: str
) -> str:
    """Query results as text: ``table``, or the SPARQL 1.1 ``csv``, ``tsv`` and ``json`` formats.

    ASK gives ``true``/``false`` (or the format's boolean); CONSTRUCT and
    DESCRIBE (their :class:`~pyoxigraph.QueryTriples`, or triples a SPARQL
    server returned) give Turtle (``table``), N-Triples (``csv``, ``tsv``) or
    JSON-LD, triples sorted: a graph has no order, so the same graph prints
    the same text whichever store computed it.
    """
    if fmt not in QUERY_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; use one of {', '.join(QUERY_FORMATS)}")
    buffer = io.BytesIO()
    if not isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        result = sorted(result, key=str)
        if fmt == "table":
            ox.serialize(result, buffer, ox.RdfFormat.TURTLE, prefixes=QUERY_PREFIXES)
        elif fmt == "json":
            ox.serialize(result, buffer, ox.RdfFormat.JSON_LD)
        else:
            ox.serialize(result, buffer, ox.RdfFormat.N_TRIPLES)
        return buffer.getvalue().decode("utf-8")
    if fmt == "table":
        if isinstance(result, ox.QueryBoolean):
            return ("true" if bool(result) else "false") + "\n"
        return _table(result)
    results_format = {
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
        "json": ox.QueryResultsFormat.JSON,
    }[fmt]
    result.serialize(buffer, format=results_format)
    text = buffer.getvalue().decode("utf-8")
    return text if text.endswith("\n") else text + "\n"
