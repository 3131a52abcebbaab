"""Diversity for retrieved passages: maximal marginal relevance and near-duplicate removal.

`mmr` (Carbonell & Goldstein, 1998) picks, one at a time, the candidate maximising

    lambda_ * rel(c) - (1 - lambda_) * max over already-picked p of cos(c, p)

with rel min-max normalised to [0, 1] over the candidates (all 1 when they are tied) and the
redundancy term 0 for the first pick. lambda_ = 1 is pure relevance order; lower values favour
passages unlike those already chosen. Ties go to the earlier candidate.

`near_duplicate_filter` walks the candidates in rank order and drops any whose cosine with a kept one
reaches the threshold, so the best-ranked copy of a repeated passage (syndicated wire copy) survives.

Vectors are normalised here, so cosine = dot product even if a caller passes unnormalised ones.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def _unit_rows(ids: list[str], vectors: Mapping[str, np.ndarray]) -> np.ndarray:
    missing = [i for i in ids if i not in vectors]
    if missing:
        raise ValueError(f"no vector for candidates {missing[:3]}: fetch embeddings for every candidate first")
    rows = [np.asarray(vectors[i], dtype=np.float64).ravel() for i in ids]
    dims = {row.size for row in rows}
    if len(dims) > 1:
        raise ValueError(f"candidate vectors have different sizes {sorted(dims)}: embed them with one model")
    matrix = np.vstack(rows)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def mmr(
    candidates: list[str],
    relevance: dict[str, float],
    vectors: dict[str, np.ndarray],
    k: int,
    lambda_: float = 0.7,
) -> list[str]:
    """Up to `k` candidate ids in MMR selection order (all of them, reordered, when k >= len)."""
    if not 0.0 <= lambda_ <= 1.0:
        raise ValueError(f"mmr needs 0 <= lambda_ <= 1, got {lambda_}: 1 is pure relevance, 0.7 the default")
    ids = list(dict.fromkeys(candidates))
    if k <= 0 or not ids:
        return []
    missing = [i for i in ids if i not in relevance]
    if missing:
        raise ValueError(f"no relevance score for candidates {missing[:3]}: score every candidate first")
    rel = np.array([relevance[i] for i in ids], dtype=np.float64)
    spread = rel.max() - rel.min()
    rel = (rel - rel.min()) / spread if spread > 0 else np.ones_like(rel)
    unit = _unit_rows(ids, vectors)

    chosen: list[int] = []
    redundancy = np.zeros(len(ids))  # max cosine with the chosen; 0 before the first pick
    available = np.ones(len(ids), bool)
    for _ in range(min(k, len(ids))):
        gain = np.where(available, lambda_ * rel - (1.0 - lambda_) * redundancy, -np.inf)
        pick = int(np.argmax(gain))  # first maximum: ties go to the earlier candidate
        chosen.append(pick)
        available[pick] = False
        similarity = unit @ unit[pick]
        redundancy = similarity if len(chosen) == 1 else np.maximum(redundancy, similarity)
    return [ids[i] for i in chosen]


def near_duplicate_filter(
    candidates: list[str], vectors: dict[str, np.ndarray], threshold: float = 0.95
) -> list[str]:
    """`candidates` (best first) without any whose cosine with a better-ranked kept one is >= threshold."""
    ids = list(dict.fromkeys(candidates))
    if not ids:
        return []
    unit = _unit_rows(ids, vectors)
    kept: list[int] = []
    for i in range(len(ids)):
        if kept and float(np.max(unit[kept] @ unit[i])) >= threshold:
            continue
        kept.append(i)
    return [ids[i] for i in kept]
