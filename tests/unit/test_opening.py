import pytest

from rag.opening import continued


@pytest.mark.parametrize("text, expected", [
    ("La Russie a déployé des missiles.", "la Russie a déployé des missiles."),
    ("L'armée bélarusse a participé.", "l'armée bélarusse a participé."),
    ("Il a signé le traité.", "il a signé le traité."),
    ("The treaty was signed.", "the treaty was signed."),
    ("Le dirigeant russe", "le dirigeant russe"),
])
def test_an_opening_article_or_pronoun_goes_to_lower_case(text: str, expected: str) -> None:
    assert continued(text) == expected


@pytest.mark.parametrize("text", ["Poutine a signé le traité.", "Lavrov said so.", "Ilya Kovalchuk", "Au Bélarus, ...", "Theresa May", ""])
def test_a_name_or_another_word_stays(text: str) -> None:
    assert continued(text) == text


def test_a_cut_sentence_is_tidied() -> None:
    from rag.opening import tidied

    assert tidied("Le ministre a  annoncé la relance , puis  il est parti .") == "Le ministre a annoncé la relance, puis il est parti."
