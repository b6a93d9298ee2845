"""The re-ranker: a cross-encoder that reads two statements together and says whether
they state the same proposition.

The bi-encoder of :mod:`graph.embed` embeds each statement alone, which finds
candidates fast but scores "the same topic" nearly as high as "the same
talking point".  The re-ranker reads both texts at once.  It is
all-MiniLM-L6-v2 with a one-logit head, fine-tuned on the train splits of
IBM ArgKP-2021 (arguments and the key points they make), CheckThat! 2022 2A
(tweets and fact-checked claims) and CheckThat! 2021 2B (debate sentences
and PolitiFact claims) by ``benchmarks/train_reranker.py``; the weights
(float16, 45 MB) ship in ``graph/models/reranker/``, so nothing is fetched.

Scores are probabilities.  The pair is read in one fixed order (the two texts
sorted), so ``score(a, b) == score(b, a)``; batches are formed in a fixed
order too, so the same pairs give the same scores.  Scores can be cached on
disk by the SHA-1 of the pair (``cache=``).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import os
import pathlib
import tempfile
from collections.abc import Sequence

import numpy as np

from extract.errors import ModelNotFound

__all__ = ["RERANKER_ENV", "load_reranker", "reranker_path", "score_pairs"]

#: Environment variable naming another re-ranker folder, or "none" to switch it off.
RERANKER_ENV = "CLAIMGRAPH_RERANKER"

#: Pairs are cut to this many word pieces together (statements are short).
MAX_LENGTH = 96


def reranker_path(model: str | None = None) -> str | None:
    """Folder of the re-ranker to load, or None when it is switched off ("none").

    Examples
    --------
    >>> pathlib.Path(reranker_path()).name
    'reranker'
    >>> reranker_path("none") is None
    True
    """
    wanted = model or os.environ.get(RERANKER_ENV)
    if wanted and wanted.lower() == "none":
        return None
    if wanted:
        if (pathlib.Path(wanted) / "config.json").is_file():
            return str(wanted)
        raise ModelNotFound(
            f"re-ranker folder {wanted!r} not found; give a folder made by "
            f"benchmarks/train_reranker.py, or unset {RERANKER_ENV}"
        )
    folder = pathlib.Path(str(importlib.resources.files("graph") / "models" / "reranker"))
    if not (folder / "config.json").is_file():
        raise ModelNotFound(
            f"{folder}: the re-ranker is missing; reinstall claimgraph (make install)"
        )
    return str(folder)


@functools.cache
def load_reranker(path: str):  # type: ignore[no-untyped-def]
    """(tokenizer, model) of the re-ranker at ``path``, offline, on the CPU, in float32."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import torch
    import transformers
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    transformers.utils.logging.disable_progress_bar()
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path, dtype=torch.float32)
    model.eval()
    return tokenizer, model


def _key(path: str, a: str, b: str) -> bytes:
    return hashlib.sha1(f"{pathlib.Path(path).name}\x00{a}\x00{b}".encode()).digest()


class _ScoreCache:
    """Pair logits kept in ``folder/reranker-<weights digest>.npz`` (keys and values)."""

    def __init__(self, folder: str | os.PathLike, path: str) -> None:
        weights = pathlib.Path(path) / "model.safetensors"
        digest = hashlib.sha1()
        if weights.is_file():
            with weights.open("rb") as fh:
                digest.update(fh.read(1 << 20))
            digest.update(str(weights.stat().st_size).encode())
        self.path = pathlib.Path(folder) / f"reranker-{digest.hexdigest()[:12]}.npz"
        self.rows: dict[bytes, float] = {}
        if self.path.is_file():
            try:
                with np.load(self.path) as stored:
                    keys, values = stored["keys"], stored["values"]
                self.rows = {bytes(k): float(v) for k, v in zip(keys, values, strict=True)}
            except (OSError, ValueError, KeyError):
                self.rows = {}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.rows)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".npz.tmp")
        os.close(fd)
        with open(tmp, "wb") as fh:
            np.savez(
                fh,
                keys=np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, 20),
                values=np.array([self.rows[k] for k in keys], dtype=np.float32),
            )
        os.replace(tmp, self.path)


def score_pairs(
    pairs: Sequence[tuple[str, str]],
    *,
    model: str | None = None,
    cache: str | os.PathLike | None = None,
    batch_size: int = 64,
) -> np.ndarray:
    """Probability that each pair of texts states the same proposition (float32).

    Raises :class:`~extract.errors.ModelNotFound` when the re-ranker is
    switched off or missing: callers check :func:`reranker_path` first.

    Examples
    --------
    >>> p = score_pairs([
    ...     ("Hong Kong affairs are purely China's internal affairs.",
    ...      "No foreign country has the right to interfere in Hong Kong, which is China's internal affair."),
    ...     ("Hong Kong affairs are purely China's internal affairs.",
    ...      "The bridge will be closed for repairs in May.")])
    >>> bool(p[0] > 0.5 > p[1])
    True
    """
    path = reranker_path(model)
    if path is None:
        raise ModelNotFound(f"the re-ranker is switched off ({RERANKER_ENV}=none)")
    ordered = [(a, b) if a <= b else (b, a) for a, b in pairs]
    logits = np.zeros(len(ordered), dtype=np.float32)
    store = _ScoreCache(cache, path) if cache else None
    todo: dict[tuple[str, str], list[int]] = {}
    for i, pair in enumerate(ordered):
        if store is not None and (k := _key(path, *pair)) in store.rows:
            logits[i] = store.rows[k]
        else:
            todo.setdefault(pair, []).append(i)
    if todo:
        import torch

        tokenizer, net = load_reranker(path)
        unique = sorted(todo, key=lambda p: (len(p[0]) + len(p[1]), p))
        with torch.inference_mode():
            for lo in range(0, len(unique), batch_size):
                chunk = unique[lo : lo + batch_size]
                enc = tokenizer(
                    [a for a, _ in chunk],
                    [b for _, b in chunk],
                    truncation=True,
                    max_length=MAX_LENGTH,
                    padding=True,
                    return_tensors="pt",
                )
                out = net(**enc).logits.squeeze(-1).float().numpy()
                for pair, value in zip(chunk, out.tolist(), strict=True):
                    for i in todo[pair]:
                        logits[i] = value
                    if store is not None:
                        store.rows[_key(path, *pair)] = float(np.float32(value))
        if store is not None:
            store.save()
    return (1.0 / (1.0 + np.exp(-logits.astype(np.float64)))).astype(np.float32)
