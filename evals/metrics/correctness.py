"""Answer correctness: required phrases (`must_include_match`) and closeness to a reference answer
(`reference_similarity`), plus the text normalisation every string-matching metric shares.

Normalisation (`normalise_answer`), applied to both sides before any comparison:

1. Unicode NFKC; ligatures spelt out ("œ" -> "oe", "æ" -> "ae").
2. Number formats: a number written with thousands groups loses its separators when every group
   after the first has exactly three digits and all separators are the same character (space,
   no-break space, thin space, comma or dot): "1 084", "1 084", "1,084", "1.084" -> "1084";
   "12 500 000" -> "12500000". "1,5", "2024, 500" and "11.30" are not grouped numbers.
3. Casefold, then strip accents (NFKD, drop combining marks): "Biélorussie" -> "bielorussie".
   Ordinal suffixes on digits go: "25th", "25e", "1er", "2nd", "3ème" -> "25", "25", "1", "2", "3",
   so a required "25" matches "the 25th anniversary" and "le 25e anniversaire".
4. Tokenise into runs of letters and digits; everything else (apostrophes, quotes, dashes,
   punctuation, whitespace) separates tokens, so "l’Ukraine" and "l'Ukraine" both give
   "l ukraine", and "1,5" and "1.5" both give "1 5".
5. Join the tokens with single spaces.

`contains_normalised` then asks whether the needle's token sequence occurs contiguously in the
haystack's (DPR's `has_answer`): "mars" does not match inside "Marseille", nor "No" inside "not".
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

import numpy as np

__all__ = ["contains_normalised", "must_include_match", "normalise_answer", "reference_similarity"]

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
# A grouped number: 1-3 leading digits, then one or more (separator + exactly 3 digits), with the
# same separator throughout, not glued to further digits ("1,0845") or to an irregular group
# ("1,084,5"); a different separator after it is a decimal mark ("1 084,5" -> "1084,5").
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3})([ \u00a0\u202f\u2009,.])\d{3}(?:\2\d{3})*(?!\d)(?!\2\d)")
_TOKEN = re.compile(r"[^\W_]+")
_ORDINAL = re.compile(r"(?<![\w])(\d+)(?:st|nd|rd|th|er|re|ere|eme|ieme|e)(?![\w])")


def _ungroup(match: re.Match[str]) -> str:
    return match.group(0).replace(match.group(2), "")


def normalise_answer(text: str) -> str:
    """`text` reduced for matching (steps in the module docstring): "Le 6 Décembre, 1 084 soldats"
    -> "le 6 decembre 1084 soldats"."""
    text = unicodedata.normalize("NFKC", text).translate(_LIGATURES)
    # NFKC turns no-break spaces into plain spaces; keep grouping on the result.
    text = _GROUPED.sub(_ungroup, text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _ORDINAL.sub(r"\1", text)
    return " ".join(_TOKEN.findall(text))


def contains_normalised(haystack: str, needle: str) -> bool:
    """True when the normalised tokens of `needle` occur as a contiguous run in those of `haystack`.
    A needle with no tokens (empty, or punctuation only) matches nothing."""
    small = normalise_answer(needle)
    if not small:
        return False
    return f" {small} " in f" {normalise_answer(haystack)} "


def must_include_match(answer: str, groups: list[list[str]]) -> bool:
    """True when every group has at least one alternative contained in `answer` (normalised, see
    `contains_normalised`). Alternatives spell out other languages and phrasings ("6 décembre",
    "December 6"); the normalisation only unifies case, accents, punctuation and number formats.
    No groups at all: True (nothing is required). A group with no alternatives: ValueError."""
    if any(not group for group in groups):
        raise ValueError("a must_include group has no alternatives: give at least one phrase per group")
    return all(any(contains_normalised(answer, alternative) for alternative in group) for group in groups)


def reference_similarity(
    answer: str,
    reference: str,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> float:
    """How close `answer` is to `reference`.

    Without `embed`: SQuAD token F1 over the normalised tokens (`normalise_answer`):
    common = multiset intersection of the two token lists; precision = common / answer tokens,
    recall = common / reference tokens, F1 = 2PR / (P + R), 0 when nothing is shared.
    With `embed` (texts -> one row vector per text): cosine similarity of the two rows.
    NaN when the reference has no tokens (nothing to compare with) or an embedding is all zeros.
    """
    if embed is not None:
        if not reference.strip():
            return math.nan
        vectors = np.asarray(embed([answer, reference]), dtype=float)
        if vectors.shape[0] != 2:
            raise ValueError(f"embed returned {vectors.shape[0]} vectors for 2 texts")
        a, b = vectors[0], vectors[1]
        norms = float(np.linalg.norm(a) * np.linalg.norm(b))
        return math.nan if norms == 0.0 else float(np.dot(a, b) / norms)
    ref_tokens = normalise_answer(reference).split()
    if not ref_tokens:
        return math.nan
    answer_tokens = normalise_answer(answer).split()
    common = sum((Counter(answer_tokens) & Counter(ref_tokens)).values())
    if common == 0:
        return 0.0
    precision = common / len(answer_tokens)
    recall = common / len(ref_tokens)
    return 2 * precision * recall / (precision + recall)
