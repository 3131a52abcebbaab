"""What kind of fact a question asks for, and whether an answer gives one.

A "how much / how many / combien" question asks for a quantity: an answer must give a number or an order of
magnitude ("des dizaines de milliers"). A "when / quand / by when / en quelle année" question asks for a time:
an answer must give a date, a weekday, a year or a relative time ("plus tôt cette année", "last year"). A
true, supported sentence that gives neither is no answer to such a question ("How much gas does Russia sell
to Belarus?" answered by a sentence saying Belarus depends on Russian gas). A "who / qui" question, or a
"which / quel" one about a kind of named thing (an agency, a country, a minister ...), asks for a name: an
answer must name someone or something the question does not ("Which agency quoted Putin?" is not answered by
"The article quoted Putin"). Other questions ask for nothing this module can check: None.
"""

from __future__ import annotations

import re

from rag.answer.normalise import RELATIVE_TIME, extract_facts, years_in

_ASKS_QUANTITY = re.compile(r"(?i)\b(?:how (?:much|many|long|far|large|big)|combien|quelle (?:quantité|superficie|distance|longueur))\b")
_ASKS_TIME = re.compile(
    r"(?i)(?:\b(?:when|by when|until when|since when|quand|depuis quand|jusqu'à quand|d'ici quand)\b"
    r"|\b(?:what|which) (?:year|date|day|month)\b|\b(?:à|a|en|de) quel(?:le)? (?:date|année|jour|mois)\b"
    r"|\bquel(?:le)? (?:date|année|jour|mois)\b)")
_NAMED_KINDS = (r"(?:news\s+)?agency|agence(?:\s+de\s+presse)?|country|countries|pays|city|ville|capital|capitale|newspaper|"
                r"journal|outlet|m[ée]dias?|minister|ministre|president|pr[ée]sident|leader|dirigeant|organi[sz]ation|"
                r"organisme|alliance|bloc|company|entreprise|firm|party|parti|person|personne|official|responsable|"
                r"region|r[ée]gion|province")
_ASKS_NAME = re.compile(
    r"(?i)^[\W_]*(?:(?:with|by|to|from|for|par|avec|à|a|de|pour|chez)\s+)?(?:who|whom|whose|qui)\b"
    r"|\b(?:which|what|quel(?:le)?s?)\s+(?:" + _NAMED_KINDS + r")\b")


# "What did Putin say about ...?", "How did Shoigu describe ...?", "Qu'a déclaré Choïgou ...?", "Que dit ...?"
_SPEECH_VERBS_EN = (r"say|says|said|tell|tells|told|call|calls|called|describe|describes|described|declare|declared|"
                    r"claim|claims|claimed|warn|warns|warned|accuse|accuses|accused|promise|promised|announce|announced|"
                    r"state|stated|argue|argued|insist|insisted")
_SPEECH_VERBS_FR = r"dit|dire|déclaré|affirmé|annoncé|assuré|promis|estimé|accusé|averti|qualifié|décrit|répondu|expliqué|ajouté"
_ASKS_WORDS = re.compile(
    rf"(?i)^[\W_]*(?:what|how|why|did|does|do)\b.*\b(?:{_SPEECH_VERBS_EN})\b"
    rf"|^[\W_]*(?:qu['’]|que\b|quoi\b|comment\b|pourquoi\b|est-ce qu|a-t-il|a-t-elle).*(?<![\w'’-])(?:{_SPEECH_VERBS_FR})(?![\w'’-])"
    rf"|(?<![\w'’-])(?:{_SPEECH_VERBS_FR})(?![\w'’-]).*\b(?:quoi|comment)\b")


def asks_words(question: str) -> bool:
    """True if the question asks what someone said ("What did Putin say about ...?", "Qu'a déclaré ...?"):
    the answer should then carry the speaker's words as the article gives them."""
    return bool(_ASKS_WORDS.search(question))


def asked_kind(question: str) -> str | None:
    """"quantity", "time", "name" or None (see the module docstring)."""
    if _ASKS_QUANTITY.search(question):
        return "quantity"
    if _ASKS_TIME.search(question):
        return "time"
    if _ASKS_NAME.search(question):
        return "name"
    return None


def gives(kind: str, text: str, question: str = "") -> bool:
    """True if `text` gives a fact of the kind asked ("quantity", "time", or "name": a name `question` does
    not give; names compare across languages, "Poutine" is "Putin")."""
    facts = extract_facts(text)
    if kind == "quantity":  # a year is a time, not a quantity ("au second semestre 2025")
        years = {d[:4] for d in facts.dates if d[:4].isdigit()}
        return bool(facts.numbers - years or facts.magnitudes)
    if kind == "time":
        return bool(facts.dates or years_in(text) or RELATIVE_TIME.search(text))
    if kind == "name":
        return bool(facts.entities - extract_facts(question).entities)
    raise ValueError(f"unknown kind {kind!r}: use 'quantity', 'time' or 'name'")
