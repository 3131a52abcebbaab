"""Retrieval quality on a SQuAD-format file (PIAF): answer-recall@k and MRR@k per retrieval system.

Algorithm:
1. Read the file's articles (title + paragraphs joined by "\\n") and questions (with their gold answers).
2. Write the articles as JSONL records {title, text} into a fresh temporary data folder and run the
   normal ingest pipeline on them (cleaning, chunking with `settings.chunk_tokens`, embedding, Chroma,
   BM25), so the index is exactly what `newsrag ingest` builds. Per-sentence vectors, which only the
   answer step reads, are skipped.
3. Embed every question once (in batches) and reuse the vector for every system; the store is read-only
   from here on, so its answers are memoised too. Each system then runs the real
   `HybridRetriever.retrieve` with its own `RetrievalConfig`.
4. Score each question on the top-k chunk texts with `evals.metrics.retrieval` (whole-word matching):
   - answer-recall@k: 1 if a gold answer occurs as whole normalised tokens in a top-k chunk text, else 0;
   - MRR@k: 1 / rank of the first top-k chunk that contains a gold answer, 0 if none does.
   Normalisation (`evals.metrics.correctness.normalise_answer`): case, accents, punctuation, number formats.
   - source recall@k: 1 if a top-k chunk comes from the question's own article (by title), else 0.
   A question without any answer text cannot be scored and is left out (counted in `unscorable`).
   The mean over questions is reported with a percentile-bootstrap 95% interval (`*_ci`: [low, high],
   `evals.metrics.bootstrap_ci`, seed 0); with no scorable question every figure is NaN, not 0.

Systems: "bm25" (BM25 only) and "dense" (dense only) rank by their own score without MMR; "hybrid" is
the retrieval configuration the settings give (what `newsrag ask` uses). `ablation_configs` names the
structural variants measured in benchmarks/RETRIEVAL.md; pass others as `variants` (a variant named like
a system replaces it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from evals.metrics.bootstrap import bootstrap_ci
from evals.metrics.retrieval import first_answer_rank as metric_first_answer_rank
from rag.config import Settings
from rag.embed import Embedder
from rag.errors import BadInput
from rag.retrieval.retriever import HybridRetriever, RetrievalConfig
from rag.store import StoredHit, VectorStore
from rag.types import Article, Chunk

Progress = Callable[[str, int, int], None]  # (stage, done, total): stage is "ingest" (chunks) or a system name (questions)

BASE_SYSTEMS = ("bm25", "dense", "hybrid")


# -- data ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    qid: str
    text: str
    answers: tuple[str, ...]
    article: int  # index into the loaded articles


@dataclass(frozen=True)
class SquadSet:
    articles: list[tuple[str, str]]  # (title, text)
    questions: list[Question]


_TAG = re.compile(r"<[^>]+>")


def load_squad(path: Path, max_articles: int | None = None) -> SquadSet:
    """Articles (title without HTML tags, paragraphs joined by newlines) and scorable-answer questions of a
    SQuAD-format file, read and checked by `evals.datasets.load_squad`; the first `max_articles` when given."""
    from evals.datasets import load_squad as read_squad

    if not Path(path).exists():
        raise BadInput(f"no SQuAD file at {path}: pass --piaf evals/datasets/piaf-dev.json")
    squad = read_squad(path)
    kept = squad.articles[:max_articles] if max_articles else squad.articles
    articles = [(" ".join(_TAG.sub("", a.title).split()) or f"article {i}", "\n".join(p.strip() for p in a.paragraphs))
                for i, a in enumerate(kept)]
    questions = [Question(q.id, q.question, tuple(dict.fromkeys(a for a in q.answers if a.strip())), q.article)
                 for q in squad.questions if q.article < len(kept)]
    if not questions:
        raise BadInput(f"{path} holds no questions in its first {len(kept)} articles: pass a SQuAD-format file with qas")
    return SquadSet(articles, questions)


# -- scoring: evals.metrics.retrieval's whole-word answer matching ---------------------------------------
def first_answer_rank(answers: Sequence[str], texts: Sequence[str]) -> int | None:
    """1-based rank of the first text containing a gold answer as whole normalised tokens, None if none does."""
    return metric_first_answer_rank(list(texts), list(answers), k=max(len(texts), 1))


def summarise(ranks: Sequence[int | None], k: int, source_hits: Sequence[bool] | None = None) -> dict[str, Any]:
    """answer_recall = share of ranks <= k; mrr = mean of 1/rank (0 beyond k); source_recall = share of
    `source_hits` (when given); each with its bootstrap 95% interval as `<name>_ci`. NaN for no questions."""
    per_question = {
        "answer_recall": [float(r is not None and r <= k) for r in ranks],
        "mrr": [1.0 / r if r is not None and r <= k else 0.0 for r in ranks],
    }
    if source_hits is not None:
        per_question["source_recall"] = [float(hit) for hit in source_hits]
    out: dict[str, Any] = {}
    for name, values in per_question.items():
        point, low, high = bootstrap_ci(values)
        out[name] = point if math.isnan(point) else round(point, 4)
        out[f"{name}_ci"] = [low if math.isnan(low) else round(low, 4), high if math.isnan(high) else round(high, 4)]
    return out


# -- systems --------------------------------------------------------------------------------------------
def hybrid_config(settings: Settings, k: int) -> RetrievalConfig:
    """The configuration `newsrag ask` retrieves with (as rag.service.Service builds it; rrf_k once Settings has it)."""
    return RetrievalConfig(k=k, candidates=settings.candidates, fusion=settings.fusion, dense_weight=settings.dense_weight,
                           bm25_weight=settings.bm25_weight, rrf_k=getattr(settings, "rrf_k", RetrievalConfig.rrf_k),
                           mmr_lambda=settings.mmr_lambda)


def base_configs(settings: Settings, k: int) -> dict[str, RetrievalConfig]:
    hybrid = hybrid_config(settings, k)
    alone = {name: replace(hybrid, fusion=name, mmr_lambda=1.0) for name in ("bm25", "dense")}
    return {**alone, "hybrid": hybrid}


def ablation_configs(k: int) -> dict[str, RetrievalConfig]:
    """Structural variants: fusion method, weights, rrf_k, fusion depth (candidates) and MMR lambda."""
    variants: dict[str, RetrievalConfig] = {}
    for candidates in (10, 20, 30, 50):
        for mmr_lambda in (1.0, 0.8):
            for dense_weight in (0.5, 0.65, 0.8):
                bm25_weight = round(1.0 - dense_weight, 2)
                for rrf_k in (10, 60):
                    name = f"rrf k{rrf_k} d{dense_weight:g} c{candidates} mmr{mmr_lambda:g}"
                    variants[name] = RetrievalConfig(k=k, candidates=candidates, fusion="rrf", dense_weight=dense_weight,
                                                     bm25_weight=bm25_weight, rrf_k=rrf_k, mmr_lambda=mmr_lambda)
                name = f"score d{dense_weight:g} c{candidates} mmr{mmr_lambda:g}"
                variants[name] = RetrievalConfig(k=k, candidates=candidates, fusion="score", dense_weight=dense_weight,
                                                 bm25_weight=bm25_weight, mmr_lambda=mmr_lambda)
    for rrf_k, mmr_lambda in [(60, 0.9), (60, 0.7), (60, 0.5), (10, 0.95), (10, 0.9), (10, 0.7), (10, 0.5), (5, 1.0), (20, 1.0), (30, 1.0)]:
        name = f"rrf k{rrf_k} d0.65 c30 mmr{mmr_lambda:g}"
        variants[name] = RetrievalConfig(k=k, candidates=30, fusion="rrf", dense_weight=0.65, bm25_weight=0.35, rrf_k=rrf_k,
                                         mmr_lambda=mmr_lambda)
    return variants


def describe(config: RetrievalConfig) -> str:
    if config.fusion in ("bm25", "dense"):
        return f"{config.fusion} only, top {config.candidates}, mmr {config.mmr_lambda:g}"
    extra = f", rrf_k {config.rrf_k}" if config.fusion == "rrf" else " (min-max)"
    return (f"{config.fusion}{extra}, dense {config.dense_weight:g} / bm25 {config.bm25_weight:g}, "
            f"candidates {config.candidates}, mmr {config.mmr_lambda:g}")


# -- read-only memo wrappers ------------------------------------------------------------------------------
class _CachedEmbedder(Embedder):
    """Delegates to an embedder, embedding each distinct query (and document) once.

    With `cache_dir`, document and query vectors also persist across runs in `<cache_dir>/<embedder id>.npz`
    (keyed by a hash of the kind, title and text), so re-running with other fusion settings, or another
    chunk size, only embeds what is new. Vectors depend only on the model and the exact text, so the cache
    cannot go stale; delete the folder to drop it."""

    def __init__(self, inner: Embedder, cache_dir: Path | None = None, batch: int = 16) -> None:
        self.inner = inner
        self.id, self.dim, self.max_tokens = inner.id, inner.dim, inner.max_tokens
        self._batch = batch
        self._vectors: dict[str, np.ndarray] = {}
        self._path = Path(cache_dir) / (re.sub(r"[^\w.-]+", "_", inner.id) + ".npz") if cache_dir else None
        self._dirty = False
        if self._path and self._path.exists():
            with np.load(self._path) as data:
                self._vectors = dict(zip(data["keys"].tolist(), data["vectors"].astype(np.float32), strict=True))

    @staticmethod
    def _key(kind: str, text: str, title: str | None = None) -> str:
        return hashlib.sha256(f"{kind}\x00{title or ''}\x00{text}".encode()).hexdigest()

    def _fetch(self, keys: list[str], compute: Callable[[list[int]], np.ndarray]) -> np.ndarray:
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            first.setdefault(key, i)
        missing = [i for key, i in first.items() if key not in self._vectors]
        for offset in range(0, len(missing), self._batch):
            part = missing[offset:offset + self._batch]
            for i, vector in zip(part, compute(part), strict=True):
                self._vectors[keys[i]] = np.asarray(vector, np.float32)
            self._dirty = True
        return np.stack([self._vectors[key] for key in keys]) if keys else np.zeros((0, self.dim), np.float32)

    def warm(self, texts: Sequence[str]) -> None:
        self.embed_queries(list(dict.fromkeys(texts)))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._fetch([self._key("q", t) for t in texts], lambda rows: self.inner.embed_queries([texts[i] for i in rows]))

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray:
        titles = titles or [None] * len(texts)  # type: ignore[list-item]
        keys = [self._key("d", t, h) for t, h in zip(texts, titles, strict=True)]
        return self._fetch(keys, lambda rows: self.inner.embed_documents([texts[i] for i in rows], [titles[i] for i in rows]))

    def embed_similarity(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_similarity(texts)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def save(self) -> None:
        if not (self._path and self._dirty):
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{self._path.stem}.", suffix=".npz", dir=self._path.parent)
        os.close(handle)
        try:
            keys = sorted(self._vectors)
            vectors = np.stack([self._vectors[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)
            np.savez(tmp, keys=np.array(keys), vectors=vectors)
            os.replace(tmp, self._path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._dirty = False


class _FrozenStore(VectorStore):
    """A store that no longer changes, held in memory: `get` from a dict, `query` memoised per (vector, k, where)."""

    def __init__(self, inner: VectorStore) -> None:
        self.inner = inner
        self.signature = inner.signature
        ids = inner.ids()
        chunks, vectors = inner.get(ids, with_vectors=True)
        self._chunks = {c.chunk_id: c for c in chunks}
        self._vectors = dict(zip((c.chunk_id for c in chunks), vectors if vectors is not None else [], strict=True))
        self._queries: dict[tuple[bytes, int, str], list[StoredHit]] = {}

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[StoredHit]:
        key = (np.asarray(vector, np.float32).tobytes(), k, json.dumps(where, sort_keys=True))
        if key not in self._queries:
            self._queries[key] = self.inner.query(vector, k, where)
        return self._queries[key]

    def get(self, chunk_ids: list[str], with_vectors: bool = False) -> tuple[list[Chunk], np.ndarray | None]:
        found = [cid for cid in chunk_ids if cid in self._chunks]
        vectors = None
        if with_vectors:
            vectors = np.stack([self._vectors[cid] for cid in found]) if found else np.zeros((0, self.signature.dim), np.float32)
        return [self._chunks[cid] for cid in found], vectors

    def ids(self) -> list[str]:
        return sorted(self._chunks)

    def count(self) -> int:
        return len(self._chunks)

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        raise RuntimeError("the evaluation index is read-only once built")

    def delete(self, chunk_ids: list[str]) -> None:
        raise RuntimeError("the evaluation index is read-only once built")


class _NoSentenceVectors:
    """Stands in for the corpus's per-sentence vectors, which only the answer step reads."""

    def embed(self, articles: list[Article], embedder: Embedder) -> dict[str, tuple[list, np.ndarray]]:
        return {}

    def save(self, article_id: str, spans: list, vectors: np.ndarray) -> None:
        return None

    def remove(self, article_id: str) -> None:
        return None

    def ids(self) -> list[str]:
        return []

    def has(self, article_id: str) -> bool:
        return False


