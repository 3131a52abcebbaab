"""Summaries are searchable: "what is this article about?" is answered from the closest summary, whose
citations point to article sentences; summary records never disturb the chunk collection or the manifest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.llm import FunctionLLM, Message
from rag.retrieval.retriever import Filters
from rag.service import Service
from rag.summary_index import is_about_question
from tests.conftest import make_settings, restate_last


@pytest.fixture
def service(tmp_path: Path, seeds_copy: Path) -> Service:
    service = Service(make_settings(tmp_path / "data", support_threshold=0.45), llm=FunctionLLM(restate_last))
    service.ingest([seeds_copy], summarize=True)
    return service


@pytest.mark.parametrize("question", ["De quoi parle l'article sur Koursk ?", "What is the article about the Oreshnik about?",
                                      "Résume l'article sur la visite de Poutine", "Give me the gist of the Minsk story",
                                      "Quel est le sujet de l'article de BFMTV ?"])
def test_about_questions_are_recognised(question: str) -> None:
    assert is_about_question(question)


@pytest.mark.parametrize("question", ["Quand l'accord a-t-il été signé ?", "Who determines the targets of the Oreshnik missiles?",
                                      "Combien de documents ont été signés à Minsk ?"])
def test_factual_questions_are_not_about_questions(question: str) -> None:
    assert not is_about_question(question)


def test_generated_summaries_are_indexed_beside_the_chunks(service: Service) -> None:
    assert service.summary_index.store.count() == 5
    corpus = service.corpus
    assert set(corpus.store.ids()) == corpus.manifest.chunk_ids()  # the chunk collection holds chunks only
    assert corpus.repair() == 0


def test_an_about_question_is_answered_from_the_closest_summary(service: Service) -> None:
    answer = service.ask("De quoi parle l'article sur l'accord qui officialise le déploiement des missiles nucléaires tactiques ?")
    assert answer.trace["via"] == "summary" and answer.trace["summary_of"] == "003_3e48b63922efc447.txt"
    assert not answer.refused and answer.citations and answer.sentences
    article = service.corpus.article(answer.citations[0].article_id)
    assert all(article.text[c.start:c.end] == c.text for c in answer.citations)
    assert answer.answer == service.summarize("003_3e48b63922efc447.txt").summary
    streamed = [e for e in service.ask_stream("De quoi parle l'article sur l'accord qui officialise le déploiement des missiles nucléaires tactiques ?") if e.kind == "answer"]
    assert streamed[0].answer.answer == answer.answer


def test_the_article_filter_picks_the_summary(service: Service) -> None:
    answer = service.ask("What is this article about?", Filters(article_ids=("004_abd05f4052d50f64.txt",)))
    assert answer.trace["via"] == "summary" and answer.trace["summary_of"] == "004_abd05f4052d50f64.txt"
    assert answer.language == "en"  # summarised anew in the question's language


def test_a_factual_question_takes_the_ordinary_pipeline(service: Service) -> None:
    answer = service.ask("Quand l'accord de sécurité a-t-il été signé à Minsk ?")
    assert answer.trace.get("via") != "summary" and "hits" in answer.trace


def test_summaries_of_changed_or_removed_articles_leave_the_index(service: Service, seeds_copy: Path) -> None:
    target = seeds_copy / "003_3e48b63922efc447.txt"
    old_id = service.catalog.find_article(target.name).article_id
    target.write_text(target.read_text(encoding="utf-8") + "\nUne dernière phrase ajoutée au texte.", encoding="utf-8")
    service.ingest([seeds_copy])  # without --summarize: the old summary goes, no new one is made
    ids = service.summary_index.store.ids()
    assert len(ids) == 4 and not any(i.startswith(old_id) for i in ids)
    (seeds_copy / "002_4beb03af83448623.txt").unlink()
    service.ingest([seeds_copy], prune=True, summarize=True)
    ids = service.summary_index.store.ids()  # 003's new version summarised now (never was), 002's summary removed
    assert len(ids) == 4 and service.catalog.find_article(target.name).article_id in {i.partition("~")[0] for i in ids}
    assert set(service.corpus.store.ids()) == service.corpus.manifest.chunk_ids()
