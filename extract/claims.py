"""Claims: which sentences assert something, who says it, about whom, and when.

One spaCy pass per document (``nlp.pipe``); everything spaCy gives is turned
into records of :mod:`extract.records` here, so no spaCy object leaves
``extract``.  Extraction of one document depends on that document alone (and
the extractor version and model), so its result can be cached and computed in
parallel.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from .actors import GROUP_HEADS, ActorCatalog, actor_id, default_catalog
from .dates import find_time_expressions
from .nlp import load_pipeline
from .normalize import normalize
from .quantities import find_quantities
from .rebuttal import denied_proposition
from .records import (
    Actor,
    ActorMention,
    Claim,
    Document,
    DocumentExtraction,
    Sentence,
    TimeExpression,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "RELAYING_VERBS",
    "REPORTING_VERBS",
    "extract_document",
    "extract_documents",
]

#: Bump when a change to extraction changes its output (cache key).
EXTRACTOR_VERSION = "0.6.1"

#: Verbs by which a speaker relays what others say without taking it as its own
#: ("a panel member cited estimates that ...").
RELAYING_VERBS = frozenset(["cite", "quote", "relay"])

#: Verbs that introduce reported content: "X said that ...", "they concluded that ...".
REPORTING_VERBS = frozenset(
    [
        "say",
        "state",
        "conclude",
        "stress",
        "emphasize",
        "emphasise",
        "note",
        "claim",
        "argue",
        "assert",
        "insist",
        "add",
        "declare",
        "announce",
        "report",
        "tell",
        "believe",
        "think",
        "allege",
        "warn",
        "reiterate",
        "affirm",
        "maintain",
        "acknowledge",
        "admit",
        "confirm",
        "explain",
        "suggest",
        "indicate",
        "find",
        "agree",
        "recognize",
        "recognise",
        "point",
        "observe",
        "underline",
        "underscore",
        "highlight",
        "write",
        "testify",
        "contend",
        "feel",
        "promise",
        "predict",
        "concede",
    ]
)

# Diplomatic and speech courtesy formulas: a sentence made only of these says
# nothing about the world.
_COURTESY = re.compile(
    r"avails?\s+(?:itself|himself|herself|themselves|myself|ourselves)\s+of\s+this\s+opportunity"
    r"|(?:to\s+)?renew(?:s|ed)?\s+to\b.*?\bassurances?\s+of\s+(?:its|his|her|their|my|our)\s+"
    r"(?:highest|high|most\s+distinguished|distinguished)\s+consideration"
    r"|(?:the\s+)?assurances?\s+of\s+(?:its|his|her|their|my|our)\s+"
    r"(?:highest|high|most\s+distinguished|distinguished)\s+consideration"
    r"|presents?\s+(?:its|his|her|their)\s+compliments\s+to\b.*?(?=\s+and\s|,|$)"
    r"|(?:has|have)\s+the\s+hono(?:u)?r\s+to\s+(?:refer|transmit|inform|forward)\b"
    r"|\bthank\s+you(?:\s+(?:very|so)\s+much)?(?:,?\s+(?:mr|madam|madame|ms|mrs)\.?\s+\w+)?"
    r"|\bgood\s+(?:morning|afternoon|evening|night)\b"
    r"|\bladies\s+and\s+gentlemen\b",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^(?:dear\b|(?:your\s+)?excellenc(?:y|ies)\b|distinguished\s+(?:delegates|colleagues)"
    r"|(?:mr|madam|madame)\.?\s+(?:president|chair(?:man|person)?|secretary)\b"
    r"|to\s+whom\s+it\s+may\s+concern|sincerely|yours\s+(?:sincerely|faithfully)|regards)",
    re.IGNORECASE,
)
_TURN_TAKING = re.compile(
    r"^(?:let\s+me|let's|let\s+us|i\s+(?:want|would\s+like)\s+to)\s+(?:follow\s+up|turn|move|go\s+to|ask|start|begin|"
    r"come\s+back|get\s+back|bring\s+in)\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(
    r"\b(?:groundless|baseless|unfounded|null\s+and\s+void|so-called|fabricat\w*|"
    r"(?:a|the|this|that|outrageous|big|blatant)\s+lie\b|lies\b|disinformation|"
    r"slander\w*|smear\w*|false\s+(?:claims?|accusations?|allegations?|narrative)|"
    r"no\s+such|never\s+(?:existed|happened)|not\s+true|nothing\s+to\s+do\s+with)",
    re.IGNORECASE,
)
#: Verbs that deny or reject when they are the main predicate ("We reject ...",
#: "China firmly opposes ..."), not inside another clause ("help them reject
#: extremism").
_DENIAL_VERBS = frozenset(
    "reject deny refute dismiss oppose condemn denounce repudiate disavow protest".split()
)
_DENIAL_PREDICATES = frozenset({"opposed", "dissatisfied", "untrue", "false", "baseless"})
_ACTOR_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC"})
_PEOPLE_HEADS = frozenset({"people", "citizens", "public", "nation", "population"})
_STATE_HEADS = frozenset({"government", "authorities", "administration", "leadership", "side"})
#: Heads of plural noun phrases that name a group of people acting together
#: ("foreign diplomatic envoys", "UN experts", "international organizations").
_PEOPLE_GROUP_HEADS = frozenset(
    "envoys diplomats officials journalists experts scholars observers professionals "
    "representatives ambassadors delegations reporters organizations organisations "
    "ngos activists lawmakers legislators rapporteurs".split()
)
#: Modifiers that classify such a group (not ones that judge it: "notorious").
_CLASSIFIERS = frozenset(
    "foreign international local regional national diplomatic western eastern european "
    "african asian arab muslim media government governmental non-governmental civil "
    "independent senior military religious human rights un u.n. special".split()
)
#: Definite plural phrases that point back to actors named just before.
_ANAPHORIC_GROUPS = frozenset(
    "co-sponsors cosponsors sponsors organizers organisers signatories authors "
    "co-organizers co-organisers".split()
)
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
#: Titles before a person's name: "Secretary Clinton" is Clinton.
_TITLES = re.compile(
    r"^(?:(?:vice|deputy|prime|foreign|former|then|the)\s+)*(?:president|secretary|governor|senator|"
    r"minister|ambassador|congressman|congresswoman|representative|mayor|general|"
    r"chancellor|premier|speaker|chairman|chairwoman|director|spokesperson|spokesman|"
    r"spokeswoman|judge|justice|mr|mrs|ms|miss|dr|prof|professor|sir|madam|lord|lady)\.?\s+",
    re.IGNORECASE,
)
#: Transcript speaker labels that are not a person: questions from the floor and
#: answers of the issuing office.
_QUESTION_LABELS = frozenset({"q", "question", "journalist", "reporter", "audience"})
_ANSWER_LABELS = frozenset({"a", "answer", "spokesperson", "spokesman", "spokeswoman"})
_NOT_SPEAKERS = frozenset(
    "note notes subject re from to date title source update editor warning example cc "
    "attachment tags keywords summary".split()
)
#: The same label where a sentence starts inside a turn.
_INLINE_LABEL = re.compile(
    r"(?P<label>[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*:[ \t]+(?=\S)"
)
_SPEAKER_LABEL = re.compile(
    r"^[ \t]*(?P<label>[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)

_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM"})
_FIRST_PERSON = frozenset({"we", "i"})
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "some",
        "certain",
        "many",
        "several",
        "all",
        "most",
        "other",
        "these",
        "those",
        "such",
        "few",
        "various",
    ]
)


def _latin_words(span) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for t in span if t.is_alpha and t.text.isascii())


def _has_finite_verb(span) -> bool:  # type: ignore[no-untyped-def]
    return any(
        token.pos_ in {"VERB", "AUX"}
        and token.text.isascii()
        and ("Fin" in token.morph.get("VerbForm") or token.tag_ in {"VBD", "VBZ", "VBP", "MD"})
        for token in span
    )


def classify_sentence(span) -> tuple[bool, str]:  # type: ignore[no-untyped-def]
    """Whether a sentence is a claim, and why: ("assertion" | "header" | "question" ...)."""
    text = span.text.strip()
    if _latin_words(span) < 3:
        return False, "fragment"
    if text.endswith("?"):
        return False, "question"
    if _SALUTATION.match(text) and len(span) <= 12:
        return False, "salutation"
    courtesy = list(_COURTESY.finditer(text))
    if courtesy:
        offset = span.start_char + (len(span.text) - len(span.text.lstrip()))
        covered = [(offset + m.start(), offset + m.end()) for m in courtesy]
        rest = [
            t
            for t in span
            if not any(a <= t.idx < b for a, b in covered) and t.is_alpha and not t.is_stop
        ]
        rest_verbs = [
            t for t in rest if t.pos_ in {"VERB", "AUX"} and t.lemma_ not in {"avail", "renew"}
        ]
        if not rest_verbs:
            return False, "courtesy"
    if re.search(r"(?:--|—|–|\.\.\.|…)\s*$", text):
        return False, "fragment"  # broken off: "The newly emboldened -- the ..."
    if _TURN_TAKING.match(text):
        return False, "moderation"
    if not _has_finite_verb(span):
        # "Our country's in deep trouble." parses without a finite verb; a
        # heading or a dateline has no final period.
        if text.endswith((".", "!")) and _latin_words(span) >= 4 and not _title_like(span):
            return True, "assertion"
        return False, "header"
    return True, "assertion"


def _title_like(span) -> bool:  # type: ignore[no-untyped-def]
    words = [t for t in span if t.is_alpha and not t.is_stop]
    return bool(words) and sum(t.text[:1].isupper() for t in words) / len(words) > 0.7


def _tense(span) -> str:  # type: ignore[no-untyped-def]
    root = span.root
    if any(t.lower_ in {"will", "shall", "'ll"} and t.head == root for t in span):
        return "future"
    if "Past" in root.morph.get("Tense") or any(
        t.dep_ == "aux" and "Past" in t.morph.get("Tense") for t in root.children
    ):
        return "past"
    return "present"


class _Mentions:
    """Actors found in the sentences of one document, with their surface forms."""

    def __init__(self, catalog: ActorCatalog, issuer: Actor | None, text: str) -> None:
        # the document text: Doc.text rebuilds the whole text at every call
        self.text = text
        self.catalog = catalog
        self.issuer = issuer
        self.actors: dict[str, tuple[str, str]] = {}
        self.surfaces: dict[str, set[str]] = {}
        # actors of the last sentence that named any: (mentions, ids of its
        # subjects, coordination of each actor: "A, B and C" share one)
        self.previous: tuple[list[ActorMention], set[str], dict[str, int]] = ([], set(), {})
        self._coordination: dict[str, int] = {}
        self.last_person: str | None = None
        # people by their last and first names, as first named in full here
        self.people_by_name: dict[str, str] = {}
        if issuer is not None:
            self._add(issuer.id, issuer.name, issuer.kind, issuer.name)

    def _add(self, aid: str, name: str, kind: str, surface: str) -> str:
        self.actors.setdefault(aid, (name, kind))
        self.surfaces.setdefault(aid, set()).add(surface)
        return aid

    def resolve(self, text: str, label: str) -> tuple[str, str] | None:
        found = self.catalog.resolve(text)
        if found:
            return found
        name = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
        name = re.sub(r"(?:'s|’s)$", "", name).strip()
        if not name or not any(c.isalpha() for c in name):
            return None
        if name.isupper() and len(name) > 6:
            name = name.title()
        kind = {"GPE": "region", "LOC": "region", "ORG": "organisation", "PERSON": "person"}.get(
            label
        )
        if kind == "person":
            name = self.person_name(name)
        return (name, kind) if kind else None

    def person_name(self, name: str) -> str:
        """One name per person in a document: "Secretary Clinton", "Hillary Clinton",
        "Clinton" are one person once the full name has been seen."""
        bare = _TITLES.sub("", name).strip() or name
        parts = bare.split()
        if len(parts) >= 2:
            for key in (parts[-1].casefold(), parts[0].casefold()):
                self.people_by_name.setdefault(key, bare)
            return bare
        return self.people_by_name.get(bare.casefold(), bare)

    def in_sentence(
        self,
        span,
        chunks,
        ents,
        issuer_spans: Sequence[tuple[int, int]],
        skip: Sequence[tuple[int, int]] = (),
    ) -> list[ActorMention]:  # type: ignore[no-untyped-def]
        mentions: list[ActorMention] = []
        taken: list[tuple[int, int]] = [*issuer_spans, *skip]
        self._coordination = {}

        def coordination(token) -> int:  # type: ignore[no-untyped-def]
            while token.dep_ == "conj" and token.head.i != token.i:
                token = token.head
            return token.i

        if self.issuer is not None:
            for a, b in issuer_spans:
                mentions.append(ActorMention(self.issuer.id, self.text[a:b], a, b, role="speaker"))

        def free(a: int, b: int) -> bool:
            return not any(a < y and x < b for x, y in taken)

        def take_entity(ent, found) -> None:  # type: ignore[no-untyped-def]
            start, end = ent.start_char, ent.end_char
            text = ent.text
            if text.lower().startswith("the "):
                start, text = start + 4, text[4:]
            name, kind = found
            aid = self._add(actor_id(name), name, kind, text)
            taken.append((ent.start_char, end))
            self._coordination.setdefault(aid, coordination(ent.root))
            mentions.append(ActorMention(aid, text, start, end, role=_role(ent.root)))

        # Known actors by their full names first ("the Third Committee of UNGA
        # general assembly" is one actor), then groups ("some Western
        # countries" is one actor, not "Western"), then the other names.
        for ent in ents:
            if (
                ent.label_ in _ACTOR_LABELS
                and ent.label_ != "NORP"
                and free(ent.start_char, ent.end_char)
            ):
                found = self.catalog.resolve(ent.text)
                if found is not None:
                    take_entity(ent, found)
        for chunk in chunks:
            words = [t for t in chunk if t.lower_ not in _DETERMINERS and t.dep_ != "det"]
            while words and words[0].lower_ in {"group", "groups", "number", "of", "handful"}:
                words = words[1:]
            if not words:
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            surface = self.text[start:end]
            found = self.catalog.resolve(surface)
            root = chunk.root
            if found is None and root.lower_ in GROUP_HEADS and len(words) >= 2:
                modifier = words[-2]
                hyphenated = modifier.i > 0 and modifier.nbor(-1).text == "-"
                if modifier.text[:1].isupper() and modifier.i == root.i - 1 and not hyphenated:
                    found = (f"{modifier.text} {root.lower_}", "group")
                    found = self.catalog.resolve(found[0]) or found
            if found is None and root.lower_ in _PEOPLE_HEADS | _STATE_HEADS and len(words) >= 2:
                adjective = words[-2]
                state = self.catalog.state_of_demonym(adjective.text)
                if state and root.lower_ in _STATE_HEADS:
                    found = (state, "state")
                elif state and root.lower_ in _PEOPLE_HEADS:
                    found = self.catalog.resolve(f"{adjective.text} people") or (
                        f"{adjective.text} people",
                        "people",
                    )
            if (
                found is None
                and root.lower_ in _PEOPLE_GROUP_HEADS
                and len(words) == 1
                and root.i + 2 < len(root.doc)
                and root.nbor(1).lower_ == "of"
            ):
                # "officials of international organizations": one group
                objects = [c for c in root.nbor(1).children if c.dep_ == "pobj"]
                if objects and objects[0].i <= root.i + 4:
                    end = objects[0].idx + len(objects[0].text)
                    surface = self.text[start:end]
                    found = (surface, "group")
            if found is None and root.lower_ in _PEOPLE_GROUP_HEADS and len(words) >= 2:
                modifiers = words[:-1]
                if all(
                    m.lower_ in _CLASSIFIERS
                    or m.text[:1].isupper()
                    or self.catalog.state_of_demonym(m.text)
                    for m in modifiers
                ) and all(m.i < root.i for m in modifiers):
                    found = (" ".join([*(m.text for m in modifiers), root.lower_]), "group")
            if found is None and root.lower_ in _ANAPHORIC_GROUPS and free(start, end):
                # "the co-sponsors": the organisations named just before
                for antecedent in self._antecedents(plural=True):
                    mentions.append(
                        ActorMention(antecedent, surface, start, end, role=_role(chunk.root))
                    )
                taken.append((start, end))
                continue
            if found is None or not free(start, end):
                continue
            name, kind = found
            aid = self._add(actor_id(name), name, kind, surface)
            taken.append((start, end))
            self._coordination.setdefault(aid, coordination(chunk.root))
            mentions.append(ActorMention(aid, surface, start, end, role=_role(chunk.root)))

        for ent in ents:
            if ent.label_ not in _ACTOR_LABELS or not free(ent.start_char, ent.end_char):
                continue
            if re.match(
                r"-(?:type|style|like|backed|linked|inspired)\b",
                self.text[ent.end_char : ent.end_char + 10],
            ):
                continue  # "al-Qaida-type individuals" names no actor
            if ent.label_ == "NORP":
                found = self.catalog.resolve(ent.text)
                if found is None or found[1] not in {"group", "people", "organisation"}:
                    continue
            else:
                found = self.resolve(ent.text, ent.label_)
            if found is not None:
                take_entity(ent, found)
        for token in span:
            a, b = token.idx, token.idx + len(token)
            if token.pos_ != "PRON" or not free(a, b):
                continue
            if token.lower_ in _PLURAL_PRONOUNS:
                # a group that is the subject earlier in this sentence ("Some
                # Western countries were indifferent ...; they put on ..."),
                # else the group named just before
                here = [
                    m.actor
                    for m in mentions
                    if m.end <= a
                    and m.role == "target"
                    and self.actors.get(m.actor, ("", ""))[1] in {"group", "organisation", "people"}
                ]
                antecedents = here[:1] or self._antecedents(plural=False)
            elif token.lower_ in _PERSON_PRONOUNS and self.last_person:
                antecedents = [self.last_person]  # "he", "she": the person named last
            else:
                continue
            for antecedent in antecedents:
                mentions.append(ActorMention(antecedent, token.text, a, b, _role(token)))
            if antecedents:
                taken.append((a, b))
        mentions.sort(key=lambda m: (m.start, m.end, m.actor))
        for m in mentions:
            if (
                self.actors.get(m.actor, ("", ""))[1] == "person"
                and m.text.lower() not in _PERSON_PRONOUNS
            ):
                self.last_person = m.actor
        named = [m for m in mentions if m.role != "speaker"]
        if named:
            subjects = {m.actor for m in named if m.role == "target"}
            self.previous = (named, subjects, dict(self._coordination))
        return mentions

    def speaker(self, label: str) -> str | None:
        """Actor of a transcript speaker label ("TRUMP", "Hillary Clinton", "A")."""
        key = label.casefold().rstrip(".")
        if key in _ANSWER_LABELS:
            return self.issuer.id if self.issuer else None
        if key in _QUESTION_LABELS:
            return None
        found = self.catalog.resolve(label)
        if found is not None and found[1] == "person":
            # a transcript's label names the speaker as the transcript does;
            # the graph merges "Trump" with "Donald Trump" across documents
            found = None
        name, kind = found if found else ((label.title() if label.isupper() else label), "person")
        return self._add(actor_id(name), name, kind, label)

    def _antecedents(self, *, plural: bool) -> list[str]:
        """Actors a plural pronoun or "the co-sponsors" points back to, in text order.

        ``plural=True`` (the co-sponsors): every organisation, group or state of
        the last sentence that named two or more of them.  Otherwise (they):
        the group or organisation that was the subject of the last sentence.
        """
        named, subjects, coordinated = self.previous
        kinds = {"group", "organisation", "state", "people"}
        groups = [m.actor for m in named if self.actors.get(m.actor, ("", ""))[1] in kinds]
        if plural:
            # the largest list of actors named together: "A, B and C"
            lists: dict[int, list[str]] = {}
            for actor in dict.fromkeys(groups):
                lists.setdefault(coordinated.get(actor, -1), []).append(actor)
            best = max(lists.values(), key=len, default=[])
            return best if len(best) >= 2 else []
        # "they": the subject of the last sentence, when it is a group of any
        # kind; a subject made of several actors ("A, B and C", "the
        # co-sponsors") gives all of them.
        first = next(
            (
                m
                for m in named
                if m.actor in subjects and self.actors.get(m.actor, ("", ""))[1] in kinds
            ),
            None,
        )
        if first is None:
            # no group as subject: the last group named ("... especially China.
            # They're the best at it.")
            last = [m for m in named if self.actors.get(m.actor, ("", ""))[1] in kinds]
            return [last[-1].actor] if last else []
        same_phrase = [m.actor for m in named if (m.start, m.end) == (first.start, first.end)]
        if len(same_phrase) > 1:
            return list(dict.fromkeys(same_phrase))
        together = coordinated.get(first.actor)
        listed = [a for a in dict.fromkeys(groups) if coordinated.get(a) == together]
        return listed or [first.actor]

    def records(self) -> tuple[Actor, ...]:
        out = []
        for aid in sorted(self.actors):
            name, kind = self.actors[aid]
            aliases = tuple(sorted(s for s in self.surfaces.get(aid, ()) if s != name))
            out.append(Actor(aid, name, kind, aliases))
        return tuple(out)


#: Words of support and benefit: an actor they point to benefits from the claim.
_BENEFIT = frozenset(
    "support backing help assist aid benefit solidarity favour favor sympathy endorse "
    "endorsement assistance protection praise welcome".split()
)
#: Nouns that only count or gather what follows "of": "groups of envoys".
_COLLECTIVES = frozenset(
    "group groups number numbers members member delegation delegations team teams majority "
    "dozens hundreds thousands millions coalition".split()
)
#: Words of hostility: an actor they point to is the claim's target.
_AGAINST = frozenset(
    "against accuse accusation criticise criticize criticism condemn condemnation sanction "
    "attack blame oppose opposition slander smear interfere interference".split()
)


def _role(token) -> str:  # type: ignore[no-untyped-def]
    """Role of an actor in a claim, from the place of its head word.

    ``beneficiary``: the actor receives support or benefit ("support for
    China's policy"); ``target``: the claim is about it or directed against
    it (subject or object of a main predicate, "accusations against X");
    ``mentioned``: named in passing (a place, an embedded phrase).
    """
    while token.head.i != token.i:
        if token.dep_ in {"compound", "amod", "poss", "case", "nmod", "appos", "conj"}:
            token = token.head
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and token.head.head.lower_ in _COLLECTIVES
        ):
            token = token.head.head  # "groups of foreign envoys" acts as "foreign envoys"
        else:
            break
    ancestors = []
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            break
        ancestors.append(head.head)
        head = head.head
    if token.dep_ == "dobj" and token.head.lemma_.lower() in _BENEFIT:
        return "beneficiary"  # "help the farmers", "support Ukraine"
    if token.dep_ == "pobj" and token.head.lower_ in {"for", "to", "with"}:
        # "support for China's policy", "voiced their support ... for China's
        # policy", "solidarity with Ukraine"; not "support of the people",
        # where the people give it
        holder = token.head.head
        if holder.lemma_.lower() in _BENEFIT or any(
            c.dep_ == "dobj" and c.lemma_.lower() in _BENEFIT for c in holder.children
        ):
            return "beneficiary"
    if (
        token.dep_ == "pobj"
        and token.head.lower_ in {"against", "on", "upon"}
        and (
            any(a.lemma_.lower() in _AGAINST for a in ancestors[1:3])
            or token.head.lower_ == "against"
        )
    ):
        return "target"
    if token.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"}:
        return "target"
    if token.dep_ in {"dobj", "iobj", "dative", "attr", "oprd"} and token.head.pos_ in {
        "VERB",
        "AUX",
    }:
        return "target"
    if token.dep_ == "pobj" and any(a.lemma_.lower() in _AGAINST for a in ancestors[:3]):
        return "target"
    return "mentioned"


def _frame(span, mentions: Sequence[ActorMention]):  # type: ignore[no-untyped-def]
    """Attribution frame of a sentence: (source actor id, stance, content span offsets).

    "They have invariably concluded that X" -> the content is X, the stance is
    "reports".  "We believe that X" keeps the issuer as the one who asserts X.
    "A panel member cited estimates that X" -> the content is X, reported.
    """
    root = span.root
    content = (span.start_char, span.end_char)
    for verb in [root, *[c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]]:
        lemma = verb.lemma_.lower()
        if lemma not in REPORTING_VERBS and lemma not in RELAYING_VERBS:
            continue
        clauses = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i]
        if lemma in RELAYING_VERBS:
            # "cited estimates that X": the clause hangs on the verb's object
            clauses = [
                c
                for obj in verb.children
                if obj.dep_ == "dobj"
                for c in obj.children
                if c.dep_ in {"acl", "ccomp", "relcl"}
                and any(m.lower_ == "that" for m in c.children)
            ] or clauses
        if not clauses:
            continue
        clause = clauses[0]
        tokens = [t for t in clause.subtree if t.dep_ != "mark" or t.head != clause]
        if not tokens:
            continue
        content = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and subjects[0].lower_ in _FIRST_PERSON:
            return None, "asserts", content
        source = None
        if subjects:
            sub = subjects[0]
            a, b = (
                min(t.idx for t in sub.subtree),
                max(t.idx + len(t.text) for t in sub.subtree),
            )
            for m in mentions:
                if a <= m.start and m.end <= b and m.role != "speaker":
                    source = m.actor
                    break
        return source, "reports", content
    for token in span[:-1]:
        # "according to the spokesperson, X", "in the words of X"
        if (token.lower_ == "according" and token.nbor(1).lower_ == "to") or (
            token.lower_ == "words" and token.nbor(1).lower_ == "of"
        ):
            for m in mentions:
                if token.idx < m.start <= token.idx + 60:
                    return m.actor, "reports", content
    return None, "asserts", content


def _frame_verb(span) -> str:  # type: ignore[no-untyped-def]
    """Lemma of the sentence's main verb."""
    return str(span.root.lemma_).lower()


#: Subjects that carry hearsay, not a claimant's word: "reports say that ...",
#: "estimates suggest that ...", "it is alleged that ...".
_HEARSAY = frozenset(
    "report estimate rumor rumour source claim allegation account figure it".split()
)


def _hearsay(span) -> bool:  # type: ignore[no-untyped-def]
    """The main verb's subject is hearsay ("Reports say that ...", "It is alleged that ...")."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in _HEARSAY
        for c in span.root.children
    )


def _main_predicates(span, content: tuple[int, int]) -> list:  # type: ignore[no-untyped-def]
    """The predicates of a claim's main clause: the root of its content and its conjuncts."""
    heads = [
        t
        for t in span
        if content[0] <= t.idx < content[1]
        and (t.head.i == t.i or not (content[0] <= t.head.idx < content[1]))
    ]
    main = []
    for head in heads:
        main.append(head)
        main.extend(c for c in head.children if c.dep_ == "conj")
    # frames whose real predicate follows: "has the honour to protest",
    # "wishes to reiterate", "would like to stress"
    for verb in list(main):
        lemma = verb.lemma_.lower()
        if lemma == "have":
            for obj in verb.children:
                if obj.dep_ == "dobj" and obj.lemma_.lower() in {"honour", "honor"}:
                    main.extend(
                        t
                        for t in obj.subtree
                        if t.pos_ == "VERB" and t.dep_ in {"acl", "relcl", "xcomp", "conj"}
                    )
        elif lemma in {"wish", "like", "want", "intend"}:
            main.extend(c for c in verb.children if c.dep_ == "xcomp")
    return main


def _negated(span, content: tuple[int, int]) -> bool:  # type: ignore[no-untyped-def]
    """A negation of the main clause ("No violent activities have occurred"), not of a
    relative or complement clause ("the lie that he wasn't born")."""
    main = _main_predicates(span, content)
    for token in span:
        if not content[0] <= token.idx < content[1]:
            continue
        lower = token.lower_
        if token.dep_ == "neg" or lower in {"never", "neither", "nor"}:
            if token.head in main:
                return True
        elif lower in {"no", "none", "nobody", "nothing"}:
            # "No violent activities have occurred", "there has been no incident"
            node = token.head if token.dep_ == "det" else token
            if (
                node in main
                or node.head in main
                and node.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "expl"}
            ):
                return True
    return False


