"""A tiny language identifier for questions and articles: French, English, or 'other' (by script)."""

from __future__ import annotations

import re

_FR = set("le la les un une des du de et est que qui quoi quel quelle quels quelles quand où comment pourquoi combien dans sur pour par avec au aux ce cette ces il elle ils elles a ont sont été pas ne se sa son ses leur lui y en l d qu".split())
_EN = set("the a an of and is are was were what which who whom when where why how many much in on for by with to this that these those it he she they has have had not do does did be been will would can could should from at as".split())
_WORD = re.compile(r"[a-zà-öø-ÿœ]+", re.IGNORECASE)


def detect_language(text: str, default: str = "en") -> str:
    letters = [c for c in text if c.isalpha()]
    if letters:
        latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
        if latin / len(letters) < 0.5:
            return "other"
    words = [w.lower() for w in _WORD.findall(text.replace("’", "'").replace("'", " "))]
    fr = sum(w in _FR for w in words) + 2 * sum(1 for c in text if c in "éèêàùçôîœ")
    en = sum(w in _EN for w in words)
    if fr == en:
        return default
    return "fr" if fr > en else "en"


_MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}


def human_date(iso: str | None, language: str) -> str | None:
    """'2024-12-06' -> '6 décembre 2024' (fr) or 'December 6, 2024' (en); partial dates stay partial."""
    if not iso:
        return None
    parts = iso.split("-")
    months = _MONTHS.get(language, _MONTHS["en"])
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
    except ValueError:
        return iso
    if month is None or not 1 <= month <= 12:
        return str(year)
    name = months[month - 1]
    if day is None:
        return f"{name} {year}"
    return f"{day} {name} {year}" if language == "fr" else f"{name} {day}, {year}"
