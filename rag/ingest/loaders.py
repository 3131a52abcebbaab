"""Loading article files: .txt, .md, .html/.htm, .json (an object or a list of objects) and .jsonl.

`load_file` raises `BadInput` with a one-line reason for a file that cannot be used. `iter_corpus`
walks files and directories and never raises for one bad file: each problem becomes a `Rejected` entry
that says what is wrong and what to do.

Decoding: a UTF-16 BOM means UTF-16; otherwise strict UTF-8 (a UTF-8 BOM is dropped), then strict
CP1252 (a superset of Latin-1's printable range) when the result looks like text. Binary files (known
magic numbers, NUL bytes, many control bytes) are rejected before decoding.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rag.errors import BadInput

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
SUPPORTED = ", ".join(sorted(FORMATS))


@dataclass(frozen=True)
class RawDoc:
    source: str  # file name, or "name.jsonl#3" for the 4th record of a JSONL file / JSON list
    source_path: str  # absolute path
    text: str  # decoded text; for HTML the article body, paragraphs separated by "\n"
    title: str | None = None  # HTML <h1>/<title>, Markdown heading, JSON 'title'
    url: str | None = None
    date: str | None = None  # raw value from JSON 'date' (or HTML/Markdown metadata) if present
    outlet: str | None = None  # from JSON 'outlet' (or HTML og:site_name) if present
    format: str = "txt"  # txt | md | html | json | jsonl


@dataclass(frozen=True)
class Rejected:
    path: str  # absolute path, with "#n" for one record of a JSON list / JSONL file
    reason: str  # one line: what is wrong and what to do


def _absolute(path: Path) -> str:
    """Absolute path with its directories resolved (so it matches resolved corpus roots) but the file's
    own name kept, even when the file is a symlink."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.parent.resolve() / absolute.name)
    except (OSError, RuntimeError):
        return str(absolute)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- bytes to text ---------------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image", "it is not an article"),
    (b"\xff\xd8\xff", "JPEG image", "it is not an article"),
    (b"GIF87a", "GIF image", "it is not an article"),
    (b"GIF89a", "GIF image", "it is not an article"),
    (b"RIFF", "RIFF media file", "it is not an article"),
    (b"%PDF-", "PDF document", "extract its text to a .txt file first"),
    (b"PK\x03\x04", "zip archive (or .docx/.odt)", "unpack it or export the article as .txt first"),
    (b"\x1f\x8b", "gzip archive", "decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive", "unpack it first"),
    (b"\x7fELF", "ELF executable", "it is not an article"),
    (b"SQLite format 3\x00", "SQLite database", "export the articles as .jsonl first"),
)
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_TEXT_HINT = "re-save it as UTF-8 text"
_NON_ASCII = re.compile(r"[^\x00-\x7e]")


def decode_bytes(data: bytes, name: str) -> str:
    """The text of `data`, or BadInput saying why it is not text."""
    for magic, kind, fix in _MAGIC:
        if data.startswith(magic):
            raise BadInput(f"{name}: binary file ({kind}), not text: {fix}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadInput(f"{name}: has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason}): {_TEXT_HINT}") from None
        return text.lstrip("\ufeff")
    if b"\x00" in data:
        raise BadInput(f"{name}: binary file (contains NUL bytes), not text: if it is UTF-16 without a byte-order mark, {_TEXT_HINT}")
    sample = data[:65_536]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > 0.05:
        raise BadInput(f"{name}: binary file ({controls * 100 // len(sample)}% control bytes), not text: {_TEXT_HINT}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # a UTF-8 file cut in the middle of its last character
            return data[: exc.start].decode("utf-8-sig")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise BadInput(f"{name}: cannot decode as UTF-8, UTF-16 or CP1252/Latin-1: {_TEXT_HINT}") from None
    high = len(_NON_ASCII.findall(text))
    if text and high / len(text) > 0.3:
        raise BadInput(f"{name}: does not look like text in UTF-8 or CP1252/Latin-1 ({high * 100 // len(text)}% non-ASCII): {_TEXT_HINT}")
    return text


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- HTML ------------------------------------------------------------------------------------------

_SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "iframe", "form", "noscript", "svg", "template",
                   "button", "select", "textarea", "object", "canvas", "dialog"})  # fmt: skip
_BLOCK = frozenset({"address", "article", "header", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
                    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr",
                    "ul", "body", "html", "head", "title", "td", "th", "caption", "details", "summary"})  # fmt: skip
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_HTML_SPACES = re.compile(r"[ \t\r\n\f]+")


