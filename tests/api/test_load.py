"""A bounded load test over real HTTP (the shape of benchmarks/load.py, smaller): the app served by a subprocess
with the hashed bag-of-words embedder and a citing fake model slow enough (0.3 s a reply, 0.4 s busy wait)
that some of 10 concurrent clients are told busy. No request may be lost or fail other than 503 busy, every
503 must say so clearly, the server must stay healthy with bounded memory growth; uploads during the asks
must leave the article list, manifest, store, BM25 and article files in agreement."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import httpx
import pytest

from benchmarks.load import ask_bodies, retrieve_bodies, rss_mb, storm
from rag.corpus import Corpus
from rag.embed import FakeEmbedder
from tests.conftest import ROOT, make_settings
from tests.servers import free_port, server

pytestmark = [pytest.mark.slow, pytest.mark.server]

CLIENTS = 10
RSS_GROWTH_MB = 60.0  # 20 asks and 200 retrievals grew the server by ~5-10 MB when measured


def _article(n: int) -> bytes:
    place = ["Lyon", "Nantes", "Lille", "Rennes", "Dijon", "Brest"][n]
    return (f"Le Progrès, 3 mars 2025. La mairie de {place} a inauguré une passerelle numéro {n}.\n"
            f"La passerelle de {place} a coûté {n + 3} millions d'euros et relie deux quartiers.\n"
            f"Les travaux à {place} ont duré {n + 1} ans, selon la mairie.").encode()


def test_asks_retrievals_and_uploads_under_load(tmp_path: Path) -> None:
    data = tmp_path / "data"
    port = free_port()
    command = [sys.executable, "-m", "tests.browser.serve_app", str(data), str(port), "--embedder", "fake",
               "--delay", "0.3", "--busy-wait", "0.4"]
    with server(command, port, tmp_path / "server.log", timeout=240,
                env={"PYTHONPATH": str(ROOT), "NEWSRAG_HOME": str(data)}) as process:
        url = f"http://127.0.0.1:{port}"
        assert httpx.post(f"{url}/api/ask", json={"question": "Oreshnik Bélarus"}, timeout=60).status_code == 200  # warm
        before = rss_mb(process.pid)

        uploads: list[httpx.Response] = []

        def upload_all() -> None:
            with httpx.Client(base_url=url, timeout=120) as http:
                for n in range(6):
                    uploads.append(http.post("/api/articles", files=[("files", (f"passerelle_{n}.txt", _article(n), "text/plain"))]))

        uploader = threading.Thread(target=upload_all)
        uploader.start()
        asks = storm(url, "ask", "/api/ask", ask_bodies(20), CLIENTS)
        retrievals = storm(url, "retrieve", "/api/retrieve", retrieve_bodies(200), CLIENTS)
        uploader.join(timeout=120)
        after = rss_mb(process.pid)

        for run in (asks, retrievals):
            assert run.lost == 0 and run.other == 0, [(r.status, r.error_type) for r in run.replies]
            assert run.busy_replies_are_clear(), [r for r in run.replies if r.status == 503]
        assert asks.count(503) > 0 and asks.count(200) > 0, "the slow model should make some asks wait too long"
        assert retrievals.count(200) == 200
        assert after - before < RSS_GROWTH_MB, (before, after)
        assert [u.status_code for u in uploads] == [201] * 6, [u.text for u in uploads]
        with httpx.Client(base_url=url, timeout=30) as http:
            assert http.get("/api/health").json()["status"] == "ok"
            listed = {a["article_id"] for a in http.get("/api/articles").json()["articles"]}
            answer = http.post("/api/ask", json={"question": "Combien a coûté la passerelle de Brest ?"}).json()
        assert "Brest" in answer["citations"][0]["text"]

    corpus = Corpus(make_settings(data), FakeEmbedder())  # the server stopped: read the index it left
    manifest = corpus.manifest.articles
    assert set(manifest) == listed and len(listed) == 5 + 6
    chunk_ids = {cid for entry in manifest.values() for cid in entry.chunk_ids}
    assert set(corpus.store.ids()) == chunk_ids == set(corpus.bm25.ids())
    assert len(corpus.store.ids()) == len(chunk_ids)
    assert {p.stem for p in (corpus.state_dir / "articles").glob("*.json")} == set(manifest)
    assert not list(corpus.state_dir.rglob("*.tmp"))
