"""Article cleaning: keep the journalism, drop the page furniture, keep every kept word verbatim.

Rules, applied line by line after whitespace normalisation (NBSP and other spaces become a plain space,
zero-width characters go, runs of spaces collapse, blank lines go):

1. Photo credits: lines starting "Crédit(s)", "Photo :", "Copyright", "Source :"; short lines with "©";
   short "Name / AGENCY" lines ("- Konstantin ZAVRAZHIN / SPUTNIK / AFP"). A credit at the end of a
   caption (" - X / AFP", "(Source : Reuters) |", "© AFP") is cut off and the caption kept.
2. UI furniture: short lines without sentence punctuation that are, start with or end with a known UI
   phrase ("Loading...", "Comment (0)", "L'info de A à Z Voir Plus", "Lire aussi : …").
3. Hashtag lines ("#Russie", "#Vladimir Poutine").
4. Outlet banners ("BFMTV", "Lagazette", "Paris / La Gazette") before the article body or in its last
   three lines, and section labels ("International") before the body.
5. A line starting in lowercase continues the line above it (a quote, then "a déclaré …"): they are
   joined with one space, unless a blank line separates them.
6. A paragraph repeating an earlier one exactly or nearly (same letters and digits anywhere before, or
   95 % alike to one of the last few short paragraphs, as with a headline printed three times) is
   dropped; the first occurrence stays.

The title is the first headline-like line among the first three paragraphs, else the first sentence
of the text (shortened to 150 characters), else the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from rag.ingest.dedupe import normalise_for_identity
from rag.ingest.metadata import AGENCIES, loose_key, outlet_named, parse_date


@dataclass(frozen=True)
class Cleaned:
    text: str  # cleaned article text: paragraphs separated by "\n"
    title: str  # never empty
    removed: tuple[str, ...]  # removed lines (blank lines are not listed), for reporting


TITLE_MAX_CHARS = 150
NEAR_REPEAT_WINDOW = 12  # a near-exact repeat is looked for among the last 12 short paragraphs

_SPACE_LIKE = dict.fromkeys(
    [0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000], " "
)  # fmt: skip
_INVISIBLE = dict.fromkeys([0x00AD, 0x200B, 0x2060, 0xFEFF, *range(0x00, 0x09), *range(0x0E, 0x20), 0x7F], None)
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_RUNS_OF_SPACES = re.compile(r" {2,}")
_TRANSLATE = str.maketrans({**_SPACE_LIKE, **_INVISIBLE})


def normalise_whitespace(text: str) -> str:
    """One "\\n" per line break, one plain space between words, no leading/trailing spaces on a line."""
    text = _LINE_BREAKS.sub("\n", text).translate(_TRANSLATE)
    return "\n".join(_RUNS_OF_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# --- rules -----------------------------------------------------------------------------------------

_AGENCY_KEYS = frozenset(loose_key(a) for a in AGENCIES)
_SENTENCE_PUNCT = re.compile(r"[.!?]")
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|…)$")
_COUNT = re.compile(r"\(\s*\d+\s*\)|\b\d+\b")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'»”’)]*$")

_CREDIT_START = re.compile(
    r"^(?:cr[ée]dits?|copyright|photos?|illustrations?|images?|sources?)\b[^:]{0,25}:", re.IGNORECASE
)
_CREDIT_PAREN_TAIL = re.compile(
    r"\s*\((?:sources?|cr[ée]dits?|photos?|copyright)\s*:[^()]*\)\s*\|?\s*$", re.IGNORECASE
)
_COPYRIGHT_TAIL = re.compile(r"\s*©[^©]{0,80}$")
_DASH_SEPARATOR = re.compile(r"\s[-–—|]\s")

def _phrases(listing: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in listing.split("|"))


_UI_PHRASES = _phrases(
    """loading|chargement|chargement en cours|comment|comments|commentaire|commentaires|commenter|réagir|
    partager|partagez|partager cet article|share|share this article|tweet|tweeter|imprimer|print|publicité|
    advertisement|newsletter|s'abonner|abonnez-vous|je m'abonne|se connecter|connexion|menu|rechercher|fermer|
    accueil|retour en haut|haut de page|copier le lien|lien copié|écouter|écouter cet article|écouter l'article|
    lire|voir|voir plus|voir moins|lire plus|lire la suite|lire aussi|à lire aussi|voir aussi|en savoir plus|
    plus d'infos|suivez-nous|facebook|twitter|whatsapp|linkedin|email|e-mail|vidéo|video|play|replay|sommaire|
    j'aime|like|follow|read more|show more|see more|sign up|subscribe|cookies|accepter|tout accepter|
    continuer sans accepter|envoyer|signaler|signaler un abus|ajouter aux favoris|sauvegarder|google news|
    suivre|l'info de a à z"""
)
_UI_PREFIXES = (
    "lire aussi", "à lire aussi", "voir aussi", "à voir aussi", "lire également", "à lire également", "read also",
    "related", "sur le même sujet", "abonnez-vous", "suivez-nous", "partager sur", "share on", "regarder aussi",
)  # fmt: skip
_UI_SUFFIXES = ("voir plus", "lire la suite", "en savoir plus", "read more", "see more", "show more", "lire plus")

