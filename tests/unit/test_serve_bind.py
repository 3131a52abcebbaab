"""`newsrag serve` refuses a non-loopback address without authentication, at the CLI, before any UI code runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rag.bind import check_bind, is_loopback
from rag.cli import main
from rag.errors import ConfigError


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.org", "[::]"])
def test_serve_on_a_public_address_without_auth_is_refused(host: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSRAG_AUTH", raising=False)
    sys.modules.pop("ui.app", None)
    assert main(["--data-dir", str(tmp_path / "data"), "serve", "--host", host]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"newsrag: refusing to serve on {host} without authentication: pass --auth user:password or set NEWSRAG_AUTH, "
                   "or serve on 127.0.0.1")
    assert "ui.app" not in sys.modules  # refused before the app was even imported
    assert not (tmp_path / "data").exists()  # and before anything was built


@pytest.mark.parametrize("auth", ["admin", ":secret", "admin:"])
def test_malformed_credentials_are_refused(auth: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "serve", "--host", "0.0.0.0", "--auth", auth]) == 2
    assert "--auth must look like user:password" in capsys.readouterr().err


def test_loopback_needs_no_auth_and_public_needs_it() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2", "[::1]"):
        assert is_loopback(host)
        check_bind(host, None)
    check_bind("0.0.0.0", "admin:secret")
    with pytest.raises(ConfigError, match="empty"):
        check_bind(" ", None)
