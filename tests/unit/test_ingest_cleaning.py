"""Cleaning keeps the journalism verbatim and drops the page furniture seen in the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.cleaning import Cleaned, clean, is_credit_line, is_hashtag_line, is_ui_line, normalise_whitespace, strip_credit_tail

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HEADLINE_002 = "POUTINE ET LOUKACHENKO DISCUTENT DE LA COOPÉRATION EN MATIÈRE DE DÉFENSE À MINSK"


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def cleaned_seed(prefix: str) -> Cleaned:
    return clean(seed(prefix), f"{prefix}.txt")


# --- the five seeds --------------------------------------------------------------------------------

EXPECTED_REMOVED = {
    "000": (
        "Crédit Photo : Gavriil Grigorov / POOL / AFP",
        "#Russie",
        "#Bélarus",
        "#Vladimir Poutine",
        "#Alexandre Loukachenko",
        "#accord militaire",
    ),
    "001": ("(Source : Reuters) |", "Comment (0)"),
    "002": ("Lagazette", "Paris / La Gazette", "Loading...", "L'info de A à Z Voir Plus", HEADLINE_002, HEADLINE_002),
    "003": (),
    "004": (
        "BFMTV",
        "International",
        "- Konstantin ZAVRAZHIN / SPUTNIK / AFP",
        "Vladimir Poutine et Alexandre Loukachenko le 19 décembre à Minsk.",
    ),
}
EXPECTED_TITLES = {
    "000": "Sur cette photo de famille diffusée par l'agence d'État russe Sputnik, le président russe Vladimir Poutine et le "
    "président biélorusse Alexandre…",
    "001": "Le président russe Vladimir Poutine et son homologue biélorusse Alexandre Loukachenko dans la capitale Minsk, "
    "en décembre 2024.",
    "002": HEADLINE_002,
    "003": "La Russie et la Biélorussie ont signé jeudi un accord pour officialiser le déploiement de missiles nucléaires "
    "tactiques russes sur le territoire…",
    "004": 'En Biélorussie, Vladimir Poutine promet des "livraisons d\'armes mutuelles" entre les deux pays',
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_REMOVED))
def test_seed_furniture_is_removed_exactly(prefix: str) -> None:
    result = cleaned_seed(prefix)
    assert result.removed == EXPECTED_REMOVED[prefix]
    assert result.title == EXPECTED_TITLES[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED_REMOVED))
def test_seed_text_stays_verbatim(prefix: str) -> None:
    """Every cleaned paragraph is a run of the source's own words (lines joined by one space at most)."""
    raw = seed(prefix)
    flat = " ".join(raw.split())
    text = cleaned_seed(prefix).text
    assert "\n\n" not in text and text == text.strip()
    for paragraph in text.split("\n"):
        assert paragraph in flat
    kept_words = sum(len(p.split()) for p in text.split("\n"))
    removed_words = sum(len(line.split()) for line in cleaned_seed(prefix).removed)
    assert kept_words + removed_words == len(raw.split())


def test_seed_003_has_no_furniture_and_is_unchanged() -> None:
    raw = seed("003")
    assert cleaned_seed("003").text == raw.strip()


def test_seed_000_quote_lines_are_joined_with_their_attribution() -> None:
    paragraphs = cleaned_seed("000").text.split("\n")
    assert paragraphs[0].startswith("Sur cette photo de famille")
    assert paragraphs[3] == (
        '"Dans un contexte de pression extérieure sans précédent, la Russie et le Belarus interagissent étroitement '
        "dans les affaires internationales, se témoignant invariablement un véritable soutien mutuel entre alliés\", "
        "a déclaré Vladimir Poutine dans son discours au conseil."
    )
    assert paragraphs[5].endswith("nous rapprochent d'un conflit mondial\", a-t-il affirmé.")
    assert paragraphs[-2].endswith('dirigeants politico-militaires du Bélarus", a ajouté Loukachenko.')
    assert paragraphs[-1].startswith("Alexandre Loukachenko a ajouté que les spécialistes russes")
    assert len(paragraphs) == 11


