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

import dataclasses
import datetime
import heapq
import re
from collections.abc import Sequence

import numpy as np

from extract.records import Claim, TimeExpression

from . import match as _match

__all__ = [
    "DEFAULT_THRESHOLD",
    "ClaimFamily",
    "FamilyVariant",
    "Recurrence",
    "average_linkage",
    "claim_statements",
    "claim_text",
    "find_recurrences",
    "group_families",
    "link_claims",
    "scored_pairs",
]

#: Probability (of :data:`graph.match.DEFAULT_MODEL`) at or above which two
#: claims of different documents recur.
DEFAULT_THRESHOLD = _match.DEFAULT_MODEL.threshold

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
    """A RECURS link: ``source`` (the earlier claim) recurs as ``target``."""

    source: str
    target: str
    score: float
    relation: str  # repeated, reworded, updated
    consistent: bool | None = None
    evidence: str = ""


@dataclasses.dataclass(frozen=True)
class FamilyVariant:
    """One appearance of a family's claim: when, where, by whom, with which figures."""

    claim: str
    document: str
    published: str | None
    speaker: str | None
    text: str
    figures: tuple[str, ...] = ()


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


def scored_pairs(
    claims: Sequence[Claim],
    prepared: _match.PreparedStatements,
    *,
    model: _match.MatchModel = _match.DEFAULT_MODEL,
    neighbours: int = MAX_NEIGHBOURS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (i < j, different documents), their features and scores."""
    n = len(claims)
    if n < 2:
        return np.zeros((0, 2), np.int64), np.zeros((0, 4), np.float32), np.zeros(0, np.float32)
    doc_ids = {d: k for k, d in enumerate(sorted({c.document for c in claims}))}
    docs = np.array([doc_ids[c.document] for c in claims])

    # a claim whose object is an unresolved "this" ("We oppose this.") is not
    # matched across documents: what it opposes is not in its text
    vague = np.array([c.unresolved for c in claims], dtype=bool)
    content = [_content_words(w) for w in prepared.words]
    # ... nor is a claim that says too little (MIN_LINK_WORDS)
    vague |= np.array([len(w) < MIN_LINK_WORDS for w in content], dtype=bool)

    def exclude(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        same = docs[rows][:, None] == docs[cols][None, :]
        return same | vague[rows][:, None] | vague[cols][None, :]

    dense, _ = _match.dense_neighbours(prepared, prepared, neighbours, exclude=exclude)
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
    return pairs, features, scores


def find_recurrences(
    claims: Sequence[Claim],
    vectors: np.ndarray | _match.PreparedStatements,
    published: dict[str, str | None],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: _match.MatchModel = _match.DEFAULT_MODEL,
    scored: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> list[Recurrence]:
    """Pairs of claims from different documents that state the same proposition.

    ``vectors`` are unit-length rows aligned with ``claims`` (the whole
    texts), or statements prepared by :func:`graph.match.prepare` (with the
    views of every claim).
    """
    prepared = _prepare(claims, published, vectors)
    pairs, features, scores = scored or scored_pairs(claims, prepared, model=model)
    out = []
    for (i, j), f, score in zip(pairs.tolist(), features, scores.tolist(), strict=True):
        if score < threshold:
            continue
        if _match.opposed(prepared.words[i], prepared.words[j]):
            continue
        if _different_targets(claims[i], claims[j]):
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
        out.append(
            Recurrence(
                source=a.id,
                target=b.id,
                score=round(float(score), 4),
                relation=relation,
                consistent=consistent,
                evidence=evidence,
            )
        )
    out.sort(key=lambda r: (r.source, r.target))
    return out


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
    full_limit: int = 100,
) -> list[ClaimFamily]:
    """Claim families: average-linkage clusters inside each connected group of links.

    Inside a group of at most ``full_limit`` claims every pair is scored;
    in larger groups only the candidate pairs are, and a pair never scored
    counts as 0.  A family holds at least two claims from at least two
    documents.  Its id is made from its earliest claim, so it stays stable
    when unrelated documents are added.
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
        idf = _match.idf_table(prepared.words)
        scores = model.score(_match.pair_features(prepared, prepared, pairs, idf))
        for (a, b), score in zip(pairs.tolist(), scores.tolist(), strict=True):
            sims[int(component[a])][(a, b)] = score
    large = {c for c, rows in members.items() if len(rows) > full_limit}
    if large and scored is not None:
        for (a, b), score in zip(scored[0].tolist(), scored[2].tolist(), strict=True):
            c = int(component[a])
            if c in large and component[b] == c:
                sims[c][(a, b)] = score
    for r in recurrences:
        a, b = sorted((index[r.source], index[r.target]))
        table = sims[int(component[a])]
        table[(a, b)] = max(table.get((a, b), 0.0), r.score)
    families = []
    for c, rows in members.items():
        local = {g: k for k, g in enumerate(rows)}
        local_sims = {(local[a], local[b]): v for (a, b), v in sims[c].items()}
        for cluster in average_linkage(len(rows), local_sims, threshold):
            chosen = [claims[rows[k]] for k in cluster]
            if len(chosen) < 2 or len({c.document for c in chosen}) < 2:
                continue
            families.append(_family(chosen, cluster, local_sims, published))
    families.sort(key=lambda f: f.id)
    return families


def _family(
    chosen: list[Claim],
    cluster: list[int],
    sims: dict[tuple[int, int], float],
    published: dict[str, str | None],
) -> ClaimFamily:
    centrality: dict[str, float] = {}
    for x, ca in zip(cluster, chosen, strict=True):
        for y in cluster:
            if x != y:
                score = sims.get((min(x, y), max(x, y)), 0.0)
                centrality[ca.id] = centrality.get(ca.id, 0.0) + score
    ordered = sorted(chosen, key=lambda c: _date_key(c, published))
    label = min(
        ordered, key=lambda c: (-round(centrality.get(c.id, 0.0), 6), _date_key(c, published))
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
    threshold: float = DEFAULT_THRESHOLD,
    model: str | None = None,
    vectors: np.ndarray | None = None,
    view_vectors: dict[str, np.ndarray] | None = None,
    cache: str | None = None,
    parts: bool = True,
) -> tuple[list[Recurrence], list[ClaimFamily]]:
    """Link recurring claims across documents and group them into families.

    Parameters
    ----------
    claims : claims of all documents
    published : document id -> ISO publication date (or None)
    threshold : probability at or above which two claims recur
    model : embedding model (folder), default all-MiniLM-L6-v2
    vectors : precomputed unit embeddings of the claims' contents, aligned
        with ``claims`` (optional; the claims' parts are still embedded here)
    view_vectors : unit embeddings of the claims' further views (parts,
        paraphrases) by text, computed beforehand; views missing from it are
        embedded here
    cache : folder of the embedding cache (default ``CLAIMGRAPH_EMBEDDING_CACHE``)
    parts : match the parts (clauses) of claims too, not only whole contents

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
    scored = scored_pairs(claims, prepared)
    recurrences = find_recurrences(claims, prepared, published, threshold=threshold, scored=scored)
    families = group_families(
        claims, prepared, recurrences, published, threshold=threshold, scored=scored
    )
    return recurrences, families
