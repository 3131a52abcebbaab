"""Hybrid retrieval over the seeds with the fake embedder: filters, scores per hit, LangChain adapter."""

from __future__ import annotations

from pathlib import Path

from rag.lc import NewsragRetriever
from rag.llm import FakeLLM
from rag.retrieval.retriever import Filters
from rag.service import Service
from tests.conftest import make_settings


def _service(tmp_path: Path, seeds: Path) -> Service:
    service = Service(make_settings(tmp_path / "data"), llm=FakeLLM())
    service.ingest([seeds])
    return service


def test_hits_carry_fused_rank_and_raw_scores(tmp_path: Path, seeds_copy: Path) -> None:
    result = _service(tmp_path, seeds_copy).retrieve("déploiement du missile Oreshnik au Bélarus")
    assert [h.rank for h in result.hits] == [1, 2, 3, 4, 5]
    top = result.hits[0]
    assert top.dense is not None and top.bm25 is not None and top.dense_rank and top.bm25_rank
    assert "Oreshnik" in top.chunk.text


def test_outlet_date_and_article_filters_apply_to_both_searches(tmp_path: Path, seeds_copy: Path) -> None:
    service = _service(tmp_path, seeds_copy)
    entries = {e.source: e for e in service.corpus.articles()}
    bfm = entries["004_abd05f4052d50f64.txt"]
    assert bfm.outlet == "BFMTV"
    hits = service.retrieve("Poutine Loukachenko", Filters(outlet="bfmtv")).hits
    assert hits and {h.chunk.article_id for h in hits} == {bfm.article_id}
    dated = service.retrieve("Poutine Loukachenko", Filters(date_from="2024-12-01", date_to="2024-12-31")).hits
    assert dated and all(h.chunk.date and h.chunk.date.startswith("2024-12") for h in dated)
    one = entries["002_4beb03af83448623.txt"].article_id
    assert {h.chunk.article_id for h in service.retrieve("Minsk", Filters(article_ids=(one,))).hits} == {one}
    assert service.retrieve("Minsk", Filters(outlet="Le Monde")).hits == []


def test_recency_preference_moves_newer_articles_up(tmp_path: Path, seeds_copy: Path) -> None:
    service = _service(tmp_path, seeds_copy)
    plain = service.retrieve("visite de Poutine à Minsk").hits
    recent = service.retrieve("visite de Poutine à Minsk", Filters(prefer_recent=True)).hits
    mean = lambda hits: sum(int((h.chunk.date or "0000")[:4]) for h in hits) / len(hits)  # noqa: E731
    assert mean(recent) >= mean(plain)


def test_langchain_retriever_returns_documents_with_our_metadata(tmp_path: Path, seeds_copy: Path) -> None:
    service = _service(tmp_path, seeds_copy)
    documents = NewsragRetriever(retriever=service.retriever, k=3).invoke("missile Oreshnik")
    assert len(documents) == 3
    meta = documents[0].metadata
    assert {"article_id", "start", "end", "source", "score", "rank", "dense", "bm25"} <= set(meta)
    article = service.corpus.article(meta["article_id"])
    assert article.text[meta["start"]:meta["end"]] == documents[0].page_content


def test_reranker_slot_reorders_the_fused_pool(tmp_path: Path, seeds_copy: Path) -> None:
    from rag.retrieval.rerank import CrossEncoderReranker

    class PrefersTass:
        def predict(self, pairs: list[tuple[str, str]]) -> list[float]:
            return [1.0 if "TASS" in text else 0.0 for _, text in pairs]

    service = _service(tmp_path, seeds_copy)
    service.retriever.reranker = CrossEncoderReranker(PrefersTass())
    hits = service.retrieve("accord de sécurité signé à Minsk").hits
    assert "TASS" in hits[0].chunk.text


def test_a_missing_reranker_folder_names_the_fix(tmp_path: Path) -> None:
    import pytest

    from rag.errors import ModelMissing
    from rag.retrieval.rerank import CrossEncoderReranker

    with pytest.raises(ModelMissing, match="CrossEncoder"):
        CrossEncoderReranker.from_path(str(tmp_path / "none"))
