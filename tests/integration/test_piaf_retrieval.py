"""Retrieval on PIAF dev with EmbeddingGemma: the shipped hybrid beats BM25 and dense on their own.

It runs the default settings (300-token chunks without sentence overlap; RRF with rrf_k 10, dense
0.65 / BM25 0.35, 30 candidates, MMR lambda 0.9: the configuration benchmarks/RETRIEVAL.md recommends),
so a change of defaults or of the pipeline that costs retrieval quality fails here.

Budget: the whole file (40 articles, 643 questions) built fresh takes 2 min 19 s on 2 idle cores but
5-8 minutes when they are shared with other jobs, over CI's ~6 minutes. So this test evaluates a
deterministic subset, the first 20 articles (345 questions): 1 min 5 s idle, 4-5 min shared.
Measured on it: hybrid 0.9652 / MRR 0.8599, dense 0.9623 / 0.8604, BM25 0.9043 / 0.7870. On the whole
file (ARTICLES = None): hybrid 0.9627 / 0.8633, dense 0.9502 / 0.8550, BM25 0.9082 / 0.8014; the same bar holds.
Those were substring matches; with whole-word matching (evals.metrics.retrieval) the whole file gives hybrid
0.9596 / 0.8618, and the reference recipes measured in the same run stay below it (plain BM25 0.8663, LangChain
+ all-MiniLM-L6-v2 0.6267; benchmarks/RETRIEVAL.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.retrieval_eval import run_retrieval_eval
from tests.conftest import DATASETS, MODEL_DIR, make_settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PIAF = DATASETS / "piaf-dev.json"
ARTICLES: int | None = 20  # the first 20 articles; None for the whole file
RECALL_BAR = 0.955  # measured 0.9652 on the subset (0.9627 on the whole file); 3 questions of margin for float drift


def test_hybrid_beats_bm25_and_dense_on_piaf(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data", embedder="st:embeddinggemma-300m", model_dir=MODEL_DIR)
    # the reference recipes that need no second EmbeddingGemma index (plain BM25, LangChain + all-MiniLM-L6-v2)
    result = run_retrieval_eval(PIAF, settings, k=5, max_articles=ARTICLES, baselines=True, baseline_gemma=False)
    keys = ("bm25", "dense", "hybrid", "questions", "chunks", "mean_chunk_tokens", "configs", "seconds", "baselines")
    summary = json.dumps({key: result[key] for key in keys})
    print(summary)
    assert result["articles"] == (ARTICLES or 40) and result["articles_rejected"] == 0, summary
    # every gold answer is in some chunk, but for the few SQuAD answers cut mid-word (whole-word matching)
    assert result["reachable"] >= result["questions"] - 2, summary
    hybrid, bm25, dense = result["hybrid"], result["bm25"], result["dense"]
    assert hybrid["answer_recall"] >= RECALL_BAR, summary
    assert hybrid["answer_recall"] >= bm25["answer_recall"], summary
    assert hybrid["answer_recall"] >= dense["answer_recall"] - 0.01, summary
    assert hybrid["mean_topk_tokens"] <= 1500, summary
    baselines = result["baselines"]
    assert baselines["skipped"] == ["langchain-gemma", "naive-rrf"], summary  # MiniLM is pulled by 'make models'
    for name in ("plain-bm25", "french-bm25-1000", "langchain-minilm"):
        assert hybrid["answer_recall"] > baselines[name]["answer_recall"], summary
        assert hybrid["mrr"] > baselines[name]["mrr"], summary  # the top 5 fit the answer step's context
