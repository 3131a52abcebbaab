"""Citation markers: parse them out of a model's answer and resolve them to exact spans.

The model writes markers like `[2]`, `[2, 5]`, `[2][5]` or `[Source 2]` after its sentences. Parsing
splits the answer into sentences, attaches each marker to the sentence it ends (a marker at the start of
the next sentence, after the full stop, belongs to the previous one), and removes markers that point to
no numbered source: they are never shown. Words that only point at a marker ("According to [1], ...",
"..., as stated in [2].") go with it, so nothing dangles once markers end their sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.sentences import split_sentences

_MARKER = re.compile(r"\s*\[(?:(?:source|sources|src|passage|phrase)\s*)?(\d+(?:\s*[,;]\s*\d+)*)\]", re.IGNORECASE)


# words that only point at a marker ("According to [1], ...", "..., as stated in [2].", "Selon [3], ..."): once the
# marker moves to the end of its sentence they would dangle ("According to, before ..."), so they go with it
_POINTING = re.compile(
    r"(?i)\b(?:according to|as (?:stated|indicated|mentioned|reported|said|shown) in|see|selon|d'après|d’après|"
    r"comme (?:indiqué|mentionné|dit|le dit)(?: dans)?|voir)\s+(?:(?:the|l'|l’|la|le)\s*)?"
    r"(?:(?:source|sources|article|passage|phrase|sentence)s?\s*)?(?=\[\s*(?:source\s*)?\d)")


def strip_markers(text: str) -> str:
    """The text with every citation marker (in any of the forms above) replaced by a space."""
    return _MARKER.sub(" ", text)


@dataclass
class ParsedSentence:
    text: str  # without markers
    markers: list[int] = field(default_factory=list)


def parse_answer(answer: str, valid: set[int]) -> list[ParsedSentence]:
    """Split into sentences, each with the valid markers that follow it, in order, without repeats."""
    # Move markers that directly follow a full stop to before it, so splitting keeps them with their sentence.
    text = re.sub(r"([.!?])((?:\s*\[[^\]]{1,20}\])+)", r"\2\1", answer.strip())
    parsed = []
    for sentence in split_sentences(text):
        markers: list[int] = []
        for match in _MARKER.finditer(sentence):
            for number in re.split(r"\s*[,;]\s*", match.group(1)):
                value = int(number)
                if value in valid and value not in markers:
                    markers.append(value)
        clean = _MARKER.sub("", _POINTING.sub("", sentence)).strip().lstrip(",;: ")
        clean = re.sub(r"\s+([.!?,;:])", r"\1", clean)
        clean = re.sub(r"[,;:]+([.!?])$", r"\1", clean)
        clean = clean[:1].upper() + clean[1:]
        if clean:
            parsed.append(ParsedSentence(clean, markers))
    return parsed


def render(sentences: list[tuple[str, list[int]]]) -> str:
    """Sentences with their markers placed before the final punctuation: 'It happened in 2025 [1].'"""
    out = []
    for text, markers in sentences:
        tag = "".join(f"[{m}]" for m in markers)
        if text and text[-1] not in ".!?…\"»”":
            text += "."
        if tag and text and text[-1] in ".!?":
            out.append(f"{text[:-1]} {tag}{text[-1]}")
        elif tag:
            out.append(f"{text} {tag}")
        else:
            out.append(text)
    return " ".join(out)
