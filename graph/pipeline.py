"""From paths to outputs: load, extract, link, build the graph, write every output together."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
from collections.abc import Callable, Iterable, Sequence

import networkx as nx

from extract.claims import EXTRACTOR_VERSION, extract_documents
from extract.errors import ClaimgraphError, DocumentError
from extract.load import iter_document_paths, load_document
from extract.records import Document, DocumentExtraction

from .build import build_graph
from .export import atomic_outputs, claims_csv, graph_json, turtle
from .link import DEFAULT_THRESHOLD, link_claims

__all__ = ["OUTPUT_FILES", "BuildReport", "NoDocuments", "build", "load_documents"]

#: What a build writes into its output folder.
OUTPUT_FILES = ("graph.json", "graph.ttl", "graph.html", "claims.csv", "build.json")


class NoDocuments(ClaimgraphError):
    """Nothing readable was found in the paths given."""

    code = "CG300"


@dataclasses.dataclass
class BuildReport:
    """What a build read, found and wrote."""

    documents: list[dict] = dataclasses.field(default_factory=list)
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    skipped: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    duplicates: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    files: list[str] = dataclasses.field(default_factory=list)

    @property
    def undated(self) -> list[str]:
        """Paths of documents with no publication date."""
        return [d["path"] for d in self.documents if d["published"] is None]

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "undated": self.undated,
            "failed": [{"path": p, "error": e} for p, e in self.failed],
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "duplicates": [{"path": p, "same_as": q} for p, q in self.duplicates],
            "counts": self.counts,
            "files": self.files,
        }


def load_documents(
    paths: Iterable[str | os.PathLike],
    report: BuildReport,
    *,
    strict: bool = False,
    published: datetime.date | None = None,
) -> list[Document]:
    """Load every supported file under ``paths``; failures and duplicates go to ``report``.

    Documents keep unique ids: when two file names give the same slug, the
    later path (in sorted order) gets ``-2``, ``-3`` ...
    """
    files, skipped = iter_document_paths(paths)
    report.skipped.extend((str(p), r) for p, r in skipped)
    documents: list[Document] = []
    by_hash: dict[str, Document] = {}
    used_ids: set[str] = set()
    for path in files:
        try:
            doc = load_document(path, published=published)
        except DocumentError as err:
            if strict:
                raise
            report.failed.append((str(path), err.message))
            continue
        if doc.sha256 in by_hash:
            report.duplicates.append((doc.path, by_hash[doc.sha256].path))
            continue
        by_hash[doc.sha256] = doc
        doc_id, n = doc.id, 2
        while doc_id in used_ids:
            doc_id, n = f"{doc.id}-{n}", n + 1
        used_ids.add(doc_id)
        documents.append(dataclasses.replace(doc, id=doc_id))
    return documents


def build(
    paths: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike = "output",
    *,
    model: str | None = None,
    embedding_model: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    strict: bool = False,
    published: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[nx.MultiDiGraph, BuildReport]:
    """Build the claim graph of the documents under ``paths`` and write it to ``out_dir``.

    Writes graph.json, graph.ttl, graph.html, claims.csv and build.json; all
    are written to a temporary folder first and moved into place together
    when every one is complete.

    Raises
    ------
    NoDocuments
        When no readable document was found (the output folder is untouched).
    DocumentError
        With ``strict=True``, at the first file that cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> G, report = build(["seeds"], tempfile.mkdtemp())
    >>> report.counts["documents"]
    2
    """
    from .view import render_view

    say = progress or (lambda _: None)
    report = BuildReport()
    documents = load_documents(paths, report, strict=strict, published=published)
    if not documents:
        where = ", ".join(str(p) for p in paths) or "(no paths)"
        raise NoDocuments(
            f"no readable .txt, .md, .html or .pdf document found in {where}; "
            "give files or folders that hold statements"
        )
    say(f"extracting {len(documents)} documents")
    extractions: list[DocumentExtraction] = list(extract_documents(documents, model=model))
    claims = [c for ex in extractions for c in ex.claims]
    published_on = {
        ex.document.id: ex.document.published.isoformat() if ex.document.published else None
        for ex in extractions
    }
    say(f"linking {len(claims)} claims")
    recurrences, families = link_claims(
        claims, published_on, threshold=threshold, model=embedding_model
    )
    G = build_graph(extractions, recurrences, families)
    for ex in sorted(extractions, key=lambda e: e.document.id):
        d = ex.document
        report.documents.append(
            {
                "id": d.id,
                "path": d.path,
                "title": d.title,
                "issuer": d.issuer,
                "published": d.published.isoformat() if d.published else None,
                "place": d.place,
                "sentences": len(ex.sentences),
                "claims": len(ex.claims),
            }
        )
    kinds = [a["kind"] for _, a in G.nodes(data=True)]
    report.counts = {
        "documents": len(documents),
        "claims": kinds.count("claim"),
        "actors": kinds.count("actor"),
        "dates": kinds.count("date"),
        "recurring_links": len(recurrences),
        "families": kinds.count("family"),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
    }
    say("writing outputs")
    with atomic_outputs(out_dir) as write:
        report.files = [
            str(write("graph.json", graph_json(G))),
            str(write("graph.ttl", turtle(G))),
            str(write("graph.html", render_view(G, title=_view_title(documents)))),
            str(write("claims.csv", claims_csv(G))),
        ]
        summary = report.as_dict() | {
            "extractor_version": EXTRACTOR_VERSION,
            "threshold": threshold,
        }
        report.files.append(
            str(write("build.json", json.dumps(summary, indent=1, sort_keys=True) + "\n"))
        )
    return G, report


def _view_title(documents: Sequence[Document]) -> str:
    dates = sorted(d.published.isoformat() for d in documents if d.published)
    span = f", {dates[0][:4]}–{dates[-1][:4]}" if dates else ""
    return f"claimgraph: {len(documents)} documents{span}"
