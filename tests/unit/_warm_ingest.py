"""Preloaded by the fork server of tests/unit/test_kill_ingest.py: the CLI imported and spaCy loaded once, in
a clean process (no Chroma client, no threads), so each forked `newsrag ingest` starts warm and fork-safe."""

from rag.cli import main  # noqa: F401 - imported for the forked children
from rag.ingest.metadata import _nlp

_nlp()
