"""Goods a claim names that its passage does not: gas for electricity, coal for oil.

Across languages the embedder puts "un marché unifié de l'électricité" and "a unified gas market" close
together (same sentence, one word changed), and the name check does not see goods. So the support judge
compares them by key: each good the claim names ("gaz", "gas", "gazier" -> "gas") must be named by the
passage too, in either language.
"""

from __future__ import annotations

import re

from rag.answer.normalise import fold

_GOODS: dict[str, tuple[str, ...]] = {
    "gas": ("gaz", "gazier", "gaziere", "gaziers", "gazieres", "gas"),
    "oil": ("petrole", "petrolier", "petroliere", "petroliers", "petrolieres", "oil"),
    "electricity": ("electricite", "electrique", "electriques", "electricity", "electric", "electrical"),
    "coal": ("charbon", "coal"),
    "grain": ("cereales", "cereale", "ble", "grain", "grains", "cereal", "cereals", "wheat"),
    "uranium": ("uranium",),
    "energy": ("energie", "energies", "energetique", "energetiques", "energy", "energies"),
    "steel": ("acier", "steel"),
    "fertiliser": ("engrais", "fertiliser", "fertilisers", "fertilizer", "fertilizers", "potasse", "potash"),
}
_KEY = {word: key for key, words in _GOODS.items() for word in words}
_WORD = re.compile(r"[a-z]+")


def goods(text: str) -> set[str]:
    """The keys of the goods `text` names."""
    return {_KEY[w] for w in _WORD.findall(fold(text)) if w in _KEY}


def missing_goods(claim: str, passage: str) -> list[str]:
    """A reason for each good the claim names and the passage does not."""
    return [f"claim names {good}, the passage does not" for good in sorted(goods(claim) - goods(passage))]
