import pytest

from rag.chunking import ChunkSettings, chunk_article, header_for
from rag.errors import ConfigError
from rag.types import Article


def words(text: str) -> int:
    return len(text.split())


def make_article(text: str) -> Article:
    return Article(article_id="a1", source="a.txt", title="Titre", text=text, outlet="BFMTV", date="2024-12-06")


def test_chunks_are_exact_slices_with_sentence_spans() -> None:
    text = "Une phrase courte. Une autre phrase ici.\nUn second paragraphe. Et encore une phrase pour finir."
    chunks = chunk_article(make_article(text), words, ChunkSettings(max_tokens=32, overlap_sentences=0))
    for chunk in chunks:
        assert text[chunk.span.start:chunk.span.end] == chunk.text
        for s in chunk.sentences:
            assert chunk.span.start <= s.start < s.end <= chunk.span.end
    assert chunks[0].header == "Titre · BFMTV · 2024-12-06"


def test_budget_is_respected_and_overlap_repeats_one_sentence() -> None:
    sentences = [f"Phrase numéro {i} avec quelques mots de plus." for i in range(30)]
    text = " ".join(sentences)
    chunks = chunk_article(make_article(text), words, ChunkSettings(max_tokens=40, overlap_sentences=1))
    assert len(chunks) > 3
    assert all(words(c.text) <= 40 for c in chunks)
    for before, after in zip(chunks, chunks[1:]):
        last = text[before.sentences[-1].start:before.sentences[-1].end]
        assert after.text.startswith(last)
    covered = set()
    for c in chunks:
        covered.update(range(c.span.start, c.span.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_a_paragraph_boundary_closes_a_half_full_chunk() -> None:
    first = " ".join(["Alpha"] * 10) + ". " + " ".join(["Beta"] * 10) + "."  # 20 words
    second = " ".join(["Mot"] * 9) + ". " + " ".join(["Fin"] * 9) + "."  # 18 words: not with the first in 32
    text = first + "\n" + second
    chunks = chunk_article(make_article(text), words, ChunkSettings(max_tokens=32, overlap_sentences=0))
    assert [c.text for c in chunks] == [first, second]


def test_overlong_sentence_is_cut_at_words() -> None:
    text = " ".join(f"mot{i}" for i in range(100)) + "."
    chunks = chunk_article(make_article(text), words, ChunkSettings(max_tokens=32, overlap_sentences=0))
    assert len(chunks) >= 4
    assert all(words(c.text) <= 32 for c in chunks)
    assert " ".join(c.text for c in chunks) == text


def test_chunk_ids_are_deterministic() -> None:
    article = make_article("Une phrase. Deux phrases.")
    a = chunk_article(article, words, ChunkSettings(max_tokens=32))
    b = chunk_article(article, words, ChunkSettings(max_tokens=32))
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b] == ["a1-0000"]


def test_bad_settings_name_the_fix() -> None:
    with pytest.raises(ConfigError, match="at least 32"):
        ChunkSettings(max_tokens=5)


def test_header_skips_missing_parts() -> None:
    article = Article(article_id="x", source="x.txt", title="T", text="t")
    assert header_for(article) == "T"


def test_a_two_megabyte_line_without_punctuation_is_cut_in_linear_time() -> None:
    """The cut used to count the whole rest of the line for every piece: a 2 MB line never finished."""
    import time

    from rag.tokens import TokenCounter
    from tests.conftest import MODEL_DIR

    count = TokenCounter(MODEL_DIR).count
    text = " ".join(["le conseil municipal a voté le budget de la ville après un long débat"] * 28_000)[:2_000_000]
    started = time.perf_counter()
    chunks = chunk_article(make_article(text), count, ChunkSettings(max_tokens=300, overlap_sentences=0))
    seconds = time.perf_counter() - started
    assert seconds < 30, f"chunking a 2 MB line took {seconds:.1f} s"
    assert all(count(c.text) <= 300 for c in chunks)
    assert chunks[0].span.start == 0 and chunks[-1].span.end == len(text)
    for before, after in zip(chunks, chunks[1:]):
        assert text[before.span.end:after.span.start].strip() == ""  # only the spaces between pieces are skipped
