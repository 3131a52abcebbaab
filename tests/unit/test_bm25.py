from __future__ import annotations

import json
import math
import random
import statistics
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from rag.retrieval.bm25 import BM25Index, IndexCorrupt


def split(text: str) -> list[str]:
    return text.split()


def toy() -> BM25Index:
    """N = 3, lengths 3, 2, 1, so avgdl = 2."""
    index = BM25Index(analyser=split)
    index.add(["A", "B", "C"], ["chat chat chien", "chat souris", "oiseau"])
    return index


def test_scores_match_the_okapi_formula_by_hand() -> None:
    k1, b, avgdl = 1.2, 0.75, 2.0
    # "chat": df = 2, idf = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln(1.6)
    idf_chat = math.log(1.6)
    a = idf_chat * 2 * (k1 + 1) / (2 + k1 * (1 - b + b * 3 / avgdl))  # tf 2, |A| = 3: 0.47000 * 4.4 / 3.65
    b_ = idf_chat * 1 * (k1 + 1) / (1 + k1 * (1 - b + b * 2 / avgdl))  # tf 1, |B| = avgdl: exactly idf
    assert a == pytest.approx(0.5665797174469143, abs=1e-12)
    assert b_ == pytest.approx(0.47000362924573563, abs=1e-12)
    assert toy().search("chat", k=10) == [("A", pytest.approx(a, abs=1e-12)), ("B", pytest.approx(b_, abs=1e-12))]

    # "oiseau": df = 1, idf = ln(1 + 2.5 / 1.5) = ln(8/3); |C| = 1: 2.2 / (1 + 1.2 * 0.625)
    c = math.log(8 / 3) * 2.2 / 1.75
    assert c == pytest.approx(1.233042489500456, abs=1e-12)
    result = toy().search("oiseau chat", k=10)
    assert [doc_id for doc_id, _ in result] == ["C", "A", "B"]
    assert [score for _, score in result] == pytest.approx([c, a, b_], abs=1e-12)


def test_search_edge_cases() -> None:
    index = toy()
    assert index.search("chat", k=1) == [("A", pytest.approx(0.5665797174469143))]
    assert index.search("chat", k=0) == []
    assert index.search("baleine", k=5) == []  # unknown term: only scores > 0 are returned
    assert index.search("", k=5) == []
    assert BM25Index(analyser=split).search("chat", k=5) == []
    assert index.search("chat chat chat", k=5) == index.search("chat", k=5)  # a query term counts once


def test_ties_go_to_the_smaller_id() -> None:
    index = BM25Index(analyser=split)
    index.add(["z", "b", "m", "a"], ["mot", "mot", "autre", "mot"])
    assert [doc_id for doc_id, _ in index.search("mot", k=10)] == ["a", "b", "z"]
    assert [doc_id for doc_id, _ in index.search("mot", k=2)] == ["a", "b"]


def test_allowed_filters_results_but_not_statistics() -> None:
    index = toy()
    full = dict(index.search("chat oiseau", k=10))
    assert index.search("chat oiseau", k=10, allowed={"B", "C"}) == [("C", full["C"]), ("B", full["B"])]
    assert index.search("chat", k=10, allowed={"C", "unknown"}) == []
    assert index.search("chat", k=10, allowed=set()) == []


def test_default_analyser_matches_french_inflections() -> None:
    index = BM25Index()
    index.add(
        ["minsk", "kyiv"],
        ["La Russie et le Bélarus ont signé l'accord à Minsk.", "L'Ukraine a déployé des défenses aériennes."],
    )
    assert [d for d, _ in index.search("Belarus accords", k=5)] == ["minsk"]
    assert [d for d, _ in index.search("déploiement", k=5)] == ["kyiv"]
    assert index.search("le la les", k=5) == []


def test_remove_gives_exactly_a_fresh_index_of_the_rest() -> None:
    index = toy()
    index.remove(["B", "missing"])
    fresh = BM25Index(analyser=split)
    fresh.add(["A", "C"], ["chat chat chien", "oiseau"])
    assert len(index) == 2 and index.ids() == ["A", "C"] and "B" not in index
    for query in ["chat", "oiseau", "chat oiseau chien", "souris"]:
        assert index.search(query, k=10) == fresh.search(query, k=10)
    # By hand: N = 2, avgdl = 2, "chat" now has df = 1, so idf = ln(1 + 1.5 / 1.5) = ln 2.
    assert index.search("chat", k=10) == [("A", pytest.approx(math.log(2) * 4.4 / 3.65, abs=1e-12))]


