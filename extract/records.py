"""Records that flow out of extraction: documents, sentences, claims, actors, times.

Records are frozen dataclasses: hashable, comparable, safe to cache and to send
between processes. spaCy objects never appear here.
"""

from __future__ import annotations

import dataclasses
import datetime

__all__ = [
    "Actor",
    "ActorMention",
    "Claim",
    "Document",
    "DocumentExtraction",
    "Quantity",
    "Sentence",
    "TimeExpression",
]


@dataclasses.dataclass(frozen=True)
class Document:
    """A loaded document: its text as loaded, and the metadata found for it.

    ``text`` is what every character offset in the extraction points into.
    """

    id: str
    path: str
    sha256: str
    text: str
    format: str
    encoding: str
    title: str | None = None
    issuer: str | None = None
    published: datetime.date | None = None
    place: str | None = None
    language: str = "en"
    #: where each metadata field came from: "text", "sidecar", "front-matter",
    #: "html-meta", "url", "pdf-info" or "option"
    metadata_source: tuple[tuple[str, str], ...] = ()
    #: why ``published`` is that date: "dateline" ("GENEVA, 10 July 2019 -"),
    #: "header" (a date line or a "Published:" label), "metadata" (HTML meta or
    #: <time>, PDF information, Markdown front matter),
    #: "url" (the folders of its web address: /2023/05/11/), "sidecar" or "option";
    #: None when no date was found (a date named in a sentence is no evidence)
    published_by: str | None = None
    #: the web address the document was saved from (sidecar, front matter, or the
    #: page's canonical link), when known
    url: str | None = None


@dataclasses.dataclass(frozen=True)
class TimeExpression:
    """A time expression, TIMEX3-style, with a character span.

    ``type`` is one of DATE, TIME, DURATION, SET.  ``value`` follows TimeML
    conventions (``2019-07-10``, ``2019``, ``P3Y``, ``PRESENT_REF`` ...).
    ``modifier`` is a TIMEX3 ``mod`` (``APPROX``, ``MORE_THAN``, ``LESS_THAN``,
    ``START``, ``MID``, ``END`` ...) or None.  ``anchor`` is the ISO date the
    value was resolved against, if any.  For a duration that runs up to the
    anchor ("for almost three years" in a text of 2019-07-10), ``begin`` and
    ``end`` give the implied interval (``2016-07-10``/``2019-07-10``).
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    modifier: str | None = None
    anchor: str | None = None
    begin: str | None = None
    end_value: str | None = None


@dataclasses.dataclass(frozen=True)
class Quantity:
    """A number with its modifier and unit: "nearly 100 countries"."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None = None
    modifier: str | None = None


@dataclasses.dataclass(frozen=True)
class Actor:
    """A canonical actor, the same across documents."""

    id: str
    name: str
    kind: str  # state, organisation, group, person, region, people
    aliases: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class ActorMention:
    """An actor named in a claim, with the words used and the role it plays."""

    actor: str  # Actor.id
    text: str
    start: int
    end: int
    role: str = "mentioned"  # speaker, source, target, beneficiary, mentioned


@dataclasses.dataclass(frozen=True)
class Sentence:
    """A sentence of a document and whether it was taken as a claim."""

    index: int
    start: int
    end: int
    text: str
    is_claim: bool
    reason: str  # why it is or is not a claim: "assertion", "header", "courtesy" ...


@dataclasses.dataclass(frozen=True)
class Claim:
    """A claim: a sentence (or clause) that asserts something, with provenance."""

    id: str
    document: str  # Document.id
    sentence: int  # Sentence.index
    start: int
    end: int
    text: str
    speaker: str | None  # Actor.id
    stance: str = "asserts"  # asserts, denies, reports
    negated: bool = False
    source: str | None = None  # Actor.id of a reported source ("envoys concluded that")
    content: str = ""  # the proposition without its attribution frame
    #: content words of the proposition (lower-case lemmas, no stop words, no actor names)
    keywords: tuple[str, ...] = ()
    mentions: tuple[ActorMention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    #: the proposition restated for matching: stance verbalised ("X opposes Y"),
    #: demonstratives resolved ("this event" -> its antecedent); "" when the
    #: content says it as plainly (see :mod:`extract.normalize`)
    normalized: str = ""
    #: further restatements matched as extra views (the content with its
    #: demonstratives resolved, canonical frames: "Smears will not stop Y")
    paraphrases: tuple[str, ...] = ()
    #: a demonstrative object ("We oppose this.") with no antecedent in the text:
    #: the claim cannot be matched across documents on its own
    unresolved: bool = False
    #: lemmas of the nouns of what a restated stance is taken on (with
    #: ``normalized``): two stances on things that share no noun are not one claim
    stance_on: tuple[str, ...] = ()
    #: the proposition the claim calls false, as its sentence states it ("the
    #: allegation that P is groundless" -> P); "" when it rebuts nothing
    rebuts: str = ""
    #: whose claim it is (Actor.id): the one quoted ("Ambassador Lee said that
    #: ..." -> Lee), else the speaker
    claimant: str | None = None
    #: the claimant relays the content without taking it as its own ("cited
    #: estimates that ...", "reports say that ...")
    relays: bool = False


@dataclasses.dataclass(frozen=True)
class DocumentExtraction:
    """Everything extraction found in one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    actors: tuple[Actor, ...]
    times: tuple[TimeExpression, ...]
