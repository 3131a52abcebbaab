"""The seeds' brief with the real models: a dated, chronological, cited timeline whose lines the support
scorer accepts. Budget: about nine short model calls (one per event) on the session's seeded index."""

from __future__ import annotations

import pytest

from rag.brief import _sort_key
from rag.service import Service

pytestmark = pytest.mark.integration


def test_the_seeds_brief_is_dated_chronological_cited_and_checked(real_service: Service) -> None:
    brief = real_service.brief(refresh=True)
    entries = brief.entries
    dates = [e.date for e in entries]
    assert dates == sorted(dates, key=_sort_key), dates  # chronological, undated last
    # the story: December 2022 visit, May 2024 visit, December 2024 treaty, the Oreshnik outlook
    for expected in ("2022-12-19", "2024-05", "2024-12-06", "2025-H2"):
        assert any(d is not None and d.startswith(expected) for d in dates), dates
    # the 2023 deployment agreement: its article gives no year, so its entry says so instead of guessing one
    undated = [e for e in entries if e.date is None]
    assert undated and all(e.text.startswith("Date non précisée : ") for e in undated)
    assert any(c.source.startswith("003_") for e in undated for c in e.citations)
    # merged: 000 and 001 both report the signing of the treaty, and the brief has one entry for it
    signing = [e for e in entries if any("signé" in c.text and c.source[:3] in ("000", "001") for c in e.citations)]
    assert len(signing) == 1 and signing[0].date == "2024-12-06", [e.text for e in signing]
    assert {c.source[:3] for c in signing[0].citations} >= {"000", "001"}, signing[0].text  # 000 says "vendredi"
    oreshnik = next(e for e in entries if e.date == "2025-H2")
    assert any("second semestre 2025" in c.text for c in oreshnik.citations)
    for entry in entries:
        assert entry.citations, entry
        for c in entry.citations:  # offsets are facts
            assert real_service.corpus.article(c.article_id).text[c.start:c.end] == c.text
        cited = " ".join(c.text for c in entry.citations)
        line = entry.text.removeprefix("Date non précisée : ").split(" Les sources divergent")[0]
        line = line.rsplit(" [", 1)[0] if "[" in line else line
        assert real_service.scorer.score(line, cited).supported, (entry.text, cited)
    again = real_service.brief()
    assert again.cached and again.as_dict() == brief.as_dict()
