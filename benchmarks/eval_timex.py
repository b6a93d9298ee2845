"""Time expressions (TIMEX3) against hand-written gold: span P/R/F1, value and modifier accuracy.

Gold sets:

1. ``tests/data/timex/lakeland-water-1998.timex3.json``: a news text written
   for the purpose (document creation time 1998-02-27) covering every value
   form claimgraph produces, annotated by hand from the TimeML TIMEX3
   guidelines.
2. The seeds: ``tests/data/gold/seeds.jsonl`` (times per sentence; spans are
   found by locating each sentence, then each time text in it), or, when that
   file is missing, the seven seed expressions named in issue 8.

System: the extraction a build runs (``extract_documents``), every time
expression of every sentence, claim or not.

Figures per gold set and over both (micro-averaged):

* span precision/recall/F1, exact (same start and end) and overlap (one-to-one
  pairing of overlapping spans, earliest first);
* value accuracy: type and value equal, over the exactly matched spans;
* modifier accuracy: TIMEX3 ``mod`` equal (None = None), over the exactly
  matched spans.  For a SET the gold's ``quant`` is compared, since records
  carry "EVERY" as the modifier (they have no quant field);
* value F1: exact span and correct type and value, against all gold and all
  system expressions.

Prints a table and writes benchmarks/results/eval-timex-latest.json (figures
and every error).  Usage: python benchmarks/eval_timex.py
"""

from __future__ import annotations

import datetime
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TIMEX_GOLD = ROOT / "tests" / "data" / "timex" / "lakeland-water-1998.timex3.json"
SEEDS_GOLD = ROOT / "tests" / "data" / "gold" / "seeds.jsonl"
SEEDS = ROOT / "seeds"

if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

#: The seeds' time expressions named in issue 8: (file, text before, text, type, value, mod).
ISSUE_SEED_TIMES = [
    ("2019-07-10_china-mission-geneva_spokesperson-remarks.txt", "", "10 July 2019", "DATE", "2019-07-10", None),
    ("2019-07-10_china-mission-geneva_spokesperson-remarks.txt", "", "A few days ago", "DATE", "PAST_REF", None),
    ("2019-07-10_china-mission-geneva_spokesperson-remarks.txt", "for ", "almost three years", "DURATION", "P3Y", "APPROX"),
    ("2019-07-10_china-mission-geneva_spokesperson-remarks.txt", "By ", "2020", "DATE", "2020", None),
    ("2023-09-14_china-mission-new-york_note-verbale.txt", "for ", "September 19", "DATE", "2023-09-19", None),
    ("2023-09-14_china-mission-new-york_note-verbale.txt", "for ", "over six consecutive years", "DURATION", "P6Y", "MORE_THAN"),
    ("2023-09-14_china-mission-new-york_note-verbale.txt", "", "14 September 2023", "DATE", "2023-09-14", None),
]  # fmt: skip


def _gold(text: str, start: int, end: int, type_: str, value: str, mod: str | None) -> dict:
    return {"text": text, "start": start, "end": end, "type": type_, "value": value, "mod": mod}


def timex_gold() -> tuple[pathlib.Path, datetime.date, list[dict]]:
    """The test text, its document creation time and its gold expressions."""
    gold = json.loads(TIMEX_GOLD.read_text("utf-8"))
    path = TIMEX_GOLD.parent / gold["document"]
    expressions = []
    for t in gold["timex3"]:
        mod = t.get("quant") if t["type"] == "SET" else t["mod"]
        expressions.append(_gold(t["text"], t["start"], t["end"], t["type"], t["value"], mod))
    return path, datetime.date.fromisoformat(gold["dct"]), expressions


