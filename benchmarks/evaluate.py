"""Quality figures (`make eval`): linking on the seeds' gold, the dev set of real statements,
CheckThat! 2022 2A and 2021 2B, KPA-2021, and a blind audit of debate links.

1. Seeds: precision, recall and F1 of the RECURS links of a build of seeds/
   against tests/data/gold/seeds_recurs.json ("same" pairs must be found;
   "related" pairs are neither hits nor false positives).
2. CheckThat! 2022 Task 2A (English), dev-test split: for each tweet, rank the
   14,231 verified claims with claimgraph's matcher (graph.match, the one
   `claimgraph build` and `claimgraph match` use); MAP@1, MAP@5 and MRR against
   the qrels (benchmarks/checkthat.py; embeddings cached in benchmarks/cache/).

Writes benchmarks/results/eval-latest.json.
Usage: python benchmarks/evaluate.py [--skip-checkthat]
"""

from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHECKTHAT = ROOT.parent / "shared" / "benchmarks" / "checkthat2022-2a"
RESULTS = ROOT / "benchmarks" / "results"


def seeds_recurs() -> dict:
    from graph.link import DEFAULT_THRESHOLD
    from graph.pipeline import build

    gold = json.loads((ROOT / "tests" / "data" / "gold" / "seeds_recurs.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as out:
        G, _ = build([ROOT / "seeds"], out)

    def node(fragment: str) -> str:
        found = [n for n, a in G.nodes(data=True) if a["kind"] == "claim" and fragment in a["text"]]
        if len(found) != 1:
            raise SystemExit(f"eval: gold fragment {fragment!r} matches {len(found)} claims")
        return found[0]

    labels = {frozenset((node(p["a"]), node(p["b"]))): p["label"] for p in gold["pairs"]}
    predicted = {
        frozenset((u, v)): a["score"]
        for u, v, k, a in G.edges(keys=True, data=True)
        if k == "RECURS"
    }
    same = {pair for pair, label in labels.items() if label == "same"}
    scored = {pair for pair in predicted if labels.get(pair) != "related"}
    tp = len(scored & same)
    precision = tp / len(scored) if scored else 0.0
    recall = tp / len(same) if same else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return {
        "threshold": DEFAULT_THRESHOLD,
        "gold_same_pairs": len(same),
        "gold_related_pairs": sum(1 for label in labels.values() if label == "related"),
        "predicted_links": len(predicted),
        "true_positives": tp,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def checkthat_devtest() -> dict:
    """MAP@1, MAP@5 and MRR of graph.match on the dev-test split (benchmarks/checkthat.py).

    The matcher's model was calibrated on train (threshold on train + dev);
    dev-test is used for nothing but this figure.
    """
    from checkthat import evaluate as checkthat_evaluate

    return checkthat_evaluate("dev-test")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip-checkthat", action="store_true")
    parser.add_argument(
        "--skip-heldout",
        action="store_true",
        help="do not score the held-out half of the dev set (while tuning)",
    )
    args = parser.parse_args()
    result: dict = {"date": datetime.date.today().isoformat()}
    seeds = seeds_recurs()
    result["seeds_recurs"] = seeds
    print(
        f"seeds RECURS (threshold {seeds['threshold']}): precision {seeds['precision']:.3f} "
        f"recall {seeds['recall']:.3f} F1 {seeds['f1']:.3f} "
        f"({seeds['true_positives']} of {seeds['gold_same_pairs']} gold pairs, {seeds['predicted_links']} links)"
    )
    # Extraction (claims, speaker, stance, actors, times, quantities) against
    # the hand-written gold of tests/data/gold/*.jsonl: benchmarks/eval_extraction.py
    from eval_extraction import format_table
    from eval_extraction import score as score_extraction

    extraction = score_extraction()
    result["extraction"] = {k: v for k, v in extraction.items() if k != "errors"}
    print(format_table(extraction))
    # TIMEX3 time expressions (span F1, value and modifier accuracy) against the
    # hand-written gold of tests/data/timex/ and the seeds, then the TimeML gold of
    # tests/data/timex/tml/, each half once (tune, report, fresh):
    # benchmarks/eval_timex.py
    from eval_timex import run as run_timex

    result["timex"] = run_timex()
    # Publication dates of real documents of varied genres against gold written
    # by reading them (tests/data/pubdates): benchmarks/eval_pubdates.py prints
    # both halves, "tune" and "report (not tuned on)"
    from eval_pubdates import run as run_pubdates

    result["pubdates"] = run_pubdates()
    if not args.skip_checkthat and CHECKTHAT.is_dir():
        ct = checkthat_devtest()
        result["checkthat2022_2a"] = ct
        print(
            f"CheckThat! 2022 2A {ct['split']} ({ct['queries']} queries): MAP@1 {ct['map@1']:.4f} "
            f"MAP@5 {ct['map@5']:.4f} MRR {ct['mrr']:.4f}  [{ct['matcher']}]"
        )
    if not args.skip_checkthat and (CHECKTHAT.parent / "checkthat2021-2b").is_dir():
        from checkthat import evaluate as checkthat_evaluate

        ct = checkthat_evaluate("2b-dev")
        result["checkthat2021_2b"] = ct
        print(
            f"CheckThat! 2021 2B dev ({ct['queries']} debate sentences): MAP@1 {ct['map@1']:.4f} "
            f"MAP@5 {ct['map@5']:.4f} MRR {ct['mrr']:.4f}"
        )
    if (CHECKTHAT.parent / "kpa2021").is_dir():
        from kpa import evaluate as kpa_evaluate

        kp = kpa_evaluate("dev")
        result["kpa2021"] = kp
        print(
            f"KPA-2021 dev through claimgraph match ({kp['arguments']} arguments, "
            f"{kp['groups']} topic/stance groups): mAP strict {kp['map_strict']:.4f} "
            f"relaxed {kp['map_relaxed']:.4f}"
        )
    # Talking points across sides on real statements (tests/data/devset):
    # tune = what was tuned on; heldout = reported, never tuned on
    from eval_devset import evaluate as devset_evaluate

    for split in ("tune", "heldout"):
        if split == "heldout" and args.skip_heldout:
            continue
        dv = devset_evaluate(split)
        result[f"devset_{split}"] = dv
        print(
            f"dev set {split} ({', '.join(dv['topics'])}; {dv['documents']} documents): "
            f"link P {dv['link_precision']:.3f} R {dv['link_recall']:.3f} "
            f"F1 {dv['link_f1']:.3f}; contested-pair recall {dv['contested_recall']:.3f} "
            f"(marked {dv['contested_marked']:.3f}); position accuracy "
            f"{dv['position_accuracy'] if dv['position_accuracy'] is not None else '-'}; "
            f"publication dates P {dv['date_precision']} R {dv['date_recall']}"
        )
    # blind audit of a whole debates build's links (labels in tests/data/audit)
    from audit_links import precision as audit_precision

    audit = audit_precision()
    if audit is not None:
        result["debates_audit"] = audit
        print(
            f"debates link audit: precision {audit['precision_all']} "
            f"({audit['labelled']} links labelled blind; RECURS {audit['precision_recurs']}, "
            f"CONTESTS {audit['precision_contests']}); {audit['links_per_claim']} links per claim"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "eval-latest.json").write_text(
        json.dumps(result, indent=1, sort_keys=True) + "\n", "utf-8"
    )
    print(f"wrote {RESULTS / 'eval-latest.json'}")


if __name__ == "__main__":
    main()
