"""iCalendar (RFC 5545) export: one VEVENT per session, wall times in the meeting's zone.

Output is deterministic: UIDs come from the meeting's identity and each
session's ordinal, DTSTAMP from SOURCE_DATE_EPOCH or the document's date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lang import LanguagePack, load_pack
from . import RenderOptions, stamp_for
from .labels import (
    body_id,
    document_link,
    is_document_symbol,
    item_label,
    item_title,
    meeting_location,
    numbered_item,
    place_and_dates,
    programme_url,
    session_uid,
    short_title,
)

if TYPE_CHECKING:
    from icalendar import Calendar, Component, Event

    from ..model import Meeting, Session

PRODID = "-//schedule-export//schedule-export//EN"


class IcsExporter:
    name = "ics"
    extension = "ics"
    content_type = "text/calendar; charset=utf-8"
    description = "iCalendar file: one event per meeting, in Vienna time"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return render_ics(meeting, options)

    def parts(self, meeting: Meeting, options: RenderOptions) -> tuple[tuple[str, bytes], ...]:
        """Where bodies meet in parallel, one calendar per body besides the whole one: ("<body-id>.ics", bytes)."""
        return tuple(
            (f"{identifier}.ics", render_ics(meeting, replace(options, extra={**options.extra, "body": identifier})))
            for identifier in parallel_body_ids(meeting)
        )


def parallel_body_ids(meeting: Meeting) -> tuple[str, ...]:
    """Ids of the bodies of a meeting whose bodies meet in parallel; none when one body meets."""
    return tuple(dict.fromkeys(body_id(meeting, b) for b in meeting.bodies)) if len(meeting.bodies) > 1 else ()


def render_ics(meeting: Meeting, options: RenderOptions | None = None) -> bytes:
    """The same bytes as ``calendar_bytes(build_calendar(...))``, the VTIMEZONE's written once per zone and years.

    The VTIMEZONE is the calendar's last component, so its bytes go just before END:VCALENDAR.
    """
    calendar = build_calendar(meeting, options or RenderOptions(), with_timezone=False)
    data = calendar_bytes(calendar)
    span = timezone_span(meeting)
    if span is None:
        return data
    end = b"END:VCALENDAR\r\n"
    if not data.endswith(end):  # icalendar always ends so; should it change, fall back to the whole build
        return calendar_bytes(build_calendar(meeting, options or RenderOptions()))
    return data[: -len(end)] + vtimezone_bytes(meeting.timezone, *span) + end


@lru_cache(maxsize=256)
def vtimezone_bytes(zone: str, first_year: int, last_year: int) -> bytes:
    """The folded content lines of a zone's VTIMEZONE over those years, CRLF after each: they depend on nothing else."""
    return b"".join(fold_line(line) + b"\r\n" for line in content_lines(vtimezone(zone, first_year, last_year)))


def timezone_span(meeting: Meeting) -> tuple[int, int] | None:
    """The years a meeting's VTIMEZONE covers (before the margin ``vtimezone`` adds), or None when it has none."""
    if not meeting.sessions:
        return None
    first = min([meeting.first_day] + [d.date for d in meeting.deadlines])
    return first.year, meeting.last_day.year


def calendar_bytes(calendar: Calendar) -> bytes:
    """The calendar as RFC 5545 bytes: icalendar's content lines, folded here.

    Same result as ``Calendar.to_ical()``; icalendar folds character by character,
    which was most of the time spent per document, while most lines need no folding.
    """
    return b"\r\n".join(fold_line(line) for line in content_lines(calendar)) + b"\r\n"


def content_lines(calendar: Component) -> list[str]:
    """The unfolded lines of ``calendar.content_lines()``, without its final empty line.

    Each value and its parameters are written by icalendar (``to_ical``), joined as
    ``Contentline.from_parts`` joins them; that method, and ``content_line`` before it,
    build a ``Parameters`` for every property that has none, a ``Contentline`` (a checked str)
    per line and convert each part to text again, which cost more than the values themselves.
    """
    lines: list[str] = []
    for name, value in calendar.property_items():
        text = _unicode(value.to_ical() if hasattr(value, "to_ical") else _types().text(value).to_ical())
        params = getattr(value, "params", None)
        written = _unicode(params.to_ical()) if params else ""
        # parameters can write nothing (TZID=UTC), and then the name stands alone
        line = f"{name};{written}:{text}" if written else f"{name}:{text}"
        if "\n" in line:  # ``Contentline`` refuses these too: a bare line break would end the line early
            raise ValueError(f"a {name} line of the calendar holds a line break")
        lines.append(line)
    return lines


