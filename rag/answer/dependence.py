"""Who can do without whom: dependence stated one way for one side and the other way for the other.

"La Russie peut se passer de nous, et nous ne pouvons pas nous passer d'elle" gives Russia and "nous" opposite
values of one relation. A claim that hands one side the other's value ("la Biélorussie peut se passer de la
Russie, alors que la Russie ne peut pas se passer d'elle") has the passage's words, its negation count and its
names, and is still the passage turned round; the polarity check, which pairs clauses by words, cannot see it.

Each statement of the relation is read as (subjects, can_do_without):

* "se passer de", "do / manage / live / cope without": True; "dépend(ant) de", "depends / relies on": False;
  "indépendant de", "independent of": True. A negation before the verb in the same clause ("ne peut pas",
  "cannot") flips the value.
* the subjects are the countries named (a capital counts as its country; a nationality adjective is the speaker's,
  not a side) between the verb and the start of its clause: the last comma, quotation mark, "et", "mais", "alors que", "que", "that" ...
  (over "et"/"and" for "l'une de l'autre", "each other"); "nous"/"we" is the speaker, whoever he is; a clause
  with neither ("qui dépend fortement de Moscou", "elle ne peut pas") is left alone.

A claim side named by the passage must have the passage's value for it; a side the passage does not name is the
passage's "nous" when the passage names one other side only (the claim has named the speaker); a claim's own
"nous" is the passage's.
"""

from __future__ import annotations

import re

from rag.answer.normalise import CAPITALS, DEMONYMS, PLACES, canonical_name, fold, word_tokens

_WE = "we"  # the subject "nous"/"we": the speaker's side

# verb phrases, each with the value it states when not negated
_RELATIONS: tuple[tuple[re.Pattern[str], bool], ...] = (
    (re.compile(r"(?:se|s'|nous|vous|me|m'|te|t')\s*pass(?:er|e|es|ent|ons|ez|ait|aient|era|eront|erait|erions|ant)"
                r"\s+(?:l'une?\s+|les une?s\s+)?(?:d'|d(?:e|u|es)(?![\w-]))"), True),
    (re.compile(r"(?<![\w'-])(?:do|does|did|doing|manage|manages|managed|managing|live|lives|lived|living|cope|copes|"
                r"coped|survive|survives|survived|get by|gets by|go|goes|make do)\s+without(?![\w-])"), True),
    (re.compile(r"(?<![\w'-])independant\w*\s+(?:\w+\s+)?(?:de|d'|du|des|vis-a-vis)(?![\w-])|"
                r"(?<![\w'-])independent\s+(?:of|from)(?![\w-])"), True),
    (re.compile(r"(?<![\w'-])depend(?:s|ent|ant|ante|ants|antes|re|ed|ing|ra|rait|raient)?\s+(?:\w+ment\s+|\w+ly\s+)?"
                r"(?:d'|(?:de|du|des|on|upon)(?![\w-]))|(?<![\w'-])(?:rel(?:y|ies|ied|ying)|reliant)\s+(?:\w+ly\s+)?on(?![\w-])"),
     False),
)

# where the clause that holds the verb starts; "et"/"and" too, except before "l'une de l'autre" ("la Russie et la
# Biélorussie ne peuvent se passer l'une de l'autre" has both as subjects)
_STARTERS = "mais|alors que|alors qu'|tandis que|tandis qu'|que|qu'|qui|but|while|whereas|that|which|who"
_BOUNDARY_NOT_AND = re.compile(rf"[,;:«»\"“”()]|(?<![\w'-])(?:{_STARTERS})(?![\w-])")
_BOUNDARY = re.compile(rf"[,;:«»\"“”()]|(?<![\w'-])(?:et|and|{_STARTERS})(?![\w-])")
_RECIPROCAL = re.compile(r"^\s*(?:l'une? de l'autre|les une?s des autres|each other|one another)|l'une?\s|les une?s\s")
_NEGATION = re.compile(r"(?<![\w'-])(?:ne|n'|not|cannot|never|unable|no longer|nullement|jamais)(?![\w-])|n't(?![\w-])")
_WE_WORDS = re.compile(r"(?<![\w'-])(?:nous|we)(?![\w-])")


def relations(text: str) -> list[tuple[frozenset[str], bool]]:
    """Each statement of the relation in `text`: (its subjects, can do without); see the module docstring."""
    folded = fold(text.replace("’", "'"))
    found = []
    for pattern, value in _RELATIONS:
        for match in pattern.finditer(folded):
            reciprocal = bool(_RECIPROCAL.search(folded[match.end():match.end() + 20]) or _RECIPROCAL.search(match.group(0)))
            boundary = _BOUNDARY_NOT_AND if reciprocal else _BOUNDARY
            before = folded[:match.start()]
            starts = [m.end() for m in boundary.finditer(before)]
            clause = before[starts[-1] if starts else 0:]
            subjects = _sides(clause)
            if subjects:
                found.append((match.start(), subjects, value != bool(_NEGATION.search(clause))))
    return [(subjects, value) for _, subjects, value in sorted(found, key=lambda item: item[0])]


def _sides(clause: str) -> frozenset[str]:
    """The countries a clause names (a capital as its country), else {"we"} for "nous"/"we", else none."""
    named = set()
    for token in word_tokens(clause):
        if token in DEMONYMS:
            continue  # "The Belarusian president said Russia could manage without": the speaker, not a side
        key = canonical_name(token)
        key = CAPITALS.get(key, key)
        if key in PLACES:
            named.add(key)
    if named:
        return frozenset(named)
    return frozenset({_WE}) if _WE_WORDS.search(clause) else frozenset()


def _compared(claim_text: str, passage_text: str) -> list[tuple[str, bool, set[bool]]]:
    """Each side of each statement in the claim: (side, its value, the passage's values for it, empty if none)."""
    stated = relations(passage_text)
    if not stated:
        return []
    named = {side for subjects, _ in stated for side in subjects if side != _WE}
    compared = []
    for subjects, value in relations(claim_text):
        for side in subjects:
            target = side if side in named or side == _WE else (_WE if len(named) <= 1 else None)
            compared.append((side, value, {v for s, v in stated if target in s}))
    return compared


def swapped_dependence(claim_text: str, passage_text: str) -> list[str]:
    """Reasons a claim gives a side the value the passage gives the other (module docstring); [] if none."""
    reasons = []
    for side, value, values in _compared(claim_text, passage_text):
        if values and value not in values:
            says = "can do without" if value else "cannot do without"
            who = "the speaker's side" if side == _WE else side.replace("-", " ").title()
            reasons.append(f"the claim says {who} {says} the other; the passage says the opposite for that side")
    return list(dict.fromkeys(reasons))


# "mais pas l'inverse", "but not the other way round": the statement before it, turned round
_REVERSAL = re.compile(r"^\W*(?:mais|but|and|et)?\s*(?:pas|not)\s+(?:l'inverse|le contraire|la reciproque|vice versa|the reverse|"
                       r"the other way (?:round|around))\W*$")


def is_reversal(clause: str) -> bool:
    """True if the clause only turns the statement before it round ("mais pas l'inverse")."""
    return bool(_REVERSAL.match(fold(clause.replace("’", "'"))))


def dependence_agrees(claim_text: str, passage_text: str) -> bool:
    """True if the claim states the relation and the passage gives every side the claim's value: the polarity
    check, which reads "se passer de" as a negation, should leave such a clause alone."""
    compared = _compared(claim_text, passage_text)
    return bool(compared) and all(values and value in values for _, value, values in compared)