# -- the evaluation ---------------------------------------------------------------------------------------
def run_retrieval_eval(
    squad_path: Path,
    settings: Settings,
    k: int = 5,
    systems: list[str] | None = None,
    progress: Progress | None = None,
    variants: dict[str, RetrievalConfig] | None = None,
    max_articles: int | None = None,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    details: bool = False,
    baselines: bool = False,
    minilm: Embedder | None = None,
    baseline_gemma: bool = True,
) -> dict[str, Any]:
    """Build a fresh index of the file's articles and score each system; see the module docstring.

    `systems` picks from "bm25", "dense", "hybrid" and the names in `ablation_configs` (default: the
    three base systems); `variants` adds named configurations; `embedder` reuses a loaded embedder;
    `cache_dir` keeps document and question vectors between runs (see `_CachedEmbedder`); `details` adds
    "ranks": {system: {question id: rank of the first answer-bearing chunk, or None}}. `baselines` also
    scores the reference recipes of `evals.retrieval_baselines` under "baselines" (their dense recipe uses
    this run's embedder unless `baseline_gemma` is False; `minilm` overrides the all-MiniLM-L6-v2 model, which
    is skipped if not pulled).
    """
    from rag.corpus import Corpus
    from rag.embed import get_embedder
    from rag.ingest.pipeline import ingest

    if k < 1:
        raise BadInput(f"k must be at least 1, got {k}: pass --k 5")
    known = {**base_configs(settings, k), **ablation_configs(k)}
    names = list(systems or BASE_SYSTEMS)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise BadInput(f"unknown retrieval systems {unknown}: choose from {list(BASE_SYSTEMS)} or the ablation names (--list-systems)")
    configs = {n: known[n] for n in names}
    configs.update({n: replace(c, k=k) for n, c in (variants or {}).items()})

    dataset = load_squad(squad_path, max_articles)
    memo = _CachedEmbedder(embedder or get_embedder(settings), cache_dir)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsrag-retrieval-eval-", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        records = root / "articles" / "squad.jsonl"
        records.parent.mkdir()
        lines = (json.dumps({"title": title, "text": text}, ensure_ascii=False) + "\n" for title, text in dataset.articles)
        records.write_text("".join(lines), encoding="utf-8")
        local = settings.model_copy(update={"data_dir": root / "data", "store": "chroma-local"})
        corpus = Corpus(local, memo)
        corpus.sentences = _NoSentenceVectors()  # type: ignore[assignment]
        report = ingest(corpus, [records.parent], progress=(lambda done, total: progress("ingest", done, total)) if progress else None)
        ingest_seconds = time.perf_counter() - started
        memo.save()
        corpus.store = _FrozenStore(corpus.store)
        chunks, _ = corpus.store.get(corpus.store.ids())

        started = time.perf_counter()
        scorable = [q for q in dataset.questions if q.answers]
        memo.warm([q.text for q in scorable])
        memo.save()
        embed_seconds = time.perf_counter() - started

        texts = {c.chunk_id: c.text for c in chunks}
        titles = [title for title, _ in dataset.articles]  # each record's title is its chunks' title
        reachable = sum(1 for q in scorable if first_answer_rank(q.answers, list(texts.values())) is not None)
        result: dict[str, Any] = {}
        configs_out: dict[str, Any] = {}
        per_question: dict[str, dict[str, int | None]] = {}
        started = time.perf_counter()
        for name, config in configs.items():
            retriever = HybridRetriever(corpus, config)
            ranks: list[int | None] = []
            source_hits: list[bool] = []
            topk_tokens: list[int] = []
            for done, question in enumerate(scorable, start=1):
                hits = retriever.retrieve(question.text, k=k).hits
                ranks.append(first_answer_rank(question.answers, [texts[h.chunk.chunk_id] for h in hits]))
                source_hits.append(any(h.chunk.title == titles[question.article] for h in hits))
                topk_tokens.append(sum(h.chunk.tokens for h in hits))
                if progress:
                    progress(name, done, len(scorable))
            result[name] = {**summarise(ranks, k, source_hits),
                            "mean_topk_tokens": round(float(np.mean(topk_tokens)), 1) if topk_tokens else math.nan}
            configs_out[name] = {**asdict(config), "description": describe(config)}
            per_question[name] = {q.qid: r for q, r in zip(scorable, ranks, strict=True)}
        query_seconds = time.perf_counter() - started

    if baselines:
        from evals.retrieval_baselines import run_baselines

        started = time.perf_counter()
        result["baselines"] = run_baselines(dataset.articles, scorable, k, _token_counter(settings), minilm or _minilm(settings),
                                            memo if baseline_gemma else None, depth=max(c.candidates for c in configs.values()), progress=progress)
        memo.save()
        result["baselines"]["seconds"] = round(time.perf_counter() - started, 1)
    tokens = [c.tokens for c in chunks]
    result.update({
        "questions": len(scorable),
        "chunks": len(chunks),
        "mean_chunk_tokens": round(float(np.mean(tokens)), 1) if tokens else math.nan,
        "max_chunk_tokens": max(tokens, default=0),
        "k": k,
        "articles": len(dataset.articles),
        "articles_rejected": len(report.rejected),
        "unscorable": len(dataset.questions) - len(scorable),
        "reachable": reachable,  # questions whose answer occurs in some chunk: the ceiling of answer-recall
        "chunk_tokens": settings.chunk_tokens,
        "chunking": corpus.chunking.describe(),
        "embedder": memo.id,
        "configs": configs_out,
        "seconds": {"ingest": round(ingest_seconds, 1), "embed_questions": round(embed_seconds, 1), "retrieve": round(query_seconds, 1)},
    })
    if details:
        result["ranks"] = per_question
    return result


