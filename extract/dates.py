"""Find time expressions in text and normalise them to TimeML TIMEX3 values.

Rule-based and deterministic: pure Python and :mod:`re`, every pattern compiled
once at import, no model.  :func:`find_time_expressions` returns
:class:`~extract.records.TimeExpression` records; ``anchor`` is the document
creation time of TimeML (the date the document was published), against which
relative expressions ("yesterday", "last year", "two years ago") and partial
dates ("September 19") are resolved.

Value conventions
-----------------
Anchor 2019-07-10 (a Wednesday) unless said otherwise.

========================================  ========  ==========================  =============
written                                   type      value                       modifier
========================================  ========  ==========================  =============
10 July 2019, July 10, 2019, 2019-07-10   DATE      2019-07-10
July 2019                                 DATE      2019-07
2019 (only in a date context)             DATE      2019
the third quarter of 1998, Q3 1998        DATE      1998-Q3
the first half of 2019                    DATE      2019-H1
week 7 of 1998; last week                 DATE      1998-W07; 2019-W27
the second / last week of July            DATE      2019-W28; 2019-W30
last weekend                              DATE      2019-W27-WE
summer 1998 (spring SP, autumn FA)        DATE      1998-SU
winter 2018 (December 2018 to February)   DATE      2018-WI
the 1990s                                 DATE      199
the 2010-2019 decade; the new decade      DATE      201; 202
first half profit (H1 under way)          DATE      2019-H1
fiscal 2019, full-year 2019               DATE      2019
the previous financial year               DATE      2018
1 April last year                         DATE      2018-04-01
July 5 to 17 (the closing day)            DATE      2019-07-17
early Monday                              DATE      2019-07-08                  START
soon, our future                          DATE      FUTURE_REF
to the present, by this time              DATE      PRESENT_REF
this time of the year                     DATE      2019-07
the 20th century; last century            DATE      19
September 19 (anchor 2023-09-14)          DATE      2023-09-19
Monday; Monday with no anchor             DATE      2019-07-08; XXXX-WXX-1
today, yesterday, tomorrow                DATE      2019-07-10, -09, -11
last year, this month, next week          DATE      2018, 2019-07, 2019-W29
two years ago, in two years' time         DATE      2017, 2021 (unit's grain)
a decade ago                              DATE      2009
a few days ago, recently, recent years    DATE      PAST_REF
now, currently, at present                DATE      PRESENT_REF
the future, the coming years              DATE      FUTURE_REF
by 2020                                   DATE      2020
early 2019, mid-2019, late 2019           DATE      2019                        START/MID/END
the end of 2019                           DATE      2019                        END
the end of the year; of the month         DATE      2019; 2019-07               END
the beginning of the year                 DATE      2019                        START
the middle of next year                   DATE      2020                        MID
around 2015                               DATE      2015                        APPROX
more than two years ago                   DATE      2017                        BEFORE
3 p.m., 15:00, noon; midnight             TIME      2019-07-10T15:00; T24:00
3 p.m. on Friday; Friday at 3 p.m.        TIME      2019-07-12T15:00 (3 p.m.)
this morning, this afternoon, tonight     TIME      2019-07-10TMO, TAF, TNI
three years, three-year                   DURATION  P3Y
almost three years, nearly a decade       DURATION  P3Y, P10Y                   APPROX
over six consecutive years                DURATION  P6Y                         MORE_THAN
less than a month                         DURATION  P1M                         LESS_THAN
at least five years                       DURATION  P5Y                         EQUAL_OR_MORE
up to a year                              DURATION  P1Y                         EQUAL_OR_LESS
two and a half years, 1.5 years           DURATION  P2Y6M, P1Y6M
24 hours, half an hour                    DURATION  PT24H, PT30M
half a century                            DURATION  P50Y
years, several years, many months         DURATION  PXY, PXY, PXM
decades, centuries                        DURATION  PXDE, PXCE
every year, annually, per year, a year    SET       P1Y                         EVERY
every Monday                              SET       XXXX-WXX-1                  EVERY
========================================  ========  ==========================  =============

Without an anchor, relative expressions keep X placeholders ("XXXX" for
"last year", "XXXX-09-19", "XXXX-XX-XX" for "yesterday") and "today" is
PRESENT_REF.  ``TimeExpression.anchor`` is set only when the value, or the
``begin``/``end_value`` of a duration, was computed from the anchor.  A
number of decades or centuries is counted in years (P10Y, P200Y); only an
unknown count uses the TIMEX2 units DE and CE.  A value that would leave the
calendar ("5,000 years ago") falls back to PAST_REF/FUTURE_REF.

Spans follow TimeML: a leading preposition or signal ("in", "on", "by",
"since", "for", "during") is not part of the expression, a determiner and a
modifier are ("the 1990s", "almost three years", "the past five years", "A few
days ago").  "by 2020" is the DATE 2020 with no modifier: the deadline reading
is the signal's, not the date's.  "a few days ago" has no exact value and is
PAST_REF, like every vague "ago" ("years ago", "some time ago").  Frequencies
("twice a year") keep the TIMEX3 value (P1Y) and lose the count, since records
have no ``freq`` field.  Ranges ("between 2015 and 2017", "from 2016 to 2019",
"2015-17") give one DATE per end.

"the year", "the month", "the week" and "the decade" are tagged only after
"the end/beginning/start/middle/close of" or "the early/latter part of",
and are the anchor's ("by the end of the year" is the year of the document,
END).  Limitation: a year named earlier ("In 1997 output rose until the end
of the year") is not looked back to; that "the year" is still the anchor's.

Expressions that look back
--------------------------
Some expressions name a time through one named before them in the same
document: TimeML's reference time, kept running through the document as
HeidelTime and SUTime do.  ``reference`` gives the times of the earlier
sentences; the text's own times before the expression come after them.  Each
looks back to the last time of the grain it needs, among the last 100 named.  Earlier: "On 3 May 1998
...", a report of "third-quarter sales" written 1998-11-04.

========================================  ========  ==========================
written                                   type      value
========================================  ========  ==========================
that day; the next day; the day before.   DATE      1998-05-03; -04; 1998-05-02
that evening; the next morning            TIME      1998-05-03TEV; 1998-05-04TMO
that week; the following month            DATE      1998-W18; 1998-06
that year; Prior Year; 12 years later     DATE      1998; 1997; 2010
the quarter; that quarter                 DATE      1998-Q3
the year-ago period, the year-earlier     DATE      1997-Q3
quarter, the same quarter last year
up from $2 a year ago (a comparison)      DATE      1997-Q3
========================================  ========  ==========================

"the quarter" and the periods a year back look back to the quarter (or
half) being reported: the last one named that is neither the same period of
the year before one named earlier ("During the third quarter last year ...
that quarter") nor the one after the period reported, named before it has
ended (an outlook: "first-quarter earnings should be ...").  "a year ago" is
that period one year back only in a comparison ("from", "compared", "than",
"against") when a quarter or half is among the last four times named;
otherwise it is the anchor's, like every deictic expression ("tomorrow",
"next week", "last year").  With no time of the grain named before, "the
next day", "the following year", "the previous week" fall back on the
anchor; "that year", "the quarter" and "two days later" (still the DURATION
"two days") stay unresolved.  "the day after the vote" is anchored on an
event: untagged.  A clock time names no day to look back to.

A quarter without its year that is written "fiscal" or is being reported
("after reporting fourth quarter earnings") is the fiscal year's, named by
the year the fiscal year ends, when the calendar quarter ended more than 100
days before the anchor: "fourth quarter" reported on 1998-05-27 is 1998-Q4.

Clock times and days
--------------------
A clock time takes the day written next to it: the one after it first ("10
a.m. on Thursday", "10 a.m. Thursday", "10 a.m., Thursday"), else the one
before it ("10 July 2019 at 3 p.m.", "Thursday at 3 p.m.").  They stay two
expressions, the TIME (value ``1998-03-05T10:00``) and the DATE
(``1998-03-05``): TIMEX3s do not nest and "on"/"at" are TimeML signals,
outside every extent (HeidelTime, built for TimeML, tags only the time in
"<time> on <date>" and gives it the date's value).  A weekday without an
anchor gives a week time: ``XXXX-WXX-4T10:00``.

Weeks of a month
----------------
"the Nth week of MONTH" (first to fifth, or last/final; "of" or "in"; the
month may carry a year, or be "this/next/last month") is an ISO 8601 week:
the week holding most (four or more) of the month's Nth seven days, the
1st-7th, the 8th-14th and so on.  That is the ISO week of the month's Nth
Thursday, the rule by which ISO 8601 makes week 1 of a year the week of its
first Thursday.  "the last week" is the week of the month's last Thursday.
"the second week of February" 1998 is 1998-W07 (9-15 February: the 8th is a
Sunday, so W06 holds one day of the 8th-14th and W07 six); "the first week
of March" 1998 is 1998-W10 (2-8 March; the 1st is a Sunday of W09).  A
fifth week exists only in a month with five Thursdays.  Without a year the
month is found by tense, as bare months are (at the day of the week's
Thursday); without a year or an anchor the value is ``XXXX-WXX``.

Durations that run up to the anchor
-----------------------------------
A DURATION gets ``begin`` = anchor minus the duration and ``end_value`` = the
anchor (ISO dates) when it runs up to the document's date:

* it starts with "the past" / "the last" ("over the past five years"), or
* it follows "for", "in", "over", "during", "throughout", "within", "been",
  "spent" or "lasted", or is followed by "now", and its sentence has a present
  perfect ("have occurred", "has been", "'ve spent", "has not happened") and,
  after "in"/"within", no future ("in five days they will ...").

"the next / coming N units" get the interval that starts at the anchor.
A bound from a modifier ("over six years") is still the bound: ``begin`` is
six years back and ``modifier`` says it is a MORE_THAN.

Tense
-----
``tense`` ("past", "present", "future" or None) resolves bare weekdays,
months, day-months and seasons: in the past the latest one on or before the
anchor, in the future the first on or after it, for "present" the nearest one.
When it is None the sentence's auxiliaries are read instead ("will",
"'ll", "going to", "scheduled" for the future; "was", "were", "did", "had",
"ago", "back in" for the past); with neither or both, the nearest one.
"the next five years" gets its interval from the anchor only in a present or
future sentence ("I spent the next seven years ..." tells a story).

``tense`` is one per sentence, but a sentence may hold two clauses: "The
board raised tariffs in April and will raise them again in October".  So
before the hint the expression's own clause is read, right to left from the
expression to the clause's start (a comma, semicolon, colon, dash, quote
or bracket), at most 15 words, for the nearest verb group; when its tense is
clear it wins over ``tense``:

* future: "will", "'ll", "shall", "won't", "going to", "plans to", "is to",
  "is expected to", "scheduled"/"expected" ("a vote scheduled for May"),
  "next";
* past: "was", "were", "had", "did", "last", "ago", and verbs in -ed:
  "raised", "has raised", "had been raised" ("will be raised" is future);
* unclear, so the hint decides: "is", "has", modals ("would", "could"),
  "is raised", "to be raised", "planned to", "was expected to".

An -ed word after a determiner or quantifier is an adjective ("the revised
plan", "many pledged delegates"), and "as opposed to", "based on" and a few
such are not verbs.  Irregular past forms ("said", "met", "rose") are not
read: they are left to the hint.  The cue can belong to another verb of the
clause: "as she was campaigning in advance of Tuesday's primary" makes that
Tuesday past.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from .quantities import DIGITS, WORD_NUMBER_99, parse_number
from .records import TimeExpression

__all__ = ["find_time_expressions", "implied_start", "normalise_date_string"]


def _words(text: str) -> list[str]:
    return text.split()


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TENSES = ("past", "present", "future")
#: anchors far enough from the calendar's ends for every relative expression
_SAFE_ANCHORS = (datetime.date(2, 1, 1), datetime.date(9998, 12, 31))

# ---------------------------------------------------------------- vocabulary

_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        _words(
            "january february march april may june july august september october november december"
        ),
        start=1,
    )
}
_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAY_NUMBERS = {
    name: number
    for number, name in enumerate(
        _words("monday tuesday wednesday thursday friday saturday sunday"), start=1
    )
}
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# Seasons in year order; January and February belong to the winter of the year before.
_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        _words(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
            "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
            "nineteenth twentieth"
        ),
        start=1,
    )
}
_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)(?!\w)"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR4 = r"[12]\d{3}"

_UNIT = (
    r"(?:years?|months?|weeks?|days?|nights?|hours?|minutes?|seconds?|decades?|centuries"
    r"|century|millennia|millennium|fortnights?|quarters)"
)
_SINGULAR_UNIT = r"(?:year|month|week|day|hour|minute|second|decade|century|fortnight)"
#: the number of a duration: digits, words, "a", "a few", "several" ...
_DURATION_NUMBER = (
    rf"(?:{DIGITS}|{WORD_NUMBER_99}(?:\s+hundred(?:\s+(?:and\s+)?{WORD_NUMBER_99})?)?"
    r"|(?:a|one)\s+hundred|a\s+dozen|a\s+couple\s+of|a\s+couple|a\s+few|few|several|many"
    r"|some|half\s+an?|a\s+quarter(?:\s+of\s+a)?|an?)"
)
_CONCRETE_NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER_99}|an?)"
_VAGUE_NUMBERS = frozenset({"a few", "few", "several", "many", "some"})

_DURATION_MODIFIERS = [
    (
        "EQUAL_OR_MORE",
        r"at\s+least|no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of",
    ),
    ("EQUAL_OR_LESS", r"at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|a\s+maximum\s+of"),
    (
        "MORE_THAN",
        r"more\s+than|longer\s+than|well\s+over|just\s+over|over|upwards\s+of|in\s+excess\s+of",
    ),
    ("LESS_THAN", r"less\s+than|fewer\s+than|shorter\s+than|just\s+under|under"),
    (
        "APPROX",
        r"almost|nearly|about|around|approximately|roughly|close\s+to|circa|just\s+about"
        r"|an\s+estimated|more\s+or\s+less|the\s+better\s+part\s+of|the\s+best\s+part\s+of|some",
    ),
]
_DURATION_MODIFIER = "|".join(f"(?P<{n}>{p})" for n, p in _DURATION_MODIFIERS)

# How "N units ago" shifts an anchor, and how a fraction of a unit breaks down.
_UNIT_CODES = {
    "second": ("S", 1),
    "minute": ("MIN", 1),
    "hour": ("H", 1),
    "day": ("D", 1),
    "night": ("D", 1),
    "week": ("W", 1),
    "fortnight": ("W", 2),
    "month": ("M", 1),
    "quarter": ("M", 3),
    "year": ("Y", 1),
    "decade": ("Y", 10),
    "century": ("Y", 100),
    "millennium": ("Y", 1000),
}
_VAGUE_UNIT_VALUES = {
    "S": "PTXS",
    "MIN": "PTXM",
    "H": "PTXH",
    "D": "PXD",
    "W": "PXW",
    "M": "PXM",
    "Y": "PXY",
    "decade": "PXDE",
    "century": "PXCE",
    "millennium": "PXML",
}
_UNIT_RANK = {
    unit: rank
    for rank, unit in enumerate(
        _words(
            "second minute hour day night week fortnight month quarter year decade"
            " century millennium"
        )
    )
}
_SMALLER_UNIT = {
    "Y": ("M", 12),
    "M": ("D", 30),
    "W": ("D", 7),
    "D": ("H", 24),
    "H": ("MIN", 60),
    "MIN": ("S", 60),
}

#: nouns after which a four-digit number is a year: "the 2019 report"
_YEAR_NOUNS = _word_set("""
    report reports election elections census budget budgets campaign survey olympics games
    summit session sessions agenda plan target targets goal goals deadline level levels figures
    figure data estimate estimates edition season law act constitution protocol accord
    agreement declaration convention review strategy vision revision amendment midterm
    midterms primary primaries presidential general national parliamentary local legislative
    crisis uprising riots riot attack attacks earthquake war conflict financial global fiscal
    calendar cycle version model nomination race debate debates protests unrest incident
    incidents statement resolution conference meeting forum visit world cup tournament
    championship championships marathon festival exhibition expo award awards prize class
    graduates graduation cohort white paper annual quarter report's draft bill bills
    regulations rules guidelines standards list ranking rankings index results result
    winter summer spring autumn fall drought floods flood storm hurricane tsunami massacre
    incident's events event pandemic outbreak recession boom crash coup revolution
    referendum vote polls poll ballot tax taxes levels emissions earnings revenue revenues
    sales forecast forecasts outlook profit profits harvest crop crops
    """)
_YEAR_VERBS = _word_set("was is will saw sees marked marks became brought has had wasn isn")
# a year as the subject of a clause after a conjunction: "even if 2014 wasn't the warmest"
_YEAR_SUBJECT_LEFT_RE = re.compile(
    r"\b(?:if|when|while|because|as|and|but|that|although|though)\s+$", re.IGNORECASE
)
_YEAR_SUBJECT_VERBS = _word_set("was is wasn isn saw marked became")  # wasn('t)
_IRREGULAR_PLURALS = _word_set(
    "people men women children police staff personnel cattle troops sheep"
)
_FUNCTION_WORDS = _word_set("""
    a an the of and or but to in on at by for from with as than is are was were be been has
    have had will would can could should may might must do does did that which who this these
    those it its their his her our your they we you he she i when while if because so not no
    until since after before during through
    """)

# ---------------------------------------------------------------- patterns

_FLAGS = re.IGNORECASE | re.VERBOSE

_ISO_DATE_RE = re.compile(
    rf"""(?<![\w/.-])(?P<year>{_YEAR4})(?P<sep>[-/])(?P<month>0[1-9]|1[0-2])(?P=sep)
    (?P<day>0[1-9]|[12]\d|3[01])
    (?:[T\ ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?
       (?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    (?![\w/-]|\.\d)""",
    _FLAGS,
)
_ISO_MONTH_RE = re.compile(
    rf"(?<![\w/.-])(?P<year>{_YEAR4})-(?P<month>0[1-9]|1[0-2])(?![\w/-]|\.\d)"
)
_NUMERIC_DATE_RE = re.compile(
    rf"(?<![\w/.])(?P<first>\d{{1,2}})(?P<sep>[/.])(?P<second>\d{{1,2}})(?P=sep)"
    rf"(?P<year>{_YEAR4})(?![\w/]|\.\d)"
)
_DAY_MONTH_RE = re.compile(
    rf"""(?<![\w.,/$€£-])
    (?:(?P<weekday>{_WEEKDAY})\s*,?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<month>{_MONTH})
    (?:\s*,?\s*(?P<year>{_YEAR4})(?![\w%]|[.,]\d))?""",
    _FLAGS,
)
_MONTH_DAY_RE = re.compile(
    rf"""(?<![\w-])
    (?:(?P<weekday>{_WEEKDAY})\s*,?\s+)?(?P<month>{_MONTH})\s+(?:the\s+)?{_DAY}(?![\w%]|[.,:]\d)
    (?:\s*,?\s*(?P<year>{_YEAR4})(?![\w%]|[.,]\d))?""",
    _FLAGS,
)
_MONTH_YEAR_RE = re.compile(
    rf"(?<![\w-])(?P<month>{_MONTH})\s*,?\s+(?:of\s+)?(?P<year>{_YEAR4})(?![\w%]|[.,]\d)",
    re.IGNORECASE,
)
_BARE_MONTH_RE = re.compile(rf"\b(?P<month>{_FULL_MONTH})\b")
_MONTH_CONTEXT_RE = re.compile(
    rf"""(?:\b(?:in|last|next|this|since|until|till|by|early|mid|late|during|before|after|from
    |through|throughout|of|beginning|end|start|middle|every|each|through)\s*-?\s*
    |{_FULL_MONTH}\s*(?:,|and|or|to|-|–|through|until)\s*)$""",
    _FLAGS,
)
_YEAR_RE = re.compile(r"(?<![\w$€£¥#@'’])(?:1\d{3}|20\d{2}|21\d{2})(?!\d)")
_YEAR_RANGE_RE = re.compile(
    r"""(?<![\w$€£¥#/.,:-])(?P<first>1\d{3}|20\d{2}|21\d{2})
    \s*(?P<sep>-|–|—|\bto\b|\bthrough\b|\buntil\b|\btill\b)\s*
    (?P<second>1\d{3}|20\d{2}|21\d{2}|\d{2})(?![\w%]|[.,/:]\d)""",
    _FLAGS,
)
_YEAR_LEFT_STRONG_RE = re.compile(
    r"""(?:\b(?:in|since|until|till|through|throughout|during|before|after|between|circa|ca|c
    |pre|post|early|mid|late|year|years|as\s+of|spring|summer|autumn|fall|winter)\.?\s*-?\s*
    |\b(?:end|start|beginning|middle|half|quarter|spring|summer|autumn|fall|winter|election
    |elections|class|months|year|turn|part)\s+of\s+(?:the\s+year\s+)?
    |\bend\s*-\s*)$""",
    _FLAGS,
)
# "by 2030", "the Drought of 1996", "a 1996 harvest" (an article cannot count a number)
_YEAR_LEFT_WEAK_RE = re.compile(
    r"\b(?:by|from|for|around|against|vs\.?|versus|of|an?)\s+$", re.IGNORECASE
)
_YEAR_CHAIN_RE = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|to|through|until|till|-|–|—|/)\s*$")
_NEXT_WORD_RE = re.compile(r"(?:'s|’s)?\s+(?P<word>[A-Za-z][A-Za-z-]*)")
_DECADE_RE = re.compile(
    r"""(?<![\w'’$])(?:(?P<the>the)\s+)?(?:(?P<mod>early|mid|late)\s*-?\s*)?
    (?:(?P<decade>1\d\d|20\d|21\d)0['’]?s|['’](?P<short>\d)0s
    |(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b""",
    _FLAGS,
)
_CENTURY_RE = re.compile(
    rf"""\b(?:(?P<the>the)\s+)?(?:(?P<mod>early|mid|late)\s*-?\s*)?
    (?P<ordinal>\d{{1,2}}(?:st|nd|rd|th)|{"|".join(_ORDINAL_WORDS)}|twenty[\s-]first
    |twenty[\s-]second)(?:\s+|-)century\b""",
    _FLAGS,
)
_QUARTER_RE = re.compile(
    rf"""\b(?:the\s+)?(?P<ordinal>first|second|third|fourth|final|last|1st|2nd|3rd|4th)(?:\s+|-)
    (?:fiscal\s+|calendar\s+)?(?P<part>quarter|half)
    (?:\s+of\s+(?:(?P<year>{_YEAR4})\b|(?P<relative>this|last|next|the\s+current|the)\s+year\b)
    |,?\s+(?P<year_after>{_YEAR4})\b(?![-–—]\d)
    |\s+(?P<relative_after>this|last|next)\s+year\b)?""",
    _FLAGS,
)
# "Q4 revenues", "in Q2": a quarter code without its year, where it can only be a quarter
_QUARTER_ALONE_RE = re.compile(
    r"""(?:\b(?:in|for|during|the|its|their)\s+)?\b(?P<code>Q[1-4])\b(?=\s+(?i:revenues?|results|
    earnings|sales|profits?|loss(?:es)?|growth|gdp|net|income|pro-forma|performance|output)\b)
    |(?:\b(?:in|for|during)\s+)(?P<code2>Q[1-4])\b""",
    re.VERBOSE,
)
_QUARTER_CODE_RE = re.compile(
    rf"""\b(?:(?P<code>[QH][1-4])(?:\s+of\s+|\s*[-/]\s*|\s+)(?P<year>{_YEAR4})
    |(?P<year2>{_YEAR4})\s*-?\s*(?P<code2>[QH][1-4]))\b""",
    re.VERBOSE,
)
_WEEK_OF_YEAR_RE = re.compile(
    rf"\bweek\s+(?P<week>\d{{1,2}})(?:\s+of|\s*,)?\s+(?P<year>{_YEAR4})\b", re.IGNORECASE
)
_WEEK_OF_MONTH_RE = re.compile(
    rf"""\bthe\s+(?P<ordinal>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)\s+
    (?:full\s+|whole\s+)?week\s+(?:of|in)\s+
    (?:(?P<month>{_MONTH})(?:\s*,?\s*(?P<year>{_YEAR4})(?![\w%]|[.,]\d))?
     |(?P<rel>this|next|last)\s+month\b)""",
    _FLAGS,
)
#: "the year" after "the end of": the anchor's year (no year, month or name follows)
_THE_UNIT_RE = re.compile(
    rf"""\bthe\s+(?P<unit>year|month|week|decade|century)\b
    (?![-'’]|\s*,?\s*(?:of\s+)?(?:\d|{_FULL_MONTH}|(?:the\s+)?(?:before|after)\b))""",
    _FLAGS,
)
_UNIT_MODIFIER_LEFT_RE = re.compile(
    r"\bthe\s+(?:beginning|start|middle|end|close|(?:early|first|latter|later|last)\s+part)"
    r"\s+of\s+$",
    re.IGNORECASE,
)
_SEASON_RE = re.compile(
    rf"""\b(?:(?P<det>this\s+past|this\s+coming|this|last|next|the|early|late|mid)\s*-?\s*)?
    (?P<season>spring|summer|autumn|fall|winter)\b
    (?:\s*,?\s+(?:of\s+)?(?P<year>{_YEAR4})(?![\w%]|[.,]\d))?""",
    _FLAGS,
)
_SEASON_LEFT_RE = re.compile(
    r"\b(?:in|during|by|until|till|since|through|throughout|over|before|after|this|that|of"
    r"|each|every|early|late|mid)\s*-?\s*$",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(
    rf"""\b(?P<rel>this\s+past|this\s+coming|last|this|next|the\s+coming|the\s+current|coming)\s+
    (?:(?P<unit>year|month|week|weekend|decade|century|quarter)
    |(?P<month>{_FULL_MONTH})|(?P<weekday>{_WEEKDAY}))\b(?!-)""",
    _FLAGS,
)
_WEEKDAY_RE = re.compile(rf"\b(?P<weekday>{_WEEKDAY})(?P<plural>s)?\b", re.IGNORECASE)
_PART_OF_DAY_RE = re.compile(
    rf"""\b(?:(?P<rel>this|last|yesterday|tomorrow|(?P<weekday>{_WEEKDAY}))\s+
    (?P<part>morning|afternoon|evening|night)|(?P<tonight>tonight))\b""",
    _FLAGS,
)
_AGO_RE = re.compile(
    rf"""(?:\b(?:{_DURATION_MODIFIER})\s+)?
    (?:(?<![\w.,$€£¥])(?P<num>{_DURATION_NUMBER})(?P<half>\s+and\s+a\s+half)?\s+
       (?:(?:more|long|short|full|whole)\s+)?(?P<unit>{_UNIT})(?P<unit_half>\s+and\s+a\s+half)?
     |\b(?P<vague_unit>years|decades|months|weeks|days|centuries|ages)
     |\b(?P<idiom>long|a\s+(?:long\s+|little\s+|short\s+)?(?:while|time)|some\s+time|not\s+long))
    (?P<direction>\s+ago|\s+from\s+now|\s+hence|['’]s?\s+time)\b""",
    _FLAGS,
)
_FIXED_RE = re.compile(
    r"""\b(?:(?P<day_before>the\s+day\s+before\s+yesterday)|(?P<day_after>the\s+day\s+after\s+tomorrow)
    |(?P<today>today)|(?P<yesterday>yesterday)|(?P<tomorrow>tomorrow)
    |(?P<present>right\s+now|now|currently|presently|at\s+present|at\s+the\s+moment|nowadays
       |these\s+days|the\s+present\s+(?:day|time))
    |(?P<past>recently|lately|the\s+recent\s+past|recent\s+(?:years|months|weeks|days|decades|times)
       |the\s+past(?=\s*(?:[.,;:!?)"”]|$)|\s+(?:and|or|but|when|where|that|is|was|has|have|had
          |we|i|they|he|she|it|to|of|in|on|at|for|with|as|years|decades|centuries)\b))
    |(?P<future>the\s+(?:near\s+|foreseeable\s+|distant\s+|immediate\s+)?future(?!\s+of\b)
       |the\s+coming\s+(?:years|months|weeks|days|decades)
       |(?:the\s+)?(?:years|months|decades|days|weeks)\s+(?:to\s+come|ahead)
       |(?<=\bin\s)the\s+(?:medium|long|longer)\s+(?:term|run)|(?<=\bover\s)the\s+(?:medium|long|longer)\s+(?:term|run)
       |anytime\s+soon|any\s+time\s+soon))\b""",
    _FLAGS,
)
_CLOCK_RE = re.compile(
    r"""(?<![\w:.])(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*
    (?P<ampm>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?![\w])
    (?:\s*(?-i:(?P<zone>GMT|UTC|CET|CEST|EST|EDT|ET|CST|CDT|CT|MST|MDT|PST|PDT|PT|BST))\b)?""",
    _FLAGS,
)
# "around 7:30 p.m.", "about noon", "near midnight": an approximate time
_TIME_APPROX_LEFT_RE = re.compile(
    r"\b(?:around|about|near|nearly|approximately|roughly|shortly\s+(?:before|after))\s+$",
    re.IGNORECASE,
)
_CLOCK24_RE = re.compile(
    r"""(?<![\w:./])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?(?![\w:]|[.,]\d)
    (?:\s*(?P<zone>GMT|UTC|CET|CEST|EST|EDT|PST|PDT|BST|hours|hrs|h)\b)?""",
    re.VERBOSE,
)
_CLOCK_LEFT_RE = re.compile(
    r"\b(?:at|from|until|till|by|before|after|around|about|to|between|and|since)\s+$", re.I
)
_OCLOCK_RE = re.compile(rf"\b(?P<num>{WORD_NUMBER_99}|\d{{1,2}})\s+o['’]clock\b", re.IGNORECASE)
_NOON_RE = re.compile(r"\b(?P<word>noon|midday|midnight)\b", re.IGNORECASE)
_SET_EVERY_RE = re.compile(
    rf"""\b(?:every|each)\s+(?:(?P<num>{_CONCRETE_NUMBER}|other)\s+)?(?:single\s+)?
    (?:(?P<unit>{_UNIT})|(?P<weekday>{_WEEKDAY})|(?P<month>{_FULL_MONTH})
    |(?P<part>morning|afternoon|evening|night)|(?P<season>spring|summer|autumn|fall|winter))\b""",
    _FLAGS,
)
_SET_ADVERB_RE = re.compile(
    r"\b(?P<adverb>annually|yearly|monthly|weekly|daily|hourly|quarterly|nightly|biannually"
    r"|biennially|fortnightly)\b",
    re.IGNORECASE,
)
_SET_PER_RE = re.compile(
    rf"""\b(?:(?P<freq>once|twice|thrice|(?:{_CONCRETE_NUMBER})\s+times)\s+)?
    (?P<per>an?|per)\s+(?P<unit>year|annum|month|week|day|hour|minute|decade|century)\b""",
    _FLAGS,
)
_PER_LEFT_RE = re.compile(
    r"(?:\d|%|\b(?:hundred|thousand|million|billion|trillion|bn|percent|cent|dollars|euros"
    r"|yuan|pounds|bucks|times|once|twice|grand))\s*$",
    re.IGNORECASE,
)
_DURATION_RE = re.compile(
    rf"""(?P<lead>\bthe\s+(?P<direction>past|last|previous|next|coming|first|following|final)\s+)?
    (?:\b(?:{_DURATION_MODIFIER})\s+)?
    (?:
      (?<![\w.,$€£¥])(?P<num>{_DURATION_NUMBER})(?P<half>\s+and\s+a\s+half)?(?P<odd>-odd)?
      (?P<joint>\s*-\s*|\s+)
      (?:(?:consecutive|straight|successive|full|whole|long|more|additional|further|entire|solid
         |calendar|working|business|short)\s+)?
      (?P<unit>{_UNIT})\b(?P<unit_half>\s+and\s+a\s+half)?
      (?P<more>(?:\s*,?\s+and\s+)(?P<num2>{DIGITS}|{WORD_NUMBER_99}|an?)\s+
         (?P<unit2>{_UNIT})\b)?
    | (?(lead)(?P<bare_unit>{_UNIT})\b|(?!))
    )""",
    _FLAGS,
)
_DURATION_AFTER_RE = re.compile(
    r"\s+or\s+(?:(?P<approx>so)|(?P<more>more|longer)|(?P<less>less|fewer))\b", re.IGNORECASE
)
_AGE_AFTER_RE = re.compile(r"\s*-?\s*olds?\b|\s+of\s+age\b", re.IGNORECASE)
_VAGUE_DURATION_RE = re.compile(
    r"\b(?P<the>the\s+)?(?P<unit>years|decades|months|weeks|days|hours|centuries)\b",
    re.IGNORECASE,
)
_PERFECT_RE = re.compile(
    r"""(?:\b(?:have|has|haven['’]t|hasn['’]t)|['’]ve|['’]s(?=\s+been))\s+
    (?:(?:not|never|been|always|already|also|only|now|just|long|consistently|continuously
       |steadily|successfully|all|really|largely|mostly|truly)\s+)*
    (?:been|had|\w+ed|\w{2,}en|known|seen|done|gone|made|kept|held|grown|taken|given|come|become
       |fought|sought|brought|built|won|led|lost|met|paid|run|said|sent|spent|stood|told|thought
       |felt|found|got|gotten|left|meant|put|read|set|shown|taught|understood|sold|begun|struck
       |dealt|fled|hit|heard|lived|suffered|worked|existed|occurred|happened|remained)\b""",
    _FLAGS,
)
_DIGIT_RE = re.compile(r"\d")
_MONTH_KEYS = tuple(_MONTH_ABBREVIATIONS) + ("may",)
_UNIT_KEYS = (
    "year",
    "month",
    "week",
    "day",
    "night",
    "hour",
    "minute",
    "second",
    "decade",
    "centur",
    "millenni",
    "fortnight",
    "quarters",
)
_FIXED_KEYS = (
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "current",
    "present",
    "these days",
    "recent",
    "lately",
    "past",
    "future",
    "coming",
    "term",
    "soon",
    "long run",
    "to come",
    "ahead",
    "moment",
)
_FUTURE_MARKER_RE = re.compile(
    r"\b(?:will|won['’]t|shall|going\s+to|gonna|upcoming|scheduled|plans?\s+to|planned\s+to"
    r"|intends?\s+to|is\s+to|are\s+to)\b|['’]ll\b",
    re.IGNORECASE,
)
_PAST_MARKER_RE = re.compile(
    r"\b(?:was|were|wasn['’]t|weren['’]t|did|didn['’]t|had|hadn['’]t|ago|back\s+in|earlier)\b",
    re.IGNORECASE,
)
#: words before a duration that, with a present perfect, make it run up to now
_RUNNING_SIGNALS = frozenset(
    ("for", "in", "over", "during", "throughout", "within", "been", "spent", "lasted")
)
_AMOUNT_BEFORE_RE = re.compile(
    r"(?:\d|%|\b(?:hundred|thousand|million|billion|trillion|percent|dollars|euros|jobs))\s+$",
    re.IGNORECASE,
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?](?=\s)|\n")
_DATE_MODIFIER_RE = re.compile(
    r"""(?:\b(?:the\s+)?(?P<a>early|late|mid)\s*-\s*|\b(?:the\s+)?(?P<b>early|late|mid)\s+
    |\bthe\s+(?P<c>beginning|start|middle|end|close)\s+of\s+(?:the\s+year\s+)?
    |\bthe\s+(?P<f>early|first|latter|later|last)\s+part\s+of\s+|\b(?P<d>end|start)\s*-\s*
    |\b(?P<e>around|circa|c\.|ca\.|approximately|roughly)\s+
    |\bthe\s+(?P<g>first|second|latter)\s+half\s+of\s+)$""",
    _FLAGS,
)
_DATE_MODIFIER_VALUES = {
    "early": "START",
    "beginning": "START",
    "start": "START",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "end": "END",
    "close": "END",
    "first": "START",
    "latter": "END",
    "later": "END",
    "last": "END",
    "second": "END",
}


# ---------------------------------------------------------------- candidates


@dataclasses.dataclass
class _Candidate:
    start: int
    end: int
    type: str
    value: str
    modifier: str | None = None
    anchored: bool = False
    begin: str | None = None
    end_value: str | None = None
    #: accepts "early"/"mid-"/"late"/"the end of"/"around" written before it
    takes_modifier: bool = False


@dataclasses.dataclass(frozen=True)
class _Context:
    text: str
    anchor: datetime.date | None
    tense: str | None
    lower: str = ""
    has_digit: bool = False

    def mentions(self, words: tuple[str, ...]) -> bool:
        """Does the lower-cased text contain one of ``words``? A cheap test before a regex."""
        return any(word in self.lower for word in words)


_T = TypeVar("_T")
_Rule = Callable[[_Context], Iterable[_Candidate]]


# ---------------------------------------------------------------- calendar helpers


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month0 + 1)[1]
    return datetime.date(year, month0 + 1, min(day.day, last))


def _week_value(day: datetime.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _month_number(token: str) -> int:
    token = token.rstrip(".").lower()
    return _MONTH_NUMBERS.get(token) or _MONTH_ABBREVIATIONS[token]


def _month_token_ok(token: str) -> bool:
    """Month names that are also words ("may", "march") or abbreviations must be capitalised."""
    lower = token.rstrip(".").lower()
    if lower in ("may", "march") or lower in _MONTH_ABBREVIATIONS:
        return token[0].isupper()
    return True


def _valid_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _choose_by_tense(options: list[tuple[int, _T]], now: int, tense: str | None) -> _T:
    """Pick among (position, value) options around ``now`` the one the tense points to."""
    if tense == "past":
        past = [o for o in options if o[0] <= now]
        if past:
            return max(past, key=lambda o: o[0])[1]
    if tense == "future":
        future = [o for o in options if o[0] >= now]
        if future:
            return min(future, key=lambda o: o[0])[1]
    return min(options, key=lambda o: (abs(o[0] - now), o[0] < now))[1]


#: A day and month without a year more than this many days from the anchor, when
#: another reading lies within DAY_WITHOUT_YEAR_NEAR days, takes the nearer one.
DAY_WITHOUT_YEAR_FAR = 183
DAY_WITHOUT_YEAR_NEAR = 62


def _resolve_day_month(
    month: int, day: int, ctx: _Context, tense: str | None
) -> tuple[str, bool] | None:
    if ctx.anchor is None:
        return (f"XXXX-{month:02d}-{day:02d}", False) if _valid_date(2000, month, day) else None
    options = []
    for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
        date = _valid_date(year, month, day)
        if date is not None:
            options.append((date.toordinal(), date))
    if not options:
        return None
    now = ctx.anchor.toordinal()
    chosen = _choose_by_tense(options, now, tense)
    # A day is written without its year only near the day of writing: a tense that
    # points half a year away, past a day weeks away, is the reporting verb's
    # ("he said talks resume on Sept. 12"), not the day's.
    nearest = _choose_by_tense(options, now, None)
    if (
        abs(chosen.toordinal() - now) > DAY_WITHOUT_YEAR_FAR
        and abs(nearest.toordinal() - now) <= DAY_WITHOUT_YEAR_NEAR
    ):
        chosen = nearest
    return chosen.isoformat(), True


def _resolve_month(month: int, ctx: _Context, tense: str | None) -> tuple[str, bool]:
    if ctx.anchor is None:
        return f"XXXX-{month:02d}", False
    now = ctx.anchor.year * 12 + ctx.anchor.month - 1
    options = [
        (year * 12 + month - 1, year)
        for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)
    ]
    year = _choose_by_tense(options, now, tense)
    return f"{year}-{month:02d}", True


def _resolve_weekday(
    weekday: int, ctx: _Context, relation: str | None = None, tense: str | None = None
) -> tuple[str, bool]:
    if ctx.anchor is None:
        return f"XXXX-WXX-{weekday}", False
    anchor = ctx.anchor
    delta = weekday - anchor.isoweekday()
    if relation == "last":
        day = anchor + datetime.timedelta(days=delta - 7 if delta >= 0 else delta)
    elif relation == "next":
        day = anchor + datetime.timedelta(days=delta + 7 if delta <= 0 else delta)
    elif relation == "this":
        day = anchor + datetime.timedelta(days=delta)
    else:
        options = [
            (shift, anchor + datetime.timedelta(days=shift))
            for shift in (delta - 7, delta, delta + 7)
        ]
        day = _choose_by_tense(options, 0, tense)
    return day.isoformat(), True


def _season_index(day: datetime.date) -> tuple[int, str]:
    """(year, season code) of a day; January and February are the winter of the year before."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    return day.year, ("SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[day.month - 3]


def _resolve_season(
    code: str, ctx: _Context, relation: str | None, tense: str | None
) -> tuple[str, bool]:
    if ctx.anchor is None:
        return f"XXXX-{code}", False
    year, current = _season_index(ctx.anchor)
    now = year * 4 + _SEASON_ORDER[current]
    options = [(y * 4 + _SEASON_ORDER[code], y) for y in (year - 1, year, year + 1)]
    if relation == "last":
        chosen = max(o for o in options if o[0] < now)[1]
    elif relation == "next":
        chosen = min(o for o in options if o[0] > now)[1]
    else:
        chosen = _choose_by_tense(options, now, None if relation == "this" else tense)
    return f"{chosen}-{code}", True


def _duration_components(amount: float, unit: str) -> dict[str, int]:
    """Break an amount of a unit into whole ISO 8601 components: 2.5 years -> 2Y 6M."""
    code, factor = _UNIT_CODES[unit]
    amount *= factor
    parts: dict[str, int] = {}
    for _ in range(4):
        whole = int(amount + 1e-9)
        fraction = amount - whole
        if whole:
            parts[code] = parts.get(code, 0) + whole
        if fraction < 1e-6 or code not in _SMALLER_UNIT:
            if fraction >= 0.5 and code not in _SMALLER_UNIT:
                parts[code] = parts.get(code, 0) + 1
            break
        code, factor = _SMALLER_UNIT[code]
        amount = fraction * factor
    return parts


def _merge(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    merged = dict(a)
    for key, value in b.items():
        merged[key] = merged.get(key, 0) + value
    return merged


def _duration_value(parts: dict[str, int]) -> str:
    parts = dict(parts)
    if "W" in parts and len(parts) > 1:  # ISO 8601 does not mix weeks with other units
        parts["D"] = parts.get("D", 0) + 7 * parts.pop("W")
    date = "".join(f"{parts[k]}{k}" for k in ("Y", "M", "W", "D") if parts.get(k))
    time = "".join(f"{parts[k]}{k[0]}" for k in ("H", "MIN", "S") if parts.get(k))
    if not date and not time:
        return "PT0S"
    return "P" + date + ("T" + time if time else "")


def _shift(anchor: datetime.date, parts: dict[str, int], sign: int) -> datetime.date | None:
    """``anchor`` moved by a duration; None when that leaves the calendar ("5,000 years ago")."""
    try:
        months = parts.get("Y", 0) * 12 + parts.get("M", 0)
        day = _add_months(anchor, sign * months)
        delta = datetime.timedelta(
            weeks=parts.get("W", 0),
            days=parts.get("D", 0),
            hours=parts.get("H", 0),
            minutes=parts.get("MIN", 0),
            seconds=parts.get("S", 0),
        )
        moment = datetime.datetime.combine(day, datetime.time()) + sign * delta
    except (OverflowError, ValueError):
        return None
    return moment.date()


def _unit_name(word: str) -> str:
    word = word.lower()
    if word in ("centuries", "century"):
        return "century"
    if word in ("millennia", "millennium"):
        return "millennium"
    if word == "quarters":
        return "quarter"
    return word[:-1] if word.endswith("s") else word


def _value_at_granularity(day: datetime.date, unit: str) -> str:
    """``day`` written at the granularity of ``unit``: years give "2017", months "2017-07"."""
    code = _UNIT_CODES[unit][0]
    if code == "Y":
        return str(day.year)
    if code == "M":
        return f"{day.year}-{day.month:02d}"
    if code == "W":
        return _week_value(day)
    return day.isoformat()


def _number(text: str) -> float | None:
    """A duration's number: None when it is vague ("several", "a few")."""
    lower = " ".join(text.lower().split())
    if lower in _VAGUE_NUMBERS:
        return None
    if lower in ("a quarter", "a quarter of a"):
        return 0.25
    return parse_number(lower)


# ---------------------------------------------------------------- context helpers


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z'’]+)\W*$", text[max(0, start - 30) : start])
    return match[1].lower() if match else ""


def _sentence(text: str, start: int, end: int) -> str:
    left = max(0, start - 400)
    breaks = [m.end() for m in _SENTENCE_BREAK_RE.finditer(text, left, start)]
    sentence_start = breaks[-1] if breaks else left
    stop = _SENTENCE_BREAK_RE.search(text, end, min(len(text), end + 400))
    return text[sentence_start : stop.start() if stop else min(len(text), end + 400)]


def _tense_at(ctx: _Context, start: int, end: int) -> str | None:
    """The tense hint, or when there is none a guess from the auxiliaries of the sentence."""
    if ctx.tense is not None or ctx.anchor is None:
        return ctx.tense
    sentence = _sentence(ctx.text, start, end)
    future = _FUTURE_MARKER_RE.search(sentence) is not None
    past = _PAST_MARKER_RE.search(sentence) is not None
    if future != past:
        return "future" if future else "past"
    return None


# ---------------------------------------------------------------- local tense cues

#: where a clause ends, looking left from a time expression
_CLAUSE_BREAK_RE = re.compile(r"[.;:!?()\[\]\"“”]|,(?=\s)|\s[-–—]\s|\n")
_LOCAL_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
#: how many words left of the expression are read for a local cue
_LOCAL_WINDOW = 15
_LOCAL_FUTURE = _word_set("will shall won't wo upcoming forthcoming")
_LOCAL_PAST = _word_set("was were had did wasn't weren't hadn't didn't")
_LOCAL_PERFECT = _word_set("has have hasn't haven't")
#: a verb group whose tense says nothing about past or future: the nearest cue, but unclear
_LOCAL_UNCLEAR = _word_set("""
    is are am isn't aren't has have hasn't haven't do does don't doesn't can can't cannot
    could couldn't would wouldn't should shouldn't might must get gets getting
    """)
#: words that may stand inside a verb group: "will not be", "had already been"
_LOCAL_IN_GROUP = _word_set(
    "not never also already just again then only now still first finally ever be been being"
)
_LOCAL_MODALS = _word_set("can could would should might must")
#: "plans to", "is to", "about to": a future (the word before "to")
_TO_FUTURE = _word_set(
    "plans plan intends intend aims aim hopes hope expects expect wants want is are am about"
)
#: "going to", "expected to", "due to": a future unless a past auxiliary comes first
_TO_FUTURE_UNLESS_PAST = _word_set("going expected scheduled slated set due poised")
#: "planned to", "proposed to": the plan is past, its object could be either
_TO_PLANNED = _word_set("planned intended proposed hoped wanted aimed")
#: participles that point ahead: "a vote scheduled for May", "is expected in May"
_PLANNED = _word_set("expected scheduled slated planned proposed")
#: before an -ed word, these make it an adjective: "the revised plan", "many pledged delegates"
_DETERMINERS = _word_set("""
    the a an its their his her our my your this that these those some any no each every
    many much more most few fewer several all both other such various numerous newly
    """)
#: words in -ed that are not verbs, or not tensed ("as opposed to", "based on")
_ED_NOT_VERBS = _word_set("""
    hundred kindred sacred naked wicked rugged ragged wretched crooked beloved
    opposed compared based related concerned involved supposed
    """)


def _is_ed_verb(word: str, raw: str) -> bool:
    return (
        len(word) >= 5
        and word.endswith("ed")
        and not word.endswith("eed")
        and word not in _ED_NOT_VERBS
        and not raw[0].isupper()  # "Ahmed", "United"
    )


def _group_tense(words: list[str], at: int) -> str | None:
    """The tense of the verb group whose main verb (an -ed form) is ``words[at]``.

    "raised" is past; "has raised" and "had raised" too; "will be raised" is
    future; "is raised", "to be raised" and "would have raised" say nothing clear.
    """
    chain = []
    i = at - 1
    while i >= 0 and (
        words[i] in _LOCAL_IN_GROUP
        or words[i] in _LOCAL_FUTURE
        or words[i] in _LOCAL_PAST
        or words[i] in _LOCAL_UNCLEAR
        or words[i] == "to"
        or words[i].endswith(("'ll", "n't"))
    ):
        chain.append(words[i])
        i -= 1
    planned = words[at] in _PLANNED
    if any(w in _LOCAL_FUTURE or w.endswith("'ll") for w in chain):
        return "future"
    if any(w in _LOCAL_PAST for w in chain):
        return None if planned else "past"  # "was expected in May": unclear
    if planned:
        return "future"  # "scheduled for May", "is expected in May"
    if any(w in _LOCAL_MODALS for w in chain):
        return None  # "would have raised"
    if any(w in _LOCAL_PERFECT for w in chain):
        return "past"  # "has raised prices in April"
    if chain:
        return None  # "is raised", "to be raised"
    return "past"


def _to_tense(words: list[str], at: int) -> tuple[bool, str | None]:
    """(is it a cue, its tense) for the "to" at ``words[at]``: "plans to", "going to"."""
    before = words[at - 1] if at else ""
    earlier = words[at - 2] if at >= 2 else ""
    if before in _TO_FUTURE_UNLESS_PAST:
        return True, None if earlier in _LOCAL_PAST else "future"
    if before in _TO_FUTURE:
        return True, "future"
    if before in _TO_PLANNED:
        return True, "future" if earlier in ("is", "are", "am", "be") else None
    return False, None


def _local_tense(text: str, start: int) -> str | None:
    """The tense of the nearest verb group left of ``start`` in its clause, if it is clear.

    Future: "will", "'ll", "shall", "won't", "going to", "plans to", "is
    expected to", "scheduled", "next".  Past: "was", "were", "had", "did",
    "last", "ago", and verbs in -ed ("raised", "has raised"; "the revised
    plan" is an adjective).  The search stops at the nearest verb group even
    when it is unclear ("is", "would", "is raised", "planned to"), and at the
    clause's start (a comma, a semicolon, a dash, the sentence's end).
    Irregular past forms ("said", "met") are not read: they are left to the
    sentence's tense.
    """
    left = max(0, start - 200)
    breaks = [m.end() for m in _CLAUSE_BREAK_RE.finditer(text, left, start)]
    clause_start = breaks[-1] if breaks else left
    raw = _LOCAL_WORD_RE.findall(text, clause_start, start)[-_LOCAL_WINDOW:]
    words = [w.lower().replace("’", "'") for w in raw]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        before = words[i - 1] if i else ""
        if word in _LOCAL_FUTURE or word.endswith("'ll"):
            return "future"
        if word in _LOCAL_PAST or word == "ago":
            return "past"
        if word == "next" and (i + 1 >= len(words) or words[i + 1] != "to"):
            return "future"
        if word == "last":
            if before in _LOCAL_FUTURE or before in _LOCAL_UNCLEAR or before in ("to", "at"):
                continue  # "will last", "at last"
            return "past"
        if word == "to":
            cue, tense = _to_tense(words, i)
            if cue:
                return tense
            continue
        if word in _LOCAL_UNCLEAR or word.endswith(("'re", "'m", "'ve", "'d")):
            return None
        if _is_ed_verb(word, raw[i]):
            if before in _DETERMINERS:
                continue  # "the revised plan", "the expected date"
            return _group_tense(words, i)
    return None


def _tense_for(ctx: _Context, start: int, end: int) -> str | None:
    """The tense that resolves a bare date: a clear local cue, else the sentence's."""
    if ctx.anchor is not None:
        local = _local_tense(ctx.text, start)
        if local is not None:
            return local
    return _tense_at(ctx, start, end)


def _looks_like_name(text: str, start: int, end: int) -> bool:
    """A capitalised time word inside a run of capitalised words: "China Daily", "USA Today"."""
    if not text[start].isupper():
        return False
    before = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, start - 30) : start])
    after = re.match(r"[ \t]+([A-Za-z]+)", text[end : end + 30])
    if before and before[1][0].isupper() and not re.search(r"[.!?:\n]\s*\S+\s+$", text[:start]):
        return before[1].lower() not in _FUNCTION_WORDS and before[1].lower() not in (
            "on",
            "last",
            "next",
            "this",
        )
    return bool(after and after[1][0].isupper() and after[1].lower() not in _FUNCTION_WORDS)


def _followed_by_count_noun(text: str, end: int) -> bool:
    match = _NEXT_WORD_RE.match(text, end)
    if not match:
        return False
    word = match["word"]
    lower = word.lower()
    if word[0].isupper() or lower in _YEAR_NOUNS or lower in _FUNCTION_WORDS:
        return False
    if lower in _IRREGULAR_PLURALS:
        return True
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _followed_by_year_noun(text: str, end: int) -> bool:
    if text[end : end + 2] in ("'s", "’s"):
        return True
    match = _NEXT_WORD_RE.match(text, end)
    return bool(match and match["word"].lower() in _YEAR_NOUNS)


# ---------------------------------------------------------------- rules


def _rule_iso(ctx: _Context) -> Iterator[_Candidate]:
    if not ctx.has_digit:
        return
    for m in _ISO_DATE_RE.finditer(ctx.text):
        date = _valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if date is None:
            continue
        if m["hour"]:
            yield _Candidate(*m.span(), "TIME", f"{date.isoformat()}T{m['hour']}:{m['minute']}")
        else:
            yield _Candidate(*m.span(), "DATE", date.isoformat(), takes_modifier=True)
    for m in _ISO_MONTH_RE.finditer(ctx.text):
        yield _Candidate(*m.span(), "DATE", f"{m['year']}-{m['month']}", takes_modifier=True)
    for m in _NUMERIC_DATE_RE.finditer(ctx.text):
        first, second, year = int(m["first"]), int(m["second"]), int(m["year"])
        if first > 12 >= second or (first == second and first <= 12):
            date = _valid_date(year, second, first)
        elif second > 12 >= first:
            date = _valid_date(year, first, second)
        else:
            date = None  # 04/05/2019: day-first or month-first cannot be told
        if date is not None:
            yield _Candidate(*m.span(), "DATE", date.isoformat(), takes_modifier=True)


def _rule_day_month(ctx: _Context) -> Iterator[_Candidate]:
    if not (ctx.has_digit and ctx.mentions(_MONTH_KEYS)):
        return
    for pattern in (_DAY_MONTH_RE, _MONTH_DAY_RE):
        for m in pattern.finditer(ctx.text):
            if not _month_token_ok(m["month"]):
                continue
            month, day = _month_number(m["month"]), int(m["day"])
            start = m.start()
            if m["year"]:
                date = _valid_date(int(m["year"]), month, day)
                if date is not None:
                    yield _Candidate(start, m.end(), "DATE", date.isoformat(), takes_modifier=True)
                continue
            if pattern is _MONTH_DAY_RE and _followed_by_count_noun(ctx.text, m.end()):
                continue  # "in March 3 people died"
            resolved = _resolve_day_month(month, day, ctx, _tense_for(ctx, *m.span()))
            if resolved is not None:
                yield _Candidate(
                    start, m.end(), "DATE", resolved[0], anchored=resolved[1], takes_modifier=True
                )


def _rule_month_year(ctx: _Context) -> Iterator[_Candidate]:
    if not (ctx.has_digit and ctx.mentions(_MONTH_KEYS)):
        return
    for m in _MONTH_YEAR_RE.finditer(ctx.text):
        year = int(m["year"])
        if _month_token_ok(m["month"]) and 1000 <= year <= 2199:
            value = f"{year}-{_month_number(m['month']):02d}"
            yield _Candidate(*m.span(), "DATE", value, takes_modifier=True)


def _rule_bare_month(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    if not any(name.capitalize() in text for name in _MONTH_NUMBERS):
        return
    for m in _BARE_MONTH_RE.finditer(text):
        name = m["month"]
        left = text[max(0, m.start() - 40) : m.start()]
        has_context = bool(_MONTH_CONTEXT_RE.search(left))
        if name in ("May", "March") and not has_context:
            continue  # "May I say", "March on"
        if not has_context and _looks_like_name(text, *m.span()):
            continue  # "August Wilson"
        tense = _tense_for(ctx, *m.span())
        value, anchored = _resolve_month(_MONTH_NUMBERS[name.lower()], ctx, tense)
        yield _Candidate(*m.span(), "DATE", value, anchored=anchored, takes_modifier=True)


def _year_shape_ok(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in ".,:/\\_" and start >= 2 and text[start - 2].isdigit():
        return False
    if before == "/" or after.isalnum() or after in "%‰°$€£":
        return False
    if re.match(r"[.,:/]\d", text[end : end + 2]):
        return False
    if re.match(r"\s*[-–—]\s*\d", text[end : end + 4]):
        return False  # a range or an ISO date: their own rules
    return not (before in "-–—" and re.search(r"\d\s*[-–—]$", text[max(0, start - 3) : start]))


def _year_context(text: str, start: int, end: int, year: int) -> bool:
    left = text[max(0, start - 40) : start]
    if _YEAR_LEFT_STRONG_RE.search(left):
        # "in 2019 elections", but "in 1500 cases" counts cases
        return 1900 <= year <= 2099 or not _followed_by_count_noun(text, end)
    if _followed_by_year_noun(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if line == text[start:end]:
        return True  # a year alone on its line: a heading or a dateline
    if not 1800 <= year <= 2099:
        return False
    if _YEAR_LEFT_WEAK_RE.search(left):
        return not _followed_by_count_noun(text, end)
    match = _NEXT_WORD_RE.match(text, end)
    if match and match["word"].lower() in _YEAR_VERBS:
        if _YEAR_SUBJECT_LEFT_RE.search(left) and match["word"].lower() in _YEAR_SUBJECT_VERBS:
            return True
        return not left.strip() or bool(re.search(r"(?:[.!?:;]|^)\s*$", left))
    return False


def _rule_years(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    if not ctx.has_digit:
        return
    found: list[list[int]] = []
    for m in _YEAR_RE.finditer(text):
        start, end = m.span()
        if not _year_shape_ok(text, start, end):
            continue
        year = int(m[0])
        found.append([start, end, int(_year_context(text, start, end, year))])
    # A year joined to an accepted one ("between 2015 and 2017", "2015, 2016 and 2017").
    for order in (found, list(reversed(found))):
        for prev, cur in zip(order, order[1:], strict=False):
            if prev[2] and not cur[2]:
                gap = text[min(prev[1], cur[1]) : max(prev[0], cur[0])]
                if _YEAR_CHAIN_RE.match(gap) and not _followed_by_count_noun(text, cur[1]):
                    cur[2] = 1
    for start, end, accepted in found:
        if accepted:
            yield _Candidate(start, end, "DATE", text[start:end], takes_modifier=True)


def _rule_year_ranges(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    if not ctx.has_digit:
        return
    for m in _YEAR_RANGE_RE.finditer(text):
        first = int(m["first"])
        second_text = m["second"]
        if len(second_text) == 2:
            if second_text.startswith("0") and first % 100 != 99:
                continue  # 2019-07 is a month
            second = first // 100 * 100 + int(second_text)
            if second <= first:
                second += 100
        else:
            second = int(second_text)
        if not first < second <= first + 200:
            continue
        if (
            m["sep"].isalpha()
            and not _year_context(text, m.start(), m.start("sep"), first)
            and not 1800 <= first <= 2099
        ):
            continue
        if _followed_by_count_noun(text, m.end()):
            continue  # "from 1500 to 2000 troops"
        yield _Candidate(m.start("first"), m.end("first"), "DATE", str(first), takes_modifier=True)
        yield _Candidate(m.start("second"), m.end("second"), "DATE", str(second))


def _rule_decades_centuries(ctx: _Context) -> Iterator[_Candidate]:
    decades = ctx.mentions(("0s", "0's", "0’s", "ties"))
    for m in _DECADE_RE.finditer(ctx.text) if decades else ():
        if m["word"]:
            if not m["the"]:
                continue  # "in their forties" is an age
            value = f"19{_DECADE_WORDS[m['word'].lower()]}"
        elif m["short"]:
            digit = int(m["short"])
            century = 19
            if ctx.anchor is not None and (ctx.anchor.year // 100) * 100 + digit * 10 <= (
                ctx.anchor.year
            ):
                century = ctx.anchor.year // 100
            value = f"{century}{digit}"
        else:
            value = m["decade"]
        modifier = _DATE_MODIFIER_VALUES.get((m["mod"] or "").lower())
        yield _Candidate(*m.span(), "DATE", value, modifier, takes_modifier=modifier is None)
    for m in _CENTURY_RE.finditer(ctx.text) if "century" in ctx.lower else ():
        ordinal = m["ordinal"].lower().replace("-", " ")
        if ordinal[0].isdigit():
            number = int(ordinal.rstrip("stndrh"))
        elif ordinal.startswith("twenty "):
            number = 20 + _ORDINAL_WORDS[ordinal.split()[1]]
        else:
            number = _ORDINAL_WORDS[ordinal]
        if not 1 <= number <= 22:
            continue
        modifier = _DATE_MODIFIER_VALUES.get((m["mod"] or "").lower())
        yield _Candidate(
            *m.span(), "DATE", f"{number - 1:02d}", modifier, takes_modifier=modifier is None
        )


def _rule_quarters_weeks(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    if not (ctx.mentions(("quarter", "half")) or ctx.has_digit):
        return
    for m in _QUARTER_RE.finditer(text):
        ordinal = m["ordinal"].lower()
        part = m["part"].lower()
        size = 4 if part == "quarter" else 2
        number = {"final": size, "last": size}.get(ordinal) or _ORDINAL_WORDS.get(ordinal)
        if number is None:
            number = int(ordinal[0])
        if number > size:
            continue
        code = f"Q{number}" if part == "quarter" else f"H{number}"
        if m["year"] or m["year_after"]:
            year_text = m["year"] or m["year_after"]
            yield _Candidate(*m.span(), "DATE", f"{year_text}-{code}", takes_modifier=True)
            continue
        relative_word = m["relative"] or m["relative_after"]
        if ordinal in ("final", "last") or part == "half" and not relative_word:
            continue  # "the last quarter", "the first half": of what is not said
        if re.match(r"\s+(?:of|century|mile|final)\b|-", text[m.end() :]):
            continue
        if ctx.anchor is None:
            yield _Candidate(*m.span(), "DATE", f"XXXX-{code}")
            continue
        start = m.start()
        if relative_word:
            relative = relative_word.lower()
            year = ctx.anchor.year + {"last": -1, "next": 1}.get(relative, 0)
        else:
            year = _quarter_year(ctx, m.start(), m.end(), number, size)
            fiscal = _FISCAL_BEFORE_RE.search(text, max(0, start - 8), start)
            if fiscal:
                start = fiscal.start()  # TimeML's extent: "fiscal first quarter"
            if size == 4 and _reports_fiscal_quarter(ctx, start, year, number, bool(fiscal)):
                year += 1
        yield _Candidate(start, m.end(), "DATE", f"{year}-{code}", anchored=True)
    for m in _QUARTER_ALONE_RE.finditer(text):
        code = m["code"] or m["code2"]
        start = m.start("code") if m["code"] else m.start("code2")
        if ctx.anchor is None:
            yield _Candidate(start, start + 2, "DATE", f"XXXX-{code}")
            continue
        year = _quarter_year(ctx, start, start + 2, int(code[1]), 4)
        yield _Candidate(start, start + 2, "DATE", f"{year}-{code}", anchored=True)
    for m in _QUARTER_CODE_RE.finditer(text):
        code = (m["code"] or m["code2"]).upper()
        if code[0] == "H" and code[1] not in "12":
            continue
        yield _Candidate(*m.span(), "DATE", f"{m['year'] or m['year2']}-{code}")
    for m in _WEEK_OF_YEAR_RE.finditer(text):
        week = int(m["week"])
        if 1 <= week <= 53:
            yield _Candidate(*m.span(), "DATE", f"{m['year']}-W{week:02d}")


def _quarter_year(ctx: _Context, start: int, end: int, number: int, size: int) -> int:
    """The year of a quarter (``size`` 4) or half (2) named without one: the latest that has
    begun by the anchor (reports speak of quarters under way or done), or, in a future
    tense ("will ... in the third quarter"), the first that has not ended by it."""
    assert ctx.anchor is not None
    months = 12 // size
    begins = datetime.date(ctx.anchor.year, (number - 1) * months + 1, 1)
    ends = _add_months(begins, months) - datetime.timedelta(days=1)
    if _tense_for(ctx, start, end) == "future":
        return ctx.anchor.year if ends >= ctx.anchor else ctx.anchor.year + 1
    return ctx.anchor.year if begins <= ctx.anchor else ctx.anchor.year - 1


_FISCAL_BEFORE_RE = re.compile(r"\bfiscal\s+$", re.IGNORECASE)
_REPORTING_BEFORE_RE = re.compile(
    r"\b(?:report(?:s|ed|ing)?|post(?:s|ed|ing)?|announc(?:e|es|ed|ing))\s+(?:its\s+|their\s+)?$",
    re.IGNORECASE,
)
#: results are published within about three months of a quarter's end
_REPORTING_DELAY = datetime.timedelta(days=100)


def _reports_fiscal_quarter(
    ctx: _Context, start: int, year: int, number: int, fiscal: bool
) -> bool:
    """Is a quarter named without its year and read as ``year`` rather the quarter of the
    fiscal year after, which TimeML names by the year the fiscal year ends?

    So when it is written "fiscal" or reported ("after reporting fourth quarter earnings")
    and the calendar quarter of ``year`` ended too long before the anchor for its results
    to be news: Medtronic's fourth quarter reported in May 1998 is 1998-Q4 (February to
    April), Microsoft's fiscal first quarter reported in October 2001 is 2002-Q1.
    """
    assert ctx.anchor is not None
    if not fiscal and not _REPORTING_BEFORE_RE.search(ctx.text, max(0, start - 30), start):
        return False
    ends = _add_months(datetime.date(year, (number - 1) * 3 + 1, 1), 3)
    return ctx.anchor - ends > _REPORTING_DELAY


def _week_of_month(year: int, month: int, ordinal: int | None) -> datetime.date | None:
    """The Thursday of the ``ordinal``-th week of a month (None: the last), or None.

    The Nth week of a month is the ISO week that holds most of the month's
    Nth seven days (the 1st-7th, the 8th-14th, ...), i.e. the week of the
    month's Nth Thursday, as ISO 8601 makes week 1 of a year the week of its
    first Thursday.  A week so found always lies in the month's year.
    """
    if ordinal is None:
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return last - datetime.timedelta(days=(last.weekday() - 3) % 7)
    first = datetime.date(year, month, 1)
    thursday = first + datetime.timedelta(days=(3 - first.weekday()) % 7 + 7 * (ordinal - 1))
    return thursday if thursday.month == month else None


def _rule_weeks_of_months(ctx: _Context) -> Iterator[_Candidate]:
    if "week" not in ctx.lower:
        return
    anchor = ctx.anchor
    for m in _WEEK_OF_MONTH_RE.finditer(ctx.text):
        word = m["ordinal"].lower()
        ordinal = None if word in ("last", "final") else _ORDINAL_WORDS.get(word)
        if ordinal is None and word not in ("last", "final"):
            ordinal = int(word[0])
        if m["rel"]:
            if anchor is None:
                yield _Candidate(*m.span(), "DATE", "XXXX-WXX", takes_modifier=True)
                continue
            step = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
            month_start = _add_months(anchor.replace(day=1), step)
            thursday = _week_of_month(month_start.year, month_start.month, ordinal)
            anchored = True
        else:
            month = _month_number(m["month"])
            if m["year"]:
                thursday = _week_of_month(int(m["year"]), month, ordinal)
                anchored = False
            elif anchor is None:
                yield _Candidate(*m.span(), "DATE", "XXXX-WXX", takes_modifier=True)
                continue
            else:
                options = []
                for year in (anchor.year - 1, anchor.year, anchor.year + 1):
                    day = _week_of_month(year, month, ordinal)
                    if day is not None:
                        options.append((day.toordinal(), day))
                if not options:
                    continue
                tense = _tense_for(ctx, *m.span())
                thursday = _choose_by_tense(options, anchor.toordinal(), tense)
                anchored = True
        if thursday is not None:
            yield _Candidate(
                *m.span(), "DATE", _week_value(thursday), anchored=anchored, takes_modifier=True
            )


def _rule_the_unit(ctx: _Context) -> Iterator[_Candidate]:
    """The anchor's year (month, week, decade) for "the year" in "the end of the year"."""
    if not ctx.mentions(("beginning", "start", "middle", "end", "close", "part")):
        return
    anchor = ctx.anchor
    for m in _THE_UNIT_RE.finditer(ctx.text):
        if not _UNIT_MODIFIER_LEFT_RE.search(ctx.text, max(0, m.start() - 40), m.start()):
            continue
        unit = m["unit"].lower()
        if anchor is None:
            value = {
                "year": "XXXX",
                "month": "XXXX-XX",
                "week": "XXXX-WXX",
                "decade": "XXX",
                "century": "XX",
            }
            yield _Candidate(*m.span(), "DATE", value[unit], takes_modifier=True)
            continue
        if unit == "year":
            value_text = str(anchor.year)
        elif unit == "month":
            value_text = f"{anchor.year}-{anchor.month:02d}"
        elif unit == "week":
            value_text = _week_value(anchor)
        elif unit == "century":
            value_text = f"{anchor.year // 100:02d}"
        else:
            value_text = str(anchor.year // 10)
        yield _Candidate(*m.span(), "DATE", value_text, anchored=True, takes_modifier=True)


# "the week of Sept. 12": the ISO week holding that day
_WEEK_OF_DAY_RE = re.compile(
    rf"""\b(?:the\s+)?week\s+of\s+(?P<month>{_MONTH})\s+{_DAY}(?![\w%]|[.,:]\d)
    (?:\s*,?\s*(?P<year>{_YEAR4})\b)?""",
    _FLAGS,
)
_WEEKEND_RE = re.compile(r"\b(?:the|this|all|over\s+the)\s+weekend\b", re.IGNORECASE)
_WEEK_AHEAD_RE = re.compile(r"\bthe\s+(?:week\s+ahead|coming\s+week)\b", re.IGNORECASE)


def _rule_weekends_weeks_ahead(ctx: _Context) -> Iterator[_Candidate]:
    """ "the weekend" (the one before the anchor in a past tense, else the one on or after
    it) and "the week ahead" / "the coming week" (the week after the anchor's)."""
    if not ctx.mentions(("weekend", "week")):
        return
    anchor = ctx.anchor
    for m in _WEEKEND_RE.finditer(ctx.text):
        start = m.start() + (len(m[0]) - len(m[0].lstrip()))
        if m[0].lower().startswith(("the ", "over the ")):
            start = m.end() - len("the weekend")
        if anchor is None:
            yield _Candidate(start, m.end(), "DATE", "XXXX-WXX-WE")
            continue
        weekday = anchor.isoweekday()  # Saturday 6, Sunday 7
        if weekday >= 6:  # written on a weekend: that one
            saturday = anchor - datetime.timedelta(days=weekday - 6)
        else:  # the one before or the one after, by tense, else the nearer
            before = anchor - datetime.timedelta(days=weekday + 1)
            after = anchor + datetime.timedelta(days=6 - weekday)
            options = [(before.toordinal() + 1, before), (after.toordinal(), after)]
            tense = _tense_for(ctx, m.start(), m.end())
            saturday = _choose_by_tense(options, anchor.toordinal(), tense)
        yield _Candidate(start, m.end(), "DATE", _week_value(saturday) + "-WE", anchored=True)
    for m in _WEEK_OF_DAY_RE.finditer(ctx.text):
        if not _month_token_ok(m["month"]):
            continue
        month, day_number = _month_number(m["month"]), int(m["day"])
        if m["year"]:
            day = _valid_date(int(m["year"]), month, day_number)
        elif anchor is not None:
            resolved = _resolve_day_month(month, day_number, ctx, _tense_for(ctx, *m.span()))
            day = datetime.date.fromisoformat(resolved[0]) if resolved else None
        else:
            continue
        if day is not None:
            yield _Candidate(*m.span(), "DATE", _week_value(day), anchored=not m["year"])
    for m in _WEEK_AHEAD_RE.finditer(ctx.text):
        if anchor is None:
            yield _Candidate(*m.span(), "DATE", "XXXX-WXX")
            continue
        yield _Candidate(
            *m.span(), "DATE", _week_value(anchor + datetime.timedelta(days=7)), anchored=True
        )


def _rule_seasons(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    if not ctx.mentions(tuple(_SEASON_CODES)):
        return
    for m in _SEASON_RE.finditer(text):
        code = _SEASON_CODES[m["season"].lower()]
        det = " ".join((m["det"] or "").lower().split())
        modifier = {"early": "START", "mid": "MID", "late": "END"}.get(det)
        start = m.start() if det else m.start("season")
        if m["year"]:
            yield _Candidate(start, m.end(), "DATE", f"{m['year']}-{code}", modifier)
            continue
        if m["season"][0].isupper() and _looks_like_name(text, m.start("season"), m.end("season")):
            continue  # "the Arab Spring"
        if re.match(r"\s+of\b", text[m.end() :]):
            continue  # "the fall of Rome"
        relation: str | None = {"this past": "last", "this coming": "next"}.get(det, det)
        if relation not in ("this", "last", "next"):
            if not _SEASON_LEFT_RE.search(text[max(0, start - 30) : start]):
                continue  # "prices fall", "hot spring"
            relation = None
        value, anchored = _resolve_season(code, ctx, relation, _tense_for(ctx, start, m.end()))
        # "the end of the summer": END, as "the end of 2019"
        yield _Candidate(
            start, m.end(), "DATE", value, modifier, anchored, takes_modifier=modifier is None
        )


def _rule_relative(ctx: _Context) -> Iterator[_Candidate]:
    anchor = ctx.anchor
    if not ctx.mentions(("last", "this", "next", "coming", "current")):
        return
    for m in _RELATIVE_RE.finditer(ctx.text):
        rel = " ".join(m["rel"].lower().split())
        step = {"last": -1, "this past": -1, "next": 1, "this coming": 1, "the coming": 1}.get(
            rel, 0
        )
        if rel == "coming" and ctx.text[max(0, m.start() - 4) : m.start()].lower() != "the ":
            continue
        if m["weekday"]:
            relation = {-1: "last", 1: "next", 0: "this"}[step]
            value, anchored = _resolve_weekday(
                _WEEKDAY_NUMBERS[m["weekday"].lower()], ctx, relation
            )
            yield _Candidate(*m.span(), "DATE", value, anchored=anchored)
            continue
        if m["month"]:
            month = _MONTH_NUMBERS[m["month"].lower()]
            if anchor is None:
                yield _Candidate(*m.span(), "DATE", f"XXXX-{month:02d}")
                continue
            year = anchor.year
            if step < 0 and month >= anchor.month:
                year -= 1
            elif step > 0 and month <= anchor.month:
                year += 1
            yield _Candidate(
                *m.span(), "DATE", f"{year}-{month:02d}", anchored=True, takes_modifier=True
            )
            continue
        unit = m["unit"].lower()
        if anchor is None:
            placeholder = {
                "year": "XXXX",
                "month": "XXXX-XX",
                "week": "XXXX-WXX",
                "weekend": "XXXX-WXX-WE",
                "decade": "XXX",
                "century": "XX",
                "quarter": "XXXX-QX",
            }[unit]
            yield _Candidate(*m.span(), "DATE", placeholder, takes_modifier=True)
            continue
        if unit == "year":
            value = str(anchor.year + step)
        elif unit == "month":
            shifted = _add_months(anchor.replace(day=1), step)
            value = f"{shifted.year}-{shifted.month:02d}"
        elif unit in ("week", "weekend"):
            value = _week_value(anchor + datetime.timedelta(weeks=step))
            value += "-WE" if unit == "weekend" else ""
        elif unit == "decade":
            value = str(anchor.year // 10 + step)
        elif unit == "century":
            value = f"{anchor.year // 100 + step:02d}"
        else:
            index = anchor.year * 4 + (anchor.month - 1) // 3 + step
            value = f"{index // 4}-Q{index % 4 + 1}"
        yield _Candidate(*m.span(), "DATE", value, anchored=True, takes_modifier=True)


def _rule_weekdays(ctx: _Context) -> Iterator[_Candidate]:
    if not ctx.mentions(tuple(_WEEKDAY_NUMBERS)):
        return
    for m in _WEEKDAY_RE.finditer(ctx.text):
        weekday = _WEEKDAY_NUMBERS[m["weekday"].lower()]
        if m["plural"]:
            if _word_before(ctx.text, m.start()) in ("on", "every"):
                yield _Candidate(*m.span(), "SET", f"XXXX-WXX-{weekday}", "EVERY")
            continue
        value, anchored = _resolve_weekday(weekday, ctx, tense=_tense_for(ctx, *m.span()))
        # "early Monday" (TimeML: the day, mod START), as "early March"
        yield _Candidate(*m.span(), "DATE", value, anchored=anchored, takes_modifier=True)


def _rule_part_of_day(ctx: _Context) -> Iterator[_Candidate]:
    if not ctx.mentions(("morning", "afternoon", "evening", "night")):
        return
    codes = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
    anchor = ctx.anchor
    for m in _PART_OF_DAY_RE.finditer(ctx.text):
        if m["tonight"]:
            code, shift = "NI", 0
            rel = "this"
        else:
            code = codes[m["part"].lower()]
            rel = m["rel"].lower()
            if rel == "last" and code != "NI":
                continue
            shift = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
        if m["weekday"]:
            tense = _tense_for(ctx, *m.span())
            day_value, anchored = _resolve_weekday(_WEEKDAY_NUMBERS[rel], ctx, tense=tense)
            yield _Candidate(
                *m.span(), "TIME", f"{day_value}T{code}", anchored=anchored, takes_modifier=True
            )
        elif anchor is None:
            yield _Candidate(*m.span(), "TIME", f"XXXX-XX-XXT{code}")
        else:
            day = anchor + datetime.timedelta(days=shift)
            yield _Candidate(*m.span(), "TIME", f"{day.isoformat()}T{code}", anchored=True)


def _duration_modifier(m: re.Match[str]) -> str | None:
    for name, _ in _DURATION_MODIFIERS:
        if m[name] is not None:
            return name
    return None


def _modifier_start(m: re.Match[str]) -> int | None:
    starts = [m.start(name) for name, _ in _DURATION_MODIFIERS if m[name] is not None]
    return starts[0] if starts else None


def _rule_ago(ctx: _Context) -> Iterator[_Candidate]:
    anchor = ctx.anchor
    if not ctx.mentions(("ago", "from now", "hence", " time")):
        return
    for m in _AGO_RE.finditer(ctx.text):
        direction = m["direction"].strip().lower()
        past = direction == "ago"
        if (
            direction not in ("ago", "hence")
            and not direction.startswith("from")
            and _word_before(ctx.text, m.start()) != "in"
        ):
            continue  # "two years' time" is a date only after "in"
        ref = "PAST_REF" if past else "FUTURE_REF"
        modifier = _duration_modifier(m)
        mod = {
            "MORE_THAN": "BEFORE" if past else "AFTER",
            "LESS_THAN": "AFTER" if past else "BEFORE",
            "EQUAL_OR_MORE": "ON_OR_BEFORE" if past else "ON_OR_AFTER",
            "EQUAL_OR_LESS": "ON_OR_AFTER" if past else "ON_OR_BEFORE",
            "APPROX": "APPROX",
        }.get(modifier or "")
        amount = _number(m["num"]) if m["num"] else None
        if amount is None or anchor is None:
            yield _Candidate(*m.span(), "DATE", ref, mod)
            continue
        if m["half"] or m["unit_half"]:
            amount += 0.5
        unit = _unit_name(m["unit"])
        if unit == "second" and m["num"].lower() in ("a", "an"):
            continue
        parts = _duration_components(amount, unit)
        day = _shift(anchor, parts, -1 if past else 1)
        if day is None:
            yield _Candidate(*m.span(), "DATE", ref, mod)
            continue
        granularity = unit
        if unit in ("decade", "century", "millennium"):
            granularity = "year"
        elif parts.keys() - {_UNIT_CODES[unit][0]}:
            granularity = {"Y": "month", "M": "day", "W": "day"}.get(_UNIT_CODES[unit][0], "day")
        if _UNIT_CODES[granularity][0] in ("H", "MIN", "S"):
            granularity = "day"
        value = _value_at_granularity(day, granularity)
        yield _Candidate(*m.span(), "DATE", value, mod, anchored=True)


#: what follows a sentence-opening "Now," that makes it a discourse marker: the speaker
#: turning to the audience or to the next point
_DISCOURSE_AFTER_NOW_RE = re.compile(
    r"\s*(?:let|let['’]s|i|i['’]m|i['’]d|i['’]ll|i['’]ve|we|we['’]re|we['’]ll|you|look|listen|"
    r"here|there|so|then|what|why|how|if|as|ladies|mr|mrs|madam|my|folks|friends|this|that|"
    r"of\s+course|finally|first|second|third|another|one|the\s+(?:next|last|other|second|third)"
    r")\b",
    re.IGNORECASE,
)


def _rule_fixed(ctx: _Context) -> Iterator[_Candidate]:
    text, anchor = ctx.text, ctx.anchor
    if not ctx.mentions(_FIXED_KEYS):
        return
    for m in _FIXED_RE.finditer(text):
        start, end = m.span()
        if m["present"]:
            word = m["present"].lower()
            if word == "now" and re.match(r",", text[end : end + 1]):
                line = text[max(0, start - 3) : start]
                opening = start == 0 or re.search(r"(?:[.!?:\n]\s*|^\s*)$", line)
                if opening and _DISCOURSE_AFTER_NOW_RE.match(text, end + 1):
                    # "Now, let me turn to ...", "Now, I want ...": a discourse marker;
                    # "Now, farmers are hearing ..." sets the present against a past
                    continue
            yield _Candidate(start, end, "DATE", "PRESENT_REF")
        elif m["past"]:
            yield _Candidate(start, end, "DATE", "PAST_REF")
        elif m["future"]:
            yield _Candidate(start, end, "DATE", "FUTURE_REF")
        else:
            if _looks_like_name(text, start, end):
                continue  # "USA Today"
            shift = 0
            for name, days in (
                ("day_before", -2),
                ("day_after", 2),
                ("yesterday", -1),
                ("tomorrow", 1),
                ("today", 0),
            ):
                if m[name]:
                    shift = days
                    break
            if anchor is not None:
                day = anchor + datetime.timedelta(days=shift)
                yield _Candidate(start, end, "DATE", day.isoformat(), anchored=True)
            else:
                yield _Candidate(start, end, "DATE", "PRESENT_REF" if shift == 0 else "XXXX-XX-XX")


def _time_value(ctx: _Context, hour: int, minute: int) -> tuple[str, bool]:
    if ctx.anchor is None:
        return f"XXXX-XX-XXT{hour:02d}:{minute:02d}", False
    return f"{ctx.anchor.isoformat()}T{hour:02d}:{minute:02d}", True


def _approximate_time(text: str, candidate: _Candidate) -> _Candidate:
    """ "around 7:30 p.m.": the word joins the span and makes the time APPROX."""
    m = _TIME_APPROX_LEFT_RE.search(text, max(0, candidate.start - 20), candidate.start)
    if m is None or "shortly" in m[0].lower():
        return candidate
    return dataclasses.replace(candidate, start=m.start(), modifier="APPROX")


def _rule_clock(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    digits = ctx.has_digit
    for m in _CLOCK_RE.finditer(text) if digits and ctx.mentions(("m", "M")) else ():
        hour, minute = int(m["hour"]), int(m["minute"] or 0)
        ampm = m["ampm"].lower()
        if ampm in ("am", "pm") and m["ampm"] not in ("am", "pm", "AM", "PM"):
            continue
        if ampm.startswith("p") and hour != 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        value, anchored = _time_value(ctx, hour, minute)
        yield _approximate_time(text, _Candidate(*m.span(), "TIME", value, anchored=anchored))
    for m in _CLOCK24_RE.finditer(text) if digits and ":" in text else ():
        two_digit = len(m["hour"]) == 2
        left = text[max(0, m.start() - 12) : m.start()]
        if not (two_digit or m["zone"] or _CLOCK_LEFT_RE.search(left)):
            continue
        if re.search(r"[A-Z][a-z]+\s+$", left) and not _CLOCK_LEFT_RE.search(left):
            continue  # "John 3:16"
        value, anchored = _time_value(ctx, int(m["hour"]), int(m["minute"]))
        yield _approximate_time(text, _Candidate(*m.span(), "TIME", value, anchored=anchored))
    for m in _OCLOCK_RE.finditer(text) if "clock" in ctx.lower else ():
        spoken = parse_number(m["num"])
        if spoken is not None and 1 <= spoken <= 24:
            value, anchored = _time_value(ctx, int(spoken) % 24, 0)
            yield _Candidate(*m.span(), "TIME", value, anchored=anchored)
    for m in _NOON_RE.finditer(text) if ctx.mentions(("noon", "midday", "midnight")) else ():
        hour = 24 if m["word"].lower() == "midnight" else 12
        value, anchored = _time_value(ctx, hour, 0)
        yield _Candidate(*m.span(), "TIME", value, anchored=anchored)


def _rule_sets(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    for m in _SET_EVERY_RE.finditer(text) if ctx.mentions(("every", "each")) else ():
        if m["weekday"]:
            value = f"XXXX-WXX-{_WEEKDAY_NUMBERS[m['weekday'].lower()]}"
        elif m["month"]:
            value = f"XXXX-{_MONTH_NUMBERS[m['month'].lower()]:02d}"
        elif m["part"]:
            code = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
            value = f"XXXX-XX-XXT{code[m['part'].lower()]}"
        elif m["season"]:
            value = f"XXXX-{_SEASON_CODES[m['season'].lower()]}"
        else:
            num = (m["num"] or "a").lower()
            amount = 2.0 if num == "other" else parse_number(num)
            if amount is None:
                continue
            value = _duration_value(_duration_components(amount, _unit_name(m["unit"])))
        yield _Candidate(*m.span(), "SET", value, "EVERY")
    for m in _SET_ADVERB_RE.finditer(text) if "ly" in ctx.lower else ():
        if _looks_like_name(text, *m.span()):
            continue  # "China Daily"
        value = {
            "annually": "P1Y",
            "yearly": "P1Y",
            "monthly": "P1M",
            "weekly": "P1W",
            "daily": "P1D",
            "nightly": "P1D",
            "hourly": "PT1H",
            "quarterly": "P3M",
            "biannually": "P6M",
            "biennially": "P2Y",
            "fortnightly": "P2W",
        }[m["adverb"].lower()]
        yield _Candidate(*m.span(), "SET", value, "EVERY")
    units = ctx.mentions(_UNIT_KEYS) or "annum" in ctx.lower
    for m in _SET_PER_RE.finditer(text) if units else ():
        per = m["per"].lower()
        if (
            per != "per"
            and not m["freq"]
            and not _PER_LEFT_RE.search(text[max(0, m.start() - 20) : m.start()])
        ):
            continue  # "a year" alone is a duration
        unit = m["unit"].lower()
        unit = "year" if unit == "annum" else unit
        start = m.start() if m["freq"] else m.start("per")
        yield _Candidate(
            start, m.end(), "SET", _duration_value(_duration_components(1, unit)), "EVERY"
        )


def _runs_to_anchor(text: str, start: int, end: int) -> bool:
    """Does the duration at text[start:end] run up to the document's date? (see module doc)"""
    before = _word_before(text, start)
    now_after = bool(re.match(r"\s+now\b", text[end:], re.IGNORECASE))
    if before not in _RUNNING_SIGNALS and not now_after:
        return False
    sentence = _sentence(text, start, end)
    if before in ("in", "within") and _FUTURE_MARKER_RE.search(sentence):
        return False  # "in five days the candidates will face": ahead, not up to now
    return bool(_PERFECT_RE.search(sentence))


def _rule_durations(ctx: _Context) -> Iterator[_Candidate]:
    text, anchor = ctx.text, ctx.anchor
    if not ctx.mentions(_UNIT_KEYS):
        return
    for m in _DURATION_RE.finditer(text):
        end = m.end()
        compound = (
            bool(m["more"])
            and _UNIT_RANK[_unit_name(m["unit2"])] < _UNIT_RANK[_unit_name(m["unit"])]
        )
        if m["more"] and not compound:
            end = m.start("more")  # "3 days and 2 weeks" are two durations
        if _AGE_AFTER_RE.match(text, end):
            continue  # "six-year-old", "20 years old", "40 years of age"
        direction = (m["direction"] or "").lower()
        modifier = _duration_modifier(m)
        mod_start = _modifier_start(m)
        if m["bare_unit"]:
            if direction not in ("past", "last"):
                continue  # "the next day", "the previous year": relative to the story
            unit = _unit_name(m["bare_unit"])
            if m["bare_unit"].lower().endswith("s") and unit not in ("century",):
                continue  # "the past years": no count
            if m["bare_unit"].lower() == "centuries":
                continue
            if unit == "century" and direction == "last":
                continue  # "the last century" is a date, not a duration
            amount: float | None = 1.0
        else:
            unit = _unit_name(m["unit"])
            num = m["num"].lower()
            hyphen = "-" in m["joint"]
            if hyphen and (m["unit"].lower().endswith("s") or m["half"] or num in _VAGUE_NUMBERS):
                continue
            if unit == "second" and num in ("a", "an"):
                continue  # "a second term"
            if unit in ("decade", "century") and re.fullmatch(r"1\d{3}|20\d{2}", num):
                continue  # "the 2010-2019 decade": a year, not a count
            if num == "some" and _word_before(text, m.start("num")) not in (
                "for",
                "after",
                "over",
                "in",
                "within",
                "during",
                "than",
            ):
                continue  # "some days I ..."
            if num in ("a", "an") and m["unit"].lower().endswith("s"):
                continue
            amount = _number(m["num"])
            if amount is not None and (m["half"] or m["unit_half"]):
                amount += 0.5
            if m["odd"]:
                modifier = modifier or "APPROX"
        if amount is None:
            value = _VAGUE_UNIT_VALUES.get(unit) or _VAGUE_UNIT_VALUES[_UNIT_CODES[unit][0]]
            parts: dict[str, int] = {}
        else:
            parts = _duration_components(amount, unit)
            if compound:
                amount2 = parse_number(m["num2"])
                if amount2 is not None:
                    parts = _merge(parts, _duration_components(amount2, _unit_name(m["unit2"])))
            value = _duration_value(parts)
        after = _DURATION_AFTER_RE.match(text, end)
        if after and modifier is None:
            modifier = {"approx": "APPROX", "more": "EQUAL_OR_MORE", "less": "EQUAL_OR_LESS"}[
                after.lastgroup or "approx"
            ]
            end = after.end()
        start = m.start()
        if not m["lead"]:
            start = mod_start if mod_start is not None else m.start("num")
            if not m["bare_unit"]:
                start, end = _duration_extent(text, start, end, "-" in m["joint"])
        if (
            m["MORE_THAN"]
            and m["MORE_THAN"].lower() == "over"
            and _AMOUNT_BEFORE_RE.search(text, max(0, start - 20), start)
        ):
            modifier, start = None, m.start("num")  # "$3.6 trillion over 10 years": a preposition
        candidate = _Candidate(start, end, "DURATION", value, modifier)
        if anchor is not None and parts:
            hyphen = not m["bare_unit"] and "-" in m["joint"]
            begin: datetime.date | None = None
            finish: datetime.date | None = None
            if direction in ("past", "last") or (
                not m["lead"] and not hyphen and _runs_to_anchor(text, start, end)
            ):
                begin, finish = _shift(anchor, parts, -1), anchor
            elif direction in ("next", "coming") and (
                ctx.tense in ("present", "future") or _tense_at(ctx, start, end) == "future"
            ):
                begin, finish = anchor, _shift(anchor, parts, 1)
            if begin is not None and finish is not None:
                candidate.begin = begin.isoformat()
                candidate.end_value = finish.isoformat()
                candidate.anchored = True
        yield candidate


#: a determiner written before a counted duration ("the nine months", "those past
#: fourteen months"): TimeML takes it into the extent
_DURATION_DETERMINER_RE = re.compile(
    r"\b(?:the|those|these)\s+(?:(?:past|last|previous|first|next|coming|following)\s+)?$",
    re.IGNORECASE,
)
#: "an 11-month period", "a three-year span": the noun the measure qualifies is the duration
_DURATION_NOUN_RE = re.compile(r"\s+(?:period|span|stretch|spell|window)\b", re.IGNORECASE)
_ARTICLE_BEFORE_RE = re.compile(r"\b(?:an?|the|that|this)\s+$", re.IGNORECASE)


def _duration_extent(text: str, start: int, end: int, hyphen: bool) -> tuple[int, int]:
    """The extent of a counted duration with the determiner before it and, for a measure
    written with a hyphen, the noun it qualifies ("an 11-month period")."""
    if hyphen:
        noun = _DURATION_NOUN_RE.match(text, end)
        article = _ARTICLE_BEFORE_RE.search(text, max(0, start - 6), start)
        if noun and article:
            return article.start(), noun.end()
        return start, end
    determiner = _DURATION_DETERMINER_RE.search(text, max(0, start - 30), start)
    return (determiner.start() if determiner else start), end


def _rule_vague_durations(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    if not ctx.mentions(_UNIT_KEYS):
        return
    for m in _VAGUE_DURATION_RE.finditer(text):
        before = _word_before(text, m.start())
        if m["the"]:
            if before not in ("over", "through", "throughout", "across"):
                continue
        elif before not in (
            "for",
            "after",
            "in",
            "within",
            "during",
            "spent",
            "took",
            "take",
            "takes",
            "lasted",
            "last",
        ):
            continue
        if re.match(r"\s+(?:ago|later|earlier|old|of\s+age|before|after)\b", text[m.end() :]):
            continue
        unit = _unit_name(m["unit"])
        value = _VAGUE_UNIT_VALUES.get(unit) or _VAGUE_UNIT_VALUES[_UNIT_CODES[unit][0]]
        yield _Candidate(*m.span(), "DURATION", value)


# "another year", "a single day", "a couple of days", "a number of years", "dayslong",
# "century-old", "Months of delays"
_ONE_MORE_RE = re.compile(
    r"\b(?:another|a\s+single|one\s+more|an\s+extra|an\s+additional)\s+"
    r"(?P<unit>day|week|month|year|decade)\b(?![-'’])",
    re.IGNORECASE,
)
_COUPLE_RE = re.compile(
    r"\b(?:the\s+(?:next|last|past)\s+|a\s+)couple\s+of\s+(?P<unit>days|weeks|months|years|decades)\b",
    re.IGNORECASE,
)
_A_NUMBER_OF_RE = re.compile(
    r"\ba\s+(?:number|handful)\s+of\s+(?P<unit>days|weeks|months|years|decades)\b(?!\s+ago)",
    re.IGNORECASE,
)
_UNIT_ADJECTIVE_RE = re.compile(
    r"\b(?:(?P<plural>days|weeks|months|years|decades)-?long"
    r"|(?P<single>century|decade)-(?:old|long))\b",
    re.IGNORECASE,
)
_UNITS_OF_RE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n)|\b(?<=after\s)|\b(?<=despite\s))(?P<unit>[Yy]ears|[Mm]onths|[Ww]eeks|[Dd]ecades)\s+of\b"
)


def _rule_more_durations(ctx: _Context) -> Iterator[_Candidate]:
    text = ctx.text
    if not ctx.mentions(_UNIT_KEYS):
        return
    for m in _ONE_MORE_RE.finditer(text):
        code, amount = _UNIT_CODES[m["unit"].lower()]
        yield _Candidate(*m.span(), "DURATION", _duration_value({code: amount}))
    for m in _COUPLE_RE.finditer(text):
        code, amount = _UNIT_CODES[m["unit"].lower()[:-1]]
        yield _Candidate(*m.span(), "DURATION", _duration_value({code: 2 * amount}))
    for m in _A_NUMBER_OF_RE.finditer(text):
        code = _UNIT_CODES[m["unit"].lower()[:-1]][0]
        yield _Candidate(*m.span(), "DURATION", _VAGUE_UNIT_VALUES[code])
    for m in _UNIT_ADJECTIVE_RE.finditer(text):
        if m["plural"]:
            code = _UNIT_CODES[m["plural"].lower()[:-1]][0]
            yield _Candidate(*m.span(), "DURATION", _VAGUE_UNIT_VALUES[code])
        else:
            code, amount = _UNIT_CODES[m["single"].lower()]
            yield _Candidate(*m.span(), "DURATION", _duration_value({code: amount}))
    for m in _UNITS_OF_RE.finditer(text):
        code = _UNIT_CODES[m["unit"].lower()[:-1]][0]
        yield _Candidate(m.start("unit"), m.end("unit"), "DURATION", _VAGUE_UNIT_VALUES[code])


# ---------------------------------------------------------------- more dates (issue 14)

#: nouns of a financial report that a bare "first half" / "second half" qualifies
_REPORT_NOUNS = (
    r"(?:revenues?|results|earnings|sales|profits?|loss(?:es)?|growth|gdp|net|income|"
    r"pre-?tax|operating|performance|output|dividends?|turnover|margins?|orders)"
)
# "first half profit", "second-half results": the half of the year being reported
_HALF_BEFORE_NOUN_RE = re.compile(
    rf"\b(?P<ordinal>first|second)(?:\s+|-)half(?=\s+(?:\w+\s+)?{_REPORT_NOUNS}\b)", _FLAGS
)
# "a new decade", "the new decade": the one that begins at the turn of a decade nearest
# the day of writing
_NEW_DECADE_RE = re.compile(r"\b(?:an?|the)\s+new\s+decade\b", re.IGNORECASE)
# "the 2010-2019 decade": a decade named by its first and last years
_DECADE_SPAN_RE = re.compile(
    rf"\b(?:the\s+)?(?P<first>{_YEAR4})\s*[-–]\s*(?P<last>{_YEAR4})\s+decade\b", re.IGNORECASE
)
# "1 April last year", "March 3 this year": a day and month whose year is said relatively
_DAY_RELATIVE_YEAR_RE = re.compile(
    rf"""(?<![\w.,/$€£-])(?:{_DAY}(?:\s+of)?\s+(?P<month>{_MONTH})
    |(?P<month2>{_MONTH})\s+(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)
    \s*,?\s+(?P<rel>last|this|next)\s+year\b""",
    _FLAGS,
)
# "Sept. 5 to 17", "February 5-8": the day closing a range takes the month of its start
_DAY_RANGE_END_RE = re.compile(
    rf"""(?<![\w-])(?P<month>{_MONTH})\s+(?P<first>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?
    (?P<joint>\s*[-–]\s*|\s+(?:to|through|until|till|and)\s+)
    (?P<last>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?
    (?![\w%]|[.,:]\d|\s*(?:{_MONTH}|percent|per\s+cent|%|million|billion|people|years?))""",
    _FLAGS,
)
# "fiscal 1999", "full-year 2001", "the entire year 2012", "fiscal year 1999"
_QUALIFIED_YEAR_RE = re.compile(
    rf"""\b(?:(?:the\s+)?(?:fiscal|financial|calendar)(?:\s+year)?|full[\s-]year
    |the\s+(?:entire|whole|full)\s+year)\s+(?P<year>{_YEAR4})\b(?![-–]\d)""",
    _FLAGS,
)
# "the previous financial year", "the next fiscal year": a whole year before or after the
# one of writing.  "the current fiscal year" is left alone: where it ends depends on the
# issuer's fiscal calendar (March in Britain, September in the United States).
_RELATIVE_FISCAL_RE = re.compile(
    r"\bthe\s+(?P<rel>previous|prior|next|last|coming)\s+(?:fiscal|financial)\s+year\b"
    r"(?!\s+\d)",
    re.IGNORECASE,
)
# "soon" (not "as soon as", "soon after"), "our future", "up to the present",
# "by this time", "this time of (the) year"
_MORE_REFS_RE = re.compile(
    r"""(?<!\bas\s)(?<!\bhow\s)(?<!\btoo\s)\b(?P<soon>soon)\b(?!\s+(?:as|after|afterwards|thereafter))
    |\b(?P<future>(?:our|their|its|your|his|her|my)\s+future)(?=\s*(?:[.,;:!?)"”]|$|\s+(?:and|or|but|is|was|will|as|in|of|with)\b))
    |(?:(?<=\bto\s)|(?<=\buntil\s)|(?<=\btill\s))(?P<present>the\s+present)(?!\s+(?:day|time))\b
    |(?<=\bby\s)(?P<by_now>this\s+time)(?!\s+(?:of|next|last|tomorrow))\b
    |\b(?P<season_now>this\s+time\s+of\s+(?:the\s+)?year)\b""",
    _FLAGS,
)
# A season that opens a sentence as its subject ("Winter was unusually warm") or closes a
# coordination after a season or a date ("by the end of the summer or early fall").
_SEASON_SUBJECT_RE = re.compile(
    r"""(?:^|(?<=[.!?]\s)|(?<=[.!?]["”]\s))(?P<season>Spring|Summer|Autumn|Fall|Winter)
    (?=\s+(?:was|is|has|had|will|came|comes|arrived|brought|saw|sees|began|begins|ended)\b)""",
    re.VERBOSE,
)
_SEASON_AFTER_OR_RE = re.compile(
    r"""\b(?P<first>spring|summer|autumn|fall|winter)\s+(?:or|and)\s+
    (?P<mod>early|late|mid)\s*-?\s*(?P<season>spring|summer|autumn|fall|winter)\b""",
    _FLAGS,
)


def _rule_more_dates(ctx: _Context) -> Iterator[_Candidate]:
    """Halves before a report's noun, the new decade, a decade named by its years, a day with
    a relative year, the end of a range of days, fiscal and full years, more vague references
    and seasons as subjects.  See the module docstring's table."""
    text, anchor = ctx.text, ctx.anchor
    if "half" in ctx.lower:
        for m in _HALF_BEFORE_NOUN_RE.finditer(text):
            number = 1 if m["ordinal"].lower() == "first" else 2
            if anchor is None:
                yield _Candidate(*m.span(), "DATE", f"XXXX-H{number}")
                continue
            year = _quarter_year(ctx, m.start(), m.end(), number, 2)
            yield _Candidate(*m.span(), "DATE", f"{year}-H{number}", anchored=True)
    if "decade" in ctx.lower:
        for m in _NEW_DECADE_RE.finditer(text):
            if anchor is None:
                yield _Candidate(*m.span(), "DATE", "FUTURE_REF")
                continue
            # the turn of a decade nearest the anchor: 2019 and 2021 look to the 2020s
            turn = (anchor.year + 5) // 10 * 10
            yield _Candidate(*m.span(), "DATE", str(turn // 10), anchored=True)
        for m in _DECADE_SPAN_RE.finditer(text):
            first, last = int(m["first"]), int(m["last"])
            if last - first == 9 and first % 10 in (0, 1):
                yield _Candidate(*m.span(), "DATE", str(first // 10))
    if ctx.has_digit and ctx.mentions(("year",)):
        for m in _DAY_RELATIVE_YEAR_RE.finditer(text):
            month_text = m["month"] or m["month2"]
            if not _month_token_ok(month_text):
                continue
            day = int(m["day"] or m["day2"])
            if anchor is None:
                value = f"XXXX-{_month_number(month_text):02d}-{day:02d}"
                yield _Candidate(*m.span(), "DATE", value)
                continue
            year = anchor.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
            date = _valid_date(year, _month_number(month_text), day)
            if date is not None:
                yield _Candidate(*m.span(), "DATE", date.isoformat(), anchored=True)
    if ctx.has_digit and ctx.mentions(_MONTH_KEYS):
        for m in _DAY_RANGE_END_RE.finditer(text):
            if not _month_token_ok(m["month"]) or int(m["last"]) <= int(m["first"]):
                continue
            month = _month_number(m["month"])
            resolved = _resolve_day_month(month, int(m["first"]), ctx, _tense_for(ctx, *m.span()))
            if resolved is None:
                continue
            year_text = resolved[0][:4]
            date = (
                _valid_date(int(year_text), month, int(m["last"])) if year_text != "XXXX" else None
            )
            value = date.isoformat() if date else f"XXXX-{month:02d}-{int(m['last']):02d}"
            yield _Candidate(m.start("last"), m.end("last"), "DATE", value, anchored=resolved[1])
    if ctx.has_digit and ctx.mentions(("fiscal", "financial", "calendar", "year")):
        for m in _QUALIFIED_YEAR_RE.finditer(text):
            yield _Candidate(*m.span(), "DATE", m["year"])
    if ctx.mentions(("fiscal", "financial")):
        for m in _RELATIVE_FISCAL_RE.finditer(text):
            if anchor is None:
                yield _Candidate(*m.span(), "DATE", "XXXX")
                continue
            shift = {"previous": -1, "prior": -1, "last": -1, "next": 1, "coming": 1}
            year = anchor.year + shift.get(m["rel"].lower(), 0)
            yield _Candidate(*m.span(), "DATE", str(year), anchored=True)
    if ctx.mentions(("soon", "future", "present", "this time")):
        for m in _MORE_REFS_RE.finditer(text):
            if m["soon"] or m["future"]:
                yield _Candidate(*m.span(), "DATE", "FUTURE_REF")
            elif m["present"] or m["by_now"]:
                yield _Candidate(*m.span(), "DATE", "PRESENT_REF")
            elif anchor is not None:
                value = f"{anchor.year}-{anchor.month:02d}"
                yield _Candidate(*m.span(), "DATE", value, anchored=True)
    if ctx.mentions(tuple(_SEASON_CODES)):
        for m in _SEASON_SUBJECT_RE.finditer(text):
            code = _SEASON_CODES[m["season"].lower()]
            value, anchored = _resolve_season(code, ctx, None, _tense_for(ctx, *m.span()))
            yield _Candidate(*m.span(), "DATE", value, anchored=anchored)
        for m in _SEASON_AFTER_OR_RE.finditer(text):
            # the second season of "the summer or early fall" is the one after the first
            first_code = _SEASON_CODES[m["first"].lower()]
            code = _SEASON_CODES[m["season"].lower()]
            start = m.start("mod")
            tense = _tense_for(ctx, m.start(), m.end("first"))
            value, anchored = _resolve_season(first_code, ctx, None, tense)
            if anchored:
                year = int(value[:4])
                if _SEASON_ORDER[code] < _SEASON_ORDER[first_code]:
                    year += 1
                value = f"{year}-{code}"
            else:
                value = f"XXXX-{code}"
            modifier = _DATE_MODIFIER_VALUES[m["mod"].lower()]
            yield _Candidate(start, m.end(), "DATE", value, modifier, anchored)


_RULES: tuple[_Rule, ...] = (
    _rule_iso,
    _rule_day_month,
    _rule_month_year,
    _rule_bare_month,
    _rule_years,
    _rule_year_ranges,
    _rule_decades_centuries,
    _rule_quarters_weeks,
    _rule_weeks_of_months,
    _rule_the_unit,
    _rule_seasons,
    _rule_weekends_weeks_ahead,
    _rule_relative,
    _rule_weekdays,
    _rule_part_of_day,
    _rule_ago,
    _rule_fixed,
    _rule_clock,
    _rule_sets,
    _rule_durations,
    _rule_vague_durations,
    _rule_more_durations,
    _rule_more_dates,
)


# ---------------------------------------------------------------- anaphora (issue 14)
#
# "the next day", "that year", "the quarter", "the year-ago period" name a time through an
# earlier one: the last time named before them in the same document (TimeML's anchoring
# on a reference time, kept running through the document as HeidelTime and SUTime do).
# Deictic expressions ("tomorrow", "next week", "last year", "a year ago") stay on the
# document's date.

#: "that day", "the same month", "that same year", "that quarter", "that evening"
_THAT_UNIT_RE = re.compile(
    r"""\b(?:that(?:\s+same)?|the\s+same|this\s+same)\s+
    (?P<unit>day|week|month|quarter|year|morning|afternoon|evening|night)\b
    (?!-|\s+(?:of|care|and\s+age|after\s+(?:day|week|month|year))\b)""",
    _FLAGS,
)
#: "the next day", "the following week", "the previous year", "Prior Year", "the next
#: morning"; "the next week/month/year" are left to the deictic rules ("next week")
_NEXT_UNIT_RE = re.compile(
    r"""(?:\bthe\s+(?P<rel>following|subsequent|previous|preceding|prior)\s+
       (?P<unit>day|week|month|quarter|year|morning|afternoon|evening|night)
     |\bthe\s+(?P<next>next)\s+(?P<next_unit>day|morning|afternoon|evening|night)
     |(?<!\bthe\s)\b(?P<bare>previous|prior)\s+(?P<bare_unit>year|quarter))\b
    (?!-|\s+\d|['’]s\s+(?:time|notice)\b)""",
    _FLAGS,
)
#: "the day before.", "the year after," (at the end of a clause: "the day after United
#: filed" is anchored on an event, not on a time)
_UNIT_BEFORE_AFTER_RE = re.compile(
    r"""\bthe\s+(?P<unit>day|week|month|year)\s+(?P<rel>before|after)
    (?=\s*(?:[.,;:!?)"”]|$))""",
    _FLAGS,
)
#: "two days later", "a year earlier", "twelve years later", "three weeks before."
_COUNTED_LATER_RE = re.compile(
    rf"""(?<![\w.,$€£¥-])(?P<num>{_CONCRETE_NUMBER})\s+(?P<unit>days?|weeks?|months?|years?)\s+
    (?P<rel>later|earlier|afterwards|before|after)\b(?!\s+than\b)""",
    _FLAGS,
)
#: "the year-ago period", "the year-earlier quarter", "the prior-year period", "the same
#: quarter last year": the period being reported on, one year back
_YEAR_AGO_PERIOD_RE = re.compile(
    r"""\bthe\s+(?:(?P<back>year[\s-]ago|year[\s-]earlier|year[\s-]before|prior[\s-]year
      |previous[\s-]year)|(?P<same>same))\s+(?P<unit>period|quarter|half)\b
    (?P<tail>\s+(?:last\s+year|a\s+year\s+(?:ago|earlier|before)
      |of\s+(?:last|the\s+previous|the\s+prior)\s+year)\b)?""",
    _FLAGS,
)
#: "the quarter", "the latest quarter": the quarter being reported on
_THE_QUARTER_RE = re.compile(
    r"""\bthe\s+(?:(?:latest|most\s+recent|same)\s+)?quarter\b
    (?!-|\s+(?:of|century|mile|point|final|hour|inch|ended|ending|to|through)\b)""",
    _FLAGS,
)
#: "from $1.61 billion a year ago", "than ... a year earlier": a comparison with the same
#: period one year back
_YEAR_BACK_RE = re.compile(r"\b(?:a|one)\s+year\s+(?:ago|earlier|before)\b", re.IGNORECASE)
_COMPARISON_BEFORE_RE = re.compile(
    r"\b(?:from|compared|comparison|than|versus|vs\.?|against)\b", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]?\s")
_ANAPHOR_KEYS = (
    "that", "same", "next", "following", "subsequent", "previous", "preceding", "prior",
    "before", "after", "later", "earlier", "ago", "quarter",
)  # fmt: skip
#: how many of the times named before an anaphor it looks back through: a bound on the
#: work of each, in a document of thousands of times
_LOOK_BACK = 100
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_POINT_RE = re.compile(
    r"""(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?
    |-W(?P<week>\d{2})(?P<week_day>-[1-7]|-WE)?|-(?P<part>[QH][1-4])|-(?P<season>SP|SU|FA|WI))?
    (?:T.*)?""",
    re.VERBOSE,
)


@dataclasses.dataclass(frozen=True)
class _Point:
    """A time named in the text, as an anaphor looks back to it."""

    grain: str  # "day", "week", "month", "quarter", "half", "season" or "year"
    day: datetime.date  # a day inside it: its first day, or the Thursday of a week
    part: str = ""  # "Q3", "H1"
    #: its value was computed from the anchor, and so is the value of what looks back to it
    anchored: bool = False


def _point(value: str, anchored: bool = False) -> _Point | None:
    m = _POINT_RE.fullmatch(value)
    if m is None or re.search(r"T\d", value):
        # a clock time names no day of its own: without a day written next to it, it has
        # the anchor's ("That's at 4:30 p.m. ... another event that day")
        return None
    point = _point_at(m)
    return dataclasses.replace(point, anchored=anchored) if point and anchored else point


def _point_at(m: re.Match[str]) -> _Point | None:
    year = int(m["year"])
    try:
        if m["day"]:
            return _Point("day", datetime.date(year, int(m["month"]), int(m["day"])))
        if m["month"]:
            return _Point("month", datetime.date(year, int(m["month"]), 1))
        if m["week"]:
            weekday = m["week_day"]
            if weekday and weekday != "-WE":
                day = datetime.date.fromisocalendar(year, int(m["week"]), int(weekday[1]))
                return _Point("day", day)
            return _Point("week", datetime.date.fromisocalendar(year, int(m["week"]), 4))
        if m["part"]:
            grain = "quarter" if m["part"][0] == "Q" else "half"
            months = 3 if grain == "quarter" else 6
            first = datetime.date(year, (int(m["part"][1]) - 1) * months + 1, 1)
            return _Point(grain, first, m["part"])
        if m["season"]:
            return _Point("season", datetime.date(year, 1, 1))
        return _Point("year", datetime.date(year, 1, 1))
    except ValueError:
        return None


def _last(points: list[_Point], grains: tuple[str, ...]) -> _Point | None:
    return next((p for p in reversed(points) if p.grain in grains), None)


def _reporting_period(points: list[_Point], anchor: datetime.date | None) -> _Point | None:
    """The quarter or half a report speaks of: the last one named that is not the same
    period of the year before one named earlier ("During the third quarter last year ...
    that quarter" compare; "the quarter" is still this year's)."""
    seen: set[tuple[int, str]] = set()
    current = None
    for p in points:
        if p.grain not in ("quarter", "half"):
            continue
        if (p.day.year + 1, p.part) not in seen and not _guidance(current, p, anchor):
            current = p
        seen.add((p.day.year, p.part))
    return current


def _guidance(current: _Point | None, p: _Point, anchor: datetime.date | None) -> bool:
    """Is ``p`` the period after the one reported, named before it has ended: an outlook
    ("fourth-quarter earnings ... The company said first-quarter earnings should be ...")?"""
    if current is None or anchor is None or current.grain != p.grain:
        return False
    months = 3 if p.grain == "quarter" else 6
    follows = _add_months(current.day, months) == p.day
    return follows and _add_months(p.day, months) > anchor


def _period_value(period: _Point, years: int = 0, parts: int = 0) -> str:
    size = 4 if period.grain == "quarter" else 2
    index = (period.day.year + years) * size + int(period.part[1]) - 1 + parts
    return f"{index // size}-{period.part[0]}{index % size + 1}"


def _shifted_value(point: _Point, unit: str, step: int) -> str | None:
    """``point`` moved by ``step`` units and written at the grain of ``unit``."""
    try:
        if unit == "year":
            return f"{point.day.year + step:04d}"
        if unit == "quarter":
            if point.grain != "quarter":
                return None
            return _period_value(point, parts=step)
        if unit == "month":
            shifted = _add_months(point.day.replace(day=1), step)
            return f"{shifted.year:04d}-{shifted.month:02d}"
        if unit == "week":
            return _week_value(point.day + datetime.timedelta(weeks=step))
        return (point.day + datetime.timedelta(days=step)).isoformat()
    except (OverflowError, ValueError):
        return None


#: the grains of the earlier times an anaphor of each unit can look back to
_LOOKS_BACK_TO = {
    "day": ("day",),
    "week": ("week", "day"),
    "month": ("month", "day"),
    "quarter": ("quarter",),
    "year": ("day", "week", "month", "quarter", "half", "season", "year"),
}


@dataclasses.dataclass(frozen=True)
class _Anaphor:
    start: int
    end: int
    unit: str  # the grain it needs and is written at: day, week, month, quarter, year
    step: int = 0  # how many units after (+) or before (-) the time it looks back to
    part: str | None = None  # a part of the day ("MO"): a TIME
    #: falls back on the anchor when nothing was named before ("the next day" in a first
    #: sentence is the day after the document's)
    fallback: bool = False
    #: the period being reported on ("the quarter", "the year-ago period"), ``step``
    #: parts of it (quarters or halves) and ``years`` years away
    period: bool = False
    years: int = 0
    #: "a year ago" in a comparison: the reported period one year back, else the anchor's
    comparison: bool = False


def _anaphors(ctx: _Context) -> Iterator[_Anaphor]:
    text = ctx.text
    for m in _THAT_UNIT_RE.finditer(text):
        unit = m["unit"].lower()
        if unit in _PART_CODES:
            yield _Anaphor(*m.span(), "day", part=_PART_CODES[unit])
        else:
            yield _Anaphor(*m.span(), unit)
    for m in _NEXT_UNIT_RE.finditer(text):
        rel = (m["rel"] or m["next"] or m["bare"]).lower()
        unit = (m["unit"] or m["next_unit"] or m["bare_unit"]).lower()
        step = -1 if rel in ("previous", "preceding", "prior") else 1
        if unit in _PART_CODES:
            yield _Anaphor(*m.span(), "day", step, _PART_CODES[unit], fallback=True)
        elif unit == "quarter":
            yield _Anaphor(*m.span(), "quarter", step, period=True)
        else:
            yield _Anaphor(*m.span(), unit, step, fallback=True)
    for m in _UNIT_BEFORE_AFTER_RE.finditer(text):
        step = -1 if m["rel"].lower() == "before" else 1
        yield _Anaphor(*m.span(), m["unit"].lower(), step, fallback=True)
    for m in _COUNTED_LATER_RE.finditer(text):
        rel = m["rel"].lower()
        if rel in ("before", "after") and not re.match(r"\s*(?:[.,;:!?)\"”]|$)", text[m.end() :]):
            continue  # "two days before the vote": anchored on an event
        count = _number(m["num"])
        if count is None or count != int(count) or count < 1:
            continue
        step = int(count) if rel in ("later", "afterwards", "after") else -int(count)
        unit = _unit_name(m["unit"])
        if unit == "year" and step == -1:
            yield _Anaphor(*m.span(), "year", -1, comparison=True)
        else:
            yield _Anaphor(*m.span(), unit, step)
    for m in _YEAR_AGO_PERIOD_RE.finditer(text):
        if m["same"] and not m["tail"]:
            continue  # "the same period": of what is not said
        unit = m["unit"].lower()
        yield _Anaphor(
            *m.span(), "quarter" if unit == "quarter" else "period", period=True, years=-1
        )
    for m in _THE_QUARTER_RE.finditer(text):
        yield _Anaphor(*m.span(), "quarter", period=True)
    for m in _YEAR_BACK_RE.finditer(text):
        if m.group().lower().endswith("ago"):
            yield _Anaphor(*m.span(), "year", -1, comparison=True)


def _resolve_anaphor(
    ctx: _Context, anaphor: _Anaphor, points: list[_Point]
) -> tuple[str, bool] | None:
    """The value of an anaphor given the times named before it, and whether it came
    from the anchor; None when it cannot be resolved."""
    if anaphor.comparison:
        boundaries = list(_SENTENCE_END_RE.finditer(ctx.text, 0, anaphor.start))
        sentence_start = boundaries[-1].end() if boundaries else 0
        cue = _COMPARISON_BEFORE_RE.search(ctx.text, sentence_start, anaphor.start)
        period = _reporting_period(points, ctx.anchor)
        recent = [p for p in points[-4:] if p.grain in ("quarter", "half")]
        if cue and period is not None and recent:
            return _period_value(period, years=-1), period.anchored
        if ctx.text[anaphor.start : anaphor.end].lower().endswith("ago"):
            return None  # "a year ago" is the anchor's (the deictic rule's)
    if anaphor.period:
        period = _reporting_period(points, ctx.anchor)
        if period is None and anaphor.unit == "period":
            # "the year-ago period" of a report on a whole year ("fiscal 1999")
            year = _last(points, ("year",))
            return (f"{year.day.year + anaphor.years:04d}", year.anchored) if year else None
        if period is None or (anaphor.unit == "quarter" and period.grain != "quarter"):
            return None
        return _period_value(period, anaphor.years, anaphor.step), period.anchored
    point = _last(points, _LOOKS_BACK_TO[anaphor.unit])
    if point is None:
        if not anaphor.fallback or ctx.anchor is None:
            return None
        point = _Point("day", ctx.anchor, anchored=True)
    value = _shifted_value(point, anaphor.unit, anaphor.step)
    if value is None:
        return None
    if anaphor.part:
        value += f"T{anaphor.part}"
    return value, point.anchored


def _resolve_anaphors(
    ctx: _Context, chosen: list[_Candidate], reference: Sequence[TimeExpression] | None
) -> list[_Candidate]:
    """Candidates for the anaphors of the text, each resolved against the times named
    before it: ``reference`` (earlier sentences), then the text's own, in order."""
    if not ctx.mentions(_ANAPHOR_KEYS):
        return []
    anaphors = sorted(_anaphors(ctx), key=lambda a: (a.start, a.start - a.end))
    if not anaphors:
        return []
    points = [
        p
        for t in (reference or ())[-_LOOK_BACK:]
        if t.type in ("DATE", "TIME") and (p := _point(t.value, t.anchor is not None)) is not None
    ]
    earlier = iter(c for c in chosen if c.type in ("DATE", "TIME"))
    following = next(earlier, None)
    found: list[_Candidate] = []
    for anaphor in anaphors:
        while following is not None and following.end <= anaphor.start:
            # a time inside an anaphor taken ("last year" in "the same quarter last year")
            # is not one named before the next
            inside = found and following.start < found[-1].end
            if not inside and (p := _point(following.value, following.anchored)) is not None:
                points.append(p)
            following = next(earlier, None)
        if found and found[-1].end > anaphor.start:
            continue  # inside the one just taken ("that same day" and "same day")
        resolved = _resolve_anaphor(ctx, anaphor, points)
        if resolved is None:
            continue
        value, anchored = resolved
        type_ = "TIME" if anaphor.part else "DATE"
        found.append(
            _Candidate(
                anaphor.start,
                anaphor.end,
                type_,
                value,
                anchored=anchored,
                takes_modifier=type_ == "DATE",
            )
        )
        if (p := _point(value, anchored)) is not None:
            points.append(p)
    return found


# ---------------------------------------------------------------- selection


def _with_date_modifier(text: str, candidate: _Candidate) -> _Candidate:
    """Take "early"/"mid-"/"late"/"the end of"/"around" written before a date into it."""
    if not candidate.takes_modifier or candidate.modifier is not None:
        return candidate
    m = _DATE_MODIFIER_RE.search(text, max(0, candidate.start - 30), candidate.start)
    if not m:
        return candidate
    if m["g"] and re.fullmatch(r"\d{4}", candidate.value):
        return candidate  # "the first half of 1990" is 1990-H1 (the quarter rule's)
    word = next(m[g] for g in "abcdefg" if m[g]).lower()
    modifier = "APPROX" if m["e"] else _DATE_MODIFIER_VALUES[word]
    return dataclasses.replace(candidate, start=m.start(), modifier=modifier)


def _select(candidates: list[_Candidate], length: int) -> list[_Candidate]:
    """Longest match wins; among equals the earlier one; the rest must not overlap."""
    taken = bytearray(length + 1)
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if candidate.start >= candidate.end or taken.find(1, candidate.start, candidate.end) >= 0:
            continue
        taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen


_CLOCK_VALUE_RE = re.compile(r"(?:XXXX-XX-XX|\d{4}-\d{2}-\d{2})T\d{2}:\d{2}")
_DAY_VALUE_RE = re.compile(r"(?:\d{4}|XXXX)-\d{2}-\d{2}|XXXX-WXX-[1-7]")
#: between a clock time and the day written after it: "3 p.m. on Friday", "3 p.m., Friday"
#: ("3 p.m. On Friday" starts a sentence: the "on" is lower case)
_TIME_THEN_DAY_RE = re.compile(r"\s*,?\s*(?:on\s+)?")
#: between a day and the clock time written after it: "10 July 2019 at 3 p.m."
_DAY_THEN_TIME_RE = re.compile(r"\s*,?\s*(?:at|,)?\s*", re.IGNORECASE)


def _attach_times_to_dates(text: str, chosen: list[_Candidate]) -> None:
    """A clock time takes the day written next to it.

    The day after it first ("3 p.m. on Friday", "3 p.m. Friday"), else the
    day before it ("10 July 2019 at 3 p.m.", "Friday at 3 p.m.").  Both stay
    separate expressions: "on" and "at" are signals, outside every extent.
    """
    for i, current in enumerate(chosen):
        if current.type != "TIME" or not _CLOCK_VALUE_RE.fullmatch(current.value):
            continue
        day: _Candidate | None = None
        following = chosen[i + 1] if i + 1 < len(chosen) else None
        previous = chosen[i - 1] if i else None
        if (
            following is not None
            and following.type == "DATE"
            and _DAY_VALUE_RE.fullmatch(following.value)
            and _TIME_THEN_DAY_RE.fullmatch(text, current.end, following.start)
        ):
            day = following
        elif (
            previous is not None
            and previous.type == "DATE"
            and _DAY_VALUE_RE.fullmatch(previous.value)
            and _DAY_THEN_TIME_RE.fullmatch(text, previous.end, current.start)
        ):
            day = previous
        if day is not None:
            current.value = day.value + current.value[current.value.index("T") :]
            current.anchored = day.anchored


def find_time_expressions(
    text: str,
    anchor: datetime.date | None = None,
    *,
    tense: str | None = None,
    offset: int = 0,
    reference: Sequence[TimeExpression] | None = None,
) -> list[TimeExpression]:
    """Find every time expression in ``text`` and normalise it to a TIMEX3 value.

    Parameters
    ----------
    text : str
        Any text: a sentence or a whole document.
    anchor : datetime.date, optional
        The document's publication date (TimeML's document creation time).
        Relative and partial expressions are resolved against it; without it
        they get placeholder values ("XXXX-09-19", "PAST_REF").
    tense : {"past", "present", "future"}, optional
        The tense of the sentence, a hint for bare weekdays, months and seasons
        ("on Monday" in a past-tense sentence is the Monday before the anchor).
        None picks the nearest one.  A clear tense cue in the expression's own
        clause ("... and will raise them in October") wins over it.
    offset : int, optional
        Added to every ``start``/``end``: the position of ``text`` in its document.
    reference : sequence of TimeExpression, optional
        The time expressions found earlier in the same document, in order (a
        running reference time).  "the next day", "that year", "the quarter"
        look back to the last one of the grain they need, then to the text's own
        times before them; deictic expressions ("tomorrow", "next week") stay on
        ``anchor``.  Never pass another document's: a reference does not cross
        documents.  See "Expressions that look back" in the module docstring.

    Returns
    -------
    list of TimeExpression
        Sorted by ``start`` and not overlapping (the longest match wins);
        ``text`` is the exact substring.  ``anchor`` is ``anchor.isoformat()``
        when the value (or the ``begin``/``end_value`` of a duration) was
        computed from it, else None.  The value conventions are in the module
        docstring.

    Raises
    ------
    ValueError
        If ``tense`` is not one of the values above.

    Examples
    --------
    >>> import datetime
    >>> text = ("No violent or terrorist activities have occurred in Xinjiang "
    ...         "for almost three years.")
    >>> [t] = find_time_expressions(text, datetime.date(2019, 7, 10))
    >>> t.text, t.type, t.value, t.modifier, t.begin, t.end_value
    ('almost three years', 'DURATION', 'P3Y', 'APPROX', '2016-07-10', '2019-07-10')
    >>> [(t.text, t.value) for t in find_time_expressions(
    ...     "A few days ago, on 10 July 2019, in the 1990s, by 2020",
    ...     datetime.date(2019, 7, 10))]
    [('A few days ago', 'PAST_REF'), ('10 July 2019', '2019-07-10'), ('the 1990s', '199'), \
('2020', '2020')]
    >>> [(t.text, t.value) for t in find_time_expressions("last year", datetime.date(2019, 7, 10))]
    [('last year', '2018')]
    >>> earlier = find_time_expressions("The talks opened on 3 May 1998.", datetime.date(2019, 7, 10))
    >>> [(t.text, t.value) for t in find_time_expressions(
    ...     "The next day they broke off; they resume next week.", datetime.date(2019, 7, 10),
    ...     reference=earlier)]
    [('The next day', '1998-05-04'), ('next week', '2019-W29')]
    """
    if tense is not None and tense not in _TENSES:
        raise ValueError(f"tense must be one of {_TENSES} or None, not {tense!r}")
    ctx = _Context(text, anchor, tense, text.lower(), _DIGIT_RE.search(text) is not None)
    candidates: list[_Candidate] = []
    for rule in _RULES:
        try:
            candidates.extend(_with_date_modifier(text, c) for c in rule(ctx))
        except (OverflowError, ValueError):
            # An anchor in year 1 or 9999 can step off the calendar ("last year"); that
            # rule's later finds are dropped rather than the whole text's.
            if anchor is None or _SAFE_ANCHORS[0] <= anchor <= _SAFE_ANCHORS[1]:
                raise
            continue
    chosen = _select(candidates, len(text))
    anaphoric = _resolve_anaphors(ctx, chosen, reference)
    if anaphoric:
        # first, so that "a year ago" read as a comparison wins over the deictic one
        anaphoric = [_with_date_modifier(text, c) for c in anaphoric]
        chosen = _select(anaphoric + candidates, len(text))
    _attach_times_to_dates(text, chosen)
    anchor_iso = anchor.isoformat() if anchor is not None else None
    return [
        TimeExpression(
            text=text[c.start : c.end],
            start=c.start + offset,
            end=c.end + offset,
            type=c.type,
            value=c.value,
            modifier=c.modifier,
            anchor=anchor_iso if c.anchored else None,
            begin=c.begin,
            end_value=c.end_value,
        )
        for c in chosen
    ]


# ---------------------------------------------------------------- single dates


_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ISO_PREFIX_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?")


def normalise_date_string(s: str) -> datetime.date | None:
    """The calendar date a string spells out in full, or None.

    Accepts ISO dates (with or without a time), compact ``YYYYMMDD``, and
    written dates with or without a weekday ("10 July 2019", "July 10, 2019",
    "Wednesday, 10th of July 2019", "Sept. 14, 2023", "14/09/2023" when the
    day and month cannot be confused).  Anything else, or an impossible date,
    gives None.

    Examples
    --------
    >>> normalise_date_string("Sept. 14, 2023")
    datetime.date(2023, 9, 14)
    >>> normalise_date_string("20190710")
    datetime.date(2019, 7, 10)
    >>> normalise_date_string("July 2019") is None
    True
    """
    s = s.strip()
    for pattern in (_COMPACT_DATE_RE, _ISO_PREFIX_RE):
        m = pattern.fullmatch(s)
        if m:
            return _valid_date(int(m[1]), int(m[2]), int(m[3]))
    for expr in find_time_expressions(s):
        if expr.type in ("DATE", "TIME") and re.match(r"\d{4}-\d{2}-\d{2}", expr.value):
            rest = s[: expr.start] + s[expr.end :]
            if re.fullmatch(rf"[\s,.;:()]*(?:{_WEEKDAY}[\s,.]*)?", rest, re.IGNORECASE):
                return datetime.date.fromisoformat(expr.value[:10])
    return None


# ---------------------------------------------------------------- interval starts


_SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def implied_start(expr: TimeExpression) -> datetime.date | None:
    """The first day of the interval an expression implies, or None if it implies none.

    For a DURATION that runs up to the anchor, ``begin`` ("for almost three
    years" in 2019-07-10 begins 2016-07-10).  For a DATE or TIME with a
    calendar value, the first day of the period it names ("2019" ->
    2019-01-01, "2019-W28" -> its Monday, "1998-Q3" -> 1998-07-01, "199" ->
    1990-01-01).  The modifier is not applied ("late 2019" still starts
    2019-01-01); PAST_REF and other placeholders give None.

    Examples
    --------
    >>> import datetime
    >>> [t] = find_time_expressions(
    ...     "there has been no incident for over six consecutive years",
    ...     datetime.date(2023, 9, 14))
    >>> implied_start(t)
    datetime.date(2017, 9, 14)
    >>> [t] = find_time_expressions("since 2014")
    >>> implied_start(t)
    datetime.date(2014, 1, 1)
    """
    if expr.begin:
        try:
            return datetime.date.fromisoformat(expr.begin[:10])
        except ValueError:
            return None
    if expr.type not in ("DATE", "TIME"):
        return None
    value = expr.value.split("T")[0]
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        return _valid_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return _valid_date(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE|-\d)?", value):
        weekday = 6 if m[3] == "-WE" else int(m[3][1:]) if m[3] else 1
        try:
            return datetime.date.fromisocalendar(int(m[1]), int(m[2]), weekday)
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{4})-([QH])([1-4])", value):
        months_per_part = 3 if m[2] == "Q" else 6
        return datetime.date(int(m[1]), (int(m[3]) - 1) * months_per_part + 1, 1)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return datetime.date(int(m[1]), _SEASON_START_MONTH[m[2]], 1)
    if re.fullmatch(r"\d{4}", value):
        return datetime.date(int(value), 1, 1)
    if re.fullmatch(r"\d{3}", value):
        return datetime.date(max(1, int(value) * 10), 1, 1)
    if re.fullmatch(r"\d{2}", value):
        return datetime.date(max(1, int(value) * 100), 1, 1)
    return None
