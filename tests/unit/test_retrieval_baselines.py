"""The reference recipes of the retrieval table, on hand-made texts with the fake bag-of-words embedder."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from evals.retrieval_baselines import (
    CHUNK_OVERLAP,
    CHUNK_SIZE,
    bm25_ranker,
    chroma_ranker,
    plain_tokenize,
    reference_chunks,
    rrf,
    run_baselines,
)
from rag.embed import FakeEmbedder
from rag.retrieval.analysis import tokenize as french_tokenize


@dataclass
class Q:
    text: str
    answers: list[str]


ARTICLES = [
    ("Brest", "La rade abrite la base des sous-marins de l'Île Longue depuis 1970."),
    ("Chartres", "Les vitraux de la cathédrale de Chartres sont célèbres pour leur bleu."),
    ("Tourmalet", "Le col du Tourmalet culmine à 2115 mètres dans les Pyrénées."),
]


def test_plain_tokens_keep_accents_elisions_and_inflections() -> None:
    assert plain_tokenize("L'Île Longue, les Sous-Marins") == ["l", "île", "longue", "les", "sous", "marins"]
    # The French analyser folds the accent and drops the elision and the stopword; plain BM25 does none of it.
    assert "ile" in french_tokenize("L'Île") and "ile" not in plain_tokenize("L'Île")


def test_reference_chunks_are_recursive_1000_200_over_title_and_text() -> None:
    sentence = "Phrase numéro {} de l'article, assez longue pour compter. "
    text = "".join(sentence.format(i) for i in range(60))  # about 3,500 characters in one paragraph
    chunks = reference_chunks([("Titre", text)])
    # The splitter cuts at "\n" first: a title before a paragraph too long to join it stands alone.
    assert chunks[0] == "Titre" and chunks[1].startswith("Phrase numéro 0")
    assert len(chunks) >= 5 and all(len(c) <= CHUNK_SIZE for c in chunks)
    # consecutive chunks overlap by up to 200 characters: the next chunk starts inside the previous one's tail
    assert chunks[2][:30] in chunks[1][-CHUNK_OVERLAP:]
    assert reference_chunks([("A", "court"), ("B", "bref")]) == ["A\ncourt", "B\nbref"]


def test_rrf_by_hand() -> None:
    # d1: 1/61 + 1/62; d2: 1/62 + 1/61; ties broken by id; d3: 1/63 only.
    assert rrf([[1, 2, 3], [2, 1]]) == [1, 2, 3]
    assert rrf([[3], [2, 3]], k=60)[0] == 3  # 1/61 + 1/62 beats 1/61
    assert rrf([]) == []


def test_french_bm25_finds_what_plain_bm25_misses() -> None:
    chunks = [text for _, text in ARTICLES]
    question = "Où est la base des sous-marins, l'ile longue ?"  # no accent on "ile"
    assert bm25_ranker(chunks, french_tokenize)(question, 3)[0] == 0
    assert bm25_ranker(chunks, plain_tokenize)("culmine", 3) == [2]
    assert bm25_ranker(chunks, plain_tokenize)("ile", 3) == []  # "île" is another token without folding


def test_chroma_recipe_ranks_by_the_given_embedder_offline() -> None:
    chunks = [text for _, text in ARTICLES]
    rank = chroma_ranker(chunks, FakeEmbedder(), "test-recipe")
    assert rank("Quels vitraux de la cathédrale de Chartres ?", 2)[0] == 1
    assert len(rank("col du Tourmalet", 10)) == 3  # depth is capped at the number of chunks


def test_two_indexes_of_one_name_and_different_dimensions_do_not_meet() -> None:
    chunks = [text for _, text in ARTICLES]
    assert chroma_ranker(chunks, FakeEmbedder(384), "same-name")("col du Tourmalet", 1) == [2]
    assert chroma_ranker(chunks, FakeEmbedder(256), "same-name")("col du Tourmalet", 1) == [2]


def test_run_baselines_scores_every_recipe_and_names_the_skipped() -> None:
    questions = [Q("Depuis quelle année la base des sous-marins ?", ["1970"]), Q("Quelle altitude du col du Tourmalet ?", ["2115 mètres"]),
                 Q("zzz", ["bleu"])]
    tokens = len  # characters stand in for tokens: the mean is checkable by hand
    full = run_baselines(ARTICLES, questions, k=1, count_tokens=tokens, minilm=FakeEmbedder(), gemma=FakeEmbedder())
    assert set(full) == {"plain-bm25", "french-bm25-1000", "langchain-minilm", "langchain-gemma", "naive-rrf", "chunks",
                         "mean_chunk_tokens", "skipped"}
    assert full["chunks"] == 3 and full["skipped"] == []
    assert full["mean_chunk_tokens"] == round(sum(len(f"{t}\n{x}") for t, x in ARTICLES) / 3, 1)
    # "zzz" matches no word: BM25 returns nothing for it, the two lexical questions are found first.
    assert full["plain-bm25"]["answer_recall"] == pytest.approx(0.6667) and full["plain-bm25"]["mrr"] == pytest.approx(0.6667)
    for name in ("langchain-minilm", "langchain-gemma", "naive-rrf"):
        assert full[name]["answer_recall"] >= 2 / 3 - 1e-4, name
    partial = run_baselines(ARTICLES, questions, k=1, count_tokens=tokens, minilm=None, gemma=None)
    assert partial["skipped"] == ["langchain-minilm", "langchain-gemma", "naive-rrf"]
    assert set(partial) == {"plain-bm25", "french-bm25-1000", "chunks", "mean_chunk_tokens", "skipped"}
    empty = run_baselines(ARTICLES, [], k=1, count_tokens=tokens, minilm=None, gemma=None)
    assert math.isnan(empty["plain-bm25"]["answer_recall"])
