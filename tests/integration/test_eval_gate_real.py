"""The regression gate in CI: the claims judge and the answers, with the real models, against the
floors in evals/thresholds.yaml (retrieval floors are checked on PIAF by test_piaf_retrieval.py)."""

from __future__ import annotations

import pytest

from evals.claims_eval import run_claims_eval
from evals.gate import DEFAULT_THRESHOLDS, check_thresholds, load_thresholds
from evals.qa_eval import run_qa_eval
from rag.service import Service
from tests.conftest import DATASETS

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_claims_judge_and_seed_answers_stay_above_their_floors(real_service: Service) -> None:
    results = {
        "claims": run_claims_eval(DATASETS / "claims-dev.jsonl", real_service.scorer),
        "qa": run_qa_eval(DATASETS / "seed-qa-dev.jsonl", real_service),
    }
    violations = check_thresholds(results, load_thresholds(DEFAULT_THRESHOLDS))
    summary = [(r["id"], r["correct"], r["answer"][:80]) for r in results["qa"]["items"]]
    assert violations == [], (violations, summary)
