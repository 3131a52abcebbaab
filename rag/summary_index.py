"""Summaries made searchable, so that "what is this article about?" can be answered from them.

Each summary is one record of a separate collection of the same store (`SUMMARY_COLLECTION`), opened
with the same signature check as the chunks (another embedder is refused the same way). Records never
enter the chunk collection, so the manifest/chunk consistency and the orphan repair of rag/corpus.py are
untouched; `repair` removes the records of articles the manifest no longer names. A record holds the
summary's plain text (no markers) and the article's metadata; its id names the cached summary
(`<article_id>~<language>~<length>`), whose citations point to article sentences.

`is_about_question` recognises questions that ask what an article is about (French and English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rag.embed import Embedder
from rag.store import VectorStore
from rag.types import Article, Chunk, Span

_MARKERS = re.compile(r"\s*\[\d+\]")
_ABOUT = re.compile(
    r"(de quoi (?:parle|traite)|à propos de quoi|quel est (?:le )?sujet|sujet de l'article|que (?:dit|raconte) (?:l'|cet |l’)article|"
    r"r[ée]sum[ée]|en bref|what(?:'s| is) (?:the |this |that )?(?:article|story|piece)\b.*\babout|what (?:is|are) .* about\??$|"
    r"summar(?:y|ise|ize)|gist|main points)",
    re.IGNORECASE,
)


def is_about_question(question: str) -> bool:
    """Does the question ask what an article is about (rather than for a fact)?"""
    return bool(_ABOUT.search(" ".join(question.split())))


@dataclass(frozen=True)
class SummaryHit:
    article_id: str
    language: str
    length: str
    similarity: float


class SummaryIndex:
    def __init__(self, store: VectorStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    @staticmethod
    def record_id(article_id: str, language: str, length: str) -> str:
        return f"{article_id}~{language}~{length}"

    def add(self, article: Article, summary_text: str, language: str, length: str) -> None:
        """Index (or re-index) one summary of `article`; an empty summary is removed instead."""
        record = self.record_id(article.article_id, language, length)
        text = _MARKERS.sub("", summary_text).strip()
        if not text:
            self.store.delete([record])
            return
        chunk = Chunk(chunk_id=record, article_id=article.article_id, index=0, text=text, span=Span(0, 0), sentences=(),
                      header=article.title, source=article.source, title=article.title, outlet=article.outlet, date=article.date)
        self.store.upsert([chunk], self.embedder.embed_documents([text], [article.title]))

    def search(self, query_vector: np.ndarray, k: int = 3, articles: set[str] | None = None) -> list[SummaryHit]:
        """The closest summaries, best first; only of `articles` when given."""
        hits = []
        for stored in self.store.query(query_vector, k=max(k * 4, 10)):
            article_id, _, rest = stored.chunk.chunk_id.partition("~")
            language, _, length = rest.partition("~")
            if articles is not None and article_id not in articles:
                continue
            hits.append(SummaryHit(article_id, language, length, stored.similarity))
        return hits[:k]

    def repair(self, articles: set[str]) -> int:
        """Remove the records of articles that are no longer indexed; returns how many."""
        stale = [rid for rid in self.store.ids() if rid.partition("~")[0] not in articles]
        self.store.delete(stale)
        return len(stale)
