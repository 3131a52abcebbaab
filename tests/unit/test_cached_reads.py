"""Cached summaries and briefs are served by the CLI without building the embedder, the LLM or the store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import rag.embed
import rag.llm
import rag.store
from rag.cli import main
from rag.llm import FunctionLLM, Message
from rag.service import Service
from tests.conftest import make_settings


def _cite_first_two(messages: list[Message]) -> str:
    numbered = re.findall(r"^\[(\d+)\] (.+)$", messages[-1].content, flags=re.M)
    return " ".join(f"{text} [{number}]" for number, text in numbered[:2])


def _forbid(name: str):
    def builder(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{name} was called for a cached read")

    return builder


@pytest.fixture
def cached_data(tmp_path: Path, seeds_copy: Path) -> Path:
    """A seeded index whose summaries and brief are all cached, made with an LLM named like `--llm fake`."""
    data = tmp_path / "data"
    service = Service(make_settings(data), llm=FunctionLLM(_cite_first_two, name="fake"))
    service.ingest([seeds_copy])
    for entry in service.catalog.articles():
        service.summarize(entry.article_id)
    service.brief()
    return data


def test_cached_summaries_and_brief_build_no_model_and_no_store(cached_data: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(rag.embed, "get_embedder", _forbid("get_embedder"))
    monkeypatch.setattr(rag.llm, "get_llm", _forbid("get_llm"))
    monkeypatch.setattr(rag.store, "get_store", _forbid("get_store"))
    code = main(["--data-dir", str(cached_data), "summarize", "--all", "--llm", "fake", "--embedder", "fake", "--json"])
    out, err = capsys.readouterr()
    summaries = json.loads(out)
    assert code == 0 and not err
    assert len(summaries) == 5 and all(s["cached"] and s["seconds"] < 0.05 for s in summaries)
    code = main(["--data-dir", str(cached_data), "brief", "--llm", "fake", "--embedder", "fake", "--json"])
    out, _ = capsys.readouterr()
    entries = json.loads(out)
    assert code == 0 and entries and all({"date", "text", "citations"} == set(e) for e in entries)


def test_a_cache_miss_does_build_the_model(cached_data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(rag.llm, "get_llm", _forbid("get_llm"))
    with pytest.raises(AssertionError, match="get_llm was called"):
        main(["--data-dir", str(cached_data), "summarize", "--all", "--lang", "en", "--llm", "fake", "--embedder", "fake"])