_SECTION_LABELS = _phrases(
    """international|monde|france|politique|économie|economie|société|societe|culture|sport|sports|sciences|
    santé|europe|actualité|actualités|actu|faits divers|tech|planète|environnement|opinions|idées|world|news|
    breaking news|en direct|direct|live|exclusif|info|infos|à la une|la une|éco|business|régions"""
)


def _ui_key(line: str) -> str:
    key = _COUNT.sub(" ", _TRAILING_ELLIPSIS.sub("", line).casefold().replace("’", "'"))
    key = re.sub(r"[^\w\s'-]", " ", key)
    return " ".join(key.split())


def is_ui_line(line: str) -> bool:
    """A short line without sentence punctuation that is, starts with or ends with a UI phrase."""
    body = _COUNT.sub("", _TRAILING_ELLIPSIS.sub("", line))
    if len(line.split()) > 8 or _SENTENCE_PUNCT.search(body):
        return False
    key = _ui_key(line)
    return (
        key in _UI_PHRASES
        or any(key == p or key.startswith(f"{p} ") for p in _UI_PREFIXES)
        or any(key == p or key.endswith(f" {p}") for p in _UI_SUFFIXES)
    )


def is_hashtag_line(line: str) -> bool:
    """'#Russie', '#Vladimir Poutine', '#Russie #Bélarus' (not a Markdown '# Heading')."""
    return bool(re.match(r"#[^\s#]", line)) and len(line.split()) <= 8 and not _SENTENCE_PUNCT.search(line)


def _is_agency_credit(fragment: str) -> bool:
    """'Konstantin ZAVRAZHIN / SPUTNIK / AFP', 'Gavriil Grigorov / POOL / AFP', 'AFP'."""
    fragment = fragment.strip(" -–—|()")
    parts = [p.strip() for p in fragment.split("/")]
    if not fragment or len(fragment) > 90 or any(not p for p in parts) or _SENTENCE_PUNCT.search(fragment.rstrip(".")):
        return False
    return any(loose_key(p) in _AGENCY_KEYS for p in parts) and (len(parts) > 1 or len(fragment.split()) <= 3)


def is_credit_line(line: str) -> bool:
    """A whole line that is a photo or wire credit."""
    if len(line.split()) <= 12 and _CREDIT_START.match(line):
        return True
    if "©" in line and len(line.split()) <= 15:
        return True
    return _is_agency_credit(line)


def strip_credit_tail(line: str) -> tuple[str, str]:
    """(caption, credit) for a caption ending with a credit, else (line, "")."""
    for pattern in (_CREDIT_PAREN_TAIL, _COPYRIGHT_TAIL):
        m = pattern.search(line)
        if m and m.start() > 0:
            return line[: m.start()].rstrip(), m.group().strip()
    separators = list(_DASH_SEPARATOR.finditer(line))
    if separators:
        tail = line[separators[-1].start() :]
        if "/" in tail and _is_agency_credit(tail):
            return line[: separators[-1].start()].rstrip(), tail.strip()
    return line, ""


