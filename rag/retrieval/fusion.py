"""Fuse the rankings of several retrievers (dense, BM25, ...) into one.

`rrf`: weighted reciprocal rank fusion (Cormack et al., 2009). An id at 1-based rank r in system s earns
w_s / (k + r); its fused score is the sum over the systems that returned it. Only ranks matter, so
scores on different scales (cosine, raw BM25) need no calibration.

`score_fusion`: a convex combination of per-system normalised scores, sum_s (w_s / sum w) * norm_s(id).
"minmax" maps a system's scores to [0, 1]; "zscore" to (score - mean) / std. An id a system did not
return gets that system's lowest normalised value (0 for minmax).

Both are deterministic: scores are summed with math.fsum (exact, so order-independent), and ties go
to the id with the best rank in any single system, then to the smaller id.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

NORMALISERS = ("minmax", "zscore")


def _weights(systems: Sequence[str], weights: Mapping[str, float] | None) -> dict[str, float]:
    """One weight per system (1.0 by default); systems weighted 0 are dropped."""
    if weights is None:
        return dict.fromkeys(systems, 1.0)
    missing = [s for s in systems if s not in weights]
    if missing:
        raise ValueError(f"no fusion weight for {missing}: give a weight for each of {list(systems)}")
    bad = {s: weights[s] for s in systems if not (math.isfinite(weights[s]) and weights[s] >= 0)}
    if bad:
        raise ValueError(f"fusion weights must be finite and >= 0, got {bad}: fix the retrieval weights setting")
    return {s: float(weights[s]) for s in systems if weights[s] > 0}


def _order(fused: dict[str, float], best_rank: dict[str, int]) -> list[tuple[str, float]]:
    return sorted(fused.items(), key=lambda item: (-item[1], best_rank[item[0]], item[0]))


def rrf(
    rankings: dict[str, list[str]], weights: dict[str, float] | None = None, k: int = 60
) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion of best-first id lists: (id, sum_s w_s / (k + rank_s)), best first.

    An id repeated within one ranking counts once, at its best rank. Systems weighted 0 are ignored.
    """
    if k < 0:
        raise ValueError(f"rrf needs k >= 0, got {k}: use the usual 60")
    system_weights = _weights(list(rankings), weights)
    parts: dict[str, list[float]] = {}
    best_rank: dict[str, int] = {}
    for system, weight in system_weights.items():
        for rank, doc_id in enumerate(dict.fromkeys(rankings[system]), start=1):
            parts.setdefault(doc_id, []).append(weight / (k + rank))
            best_rank[doc_id] = min(best_rank.get(doc_id, rank), rank)
    return _order({doc_id: math.fsum(p) for doc_id, p in parts.items()}, best_rank)


def _normalised(scores: dict[str, float], method: str) -> tuple[dict[str, float], float]:
    """The normalised scores and the value for a missing id."""
    values = list(scores.values())
    if method == "minmax":
        low, high = min(values), max(values)
        if high == low:  # one result, or all tied: all are the best this system has
            return dict.fromkeys(scores, 1.0), 0.0
        return {i: (s - low) / (high - low) for i, s in scores.items()}, 0.0
    mean = math.fsum(values) / len(values)
    std = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))
    if std == 0:
        return dict.fromkeys(scores, 0.0), 0.0
    normalised = {i: (s - mean) / std for i, s in scores.items()}
    return normalised, min(normalised.values())


def score_fusion(
    scores: dict[str, dict[str, float]], weights: dict[str, float] | None = None, normalise: str = "minmax"
) -> list[tuple[str, float]]:
    """Convex combination of per-system normalised scores: (id, fused score), best first.

    Weights are rescaled to sum to 1 over the systems that returned something; systems with no scores
    or weight 0 are ignored. A system whose scores are all equal maps them to 1 (minmax) or 0 (zscore).
    """
    if normalise not in NORMALISERS:
        raise ValueError(f"unknown score normalisation {normalise!r}: use one of {NORMALISERS}")
    system_weights = {s: w for s, w in _weights(list(scores), weights).items() if scores[s]}
    total = math.fsum(system_weights.values())
    parts: dict[str, list[float]] = {}
    best_rank: dict[str, int] = {}
    tables: list[tuple[float, dict[str, float], float]] = []
    for system, weight in system_weights.items():
        raw = scores[system]
        bad = [i for i, s in raw.items() if not math.isfinite(s)]
        if bad:
            raise ValueError(f"system {system!r} gave non-finite scores for {bad[:3]}: fix that retriever's scoring")
        for rank, doc_id in enumerate(sorted(raw, key=lambda i: (-raw[i], i)), start=1):
            best_rank[doc_id] = min(best_rank.get(doc_id, rank), rank)
            parts.setdefault(doc_id, [])
        normalised, floor = _normalised(raw, normalise)
        tables.append((weight / total, normalised, floor))
    for doc_id, part in parts.items():
        part.extend(share * normalised.get(doc_id, floor) for share, normalised, floor in tables)
    return _order({doc_id: math.fsum(p) for doc_id, p in parts.items()}, best_rank)
