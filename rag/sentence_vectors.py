"""Per-article sentence vectors, computed once at ingest and kept beside the index.

They let the answer step send the model only the few sentences that matter (a sentence window rather
than whole chunks: the model reads prompts at ~80 tokens/s here), and make every citation point at one
sentence. Stored as `state/sentences/<article_id>.npz` with the sentence spans and float16 vectors.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.embed import Embedder, embed_documents_grouped
from rag.fsutil import atomic_write
from rag.sentences import paragraph_sentence_spans
from rag.types import Article, Span


class SentenceVectors:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cache: dict[str, tuple[list[Span], np.ndarray]] = {}

    def _path(self, article_id: str) -> Path:
        return self.folder / f"{article_id}.npz"

    def embed(self, articles: list[Article], embedder: Embedder) -> dict[str, tuple[list[Span], np.ndarray]]:
        """The sentence spans and vectors of several articles, from one embedding call."""
        spans = [[s for line in paragraph_sentence_spans(a.text) for s in line] for a in articles]
        groups = [([a.text[s.start:s.end] for s in article_spans], [a.title] * len(article_spans))
                  for a, article_spans in zip(articles, spans, strict=True)]
        vectors = embed_documents_grouped(embedder, groups)
        return {a.article_id: (article_spans, v) for a, article_spans, v in zip(articles, spans, vectors, strict=True)}

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

