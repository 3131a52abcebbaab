"""Vector stores, chosen by a string: `chroma-local` (embedded, in the data folder), `chroma-local:DIR`,
`chroma-http:HOST:PORT` (a `chroma run` server).

The store only stores: collections are created with `embedding_function=None` and every vector comes
from our embedder. The collection records the embedder id, dimension and chunking settings, and opening
it with other settings is refused (IndexMismatch) rather than mixing vectors from two models.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.config import Settings
from rag.errors import ConfigError, IndexMismatch, StoreError
from rag.types import Chunk

COLLECTION = "newsrag_chunks"
SUMMARY_COLLECTION = "newsrag_summaries"  # summaries, one record per article/language/length (rag/summary_index.py)


@dataclass(frozen=True)
class IndexSignature:
    embedder: str
    dim: int
    chunking: str

    def as_metadata(self) -> dict[str, Any]:
        return {"embedder": self.embedder, "dim": self.dim, "chunking": self.chunking, "hnsw:space": "cosine"}


@dataclass(frozen=True)
class StoredHit:
    chunk: Chunk
    similarity: float  # cosine similarity, 1 - cosine distance


class VectorStore(ABC):
    signature: IndexSignature

    @abstractmethod
    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None: ...

    @abstractmethod
    def delete(self, chunk_ids: list[str]) -> None: ...

    @abstractmethod
    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[StoredHit]: ...

    @abstractmethod
    def get(self, chunk_ids: list[str], with_vectors: bool = False) -> tuple[list[Chunk], np.ndarray | None]: ...

    @abstractmethod
    def ids(self) -> list[str]: ...

    @abstractmethod
    def count(self) -> int: ...

    def iter_chunks(self, batch: int = 2000) -> Iterator[Chunk]:
        all_ids = self.ids()
        for offset in range(0, len(all_ids), batch):
            chunks, _ = self.get(all_ids[offset:offset + batch])
            yield from chunks


class ChromaStore(VectorStore):
    """Chroma behind our interface; the same code serves the embedded client and the HTTP client."""

    def __init__(self, client: Any, signature: IndexSignature, where: str, rebuild: bool = False, collection: str = COLLECTION) -> None:
        self._client = client
        self._where = where
        self.signature = signature
        try:
            if rebuild:
                try:
                    client.delete_collection(collection)
                except Exception:  # noqa: BLE001 - absent collection
                    pass
            self._collection = client.get_or_create_collection(
                collection, embedding_function=None, metadata=signature.as_metadata()
            )
        except Exception as error:  # noqa: BLE001 - chroma raises many types
            raise StoreError(f"cannot open the Chroma collection at {where} ({error}): check the store setting") from error
        self._check_signature(self._collection.metadata or {})

    def _check_signature(self, meta: dict[str, Any]) -> None:
        found = IndexSignature(str(meta.get("embedder", "?")), int(meta.get("dim", 0) or 0), str(meta.get("chunking", "?")))
        if found != self.signature:
            raise IndexMismatch(
                f"index built with {found.embedder} ({found.chunking}), settings ask for {self.signature.embedder} "
                f"({self.signature.chunking}): re-ingest with 'newsrag ingest --rebuild'"
            )

    def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as error:  # noqa: BLE001
            raise StoreError(f"Chroma {what} failed at {self._where} ({type(error).__name__}: {_one_line(error)}): is the store reachable, "
                             "and its folder writable with free disk space?") from error

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        if not chunks:
            return
        if vectors.shape != (len(chunks), self.signature.dim):
            raise StoreError(f"vectors of shape {vectors.shape} for {len(chunks)} chunks of dim {self.signature.dim}")
        self._call(
            "upsert",
            self._collection.upsert,
            ids=[c.chunk_id for c in chunks],
            embeddings=vectors.astype(np.float32),
            documents=[c.text for c in chunks],
            metadatas=[c.metadata() for c in chunks],
        )

    def delete(self, chunk_ids: list[str]) -> None:
        if chunk_ids:
            self._call("delete", self._collection.delete, ids=list(chunk_ids))

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[StoredHit]:
        total = self.count()
        if total == 0:
            return []
        result = self._call(
            "query",
            self._collection.query,
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=min(k, total),
            where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        hits = []
        for cid, doc, meta, dist in zip(result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0], strict=True):
            hits.append(StoredHit(Chunk.from_metadata(cid, doc, meta), 1.0 - float(dist)))
        return hits

    def get(self, chunk_ids: list[str], with_vectors: bool = False) -> tuple[list[Chunk], np.ndarray | None]:
        if not chunk_ids:
            return [], (np.zeros((0, self.signature.dim), dtype=np.float32) if with_vectors else None)
        include = ["documents", "metadatas"] + (["embeddings"] if with_vectors else [])
        result = self._call("get", self._collection.get, ids=list(chunk_ids), include=include)
        by_id = {}
        for position, cid in enumerate(result["ids"]):
            by_id[cid] = position
        chunks: list[Chunk] = []
        rows: list[int] = []
        for cid in chunk_ids:
            if cid in by_id:
                position = by_id[cid]
                chunks.append(Chunk.from_metadata(cid, result["documents"][position], result["metadatas"][position]))
                rows.append(position)
        vectors = None
        if with_vectors:
            vectors = np.asarray(result["embeddings"], dtype=np.float32)[rows] if rows else np.zeros((0, self.signature.dim), dtype=np.float32)
        return chunks, vectors

    def ids(self) -> list[str]:
        result = self._call("get", self._collection.get, include=[])
        return sorted(result["ids"])

    def count(self) -> int:
        return int(self._call("count", self._collection.count))


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:300]


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def get_store(settings: Settings, signature: IndexSignature, rebuild: bool = False, collection: str = COLLECTION) -> VectorStore:
    """The store named by settings.store; `collection` picks the chunk collection (default) or another one
    of the same backend (SUMMARY_COLLECTION), opened with the same signature check."""
    spec = settings.store
    import chromadb

    if spec == "chroma-local" or spec.startswith("chroma-local:"):
        folder = Path(spec.split(":", 1)[1]).expanduser() if ":" in spec else settings.chroma_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the index folder {folder} ({error}): choose a writable --data-dir") from error
        try:
            client = chromadb.PersistentClient(path=str(folder), settings=_chroma_settings())
        except Exception as error:  # noqa: BLE001 - chroma raises many types (a read-only SQLite file among them)
            raise StoreError(f"cannot open the index in {folder} ({type(error).__name__}: {_one_line(error)}): make the folder "
                             "writable (or choose a writable --data-dir); if the index is damaged, run 'newsrag ingest --rebuild'") from error
        return ChromaStore(client, signature, str(folder), rebuild, collection)
    if spec.startswith("chroma-http:"):
        host, _, port = spec[len("chroma-http:"):].rpartition(":")
        if not host or not port.isdigit():
            raise ConfigError(f"store '{spec}' is not of the form chroma-http:HOST:PORT")
        try:
            client = chromadb.HttpClient(host=host, port=int(port), settings=_chroma_settings())
            client.heartbeat()
        except Exception as error:  # noqa: BLE001
            raise StoreError(
                f"Chroma server at {host}:{port} is unreachable ({type(error).__name__}): start it with "
                f"'chroma run --path DIR --port {port}' or use the embedded store (NEWSRAG_STORE=chroma-local)"
            ) from error
        return ChromaStore(client, signature, f"http://{host}:{port}", rebuild, collection)
    raise ConfigError(f"unknown store '{spec}': use 'chroma-local', 'chroma-local:DIR' or 'chroma-http:HOST:PORT'")
