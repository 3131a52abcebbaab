"""Retrieval latency (no LLM) at 1k, 10k and 100k chunks, against raw Chroma measured in the same run.

    .venv/bin/python benchmarks/retrieval.py                      # 1k, 10k, 100k chunks, 200 queries each
    .venv/bin/python benchmarks/retrieval.py --sizes 1000,10000 --queries 100 --json

What is built: synthetic French-like chunks (~140 words drawn from a Zipf vocabulary, 10 chunks per
article) stored through the real `Corpus` (Chroma + BM25 + manifest), with vectors from a fast
deterministic embedder of EmbeddingGemma's dimension (768): a hashed bag of words projected by a fixed
seeded matrix, so texts that share words land close, as with a real model. Chroma upserts go 5,000 at a
time; the index grows 1k -> 10k -> 100k and is measured at each size.

What is timed, per query (queries are embedded beforehand: embedding is the model's cost, not
retrieval's; EmbeddingGemma takes ~0.1-0.5 s per question on 2 cores):
- raw Chroma: `collection.query` straight on the chromadb collection, n_results = candidates (30, the
  depth the dense stage asks for) and n_results = k (5, what a plain vector RAG asks for), with
  documents, metadatas and distances; this is the baseline;
- dense / bm25 / hybrid: the real `HybridRetriever.retrieve` with fusion "dense", "bm25" and the
  default settings (RRF of both, MMR), i.e. Chroma query + BM25 + fusion + candidate vectors + MMR.
Systems are interleaved query by query so machine noise hits them alike. Reported: p50 and p95 in ms,
ratios of p50 to raw Chroma's p50 at the same depth, the target check "hybrid p50 <= 1.5 x raw + 20 ms",
process RSS, BM25 memory per chunk (tracemalloc over a load from disk), BM25 save/load time and the time
to open the whole corpus (manifest + BM25 check).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
import zlib
from pathlib import Path
from typing import Any

import numpy as np

import rag  # noqa: F401 - offline environment first
from rag.config import Settings, load_settings
from rag.corpus import Corpus, ManifestEntry, bm25_text
from rag.embed import FakeEmbedder
from rag.retrieval.bm25 import BM25Index
from rag.retrieval.retriever import HybridRetriever, RetrievalConfig
from rag.store import COLLECTION
from rag.types import Chunk, Span

DIM = 768
CHUNKS_PER_ARTICLE = 10
WORDS_PER_CHUNK = 140
VOCABULARY = 40_000
BATCH = 5_000
_SYLLABLES = [
    "ba", "be", "bi", "bo", "bu", "ca", "ce", "ci", "co", "da", "de", "di", "do", "du", "fa", "fe", "fi", "fo", "ga",
    "ge", "go", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo", "mu", "na", "ne", "ni", "no", "nu", "pa", "pe",
    "pi", "po", "pu", "ra", "re", "ri", "ro", "ru", "sa", "se", "si", "so", "su", "ta", "te", "ti", "to", "tu", "va",
    "ve", "vi", "vo", "ze", "zi",
]
_ENDINGS = ["", "", "e", "s", "es", "ent", "tion", "ment", "ée", "é", "er", "ais", "eur", "ique"]


# -- synthetic data ---------------------------------------------------------------------------------
def vocabulary(size: int, seed: int = 7) -> list[str]:
    """Distinct French-looking words, most frequent first."""
    rng = np.random.default_rng(seed)
    words: dict[str, None] = {}
    while len(words) < size:
        n = int(rng.integers(1, 5))
        word = "".join(_SYLLABLES[i] for i in rng.integers(0, len(_SYLLABLES), n)) + _ENDINGS[int(rng.integers(0, len(_ENDINGS)))]
        words.setdefault(word, None)
    return list(words)


class SyntheticText:
    """Chunk texts with Zipf(1.07) word frequencies, deterministic per chunk number."""

    def __init__(self, words: list[str], seed: int = 11) -> None:
        self.words = np.array(words, dtype=object)
        ranks = np.arange(1, len(words) + 1, dtype=np.float64)
        self.p = ranks**-1.07 / np.sum(ranks**-1.07)
        self.seed = seed

    def chunk_words(self, number: int) -> np.ndarray:
        rng = np.random.default_rng((self.seed, number))
        return rng.choice(len(self.words), size=WORDS_PER_CHUNK, p=self.p)

    def chunk_text(self, number: int) -> str:
        picks = self.words[self.chunk_words(number)]
        sentences = [" ".join(picks[i:i + 20]).capitalize() + "." for i in range(0, WORDS_PER_CHUNK, 20)]
        return " ".join(sentences)

    def query(self, number: int, rng: np.random.Generator) -> str:
        """6 words of one chunk, preferring its rarer ones, plus 2 frequent words: like a real question."""
        picks = self.chunk_words(number)
        rare = sorted(set(picks.tolist()), reverse=True)[:12]
        chosen = rng.choice(rare, size=min(6, len(rare)), replace=False).tolist() + rng.integers(0, 50, 2).tolist()
        return "Est-ce que " + " ".join(self.words[chosen]) + " ?"


class HashedProjectionEmbedder(FakeEmbedder):
    """Fast deterministic 768-d embedder: bag of words hashed to 4,096 buckets, projected by a fixed matrix.
    Shares FakeEmbedder's document/query/similarity entry points; only the vectors differ."""

    BUCKETS = 4096

    def __init__(self, dim: int = DIM) -> None:
        self.id = f"hashed-projection/{dim}"
        self.dim = dim
        self.max_tokens = 100_000
        self._matrix = np.random.default_rng(3).standard_normal((self.BUCKETS, dim)).astype(np.float32)
        self._bucket: dict[str, int] = {}

    def _many(self, texts: list[str]) -> np.ndarray:
        counts = np.zeros((len(texts), self.BUCKETS), np.float32)
        for row, text in enumerate(texts):
            for word in text.casefold().split():
                bucket = self._bucket.get(word)
                if bucket is None:
                    bucket = self._bucket[word] = zlib.crc32(word.encode()) % self.BUCKETS
                counts[row, bucket] += 1.0
        vectors = counts @ self._matrix
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        return vectors

    def count_tokens(self, text: str) -> int:
        return len(text.split())


