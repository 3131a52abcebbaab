"""A read-only view of the corpus files that needs no embedder, vector store or model.

Cached reads (summaries, briefs) only need the manifest, the cleaned articles and their sentence spans,
all plain files under `<data_dir>/state/`. Opening the full `Corpus` would load the embedder (its id is
part of the index signature) and open Chroma; the catalog reads the same files directly and re-reads the
manifest whenever it changes on disk (an ingest in the same process or in another one).
"""

from __future__ import annotations

import json
from pathlib import Path

from rag.corpus import Manifest, ManifestEntry, find_entry, load_article
from rag.errors import StoreError
from rag.sentence_vectors import SentenceVectors
from rag.types import Article


class Catalog:
    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.articles_dir = state_dir / "articles"
        self.manifest_path = state_dir / "manifest.json"
        self.sentences = SentenceVectors(state_dir / "sentences")
        self._manifest = Manifest({})
        self._stamp: tuple[int, int] | None = None

    @property
    def manifest(self) -> Manifest:
        try:
            stat = self.manifest_path.stat()
        except FileNotFoundError:
            self._manifest, self._stamp = Manifest({}), None
            return self._manifest
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            try:
                self._manifest = Manifest.from_json(self.manifest_path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, TypeError, KeyError) as error:
                raise StoreError(f"the manifest {self.manifest_path} is corrupt ({error}): run 'newsrag ingest --rebuild'") from error
            self._stamp = stamp
        return self._manifest

    def articles(self) -> list[ManifestEntry]:
        return sorted(self.manifest.articles.values(), key=lambda e: e.source)

    def find_article(self, key: str) -> ManifestEntry | None:
        """By article id (or a unique prefix of it) or by source file name."""
        return find_entry(self.manifest, key)

    def article(self, article_id: str) -> Article | None:
        return load_article(self.articles_dir, article_id)
