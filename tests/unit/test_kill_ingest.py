"""`newsrag ingest` SIGKILLed at random points, 20 times in a row on the same data folder; then one clean run
in a fresh process. The index must equal the one built without interruption: same chunk ids, texts and
vectors, no duplicates, no orphans (store, BM25, article files, sentence vectors, temporary files).

Each killed run is forked from a fork server that has imported the CLI and loaded spaCy once, so the 20
kills cost the ingest itself rather than 20 times the imports and the spaCy load; the final run is a
plain `python -m rag.cli` subprocess.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from rag.cli import main
from rag.corpus import Corpus
from rag.embed import FakeEmbedder
from rag.ingest.pipeline import ingest
from tests.conftest import ROOT, SEEDS, make_settings

KILLS = 20

_PLACES = ["Lyon", "Nantes", "Lille", "Rennes", "Dijon", "Brest", "Metz", "Nancy", "Tours", "Reims", "Amiens", "Caen", "Pau",
           "Nice", "Rouen", "Limoges"]  # fmt: skip
_TOPICS = ["le budget des transports", "la rénovation des écoles", "un nouveau parc urbain", "la piscine municipale",
           "le plan vélo", "la fermeture d'une usine", "un festival de musique", "la crue de la rivière"]  # fmt: skip


def _generated_articles(folder: Path, count: int) -> None:
    rng = random.Random(11)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        place, topic = _PLACES[n % len(_PLACES)], rng.choice(_TOPICS)
        sentences = [
            f"Le conseil municipal de {place} a débattu {rng.randint(2, 9)} heures sur {topic}.",
            f"Le projet coûtera {rng.randint(3, 400)} millions d'euros selon la mairie de {place}.",
            f"L'opposition a dénoncé un calendrier {rng.choice(['irréaliste', 'flou', 'précipité'])} et demandé un audit.",
            f"Les travaux commenceront en {rng.choice(['mars', 'juin', 'septembre'])} {rng.randint(2025, 2027)}.",
            f"{rng.randint(100, 9000)} habitants ont signé une pétition, a indiqué l'association {place} Demain.",
        ] * 3
        rng.shuffle(sentences)
        (folder / f"article_{n:02d}_{place.lower()}.txt").write_text(f"{topic.capitalize()} à {place}\n\n" + "\n".join(sentences), encoding="utf-8")


def _snapshot(data: Path) -> dict[str, object]:
    corpus = Corpus(make_settings(data), FakeEmbedder())
    ids = corpus.store.ids()
    chunks, vectors = corpus.store.get(ids, with_vectors=True)
    state = corpus.state_dir
    return {
        "ids": ids,
        "texts": [c.text for c in chunks],
        "vectors": np.round(vectors, 5).tolist() if vectors is not None else None,
        "bm25": sorted(corpus.bm25.ids()),
        "manifest": {aid: (e.source, list(e.chunk_ids)) for aid, e in corpus.manifest.articles.items()},
        "article_files": sorted(p.stem for p in (state / "articles").glob("*.json")),
        "sentence_files": sorted(p.stem for p in (state / "sentences").glob("*.npz")),
        "temporary_files": sorted(str(p.relative_to(state)) for p in state.rglob("*.tmp")),
    }


_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(["tests.unit._warm_ingest"])


def _noop() -> None:
    pass


def _run_cli(data: str, corpus: str) -> None:
    """In a forked child: `newsrag ingest` with the fake embedder, output discarded."""
    os.environ["NEWSRAG_EMBEDDER"] = "fake"
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os._exit(main(["--data-dir", data, "ingest", corpus]))


def _forked_ingest(data: Path, corpus: Path, kill_after: float | None) -> str:
    """Run `newsrag ingest` in a child forked from a clean, warm fork server; SIGKILL it after `kill_after`
    seconds. Returns how it ended. (Forking this pytest process itself is not safe once it holds Chroma
    clients and server threads: a child can inherit a held lock and hang.)"""
    child = _FORKS.Process(target=_run_cli, args=(str(data), str(corpus)))
    child.start()
    child.join(timeout=300 if kill_after is None else kill_after)
    if child.is_alive():
        child.kill()  # SIGKILL
        child.join(timeout=30)
        if kill_after is None:
            raise AssertionError("an uninterrupted ingest did not finish in 300 s")
        return "killed"
    return f"finished ({child.exitcode})"


@pytest.mark.slow
def test_twenty_sigkills_during_ingest_then_one_clean_run_give_the_uninterrupted_index(tmp_path: Path,
                                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus / "seeds")
    _generated_articles(corpus / "generated", 10)
    monkeypatch.setenv("NEWSRAG_EMBEDDER", "fake")  # for the final subprocess (the forked runs set it themselves)

    warm = _FORKS.Process(target=_noop)  # start the fork server (imports, spaCy) before timing anything
    warm.start()
    warm.join(timeout=300)
    assert warm.exitcode == 0
    # How long one uninterrupted run takes, so the kills land anywhere inside a run.
    started = time.perf_counter()
    assert _forked_ingest(tmp_path / "timing", corpus, None) == "finished (0)"
    full_run = time.perf_counter() - started

    rng = random.Random(20241206)
    data = tmp_path / "data"
    outcomes = []
    loop_started = time.perf_counter()
    for _ in range(KILLS):
        # Rewrite a few articles before each run, so every run has new and changed articles to write (and old
        # versions to remove) and the kills do not all land on a finished index.
        for path in rng.sample(sorted((corpus / "generated").glob("*.txt")), 3):
            path.write_text(path.read_text(encoding="utf-8") + f"\nMise à jour {rng.randint(1, 10**6)} : le vote est reporté.",
                            encoding="utf-8")
        outcomes.append(_forked_ingest(data, corpus, rng.uniform(0.0, full_run)))
    loop_seconds = time.perf_counter() - loop_started
    killed = outcomes.count("killed")
    assert killed >= KILLS * 3 // 4, outcomes  # most runs really were interrupted
    assert all(o in ("killed", "finished (0)") for o in outcomes), outcomes

    final = subprocess.run([sys.executable, "-m", "rag.cli", "--data-dir", str(data), "ingest", str(corpus)], capture_output=True,
                           text=True, timeout=300, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert final.returncode == 0, final.stderr
    assert "Traceback" not in final.stderr

    reference = tmp_path / "reference"
    ingest(Corpus(make_settings(reference), FakeEmbedder()), [corpus])
    expected, got = _snapshot(reference), _snapshot(data)
    assert len(got["ids"]) == len(set(got["ids"])), "duplicate chunk ids"  # type: ignore[arg-type]
    assert got["temporary_files"] == [], "half-written files left behind"
    assert got["article_files"] == got["sentence_files"] == sorted(got["manifest"]), "orphan article or sentence files"  # type: ignore[arg-type]
    extra = {k: v for k, v in got["manifest"].items() if k not in expected["manifest"]}  # type: ignore[union-attr, operator]
    missing = {k: v for k, v in expected["manifest"].items() if k not in got["manifest"]}  # type: ignore[union-attr, operator]
    assert got == expected, f"extra articles {extra}, missing articles {missing}; final run: {final.stdout.strip()}"
    print(f"\nSIGKILL loop: {killed}/{KILLS} runs killed in {loop_seconds:.1f} s (one uninterrupted run: {full_run:.2f} s), "
          f"{len(expected['ids'])} chunks in {len(expected['manifest'])} articles identical to the uninterrupted index")  # type: ignore[arg-type]
