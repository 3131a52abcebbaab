"""Retrieval quality at a cut-off k: is the answer (or its source) among the first k chunks?

Inputs are parallel lists, one entry per question, each a ranked list (best first). Answer matching
uses `contains_normalised` (casefold, accents, punctuation, number formats, whole tokens; see
`evals.metrics.correctness`).
"""

from __future__ import annotations

import math

from evals.metrics.correctness import normalise_answer

__all__ = ["answer_recall_at_k", "first_answer_rank", "mrr_at_k", "source_recall_at_k"]


def _check(ranked: list[list[str]], gold: list[list[str]], k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if len(ranked) != len(gold):
        raise ValueError(f"{len(ranked)} ranked lists for {len(gold)} questions: give one of each per question")


def _has_answer(answers: list[str]) -> bool:
    return any(normalise_answer(a) for a in answers)


def first_answer_rank(texts: list[str], answers: list[str], k: int) -> int | None:
    """1-based rank of the first of the top-k `texts` that contains any of `answers` (normalised whole
    tokens, as `contains_normalised`); None if none does. Each text is normalised once."""
    wanted = [f" {a} " for a in map(normalise_answer, answers) if a]
    if not wanted:
        return None
    for rank, text in enumerate(texts[:k], start=1):
        haystack = f" {normalise_answer(text)} "
        if any(a in haystack for a in wanted):
            return rank
    return None


def answer_recall_at_k(retrieved_texts: list[list[str]], answers: list[list[str]], k: int) -> float:
    """Answer recall@k (DPR's top-k accuracy).

    1. Drop questions whose gold answer list is empty (or holds only blank or punctuation-only strings).
    2. A question scores 1 if any of its top-k texts contains any gold answer as normalised whole
       tokens, else 0.
    3. Mean over the remaining questions; NaN when none remain.
    """
    _check(retrieved_texts, answers, k)
    scores = [
        float(first_answer_rank(texts, gold, k) is not None)
        for texts, gold in zip(retrieved_texts, answers, strict=True)
        if _has_answer(gold)
    ]
    return sum(scores) / len(scores) if scores else math.nan


def mrr_at_k(retrieved_texts: list[list[str]], answers: list[list[str]], k: int) -> float:
    """Mean reciprocal rank at k.

    1. Drop questions whose gold answer list is empty (or holds only blank or punctuation-only strings).
    2. A question scores 1/r, r the 1-based rank of the first top-k text containing a gold answer
       (as in `answer_recall_at_k`), or 0 when none of the top k does.
    3. Mean over the remaining questions; NaN when none remain.
    """
    _check(retrieved_texts, answers, k)
    scores: list[float] = []
    for texts, gold in zip(retrieved_texts, answers, strict=True):
        if not _has_answer(gold):
            continue
        rank = first_answer_rank(texts, gold, k)
        scores.append(0.0 if rank is None else 1.0 / rank)
    return sum(scores) / len(scores) if scores else math.nan


def source_recall_at_k(retrieved_sources: list[list[str]], gold_sources: list[list[str]], k: int) -> float:
    """Source recall@k.

    1. Drop questions with no gold source (unanswerable ones).
    2. A question scores 1 if at least one of its top-k chunks comes from a gold source (exact
       source name, e.g. the seed file name), else 0.
    3. Mean over the remaining questions; NaN when none remain.
    """
    _check(retrieved_sources, gold_sources, k)
    scores = [
        float(any(source in set(gold) for source in ranked[:k]))
        for ranked, gold in zip(retrieved_sources, gold_sources, strict=True)
        if gold
    ]
    return sum(scores) / len(scores) if scores else math.nan
