"""Normalised restatements of a claim, for matching: who takes which stance on what.

A claim is shown as written (``Claim.content``); to find where else it was
made, the matcher also needs what it says made explicit.  Three rules of
English, each conservative (when unsure, nothing is restated):

**Stance verbalised.**  A stance stated with a light verb and a noun, or with a
predicative adjective, is restated with its verb, the actor named:
"The ministry expressed its strong support for the plan" -> "The ministry
strongly supported the plan"; "We are firmly opposed to the bill" -> "<speaker>
firmly opposes the bill" ("we", "our" and "my" are the claim's speaker).

**Demonstratives resolved.**  "this"/"that" as the object of a predicate, and
"this/that <generic noun>" (event, letter, decision, report ...), are replaced
by their antecedent: for "this <noun>", the nearest earlier noun phrase of the
same sentence or the one before with the same head; for a bare "this", the
object of the previous sentence's main clause (with the participial clause
that describes it).  A demonstrative object that cannot be resolved makes the
claim *unresolved*: "We oppose this." says nothing a reader of another
document could match.

**Obstruction frames.**  "No X can V Y" / "X cannot V Y": the negation's scope
is restated ("X cannot V Y"); when X is discrediting speech (slander, lies,
smears, conspiracies, disinformation ...; also "spreading lies about ...") and V
an obstruction (stop, hold back, taint, undermine, hide ...), the talking point
"smears will not stop Y" is restated in that canonical form, with a factive
"the fact that X has made progress in Z" read as "X's progress in Z".

:func:`normalize` returns the restatement used as the claim's text for
matching (``normalized``), further restatements matched as extra views
(``paraphrases``) and whether an object stayed unresolved.  Nothing here
changes ``Claim.content``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

__all__ = ["Normalized", "normalize"]

#: stance nouns -> (verb, preposition the verb takes)
STANCE_NOUNS = {
    "opposition": ("oppose", ""),
    "support": ("support", ""),
    "condemnation": ("condemn", ""),
    "rejection": ("reject", ""),
    "objection": ("object", "to"),
    "protest": ("protest", ""),
    "approval": ("approve", "of"),
    "disapproval": ("disapprove", "of"),
    "endorsement": ("endorse", ""),
    "appreciation": ("appreciate", ""),
}
#: verbs that carry a stance noun: "express our opposition", "voice support"
LIGHT_VERBS = frozenset(
    "express voice extend convey reiterate reaffirm register declare state lodge offer give "
    "show announce pledge lend restate renew".split()
)
#: predicative stance adjectives: "is opposed to", "is supportive of"
STANCE_ADJECTIVES = {"opposed": ("oppose", ""), "supportive": ("support", "")}
_STANCE_PREPS = frozenset({"to", "for", "of", "against", "with", "over", "about", "on"})
#: adjectives of degree on a stance noun, as adverbs on its verb
INTENSIFIERS = {
    "resolute": "resolutely",
    "firm": "firmly",
    "strong": "strongly",
    "strongest": "strongly",
    "firmest": "firmly",
    "full": "fully",
    "deep": "deeply",
    "unequivocal": "unequivocally",
    "categorical": "categorically",
    "vehement": "vehemently",
    "unwavering": "unwaveringly",
    "staunch": "staunchly",
    "steadfast": "steadfastly",
    "total": "totally",
    "complete": "completely",
    "wholehearted": "wholeheartedly",
    "serious": "seriously",
    "grave": "gravely",
    "solemn": "solemnly",
    "unreserved": "unreservedly",
    "consistent": "consistently",
}
#: nouns that "this <noun>" may point back with
GENERIC_NOUNS = frozenset(
    "event letter move decision act action initiative report resolution statement proposal "
    "plan bill law measure policy step attempt meeting conference campaign visit declaration "
    "motion agreement deal remark announcement programme program project practice sanction "
    "exercise operation accusation allegation claim petition referendum vote summit "
    "hearing investigation inquiry ruling verdict order decree treaty".split()
)
#: discrediting speech: what "smears will not stop Y" is about
SMEAR_NOUNS = frozenset(
    "slander slandering smear smearing lie lying rumour rumor conspiracy plot disinformation "
    "misinformation propaganda defamation fabrication accusation allegation vilification "
    "demonization demonisation falsehood distortion libel slur hype".split()
)
#: verbs of obstruction ("hold back" by its particle)
OBSTRUCT_VERBS = frozenset(
    "stop halt hinder impede block obstruct derail prevent taint tarnish erode undermine shake "
    "change alter hide conceal obscure erase reverse deny diminish damage harm stain blacken "
    "sully discredit negate overshadow slow deter thwart dent".split()
)
_OBSTRUCT_PARTICLES = {"hold": "back", "cover": "up", "slow": "down", "wipe": "out"}
_MODALS = frozenset({"can", "could", "will", "would", "shall", "ca", "wo"})
#: "X has made progress in Z" -> "X's progress in Z"
_LIGHT_ACHIEVE = frozenset({"make", "achieve", "register", "score", "record"})
_ACHIEVEMENT_NOUNS = frozenset(
    "progress achievement achievements headway advance advances stride strides gain gains "
    "success successes".split()
)
_FIRST_PERSON = frozenset({"we", "i", "our", "my", "us", "ours"})
_DEMONSTRATIVES = frozenset({"this", "that"})
#: objects that name no thing a stance could be taken on
_FILLERS = frozenset(
    "time times lot thing things way bit couple kind sort one something anything everything "
    "nothing point question minute second moment".split()
)
_MEASURES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "ORDINAL", "PERCENT", "MONEY"})
_POINTING = frozenset({"this", "that", "these", "those"})
#: predicates whose bare "this"/"that" object is resolved: stances taken on
#: something just said ("China firmly opposes this.")
STANCE_VERBS = frozenset(
    "oppose support condemn reject welcome denounce deplore protest object endorse approve "
    "disapprove applaud praise criticize criticise resent regret appreciate back favour favor "
    "accept agree disagree dismiss refute deny".split()
)
_STANCE_WORDS = (
    STANCE_VERBS
    | set(STANCE_ADJECTIVES)
    | set(STANCE_NOUNS)
    | {
        "dissatisfied",
        "against",
    }
)
_BREAK = frozenset({",", ";", ":", "(", ")", "—", "–", "--"})


@dataclasses.dataclass(frozen=True)
class Normalized:
    """What :func:`normalize` found for one claim."""

    #: the claim restated (stance verbalised, demonstratives resolved); "" if nothing to restate
    normalized: str = ""
    #: further restatements matched as extra views (the resolved content, canonical frames)
    paraphrases: tuple[str, ...] = ()
    #: a demonstrative object that no antecedent was found for
    unresolved: bool = False
    #: lemmas of the nouns of what a restated stance is taken on ("law", "mining")
    stance_on: tuple[str, ...] = ()


def _clip(tokens) -> list:  # type: ignore[no-untyped-def]
    """Tokens of a phrase up to its first comma or bracket."""
    out = []
    for t in tokens:
        if t.text in _BREAK or "\n" in t.text:
            break
        out.append(t)
    while out and (out[-1].is_punct or out[-1].is_space or out[-1].dep_ == "cc"):
        out.pop()
    return out


def _text(tokens) -> str:  # type: ignore[no-untyped-def]
    """The words of ``tokens`` (consecutive or not), with the document's spacing."""
    out = ""
    for k, t in enumerate(tokens):
        out += t.text
        if k + 1 < len(tokens):
            out += t.whitespace_ if tokens[k + 1].i == t.i + 1 else " "
    return out


