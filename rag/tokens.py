"""Token counting with tiktoken, from encodings the project provides (never downloaded at run time)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from rag.errors import ModelMissing
from rag.models import get_spec, model_path

ENCODING = "cl100k_base"


@lru_cache(maxsize=4)
def _encoding(model_dir: Path, name: str):  # -> tiktoken.Encoding
    path = model_path(get_spec(name), model_dir)
    if not path.exists():
        raise ModelMissing(f"tiktoken encoding {name} not found at {path}: run 'newsrag models pull'")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(path.parent)
    import tiktoken

    return tiktoken.get_encoding(name)


class TokenCounter:
    """Counts cl100k_base tokens; the LLM context budget is measured with it."""

    def __init__(self, model_dir: Path, encoding: str = ENCODING) -> None:
        self._enc = _encoding(Path(model_dir), encoding)

    def count(self, text: str) -> int:
        return len(self._enc.encode(text, disallowed_special=()))

    def truncate(self, text: str, max_tokens: int) -> str:
        ids = self._enc.encode(text, disallowed_special=())
        return text if len(ids) <= max_tokens else self._enc.decode(ids[:max_tokens])
