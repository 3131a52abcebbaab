"""Latency percentiles."""

from __future__ import annotations

import math

import pytest

from evals.metrics.latency import percentiles


def test_percentiles_interpolate_linearly_between_ranks() -> None:
    # sorted 1..5: p50 at position 2 -> 3; p95 at position 3.8 -> 4 + 0.8 * (5 - 4) = 4.8
    assert percentiles([5.0, 1.0, 3.0, 2.0, 4.0]) == pytest.approx({"p50": 3.0, "p95": 4.8})
    assert percentiles([2.0, 4.0], qs=(0, 25, 99.9)) == pytest.approx({"p0": 2.0, "p25": 2.5, "p99.9": 3.998})


def test_nan_values_are_dropped_and_empty_input_is_nan() -> None:
    assert percentiles([1.0, math.nan, 3.0], qs=(50,)) == {"p50": 2.0}
    result = percentiles([])
    assert set(result) == {"p50", "p95"}
    assert all(math.isnan(v) for v in result.values())
    assert math.isnan(percentiles([math.nan])["p50"])


def test_out_of_range_percentile_is_an_error() -> None:
    with pytest.raises(ValueError, match="outside 0-100"):
        percentiles([1.0], qs=(101,))
