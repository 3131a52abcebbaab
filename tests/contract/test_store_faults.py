"""A real `chroma run` server that is unreachable, or killed and restarted in the middle of an ingest:
clear errors while it is down, the same client carries on once it is back, and no partial write survives
(the manifest commits an article only after its chunks are stored; the next run removes orphans)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rag.cli import main
from rag.corpus import Corpus
from rag.embed import FakeEmbedder
from rag.errors import StoreError
from rag.ingest.pipeline import ingest
from rag.service import Service
from tests.conftest import SEEDS, make_settings
from tests.servers import BIN, free_port, server
from tests.unit.test_kill_ingest import _generated_articles

pytestmark = [pytest.mark.server, pytest.mark.slow]


@contextmanager
def chroma_on(path: Path, port: int, log: Path) -> Iterator[object]:
    with server([str(BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)], port, log,
                timeout=60) as process:
        yield process


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()
    started = time.perf_counter()
    with pytest.raises(StoreError, match=rf"Chroma server at 127.0.0.1:{port} is unreachable .*start it with 'chroma run"):
        Corpus(make_settings(tmp_path / "data", store=f"chroma-http:127.0.0.1:{port}"), FakeEmbedder())
    assert time.perf_counter() - started < 10
    monkeypatch.setenv("NEWSRAG_EMBEDDER", "fake")
    assert main(["--data-dir", str(tmp_path / "data"), "ingest", "--store", f"chroma-http:127.0.0.1:{port}", str(SEEDS)]) == 5
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unreachable" in err and "Traceback" not in err


def test_a_server_killed_mid_ingest_and_restarted_leaves_a_complete_consistent_index(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    _generated_articles(corpus_dir / "generated", 12)
    port = free_port()
    store = f"chroma-http:127.0.0.1:{port}"
    settings = make_settings(tmp_path / "data", store=store)
    log = tmp_path / "chroma.log"
    reference = Corpus(make_settings(tmp_path / "reference"), FakeEmbedder())
    ingest(reference, [SEEDS, corpus_dir])

    with chroma_on(tmp_path / "server", port, log) as process:
        corpus = Corpus(settings, FakeEmbedder())
        ingest(corpus, [SEEDS])
        committed_before = dict(corpus.manifest.articles)

        # Kill the server while the generated articles are being written.
        failure: list[BaseException] = []
        writer = threading.Thread(target=lambda: _catch(failure, lambda: ingest(corpus, [SEEDS, corpus_dir])))
        writer.start()
        deadline = time.monotonic() + 60
        while len(corpus.manifest.articles) < len(committed_before) + 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)  # type: ignore[attr-defined]
        killed_at = len(corpus.manifest.articles)
        writer.join(timeout=120)
        assert not writer.is_alive(), "ingest hung on a dead server"
        assert failure and isinstance(failure[0], StoreError), failure
        assert "is the store reachable" in str(failure[0])
        assert len(corpus.manifest.articles) < len(committed_before) + 12  # it really was interrupted

        started = time.perf_counter()
        with pytest.raises(StoreError, match="is the store reachable"):
            corpus.store.count()
        down_error_seconds = time.perf_counter() - started

    with chroma_on(tmp_path / "server", port, log):
        # The same client object reconnects by itself: the committed articles are all there.
        assert set(corpus.store.ids()) >= {c for e in committed_before.values() for c in e.chunk_ids}
        report = ingest(corpus, [SEEDS, corpus_dir])  # the next run removes the orphans and finishes the job
        got_ids = sorted(corpus.store.ids())
        assert got_ids == sorted(reference.store.ids()) == sorted(corpus.manifest.chunk_ids()) == sorted(corpus.bm25.ids())
        assert len(got_ids) == len(set(got_ids))
        assert set(corpus.manifest.articles) == set(reference.manifest.articles)
        hits = Service(settings, embedder=FakeEmbedder()).retrieve("budget de la mairie de Lyon").hits
        assert hits and "Lyon" in hits[0].chunk.text
    print(f"\nchroma killed after {killed_at - len(committed_before)} new articles; error while down in {down_error_seconds:.1f} s; "
          f"after restart: {report.orphans_removed} orphans removed, {report.articles_new} articles completed, "
          f"{len(got_ids)} chunks equal to the reference")


def _catch(failures: list[BaseException], work: object) -> None:
    try:
        work()  # type: ignore[operator]
    except BaseException as error:  # noqa: BLE001 - handed to the test thread
        failures.append(error)
