"""The graph in a SPARQL 1.1 server: push a build by the Graph Store Protocol, query it there.

:func:`push` loads the RDF a build wrote (``OUTDIR/graph.ttl``) into a SPARQL
store as **one named graph per document** — the document node and all that
belongs to it: its claims, their selectors, time expressions, quantities,
mentions, and the claims' outgoing links — plus one **shared** graph for what
documents have in common (actors, dates, claim families).  A **manifest**
graph lists the graphs pushed with the SHA-256 of their content, so that a
re-push sends only the graphs whose content changed and deletes the graphs of
documents no longer in the build: pushing twice leaves the same quads.  Every
triple lands in exactly one graph, so the union of the named graphs is the
build's graph (and the manifest).

:func:`remote_query` runs a query at the server's SPARQL 1.1 Protocol
endpoint over the union of the named graphs, and returns what
:func:`graph.query.run_query` returns for the same query on the build folder,
parsed by Oxigraph, so :func:`graph.query.format_result` prints the same text.
Parameters are bound as RDF terms serialized by pyoxigraph in a ``VALUES``
block opening the query's WHERE clause: never text pasted into the query.

Only the standard library speaks HTTP (``urllib.request``).  The layout of the
endpoints of Oxigraph, Apache Jena Fuseki and Virtuoso is in ``docs/sparql.md``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from extract.errors import ClaimgraphError

from .export import BuildNotFound
from .query import QUERY_PREFIXES, QueryError, parameter, run_query
from .vocab import ID, PREFIXES

__all__ = [
    "DEFAULT_BATCH",
    "DEFAULT_GRAPH_BASE",
    "SERVERS",
    "Endpoint",
    "NamedGraph",
    "PushReport",
    "SparqlServerError",
    "bind_parameters",
    "endpoint",
    "graph_layout",
    "push",
    "remote_query",
]

#: Named graphs are minted under this base: ``doc/<document>``, ``shared``, ``manifest``.
DEFAULT_GRAPH_BASE = "https://w3id.org/claimgraph/graph/"
#: Triples per HTTP request; a larger graph goes as one PUT and then POSTs.
DEFAULT_BATCH = 50_000
#: Servers whose endpoint layout :func:`endpoint` knows.
SERVERS = ("oxigraph", "fuseki", "virtuoso")
#: Seconds an HTTP request may wait on the server (connecting, or between two reads).
TIMEOUT = 300.0

_SD = "http://www.w3.org/ns/sparql-service-description#"
_VOID = "http://rdfs.org/ns/void#"
_N_TRIPLES = "application/n-triples"
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


class SparqlServerError(ClaimgraphError):
    """A SPARQL server could not be reached, or answered with an error."""

    code = "CG520"


# --------------------------------------------------------------------------- endpoints


@dataclasses.dataclass(frozen=True)
class Endpoint:
    """Where a SPARQL server takes queries and graphs (URLs without credentials)."""

    url: str  #: the server as given, credentials left out: for messages
    query: str  #: SPARQL 1.1 Protocol query endpoint
    store: str  #: SPARQL 1.1 Graph Store Protocol endpoint
    union: tuple[tuple[str, str], ...] = ()  #: query-string parameters: default graph = union
    append: tuple[tuple[str, str], ...] = ()  #: query-string parameters of a POST that appends
    user: str | None = dataclasses.field(default=None, repr=False)
    password: str | None = dataclasses.field(default=None, repr=False)


def endpoint(url: str, server: str = "oxigraph", store: str | None = None) -> Endpoint:
    """The query and Graph Store endpoints of the server at ``url``.

    ``oxigraph``: ``url`` is the server (``http://localhost:7878``), queries go
    to ``/query`` with ``union-default-graph``, graphs to ``/store`` (appended
    with ``no_transaction``, several times faster: a push stopped half-way is
    completed by the next one anyway).
    ``fuseki``: ``url`` is a dataset (``http://localhost:3030/claims``), queries
    go to ``/query``, graphs to ``/data``; the dataset's default graph must be
    the union of its named graphs (``tdb2:unionDefaultGraph true``).
    ``virtuoso``: ``url`` is the server (``http://localhost:8890``), queries go
    to ``/sparql`` (whose default graph is every graph), graphs to
    ``/sparql-graph-crud-auth`` (``/sparql-graph-crud`` without a user).
    ``store`` replaces the Graph Store endpoint.  A user and password may stand
    in the URL (``http://user:secret@host:8890``); they are sent by HTTP Basic
    or Digest authentication when the server asks, and never printed.

    Examples
    --------
    >>> ep = endpoint("http://127.0.0.1:7878/")
    >>> ep.query, ep.store, ep.union
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/store', (('union-default-graph', ''),))
    >>> endpoint("http://dba:secret@localhost:8890", "virtuoso").store
    'http://localhost:8890/sparql-graph-crud-auth'
    """
    if server not in SERVERS:
        raise SparqlServerError(
            f"unknown SPARQL server kind {server!r}; use one of {', '.join(SERVERS)}"
        )
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SparqlServerError(
            f"{url!r} is not the http(s) URL of a SPARQL server; write e.g. --sparql http://localhost:7878"
        )
    netloc = parts.netloc.rpartition("@")[2]
    user = urllib.parse.unquote(parts.username) if parts.username is not None else None
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    shown = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    union: tuple[tuple[str, str], ...] = ()
    append: tuple[tuple[str, str], ...] = ()
    if server == "oxigraph":
        base = re.sub(r"/(query|store|update)$", "", base)
        query, graphs = base + "/query", base + "/store"
        union, append = (("union-default-graph", ""),), (("no_transaction", ""),)
    elif server == "fuseki":
        base = re.sub(r"/(query|sparql|data|get|update)$", "", base)
        query, graphs = base + "/query", base + "/data"
    else:
        base = re.sub(r"/(sparql|sparql-graph-crud|sparql-graph-crud-auth)$", "", base)
        crud = "/sparql-graph-crud-auth" if user is not None else "/sparql-graph-crud"
        query, graphs = base + "/sparql", base + crud
    if store is not None:
        store_parts = urllib.parse.urlsplit(store.strip())
        if store_parts.scheme not in ("http", "https") or not store_parts.hostname:
            raise SparqlServerError(f"{store!r} is not the http(s) URL of a Graph Store endpoint")
        graphs = urllib.parse.urlunsplit(
            (
                store_parts.scheme,
                store_parts.netloc.rpartition("@")[2],
                store_parts.path,
                store_parts.query,
                "",
            )
        )
    return Endpoint(shown, query, graphs, union, append, user, password)


def _with_query(url: str, params: Iterable[tuple[str, str]]) -> str:
    pairs = list(params)
    if not pairs:
        return url
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(pairs)


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Client:
    """HTTP requests to one server, counted; errors become :class:`SparqlServerError`."""

    def __init__(self, ep: Endpoint) -> None:
        self.ep = ep
        self.requests = 0
        handlers: list[urllib.request.BaseHandler] = []
        if ep.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, [ep.query, ep.store], ep.user, ep.password or "")
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        host = urllib.parse.urlsplit(ep.query).hostname or ""
        if host == "localhost" or host.startswith("127.") or host == "::1":
            handlers.append(urllib.request.ProxyHandler({}))  # no proxy reaches our loopback
        self._opener = urllib.request.build_opener(*handlers)

    def send(
        self,
        method: str,
        url: str,
        what: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        missing_ok: bool = False,
    ) -> tuple[int, str, bytes]:
        """(status, content type, body) of one request; ``what`` names it in errors."""
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        self.requests += 1
        try:
            with self._opener.open(request, timeout=TIMEOUT) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as err:
            if missing_ok and err.code == 404:
                return 404, "", b""
            detail = _one_line(err.read(4000).decode("utf-8", errors="replace")) if err.fp else ""
            where = url.split("?", 1)[0]
            raise self._http_error(method, what, where, err.code, err.reason, detail) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise SparqlServerError(
                f"cannot reach the SPARQL server at {self.ep.url} ({_one_line(str(reason), 120)}); "
                "start it (e.g. oxigraph serve --location DIR --bind 127.0.0.1:7878) "
                "or check the URL given to --sparql"
            ) from None

    def _http_error(
        self, method: str, what: str, where: str, status: int, reason: str, detail: str
    ) -> ClaimgraphError:
        said = f"HTTP {status} {reason}".rstrip() + (f": {detail}" if detail else "")
        querying = what == "query"
        if status == 400 and querying:
            return QueryError(f"the SPARQL server at {where} rejected the query ({said})")
        if status in (401, 403):
            todo = "give a user allowed to do it in the URL (http://USER:PASSWORD@host/...)"
        elif status in (404, 405) and querying:
            todo = "check --sparql and --server (oxigraph, fuseki or virtuoso)"
        elif status in (404, 405):
            todo = (
                "check --sparql and --server (oxigraph, fuseki or virtuoso), "
                "or give the Graph Store endpoint with --store-endpoint"
            )
        elif status == 413:
            todo = "send smaller requests with --batch"
        else:
            todo = "see the server's log"
        return SparqlServerError(f"{method} {what} at {where} failed ({said}); {todo}")


# --------------------------------------------------------------------------- the named graphs


@dataclasses.dataclass(frozen=True)
class NamedGraph:
    """One named graph of a push: its IRI, its triples as N-Triples lines, their digest."""

    iri: str
    document: str | None  #: IRI of the document node, for a document's graph
    lines: tuple[str, ...]  #: N-Triples, one triple a line, without the line break
    digest: str | None  #: SHA-256 of the sorted lines; None where blank nodes make it unstable


_BLANK_OBJECT = re.compile(r" (_:\S+) \.$")


def _graph_base(base: str) -> str:
    try:
        ox.NamedNode(base)
    except ValueError:
        raise SparqlServerError(
            f"--graph {base!r} is not an absolute IRI; write e.g. {DEFAULT_GRAPH_BASE}"
        ) from None
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", base):
        raise SparqlServerError(
            f"--graph {base!r} is not an absolute IRI; write e.g. {DEFAULT_GRAPH_BASE}"
        )
    return base if base.endswith(("/", "#")) else base + "/"


def _document_of(subject: str) -> str | None:
    """The document id a subject belongs to (``doc:<slug>`` for ``id:doc/<slug>``,
    ``id:claim/<slug>/s12`` and all below them), or None for shared nodes."""
    base = str(ID)
    if not subject.startswith(base):
        return None
    kind, _, rest = subject[len(base) :].partition("/")
    slug = rest.split("/", 1)[0]
    if kind in ("doc", "claim") and slug:
        return "doc:" + urllib.parse.unquote(slug)
    return None


def _read_ntriples(build_dir: str | os.PathLike) -> list[str]:
    from .query import graph_ttl

    path = graph_ttl(build_dir)
    buffer = io.BytesIO()
    try:
        ox.serialize(
            ox.parse(path=str(path), format=ox.RdfFormat.TURTLE), buffer, ox.RdfFormat.N_TRIPLES
        )
    except SyntaxError as err:
        raise BuildNotFound(
            f"graph.ttl does not parse ({_one_line(str(err))}); rebuild", path=str(path)
        ) from None
    return buffer.getvalue().decode("utf-8").splitlines()


def graph_layout(
    build_dir: str | os.PathLike, graph_base: str = DEFAULT_GRAPH_BASE
) -> dict[str, NamedGraph]:
    """The named graphs a push writes for the build in ``build_dir``, by IRI.

    A triple goes to the graph of its subject: ``<base>doc/<document>`` for a
    document node, its claims and everything under a claim's IRI (selectors,
    time expressions, quantities, mentions, recurrences, contestations);
    ``<base>shared`` for the rest (actors, dates, families).  A blank node
    goes with the first subject that points to it.  The document part of the
    IRI is the document's node id, percent-encoded as one segment.  The shared
    graph comes first, then the documents' graphs in IRI order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / "graph.ttl").write_text(
    ...     '<https://w3id.org/claimgraph/id/claim/a%20b/s1> <https://schema.org/text> "x" .\\n'
    ...     '<https://w3id.org/claimgraph/id/actor/china> <https://schema.org/name> "China" .\\n')
    >>> [(g.iri, len(g.lines)) for g in graph_layout(out).values()]
    [('https://w3id.org/claimgraph/graph/shared', 1), ('https://w3id.org/claimgraph/graph/doc/a%20b', 1)]
    """
    base = _graph_base(graph_base)
    groups: dict[str | None, list[str]] = {None: []}
    blank_owner: dict[str, str | None] = {}
    blank_lines: list[str] = []
    for line in _read_ntriples(build_dir):
        if line.startswith("<") and not line.startswith("<<"):
            owner = _document_of(line[1 : line.index(">")])
            groups.setdefault(owner, []).append(line)
            if found := _BLANK_OBJECT.search(line):
                blank_owner.setdefault(found[1], owner)
        elif line.strip():
            blank_lines.append(line)
    unstable: set[str | None] = set(blank_owner.values())
    # blank nodes pointed to by blank nodes: follow them until nothing new is learnt
    while blank_lines:
        left = []
        for line in blank_lines:
            label = line.split(" ", 1)[0]
            if label in blank_owner:
                owner = blank_owner[label]
                groups.setdefault(owner, []).append(line)
                unstable.add(owner)
                if found := _BLANK_OBJECT.search(line):
                    blank_owner.setdefault(found[1], owner)
            else:
                left.append(line)
        if len(left) == len(blank_lines):  # nothing points to them: shared
            groups[None] += left
            unstable.add(None)
            break
        blank_lines = left
    graphs: dict[str, NamedGraph] = {}
    for owner in sorted(groups, key=lambda o: "" if o is None else _document_graph(base, o)):
        lines = groups[owner]
        if owner is not None and not lines:
            continue
        iri = base + "shared" if owner is None else _document_graph(base, owner)
        digest = None
        if owner not in unstable:
            digest = hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()
        document = None if owner is None else str(ID) + "doc/" + _quote(owner[4:])
        graphs[iri] = NamedGraph(iri, document, tuple(lines), digest)
    return graphs


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _document_graph(base: str, document_id: str) -> str:
    return base + "doc/" + _quote(document_id.partition(":")[2])


# --------------------------------------------------------------------------- the manifest


@dataclasses.dataclass(frozen=True)
class _Entry:
    document: str | None
    triples: int | None
    digest: str | None


def _manifest_ntriples(manifest: str, entries: Mapping[str, _Entry]) -> bytes:
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    m = ox.NamedNode(manifest)
    triples = [ox.Triple(m, rdf_type, ox.NamedNode(_SD + "GraphCollection"))]
    for iri in sorted(entries):
        entry, g = entries[iri], ox.NamedNode(iri)
        triples.append(ox.Triple(m, ox.NamedNode(_SD + "namedGraph"), g))
        triples.append(ox.Triple(g, rdf_type, ox.NamedNode(_SD + "NamedGraph")))
        triples.append(ox.Triple(g, ox.NamedNode(_SD + "name"), g))
        if entry.document:
            source = ox.NamedNode(PREFIXES["dcterms"] + "source")
            triples.append(ox.Triple(g, source, ox.NamedNode(entry.document)))
        if entry.triples is not None:
            count = ox.Literal(
                str(entry.triples), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer")
            )
            triples.append(ox.Triple(g, ox.NamedNode(_VOID + "triples"), count))
        if entry.digest:
            sha = ox.NamedNode(PREFIXES["schema"] + "sha256")
            triples.append(ox.Triple(g, sha, ox.Literal(entry.digest)))
    buffer = io.BytesIO()
    ox.serialize(triples, buffer, ox.RdfFormat.N_TRIPLES)
    return buffer.getvalue()


def _parse_manifest(body: bytes, content_type: str, base: str) -> dict[str, _Entry]:
    fmt = ox.RdfFormat.from_media_type(content_type.split(";")[0].strip()) or ox.RdfFormat.N_TRIPLES
    found: dict[str, dict[str, str]] = {}
    try:
        for t in ox.parse(body, fmt):
            if not isinstance(t.subject, ox.NamedNode):
                continue
            values = found.setdefault(t.subject.value, {})
            if (
                t.predicate.value == PREFIXES["rdf"] + "type"
                and t.object.value == _SD + "NamedGraph"
            ):
                values["graph"] = "yes"
            elif t.predicate.value == PREFIXES["dcterms"] + "source":
                values["document"] = t.object.value
            elif t.predicate.value == PREFIXES["schema"] + "sha256":
                values["digest"] = t.object.value
    except SyntaxError:
        return {}  # a manifest we cannot read: every graph is sent again
    return {
        iri: _Entry(v.get("document"), None, v.get("digest"))
        for iri, v in found.items()
        if v.get("graph") and iri.startswith(base) and iri != base + "manifest"
    }


# --------------------------------------------------------------------------- push


@dataclasses.dataclass(frozen=True)
class PushReport:
    """What :func:`push` did."""

    url: str  #: the server (credentials left out)
    documents: int  #: document graphs of the build
    triples: int  #: triples of the build
    written: tuple[str, ...]  #: graphs sent (replaced or new)
    unchanged: tuple[str, ...]  #: graphs the manifest says the server already holds
    deleted: tuple[str, ...]  #: graphs of documents no longer in the build
    requests: int  #: HTTP requests made
    seconds: float


def push(
    build_dir: str | os.PathLike,
    url: str,
    *,
    graph_base: str = DEFAULT_GRAPH_BASE,
    batch: int = DEFAULT_BATCH,
    server: str = "oxigraph",
    store: str | None = None,
    force: bool = False,
) -> PushReport:
    """Load the build in ``build_dir`` into the SPARQL server at ``url``, one named graph per document.

    The graphs are those of :func:`graph_layout`.  The manifest graph
    (``<graph_base>manifest``) lists each graph pushed with its triple count
    and content digest; a graph whose digest the manifest already holds is
    not sent again (``force`` sends it all the same), and the graphs it lists
    that the build no longer has are deleted.  Each graph goes as a PUT of its
    first ``batch`` triples, then POSTs of the next; on Oxigraph as a DELETE
    and then POSTs with ``no_transaction`` (its bulk loader: a fresh push of a
    million triples takes 17 s instead of 43 s).  Before anything is
    replaced the manifest lists every graph the push may touch without a
    digest, so a push stopped half-way is completed, and its leftovers
    deleted, by the next push.

    Raises
    ------
    BuildNotFound
        When ``build_dir`` holds no graph.ttl.
    SparqlServerError
        When the server cannot be reached or answers with an error.
    """
    started = time.perf_counter()
    if batch < 1:
        raise SparqlServerError(f"--batch {batch}: a request holds at least one triple")
    base = _graph_base(graph_base)
    graphs = graph_layout(build_dir, base)
    ep = endpoint(url, server, store)
    client = _Client(ep)
    manifest = base + "manifest"

    def gsp(graph: str) -> str:
        return _with_query(ep.store, [("graph", graph)])

    status, content_type, body = client.send(
        "GET", gsp(manifest), f"graph <{manifest}>", headers={"Accept": _N_TRIPLES}, missing_ok=True
    )
    old = _parse_manifest(body, content_type, base) if status != 404 else {}
    unchanged = [
        iri
        for iri, g in graphs.items()
        if not force
        and g.digest is not None
        and old.get(iri, _Entry(None, None, None)).digest == g.digest
    ]
    written = [iri for iri in graphs if iri not in unchanged]
    deleted = sorted(iri for iri in old if iri not in graphs)
    final = {iri: _Entry(g.document, len(g.lines), g.digest) for iri, g in graphs.items()}
    if written or deleted:
        pending = {
            iri: entry if iri in unchanged else _Entry(entry.document, None, None)
            for iri, entry in final.items()
        }
        pending |= {iri: _Entry(old[iri].document, None, None) for iri in deleted}
        _put(client, gsp(manifest), f"graph <{manifest}>", _manifest_ntriples(manifest, pending))
        for iri in deleted:
            client.send("DELETE", gsp(iri), f"graph <{iri}>", missing_ok=True)
        for iri in written:
            _write_graph(client, gsp(iri), graphs[iri], batch)
    if (
        written
        or deleted
        or set(old) != set(final)
        or any(old[iri].digest != final[iri].digest for iri in old if iri in final)
    ):
        _put(client, gsp(manifest), f"graph <{manifest}>", _manifest_ntriples(manifest, final))
    return PushReport(
        url=ep.url,
        documents=sum(1 for g in graphs.values() if g.document is not None),
        triples=sum(len(g.lines) for g in graphs.values()),
        written=tuple(written),
        unchanged=tuple(unchanged),
        deleted=tuple(deleted),
        requests=client.requests,
        seconds=time.perf_counter() - started,
    )


def _put(client: _Client, url: str, what: str, body: bytes) -> None:
    client.send("PUT", url, what, body, {"Content-Type": _N_TRIPLES})


def _write_graph(client: _Client, url: str, graph: NamedGraph, batch: int) -> None:
    """Replace the graph at ``url`` (a Graph Store URL) by ``graph``, ``batch`` triples a request.

    Where the server appends faster outside a transaction (Oxigraph), the graph
    is deleted and its triples appended; elsewhere the first batch is PUT and
    the next appended.
    """
    what, lines = f"graph <{graph.iri}>", graph.lines
    # blank nodes must arrive in one request: each request has blank nodes of its own
    size = batch if graph.digest is not None else max(len(lines), 1)
    bulk = bool(client.ep.append)
    if bulk:
        client.send("DELETE", url, what, missing_ok=True)
    for n, start in enumerate(range(0, max(len(lines), 1), size)):
        chunk = "".join(line + "\n" for line in lines[start : start + size]).encode("utf-8")
        if n == 0 and not bulk:
            _put(client, url, what, chunk)
        else:
            append = _with_query(url, client.ep.append)
            client.send("POST", append, what, chunk, {"Content-Type": _N_TRIPLES})


# --------------------------------------------------------------------------- queries

_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<comment>#[^\r\n]*)"
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\r\n]|\\.)*"'
    r"|'(?:[^'\\\r\n]|\\.)*')"
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<var>[?$]\w+)"
    r"|(?P<pname>(?:[^\W\d][\w.-]*)?:[^\s{}()<>\[\],;\"'#]*)"
    r"|(?P<word>[^\W\d]\w*)"
    r"|(?P<other>.)",
    re.S,
)


@dataclasses.dataclass(frozen=True)
class _Shape:
    """What a query's tokens tell: its form, the prefixes it declares, where its WHERE opens."""

    form: str | None
    declared: frozenset[str]
    where: int | None  #: offset just after the ``{`` that opens the top-level WHERE clause
    lone_select: int | None  #: offset of the ``}`` closing it when it holds a sub-select alone
    short_construct: bool
    service: bool
    dataset: bool = False  #: the query names its graphs (FROM, FROM NAMED)


def _after_group(tokens: list[tuple[str, str, int]], k: int) -> int:
    """Index after the ``}`` matching the ``{`` at ``tokens[k]``."""
    depth = 0
    for n in range(k, len(tokens)):
        kind, text, _ = tokens[n]
        if kind == "other" and text == "{":
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
            if depth == 0:
                return n + 1
    return len(tokens)


def _shape(sparql: str) -> _Shape:
    tokens = [
        (m.lastgroup or "", m.group(), m.start())
        for m in _TOKEN.finditer(sparql)
        if m.lastgroup not in ("space", "comment")
    ]
    service = any(k == "word" and t.upper() == "SERVICE" for k, t, _ in tokens)
    declared: set[str] = set()
    i = 0
    while i < len(tokens) and tokens[i][0] == "word" and tokens[i][1].upper() in ("BASE", "PREFIX"):
        if tokens[i][1].upper() == "PREFIX" and i + 1 < len(tokens) and tokens[i + 1][0] == "pname":
            declared.add(tokens[i + 1][1].partition(":")[0])
            i += 3
        else:
            i += 2
    if i >= len(tokens) or tokens[i][0] != "word" or tokens[i][1].upper() not in _FORMS:
        return _Shape(None, frozenset(declared), None, None, False, service)
    form = tokens[i][1].upper()
    j = i + 1
    short = False
    if form == "CONSTRUCT":
        if j < len(tokens) and tokens[j][1] == "{":
            j = _after_group(tokens, j)
        else:
            short = True
    depth = 0
    dataset = False
    for k in range(j, len(tokens)):
        kind, text, offset = tokens[k]
        if kind == "word" and text.upper() == "FROM" and depth == 0:
            dataset = True
        if kind != "other":
            continue
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text == "{" and depth == 0:
            lone = None
            if (
                k + 1 < len(tokens)
                and tokens[k + 1][0] == "word"
                and tokens[k + 1][1].upper() == "SELECT"
            ):
                lone = tokens[_after_group(tokens, k) - 1][2]
            return _Shape(form, frozenset(declared), offset + 1, lone, short, service, dataset)
    return _Shape(form, frozenset(declared), None, None, short, service, dataset)


def bind_parameters(
    sparql: str, params: Mapping[str, ox.NamedNode | ox.Literal] | Iterable[str] = ()
) -> str:
    """The query to send to a server: undeclared prefixes of :data:`~graph.query.QUERY_PREFIXES`
    declared, parameters bound by a ``VALUES`` block opening the WHERE clause.

    The block stands where Oxigraph's substitutions bind (before grouping,
    ``HAVING`` and ``OPTIONAL``), not after the query as a trailing ``VALUES``
    would, so the server's answers are those of ``claimgraph query OUTDIR``.
    Variable names are checked and terms serialized by pyoxigraph: no text of
    a parameter reaches the query unescaped.

    Examples
    --------
    >>> text = bind_parameters('SELECT ?s WHERE { ?s schema:name ?n }', ['s=actor:china', 'n=" } #'])
    >>> text.splitlines()[-1]
    'SELECT ?s WHERE { VALUES (?s ?n) { (<https://w3id.org/claimgraph/id/actor/china> "\\\\" } #") }  ?s schema:name ?n }'
    """
    bound = dict(params) if isinstance(params, Mapping) else dict(parameter(p) for p in params)
    shape = _shape(sparql)
    text = sparql
    if bound:
        if shape.short_construct:
            raise QueryError(
                "parameters on a SPARQL server need the long form CONSTRUCT { ... } WHERE { ... }"
            )
        if shape.where is None:
            raise QueryError("the query has no WHERE clause to bind parameters in")
        names, terms = [], []
        for name, term in bound.items():
            if not isinstance(term, ox.NamedNode | ox.Literal):
                raise QueryError(f"parameter {name!r}: only IRIs and literals can be bound")
            names.append(str(ox.Variable(name)))
            terms.append(str(term))
        block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
        where, lone = shape.where, shape.lone_select
        if lone is None:
            text = text[:where] + block + text[where:]
        else:  # `WHERE { SELECT ... }`: the sub-select becomes a group beside the block
            text = text[:where] + block + "{" + text[where:lone] + "}" + text[lone:]
    head = "".join(
        f"PREFIX {prefix}: <{namespace}>\n"
        for prefix, namespace in QUERY_PREFIXES.items()
        if prefix not in shape.declared
    )
    return head + text


_RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"


def remote_query(
    url: str,
    sparql: str,
    params: Mapping[str, ox.NamedNode | ox.Literal] | Iterable[str] = (),
    *,
    server: str = "oxigraph",
) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
    """Run ``sparql`` at the SPARQL server at ``url``, over the union of its named graphs.

    The query is checked by Oxigraph first (on an empty store, nothing is
    evaluated), so a mistake gives the message ``claimgraph query OUTDIR``
    gives; ``params`` are bound as in :func:`graph.query.run_query`.  SELECT
    and ASK results come back as :class:`pyoxigraph.QuerySolutions` or
    :class:`pyoxigraph.QueryBoolean`, CONSTRUCT and DESCRIBE results as a
    list of triples: all of them print with :func:`graph.query.format_result`.

    Raises
    ------
    QueryError
        When the query does not parse, a parameter is malformed or the server rejects the query.
    SparqlServerError
        When the server cannot be reached, or answers with an error or with what is not results.
    """
    bound = dict(params) if isinstance(params, Mapping) else dict(parameter(p) for p in params)
    shape = _shape(sparql)
    graph_result = shape.form in ("CONSTRUCT", "DESCRIBE")
    if shape.form != "ASK" or not shape.service:
        # an ASK is evaluated at once: on an empty store that is nothing, unless it calls a SERVICE
        checked = run_query(ox.Store(), sparql, bound)
        graph_result = isinstance(checked, ox.QueryTriples)
    ep = endpoint(url, server)
    text = bind_parameters(sparql, bound)
    _, content_type, body = _Client(ep).send(
        "POST",
        # a query that names its graphs (FROM, FROM NAMED) reads those, not the union
        _with_query(ep.query, () if shape.dataset else ep.union),
        "query",
        text.encode("utf-8"),
        {
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": _GRAPH_ACCEPT if graph_result else _RESULTS_ACCEPT,
        },
    )
    media_type = content_type.split(";")[0].strip().lower()
    try:
        if graph_result:
            rdf_format = ox.RdfFormat.from_media_type(media_type or _N_TRIPLES)
            if rdf_format is None:
                raise _not_results(ep, content_type)
            return [quad.triple for quad in ox.parse(body, rdf_format)]
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is None:
            raise _not_results(ep, content_type)
        return ox.parse_query_results(body, results_format)
    except SyntaxError as err:
        raise SparqlServerError(
            f"the SPARQL server at {ep.url} answered with results that do not parse "
            f"({_one_line(str(err), 120)}); check --sparql and --server"
        ) from None


def _not_results(ep: Endpoint, content_type: str) -> SparqlServerError:
    return SparqlServerError(
        f"the SPARQL server at {ep.url} answered {content_type or 'without a content type'}, "
        "not SPARQL results; check --sparql and --server"
    )
