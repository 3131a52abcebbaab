"""HTML for the app. Everything taken from article text (or from a model's output) is HTML-escaped here:
articles are untrusted input. Markers [n] become links to the source card of citation n."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rag.types import Answer, Article

_MARKER = re.compile(r"\[(\d+)\]")


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def link_markers(escaped: str, prefix: str = "cite") -> str:
    """[n] markers of already escaped text as links to the card with id `<prefix>-n`."""
    return _MARKER.sub(rf'<a class="cite" href="#{prefix}-\1" data-target="{prefix}-\1" data-marker="\1">[\1]</a>', escaped)


def render_answer(answer: Answer) -> str:
    """The answer as HTML, each [n] marker a link to its source card; a refusal marked as such."""
    text = esc(answer.answer)
    if answer.refused:
        closest = " The closest passages are shown beside it." if answer.trace.get("closest") else ""
        return f'<p class="refused" data-refused="true">{text}</p><p class="hint">{esc(closest.strip())}</p>'
    return '<p class="answer-text">' + link_markers(text) + "</p>"


def render_streaming(text: str, status: str = "") -> str:
    shown = f'<p class="streaming">{esc(text)}</p>' if text else ""
    return shown + (f'<p class="status">{esc(status)}</p>' if status else "")


def _snippet(text: str, start: int, end: int) -> str:
    """The paragraph around [start, end) with that span inside <mark>."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    return esc(text[para_start:start]) + "<mark>" + esc(text[start:end]) + "</mark>" + esc(text[end:para_end])


def source_card(article: Article | None, card_id: str, marker: int, title: str, source: str, outlet: str | None, date: str | None,
                start: int, end: int, quoted: str, label: str = "", open_: bool = False) -> str:
    """A collapsible card: [n] title, outlet, date, source; inside, the paragraph with the cited sentence marked."""
    body = _snippet(article.text, start, end) if article is not None else f"<mark>{esc(quoted)}</mark>"
    meta = " · ".join(esc(x) for x in (outlet, date, source) if x)
    tag = f'<span class="card-label">{esc(label)}</span> ' if label else ""
    return (f'<details class="source-card" id="{esc(card_id)}" data-article="{esc(article.article_id if article else "")}"'
            f'{" open" if open_ else ""}><summary><span class="card-marker">[{marker}]</span> {tag}<b>{esc(title)}</b>'
            f'<div class="source-meta">{meta} · chars {start}–{end}</div></summary>'
            f'<div class="card-body">{body}</div></details>')


def render_sources(corpus: Any, answer: Answer) -> str:
    """One card per citation (closed until its marker is clicked); for a refusal, the closest passages (open)."""
    cards = [source_card(corpus.article(c.article_id), f"cite-{c.marker}", c.marker, c.title, c.source, c.outlet, c.date,
                         c.start, c.end, c.text) for c in answer.citations]
    if answer.refused:
        for i, c in enumerate(answer.trace.get("closest", []), start=1):
            cards.append(source_card(corpus.article(c["article_id"]), f"closest-{i}", i, c["title"], c["source"], c.get("outlet"),
                                     c.get("date"), c["start"], c["end"], c.get("text", ""), label="closest passage", open_=True))
    if not cards:
        return '<p class="empty">No sources.</p>'
    head = '<p class="hint">Click a marker in the answer to open its source.</p>' if answer.citations else ""
    return head + "\n".join(cards)


def render_article(article: Article, status: str = "") -> str:
    meta = " · ".join(esc(x) for x in (article.outlet, article.date, article.language, article.source, status) if x)
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in article.text.split("\n") if p.strip())
    return (f'<div class="article-view" data-article="{esc(article.article_id)}"><h3>{esc(article.title)}</h3>'
            f'<div class="source-meta">{meta}</div>{paragraphs}</div>')


