"""Recurring claims: which claims of different documents state the same proposition.

A pair of claims from two documents is scored by the cosine of their sentence
embeddings (all-MiniLM-L6-v2), computed on the claim's *content* — the
proposition without its attribution frame ("They concluded that ...").  Pairs
at or above ``threshold`` become RECURS links.  Claims are then grouped into
families by average-linkage clustering inside each connected group of links,
so one loose link cannot chain two unrelated talking points together.

Numbers and dates are compared as values: two claims that differ only in a
figure ("for almost three years" / "for over six consecutive years") are an
*updated* recurrence, and for running durations the implied start dates are
compared (``consistent``).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence

import numpy as np

from extract.records import Claim, TimeExpression

__all__ = [
    "DEFAULT_THRESHOLD",
    "ClaimFamily",
    "Recurrence",
    "find_recurrences",
    "group_families",
    "link_claims",
]

#: Cosine at or above which two claims of different documents recur.  Chosen
#: on the seeds' gold pairs (tests/data/gold/seeds_recurs.json): the lowest
#: true pair scores 0.67 and the highest false pair 0.58.
DEFAULT_THRESHOLD = 0.64

#: At most this many links are kept per claim (its nearest neighbours).
MAX_NEIGHBOURS = 20

#: Below this cosine, two claims must also share a content word (beyond actor
#: names) to recur: embeddings alone rate "X has had no attack for years" and
#: "the issues of X are not about human rights" alike, for the shared name.
LEXICAL_GATE = 0.85

_WORD = re.compile(r"[a-z]+")


@dataclasses.dataclass(frozen=True)
class Recurrence:
    """A RECURS link: ``source`` (the earlier claim) recurs as ``target``."""

    source: str
    target: str
    score: float
    relation: str  # repeated, reworded, updated
    consistent: bool | None = None
    evidence: str = ""


@dataclasses.dataclass(frozen=True)
class ClaimFamily:
    """Claims that state one proposition across documents, in date order."""

    id: str
    claims: tuple[str, ...]
    label_claim: str
    first_seen: str | None
    last_seen: str | None


def _date_key(claim: Claim, published: dict[str, str | None]) -> tuple[str, str]:
    return (published.get(claim.document) or "9999", claim.id)


def _durations(claim: Claim) -> list[TimeExpression]:
    return [t for t in claim.times if t.type == "DURATION"]


def _values(claim: Claim) -> set[tuple[str, str]]:
    """Figures of a claim as (unit, value) pairs: durations and quantities."""
    out = {("duration", t.value[-1:]) for t in _durations(claim)}
    out |= {(q.unit or "", "n") for q in claim.quantities}
    return out


def _figures(claim: Claim) -> set[str]:
    return {t.value for t in _durations(claim)} | {
        f"{q.value:g} {q.unit}" for q in claim.quantities
    }


def _implied_start(t: TimeExpression) -> datetime.date | None:
    if not t.begin:
        return None
    try:
        return datetime.date.fromisoformat(t.begin)
    except ValueError:
        return None


def _consistency(a: Claim, b: Claim) -> tuple[bool | None, str]:
    """Do two running durations imply the same start ("three years" in 2019, "six" in 2023)?"""
    for ta in _durations(a):
        for tb in _durations(b):
            sa, sb = _implied_start(ta), _implied_start(tb)
            if sa is None or sb is None:
                continue
            gap = abs((sa - sb).days) / 365.25
            # "almost", "over" and whole-year rounding each blur a start by up
            # to a year or two.
            tolerance = 1.0 + (ta.modifier is not None) + (tb.modifier is not None)
            return gap <= tolerance, (
                f"implied starts {sa.isoformat()} and {sb.isoformat()} are {gap:.1f} years apart"
            )
    return None, ""


def _relation(a: Claim, b: Claim, score: float) -> str:
    words_a = set(_WORD.findall(a.content.lower() or a.text.lower()))
    words_b = set(_WORD.findall(b.content.lower() or b.text.lower()))
    if _values(a) & _values(b) and _figures(a) != _figures(b):
        return "updated"
    if score >= 0.95 or words_a == words_b:
        return "repeated"
    return "reworded"


def _stems(claim: Claim) -> frozenset[str]:
    """Content words cut to five letters, a crude stem: "protects"/"protection" meet."""
    return frozenset(word[:5] for word in claim.keywords)


def find_recurrences(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    published: dict[str, str | None],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    block: int = 2048,
) -> list[Recurrence]:
    """Pairs of claims from different documents whose cosine is at least ``threshold``.

    ``vectors`` are unit-length rows aligned with ``claims``.  Exact search in
    blocks of ``block`` rows keeps memory at ``block * len(claims)`` floats.
    """
    n = len(claims)
    docs = np.array([c.document for c in claims])
    stems = [_stems(c) for c in claims]
    pairs: dict[tuple[int, int], float] = {}
    for lo in range(0, n, block):
        sims = vectors[lo : lo + block] @ vectors.T
        for row in range(sims.shape[0]):
            i = lo + row
            scores = sims[row]
            candidates = np.nonzero(scores >= threshold)[0]
            candidates = candidates[docs[candidates] != docs[i]]
            if len(candidates) > MAX_NEIGHBOURS:
                top = np.argsort(-scores[candidates], kind="stable")[:MAX_NEIGHBOURS]
                candidates = candidates[top]
            for j in candidates.tolist():
                if scores[j] < LEXICAL_GATE and not stems[i] & stems[j]:
                    continue
                key = (min(i, j), max(i, j))
                pairs[key] = max(pairs.get(key, -1.0), float(scores[j]))
    out = []
    for (i, j), score in sorted(pairs.items()):
        a, b = sorted((claims[i], claims[j]), key=lambda c: _date_key(c, published))
        consistent, evidence = _consistency(a, b)
        out.append(
            Recurrence(
                source=a.id,
                target=b.id,
                score=round(score, 4),
                relation=_relation(a, b, score),
                consistent=consistent,
                evidence=evidence,
            )
        )
    out.sort(key=lambda r: (r.source, r.target))
    return out


def group_families(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    recurrences: Sequence[Recurrence],
    published: dict[str, str | None],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[ClaimFamily]:
    """Claim families: average-linkage clusters inside each connected group of links.

    A family holds at least two claims from at least two documents.  Its id
    is made from its earliest claim, so it stays stable when unrelated
    documents are added.
    """
    import networkx as nx
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    index = {c.id: i for i, c in enumerate(claims)}
    links = nx.Graph()
    links.add_edges_from((r.source, r.target) for r in recurrences)
    families = []
    for component in nx.connected_components(links):
        members = sorted(component, key=lambda cid: index[cid])
        rows = [index[m] for m in members]
        if len(members) == 2:
            clusters = [members]
        else:
            sims = np.clip(vectors[rows] @ vectors[rows].T, -1.0, 1.0)
            distance = 1.0 - sims
            np.fill_diagonal(distance, 0.0)
            distance = (distance + distance.T) / 2
            tree = linkage(squareform(distance, checks=False), method="average")
            labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
            groups: dict[int, list[str]] = {}
            for member, label in zip(members, labels, strict=True):
                groups.setdefault(int(label), []).append(member)
            clusters = list(groups.values())
        for cluster in clusters:
            chosen = [claims[index[c]] for c in cluster]
            if len(cluster) < 2 or len({c.document for c in chosen}) < 2:
                continue
            chosen.sort(key=lambda c: _date_key(c, published))
            rows = [index[c.id] for c in chosen]
            centrality = (vectors[rows] @ vectors[rows].T).mean(axis=1)
            label = chosen[int(np.argmax(centrality))]
            dates = [published.get(c.document) for c in chosen if published.get(c.document)]
            first = chosen[0]
            families.append(
                ClaimFamily(
                    id="family:" + first.id.split(":", 1)[1].replace("#", "-"),
                    claims=tuple(c.id for c in chosen),
                    label_claim=label.id,
                    first_seen=min(dates) if dates else None,
                    last_seen=max(dates) if dates else None,
                )
            )
    families.sort(key=lambda f: f.id)
    return families


def link_claims(
    claims: Sequence[Claim],
    published: dict[str, str | None],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: str | None = None,
    vectors: np.ndarray | None = None,
) -> tuple[list[Recurrence], list[ClaimFamily]]:
    """Link recurring claims across documents and group them into families.

    Parameters
    ----------
    claims : claims of all documents
    published : document id -> ISO publication date (or None)
    threshold : cosine at or above which two claims recur
    model : embedding model (folder), default all-MiniLM-L6-v2
    vectors : precomputed unit embeddings aligned with ``claims`` (optional)

    Examples
    --------
    >>> from extract.records import Claim
    >>> a = Claim("claim:a#s1", "doc:a", 1, 0, 10, "China respects and protects human rights.", None,
    ...           content="China respects and protects human rights.")
    >>> b = Claim("claim:b#s4", "doc:b", 4, 0, 10, "China protects and respects human rights.", None,
    ...           content="China protects and respects human rights.")
    >>> links, families = link_claims([a, b], {"doc:a": "2019-01-01", "doc:b": "2020-01-01"})
    >>> (links[0].source, links[0].target, links[0].relation)
    ('claim:a#s1', 'claim:b#s4', 'repeated')
    >>> families[0].claims
    ('claim:a#s1', 'claim:b#s4')
    """
    from .embed import embed_texts

    order = sorted(range(len(claims)), key=lambda i: claims[i].id)
    claims = [claims[i] for i in order]
    if vectors is None:
        vectors = embed_texts([c.content or c.text for c in claims], model=model)
    else:
        vectors = vectors[order]
    recurrences = find_recurrences(claims, vectors, published, threshold=threshold)
    families = group_families(claims, vectors, recurrences, published, threshold=threshold)
    return recurrences, families