def _phrase(token) -> str:  # type: ignore[no-untyped-def]
    """A noun phrase by its head, cut at its first comma: "an event on X in Y"."""
    return _text(_clip(list(token.subtree)))


def _adverb(adjective: str) -> str | None:
    return INTENSIFIERS.get(adjective.lower())


def _conjugate(verb: str, *, past: bool, plural: bool) -> str:
    if past:
        return verb + ("d" if verb.endswith("e") else "ed")
    if plural:
        return verb
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Resolver:
    """Antecedents of demonstrative objects in one sentence (with the sentence before)."""

    def __init__(self, span, previous) -> None:  # type: ignore[no-untyped-def]
        self.span = span
        self.previous = previous
        self.unresolved = False

    def is_demonstrative(self, token) -> bool:  # type: ignore[no-untyped-def]
        """A bare "this"/"that" object, or the head of a "this/that <generic noun>" object."""
        if token.dep_ not in {"dobj", "pobj"}:
            return False
        if token.lower_ in _DEMONSTRATIVES:
            return token.tag_ == "DT" and not list(token.children)
        if token.lemma_.lower() not in GENERIC_NOUNS:
            return False
        children = list(token.children)
        # "this event", "this anti-China event"; not "that health care program" or
        # "this plan for schools", which say what they are
        return any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in children) and all(
            c.dep_ in {"det", "amod", "advmod", "punct"} for c in children
        )

    def replacement(self, token) -> tuple | None:  # type: ignore[no-untyped-def]
        """(first token index, last token index, antecedent text, antecedent tokens) for a
        demonstrative object, or None."""
        if token.lower_ in _DEMONSTRATIVES:
            governor = _governor(token)
            if governor is None or governor.lemma_.lower() not in _STANCE_WORDS:
                return None  # "I don't believe that": what "that" is stays open
            found = self._event_antecedent()
            return (token.i, token.i, *found) if found else None
        det = next(c for c in token.children if c.dep_ == "det")
        found = self._same_head(token)
        return (det.i, token.i, *found) if found else None

    def _same_head(self, head) -> tuple[str, list] | None:  # type: ignore[no-untyped-def]
        """The nearest earlier noun phrase with the same head noun, not itself "this N"."""
        lemma = head.lemma_.lower()
        candidates = [t for t in self.span if t.i < det_start(head)]
        if self.previous is not None:
            candidates = list(self.previous) + candidates
        for t in reversed(candidates):
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN":
                continue
            if any(c.dep_ == "det" and c.lower_ in _POINTING for c in t.children):
                continue
            words = _clip(list(t.subtree))
            return (_text(words), words) if words else None
        return None

    def _event_antecedent(self) -> tuple[str, list] | None:
        """The object of the previous sentence's main clause, with the participle describing it."""
        if self.previous is None:
            return None
        root = self.previous.root
        verbs = [root, *[c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]]
        for verb in verbs:
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}]
            if not objects:
                continue
            obj = objects[0]
            if self.is_demonstrative(obj) or obj.lower_ in _DEMONSTRATIVES:
                return None
            if obj.lemma_.lower() in _FILLERS or obj.ent_type_ in _MEASURES:
                return None  # "criticized it a couple of times": no thing to take a stance on
            words = _clip(list(obj.subtree))
            if not words:
                return None
            # "sent a letter ..., making groundless accusations against X": what the object does
            participles = [
                c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > obj.i
            ]
            if participles:
                words = words + _clip(list(participles[0].subtree))
            return _text(words), words
        return None


