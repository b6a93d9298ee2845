"""From paths to outputs: load, extract, link, build the graph, write every output together."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
import pathlib
import sys
from collections.abc import Callable, Iterable, Sequence

import networkx as nx
import numpy as np

from extract.cache import ExtractionCache, extraction_key
from extract.claims import EXTRACTOR_VERSION, extract_documents
from extract.errors import ClaimgraphError, DocumentError
from extract.load import iter_document_paths, load_document
from extract.nlp import pipeline_name
from extract.records import Document, DocumentExtraction

from .build import build_graph
from .export import claims_csv, graph_json, turtle
from .link import claim_statements, claim_text, default_threshold, link_claims
from .outputs import atomic_outputs

__all__ = ["OUTPUT_FILES", "BuildReport", "NoDocuments", "build", "load_documents"]

#: Where a build keeps its cache, inside the output folder unless told otherwise.
CACHE_FOLDER = ".cache"

#: Larger files are refused (reported, not read): parsing holds a document in
#: memory several times over.
DEFAULT_MAX_BYTES = 5_000_000

#: With ``jobs=None``, extraction runs in parallel from this many documents on.
AUTO_JOBS_MIN_DOCUMENTS = 8

#: Parsing and embedding overlap (parsing in a worker process) from this much
#: text to extract on: below it, starting a worker costs more than it saves.
OVERLAP_MIN_CHARACTERS = 200_000

#: What a build writes into its output folder.
OUTPUT_FILES = (
    "graph.json",
    "graph.ttl",
    "graph.html",
    "explorer.html",
    "claims.csv",
    "build.json",
)


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
    max_bytes: int | None = None,
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
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    for path in files:
        try:
            try:
                size = path.stat().st_size
            except OSError as err:
                if path.is_symlink():
                    message = f"broken symbolic link to {os.readlink(path)}; fix or remove the link"
                else:
                    message = f"cannot read it ({err.strerror or err}); check the path and its permissions"
                raise DocumentError(message, str(path)) from err
            if size > limit:
                raise DocumentError(
                    f"{size / 1e6:.0f} MB is more than the {limit / 1e6:.0f} MB a document may have; "
                    "split it into documents, or raise the limit with --max-size",
                    str(path),
                )
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
    threshold: float | None = None,
    strict: bool = False,
    published: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = 1,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    bars: bool = False,
    max_bytes: int | None = None,
    reranker: str | None = None,
    scheduler: str | None = None,
) -> tuple[nx.MultiDiGraph, BuildReport]:
    """Build the claim graph of the documents under ``paths`` and write it to ``out_dir``.

    Writes graph.json, graph.ttl, graph.html, explorer.html, claims.csv and
    build.json; all are written to a temporary folder first and moved into
    place together when every one is complete.

    Extraction results and claim embeddings are cached in ``cache_dir``
    (default ``out_dir/.cache``) by content hash, extractor version and
    models, so a rebuild re-extracts only new or changed documents.
    ``jobs`` worker processes extract in parallel (same result as one).
    With ``scheduler`` (``tcp://HOST:8786`` or ``local:N``) the documents to
    extract go to the workers of a Dask cluster instead
    (:mod:`graph.distributed`); the outputs are the same.

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
    from .explorer import render_explorer
    from .view import render_view

    say = progress or (lambda _: None)
    report = BuildReport()
    documents = load_documents(
        paths, report, strict=strict, published=published, max_bytes=max_bytes
    )
    if not documents:
        where = ", ".join(str(p) for p in paths) or "(no paths)"
        raise NoDocuments(
            f"no readable .txt, .md, .html or .pdf document found in {where}; "
            "give files or folders that hold statements"
        )
    cache_root = pathlib.Path(cache_dir) if cache_dir else pathlib.Path(out_dir) / CACHE_FOLDER
    cache = ExtractionCache(cache_root) if use_cache else None
    model_tag = _pipeline_tag(model)
    keys = [extraction_key(d, EXTRACTOR_VERSION, model_tag) for d in documents]
    extractions: list[DocumentExtraction | None] = [None] * len(documents)
    if cache is not None:
        for i, (document, key) in enumerate(zip(documents, keys, strict=True)):
            hit = cache.get(key)
            if hit is not None:
                # the same content under the same id: only where it lies may differ
                extractions[i] = dataclasses.replace(hit, document=document)
    todo = [i for i, ex in enumerate(extractions) if ex is None]
    say(
        f"extracting {len(todo)} of {len(documents)} documents ({len(documents) - len(todo)} cached)"
    )
    if jobs is None:
        # worker processes each load spaCy (seconds): worth it for many documents only
        jobs = (os.cpu_count() or 1) if len(todo) >= AUTO_JOBS_MIN_DOCUMENTS else 1
    embedder = _Embedder(cache_root if use_cache else None, embedding_model)
    for i, extraction in enumerate(extractions):
        if extraction is not None:
            embedder.load(i, extraction, keys[i])
    # Parsing (spaCy, one core per job) and embedding (torch) overlap: with
    # enough text, documents are parsed in worker processes while this
    # process embeds the claims of those already parsed, one document at a
    # time, in document order (so the result does not depend on timing).
    overlap = len(todo) >= 2 and sum(len(documents[i].text) for i in todo) >= OVERLAP_MIN_CHARACTERS
    running = [len(todo)]

    def finished() -> None:
        running[0] -= 1

    if scheduler is not None:
        from .distributed import extract_on_cluster

        # the cluster parses; this process embeds each result as it comes, in
        # document order, on one core while the cluster works (as with overlap)
        overlap = True
        fresh: Iterable[DocumentExtraction] = extract_on_cluster(
            [documents[i] for i in todo], model=model, scheduler=scheduler, on_done=finished
        )
    else:
        fresh = extract_documents(
            [documents[i] for i in todo],
            model=model,
            jobs=jobs,
            workers=overlap,
            on_done=finished if overlap else None,
        )
    for i, extraction in zip(todo, _bar(fresh, bars, len(todo), "extract"), strict=True):
        extractions[i] = extraction
        if cache is not None:
            cache.put(keys[i], extraction)
        if overlap:
            # one core for torch while the workers parse, all once they are done
            embedder.embed(i, extraction, keys[i], threads=1 if running[0] > 0 else None)
    done: list[DocumentExtraction] = [ex for ex in extractions if ex is not None]
    for i, extraction in enumerate(done):  # every document is extracted: i is its index
        if not embedder.has(i):
            embedder.embed(i, extraction, keys[i])
    claims = [c for ex in done for c in ex.claims]
    published_on = {
        ex.document.id: ex.document.published.isoformat() if ex.document.published else None
        for ex in done
    }
    say(f"linking {len(claims)} claims")
    vectors, view_vectors = embedder.result(len(done))
    if threshold is None:
        threshold = default_threshold(reranker)
    recurrences, families = link_claims(
        claims,
        published_on,
        threshold=threshold,
        model=embedding_model,
        vectors=vectors,
        view_vectors=view_vectors,
        reranker=reranker,
        rerank_cache=str(cache_root / "rerank") if use_cache else None,
        neighbour_cache=str(cache_root / "neighbours") if use_cache else None,
    )
    G = build_graph(done, recurrences, families)
    for ex in sorted(done, key=lambda e: e.document.id):
        d = ex.document
        report.documents.append(
            {
                "id": d.id,
                "path": d.path,
                "title": d.title,
                "issuer": d.issuer,
                "published": d.published.isoformat() if d.published else None,
                "published_by": d.published_by,
                "url": d.url,
                "place": d.place,
                "sentences": len(ex.sentences),
                "claims": len(ex.claims),
            }
        )
    kinds = [a["kind"] for _, a in G.nodes(data=True)]
    report.counts = {
        "documents": len(documents),
        "extracted": len(todo),
        "from_cache": len(documents) - len(todo),
        "claims": kinds.count("claim"),
        "actors": kinds.count("actor"),
        "dates": kinds.count("date"),
        "recurring_links": sum(1 for r in recurrences if r.kind == "RECURS"),
        "contesting_links": sum(1 for r in recurrences if r.kind == "CONTESTS"),
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
            str(write("explorer.html", render_explorer(G, title=_view_title(documents)))),
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


def _pipeline_tag(model: str | None) -> str:
    """Name and version of the spaCy pipeline: part of the extraction cache key."""
    import importlib.metadata

    name = pipeline_name(model)
    try:
        version = importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"{name} {version}"


def _bar(items: Iterable, enabled: bool, total: int, what: str) -> Iterable:
    """A progress bar on stderr around ``items`` when ``enabled``."""
    if not enabled or total == 0:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=what, unit="doc", file=sys.stderr, leave=False)


class _Embedder:
    """Embeddings of every claim's text (:func:`graph.link.claim_text`) and of its
    further views (parts, paraphrases: :func:`graph.match.statement_views`),
    one document at a time, cached per document.

    A document's texts are embedded as one batch of their own, so its vectors
    do not depend on which other documents are built with it; a text already
    embedded for an earlier document of the build (a talking point repeated
    word for word) is not embedded again.
    """

    def __init__(self, cache_root: pathlib.Path | None, model: str | None) -> None:
        from .embed import embedding_model_path

        self.cache_root = cache_root
        self.model = model
        self.model_tag = hashlib.sha256(embedding_model_path(model).encode()).hexdigest()[:12]
        self.blocks: dict[int, tuple[np.ndarray, list[str], np.ndarray]] = {}
        self.seen: dict[str, np.ndarray] = {}

    def has(self, index: int) -> bool:
        return index in self.blocks

    def _path(self, key: str) -> pathlib.Path:
        assert self.cache_root is not None
        return self.cache_root / "embed" / key[:2] / f"{key}-{self.model_tag}.npz"

    @staticmethod
    def _texts(extraction: DocumentExtraction) -> tuple[list[str], list[str]]:
        """The claims' texts, in claim order, and their further views (each once)."""
        from .match import statement_views

        whole = [claim_text(c) for c in extraction.claims]
        extra = [v for s in claim_statements(extraction.claims) for v in statement_views(s)[1:]]
        return whole, list(dict.fromkeys(extra))

    @staticmethod
    def _digest(texts: Sequence[str]) -> np.ndarray:
        return np.frombuffer(hashlib.sha256("\n".join(texts).encode()).digest(), dtype=np.uint8)

    def load(self, index: int, extraction: DocumentExtraction, key: str) -> bool:
        """Take a document's vectors from the cache (False: not there, or stale)."""
        if self.cache_root is None:
            return False
        return self._load(index, key, *self._texts(extraction))

    def _load(self, index: int, key: str, whole: list[str], extra: list[str]) -> bool:
        if self.cache_root is None:
            return False
        try:
            with np.load(self._path(key), allow_pickle=False) as stored:
                claims, views, digest = stored["claims"], stored["views"], stored["digest"]
        except (OSError, ValueError, KeyError):
            return False
        if (
            claims.shape[0] != len(whole)
            or views.shape[0] != len(extra)
            or not np.array_equal(digest, self._digest([*whole, "", *extra]))
        ):
            return False
        self.blocks[index] = (claims.astype(np.float32), extra, views.astype(np.float32))
        return True

    def embed(
        self,
        index: int,
        extraction: DocumentExtraction,
        key: str,
        *,
        threads: int | None = None,
    ) -> None:
        """Embed a document's texts (on ``threads`` torch threads), and cache them."""
        from .embed import embed_texts

        whole, extra = self._texts(extraction)
        if self._load(index, key, whole, extra):
            return
        new = [t for t in dict.fromkeys([*whole, *extra]) if t not in self.seen]
        if new:
            import torch

            before = torch.get_num_threads()
            if threads:
                torch.set_num_threads(threads)
            try:
                fresh = embed_texts(new, model=self.model)
            finally:
                torch.set_num_threads(before)
            self.seen.update(zip(new, fresh, strict=True))
        dim = next(iter(self.seen.values())).shape[0] if self.seen else 384
        claims = np.array([self.seen[t] for t in whole], np.float32).reshape(-1, dim)
        views = np.array([self.seen[t] for t in extra], np.float32).reshape(-1, dim)
        self.blocks[index] = (claims, extra, views)
        if self.cache_root is not None:
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
            with open(tmp, "wb") as fh:
                np.savez(fh, claims=claims, views=views, digest=self._digest([*whole, "", *extra]))
            os.replace(tmp, path)

    def result(self, count: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Claim vectors of documents ``0..count-1`` in claim order, and view vectors by text."""
        blocks = [self.blocks[i][0] for i in range(count) if self.blocks[i][0].shape[0]]
        vectors = (
            np.concatenate(blocks).astype(np.float32, copy=False)
            if blocks
            else np.zeros((0, 384), np.float32)
        )
        views: dict[str, np.ndarray] = {}
        for i in range(count):
            _, texts, rows = self.blocks[i]
            for text, row in zip(texts, rows, strict=True):
                views.setdefault(text, row)
        return vectors, views


def _view_title(documents: Sequence[Document]) -> str:
    dates = sorted(d.published.isoformat() for d in documents if d.published)
    span = f", {dates[0][:4]}–{dates[-1][:4]}" if dates else ""
    return f"claimgraph: {len(documents)} documents{span}"
