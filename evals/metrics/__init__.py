"""Evaluation metrics: one small module per metric, each a pure function whose docstring states its
algorithm. A score that cannot be computed (no items to average over) is NaN, never 0."""

from __future__ import annotations

from evals.metrics.bootstrap import bootstrap_ci
from evals.metrics.citations import (
    CitedSentence,
    Judge,
    citation_precision,
    citation_recall,
    cited_sentences,
    support_phrase_cited,
)
from evals.metrics.classification import binary_report
from evals.metrics.correctness import (
    contains_normalised,
    must_include_match,
    normalise_answer,
    reference_similarity,
)
from evals.metrics.faithfulness import faithfulness
from evals.metrics.latency import percentiles
from evals.metrics.refusal import false_refusal_rate, refusal_rate
from evals.metrics.summaries import cited_faithfulness, key_facts_covered
from evals.metrics.retrieval import answer_recall_at_k, first_answer_rank, mrr_at_k, source_recall_at_k

__all__ = [
    "CitedSentence",
    "Judge",
    "answer_recall_at_k",
    "binary_report",
    "bootstrap_ci",
    "citation_precision",
    "citation_recall",
    "cited_faithfulness",
    "cited_sentences",
    "contains_normalised",
    "faithfulness",
    "false_refusal_rate",
    "first_answer_rank",
    "key_facts_covered",
    "mrr_at_k",
    "must_include_match",
    "normalise_answer",
    "percentiles",
    "reference_similarity",
    "refusal_rate",
    "source_recall_at_k",
    "support_phrase_cited",
]
