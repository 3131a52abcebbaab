"""Quoted and reported speech in news sentences: what is a quotation, who is said to have said it, and the words.

News put much of a story in its people's mouths: '"Ce sont eux (les pays occidentaux) qui ont provoqué la
tragédie d'aujourd'hui ...", a-t-il affirmé.' Restated without its speaker, a quotation becomes the article's
own claim; translated, a speaker's exact words are lost. This module finds them:

- `quotation_shares(text, spans)`: for each sentence span, the share of its letters inside quotation marks.
  Marks are tracked line by line (a paragraph): « » “ ” open and close, a straight '"' toggles; a quotation
  left open at the end of a sentence continues into the next one of the same line.
- `is_speech_tag(sentence)`: the sentence only says who spoke ("a-t-il affirmé.", "a indiqué le président
  russe.", "he said."): it starts in lower case with a speech verb among its first three words.
- `is_speech(sentence, share)`: the sentence gives what someone said: a quotation, a reported clause, "Selon X,"
  first, or a speech tag after the statement.
- `attributes(text)`: the text says someone said, thinks or claims it (a speech verb, "selon", "according
  to" ...).
- `own_words(sentence)`: the words a speaker is given: the quotation the sentence opens on, goes on with or
  closes; else the speech verb and the clause it reports ("a également assuré que la Russie "n'a pas
  intérêt" à absorber la Biélorussie"; with its verb, since "a démenti que ..." reports what is denied), up
  to the first comma outside quotation marks; else, for a sentence opening on "Selon X," and quoting nothing,
  the sentence; else the longest quoted passage of two words or more; else None.
"""

from __future__ import annotations

import re

from rag.types import Span

QUOTATION_SHARE = 0.6  # a sentence with this share of its letters inside quotation marks is a quotation

_OPEN = "«“„"
_CLOSE = "»”"

# speech and stance verbs, French (past participles and present forms) and English, as whole words
_SPEECH_FR = (r"dit|dire|dis|disant|déclar\w*|affirm\w*|assur[ée]s?|assurant|indiqu\w*|précis[ée]\w*|précisant|"
              r"expliqu\w*|ajout\w*|soulign\w*|estim\w*|jug[ée]\w*|jugeant|accus\w*|dénonc\w*|annonc\w*|averti\w*|"
              r"prévenu|prévient|insist\w*|martel\w*|clam\w*|renchér\w*|répliqu\w*|répét\w*|admis|admet\w*|"
              r"promis|promet\w*|prétend\w*|assén\w*|sout(?:enu|ient)|fait valoir|fait savoir|écrit|démenti\w*|"
              r"dément\w*|nié|nie|niant|confirm\w*|réaffirm\w*|évoqu\w*|propos[ée]\w*|proposant|suggér\w*|mentionn\w*")
_SPEECH_EN = (r"say|says|said|saying|tell|tells|told|state[sd]?|stating|declare[sd]?|declaring|claim(?:s|ed|ing)?|"
              r"add(?:s|ed)|explain(?:s|ed)|stress(?:es|ed)|insist(?:s|ed)|warn(?:s|ed)|argue[sd]?|arguing|"
              r"accuse[sd]?|accusing|blame[sd]?|blaming|announce[sd]?|call(?:s|ed)|describe[sd]?|promise[sd]?|"
              r"assure[sd]?|note[sd]?|insisting|repl(?:y|ies|ied)|quot(?:e|es|ed|ing)|wrote|write[sd]?|"
              r"believe[sd]?|think[s]?|thought|propose[sd]?|proposing|suggest(?:s|ed|ing)?|mention(?:s|ed|ing)?|"
              r"raise[sd]? the (?:possibility|prospect|idea)|evoke[sd]?|floated")
_SPEECH = re.compile(rf"(?i)(?<![\w'’-])(?:{_SPEECH_FR}|{_SPEECH_EN})(?![\w'’-])")
_ATTRIBUTION = re.compile(rf"(?i)(?<![\w'’-])(?:selon|d['’]après|according to|in the words of|{_SPEECH_FR}|{_SPEECH_EN})(?![\w'’-])")
_TAG_START = re.compile(r"^\W*(?:[a-zà-ÿ][\w'’-]*\s+){0,2}[a-zà-ÿ][\w'’-]*")
# a speech verb and the clause it reports: "a déclaré que ...", "a assuré que ...", "said that ..."
_REPORTED = re.compile(rf"(?i)(?<![\w'’-])(?:(?:a|ont|avait|avaient|has|have|had)\s+(?:[a-zà-ÿ]+\s+)??)?"
                       rf"(?:{_SPEECH_FR}|{_SPEECH_EN})\s+(?:que\s+|qu['’]|that\s+)")
