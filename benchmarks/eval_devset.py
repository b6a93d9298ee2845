"""Talking points across sides: link, contest and position figures on the dev set of real statements.

The dev set (tests/data/devset/, README there) holds real statements of four
topics with gold families written by reading.  It is split by topic:
``tune`` (Hong Kong, Taiwan) is what thresholds and rules may be tuned on;
``heldout`` (Ukraine, COVID-19 origins) is reported once and never tuned on.
Every figure says which split it comes from.

All documents of a split are built together (``graph.pipeline.build``, the
same build as ``claimgraph build``), then scored against the gold:

- gold unit: the claim (sentence) holding a gold quote; a quote that is no
  claim of the build is a miss for every pair it is in;
- **link precision / recall / F1**: pairs of claims of different documents.
  Gold pairs: both in one gold family.  Predicted pairs: both in one
  predicted family, or joined by a RECURS or CONTESTS link.  The gold is
  exhaustive within a topic, so a predicted pair outside it is wrong;
- **contested-pair recall**: gold pairs of one family where one member
  asserts and the other denies: the share that is predicted joined;
  ``contested_marked`` is the share joined *and* put on opposite sides
  (a CONTESTS link, or opposite positions in one family);
- **position accuracy**: gold members whose claim is in a predicted family
  with another gold member of the same gold family: predicted position
  (asserts, denies, reports) equal to gold.  Which side of a contested
  proposition a family states is arbitrary, so each predicted family is read
  in the orientation (asserts/denies as is, or swapped) that agrees more with
  the gold; ``reports`` is never swapped;
- **publication dates**: documents whose extracted date equals gold
  (precision over dates given, recall over gold dates).

Usage: python benchmarks/eval_devset.py [--split tune|heldout] [--errors]
"""

from __future__ import annotations

import argparse
import itertools
import json
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "data" / "devset"
CACHE = ROOT / "benchmarks" / "cache"


def topics(split: str) -> list[pathlib.Path]:
    return sorted(p for p in (DEVSET / split).iterdir() if (p / "gold.json").is_file())


def _pairs(members: list[str]) -> set[frozenset[str]]:
    return {frozenset(p) for p in itertools.combinations(sorted(set(members)), 2)}


