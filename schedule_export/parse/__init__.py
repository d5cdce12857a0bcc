"""parse: a read ``Document`` into a validated ``Meeting``, with findings for what is doubtful.

The steps are plain functions over a shared ``Context``: language, header,
agenda and annotations, annex, deadlines, then cross-checks. Nothing here
formats output.
"""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from ..errors import ParseError
from ..lang import LanguagePack, detect_language, load_pack, normalize
from ..model import DEFAULT_TIMEZONE, AgendaItem, Meeting, Session, out_of_range
from ..read import Document
from .context import Context, find_symbols, symbol_alone
from .dates import find_date_ranges
from .prose import ProseReader, find_prose_schedule
from .timetable import Labels, Timetable, TimetableReader, _dated_days, find_timetable
from .document import (
    city_zone,
    find_deadlines,
    find_hybrid,
    find_meeting_city,
    find_meeting_sentence,
    find_opening,
    find_plenary_count,
    find_venue,
    is_corrigendum,
    meeting_from_sentence,
    parse_agenda,
    parse_header,
)


def choose_language(document: Document, requested: str | None) -> tuple[LanguagePack, str | None]:
    """The pack to read with, and a finding when the request was overruled by the document itself.

    A requested language is always honoured when detection cannot tell (it is what ``--lang`` is
    for); only a document unmistakably in another supported language overrules it.
    """
    wanted = load_pack(requested) if requested is not None else None
    try:
        detected = detect_language(document.text)
    except ParseError:
        if wanted is None:
            raise
        return wanted, None
    if wanted is None:
        return detected, None
    if wanted.code == detected.code:
        return wanted, None
    text = normalize(document.text[:20000])
    if not any(normalize(t) in text for t in wanted.annex_titles + wanted.agenda_titles) and any(
        normalize(t) in text for t in detected.annex_titles + detected.agenda_titles
    ):
        return detected, f"the document is in {detected.name} ({detected.code}), not {requested}; read as {detected.code}"
    return wanted, None


def parse_document(document: Document, language: str | None = None, timezone: str | None = None) -> Meeting:
    """``timezone`` None means: the zone of the city the document names, else Europe/Vienna."""
    try:
        return _parse_document(document, language, timezone)
    except ValidationError as exc:  # a session or deadline the model refuses (a date in year 9999)
        raise ParseError(f"inconsistent meeting: {exc.errors()[0]['msg']}") from None


