"""Normalised restatements of claims (extract/normalize.py) and what they do to linking.

Every sentence here is written for the test (other issuers, countries and
topics than the seeds); the seeds' two hard pairs are checked at the end.
"""

from __future__ import annotations

import datetime

import pytest

from extract.claims import extract_documents
from extract.records import Document
from graph.link import link_claims

ISSUER = "Ministry of Foreign Affairs of Norway"


def _document(n: int, text: str, published: str = "2021-05-04") -> Document:
    return Document(
        id=f"doc:n{n}",
        path=f"n{n}.txt",
        sha256=f"{n:064d}",
        text=text + "\n",
        format="txt",
        encoding="utf-8",
        issuer=ISSUER,
        published=datetime.date.fromisoformat(published),
    )


def _claims(*texts: str):
    """Claims of one document per text, by their sentence text."""
    results = extract_documents([_document(n, t) for n, t in enumerate(texts)])
    return [{c.text: c for c in r.claims} for r in results]


def _one(text: str, fragment: str):
    (claims,) = _claims(text)
    (claim,) = [c for t, c in claims.items() if fragment in t]
    return claim


# ---------------------------------------------------------------- stance verbalised


@pytest.mark.parametrize(
    ("text", "fragment", "normalized"),
    [
        # light verb + stance noun, with a "this <noun>" resolved in the sentence before
        (
            "The council adopted a resolution on fishing quotas. "
            "The ministry expressed its strong support for this resolution.",
            "expressed its strong support",
            "The ministry strongly supported a resolution on fishing quotas.",
        ),
        # first person: the speaker (the issuer of the note) is the actor
        (
            "We express our unequivocal condemnation of the attack on the embassy.",
            "unequivocal condemnation",
            f"{ISSUER} unequivocally condemns the attack on the embassy.",
        ),
        # coordinated actors: plural verb; past tense kept
        (
            "Germany and France expressed their firm support for the peace plan.",
            "firm support",
            "Germany and France firmly supported the peace plan.",
        ),
        # predicative adjective, bare "this" resolved to the previous main object
        (
            "The government announced a new mining law. We are firmly opposed to this.",
            "opposed to this",
            f"{ISSUER} firmly opposes a new mining law.",
        ),
        # "this <noun>" resolved to the same head earlier in the sentence
        (
            "Several NGOs organised a conference on Arctic drilling, and Norway voiced its "
            "resolute opposition to this conference.",
            "resolute opposition",
            "Norway resolutely opposed a conference on Arctic drilling.",
        ),
    ],
)
def test_stance_is_restated_with_its_verb_and_actor(text, fragment, normalized):
    claim = _one(text, fragment)
    assert claim.normalized == normalized
    assert not claim.unresolved
    # what users see stays the sentence as written
    assert fragment in claim.content


def test_a_negated_stance_is_not_restated():
    claim = _one("The delegation is not opposed to the treaty.", "not opposed")
    assert claim.normalized == ""


def test_a_concern_is_not_a_stance_verb():
    claim = _one("The ministers expressed their deep concern about the situation.", "concern")
    assert claim.normalized == ""


# ---------------------------------------------------------------- demonstratives


def test_this_report_is_resolved_without_a_stance():
    claim = _one(
        "The committee published a report on water quality. "
        "The mayor rejected this report as biased.",
        "rejected this report",
    )
    assert claim.normalized == "The mayor rejected a report on water quality as biased."


def test_bare_this_with_nothing_before_is_unresolved():
    claim = _one("We oppose this.", "oppose this")
    assert claim.unresolved
    assert claim.normalized == ""


def test_a_filler_object_is_no_antecedent():
    # "a couple of times" is the object of "mentioned" but names nothing to criticise
    claim = _one(
        "Governor Smith, you have mentioned a couple of times you have a plan to cut fuel "
        "taxes. Senator Jones has criticized that in saying she is not in favor of tax cuts.",
        "criticized that",
    )
    assert claim.normalized == ""


def test_bare_that_outside_a_stance_is_left_alone():
    # "that" may be anything the minister said: no guess
    claim = _one("The minister visited the new hospital. She did not mention that.", "mention")
    assert claim.normalized == ""
    assert claim.unresolved


def test_this_as_a_subject_is_not_an_object_to_resolve():
    claim = _one(
        "The city built three new schools. This has improved attendance.", "improved attendance"
    )
    assert claim.normalized == ""
    assert not claim.unresolved


# ---------------------------------------------------------------- negation and obstruction


