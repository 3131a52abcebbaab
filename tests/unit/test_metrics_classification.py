"""Binary report of the claim-support checker, positive class "supported"."""

from __future__ import annotations

import math

import pytest

from evals.metrics.classification import binary_report


def test_counts_scores_and_per_kind_accuracy() -> None:
    predicted = [True, True, False, False, True, False]
    gold = [True, False, True, False, True, False]
    kinds = ["paraphrase", "entity_swap", "paraphrase", "negation", "cross_lingual", "entity_swap"]
    report = binary_report(predicted, gold, kinds)
    assert (report["n"], report["tp"], report["fp"], report["fn"], report["tn"]) == (6, 2, 1, 1, 2)
    assert report["accuracy"] == pytest.approx(4 / 6)
    assert report["precision"] == pytest.approx(2 / 3)
    assert report["recall"] == pytest.approx(2 / 3)
    assert report["f1"] == pytest.approx(2 / 3)  # 2*2 / (2*2 + 1 + 1)
    assert report["by_kind"] == {
        "cross_lingual": {"n": 1, "accuracy": 1.0},
        "entity_swap": {"n": 2, "accuracy": 0.5},
        "negation": {"n": 1, "accuracy": 1.0},
        "paraphrase": {"n": 2, "accuracy": 0.5},
    }


def test_precision_is_nan_when_nothing_is_predicted_positive() -> None:
    report = binary_report([False, False], [True, False])
    assert math.isnan(report["precision"])
    assert report["recall"] == 0.0
    assert report["f1"] == 0.0  # 0 / (0 + 0 + 1)
    assert report["accuracy"] == 0.5
    assert report["by_kind"] == {}


def test_recall_and_f1_are_nan_without_any_positive() -> None:
    report = binary_report([False, False], [False, False], ["unrelated", "unrelated"])
    assert report["accuracy"] == 1.0
    assert math.isnan(report["precision"])
    assert math.isnan(report["recall"])
    assert math.isnan(report["f1"])


def test_empty_input_is_all_nan() -> None:
    report = binary_report([], [], [])
    assert report["n"] == 0
    for key in ("accuracy", "precision", "recall", "f1"):
        assert math.isnan(report[key]), key


def test_mismatched_lengths_are_errors() -> None:
    with pytest.raises(ValueError, match="1 predictions for 2 gold labels"):
        binary_report([True], [True, False])
    with pytest.raises(ValueError, match="1 kinds for 2 items"):
        binary_report([True, False], [True, False], ["a"])
