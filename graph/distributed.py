"""Extraction on a Dask cluster: ``claimgraph build PATHS --scheduler tcp://HOST:8786``.

The documents a build has to extract (those not in its cache) are sent to
the workers of a ``dask.distributed`` scheduler, one task per document; each
worker loads the spaCy pipeline once (:class:`PreloadPipeline`, a
``WorkerPlugin``) and runs the same extraction as a local build
(``extract.claims.extract_document``).  The results come back to the build
process in document order, where they are cached, embedded and linked as in
a local build, so the outputs are the same, byte for byte.

``--scheduler local:N`` starts a ``LocalCluster`` of N worker processes (one
thread each) for the build and stops it afterwards.  Only the build process
reads and writes the cache: workers need neither the cache folder nor the
input files (documents travel as loaded text).

Needs the ``distributed`` package (``pip install 'claimgraph[cluster]'``).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from extract.errors import ClaimgraphError
from extract.records import Document, DocumentExtraction

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # without distributed, cluster_client says what to install
    WorkerPlugin = object  # type: ignore[assignment,misc]

__all__ = ["SchedulerError", "PreloadPipeline", "cluster_client", "extract_on_cluster"]

_LOCAL = re.compile(r"local(?::(?P<workers>\d{1,3}))?\Z")


class SchedulerError(ClaimgraphError):
    """The Dask scheduler cannot be reached or started, or ``distributed`` is missing."""

    code = "CG520"


class PreloadPipeline(WorkerPlugin):  # type: ignore[misc,valid-type]
    """A Dask ``WorkerPlugin`` that loads the spaCy pipeline once per worker, at start."""

    name = "claimgraph-spacy"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        from extract.nlp import load_pipeline

        load_pipeline(self.model)

    def teardown(self, worker: Any) -> None:
        pass


def _extract(document: Document, model: str | None) -> DocumentExtraction:
    from extract.claims import extract_document
    from extract.nlp import load_pipeline

    nlp = load_pipeline(model)  # loaded by the plugin: cached
    return extract_document(document, nlp(document.text))


def _torch_threads(threads: int | None = None) -> int | None:
    """torch's thread count if torch is loaded (set to ``threads`` when given), else None."""
    torch = sys.modules.get("torch")
    if torch is None:
        return None
    if threads is not None:
        torch.set_num_threads(threads)
    return int(torch.get_num_threads())


@contextlib.contextmanager
def cluster_client(scheduler: str) -> Iterator[Any]:
    """A ``distributed.Client`` of ``scheduler``: ``tcp://host:port`` (a running
    scheduler) or ``local:N`` (a LocalCluster of N processes, stopped on exit)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise SchedulerError(
            "--scheduler needs the 'distributed' package; run `pip install 'claimgraph[cluster]'`"
        ) from err
    local = _LOCAL.match(scheduler)
    if local:
        workers = int(local["workers"] or 2)
        if workers < 1:
            raise SchedulerError(f"--scheduler {scheduler}: give at least one worker (local:2)")
        # Starting the nannies sets OMP_NUM_THREADS=1 (and the like) in *this*
        # process's environment, meant for the workers: torch, which embeds and
        # re-ranks here, would then run on one core for the whole build
        saved = dict(os.environ)
        threads = _torch_threads()
        try:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,
            )
        finally:
            os.environ.clear()
            os.environ.update(saved)
            _torch_threads(threads)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    if not re.match(r"(?:tcp|tls|ws|wss|inproc)://\S+\Z", scheduler):
        raise SchedulerError(
            f"--scheduler {scheduler!r}: give a scheduler address (tcp://HOST:8786) or local:N"
        )
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as err:
        raise SchedulerError(
            f"cannot reach the Dask scheduler at {scheduler} ({err}); start it "
            "(`dask scheduler`, then `dask worker` on each machine) or use --scheduler local:N"
        ) from err
    with client:
        yield client


def extract_on_cluster(
    documents: Sequence[Document],
    *,
    model: str | None,
    scheduler: str,
    on_done: Callable[[], None] | None = None,
) -> Iterator[DocumentExtraction]:
    """Extract ``documents`` on the cluster's workers; results in document order.

    ``on_done`` is called (from another thread) each time a worker finishes a
    document, whatever its place in the order: the build embeds on one core
    while documents are still being parsed, on all once none is."""
    if not documents:
        return
    with cluster_client(scheduler) as client:
        client.register_plugin(PreloadPipeline(model), name=PreloadPipeline.name)
        futures = client.map(
            _extract,
            list(documents),
            model=model,
            key=[f"claimgraph-extract-{d.sha256}-{n}" for n, d in enumerate(documents)],
            pure=False,
        )
        if on_done is not None:
            for future in futures:
                future.add_done_callback(lambda _: on_done())
        try:
            for future in futures:
                yield future.result()
        finally:
            client.cancel(futures)
