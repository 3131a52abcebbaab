"""Tests never touch the network, and each test gets its own data folder.

- An autouse guard refuses any socket connection to a non-loopback address.
- `settings` gives a tmp data folder with the fake embedder and the fake LLM; the model cache is the
  real one (read only: tiktoken's encodings live there; `make test` provisions it first).
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import socket
from pathlib import Path

import pytest

import rag  # noqa: F401 - offline environment first
from rag._paths import default_model_dir
from rag.config import Settings, load_settings
from rag.llm import Message

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATASETS = ROOT / "evals" / "datasets"
MODEL_DIR = default_model_dir()

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False
    return True  # AF_UNIX paths


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_loopback(address):
        raise ConnectionRefusedError(f"tests may not reach the network: connection to {address!r} blocked")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_loopback(address):
        raise ConnectionRefusedError(f"tests may not reach the network: connection to {address!r} blocked")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSRAG_HOME", str(tmp_path / "home"))
    for key in ("NEWSRAG_LLM", "NEWSRAG_EMBEDDER", "NEWSRAG_STORE"):
        monkeypatch.delenv(key, raising=False)


def restate_last(messages: list[Message]) -> str:
    """A summary fake: restates, faithfully, the last article sentence the prompt quotes ("- text" lines);
    in a lead group that is usually the lead itself, after the caption or dateline that dates it."""
    quoted = re.findall(r"^- (.+)$", messages[-1].content, flags=re.M)
    return quoted[-1] if quoted else ""


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    values = {"embedder": "fake", "llm": "fake", "model_dir": MODEL_DIR}
    values.update(overrides)
    return load_settings(data_dir, environ={}, **values)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def pytest_report_header(config: pytest.Config) -> str:
    return f"newsrag model cache: {MODEL_DIR} ({'present' if MODEL_DIR.exists() else 'absent: run make models'}); cores: {os.cpu_count()}"
