"""jCal (RFC 7265) and xCal (RFC 6321): the same events as the ICS, parsed back to the same instants."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from lxml import etree

from schedule_export.pipeline import load_meeting
from schedule_export.render import RenderOptions, get_exporter

from .conftest import EXAMPLES, FIXTURES

# every document we read, the timetable layouts too
DOCUMENTS = sorted(EXAMPLES.iterdir()) + sorted(p for p in FIXTURES.iterdir() if p.is_file()) + sorted((FIXTURES / "layouts").iterdir())
XCAL = "{urn:ietf:params:xml:ns:icalendar-2.0}"


def render(name: str, path: Path) -> bytes:
    return get_exporter(name).render(load_meeting(path), RenderOptions())


def utc(value: date | datetime) -> date | datetime:
    return value.astimezone(timezone.utc) if isinstance(value, datetime) else value


def ics_events(path: Path) -> list[tuple[str, object, object, str]]:
    calendar = icalendar.Calendar.from_ical(render("ics", path))
    return [(str(e["UID"]), utc(e.start), utc(e.end), str(e["SUMMARY"])) for e in calendar.walk("VEVENT")]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_jcal_parses_back_to_the_same_events_as_the_ics(path):
    data = json.loads(render("jcal", path))
    assert data[0] == "vcalendar"
    calendar = icalendar.Calendar.from_jcal(data)
    events = [(str(e["UID"]), utc(e.start), utc(e.end), str(e["SUMMARY"])) for e in calendar.walk("VEVENT")]
    assert events == ics_events(path)


def _xcal_value(prop: etree._Element) -> tuple[dict[str, str], str, str]:
    """(parameters, value type, text) of one xCal property, read as RFC 6321 lays it out."""
    parameters = {p.tag.removeprefix(XCAL): p[0].text for p in prop.findall(f"{XCAL}parameters/*")}
    value = next(child for child in prop if child.tag != f"{XCAL}parameters")
    return parameters, value.tag.removeprefix(XCAL), value.text or ""


def _xcal_instant(prop: etree._Element) -> date | datetime:
    parameters, kind, text = _xcal_value(prop)
    if kind == "date":
        return date.fromisoformat(text)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(parameters["tzid"]))
    return utc(moment)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_xcal_parses_back_to_the_same_events_as_the_ics(path):
    root = etree.fromstring(render("xcal", path))
    assert root.tag == f"{XCAL}icalendar"
    events = []
    for event in root.iterfind(f"{XCAL}vcalendar/{XCAL}components/{XCAL}vevent/{XCAL}properties"):
        events.append((
            _xcal_value(event.find(f"{XCAL}uid"))[2],
            _xcal_instant(event.find(f"{XCAL}dtstart")),
            _xcal_instant(event.find(f"{XCAL}dtend")),
            _xcal_value(event.find(f"{XCAL}summary"))[2],
        ))
    assert events == ics_events(path)
    zones = root.findall(f"{XCAL}vcalendar/{XCAL}components/{XCAL}vtimezone")
    meeting = load_meeting(path)
    assert [_xcal_value(z.find(f"{XCAL}properties/{XCAL}tzid"))[2] for z in zones] == ([meeting.timezone] if meeting.sessions else [])


def test_summer_and_winter_time_come_back_right_from_xcal():
    """The daylight-saving fixture: the same wall time is 08:00Z in summer time and 09:00Z after the change."""
    root = etree.fromstring(render("xcal", FIXTURES / "en_dst_tabs.txt"))
    starts = [_xcal_instant(p) for p in root.iter(f"{XCAL}dtstart") if p.getparent().getparent().tag == f"{XCAL}vevent"]
    assert {s.hour for s in starts if isinstance(s, datetime)} >= {8, 9}
