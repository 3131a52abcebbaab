"""Latency summaries."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = ["percentiles"]


def percentiles(values: Sequence[float], qs: Sequence[float] = (50, 95)) -> dict[str, float]:
    """Percentiles of `values` (e.g. seconds per question), keyed "p50", "p95", "p99.9".

    Algorithm: drop NaN values, then numpy's default linear interpolation between closest ranks
    (the value at position q/100 * (n - 1) of the sorted list). Every key is NaN when no value is left.
    """
    for q in qs:
        if not 0 <= q <= 100:
            raise ValueError(f"percentile {q} is outside 0-100")
    data = np.asarray([float(v) for v in values], dtype=float)
    data = data[~np.isnan(data)]
    keys = [f"p{q:g}" for q in qs]
    if data.size == 0:
        return {key: math.nan for key in keys}
    return {key: float(np.percentile(data, q)) for key, q in zip(keys, qs, strict=True)}
