"""`newsrag eval qa`: answer every question of a QA dataset with the running service and score it.

Per item: correct (all must_include groups matched; for unanswerable items, refused), refused,
support phrase cited, citation recall/precision (ALCE, with the support scorer as judge), faithfulness
and latency. Aggregates carry bootstrap 95% intervals; NaN where a rate has no items.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.datasets import load_qa
from evals.metrics import (
    bootstrap_ci,
    citation_precision,
    citation_recall,
    cited_sentences,
    false_refusal_rate,
    faithfulness,
    must_include_match,
    percentiles,
    refusal_rate,
    support_phrase_cited,
)


def run_qa_eval(path: Path, service: Any, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    items = load_qa(path)
    judge = lambda claim, passage: service.scorer.score(claim, passage).supported  # noqa: E731
    rows = []
    for done, item in enumerate(items, start=1):
        answer = service.ask(item.question)
        sentences = cited_sentences(answer)
        correct = answer.refused if not item.answerable else (not answer.refused and must_include_match(answer.answer, item.must_include))
        cited_sources = {c.source for c in answer.citations}
        phrase = None
        if item.answerable and item.support:
            phrase = support_phrase_cited([c.text for c in answer.citations if not item.sources or c.source in item.sources], item.support)
        rows.append({
            "id": item.id, "question": item.question, "answerable": item.answerable, "answer": answer.answer,
            "refused": answer.refused, "correct": correct, "support_phrase_cited": phrase,
            "source_cited": (bool(cited_sources & set(item.sources)) if item.sources else None),
            "citation_recall": None if answer.refused else citation_recall(sentences, judge),
            "citation_precision": None if answer.refused else citation_precision(sentences, judge),
            "faithfulness": None if answer.refused else faithfulness([s.text for s in answer.sentences], [c.text for c in answer.citations], judge),
            "citations": [c.as_dict() for c in answer.citations],
            "timings": answer.trace.get("timings", {}),
        })
        if progress:
            progress(done, len(items))
    return {"dataset": str(path), "n": len(rows), "metrics": _aggregate(rows), "items": rows}


def _rate(values: list[Any]) -> dict[str, float]:
    clean = [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    point, low, high = bootstrap_ci(clean)
    return {"value": point, "ci_low": low, "ci_high": high, "n": len(clean)}


def _aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r["answerable"] for r in rows]
    refused = [r["refused"] for r in rows]
    return {
        "correct": _rate([r["correct"] for r in rows]),
        "correct_answerable": _rate([r["correct"] for r in rows if r["answerable"]]),
        "refusal_rate_unanswerable": refusal_rate(refused, answerable),
        "false_refusal_rate": false_refusal_rate(refused, answerable),
        "support_phrase_cited": _rate([r["support_phrase_cited"] for r in rows]),
        "source_cited": _rate([r["source_cited"] for r in rows]),
        "citation_recall": _rate([r["citation_recall"] for r in rows]),
        "citation_precision": _rate([r["citation_precision"] for r in rows]),
        "faithfulness": _rate([r["faithfulness"] for r in rows]),
        "latency_total": percentiles([r["timings"].get("total", float("nan")) for r in rows]),
        "latency_first_token": percentiles([r["timings"]["first_token"] for r in rows if "first_token" in r["timings"]]),
    }


def format_qa_report(report: dict[str, Any]) -> str:
    m = report["metrics"]
    def fmt(row: dict[str, float]) -> str:
        return f"{row['value']:.3f} [{row['ci_low']:.3f}, {row['ci_high']:.3f}] (n={row['n']})"
    lines = [
        f"questions: {report['n']}",
        f"correct:              {fmt(m['correct'])}",
        f"support phrase cited: {fmt(m['support_phrase_cited'])}",
        f"citation recall:      {fmt(m['citation_recall'])}",
        f"citation precision:   {fmt(m['citation_precision'])}",
        f"faithfulness:         {fmt(m['faithfulness'])}",
        f"refusal on unanswerable: {m['refusal_rate_unanswerable']:.3f}   false refusals: {m['false_refusal_rate']:.3f}",
        f"latency total p50/p95: {m['latency_total']['p50']:.1f} / {m['latency_total']['p95']:.1f} s;"
        f" first token p50: {m['latency_first_token'].get('p50', float('nan')):.1f} s",
    ]
    for r in report["items"]:
        lines.append(f"  {'OK ' if r['correct'] else 'BAD'} {r['id']}: {r['answer'][:100]}")
    return "\n".join(lines)
