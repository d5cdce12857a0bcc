"""A subscribed calendar follows a revised agenda: served for real, revised on disk, fetched again."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone

import httpx
import pytest
from icalendar import Calendar

from .conftest import SHARED_CHECK
from .serve_helpers import FIREARMS, FIREARMS_KEY, FIREARMS_REVISED, FIXTURES, RunningServer, folder_with, wait_until

BASE_URL = "https://calendars.example.org"
CALENDAR = f"/meetings/{FIREARMS_KEY}.ics"
CHANGELOG = f"/meetings/{FIREARMS_KEY}/changes.html"
TUESDAY_AFTERNOON = datetime(2027, 9, 14, 13, tzinfo=timezone.utc)  # item 2: removed in the revision
WEDNESDAY_AFTERNOON = datetime(2027, 9, 15, 13, tzinfo=timezone.utc)  # item 3 continued: moved...
THURSDAY_AFTERNOON = datetime(2027, 9, 16, 13, tzinfo=timezone.utc)  # ...to here


def events_by_start(body: bytes) -> dict[datetime, object]:
    calendar = Calendar.from_ical(body)
    return {e["DTSTART"].dt.astimezone(timezone.utc): e for e in calendar.walk("VEVENT")}


def revise(folder) -> None:
    """The revised document replaces the original under a new file name, as the secretariat would publish it."""
    shutil.copy(FIXTURES / FIREARMS_REVISED, folder / FIREARMS_REVISED)
    (folder / FIREARMS).unlink()


@pytest.fixture
def revised_run(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    database = tmp_path / "state" / "history.sqlite3"
    with RunningServer(folder, "--db", str(database), "--base-url", BASE_URL) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        before = http.get(CALENDAR)
        revise(folder)
        # scanned in the background: the revision is published within a scan or two
        assert wait_until(lambda: b"STATUS:CANCELLED" in http.get(CALENDAR).content, timeout=30)
        after = http.get(CALENDAR)
        changelog = http.get(CHANGELOG)
        combined = http.get("/all.ics")
    return folder, database, before, after, changelog, combined


def test_revised_agenda_keeps_uids_bumps_the_moved_meeting_and_cancels_the_removed_one(revised_run):
    _, _, before, after, _, _ = revised_run
    assert before.status_code == after.status_code == 200
    assert before.headers["etag"] != after.headers["etag"]
    old, new = events_by_start(before.content), events_by_start(after.content)
    assert {str(e["UID"]) for e in old.values()} == {str(e["UID"]) for e in new.values()}
    moved = new[THURSDAY_AFTERNOON]
    assert str(moved["UID"]) == str(old[WEDNESDAY_AFTERNOON]["UID"])
    assert moved["SEQUENCE"] > old[WEDNESDAY_AFTERNOON]["SEQUENCE"]
    assert moved["LAST-MODIFIED"].dt > old[WEDNESDAY_AFTERNOON]["LAST-MODIFIED"].dt
    assert WEDNESDAY_AFTERNOON not in new
    removed = new[TUESDAY_AFTERNOON]
    assert str(removed["UID"]) == str(old[TUESDAY_AFTERNOON]["UID"])
    assert str(removed["STATUS"]) == "CANCELLED"
    assert removed["SEQUENCE"] > old[TUESDAY_AFTERNOON]["SEQUENCE"]
    unchanged = [start for start in new if start not in (THURSDAY_AFTERNOON, TUESDAY_AFTERNOON)]
    assert len(unchanged) == 3
    for start in unchanged:
        assert new[start]["SEQUENCE"] == old[start]["SEQUENCE"] == 0
        assert str(new[start]["UID"]) == str(old[start]["UID"])
        assert str(new[start]["STATUS"]) == "CONFIRMED"


def test_changelog_page_names_the_moved_and_the_cancelled_meeting_in_the_documents_language(revised_run):
    _, _, _, _, changelog, _ = revised_run
    assert changelog.status_code == 200
    page = changelog.text
    assert "Historique des révisions" in page
    assert "Version 2" in page and "Version 1" in page
    assert "Séance annulée" in page and "Mardi 14 septembre 2027, 15 heures-18 heures" in page
    assert "Séance déplacée" in page and "Point 3 (suite)" in page
    assert "Mercredi 15 septembre 2027, 15 heures-18 heures &rarr; Jeudi 16 septembre 2027, 15 heures-18 heures" in page
    assert FIREARMS_REVISED not in page and "Version 2" in page  # versions, not file names


def test_combined_calendar_carries_the_cancellation_too(revised_run):
    _, _, _, _, _, combined = revised_run
    events = events_by_start(combined.content)
    assert str(events[TUESDAY_AFTERNOON]["STATUS"]) == "CANCELLED"
    assert len(events) == 5


def test_history_survives_a_restart_of_the_server(revised_run):
    folder, database, _, after, changelog, _ = revised_run
    with RunningServer(folder, "--db", str(database), "--base-url", BASE_URL) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        again = http.get(CALENDAR)
        assert again.content == after.content
        assert http.get(CALENDAR, headers={"If-None-Match": after.headers["etag"]}).status_code == 304
        assert "Version 2" in http.get(CHANGELOG).text


def test_served_calendar_after_a_revision_passes_the_calendar_clients_check(revised_run, tmp_path):
    if not SHARED_CHECK.exists():
        pytest.skip("the shared ics-clients check is not on this machine")
    _, _, _, after, _, combined = revised_run
    for name, response in (("meeting.ics", after), ("all.ics", combined)):
        target = tmp_path / name
        target.write_bytes(response.content)
        assert b"STATUS:CANCELLED" in response.content
        result = subprocess.run([str(SHARED_CHECK), str(target)], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
        assert "structural ok" in result.stdout
