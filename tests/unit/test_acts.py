"""Acts a claim reports and its passage never mentions (`rag.answer.acts`)."""

from __future__ import annotations

import pytest

from rag.answer.acts import acts, missing_acts


@pytest.mark.parametrize("text, expected", [
    ("Le traité a été ratifié par le Parlement.", {"ratification"}),
    ("The city will pay for the new bridge.", {"payment"}),
    ("La région prendra en charge les coûts du chantier.", {"payment"}),
    ("Le pays a obtenu un nouveau prêt de la banque.", {"loan"}),
    ("The final was broadcast live on public television.", {"broadcast"}),
    ("Trois personnes ont été tuées dans l'accident.", {"casualties"}),
    ("The border crossings were closed on Monday.", {"closure"}),
    ("The unit is under the command of a Polish general.", {"command"}),
    ("Une enquête pénale a été ouverte contre l'ancien maire.", {"investigation"}),
    ("The former mayor was arrested in March.", {"investigation"}),
    # the French country is no payment; readiness is no loan; electricity is no election; an order is no command
    ("Le pays est prêt à signer l'accord sur l'électricité.", set()),
    ("L'armée a commandé des avions.", set()),
])
def test_acts_are_found_in_either_language(text: str, expected: set[str]) -> None:
    assert acts(text) == expected


def test_an_act_the_passage_does_not_mention_is_missing() -> None:
    passage = "Le traité fixe les obligations mutuelles des deux pays."
    assert missing_acts("Le traité a été ratifié par les deux parlements.", passage) == [
        "claim reports a ratification the passage does not mention"]
    assert missing_acts("The treaty sets out the two countries' mutual obligations.", passage) == []


def test_an_act_the_passage_mentions_in_the_other_language_is_not_missing() -> None:
    assert missing_acts("The parliament ratified the treaty.", "Le Parlement a ratifié le traité la semaine dernière.") == []
    assert missing_acts("Le match a été retransmis en direct.", "The match was shown on television.") == []


def test_the_reason_reads_as_english() -> None:
    assert missing_acts("Le maire fait l'objet d'une enquête.", "Le maire a démissionné.") == [
        "claim reports an investigation the passage does not mention"]
