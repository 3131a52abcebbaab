"""Who can do without whom (`rag.answer.dependence`): sentences written for these tests."""

from __future__ import annotations

import pytest

from rag.answer.dependence import dependence_agrees, is_reversal, relations, swapped_dependence

_QUOTE = "\"La France peut se passer de nous, et nous ne pouvons pas nous passer d'elle\", a-t-il dit."


@pytest.mark.parametrize(("text", "expected"), [
    (_QUOTE, [({"france"}, True), ({"we"}, False)]),
    ("Il a dit que la Pologne ne peut pas se passer de la France.", [({"poland"}, False)]),
    ("Poland cannot do without France, while France can manage without Poland.",
     [({"poland"}, False), ({"france"}, True)]),
    # a capital is its country; a nationality adjective is the speaker's, not a side
    ("The French minister said Paris could cope without Warsaw.", [({"france"}, True)]),
    # dependence is the relation turned round; "indépendant" is it again
    ("La Pologne dépend fortement de la France.", [({"poland"}, False)]),
    ("Poland is independent of France.", [({"poland"}, True)]),
    # the two sides of "l'une de l'autre" are both subjects
    ("La France et la Pologne ne peuvent pas se passer l'une de l'autre.", [({"france", "poland"}, False)]),
    # no side named: a relative clause, a pronoun
    ("la Pologne, qui dépend de la France", []),
    ("elle ne peut pas se passer de nous", []),
])
def test_relations(text: str, expected: list[tuple[set[str], bool]]) -> None:
    assert [(set(subjects), value) for subjects, value in relations(text)] == expected


@pytest.mark.parametrize(("claim", "reasons"), [
    # the speaker's side named by the claim, and given the other side's value
    ("Il a affirmé que la Pologne peut se passer de la France.",
     ["the claim says Poland can do without the other; the passage says the opposite for that side"]),
    ("France cannot do without Poland.",
     ["the claim says France cannot do without the other; the passage says the opposite for that side"]),
    # the claim's own "nous" is the passage's
    ("« Nous pouvons nous passer de la France », a-t-il dit.",
     ["the claim says the speaker's side can do without the other; the passage says the opposite for that side"]),
    # mutual need gives France the speaker's value
    ("La France et la Pologne ne peuvent pas se passer l'une de l'autre.",
     ["the claim says France cannot do without the other; the passage says the opposite for that side"]),
    # the passage's own sides
    ("He said France can manage without Poland, but Poland cannot manage without France.", []),
    ("Selon lui, la Pologne a besoin de la France.", []),  # no relation the module reads
])
def test_swapped_dependence(claim: str, reasons: list[str]) -> None:
    assert swapped_dependence(claim, _QUOTE) == reasons


def test_dependence_agrees_only_when_every_side_agrees() -> None:
    assert dependence_agrees("France can do without Poland", _QUOTE)
    assert not dependence_agrees("Poland can do without France", _QUOTE)
    assert not dependence_agrees("France has won", _QUOTE)  # no relation stated
    assert not dependence_agrees("France can do without Poland", "La France a gagné.")  # none in the passage


@pytest.mark.parametrize(("clause", "expected"), [
    ("mais pas l'inverse.", True), ("but not the other way round", True), ("and not vice versa", True),
    ("mais pas la Pologne", False),
])
def test_is_reversal(clause: str, expected: bool) -> None:
    assert is_reversal(clause) is expected
