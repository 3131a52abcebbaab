"""The Evaluate tab's work: find the datasets, tell which eval each one feeds, run it, write the report.

A dataset's kind comes from its content: a `.json` file is SQuAD-format (retrieval eval); in a `.jsonl` file
the first record decides: a `claim` field means claims (support judge), a `question` field means QA.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.errors import BadInput

DATASETS = Path(__file__).resolve().parent.parent / "evals" / "datasets"
Progress = Callable[[int, int, str], None]  # (done, total, what)


def dataset_kind(path: Path) -> str:
    """"claims", "qa" or "retrieval"; BadInput when the file is none of these."""
    if path.suffix.lower() == ".json":
        return "retrieval"
    if path.suffix.lower() == ".jsonl":
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise BadInput(f"{path.name}: first record is not JSON ({error}): see evals/datasets/README.md") from error
                    if isinstance(record, dict) and "claim" in record:
                        return "claims"
                    if isinstance(record, dict) and "question" in record:
                        return "qa"
                    break
    raise BadInput(f"{path.name} is not an eval dataset (QA or claims JSONL, or SQuAD JSON): see evals/datasets/README.md")


def list_datasets(folder: Path = DATASETS) -> list[tuple[str, str]]:
    """(label, file name) for every dataset in `folder`, e.g. ("claims-dev.jsonl (claims)", "claims-dev.jsonl")."""
    found = []
    for path in sorted(folder.glob("*.json*")):
        try:
            found.append((f"{path.name} ({dataset_kind(path)})", path.name))
        except (BadInput, OSError, UnicodeDecodeError):
            continue
    return found


def run_eval(service: Any, path: Path, out: Path, progress: Progress | None = None) -> tuple[dict[str, dict[str, Any]], list[Path]]:
    """Run the eval `path` feeds with `service`, write report.json/.md and plots into `out`; (results, plot paths)."""
    from evals.report import write_report

    if not path.is_file():
        raise BadInput(f"no dataset {path}: choose one of the files in evals/datasets")
    kind = dataset_kind(path)
    say = progress or (lambda _done, _total, _what: None)
    started = time.perf_counter()
    if kind == "claims":
        from evals.claims_eval import run_claims_eval

        say(0, 1, "judging claims")
        result = run_claims_eval(path, service.scorer, progress=lambda done, total: say(done, total, "claims judged"))
    elif kind == "qa":
        from evals.qa_eval import run_qa_eval

        if not service.corpus.articles():
            raise BadInput("the index is empty, so every QA answer would be a refusal: upload or ingest the articles first")
        say(0, 1, "asking questions")
        result = run_qa_eval(path, service, progress=lambda done, total: say(done, total, "questions answered"))
    else:
        from evals.retrieval_eval import run_retrieval_eval

        say(0, 1, "indexing the dataset's articles")
        result = run_retrieval_eval(path, service.settings, k=5, embedder=service.embedder,
                                    progress=lambda stage, done, total: say(done, total, f"{stage}"))
    result["seconds_total"] = round(time.perf_counter() - started, 2)
    results = {"retrieval" if kind == "retrieval" else kind: result}
    written = write_report(results, out)
    return results, [p for p in written if p.suffix == ".png"]
