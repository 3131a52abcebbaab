"""The evaluation report: JSON, a markdown table per eval ("n/a" for NaN) and PNG plots that skip absent data."""

from __future__ import annotations

import json
import math
from pathlib import Path

from evals.report import write_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _rate(value: float, low: float, high: float, n: int) -> dict[str, float]:
    return {"value": value, "ci_low": low, "ci_high": high, "n": n}


RESULTS = {
    "claims": {
        "dataset": "claims-dev.jsonl", "n": 4, "accuracy": 0.75, "accuracy_ci": [0.75, 0.25, 1.0],
        "precision": 1.0, "recall": 0.5, "f1": 2 / 3,
        "by_kind": {"paraphrase": {"n": 2, "accuracy": 0.5}, "negation": {"n": 2, "accuracy": 1.0}},
        "items": [{"id": "a", "gold": True, "score": 0.8}, {"id": "b", "gold": True, "score": 0.4},
                  {"id": "c", "gold": False, "score": 0.1}, {"id": "d", "gold": False, "score": None}],
    },
    "retrieval": {"bm25": {"answer_recall": 0.9, "mrr": 0.8, "mean_topk_tokens": 1000.0},
                  "dense": {"answer_recall": 0.95, "mrr": 0.85, "mean_topk_tokens": 1000.0},
                  "hybrid": {"answer_recall": 0.96, "mrr": 0.86, "mean_topk_tokens": 1000.0, "answer_recall_ci": [0.9, 1.0],
                             "mrr_ci": [0.8, 0.92], "source_recall": 1.0, "source_recall_ci": [1.0, 1.0]},
                  "questions": 10, "k": 5, "reachable": 10, "chunks": 7},
    "qa": {
        "dataset": "seed-qa-dev.jsonl", "n": 3,
        "metrics": {"correct": _rate(2 / 3, 0.0, 1.0, 3), "faithfulness": _rate(math.nan, math.nan, math.nan, 0),
                    "refusal_rate_unanswerable": math.nan, "false_refusal_rate": 0.0,
                    "latency_total": {"p50": 2.0, "p95": 3.0}},
        "items": [{"id": "q1", "timings": {"total": 1.5}}, {"id": "q2", "timings": {"total": 2.0}}, {"id": "q3", "timings": {}}],
    },
}


def test_report_writes_json_markdown_and_valid_pngs(tmp_path: Path) -> None:
    paths = write_report(RESULTS, tmp_path / "report")
    names = [p.name for p in paths]
    assert names[:2] == ["report.json", "report.md"]
    assert set(names[2:]) == {"qa_metrics.png", "qa_latency.png", "retrieval.png", "claims_by_kind.png", "claims_scores.png"}
    for path in paths[2:]:
        assert path.read_bytes()[:8] == PNG_MAGIC and path.stat().st_size > 1000
    assert json.loads(paths[0].read_text())["retrieval"]["hybrid"]["answer_recall"] == 0.96


def test_markdown_has_a_table_per_eval_with_ci_and_na(tmp_path: Path) -> None:
    write_report(RESULTS, tmp_path)
    md = (tmp_path / "report.md").read_text()
    assert "## claims (claims-dev.jsonl)" in md and "## retrieval" in md and "## qa (seed-qa-dev.jsonl)" in md
    assert "| accuracy | 0.7500 | 0.2500 – 1.0000 |" in md
    assert "| accuracy[paraphrase] | 0.5000 |  |" in md
    assert "| hybrid.answer_recall (@5) | 0.9600 | 0.9000 – 1.0000 |" in md and "| hybrid.mrr (@5) | 0.8600 | 0.8000 – 0.9200 |" in md
    assert "| hybrid.source_recall (@5) | 1.0000 | 1.0000 – 1.0000 |" in md
    assert "| bm25.mrr (@5) | 0.8000 |  |" in md  # a result without intervals (an older report) still prints
    assert "| correct | 0.6667 | 0.0000 – 1.0000 |" in md
    assert "| faithfulness | n/a |  |" in md and "| refusal_rate_unanswerable | n/a |  |" in md
    assert "| nan" not in md.lower() and "– nan" not in md.lower()


def test_plots_without_data_are_skipped(tmp_path: Path) -> None:
    results = {"claims": {**RESULTS["claims"], "items": [{"id": "a", "gold": True, "score": None}]},
               "qa": {**RESULTS["qa"], "items": [{"id": "q", "timings": {}}]}}
    names = {p.name for p in write_report(results, tmp_path)}
    assert names == {"report.json", "report.md", "claims_by_kind.png", "qa_metrics.png"}
    only_claims = {p.name for p in write_report({"claims": RESULTS["claims"]}, tmp_path)}
    assert only_claims == {"report.json", "report.md", "claims_by_kind.png", "claims_scores.png"}
    assert not (tmp_path / "qa_metrics.png").exists()  # a plot from the previous run does not linger
