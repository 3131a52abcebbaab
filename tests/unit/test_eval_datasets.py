"""Dataset loaders: the shipped files load, and bad files fail naming the file, line and fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals.datasets import ClaimItem, QAItem, load_claims, load_qa, load_squad
from rag.errors import BadInput

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"

QA_LINE: dict[str, Any] = {
    "id": "q1",
    "lang": "fr",
    "question": "Où ?",
    "answerable": True,
    "reference": "À Minsk.",
    "must_include": [["Minsk"]],
    "sources": ["000.txt"],
    "support": "Minsk",
}
CLAIM_LINE: dict[str, Any] = {
    "id": "c1",
    "lang": "fr",
    "claim": "Signé à Minsk.",
    "passage": "L'accord a été signé à Minsk.",
    "supported": True,
    "kind": "paraphrase",
}


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def squad(paragraphs: list[dict[str, Any]], title: str = "T") -> dict[str, Any]:
    return {"version": "1.1", "data": [{"title": title, "paragraphs": paragraphs}]}


# --------------------------------------------------------------------------------------------------
# Shipped files


def test_shipped_qa_set_loads() -> None:
    items = load_qa(DATASETS / "seed-qa-dev.jsonl")
    assert len(items) == 12
    first = items[0]
    assert first.id == "d01" and first.lang == "fr" and first.answerable
    assert first.must_include == [["6 décembre", "December 6", "6 December"]]
    assert first.sources == ["000_be8765c689dbec50.txt", "001_ea8938cfc8637510.txt"]
    assert first.support == "6 décembre 2024"
    unanswerable = [i for i in items if not i.answerable]
    assert [i.id for i in unanswerable] == ["d11", "d12"]
    assert all(i.support is None and i.must_include == [] and i.sources == [] for i in unanswerable)


def test_shipped_claims_set_loads() -> None:
    items = load_claims(DATASETS / "claims-dev.jsonl")
    assert len(items) == 12
    assert items[1] == ClaimItem(
        id="cd02",
        lang="fr",
        claim="Minsk gardera la décision d'utiliser les armes nucléaires déployées au Bélarus.",
        passage=items[1].passage,
        supported=False,
        kind="entity_swap",
    )
    assert sum(i.supported for i in items) == 6


def test_shipped_squad_set_loads() -> None:
    data = load_squad(DATASETS / "piaf-dev.json")
    assert (len(data.articles), len(data.questions)) == (40, 643)
    first = data.questions[0]
    assert (first.id, first.question, first.answers, first.article, first.paragraph) == (
        "p140295443288136",
        "ou habite t il?",
        ["Los Angeles"],
        0,
        0,
    )
    assert "Los Angeles" in data.context(first)


# --------------------------------------------------------------------------------------------------
# QA files


def test_qa_optional_fields_default_and_extra_fields_are_kept(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "qa.jsonl", [{"id": "q", "lang": "en", "question": "Why?", "answerable": False, "note": 1}])
    assert load_qa(path) == [QAItem(id="q", lang="en", question="Why?", answerable=False, extra={"note": 1})]


def test_qa_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "qa.jsonl", ["", json.dumps(QA_LINE), "   "])
    assert [i.id for i in load_qa(path)] == ["q1"]


def test_qa_missing_field_names_file_line_and_expected_fields(tmp_path: Path) -> None:
    bad = {k: v for k, v in QA_LINE.items() if k != "answerable"}
    path = write_jsonl(tmp_path / "qa.jsonl", [QA_LINE | {"id": "q0"}, bad])
    with pytest.raises(BadInput) as error:
        load_qa(path)
    message = str(error.value)
    assert f"{path}, line 2: missing field 'answerable'" in message
    assert "id, lang, question, answerable" in message
    assert "evals/datasets/README.md" in message


def test_qa_bad_json_names_the_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "qa.jsonl", [QA_LINE, "", '{"id": "q2", "question": '])
    with pytest.raises(BadInput, match=r"qa\.jsonl, line 3: not valid JSON"):
        load_qa(path)


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        ({"answerable": "yes"}, "field 'answerable' must be true or false"),
        ({"question": 3}, "field 'question' must be a string"),
        ({"question": "  "}, "field 'question' is empty"),
        ({"must_include": ["Minsk"]}, "field 'must_include' must be a list of groups"),
        ({"must_include": [[]]}, "field 'must_include' must be a list of groups"),
        ({"sources": "000.txt"}, "field 'sources' must be a list of strings"),
    ],
)
def test_qa_wrong_types_are_named(tmp_path: Path, change: dict[str, Any], pattern: str) -> None:
    path = write_jsonl(tmp_path / "qa.jsonl", [QA_LINE | change])
    with pytest.raises(BadInput, match=f"line 1: {pattern}"):
        load_qa(path)


def test_qa_not_an_object_duplicate_ids_empty_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="line 1: expected one JSON object per line"):
        load_qa(write_jsonl(tmp_path / "list.jsonl", ["[1, 2]"]))
    with pytest.raises(BadInput, match="line 2: id 'q1' already used at line 1"):
        load_qa(write_jsonl(tmp_path / "dup.jsonl", [QA_LINE, QA_LINE]))
    with pytest.raises(BadInput, match="holds no items"):
        load_qa(write_jsonl(tmp_path / "empty.jsonl", [""]))
    with pytest.raises(BadInput, match="dataset not found"):
        load_qa(tmp_path / "absent.jsonl")


# --------------------------------------------------------------------------------------------------
# Claims files


def test_claims_optional_fields_default(tmp_path: Path) -> None:
    line = {k: v for k, v in CLAIM_LINE.items() if k not in ("lang", "kind")}
    item = load_claims(write_jsonl(tmp_path / "c.jsonl", [line]))[0]
    assert (item.lang, item.kind, item.supported) == (None, "other", True)


def test_claims_missing_field_and_bad_type(tmp_path: Path) -> None:
    bad = {k: v for k, v in CLAIM_LINE.items() if k != "passage"} | {"id": "c2"}
    with pytest.raises(BadInput) as error:
        load_claims(write_jsonl(tmp_path / "c.jsonl", [CLAIM_LINE, bad]))
    assert "c.jsonl, line 2: missing field 'passage'" in str(error.value)
    assert "id, claim, passage, supported" in str(error.value)
    with pytest.raises(BadInput, match="line 1: field 'supported' must be true or false"):
        load_claims(write_jsonl(tmp_path / "d.jsonl", [CLAIM_LINE | {"supported": 1}]))
    with pytest.raises(BadInput, match=r"line 1: not valid JSON \(.* at column"):
        load_claims(write_jsonl(tmp_path / "e.jsonl", ["{'id': 'c1'}"]))


# --------------------------------------------------------------------------------------------------
# SQuAD files


def test_squad_articles_paragraphs_and_question_indices(tmp_path: Path) -> None:
    data = {
        "data": [
            {
                "title": "A",
                "paragraphs": [
                    {"context": "P0", "qas": []},
                    {"context": "P1", "qas": [{"question": "Q?", "answers": [{"text": "x", "answer_start": 0}, {"text": "y"}]}]},
                ],
            },
            {"title": "B", "paragraphs": [{"context": "P2", "qas": [{"id": "k", "question": "R?", "answers": []}]}]},
        ]
    }
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data))
    loaded = load_squad(path)
    assert [(a.title, a.paragraphs) for a in loaded.articles] == [("A", ["P0", "P1"]), ("B", ["P2"])]
    assert [(q.id, q.question, q.answers, q.article, q.paragraph) for q in loaded.questions] == [
        ("0-1-0", "Q?", ["x", "y"], 0, 1),
        ("k", "R?", [], 1, 0),
    ]
    assert loaded.context(loaded.questions[0]) == "P1"


@pytest.mark.parametrize(
    ("document", "pattern"),
    [
        ({"version": "1"}, "field 'data' must be a list"),
        ([], "expected a JSON object with a 'data' list"),
        ({"data": [{"paragraphs": []}]}, r"data\[0\]: missing field 'title'"),
        (squad([{"qas": []}]), r"data\[0\]\.paragraphs\[0\]: missing field 'context'"),
        (squad([{"context": "c"}]), r"data\[0\]\.paragraphs\[0\]: field 'qas' must be a list"),
        (squad([{"context": "c", "qas": [{"answers": []}]}]), r"qas\[0\]: missing field 'question'"),
        (squad([{"context": "c", "qas": [{"question": "q", "answers": [{"answer_start": 1}]}]}]), r"answers\[0\]: missing field 'text'"),
        (squad([{"context": "c", "qas": []}]), "holds no questions"),
    ],
)
def test_squad_bad_structure_names_the_json_path(tmp_path: Path, document: Any, pattern: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(document))
    with pytest.raises(BadInput, match=pattern) as error:
        load_squad(path)
    assert "SQuAD v1" in str(error.value)


def test_squad_bad_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{\n  "data": [\n    {"title": "A",}\n  ]\n}\n')
    with pytest.raises(BadInput, match=r"s\.json, line 3: not valid JSON"):
        load_squad(path)
