"""Errors that name their fix. The CLI prints `str(error)` on one line and exits non-zero."""

from __future__ import annotations


class NewsragError(Exception):
    """Base class: every message says what went wrong and what to do about it."""

    exit_code = 1


class ModelMissing(NewsragError):
    """A model file is absent or fails its checksum."""

    exit_code = 3


class ProvisioningError(NewsragError):
    """`newsrag models pull` could not fetch or assemble a model."""

    exit_code = 3


class IndexMismatch(NewsragError):
    """The index was built with other embedder or chunking settings."""

    exit_code = 4


class ConfigError(NewsragError):
    """A setting has a value that cannot work."""

    exit_code = 2


class BadInput(NewsragError):
    """A file or question that cannot be processed."""

    exit_code = 2


class BackendError(NewsragError):
    """An LLM, embedder or store backend failed or is unreachable."""

    exit_code = 5


class StoreError(NewsragError):
    """The vector store failed or is unreachable."""

    exit_code = 5


class NotFound(BadInput):
    """An article (or other named thing) is not in the index."""

    exit_code = 2


class UploadRejected(BadInput):
    """An uploaded file breaks the upload rules (count, size, type, name)."""

    exit_code = 2


class Busy(NewsragError):
    """The single local model is serving other requests."""

    exit_code = 5


class UploadTooLarge(UploadRejected):
    """An uploaded file is over the size limit."""


class UnsupportedUpload(UploadRejected):
    """An uploaded file is not of a type the loaders read."""
