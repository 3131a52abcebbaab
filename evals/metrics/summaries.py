"""Summary metrics: faithfulness to the cited spans, and coverage of an article's key facts."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from evals.metrics.correctness import must_include_match

__all__ = ["cited_faithfulness", "key_facts_covered"]


def cited_faithfulness(sentences: Sequence[tuple[str, Sequence[str]]], judge: Callable[[str, str], bool]) -> float:
    """Share of a summary's sentences supported by the spans they themselves cite.

    1. The statements are the summary's sentences, each with the texts of the spans it cites.
    2. Each is checked with `judge(sentence, cited texts joined by spaces)`; a sentence that cites
       nothing is unsupported (a summary sentence must be traceable).
    3. Faithfulness = supported / sentences. NaN when there are no sentences.
    """
    if not sentences:
        return math.nan
    supported = sum(bool(cited) and bool(judge(text, " ".join(cited))) for text, cited in sentences)
    return supported / len(sentences)


def key_facts_covered(summary: str, groups: list[list[str]]) -> bool | None:
    """Does the summary state every key fact? Each fact is a group of alternative phrasings (languages,
    wordings); a group matches when one alternative occurs in the summary, after the normalisation of
    `must_include_match` (case, accents, punctuation, number formats, whole words). None without groups."""
    if not groups:
        return None
    return must_include_match(summary, groups)
