"""Speed benchmark: claimgraph build of the debate transcripts against the bare models.

The CheckThat! 2020 debate transcripts (../shared/corpora/debates) become
documents (one per transcript; the most frequent speaker as issuer, the file
name's date as published, each speaker's turn a paragraph "SPEAKER: text",
so each claim gets its own speaker).  For each size (a fraction of the
transcripts, or all of them N times with every number changed so no two
copies are alike), each phase in its own process so peak memory is its own:

- bare: spaCy ``nlp.pipe`` over the same texts plus the sentence embedding
  of every sentence spaCy finds (the least any pipeline on these models
  must do);
- cold build (``--jobs 1``, empty cache), warm rebuild (everything cached),
  rebuild after adding one document, and a cold build with ``--jobs 2``.

Model loading is timed apart and left out.  Prints a table (seconds,
build/bare ratio, speed-ups, peak memory) and writes
benchmarks/results/build-latest.json and a plot build-latest.png.

The document added for the one-document rebuild is the next transcript, not
in the built set (below the whole corpus), or a further varied copy (all of
it, xN).  At xN sizes the copies differ from the originals only in their
numbers, so most claim texts recur word for word; the build embeds a repeated
text once, the bare models embed every sentence.

Usage: python benchmarks/bench_build.py [--sizes 0.125,0.25,0.5,1,x4]
           [--jobs2-sizes 0.125,0.25] [--cold-only x4]
(make bench runs the full series; see the Makefile.)
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
import shutil
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


def phase_build(
    folder: pathlib.Path,
    out: pathlib.Path,
    jobs: int,
    use_cache: bool,
    add: pathlib.Path | None = None,
) -> dict:
    """claimgraph build (of ``folder``, and ``add`` if given), models loaded beforehand."""
    from extract.nlp import load_pipeline
    from graph.embed import load_embedder
    from graph.pipeline import build

    t0 = time.perf_counter()
    load_pipeline()
    load_embedder()
    load_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    _, report = build([folder, *([add] if add else [])], out, jobs=jobs, use_cache=use_cache)
    seconds = time.perf_counter() - t0
    sentences = sum(d["sentences"] for d in report.documents)
    return {
        "model_load_s": round(load_time, 2),
        "seconds": round(seconds, 2),
        "sentences": sentences,
        "counts": report.counts,
        "peak_mib": round(_peak_mib(), 1),
    }


def _run_phase(name: str, folder: pathlib.Path, out: pathlib.Path, *extra: str) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    proc = subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            name,
            "--folder",
            str(folder),
            "--out",
            str(out),
            *extra,
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # the machine's 1-minute load average as the phase ended: other work on a
    # 2-core machine shows up in the timings, so it is recorded beside them
    result["load_average_after"] = round(os.getloadavg()[0], 2)
    return result


def _vary(text: str, k: int) -> str:
    """Copy k of a transcript: every number moved by k, so no two copies are identical."""
    import re

    return re.sub(r"\d+", lambda m: str(int(m.group()) + k), text)


def make_corpus(corpus: pathlib.Path, folder: pathlib.Path, fraction: float, scale: int) -> int:
    """Documents for one size: a fraction of the transcripts, or all of them ``scale`` times."""
    total = len(sorted(corpus.glob("*.tsv")))
    limit = max(1, round(total * fraction))
    base = folder / "base"
    base.mkdir(parents=True)
    lines = transcripts_to_documents(corpus, base, limit)
    for path in sorted(base.iterdir()):
        for k in range(scale):
            name = path.name
            target = folder / (f"v{k}-{name}" if k else name)
            text = path.read_text(encoding="utf-8")
            if name.endswith(".meta.json"):
                meta = json.loads(text)
                meta["title"] = f"{meta['title']} (copy {k})" if k else meta["title"]
                target.write_text(json.dumps(meta), encoding="utf-8")
            else:
                target.write_text(_vary(text, k) if k else text, encoding="utf-8")

    shutil.rmtree(base)
    return lines * scale


def added_document(
    corpus: pathlib.Path, folder: pathlib.Path, where: pathlib.Path, fraction: float, scale: int
) -> tuple[pathlib.Path, str]:
    """The document added for the one-document rebuild, and what it is.

    Below the whole corpus: the next transcript, one not in the built set (a
    new debate with its own claims).  For all of it (or N times it): a further
    copy of the first transcript with its numbers changed, as the copies of
    the xN corpus are made.
    """
    where.mkdir(parents=True)
    tsvs = sorted(corpus.glob("*.tsv"))
    limit = max(1, round(len(tsvs) * fraction))
    if scale == 1 and limit < len(tsvs):
        one = where / "one"
        one.mkdir()
        nxt = tsvs[limit]
        sub = where / "tsv"
        sub.mkdir()
        (sub / nxt.name).symlink_to(nxt)
        transcripts_to_documents(sub, one)
        doc = next(one.glob("*.txt"))
        for path in one.iterdir():
            path.rename(where / path.name)
        return where / doc.name, f"new transcript {nxt.stem}"
    first = sorted(folder.glob("*.txt"))[0]
    target = (
        where
        / f"v{scale}-{first.name.split('-', 1)[-1] if first.name.startswith('v') else first.name}"
    )
    target.write_text(_vary(first.read_text(encoding="utf-8"), scale), encoding="utf-8")
    meta = first.with_name(first.name + ".meta.json")
    if meta.exists():
        data = json.loads(meta.read_text(encoding="utf-8"))
        data["title"] = f"{data['title']} (copy {scale})"
        target.with_name(target.name + ".meta.json").write_text(json.dumps(data), encoding="utf-8")
    return target, f"copy {scale} of {first.stem} with its numbers changed"


def bench_size(
    corpus: pathlib.Path,
    fraction: float,
    scale: int,
    tmp: pathlib.Path,
    jobs2: bool = True,
    cold_only: bool = False,
) -> dict:
    """Cold build, warm rebuild, one-document rebuild, --jobs 2, and the bare models, at one size."""
    label = f"x{scale}" if scale > 1 else f"{fraction:g}"
    folder = tmp / f"docs-{label}"
    lines = make_corpus(corpus, folder, fraction, scale)
    documents = len(list(folder.glob("*.txt")))
    print(f"bench [{label}]: {documents} documents, {lines} transcript lines", flush=True)
    if cold_only:
        bare = None
        print("  bare models      (not run at this size: --cold-only)", flush=True)
    else:
        bare = _run_phase("bare", folder, tmp / "unused")
        print(
            f"  bare models      {bare['seconds']:8.1f} s  (nlp.pipe {bare['nlp_s']} s + embedding "
            f"{bare['embed_s']} s of {bare['sentences']} sentences), peak {bare['peak_mib']:.0f} MiB",
            flush=True,
        )
    out = tmp / f"out-{label}"
    cold = _run_phase("build", folder, out, "--jobs", "1")
    c = cold["counts"]
    print(
        f"  cold build       {cold['seconds']:8.1f} s  ({c['claims']} claims, {c['recurring_links']} links, "
        f"{c['families']} families), peak {cold['peak_mib']:.0f} MiB",
        flush=True,
    )
    row = {
        "size": label,
        "fraction": fraction,
        "scale": scale,
        "documents": documents,
        "transcript_lines": lines,
        "bare": bare,
        "cold": cold,
        "warm": None,
        "incremental": None,
        "jobs2": None,
        "added_document": None,
        "ratio_build_to_bare": round(cold["seconds"] / bare["seconds"], 3) if bare else None,
        "incremental_speedup": None,
        "jobs2_speedup": None,
        "documents_per_s": round(documents / cold["seconds"], 3),
        "sentences_per_s": round(cold["sentences"] / cold["seconds"], 1),
    }
    if cold_only:
        print("  warm, +1 document and --jobs 2 not run at this size (--cold-only)", flush=True)
        return row
    warm = _run_phase("build", folder, out, "--jobs", "1")
    print(
        f"  warm rebuild     {warm['seconds']:8.1f} s  (from cache: {warm['counts']['from_cache']})",
        flush=True,
    )
    added, how = added_document(corpus, folder, tmp / f"added-{label}", fraction, scale)
    incremental = _run_phase("build", folder, out, "--jobs", "1", "--add", str(added))
    print(
        f"  +1 document      {incremental['seconds']:8.1f} s  (extracted {incremental['counts']['extracted']}: "
        f"{how})",
        flush=True,
    )
    if jobs2:
        parallel = _run_phase("build", folder, tmp / f"out-{label}-j2", "--jobs", "2", "--no-cache")
        print(f"  cold, --jobs 2   {parallel['seconds']:8.1f} s", flush=True)
    else:
        parallel = None
        print("  cold, --jobs 2   (not run at this size: --jobs2-sizes)", flush=True)
    return row | {
        "warm": warm,
        "incremental": incremental,
        "jobs2": parallel,
        "added_document": how,
        "incremental_speedup": round(cold["seconds"] / incremental["seconds"], 2),
        "jobs2_speedup": round(cold["seconds"] / parallel["seconds"], 2) if parallel else None,
    }


def _plot(rows: list[dict], path: pathlib.Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench: matplotlib not installed; no plot")
        return
    xs = [r["cold"]["sentences"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for key, name in (
        ("bare", "bare models"),
        ("cold", "cold build"),
        ("warm", "warm rebuild"),
        ("incremental", "+1 document"),
        ("jobs2", "cold, --jobs 2"),
    ):
        points = [(x, r[key]["seconds"]) for x, r in zip(xs, rows, strict=True) if r[key]]
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
    ax.set_xlabel("sentences")
    ax.set_ylabel("seconds")
    ax.set_title("claimgraph build time against corpus size (debates)")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--sizes",
        default="0.125,0.25",
        help="comma-separated fractions of the corpus, and xN for N times all of it "
        "(the full series: 0.125,0.25,0.5,1,x4)",
    )
    parser.add_argument("--phase", choices=["bare", "build"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=pathlib.Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=pathlib.Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--no-cache", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--add", type=pathlib.Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--cold-only",
        default="",
        help="sizes at which only the cold build is timed (no bare models, warm, +1 or "
        "--jobs 2), e.g. x4 when time is short",
    )
    parser.add_argument(
        "--jobs2-sizes",
        default="0.125,0.25,0.5,1",
        help="sizes at which the cold --jobs 2 build is run too (default: all but xN, "
        "whose cold build alone takes most of an hour on 2 cores)",
    )
    parser.add_argument(
        "--keep",
        type=pathlib.Path,
        metavar="DIR",
        help="keep each size's cold build (its outputs, not its cache) as DIR/out-SIZE, "
        "for benchmarks/bench_view.py --build",
    )
    args = parser.parse_args()
    if args.phase == "bare":
        print(json.dumps(phase_bare(args.folder)))
        return
    if args.phase == "build":
        print(
            json.dumps(phase_build(args.folder, args.out, args.jobs, not args.no_cache, args.add))
        )
        return

    if not args.corpus.is_dir():
        sys.exit(f"bench: corpus folder {args.corpus} not found; give --corpus DIR")
    rows: list[dict] = []
    jobs2_sizes = {x.strip() for x in args.jobs2_sizes.split(",") if x.strip()}
    cold_only = {x.strip() for x in args.cold_only.split(",") if x.strip()}
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        for size in args.sizes.split(","):
            size = size.strip()
            fraction, scale = (1.0, int(size[1:])) if size.startswith("x") else (float(size), 1)
            rows.append(
                bench_size(
                    args.corpus,
                    fraction,
                    scale,
                    pathlib.Path(tmp),
                    jobs2=size in jobs2_sizes,
                    cold_only=size in cold_only,
                )
            )
            # after every size, so a long series that is stopped keeps what it measured
            # (sizes may come in any order: the one that matters most first)
            write_results(rows, args.corpus)
            if args.keep is not None:
                label = rows[-1]["size"]
                kept = args.keep / f"out-{label}"
                shutil.rmtree(kept, ignore_errors=True)
                shutil.copytree(
                    pathlib.Path(tmp) / f"out-{label}",
                    kept,
                    ignore=shutil.ignore_patterns(".cache"),
                )


def write_results(rows: list[dict], corpus: pathlib.Path) -> None:
    """Print the table; write build-DATE.json, build-latest.json and the plot."""
    rows = sorted(rows, key=lambda r: r["cold"]["sentences"])
    result = {
        "benchmark": "build-debates",
        "date": datetime.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "corpus": str(corpus.name),
        "sizes": rows,
    }
    print(
        "\nsize    docs  sentences  bare s  cold s  ratio  warm s  +1doc s  speed-up  jobs2 s  speed-up  peak MiB"
    )

    def cell(value: float | None, width: int, digits: int = 1) -> str:
        return f"{value:>{width}.{digits}f}" if value is not None else f"{'-':>{width}}"

    def seconds(phase: dict | None) -> float | None:
        return phase["seconds"] if phase else None

    for r in rows:
        print(
            f"{r['size']:<7}{r['documents']:>5}{r['cold']['sentences']:>11}"
            + cell(seconds(r["bare"]), 8)
            + cell(r["cold"]["seconds"], 8)
            + cell(r["ratio_build_to_bare"], 7, 2)
            + cell(seconds(r["warm"]), 8)
            + cell(seconds(r["incremental"]), 9)
            + cell(r["incremental_speedup"], 10)
            + cell(seconds(r["jobs2"]), 9)
            + cell(r["jobs2_speedup"], 10, 2)
            + cell(r["cold"]["peak_mib"], 10, 0),
            flush=True,
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=1, sort_keys=True) + "\n"
    (RESULTS / f"build-{result['date']}.json").write_text(text, encoding="utf-8")
    (RESULTS / "build-latest.json").write_text(text, encoding="utf-8")
    _plot(rows, RESULTS / "build-latest.png")
    print(f"wrote {RESULTS / 'build-latest.json'} and build-latest.png", flush=True)


if __name__ == "__main__":
    main()
