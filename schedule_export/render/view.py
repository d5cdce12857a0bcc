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


def zone_time_label(zone: ZoneInfo, pack: LanguagePack) -> str:
    """ "heure de Vienne" / "Vienna time": the zone's exemplar city from CLDR in the pack's wording."""
    from babel.dates import get_timezone_location

    city = get_timezone_location(zone, locale=pack.babel_locale, return_city=True)
    return pack.label("zone_time").format(city=city)


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


def item_title(meeting: Meeting, ref: ItemRef) -> str:
    """An item's title as the annex gives it, else as the agenda does, else as the annex gave it elsewhere
    (a timetable often writes the title once and "4 (continued)" after)."""
    if ref.title:
        return ref.title
    item = meeting.item(ref.number, ref.letter)
    if item and item.title:
        return item.title
    return next(
        (other.title for session in meeting.sessions for other in session.items
         if other.title and (other.number, other.letter) == (ref.number, ref.letter)),
        "",
    )


def numbered_item(meeting: Meeting, ref: ItemRef, pack: LanguagePack) -> str:
    """ "2. Title (continued)" / "1 a) Title": an item in full, as agendas number it, for plain-text outputs."""
    number = item_label(ref.number, ref.letter, pack) if ref.letter else f"{ref.number}."
    suffix = f" ({pack.label('continued')})" if ref.continued else ""
    return f"{number} {item_title(meeting, ref)}{suffix}".strip()


def meeting_location(meeting: Meeting) -> str | None:
    """As precise as the document allows: the conference centre it names, then the city."""
    return ", ".join(part for part in (meeting.venue, meeting.city) if part) or None


def body_id(body: str | None) -> str:
    """A short file-name-safe id of a body ("committee-of-the-whole"); the plenary is "plenary".

    Used in per-body calendar names (``<stem>.<body-id>.ics``), so kept short.
    """
    from ..model import slugify

    if not body:
        return "plenary"
    return slugify(body)[:24].rstrip("-") or "plenary"


def short_title(title: str, limit: int = 48) -> str:
    """A title shortened at a word boundary for a calendar's one-line summary: "Mesures de prévention de la…"."""
    title = re.sub(r"\s+", " ", title).strip().rstrip(" .;:,")
    if len(title) <= limit:
        return title
    cut = title[:limit]
    if title[limit] != " " and " " in cut:  # never end inside a word
        cut = cut.rsplit(" ", 1)[0]
    # a dangling short word ("de", "of the", "y") reads worse than a shorter cut
    words = cut.split(" ")
    while len(words) > 2 and len(words[-1]) <= 3:
        words.pop()
    return " ".join(words).rstrip(" ,;:-–") + "\u2026"


def programme_url(meeting: Meeting, base_url: str | None, anchor: str | None = None) -> str | None:
    """The served programme page of a meeting (``serve`` and ``site`` publish it at ``/meetings/<key>.html``)."""
    if not base_url:
        return None
    url = f"{base_url.rstrip('/')}/meetings/{meeting.key}.html"
    return f"{url}#{quote(anchor, safe='@-._~')}" if anchor else url


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
        local_time_label=zone_time_label(meeting.zone, pack),
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


def event_guid(uid: str) -> str:
    """A UUID for formats that want one (frab's guid), derived from the calendar UID so both stay stable together."""
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, uid))
