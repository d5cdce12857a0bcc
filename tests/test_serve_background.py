"""The folder is scanned in the background: requests answer from what is published, never scan themselves.

A scan cannot finish while another writer holds the history database (as `schedule-export confirm`
from another process does for a moment): the tests hold it with a real SQLite transaction to keep
the server mid-scan for as long as they need, without any sleep.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from contextlib import contextmanager

import httpx
from icalendar import Calendar

from schedule_export.history import History
from schedule_export.serve.catalog import Catalog

from .serve_helpers import FIREARMS, FIXTURES, TRAFFICKING_EXAMPLE, WP192, WP192_REV1, RunningServer, folder_with, wait_until


@contextmanager
def history_held(database):
    """Another writer holds the history database: no scan can complete until it lets go."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
        connection.execute("COMMIT")
    finally:
        connection.close()


def new_history(tmp_path):
    database = tmp_path / "state" / "history.sqlite3"
    History(database).close()  # the database exists before the server opens it, so that it can be held
    return database


def events(body: bytes) -> list:
    return Calendar.from_ical(body).walk("VEVENT")


def test_before_the_first_scan_the_index_says_so_and_a_calendar_is_never_served_incomplete(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    database = new_history(tmp_path)
    server = RunningServer(folder, "--db", str(database), "--first-scan-wait", "0.2", wait_for_scan=False)
    with history_held(database), server as running, httpx.Client(base_url=running.url, timeout=30) as http:
        index = http.get("/")
        arabic = http.get("/index.ar.html")
        russian = http.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
        combined = http.get("/all.ics")
        calendar = http.get("/meetings/anything.ics")
    assert index.status_code == 200 and index.headers["cache-control"] == "no-store"
    assert "The documents of this folder are being read" in index.text and 'class="meeting"' not in index.text
    # in the visitor's language, as the index proper is
    assert 'dir="rtl"' in arabic.text and "تجري قراءة وثائق هذا المجلد" in arabic.text
    assert "Идет чтение документов этой папки" in russian.text
    # neither an empty calendar nor a 404, which clients would take as "every meeting is gone"
    for response in (combined, calendar):
        assert response.status_code == 503
        assert response.headers["retry-after"] == "5" and response.headers["cache-control"] == "no-store"
        assert response.text.startswith("The documents are still being read")


def test_a_calendar_asked_for_during_the_first_scan_is_answered_complete_once_it_is_done(tmp_path):
    folder = folder_with(tmp_path, FIREARMS, TRAFFICKING_EXAMPLE.name)
    database = new_history(tmp_path)
    answers: list[httpx.Response] = []
    server = RunningServer(folder, "--db", str(database), "--first-scan-wait", "120", wait_for_scan=False)
    holder = sqlite3.connect(database, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # held from before the start: the first scan cannot complete
        with server as running, httpx.Client(base_url=running.url, timeout=150) as http:
            waiting = threading.Thread(target=lambda: answers.append(http.get("/all.ics")))
            waiting.start()
            assert "being read" in httpx.get(running.url + "/", timeout=30).text
            assert waiting.is_alive()  # the calendar waits for the scan
            holder.execute("COMMIT")
            waiting.join(timeout=150)
            running.wait_for_first_scan()
    finally:
        holder.close()
    assert [answer.status_code for answer in answers] == [200]
    assert len(events(answers[0].content)) == 5 + 5  # the firearms meetings and the trafficking ones


def test_requests_answer_from_the_published_state_while_a_scan_cannot_finish(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    database = new_history(tmp_path)
    with RunningServer(folder, "--db", str(database)) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        before = http.get("/all.ics").content
        with history_held(database):
            shutil.copy(TRAFFICKING_EXAMPLE, folder / "trafficking.txt")
            # the request does not scan, nor wait for the scan: it is answered from what was published
            assert http.get("/").text.count('class="meeting"') == 1
            assert http.get("/all.ics").content == before
        assert wait_until(lambda: http.get("/").text.count('class="meeting"') == 2, timeout=30)
        assert len(events(http.get("/all.ics").content)) == 5 + 5


# -- event bytes kept across restarts ----------------------------------------------------------------------


def combined_after_start(folder, database) -> bytes:
    catalog = Catalog(folder, History(database), min_interval=0)
    try:
        catalog.refresh(force=True)
        return catalog.combined_calendar("https://calendars.example.org")
    finally:
        catalog.close()


def test_events_kept_in_the_history_are_used_by_the_next_start_unless_the_code_or_the_meeting_changed(tmp_path):
    folder = folder_with(tmp_path, WP192)
    database = tmp_path / "state" / "history.sqlite3"
    first = combined_after_start(folder, database)
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM served_events").fetchone() == (1,)
        # mark the kept bytes: a start that uses them shows the mark
        db.execute("UPDATE served_events SET events = CAST(replace(CAST(events AS TEXT), 'SUMMARY:', 'SUMMARY:kept ') AS BLOB)")
    kept = combined_after_start(folder, database)
    assert kept != first and kept.replace(b"SUMMARY:kept ", b"SUMMARY:") == first

    with sqlite3.connect(database) as db:  # written by other code (an upgrade): not used
        db.execute("UPDATE served_events SET code = 'older code'")
    assert combined_after_start(folder, database) == first

    with sqlite3.connect(database) as db:
        db.execute("UPDATE served_events SET events = CAST(replace(CAST(events AS TEXT), 'SUMMARY:', 'SUMMARY:kept ') AS BLOB)")
    shutil.copy(FIXTURES / WP192_REV1, folder / WP192)  # a revision: the kept bytes are of the version before
    revised = combined_after_start(folder, database)
    assert b"SUMMARY:kept " not in revised and b"STATUS:CANCELLED" in revised


def test_kept_events_of_a_document_removed_from_the_folder_or_of_older_code_are_deleted(tmp_path):
    folder = folder_with(tmp_path, WP192, FIREARMS)
    database = tmp_path / "state" / "history.sqlite3"
    combined_after_start(folder, database)

    def kept_rows():
        with sqlite3.connect(database) as db:
            return db.execute("SELECT meeting_key, code FROM served_events ORDER BY meeting_key").fetchall()

    assert len(kept_rows()) == 2
    with sqlite3.connect(database) as db:  # a row an older version wrote, for a meeting of its own
        db.execute("INSERT INTO served_events SELECT 'older-meeting', base_url, content, 'older code', events, years FROM served_events LIMIT 1")
    (folder / FIREARMS).unlink()

    catalog = Catalog(folder, History(database), min_interval=0)
    try:
        catalog.refresh(force=True)
        catalog.combined_calendar("https://calendars.example.org")
        catalog.save_events()
        remaining = kept_rows()
        published = {p.key for p in catalog.published}  # withdrawn meetings included: they are served as cancelled
        served = {p.key for p in catalog.meetings}
    finally:
        catalog.close()
    keys = {key for key, _ in remaining}
    assert "older-meeting" not in keys and "older code" not in {code for _, code in remaining}
    assert served <= keys <= published


def test_the_scan_interval_keeps_its_old_name_for_existing_service_files():
    from schedule_export.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["serve", "agendas", "--scan-interval", "5"]).scan_interval == 5
    assert parser.parse_args(["serve", "agendas", "--rescan-interval", "7"]).scan_interval == 7
    assert parser.parse_args(["serve", "agendas"]).scan_interval == 1


def test_documents_written_just_before_the_start_are_in_the_first_calendar_served(tmp_path):
    """Regression: the first scan left files younger than the settle time for later, and all.ics was served without them."""
    folder = folder_with(tmp_path, FIREARMS, TRAFFICKING_EXAMPLE.name)  # just written: they wait to settle
    with RunningServer(folder, "--first-scan-wait", "60", settle=2, wait_for_scan=False) as running:
        combined = httpx.get(running.url + "/all.ics", timeout=90)
        running.wait_for_first_scan()
    assert combined.status_code == 200
    assert len(events(combined.content)) == 5 + 5
