"""JSON-able records of an extraction: what ``claimgraph extract`` prints, and graph.json reuses.

Every dict that describes an extraction record is written here, once:
:func:`claim_record`, :func:`time_record` and :func:`quantity_record` give
the claim attributes of ``graph.json`` (``graph.build`` adds only what needs
the whole graph: label, family, publication date, actors merged across
documents), and :func:`document_record` gives everything extraction found in
one document, every time expression included.  :func:`format_table` renders a
document record for a terminal.  Records hold only str, int, float, bool,
None, lists and dicts, so ``json.dumps(record, sort_keys=True)`` is stable.

The schema, with an example, is in ``docs/extract.md``.
"""

from __future__ import annotations

import bisect
import textwrap
from collections.abc import Iterable, Iterator, Sequence

from .claims import EXTRACTOR_VERSION, extract_documents
from .records import (
    Actor,
    ActorMention,
    Claim,
    Document,
    DocumentExtraction,
    Quantity,
    Sentence,
    TimeExpression,
)

__all__ = [
    "actor_record",
    "claim_record",
    "document_record",
    "document_records",
    "format_table",
    "mention_record",
    "metadata_record",
    "quantity_record",
    "sentence_record",
    "time_record",
]

#: Keys of a time record that are left out when they have no value (as in graph.json).
_OPTIONAL_TIME_KEYS = ("modifier", "anchor", "begin", "end_value")


def time_record(t: TimeExpression) -> dict:
    """A time expression as in graph.json: ``modifier``, ``anchor``, ``begin`` and
    ``end_value`` appear only when they have a value.

    Examples
    --------
    >>> time_record(TimeExpression("last year", 4, 13, "DATE", "2018", anchor="2019-07-10"))
    {'text': 'last year', 'start': 4, 'end': 13, 'type': 'DATE', 'value': '2018', 'anchor': '2019-07-10'}
    """
    out: dict = {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
    for key in _OPTIONAL_TIME_KEYS:
        value = getattr(t, key)
        if value is not None:
            out[key] = value
    return out


def quantity_record(q: Quantity) -> dict:
    """A quantity as in graph.json (``unit`` and ``modifier`` may be None)."""
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "value": q.value,
        "unit": q.unit,
        "modifier": q.modifier,
    }


def claim_record(claim: Claim) -> dict:
    """The attributes of a claim node of graph.json that extraction alone determines.

    ``speaker`` and ``source`` are actor ids of the claim's document; a build
    (and the ``actor`` of each of ``actors``) maps them onto the actors
    merged across documents, and adds ``kind``,
    ``label``, ``published`` and ``family``.
    """
    return {
        "text": claim.text,
        "content": claim.content,
        "normalized": claim.normalized,
        "unresolved": claim.unresolved,
        "document": claim.document,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "speaker": claim.speaker,
        "source": claim.source,
        "stance": claim.stance,
        "negated": claim.negated,
        "claimant": claim.claimant,
        "relays": claim.relays,
        "rebuts": claim.rebuts,
        "times": [time_record(t) for t in claim.times],
        "quantities": [quantity_record(q) for q in claim.quantities],
        "actors": [mention_record(m) for m in claim.mentions],
        "paraphrases": list(claim.paraphrases),
        "stance_on": list(claim.stance_on),
    }


def mention_record(m: ActorMention) -> dict:
    """An actor named in a claim: actor id, the words used, their span and the role."""
    return {"actor": m.actor, "text": m.text, "start": m.start, "end": m.end, "role": m.role}


def actor_record(actor: Actor) -> dict:
    """An actor of one document: id, name, kind and the other names it goes by there."""
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
    }


def sentence_record(sentence: Sentence) -> dict:
    """A sentence: index, span, text, whether it was taken as a claim and why."""
    return {
        "index": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "claim": sentence.is_claim,
        "reason": sentence.reason,
    }


