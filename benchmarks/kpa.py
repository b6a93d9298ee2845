"""IBM ArgKP-2021 key point matching, Track 1, run through ``claimgraph match``.

For every topic and stance of a split, the arguments are the queries and
that group's key points the candidates: both are written as TSV files and
ranked by the ``claimgraph match`` command (the matcher ``claimgraph build``
links with), every key point of the group kept (``--top`` = their number).
The scores of the run files are the predictions.

Scoring follows the shared task's Track 1 definition: each argument keeps
only its best-scoring key point; within each topic and stance the pairs are
ranked by score and the upper half kept; the group's score is the average
precision of the kept pairs (scikit-learn's ``average_precision_score``);
pairs absent from the labels (annotators undecided) are wrong in the strict
score and right in the relaxed one; each figure is the mean over groups.
Arguments the run gives no key point count as unmatched.

Train is what the re-ranker learned from (benchmarks/train_reranker.py); dev
is never trained on.  The test split is not here.

Usage: python benchmarks/kpa.py [--split dev]
"""

from __future__ import annotations

import argparse
import csv
import json
import pathlib
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
KPA = ROOT.parent / "shared" / "benchmarks" / "kpa2021"
CACHE = ROOT / "benchmarks" / "cache"


def _rows(name: str, split: str) -> list[dict]:
    with open(KPA / f"{name}_{split}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _tsv(rows: list[tuple[str, str]]) -> str:
    return "".join(f"{i}\t{' '.join(t.split())}\n" for i, t in rows)


def predictions(split: str = "dev") -> dict[str, dict[str, float]]:
    """{arg_id: {key_point_id: score}} from ``claimgraph match``, group by group."""
    from click.testing import CliRunner

    from graph.cli import cli

    args = _rows("arguments", split)
    kps = _rows("key_points", split)
    groups = sorted({(a["topic"], a["stance"]) for a in args})
    out: dict[str, dict[str, float]] = {}
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        for n, (topic, stance) in enumerate(groups):
            queries = [
                (a["arg_id"], a["argument"])
                for a in args
                if (a["topic"], a["stance"]) == (topic, stance)
            ]
            cands = [
                (k["key_point_id"], k["key_point"])
                for k in kps
                if (k["topic"], k["stance"]) == (topic, stance)
            ]
            (folder / f"q{n}.tsv").write_text(_tsv(queries), "utf-8")
            (folder / f"c{n}.tsv").write_text(_tsv(cands), "utf-8")
            result = runner.invoke(
                cli,
                [
                    "match",
                    str(folder / f"q{n}.tsv"),
                    str(folder / f"c{n}.tsv"),
                    "--top",
                    str(len(cands)),
                    "--out",
                    str(folder / f"run{n}.txt"),
                    "--cache",
                    str(CACHE),
                ],
                catch_exceptions=False,
            )
            if result.exit_code:
                raise SystemExit(f"claimgraph match failed: {result.output}")
            for line in (folder / f"run{n}.txt").read_text("utf-8").splitlines():
                qid, _, cid, _, score, _ = line.split()
                out.setdefault(qid, {})[cid] = float(score)
    return out


def track1(split: str, preds: dict[str, dict[str, float]]) -> dict:
    """mAP strict and relaxed (Track 1) of ``preds`` against the labels of ``split``."""
    from sklearn.metrics import average_precision_score

    labels = {(r["arg_id"], r["key_point_id"]): int(r["label"]) for r in _rows("labels", split)}
    groups: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    for a in _rows("arguments", split):
        best = max(preds.get(a["arg_id"], {}).items(), key=lambda kv: (kv[1], kv[0]), default=None)
        kp, score = best if best else ("", 0.0)
        groups.setdefault((a["topic"], a["stance"]), []).append((score, a["arg_id"], kp))
    out = {}
    for name, undecided in (("strict", 0), ("relaxed", 1)):
        aps = []
        for rows in groups.values():
            # stable sort by score alone, as a dataframe sorted by score keeps file order on ties
            kept = sorted(rows, key=lambda r: -r[0])[: len(rows) // 2]
            y = [labels.get((arg, kp), undecided) if kp else 0 for _, arg, kp in kept]
            s = [score if kp else 0.99 for score, _, kp in kept]
            aps.append(float(average_precision_score(y, s)) if any(y) else 0.0)
        out[f"map_{name}"] = round(float(np.mean(aps)), 4)
    out["groups"] = len(groups)
    out["arguments"] = sum(len(r) for r in groups.values())
    return out


def evaluate(split: str = "dev") -> dict:
    return {"split": split, "through": "claimgraph match"} | track1(split, predictions(split))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    args = parser.parse_args()
    print(json.dumps(evaluate(args.split), indent=1))


if __name__ == "__main__":
    main()
