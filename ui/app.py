"""The Gradio app: `build_app(service) -> gr.Blocks`, served beside the HTTP API by `serve()`.

Tabs: Ask (streamed answers; each [n] opens its source card with the cited sentence highlighted; refusals
with the closest passages; trace; filters; examples), Articles (drag-and-drop upload, list, open, delete,
summary), Brief (cross-article dated timeline), Evaluate (run an eval on a dataset, metrics and plots).
Labels follow the browser's language (English or French, `ui.i18n`). Everything rendered from article text
is HTML-escaped (`ui.render`): articles are untrusted input. Stable element ids: question, ask, answer,
sources, upload, articles, summary, brief, eval-run, eval-report.
"""

from __future__ import annotations

import ipaddress
import os
import time
from datetime import date
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import rag  # noqa: F401 - offline environment first
from rag.errors import BadInput, ConfigError, NewsragError
from rag.retrieval.retriever import Filters
from rag.uploads import Upload, check_size
from ui.evaluate import DATASETS, list_datasets, run_eval
from ui.i18n import I18N_TABLES
from ui.render import (esc, render_answer, render_article, render_brief, render_error, render_metrics, render_plots,
                       render_sources, render_streaming, render_summary, render_upload)

__all__ = ["EXAMPLES", "CSS", "build_app", "build_server", "render_answer", "render_sources", "serve"]

EXAMPLES = [
    "When might the Oreshnik missile be deployed in Belarus?",
    "Quand l'accord sur les garanties de sécurité mutuelles a-t-il été signé ?",
    "Who controls the use of the nuclear weapons deployed in Belarus?",
]
BRIEF_MISSING = "Brief not available: this version of newsrag has no cross-article brief (Service.brief) yet."

CSS = """
.gradio-container { width: 100% !important; max-width: 1280px !important; margin: 0 auto; }
#answer, #sources, #article-text, #summary { padding-top: 30px !important; }
#answer { font-size: 1.05rem; line-height: 1.55; min-height: 3rem; }
#answer .refused { color: #8a4b00; font-weight: 600; }
#answer .status, .hint, .source-meta { color: #666; font-size: 0.88rem; }
.cite { font-weight: 600; text-decoration: none; padding: 0 1px; border-radius: 3px; color: #1d4ed8; cursor: pointer; }
.cite:hover { background: #dbeafe; }
mark { background: #ffe58a; color: inherit; padding: 0 2px; border-radius: 2px; }
.source-card { border: 1px solid #d4d4d8; border-radius: 8px; padding: 8px 12px; margin-bottom: 10px; background: #fff; }
.source-card > summary { cursor: pointer; line-height: 1.4; }
.source-card.active { border-color: #f59e0b; box-shadow: 0 0 0 2px #fde68a; }
.source-card .card-body { margin-top: 8px; line-height: 1.55; }
.card-label { font-size: 0.8rem; color: #8a4b00; text-transform: uppercase; }
.error { color: #b91c1c; font-weight: 600; }
.article-view { max-height: 520px; overflow-y: auto; line-height: 1.55; padding-right: 8px; }
.summary-view ol.citations li, .brief ul.citations li { margin: 4px 0; font-size: 0.92rem; }
ol.brief { padding-left: 0; list-style: none; }
.brief-entry { border-left: 3px solid #f59e0b; padding: 4px 12px; margin-bottom: 12px; }
.brief-date { font-weight: 700; margin-right: 8px; }
table.metrics { border-collapse: collapse; margin-bottom: 16px; }
table.metrics th, table.metrics td { border: 1px solid #d4d4d8; padding: 4px 10px; text-align: left; }
table.metrics td:nth-child(2) { font-variant-numeric: tabular-nums; }
#eval-report .plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
#eval-report .plots img { width: 100%; height: auto; border: 1px solid #e4e4e7; border-radius: 6px; }
#eval-report figure { margin: 0; }
"""

# A click on a marker [n] in the answer (or a summary) opens the card it points to and scrolls it into view.
CITE_JS = """
element.addEventListener('click', (event) => {
  const link = event.target.closest('a.cite');
  if (!link) return;
  event.preventDefault();
  const card = document.getElementById(link.dataset.target);
  if (!card) return;
  const panel = card.parentElement;
  panel.querySelectorAll('.source-card.active').forEach((c) => c.classList.remove('active'));
  card.classList.add('active');
  if (card.tagName === 'DETAILS') card.open = true;
  card.scrollIntoView({behavior: 'smooth', block: 'nearest'});
});
"""

