"""Citation quality, after ALCE (Gao et al. 2023, "Enabling Large Language Models to Generate Text
with Citations"): are the answer's sentences supported by what they cite, and is every citation needed?

Inputs are generic: each answer sentence is a `CitedSentence` (its claim text and the texts of the
passages it cites), and `judge(claim, passage) -> bool` says whether a passage supports a claim (an
NLI model, an LLM judge, or a lambda in tests). Several passages are judged jointly by joining them
with a newline, as ALCE does. `cited_sentences(answer)` builds the inputs from a `rag.types.Answer`.

Both scores pool the sentences they are given (micro average). ALCE averages per answer, then over
answers: call once per answer and average the non-NaN results for that.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from evals.metrics.correctness import contains_normalised
from rag.types import Answer

__all__ = [
    "CitedSentence",
    "Judge",
    "citation_precision",
    "citation_recall",
    "cited_sentences",
    "support_phrase_cited",
]

Judge = Callable[[str, str], bool]
"""judge(claim, passage) -> True when the passage supports the claim."""


@dataclass(frozen=True)
class CitedSentence:
    """One answer sentence: the claim it makes and the texts of the passages it cites, in order."""

    claim: str
    passages: list[str] = field(default_factory=list)


def cited_sentences(answer: Answer) -> list[CitedSentence]:
    """The answer's sentences with the texts of their citations (markers resolved via
    `answer.citations`; a marker with no resolved citation is dropped, so it counts for nothing)."""
    by_marker = {c.marker: c.text for c in answer.citations}
    return [CitedSentence(s.text, [by_marker[m] for m in s.citations if m in by_marker]) for s in answer.sentences]


def _joint(claim: str, passages: Sequence[str], judge: Judge) -> bool:
    """Joint support: the cited passages, joined by newlines, support the claim; no passage, no support."""
    return bool(passages) and bool(judge(claim, "\n".join(passages)))


def citation_recall(sentences: Sequence[CitedSentence], judge: Judge) -> float:
    """ALCE citation recall.

    1. A sentence is supported when the concatenation of all its cited passages supports it
       (`judge(claim, "\\n".join(passages))`); a sentence with no citation is unsupported.
    2. Recall = supported sentences / sentences. NaN when there are no sentences.
    """
    if not sentences:
        return math.nan
    return sum(_joint(s.claim, s.passages, judge) for s in sentences) / len(sentences)


def citation_precision(sentences: Sequence[CitedSentence], judge: Judge) -> float:
    """ALCE citation precision.

    1. For each citation c of sentence s (with cited passages C): c is relevant iff
       judge(s, c) alone, or (C jointly supports s and C without c does not).
       So a citation is irrelevant when it does not support s alone and either the rest still
       supports s (it is redundant) or s is not supported at all. A sole citation is relevant iff it
       supports s. With a monotone judge (adding passages never removes support) this is exactly
       the ALCE reference code; with another judge, a citation that supports alone stays relevant.
    2. Precision = relevant citations / citations, over all sentences. NaN when there are no
       citations (sentences without citations add nothing here; recall counts them).
    """
    relevant = 0
    total = 0
    for s in sentences:
        passages = list(s.passages)
        if not passages:
            continue
        joint = _joint(s.claim, passages, judge)
        for i, passage in enumerate(passages):
            total += 1
            rest = passages[:i] + passages[i + 1 :]
            if judge(s.claim, passage) or (joint and not _joint(s.claim, rest, judge)):
                relevant += 1
    return relevant / total if total else math.nan


def support_phrase_cited(cited_texts: list[str], phrase: str) -> bool:
    """True when at least one cited text contains `phrase` (normalised whole-token containment, see
    `evals.metrics.correctness.contains_normalised`). An empty phrase is a ValueError: the dataset
    item has no support phrase, so there is nothing to check."""
    if not phrase.strip():
        raise ValueError("empty support phrase: skip items without one (unanswerable questions)")
    return any(contains_normalised(text, phrase) for text in cited_texts)
