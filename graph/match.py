"""The claim matcher: do two statements state the same proposition?

One matcher serves ``claimgraph build`` (RECURS links between claims, see
:mod:`graph.link`) and ``claimgraph match`` ("where have we seen this claim
before?": rank candidates for each query, written as a TREC run).

Statements are read as a matcher should (:func:`clean_text`: no URLs, tweet
signature, emoji; hashtags as words) and split into *views*: the whole text,
its sentences and its clauses (:func:`views`; a fact-check's title and summary
are views too; a claim of a build is matched on its normalised restatement,
with its paraphrases as views, :func:`claim_statement`).  A pair is scored
from four pieces of evidence
(:func:`pair_features`):

``best``     the best cosine between a view of one and a view of the other
             (all-MiniLM-L6-v2, offline), so one shared proposition suffices;
``whole``    the cosine of the two whole texts;
``lex_min``, ``lex_max``
             the idf-weighted share of each statement's content words (stop
             words dropped, negations kept, light stemming) found in the other:
             the lower and the higher of the two, so the features are symmetric.

A logistic model (:class:`MatchModel`) turns them into the probability that
the two state the same claim; :data:`DEFAULT_MODEL` says how it was fitted and
how its decision threshold was calibrated (CheckThat! 2022 2A train and dev;
dev-test is kept for evaluation).  Two statements whose words differ by a
pair of opposite predicates ("support" / "oppose") are not the same claim
(:func:`opposed`).

Candidate search scales: for each query, the nearest candidates by embedding
(exact matrix products in blocks up to :data:`EXACT_LIMIT` candidate views, a
faiss inverted-file index above) and by BM25 (:class:`LexicalIndex`, sparse),
and only those pairs are scored.
"""

from __future__ import annotations

import dataclasses
import html
import math
import os
import pathlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from extract.errors import ClaimgraphError

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DEFAULT_MODEL",
    "EXACT_LIMIT",
    "NO_SCORE",
    "QUANT_LEVELS",
    "RERANK_TOP",
    "LexicalIndex",
    "Match",
    "MatchModel",
    "PreparedStatements",
    "Statement",
    "StatementsError",
    "candidate_pairs",
    "claim_statement",
    "clean_text",
    "dense_neighbours",
    "exact_neighbours",
    "extend_neighbours",
    "fuse",
    "graph_statements",
    "idf_table",
    "lexical_neighbours",
    "match",
    "opposed",
    "pair_features",
    "prepare",
    "quantised",
    "rank",
    "read_statements",
    "statement_views",
    "stem",
    "tokens",
    "trec_run",
    "views",
]

# ---------------------------------------------------------------- text

_URL = re.compile(
    r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+|\b\S+\.(?:com|org|net|ly)/\S*", re.I
)
# "— Name (@handle) January 14, 2020" at the end of an embedded tweet
_SIGNATURE = re.compile(
    r"\s*[—–-]{1,2}\s*(?P<name>[^—–()@\n]{1,60}?)\s*\(@\w{1,20}\)\s*"
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{1,2},\s+\d{4})?\s*\"?\s*$"
)
_HANDLE = re.compile(r"(?<![\w@])@(\w{1,20})")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Text as a matcher should read it: no URLs, tweet signature, emoji or markup.

    Tweets embed a signature ("— Name (@handle) January 14, 2020"), links
    and emoji; hashtags become their words ("#AustralianFires" -> "Australian
    Fires").  The signature's name stays: the author is often the claim's
    subject.  Plain statements pass through nearly unchanged.

    Examples
    --------
    >>> clean_text('How? #AustralianFires pic.twitter.com/0eJ — Center (@Bio) January 14, 2020')
    'How? Australian Fires — Center'
    """
    text = html.unescape(text).strip()
    if len(text) > 1 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    # the tweet's author is often the claim's subject ("Ilhan Omar said ..."): keep the name
    text = _SIGNATURE.sub(lambda m: " — " + m.group("name").strip(), text)
    text = _URL.sub(" ", text)
    text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    text = _HANDLE.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    if not text.isascii():
        # emoji, pictographs and other symbols say nothing a matcher can use
        text = "".join(
            ch
            for ch in text
            if ch.isascii() or unicodedata.category(ch)[0] in "LNPZ" or ch in "€£¥"
        )
    return _SPACES.sub(" ", text).strip()


_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    s t don now ve ll re d m o y shall may might must upon via per let us via amp rt""".split()
)
# Negations and polarity words carry meaning: they are not stop words here.
_KEEP = frozenset({"no", "not", "nor", "never", "against", "over", "under", "more", "most"})
_STOP = STOP_WORDS - _KEEP


