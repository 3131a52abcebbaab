"""Finding the source that gives what the question asks for (rag/answer/focus.py), with scripted verdicts."""

from __future__ import annotations

from rag.answer.context import ContextSentence
from rag.answer.focus import is_slip, source_for
from rag.answer.support import Verdict
from rag.answer.verify import Checked, Verification
from rag.types import Span

TEN = "À l'issue de la réunion, la Russie et le Belarus ont signé l'accord à Minsk, ainsi que dix autres documents."
SOLDIERS = "Des dizaines de milliers de soldats russes seraient passés par le Belarus."
QUOTED = "« Ces mesures garantissent une protection fiable », a clamé le président Poutine cité par Interfax."


def _sentence(number: int, text: str) -> ContextSentence:
    return ContextSentence(number, "a", "a.txt", "T", None, None, Span(0, len(text)), text, 1.0, 1.0)


class ScriptedScorer:
    """Verdicts by passage text; any other passage is unrelated."""

    threshold = 0.63

    def __init__(self, verdicts: dict[str, Verdict]) -> None:
        self.verdicts = verdicts

    def score_many(self, pairs: list[tuple[str, str]]) -> list[Verdict]:
        return [self.verdicts.get(passage, Verdict(False, 0.1, ("semantic similarity 0.20 < 0.63",), 0.2)) for _, passage in pairs]


def _dropped(claim: str) -> Verification:
    return Verification([], [{"sentence": claim, "cited": [1], "verdict": "dropped", "reasons": ["number 3 not in passage"]}], 1)


def test_a_slip_is_a_failure_on_values_alone() -> None:
    assert is_slip(("number 3 not in passage",)) and is_slip(("date --07 not in passage", "claim says late July, the passage early"))
    assert is_slip(("quantity (order 1000) not in passage",))
    assert not is_slip(())  # supported: nothing slipped
    assert not is_slip(("number 3 not in passage", "semantic similarity 0.60 < 0.63"))
    assert not is_slip(("number 1954 not in passage", "only 0% of the claim's words are in the passage"))
    assert not is_slip(("claim says 'increase' where the passage says 'decrease'",))  # an opposite, not a value


def test_a_misread_number_finds_the_sentence_that_gives_the_real_one() -> None:
    context = [_sentence(1, SOLDIERS), _sentence(2, TEN)]
    scorer = ScriptedScorer({TEN: Verdict(False, 0.3, ("number 3 not in passage",), 0.77),
                             SOLDIERS: Verdict(False, 0.3, ("number 3 not in passage",), 0.52)})
    focus = source_for("quantity", "Combien d'autres documents ont été signés ?", _dropped("Trois autres documents ont été signés."),
                       context, scorer, slip_similarity=0.70)
    assert focus is not None and focus.source.number == 2 and focus.reason == "slip" and focus.similarity == 0.77


def test_a_value_in_a_looser_sentence_is_no_slip() -> None:
    """An invented figure that fails only on its number against a sentence about something near (0.64 < 0.70):
    the question stays unanswered rather than answered from that sentence."""
    scorer = ScriptedScorer({SOLDIERS: Verdict(False, 0.3, ("number 45000 not in passage",), 0.64)})
    assert source_for("quantity", "How many soldiers does Belarus have?", _dropped("Belarus has 45,000 soldiers."),
                      [_sentence(1, SOLDIERS)], scorer, slip_similarity=0.70) is None


def test_a_close_sentence_that_fails_on_more_than_values_or_gives_no_value_is_no_slip() -> None:
    no_number = "La Russie et le Belarus ont signé des documents à Minsk."
    scorer = ScriptedScorer({TEN: Verdict(False, 0.3, ("number 3 not in passage", "entity 'tass' not in passage"), 0.8),
                             no_number: Verdict(False, 0.3, ("number 3 not in passage",), 0.9)})
    assert source_for("quantity", "Combien de documents ?", _dropped("Trois documents, selon TASS."),
                      [_sentence(1, TEN), _sentence(2, no_number)], scorer, slip_similarity=0.70) is None


def test_a_name_question_answered_without_a_new_name_finds_the_source_that_names_one() -> None:
    question = "Which news agency quoted Putin on protecting the borders?"
    source = _sentence(4, QUOTED)
    kept = Verification([Checked("The article quoted Putin on protecting the borders.", [source], 0.8)], [], 1)
    focus = source_for("name", question, kept, [source], ScriptedScorer({}), slip_similarity=0.70)
    assert focus is not None and focus.source.number == 4 and focus.reason == "no name"
    named = Verification([Checked("Interfax quoted Putin.", [source], 0.8)], [], 1)
    assert source_for("name", question, named, [source], ScriptedScorer({}), slip_similarity=0.70) is None


def test_a_quantity_answer_that_gives_none_is_not_completed_from_its_sources() -> None:
    """"Belarus depends on Russian gas", true and cited: its source's numbers may be about anything else."""
    source = _sentence(1, "Le Belarus dépend du gaz russe, livré à 128 dollars les 1 000 mètres cubes.")
    kept = Verification([Checked("Belarus depends on Russian gas.", [source], 0.8)], [], 1)
    assert source_for("quantity", "How much gas does Russia sell to Belarus?", kept, [source], ScriptedScorer({}), 0.70) is None
