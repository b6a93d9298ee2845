"""Extraction quality against the hand-written gold in tests/data/gold/ (`make eval`).

The gold (format and guidelines in tests/data/gold/README.md) gives, for every
sentence of both seeds and of three blocks of debate transcripts, whether it is
a claim, who says it, its stance, the actors it names with their roles, its
time expressions and its quantities.  This module loads each gold document
(seeds with :func:`extract.load.load_document`, debate blocks with
:func:`debate_block_document`), runs :func:`extract.claims.extract_documents`
(the code path of a build), aligns every gold sentence with the extracted
sentence it overlaps most, and scores per field, for each gold file ("seeds",
"debates") and overall:

- claim detection: precision, recall, F1 of claim=true over sentences;
- speaker, stance, negated and reported source: accuracy over the gold claims
  the system also takes as claims;
- actors: precision, recall, F1 over (sentence, actor id) pairs of gold
  claims; role accuracy over the pairs found;
- time expressions, over all sentences: span P/R/F1 (exact and relaxed =
  overlapping), value accuracy (type and value equal) and modifier accuracy
  over relaxed matches, and value F1 (a relaxed match with the right value);
- quantities over gold claims: P/R/F1 of (span overlaps, value, unit), also
  with exact spans; modifier accuracy over matches.

Prints a table and writes benchmarks/results/eval-extraction-latest.json.
Usage: python benchmarks/eval_extraction.py [--gold DIR_OR_FILE] [--errors]
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import hashlib
import json
import math
import pathlib
import re
import sys
from collections.abc import Iterable, Mapping, Sequence

from extract.records import Document, DocumentExtraction

__all__ = [
    "GoldError",
    "compare",
    "debate_block_document",
    "format_table",
    "load_gold",
    "main",
    "score",
]

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
SEEDS = ROOT / "seeds"
DEBATES = ROOT.parent / "shared" / "corpora" / "debates"
RESULTS = ROOT / "benchmarks" / "results"

WHY = frozenset(
    [
        "assertion",
        "header",
        "dateline",
        "address",
        "courtesy",
        "salutation",
        "question",
        "fragment",
        "procedural",
    ]
)
STANCES = frozenset(["asserts", "denies", "reports"])
ROLES = frozenset(["target", "source", "beneficiary", "speaker", "mentioned"])
TIME_TYPES = frozenset(["DATE", "TIME", "DURATION", "SET"])
#: when one sentence names an actor twice, the pair keeps the strongest role
ROLE_PRIORITY = ("speaker", "source", "target", "subject", "beneficiary", "object", "mentioned")
#: the issue's acceptance thresholds, on all gold sentences
TARGETS = {
    "claim detection F1": (("claim_detection", "f1"), 0.95),
    "speaker accuracy": (("speaker", "accuracy"), 0.95),
    "stance accuracy": (("stance", "accuracy"), 0.90),
    "actor F1": (("actors", "f1"), 0.90),
    "time value accuracy": (("times", "value_accuracy"), 0.95),
}


class GoldError(ValueError):
    """The gold file is malformed, or a gold text is not found in its document."""


# ------------------------------------------------------------------ documents


def _read_tsv(path: pathlib.Path) -> list[tuple[int, str, str]]:
    """(line number, speaker, text) of every line of a CheckThat! debate transcript."""
    csv.field_size_limit(sys.maxsize)
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 3 and row[0].strip().isdigit() and row[2].strip():
                rows.append((int(row[0]), row[1].strip(), row[2].strip()))
    return rows


def _block_text(lines: Sequence[tuple[int, str, str]]) -> str:
    paragraphs: list[tuple[str, list[str]]] = []
    for _, speaker, text in lines:
        if paragraphs and paragraphs[-1][0] == speaker:
            paragraphs[-1][1].append(text)
        else:
            paragraphs.append((speaker, [text]))
    return "\n\n".join(f"{speaker}: {' '.join(texts)}" for speaker, texts in paragraphs) + "\n"


def _block_document(stem: str, first: int, last: int, text: str, path: str) -> Document:
    return Document(
        id=f"doc:{stem}-{first}-{last}",
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        format="txt",
        encoding="utf-8",
        title=None,
        issuer=None,
        published=datetime.datetime.strptime(stem[:8], "%Y%m%d").date(),
    )


def debate_block_document(
    tsv_path: str | pathlib.Path, first_line: int, last_line: int
) -> Document:
    """A block of consecutive lines of a debate transcript as one document.

    Each run of consecutive lines by one speaker becomes a paragraph
    ``SPEAKER: line line ...`` (the lines joined by one space), paragraphs are
    separated by a blank line; ``published`` is the file name's date
    (``YYYYMMDD_...``), ``issuer`` None, ``id`` ``doc:<stem>-<first>-<last>``.
    This is the convention of ``benchmarks/bench_build.py``.

    Examples
    --------
    >>> doc = debate_block_document(DEBATES / "20160926_1pres.tsv", 133, 134)  # doctest: +SKIP
    >>> doc.text  # doctest: +SKIP
    'TRUMP: Now, in all fairness to Secretary Clinton -- yes, is that OK? Good.\\n'
    """
    path = pathlib.Path(tsv_path)
    lines = [row for row in _read_tsv(path) if first_line <= row[0] <= last_line]
    if not lines:
        raise GoldError(f"{path}: no lines {first_line}-{last_line}")
    return _block_document(path.stem, first_line, last_line, _block_text(lines), str(path))


def _debate_block_of(doc: str) -> tuple[str, int, int]:
    """(transcript stem, first line, last line) of a gold debate document id."""
    try:
        stem, first, last = doc.split(":", 1)[1].rsplit("-", 2)
        return stem, int(first), int(last)
    except ValueError as err:
        raise GoldError(f"not a debate block id (doc:<stem>-<first>-<last>): {doc!r}") from err


def gold_document(doc: str, gold_dir: pathlib.Path = GOLD) -> Document:
    """The document a gold row refers to: a seed file name or a debate block id.

    A debate block is built from ../shared/corpora/debates; where the corpus is
    missing, from the copy of the block's text kept in ``gold/debates/``.
    """
    from extract.load import load_document

    if not doc.startswith("doc:"):
        return load_document(SEEDS / doc)
    stem, first, last = _debate_block_of(doc)
    tsv = DEBATES / f"{stem}.tsv"
    if tsv.is_file():
        return debate_block_document(tsv, first, last)
    kept = gold_dir / "debates" / f"{stem}-{first}-{last}.txt"
    if not kept.is_file():
        raise GoldError(f"{doc}: neither {tsv} nor {kept} exists")
    return _block_document(stem, first, last, kept.read_text("utf-8"), str(kept))


# ----------------------------------------------------------------------- gold


def _check_row(row: Mapping, where: str) -> None:
    def fail(what: str) -> None:
        raise GoldError(f"{where}: {what}")

    for key in ("doc", "text", "claim", "why", "speaker", "stance", "negated", "actors", "times"):
        if key not in row:
            fail(f"missing key {key!r}")
    if not isinstance(row["claim"], bool) or not isinstance(row["negated"], bool):
        fail("claim and negated must be true or false")
    if row["why"] not in WHY:
        fail(f"why {row['why']!r} not one of {sorted(WHY)}")
    if row["claim"] != (row["why"] == "assertion"):
        fail("claim is true exactly when why is 'assertion'")
    if row["claim"] and row["stance"] not in STANCES:
        fail(f"a claim's stance must be one of {sorted(STANCES)}")
    if not row["claim"] and row["stance"] is not None:
        fail("a sentence that is not a claim has stance null")
    if (row["stance"] == "reports") != bool(row.get("source")):
        fail("a source is given exactly when the stance is 'reports'")
    for actor in row["actors"]:
        if not str(actor.get("id", "")).startswith("actor:") or actor.get("role") not in ROLES:
            fail(f"bad actor {actor}")
        if actor["text"] not in row["text"]:
            fail(f"actor text {actor['text']!r} not in the sentence")
    if len({a["id"] for a in row["actors"]}) != len(row["actors"]):
        fail("an actor is listed once per sentence")
    for time in row["times"]:
        if time.get("type") not in TIME_TYPES or not time.get("value"):
            fail(f"bad time expression {time}")
    for quantity in row.get("quantities", []):
        if not isinstance(quantity.get("value"), int | float):
            fail(f"bad quantity {quantity}")


def _locate(text: str, part: str, start: int, where: str) -> int:
    """Where ``part`` first stands from ``start`` on, as whole words ("now" is not in "know")."""
    before = r"(?<!\w)" if part[:1].isalnum() else ""
    after = r"(?!\w)" if part[-1:].isalnum() else ""
    found = re.compile(before + re.escape(part) + after).search(text, start)
    if found is None:
        raise GoldError(f"{where}: {part[:60]!r} not found in order in its document")
    return found.start()


def load_gold(
    path: str | pathlib.Path, documents: Mapping[str, Document] | None = None
) -> tuple[dict[str, Document], list[dict]]:
    """Read one gold ``.jsonl`` file: its documents, and its rows with character offsets.

    Each row gets ``start``/``end`` (its sentence in the document text, found
    in document order), and each of its times and quantities ``start``/``end``
    (found in order inside the sentence).  ``documents`` maps a row's ``doc``
    to its :class:`~extract.records.Document` (default: :func:`gold_document`).
    """
    path = pathlib.Path(path)
    docs: dict[str, Document] = {}
    rows: list[dict] = []
    cursor: dict[str, int] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise GoldError(f"{where}: {err}") from err
        _check_row(row, where)
        key = row["doc"]
        if key not in docs:
            if documents is not None and key in documents:
                docs[key] = documents[key]
            else:
                docs[key] = gold_document(key, path.parent)
        text = docs[key].text
        start = _locate(text, row["text"], cursor.get(key, 0), where)
        row = dict(row, start=start, end=start + len(row["text"]), where=where)
        cursor[key] = row["end"]
        for field in ("times", "quantities"):
            placed, inner = [], start
            for item in row.get(field, []):
                at = _locate(text[: row["end"]], item["text"], inner, where)
                placed.append(dict(item, start=at, end=at + len(item["text"])))
                inner = at + 1
            row[field] = placed
        rows.append(row)
    return docs, rows


# -------------------------------------------------------------------- scoring


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {
        "precision": None if p is None else round(p, 4),
        "recall": None if r is None else round(r, 4),
        "f1": None if f1 is None else round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def _accuracy(correct: int, total: int) -> dict:
    return {"accuracy": _ratio(correct, total), "correct": correct, "total": total}


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _unit(value: str | None) -> str | None:
    return value.casefold() if value else None


def _sources(value: str | Sequence[str] | None) -> set[str]:
    if value is None:
        return set()
    return {value} if isinstance(value, str) else set(value)


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class _Tally:
    """Counts for one part of the gold; the figures are derived at the end."""

    def __init__(self) -> None:
        self.n = collections.Counter()
        self.roles: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)

    def add(self, other: _Tally) -> None:
        self.n.update(other.n)
        for gold, counts in other.roles.items():
            self.roles[gold].update(counts)

    def figures(self) -> dict:
        n = self.n
        return {
            "sentences": n["sentences"],
            "claims": n["gold_claims"],
            "claim_detection": _prf(n["claim_tp"], n["claim_fp"], n["claim_fn"]),
            "speaker": _accuracy(n["speaker_ok"], n["both_claims"]),
            "stance": _accuracy(n["stance_ok"], n["both_claims"]),
            "negated": _accuracy(n["negated_ok"], n["both_claims"]),
            "source": _accuracy(n["source_ok"], n["reported"]),
            "actors": _prf(n["actor_tp"], n["actor_fp"], n["actor_fn"])
            | {
                "role_accuracy": _ratio(n["role_ok"], n["actor_tp"]),
                "role_confusion": {
                    g: dict(sorted(c.items())) for g, c in sorted(self.roles.items())
                },
            },
            "times": {
                "span_exact": _prf(n["time_exact_tp"], n["time_exact_fp"], n["time_exact_fn"]),
                "span_relaxed": _prf(n["time_tp"], n["time_fp"], n["time_fn"]),
                "value_accuracy": _ratio(n["time_value_ok"], n["time_tp"]),
                "value_f1": _prf(
                    n["time_value_ok"],
                    n["time_tp"] + n["time_fp"] - n["time_value_ok"],
                    n["time_tp"] + n["time_fn"] - n["time_value_ok"],
                )["f1"],
                "modifier_accuracy": _ratio(n["time_mod_ok"], n["time_tp"]),
            },
            "quantities": _prf(n["qty_tp"], n["qty_fp"], n["qty_fn"])
            | {
                "strict": _prf(n["qty_strict_tp"], n["qty_strict_fp"], n["qty_strict_fn"]),
                "modifier_accuracy": _ratio(n["qty_mod_ok"], n["qty_tp"]),
            },
        }


def _strongest(roles: Iterable[str]) -> str:
    order = {role: i for i, role in enumerate(ROLE_PRIORITY)}
    return min(roles, key=lambda r: (order.get(r, len(order)), r))


def _match(
    gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, largest overlap first."""
    candidates = sorted(
        (
            (-_overlap(g0, g1, s0, s1), i, j)
            for i, (g0, g1) in enumerate(gold)
            for j, (s0, s1) in enumerate(system)
            if _overlap(g0, g1, s0, s1) > 0
        )
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _score_document(
    rows: Sequence[dict], extraction: DocumentExtraction, errors: list[dict], part: str
) -> _Tally:
    tally = _Tally()
    n = tally.n
    sentences = extraction.sentences
    claims_by_sentence = {c.sentence: c for c in extraction.claims}

    def home(start: int, end: int) -> int | None:
        """Index of the gold row a span overlaps most (None outside every gold sentence)."""
        best, where = 0, None
        for k, row in enumerate(rows):
            size = _overlap(start, end, row["start"], row["end"])
            if size > best:
                best, where = size, k
        return where

    def error(row: dict, field: str, gold: object, system: object) -> None:
        entry = {"part": part, "doc": row["doc"], "field": field, "gold": gold, "system": system}
        if "line" in row:
            entry["line"] = row["line"]
        entry["sentence"] = _short(row["text"])
        errors.append(entry)

    # actor pairs, times and quantities of the system, by the gold row they fall in
    sys_actors: dict[int, dict[str, list[str]]] = collections.defaultdict(dict)
    sys_quantities: dict[int, list] = collections.defaultdict(list)
    for claim in extraction.claims:
        for mention in claim.mentions:
            k = home(mention.start, mention.end)
            if k is not None:
                sys_actors[k].setdefault(mention.actor, []).append(mention.role)
        for quantity in claim.quantities:
            k = home(quantity.start, quantity.end)
            if k is not None:
                sys_quantities[k].append(quantity)
    sys_times: dict[int, list] = collections.defaultdict(list)
    for time in extraction.times:
        k = home(time.start, time.end)
        if k is not None:
            sys_times[k].append(time)

    for k, row in enumerate(rows):
        n["sentences"] += 1
        best, matched = 0, None
        for sentence in sentences:
            size = _overlap(row["start"], row["end"], sentence.start, sentence.end)
            if size > best:
                best, matched = size, sentence
        claim = claims_by_sentence.get(matched.index) if matched is not None else None
        sys_claim = matched is not None and matched.is_claim and claim is not None
        gold_claim = row["claim"]
        n["gold_claims"] += gold_claim
        if gold_claim and sys_claim:
            n["claim_tp"] += 1
        elif gold_claim:
            n["claim_fn"] += 1
            error(row, "claim", True, matched.reason if matched is not None else "no sentence")
        elif sys_claim:
            n["claim_fp"] += 1
            error(row, "claim", f"false ({row['why']})", True)

        if gold_claim and sys_claim:
            assert claim is not None
            n["both_claims"] += 1
            for field, system in (
                ("speaker", claim.speaker),
                ("stance", claim.stance),
                ("negated", claim.negated),
            ):
                if row[field] == system:
                    n[f"{field}_ok"] += 1
                else:
                    error(row, field, row[field], system)
            if row["stance"] == "reports":
                n["reported"] += 1
                if claim.source in _sources(row["source"]):
                    n["source_ok"] += 1
                else:
                    error(row, "source", row["source"], claim.source)

        # actors: (sentence, actor id) pairs of gold claims
        if gold_claim:
            gold_roles = {a["id"]: a["role"] for a in row["actors"]}
            system = {aid: _strongest(roles) for aid, roles in sys_actors.get(k, {}).items()}
            for aid in sorted(gold_roles.keys() | system.keys()):
                if aid in gold_roles and aid in system:
                    n["actor_tp"] += 1
                    tally.roles[gold_roles[aid]][system[aid]] += 1
                    if gold_roles[aid] == system[aid]:
                        n["role_ok"] += 1
                    else:
                        error(row, "actor role", f"{aid} {gold_roles[aid]}", system[aid])
                elif aid in gold_roles:
                    n["actor_fn"] += 1
                    error(row, "actor missed", aid, None)
                else:
                    n["actor_fp"] += 1
                    error(row, "actor spurious", None, aid)

        # time expressions, in every sentence
        gold_times = row["times"]
        found = sys_times.get(k, [])
        exact = {(t["start"], t["end"]) for t in gold_times} & {(t.start, t.end) for t in found}
        n["time_exact_tp"] += len(exact)
        n["time_exact_fp"] += len(found) - len(exact)
        n["time_exact_fn"] += len(gold_times) - len(exact)
        pairs = _match(
            [(t["start"], t["end"]) for t in gold_times], [(t.start, t.end) for t in found]
        )
        n["time_tp"] += len(pairs)
        n["time_fp"] += len(found) - len(pairs)
        n["time_fn"] += len(gold_times) - len(pairs)
        for i, j in pairs:
            g, s = gold_times[i], found[j]
            if (g["type"], g["value"]) == (s.type, s.value):
                n["time_value_ok"] += 1
            else:
                error(
                    row,
                    "time value",
                    f"{g['text']} {g['type']} {g['value']}",
                    f"{s.text} {s.type} {s.value}",
                )
            if g.get("modifier") == s.modifier:
                n["time_mod_ok"] += 1
            else:
                error(
                    row,
                    "time modifier",
                    f"{g['text']} {g.get('modifier')}",
                    f"{s.text} {s.modifier}",
                )
            if (g["start"], g["end"]) != (s.start, s.end):
                error(row, "time span", g["text"], s.text)
        matched_g = {i for i, _ in pairs}
        matched_s = {j for _, j in pairs}
        for i, g in enumerate(gold_times):
            if i not in matched_g:
                error(row, "time missed", f"{g['text']} {g['type']} {g['value']}", None)
        for j, s in enumerate(found):
            if j not in matched_s:
                error(row, "time spurious", None, f"{s.text} {s.type} {s.value}")

        # quantities, in gold claims
        if gold_claim:
            gold_q = row.get("quantities", [])
            found_q = sys_quantities.get(k, [])
            used: set[int] = set()
            for g in gold_q:
                hit = None
                for j, s in enumerate(found_q):
                    if (
                        j not in used
                        and _overlap(g["start"], g["end"], s.start, s.end) > 0
                        and _same_value(g["value"], s.value)
                        and _unit(g.get("unit")) == _unit(s.unit)
                    ):
                        hit = j
                        break
                if hit is None:
                    n["qty_fn"] += 1
                    n["qty_strict_fn"] += 1
                    near = [
                        f"{s.text} = {s.value:g} {s.unit}"
                        for s in found_q
                        if _overlap(g["start"], g["end"], s.start, s.end) > 0
                    ]
                    error(
                        row,
                        "quantity missed",
                        f"{g['text']} = {g['value']:g} {g.get('unit')}",
                        near or None,
                    )
                    continue
                used.add(hit)
                s = found_q[hit]
                n["qty_tp"] += 1
                if (g["start"], g["end"]) == (s.start, s.end):
                    n["qty_strict_tp"] += 1
                else:
                    n["qty_strict_fn"] += 1
                    n["qty_strict_fp"] += 1
                if g.get("modifier") == s.modifier:
                    n["qty_mod_ok"] += 1
                else:
                    error(
                        row,
                        "quantity modifier",
                        f"{g['text']} {g.get('modifier')}",
                        f"{s.text} {s.modifier}",
                    )
            for j, s in enumerate(found_q):
                if j not in used:
                    n["qty_fp"] += 1
                    n["qty_strict_fp"] += 1
                    overlapped = any(_overlap(g["start"], g["end"], s.start, s.end) for g in gold_q)
                    if not overlapped:
                        error(row, "quantity spurious", None, f"{s.text} = {s.value:g} {s.unit}")
    return tally


def compare(
    parts: Mapping[str, Sequence[dict]], extractions: Mapping[str, DocumentExtraction]
) -> dict:
    """Score extractions against gold rows (as :func:`load_gold` returns them).

    ``parts`` maps a part name ("seeds", "debates") to its gold rows;
    ``extractions`` maps a row's ``doc`` to the extraction of that document.
    Returns ``{"parts": {name: figures, ..., "all": figures}, "errors": [...]}``.
    """
    errors: list[dict] = []
    total = _Tally()
    figures = {}
    for name, rows in parts.items():
        tally = _Tally()
        by_doc: dict[str, list[dict]] = {}
        for row in rows:
            by_doc.setdefault(row["doc"], []).append(row)
        for doc, doc_rows in by_doc.items():
            tally.add(_score_document(doc_rows, extractions[doc], errors, name))
        figures[name] = tally.figures()
        total.add(tally)
    figures["all"] = total.figures()
    return {"parts": figures, "errors": errors}


def _gold_files(gold_path: pathlib.Path) -> list[pathlib.Path]:
    if gold_path.is_dir():
        return sorted(p for p in gold_path.glob("*.jsonl"))
    return [gold_path]


def score(gold_path: str | pathlib.Path = GOLD, *, model: str | None = None) -> dict:
    """Run the extractor on the gold documents and score it (see the module docstring).

    ``gold_path`` is a gold ``.jsonl`` file or a folder of them (each file is
    one part, named by its stem).  Returns the figures per part and overall,
    whether each of the issue's targets is met, and the list of disagreements.
    """
    from extract.claims import EXTRACTOR_VERSION, extract_documents

    gold_path = pathlib.Path(gold_path)
    parts: dict[str, list[dict]] = {}
    documents: dict[str, Document] = {}
    for file in _gold_files(gold_path):
        docs, rows = load_gold(file, documents)
        documents.update(docs)
        parts[file.stem] = rows
    keys = list(documents)
    extracted = dict(
        zip(keys, extract_documents([documents[k] for k in keys], model=model), strict=True)
    )
    result = compare(parts, extracted)
    every = result["parts"]["all"]
    targets = {}
    for label, ((field, measure), threshold) in TARGETS.items():
        value = every[field][measure]
        targets[label] = {
            "value": value,
            "threshold": threshold,
            "met": value is not None and value >= threshold,
        }
    return {
        "gold": str(gold_path.relative_to(ROOT) if gold_path.is_relative_to(ROOT) else gold_path),
        "documents": len(documents),
        "extractor_version": EXTRACTOR_VERSION,
        "model": model,
        "parts": result["parts"],
        "targets": targets,
        "errors": result["errors"],
    }


# --------------------------------------------------------------------- output


def _cell(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def format_table(result: Mapping) -> str:
    """The figures of :func:`score` as a plain-text table, one column per part."""
    parts = result["parts"]
    names = list(parts)

    def row(label: str, get) -> str:  # type: ignore[no-untyped-def]
        cells = []
        for name in names:
            try:
                cells.append(get(parts[name]))
            except (KeyError, TypeError):
                cells.append(None)
        return f"{label:<34}" + "".join(f"{_cell(c):>12}" for c in cells)

    def counts(label: str, get) -> str:  # type: ignore[no-untyped-def]
        return f"{label:<34}" + "".join(f"{get(parts[name]):>12}" for name in names)

    lines = [f"{'extraction vs gold':<34}" + "".join(f"{name:>12}" for name in names)]
    lines.append(counts("sentences / gold claims", lambda p: f"{p['sentences']}/{p['claims']}"))
    for label, field in (("claim detection", "claim_detection"),):
        for m in ("precision", "recall", "f1"):
            lines.append(
                row(
                    f"{label} {m[0].upper() if m != 'f1' else 'F1'}",
                    lambda p, f=field, m=m: p[f][m],
                )
            )
    for field in ("speaker", "stance", "negated", "source"):
        lines.append(row(f"{field} accuracy", lambda p, f=field: p[f]["accuracy"]))
    lines.append(
        counts(
            "  (over claims found / reported)",
            lambda p: f"{p['speaker']['total']}/{p['source']['total']}",
        )
    )
    for m in ("precision", "recall", "f1"):
        lines.append(
            row(
                f"actors {m if m == 'f1' else m[0].upper()}".replace("f1", "F1"),
                lambda p, m=m: p["actors"][m],
            )
        )
    lines.append(row("actor role accuracy", lambda p: p["actors"]["role_accuracy"]))
    for kind in ("span_exact", "span_relaxed"):
        for m in ("precision", "recall", "f1"):
            label = f"time {kind.replace('_', ' ')} {'F1' if m == 'f1' else m[0].upper()}"
            lines.append(row(label, lambda p, k=kind, m=m: p["times"][k][m]))
    lines.append(row("time value accuracy", lambda p: p["times"]["value_accuracy"]))
    lines.append(row("time value F1", lambda p: p["times"]["value_f1"]))
    lines.append(row("time modifier accuracy", lambda p: p["times"]["modifier_accuracy"]))
    for m in ("precision", "recall", "f1"):
        lines.append(
            row(
                f"quantities {'F1' if m == 'f1' else m[0].upper()}",
                lambda p, m=m: p["quantities"][m],
            )
        )
    lines.append(row("quantities F1 (exact span)", lambda p: p["quantities"]["strict"]["f1"]))
    lines.append(row("quantity modifier accuracy", lambda p: p["quantities"]["modifier_accuracy"]))
    if "targets" in result:
        lines.append("")
        lines.append("targets (all gold):")
        for label, t in result["targets"].items():
            mark = "met" if t["met"] else "NOT met"
            lines.append(f"  {label:<30} {_cell(t['value'])} >= {t['threshold']:.2f}  {mark}")
    return "\n".join(lines)


def format_errors(errors: Iterable[Mapping]) -> str:
    """Disagreements, one per line, grouped by field."""
    by_field: dict[str, list[Mapping]] = collections.defaultdict(list)
    for e in errors:
        by_field[e["field"]].append(e)
    out = []
    for field in sorted(by_field):
        out.append(f"== {field} ({len(by_field[field])})")
        for e in by_field[field]:
            where = f"{e['doc']}" + (f":{e['line']}" if "line" in e else "")
            out.append(f"  [{where}] {e['sentence']}")
            out.append(f"      gold: {e['gold']!r}   system: {e['system']!r}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", default=str(GOLD), help="gold .jsonl file or folder")
    parser.add_argument(
        "--model", default=None, help="spaCy pipeline (default: the configured one)"
    )
    parser.add_argument("--errors", action="store_true", help="also print every disagreement")
    args = parser.parse_args(argv)
    result = score(args.gold, model=args.model)
    print(format_table(result))
    if args.errors:
        print()
        print(format_errors(result["errors"]))
    result = {"date": datetime.date.today().isoformat()} | result
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "eval-extraction-latest.json"
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
