"""The nasty corpus through the real pipeline: `newsrag ingest` (in process, fake embedder, embedded Chroma).

For every bad file: one clear line, the rest of the batch ingested, exit status 1, the index unchanged
for the rejected file, and nothing already in the index lost. The big files (50 MB, one 2 MB line) and the
binary ones are generated in tmp; the small ones are checked in under tests/data/nasty/.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from rag.cli import main
from rag.corpus import Corpus
from rag.embed import FakeEmbedder
from tests.conftest import ROOT, SEEDS, make_settings

NASTY = ROOT / "tests" / "data" / "nasty"

# file name -> a phrase its one-line reason must contain
EXPECTED_REJECTS = {
    "archive.txt": "zip archive",
    "article.rtf": "unsupported file type (.rtf)",
    "blank.md": "only white space",
    "broken.json": "invalid JSON at line 1",
    "controls.txt": "control bytes",
    "empty.txt": "empty file",
    "image.txt": "PNG image",
    "list.json#1": "missing 'text'",
    "missing_fields.json": "missing 'text'",
    "nul.txt": "NUL bytes",
    "only_scripts.html": "no article text found in the HTML",
    "records.jsonl#1": "missing 'text'",
    "records.jsonl#2": "invalid JSON",
    "records.jsonl#3": "expected a JSON object",
    "records.jsonl#4": "'text' is empty",
    "undecodable.txt": "cannot decode",
    "whitespace.txt": "only white space",
    "big-50MB.txt": "over the 20,000,000-byte limit",
    "photo.md": "PNG image",
    "export.txt": "zip archive",
    "escape.txt": "symlink points outside",
    "escape_dir": "symlink points outside",
}
EXPECTED_ACCEPTED = [
    "cp1252.txt", "latin1.txt", "list.json#0", "nom avec espaces – été à Zürich.txt", "page.html", "rapport..final.txt",
    "records.jsonl#0", "records.jsonl#5", "scripts.html", "truncated_utf8.txt", "utf16be.txt", "utf16le.txt", "utf8_bom.md",
    "one-line-2MB.txt", "copie du premier article.txt", "hors lot.txt",
]  # fmt: skip


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", "Un article dans une archive.")
    return buffer.getvalue()


def build_batch(root: Path) -> tuple[Path, Path]:
    """(batch folder, a good file outside it reached through a '..' path)."""
    batch = root / "batch"
    shutil.copytree(NASTY, batch)
    first_seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(first_seed, batch / "copie du premier article.txt")  # duplicate content under another name
    line = "Le conseil municipal a voté le budget de la ville après un long débat sur les transports publics. "
    with (batch / "big-50MB.txt").open("w", encoding="utf-8") as out:
        for _ in range(50_000_000 // len(line.encode()) + 1):
            out.write(line + "\n")
    words = "la préfecture a annoncé mardi la fermeture des quais de la Loire jusqu'à nouvel ordre"
    (batch / "one-line-2MB.txt").write_text(((words + " ") * (2_000_000 // len(words) + 1))[:2_000_000], encoding="utf-8")
    (batch / "photo.md").write_bytes(_png())
    (batch / "export.txt").write_bytes(_zip())
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Un fichier hors du corpus, qui ne doit pas être lu.", encoding="utf-8")
    (batch / "escape.txt").symlink_to(outside / "secret.txt")
    (batch / "escape_dir").symlink_to(outside, target_is_directory=True)
    extra = root / "extra"
    extra.mkdir()
    (extra / "hors lot.txt").write_text("La mairie de Lyon a ouvert un nouveau parc de 12 hectares samedi.", encoding="utf-8")
    return batch, batch / ".." / "extra" / "hors lot.txt"


def _state(data: Path) -> dict[str, object]:
    corpus = Corpus(make_settings(data), FakeEmbedder())
    return {
        "store": sorted(corpus.store.ids()),
        "bm25": sorted(corpus.bm25.ids()),
        "manifest": {aid: (sorted(e.source_paths), list(e.chunk_ids)) for aid, e in corpus.manifest.articles.items()},
    }


def _files_outside(root: Path, data: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under `root` but outside the data folder: ingest must write nothing there."""
    return {str(p): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in root.rglob("*") if data not in p.parents and p != data}


def _ingest(data: Path, *paths: Path) -> int:
    return main(["--data-dir", str(data), "ingest", *map(str, paths)])


def _rejected_lines(stderr: str) -> dict[str, str]:
    rows = {}
    for line in stderr.splitlines():
        if line.startswith("rejected "):
            path, _, reason = line[len("rejected "):].partition(": ")
            rows[os.path.basename(path)] = reason
    return rows