class PrecomputedQueries(HashedProjectionEmbedder):
    """Serves query vectors computed before the timed loop, so the timings are retrieval's alone."""

    def __init__(self) -> None:
        super().__init__()
        self.cache: dict[str, np.ndarray] = {}

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self.cache]
        if missing:  # (no zero-argument super() inside a comprehension: Python 3.11 has no __class__ there)
            self.cache.update(zip(missing, super().embed_queries(missing), strict=True))
        return np.stack([self.cache[t] for t in texts])


# -- building ----------------------------------------------------------------------------------------
def make_chunks(text: SyntheticText, start: int, stop: int) -> list[Chunk]:
    chunks = []
    for number in range(start, stop):
        body = text.chunk_text(number)
        article = f"a{number // CHUNKS_PER_ARTICLE:07d}"
        header = f"Article {number // CHUNKS_PER_ARTICLE} · Le Synthétique · 2025-01-{1 + number % 28:02d}"
        chunks.append(Chunk(
            chunk_id=f"{article}-{number % CHUNKS_PER_ARTICLE:04d}", article_id=article, index=number % CHUNKS_PER_ARTICLE,
            text=body, span=Span(0, len(body)), sentences=(Span(0, len(body)),), header=header, source=f"{article}.txt",
            title=f"Article {number // CHUNKS_PER_ARTICLE}", outlet="Le Synthétique", date=f"2025-01-{1 + number % 28:02d}",
            tokens=WORDS_PER_CHUNK,
        ))
    return chunks


def grow(corpus: Corpus, text: SyntheticText, start: int, stop: int) -> float:
    """Add chunks [start, stop) to the store, BM25 and manifest in batches; returns the seconds taken."""
    started = time.perf_counter()
    for offset in range(start, stop, BATCH):
        chunks = make_chunks(text, offset, min(offset + BATCH, stop))
        corpus.store.upsert(chunks, corpus.embedder.embed_documents([c.text for c in chunks]))
        corpus.bm25.add([c.chunk_id for c in chunks], [bm25_text(c.header, c.text) for c in chunks])
        for chunk in chunks:
            entry = corpus.manifest.articles.get(chunk.article_id)
            if entry is None:
                entry = corpus.manifest.articles[chunk.article_id] = ManifestEntry(
                    chunk.article_id, chunk.source, [chunk.source], chunk.article_id, [], chunk.title, chunk.outlet, chunk.date)
            entry.chunk_ids.append(chunk.chunk_id)
        print(f"  indexed {min(offset + BATCH, stop):,} chunks ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    corpus.save_manifest()
    return time.perf_counter() - started


# -- measuring ---------------------------------------------------------------------------------------
def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bm25_footprint(path: Path) -> dict[str, float]:
    started = time.perf_counter()
    BM25Index.load(path)
    load_seconds = time.perf_counter() - started
    tracemalloc.start()
    index = BM25Index.load(path)
    index.search("warm", 1)  # the first search prepares the segments
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"load_s": load_seconds, "bytes": float(current), "bytes_per_chunk": current / max(len(index), 1)}


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def measure(corpus: Corpus, settings: Settings, text: SyntheticText, size: int, n_queries: int, seed: int) -> dict[str, Any]:
    import chromadb

    from rag.store import _chroma_settings

    rng = np.random.default_rng(seed)
    queries = [text.query(int(rng.integers(0, size)), rng) for _ in range(n_queries)]
    embedder: PrecomputedQueries = corpus.embedder  # type: ignore[assignment]
    vectors = HashedProjectionEmbedder.embed_queries(embedder, queries)
    embedder.cache = dict(zip(queries, vectors, strict=True))
    default = RetrievalConfig(k=settings.k, candidates=settings.candidates, fusion=settings.fusion, dense_weight=settings.dense_weight,
                              bm25_weight=settings.bm25_weight, mmr_lambda=settings.mmr_lambda)
    retrievers = {name: HybridRetriever(corpus, RetrievalConfig(**{**default.__dict__, "fusion": name})) for name in ("dense", "bm25")}
    retrievers["hybrid"] = HybridRetriever(corpus, default)
    collection = chromadb.PersistentClient(path=str(settings.chroma_dir), settings=_chroma_settings()).get_collection(COLLECTION)
    include = ["documents", "metadatas", "distances"]

    def raw(depth: int):
        return lambda i: collection.query(query_embeddings=[vectors[i]], n_results=depth, include=include)

    runs = {f"raw chroma n={default.candidates}": raw(default.candidates), f"raw chroma n={default.k}": raw(default.k)}
    def through(retriever: HybridRetriever):
        return lambda i: retriever.retrieve(queries[i])

    runs.update({name: through(retriever) for name, retriever in retrievers.items()})
    times: dict[str, list[float]] = {name: [] for name in runs}
    for i in range(min(10, n_queries)):  # warm-up: caches, lazy segment merges
        for run in runs.values():
            run(i)
    for i in range(n_queries):
        for name, run in runs.items():
            started = time.perf_counter()
            run(i)
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: {"p50_ms": statistics.median(t), "p95_ms": percentile(t, 95)} for name, t in times.items()}