def test_add_replaces_an_existing_id() -> None:
    index = toy()
    index.add(["A"], ["souris"])
    fresh = BM25Index(analyser=split)
    fresh.add(["B", "C", "A"], ["chat souris", "oiseau", "souris"])
    assert len(index) == 3 and index.ids() == ["B", "C", "A"]
    for query in ["chat", "souris", "chien", "oiseau souris"]:
        assert index.search(query, k=10) == fresh.search(query, k=10)
    assert index.search("chien", k=10) == []
    # The same id twice in one batch: the later text wins.
    twice = BM25Index(analyser=split)
    twice.add(["x", "x"], ["chat", "chien"])
    assert len(twice) == 1 and twice.search("chat", k=5) == [] and [d for d, _ in twice.search("chien", k=5)] == ["x"]


def _corpus(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(40)]
    # Some documents also carry a rare word, so removals leave terms with no live posting.
    return [
        " ".join(rng.choices(words, weights=range(40, 0, -1), k=rng.randint(0, 12)) + [f"rare{i}"] * (i % 5 == 0))
        for i in range(n)
    ]


def test_interleaved_adds_removes_and_searches_equal_a_rebuild() -> None:
    """Exercises the new-documents segment, its merges and tombstone compaction against a fresh build."""
    rng = random.Random(11)
    texts = _corpus(3, 400)
    index = BM25Index(analyser=split)
    live: dict[str, str] = {}
    queries = ["w0", "w1 w7 rare5", "w39 w2 w5 rare10 rare15", "w12 w13 w14 w15 w16", "rare20 rare25 rare30 w3"]
    for step in range(60):
        batch = [f"d{rng.randrange(150)}" for _ in range(rng.randint(1, 8))]
        batch_texts = [texts[rng.randrange(len(texts))] for _ in batch]
        index.add(batch, batch_texts)
        live.update(zip(batch, batch_texts, strict=True))
        if step % 3 == 0:
            gone = rng.sample(sorted(live), k=min(len(live), rng.randint(0, 6)))
            index.remove(gone)
            for doc_id in gone:
                del live[doc_id]
        if step % 4 == 0:
            index.search(queries[step % len(queries)], k=5)  # forces segment work mid-way
    fresh = BM25Index(analyser=split)
    fresh.add(list(live), list(live.values()))
    assert len(index) == len(live) and sorted(index.ids()) == sorted(live)
    for query in queries:
        assert index.search(query, k=1000) == fresh.search(query, k=1000)
        assert index.search(query, k=7, allowed=set(list(live)[::2])) == fresh.search(query, k=7, allowed=set(list(live)[::2]))


