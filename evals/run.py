"""`newsrag eval all`: run the claims, retrieval and QA evals in one go, for the report and the gate.

Algorithm of `run_all`:
1. claims: `run_claims_eval` on the claims file with the service's support scorer.
2. retrieval: `run_retrieval_eval` on the SQuAD-format file with the settings' retrieval configuration
   (bm25, dense, hybrid at k = 5), reusing the service's embedder so the model loads once; it builds its
   own temporary index and never touches the corpus in the data folder.
3. qa: `run_qa_eval` on the questions file with the service, i.e. against the corpus already indexed in
   the data folder (the seed QA set expects the five seed articles: `newsrag ingest seeds/`).
Evals named in `skip` are not run and are absent from the result, so the gate leaves their floors alone.
Returns {eval name: that eval's result dict}, in the order above.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.config import Settings
from rag.errors import BadInput

__all__ = ["DATASETS", "EVALS", "EvalPaths", "parse_skip", "run_all", "summary_lines"]

DATASETS = Path(__file__).resolve().parent / "datasets"
EVALS = ("claims", "retrieval", "qa")


@dataclass(frozen=True)
class EvalPaths:
    """The dataset of each eval; the defaults are the dev sets checked in under evals/datasets/."""

    claims: Path = DATASETS / "claims-dev.jsonl"
    piaf: Path = DATASETS / "piaf-dev.json"
    qa: Path = DATASETS / "seed-qa-dev.jsonl"


def parse_skip(text: str | None) -> set[str]:
    """"qa,retrieval" -> {"qa", "retrieval"}; unknown names are an error naming the known ones."""
    names = {part.strip() for part in (text or "").split(",") if part.strip()}
    unknown = sorted(names - set(EVALS))
    if unknown:
        raise BadInput(f"cannot skip {unknown}: --skip takes a comma-separated list of {', '.join(EVALS)}")
    return names


def run_all(service: Any, settings: Settings, paths: EvalPaths, skip: Collection[str] = (),
            log: Callable[[str], None] | None = None) -> dict[str, dict[str, Any]]:
    """Run every eval not in `skip` (see the module docstring); `log` receives one line per stage."""
    from evals.claims_eval import run_claims_eval
    from evals.qa_eval import run_qa_eval
    from evals.retrieval_eval import run_retrieval_eval

    unknown = sorted(set(skip) - set(EVALS))
    if unknown:
        raise BadInput(f"cannot skip {unknown}: choose from {', '.join(EVALS)}")
    if set(EVALS) <= set(skip):
        raise BadInput(f"every eval is skipped: drop some of {', '.join(EVALS)} from --skip")
    say = log or (lambda _message: None)
    if "qa" not in skip and not service.corpus.articles():  # checked first: fail before the slow evals run
        raise BadInput(f"the index in {settings.data_dir} is empty, so every QA answer would be a refusal: "
                       "run 'newsrag ingest seeds/' first, or pass --skip qa")
    results: dict[str, dict[str, Any]] = {}
    if "claims" not in skip:
        say(f"claims: {paths.claims}")
        results["claims"] = run_claims_eval(paths.claims, service.scorer)
    if "retrieval" not in skip:
        say(f"retrieval: {paths.piaf} (builds a temporary index)")
        results["retrieval"] = run_retrieval_eval(paths.piaf, settings, k=5, embedder=service.embedder)
    if "qa" not in skip:
        say(f"qa: {paths.qa}")
        results["qa"] = run_qa_eval(paths.qa, service)
    return results


def _f(value: Any) -> str:
    number = float(value) if isinstance(value, int | float) else math.nan
    return "n/a" if math.isnan(number) else f"{number:.3f}"


def summary_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    """One or two lines per eval with its headline numbers (the report has the rest)."""
    lines: list[str] = []
    if "claims" in results:
        c = results["claims"]
        lines.append(f"claims: {c['n']} pairs, accuracy {_f(c['accuracy'])}, precision {_f(c['precision'])}, "
                     f"recall {_f(c['recall'])}, f1 {_f(c['f1'])}")
    if "retrieval" in results:
        r = results["retrieval"]
        systems = [name for name, row in r.items() if isinstance(row, dict) and "answer_recall" in row]
        cells = ", ".join(f"{name} {_f(r[name]['answer_recall'])} / {_f(r[name]['mrr'])}" for name in systems)
        lines.append(f"retrieval: {r['questions']} questions, answer-recall@{r['k']} / MRR@{r['k']}: {cells}")
    if "qa" in results:
        m = results["qa"]["metrics"]
        lines.append(f"qa: {results['qa']['n']} questions, correct {_f(m['correct']['value'])}, "
                     f"refusal on unanswerable {_f(m['refusal_rate_unanswerable'])}, false refusals {_f(m['false_refusal_rate'])}, "
                     f"faithfulness {_f(m['faithfulness']['value'])}, latency p50 {_f(m['latency_total']['p50'])} s")
    return lines
