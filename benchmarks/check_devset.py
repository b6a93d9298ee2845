"""Check a dev-set topic folder (tests/data/devset/<split>/<topic>/): format, quotes, counts.

Usage: python benchmarks/check_devset.py tests/data/devset/tune/hong-kong [...]
Prints one line per problem and a summary; exits 1 if any problem was found.
"""

from __future__ import annotations

import json
import pathlib
import sys

POSITIONS = {"asserts", "denies", "reports"}


def check(folder: pathlib.Path) -> list[str]:
    problems: list[str] = []
    gold_path = folder / "gold.json"
    try:
        gold = json.loads(gold_path.read_text("utf-8"))
    except (OSError, ValueError) as err:
        return [f"{gold_path}: {err}"]
    docs = {}
    for d in gold.get("documents", []):
        path = folder / "docs" / f"{d['id']}.txt"
        if not path.is_file():
            problems.append(f"{d['id']}: no file {path}")
            continue
        docs[d["id"]] = path.read_text("utf-8")
        for key in ("url", "issuer", "side", "kind", "published", "published_evidence"):
            if key not in d:
                problems.append(f"{d['id']}: missing {key!r}")
    for f in gold.get("families", []):
        members = f.get("members", [])
        if len({m["doc"] for m in members}) < 2:
            problems.append(f"family {f['id']}: members from fewer than two documents")
        for m in members:
            text = docs.get(m["doc"])
            if text is None:
                problems.append(f"family {f['id']}: unknown doc {m['doc']!r}")
            elif m["quote"] not in text:
                problems.append(f"family {f['id']}: quote not in {m['doc']}: {m['quote'][:60]!r}")
            if m.get("position") not in POSITIONS:
                problems.append(f"family {f['id']}: position {m.get('position')!r}")
            if not m.get("claimant"):
                problems.append(f"family {f['id']}: member without claimant")
    issuers = {d["issuer"] for d in gold.get("documents", [])}
    sides = {d["side"] for d in gold.get("documents", [])}
    fams = gold.get("families", [])
    contested = sum(
        1 for f in fams if {m["position"] for m in f["members"]} >= {"asserts", "denies"}
    )
    print(
        f"{folder}: {len(docs)} documents, {len(issuers)} issuers, {len(sides)} sides, "
        f"{len(fams)} families ({contested} contested), "
        f"{sum(len(f['members']) for f in fams)} members, {len(problems)} problems"
    )
    return problems


if __name__ == "__main__":
    bad = []
    for arg in sys.argv[1:]:
        bad += check(pathlib.Path(arg))
    for line in bad:
        print(line)
    sys.exit(1 if bad else 0)
