"""Extraction on a Dask cluster (issue 15): the same outputs, byte for byte, as a local build."""

from __future__ import annotations

import pathlib
import sys

import pytest
from conftest import DEBATES, ROOT, SEEDS, kill_build_and_find_live_workers, need_shared

# the Oxigraph server fixtures of the SPARQL tests (imported fixtures are used by name)
from test_sparql_server import (  # noqa: F401
    cli_run,
    comparable,
    oxigraph_server,
    server,
    server_drop,
)

from graph.distributed import SchedulerError, cluster_client
from graph.pipeline import build

OUTPUTS = ("graph.json", "graph.ttl", "graph.html", "explorer.html", "claims.csv")


def _same_outputs(a: pathlib.Path, b: pathlib.Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.mark.slow
def test_seeds_and_a_debate_slice_on_a_local_cluster_match_a_local_build(tmp_path, server):  # noqa: F811
    """Built both ways, pushed to a SPARQL server and queried there: the same graph, the same
    answers (issue 15's check of a cluster build and the server together)."""
    need_shared(DEBATES)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_build import transcripts_to_documents

    slice_ = tmp_path / "debates"
    slice_.mkdir()
    transcripts_to_documents(DEBATES, slice_, limit=2)
    inputs = [SEEDS, slice_]
    local, cluster = tmp_path / "local", tmp_path / "cluster"
    _, local_report = build(inputs, local, use_cache=False)
    _, cluster_report = build(inputs, cluster, use_cache=False, scheduler="local:2")
    assert cluster_report.counts == local_report.counts
    assert cluster_report.counts["documents"] == 4
    _same_outputs(local, cluster)
    query = ROOT / "docs" / "queries" / "who-repeats-whose-claims.rq"
    on_folder = cli_run("query", str(local), "--file", str(query), "-f", "csv")
    assert on_folder.exit_code == 0, on_folder.output
    assert len(on_folder.output.splitlines()) > 1  # the slice has recurring claims
    for out in (local, cluster):
        server_drop(server)
        pushed = cli_run("push", str(out), "--sparql", server, "--quiet")
        assert pushed.exit_code == 0, pushed.output
        answered = cli_run("query", "--sparql", server, "--file", str(query), "-f", "csv")
        assert answered.exit_code == 0, answered.output
        sparql = query.read_text("utf-8")
        assert comparable(answered.output, sparql) == comparable(on_folder.output, sparql)


@pytest.mark.parametrize(
    ("scheduler", "message"),
    [
        ("somewhere", "give a scheduler address"),
        ("local:0", "at least one worker"),
        ("tcp://127.0.0.1:9", "cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
    ],
)
def test_a_bad_scheduler_is_one_clear_error(scheduler, message):
    with pytest.raises(SchedulerError, match=message), cluster_client(scheduler):
        pass


@pytest.mark.slow
def test_cluster_workers_die_with_a_killed_build(tmp_path):
    """kill -9 of a build on a LocalCluster leaves none of its worker processes running."""
    import os

    script = (
        "from graph.pipeline import build\n"
        "if __name__ == '__main__':\n"
        f"    build([{str(SEEDS)!r}], {str(tmp_path / 'out')!r}, use_cache=False,"
        " scheduler='local:2')\n"
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    alive = kill_build_and_find_live_workers(
        [sys.executable, "-c", script], env=env, at_least=2, settle=0.0, timeout=90
    )
    assert not alive, f"{len(alive)} cluster worker(s) still running 5 s after kill -9"


@pytest.mark.slow
def test_a_local_cluster_leaves_the_build_process_its_threads(monkeypatch):
    # the nannies' OMP_NUM_THREADS=1 is for the workers: the build process embeds
    # and re-ranks with torch, which would otherwise run on one core throughout
    import os

    import torch

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    before = torch.get_num_threads()
    with cluster_client("local:1") as client:
        assert "OMP_NUM_THREADS" not in os.environ
        assert torch.get_num_threads() == before
        on_workers = client.run(lambda: __import__("os").environ.get("OMP_NUM_THREADS"))
        assert set(on_workers.values()) == {"1"}
