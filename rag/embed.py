"""Embedders, chosen by a string. The store never embeds: we own the embedder.

- `st:embeddinggemma-300m` (default): a provisioned model from the project cache (`newsrag models pull`).
- `st:/path/to/folder`: any local sentence-transformers folder.
- `hf:org/name`: a Hugging Face id, only when the user opted into network access.
- `fake`: a deterministic hashed bag-of-words embedder for tests (texts that share words land close).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from abc import ABC, abstractmethod
from pathlib import Path

import numpy as np

from rag.config import Settings
from rag.errors import ConfigError, ModelMissing
from rag.models import get_spec, load_failure, require


class Embedder(ABC):
    """Unit-normalised vectors for documents, queries and plain texts (for similarity)."""

    id: str
    dim: int
    max_tokens: int

    def document_text(self, text: str, title: str | None) -> str:
        """The exact string `embed_documents` encodes for a document (the model's document prompt applied)."""
        return text

    @abstractmethod
    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray: ...

    @abstractmethod
    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    @abstractmethod
    def embed_similarity(self, texts: list[str]) -> np.ndarray:
        """Vectors for symmetric similarity (claim vs sentence), cross-lingual where the model is."""

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens as the embedder's own tokenizer counts them (with its document prompt)."""


def embed_documents_grouped(embedder: Embedder, groups: list[tuple[list[str], list[str]]]) -> list[np.ndarray]:
    """Document vectors for several groups of (texts, titles) from one `embed_documents` call, split back
    per group: the model batches texts of similar length, so one call pads far less than one per group."""
    texts = [t for group_texts, _ in groups for t in group_texts]
    titles = [t for _, group_titles in groups for t in group_titles]
    vectors = embedder.embed_documents(texts, titles) if texts else np.zeros((0, embedder.dim), np.float32)
    result, offset = [], 0
    for group_texts, _ in groups:
        result.append(np.asarray(vectors[offset:offset + len(group_texts)], dtype=np.float32).reshape(len(group_texts), embedder.dim))
        offset += len(group_texts)
    return result


_WORD = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class FakeEmbedder(Embedder):
    """Hashed bag of folded words (plus 4-letter prefixes, a crude stem), L2-normalised. Deterministic."""

    def __init__(self, dim: int = 256) -> None:
        self.id = f"fake-bow/{dim}"
        self.dim = dim
        self.max_tokens = 100_000

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in _WORD.findall(_fold(text)):
            for feature in (word, word[:4]) if len(word) > 4 else (word,):
                bucket = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=4).digest(), "little")
                vector[bucket % self.dim] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def _many(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray:
        return self._many(texts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._many(texts)

    def embed_similarity(self, texts: list[str]) -> np.ndarray:
        return self._many(texts)

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text))


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model loaded from a local folder, with EmbeddingGemma's prompts.

    Documents are embedded as "title: {title} | text: {text}", queries as "task: search result | query:
    {q}", similarity texts as "task: sentence similarity | query: {t}" (the model card's formats).
    """

    def __init__(self, path: Path, model_id: str, batch_size: int = 8, quantize: bool = False, threads: int = 2) -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()
        transformers.utils.logging.set_verbosity_error()
        torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        if quantize:
            self._model = torch.ao.quantization.quantize_dynamic(self._model, {torch.nn.Linear}, dtype=torch.qint8)
        self._batch = batch_size
        self.dim = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length)
        self.id = f"{model_id}/{self.dim}" + ("/int8" if quantize else "")
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = prompts.get("query", "")
        self._sts_prompt = prompts.get("STS", "")
        self._doc_format = "title: {title} | text: {text}" if "title:" in prompts.get("document", "") else "{text}"

    def _encode(self, texts: list[str]) -> np.ndarray:
        import torch

        with torch.inference_mode():
            vectors = self._model.encode(
                texts, batch_size=self._batch, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return np.asarray(vectors, dtype=np.float32)

    def document_text(self, text: str, title: str | None) -> str:
        return self._doc_format.format(title=title or "none", text=text)

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray:
        titles = titles or ["none"] * len(texts)
        return self._encode([self.document_text(t, h) for t, h in zip(texts, titles, strict=True)])

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._query_prompt + t for t in texts])

    def embed_similarity(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._sts_prompt + t for t in texts])

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])


def get_embedder(settings: Settings) -> Embedder:
    name = settings.embedder
    if name == "fake" or name.startswith("fake:"):
        dim = int(name.split(":", 1)[1]) if ":" in name else 256
        return FakeEmbedder(dim)
    if name.startswith("st:"):
        target = name[3:]
        path = Path(target).expanduser()
        if path.is_absolute() or target.startswith("."):
            if not (path / "modules.json").exists() and not (path / "config.json").exists():
                raise ModelMissing(f"no sentence-transformers model at {path}: point NEWSRAG_EMBEDDER at a model folder")
            return SentenceTransformerEmbedder(path, path.name, settings.embed_batch_size, settings.embed_quantize, settings.n_threads)
        spec = get_spec(target)
        if spec.role != "embedder":
            raise ConfigError(f"'{target}' is a {spec.role}, not an embedder: set embedder to 'st:embeddinggemma-300m'")
        path = require(spec, settings.model_dir)
        try:
            return SentenceTransformerEmbedder(path, spec.name, settings.embed_batch_size, settings.embed_quantize, settings.n_threads)
        except Exception as error:  # noqa: BLE001 - torch, safetensors and transformers raise many types
            raise load_failure(spec, settings.model_dir, error) from error
    if name.startswith("hf:"):
        if not settings.allow_network:
            raise ConfigError(
                f"embedder '{name}' would download from the Hugging Face hub: set NEWSRAG_ALLOW_NETWORK=1 to opt in, "
                "or use 'st:embeddinggemma-300m' after 'newsrag models pull'"
            )
        return _hub_embedder(name[3:], settings)
    raise ConfigError(f"unknown embedder '{name}': use 'st:embeddinggemma-300m', 'st:/path/to/model', 'hf:org/name' or 'fake'")


def _hub_embedder(repo_id: str, settings: Settings) -> Embedder:
    """Opt-in only: fetch a model folder from the hub once, then load it like any local folder."""
    import os

    os.environ["HF_HUB_OFFLINE"] = "0"
    from huggingface_hub import snapshot_download

    folder = Path(snapshot_download(repo_id, cache_dir=str(settings.model_dir / "hub")))
    return SentenceTransformerEmbedder(folder, repo_id.split("/")[-1], settings.embed_batch_size, settings.embed_quantize, settings.n_threads)
