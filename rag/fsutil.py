"""Atomic file writes: a temporary file in the same folder, fsync, then os.replace, so a reader (or a
run killed mid-write) never sees half a file."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from rag.errors import StoreError


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write `path` whole or not at all. A full disk or a read-only folder raises StoreError naming the fix;
    the previous version of the file is left as it was."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _write_error(path, error) from error
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _write_error(path, error) from error
        raise


def _write_error(path: Path, error: OSError) -> StoreError:
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        fix = f"free disk space on the drive of {path.parent} (or choose another --data-dir), then run the command again"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        fix = f"make {path.parent} writable (or choose a writable --data-dir), then run the command again"
    else:
        fix = f"check {path.parent}, then run the command again"
    return StoreError(f"cannot write {path.name} ({reason}): {fix}; nothing already stored was changed")


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
