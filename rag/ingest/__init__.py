"""Ingestion front end: load files, clean the text, extract metadata, identify and find near-duplicates."""

from __future__ import annotations

from rag.ingest.cleaning import Cleaned, clean
from rag.ingest.dedupe import article_id, content_hash, near_duplicates, normalise_for_identity
from rag.ingest.loaders import RawDoc, Rejected, iter_corpus, load_file, load_file_report
from rag.ingest.metadata import Metadata, extract_metadata

__all__ = [
    "Cleaned",
    "Metadata",
    "RawDoc",
    "Rejected",
    "article_id",
    "clean",
    "content_hash",
    "extract_metadata",
    "iter_corpus",
    "load_file",
    "load_file_report",
    "near_duplicates",
    "normalise_for_identity",
]
