"""Confidence intervals by bootstrap, so that small dev sets report their uncertainty."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

__all__ = ["bootstrap_ci"]


def bootstrap_ci(
    values: Sequence[float] | Sequence[bool],
    stat: Callable[[np.ndarray], float] = np.mean,
    n: int = 1000,
    alpha: float = 0.05,
    seed: int = 0,
) -> tuple[float, float, float]:
    """(point estimate, low, high): a percentile bootstrap interval of `stat` at level 1 - alpha.

    1. Drop NaN values (per-question scores that could not be computed); booleans count as 0/1.
    2. Point estimate = stat(values).
    3. Draw `n` resamples of the same size with replacement from `np.random.default_rng(seed)`
       (same inputs, same interval) and compute stat on each.
    4. low, high = the alpha/2 and 1 - alpha/2 percentiles of those n statistics.
    (NaN, NaN, NaN) when no value is left.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    data = np.asarray([float(v) for v in values], dtype=float)
    data = data[~np.isnan(data)]
    if data.size == 0:
        return (math.nan, math.nan, math.nan)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, data.size, size=(n, data.size))
    stats = np.asarray([float(stat(data[row])) for row in draws])
    low, high = np.percentile(stats, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return (float(stat(data)), float(low), float(high))
