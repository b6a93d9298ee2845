"""Each rule family of the extractor, on sentences written for the test (not the seeds)."""

from __future__ import annotations

import datetime

import pytest

from extract.claims import extract_documents
from extract.records import Document


def _extract(text: str, issuer: str | None = "Ministry of Foreign Affairs of Ruritania"):
    doc = Document(
        id="doc:test",
        path="test.txt",
        sha256="0" * 64,
        text=text,
        format="txt",
        encoding="utf-8",
        issuer=issuer,
        published=datetime.date(2021, 3, 3),
    )
    (result,) = extract_documents([doc])
    return result


def _claim(result, fragment):
    found = [c for c in result.claims if fragment in c.text]
    assert len(found) == 1, [c.text for c in result.claims]
    return found[0]


def _sentence(result, fragment):
    (found,) = [s for s in result.sentences if fragment in s.text]
    return found


# ------------------------------------------------------------------ claim or not


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        (
            "The Embassy of Canada avails itself of this opportunity to renew to the Ministry "
            "the assurances of its highest consideration.",
            "courtesy",
        ),
        ("Thank you very much, Mr. Chairman.", "courtesy"),
        ("Good evening, ladies and gentlemen.", "courtesy"),
        ("Why did the council vote against the resolution?", "question"),
        ("Let me turn to the economy now.", "moderation"),
        ("The newly elected government, the one that --", "fragment"),
        ("Annual Report on Water Quality in the Northern Provinces", "header"),
    ],
)
def test_what_is_not_a_claim(sentence, reason):
    result = _extract(f"The council approved the budget on Monday.\n\n{sentence}\n")
    found = _sentence(result, sentence.split()[1])
    assert (found.is_claim, found.reason) == (False, reason)
    assert _sentence(result, "approved the budget").is_claim


def test_a_note_that_presents_compliments_and_protests_is_a_claim():
    result = _extract(
        "The Ministry presents its compliments to the Embassy of Elbonia and has the honour "
        "to protest against the violation of its airspace on 2 March 2021.\n"
    )
    assert result.claims and result.claims[0].stance == "denies"


def test_verbless_sentence_with_a_period_is_a_claim():
    result = _extract("Our country's in deep trouble.\n\nUnemployment at record highs.\n")
    assert _sentence(result, "deep trouble").is_claim


# ------------------------------------------------------------------ speaker and reported speech


def test_transcript_labels_give_each_claim_its_speaker():
    result = _extract(
        "MODERATOR: Good evening.\n\n"
        "SMITH: Taxes have gone up every year since 2015. We will cut them.\n\n"
        "JONES: That is not true. Taxes went down in 2019.\n",
        issuer=None,
    )
    smith = _claim(result, "Taxes have gone up")
    jones = _claim(result, "Taxes went down")
    assert (smith.speaker, jones.speaker) == ("actor:smith", "actor:jones")
    assert not smith.text.startswith("SMITH")
    assert result.document.text[smith.start : smith.end] == smith.text
    assert _claim(result, "That is not true").stance == "denies"


def test_answers_of_a_press_conference_are_the_issuers():
    result = _extract(
        "Q: Will the ministry respond to the report?\n\nA: The report is groundless and we reject it.\n",
        issuer="Ministry of Foreign Affairs of Ruritania",
    )
    claim = _claim(result, "The report is groundless")
    assert claim.speaker == "actor:ministry-of-foreign-affairs-of-ruritania"
    assert claim.stance == "denies"


def test_reported_speech_names_its_source_and_keeps_its_content():
    result = _extract(
        "Foreign journalists visited the border region last week. "
        "They concluded that the roads were open to all traffic.\n"
    )
    claim = _claim(result, "They concluded")
    assert claim.stance == "reports"
    assert claim.source == "actor:foreign-journalists"
    assert claim.content == "the roads were open to all traffic"


def test_according_to_a_known_organisation():
    claim = _extract("According to the World Health Organization, the outbreak is over.\n").claims[
        0
    ]
    assert (claim.stance, claim.source) == ("reports", "actor:world-health-organization")


def test_we_believe_is_the_speakers_own_assertion():
    claim = _extract("We believe that the agreement will hold.\n").claims[0]
    assert claim.stance == "asserts" and claim.source is None
    assert claim.content == "the agreement will hold"


# ------------------------------------------------------------------ stance and negation


@pytest.mark.parametrize(
    ("sentence", "stance", "negated"),
    [
        ("We firmly reject the report of the panel.", "denies", False),
        ("There are no so-called camps in the province.", "denies", True),
        ("The accusations are groundless and politically motivated.", "denies", False),
        ("No soldier has crossed the border for over five years.", "asserts", True),
        ("The ministry will help the villagers reject extremism.", "asserts", False),
        ("The minister visited the town where protesters could not gather.", "asserts", False),
        ("The talks have not produced an agreement.", "asserts", True),
    ],
)
def test_stance_and_negation(sentence, stance, negated):
    claim = _extract(sentence + "\n").claims[0]
    assert (claim.stance, claim.negated) == (stance, negated)


# ------------------------------------------------------------------ actors


def test_group_actors_and_aliases():
    result = _extract(
        "Some European countries and the U.S. criticised the vote. "
        "The People's Republic of China abstained.\n"
    )
    first = {m.actor for m in _claim(result, "criticised").mentions}
    assert {"actor:european-countries", "actor:united-states"} <= first
    assert "actor:china" in {m.actor for m in _claim(result, "abstained").mentions}


def test_the_co_sponsors_are_the_organisations_named_before():
    result = _extract(
        "The conference is organised by the Red Cross, UNICEF and Human Rights Watch. "
        "The co-sponsors have a long record of bias against our country.\n"
    )
    actors = {m.actor for m in _claim(result, "The co-sponsors").mentions}
    assert {
        "actor:international-committee-of-the-red-cross",
        "actor:unicef",
        "actor:human-rights-watch",
    } <= actors


def test_he_is_the_person_named_last():
    result = _extract(
        "Chancellor Merkel met the delegation on Monday. He said that the talks were useful.\n".replace(
            "He said", "She said"
        )
    )
    merkel = {m.actor for m in _claim(result, "met the delegation").mentions}
    assert "actor:angela-merkel" in merkel
    claim = _claim(result, "She said")
    assert claim.source == "actor:angela-merkel"


@pytest.mark.parametrize(
    ("sentence", "actor", "role"),
    [
        (
            "Fifty countries voiced their support for Ukraine's position.",
            "actor:ukraine",
            "beneficiary",
        ),
        ("The panel made accusations against Iran.", "actor:iran", "target"),
        ("Brazil rejected the proposal.", "actor:brazil", "target"),
        ("The delegates met in Geneva on Tuesday.", "actor:geneva", "mentioned"),
    ],
)
def test_roles(sentence, actor, role):
    claim = _extract(sentence + "\n").claims[0]
    roles = {m.actor: m.role for m in claim.mentions}
    assert roles.get(actor) == role, roles


def test_an_adjective_of_a_name_is_not_a_group():
    claim = _extract("The notorious anti-Ruritania organizations spread lies.\n").claims[0]
    assert not [m for m in claim.mentions if m.actor.endswith("-organizations")]
