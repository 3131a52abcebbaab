"""`newsrag eval claims`: how well the support judge separates supported from unsupported claims.

For each labelled (claim, passage) pair the judge predicts "supported"; the report gives accuracy,
precision, recall and F1 of "supported", accuracy per perturbation kind, and bootstrap 95% intervals.
The judge is any `rag.answer.llm_judge.Judge`: the rules (`SupportScorer`, the default), the LLM judge
or both combined; the report and every item name it ("judge"), and the model when one is used.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.datasets import load_claims
from evals.metrics import binary_report, bootstrap_ci
from rag.answer.llm_judge import Judge


def run_claims_eval(path: Path, scorer: Judge, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    items = load_claims(path)
    judge = getattr(scorer, "name", "rules")
    started = time.perf_counter()
    verdicts = scorer.score_many([(item.claim, item.passage) for item in items])
    if progress:
        progress(len(items), len(items))
    predicted = [v.supported for v in verdicts]
    gold = [item.supported for item in items]
    report = binary_report(predicted, gold, [item.kind for item in items])
    correct = [p == g for p, g in zip(predicted, gold, strict=True)]
    report["accuracy_ci"] = list(bootstrap_ci(correct))
    report["seconds"] = round(time.perf_counter() - started, 3)
    report["dataset"] = str(path)
    report["judge"] = judge
    model = getattr(scorer, "model", None)
    if model:
        report["judge_model"] = model
    report["items"] = [
        {"id": item.id, "kind": item.kind, "gold": item.supported, "predicted": v.supported, "judge": judge,
         "score": None if v.score != v.score else round(v.score, 4), "reasons": list(v.reasons)}
        for item, v in zip(items, verdicts, strict=True)
    ]
    return report


def format_claims_report(report: dict[str, Any]) -> str:
    low, high = report["accuracy_ci"][1], report["accuracy_ci"][2]
    judge = report.get("judge", "rules") + (f" ({report['judge_model']})" if report.get("judge_model") else "")
    lines = [
        f"judge: {judge}  {report['seconds']:.1f} s",
        f"claims: {report['n']}  accuracy {report['accuracy']:.3f} (95% CI {low:.3f}-{high:.3f})  "
        f"precision {report['precision']:.3f}  recall {report['recall']:.3f}  f1 {report['f1']:.3f}",
        "per kind:",
    ]
    for kind, row in sorted(report["by_kind"].items()):
        lines.append(f"  {kind:<14} {row['accuracy']:.3f}  (n={row['n']})")
    wrong = [i for i in report["items"] if i["predicted"] != i["gold"]]
    if wrong:
        lines.append("errors:")
        lines += [f"  {i['id']} {i['kind']}: predicted {i['predicted']} ({'; '.join(i['reasons']) or 'score ' + str(i['score'])})" for i in wrong]
    return "\n".join(lines)
