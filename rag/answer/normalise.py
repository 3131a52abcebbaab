"""Facts a claim commits to, extracted from French or English text: numbers, dates, names, negation.

The support scorer compares a claim's facts with a passage's, so both sides are reduced to the same
canonical, language-independent keys:

* numbers: plain decimal strings. Digits with French or English grouping ("1 084", "1 084", "1,084",
  "1.084") become "1084"; a separator followed by one, two or four-plus digits is a decimal point
  ("1,5" and "1.5" become "1.5"). Ordinals ("25e", "1er", "25th") keep their number. Number words
  0-20, round tens and simple compounds ("onze", "eleven", "vingt-cinq", "twenty-five"), and ordinal
  words from 2nd up ("deuxième", "second", "fifth") become digits; "un/une/one/premier/first" do not,
  since they are mostly articles or idioms. A scale word multiplies ("1,5 milliard", "1.5 billion" ->
  "1500000000"). Day numbers consumed by a date are not numbers; years stay numbers.
* magnitudes: quantity words that give an order of magnitude without a number ("des dizaines de
  milliers", "several hundred", "une vingtaine", "thousands of"): each phrase becomes the product of its
  bases ("10000", "100", "20", "1000"); a scale word after a number ("1,5 million") is a number, not a magnitude.
* dates: partial ISO-like keys, each naming only what the text says: "2024-12-06", "2024-12",
  "--12-06" (day and month, no year), "--12" (month alone), "2025-H2" (second half or second
  semestre), "2025-Q3" (quarter or trimestre), "weekday:monday" (a weekday name). "fin 2023" and
  "late 2023" say no more than the year, which stays in `numbers`.
* entities: capitalised name tokens, and the people designated by a role ("le président russe" ->
  "putin", see ROLE_ALIASES), (and all-capitals acronyms), accents stripped and lowercased, put
  through a small French/English alias map so that "Poutine" and "Putin", "Biélorussie" and
  "Belarus", "Moscou" and "Moscow" share one key. A capitalised word at the start of a sentence is a
  name only if it is not a common word (stopword list) or is a known alias. Demonyms map to their
  country ("russe", "Russian" -> "russia") when looked up with `canonical_name`, so a passage's
  lowercase "missiles russes" can satisfy a claim's "Russian missiles".
* negated: the text carries a negation: French "ne/n' ... pas/plus/jamais/rien/aucun/personne/guère",
  "aucun", "jamais", "sans", "ni", "incapable"; English "not", "n't", "never", "no", "none", "nothing", "neither",
  "nor", "without", "unable"; and verbs of denial or refusal in both languages ("nier", "démentir", "refuser",
  "s'abstenir", "deny", "refuse", "reject"), unless such a verb is itself negated ("ne se sont pas
  abstenus", "did not deny" say the positive). "ne ... que" (only), idioms such as "sans précédent",
  and "sans"/"without" before a noun phrase or pronoun ("sans la Russie", "without us": a
  circumstance, not a negated predicate) are not negations; before a verb or a bare noun ("sans
  consulter", "sans fondement") they are.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from rag.lang import detect_language

__all__ = [
    "Facts",
    "canonical_name",
    "extract_facts",
    "fold",
    "is_negated",
    "name_runs",
    "role_mentions",
    "split_clauses",
    "split_sentences",
    "translit_key",
    "word_tokens",
]


@dataclass(frozen=True)
class Facts:
    """What a text commits to, in canonical keys (see the module docstring for the formats)."""

    numbers: frozenset[str]
    dates: frozenset[str]
    entities: frozenset[str]
    negated: bool
    # Numbers the text hedges: ("1000", ">") for "more than 1,000", "~" for "about", "<" for "under".
    approx: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    # Runs of consecutive capitalised name tokens, canonical keys in text order ("vladimir", "putin").
    names: tuple[tuple[str, ...], ...] = ()
    # Orders of magnitude given by quantity words without a number: "des dizaines de milliers" -> {"10000"}.
    magnitudes: frozenset[str] = field(default_factory=frozenset)


# --------------------------------------------------------------------------------------------------
# Folding and tokens


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})


def clean(text: str) -> str:
    """Unify apostrophes, dashes, ligatures and exotic spaces; keep case and accents."""
    return text.translate(_APOSTROPHES).translate(_SPACES).translate(_DASHES).translate(_LIGATURES)


def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes/dashes/spaces: "Biélorussie’s" -> "bielorussie's"."""
    decomposed = unicodedata.normalize("NFKD", clean(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def word_tokens(text: str) -> list[str]:
    """Folded word tokens; hyphenated words stay whole, elided articles split off ("l'ukraine" -> "ukraine")."""
    out: list[str] = []
    for match in _WORD.finditer(fold(text)):
        out.append(match.group(0))
    return out


# --------------------------------------------------------------------------------------------------
# Sentences and clauses

_ABBREVIATIONS = ("M.", "Mme.", "Mr.", "Mrs.", "Dr.", "St.", "Jr.", "etc.", "vs.", "No.", "Gen.", "Sen.")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[«\"“(]?[A-ZÀ-ÖØ-Þ0-9])|\n+")


def split_sentences(text: str) -> list[str]:
    """Sentences: split after . ! ? … before a capital or digit, and at line breaks; abbreviations kept."""
    text = clean(text)
    protected = text
    for abbr in _ABBREVIATIONS:
        protected = protected.replace(abbr + " ", abbr.replace(".", "\x00") + " ")
    parts = [p.replace("\x00", ".").strip() for p in _SENTENCE_END.split(protected)]
    return [p for p in parts if p and any(ch.isalnum() for ch in p)]


# "but" after a determiner or "pour"/"à" is the French noun ("avait pour but de", "à but défensif"), not "but"
_NOT_FRENCH_BUT = "".join(rf"(?<!\b{word})" for word in ("pour", "le", "un", "de", "à", "a", "au", "du", "son", "sa", "leur", "ce", "quel"))


_CLAUSE_BREAK = re.compile(
    r"\s*[;:()\[\]]\s*|,\s+|\s+-\s+"
    r"|\s+(?=(?:mais|car|puisque|parce que|parce qu['’]|tandis que|alors que|bien que|quoique|cependant|toutefois|pourtant)\b)"
    r"|\s+(?=sans (?:pour autant|toutefois|cependant|jamais)\b)"
    r"|" + _NOT_FRENCH_BUT + r"\s+(?=but\b)"
    r"|\s+(?=(?:because|while|whereas|although|though|however)\b)"
    r"|(?<!not)(?<!n't)\s+(?=yet\b)",  # "has not yet fought" is one clause
    re.IGNORECASE,
)


_CONTRAST = re.compile(r"[,;]?" + _NOT_FRENCH_BUT + r"\s+(?:mais|cependant|toutefois|pourtant|tandis que|alors que|but|however|whereas|while|yet)\b",
                       re.IGNORECASE)


def before_contrast(sentence: str, min_words: int = 3) -> str | None:
    """The sentence cut before its first contrastive conjunction ("..., mais il est important de noter que ...",
    "... but ..."), ending with a full stop: its main statement without the second claim tacked on; None when
    it has no such conjunction or too little comes before it."""
    match = _CONTRAST.search(sentence)
    if match is None:
        return None
    head = sentence[:match.start()].rstrip(" ,;:")
    return f"{head}." if len(_WORD.findall(head)) >= min_words else None


def clause_prefixes(sentence: str, min_words: int = 3) -> list[str]:
    """The sentence cut before each of its clause breaks (as `split_clauses` finds them), longest first, each
    ending with a full stop; pieces under `min_words` words are left out. "Non, selon X, la Biélorussie ne
    peut pas ..., mais ce n'est pas une menace." gives "Non, selon X, la Biélorussie ne peut pas ..." and
    "Non, selon X.": its main statement without the clauses a model tacked on."""
    text = sentence.strip().rstrip(".!?… ")
    cuts = sorted({m.start() for m in _CLAUSE_BREAK.finditer(text) if m.start() > 0}, reverse=True)
    prefixes = [text[:cut].rstrip(" ,;:-([") for cut in cuts]
    return [f"{p}." for p in dict.fromkeys(prefixes) if len(_WORD.findall(p)) >= min_words]


def split_clauses(sentence: str, min_words: int = 3) -> list[str]:
    """Clauses of one sentence: split at , ; : brackets and contrastive/causal conjunctions
    (mais, car, tandis que, but, because, while ...); a piece under `min_words` words joins its
    neighbour, so "Ce lundi, Poutine est arrivé" stays one clause."""
    pieces = _join_split_negation([p.strip() for p in _CLAUSE_BREAK.split(clean(sentence)) if p and p.strip()])
    merged: list[str] = []
    carry = ""
    for piece in pieces:
        piece = f"{carry} {piece}".strip() if carry else piece
        if len(_WORD.findall(piece)) < min_words:
            carry = piece
            continue
        carry = ""
        merged.append(piece)
    if carry:
        if merged:
            merged[-1] = f"{merged[-1]} {carry}"
        else:
            merged.append(carry)
    return merged


# a piece that ends on a French negative particle and its verb, the rest of the negation after a comma: "les
# soldats ne se sont, à ce jour, pas battus"
_DANGLING_NE = re.compile(r"(?<![\w-])(?:ne\s+\S+(?:\s+\S+)?|n'\S+(?:\s+\S+)?)\s*$")
_OPENS_ON_COMPLETION = re.compile(r"^\W*(?:pas|plus|jamais|rien|guere|point|aucun|aucune|nullement)(?![\w-])")
NEGATION_SPAN = 3  # pieces a negation may be split over


def _join_split_negation(pieces: list[str]) -> list[str]:
    """Pieces with a negation split by commas joined back: "ne se sont" + "à ce jour" + "pas battus" is one clause."""
    out: list[str] = []
    pending: list[str] = []
    for piece in pieces:
        folded = fold(piece)
        if pending:
            pending.append(piece)
            if _OPENS_ON_COMPLETION.match(folded):
                out.append(" ".join(pending))
                pending = []
            elif len(pending) >= NEGATION_SPAN:  # no completion near: the pieces as they were
                out.extend(pending)
                pending = []
            continue
        if _DANGLING_NE.search(folded) and not _NEG_FR_COMPLETION.search(folded):
            pending = [piece]
        else:
            out.append(piece)
    return out + pending


# --------------------------------------------------------------------------------------------------
# Stopwords: words that start sentences but are not names

_STOPWORDS = frozenset(
    """
    a à au aux avec ce ces cet cette c ca ça ceci cela celui celle ceux celles chaque comme comment d dans de des du
    donc dont elle elles en entre et eux il ils je j l la le les leur leurs lui m ma mais me meme mes moi mon n ne ni
    nos notre nous on ou où par pas pour qu que quel quelle quels quelles qui quoi s sa sans se ses si son sous sur ta
    te tes toi ton tous tout toute toutes tu un une vos votre vous y selon depuis lors lorsque apres avant pendant
    malgre cependant toutefois pourtant ainsi alors aussi enfin ensuite puis deja encore jamais toujours plus moins
    tres trop bien mal ici la-bas voici voila oui non aucun aucune certains certaines plusieurs tel telle tels
    telles autre autres meme memes seul seule seuls seules chez vers contre parmi face pres loin hier aujourd
    demain ce cette ces mardi lundi mercredi jeudi vendredi samedi dimanche au-dela afin sauf outre quant
    le-president president presidente ministre premier premiere selon d'apres dont quoique puisque parce
    dans-le sinon desormais notamment egalement surtout environ pres presque seulement neanmoins
    the a an and or but if then else when while where which who whom whose what why how this that these those it
    its he she they them his her their we our you your i me my of in on at to for from by with without about
    yes after before during since until as than so not no nor yet also still already never always only just even
    there here some any many most more less few several each every all both either neither one another other
    such own same very too much again ever however therefore meanwhile although though because despite
    according under over into onto upon between among against through across toward towards within
    yesterday today tomorrow monday tuesday wednesday thursday friday saturday sunday last next first
    president minister prime is are was were be been has have had will would can could may might must shall
    should do does did mme mr mrs ms dr mm
    besides moreover furthermore instead indeed overall finally initially later earlier previously recently
    currently together thus hence nonetheless nevertheless otherwise likewise similarly meanwhile afterwards
    d'ailleurs ailleurs outre puis parallelement finalement initialement recemment actuellement ensemble
    tens dozens hundreds thousands millions billions dizaines centaines milliers
    """.split()
)

# Capitalised common nouns of titles and institutions ("the Supreme Council", "Defence Minister",
# "Conseil suprême"): not names, because an English claim's "Treaty" cannot be matched to a French
# passage's "traité" by spelling, and a swap of these words is rare in news claims.
_TITLE_WORDS = frozenset(
    """
    council conseil supreme state states etat etats union alliance treaty traite organization organisation ministry ministere
    minister ministre defence defense security securite foreign affairs etrangeres army armee forces force
    republic republique federation summit sommet agreement accord parliament parlement government
    gouvernement office agency agence news press presse national nationale international internationale
    general generale secretary secretaire spokesman spokesperson spokeswoman porte-parole head chief chef
    leader dirigeant governor gouverneur acting interim deputy depute collective cooperation cup coupe world
    monde football final finale navy marine air military militaire nuclear nucleaire strategic strategique
    tactical tactique weapons armes missile missiles system systeme systems systemes high haut commissioner
    commission committee comite court cour justice party parti assembly assemblee senate senat duma douma
    capital capitale region province oblast city ville palace palais presidential presidentiel presidentielle
    photo credit source day jour conference king roi queen reine prince princesse emir sheikh cheikh pope pape
    mister monsieur madame
    """.split()
)

# Words that begin a capitalised run but are qualifiers, not optional given names ("North Korea").
QUALIFIERS = frozenset(
    "nord sud est ouest north south east west new nouveau nouvelle grand grande great upper lower haut haute "
    "bas basse central centrale royaume kingdom republic republique saint san".split()
)

# --------------------------------------------------------------------------------------------------
# Aliases: French/English (and transliteration) variants of names common in this news, to one key.

_ALIAS_GROUPS: dict[str, tuple[str, ...]] = {
    "putin": ("poutine", "putin", "poutin"),
    "lukashenko": ("loukachenko", "lukashenko", "lukashenka", "loukachenka"),
    "shoigu": ("choigou", "choigu", "shoigu", "shoygu", "choygou"),
    "zelensky": ("zelensky", "zelenski", "zelenskiy", "zelenskyy", "zelensky"),
    "peskov": ("peskov", "peskof"),
    "belarus": (
        "belarus", "bielorussie", "belarussie", "bielorusse", "bielorusses", "belarusse", "belarusses",
        "belarusian", "belarusians", "byelorussia", "belorussia", "bielorussien", "bielorussiens",
        "belarussien", "belarussiens", "belarussienne", "bielorussienne", "belarussiennes",
    ),
    "russia": ("russie", "russia", "russe", "russes", "russian", "russians", "federation de russie"),
    "ukraine": ("ukraine", "ukrainien", "ukrainienne", "ukrainiens", "ukrainiennes", "ukrainian", "ukrainians"),
    "moscow": ("moscou", "moscow", "moskva"),
    "kyiv": ("kiev", "kyiv", "kiyv"),
    "minsk": ("minsk",),
    "kursk": ("koursk", "kursk"),
    "united-states": (
        "etats-unis", "united states", "united-states", "usa", "us", "u.s", "u.s.", "amerique", "america",
        "americain", "americaine", "americains", "americaines", "american", "americans",
    ),
    "nato": ("otan", "nato", "alliance atlantique", "atlantic alliance"),
    "united-russia": ("russie unie", "united russia"),  # the party, not the country
    "eu": ("ue", "eu", "union europeenne", "european union"),
    "un": ("onu", "un", "nations unies", "united nations"),
    "csto": ("otsc", "csto", "organisation du traite de securite collective", "collective security treaty organization"),
    "eaeu": ("ueea", "eaeu", "union economique eurasiatique", "eurasian economic union"),
    "sco": ("ocs", "sco", "organisation de cooperation de shanghai", "shanghai cooperation organisation",
            "shanghai cooperation organization"),
    "europe": ("europe", "europeen", "europeenne", "europeens", "europeennes", "european", "europeans"),
    "china": ("chine", "china", "chinois", "chinoise", "chinese"),
    "france": ("france", "francais", "francaise", "french"),
    "uzbekistan": ("ouzbekistan", "uzbekistan", "ouzbek", "ouzbeke", "ouzbeks", "ouzbekes", "uzbek"),
    "bahrain": ("bahrein", "bahrain"),
    "argentina": ("argentine", "argentina", "argentin", "argentins", "argentinian"),
    "germany": ("allemagne", "germany", "allemand", "allemande", "german"),
    "poland": ("pologne", "poland", "polonais", "polish"),
    "lithuania": ("lituanie", "lithuania", "lituanien", "lituanienne", "lituaniens", "lituaniennes", "lithuanian"),
    "latvia": ("lettonie", "latvia", "letton", "lettone", "lettons", "lettones", "latvian"),
    "west": ("occident", "west", "occidental", "occidentale", "occidentaux", "occidentales", "western", "ouest"),
    "eastern": ("eastern", "oriental", "orientale", "orientaux", "orientales"),  # "Eastern Europe" = "Europe orientale"
    "northern": ("northern", "septentrional", "septentrionale"),
    "southern": ("southern", "meridional", "meridionale"),
    "kremlin": ("kremlin",),
    "world-cup": ("coupe du monde", "mondial"),  # "la finale du Mondial" = "la finale de la Coupe du monde"
    "television": ("tv", "television", "televisions", "tele"),  # "Russian state TV" = "la télévision publique russe"
    "union-state": ("etat de l'union", "union state", "etat de l union"),
    "soviet": ("sovietique", "sovietiques", "soviet"),
    "ussr": ("union sovietique", "soviet union", "urss", "ussr"),  # the state, not the adjective ("républiques soviétiques")
    "oreshnik": ("orechnik", "oreshnik"),
    "iskander": ("iskander",),
    "alexander": ("alexandre", "alexander", "aleksandr", "alexandr"),
    "sergei": ("serguei", "sergei", "sergey", "sergej"),
    "alexei": ("alexei", "alexey", "aleksei", "alexeï"),
    "dmitry": ("dmitri", "dmitry", "dmitriy"),
    "viktor": ("viktor", "victor"),
    "india": ("inde", "india", "indien", "indienne", "indian"),
    "brazil": ("bresil", "brazil", "bresilien", "brazilian"),
    "kazakhstan": ("kazakhstan", "kazakh", "kazakhs", "kazakhe", "kazakhes", "kazakhstanais", "kazakhstanaise", "kazakhstani"),
    "georgia": ("georgie", "georgia", "georgien", "georgienne", "georgiens", "georgiennes", "georgian"),
    "moldova": ("moldavie", "moldova", "moldave", "moldaves", "moldovan"),
    "turkey": ("turquie", "turkey", "turkiye", "turc", "turque", "turkish"),
    "iran": ("iran", "iranien", "iranienne", "iranian"),
    "north-korea": ("coree du nord", "north korea", "nord-coreen", "north korean"),
    "united-kingdom": ("royaume-uni", "united kingdom", "britain", "grande-bretagne", "britannique", "british", "uk"),
    "japan": ("japon", "japan", "japonais", "japanese"),
    "italy": ("italie", "italy", "italien", "italian"),
    "spain": ("espagne", "spain", "espagnol", "spanish"),
    "paris": ("paris",),
    "london": ("londres", "london"),
    "washington": ("washington",),
    "beijing": ("pekin", "beijing"),
    "berlin": ("berlin",),
    "warsaw": ("varsovie", "warsaw"),
    "vilnius": ("vilnius",),
    "crimea": ("crimee", "crimea"),
    "donbas": ("donbass", "donbas"),
    "belgorod": ("belgorod",),
    "lavrov": ("lavrov",),
    "medvedev": ("medvedev", "medvedeV"),
    "erdogan": ("erdogan",),
}

# Places (countries, cities, regions): a claim may name the place a passage leaves implicit ("weapons
# deployed in Belarus" against "Moscow keeps control of the weapons"), unless the passage names another
# place there; the support scorer uses this type to tell such context from a swap.
PLACES = frozenset(
    """
    belarus russia ukraine moscow kyiv minsk kursk united-states europe china france uzbekistan bahrain
    argentina germany poland lithuania latvia india brazil kazakhstan georgia moldova turkey iran north-korea
    united-kingdom japan italy spain paris london washington beijing berlin warsaw vilnius crimea donbas
    belgorod west
    """.split()
)

# Capitals stand for their country when they act ("Moscou a annoncé" = Russia announced), not when they
# are where something happens ("signé à Moscou").
CAPITALS: dict[str, str] = {
    "moscow": "russia", "minsk": "belarus", "kyiv": "ukraine", "washington": "united-states", "beijing": "china",
    "paris": "france", "london": "united-kingdom", "berlin": "germany", "warsaw": "poland", "vilnius": "lithuania",
}

# Well-known people in this news: like places, a claim may name one the passage leaves implicit ("il").
PERSONS = frozenset(
    "putin lukashenko shoigu zelensky peskov lavrov medvedev macron biden trump scholz erdogan khrenin".split()
)

# Lowercase (French) or capitalised (English) adjectives of nationality, to their place key.
DEMONYMS: dict[str, str] = {}

# Roles that name one person in this news ("le président russe" is Putin): folded phrases to name keys.
ROLE_ALIASES: dict[str, str] = {
    "president russe": "putin", "russian president": "putin", "dirigeant russe": "putin",
    "russian leader": "putin", "maitre du kremlin": "putin", "chef du kremlin": "putin",
    "chef de l'etat russe": "putin", "president of russia": "putin", "president de la russie": "putin",
    "president bielorusse": "lukashenko", "belarusian president": "lukashenko", "dirigeant bielorusse": "lukashenko",
    "belarusian leader": "lukashenko", "president du belarus": "lukashenko", "president de la bielorussie": "lukashenko",
    "president belarusse": "lukashenko", "president of belarus": "lukashenko",
    "president ukrainien": "zelensky", "ukrainian president": "zelensky", "president of ukraine": "zelensky",
    "porte-parole du kremlin": "peskov", "kremlin spokesman": "peskov", "kremlin spokesperson": "peskov",
    "ministre russe de la defense": "shoigu", "russian defence minister": "shoigu", "russian defense minister": "shoigu",
    "ministre bielorusse de la defense": "khrenin", "belarusian defence minister": "khrenin",
    "belarusian defense minister": "khrenin",
    "homologue bielorusse": "lukashenko", "belarusian counterpart": "lukashenko",
    "homologue russe": "putin", "russian counterpart": "putin",
}

_ALIASES: dict[str, str] = {}
for _key, _variants in _ALIAS_GROUPS.items():
    for _variant in _variants:
        _ALIASES[_variant] = _key
_MULTIWORD_ALIASES = sorted((v for v in _ALIASES if " " in v), key=len, reverse=True)
for _variant, _key in _ALIASES.items():
    if _key in PLACES and " " not in _variant and _variant != _key and _variant not in {
        "russie", "bielorussie", "belarussie", "byelorussia", "belorussia", "amerique", "america", "usa", "us", "u.s",
        "u.s.", "europe", "chine", "china", "france", "inde", "india", "bresil", "brazil", "turquie", "turkey",
        "turkiye", "japon", "japan", "italie", "italy", "espagne", "spain", "britain", "grande-bretagne", "uk",
        "occident", "west", "iran", "argentine", "argentina", "allemagne", "germany", "pologne", "poland",
        "ukraine", "moscou", "moskva", "kiev", "kiyv", "koursk", "lituanie", "lettonie", "pekin", "londres",
        "varsovie", "crimee", "donbass", "georgie", "moldavie", "ouzbekistan", "bahrein", "etats-unis",
        "royaume-uni", "united-states", "kazakhstan", "vilnius", "berlin", "paris", "washington", "belgorod",
    }:
        DEMONYMS[_variant] = _key
_ROLE_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(r) for r in sorted(ROLE_ALIASES, key=len, reverse=True)) + r")(?![\w-])"
)


