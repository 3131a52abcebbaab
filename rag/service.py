"""The service: one object that owns the settings and builds each component once, on first use.

The CLI, the Gradio app and the HTTP API are thin shells over it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path

from rag.answer.pipeline import AnswerConfig, Answerer, Event
from rag.answer.support import SupportScorer
from rag.config import Settings
from rag.corpus import Corpus
from rag.embed import Embedder, get_embedder
from rag.ingest.pipeline import IngestReport, ingest
from rag.llm import LLM, get_llm
from rag.retrieval.retriever import Filters, HybridRetriever, RetrievalConfig, RetrievalResult
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
        return self._embedder or get_embedder(self.settings)

    @cached_property
    def llm(self) -> LLM:
        return self._llm or get_llm(self.settings)

    @cached_property
    def tokens(self) -> TokenCounter:
        return TokenCounter(self.settings.model_dir)

    @cached_property
    def corpus(self) -> Corpus:
        with self._lock:
            return Corpus(self.settings, self.embedder)

    @cached_property
    def retriever(self) -> HybridRetriever:
        s = self.settings
        return HybridRetriever(self.corpus, RetrievalConfig(k=s.k, candidates=s.candidates, fusion=s.fusion, dense_weight=s.dense_weight,
                                                            bm25_weight=s.bm25_weight, rrf_k=s.rrf_k, mmr_lambda=s.mmr_lambda,
                                                            reranker=s.reranker))

    @cached_property
    def scorer(self) -> SupportScorer:
        return SupportScorer(embed=self.embedder.embed_similarity, threshold=self.settings.support_threshold)

    @cached_property
    def answerer(self) -> Answerer:
        s = self.settings
        config = AnswerConfig(context_tokens=s.context_tokens, max_tokens=s.answer_max_tokens, min_similarity=s.min_dense_similarity,
                              retry_similarity=s.retry_similarity)
        return Answerer(self.corpus, self.retriever, self.llm, self.scorer, self.tokens, config)

    @cached_property
    def summariser(self):  # -> Summariser
        from rag.summarise import Summariser

        return Summariser(self.corpus, self.llm, self.scorer, self.tokens)

    # -- operations --------------------------------------------------------------------------------
    def ingest(self, paths: list[Path], rebuild: bool = False, prune: bool = False, near_duplicates: str = "keep",
               progress: Callable[[int, int], None] | None = None) -> IngestReport:
        with self._lock:
            if rebuild:
                self.__dict__["corpus"] = Corpus(self.settings, self.embedder, rebuild=True)
                self.__dict__.pop("retriever", None)
                self.__dict__.pop("answerer", None)
            return ingest(self.corpus, paths, prune=prune, near_duplicate_policy=near_duplicates, progress=progress)

    def retrieve(self, query: str, filters: Filters | None = None, k: int | None = None) -> RetrievalResult:
        return self.retriever.retrieve(query, filters, k)

    def ask(self, question: str, filters: Filters | None = None, history: list[tuple[str, str]] | None = None) -> Answer:
        return self.answerer.ask(question, filters, history)

    def summarize(self, key: str, language: str | None = None, length: str = "short", refresh: bool = False):  # -> Summary
        return self.summariser.summarize(key, language, length, refresh)

    def ask_stream(self, question: str, filters: Filters | None = None, history: list[tuple[str, str]] | None = None) -> Iterator[Event]:
        return self.answerer.stream(question, filters, history)
