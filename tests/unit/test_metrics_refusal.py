"""Refusal rate on unanswerable questions, false refusal rate on answerable ones."""

from __future__ import annotations

import math

import pytest

from evals.metrics.refusal import false_refusal_rate, refusal_rate

REFUSED = [True, False, True, False, True]
ANSWERABLE = [False, False, True, True, True]


def test_refusal_rate_counts_unanswerable_questions_only() -> None:
    assert refusal_rate(REFUSED, ANSWERABLE) == 0.5  # 1 of the 2 unanswerable


def test_false_refusal_rate_counts_answerable_questions_only() -> None:
    assert false_refusal_rate(REFUSED, ANSWERABLE) == pytest.approx(2 / 3)  # 2 of the 3 answerable


def test_nan_when_the_denominator_is_zero() -> None:
    assert math.isnan(refusal_rate([True], [True]))
    assert math.isnan(false_refusal_rate([True], [False]))
    assert math.isnan(refusal_rate([], []))
    assert math.isnan(false_refusal_rate([], []))


def test_mismatched_lengths_are_an_error() -> None:
    with pytest.raises(ValueError, match="2 refusal flags for 1 questions"):
        refusal_rate([True, False], [False])