ARTICLE_COLUMNS = ["source", "title", "outlet", "date", "lang", "chunks", "status", "id"]


def _require_gradio() -> Any:
    try:
        import gradio as gr
    except ImportError as error:  # pragma: no cover - depends on the install
        raise ConfigError("the app needs gradio: pip install 'newsrag[ui]'") from error
    return gr


def _articles_rows(service: Any) -> list[list[Any]]:
    return [[r["source"], r["title"], r["outlet"] or "", r["date"] or "", r["language"], r["chunks"], r["status"], r["article_id"]]
            for r in service.list_articles()]


def _article_choices(service: Any) -> list[tuple[str, str]]:
    return [(f"{r['source']} · {r['title'][:70]}", r["article_id"]) for r in service.list_articles()]


def parse_filters(outlet: str | None, date_from: str | None, date_to: str | None) -> Filters:
    """The Ask tab's filter fields as Filters; a date that is not YYYY-MM-DD is BadInput naming the field."""
    dates = {}
    for label, value in (("From", date_from), ("To", date_to)):
        text = (value or "").strip()
        if text:
            try:
                dates[label] = date.fromisoformat(text).isoformat()
            except ValueError as error:
                raise BadInput(f"{label} date '{text}' is not a date: write it as YYYY-MM-DD, e.g. 2024-12-06") from error
    return Filters(outlet=(outlet or "").strip() or None, date_from=dates.get("From"), date_to=dates.get("To"))