def run(sizes: list[int], n_queries: int, model_dir: str | None) -> dict[str, Any]:
    results: dict[str, Any] = {"sizes": {}}
    started = time.perf_counter()
    words = vocabulary(VOCABULARY)
    text = SyntheticText(words)
    with tempfile.TemporaryDirectory(prefix="newsrag-bench-retrieval-", ignore_cleanup_errors=True) as tmp:
        settings = load_settings(Path(tmp) / "data", environ={}, model_dir=model_dir, embedder="fake")
        corpus = Corpus(settings, PrecomputedQueries())
        results["setup_s"] = time.perf_counter() - started
        have = 0
        for size in sorted(sizes):
            print(f"building {size:,} chunks", file=sys.stderr, flush=True)
            build_s = grow(corpus, text, have, size)
            have = size
            started = time.perf_counter()
            corpus.save_bm25()
            save_s = time.perf_counter() - started
            started = time.perf_counter()
            reopened = Corpus(settings, corpus.embedder)  # manifest + BM25 load and id check, as every process start does
            open_s = time.perf_counter() - started
            del reopened
            footprint = bm25_footprint(corpus.bm25_path)
            print(f"measuring {size:,} chunks", file=sys.stderr, flush=True)
            latencies = measure(corpus, settings, text, size, n_queries, seed=size)
            results["sizes"][str(size)] = {
                "build_s": build_s, "bm25_save_s": save_s, "bm25_load_s": footprint["load_s"], "corpus_open_s": open_s,
                "bm25_mb": footprint["bytes"] / 2**20, "bm25_bytes_per_chunk": footprint["bytes_per_chunk"],
                "rss_mb": rss_mb(), "latency": latencies,
            }
    return results


def table(results: dict[str, Any], candidates: int = 30, k: int = 5) -> str:
    lines = []
    for size, row in results["sizes"].items():
        lat = row["latency"]
        base = lat[f"raw chroma n={candidates}"]["p50_ms"]
        base_k = lat[f"raw chroma n={k}"]["p50_ms"]
        lines.append(f"\n{int(size):,} chunks (built in {row['build_s']:.0f} s; RSS {row['rss_mb']:.0f} MB; "
                     f"BM25 {row['bm25_mb']:.1f} MB = {row['bm25_bytes_per_chunk']:.0f} B/chunk, load {row['bm25_load_s'] * 1000:.0f} ms, "
                     f"save {row['bm25_save_s'] * 1000:.0f} ms; corpus open {row['corpus_open_s'] * 1000:.0f} ms)")
        lines.append(f"  {'system':<20} {'p50 ms':>8} {'p95 ms':>8} {'x raw n=' + str(candidates):>11} {'x raw n=' + str(k):>10}")
        for name, value in lat.items():
            p50 = value["p50_ms"]
            lines.append(f"  {name:<20} {p50:>8.2f} {value['p95_ms']:>8.2f} {p50 / base:>11.2f} {p50 / base_k:>10.2f}")
        hybrid = lat["hybrid"]["p50_ms"]
        bar = 1.5 * base + 20
        verdict = "met" if hybrid <= bar else "NOT met"
        lines.append(f"  target: hybrid p50 {hybrid:.2f} ms <= 1.5 x {base:.2f} + 20 = {bar:.2f} ms: {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated chunk counts (the index grows through them)")
    parser.add_argument("--queries", type=int, default=200, help="timed queries per size")
    parser.add_argument("--model-dir", default=None, help="model cache holding tiktoken's encoding (default ~/.cache/newsrag/models)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = run([int(s) for s in args.sizes.split(",")], args.queries, args.model_dir)
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
