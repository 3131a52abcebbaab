"""The corpus on disk: the vector store, the BM25 index, the cleaned articles and the manifest that ties
them together. The manifest is the commit point: an article is in the corpus once the manifest says so.
Anything the store or BM25 index holds that the manifest does not name is an orphan of an interrupted
run, and is removed when the corpus is opened for writing.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rag.chunking import ChunkSettings
from rag.config import Settings
from rag.embed import Embedder
from rag.errors import StoreError
from rag.fsutil import atomic_write_text, remove_stale_temporaries
from rag.retrieval.bm25 import BM25Index, IndexCorrupt
from rag.sentence_vectors import SentenceVectors
from rag.store import IndexSignature, VectorStore, get_store
from rag.tokens import TokenCounter
from rag.types import Article

MANIFEST_VERSION = 1


@dataclass
class ManifestEntry:
    article_id: str
    source: str
    source_paths: list[str]
    content_hash: str
    chunk_ids: list[str]
    title: str = ""
    outlet: str | None = None
    date: str | None = None
    language: str = "fr"


@dataclass
class Manifest:
    signature: dict[str, Any]
    articles: dict[str, ManifestEntry] = field(default_factory=dict)

    def chunk_ids(self) -> set[str]:
        return {cid for entry in self.articles.values() for cid in entry.chunk_ids}

    def by_path(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for entry in self.articles.values():
            for path in entry.source_paths:
                index.setdefault(path, []).append(entry.article_id)
        return index

    def to_json(self) -> str:
        return json.dumps(
            {"version": MANIFEST_VERSION, "signature": self.signature, "articles": {k: asdict(v) for k, v in sorted(self.articles.items())}},
            ensure_ascii=False, indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw = json.loads(text)
        return cls(raw.get("signature", {}), {k: ManifestEntry(**v) for k, v in raw.get("articles", {}).items()})


def signature_for(embedder: Embedder, chunking: ChunkSettings) -> IndexSignature:
    return IndexSignature(embedder.id, embedder.dim, chunking.describe())


class Corpus:
    """Opened once per process; `repair()` removes orphans and re-syncs BM25 after an interrupted write."""

    def __init__(self, settings: Settings, embedder: Embedder, rebuild: bool = False) -> None:
        self.settings = settings
        self.embedder = embedder
        self.chunking = ChunkSettings(settings.chunk_tokens, settings.chunk_overlap_sentences)
        self.signature = signature_for(embedder, self.chunking)
        self.tokens = TokenCounter(settings.model_dir)
        self.state_dir = settings.state_dir
        self.articles_dir = self.state_dir / "articles"
        self.manifest_path = self.state_dir / "manifest.json"
        self.bm25_path = self.state_dir / "bm25.npz"
        self.sentences = SentenceVectors(self.state_dir / "sentences")
        try:
            self.articles_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot write to the data folder {settings.data_dir} ({error}): choose a writable --data-dir") from error
        if rebuild:
            self.manifest_path.unlink(missing_ok=True)
            self.bm25_path.unlink(missing_ok=True)
            for folder in (self.articles_dir, self.state_dir / "sentences"):
                shutil.rmtree(folder, ignore_errors=True)
            self.articles_dir.mkdir(parents=True, exist_ok=True)
        self.store: VectorStore = get_store(settings, self.signature, rebuild=rebuild)
        self.manifest = self._load_manifest()
        self.bm25 = self._load_bm25()

    # -- loading -----------------------------------------------------------------------------------
    def _load_manifest(self) -> Manifest:
        if self.manifest_path.exists():
            try:
                return Manifest.from_json(self.manifest_path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, TypeError, KeyError) as error:
                raise StoreError(f"the manifest {self.manifest_path} is corrupt ({error}): run 'newsrag ingest --rebuild'") from error
        return Manifest(asdict(self.signature))

    def _load_bm25(self) -> BM25Index:
        if self.bm25_path.exists():
            try:
                index = BM25Index.load(self.bm25_path)
                if set(index.ids()) == self.manifest.chunk_ids():
                    return index
            except IndexCorrupt:
                pass
        return self._rebuild_bm25()

    def _rebuild_bm25(self) -> BM25Index:
        index = BM25Index()
        wanted = sorted(self.manifest.chunk_ids())
        for offset in range(0, len(wanted), 2000):
            chunks, _ = self.store.get(wanted[offset:offset + 2000])
            index.add([c.chunk_id for c in chunks], [bm25_text(c.header, c.text) for c in chunks])
        return index

    # -- writing -----------------------------------------------------------------------------------
    def repair(self) -> int:
        """Remove store entries the manifest does not name, and half-written files of a killed run; re-sync
        BM25. Returns the orphans removed."""
        remove_stale_temporaries(self.state_dir)
        # an article whose last source was detached, by a run killed before it removed the article itself
        for entry in [e for e in self.manifest.articles.values() if not e.source_paths]:
            self.remove_article(entry.article_id)
        # article and sentence files written for an article whose manifest commit never came (or whose removal
        # was committed but not finished) by a killed run
        committed = set(self.manifest.articles)
        for path in self.articles_dir.glob("*.json"):
            if path.stem not in committed:
                path.unlink(missing_ok=True)
        for article_id in self.sentences.ids():
            if article_id not in committed:
                self.sentences.remove(article_id)
        known = self.manifest.chunk_ids()
        orphans = [cid for cid in self.store.ids() if cid not in known]
        self.store.delete(orphans)
        missing = known - set(self.store.ids())
        if missing:  # the manifest names chunks the store lost: forget those articles so they are re-ingested
            for entry in list(self.manifest.articles.values()):
                if set(entry.chunk_ids) & missing:
                    self.store.delete(entry.chunk_ids)
                    del self.manifest.articles[entry.article_id]
            self.save_manifest()
        if set(self.bm25.ids()) != self.manifest.chunk_ids():
            self.bm25 = self._rebuild_bm25()
            self.save_bm25()
        return len(orphans)

    def save_manifest(self) -> None:
        atomic_write_text(self.manifest_path, self.manifest.to_json())

    def save_bm25(self) -> None:
        self.bm25.save(self.bm25_path)

    def write_article(self, article: Article) -> None:
        atomic_write_text(self.articles_dir / f"{article.article_id}.json", json.dumps(asdict(article), ensure_ascii=False))

    def remove_article(self, article_id: str) -> int:
        entry = self.manifest.articles.pop(article_id, None)
        if entry is None:
            return 0
        self.save_manifest()  # commit first: from here on the chunks are orphans, removed below or by repair()
        self.store.delete(entry.chunk_ids)
        self.bm25.remove(entry.chunk_ids)
        (self.articles_dir / f"{article_id}.json").unlink(missing_ok=True)
        self.sentences.remove(article_id)
        return len(entry.chunk_ids)

    # -- reading -----------------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        return load_article(self.articles_dir, article_id)

    def articles(self) -> list[ManifestEntry]:
        return sorted(self.manifest.articles.values(), key=lambda e: e.source)

    def find_article(self, key: str) -> ManifestEntry | None:
        """By article id (or a unique prefix of it) or by source file name."""
        return find_entry(self.manifest, key)


def load_article(articles_dir: Path, article_id: str) -> Article | None:
    """The cleaned article stored as `articles_dir/<article_id>.json`, or None."""
    path = articles_dir / f"{article_id}.json"
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["people"] = tuple(raw.get("people", ()))
    raw["places"] = tuple(raw.get("places", ()))
    return Article(**raw)


def find_entry(manifest: Manifest, key: str) -> ManifestEntry | None:
    """By article id (or a unique prefix of it) or by source file name."""
    if key in manifest.articles:
        return manifest.articles[key]
    matches = [e for e in manifest.articles.values() if e.source == key or Path(key).name == e.source or e.article_id.startswith(key)]
    return matches[0] if len(matches) == 1 else None


def bm25_text(header: str, text: str) -> str:
    """What BM25 indexes for a chunk: its header (title · outlet · date) and its text."""
    return f"{header}\n{text}" if header else text