def name_roles(folded: str) -> str:
    """Folded text with each role phrase put as its holder's name key ("le president russe et son homologue
    bielorusse" -> "le putin et son lukashenko")."""
    return _ROLE_PATTERN.sub(lambda m: ROLE_ALIASES[m.group(0)], folded)


def role_mentions(text: str) -> list[str]:
    """Name keys of the people `text` designates by role ("le président russe" -> "putin")."""
    folded = re.sub(r"\s+", " ", fold(text))
    return [ROLE_ALIASES[m.group(0)] for m in _ROLE_PATTERN.finditer(folded)]


def translit_key(token: str) -> str:
    """A coarse spelling key for transliterated names: folded, "ou"->"u", "sh/ch/sch"->"s", "y"->"i",
    doubled letters single, a final "e" dropped ("Choïgou", "Shoigu" -> "soigu")."""
    key = fold(token)
    key = key.replace("sch", "s").replace("sh", "s").replace("ch", "s").replace("kh", "h")
    key = key.replace("ou", "u").replace("y", "i").replace("w", "v").replace("ck", "k").replace("c", "k")
    key = re.sub(r"(.)\1+", r"\1", key)
    if len(key) > 4 and key.endswith("e"):
        key = key[:-1]
    return key


_TRANSLIT_ALIASES: dict[str, str] = {}
_EXACT_ONLY = frozenset({"tele"})  # spelling keys that are common words too: "telle" -> "tele"
for _variant, _key in _ALIASES.items():
    if " " not in _variant and len(_variant) >= 4 and _variant not in _EXACT_ONLY:
        _TRANSLIT_ALIASES.setdefault(translit_key(_variant), _key)


