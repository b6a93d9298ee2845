"""extract.quantities: numbers with modifier and unit, on the seeds, on every form, on
real debate transcripts, and on arbitrary text (hypothesis)."""

from __future__ import annotations

import datetime
import doctest

import pytest
from conftest import SEED_2019, SEED_2023, debate_line
from hypothesis import given, settings
from hypothesis import strategies as st

import extract.quantities
from extract.dates import find_time_expressions
from extract.quantities import find_quantities, parse_number
from extract.records import Quantity


def _quantities(text: str, anchor: datetime.date | None = None) -> list[Quantity]:
    """Quantities as the extractor finds them: time expressions excluded."""
    times = find_time_expressions(text, anchor)
    return find_quantities(text, exclude=[(t.start, t.end) for t in times])


def _summary(quantities: list[Quantity]) -> list[tuple[str, float, str | None, str | None]]:
    return [(q.text, q.value, q.unit, q.modifier) for q in quantities]


# ---------------------------------------------------------------- the seeds


def test_seed_2023_nearly_100_countries():
    text = SEED_2023.read_text(encoding="utf-8")
    found = _quantities(text, datetime.date(2023, 9, 14))
    # "over six consecutive years" is a duration, "CMS (2023)" a reference number,
    # "the Third Committee" an ordinal: the only quantity is the count of countries.
    assert _summary(found) == [("nearly 100 countries", 100.0, "countries", "APPROX")]
    [countries] = found
    assert text[countries.start : countries.end] == "nearly 100 countries"


def test_seed_2019_has_no_quantity_once_times_are_excluded():
    text = SEED_2019.read_text(encoding="utf-8")
    assert _quantities(text, datetime.date(2019, 7, 10)) == []


# ---------------------------------------------------------------- every form

