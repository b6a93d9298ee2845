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
and every error).

TimeML gold (``tests/data/timex/tml/``, issue 14): TimeML ``.tml`` files of real
English text, TIMEX3 written by hand, split by document into ``tune/``,
``report/``, ``fresh/`` (each reported once in its turn, then tuned on) and
``fresh2/`` (written last by other hands, for reporting only: nothing is
tuned on it).
:func:`read_tml` takes the DCT as the anchor and the TEXT content, tags removed,
as the document text; each document is extracted anchored on its DCT as the
JSON gold is.  Figures as TempEval-3 reports them:

* span precision/recall/F1, strict (same start and end) and relaxed (one-to-one
  pairing of overlapping spans, exact matches first);
* type accuracy and value accuracy (the value alone, as TempEval-3 scores it)
  over the relaxed matches, and type/value F1 (accuracy times relaxed F1,
  TempEval-3's attribute F1); values are compared as written, except that equal
  durations in other units are equal (P1DE = P10Y, P1CE = P100Y, P1Q = P3M);
  modifier accuracy as above, over the relaxed matches;
* value accuracy per kind of gold value (:func:`value_kind`: full date, year,
  month, week, weekday/day reference, quarter/half/season, duration,
  approximate/partial, PAST/PRESENT/FUTURE_REF, set, time).

Each folder writes benchmarks/results/eval-timex-tml-<folder>-latest.json (figures
and every error, with text).  :func:`run` (what ``make eval`` calls) scores the
three halves after the JSON gold (:data:`TML_SPLITS`).

Usage: python benchmarks/eval_timex.py
       python benchmarks/eval_timex.py --tml tests/data/timex/tml/tune [--errors]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import pathlib
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TIMEX_GOLD = ROOT / "tests" / "data" / "timex" / "lakeland-water-1998.timex3.json"
SEEDS_GOLD = ROOT / "tests" / "data" / "gold" / "seeds.jsonl"
SEEDS = ROOT / "seeds"
TML_GOLD = ROOT / "tests" / "data" / "timex" / "tml"
#: The halves of the TimeML gold and how the figures are labelled.
TML_SPLITS = (
    ("tune", "tune"),
    ("report", "report (since tuned on)"),
    ("fresh", "fresh (reported once, since tuned on)"),
    ("fresh2", "fresh2 (not tuned on)"),
)
#: halves reported and never inspected: their errors are neither printed nor written
TML_REPORTED = ("fresh2",)

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
        result = score(gold, _system_times(extraction))
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


# --------------------------------------------------------------------------
# TimeML gold (issue 14): reader, extraction on the DCT, TempEval-3 figures


@dataclasses.dataclass
class TmlDocument:
    """A TimeML document: its DCT, its plain text and its gold TIMEX3s.

    ``timex`` holds one dict per TIMEX3 of the TEXT: ``tid``, ``text``,
    ``start``/``end`` (character offsets into ``text``), ``type``, ``value``,
    ``mod``, ``quant`` and ``freq`` (None when absent).
    """

    name: str
    dct: datetime.date
    text: str
    timex: list[dict]


def parse_tml(xml: str, name: str = "document") -> TmlDocument:
    """Parse a TimeML document given as a string (see :func:`read_tml`)."""
    root = ET.fromstring(xml)
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{name}: no <TEXT> element")
    dct_value = None
    for element in root.iter("TIMEX3"):
        if element.get("functionInDocument") == "CREATION_TIME":
            dct_value = element.get("value")
            break
    if dct_value is None:
        element = root.find("DCT/TIMEX3")
        dct_value = element.get("value") if element is not None else None
    if not dct_value or not re.match(r"\d{4}-\d{2}-\d{2}", dct_value):
        raise ValueError(f"{name}: no DCT date (a CREATION_TIME TIMEX3 with value YYYY-MM-DD)")
    dct = datetime.date.fromisoformat(dct_value[:10])

    parts: list[str] = []
    length = 0
    timex: list[dict] = []

    def add(piece: str | None) -> None:
        nonlocal length
        if piece:
            parts.append(piece)
            length += len(piece)

    def walk(element: ET.Element) -> None:
        add(element.text)
        for child in element:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                timex.append(
                    {
                        "tid": child.get("tid"),
                        "start": start,
                        "end": length,
                        "type": child.get("type"),
                        "value": child.get("value"),
                        "mod": child.get("mod"),
                        "quant": child.get("quant"),
                        "freq": child.get("freq"),
                    }
                )
            add(child.tail)

    walk(text_element)
    text = "".join(parts)
    for t in timex:
        t["text"] = text[t["start"] : t["end"]]
    timex.sort(key=lambda t: (t["start"], t["end"]))
    return TmlDocument(name, dct, text, timex)


def read_tml(path: str | pathlib.Path) -> TmlDocument:
    """Read a TimeML ``.tml`` file: DCT, TEXT without tags, gold TIMEX3 with offsets.

    The DCT is the value of the TIMEX3 whose ``functionInDocument`` is
    ``CREATION_TIME`` (or the TIMEX3 inside ``<DCT>``).  The text is every
    character of the TEXT element with the tags removed, so each TIMEX3's
    ``start``/``end`` index its characters in that text.
    """
    path = pathlib.Path(path)
    return parse_tml(path.read_text("utf-8"), path.stem)


def read_tml_folder(folder: str | pathlib.Path) -> list[TmlDocument]:
    """Every ``.tml`` file of ``folder``, by file name."""
    paths = sorted(pathlib.Path(folder).glob("*.tml"))
    if not paths:
        raise FileNotFoundError(f"no .tml files in {folder}")
    return [read_tml(p) for p in paths]


_REFS = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}
_DAY_WORDS = re.compile(
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|day",
    re.I,
)

