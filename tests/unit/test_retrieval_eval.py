"""The PIAF retrieval evaluation on a hand-written SQuAD file, with the fake bag-of-words embedder.

Three articles of two one-sentence paragraphs; chunk_tokens=32 without overlap makes every paragraph
one chunk, so each question's answer sits in exactly one of the six chunks.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.metrics import bootstrap_ci
from evals.retrieval_eval import (
    _CachedEmbedder,
    add_eval_retrieval_arguments,
    cmd_eval_retrieval,
    first_answer_rank,
    run_retrieval_eval,
    summarise,
)
from rag.embed import FakeEmbedder
from rag.errors import BadInput
from rag.retrieval.retriever import RetrievalConfig
from rag.tokens import TokenCounter
from tests.conftest import MODEL_DIR, _guarded_connect, make_settings

PARAGRAPHS = {
    "Le port de Brest": [
        "Le port de Brest accueille chaque été une grande fête maritime des vieux gréements.",
        "La rade abrite la base des sous-marins nucléaires de l'Île Longue depuis 1970.",
    ],
    "<i>La cathédrale de Chartres</i>": [  # PIAF titles carry HTML tags: they are stripped
        "La cathédrale de Chartres est célèbre pour ses vitraux bleus du XIIe siècle.",
        "Le labyrinthe dessiné sur le sol de la nef mesure treize mètres de diamètre.",
    ],
    "Le col du Tourmalet": [
        "Le col du Tourmalet culmine à 2115 mètres dans les Pyrénées.",
        "Le Tour de France a franchi ce passage pour la première fois en 1910.",
    ],
}
QUESTIONS = [  # (id, article, paragraph, question, answer)
    ("q-sous-marins", 0, 1, "Depuis quelle année les sous-marins nucléaires sont-ils à l'Île Longue ?", "1970"),
    ("q-apostrophe", 0, 1, "Où est la base des sous-marins nucléaires de Brest ?", "l\u2019ile longue"),  # curly apostrophe, no accent
    ("q-vitraux", 1, 0, "De quelle couleur sont les vitraux de la cathédrale de Chartres ?", "bleus"),
    ("q-altitude", 2, 0, "Quelle altitude atteint le col du Tourmalet ?", "2115 Mètres"),
    ("q-synonymes", 1, 0, "Quel édifice religieux possède des verrières azur ?", "bleus"),  # no word in common with any text
]
UNSCORABLE = ("q-sans-reponse", 2, 1, "Qui a gagné ?", "")  # no gold answer: left out


def _squad_file(folder: Path) -> Path:
    data = []
    titles = list(PARAGRAPHS)
    for index, title in enumerate(titles):
        paragraphs = []
        for p_index, context in enumerate(PARAGRAPHS[title]):
            qas = [
                {"id": qid, "question": question, "answers": [{"text": answer, "answer_start": 0}] if answer else []}
                for qid, a, p, question, answer in [*QUESTIONS, UNSCORABLE]
                if (a, p) == (index, p_index)
            ]
            paragraphs.append({"context": context, "qas": qas})
        data.append({"title": title, "paragraphs": paragraphs})
    path = folder / "mini-squad.json"
    path.write_text(json.dumps({"version": "test", "data": data}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def squad(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _squad_file(tmp_path_factory.mktemp("squad"))


@pytest.fixture(scope="module")
def result(squad: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """One evaluation for the module (the ingest loads spaCy once); the network guard applies here too."""
    settings = make_settings(tmp_path_factory.mktemp("data"), chunk_tokens=32, chunk_overlap_sentences=0)
    variants = {"rrf bm25-only weights": RetrievalConfig(fusion="rrf", dense_weight=0.0, bm25_weight=1.0, mmr_lambda=1.0)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("socket.socket.connect", _guarded_connect)
        yield run_retrieval_eval(squad, settings, k=1, variants=variants, details=True)


def test_json_shape(result: dict) -> None:
    for system in ("bm25", "dense", "hybrid", "rrf bm25-only weights"):
        assert set(result[system]) == {"answer_recall", "mrr", "source_recall", "answer_recall_ci", "mrr_ci", "source_recall_ci",
                                       "mean_topk_tokens"}
        assert result[system]["answer_recall_ci"][0] <= result[system]["answer_recall"] <= result[system]["answer_recall_ci"][1]
        assert 0.0 <= result[system]["source_recall"] <= 1.0
        assert 0.0 <= result[system]["answer_recall"] <= 1.0 and 0.0 <= result[system]["mrr"] <= result[system]["answer_recall"]
    assert result["questions"] == 5 and result["unscorable"] == 1
    assert result["chunks"] == 6 and result["articles"] == 3 and result["articles_rejected"] == 0
    assert result["reachable"] == 5  # every answer occurs in some chunk, after normalisation
    assert result["k"] == 1 and result["chunk_tokens"] == 32
    assert result["configs"]["hybrid"]["fusion"] == "rrf" and result["configs"]["bm25"]["mmr_lambda"] == 1.0
    json.dumps(result)  # serialisable as is


def test_mean_chunk_tokens_is_that_of_the_paragraphs(result: dict) -> None:
    count = TokenCounter(MODEL_DIR).count
    paragraphs = [p for ps in PARAGRAPHS.values() for p in ps]
    assert result["mean_chunk_tokens"] == round(sum(map(count, paragraphs)) / len(paragraphs), 1)
    assert result["max_chunk_tokens"] == max(map(count, paragraphs)) <= 32


def test_bm25_by_hand(result: dict) -> None:
    # Each question but the last shares its content words with exactly one paragraph: BM25 puts it first.
    # The last shares no word with any text: BM25 returns nothing, so recall = MRR = 4/5 at k=1.
    assert result["ranks"]["bm25"] == {"q-sous-marins": 1, "q-apostrophe": 1, "q-vitraux": 1, "q-altitude": 1, "q-synonymes": None}
    assert result["bm25"]["answer_recall"] == 0.8 and result["bm25"]["mrr"] == 0.8
    # RRF with the dense weight at 0 ranks exactly as BM25 does.
    assert result["ranks"]["rrf bm25-only weights"] == result["ranks"]["bm25"]


def test_dense_and_hybrid_find_the_lexical_questions(result: dict) -> None:
    # The fake embedder is a bag of words: the four lexical questions land closest to their paragraph too.
    for system in ("dense", "hybrid"):
        ranks = result["ranks"][system]
        assert [ranks[q] for q in ("q-sous-marins", "q-apostrophe", "q-vitraux", "q-altitude")] == [1, 1, 1, 1], system
        assert result[system]["answer_recall"] >= 0.8


def test_mrr_and_recall_at_larger_k() -> None:
    at3 = summarise([1, 2, None, 4], k=3)
    assert (at3["answer_recall"], at3["mrr"]) == (0.5, 0.375)  # (1 + 1/2) / 4
    at5 = summarise([1, 2, None, 4], k=5)
    assert (at5["answer_recall"], at5["mrr"]) == (0.75, 0.4375)  # (1 + 1/2 + 1/4) / 4
    empty = summarise([], k=5, source_hits=[])
    assert all(math.isnan(empty[m]) for m in ("answer_recall", "mrr", "source_recall"))
    assert all(math.isnan(v) for v in empty["answer_recall_ci"] + empty["source_recall_ci"])


def test_every_retrieval_rate_carries_its_bootstrap_interval() -> None:
    perfect = summarise([1, 1, 1], k=1, source_hits=[True, True, True])
    assert perfect["answer_recall_ci"] == [1.0, 1.0] and perfect["mrr_ci"] == [1.0, 1.0] and perfect["source_recall_ci"] == [1.0, 1.0]
    none = summarise([None, None], k=3, source_hits=[False, False])
    assert none["answer_recall_ci"] == [0.0, 0.0] and none["mrr_ci"] == [0.0, 0.0] and none["source_recall"] == 0.0
    mixed = summarise([1, 2, None, 4], k=3, source_hits=[True, False, True, True])
    assert mixed["source_recall"] == 0.75
    _, low, high = bootstrap_ci([1.0, 0.5, 0.0, 0.0])  # the per-question reciprocal ranks at k=3
    assert mixed["mrr_ci"] == [round(low, 4), round(high, 4)] and low < 0.375 < high
    assert "source_recall" not in summarise([1], k=1)  # only when the sources were given


def test_first_answer_rank_matches_whole_normalised_words() -> None:
    assert first_answer_rank(["mars"], ["Marseille", "en mars 2023"]) == 2  # whole words only
    assert first_answer_rank(["1 084 km"], ["une frontière de 1,084 km"]) == 1  # number formats unified
    assert first_answer_rank(["L'Île Longue"], ["rien", "base de l\u2019ile  longue", "l'ile longue"]) == 2
    assert first_answer_rank(["absent"], ["rien"]) is None
    assert first_answer_rank([""], ["rien"]) is None  # an empty answer matches nothing


def test_cached_embedder_embeds_each_text_once_and_persists(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    class Counting(FakeEmbedder):
        def embed_queries(self, texts: list[str]):
            calls.append(list(texts))
            return super().embed_queries(texts)

    cached = _CachedEmbedder(Counting(), tmp_path / "cache")
    first = cached.embed_queries(["a b", "c d", "a b"])
    assert calls == [["a b", "c d"]] and first.shape == (3, 256)
    cached.save()
    again = _CachedEmbedder(Counting(), tmp_path / "cache").embed_queries(["c d"])
    assert calls == [["a b", "c d"]]  # served from disk
    assert (again[0] == first[1]).all()


def test_unknown_system_and_bad_file_name_the_fix(squad: Path, tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    with pytest.raises(BadInput, match="--list-systems"):
        run_retrieval_eval(squad, settings, systems=["bm25", "colbert"])
    with pytest.raises(BadInput, match="--piaf"):
        run_retrieval_eval(tmp_path / "missing.json", settings)
    (tmp_path / "bad.json").write_text('{"version": 1}', encoding="utf-8")
    with pytest.raises(BadInput, match="A SQuAD v1 file is"):
        run_retrieval_eval(tmp_path / "bad.json", settings)


def test_cli_prints_json_and_table(squad: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_eval_retrieval_arguments(parser)
    settings = make_settings(tmp_path / "data")  # 220 tokens, 1 sentence of overlap: the flags override both
    chunking = ["--chunk-tokens", "32", "--chunk-overlap-sentences", "0"]
    assert cmd_eval_retrieval(parser.parse_args(["--piaf", str(squad), "--json", "--k", "1", *chunking]), settings) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["bm25"]["answer_recall"] == 0.8 and printed["chunks"] == 6
    assert cmd_eval_retrieval(parser.parse_args(["--piaf", str(squad), "--k", "1", "--systems", "bm25,hybrid", *chunking]), settings) == 0
    table = capsys.readouterr().out
    assert "5 questions" in table and "6 chunks" in table
    bm25_row = [line.split() for line in table.splitlines() if line.startswith("bm25 ")]
    assert len(bm25_row) == 1 and bm25_row[0][1] == "0.8000" and bm25_row[0][3] == "0.8000"  # recall, CI, MRR
    low, high = map(float, bm25_row[0][2].split("-"))
    assert low <= 0.8 <= high
    assert not any(line.startswith("dense ") for line in table.splitlines())
    assert cmd_eval_retrieval(parser.parse_args(["--list-systems"]), settings) == 0  # no dataset needed
    assert "rrf k10 d0.65 c30 mmr0.9" in capsys.readouterr().out.splitlines()
    with pytest.raises(BadInput, match="--piaf"):
        cmd_eval_retrieval(parser.parse_args([]), settings)
