"""Per-article summaries that are grounded, cited and cached.

Algorithm: number every sentence of the cleaned article; if the numbered text fits the map budget
(tiktoken), ask the model once for a summary that cites sentence numbers; otherwise (map-reduce) summarise
each section that fits, verify those notes, and summarise the verified notes, whose citations are the
original sentence numbers. Every summary sentence is checked with the support scorer against the
sentences it cites (repaired or dropped, as for answers). Results are cached in the data folder, keyed by
the article's content hash, the model, the prompt version, the language and the length.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rag.answer.context import ContextSentence
from rag.answer.support import SupportScorer
from rag.answer.verify import verify_text
from rag.catalog import Catalog
from rag.fsutil import atomic_write_text
from rag.injection import looks_like_injection
from rag.errors import BadInput
from rag.llm.base import LLM, Message
from rag.prompts import load_prompt
from rag.tokens import TokenCounter
from rag.types import Article


@dataclass
class Summary:
    article_id: str
    source: str
    title: str
    language: str
    summary: str
    sentences: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    dropped: int = 0
    model: str = ""
    prompt: str = ""
    cached: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Summariser:
    """`llm`, `scorer` and `tokens` are providers, called on the first cache miss only: a cached read
    touches no model (the cache key uses `model_name`, which names the model without loading it)."""

    def __init__(self, catalog: Catalog, model_name: str, llm: Callable[[], LLM], scorer: Callable[[], SupportScorer],
                 tokens: Callable[[], TokenCounter], cache_dir: Path, map_budget: int = 1400, max_tokens: int = 220,
                 on_generated: Callable[[Summary, Article, str], None] | None = None) -> None:
        self.catalog = catalog
        self.model_name = model_name
        self._llm = llm
        self._scorer = scorer
        self._tokens = tokens
        self.map_budget = map_budget
        self.max_tokens = max_tokens
        self.prompt = load_prompt("summarise")
        self.cache_dir = cache_dir
        self.on_generated = on_generated  # called with (summary, article, length) after each generation (indexing)

    @cached_property
    def llm(self) -> LLM:
        return self._llm()

    @cached_property
    def scorer(self) -> SupportScorer:
        return self._scorer()

    @cached_property
    def tokens(self) -> TokenCounter:
        return self._tokens()

    def _cache_path(self, content_hash: str, language: str, length: str) -> Path:
        model = "".join(c if c.isalnum() or c in "-._" else "_" for c in self.model_name)
        return self.cache_dir / f"{content_hash[:32]}_{model}_{self.prompt.key.replace('@', '-v')}_{language}_{length}.json"

    def _resolve(self, key: str, language: str | None, length: str) -> tuple[Article, str, Path]:
        """The article, the summary language and the cache file; BadInput naming the fix otherwise."""
        entry = self.catalog.find_article(key)
        if entry is None:
            raise BadInput(f"no article '{key}' in the index: list them with 'newsrag summarize --all' or ingest it first")
        if length not in self.prompt.data["lengths"]:
            raise BadInput(f"unknown length '{length}': use short or medium")
        article = self.catalog.article(entry.article_id)
        if article is None:
            raise BadInput(f"article {entry.article_id} is in the manifest but its text is missing: run 'newsrag ingest --rebuild'")
        language = language or (article.language if article.language in ("en", "fr") else "en")
        if language not in self.prompt.data["language_names"]:
            raise BadInput(f"unknown language '{language}': use fr or en")
        return article, language, self._cache_path(article.content_hash, language, length)

    def cached(self, key: str, language: str | None = None, length: str = "short") -> Summary | None:
        """The cached summary, or None on a miss; never loads a model."""
        started = time.perf_counter()
        _, _, path = self._resolve(key, language, length)
        if not path.exists():
            return None
        summary = Summary(**json.loads(path.read_text(encoding="utf-8")))
        summary.cached = True
        summary.seconds = round(time.perf_counter() - started, 4)
        return summary

    def summarize(self, key: str, language: str | None = None, length: str = "short", refresh: bool = False) -> Summary:
        started = time.perf_counter()
        if not refresh:
            hit = self.cached(key, language, length)
            if hit is not None:
                return hit
        article, language, path = self._resolve(key, language, length)

        context = self._numbered(article)
        if not context:
            raise BadInput(f"article {article.source} has no sentences to summarise")
        if self._cost(context) <= self.map_budget:
            raw = self._ask(article.title, article.date, context, language, length)
            checked = verify_text(raw, context, self.scorer)
        else:
            notes: list[ContextSentence] = []
            for section in self._sections(context):
                section_checked = verify_text(self._ask(article.title, article.date, section, language, "short"), section, self.scorer)
                for item in section_checked.kept:
                    # a note carries its first cited sentence's number and span, so final citations stay original
                    source = item.sources[0]
                    notes.append(ContextSentence(source.number, source.article_id, source.source, source.title, source.outlet,
                                                 source.date, source.span, item.text, item.score, item.score))
            raw = self._ask(article.title, article.date, _unique_numbers(notes), language, length)
            checked = verify_text(raw, context, self.scorer)
        summary = Summary(
            article_id=article.article_id, source=article.source, title=article.title, language=language,
            summary=checked.text(), sentences=[s.as_dict() for s in checked.sentences()],
            citations=[c.as_dict() for c in checked.citations()], dropped=checked.dropped, model=self.model_name,
            prompt=self.prompt.key, seconds=round(time.perf_counter() - started, 3),
        )
        atomic_write_text(path, json.dumps(summary.as_dict(), ensure_ascii=False))
        if self.on_generated is not None:
            self.on_generated(summary, article, length)
        return summary

    def _numbered(self, article: Any) -> list[ContextSentence]:
        stored = self.catalog.sentences.get(article.article_id)
        if stored is None:
            return []
        spans = [span for span in stored[0] if not looks_like_injection(article.text[span.start:span.end])]  # rag/injection.py
        return [ContextSentence(i, article.article_id, article.source, article.title, article.outlet, article.date, span,
                                article.text[span.start:span.end], 1.0, 1.0) for i, span in enumerate(spans, start=1)]

    def _cost(self, sentences: list[ContextSentence]) -> int:
        return sum(self.tokens.count(s.text) + 3 for s in sentences)

    def _sections(self, context: list[ContextSentence]) -> list[list[ContextSentence]]:
        sections: list[list[ContextSentence]] = [[]]
        used = 0
        for sentence in context:
            cost = self.tokens.count(sentence.text) + 3
            if sections[-1] and used + cost > self.map_budget:
                sections.append([])
                used = 0
            sections[-1].append(sentence)
            used += cost
        return sections

    def _ask(self, title: str, date: str | None, sentences: list[ContextSentence], language: str, length: str) -> str:
        messages = [
            Message("system", self.prompt.render("system")),
            Message("user", self.prompt.render("user", title=title, date=date, sentences=sentences,
                                               length=self.prompt.data["lengths"][length],
                                               language_name=self.prompt.data["language_names"][language])),
        ]
        return self.llm.generate(messages, max_tokens=self.max_tokens)


def _unique_numbers(notes: list[ContextSentence]) -> list[ContextSentence]:
    seen: set[int] = set()
    unique = []
    for note in notes:
        if note.number not in seen:
            seen.add(note.number)
            unique.append(note)
    return unique
