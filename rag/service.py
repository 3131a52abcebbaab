"""The service: one object that owns the settings and builds each component once, on first use.

The CLI, the Gradio app and the HTTP API are thin shells over it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rag.config import Settings

if TYPE_CHECKING:
    import numpy as np
  # the heavy modules are imported when first used, so cached reads start fast
    from rag.answer.pipeline import Answerer, Event
    from rag.answer.support import SupportScorer
    from rag.brief import Brief, Briefer
    from rag.catalog import Catalog
    from rag.corpus import Corpus
    from rag.embed import Embedder
    from rag.ingest.pipeline import IngestReport
    from rag.llm import LLM
    from rag.retrieval.retriever import Filters, HybridRetriever, RetrievalResult
    from rag.summarise import Summariser, Summary
    from rag.tokens import TokenCounter
    from rag.types import Answer


class Service:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, llm: LLM | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._llm = llm
        self._lock = threading.RLock()  # building components and writing the index are serialised

    @cached_property
    def embedder(self) -> Embedder:
        from rag.embed import get_embedder

        return self._embedder or get_embedder(self.settings)

    @cached_property
    def llm(self) -> LLM:
        from rag.llm import get_llm

        return self._llm or get_llm(self.settings)

    @cached_property
    def model_name(self) -> str:
        """The LLM's name without loading it (cache keys)."""
        from rag.llm import llm_name

        return self._llm.name if self._llm is not None else llm_name(self.settings)

    @cached_property
    def tokens(self) -> TokenCounter:
        from rag.tokens import TokenCounter

        return TokenCounter(self.settings.model_dir)

    @cached_property
    def corpus(self) -> Corpus:
        from rag.corpus import Corpus

        with self._lock:
            return Corpus(self.settings, self.embedder)

    @cached_property
    def catalog(self) -> Catalog:
        """The manifest and cleaned articles, read without the embedder or the store."""
        from rag.catalog import Catalog

        return Catalog(self.settings.state_dir)

    @cached_property
    def retriever(self) -> HybridRetriever:
        from rag.retrieval.retriever import HybridRetriever, RetrievalConfig

        s = self.settings
        return HybridRetriever(self.corpus, RetrievalConfig(k=s.k, candidates=s.candidates, fusion=s.fusion, dense_weight=s.dense_weight,
                                                            bm25_weight=s.bm25_weight, rrf_k=s.rrf_k, mmr_lambda=s.mmr_lambda,
                                                            reranker=s.reranker))

    @cached_property
    def scorer(self) -> SupportScorer:
        from rag.answer.support import SupportScorer

        return SupportScorer(embed=self.embedder.embed_similarity, threshold=self.settings.support_threshold)

    @cached_property
    def answerer(self) -> Answerer:
        from rag.answer.pipeline import AnswerConfig, Answerer

        s = self.settings
        config = AnswerConfig(context_tokens=s.context_tokens, max_tokens=s.answer_max_tokens, min_similarity=s.min_dense_similarity,
                              retry_similarity=s.retry_similarity)
        return Answerer(self.corpus, self.retriever, self.llm, self.scorer, self.tokens, config)

    @cached_property
    def summariser(self) -> Summariser:
        from rag.summarise import Summariser

        return Summariser(self.catalog, self.model_name, lambda: self.llm, lambda: self.scorer, lambda: self.tokens,
                          self.settings.data_dir / "cache" / "summaries")

    @cached_property
    def briefer(self) -> Briefer:
        from rag.brief import Briefer

        return Briefer(self.catalog, self.model_name, lambda: self.llm, lambda: self.scorer, lambda: self._topic_spans,
                       self.settings.data_dir / "cache" / "briefs")

    def _topic_spans(self, topic: str) -> tuple[set[tuple[str, int, int]], np.ndarray | None]:
        """The spans of the chunks retrieved for a topic (only those dense retrieval finds close enough), and
        the topic's query vector."""
        result = self.retriever.retrieve(topic, k=max(self.settings.k, 10))
        spans = {(h.chunk.article_id, h.chunk.span.start, h.chunk.span.end) for h in result.hits
                 if h.dense is None or h.dense >= self.settings.min_dense_similarity}
        return spans, result.query_vector

    # -- operations --------------------------------------------------------------------------------
    def ingest(self, paths: list[Path], rebuild: bool = False, prune: bool = False, near_duplicates: str = "keep",
               progress: Callable[[int, int], None] | None = None, summarize: bool = False) -> IngestReport:
        """Ingest files or folders; with `summarize`, then summarise (cached) every new or changed article."""
        report, added = self._ingest(paths, rebuild, prune, near_duplicates, progress)
        if summarize:
            self._summarize_new(report, added)
        return report

    def _summarize_new(self, report: IngestReport, added: list[str]) -> None:
        from rag.errors import NewsragError

        for article_id in added:
            entry = self.catalog.find_article(article_id)
            if entry is None:  # superseded within the same run
                continue
            try:
                summary = self.summarize(article_id)
            except NewsragError as error:  # one article that cannot be summarised does not undo the ingest
                report.summaries.append({"source": entry.source, "article_id": article_id, "error": str(error)})
                continue
            report.summaries.append({"source": entry.source, "article_id": article_id, "cached": summary.cached,
                                     "seconds": summary.seconds})

    def _ingest(self, paths: list[Path], rebuild: bool, prune: bool, near_duplicates: str,
                progress: Callable[[int, int], None] | None) -> tuple[IngestReport, list[str]]:
        """The report and the ids of the articles this run added (new and changed: ids hash the content)."""
        with self._lock:
            from rag.corpus import Corpus
            from rag.ingest.pipeline import ingest

            if rebuild:
                self.__dict__["corpus"] = Corpus(self.settings, self.embedder, rebuild=True)
                self.__dict__.pop("retriever", None)
                self.__dict__.pop("answerer", None)
            before = set(self.corpus.manifest.articles)
            report = ingest(self.corpus, paths, prune=prune, near_duplicate_policy=near_duplicates, progress=progress)
            return report, sorted(set(self.corpus.manifest.articles) - before)

    def retrieve(self, query: str, filters: Filters | None = None, k: int | None = None) -> RetrievalResult:
        return self.retriever.retrieve(query, filters, k)

    def ask(self, question: str, filters: Filters | None = None, history: list[tuple[str, str]] | None = None) -> Answer:
        return self.answerer.ask(question, filters, history)

    def summarize(self, key: str, language: str | None = None, length: str = "short", refresh: bool = False) -> Summary:
        return self.summariser.summarize(key, language, length, refresh)

    def brief(self, topic: str | None = None, language: str | None = None, refresh: bool = False) -> Brief:
        """A dated, cited timeline of the events the articles report (see rag.brief)."""
        return self.briefer.brief(topic, language, refresh)

    def ask_stream(self, question: str, filters: Filters | None = None, history: list[tuple[str, str]] | None = None) -> Iterator[Event]:
        return self.answerer.stream(question, filters, history)
