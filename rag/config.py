"""One typed settings object, built in one place.

Precedence, lowest first: defaults, `<data_dir>/settings.json`, environment variables (`NEWSRAG_*`),
explicit overrides (CLI flags). Modules receive a `Settings`; they never read `os.environ` themselves.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from rag._paths import default_data_dir, default_model_dir
from rag.errors import ConfigError


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path
    model_dir: Path
    download_dir: Path

    # Backends, chosen by a string (see rag.embed.get_embedder, rag.llm.get_llm, rag.store.get_store).
    embedder: str = "st:embeddinggemma-300m"
    llm: str = "llamacpp:qwen2.5-coder-1.5b"
    store: str = "chroma-local"
    allow_network: bool = False  # opt-in: lets a Hugging Face id be resolved from the hub

    # Embedding
    embed_batch_size: int = 8
    embed_quantize: bool = False  # int8 dynamic quantisation of the embedder's linear layers

    # Chunking (tokens counted with tiktoken cl100k_base); measured on PIAF dev, see benchmarks/RETRIEVAL.md
    chunk_tokens: int = 300
    chunk_overlap_sentences: int = 0

    # Retrieval
    k: int = 5
    candidates: int = 30
    fusion: str = "rrf"  # rrf | score | dense | bm25
    rrf_k: int = 10  # 60 (the textbook value) made fusion no better than dense alone on PIAF dev
    dense_weight: float = 0.65
    bm25_weight: float = 0.35
    mmr_lambda: float = 0.9
    reranker: str | None = None  # local sentence-transformers CrossEncoder path; off by default

    # Answering
    # Chunks whose sentences compete for the context (more than `k`: the sentence scores rerank them). Measured
    # 2026-12-03 on dev + extra QA: at 5 the support sentence of x05 was outside the chunks; at 8 every
    # answerable question's support sentence that the embedder ranks first is a candidate, and the best
    # sentence cosine of the 8 unanswerable questions is unchanged (0.36-0.62).
    context_chunks: int = 8
    context_tokens: int = 260  # budget for the context sentences in the answer prompt (tiktoken cl100k)
    answer_max_tokens: int = 160
    # Calibrated on the seeds with EmbeddingGemma (best question-sentence cosine): answerable dev questions
    # 0.51-0.76 (median 0.61), unanswerable ones 0.36 and 0.55, off-topic questions 0.19-0.46.
    min_dense_similarity: float = 0.30  # below this retrieval counts as irrelevant: refuse without the model
    support_threshold: float | None = None  # None: the scorer's measured default (see rag/answer/support.py)
    # A dropped claim that differs from a source only in its value is a misread value when the two are at least
    # this similar (rag/answer/focus.py). Measured 2026-12-06 with EmbeddingGemma on the 138 value-swapped pairs
    # (number_swap, date_swap) of claims-dev and tests/data/claims-*.jsonl that fail on their value alone:
    # similarity 0.64-0.99, 5th percentile 0.72, 3 below 0.70. Invented answers to unanswerable questions that
    # fail on a number alone scored 0.64 ("Belarus has 45,000 soldiers" against "des dizaines de milliers de
    # soldats russes") and below.
    slip_similarity: float = 0.70
    # The combined judge asks the model only about pairs the rules accept with a similarity below this (1.0:
    # about every accepted pair). Measured 2026-12-06 on claims-extra and held-out 1-7 (our pairs, 845): the
    # model read the 125 accepted pairs under 0.88; asking below c vetoed this many false accepts and lost
    # this many true ones: 0.74: 10/1, 0.76-0.80: 12/2, 0.82: 13/2, 0.84: 13/3, 0.86: 15/7, 0.88: 16/9. The
    # middle of the 0.76-0.82 plateau, where it asks 4% of the pairs; above it the model's false NO on
    # faithful paraphrases outnumber the errors it catches.
    judge_veto_below: float = 0.80

    # LLM runtime
    n_ctx: int = 4096
    n_threads: int = 2
    temperature: float = 0.0
    seed: int = 7

    # OpenAI-compatible backend
    openai_base_url: str = "http://127.0.0.1:8080/v1"
    openai_model: str = "default"
    openai_api_key: str | None = None
    openai_timeout: float = 60.0
    openai_retries: int = 2

    # Uploads through the app and the HTTP API (saved under <data_dir>/uploads, then ingested)
    upload_max_bytes: int = 5_000_000
    upload_max_files: int = 20

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def state_dir(self) -> Path:
        return self.data_dir / "state"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"


_ENV = {
    "NEWSRAG_MODELS": "model_dir",
    "NEWSRAG_DOWNLOADS": "download_dir",
    "NEWSRAG_EMBEDDER": "embedder",
    "NEWSRAG_LLM": "llm",
    "NEWSRAG_STORE": "store",
    "NEWSRAG_ALLOW_NETWORK": "allow_network",
    "NEWSRAG_OPENAI_BASE_URL": "openai_base_url",
    "NEWSRAG_OPENAI_MODEL": "openai_model",
    "NEWSRAG_OPENAI_API_KEY": "openai_api_key",
    "NEWSRAG_RERANKER": "reranker",
}


def load_settings(data_dir: Path | str | None = None, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Build the settings for one corpus folder. Raises ConfigError naming the bad key."""
    env = dict(os.environ if environ is None else environ)
    root = Path(data_dir).expanduser().resolve() if data_dir else default_data_dir()
    values: dict[str, Any] = {}
    settings_file = root / "settings.json"
    if settings_file.exists():
        try:
            values.update(json.loads(settings_file.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as error:
            raise ConfigError(f"cannot read {settings_file} ({error}): fix the JSON or delete the file") from error
    for name, key in _ENV.items():
        if env.get(name):
            values[key] = env[name]
    if "openai_api_key" not in values and env.get("OPENAI_API_KEY"):
        values["openai_api_key"] = env["OPENAI_API_KEY"]
    values.update({key: value for key, value in overrides.items() if value is not None})
    model_dir = Path(values.pop("model_dir", None) or default_model_dir()).expanduser()
    values.setdefault("download_dir", model_dir.parent / "downloads")
    try:
        return Settings(data_dir=root, model_dir=model_dir, **values)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        raise ConfigError(f"invalid settings ({problems}): fix {settings_file}, the NEWSRAG_* variables or the flags") from error
