"""A place phrase a summary attaches to another word than its article does.

A small model restating "la coopération entre les deux pays ... serait renforcée, accusant les pays
occidentaux d'avoir délibérément aggravé les tensions en Ukraine" writes "la coopération militaire entre les
deux pays en Ukraine": every word is in the source, so the support judge passes it, but the place moved from
the tensions to the cooperation. Algorithm: for each place phrase of the sentence ("en Ukraine", "à Minsk",
"in Kursk": a preposition, an optional article, a capitalised word naming a place), take the word it hangs on
(the nearest content word before the preposition, over function words, in the same clause). In the source
sentences (`place_neighbours`, once per article), collect the content words near each mention of that place (its name, or a nationality adjective:
"russo-ukrainien"), up to NEAR content words on either side, without crossing punctuation. The phrase has
moved when its word is not among them (compared by the judge's content key, so "renforcement" meets
"renforcée"). A phrase at the start of the sentence hangs on nothing and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.support import FUNCTION_WORDS, content_key, places_in
from rag.opening import tidied

NEAR = 3  # content words on either side of a place that it may hang on

_TOKEN = re.compile(r"[\w’'-]+|[.,;:!?«»\"“”()]")
_PLACE_PHRASE = re.compile(r"(?<![\w-])(?P<prep>en|à|au|aux|dans|in|at)\s+(?:(?:la|le|les|the)\s+|l['’])?(?P<place>[A-ZÀ-Ý][\w-]+)")


@dataclass(frozen=True)
class Moved:
    phrase: str  # "en Ukraine", as written in the sentence
    start: int  # its span in the sentence
    end: int
    head: str  # the word the sentence hangs it on


def _content(token: str) -> bool:
    folded = token.lower().strip("'’")
    return len(folded) > 2 and folded not in FUNCTION_WORDS and not token[0].isupper() and token[0].isalpha()


def place_neighbours(sources: list[str]) -> dict[str, set[str]]:
    """Each place key the `sources` name, with the content keys of the words near its mentions."""
    near: dict[str, set[str]] = {}
    for source in sources:
        tokens = _TOKEN.findall(source)
        for index, token in enumerate(tokens):
            for place in places_in(token) if token[0].isalpha() else ():
                near.setdefault(place, set()).update(content_key(w) for w in _around(tokens, index))
    return near


def moved_places(sentence: str, near: dict[str, set[str]]) -> list[Moved]:
    """The place phrases of `sentence` hung on a word the sources (`place_neighbours`) never put near that place."""
    moved = []
    for match in _PLACE_PHRASE.finditer(sentence):
        keys = places_in(match.group("place"))
        if not keys or not any(k in near for k in keys):
            continue  # not a place, or one the sources never name: the judge's name check has it
        head = _head(_TOKEN.findall(sentence[:match.start()]))
        if head is None:
            continue
        if not any(content_key(head) in near.get(k, set()) for k in keys):
            moved.append(Moved(match.group(0), match.start(), match.end(), head))
    return moved


def without(sentence: str, moved: list[Moved]) -> str:
    """The sentence with the moved phrases taken out."""
    for m in sorted(moved, key=lambda m: m.start, reverse=True):
        sentence = sentence[:m.start].rstrip() + sentence[m.end:]
    return tidied(sentence)


def _head(before: list[str]) -> str | None:
    """The nearest content word before the phrase in its clause, or None (the phrase opens the clause)."""
    for token in reversed(before):
        if not token[0].isalnum():
            return None
        if _content(token):
            return token
    return None


def _around(tokens: list[str], index: int) -> list[str]:
    """Up to NEAR content words on either side of tokens[index], not crossing punctuation."""
    out: list[str] = []
    for step in (-1, 1):
        found, i = 0, index + step
        while 0 <= i < len(tokens) and found < NEAR and tokens[i][0].isalnum():
            if _content(tokens[i]):
                out.append(tokens[i])
                found += 1
            i += step
    return out
