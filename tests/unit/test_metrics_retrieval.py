"""Retrieval metrics: answer recall@k, MRR@k, source recall@k, with hand-computed values."""

from __future__ import annotations

import math

import pytest

from evals.metrics.retrieval import answer_recall_at_k, first_answer_rank, mrr_at_k, source_recall_at_k

TEXTS = [
    ["Rien ici.", "Signé le 6 Décembre à Minsk.", "Autre."],  # answer at rank 2
    ["Il y a 1 084 soldats.", "x"],  # answer at rank 1, number format differs
    ["Marseille en été.", "Non."],  # "mars" only inside a word: no answer
]
ANSWERS = [["6 decembre"], ["1,084"], ["mars"]]


def test_answer_recall_counts_questions_with_an_answer_in_the_top_k() -> None:
    assert answer_recall_at_k(TEXTS, ANSWERS, k=1) == pytest.approx(1 / 3)
    assert answer_recall_at_k(TEXTS, ANSWERS, k=2) == pytest.approx(2 / 3)
    assert answer_recall_at_k(TEXTS, ANSWERS, k=10) == pytest.approx(2 / 3)


def test_mrr_is_the_mean_reciprocal_rank_of_the_first_hit_zero_when_missed() -> None:
    # ranks 2, 1, none -> (1/2 + 1 + 0) / 3
    assert mrr_at_k(TEXTS, ANSWERS, k=3) == pytest.approx(0.5)
    # k=1: only the second question hits -> (0 + 1 + 0) / 3
    assert mrr_at_k(TEXTS, ANSWERS, k=1) == pytest.approx(1 / 3)


def test_normalisation_unifies_accents_apostrophes_and_number_formats() -> None:
    texts = [["L’accord du 6 décembre porte sur 12 500 000 roubles."]]
    for answer in ["l'accord", "6 DECEMBRE", "12,500,000", "12 500 000", "12.500.000", "accord du 6"]:
        assert first_answer_rank(texts[0], [answer], k=1) == 1, answer
    assert first_answer_rank(texts[0], ["125"], k=1) is None


def test_any_of_several_gold_answers_counts() -> None:
    assert answer_recall_at_k([["à Minsk"]], [["Moscou", "Minsk"]], k=1) == 1.0


def test_questions_without_gold_answers_are_excluded_and_nan_when_none_left() -> None:
    # the second question has no usable answer: 1 of 1 remaining
    assert answer_recall_at_k([["Minsk"], ["x"]], [["Minsk"], []], k=1) == 1.0
    assert mrr_at_k([["x", "Minsk"], ["x"]], [["Minsk"], ["  ", "?!"]], k=2) == 0.5
    assert math.isnan(answer_recall_at_k([["x"]], [[]], k=1))
    assert math.isnan(mrr_at_k([["x"]], [[""]], k=1))
    assert math.isnan(answer_recall_at_k([], [], k=5))
    assert math.isnan(mrr_at_k([], [], k=5))


def test_source_recall_needs_one_top_k_chunk_from_a_gold_source() -> None:
    ranked = [["b.txt", "a.txt"], ["c.txt", "c.txt"], ["d.txt"], ["x.txt"]]
    gold = [["a.txt"], ["c.txt", "e.txt"], ["e.txt"], []]  # the last is unanswerable: excluded
    assert source_recall_at_k(ranked, gold, k=1) == pytest.approx(1 / 3)
    assert source_recall_at_k(ranked, gold, k=2) == pytest.approx(2 / 3)
    assert math.isnan(source_recall_at_k([], [], k=3))
    assert math.isnan(source_recall_at_k([["a"]], [[]], k=3))


def test_mismatched_lengths_and_bad_k_are_errors() -> None:
    with pytest.raises(ValueError, match="2 ranked lists for 1 questions"):
        answer_recall_at_k([["a"], ["b"]], [["a"]], k=1)
    with pytest.raises(ValueError, match="k must be at least 1"):
        mrr_at_k([["a"]], [["a"]], k=0)
    with pytest.raises(ValueError):
        source_recall_at_k([["a"]], [], k=1)
