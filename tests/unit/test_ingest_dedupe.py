"""Identity hashes and near-duplicate detection, on the seed articles."""

from __future__ import annotations

import hashlib
import random
from itertools import combinations
from pathlib import Path

import pytest

from rag.ingest.dedupe import article_id, content_hash, jaccard, near_duplicates, normalise_for_identity, shingles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TEXTS = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}

# the same wire story, lightly reworded: a few words changed and a sentence added
EDITS = {
    "000": [("vendredi", "jeudi"), ("dix autres documents", "onze autres documents"), ("a ajouté Loukachenko", "a précisé Loukachenko")],
    "001": [("Le mois dernier", "En novembre"), ("proches alliés", "alliés de longue date"), ("surprise", "éclair")],
    "002": [("deux jours", "trois jours"), ("vital", "essentiel"), ("des dizaines de milliers", "des milliers")],
    "003": [("jeudi", "mercredi"), ("agressive", "offensive"), ("à plusieurs reprises", "plusieurs fois")],
    "004": [("Ce lundi", "Lundi"), ("très basses", "glaciales"), ("stupides", "absurdes")],
}
ADDED = "\nLe Kremlin n'a pas souhaité commenter ces informations dans l'immédiat, a indiqué un porte-parole."


def reworded(prefix: str) -> str:
    text = SEED_TEXTS[prefix]
    for old, new in EDITS[prefix]:
        assert old in text
        text = text.replace(old, new, 1)
    return text + ADDED


# --- identity --------------------------------------------------------------------------------------


def test_normalise_for_identity_unifies_variants() -> None:
    a = "L’accord  « Non ! » — signé\u00a0à MINSK\n"
    b = "l'accord \"non!\" - signé à minsk"
    assert normalise_for_identity(a) == normalise_for_identity(b) == 'l\'accord"non!"- signé à minsk'
    assert normalise_for_identity("ﬁn\u200b du ﬁlm") == "fin du film"  # NFKC ligatures, zero-width space
    assert normalise_for_identity("Straße") == "strasse"  # casefold, not just lower


def test_article_id_is_16_hex_of_the_normalised_sha256() -> None:
    assert article_id("  ABC ") == hashlib.sha256(b"abc").hexdigest()[:16]
    assert article_id(SEED_TEXTS["000"]) == article_id(SEED_TEXTS["000"].replace("'", "’").upper())
    assert len({article_id(t) for t in SEED_TEXTS.values()}) == 5


def test_content_hash_is_the_exact_text_sha256() -> None:
    assert content_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert content_hash("Abc") != content_hash("abc")
    assert len(content_hash(SEED_TEXTS["000"])) == 64


def test_shingles_and_jaccard() -> None:
    assert shingles("Un deux trois quatre") == frozenset({"un deux trois", "deux trois quatre"})
    assert shingles("Court texte") == frozenset({"court texte"})
    assert shingles("  ") == frozenset()
    assert jaccard(frozenset({"a", "b"}), frozenset({"b", "c"})) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset()) == 0.0


# --- near-duplicates -------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", sorted(SEED_TEXTS))
def test_reworded_wire_story_is_a_near_duplicate(prefix: str) -> None:
    texts = {**SEED_TEXTS, f"{prefix}-reworded": reworded(prefix)}
    pairs = near_duplicates(texts, threshold=0.8)
    assert [(a, b) for a, b, _ in pairs] == [(prefix, f"{prefix}-reworded")]
    expected = jaccard(shingles(SEED_TEXTS[prefix]), shingles(texts[f"{prefix}-reworded"]))
    assert pairs[0][2] == round(expected, 4)
    assert 0.8 <= pairs[0][2] < 1.0


def test_distinct_articles_on_the_same_topic_are_not_near_duplicates() -> None:
    assert near_duplicates(SEED_TEXTS, threshold=0.8) == []
    for a, b in combinations(SEED_TEXTS, 2):  # the five seeds all cover Russia and Belarus
        assert jaccard(shingles(SEED_TEXTS[a]), shingles(SEED_TEXTS[b])) < 0.1


def test_low_thresholds_compare_every_pair() -> None:
    pairs = near_duplicates(SEED_TEXTS, threshold=0.0)
    assert len(pairs) == 10
    assert pairs[0][:2] == ("000", "001")  # highest overlap of the seeds (about 0.036)
    assert all(score < 0.1 for _, _, score in pairs)


def test_exact_copies_score_one_and_empty_texts_are_ignored() -> None:
    texts = {"b": SEED_TEXTS["002"], "a": SEED_TEXTS["002"], "empty": "", "blank": "  \n", "other": SEED_TEXTS["003"]}
    assert near_duplicates(texts) == [("b", "a", 1.0)]  # order follows the dict, not the ids


def test_results_are_sorted_and_deterministic() -> None:
    texts = {**SEED_TEXTS, "004-r": reworded("004"), "000-copy": SEED_TEXTS["000"], "002-r": reworded("002")}
    first = near_duplicates(texts)
    assert first == near_duplicates(dict(texts))
    assert first[0] == ("000", "000-copy", 1.0)
    assert {p[:2] for p in first[1:]} == {("002", "002-r"), ("004", "004-r")}
    assert [s for _, _, s in first] == sorted((s for _, _, s in first), reverse=True)


def test_many_unrelated_articles_yield_no_pairs_and_one_planted_duplicate_is_found() -> None:
    rng = random.Random(3)
    vocabulary = sorted({w for t in SEED_TEXTS.values() for w in t.split()})
    texts = {f"doc{i:03d}": " ".join(rng.choice(vocabulary) for _ in range(300)) for i in range(300)}
    words = texts["doc123"].split()
    words[100:103] = ["remplacé", "ici", "aussi"]
    texts["copy"] = " ".join(words)
    pairs = near_duplicates(texts)
    assert [p[:2] for p in pairs] == [("doc123", "copy")]
    assert 0.9 < pairs[0][2] < 1.0
