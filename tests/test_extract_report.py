"""extract.report: the records `claimgraph extract` prints, graph.json's claims, and TIMEX3 gold.

The gold in tests/data/timex/ was written by hand from the TimeML TIMEX3
guidelines for a news text written for the purpose; it covers every value
form of issue 8 (years, months, days, quarters, weeks, seasons, decades,
durations, PXY, the REF values, weekdays and months resolved by tense, SETs
and modifiers).
"""

from __future__ import annotations

import datetime
import doctest
import json
import re

import pytest
from conftest import DATA

import extract.report
from extract.records import TimeExpression
from extract.report import (
    claim_record,
    document_record,
    document_records,
    format_table,
    time_record,
)

TIMEX = DATA / "timex"
GOLD = json.loads((TIMEX / "lakeland-water-1998.timex3.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lakeland() -> dict:
    from extract.load import load_document

    document = load_document(TIMEX / GOLD["document"])
    [record] = document_records([document])
    return record


# ---------------------------------------------------------------- records


def test_time_record_leaves_out_what_has_no_value():
    bare = TimeExpression("2020", 3, 7, "DATE", "2020")
    assert time_record(bare) == {
        "text": "2020",
        "start": 3,
        "end": 7,
        "type": "DATE",
        "value": "2020",
    }
    full = TimeExpression(
        "almost three years",
        0,
        18,
        "DURATION",
        "P3Y",
        "APPROX",
        "2019-07-10",
        "2016-07-10",
        "2019-07-10",
    )
    assert time_record(full)["modifier"] == "APPROX"
    assert time_record(full)["begin"] == "2016-07-10"


def test_claim_record_is_what_graph_json_holds(seed_build, seed_extractions):
    """graph.json's claim attributes are claim_record's plus only what needs the whole graph."""
    G, _, _ = seed_build
    graph_only = {"kind", "label", "published", "family", "position"}
    # actor ids mapped onto the actors merged across documents
    merged = {"speaker", "source", "claimant", "actors"}
    claims = [c for ex in seed_extractions.values() for c in ex.claims]
    assert claims
    for claim in claims:
        record = claim_record(claim)
        node = G.nodes[claim.id]
        assert set(node) == set(record) | graph_only
        assert {k: v for k, v in node.items() if k not in graph_only | merged} == {
            k: v for k, v in record.items() if k not in merged
        }


def test_document_record_is_json_and_stable(seed_extractions):
    record = document_record(seed_extractions["2019"])
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    assert json.loads(text) == record
    assert (
        json.dumps(document_record(seed_extractions["2019"]), sort_keys=True, ensure_ascii=False)
        == text
    )
    assert set(record) == {
        "document",
        "extractor_version",
        "sentences",
        "claims",
        "actors",
        "times",
    }
    assert record["document"]["published"] == "2019-07-10"
    assert record["document"]["metadata_source"]["published"] == "text"
    assert all(c["actors"] for c in record["claims"] if "Western countries" in c["text"])


def test_every_time_expression_points_into_its_sentence(seed_extractions):
    for extraction in seed_extractions.values():
        record = document_record(extraction)
        text = extraction.document.text
        sentences = {s["index"]: s for s in record["sentences"]}
        for t in record["times"]:
            assert text[t["start"] : t["end"]] == t["text"]
            sentence = sentences[t["sentence"]]
            assert sentence["start"] <= t["start"] < t["end"] <= sentence["end"]
        in_claims = [t for c in record["claims"] for t in c["times"]]
        # every time of a claim is in the document's list, with the same fields
        listed = [{k: v for k, v in t.items() if k != "sentence"} for t in record["times"]]
        assert all(t in listed for t in in_claims)


# ------------------------------------------------- the seeds' time expressions (issue 8)


@pytest.mark.parametrize(
    ("year", "before", "text", "type_", "value", "modifier", "in_claim"),
    [
        ("2019", "", "10 July 2019", "DATE", "2019-07-10", None, False),  # the dateline
        ("2019", "", "A few days ago", "DATE", "PAST_REF", None, True),
        ("2019", "for ", "almost three years", "DURATION", "P3Y", "APPROX", True),
        ("2019", "By ", "2020", "DATE", "2020", None, True),  # "By" is a signal, not the date
        ("2023", "for ", "September 19", "DATE", "2023-09-19", None, True),
        ("2023", "for ", "over six consecutive years", "DURATION", "P6Y", "MORE_THAN", True),
        ("2023", "New York, ", "14 September 2023", "DATE", "2023-09-14", None, False),
    ],
)
def test_seed_time_expressions(
    seed_extractions, year, before, text, type_, value, modifier, in_claim
):
    extraction = seed_extractions[year]
    record = document_record(extraction)
    document_text = extraction.document.text
    start = document_text.index(before + text) + len(before)
    [t] = [t for t in record["times"] if t["start"] == start]
    assert (t["text"], t["end"], t["type"], t["value"], t.get("modifier")) == (
        text,
        start + len(text),
        type_,
        value,
        modifier,
    )
    sentence = record["sentences"][t["sentence"]]
    assert sentence["claim"] is in_claim
    assert t.get("anchor") in (None, record["document"]["published"])


# ------------------------------------------------- the TIMEX3 gold written for the purpose

#: Every value form issue 8 names, and a pattern that recognises it.
VALUE_FORMS = {
    "year (1998)": r"\d{4}",
    "month (1998-02)": r"\d{4}-\d{2}",
    "day (1998-02-13)": r"\d{4}-\d{2}-\d{2}",
    "quarter (1998-Q3)": r"\d{4}-Q[1-4]",
    "week (1998-W07)": r"\d{4}-W\d{2}",
    "season (1998-SU)": r"\d{4}-(?:SP|SU|FA|WI)",
    "decade (199)": r"\d{3}",
    "years (P3Y)": r"P\d+Y",
    "years and months (P2Y6M)": r"P\d+Y\d+M",
    "hours (PT24H)": r"PT\d+H",
    "vague years (PXY)": r"PXY",
    "PRESENT_REF": r"PRESENT_REF",
    "PAST_REF": r"PAST_REF",
    "FUTURE_REF": r"FUTURE_REF",
}


def test_gold_covers_every_value_form_and_modifier():
    values = [t["value"] for t in GOLD["timex3"]]
    for form, pattern in VALUE_FORMS.items():
        assert any(re.fullmatch(pattern, v) for v in values), form
    mods = {t["mod"] for t in GOLD["timex3"]}
    assert {"APPROX", "MORE_THAN", "LESS_THAN", "START", "MID", "END"} <= mods
    assert {t["type"] for t in GOLD["timex3"]} == {"DATE", "TIME", "DURATION", "SET"}
    text = (TIMEX / GOLD["document"]).read_text(encoding="utf-8")
    for t in GOLD["timex3"]:
        assert text[t["start"] : t["end"]] == t["text"]
    assert datetime.date.fromisoformat(GOLD["dct"])


def _gold_cases():
    for t in GOLD["timex3"]:
        yield pytest.param(t, id=f"{t['text']}={t['value']}")


@pytest.mark.parametrize("gold", list(_gold_cases()))
def test_gold_time_expression(lakeland, gold):
    assert lakeland["document"]["published"] == GOLD["dct"]
    found = [t for t in lakeland["times"] if (t["start"], t["end"]) == (gold["start"], gold["end"])]
    assert found, f"{gold['text']!r} not found"
    [t] = found
    assert (t["type"], t["value"]) == (gold["type"], gold["value"])
    if gold["type"] == "SET":
        # TIMEX3 quantifies a SET with quant ("every week": EVERY) and has none on
        # "monthly"; records have no quant field and carry EVERY as the modifier.
        if gold.get("quant"):
            assert t.get("modifier") == gold["quant"]
    else:
        assert t.get("modifier") == gold["mod"]


def test_gold_weekdays_and_months_follow_the_tense(lakeland):
    """The nearest Monday to Friday 1998-02-27 is 03-02, but "said on Monday" is 02-23."""
    values = {t["text"]: t["value"] for t in lakeland["times"]}
    assert values["Monday"] == "1998-02-23"  # past: the nearest would be 1998-03-02
    assert values["Thursday"] == "1998-03-05"  # future: the nearest would be 1998-02-26
    assert values["March"] == "1997-03"  # past: the nearest would be 1998-03
    assert values["November"] == "1998-11"  # future: the nearest would be 1997-11
    assert values["last year"] == "1997"  # the granularity written, not a day


def test_gold_nothing_spurious(lakeland):
    gold_spans = {(t["start"], t["end"]) for t in GOLD["timex3"]}
    spurious = [t["text"] for t in lakeland["times"] if (t["start"], t["end"]) not in gold_spans]
    assert spurious == []


def test_gold_times_outside_claims_are_listed(lakeland):
    claimed = {(t["start"], t["end"]) for c in lakeland["claims"] for t in c["times"]}
    outside = [t["text"] for t in lakeland["times"] if (t["start"], t["end"]) not in claimed]
    assert "February 27, 1998" in outside  # the dateline is not a claim


# ---------------------------------------------------------------- the table


def test_table_shows_claims_and_every_time_expression(lakeland):
    table = format_table(lakeland)
    assert "lakeland-water-1998.txt  (doc:lakeland-water-1998)" in table.splitlines()[0]
    assert "  published  1998-02-27  (text)" in table
    assert "  claims" in table and "  time expressions" in table
    for t in lakeland["times"]:
        assert re.search(
            rf"{t['start']}-{t['end']}\s+{t['type']}\s+{re.escape(t['value'])}\b", table
        )
    assert all(len(line) <= 100 for line in table.splitlines()[1:])
    assert format_table(lakeland) == table


def test_docstring_examples_run():
    result = doctest.testmod(extract.report, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
