"""ALCE citation recall and precision with a tiny lambda judge, plus support phrases."""

from __future__ import annotations

import math

import pytest

from evals.metrics.citations import (
    CitedSentence,
    citation_precision,
    citation_recall,
    cited_sentences,
    support_phrase_cited,
)
from rag.types import Answer, AnswerSentence, Citation


def judge(claim: str, passage: str) -> bool:
    """Supported when every word of the claim appears somewhere in the passage(s): monotone."""
    return set(claim.split()) <= set(passage.split())


S1 = CitedSentence("A B", ["A B", "C"])  # 1st supports alone; 2nd irrelevant (alone no, rest yes)
S2 = CitedSentence("A B", ["A", "B"])  # only jointly: both needed, both relevant
S3 = CitedSentence("A D", ["A", "C"])  # not supported: neither citation supports alone, both irrelevant
S4 = CitedSentence("A", [])  # no citation: unsupported, adds no citation
S5 = CitedSentence("A", ["A", "A"])  # both support alone: both relevant


def test_recall_is_the_share_of_jointly_supported_sentences() -> None:
    assert citation_recall([S1, S2, S3, S4, S5], judge) == pytest.approx(3 / 5)
    assert citation_recall([S4], judge) == 0.0
    assert math.isnan(citation_recall([], judge))


def test_precision_follows_alce() -> None:
    # relevant: S1 1/2, S2 2/2, S3 0/2, S4 -, S5 2/2 -> 5 / 8
    assert citation_precision([S1, S2, S3, S4, S5], judge) == pytest.approx(5 / 8)
    assert citation_precision([S1], judge) == pytest.approx(0.5)
    assert citation_precision([CitedSentence("A", ["A"])], judge) == 1.0
    assert citation_precision([CitedSentence("A", ["B"])], judge) == 0.0


def test_precision_keeps_a_citation_that_supports_alone_even_when_the_joint_check_fails() -> None:
    # a judge that fails on long inputs (truncation): joint fails, the single passage supports
    def short_judge(claim: str, passage: str) -> bool:
        return len(passage) < 5 and judge(claim, passage)

    sentence = CitedSentence("A", ["A", "long passage"])
    assert citation_recall([sentence], short_judge) == 0.0
    assert citation_precision([sentence], short_judge) == 0.5


def test_precision_is_nan_without_citations() -> None:
    assert math.isnan(citation_precision([], judge))
    assert math.isnan(citation_precision([S4], judge))


def test_joint_support_joins_passages_with_newlines() -> None:
    seen: list[str] = []

    def recording(claim: str, passage: str) -> bool:
        seen.append(passage)
        return True

    citation_recall([CitedSentence("c", ["p1", "p2"])], recording)
    assert seen == ["p1\np2"]


def test_cited_sentences_resolves_markers_from_an_answer() -> None:
    citation = Citation(1, "art", "000.txt", "T", None, None, 0, 5, "Minsk")
    answer = Answer(
        question="q",
        answer="Minsk [1]. Rien [2].",
        refused=False,
        language="fr",
        citations=[citation],
        sentences=[AnswerSentence("Minsk.", [1]), AnswerSentence("Rien.", [2])],
    )
    assert cited_sentences(answer) == [CitedSentence("Minsk.", ["Minsk"]), CitedSentence("Rien.", [])]


def test_support_phrase_cited_is_normalised_containment() -> None:
    cited = ["Signé le 6 décembre 2024 à Minsk.", "Autre passage."]
    assert support_phrase_cited(cited, "6 DECEMBRE 2024")
    assert support_phrase_cited(["« Non ! », a-t-il dit"], "Non!")
    assert not support_phrase_cited(cited, "guerre non déclarée")
    assert not support_phrase_cited([], "Minsk")
    with pytest.raises(ValueError, match="empty support phrase"):
        support_phrase_cited(cited, " ")
