"""The unit each number of a text is given in, French and English, in canonical keys.

"800 kilomètres carrés" and "800 square kilometres" are both ("800", "km2"); "800 km" is ("800", "km"): the
same number in another unit is another fact (an area read as a length). Units are read right after the number
("1 084 km", "5 %", "10 milliards de dollars", "$5"), the square of a length from "carré(s)", "square" or
"²". Keys: km, m, mi (lengths), km2, m2, mi2, ha (areas), kg, t (masses), % , usd, eur, rub (money).
Numbers are canonical as in `rag.answer.normalise` ("1 084" = "1,084" = "1084").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rag.answer.normalise import _parse_digits, canonical_number

_LENGTHS = {"km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
            "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
            "mile": "mi", "miles": "mi"}
_OTHERS = {"hectare": "ha", "hectares": "ha", "ha": "ha",
           "kg": "kg", "kilogramme": "kg", "kilogrammes": "kg", "kilogram": "kg", "kilograms": "kg",
           "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t",
           "%": "%", "pour cent": "%", "pourcent": "%", "percent": "%", "per cent": "%",
           "dollar": "usd", "dollars": "usd", "$": "usd", "euro": "eur", "euros": "eur", "€": "eur",
           "rouble": "rub", "roubles": "rub", "ruble": "rub", "rubles": "rub"}
_SCALE = r"(?:(?:millions?|milliards?|billions?|mille|thousand|million|billion)\s+(?:de\s+|d')?)?"
_UNIT_WORDS = "|".join(sorted((re.escape(u) for u in [*_LENGTHS, *_OTHERS]), key=len, reverse=True))
_NUMBER = r"(?P<num>\d{1,3}(?:[ .,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_AFTER = re.compile(
    rf"(?<![\w.,]){_NUMBER}(?:\s*|-){_SCALE}(?P<square_before>(?:square|sq\.?)\s+)?(?P<unit>{_UNIT_WORDS})"
    r"(?P<square_after>[²2](?![\w])|(?![\w])\s*carres?(?![\w]))?(?![\w])"
)
_BEFORE = re.compile(rf"(?P<unit>[$€])\s?{_NUMBER}")


def _same_length_fold(text: str) -> str:
    """Lower case without accents, one character for one ("é" -> "e", "²" -> "2"), so offsets stay the text's."""
    out = []
    for char in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).lower()
        out.append(base if len(base) == 1 else char.lower()[:1] or char)
    return "".join(out)


@dataclass(frozen=True)
class Quantity:
    number: str  # canonical ("1084")
    unit: str  # key ("km2")
    start: int  # where the unit's words start in the text ("square kilometres", "km²")
    end: int


def quantities(text: str) -> list[Quantity]:
    """Each number the text gives with a unit, with the span of the unit's words."""
    folded = _same_length_fold(text)
    found: list[Quantity] = []
    for match in _AFTER.finditer(folded):
        value = _parse_digits(match.group("num"))
        if value is None:
            continue
        word = match.group("unit")
        square = match.group("square_before") or match.group("square_after")
        unit = _LENGTHS[word] + ("2" if square else "") if word in _LENGTHS else _OTHERS[word]
        start = match.start("square_before") if match.group("square_before") else match.start("unit")
        found.append(Quantity(canonical_number(value), unit, start, match.end()))
    for match in _BEFORE.finditer(text):
        value = _parse_digits(match.group("num"))
        if value is not None:
            found.append(Quantity(canonical_number(value), _OTHERS[match.group("unit")], match.start(), match.start() + 1))
    return found


def number_units(text: str) -> frozenset[tuple[str, str]]:
    """(canonical number, unit key) for each number the text gives with a unit."""
    return frozenset((q.number, q.unit) for q in quantities(text))


# the words a corrected unit is written in, by language
_WRITTEN = {
    "fr": {"km": "kilomètres", "km2": "kilomètres carrés", "m": "mètres", "m2": "mètres carrés", "mi": "miles",
           "mi2": "miles carrés", "ha": "hectares", "kg": "kilogrammes", "t": "tonnes", "%": "%"},
    "en": {"km": "kilometres", "km2": "square kilometres", "m": "metres", "m2": "square metres", "mi": "miles",
           "mi2": "square miles", "ha": "hectares", "kg": "kilograms", "t": "tonnes", "%": "%"},
}


def correct_units(text: str, sources: list[str], language: str) -> str:
    """`text` with a number's unit set to the one the sources give that number in, when no source gives it
    in the text's unit and they all agree on another: a model that wrote "800 kilometers" for "800
    kilomètres carrés" restated the number and lost half its unit; the number is the fact, the unit is
    copied back like a format. Money and units written before the number are left alone."""
    mine = quantities(text)
    if not mine:
        return text
    given: dict[str, set[str]] = {}
    for source in sources:
        for number, unit in number_units(source):
            given.setdefault(number, set()).add(unit)
    words = _WRITTEN.get(language, _WRITTEN["en"])
    for quantity in sorted(mine, key=lambda q: -q.start):  # from the end: earlier offsets hold
        theirs = given.get(quantity.number, set())
        if quantity.unit in theirs or len(theirs) != 1:
            continue
        (unit,) = theirs
        if unit in words and quantity.unit in words:
            text = text[:quantity.start] + words[unit] + text[quantity.end:]
    return text
