"""The Gradio app: `build_app(service) -> gr.Blocks`, launched separately by `serve()`.

Everything rendered from article text is HTML-escaped: articles are untrusted input.
"""

from __future__ import annotations

import html
import ipaddress
import os
import re
from collections.abc import Iterator
from typing import Any

import rag  # noqa: F401 - offline environment first
from rag.errors import ConfigError, NewsragError
from rag.retrieval.retriever import Filters
from rag.types import Answer

EXAMPLES = [
    "When might the Oreshnik missile be deployed in Belarus?",
    "Quand l'accord sur les garanties de sécurité mutuelles a-t-il été signé ?",
    "Who controls the use of the nuclear weapons deployed in Belarus?",
]

CSS = """
#answer { font-size: 1.05rem; line-height: 1.5; }
#sources mark { background: #ffe58a; padding: 0 2px; }
.cite { font-weight: 600; text-decoration: none; }
.source-card { border: 1px solid #ddd; border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
.source-meta { color: #555; font-size: 0.9rem; margin-bottom: 6px; }
.refused { color: #8a4b00; }
"""


def _require_gradio() -> Any:
    try:
        import gradio as gr
    except ImportError as error:  # pragma: no cover - depends on the install
        raise ConfigError("the app needs gradio: pip install 'newsrag[ui]'") from error
    return gr


def render_answer(answer: Answer) -> str:
    """The answer as HTML, each [n] marker a link to its source card."""
    text = html.escape(answer.answer)
    if answer.refused:
        return f'<p class="refused">{text}</p>'
    return "<p>" + re.sub(r"\[(\d+)\]", r'<a class="cite" href="#cite-\1" data-marker="\1">[\1]</a>', text) + "</p>"


def render_sources(service: Any, answer: Answer) -> str:
    """One card per citation: title, outlet, date, and the article paragraph with the cited sentence highlighted."""
    cards = []
    citations = answer.citations
    closest = []
    if answer.refused:
        closest = answer.trace.get("closest", [])
    for c in citations or []:
        cards.append(_card(service, c.marker, c.article_id, c.source, c.title, c.outlet, c.date, c.start, c.end))
    for i, c in enumerate(closest, start=1):
        cards.append(_card(service, i, c["article_id"], c["source"], c["title"], c["outlet"], c["date"], c["start"], c["end"],
                           label="closest passage"))
    if not cards:
        return "<p>No sources.</p>"
    return "\n".join(cards)


def _card(service: Any, marker: int, article_id: str, source: str, title: str, outlet: str | None, date: str | None,
          start: int, end: int, label: str = "source") -> str:
    article = service.corpus.article(article_id)
    text = article.text if article else ""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    snippet = (html.escape(text[para_start:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>" + html.escape(text[end:para_end]))
    meta = " · ".join(html.escape(x) for x in (outlet or "", date or "", source) if x)
    return (f'<div class="source-card" id="cite-{marker}" data-article="{html.escape(article_id)}">'
            f'<div class="source-meta">[{marker}] {label}: <b>{html.escape(title)}</b><br>{meta} · chars {start}–{end}</div>'
            f"<div>{snippet}</div></div>")


def _articles_rows(service: Any) -> list[list[str]]:
    return [[e.source, e.title, e.outlet or "", e.date or "", e.language, str(len(e.chunk_ids)), e.article_id] for e in service.corpus.articles()]


def build_app(service: Any) -> Any:
    gr = _require_gradio()

    def ask(question: str, outlet: str, date_from: str, date_to: str) -> Iterator[tuple[str, str, dict]]:
        filters = Filters(outlet=outlet or None, date_from=date_from or None, date_to=date_to or None)
        streamed = ""
        try:
            for event in service.ask_stream(question, filters):
                if event.kind == "token":
                    streamed += event.text
                    yield f"<p>{html.escape(streamed)}</p>", "", {}
                elif event.kind == "answer" and event.answer is not None:
                    answer = event.answer
                    yield render_answer(answer), render_sources(service, answer), answer.trace
        except NewsragError as error:
            yield f'<p class="refused">{html.escape(str(error))}</p>', "", {}

    with gr.Blocks(title="newsrag", analytics_enabled=False) as app:
        gr.Markdown("# newsrag\nAsk the articles. Every sentence of an answer cites the article sentence it rests on.")
        with gr.Tab("Ask"):
            with gr.Row():
                question = gr.Textbox(label="Question", placeholder=EXAMPLES[0], elem_id="question", scale=5)
                button = gr.Button("Ask", variant="primary", elem_id="ask", scale=1)
            with gr.Accordion("Filters", open=False):
                with gr.Row():
                    outlet = gr.Textbox(label="Outlet")
                    date_from = gr.Textbox(label="From (YYYY-MM-DD)")
                    date_to = gr.Textbox(label="To (YYYY-MM-DD)")
            gr.Examples(EXAMPLES, inputs=[question])
            answer_html = gr.HTML(elem_id="answer")
            sources_html = gr.HTML(elem_id="sources")
            with gr.Accordion("Trace", open=False):
                trace_json = gr.JSON(elem_id="trace")
            inputs = [question, outlet, date_from, date_to]
            outputs = [answer_html, sources_html, trace_json]
            button.click(ask, inputs, outputs, concurrency_limit=1)
            question.submit(ask, inputs, outputs, concurrency_limit=1)
        with gr.Tab("Articles"):
            table = gr.Dataframe(headers=["source", "title", "outlet", "date", "language", "chunks", "id"],
                                 value=lambda: _articles_rows(service), elem_id="articles", interactive=False)
            refresh = gr.Button("Refresh")
            refresh.click(lambda: _articles_rows(service), None, table)
    return app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(service: Any, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None) -> int:
    auth = auth or os.environ.get("NEWSRAG_AUTH")
    if not _is_loopback(host) and not auth:
        raise ConfigError(f"refusing to serve on {host} without authentication: pass --auth user:password or set NEWSRAG_AUTH")
    credentials = None
    if auth:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise ConfigError("--auth must look like user:password")
        credentials = (user, password)
    # build every component before the first request, so the first question is not slowed by loading
    _ = service.answerer
    app = build_app(service)
    print(f"newsrag: serving http://{host}:{port}", flush=True)
    app.queue(default_concurrency_limit=1, max_size=32).launch(
        server_name=host, server_port=port, share=False, auth=credentials, show_error=True, quiet=True, css=CSS,
    )
    return 0
