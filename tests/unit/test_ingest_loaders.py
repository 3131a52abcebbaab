"""Loading files: formats, encodings, bad inputs, and walking a corpus without ever raising."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from rag.errors import BadInput
from rag.ingest import loaders
from rag.ingest.loaders import RawDoc, Rejected, iter_corpus, load_file, load_file_report

NASTY = Path(__file__).resolve().parents[1] / "data" / "nasty"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def reason_of(path: Path, **kwargs: int) -> str:
    with pytest.raises(BadInput) as info:
        load_file(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- formats ---------------------------------------------------------------------------------------


def test_txt_is_loaded_verbatim_with_name_and_absolute_path(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Ligne un\r\nLigne  deux\n")
    assert load_file(path) == [
        RawDoc(source="a.txt", source_path=str(tmp_path / "a.txt"), text="Ligne un\nLigne  deux\n", format="txt")
    ]


def test_seed_files_load_as_utf8_text() -> None:
    docs = load_file(SEEDS / "000_be8765c689dbec50.txt")
    assert len(docs) == 1
    assert docs[0].text.startswith("Crédit Photo : Gavriil Grigorov / POOL / AFP\nSur cette photo")
    assert docs[0].format == "txt"


def test_markdown_heading_becomes_title_and_markup_is_removed(tmp_path: Path) -> None:
    path = write(
        tmp_path / "note.md",
        "---\ndate: 2024-12-06\nurl: https://example.org/a\n---\n# Poutine à Minsk\n\n"
        "Le **traité** a été signé ([source](https://x.org)). ![photo](a.jpg)\n\n---\n> « Non », a-t-il dit.\n",
    )
    [doc] = load_file(path)
    assert doc.format == "md"
    assert doc.title == "Poutine à Minsk"
    assert doc.date == "2024-12-06"
    assert doc.url == "https://example.org/a"
    assert doc.text == "Poutine à Minsk\n\nLe traité a été signé (source). \n\n« Non », a-t-il dit.\n"


def test_markdown_hashtags_are_not_headings(tmp_path: Path) -> None:
    [doc] = load_file(write(tmp_path / "h.md", "Texte.\n#Russie\n"))
    assert doc.title is None
    assert doc.text == "Texte.\n#Russie\n"


def test_html_keeps_the_article_and_drops_page_furniture() -> None:
    [doc] = load_file(NASTY / "page.html")
    assert doc.format == "html"
    assert doc.text == (
        "Poutine & Loukachenko signent un accord\n"
        "Le président russe a signé, vendredi, un accord\xa0de sécurité.\n"
        "Les deux dirigeants à Minsk.\n"
        "« Ce traité protège nos pays », a-t-il déclaré.\n"
        "Fin de la citation."
    )
    assert doc.title == "Poutine & Loukachenko signent un accord"
    assert doc.url == "https://www.lemonde.fr/international/article/poutine-minsk"
    assert doc.date == "2024-12-06T11:53:00+01:00"
    assert doc.outlet == "Le Monde"


def test_html_without_article_uses_body_and_title_tag(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Un titre</title></head><body><nav>Menu Accueil</nav>"
        "<div>Premier paragraphe.</div><div>Second <i>paragraphe</i>.</div>"
        "<footer>Mentions</footer><form>Recherche</form></body></html>"
    )
    [doc] = load_file(write(tmp_path / "p.htm", html))
    assert doc.text == "Premier paragraphe.\nSecond paragraphe."
    assert doc.title == "Un titre"


def test_html_unclosed_nav_does_not_swallow_the_article(tmp_path: Path) -> None:
    html = "<body><article><nav>Menu<p>Texte de l'article.</p></article></body>"
    # the unclosed <nav> ends with its <article>: nothing after it is lost, nothing inside it is kept
    [doc] = load_file(write(tmp_path / "n.html", html + "<p>Après.</p>"))
    assert doc.text == "Après."


def test_html_with_only_scripts_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "s.html", "<html><body><script>alert(1)</script><nav>Menu</nav></body></html>")
    assert "no article text found in the HTML" in reason_of(path)


def test_json_object_and_list(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"title": "T", "text": "Corps.", "outlet": "Le Monde", "date": "6/12/2024"}))
    [doc] = load_file(one)
    assert (doc.source, doc.title, doc.text, doc.outlet, doc.date, doc.format) == ("one.json", "T", "Corps.", "Le Monde", "6/12/2024", "json")
    many = write(tmp_path / "many.json", json.dumps([{"text": "A."}, {"text": "B.", "url": "https://x.org"}]))
    assert [(d.source, d.text, d.url) for d in load_file(many)] == [("many.json#0", "A.", None), ("many.json#1", "B.", "https://x.org")]


def test_jsonl_bad_records_are_rejected_and_the_rest_loads() -> None:
    docs, rejected = load_file_report(NASTY / "records.jsonl")
    assert [(d.source, d.title, d.text) for d in docs] == [
        ("records.jsonl#0", "Premier", "Le premier article."),
        ("records.jsonl#5", None, "Le dernier article, sans titre."),
    ]
    assert (docs[0].url, docs[0].date, docs[0].outlet, docs[0].format) == ("https://www.bfmtv.com/a", "2024-12-06", "BFMTV", "jsonl")
    base = str(NASTY / "records.jsonl")
    assert rejected == [
        Rejected(f"{base}#1", "records.jsonl#1: missing 'text' (keys: title): put the article body in 'text' as a non-empty string"),
        Rejected(f"{base}#2", "records.jsonl#2: line 3: invalid JSON (Expecting property name enclosed in double quotes): fix or remove the line"),
        Rejected(f"{base}#3", "records.jsonl#3: expected a JSON object with 'title' and 'text', got list: fix the record"),
        Rejected(f"{base}#4", "records.jsonl#4: 'text' is empty or not a string (keys: text, title): put the article body in 'text' as a non-empty string"),
    ]


def test_load_file_skips_bad_records_and_logs_them(caplog: pytest.LogCaptureFixture) -> None:
    docs = load_file(NASTY / "list.json")
    assert [d.source for d in docs] == ["list.json#0"]
    assert "list.json#1: missing 'text' (keys: body, title)" in caplog.text


def test_json_without_any_usable_record_raises(tmp_path: Path) -> None:
    path = write(tmp_path / "none.jsonl", '{"title": "a"}\n{"title": "b"}\n')
    assert reason_of(path) == (
        "none.jsonl: no usable record (2 rejected; first: none.jsonl#0: missing 'text' (keys: title): "
        "put the article body in 'text' as a non-empty string)"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"title": "T", "text": ', "broken.json: invalid JSON at line 1 column 24 (Expecting value): fix the file"),
        ("42", "scalar.json: expected a JSON object or a list of objects, got int"),
        ("[]", "scalar.json: empty JSON list: add article objects with 'title' and 'text'"),
        ("[" * 100_000 + "]" * 100_000, "scalar.json: JSON nested too deeply: expected an object or a list of objects"),
    ],
)
def test_unusable_json_files(tmp_path: Path, content: str, expected: str) -> None:
    name = "broken.json" if content.startswith("{") else "scalar.json"
    assert reason_of(write(tmp_path / name, content)) == expected


# --- encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("cp1252.txt", "L'œuvre coûte 5 € – « déjà » vu.\nLe président a déclaré : « Non ».\n"),
        ("latin1.txt", "Élysée : la réunion a eu lieu à Paris cet été.\n"),
        ("utf16le.txt", "Le président a parlé à Minsk.\n"),
        ("utf16be.txt", "Le président a parlé à Minsk.\n"),
        ("utf8_bom.md", "Titre accentué\n\nTexte de l'été.\n"),
        ("truncated_utf8.txt", "Déjà vu à Minsk"),
    ],
)
def test_encodings_are_decoded(name: str, text: str) -> None:
    [doc] = load_file(NASTY / name)
    assert doc.text == text
    assert "\ufeff" not in doc.text


def test_utf8_with_bom_txt(tmp_path: Path) -> None:
    [doc] = load_file(write(tmp_path / "b.txt", "\ufeffÉté à Minsk.".encode()))
    assert doc.text == "Été à Minsk."


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("image.txt", "image.txt: binary file (PNG image), not text: it is not an article"),
        ("archive.txt", "archive.txt: binary file (zip archive (or .docx/.odt)), not text: unpack it or export the article as .txt first"),
        ("nul.txt", "nul.txt: binary file (contains NUL bytes), not text: if it is UTF-16 without a byte-order mark, re-save it as UTF-8 text"),
        ("controls.txt", "controls.txt: binary file (95% control bytes), not text: re-save it as UTF-8 text"),
        ("undecodable.txt", "undecodable.txt: cannot decode as UTF-8, UTF-16 or CP1252/Latin-1: re-save it as UTF-8 text"),
        ("empty.txt", "empty.txt: empty file (no text): add the article text or leave the file out"),
        ("blank.md", "blank.md: only white space (no text): add the article text or leave the file out"),
        ("whitespace.txt", "whitespace.txt: only white space (no text): add the article text or leave the file out"),
        ("missing_fields.json", "missing_fields.json: no usable record (1 rejected; first: missing_fields.json: missing 'text' (keys: body, date, outlet, title): put the article body in 'text' as a non-empty string)"),
        ("only_scripts.html", "only_scripts.html: no article text found in the HTML (only scripts, navigation or markup): check it is an article page"),
        ("article.rtf", "article.rtf: unsupported file type (.rtf): supported are .htm, .html, .json, .jsonl, .markdown, .md, .text, .txt; convert it or leave it out"),
    ],
)
def test_bad_files_are_rejected_with_one_line_reason(name: str, expected: str) -> None:
    assert reason_of(NASTY / name) == expected


def test_random_bytes_are_rejected(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(4096))  # no NUL byte: the other checks must catch it
    message = reason_of(write(tmp_path / "noise.txt", data))
    assert message.startswith("noise.txt: ")
    assert "binary file" in message or "cannot decode" in message


def test_high_bytes_that_happen_to_decode_as_cp1252_are_rejected(tmp_path: Path) -> None:
    data = bytes(b for b in range(0xA0, 0x100)) * 20
    assert "does not look like text" in reason_of(write(tmp_path / "high.txt", data))


def test_file_without_extension_is_rejected(tmp_path: Path) -> None:
    assert "unsupported file type (no extension): supported are .htm" in reason_of(write(tmp_path / "README", "x"))


def test_size_limit_names_the_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "mot " * 300_000)  # 1.2 MB, generated at run time
    assert reason_of(path, max_bytes=1_000_000) == (
        "big.txt: file is 1,200,000 bytes, over the 1,000,000-byte limit: raise max_bytes (the ingest size limit) or split the file"
    )
    assert len(load_file(path, max_bytes=1_200_000)[0].text) == 1_200_000


def test_missing_file_and_directory_given_to_load_file(tmp_path: Path) -> None:
    assert reason_of(tmp_path / "absent.txt") == "absent.txt: no such file: check the path"
    (tmp_path / "dir.txt").mkdir()
    assert reason_of(tmp_path / "dir.txt") == "dir.txt: not a regular file: pass an article file"


def test_unreadable_file_is_a_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", "secret")

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)  # chmod is no test when the suite runs as root
    assert reason_of(path) == "locked.txt: permission denied: make the file readable (chmod +r) or leave it out"


# --- corpus walking --------------------------------------------------------------------------------


def test_iter_corpus_walks_sorted_recursively_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a.md", "A.")
    write(tmp_path / "sub" / "c.txt", "C.")
    write(tmp_path / "sub" / "deeper" / "d.jsonl", '{"text": "D0."}\n{"text": "D1."}\n')
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "e.txt", "hidden dir")
    docs, rejected = iter_corpus([tmp_path])
    assert [d.source for d in docs] == ["a.md", "b.txt", "c.txt", "d.jsonl#0", "d.jsonl#1"]
    assert rejected == []


def test_iter_corpus_reports_every_bad_file_in_the_nasty_directory() -> None:
    docs, rejected = iter_corpus([NASTY])
    assert [d.source for d in docs] == [
        "cp1252.txt", "latin1.txt", "list.json#0", "nom avec espaces – été à Zürich.txt", "page.html", "rapport..final.txt",
        "records.jsonl#0", "records.jsonl#5", "scripts.html", "truncated_utf8.txt", "utf16be.txt", "utf16le.txt", "utf8_bom.md",
    ]  # fmt: skip
    assert [os.path.relpath(r.path, NASTY) for r in rejected] == [
        "archive.txt", "article.rtf", "blank.md", "broken.json", "controls.txt", "empty.txt", "image.txt",
        "list.json#1", "missing_fields.json", "nul.txt", "only_scripts.html", "records.jsonl#1", "records.jsonl#2",
        "records.jsonl#3", "records.jsonl#4", "undecodable.txt", "whitespace.txt",
    ]  # fmt: skip
    assert all(r.reason and "\n" not in r.reason for r in rejected)


def test_iter_corpus_files_and_missing_paths(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "A.")
    docs, rejected = iter_corpus([a, tmp_path / "nope", a, tmp_path])
    assert [d.source for d in docs] == ["a.txt"]  # reached three times, loaded once
    assert rejected == [Rejected(str(tmp_path / "nope"), "no such file or directory: check the path")]


def test_symlinks_outside_the_walked_directory_are_rejected(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "secret.txt", "Hors du corpus.")
    corpus = tmp_path / "corpus"
    write(corpus / "real.txt", "Réel.")
    (corpus / "escape.txt").symlink_to(outside)
    (corpus / "escape_dir").symlink_to(outside.parent, target_is_directory=True)
    (corpus / "alias.txt").symlink_to(corpus / "real.txt")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    docs, rejected = iter_corpus([corpus])
    assert [d.source for d in docs] == ["alias.txt"]  # the link inside the corpus loads; real.txt is the same file
    assert [(Path(r.path).name, r.reason.split(" (")[0]) for r in rejected] == [
        ("dangling.txt", "broken symlink"),
        ("escape.txt", f"symlink points outside {corpus.resolve()}"),
        ("escape_dir", f"symlink points outside {corpus.resolve()}"),
    ]


def test_unreadable_directory_becomes_a_rejected_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "ok" / "a.txt", "A.")
    locked = tmp_path / "locked"
    write(locked / "b.txt", "B.")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(loaders.os, "scandir", scandir)
    docs, rejected = iter_corpus([tmp_path])
    assert [d.source for d in docs] == ["a.txt"]
    assert rejected == [Rejected(str(locked), "cannot read directory (Permission denied): check its permissions or leave it out")]


def test_unreadable_file_in_a_corpus_becomes_a_rejected_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", "A.")
    locked = write(tmp_path / "b.txt", "B.")
    real_open = Path.open

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", open_)
    docs, rejected = iter_corpus([tmp_path])
    assert [d.source for d in docs] == ["a.txt"]
    assert rejected == [Rejected(str(locked), "b.txt: permission denied: make the file readable (chmod +r) or leave it out")]


def test_unexpected_error_in_one_file_does_not_stop_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "b.html", "<p>B.</p>")

    def explode(html: str) -> tuple[str, dict[str, str | None]]:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(loaders, "parse_html", explode)
    docs, rejected = iter_corpus([tmp_path])
    assert [d.source for d in docs] == ["a.txt"]
    assert [r.reason for r in rejected] == ["b.html: unexpected RuntimeError (parser bug): report this with the file attached"]


def test_iter_corpus_applies_max_bytes(tmp_path: Path) -> None:
    write(tmp_path / "small.txt", "petit")
    write(tmp_path / "large.txt", "x" * 2048)
    docs, rejected = iter_corpus([tmp_path], max_bytes=1024)
    assert [d.source for d in docs] == ["small.txt"]
    assert [Path(r.path).name for r in rejected] == ["large.txt"]
    assert "over the 1,024-byte limit: raise max_bytes" in rejected[0].reason


def test_source_path_resolves_directories_but_keeps_the_file_name(tmp_path: Path) -> None:
    real = write(tmp_path / "real" / "a.txt", "A.")
    (tmp_path / "link").symlink_to(real.parent, target_is_directory=True)
    docs, rejected = iter_corpus([tmp_path / "link"])
    assert rejected == []
    assert [(d.source, d.source_path) for d in docs] == [("a.txt", str(real))]


def test_html_full_of_scripts_and_iframes_keeps_only_the_article_text() -> None:
    [doc] = load_file(NASTY / "scripts.html")
    assert doc.text.split("\n") == [
        "La Loire en crue à Orléans",
        "La Loire a atteint 4,2 mètres mardi matin à Orléans, selon la préfecture du Loiret.",
        "Les quais ont été fermés à la circulation jusqu'à nouvel ordre.",
    ]
    assert doc.title == "La Loire en crue à Orléans"
