"""The values that flow through newsrag. Offsets are facts: every span indexes the cleaned article text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in an article's cleaned text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True)
class Article:
    """A cleaned article. `text` is what the UI shows and what every span points into."""

    article_id: str  # hash of the normalised content
    source: str  # file name (or name#record for JSON records)
    title: str
    text: str
    outlet: str | None = None
    date: str | None = None  # ISO date (YYYY-MM-DD) when the text gives one; never invented
    language: str = "fr"
    url: str | None = None
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    content_hash: str = ""
    source_path: str = ""

    def metadata(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet or "",
            "date": self.date or "",
            "language": self.language,
            "url": self.url or "",
            "content_hash": self.content_hash,
        }


@dataclass(frozen=True)
class Chunk:
    """A passage of one article, with its span and the spans of its sentences in the cleaned text."""

    chunk_id: str
    article_id: str
    index: int
    text: str  # == article.text[span.start:span.end]
    span: Span
    sentences: tuple[Span, ...]
    header: str  # title · outlet · date, prepended for embedding
    source: str = ""
    title: str = ""
    outlet: str | None = None
    date: str | None = None
    tokens: int = 0

    def metadata(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "index": self.index,
            "start": self.span.start,
            "end": self.span.end,
            "sentences": ";".join(f"{s.start}-{s.end}" for s in self.sentences),
            "header": self.header,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet or "",
            "date": self.date or "",
            "tokens": self.tokens,
        }

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        sentences = tuple(
            Span(int(a), int(b)) for a, b in (part.split("-") for part in str(meta.get("sentences", "")).split(";") if part)
        )
        return cls(
            chunk_id=chunk_id,
            article_id=str(meta["article_id"]),
            index=int(meta["index"]),
            text=text,
            span=Span(int(meta["start"]), int(meta["end"])),
            sentences=sentences,
            header=str(meta.get("header", "")),
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            outlet=meta.get("outlet") or None,
            date=meta.get("date") or None,
            tokens=int(meta.get("tokens", 0)),
        )


@dataclass
class Hit:
    """A retrieved chunk with every score that led to it."""

    chunk: Chunk
    score: float  # the fused score used for ordering
    rank: int = 0  # 1-based fused rank
    dense: float | None = None  # cosine similarity, when dense retrieval saw it
    bm25: float | None = None  # raw BM25 score, when BM25 saw it
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass(frozen=True)
class Citation:
    """A marker in an answer resolved to an exact span of an article's cleaned text."""

    marker: int
    article_id: str
    source: str
    title: str
    outlet: str | None
    date: str | None
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "article_id": self.article_id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass
class AnswerSentence:
    text: str
    citations: list[int] = field(default_factory=list)
    supported: bool = False
    score: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": self.citations, "supported": self.supported}


@dataclass
class Answer:
    question: str
    answer: str
    refused: bool
    language: str
    citations: list[Citation] = field(default_factory=list)
    sentences: list[AnswerSentence] = field(default_factory=list)
    trace: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "language": self.language,
            "citations": [c.as_dict() for c in self.citations],
            "sentences": [s.as_dict() for s in self.sentences],
            "trace": self.trace,
        }
