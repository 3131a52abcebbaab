"""rag/place_attachment.py: a place phrase hung on another word than the article hangs it on. Sentences
written for these tests."""

from __future__ import annotations

from rag.place_attachment import moved_places, place_neighbours, without

ARTICLE = [
    "Le ministre a déclaré que le commerce entre les deux pays serait relancé, accusant Bruxelles d'avoir aggravé les pénuries en Pologne.",
    "En visite en Lituanie, le ministre a rencontré son homologue à Vilnius.",
    "Le gouverneur a été nommé pour gérer la « crise » dans cette région, partiellement contrôlée par la Pologne.",
]


def _moved(sentence: str) -> list[str]:
    return [m.phrase for m in moved_places(sentence, place_neighbours(ARTICLE))]


def test_a_place_moved_to_another_noun_is_found() -> None:
    assert _moved("Le ministre a annoncé la relance du commerce entre les deux pays en Pologne.") == ["en Pologne"]
    # across a comma the place hangs on nothing before it: the region's clause is not the crisis's
    assert _moved("Le gouverneur doit gérer la crise en Pologne.") == ["en Pologne"]


def test_a_place_kept_on_its_word_passes() -> None:
    assert _moved("Bruxelles a aggravé les pénuries en Pologne.") == []
    assert _moved("Le ministre, en visite en Lituanie, a vu son homologue à Vilnius.") == []  # "visite", "homologue"


def test_a_phrase_opening_the_sentence_or_naming_no_known_place_is_left_alone() -> None:
    assert _moved("En Pologne, le commerce sera relancé.") == []
    assert _moved("Le ministre a relancé le commerce en Patagonie.") == []  # not a place the article names


def test_the_phrase_is_taken_out() -> None:
    sentence = "Le ministre a annoncé la relance du commerce entre les deux pays en Pologne."
    moved = moved_places(sentence, place_neighbours(ARTICLE))
    assert without(sentence, moved) == "Le ministre a annoncé la relance du commerce entre les deux pays."
