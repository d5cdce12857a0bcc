"""VTIMEZONE in rule form: every client reads calendars spanning many years alike."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest

from schedule_export.render.vtimezone import build_vtimezone, set_timezones, transitions

from .conftest import SHARED_CHECK

needs_check = pytest.mark.skipif(
    not SHARED_CHECK.exists() or shutil.which("node") is None, reason="../shared/tools/ics-clients or node not present"
)


def meetings_every_season(zone_name: str, first_year: int, last_year: int) -> icalendar.Calendar:
    """A calendar with a morning meeting in each month of every year: summer and winter times, both hemispheres."""
    zone = ZoneInfo(zone_name)
    calendar = icalendar.Calendar.new(prodid="-//schedule-export tests//EN", uid="tz-test@schedule-export")
    stamp = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for year in range(first_year, last_year + 1):
        for month in range(1, 13):
            start = datetime(year, month, 15, 10, tzinfo=zone)
            calendar.add_component(icalendar.Event.new(
                uid=f"{zone_name}-{year}-{month}@test", stamp=stamp, start=start, end=start + timedelta(hours=3),
                summary=f"{year}-{month:02d}",
            ))
    return set_timezones(calendar)


def observances(component) -> list:
    return [c for c in component.subcomponents if c.name in ("STANDARD", "DAYLIGHT")]


def test_vienna_over_seventeen_years_is_two_yearly_rules_and_no_rdate():
    component = build_vtimezone("Europe/Vienna", 2010, 2026)
    text = component.to_ical().decode()
    assert "RDATE" not in text
    rules = sorted(str(o["RRULE"].to_ical().decode()) for o in observances(component) if "RRULE" in o)
    assert rules == ["FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"]
    daylight = next(o for o in observances(component) if o.name == "DAYLIGHT")
    # the onset is written in the wall time it leaves (02:00 CET), as Outlook and tzurl.org write it
    assert daylight["DTSTART"].dt.time().hour == 2 and daylight["TZNAME"] == "CEST"


def test_zone_without_daylight_saving_time_has_one_observance():
    component = build_vtimezone("Africa/Nairobi", 2010, 2026)
    (only,) = observances(component)
    assert only.name == "STANDARD" and only["TZOFFSETTO"].td == timedelta(hours=3) and "RRULE" not in only


def test_rules_that_ended_carry_a_utc_until_before_the_next_rule_of_their_kind_begins():
    component = build_vtimezone("America/Santiago", 2010, 2026)
    ruled = [o for o in observances(component) if "RRULE" in o]
    ended = [o for o in ruled if "UNTIL" in o["RRULE"]]
    assert ended
    for observance in ended:
        until = observance["RRULE"]["UNTIL"]
        until = until[0] if isinstance(until, list) else until
        assert until.tzinfo is not None  # UTC, as RFC 5545 requires inside a VTIMEZONE
        later = [o for o in observances(component) if o.name == observance.name and o["DTSTART"].dt > observance["DTSTART"].dt]
        assert all(o["DTSTART"].dt > until.replace(tzinfo=None) for o in later)


@pytest.mark.parametrize("zone_name", ["Europe/Vienna", "Africa/Nairobi", "America/Santiago", "Australia/Sydney", "America/New_York"])
def test_every_meeting_reads_back_at_the_instant_the_tz_database_gives(zone_name):
    calendar = meetings_every_season(zone_name, 2010, 2026)
    parsed = icalendar.Calendar.from_ical(calendar.to_ical())
    assert parsed.get_missing_tzids() == set()
    # icalendar resolves TZID through the tz database, so read the offsets the VTIMEZONE itself states instead
    vtimezone = parsed.walk("VTIMEZONE")[0]
    zone = vtimezone.to_tz()
    for event in parsed.walk("VEVENT"):
        wall = event["DTSTART"].dt.replace(tzinfo=None)
        expected = wall.replace(tzinfo=ZoneInfo(zone_name)).astimezone(timezone.utc)
        assert wall.replace(tzinfo=zone).astimezone(timezone.utc) == expected, event["SUMMARY"]


def test_transitions_are_found_to_the_second():
    found = transitions(ZoneInfo("Europe/Vienna"), datetime(2025, 1, 1, tzinfo=timezone.utc), datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert [t.at for t in found] == [datetime(2025, 3, 30, 1, tzinfo=timezone.utc), datetime(2025, 10, 26, 1, tzinfo=timezone.utc)]


@needs_check
@pytest.mark.parametrize("zone_name", ["Europe/Vienna", "Africa/Nairobi", "America/Santiago", "Australia/Sydney"])
def test_seven_clients_agree_on_a_calendar_spanning_2010_to_2026(zone_name, tmp_path):
    target = tmp_path / f"{zone_name.replace('/', '-')}.ics"
    target.write_bytes(meetings_every_season(zone_name, 2010, 2026).to_ical())
    result = subprocess.run([str(SHARED_CHECK), str(target)], capture_output=True, text=True, timeout=600)
    summary = [line for line in result.stdout.splitlines() if line.startswith("ics-clients:")]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert summary and "7/7 clients agree" in summary[-1] and "structural ok" in summary[-1], summary


def test_a_few_years_where_last_and_fourth_sunday_both_fit_give_the_last_sunday():
    """Regression: over 2021-2023 the March changes (28th, 27th, 26th) fit "4SU" too, which is wrong from 2024 on."""
    rules = [o["RRULE"].to_ical().decode() for o in observances(build_vtimezone("Europe/Vienna", 2021, 2023)) if "RRULE" in o]
    assert sorted(rules) == ["FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"]
