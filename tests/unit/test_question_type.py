"""What a question asks for, and whether an answer gives it (rag/answer/question_type.py)."""

from __future__ import annotations

import pytest

from rag.answer.question_type import asked_kind, asks_words, gives


@pytest.mark.parametrize("question, kind", [
    ("How much gas does Russia sell to Belarus each year?", "quantity"), ("Combien de soldats ?", "quantity"),
    ("How long is the border?", "quantity"), ("Quand l'accord a-t-il été signé ?", "time"),
    ("By when was the facility to be finished?", "time"), ("En quelle année est-il né ?", "time"),
    ("À quelle date la Russie a-t-elle envahi l'Ukraine ?", "time"), ("What year did it start?", "time"),
    ("Who signed the treaty?", "name"), ("Qui est le Premier ministre du Bélarus ?", "name"), ("Avec qui a-t-il signé ?", "name"),
    ("Which news agency reported it?", "name"), ("Quelle agence de presse l'a rapporté ?", "name"),
    ("Quel pays a envahi l'Ukraine ?", "name"), ("Quel type d'armes ?", None), ("Which weapons were deployed?", None),
    ("Loukachenko pense-t-il que ... ?", None), ("Qu'a dit Poutine sur le traité qui a été signé ?", None),
])
def test_the_kind_a_question_asks_for(question: str, kind: str | None) -> None:
    assert asked_kind(question) == kind


@pytest.mark.parametrize("kind, text, given", [
    ("quantity", "Dix autres documents ont été signés.", True), ("quantity", "Des dizaines de milliers de soldats.", True),
    ("quantity", "The border is 1,084 km long.", True), ("quantity", "Belarus depends on Russian gas.", False),
    ("time", "Signé le 6 décembre 2024.", True), ("time", "Ils ont signé vendredi.", True),
    ("time", "Ils en ont convenu plus tôt cette année.", True), ("time", "In 2019.", True),
    ("time", "Ils ont signé un accord.", False),
])
def test_whether_an_answer_gives_that_kind(kind: str, text: str, given: bool) -> None:
    assert gives(kind, text) is given


def test_a_name_answer_names_someone_the_question_does_not() -> None:
    question = "Which news agency quoted Putin on the borders of the Union State?"
    assert not gives("name", "The article quoted Putin on the borders of the Union State.", question)
    assert not gives("name", "Poutine a parlé des frontières de l'État de l'Union.", question)  # Poutine is Putin
    assert gives("name", "Putin was quoted by Interfax.", question)


def test_an_unknown_kind_names_the_choices() -> None:
    with pytest.raises(ValueError, match="quantity"):
        gives("colour", "rouge")


def test_a_year_is_no_quantity() -> None:
    assert not gives("quantity", "Au second semestre 2025.") and gives("time", "Au second semestre 2025.")


@pytest.mark.parametrize(("question", "asks"), [
    ("What did Putin say about Russia absorbing Belarus?", True),
    ("How did Shoigu describe the West's actions?", True),
    ("Did Lukashenko say Belarus could defend itself alone?", True),
    ("Qu'a déclaré Choïgou à propos de l'Occident ?", True),
    ("Que dit Loukachenko de la Russie ?", True),
    ("When might the Oreshnik missile be deployed in Belarus?", False),
    ("Quand Poutine a-t-il annoncé le déploiement ?", False),  # asks a time, not words
    ("What did the agreement define?", False),
])
def test_a_question_asking_what_someone_said(question: str, asks: bool) -> None:
    assert asks_words(question) is asks