#: The kinds of :func:`value_kind`, in the order the tables list them.
KINDS = (
    "full-date",
    "weekday/day-ref",
    "year",
    "month",
    "week",
    "quarter/half/season",
    "duration",
    "approx/partial",
    "ref",
    "set",
    "time",
    "other",
)


def value_kind(timex: dict) -> str:
    """What kind of time a gold TIMEX3 is, from its type, value, mod and text.

    ``set``; ``time`` (type TIME); ``ref`` (PAST_REF, PRESENT_REF, FUTURE_REF);
    ``approx/partial`` (an X in the value, mod APPROX, a decade or century
    value such as ``199``, or an "... ago" date); ``duration``; and for other
    dates by granularity: ``full-date`` (a day written with digits),
    ``weekday/day-ref`` (a day written without: "Tuesday", "the next day",
    "today"), ``month``, ``week`` (also weekends), ``quarter/half/season``,
    ``year``.
    """
    type_, value = timex["type"], timex["value"] or ""
    mod, text = timex.get("mod"), timex.get("text") or ""
    if type_ == "SET":
        return "set"
    if value in _REFS:
        return "ref"
    if type_ == "TIME":
        return "time"
    if "X" in value or mod == "APPROX":
        return "approx/partial"
    if type_ == "DURATION":
        return "duration"
    if re.fullmatch(r"\d{2,3}", value) or re.search(r"\bago\b", text, re.I):
        return "approx/partial"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        if re.search(r"\d", text) or not _DAY_WORDS.search(text):
            return "full-date"
        return "weekday/day-ref"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-(Q[1-4]|H[12]|SP|SU|FA|WI)", value):
        return "quarter/half/season"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return "other"


_UNIT_FACTORS = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M")}


def _normal_value(value: str | None) -> str:
    """A value with durations in decades, centuries and quarters put in years and months."""
    value = (value or "").strip().upper()

    def scale(match: re.Match[str]) -> str:
        factor, unit = _UNIT_FACTORS[match.group(2)]
        number = match.group(1)
        scaled = float(number) * factor
        return f"{scaled:g}{unit}"

    if value.startswith("P") and not value.startswith("PAST") and not value.startswith("PRES"):
        return re.sub(r"(\d+(?:\.\d+)?)(DE|CE|Q)", scale, value)
    return value


def same_value(gold: str | None, system: str | None) -> bool:
    """Whether two TIMEX3 values are the same (durations compared across units)."""
    return _normal_value(gold) == _normal_value(system)


def _gold_modifier(gold: dict) -> str | None:
    # records carry a SET's quantifier ("EVERY") as the modifier
    if gold["type"] == "SET" and not gold.get("mod"):
        return gold.get("quant")
    return gold.get("mod")


