"""Actors: aliases, normal forms, typos and merging across documents."""

from __future__ import annotations

import random

import pytest

from extract.actors import actor_id, default_catalog, merge_actors, name_key
from extract.records import Actor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the People's Republic of China", ("China", "state")),
        ("People’s Republic of China's", ("China", "state")),
        ("China", ("China", "state")),
        ("PRC", ("China", "state")),
        ("UN HRC", ("UN Human Rights Council", "organisation")),
        ("the UN Human Rights Council", ("UN Human Rights Council", "organisation")),
        ("UN human rights council", ("UN Human Rights Council", "organisation")),
        ("the U.S.", ("United States", "state")),
        ("a group of Western countries", ("Western countries", "group")),
        ("Some Western Countries", ("Western countries", "group")),
        ("Human Rights Watch", ("Human Rights Watch", "organisation")),
        ("HRW", ("Human Rights Watch", "organisation")),
        ("Xinjiang Uygur Autonomous Rigion", ("Xinjiang", "region")),  # typo in the 2019 seed
        ("Federal Republic of Germany", ("Germany", "state")),  # from ISO 3166
    ],
)
def test_catalog_resolves_aliases_and_typos(text, expected):
    assert default_catalog().resolve(text) == expected


@pytest.mark.parametrize("word", ["us", "who", "Amnesty", "said", "the people", "Washington"])
def test_catalog_does_not_take_ordinary_words_for_actors(word):
    assert default_catalog().resolve(word) is None


def test_name_key_drops_determiners_possessives_and_acronym_dots():
    assert name_key("some Western Countries") == "western countries"
    assert name_key("China’s") == "china"
    assert name_key("U.S.A.") == "usa"


def test_actor_ids_are_readable_slugs():
    assert actor_id("UN Human Rights Council") == "actor:un-human-rights-council"
    assert actor_id("São Tomé and Príncipe") == "actor:sao-tome-and-principe"


def test_merge_joins_acronym_and_typo_but_not_different_names():
    long = Actor("actor:world-uyghur-congress", "World Uyghur Congress", "organisation")
    acro = Actor("actor:wuc", "WUC", "organisation")
    typo = Actor("actor:world-uyghur-congres", "World Uyghur Congres", "organisation")
    other = Actor("actor:world-health-forum", "World Health Forum", "organisation")
    mapping = merge_actors([long, acro, typo, other])
    assert mapping["actor:wuc"] == "actor:world-uyghur-congress"
    assert mapping["actor:world-uyghur-congres"] == "actor:world-uyghur-congress"
    assert mapping["actor:world-health-forum"] == "actor:world-health-forum"


def test_merge_does_not_depend_on_order():
    actors = [
        Actor("actor:nato", "NATO", "organisation"),
        Actor(
            "actor:north-atlantic-treaty-organization",
            "North Atlantic Treaty Organization",
            "organisation",
        ),
        Actor("actor:ministry-of-foreign-affairs", "Ministry of Foreign Affairs", "organisation"),
        Actor("actor:ministry-of-foreign-afairs", "Ministry of Foreign Afairs", "organisation"),
        Actor("actor:mfa", "MFA", "organisation"),
    ]
    first = merge_actors(actors)
    for seed in range(5):
        shuffled = actors[:]
        random.Random(seed).shuffle(shuffled)
        assert merge_actors(shuffled) == first
    assert first["actor:nato"] == first["actor:north-atlantic-treaty-organization"]
    assert first["actor:mfa"] == first["actor:ministry-of-foreign-affairs"]


def test_merge_joins_a_surname_with_the_one_full_name_it_can_be():
    trump = Actor("actor:trump", "Trump", "person")
    donald = Actor("actor:donald-trump", "Donald Trump", "person")
    clinton = Actor("actor:clinton", "Clinton", "person")
    hillary = Actor("actor:hillary-clinton", "Hillary Clinton", "person")
    bill = Actor("actor:bill-clinton", "Bill Clinton", "person")
    mapping = merge_actors([trump, donald, clinton, hillary, bill])
    assert mapping["actor:trump"] == "actor:donald-trump"
    # two Clintons: the surname alone stays apart
    assert mapping["actor:clinton"] == "actor:clinton"
