"""The CLI is a thin shell: one clean line and a non-zero exit on errors, JSON on --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_json_reports_counts_then_nothing_to_do(capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_copy: Path) -> None:
    data = str(tmp_path / "data")
    code, out, _ = _run(capsys, "--data-dir", data, "ingest", str(seeds_copy), "--embedder", "fake", "--json")
    report = json.loads(out)
    assert code == 0
    assert {"articles_new", "articles_changed", "articles_unchanged", "rejected", "chunks_added", "chunks_removed", "seconds"} <= set(report)
    assert report["articles_new"] == 5 and report["rejected"] == []
    code, out, _ = _run(capsys, "--data-dir", data, "ingest", str(seeds_copy), "--embedder", "fake")
    assert code == 0 and "0 embedded" in out and "5 unchanged" in out


def test_rejected_files_give_a_non_zero_exit(capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_copy: Path) -> None:
    (seeds_copy / "empty.txt").write_text("")
    code, out, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "ingest", str(seeds_copy), "--embedder", "fake")
    assert code == 1 and "rejected" in err and "empty.txt" in err and "5 new" in out


def test_errors_are_one_line_with_the_fix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "ask", "   ", "--embedder", "fake", "--llm", "fake")
    assert code == 2 and err.count("\n") == 1 and err.startswith("newsrag: the question is empty")
    code, _, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "ask", "Q ?", "--embedder", "fake", "--llm", "openai:http://127.0.0.1:9/v1",
                        "--store", "chroma-http:127.0.0.1:9")
    assert code == 5 and "chroma run" in err and "Traceback" not in err


def test_ask_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_copy: Path) -> None:
    data = str(tmp_path / "data")
    _run(capsys, "--data-dir", data, "ingest", str(seeds_copy), "--embedder", "fake", "--json")
    code, out, _ = _run(capsys, "--data-dir", data, "ask", "Qui est le roi de France ?", "--embedder", "fake", "--llm", "fake:Les articles ne le disent pas.", "--json")
    payload = json.loads(out)
    assert code == 0
    assert {"answer", "refused", "language", "citations", "sentences", "trace"} <= set(payload)
    assert payload["refused"] is True and payload["language"] == "fr"


def test_models_list_names_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "models", "list", "--json")
    rows = json.loads(out)
    assert code == 0
    assert {r["name"] for r in rows if r["default"]} == {"embeddinggemma-300m", "qwen2.5-coder-1.5b", "cl100k_base"}


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf"])
def test_serve_busy_wait_must_be_a_positive_number_of_seconds(capsys: pytest.CaptureFixture[str], value: str) -> None:
    from rag.cli import build_parser

    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["serve", "--busy-wait", value])
    assert exit_info.value.code == 2
    assert "is not a number of seconds between 0 and 3600: e.g. --busy-wait 30" in capsys.readouterr().err
    assert build_parser().parse_args(["serve", "--busy-wait", "0.5"]).busy_wait == 0.5


def test_ask_labels_the_streamed_draft_and_prints_the_checked_answer(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                                      seeds_copy: Path) -> None:
    """A fabricated reply streams as a draft; what the service stands by is the checked answer after it."""
    data = str(tmp_path / "data")
    _run(capsys, "--data-dir", data, "ingest", str(seeds_copy), "--embedder", "fake", "--json")
    code, out, _ = _run(capsys, "--data-dir", data, "ask", "Qui est le Premier ministre du Bélarus ?", "--embedder", "fake",
                        "--llm", "fake:Le Premier ministre du Bélarus est Jean Dupont [1].")
    assert code == 0
    assert out.startswith("draft, not yet checked: Le Premier ministre du Bélarus est Jean Dupont [1].")
    assert "\nchecked answer: Les articles ne le disent pas." in out
