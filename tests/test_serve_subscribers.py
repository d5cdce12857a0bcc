"""Subscribers never see a wrong, lost or duplicated meeting (issue 11), on the real server and the static site.

Half-saved documents are held back, removed documents are cancelled, revisions with their own symbol
(Rev.1, a reissue marked "*") stay the same meeting; each across a restart of the server.
"""

from __future__ import annotations

import shutil
import time
from datetime import datetime, timezone

import httpx
from icalendar import Calendar

from .serve_helpers import (
    FIREARMS, FIREARMS_KEY, FIXTURES, WP192, WP192_CORR1, WP192_KEY, WP192_REV1, RunningServer, folder_with, run_cli,
    wait_until,
)

CALENDAR = f"/meetings/{WP192_KEY}.ics"
CHANGELOG = f"/meetings/{WP192_KEY}/changes.html"
WEDNESDAY_TEN = datetime(2027, 4, 14, 8, tzinfo=timezone.utc)  # where Rev.1 puts item 5


def events_by_uid(body: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def statuses(body: bytes) -> list[str]:
    return [str(e["STATUS"]) for e in Calendar.from_ical(body).walk("VEVENT")]


def held_notice(http: httpx.Client, folder) -> bool:
    """Whether the index says the document is held back and how to confirm it."""
    return f"schedule-export confirm {folder} {WP192}" in http.get("/").text


def server_for(folder, tmp_path, *extra: str, **options) -> RunningServer:
    # a fixed base URL: calendars name their own address, and each run gets another port
    return RunningServer(
        folder, "--db", str(tmp_path / "state" / "history.sqlite3"), "--base-url", "https://calendars.example.org", *extra, **options,
    )


# -- 2. half-saved documents -----------------------------------------------------------------------------


def test_half_saved_document_cancels_nothing_and_restoring_it_changes_nothing_across_a_restart(tmp_path):
    folder = folder_with(tmp_path, WP192)
    original = (folder / WP192).read_bytes()
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        before = http.get(CALENDAR)
        (folder / WP192).write_bytes(original[: len(original) // 2])  # an editor or a copy that has not finished
        assert wait_until(lambda: held_notice(http, folder), timeout=30)  # the background scan has judged it
        during = http.get(CALENDAR)
        index = http.get("/").text
    assert before.status_code == during.status_code == 200
    assert during.content == before.content
    assert "CANCELLED" not in statuses(during.content)
    assert WP192 in index and f"schedule-export confirm {folder} {WP192}" in index
    assert f"warning: {WP192}: " in running.stderr and "Traceback" not in running.stderr

    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        assert http.get(CALENDAR).content == before.content  # still held after the restart
        (folder / WP192).write_bytes(original)
        assert wait_until(lambda: not held_notice(http, folder), timeout=30)
        restored = http.get(CALENDAR)
        changelog = http.get(CHANGELOG).text
    assert restored.content == before.content  # no new version: no SEQUENCE went up, nothing came back as "new"
    assert "Version 2" not in changelog


def test_held_revision_is_published_once_confirmed(tmp_path):
    folder = folder_with(tmp_path, WP192)
    database = tmp_path / "state" / "history.sqlite3"
    original = (folder / WP192).read_bytes()
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        before = events_by_uid(http.get(CALENDAR).content)
        (folder / WP192).write_bytes(original[: len(original) // 2])
        assert wait_until(lambda: held_notice(http, folder), timeout=30)
        assert "CANCELLED" not in statuses(http.get(CALENDAR).content)
        confirmed = run_cli("confirm", str(folder), WP192, "--db", str(database))
        assert confirmed.returncode == 0, confirmed.stderr
        assert wait_until(lambda: "CANCELLED" in statuses(http.get(CALENDAR).content), timeout=30)
        after = events_by_uid(http.get(CALENDAR).content)
    for uid, event in before.items():
        assert str(after[uid]["STATUS"]) == "CANCELLED"
        assert after[uid]["SEQUENCE"] == event["SEQUENCE"] + 1


def test_document_that_no_longer_reads_keeps_its_last_good_version_across_a_restart_until_confirmed(tmp_path):
    folder = folder_with(tmp_path, WP192)
    database = tmp_path / "state" / "history.sqlite3"
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        before = http.get(CALENDAR).content
        (folder / WP192).write_bytes(b"\x00\x01\x02 a copy gone wrong \xff\xfe" * 20)
        assert wait_until(lambda: "stays published until the file is fixed" in http.get("/").text, timeout=30)
        assert http.get(CALENDAR).content == before
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        assert http.get(CALENDAR).content == before
        index = http.get("/").text
        assert f"<code>{WP192}</code>" in index and "stays published until the file is fixed" in index
        assert run_cli("confirm", str(folder), WP192, "--db", str(database)).returncode == 0
        assert wait_until(lambda: "CANCELLED" in statuses(http.get(CALENDAR).content), timeout=30)
        cancelled = http.get(CALENDAR).content
    assert set(statuses(cancelled)) == {"CANCELLED"} and len(statuses(cancelled)) == 6


def test_confirming_a_document_that_is_not_in_the_folder_is_one_error_line(tmp_path):
    folder = folder_with(tmp_path, WP192)
    result = run_cli("confirm", str(folder), "../elsewhere.txt")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ../elsewhere.txt: ") and result.stderr.count("\n") == 1


def test_held_revision_is_published_after_the_hold_time_when_unchanged(tmp_path):
    folder = folder_with(tmp_path, WP192)
    original = (folder / WP192).read_bytes()
    with server_for(folder, tmp_path, "--hold-for", "1") as running, httpx.Client(base_url=running.url, timeout=30) as http:
        http.get(CALENDAR)
        (folder / WP192).write_bytes(original[: len(original) // 2])
        assert "CANCELLED" not in statuses(http.get(CALENDAR).content)
        assert wait_until(lambda: "CANCELLED" in statuses(http.get(CALENDAR).content), timeout=15)
    # held first (the log says so), published only after the hold time
    assert f"warning: {WP192}: drops " in running.stderr


def test_ordinary_revision_is_published_at_once_and_a_changing_file_only_once_it_settled(tmp_path):
    folder = folder_with(tmp_path, WP192)
    with server_for(folder, tmp_path, settle=1.5) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        # the folder was just written: even the first version is read only once it stopped changing
        assert wait_until(lambda: http.get(CALENDAR).status_code == 200, timeout=15)
        before = http.get(CALENDAR).content
        shutil.copy(FIXTURES / WP192_REV1, folder / WP192)  # one meeting moved, one dropped: not drastic
        assert http.get(CALENDAR).content == before  # just written: it may still be changing
        assert wait_until(lambda: "CANCELLED" in statuses(http.get(CALENDAR).content), timeout=15)
        index = http.get("/").text
    assert "confirm" not in index


# -- 3. removed documents --------------------------------------------------------------------------------


def test_removed_document_is_published_as_cancelled_across_a_restart_and_comes_back_with_its_uids(tmp_path):
    folder = folder_with(tmp_path, WP192, FIREARMS)
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        before = events_by_uid(http.get(CALENDAR).content)
        (folder / WP192).unlink()
        assert wait_until(lambda: set(statuses(http.get(CALENDAR).content)) == {"CANCELLED"}, timeout=30)
        removed = http.get(CALENDAR)
        combined = events_by_uid(http.get("/all.ics").content)
        index = http.get("/").text
    assert removed.status_code == 200
    after = events_by_uid(removed.content)
    assert after.keys() == before.keys()
    assert all(str(e["STATUS"]) == "CANCELLED" and e["SEQUENCE"] == 1 for e in after.values())
    assert all(str(combined[uid]["STATUS"]) == "CANCELLED" for uid in before)
    assert sum(str(e["STATUS"]) == "CONFIRMED" for e in combined.values()) == 5  # the firearms meetings
    assert f"{WP192}</code>: was removed: its meetings are published as cancelled until" in index

    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        assert http.get(CALENDAR).content == removed.content
        shutil.copy(FIXTURES / WP192, folder / WP192)
        assert wait_until(lambda: "CONFIRMED" in statuses(http.get(CALENDAR).content), timeout=30)
        back = events_by_uid(http.get(CALENDAR).content)
    assert back.keys() == before.keys()
    assert all(str(e["STATUS"]) == "CONFIRMED" and e["SEQUENCE"] == 2 for e in back.values())


def test_document_removed_while_the_server_was_stopped_is_cancelled_when_it_starts(tmp_path):
    folder = folder_with(tmp_path, WP192, FIREARMS)
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        assert http.get(CALENDAR).status_code == 200
    (folder / WP192).unlink()
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        assert set(statuses(http.get(CALENDAR).content)) == {"CANCELLED"}
        assert set(statuses(http.get(f"/meetings/{FIREARMS_KEY}.ics").content)) == {"CONFIRMED"}


def test_site_publishes_a_removed_document_as_cancelled_and_removes_its_other_files(tmp_path):
    folder = folder_with(tmp_path, WP192, FIREARMS)
    public = tmp_path / "public"
    assert run_cli("site", str(folder), "-o", str(public), "--settle", "0").returncode == 0
    programme = public / "meetings" / f"{WP192_KEY}.html"
    assert programme.exists()
    (folder / WP192).unlink()
    result = run_cli("site", str(folder), "-o", str(public), "--settle", "0")
    assert result.returncode == 0, result.stderr
    assert set(statuses((public / "meetings" / f"{WP192_KEY}.ics").read_bytes())) == {"CANCELLED"}
    assert not programme.exists() and not (public / "meetings" / f"{WP192_KEY}.json").exists()
    assert (public / "meetings" / WP192_KEY / "changes.html").exists()
    combined = statuses((public / "all.ics").read_bytes())
    assert combined.count("CANCELLED") == 6 and combined.count("CONFIRMED") == 5
    assert f"warning: {WP192}: was removed" in result.stderr


# -- 4. revisions with their own symbol ------------------------------------------------------------------


def check_reissued_revision(before: bytes, after: bytes) -> None:
    old, new = events_by_uid(before), events_by_uid(after)
    assert new.keys() == old.keys()  # nothing lost, nothing new: the same meeting
    cancelled = [uid for uid, e in new.items() if str(e["STATUS"]) == "CANCELLED"]
    moved = [uid for uid, e in new.items() if str(e["STATUS"]) == "CONFIRMED" and e["SEQUENCE"] == 1]
    assert len(cancelled) == 1 and len(moved) == 1
    assert new[moved[0]]["DTSTART"].dt.astimezone(timezone.utc) == WEDNESDAY_TEN
    assert new[cancelled[0]]["SEQUENCE"] == 1
    unchanged = new.keys() - set(cancelled) - set(moved)
    assert len(unchanged) == 4 and all(new[uid]["SEQUENCE"] == 0 for uid in unchanged)


def test_reissued_revision_with_its_own_symbol_updates_the_same_calendar_across_a_restart(tmp_path):
    folder = folder_with(tmp_path, WP192)
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        before = http.get(CALENDAR).content
    shutil.copy(FIXTURES / WP192_REV1, folder / WP192_REV1)  # "A/CN.9/WG.IV/WP.192/Rev.1*"
    (folder / WP192).unlink()
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        after = http.get(CALENDAR)
        changelog = http.get(CHANGELOG).text
        index = http.get("/").text
    assert after.status_code == 200
    check_reissued_revision(before, after.content)
    assert "Version 2 &middot; Rev.1, March 24, 2027" in changelog
    assert index.count('class="meeting"') == 1


def test_site_follows_a_reissued_revision_at_the_same_address(tmp_path):
    folder = folder_with(tmp_path, WP192)
    public = tmp_path / "public"
    assert run_cli("site", str(folder), "-o", str(public), "--settle", "0").returncode == 0
    before = (public / "meetings" / f"{WP192_KEY}.ics").read_bytes()
    shutil.copy(FIXTURES / WP192_REV1, folder / WP192_REV1)
    result = run_cli("site", str(folder), "-o", str(public), "--settle", "0")
    assert result.returncode == 0, result.stderr
    check_reissued_revision(before, (public / "meetings" / f"{WP192_KEY}.ics").read_bytes())
    index = (public / "index.html").read_text(encoding="utf-8")
    assert index.count('class="meeting"') == 1


def test_site_waits_for_a_document_still_being_written(tmp_path):
    folder = folder_with(tmp_path, WP192)
    public = tmp_path / "public"
    assert run_cli("site", str(folder), "-o", str(public), "--settle", "0").returncode == 0
    shutil.copy(FIXTURES / WP192_REV1, folder / WP192)
    started = time.monotonic()
    result = run_cli("site", str(folder), "-o", str(public), "--settle", "1")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= 1
    assert "CANCELLED" in statuses((public / "meetings" / f"{WP192_KEY}.ics").read_bytes())


def test_corrigendum_replacing_only_the_annex_updates_the_timetable_and_keeps_the_agenda_across_a_restart(tmp_path):
    folder = folder_with(tmp_path, WP192)
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        before = events_by_uid(http.get(CALENDAR).content)
        shutil.copy(FIXTURES / WP192_CORR1, folder / WP192_CORR1)  # Tuesday afternoon starts at 3 p.m. instead of 2
        assert wait_until(lambda: "Corr.1" in http.get(CHANGELOG).text, timeout=30)
        corrected = events_by_uid(http.get(CALENDAR).content)
        agenda = http.get(f"/meetings/{WP192_KEY}.json").json()["agenda"]
        changelog = http.get(CHANGELOG).text
    assert corrected.keys() == before.keys()
    moved = [uid for uid, e in corrected.items() if e["SEQUENCE"] == 1]
    assert len(moved) == 1 and corrected[moved[0]]["DTSTART"].dt.astimezone(timezone.utc) == datetime(2027, 4, 13, 13, tzinfo=timezone.utc)
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in corrected.values())
    assert [item["title"] for item in agenda][:2] == ["Opening of the session", "Election of officers"]
    assert "Corr.1, March 10, 2027" in changelog

    (folder / WP192).unlink()  # only the corrigendum is left: the agenda comes from the version it corrects
    with server_for(folder, tmp_path) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        assert http.get(f"/meetings/{WP192_KEY}.json").json()["agenda"] == agenda
        assert events_by_uid(http.get(CALENDAR).content).keys() == before.keys()


def test_site_keeps_the_last_good_version_of_a_half_saved_document_until_confirmed(tmp_path):
    folder = folder_with(tmp_path, WP192)
    public = tmp_path / "public"
    assert run_cli("site", str(folder), "-o", str(public), "--settle", "0").returncode == 0
    calendar = public / "meetings" / f"{WP192_KEY}.ics"
    before = calendar.read_bytes()
    original = (folder / WP192).read_bytes()
    (folder / WP192).write_bytes(original[: len(original) // 2])
    held = run_cli("site", str(folder), "-o", str(public), "--settle", "0")
    assert held.returncode == 0, held.stderr
    assert calendar.read_bytes() == before
    assert f"warning: {WP192}: drops " in held.stderr
    assert f"schedule-export confirm {folder} {WP192}" in (public / "index.html").read_text(encoding="utf-8")
    confirmed = run_cli("site", str(folder), "-o", str(public), "--settle", "0", "--confirm", WP192)
    assert confirmed.returncode == 0, confirmed.stderr
    assert "CANCELLED" in statuses(calendar.read_bytes())
