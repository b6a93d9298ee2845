"""CheckThat! 2022 Task 2A (English) with claimgraph's matcher: ranking figures and calibration.

The matcher (graph.match) ranks, for each tweet, the 14,231 verified claims
(fact-checks with ``vclaim``, ``title`` and ``subtitle``) and is scored with
MAP@1, MAP@5 and MRR (CheckThat! definitions) against the qrels.

Calibration (``--calibrate``) fits the matcher's logistic model on the
**train** split only and picks the RECURS decision threshold on train + dev
pairs; dev-test is never used for either.  For every train query the
candidate pool (50 nearest by embedding, 50 by BM25) gives feature rows;
positives are the qrels pairs, negatives every other pooled pair.  The
threshold is chosen on the pairs of train + dev queries restricted to each
query's top 5 (the hard negatives): F1 of "same claim" decisions is flat near
its best (0.778-0.781 from 0.25 to 0.40), and the lowest threshold within
0.005 of the best F1 is taken.  The figures it prints are pasted into
graph.match.DEFAULT_MODEL.

Embeddings are cached in benchmarks/cache/ (by model and text hash).

Usage:
  python benchmarks/checkthat.py            # dev-test figures
  python benchmarks/checkthat.py --split dev
  python benchmarks/checkthat.py --calibrate
"""

from __future__ import annotations

import argparse
import csv
import json
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHECKTHAT = ROOT.parent / "shared" / "benchmarks" / "checkthat2022-2a"
#: CheckThat! 2021 Task 2B: debate sentences against PolitiFact fact-checks
CHECKTHAT_2B = ROOT.parent / "shared" / "benchmarks" / "checkthat2021-2b"
CACHE = ROOT / "benchmarks" / "cache"

QUERY_FILES = {
    "train": "train/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
    "dev": "train/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
    "dev-test": "dev-test/CT2022-Task2A-EN-Dev-Test_Queries.tsv",
    "2b-train": "CT2022-Task2B-EN-Train-Dev_Queries.tsv",
    "2b-dev": "CT2022-Task2B-EN-Train-Dev_Queries.tsv",
}
QREL_FILES = {
    "train": "train/CT2022-Task2A-EN-Train_QRELs.tsv",
    "dev": "dev/CT2022-Task2A-EN-Dev_QRELs.tsv",
    "dev-test": "dev-test/CT2022-Task2A-EN-Dev-Test_QRELs.tsv",
    "2b-train": "CT2022-Task2B-EN-Train_QRELs.tsv",
    "2b-dev": "CT2022-Task2B-EN-Dev_QRELs.tsv",
}


def _folder(name: str) -> pathlib.Path:
    """The benchmark folder of a split: 2A (tweets) or 2B ("2b-" splits, debates)."""
    return CHECKTHAT_2B if name.startswith("2b-") else CHECKTHAT


