"""Refusals: does the system decline the questions the articles cannot answer, and only those?"""

from __future__ import annotations

import math

__all__ = ["false_refusal_rate", "refusal_rate"]


def _rate(refused: list[bool], answerable: list[bool], want_answerable: bool) -> float:
    if len(refused) != len(answerable):
        raise ValueError(f"{len(refused)} refusal flags for {len(answerable)} questions: give one of each per question")
    picked = [r for r, a in zip(refused, answerable, strict=True) if a == want_answerable]
    return sum(bool(r) for r in picked) / len(picked) if picked else math.nan


def refusal_rate(refused: list[bool], answerable: list[bool]) -> float:
    """Refusal rate on unanswerable questions (higher is better).

    1. Keep the questions with answerable == False.
    2. Rate = refused among them / their number. NaN when there are none.
    """
    return _rate(refused, answerable, want_answerable=False)


def false_refusal_rate(refused: list[bool], answerable: list[bool]) -> float:
    """False refusal rate on answerable questions (lower is better).

    1. Keep the questions with answerable == True.
    2. Rate = refused among them / their number. NaN when there are none.
    """
    return _rate(refused, answerable, want_answerable=True)
