"""Errors raised by extraction, each with a stable code and a message that says what to do."""

from __future__ import annotations

__all__ = [
    "ClaimgraphError",
    "DocumentError",
    "EmptyDocument",
    "ModelNotFound",
    "UnsupportedFormat",
]


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose.

    ``str(err)`` is one line: what went wrong, which file, what to do.
    """

    code = "CG000"

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class DocumentError(ClaimgraphError):
    """A document could not be read or decoded."""

    code = "CG100"


class UnsupportedFormat(DocumentError):
    """The file's extension is not one claimgraph reads."""

    code = "CG101"


class EmptyDocument(DocumentError):
    """The file holds no text."""

    code = "CG102"


class ModelNotFound(ClaimgraphError):
    """A spaCy pipeline or an embedding model is not installed."""

    code = "CG200"
