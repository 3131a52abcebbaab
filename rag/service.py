"""The service: one object that owns the settings and builds each component once, on first use.

The CLI, the Gradio app and the HTTP API are thin shells over it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.config import Settings
from rag.errors import ConfigError, NotFound, UploadRejected

if TYPE_CHECKING:
    # the heavy modules are imported when first used, so cached reads start fast
    import numpy as np

    from rag.answer.llm_judge import Judge
    from rag.answer.pipeline import Answerer, Event
    from rag.answer.support import SupportScorer
    from rag.brief import Brief, Briefer
    from rag.catalog import Catalog
    from rag.corpus import Corpus, ManifestEntry
    from rag.embed import Embedder
    from rag.ingest.pipeline import IngestReport
    from rag.llm import LLM
    from rag.retrieval.retriever import Filters, HybridRetriever, RetrievalResult
    from rag.summarise import Summariser, Summary
    from rag.summary_index import SummaryIndex
    from rag.tokens import TokenCounter
    from rag.types import Answer, Article
    from rag.uploads import Upload


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

    def judge(self, kind: str = "rules") -> Judge:
        """A support judge by name: "rules" (the scorer), "llm" (the local model asked YES/NO) or
        "combined" (the model may veto what the rules accept with a similarity under
        settings.judge_veto_below). The LLM is loaded only for "llm" and "combined"."""
        from rag.answer.llm_judge import JUDGES, CombinedJudge, LLMJudge

        if kind not in JUDGES:
            raise ConfigError(f"unknown judge '{kind}': choose one of {', '.join(JUDGES)}")
        if kind == "rules":
            return self.scorer
        llm_judge = LLMJudge(self.llm)
        return llm_judge if kind == "llm" else CombinedJudge(self.scorer, llm_judge, veto_below=self.settings.judge_veto_below)

    @cached_property
    def answerer(self) -> Answerer:
        from rag.answer.pipeline import AnswerConfig, Answerer

        s = self.settings
        config = AnswerConfig(context_chunks=s.context_chunks, context_tokens=s.context_tokens, max_tokens=s.answer_max_tokens,
                              min_similarity=s.min_dense_similarity, slip_similarity=s.slip_similarity)
        return Answerer(self.corpus, self.retriever, self.llm, self.scorer, self.tokens, config)

    @cached_property
    def summariser(self) -> Summariser:
        from rag.summarise import Summariser

        return Summariser(self.catalog, self.model_name, lambda: self.llm, lambda: self.scorer, lambda: self.tokens,
                          self.settings.data_dir / "cache" / "summaries",
                          on_generated=lambda summary, article, length: self.summary_index.add(article, summary.summary, summary.language, length))

    @cached_property
    def summary_index(self) -> SummaryIndex:
        """Generated summaries, searchable (a collection of their own: see rag.summary_index)."""
        return self._open_summary_index(rebuild=False)

    def _open_summary_index(self, rebuild: bool) -> SummaryIndex:
        from rag.store import SUMMARY_COLLECTION, get_store
        from rag.summary_index import SummaryIndex

        return SummaryIndex(get_store(self.settings, self.corpus.signature, rebuild=rebuild, collection=SUMMARY_COLLECTION), self.embedder)

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
        self.summary_index.repair(set(self.corpus.manifest.articles))  # summaries of removed or changed articles go too
        if summarize:
            self._summarize_new(report, added)
        return report

    def _summarize_new(self, report: IngestReport, added: list[str]) -> None:
        """Summarise every indexed article whose summary is not cached yet (this run's new and changed ones,
        and any never summarised), index the ones the summary index lacks (after --rebuild, from the cache),
        and report a row for each article this run added or summarised."""
        from rag.errors import NewsragError
        from rag.summary_index import SummaryIndex

        indexed = set(self.summary_index.store.ids())
        for entry in self.catalog.articles():
            try:
                summary = self.summarize(entry.article_id)
            except NewsragError as error:  # one article that cannot be summarised does not undo the ingest
                report.summaries.append({"source": entry.source, "article_id": entry.article_id, "error": str(error)})
                continue
            if summary.cached and SummaryIndex.record_id(entry.article_id, summary.language, "short") not in indexed:
                article = self.catalog.article(entry.article_id)
                if article is not None:
                    self.summary_index.add(article, summary.summary, summary.language, "short")
            if entry.article_id in added or not summary.cached:
                report.summaries.append({"source": entry.source, "article_id": entry.article_id, "cached": summary.cached,
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
                self.__dict__["summary_index"] = self._open_summary_index(rebuild=True)
            before = set(self.corpus.manifest.articles)
            report = ingest(self.corpus, paths, prune=prune, near_duplicate_policy=near_duplicates, progress=progress)
            return report, sorted(set(self.corpus.manifest.articles) - before)

    def retrieve(self, query: str, filters: Filters | None = None, k: int | None = None) -> RetrievalResult:
        return self.retriever.retrieve(query, filters, k)

    def ask(self, question: str, filters: Filters | None = None, history: list[tuple[str, str]] | None = None) -> Answer:
        about = None if history else self._answer_from_summary(question, filters)
        return about if about is not None else self.answerer.ask(question, filters, history)

    def _answer_from_summary(self, question: str, filters: Filters | None) -> Answer | None:
        """For a question about what an article is about: the closest indexed summary (restricted to the
        filters' articles), in the question's language, as a checked answer whose citations point to
        article sentences. None (the ordinary pipeline answers) for other questions or when no summary
        is close enough."""
        import time

        from rag.lang import detect_language
        from rag.summary_index import is_about_question
        from rag.types import AnswerSentence, Citation
        from rag.types import Answer as AnswerType

        if not question.strip() or not is_about_question(question):
            return None
        started = time.perf_counter()
        allowed = set(self.corpus.manifest.articles)
        if filters is not None and filters.article_ids:
            allowed &= {e.article_id for key in filters.article_ids if (e := self.catalog.find_article(key)) is not None}
        if not allowed:
            return None
        if filters is not None and filters.article_ids and len(allowed) == 1:  # the user named the article
            article_id, length, similarity = next(iter(allowed)), "short", None
        else:
            if self.summary_index.store.count() == 0:
                return None
            hits = self.summary_index.search(self.embedder.embed_queries([question])[0], k=1, articles=allowed)
            if not hits or hits[0].similarity < self.settings.min_dense_similarity:
                return None
            article_id, length, similarity = hits[0].article_id, hits[0].length, round(hits[0].similarity, 4)
        language = detect_language(question)
        summary = self.summarize(article_id, language if language in ("fr", "en") else None, length)
        if not summary.sentences:
            return None
        trace = {"via": "summary", "summary_of": summary.source, "similarity": similarity, "model": summary.model,
                 "prompt_versions": [summary.prompt], "timings": {"total": round(time.perf_counter() - started, 3)}}
        return AnswerType(question=question, answer=summary.summary, refused=False, language=summary.language,
                          citations=[Citation(**c) for c in summary.citations],
                          sentences=[AnswerSentence(s["text"], list(s["citations"]), True) for s in summary.sentences], trace=trace)

    def summarize(self, key: str, language: str | None = None, length: str = "short", refresh: bool = False) -> Summary:
        return self.summariser.summarize(key, language, length, refresh)

    def brief(self, topic: str | None = None, language: str | None = None, refresh: bool = False) -> Brief:
        """A dated, cited timeline of the events the articles report (see rag.brief)."""
        return self.briefer.brief(topic, language, refresh)

    def ask_stream(self, question: str, filters: Filters | None = None, history: list[tuple[str, str]] | None = None) -> Iterator[Event]:
        about = None if history else self._answer_from_summary(question, filters)
        if about is not None:
            from rag.answer.pipeline import Event

            return iter([Event("token", text=about.answer), Event("answer", answer=about)])
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
        from rag.uploads import save_uploads

        s = self.settings
        with self._lock:
            paths = save_uploads(uploads, s.uploads_dir, s.upload_max_files, s.upload_max_bytes)
            report, _ = self._ingest(paths, False, False, "keep", progress)
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
            self.summary_index.repair(set(self.corpus.manifest.articles))  # its summaries go too
            uploads = self.settings.uploads_dir.resolve()
            still_used = {k.split("#", 1)[0] for k in self.corpus.manifest.by_path()}
            for source_path in {p.split("#", 1)[0] for p in entry.source_paths}:
                path = Path(source_path)
                if path.parent == uploads and source_path not in still_used:
                    path.unlink(missing_ok=True)
            return {"article_id": entry.article_id, "source": entry.source, "title": entry.title, "chunks_removed": removed}
