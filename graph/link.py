"""Recurring claims: which claims of different documents state the same proposition.

Every claim is matched by :mod:`graph.match` — the matcher behind
``claimgraph match`` — on its *content* (the proposition without its
attribution frame) and on the parts of it (clauses) that state one
proposition each.  Where extraction restated the claim
(:mod:`extract.normalize`: "We are firmly opposed to this." as "<speaker>
firmly opposes <what this points back to>"), the restatement is its text and
its paraphrases are further views (:func:`graph.match.claim_statement`).  A
claim whose object is an unresolved "this" and that says nothing else ("We
oppose this.") is not linked, and two restated stances on things that share
no noun do not recur.  A pair of claims from different documents is scored from
four pieces of evidence: the best cosine between their views, the cosine of the
whole texts (all-MiniLM-L6-v2), and the idf-weighted share of each claim's
content words found in the other.  A logistic model turns them into the
probability that the two state the same proposition; pairs at or above
``threshold`` become RECURS links, unless they assert opposite predicates
("100 countries support" / "100 countries oppose").

How the threshold was calibrated: see :data:`graph.match.DEFAULT_MODEL`.

Candidates: each claim's :data:`MAX_NEIGHBOURS` nearest claims by embedding
(exact search, or a faiss index for large inputs) and, for inputs up to
:data:`graph.match.EXACT_LIMIT`, its nearest claims by BM25; only those pairs
are scored, so linking grows as n * k, not n².

Numbers and dates are compared as values: two claims that differ in a figure
("for almost three years" / "for over six consecutive years") are an
*updated* recurrence, and for running durations the implied start dates are
compared (``consistent``).

A claim with fewer than :data:`MIN_LINK_WORDS` content words ("I was a
governor.") is not linked, and two claims that share fewer than
:data:`MIN_SHARED_WORDS` content words recur only as close paraphrases
(whole-text cosine :data:`PARAPHRASE_COSINE`): on debate transcripts the
matcher, calibrated on tweets and fact-checks, otherwise links short sentences
on one shared word.

Families are made by average linkage over the scored pairs (a pair never
scored counts as 0): a cluster joins another only when the mean score of all
pairs between them reaches the threshold, so a chain of loose links cannot
pull unrelated talking points together.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import heapq
import json
import os
import pathlib
import re
import tempfile
import zipfile
from collections.abc import Callable, Sequence

import numpy as np

from extract.records import Claim, TimeExpression

from . import match as _match

__all__ = [
    "DEFAULT_THRESHOLD",
    "LOGISTIC_THRESHOLD",
    "POSITIONS",
    "ClaimFamily",
    "FamilyVariant",
    "Recurrence",
    "Reranking",
    "average_linkage",
    "claim_statements",
    "claim_text",
    "default_threshold",
    "find_recurrences",
    "group_families",
    "link_claims",
    "neighbour_state_name",
    "rebuttal_pairs",
    "scored_pairs",
]

#: Score (the logistic model fused with the re-ranker, :func:`graph.match.fuse`) at or
#: above which two claims of different documents state one proposition.  Tuned
#: on what is training data by now: the ``tune`` half of tests/data/devset
#: (benchmarks/eval_devset.py: link F1 0.283 at 0.3, 0.268 at 0.4, 0.256 at
#: 0.45; precision 0.31, 0.35, 0.36) and the seeds' gold pairs (at 0.3 two
#: extra links, precision 0.75; at 0.4 the 6 gold links and no other).  0.4
#: keeps the seeds and loses 0.015 of F1.
DEFAULT_THRESHOLD = 0.4

#: The same, for the logistic model of :data:`graph.match.DEFAULT_MODEL` alone
#: (the re-ranker switched off).
LOGISTIC_THRESHOLD = _match.DEFAULT_MODEL.threshold

#: Each claim is scored against at most this many nearest claims (by embedding).
MAX_NEIGHBOURS = 20

#: A claim with fewer content words than this says too little to be recognised
#: in another document ("I was a governor.", "It's not true.", "America must
#: lead."): it is not linked.  Transcripts are full of such sentences, and the
#: matcher, calibrated on tweets and fact-checks, scores two of them sharing
#: one word near 1.
MIN_LINK_WORDS = 3

#: Two claims recur only when they share at least this many content words ...
MIN_SHARED_WORDS = 2
#: ... or their whole texts are this close (a paraphrase in other words).
PARAPHRASE_COSINE = 0.85

# Words that say how, not what: shared, they do not make two claims one.
_NOT_CONTENT = frozenset(
    {
        "no",
        "not",
        "nor",
        "never",
        "cannot",
        "more",
        "most",
        "over",
        "under",
        "against",
        "said",
        "say",
    }
)


def _content_words(words: frozenset[str]) -> frozenset[str]:
    return words - _NOT_CONTENT


#: ... and this many by BM25 (up to graph.match.EXACT_LIMIT claims).
LEXICAL_NEIGHBOURS = 10

_WORD = re.compile(r"[a-z]+")


@dataclasses.dataclass(frozen=True)
class Recurrence:
    """A link between two claims of different documents that state one proposition.

    ``kind`` RECURS: ``source`` (the earlier claim) recurs as ``target``, from
    the same position; ``relation`` is repeated, reworded or updated.
    ``kind`` CONTESTS: ``source`` denies or rebuts ``target``; ``relation``
    is ``rebuts`` (it names what it calls false: "the allegation that P is
    groundless") or ``contradicts`` (it states the opposite: a negation, an
    opposite predicate).
    """

    source: str
    target: str
    score: float
    relation: str  # repeated, reworded, updated; rebuts, contradicts
    consistent: bool | None = None
    evidence: str = ""
    kind: str = "RECURS"


#: A member's position toward its family's proposition.
POSITIONS = ("asserts", "denies", "reports")


@dataclasses.dataclass(frozen=True)
class FamilyVariant:
    """One appearance of a family's claim: when, where, by whom, with which figures,
    and from which position (asserts, denies or reports the family's proposition)."""

    claim: str
    document: str
    published: str | None
    speaker: str | None
    text: str
    figures: tuple[str, ...] = ()
    position: str = "asserts"
    claimant: str | None = None


@dataclasses.dataclass(frozen=True)
class ClaimFamily:
    """Claims that state one proposition across documents, in date order."""

    id: str
    claims: tuple[str, ...]
    label_claim: str
    first_seen: str | None
    last_seen: str | None
    #: the claims in date order with their figures ("almost three years" ...)
    variants: tuple[FamilyVariant, ...] = ()
    #: for a running count: do all its figures imply one start (None: no running count)
    consistent: bool | None = None

    @property
    def contested(self) -> bool:
        """Some members assert the proposition and others deny it."""
        return {"asserts", "denies"} <= {v.position for v in self.variants}


def _date_key(claim: Claim, published: dict[str, str | None]) -> tuple[str, str]:
    return (published.get(claim.document) or "9999", claim.id)


def _durations(claim: Claim) -> list[TimeExpression]:
    return [t for t in claim.times if t.type == "DURATION"]


def _written_dates(claim: Claim) -> list[TimeExpression]:
    """Dates written out ("by 2020", "in July 2019"), not deictic ones ("today")."""
    return [t for t in claim.times if t.type == "DATE" and any(ch.isdigit() for ch in t.text)]


def _values(claim: Claim) -> set[tuple[str, str]]:
    """Kinds of figures of a claim: durations by unit, quantities by unit, written dates."""
    out = {("duration", t.value[-1:]) for t in _durations(claim)}
    out |= {("quantity", q.unit or "") for q in claim.quantities}
    out |= {("date", "")} if _written_dates(claim) else set()
    return out


def _figures(claim: Claim) -> set[str]:
    return (
        {t.value for t in _durations(claim)}
        | {f"{q.value:g} {q.unit}" for q in claim.quantities}
        | {t.value for t in _written_dates(claim)}
    )


def _figure_texts(claim: Claim) -> tuple[str, ...]:
    spans = [(t.start, t.text) for t in [*_durations(claim), *_written_dates(claim)]]
    spans += [(q.start, q.text) for q in claim.quantities]
    return tuple(text for _, text in sorted(spans))


def _implied_start(t: TimeExpression) -> datetime.date | None:
    if not t.begin:
        return None
    try:
        return datetime.date.fromisoformat(t.begin[:10])
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
            verdict = "consistent" if gap <= tolerance else "inconsistent"
            return gap <= tolerance, (
                f"{ta.text!r} and {tb.text!r} imply starts {sa.isoformat()} and "
                f"{sb.isoformat()}, {gap:.1f} years apart: {verdict}"
            )
    return None, ""


def _relation(a: Claim, b: Claim, best: float, whole: float) -> str:
    words_a = set(_WORD.findall((a.content or a.text).lower()))
    words_b = set(_WORD.findall((b.content or b.text).lower()))
    if _values(a) & _values(b) and _figures(a) != _figures(b):
        return "updated"
    if whole >= 0.95 or words_a == words_b:
        return "repeated"
    return "reworded"


def claim_text(claim: Claim) -> str:
    """The text a claim is matched on as a whole: its normalised restatement, else its content."""
    return claim.normalized or claim.content or claim.text


def _different_targets(a: Claim, b: Claim) -> bool:
    """Two restated stances on things that share no noun ("opposes a new mining law" /
    "opposes a football stadium"): the stance words alone do not make one claim."""
    return bool(a.stance_on and b.stance_on and not set(a.stance_on) & set(b.stance_on))


def claim_statements(
    claims: Sequence[Claim], published: dict[str, str | None] | None = None
) -> list[_match.Statement]:
    """The claims as statements to match (:func:`graph.match.claim_statement`)."""
    published = published or {}
    return [
        _match.claim_statement(
            c.id,
            c.content or c.text,
            normalized=c.normalized,
            paraphrases=c.paraphrases,
            document=c.document,
            published=published.get(c.document),
        )
        for c in claims
    ]


def _prepare(
    claims: Sequence[Claim],
    published: dict[str, str | None],
    vectors: np.ndarray | _match.PreparedStatements,
) -> _match.PreparedStatements:
    if isinstance(vectors, _match.PreparedStatements):
        return vectors
    return _match.prepare(claim_statements(claims, published), vectors=vectors, parts=False)


def default_threshold(reranker: str | None = None) -> float:
    """The linking threshold for a re-ranker (:data:`DEFAULT_THRESHOLD`), or for the
    logistic model alone when ``reranker`` is ``"none"`` (:data:`LOGISTIC_THRESHOLD`)."""
    from .rerank import reranker_path

    return DEFAULT_THRESHOLD if reranker_path(reranker) else LOGISTIC_THRESHOLD


@dataclasses.dataclass(frozen=True)
class Reranking:
    """How pair scores are made: the logistic model alone, or re-read by the re-ranker.

    ``model`` is the re-ranker's folder (:func:`graph.rerank.reranker_path`),
    None for the logistic model alone; ``cache`` a folder for its scores.
    """

    model: str | None = None
    cache: str | None = None
    #: pairs the logistic model scores below this are not re-read: fused by a
    #: geometric mean, they cannot reach a threshold ``t`` below ``t**2``
    floor: float = 0.0


#: Pairs the logistic model scores below this are never re-read by the
#: re-ranker, whatever the threshold (they are far from the same proposition).
RERANK_FLOOR = 0.02


def _final_scores(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    logistic: np.ndarray,
    reranking: Reranking | None,
) -> np.ndarray:
    """Scores of pairs: the logistic model's probability fused with the re-ranker's
    (:func:`graph.match.fuse`) where the logistic model leaves the pair in doubt (at or above
    the re-ranking's floor and :data:`RERANK_FLOOR`); below, the logistic
    probability itself, which a fused score could not exceed by much and which
    stays under the threshold.

    Re-reading only those pairs keeps the re-ranker's cost to a small share of
    the candidate pairs of a large build."""
    logistic = np.asarray(logistic, dtype=np.float32)
    if reranking is None or reranking.model is None or not len(logistic):
        return logistic
    from .rerank import score_pairs

    out = logistic.copy()
    read = np.flatnonzero(logistic >= max(RERANK_FLOOR, reranking.floor))
    if len(read):
        probs = score_pairs(
            [(texts_a[k], texts_b[k]) for k in read.tolist()],
            model=reranking.model,
            cache=reranking.cache,
        )
        out[read] = _match.fuse(logistic[read], probs)
    return out


def scored_pairs(
    claims: Sequence[Claim],
    prepared: _match.PreparedStatements,
    *,
    model: _match.MatchModel = _match.DEFAULT_MODEL,
    neighbours: int = MAX_NEIGHBOURS,
    reranking: Reranking | None = None,
    neighbour_state: str | os.PathLike | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (i < j, different documents), their features and scores.

    Each claim's nearest claims by embedding come from an exact search on
    quantised vectors (:func:`graph.match.exact_neighbours`), the same in any
    batch.  ``neighbour_state`` is a file where the lists are kept between
    builds: when the claims it holds are among today's, unchanged, only the
    other claims are searched (:func:`graph.match.extend_neighbours`), with
    the same lists as a full search.
    """
    n = len(claims)
    if n < 2:
        return np.zeros((0, 2), np.int64), np.zeros((0, 4), np.float32), np.zeros(0, np.float32)
    docs, vague, content = _gates(claims, prepared)

    def exclude(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        same = docs[rows][:, None] == docs[cols][None, :]
        return same | vague[rows][:, None] | vague[cols][None, :]

    if neighbour_state is not None and len(prepared.vectors) <= _match.EXACT_LIMIT:
        dense = _stored_neighbours(
            claims, prepared, vague, neighbours, exclude, pathlib.Path(neighbour_state)
        )
    else:
        dense, _ = _match.dense_neighbours(
            prepared, prepared, neighbours, exclude=exclude, exact=True
        )
    found = [dense]
    if LEXICAL_NEIGHBOURS and len(prepared.vectors) <= _match.EXACT_LIMIT:
        lexicon = _match.LexicalIndex([sorted(w) for w in prepared.words])
        found.append(
            _match.lexical_neighbours(prepared, lexicon, LEXICAL_NEIGHBOURS, exclude=exclude)
        )
    rows = np.concatenate([np.repeat(np.arange(n), f.shape[1]) for f in found])
    cols = np.concatenate([f.ravel() for f in found])
    keep = cols >= 0
    rows, cols = rows[keep], cols[keep]
    pairs = np.unique(np.column_stack([np.minimum(rows, cols), np.maximum(rows, cols)]), axis=0)
    pairs = pairs[~(vague[pairs[:, 0]] | vague[pairs[:, 1]])] if vague.any() else pairs
    features, scores = _score_claim_pairs(claims, prepared, pairs, content, model, reranking)
    return pairs, features, scores


# ---------------------------------------------------------------- stored neighbour lists

# bumped when what a stored neighbour list means changes
_STATE_VERSION = 1


def neighbour_state_name(model: str | None, neighbours: int, parts: bool) -> str:
    """File name of the stored neighbour lists of a build: a digest of the embedding model
    and of the parameters the lists depend on."""
    from .embed import embedding_model_path

    key = {
        "version": _STATE_VERSION,
        "embedding": embedding_model_path(model),
        "neighbours": neighbours,
        "parts": parts,
        "levels": _match.QUANT_LEVELS,
        "min_link_words": MIN_LINK_WORDS,
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:20] + ".npz"


def _fingerprints(
    claims: Sequence[Claim], prepared: _match.PreparedStatements, vague: np.ndarray
) -> np.ndarray:
    """Per claim, a digest of what its neighbour list depends on: its id, its document
    (claims of one document are never neighbours), whether it is linked at all, the
    vectors of its views."""
    vectors = np.ascontiguousarray(prepared.vectors, dtype=np.float32)
    offsets = prepared.offsets.tolist()
    out = np.empty((len(claims), 16), dtype=np.uint8)
    for i, claim in enumerate(claims):
        digest = hashlib.sha256(f"{claim.id}\0{claim.document}\0{int(vague[i])}\0".encode())
        digest.update(vectors[offsets[i] : offsets[i + 1]].tobytes())
        out[i] = np.frombuffer(digest.digest()[:16], dtype=np.uint8)
    return out


def _known_neighbours(
    path: pathlib.Path, ids: list[str], prints: np.ndarray, neighbours: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The stored lists, as rows of today's claims, when every claim they were computed
    for is among today's, unchanged and in the same order; else None."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            old_ids = stored["ids"].tolist()
            old_prints = stored["prints"]
            old_idx = stored["idx"].astype(np.int64)
            old_val = stored["val"].astype(np.int64)
            k = int(stored["neighbours"])
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    n = len(old_ids)
    if (
        k != neighbours
        or not 0 < n <= len(ids)
        or old_prints.shape != (n, 16)
        or old_idx.shape != (n, max(1, min(k, n)))
        or old_val.shape != old_idx.shape
        or old_idx.max() >= n
    ):
        return None
    at = {c: i for i, c in enumerate(ids)}
    rows = np.array([at.get(c, -1) for c in old_ids], dtype=np.int64)
    # ties go to the lower index: the old claims must keep their order
    if (rows < 0).any() or (np.diff(rows) <= 0).any():
        return None
    if not np.array_equal(prints[rows], old_prints):
        return None
    found = old_idx >= 0
    return (
        rows,
        np.where(found, rows[np.maximum(old_idx, 0)], -1),
        np.where(found, old_val, _match.NO_SCORE),
    )


def _save_neighbours(
    path: pathlib.Path,
    ids: list[str],
    prints: np.ndarray,
    neighbours: int,
    idx: np.ndarray,
    val: np.ndarray,
) -> None:
    """Write the lists atomically; a folder that cannot be written costs the next
    build a full search, nothing else."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(
                fh,
                ids=np.array(ids, dtype=str),
                prints=prints,
                neighbours=np.int64(neighbours),
                idx=idx.astype(np.int32),
                val=val.astype(np.int64),
            )
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _stored_neighbours(
    claims: Sequence[Claim],
    prepared: _match.PreparedStatements,
    vague: np.ndarray,
    neighbours: int,
    exclude: Callable[[np.ndarray, np.ndarray], np.ndarray],
    path: pathlib.Path,
) -> np.ndarray:
    """Each claim's nearest claims by embedding (:func:`graph.match.exact_neighbours`),
    extending the lists stored in ``path`` when they still hold, and storing the result."""
    ids = [c.id for c in claims]
    prints = _fingerprints(claims, prepared, vague)
    known = _known_neighbours(path, ids, prints, neighbours)
    if known is None:
        idx, val = _match.exact_neighbours(prepared, prepared, neighbours, exclude=exclude)
    else:
        idx, val = _match.extend_neighbours(prepared, neighbours, *known, exclude=exclude)
    _save_neighbours(path, ids, prints, neighbours, idx, val)
    return idx


def _gates(
    claims: Sequence[Claim], prepared: _match.PreparedStatements
) -> tuple[np.ndarray, np.ndarray, list[frozenset[str]]]:
    """Document index of each claim, which claims are not linked at all, content words."""
    doc_ids = {d: k for k, d in enumerate(sorted({c.document for c in claims}))}
    docs = np.array([doc_ids[c.document] for c in claims])
    # a claim whose object is an unresolved "this" ("We oppose this.") is not
    # matched across documents: what it opposes is not in its text
    vague = np.array([c.unresolved for c in claims], dtype=bool)
    content = [_content_words(w) for w in prepared.words]
    # ... nor is a claim that says too little (MIN_LINK_WORDS)
    vague |= np.array([len(w) < MIN_LINK_WORDS for w in content], dtype=bool)
    return docs, vague, content


def _score_claim_pairs(
    claims: Sequence[Claim],
    prepared: _match.PreparedStatements,
    pairs: np.ndarray,
    content: list[frozenset[str]],
    model: _match.MatchModel,
    reranking: Reranking | None,
) -> tuple[np.ndarray, np.ndarray]:
    idf = _match.idf_table(prepared.words)
    features = _match.pair_features(prepared, prepared, pairs, idf)
    scores = model.score(features)
    # two claims on one topic ("the Middle East became destabilized" / "that
    # would not help us in the Middle East") share a name or a word: the same
    # proposition shares more, or is a close paraphrase as a whole
    if len(pairs):
        shared = np.fromiter(
            (len(content[i] & content[j]) for i, j in pairs.tolist()),
            dtype=np.int64,
            count=len(pairs),
        )
        apart = (shared < MIN_SHARED_WORDS) & (features[:, 1] < PARAPHRASE_COSINE)
        scores = np.where(apart, np.float32(0.0), scores).astype(np.float32)
        scores = _final_scores(
            [claim_text(claims[i]) for i in pairs[:, 0].tolist()],
            [claim_text(claims[j]) for j in pairs[:, 1].tolist()],
            scores,
            reranking,
        )
    return features, scores


#: Each rebuttal's denied proposition is scored against at most this many claims.
REBUTTAL_NEIGHBOURS = 10


def rebuttal_pairs(
    claims: Sequence[Claim],
    prepared: _match.PreparedStatements,
    *,
    model: _match.MatchModel = _match.DEFAULT_MODEL,
    embedding_model: str | None = None,
    cache: str | None = None,
    reranking: Reranking | None = None,
    neighbours: int = REBUTTAL_NEIGHBOURS,
    also: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rebuttal claim, claim) pairs: what a rebuttal calls false against what others say.

    A rebuttal ("the allegation that P is groundless") states the proposition
    P it denies (:attr:`extract.records.Claim.rebuts`); P is matched against
    the other claims of other documents like any claim.  Returns index pairs
    (rebuttal, other), their features and scores.  ``also`` holds further
    (rebuttal, other) claim index pairs to score.
    """
    rows = [i for i, c in enumerate(claims) if c.rebuts]
    empty = np.zeros((0, 2), np.int64), np.zeros((0, 4), np.float32), np.zeros(0, np.float32)
    if not rows or len(claims) < 2:
        return empty
    docs, vague, content = _gates(claims, prepared)
    targets = _match.prepare(
        [_match.Statement(claims[i].id, claims[i].rebuts) for i in rows],
        model=embedding_model,
        cache=cache,
        parts=False,
    )
    owner = np.array(rows, dtype=np.int64)

    def exclude(t_rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        same = docs[owner[t_rows]][:, None] == docs[cols][None, :]
        return same | vague[cols][None, :]

    dense, _ = _match.dense_neighbours(targets, prepared, neighbours, exclude=exclude)
    t = np.repeat(np.arange(len(rows)), dense.shape[1])
    j = dense.ravel()
    keep = j >= 0
    t, j = t[keep], j[keep]
    if also is not None and len(also):
        # claim pairs already found alike, one of them a rebuttal: read its denied
        # proposition against the other too (the two may be alike because one
        # names what the other says in order to deny it)
        at = {r: k for k, r in enumerate(rows)}
        extra = np.array([(at[a], b) for a, b in also.tolist() if a in at], dtype=np.int64)
        if len(extra):
            both = np.unique(np.concatenate([np.column_stack([t, j]), extra]), axis=0)
            t, j = both[:, 0], both[:, 1]
    if not len(t):
        return empty
    local = np.column_stack([t, j])
    idf = _match.idf_table(prepared.words)
    features = _match.pair_features(targets, prepared, local, idf)
    scores = model.score(features)
    scores = _final_scores(
        [claims[owner[k]].rebuts for k in t.tolist()],
        [claim_text(claims[k]) for k in j.tolist()],
        scores,
        reranking,
    )
    return np.column_stack([owner[t], j]), features, scores


def _one_rebuts(
    claims: Sequence[Claim], scored: tuple[np.ndarray, np.ndarray, np.ndarray], floor: float
) -> np.ndarray:
    """(rebuttal, other) of the scored claim pairs at or above ``floor`` where one rebuts."""
    out = []
    for (i, j), score in zip(scored[0].tolist(), scored[2].tolist(), strict=True):
        if score >= floor and bool(claims[i].rebuts) != bool(claims[j].rebuts):
            out.append((i, j) if claims[i].rebuts else (j, i))
    return np.array(out, dtype=np.int64).reshape(-1, 2)


#: Two claims that differ by a negation contradict each other only when they
#: share this much of their words (idf-weighted, the lower share): "the
#: election was free and fair" / "the election was not free and fair".
NEGATION_OVERLAP = 0.6


def _contradiction(
    a: Claim, b: Claim, words_a: frozenset[str], words_b: frozenset[str], lex_min: float
) -> int:
    """+1 when ``a`` contradicts ``b`` (a negation or an opposite predicate), -1 when ``b``
    contradicts ``a``, 0 when they state the proposition from the same side."""
    opposite = _match.opposed(words_a, words_b)
    negation = a.negated != b.negated and lex_min >= NEGATION_OVERLAP
    if not (opposite or negation):
        return 0
    # the one that negates or rejects is the one that contradicts
    weight_a = int(a.negated) + int(a.stance == "denies")
    weight_b = int(b.negated) + int(b.stance == "denies")
    if weight_a != weight_b:
        return 1 if weight_a > weight_b else -1
    return 0 if not opposite else 1 if a.id > b.id else -1


def find_recurrences(
    claims: Sequence[Claim],
    vectors: np.ndarray | _match.PreparedStatements,
    published: dict[str, str | None],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: _match.MatchModel = _match.DEFAULT_MODEL,
    scored: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    rebuttals: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    reranking: Reranking | None = None,
) -> list[Recurrence]:
    """Links between claims of different documents that state one proposition.

    RECURS links join claims that state it from the same position; CONTESTS
    links go from a claim to the claim it denies: a rebuttal whose denied
    proposition (``rebuttals``, :func:`rebuttal_pairs`) matches another claim,
    or two claims that match but differ by a negation or an opposite
    predicate ("support" / "oppose").

    ``vectors`` are unit-length rows aligned with ``claims`` (the whole
    texts), or statements prepared by :func:`graph.match.prepare` (with the
    views of every claim).
    """
    prepared = _prepare(claims, published, vectors)
    pairs, features, scores = scored or scored_pairs(
        claims, prepared, model=model, reranking=reranking
    )
    out: dict[tuple[str, str], Recurrence] = {}
    rebutted: set[tuple[int, int]] = set()
    if rebuttals is not None:
        for (i, j), f, score in zip(
            rebuttals[0].tolist(), rebuttals[1], rebuttals[2].tolist(), strict=True
        ):
            if score < threshold or claims[j].rebuts:
                continue  # two rebuttals of one thing stand on the same side
            rebutted.add((min(i, j), max(i, j)))
            a, b = claims[i], claims[j]
            key = (a.id, b.id)
            if key in out and out[key].score >= score:
                continue
            out[key] = Recurrence(
                source=a.id,
                target=b.id,
                score=round(float(score), 4),
                relation="rebuts",
                evidence=f"denies {a.rebuts!r}; best view cosine {f[0]:.2f}, shared words {f[2]:.2f}-{f[3]:.2f}",
                kind="CONTESTS",
            )
    for (i, j), f, score in zip(pairs.tolist(), features, scores.tolist(), strict=True):
        if score < threshold or (i, j) in rebutted:
            continue
        if _different_targets(claims[i], claims[j]):
            continue
        side = _contradiction(
            claims[i], claims[j], prepared.words[i], prepared.words[j], float(f[2])
        )
        if side:
            a, b = (claims[i], claims[j]) if side > 0 else (claims[j], claims[i])
            out[(a.id, b.id)] = Recurrence(
                source=a.id,
                target=b.id,
                score=round(float(score), 4),
                relation="contradicts",
                evidence=(
                    "opposite predicates"
                    if _match.opposed(prepared.words[i], prepared.words[j])
                    else "one negates what the other states"
                )
                + f"; best view cosine {f[0]:.2f}, whole {f[1]:.2f}",
                kind="CONTESTS",
            )
            continue
        a, b = sorted((claims[i], claims[j]), key=lambda c: _date_key(c, published))
        consistent, why = _consistency(a, b)
        shared = sorted(prepared.words[i] & prepared.words[j])
        evidence = (
            f"best view cosine {f[0]:.2f}, whole {f[1]:.2f}, shared words {f[2]:.2f}-{f[3]:.2f}"
        )
        if shared:
            evidence += " (" + ", ".join(shared[:8]) + ")"
        relation = _relation(a, b, float(f[0]), float(f[1]))
        if relation == "updated":
            evidence += f"; figures {', '.join(_figure_texts(a))} -> {', '.join(_figure_texts(b))}"
        if why:
            evidence += "; " + why
        out[(a.id, b.id)] = Recurrence(
            source=a.id,
            target=b.id,
            score=round(float(score), 4),
            relation=relation,
            consistent=consistent,
            evidence=evidence,
        )
    return sorted(out.values(), key=lambda r: (r.source, r.target, r.kind))


def average_linkage(
    n: int, similarities: dict[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Clusters of ``0..n-1`` by average linkage over sparse pair similarities.

    A pair missing from ``similarities`` counts as 0.  Two clusters merge
    while the mean similarity of all pairs between them is at least
    ``threshold``; ties go to the lowest cluster ids, so the result does not
    depend on dict order.

    Examples
    --------
    >>> average_linkage(3, {(0, 1): 0.9, (1, 2): 0.9}, 0.6)
    [[0, 1], [2]]
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for (i, j), s in similarities.items():
        if i != j:
            sums[i][j] = sums[i].get(j, 0.0) + s
            sums[j][i] = sums[j].get(i, 0.0) + s
    heap = [(-s / 1.0, min(i, j), max(i, j)) for (i, j), s in similarities.items() if i != j]
    heapq.heapify(heap)
    alive = set(range(n))
    next_id = n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        mean = -neg
        if mean < threshold:
            break
        merged = next_id
        next_id += 1
        alive -= {a, b}
        members[merged] = members.pop(a) + members.pop(b)
        row: dict[int, float] = {}
        for old in (a, b):
            for other, s in sums.pop(old).items():
                if other in (a, b):
                    continue
                row[other] = row.get(other, 0.0) + s
                del sums[other][old]
        sums[merged] = row
        size = len(members[merged])
        for other, s in row.items():
            sums[other][merged] = s
            heapq.heappush(heap, (-s / (size * len(members[other])), other, merged))
        alive.add(merged)
    return sorted(sorted(m) for m in members.values())


def group_families(
    claims: Sequence[Claim],
    vectors: np.ndarray | _match.PreparedStatements,
    recurrences: Sequence[Recurrence],
    published: dict[str, str | None],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: _match.MatchModel = _match.DEFAULT_MODEL,
    scored: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    reranking: Reranking | None = None,
    full_limit: int = 40,
) -> list[ClaimFamily]:
    """Claim families: propositions, average-linkage clusters inside each connected group
    of RECURS and CONTESTS links, each member with its position toward the proposition.

    Inside a group of at most ``full_limit`` claims every pair is scored;
    in larger groups only the candidate pairs are, and a pair never scored
    counts as 0.  A family holds at least two claims from at least two
    documents.  Its id is made from its earliest claim, so it stays stable
    when unrelated documents are added.  Positions: members joined by RECURS
    stand on one side, a CONTESTS link puts its two claims on opposite
    sides; the side that does the contesting *denies*, the other *asserts*,
    and a member that relays the claim without endorsing it *reports*.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    prepared = _prepare(claims, published, vectors)
    index = {c.id: i for i, c in enumerate(claims)}
    n = len(claims)
    linked = np.array([(index[r.source], index[r.target]) for r in recurrences], dtype=np.int64)
    if not len(linked):
        return []
    graph = coo_matrix((np.ones(len(linked)), (linked[:, 0], linked[:, 1])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    for node in np.unique(linked).tolist():
        members.setdefault(int(component[node]), []).append(node)
    # pair similarities per component: every pair in small components, the
    # scored candidate pairs in large ones, and the links themselves
    sims: dict[int, dict[tuple[int, int], float]] = {c: {} for c in members}
    small = [c for c, rows in members.items() if len(rows) <= full_limit]
    if small:
        blocks = []
        for c in small:
            ids = np.array(members[c], dtype=np.int64)
            upper = np.triu_indices(len(ids), 1)
            blocks.append(np.column_stack([ids[upper[0]], ids[upper[1]]]))
        pairs = np.concatenate(blocks)
        _, _, content = _gates(claims, prepared)
        _, scores = _score_claim_pairs(claims, prepared, pairs, content, model, reranking)
        for (a, b), score in zip(pairs.tolist(), scores.tolist(), strict=True):
            sims[int(component[a])][(a, b)] = score
    large = {c for c, rows in members.items() if len(rows) > full_limit}
    if large and scored is not None:
        for (a, b), score in zip(scored[0].tolist(), scored[2].tolist(), strict=True):
            c = int(component[a])
            if c in large and component[b] == c:
                sims[c][(a, b)] = score
    sign: dict[tuple[int, int], int] = {}
    for r in recurrences:
        a, b = sorted((index[r.source], index[r.target]))
        table = sims[int(component[a])]
        table[(a, b)] = max(table.get((a, b), 0.0), r.score)
        sign[(a, b)] = -1 if r.kind == "CONTESTS" else 1
    deniers = {index[r.source] for r in recurrences if r.kind == "CONTESTS"}
    families = []
    for c, rows in members.items():
        local = {g: k for k, g in enumerate(rows)}
        local_sims = {(local[a], local[b]): v for (a, b), v in sims[c].items()}
        adjacent: dict[int, list[tuple[int, float]]] = {}
        for (a, b), v in sims[c].items():
            adjacent.setdefault(a, []).append((b, v))
        for cluster in average_linkage(len(rows), local_sims, threshold):
            chosen = [claims[rows[k]] for k in cluster]
            if len(chosen) < 2 or len({c.document for c in chosen}) < 2:
                continue
            sides = _sides([rows[k] for k in cluster], adjacent, sign, deniers, claims, published)
            families.append(_family(chosen, cluster, local_sims, published, sides))
    families.sort(key=lambda f: f.id)
    return families


def _sides(
    rows: list[int],
    adjacent: dict[int, list[tuple[int, float]]],
    sign: dict[tuple[int, int], int],
    deniers: set[int],
    claims: Sequence[Claim],
    published: dict[str, str | None],
) -> dict[str, str]:
    """Position of each member of a family: a side per claim from the strongest pairs
    (a maximum spanning tree; CONTESTS crosses sides, anything else keeps the side),
    then the side that contests is the one that denies.  ``adjacent`` holds each
    claim's scored pairs (a, b) with a < b as ``a -> [(b, score)]``."""
    members = set(rows)
    edges = sorted(
        ((v, a, b) for a in rows for b, v in adjacent.get(a, ()) if b in members and v > 0),
        key=lambda e: (-e[0], claims[e[1]].id, claims[e[2]].id),
    )
    parent = {r: r for r in rows}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tree: dict[int, list[tuple[int, int]]] = {r: [] for r in rows}
    for _, a, b in edges:
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        parent[ra] = rb
        s = sign.get((a, b), 1)
        tree[a].append((b, s))
        tree[b].append((a, s))
    start = min(rows, key=lambda r: _date_key(claims[r], published))
    side = {start: 0}
    queue = [start]
    for x in queue:
        for y, s in sorted(tree[x], key=lambda t: claims[t[0]].id):
            if y not in side:
                side[y] = side[x] ^ (s < 0)
                queue.append(y)
    for r in rows:
        side.setdefault(r, 0)
    contesting = [sum(1 for r in rows if side[r] == k and r in deniers) for k in (0, 1)]
    # no contest, or a draw: the earliest claim's side (0) asserts
    denying_side = 0 if contesting[0] > contesting[1] else 1
    out = {}
    for r in rows:
        claim = claims[r]
        if claim.relays:
            out[claim.id] = "reports"
        else:
            out[claim.id] = "denies" if side[r] == denying_side else "asserts"
    return out


def _family(
    chosen: list[Claim],
    cluster: list[int],
    sims: dict[tuple[int, int], float],
    published: dict[str, str | None],
    positions: dict[str, str] | None = None,
) -> ClaimFamily:
    positions = positions or {}
    centrality: dict[str, float] = {}
    for x, ca in zip(cluster, chosen, strict=True):
        for y in cluster:
            if x != y:
                score = sims.get((min(x, y), max(x, y)), 0.0)
                centrality[ca.id] = centrality.get(ca.id, 0.0) + score
    ordered = sorted(chosen, key=lambda c: _date_key(c, published))
    # the label states the proposition: the most central claim that asserts it
    asserting = [c for c in ordered if positions.get(c.id, "asserts") == "asserts"] or ordered
    label = min(
        asserting,
        key=lambda c: (-round(centrality.get(c.id, 0.0), 6), _date_key(c, published)),
    )
    dates = [d for c in ordered if (d := published.get(c.document))]
    verdicts = []
    for k, a in enumerate(ordered):
        for b in ordered[k + 1 :]:
            verdict, _ = _consistency(a, b)
            if verdict is not None:
                verdicts.append(verdict)
    variants = tuple(
        FamilyVariant(
            claim=c.id,
            document=c.document,
            published=published.get(c.document),
            speaker=c.speaker,
            text=c.text,
            figures=_figure_texts(c),
            position=positions.get(c.id, "asserts"),
            claimant=c.claimant or c.speaker,
        )
        for c in ordered
    )
    return ClaimFamily(
        id="family:" + ordered[0].id.split(":", 1)[1].replace("#", "-"),
        claims=tuple(c.id for c in ordered),
        label_claim=label.id,
        first_seen=min(dates) if dates else None,
        last_seen=max(dates) if dates else None,
        variants=variants,
        consistent=all(verdicts) if verdicts else None,
    )


def link_claims(
    claims: Sequence[Claim],
    published: dict[str, str | None],
    *,
    threshold: float | None = None,
    model: str | None = None,
    vectors: np.ndarray | None = None,
    view_vectors: dict[str, np.ndarray] | None = None,
    cache: str | None = None,
    parts: bool = True,
    reranker: str | None = None,
    rerank_cache: str | None = None,
    neighbour_cache: str | os.PathLike | None = None,
) -> tuple[list[Recurrence], list[ClaimFamily]]:
    """Link claims across documents (RECURS, CONTESTS) and group them into families.

    Parameters
    ----------
    claims : claims of all documents
    published : document id -> ISO publication date (or None)
    threshold : probability at or above which two claims state one proposition
        (default :data:`DEFAULT_THRESHOLD`, or :data:`LOGISTIC_THRESHOLD`
        with the re-ranker switched off)
    model : embedding model (folder), default all-MiniLM-L6-v2
    vectors : precomputed unit embeddings of the claims' contents, aligned
        with ``claims`` (optional; the claims' parts are still embedded here)
    view_vectors : unit embeddings of the claims' further views (parts,
        paraphrases) by text, computed beforehand; views missing from it are
        embedded here
    cache : folder of the embedding cache (default ``CLAIMGRAPH_EMBEDDING_CACHE``)
    parts : match the parts (clauses) of claims too, not only whole contents
    reranker : re-ranker folder, ``"none"`` for the logistic model alone
        (default: the packaged re-ranker, :mod:`graph.rerank`)
    rerank_cache : folder where the re-ranker's pair scores are kept between runs
    neighbour_cache : folder where each claim's nearest claims are kept between
        runs, so that a build which adds documents searches only the new
        claims (:func:`scored_pairs`); the result is the same without it

    Examples
    --------
    >>> from extract.records import Claim
    >>> a = Claim("claim:a#s1", "doc:a", 1, 0, 10, "China respects and protects human rights.", None,
    ...           content="China respects and protects human rights.")
    >>> b = Claim("claim:b#s4", "doc:b", 4, 0, 10, "China protects and respects human rights.", None,
    ...           content="China protects and respects human rights.")
    >>> links, families = link_claims([a, b], {"doc:a": "2019-01-01", "doc:b": "2020-01-01"})
    >>> (links[0].kind, links[0].source, links[0].target, links[0].relation)
    ('RECURS', 'claim:a#s1', 'claim:b#s4', 'repeated')
    >>> families[0].claims
    ('claim:a#s1', 'claim:b#s4')
    """
    from .rerank import reranker_path

    order = sorted(range(len(claims)), key=lambda i: claims[i].id)
    claims = [claims[i] for i in order]
    statements = claim_statements(claims, published)
    prepared = _match.prepare(
        statements,
        model=model,
        cache=cache,
        vectors=None if vectors is None else np.asarray(vectors)[order],
        parts=parts,
        known=view_vectors,
    )
    path = reranker_path(reranker)
    if threshold is None:
        threshold = default_threshold(reranker)
    reranking = Reranking(path, rerank_cache, floor=threshold**2) if path else None
    state = None
    if neighbour_cache is not None:
        state = pathlib.Path(neighbour_cache) / neighbour_state_name(model, MAX_NEIGHBOURS, parts)
    scored = scored_pairs(claims, prepared, reranking=reranking, neighbour_state=state)
    rebuttals = rebuttal_pairs(
        claims,
        prepared,
        embedding_model=model,
        cache=cache,
        reranking=reranking,
        also=_one_rebuts(claims, scored, threshold / 2),
    )
    recurrences = find_recurrences(
        claims, prepared, published, threshold=threshold, scored=scored, rebuttals=rebuttals
    )
    families = group_families(
        claims,
        prepared,
        recurrences,
        published,
        threshold=threshold,
        scored=scored,
        reranking=reranking,
    )
    return recurrences, families