def stem(word: str) -> str:
    """A light suffix stripper: "protects", "protected", "protection" -> "protect"."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in (
        ("ational", "ate"),
        ("ization", "ize"),
        ("isation", "ize"),
        ("fulness", "ful"),
        ("iveness", "ive"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ments", ""),
        ("ment", ""),
        ("ness", ""),
        ("ings", ""),
        ("ing", ""),
        ("ities", ""),
        ("ity", ""),
        ("itions", ""),
        ("ition", ""),
        ("ions", ""),
        ("ion", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-case stemmed content words of ``text`` (stop words dropped, negations kept)."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    out = []
    for w in words:
        w = w.split("'", 1)[0] if w.endswith(("'s", "'t")) and not w.endswith("n't") else w
        if w.endswith("n't"):
            w = "not"
        if w in _STOP or len(w) < 2:
            continue
        out.append(stem(w))
    return out


# ---------------------------------------------------------------- lexical index


class LexicalIndex:
    """BM25 over stemmed content words, as a sparse matrix (documents x terms)."""

    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75):
        self.vocabulary: dict[str, int] = {}
        rows, cols, vals = [], [], []
        lengths = np.zeros(len(documents), dtype=np.float32)
        for i, doc in enumerate(documents):
            counts: dict[int, int] = {}
            for t in doc:
                j = self.vocabulary.setdefault(t, len(self.vocabulary))
                counts[j] = counts.get(j, 0) + 1
            lengths[i] = len(doc)
            for j, c in counts.items():
                rows.append(i)
                cols.append(j)
                vals.append(c)
        n, m = len(documents), len(self.vocabulary)
        tf = sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(n, m))
        df = np.bincount(np.array(cols, dtype=np.int64), minlength=m).astype(np.float32)
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if n else 1.0
        norm = k1 * (1 - b + b * lengths / max(avg, 1e-9))
        tf = tf.tocoo()
        weight = tf.data * (k1 + 1) / (tf.data + norm[tf.row])
        self.matrix = sparse.csr_matrix((weight * self.idf[tf.col], (tf.row, tf.col)), shape=(n, m))
        # binary presence, for idf-weighted overlap
        self.presence = sparse.csr_matrix((np.ones_like(tf.data), (tf.row, tf.col)), shape=(n, m))

    def query_matrix(self, queries: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        rows, cols = [], []
        for i, q in enumerate(queries):
            for t in set(q):
                j = self.vocabulary.get(t)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        return sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(queries), len(self.vocabulary)),
        )

    def scores(self, queries: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """BM25 of every query (rows) against every document (columns), sparse."""
        return (self.query_matrix(queries) @ self.matrix.T).tocsr()


# ---------------------------------------------------------------- views

# a sentence ends at . ! ? (not after a title, an initial or "U.S.") before a capital
_SENTENCE_END = re.compile(
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bSr\.)(?<!\bMrs\.)"
    r"(?<!\bvs\.)(?<!\bNo\.)(?<!\b[A-Z]\.)(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])"
)
_CLAUSE_BREAK = re.compile(
    r"\s*;\s+|:\s+(?=[A-Za-z])|,\s+(?:and|but|yet|while|whereas|although|though|which|who)\s+"
    r"|\s+and,\s+|,\s+(?=(?:has|have|had)\s+the\s+hono)"
    r"|\s+(?:and|but)(?:\s+yet)?\s+(?=(?:has|have|had|is|are|was|were|will|would|can|could|should|"
    r"must|do|does|did|also|then|now|still|strongly|firmly|fully|urge|urges|call|calls|ask|asks|"
    r"recommend|recommends|reject|rejects)\b)"
    r"|\s+(?:and|but)\s+(?:is|are|was|were|has|have)\s+(?=\w+ed\b)",
)
# "the fact that P", "It is clear to all that P", "has the honour to express P" (diplomatic
# notes): the proposition is P
_FRAME = re.compile(
    r"^(?:.{0,80}?\b(?:the fact|clear(?: to all)?|obvious|true|evident|no doubt|known)\s+that\s+"
    r"|(?:has|have)\s+the\s+honou?r\s+to\s+(?:express|state|inform\s+\w+\s+(?:that|of))\s+)",
    re.I,
)

#: A part must have at least this many content words to be matched on its own.
MIN_PART_WORDS = 4


def views(text: str) -> list[str]:
    """The text and its parts: sentences, then clauses, each with enough content words.

    A statement often packs several propositions into one sentence ("China
    attaches great importance to human rights and has achieved significant
    progress"); a tweet several sentences.  Matching keeps the best pair of
    views, so one shared proposition is enough.

    Examples
    --------
    >>> views("China firmly opposes the human rights event and has asked missions not to attend.")[1:]
    ['China firmly opposes the human rights event', 'has asked missions not to attend.']
    """
    text = text.strip()
    out = [text]
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    parts: list[str] = []
    for sentence in sentences:
        if len(sentences) > 1:
            parts.append(sentence)
        framed = _FRAME.sub("", sentence)
        if framed != sentence:
            parts.append(framed)
        clauses = [c.strip(" ,") for c in _CLAUSE_BREAK.split(framed) if c.strip(" ,")]
        if len(clauses) > 1:
            for clause in clauses:
                parts.append(clause)
                parts.append(_FRAME.sub("", clause))
    seen = {text}
    for part in parts:
        if part not in seen and len(tokens(part)) >= MIN_PART_WORDS:
            seen.add(part)
            out.append(part)
    return out


# ---------------------------------------------------------------- statements and features


@dataclasses.dataclass(frozen=True)
class Statement:
    """Something to match: a claim, a tweet, a fact-check.

    ``text`` is the proposition; ``fields`` are further texts that state it
    (a fact-check's title and summary), matched like ``text``.
    """

    id: str
    text: str
    fields: tuple[str, ...] = ()
    document: str | None = None
    published: str | None = None


def claim_statement(
    ident: str,
    content: str,
    *,
    normalized: str = "",
    paraphrases: Sequence[str] = (),
    document: str | None = None,
    published: str | None = None,
) -> Statement:
    """A claim as a statement: its normalised restatement (else its content) is the
    text; its paraphrases, each split into its views, are fields.

    Extraction restates a claim when its content leaves who takes which stance
    on what implicit (:mod:`extract.normalize`): "China is firmly opposed to
    this." is matched as "China firmly opposes <what this points back to>."

    Examples
    --------
    >>> s = claim_statement("c1", "We are opposed to this.", normalized="Norway opposes the bill.",
    ...                     paraphrases=["We are opposed to the bill."])
    >>> (s.text, s.fields)
    ('Norway opposes the bill.', ('We are opposed to the bill.',))
    """
    fields: list[str] = []
    for p in paraphrases:
        fields.extend(views(clean_text(p)))
    return Statement(
        ident,
        normalized or content,
        fields=tuple(dict.fromkeys(fields)),
        document=document,
        published=published,
    )


@dataclasses.dataclass
class PreparedStatements:
    """Statements with their views embedded and their words counted, ready to match."""

    statements: list[Statement]
    views: list[list[str]]
    offsets: np.ndarray  # views of statement i are rows offsets[i]:offsets[i+1]
    vectors: np.ndarray  # unit vectors of every view
    words: list[frozenset[str]]

    def __len__(self) -> int:
        return len(self.statements)

    @property
    def owner(self) -> np.ndarray:
        """Statement index of every view row."""
        return np.repeat(np.arange(len(self.statements)), np.diff(self.offsets))


def statement_views(statement: Statement, *, parts: bool = True) -> list[str]:
    """Views of a statement: its cleaned text (and its parts), then its fields."""
    text = clean_text(statement.text)
    out = (views(text) if parts else [text]) if text else []
    for field in statement.fields:
        field = clean_text(field)
        if field and field not in out:
            out.append(field)
    return out or [""]


def prepare(
    statements: Sequence[Statement],
    *,
    model: str | None = None,
    cache: str | None = None,
    vectors: np.ndarray | None = None,
    parts: bool = True,
    known: Mapping[str, np.ndarray] | None = None,
) -> PreparedStatements:
    """Split statements into views, embed the views and take their words.

    ``vectors`` (one unit row per statement) are the embeddings of each
    statement's whole text, computed elsewhere; only the other views (parts
    and fields) are then embedded here.  With ``parts=False`` a statement is
    matched on its whole text alone.  ``known`` holds vectors of views
    embedded beforehand, by text: those are not embedded again.
    """
    from .embed import embed_texts

    statements = list(statements)
    all_views = [statement_views(s, parts=parts) for s in statements]
    if vectors is None:
        flat = [v for vs in all_views for v in vs]
        flat_vectors = embed_texts(flat, model=model, cache=cache)
    else:
        vectors = np.asarray(vectors, dtype=np.float32)
        extra = [v for vs in all_views for v in vs[1:]]
        known = known or {}
        missing = list(dict.fromkeys(v for v in extra if v not in known))
        if missing:
            fresh = embed_texts(missing, model=model, cache=cache)
            known = {**known, **dict(zip(missing, fresh, strict=True))}
        extra_vectors = (
            np.array([known[v] for v in extra], dtype=np.float32).reshape(-1, vectors.shape[1])
            if extra
            else np.zeros((0, vectors.shape[1]), np.float32)
        )
        rows, at = [], 0
        for i, vs in enumerate(all_views):
            rows.append(vectors[i : i + 1])
            rows.append(extra_vectors[at : at + len(vs) - 1])
            at += len(vs) - 1
        flat_vectors = np.concatenate(rows) if rows else vectors
    offsets = np.zeros(len(statements) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(v) for v in all_views])
    words = [
        frozenset(t for v in ([clean_text(s.text), *s.fields]) for t in tokens(v))
        for s in statements
    ]
    return PreparedStatements(statements, all_views, offsets, flat_vectors, words)


def _view_max(
    queries: PreparedStatements,
    candidates: PreparedStatements,
    pairs: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(best cosine over view pairs, cosine of the two whole texts) for each (query, candidate) pair."""
    qo, co = queries.offsets, candidates.offsets
    if len(queries.vectors) == len(queries) and len(candidates.vectors) == len(candidates):
        # one view each: a row-wise dot product, in blocks to bound memory
        whole = np.empty(len(pairs), dtype=np.float32)
        for lo in range(0, len(pairs), 65536):
            p = pairs[lo : lo + 65536]
            whole[lo : lo + len(p)] = np.einsum(
                "ij,ij->i", queries.vectors[p[:, 0]], candidates.vectors[p[:, 1]]
            )
        return whole, whole.copy()
    best = np.empty(len(pairs), dtype=np.float32)
    whole = np.empty(len(pairs), dtype=np.float32)
    for n, (i, j) in enumerate(pairs.tolist()):
        qv = queries.vectors[qo[i] : qo[i + 1]]
        cv = candidates.vectors[co[j] : co[j + 1]]
        sims = qv @ cv.T
        best[n] = sims.max()
        whole[n] = sims[0, 0]
    return best, whole


#: Above this many candidate views, nearest neighbours come from an approximate
#: index (faiss IVF) instead of exact search.
EXACT_LIMIT = 50_000


def _view_levels(offsets: np.ndarray) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Row of each group's first view, and per further level (2nd views, 3rd views ...)
    the groups that have one and its rows."""
    counts = np.diff(offsets)
    first = offsets[:-1]
    levels: list[tuple[np.ndarray, np.ndarray]] = []
    level = 1
    while True:
        groups = np.flatnonzero(counts > level)
        if not len(groups):
            return first, levels
        levels.append((groups, first[groups] + level))
        level += 1


def _group_max(scores: np.ndarray, offsets: np.ndarray, axis: int) -> np.ndarray:
    """Maximum of ``scores`` over each group of views (rows or columns ``offsets[g]:offsets[g+1]``).

    Most statements have one view: the first views are taken whole and the
    further ones folded in level by level, much faster than ``reduceat``
    (the same values: a maximum does not depend on the order it is taken in).
    """
    first, levels = _view_levels(offsets)
    if axis == 0:
        out = scores[first]
        for groups, rows in levels:
            out[groups] = np.maximum(out[groups], scores[rows])
    else:
        out = scores[:, first]
        for groups, cols in levels:
            out[:, groups] = np.maximum(out[:, groups], scores[:, cols])
    return out


def dense_neighbours(
    queries: PreparedStatements,
    candidates: PreparedStatements,
    k: int,
    *,
    exclude: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
    block: int = 512,
    exact: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` candidates nearest each query (best cosine over their views).

    Returns (indices, scores), ``len(queries) x k``; missing neighbours are
    -1 with score -inf.  ``exclude(query_rows, candidate_matrix)`` gives a
    boolean mask of pairs never to return (the same document, the same
    statement).  Exact in blocks of ``block`` queries up to
    :data:`EXACT_LIMIT` candidate views, a faiss IVF index above it; memory
    stays at ``block x candidate views`` floats either way.

    With ``exact=True`` (the build's linking) the exact search ranks on
    quantised vectors (:func:`exact_neighbours`), so a neighbour list does
    not depend on which other queries it was computed with; the scores
    returned are then the quantised cosines.
    """
    nq = len(queries)
    k = max(1, min(k, len(candidates)))
    out_idx = np.full((nq, k), -1, dtype=np.int64)
    out_val = np.full((nq, k), -np.inf, dtype=np.float32)
    if not nq or not len(candidates):
        return out_idx, out_val
    if len(candidates.vectors) > EXACT_LIMIT:
        return _ann_neighbours(queries, candidates, k, exclude, out_idx, out_val)
    if exact:
        idx, scores = exact_neighbours(queries, candidates, k, exclude=exclude)
        val = np.where(idx >= 0, scores / np.float64(QUANT_LEVELS**2), -np.inf)
        return idx, val.astype(np.float32)
    cvec = candidates.vectors
    for lo in range(0, nq, block):
        hi = min(nq, lo + block)
        qo = queries.offsets[lo : hi + 1]
        sims = queries.vectors[qo[0] : qo[-1]] @ cvec.T
        sims = _group_max(sims, qo - qo[0], axis=0)
        if len(cvec) != len(candidates):
            sims = _group_max(sims, candidates.offsets, axis=1)
        if exclude is not None:
            sims[exclude(np.arange(lo, hi), np.arange(len(candidates)))] = -np.inf
        _top_k(sims, k, out_idx[lo:hi], out_val[lo:hi])
    return out_idx, out_val


def _top_k(sims: np.ndarray, k: int, idx_out: np.ndarray, val_out: np.ndarray) -> None:
    """Top ``k`` of each row, by score then by index (deterministic ties)."""
    if sims.shape[1] > k:
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    else:
        part = np.broadcast_to(np.arange(sims.shape[1]), (sims.shape[0], sims.shape[1]))
    vals = np.take_along_axis(sims, part, axis=1)
    order = np.lexsort((part, -vals), axis=1)
    part = np.take_along_axis(part, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    finite = np.isfinite(vals)
    idx_out[:, : part.shape[1]] = np.where(finite, part, -1)
    val_out[:, : part.shape[1]] = np.where(finite, vals, -np.inf)


# ---------------------------------------------------------------- exact neighbour search

#: The build's neighbour search ranks on view vectors quantised to integers in
#: ``-QUANT_LEVELS..QUANT_LEVELS`` (int8): their dot products are integers
#: that a float32 matrix product adds exactly, in whatever order BLAS takes them.
QUANT_LEVELS = 127

#: The integer score of a pair that is never returned (excluded, or no candidate left).
NO_SCORE = -(2**31)

# query rows x candidate views held at once by the exact search
_EXACT_CELLS = 1 << 23


def quantised(vectors: np.ndarray) -> np.ndarray:
    """Vectors rounded to integers, ``round(v * QUANT_LEVELS)``, as floats whose
    dot products BLAS computes without rounding.

    Every partial sum of a dot product of ``a`` and ``b`` is at most
    ``|a| |b|`` (Cauchy-Schwarz): for unit vectors about ``127**2``, far below
    ``2**24``, under which float32 holds every integer, so the sum is exact
    in any order.  Vectors too long for that are held as float64.

    Examples
    --------
    >>> quantised(np.array([[0.6, -0.8]], np.float32)).tolist()
    [[76.0, -102.0]]
    """
    q = np.asarray(vectors, dtype=np.float64) * QUANT_LEVELS
    q = np.clip(np.rint(q), -QUANT_LEVELS, QUANT_LEVELS)
    bound = float((q * q).sum(axis=1).max()) if q.size else 0.0
    return q.astype(np.float32 if bound < 2**24 else np.float64)


def _view_rows(offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The view rows of statements ``rows``, and offsets of each one's views among them."""
    counts = np.diff(offsets)[rows]
    local = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(counts, out=local[1:])
    views = np.arange(local[-1]) - np.repeat(local[:-1] - offsets[:-1][rows], counts)
    return views, local


def _exact_scores(
    qvec: np.ndarray,
    q_offsets: np.ndarray,
    rows: np.ndarray,
    cvec: np.ndarray,
    c_offsets: np.ndarray,
    n_candidates: int,
    exclude: Callable[[np.ndarray, np.ndarray], np.ndarray] | None,
) -> np.ndarray:
    """Integer best-view scores of statements ``rows`` against every candidate
    (:data:`NO_SCORE` where excluded)."""
    views, local = _view_rows(q_offsets, rows)
    sims = qvec[views] @ cvec.T
    sims = _group_max(sims, local, axis=0)
    if len(cvec) != n_candidates:
        sims = _group_max(sims, c_offsets, axis=1)
    out = sims.astype(np.int64)
    if exclude is not None:
        out[exclude(rows, np.arange(n_candidates))] = NO_SCORE
    return out


def _exact_top_k(
    scores: np.ndarray, index: np.ndarray, k: int, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """Top ``k`` of each row of integer ``scores``, ties to the lower ``index`` (distinct
    in a row, below ``width``; -1 pads): (indices, scores), -1 and :data:`NO_SCORE` where
    fewer score.

    Score and index make one integer key, so the choice at the k-th place is
    as exact as the order (``argpartition`` breaks ties of a float score arbitrarily).
    """
    key = scores * width + (width - 1 - index)
    if key.shape[1] > k:
        part = np.argpartition(-key, k - 1, axis=1)[:, :k]
    else:
        part = np.broadcast_to(np.arange(key.shape[1]), key.shape)
    order = np.argsort(-np.take_along_axis(key, part, axis=1), axis=1, kind="stable")
    part = np.take_along_axis(part, order, axis=1)
    idx = np.take_along_axis(np.broadcast_to(index, scores.shape), part, axis=1)
    val = np.take_along_axis(scores, part, axis=1)
    out_idx = np.full((len(scores), k), -1, dtype=np.int64)
    out_val = np.full((len(scores), k), NO_SCORE, dtype=np.int64)
    missing = val == NO_SCORE
    out_idx[:, : part.shape[1]] = np.where(missing, -1, idx)
    out_val[:, : part.shape[1]] = np.where(missing, NO_SCORE, val)
    return out_idx, out_val


def exact_neighbours(
    queries: PreparedStatements,
    candidates: PreparedStatements,
    k: int,
    *,
    exclude: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` candidates of each query with the best quantised score, exactly.

    A score is an integer: the best dot product of a :func:`quantised` view of
    the query and one of the candidate; ties go to the lower candidate index.
    Neither depends on the other queries searched in the same batch nor on
    the order BLAS adds in, so a list computed in any batch is the same: what
    lets :func:`extend_neighbours` update stored lists exactly.  Returns
    (indices, integer scores), ``len(queries) x k``; -1 and :data:`NO_SCORE`
    where fewer candidates remain.

    Examples
    --------
    >>> s = prepare([Statement(str(i), "") for i in range(3)],
    ...             vectors=np.array([[1, 0], [0.6, 0.8], [0.6, 0.8]], np.float32), parts=False)
    >>> idx, scores = exact_neighbours(s, s, 1, exclude=lambda r, c: r[:, None] == c[None, :])
    >>> idx.ravel().tolist(), scores.ravel().tolist()
    ([1, 2, 1], [9652, 16180, 16180])
    """
    nc = len(candidates)
    k = max(1, min(k, nc))
    out_idx = np.full((len(queries), k), -1, dtype=np.int64)
    out_val = np.full((len(queries), k), NO_SCORE, dtype=np.int64)
    if not len(queries) or not nc:
        return out_idx, out_val
    qvec = quantised(queries.vectors)
    cvec = qvec if candidates is queries else quantised(candidates.vectors)
    step = max(1, _EXACT_CELLS // len(cvec))
    for lo in range(0, len(queries), step):
        rows = np.arange(lo, min(len(queries), lo + step))
        scores = _exact_scores(qvec, queries.offsets, rows, cvec, candidates.offsets, nc, exclude)
        out_idx[rows], out_val[rows] = _exact_top_k(scores, np.arange(nc), k, nc)
    return out_idx, out_val


def extend_neighbours(
    statements: PreparedStatements,
    k: int,
    known: np.ndarray,
    known_idx: np.ndarray,
    known_val: np.ndarray,
    *,
    exclude: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`exact_neighbours` of statements among themselves, from the lists of some
    of them among themselves alone.

    ``known`` are rows of ``statements`` searched before (among those rows
    only, with ``k`` as then: at most ``k`` columns); ``known_idx`` and
    ``known_val`` their lists, indices as rows of ``statements``.  Only the
    other statements are scored, against all; each known list is merged with
    its scores to them (read down the columns: ``exclude`` must be symmetric,
    as between statements and themselves).  Equal to the full search: the
    top k of a union is the top k of the union of its parts' top ks, and
    integer scores with ties by index are the same in any batch.

    Examples
    --------
    >>> s = prepare([Statement(str(i), "") for i in range(3)],
    ...             vectors=np.array([[1, 0], [0.6, 0.8], [0.6, 0.8]], np.float32), parts=False)
    >>> not_self = lambda r, c: r[:, None] == c[None, :]
    >>> old = exact_neighbours(prepare(s.statements[:2], vectors=s.vectors[:2], parts=False),
    ...                        prepare(s.statements[:2], vectors=s.vectors[:2], parts=False), 1,
    ...                        exclude=not_self)
    >>> idx, _ = extend_neighbours(s, 1, np.array([0, 1]), *old, exclude=not_self)
    >>> bool((idx == exact_neighbours(s, s, 1, exclude=not_self)[0]).all())
    True
    """
    n = len(statements)
    k = max(1, min(k, n))
    known = np.asarray(known, dtype=np.int64)
    if known_idx.shape[1] > k or len(known_idx) != len(known):
        raise ValueError("the known lists do not fit these statements")
    out_idx = np.full((n, k), -1, dtype=np.int64)
    out_val = np.full((n, k), NO_SCORE, dtype=np.int64)
    have_idx = out_idx[: len(known)].copy()
    have_val = out_val[: len(known)].copy()
    have_idx[:, : known_idx.shape[1]] = known_idx
    have_val[:, : known_idx.shape[1]] = known_val
    fresh = np.setdiff1d(np.arange(n), known)
    if len(fresh):
        vec = quantised(statements.vectors)
        step = max(1, _EXACT_CELLS // len(vec))
        offsets = statements.offsets
        for lo in range(0, len(fresh), step):
            rows = fresh[lo : lo + step]
            scores = _exact_scores(vec, offsets, rows, vec, offsets, n, exclude)
            out_idx[rows], out_val[rows] = _exact_top_k(scores, np.arange(n), k, n)
            back = scores[:, known].T
            have_idx, have_val = _exact_top_k(
                np.concatenate([have_val, back], axis=1),
                np.concatenate([have_idx, np.broadcast_to(rows, back.shape)], axis=1),
                k,
                n,
            )
    out_idx[known], out_val[known] = have_idx, have_val
    return out_idx, out_val


def _ann_neighbours(queries, candidates, k, exclude, out_idx, out_val):  # type: ignore[no-untyped-def]
    """Approximate neighbours from a faiss inverted-file index over the candidate views.

    IVF with exact inner products inside the probed lists: its k-means uses a
    fixed seed and the candidates come in a fixed order, so the same input
    gives the same links.
    """
    import faiss

    cvec = np.ascontiguousarray(candidates.vectors, dtype=np.float32)
    n, dim = cvec.shape
    # about 4 sqrt(n) lists, each with at least 39 training points (faiss' floor)
    nlist = int(max(1, min(4096, 4 * math.sqrt(n), n // 39)))
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    # k-means on a fixed, evenly spaced sample: deterministic and quick
    step = max(1, n // (nlist * 64))  # at most 64 points per list for training
    index.cp.seed = 1234
    index.train(cvec[::step])
    index.add(cvec)
    index.nprobe = min(nlist, 24)
    owner = candidates.owner
    per_view = min(len(cvec), 4 * k + 16)
    block = 4096
    for lo in range(0, len(queries), block):
        hi = min(len(queries), lo + block)
        qo = queries.offsets[lo : hi + 1]
        qvec = np.ascontiguousarray(queries.vectors[qo[0] : qo[-1]])
        sims, rows = index.search(qvec, per_view)
        q_owner = np.repeat(np.arange(lo, hi), np.diff(qo))
        for r in range(len(qvec)):
            i = int(q_owner[r])
            valid = rows[r] >= 0
            cand = owner[rows[r][valid]]
            vals = sims[r][valid]
            if exclude is not None and len(cand):
                keep = ~exclude(np.array([i]), cand)[0]
                cand, vals = cand[keep], vals[keep]
            # merge with what other views of query i found
            have = out_idx[i][out_idx[i] >= 0]
            have_v = out_val[i][: len(have)]
            allc = np.concatenate([have, cand])
            allv = np.concatenate([have_v, vals])
            if not len(allc):
                continue
            order = np.lexsort((allc, -allv))
            allc, allv = allc[order], allv[order]
            _, first = np.unique(allc, return_index=True)
            first = np.sort(first)[:k]
            out_idx[i, :] = -1
            out_val[i, :] = -np.inf
            out_idx[i, : len(first)] = allc[first]
            out_val[i, : len(first)] = allv[first]
    return out_idx, out_val


def lexical_neighbours(
    queries: PreparedStatements,
    index: LexicalIndex,
    k: int,
    *,
    exclude: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
    block: int = 1024,
) -> np.ndarray:
    """The ``k`` candidates of highest BM25 for each query (-1 where fewer score)."""
    nq = len(queries)
    n = index.matrix.shape[0]
    k = max(1, min(k, n))
    out = np.full((nq, k), -1, dtype=np.int64)
    for lo in range(0, nq, block):
        hi = min(nq, lo + block)
        sims = index.scores([sorted(w) for w in queries.words[lo:hi]]).toarray()
        sims[sims <= 0] = -np.inf
        if exclude is not None:
            sims[exclude(np.arange(lo, hi), np.arange(n))] = -np.inf
        vals = np.full((hi - lo, k), -np.inf, dtype=np.float32)
        _top_k(sims, k, out[lo:hi], vals)
    return out


def _presence(
    words: Sequence[frozenset[str]], rows: np.ndarray, vocabulary: dict[str, int]
) -> sparse.csr_matrix:
    """Binary rows x terms matrix of the words of statements ``rows``."""
    indptr: list[int] = [0]
    cols: list[int] = []
    for i in rows.tolist():
        cols.extend(vocabulary[t] for t in words[i])
        indptr.append(len(cols))
    data = np.ones(len(cols), dtype=np.float32)
    return sparse.csr_matrix(
        (data, np.array(cols, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(rows), len(vocabulary)),
    )


def _coverages(
    queries: PreparedStatements,
    candidates: PreparedStatements,
    pairs: np.ndarray,
    idf: dict[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair, the idf-weighted share of the query's words found in the candidate, and back."""
    rare = max(idf.values(), default=1.0)
    vocabulary: dict[str, int] = {}
    qi, q_at = np.unique(pairs[:, 0], return_inverse=True)
    ci, c_at = np.unique(pairs[:, 1], return_inverse=True)
    for i in qi.tolist():
        for t in queries.words[i]:
            vocabulary.setdefault(t, len(vocabulary))
    for j in ci.tolist():
        for t in candidates.words[j]:
            vocabulary.setdefault(t, len(vocabulary))
    weight = np.full(len(vocabulary), rare, dtype=np.float64)
    for t, k in vocabulary.items():
        weight[k] = idf.get(t, rare)
    pq = _presence(queries.words, qi, vocabulary)
    pc = _presence(candidates.words, ci, vocabulary)
    q_total = pq @ weight
    c_total = pc @ weight
    shared = np.zeros(len(pairs), dtype=np.float64)
    for lo in range(0, len(pairs), 262144):
        a = pq[q_at[lo : lo + 262144]]
        b = pc[c_at[lo : lo + 262144]]
        shared[lo : lo + len(a.indptr) - 1] = a.multiply(b) @ weight
    q_total, c_total = q_total[q_at], c_total[c_at]
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.where(q_total > 0, shared / q_total, 0.0)
        y = np.where(c_total > 0, shared / c_total, 0.0)
    return x, y


def pair_features(
    queries: PreparedStatements,
    candidates: PreparedStatements,
    pairs: np.ndarray,
    idf: dict[str, float],
) -> np.ndarray:
    """Feature rows for (query, candidate) index pairs: ``n x 4`` float32.

    Columns: ``best`` (best cosine between a view of one and a view of the
    other), ``whole`` (cosine of the whole texts), ``lex_min`` and ``lex_max``
    (the idf-weighted share of each one's words found in the other, the lower
    and the higher).
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    if not len(pairs):
        return np.zeros((0, 4), dtype=np.float32)
    best, whole = _view_max(queries, candidates, pairs)
    x, y = _coverages(queries, candidates, pairs, idf)
    return np.column_stack([best, whole, np.minimum(x, y), np.maximum(x, y)]).astype(np.float32)


@dataclasses.dataclass(frozen=True)
class MatchModel:
    """A logistic model over :func:`pair_features`: P(same proposition | evidence)."""

    intercept: float
    weights: tuple[float, float, float, float]
    #: probability at or above which two statements are taken as the same claim
    threshold: float = 0.5

    def score(self, features: np.ndarray) -> np.ndarray:
        z = self.intercept + np.asarray(features, dtype=np.float64) @ np.asarray(self.weights)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


#: The matcher's model, fitted by ``python benchmarks/checkthat.py --calibrate``:
#: logistic regression on the CheckThat! 2022 2A **train** split (for each of
#: 997 tweets, the pool of 50 nearest verified claims by embedding and 50 by
#: BM25: 90,184 pairs, 987 of them qrels positives).  The threshold is chosen
#: on the top 5 pairs of every train and dev query: F1 of "same claim"
#: decisions is flat near its best (0.781 at 0.37, 0.778 at 0.25), and the
#: lowest threshold within 0.005 of the best is taken (0.24: precision 0.76,
#: recall 0.79), as a missed recurrence hides a talking point while an extra
#: link is shown with its evidence.  Dev-test plays no part.
DEFAULT_MODEL = MatchModel(
    intercept=-15.7634, weights=(8.4604, 11.0377, 6.3751, 8.0464), threshold=0.24
)


def idf_table(words: Sequence[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of every word among ``words`` (BM25's idf)."""
    df: Counter[str] = Counter()
    for w in words:
        df.update(w)
    n = len(words)
    return {t: math.log(1.0 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}


# Predicates of opposite polarity: two claims that differ by one of these pairs
# state opposite propositions ("support" / "oppose"), not the same one.
_OPPOSITES = [
    ("support", "oppose"),
    ("support", "against"),
    ("favour", "against"),
    ("favor", "against"),
    ("accept", "reject"),
    ("approve", "reject"),
    ("agree", "disagree"),
    ("increase", "decrease"),
    ("rise", "fall"),
    ("raise", "lower"),
    ("win", "lose"),
    ("won", "lost"),
    ("gain", "loss"),
    ("true", "false"),
    ("legal", "illegal"),
    ("guilty", "innocent"),
    ("allow", "ban"),
    ("allow", "prohibit"),
    ("confirm", "deny"),
    ("admit", "deny"),
    ("succeed", "fail"),
    ("success", "failure"),
    ("welcome", "condemn"),
    ("praise", "condemn"),
    ("more", "less"),
    ("more", "fewer"),
    ("up", "down"),
    ("improve", "worsen"),
    ("strong", "weak"),
    ("victory", "defeat"),
    ("ally", "enemy"),
    ("friend", "enemy"),
    ("lowest", "highest"),
    ("best", "worst"),
]
_OPPOSITE_OF: dict[str, set[str]] = {}
for _x, _y in _OPPOSITES:
    _OPPOSITE_OF.setdefault(stem(_x), set()).add(stem(_y))
    _OPPOSITE_OF.setdefault(stem(_y), set()).add(stem(_x))


def opposed(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two word sets differ by a pair of opposite predicates ("support" / "oppose")?

    Examples
    --------
    >>> opposed(frozenset(tokens("nearly 100 countries support the policy")),
    ...         frozenset(tokens("100 countries oppose the policy")))
    True
    """
    for word in a - b:
        for other in _OPPOSITE_OF.get(word, ()):
            if other in b and other not in a:
                return True
    return False


@dataclasses.dataclass(frozen=True)
class Match:
    """A candidate found for a query: its rank (from 1) and score."""

    query: str
    candidate: str
    rank: int
    score: float


def candidate_pairs(
    queries: PreparedStatements,
    candidates: PreparedStatements,
    lexicon: LexicalIndex | None,
    pool: int,
    exclude: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> np.ndarray:
    """(query, candidate) index pairs worth scoring: nearest by embedding and by BM25."""
    found = [dense_neighbours(queries, candidates, pool, exclude=exclude)[0]]
    if lexicon is not None:
        found.append(lexical_neighbours(queries, lexicon, pool, exclude=exclude))
    rows = np.concatenate([np.repeat(np.arange(len(queries)), f.shape[1]) for f in found])
    cols = np.concatenate([f.ravel() for f in found])
    keep = cols >= 0
    if not keep.any():
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.column_stack([rows[keep], cols[keep]]), axis=0)


def fuse(logistic: np.ndarray, reranked: np.ndarray) -> np.ndarray:
    """One score from the logistic model's and the re-ranker's probabilities: their
    geometric mean.

    Each is right where the other errs: the logistic model weighs shared rare
    words and numbers (strong on fact-checks: CheckThat! 2022 2A dev MAP@5
    0.964 alone, the re-ranker 0.902), the re-ranker reads the two texts
    together (KPA-2021 dev mAP relaxed 0.948 through ``match``, the logistic
    model 0.895).  On the ``tune`` half of tests/data/devset the geometric
    mean links best (F1 0.283 at its best threshold; re-ranker alone 0.267,
    logistic alone 0.271).

    Examples
    --------
    >>> [round(float(x), 2) for x in fuse(np.array([0.81, 0.04]), np.array([0.64, 0.99]))]
    [0.72, 0.2]
    """
    return np.sqrt(
        np.asarray(logistic, dtype=np.float64) * np.asarray(reranked, dtype=np.float64)
    ).astype(np.float32)


#: The re-ranker reads each query's this many best candidates (by the logistic model).
RERANK_TOP = 20


def match(
    queries: Sequence[Statement],
    candidates: Sequence[Statement],
    *,
    top: int = 5,
    model: MatchModel | None = None,
    embedding_model: str | None = None,
    cache: str | None = None,
    pool: int = 50,
    reranker: str | None = None,
) -> list[Match]:
    """For each query, the ``top`` candidates most likely to state the same claim.

    Candidates are pooled from the ``pool`` nearest by embedding and by BM25,
    then scored by ``model`` (default :data:`DEFAULT_MODEL`); each query's
    :data:`RERANK_TOP` best (at least ``top``) are read again by the
    re-ranker (:mod:`graph.rerank`; ``reranker="none"`` switches it off),
    and their score is the two probabilities fused (:func:`fuse`).  Ties go to the lower candidate id.
    This is what ``claimgraph match`` runs.

    Examples
    --------
    >>> q = [Statement("q1", "No terrorist attack in the region for six years, officials say")]
    >>> c = [Statement("c1", "There has been no terrorist attack in the region for years."),
    ...      Statement("c2", "The bridge will be closed for repairs in May.")]
    >>> [(m.query, m.candidate, m.rank) for m in match(q, c, top=1)]
    [('q1', 'c1', 1)]
    """
    model = model or DEFAULT_MODEL
    prepared_q = prepare(queries, model=embedding_model, cache=cache)
    prepared_c = prepare(candidates, model=embedding_model, cache=cache)
    return rank(
        prepared_q,
        prepared_c,
        top=top,
        model=model,
        pool=pool,
        reranker=reranker,
        rerank_cache=None if cache is None else str(pathlib.Path(cache) / "rerank"),
    )


def rank(
    queries: PreparedStatements,
    candidates: PreparedStatements,
    *,
    top: int = 5,
    model: MatchModel | None = None,
    pool: int = 50,
    reranker: str | None = None,
    rerank_cache: str | None = None,
) -> list[Match]:
    """:func:`match` on prepared statements (so that candidates are embedded once)."""
    from .rerank import reranker_path, score_pairs

    model = model or DEFAULT_MODEL
    lexicon = LexicalIndex([sorted(w) for w in candidates.words])
    pairs = candidate_pairs(queries, candidates, lexicon, pool)
    idf = idf_table(candidates.words)
    scores = model.score(pair_features(queries, candidates, pairs, idf))
    path = reranker_path(reranker)
    if path is not None and len(pairs):
        # each query's best candidates by the logistic model, read again together
        keep = max(top, RERANK_TOP)
        order = np.lexsort((pairs[:, 1], -scores, pairs[:, 0]))
        first = np.searchsorted(pairs[order, 0], pairs[order, 0], side="left")
        read = order[np.arange(len(order)) - first < keep]
        read.sort()
        reranked = score_pairs(
            [
                (queries.statements[i].text, candidates.statements[j].text)
                for i, j in pairs[read].tolist()
            ],
            model=path,
            cache=rerank_cache,
        )
        pairs, scores = pairs[read], fuse(scores[read], reranked)
    by_query: dict[int, list[tuple[float, str]]] = {}
    for (i, j), s in zip(pairs.tolist(), scores.tolist(), strict=True):
        by_query.setdefault(i, []).append((-round(s, 6), candidates.statements[j].id))
    out = []
    for i in sorted(by_query, key=lambda i: queries.statements[i].id):
        for r, (neg, cid) in enumerate(sorted(by_query[i])[:top], start=1):
            out.append(Match(queries.statements[i].id, cid, r, -neg))
    return out


# ---------------------------------------------------------------- input and output


class StatementsError(ClaimgraphError):
    """A file of queries or candidates cannot be read."""

    code = "CG400"


def read_statements(path: str | os.PathLike) -> list[Statement]:
    """Statements from a TSV file (``id<TAB>text``), a JSONL file or a built graph.

    JSONL objects need ``id`` (or ``vclaim_id``/``iclaim_id``) and ``text``
    (or ``vclaim``); ``title``, ``subtitle`` and ``fields`` are matched too,
    ``date`` or ``published`` is kept.  A folder holding ``graph.json`` (the
    output of ``claimgraph build``) gives its claims.
    """
    p = pathlib.Path(path)
    if p.is_dir() or p.name == "graph.json":
        return graph_statements(p if p.is_dir() else p.parent)
    if not p.is_file():
        raise StatementsError("file not found; give a .tsv, .jsonl or a build folder", str(p))
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise StatementsError(f"cannot be read ({err}); give UTF-8 text", str(p)) from None
    out: list[Statement] = []
    seen: set[str] = set()
    is_jsonl = p.suffix.lower() in (".jsonl", ".ndjson", ".json")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if is_jsonl:
            statement = _json_statement(line, p, number)
        else:
            cells = line.split("\t")
            if len(cells) < 2:
                raise StatementsError(
                    f"line {number}: expected id<TAB>text; write one statement a line", str(p)
                )
            if number == 1 and cells[0].strip().lower() in ("id", "qid", "iclaim_id", "vclaim_id"):
                continue
            statement = Statement(
                cells[0].strip(),
                cells[1].strip(),
                fields=tuple(c.strip() for c in cells[2:] if c.strip()),
            )
        if statement.id in seen:
            raise StatementsError(f"line {number}: id {statement.id!r} appears twice", str(p))
        seen.add(statement.id)
        out.append(statement)
    if not out:
        raise StatementsError("no statements in this file", str(p))
    return out


def _json_statement(line: str, path: pathlib.Path, number: int) -> Statement:
    import json

    try:
        obj = json.loads(line)
    except ValueError as err:
        raise StatementsError(f"line {number}: not JSON ({err})", str(path)) from None
    ident = next((obj[k] for k in ("id", "vclaim_id", "iclaim_id") if obj.get(k)), None)
    text = next((obj[k] for k in ("text", "vclaim", "claim") if obj.get(k)), None)
    if not isinstance(obj, dict) or ident is None or text is None:
        raise StatementsError(f'line {number}: needs "id" and "text"', str(path))
    fields = [obj[k] for k in ("title", "subtitle") if isinstance(obj.get(k), str) and obj[k]]
    fields += [f for f in obj.get("fields", []) if isinstance(f, str) and f]
    published = obj.get("published") or obj.get("date")
    return Statement(str(ident), str(text), tuple(fields), published=published)


def graph_statements(build_dir: str | os.PathLike) -> list[Statement]:
    """The claims of a built graph as statements (as :func:`claim_statement`, with document
    and publication date): the statements ``claimgraph build`` links."""
    from .export import load_graph

    out = claims_as_statements(load_graph(build_dir))
    if not out:
        raise StatementsError("the graph holds no claims", str(build_dir))
    return out


def claims_as_statements(G: nx.MultiDiGraph) -> list[Statement]:
    """The claim nodes of a graph as statements, in node order (see :func:`graph_statements`)."""
    out = []
    for node, attrs in sorted(G.nodes(data=True)):
        if attrs.get("kind") != "claim":
            continue
        out.append(
            claim_statement(
                node,
                attrs.get("content") or attrs.get("text") or "",
                normalized=attrs.get("normalized") or "",
                paraphrases=[p for p in attrs.get("paraphrases") or () if isinstance(p, str)],
                document=attrs.get("document"),
                published=attrs.get("published"),
            )
        )
    return out


def trec_run(matches: Sequence[Match], tag: str = "claimgraph") -> str:
    """Matches as a TREC run file: ``qid Q0 docid rank score tag`` a line."""
    return "".join(f"{m.query} Q0 {m.candidate} {m.rank} {m.score:.6f} {tag}\n" for m in matches)
