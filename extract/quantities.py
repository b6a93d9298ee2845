"""Find quantities in text: a number with its modifier and unit ("nearly 100 countries").

Rule-based and deterministic: pure Python and :mod:`re`, every pattern compiled
once at import.  The caller passes the spans of the time expressions it found
(:func:`extract.dates.find_time_expressions`) as ``exclude`` so that "three
years" is a duration and not also the quantity 3.

Conventions
-----------
``value``
    A float: ``1,000`` is 1000.0, ``1.5 billion`` 1.5e9, ``two thirds`` 0.6667.
``unit``
    The head noun counted, lower-cased and as written ("countries", "page" in
    "the 48-page report"); ``"percent"`` for ``%``/per cent; an ISO 4217 code
    for money ("USD" for ``$`` and dollars, "EUR", "GBP", "CNY" for yuan and
    RMB, "JPY" for ``¥`` and yen); ``"fraction"`` for "two thirds of"; None when
    no noun follows ("the two of them").
``modifier``
    A TimeML ``mod`` value, so quantities and durations share one vocabulary:
    APPROX ("nearly", "about", "some 20"), MORE_THAN ("more than", "over"),
    LESS_THAN ("less than", "under"), EQUAL_OR_MORE ("at least", "no fewer
    than"), EQUAL_OR_LESS ("up to", "at most", "as many as").  An indefinite
    plural of a scale ("hundreds of", "thousands of", "tens of thousands of")
    gives the scale as ``value`` (100, 1000, 10000) with MORE_THAN.

Not quantities: ordinals ("the Third Committee", "20th century"), numbers
inside identifiers ("A/HRC/41/L.10", "G20", "COVID-19", "CMS (2023)"),
references ("Article 5", "resolution 2231", "No. 3"), list markers ("1." at
the start of a line), clock times ("3:30"), a lone "one" ("one of them", "no
one"; "more than one" and "one million" are quantities), and a bare year-like
number (1000-2199 without a comma) that counts no plural noun ("in 2019", "the
2019 report"; "2000 people" is a quantity).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .records import Quantity

__all__ = ["find_quantities", "parse_number"]


def _words(text: str) -> list[str]:
    return text.split()


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SMALL_VALUES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_VALUES = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE_VALUES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
_VAGUE_SCALES = {
    "tens": 10.0,
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}

# Regex fragments, shared with extract.dates for the numbers of durations.
SMALL_WORDS = "|".join(sorted(_SMALL_VALUES, key=len, reverse=True))
TENS_WORDS = "|".join(_TENS_VALUES)
#: one to ninety-nine in words: "seven", "twenty-five", "forty two"
WORD_NUMBER_99 = (
    rf"(?:(?:{TENS_WORDS})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    rf"|(?:{SMALL_WORDS}))"
)
_SCALE_WORDS = "thousand|million|billion|trillion"
_HUNDREDS = rf"(?:(?:{WORD_NUMBER_99}|a|an)\s+hundred(?:\s+(?:and\s+)?{WORD_NUMBER_99})?)"
_GROUP = rf"(?:{_HUNDREDS}|{WORD_NUMBER_99})"
_SCALED = rf"(?:(?:half\s+an?|(?:{_GROUP})\s+and\s+a\s+half|{_GROUP}|a|an)\s+(?:{_SCALE_WORDS})\b)"
#: a number in words up to the trillions: "one hundred and twenty", "a million"
WORD_NUMBER = (
    rf"(?:(?:{_SCALED}\s+(?:and\s+)?)*(?:{_SCALED}|(?:an?|{WORD_NUMBER_99})\s+dozen"
    rf"|{_GROUP}(?:\s+and\s+a\s+half)?))"
)
#: digits with thousands separators or decimals: "1,000", "1.5", "24"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"

_MODIFIERS = [
    (
        "EQUAL_OR_MORE",
        r"at\s+least|no\s+(?:less|fewer)\s+than|not\s+(?:less|fewer)\s+than|a\s+minimum\s+of",
    ),
    (
        "EQUAL_OR_LESS",
        r"up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of"
        r"|as\s+(?:many|much)\s+as",
    ),
    (
        "MORE_THAN",
        r"more\s+than|greater\s+than|well\s+over|just\s+over|over|above|upwards\s+of"
        r"|in\s+excess\s+of|exceeding|north\s+of",
    ),
    ("LESS_THAN", r"less\s+than|fewer\s+than|just\s+under|under|below|short\s+of"),
    (
        "APPROX",
        r"nearly|almost|about|around|approximately|roughly|close\s+to|an\s+estimated"
        r"|estimated|circa|some|just\s+about|more\s+or\s+less",
    ),
]
_MODIFIER_PATTERN = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _MODIFIERS)

_MODIFIER_BEFORE_RE = re.compile(rf"\b(?:{_MODIFIER_PATTERN})\s+$", re.IGNORECASE)
# Where a quantity can start: found first with a cheap pattern, so that the full
# one below runs only there (trying it at every character is ten times slower).
_START_RE = re.compile(
    rf"""(?<![\w.,])(?:\d|US\$|[$€£¥]|(?:USD|EUR|GBP|CNY|RMB|JPY|CHF)\b
    |(?:an?|half|{TENS_WORDS}|{SMALL_WORDS}|tens|dozens|scores|hundreds|thousands|millions
    |billions|trillions)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_QUANTITY_RE = re.compile(
    rf"""
    (?P<currency>US\$|\$|€|£|¥|(?:USD|EUR|GBP|CNY|RMB|JPY|CHF)\s?)?
    (?:
        (?P<digits>{DIGITS})(?:\s*(?P<dscale>hundred|thousand|million|billion|trillion|bn|mn|tn)\b)?
      | (?P<fraction>(?:{WORD_NUMBER_99}|an?)[\s-]+(?:{"|".join(_DENOMINATORS)})\s+of\b)
      | (?P<vague>(?:tens|dozens|scores|hundreds|thousands|millions|billions|trillions)
          (?:\s+of\s+(?:thousands|millions|billions))?)\b
      | (?P<words>\b{WORD_NUMBER})\b
    )
    (?P<percent>\s?%|\s+per\s?cent\b|\s+percentage\s+points?\b|\s+percent\b)?
    (?:-(?P<hyphen_unit>[A-Za-z]+)\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)

_CURRENCY_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "CNY": "CNY",
    "RMB": "CNY",
    "JPY": "JPY",
    "CHF": "CHF",
}
_CURRENCY_AFTER_RE = re.compile(
    r"\s+(?:(?P<usd>(?:US|U\.S\.|American)\s+dollars?|dollars?)|(?P<eur>euros?)"
    r"|(?P<cny>yuan|renminbi|RMB)|(?P<jpy>yen)|(?P<gbp>pounds\s+sterling|sterling)"
    r"|(?P<chf>Swiss\s+francs?))\b",
    re.IGNORECASE,
)
_ORDINALS = _word_set("first second third fourth fifth sixth seventh eighth ninth old")
_NEXT_WORD_RE = re.compile(r"[ \t]+(?P<word>[A-Za-z][A-Za-z'’-]*)")
_OF_RE = re.compile(r"\s+of\b", re.IGNORECASE)

_STOP_WORDS = _word_set("""
    a an the of and or but nor to in on at by for from with without into onto as than then
    is are was were be been being am has have had will would shall should can could may
    might must do does did that which who whom whose this these those it its their his her
    our your my me us them they he she we you i per each every more most less least such
    so too very not no also only just about over under up down out off again further once
    here there when where why how all any both few other some own same while if because
    until against between through during before after above below since times
    percent nearly almost around approximately roughly estimated exceeding upwards circa
    close maximum minimum
    """)
_ADJECTIVES = _word_set("""
    new old young more other additional further extra foreign ethnic major minor small
    large big huge great good bad local national international civilian innocent
    armed unarmed former current total different various separate key top senior
    junior full whole main only so-called registered confirmed reported alleged
    estimated possible likely unemployed undocumented illegal legal american chinese
    western eastern northern southern public private square cubic tall long wide high
    """)
_ADJECTIVE_SUFFIXES = ("al", "ic", "ive", "ous", "ful", "less", "ese", "ian", "ern", "ish", "ary")
_IRREGULAR_PLURALS = _word_set("""
    people men women children police staff personnel cattle troops feet teeth mice geese
    sheep fish aircraft deer livestock
    """)
_REFERENCE_RE = re.compile(
    r"(?:\b(?:article|arts?|resolutions?|res|sections?|sec|chapters?|chap|paragraphs?|paras?"
    r"|items?|rules?|annex|annexes|nos?|numbers?|pages?|pp?|clauses?|amendments?|protocols?"
    r"|volumes?|vol|issues?|tables?|figures?|figs?|footnotes?|notes?|rooms?|flights?|routes?"
    r"|highways?|lines?|verses?|psalms?|titles?|parts?|box|exhibits?|schedules?|appendix"
    r"|phases?|stages?|level|grade|districts?|precincts?|wards?|zones?|sectors?|units?"
    r"|versions?|model|type|category|series|episodes?|season|round|step|question|option"
    r"|proposition|prop|measure|bill|code|decision|case|docket|gate|platform|channel"
    r"|window|apartment|suite|floor|tier|class|group|Q)\.?|[#§№])\s*$",
    re.IGNORECASE,
)


def parse_number(text: str) -> float | None:
    """The value of a number written in digits, words or both; None if it is not one.

    Parameters
    ----------
    text : str
        "1,000", "1.5 billion", "twenty-five", "one hundred and twenty",
        "a million", "two and a half", "a couple of", "a dozen".

    Returns
    -------
    float or None

    Examples
    --------
    >>> parse_number("1,000")
    1000.0
    >>> parse_number("one hundred and twenty")
    120.0
    >>> parse_number("1.5 billion")
    1500000000.0
    >>> parse_number("two and a half")
    2.5
    >>> parse_number("several") is None
    True
    """
    words = re.sub(r"\band\s+a\s+half\b", " +half", text.strip().lower())
    words = re.sub(r"\bhalf\s+an?\b", " 0.5", words)
    words = re.sub(r"\ba\s+couple(?:\s+of)?\b", " 2", words)
    tokens = [t for t in re.split(r"[\s-]+", words) if t and t != "and"]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token in ("a", "an"):
            if following not in ("hundred", "dozen", *_SCALE_VALUES) and len(tokens) > 1:
                return None
            current += 1
        elif token == "+half":
            current += 0.5
        elif re.fullmatch(DIGITS, token):
            current += float(token.replace(",", ""))
        elif token in _SMALL_VALUES:
            current += _SMALL_VALUES[token]
        elif token in _TENS_VALUES:
            current += _TENS_VALUES[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALE_VALUES:
            total += (current or 1) * _SCALE_VALUES[token]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s", "’s"))


def _is_modifier_word(word: str) -> bool:
    """A word that may stand between a number and the noun it counts ("100 foreign diplomats")."""
    lower = word.lower()
    if lower in _ADJECTIVES or (len(word) > 1 and word.isupper()):
        return True
    if word[0].isupper() and not _is_plural(word):
        return True  # "12 Uyghur people", "5 Chinese cities"
    return not _is_plural(word) and lower.endswith(_ADJECTIVE_SUFFIXES) and len(lower) > 4


def _noun_after(text: str, pos: int) -> tuple[str, int] | None:
    """The head noun a number counts: the first plural among the next words, else the first."""
    words: list[tuple[str, int]] = []
    while len(words) < 3:
        match = _NEXT_WORD_RE.match(text, pos)
        if not match:
            break
        word = match["word"].rstrip("'’-")
        lower = word.lower()
        if not word or lower in _STOP_WORDS or (words and lower.endswith("ed")):
            break
        words.append((word, match.start("word") + len(word)))
        pos = match.end()
        if _is_plural(word):
            break
    for word, end in words:
        if _is_plural(word):
            return word.lower(), end
    for word, end in words:
        if not _is_modifier_word(word):
            return word.lower(), end
    return None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _modifier(text: str, start: int, floor: int) -> tuple[str | None, int | None, str]:
    """The modifier written just before ``start`` (not before ``floor``): (mod, start, words)."""
    match = _MODIFIER_BEFORE_RE.search(text, max(floor, start - 40), start)
    if match is None:
        return None, None, ""
    for name, _ in _MODIFIERS:
        if match[name] is not None:
            return name, match.start(name), match[name].lower()
    return None, None, ""  # pragma: no cover - one group always matches


def _identifier_around(text: str, start: int, end: int) -> bool:
    """Digits that belong to an identifier, a reference, a clock time or a list marker."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "/_#@:.\\" or after in "/_:\\":
        return True
    if before == "-" and start >= 2 and text[start - 2].isalnum():
        return True  # COVID-19, A-10
    if after.isalnum():
        return True  # 5G, 10th, 3D
    if after == "." and text[end + 1 : end + 2].isalnum():
        return True  # 41/L.10 style, 1.a
    if after == "-" and text[end + 1 : end + 2].isdigit():
        return True
    if _REFERENCE_RE.search(text[max(0, start - 25) : start]):
        return True
    if before == "(" and after == ")":
        return True  # "CMS (2023)", "(3)"
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].strip() in ("", "(") and after in ".)"


def find_quantities(
    text: str, *, offset: int = 0, exclude: Sequence[tuple[int, int]] = ()
) -> list[Quantity]:
    """Find the quantities in ``text``: numbers with their modifier and unit.

    Parameters
    ----------
    text : str
        Any text: a sentence or a whole document.
    offset : int, optional
        Added to every returned ``start``/``end`` (the position of ``text`` in
        its document), so spans point into the document.
    exclude : sequence of (int, int), optional
        Spans, in the same coordinates as the returned ones (that is, with
        ``offset`` added), that hold no quantity: pass the spans of the time
        expressions found in the same text so that "three years" is not also
        the quantity 3.  A quantity whose number overlaps an excluded span is
        dropped; a modifier or unit that overlaps one is left out of the span.

    Returns
    -------
    list of Quantity
        Sorted by ``start``, not overlapping; ``text`` is the exact substring
        from the modifier (if any) to the unit (if any).

    Examples
    --------
    >>> [(q.text, q.value, q.unit, q.modifier) for q in find_quantities(
    ...     "In recent years, nearly 100 countries voiced their support.")]
    [('nearly 100 countries', 100.0, 'countries', 'APPROX')]
    >>> [(q.value, q.unit) for q in find_quantities("a budget of $1.5 billion and 30% more")]
    [(1500000000.0, 'USD'), (30.0, 'percent')]
    >>> find_quantities("the Third Committee of the 20th session, A/HRC/41/L.10")
    []
    """
    found: list[Quantity] = []
    done = 0
    for start in _START_RE.finditer(text):
        if start.start() < done:
            continue
        match = _QUANTITY_RE.match(text, start.start())
        if match is None:
            continue
        quantity = _quantity(text, match, offset, exclude, done)
        if quantity is not None:
            found.append(quantity)
            done = quantity.end - offset
        else:
            done = match.end()
    return found


def _quantity(
    text: str, match: re.Match[str], offset: int, exclude: Sequence[tuple[int, int]], floor: int
) -> Quantity | None:
    for group in ("digits", "fraction", "vague", "words"):
        if match[group] is not None:
            kind = group
            break
    num_start, num_end = match.span(kind)
    if _overlaps(num_start + offset, num_end + offset, exclude):
        return None
    number_text = match[kind]
    modifier, mod_start, mod_words = _modifier(text, match.start(), floor)
    currency = match["currency"]
    if kind == "digits":
        value = float(number_text.replace(",", ""))
        if match["dscale"]:
            scale = match["dscale"].lower()
            value *= 100 if scale == "hundred" else _SCALE_VALUES[scale]
            num_end = match.end("dscale")
        if not currency and _identifier_around(text, num_start, num_end):
            return None
    elif kind == "fraction":
        parts = re.split(r"[\s-]+", number_text.lower())
        numerator = parse_number(parts[0])
        if numerator is None:
            return None
        value = round(numerator / _DENOMINATORS[parts[1]], 4)
        num_end = num_start + len(re.sub(r"\s+of$", "", number_text, flags=re.IGNORECASE))
    elif kind == "vague":
        words = number_text.lower().split()
        value = _VAGUE_SCALES[words[0]]
        if len(words) == 3:
            value *= _VAGUE_SCALES[words[2]]
        modifier = modifier or "MORE_THAN"
    else:
        parsed = parse_number(number_text)
        if parsed is None:
            return None
        value = parsed
        if number_text.lower() == "one" and modifier is None:
            return None  # "one of them", "no one", "the one"
        if _REFERENCE_RE.search(text[max(0, num_start - 25) : num_start]):
            return None  # "Number two", "Article five"
        if num_start > 0 and (text[num_start - 1].isalnum() or text[num_start - 1] in "-_"):
            return None
        if text[num_end : num_end + 1] == "-" and text[num_end + 1 : num_end + 2].isdigit():
            return None
    start = mod_start if mod_start is not None else match.start()
    if mod_words == "some" and number_text.lower() == "one":
        return None  # "some one"
    if mod_start is not None and _overlaps(start + offset, num_start + offset, exclude):
        start = match.start("currency") if currency else num_start
        modifier = None if kind != "vague" else "MORE_THAN"
    end = num_end
    unit: str | None = None
    if currency:
        unit = _CURRENCY_SYMBOLS[currency.strip().upper()]
    if kind == "fraction":
        unit = "fraction"
    elif match["percent"]:
        unit = "percentage points" if "point" in match["percent"].lower() else "percent"
        end = match.end("percent")
    elif match["hyphen_unit"]:
        hyphen_unit = match["hyphen_unit"].lower()
        if hyphen_unit in _ORDINALS or re.match(r"-old\b", text[match.end() :]):
            return None  # "twenty-first", "six-year-old"
        unit = hyphen_unit
        end = match.end("hyphen_unit")
    else:
        tail = end
        if kind == "vague" and (of := _OF_RE.match(text, tail)):
            tail = of.end()
        money = _CURRENCY_AFTER_RE.match(text, tail)
        if money:
            unit = next(
                code.upper() if code != "usd" else "USD"
                for code in ("usd", "eur", "cny", "jpy", "gbp", "chf")
                if money[code]
            )
            end = money.end()
        elif unit is None:
            noun = _noun_after(text, tail)
            if noun is not None:
                unit, end = noun
    if unit is not None and end > num_end and _overlaps(num_end + offset, end + offset, exclude):
        unit, end = None, num_end
    if _year_like(number_text, kind, currency, match["percent"], unit):
        return None
    return Quantity(
        text=text[start:end],
        start=start + offset,
        end=end + offset,
        value=value,
        unit=unit,
        modifier=modifier,
    )


def _year_like(
    number_text: str, kind: str, currency: str | None, percent: str | None, unit: str | None
) -> bool:
    """A bare four-digit number that counts no plural noun is taken for a year."""
    if kind != "digits" or currency or percent or not re.fullmatch(r"\d{4}", number_text):
        return False
    if not 1000 <= int(number_text) <= 2199:
        return False
    return unit is None or not _is_plural(unit)