#: A claim whose object is an unresolved "this" is unresolved when it has at
#: most this many content words: "We oppose this." has one; "We have to end
#: Obamacare, and I will do that." says enough to be matched.
VAGUE_WORDS = 3


def _words(tokens) -> int:  # type: ignore[no-untyped-def]
    return sum(
        1
        for t in tokens
        if t.is_alpha and not t.is_stop and t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
    )


def _governor(token):  # type: ignore[no-untyped-def]
    """The word ``token`` is the object of: the verb of a dobj, the word a preposition hangs on."""
    if token.dep_ == "dobj":
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return token.head.head
    return None


def _core(token, main: list) -> bool:  # type: ignore[no-untyped-def]
    """Is ``token`` an object of the claim's main predicate (directly or through a
    predicative adjective, a stance noun or a coordination)?"""
    node = _governor(token)
    for _ in range(4):
        if node is None:
            return False
        if node in main:
            return True
        if node.dep_ not in {"acomp", "conj", "dobj", "xcomp", "attr"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def det_start(head) -> int:  # type: ignore[no-untyped-def]
    """Index of the first token of ``head``'s left modifiers ("this anti-China event")."""
    return min([head.i, *(c.i for c in head.lefts)])


def _subject(verb):  # type: ignore[no-untyped-def]
    """The subject of ``verb`` or of the first verb above it that has one."""
    node = verb
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return subjects[0]
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def normalize(
    span,
    content: tuple[int, int],
    main: list,
    previous=None,
    *,
    speaker: str | None = None,
    actor_at: Callable[[int], str | None] = lambda _: None,
) -> Normalized:  # type: ignore[no-untyped-def]
    """Restatements of the claim ``span`` (content offsets ``content``, main predicates ``main``).

    ``previous`` is the sentence before (a spaCy span) or None; ``speaker`` the
    name of the claim's speaker; ``actor_at(offset)`` the name of the actor a
    pronoun at that offset was resolved to, if any.
    """
    lo, hi = content
    tokens = [t for t in span if lo <= t.idx < hi]
    if not tokens:
        return Normalized()
    resolver = _Resolver(span, previous)
    # demonstratives anywhere in the content's objects
    replacements: dict[int, tuple[int, int, str]] = {}
    for t in tokens:
        if not resolver.is_demonstrative(t):
            continue
        found = resolver.replacement(t)
        if found is not None:
            replacements[t.i] = found
        elif t.lower_ in _DEMONSTRATIVES and _core(t, main) and _words(tokens) <= VAGUE_WORDS:
            # "We oppose this.", "I disagree with that.": nothing else to match on
            resolver.unresolved = True

    def render(start: int, end: int) -> str:
        """Text of tokens ``start..end`` (document indices) with demonstratives resolved."""
        out: list[str] = []
        skip_to = -1
        doc = span.doc
        for i in range(start, end + 1):
            if i <= skip_to:
                continue
            t = doc[i]
            hit = next((r for r in replacements.values() if r[0] == i), None)
            if hit is not None:
                out.append(hit[2] + doc[hit[1]].whitespace_)
                skip_to = hit[1]
                continue
            out.append(t.text_with_ws)
        return "".join(out).strip()

    def name_of(token) -> str | None:  # type: ignore[no-untyped-def]
        if token is None:
            return None
        if token.lower_ in _FIRST_PERSON:
            return speaker
        if token.pos_ == "PRON":
            return actor_at(token.idx)
        return _text(_clip(list(token.subtree))) or None

    replaced = {i for r in replacements.values() for i in range(r[0], r[1] + 1)}

    def spans(obj) -> set[int]:  # type: ignore[no-untyped-def]
        return {t.i for t in obj.subtree}

    stances: list[str] = []
    targets: set[str] = set()
    for verb in main:
        found = _light_verb_stance(verb) or _adjective_stance(verb)
        for actor_token, possessive, adverb, (lemma, prep), past, obj in found:
            if obj is None:
                continue
            first_person = (possessive is not None and possessive.lower_ in _FIRST_PERSON) or (
                actor_token is not None and actor_token.lower_ in _FIRST_PERSON
            )
            actor = speaker if first_person else name_of(actor_token)
            if not actor:
                continue
            # "The ministers expressed their support", "they voiced ..."; the
            # speaker named for "we" is one actor
            plural = (
                not first_person
                and actor_token is not None
                and (
                    actor_token.tag_ in {"NNS", "NNPS"}
                    or actor_token.lower_ == "they"
                    or any(c.dep_ == "conj" for c in actor_token.children)
                )
            )
            obj_tokens = _clip(list(obj.subtree))
            if not obj_tokens:
                continue
            what = render(obj_tokens[0].i, obj_tokens[-1].i)
            words = [actor, adverb, _conjugate(lemma, past=past, plural=plural), prep, what]
            stances.append(_upper_first(" ".join(w for w in words if w)) + ".")
            target_words = [t for t in obj_tokens if t.i not in replaced]
            target_words += [t for r in replacements.values() for t in r[3] if r[0] in spans(obj)]
            targets.update(
                t.lemma_.lower() for t in target_words if t.pos_ in {"NOUN", "PROPN"} and t.is_alpha
            )
    resolved = render(tokens[0].i, tokens[-1].i) if replacements else ""
    # the sentence's own text: Doc.text joins every token of the document
    # each time it is read, which made extraction quadratic in document length
    base = span.start_char
    original = span.text[max(lo - base, 0) : max(hi - base, 0)].strip()
    paraphrases: list[str] = []
    if stances:
        normalized = " ".join(dict.fromkeys(stances))
        paraphrases.append(resolved or original)
    else:
        normalized = resolved
    paraphrases.extend(_frames(main, render))
    paraphrases = [p for p in dict.fromkeys(paraphrases) if p and p != normalized]
    return Normalized(
        normalized=normalized if normalized != original else "",
        paraphrases=tuple(paraphrases),
        unresolved=resolver.unresolved and not replacements,
        stance_on=tuple(sorted(targets)) if stances else (),
    )


def _light_verb_stance(verb):  # type: ignore[no-untyped-def]
    """ "express(es) our resolute opposition to X" -> (actor, possessive, adverb, verb, past, X)."""
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return []
    out = []
    for noun in verb.children:
        if noun.dep_ != "dobj" or noun.lemma_.lower() not in STANCE_NOUNS:
            continue
        possessive = next((c for c in noun.children if c.dep_ == "poss"), None)
        adverb = next(
            (a for c in noun.children if c.dep_ == "amod" and (a := _adverb(c.text))), None
        )
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in _STANCE_PREPS]
        preps += [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in _STANCE_PREPS - {"with", "on"} and c.i > noun.i
        ]
        objects = [o for p in preps for o in p.children if o.dep_ == "pobj"]
        past = verb.tag_ == "VBD"
        out.append(
            (
                _subject(verb),
                possessive,
                adverb,
                STANCE_NOUNS[noun.lemma_.lower()],
                past,
                objects[0] if objects else None,
            )
        )
    return out


