"""The cross-article brief with the fake embedder and a function LLM: date resolution, chronological order,
merged events, contradictions, undated entries, the fallback line, caching and invalidation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.brief import BriefConfig, compatible, resolve_date
from rag.errors import BadInput, ConfigError
from rag.llm import FunctionLLM, Message
from rag.service import Service
from tests.conftest import make_settings

ARTICLES = {
    # published 10 March 2024: the inauguration (8 March), background (January 2021), an outlook (H2 2025)
    "a.txt": "10 mars 2024 09:00\nLe ministre Jean Dupont a inauguré le nouveau pont de Lyon le 8 mars.\n"
             "Le chantier du pont avait commencé en janvier 2021 selon la mairie de Lyon.\n"
             "La mairie prévoit une seconde phase des travaux au second semestre 2025.\n",
    # the same inauguration, but on 9 March: a contradiction
    "b.txt": "12 mars 2024 10:00\nJean Dupont a inauguré le nouveau pont de Lyon le 9 mars.\n"
             "Le maire a rappelé que les piétons pourront traverser le fleuve gratuitement tous les jours.\n",
    # no date anywhere: its event has a weekday that no year can pin down
    "c.txt": "Les habitants du quartier ont manifesté samedi contre le bruit du chantier du tramway.\n"
             "Ils demandent une réunion publique avec les élus de la métropole avant la fin des travaux.\n",
    # the same inauguration on 8 March, like a.txt: merged with it
    "d.txt": "11 mars 2024 08:00\nLe 8 mars 2024, le ministre Jean Dupont a inauguré le nouveau pont de Lyon.\n"
             "Une fanfare a joué pendant la cérémonie devant plusieurs centaines de curieux.\n",
}
CONFIG = BriefConfig(merge_similarity=0.8, conflict_similarity=0.8)  # the bag-of-words fake's scale


def _restate(messages: list[Message]) -> str:
    """Restates the first numbered sentence; for the inauguration, a line without its date (as the prompt asks)."""
    prompt = messages[-1].content
    if "pont de Lyon" in prompt and "inauguré" in prompt:
        return "Le ministre Jean Dupont a inauguré le nouveau pont de Lyon [1]."
    number, text = re.findall(r"^\[(\d+)\] (.+)$", prompt, flags=re.M)[0]
    return f"{text} [{number}]"


def _corpus(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _service(tmp_path: Path, fn=_restate) -> tuple[Service, FunctionLLM, Path]:
    llm = FunctionLLM(fn)
    service = Service(make_settings(tmp_path / "data", support_threshold=0.45), llm=llm)
    folder = _corpus(tmp_path / "articles")
    service.ingest([folder])
    service.briefer.config = CONFIG
    return service, llm, folder


def test_dates_resolve_from_the_text_and_the_article_date() -> None:
    assert resolve_date(frozenset({"--03-08"}), "2024-03-10") == ("2024-03-08", 3, True)
    assert resolve_date(frozenset({"weekday:friday"}), "2024-12-06") == ("2024-12-06", 3, True)  # that Friday
    assert resolve_date(frozenset({"weekday:friday"}), "2024-05-26") == ("2024-05-24", 3, True)  # the Friday before
    assert resolve_date(frozenset({"2025-H2", "--10"}), "2024-12-06") == ("2024-10", 2, True)  # the most precise wins
    assert resolve_date(frozenset({"--05-26", "--05-27"}), "2024-05-26")[0] == "2024-05-26"  # then the earliest
    assert resolve_date(frozenset({"--04-05", "weekday:saturday"}), None) == (None, 0, False)  # never guessed
    assert compatible("2024-12", "2024-12-06") and compatible("2025-H2", "2025-09") and compatible(None, None)
    assert not compatible("2024-12-06", "2024-12-05") and not compatible("2025-H1", "2025-09") and not compatible(None, "2024")


def test_brief_is_chronological_cited_and_undated_last(tmp_path: Path) -> None:
    service, llm, _ = _service(tmp_path)
    brief = service.brief()
    dates = [e.date for e in brief.entries]
    assert dates == ["2021-01", "2024-03", "2024-03-08", "2025-H2", None]
    assert len(llm.calls) == 1  # only the event two articles report is reworded; the others are their own sentence
    for entry in brief.entries:
        assert entry.citations and re.search(r"\[\d+\]", entry.text)
        for c in entry.citations:
            article = service.catalog.article(c.article_id)
            assert article.text[c.start:c.end] == c.text
    undated = brief.entries[-1]
    assert undated.text.startswith("Date non précisée : ") and "samedi" in undated.text
    assert brief.as_dict() == [{"date": e.date, "text": e.text, "citations": [c.as_dict() for c in e.citations]} for e in brief.entries]


def test_an_event_reported_by_several_articles_is_merged_and_cites_each(tmp_path: Path) -> None:
    service, _, _ = _service(tmp_path)
    [event] = [e for e in service.brief().entries if e.date == "2024-03-08"]
    assert event.text.startswith("Le ministre Jean Dupont a inauguré le nouveau pont de Lyon [1][2].")
    assert {c.source for c in event.citations[:2]} == {"a.txt", "d.txt"}


def test_a_merged_line_cites_the_article_that_gives_the_event_with_a_weekday_and_without_the_attribution(tmp_path: Path) -> None:
    """The line copies one article's sentence, with its "le 6 décembre" and "a rapporté l'agence Ansa"; the other
    article says "vendredi" (its date: Friday 6 December 2024) and names no agency: it reports the same event."""
    signing = {
        "e.txt": "6 décembre 2024 10:00\nLe maire Paul Martin a signé vendredi un accord de jumelage avec la ville de Turin.\n",
        "f.txt": "7 décembre 2024 08:00\nLe maire Paul Martin a signé un accord de jumelage avec la ville de Turin le 6 décembre, "
                 "a rapporté l'agence Ansa.\n",
    }

    def copy_the_dated_one(messages: list[Message]) -> str:
        number, text = next((n, t) for n, t in re.findall(r"^\[(\d+)\] (.+)$", messages[-1].content, flags=re.M) if "Ansa" in t)
        return f"{text.rstrip('.')} [{number}]."

    service = Service(make_settings(tmp_path / "data", support_threshold=0.45), llm=FunctionLLM(copy_the_dated_one))
    service.ingest([_corpus(tmp_path / "articles", signing)])
    service.briefer.config = CONFIG
    [event] = service.brief().entries
    assert event.date == "2024-12-06"
    assert event.text.endswith("a rapporté l'agence Ansa [1][2].")
    assert [c.source for c in event.citations] == ["f.txt", "e.txt"]


def test_contradicting_dates_are_pointed_out(tmp_path: Path) -> None:
    service, _, _ = _service(tmp_path)
    [event] = [e for e in service.brief().entries if e.date == "2024-03-08"]
    assert "Les sources divergent sur la date : 2024-03-08 (a.txt, d.txt); 2024-03-09 (b.txt) [3]." in event.text
    assert event.conflicts == ["2024-03-09 (b.txt)"]
    assert event.citations[2].source == "b.txt" and "9 mars" in event.citations[2].text
    english = service.brief(language="en")
    assert any("Sources disagree on the date: 2024-03-08" in e.text for e in english.entries)


def test_the_model_writes_every_line_when_asked_or_when_translating(tmp_path: Path) -> None:
    service, llm, _ = _service(tmp_path)
    service.briefer.config = BriefConfig(merge_similarity=0.8, conflict_similarity=0.8, rewrite="always")
    brief = service.brief()
    assert len(llm.calls) == len(brief.entries)  # one short model call per event, never whole articles
    service.briefer.config = CONFIG
    calls = len(llm.calls)
    english = service.brief(language="en")
    assert len(llm.calls) - calls == len(english.entries)  # French articles, English brief: every line is translated
    assert "user" in llm.calls[-1][-1].role and "English" in llm.calls[-1][-1].content
    with pytest.raises(ConfigError, match="merged"):
        BriefConfig(rewrite="sometimes")


def test_an_unsupported_line_falls_back_to_the_sentence_itself(tmp_path: Path) -> None:
    service, _, _ = _service(tmp_path, lambda messages: "Le pont a coûté 999 millions d'euros à Paris [1].")
    service.briefer.config = BriefConfig(merge_similarity=0.8, conflict_similarity=0.8, rewrite="always")
    for entry in service.brief().entries:
        assert "999" not in entry.text
        assert entry.citations[0].text.rstrip(".") in entry.text


def test_the_brief_is_cached_and_regenerated_when_an_input_changes(tmp_path: Path) -> None:
    service, llm, folder = _service(tmp_path)
    first = service.brief()
    calls = len(llm.calls)
    again = service.brief()
    assert again.cached and again.as_dict() == first.as_dict() and len(llm.calls) == calls and again.seconds < 0.05
    assert not service.brief(language="en").cached  # language is in the key
    calls = len(llm.calls)
    (folder / "e.txt").write_text("15 mars 2024 12:00\nLe pont de Lyon a été fermé le 14 mars pour une inspection des piles.\n",
                                  encoding="utf-8")
    service.ingest([folder])
    changed = service.brief()
    assert not changed.cached and len(llm.calls) > calls
    assert "2024-03-14" in [e.date for e in changed.entries]


def test_a_topic_keeps_only_its_events(tmp_path: Path) -> None:
    service, _, _ = _service(tmp_path)
    everything = service.brief()
    bridge = service.brief(topic="inauguration du pont de Lyon par le ministre Jean Dupont")
    assert bridge.topic and bridge.entries and len(bridge.entries) < len(everything.entries)
    assert all("tramway" not in e.text for e in bridge.entries)
    assert service.brief(topic="inauguration du pont de Lyon par le ministre Jean Dupont").cached  # the topic is in the key
    with pytest.raises(BadInput, match="topic is empty"):
        service.brief(topic="   ")


def test_bad_inputs_name_the_fix(tmp_path: Path) -> None:
    service = Service(make_settings(tmp_path / "empty"), llm=FunctionLLM(_restate))
    with pytest.raises(BadInput, match="ingest"):
        service.brief()
    service, _, _ = _service(tmp_path)
    with pytest.raises(BadInput, match="use fr or en"):
        service.brief(language="de")
