"""Summaries with a function fake LLM: citations, verification, cache hits and invalidation, map-reduce."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.errors import BadInput
from rag.llm import FunctionLLM, Message
from rag.service import Service
from tests.conftest import make_settings


def _cite_first_two(messages: list[Message]) -> str:
    """Restates the first two numbered sentences (a faithful 'summary'), citing each."""
    numbered = re.findall(r"^\[(\d+)\] (.+)$", messages[-1].content, flags=re.M)
    return " ".join(f"{text} [{number}]" for number, text in numbered[:2])


def _service(tmp_path: Path, seeds: Path, fn=_cite_first_two) -> tuple[Service, FunctionLLM]:
    llm = FunctionLLM(fn)
    service = Service(make_settings(tmp_path / "data", support_threshold=0.45), llm=llm)
    service.ingest([seeds])
    return service, llm


def test_summary_cites_spans_of_the_article_and_is_cached(tmp_path: Path, seeds_copy: Path) -> None:
    service, llm = _service(tmp_path, seeds_copy)
    first = service.summarize("003_3e48b63922efc447.txt")
    assert not first.cached and first.citations and first.sentences
    article = service.corpus.article(first.article_id)
    for c in first.citations:
        assert article.text[c["start"]:c["end"]] == c["text"]
    calls = len(llm.calls)
    again = service.summarize("003_3e48b63922efc447.txt")
    assert again.cached and again.summary == first.summary and len(llm.calls) == calls
    assert again.seconds < 0.05


def test_changing_the_article_or_the_language_regenerates(tmp_path: Path, seeds_copy: Path) -> None:
    service, llm = _service(tmp_path, seeds_copy)
    service.summarize("003_3e48b63922efc447.txt")
    calls = len(llm.calls)
    assert not service.summarize("003_3e48b63922efc447.txt", language="en").cached
    target = seeds_copy / "003_3e48b63922efc447.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nUne dernière phrase ajoutée.", encoding="utf-8")
    service.ingest([seeds_copy])
    assert not service.summarize("003_3e48b63922efc447.txt").cached
    assert len(llm.calls) > calls + 1


def test_unsupported_summary_sentence_is_dropped(tmp_path: Path, seeds_copy: Path) -> None:
    def inventive(messages: list[Message]) -> str:
        return _cite_first_two(messages) + " Le sommet a réuni 4000 délégués à Paris en 2031 [1]."

    service, _ = _service(tmp_path, seeds_copy, inventive)
    summary = service.summarize("003_3e48b63922efc447.txt")
    assert "2031" not in summary.summary and summary.dropped == 1


def test_long_articles_are_summarised_by_map_reduce(tmp_path: Path, seeds_copy: Path) -> None:
    service, llm = _service(tmp_path, seeds_copy)
    service.summariser.map_budget = 120  # forces several sections on a seed article
    summary = service.summarize("004_abd05f4052d50f64.txt")
    assert len(llm.calls) >= 3  # sections, then the reduce step
    assert summary.citations
    article = service.corpus.article(summary.article_id)
    assert all(article.text[c["start"]:c["end"]] == c["text"] for c in summary.citations)


def test_unknown_article_names_the_fix(tmp_path: Path, seeds_copy: Path) -> None:
    service, _ = _service(tmp_path, seeds_copy)
    with pytest.raises(BadInput, match="ingest"):
        service.summarize("nope.txt")
