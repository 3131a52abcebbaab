"""Faithfulness of an answer to the context it was given, after ragas."""

from __future__ import annotations

import math
from collections.abc import Callable

__all__ = ["faithfulness"]


def faithfulness(sentences: list[str], context: str | list[str], judge: Callable[[str, str], bool]) -> float:
    """ragas-style faithfulness.

    1. The statements are the answer's sentences (blank ones dropped); the caller splits the answer.
    2. Check each against the whole context with `judge(sentence, context)`; a list of passages is
       joined with blank lines first.
    3. Faithfulness = supported sentences / sentences. NaN when there are no sentences.
    An empty context supports nothing, so every sentence scores 0 without calling the judge.
    """
    statements = [s for s in sentences if s.strip()]
    if not statements:
        return math.nan
    text = context if isinstance(context, str) else "\n\n".join(context)
    if not text.strip():
        return 0.0
    return sum(bool(judge(s, text)) for s in statements) / len(statements)
