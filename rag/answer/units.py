"""The unit each number of a text is given in, French and English, in canonical keys.

"800 kilomètres carrés" and "800 square kilometres" are both ("800", "km2"); "800 km" is ("800", "km"): the
same number in another unit is another fact (an area read as a length). Units are read right after the number
("1 084 km", "5 %", "10 milliards de dollars", "$5"), the square of a length from "carré(s)", "square" or
"²". Keys: km, m, mi (lengths), km2, m2, mi2, ha (areas), kg, t (masses), % , usd, eur, rub (money).
Numbers are canonical as in `rag.answer.normalise` ("1 084" = "1,084" = "1084").
"""

from __future__ import annotations

import re

from rag.answer.normalise import _parse_digits, canonical_number, fold

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


def number_units(text: str) -> frozenset[tuple[str, str]]:
    """(canonical number, unit key) for each number the text gives with a unit."""
    folded = fold(text).replace("\u00b2", "²")
    found: set[tuple[str, str]] = set()
    for match in _AFTER.finditer(folded):
        value = _parse_digits(match.group("num"))
        if value is None:
            continue
        word = match.group("unit")
        if word in _LENGTHS:
            unit = _LENGTHS[word] + ("2" if match.group("square_before") or match.group("square_after") else "")
        else:
            unit = _OTHERS[word]
        found.add((canonical_number(value), unit))
    for match in _BEFORE.finditer(text):
        value = _parse_digits(match.group("num"))
        if value is not None:
            found.add((canonical_number(value), _OTHERS[match.group("unit")]))
    return frozenset(found)
