"""Publication dates of real documents against gold written by reading them.

Gold set: ``tests/data/pubdates/`` (see its README): stored copies of public web
pages of varied genres (news reports, wire stories, ministry statements, joint
statements, letters, white papers and reports, speeches, UN texts), each saved
as ``docs/<id>.txt`` with the page's address in ``docs/<id>.meta.json``, and a
``gold.json`` giving the date each document was published (or null when the
page gives no date of its own) and where that date is shown.  The documents are
split by issuer into halves: ``tune``, ``report`` and ``fresh`` (each
reported once in its turn, then tuned on) and ``fresh2`` (gathered last by
other hands, reported and never inspected: its errors are not listed).

System: :func:`extract.load.load_document`, the loader every command uses;
``Document.published`` is compared with the gold and ``Document.published_by``
says which evidence gave the date.

Figures per half:

* ``precision``: right dates / dates given;
* ``recall``: right dates / documents whose gold has a date;
* ``wrong``: dates given that differ from the gold, including a date given to a
  document whose gold is null -- the worst error, since a wrong anchor shifts
  every relative time of the document; ``missed``: gold has a date, none given;
* ``undated_kept``: share of the null-gold documents left undated;
* the same counts per ``published_by`` and per genre.

Writes ``benchmarks/results/eval-pubdates-<split>-latest.json`` (with every
wrong and missed document, except for a half of :data:`REPORTED`: the figures
only). :func:`run` (what ``make eval`` calls) scores every half there is.

Usage: python benchmarks/eval_pubdates.py --split tune|report|fresh [--errors]
       python benchmarks/eval_pubdates.py --split fresh2
"""

from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import sys
from collections.abc import Sequence

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "pubdates"
RESULTS = ROOT / "benchmarks" / "results"
SPLITS = ("tune", "report", "fresh", "fresh2")
LABELS = {
    "tune": "tune",
    "report": "report (since tuned on)",
    "fresh": "fresh (reported once, since tuned on)",
    "fresh2": "fresh2 (not tuned on)",
}
#: halves reported and never inspected: no per-document outcome leaves the scorer
REPORTED = ("fresh2",)
#: lines of each wrong or missed document shown by --errors
FIRST_LINES = 5


def read_gold(folder: pathlib.Path) -> list[dict]:
    """The ``documents`` of ``folder/gold.json``, each checked for its keys and date form."""
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    documents = gold["documents"]
    for entry in documents:
        missing = {"id", "url", "genre", "issuer", "published", "evidence"} - set(entry)
        if missing:
            raise ValueError(
                f"{folder / 'gold.json'}: {entry.get('id')}: missing {sorted(missing)}"
            )
        if entry["published"] is not None:
            datetime.date.fromisoformat(entry["published"])
    return documents


