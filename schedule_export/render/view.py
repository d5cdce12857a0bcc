"""The programme as people read it: one normalised view built once, read by every human-facing renderer.

Dates, times and labels are already written out in the display language, so
templates (HTML, email, plain text) only lay them out. Nothing here parses text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from ..errors import UsageError
from ..lang import LanguagePack, load_pack
from ..model import ItemRef, Meeting, Session
from . import RenderOptions

# The Official Document System serves a document by its symbol, in the language asked for
# (the symbol-explorer page needs an internal record id besides the symbol, which we never have).
DOCUMENT_URL = "https://documents.un.org/api/symbol/access?s={symbol}&l={language}&t=pdf"


@dataclass(frozen=True)
class DocumentLink:
    symbol: str
    url: str


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
class DayView:
    date: date
    label: str  # "lundi 9 septembre 2019"
    utc_offset: str  # "UTC+2"
    sessions: tuple[SessionView, ...]


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
    days: tuple[DayView, ...]
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

    def label(self, key: str) -> str:
        return self.pack.label(key)


def zone_time_label(zone: ZoneInfo, pack: LanguagePack) -> str:
    """ "heure de Vienne" / "Vienna time": the zone's exemplar city from CLDR in the pack's wording."""
    from babel.dates import get_timezone_location

    city = get_timezone_location(zone, locale=pack.babel_locale, return_city=True)
    return pack.label("zone_time").format(city=city)


def ordinal_label(ordinal: int, pack: LanguagePack) -> str:
    """ "9e réunion", "2nd meeting", "9.ª reunión": CLDR's ordinal plural category picks the pack's suffix pattern."""
    from babel import Locale

    category = Locale.parse(pack.babel_locale).ordinal_form(ordinal)
    pattern = pack.labels.get(f"ordinal_{category}") or pack.label("ordinal_other")
    return pack.label("meeting_ordinal").format(ordinal=pattern.format(n=ordinal))


# A UN document symbol: slash-separated upper-case series, no spaces ("CTOC/COP/WG.4/2019/2").
# A note verbale's own reference ("CU 2009/180(A)") is not one and gets no link.
_DOCUMENT_SYMBOL = re.compile(r"^[A-Z][A-Z0-9.\-]*(?:/[A-Za-z0-9.()\-]+)+$")


def is_document_symbol(text: str) -> bool:
    return bool(_DOCUMENT_SYMBOL.match(text))


def document_link(symbol: str, pack: LanguagePack) -> DocumentLink:
    return DocumentLink(symbol, DOCUMENT_URL.format(symbol=quote(symbol, safe="/"), language=quote(pack.code)))


def item_label(number: int, letter: str | None, pack: LanguagePack | None = None) -> str:
    """ "1 a)" by default; with a pack, as that language writes it ("1 (a)", "1 (أ)")."""
    if pack is not None:
        return pack.item_label(number, letter)
    return f"{number} {letter})" if letter else str(number)


def session_uid(meeting: Meeting, session: Session) -> str:
    """Stable across re-conversions, revisions and languages: meeting identity, body and ordinal, never the time."""
    from ..identity import session_body_id

    return f"{meeting.key}-{session_body_id(meeting, session.body)}-{session.ordinal}@schedule-export"


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
        item = meeting.item(ref.number, ref.letter)
        return ItemView(item_label(ref.number, ref.letter, pack), ref.title or (item.title if item else ""), ref.continued, docs)

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
    days = tuple(
        DayView(day, day_label(day), utc_offset_label(sessions[0].start), tuple(sessions)) for day, sessions in sorted(by_day.items())
    )
    bodies = tuple(b for b in meeting.bodies if b)
    ordinal = ordinal_label(meeting.ordinal, pack) if meeting.ordinal else None
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
        bodies=bodies if len(bodies) > 1 else (),
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
        local_time_label=zone_time_label(meeting.zone, pack),
        deadlines=tuple(
            DeadlineView(d.date, day_label(d.date), d.label, d.text) for d in sorted(meeting.deadlines, key=lambda d: d.date)
        ),
        topics=meeting.topics,
        agenda=tuple(item_view(ItemRef(number=i.number, letter=i.letter, title=i.title)) for i in meeting.agenda),
        source_language=meeting.language,
    )


def place_and_dates(meeting: Meeting, pack: LanguagePack) -> str:
    dates = date_span(meeting.first_day, meeting.last_day, pack)
    return pack.display.place.format(city=meeting.city, dates=dates) if meeting.city else dates


def date_span(first: date, last: date, pack: LanguagePack) -> str:
    """ "9-11 septembre 2019", "30 September–2 October 2019": the pack's pattern, CLDR's month names."""
    from babel.dates import get_month_names

    months = get_month_names(pack.display.month_width, "format", locale=pack.babel_locale)
    display = pack.display
    d1, d2 = display.day(first.day), display.day(last.day)
    if first == last:
        return display.single_day.format(d=d1, month=months[first.month], year=first.year)
    if first.year != last.year:
        return display.span_year.format(
            d1=d1, month1=months[first.month], year1=first.year, d2=d2, month2=months[last.month], year2=last.year
        )
    if first.month != last.month:
        return display.span_month.format(d1=d1, month1=months[first.month], d2=d2, month2=months[last.month], year=last.year)
    return display.span_day.format(d1=d1, d2=d2, month=months[first.month], year=first.year)
