"""all.ics over seventeen years reads the same in every client (issue 11.1), served for real and after a restart."""

from __future__ import annotations

import shutil
import subprocess

import httpx
import pytest
from icalendar import Calendar

from .conftest import SHARED_CHECK
from .serve_helpers import FIREARMS, FIXTURES, RunningServer, run_cli

YEARS = range(2010, 2027)
# the site renders every format of every meeting (PDF included): a few meetings over the same span
SITE_YEARS = (2010, 2013, 2018, 2022, 2026)


def folder_over_the_years(tmp_path, years=YEARS):
    """The firearms agenda held every year from 2010 to 2026, in September (summer time) or December (winter)."""
    folder = tmp_path / "agendas"
    folder.mkdir()
    text = (FIXTURES / FIREARMS).read_text(encoding="utf-8")
    for year in years:
        month = "septembre" if year % 2 == 0 else "décembre"
        dated = text.replace("2027", str(year)).replace("septembre", month).replace("juin", "mai")
        (folder / f"firearms_{year}.txt").write_text(dated, encoding="utf-8")
    return folder


def check_with_clients(body: bytes, target) -> str:
    target.write_bytes(body)
    result = subprocess.run([str(SHARED_CHECK), str(target)], capture_output=True, text=True, timeout=600)
    summary = [line for line in result.stdout.splitlines() if line.startswith("ics-clients:")]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    return summary[-1]


def test_combined_calendar_over_seventeen_years_has_one_vtimezone_in_rule_form(tmp_path):
    folder = folder_over_the_years(tmp_path)
    with RunningServer(folder) as running, httpx.Client(base_url=running.url, timeout=60) as http:
        combined = Calendar.from_ical(http.get("/all.ics").content)
    (vtimezone,) = combined.walk("VTIMEZONE")
    assert "RDATE" not in vtimezone.to_ical().decode()
    assert len(combined.walk("VEVENT")) == 5 * len(YEARS)
    years = {e["DTSTART"].dt.year for e in combined.walk("VEVENT")}
    assert years == set(YEARS)


@pytest.mark.skipif(not SHARED_CHECK.exists() or shutil.which("node") is None, reason="../shared/tools/ics-clients or node not present")
def test_seven_clients_agree_on_all_ics_over_seventeen_years_before_and_after_a_restart(tmp_path):
    folder = folder_over_the_years(tmp_path)
    database = tmp_path / "state" / "history.sqlite3"
    arguments = ("--db", str(database), "--base-url", "https://calendars.example.org")
    with RunningServer(folder, *arguments) as running, httpx.Client(base_url=running.url, timeout=60) as http:
        first = http.get("/all.ics").content
    with RunningServer(folder, *arguments) as running, httpx.Client(base_url=running.url, timeout=60) as http:
        again = http.get("/all.ics").content
    assert again == first
    summary = check_with_clients(first, tmp_path / "all.ics")
    assert f"7/7 clients agree on {5 * len(YEARS)} events" in summary and "structural ok" in summary


@pytest.mark.skipif(not SHARED_CHECK.exists() or shutil.which("node") is None, reason="../shared/tools/ics-clients or node not present")
def test_seven_clients_agree_on_the_sites_all_ics_with_cancelled_meetings_years_apart(tmp_path):
    folder = folder_over_the_years(tmp_path, SITE_YEARS)
    public = tmp_path / "public"
    assert run_cli("site", str(folder), "-o", str(public), "--settle", "0").returncode == 0
    (folder / "firearms_2010.txt").unlink()  # its cancelled meetings stay in the calendar, years before the others
    (folder / "firearms_2026.txt").unlink()
    assert run_cli("site", str(folder), "-o", str(public), "--settle", "0").returncode == 0
    body = (public / "all.ics").read_bytes()
    assert body.count(b"STATUS:CANCELLED") == 10
    summary = check_with_clients(body, tmp_path / "all.ics")
    assert "7/7 clients agree" in summary and "structural ok" in summary
