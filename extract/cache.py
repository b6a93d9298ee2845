"""On-disk cache of per-document extraction results.

Extraction of one document depends only on the document (its text and the
metadata that anchor it: id, issuer, published, place, title), the extractor
version and the spaCy pipeline (name and version).  Those make the key; a
change of any of them misses the cache, so a new extractor version never
reuses old results.

Entries are pickles of :class:`~extract.records.DocumentExtraction`, written
to a temporary file and renamed into place, so a killed build never leaves a
half-written entry.  The cache lives in a folder the user chose (by default
under the build's output folder): it is trusted like the rest of that folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pathlib
import pickle
import tempfile

from .records import Document, DocumentExtraction

__all__ = ["ExtractionCache", "extraction_key"]


def extraction_key(document: Document, extractor_version: str, model: str) -> str:
    """Cache key of a document's extraction: hex sha256 of everything it depends on.

    Examples
    --------
    >>> d = Document("doc:a", "a.txt", "0" * 64, "Text.", "txt", "utf-8")
    >>> extraction_key(d, "1", "en_core_web_sm 3.8.0") == extraction_key(d, "1", "en_core_web_sm 3.8.0")
    True
    >>> extraction_key(d, "1", "m") == extraction_key(d, "2", "m")
    False
    """
    fields = dataclasses.asdict(document)
    fields.pop("text")
    fields.pop("path")  # where the file lies does not change what it says
    fields["text_sha256"] = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    fields["published"] = document.published.isoformat() if document.published else None
    blob = json.dumps([extractor_version, model, fields], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ExtractionCache:
    """Extraction results by key, in ``folder/extract/<k[:2]>/<key>.pickle``.

    Examples
    --------
    >>> import tempfile
    >>> cache = ExtractionCache(tempfile.mkdtemp())
    >>> cache.get("0" * 64) is None
    True
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = pathlib.Path(folder) / "extract"
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> pathlib.Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> DocumentExtraction | None:
        """The cached extraction, or None (also for an unreadable entry)."""
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                found = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            self.misses += 1
            return None
        if not isinstance(found, DocumentExtraction):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, extraction: DocumentExtraction) -> None:
        """Store an extraction (atomically: temporary file, then rename)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(extraction, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            pathlib.Path(tmp).unlink(missing_ok=True)
            raise
