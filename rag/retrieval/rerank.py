"""An optional second stage: a cross-encoder rescoring the fused candidates. Off by default (no
multilingual cross-encoder ships offline here); the slot takes a local sentence-transformers
CrossEncoder folder, never a hub id."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from rag.errors import ModelMissing


class Scorer(Protocol):
    def predict(self, pairs: list[tuple[str, str]]) -> list[float]: ...


class CrossEncoderReranker:
    """Reorders (id, text) candidates by the cross-encoder's score for (query, text), best first."""

    def __init__(self, model: Scorer) -> None:
        self.model = model

    @classmethod
    def from_path(cls, path: str) -> CrossEncoderReranker:
        folder = Path(path).expanduser()
        if not (folder / "config.json").exists():
            raise ModelMissing(f"no cross-encoder at {folder}: set reranker to a local sentence-transformers CrossEncoder folder, or unset it")
        from sentence_transformers import CrossEncoder

        return cls(CrossEncoder(str(folder), device="cpu", local_files_only=True))

    def rerank(self, query: str, candidates: list[tuple[str, str]]) -> list[tuple[str, float]]:
        if not candidates:
            return []
        scores = [float(s) for s in self.model.predict([(query, text) for _, text in candidates])]
        order = sorted(range(len(candidates)), key=lambda i: (-scores[i], i))
        return [(candidates[i][0], scores[i]) for i in order]
