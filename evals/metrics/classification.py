"""Binary classification report, for the claim-support checker (positive class: "supported")."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["binary_report"]


def _ratio(num: int, den: int) -> float:
    return num / den if den else math.nan


def binary_report(predicted: list[bool], gold: list[bool], kinds: list[str] | None = None) -> dict[str, Any]:
    """Accuracy, precision, recall and F1 of the positive class, with accuracy per kind.

    Counts: tp = predicted and gold True, fp = predicted True and gold False, fn = predicted False
    and gold True, tn = both False.
    - accuracy = (tp + tn) / n; NaN when n = 0
    - precision = tp / (tp + fp); NaN when nothing is predicted positive
    - recall = tp / (tp + fn); NaN when no item is gold positive
    - f1 = 2 tp / (2 tp + fp + fn) (the harmonic mean of precision and recall, 0 when tp = 0 and
      either is defined); NaN when there are no positives at all, predicted or gold
    - by_kind: for each kind (e.g. "entity_swap", "paraphrase"), {"n": items, "accuracy": share right}

    Returns {"n", "tp", "fp", "fn", "tn", "accuracy", "precision", "recall", "f1", "by_kind"}.
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold labels: give one of each per item")
    if kinds is not None and len(kinds) != len(gold):
        raise ValueError(f"{len(kinds)} kinds for {len(gold)} items: give one kind per item, or none")
    pairs = [(bool(p), bool(g)) for p, g in zip(predicted, gold, strict=True)]
    tp = sum(p and g for p, g in pairs)
    fp = sum(p and not g for p, g in pairs)
    fn = sum(g and not p for p, g in pairs)
    tn = sum(not p and not g for p, g in pairs)
    by_kind: dict[str, dict[str, float | int]] = {}
    if kinds is not None:
        for kind in sorted(set(kinds)):
            right = [p == g for (p, g), k in zip(pairs, kinds, strict=True) if k == kind]
            by_kind[kind] = {"n": len(right), "accuracy": sum(right) / len(right)}
    return {
        "n": len(pairs),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "accuracy": _ratio(tp + tn, len(pairs)),
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "by_kind": by_kind,
    }
