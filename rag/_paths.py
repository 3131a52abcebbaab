"""Default locations, shared by settings and the package's import-time environment."""

from __future__ import annotations

import os
from pathlib import Path


def default_model_dir() -> Path:
    """The model cache: `NEWSRAG_MODELS`, else `$XDG_CACHE_HOME/newsrag/models`, else ~/.cache/newsrag/models."""
    explicit = os.environ.get("NEWSRAG_MODELS")
    if explicit:
        return Path(explicit).expanduser().resolve()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache).expanduser().resolve() / "newsrag" / "models"


def default_data_dir() -> Path:
    """One corpus's index, caches and settings: `NEWSRAG_HOME`, else ./.newsrag."""
    explicit = os.environ.get("NEWSRAG_HOME")
    return Path(explicit).expanduser().resolve() if explicit else (Path.cwd() / ".newsrag").resolve()
