"""Actions a passage only plans, asks for, allows or makes conditional, which a claim states as done.

"Un bloc militaire devrait organiser des exercices" does not say the bloc organised them; "Loukachenko a
invité Poutine à déployer de nouveaux systèmes" does not say Putin deployed them; "s'ils décidaient de les
déployer" does not say anyone decided. The support judge's check (j) reads each text as a sequence of
tokens cut at punctuation and finds, for every content word, whether a governing word comes before it:
a modal or a possibility (pourrait, devrait, peuvent, could, should ...), a request (invité à, demandé de,
urged ...), a plan or a wish (envisage de, prévoit de, veut, intends ...), a decision (décidé de), or a
condition ("si" with an imperfect: "s'ils décidaient", "if"). Between the governing word and the word
it governs only function words, pronouns, names, auxiliaries and manner adverbs may come ("a invité Poutine à
déployer", "have been"), and a governed word governs the next in turn ("décidaient de les déployer"); a
governed verb (a French infinitive, or the word after an English modal) passes it to its object ("devrait
organiser des exercices": no exercises were held). In a claim, a verb in the conditional hedges the clause's
words before it ("un déploiement supposerait une formation").

The check fails when a word the claim states freely (no governing word before it in the claim) occurs
in the passage only governed: "has deployed" against "a invité ... à déployer". A word the claim makes a
decision ("a décidé de déployer") fails the same way when the passage only governs it by a weaker word (a
request, a wish, a possibility). A negated claim (a denial) says no more than the doubt and is left alone.
Words are compared by their content key (`key`: folded, stemmed, cut), so French and English cognates meet
("déployer" / "deployed").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.answer.normalise import MONTH_NUMBERS, WEEKDAY_NUMBERS, fold, is_negated

# a future or conditional auxiliary governs its participle ("sera achevé", "serait venu") and no more: in a claim,
# "ne seraient formés qu'après leur déploiement" hedges the training, not the deployment
_FUTURE_AUXILIARY = re.compile(r"sera|seront|serons|serait|seraient|aura|auront|aurait|auraient")
_CONDITIONAL_AUXILIARY = frozenset({"serait", "seraient", "aurait", "auraient"})
# governing words, by strength; a decision is stronger than the others
_DECISION = re.compile(r"decid\w*|decision|resolu\w*|ordonn\w*|ordered")
_WEAK = re.compile(
    r"pourr\w*|peut|peuvent|pouvons|pouvez|pouvoir|pouvait|pouvaient|devr\w*|could|might|should|would|can|cannot"
    r"|possibilit\w*|possibles?|eventuel\w*|probables?|susceptibles?"
    r"|invit\w*|demand\w*|appel\w*|exhort\w*|urg\w*|ask\w*|propos\w*|sugger\w*|suggest\w*|offr\w*|offer\w*"
    r"|envisag\w*|prevo\w*|planned|planning|projet\w*|intend\w*|intention|veut|veulent|voulait|voulaient"
    r"|souhait\w*|want\w*|wish\w*|esper\w*|hope\w*|pret|prete|prets|pretes|ready|tent\w*|tried|try|trying|attempt\w*"
    r"|dispose|disposee|disposes|disposees|willing|expected|expect|expects|scheduled|prevu|prevue|prevus|prevues"
    r"|devait|devaient|doit|doivent|will|shall|going|pretend\w*|alleg\w*|supposed\w*|cense|censee|censes|censees|reportedly|" + _FUTURE_AUXILIARY.pattern +
    r"|if|unless|whether")
# what else keeps a claim from stating a thing as done, anywhere before it in its clause: "en cas de
# déploiement", "à condition que", "pour déployer", "il faudrait", "si ces missiles étaient déployés"
_CLAIM_WEAK = re.compile(r"si|s|cas|case|condition|conditions|pour|afin|faudrait|faut|devait|devaient|doit|doivent|must|were|necessaire|necessary"
                         r"|affirm\w*|claim\w*|assert\w*|said|says|say|stated|dit|disait"
                         r"|oppos\w*|refus\w*|rejet\w*|reject\w*")
# "L'Ukraine affirmait contrôler", "Ukraine said it controlled" keep "prétendait contrôler" a claim; "s'est opposé à ce
# que l'État construise" states no building
# an announcement named as a thing tells what was announced, not that it was done: "l'annonce de sa participation à
# des manœuvres" (a claim's "a annoncé avoir signé" still says it was signed)
_ANNOUNCEMENT = frozenset({"annonce", "annonces", "announcement", "announcements"})
# words that govern as verbs but not as nouns after an article: "à la demande de son président" asks nothing
_NOUN_TOO = re.compile(r"demand\w*|appel\w*|offr\w*|offer\w*|projet\w*|souhait\w*|tent\w*|propos\w*")
_ARTICLES = frozenset("la le les l une un des du sa son ses leur leurs the an his her its their".split())  # not "a": "a demandé"
# "si" governs only a condition: with an imperfect ("s'ils décidaient"), not a concession ("si les pays ont fourni")
_IF = frozenset({"si", "s"})
_IMPERFECT = re.compile(r"\w+(?:ait|aient|ions|iez)")
# a claim clause's subject before a verb in the conditional mood is what would be: "un déploiement supposerait
# une formation", "deployment would require training" (what follows the verb is read as usual: "ne seraient
# formés qu'après leur déploiement" states the deployment). Read before folding: the imperfect of
# "espérer" ("espérait") keeps its accent, the conditional of "déclarer" ("déclarerait") has none; "-urait" and
# "-irait" are left out ("assurait", "tirait" are imperfects), and so are nouns ("retrait", "portrait")
_CONDITIONAL = re.compile(r"(?i)(?<![\w'’-])(?:\w*(?:erai|drai|vrai|rrai|ttrai|aurai|uirai|aitrai)(?:t|ent)|would)(?![\w-])")
# what may stand between a governing word and the word it governs
_BETWEEN = frozenset("""a à au aux de d du des le la les l lui leur leurs y en se s me m nous vous ils elles il elle on
    to the a an them it him her their its be been being have has had etre ete avoir eu d'abord abord deja already
    first also aussi then ensuite encore still bientot rapidement soon quickly""".split())
# manner adverbs stand between too ("pourrait officiellement rejoindre"): they state no action of their own, and
# their keys meet unrelated words of the other language ("officiellement" / "officials")
_ADVERB = re.compile(r"\w{3,}(?:ellement|iquement|ivement|eusement|airement|ablement|iblement|ierement|emment|amment|"
                     r"ally|ously|ively|ently|antly|ably|ibly|fully|edly|ingly)")
# speech verbs: after "a déclaré que", "a ajouté que", a French conditional is the future of the past, not a doubt
_SPEECH = re.compile(r"declar\w*|dit|annonc\w*|affirm\w*|assur\w*|expliqu\w*|estim\w*|indiqu\w*|precis\w*|ajout\w*"
                     r"|soulign\w*|promis|jur\w*|repet\w*|rappel\w*")
_INFINITIVE = re.compile(r"\w{3,}(?:er|ir)|\w*(?:prendre|mettre|faire|dire|duire|truire|joindre|eindre|aindre|endre|ondre"
                         r"|suivre|vivre|battre|croire|ecrire|naitre|paraitre|connaitre)")
# "aller" before an infinitive makes a future: "l'armée allait prendre part", "Moscou va déployer"
_GO = frozenset("va vont allait allaient ira iront irait iraient".split())
_MODAL = re.compile(r"could|might|should|would|may|can|will")
# months and days say when, not what: "doit se rendre en Ouzbékistan les 26 et 27 mai" plans the journey, not May
_WHEN = frozenset(MONTH_NUMBERS) | frozenset(WEEKDAY_NUMBERS)
WINDOW = 6  # tokens a governing word reaches over, function words and names included

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*|[.,;:!?«»\"“”()]")


@dataclass(frozen=True)
class _Use:
    key: str
    governor: str | None  # "decision", "weak" or None (stated freely)


def _reflexive(tokens: list[str], index: int) -> bool:
    """True if the token is an elided reflexive "s'" ("s'est achevée"), not the "si" of "s'il", "s'ils"."""
    return tokens[index] == "s" and tokens[index + 1:index + 2] not in (["il"], ["ils"])


def _strength(tokens: list[str], index: int) -> str | None:
    token = tokens[index]
    if token in _IF:
        if _reflexive(tokens, index):
            return None  # "s'était rendu", not "s'ils décidaient"
        return "weak" if any(_IMPERFECT.fullmatch(t) for t in tokens[index + 1:index + 4]) else None
    if token in _GO:  # "allait prendre part", "va déployer": a future, when an infinitive follows
        following = next((t for t in tokens[index + 1:index + 4] if t not in _BETWEEN), "")
        return "weak" if _INFINITIVE.fullmatch(following) else None
    if _NOUN_TOO.fullmatch(token) and index and tokens[index - 1] in _ARTICLES:
        return None
    return "decision" if _DECISION.fullmatch(token) else "weak" if _WEAK.fullmatch(token) else None


def _uses(text: str, key: Callable[[str], str], function_words: frozenset[str], claim: bool = False) -> list[_Use]:
    """Each content word of the text with the strength of the word governing it, if any. In a claim, a
    doubt anywhere before a word in its clause (`_CLAIM_WEAK`, or any weak governing word) governs it too:
    the claim may phrase a condition its own way."""
    raw = text.replace("’", "'")
    capitalised = {fold(w) for w in re.findall(r"\b[A-ZÀ-Ý][\w-]+", raw)}  # names stand between, like pronouns
    tokens = _TOKEN.findall(fold(raw).replace("'", " "))
    # a verb in the conditional is itself only possible, in a passage ("Cela étendrait la capacité") as in a claim
    in_conditional = {fold(w) for w in _CONDITIONAL.findall(raw)}
    conditional = in_conditional if claim else set()
    uses: list[_Use] = []
    pending: str | None = None  # the strength of the governing word waiting for its word
    distance = 0
    doubted = False  # a claim's clause so far holds a doubt
    ahead = _conditional_ahead(tokens, 0, conditional)  # ... or a verb in the conditional comes later in it
    reported = False  # the sentence so far reports speech ("a déclaré que"): its conditional is a future in the past
    for index, token in enumerate(tokens):
        if token in (".", "!", "?"):
            reported = False
        elif token in ("que", "qu") and index and _SPEECH.fullmatch(tokens[index - 1]):
            reported = True
        if not token[0].isalnum():
            pending, distance, doubted = None, 0, False
            ahead = _conditional_ahead(tokens, index + 1, conditional)
            continue
        if token in conditional:
            ahead = _conditional_ahead(tokens, index + 1, conditional)
        strength = _strength(tokens, index)
        if reported and not claim and token in _CONDITIONAL_AUXILIARY:
            strength = None  # "a déclaré que la coopération serait renforcée": what he said will be
        doubted = doubted or (claim and ((strength == "weak" and not _FUTURE_AUXILIARY.fullmatch(token))
                                         or (bool(_CLAIM_WEAK.fullmatch(token)) and not _reflexive(tokens, index))
                                         or (token in _ANNOUNCEMENT and index > 0 and tokens[index - 1] in _ARTICLES)))
        content = (token not in function_words and token not in _BETWEEN and token not in capitalised
                   and len(token) > 1 and not token.isdigit() and not _ADVERB.fullmatch(token) and token not in _WHEN)
        if content:
            own_mood = token in in_conditional and (claim or not reported)
            uses.append(_Use(key(token), "weak" if doubted or ahead or own_mood else pending))
            # a governing word passes its own governance on: "s'ils décidaient de les déployer" decides nothing;
            # a governed verb passes it to its object: "devrait organiser des exercices" says no exercises were
            # held ("could hold exercises" the same), "a décidé d'envoyer des chars" decides the tanks
            if strength:
                pending = "weak" if pending == "weak" else strength
            elif claim and token in in_conditional:
                pending = "weak"  # a claim's verb in the conditional passes its doubt to its object: "participerait à des tournois"
            elif not (pending and index and (_INFINITIVE.fullmatch(token) or _MODAL.fullmatch(tokens[index - 1]))):
                pending = None
            distance = 0
        elif strength:
            pending, distance = strength, 0
        elif pending is not None:
            distance += 1
            if distance > WINDOW:
                pending = None
    return uses


def _conditional_ahead(tokens: list[str], start: int, conditional: set[str]) -> bool:
    """True if the clause opening at `start` (up to the next punctuation token) holds one of the
    `conditional` verbs."""
    for token in tokens[start:]:
        if not token[0].isalnum():
            return False
        if token in conditional:
            return True
    return False


# a French verb in two words, as one: "allait prendre part à des manœuvres" plans the manoeuvres as "allait participer à
# des manœuvres" does (the object of "prendre" is "part"), and "a participé" states what "allait prendre part" planned
TWO_WORD_VERB = re.compile(r"(?i)(?<![\w-])(prendre|prend|prennent|prenait|prenaient|pris|prenant) part(?![\w-])")
_ONE_WORD = {"prendre": "participer", "prend": "participe", "prennent": "participent", "prenait": "participait",
             "prenaient": "participaient", "pris": "participé", "prenant": "participant"}


def one_verb(text: str) -> str:
    """`text` with each French verb in two words (`TWO_WORD_VERB`) written as one: "pris part" -> "participé"."""
    return TWO_WORD_VERB.sub(lambda match: _ONE_WORD[match.group(1).lower()], text)


def governance(passage: str, key: Callable[[str], str], function_words: frozenset[str]) -> dict[str, set[str | None]]:
    """Each content key of the passage with the strengths governing its uses (None: stated freely somewhere)."""
    governed: dict[str, set[str | None]] = {}
    for use in _uses(passage, key, function_words):
        governed.setdefault(use.key, set()).add(use.governor)
    return governed


def unasserted(claim: str, governed: dict[str, set[str | None]], key: Callable[[str], str],
               function_words: frozenset[str]) -> list[str]:
    """Reasons the claim states as done (or decided) what the passage only governs (`governance` of the
    passage; see the module docstring)."""
    if is_negated(claim):
        return []
    reasons = []
    for use in _uses(claim, key, function_words, claim=True):
        told = governed.get(use.key)
        if not told or None in told or (use.governor == "weak"):
            continue  # the passage states it freely somewhere, or never names it, or the claim hedges too
        if use.governor is None:
            reasons.append(f"the passage only plans, asks for or allows {use.key!r}; the claim says it is done")
        elif use.governor == "decision" and "decision" not in told:
            reasons.append(f"the passage only asks for or allows {use.key!r}; the claim says it was decided")
    return list(dict.fromkeys(reasons))


# the reverse: a claim that puts under a plan or a modal ("are expected to sign", "devaient signer") a verb the
# passage states done with an auxiliary ("ont signé", "has signed"), which the passage does not plan itself
_PLANNED_VERB = re.compile(r"(?<![\w-])(?:expected to|due to|set to|scheduled to|planned to|plans to|devrai\w*|pourrai\w*|could|"
                           r"(?:la |the )?possibilit(?:e|y) (?:de|d'|of)|"
                           r"might|may|should|will|va|vont|doit|doivent|devait|devaient|prevoi\w*|envisag\w*)\s+(?:\w+\s+)??"
                           r"(?:be\s+|etre\s+)?([a-z]{3,})")
_DONE_VERB = re.compile(r"(?<![\w-])(?:ont|a|avait|avaient|had|has|have|ete)\s+(?:\w+\s+)??([a-z]{3,})"
                        r"(?:(?:\s+\w+){0,2}?\s+(?:un|une|le|la|les|l|des|an|the)\s+([a-z]{3,}))?")  # and what: "ont signé jeudi un accord"


def planned_what_was_done(claim: str, passage: str, key: Callable[[str], str]) -> list[str]:
    """Reasons the claim makes only planned or possible what the passage states done, the act or its object:
    "Putin and Lukashenko are expected to sign an agreement", "n'en étaient qu'à envisager un accord" against
    "ont signé un accord". A negated claim is left alone."""
    if is_negated(claim):
        return []
    claimed, told = fold(claim), fold(passage)
    planned = {key(m.group(1)) for m in _PLANNED_VERB.finditer(claimed)}
    done = ({key(word) for m in _DONE_VERB.finditer(told) for word in m.groups() if word}
            - {key(m.group(1)) for m in _PLANNED_VERB.finditer(told)})
    return [f"the passage says {k!r} was done; the claim says it is only planned or possible" for k in sorted(planned & done)]