def test_negation_scope_of_no_x_can():
    claim = _one("No country can stop the energy transition.", "energy transition")
    assert "Country cannot stop the energy transition." in claim.paraphrases
    # "No one will be left behind" is no "No X can V Y"
    other = _one("By 2030 no one will be left behind.", "left behind")
    assert other.paraphrases == ()


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        (
            "Spreading lies about our vaccination campaign will not stop the recovery of the economy.",
            "Smears cannot stop the recovery of the economy.",
        ),
        (
            "No amount of propaganda can hide the truth about the war.",
            "Smears cannot stop the truth about the war.",
        ),
        (
            "No rumours can change the fact that Kenya has made remarkable progress in fighting malaria.",
            "Smears cannot stop Kenya's remarkable progress in fighting malaria.",
        ),
        (
            "Disinformation and plots will never halt our growth or hold back our exports.",
            "Smears cannot stop our growth or stop our exports.",
        ),
    ],
)
def test_smears_cannot_stop_frame(text, frame):
    claim = _one(text, text[:20])
    assert frame in claim.paraphrases


@pytest.mark.parametrize(
    "text",
    [
        "Heavy rain will not stop the marathon.",  # not discrediting speech
        "Lies cannot be tolerated in parliament.",  # not an obstruction
        "Rumours can stop a bank run.",  # not negated
    ],
)
def test_no_smears_frame_without_its_three_parts(text):
    claim = _one(text, text[:12])
    assert not any(p.startswith("Smears") for p in claim.paraphrases)


# ---------------------------------------------------------------- linking


def _link(*texts: str, dates=("2020-01-10", "2022-03-01", "2023-06-01", "2024-02-02")):
    docs = [_document(n, t, dates[n]) for n, t in enumerate(texts)]
    results = list(extract_documents(docs))
    claims = [c for r in results for c in r.claims]
    published = {r.document.id: r.document.published.isoformat() for r in results}
    links, _ = link_claims(claims, published)
    by_id = {c.id: c for c in claims}
    return {(by_id[r.source].text, by_id[r.target].text) for r in links}, claims


def test_unresolved_this_does_not_link_across_unrelated_documents(monkeypatch):
    links, claims = _link(
        "We oppose this. The harbour will reopen in May.",
        "We oppose this. Wheat prices rose by a third last year.",
    )
    assert ("We oppose this.", "We oppose this.") not in links
    # the same claims without the flag would link: the flag is what keeps them
    # apart (with the content gate, which also stops so short a claim, lifted)
    import dataclasses

    monkeypatch.setattr("graph.link.MIN_LINK_WORDS", 0)
    plain = [dataclasses.replace(c, unresolved=False) for c in claims]
    again, _ = link_claims(plain, {"doc:n0": "2020-01-10", "doc:n1": "2022-03-01"})
    texts = {c.id: c.text for c in plain}
    assert ("We oppose this.", "We oppose this.") in {
        (texts[r.source], texts[r.target]) for r in again
    }


def test_resolved_stances_on_different_things_do_not_link():
    texts = (
        "The government announced a new mining law. We are firmly opposed to this.",
        "The city council approved a new stadium. We are firmly opposed to this.",
    )
    links, claims = _link(*texts)
    assert not any("opposed to this" in a and "opposed to this" in b for a, b in links)
    stances = {c.stance_on for c in claims if c.stance_on}
    assert stances == {("law", "mining"), ("stadium",)}
    # the stance words and the speaker alone would make them one claim: what
    # they are taken on keeps them apart
    import dataclasses

    plain = [dataclasses.replace(c, stance_on=()) for c in claims]
    again, _ = link_claims(plain, {"doc:n0": "2020-01-10", "doc:n1": "2022-03-01"})
    assert again


def test_a_stance_restated_links_with_the_same_stance_in_other_words():
    links, _ = _link(
        "The government announced a new mining law. We are firmly opposed to this.",
        "Parliament passed a new mining law last week. "
        "Norway expresses its resolute opposition to this law.",
    )
    assert (
        "We are firmly opposed to this.",
        "Norway expresses its resolute opposition to this law.",
    ) in links


def test_smears_frames_about_different_things_do_not_link():
    links, _ = _link(
        "Lies cannot stop Ukraine's victory.",
        "No slander can halt Russia's economic growth.",
        "Rumours will not stop the opening of the new airport.",
    )
    assert links == set()


def test_the_seeds_hard_pairs_are_linked(seed_build):
    """The stance pair (this letter / this event) and the smears pair of the seeds' gold."""
    from conftest import claim_with

    G, _, _ = seed_build
    pairs = [
        (
            "China is deeply dissatisfied and firmly opposed to this",
            "resolute opposition to this event",
        ),
        ("No slandering can taint the fact", "Crafting conspiracies and plots"),
    ]
    for a, b in pairs:
        u, v = claim_with(G, a), claim_with(G, b)
        assert G.has_edge(u, v, key="RECURS") or G.has_edge(v, u, key="RECURS"), (a, b)
