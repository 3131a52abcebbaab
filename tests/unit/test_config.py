import json
from pathlib import Path

import pytest

from rag.config import load_settings
from rag.errors import ConfigError


def test_precedence_defaults_file_env_overrides(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"k": 7, "llm": "fake"}))
    settings = load_settings(tmp_path, environ={"NEWSRAG_LLM": "openai:http://127.0.0.1:9/v1"}, k=None, candidates=12)
    assert settings.k == 7
    assert settings.llm == "openai:http://127.0.0.1:9/v1"
    assert settings.candidates == 12
    assert settings.data_dir == tmp_path.resolve()


def test_unknown_keys_are_refused_with_the_file_named(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"kk": 7}))
    with pytest.raises(ConfigError, match="settings.json"):
        load_settings(tmp_path, environ={})


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, environ={})
    with pytest.raises(Exception):
        settings.k = 3  # type: ignore[misc]


def test_package_import_sets_offline_environment() -> None:
    import os

    import rag  # noqa: F401

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert os.environ["HF_HUB_DISABLE_TELEMETRY"] in ("1", "True")  # Gradio rewrites it as "True" once a Blocks is built
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    assert os.environ["TIKTOKEN_CACHE_DIR"].endswith("tiktoken")
