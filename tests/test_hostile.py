"""Hostile and broken input: one clear error line or a clean result, never a traceback or an injected line.

The documents are in tests/fixtures/hostile/, each named after what it broke.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest

from schedule_export.errors import ParseError
from schedule_export.lang import load_pack
from schedule_export.model import Deadline, Meeting, Session, clean_text
from schedule_export.parse import parse_document
from schedule_export.parse.context import Context
from schedule_export.parse.document import meeting_from_sentence
from schedule_export.parse.walltime import session_bounds, wall_time
from schedule_export.read import read_bytes
from schedule_export.render import RenderOptions, get_exporter
from schedule_export.render.json import render_json

from .conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
VIENNA = ZoneInfo("Europe/Vienna")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run([sys.executable, "-m", "schedule_export.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def load(name: str) -> Meeting:
    path = HOSTILE / name
    return parse_document(read_bytes(path.read_bytes(), path.name, suffix=path.suffix))


# --- dates the model cannot render ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("year_9999.txt", "the first day 9999-03-04"),
        ("year_0001.txt", "the first day 0001-01-01"),
        ("last_day_31_december_9999.txt", "the first day 9999-12-30"),
        ("timetable_day_sunday_31_december_9999.txt", "the timetable's day 9999-12-31"),
    ],
)
def test_dates_out_of_range_give_one_error_line_and_other_inputs_are_converted(tmp_path, name, reason):
    good = FIXTURES / "en_dst_tabs.txt"
    result = run("convert", str(HOSTILE / name), str(good), "-f", "ics", "-f", "json", "-f", "html", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {HOSTILE / name}: inconsistent meeting: {reason} is out of range (only the years 1900-2200 can be scheduled)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en_dst_tabs.html", "en_dst_tabs.ics", "en_dst_tabs.json"]


def test_a_meeting_at_half_past_midnight_on_1_january_of_year_1_is_refused_before_any_conversion():
    # 00:30 in Vienna is 23:24:39 UTC of the year before: year 0 does not exist
    with pytest.raises(ParseError, match="a meeting on 0001-01-01 is out of range"):
        wall_time(date(1, 1, 1), time(0, 30), VIENNA)


@pytest.mark.parametrize(
    "values",
    [
        {"first_day": date(9999, 12, 31), "last_day": date(9999, 12, 31)},
        {"first_day": date(1, 1, 1), "last_day": date(1, 1, 2)},
        {"first_day": date(2025, 1, 1), "last_day": date(2025, 1, 2), "document_date": date(1899, 12, 31)},
    ],
)
def test_the_model_refuses_days_it_cannot_render(values):
    with pytest.raises(ValueError, match="is out of range"):
        Meeting(source="x.txt", language="en", title="T", **values)


def test_the_model_refuses_a_deadline_it_cannot_render():
    with pytest.raises(ValueError, match="a deadline on 2201-01-01 is out of range"):
        Deadline(date=date(2201, 1, 1), label="Registration")


def test_a_meeting_lasting_centuries_is_refused():
    with pytest.raises(ValueError, match="would last more than a year"):
        Meeting(source="x.txt", language="en", title="T", first_day=date(1900, 1, 1), last_day=date(2200, 12, 31))


@pytest.mark.parametrize("exporter", ["ics", "json", "html", "email-html", "txt", "eml"])
def test_the_last_and_first_days_in_range_render_in_every_format(exporter):
    last = Meeting(
        source="x.txt", language="en", title="T", first_day=date(2200, 12, 31), last_day=date(2200, 12, 31),
        deadlines=(Deadline(date=date(2200, 12, 31), label="Registration"),),
    )
    first = Meeting(
        source="x.txt", language="en", title="T", first_day=date(1900, 1, 1), last_day=date(1900, 1, 1),
        sessions=(Session(start=datetime(1900, 1, 1, 0, 30, tzinfo=VIENNA), end=datetime(1900, 1, 1, 1, 0, tzinfo=VIENNA), ordinal=1),),
    )
    for meeting in (last, first):
        assert get_exporter(exporter).render(meeting, RenderOptions())


# --- text values: line breaks and control characters -------------------------------------


def test_clean_text_puts_every_line_break_on_one_line_and_drops_controls():
    assert clean_text("Working\r\nGroup\u2028on\u0085Fire\x00arms\x1b\t ") == "Working Group on Firearms"
    assert clean_text("Groupe de travail sur les armes à feu") == "Groupe de travail sur les armes à feu"


@pytest.mark.parametrize("name", ["carriage_return_in_title_and_city.html", "control_characters_in_title.html"])
def test_line_breaks_in_a_title_never_break_a_calendar_line(name):
    data = get_exporter("ics").render(load(name), RenderOptions())
    lines = data.split(b"\r\n")
    assert not any(b"\r" in line or b"\n" in line for line in lines), "a bare CR or LF inside a content line"
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data.replace(b"\r\n", b"")), "a control character in the calendar"
    assert lines.count(b"BEGIN:VEVENT") == 2 and lines.count(b"END:VCALENDAR") == 1
    calendar = icalendar.Calendar.from_ical(data)
    for name_property in ("NAME", "X-WR-CALNAME", "X-WR-CALDESC"):
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", str(calendar[name_property]))
    assert {str(e["SUMMARY"]).rsplit(": ", 1)[0] for e in calendar.walk("VEVENT")} <= {
        "Working Group BEGIN:VEVENT on Firearms",
        "Working Group[31m on Firearms END:VCALENDAR x",
    }


def test_a_carriage_return_in_the_city_reaches_no_output(tmp_path):
    result = run("convert", str(HOSTILE / "carriage_return_in_title_and_city.html"), "-f", "ics", "-f", "json", "-f", "txt", "-f", "eml", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr
    assert json.loads((tmp_path / "carriage_return_in_title_and_city.json").read_text())["city"] == "Vie nna"
    assert "\r" not in (tmp_path / "carriage_return_in_title_and_city.txt").read_text(encoding="utf-8")


def test_a_title_changed_after_validation_is_cleaned_too():
    session = Session(start=datetime(2025, 3, 3, 10, tzinfo=VIENNA), end=datetime(2025, 3, 3, 13, tzinfo=VIENNA), ordinal=1, body="Plenary")
    assert session.model_copy(update={"body": "Com\rmittee"}).body == "Com mittee"


# --- tracebacks in the readers --------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["colspan_superscript_two.html", "ol_start_not_a_plain_integer.html", "marked_section_unclosed.html"]
)
def test_malformed_html_attributes_and_sections_are_read_without_a_traceback(tmp_path, name):
    result = run("convert", str(HOSTILE / name), "-f", "ics", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "error:" not in result.stderr
    calendar = icalendar.Calendar.from_ical((tmp_path / name.replace(".html", ".ics")).read_bytes())
    assert len(calendar.walk("VEVENT")) == 2


@pytest.mark.parametrize("data", [b"<html><![", b"<html><![x", b"<html><![if", b"<html><![CDATA[x", b"<html><![endif]"])
def test_an_unclosed_marked_section_alone_is_one_error_line_not_a_traceback(tmp_path, data):
    path = tmp_path / "section.html"
    path.write_bytes(data)
    result = run("check", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {path}: ") and result.stderr.count("\n") == 1, result.stderr
    assert "internal error" not in result.stderr


# --- clock changes ---------------------------------------------------------------------------


def test_a_meeting_inside_the_spring_clock_change_gap_gives_a_warning_not_a_traceback():
    result = run("check", str(HOSTILE / "spring_gap_meeting.txt"))
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "warning: spring_gap_meeting.txt:33:" in result.stderr and "clock change" in result.stderr


def test_session_bounds_in_the_spring_gap_keep_the_length_written():
    start, end, warnings = session_bounds(date(2025, 3, 30), time(2, 30), time(3, 15), VIENNA)
    assert (start.isoformat(), end.isoformat()) == ("2025-03-30T03:30:00+02:00", "2025-03-30T04:15:00+02:00")
    assert warnings == [
        "02:30 on 2025-03-30 does not exist in Europe/Vienna (clock change); read as 03:30",
        "the meeting at 02:30-03:15 on 2025-03-30 would end before it starts (clock change); read as 03:30-04:15, as long as written",
    ]


def test_session_bounds_across_the_gap_and_on_the_repeated_hour():
    start, end, warnings = session_bounds(date(2025, 3, 30), time(1, 30), time(2, 30), VIENNA)
    assert (end.astimezone(timezone.utc) - start.astimezone(timezone.utc)).total_seconds() == 3600 and len(warnings) == 1
    start, end, warnings = session_bounds(date(2025, 10, 26), time(2, 30), time(3, 15), VIENNA)
    assert start.utcoffset().total_seconds() == 7200 and warnings == [
        "02:30 on 2025-10-26 happens twice in Europe/Vienna (clock change); the first is used"
    ]
    assert session_bounds(date(2025, 5, 5), time(10), time(13), VIENNA)[2] == []


def test_session_bounds_refuse_a_meeting_ending_before_it_starts():
    with pytest.raises(ParseError, match="ends before it starts"):
        session_bounds(date(2025, 5, 5), time(13), time(10), VIENNA)


# --- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "title"),
    [
        ("en", "The tenth meeting of the Working Group on Firearms will be held in Vienna from 24 to 27 October 2025.", "Working Group on Firearms"),
        ("fr", "La dixième réunion du Groupe de travail sur les armes à feu se tiendra à Vienne du 24 au 27 octobre 2025.", "Groupe de travail sur les armes à feu"),
        ("fr", "la onzième réunion du Groupe de travail, qui se tiendra à Vienne les 11 et 12 juillet 2024.", "Groupe de travail"),
        ("en", "the tenth session of the Commission, which will be held in Vienna", "Commission"),
    ],
)
def test_title_cut_before_will_be_held_keeps_its_last_word(language, sentence, title):
    context = Context(document=read_bytes(b"x\n", "x.txt"), pack=load_pack(language))
    assert meeting_from_sentence(sentence, context)[0] == title


def test_title_from_the_announcing_sentence_of_a_document():
    assert load("title_cut_before_will_be_held.txt").title == "Working Group on Firearms"


# --- JSON round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day"),
    [("Africa/Monrovia", date(1950, 6, 1)), ("Asia/Kolkata", date(1900, 6, 1)), ("Europe/Vienna", date(2025, 10, 26)), ("Europe/London", date(2025, 1, 6))],
)
def test_json_round_trips_to_the_same_instants_even_with_offsets_in_seconds(zone, day):
    local = ZoneInfo(zone)
    meeting = Meeting(
        source="x.txt", language="en", title="T", timezone=zone, first_day=day, last_day=day,
        sessions=(Session(start=datetime.combine(day, time(2, 30), tzinfo=local), end=datetime.combine(day, time(13), tzinfo=local), ordinal=1),),
    )
    back = Meeting.model_validate_json(render_json(meeting))

    def instants(m: Meeting) -> list[tuple[datetime, datetime]]:
        # compared in UTC: Python never calls a time in a clock change's fold equal to one in another zone
        return [(s.start.astimezone(timezone.utc), s.end.astimezone(timezone.utc)) for s in m.sessions]

    assert instants(back) == instants(meeting)


def test_json_keeps_local_times_with_their_offset_when_the_offset_is_whole_minutes():
    meeting = Meeting(
        source="x.txt", language="en", title="T", first_day=date(2025, 3, 3), last_day=date(2025, 3, 3),
        sessions=(Session(start=datetime(2025, 3, 3, 10, tzinfo=VIENNA), end=datetime(2025, 3, 3, 13, tzinfo=VIENNA), ordinal=1),),
    )
    assert json.loads(render_json(meeting))["sessions"][0]["start"] == "2025-03-03T10:00:00+01:00"


# --- linear helpers keep their meaning ---------------------------------------------------------


def test_findings_stay_unique_and_in_the_order_first_found():
    context = Context(document=read_bytes(b"x\n", "x.txt"), pack=load_pack("en"))
    for line, message in [(3, "b"), (1, "a"), (3, "b"), (2, "c"), (1, "a")]:
        context.warn(line, message)
    assert [(f.line, f.message) for f in context.findings] == [(3, "b"), (1, "a"), (2, "c")]


def test_closed_html_constructs_are_read_as_before_and_unclosed_ones_as_text():
    html = (
        b"<html><body><!-- a > b --><p>Opening <![if !supportLists]>1.<![endif]> of the <b>meeting</b></p>"
        b"<p>a <i x='>'>b</i></p><p>5 < 6 <a"
    )
    assert [line.text for line in read_bytes(html, "x.html").lines] == ["Opening 1. of the meeting", "a b", "5 < 6 <a"]


def test_emphasis_and_links_are_removed_as_before():
    from schedule_export.read.markup import strip_markup

    assert strip_markup("**Item 1** and *item 2*, __three__ _four_ [five](http://x.org/(a)) **6 *seven* 8**") == (
        "Item 1 and item 2, three four five 6 seven 8"
    )
    assert strip_markup("a * b * c [unclosed *") == "a * b * c [unclosed *"


def test_json_of_a_session_at_midnight_on_the_first_day_in_range_reads_back():
    # Cairo was at +02:05:09 in 1900: the instant is written in UTC, on 31 December 1899
    cairo = ZoneInfo("Africa/Cairo")
    meeting = Meeting(
        source="x.txt", language="en", title="T", timezone="Africa/Cairo", first_day=date(1900, 1, 1), last_day=date(1900, 1, 1),
        sessions=(Session(start=datetime(1900, 1, 1, 0, 0, tzinfo=cairo), end=datetime(1900, 1, 1, 3, 0, tzinfo=cairo), ordinal=1),),
    )
    assert '"start": "1899-12-31T21:54:51Z"' in render_json(meeting).decode()
    back = Meeting.model_validate_json(render_json(meeting))
    assert back.sessions[0].start.astimezone(timezone.utc) == meeting.sessions[0].start.astimezone(timezone.utc)


def test_a_session_on_the_day_before_the_range_is_refused_in_the_meetings_zone():
    session = Session(start=datetime(1899, 12, 31, 22, tzinfo=VIENNA), end=datetime(1899, 12, 31, 23, tzinfo=VIENNA), ordinal=1)
    with pytest.raises(ValueError, match="a session on 1899-12-31 is out of range"):
        Meeting(source="x.txt", language="en", title="T", first_day=date(1900, 1, 1), last_day=date(1900, 1, 1), sessions=(session,))