def _minilm(settings: Settings) -> Embedder | None:
    """all-MiniLM-L6-v2 for the LangChain-recipe baseline, or None (reported as skipped) if it is not pulled."""
    from rag.embed import get_embedder
    from rag.errors import ModelMissing

    try:
        return get_embedder(settings.model_copy(update={"embedder": "st:all-minilm-l6-v2", "embed_quantize": False}))
    except ModelMissing as error:
        print(f"newsrag: baseline langchain-minilm skipped: {error} (newsrag models pull all-minilm-l6-v2)", file=sys.stderr)
        return None


def _token_counter(settings: Settings) -> Callable[[str], int]:
    from rag.tokens import TokenCounter

    return TokenCounter(settings.model_dir).count


# -- CLI ----------------------------------------------------------------------------------------------------
def add_eval_retrieval_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--piaf", type=Path, default=None, help="SQuAD-format file, e.g. evals/datasets/piaf-dev.json (required)")
    parser.add_argument("--k", type=int, default=5, help="top k chunks scored (default 5)")
    parser.add_argument("--systems", default=None, help="comma-separated systems (default bm25,dense,hybrid; see --list-systems)")
    parser.add_argument("--ablation", action="store_true",
                        help="also score every structural variant (fusion, weights, rrf_k, candidates, MMR)")
    parser.add_argument("--list-systems", action="store_true", help="print the system names and exit")
    parser.add_argument("--chunk-tokens", type=int, default=None, help="chunk size for the evaluation index (default: the settings')")
    parser.add_argument("--chunk-overlap-sentences", type=int, default=None,
                        help="sentence overlap between chunks (default: the settings')")
    parser.add_argument("--articles", type=int, default=None, help="evaluate only the first N articles of the file")
    parser.add_argument("--embedder", default=None, help="e.g. st:embeddinggemma-300m (default) or fake")
    parser.add_argument("--vector-cache", type=Path, default=None, help="folder keeping chunk and question vectors between runs")
    parser.add_argument("--baselines", action="store_true",
                        help="also score the reference recipes (plain BM25, LangChain + all-MiniLM-L6-v2, naive RRF ...) in this run")
    parser.add_argument("--details", action="store_true", help="with --json: add each question's answer rank per system")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")


