"""Evaluation report: `report.json`, `report.md` and PNG plots from the results of one or more evals.

`results` maps an eval name to the dict its runner returned: "claims" (`run_claims_eval`), "retrieval"
(`run_retrieval_eval`), "qa" (`run_qa_eval`), "summaries" (`run_summaries_eval`); other names get a
generic table of their numeric fields.

Algorithm of `write_report`:
1. report.json: the results as given (NaN written as the JSON extension `NaN`, as `--json` prints it).
2. report.md: one table per eval of (metric, value, 95% CI). The CI column is filled where the eval
   bootstrapped one (claims accuracy, retrieval and qa rates, summary coverage); NaN prints as "n/a".
3. PNG plots, drawn with matplotlib's Agg renderer on standalone `Figure`s (no display, no pyplot
   global state). A plot whose data is absent (eval skipped, no scores, no timings) is not written:
   - qa_metrics.png: qa rates as bars with their 95% CI as error bars;
   - retrieval.png: answer-recall@k and MRR@k of each retrieval system (bm25, dense, hybrid, ...), with
     their 95% CI as error bars where the result carries one;
   - claims_by_kind.png: support-judge accuracy per perturbation kind (overall accuracy with its CI first);
   - claims_scores.png: histogram of the support scorer's score for gold-supported vs gold-unsupported claims;
   - qa_latency.png: histogram of the total seconds per question (items' timings.total).
Returns the paths written, report.json and report.md first.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Row", "metric_rows", "write_report"]

Row = tuple[str, float, tuple[float, float] | None]  # (metric, value, (ci_low, ci_high) or None)

QA_RATES = ("correct", "correct_answerable", "support_phrase_cited", "source_cited",
            "citation_recall", "citation_precision", "faithfulness")
QA_PLAIN = ("refusal_rate_unanswerable", "false_refusal_rate")


def _num(value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    return math.nan


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.4g}" if abs(value) >= 10 else f"{value:.4f}"


def _ci(low: Any, high: Any) -> tuple[float, float] | None:
    pair = (_num(low), _num(high))
    return None if all(math.isnan(v) for v in pair) else pair


# -- rows ---------------------------------------------------------------------------------------------
def _claims_rows(result: Mapping[str, Any]) -> list[Row]:
    ci = result.get("accuracy_ci") or [None, None, None]
    rows: list[Row] = [("accuracy", _num(result.get("accuracy")), _ci(ci[1], ci[2]))]
    rows += [(m, _num(result.get(m)), None) for m in ("precision", "recall", "f1") if m in result]
    rows += [(f"accuracy[{kind}]", _num(row.get("accuracy")), None) for kind, row in sorted(result.get("by_kind", {}).items())]
    rows += [(m, _num(result[m]), None) for m in ("n",) if m in result]
    return rows


def _retrieval_systems(result: Mapping[str, Any]) -> list[str]:
    return [name for name, row in result.items() if isinstance(row, Mapping) and "answer_recall" in row]


def _retrieval_rows(result: Mapping[str, Any]) -> list[Row]:
    k = result.get("k", "k")
    rows: list[Row] = []
    for name in _retrieval_systems(result):
        for metric in ("answer_recall", "mrr", "source_recall"):
            if metric in result[name]:
                ci = result[name].get(f"{metric}_ci") or [None, None]
                rows.append((f"{name}.{metric} (@{k})", _num(result[name][metric]), _ci(ci[0], ci[1])))
    rows += [(m, _num(result[m]), None) for m in ("questions", "reachable", "chunks") if m in result]
    return rows


def _qa_rows(result: Mapping[str, Any]) -> list[Row]:
    metrics = result.get("metrics", {})
    rows: list[Row] = []
    for name in QA_RATES:
        if name in metrics:
            row = metrics[name]
            rows.append((name, _num(row.get("value")), _ci(row.get("ci_low"), row.get("ci_high"))))
    rows += [(name, _num(metrics[name]), None) for name in QA_PLAIN if name in metrics]
    for name in ("latency_total", "latency_first_token"):
        rows += [(f"{name}.{p} (s)", _num(v), None) for p, v in metrics.get(name, {}).items()]
    if "n" in result:
        rows.append(("n", _num(result["n"]), None))
    return rows


def _summaries_rows(result: Mapping[str, Any]) -> list[Row]:
    metrics = result.get("metrics", {})
    rows: list[Row] = [(name, _num(metrics[name]), None) for name in ("faithfulness", "dropped_share") if name in metrics]
    for name in ("faithfulness_per_summary", "key_fact_coverage", "event_coverage", "date_coverage"):
        if name in metrics:
            row = metrics[name]
            rows.append((name, _num(row.get("value")), _ci(row.get("ci_low"), row.get("ci_high"))))
    for name in ("seconds_generated", "seconds_cached"):
        rows += [(f"{name}.{p} (s)", _num(v), None) for p, v in metrics.get(name, {}).items()]
    if "n" in result:
        rows.append(("n", _num(result["n"]), None))
    return rows


def _generic_rows(result: Mapping[str, Any]) -> list[Row]:
    return [(key, _num(value), None) for key, value in result.items() if isinstance(value, int | float)]


def metric_rows(name: str, result: Mapping[str, Any]) -> list[Row]:
    """The (metric, value, CI) rows of one eval's result, as report.md shows them."""
    builder = {"claims": _claims_rows, "retrieval": _retrieval_rows, "qa": _qa_rows, "summaries": _summaries_rows}.get(name, _generic_rows)
    return builder(result)


