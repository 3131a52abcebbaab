"""`newsrag ingest --summarize`: summaries of new and changed articles (and any never summarised), cached, reported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rag.cli import main
from rag.llm import FunctionLLM, Message
from rag.service import Service
from tests.conftest import make_settings


def _first_two(messages: list[Message]) -> str:
    numbered = re.findall(r"^\[(\d+)\] (.+)$", messages[-1].content, flags=re.M)
    return " ".join(f"{text} [{number}]" for number, text in numbered[:2])


def test_ingest_summarises_new_and_changed_articles_only(tmp_path: Path, seeds_copy: Path) -> None:
    llm = FunctionLLM(_first_two)
    service = Service(make_settings(tmp_path / "data", support_threshold=0.45), llm=llm)
    report = service.ingest([seeds_copy], summarize=True)
    assert len(report.summaries) == 5 and all(not row["cached"] and "error" not in row for row in report.summaries)
    assert "summaries: 5 ready (5 generated), 0 failed" in report.summary_line()
    for row in report.summaries:
        assert service.summarize(row["article_id"]).cached  # what ingest made is what summarize serves
    calls = len(llm.calls)
    assert service.ingest([seeds_copy], summarize=True).summaries == [] and len(llm.calls) == calls
    target = seeds_copy / "003_3e48b63922efc447.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nUne dernière phrase ajoutée au texte.", encoding="utf-8")
    changed = service.ingest([seeds_copy], summarize=True)
    assert [row["source"] for row in changed.summaries] == ["003_3e48b63922efc447.txt"] and not changed.summaries[0]["cached"]


def test_ingest_without_summarize_builds_no_llm(tmp_path: Path, seeds_copy: Path) -> None:
    def refuse(messages: list[Message]) -> str:
        raise AssertionError("the LLM was asked for a summary")

    service = Service(make_settings(tmp_path / "data"), llm=FunctionLLM(refuse))
    report = service.ingest([seeds_copy])
    assert report.summaries == [] and "summaries" not in report.summary_line()


def test_cli_ingest_summarize_reports_in_json(capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_copy: Path) -> None:
    code = main(["--data-dir", str(tmp_path / "d"), "ingest", str(seeds_copy), "--summarize", "--embedder", "fake", "--llm", "fake", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and len(report["summaries"]) == 5
    assert {row["source"] for row in report["summaries"]} == {p.name for p in seeds_copy.glob("*.txt")}
