"""What a rebuttal denies: the proposition a claim calls false, as its own sentence states it.

A rebuttal names what it rebuts: "the allegation *that 10,000 protesters are
detained* is a fabrication", "the ministry denied *that any protester was
detained*", "it is not true *that the lab leaked the virus*", "Moscow denied
*any involvement in the downing of MH17*".  English puts the denied
proposition in the complement of a claim noun (allegation, report, claim ...)
whose predicate calls it false, in the complement of a verb of denial, or
after "it is false that" / "there is no evidence that".  That proposition is
what the claim *contests*; the rest of the sentence is what it asserts.

The words of each slot are data (``extract/data/rebuttals.json``).
"""

from __future__ import annotations

import functools
import json
import pathlib
import re

__all__ = ["denied_proposition"]

_DATA = pathlib.Path(__file__).parent / "data" / "rebuttals.json"

#: A denied proposition must say this much to be matched on its own.
MIN_WORDS = 2

_DETERMINERS = r"(?:(?:the|any|all|these|those|such|this|that|its|their|his|her|our|some|recent|repeated|latest|so-called|false|groundless|baseless|wild|western|u\.?s\.?|american|media|malicious)\s+)*"
# the proposition ends at the end of the sentence or where a new clause starts
_END = r"(?=\s*(?:[;:—–]|,\s+(?:and|but|which|while|whereas|as|because|saying|calling|adding)\b|\.\s|\.?$))"


def _alternatives(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    data = json.loads(_DATA.read_text("utf-8"))
    nouns = _alternatives(data["claim_nouns"])
    false = _alternatives(data["false_predicates"])
    verbs = _alternatives(data["denial_verbs"])
    bare = _alternatives(data["bare_denial_verbs"])
    it_false = _alternatives(data["it_is_false"])
    evidence = _alternatives(data["no_evidence"])
    copula = r"(?:is|are|was|were|has\s+been|have\s+been|remains?|seems?|proved|proves)\s+(?:(?:\w+ly|also|all|just|nothing\s+but|no\s+more\s+than|purely|simply|merely)\s+)*"
    flags = re.IGNORECASE | re.DOTALL
    return (
        # "the allegation that P is groundless", "claims of P are false"
        re.compile(
            rf"\b{_DETERMINERS}(?:{nouns})\s+(?:that|of|about)\s+(?P<p>.+?)\s+{copula}(?:{false})\b",
            flags,
        ),
        # "denied the allegation that P", "rejected claims of P"
        re.compile(
            rf"\b(?:{verbs})\s+{_DETERMINERS}(?:[\w-]+\s+)?(?:{nouns})\s+(?:that|of|about)\s+(?P<p>.+?){_END}",
            flags,
        ),
        # "denied that P", "disputes that P"
        re.compile(rf"\b(?:{verbs})\s+that\s+(?P<p>.+?){_END}", flags),
        # "it is not true that P", "it is a lie to say that P"
        re.compile(
            rf"\bit\s+(?:is|was|'s)\s+(?:(?:\w+ly|simply|totally|completely|absolutely)\s+)*"
            rf"(?:{it_false})\s+(?:to\s+(?:say|claim|suggest|allege)\s+)?that\s+(?P<p>.+?){_END}",
            flags,
        ),
        # "there is no evidence that P"
        re.compile(
            rf"\bthere\s+(?:is|was|has\s+been)\s+no\s+(?:\w+\s+)?(?:{evidence})\s+(?:whatsoever\s+)?"
            rf"(?:that|of|for)\s+(?P<p>.+?){_END}",
            flags,
        ),
        # "Moscow denied any involvement in P", "denies responsibility for P"
        re.compile(rf"\b(?:{bare})\s+(?:(?:any|all|the)\s+)?(?P<p>(?!that\b).+?){_END}", flags),
    )


def denied_proposition(text: str) -> str:
    """The proposition ``text`` calls false, as it states it; "" when it rebuts nothing.

    Examples
    --------
    >>> denied_proposition("The allegation that 10,000 protesters are detained is a fabrication.")
    '10,000 protesters are detained'
    >>> denied_proposition("The ministry denied that any protester had been detained in the city.")
    'any protester had been detained in the city'
    >>> denied_proposition("It is simply not true that the virus leaked from the laboratory.")
    'the virus leaked from the laboratory'
    >>> denied_proposition("The police have arrested 10,000 protesters.")
    ''
    """
    for pattern in _patterns():
        found = pattern.search(text)
        if not found:
            continue
        proposition = found.group("p").strip(" \"'“”‘’,.")
        if len(re.findall(r"[A-Za-z0-9]+", proposition)) >= MIN_WORDS:
            return proposition
    return ""