def _first_lines(text: str, count: int = FIRST_LINES) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [line if len(line) <= 160 else line[:157] + "..." for line in lines[:count]]


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def score(folder: pathlib.Path) -> dict:
    """Load every document of ``folder`` and compare its date of publication with the gold.

    Returns the figures (see the module docstring) and ``errors``: every wrong
    and missed document with its gold, the date given, the evidence named and
    its first lines.
    """
    from extract.errors import DocumentError
    from extract.load import load_document

    outcomes = []
    for entry in read_gold(folder):
        path = folder / "docs" / f"{entry['id']}.txt"
        expected = entry["published"]
        try:
            document = load_document(path)
        except DocumentError as err:
            given, by, text, failure = None, None, "", str(err)
        else:
            given = document.published.isoformat() if document.published else None
            by, text, failure = document.published_by, document.text, None
        if given is not None:
            outcome = "right" if given == expected else "wrong"
        else:
            outcome = "missed" if expected is not None else "left undated"
        outcomes.append(
            {
                "id": entry["id"],
                "genre": entry["genre"],
                "gold": expected,
                "given": given,
                "published_by": by,
                "outcome": outcome,
                "evidence": entry["evidence"],
                "first_lines": _first_lines(text),
                "load_error": failure,
            }
        )

    def count(outcome: str, rows: list[dict] = outcomes) -> int:
        return sum(1 for row in rows if row["outcome"] == outcome)

    given = [row for row in outcomes if row["given"] is not None]
    dated = [row for row in outcomes if row["gold"] is not None]
    undated = [row for row in outcomes if row["gold"] is None]
    right, wrong = count("right"), count("wrong")
    by_evidence: dict[str, dict[str, int]] = {}
    for row in given:
        tally = by_evidence.setdefault(
            str(row["published_by"]), {"given": 0, "right": 0, "wrong": 0}
        )
        tally["given"] += 1
        tally[row["outcome"]] += 1
    by_genre: dict[str, dict[str, int]] = {}
    for row in outcomes:
        tally = by_genre.setdefault(
            row["genre"],
            {
                "documents": 0,
                "gold_dated": 0,
                "right": 0,
                "wrong": 0,
                "missed": 0,
                "left undated": 0,
            },
        )
        tally["documents"] += 1
        tally["gold_dated"] += row["gold"] is not None
        tally[row["outcome"]] += 1
    return {
        "folder": str(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder),
        "documents": len(outcomes),
        "gold_dated": len(dated),
        "gold_undated": len(undated),
        "dates_given": len(given),
        "right": right,
        "wrong": wrong,
        "wrong_on_undated": count("wrong", undated),
        "missed": count("missed"),
        "left_undated": count("left undated"),
        "precision": _ratio(right, len(given)),
        "recall": _ratio(right, len(dated)),
        "undated_kept": _ratio(count("left undated"), len(undated)),
        "by_published_by": dict(sorted(by_evidence.items())),
        "by_genre": dict(sorted(by_genre.items())),
        "load_errors": sum(1 for row in outcomes if row["load_error"]),
        "errors": [row for row in outcomes if row["outcome"] in ("wrong", "missed")],
    }


def format_line(label: str, figures: dict) -> str:
    """One line: P, R, wrong, missed, null-gold kept, and the evidence used."""
    evidence = ", ".join(
        f"{by} {tally['right']}/{tally['given']}"
        for by, tally in figures["by_published_by"].items()
    )
    return (
        f"publication dates {label} ({figures['documents']} documents, "
        f"{figures['gold_dated']} dated in gold): P {figures['precision']} "
        f"R {figures['recall']}; wrong {figures['wrong']} "
        f"({figures['wrong_on_undated']} on undated gold), missed {figures['missed']}; "
        f"undated kept {figures['left_undated']}/{figures['gold_undated']}; "
        f"right/given by evidence: {evidence or '-'}"
    )


def format_errors(figures: dict) -> str:
    """The wrong and missed documents, with gold, date given and first lines."""
    out = []
    for row in figures["errors"]:
        out.append(
            f"== {row['outcome']}: {row['id']} ({row['genre']}): gold {row['gold']}, "
            f"given {row['given']} ({row['published_by']})"
        )
        out.append(f"   evidence: {row['evidence']}")
        if row["load_error"]:
            out.append(f"   load error: {row['load_error']}")
        out.extend(f"   | {line}" for line in row["first_lines"])
    return "\n".join(out)


def evaluate(split: str, *, data: pathlib.Path = DATA) -> dict:
    """Score one half and write its results file; the figures (no errors for :data:`REPORTED`)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    figures = score(data / split)
    figures["split"] = split
    figures["date"] = datetime.date.today().isoformat()
    if split in REPORTED:
        # reported, never inspected: no per-document outcomes leave this function
        figures.pop("errors")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"eval-pubdates-{split}-latest.json"
    out.write_text(
        json.dumps(figures, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8"
    )
    return figures


def run() -> dict:
    """Score every half, print one line each, write their results; the figures without errors."""
    result = {}
    for split in SPLITS:
        if not (DATA / split / "gold.json").is_file():
            continue
        figures = evaluate(split)
        print(format_line(LABELS[split], figures))
        result[split] = {k: v for k, v in figures.items() if k != "errors"}
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=SPLITS, default="tune")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list the wrong and missed documents with their first lines (not for fresh2)",
    )
    args = parser.parse_args(argv)
    if args.errors and args.split in REPORTED:
        parser.error(
            f"--errors is refused for the {args.split} half: it is reported, never inspected "
            "for tuning; list the errors of another half"
        )
    figures = evaluate(args.split)
    if args.errors:
        print(format_errors(figures))
    print(format_line(LABELS[args.split], figures))
    print(f"wrote {RESULTS / f'eval-pubdates-{args.split}-latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
