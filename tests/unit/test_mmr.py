from __future__ import annotations

import numpy as np
import pytest

from rag.retrieval.mmr import mmr, near_duplicate_filter

# a and a2 are near-identical (cosine 1 / sqrt(1.0025) = 0.99875); c and e are orthogonal to them and each other.
VECTORS = {
    "a": np.array([1.0, 0.0, 0.0]),
    "a2": np.array([1.0, 0.05, 0.0]),  # not unit length on purpose: mmr normalises
    "c": np.array([0.0, 1.0, 0.0]),
    "e": np.array([0.0, 0.0, 1.0]),
}
# Min-max normalised: a 1, a2 0.875, c 0.75, e 0.
RELEVANCE = {"a": 0.9, "a2": 0.85, "c": 0.8, "e": 0.5}
CANDIDATES = ["a", "a2", "c", "e"]


def test_mmr_picks_one_of_a_near_identical_pair_and_the_different_one() -> None:
    # Second pick: a2 = 0.7 * 0.875 - 0.3 * 0.99875 = 0.313, c = 0.7 * 0.75 - 0.3 * 0 = 0.525.
    assert mmr(CANDIDATES, RELEVANCE, VECTORS, k=2) == ["a", "c"]


def test_mmr_full_order_by_hand() -> None:
    # Third pick: a2 = 0.6125 - 0.3 * 0.99875 = 0.313 beats e = 0 - 0.3 * 0 = 0.
    assert mmr(CANDIDATES, RELEVANCE, VECTORS, k=4) == ["a", "c", "a2", "e"]
    assert mmr(CANDIDATES, RELEVANCE, VECTORS, k=10) == ["a", "c", "a2", "e"]  # k >= len: all, reordered


def test_mmr_with_lambda_one_is_relevance_order() -> None:
    shuffled = ["e", "c", "a2", "a"]
    assert mmr(shuffled, RELEVANCE, VECTORS, k=4, lambda_=1.0) == ["a", "a2", "c", "e"]
    assert mmr(shuffled, RELEVANCE, VECTORS, k=2, lambda_=1.0) == ["a", "a2"]


def test_mmr_ties_go_to_the_earlier_candidate() -> None:
    same = {"x": 1.0, "y": 1.0}
    vectors = {"x": np.array([1.0, 0.0]), "y": np.array([0.0, 1.0])}
    assert mmr(["y", "x"], same, vectors, k=2) == ["y", "x"]
    assert mmr(["x", "y"], same, vectors, k=2) == ["x", "y"]


def test_mmr_edge_cases_and_errors() -> None:
    assert mmr([], {}, {}, k=3) == []
    assert mmr(CANDIDATES, RELEVANCE, VECTORS, k=0) == []
    assert mmr(["a", "a", "c"], RELEVANCE, VECTORS, k=5) == ["a", "c"]
    with pytest.raises(ValueError, match="no vector for candidates \\['z'\\]"):
        mmr(["a", "z"], {"a": 1.0, "z": 0.5}, VECTORS, k=2)
    with pytest.raises(ValueError, match="no relevance score"):
        mmr(["a", "c"], {"a": 1.0}, VECTORS, k=2)
    with pytest.raises(ValueError, match="lambda_"):
        mmr(CANDIDATES, RELEVANCE, VECTORS, k=2, lambda_=1.5)


def test_near_duplicate_filter_keeps_the_best_ranked_copy() -> None:
    vectors = dict(VECTORS, a3=np.array([2.0, 0.0, 0.0]))  # same direction as a
    candidates = ["a2", "c", "a", "a3", "e"]
    assert near_duplicate_filter(candidates, vectors, threshold=0.95) == ["a2", "c", "e"]
    # 0.99875 < 0.999, so a survives a2; a3 has cosine 1 with a and goes.
    assert near_duplicate_filter(candidates, vectors, threshold=0.999) == ["a2", "c", "a", "e"]
    assert near_duplicate_filter([], vectors) == []
    with pytest.raises(ValueError, match="different sizes"):
        near_duplicate_filter(["a", "x"], dict(VECTORS, x=np.ones(2)))
