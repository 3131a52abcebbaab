"""Percentile bootstrap confidence intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from evals.metrics.bootstrap import bootstrap_ci


def test_point_estimate_and_an_interval_around_it() -> None:
    values = [True, False, True, True, False, True, True, False, True, True]
    point, low, high = bootstrap_ci(values)
    assert point == pytest.approx(0.7)
    assert 0.3 <= low < point < high <= 1.0


def test_interval_matches_a_hand_run_of_the_algorithm() -> None:
    values = [0.1, 0.5, 0.9, 0.4]
    data = np.array(values)
    draws = np.random.default_rng(7).integers(0, 4, size=(200, 4))
    stats = [float(np.median(data[row])) for row in draws]
    low, high = np.percentile(stats, [5, 95])
    assert bootstrap_ci(values, stat=np.median, n=200, alpha=0.1, seed=7) == pytest.approx((0.45, low, high))


def test_same_seed_same_interval() -> None:
    values = [0.2, 0.4, 0.9, 0.1, 0.5]
    assert bootstrap_ci(values, seed=3) == bootstrap_ci(values, seed=3)
    assert bootstrap_ci(values, seed=3) != bootstrap_ci(values, seed=4)


def test_constant_values_give_a_zero_width_interval() -> None:
    assert bootstrap_ci([1.0]) == (1.0, 1.0, 1.0)
    assert bootstrap_ci([0.5, 0.5, 0.5]) == (0.5, 0.5, 0.5)


def test_nan_values_are_ignored_and_empty_input_is_a_nan_triple() -> None:
    assert bootstrap_ci([1.0, math.nan, 1.0]) == (1.0, 1.0, 1.0)
    for result in (bootstrap_ci([]), bootstrap_ci([math.nan, math.nan])):
        assert len(result) == 3 and all(math.isnan(v) for v in result)


def test_bad_parameters_are_errors() -> None:
    with pytest.raises(ValueError, match="n must be at least 1"):
        bootstrap_ci([1.0], n=0)
    with pytest.raises(ValueError, match="alpha"):
        bootstrap_ci([1.0], alpha=1.5)
