"""Scale benchmark of recurring-claim linking: 100,000 claims on this machine.

The sentences of the 50 debate transcripts (../shared/corpora/debates) are
embedded once with all-MiniLM-L6-v2 (cached in benchmarks/cache/ by model and
text hash; the embedding throughput is measured apart, on a fresh sample).
From them, 100,000 claims are made: every sentence once as said, then copies
"said again" in later documents (a year later per round) with small
variation — a word dropped or a number changed in the text (quantities found
as extraction finds them), and the vector moved by a little noise and
normalised.  The linking stage
(:func:`graph.link.link_claims` with the claims' vectors: candidate search
with a faiss index above graph.match.EXACT_LIMIT, scoring of candidate
pairs, RECURS typing, families by average linkage) runs in its own process
so that its peak memory is its own.

Prints claims, time, peak memory (RSS), links and families; writes
benchmarks/results/link-<date>.json and link-latest.json.

Usage: python benchmarks/bench_link.py [--claims 100000] [--base N]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import pathlib
import platform
import random
import re
import resource
import subprocess
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEBATES = ROOT.parent / "shared" / "corpora" / "debates"
CACHE = ROOT / "benchmarks" / "cache"
RESULTS = ROOT / "benchmarks" / "results"


def debate_sentences(corpus: pathlib.Path = DEBATES) -> list[tuple[str, str, str, str]]:
    """(transcript, date, speaker, sentence) of every line, in corpus order."""
    csv.field_size_limit(sys.maxsize)
    out = []
    for tsv in sorted(corpus.glob("*.tsv")):
        day = datetime.datetime.strptime(tsv.name[:8], "%Y%m%d").date().isoformat()
        with open(tsv, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3 and row[2].strip():
                    out.append((tsv.stem, day, row[1].strip(), row[2].strip()))
    return out


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_NUMBER = re.compile(r"\b\d+\b")


def _vary(text: str, rng: random.Random) -> str:
    """The sentence said again, a little differently: a number changed or a word dropped."""
    if _NUMBER.search(text) and rng.random() < 0.5:
        return _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), text, count=1)
    words = text.split()
    if len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def make_claims(n_claims: int, base: int | None, seed: int = 7):  # type: ignore[no-untyped-def]
    """``n_claims`` claims and their unit vectors, from the debate sentences."""
    from extract.quantities import find_quantities
    from extract.records import Claim
    from graph.embed import EmbeddingCache

    rows = debate_sentences()
    unique: dict[str, int] = {}
    for _, _, _, text in rows:
        unique.setdefault(text, len(unique))
    texts = list(unique)[: base or None]
    cache = EmbeddingCache(CACHE)
    vectors = cache.embed(texts)
    keep = set(texts)
    rows = [r for r in rows if r[3] in keep]
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    claims, vecs, published = [], [], {}
    round_ = 0
    while len(claims) < n_claims:
        for number, (stem, day, speaker, text) in enumerate(rows):
            if len(claims) >= n_claims:
                break
            year = int(day[:4]) + round_
            doc = f"doc:{stem}" + (f"-r{round_}" if round_ else "")
            published[doc] = f"{year}{day[4:]}"
            said = text if round_ == 0 else _vary(text, rng)
            vector = vectors[unique[text]]
            if round_:
                vector = vector + noise.normal(0.0, 0.01, vector.shape).astype(np.float32)
                vector /= np.linalg.norm(vector)
            claims.append(
                Claim(
                    f"claim:{doc[4:]}#s{number}",
                    doc,
                    number,
                    0,
                    len(said),
                    said,
                    f"actor:{speaker.lower()}",
                    content=said,
                    # figures as extraction finds them, so that changed numbers are "updated"
                    quantities=tuple(find_quantities(said)) if _NUMBER.search(said) else (),
                )
            )
            vecs.append(vector)
        round_ += 1
    return claims, np.vstack(vecs).astype(np.float32), published, len(texts)


def phase_link(n_claims: int, base: int | None) -> dict:
    """Link ``n_claims`` claims given their vectors; time and peak memory of this process."""
    from graph.link import link_claims

    claims, vectors, published, unique = make_claims(n_claims, base)
    before = _peak_mib()
    t0 = time.perf_counter()
    recurrences, families = link_claims(claims, published, vectors=vectors, parts=False)
    seconds = time.perf_counter() - t0
    relations: dict[str, int] = {}
    for r in recurrences:
        relations[r.relation] = relations.get(r.relation, 0) + 1
    return {
        "claims": len(claims),
        "unique_sentences": unique,
        "documents": len(published),
        "seconds": round(seconds, 1),
        "peak_mib": round(_peak_mib(), 1),
        "peak_mib_before_linking": round(before, 1),
        "recurring_links": len(recurrences),
        "relations": relations,
        "families": len(families),
        "largest_family": max((len(f.claims) for f in families), default=0),
    }


def phase_embed(sample: int) -> dict:
    """Embedding throughput on ``sample`` debate sentences, no cache, model loaded beforehand."""
    from graph.embed import embed_texts, load_embedder

    load_embedder()
    rows = debate_sentences()
    texts = list(dict.fromkeys(r[3] for r in rows))[-sample:]
    embed_texts(texts[:16])  # warm-up
    t0 = time.perf_counter()
    embed_texts(texts)
    seconds = time.perf_counter() - t0
    return {
        "sentences": len(texts),
        "seconds": round(seconds, 1),
        "per_s": round(len(texts) / seconds, 1),
    }


def _run(args: list[str]) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    proc = subprocess.run(
        [sys.executable, __file__, *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument(
        "--base", type=int, default=None, help="use only the first N unique sentences"
    )
    parser.add_argument("--embed-sample", type=int, default=512)
    parser.add_argument("--phase", choices=["link", "embed"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "link":
        print(json.dumps(phase_link(args.claims, args.base)))
        return
    if args.phase == "embed":
        print(json.dumps(phase_embed(args.embed_sample)))
        return
    if not DEBATES.is_dir():
        sys.exit(f"bench: corpus folder {DEBATES} not found")
    base = ["--base", str(args.base)] if args.base else []
    # embed (or read from the cache) every sentence first, so that linking is timed alone
    _run(["--phase", "link", "--claims", "2", *base])
    embedded = _run(["--phase", "embed", "--embed-sample", str(args.embed_sample)])
    print(
        f"embedding: {embedded['per_s']} sentences/s ({embedded['sentences']} sentences in "
        f"{embedded['seconds']} s, all-MiniLM-L6-v2 on {os.cpu_count()} cores)",
        flush=True,
    )
    linked = _run(["--phase", "link", "--claims", str(args.claims), *base])
    print(
        f"linking: {linked['claims']} claims ({linked['unique_sentences']} distinct sentences, "
        f"{linked['documents']} documents) in {linked['seconds']} s, peak memory "
        f"{linked['peak_mib']:.0f} MiB ({linked['peak_mib_before_linking']:.0f} MiB before linking); "
        f"{linked['recurring_links']} links {linked['relations']}, {linked['families']} families "
        f"(largest {linked['largest_family']})",
        flush=True,
    )
    result = {
        "benchmark": "link-debates",
        "date": datetime.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "embedding": embedded,
        "link": linked,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=1, sort_keys=True) + "\n"
    (RESULTS / f"link-{result['date']}.json").write_text(text, encoding="utf-8")
    (RESULTS / "link-latest.json").write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS / 'link-latest.json'}")


if __name__ == "__main__":
    main()