def build_app(service: Any, datasets: Path = DATASETS, eval_out: Path | None = None) -> Any:
    """The app for `service`; `datasets` is the folder the Evaluate tab offers, reports go to `eval_out`
    (default <data_dir>/eval-report/<dataset>)."""
    gr = _require_gradio()
    i18n = gr.I18n(**I18N_TABLES)
    has_brief = hasattr(service, "brief")
    reports = eval_out or service.settings.data_dir / "eval-report"

    # -- Ask ------------------------------------------------------------------------------------
    def ask(question: str, outlet: str, date_from: str, date_to: str) -> Iterator[tuple[str, str, dict]]:
        streamed = ""
        try:
            filters = parse_filters(outlet, date_from, date_to)
            for event in service.ask_stream(question, filters):
                if event.kind == "token":
                    streamed += event.text
                    yield render_streaming(streamed), "", {}
                elif event.kind == "status":
                    yield render_streaming(streamed, event.text), "", {}
                elif event.kind == "answer" and event.answer is not None:
                    answer = event.answer
                    yield render_answer(answer), render_sources(service.corpus, answer), answer.trace
        except NewsragError as error:
            yield render_error(str(error)), "", {}

    # -- Articles -------------------------------------------------------------------------------
    def refreshed(selected: str | None = None) -> tuple[Any, Any]:
        choices = _article_choices(service)
        keep = selected if selected in {value for _, value in choices} else None
        return _articles_rows(service), gr.update(choices=choices, value=keep)

    def upload(files: list[str] | None) -> tuple[str, Any, Any, None]:
        limit = service.settings.upload_max_bytes
        try:
            paths = [Path(f) for f in files or []]
            for path in paths:  # an oversize file is refused before it is read
                check_size(path.name, path.stat().st_size, limit)
            result = service.add_uploads([Upload(path.name, path.read_bytes()) for path in paths])
        except NewsragError as error:
            return render_error(str(error)), *refreshed(), None
        latest = result.articles[-1]["article_id"]
        return render_upload(result), _articles_rows(service), gr.update(choices=_article_choices(service), value=latest), None

    def open_article(article_id: str | None) -> str:
        if not article_id:
            return render_error("Choose an article first.")
        try:
            article = service.article(article_id)
        except NewsragError as error:
            return render_error(str(error))
        return render_article(article)

    def delete(article_id: str | None, confirmed: str) -> tuple[Any, ...]:
        if article_id and confirmed != "yes":  # the browser's confirmation was declined: change nothing
            return (gr.update(),) * 5
        if not article_id:
            return render_error("Choose an article first."), *refreshed(), "", ""
        try:
            removed = service.delete_article(article_id)
        except NewsragError as error:
            return render_error(str(error)), *refreshed(article_id), "", ""
        message = f'<p class="deleted">deleted {esc(removed["source"])} ({removed["chunks_removed"]} chunks)</p>'
        return message, *refreshed(), "", ""

    def summarize(article_id: str | None, language: str, refresh: bool) -> str:
        if not article_id:
            return render_error("Choose an article first.")
        try:
            return render_summary(service.summarize(article_id, None if language == "auto" else language, "short", bool(refresh)))
        except NewsragError as error:
            return render_error(str(error))

    def select_row(event: Any) -> Any:  # a click on a table row picks that article
        row = getattr(event, "row_value", None)
        return gr.update(value=row[-1]) if row else gr.update()

    select_row.__annotations__["event"] = gr.SelectData  # how Gradio knows to pass the event

    # -- Brief ----------------------------------------------------------------------------------
    def brief(topic: str, language: str) -> str:
        if not has_brief:
            return render_error(BRIEF_MISSING)
        try:
            return render_brief(service.brief(topic=(topic or "").strip() or None, language=None if language == "auto" else language))
        except NewsragError as error:
            return render_error(str(error))

    # -- Evaluate -------------------------------------------------------------------------------
    def evaluate(name: str | None, progress: Any = gr.Progress()) -> str:
        if not name:
            return render_error("Choose a dataset first.")
        from evals.report import metric_rows

        path = (datasets / name).resolve()
        if path.parent != datasets.resolve():
            return render_error(f"no dataset {name}: choose one of the listed files")
        started = time.perf_counter()
        try:
            results, plots = run_eval(service, path, reports / path.stem,
                                      progress=lambda done, total, what: progress((done, max(total, 1)), desc=what))
        except NewsragError as error:
            return render_error(str(error))
        took = f'<p class="source-meta">{esc(name)}: {time.perf_counter() - started:.1f} s; report in {esc(reports / path.stem)}</p>'
        return took + render_metrics(results, metric_rows) + render_plots(plots)

    with gr.Blocks(title="newsrag", analytics_enabled=False) as app:
        gr.Markdown(i18n("intro"))
        with gr.Tabs():
            with gr.Tab(i18n("tab_ask"), id="tab-ask"):
                with gr.Row(equal_height=True):
                    question = gr.Textbox(label=i18n("question"), placeholder=EXAMPLES[0], elem_id="question", scale=6, lines=1,
                                          max_length=2000)
                    ask_button = gr.Button(i18n("ask"), variant="primary", elem_id="ask", scale=1, min_width=120)
                with gr.Accordion(i18n("filters"), open=False):
                    with gr.Row():
                        outlet = gr.Textbox(label=i18n("outlet"), elem_id="filter-outlet")
                        date_from = gr.Textbox(label=i18n("date_from"), placeholder="YYYY-MM-DD", elem_id="filter-from")
                        date_to = gr.Textbox(label=i18n("date_to"), placeholder="YYYY-MM-DD", elem_id="filter-to")
                gr.Examples(EXAMPLES, inputs=[question], label=i18n("examples"))
                with gr.Row():
                    with gr.Column(scale=5):
                        answer_html = gr.HTML(label=i18n("answer"), show_label=True, container=True, elem_id="answer", js_on_load=CITE_JS)
                        with gr.Accordion(i18n("trace"), open=False):
                            trace_json = gr.JSON(elem_id="trace")
                    with gr.Column(scale=6):
                        sources_html = gr.HTML(label=i18n("sources"), show_label=True, container=True, elem_id="sources",
                                               value='<p class="hint">Sources appear here.</p>', js_on_load="")
                inputs = [question, outlet, date_from, date_to]
                outputs = [answer_html, sources_html, trace_json]
                ask_button.click(ask, inputs, outputs, concurrency_limit=1, concurrency_id="model")
                question.submit(ask, inputs, outputs, concurrency_limit=1, concurrency_id="model")

            with gr.Tab(i18n("tab_articles"), id="tab-articles"):
                with gr.Row():
                    with gr.Column(scale=2):
                        files = gr.File(label=i18n("upload"), file_count="multiple", elem_id="upload", height=150,
                                        file_types=[".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"])
                        upload_status = gr.HTML(elem_id="upload-status")
                    with gr.Column(scale=5):
                        table = gr.Dataframe(headers=ARTICLE_COLUMNS, value=lambda: _articles_rows(service), elem_id="articles",
                                             interactive=False, wrap=True, max_height=320, label=i18n("articles"),
                                             column_widths=["17%", "33%", "10%", "10%", "6%", "6%", "9%", "9%"])
                with gr.Row(equal_height=True):
                    picker = gr.Dropdown(choices=_article_choices(service), label=i18n("article"), elem_id="article-picker", scale=4)
                    summary_language = gr.Radio(["auto", "en", "fr"], value="auto", label=i18n("summary_language"), scale=2)
                    refresh_summary = gr.Checkbox(label=i18n("regenerate"), value=False, scale=1)
                with gr.Row():
                    open_button = gr.Button(i18n("open"), elem_id="article-open")
                    summary_button = gr.Button(i18n("summary_button"), variant="primary", elem_id="summary-run")
                    delete_button = gr.Button(i18n("delete"), variant="stop", elem_id="article-delete")
                    refresh_button = gr.Button(i18n("refresh"), elem_id="articles-refresh")
                confirmed = gr.Textbox(visible=False)  # "yes" when the delete confirmation was accepted (set by the button's js)
                with gr.Row():
                    with gr.Column(scale=1):
                        article_html = gr.HTML(elem_id="article-text", label=i18n("cleaned_text"), show_label=True, container=True)
                    with gr.Column(scale=1):
                        summary_html = gr.HTML(elem_id="summary", label=i18n("summary"), show_label=True, container=True, js_on_load="")
                files.upload(upload, files, [upload_status, table, picker, files], concurrency_limit=1, concurrency_id="index")
                open_button.click(open_article, picker, article_html)
                summary_button.click(summarize, [picker, summary_language, refresh_summary], summary_html,
                                     concurrency_limit=1, concurrency_id="model")
                delete_button.click(delete, [picker, confirmed], [upload_status, table, picker, article_html, summary_html],
                                    js="(id, _) => [id, id && confirm('Delete this article from the index?') ? 'yes' : 'no']",
                                    concurrency_limit=1, concurrency_id="index")
                refresh_button.click(lambda selected: refreshed(selected), picker, [table, picker])
                table.select(select_row, None, picker)

            with gr.Tab(i18n("tab_brief"), id="tab-brief"):
                with gr.Row(equal_height=True):
                    topic = gr.Textbox(label=i18n("topic"), placeholder="Oreshnik", scale=4, elem_id="brief-topic")
                    brief_language = gr.Radio(["auto", "en", "fr"], value="auto", label=i18n("summary_language"), scale=2)
                    brief_button = gr.Button(i18n("brief_button"), variant="primary", elem_id="brief-run", scale=1,
                                             interactive=has_brief)
                brief_html = gr.HTML(value="" if has_brief else render_error(BRIEF_MISSING), elem_id="brief", js_on_load="")
                brief_button.click(brief, [topic, brief_language], brief_html, concurrency_limit=1, concurrency_id="model")

            with gr.Tab(i18n("tab_eval"), id="tab-eval"):
                choices = list_datasets(datasets)
                with gr.Row(equal_height=True):
                    dataset = gr.Dropdown(choices=choices, value=choices[0][1] if choices else None, label=i18n("dataset"),
                                          elem_id="eval-dataset", scale=4)
                    eval_button = gr.Button(i18n("eval_button"), variant="primary", elem_id="eval-run", scale=1)
                gr.Markdown(i18n("eval_hint"))
                eval_html = gr.HTML(elem_id="eval-report", js_on_load="")
                eval_button.click(evaluate, dataset, eval_html, concurrency_limit=1, concurrency_id="model")
    return app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _credentials(host: str, auth: str | None) -> tuple[str, str] | None:
    auth = auth or os.environ.get("NEWSRAG_AUTH")
    if not _is_loopback(host) and not auth:
        raise ConfigError(f"refusing to serve on {host} without authentication: pass --auth user:password or set NEWSRAG_AUTH")
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise ConfigError("--auth must look like user:password")
    return user, password


def build_server(service: Any, credentials: tuple[str, str] | None = None, busy_wait: float = 30.0, **app_options: Any) -> Any:
    """The FastAPI app: the JSON API under /api (a model request waits at most `busy_wait` s for the model, then
    gets 503), and the Gradio app (queued, one model request at a time) at /."""
    gr = _require_gradio()
    from ui.api import ModelSlots, create_api

    api = create_api(service, credentials, ModelSlots(1, busy_wait))
    blocks = build_app(service, **app_options)
    blocks.queue(default_concurrency_limit=1, max_size=32)
    return gr.mount_gradio_app(api, blocks, path="", auth=credentials, show_error=True, ssr_mode=False, css=CSS,
                               i18n=gr.I18n(**I18N_TABLES), max_file_size=service.settings.upload_max_bytes, footer_links=["api"])


def serve(service: Any, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None, busy_wait: float = 30.0,
          **app_options: Any) -> int:
    credentials = _credentials(host, auth)
    import uvicorn

    _ = service.answerer  # build every component before the first request, so the first question is not slowed by loading
    app = build_server(service, credentials, busy_wait, **app_options)
    print(f"newsrag: serving http://{host}:{port} (HTTP API under /api, schema at /api/openapi.json)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