def _table(result: dict[str, Any], names: list[str]) -> str:
    k = result["k"]
    lines = [
        (f"{result['questions']} questions, {result['articles']} articles, {result['chunks']} chunks "
         f"(mean {result['mean_chunk_tokens']} tokens, max {result['max_chunk_tokens']}; {result['chunking']}), "
         f"answer reachable for {result['reachable']}"),
        f"{'system':<28} {'recall@' + str(k):>9} {'95% CI':>13} {'MRR@' + str(k):>7} {'source@' + str(k):>8} "
        f"{'top-' + str(k) + ' tok':>9}  settings",
    ]
    for name in names:
        row = result[name]
        low, high = row["answer_recall_ci"]
        lines.append(f"{name:<28} {row['answer_recall']:>9.4f} {f'{low:.3f}-{high:.3f}':>13} {row['mrr']:>7.4f} "
                     f"{row['source_recall']:>8.4f} {row['mean_topk_tokens']:>9.0f}  {result['configs'][name]['description']}")
    if "baselines" in result:
        base = result["baselines"]
        lines.append(f"reference recipes on {base['chunks']} RecursiveCharacterTextSplitter 1000/200 chunks "
                     f"(mean {base['mean_chunk_tokens']} tokens):")
        for name, row in base.items():
            if isinstance(row, dict):
                lines.append(f"{name:<28} {row['answer_recall']:>9.4f} {row['mrr']:>7.4f} {row['mean_topk_tokens']:>9.0f}  "
                             f"{row['description']}")
        if base["skipped"]:
            lines.append(f"skipped: {', '.join(base['skipped'])}")
    seconds = result["seconds"]
    lines.append(f"time: ingest {seconds['ingest']} s, question embedding {seconds['embed_questions']} s, "
                 f"retrieval {seconds['retrieve']} s")
    return "\n".join(lines)