def seeds_gold() -> tuple[str, dict[str, list[dict]]]:
    """Gold expressions of the seeds by file name, and which gold it came from."""
    by_file: dict[str, list[dict]] = {}
    if SEEDS_GOLD.exists():
        cursor: dict[str, int] = {}
        for line in SEEDS_GOLD.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            name = row["doc"]
            text = (SEEDS / name).read_text("utf-8")
            # sentences are listed in document order: search on from the last one
            at = text.find(row["text"], cursor.get(name, 0))
            if at < 0:
                at = text.index(row["text"])
            cursor[name] = at + len(row["text"])
            expressions = by_file.setdefault(name, [])
            inner = 0
            for t in row["times"]:
                start = row["text"].index(t["text"], inner)
                inner = start + len(t["text"])
                expressions.append(
                    _gold(
                        t["text"],
                        at + start,
                        at + inner,
                        t["type"],
                        t["value"],
                        t.get("modifier"),
                    )
                )
        return str(SEEDS_GOLD.relative_to(ROOT)), by_file
    for name, before, span, type_, value, mod in ISSUE_SEED_TIMES:
        text = (SEEDS / name).read_text("utf-8")
        start = text.index(before + span) + len(before)
        by_file.setdefault(name, []).append(
            _gold(span, start, start + len(span), type_, value, mod)
        )
    return "issue 8 (seven seed expressions; tests/data/gold/seeds.jsonl missing)", by_file