def _markdown(results: Mapping[str, Mapping[str, Any]], plots: Sequence[Path]) -> str:
    lines = ["# newsrag evaluation report", ""]
    for name, result in results.items():
        dataset = result.get("dataset")
        judge = f"judge {result['judge']}" + (f" {result['judge_model']}" if result.get("judge_model") else "") if result.get("judge") else ""
        where = ", ".join(x for x in (str(dataset) if dataset else "", judge) if x)
        lines += [f"## {name}" + (f" ({where})" if where else ""), "", "| metric | value | 95% CI |", "|---|---|---|"]
        for metric, value, ci in metric_rows(name, result):
            interval = f"{_fmt(ci[0])} – {_fmt(ci[1])}" if ci else ""
            lines.append(f"| {metric} | {_fmt(value)} | {interval} |")
        lines.append("")
    if plots:
        lines += ["## plots", ""] + [f"![{p.stem}]({p.name})" for p in plots]
    lines.append("")
    return "\n".join(lines)


# -- plots --------------------------------------------------------------------------------------------
def _figure(width: float = 7.0, height: float = 4.0) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _save(fig: Figure, path: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    fig.savefig(path, format="png")
    return path


def _bars(path: Path, title: str, rows: list[Row], ylabel: str = "score") -> Path | None:
    rows = [r for r in rows if not math.isnan(r[1])]
    if not rows:
        return None
    fig = _figure(max(5.0, 0.9 * len(rows) + 2), 4.0)
    ax = fig.add_subplot()
    values = [r[1] for r in rows]
    errors = [[max(0.0, v - ci[0]) if ci and not math.isnan(ci[0]) else 0.0 for v, (_, _, ci) in zip(values, rows, strict=True)],
              [max(0.0, ci[1] - v) if ci and not math.isnan(ci[1]) else 0.0 for v, (_, _, ci) in zip(values, rows, strict=True)]]
    ax.bar(range(len(rows)), values, yerr=errors, capsize=4, color="#4c72b0")
    ax.set_xticks(range(len(rows)), [r[0] for r in rows], rotation=30, ha="right")
    ax.set_ylim(0, 1.05 if max(values) <= 1 else None)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return _save(fig, path)


def _qa_metrics_plot(result: Mapping[str, Any], out: Path) -> Path | None:
    rows = [r for r in _qa_rows(result) if r[0] in QA_RATES or r[0] in QA_PLAIN]
    return _bars(out / "qa_metrics.png", f"QA metrics (n={result.get('n', '?')}), 95% CI", rows)


def _retrieval_plot(result: Mapping[str, Any], out: Path) -> Path | None:
    systems = _retrieval_systems(result)
    if not systems:
        return None
    k = result.get("k", "k")
    fig = _figure(max(5.0, 1.2 * len(systems) + 2), 4.0)
    ax = fig.add_subplot()
    width = 0.38
    for offset, (metric, label) in enumerate((("answer_recall", f"answer-recall@{k}"), ("mrr", f"MRR@{k}"))):
        values = [_num(result[s][metric]) for s in systems]
        cis = [_ci(*(result[s].get(f"{metric}_ci") or [None, None])) for s in systems]
        errors = [[max(0.0, v - ci[0]) if ci and not math.isnan(v) else 0.0 for v, ci in zip(values, cis, strict=True)],
                  [max(0.0, ci[1] - v) if ci and not math.isnan(v) else 0.0 for v, ci in zip(values, cis, strict=True)]]
        xs = [i + (offset - 0.5) * width for i in range(len(systems))]
        ax.bar(xs, [0.0 if math.isnan(v) else v for v in values], width, yerr=errors, capsize=3, label=label)
    ax.set_xticks(range(len(systems)), systems, rotation=20 if len(systems) > 4 else 0, ha="right" if len(systems) > 4 else "center")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title(f"Retrieval ({result.get('questions', '?')} questions)")
    ax.legend(loc="lower right")
    return _save(fig, out / "retrieval.png")


def _claims_kind_plot(result: Mapping[str, Any], out: Path) -> Path | None:
    rows = [r for r in _claims_rows(result) if r[0] == "accuracy" or r[0].startswith("accuracy[")]
    if len(rows) <= 1 and (not rows or math.isnan(rows[0][1])):
        return None
    return _bars(out / "claims_by_kind.png", f"Support judge accuracy (n={result.get('n', '?')})", rows, ylabel="accuracy")


def _claims_scores_plot(result: Mapping[str, Any], out: Path) -> Path | None:
    items = result.get("items") or []
    groups: dict[bool, list[float]] = {True: [], False: []}
    for item in items:
        score = _num(item.get("score"))
        if not math.isnan(score) and "gold" in item:
            groups[bool(item["gold"])].append(score)
    if not groups[True] and not groups[False]:
        return None
    fig = _figure()
    ax = fig.add_subplot()
    everything = groups[True] + groups[False]
    low, high = min(everything), max(everything)
    bins = [low + (high - low) * i / 20 for i in range(21)] if high > low else 10
    for gold, label, colour in ((True, "gold supported", "#55a868"), (False, "gold unsupported", "#c44e52")):
        if groups[gold]:
            ax.hist(groups[gold], bins=bins, alpha=0.6, label=f"{label} (n={len(groups[gold])})", color=colour)
    ax.set_xlabel("support score")
    ax.set_ylabel("claims")
    ax.set_title("Support scorer: score by gold label")
    ax.legend()
    return _save(fig, out / "claims_scores.png")


def _latency_plot(result: Mapping[str, Any], out: Path) -> Path | None:
    totals = [_num((item.get("timings") or {}).get("total")) for item in result.get("items") or []]
    totals = [t for t in totals if not math.isnan(t)]
    if not totals:
        return None
    fig = _figure()
    ax = fig.add_subplot()
    ax.hist(totals, bins=min(20, max(1, len(totals))), color="#8172b2")
    ax.set_xlabel("seconds per question (total)")
    ax.set_ylabel("questions")
    ax.set_title(f"QA latency (n={len(totals)})")
    return _save(fig, out / "qa_latency.png")


def _plots(results: Mapping[str, Mapping[str, Any]], out: Path) -> list[Path]:
    makers = {
        "qa": (_qa_metrics_plot, _latency_plot),
        "retrieval": (_retrieval_plot,),
        "claims": (_claims_kind_plot, _claims_scores_plot),
    }
    written: list[Path] = []
    for name, result in results.items():
        for make in makers.get(name, ()):
            path = make(result, out)
            if path is not None:
                written.append(path)
    return written


# -- entry point ----------------------------------------------------------------------------------------
def write_report(results: dict[str, dict[str, Any]], out: Path) -> list[Path]:
    """Write report.json, report.md and the plots of `results` into `out`; see the module docstring."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("qa_metrics.png", "qa_latency.png", "retrieval.png", "claims_by_kind.png", "claims_scores.png"):
        (out / stale).unlink(missing_ok=True)  # a plot whose data is absent now must not linger from a past run
    json_path = out / "report.json"
    json_path.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    plots = _plots(results, out)
    md_path = out / "report.md"
    md_path.write_text(_markdown(results, plots), encoding="utf-8")
    return [json_path, md_path, *plots]