@pytest.mark.slow
def test_the_nasty_batch_is_ingested_around_its_bad_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEWSRAG_EMBEDDER", "fake")
    data = tmp_path / "data"
    batch, dotdot = build_batch(tmp_path)
    assert _ingest(data, SEEDS) == 0
    before = _state(data)
    capsys.readouterr()
    outside = _files_outside(tmp_path, data)

    started = time.perf_counter()
    status = _ingest(data, batch, dotdot)
    seconds = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert status == 1  # rejects are reported in the exit status
    rejected = _rejected_lines(err)
    assert set(rejected) == set(EXPECTED_REJECTS), sorted(set(rejected) ^ set(EXPECTED_REJECTS))
    for name, phrase in EXPECTED_REJECTS.items():
        assert phrase in rejected[name], (name, rejected[name])
        assert ": " in rejected[name]  # what is wrong, then what to do
    assert all(line.strip() for line in err.splitlines())
    assert "duplicate" in err and "copie du premier article.txt" in err
    assert "16 new" not in out and "rejected" in out

    after = _state(data)
    sources = {os.path.basename(p) for paths, _ in after["manifest"].values() for p in paths}  # type: ignore[union-attr]
    assert set(EXPECTED_ACCEPTED) <= sources, set(EXPECTED_ACCEPTED) - sources
    assert not {n.split("#")[0] for n in EXPECTED_REJECTS if "#" not in n} & sources  # rejected files never enter the index
    assert "secret.txt" not in sources
    for aid, (paths, chunk_ids) in before["manifest"].items():  # type: ignore[union-attr]
        assert after["manifest"][aid][1] == chunk_ids  # nothing already indexed was lost or rewritten
        assert set(paths) <= set(after["manifest"][aid][0])
    assert after["store"] == after["bm25"] == sorted(c for _, ids in after["manifest"].values() for c in ids)  # type: ignore[union-attr]
    with capsys.disabled():  # measured figures, shown with -s
        print(f"\nnasty batch: {len(rejected)} rejected, {len(after['manifest']) - len(before['manifest'])} new articles, "  # type: ignore[arg-type]
              f"{len(after['store']) - len(before['store'])} new chunks in {seconds:.1f} s")  # type: ignore[arg-type]

    assert _files_outside(tmp_path, data) == outside  # names with '..', spaces or links never made it write elsewhere

    # A second run changes nothing and reports the same rejects.
    assert _ingest(data, batch, dotdot) == 1
    out, err = capsys.readouterr()
    assert set(_rejected_lines(err)) == set(EXPECTED_REJECTS)
    assert "0 new, 0 changed" in out
    assert _state(data) == after

    # Rejected files alone leave the index exactly as it was. (A symlink named explicitly on the command line is the
    # user's choice and is followed; only links met while walking a folder must stay inside it.)
    assert _ingest(data, batch / "big-50MB.txt", batch / "image.txt", batch / "missing_fields.json", batch / "only_scripts.html") == 1
    assert _state(data) == after


def _without_root_privileges() -> list[str]:
    """A command prefix that makes file permissions bind: as root, drop the capabilities that bypass them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a directory unreadable")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


@pytest.mark.slow
def test_an_unreadable_directory_and_file_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus / "seeds")
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Un article que personne ne peut lire.", encoding="utf-8")
    secret = corpus / "secret.txt"
    secret.write_text("Un article illisible.", encoding="utf-8")
    locked.chmod(0)
    secret.chmod(0)
    data = tmp_path / "data"
    env = {**os.environ, "NEWSRAG_EMBEDDER": "fake", "PYTHONPATH": str(ROOT)}
    try:
        started = time.perf_counter()
        done = subprocess.run([*_without_root_privileges(), sys.executable, "-m", "rag.cli", "--data-dir", str(data), "ingest", str(corpus)],
                              capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
        seconds = time.perf_counter() - started
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    assert done.returncode == 1, done.stderr
    rejected = _rejected_lines(done.stderr)
    assert set(rejected) == {"locked", "secret.txt"}, done.stderr
    assert rejected["locked"].startswith("cannot read directory (Permission denied)")
    assert rejected["secret.txt"].startswith("secret.txt: permission denied")
    assert "Traceback" not in done.stderr
    assert "5 new" in done.stdout
    state = _state(data)
    assert len(state["manifest"]) == 5  # type: ignore[arg-type]
    print(f"unreadable folder and file: 2 rejected, 5 ingested in {seconds:.1f} s (subprocess)")
