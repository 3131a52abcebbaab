"""The Brief tab and GET /api/brief against a test double of the service (Service.brief arrives in another
branch), FR/EN label tables, the Evaluate tab's dataset discovery, and the error-status mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rag.errors import (BackendError, BadInput, Busy, ConfigError, IndexMismatch, ModelMissing, NotFound, UnsupportedUpload,
                        UploadRejected, UploadTooLarge)
from rag.types import Citation
from tests.conftest import DATASETS
from ui.api import BRIEF_MISSING, ModelSlots, create_api, status_for
from ui.evaluate import dataset_kind, list_datasets
from ui.i18n import EN, FR
from ui.render import render_brief

CITATION = Citation(1, "a1", "000.txt", "Sommet <Minsk>", "Le Monde", "2024-12-06", 10, 40, "Le traité a été signé <b>vendredi</b>.")


@dataclass
class Entry:
    date: str | None
    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Brief:
    entries: list[Entry]

    def as_dict(self) -> list[dict[str, Any]]:
        return [{"date": e.date, "text": e.text, "citations": [c.as_dict() for c in e.citations]} for e in self.entries]


class BriefService:
    """Only what GET /api/brief and the Brief tab touch: `brief(topic, language)` and the settings."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.calls: list[tuple[str | None, str | None]] = []

    def brief(self, topic: str | None = None, language: str | None = None) -> Brief:
        self.calls.append((topic, language))
        return Brief([Entry("2024-12-06", "Signature du traité <script>alert(1)</script>.", [CITATION]), Entry(None, "Sans date.")])


class NoBriefService:
    def __init__(self, settings: Any) -> None:
        self.settings = settings


def test_api_brief_returns_the_entries_and_passes_topic_and_language(settings) -> None:
    service = BriefService(settings)
    response = TestClient(create_api(service)).get("/api/brief", params={"topic": "traité", "language": "fr"})
    assert response.status_code == 200
    body = response.json()
    assert body["entries"][0]["date"] == "2024-12-06" and body["entries"][0]["citations"][0]["source"] == "000.txt"
    assert body["entries"][1] == {"date": None, "text": "Sans date.", "citations": []}
    assert service.calls == [("traité", "fr")]
    assert TestClient(create_api(service)).get("/api/brief", params={"language": "de"}).status_code == 422


def test_api_brief_without_service_brief_is_501_not_a_crash(settings) -> None:
    response = TestClient(create_api(NoBriefService(settings))).get("/api/brief")
    assert response.status_code == 501 and response.json() == {"error": {"type": "NotAvailable", "message": BRIEF_MISSING}}


def test_brief_html_is_dated_cited_and_escaped() -> None:
    html = render_brief(BriefService(None).brief())
    assert '<span class="brief-date">2024-12-06</span>' in html and '<span class="brief-date">undated</span>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;vendredi&lt;/b&gt;" in html
    assert "Sommet &lt;Minsk&gt;" in html


def test_brief_tab_calls_service_brief_or_says_not_available(settings) -> None:
    from ui.app import build_app

    def brief_handler(app: Any) -> Any:
        [fn] = [d.fn for d in app.fns.values() if getattr(d.fn, "__name__", "") == "brief"]
        return fn

    from rag.service import Service

    class ServiceWithBrief(Service):
        calls: list[tuple[str | None, str | None]] = []

        def brief(self, topic: str | None = None, language: str | None = None) -> Brief:
            self.calls.append((topic, language))
            return BriefService(None).brief()

    with_brief = ServiceWithBrief(settings)
    html = brief_handler(build_app(with_brief))(" traité ", "auto")
    assert "Signature du traité" in html and with_brief.calls == [("traité", None)]
    # the real Service has the brief (rag.brief): its tab is live, with no "not available" notice
    real = build_app(Service(settings))
    brief_html = next(b for b in real.blocks.values() if getattr(b, "elem_id", None) == "brief")
    assert "Brief not available" not in (brief_html.value or "")


def test_french_and_english_labels_cover_the_same_keys() -> None:
    assert set(EN) == set(FR) and all(FR[k].strip() for k in FR)


def test_eval_datasets_are_found_with_their_kind(tmp_path: Path) -> None:
    assert dict((name, label) for label, name in list_datasets(DATASETS)) == {
        "claims-dev.jsonl": "claims-dev.jsonl (claims)", "piaf-dev.json": "piaf-dev.json (retrieval)",
        "seed-qa-dev.jsonl": "seed-qa-dev.jsonl (qa)", "seed-qa-extra.jsonl": "seed-qa-extra.jsonl (qa)"}
    # seed-summaries-dev.jsonl (key facts per article) feeds `newsrag eval summaries`, which the tab does not run
    (tmp_path / "notes.jsonl").write_text('{"x": 1}\n')
    with pytest.raises(BadInput, match="not an eval dataset"):
        dataset_kind(tmp_path / "notes.jsonl")
    assert list_datasets(tmp_path) == []


@pytest.mark.parametrize(("error", "status"), [
    (NotFound("x"), 404), (UploadTooLarge("x"), 413), (UnsupportedUpload("x"), 415), (UploadRejected("x"), 400), (BadInput("x"), 400),
    (Busy("x"), 503), (IndexMismatch("x"), 409), (ModelMissing("x"), 503), (BackendError("x"), 502), (ConfigError("x"), 500),
])
def test_error_classes_map_to_http_statuses(error: Exception, status: int) -> None:
    assert status_for(error) == status


def test_model_slots_refuse_when_every_slot_is_taken() -> None:
    slots = ModelSlots(1, wait=0.01)
    with slots.slot():
        with pytest.raises(Busy, match="retry in a few seconds"):
            with slots.slot():
                pass
    with slots.slot():  # released again
        pass
