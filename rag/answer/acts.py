"""Acts a claim reports that its passage never mentions: a ratification, a payment, a loan, a broadcast.

A claim that shares a passage's names and topic and adds an act of its own ("L'accord a été ratifié par la
Douma", "Belarus covers the maintenance costs of the weapons", "the summit was broadcast live") reads close to
the passage for the embedder, and its words are few among many shared ones. These acts are discrete events
with their own words in either language, so the support judge compares them by key, as it does goods
(`rag.answer.commodities`): each act the claim reports must be mentioned by the passage too, whatever it says
of it.
"""

from __future__ import annotations

import re

from rag.answer.normalise import fold

# each act: word starts (folded, French and English) that name it and little else
_ACTS: dict[str, tuple[str, ...]] = {
    "ratification": (r"ratif",),
    # "pay", not "pays" (the French country)
    "payment": (r"pay(?:ed|ing|ment|ments)?\b", r"paid\b", r"pai(?:e|es|ent|ement|ements)\b", r"payer\b", r"payera",
                r"cost", r"cout(?:s|e|ent|era)?\b", r"financ", r"fund(?:s|ed|ing)?\b", r"frais\b", r"upkeep\b",
                r"budget"),
    "loan": (r"loans?\b", r"credits?\b", r"emprunt", r"(?:un|nouveau|nouveaux|des) prets?\b"),
    "broadcast": (r"broadcast", r"televis", r"retransmi", r"diffus", r"en direct\b", r"live on\b", r"aired\b", r"on air\b"),
    "interception": (r"intercept", r"abattu", r"shot down\b", r"shoot(?:s|ing)? down\b"),
    "currency": (r"currenc", r"monnaie", r"rouble", r"ruble"),
    "veto": (r"veto",),
    "election": (r"elect(?:ed|ion|ions|s)?\b", r"elu(?:e|s|es)?\b", r"reelu", r"scrutin", r"referendum", r"vote"),
    "negotiation": (r"negoci", r"negotiat", r"pourparlers", r"peace talks\b"),
    "sanction": (r"sanction",),
    "casualties": (r"killed\b", r"tue(?:s|e|es)?\b", r"morts?\b", r"dead\b", r"deaths?\b", r"casualt", r"wounded\b",
                   r"injur", r"blesse"),
    # command of troops ("sous le commandement", "under the command"), not an order placed ("a commandé des avions")
    "command": (r"commandement", r"commandant", r"commanders?\b", r"command(?:s|ed|ing)?\b"),
    "investigation": (r"investigat", r"enquete", r"inquiry\b", r"inquiries\b", r"poursuites?\b", r"prosecut",
                      r"inculp", r"indict", r"charged with\b", r"arrest", r"interpell", r"trial\b", r"proces\b"),
    "closure": (r"closed\b", r"closing\b", r"closure", r"shut", r"fermeture", r"fermer\b", r"fermee?s?\b"),
}
_PATTERNS = {act: re.compile(r"(?<![a-z])(?:" + "|".join(words) + ")") for act, words in _ACTS.items()}


def acts(text: str) -> set[str]:
    """The acts `text` mentions."""
    folded = fold(text.replace("’", "'"))
    return {act for act, pattern in _PATTERNS.items() if pattern.search(folded)}


def missing_acts(claim: str, passage: str) -> list[str]:
    """A reason for each act the claim mentions and the passage does not."""
    return [f"claim reports {'an' if act[0] in 'aeiou' else 'a'} {act} the passage does not mention"
            for act in sorted(acts(claim) - acts(passage))]