def test_seed_001_caption_keeps_its_words_without_the_source_credit() -> None:
    paragraphs = cleaned_seed("001").text.split("\n")
    assert paragraphs[0] == (
        "Le président russe Vladimir Poutine et son homologue biélorusse Alexandre Loukachenko dans la capitale Minsk, "
        "en décembre 2024."
    )
    assert paragraphs[-1].endswith("l'ancien responsable à la crise.")


def test_seed_002_headline_kept_once_then_timestamp_then_body() -> None:
    paragraphs = cleaned_seed("002").text.split("\n")
    assert paragraphs[:3] == [
        HEADLINE_002,
        "26 Mai 2024 11:53 (UTC+01:00)",
        paragraphs[2],
    ]
    assert paragraphs[2].startswith("Le président russe Vladimir Poutine a rencontré")
    assert paragraphs[-1].endswith("base de départ pour l'invasion du nord de l'Ukraine.")
    assert len(paragraphs) == 11  # headline, timestamp, nine body paragraphs


def test_seed_004_caption_kept_once_and_byline_kept() -> None:
    paragraphs = cleaned_seed("004").text.split("\n")
    assert paragraphs[:3] == [
        EXPECTED_TITLES["004"],
        "Vladimir Poutine et Alexandre Loukachenko le 19 décembre à Minsk.",
        "En visite en Biélorussie, Poutine a fait part de sa volonté de renforcer la coopération entre Moscou et Minsk "
        '"dans tous les domaines", notamment la Défense avec des "livraisons d\'armes mutuelles".',
    ]
    assert "Deux alliés dans l'invasion russe en Ukraine" in paragraphs  # a subheading is journalism
    assert paragraphs[-1] == "J. M. A. avec AFP"  # the byline names AFP but is not a photo credit


# --- general rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Crédit Photo : Gavriil Grigorov / POOL / AFP",
        "Crédits : Jean Dupont",
        "Photo : Sergei GAPON / AFP",
        "PHOTO: archives",
        "© Reuters 2024",
        "- Konstantin ZAVRAZHIN / SPUTNIK / AFP",
        "Ludovic MARIN / POOL / AFP",
        "AFP",
    ],
)
def test_credit_lines(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "J. M. A. avec AFP",
        "Paris / La Gazette",
        "Selon l'AFP, le sommet a eu lieu à Minsk.",
        "La photo du sommet a fait le tour des réseaux sociaux : elle montre les deux dirigeants souriants.",
        "Moscou et Minsk / Les deux capitales",
    ],
)
def test_not_credit_lines(line: str) -> None:
    assert not is_credit_line(line)


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Les deux dirigeants à Minsk. - Konstantin ZAVRAZHIN / SPUTNIK / AFP",
            "Les deux dirigeants à Minsk.",
            "- Konstantin ZAVRAZHIN / SPUTNIK / AFP",
        ),
        ("Le sommet de Minsk. (Source : Reuters) |", "Le sommet de Minsk.", "(Source : Reuters) |"),
        ("Le sommet de Minsk (Crédit : AFP)", "Le sommet de Minsk", "(Crédit : AFP)"),
        ("Le sommet de Minsk. © AFP", "Le sommet de Minsk.", "© AFP"),
        ("Jean-Pierre Raffarin - Jean-Luc Mélenchon", "Jean-Pierre Raffarin - Jean-Luc Mélenchon", ""),
        ("Moscou - Minsk / Kiev", "Moscou - Minsk / Kiev", ""),
    ],
)
def test_credit_tails_are_cut_from_captions(line: str, caption: str, credit: str) -> None:
    assert strip_credit_tail(line) == (caption, credit)


@pytest.mark.parametrize(
    "line",
    ["Loading...", "Chargement…", "Comment (0)", "12 commentaires", "L'info de A à Z Voir Plus", "Partager",
     "Lire aussi : Poutine à Minsk", "À lire aussi - La visite du Kremlin", "Lire la suite", "Voir plus"],
)  # fmt: skip
def test_ui_lines(line: str) -> None:
    assert is_ui_line(line)


