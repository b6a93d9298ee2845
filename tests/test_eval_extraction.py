"""The extraction scorer (benchmarks/eval_extraction.py) on tiny hand-made gold/system pairs.

These tests check the measuring stick, not the extractor: no spaCy model runs here.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import sys

import pytest
from conftest import DEBATES, ROOT

from extract.records import (
    ActorMention,
    Claim,
    Document,
    DocumentExtraction,
    Quantity,
    Sentence,
    TimeExpression,
)


def _load_scorer():
    spec = importlib.util.spec_from_file_location(
        "eval_extraction", ROOT / "benchmarks" / "eval_extraction.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_extraction", module)
    spec.loader.exec_module(module)
    return module


ev = _load_scorer()

TEXT = "Report on Ruritania\n\nRuritania rejects the report by Freedonia. Nearly 100 countries agreed in 2020.\n"
DOC = Document(
    id="doc:tiny",
    path="tiny.txt",
    sha256="0" * 64,
    text=TEXT,
    format="txt",
    encoding="utf-8",
    issuer="Ruritania",
    published=datetime.date(2021, 3, 3),
)
S1 = "Report on Ruritania"
S2 = "Ruritania rejects the report by Freedonia."
S3 = "Nearly 100 countries agreed in 2020."


def _gold_rows(tmp_path, rows):
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return ev.load_gold(path, {"doc:tiny": DOC})[1]


def _row(text, claim, why="assertion", **fields):
    row = {
        "doc": "doc:tiny",
        "text": text,
        "claim": claim,
        "why": why,
        "speaker": "actor:ruritania",
        "source": None,
        "stance": "asserts" if claim else None,
        "negated": False,
        "actors": [],
        "times": [],
        "quantities": [],
    }
    row.update(fields)
    return row


@pytest.fixture
def gold(tmp_path):
    return _gold_rows(
        tmp_path,
        [
            _row(
                S1,
                False,
                "header",
                actors=[{"id": "actor:ruritania", "text": "Ruritania", "role": "mentioned"}],
            ),
            _row(
                S2,
                True,
                stance="denies",
                actors=[
                    {"id": "actor:ruritania", "text": "Ruritania", "role": "target"},
                    {"id": "actor:freedonia", "text": "Freedonia", "role": "source"},
                ],
            ),
            _row(
                S3,
                True,
                times=[{"text": "2020", "type": "DATE", "value": "2020", "modifier": None}],
                quantities=[
                    {
                        "text": "Nearly 100 countries",
                        "value": 100,
                        "unit": "countries",
                        "modifier": "APPROX",
                    }
                ],
            ),
        ],
    )


def _at(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _system(
    *, drop_actor: str | None = None, sentence_spans=None, time_text="2020"
) -> DocumentExtraction:
    """A hand-made extraction of DOC; by default it agrees with the gold fixture."""
    spans = sentence_spans or [_at(TEXT, S1), _at(TEXT, S2), _at(TEXT, S3)]
    sentences = tuple(
        Sentence(i, a, b, TEXT[a:b], is_claim=i > 0, reason="assertion" if i > 0 else "header")
        for i, (a, b) in enumerate(spans)
    )
    s2 = _at(TEXT, S2)
    rur = _at(TEXT, "Ruritania", s2[0])
    fre = _at(TEXT, "Freedonia")
    mentions = [
        ActorMention("actor:ruritania", "Ruritania", *rur, role="target"),
        ActorMention("actor:freedonia", "Freedonia", *fre, role="source"),
    ]
    mentions = [m for m in mentions if m.actor != drop_actor]
    t = _at(TEXT, time_text)
    time = TimeExpression(time_text, *t, type="DATE", value="2020")
    q = _at(TEXT, "Nearly 100 countries")
    quantity = Quantity(
        "Nearly 100 countries", *q, value=100.0, unit="countries", modifier="APPROX"
    )
    claims = []
    for sentence in sentences[1:]:
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        claims.append(
            Claim(
                id=f"claim:tiny#s{sentence.index}",
                document="doc:tiny",
                sentence=sentence.index,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                speaker="actor:ruritania",
                stance="denies" if "rejects" in sentence.text else "asserts",
                mentions=tuple(inside),
                times=(time,) if sentence.start <= t[0] < sentence.end else (),
                quantities=(quantity,) if sentence.start <= q[0] < sentence.end else (),
            )
        )
    return DocumentExtraction(DOC, sentences, tuple(claims), (), (time,))


def test_perfect_system_scores_one(gold):
    result = ev.compare({"tiny": gold}, {"doc:tiny": _system()})
    figures = result["parts"]["all"]
    assert result["errors"] == []
    assert figures["sentences"] == 3 and figures["claims"] == 2
    assert figures["claim_detection"]["f1"] == 1.0
    for field in ("speaker", "stance", "negated"):
        assert figures[field]["accuracy"] == 1.0
    assert figures["actors"]["f1"] == 1.0
    assert figures["actors"]["role_accuracy"] == 1.0
    assert figures["times"]["span_exact"]["f1"] == 1.0
    assert figures["times"]["value_accuracy"] == 1.0
    assert figures["quantities"]["f1"] == 1.0
    assert figures["quantities"]["strict"]["f1"] == 1.0


def test_missing_actor_lowers_recall_not_precision(gold):
    result = ev.compare({"tiny": gold}, {"doc:tiny": _system(drop_actor="actor:freedonia")})
    actors = result["parts"]["all"]["actors"]
    assert actors["precision"] == 1.0
    assert actors["recall"] == 0.5
    assert [e["gold"] for e in result["errors"] if e["field"] == "actor missed"] == [
        "actor:freedonia"
    ]


def test_actors_of_non_claims_are_not_scored(gold):
    # the header names Ruritania, but actors count only on gold claims
    result = ev.compare({"tiny": gold}, {"doc:tiny": _system()})
    assert result["parts"]["all"]["actors"]["tp"] == 2


def test_alignment_by_largest_overlap(gold):
    # the system splits differently: its first sentence runs from the header
    # into the start of S2, its second takes the rest of S2 and all of S3
    s2_start = TEXT.index(S2)
    cut = s2_start + 10
    spans = [(0, cut), (cut, len(TEXT) - 1)]
    result = ev.compare({"tiny": gold}, {"doc:tiny": _system(sentence_spans=spans)})
    claims = result["parts"]["all"]["claim_detection"]
    # S1 overlaps only the first (a non-claim): right; S2 overlaps the second
    # more than the first; S3 lies in the second: both claims are found
    assert (claims["tp"], claims["fp"], claims["fn"]) == (2, 0, 0)


def test_a_claim_missed_counts_against_recall(gold):
    spans = [_at(TEXT, S1), _at(TEXT, S2), _at(TEXT, S3)]
    system = _system(sentence_spans=spans)
    sentences = (
        system.sentences[0],
        system.sentences[1],
        Sentence(2, *spans[2], S3, False, "header"),
    )
    system = DocumentExtraction(DOC, sentences, system.claims[:1], (), system.times)
    figures = ev.compare({"tiny": gold}, {"doc:tiny": system})["parts"]["all"]
    assert figures["claim_detection"]["recall"] == 0.5
    assert figures["claim_detection"]["precision"] == 1.0
    assert figures["quantities"]["recall"] == 0.0
    # time expressions are scored in every sentence, claim or not
    assert figures["times"]["span_exact"]["f1"] == 1.0


def test_time_span_exact_and_relaxed(tmp_path):
    rows = _gold_rows(
        tmp_path,
        [
            _row(S1, False, "header"),
            _row(S2, True, stance="denies"),
            _row(
                S3,
                True,
                times=[{"text": "2020", "type": "DATE", "value": "2020", "modifier": None}],
            ),
        ],
    )
    system = _system(time_text="in 2020")
    times = ev.compare({"tiny": rows}, {"doc:tiny": system})["parts"]["all"]["times"]
    assert times["span_exact"]["f1"] == 0.0
    assert times["span_relaxed"]["f1"] == 1.0
    assert times["value_accuracy"] == 1.0


def test_gold_text_must_be_found_in_order(tmp_path):
    with pytest.raises(ev.GoldError, match="not found"):
        _gold_rows(tmp_path, [_row(S2, True, stance="denies"), _row(S1, False, "header")])


def test_gold_row_is_checked(tmp_path):
    with pytest.raises(ev.GoldError, match="source"):
        _gold_rows(tmp_path, [_row(S2, True, stance="reports")])


def test_time_inside_a_word_is_not_taken(tmp_path):
    text = "We know now."
    doc = Document("doc:now", "now.txt", "0" * 64, text, "txt", "utf-8")
    path = tmp_path / "now.jsonl"
    row = _row(
        text, True, doc="doc:now", times=[{"text": "now", "type": "DATE", "value": "PRESENT_REF"}]
    )
    path.write_text(json.dumps(row) + "\n", "utf-8")
    (placed,) = ev.load_gold(path, {"doc:now": doc})[1]
    assert text[placed["times"][0]["start"] :].startswith("now.")


def test_debate_block_document(tmp_path):
    tsv = tmp_path / "20160926_tiny.tsv"
    tsv.write_text(
        "1\tHOLT\tGood evening.\t0\n"
        "2\tHOLT\tWelcome.\t0\n"
        "3\tTRUMP\tThank you.\t0\n"
        "4\tTRUMP\tOur jobs are fleeing.\t1\n"
        "5\tHOLT\tNext question.\t0\n",
        "utf-8",
    )
    doc = ev.debate_block_document(tsv, 2, 4)
    assert doc.id == "doc:20160926_tiny-2-4"
    assert doc.text == "HOLT: Welcome.\n\nTRUMP: Thank you. Our jobs are fleeing.\n"
    assert doc.published == datetime.date(2016, 9, 26)
    assert doc.issuer is None


def test_the_gold_files_are_well_formed():
    # every row passes the checks and every text is found, in order, in its document
    for name in ("seeds.jsonl", "debates.jsonl"):
        docs, rows = ev.load_gold(ev.GOLD / name)
        assert rows and all(r["end"] > r["start"] for r in rows)
    assert len(ev.load_gold(ev.GOLD / "debates.jsonl")[1]) >= 45


def test_kept_debate_blocks_match_the_corpus():
    if not DEBATES.is_dir():
        message = "../shared/corpora/debates is not here"
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # in CI nothing passes by being skipped
        pytest.skip(message)
    for kept in sorted((ev.GOLD / "debates").glob("*.txt")):
        stem, first, last = kept.stem.rsplit("-", 2)
        built = ev.debate_block_document(DEBATES / f"{stem}.tsv", int(first), int(last))
        assert built.text == kept.read_text("utf-8"), kept.name
