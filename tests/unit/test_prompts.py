import pytest

from rag.errors import ConfigError
from rag.prompts import all_prompt_names, load_prompt

SAMPLES = {
    "groups": [{"title": "Titre", "date": "2024-12-06", "sentences": [{"number": 1, "text": "Une phrase ? Non !", "reply": "no"}]}],
    "reply_notes": {"no": "its answer is no", "yes": "its answer is yes"},
    "question": "Quand ?",
    "language_name": "English",
    "history": [("Q1", "A1")],
    "article": "Texte.",
    "claim": "Une affirmation.",
    "passage": "Un passage.",
    "title": "Titre",
    "date": "2024-12-06",
    "sentences": [{"number": 1, "text": "Une phrase."}],
    "length": "short",
    "words": 25,
    "when": "le 6 décembre 2024",
    "hint": "",
    "sentence": "Une phrase.",
    "text": "Une phrase.",
    "source_name": "French",
    "source": {"number": 1, "text": "Une phrase."},
    "notes": ["n"],
    "events": [{"number": 1, "text": "e", "date": "2024"}],
}


@pytest.mark.parametrize("name", all_prompt_names())
def test_every_prompt_renders_with_sample_values(name: str) -> None:
    prompt = load_prompt(name)
    assert prompt.version
    for part in prompt.templates:
        rendered = prompt.render(part, **SAMPLES)
        assert rendered.strip()


def test_a_missing_variable_is_an_error() -> None:
    with pytest.raises(ConfigError, match="needs a value"):
        load_prompt("answer").render("user", question="q")
