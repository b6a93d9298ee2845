"""Incremental linking (issue 15): a build that adds documents searches only the new
claims' neighbours, and writes what a cold build of the same inputs writes."""

from __future__ import annotations

import shutil
import sys

import numpy as np
import pytest
from conftest import DEBATES, ROOT, SEED_2019, SEED_2023, need_shared

import graph.match as match
from graph.match import (
    NO_SCORE,
    PreparedStatements,
    Statement,
    dense_neighbours,
    exact_neighbours,
    extend_neighbours,
)
from graph.pipeline import build

OUTPUTS = ("graph.json", "graph.ttl", "claims.csv", "graph.html", "explorer.html")


def _statements(vectors: np.ndarray, views: list[int]) -> PreparedStatements:
    """Statements with ``views[i]`` view rows each, taken in order from ``vectors``."""
    offsets = np.zeros(len(views) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(views)
    return PreparedStatements(
        [Statement(f"s{i:03d}", "") for i in range(len(views))],
        [[""] * v for v in views],
        offsets,
        vectors.astype(np.float32),
        [frozenset() for _ in views],
    )


def _subset(s: PreparedStatements, rows: np.ndarray) -> PreparedStatements:
    views = np.concatenate([np.arange(s.offsets[r], s.offsets[r + 1]) for r in rows])
    return _statements(s.vectors[views], [int(s.offsets[r + 1] - s.offsets[r]) for r in rows])


def _tied_vectors(rng: np.random.Generator, n_views: int, dim: int = 24) -> np.ndarray:
    """Unit vectors with exact duplicates (ties) and copies one float32 step apart
    (near-ties: the same once quantised)."""
    v = rng.standard_normal((n_views, dim)).astype(np.float32)
    v[1::5] = v[0::5][: len(v[1::5])]  # exact copies
    near = v[2::7].copy()
    near[:, 0] = np.nextafter(near[:, 0], np.float32(np.inf))
    v[3::7] = near[: len(v[3::7])]
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_merged_lists_equal_a_full_search_with_ties(seed):
    """Lists of some statements among themselves, extended with the others, equal a
    full search of all: the same neighbours, scores and order of ties."""
    rng = np.random.default_rng(seed)
    views = rng.integers(1, 4, size=90).tolist()
    s = _statements(_tied_vectors(rng, sum(views)), views)
    n = len(views)
    docs = rng.integers(0, 9, size=n)
    vague = rng.random(n) < 0.1

    def exclude(rows, cols):
        same = docs[rows][:, None] == docs[cols][None, :]
        return same | vague[rows][:, None] | vague[cols][None, :]

    k = 7
    full_idx, full_val = exact_neighbours(s, s, k, exclude=exclude)
    assert (full_val[:, :-1] >= full_val[:, 1:]).all()
    # ties occur, and between them the lower index comes first
    tied = (full_val[:, :-1] == full_val[:, 1:]) & (full_val[:, 1:] != NO_SCORE)
    assert tied.any()
    assert (full_idx[:, :-1][tied] < full_idx[:, 1:][tied]).all()
    assert (full_idx[vague] == -1).all()

    # the known statements are interleaved with the new ones, as sorted claim ids are
    known = np.sort(rng.choice(n, size=60, replace=False))
    sub = _subset(s, known)

    def exclude_sub(rows, cols):
        return exclude(known[rows], known[cols])

    old_idx, old_val = exact_neighbours(sub, sub, k, exclude=exclude_sub)
    old_idx = np.where(old_idx >= 0, known[np.maximum(old_idx, 0)], -1)
    idx, val = extend_neighbours(s, k, known, old_idx, old_val, exclude=exclude)
    assert np.array_equal(idx, full_idx)
    assert np.array_equal(val, full_val)


def test_few_known_statements_and_nothing_new():
    """Known lists shorter than k (fewer statements then), and no new statement at all."""
    rng = np.random.default_rng(5)
    s = _statements(_tied_vectors(rng, 12), [1] * 12)

    def not_self(rows, cols):
        return rows[:, None] == cols[None, :]

    known = np.array([1, 4, 6])
    sub = _subset(s, known)
    old_idx, old_val = exact_neighbours(sub, sub, 5, exclude=lambda r, c: not_self(r, c))
    assert old_idx.shape == (3, 3)
    old_idx = np.where(old_idx >= 0, known[np.maximum(old_idx, 0)], -1)
    idx, val = extend_neighbours(s, 5, known, old_idx, old_val, exclude=not_self)
    full = exact_neighbours(s, s, 5, exclude=not_self)
    assert np.array_equal(idx, full[0]) and np.array_equal(val, full[1])
    again = extend_neighbours(s, 5, np.arange(12), *full, exclude=not_self)
    assert np.array_equal(again[0], full[0]) and np.array_equal(again[1], full[1])


def test_exact_lists_do_not_depend_on_the_batch_where_float32_ones_do():
    """Float32 products of one query row and of a block of rows round differently
    (BLAS takes another kernel): at a near-tie a query's nearest candidate then
    depends on the queries searched with it.  The exact search does not."""
    rng = np.random.default_rng(7)
    dim = 384
    queries = rng.standard_normal((512, dim)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    base = rng.standard_normal(dim).astype(np.float32)
    base /= np.linalg.norm(base)
    q_all = _statements(queries, [1] * 512)
    q_one = _statements(queries[:1], [1])
    case = None
    for t in range(dim):
        nudged = base.copy()
        nudged[t] = np.nextafter(nudged[t], np.float32(np.inf))
        for pair in ((nudged, base), (base, nudged)):
            c = _statements(np.stack(pair), [1, 1])
            in_block = dense_neighbours(q_all, c, 1)[0][0]
            alone = dense_neighbours(q_one, c, 1)[0][0]
            if in_block[0] != alone[0]:
                case = c
                break
        if case is not None:
            break
    # on this BLAS, some 1-ulp nudge flips the float32 ranking between batch shapes
    assert case is not None, "float32 products agreed in every batch shape"
    in_block = dense_neighbours(q_all, case, 1, exact=True)
    alone = dense_neighbours(q_one, case, 1, exact=True)
    assert np.array_equal(in_block[0][:1], alone[0]) and np.array_equal(in_block[1][:1], alone[1])
    # the two candidates quantise alike: a tie, to the lower index
    assert in_block[0][0, 0] == 0


def _spy(monkeypatch) -> list[tuple[str, int]]:
    """Record which search linking runs: ('full', statements) or ('extend', new statements)."""
    calls: list[tuple[str, int]] = []
    full, extend = match.exact_neighbours, match.extend_neighbours

    def spy_full(queries, candidates, k, **kw):
        calls.append(("full", len(queries)))
        return full(queries, candidates, k, **kw)

    def spy_extend(statements, k, known, *rest, **kw):
        calls.append(("extend", len(statements) - len(known)))
        return extend(statements, k, known, *rest, **kw)

    monkeypatch.setattr(match, "exact_neighbours", spy_full)
    monkeypatch.setattr(match, "extend_neighbours", spy_extend)
    return calls


def _claims(out) -> int:
    import json

    return json.loads((out / "build.json").read_text("utf-8"))["counts"]["claims"]


@pytest.mark.slow
def test_stored_lists_are_ignored_after_a_document_is_removed_or_changed(tmp_path, monkeypatch):
    calls = _spy(monkeypatch)
    docs, out = tmp_path / "docs", tmp_path / "out"
    docs.mkdir()
    first, second = docs / SEED_2019.name, docs / SEED_2023.name
    shutil.copy(SEED_2019, first)
    shutil.copy(SEED_2023, second)
    build([docs], out, reranker="none")
    assert calls == [("full", _claims(out))]

    calls.clear()
    second.unlink()
    build([docs], out, reranker="none")
    assert calls == [("full", _claims(out))]  # removed: the stored claims are not all here

    calls.clear()
    text = first.read_text("utf-8")
    assert "firmly opposed" in text
    first.write_text(text.replace("firmly opposed", "strongly opposed"), "utf-8")
    build([docs], out, reranker="none")
    assert calls == [("full", _claims(out))]  # changed: a stored claim's vectors differ

    calls.clear()
    shutil.copy(SEED_2023, second)
    build([docs], out, reranker="none")
    added = _claims(out)
    assert calls and calls[0][0] == "extend" and 0 < calls[0][1] < added
    cold = tmp_path / "cold"
    build([docs], cold, reranker="none", use_cache=False)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (cold / name).read_bytes(), name


@pytest.mark.slow
def test_adding_documents_writes_what_a_cold_build_writes(tmp_path, monkeypatch):
    """Seeds' first file and two debate transcripts, then a third transcript and the
    seeds' second file added to the same folder: the outputs are byte for byte those
    of a cold build of all of them."""
    need_shared(DEBATES)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_build import transcripts_to_documents

    three = tmp_path / "three"
    three.mkdir()
    transcripts_to_documents(DEBATES, three, limit=3)
    transcripts = sorted(three.glob("*.txt"))
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED_2019, docs / SEED_2019.name)
    for path in transcripts[:2]:
        shutil.copy(path, docs / path.name)
        shutil.copy(path.with_name(path.name + ".meta.json"), docs / (path.name + ".meta.json"))
    calls = _spy(monkeypatch)
    out = tmp_path / "out"
    build([docs], out)
    before = _claims(out)
    shutil.copy(SEED_2023, docs / SEED_2023.name)
    path = transcripts[2]
    shutil.copy(path, docs / path.name)
    shutil.copy(path.with_name(path.name + ".meta.json"), docs / (path.name + ".meta.json"))
    calls.clear()
    build([docs], out)
    after = _claims(out)
    assert calls == [("extend", after - before)]
    cold = tmp_path / "cold"
    build([docs], cold, use_cache=False)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (cold / name).read_bytes(), name