def read_tsv(path: pathlib.Path) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def verified_claims(folder: pathlib.Path = CHECKTHAT):  # type: ignore[no-untyped-def]
    """The verified claims as matcher statements (claim text; title and subtitle as fields)."""
    from graph.match import Statement

    out = []
    for line in (folder / "vclaims.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        v = json.loads(line)
        fields = tuple(
            (v.get(f) or "").strip() for f in ("title", "subtitle") if (v.get(f) or "").strip()
        )
        out.append(Statement(v["vclaim_id"], v["vclaim"], fields=fields))
    return out


def split(name: str):  # type: ignore[no-untyped-def]
    """(queries as statements, qrels) of one split: train, dev or dev-test."""
    from graph.match import Statement

    qrels: dict[str, set[str]] = {}
    for row in read_tsv(_folder(name) / QREL_FILES[name]):
        qrels.setdefault(row[0], set()).add(row[2])
    texts = {row[0]: row[1] for row in read_tsv(_folder(name) / QUERY_FILES[name])}
    queries = [Statement(q, texts[q]) for q in sorted(qrels) if q in texts]
    return queries, {q.id: qrels[q.id] for q in queries}


def ranking_metrics(ranked: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict:
    """MAP@1, MAP@5 and MRR (CheckThat! definitions) of ranked candidate lists."""

    def average_precision(run: list[str], relevant: set[str], k: int) -> float:
        hits, total = 0, 0.0
        for i, doc in enumerate(run[:k], start=1):
            if doc in relevant:
                hits += 1
                total += hits / i
        return total / min(len(relevant), k) if relevant else 0.0

    def reciprocal_rank(run: list[str], relevant: set[str]) -> float:
        for i, doc in enumerate(run, start=1):
            if doc in relevant:
                return 1.0 / i
        return 0.0

    queries = sorted(qrels)
    return {
        "queries": len(queries),
        "map@1": round(
            float(np.mean([average_precision(ranked.get(q, []), qrels[q], 1) for q in queries])),
            4,
        ),
        "map@5": round(
            float(np.mean([average_precision(ranked.get(q, []), qrels[q], 5) for q in queries])),
            4,
        ),
        "mrr": round(
            float(np.mean([reciprocal_rank(ranked.get(q, []), qrels[q]) for q in queries])), 4
        ),
    }


_PREPARED: dict = {}

#: The decision threshold is the lowest whose F1 is within this of the best.
F1_SLACK = 0.005


def prepared_candidates(name: str = "train"):  # type: ignore[no-untyped-def]
    """The verified claims of the task of split ``name``, prepared (embedded) once."""
    from graph.match import prepare

    folder = _folder(name)
    if folder not in _PREPARED:
        _PREPARED[folder] = prepare(verified_claims(folder), cache=str(CACHE), parts=False)
    return _PREPARED[folder]


def evaluate(name: str = "dev-test", model=None) -> dict:  # type: ignore[no-untyped-def]
    """Rank the verified claims for the queries of split ``name``; MAP@1, MAP@5, MRR."""
    from graph.match import DEFAULT_MODEL, prepare, rank

    queries, qrels = split(name)
    prepared_q = prepare(queries, cache=str(CACHE))
    matches = rank(prepared_q, prepared_candidates(name), top=100, model=model or DEFAULT_MODEL)
    ranked: dict[str, list[str]] = {}
    for m in matches:
        ranked.setdefault(m.query, []).append(m.candidate)
    return {
        "split": name,
        "matcher": "graph.match: MiniLM views + BM25 pool, logistic model fused with the re-ranker",
    } | ranking_metrics(ranked, qrels)


def pool_features(name: str, pool: int = 50):  # type: ignore[no-untyped-def]
    """Feature rows, labels and (query, candidate) ids of every pooled pair of a split."""
    from graph.match import LexicalIndex, candidate_pairs, idf_table, pair_features, prepare

    queries, qrels = split(name)
    prepared_q = prepare(queries, cache=str(CACHE))
    cands = prepared_candidates(name)
    folder = _folder(name)
    lexicon = _PREPARED.setdefault(
        (folder, "lexicon"), LexicalIndex([sorted(w) for w in cands.words])
    )
    idf = _PREPARED.setdefault((folder, "idf"), idf_table(cands.words))
    pairs = candidate_pairs(prepared_q, cands, lexicon, pool)
    features = pair_features(prepared_q, cands, pairs, idf)
    qids = [prepared_q.statements[i].id for i in pairs[:, 0]]
    cids = [cands.statements[j].id for j in pairs[:, 1]]
    labels = np.array([c in qrels[q] for q, c in zip(qids, cids, strict=True)])
    return features, labels, qids, cids


def calibrate() -> dict:
    """Fit the logistic model on train; choose the threshold on train + dev top-5 pairs."""
    from sklearn.linear_model import LogisticRegression

    from graph.match import MatchModel

    X, y, qids, _ = pool_features("train")
    fit = LogisticRegression(C=10.0, max_iter=1000).fit(X, y)
    model = MatchModel(float(fit.intercept_[0]), tuple(float(w) for w in fit.coef_[0]))
    decisions = []
    for name in ("train", "dev"):
        Xs, ys, qs, _ = (X, y, qids, None) if name == "train" else pool_features(name)
        scores = model.score(Xs)
        by_query: dict[str, list[tuple[float, bool]]] = {}
        for q, s, label in zip(qs, scores.tolist(), ys.tolist(), strict=True):
            by_query.setdefault(q, []).append((s, label))
        for rows in by_query.values():
            decisions.extend(sorted(rows, reverse=True)[:5])
    scores = np.array([s for s, _ in decisions])
    labels = np.array([label for _, label in decisions])
    curve = []
    for t in np.arange(0.05, 0.96, 0.01):
        predicted = scores >= t
        tp = int((predicted & labels).sum())
        if tp:
            p, r = tp / predicted.sum(), tp / labels.sum()
            curve.append((round(float(t), 2), 2 * p * r / (p + r), p, r))
    best = max(f1 for _, f1, _, _ in curve)
    # F1 is flat near its top: take the lowest threshold within F1_SLACK of the best,
    # since a missed recurrence hides a talking point while an extra link is shown
    # with its evidence and can be dismissed
    t, f1, p, r = min(row for row in curve if row[1] >= best - F1_SLACK)
    return {
        "intercept": round(model.intercept, 4),
        "weights": [round(w, 4) for w in model.weights],
        "threshold": t,
        "threshold_f1": round(f1, 4),
        "threshold_precision": round(p, 4),
        "threshold_recall": round(r, 4),
        "best_f1": round(best, 4),
        "pairs": len(y),
        "positives": int(y.sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="dev-test", choices=sorted(QREL_FILES))
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    if args.calibrate:
        print(json.dumps(calibrate(), indent=1))
        return
    result = evaluate(args.split)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
