"""A blind precision audit of the links of a whole debates build (RECURS and CONTESTS).

``--draw`` builds the whole debates corpus (../shared/corpora/debates, 50
transcripts, as ``benchmarks/bench_build.py`` turns them into documents),
draws 200 links at random (seeded: the same build gives the same sample) and
writes them to tests/data/audit/debates-links.jsonl with the two claims'
texts, speakers and dates, **without scores or evidence**, so that a reader
labels them blind: ``label`` is ``yes`` when the two state one claim or
talking point (for CONTESTS: one denies what the other states), ``no``
otherwise.

Without ``--draw`` it reads the labelled file and reports precision (yes /
labelled) by kind, with the links per claim of the build it came from.

Usage:
  python benchmarks/audit_links.py --draw [--build-dir DIR]   # build, sample, write
  python benchmarks/audit_links.py                            # precision from the labels
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
CORPUS = ROOT.parent / "shared" / "corpora" / "debates"
AUDIT = ROOT / "tests" / "data" / "audit" / "debates-links.jsonl"
SEED = 13
SAMPLE = 200


def draw(build_dir: pathlib.Path) -> dict:
    from bench_build import transcripts_to_documents

    from graph.pipeline import build

    docs = build_dir / "documents"
    docs.mkdir(parents=True, exist_ok=True)
    transcripts_to_documents(CORPUS, docs)
    G, report = build([docs], build_dir / "out", cache_dir=build_dir / "cache", jobs=1)
    links = sorted((u, v, k) for u, v, k in G.edges(keys=True) if k in ("RECURS", "CONTESTS"))
    claims = report.counts["claims"]
    sample = random.Random(SEED).sample(links, min(SAMPLE, len(links)))
    rows = []
    for n, (u, v, k) in enumerate(sorted(sample), start=1):
        a, b = G.nodes[u], G.nodes[v]
        rows.append(
            {
                "n": n,
                "kind": k,
                "a": {
                    "claim": u,
                    "speaker": a.get("speaker"),
                    "published": a.get("published"),
                    "text": a["text"],
                },
                "b": {
                    "claim": v,
                    "speaker": b.get("speaker"),
                    "published": b.get("published"),
                    "text": b["text"],
                },
                "label": None,
            }
        )
    header = {
        "about": "blind audit sample of a whole debates build; label yes/no by reading (see benchmarks/audit_links.py)",
        "seed": SEED,
        "claims": claims,
        "recurs_links": sum(1 for *_, k in links if k == "RECURS"),
        "contests_links": sum(1 for *_, k in links if k == "CONTESTS"),
        "links_per_claim": round(len(links) / claims, 3) if claims else None,
        "families": report.counts["families"],
    }
    AUDIT.parent.mkdir(parents=True, exist_ok=True)
    AUDIT.write_text(
        json.dumps(header) + "\n" + "".join(json.dumps(r) + "\n" for r in rows), "utf-8"
    )
    return header


def precision(path: pathlib.Path = AUDIT) -> dict | None:
    """Precision of the labelled sample, overall and by kind; None without a labelled file."""
    if not path.is_file():
        return None
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    header, rows = lines[0], lines[1:]
    labelled = [r for r in rows if r.get("label") in ("yes", "no")]
    out = {
        k: header.get(k) for k in ("claims", "recurs_links", "contests_links", "links_per_claim")
    }
    out["sample"] = len(rows)
    out["labelled"] = len(labelled)
    for kind in ("all", "RECURS", "CONTESTS"):
        chosen = [r for r in labelled if kind == "all" or r["kind"] == kind]
        yes = sum(r["label"] == "yes" for r in chosen)
        out[f"precision_{kind.lower()}"] = round(yes / len(chosen), 3) if chosen else None
        out[f"labelled_{kind.lower()}"] = len(chosen)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--draw", action="store_true")
    parser.add_argument("--build-dir", type=pathlib.Path)
    args = parser.parse_args()
    if args.draw:
        folder = args.build_dir or pathlib.Path(tempfile.mkdtemp(prefix="audit-"))
        print(json.dumps(draw(folder), indent=1))
    else:
        print(json.dumps(precision(), indent=1))


if __name__ == "__main__":
    main()
