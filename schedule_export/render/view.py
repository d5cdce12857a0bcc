"""The programme as people read it: one normalised view built once, read by every human-facing renderer.

Dates, times and labels are already written out in the display language, so
templates (HTML, email, plain text) only lay them out. Nothing here parses text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..errors import UsageError
from ..lang import LanguagePack, load_pack
from ..model import ItemRef, Meeting
from . import RenderOptions
from .labels import (
    DocumentLink,
    date_span,
    document_link,
    is_document_symbol,
    item_label,
    item_title,
    place_and_dates,
    session_uid,
)

@dataclass(frozen=True)
class ItemView:
    label: str  # "1 a)" / "1 (a)"
    title: str
    continued: bool
    documents: tuple[DocumentLink, ...]


@dataclass(frozen=True)
class SessionView:
    start: datetime  # in the meeting's zone
    end: datetime
    time_label: str  # "10 heures-13 heures"
    other_time_label: str | None  # same range in the display zone, with its date when it differs
    body: str | None
    items: tuple[ItemView, ...]
    notes: tuple[str, ...]
    uid: str
    # The display-zone range in parts, so layouts can keep each part on one line.
    other_day_label: str | None = None  # set only when the display zone's date differs
    other_time_range: str | None = None  # "4 heures-7 heures"
    other_utc_offset: str | None = None  # "UTC-4"


@dataclass(frozen=True)
class SlotView:
    """One row of the annex where bodies meet in parallel: a time range, and each body's meeting then (or None)."""

    start: datetime
    time_label: str
    first: SessionView  # the session whose times the row shows (the display-zone labels are the same for all)
    cells: tuple[SessionView | None, ...]  # one per body of ProgrammeView.bodies, in order


@dataclass(frozen=True)
class DayView:
    date: date
    label: str  # "lundi 9 septembre 2019"
    utc_offset: str  # "UTC+2"
    sessions: tuple[SessionView, ...]
    slots: tuple[SlotView, ...] = ()  # the same sessions as rows of side-by-side bodies (set when bodies meet in parallel)
    notes: tuple[tuple[str | None, str], ...] = ()  # what the timetable says of the day besides meetings: (body, "No meeting")


@dataclass(frozen=True)
class DeadlineView:
    date: date
    date_label: str  # "Vendredi 15 janvier 2010"
    label: str  # what is due, as the document names it
    text: str


@dataclass(frozen=True)
class ProgrammeView:
    meeting: Meeting
    pack: LanguagePack
    locale: str
    title: str  # "Groupe de travail sur la traite des personnes"
    subtitle: str | None  # parent body
    place_and_dates: str  # "Vienne, 9-11 septembre 2019"
    days: tuple[DayView, ...]  # days with meetings
    bodies: tuple[str, ...]  # parallel bodies; empty when one body meets
    display_tz: str | None
    display_tz_label: str | None  # "America/New York"
    has_timetable: bool = True
    meeting_days: tuple[DayView, ...] = ()  # every day from first to last, with its sessions (maybe none)
    hybrid: bool = False
    # Added for the printable programme; every field is already in the display language.
    display_zone_label: str | None = None  # "heure de New York"
    language: str = "fr"  # BCP 47 tag of the display language, for <html lang>
    direction: str = "ltr"  # "rtl" for right-to-left scripts
    ordinal_label: str | None = None  # "9e réunion", "9th meeting"
    heading: str = ""  # title and ordinal, for running headers and <title>
    symbol: str | None = None
    symbol_link: DocumentLink | None = None
    hybrid_label: str | None = None  # set only when the document announces online participation
    local_time_label: str = ""  # "heure de Vienne"
    deadlines: tuple[DeadlineView, ...] = ()
    topics: tuple[str, ...] = ()
    agenda: tuple[ItemView, ...] = ()  # the whole agenda, for programmes without a timetable
    source_language: str = "fr"  # language of the document's own text (titles), which may differ from labels
    timetable_days: tuple[DayView, ...] = ()  # days with meetings or with a note ("No meeting"), for the programme
    # "11", "e", " session": the ordinal's number and suffix apart, where the language raises the suffix (11ᵉ)
    ordinal_superscript: tuple[str, str, str] | None = None
    document_date_label: str | None = None  # "18 juin 2019", the date the document was issued
    subscribe_url: str | None = None  # webcal:// address of the meeting's calendar, when a base URL is known
    subscribe_qr_svg: str | None = None  # that address as a QR code, an inline SVG

    def label(self, key: str) -> str:
        return self.pack.label(key)


