"""Real models: one seeded index per test session, built with EmbeddingGemma, answered by Qwen 1.5B."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.service import Service
from tests.conftest import MODEL_DIR, SEEDS, make_settings


@pytest.fixture(scope="session")
def real_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    data = tmp_path_factory.mktemp("real-index")
    settings = make_settings(data, embedder="st:embeddinggemma-300m", llm="llamacpp:qwen2.5-coder-1.5b", model_dir=MODEL_DIR)
    service = Service(settings)
    report = service.ingest([SEEDS])
    assert report.articles_new == 5 and not report.rejected
    yield service


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEEDS
