"""A full disk (a real 8 MB tmpfs, mounted when the test runs as root) and a read-only data folder (made
binding for root by dropping its DAC capabilities with setpriv): one clear line naming the fix, exit 5,
nothing corrupted, and the same command succeeds once the space or the permission is back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.cli import main
from tests.conftest import ROOT, SEEDS
from tests.unit.test_kill_ingest import _generated_articles, _snapshot
from tests.unit.test_nasty_ingest import _without_root_privileges

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)  # lazy: Chroma may still hold its files open


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    stats = os.statvfs(disk)
    with filler.open("wb") as out:
        try:
            out.write(b"\0" * (stats.f_bavail * stats.f_frsize))
        except OSError:
            pass
    return filler


def test_a_full_disk_is_a_clear_error_and_corrupts_nothing(small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSRAG_EMBEDDER", "fake")
    data = small_disk / "data"
    _generated_articles(tmp_path / "generated", 10)
    assert main(["--data-dir", str(data), "ingest", str(SEEDS)]) == 0
    before = _snapshot(data)
    filler = _fill(small_disk)
    capsys.readouterr()

    assert main(["--data-dir", str(data), "ingest", str(tmp_path / "generated")]) == 5
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "(No space left on device): free disk space on the drive of" in err and "nothing already stored was changed" in err
    filler.unlink()
    after_failure = _snapshot(data)
    assert after_failure["manifest"] == before["manifest"] and after_failure["temporary_files"] == []

    assert main(["--data-dir", str(data), "ingest", str(tmp_path / "generated")]) == 0  # space is back: the same command works
    final = _snapshot(data)
    assert len(final["manifest"]) == 15 and final["ids"] == final["bm25"]  # type: ignore[arg-type]
    assert set(before["ids"]) <= set(final["ids"])  # type: ignore[arg-type]


def test_a_read_only_data_folder_is_a_clear_error_and_corrupts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = _without_root_privileges()
    data = tmp_path / "data"
    _generated_articles(tmp_path / "generated", 4)
    monkeypatch.setenv("NEWSRAG_EMBEDDER", "fake")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def ingest(path: Path, unprivileged: bool) -> subprocess.CompletedProcess[str]:
        command = [*prefix, sys.executable, "-m", "rag.cli", "--data-dir", str(data), "ingest", str(path)]
        if not unprivileged:  # in process: only the read-only attempt needs a process of its own
            return subprocess.CompletedProcess(command, main(["--data-dir", str(data), "ingest", str(path)]))
        return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)

    assert ingest(SEEDS, unprivileged=False).returncode == 0
    before = _snapshot(data)
    folders = [data, *(p for p in data.rglob("*") if p.is_dir())]
    files = [p for p in data.rglob("*") if p.is_file()]
    for path in files:
        path.chmod(0o444)
    for path in folders:
        path.chmod(0o555)
    try:
        done = ingest(tmp_path / "generated", unprivileged=True)
    finally:
        for path in folders:
            path.chmod(0o755)
        for path in files:
            path.chmod(0o644)
    assert done.returncode == 5, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "writable" in lines[0] and "--data-dir" in lines[0], lines[0]
    assert _snapshot(data) == before
    assert ingest(tmp_path / "generated", unprivileged=False).returncode == 0  # writable again: the same command works
    print(f"\nread-only data folder: {lines[0]}")
