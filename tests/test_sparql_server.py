"""``claimgraph push`` and ``claimgraph query --sparql`` against a real Oxigraph server.

The tests start ``oxigraph serve`` (PyPI ``oxigraph``, in the test extras) on a
free port of 127.0.0.1 with a store in a temporary folder, empty it before
each test, and stop it at the end.  Outside CI a missing ``oxigraph`` binary
skips them; in CI it fails them, so none passes by being skipped.
"""

from __future__ import annotations

import csv
import io
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED_2019, claim_with

from graph import sparql
from graph.cli import cli
from graph.query import QueryError, load_store
from graph.rdf import node_iri
from graph.sparql import (
    DEFAULT_GRAPH_BASE,
    SparqlServerError,
    bind_parameters,
    graph_layout,
    push,
    remote_query,
)

QUERIES = ROOT / "docs" / "queries"
NEW_YORK_MISSION = "actor:permanent-mission-of-the-people-s-republic-of-china-to-the-united-nations"
DOC_2019 = DEFAULT_GRAPH_BASE + "doc/2019-07-10-china-mission-geneva-spokesperson-remarks"
DOC_2023 = DEFAULT_GRAPH_BASE + "doc/2023-09-14-china-mission-new-york-note-verbale"
SHARED = DEFAULT_GRAPH_BASE + "shared"
MANIFEST = DEFAULT_GRAPH_BASE + "manifest"


# --------------------------------------------------------------------------- the server


def _oxigraph_binary() -> str | None:
    beside_python = pathlib.Path(sys.executable).parent / "oxigraph"
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """The URL of an Oxigraph server started for these tests (stopped after them)."""
    binary = _oxigraph_binary()
    if binary is None:
        message = "the oxigraph server is not installed: pip install -e '.[test]' (PyPI oxigraph)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("oxigraph")
    for attempt in range(3):  # the free port may be taken between finding it and binding it
        url = f"http://127.0.0.1:{_free_port()}"
        log = (folder / f"server-{attempt}.log").open("wb")
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "store"), "--bind", url[7:]],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None and not _answers(url):
            time.sleep(0.1)
        if process.poll() is None and _answers(url):
            break
        _stop(process)
        log.close()
    else:
        pytest.fail(f"oxigraph serve did not answer; see {folder}")
    try:
        yield url
    finally:
        _stop(process)
        log.close()


@pytest.fixture
def server(oxigraph_server):
    """The server, emptied: every test starts from an empty store."""
    server_drop(oxigraph_server)
    return oxigraph_server