def _unicode(value: str | bytes) -> str:
    """icalendar's ``to_unicode``: bytes decoded as UTF-8 without a leading byte-order mark.

    The "utf-8-sig" codec is written in Python; the plain UTF-8 decoder is not, and gives the same
    text when there is no mark to drop.
    """
    if isinstance(value, str):
        return value
    encoding = "utf-8-sig" if value.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return value.decode(encoding)
    except UnicodeDecodeError:
        return value.decode("utf-8-sig", "replace")


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


def build_calendar(meeting: Meeting, options: RenderOptions, *, with_timezone: bool = True) -> Calendar:
    """The calendar as an icalendar object, for callers that add revision state (SEQUENCE, cancellations).

    ``with_timezone=False`` leaves out the VTIMEZONE (``render_ics`` adds its cached bytes).
    """
    from icalendar import Calendar

    pack = load_pack(options.language or meeting.language)
    stamp = stamp_for(meeting)
    # a per-body calendar (options.extra["body"], a body id) holds only that body's meetings
    body = options.extra.get("body")
    body_name = next((b or pack.label("plenary") for b in meeting.bodies if body_id(meeting, b) == body), None) if body else None
    name = f"{body_name} \u2013 {calendar_name(meeting)}" if body_name else calendar_name(meeting)
    description = place_and_dates(meeting, pack)
    calendar = Calendar()
    # the properties, types and order ``Calendar.new(prodid=, name=, description=, method=, calscale=, uid=)``
    # gives, set directly: ``new`` runs every property setter of the calendar, most with nothing to set
    t = _types()
    calendar["PRODID"] = t.text(PRODID)
    calendar["VERSION"] = t.text("2.0")
    calendar["NAME"] = t.unknown(name)
    calendar["X-WR-CALNAME"] = t.unknown(name)
    calendar["DESCRIPTION"] = t.text(description)
    calendar["X-WR-CALDESC"] = t.unknown(description)
    calendar["METHOD"] = t.text("PUBLISH")
    calendar["CALSCALE"] = t.text("GREGORIAN")
    calendar["UID"] = t.text(f"{meeting.key}-{body}@schedule-export" if body else f"{meeting.key}@schedule-export")
    calendar["X-WR-TIMEZONE"] = t.unknown(meeting.timezone)
    for session in meeting.sessions:
        if body is None or body_id(meeting, session.body) == body:
            calendar.add_component(session_event(meeting, session, pack, stamp, options.base_url))
    if not meeting.sessions:
        calendar.add_component(all_day_event(meeting, pack, stamp))
    for deadline in meeting.deadlines if body is None else ():  # deadlines concern everyone: the whole calendar has them
        calendar.add_component(deadline_event(meeting, deadline, pack, stamp))
    span = timezone_span(meeting) if with_timezone else None
    if span is not None:
        calendar.add_component(vtimezone(meeting.timezone, *span))
    return calendar


def vtimezone(zone: str, first_year: int, last_year: int):
    """The VTIMEZONE of a zone from the tz database, covering the years around the meeting, in rule form.

    Cached (see ``render.vtimezone``); callers must not modify it.
    """
    from .vtimezone import build_vtimezone

    return build_vtimezone(zone, first_year - 1, last_year + 1)


def numbered(number: int, letter: str | None, pack: LanguagePack | None = None) -> str:
    """ "2." for an item, "1 a)" for a sub-item, as agendas write them."""
    return item_label(number, letter, pack) if letter else f"{number}."


def items_summary(meeting: Meeting, session: Session, pack: LanguagePack) -> str:
    """The items of a session on one line, each with its short title.

    "2. Review of implementation (cont.)"; with several items the titles get shorter so that
    the first ones still show on a phone: "1 a) Opening of the session; 1 b) Adoption of…".
    """
    # an item both started and continued in one meeting (a document's slip) is named once, as started
    refs = list({(ref.number, ref.letter): ref for ref in reversed(session.items)}.values())[::-1]
    limit = 60 if len(refs) == 1 else 36 if len(refs) == 2 else 24
    parts: list[str] = []
    for ref in refs:
        text = f"{numbered(ref.number, ref.letter, pack)} {short_title(item_title(meeting, ref), limit)}".strip()
        if ref.continued:
            text += f" ({pack.label('continued_short')})"
        parts.append(text)
    return "; ".join(parts)


def _summary(meeting: Meeting, session: Session, pack: LanguagePack) -> str:
    """Who meets, then what is discussed: "Plenary: 2. Review of implementation (cont.)"."""
    who = session.body or meeting.title
    items = items_summary(meeting, session, pack)
    return f"{who}: {items}" if items else who


