"""Numbers with their units: read in French and English, and a number in another unit fails support."""

from __future__ import annotations

import pytest

from rag.answer.support import SupportScorer
from rag.answer.units import number_units


@pytest.mark.parametrize("text, expected", [
    ("800 kilomètres carrés de territoire", {("800", "km2")}),
    ("800 square kilometres", {("800", "km2")}),
    ("800 km²", {("800", "km2")}),
    ("800 km2", {("800", "km2")}),
    ("800 kilometers of territory", {("800", "km")}),
    ("une frontière de 1 084 km", {("1084", "km")}),
    ("a 1,084-kilometre border", {("1084", "km")}),
    ("25 mètres carrés", {("25", "m2")}),
    ("5 %", {("5", "%")}), ("5% more", {("5", "%")}), ("cinq pour cent", set()),
    ("10 milliards de dollars", {("10", "usd")}), ("$5 billion", {("5", "usd")}), ("3,5 millions d'euros", {("3.5", "eur")}),
    ("2 000 soldats", set()), ("le 6 décembre 2024", set()), ("3 km 200", {("3", "km")}),
])
def test_number_units(text: str, expected: set[tuple[str, str]]) -> None:
    assert number_units(text) == expected


def test_a_number_in_another_unit_is_not_supported() -> None:
    scorer = SupportScorer(threshold=0.2)
    passage = "En novembre 2024, l'Ukraine prétendait contrôler 800 kilomètres carrés de territoire ici."
    verdict = scorer.score("En novembre 2024, l'Ukraine prétendait contrôler 800 kilomètres de territoire.", passage)
    assert not verdict.supported and "claim says 800 km where the passage says 800 km2" in verdict.reasons
    assert scorer.score("En novembre 2024, l'Ukraine prétendait contrôler 800 km² de territoire.", passage).supported
    # a passage giving the number without a unit says nothing against the claim's
    assert scorer.score("L'Ukraine contrôlait 800 kilomètres carrés.", "L'Ukraine contrôlait 800 (kilomètres carrés) ici.").supported