def _denies(span, sentence_text: str, content: tuple[int, int]) -> bool:  # type: ignore[no-untyped-def]
    if _DENIAL.search(sentence_text):
        return True
    for token in _main_predicates(span, content):
        if token.lemma_.lower() in _DENIAL_VERBS or token.lower_ in _DENIAL_PREDICATES:
            return True
        if any(
            c.lower_ in _DENIAL_PREDICATES and c.dep_ in {"acomp", "attr", "conj"}
            for c in token.children
        ):
            return True
    return False


def _inside(spans: Sequence, starts: Sequence[int], sentence) -> list:  # type: ignore[no-untyped-def]
    """The spans (sorted by start token, ``starts`` their starts) inside ``sentence``."""
    lo = bisect.bisect_left(starts, sentence.start)
    hi = bisect.bisect_left(starts, sentence.end)
    return [s for s in spans[lo:hi] if s.end <= sentence.end]


def speaker_labels(text: str) -> list[tuple[int, int, str]]:
    r"""Speaker labels of a transcript: (label start, text start, label) for "NAME: text" lines.

    A document is a transcript when at least two lines open with such a
    label; one "Note: ..." line does not make one.

    Examples
    --------
    >>> speaker_labels("TRUMP: We will win.\n\nCLINTON: No.\n")
    [(0, 7, 'TRUMP'), (21, 30, 'CLINTON')]
    """
    found = [
        (m.start("label"), m.end(), m.group("label").strip())
        for m in _SPEAKER_LABEL.finditer(text)
        if m.group("label").strip().casefold() not in _NOT_SPEAKERS
    ]
    return found if len(found) >= 2 else []