def evaluate(split: str, *, errors: bool = False, threshold: float | None = None) -> dict:
    from extract.load import load_document
    from graph.pipeline import build

    folders = topics(split)
    kwargs = {} if threshold is None else {"threshold": threshold}
    with tempfile.TemporaryDirectory() as out:
        G, report = build(
            [f / "docs" for f in folders],
            out,
            cache_dir=CACHE / f"devset-{split}",
            **kwargs,
        )
    claims = {n: a for n, a in G.nodes(data=True) if a.get("kind") == "claim"}
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for n, a in claims.items():
        by_doc.setdefault(a["document"], []).append((a["start"], a["end"], n))
    docs = {a.get("path"): n for n, a in G.nodes(data=True) if a.get("kind") == "document"}

    gold_pairs: set[frozenset[str]] = set()
    contested: set[frozenset[str]] = set()
    member_position: dict[tuple[str, str], str] = {}  # (claim, gold family) -> position
    missed_members = 0
    total_members = 0
    date_right = date_given = date_gold = 0
    date_errors = []
    for folder in folders:
        gold = json.loads((folder / "gold.json").read_text("utf-8"))
        doc_node = {}
        texts = {}
        for d in gold["documents"]:
            path = folder / "docs" / f"{d['id']}.txt"
            node = next(
                (n for p, n in docs.items() if p and pathlib.Path(p).resolve() == path.resolve()),
                None,
            )
            doc_node[d["id"]] = node
            texts[d["id"]] = load_document(path).text
            extracted = G.nodes[node].get("published") if node else None
            if d.get("published"):
                date_gold += 1
            if extracted:
                date_given += 1
                if extracted == d.get("published"):
                    date_right += 1
                else:
                    date_errors.append((d["id"], extracted, d.get("published")))
        for fam in gold["families"]:
            units: list[tuple[str, str]] = []  # (claim or missing marker, position)
            for k, m in enumerate(fam["members"]):
                total_members += 1
                text = texts[m["doc"]]
                at = text.find(m["quote"])
                node = doc_node[m["doc"]]
                claim = None
                if at >= 0 and node:
                    end = at + len(m["quote"])
                    best = 0
                    for s, e, c in by_doc.get(node, []):
                        overlap = min(e, end) - max(s, at)
                        if overlap > best:
                            best, claim = overlap, c
                if claim is None:
                    missed_members += 1
                    claim = f"missing:{fam['id']}:{k}"
                units.append((claim, m["position"]))
                member_position[(claim, f"{folder.name}/{fam['id']}")] = m["position"]
            for (a, pa), (b, pb) in itertools.combinations(units, 2):
                if a == b or _doc(a, claims) == _doc(b, claims):
                    continue
                pair = frozenset((a, b))
                gold_pairs.add(pair)
                if {pa, pb} == {"asserts", "denies"}:
                    contested.add(pair)

    # predicted pairs: same family, or linked
    family_of = {n: a.get("family") for n, a in claims.items() if a.get("family")}
    members: dict[str, list[str]] = {}
    for c, f in family_of.items():
        members.setdefault(f, []).append(c)
    predicted: set[frozenset[str]] = set()
    opposite: set[frozenset[str]] = set()
    for cs in members.values():
        for a, b in itertools.combinations(sorted(cs), 2):
            if claims[a]["document"] != claims[b]["document"]:
                predicted.add(frozenset((a, b)))
                pa, pb = claims[a].get("position"), claims[b].get("position")
                if {pa, pb} == {"asserts", "denies"}:
                    opposite.add(frozenset((a, b)))
    for u, v, k in G.edges(keys=True):
        if k in ("RECURS", "CONTESTS") and u in claims and v in claims:
            predicted.add(frozenset((u, v)))
            if k == "CONTESTS":
                opposite.add(frozenset((u, v)))
    tp = len(predicted & gold_pairs)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold_pairs) if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0

    # positions, per predicted family in its better orientation
    swap = {"asserts": "denies", "denies": "asserts", "reports": "reports"}
    right = total = 0
    for cs in members.values():
        rows = []
        for c in cs:
            for (claim, gfam), gpos in member_position.items():
                if claim == c:
                    rows.append((gfam, gpos, claims[c].get("position")))
        by_gfam: dict[str, list[tuple[str, str | None]]] = {}
        for gfam, gpos, ppos in rows:
            by_gfam.setdefault(gfam, []).append((gpos, ppos))
        for pos in by_gfam.values():
            if len(pos) < 2:
                continue
            same = sum(g == p for g, p in pos)
            flipped = sum(g == swap.get(p or "", p) for g, p in pos)
            right += max(same, flipped)
            total += len(pos)
    contested_found = len(contested & predicted)
    result = {
        "split": split,
        "topics": [f.name for f in folders],
        "documents": report.counts["documents"],
        "claims": len(claims),
        "gold_members": total_members,
        "gold_members_not_claims": missed_members,
        "gold_pairs": len(gold_pairs),
        "predicted_pairs": len(predicted),
        "true_positive_pairs": tp,
        "link_precision": round(precision, 3),
        "link_recall": round(recall, 3),
        "link_f1": round(f1, 3),
        "contested_pairs": len(contested),
        "contested_recall": round(contested_found / len(contested), 3) if contested else None,
        "contested_marked": round(len(contested & opposite) / len(contested), 3)
        if contested
        else None,
        "positions_scored": total,
        "position_accuracy": round(right / total, 3) if total else None,
        "recurs_links": sum(1 for *_, k in G.edges(keys=True) if k == "RECURS"),
        "contests_links": sum(1 for *_, k in G.edges(keys=True) if k == "CONTESTS"),
        "families": sum(1 for _, a in G.nodes(data=True) if a.get("kind") == "family"),
        "dates_right": date_right,
        "dates_given": date_given,
        "dates_gold": date_gold,
        "date_precision": round(date_right / date_given, 3) if date_given else None,
        "date_recall": round(date_right / date_gold, 3) if date_gold else None,
    }
    if errors:

        def show(c: str) -> str:
            return c if c.startswith("missing:") else f"{c}: {claims[c]['text'][:150]}"

        print("== false positives (predicted, not gold)")
        for pair in sorted(predicted - gold_pairs, key=sorted):
            a, b = sorted(pair)
            print(" ", show(a), "\n   ~", show(b))
        print("== misses (gold, not predicted)")
        for pair in sorted(gold_pairs - predicted, key=sorted):
            a, b = sorted(pair)
            print(" ", show(a), "\n   ~", show(b), " [contested]" if pair in contested else "")
        print("== dates", date_errors)
    return result


def _doc(claim: str, claims: dict) -> str:
    return claims[claim]["document"] if claim in claims else claim


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="tune", choices=["tune", "heldout"])
    parser.add_argument("--errors", action="store_true", help="list wrong and missed pairs")
    parser.add_argument("--threshold", type=float)
    args = parser.parse_args()
    if args.split == "heldout" and args.errors:
        sys.exit("the held-out half is reported, never inspected for tuning")
    print(json.dumps(evaluate(args.split, errors=args.errors, threshold=args.threshold), indent=1))


if __name__ == "__main__":
    main()