def _is_section_label(line: str) -> bool:
    return _ui_key(line) in _SECTION_LABELS


def _is_body_line(line: str) -> bool:
    return len(line.split()) >= 8 and bool(_ENDS_SENTENCE.search(line))


# --- assembly --------------------------------------------------------------------------------------


def _join_continuations(lines: list[str | None]) -> list[str]:
    """Merge a line starting in lowercase into the line above it; None marks a blank line (a break)."""
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        if line is None:
            joinable = False
            continue
        if joinable and line[0].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        joinable = True
    return paragraphs


def _alike(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > len(a) // 10:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.95 and matcher.quick_ratio() >= 0.95 and matcher.ratio() >= 0.95


def _dedupe(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    kept: list[str] = []
    dropped: list[str] = []
    seen: set[str] = set()
    short: list[str] = []
    for paragraph in paragraphs:
        key = "".join(ch for ch in normalise_for_identity(paragraph) if ch.isalnum())
        is_repeat = key in seen and (len(key) >= 12 or len(paragraph.split()) >= 3)
        if not is_repeat and 20 <= len(key) <= 300:
            is_repeat = any(_alike(key, prev) for prev in short[-NEAR_REPEAT_WINDOW:])
        if is_repeat:
            dropped.append(paragraph)
            continue
        seen.add(key)
        if len(key) <= 300:
            short.append(key)
        kept.append(paragraph)
    return kept, dropped


_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMM?|\bMmes?|\bDr|\bPr|\bSt|\bav|\bapr|\betc|\bex|\bcf|\bp)\.$")


def _first_sentence(paragraph: str) -> str:
    for m in re.finditer(r"[.!?…][\"»”)]*(?=\s+[\"«“(]?[A-ZÀ-ÖØ-Þ0-9])", paragraph):
        if not _ABBREVIATION.search(paragraph[: m.start() + 1]):
            return paragraph[: m.end()]
    return paragraph


def _shorten(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—(«\"")
    return f"{cut}…"


def _is_headline(paragraph: str) -> bool:
    words = paragraph.split()
    if not 3 <= len(words) <= 30 or len(paragraph) > 200:
        return False
    if re.search(r"[.,;:][\"'»”’)]*$", paragraph):
        return False
    return not (len(words) <= 8 and parse_date(paragraph))


def pick_title(paragraphs: list[str], fallback_title: str) -> str:
    """First headline-like paragraph among the first three, else the text's first sentence (shortened),
    else `fallback_title`, else "Sans titre"."""
    for paragraph in paragraphs[:3]:
        if _is_headline(paragraph):
            return paragraph
    if paragraphs:
        return _shorten(_first_sentence(paragraphs[0]))
    return " ".join(fallback_title.split()) or "Sans titre"


def clean(text: str, fallback_title: str) -> Cleaned:
    """Drop page furniture, join broken sentences, drop repeats; see the module docstring for the rules."""
    lines = normalise_whitespace(text).split("\n")
    filled = [i for i, line in enumerate(lines) if line]
    body_start = next((i for i in filled if _is_body_line(lines[i])), len(lines))
    footer = set(filled[-3:])
    removed: list[str] = []
    kept: list[str | None] = []
    for i, line in enumerate(lines):
        if not line:
            kept.append(None)
            continue
        in_header = i < body_start
        if (
            is_credit_line(line)
            or is_ui_line(line)
            or is_hashtag_line(line)
            or ((in_header or i in footer) and outlet_named(line) is not None)
            or (in_header and _is_section_label(line))
        ):
            removed.append(line)
            continue
        caption, credit = strip_credit_tail(line)
        if credit:
            removed.append(credit)
        if caption:
            kept.append(caption)
    paragraphs, repeats = _dedupe(_join_continuations(kept))
    removed.extend(repeats)
    return Cleaned(text="\n".join(paragraphs), title=pick_title(paragraphs, fallback_title), removed=tuple(removed))