def _adjective_stance(verb):  # type: ignore[no-untyped-def]
    """ "is (deeply dissatisfied and) firmly opposed to X" -> (actor, None, adverb, verb, past, X)."""
    if verb.lemma_.lower() != "be":
        return []
    out = []
    adjectives = [c for c in verb.children if c.dep_ == "acomp"]
    adjectives += [c for a in list(adjectives) for c in a.children if c.dep_ == "conj"]
    for adjective in adjectives:
        stance = STANCE_ADJECTIVES.get(adjective.lower_)
        if stance is None:
            continue
        if any(c.dep_ == "neg" for c in [*verb.children, *adjective.children]):
            continue  # "is not opposed to X"
        preps = [c for c in adjective.children if c.dep_ == "prep" and c.lower_ in {"to", "of"}]
        objects = [o for p in preps for o in p.children if o.dep_ == "pobj"]
        adverb = next((c.lower_ for c in adjective.children if c.dep_ == "advmod"), None)
        past = verb.tag_ == "VBD"
        out.append((_subject(verb), None, adverb, stance, past, objects[0] if objects else None))
    return out


def _negated_modal(verb) -> tuple[bool, object]:  # type: ignore[no-untyped-def]
    """(is ``verb`` negated under a modal, the subject token)."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj", "nsubjpass"}), None)
    modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)
    if not modal or subject is None:
        return False, subject
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return True, subject
    if any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
        return True, subject
    return False, subject


def _is_smear(subject) -> bool:  # type: ignore[no-untyped-def]
    """Discrediting speech: "slander", "lies and rumours", "spreading lies about X"."""
    heads = [subject, *[c for c in subject.children if c.dep_ == "conj"]]
    for head in heads:
        if head.lemma_.lower() in SMEAR_NOUNS or head.lower_ in SMEAR_NOUNS:
            return True
        # "crafting conspiracies", "spreading lies about X"
        if (head.tag_ == "VBG" or head.dep_ == "csubj") and any(
            c.dep_ == "dobj" and (c.lemma_.lower() in SMEAR_NOUNS or c.lower_ in SMEAR_NOUNS)
            for c in head.children
        ):
            return True
        if head.lower_ in {"amount", "kind", "sort"}:
            # "no amount of lies"
            for prep in head.children:
                if prep.dep_ == "prep" and any(
                    o.lemma_.lower() in SMEAR_NOUNS for o in prep.children if o.dep_ == "pobj"
                ):
                    return True
    return False


def _obstruction(verb) -> bool:  # type: ignore[no-untyped-def]
    lemma = verb.lemma_.lower()
    particle = _OBSTRUCT_PARTICLES.get(lemma)
    if particle is not None:
        return any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children)
    return lemma in OBSTRUCT_VERBS


def _achievement(obj) -> str | None:  # type: ignore[no-untyped-def]
    """ "the fact that X has made significant progress in Z" -> "X's significant progress in Z"."""
    if obj.lemma_.lower() not in {"fact", "truth", "reality"}:
        return None
    clauses = [
        c
        for c in obj.children
        if c.dep_ in {"acl", "ccomp", "relcl", "appos"}
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]
    if not clauses:
        return None
    clause = clauses[0]
    if clause.lemma_.lower() not in _LIGHT_ACHIEVE:
        return None
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    nouns = [
        c for c in clause.children if c.dep_ == "dobj" and c.lemma_.lower() in _ACHIEVEMENT_NOUNS
    ]
    if not subjects or not nouns:
        return None
    who = _text(_clip([t for t in subjects[0].subtree if t.dep_ != "case"]))
    what = _text(_clip(list(nouns[0].subtree)))
    where = [c for c in clause.children if c.dep_ == "prep" and c.i > nouns[0].i]
    text = f"{who}'s {what}"
    if where:
        text += " " + _text(_clip(list(where[0].subtree)))
    return text


def _frames(main: list, render) -> list[str]:  # type: ignore[no-untyped-def]
    """Restatements of negated obstruction: "No X can V Y" -> "X cannot V Y", "Smears cannot stop Y"."""
    out = []
    for verb in main:
        if verb.pos_ != "VERB":
            continue
        negated, subject = _negated_modal(verb)
        if not negated:
            continue
        after = [t for t in verb.subtree if t.i > verb.i]
        after = [t for t in after if not (t.dep_ == "prt" and t.head == verb)]
        while after and (after[-1].is_punct or after[-1].is_space):
            after.pop()
        if not after:
            continue
        rest = render(after[0].i, after[-1].i)
        no_det = any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)
        if (
            no_det
            and subject.dep_ == "nsubj"
            and verb.tag_ == "VB"
            and subject.lemma_.lower() not in {"amount", "kind", "sort", "one", "body"}
        ):
            # "No X can V Y" -> "X cannot V Y"
            words = [t for t in subject.subtree if not (t.dep_ == "det" and t.head == subject)]
            particle = [c.text for c in verb.children if c.dep_ == "prt"]
            out.append(
                _upper_first(_text(words))
                + " cannot "
                + " ".join([verb.text, *particle])
                + " "
                + rest
                + "."
            )
        if not (_is_smear(subject) and _obstruction(verb)):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        nominal = _achievement(objects[0]) if objects else None
        if nominal is not None:
            out.append(f"Smears cannot stop {nominal}.")
            continue
        # "... will not stop A or hold back B": each obstruction as "stop"
        words = []
        for t in after:
            if t.dep_ == "prt" and t.head.dep_ == "conj" and _obstruction(t.head):
                continue
            if t.dep_ == "conj" and t.head == verb and _obstruction(t):
                words.append("stop ")
                continue
            words.append(t.text_with_ws)
        out.append("Smears cannot stop " + "".join(words).strip() + ".")
    return out
