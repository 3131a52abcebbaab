import pytest

from rag.answer.citations import parse_answer, render


def test_markers_attach_to_the_sentence_they_follow() -> None:
    parsed = parse_answer("It could happen in the second half of 2025. [1] Lukashenko invited it [2, 3][9].", {1, 2, 3})
    assert [(p.text, p.markers) for p in parsed] == [
        ("It could happen in the second half of 2025.", [1]),
        ("Lukashenko invited it.", [2, 3]),
    ]


def test_markers_pointing_nowhere_are_removed_never_shown() -> None:
    parsed = parse_answer("Minsk [7].", {1})
    assert [(p.text, p.markers) for p in parsed] == [("Minsk.", [])]


def test_source_prefixed_markers_are_understood() -> None:
    parsed = parse_answer("Signed in Minsk [Source 2].", {2})
    assert parsed[0].markers == [2]


def test_render_puts_markers_before_the_final_stop() -> None:
    assert render([("In Minsk.", [1, 2]), ("No source", [])]) == "In Minsk [1][2]. No source."


@pytest.mark.parametrize("answer, expected", [
    ("According to [1], before the invasion, soldiers came.", [("Before the invasion, soldiers came.", [1])]),
    ("Putin blames the West, as stated in [1].", [("Putin blames the West.", [1])]),
    ("Selon l'article [2], la Russie a signé.", [("La Russie a signé.", [2])]),
    ("It rose [1]. According to the article [3], it fell.", [("It rose.", [1]), ("It fell.", [3])]),
    ("Selon Reuters, la guerre continue [1].", [("Selon Reuters, la guerre continue.", [1])]),  # a real source stays
])
def test_words_that_only_point_at_a_marker_go_with_it(answer: str, expected: list[tuple[str, list[int]]]) -> None:
    assert [(p.text, p.markers) for p in parse_answer(answer, {1, 2, 3})] == expected
