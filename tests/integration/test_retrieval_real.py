"""Cross-lingual retrieval with EmbeddingGemma: an English question finds the French sentence."""

from __future__ import annotations

import pytest

from rag.service import Service

pytestmark = pytest.mark.integration


def test_english_oreshnik_question_finds_the_000_sentence_in_the_top_3(real_service: Service) -> None:
    hits = real_service.retrieve("When might Oreshnik be deployed?").hits[:3]
    assert any(h.chunk.source.startswith("000_") and "second semestre 2025" in h.chunk.text for h in hits), [
        (h.chunk.source, h.chunk.text[:80]) for h in hits
    ]