def _trim(doc_text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and doc_text[start].isspace():
        start += 1
    while end > start and doc_text[end - 1].isspace():
        end -= 1
    return start, end


def _issuer_actor(document: Document, catalog: ActorCatalog) -> Actor | None:
    if not document.issuer:
        return None
    found = catalog.resolve(document.issuer)
    name, kind = found if found else (document.issuer.strip(), "organisation")
    return Actor(actor_id(name), name, kind)


def _issuer_spans(text: str, start: int, end: int, issuer: str | None) -> list[tuple[int, int]]:
    if not issuer:
        return []
    # The issuer's name as it stands in the sentence, in any case, with "the".
    pattern = re.compile(re.escape(issuer).replace(r"\ ", r"\s+"), re.IGNORECASE)
    return [(start + m.start(), start + m.end()) for m in pattern.finditer(text[start:end])]


def extract_document(
    document: Document, spacy_doc, catalog: ActorCatalog | None = None
) -> DocumentExtraction:  # type: ignore[no-untyped-def]
    """Turn one parsed document into records: sentences, claims, actors, time expressions.

    ``spacy_doc`` is ``nlp(document.text)`` with the pipeline of
    :func:`extract.nlp.load_pipeline`.  Use :func:`extract_documents` unless
    you parse yourself.
    """
    catalog = catalog or default_catalog()
    text = document.text
    anchor = document.published
    issuer = _issuer_actor(document, catalog)
    found = _Mentions(catalog, issuer, text)
    slug = document.id.split(":", 1)[1]
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    all_times: list[TimeExpression] = []
    # Span.noun_chunks and Span.ents walk the whole document each time: take
    # them once, in order, and hand each sentence its own.
    chunks = list(spacy_doc.noun_chunks) if spacy_doc.has_annotation("DEP") else []
    ents = list(spacy_doc.ents)
    chunk_starts = [c.start for c in chunks]
    ent_starts = [e.start for e in ents]
    labels = speaker_labels(text)
    label_starts = [a for a, _, _ in labels]
    index = 0
    previous = None
    for span in spacy_doc.sents:
        before, previous = previous, span
        start, end = _trim(text, span.start_char, span.end_char)
        speaker = issuer.id if issuer else None
        skip: list[tuple[int, int]] = []
        if labels:
            at = bisect.bisect_right(label_starts, start) - 1
            if at >= 0:
                label_start, text_start, label = labels[at]
                speaker = found.speaker(label)
                if start < text_start:
                    # the sentence opens with "NAME:": the claim starts after it
                    skip.append((label_start, text_start))
                    start = max(start, text_start)
        if start >= end:
            continue
        is_claim, reason = classify_sentence(span)
        sentence_text = text[start:end]
        # anaphors ("the next day", "that year") look back to the times of earlier sentences
        times = find_time_expressions(
            sentence_text, anchor, tense=_tense(span), offset=start, reference=all_times
        )
        all_times.extend(times)
        sentences.append(Sentence(index, start, end, sentence_text, is_claim, reason))
        if is_claim:
            issuer_spans = _issuer_spans(text, start, end, document.issuer)
            mentions = found.in_sentence(
                span,
                _inside(chunks, chunk_starts, span),
                _inside(ents, ent_starts, span),
                issuer_spans,
                skip,
            )
            source, stance, (c_start, c_end) = _frame(span, mentions)
            if labels:
                # a speaker label inside a turn ("... DONALD TRUMP: That is correct.")
                # says who speaks, not what is claimed
                inline = _INLINE_LABEL.match(text, c_start, c_end)
                if inline and inline.group("label").casefold() not in _NOT_SPEAKERS:
                    c_start = inline.end()
            if source is not None:
                mentions = [
                    ActorMention(m.actor, m.text, m.start, m.end, "source")
                    if m.actor == source and m.role != "speaker"
                    else m
                    for m in mentions
                ]
            if stance == "asserts" and _denies(span, sentence_text, (c_start, c_end)):
                stance = "denies"
            # whose claim it is: the one quoted ("Ambassador Lee said that ..."), else the speaker
            claimant = source if stance == "reports" and source else speaker
            relays = stance == "reports" and (
                _frame_verb(span) in RELAYING_VERBS or (source is None and _hearsay(span))
            )
            content_tokens = [t for t in span if c_start <= t.idx < c_end]
            negated = _negated(span, (c_start, c_end))
            named = [(m.start, m.end) for m in mentions]
            keywords = sorted(
                {
                    t.lemma_.lower()
                    for t in content_tokens
                    if t.is_alpha
                    and not t.is_stop
                    and t.pos_ in _CONTENT_POS
                    and not any(a <= t.idx < b for a, b in named)
                }
            )
            quantities = find_quantities(
                sentence_text, offset=start, exclude=[(t.start, t.end) for t in times]
            )
            restated = normalize(
                span,
                (c_start, c_end),
                _main_predicates(span, (c_start, c_end)),
                before,
                speaker=found.actors.get(speaker, (None, None))[0] if speaker else None,
                actor_at=_actor_at(mentions, found),
            )
            claims.append(
                Claim(
                    id=f"claim:{slug}#s{index}",
                    document=document.id,
                    sentence=index,
                    start=start,
                    end=end,
                    text=sentence_text,
                    speaker=speaker,
                    stance=stance,
                    negated=negated,
                    source=source,
                    content=text[c_start:c_end].strip(),
                    keywords=tuple(keywords),
                    mentions=tuple(mentions),
                    times=tuple(times),
                    quantities=tuple(quantities),
                    normalized=restated.normalized,
                    paraphrases=restated.paraphrases,
                    unresolved=restated.unresolved,
                    stance_on=restated.stance_on,
                    rebuts=denied_proposition(text[c_start:c_end]),
                    claimant=claimant,
                    relays=relays,
                )
            )
        index += 1
    return DocumentExtraction(
        document=document,
        sentences=tuple(sentences),
        claims=tuple(claims),
        actors=found.records(),
        times=tuple(all_times),
    )


def _actor_at(mentions: Sequence[ActorMention], found: _Mentions):  # type: ignore[no-untyped-def]
    """Name of the actor a pronoun at a document offset was resolved to ("they" -> "X")."""

    def at(offset: int) -> str | None:
        for m in mentions:
            if m.start == offset and m.role != "speaker":
                return found.actors.get(m.actor, (None, None))[0]
        return None

    return at


#: How often a worker looks whether the build that started it is still alive (seconds).
PARENT_CHECK_SECONDS = 0.25


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker as soon as the build process ``parent`` is gone.

    A build killed with SIGKILL runs no clean-up, and its pool's workers would
    go on parsing (and holding their memory) as orphans.  A daemon thread
    checks the parent's pid and exits when the worker has been handed to
    another parent.  (Linux's ``PR_SET_PDEATHSIG`` is not used: it fires when
    the *thread* that started the worker ends, which may be long before the
    build does.)
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="claimgraph-parent-watch", daemon=True).start()


