"""One contract for every store backend: the embedded Chroma and a real `chroma run` server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from rag.errors import IndexMismatch, StoreError
from rag.store import IndexSignature, VectorStore, get_store
from rag.types import Chunk, Span
from tests.conftest import make_settings
from tests.servers import chroma_server

SIGNATURE = IndexSignature("test-embedder/4", 4, "sentences/220tok/overlap1")


def _chunk(i: int, article: str = "a") -> Chunk:
    text = f"chunk number {i}"
    return Chunk(f"{article}-{i:04d}", article, i, text, Span(100 * i, 100 * i + len(text)), (Span(100 * i, 100 * i + len(text)),),
                 "Titre · Outlet", source=f"{article}.txt", title="Titre", outlet="Outlet", date="2024-12-06", tokens=3)


def _vectors(n: int) -> np.ndarray:
    vectors = np.eye(4, dtype=np.float32)[np.arange(n) % 4] + 0.01
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture(params=["chroma-local", "chroma-http"])
def store_setting(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "chroma-local":
        yield "chroma-local"
    else:
        with chroma_server(tmp_path / "server", tmp_path / "chroma.log") as port:
            yield f"chroma-http:127.0.0.1:{port}"


def _open(tmp_path: Path, store_setting: str, signature: IndexSignature = SIGNATURE, rebuild: bool = False) -> VectorStore:
    return get_store(make_settings(tmp_path / "data", store=store_setting), signature, rebuild=rebuild)


@pytest.mark.server
def test_upsert_query_get_delete_roundtrip(tmp_path: Path, store_setting: str) -> None:
    store = _open(tmp_path, store_setting)
    chunks = [_chunk(i) for i in range(6)]
    store.upsert(chunks, _vectors(6))
    assert store.count() == 6
    hits = store.query(_vectors(6)[2], k=2)
    assert hits[0].chunk.chunk_id in {"a-0002", "a-0006"}
    assert hits[0].similarity == pytest.approx(1.0, abs=1e-3)
    assert hits[0].chunk.span == Span(200, 200 + len("chunk number 2"))
    assert hits[0].chunk.sentences == (Span(200, 200 + len("chunk number 2")),)
    got, vectors = store.get(["a-0003", "a-0001", "missing"], with_vectors=True)
    assert [c.chunk_id for c in got] == ["a-0003", "a-0001"]
    assert vectors is not None and vectors.shape == (2, 4)
    assert got[0].title == "Titre" and got[0].date == "2024-12-06"
    store.upsert([_chunk(1)], _vectors(2)[1:])  # upsert is idempotent
    assert store.count() == 6
    store.delete(["a-0001", "a-0002"])
    assert store.ids() == ["a-0000", "a-0003", "a-0004", "a-0005"]


@pytest.mark.server
def test_where_filter_limits_results(tmp_path: Path, store_setting: str) -> None:
    store = _open(tmp_path, store_setting)
    store.upsert([_chunk(0, "a"), _chunk(1, "b")], _vectors(2))
    hits = store.query(_vectors(1)[0], k=5, where={"article_id": {"$in": ["b"]}})
    assert [h.chunk.article_id for h in hits] == ["b"]


@pytest.mark.server
def test_other_embedder_is_refused_until_rebuild(tmp_path: Path, store_setting: str) -> None:
    store = _open(tmp_path, store_setting)
    store.upsert([_chunk(0)], _vectors(1))
    other = IndexSignature("another/8", 8, SIGNATURE.chunking)
    with pytest.raises(IndexMismatch, match="newsrag ingest --rebuild"):
        _open(tmp_path, store_setting, other)
    rebuilt = _open(tmp_path, store_setting, other, rebuild=True)
    assert rebuilt.count() == 0


@pytest.mark.server
def test_empty_store_queries_return_nothing(tmp_path: Path, store_setting: str) -> None:
    assert _open(tmp_path, store_setting).query(_vectors(1)[0], k=3) == []


def test_unreachable_server_names_the_fix(tmp_path: Path) -> None:
    from tests.servers import free_port

    with pytest.raises(StoreError, match="chroma run"):
        _open(tmp_path, f"chroma-http:127.0.0.1:{free_port()}")


def test_bad_vector_shape_is_refused(tmp_path: Path) -> None:
    store = _open(tmp_path, "chroma-local")
    with pytest.raises(StoreError, match="shape"):
        store.upsert([_chunk(0)], np.zeros((1, 3), dtype=np.float32))