def zone_time_label(zone: ZoneInfo, pack: LanguagePack, city: str | None = None) -> str:
    """ "heure de Vienne" / "Vienna time": the city given, else the zone's exemplar city from CLDR in the pack's wording."""
    from babel.dates import get_timezone_location

    if city is None:
        city = get_timezone_location(zone, locale=pack.babel_locale, return_city=True)
    return pack.label("zone_time").format(city=city)


def meeting_time_label(meeting: Meeting, pack: LanguagePack) -> str:
    """ "Geneva time" for a meeting in Geneva, though its zone is Europe/Zurich ("Zurich time" would send a
    delegate looking for another city): the meeting's own city, as the document writes it, where the labels
    are in the document's language and its times are that city's; else the zone's CLDR city."""
    from ..lang import without_asides, zone_of_city

    city = meeting.city if meeting.city and pack.code == meeting.language and zone_of_city(meeting.city) == meeting.timezone else None
    if city is not None:
        city = without_asides(city) or city  # "Montréal (Canada)": the city alone
    return zone_time_label(meeting.zone, pack, city)


def meeting_ordinal(meeting: Meeting, pack: LanguagePack) -> str | None:
    """The meeting's ordinal and noun: the document's own words in its language ("Thirty-fifth session",
    "Neuvième réunion"), else the display language's numeric pattern ("9e réunion")."""
    if meeting.ordinal is None:
        return None
    if meeting.ordinal_text and pack.code == meeting.language:
        return meeting.ordinal_text[:1].upper() + meeting.ordinal_text[1:]
    return ordinal_label(meeting.ordinal, pack)


def superscript_parts(label: str | None, pack: LanguagePack) -> tuple[str, str, str] | None:
    """ "11e session" -> ("11", "e", " session") where the language raises ordinal suffixes (French 11ᵉ)."""
    if not label or pack.labels.get("ordinal_superscript") != "true":
        return None
    match = re.match(r"^(\d+)([^\W\d_]+)(\s.*|)$", label)
    return (match[1], match[2], match[3]) if match else None


def subscribe_address(meeting: Meeting, base_url: str | None) -> str | None:
    """webcal:// address of the meeting's calendar as ``serve`` and ``site`` publish it."""
    if not base_url:
        return None
    return "webcal://" + f"{base_url.rstrip('/')}/meetings/{meeting.key}.ics".split("://", 1)[1]


def qr_svg(text: str) -> str:
    """A QR code as inline SVG markup (segno): no image file, so the page stays self-contained."""
    import segno

    code = segno.make(text, error="m", micro=False)
    svg = code.svg_inline(scale=3, dark="#000", light="#fff", border=2, title=None, svgclass="qr", lineclass=None)
    return svg


def ordinal_label(ordinal: int, pack: LanguagePack) -> str:
    """ "9e réunion", "2nd meeting", "9.ª reunión": CLDR's ordinal plural category picks the pack's suffix pattern."""
    from babel import Locale

    category = Locale.parse(pack.babel_locale).ordinal_form(ordinal)
    pattern = pack.labels.get(f"ordinal_{category}") or pack.label("ordinal_other")
    return pack.label("meeting_ordinal").format(ordinal=pattern.format(n=ordinal))


