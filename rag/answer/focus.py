"""Find the source sentence that gives what the question asks for, when the checked answer does not.

The question asks for a kind of fact (`question_type`: a quantity, a time or a name) and no sentence the
verification kept gives one. Two cases have a source that does:

- A slip: the model misread a value. A dropped claim fails against a context sentence only because of its
  numbers or dates ("Trois autres documents ont été signés à Minsk" against "... ainsi que dix autres
  documents"; "by the end of July" against "d'ici le 1er juillet"), that sentence is at least
  `slip_similarity` close to the claim (the same statement with another value), and it gives the kind asked.
- A non-answer to a name question: a kept sentence names no one the question does not ("The article quoted
  Putin on ...", asked "Which news agency quoted Putin ...?"), while a sentence supporting it does ("...,
  a clamé vendredi le président Poutine cité par Interfax").

A quantity or time question whose kept sentence gives no value is not a non-answer case: the sentences behind
"Belarus depends on Russian gas" may carry numbers about something else, so that answer is refused.
`source_for` returns the best such sentence, or None; the pipeline then asks the model once more with that
sentence alone, or quotes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.context import ContextSentence
from rag.answer.question_type import gives
from rag.answer.support import SupportScorer
from rag.answer.verify import Verification, evidence

# what a misread value fails on: a number, an order of magnitude, a date, or the part of a month
_SLIP = re.compile(r"^(?:number |quantity \(order |date |claim says (?:early|mid|late) [A-Z][a-z]+, the passage )")


@dataclass(frozen=True)
class Focus:
    source: ContextSentence
    reason: str  # "slip" or "no name"
    claim: str  # the sentence of the answer that missed
    similarity: float | None = None  # of the slipped claim and the source


def is_slip(reasons: tuple[str, ...] | list[str]) -> bool:
    """True if every reason a claim failed on is a value that differs (and there is one)."""
    return bool(reasons) and all(_SLIP.match(r) for r in reasons)


def source_for(kind: str, question: str, checked: Verification, context: list[ContextSentence], scorer: SupportScorer,
               slip_similarity: float) -> Focus | None:
    """The context sentence that gives the `kind` the question asks for, by the rules of the module docstring."""
    if kind == "name":
        for kept in checked.kept:
            if gives(kind, kept.text, question):
                return None
            for source in kept.sources:
                if gives(kind, source.text, question):
                    return Focus(source, "no name", kept.text)
        return None
    best: Focus | None = None
    for record in checked.verdicts:
        if record.get("verdict") != "dropped":
            continue
        claim = record["sentence"]
        verdicts = scorer.score_many([(claim, evidence(s)) for s in context])
        for sentence, verdict in zip(context, verdicts, strict=True):
            similarity = verdict.similarity or 0.0
            if (similarity >= slip_similarity and is_slip(verdict.reasons) and gives(kind, sentence.text, question)
                    and (best is None or similarity > (best.similarity or 0.0))):
                best = Focus(sentence, "slip", claim, round(similarity, 4))
    return best