def metadata_record(document: Document) -> dict:
    """A document's identity and metadata, with where each metadata field came from."""
    return {
        "id": document.id,
        "path": document.path,
        "sha256": document.sha256,
        "format": document.format,
        "encoding": document.encoding,
        "language": document.language,
        "title": document.title,
        "issuer": document.issuer,
        "published": document.published.isoformat() if document.published else None,
        "place": document.place,
        "published_by": document.published_by,
        "url": document.url,
        "metadata_source": dict(document.metadata_source),
    }


def _sentence_of(sentences: Sequence[Sentence], starts: Sequence[int], start: int) -> int | None:
    at = bisect.bisect_right(starts, start) - 1
    if at >= 0 and start < sentences[at].end:
        return sentences[at].index
    return None


def document_record(extraction: DocumentExtraction) -> dict:
    """Everything extraction found in one document, as one JSON-able dict.

    Keys: ``document`` (:func:`metadata_record`), ``extractor_version``,
    ``sentences``, ``claims`` (each :func:`claim_record` with its ``id`` and
    the ``actors`` it names, with their roles), ``actors`` (the document's
    actors), and ``times``: every time expression of the document, in claims
    or not, each :func:`time_record` with the index of its ``sentence``.
    Character offsets point into the document text as loaded.

    Examples
    --------
    >>> from extract.load import load_document
    >>> doc = load_document("seeds/2019-07-10_china-mission-geneva_spokesperson-remarks.txt")
    >>> [record] = document_records([doc])
    >>> record["document"]["published"]
    '2019-07-10'
    >>> [(t["text"], t["value"]) for t in record["times"]][:2]
    [('10 July 2019', '2019-07-10'), ('A few days ago', 'PAST_REF')]
    """
    sentences = extraction.sentences
    starts = [s.start for s in sentences]
    times = []
    for t in extraction.times:
        times.append(time_record(t) | {"sentence": _sentence_of(sentences, starts, t.start)})
    return {
        "document": metadata_record(extraction.document),
        "extractor_version": EXTRACTOR_VERSION,
        "sentences": [sentence_record(s) for s in sentences],
        "claims": [{"id": c.id, **claim_record(c)} for c in extraction.claims],
        "actors": [actor_record(a) for a in extraction.actors],
        "times": times,
    }


def document_records(documents: Iterable[Document], *, model: str | None = None) -> Iterator[dict]:
    """Extract ``documents`` (one batched spaCy pass, the model loaded once) into records.

    The same code path as a build: :func:`extract.claims.extract_documents`.
    Records come in the order of ``documents``, each as soon as it is ready.
    """
    for extraction in extract_documents(documents, model=model):
        yield document_record(extraction)


# --------------------------------------------------------------------------- table

_WIDTH = 100


