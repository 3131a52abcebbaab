"""The app served for real by a subprocess (tests/browser/serve_app.py) on 127.0.0.1, for the API and browser tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT
from tests.servers import free_port, server


@contextmanager
def served_app(data_dir: Path, *options: str, timeout: float = 240.0) -> Iterator[str]:
    """Ingest the seeds into `data_dir` and serve the app; yields its base URL. Options go to serve_app."""
    port = free_port()
    command = [sys.executable, "-m", "tests.browser.serve_app", str(data_dir), str(port), *options]
    env = {"PYTHONPATH": str(ROOT), "NEWSRAG_HOME": str(data_dir)}
    with server(command, port, data_dir.parent / f"server-{port}.log", timeout=timeout, env=env):
        yield f"http://127.0.0.1:{port}"
