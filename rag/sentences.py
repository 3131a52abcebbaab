"""French-aware (and English-safe) sentence splitting that returns character spans.

A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or brackets) followed by white space and
a character that can open a sentence, or at a line break. Not an end: abbreviations ("M.", "Mme.",
"Dr.", "etc." before a lower-case word), single-letter initials ("V. Poutine"), and decimal or grouped
numbers ("1.5", "1 084").
"""

from __future__ import annotations

import re

from rag.types import Span

_ABBREVIATIONS = {
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "mgr", "gén", "gen", "col", "cdt", "lt",
    "av", "apr", "j.-c", "cf", "p", "pp", "vol", "no", "n°", "env", "etc", "ex", "fig", "mr", "mrs", "ms",
    "prof", "sr", "jr", "vs", "inc", "ltd", "co", "corp", "jan", "janv", "fév", "févr", "déc", "oct", "nov",
    "sept", "u.s", "e.g", "i.e",
}
_END = re.compile(r"([.!?…]+)([\"'»”’)\]]*)(\s+)")
_OPENERS = re.compile(r"[\"'«“‘(\[A-ZÀ-ÖØ-Þ0-9—–-]")
_BULLET = re.compile(r"[*•·▪◦‣]\s+|-\s+(?=\S)")  # a list item's marker is not part of its sentence


def _is_abbreviation(text: str, dot_index: int) -> bool:
    start = dot_index
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in ".-°"):
        start -= 1
    word = text[start:dot_index].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "V. Poutine"
        return True
    return word in _ABBREVIATIONS


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the sentences in text[start:end], leading/trailing white space and list markers ("* ", "• ") excluded."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for line_start, line_end in _lines(text, start, end):
        cursor = line_start
        for match in _END.finditer(text, line_start, line_end):
            punct_start = match.start(1)
            following = match.end(3)
            if following >= line_end:
                continue
            if not _OPENERS.match(text, following):
                continue
            if text[punct_start] == "." and match.group(1) == "." and _is_abbreviation(text, punct_start):
                continue
            _append(spans, text, cursor, match.end(2))
            cursor = following
        _append(spans, text, cursor, line_end)
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines = []
    cursor = start
    while cursor < end:
        newline = text.find("\n", cursor, end)
        stop = end if newline == -1 else newline
        lines.append((cursor, stop))
        cursor = stop + 1
    return lines


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    if bullet := _BULLET.match(text, start, end):
        start = bullet.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def split_sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in sentence_spans(text)]


def paragraph_sentence_spans(text: str) -> list[list[Span]]:
    """The sentences of each non-empty line (paragraph) of text, as spans into text."""
    paragraphs: list[list[Span]] = []
    cursor = 0
    for line in text.split("\n"):
        spans = sentence_spans(text, cursor, cursor + len(line))
        if spans:
            paragraphs.append(spans)
        cursor += len(line) + 1
    return paragraphs
