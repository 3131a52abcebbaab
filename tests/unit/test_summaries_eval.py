"""`newsrag eval summaries` with a function fake LLM: faithfulness, key facts, cold and cached timings."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from evals.datasets import load_summary_facts
from evals.metrics import cited_faithfulness, key_facts_covered
from evals.report import metric_rows
from evals.summaries_eval import format_summaries_report, run_summaries_eval
from rag.errors import BadInput
from rag.llm import FunctionLLM
from rag.service import Service
from tests.conftest import DATASETS, make_settings, restate_last


def test_cited_faithfulness_and_key_facts_metrics() -> None:
    judge = lambda claim, passage: claim in passage  # noqa: E731
    assert cited_faithfulness([("a", ["a b"]), ("c", ["a b"]), ("a", [])], judge) == pytest.approx(1 / 3)
    assert math.isnan(cited_faithfulness([], judge))
    assert key_facts_covered("Signé le 6 décembre à Minsk.", [["6 décembre", "December 6"]]) is True
    assert key_facts_covered("Signed in Minsk.", [["6 décembre", "December 6"]]) is False
    assert key_facts_covered("anything", []) is None


def test_the_seed_key_facts_file_loads_and_names_every_seed() -> None:
    items = load_summary_facts(DATASETS / "seed-summaries-dev.jsonl")
    assert [i.source for i in items] == sorted(p.name for p in (DATASETS.parent.parent / "seeds").glob("*.txt"))
    assert all(i.event and i.date and i.extra.get("note") for i in items)


def test_a_bad_key_facts_line_names_the_fix(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "source": "a.txt", "event": [["e"]], "date": []}) + "\n")
    with pytest.raises(BadInput, match="line 1.*'event' and 'date'"):
        load_summary_facts(bad)


def test_eval_scores_the_summaries_and_times_cold_and_cached_reads(tmp_path: Path, seeds_copy: Path) -> None:
    service = Service(make_settings(tmp_path / "data", support_threshold=0.45), llm=FunctionLLM(restate_last))
    service.ingest([seeds_copy])
    report = run_summaries_eval(DATASETS / "seed-summaries-dev.jsonl", service)
    m = report["metrics"]
    assert report["n"] == 5 and m["faithfulness"] == 1.0  # verified sentences, judged again by the same scorer
    assert all(row["generated"] and row["cached_seconds"] < 0.05 for row in report["items"])
    # the first two sentences of 000 are the signing and its date: key facts covered
    row = next(r for r in report["items"] if r["source"].startswith("000_"))
    assert row["event"] and row["date"] and row["key_facts"]
    assert 0.0 <= m["key_fact_coverage"]["value"] <= 1.0 and m["seconds_generated"]["p50"] > 0
    rows = {name: value for name, value, _ in metric_rows("summaries", report)}  # what report.md shows
    assert rows["faithfulness"] == 1.0 and "key_fact_coverage" in rows and rows["n"] == 5
    text = format_summaries_report(report)
    assert "faithfulness 1.000" in text and "000_be8765c689dbec50.txt" in text
    again = run_summaries_eval(DATASETS / "seed-summaries-dev.jsonl", service)
    assert not any(row["generated"] for row in again["items"])


def test_eval_refuses_articles_that_are_not_indexed(tmp_path: Path) -> None:
    service = Service(make_settings(tmp_path / "data"), llm=FunctionLLM(restate_last))
    with pytest.raises(BadInput, match="newsrag ingest seeds/"):
        run_summaries_eval(DATASETS / "seed-summaries-dev.jsonl", service)