def is_known_name(token: str) -> bool:
    """True if the folded token is a name of the alias map, canonical or not ("lukashenko", "loukachenko")."""
    return fold(token).strip("'.") in _ALIASES


def canonical_name(token: str) -> str:
    """The canonical key of one name token: alias map, else transliteration key of a known alias, else folded.

    Plural "s" is tried too ("Bélarussiens" -> "belarus", "Européens" -> "europe")."""
    folded = fold(token).strip("'.")
    if folded in _ALIASES:
        return _ALIASES[folded]
    translit = translit_key(folded)
    if translit in _TRANSLIT_ALIASES:
        return _TRANSLIT_ALIASES[translit]
    if folded.endswith("s") and folded[:-1] in _ALIASES:
        return _ALIASES[folded[:-1]]
    return folded


_ENGLISH_TOO = frozenset({"victor", "britain", "america"})  # variants that are English spellings in their own right
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-Ý][^\W\d_]*(?:-[A-ZÀ-Ý][^\W\d_]*)*")


def english_spelling(text: str) -> str:
    """English text with the names it copied in their French spelling put in their English one, from the
    alias map: "Poutine" -> "Putin", "Alexandre Loukachenko" -> "Alexander Lukashenko", "OTAN" -> "NATO".
    Only capitalised single words of a group whose key is a plain word; adjectives of nationality
    ("Biélorusse") and keys with a hyphen ("Etats-Unis" -> united-states) stay as they are. The support
    scorer reads both spellings as one name, so the change never changes a verdict."""
    def english(match: re.Match[str]) -> str:
        word = match.group(0)
        folded = fold(word)
        key = _ALIASES.get(folded)
        if key is None or key == folded or "-" in key or folded in DEMONYMS or folded in _ENGLISH_TOO:
            return word
        return key.upper() if word.isupper() and len(word) > 1 else key.capitalize()
    return _CAPITALISED.sub(english, text)