def render_summary(summary: Any) -> str:
    """A Summary (rag.summarise): its text with markers linked to the cited sentences listed below it."""
    origin = "cached" if summary.cached else f"{summary.seconds:.1f} s"
    items = "".join(f'<li id="sum-{int(c["marker"])}"><b>[{int(c["marker"])}]</b> <mark>{esc(c["text"])}</mark> '
                    f'<span class="source-meta">chars {int(c["start"])}–{int(c["end"])}</span></li>' for c in summary.citations)
    return (f'<div class="summary-view"><h4>{esc(summary.title)}</h4><div class="source-meta">{esc(summary.source)} · '
            f'{esc(summary.language)} · {esc(summary.model)} · {esc(origin)}</div>'
            f'<p>{link_markers(esc(summary.summary), "sum")}</p><ol class="citations">{items}</ol></div>')


def render_brief(brief: Any) -> str:
    """A Brief (rag.brief): dated entries in order, each with its citations (Citation objects or dicts)."""
    entries = getattr(brief, "entries", [])
    if not entries:
        return '<p class="empty">The articles give no dated events for this brief.</p>'
    rows = []
    for entry in entries:
        cites = []
        for c in entry.citations:
            c = c.as_dict() if hasattr(c, "as_dict") else dict(c)
            cites.append(f'<li><b>[{esc(c.get("marker"))}]</b> {esc(c.get("title"))} <span class="source-meta">{esc(c.get("source"))} · '
                         f'{esc(c.get("date") or "")}</span><br><mark>{esc(c.get("text"))}</mark></li>')
        rows.append(f'<li class="brief-entry"><span class="brief-date">{esc(entry.date or "undated")}</span> '
                    f'<span class="brief-text">{esc(entry.text)}</span><ul class="citations">{"".join(cites)}</ul></li>')
    return f'<ol class="brief">{"".join(rows)}</ol>'


COUNTS = ("n", "questions", "reachable", "chunks")  # metric rows that are counts, shown without decimals


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def render_metrics(results: Mapping[str, Mapping[str, Any]], rows_of: Any) -> str:
    """One table per eval: metric, value, 95% CI (rows from evals.report.metric_rows)."""
    parts = []
    for name, result in results.items():
        rows: Sequence[tuple[str, float, tuple[float, float] | None]] = rows_of(name, result)
        body = "".join(f"<tr><td>{esc(m)}</td><td>{_fmt(v) if m not in COUNTS or math.isnan(v) else int(v)}</td><td>{esc(f'{_fmt(ci[0])} – {_fmt(ci[1])}') if ci else ''}</td></tr>"
                       for m, v, ci in rows)
        dataset = str(result.get("dataset") or "").replace("\\", "/").rsplit("/", 1)[-1]
        parts.append(f'<h4>{esc(name)}{f" <small>({esc(dataset)})</small>" if dataset else ""}</h4>'
                     f'<table class="metrics"><thead><tr><th>metric</th><th>value</th><th>95% CI</th></tr></thead>'
                     f"<tbody>{body}</tbody></table>")
    return "".join(parts)


def render_upload(result: Any) -> str:
    """What an upload did (rag.service.UploadResult): the ingest summary, the articles added, the files rejected."""
    report = result.report
    added = ", ".join(esc(a["source"]) for a in result.articles)
    rejected = "".join(f'<p class="error">rejected {esc(r["path"].rsplit("/", 1)[-1])}: {esc(r["reason"])}</p>' for r in report.rejected)
    return f'<p class="uploaded">{esc(report.summary_line())}</p><p>added: {added}</p>{rejected}'


def render_plots(paths: Sequence[Any]) -> str:
    """PNG plots inlined as data URIs (the report folder need not be served)."""
    import base64
    from pathlib import Path

    images = []
    for path in paths:
        data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
        images.append(f'<figure><img src="data:image/png;base64,{data}" alt="{esc(Path(path).stem)}"></figure>')
    return f'<div class="plots">{"".join(images)}</div>' if images else ""


def render_error(message: str) -> str:
    return f'<p class="error" role="alert">{esc(message)}</p>'
