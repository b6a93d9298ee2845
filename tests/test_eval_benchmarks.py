"""The scorers behind `make eval`: KPA-2021 Track 1, the dev set's gold, the blind audit."""

from __future__ import annotations

import json
import random
import sys

from conftest import DATA, ROOT, need_shared

sys.path.insert(0, str(ROOT / "benchmarks"))

import audit_links  # noqa: E402
import check_devset  # noqa: E402
import kpa  # noqa: E402


def _predictions(score) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    args = kpa._rows("arguments", "dev")
    kps = kpa._rows("key_points", "dev")
    out: dict[str, dict[str, float]] = {}
    for a in args:
        for k in kps:
            if (a["topic"], a["stance"]) == (k["topic"], k["stance"]):
                out.setdefault(a["arg_id"], {})[k["key_point_id"]] = score(a, k)
    return out


def test_kpa_track1_scores_an_oracle_1_and_chance_far_below():
    need_shared(kpa.KPA / "labels_dev.csv")
    labels = {(r["arg_id"], r["key_point_id"]): int(r["label"]) for r in kpa._rows("labels", "dev")}
    rng = random.Random(0)
    oracle = _predictions(
        lambda a, k: labels.get((a["arg_id"], k["key_point_id"]), 0.5) + rng.random() / 100
    )
    chance = _predictions(lambda a, k: rng.random())
    assert kpa.track1("dev", oracle)["map_strict"] == 1.0
    assert kpa.track1("dev", oracle)["map_relaxed"] == 1.0
    figures = kpa.track1("dev", chance)
    assert figures["map_strict"] < 0.4 and figures["map_relaxed"] < 0.5
    assert figures["groups"] == 8 and figures["arguments"] == 932


def test_every_gold_quote_of_the_dev_set_is_in_its_document(capsys):
    folders = sorted(p for p in (DATA / "devset").glob("*/*") if (p / "gold.json").is_file())
    assert {f.parent.name for f in folders} == {"tune", "heldout"}
    assert len(folders) == 4
    for folder in folders:
        assert check_devset.check(folder) == []
        gold = json.loads((folder / "gold.json").read_text("utf-8"))
        assert len(gold["documents"]) >= 10
        assert len({d["issuer"] for d in gold["documents"]}) >= 3
        assert any(
            {"asserts", "denies"} <= {m["position"] for m in f["members"]} for f in gold["families"]
        )


def test_audit_precision_counts_only_labelled_links(tmp_path):
    rows = [
        {"claims": 10, "recurs_links": 3, "contests_links": 1, "links_per_claim": 0.4},
        {"n": 1, "kind": "RECURS", "label": "yes"},
        {"n": 2, "kind": "RECURS", "label": "no"},
        {"n": 3, "kind": "RECURS", "label": None},
        {"n": 4, "kind": "CONTESTS", "label": "yes"},
    ]
    path = tmp_path / "audit.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    figures = audit_links.precision(path)
    assert figures["labelled"] == 3 and figures["sample"] == 4
    assert figures["precision_all"] == round(2 / 3, 3)
    assert figures["precision_recurs"] == 0.5
    assert figures["precision_contests"] == 1.0
    assert audit_links.precision(tmp_path / "missing.jsonl") is None
