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


@pytest.mark.parametrize("text, sources, language, expected", [
    ("Ukraine claimed 800 kilometers of territory.", ["L'Ukraine prétendait contrôler 800 kilomètres carrés."], "en",
     "Ukraine claimed 800 square kilometres of territory."),
    ("L'Ukraine contrôlait 800 km.", ["800 kilomètres carrés"], "fr", "L'Ukraine contrôlait 800 kilomètres carrés."),
    ("800 km² of land.", ["800 kilomètres carrés"], "en", "800 km² of land."),  # same unit: as written
    ("800 km of land.", ["800 km²", "800 m"], "en", "800 km of land."),  # the sources disagree: left to the judge
    ("800 km of land.", ["800 soldats"], "en", "800 km of land."),  # no source gives 800 in a unit
    ("It cost 5 dollars.", ["Cela a coûté 5 euros."], "en", "It cost 5 dollars."),  # money is a fact, not a format
])
def test_a_unit_the_sources_all_give_the_number_in_is_copied_back(text: str, sources: list[str], language: str, expected: str) -> None:
    from rag.answer.units import correct_units

    assert correct_units(text, sources, language) == expected


def test_verification_copies_the_sources_unit_back_before_checking() -> None:
    from rag.answer.context import ContextSentence
    from rag.answer.verify import verify_text
    from rag.types import Span

    text = "En novembre 2024, l'Ukraine contrôlait 800 kilomètres carrés de territoire ici."
    context = [ContextSentence(1, "a", "a.txt", "T", None, None, Span(0, len(text)), text, 1.0, 1.0)]
    checked = verify_text("En novembre 2024, l'Ukraine contrôlait 800 kilomètres de territoire [1].", context, SupportScorer(threshold=0.2))
    assert [c.text for c in checked.kept] == ["En novembre 2024, l'Ukraine contrôlait 800 kilomètres carrés de territoire."]
