"""ragas-style faithfulness with a lambda judge."""

from __future__ import annotations

import math

import pytest

from evals.metrics.faithfulness import faithfulness


def judge(sentence: str, context: str) -> bool:
    return sentence.rstrip(".") in context


def test_faithfulness_is_supported_over_total() -> None:
    context = "Poutine était à Minsk. Le traité a été signé."
    sentences = ["Poutine était à Minsk.", "Le traité a été signé.", "Il pleuvait."]
    assert faithfulness(sentences, context, judge) == pytest.approx(2 / 3)


def test_a_list_context_is_judged_as_a_whole() -> None:
    seen: list[str] = []

    def recording(sentence: str, context: str) -> bool:
        seen.append(context)
        return "B" in context

    assert faithfulness(["x", "y"], ["A", "B"], recording) == 1.0
    assert seen == ["A\n\nB", "A\n\nB"]


def test_blank_sentences_are_dropped_and_no_sentences_is_nan() -> None:
    assert faithfulness(["Minsk.", "  "], "Minsk", judge) == 1.0
    assert math.isnan(faithfulness([], "Minsk", judge))
    assert math.isnan(faithfulness(["", " "], "Minsk", judge))


def test_empty_context_supports_nothing() -> None:
    assert faithfulness(["Minsk."], [], lambda s, c: True) == 0.0
    assert faithfulness(["Minsk."], "", lambda s, c: True) == 0.0
