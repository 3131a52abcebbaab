"""Upload rules: names that cannot escape the uploads folder, and every limit refused with a message naming the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.errors import UploadRejected
from rag.uploads import Upload, sanitise_name, save_uploads


@pytest.mark.parametrize(("given", "expected"), [
    ("article.txt", "article.txt"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\évènement du jour.md", "evenement_du_jour.md"),
    ("/abs/path/.hidden.html", "hidden.html"),
    ("a<b>|c?.json", "a_b_c_.json"),
    ("x" * 300 + ".jsonl", "x" * 94 + ".jsonl"),
])
def test_names_are_reduced_to_a_safe_last_component(given: str, expected: str) -> None:
    assert sanitise_name(given) == expected


def test_saved_files_stay_inside_the_uploads_folder(tmp_path: Path) -> None:
    folder = tmp_path / "uploads"
    paths = save_uploads([Upload("../../escape.txt", b"Bonjour."), Upload("sub/dir/b.md", b"# Titre\n\nTexte.")], folder, 5, 1000)
    assert [p.name for p in paths] == ["escape.txt", "b.md"]
    assert all(p.parent == folder.resolve() for p in paths)
    assert not (tmp_path / "escape.txt").exists()
    assert paths[0].read_bytes() == b"Bonjour."


@pytest.mark.parametrize(("uploads", "message"), [
    ([], "no file uploaded"),
    ([Upload(f"a{i}.txt", b"x") for i in range(4)], "4 files uploaded, the limit is 3"),
    ([Upload("big.txt", b"x" * 101)], "over 100 bytes"),
    ([Upload("empty.txt", b"")], "the file is empty"),
    ([Upload("photo.png", b"\x89PNG")], r"unsupported file type \(.png\): supported are"),
    ([Upload("noext", b"texte")], r"unsupported file type \(no extension\)"),
    ([Upload("fake.txt", b"ab\x00cd")], "the file is binary"),
    ([Upload("a.txt", b"x", "image/png")], "content type image/png is not text"),
    ([Upload("dir/a.txt", b"x"), Upload("other/a.txt", b"y")], "both named a.txt"),
    ([Upload("???.txt", b"x")], "no usable characters"),
])
def test_bad_uploads_are_refused_whole_before_anything_is_written(tmp_path: Path, uploads: list[Upload], message: str) -> None:
    folder = tmp_path / "uploads"
    with pytest.raises(UploadRejected, match=message):
        save_uploads(uploads, folder, max_files=3, max_bytes=100)
    assert not folder.exists() or not any(folder.iterdir())


def test_declared_text_and_json_types_are_accepted(tmp_path: Path) -> None:
    uploads = [Upload("a.txt", b"x", "text/plain; charset=utf-8"), Upload("b.json", b"{}", "application/json"),
               Upload("c.md", b"y", "application/octet-stream"), Upload("d.html", b"<p>z</p>", None)]
    assert len(save_uploads(uploads, tmp_path / "u", 10, 100)) == 4
