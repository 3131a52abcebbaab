"""Regression gate: compare evaluation results with the floors in `evals/thresholds.yaml`.

A thresholds file is a flat YAML mapping from a dotted metric key to a floor, e.g.

    claims.accuracy: 0.95
    retrieval.hybrid.answer_recall: 0.95
    qa.correct: 0.70

Algorithm of `check_thresholds`:
1. For each key, the first part names the eval ("claims", "retrieval", "qa", "summaries"). A key whose eval is not in
   the results (skipped, or a single-eval run) is not checked: each run gates only its own keys.
2. The rest of the key is looked up as a path of dict keys in that eval's result; when it is absent
   there, in the result's "metrics" dict (where `run_qa_eval` keeps its aggregates). A value that is a
   dict with a "value" entry (a bootstrapped rate) stands for that value.
3. The metric passes when it is a number, not NaN, and >= the floor. NaN never passes: a metric that
   could not be computed is a failure to measure, not a success. A missing metric is a violation too
   (the key is probably misspelt).
4. One human-readable line per violation, in the thresholds' order: "qa.correct 0.58 < 0.70".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from rag.errors import BadInput

__all__ = ["DEFAULT_THRESHOLDS", "GATE_EXIT_CODE", "check_thresholds", "load_thresholds", "lookup_metric"]

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"
GATE_EXIT_CODE = 6  # `newsrag eval ... --thresholds`: some metric is below its floor


def load_thresholds(path: Path) -> dict[str, float]:
    """Read a thresholds file: a flat mapping of "eval.metric.path" to a number (the floor)."""
    if not path.is_file():
        raise BadInput(f"thresholds file not found at {path}: pass --thresholds evals/thresholds.yaml or a file of your own")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise BadInput(f"{path} is not valid YAML ({error}): write one 'eval.metric: floor' per line") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadInput(f"{path} must be a mapping of metric keys to floors, e.g. 'qa.correct: 0.70'")
    floors: dict[str, float] = {}
    for key, value in data.items():
        if not isinstance(key, str) or "." not in key:
            raise BadInput(f"{path}: key {key!r} must name an eval and a metric, e.g. 'claims.accuracy'")
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(float(value)):
            raise BadInput(f"{path}: the floor of {key} must be a number, got {value!r}: write e.g. '{key}: 0.9'")
        floors[key] = float(value)
    return floors


def lookup_metric(results: Mapping[str, Any], key: str) -> tuple[bool, Any]:
    """(eval present, value) of a dotted key; value is None when the eval ran but the metric is absent."""
    name, _, rest = key.partition(".")
    if name not in results:
        return False, None
    parts = rest.split(".")
    root = results[name]
    for base in (root, root.get("metrics") if isinstance(root, Mapping) else None):
        value: Any = base
        for part in parts:
            if not isinstance(value, Mapping) or part not in value:
                value = None
                break
            value = value[part]
        if value is not None:
            if isinstance(value, Mapping) and "value" in value:
                value = value["value"]
            return True, value
    return True, None


def _fmt(value: float, floor: float) -> tuple[str, str]:
    """Two decimals, or four when two would print the value and the floor alike."""
    if math.isnan(value):
        return "n/a", f"{floor:.2f}"
    if f"{value:.2f}" == f"{floor:.2f}":
        return f"{value:.4f}", f"{floor:.4f}"
    return f"{value:.2f}", f"{floor:.2f}"


def check_thresholds(results: Mapping[str, Any], thresholds: Mapping[str, float]) -> list[str]:
    """One line per metric below its floor (see the module docstring); empty when everything passes."""
    violations: list[str] = []
    for key, floor in thresholds.items():
        present, value = lookup_metric(results, key)
        if not present:
            continue
        if value is None:
            violations.append(f"{key} missing from the results: fix the key in the thresholds file")
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            violations.append(f"{key} is {value!r}, not a number: point the key at a numeric metric")
            continue
        number = float(value)
        if math.isnan(number) or number < floor:
            shown, bound = _fmt(number, floor)
            violations.append(f"{key} {shown} < {bound}")
    return violations
