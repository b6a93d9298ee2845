"""How well can a pair scorer separate talking points at all? The ceiling on the tune half.

``eval_devset.py`` scores the build as it links.  This script asks what any
threshold could reach with each pair score: for every pair of claims of
different documents of the ``tune`` half of tests/data/devset, the gold says
whether both are in one family; each score is read as a ranking of the pairs
(ROC AUC), as direct links at its best threshold (pair F1), and as average
linkage clusters at its best threshold (pair F1, as ``eval_devset`` counts
families).  Scores:

- ``cosine``: all-MiniLM-L6-v2 cosine of the two claims (whole texts);
- ``logistic``: the matcher's logistic model (graph.match.DEFAULT_MODEL);
- ``reranker``: the packaged cross-encoder's probability (graph/models/reranker);
- ``fused``: the two fused as the build does (graph.match.fuse);
- ``--embedder FOLDER`` (repeatable): the cosine of another sentence-transformers
  model, e.g. one made by benchmarks/train_embedder.py.

``--topic`` keeps the pairs of one topic (e.g. to train on one topic and
read another).  The held-out half is never read here.

Usage: python benchmarks/ceiling_devset.py [--topic taiwan] [--embedder FOLDER ...]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
CACHE = ROOT / "benchmarks" / "cache"


def gold_claims() -> list[dict]:
    """The claims of a build of the tune half, each with its gold families and topic."""
    import eval_devset

    from extract.load import load_document
    from graph.pipeline import build

    folders = eval_devset.topics("tune")
    with tempfile.TemporaryDirectory() as out:
        G, _ = build([f / "docs" for f in folders], out, cache_dir=CACHE / "devset-tune")
    claims = {n: a for n, a in G.nodes(data=True) if a.get("kind") == "claim"}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for n, a in claims.items():
        spans.setdefault(a["document"], []).append((a["start"], a["end"], n))
    docs = {
        pathlib.Path(a["path"]).resolve(): n
        for n, a in G.nodes(data=True)
        if a.get("kind") == "document" and a.get("path")
    }
    families: dict[str, set[str]] = {n: set() for n in claims}
    topic: dict[str, str] = {}
    for folder in folders:
        gold = json.loads((folder / "gold.json").read_text("utf-8"))
        for d in gold["documents"]:
            node = docs.get((folder / "docs" / f"{d['id']}.txt").resolve())
            for _, _, c in spans.get(node, []):
                topic[c] = folder.name
        for fam in gold["families"]:
            for m in fam["members"]:
                path = (folder / "docs" / f"{m['doc']}.txt").resolve()
                text = load_document(path).text
                at = text.find(m["quote"])
                end = at + len(m["quote"])
                best, claim = 0, None
                for s, e, c in spans.get(docs.get(path), []):
                    if min(e, end) - max(s, at) > best:
                        best, claim = min(e, end) - max(s, at), c
                if at >= 0 and claim:
                    families[claim].add(f"{folder.name}/{fam['id']}")
    return [
        {
            "id": n,
            "document": a["document"],
            "text": a.get("content") or a["text"],
            "families": sorted(families[n]),
            "topic": topic.get(n, ""),
        }
        for n, a in sorted(claims.items())
    ]


def auc(scores: np.ndarray, gold: np.ndarray) -> float:
    from scipy.stats import rankdata

    ranks = rankdata(scores)
    pos = int(gold.sum())
    neg = len(gold) - pos
    return float((ranks[gold].sum() - pos * (pos + 1) / 2) / (pos * neg))


def _f1(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = int((predicted & gold).sum())
    if not tp:
        return 0.0, 0.0, 0.0
    p, r = tp / int(predicted.sum()), tp / int(gold.sum())
    return 2 * p * r / (p + r), p, r


def ceiling(n: int, pairs: np.ndarray, scores: np.ndarray, gold: np.ndarray) -> dict:
    """AUC, best direct-link F1 and best average-linkage F1 of one score."""
    from graph.link import average_linkage

    direct = max(
        (
            _f1(scores >= t, gold) + (float(t),)
            for t in np.quantile(scores, np.linspace(0.5, 0.999, 120))
        ),
    )
    clustered = (0.0, 0.0, 0.0, 0.0)
    sims = {
        (int(i), int(j)): float(v)
        for (i, j), v in zip(pairs.tolist(), scores.tolist(), strict=True)
    }
    for t in np.linspace(0.05, 0.95, 19):
        label = {}
        for k, cluster in enumerate(average_linkage(n, sims, float(t))):
            for i in cluster:
                label[i] = k
        same = np.array([label[i] == label[j] for i, j in pairs.tolist()])
        clustered = max(clustered, _f1(same, gold) + (float(t),))
    names = ("f1", "precision", "recall", "threshold")
    return {
        "auc": round(auc(scores, gold), 3),
        "direct": {k: round(x, 3) for k, x in zip(names, direct, strict=True)},
        "average_linkage": {k: round(x, 3) for k, x in zip(names, clustered, strict=True)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--topic", help="only the pairs of this topic of the tune half")
    parser.add_argument("--embedder", action="append", default=[], help="a model folder")
    args = parser.parse_args()

    from graph import match
    from graph.rerank import reranker_path, score_pairs

    rows = gold_claims()
    n = len(rows)
    pairs = np.array(
        [
            (i, j)
            for i in range(n)
            for j in range(i + 1, n)
            if rows[i]["document"] != rows[j]["document"]
            and (not args.topic or rows[i]["topic"] == rows[j]["topic"] == args.topic)
        ]
    )
    gold = np.array([bool(set(rows[i]["families"]) & set(rows[j]["families"])) for i, j in pairs])
    prepared = match.prepare(
        [match.Statement(r["id"], r["text"]) for r in rows], cache=str(CACHE), parts=False
    )
    features = match.pair_features(prepared, prepared, pairs, match.idf_table(prepared.words))
    logistic = match.DEFAULT_MODEL.score(features)
    reranked = score_pairs(
        [(rows[i]["text"], rows[j]["text"]) for i, j in pairs.tolist()],
        model=reranker_path(None),
        cache=str(CACHE / "rerank"),
    )
    scores = {
        "cosine": features[:, 1],
        "logistic": logistic,
        "reranker": reranked,
        "fused": match.fuse(logistic, reranked),
    }
    for folder in args.embedder:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(folder, device="cpu")
        vectors = model.encode(
            [r["text"] for r in rows], normalize_embeddings=True, convert_to_numpy=True
        ).astype(np.float32)
        scores[f"cosine:{folder}"] = (vectors[pairs[:, 0]] * vectors[pairs[:, 1]]).sum(1)
    result = {
        "split": "tune",
        "topic": args.topic or "all",
        "claims": n,
        "pairs": len(pairs),
        "gold_pairs": int(gold.sum()),
        "scores": {name: ceiling(n, pairs, s, gold) for name, s in scores.items()},
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