class _ArticleParser(HTMLParser):
    """Collects body lines tagged with the <article> / <main> they sit in, plus the head's metadata.

    Content inside script/style/nav/header/footer/aside/iframe/form (and other non-content elements) is
    dropped; a <header> or <footer> inside an <article> keeps its headline but drops its footer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, int | None, bool]] = []  # (text, article index, in <main>)
        self.meta: dict[str, str] = {}
        self.title_tag = ""
        self.h1: list[tuple[str, bool]] = []  # (text, inside an <article>)
        self._buffer: list[str] = []
        self._skip: list[str] = []
        self._article_stack: list[int] = []
        self._articles = 0
        self._main = 0
        self._pre = 0
        self._in_title = False
        self._in_head = False
        self._h1_buffer: list[str] | None = None

    # context
    def _context(self) -> tuple[int | None, bool]:
        return (self._article_stack[-1] if self._article_stack else None, self._main > 0)

    def _flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        if not self._pre:
            text = _HTML_SPACES.sub(" ", text)
        for line in text.split("\n"):
            if line.strip():
                self.lines.append((line.strip(), *self._context()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower() and attributes.get("href"):
            self.meta.setdefault("canonical", attributes["href"])
        elif tag == "time" and attributes.get("datetime"):
            self.meta.setdefault("time", attributes["datetime"])
        if self._skip:
            if tag in _SKIP and tag not in _VOID:
                self._skip.append(tag)
            return
        if tag in _SKIP and not (tag == "header" and self._article_stack):  # an article's own header holds its headline
            self._flush()
            self._skip.append(tag)
            return
        if tag == "head":
            self._in_head = True
        if tag == "title":
            self._in_title = True
            return
        if tag in _BLOCK:
            self._flush()
        if tag == "br":
            self._buffer.append("\n")
        elif tag == "article":
            self._article_stack.append(self._articles)
            self._articles += 1
        elif tag == "main":
            self._main += 1
        elif tag == "pre":
            self._pre += 1
        elif tag == "h1" and self._h1_buffer is None:
            self._h1_buffer = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            elif tag in ("body", "html", "article", "main"):
                self._skip.clear()  # an unclosed <nav> must not swallow the rest of the page
            else:
                return
            if self._skip:
                return
        if tag == "title":
            self._in_title = False
            return
        if tag == "head":
            self._in_head = False
        if tag in _BLOCK:
            self._flush()
        if tag == "article" and self._article_stack:
            self._article_stack.pop()
        elif tag == "main" and self._main:
            self._main -= 1
        elif tag == "pre" and self._pre:
            self._pre -= 1
        elif tag == "h1" and self._h1_buffer is not None:
            text = " ".join("".join(self._h1_buffer).split())
            if text:
                self.h1.append((text, bool(self._article_stack)))
            self._h1_buffer = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title_tag += data
            return
        if self._in_head:
            return
        self._buffer.append(data)
        if self._h1_buffer is not None:
            self._h1_buffer.append(data)

    def _meta(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        content = attributes.get("content", "").strip()
        if key and content:
            self.meta.setdefault(key, content)

    def close(self) -> None:
        super().close()
        self._flush()


def parse_html(html: str) -> tuple[str, dict[str, str | None]]:
    """(article body as lines, {title, url, date, outlet}) from an HTML page.

    The body is the <article> with the most text, else <main>, else the whole <body>."""
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    by_article: dict[int, list[str]] = {}
    for text, article, _ in parser.lines:
        if article is not None:
            by_article.setdefault(article, []).append(text)
    if by_article:
        lines = max(by_article.values(), key=lambda ls: sum(len(line) for line in ls))
    else:
        in_main = [text for text, _, main in parser.lines if main]
        lines = in_main or [text for text, _, _ in parser.lines]
    h1 = next((t for t, in_article in parser.h1 if in_article), None) or (parser.h1[0][0] if parser.h1 else None)
    title = h1 or " ".join(parser.title_tag.split()) or parser.meta.get("og:title")
    meta = parser.meta
    info: dict[str, str | None] = {
        "title": title or None,
        "url": meta.get("og:url") or meta.get("canonical"),
        "date": meta.get("article:published_time") or meta.get("datepublished") or meta.get("date") or meta.get("time"),
        "outlet": meta.get("og:site_name"),
    }
    return "\n".join(lines), info


# --- Markdown --------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^(?:=+|-+)\s*$")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def parse_markdown(text: str) -> tuple[str, dict[str, str | None]]:
    """Plain text from light Markdown (front matter, headings, links, images, bold, quotes, rules),
    and {title, url, date, outlet} from the front matter or the first heading."""
    info: dict[str, str | None] = {"title": None, "url": None, "date": None, "outlet": None}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            key = key.strip().lower()
            if key in info and value.strip():
                info[key] = value.strip().strip("\"'")
        text = text[front.end() :]
    text = _MD_COMMENT.sub("", text)
    out: list[str] = []
    for line in text.split("\n"):
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
            if info["title"] is None and line.strip():
                info["title"] = line.strip()
        elif _MD_SETEXT.match(line) and out and out[-1].strip():
            if info["title"] is None:
                info["title"] = out[-1].strip()
            continue
        elif _MD_RULE.match(line.strip()):
            continue
        line = re.sub(r"^\s*>\s?", "", line)
        line = _MD_STRONG.sub(r"\2", _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line)))
        out.append(line)
    return "\n".join(out), info


# --- JSON ------------------------------------------------------------------------------------------


def _record(obj: Any, where: str) -> dict[str, str | None]:
    """The fields of one JSON record, or BadInput saying what is missing."""
    if not isinstance(obj, dict):
        raise BadInput(f"{where}: expected a JSON object with 'title' and 'text', got {type(obj).__name__}: fix the record")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        problem = "missing 'text'" if "text" not in obj else "'text' is empty or not a string"
        keys = ", ".join(sorted(map(str, obj))[:8]) or "none"
        raise BadInput(f"{where}: {problem} (keys: {keys}): put the article body in 'text' as a non-empty string")
    fields: dict[str, str | None] = {"text": text}
    for key in ("title", "url", "date", "outlet"):
        value = obj.get(key)
        fields[key] = value.strip() if isinstance(value, str) and value.strip() else None
    return fields


def _json_records(text: str, name: str, fmt: str) -> list[tuple[int | None, Any, str | None]]:
    """(index or None for a single object, object, parse error) for each record."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{name}: invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}): fix the file") from None
        except RecursionError:
            raise BadInput(f"{name}: JSON nested too deeply: expected an object or a list of objects") from None
        if isinstance(data, dict):
            return [(None, data, None)]
        if isinstance(data, list):
            if not data:
                raise BadInput(f"{name}: empty JSON list: add article objects with 'title' and 'text'")
            return [(i, item, None) for i, item in enumerate(data)]
        raise BadInput(f"{name}: expected a JSON object or a list of objects, got {type(data).__name__}")
    records: list[tuple[int | None, Any, str | None]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        index = len(records)
        try:
            records.append((index, json.loads(line), None))
        except json.JSONDecodeError as exc:
            records.append((index, None, f"line {lineno}: invalid JSON ({exc.msg}): fix or remove the line"))
        except RecursionError:
            records.append((index, None, f"line {lineno}: JSON nested too deeply: fix or remove the line"))
    return records


# --- files -----------------------------------------------------------------------------------------


def _read(path: Path, max_bytes: int) -> bytes:
    name = path.name
    limit_hint = f"over the {max_bytes:,}-byte limit: raise max_bytes (the ingest size limit) or split the file"
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadInput(f"{name}: file is {size:,} bytes, {limit_hint}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise BadInput(f"{name}: permission denied: make the file readable (chmod +r) or leave it out") from None
    except IsADirectoryError:
        raise BadInput(f"{name}: is a directory, not a file") from None
    except OSError as exc:
        raise BadInput(f"{name}: cannot read ({_one_line(exc.strerror or exc)}): check the path") from None
    if len(data) > max_bytes:
        raise BadInput(f"{name}: file is over {max_bytes:,} bytes, {limit_hint}")
    return data


def load_file_report(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawDoc], list[Rejected]]:
    """The documents in one file and the records of it that were rejected (JSON lists and JSONL only).

    Raises BadInput when the whole file is unusable."""
    path = Path(path)
    name = path.name
    absolute = _absolute(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "no extension"
        raise BadInput(f"{name}: unsupported file type ({shown}): supported are {SUPPORTED}; convert it or leave it out")
    if not path.is_file():
        if not path.exists():
            raise BadInput(f"{name}: no such file: check the path")
        raise BadInput(f"{name}: not a regular file: pass an article file")
    if max_bytes <= 0:
        raise BadInput(f"max_bytes must be positive, got {max_bytes}: raise the ingest size limit")
    text = _normalise_newlines(decode_bytes(_read(path, max_bytes), name))
    if not text.strip():
        what = "empty file" if not text else "only white space"
        raise BadInput(f"{name}: {what} (no text): add the article text or leave the file out")
    if fmt in ("txt", "md", "html"):
        info: dict[str, str | None] = {"title": None, "url": None, "date": None, "outlet": None}
        if fmt == "html":
            text, info = parse_html(text)
            if not text.strip():
                raise BadInput(f"{name}: no article text found in the HTML (only scripts, navigation or markup): check it is an article page")
        elif fmt == "md":
            text, info = parse_markdown(text)
            if not text.strip():
                raise BadInput(f"{name}: empty file (Markdown without text): add the article text or leave the file out")
        return [RawDoc(source=name, source_path=absolute, text=text, format=fmt, **info)], []
    docs: list[RawDoc] = []
    rejected: list[Rejected] = []
    for index, obj, error in _json_records(text, name, fmt):
        source = name if index is None else f"{name}#{index}"
        try:
            if error:
                raise BadInput(f"{source}: {error}")
            fields = _record(obj, source)
        except BadInput as exc:
            rejected.append(Rejected(path=absolute if index is None else f"{absolute}#{index}", reason=_one_line(exc)))
            continue
        docs.append(RawDoc(source=source, source_path=absolute, format=fmt, **fields))  # type: ignore[arg-type]
    if not docs:
        first = rejected[0].reason if rejected else "no records"
        raise BadInput(f"{name}: no usable record ({len(rejected)} rejected; first: {first})")
    return docs, rejected


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDoc]:
    """The documents in one file; raises BadInput with a one-line reason when the file is unusable.

    Rejected records of a JSON list / JSONL file are logged and skipped; `iter_corpus` reports them."""
    docs, rejected = load_file_report(path, max_bytes)
    for item in rejected:
        log.warning("skipped %s: %s", item.path, item.reason)
    return docs


# --- corpus walking --------------------------------------------------------------------------------


def _walk(root: Path, directory: Path, files: list[Path], rejected: list[Rejected]) -> None:
    """Regular files under `directory`, sorted by name, skipping hidden entries; symlinks must resolve
    inside `root` (the resolved directory being walked)."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        reason = _one_line(exc.strerror or exc)
        rejected.append(Rejected(_absolute(directory), f"cannot read directory ({reason}): check its permissions or leave it out"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    rejected.append(Rejected(_absolute(path), "broken symlink (its target does not exist): fix or remove the link"))
                    continue
                if not target.is_relative_to(root):
                    rejected.append(Rejected(_absolute(path), f"symlink points outside {root} (to {target}): copy the file in, or pass its target path explicitly"))
                elif target.is_file():
                    files.append(path)
                # a symlinked directory inside root is walked through its real path already
                continue
            if entry.is_dir(follow_symlinks=False):
                _walk(root, path, files, rejected)
            elif entry.is_file(follow_symlinks=False):
                files.append(path)
            else:
                rejected.append(Rejected(_absolute(path), "not a regular file (device, socket or pipe): leave it out"))
        except OSError as exc:
            rejected.append(Rejected(_absolute(path), f"cannot inspect ({_one_line(exc.strerror or exc)}): check its permissions"))


def iter_corpus(paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawDoc], list[Rejected]]:
    """Every document under `paths` (files, and directories walked recursively in name order, hidden
    entries skipped), and every file or record that could not be used. Never raises for one bad file;
    a file reached twice is loaded once."""
    files: list[Path] = []
    rejected: list[Rejected] = []
    for given in map(Path, paths):
        if given.is_dir():
            _walk(given.resolve(), given, files, rejected)
        elif given.exists() or given.is_symlink():
            files.append(given)
        else:
            rejected.append(Rejected(_absolute(given), "no such file or directory: check the path"))
    docs: list[RawDoc] = []
    seen: set[str] = set()
    for path in files:
        try:
            real = str(path.resolve())
        except (OSError, RuntimeError):
            real = os.path.abspath(path)
        if real in seen:
            continue
        seen.add(real)
        try:
            found, bad = load_file_report(path, max_bytes)
        except BadInput as exc:
            rejected.append(Rejected(_absolute(path), _one_line(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the corpus
            log.exception("unexpected error loading %s", path)
            rejected.append(Rejected(_absolute(path), _one_line(f"{path.name}: unexpected {type(exc).__name__} ({exc}): report this with the file attached")))
            continue
        docs.extend(found)
        rejected.extend(bad)
    return docs, rejected
