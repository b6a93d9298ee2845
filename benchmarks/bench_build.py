"""Speed benchmark: claimgraph build of the debate transcripts against the bare models.

The 50 CheckThat! 2020 debate transcripts (../shared/corpora/debates) become 50
documents (one per transcript; the most frequent speaker as issuer, the file
name's date as published, consecutive lines of one speaker as a paragraph
"SPEAKER: text", so each claim gets its own speaker).
In one run, each in its own process so that peak memory is its own:

- ``bare``: spaCy ``nlp.pipe`` over the same texts, plus the sentence
  embedding of every sentence spaCy finds (the least any pipeline on these
  models must do);
- ``build``: ``claimgraph build`` of the same documents (extraction, linking,
  graph, every output written).

Model loading is timed apart and left out of both. Prints documents/s,
sentences/s, peak memory and the ratio build/bare, and writes them to
benchmarks/results/build-<date>.json (and build-latest.json).

Usage: python benchmarks/bench_build.py [--corpus DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import json
import os
import pathlib
import platform
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "debates"
RESULTS = ROOT / "benchmarks" / "results"


def transcripts_to_documents(
    corpus: pathlib.Path, folder: pathlib.Path, limit: int | None = None
) -> int:
    """Write one .txt document (and its .meta.json) per transcript; return the line count."""
    csv.field_size_limit(sys.maxsize)
    lines_total = 0
    files = sorted(corpus.glob("*.tsv"))[: limit or None]
    for tsv in files:
        rows = []
        with open(tsv, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3 and row[2].strip():
                    rows.append((row[1].strip(), row[2].strip()))
        lines_total += len(rows)
        paragraphs: list[tuple[str, list[str]]] = []
        for speaker, text in rows:
            if paragraphs and paragraphs[-1][0] == speaker:
                paragraphs[-1][1].append(text)
            else:
                paragraphs.append((speaker, [text]))
        speakers = collections.Counter(s for s, _ in rows)
        issuer = sorted(speakers, key=lambda s: (-speakers[s], s))[0] if speakers else None
        day = datetime.datetime.strptime(tsv.name[:8], "%Y%m%d").date()
        # "SPEAKER: text" paragraphs: the extractor reads a transcript's labels
        body = "\n\n".join(f"{speaker}: {' '.join(texts)}" for speaker, texts in paragraphs) + "\n"
        (folder / f"{tsv.stem}.txt").write_text(body, encoding="utf-8")
        meta = {"title": tsv.stem.replace("_", " "), "issuer": issuer, "published": day.isoformat()}
        (folder / f"{tsv.stem}.txt.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return lines_total


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_bare(folder: pathlib.Path) -> dict:
    """spaCy nlp.pipe plus embedding of every sentence, models loaded beforehand."""
    import spacy

    from extract.nlp import pipeline_name
    from graph.embed import embed_texts, load_embedder

    t0 = time.perf_counter()
    nlp = spacy.load(pipeline_name())
    nlp.max_length = 5_000_000
    load_embedder()
    load_time = time.perf_counter() - t0
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    t0 = time.perf_counter()
    sentences = [s.text for doc in nlp.pipe(texts, batch_size=8) for s in doc.sents]
    t_nlp = time.perf_counter() - t0
    t1 = time.perf_counter()
    embed_texts(sentences)
    t_embed = time.perf_counter() - t1
    return {
        "model_load_s": round(load_time, 2),
        "nlp_s": round(t_nlp, 2),
        "embed_s": round(t_embed, 2),
        "seconds": round(t_nlp + t_embed, 2),
        "sentences": len(sentences),
        "peak_mib": round(_peak_mib(), 1),
    }


def phase_build(folder: pathlib.Path, out: pathlib.Path) -> dict:
    """claimgraph build, models loaded beforehand."""
    from extract.nlp import load_pipeline
    from graph.embed import load_embedder
    from graph.pipeline import build

    t0 = time.perf_counter()
    load_pipeline()
    load_embedder()
    load_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    _, report = build([folder], out)
    seconds = time.perf_counter() - t0
    sentences = sum(d["sentences"] for d in report.documents)
    return {
        "model_load_s": round(load_time, 2),
        "seconds": round(seconds, 2),
        "sentences": sentences,
        "counts": report.counts,
        "peak_mib": round(_peak_mib(), 1),
    }


def _run_phase(name: str, folder: pathlib.Path, out: pathlib.Path) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    proc = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--folder", str(folder), "--out", str(out)],
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
    parser.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N transcripts")
    parser.add_argument("--phase", choices=["bare", "build"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=pathlib.Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=pathlib.Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "bare":
        print(json.dumps(phase_bare(args.folder)))
        return
    if args.phase == "build":
        print(json.dumps(phase_build(args.folder, args.out)))
        return

    if not args.corpus.is_dir():
        sys.exit(f"bench: corpus folder {args.corpus} not found; give --corpus DIR")
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        folder = pathlib.Path(tmp) / "docs"
        folder.mkdir()
        lines = transcripts_to_documents(args.corpus, folder, args.limit)
        documents = len(list(folder.glob("*.txt")))
        print(f"bench: {documents} transcripts, {lines} transcript lines", flush=True)
        bare = _run_phase("bare", folder, pathlib.Path(tmp) / "unused")
        print(
            f"bare models:  {bare['seconds']:8.1f} s  (nlp.pipe {bare['nlp_s']} s + embedding "
            f"{bare['embed_s']} s of {bare['sentences']} sentences), peak {bare['peak_mib']:.0f} MiB",
            flush=True,
        )
        built = _run_phase("build", folder, pathlib.Path(tmp) / "out")
        c = built["counts"]
        print(
            f"claimgraph:   {built['seconds']:8.1f} s  ({built['sentences']} sentences, "
            f"{c['claims']} claims, {c['recurring_links']} links, {c['families']} families), "
            f"peak {built['peak_mib']:.0f} MiB",
            flush=True,
        )
    ratio = built["seconds"] / bare["seconds"]
    result = {
        "benchmark": "build-debates",
        "date": datetime.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "corpus": str(args.corpus.name),
        "documents": documents,
        "transcript_lines": lines,
        "bare": bare,
        "build": built,
        "documents_per_s": round(documents / built["seconds"], 3),
        "sentences_per_s": round(built["sentences"] / built["seconds"], 1),
        "ratio_build_to_bare": round(ratio, 3),
    }
    print(
        f"result: {result['documents_per_s']} documents/s, {result['sentences_per_s']} sentences/s, "
        f"ratio build/bare {ratio:.2f}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=1, sort_keys=True) + "\n"
    suffix = f"-limit{args.limit}" if args.limit else ""
    (RESULTS / f"build-{result['date']}{suffix}.json").write_text(text, encoding="utf-8")
    (RESULTS / f"build-latest{suffix}.json").write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS / ('build-latest' + suffix + '.json')}")


if __name__ == "__main__":
    main()