def _cut(text: str, width: int) -> str:
    """``text`` on one line, cut at a word boundary to ``width`` characters."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    head = text[: width - 1]
    if text[width - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]  # no half words
    return head.rstrip() + "…"


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [cell.ljust(width) for cell, width in zip(cells[:-1], widths, strict=False)]
    return ("  " + "  ".join([*padded, cells[-1]])).rstrip()


def _wrapped(cells: Sequence[str], widths: Sequence[int], text_width: int) -> list[str]:
    """A row whose last cell is wrapped over as many lines as it needs."""
    lines = textwrap.wrap(" ".join(cells[-1].split()), text_width) or [""]
    blank = [""] * (len(cells) - 1)
    return [
        _row([*(cells[:-1] if i == 0 else blank), line], widths) for i, line in enumerate(lines)
    ]


def format_table(record: dict, width: int = _WIDTH) -> str:
    """A document record as readable text: metadata, claims, then every time expression.

    Claim texts are wrapped, never cut.  Deterministic: the same record gives
    the same text, whatever the terminal.

    Examples
    --------
    >>> record = {
    ...     "document": {"path": "note.txt", "id": "doc:note", "title": None,
    ...                  "issuer": "Ministry", "published": "2021-03-03", "place": None,
    ...                  "metadata_source": {"issuer": "text", "published": "option"}},
    ...     "sentences": [{"index": 0, "claim": True}],
    ...     "claims": [{"sentence": 0, "stance": "denies", "speaker": "actor:ministry",
    ...                 "text": "The ministry rejected the report last year.",
    ...                 "actors": [], "quantities": []}],
    ...     "actors": [{"id": "actor:ministry", "name": "Ministry"}],
    ...     "times": [{"sentence": 0, "start": 33, "end": 42, "text": "last year",
    ...                "type": "DATE", "value": "2020", "anchor": "2021-03-03"}]}
    >>> print(format_table(record))
    note.txt  (doc:note)
      title      -
      issuer     Ministry  (text)
      published  2021-03-03  (option)
      place      -
      1 sentences, 1 claims, 1 time expressions
    <BLANKLINE>
      claims
      sent  stance  speaker   text
      s0    denies  Ministry  The ministry rejected the report last year.
    <BLANKLINE>
      time expressions
      sent  span   type  value  mod  text
      s0    33-42  DATE  2020        last year
    """
    doc = record["document"]
    names = {a["id"]: a["name"] for a in record.get("actors", [])}
    sources = doc.get("metadata_source", {})
    lines = [f"{doc['path']}  ({doc['id']})"]
    for field in ("title", "issuer", "published", "place"):
        value = doc.get(field)
        shown = "-" if value is None else " ".join(str(value).split())
        if value is not None and field in sources:
            shown += f"  ({sources[field]})"
        wrapped = textwrap.wrap(shown, width - 13) or [shown]
        lines.append(f"  {field:<9}  {wrapped[0]}")
        lines += [" " * 13 + more for more in wrapped[1:]]
    claims, times = record["claims"], record["times"]
    lines.append(
        f"  {len(record['sentences'])} sentences, {len(claims)} claims, "
        f"{len(times)} time expressions"
    )

    if claims:
        labels = [f"s{c['sentence']}" for c in claims]
        speakers = [_cut(names.get(c["speaker"], c["speaker"] or "-"), 20) for c in claims]
        widths = [
            max(4, *(len(label) for label in labels)),
            max(6, *(len(c["stance"]) for c in claims)),
            max(7, *(len(s) for s in speakers)),
        ]
        text_width = max(30, width - 2 - sum(w + 2 for w in widths))
        lines += ["", "  claims", _row(["sent", "stance", "speaker", "text"], widths)]
        for claim, label, speaker in zip(claims, labels, speakers, strict=True):
            lines += _wrapped([label, claim["stance"], speaker, claim["text"]], widths, text_width)
            named = [
                f"{names.get(m['actor'], m['actor'])} ({m['role']})"
                for m in claim.get("actors", [])
                if m["role"] != "speaker"
            ]
            amounts = [
                q["text"] + (f" ({q['modifier']})" if q.get("modifier") else "")
                for q in claim.get("quantities", [])
            ]
            for key, items in (("actors", named), ("quantities", amounts)):
                if items:
                    lines += _wrapped(
                        ["", "", "", f"{key}: " + "; ".join(items)], widths, text_width
                    )

    if times:
        labels = ["-" if t.get("sentence") is None else f"s{t['sentence']}" for t in times]
        spans = [f"{t['start']}-{t['end']}" for t in times]
        mods = [t.get("modifier") or "" for t in times]
        widths = [
            max(4, *(len(label) for label in labels)),
            max(4, *(len(s) for s in spans)),
            max(4, *(len(t["type"]) for t in times)),
            max(5, *(len(t["value"]) for t in times)),
            max(3, *(len(m) for m in mods)),
        ]
        text_width = max(20, width - 2 - sum(w + 2 for w in widths))
        header = ["sent", "span", "type", "value", "mod", "text"]
        lines += ["", "  time expressions", _row(header, widths)]
        for t, label, span, mod in zip(times, labels, spans, mods, strict=True):
            cells = [label, span, t["type"], t["value"], mod, t["text"]]
            lines += _wrapped(cells, widths, text_width)
    return "\n".join(lines)
