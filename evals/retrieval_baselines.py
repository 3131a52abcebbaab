"""The reference recipes of the retrieval issue's table, measured in the same run as newsrag's systems.

Every baseline indexes the same SQuAD articles the same way the reference table did: LangChain's
`RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)` over "title\\ntext", then ranks the
chunks for each question and is scored exactly like newsrag's systems (answer-recall@k and MRR@k on the
top-k chunk texts, `evals.retrieval_eval.first_answer_rank`).

Systems:
- "plain-bm25": BM25 (k1 1.2, b 0.75) over lower-cased word tokens (`\\w+`): no accent folding, elision
  handling, stopwords or stemming.
- "french-bm25-1000": newsrag's French analyser (`rag.retrieval.analysis.tokenize`) on the same chunks.
- "langchain-minilm": the LangChain tutorial recipe: all-MiniLM-L6-v2 embeddings in
  `langchain_chroma.Chroma` (an in-memory Chroma client, telemetry off), `similarity_search(q, k)`.
- "langchain-gemma": the same recipe with EmbeddingGemma and its query/document prompts.
- "naive-rrf": reciprocal rank fusion of french-bm25-1000 and langchain-gemma with k=60 and equal
  weights over their top `depth` lists.

The embedders are passed in, so the caller decides which models load; a recipe whose embedder is
missing is skipped and named in `skipped`.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from rag.embed import Embedder
from rag.retrieval.analysis import tokenize as french_tokenize
from rag.retrieval.bm25 import BM25Index

Ranker = Callable[[str], list[int]]  # question -> chunk positions, best first
Progress = Callable[[str, int, int], None]

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
RRF_K = 60
BASELINES = ("plain-bm25", "french-bm25-1000", "langchain-minilm", "langchain-gemma", "naive-rrf")
DESCRIPTIONS = {
    "plain-bm25": "BM25 on lower-cased \\w+ tokens, 1000/200-character chunks",
    "french-bm25-1000": "French BM25 (folding, elisions, stopwords, Snowball), 1000/200-character chunks",
    "langchain-minilm": "LangChain recipe: all-MiniLM-L6-v2 + Chroma, 1000/200-character chunks",
    "langchain-gemma": "LangChain recipe with EmbeddingGemma and its prompts, 1000/200-character chunks",
    "naive-rrf": "RRF k=60, equal weights, of french-bm25-1000 and langchain-gemma",
}
_WORD = re.compile(r"\w+")


def plain_tokenize(text: str) -> list[str]:
    """Lower-cased word tokens, nothing else: the 'plain BM25' analyser."""
    return _WORD.findall(text.lower())


def reference_chunks(articles: Sequence[tuple[str, str]]) -> list[str]:
    """The reference chunking: RecursiveCharacterTextSplitter 1000/200 over each "title\\ntext"."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    chunks: list[str] = []
    for title, text in articles:
        chunks.extend(splitter.split_text(f"{title}\n{text}"))
    return chunks


def bm25_ranker(chunks: Sequence[str], analyser: Callable[[str], list[str]]) -> Callable[[str, int], list[int]]:
    index = BM25Index(analyser=analyser)
    index.add([str(i) for i in range(len(chunks))], list(chunks))
    return lambda question, depth: [int(doc) for doc, _ in index.search(question, depth)]


class LangChainEmbeddings(Embeddings):
    """LangChain's `Embeddings` over one of our embedders (queries and documents keep their prompts)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_queries([text])[0].tolist()


def chroma_ranker(chunks: Sequence[str], embedder: Embedder, name: str) -> Callable[[str, int], list[int]]:
    """The tutorial's vector store: langchain_chroma.Chroma on an in-memory client; ids are chunk positions."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    client = chromadb.EphemeralClient(ChromaSettings(anonymized_telemetry=False, allow_reset=True))
    # the in-memory client is shared by the whole process: a fresh collection name per index, so two runs
    # (or two embedders of different dimensions) never meet in one collection
    unique = f"{re.sub(r'[^a-z0-9-]', '-', name)}-{uuid.uuid4().hex[:12]}"
    store = Chroma(collection_name=unique, embedding_function=LangChainEmbeddings(embedder), client=client)
    ids = [str(i) for i in range(len(chunks))]
    for start in range(0, len(chunks), 256):
        store.add_texts(list(chunks[start:start + 256]), ids=ids[start:start + 256])

    def rank(question: str, depth: int) -> list[int]:
        return [int(doc.id) for doc in store.similarity_search(question, k=min(depth, len(chunks)))]

    return rank


def rrf(rankings: Sequence[list[int]], k: int = RRF_K) -> list[int]:
    """Reciprocal rank fusion with equal weights: score(d) = sum over lists of 1 / (k + rank)."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda d: (-scores[d], d))


def run_baselines(
    articles: Sequence[tuple[str, str]],
    questions: Sequence[Any],  # objects with .text and .answers (evals.retrieval_eval.Question)
    k: int,
    count_tokens: Callable[[str], int],
    minilm: Embedder | None,
    gemma: Embedder | None,
    depth: int = 30,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Score every baseline whose embedder is available; see the module docstring."""
    from evals.retrieval_eval import first_answer_rank, summarise

    chunks = reference_chunks(articles)
    tokens = [count_tokens(c) for c in chunks]
    rankers: dict[str, Callable[[str, int], list[int]]] = {
        "plain-bm25": bm25_ranker(chunks, plain_tokenize),
        "french-bm25-1000": bm25_ranker(chunks, french_tokenize),
    }
    skipped: list[str] = []
    if minilm is not None:
        rankers["langchain-minilm"] = chroma_ranker(chunks, minilm, "langchain-minilm")
    else:
        skipped.append("langchain-minilm")
    if gemma is not None:
        dense = chroma_ranker(chunks, gemma, "langchain-gemma")
        rankers["langchain-gemma"] = dense
        french = rankers["french-bm25-1000"]
        rankers["naive-rrf"] = lambda q, d: rrf([french(q, d), dense(q, d)])
    else:
        skipped += ["langchain-gemma", "naive-rrf"]

    result: dict[str, Any] = {}
    for name, ranker in rankers.items():
        ranks: list[int | None] = []
        topk_tokens: list[int] = []
        for done, question in enumerate(questions, start=1):
            top = ranker(question.text, max(depth, k))[:k]
            ranks.append(first_answer_rank(question.answers, [chunks[i] for i in top]))
            topk_tokens.append(sum(tokens[i] for i in top))
            if progress:
                progress(name, done, len(questions))
        result[name] = {**summarise(ranks, k), "mean_topk_tokens": round(float(np.mean(topk_tokens)), 1) if topk_tokens else math.nan,
                        "description": DESCRIPTIONS[name]}
    result["chunks"] = len(chunks)
    result["mean_chunk_tokens"] = round(float(np.mean(tokens)), 1) if tokens else math.nan
    result["skipped"] = skipped
    return result
