"""Model files missing, truncated or damaged: refused with the fix (`newsrag models pull`). Every case uses a
tmp --model-dir holding copies or truncated/sparse files; the real model cache is only read."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from rag.cli import main
from rag.embed import get_embedder
from rag.errors import ModelMissing
from rag.llm import get_llm
from rag.models import get_spec, model_path
from rag.tokens import TokenCounter
from tests.conftest import MODEL_DIR, make_settings

LLM = get_spec("qwen2.5-coder-1.5b")
EMBEDDER = get_spec("embeddinggemma-300m")
REAL_GGUF = model_path(LLM, MODEL_DIR)
REAL_GEMMA = model_path(EMBEDDER, MODEL_DIR)
needs_models = pytest.mark.skipif(not (REAL_GGUF.exists() and REAL_GEMMA.exists()), reason="run 'newsrag models pull'")


def _settings(tmp_path: Path, model_dir: Path):  # -> Settings
    return make_settings(tmp_path / "data", embedder="st:embeddinggemma-300m", llm="llamacpp:qwen2.5-coder-1.5b", model_dir=model_dir)


def test_missing_models_name_the_fix(tmp_path: Path) -> None:
    settings = _settings(tmp_path, tmp_path / "empty-cache")
    for build in (lambda: get_llm(settings), lambda: get_embedder(settings), lambda: TokenCounter(settings.model_dir)):
        with pytest.raises(ModelMissing, match=r"not found at .*: run 'newsrag models pull'"):
            build()


def test_the_cli_reports_a_missing_model_on_one_line_with_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(MODEL_DIR / "tiktoken", cache / "tiktoken")  # the tokenizer is there, the models are not
    assert main(["--data-dir", str(tmp_path / "data"), "--model-dir", str(cache), "ask", "Où le traité a-t-il été signé ?"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsrag: model 'embeddinggemma-300m' not found at ")
    assert err.rstrip().endswith("run 'newsrag models pull'")


@needs_models
def test_truncated_models_are_refused_without_loading_them(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    with REAL_GGUF.open("rb") as source:
        (cache / LLM.target).write_bytes(source.read(1 << 20))
    shutil.copytree(REAL_GEMMA, cache / EMBEDDER.target, ignore=shutil.ignore_patterns("model.safetensors"))
    with (REAL_GEMMA / "model.safetensors").open("rb") as source:
        (cache / EMBEDDER.target / "model.safetensors").write_bytes(source.read(1 << 20))
    settings = _settings(tmp_path, cache)
    started = time.perf_counter()
    with pytest.raises(ModelMissing, match=r"has 1048576 bytes, expected 1117320768: run 'newsrag models pull' to re-assemble it"):
        get_llm(settings)
    with pytest.raises(ModelMissing, match=r"has 1048576 bytes, expected 1211486072: run 'newsrag models pull' to re-assemble it"):
        get_embedder(settings)
    assert time.perf_counter() - started < 2  # a size check, no hashing, no loading


SMALL = get_spec("qwen2.5-coder-0.5b")


@pytest.mark.slow
def test_a_damaged_model_of_the_right_size_is_refused_after_its_checksum(tmp_path: Path) -> None:
    """The same size passes the cheap check; the load fails, and only then is the file hashed (0.5 GB here:
    the small model keeps this test short; the embedder goes through the same rag.models.load_failure)."""
    cache = tmp_path / "cache"
    cache.mkdir()
    with (cache / SMALL.target).open("wb") as out:  # sparse: the right size, the wrong bytes
        out.truncate(SMALL.size or 0)
    settings = make_settings(tmp_path / "data", llm="llamacpp:qwen2.5-coder-0.5b", model_dir=cache)
    started = time.perf_counter()
    with pytest.raises(ModelMissing, match=r"is damaged \(sha256 [0-9a-f]{64} != expected [0-9a-f]{64}\): run 'newsrag models pull'"):
        get_llm(settings)
    print(f"\ndamaged 0.5 GB model refused after its checksum in {time.perf_counter() - started:.1f} s")
