"""The ``claimgraph`` command line: thin click commands over library functions."""

from __future__ import annotations

import datetime
import json
import sys

import click

from extract.errors import ClaimgraphError

from . import __version__
from .link import DEFAULT_THRESHOLD, LOGISTIC_THRESHOLD

__all__ = ["cli"]


def _iso_date(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def cli() -> None:
    """claimgraph: follow what governments and organisations claim, across documents and years.

    Reads statements (.txt, .md, .html, .pdf), extracts claims, actors and
    dates from every sentence, links claims that recur between documents and
    writes an interactive HTML graph, RDF/Turtle, JSON and CSV.

    \b
    Example:
      claimgraph build seeds/ --out output/
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--out",
    "out_dir",
    default="output",
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder the outputs are written to.",
)
@click.option(
    "--threshold",
    default=None,
    type=click.FloatRange(0.0, 1.0),
    help=f"Probability at or above which two claims of different documents state one "
    f"proposition (default {DEFAULT_THRESHOLD} with the re-ranker, "
    f"{LOGISTIC_THRESHOLD} without).",
)
@click.option(
    "--published",
    callback=_iso_date,
    help="Publication date (YYYY-MM-DD) for documents that state none.",
)
@click.option("--model", default=None, help="spaCy pipeline to use (default en_core_web_sm).")
@click.option(
    "--embedding-model",
    default=None,
    help="Folder of a sentence-transformers model (default: packaged all-MiniLM-L6-v2).",
)
@click.option(
    "--reranker",
    default=None,
    help="Folder of the re-ranker (cross-encoder) that reads candidate pairs; "
    "'none' to link with the logistic model alone (default: the packaged one).",
)
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be read.")
@click.option(
    "--keep-going",
    is_flag=True,
    help="Exit 0 even when some files could not be read (they are still reported).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, None),
    default=None,
    help="Worker processes for extraction (default: the core count for 8 documents or more).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Where extraction results and embeddings are cached (default: OUT/.cache).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Extract on a Dask cluster: tcp://HOST:8786 (a running scheduler) or local:N "
    "(N worker processes started for the build); the outputs are the same as without.",
)
@click.option(
    "--max-size",
    type=click.FloatRange(0, None, min_open=True),
    default=5.0,
    show_default=True,
    help="Largest document to read, in MB; larger files are reported and skipped.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the build summary as JSON.")
def build(
    paths: tuple[str, ...],
    out_dir: str,
    threshold: float | None,
    published: datetime.date | None,
    model: str | None,
    embedding_model: str | None,
    reranker: str | None,
    strict: bool,
    keep_going: bool,
    jobs: int | None,
    cache_dir: str | None,
    no_cache: bool,
    scheduler: str | None,
    max_size: float,
    quiet: bool,
    as_json: bool,
) -> None:
    """Build the claim graph of PATHS (files or folders) into --out.

    Writes graph.json (node-link JSON), graph.ttl (RDF/Turtle), graph.html
    (the interactive view, works offline), claims.csv and build.json (this
    summary).  Files that cannot be read are reported, one line each; the
    previous outputs stay in place unless the whole build succeeds.

    \b
    Example:
      claimgraph build seeds/ --out output/
      claimgraph build statements/ notes/2023-note.pdf --published 2023-09-14
      claimgraph build transcripts/ --scheduler tcp://10.0.0.5:8786
    """
    from .pipeline import build as run_build

    progress = None if quiet or as_json else (lambda msg: click.echo(f"… {msg}", err=True))
    try:
        G, report = run_build(
            paths,
            out_dir,
            model=model,
            embedding_model=embedding_model,
            threshold=threshold,
            strict=strict,
            published=published,
            progress=progress,
            jobs=jobs,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            bars=progress is not None,
            max_bytes=int(max_size * 1_000_000),
            reranker=reranker,
            scheduler=scheduler,
        )
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)
    for path, message in report.failed:
        click.echo(f"claimgraph: {path}: {message}", err=True)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1, sort_keys=True))
    elif not quiet:
        c = report.counts
        click.echo(
            f"{c['documents']} documents, {c['claims']} claims, {c['actors']} actors, "
            f"{c['dates']} dates, {c['recurring_links']} recurring links, "
            f"{c['contesting_links']} contesting links, {c['families']} claim families"
        )
        for d in report.documents:
            when = d["published"] or "no date"
            click.echo(f"  {when:<10}  {d['claims']:>4} claims  {d['path']}")
        for path in report.undated:
            click.echo(
                f"  note: no publication date found in {path}; give --published or a sidecar"
            )
        for path, reason in report.skipped:
            click.echo(f"  skipped {path}: {reason}")
        for path, same in report.duplicates:
            click.echo(f"  skipped {path}: same content as {same}")
        click.echo("wrote " + ", ".join(report.files))
    if report.failed and not keep_going:
        sys.exit(1)


@cli.command()
@click.argument("out_dir", metavar="[OUTDIR]", default="output", type=click.Path(file_okay=False))
@click.option(
    "--print-path", is_flag=True, help="Print the path of the view, whether or not it opens."
)
def view(out_dir: str, print_path: bool) -> None:
    """Open the interactive view OUTDIR/graph.html (default output/) in the browser.

    The page works offline. Where no browser can be opened, the path of the
    file is printed instead, to open by hand.

    \b
    Example:
      claimgraph view
      claimgraph view my-graph/ --print-path
    """
    from .view import built_view, open_view

    try:
        path = built_view(out_dir)
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)
    if not open_view(path) or print_path:
        click.echo(str(path))


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
    help="table: readable text per document; jsonl: one JSON object per document and line.",
)
@click.option(
    "--published",
    callback=_iso_date,
    help="Publication date (YYYY-MM-DD), the anchor of relative time expressions; "
    "overrides the date found in the text or a NAME.meta.json sidecar.",
)
@click.option("--model", default=None, help="spaCy pipeline to use (default en_core_web_sm).")
def extract_command(
    paths: tuple[str, ...], output_format: str, published: datetime.date | None, model: str | None
) -> None:
    """Show what extraction finds in PATHS (files or folders), without building a graph.

    For every document: its metadata, sentences, claims (speaker, stance,
    actors with roles, quantities) and every time expression, claim or not,
    with its TIMEX3 type, value, modifier and the anchor it was resolved
    against.  The same extraction as `build`; the model loads once.  Files
    that cannot be read are reported on stderr, one line each, and the exit
    code is 1; the other documents are still printed.  The JSON schema is
    in docs/extract.md.

    \b
    Example:
      claimgraph extract seeds/
      claimgraph extract note.txt --published 2023-09-14 --format jsonl
    """
    import pathlib

    from extract.load import SUPPORTED_SUFFIXES
    from extract.report import document_records, format_table

    from .pipeline import BuildReport, load_documents

    loaded = BuildReport()
    documents = load_documents(paths, loaded, published=published)
    given = {str(pathlib.Path(p)) for p in paths}
    failed = list(loaded.failed)
    for path, reason in loaded.skipped:
        if reason.startswith("metadata sidecar"):
            continue  # read with its document
        if path in given:
            failed.append((path, reason))
        else:
            click.echo(f"claimgraph: {path}: skipped, {reason}", err=True)
    for path, same in loaded.duplicates:
        click.echo(f"claimgraph: {path}: same content as {same}, shown once", err=True)
    for path, message in failed:
        click.echo(f"claimgraph: {path}: {message}", err=True)
    if not documents and not failed:
        where = ", ".join(paths)
        click.echo(
            f"claimgraph: {where}: no {', '.join(SUPPORTED_SUFFIXES)} document found; "
            "give files or folders that hold statements",
            err=True,
        )
        sys.exit(1)
    try:
        for n, record in enumerate(document_records(documents, model=model)):
            if output_format == "jsonl":
                click.echo(json.dumps(record, sort_keys=True, ensure_ascii=False))
            else:
                click.echo(("\n" if n else "") + format_table(record))
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)
    if failed:
        sys.exit(1)


# --------------------------------------------------------------------------- export, query


@cli.command("export")
@click.argument("out_dir", metavar="OUTDIR", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    required=True,
    type=click.Choice(["ttl", "nt", "jsonld", "graphml", "gexf", "json", "csv"]),
    help="Format to write; repeat for several.",
)
@click.option(
    "--to",
    "to_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder to write the files to (default: OUTDIR).",
)
@click.option(
    "--validate",
    "check_shapes",
    is_flag=True,
    help="Also check the RDF against the SHACL shapes (needs pyshacl).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def export_command(
    out_dir: str, formats: tuple[str, ...], to_dir: str | None, check_shapes: bool, quiet: bool
) -> None:
    """Export the graph a build wrote into OUTDIR as RDF, GraphML, GEXF, JSON or CSV.

    ttl (Turtle), nt (N-Triples) and jsonld (JSON-LD with a schema.org
    context) hold the RDF described in docs/rdf.md; graphml and gexf open in
    Gephi (lists and dicts as JSON text); json is node-link JSON, csv one row
    per claim.  Files are named graph.<format> (claims.csv for csv) and are
    written together, or not at all.

    \b
    Example:
      claimgraph export output --format jsonld --format graphml
      claimgraph export output -f nt -f gexf --to exports/
      claimgraph export output -f ttl --validate
    """
    from .export import export, load_graph
    from .rdf import validate

    try:
        paths = export(out_dir, formats, to_dir)
        report = validate(load_graph(out_dir)) if check_shapes else None
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)
    if not quiet:
        click.echo("wrote " + ", ".join(str(p) for p in paths))
    if report is not None:
        if report.conforms:
            if not quiet:
                click.echo("the RDF conforms to the SHACL shapes (graph/shapes.ttl)")
        else:
            click.echo(report.text, err=True)
            click.echo(
                f"claimgraph: error: {report.violations} SHACL violations in the RDF of "
                f"{out_dir}; please report them with the build that gave them",
                err=True,
            )
            sys.exit(1)


_SERVER_HELP = (
    "How the server lays out its endpoints: oxigraph (URL is the server: /query, /store), "
    "fuseki (URL is a dataset: /query, /data) or virtuoso (URL is the server: /sparql, "
    "/sparql-graph-crud-auth); see docs/sparql.md."
)
_server_option = click.option(
    "--server",
    type=click.Choice(["oxigraph", "fuseki", "virtuoso"]),
    default="oxigraph",
    show_default=True,
    help=_SERVER_HELP,
)


@cli.command("query")
@click.argument("args", nargs=-1, metavar="[OUTDIR] [SPARQL]")
@click.option(
    "--sparql",
    "sparql_url",
    metavar="URL",
    default=None,
    help="Run the query at this SPARQL server (where claimgraph push put the graph) "
    "instead of on OUTDIR, over the union of its named graphs.",
)
@_server_option
@click.option(
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="Read the SPARQL query from a file (see docs/queries/).",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME (a selected variable) to VALUE: a node id such as actor:china "
    "becomes its IRI, integers and YYYY-MM-DD dates typed literals, other text a string.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "csv", "tsv", "json"]),
    help="table for reading; csv, tsv and json are the SPARQL 1.1 result formats.",
)
def query_command(
    args: tuple[str, ...],
    sparql_url: str | None,
    server: str,
    query_file: str | None,
    params: tuple[str, ...],
    fmt: str,
) -> None:
    """Run a SPARQL query on the RDF a build wrote into OUTDIR (Oxigraph, in memory),
    or with --sparql URL on a SPARQL server the graph was pushed to.

    Give the query as an argument or with --file.  The prefixes cg, schema,
    prov, dcterms, skos, oa, rdf, rdfs, xsd and id need no PREFIX lines.
    In the table, graph nodes show as their ids (actor:china); csv and json
    give full IRIs.  On a server the answers and their formats are the same
    as on the build folder (docs/sparql.md).

    \b
    Example:
      claimgraph query output "SELECT ?claim ?text WHERE { ?claim a cg:ClaimInstance ; schema:text ?text } LIMIT 5"
      claimgraph query output --file docs/queries/duration-claims.rq --format csv
      claimgraph query output --file docs/queries/claims-by-speaker-about-actor.rq -p actor=actor:china
      claimgraph query --sparql http://localhost:7878 --file docs/queries/denials.rq
    """
    from .query import format_result, load_store, run_query

    if sparql_url is not None:
        if len(args) > 1:
            raise click.UsageError("give OUTDIR or --sparql URL, not both")
        out_dir, sparql = None, (args[0] if args else None)
    else:
        if not args:
            raise click.UsageError("give OUTDIR, the build folder to query, or --sparql URL")
        if len(args) > 2:
            raise click.UsageError("give OUTDIR and one SPARQL query (quote it)")
        out_dir, sparql = args[0], (args[1] if len(args) > 1 else None)
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the SPARQL query either as an argument or with --file")
    try:
        if query_file is not None:
            with open(query_file, encoding="utf-8") as fh:
                sparql = fh.read()
        if sparql_url is not None:
            from .sparql import remote_query

            text = format_result(remote_query(sparql_url, sparql or "", params, server=server), fmt)
        else:
            text = format_result(run_query(load_store(out_dir or ""), sparql or "", params), fmt)
        click.echo(text, nl=False)
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)


@cli.command("push")
@click.argument("out_dir", metavar="OUTDIR", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--sparql",
    "sparql_url",
    metavar="URL",
    required=True,
    help="The SPARQL server, e.g. http://localhost:7878 (oxigraph serve).",
)
@click.option(
    "--graph",
    "graph_base",
    metavar="IRI",
    default="https://w3id.org/claimgraph/graph/",
    show_default=True,
    help="Base of the named graphs' IRIs: IRI/doc/<document>, IRI/shared, IRI/manifest.",
)
@click.option(
    "--batch",
    default=50_000,
    show_default=True,
    type=click.IntRange(1),
    help="Triples per request: a larger graph goes as a PUT, then POSTs.",
)
@_server_option
@click.option(
    "--store-endpoint",
    "store_url",
    metavar="URL",
    default=None,
    help="The Graph Store Protocol endpoint, where it is not where --server puts it.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Send every graph, also those the server's manifest says it holds already.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def push_command(
    out_dir: str,
    sparql_url: str,
    graph_base: str,
    batch: int,
    server: str,
    store_url: str | None,
    force: bool,
    quiet: bool,
) -> None:
    """Load the graph built into OUTDIR into a SPARQL 1.1 server (Graph Store Protocol).

    One named graph per document (the document, its claims and all that
    hangs off them), one shared graph (actors, dates, claim families) and a
    manifest graph listing the graphs pushed with a digest of each.  Pushing
    again sends only the graphs that changed and deletes those of documents
    no longer built, so pushing twice leaves the same triples.  Query the
    server with claimgraph query --sparql URL.  Layout and the URL forms of
    Oxigraph, Fuseki and Virtuoso: docs/sparql.md.

    \b
    Example:
      oxigraph serve --location claims-db &
      claimgraph push output --sparql http://localhost:7878
      claimgraph query --sparql http://localhost:7878 --file docs/queries/denials.rq
    """
    from .sparql import push

    try:
        report = push(
            out_dir,
            sparql_url,
            graph_base=graph_base,
            batch=batch,
            server=server,
            store=store_url,
            force=force,
        )
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)
    if not quiet:
        click.echo(
            f"pushed {report.triples} triples of {report.documents} documents to {report.url}: "
            f"{len(report.written)} graphs written, {len(report.unchanged)} unchanged, "
            f"{len(report.deleted)} deleted ({report.requests} requests, {report.seconds:.1f} s)"
        )


@cli.command("match")
@click.argument("queries", type=click.Path(path_type=str))
@click.argument("candidates", type=click.Path(path_type=str))
@click.option(
    "--top",
    default=5,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Candidates written per query.",
)
@click.option(
    "--out",
    "out_path",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
    help="TREC run file to write ('-': standard output).",
)
@click.option("--tag", default="claimgraph", show_default=True, help="Run tag (last column).")
@click.option(
    "--embedding-model",
    default=None,
    help="Folder of a sentence-transformers model (default: packaged all-MiniLM-L6-v2).",
)
@click.option(
    "--cache",
    "cache_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder where embeddings (and the re-ranker's scores) are kept between runs.",
)
@click.option(
    "--reranker",
    default=None,
    help="Folder of the re-ranker that reads each query's best candidates; "
    "'none' to rank with the logistic model alone (default: the packaged one).",
)
def match_command(
    queries: str,
    candidates: str,
    top: int,
    out_path: str,
    tag: str,
    embedding_model: str | None,
    cache_dir: str | None,
    reranker: str | None,
) -> None:
    """Where have we seen this claim before? Rank CANDIDATES for each of QUERIES.

    QUERIES and CANDIDATES are TSV files (id<TAB>text a line), JSONL files
    ({"id": ..., "text": ...}; "title" and "subtitle" are matched too) or,
    for CANDIDATES, a build folder (its claims).  Writes a TREC run file:
    qid Q0 docid rank score tag, the score being the probability that the two
    state the same claim (the matcher of claimgraph build).

    \b
    Example:
      claimgraph match tweets.tsv factchecks.jsonl --top 5 --out run.txt
      claimgraph match new-statements.tsv output/ --top 3
    """
    from .match import match, read_statements, trec_run

    try:
        found = match(
            read_statements(queries),
            read_statements(candidates),
            top=top,
            embedding_model=embedding_model,
            cache=cache_dir,
            reranker=reranker,
        )
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)
    with click.open_file(out_path, "w", encoding="utf-8") as fh:
        fh.write(trec_run(found, tag))


@cli.command("families")
@click.argument(
    "out_dir", metavar="[OUTDIR]", default="output", type=click.Path(file_okay=False, path_type=str)
)
@click.option(
    "--family",
    "family_id",
    default=None,
    help="Show this family's variants in date order (id with or without 'family:').",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def families_command(out_dir: str, family_id: str | None, as_json: bool) -> None:
    """Print the claim families of the graph built into OUTDIR (default output/).

    The table gives each family's first and last appearance, its claims,
    documents and speakers (with counts), whether it is contested, its sides
    (who asserts, denies and reports the proposition) and its label (its most
    central asserting claim).  --family ID shows one family's variants in date
    order with their position (asserts, denies, reports) and claimant (whose
    claim it is: the one quoted, else the speaker), their figures, how each
    one changed (repeated, reworded, updated), whether a running count stays
    consistent, and the claims each one contests or is contested by.

    \b
    Example:
      claimgraph families output/
      claimgraph families output/ --family family:2019-07-10-china-mission-geneva-spokesperson-remarks-s12
    """
    from .export import load_graph
    from .families import family_table, family_variants, format_families, format_variants

    try:
        G = load_graph(out_dir)
        if family_id:
            family = family_variants(G, family_id)
            text = json.dumps(family, indent=1) + "\n" if as_json else format_variants(family)
        else:
            rows = family_table(G)
            text = json.dumps(rows, indent=1) + "\n" if as_json else format_families(rows)
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)
    click.echo(text, nl=False)


@cli.command("report")
@click.argument(
    "out_dir", metavar="[OUTDIR]", default="output", type=click.Path(file_okay=False, path_type=str)
)
@click.option(
    "--out",
    "report_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder the report is written to (default: OUTDIR/report).",
)
@click.option(
    "--top",
    default=20,
    show_default=True,
    type=click.IntRange(1, None),
    help="How many talking points to report.",
)
@click.option(
    "--variants",
    default=10,
    show_default=True,
    type=click.IntRange(0, None),
    help="How many appearances of each talking point to list (in date order).",
)
@click.option(
    "--speaker",
    default=None,
    help="Only talking points this actor (an id such as actor:donald-trump, or a name) "
    "states at least once.",
)
@click.option(
    "--since",
    callback=_iso_date,
    help="Only talking points seen on or after this date (YYYY-MM-DD).",
)
@click.option(
    "--until",
    callback=_iso_date,
    help="Only talking points seen on or before this date (YYYY-MM-DD).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def report_command(
    out_dir: str,
    report_dir: str | None,
    top: int,
    variants: int,
    speaker: str | None,
    since: datetime.date | None,
    until: datetime.date | None,
    quiet: bool,
) -> None:
    """Write a report of the top talking points of the graph built into OUTDIR (default output/).

    A static summary, fit to paste into a brief: report.md (Markdown) and
    report.html (one offline page, no script), with a timeline-<n>.svg per
    talking point.  Talking points are ranked as in explorer.html: by how
    many documents they appear in, then speakers, then claims.  Each gives
    its label, claims, documents and speakers, first and last seen, who
    asserts, denies and reports it, its timeline (undated appearances
    counted, not drawn) and its appearances in date order with the figures
    that changed marked.  The report folder is replaced whole, or not at
    all.  The same function as graph.api.report.

    \b
    Example:
      claimgraph report output/
      claimgraph report output/ --top 5 --out brief/
      claimgraph report debates/out --speaker "Donald Trump" --since 2017-01-01
    """
    from .brief import write_report

    try:
        path = write_report(
            out_dir,
            report_dir,
            top=top,
            variants=variants,
            speaker=speaker,
            since=since,
            until=until,
        )
    except ClaimgraphError as err:
        click.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(2)
    if not quiet:
        timelines = sum(1 for p in path.iterdir() if p.suffix == ".svg")
        click.echo(
            f"wrote {path / 'report.md'}, {path / 'report.html'} and "
            f"{timelines} timeline{'' if timelines == 1 else 's'} ({path}/timeline-N.svg)"
        )


if __name__ == "__main__":  # python -m graph.cli
    cli()
