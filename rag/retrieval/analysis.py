"""French-aware text analysis for lexical retrieval: folding, tokens, elisions, stopwords, stems.

The analyser turns a text into the terms BM25 counts:

1. case-fold, unify apostrophes (’ ‘ ` ´ -> '), expand œ/æ, NFKC (no-break and thin spaces become spaces);
2. join digit groups that form one number: "1 084 km" (any space, no-break or thin included) and
   "1,084 km" give "1084";
   a decimal keeps its fraction with a dot: "2,5" and "2.5" give "2.5";
3. strip French elisions (l' d' qu' j' n' s' c' m' t' jusqu' lorsqu' puisqu' ...), split on
   non-alphanumerics;
4. drop French and English stopwords (compact built-in lists, compared accent-free);
5. stem words with Snowball (French for "fr", English for "en"), then strip accents from the stem.
   Tokens that contain a digit ("2025", "9m729", "14h30") are kept as they are.

Stemming happens *before* accents are stripped because the French Snowball stemmer reads accents
("déployé", "déployer" and "déploiement" all give "deploi"; stripped first they would not conflate).
Accents on the stem are then dropped, so "Bélarus"/"Belarus" and "État"/"Etat" give the same term.

`ANALYSER_VERSION` is stored with every index built from these terms: bump it whenever a change here
alters any token, so that older indexes are refused with a rebuild hint instead of silently missing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer  # with PyStemmer installed it returns the C stemmers (the same stems, much faster)

from rag.errors import ConfigError

ANALYSER_VERSION = 1

# Applied with str.replace, which is far faster than str.translate on non-ASCII text.
_REPLACEMENTS = (
    ("\u2019", "'"),  # ’
    ("\u2018", "'"),  # ‘
    ("`", "'"),
    ("\u00b4", "'"),  # ´
    ("\u02bc", "'"),  # ʼ
    ("\u2032", "'"),  # ′
    ("œ", "oe"),
    ("æ", "ae"),
)

# A number written in thousands groups with one consistent separator: "1 084", "12 300 000", "1,084".
# The first group has no leading zero and no digit, letter, dot or comma right before it.
_THOUSANDS = re.compile(r"(?<![\w.,])[1-9]\d{0,2}(?P<sep>[ .,])\d{3}(?:(?P=sep)\d{3})*(?!\d)")
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'(?=\w)")
_AUJOURDHUI = re.compile(r"\baujourd'hui\b")
# A run of letters and digits; one that ends in a digit keeps a decimal part ("2,5", "1084.5").
_TOKEN = re.compile(r"[^\W_]*\d(?:[.,]\d+)+|[^\W_]+")
_HAS_DIGIT = re.compile(r"\d")

_STEMMERS = {"fr": "french", "en": "english"}

# French: the Snowball list (articles, pronouns, prepositions, forms of être and avoir) plus question words
# and leftovers of elisions and hyphenated inversions ("a-t-il").
_FRENCH_STOPWORDS = """
a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons auront aux
avaient avais avait avec avez aviez avions avons ayant ayez ayons c ca ce ceci cela celle celles celui ces cet
cette ceux chaque ci comme comment d dans de des donc dont du elle elles en es est et etaient etais etait etant
etc ete etee etees etes etiez etions eu eue eues eumes eurent eus eusse eussent eusses eussiez eussions eut
eutes eux fumes furent fus fusse fussent fusses fussiez fussions fut futes ici il ils j je jusqu l la laquelle
le lequel les lesquelles lesquels leur leurs lorsqu lui m ma mais me meme memes mes moi mon n ne ni nos notre
nous on ont ou par pas pour pourquoi puisqu qu quand que quel quelle quelles quels qui quoi s sa sans se sera
serai seraient serais serait seras serez seriez serions serons seront ses si soi soient sois soit sommes son
sont soyez soyons suis sur t ta te tes toi ton tu un une unes uns vos votre vous y
"""

# English: articles, pronouns, auxiliaries, prepositions and question words. Words that are also French
# content words ("an" = year, "but" = goal, "mine", "pour", "son") are left out on purpose.
_ENGLISH_STOPWORDS = """
about above after again against all am and any are aren at be because been before being below between both
by can could did didn do does doesn doing don down during each few for from further had hadn has hasn have
haven having he her here hers herself him himself his how i if in into is isn it its itself just ll me more
most my myself nor not of off once only or other our ours ourselves out over own re same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was wasn we were weren what when where which while who whom why will with won would you your yours
yourself yourselves
"""

STOPWORDS: frozenset[str] = frozenset(_FRENCH_STOPWORDS.split()) | frozenset(_ENGLISH_STOPWORDS.split())


def _unify(text: str) -> str:
    """Case-fold, unify apostrophes and expand œ/æ."""
    text = text.casefold()
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    return text


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case-fold, unify apostrophes to ', expand œ/æ and drop accents (NFKD without combining marks)."""
    return _strip_accents(_unify(text))


def _join_thousands(match: re.Match[str]) -> str:
    return match.group(0).replace(match.group("sep"), "")


@lru_cache(maxsize=4)
def _term_maker(lang: str) -> Callable[[str], str | None]:
    """For one language, a cached map from a raw token to its term, or None for a stopword."""
    try:
        algorithm = _STEMMERS[lang]
    except KeyError:
        raise ConfigError(f"no analyser for language {lang!r}: use one of {sorted(_STEMMERS)}") from None
    stemmer = snowballstemmer.stemmer(algorithm)

    @lru_cache(maxsize=500_000)
    def term(token: str) -> str | None:
        if _HAS_DIGIT.search(token):
            return _strip_accents(token.replace(",", "."))
        if _strip_accents(token) in STOPWORDS:
            return None
        return _strip_accents(stemmer.stemWord(token))

    return term


def tokenize(text: str, lang: str = "fr") -> list[str]:
    """The terms of `text`: folded, elisions and stopwords removed, words stemmed, numbers kept whole."""
    term = _term_maker(lang)
    # Lower-case and normalise but keep accents: the French stemmer needs them (see the module docstring).
    text = unicodedata.normalize("NFKC", _unify(text))
    text = _THOUSANDS.sub(_join_thousands, text)
    text = _AUJOURDHUI.sub("aujourdhui", text)
    text = _ELISION.sub(" ", text)
    return [t for t in map(term, _TOKEN.findall(text)) if t is not None]
