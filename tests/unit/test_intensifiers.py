from rag.intensifiers import added_intensifiers, without_words

SOURCES = ["Ces inquiétudes ont continué de grandir après l'annonce d'une force commune.",
           "Le commerce a fortement reculé en 2023."]


def test_an_intensifier_the_sources_do_not_use_is_found_and_taken_out() -> None:
    text = "Les inquiétudes ont grandement augmenté après l'annonce d'une force commune."
    assert added_intensifiers(text, SOURCES) == ["grandement"]
    assert without_words(text, ["grandement"]) == "Les inquiétudes ont augmenté après l'annonce d'une force commune."
    assert added_intensifiers("Fears rose sharply after the announcement.", SOURCES) == ["sharply"]


def test_an_intensifier_the_sources_use_stays() -> None:
    assert added_intensifiers("Le commerce a fortement reculé.", SOURCES) == []
    assert added_intensifiers("Les inquiétudes ont augmenté.", SOURCES) == []
