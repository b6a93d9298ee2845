"""Shared fixtures: the seeds, built once per session; models load offline."""

from __future__ import annotations

import os
import pathlib

# Models come from installed packages; a test must never reach a hub.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import pytest  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_2019 = SEEDS / "2019-07-10_china-mission-geneva_spokesperson-remarks.txt"
SEED_2023 = SEEDS / "2023-09-14_china-mission-new-york_note-verbale.txt"
DATA = pathlib.Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_extractions():
    """Extraction records of both seeds, by file stem year ("2019", "2023")."""
    from extract.claims import extract_documents
    from extract.load import load_document

    docs = [load_document(SEED_2019), load_document(SEED_2023)]
    results = list(extract_documents(docs))
    return {"2019": results[0], "2023": results[1]}


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built by the library entry point into a temporary folder: (G, report, out)."""
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    G, report = build([SEEDS], out)
    return G, report, out


def claim_with(G, fragment: str) -> str:
    """Id of the one claim node whose text contains ``fragment``."""
    found = [n for n, a in G.nodes(data=True) if a["kind"] == "claim" and fragment in a["text"]]
    assert len(found) == 1, f"{len(found)} claims contain {fragment!r}"
    return found[0]


def need_shared(path: pathlib.Path) -> None:
    """Data of ../shared that a test reads: outside CI a missing file skips the test;
    in CI it fails, so no test passes by being skipped."""
    if not path.exists():
        message = f"{path} is not here: it must sit in ../shared (see ../shared/*/README.md)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


DEBATES = ROOT.parent / "shared" / "corpora" / "debates"


def debate_line(filename: str, line_number: int):
    """(date of the transcript, text of one line) from ../shared/corpora/debates.

    Outside CI a missing corpus skips the test; in CI it fails, so no test
    passes by being skipped.
    """
    import datetime

    path = DEBATES / filename
    need_shared(path)
    stamp = filename[:8]
    anchor = datetime.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:]))
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            number, _speaker, text, *_ = line.rstrip("\n").split("\t")
            if int(number) == line_number:
                return anchor, text
    raise AssertionError(f"no line {line_number} in {path}")


CONTESTED = DATA / "contested"


@pytest.fixture(scope="session")
def contested_build(tmp_path_factory):
    """A contested proposition built by the library: (G, report, out).

    Four documents written for the tests (tests/data/contested): Human Rights
    Watch reports that the police detained more than 3,000 protesters
    (2021-03-01) and, later, more than 4,000 (2021-04-10, a recurrence); the
    foreign ministry calls the allegation groundless (2021-03-05, a rebuttal);
    a newspaper quotes the ambassador saying the same (claimant: the
    ambassador, not the newspaper) and relays "reports say that ..." (2021-03-08).
    The linker reads them with its logistic model alone, as it does without a
    re-ranker.
    """
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("contested-build")
    G, report = build([CONTESTED], out, reranker="none", use_cache=False)
    return G, report, out


def kill_build_and_find_live_workers(command, *, env, at_least: int, settle: float, timeout: float):
    """Start a build (``command``), wait for ``at_least`` of its worker processes (spawned
    children), wait ``settle`` seconds, ``kill -9`` the build, and return the workers still
    running 5 s later (killed before returning, so none is left behind)."""
    import signal
    import subprocess
    import time

    import psutil

    proc = subprocess.Popen(command, cwd=ROOT, env=env)
    parent = psutil.Process(proc.pid)
    workers: list = []
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        workers = [
            c for c in parent.children(recursive=True) if "spawn_main" in " ".join(c.cmdline())
        ]
        if len(workers) >= at_least:
            break
        time.sleep(0.05)
    assert len(workers) >= at_least, "the build never started its worker processes"
    time.sleep(settle)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = time.monotonic()
    alive = workers
    while alive and time.monotonic() - killed_at < 5.0:
        time.sleep(0.1)
        alive = [w for w in alive if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
    for w in alive:
        w.kill()
    return alive
