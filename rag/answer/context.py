"""Sentence-window context: from the retrieved chunks, pick the few sentences that matter.

Algorithm: every sentence inside the top-k chunks is a candidate. Its relevance is the cosine similarity
between the query vector and the sentence's own vector (computed at ingest), plus a small bonus for
query words it shares (after French folding and stemming) and for its chunk's fused rank. The best
candidates are kept, best first, until `max_sentences` or the token budget is reached. Sentences that
address the model (prompt injection, see rag/injection.py) are never candidates. The kept sentences are then numbered in reading order (article by article), so each number in the
prompt is one citable span.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rag.corpus import Corpus
from rag.injection import looks_like_injection
from rag.retrieval.analysis import tokenize
from rag.types import Article, Hit, Span


@dataclass(frozen=True)
class ContextSentence:
    number: int
    article_id: str
    source: str
    title: str
    outlet: str | None
    date: str | None
    span: Span
    text: str
    score: float
    similarity: float
    reply: str | None = None  # "yes"/"no": the span is a question with the bare reply the text gives it


@dataclass(frozen=True)
class ContextGroup:
    title: str
    date: str | None
    sentences: list[ContextSentence]


def select_sentences(
    hits: list[Hit],
    corpus: Corpus,
    query_vector: np.ndarray,
    query: str,
    count_tokens: Callable[[str], int],
    budget: int = 400,
    max_sentences: int = 8,
) -> list[ContextSentence]:
    query_terms = set(tokenize(query))
    candidates: dict[tuple[str, int, int], tuple[float, float, Hit]] = {}
    for hit in hits:
        stored = corpus.sentences.get(hit.chunk.article_id)
        if stored is None:
            continue
        spans, vectors = stored
        rank_bonus = 0.05 / hit.rank if hit.rank else 0.0
        for position, span in enumerate(spans):
            if span.start < hit.chunk.span.start or span.end > hit.chunk.span.end:
                continue
            key = (hit.chunk.article_id, span.start, span.end)
            if looks_like_injection(_text(hit, span)):
                continue  # a sentence addressing the model never reaches the prompt (rag/injection.py)
            similarity = float(np.dot(vectors[position], query_vector))
            terms = set(tokenize(_text(hit, span)))
            overlap = len(query_terms & terms) / len(query_terms) if query_terms else 0.0
            score = similarity + 0.15 * overlap + rank_bonus
            if key not in candidates or candidates[key][0] < score:
                candidates[key] = (score, similarity, hit)

    ordered = sorted(candidates.items(), key=lambda item: -item[1][0])
    chosen: dict[tuple[str, int, int], tuple[float, float, Hit]] = {}
    used = 0
    for key, value in ordered:
        if len(chosen) >= max_sentences:
            break
        text = _text(value[2], Span(key[1], key[2]))
        cost = count_tokens(text) + 3
        if used + cost > budget and chosen:
            continue
        chosen[key] = value
        used += cost
    _add_dating_sentences(chosen, corpus)
    replies = _add_replies(chosen, corpus)
    # reading order, article by article (articles ordered by their best sentence)
    best_by_article: dict[str, float] = {}
    for (article_id, _, _), (score, _, _) in chosen.items():
        best_by_article[article_id] = max(score, best_by_article.get(article_id, -1.0))
    keys = sorted(chosen, key=lambda key: (-best_by_article[key[0]], key[0], key[1]))
    result = []
    for number, key in enumerate(keys, start=1):
        score, similarity, hit = chosen[key]
        span = Span(key[1], key[2])
        chunk = hit.chunk
        result.append(ContextSentence(number, chunk.article_id, chunk.source, chunk.title, chunk.outlet, chunk.date, span,
                                      _text(hit, span), score, similarity, replies.get(key)))
    return result


def _add_dating_sentences(chosen: dict[tuple[str, int, int], tuple[float, float, Hit]], corpus: Corpus) -> None:
    """The prompt labels each article with its date. When a chosen sentence dates its event by a weekday
    ("ont signé, vendredi, un accord"), the label's date is what tells the reader which day: add the
    sentence that states that date (when the text has one, with or without its year: a caption's "le 19
    décembre à Minsk" in an article of 2022-12-19), so a claim taking its date from the label can cite, and
    be checked against, the text. Not otherwise: in the seeds that sentence is a 100-token photo
    caption, and at ~80 prompt tokens/s adding it to every article cost 0.9 s of time to first token
    (seed-qa-dev median prompt 434 -> 364 tokens without it; same 9/12 correct, 2026-12-04)."""
    from rag.answer.normalise import extract_facts

    for article_id in {key[0] for key in chosen}:
        mine = [key for key in chosen if key[0] == article_id]
        if not any(d.startswith("weekday:") for key in mine
                   for d in extract_facts(_text(chosen[key][2], Span(key[1], key[2]))).dates):
            continue
        hit = chosen[mine[0]][2]
        article = corpus.article(article_id)
        stored = corpus.sentences.get(article_id)
        if article is None or stored is None or not article.date or len(article.date) < 10:
            continue
        for span in stored[0]:
            sentence = article.text[span.start:span.end]
            if {article.date, f"--{article.date[5:10]}"} & extract_facts(sentence).dates and not looks_like_injection(sentence):
                key = (article_id, span.start, span.end)
                if key not in chosen:
                    chosen[key] = (-1.0, 0.0, _hit_for(hit, article, span))
                break


def _add_replies(chosen: dict[tuple[str, int, int], tuple[float, float, Hit]], corpus: Corpus) -> dict[tuple[str, int, int], str]:
    """A chosen sentence that asks a question the next sentence answers with a bare "Non!"/"Yes." becomes
    one span with that answer: the question alone says nothing, or reads as the opposite of what the text
    says, and a citation of it must carry the reply. Returns the merged spans' keys with their reply ("yes" or
    "no"), which the prompt states in words: the small model read "... sans la Russie? Non!" as a yes."""
    replies: dict[tuple[str, int, int], str] = {}
    from rag.answer.normalise import bare_reply

    articles: dict[str, Article | None] = {}  # corpus.article reads the stored JSON: once per article
    for key, (score, similarity, hit) in list(chosen.items()):
        if key[0] not in articles:
            articles[key[0]] = corpus.article(key[0])
        article = articles[key[0]]
        stored = corpus.sentences.get(key[0])
        if article is None or stored is None:
            continue
        spans = stored[0]
        position = next((i for i, span in enumerate(spans) if (span.start, span.end) == key[1:]), None)
        if position is None or position + 1 >= len(spans):
            continue
        following = spans[position + 1]
        text = article.text[following.start:following.end]
        reply = bare_reply(article.text[key[1]:key[2]], text)
        if reply and not looks_like_injection(text):
            merged = Span(key[1], following.end)
            del chosen[key]
            chosen.pop((key[0], following.start, following.end), None)
            chosen[(key[0], merged.start, merged.end)] = (score, similarity, _hit_for(hit, article, merged))
            replies[(key[0], merged.start, merged.end)] = reply
    return replies


def _hit_for(hit: Hit, article: object, span: Span) -> Hit:
    """A hit whose chunk is exactly one sentence (for sentences taken from outside the retrieved chunks)."""
    from dataclasses import replace as _replace

    text = article.text[span.start:span.end]  # type: ignore[attr-defined]
    chunk = _replace(hit.chunk, chunk_id=f"{hit.chunk.article_id}@{span.start}", text=text, span=span, sentences=(span,))
    return Hit(chunk, hit.score, hit.rank, hit.dense, hit.bm25, hit.dense_rank, hit.bm25_rank)


def group_by_article(sentences: list[ContextSentence]) -> list[ContextGroup]:
    groups: list[ContextGroup] = []
    for sentence in sentences:
        if groups and groups[-1].sentences[0].article_id == sentence.article_id:
            groups[-1].sentences.append(sentence)
        else:
            groups.append(ContextGroup(short_title(sentence.title), sentence.date, [sentence]))
    return groups


def short_title(title: str, limit: int = 60) -> str:
    """A title cut at a word boundary: the prompt needs a label, not the whole headline."""
    title = " ".join(title.split()).rstrip("…")
    if len(title) <= limit:
        return title
    cut = title.rfind(" ", 0, limit)
    return title[: cut if cut > 20 else limit].rstrip(" ,;:") + "…"


def _text(hit: Hit, span: Span) -> str:
    chunk = hit.chunk
    return chunk.text[span.start - chunk.span.start: span.end - chunk.span.start]