# "Selon M. Loukachenko, ...", "D'après lui, ...", "According to Shoigu, ..." at the start of a sentence
_SOURCE_FIRST = re.compile(r"(?i)^\W*(?:selon|d['’]après|according to)\s")
# a speech tag after the quotation or the statement: '..., a indiqué Serguei Choigu.', '", a-t-il déclaré.',
# '..., he said.', '..., said Peskov.'
_TAG_AFTER = re.compile(rf"(?i)[,»”\"]\s*(?:(?:a|ont|avait|avaient)(?:-t-(?:il|elle|on|ils|elles))?\s+(?:[a-zà-ÿ]+\s+)?"
                        rf"(?:{_SPEECH_FR})|(?:he|she|they|it|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})\s+(?:{_SPEECH_EN})"
                        rf"|(?:{_SPEECH_EN})\s+[A-Z])(?![\w'’-])")
_QUOTED = re.compile(r"[«“„\"]\s*([^«»“”„\"]+?)\s*[»”\"]")


def quotation_shares(text: str, spans: list[Span]) -> list[float]:
    """For each span of `text`, the share of its letters inside quotation marks (see the module docstring)."""
    inside = _inside_marks(text)
    shares = []
    for span in spans:
        letters = [i for i in range(span.start, span.end) if text[i].isalpha()]
        shares.append(sum(inside[i] for i in letters) / len(letters) if letters else 0.0)
    return shares


def _inside_marks(text: str) -> list[bool]:
    """Per character: inside quotation marks, tracked line by line."""
    flags = [False] * len(text)
    quoted = False
    for i, char in enumerate(text):
        if char == "\n":
            quoted = False
        elif char in _OPEN:
            quoted = True
        elif char in _CLOSE:
            quoted = False
        elif char == '"':
            quoted = not quoted
        else:
            flags[i] = quoted
    return flags


def opens_quotation(sentence: str) -> bool:
    """True if the sentence starts with an opening quotation mark."""
    return sentence.lstrip()[:1] in _OPEN + '"'


def is_speech_tag(sentence: str) -> bool:
    """True if the sentence only says who spoke (see the module docstring)."""
    text = sentence.strip()
    opening = _TAG_START.match(text)
    return bool(opening and len(re.findall(r"\w+", text)) <= 12 and _SPEECH.search(opening.group(0)))


def is_speech(sentence: str, share: float = 0.0) -> bool:
    """True if the sentence gives what someone said rather than what happened: a quotation (`share` of its
    letters inside quotation marks at least QUOTATION_SHARE), a clause reported after a speech verb, a
    sentence opening on "Selon X," / "According to X,", or a statement followed by a speech tag."""
    return (share >= QUOTATION_SHARE or bool(_REPORTED.search(sentence) or _SOURCE_FIRST.match(sentence)
                                              or _TAG_AFTER.search(sentence)))


def attributes(text: str) -> bool:
    """True if the text attributes what it says to someone (a speech verb, "selon", "according to" ...)."""
    return bool(_ATTRIBUTION.search(text))


def own_words(sentence: str) -> str | None:
    """The words the sentence gives a speaker, or None (see the module docstring)."""
    passages = [m for m in _QUOTED.finditer(sentence) if len(m.group(1).split()) >= 2]
    opened = re.match(r"^\s*[«“„\"]\s*([^«»“”„\"]+)$", sentence)  # a quotation that goes on after this sentence
    if opened:
        return opened.group(1).strip(" ,.;:")
    if passages and passages[0].start() == len(sentence) - len(sentence.lstrip()):  # it opens on its quotation
        return passages[0].group(1).strip(" ,.;:")
    closed = re.match(r"^\s*([^«»“”„\"]+)[»”\"]", sentence)  # the end of a quotation opened before this sentence
    if closed and _closes_first(sentence) and len(closed.group(1).split()) >= 2:
        return closed.group(1).strip(" ,.;:")
    reported = _REPORTED.search(sentence)
    if reported:  # with its verb: what "a démenti que ..." reports is denied
        clause = _until_comma_outside_quotes(sentence[reported.end():]).strip(" .;:")
        if len(clause.split()) >= 3:
            return sentence[reported.start():reported.end()] + clause
    if _SOURCE_FIRST.match(sentence) and not passages:  # "Selon M. Loukachenko, ...": the sentence is the claim
        return sentence.strip().rstrip(".")
    return max((m.group(1).strip(" ,.;:") for m in passages), key=len, default=None)


