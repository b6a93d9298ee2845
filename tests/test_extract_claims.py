"""Claims on the seeds: what is a claim, who says it, what it mentions and when."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.claims import extract_document, extract_documents
from extract.nlp import load_pipeline
from extract.records import Document


def _claim(extraction, fragment):
    found = [c for c in extraction.claims if fragment in c.text]
    assert len(found) == 1, f"{len(found)} claims contain {fragment!r}"
    return found[0]


def _sentence(extraction, fragment):
    found = [s for s in extraction.sentences if fragment in s.text]
    assert len(found) == 1, f"{len(found)} sentences contain {fragment!r}"
    return found[0]


@pytest.mark.parametrize(
    ("year", "fragment", "reason"),
    [
        ("2023", "avails itself of this opportunity", "courtesy"),
        ("2023", "All Permanent Missions to the United Nations", "header"),
        ("2023", "New York, 14 September 2023", "header"),
        ("2023", "中华人民共和国常驻联合国代表团", "fragment"),
        ("2019", "Spokesperson's Remarks on the Letter", "header"),
        (
            "2019",
            "Permanent Mission of the People's Republic of China to the United Nations Office",
            "header",
        ),
    ],
)
def test_headers_addresses_and_courtesy_are_not_claims(seed_extractions, year, fragment, reason):
    sentence = _sentence(seed_extractions[year], fragment)
    assert not sentence.is_claim
    assert sentence.reason == reason


@pytest.mark.parametrize(
    ("year", "fragment"),
    [
        (
            "2019",
            "No violent or terrorist activities have occurred in Xinjiang for almost three years.",
        ),
        ("2019", "China is deeply dissatisfied and firmly opposed to this."),
        (
            "2023",
            "there has been no violent terrorist incident in Xinjiang for over six consecutive years",
        ),
        # the note's opening presents compliments AND states the mission's opposition
        ("2023", "has the honor to express our resolute opposition to this event"),
        ("2023", "We reject any wrongful act"),
    ],
)
def test_assertions_are_claims(seed_extractions, year, fragment):
    assert _sentence(seed_extractions[year], fragment).is_claim


def test_claim_spans_point_into_the_document_text(seed_extractions):
    for extraction in seed_extractions.values():
        text = extraction.document.text
        assert extraction.claims
        for claim in extraction.claims:
            assert text[claim.start : claim.end] == claim.text
            for mention in claim.mentions:
                assert text[mention.start : mention.end] == mention.text
            for t in claim.times:
                assert text[t.start : t.end] == t.text
            for q in claim.quantities:
                assert text[q.start : q.end] == q.text


def test_speaker_is_the_issuing_mission(seed_extractions):
    claim = _claim(seed_extractions["2023"], "We reject any wrongful act")
    assert (
        claim.speaker
        == "actor:permanent-mission-of-the-people-s-republic-of-china-to-the-united-nations"
    )


def test_negation_is_a_property_not_a_denial(seed_extractions):
    claim = _claim(seed_extractions["2019"], "No violent or terrorist activities")
    assert claim.negated is True
    assert claim.stance == "asserts"


def test_rejection_is_a_denial(seed_extractions):
    assert _claim(seed_extractions["2023"], "We reject any wrongful act").stance == "denies"


def test_reported_speech_keeps_the_content_without_its_frame(seed_extractions):
    claim = _claim(seed_extractions["2019"], "They have invariably concluded that")
    assert claim.stance == "reports"
    assert claim.content.startswith("what they see in Xinjiang is quite the opposite")


def test_running_durations_carry_values(seed_extractions):
    claim_2019 = _claim(seed_extractions["2019"], "for almost three years")
    claim_2023 = _claim(seed_extractions["2023"], "for over six consecutive years")
    (d2019,) = [t for t in claim_2019.times if t.type == "DURATION"]
    (d2023,) = [t for t in claim_2023.times if t.type == "DURATION"]
    assert (d2019.value, d2019.modifier) == ("P3Y", "APPROX")
    assert (d2023.value, d2023.modifier) == ("P6Y", "MORE_THAN")


def test_quantity_of_supporting_countries(seed_extractions):
    claim = _claim(seed_extractions["2023"], "nearly 100 countries voiced their support")
    (quantity,) = claim.quantities
    assert (quantity.value, quantity.unit, quantity.modifier) == (100, "countries", "APPROX")


@pytest.mark.parametrize(
    ("year", "fragment", "actor"),
    [
        ("2019", "a group of Western countries sent", "actor:western-countries"),
        ("2019", "a group of Western countries sent", "actor:un-human-rights-council"),
        ("2019", "China is deeply dissatisfied", "actor:china"),
        ("2019", "support and approval of the Chinese people", "actor:chinese-people"),
        ("2019", "The government of Xinjiang Uygur Autonomous Rigion", "actor:xinjiang"),
        ("2023", "launched by the Atlantic Council", "actor:atlantic-council"),
        ("2023", "launched by the Atlantic Council", "actor:human-rights-watch"),
        ("2023", "launched by the Atlantic Council", "actor:amnesty-international"),
        ("2023", "launched by the Atlantic Council", "actor:china"),
        (
            "2023",
            "at multiple international occasions including the UN human rights council",
            "actor:un-human-rights-council",
        ),
    ],
)
def test_actors_are_canonical(seed_extractions, year, fragment, actor):
    claim = _claim(seed_extractions[year], fragment)
    assert actor in {m.actor for m in claim.mentions}


def test_an_anti_x_adjective_is_not_a_group_actor(seed_extractions):
    claim = _claim(seed_extractions["2023"], "notorious anti-China organizations")
    assert "actor:china-organizations" not in {m.actor for m in claim.mentions}


def test_extraction_of_a_note_from_another_issuer():
    text = (
        "Ministry of Foreign Affairs of the Republic of Lithuania\n\n"
        "Vilnius, 3 March 2022\n\n"
        "The Ministry of Foreign Affairs of the Republic of Lithuania strongly condemns the "
        "attack on Ukraine. The Russian Federation has violated international law for the past "
        "eight years. Dear colleagues, thank you.\n"
    )
    doc = Document(
        id="doc:lt-note",
        path="lt-note.txt",
        sha256="0" * 64,
        text=text,
        format="txt",
        encoding="utf-8",
        issuer="Ministry of Foreign Affairs of the Republic of Lithuania",
    )
    (result,) = extract_documents([doc])
    claims = {c.text: c for c in result.claims}
    assert set(claims) == {
        "The Ministry of Foreign Affairs of the Republic of Lithuania strongly condemns the attack on Ukraine.",
        "The Russian Federation has violated international law for the past eight years.",
    }
    russia = claims[
        "The Russian Federation has violated international law for the past eight years."
    ]
    assert "actor:russia" in {m.actor for m in russia.mentions}
    assert "actor:ukraine" in {
        m.actor for m in claims[next(iter(t for t in claims if "Ukraine" in t))].mentions
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_extraction_never_crashes_and_spans_hold(text):
    doc = Document(
        id="doc:x", path="x.txt", sha256="0" * 64, text=text, format="txt", encoding="utf-8"
    )
    result = extract_document(doc, load_pipeline()(text))
    for sentence in result.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text


def _note(name: str, text: str, published: str) -> Document:
    return Document(
        id=f"doc:{name}",
        path=f"{name}.txt",
        sha256="0" * 64,
        text=text,
        format="txt",
        encoding="utf-8",
        published=datetime.date.fromisoformat(published),
    )


def test_anaphoric_times_look_back_within_their_document_only():
    first = _note(
        "harbour-accord",
        "The ministers met in Tromsø on 3 May 2016. The next day they signed the fisheries "
        "accord. The Kessel dam was finished in 1987. Floods came later that year.\n",
        "2016-06-20",
    )
    second = _note(
        "harbour-review",
        "Floods came later that year. The next day the harbour reopened. "
        "The commission will meet again next week.\n",
        "2017-03-01",
    )
    one, two = extract_documents([first, second])
    assert [(t.text, t.value) for t in one.times] == [
        ("3 May 2016", "2016-05-03"),
        ("The next day", "2016-05-04"),  # the sentence before's day, not the anchor's
        ("1987", "1987"),
        ("that year", "1987"),
    ]
    # nothing named before it in its own document: the day after its own date; "that
    # year" stays untagged rather than take the other document's 1987; "next week" is
    # the document's
    assert [(t.text, t.value) for t in two.times] == [
        ("The next day", "2017-03-02"),
        ("next week", "2017-W10"),
    ]
    # the claims carry the same records
    accord = next(c for c in one.claims if "fisheries accord" in c.text)
    assert [(t.text, t.value) for t in accord.times] == [("The next day", "2016-05-04")]
