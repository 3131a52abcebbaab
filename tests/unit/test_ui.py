"""The app is built, not launched, in tests; rendering escapes article text."""

from __future__ import annotations

import pytest

from rag.errors import ConfigError
from rag.retrieval.retriever import Filters
from rag.types import Answer, Citation
from ui.app import build_app, render_answer, serve


def test_answer_markers_become_links_to_source_cards_and_text_is_escaped() -> None:
    answer = Answer("q", "It happened <script>x</script> in 2025 [3].", False, "en",
                    [Citation(3, "a", "a.txt", "T", None, None, 0, 5, "Texte")])
    html = render_answer(answer)
    assert '<a class="cite" href="#cite-3" data-target="cite-3" data-marker="3">[3]</a>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_refusing_to_bind_a_public_address_without_auth() -> None:
    with pytest.raises(ConfigError, match="--auth"):
        serve(object(), host="0.0.0.0", port=1)


def test_build_app_returns_blocks_with_stable_ids(settings) -> None:
    from rag.llm import FakeLLM
    from rag.service import Service

    app = build_app(Service(settings, llm=FakeLLM()))
    ids = {getattr(block, "elem_id", None) for block in app.blocks.values()}
    assert {"question", "ask", "answer", "sources", "articles"} <= ids


def test_filter_dates_must_be_iso() -> None:
    from rag.errors import BadInput
    from ui.app import parse_filters

    assert parse_filters(" Le Monde ", "2024-12-01", "") == Filters(outlet="Le Monde", date_from="2024-12-01")
    with pytest.raises(BadInput, match="From date '6 décembre' is not a date: write it as YYYY-MM-DD"):
        parse_filters("", "6 décembre", None)


def test_article_text_is_escaped_everywhere_it_is_rendered() -> None:
    from types import SimpleNamespace

    from rag.types import Article
    from ui.render import render_article, render_sources, render_summary

    evil = "<img src=x onerror=alert(1)>"
    text = f"Premier paragraphe {evil}.\nLe traité a été signé <b>vendredi</b> {evil}."
    article = Article("a1", f"{evil}.txt", f"Titre {evil}", text, outlet=evil, date="2024-12-06")
    start = text.index("Le traité")
    citation = Citation(1, "a1", article.source, article.title, evil, "2024-12-06", start, len(text), text[start:])
    corpus = SimpleNamespace(article=lambda _id: article)
    summary = SimpleNamespace(title=article.title, source=article.source, language="fr", model=evil, cached=True, seconds=0.0,
                              summary=f"Résumé {evil} [1].", citations=[citation.as_dict()])
    for html in (render_article(article), render_sources(corpus, Answer("q", "a [1].", False, "fr", [citation])),
                 render_summary(summary)):
        assert "<img" not in html and "<b>vendredi" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    sources = render_sources(corpus, Answer("q", "a [1].", False, "fr", [citation]))
    assert "<mark>Le traité a été signé &lt;b&gt;vendredi&lt;/b&gt;" in sources


def test_upload_handler_refuses_an_oversize_file_unread_and_ingests_a_good_one(tmp_path) -> None:
    from rag.service import Service
    from tests.conftest import make_settings

    service = Service(make_settings(tmp_path / "data", upload_max_bytes=300))
    app = build_app(service)
    [upload] = [d.fn for d in app.fns.values() if getattr(d.fn, "__name__", "") == "upload"]
    big = tmp_path / "big.txt"
    big.write_text("x" * 301)
    message, rows, _picker, _cleared = upload([str(big)])
    assert "big.txt: file is over 300 bytes" in message and rows == []
    good = tmp_path / "pont <b>.txt"
    good.write_text("Le Monde, 3 mars 2025. La mairie de Lyon a inauguré un pont sur le Rhône.", encoding="utf-8")
    message, rows, picker, _cleared = upload([str(good)])
    assert 'class="uploaded"' in message and "pont_b_.txt" in message and "<b>" not in message
    assert [row[0] for row in rows] == ["pont_b_.txt"] and picker["value"] == rows[0][-1]


def test_a_refusal_is_marked_and_offers_the_closest_passages_open() -> None:
    from types import SimpleNamespace

    from rag.types import Article
    from ui.render import render_sources

    text = "Le président a parlé.\nLe Premier ministre n'est pas nommé."
    article = Article("a1", "a.txt", "Titre", text, date="2024-12-06")
    closest = [{"article_id": "a1", "source": "a.txt", "title": "Titre", "outlet": None, "date": "2024-12-06", "start": 22,
                "end": len(text), "text": text[22:]}]
    answer = Answer("Qui est le Premier ministre ?", "Les articles ne le disent pas.", True, "fr", trace={"closest": closest})
    assert 'class="refused" data-refused="true"' in render_answer(answer) and "closest passages" in render_answer(answer)
    html = render_sources(SimpleNamespace(article=lambda _id: article), answer)
    assert '<details class="source-card" id="closest-1" data-article="a1" open>' in html
    assert "closest passage" in html and "<mark>Le Premier ministre n&#x27;est pas nommé.</mark>" in html