def test_concurrent_adds_and_searches_end_as_a_rebuild() -> None:
    texts = _corpus(5, 200)
    index = BM25Index(analyser=split)

    def writer(worker: int) -> None:
        for batch in range(10):
            ids = [f"t{worker}-{batch}-{j}" for j in range(5)]
            index.add(ids, [texts[(worker * 50 + batch * 5 + j) % len(texts)] for j in range(5)])
            index.remove([f"t{worker}-{batch}-0"])

    def reader() -> None:
        for i in range(100):
            index.search(f"w{i % 40} rare{5 * (i % 40)}", k=3)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)] + [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fresh = BM25Index(analyser=split)
    live = {f"t{w}-{b}-{j}": texts[(w * 50 + b * 5 + j) % len(texts)] for w in range(4) for b in range(10) for j in range(1, 5)}
    fresh.add(list(live), list(live.values()))
    assert sorted(index.ids()) == sorted(live)
    for query in ["w0", "w3 w9 rare15", "w20 w21 w22"]:
        assert index.search(query, k=500) == fresh.search(query, k=500)


def test_save_load_round_trip(tmp_path: Path) -> None:
    index = BM25Index(k1=1.5, b=0.5)
    texts = ["Le Bélarus accueille des missiles Oreshnik.", "Accord de sécurité entre Moscou et Minsk.", "Bourse de Paris."]
    index.add(["a", "b", "c"], texts)
    index.remove(["c"])
    index.add(["d"], ["Les missiles russes au Bélarus, 1 084 km de Kyiv."])
    queries = ["missiles Bélarus", "accord Minsk", "1 084 km", "Paris"]
    before = [index.search(q, k=10) for q in queries]
    path = tmp_path / "sub" / "bm25.npz"
    index.save(path)
    assert [p.name for p in path.parent.iterdir()] == ["bm25.npz"]  # no temporary file left behind
    loaded = BM25Index.load(path)
    assert (loaded.k1, loaded.b) == (1.5, 0.5)
    assert loaded.ids() == index.ids() == ["a", "b", "d"]
    assert [loaded.search(q, k=10) for q in queries] == before
    # A loaded index keeps working incrementally.
    loaded.add(["e"], ["Minsk"])
    loaded.remove(["a"])
    fresh = BM25Index(k1=1.5, b=0.5)
    fresh.add(["b", "d", "e"], [texts[1], "Les missiles russes au Bélarus, 1 084 km de Kyiv.", "Minsk"])
    assert [loaded.search(q, k=10) for q in queries] == [fresh.search(q, k=10) for q in queries]


def test_empty_index_round_trip(tmp_path: Path) -> None:
    BM25Index().save(tmp_path / "bm25.npz")
    loaded = BM25Index.load(tmp_path / "bm25.npz")
    assert len(loaded) == 0 and loaded.search("x", k=3) == []


def test_corrupt_or_missing_files_name_the_rebuild_command(tmp_path: Path) -> None:
    with pytest.raises(IndexCorrupt, match="no BM25 index at .*newsrag ingest --rebuild"):
        BM25Index.load(tmp_path / "absent.npz")

    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not an index at all")
    with pytest.raises(IndexCorrupt, match="unreadable.*newsrag ingest --rebuild"):
        BM25Index.load(garbage)

    good = tmp_path / "good.npz"
    toy().save(good)
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(good.read_bytes()[:200])
    with pytest.raises(IndexCorrupt, match="newsrag ingest --rebuild"):
        BM25Index.load(truncated)

    with pytest.raises(IndexCorrupt, match="built with analyser .*newsrag ingest --rebuild"):
        BM25Index.load(good)  # built with `split`, loaded with the default French analyser
    assert BM25Index.load(good, analyser=split).search("chat", k=1)[0][0] == "A"


def _rewrite(src: Path, dst: Path, **changes: np.ndarray) -> None:
    with np.load(src) as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays.update(changes)
    with dst.open("wb") as handle:
        np.savez(handle, **arrays)


def test_incompatible_or_inconsistent_contents_are_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.npz"
    toy().save(good)
    with np.load(good) as npz:
        meta = json.loads(npz["meta"].tobytes())
        docs = npz["docs"]
    meta["version"] = 99
    cases = {
        "format version 99": {"meta": np.frombuffer(json.dumps(meta).encode(), np.uint8)},
        "postings for unknown documents": {"docs": docs + 7},
        "arrays of the wrong type": {"docs": docs.astype(np.int64)},
        "truncated postings": {"tfs": np.zeros(1, np.uint16)},
    }
    for reason, change in cases.items():
        bad = tmp_path / "bad.npz"
        _rewrite(good, bad, **change)
        with pytest.raises(IndexCorrupt, match=f"{reason}.*newsrag ingest --rebuild"):
            BM25Index.load(bad, analyser=split)
    missing_member = tmp_path / "missing.npz"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(missing_member, "w") as dst:
        for item in src.namelist():
            if item != "terms.npy":
                dst.writestr(item, src.read(item))
    with pytest.raises(IndexCorrupt, match="unreadable.*newsrag ingest --rebuild"):
        BM25Index.load(missing_member, analyser=split)


def test_add_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="one id per text"):
        BM25Index().add(["a", "b"], ["only one"])


@pytest.mark.slow
def test_query_latency_at_100k_documents(tmp_path: Path) -> None:
    """100k synthetic docs of 150 Zipf-distributed terms; a 5-term query must take well under 10 ms."""
    rng = np.random.default_rng(0)
    vocabulary = np.array([f"t{i}" for i in range(50_000)])
    draws = np.minimum(rng.zipf(1.2, size=(100_000, 150)) - 1, vocabulary.size - 1)
    texts = [" ".join(vocabulary[row]) for row in draws]
    index = BM25Index(analyser=split)
    for start in range(0, len(texts), 20_000):
        index.add([f"doc{i}" for i in range(start, start + 20_000)], texts[start : start + 20_000])
    queries = [" ".join(vocabulary[rng.integers(0, 2_000, size=5)]) for _ in range(50)]
    index.search(queries[0], k=10)  # folds pending documents in
    timings = []
    for query in queries:
        started = time.perf_counter()
        index.search(query, k=10)
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.010
    path = tmp_path / "bm25.npz"
    index.save(path)
    started = time.perf_counter()
    loaded = BM25Index.load(path, analyser=split)
    assert time.perf_counter() - started < 2.0
    assert loaded.search(queries[1], k=10) == index.search(queries[1], k=10)
