"""Service methods behind the Articles tab and the HTTP API: list, open, upload, delete (index left consistent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.corpus import Corpus
from rag.errors import NotFound, UploadRejected
from rag.service import Service
from rag.uploads import Upload
from tests.conftest import SEEDS

NEW_ARTICLE = ("Le Monde, 3 mars 2025. La mairie de Lyon a inauguré lundi un nouveau pont piéton sur le Rhône. "
               "L'ouvrage a coûté 12 millions d'euros et relie le quartier de Gerland au 7e arrondissement.\n"
               "Les travaux ont duré deux ans.").encode()


@pytest.fixture
def service(settings) -> Service:
    service = Service(settings)
    service.ingest([SEEDS])
    return service


def _consistent(service: Service) -> None:
    corpus = service.corpus
    wanted = corpus.manifest.chunk_ids()
    assert set(corpus.store.ids()) == wanted
    assert set(corpus.bm25.ids()) == wanted
    for entry in corpus.articles():
        assert corpus.article(entry.article_id) is not None and corpus.sentences.has(entry.article_id)
    reopened = Corpus(service.settings, service.embedder)
    assert reopened.repair() == 0 and set(reopened.bm25.ids()) == wanted


def test_list_articles_gives_metadata_and_status(service: Service) -> None:
    rows = service.list_articles()
    assert [r["source"] for r in rows] == sorted(p.name for p in SEEDS.iterdir())
    assert all(r["status"] == "indexed" and r["chunks"] > 0 and r["title"] for r in rows)
    assert set(rows[0]) == {"article_id", "source", "title", "outlet", "date", "language", "chunks", "status"}


def test_article_by_id_prefix_or_source_has_the_cleaned_text(service: Service) -> None:
    first = service.list_articles()[0]
    by_prefix = service.article(first["article_id"][:10])
    by_source = service.article(first["source"])
    assert by_prefix == by_source and by_prefix.text.strip()
    with pytest.raises(NotFound, match="no article 'nope'.*GET /api/articles"):
        service.article("nope")


def test_upload_is_saved_under_the_data_dir_ingested_and_answerable(service: Service) -> None:
    result = service.add_uploads([Upload("../../pont Lyon.txt", NEW_ARTICLE, "text/plain")])
    assert [a["file"] for a in result.articles] == ["pont_Lyon.txt"]
    assert (service.settings.uploads_dir / "pont_Lyon.txt").read_bytes() == NEW_ARTICLE
    assert result.report.articles_new == 1
    article_id = result.articles[0]["article_id"]
    assert article_id in {r["article_id"] for r in service.list_articles()}
    hits = service.retrieve("pont piéton Lyon Rhône").hits
    assert hits[0].chunk.article_id == article_id
    again = service.add_uploads([Upload("pont Lyon.txt", NEW_ARTICLE)])
    assert again.report.articles_unchanged == 1 and again.articles[0]["article_id"] == article_id
    _consistent(service)


def test_upload_the_pipeline_rejects_is_refused_with_its_reason_and_not_kept(service: Service) -> None:
    furniture = b"Loading...\n#Belarus #Russie\n"
    with pytest.raises(UploadRejected, match="no article could be read from the upload"):
        service.add_uploads([Upload("empty-page.txt", furniture)])
    assert not (service.settings.uploads_dir / "empty-page.txt").exists()


def test_delete_removes_every_trace_and_leaves_the_index_consistent(service: Service) -> None:
    uploaded = service.add_uploads([Upload("pont.txt", NEW_ARTICLE)]).articles[0]
    seed = service.list_articles()[0]
    for row in (seed, uploaded):
        chunk_ids = list(service.corpus.manifest.articles[row["article_id"]].chunk_ids)
        removed = service.delete_article(row["article_id"])
        assert removed["chunks_removed"] == len(chunk_ids) > 0
        assert row["article_id"] not in {r["article_id"] for r in service.list_articles()}
        assert not set(chunk_ids) & set(service.corpus.store.ids())
        assert not (service.corpus.articles_dir / f"{row['article_id']}.json").exists()
        assert not service.corpus.sentences.has(row["article_id"])
        assert all(h.chunk.article_id != row["article_id"] for h in service.retrieve("pont Lyon Oreshnik Bélarus").hits)
        _consistent(service)
    assert not (service.settings.uploads_dir / "pont.txt").exists()
    assert (SEEDS / seed["source"]).exists()  # a file outside the uploads folder is never touched
    with pytest.raises(NotFound):
        service.delete_article(seed["article_id"])
    survivor = service.list_articles()[0]
    with pytest.raises(NotFound):  # a prefix never deletes
        service.delete_article(survivor["article_id"][:6])
    assert service.delete_article(survivor["source"])["article_id"] == survivor["article_id"]


def test_upload_limits_come_from_settings(tmp_path: Path) -> None:
    from tests.conftest import make_settings

    service = Service(make_settings(tmp_path / "d", upload_max_files=1, upload_max_bytes=10))
    with pytest.raises(UploadRejected, match="the limit is 1"):
        service.add_uploads([Upload("a.txt", b"x"), Upload("b.txt", b"y")])
    with pytest.raises(UploadRejected, match="over 10 bytes"):
        service.add_uploads([Upload("a.txt", b"x" * 11)])
