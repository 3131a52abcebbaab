"""Ingest: files -> cleaned articles -> chunks -> vectors -> store + BM25, incrementally and safely.

Order of work for each article (so a run killed at any point leaves a consistent index):
1. chunks are upserted into the store under deterministic ids (`<article_id>-<index>`);
2. the cleaned article is written;
3. the manifest is replaced atomically: from this moment the article is in the corpus.
A run that dies before (3) leaves orphans that `Corpus.repair()` removes at the start of the next run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.chunking import chunk_article
from rag.corpus import Corpus, ManifestEntry, bm25_text
from rag.embed import embed_documents_grouped
from rag.ingest.cleaning import clean
from rag.ingest.dedupe import article_id, content_hash, near_duplicates
from rag.ingest.loaders import RawDoc, Rejected, iter_corpus
from rag.ingest.metadata import extract_metadata
from rag.quoting import control_token_in
from rag.types import Article, Chunk, Span

Progress = Callable[[int, int], None]  # (done, total) chunks embedded


@dataclass
class IngestReport:
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    near_duplicates: list[dict[str, Any]] = field(default_factory=list)
    chunks_added: int = 0
    chunks_removed: int = 0
    chunks_embedded: int = 0
    orphans_removed: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
    # with `newsrag ingest --summarize`: one row per new or changed article, {source, article_id, cached, seconds} or {source, error}
    summaries: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def summary_line(self) -> str:
        line = (
            f"articles: {self.articles_new} new, {self.articles_changed} changed, {self.articles_unchanged} unchanged, "
            f"{self.articles_removed} removed, {len(self.rejected)} rejected; chunks: {self.chunks_added} added, "
            f"{self.chunks_removed} removed ({self.chunks_embedded} embedded); {self.seconds:.1f} s"
        )
        if self.summaries:
            made = [row for row in self.summaries if "error" not in row]
            line += f"; summaries: {len(made)} ready ({sum(not row['cached'] for row in made)} generated), {len(self.summaries) - len(made)} failed"
        return line


def build_article(raw: RawDoc) -> Article:
    cleaned = clean(raw.text, raw.title or Path(raw.source).stem)
    title = raw.title or cleaned.title
    meta = extract_metadata(cleaned.text, title, raw.text, raw)
    return Article(
        article_id=article_id(cleaned.text),
        source=raw.source,
        title=title,
        text=cleaned.text,
        outlet=meta.outlet,
        date=meta.date,
        language=meta.language,
        url=raw.url,
        people=tuple(meta.people),
        places=tuple(meta.places),
        content_hash=content_hash(cleaned.text),
        source_path=raw.source_path,
    )


def _source_key(raw: RawDoc) -> str:
    # A JSON record is identified by its file and record number.
    return raw.source_path + (raw.source[raw.source.index("#"):] if "#" in raw.source else "")


def ingest(
    corpus: Corpus,
    paths: list[Path],
    prune: bool = False,
    near_duplicate_policy: str = "keep",
    near_duplicate_threshold: float = 0.8,
    progress: Progress | None = None,
    max_bytes: int = 20_000_000,
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    report.orphans_removed = corpus.repair()
    docs, rejected = iter_corpus(paths, max_bytes=max_bytes)
    report.rejected = [{"path": r.path, "reason": r.reason} for r in rejected]

    manifest = corpus.manifest
    by_path = manifest.by_path()
    seen_keys: set[str] = set()
    planned: dict[str, tuple[Article, str]] = {}  # article_id -> (article, source key)
    replaced: dict[str, set[str]] = {}  # source key -> old article ids it pointed to
    also_at: dict[str, list[str]] = {}  # article_id -> other source keys of the same content in this batch

    for raw in docs:
        key = _source_key(raw)
        seen_keys.add(key)
        try:
            article = build_article(raw)
        except Exception as error:  # noqa: BLE001 - one bad article never stops the batch
            report.rejected.append({"path": raw.source_path, "reason": f"could not process ({type(error).__name__}: {error})"})
            continue
        if not article.text.strip():
            report.rejected.append({"path": raw.source_path, "reason": "nothing left after cleaning (only page furniture)"})
            continue
        token = control_token_in(article.text) or control_token_in(article.title)
        if token:  # a fake chat turn (system prompt, assistant reply) planted in the page, not news
            report.rejected.append({"path": raw.source_path, "reason": f"contains the chat-template control token {token}: a "
                                    "prompt-injection attempt, not an article; remove the token or leave the file out"})
            continue
        old_ids = set(by_path.get(key, [])) - {article.article_id}
        if article.article_id in manifest.articles:
            entry = manifest.articles[article.article_id]
            if key not in entry.source_paths:
                entry.source_paths.append(key)
                report.duplicates.append({"path": raw.source_path, "duplicate_of": entry.source})
            else:
                report.articles_unchanged += 1
            if old_ids:
                replaced[key] = old_ids
            continue
        if article.article_id in planned:
            report.duplicates.append({"path": raw.source_path, "duplicate_of": planned[article.article_id][0].source})
            if key != planned[article.article_id][1] and key not in also_at.setdefault(article.article_id, []):
                also_at[article.article_id].append(key)  # so pruning the first copy keeps the article
            if old_ids:
                replaced[key] = old_ids
            continue
        planned[article.article_id] = (article, key)
        if old_ids:
            replaced[key] = old_ids

    if planned:
        texts = {aid: a.text for aid, (a, _) in planned.items()}
        for aid in manifest.articles:
            stored = corpus.article(aid)
            if stored is not None:
                texts[aid] = stored.text
        pairs = [p for p in near_duplicates(texts, near_duplicate_threshold) if p[0] in planned or p[1] in planned]
        for a, b, similarity in pairs:
            new_id, other = (a, b) if a in planned else (b, a)
            other_source = planned[other][0].source if other in planned else manifest.articles[other].source
            report.near_duplicates.append({"article": planned[new_id][0].source, "similar_to": other_source, "similarity": round(similarity, 3)})
            if near_duplicate_policy == "skip" and new_id in planned and other in manifest.articles:
                del planned[new_id]

    chunks_by_article = {aid: chunk_article(article, corpus.tokens.count, corpus.chunking) for aid, (article, _) in planned.items()}
    _check_embedder_limit(corpus, chunks_by_article)
    total = sum(len(c) for c in chunks_by_article.values())
    done = 0
    vectors_by_article: dict[str, np.ndarray] = {}
    sentence_vectors: dict[str, tuple[list[Span], np.ndarray]] = {}
    order = list(planned)
    for position, aid in enumerate(order):
        article, key = planned[aid]
        if aid not in vectors_by_article:
            # Embed a group of articles at once (chunks in one call, sentences in another): the model batches
            # texts of similar length, so this pads far less than one call per article. Each article is still
            # committed on its own below, so a killed run loses at most one group's embedding work.
            group = _next_group(order, position, chunks_by_article, EMBED_GROUP_CHUNKS)
            embed_started = time.perf_counter()
            vectors_by_article.update(_embed_group(corpus, group, chunks_by_article))
            sentence_vectors.update(corpus.sentences.embed([planned[g][0] for g in group], corpus.embedder))
            report.embed_seconds += time.perf_counter() - embed_started
        chunks = chunks_by_article[aid]
        vectors = vectors_by_article.pop(aid)
        if aid in sentence_vectors:
            corpus.sentences.save(aid, *sentence_vectors.pop(aid))
        corpus.store.upsert(chunks, vectors)
        corpus.write_article(article)
        manifest.articles[aid] = ManifestEntry(
            article_id=aid, source=article.source, source_paths=[key, *also_at.get(aid, [])], content_hash=article.content_hash,
            chunk_ids=[c.chunk_id for c in chunks], title=article.title, outlet=article.outlet, date=article.date,
            language=article.language,
        )
        corpus.save_manifest()
        corpus.bm25.add([c.chunk_id for c in chunks], [bm25_text(c.header, c.text) for c in chunks])
        report.chunks_added += len(chunks)
        report.chunks_embedded += len(chunks)
        done += len(chunks)
        if progress:
            progress(done, total)
        if replaced.get(key):
            report.articles_changed += 1
        else:
            report.articles_new += 1

    # Old versions of changed files, and (with --prune) articles whose files are gone.
    stale: set[str] = set()
    for key, old_ids in replaced.items():
        for old in old_ids:
            entry = manifest.articles.get(old)
            if entry is None:
                continue
            entry.source_paths = [p for p in entry.source_paths if p != key]
            if not entry.source_paths:
                stale.add(old)
    if prune:
        roots = [str(p.resolve()) for p in paths]
        for entry in manifest.articles.values():
            under_roots = [p for p in entry.source_paths if any(p == r or p.startswith(r.rstrip("/") + "/") for r in roots)]
            gone = [p for p in under_roots if p not in seen_keys]
            if gone:
                entry.source_paths = [p for p in entry.source_paths if p not in gone]
                if not entry.source_paths:
                    stale.add(entry.article_id)
    for old in stale:
        report.chunks_removed += corpus.remove_article(old)
        if not any(old in ids for ids in replaced.values()):
            report.articles_removed += 1
    corpus.save_manifest()
    corpus.save_bm25()
    report.seconds = round(time.perf_counter() - started, 3)
    report.embed_seconds = round(report.embed_seconds, 3)
    return report


EMBED_GROUP_CHUNKS = 64  # chunks embedded per call (with their articles' sentences in the next call)


def _next_group(order: list[str], start: int, chunks_by_article: dict[str, list[Chunk]], limit: int) -> list[str]:
    """The articles from `start` on whose chunks add up to at most `limit` (always at least one article)."""
    group, size = [], 0
    for aid in order[start:]:
        if group and size + len(chunks_by_article[aid]) > limit:
            break
        group.append(aid)
        size += len(chunks_by_article[aid])
    return group


def _embed_group(corpus: Corpus, group: list[str], chunks_by_article: dict[str, list[Chunk]]) -> dict[str, np.ndarray]:
    """Chunk vectors of several articles from one embedding call, split back per article."""
    groups = [([c.text for c in chunks_by_article[aid]], [c.header for c in chunks_by_article[aid]]) for aid in group]
    return dict(zip(group, embed_documents_grouped(corpus.embedder, groups), strict=True))


def _check_embedder_limit(corpus: Corpus, chunks_by_article: dict[str, list[Chunk]]) -> None:
    """Refuse a configuration that would make the embedder truncate a chunk (header included)."""
    from rag.errors import ConfigError

    limit = corpus.embedder.max_tokens
    for chunks in chunks_by_article.values():
        for chunk in chunks:
            measured = corpus.embedder.count_tokens(corpus.embedder.document_text(chunk.text, chunk.header))
            if measured > limit:
                raise ConfigError(
                    f"chunk {chunk.chunk_id} has {measured} embedder tokens, more than {corpus.embedder.id}'s maximum {limit}: "
                    "lower chunk_tokens in settings and re-run with --rebuild"
                )


__all__ = ["IngestReport", "ingest", "build_article", "Rejected"]