@pytest.mark.parametrize(
    "line",
    ["Partager le pouvoir avec Minsk, une idée ancienne.", "Voir Minsk et mourir", "Le Kremlin veut tout voir.",
     "Comment Moscou a convaincu Minsk de signer l'accord de sécurité sur le territoire biélorusse",
     "Deux alliés dans l'invasion russe en Ukraine", "Lire aussitôt le rapport secret", "Relatedness"],
)  # fmt: skip
def test_not_ui_lines(line: str) -> None:
    assert not is_ui_line(line)


@pytest.mark.parametrize(("line", "expected"), [("#Russie", True), ("#Vladimir Poutine", True), ("#Russie #Bélarus", True),
                                                ("# Titre en Markdown", False), ("#1 des ventes. Un record.", False)])  # fmt: skip
def test_hashtag_lines(line: str, expected: bool) -> None:
    assert is_hashtag_line(line) is expected


def test_whitespace_is_normalised_but_words_are_kept() -> None:
    raw = "Le\u00a0président  a dit\u202f: «\u00a0non\u00a0».\tFin\u200b.\r\nSuite\u2028Fin  "
    assert normalise_whitespace(raw) == "Le président a dit : « non ». Fin.\nSuite\nFin"
    assert clean(raw, "x").text == "Le président a dit : « non ». Fin.\nSuite\nFin"


def test_lowercase_line_continues_the_previous_one_unless_a_blank_line_separates_them() -> None:
    raw = "« Nous sommes prêts »,\na déclaré le président.\n\nun paragraphe qui commence en minuscule.\nÀ Minsk, rien.\n"
    result = clean(raw, "x")
    assert result.text == (
        "« Nous sommes prêts », a déclaré le président.\nun paragraphe qui commence en minuscule.\nÀ Minsk, rien."
    )
    assert result.removed == ()


def test_repeated_headline_near_exact_is_dropped_first_kept() -> None:
    raw = "Poutine en visite à Minsk\nPOUTINE EN VISITE À MINSK.\n\nLe président russe est arrivé lundi.\nPoutine en visite à Minsk !"
    result = clean(raw, "x")
    assert result.text == "Poutine en visite à Minsk\nLe président russe est arrivé lundi."
    assert result.removed == ("POUTINE EN VISITE À MINSK.", "Poutine en visite à Minsk !")
    assert result.title == "Poutine en visite à Minsk"


def test_near_identical_headline_with_a_typo_is_a_repeat_but_distinct_short_lines_are_not() -> None:
    raw = "Loukachenko reçoit Poutine au palais de Minsk\nLoukachenko reçoit Poutine au palais de Minks\nNon.\nNon.\nLe texte suit ici."
    assert clean(raw, "x").text == "Loukachenko reçoit Poutine au palais de Minsk\nNon.\nNon.\nLe texte suit ici."


def test_outlet_banner_only_in_header_or_footer_and_section_label_only_in_header() -> None:
    body = "Le président russe est arrivé lundi à Minsk pour une visite de deux jours."
    raw = f"Le Monde\nInternational\nUn titre d'article\n{body}\nLe Monde\nInternational\nSuite du texte, plus loin.\nÉpilogue.\nFin du texte.\nLe Monde"
    result = clean(raw, "x")
    assert result.text == f"Un titre d'article\n{body}\nLe Monde\nInternational\nSuite du texte, plus loin.\nÉpilogue.\nFin du texte."
    assert result.removed == ("Le Monde", "International", "Le Monde")


def test_title_falls_back_to_first_sentence_then_to_the_given_name() -> None:
    assert clean("M. Poutine est arrivé. Il a parlé.", "x").title == "M. Poutine est arrivé."
    assert clean("#Russie\nLoading...\n\n", "  000_seed.txt ").title == "000_seed.txt"
    assert clean("", "").title == "Sans titre"
    assert clean("", "").text == ""


def test_title_skips_a_leading_date_line() -> None:
    raw = "26 Mai 2024 11:53\nPoutine et Loukachenko à Minsk\nLe président russe est arrivé lundi à Minsk pour deux jours."
    assert clean(raw, "x").title == "Poutine et Loukachenko à Minsk"
