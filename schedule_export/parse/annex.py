"""The annex timetable ("Projet d'organisation des travaux") into sessions.

Columns are found from the header row with the pack's header words: a
date/time column, an item column and a title column; any other header names
a body meeting in parallel ("Plenary", "Committee of the Whole"). Without a
header row the usual order (time, item, title) is assumed. Day headers are
recognised wherever they stand in a row, since conversions push them into
other columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..lang import alternation, normalize
from ..model import AgendaItem, ItemRef, Session
from ..read import Line
from .context import Context
from .dates import parse_day_header, infer_year
from .items import parse_cell_items, strip_continuation
from .context import pack_pattern
from .times import TimeRange, parse_time_range


@dataclass
class Layout:
    time_columns: tuple[int, ...] = (0,)
    item_column: int | None = 1
    title_column: int | None = 2
    bodies: dict[int, str] = field(default_factory=dict)  # column -> body name
    header_index: int | None = None

    @property
    def parallel(self) -> bool:
        return bool(self.bodies)


@dataclass
class _Draft:
    day: date
    start: time
    end: time
    body: str | None
    line: int
    items: list[ItemRef] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    item_lines: list[int] = field(default_factory=list)


def _header_kind(cell: str, ctx: Context) -> str | None:
    folded = normalize(cell).strip(" .:*")
    if not folded:
        return None
    columns = ctx.pack.columns
    for kind, words in (("date_time", columns.date_time), ("item", columns.item), ("title", columns.title), ("date", columns.date), ("time", columns.time)):
        if folded in {normalize(w) for w in words}:
            return kind
    return "body"


def detect_layout(ctx: Context, rows: list[tuple[int, Line]]) -> Layout:
    for index, line in rows[:8]:
        if not line.is_row or len(line.filled) < 2:
            continue
        kinds = [_header_kind(cell, ctx) for cell in line.cells]
        known = [k for k in kinds if k not in (None, "body")]
        if not known:
            continue
        layout = Layout(header_index=index)
        layout.time_columns = tuple(i for i, k in enumerate(kinds) if k in ("date_time", "date", "time")) or (0,)
        layout.item_column = next((i for i, k in enumerate(kinds) if k == "item"), None)
        layout.title_column = next((i for i, k in enumerate(kinds) if k == "title"), None)
        if layout.item_column is None:
            layout.bodies = {i: line.cells[i].strip(" *") for i, k in enumerate(kinds) if k == "body"}
        return layout
    return Layout()


def parse_annex(ctx: Context, start: int, first_day: date | None, last_day: date | None, zone: ZoneInfo, agenda: list[AgendaItem], fallback_year: int) -> list[Session]:
    rows = [(i, ctx.lines[i]) for i in range(start + 1, len(ctx.lines)) if ctx.lines[i].text.strip()]
    layout = detect_layout(ctx, rows)
    if layout.header_index is not None:
        rows = [(i, line) for i, line in rows if i > layout.header_index]
    titles = {(a.number, a.letter): a.title for a in agenda}
    drafts: list[_Draft] = []
    current_day: date | None = None
    current: dict[str | None, _Draft] = {}  # body -> open draft
    slot: tuple[time, time, int] | None = None

    annex_word = pack_pattern(ctx.pack, "annex-word", lambda p: rf"^(?:{alternation(p.annex_words)})(?:\s+[ivx\d]+)?\b")
    for _, line in rows:
        if drafts and not line.is_row and len(line.text) < 120 and annex_word.match(normalize(line.text)):
            break  # the next annex (a list of documents, say) is not part of the timetable
        cells = list(line.cells) if line.is_row else [line.text]
        filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
        # a day header: alone in its row, in whichever column the conversion put it, or in a date column
        day_cell, header = next(((i, h) for i, c in filled if (h := parse_day_header(c, ctx.pack))), (None, None))
        if header and day_cell is not None and (
            len(filled) == 1
            or parse_time_range(header.rest, ctx.pack)
            or _period(header.rest, ctx) is not None
            or (not header.rest and day_cell in layout.time_columns and day_cell == filled[0][0])
        ):
            current_day = _resolve_day(ctx, header, line.number, first_day, last_day, fallback_year)
            current, slot = {}, None
            cells[day_cell] = header.rest
            filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
            if not filled:
                continue
        time_range = None
        for column in layout.time_columns if line.is_row else (0,):
            if column < len(cells) and cells[column].strip():
                time_range = parse_time_range(cells[column], ctx.pack) or _period(cells[column], ctx, line.number)
                if time_range:
                    cells[column] = ""
                    break
        if time_range is None and not line.is_row:
            time_range = parse_time_range(cells[0], ctx.pack)
            if time_range:
                rest = normalize(cells[0])[time_range.span[1]:]
                cells = ["", rest.strip(" .:-")] if rest.strip(" .:-") else [""]
        if time_range:
            if current_day is None:
                ctx.warn(line.number, "time range before any day in the annex; skipped")
                continue
            slot = (time_range.start, time_range.end, line.number)
            current = {}
        if slot is None:
            if any(c.strip() for c in cells):
                ctx.warn(line.number, f"annex row outside any timed meeting: {line.text[:60]!r}")
            continue
        assert current_day is not None
        if layout.parallel:
            for column, body in layout.bodies.items():
                if column < len(cells) and cells[column].strip():
                    draft = _draft_for(current, drafts, body, current_day, slot)
                    _add_content(ctx, draft, cells[column], None, titles, line.number, require_word=True)
        else:
            item_cell = cells[layout.item_column] if layout.item_column is not None and layout.item_column < len(cells) else ""
            title_cell = cells[layout.title_column] if layout.title_column is not None and layout.title_column < len(cells) else ""
            if not line.is_row:
                item_cell, title_cell = "", " ".join(c for c in cells if c)
            if item_cell.strip() or title_cell.strip():
                draft = _draft_for(current, drafts, None, current_day, slot)
                _add_content(ctx, draft, item_cell, title_cell, titles, line.number, require_word=False)
            elif time_range:
                _draft_for(current, drafts, None, current_day, slot)
    return _to_sessions(ctx, drafts, zone)


def _period(text: str, ctx: Context, line: int | None = None) -> TimeRange | None:
    """ "Morning" / "matin" written instead of clock times: standard hours, said in a warning."""
    folded = normalize(text).strip(" .,:;()")
    for word, hours in ctx.pack.time.periods.items():
        if folded == normalize(word):
            found = parse_time_range(hours.replace(":", "."), ctx.pack) or _parse_hours(hours)
            if line is not None:
                ctx.warn(line, f"no clock times for {text.strip()!r}; read as {hours} (standard meeting hours)")
            return found
    return None


def _parse_hours(hours: str) -> TimeRange:
    start, end = (time.fromisoformat(part.strip()) for part in hours.split("-"))
    return TimeRange(start, end, (0, len(hours)))


def _draft_for(current: dict[str | None, _Draft], drafts: list[_Draft], body: str | None, day: date, slot: tuple[time, time, int]) -> _Draft:
    if body not in current:
        current[body] = _Draft(day=day, start=slot[0], end=slot[1], body=body, line=slot[2])
        drafts.append(current[body])
    return current[body]


def _add_content(ctx: Context, draft: _Draft, item_cell: str, title_cell: str | None, titles: dict, line: int, require_word: bool) -> None:
    parsed = parse_cell_items(item_cell, ctx.pack, require_word=require_word) if item_cell.strip() else None
    if parsed is None and title_cell is None:
        # a body column may write "1 a) Opening" without the item word
        parsed = parse_cell_items(item_cell, ctx.pack, require_word=False)
    if parsed is None and title_cell:
        parsed = parse_cell_items(title_cell, ctx.pack, require_word=True)
        if parsed:
            title_cell = parsed.rest
    if parsed is None:
        text, continued = strip_continuation(" ".join(filter(None, [item_cell, title_cell])), ctx.pack)
        if draft.items and text and text[:1].islower() and not continued:
            last = draft.items[-1]  # a title wrapped onto the next row
            draft.items[-1] = last.model_copy(update={"title": f"{last.title} {text}".strip()})
        elif text:
            draft.notes.append(text)
        return
    title_text, continued_in_title = strip_continuation(title_cell or parsed.rest, ctx.pack)
    continued = parsed.continued or continued_in_title
    for number, letter in parsed.refs:
        known = titles.get((number, letter))
        if titles and known is None and not any(n == number for n, _ in titles):
            ctx.warn(line, f"item {number}{' ' + letter + ')' if letter else ''} is not on the agenda")
        title = title_text if len(parsed.refs) == 1 and title_text else (known or title_text)
        draft.items.append(ItemRef(number=number, letter=letter, title=title, continued=continued))
        draft.item_lines.append(line)


def _resolve_day(ctx: Context, header, line: int, first_day: date | None, last_day: date | None, fallback_year: int) -> date | None:
    from babel.dates import format_date

    if header.year is not None:
        try:
            day = date(header.year, header.month, header.day)
        except ValueError:
            ctx.warn(line, f"day {header.day}/{header.month}/{header.year} does not exist; skipped")
            return None
    else:
        day, clear = infer_year(header.month, header.day, first_day, last_day, fallback_year)
        if day is None:
            ctx.warn(line, f"day {header.day}/{header.month} does not exist; skipped")
            return None
        if first_day is None:
            ctx.warn(line, f"no year for {header.day}/{header.month} and no meeting dates; assumed {day.year}")
    if header.weekday_word and not header.weekday_exact and header.weekday is not None:
        ctx.warn(line, f"unknown weekday {header.weekday_word!r} read as {format_date(day, 'EEEE', locale=ctx.pack.babel_locale) if header.weekday == day.weekday() else 'a weekday'}")
    if header.weekday is not None and header.weekday != day.weekday():
        written = format_date(day - timedelta(days=day.weekday() - header.weekday), "EEEE", locale=ctx.pack.babel_locale)
        actual = format_date(day, "EEEE d MMMM y", locale=ctx.pack.babel_locale)
        ctx.warn(line, f"weekday {written!r} contradicts the date: {actual}; the date is used")
    if first_day and last_day and not first_day <= day <= last_day:
        ctx.warn(line, f"day {day.isoformat()} is outside the meeting dates {first_day.isoformat()} to {last_day.isoformat()}")
    return day


def _to_sessions(ctx: Context, drafts: list[_Draft], zone: ZoneInfo) -> list[Session]:
    sessions: list[Session] = []
    counters: dict[str | None, int] = {}
    for draft in sorted(drafts, key=lambda d: (d.day, d.start)):
        start = _wall_time(ctx, draft.day, draft.start, zone, draft.line)
        end = _wall_time(ctx, draft.day, draft.end, zone, draft.line)
        counters[draft.body] = counters.get(draft.body, 0) + 1
        sessions.append(
            Session(
                start=start,
                end=end,
                body=draft.body,
                ordinal=counters[draft.body],
                items=tuple(draft.items),
                notes=tuple(draft.notes),
                line=draft.line,
            )
        )
        _check_items(ctx, draft)
    return sessions


def _wall_time(ctx: Context, day: date, moment: time, zone: ZoneInfo, line: int) -> datetime:
    local = datetime.combine(day, moment, tzinfo=zone)
    round_trip = local.astimezone(ZoneInfo("UTC")).astimezone(zone)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        ctx.warn(line, f"{moment:%H:%M} on {day.isoformat()} does not exist in {zone.key} (clock change); read as {round_trip:%H:%M}")
        return round_trip
    if local.replace(fold=1).utcoffset() != local.utcoffset():
        ctx.warn(line, f"{moment:%H:%M} on {day.isoformat()} happens twice in {zone.key} (clock change); the first is used")
    return local


def _check_items(ctx: Context, draft: _Draft) -> None:
    seen: dict[tuple[int, str | None], bool] = {}
    for ref, line in zip(draft.items, draft.item_lines):
        key = (ref.number, ref.letter)
        if key in seen and seen[key] != ref.continued and ref.continued:
            label = f"{ref.number}{' ' + ref.letter + ')' if ref.letter else ''}"
            ctx.warn(line, f"item {label} is both started and continued in the same meeting ({draft.day.isoformat()} {draft.start:%H:%M})")
        seen.setdefault(key, ref.continued)
