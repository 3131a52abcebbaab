"""Article identity and near-duplicate detection.

Identity: `article_id` hashes a normalised form of the text, so the same article saved with other quote
marks, spacing or letter case gets the same id. `content_hash` hashes the exact cleaned text, so any
edit changes it.

Near-duplicates (the same wire story lightly reworded): MinHash over word 3-shingles finds candidate
pairs with LSH banding (32 bands of 4 rows, so pairs at Jaccard 0.8 collide in a band with probability
above 0.999), then each candidate pair is scored with the exact Jaccard of its shingle sets. The score
is therefore the true shingle Jaccard, never a noisy estimate, and the work stays near-linear in the
number of articles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from itertools import combinations

import numpy as np

SHINGLE_WORDS = 3
NUM_PERM = 128
BANDS = 32
LSH_MIN_THRESHOLD = 0.5  # below this, every pair is compared exactly (quadratic, but correct)
_ROWS = NUM_PERM // BANDS
_MERSENNE = (1 << 31) - 1  # prime; (a * x + b) stays below 2**62, so uint64 never overflows
_rng = np.random.default_rng(20241206)  # fixed seed: the permutations, hence the results, are deterministic
_PERM_A = _rng.integers(1, _MERSENNE, size=(NUM_PERM, 1), dtype=np.uint64)
_PERM_B = _rng.integers(0, _MERSENNE, size=(NUM_PERM, 1), dtype=np.uint64)

_VARIANTS = str.maketrans(
    {
        "\u2019": "'",  # ’
        "\u2018": "'",  # ‘
        "\u201b": "'",  # ‛
        "\u02bc": "'",  # ʼ
        "\u00b4": "'",  # ´
        "`": "'",
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2033": '"',  # ″
        "\u2010": "-",  # ‐
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # –
        "\u2014": "-",  # —
        "\u2212": "-",  # minus sign
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u2060": None,  # word joiner
        "\ufeff": None,  # BOM / zero-width no-break space
    }
)
_SPACE_AROUND_QUOTE = re.compile(r'\s*"\s*')
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)])")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalise_for_identity(text: str) -> str:
    """Casefold, NFKC, unify quote/apostrophe/dash variants, drop French spacing around quotes and
    before punctuation, and collapse whitespace: `« Non ! »` and `"non!"` normalise alike."""
    out = unicodedata.normalize("NFKC", text).casefold().translate(_VARIANTS)
    out = _SPACE_AROUND_QUOTE.sub('"', out)
    out = _SPACE_BEFORE_PUNCT.sub(r"\1", out)
    return _SPACES.sub(" ", out).strip()


def article_id(text: str) -> str:
    """First 16 hex characters of the sha256 of `normalise_for_identity(text)`."""
    return hashlib.sha256(normalise_for_identity(text).encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    """Full sha256 hex digest of the exact (cleaned) text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Word `size`-grams of the identity-normalised text; a text shorter than `size` words is one shingle."""
    words = _WORD.findall(normalise_for_identity(text))
    if not words:
        return frozenset()
    if len(words) <= size:
        return frozenset({" ".join(words)})
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0.0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def minhash_signature(shingle_set: frozenset[str]) -> np.ndarray:
    """NUM_PERM minimum hashes under fixed universal permutations (a*x + b) mod (2**31 - 1)."""
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little") % _MERSENNE for s in shingle_set),
        dtype=np.uint64,
        count=len(shingle_set),
    )
    return np.asarray(((_PERM_A * hashes[np.newaxis, :] + _PERM_B) % _MERSENNE).min(axis=1), dtype=np.uint64)


def near_duplicates(texts: dict[str, str], threshold: float = 0.8) -> list[tuple[str, str, float]]:
    """Pairs `(id_a, id_b, jaccard)` whose word-3-shingle Jaccard is at or above `threshold`.

    `id_a` comes before `id_b` in `texts`' order; the list is sorted by descending score, then by that
    order. Empty texts are never reported. Scores are rounded to 4 decimals. Thresholds below
    LSH_MIN_THRESHOLD compare every pair (exact but quadratic).
    """
    ids = list(texts)
    order = {key: i for i, key in enumerate(ids)}
    sets = {key: shingles(texts[key]) for key in ids}
    live = [key for key in ids if sets[key]]
    buckets: defaultdict[tuple[int, bytes], list[str]] = defaultdict(list)
    for key in live:
        signature = minhash_signature(sets[key])
        for band in range(BANDS):
            buckets[(band, signature[band * _ROWS : (band + 1) * _ROWS].tobytes())].append(key)
    candidates: set[tuple[str, str]] = set()
    if threshold < LSH_MIN_THRESHOLD:  # banding would miss such dissimilar pairs: compare them all
        candidates.update(combinations(live, 2))
    for members in buckets.values():
        for a, b in combinations(members, 2):
            candidates.add((a, b) if order[a] < order[b] else (b, a))
    pairs = []
    for a, b in candidates:
        score = jaccard(sets[a], sets[b])
        if score >= threshold:
            pairs.append((a, b, round(score, 4)))
    pairs.sort(key=lambda p: (-p[2], order[p[0]], order[p[1]]))
    return pairs
