"""Recurring-claim linking on claims written for the purpose, and on the seeds' gold pairs."""

from __future__ import annotations

import json
import random

import numpy as np

from extract.records import Claim, TimeExpression
from graph.link import find_recurrences, group_families, link_claims


def _claim(cid, doc, text, times=()):
    # keywords as extraction gives them: content words, here simply the longer words
    keywords = tuple(
        sorted({w.strip(".,").lower() for w in text.split() if len(w.strip(".,")) > 4})
    )
    return Claim(
        cid,
        doc,
        int(cid.rsplit("s", 1)[1]),
        0,
        len(text),
        text,
        None,
        content=text,
        times=times,
        keywords=keywords,
    )


PUBLISHED = {"doc:a": "2019-07-10", "doc:b": "2023-09-14", "doc:c": "2024-01-01"}


def test_same_document_claims_never_recur():
    a1 = _claim("claim:a#s1", "doc:a", "The economy grew by five percent last year.")
    a2 = _claim("claim:a#s2", "doc:a", "The economy grew by five percent last year.")
    links, families = link_claims([a1, a2], PUBLISHED)
    assert links == [] and families == []


def test_reworded_claim_recurs_and_unrelated_does_not():
    a = _claim("claim:a#s1", "doc:a", "China fully respects and protects human rights.")
    b = _claim(
        "claim:b#s1", "doc:b", "China attaches great importance to the protection of human rights."
    )
    c = _claim(
        "claim:b#s2", "doc:b", "The bridge over the river will be closed for repairs in May."
    )
    links, families = link_claims([a, b, c], PUBLISHED)
    assert [(r.source, r.target) for r in links] == [("claim:a#s1", "claim:b#s1")]
    assert families[0].claims == ("claim:a#s1", "claim:b#s1")


def test_updated_running_count_is_typed_and_checked_for_consistency():
    three = TimeExpression(
        "almost three years",
        0,
        1,
        "DURATION",
        "P3Y",
        "APPROX",
        "2019-07-10",
        "2016-07-10",
        "2019-07-10",
    )
    six = TimeExpression(
        "over six consecutive years",
        0,
        1,
        "DURATION",
        "P6Y",
        "MORE_THAN",
        "2023-09-14",
        "2017-09-14",
        "2023-09-14",
    )
    a = _claim(
        "claim:a#s1",
        "doc:a",
        "No terrorist attack has occurred in the region for almost three years.",
        (three,),
    )
    b = _claim(
        "claim:b#s1",
        "doc:b",
        "There has been no terrorist attack in the region for over six consecutive years.",
        (six,),
    )
    (link,), _ = link_claims([a, b], PUBLISHED)
    assert link.relation == "updated"
    assert link.consistent is True
    assert "2016-07-10" in link.evidence and "2017-09-14" in link.evidence


def test_linking_does_not_depend_on_input_order():
    claims = [
        _claim("claim:a#s1", "doc:a", "China fully respects and protects human rights."),
        _claim(
            "claim:b#s1",
            "doc:b",
            "China attaches great importance to the protection of human rights.",
        ),
        _claim(
            "claim:c#s1", "doc:c", "China respects and protects the human rights of all its people."
        ),
        _claim("claim:a#s2", "doc:a", "Xinjiang enjoys stability and social harmony."),
        _claim(
            "claim:b#s2",
            "doc:b",
            "Xinjiang enjoys social stability and harmony among ethnic groups.",
        ),
    ]
    first = link_claims(claims, PUBLISHED)
    for seed in range(3):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert link_claims(shuffled, PUBLISHED) == first


def test_families_do_not_chain_through_one_loose_link():
    # a~b and b~c are links, a and c are far apart: average linkage splits them.
    vectors = np.array(
        [[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 1.0, 0.0], [0.1, 0.995, 0.0]], dtype=np.float32
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    claims = [
        _claim("claim:a#s1", "doc:a", "shared alpha"),
        _claim("claim:b#s1", "doc:b", "shared bravo"),
        _claim("claim:c#s1", "doc:c", "shared charlie"),
        _claim("claim:a#s2", "doc:a", "shared delta"),
    ]
    links = find_recurrences(claims, vectors, PUBLISHED, threshold=0.55)
    assert {(r.source, r.target) for r in links} >= {
        ("claim:a#s1", "claim:b#s1"),
        ("claim:b#s1", "claim:c#s1"),
    }
    families = group_families(claims, vectors, links, PUBLISHED, threshold=0.55)
    members = [set(f.claims) for f in families]
    assert not any({"claim:a#s1", "claim:c#s1"} <= m for m in members)


def test_seed_gold_pairs(seed_build):
    """Precision and recall of RECURS links against the hand-written gold of the seeds."""
    from conftest import DATA

    G, _, _ = seed_build
    gold = json.loads((DATA / "gold" / "seeds_recurs.json").read_text(encoding="utf-8"))

    def node(fragment):
        (found,) = [
            n for n, a in G.nodes(data=True) if a["kind"] == "claim" and fragment in a["text"]
        ]
        return found

    labels = {frozenset((node(p["a"]), node(p["b"]))): p["label"] for p in gold["pairs"]}
    predicted = {frozenset((u, v)) for u, v, k in G.edges(keys=True) if k == "RECURS"}
    same = {pair for pair, label in labels.items() if label == "same"}
    scored = {pair for pair in predicted if labels.get(pair) != "related"}
    true_positives = len(scored & same)
    precision = true_positives / len(scored) if scored else 0.0
    recall = true_positives / len(same)
    # figures of `make eval` when this was written: precision 1.0, recall 0.5
    assert precision >= 0.75, (precision, recall)
    assert recall >= 0.5, (precision, recall)


def test_a_shared_name_alone_does_not_make_claims_recur():
    a = _claim(
        "claim:a#s1",
        "doc:a",
        "No violent or terrorist activities have occurred in Xinjiang for almost three years.",
    )
    b = _claim("claim:b#s1", "doc:b", "The issues related to Xinjiang are not about human rights.")
    # keywords exclude actor names, as extraction does
    a = a.__class__(
        **{**a.__dict__, "keywords": ("activity", "occur", "terrorist", "violent", "year")}
    )
    b = b.__class__(**{**b.__dict__, "keywords": ("human", "issue", "relate", "right")})
    links, _ = link_claims([a, b], PUBLISHED, threshold=0.5)
    assert links == []
