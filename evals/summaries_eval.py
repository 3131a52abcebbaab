"""`newsrag eval summaries`: summarise the articles of a key-facts dataset and score the summaries.

Per article (the dataset names it by source file name or id; it must be in the index):
1. Summarise it with the service (from the cache unless `refresh`), then once more to time a cached read.
2. faithfulness: `cited_faithfulness` of its sentences, each judged against the spans it cites with the
   support scorer (the same judge that checked it at generation time, so a drop means a stale cache,
   a changed scorer or a bug in the check).
3. dropped_share: the sentences the model wrote that verification dropped, over all it wrote (how often
   the model says something its citations do not support; these never reach the user).
4. key facts: the central event (`event` groups) and its date (`date` groups) must be stated.
Aggregates: faithfulness over all sentences (micro) and per summary (macro), key-fact, event and date
coverage (share of summaries), time per summary for generated (cold) and cached reads.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.datasets import SummaryFacts, load_summary_facts
from evals.metrics import bootstrap_ci, cited_faithfulness, key_facts_covered, percentiles
from rag.errors import BadInput


def load_indexed_facts(path: Path, service: Any, hint: str = "") -> list[SummaryFacts]:
    """The key facts of `path`, after checking that every article they name is in the service's index
    (BadInput naming the missing ones and the fix, `hint` appended, otherwise)."""
    items = load_summary_facts(path)
    missing = [item.source for item in items if service.catalog.find_article(item.source) is None]
    if missing:
        raise BadInput(f"{len(missing)} article(s) of {path} are not in the index ({', '.join(missing[:3])}): "
                       f"ingest them first, e.g. 'newsrag ingest seeds/'{hint}")
    return items


def run_summaries_eval(path: Path, service: Any, language: str | None = None, length: str = "short", refresh: bool = False,
                       progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    items = load_indexed_facts(path, service)
    judge = lambda claim, passage: service.scorer.score(claim, passage).supported  # noqa: E731
    rows = []
    for done, item in enumerate(items, start=1):
        summary = service.summarize(item.source, language, length, refresh=refresh)
        again = service.summarize(item.source, language, length)
        spans = {c["marker"]: c["text"] for c in summary.citations}
        sentences = [(s["text"], [spans[m] for m in s["citations"] if m in spans]) for s in summary.sentences]
        supported = [bool(cited) and judge(text, " ".join(cited)) for text, cited in sentences]
        event = key_facts_covered(summary.summary, item.event)
        date = key_facts_covered(summary.summary, item.date)
        rows.append({
            "id": item.id, "source": item.source, "language": summary.language, "summary": summary.summary,
            "sentences": len(sentences), "supported": sum(supported), "dropped": summary.dropped,
            "faithfulness": cited_faithfulness(sentences, judge), "event": event, "date": date,
            "key_facts": bool(event and date), "generated": not summary.cached,
            "seconds": summary.seconds, "cached_seconds": again.seconds,
        })
        if progress:
            progress(done, len(items))
    return {"dataset": str(path), "n": len(rows), "model": service.model_name, "metrics": _aggregate(rows), "items": rows}


def _rate(values: list[Any]) -> dict[str, float]:
    clean = [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    point, low, high = bootstrap_ci(clean)
    return {"value": point, "ci_low": low, "ci_high": high, "n": len(clean)}


def _aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    sentences = sum(r["sentences"] for r in rows)
    written = sentences + sum(r["dropped"] for r in rows)
    return {
        "faithfulness": sum(r["supported"] for r in rows) / sentences if sentences else math.nan,
        "faithfulness_per_summary": _rate([r["faithfulness"] for r in rows]),
        "dropped_share": sum(r["dropped"] for r in rows) / written if written else math.nan,
        "key_fact_coverage": _rate([r["key_facts"] for r in rows]),
        "event_coverage": _rate([r["event"] for r in rows]),
        "date_coverage": _rate([r["date"] for r in rows]),
        "empty_summaries": sum(r["sentences"] == 0 for r in rows),
        "seconds_generated": percentiles([r["seconds"] for r in rows if r["generated"]]),
        "seconds_cached": percentiles([r["cached_seconds"] for r in rows], qs=(50, 95, 100)),
    }


def format_summaries_report(report: dict[str, Any]) -> str:
    m = report["metrics"]

    def f(value: Any) -> str:
        return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"

    lines = [f"summaries: {report['n']} articles, model {report['model']}",
             f"  faithfulness {f(m['faithfulness'])} (sentences supported by their cited spans; per summary "
             f"{f(m['faithfulness_per_summary']['value'])}), dropped by verification {f(m['dropped_share'])}",
             f"  key facts {f(m['key_fact_coverage']['value'])} (event {f(m['event_coverage']['value'])}, "
             f"date {f(m['date_coverage']['value'])}), empty summaries {m['empty_summaries']}",
             f"  seconds per summary: generated p50 {f(m['seconds_generated']['p50'])}, cached p50 "
             f"{f(m['seconds_cached']['p50'])} / max {f(m['seconds_cached']['p100'])}"]
    for row in report["items"]:
        marks = f"event {'yes' if row['event'] else 'NO'}, date {'yes' if row['date'] else 'NO'}"
        origin = f"{row['seconds']:.1f} s" if row["generated"] else "cache"
        lines.append(f"  - {row['source']} ({origin}; {row['supported']}/{row['sentences']} supported, {row['dropped']} dropped; "
                     f"{marks}): {row['summary'][:160]}")
    return "\n".join(lines)
