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