def pair_spans(gold: list[dict], system: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans.

    Exact matches are paired first; each gold left then takes the unpaired
    system expression that overlaps it most (the earliest on a tie).
    """
    pairs: list[tuple[int, int]] = []
    by_span = {}
    for j, s in enumerate(system):
        by_span.setdefault((s["start"], s["end"]), j)
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for i, g in enumerate(gold):
        j = by_span.get((g["start"], g["end"]))
        if j is not None and j not in used_system:
            pairs.append((i, j))
            used_gold.add(i)
            used_system.add(j)
    for i, g in sorted(enumerate(gold), key=lambda x: (x[1]["start"], x[1]["end"])):
        if i in used_gold:
            continue
        best, best_overlap = None, 0
        for j, s in enumerate(system):
            if j in used_system:
                continue
            overlap = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if overlap > best_overlap or (
                overlap == best_overlap and overlap > 0 and s["start"] < system[best]["start"]
            ):
                best, best_overlap = j, overlap
        if best is not None:
            pairs.append((i, best))
            used_gold.add(i)
            used_system.add(best)
    return sorted(pairs)


def score_timeml(gold: list[dict], system: list[dict], document: str = "") -> dict:
    """TempEval-3 counts of ``system`` against ``gold`` for one document, and every error.

    Gold entries are :func:`read_tml` TIMEX3 dicts; system entries have
    ``text``, ``start``, ``end``, ``type``, ``value`` and ``modifier``.
    """
    pairs = pair_spans(gold, system)
    paired_gold = {i for i, _ in pairs}
    paired_system = {j for _, j in pairs}
    counts = {
        "gold": len(gold),
        "system": len(system),
        "strict": 0,
        "relaxed": len(pairs),
        "type_correct": 0,
        "value_correct": 0,
        "modifier_correct": 0,
    }
    kinds: dict[str, dict[str, int]] = {}
    errors: dict[str, list] = {
        "missed": [],
        "spurious": [],
        "wrong_value": [],
        "wrong_type": [],
        "wrong_modifier": [],
        "partial_span": [],
    }
    for i, g in enumerate(gold):
        kind = kinds.setdefault(value_kind(g), {"gold": 0, "found": 0, "value_correct": 0})
        kind["gold"] += 1
        if i not in paired_gold:
            errors["missed"].append({"document": document, "kind": value_kind(g), "gold": g})
    for j, s in enumerate(system):
        if j not in paired_system:
            errors["spurious"].append({"document": document, "system": s})
    for i, j in pairs:
        g, s = gold[i], system[j]
        kind = kinds[value_kind(g)]
        kind["found"] += 1
        pair = {"document": document, "kind": value_kind(g), "gold": g, "system": s}
        exact = (g["start"], g["end"]) == (s["start"], s["end"])
        counts["strict"] += exact
        if not exact:
            errors["partial_span"].append(pair)
        if g["type"] == s["type"]:
            counts["type_correct"] += 1
        else:
            errors["wrong_type"].append(pair)
        if same_value(g["value"], s["value"]):
            counts["value_correct"] += 1
            kind["value_correct"] += 1
        else:
            errors["wrong_value"].append(pair)
        if _gold_modifier(g) == s.get("modifier"):
            counts["modifier_correct"] += 1
        else:
            errors["wrong_modifier"].append(pair)
    return {"counts": counts, "kinds": kinds, "errors": errors}


def timeml_figures(counts: dict, kinds: dict) -> dict:
    """TempEval-3 figures from summed counts: span P/R/F1, attribute accuracy and F1, per kind."""
    out: dict = {k: counts[k] for k in ("gold", "system", "strict", "relaxed")}
    for kind in ("strict", "relaxed"):
        p, r = _ratio(counts[kind], counts["system"]), _ratio(counts[kind], counts["gold"])
        out[f"span_{kind}"] = {"precision": p, "recall": r, "f1": _f1(p, r)}
    both = counts["gold"] + counts["system"]
    for name in ("type", "value", "modifier"):
        correct = counts[f"{name}_correct"]
        out[f"{name}_accuracy"] = _ratio(correct, counts["relaxed"])
        # accuracy x relaxed F1 = F1 of (correct / system, correct / gold)
        out[f"{name}_f1"] = _ratio(2 * correct, both)
    out["per_kind"] = {
        kind: {
            "gold": kinds[kind]["gold"],
            "found": kinds[kind]["found"],
            "value_correct": kinds[kind]["value_correct"],
            "value_accuracy": _ratio(kinds[kind]["value_correct"], kinds[kind]["found"]),
            "value_recall": _ratio(kinds[kind]["value_correct"], kinds[kind]["gold"]),
        }
        for kind in KINDS
        if kind in kinds
    }
    return out


def _system_times(extraction) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
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


def extract_tml(documents: list[TmlDocument]) -> list[list[dict]]:
    """claimgraph's time expressions of each document's text, anchored on its DCT.

    Each text is written to a temporary ``.txt`` file and loaded with
    ``load_document(path, published=dct)``, then extracted as a build extracts
    (``extract_documents``), the way :func:`evaluate` treats the JSON gold.
    """
    from extract.claims import extract_documents
    from extract.load import load_document

    with tempfile.TemporaryDirectory() as folder:
        loaded = []
        for n, document in enumerate(documents):
            path = pathlib.Path(folder) / f"{n:03d}-{document.name}.txt"
            path.write_text(document.text, "utf-8")
            loaded.append(load_document(path, published=document.dct))
        extractions = list(extract_documents(loaded))
    out = []
    for document, extraction in zip(documents, extractions, strict=True):
        if extraction.document.text != document.text:
            raise RuntimeError(
                f"{document.name}: the loaded text differs from the TEXT of the .tml"
            )
        out.append(_system_times(extraction))
    return out


def evaluate_tml(
    folder: str | pathlib.Path,
    label: str | None = None,
    tagger: Callable[[list[TmlDocument]], list[list[dict]]] | None = None,
) -> dict:
    """Score claimgraph (or another ``tagger``: documents -> time expressions of each,
    as :func:`extract_tml` gives them) on every ``.tml`` file of ``folder``: figures,
    per kind, every error."""
    folder = pathlib.Path(folder).resolve()
    documents = read_tml_folder(folder)
    systems = (tagger or extract_tml)(documents)
    counts: dict[str, int] = {}
    kinds: dict[str, dict[str, int]] = {}
    errors: dict[str, list] = {}
    listing = []
    for document, system in zip(documents, systems, strict=True):
        result = score_timeml(document.timex, system, document.name)
        for key, value in result["counts"].items():
            counts[key] = counts.get(key, 0) + value
        for kind, value in result["kinds"].items():
            entry = kinds.setdefault(kind, {"gold": 0, "found": 0, "value_correct": 0})
            for key in entry:
                entry[key] += value[key]
        for key, items in result["errors"].items():
            errors.setdefault(key, []).extend(items)
        listing.append(
            {
                "document": document.name,
                "dct": document.dct.isoformat(),
                "gold": len(document.timex),
                "system": len(system),
            }
        )
    try:
        shown = str(folder.relative_to(ROOT))
    except ValueError:
        shown = str(folder)
    return {
        "date": datetime.date.today().isoformat(),
        "gold": shown,
        "label": label or folder.name,
        "documents": listing,
        "figures": timeml_figures(counts, kinds),
        "errors": errors,
    }


def _describe(t: dict) -> str:
    return " ".join(x for x in (t["type"], t["value"], t.get("mod") or t.get("modifier")) if x)


def format_tml_table(result: dict, *, errors: bool = False) -> str:
    """The TimeML figures of one folder as a text table (and, if asked, every error)."""
    f = result["figures"]
    s, r = f["span_strict"], f["span_relaxed"]
    lines = [
        f"TimeML gold {result['gold']} -- {result['label']} ({len(result['documents'])} documents)",
        f"{'TIMEX3':<8} {'gold':>5} {'sys':>5}  {'strict P/R/F1':<19} {'relaxed P/R/F1':<19} "
        f"{'type acc':>8} {'value acc':>9} {'value F1':>8} {'mod acc':>7}",
        f"{result['label'].split()[0]:<8} {f['gold']:>5} {f['system']:>5}  "
        f"{s['precision']:.3f}/{s['recall']:.3f}/{s['f1']:.3f}  "
        f"{r['precision']:.3f}/{r['recall']:.3f}/{r['f1']:.3f}  "
        f"{f['type_accuracy']:>8.3f} {f['value_accuracy']:>9.3f} {f['value_f1']:>8.3f} "
        f"{f['modifier_accuracy']:>7.3f}",
        f"  value per kind of gold: {'kind':<20} {'gold':>4} {'found':>5} {'value ok':>8} "
        f"{'acc/found':>9} {'ok/gold':>7}",
    ]
    for kind, k in f["per_kind"].items():
        lines.append(
            f"  {'':<23} {kind:<20} {k['gold']:>4} {k['found']:>5} {k['value_correct']:>8} "
            f"{k['value_accuracy']:>9.3f} {k['value_recall']:>7.3f}"
        )
    e = result.get("errors")
    if e is None:
        lines.append("  errors: not listed (a half that is reported, never inspected)")
        return "\n".join(lines)
    lines.append(
        "  errors: "
        + ", ".join(f"{len(e[key])} {key.replace('_', ' ')}" for key in e)
        + f" (every one in {tml_result_path(result).relative_to(ROOT)})"
    )
    if errors:
        for item in e["missed"]:
            g = item["gold"]
            lines.append(f"  {item['document']}: missed {g['text']!r} ({_describe(g)})")
        for item in e["spurious"]:
            t = item["system"]
            lines.append(f"  {item['document']}: spurious {t['text']!r} ({_describe(t)})")
        for item in e["wrong_value"]:
            g, t = item["gold"], item["system"]
            lines.append(
                f"  {item['document']}: {g['text']!r} is {_describe(g)}, "
                f"got {t['text']!r} {_describe(t)}"
            )
    return "\n".join(lines)


def tml_result_path(result: dict) -> pathlib.Path:
    """Where the figures of a TimeML folder are written."""
    folder = pathlib.Path(result["gold"]).name
    return RESULTS / f"eval-timex-tml-{folder}-latest.json"


def run_tml(folder: str | pathlib.Path, label: str | None = None, *, errors: bool = False) -> dict:
    """Evaluate a folder of .tml files, print its table, write its JSON; figures without errors.

    The errors of a half in :data:`TML_REPORTED` are dropped before anything is
    printed or written."""
    result = evaluate_tml(folder, label)
    if pathlib.Path(folder).resolve().name in TML_REPORTED:
        if errors:
            raise SystemExit(
                f"--errors is refused for {folder}: that half is reported, never inspected"
            )
        result.pop("errors", None)
    print(format_tml_table(result, errors=errors))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = tml_result_path(result)
    out.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out}")
    return {k: v for k, v in result.items() if k != "errors"}


def run() -> dict:
    """Evaluate, print the tables, write the JSON files; the figures without errors.

    The JSON gold goes to eval-timex-latest.json; then each half of the TimeML
    gold is scored once (:data:`TML_SPLITS`), into eval-timex-tml-<half>-latest.json.
    """
    result = evaluate()
    print(format_table(result))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "eval-timex-latest.json"
    out.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out}")
    figures = {k: v for k, v in result.items() if k != "errors"}
    for half, label in TML_SPLITS:
        if (TML_GOLD / half).is_dir():
            figures[f"tml_{half}"] = run_tml(TML_GOLD / half, label)
            # HeidelTime on the same text (`make heideltime` writes it; not a dependency)
            reference = RESULTS / f"heideltime-tml-{half}.json"
            if reference.is_file():
                theirs = json.loads(reference.read_text("utf-8"))
                print(f"HeidelTime on the same {half} half ({reference.name}):")
                print(format_tml_table(theirs).split("\n", 1)[1])
                figures[f"heideltime_tml_{half}"] = theirs["figures"]
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tml",
        action="append",
        metavar="FOLDER",
        help="score a folder of TimeML .tml files (repeatable) instead of the default run",
    )
    parser.add_argument("--errors", action="store_true", help="also print every TimeML error")
    args = parser.parse_args(argv)
    if not args.tml:
        run()
        return
    labels = dict(TML_SPLITS)
    for folder in args.tml:
        name = pathlib.Path(folder).resolve().name
        run_tml(folder, labels.get(name, name), errors=args.errors)


if __name__ == "__main__":
    main()
