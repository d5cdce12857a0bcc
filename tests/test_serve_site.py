"""`schedule-export site`: the same pages and calendars as static files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timezone

from icalendar import Calendar

from schedule_export.render import exporter_names, get_exporter

from .serve_helpers import FIREARMS, FIREARMS_KEY, FIREARMS_REVISED, FIXTURES, TRAFFICKING_EXAMPLE, folder_with


def run_site(*args: str) -> subprocess.CompletedProcess:
    # no settle time: the tests write whole files at once
    command = [sys.executable, "-m", "schedule_export.cli", "site", *args, "--settle", "0"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_site_writes_index_combined_calendar_and_every_format_of_every_meeting(tmp_path):
    folder = folder_with(tmp_path, FIREARMS, TRAFFICKING_EXAMPLE.name)
    public = tmp_path / "public"
    result = run_site(str(folder), "-o", str(public), "--base-url", "https://calendars.example.org")
    assert result.returncode == 0, result.stderr
    index = (public / "index.html").read_text(encoding="utf-8")
    assert f'href="webcal://calendars.example.org/meetings/{FIREARMS_KEY}.ics"' in index
    assert f'href="meetings/{FIREARMS_KEY}/changes.html"' in index
    for name in exporter_names():
        assert (public / "meetings" / f"{FIREARMS_KEY}.{get_exporter(name).extension}").stat().st_size > 0
    combined = Calendar.from_ical((public / "all.ics").read_bytes())
    assert len(combined.walk("VEVENT")) == 10
    assert not (public / FIREARMS).exists()
    assert not any(p.name.endswith(".sqlite3") for p in public.rglob("*"))


def test_site_follows_a_revision_between_two_builds(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    public = tmp_path / "public"
    assert run_site(str(folder), "-o", str(public)).returncode == 0
    (folder / FIREARMS).unlink()
    shutil.copy(FIXTURES / FIREARMS_REVISED, folder / FIREARMS_REVISED)
    assert run_site(str(folder), "-o", str(public)).returncode == 0
    calendar = Calendar.from_ical((public / "meetings" / f"{FIREARMS_KEY}.ics").read_bytes())
    status = {e["DTSTART"].dt.astimezone(timezone.utc): str(e["STATUS"]) for e in calendar.walk("VEVENT")}
    assert status[datetime(2027, 9, 14, 13, tzinfo=timezone.utc)] == "CANCELLED"
    assert list(status.values()).count("CONFIRMED") == 4
    changelog = (public / "meetings" / FIREARMS_KEY / "changes.html").read_text(encoding="utf-8")
    assert "Séance annulée" in changelog and "Séance déplacée" in changelog
    assert (folder / ".schedule-export" / "history.sqlite3").exists()


def test_broken_document_is_an_error_line_and_listed_on_the_index(tmp_path):
    folder = folder_with(tmp_path, FIREARMS, "broken.txt")
    public = tmp_path / "public"
    result = run_site(str(folder), "-o", str(public))
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("error: ")] == [
        line for line in result.stderr.splitlines() if line.startswith("error: broken.txt: ")
    ]
    assert "error: broken.txt: " in result.stderr
    assert "Traceback" not in result.stderr
    index = (public / "index.html").read_text(encoding="utf-8")
    assert "broken.txt" in index and "Groupe de travail sur les armes à feu" in index


def test_missing_folder_is_one_error_line_and_writes_nothing(tmp_path):
    public = tmp_path / "public"
    result = run_site(str(tmp_path / "nowhere"), "-o", str(public))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("error: ")
    assert not public.exists()


def test_base_url_with_a_path_or_script_is_refused(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    result = run_site(str(folder), "-o", str(tmp_path / "public"), "--base-url", "javascript:alert(1)")
    assert result.returncode == 1 and result.stderr.startswith("error: ")
