"""`newsrag eval claims --out --thresholds`: report written, exit 0 above the floors, exit 6 with the violation below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.cli import main

CLAIMS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "claims-dev.jsonl"


def test_eval_claims_writes_the_report_and_gates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # With the fake embedder the support judge is weaker (accuracy 7/12 on claims-dev), so the passing
    # floor is low; the failing one cannot be met by any judge.
    passing = tmp_path / "pass.yaml"
    passing.write_text("claims.accuracy: 0.5\nqa.correct: 0.99  # not run here, so not gated\n")
    failing = tmp_path / "fail.yaml"
    failing.write_text("claims.accuracy: 1.01\nclaims.by_kind.unrelated.accuracy: 0.5\n")
    out = tmp_path / "report"
    base = ["--data-dir", str(tmp_path / "data"), "eval", "claims", "--dataset", str(CLAIMS), "--embedder", "fake", "--out", str(out)]

    code = main([*base, "--thresholds", str(passing)])
    stdout, stderr = capsys.readouterr()
    assert code == 0, stderr
    assert "accuracy" in stdout and "below floor" not in stderr
    assert {p.name for p in out.iterdir()} >= {"report.json", "report.md", "claims_by_kind.png", "claims_scores.png"}
    assert json.loads((out / "report.json").read_text())["claims"]["n"] == 12
    assert "| accuracy |" in (out / "report.md").read_text()

    code = main([*base, "--thresholds", str(failing), "--json"])
    stdout, stderr = capsys.readouterr()
    assert code == 6
    accuracy = json.loads(stdout)["accuracy"]
    assert f"claims.accuracy {accuracy:.2f} < 1.01" in stderr
    assert "unrelated" not in stderr and "Traceback" not in stderr


def test_eval_all_rejects_unknown_skips_with_the_fix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["--data-dir", str(tmp_path / "d"), "eval", "all", "--embedder", "fake", "--skip", "qa,nli"])
    _, stderr = capsys.readouterr()
    assert code == 2 and "['nli']" in stderr and "claims, retrieval, qa, summaries" in stderr


def test_eval_all_gates_with_its_thresholds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    floors = tmp_path / "t.yaml"
    floors.write_text("claims.accuracy: 1.01\nretrieval.hybrid.answer_recall: 0.9\n")
    code = main(["--data-dir", str(tmp_path / "d"), "eval", "all", "--embedder", "fake", "--skip", "qa,retrieval,summaries",
                 "--thresholds", str(floors)])
    stdout, stderr = capsys.readouterr()
    assert code == 6 and stdout.startswith("claims: 12 pairs")
    assert "claims.accuracy" in stderr and "retrieval" not in stderr.split("claims: ")[-1].replace(str(floors), "")
    assert (tmp_path / "d" / "eval-report" / "report.md").is_file()


def test_eval_all_refuses_qa_on_an_empty_index_before_running_anything(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["--data-dir", str(tmp_path / "d"), "eval", "all", "--embedder", "fake", "--llm", "fake", "--skip", "retrieval"])
    stdout, stderr = capsys.readouterr()
    assert code == 2 and stdout == "" and "newsrag ingest seeds/" in stderr and "--skip qa,summaries" in stderr
    assert "claims:" not in stderr
