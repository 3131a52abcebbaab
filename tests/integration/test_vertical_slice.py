"""The first vertical slice with real parts: EmbeddingGemma + Chroma + French BM25 + Qwen 1.5B."""

from __future__ import annotations

import pytest

from rag.service import Service

pytestmark = pytest.mark.integration


def test_oreshnik_question_is_answered_in_english_citing_the_000_sentence(real_service: Service) -> None:
    answer = real_service.ask("When might the Oreshnik missile be deployed in Belarus?")
    assert not answer.refused, answer.trace
    assert answer.language == "en"
    assert "2025" in answer.answer
    cited = [c for c in answer.citations if c.source.startswith("000_")]
    assert cited, answer.as_dict()
    article = real_service.corpus.article(cited[0].article_id)
    assert article is not None
    for c in answer.citations:  # offsets are facts
        assert real_service.corpus.article(c.article_id).text[c.start:c.end] == c.text
    assert any("second semestre 2025" in c.text for c in cited)


def test_question_the_articles_do_not_answer_is_refused_in_french(real_service: Service) -> None:
    answer = real_service.ask("Qui est le Premier ministre du Bélarus ?")
    assert answer.refused, answer.as_dict()
    assert answer.answer == "Les articles ne le disent pas."
    assert answer.citations == []


def test_second_ingest_embeds_nothing(real_service: Service, seed_dir) -> None:
    report = real_service.ingest([seed_dir])
    assert report.chunks_embedded == 0
    assert report.articles_unchanged == 5
