"""The TimeML reader and scorer of benchmarks/eval_timex.py, and the TIMEX3 gold of issue 14."""

from __future__ import annotations

import collections
import itertools
import re
import sys

import pytest
from conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import eval_timex  # noqa: E402

TML = DATA / "timex" / "tml"

SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<TimeML>
<DOCID>sample</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27" functionInDocument="CREATION_TIME">February 27, 1998</TIMEX3></DCT>
<TEXT>
Output rose in <TIMEX3 tid="t1" type="DATE" value="1997">1997</TIMEX3>, the board said <TIMEX3 tid="t2" type="DATE" value="1998-02-23">Monday</TIMEX3>.
Tariffs were frozen for <TIMEX3 tid="t3" type="DURATION" value="P3Y" mod="MORE_THAN">more than three years</TIMEX3>; inspectors test the water <TIMEX3 tid="t4" type="SET" value="P1W" quant="EVERY">every week</TIMEX3> &amp; report <TIMEX3 tid="t5" type="SET" value="P1M" freq="2X">twice a month</TIMEX3>.
</TEXT>
</TimeML>
"""

PLAIN = (
    "\nOutput rose in 1997, the board said Monday.\n"
    "Tariffs were frozen for more than three years; inspectors test the water every week"
    " & report twice a month.\n"
)


def test_reader_takes_the_dct_the_plain_text_and_the_offsets_of_each_timex3():
    doc = eval_timex.parse_tml(SAMPLE, "sample")
    assert doc.dct.isoformat() == "1998-02-27"
    assert doc.text == PLAIN
    assert [t["tid"] for t in doc.timex] == ["t1", "t2", "t3", "t4", "t5"]  # not the DCT's t0
    for t in doc.timex:
        assert doc.text[t["start"] : t["end"]] == t["text"]
    first, monday, years, week, month = doc.timex
    assert (first["start"], first["end"]) == (PLAIN.index("1997"), PLAIN.index("1997") + 4)
    assert (monday["text"], monday["type"], monday["value"]) == ("Monday", "DATE", "1998-02-23")
    assert monday["mod"] is None and monday["quant"] is None
    assert (years["text"], years["value"], years["mod"]) == (
        "more than three years",
        "P3Y",
        "MORE_THAN",
    )
    assert years["start"] == PLAIN.index("more than")
    assert (week["type"], week["value"], week["quant"], week["mod"]) == (
        "SET",
        "P1W",
        "EVERY",
        None,
    )
    assert (month["text"], month["freq"]) == ("twice a month", "2X")
    assert month["start"] == PLAIN.index("twice")  # "&amp;" counts as one character


def test_reader_reads_a_file_and_refuses_a_document_without_a_dct(tmp_path):
    path = tmp_path / "lakeland.tml"
    path.write_text(SAMPLE, "utf-8")
    doc = eval_timex.read_tml(path)
    assert doc.name == "lakeland" and len(doc.timex) == 5
    no_dct = re.sub(r"<DCT>.*?</DCT>", "", SAMPLE, flags=re.S)
    with pytest.raises(ValueError, match="DCT"):
        eval_timex.parse_tml(no_dct, "no-dct")


def _t(text: str, start: int, type_: str, value: str, mod: str | None = None) -> dict:
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "type": type_,
        "value": value,
        "mod": mod,
    }


def _s(text: str, start: int, type_: str, value: str, modifier: str | None = None) -> dict:
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "type": type_,
        "value": value,
        "modifier": modifier,
    }


def test_scorer_counts_an_exact_match_an_overlap_a_miss_and_a_spurious_expression():
    # text: "In 1997 prices were frozen for more than three years, the board said Monday at noon."
    gold = [
        _t("1997", 3, "DATE", "1997"),  # exact, right value
        _t("more than three years", 31, "DURATION", "P3Y", "MORE_THAN"),  # overlap, wrong value
        _t("Monday", 70, "DATE", "1998-02-23"),  # missed
    ]
    system = [
        _s("1997", 3, "DATE", "1997"),
        _s("three years", 41, "DURATION", "P2Y"),
        _s("noon", 80, "TIME", "1998-02-27T12:00"),  # spurious
    ]
    result = eval_timex.score_timeml(gold, system, "doc")
    counts = result["counts"]
    assert counts == {
        "gold": 3,
        "system": 3,
        "strict": 1,
        "relaxed": 2,
        "type_correct": 2,
        "value_correct": 1,
        "modifier_correct": 1,
    }
    figures = eval_timex.timeml_figures(counts, result["kinds"])
    assert figures["span_strict"] == {"precision": 0.333, "recall": 0.333, "f1": 0.333}
    assert figures["span_relaxed"] == {"precision": 0.667, "recall": 0.667, "f1": 0.667}
    assert figures["type_accuracy"] == 1.0
    assert figures["value_accuracy"] == 0.5
    assert figures["value_f1"] == 0.333  # 2 x 1 correct / (3 gold + 3 system)
    assert figures["modifier_accuracy"] == 0.5
    errors = result["errors"]
    assert [e["gold"]["text"] for e in errors["missed"]] == ["Monday"]
    assert [e["system"]["text"] for e in errors["spurious"]] == ["noon"]
    assert [(e["gold"]["text"], e["system"]["text"]) for e in errors["wrong_value"]] == [
        ("more than three years", "three years")
    ]
    assert [e["gold"]["text"] for e in errors["partial_span"]] == ["more than three years"]
    assert errors["wrong_type"] == []
    assert figures["per_kind"] == {
        "weekday/day-ref": {
            "gold": 1,
            "found": 0,
            "value_correct": 0,
            "value_accuracy": 0.0,
            "value_recall": 0.0,
        },
        "year": {
            "gold": 1,
            "found": 1,
            "value_correct": 1,
            "value_accuracy": 1.0,
            "value_recall": 1.0,
        },
        "duration": {
            "gold": 1,
            "found": 1,
            "value_correct": 0,
            "value_accuracy": 0.0,
            "value_recall": 0.0,
        },
    }


def test_pairing_is_one_to_one_and_prefers_the_exact_span():
    gold = [_t("last week", 10, "DATE", "1998-W08")]
    system = [_s("week", 15, "DATE", "1998-W08"), _s("last week", 10, "DATE", "1998-W07")]
    assert eval_timex.pair_spans(gold, system) == [(0, 1)]
    result = eval_timex.score_timeml(gold, system)
    assert result["counts"]["strict"] == 1 and result["counts"]["relaxed"] == 1
    assert [e["system"]["text"] for e in result["errors"]["spurious"]] == ["week"]
    # two gold spans inside one system span: only one of them is found
    gold = [_t("Monday", 0, "DATE", "1998-02-23"), _t("morning", 7, "TIME", "1998-02-23TMO")]
    system = [_s("Monday morning", 0, "TIME", "1998-02-23TMO")]
    assert len(eval_timex.pair_spans(gold, system)) == 1


def test_a_set_is_scored_on_its_quantifier_and_equal_durations_on_their_length():
    gold = [dict(_t("every week", 0, "SET", "P1W"), quant="EVERY")]
    result = eval_timex.score_timeml(gold, [_s("every week", 0, "SET", "P1W", "EVERY")])
    assert result["counts"]["modifier_correct"] == 1
    assert eval_timex.same_value("P2DE", "P20Y")
    assert eval_timex.same_value("P1Q", "P3M")
    assert eval_timex.same_value("P1CE", "p100y")
    assert not eval_timex.same_value("PXDE", "PXY")
    assert not eval_timex.same_value("1998-Q1", "1998-03")
    assert not eval_timex.same_value("PRESENT_REF", "PAST_REF")


@pytest.mark.parametrize(
    ("text", "type_", "value", "mod", "kind"),
    [
        ("July 26, 2005", "DATE", "2005-07-26", None, "full-date"),
        ("Tuesday, February 17th", "DATE", "1998-02-17", None, "full-date"),
        ("said Tuesday", "DATE", "2005-08-30", None, "weekday/day-ref"),
        ("the next day", "DATE", "1997-09-10", None, "weekday/day-ref"),
        ("1997", "DATE", "1997", None, "year"),
        ("late April", "DATE", "2000-04", "END", "month"),
        ("last week", "DATE", "1996-W23", None, "week"),
        ("the weekend", "DATE", "1998-W53-WE", None, "week"),
        ("the third quarter", "DATE", "1997-Q3", None, "quarter/half/season"),
        ("first half", "DATE", "2013-H1", None, "quarter/half/season"),
        ("last fall", "DATE", "1995-FA", None, "quarter/half/season"),
        ("the past three years", "DURATION", "P3Y", None, "duration"),
        ("for weeks", "DURATION", "PXW", None, "approx/partial"),
        ("the 1990s", "DATE", "199", None, "approx/partial"),
        ("a decade ago", "DATE", "1988", None, "approx/partial"),
        ("about a month ago", "DATE", "1998-02", "APPROX", "approx/partial"),
        ("now", "DATE", "PRESENT_REF", None, "ref"),
        ("every year", "SET", "P1Y", None, "set"),
        ("7 a.m. Sunday", "TIME", "2022-12-25T07:00", None, "time"),
    ],
)
def test_value_kinds(text, type_, value, mod, kind):
    assert eval_timex.value_kind({"text": text, "type": type_, "value": value, "mod": mod}) == kind


VALUE = re.compile(
    r"PAST_REF|PRESENT_REF|FUTURE_REF"
    r"|\d{2,4}"  # century, decade, year
    r"|(\d{4}|XXXX)-(\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI|W\d{2}(-WE)?|WXX-[1-7])"
    r"|(\d{4}|XXXX)-\d{2}-\d{2}(T(\d{2}:\d{2}|MO|AF|EV|NI|DT))?"
    r"|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"
    r"|P(T?(\d+|X)[YMWDH]|(\d+|X)(DE|CE|Q))|PT(\d+|X)[HMS]"
)
MODS = {
    None,
    "APPROX",
    "MORE_THAN",
    "LESS_THAN",
    "EQUAL_OR_MORE",
    "EQUAL_OR_LESS",
    "START",
    "MID",
    "END",
}


def _gold_set() -> dict[str, list]:
    halves = {}
    for half in ("tune", "report", "fresh", "fresh2"):
        paths = sorted((TML / half).glob("*.tml"))
        halves[half] = [(p, eval_timex.read_tml(p)) for p in paths]
    return halves


def test_every_gold_file_parses_with_a_dct_and_well_formed_timex3():
    halves = _gold_set()
    names = {half: {p.name for p, _ in docs} for half, docs in halves.items()}
    for a, b in itertools.combinations(names, 2):
        assert not names[a] & names[b], (a, b)
    assert 80 <= sum(len(n) for n in names.values()) <= 100
    for half, docs in halves.items():
        assert len(docs) >= 7, half
        for path, doc in docs:
            assert path.name.startswith(doc.dct.isoformat()), path.name  # files are named by DCT
            assert doc.timex, path.name
            tids = [t["tid"] for t in doc.timex]
            assert len(set(tids)) == len(tids) and "t0" not in tids, path.name
            for t in doc.timex:
                where = f"{path.name}: {t['text']!r}"
                assert t["text"] and t["text"] == t["text"].strip(), where
                assert doc.text[t["start"] : t["end"]] == t["text"], where
                assert t["type"] in {"DATE", "TIME", "DURATION", "SET"}, where
                assert VALUE.fullmatch(t["value"] or ""), where
                assert t["mod"] in MODS, where
                assert t["quant"] in {None, "EVERY", "EACH"}, where
                if t["type"] == "TIME":
                    assert "T" in t["value"], where
                if t["type"] == "DURATION":
                    assert t["value"].startswith("P"), where
            spans = sorted((t["start"], t["end"]) for t in doc.timex)
            assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), (
                path.name
            )  # no overlaps


def test_the_gold_has_400_timex3_about_half_in_each_half_and_every_kind_in_both():
    halves = _gold_set()
    counts = {half: sum(len(doc.timex) for _, doc in docs) for half, docs in halves.items()}
    assert counts["tune"] + counts["report"] >= 400
    assert counts["tune"] >= 180 and counts["report"] >= 180
    # the halves measured before any tuning on them (issue 14 asks for 400 in all,
    # half kept for reporting)
    assert counts["fresh"] >= 200 and counts["fresh2"] >= 200
    for half, docs in halves.items():
        types = collections.Counter(t["type"] for _, doc in docs for t in doc.timex)
        assert set(types) == {"DATE", "TIME", "DURATION", "SET"}, half
        kinds = collections.Counter(eval_timex.value_kind(t) for _, doc in docs for t in doc.timex)
        for kind in set(eval_timex.KINDS) - {"week", "other"}:
            assert kinds[kind] >= 5, (half, kind, kinds[kind])
    for half in ("fresh", "fresh2"):
        kinds = collections.Counter(
            eval_timex.value_kind(t) for _, doc in halves[half] for t in doc.timex
        )
        assert kinds["approx/partial"] >= 15, half


def test_the_tml_path_extracts_the_plain_text_anchored_on_the_dct(tmp_path):
    (tmp_path / "sample.tml").write_text(SAMPLE, "utf-8")
    result = eval_timex.evaluate_tml(tmp_path, "sample")
    assert result["label"] == "sample"
    assert result["documents"] == [
        {
            "document": "sample",
            "dct": "1998-02-27",
            "gold": 5,
            "system": result["documents"][0]["system"],
        }
    ]
    figures = result["figures"]
    assert figures["gold"] == 5
    # "1997" is a bare year any extractor finds; the path keeps offsets into the .tml text
    found = [e for e in result["errors"]["missed"] if e["gold"]["text"] == "1997"]
    assert not found
    assert figures["strict"] >= 1