def spelled_as(text: str, reference: str) -> str:
    """`text` with each capitalised name spelled as `reference` spells it, when the two spellings are one name
    in the alias map ("Vladimir Putin" in a French summary of an article that writes "Poutine" -> "Poutine").
    Names the reference does not give, and adjectives of nationality, stay as they are."""
    spellings: dict[str, str] = {}
    for match in _CAPITALISED.finditer(reference):
        folded = fold(match.group(0))
        key = _ALIASES.get(folded)
        if key is not None and folded not in DEMONYMS:
            spellings.setdefault(key, match.group(0))

    def respelled(match: re.Match[str]) -> str:
        word = match.group(0)
        folded = fold(word)
        key = _ALIASES.get(folded)
        if key is None or folded in DEMONYMS or key not in spellings or fold(spellings[key]) == folded:
            return word
        return spellings[key]
    return _CAPITALISED.sub(respelled, text)


def english_person(role_or_name: str) -> str | None:
    """A speaker as an English sentence names them: a role this news gives one person becomes that person's
    name ("le président russe" -> "Putin"), a name its English spelling ("M. Loukachenko" -> "Lukashenko");
    None for a role naming no one known ("le ministre")."""
    who = re.sub(r"^(?:M\.|Mme|Mr\.|Mrs\.)\s+", "", role_or_name.strip())
    if re.match(r"(?i)(?:le|la|l['’]|the)(?:\s+|(?<=['’]))", who):
        keys = role_mentions(who)
        return keys[0].capitalize() if keys and keys[0] in PERSONS else None
    return english_spelling(who)


# --------------------------------------------------------------------------------------------------
# Numbers

_UNITS = {
    "zero": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
    "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "soixante-dix": 70,
    "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SMALL_UNITS = {
    "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4,
    "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "neuf": 9, "nine": 9,
}
_ORDINAL_WORDS = {
    "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3, "third": 3, "quatrieme": 4, "fourth": 4,
    "cinquieme": 5, "fifth": 5, "sixieme": 6, "sixth": 6, "septieme": 7, "seventh": 7, "huitieme": 8,
    "eighth": 8, "neuvieme": 9, "ninth": 9, "dixieme": 10, "tenth": 10, "onzieme": 11, "eleventh": 11,
    "douzieme": 12, "twelfth": 12, "vingtieme": 20, "twentieth": 20,
}
_SCALES = {
    "cent": 100, "cents": 100, "hundred": 100,  # after a number: "huit cents" = 800
    "mille": 1_000, "thousand": 1_000, "thousands": 1_000,
    "million": 1_000_000, "millions": 1_000_000,
    "milliard": 1_000_000_000, "milliards": 1_000_000_000, "billion": 1_000_000_000, "billions": 1_000_000_000,
    "bn": 1_000_000_000,
}


# Quantity words that say "about so many" or "many of": their base, when no number precedes them.
_MAGNITUDE_WORDS = {
    "dizaine": 10, "dizaines": 10, "douzaine": 12, "douzaines": 12, "quinzaine": 15, "vingtaine": 20,
    "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "centaines": 100,
    "millier": 1_000, "milliers": 1_000, "millions": 1_000_000, "milliards": 1_000_000_000,
    "dozen": 12, "dozens": 12, "tens": 10, "hundred": 100, "hundreds": 100, "thousand": 1_000, "thousands": 1_000,
    "million": 1_000_000, "billion": 1_000_000_000, "billions": 1_000_000_000, "milliard": 1_000_000_000,
}


def _word_number(word: str) -> int | None:
    """0-20, round tens and hyphenated compounds ("vingt-cinq", "twenty-five", "soixante-et-onze")."""
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    parts = word.replace("-et-", "-").split("-")
    for cut in range(len(parts) - 1, 0, -1):
        head, tail = "-".join(parts[:cut]), "-".join(parts[cut:])
        if head in _TENS and (tail in _SMALL_UNITS or tail in _UNITS) and (_SMALL_UNITS.get(tail) or _UNITS[tail]) < 20:
            return _TENS[head] + (_SMALL_UNITS.get(tail) or _UNITS[tail])
    return None


def canonical_number(value: Decimal) -> str:
    """Plain decimal string without exponent or trailing zeros: Decimal("1084.0") -> "1084"."""
    normal = value.normalize()
    text = format(normal, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


_DIGIT_NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:(?P<sep>[ .,])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<ord>er|re|ere|e|eme|ème|ième|ieme|è|st|nd|rd|th)?(?![\w])"
)


def _parse_digits(raw: str) -> Decimal | None:
    """"1 084" / "1,084" / "1.084" -> 1084; "1,5" / "1.5" -> 1.5; "1.084,5" -> 1084.5."""
    groups = re.fullmatch(r"(\d{1,3})((?:[ .,]\d{3})+)(?:([.,])(\d+))?", raw)
    if groups:
        seps = set(re.findall(r"[ .,]", groups.group(2)))
        if len(seps) == 1:
            integer = groups.group(1) + re.sub(r"[ .,]", "", groups.group(2))
            frac = groups.group(4)
            try:
                return Decimal(f"{integer}.{frac}" if frac else integer)
            except InvalidOperation:
                return None
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None


_APPROX_BEFORE = [
    (re.compile(r"(?:plus de|more than|over|above|au moins|at least|upwards of|in excess of|exceeding|"
                r"depass\w*(?: les| la| le)?|exceed\w*|au-dela de|beyond)\s+$"), ">"),
    (re.compile(r"(?:moins de|less than|under|fewer than|below|at most|au plus|up to|jusqu'a)\s+$"), "<"),
    (re.compile(r"(?:environ|pres de|presque|quasiment|quelque|about|around|roughly|nearly|almost|approximately"
                r"|some|circa|an estimated|approximativement|autour de)\s+$"), "~"),
]


def _approx_kind(folded_before: str) -> str | None:
    tail = folded_before[-30:]
    for pattern, kind in _APPROX_BEFORE:
        if pattern.search(tail):
            return kind
    return None


