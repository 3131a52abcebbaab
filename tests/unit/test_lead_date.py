"""A summary lead that dropped its month gets it back: where, in which words, and when it is left alone."""

from __future__ import annotations

import pytest

from rag.lead_date import date_phrase, wanted_months, with_month


@pytest.mark.parametrize("key, language, inner, opening", [
    ("2024-05", "fr", "en mai 2024", "En mai 2024"),
    ("2024-05", "en", "in May 2024", "In May 2024"),
    ("--12-06", "fr", "le 6 décembre", "Le 6 décembre"),
    ("--12-01", "fr", "le 1er décembre", "Le 1er décembre"),
    ("--12-06", "en", "on December 6", "On December 6"),
    ("2024-12-06", "en", "on December 6, 2024", "On December 6, 2024"),
])
def test_date_phrase(key: str, language: str, inner: str, opening: str) -> None:
    assert date_phrase(key, language) == (inner, opening)


@pytest.mark.parametrize("key", ["2024", "weekday:friday", "2024-13", "soon"])
def test_keys_naming_no_month_have_no_phrase(key: str) -> None:
    assert date_phrase(key, "fr") is None


def test_wanted_months_keep_the_order_of_the_date_words_and_skip_weekdays() -> None:
    assert wanted_months("26 Mai 2024, le 19 décembre, vendredi") == ["2024-05-26", "--12-19"]
    assert wanted_months("") == [] and wanted_months("vendredi") == []


@pytest.mark.parametrize("text, when, language, expected", [
    # the bare year the model kept takes the month (a dateline's day is left out: only month and year)
    ("Poutine est allé à Minsk pendant deux jours en 2024.", "26 Mai 2024", "fr", "Poutine est allé à Minsk pendant deux jours en mai 2024."),
    ("Putin spent two days in Minsk in 2024.", "26 Mai 2024", "en", "Putin spent two days in Minsk in May 2024."),
    # no year to replace: the date opens the sentence, and an opening article is lowered
    ("La Russie et le Bélarus ont signé un traité.", "le 6 décembre 2024", "fr", "En décembre 2024, la Russie et le Bélarus ont signé un traité."),
    ("Putin and Lukashenko signed a treaty.", "le 6 décembre", "en", "On December 6, Putin and Lukashenko signed a treaty."),
    # another year in the text is not the bare year of the date
    ("Russia acted in 2023.", "mai 2024", "en", "In May 2024, Russia acted in 2023."),
])
def test_a_lead_without_its_month_gets_it(text: str, when: str, language: str, expected: str) -> None:
    assert with_month(text, when, language) == expected


@pytest.mark.parametrize("text, when", [
    ("Russia and Belarus signed a treaty on December 6.", "le 6 décembre"),  # has it
    ("Russia and Belarus signed a treaty in March.", "le 6 décembre"),  # names another month: left to the judge
    ("Russia and Belarus signed a treaty on Friday.", "vendredi"),  # a weekday names no month
    ("Russia and Belarus signed a treaty.", ""),  # the group gives no date
])
def test_a_lead_is_left_alone_when_nothing_is_missing(text: str, when: str) -> None:
    assert with_month(text, when, "en") is None
