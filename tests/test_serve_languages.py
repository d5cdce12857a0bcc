"""Language versions and file formats of one agenda are one meeting on the index and in all.ics (issue 10.4)."""

from __future__ import annotations

import shutil
from datetime import timezone

import httpx
from icalendar import Calendar

from .serve_helpers import (
    FIREARMS, FIXTURES, WP192, WP192_FR, WP192_HTML, WP192_KEY, WP192_REV1, RunningServer, folder_with, run_cli,
)

BASE_URL = "https://calendars.example.org"
ENGLISH = f"/meetings/{WP192_KEY}.en.ics"
FRENCH = f"/meetings/{WP192_KEY}.fr.ics"


def events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def timetable(body: bytes) -> dict[str, tuple]:
    """UID -> (UTC start, UTC end, status, sequence) of every event."""
    return {
        str(e["UID"]): (e["DTSTART"].dt.astimezone(timezone.utc), e["DTEND"].dt.astimezone(timezone.utc), str(e["STATUS"]), e["SEQUENCE"])
        for e in events(body)
    }


def test_one_entry_a_calendar_per_language_and_each_meeting_once_in_all_ics_across_a_restart(tmp_path):
    folder = folder_with(tmp_path, WP192, WP192_FR, WP192_HTML, FIREARMS)
    database = tmp_path / "state" / "history.sqlite3"
    with RunningServer(folder, "--db", str(database), "--base-url", BASE_URL) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        index = http.get("/").text
        english, french = http.get(ENGLISH), http.get(FRENCH)
        combined = http.get("/all.ics").content
    assert index.count('class="meeting"') == 2  # the UNCITRAL agenda (three files) and the firearms one
    assert f'href="meetings/{WP192_KEY}.en.ics"' in index and f'href="meetings/{WP192_KEY}.fr.ics"' in index
    assert english.status_code == french.status_code == 200
    assert timetable(english.content) == timetable(french.content)
    assert len(timetable(english.content)) == 6
    assert any("Utilisation de l'intelligence artificielle" in str(e["SUMMARY"]) for e in events(french.content))
    assert any("Use of artificial intelligence" in str(e["SUMMARY"]) for e in events(english.content))
    assert f"URL:{BASE_URL}{FRENCH}".encode() in french.content
    uids = [str(e["UID"]) for e in events(combined)]
    assert len(uids) == len(set(uids)) == 6 + 5

    # the English Rev.1 replaces the English files; the French version is not revised yet
    (folder / WP192).unlink()
    (folder / WP192_HTML).unlink()
    shutil.copy(FIXTURES / WP192_REV1, folder / WP192_REV1)
    with RunningServer(folder, "--db", str(database), "--base-url", BASE_URL) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        english_after, french_after = http.get(ENGLISH).content, http.get(FRENCH).content
        combined_after = http.get("/all.ics").content
    # the French calendar never shows the times the revision changed: it follows the published timetable
    assert timetable(french_after) == timetable(english_after)
    assert timetable(english_after).keys() == timetable(english.content).keys()
    assert [s for _, _, s, _ in timetable(french_after).values()].count("CANCELLED") == 1
    assert any("Utilisation de l'intelligence artificielle" in str(e["SUMMARY"]) for e in events(french_after))  # still French
    uids = [str(e["UID"]) for e in events(combined_after)]
    assert len(uids) == len(set(uids)) == 6 + 5


def test_site_writes_a_calendar_per_language_and_one_entry(tmp_path):
    folder = folder_with(tmp_path, WP192, WP192_FR)
    public = tmp_path / "public"
    result = run_cli("site", str(folder), "-o", str(public), "--settle", "0", "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    english = (public / "meetings" / f"{WP192_KEY}.en.ics").read_bytes()
    french = (public / "meetings" / f"{WP192_KEY}.fr.ics").read_bytes()
    assert timetable(english) == timetable(french)
    assert (public / "index.html").read_text(encoding="utf-8").count('class="meeting"') == 1
    assert len(events((public / "all.ics").read_bytes())) == 6