def _parse_document(document: Document, language: str | None, timezone: str | None) -> Meeting:
    pack, overruled = choose_language(document, language)
    ctx = Context(document=document, pack=pack, findings=list(document.findings))
    if overruled:
        ctx.warn(None, overruled)

    hint = ctx.find_heading(pack.annex_titles)
    if hint is None:
        hint = _annex_heading(ctx)  # "Annex" over a title the pack does not know ("Tentative programme of work")
    timetable = find_timetable(ctx, ctx.lines[hint].number if hint is not None else None)
    timetable_index = _line_index(ctx, timetable.first_line) if timetable else None
    header = parse_header(ctx, limit=timetable_index)
    if header.dates_from_symbol_block and timetable is not None and _issued_before(header.dates.first, timetable):
        # "Paris, 14 August 2028" above the title, and the timetable's days are other days: the date of issue
        header.document_date = header.document_date or header.dates.first
        header.dates = None
    running = [found for text in document.furniture if len(text) < 80 and (found := symbol_alone(text) or next(iter(find_symbols(text)), None))]
    if header.symbol is None:
        # a converted PDF's running header, set aside by the reader, still names the document
        header.symbol = next(iter(running), None)
    elif any(symbol.endswith(f"/{header.symbol}") for symbol in running):
        # "CTOC/COP/" / "WG.2/2028/3" wrapped in a narrow header cell: the running header has it whole
        header.symbol = next(symbol for symbol in running if symbol.endswith(f"/{header.symbol}"))
    city_line = header.dates_line
    if header.city is None:
        named = find_meeting_city(ctx, timetable_index)  # "will be held in New York": headers there often name no city
        if named is not None:
            header.city, city_line = named
            if timezone is None and (zone_name := city_zone(named[0], pack.babel_locale)) not in (None, DEFAULT_TIMEZONE):
                ctx.warn(city_line, f"no city in the header; times read in {zone_name}, the zone of {named[0]!r} named here")
    timezone = timezone or _zone_for(ctx, header.city, city_line)
    try:
        zone = ZoneInfo(timezone)
    except Exception:
        raise ParseError(f"unknown time zone {timezone!r}") from None

    title, ordinal = header.title, header.ordinal
    first_day = header.dates.first if header.dates else None
    last_day = header.dates.last if header.dates else None
    sentence = find_meeting_sentence(ctx)
    if sentence:
        sentence_title, sentence_ordinal = meeting_from_sentence(sentence[0], ctx)
        ordinal = ordinal or sentence_ordinal
        title = title or sentence_title
        if first_day is None:
            found = find_date_ranges(sentence[0], ctx.pack)[0]
            first_day, last_day = found.first, found.last
    if first_day is None:
        ranges = find_date_ranges(document.text, pack)
        if ranges:
            latest = max(ranges, key=lambda r: r.first)
            first_day, last_day = latest.first, latest.last
            ctx.warn(None, f"meeting dates taken from the latest date range in the text: {first_day.isoformat()} to {last_day.isoformat()}")
    for what, day in (("the first day", first_day), ("the last day", last_day), ("the document date", header.document_date)):
        reason = out_of_range(day, what) if day else None
        if reason:  # refused before the timetable is read with days derived from it
            raise ParseError(f"inconsistent meeting: {reason}")

    opening = find_opening(ctx)
    if ordinal is None and opening:
        ordinal = _ordinal_near(ctx, opening[2])
    ordinal_text = _ordinal_words(ctx, ordinal)
    annotations = parse_agenda(ctx, header.end, timetable_index, corrigendum=is_corrigendum(header.symbol))
    fallback_year = (header.document_date or first_day or date.today()).year
    sessions: list[Session] = []
    day_notes: tuple = ()
    if timetable is not None:
        reader = TimetableReader(ctx, timetable, first_day, last_day, zone, annotations.agenda, fallback_year)
        sessions = reader.read()
        day_notes = tuple(reader.day_notes)
    if not sessions:
        prose = find_prose_schedule(ctx, Labels(ctx))
        if prose is not None:
            reader = ProseReader(ctx, prose, first_day, last_day, zone, annotations.agenda, fallback_year)
            sessions = reader.read()
            day_notes = tuple(reader.day_notes)
    if sessions and first_day is None:
        first_day, last_day = sessions[0].start.date(), sessions[-1].start.date()
    if first_day is None or last_day is None:
        raise ParseError("no meeting dates found (not an agenda or invitation for a meeting?)")
    if not sessions:
        ctx.warn(None, "no timed organization of work found; the calendar holds the meeting days only")

    if document.renumbered:  # HTML blocks that shared a source line: the JSON names the source line, as warnings do
        sessions = [s.model_copy(update={"line": document.source_line(s.line)}) for s in sessions]
        day_notes = tuple(n.model_copy(update={"line": document.source_line(n.line)}) for n in day_notes)
    deadlines = find_deadlines(ctx, first_day, header.document_date)
    topics = _topics(ctx) if not annotations.agenda else ()
    if sessions:
        cross_check(ctx, sessions, annotations.agenda, opening)
    try:
        return Meeting(
            source=document.name,
            language=pack.code,
            timezone=timezone,
            parent_body=header.parent_body,
            title=title or (document.name.rsplit(".", 1)[0]),
            ordinal=ordinal,
            ordinal_text=ordinal_text,
            venue=find_venue(ctx),
            city=header.city or (pack.label("city") if normalize(pack.label("city")) in normalize(document.text) else None),
            first_day=first_day,
            last_day=last_day,
            symbol=header.symbol,
            document_date=header.document_date,
            hybrid=find_hybrid(ctx),
            agenda=tuple(annotations.agenda),
            topics=topics,
            sessions=tuple(sessions),
            deadlines=tuple(deadlines),
            day_notes=day_notes,
            findings=tuple(ctx.findings),
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise ParseError(f"inconsistent meeting: {problem['msg']}") from None


def _issued_before(day: date, timetable: Timetable) -> bool:
    """Whether the timetable dates its days and none of them is this day."""
    units = timetable.units + [unit for part in timetable.more for unit in part.units]
    days = _dated_days(units, timetable.labels)
    return bool(days) and (day.day, day.month) not in days


def _line_index(ctx: Context, number: int) -> int:
    """Index in ``ctx.lines`` of the first line at or after a source line number."""
    return next((i for i, line in enumerate(ctx.lines) if line.number >= number), len(ctx.lines))


def _annex_heading(ctx: Context) -> int | None:
    """The first line that is only the annex word, numbered or not ("Annex", "ANNEXE II")."""
    words = {normalize(w) for w in ctx.pack.annex_words}
    for index, folded in enumerate(ctx.folded):
        head, _, number = folded.strip(" .:*#").partition(" ")
        if head in words and (not number or number.isdigit() or set(number) <= set("ivx")):
            return index
    return None


def _zone_for(ctx: Context, city: str | None, line: int | None) -> str:
    if not city:
        return DEFAULT_TIMEZONE
    zone = city_zone(city, ctx.pack.babel_locale)
    if zone is None:
        ctx.warn(line, f"no time zone known for {city!r}; times read as {DEFAULT_TIMEZONE} (use --tz)")
        return DEFAULT_TIMEZONE
    return zone


def _ordinal_words(ctx: Context, ordinal: int | None) -> str | None:
    """The first place the document writes the meeting's ordinal with its noun, in its own words."""
    from .document import _ordinal_in, ordinal_phrase

    if ordinal is None:
        return None
    for line in ctx.lines:
        if _ordinal_in(line.text, ctx) == ordinal:
            return ordinal_phrase(line.text, ctx)
    return None


def _ordinal_near(ctx: Context, line_number: int) -> int | None:
    from .document import _ordinal_in

    line = next((l for l in ctx.lines if l.number == line_number), None)
    return _ordinal_in(line.text, ctx) if line else None


def _topics(ctx: Context) -> tuple[str, ...]:
    """Bullet points of an invitation without a numbered agenda: the topics it announces."""
    topics = []
    for line in ctx.lines:
        text = line.text.strip()
        if text[:2] in ("- ", "* ", "\u2022 ") and len(text) > 12:
            topics.append(text[2:].strip().rstrip(";.").strip())
    return tuple(topics)


def cross_check(ctx: Context, sessions: list[Session], agenda: list[AgendaItem], opening: tuple[date | None, time, int] | None) -> None:
    """Contradictions between the annotations and the annex become findings; nothing is changed."""
    scheduled = {(ref.number, ref.letter) for s in sessions for ref in s.items}
    scheduled_numbers = {n for n, _ in scheduled}
    for item in agenda:
        has_subitems = any(a.number == item.number and a.letter for a in agenda)
        if item.letter:
            covered = (item.number, item.letter) in scheduled or (item.number, None) in scheduled
        else:
            covered = item.number in scheduled_numbers if has_subitems else (item.number, None) in scheduled or item.number in scheduled_numbers
        if not covered:
            label = f"{item.number}{' ' + item.letter + ')' if item.letter else ''}"
            ctx.warn(None, f"agenda item {label} ({item.title[:50]}) is never scheduled in the annex")

    count = find_plenary_count(ctx)
    if count:
        names = {normalize(n) for n in ctx.pack.plenary_names}
        plenary = [s for s in sessions if s.body is None or normalize(s.body).strip(" .") in names]
        if count[0] != len(plenary):
            ctx.warn(count[1], f"the text announces {count[0]} plenary meetings but the annex has {len(plenary)}")

    if opening:
        day, moment, line = opening
        first = min(sessions, key=lambda s: s.start)
        first_local = first.start
        if (day is not None and day != first_local.date()) or moment != first_local.time().replace(tzinfo=None):
            when = f"{day.isoformat()} " if day else ""
            ctx.warn(line, f"the opening is announced for {when}{moment:%H:%M} but the first meeting in the annex starts {first_local:%Y-%m-%d %H:%M}")

    by_body: dict[str | None, list[Session]] = {}
    for session in sessions:
        by_body.setdefault(session.body, []).append(session)
    for body_sessions in by_body.values():
        ordered = sorted(body_sessions, key=lambda s: s.start)
        for before, after in zip(ordered, ordered[1:]):
            if after.start < before.end:
                ctx.warn(after.line, f"meeting at {after.start:%Y-%m-%d %H:%M} overlaps the one before it")
