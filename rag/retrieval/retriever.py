"""Hybrid retrieval: dense (EmbeddingGemma, cross-lingual) + French BM25, fused, diversified, filtered.

1. Filters (outlet, date range, article ids) become an allowed set of articles, applied inside both
   searches so they never return a filtered-out chunk.
2. Dense: the top `candidates` chunks by cosine similarity. BM25: the top `candidates` by Okapi BM25.
3. Fusion of the two rankings (weighted RRF or weighted min-max score fusion, see settings).
4. Every candidate gets its true cosine similarity (also those only BM25 found), which later calibrates
   refusal; then MMR reorders the fused list so near-copies of one story do not fill the top k.
5. Optional cross-encoder rerank of the fused pool (off by default), then optional recency preference multiplies the fused score by up to (1 + recency_boost) for newer dates.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date as Date

import numpy as np

from rag.corpus import Corpus
from rag.retrieval.fusion import rrf, score_fusion
from rag.retrieval.mmr import mmr
from rag.retrieval.rerank import CrossEncoderReranker
from rag.types import Hit


@dataclass(frozen=True)
class Filters:
    outlet: str | None = None
    date_from: str | None = None  # ISO, inclusive
    date_to: str | None = None  # ISO, inclusive
    article_ids: tuple[str, ...] = ()
    prefer_recent: bool = False

    def active(self) -> bool:
        return bool(self.outlet or self.date_from or self.date_to or self.article_ids)


@dataclass(frozen=True)
class RetrievalConfig:
    k: int = 5
    candidates: int = 30
    fusion: str = "rrf"  # rrf | score | dense | bm25
    dense_weight: float = 0.65
    bm25_weight: float = 0.35
    rrf_k: int = 60
    mmr_lambda: float = 0.8
    recency_boost: float = 0.3
    reranker: str | None = None  # local CrossEncoder folder; None = no second stage


@dataclass
class RetrievalResult:
    hits: list[Hit]
    timings: dict[str, float] = field(default_factory=dict)
    query_vector: np.ndarray | None = None


class HybridRetriever:
    def __init__(self, corpus: Corpus, config: RetrievalConfig, reranker: CrossEncoderReranker | None = None) -> None:
        self.corpus = corpus
        self.config = config
        self.reranker = reranker or (CrossEncoderReranker.from_path(config.reranker) if config.reranker else None)

    def _allowed_articles(self, filters: Filters) -> set[str] | None:
        if not filters.active():
            return None
        allowed = set()
        for entry in self.corpus.manifest.articles.values():
            if filters.article_ids and entry.article_id not in filters.article_ids:
                continue
            if filters.outlet and (entry.outlet or "").casefold() != filters.outlet.casefold():
                continue
            if (filters.date_from or filters.date_to) and not entry.date:
                continue
            if filters.date_from and entry.date < filters.date_from:
                continue
            if filters.date_to and entry.date[: len(filters.date_to)] > filters.date_to:
                continue
            allowed.add(entry.article_id)
        return allowed

    def retrieve(self, query: str, filters: Filters | None = None, k: int | None = None, fusion: str | None = None) -> RetrievalResult:
        filters = filters or Filters()
        config = self.config
        k = k or config.k
        method = fusion or config.fusion
        timings: dict[str, float] = {}
        allowed = self._allowed_articles(filters)
        if allowed is not None and not allowed:
            return RetrievalResult([], timings)
        depth = max(config.candidates, k)

        started = time.perf_counter()
        qvec = self.corpus.embedder.embed_queries([query])[0]
        timings["embed_query"] = time.perf_counter() - started

        dense_sims: dict[str, float] = {}
        dense_rank: list[str] = []
        if method != "bm25":
            started = time.perf_counter()
            where = {"article_id": {"$in": sorted(allowed)}} if allowed is not None else None
            for stored in self.corpus.store.query(qvec, depth, where):
                dense_sims[stored.chunk.chunk_id] = stored.similarity
                dense_rank.append(stored.chunk.chunk_id)
            timings["dense"] = time.perf_counter() - started

        bm25_scores: dict[str, float] = {}
        bm25_rank: list[str] = []
        if method != "dense":
            started = time.perf_counter()
            allowed_chunks = None
            if allowed is not None:
                allowed_chunks = {cid for aid in allowed for cid in self.corpus.manifest.articles[aid].chunk_ids}
            for cid, score in self.corpus.bm25.search(query, depth, allowed_chunks):
                bm25_scores[cid] = score
                bm25_rank.append(cid)
            timings["bm25"] = time.perf_counter() - started

        started = time.perf_counter()
        if method == "dense":
            fused = [(cid, dense_sims[cid]) for cid in dense_rank]
        elif method == "bm25":
            fused = [(cid, bm25_scores[cid]) for cid in bm25_rank]
        elif method == "score":
            fused = score_fusion({"dense": dense_sims, "bm25": bm25_scores}, {"dense": config.dense_weight, "bm25": config.bm25_weight})
        else:
            fused = rrf({"dense": dense_rank, "bm25": bm25_rank}, {"dense": config.dense_weight, "bm25": config.bm25_weight}, config.rrf_k)
        pool = fused[: max(k * 3, k)]
        ids = [cid for cid, _ in pool]
        chunks, vectors = self.corpus.store.get(ids, with_vectors=True)
        by_id = {c.chunk_id: c for c in chunks}
        vec_by_id = {c.chunk_id: v for c, v in zip(chunks, vectors if vectors is not None else [], strict=False)}
        scores = {cid: s for cid, s in pool if cid in by_id}
        if self.reranker is not None:
            scores = dict(self.reranker.rerank(query, [(cid, by_id[cid].text) for cid in scores]))
        if filters.prefer_recent:
            scores = self._recency(scores, by_id)
        order = sorted(scores, key=lambda cid: -scores[cid])
        if config.mmr_lambda < 1.0 and len(order) > 1:
            order = mmr(order, scores, vec_by_id, k, config.mmr_lambda)
        order = order[:k]
        timings["fuse"] = time.perf_counter() - started

        dense_pos = {cid: i + 1 for i, cid in enumerate(dense_rank)}
        bm25_pos = {cid: i + 1 for i, cid in enumerate(bm25_rank)}
        hits = []
        for rank, cid in enumerate(order, start=1):
            similarity = dense_sims.get(cid)
            if similarity is None and cid in vec_by_id:
                similarity = float(np.dot(vec_by_id[cid], qvec))
            hits.append(Hit(by_id[cid], float(scores[cid]), rank, similarity, bm25_scores.get(cid), dense_pos.get(cid), bm25_pos.get(cid)))
        return RetrievalResult(hits, timings, qvec)

    def _recency(self, scores: dict[str, float], chunks: dict) -> dict[str, float]:
        ordinals = {}
        for cid in scores:
            value = chunks[cid].date
            try:
                ordinals[cid] = Date.fromisoformat(value[:10]).toordinal() if value and len(value) >= 10 else None
            except ValueError:
                ordinals[cid] = None
        known = [o for o in ordinals.values() if o is not None]
        if not known or max(known) == min(known):
            return scores
        low, high = min(known), max(known)
        boosted = {}
        for cid, score in scores.items():
            ordinal = ordinals[cid]
            factor = 1.0 + self.config.recency_boost * ((ordinal - low) / (high - low) if ordinal is not None else 0.0)
            boosted[cid] = score * factor
        return boosted
