"""The app is built, not launched, in tests; rendering escapes article text."""

from __future__ import annotations

import pytest

from rag.errors import ConfigError
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
