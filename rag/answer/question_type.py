"""What kind of fact a question asks for, and whether an answer gives one.

A "how much / how many / combien" question asks for a quantity: an answer must give a number or an order of
magnitude ("des dizaines de milliers"). A "when / quand / by when / en quelle année" question asks for a time:
an answer must give a date, a weekday, a year or a relative time ("plus tôt cette année", "last year"). A
true, supported sentence that gives neither is no answer to such a question ("How much gas does Russia sell
to Belarus?" answered by a sentence saying Belarus depends on Russian gas). Other questions ask for nothing
this module can check: None.
"""

from __future__ import annotations

import re

from rag.answer.normalise import extract_facts, years_in

_ASKS_QUANTITY = re.compile(r"(?i)\b(?:how (?:much|many|long|far|large|big)|combien|quelle (?:quantité|superficie|distance|longueur))\b")
_ASKS_TIME = re.compile(
    r"(?i)(?:\b(?:when|by when|until when|since when|quand|depuis quand|jusqu'à quand|d'ici quand)\b"
    r"|\b(?:what|which) (?:year|date|day|month)\b|\b(?:à|a|en|de) quel(?:le)? (?:date|année|jour|mois)\b"
    r"|\bquel(?:le)? (?:date|année|jour|mois)\b)")
_RELATIVE_TIME = re.compile(
    r"(?i)\b(?:cette année|cette semaine|ce mois|l'année (?:dernière|prochaine|précédente)|l'an (?:dernier|prochain)|"
    r"la semaine (?:dernière|prochaine)|le mois (?:dernier|prochain)|hier|demain|aujourd'hui|récemment|plus tôt|"
    r"this (?:year|week|month)|last (?:year|week|month)|next (?:year|week|month)|yesterday|tomorrow|today|recently|earlier)\b")


def asked_kind(question: str) -> str | None:
    """"quantity", "time" or None (see the module docstring)."""
    if _ASKS_QUANTITY.search(question):
        return "quantity"
    if _ASKS_TIME.search(question):
        return "time"
    return None


def gives(kind: str, text: str) -> bool:
    """True if `text` gives a fact of the kind asked ("quantity" or "time")."""
    facts = extract_facts(text)
    if kind == "quantity":  # a year is a time, not a quantity ("au second semestre 2025")
        years = {d[:4] for d in facts.dates if d[:4].isdigit()}
        return bool(facts.numbers - years or facts.magnitudes)
    if kind == "time":
        return bool(facts.dates or years_in(text) or _RELATIVE_TIME.search(text))
    raise ValueError(f"unknown kind {kind!r}: use 'quantity' or 'time'")