def session_description(meeting: Meeting, session: Session, pack: LanguagePack, programme: str | None) -> str:
    """Every item in full, each with its documents and their links; the programme and the meeting's symbol."""
    lines: list[str] = []
    if session.body and session.body != meeting.title:
        lines.append(meeting.title)
    for ref in session.items:
        lines.append(numbered_item(meeting, ref, pack))
        documents = meeting.documents_for(ref)
        if documents:
            lines.append(f"   {pack.label('documents')}: {', '.join(documents)}")
            lines.extend(f"   {document_link(d, pack).url}" for d in documents if is_document_symbol(d))
    lines.extend(session.notes)
    if programme:
        lines.append(f"{pack.label('programme')}: {programme}")
    if meeting.symbol:
        lines.append(f"{pack.label('symbol')}: {meeting.symbol}")
    return "\n".join(lines)


def _categories(meeting: Meeting, session_body: str | None, pack: LanguagePack) -> list[str]:
    return [c for c in dict.fromkeys([session_body or pack.label("plenary"), meeting.title]) if c]


class _Types:
    """icalendar's property types, imported when the first calendar is built (icalendar is heavy to import)."""

    def __init__(self) -> None:
        from icalendar import Event
        from icalendar.prop import vCategory, vDDDTypes, vInt, vText, vUnknown, vUri
        from icalendar.timezone import tzp

        self.event, self.text, self.unknown, self.when = Event, vText, vUnknown, vDDDTypes
        self.categories, self.int, self.uri, self.localize_utc = vCategory, vInt, vUri, tzp.localize_utc


@lru_cache(maxsize=1)
def _types() -> _Types:
    return _Types()


def _event(t: _Types, stamp: datetime, uid: str, summary: str, description: str | None, start: date, end: date,
           categories: list[str], location: str | None = None, transparency: str | None = None,
           status: str | None = None, url: str | None = None) -> Event:
    """An event with the properties, value types and order ``Event.new`` gives them (then ``add("URL", url)``).

    Set directly: ``Event.new`` runs some thirty property setters, each looking up and inferring a
    type for a value whose type we know, which cost as much as the rest of the calendar.
    """
    event = t.event()
    event["DTSTAMP"] = t.when(t.localize_utc(stamp))  # the UTC form ``Event.new`` stores
    event["SUMMARY"] = t.text(summary)
    if description is not None:
        event["DESCRIPTION"] = t.text(description)
    event["UID"] = t.text(uid)
    event["DTSTART"] = t.when(start)
    event["DTEND"] = t.when(end)
    event["CATEGORIES"] = t.categories(categories)  # even an empty list, as ``Event.new`` writes it
    event["SEQUENCE"] = t.int(0)
    if location is not None:
        event["LOCATION"] = t.text(location)
    if transparency is not None:
        event["TRANSP"] = t.text(transparency)
    if status is not None:
        event["STATUS"] = t.text(status)
    if url:
        event["URL"] = t.uri(url)
    return event


def session_event(meeting: Meeting, session: Session, pack: LanguagePack, stamp: datetime, base_url: str | None = None) -> Event:
    uid = session_uid(meeting, session)
    programme = programme_url(meeting, base_url, anchor=uid)
    return _event(
        _types(),
        stamp,
        uid,
        summary=_summary(meeting, session, pack),
        description=session_description(meeting, session, pack, programme),
        start=meeting.local(session.start),
        end=meeting.local(session.end),
        categories=_categories(meeting, session.body, pack),
        location=meeting_location(meeting),
        status="CONFIRMED",
        url=programme,
    )


def all_day_event(meeting: Meeting, pack: LanguagePack, stamp: datetime) -> Event:
    lines = [pack.label("no_timetable")]
    if meeting.topics:
        lines.append("")
        lines.append(f"{pack.label('topics')}:")
        lines.extend(f"- {t}" for t in meeting.topics)
    lines.extend(f"{numbered(i.number, i.letter)} {i.title}" for i in meeting.agenda)
    if meeting.symbol:
        lines.append(f"{pack.label('symbol')}: {meeting.symbol}")
    return _event(
        _types(),
        stamp,
        f"{meeting.key}-days@schedule-export",
        summary=f"{meeting.title} ({pack.label('schedule_tbc')})",
        description="\n".join(lines),
        start=meeting.first_day,
        end=meeting.last_day + timedelta(days=1),
        categories=_categories(meeting, None, pack),
        location=meeting_location(meeting),
        transparency="TRANSPARENT",
        status="TENTATIVE",
    )


def deadline_event(meeting: Meeting, deadline, pack: LanguagePack, stamp: datetime) -> Event:
    day: date = deadline.date
    return _event(
        _types(),
        stamp,
        f"{meeting.key}-deadline-{day.isoformat()}@schedule-export",
        summary=f"{deadline.label}: {meeting.title}",
        description=deadline.text,
        start=day,
        end=day + timedelta(days=1),
        categories=_categories(meeting, None, pack),
        transparency="TRANSPARENT",
    )
