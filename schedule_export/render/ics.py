"""iCalendar (RFC 5545) export: one VEVENT per session, wall times in the meeting's zone.

Output is deterministic: UIDs come from the meeting's identity and each
session's ordinal, DTSTAMP from SOURCE_DATE_EPOCH or the document's date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lang import LanguagePack, load_pack
from . import RenderOptions, stamp_for
from .view import item_label, place_and_dates, session_uid

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from ..model import Meeting, Session

PRODID = "-//schedule-export//schedule-export//EN"


class IcsExporter:
    name = "ics"
    extension = "ics"
    content_type = "text/calendar; charset=utf-8"
    description = "iCalendar file: one event per meeting, in Vienna time"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return render_ics(meeting, options)


def render_ics(meeting: Meeting, options: RenderOptions | None = None) -> bytes:
    return calendar_bytes(build_calendar(meeting, options or RenderOptions()))


def calendar_bytes(calendar: Calendar) -> bytes:
    """The calendar as RFC 5545 bytes: icalendar's content lines, folded here.

    Same result as ``Calendar.to_ical()``; icalendar folds character by character,
    which was most of the time spent per document, while most lines need no folding.
    """
    return b"\r\n".join(fold_line(line) for line in calendar.content_lines())


def fold_line(line: str, limit: int = 75) -> bytes:
    """Fold one content line at 75 octets, never inside a UTF-8 character or a backslash escape."""
    data = line.encode("utf-8")
    if len(data) <= limit:
        return data
    pieces: list[bytes] = []
    start, room = 0, limit
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the character's start
            cut -= 1
        if data[cut - 1] == 0x5C and cut - 1 > start:  # keep "\n", "\," together
            cut -= 1
        pieces.append(data[start:cut])
        start, room = cut, limit - 1  # continuation lines start with a space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def calendar_name(meeting: Meeting) -> str:
    return f"{meeting.title} ({meeting.city})" if meeting.city else meeting.title


def build_calendar(meeting: Meeting, options: RenderOptions) -> Calendar:
    """The calendar as an icalendar object, for callers that add revision state (SEQUENCE, cancellations)."""
    from icalendar import Calendar

    pack = load_pack(options.language or meeting.language)
    stamp = stamp_for(meeting)
    calendar = Calendar.new(
        prodid=PRODID,
        name=calendar_name(meeting),
        description=place_and_dates(meeting, pack),
        method="PUBLISH",
        calscale="GREGORIAN",
        language=pack.code,
        uid=f"{meeting.key}@schedule-export",
    )
    calendar.add("X-WR-TIMEZONE", meeting.timezone)
    for session in meeting.sessions:
        calendar.add_component(session_event(meeting, session, pack, stamp))
    if not meeting.sessions:
        calendar.add_component(all_day_event(meeting, pack, stamp))
    for deadline in meeting.deadlines:
        calendar.add_component(deadline_event(meeting, deadline, pack, stamp))
    if meeting.sessions:
        first = min([meeting.first_day] + [d.date for d in meeting.deadlines])
        calendar.add_component(vtimezone(meeting.timezone, first.year, meeting.last_day.year))
    return calendar


@lru_cache(maxsize=64)
def vtimezone(zone: str, first_year: int, last_year: int):
    """The VTIMEZONE of a zone from the tz database, covering the years around the meeting.

    Cached because generating it costs more than the rest of a calendar; callers must not modify it.
    """
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

    return Timezone.from_tzinfo(ZoneInfo(zone), first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 1, 12, 31))


def numbered(number: int, letter: str | None, pack: LanguagePack | None = None) -> str:
    """ "2." for an item, "1 a)" for a sub-item, as agendas write them."""
    return item_label(number, letter, pack) if letter else f"{number}."


def _summary(meeting: Meeting, session: Session, pack: LanguagePack) -> str:
    who = session.body or meeting.title
    if not session.items:
        return who
    labels = list(dict.fromkeys(item_label(ref.number, ref.letter, pack) for ref in session.items))
    word = pack.label("items") if len(labels) > 1 else pack.label("item")
    return f"{who}: {word} {', '.join(labels)}"


def _description(meeting: Meeting, session: Session, pack: LanguagePack) -> str:
    lines: list[str] = []
    if session.body and session.body != meeting.title:
        lines.append(meeting.title)
    for ref in session.items:
        item = meeting.item(ref.number, ref.letter)
        title = ref.title or (item.title if item else "")
        suffix = f" ({pack.label('continued')})" if ref.continued else ""
        lines.append(f"{numbered(ref.number, ref.letter, pack)} {title}{suffix}".strip())
        documents = meeting.documents_for(ref)
        if documents:
            lines.append(f"   {pack.label('documents')}: {', '.join(documents)}")
    lines.extend(session.notes)
    if meeting.symbol:
        lines.append(f"{pack.label('symbol')}: {meeting.symbol}")
    return "\n".join(lines)


def _categories(meeting: Meeting, session_body: str | None, pack: LanguagePack) -> list[str]:
    return [c for c in dict.fromkeys([session_body or pack.label("plenary"), meeting.title]) if c]


def session_event(meeting: Meeting, session: Session, pack: LanguagePack, stamp: datetime) -> Event:
    from icalendar import Event

    return Event.new(
        uid=session_uid(meeting, session),
        stamp=stamp,
        start=meeting.local(session.start),
        end=meeting.local(session.end),
        summary=_summary(meeting, session, pack),
        description=_description(meeting, session, pack),
        location=meeting.city,
        categories=_categories(meeting, session.body, pack),
        sequence=0,
        status="CONFIRMED",
    )


def all_day_event(meeting: Meeting, pack: LanguagePack, stamp: datetime) -> Event:
    from icalendar import Event

    lines = [pack.label("no_timetable")]
    if meeting.topics:
        lines.append("")
        lines.append(f"{pack.label('topics')}:")
        lines.extend(f"- {t}" for t in meeting.topics)
    lines.extend(f"{numbered(i.number, i.letter)} {i.title}" for i in meeting.agenda)
    if meeting.symbol:
        lines.append(f"{pack.label('symbol')}: {meeting.symbol}")
    return Event.new(
        uid=f"{meeting.key}-days@schedule-export",
        stamp=stamp,
        start=meeting.first_day,
        end=meeting.last_day + timedelta(days=1),
        summary=f"{meeting.title} ({pack.label('schedule_tbc')})",
        description="\n".join(lines),
        location=meeting.city,
        categories=_categories(meeting, None, pack),
        sequence=0,
        status="TENTATIVE",
        transparency="TRANSPARENT",
    )


def deadline_event(meeting: Meeting, deadline, pack: LanguagePack, stamp: datetime) -> Event:
    from icalendar import Event

    day: date = deadline.date
    return Event.new(
        uid=f"{meeting.key}-deadline-{day.isoformat()}@schedule-export",
        stamp=stamp,
        start=day,
        end=day + timedelta(days=1),
        summary=f"{deadline.label}: {meeting.title}",
        description=deadline.text,
        categories=_categories(meeting, None, pack),
        sequence=0,
        transparency="TRANSPARENT",
    )
