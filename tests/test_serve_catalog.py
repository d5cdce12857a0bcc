"""The catalog behind the server and the site: which documents are published, and conditional answers."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone

import pytest

from schedule_export.history import History
from schedule_export.serve.catalog import Catalog, Resource

from .serve_helpers import FIREARMS, FIREARMS_KEY, FIREARMS_REVISED, FIXTURES, folder_with

MODIFIED = datetime(2027, 8, 2, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def resource() -> Resource:
    return Resource(b"BEGIN:VCALENDAR", "text/calendar; charset=utf-8", '"abc"', MODIFIED)


def test_matching_etag_is_not_modified(resource):
    assert resource.not_modified('"abc"', None)
    assert resource.not_modified('"zzz", W/"abc"', None)
    assert resource.not_modified("*", None)
    assert not resource.not_modified('"zzz"', None)


def test_if_none_match_wins_over_if_modified_since(resource):
    assert not resource.not_modified('"zzz"', "Mon, 02 Aug 2027 09:30:00 GMT")


def test_if_modified_since_compares_whole_seconds(resource):
    assert resource.not_modified(None, "Mon, 02 Aug 2027 09:30:00 GMT")
    assert resource.not_modified(None, "Tue, 03 Aug 2027 00:00:00 GMT")
    assert not resource.not_modified(None, "Mon, 02 Aug 2027 09:29:59 GMT")
    assert not resource.not_modified(None, "yesterday")


def test_newest_of_two_documents_of_one_meeting_is_published_and_the_other_listed_as_superseded(tmp_path):
    folder = folder_with(tmp_path, FIREARMS, FIREARMS_REVISED)
    history = History(tmp_path / "h.sqlite3")
    catalog = Catalog(folder, history, min_interval=0)
    catalog.refresh(force=True)
    (published,) = catalog.meetings
    assert published.document.name == FIREARMS_REVISED
    assert published.superseded == (FIREARMS,)
    index = catalog.resource("/").body.decode()
    assert index.count('class="meeting"') == 1  # one meeting, its newest document; file names are not for delegates
    assert FIREARMS not in index and FIREARMS_REVISED not in index
    history.close()


def test_unchanged_folder_keeps_the_cached_bytes_and_a_replaced_document_renews_them(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    history = History(tmp_path / "h.sqlite3")
    catalog = Catalog(folder, history, min_interval=0)
    catalog.refresh(force=True)
    first = catalog.resource(f"/meetings/{FIREARMS_KEY}.ics")
    assert catalog.refresh() is False
    assert catalog.resource(f"/meetings/{FIREARMS_KEY}.ics") is first
    shutil.copy(FIXTURES / FIREARMS_REVISED, folder / FIREARMS)
    assert catalog.refresh() is True
    second = catalog.resource(f"/meetings/{FIREARMS_KEY}.ics")
    assert second.etag != first.etag
    assert second.last_modified >= first.last_modified
    history.close()


def test_symbolic_links_and_hidden_files_are_not_published(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    outside = tmp_path / "outside.txt"
    shutil.copy(FIXTURES / FIREARMS_REVISED, outside)
    (folder / "linked.txt").symlink_to(outside)
    shutil.copy(FIXTURES / FIREARMS_REVISED, folder / ".hidden.txt")
    history = History(tmp_path / "h.sqlite3")
    catalog = Catalog(folder, history, min_interval=0)
    catalog.refresh(force=True)
    (published,) = catalog.meetings
    assert published.document.name == FIREARMS and published.superseded == ()
    assert catalog.errors == ()
    history.close()


def test_changelog_is_written_in_each_documents_language_and_the_index_in_the_one_asked_for(tmp_path):
    folder = tmp_path / "agendas"
    folder.mkdir()
    shutil.copy(FIXTURES.parent / "en_dst_tabs.txt", folder / "firearms-en.txt")
    shutil.copy(FIXTURES / FIREARMS, folder / FIREARMS)
    history = History(tmp_path / "h.sqlite3")
    catalog = Catalog(folder, history, language="es", min_interval=0)
    catalog.refresh(force=True)
    by_language = {p.meeting.language: p for p in catalog.meetings}
    assert set(by_language) == {"en", "fr"}
    english = catalog.resource(f"/meetings/{by_language['en'].key}/changes.html").body.decode()
    assert "Revision history" in english and "First version published." in english and 'lang="en"' in english
    french = catalog.resource(f"/meetings/{FIREARMS_KEY}/changes.html").body.decode()
    assert "Historique des révisions" in french and 'lang="fr"' in french
    index = catalog.resource("/index.html").body.decode()
    assert "Reuniones" in index and 'lang="es"' in index
    history.close()