# who spoke: "Selon M. Loukachenko, ..."; '..., a déclaré Vladimir Poutine dans son discours'; "a indiqué le
# président russe."; "Alexandre Loukachenko a ajouté que ..."; "..., said Dmitry Peskov."
_NAME = r"[A-ZÀ-Ý][\w'’-]+(?:\s+(?:[A-ZÀ-Ý][\w'’-]+|de|du|von|bin))*"
_ROLE = (r"(?:[Ll]e|[Ll]a|[Ll]['’]|[Tt]he)\s*(?:président|présidente|dirigeant|dirigeante|ministre|porte-parole|chef|premier ministre|"
         r"maître du Kremlin|president|leader|minister|spokesman|spokeswoman|head)(?:\s+[a-zà-ÿ-]+){0,3}?")
_SPEAKER = f"(?:(?:M\\.|Mme|Mr\\.|Mrs\\.)\\s+)?{_NAME}|{_ROLE}"
_SPEAKER_FIRST = re.compile(rf"^\W*(?:[Ss]elon|[Dd]['’]après|[Aa]ccording to)\s+(?P<who>{_SPEAKER})\s*,")
_SPEAKER_AFTER = re.compile(rf"(?:(?:a|ont|avait)(?:-t-(?:il|elle))?\s+(?:[a-zà-ÿ]+\s+){{0,2}}?(?:{_SPEECH_FR})|(?:{_SPEECH_EN}))"
                            rf"\s+(?:pour sa part\s+|à son tour\s+)?(?P<who>{_SPEAKER})(?=\s*(?:[.,;:!?]|$|\s+(?:dans|lors|au|à|en|devant|in|at|on|to)\b))")
_SPEAKER_BEFORE = re.compile(rf"(?:^|,\s*)(?P<who>{_SPEAKER}),?\s+(?:a|ont|avait)\s+(?:[a-zà-ÿ]+\s+){{0,2}}?(?:{_SPEECH_FR})\s+(?:que|qu['’])"
                             rf"|(?:^|,\s*)(?P<en>{_NAME})\s+(?:{_SPEECH_EN})\s+that\b")


def source_first(sentence: str) -> tuple[str, str] | None:
    """(who, the rest) of a sentence opening on its source ("Selon M. Loukachenko, la Biélorussie ..." ->
    ("M. Loukachenko", "la Biélorussie ...")), or None: no source first, or a pronoun ("Selon lui,")."""
    match = _SPEAKER_FIRST.match(sentence)
    if match is None or match.group("who").split()[0].lower() in _NOT_SPEAKERS:
        return None
    rest = sentence[match.end():].strip()
    return (match.group("who").strip(), rest) if rest else None


def speaker(sentences: list[str]) -> str | None:
    """Who the sentences say spoke, as they name them ("M. Loukachenko", "le président russe"), or None: in
    each sentence, a speech tag naming its subject after the verb, else a subject before a verb that reports a
    clause, else a source first ("Selon X,"); the last sentence that names one wins (a tag follows its
    quotation). A pronoun names no one."""
    found = None
    for sentence in sentences:
        text = sentence.strip()
        for pattern in (_SPEAKER_AFTER, _SPEAKER_BEFORE, _SPEAKER_FIRST):
            match = pattern.search(text)
            if match:
                who = match.groupdict().get("who") or match.groupdict().get("en")
                if who and who.split()[0].lower() not in _NOT_SPEAKERS:
                    found = who.strip()
                    break
    return found


_NOT_SPEAKERS = {"lui", "elle", "eux", "him", "her", "them", "il", "ils", "he", "she", "they", "l'accord", "cela", "ce", "ceci",
                 "lors", "plus", "depuis", "malgré", "cependant", "au", "en", "dans"}


def _closes_first(sentence: str) -> bool:
    """True if the first quotation mark of the sentence closes a quotation opened before it: a » or ”, or
    a straight '"' when the sentence has an odd number of them."""
    first = next((c for c in sentence if c in _OPEN + _CLOSE + '"'), "")
    return first in _CLOSE or (first == '"' and sentence.count('"') % 2 == 1)


def _until_comma_outside_quotes(text: str) -> str:
    inside = _inside_marks(text)
    return text[:next((i for i, char in enumerate(text) if char in ",;" and not inside[i]), len(text))]
