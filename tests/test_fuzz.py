"""Fuzzing the pipeline: mutated agendas go through read, parse and every text renderer.

Whatever the input, a user sees either our own error (one ``error:`` line) or
output that holds: unique UIDs, no control character and no bare CR or LF in a
calendar line, JSON that reads back to the same instants. The seeds are the small
valid documents of tests/fixtures; hypothesis inserts, deletes, replaces and
repeats pieces of them, and splices one into another. Inputs that broke the
pipeline once are kept in tests/fixtures/hostile/ and checked on every run.

The suite runs the same 150 mutations every time, so that it passes or fails for
a reason; ``SCHEDULE_EXPORT_FUZZ_EXAMPLES=5000`` runs a longer campaign with new
random mutations. Keep what it finds in tests/fixtures/hostile/, named after what broke.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schedule_export.errors import ScheduleExportError
from schedule_export.model import EARLIEST_DAY, LATEST_DAY, Deadline, Meeting, Session
from schedule_export.parse import parse_document
from schedule_export.read import read_bytes
from schedule_export.render import RenderOptions, exporter_names, get_exporter

from .conftest import FIXTURES

SEEDS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md", ".html"))
SEED_BYTES = {p.name: p.read_bytes() for p in SEEDS}
HOSTILE = sorted((FIXTURES / "hostile").iterdir())
CAMPAIGN = int(os.environ.get("SCHEDULE_EXPORT_FUZZ_EXAMPLES", "0"))
TEXT_FORMATS = tuple(name for name in exporter_names() if name != "pdf")  # PDF needs Pango and takes seconds

# What hostile input is made of: line breaks of every kind, control characters, markup,
# table syntax, digits and dates at the edges of the calendar, other scripts.
PIECES = [
    "\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x00", "\x01", "\x1b", "\x7f", "\x9b", "\t",
    "<", ">", "</td>", "<td colspan=\"1000000000\">", "<td rowspan=\"²\">", "<![", "<!--", "<ol start=\"٣\">", "&#13;", "&#0;",
    "*", "**", "_", "[", "](", "|", "|--|", "---", "+----+", "#", "\\",
    "9999", "0001", "31 December 9999", "1 January 0001", "29 February", "2.30–3.15 a.m.", "24.00", "12 noon",
    "CTOC/COP/WG.2/2025/", "A.", "(continued)", "Vienna, ", "Москва", "北京", "٣", "²", "\ufeff", "\ud7ff", " ",
]


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[bytes, str]:
    name = draw(st.sampled_from(sorted(SEED_BYTES)))
    text = SEED_BYTES[name].decode("utf-8")
    piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=8))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat_line", "splice"]))
        if kind == "insert":
            text = text[:at] + draw(piece) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        elif kind == "replace":
            text = text[:at] + draw(piece) + text[at + draw(st.integers(1, 20)) :]
        elif kind == "repeat_line":
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines[index:index] = [lines[index]] * draw(st.integers(1, 50))
            text = "\n".join(lines)
        else:
            other = SEED_BYTES[draw(st.sampled_from(sorted(SEED_BYTES)))].decode("utf-8")
            start = draw(st.integers(0, len(other)))
            text = text[:at] + other[start : start + draw(st.integers(1, 2000))] + text[at:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass"), name


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_outputs(data: bytes, name: str) -> None:
    """The properties every input must have: our own errors only, and sound calendars and JSON."""
    try:
        meeting = parse_document(read_bytes(data, name, suffix=Path(name).suffix))
        outputs = {fmt: get_exporter(fmt).render(meeting, RenderOptions()) for fmt in TEXT_FORMATS}
    except ScheduleExportError:
        return  # one error line for this input: what the contract asks
    check_calendar(outputs["ics"])
    check_json(meeting, outputs["json"])


def check_calendar(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    for line in data[:-2].split(b"\r\n"):
        assert b"\r" not in line and b"\n" not in line, f"bare CR or LF in {line[:80]!r}"
        text = line.decode("utf-8")
        assert not _CONTROL.search(text), f"control character in {text[:80]!r}"
    calendar = icalendar.Calendar.from_ical(data)
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)), f"UIDs repeated: {sorted(u for u in uids if uids.count(u) > 1)}"
    assert not calendar.get_missing_tzids()


def check_json(meeting: Meeting, data: bytes) -> None:
    back = Meeting.model_validate_json(data)

    def instants(m: Meeting) -> list[tuple[object, object]]:
        return [(s.start.astimezone(timezone.utc), s.end.astimezone(timezone.utc)) for s in m.sessions]

    assert instants(back) == instants(meeting)
    assert (back.first_day, back.last_day, back.title, back.city) == (meeting.first_day, meeting.last_day, meeting.title, meeting.city)


@pytest.mark.parametrize("path", SEEDS + HOSTILE, ids=lambda p: p.name)
def test_seeds_and_inputs_that_broke_once_hold_every_property(path):
    check_outputs(path.read_bytes(), path.name)


@settings(
    max_examples=CAMPAIGN or 150,
    deadline=timedelta(seconds=10),
    derandomize=not CAMPAIGN,
    database=None,  # no .hypothesis folder in the project; crashers are kept as named fixtures instead
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_documents())
def test_mutated_documents_hold_every_property(document):
    data, name = document
    check_outputs(data, name)


CITIES = Path(__file__).parents[1] / "schedule_export" / "data" / "cities.toml"
CITY_ZONES = sorted(set(re.findall(r'"([A-Z][a-z]+/[A-Za-z_/]+)"', CITIES.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("zone", CITY_ZONES)
def test_every_city_zone_renders_the_edges_of_the_date_range(zone):
    """Midnight to midnight on the first and last days in range, where zones had offsets in seconds or change far ahead."""
    local = ZoneInfo(zone)
    for day in (EARLIEST_DAY, date(1900, 6, 30), LATEST_DAY):
        meeting = Meeting(
            source="x.txt", language="en", title="T", timezone=zone, first_day=day, last_day=day,
            sessions=(Session(start=datetime.combine(day, time(0, 0), tzinfo=local), end=datetime.combine(day, time(23, 59), tzinfo=local), ordinal=1),),
            deadlines=(Deadline(date=day, label="Registration"),),
        )
        outputs = {fmt: get_exporter(fmt).render(meeting, RenderOptions(display_tz="Pacific/Kiritimati")) for fmt in TEXT_FORMATS}
        check_calendar(outputs["ics"])
        check_json(meeting, outputs["json"])
