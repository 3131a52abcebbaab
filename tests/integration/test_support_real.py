"""The support scorer with the real EmbeddingGemma-300m embedder, on labelled claim/passage pairs.

claims-dev.jsonl is the project's dev set; tests/data/claims-extra.jsonl holds our own pairs written from
the seed articles (the threshold was chosen on these, never on claims-dev).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

import rag  # noqa: F401  (sets the offline environment before sentence_transformers is imported)
from rag._paths import default_model_dir
from rag.answer.support import SupportScorer

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "evals" / "datasets" / "claims-dev.jsonl"
EXTRA = ROOT / "tests" / "data" / "claims-extra.jsonl"
MODEL_DIR = default_model_dir() / "embeddinggemma-300m"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def scorer() -> SupportScorer:
    if not (MODEL_DIR / "model.safetensors").exists():
        pytest.skip(f"EmbeddingGemma not found at {MODEL_DIR}: run 'newsrag models pull'")
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(MODEL_DIR), device="cpu", local_files_only=True)

    def embed(texts: list[str]) -> np.ndarray:
        return model.encode(texts, prompt_name="STS", normalize_embeddings=True, batch_size=32)

    return SupportScorer(embed)


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _accuracy(scorer: SupportScorer, pairs: list[dict], name: str, timed: bool = True) -> tuple[float, dict[str, float]]:
    start = time.perf_counter()
    verdicts = scorer.score_many([(p["claim"], p["passage"]) for p in pairs])
    elapsed = time.perf_counter() - start
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for pair, verdict in zip(pairs, verdicts, strict=True):
        correct = verdict.supported == pair["supported"]
        by_kind[pair["kind"]].append(correct)
        if not correct:
            print(f"  wrong {pair['id']} {pair['kind']} label={pair['supported']} score={verdict.score} {verdict.reasons}")
    overall = float(np.mean([c for cs in by_kind.values() for c in cs]))
    per_kind = {kind: float(np.mean(cs)) for kind, cs in sorted(by_kind.items())}
    timing = f", {1000 * elapsed / len(pairs):.0f} ms/pair (embeddings not cached yet)" if timed else ""
    print(f"{name}: accuracy {overall:.3f} on {len(pairs)} pairs{timing}")
    for kind, acc in per_kind.items():
        print(f"  {kind:14s} {acc:.2f} ({len(by_kind[kind])})")
    return overall, per_kind


def test_dev_pairs(scorer: SupportScorer) -> None:
    overall, per_kind = _accuracy(scorer, _load(DEV), "claims-dev")
    assert overall >= 0.95
    assert min(per_kind.values()) >= 0.75


def test_extra_pairs(scorer: SupportScorer) -> None:
    pairs = _load(EXTRA)
    assert len(pairs) >= 30
    assert {p["lang"] for p in pairs} == {"fr", "en"}
    overall, per_kind = _accuracy(scorer, pairs, "claims-extra")
    for batch in sorted({p.get("batch", 1) for p in pairs}):
        _accuracy(scorer, [p for p in pairs if p.get("batch", 1) == batch], f"claims-extra batch {batch}", timed=False)
    assert overall >= 0.95
    assert min(per_kind.values()) >= 0.75
