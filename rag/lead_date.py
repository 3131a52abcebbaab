"""Put back the month a summary's lead dropped.

A lead must say when (issue: "every summary mentions the article's central event and date"). The model is
asked to include the date its sentences give, but greedy decoding sometimes keeps only the year ("à Minsk
pendant deux jours en 2024" for "en mai 2024"), and which way it goes changes with the build's floating-point
numerics. So the code checks: when the group's date words name a month (or a day of a month) and the lead
names no month at all, the lead gets the first of them (the month and year; a day only when no year comes
with it, since a dateline's day is when the article appeared, not when the event happened), written in the summary's language, in place of
the bare year it kept ("en 2024" -> "en mai 2024", "in 2024" -> "in May 2024") or, without one, in front
("En mai 2024, la Russie ..."). The caller checks the new sentence with the support scorer like any other.
"""

from __future__ import annotations

import re

from rag.answer.normalise import extract_facts
from rag.opening import continued

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December")

# date keys (rag.answer.normalise): "2024-05", "2024-12-06", "--12-06"
_KEY = re.compile(r"^(?P<year>\d{4}|-)-(?P<month>\d\d)(?:-(?P<day>\d\d))?$")


def month_of(key: str) -> tuple[str | None, int] | None:
    """(year or None, month) of a date key that names a month; None for years, weekdays and periods."""
    match = _KEY.match(key)
    if match is None:
        return None
    year = match.group("year")
    return (None if year == "-" else year), int(match.group("month"))


def date_phrase(key: str, language: str) -> tuple[str, str] | None:
    """The date key as words in `language` ("fr" or "en"), twice: after a preposition inside a sentence
    ("en mai 2024", "le 6 décembre 2024") and opening one ("En mai 2024", "Le 6 décembre 2024");
    None when the key names no month."""
    match = _KEY.match(key)
    if match is None:
        return None
    year = "" if match.group("year") == "-" else match.group("year")
    month, day = int(match.group("month")), match.group("day")
    if not 1 <= month <= 12:
        return None
    if language == "fr":
        if day:
            inner = f"le {'1er' if int(day) == 1 else int(day)} {FRENCH_MONTHS[month - 1]}" + (f" {year}" if year else "")
        else:
            inner = f"en {FRENCH_MONTHS[month - 1]}" + (f" {year}" if year else "")
    else:
        if day:
            inner = f"on {ENGLISH_MONTHS[month - 1]} {int(day)}" + (f", {year}" if year else "")
        else:
            inner = f"in {ENGLISH_MONTHS[month - 1]}" + (f" {year}" if year else "")
    return inner, inner[0].upper() + inner[1:]


def wanted_months(when: str) -> list[str]:
    """The month-naming date keys of the group's date words ("le 19 décembre, mai 2024"), in their order."""
    keys: list[str] = []
    for part in when.split(", "):
        for key in sorted(extract_facts(part).dates):
            if month_of(key) is not None and key not in keys:
                keys.append(key)
    return keys


def with_month(text: str, when: str, language: str) -> str | None:
    """`text` with the first month of `when` put in, or None when nothing is missing (no month wanted, or the
    text names a month already) or it cannot be written."""
    wanted = wanted_months(when)
    if not wanted:
        return None
    if any(month_of(k) is not None for k in extract_facts(text).dates):
        return None  # it names a month already: another of the group's, or one the support check will judge
    year, month = month_of(wanted[0])  # type: ignore[misc]
    # with its year, only the month: a day may be a dateline's (the day the article appeared, not the event's),
    # and "en mai 2024" is true whenever "le 26 mai 2024" is; without a year the day is the text's own
    key = f"{year}-{month:02d}" if year else wanted[0]
    phrase = date_phrase(key, language)
    if phrase is None:
        return None
    inner, opening = phrase
    if year:
        bare = re.compile(rf"\b(?:en|in) {year}\b")
        if bare.search(text):
            return bare.sub(lambda _: inner, text, count=1)
    return f"{opening}, {continued(text)}"
