"""Evaluation datasets: question sets (JSONL), claim-support sets (JSONL) and SQuAD v1 files (JSON).

The formats are documented, with one example each, in evals/datasets/README.md. Loaders check every
field and raise `BadInput` naming the file, the line (or JSON path) and the fields expected there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.errors import BadInput

__all__ = [
    "ClaimItem",
    "QAItem",
    "SquadArticle",
    "SquadQuestion",
    "SquadSet",
    "SummaryFacts",
    "load_claims",
    "load_qa",
    "load_squad",
    "load_summary_facts",
]

_README = "evals/datasets/README.md"


@dataclass(frozen=True)
class QAItem:
    """A question about the corpus, with what a correct answer must contain and where it is found."""

    id: str
    lang: str  # language of the question: "fr" or "en"
    question: str
    answerable: bool  # False: the articles do not say, the system should refuse
    reference: str = ""  # a reference answer, for similarity scores
    must_include: list[list[str]] = field(default_factory=list)  # all groups, one alternative each
    sources: list[str] = field(default_factory=list)  # source names (seed file names) holding the answer
    support: str | None = None  # a phrase some cited passage must contain; None when there is none
    extra: dict[str, Any] = field(default_factory=dict)  # any other fields of the line, kept as read


@dataclass(frozen=True)
class ClaimItem:
    """A claim and a passage, labelled with whether the passage supports the claim."""

    id: str
    claim: str
    passage: str
    supported: bool
    lang: str | None = None  # language of the claim
    kind: str = "other"  # what the item tests: paraphrase, entity_swap, negation, ...
    extra: dict[str, Any] = field(default_factory=dict)  # any other fields of the line, kept as read


@dataclass(frozen=True)
class SummaryFacts:
    """The key facts a summary of one article must state: its central event and its date."""

    id: str
    source: str  # the article's source name (seed file name) or id
    event: list[list[str]]  # all groups must match, one alternative each
    date: list[list[str]]
    lang: str | None = None  # language the alternatives cover ("fr", "en"), informative
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SquadArticle:
    title: str
    paragraphs: list[str]  # the paragraph contexts, in file order


@dataclass(frozen=True)
class SquadQuestion:
    id: str
    question: str
    answers: list[str]  # gold answer texts (may repeat; may be empty)
    article: int  # index into SquadSet.articles
    paragraph: int  # index into that article's paragraphs


@dataclass(frozen=True)
class SquadSet:
    articles: list[SquadArticle]
    questions: list[SquadQuestion]

    def context(self, question: SquadQuestion) -> str:
        """The paragraph a question was asked about."""
        return self.articles[question.article].paragraphs[question.paragraph]


# --------------------------------------------------------------------------------------------------
# Field checks

_TYPE_NAMES = {str: "a string", bool: "true or false"}


def _field(record: dict[str, Any], name: str, kind: type, where: str, expected: str, required: bool = True) -> Any:
    """record[name], checked to be of `kind`; None when absent and not required."""
    if name not in record or record[name] is None:
        if required:
            raise BadInput(f"{where}: missing field '{name}'. {expected}")
        return None
    value = record[name]
    if not isinstance(value, kind):
        raise BadInput(f"{where}: field '{name}' must be {_TYPE_NAMES[kind]}, got {json.dumps(value, ensure_ascii=False)}. {expected}")
    if kind is str and required and not value.strip():
        raise BadInput(f"{where}: field '{name}' is empty. {expected}")
    return value


def _str_list(record: dict[str, Any], name: str, where: str, expected: str) -> list[str]:
    value = record.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"{where}: field '{name}' must be a list of strings. {expected}")
    return list(value)


def _groups(record: dict[str, Any], name: str, where: str, expected: str) -> list[list[str]]:
    value = record.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(
        isinstance(g, list) and g and all(isinstance(a, str) and a.strip() for a in g) for g in value
    ):
        raise BadInput(
            f"{where}: field '{name}' must be a list of groups, each a non-empty list of phrases "
            f'(e.g. [["6 décembre", "December 6"], ["Minsk"]]). {expected}'
        )
    return [list(g) for g in value]


def _extra(record: dict[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in known}


def _read_jsonl(path: str | Path, expected: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(location, record) for each non-blank line, in order; errors name the file and line."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"dataset not found: {file}: check the path") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"cannot read dataset {file} as UTF-8 text: {error}") from None
    seen: dict[str, str] = {}
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{file}, line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise BadInput(f"{where}: not valid JSON ({error.msg} at column {error.colno}). {expected}") from None
        if not isinstance(record, dict):
            raise BadInput(f"{where}: expected one JSON object per line. {expected}")
        item_id = record.get("id")
        if isinstance(item_id, str):
            if item_id in seen:
                raise BadInput(f"{where}: id '{item_id}' already used at {seen[item_id]}: ids must be unique")
            seen[item_id] = f"line {number}"
        count += 1
        yield where, record
    if count == 0:
        raise BadInput(f"{file} holds no items. {expected}")


# --------------------------------------------------------------------------------------------------
# Loaders

_QA_FIELDS = ("id", "lang", "question", "answerable", "reference", "must_include", "sources", "support")
_QA_EXPECTED = (
    "Each line of a QA file is a JSON object with id, lang, question, answerable "
    f"(optional: reference, must_include, sources, support); see {_README}"
)


def load_qa(path: str | Path) -> list[QAItem]:
    """Questions from a JSONL file, one object per line (blank lines skipped, other fields kept in `extra`)."""
    items: list[QAItem] = []
    for where, r in _read_jsonl(path, _QA_EXPECTED):
        support = _field(r, "support", str, where, _QA_EXPECTED, required=False)
        items.append(
            QAItem(
                id=_field(r, "id", str, where, _QA_EXPECTED),
                lang=_field(r, "lang", str, where, _QA_EXPECTED),
                question=_field(r, "question", str, where, _QA_EXPECTED),
                answerable=_field(r, "answerable", bool, where, _QA_EXPECTED),
                reference=_field(r, "reference", str, where, _QA_EXPECTED, required=False) or "",
                must_include=_groups(r, "must_include", where, _QA_EXPECTED),
                sources=_str_list(r, "sources", where, _QA_EXPECTED),
                support=support if support and support.strip() else None,
                extra=_extra(r, _QA_FIELDS),
            )
        )
    return items


_CLAIM_FIELDS = ("id", "lang", "claim", "passage", "supported", "kind")
_CLAIM_EXPECTED = f"Each line of a claims file is a JSON object with id, claim, passage, supported (optional: lang, kind); see {_README}"


def load_claims(path: str | Path) -> list[ClaimItem]:
    """Labelled claim/passage pairs from a JSONL file, one object per line (blank lines skipped, other
    fields kept in `extra`)."""
    items: list[ClaimItem] = []
    for where, r in _read_jsonl(path, _CLAIM_EXPECTED):
        items.append(
            ClaimItem(
                id=_field(r, "id", str, where, _CLAIM_EXPECTED),
                claim=_field(r, "claim", str, where, _CLAIM_EXPECTED),
                passage=_field(r, "passage", str, where, _CLAIM_EXPECTED),
                supported=_field(r, "supported", bool, where, _CLAIM_EXPECTED),
                lang=_field(r, "lang", str, where, _CLAIM_EXPECTED, required=False),
                kind=_field(r, "kind", str, where, _CLAIM_EXPECTED, required=False) or "other",
                extra=_extra(r, _CLAIM_FIELDS),
            )
        )
    return items


_SUMMARY_FIELDS = ("id", "source", "event", "date", "lang")
_SUMMARY_EXPECTED = (
    "Each line of a summary key-facts file is a JSON object with id, source, event and date (groups of "
    f"alternative phrasings, e.g. [[\"6 décembre\", \"December 6\"]]; optional: lang); see {_README}"
)


def load_summary_facts(path: str | Path) -> list[SummaryFacts]:
    """Key facts per article from a JSONL file, one object per line (blank lines skipped, other fields kept)."""
    items: list[SummaryFacts] = []
    for where, r in _read_jsonl(path, _SUMMARY_EXPECTED):
        event = _groups(r, "event", where, _SUMMARY_EXPECTED)
        date = _groups(r, "date", where, _SUMMARY_EXPECTED)
        if not event or not date:
            raise BadInput(f"{where}: fields 'event' and 'date' need at least one group each. {_SUMMARY_EXPECTED}")
        items.append(SummaryFacts(
            id=_field(r, "id", str, where, _SUMMARY_EXPECTED),
            source=_field(r, "source", str, where, _SUMMARY_EXPECTED),
            event=event, date=date,
            lang=_field(r, "lang", str, where, _SUMMARY_EXPECTED, required=False),
            extra=_extra(r, _SUMMARY_FIELDS),
        ))
    return items


_SQUAD_EXPECTED = (
    'A SQuAD v1 file is {"data": [{"title", "paragraphs": [{"context", "qas": '
    f'[{{"question", "answers": [{{"text"}}]}}]}}]}}]}}; see {_README}'
)


def _squad_list(record: Any, name: str, where: str) -> list[Any]:
    value = record.get(name) if isinstance(record, dict) else None
    if not isinstance(value, list):
        raise BadInput(f"{where}: field '{name}' must be a list. {_SQUAD_EXPECTED}")
    return value


def load_squad(path: str | Path) -> SquadSet:
    """Articles and questions from a SQuAD v1 JSON file (other fields, such as answer_start, are ignored).

    Question ids come from the file's `id`, or are "article-paragraph-question" indices when absent."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"dataset not found: {file}: check the path") from None
    except json.JSONDecodeError as error:
        raise BadInput(f"{file}, line {error.lineno}: not valid JSON ({error.msg} at column {error.colno}). {_SQUAD_EXPECTED}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"cannot read dataset {file} as UTF-8 text: {error}") from None
    if not isinstance(data, dict):
        raise BadInput(f"{file}: expected a JSON object with a 'data' list. {_SQUAD_EXPECTED}")
    articles: list[SquadArticle] = []
    questions: list[SquadQuestion] = []
    for a, article in enumerate(_squad_list(data, "data", str(file))):
        where = f"{file}: data[{a}]"
        if not isinstance(article, dict):
            raise BadInput(f"{where}: expected an object. {_SQUAD_EXPECTED}")
        title = _field(article, "title", str, where, _SQUAD_EXPECTED)
        contexts: list[str] = []
        for p, paragraph in enumerate(_squad_list(article, "paragraphs", where)):
            p_where = f"{where}.paragraphs[{p}]"
            if not isinstance(paragraph, dict):
                raise BadInput(f"{p_where}: expected an object. {_SQUAD_EXPECTED}")
            contexts.append(_field(paragraph, "context", str, p_where, _SQUAD_EXPECTED))
            for q, qa in enumerate(_squad_list(paragraph, "qas", p_where)):
                q_where = f"{p_where}.qas[{q}]"
                if not isinstance(qa, dict):
                    raise BadInput(f"{q_where}: expected an object. {_SQUAD_EXPECTED}")
                answers: list[str] = []
                for n, answer in enumerate(_squad_list(qa, "answers", q_where)):
                    if not isinstance(answer, dict):
                        raise BadInput(f"{q_where}.answers[{n}]: expected an object. {_SQUAD_EXPECTED}")
                    answers.append(_field(answer, "text", str, f"{q_where}.answers[{n}]", _SQUAD_EXPECTED))
                qid = qa.get("id")
                questions.append(
                    SquadQuestion(
                        id=str(qid) if qid is not None else f"{a}-{p}-{q}",
                        question=_field(qa, "question", str, q_where, _SQUAD_EXPECTED),
                        answers=answers,
                        article=a,
                        paragraph=p,
                    )
                )
        articles.append(SquadArticle(title=title, paragraphs=contexts))
    if not questions:
        raise BadInput(f"{file} holds no questions. {_SQUAD_EXPECTED}")
    return SquadSet(articles=articles, questions=questions)
