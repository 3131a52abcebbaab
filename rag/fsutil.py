"""Atomic file writes: a temporary file in the same folder, fsync, then os.replace, so a reader (or a
run killed mid-write) never sees half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda out: out.write(text.encode("utf-8")))


def remove_stale_temporaries(folder: Path) -> int:
    """Delete the temporary files `atomic_write` leaves when its process is killed before os.replace.
    Call only when no other process is writing into `folder`. Returns how many were removed."""
    removed = 0
    for path in folder.rglob(".*.tmp"):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
