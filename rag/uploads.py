"""Uploaded files, checked and saved under `<data_dir>/uploads` before they are ingested like any other file.

Rules, checked before anything is written (an upload breaking one is refused whole, with a message naming
the fix): at most `upload_max_files` files, each at most `upload_max_bytes` bytes and not empty, an
extension the loaders read (the same list `newsrag ingest` accepts), a declared content type that is text
or JSON (or unknown), and no NUL byte (a binary file renamed .txt). Names are reduced to their last path
component and to `[A-Za-z0-9._-]` (accents folded), so a name can never point outside the uploads folder;
the saved path is checked to be inside it anyway. Saving replaces a previous upload of the same name, so
uploading an edited file updates its article, as re-running `newsrag ingest` on an edited file does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rag.errors import UnsupportedUpload, UploadRejected, UploadTooLarge
from rag.fsutil import atomic_write
from rag.ingest.loaders import FORMATS, SUPPORTED

MAX_NAME_CHARS = 100
# Declared types browsers and HTTP clients send for the formats we read; empty or octet-stream means "unknown".
TEXT_TYPES = ("text/", "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
              "application/xhtml+xml", "application/octet-stream")


@dataclass(frozen=True)
class Upload:
    """One uploaded file as received: the name the client gave, its bytes, and its declared content type."""

    name: str
    data: bytes
    content_type: str | None = None


def sanitise_name(name: str) -> str:
    """The last path component of `name`, accents folded, every other character outside [A-Za-z0-9._-]
    replaced by "_", no leading dot, at most MAX_NAME_CHARS characters (the extension kept)."""
    base = re.split(r"[\\/]", name or "")[-1]
    folded = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", folded).lstrip(".")
    stem, dot, suffix = clean.rpartition(".")
    if dot and len(clean) > MAX_NAME_CHARS:
        clean = stem[: MAX_NAME_CHARS - len(suffix) - 1] + "." + suffix
    return clean[:MAX_NAME_CHARS]


def check_size(name: str, size: int, max_bytes: int) -> None:
    """UploadTooLarge when `size` is over `max_bytes` (callers that know a file's size check before reading it)."""
    if size > max_bytes:
        raise UploadTooLarge(f"{name or '(no name)'}: file is over {max_bytes:,} bytes: split it, "
                             "or raise upload_max_bytes in settings.json")


def check_uploads(uploads: list[Upload], max_files: int, max_bytes: int) -> list[str]:
    """Every rule of the module docstring; returns the sanitised names, or raises UploadRejected."""
    if not uploads:
        raise UploadRejected("no file uploaded: attach one or more article files (" + SUPPORTED + ")")
    if len(uploads) > max_files:
        raise UploadRejected(f"{len(uploads)} files uploaded, the limit is {max_files}: upload them in smaller batches")
    names: list[str] = []
    for upload in uploads:
        shown = upload.name or "(no name)"
        name = sanitise_name(upload.name)
        suffix = Path(name).suffix.lower()
        if not re.search(r"[A-Za-z0-9]", Path(name).stem):
            raise UploadRejected(f"{shown}: the file name has no usable characters: rename it, e.g. article.txt")
        if suffix not in FORMATS:
            raise UnsupportedUpload(f"{shown}: unsupported file type ({suffix or 'no extension'}): supported are {SUPPORTED}; "
                                 "convert it or leave it out")
        declared = (upload.content_type or "").split(";")[0].strip().lower()
        if declared and not declared.startswith(TEXT_TYPES):
            raise UnsupportedUpload(f"{shown}: content type {declared} is not text: upload the article as text, Markdown, HTML or JSON")
        check_size(shown, len(upload.data), max_bytes)
        if not upload.data:
            raise UploadRejected(f"{shown}: the file is empty: upload the article's text")
        if b"\x00" in upload.data and not upload.data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UnsupportedUpload(f"{shown}: the file is binary, not text: export the article as text, Markdown, HTML or JSON")
        if name in names:
            raise UploadRejected(f"{shown}: two uploaded files are both named {name}: rename one")
        names.append(name)
    return names


def save_uploads(uploads: list[Upload], folder: Path, max_files: int, max_bytes: int) -> list[Path]:
    """Check every upload, then write each to `folder/<sanitised name>` atomically; returns the paths written."""
    names = check_uploads(uploads, max_files, max_bytes)
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    paths: list[Path] = []
    for upload, name in zip(uploads, names, strict=True):
        target = (root / name).resolve()
        if target.parent != root:  # unreachable after sanitise_name; kept as the last line of defence
            raise UploadRejected(f"{upload.name}: the name points outside the uploads folder: rename the file")
        data = upload.data
        atomic_write(target, lambda out, data=data: out.write(data))
        paths.append(target)
    return paths