# --------------------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
# Abbreviations count only next to a day or year ("6 déc. 2024", "Dec 6").
_MONTH_ABBR = {
    "janv": 1, "jan": 1, "fev": 2, "fevr": 2, "feb": 2, "avr": 4, "apr": 4, "jun": 6, "juil": 7, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# English month names that are also common words ("may", "march") are months only when capitalised and
# next to a day or year or after a temporal preposition ("in May", "May 26"): see _is_month_token.
_WEEKDAYS = {
    "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7,
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
MONTH_NUMBERS = _MONTHS  # folded French and English month names -> 1..12, for other modules
WEEKDAY_NUMBERS = _WEEKDAYS  # folded French and English weekday names -> 1..7, for other modules
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))  # full names only, longest first
_MONTH_ALT = "|".join(sorted(list(_MONTHS) + [a + r"\.?" for a in _MONTH_ABBR], key=len, reverse=True))
_DAY = r"(?P<{name}>[0-3]?\d)(?:er|re|st|nd|rd|th)?"
YEAR = r"(?:1[89]|20)\d\d"  # a four-digit year the texts can mean (1800-2099)


# A time told relative to the text's own date ("plus tôt cette année", "by the end of the year", "last week").
RELATIVE_TIME = re.compile(
    r"(?i)\b(?:cette année|cette semaine|ce mois|l'année (?:dernière|prochaine|précédente)|l'an (?:dernier|prochain)|"
    r"la semaine (?:dernière|prochaine)|le mois (?:dernier|prochain)|hier|demain|aujourd'hui|récemment|plus tôt|"
    r"(?:d'ici |avant )?la fin de l'année|en fin d'année|"
    r"this (?:year|week|month)|last (?:year|week|month)|next (?:year|week|month)|yesterday|tomorrow|today|recently|earlier|"
    r"(?:by |before )?the end of the year|later this year|year-end|"
    r"(?:d'ici |avant )?(?:l'été|l'hiver|l'automne|le printemps)(?: prochain| dernier)?|(?:cet|ce) (?:été|hiver|automne|printemps)|"
    r"(?:by |before |this |next |last )(?:the )?(?:summer|winter|autumn|fall|spring))\b")


def years_in(text: str) -> set[str]:
    """The four-digit years (YEAR) the text names, as written."""
    return set(re.findall(rf"(?<!\d){YEAR}(?!\d)", text))


_YEAR = r"(?P<{name}>" + YEAR + ")"

# 19/12 without a year, only after a word that introduces a date ("le 19/12"; a bare "3/4" is a fraction)
_SLASH_DAY = re.compile(r"(?<![\w'])(?:le|du|au|on|since|until|by)\s+(?P<a>[0-3]?\d)/(?P<b>[01]?\d)(?![\d/]|[.,]\d|\s+(?:des?|du|d'|of)\b)")

_DATE_PATTERNS: list[re.Pattern[str]] = [
    # ISO 2024-12-06
    re.compile(r"(?<!\d)" + _YEAR.format(name="y") + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    # 06/12/2024 or 6.12.2024 (day first; month first only when the day slot is > 12, see _numeric_date)
    re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]" + _YEAR.format(name="y") + r"(?![\d/])"),
    # 26 et 27 mai 2024 / 26-27 May / 26 and 27 May
    re.compile(
        r"(?<!\d)" + _DAY.format(name="d") + r"\s*(?:et|and|-|au|to|&)\s*" + _DAY.format(name="d2")
        + r"\s+(?P<mon>" + _MONTH_ALT + r")(?:\s+" + _YEAR.format(name="y") + r")?(?![\w])"
    ),
    # May 26 and 27, 2024 / May 26-27
    re.compile(
        r"(?<![\w])(?P<mon>" + _MONTH_ALT + r")\s+" + _DAY.format(name="d") + r"\s*(?:et|and|-|&)\s*"
        + _DAY.format(name="d2") + r"(?:,?\s+" + _YEAR.format(name="y") + r")?(?![\w])"
    ),
    # 6 décembre 2024 / 6 December 2024 / 6 déc.
    re.compile(
        r"(?<!\d)" + _DAY.format(name="d") + r"\s+(?:de\s+)?(?P<mon>" + _MONTH_ALT + r")(?:,?\s+"
        + _YEAR.format(name="y") + r")?(?![\w])"
    ),
    # December 6, 2024 / December 6th / Dec. 6 2024
    re.compile(
        r"(?<![\w])(?P<mon>" + _MONTH_ALT + r")\s+" + _DAY.format(name="d") + r"(?![\d:])(?:,?\s+"
        + _YEAR.format(name="y") + r")?(?![\w])"
    ),
    # décembre 2024 / December 2024 / December of 2024
    re.compile(r"(?<![\w])(?P<mon>" + _MONTH_ALT + r")(?:,?\s+(?:of\s+|de\s+l'annee\s+)?)" + _YEAR.format(name="y") + r"(?!\d)"),
    # month alone: "en mars", "in March", "mi-octobre"
    re.compile(r"(?<![\w])(?P<mon>" + _MONTH_NAMES + r")(?![\w])"),
    _SLASH_DAY,
]

