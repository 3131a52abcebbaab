"""Sentence-aware, paragraph-first, token-budgeted chunking.

Algorithm: split the cleaned article into paragraphs (lines) and sentences (rag.sentences). Pack whole
sentences greedily into a chunk while its token count (tiktoken cl100k_base) stays within the budget;
close the chunk early at a paragraph boundary when the next paragraph would not fit whole and the chunk
is at least half full. The next chunk starts with the last `overlap` sentences of the previous one (if
they leave room for new text). A single sentence longer than the budget is cut at word boundaries.
Every chunk is an exact slice of the article text, with the spans of its sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rag.errors import ConfigError
from rag.sentences import paragraph_sentence_spans
from rag.types import Article, Chunk, Span


@dataclass(frozen=True)
class ChunkSettings:
    max_tokens: int = 220
    overlap_sentences: int = 1

    def __post_init__(self) -> None:
        if self.max_tokens < 32:
            raise ConfigError(f"chunk_tokens={self.max_tokens} is too small: use at least 32")
        if self.overlap_sentences < 0:
            raise ConfigError("chunk_overlap_sentences must be >= 0")

    def describe(self) -> str:
        return f"sentences/{self.max_tokens}tok/overlap{self.overlap_sentences}"


def header_for(article: Article) -> str:
    parts = [article.title]
    if article.outlet:
        parts.append(article.outlet)
    if article.date:
        parts.append(article.date)
    return " · ".join(p for p in parts if p)


# A cut piece is first sought in a window of this many characters per budget token (cl100k averages about
# 4 characters a token in French): counting the whole rest of a 2 MB one-line "sentence" for every piece
# made the cut quadratic. A window of unusually long tokens only gives a shorter piece, never a longer one.
_CUT_WINDOW_CHARS_PER_TOKEN = 16


def _cut_long_sentence(text: str, span: Span, count: Callable[[str], int], budget: int) -> list[Span]:
    pieces: list[Span] = []
    start = span.start
    while start < span.end:
        end = min(span.end, start + budget * _CUT_WINDOW_CHARS_PER_TOKEN)
        if end < span.end:
            space = text.rfind(" ", start + 1, end)
            if space > start:
                end = space
        while count(text[start:end]) > budget:
            # shrink by a quarter at a time, then snap back to a word boundary
            end = start + max(1, (end - start) * 3 // 4)
            space = text.rfind(" ", start + 1, end)
            if space > start:
                end = space
        pieces.append(Span(start, end))
        start = end
        while start < span.end and text[start].isspace():
            start += 1
    return pieces


def chunk_article(article: Article, count: Callable[[str], int], settings: ChunkSettings) -> list[Chunk]:
    text = article.text
    budget = settings.max_tokens
    paragraphs = [
        [piece for span in para for piece in (_cut_long_sentence(text, span, count, budget) if count(text[span.start:span.end]) > budget else [span])]
        for para in paragraph_sentence_spans(text)
    ]
    groups: list[list[Span]] = []
    current: list[Span] = []
    fresh = 0  # sentences in `current` that are not overlap

    def tokens_of(spans: list[Span]) -> int:
        return count(text[spans[0].start:spans[-1].end]) if spans else 0

    def close() -> None:
        nonlocal current, fresh
        if fresh:
            groups.append(current)
        keep = current[-settings.overlap_sentences:] if settings.overlap_sentences else []
        current = keep if keep and tokens_of(keep) <= budget // 2 else []
        fresh = 0

    for para in paragraphs:
        if fresh and tokens_of(current + para) > budget and tokens_of(current) >= budget // 2:
            close()
        for sentence in para:
            if fresh and tokens_of(current + [sentence]) > budget:
                close()
            if current and tokens_of(current + [sentence]) > budget:
                current = []  # the overlap does not leave room for this sentence
            current.append(sentence)
            fresh += 1
    if fresh:
        groups.append(current)

    header = header_for(article)
    chunks = []
    for index, spans in enumerate(groups):
        span = Span(spans[0].start, spans[-1].end)
        body = text[span.start:span.end]
        chunks.append(
            Chunk(
                chunk_id=f"{article.article_id}-{index:04d}",
                article_id=article.article_id,
                index=index,
                text=body,
                span=span,
                sentences=tuple(spans),
                header=header,
                source=article.source,
                title=article.title,
                outlet=article.outlet,
                date=article.date,
                tokens=count(body),
            )
        )
    return chunks