def server_drop(url: str) -> None:
    """Empty the server's store (SPARQL Update: the tests' own, never claimgraph's)."""
    request = urllib.request.Request(
        url + "/update",
        data=b"DROP ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    with urllib.request.urlopen(request, timeout=30):
        pass


def dataset(url: str) -> dict[str, set[str]]:
    """Every quad the server holds: graph IRI -> its triples as N-Triples terms."""
    request = urllib.request.Request(url + "/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    graphs: dict[str, set[str]] = {}
    for quad in ox.parse(body, ox.RdfFormat.N_QUADS):
        assert isinstance(quad.graph_name, ox.NamedNode), "nothing goes to the default graph"
        graphs.setdefault(quad.graph_name.value, set()).add(str(quad.triple))
    return graphs


def build_triples(out: pathlib.Path) -> list[str]:
    """The build's triples as an Oxigraph store holds them (what ``claimgraph query OUTDIR`` reads:
    Oxigraph keeps an ``xsd:nonNegativeInteger`` as an ``xsd:integer``, on the server too)."""
    return [str(q.triple) for q in load_store(out)]


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def one_seed_build(tmp_path_factory):
    """The seeds less one document: the 2019 remarks alone."""
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("one-seed")
    build([SEED_2019], out)
    return out


# --------------------------------------------------------------------------- push


def test_push_puts_each_document_in_a_graph_of_its_own(server, seed_build):
    G, _, out = seed_build
    result = cli_run("push", str(out), "--sparql", server)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"pushed \d+ triples of 2 documents to {re.escape(server)}: 3 graphs written, "
        r"0 unchanged, 0 deleted \(\d+ requests, [\d.]+ s\)\n",
        result.output,
    ), result.output
    held = dataset(server)
    assert set(held) == {DOC_2019, DOC_2023, SHARED, MANIFEST}
    # every triple of the build in exactly one graph: their union is the build's graph
    triples = build_triples(out)
    data = [t for g, ts in held.items() if g != MANIFEST for t in ts]
    assert len(data) == len(triples) and set(data) == set(triples)
    # a document's graph: the document, its claims and all under them; nothing else
    for graph in (DOC_2019, DOC_2023):
        subjects = {t.split(" ", 1)[0] for t in held[graph]}
        doc = graph[len(DEFAULT_GRAPH_BASE) + 4 :]
        assert f"<https://w3id.org/claimgraph/id/doc/{doc}>" in subjects
        assert all(
            s == f"<https://w3id.org/claimgraph/id/doc/{doc}>"
            or s.startswith(f"<https://w3id.org/claimgraph/id/claim/{doc}/")
            for s in subjects
        )
    claims = {n for n, a in G.nodes(data=True) if a["kind"] == "claim"}
    in_documents = {t.split(" ", 1)[0] for g in (DOC_2019, DOC_2023) for t in held[g]}
    assert {f"<{node_iri(c)}>" for c in claims} <= in_documents
    shared = {t.split(" ", 1)[0] for t in held[SHARED]}
    assert not any("/id/claim/" in s or "/id/doc/" in s for s in shared)
    assert any("/id/actor/" in s for s in shared) and any("/id/family/" in s for s in shared)
    # the manifest lists the graphs, their documents and sizes
    manifest = "\n".join(held[MANIFEST])
    for graph in (DOC_2019, DOC_2023, SHARED):
        assert (
            f"<{MANIFEST}> <http://www.w3.org/ns/sparql-service-description#namedGraph> <{graph}>"
            in manifest
        )
        assert f'<{graph}> <http://rdfs.org/ns/void#triples> "{len(held[graph])}"' in manifest
    assert (
        f"<{DOC_2023}> <http://purl.org/dc/terms/source> <https://w3id.org/claimgraph/id/doc/2023-09-14-china-mission-new-york-note-verbale>"
        in manifest
    )


def test_pushing_twice_leaves_the_same_quads(server, seed_build):
    _, _, out = seed_build
    first = push(out, server)
    assert len(first.written) == 3 and not first.unchanged
    held = dataset(server)
    again = push(out, server)
    assert (again.written, again.deleted, len(again.unchanged)) == ((), (), 3)
    assert again.requests == 1  # the manifest is read; nothing changed, nothing is sent
    assert dataset(server) == held
    forced = push(out, server, force=True)
    assert len(forced.written) == 3
    assert dataset(server) == held


def test_batches_give_the_same_quads(server, seed_build):
    _, _, out = seed_build
    whole = push(out, server)
    held = dataset(server)
    result = cli_run("push", str(out), "--sparql", server, "--batch", "50", "--force", "-q")
    assert (result.exit_code, result.output) == (0, "")
    assert dataset(server) == held
    batched = push(out, server, batch=50, force=True)
    # Oxigraph: a DELETE and POSTs of 50 triples for each graph, beside the manifest's requests
    graphs = [ts for g, ts in held.items() if g != MANIFEST]
    assert batched.requests == 3 + len(graphs) + sum(-(-len(ts) // 50) for ts in graphs)
    assert batched.requests > whole.requests
    assert dataset(server) == held


def test_a_build_with_one_document_less(server, seed_build, one_seed_build):
    _, _, out = seed_build
    push(out, server)
    smaller = push(one_seed_build, server)
    assert smaller.deleted == (DOC_2023,)
    held = dataset(server)
    assert DOC_2023 not in held
    assert "2023-09-14-china-mission-new-york-note-verbale" not in "".join(held[MANIFEST])
    # the rest is what a push of the smaller build into an empty store gives
    server_drop(server)
    push(one_seed_build, server)
    assert dataset(server) == held


def test_only_the_graphs_that_changed_are_sent(server, seed_build, tmp_path):
    _, _, out = seed_build
    push(out, server)
    edited = tmp_path / "edited"
    edited.mkdir()
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    title = re.search(r'dcterms:title "([^"]+)"', ttl)
    assert title is not None
    (edited / "graph.ttl").write_text(
        ttl.replace(title[0], 'dcterms:title "A title changed by hand"', 1), encoding="utf-8"
    )
    report = push(edited, server)
    assert len(report.written) == 1 and len(report.unchanged) == 2 and not report.deleted
    (changed,) = report.written
    assert changed.startswith(DEFAULT_GRAPH_BASE + "doc/")
    held = dataset(server)
    assert any("A title changed by hand" in t for t in held[changed])
    assert set(held) == {DOC_2019, DOC_2023, SHARED, MANIFEST}


def test_a_push_stopped_half_way_is_completed_by_the_next(
    server, seed_build, one_seed_build, monkeypatch
):
    _, _, out = seed_build
    send = sparql._Client.send

    def failing(self, method, url, what, *args, **kwargs):
        if DOC_2023 in what:  # the shared graph and the 2019 graph are written, not this one
            raise SparqlServerError("the connection dropped (a test)")
        return send(self, method, url, what, *args, **kwargs)

    monkeypatch.setattr(sparql._Client, "send", failing)
    with pytest.raises(SparqlServerError):
        push(out, server)
    monkeypatch.setattr(sparql._Client, "send", send)
    half = dataset(server)
    assert set(half) == {MANIFEST, SHARED, DOC_2019}
    # the manifest lists the graph the push was about to write, without a digest
    assert any(t.endswith(f"namedGraph> <{DOC_2023}>") for t in half[MANIFEST])
    assert not any(
        t.startswith(f"<{DOC_2023}> <https://schema.org/sha256>") for t in half[MANIFEST]
    )
    # the next push of a build without the 2023 document deletes what the first left
    push(one_seed_build, server)
    held = dataset(server)
    server_drop(server)
    push(one_seed_build, server)
    assert dataset(server) == held
    # and a push of the same build again completes the graphs that were not written
    server_drop(server)
    monkeypatch.setattr(sparql._Client, "send", failing)
    with pytest.raises(SparqlServerError):
        push(out, server)
    monkeypatch.setattr(sparql._Client, "send", send)
    report = push(out, server)
    assert len(report.written) == 3
    complete = dataset(server)
    server_drop(server)
    push(out, server)
    assert dataset(server) == complete


def test_graph_iris_are_minted_from_node_ids(tmp_path):
    odd = "https://w3id.org/claimgraph/id/claim/a%20b%3Cscript%3E/s1"
    (tmp_path / "graph.ttl").write_text(
        f'<{odd}> <https://schema.org/text> "x" .\n'
        f"<{odd}> <https://schema.org/about> _:b0 .\n"
        '_:b0 <https://schema.org/name> "in the claim\'s graph" .\n'
        '<https://w3id.org/claimgraph/id/actor/china> <https://schema.org/name> "China" .\n',
        encoding="utf-8",
    )
    graphs = graph_layout(tmp_path, "urn:example:graphs")
    assert list(graphs) == ["urn:example:graphs/shared", "urn:example:graphs/doc/a%20b%3Cscript%3E"]
    document = graphs["urn:example:graphs/doc/a%20b%3Cscript%3E"]
    assert len(document.lines) == 3 and document.digest is None  # a blank node: always sent
    assert document.document == "https://w3id.org/claimgraph/id/doc/a%20b%3Cscript%3E"
    assert graphs["urn:example:graphs/shared"].digest is not None


# --------------------------------------------------------------------------- queries


def _concat_columns(sparql_text: str) -> dict[str, str]:
    """Columns a query fills with GROUP_CONCAT, and their separators."""
    return {
        m[2]: m[1]
        for m in re.finditer(
            r'GROUP_CONCAT\((?:[^;()]|\([^()]*\))*;\s*separator\s*=\s*"([^"]*)"\)\s+AS\s+\?(\w+)',
            sparql_text,
            re.I,
        )
    }


def comparable(output: str, sparql_text: str) -> list[dict[str, str]]:
    """CSV rows, each GROUP_CONCAT cell's values sorted: SPARQL leaves their order to the store."""
    columns = _concat_columns(sparql_text)
    rows = list(csv.DictReader(io.StringIO(output)))
    for row in rows:
        for name, separator in columns.items():
            if row.get(name):
                row[name] = separator.join(sorted(row[name].split(separator)))
    return rows


def ready_query_cases(G) -> list[tuple[str, tuple[str, ...]]]:
    terrorism = G.nodes[claim_with(G, "for almost three years")]["family"]
    return [
        ("claims-by-speaker-about-actor.rq", ()),
        ("claims-by-speaker-about-actor.rq", ("actor=actor:china",)),
        ("claims-by-speaker-about-actor.rq", (f"speaker={NEW_YORK_MISSION}", "actor=actor:china")),
        ("claims-by-speaker-about-actor.rq", ("actor=actor:china> } UNION { ?s ?p ?o } #",)),
        ("contested-families.rq", ()),
        ("denials.rq", ()),
        ("denials.rq", (f"speaker={NEW_YORK_MISSION}",)),
        ("denials.rq", ('speaker=" } UNION { ?s ?p ?o } #',)),
        ("duration-claims.rq", ()),
        ("families-seen-in-n-years.rq", ()),
        ("families-seen-in-n-years.rq", ("min_years=1",)),
        ("families-seen-in-n-years.rq", ("min_years=3",)),
        ("family-timeline.rq", ()),
        ("family-timeline.rq", (f"family={terrorism}",)),
        ("quantity-claims.rq", ()),
        ("who-repeats-whose-claims.rq", ()),
    ]


def test_every_ready_query_gives_the_same_rows_on_the_server(server, seed_build):
    G, _, out = seed_build
    push(out, server)
    cases = ready_query_cases(G)
    assert {name for name, _ in cases} == {p.name for p in QUERIES.glob("*.rq")}
    for name, params in cases:
        path = str(QUERIES / name)
        options = [a for p in params for a in ("-p", p)]
        local = cli_run("query", str(out), "--file", path, "-f", "csv", *options)
        remote = cli_run("query", "--sparql", server, "--file", path, "-f", "csv", *options)
        assert local.exit_code == 0 and remote.exit_code == 0, (name, local.output, remote.output)
        text = (QUERIES / name).read_text(encoding="utf-8")
        if _concat_columns(text):
            assert comparable(remote.output, text) == comparable(local.output, text), (name, params)
        else:  # byte for byte
            assert remote.output == local.output, (name, params)
    # the parameters narrowed the answers as they do on the folder
    rows = list(
        csv.DictReader(
            io.StringIO(
                cli_run(
                    "query",
                    "--sparql",
                    server,
                    "--file",
                    str(QUERIES / "families-seen-in-n-years.rq"),
                    "-f",
                    "csv",
                    "-p",
                    "min_years=3",
                ).output
            )
        )
    )
    assert rows == []


def test_contested_propositions_on_the_server(server, contested_build):
    _, _, out = contested_build
    push(out, server)
    for name, params in (
        ("contested-families.rq", ()),
        ("contested-families.rq", ("claimant=actor:rudolf-rassendyll",)),
        ("denials.rq", ()),
        ("who-repeats-whose-claims.rq", ()),
    ):
        path = str(QUERIES / name)
        options = [a for p in params for a in ("-p", p)]
        local = cli_run("query", str(out), "--file", path, "-f", "csv", *options)
        remote = cli_run("query", "--sparql", server, "--file", path, "-f", "csv", *options)
        text = (QUERIES / name).read_text(encoding="utf-8")
        assert local.exit_code == 0 and remote.exit_code == 0, remote.output
        assert comparable(remote.output, text) == comparable(local.output, text), name
        assert len(local.output.splitlines()) > 1 or name == "who-repeats-whose-claims.rq"


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_every_format_prints_the_same_text(server, seed_build, fmt):
    _, _, out = seed_build
    push(out, server)
    for query in (
        "SELECT ?date ?claim ?expression ?duration WHERE { ?claim cg:hasTimeExpression ?t ; "
        "schema:datePublished ?date . ?t schema:text ?expression ; cg:timexValue ?duration } "
        "ORDER BY ?date ?claim ?expression",
        "ASK { ?f a schema:Claim }",
        "ASK { ?f a schema:Nothing }",
        "CONSTRUCT { ?a skos:prefLabel ?n ; cg:actorKind ?k } WHERE { ?a a cg:Actor ; "
        "skos:prefLabel ?n ; cg:actorKind ?k }",
        "DESCRIBE ?a WHERE { ?a skos:prefLabel 'China' }",
    ):
        local = cli_run("query", str(out), query, "-f", fmt)
        remote = cli_run("query", "--sparql", server, query, "-f", fmt)
        assert local.exit_code == 0, local.output
        assert remote.output == local.output, query


def test_library_answers_are_oxigraph_results(server, seed_build):
    _, _, out = seed_build
    push(out, server)
    result = remote_query(
        server,
        "SELECT ?a ?name WHERE { ?a a cg:Actor ; skos:prefLabel ?name } ORDER BY ?name",
        {"a": ox.NamedNode(str(node_iri("actor:china")))},
    )
    assert [s["name"].value for s in result] == ["China"]
    assert bool(remote_query(server, "ASK { ?c a cg:ClaimInstance }"))
    triples = remote_query(server, "CONSTRUCT WHERE { ?a skos:prefLabel 'China' }")
    assert [t.object.value for t in triples] == ["China"]


def test_a_query_that_names_its_graphs_reads_those(server, seed_build):
    _, _, out = seed_build
    push(out, server)
    held = dataset(server)
    everything = remote_query(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert [int(s["n"].value) for s in everything] == [sum(len(ts) for ts in held.values())]
    shared = remote_query(server, f"SELECT (COUNT(*) AS ?n) FROM <{SHARED}> WHERE {{ ?s ?p ?o }}")
    assert [int(s["n"].value) for s in shared] == [len(held[SHARED])]
    per_graph = remote_query(
        server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    assert {s["g"].value: int(s["n"].value) for s in per_graph} == {
        g: len(ts) for g, ts in held.items()
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT ?x WHERE { ?x ?p "], "does not parse"),
        (["SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", "-p", "y=3"], "does not select ?y"),
        (["SELECT ?x WHERE { ?x ?p ?o }", "-p", "no-equals-sign"], "NAME=VALUE"),
        (["CONSTRUCT WHERE { ?x ?p ?o }", "-p", "x=3"], "CONSTRUCT { ... } WHERE"),
    ],
)
def test_query_mistakes_are_one_clear_line(server, args, message):
    result = cli_run("query", "--sparql", server, *args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.output


def test_a_server_that_is_down_is_one_clear_line(seed_build):
    _, _, out = seed_build
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    for args in (["push", str(out), "--sparql", url], ["query", "--sparql", url, "ASK {}"]):
        result = cli_run(*args)
        assert result.exit_code == 2
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1, result.output
        assert lines[0].startswith("claimgraph: error: cannot reach the SPARQL server at " + url)
        assert "oxigraph serve" in lines[0]


def test_http_errors_are_one_clear_line(server, seed_build):
    _, _, out = seed_build
    result = cli_run("query", "--sparql", server + "/no/such/place", "ASK {}")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "HTTP 404" in result.output
    assert "check --sparql and --server" in result.output
    result = cli_run("push", str(out), "--sparql", server, "--store-endpoint", server + "/query")
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "--store-endpoint" in result.output or "server's log" in result.output
    result = cli_run("push", str(out), "--sparql", "ftp://127.0.0.1/")
    assert result.exit_code == 2 and "http(s) URL" in result.output
    result = cli_run("push", str(out), "--sparql", server, "--graph", "not an iri")
    assert result.exit_code == 2 and "absolute IRI" in result.output


def test_push_of_a_folder_without_a_build(server, tmp_path):
    result = cli_run("push", str(tmp_path), "--sparql", server)
    assert result.exit_code == 2
    assert "graph.ttl" in result.output and "claimgraph build" in result.output


def test_the_query_has_one_home(seed_build):
    _, _, out = seed_build
    result = cli_run("query", str(out), "ASK {}", "--sparql", "http://127.0.0.1:1")
    assert result.exit_code == 2 and "not both" in result.output
    result = cli_run("query")
    assert result.exit_code == 2 and "--sparql" in result.output
    result = cli_run("query", "--sparql", "http://127.0.0.1:1")
    assert result.exit_code == 2 and "either" in result.output


# --------------------------------------------------------------------------- binding


def test_parameters_open_the_where_clause_as_serialized_terms():
    text = bind_parameters(
        "PREFIX cg: <https://w3id.org/claimgraph/ns#>\n"
        "SELECT ?s (COUNT(?x) AS ?n) WHERE { ?s cg:stance ?x FILTER(?x != '}') } GROUP BY ?s",
        ["s=actor:china", 'x=" } UNION { ?a ?b ?c } #\n'],
    )
    assert text.count("PREFIX cg:") == 1  # declared by the query: not declared again
    assert "PREFIX schema: <https://schema.org/>" in text
    query = text[text.index("SELECT") :]
    assert query == (
        "SELECT ?s (COUNT(?x) AS ?n) WHERE { VALUES (?s ?x) { "
        '(<https://w3id.org/claimgraph/id/actor/china> "\\" } UNION { ?a ?b ?c } #\\n") }  '
        "?s cg:stance ?x FILTER(?x != '}') } GROUP BY ?s"
    )
    ox.Store().query(text)  # it parses


def test_parameters_skip_a_construct_template_and_keep_a_sub_select_whole():
    construct = bind_parameters("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", ["o=3"])
    assert construct.endswith(
        'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { ("3"^^<http://www.w3.org/2001/XMLSchema#integer>) }  ?s ?p ?o }'
    )
    sub = bind_parameters(
        "# {\nSELECT ?s WHERE { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 }", ["s=actor:x"]
    )
    assert sub.endswith(
        "SELECT ?s WHERE { VALUES (?s) { (<https://w3id.org/claimgraph/id/actor/x>) } "
        "{ SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 }}"
    )
    for text in (construct, sub):
        ox.Store().query(text)
    with pytest.raises(QueryError, match="long form"):
        bind_parameters("CONSTRUCT WHERE { ?s ?p ?o }", ["o=3"])
    # no parameters: the query as written, with the prefixes it does not declare
    assert bind_parameters("ASK {}").endswith("\nASK {}")