_HALF_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # a range of months that is a half or a quarter: "entre juillet et décembre 2025", "from July to December 2025"
    (re.compile(r"\b(?:entre|between|de|from)\s+(?P<m1>" + _MONTH_NAMES + r")\s+"
                r"(?:et|and|a|to|au|until|jusqu'a|through)\s+(?P<m2>" + _MONTH_NAMES + r")"
                r"(?:,?\s+|\s+de\s+l'annee\s+)" + _YEAR.format(name="y")), "RANGE"),
    (re.compile(r"\b(?:second|deuxieme|2e|2nd|seconde)\s+(?:semestre|semester|half|moitie)\s+(?:de\s+(?:l'annee\s+)?|of\s+(?:the\s+year\s+)?)?"
                + _YEAR.format(name="y")), "H2"),
    (re.compile(r"\b(?:premier|first|1er|1st)\s+(?:semestre|semester|half|moitie)\s+(?:de\s+(?:l'annee\s+)?|of\s+(?:the\s+year\s+)?)?"
                + _YEAR.format(name="y")), "H1"),
    (re.compile(r"\bh(?P<h>[12])\s+" + _YEAR.format(name="y")), "H"),
    (re.compile(_YEAR.format(name="y") + r"\s*-?\s*h(?P<h>[12])\b"), "H"),
    (re.compile(r"\b(?P<q>premier|first|1er|1st|deuxieme|second|2e|2nd|troisieme|third|3e|3rd|quatrieme|fourth|4e|4th)"
                r"\s+(?:trimestre|quarter)\s+(?:de\s+|of\s+)?" + _YEAR.format(name="y")), "Q"),
    (re.compile(r"\bq(?P<qn>[1-4])\s+" + _YEAR.format(name="y")), "Q"),
]
_RANGE_PERIODS = {(1, 6): "H1", (7, 12): "H2", (1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4"}
_QUARTER_WORDS = {
    "premier": 1, "first": 1, "1er": 1, "1st": 1, "deuxieme": 2, "second": 2, "2e": 2, "2nd": 2,
    "troisieme": 3, "third": 3, "3e": 3, "3rd": 3, "quatrieme": 4, "fourth": 4, "4e": 4, "4th": 4,
}


def _month_of(token: str) -> int | None:
    token = token.rstrip(".")
    return _MONTHS.get(token) or _MONTH_ABBR.get(token)


def valid_day(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year or 2024, month)[1]


def date_key(year: int | None, month: int | None, day: int | None) -> str:
    """"2024-12-06", "2024-12", "--12-06", "--12" from the parts a text gives."""
    y = f"{year:04d}" if year else "-"
    if month is None:
        return f"{year:04d}" if year else ""
    if day is None:
        return f"{y}-{month:02d}"
    return f"{y}-{month:02d}-{day:02d}"


def _is_month_token(original: str, folded_month: str, start: int, folded_text: str) -> bool:
    """Reject "may" the verb, "march" the verb, lowercase English abbreviations used as words."""
    bare = folded_month.rstrip(".")
    if bare in _MONTH_ABBR and bare not in _MONTHS:
        return original[:1].isupper() or bare in {"janv", "fevr", "juil", "sept"}
    if bare in {"may", "march"}:
        return original[:1].isupper() and not _sentence_initial(folded_text, start)
    return True


def _sentence_initial(folded_text: str, start: int) -> bool:
    before = folded_text[:start].rstrip(" \"'«“(")
    return not before or before[-1] in ".!?\n:"


# --------------------------------------------------------------------------------------------------
# Negation

_NEG_FR_PARTICLE = re.compile(r"(?<![\w-])(?:ne(?=\s)|n'(?=\w))")
_NEG_FR_COMPLETION = re.compile(
    r"(?<![\w-])(?:pas|plus|jamais|rien|aucun|aucune|personne|guere|point|nullement|ni|nul|nulle|nuls|nulles|nulle part)(?![\w-])"
)
_NEG_STANDALONE = re.compile(
    r"(?<![\w-])(?:aucun|aucune|jamais|sans|ni|nullement|not|never|no|none|nobody|nothing|neither|nor|"
    r"without|cannot|unable|incapables?|nowhere|no longer|(?:et|mais) non(?! seulement))(?![\w-])|n't\b"
)
_NEG_VERBS = re.compile(
    r"(?<![\w-])(?:ni(?:e|es|ent|ait|aient|er|era|eront|ant|ee|ees|és)|dement(?:i|ie|is|ies|ir|ait|aient|ent)?|"
    r"refus(?:e|es|ent|er|ait|aient|ee|ees)|rejet(?:e|ee|es|ees|er|ait|tent|te)|refut(?:e|ee|es|ees|er|ait|aient|ent)|s'abst(?:ien|enu|enir)\w*|"
    r"abstenus?|abstenues?|(?:se|s')\s*(?:(?:suis|est|sommes|sont|serait|seraient|etait|etaient|sera|seront)\s+)?gard(?:e|es|ent|er|era|erait|eront|ait|aient|ant|ee|ees)(?=\s+d(?:e\b|'))|exclu(?:e|es|s|t|ent|re|ait|aient)?|"
    r"den(?:y|ies|ied|ying|ial)|refus(?:ed|es|ing|al)|reject(?:s|ed|ing)?|refrain(?:s|ed|ing)?|dismiss(?:ed|es)?|refut(?:e|es|ed|ing)|"
    r"h(?:e|o)ld(?:s|ing)? back from|kept from|keeps? from|"
    r"rul(?:e|ed|es|ing) out|exclud(?:e|ed|es|ing)|fail(?:s|ed|ing)?(?= to\b))"
    r"(?![\w-])"
)
# Negative-looking idioms that assert something positive ("sans précédent" = unprecedented).
_NEG_IDIOMS = re.compile(
    r"sans precedent|sans doute|sans cesse|non seulement|not only|no doubt|ne serait-ce|n'importe|"
    r"no later than|pas moins de|not least|nevertheless|nonetheless|sans compter|plus ou moins|"
    r"(?:qui|that) ne (?:dit|disait) pas son nom|"  # "une guerre qui ne dit pas son nom" is an undeclared war
    # litotes: "n'ont pas manqué de fournir" says they did, "n'a pas hésité à proposer" that he proposed; the verb
    # after its auxiliary and the negation, or before the negation
    + "|".join(rf"(?<![\w-])(?:ne |n')(?:\w+ )?(?:pas|jamais) {verb}\w* {then}|(?<![\w-])(?:ne |n'){verb}\w* (?:pas|jamais) {then}"
               for verb, then in (("manqu", r"d(?:e\b|')"), ("hesit", r"a\b")))
    + r"|(?:did not|didn't|does not|doesn't|never) hesitate to\b"
    # "ne cessent de l'aggraver", "n'a cessé de répéter": they go on doing it
    + r"|(?<![\w-])(?:ne |n')(?:\w+ )?cess\w* (?:pas )?d(?:e\b|')"
)
# A negation in a word or a phrase: "une démarche dénuée de sens" is one that has none; "il est faux que" denies.
# "une première depuis sa visite en 2019" / "his first visit since 2019" say what "il n'y était plus allé depuis
# 2019" says: none since then
_NEG_LEXICAL = re.compile(r"(?<![\w-])(?:(?:denuee?s?|depourvue?s?) d(?:e\b|')|devoid of|(?:il est|c'est|it is|it's) "
                          r"(?:faux|false|untrue)(?![\w-])|(?:premiere?s?|first)(?: [\w-]+){0,4} (?:depuis|since)(?![\w-])|"
                          # kept out of the fighting: "stayed out of", "s'est tenue à l'écart"
                          r"(?:stay(?:s|ed|ing)?|kept|keeps?|keeping|remain(?:s|ed|ing)?) (?:out of|away from|on the sidelines)|"
                          r"(?:rest\w*|tenu\w*|ten(?:ir|ait|aient|ue?s?)) (?:a l'ecart|en dehors)(?![\w-]))")

# "se passer de" is the French "do without", which counts as a lack in English ("without", see
# `_drop_preposition`): the same on both sides, so "peut se passer de nous" reads as "can do without us".
_DO_WITHOUT_FR = re.compile(r"(?<![\w-])(?:se|s'|nous|vous|me|m'|te|t')\s*pass(?:er|e|es|ent|ons|ez|ait|aient|era|eront|erait|ant)"
                            r"\s+(?:d'|d(?:e|u|es)(?![\w-]))")  # "se passer d'une formation" too

# "sans"/"without" before a bare noun makes an attribute ("sans fondement" = unfounded, "without delay"), not a
# clausal negation (but "do / manage / cope without Russia" is one); before a verb ("sans envoyer", "without sending") it is one. The attribute is still
# checked against its bare word by the support scorer (`_check_negated_attributes`).
_BARE_NOUN_SANS = re.compile(r"(?<![\w-])(?<!do )(?<!does )(?<!did )(?<!doing )(?<!done )(?<!go )(?<!went )(?<!going )(?<!manage )(?<!manages )(?<!managed )(?<!live )(?<!cope )(?<!survive )(?:sans|without)\s+"
                             r"(?!(?:(?:first|prior|previously|properly|fully|prealablement|vraiment|forcement)\s+)?(?:\w+(?:er|ir|re|oir|ing))(?![\w-]))"
                             r"(?!(?:le|la|les|l|un|une|des|du|de|d|qu|que|se|s|me|te|nous|vous|en|y|a|an|the|any|doubt|cesse|pour|rien|aucun|aucune|personne|jamais|nothing|anything|anyone|"
                             r"toutefois|pourtant|cependant|meme|however|even|ever)(?![\w-]))"
                             r"[a-z]+(?![\w'-])")

# "sans"/"without" heading a noun phrase or a pronoun: matched on the unfolded text, where a name's capital shows.
_NEG_PREPOSITIONAL = re.compile(
    r"(?<![\w-])(?i:sans|without)\s+(?=(?i:l'|l’)|(?i:la|le|les|un|une|des|du|son|sa|ses|leur|leurs|notre|nos|votre|vos|"
    r"mon|ma|mes|ce|cet|cette|ces|eux|elle|elles|lui|moi|toi|nous|vous|the|a|an|his|her|its|their|our|your|my|"
    r"this|that|these|those|us|them|him|it|me|you)(?![\w-])|[A-ZÀ-Ý])"
)

_DO_FORMS = frozenset({"do", "does", "did", "doing", "done", "go", "goes", "went", "gone", "going"})


def _drop_preposition(match: re.Match[str]) -> str:
    """Blank a prepositional "sans"/"without", but keep "do without" / "go without" (doing without is a lack)."""
    before = match.string[: match.start()].split()
    return match.group(0) if before and before[-1].lower() in _DO_FORMS else " "


_QUESTION_END = re.compile(r"\?[\s\"'»”]*$")
_BARE_REPLY = re.compile(r"[\s\"'«“]*(oui|non|yes|no)\s*[!.]", re.IGNORECASE)


def bare_reply(question: str, following: str) -> str | None:
    """"yes" or "no" when `question` ends with a question mark and `following` opens with a bare
    "Oui"/"Non"/"Yes"/"No" answering it ("... sans la Russie? " + "Non!", a renchéri ..."); else None."""
    if not _QUESTION_END.search(question):
        return None
    match = _BARE_REPLY.match(following)
    if match is None:
        return None
    return "yes" if fold(match.group(1)) in ("oui", "yes") else "no"


# English "not" between a noun and its participle is an attribute, the French "non": "a war not declared" is
# "une guerre non déclarée", not a clause saying something did not happen ("the war was not declared").
_ATTRIBUTIVE_NOT = re.compile(r"(?<![\w-])((?:a|an|the|this|that|its|their|his|her)\s+[a-z]+)\s+not\s+(?:yet\s+)?([a-z]+ed)(?![\w-])")


def attributive_not(folded: str) -> str:
    """Folded text with an attributive English "not" ("a war not declared") written as "non-" ("a war non-declared")."""
    return _ATTRIBUTIVE_NOT.sub(r"\1 non-\2", folded)


# Dismissing allegations denies them: "jugé « stupides » les affirmations selon lesquelles ...", "calling the
# claims baseless". An allegation word and a dismissive word in one text act as a negative verb.
_ALLEGATION = re.compile(r"(?<![\w-])(?:allegations?|affirmations?|accusations?|rumeurs?|speculations?|claims?|"
                         r"reports?|suggestions?)(?![\w-])")
_DISMISSIVE = re.compile(r"(?<![\w-])(?:stupides?|infonde(?:e|es|s)?|sans fondement|absurdes?|ridicules?|grotesques?|"
                         r"mensong\w*|stupid|baseless|unfounded|groundless|absurd|ridiculous|nonsense|lies)(?![\w-])")


def dismisses_allegation(clause: str, folded_text: str) -> bool:
    """True if `clause` calls something baseless (stupid, unfounded ...) in a text (folded) that names an allegation:
    the clause dismisses it ("qui les a jugées « sans fondement »" after "Les affirmations selon lesquelles")."""
    return bool(_DISMISSIVE.search(fold(clause)) and _ALLEGATION.search(folded_text))


@lru_cache(maxsize=8192)  # the support judge asks it of the same claim in several checks
def is_negated(text: str) -> bool:
    """True if `text` carries a clausal negation (see the module docstring); restrictive "ne ... que" is not one."""
    folded = _NEG_IDIOMS.sub(" ", attributive_not(fold(_NEG_PREPOSITIONAL.sub(_drop_preposition, text))))
    dismissed = bool(_ALLEGATION.search(folded) and _DISMISSIVE.search(folded))
    folded = _BARE_NOUN_SANS.sub(" ", folded)
    if dismissed or _NEG_VERBS.search(folded):
        # a negative verb under a negation says the positive: "ne se sont pas abstenus", "did not deny"
        return not _plain_negation(_NEG_VERBS.sub("x", folded))  # "n'excluait pas": the elided "n'" stays a particle
    return _plain_negation(folded)


def _plain_negation(folded: str) -> bool:
    """True if folded text carries a particle or standalone negation (a negative verb aside)."""
    if _NEG_FR_PARTICLE.search(folded):
        # "ne/n' ... que" without a negative completion is "only", not a negation.
        if _NEG_FR_COMPLETION.search(folded):
            return True
        if not re.search(r"(?<![\w-])qu(?:e|')", folded):
            return True
    # "No!" as a whole answer, or "no" in "No. 5", are rare in claims; count every standalone marker.
    return bool(_NEG_STANDALONE.search(folded) or _DO_WITHOUT_FR.search(folded) or _NEG_LEXICAL.search(folded))


# --------------------------------------------------------------------------------------------------
# Extraction


def name_runs(text: str) -> list[tuple[str, ...]]:
    """Runs of consecutive capitalised name tokens, each token put through `canonical_name`.

    A token counts if it starts with a capital (or is an all-capitals acronym) and, at a sentence start
    or in an all-capitals line, is not a stopword and is either a known alias or not all-capitals
    prose. Multi-word aliases ("États-Unis", "United States", "Union européenne") become one token."""
    runs: list[tuple[str, ...]] = []
    for sentence in split_sentences(text):
        letters = [c for c in sentence if c.isalpha()]
        shouting = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 12
        current: list[str] = []
        tokens = list(re.finditer(r"[^\W_]+(?:[-'][^\W_]+)*(?:\.[A-Z]\.)?", clean(sentence)))
        folded_sentence = fold(sentence)
        multi = _multiword_spans(folded_sentence)
        index = 0
        first = True
        previous_end = 0
        cleaned_sentence = clean(sentence)
        while index < len(tokens):
            match = tokens[index]
            start = match.start()
            if current and cleaned_sentence[previous_end:start].strip():
                runs.append(tuple(current))  # punctuation between two names ends the run
                current = []
            previous_end = match.end()
            span = next((s for s in multi if start <= s[0] < match.end()), None)
            if span is not None:
                current.append(span[2])
                while index < len(tokens) and tokens[index].start() < span[1]:
                    previous_end = tokens[index].end()
                    index += 1
                first = False
                continue
            raw = match.group(0)
            # Split elided articles: "l'Ukraine" -> "Ukraine", "d'Alexandre" -> "Alexandre".
            elided = re.match(r"^(?:[lLdDjJmMnNsScCqQ]u?)'(.+)$", raw)
            if elided:
                raw = elided.group(1)
            token = re.sub(r"'s?$", "", raw)
            key = _name_key(token, first, shouting)
            if key is not None and first and _opens_like_participle(token, cleaned_sentence[match.end():]):
                key = None  # "Réunis dans la capitale, les deux dirigeants ..."
            first = False
            index += 1
            if key is None:
                if current:
                    runs.append(tuple(current))
                    current = []
                continue
            current.append(key)
        if current:
            runs.append(tuple(current))
    return runs


def _multiword_spans(folded_sentence: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for alias in _MULTIWORD_ALIASES:
        for match in re.finditer(r"(?<![\w])" + re.escape(alias) + r"(?![\w])", folded_sentence):
            if not any(s[0] <= match.start() < s[1] for s in spans):
                spans.append((match.start(), match.end(), _ALIASES[alias]))
    return spans


def _name_key(token: str, sentence_start: bool, shouting: bool) -> str | None:
    """The canonical key if `token` is a name, else None."""
    if not token or not token[0].isupper() or token[0].isdigit():
        # Digit-led model names ("S-400") are not names; letter-led ones ("Su-25") are.
        return None
    folded = fold(token)
    is_acronym = token.isupper() and len(token) >= 2
    known = folded in _ALIASES or (folded.endswith("s") and folded[:-1] in _ALIASES)
    if folded in _WEEKDAYS or folded in _MONTHS or folded.rstrip(".") in _MONTH_ABBR:
        return None
    if re.fullmatch(r"[hq][1-4]", folded):
        return None
    if (folded in _STOPWORDS or folded.split("-")[0] in _STOPWORDS or folded in _TITLE_WORDS) and not known:
        return None
    if shouting and not known and not (is_acronym and len(token) <= 5):
        return None
    if sentence_start and not known and not is_acronym and (folded in _common_words() or not _looks_like_name(folded)
                                                           or re.search(r"é(?:e|es|s)?$", token)):  # "Coincé", "Situées"
        return None
    if len(folded) < 2 and not known:
        return None
    if "-" in folded and folded.split("-")[0] in _WORD_PREFIXES and not known:
        return None  # "Ex-république soviétique, ..." opens a sentence; it names nothing
    return canonical_name(token)


_PARTICIPLE_END = re.compile(r"(?:is|ies|us|ues|it|ite|ites|ts|tes)$")
_AFTER_PARTICIPLE = re.compile(r"\s*(?:,|(?:dans|a|à|en|par|sur|pour|avec|de|d'|depuis|chez|lors|au|aux|sous|entre)\s)")


def _opens_like_participle(token: str, rest: str) -> bool:
    """True if a sentence-opening word reads as a French participle ("Réunis", "Partis", "Construite") because a
    comma or a preposition follows it ("Réunis dans la capitale, ..."); a known name ("Paris à l'aube") stays."""
    folded = fold(token)
    after = _AFTER_PARTICIPLE.match(rest)
    if _PARTICIPLE_END.search(folded) is None or folded in _ALIASES or after is None:
        return False
    return after.group(0).strip() != "," or len(folded) >= 6  # "Louis, le maire, ..." is a name


# a hyphenated word starting with one of these is a common word with a prefix, never a name
_WORD_PREFIXES = frozenset({"ex", "anti", "pro", "post", "pre", "neo", "non", "semi", "demi", "mi", "quasi", "co", "vice", "sous"})


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Common French and English words, folded (common_words.txt beside this module): a capitalised one at a
    sentence start ("Beaucoup", "Placé") is not a name unless it is a known alias ("France")."""
    path = Path(__file__).with_name("common_words.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _looks_like_name(folded: str) -> bool:
    """A sentence-initial capitalised word that is not a stopword: treat it as a name unless it carries a
    common French/English word ending (adverbs, participles, abstract nouns)."""
    return not re.search(r"(?:ment|ments|tion|tions|sion|ement|ly|ing|ed|ait|aient|ant|ent|ez|ons|ons|ees?|ite|ites)$", folded)


_SPLIT_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3}), (\d{3})(?![\d,.]| \d)")


def join_split_thousands(text: str, known: Callable[[], set[str]]) -> str:
    """"1, 084 km" -> "1,084 km" (English) or "1 084 km": a small model sometimes writes a thousands
    separator followed by a space. Joined only when the whole number is one the sources give (`known()`, as
    `extract_facts` keys, asked for only when the text has such a number) and so a list ("1, 084") the
    sources support stays as written."""
    def join(match: re.Match[str]) -> str:
        whole = match.group(1) + match.group(2)
        numbers = known()
        if canonical_number(Decimal(whole)) not in numbers or {match.group(1), match.group(2).lstrip("0") or "0"} <= numbers:
            return match.group(0)
        separator = "," if detect_language(text, default="en") == "en" else " "
        return f"{match.group(1)}{separator}{match.group(2)}"

    return _SPLIT_THOUSANDS.sub(join, text)


def extract_facts(text: str, lang: str | None = None) -> Facts:
    """Numbers, dates, entities and negation of `text` (see the module docstring for every format).

    `lang` ("fr", "en" or None) only decides ambiguous slash dates: "06/12/2024" is 6 December unless
    `lang` is "en" (then June 12); a date valid one way only ("12/25/2024") is read that way."""
    cleaned = clean(text)
    folded = fold(cleaned)
    dates, consumed, date_numbers = _extract_dates(cleaned, folded, lang)
    numbers, approx = _extract_numbers(folded, consumed)
    numbers |= date_numbers
    magnitudes = _extract_magnitudes(folded)
    entities: set[str] = set()
    runs = name_runs(cleaned)
    runs += [(name,) for name in role_mentions(cleaned) if not any(name in run for run in runs)]
    for run in runs:
        entities.update(run)
    return Facts(
        numbers=frozenset(numbers),
        dates=frozenset(dates),
        entities=frozenset(entities),
        negated=is_negated(cleaned),
        approx=frozenset(approx),
        names=tuple(runs),
        magnitudes=frozenset(magnitudes),
    )


def _extract_magnitudes(folded: str) -> set[str]:
    """The order of magnitude of each quantity phrase not preceded by a number: the product of its bases
    ("des dizaines de milliers" -> "10000", "une dizaine" -> "10", "several hundred" -> "100"; "1,5 million"
    and "two hundred" are numbers, so give none)."""
    found: set[str] = set()
    pending: int | None = None
    last_end = -1
    for m in re.finditer(r"(?<![\w'])([a-z]+)(?![\w])", folded):
        base = _MAGNITUDE_WORDS.get(m.group(1))
        if base is None:
            if pending is not None and m.group(1) not in ("de", "d", "of"):
                found.add(str(pending))
                pending = None
            continue
        if pending is not None and re.fullmatch(r"\s*(?:de|d'|of)?\s*", folded[last_end:m.start()]):
            pending *= base  # "dizaines de milliers": one phrase
            last_end = m.end()
            continue
        if pending is not None:
            found.add(str(pending))
            pending = None
        previous = re.search(r"([\w-]+)\s*$", folded[:m.start()])
        if previous and (previous.group(1)[-1].isdigit() or _word_number(previous.group(1)) is not None):
            continue
        pending, last_end = base, m.end()
    if pending is not None:
        found.add(str(pending))
    return found


def _extract_dates(cleaned: str, folded: str, lang: str | None) -> tuple[set[str], list[tuple[int, int]], set[str]]:
    """Dates, the character spans whose day numbers they consumed, and the years they mention."""
    dates: set[str] = set()
    consumed: list[tuple[int, int]] = []
    years: set[str] = set()
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in taken)

    for pattern, kind in _HALF_PATTERNS:
        for m in pattern.finditer(folded):
            if overlaps(m.start(), m.end()):
                continue
            year = m.group("y")
            if kind == "RANGE":
                span = _RANGE_PERIODS.get((_MONTHS[m.group("m1")], _MONTHS[m.group("m2")]))
                if span is None:
                    continue  # any other range: its months are read one by one
                dates.add(f"{year}-{span}")
            elif kind == "H":
                dates.add(f"{year}-H{m.group('h')}")
            elif kind == "Q":
                quarter = int(m.group("qn")) if "qn" in m.groupdict() and m.group("qn") else _QUARTER_WORDS[m.group("q")]
                dates.add(f"{year}-Q{quarter}")
            else:
                dates.add(f"{year}-{kind}")
            years.add(year)
            taken.append((m.start(), m.end()))
            consumed.append((m.start(), m.end() - 4))  # the ordinal word/number is not a count

    for index, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(folded):
            if overlaps(m.start(), m.end()):
                continue
            groups = m.groupdict()
            year = int(groups["y"]) if groups.get("y") else None
            if index == 0:
                month, days = int(groups["m"]), [int(groups["d"])]
            elif index == 1 or pattern is _SLASH_DAY:
                a, b = int(groups["a"]), int(groups["b"])
                # day first (French and most of the world); month first for "en" when both readings are
                # valid; whichever reading is valid when only one is ("12/25/2024")
                if (lang == "en" and a <= 12 and b <= 12) or (b > 12 and a <= 12):
                    a, b = b, a
                month, days = b, [a]
            else:
                mon_folded = groups["mon"]
                mon_start = m.start("mon")
                original = cleaned[mon_start : mon_start + len(mon_folded)]
                if not _is_month_token(original, mon_folded, mon_start, folded):
                    continue
                month_value = _month_of(mon_folded)
                if month_value is None:
                    continue
                bare = mon_folded.rstrip(".")
                if bare in _MONTH_ABBR and bare not in _MONTHS and not (groups.get("d") or groups.get("y")):
                    continue
                month = month_value
                days = [int(groups[k]) for k in ("d", "d2") if groups.get(k)]
                if index == 7 and bare in {"may", "march"}:
                    # a bare "May"/"March" is a month only after a temporal preposition
                    if not re.search(r"(?:in|since|until|by|early|late|mid|of|from|through|during|en|depuis|d'ici|fin|debut|mi)[\s-]+$", folded[: m.start()][-12:]):
                        continue
            valid_days = [d for d in days if valid_day(d, month, year)]
            if days and not valid_days:
                continue
            if not 1 <= month <= 12:
                continue
            if valid_days:
                for day in valid_days:
                    dates.add(date_key(year, month, day))
            else:
                dates.add(date_key(year, month, None) if year else f"--{month:02d}")
            if year:
                years.add(str(year))
            taken.append((m.start(), m.end()))
            consumed.append((m.start(), m.end()))

    for m in re.finditer(r"(?<![\w])(" + "|".join(_WEEKDAYS) + r")s?(?![\w])", folded):
        dates.add(f"weekday:{WEEKDAY_NAMES[_WEEKDAYS[m.group(1)] - 1]}")
    return dates, consumed, years


def _extract_numbers(folded: str, consumed: list[tuple[int, int]]) -> tuple[set[str], set[tuple[str, str]]]:
    numbers: set[str] = set()
    approx: set[tuple[str, str]] = set()

    def in_date(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in consumed)

    def add(value: Decimal, start: int, end: int) -> None:
        # a following scale word multiplies: "1,5 milliard", "10 million"
        # ... and so does each scale word after it: "huit cent mille"
        while (scale := re.match(r"\s*(?:de\s+)?([a-z]+)", folded[end:end + 14])) and scale.group(1) in _SCALES:
            value = value * _SCALES[scale.group(1)]
            end += scale.end()
        key = canonical_number(value)
        numbers.add(key)
        kind = _approx_kind(folded[:start])
        if kind:
            approx.add((key, kind))

    for m in _DIGIT_NUMBER.finditer(folded):
        raw = m.group("num")
        # a digit group glued to letters ("S-400", "Su-25") still counts as a number
        if in_date(m.start(), m.end()):
            year = re.fullmatch(YEAR, raw)
            if not year:
                continue
        value = _parse_digits(raw)
        if value is None:
            continue
        # "11:53" times and "+01:00" offsets: keep the numbers, they are harmless and rarely claimed
        add(value, m.start(), m.end())

    for m in re.finditer(r"(?<![\w'])([a-z]+(?:-(?:et-)?[a-z]+)*)(?![\w])", folded):
        word = m.group(1)
        if in_date(m.start(), m.end()):
            continue
        value = _word_number(word)
        if value is None:
            # "trente-deux" is caught above; "deux-trois" or other hyphenations: try the first part
            head = word.split("-")[0]
            value = _word_number(head) if head in _UNITS or head in _ORDINAL_WORDS else None
        if value is None:
            continue
        add(Decimal(value), m.start(), m.end())
    return numbers, approx