FORMS = [
    ("nearly 100 countries voiced support", "nearly 100 countries", 100, "countries", "APPROX"),
    ("more than 1,000 diplomats", "more than 1,000 diplomats", 1000, "diplomats", "MORE_THAN"),
    ("the 48-page report", "48-page", 48, "page", None),
    ("45 countries signed", "45 countries", 45, "countries", None),
    ("one million people", "one million people", 1e6, "people", None),
    ("1.5 billion dollars", "1.5 billion dollars", 1.5e9, "USD", None),
    ("a budget of $1.5 billion", "$1.5 billion", 1.5e9, "USD", None),
    ("€20 million in aid", "€20 million", 2e7, "EUR", None),
    ("3 billion yuan", "3 billion yuan", 3e9, "CNY", None),
    ("1.5bn euros", "1.5bn euros", 1.5e9, "EUR", None),
    ("30% of voters", "30%", 30, "percent", None),
    ("30 percent of voters", "30 percent", 30, "percent", None),
    ("30 per cent of voters", "30 per cent", 30, "percent", None),
    ("by nearly sixty percent", "nearly sixty percent", 60, "percent", "APPROX"),
    ("two thirds of the members", "two thirds", 0.6667, "fraction", None),
    ("a quarter of the budget", "a quarter", 0.25, "fraction", None),
    ("at least 12 people died", "at least 12 people", 12, "people", "EQUAL_OR_MORE"),
    ("no fewer than 12 people", "no fewer than 12 people", 12, "people", "EQUAL_OR_MORE"),
    ("up to 3,000 were held", "up to 3,000", 3000, None, "EQUAL_OR_LESS"),
    ("as many as 40 people", "as many as 40 people", 40, "people", "EQUAL_OR_LESS"),
    ("less than 5 percent", "less than 5 percent", 5, "percent", "LESS_THAN"),
    ("fewer than 10 cases", "fewer than 10 cases", 10, "cases", "LESS_THAN"),
    ("over 50 states", "over 50 states", 50, "states", "MORE_THAN"),
    ("some 20 people", "some 20 people", 20, "people", "APPROX"),
    ("about twenty-five members", "about twenty-five members", 25, "members", "APPROX"),
    ("tens of thousands of people", "tens of thousands of people", 1e4, "people", "MORE_THAN"),
    ("hundreds of protesters", "hundreds of protesters", 100, "protesters", "MORE_THAN"),
    ("millions of dollars", "millions of dollars", 1e6, "USD", "MORE_THAN"),
    ("one hundred and twenty members", "one hundred and twenty members", 120, "members", None),
    ("a dozen countries", "a dozen countries", 12, "countries", None),
    ("a million people", "a million people", 1e6, "people", None),
    ("1,000 foreign diplomats", "1,000 foreign diplomats", 1000, "diplomats", None),
    ("45 UN member states", "45 UN member states", 45, "states", None),
    ("12 Uyghur people", "12 Uyghur people", 12, "people", None),
    ("5 km from the border", "5 km", 5, "km", None),
    ("2000 people came", "2000 people", 2000, "people", None),
    ("more than one", "more than one", 1, None, "MORE_THAN"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit", "modifier"), FORMS)
def test_quantity_forms(text, span, value, unit, modifier):
    [quantity] = [q for q in _quantities(text) if q.text == span] or [None]
    assert quantity is not None, _summary(_quantities(text))
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit, quantity.modifier) == (unit, modifier)
    assert text[quantity.start : quantity.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "the Third Committee of the General Assembly",
        "in the 20th century",
        "CMS (2023)",
        "resolution A/HRC/41/L.10",
        "Article 5 of the Charter",
        "resolution 2231",
        "No. 3 of 2019",
        "1. The Permanent Mission presents its compliments",
        "(2) the second point",
        "COVID-19 and the G20 and 5G",
        "at 3:30 today",
        "one of them said that no one knew",
        "the twenty-first century",
        "in 2019",
        "the 2019 report",
        "Number two, better education.",
        "",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_time_expressions_are_excluded():
    text = "for almost three years, 45 countries met every year for 24 hours"
    assert _summary(_quantities(text)) == [("45 countries", 45.0, "countries", None)]
    # without the exclusion the numbers of the durations are quantities too
    assert [q.value for q in find_quantities(text)] == [3.0, 45.0, 24.0]


def test_exclude_is_in_offset_coordinates():
    text = "in three years 45 countries"
    times = find_time_expressions(text, offset=1000)
    found = find_quantities(text, offset=1000, exclude=[(t.start, t.end) for t in times])
    assert [(q.text, q.start, q.end) for q in found] == [("45 countries", 1015, 1027)]


def test_an_excluded_unit_is_left_out():
    text = "nearly 100 countries"
    [quantity] = find_quantities(text, exclude=[(11, 20)])
    assert (quantity.text, quantity.unit) == ("nearly 100", None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", 1000),
        ("1.5", 1.5),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("one hundred and twenty", 120),
        ("two thousand three hundred", 2300),
        ("a million", 1e6),
        ("1.5 billion", 1.5e9),
        ("two and a half", 2.5),
        ("half a million", 5e5),
        ("a couple of", 2),
        ("a dozen", 12),
        ("several", None),
        ("the", None),
        ("", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_docstring_examples_run():
    result = doctest.testmod(extract.quantities)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------- any text at all

_FRAGMENTS = st.one_of(
    st.text(max_size=8),
    st.sampled_from(list(" ,.-/:$%()0123456789\n")),
    st.sampled_from(
        [
            " nearly ",
            " more than ",
            " 1,000 ",
            " million ",
            " people",
            " two thirds of ",
            " tens of thousands of ",
            " per cent",
            " $",
            " one ",
            " twenty-",
            " years",
            "-page",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_FRAGMENTS, max_size=30).map("".join))
def test_any_text_gives_exact_non_overlapping_quantities(text):
    times = find_time_expressions(text)
    found = find_quantities(text, exclude=[(t.start, t.end) for t in times])
    previous_end = 0
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.start >= previous_end
        assert not any(t.start < quantity.end and quantity.start < t.end for t in times)
        previous_end = quantity.end


# ---------------------------------------------------------------- real transcripts


@pytest.mark.parametrize(
    ("filename", "line", "expected"),
    [
        (
            "20160112_Obama_state_of_the_union.tsv",
            11,
            [("Nearly eighteen million", 18e6, None, "APPROX")],
        ),
        (
            "20160112_Obama_state_of_the_union.tsv",
            59,  # "... tens of millions of dollars a year": "a year" is a SET
            [("tens of millions of dollars", 1e7, "USD", "MORE_THAN")],
        ),
        (
            "20160112_Obama_state_of_the_union.tsv",
            61,
            [("nearly sixty percent", 60.0, "percent", "APPROX")],
        ),
        (
            "20151110_GOP_milwuakee.tsv",
            679,  # "$3.6 trillion over 10 years, ... about $7..."
            [("$3.6 trillion", 3.6e12, "USD", None)],
        ),
        (
            "20160204_democrats_new_hampshire.tsv",
            133,  # "trillions of dollars ... the top 1/10th of 1 percent"
            [
                ("trillions of dollars", 1e12, "USD", "MORE_THAN"),
                ("1 percent", 1.0, "percent", None),
            ],
        ),
        (
            "20121023_third_presidential_debate.tsv",
            490,  # "since it was founded in 1947": a year, not a quantity
            [],
        ),
    ],
)
def test_debate_sentences(filename, line, expected):
    anchor, text = debate_line(filename, line)
    found = _summary(_quantities(text, anchor))
    for item in expected:
        assert any(
            f[0] == item[0] and f[1] == pytest.approx(item[1]) and f[2:] == item[2:] for f in found
        ), found
    if not expected:
        assert found == []
