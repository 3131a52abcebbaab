"""Per-article sentence vectors, computed once at ingest and kept beside the index.

They let the answer step send the model only the few sentences that matter (a sentence window rather
than whole chunks: the model reads prompts at ~80 tokens/s here), and make every citation point at one
sentence. Stored as `state/sentences/<article_id>.npz` with the sentence spans and float16 vectors.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.embed import Embedder
from rag.fsutil import atomic_write
from rag.sentences import paragraph_sentence_spans
from rag.types import Article, Span


class SentenceVectors:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cache: dict[str, tuple[list[Span], np.ndarray]] = {}

    def _path(self, article_id: str) -> Path:
        return self.folder / f"{article_id}.npz"

    def compute(self, article: Article, embedder: Embedder) -> None:
        """Embed and store one article's sentence vectors."""
        for article_id, (spans, vectors) in self.embed([article], embedder).items():
            self.save(article_id, spans, vectors)

    def embed(self, articles: list[Article], embedder: Embedder) -> dict[str, tuple[list[Span], np.ndarray]]:
        """The sentence spans and vectors of several articles, in one embedding call (the model batches
        sentences of similar length together, so one call pads far less than one call per article)."""
        spans_by_article = {a.article_id: [s for line in paragraph_sentence_spans(a.text) for s in line] for a in articles}
        texts = [a.text[s.start:s.end] for a in articles for s in spans_by_article[a.article_id]]
        titles = [a.title for a in articles for _ in spans_by_article[a.article_id]]
        vectors = embedder.embed_documents(texts, titles) if texts else np.zeros((0, embedder.dim), np.float32)
        result, offset = {}, 0
        for article in articles:
            spans = spans_by_article[article.article_id]
            result[article.article_id] = (spans, vectors[offset:offset + len(spans)].reshape(len(spans), embedder.dim))
            offset += len(spans)
        return result

    def save(self, article_id: str, spans: list[Span], vectors: np.ndarray) -> None:
        spans_array = np.array([[s.start, s.end] for s in spans], dtype=np.int64).reshape(-1, 2)
        atomic_write(self._path(article_id), lambda out: np.savez(out, spans=spans_array, vectors=vectors.astype(np.float16)))
        self._cache[article_id] = (spans, vectors.astype(np.float32))

    def ids(self) -> list[str]:
        """The article ids that have stored sentence vectors."""
        return sorted(path.stem for path in self.folder.glob("*.npz"))

    def has(self, article_id: str) -> bool:
        return article_id in self._cache or self._path(article_id).exists()

    def get(self, article_id: str) -> tuple[list[Span], np.ndarray] | None:
        if article_id not in self._cache:
            path = self._path(article_id)
            if not path.exists():
                return None
            with np.load(path) as data:
                spans = [Span(int(a), int(b)) for a, b in data["spans"]]
                self._cache[article_id] = (spans, data["vectors"].astype(np.float32))
        return self._cache[article_id]

    def remove(self, article_id: str) -> None:
        self._cache.pop(article_id, None)
        self._path(article_id).unlink(missing_ok=True)

