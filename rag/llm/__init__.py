"""LLM backends chosen by a string:

- `llamacpp:qwen2.5-coder-1.5b` (default) or `llamacpp:/path/model.gguf`
- `openai:http://127.0.0.1:8080/v1` (model and key from settings; `openai:URL#model` also works)
- `fake` (scripted: `fake:reply text`)
"""

from __future__ import annotations

from pathlib import Path

from rag.config import Settings
from rag.errors import BackendError, ConfigError, ModelMissing
from rag.llm.base import LLM, Message
from rag.llm.fake import FakeLLM, FunctionLLM

__all__ = ["LLM", "Message", "FakeLLM", "FunctionLLM", "get_llm", "llm_name"]


def get_llm(settings: Settings, name: str | None = None) -> LLM:
    spec = name or settings.llm
    if spec == "fake" or spec.startswith("fake:"):
        return FakeLLM([spec[5:]] if spec.startswith("fake:") else None)
    if spec.startswith("llamacpp:"):
        from rag.llm.llamacpp import LlamaCppLLM
        from rag.models import get_spec, load_failure, require

        target = spec[len("llamacpp:"):]
        path = Path(target).expanduser()
        if path.suffix == ".gguf":
            if not path.exists():
                raise ModelMissing(f"model file not found at {path}: fix the llm setting or run 'newsrag models pull'")
            model_name = path.stem
        else:
            model = get_spec(target)
            if model.role != "llm":
                raise ConfigError(f"'{target}' is a {model.role}, not an LLM: use 'llamacpp:qwen2.5-coder-1.5b'")
            path = require(model, settings.model_dir)
            try:
                return LlamaCppLLM(path, model.name, settings.n_ctx, settings.n_threads, settings.temperature, settings.seed)
            except BackendError as error:
                raise load_failure(model, settings.model_dir, error) from error
        return LlamaCppLLM(path, model_name, settings.n_ctx, settings.n_threads, settings.temperature, settings.seed)
    if spec.startswith("openai:"):
        from rag.llm.openai import OpenAICompatLLM

        url, _, model = spec[len("openai:"):].partition("#")
        return OpenAICompatLLM(url or settings.openai_base_url, model or settings.openai_model, settings.openai_api_key,
                               settings.openai_timeout, settings.openai_retries, settings.temperature, settings.n_ctx)
    raise ConfigError(f"unknown llm '{spec}': use 'llamacpp:qwen2.5-coder-1.5b', 'openai:http://HOST:PORT/v1' or 'fake'")


def llm_name(settings: Settings, name: str | None = None) -> str:
    """The `name` that `get_llm` would give the model, worked out without loading it (cache keys of
    summaries and briefs need it before any model is needed). Same validation as get_llm."""
    spec = name or settings.llm
    if spec == "fake" or spec.startswith("fake:"):
        return "fake"
    if spec.startswith("llamacpp:"):
        from rag.models import get_spec

        target = spec[len("llamacpp:"):]
        path = Path(target).expanduser()
        if path.suffix == ".gguf":
            return path.stem
        model = get_spec(target)
        if model.role != "llm":
            raise ConfigError(f"'{target}' is a {model.role}, not an LLM: use 'llamacpp:qwen2.5-coder-1.5b'")
        return model.name
    if spec.startswith("openai:"):
        url, _, model = spec[len("openai:"):].partition("#")
        return f"openai:{(url or settings.openai_base_url).rstrip('/')}#{model or settings.openai_model}"
    raise ConfigError(f"unknown llm '{spec}': use 'llamacpp:qwen2.5-coder-1.5b', 'openai:http://HOST:PORT/v1' or 'fake'")
