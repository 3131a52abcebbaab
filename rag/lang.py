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
