from __future__ import annotations

import itertools

import pytest

from rag.retrieval.fusion import rrf, score_fusion


def test_rrf_weighted_values_by_hand() -> None:
    rankings = {"dense": ["a", "b", "c"], "bm25": ["b", "d", "a"]}
    fused = rrf(rankings, weights={"dense": 1.0, "bm25": 0.5}, k=60)
    expected = [
        ("a", 1 / 61 + 0.5 / 63),  # 0.0243300
        ("b", 1 / 62 + 0.5 / 61),  # 0.0243258
        ("c", 1 / 63),
        ("d", 0.5 / 62),
    ]
    assert [doc_id for doc_id, _ in fused] == [doc_id for doc_id, _ in expected]
    assert [score for _, score in fused] == pytest.approx([score for _, score in expected], abs=1e-15)
    assert fused[0][1] == pytest.approx(0.0243299505595, abs=1e-12)


def test_rrf_unweighted_flips_that_order() -> None:
    fused = rrf({"dense": ["a", "b", "c"], "bm25": ["b", "d", "a"]})
    # d (1/62) now beats c (1/63) too.
    assert [doc_id for doc_id, _ in fused] == ["b", "a", "d", "c"]
    assert [score for _, score in fused] == pytest.approx([1 / 62 + 1 / 61, 1 / 61 + 1 / 63, 1 / 62, 1 / 63], abs=1e-15)


def test_rrf_ties_go_to_best_single_rank_then_id() -> None:
    # k = 0: m = 2/1, a = 2/2, z = 1/1. a and z tie at 1.0; z was first somewhere, a only second.
    fused = rrf({"x": ["m", "a"], "y": ["z"]}, weights={"x": 2.0, "y": 1.0}, k=0)
    assert fused == [("m", 2.0), ("z", 1.0), ("a", 1.0)]
    # Same score and same best rank: the smaller id first.
    assert [doc_id for doc_id, _ in rrf({"x": ["q", "p"], "y": ["p", "q"]})] == ["p", "q"]


def test_rrf_is_independent_of_system_order() -> None:
    rankings = {"s1": ["a", "b", "c", "d"], "s2": ["d", "c", "b", "a"], "s3": ["b", "d", "a", "c"]}
    weights = {"s1": 0.3, "s2": 0.7, "s3": 0.1}
    results = [
        rrf({name: rankings[name] for name in order}, weights=weights, k=10) for order in itertools.permutations(rankings)
    ]
    assert all(result == results[0] for result in results)


def test_rrf_counts_a_repeated_id_once_and_ignores_zero_weights() -> None:
    assert rrf({"x": ["a", "a", "b"]}, k=0) == [("a", 1.0), ("b", 0.5)]
    assert rrf({"dense": ["a"], "bm25": ["b"]}, weights={"dense": 1.0, "bm25": 0.0}, k=0) == [("a", 1.0)]
    assert rrf({}) == []


def test_rrf_rejects_bad_weights() -> None:
    with pytest.raises(ValueError, match="no fusion weight for \\['bm25'\\]"):
        rrf({"dense": ["a"], "bm25": ["b"]}, weights={"dense": 1.0})
    with pytest.raises(ValueError, match=">= 0"):
        rrf({"dense": ["a"]}, weights={"dense": -1.0})


SCORES = {"dense": {"a": 0.9, "b": 0.7, "c": 0.5}, "bm25": {"b": 12.0, "d": 4.0, "a": 8.0}}


def test_score_fusion_minmax_by_hand() -> None:
    # dense -> a 1, b 0.5, c 0; bm25 -> b 1, a 0.5, d 0; an id a system missed gets 0 from it.
    fused = score_fusion(SCORES, weights={"dense": 0.6, "bm25": 0.4})
    assert [doc_id for doc_id, _ in fused] == ["a", "b", "c", "d"]  # c, d tie at 0, both 3rd somewhere
    assert [score for _, score in fused] == pytest.approx([0.6 + 0.2, 0.3 + 0.4, 0.0, 0.0], abs=1e-15)
    # Weights are rescaled to sum to 1: 3:2 is the same as 0.6:0.4.
    rescaled = score_fusion(SCORES, weights={"dense": 3.0, "bm25": 2.0})
    assert [doc_id for doc_id, _ in rescaled] == ["a", "b", "c", "d"]
    assert [score for _, score in rescaled] == pytest.approx([score for _, score in fused], abs=1e-15)


def test_score_fusion_zscore_by_hand() -> None:
    # dense: mean 2, std 1 -> a 1, b -1 (missing: -1)
    # bm25: mean 20, std sqrt(200/3) -> a -1.2247, c 0, d 1.2247 (missing: -1.2247)
    z = 10 / (200 / 3) ** 0.5
    fused = score_fusion({"dense": {"a": 3.0, "b": 1.0}, "bm25": {"a": 10.0, "c": 20.0, "d": 30.0}}, normalise="zscore")
    assert [doc_id for doc_id, _ in fused] == ["d", "a", "c", "b"]
    expected = [0.5 * (-1 + z), 0.5 * (1 - z), 0.5 * (-1 + 0), 0.5 * (-1 - z)]
    assert [score for _, score in fused] == pytest.approx(expected, abs=1e-12)
    assert fused[0][1] == pytest.approx(0.1123724357, abs=1e-9)


def test_score_fusion_degenerate_and_empty_systems() -> None:
    # One result: it is the best its system has (1.0); an empty system is ignored.
    assert score_fusion({"dense": {"a": 0.42}, "bm25": {}}) == [("a", 1.0)]
    assert score_fusion({"dense": {"a": 0.5, "b": 0.5}}) == [("a", 1.0), ("b", 1.0)]
    assert score_fusion({}) == []
    with pytest.raises(ValueError, match="use one of"):
        score_fusion(SCORES, normalise="softmax")
    with pytest.raises(ValueError, match="non-finite"):
        score_fusion({"dense": {"a": float("nan")}})


def test_score_fusion_is_independent_of_system_order() -> None:
    flipped = {"bm25": SCORES["bm25"], "dense": SCORES["dense"]}
    for method in ("minmax", "zscore"):
        assert score_fusion(flipped, normalise=method) == score_fusion(SCORES, normalise=method)
