"""`newsrag eval all` (evals/run.py): the four evals in order, --skip, the index checks, the summary lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.run import EVALS, EvalPaths, parse_skip, run_all, summary_lines
from rag.cli import main
from rag.errors import BadInput
from rag.llm import FunctionLLM
from rag.service import Service
from tests.conftest import DATASETS, make_settings, restate_last


def test_summaries_is_the_fourth_eval_and_can_be_skipped() -> None:
    assert EVALS == ("claims", "retrieval", "qa", "summaries")
    assert EvalPaths().summaries == DATASETS / "seed-summaries-dev.jsonl"
    assert parse_skip(" qa, summaries ") == {"qa", "summaries"} and parse_skip(None) == set()
    with pytest.raises(BadInput, match=r"cannot skip \['summary'\]: .*claims, retrieval, qa, summaries"):
        parse_skip("summary")


def test_every_eval_skipped_is_an_error(settings) -> None:
    with pytest.raises(BadInput, match="every eval is skipped"):
        run_all(Service(settings), settings, EvalPaths(), skip=set(EVALS))


def test_summaries_on_an_empty_index_fail_before_anything_runs(settings) -> None:
    said: list[str] = []
    with pytest.raises(BadInput, match=r"empty, so there is nothing to summarise: .*--skip summaries"):
        run_all(Service(settings), settings, EvalPaths(), skip={"qa"}, log=said.append)
    assert said == []  # claims and retrieval did not run first


def test_a_key_facts_file_naming_unindexed_articles_fails_before_anything_runs(tmp_path: Path, seeds_copy: Path) -> None:
    service = Service(make_settings(tmp_path / "data"), llm=FunctionLLM(restate_last))
    service.ingest([seeds_copy / "000_be8765c689dbec50.txt"])
    said: list[str] = []
    with pytest.raises(BadInput, match=r"4 article\(s\) .* not in the index .*newsrag ingest seeds/', or pass --skip summaries"):
        run_all(service, service.settings, EvalPaths(), skip={"qa"}, log=said.append)
    assert said == []


def test_run_all_runs_summaries_after_qa(tmp_path: Path, seeds_copy: Path) -> None:
    service = Service(make_settings(tmp_path / "data", support_threshold=0.45), llm=FunctionLLM(restate_last))
    service.ingest([seeds_copy])
    said: list[str] = []
    results = run_all(service, service.settings, EvalPaths(), skip={"claims", "retrieval"}, log=said.append)
    assert list(results) == ["qa", "summaries"]
    assert said[0].startswith("qa: ") and said[1].startswith("summaries: ") and said[-1] == "summaries: 5/5"
    summaries = results["summaries"]
    assert summaries["n"] == 5 and summaries["metrics"]["faithfulness"] == 1.0
    lines = summary_lines(results)
    assert lines[0].startswith("qa: 12 questions")
    assert lines[1].startswith("summaries: 5 articles, faithfulness 1.000, key facts ")


def test_cli_eval_all_includes_summaries_and_gates_them(capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_copy: Path) -> None:
    data = ["--data-dir", str(tmp_path / "d")]
    assert main([*data, "ingest", str(seeds_copy), "--embedder", "fake"]) == 0
    facts = tmp_path / "facts.jsonl"  # one article of the seed key-facts file
    facts.write_text((DATASETS / "seed-summaries-dev.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    floors = tmp_path / "t.yaml"
    floors.write_text("summaries.key_fact_coverage: 1.01\nqa.correct: 0.99  # skipped, not gated\n")
    capsys.readouterr()
    code = main([*data, "eval", "all", "--embedder", "fake", "--llm", "fake", "--skip", "claims,retrieval,qa",
                 "--summaries", str(facts), "--thresholds", str(floors), "--json"])
    stdout, stderr = capsys.readouterr()
    assert code == 6 and "summaries.key_fact_coverage" in stderr and "qa.correct" not in stderr
    results = json.loads(stdout)
    assert list(results) == ["summaries"] and results["summaries"]["n"] == 1 and results["summaries"]["dataset"] == str(facts)
    assert "## summaries" in (tmp_path / "d" / "eval-report" / "report.md").read_text()


def test_cli_eval_all_help_names_the_four_evals(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["eval", "all", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--summaries FILE" in text and "seed-summaries-dev.jsonl" in text and "qa, summaries" in text
