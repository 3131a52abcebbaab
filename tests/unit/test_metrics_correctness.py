"""Correctness metrics: normalisation, must_include groups and reference similarity."""

from __future__ import annotations

import math

import numpy as np
import pytest

from evals.metrics.correctness import contains_normalised, must_include_match, normalise_answer, reference_similarity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le 6 Décembre, 1 084 soldats", "le 6 decembre 1084 soldats"),
        ("1\u202f084 et 1\u00a0084", "1084 et 1084"),
        ("1,084 / 1.084 / 12 500 000", "1084 1084 12500000"),
        ("1,5 milliard", "1 5 milliard"),  # a decimal comma is not a thousands group
        ("en 2024, 500 soldats", "en 2024 500 soldats"),  # nor is a comma and a space
        ("1 084,5", "1084 5"),
        ("l’Ukraine «Non!»", "l ukraine non"),
        ("Œuvre STRASSE Straße", "oeuvre strasse strasse"),
        ("  ", ""),
    ],
)
def test_normalise_answer(text: str, expected: str) -> None:
    assert normalise_answer(text) == expected


def test_containment_is_by_whole_words() -> None:
    assert contains_normalised("Il est arrivé en mars.", "Mars")
    assert not contains_normalised("Il est arrivé à Marseille.", "mars")
    assert not contains_normalised("It is not so.", "No")
    assert not contains_normalised("anything", "?!")


def test_must_include_needs_every_group_by_one_alternative() -> None:
    groups = [["6 décembre", "December 6", "6 December"], ["Minsk"]]
    assert must_include_match("Signed on December 6 in MINSK.", groups)
    assert must_include_match("Signé le 6 decembre à Minsk.", groups)
    assert not must_include_match("Signé le 6 décembre à Moscou.", groups)  # second group missing
    assert not must_include_match("Signé le 16 décembre à Minsk.", groups)  # "16" is not "6"
    assert must_include_match("il y a 1 084 morts", [["1,084", "mille"]])
    assert must_include_match("anything", [])  # nothing required


def test_must_include_rejects_an_empty_group() -> None:
    with pytest.raises(ValueError, match="no alternatives"):
        must_include_match("x", [["a"], []])


def test_reference_similarity_is_squad_token_f1() -> None:
    # answer tokens: le 6 decembre 2024 (4); reference: le vendredi 6 decembre 2024 (5); common 4
    # P = 4/4, R = 4/5, F1 = 2 * 1 * 0.8 / 1.8 = 8/9
    assert reference_similarity("Le 6 décembre 2024.", "Le vendredi 6 décembre 2024.") == pytest.approx(8 / 9)
    # repeated tokens count once per occurrence: answer "a a b", reference "a c" -> common 1
    # P = 1/3, R = 1/2, F1 = 2 * (1/6) / (5/6) = 0.4
    assert reference_similarity("a a b", "a c") == pytest.approx(0.4)
    assert reference_similarity("Moscou", "Minsk") == 0.0
    assert reference_similarity("", "Minsk") == 0.0
    assert math.isnan(reference_similarity("Minsk", ""))
    assert math.isnan(reference_similarity("Minsk", " ... "))


def test_reference_similarity_with_embeddings_is_cosine() -> None:
    vectors = {"a": [1.0, 0.0], "b": [1.0, 1.0], "z": [0.0, 0.0]}

    def embed(texts: list[str]) -> np.ndarray:
        return np.array([vectors[t] for t in texts])

    assert reference_similarity("a", "b", embed=embed) == pytest.approx(1 / math.sqrt(2))
    assert reference_similarity("b", "b", embed=embed) == pytest.approx(1.0)
    assert math.isnan(reference_similarity("z", "b", embed=embed))  # zero vector: undefined
    assert math.isnan(reference_similarity("a", "", embed=embed))


def test_ordinal_suffixes_are_number_formats() -> None:
    assert normalise_answer("the 25th anniversary, le 25e, le 1er mars, 3ème") == "the 25 anniversary le 25 le 1 mars 3"
    assert must_include_match("The leaders marked the 25th anniversary of the Union State.", [["25"]])
    assert not must_include_match("The 250th anniversary.", [["25"]])
