"""The ``claimgraph`` command line: thin click commands over library functions."""

from __future__ import annotations

import datetime
import json
import sys

import click

from extract.errors import ClaimgraphError

from . import __version__
from .link import DEFAULT_THRESHOLD

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
    default=DEFAULT_THRESHOLD,
    show_default=True,
    type=click.FloatRange(0.0, 1.0),
    help="Similarity at or above which two claims of different documents recur.",
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
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be read.")
@click.option(
    "--keep-going",
    is_flag=True,
    help="Exit 0 even when some files could not be read (they are still reported).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the build summary as JSON.")
def build(
    paths: tuple[str, ...],
    out_dir: str,
    threshold: float,
    published: datetime.date | None,
    model: str | None,
    embedding_model: str | None,
    strict: bool,
    keep_going: bool,
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
            f"{c['families']} claim families"
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


if __name__ == "__main__":  # python -m graph.cli
    cli()
