"""Intensity a summary adds: "les inquiétudes ont grandement augmenté" where the article says they "ont
continué de grandir". The support judge compares facts, not degree, so an intensifying adverb the model adds
passes it. A summary sentence keeps such an adverb only when its source sentences use the same word; any other
is taken out ("ont augmenté"), in French and in English.
"""

from __future__ import annotations

import re

from rag.answer.normalise import fold
from rag.opening import tidied

_INTENSIFIERS = (
    "grandement", "considerablement", "fortement", "massivement", "profondement", "nettement", "sensiblement",
    "significativement", "drastiquement", "enormement", "extremement", "vivement", "radicalement", "serieusement",
    "significantly", "greatly", "considerably", "strongly", "massively", "sharply", "dramatically", "substantially",
    "hugely", "deeply", "vastly", "extremely", "seriously", "drastically", "radically", "markedly",
)
_WORD = re.compile(r"(?<![\w'’-])(\w+)(?![\w'’-])")


def added_intensifiers(text: str, sources: list[str]) -> list[str]:
    """The intensifying adverbs of `text` (as written) that none of the `sources` uses."""
    used = {fold(w) for s in sources for w in _WORD.findall(s)}
    return [w for w in _WORD.findall(text) if fold(w) in _INTENSIFIERS and fold(w) not in used]


def without_words(text: str, words: list[str]) -> str:
    """`text` with each of `words` taken out once, spaces tidied."""
    for word in words:
        text = re.sub(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])\s*", "", text, count=1)
    return tidied(text)
