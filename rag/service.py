"""The service: one object that owns the settings and builds each component once, on first use.

The CLI, the Gradio app and the HTTP API are thin shells over it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path

from dataclasses import dataclass, field
from typing import Any

from rag.answer.pipeline import AnswerConfig, Answerer, Event
from rag.answer.support import SupportScorer
from rag.config import Settings
from rag.errors import NotFound, UploadRejected
from rag.corpus import Corpus, ManifestEntry
from rag.embed import Embedder, get_embedder
from rag.ingest.pipeline import IngestReport, ingest
from rag.llm import LLM, get_llm
from rag.retrieval.retriever import Filters, HybridRetriever, RetrievalConfig, RetrievalResult
from rag.tokens import TokenCounter
from rag.types import Answer, Article
from rag.uploads import Upload, save_uploads


@dataclass
class UploadResult:
    """What an upload did: the ingest report of the saved files, and the article each file became."""

    report: IngestReport
    articles: list[dict[str, Any]] = field(default_factory=list)  # {file, article_id, source, title} per stored file

    def as_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "report": self.report.as_dict(), "summary": self.report.summary_line()}


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

    # -- articles (the app's Articles tab and the HTTP API) -----------------------------------------
    def list_articles(self) -> list[dict[str, Any]]:
        """Every article in the manifest with its metadata and ingest status, by source name (waits for a running
        ingest or delete, so the list is never half-written)."""
        with self._lock:
            return [self._article_info(entry) for entry in self.corpus.articles()]

    def _article_info(self, entry: ManifestEntry) -> dict[str, Any]:
        corpus = self.corpus
        missing = []
        if not (corpus.articles_dir / f"{entry.article_id}.json").exists():
            missing.append("text")
        if not corpus.sentences.has(entry.article_id):
            missing.append("sentence vectors")
        status = "indexed" if not missing else f"incomplete (no {' or '.join(missing)}): run 'newsrag ingest --rebuild'"
        return {"article_id": entry.article_id, "source": entry.source, "title": entry.title, "outlet": entry.outlet,
                "date": entry.date, "language": entry.language, "chunks": len(entry.chunk_ids), "status": status}

    def find_article(self, key: str, exact: bool = False) -> ManifestEntry:
        """The manifest entry for an id, unique id prefix or source name (`exact`: the full id or source name only);
        NotFound names the fix."""
        if exact:
            matches = [e for e in self.corpus.manifest.articles.values() if key in (e.article_id, e.source)]
            entry = matches[0] if len(matches) == 1 else None
        else:
            entry = self.corpus.find_article(key) if key else None
        if entry is None:
            raise NotFound(f"no article '{key}' in the index: list them with GET /api/articles (or the Articles tab)")
        return entry

    def article(self, key: str) -> Article:
        """One article with its cleaned text (what every citation span points into)."""
        entry = self.find_article(key)
        article = self.corpus.article(entry.article_id)
        if article is None:
            raise NotFound(f"article {entry.article_id} is in the manifest but its text is missing: run 'newsrag ingest --rebuild'")
        return article

    def add_uploads(self, uploads: list[Upload], progress: Callable[[int, int], None] | None = None) -> UploadResult:
        """Check and save uploaded files under <data_dir>/uploads, then ingest them with the same pipeline (and the
        same rejection messages) as `newsrag ingest`. A file the pipeline rejects is not kept."""
        s = self.settings
        with self._lock:
            paths = save_uploads(uploads, s.uploads_dir, s.upload_max_files, s.upload_max_bytes)
            report = ingest(self.corpus, paths, progress=progress)
            by_path = self.corpus.manifest.by_path()
            articles = []
            for path in paths:
                keys = [k for k in by_path if k == str(path) or k.startswith(f"{path}#")]
                ids = [aid for k in keys for aid in by_path[k]]
                if not ids:
                    path.unlink(missing_ok=True)
                for aid in ids:
                    entry = self.corpus.manifest.articles[aid]
                    articles.append({"file": path.name, "article_id": aid, "source": entry.source, "title": entry.title})
            if not articles:
                reasons = "; ".join(r["reason"] for r in report.rejected) or "nothing to index"
                raise UploadRejected(f"no article could be read from the upload ({reasons})")
            return UploadResult(report, articles)

    def delete_article(self, key: str) -> dict[str, Any]:
        """Remove an article: manifest entry first (the commit point), then its chunks, BM25 entries, sentence
        vectors and cleaned text, and the uploaded file it came from (if no other article still uses it). `key` is the
        full article id or source name: a prefix never deletes."""
        with self._lock:
            entry = self.find_article(key, exact=True)
            removed = self.corpus.remove_article(entry.article_id)
            self.corpus.save_bm25()
            uploads = self.settings.uploads_dir.resolve()
            still_used = {k.split("#", 1)[0] for k in self.corpus.manifest.by_path()}
            for source_path in {p.split("#", 1)[0] for p in entry.source_paths}:
                path = Path(source_path)
                if path.parent == uploads and source_path not in still_used:
                    path.unlink(missing_ok=True)
            return {"article_id": entry.article_id, "source": entry.source, "title": entry.title, "chunks_removed": removed}
