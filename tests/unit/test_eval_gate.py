"""The regression gate: floors from a YAML file, one readable line per violation, NaN never passes."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from evals.gate import DEFAULT_THRESHOLDS, check_thresholds, load_thresholds, lookup_metric
from rag.errors import BadInput

RESULTS = {
    "claims": {"n": 12, "accuracy": 1.0, "by_kind": {"paraphrase": {"n": 3, "accuracy": 2 / 3}}},
    "retrieval": {"hybrid": {"answer_recall": 0.9627, "mrr": 0.8633}, "k": 5},
    "qa": {"n": 12, "metrics": {"correct": {"value": 0.58333, "ci_low": 0.3, "ci_high": 0.8, "n": 12},
                                "refusal_rate_unanswerable": 1.0, "false_refusal_rate": 0.1}},
}


def test_everything_at_or_above_its_floor_passes() -> None:
    floors = {"claims.accuracy": 1.0, "retrieval.hybrid.answer_recall": 0.95, "qa.correct": 0.5, "qa.refusal_rate_unanswerable": 1.0,
              "claims.by_kind.paraphrase.accuracy": 0.6}
    assert check_thresholds(RESULTS, floors) == []


def test_a_metric_below_its_floor_gives_one_exact_line() -> None:
    floors = {"qa.correct": 0.70, "retrieval.hybrid.answer_recall": 0.95, "retrieval.hybrid.mrr": 0.90}
    assert check_thresholds(RESULTS, floors) == ["qa.correct 0.58 < 0.70", "retrieval.hybrid.mrr 0.86 < 0.90"]


def test_more_digits_when_two_would_hide_the_gap() -> None:
    assert check_thresholds({"claims": {"accuracy": 0.9466}}, {"claims.accuracy": 0.95}) == ["claims.accuracy 0.9466 < 0.9500"]


def test_nan_never_passes_a_floor() -> None:
    results = {"qa": {"metrics": {"refusal_rate_unanswerable": math.nan, "correct": {"value": math.nan}}}}
    assert check_thresholds(results, {"qa.refusal_rate_unanswerable": 0.0, "qa.correct": 0.0}) == [
        "qa.refusal_rate_unanswerable n/a < 0.00", "qa.correct n/a < 0.00"]


def test_skipped_evals_are_not_gated_but_missing_metrics_are() -> None:
    assert check_thresholds({"claims": {"accuracy": 1.0}}, {"qa.correct": 0.7, "retrieval.hybrid.mrr": 0.8}) == []
    [line] = check_thresholds({"claims": {"accuracy": 1.0}}, {"claims.acuracy": 0.9})
    assert line.startswith("claims.acuracy missing") and "thresholds file" in line


def test_lookup_reads_qa_aggregates_under_metrics() -> None:
    assert lookup_metric(RESULTS, "qa.correct") == (True, 0.58333)
    assert lookup_metric(RESULTS, "qa.n") == (True, 12)
    assert lookup_metric(RESULTS, "summaries.rouge") == (False, None)


def test_the_checked_in_thresholds_are_floors_for_every_eval() -> None:
    floors = load_thresholds(DEFAULT_THRESHOLDS)
    assert {key.split(".")[0] for key in floors} == {"claims", "retrieval", "qa", "summaries"}
    assert floors["qa.refusal_rate_unanswerable"] == 1.0 and 0 < floors["qa.correct"] <= 0.75
    assert 0.9 <= floors["retrieval.hybrid.answer_recall"] <= 0.9627


@pytest.mark.parametrize("text, fix", [("qa.correct: high\n", "must be a number"), ("- 1\n", "mapping"), ("accuracy: 0.9\n", "name an eval")])
def test_bad_thresholds_files_name_the_fix(tmp_path: Path, text: str, fix: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text)
    with pytest.raises(BadInput, match=fix):
        load_thresholds(path)
    with pytest.raises(BadInput, match="--thresholds"):
        load_thresholds(tmp_path / "absent.yaml")