def _worker_extract(document: Document, model: str | None) -> DocumentExtraction:
    """Extract one document in a worker process (the pipeline loads once per worker)."""
    nlp = load_pipeline(model)
    return extract_document(document, nlp(document.text))


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    catalog: ActorCatalog | None = None,
    batch_size: int = 8,
    jobs: int = 1,
    workers: bool = False,
    on_done: Callable[[], None] | None = None,
) -> Iterator[DocumentExtraction]:
    """Extract every document: one batched spaCy pass, or ``jobs`` worker processes.

    Results come in the order of ``documents`` and do not depend on ``jobs``.
    With ``workers=True`` even one job runs in a worker process, so the caller
    can do other work (embedding) while documents are parsed; ``on_done`` is
    then called (from another thread) as each document is finished.

    Examples
    --------
    >>> from extract.load import load_document
    >>> doc = load_document("seeds/2019-07-10_china-mission-geneva_spokesperson-remarks.txt")
    >>> result = next(extract_documents([doc]))
    >>> result.document.published.isoformat()
    '2019-07-10'
    >>> any("almost three years" in c.text for c in result.claims)
    True
    """
    documents = list(documents)
    if (jobs > 1 or workers) and len(documents) > 1 and catalog is None:
        import concurrent.futures
        import multiprocessing

        # spawn, not fork: the parent may already run torch threads, which a
        # forked child would inherit in a locked state.
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=max(1, min(jobs, len(documents))),
            mp_context=context,
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            futures = [pool.submit(_worker_extract, d, model) for d in documents]
            if on_done is not None:
                for future in futures:
                    future.add_done_callback(lambda _: on_done())
            try:
                for future in futures:
                    yield future.result()
            finally:
                # stopped early (an error, an interrupt): do not parse the rest
                for future in futures:
                    future.cancel()
        return
    nlp = load_pipeline(model)
    catalog = catalog or default_catalog()
    parsed = nlp.pipe((d.text for d in documents), batch_size=batch_size)
    for document, spacy_doc in zip(documents, parsed, strict=True):
        yield extract_document(document, spacy_doc, catalog)