def utc_offset_label(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def build_view(meeting: Meeting, options: RenderOptions | None = None) -> ProgrammeView:
    from babel.dates import format_date

    options = options or RenderOptions()
    pack = load_pack(options.language or meeting.language)
    locale = pack.babel_locale
    display_zone = None
    if options.display_tz:
        try:
            display_zone = ZoneInfo(options.display_tz)
        except Exception:
            raise UsageError(f"unknown time zone {options.display_tz!r}") from None

    def day_label(day: date) -> str:
        text = format_date(day, pack.display.date, locale=locale)
        return text[:1].upper() + text[1:]

    def time_range(start: datetime, end: datetime) -> str:
        return pack.display.time_range(start.hour, start.minute, end.hour, end.minute)

    def item_view(ref: ItemRef) -> ItemView:
        docs = tuple(document_link(symbol, pack) for symbol in meeting.documents_for(ref))
        return ItemView(item_label(ref.number, ref.letter, pack), item_title(meeting, ref), ref.continued, docs)

    by_day: dict[date, list[SessionView]] = {}
    body_order = meeting.bodies
    for session in sorted(meeting.sessions, key=lambda s: (s.start, body_order.index(s.body))):
        start, end = meeting.local(session.start), meeting.local(session.end)
        other = other_day = other_range = other_offset = None
        if display_zone is not None:
            other_start, other_end = start.astimezone(display_zone), end.astimezone(display_zone)
            other_range, other_offset = time_range(other_start, other_end), utc_offset_label(other_start)
            other = f"{other_range} ({other_offset})"
            if other_start.date() != start.date():
                other_day = day_label(other_start.date())
                other = f"{other_day}, {other}"
        by_day.setdefault(start.date(), []).append(
            SessionView(
                start=start,
                end=end,
                time_label=time_range(start, end),
                other_time_label=other,
                other_day_label=other_day,
                other_time_range=other_range,
                other_utc_offset=other_offset,
                body=session.body,
                items=tuple(item_view(ref) for ref in session.items),
                notes=session.notes,
                uid=session_uid(meeting, session),
            )
        )
    bodies = tuple(b for b in meeting.bodies if b)
    parallel = bodies if len(bodies) > 1 else ()
    notes_by_day: dict[date, list[tuple[str | None, str]]] = {}
    for note in meeting.day_notes:
        notes_by_day.setdefault(note.date, []).append((note.body if parallel else None, note.text))
    days = tuple(
        DayView(
            day, day_label(day), utc_offset_label(sessions[0].start), tuple(sessions), _slots(sessions, parallel),
            tuple(notes_by_day.get(day, ())),
        )
        for day, sessions in sorted(by_day.items())
    )
    timetable_days = tuple(sorted(
        days + tuple(
            DayView(day, day_label(day), utc_offset_label(datetime.combine(day, time(12), meeting.zone)), (), (), tuple(notes))
            for day, notes in notes_by_day.items() if day not in by_day
        ),
        key=lambda d: d.date,
    ))
    ordinal = meeting_ordinal(meeting, pack)
    subscribe = subscribe_address(meeting, options.base_url)
    from babel import Locale

    timed_days = {day.date: day for day in days}  # already labelled: Babel formatting is the costly part
    meeting_days = tuple(
        timed_days.get(day) or DayView(day, day_label(day), utc_offset_label(datetime.combine(day, time(12), meeting.zone)), ())
        for day in meeting.days
    )
    return ProgrammeView(
        meeting=meeting,
        pack=pack,
        locale=locale,
        title=meeting.title,
        subtitle=meeting.parent_body,
        place_and_dates=place_and_dates(meeting, pack),
        days=days,
        bodies=parallel,
        display_tz=options.display_tz,
        display_tz_label=options.display_tz.replace("_", " ") if options.display_tz else None,
        has_timetable=meeting.has_timetable,
        meeting_days=meeting_days,
        hybrid=meeting.hybrid,
        display_zone_label=zone_time_label(display_zone, pack) if display_zone is not None else None,
        language=pack.code,
        direction="rtl" if Locale.parse(locale).character_order == "right-to-left" else "ltr",
        ordinal_label=ordinal,
        heading=" \u2014 ".join(part for part in (meeting.title, ordinal) if part),
        symbol=meeting.symbol,
        symbol_link=document_link(meeting.symbol, pack) if meeting.symbol and is_document_symbol(meeting.symbol) else None,
        hybrid_label=pack.label("hybrid") if meeting.hybrid else None,
        local_time_label=meeting_time_label(meeting, pack),
        deadlines=tuple(
            DeadlineView(d.date, day_label(d.date), d.label, d.text) for d in sorted(meeting.deadlines, key=lambda d: d.date)
        ),
        topics=meeting.topics,
        agenda=tuple(item_view(ItemRef(number=i.number, letter=i.letter, title=i.title)) for i in meeting.agenda),
        source_language=meeting.language,
        timetable_days=timetable_days,
        ordinal_superscript=superscript_parts(ordinal, pack),
        document_date_label=date_span(meeting.document_date, meeting.document_date, pack) if meeting.document_date else None,
        subscribe_url=subscribe,
        subscribe_qr_svg=qr_svg(subscribe) if subscribe else None,
    )


def _slots(sessions: list[SessionView], bodies: tuple[str, ...]) -> tuple[SlotView, ...]:
    """Sessions of one day (in time order) as rows of the annex: one row per time range, one cell per body."""
    if not bodies:
        return ()
    rows: list[tuple[SessionView, list[SessionView | None]]] = []
    for session in sessions:
        column = bodies.index(session.body) if session.body in bodies else 0
        row = next((cells for first, cells in rows if (first.start, first.end) == (session.start, session.end) and cells[column] is None), None)
        if row is None:  # a new time range, or a second meeting of one body at the same time: a row of its own
            row = [None] * len(bodies)
            rows.append((session, row))
        row[column] = session
    return tuple(SlotView(start=first.start, time_label=first.time_label, first=first, cells=tuple(cells)) for first, cells in rows)


def event_guid(uid: str) -> str:
    """A UUID for formats that want one (frab's guid), derived from the calendar UID so both stay stable together."""
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, uid))