def score(gold: list[dict], system: list[dict]) -> dict:
    """Span, value and modifier figures of ``system`` against ``gold`` (one document each)."""
    by_span = {(s["start"], s["end"]): s for s in system}
    exact = [
        (g, by_span[(g["start"], g["end"])]) for g in gold if (g["start"], g["end"]) in by_span
    ]
    # overlap: pair each gold with the first unpaired system expression that overlaps it
    paired: set[tuple[int, int]] = set()
    overlap = 0
    for g in sorted(gold, key=lambda g: (g["start"], g["end"])):
        for s in sorted(system, key=lambda s: (s["start"], s["end"])):
            key = (s["start"], s["end"])
            if key not in paired and s["start"] < g["end"] and g["start"] < s["end"]:
                paired.add(key)
                overlap += 1
                break
    right_value = [(g, s) for g, s in exact if (g["type"], g["value"]) == (s["type"], s["value"])]
    right_mod = [(g, s) for g, s in exact if g["mod"] == s["modifier"]]
    exact_spans = {(g["start"], g["end"]) for g, _ in exact}
    gold_spans = {(g["start"], g["end"]) for g in gold}
    return {
        "gold": len(gold),
        "system": len(system),
        "exact": len(exact),
        "overlap": overlap,
        "value_correct": len(right_value),
        "modifier_correct": len(right_mod),
        "errors": {
            "missed": [g for g in gold if (g["start"], g["end"]) not in exact_spans],
            "spurious": [s for s in system if (s["start"], s["end"]) not in gold_spans],
            "wrong_value": [
                {"gold": g, "system": s}
                for g, s in exact
                if (g["type"], g["value"]) != (s["type"], s["value"])
            ],
            "wrong_modifier": [
                {"gold": g, "system": s} for g, s in exact if g["mod"] != s["modifier"]
            ],
        },
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def figures(counts: dict) -> dict:
    """P/R/F1 and accuracies from summed counts."""
    out = {k: counts[k] for k in ("gold", "system", "exact", "overlap")}
    for kind in ("exact", "overlap"):
        p, r = _ratio(counts[kind], counts["system"]), _ratio(counts[kind], counts["gold"])
        out[f"span_{kind}"] = {"precision": p, "recall": r, "f1": _f1(p, r)}
    out["value_accuracy"] = _ratio(counts["value_correct"], counts["exact"])
    out["modifier_accuracy"] = _ratio(counts["modifier_correct"], counts["exact"])
    p = _ratio(counts["value_correct"], counts["system"])
    r = _ratio(counts["value_correct"], counts["gold"])
    out["value_f1"] = _f1(p, r)
    return out


def evaluate() -> dict:
    """Extract the gold documents and score their time expressions; figures and errors."""
    from extract.claims import extract_documents
    from extract.load import load_document

    path, dct, lakeland = timex_gold()
    seed_source, seeds = seeds_gold()
    documents = [load_document(path, published=dct)]
    gold_of = [("timex", lakeland)]
    for name in sorted(seeds):
        documents.append(load_document(SEEDS / name))
        gold_of.append(("seeds", seeds[name]))
    sets: dict[str, dict] = {}
    for (set_name, gold), extraction in zip(gold_of, extract_documents(documents), strict=True):
        system = [
            {
                "text": t.text,
                "start": t.start,
                "end": t.end,
                "type": t.type,
                "value": t.value,
                "modifier": t.modifier,
            }
            for t in extraction.times
        ]
        result = score(gold, system)
        entry = sets.setdefault(set_name, {"counts": {}, "errors": {}, "documents": []})
        entry["documents"].append(extraction.document.path)
        for key, value in result.items():
            if key == "errors":
                for kind, items in value.items():
                    entry["errors"].setdefault(kind, []).extend(items)
            else:
                entry["counts"][key] = entry["counts"].get(key, 0) + value
    total = {key: sum(s["counts"][key] for s in sets.values()) for key in sets["timex"]["counts"]}
    return {
        "date": datetime.date.today().isoformat(),
        "gold": {
            "timex": str(TIMEX_GOLD.relative_to(ROOT)) + f" (dct {dct.isoformat()})",
            "seeds": seed_source,
        },
        "timex": figures(sets["timex"]["counts"]),
        "seeds": figures(sets["seeds"]["counts"]),
        "all": figures(total),
        "errors": {name: s["errors"] for name, s in sets.items()},
    }


def format_table(result: dict) -> str:
    """The figures as a small text table."""
    header = (
        f"{'TIMEX3':<8} {'gold':>5} {'sys':>5}  {'exact P/R/F1':<19} {'overlap P/R/F1':<19} "
        f"{'value acc':>9} {'mod acc':>8} {'value F1':>9}"
    )
    lines = [header]
    for name in ("timex", "seeds", "all"):
        f = result[name]
        e, o = f["span_exact"], f["span_overlap"]
        lines.append(
            f"{name:<8} {f['gold']:>5} {f['system']:>5}  "
            f"{e['precision']:.3f}/{e['recall']:.3f}/{e['f1']:.3f}  "
            f"{o['precision']:.3f}/{o['recall']:.3f}/{o['f1']:.3f}  "
            f"{f['value_accuracy']:>9.3f} {f['modifier_accuracy']:>8.3f} {f['value_f1']:>9.3f}"
        )
    lines.append(f"  timex: {result['gold']['timex']}; seeds: {result['gold']['seeds']}")
    for name, errors in result["errors"].items():
        for g in errors["missed"]:
            what = " ".join(x for x in (g["type"], g["value"], g["mod"]) if x)
            lines.append(f"  {name}: missed {g['text']!r} ({what})")
        for s in errors["spurious"]:
            lines.append(f"  {name}: spurious {s['text']!r} ({s['type']} {s['value']})")
        for pair in errors["wrong_value"]:
            g, s = pair["gold"], pair["system"]
            lines.append(
                f"  {name}: {g['text']!r} is {g['type']} {g['value']}, got {s['type']} {s['value']}"
            )
        for pair in errors["wrong_modifier"]:
            g, s = pair["gold"], pair["system"]
            lines.append(f"  {name}: {g['text']!r} mod {g['mod']}, got {s['modifier']}")
    return "\n".join(lines)


def run() -> dict:
    """Evaluate, print the table, write eval-timex-latest.json; the figures without errors."""
    result = evaluate()
    print(format_table(result))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "eval-timex-latest.json"
    out.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out}")
    return {k: v for k, v in result.items() if k != "errors"}


if __name__ == "__main__":
    run()