def cmd_eval_retrieval(args: argparse.Namespace, settings: Settings, on_result: Callable[[dict[str, Any]], int] | None = None) -> int:
    """Run the eval from parsed arguments and print it; `on_result` (e.g. report and gate) gives the exit code."""
    if args.list_systems:
        print("\n".join([*BASE_SYSTEMS, *ablation_configs(args.k)]))
        return 0
    if args.piaf is None:
        raise BadInput("no dataset given: pass --piaf evals/datasets/piaf-dev.json")
    chunking = {"chunk_tokens": args.chunk_tokens, "chunk_overlap_sentences": args.chunk_overlap_sentences}
    settings = settings.model_copy(update={key: value for key, value in chunking.items() if value is not None})
    systems = [s.strip() for s in args.systems.split(",") if s.strip()] if args.systems else list(BASE_SYSTEMS)
    if args.ablation:
        systems += [n for n in ablation_configs(args.k) if n not in systems]

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            print(f"\r{stage}: {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)

    result = run_retrieval_eval(args.piaf, settings, k=args.k, systems=systems, progress=None if args.json else progress,
                                max_articles=args.articles, cache_dir=args.vector_cache, details=args.details,
                                baselines=args.baselines)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(_table(result, systems))
    return on_result(result) if on_result else 0


def main(argv: list[str] | None = None) -> int:
    """`python -m evals.retrieval_eval --piaf FILE ...` until `newsrag eval retrieval` is wired."""
    import rag  # noqa: F401 - offline environment first
    from rag.config import load_settings
    from rag.errors import NewsragError

    parser = argparse.ArgumentParser(prog="python -m evals.retrieval_eval", description="answer-recall@k and MRR@k on a SQuAD-format file")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--model-dir", default=None)
    add_eval_retrieval_arguments(parser)
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.data_dir, model_dir=args.model_dir, embedder=args.embedder)
        return cmd_eval_retrieval(args, settings)
    except NewsragError as error:
        print(f"newsrag: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
