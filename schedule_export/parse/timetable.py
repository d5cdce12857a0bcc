"""The timetable, found by its content and read by its structure, whatever its layout.

One mechanism for every layout. The document's blocks become *units*: the rows
of its tables and its paragraphs (a paragraph is a row of one cell). A region
dense in day labels and time ranges is the timetable, whatever its title (the
pack's annex titles only break ties). Each content cell then takes its day,
its time and its body from what labels it: its column's header (days as
columns, Morning / Afternoon columns, a body per column) or the labels met
down the rows (a day row above its meetings, the day or the time in the first
cells of the row, running text "Monday, 8 July, 10 a.m.-1 p.m.: item 3").
Rows of text tables are physical lines: a line that only continues a cell
(a wrapped title, a wrapped time or day label) is joined by meaning here.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from ..lang import alternation, normalize, without_asides
from ..model import AgendaItem, DayNote, ItemRef, Session
from ..read import Cell, Paragraph, Table
from .context import Context, pack_pattern, symbol_alone
from .dates import DayHeader, infer_year, parse_day_header
from .items import closes_with_mark, CellItems, continuation_pattern, more_items, parse_cell_items, strip_continuation
from .times import DASHES, TimeRange, find_time_ranges, parse_leading_time, parse_time_range
from .walltime import session_bounds

# Text tables whose rows are lines: their cells are split back into lines, read one by one.
_LINE_TABLES = frozenset({"grid", "multiline", "simple", "aligned", "tabs", "pipes", "pdf"})
# Of those, the ones whose rows are physical lines only, where a row may continue the one above.
_PHYSICAL_TABLES = frozenset({"aligned", "pdf"})
_FOOTNOTE = re.compile(r"^\s*(?:\*{1,3}|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\d{1,2}/|[a-z]/|\(\d{1,2}\))\s*\S")
_JOB_NUMBER = re.compile(r"^\s*[A-Z]{1,2}\.\d{2}-\d{4,6}\b")
_PAGE_MARK = re.compile(r"^\s*(?:\d{1,3}\s*/\s*\d{1,3}|-\s*\d{1,3}\s*-|\d{1,3})\s*$")
_OPEN_RANGE = re.compile(rf"[{DASHES}]\s*$|\s(?:to|à|a|au|до|до\s|al|hasta)\s*$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_WORDLIKE = re.compile(r"\w")
_WORD = re.compile(r"\w+")
# "10 a.m.-1" over "p.m.": a range whose end lost its marker to the next line
_DANGLING_HOUR = re.compile(rf"\d\D{{0,6}}[{DASHES}]\s*\d{{1,2}}\s*$")
_MINUTES_ALONE = re.compile(r"^\s*\D{0,2}\s*[0-5]\d\s*\D{0,3}$")  # "30 分", "时 30 分", "30 м."
_YEAR_ALONE = re.compile(r"^\s*\d{4}\s*[.,]?\s*$")
# item references hold a number, or open on a sub-item letter ("(b)", "b)", "(أ)"): anything else holds none
_MAY_HOLD_ITEMS = re.compile(r"\d|^\W{0,3}[^\W\d_]\s*[)）]")
_BULLET = re.compile(r"^\s*[-*+\u2022\u2013\u2014]\s+")  # "- 10.00-13.00: Punto 4": a list's bullet
_DIGIT_PAREN = re.compile(r"(\d)\)")
MAX_LABEL = 160  # a longer cell is content, never a day or time label
MAX_PROSE = 200  # a longer paragraph is running text, not a timetable line


class Unit:
    """One row of the timetable's raw material: cells of lines, where it came from."""

    __slots__ = ("cells", "number", "block", "table", "continues", "texts")

    def __init__(self, cells: tuple[Cell, ...], number: int, block: int, table: str, continues: bool = False) -> None:
        self.cells = cells
        self.number = number
        self.block = block
        self.table = table  # "" for a paragraph, else the table's source
        self.continues = continues  # a later line of the same logical row (grid and multiline tables)
        self.texts: tuple[str, ...] = tuple("" if c.spanned else c.text for c in cells)


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
    skip: list[str] = field(default_factory=list)  # "no meeting", "lunch": said of the slot, not a meeting


@dataclass
class Timetable:
    units: list[Unit]
    first_line: int
    labels: "Labels"
    body: str | None = None  # the body its heading names, when the document has a timetable per body
    more: list["Timetable"] = field(default_factory=list)  # the timetables of the other bodies, read after this one

    @property
    def last_line(self) -> int:
        return self.units[-1].number if self.units else self.first_line


def _continues_case(text: str) -> bool:
    """A line that may go on from the line above: lower case, or a script without case (Chinese, Arabic)."""
    first = text[:1]
    return first.islower() or (first.isalpha() and not first.isupper())


def _leads_with_items(text: str, pack) -> bool:
    """ "1 b) Adoption of the agenda": a line that opens on item references (a cheap test first)."""
    head = text[:40]
    return _MAY_HOLD_ITEMS.search(head) is not None and parse_cell_items(head, pack) is not None


def _names_session_body(name: str) -> bool:
    from ..identity import _session_bodies  # the names of bodies in session, in six languages (data/bodies.toml)

    return len(name) <= 60 and normalize(name) in _session_bodies()


# --- units --------------------------------------------------------------------------------------


def document_units(ctx: Context) -> list[Unit]:
    units: list[Unit] = []
    for index, block in enumerate(ctx.document.blocks):
        if isinstance(block, Paragraph):
            units.append(Unit((Cell((block.text,), (block.number,)),), block.number, index, ""))
            continue
        assert isinstance(block, Table)
        for row in block.rows:
            if block.source in _LINE_TABLES and any(len(c.lines) > 1 for c in row.cells if not c.spanned):
                units.extend(_split_lines(row.cells, index, block.source))
            elif any(row.texts):
                units.append(Unit(row.cells, row.number, index, block.source))
    return units


def _split_lines(cells: tuple[Cell, ...], block: int, source: str) -> list[Unit]:
    """A row of a text table written over several lines, back into its lines (each cell line keeps its place)."""
    numbers = sorted({n for c in cells if not c.spanned for n in c.numbers})
    units = []
    for position, number in enumerate(numbers):
        line_cells = tuple(
            Cell(tuple(t for t, n in zip(c.lines, c.numbers) if n == number), tuple(n for n in c.numbers if n == number)) if not c.spanned else Cell()
            for c in cells
        )
        units.append(Unit(line_cells, number, block, source, continues=position > 0))
    return units


# --- labels -------------------------------------------------------------------------------------


class Labels:
    """Day and time labels in the pack's language, with the document's own hours for Morning / Afternoon."""

    def __init__(self, ctx: Context, stated: Callable[[], dict[str, TimeRange]] | None = None) -> None:
        self.ctx = ctx
        self._stated_source = stated
        self._stated: dict[str, TimeRange] | None = None
        self._days: dict[str, DayHeader | None] = {}
        self._times: dict[str, tuple[TimeRange | None, str, str | None] | None] = {}
        self.periods = {normalize(word): hours for word, hours in ctx.pack.time.periods.items()}
        self._date_words = {normalize(word) for word in ctx.pack.date_words}
        self._period_re = pack_pattern(
            # a word's end only where words are spaced: "晚间会议" (evening meeting) opens on the period word "晚间"
            ctx.pack, "period-word", lambda p: rf"^(?:{alternation(tuple(p.time.periods))})" + (r"(?![\w-])" if p.spaced else "")
        )
        self._non_meeting = pack_pattern(
            ctx.pack, "non-meeting", lambda p: rf"{p.word_start}(?:{alternation(p.non_meeting)}){p.word_end}"
        )
        # the same phrases inflected or in another order: "заседаний нет" for "нет заседания"
        self._non_meeting_stems = tuple(
            stems for phrase in ctx.pack.non_meeting if len(stems := tuple((w, _stem(w)) for w in re.findall(r"\w+", normalize(phrase)))) > 1
        ) if ctx.pack.spaced else ()

    @property
    def stated(self) -> dict[str, TimeRange]:
        """The hours the document states, looked for only once a period word needs them."""
        if self._stated_source is None:
            return {}  # still looking for the timetable: any hours will do to see a label
        if self._stated is None:
            self._stated = self._stated_source()
        return self._stated

    def day(self, text: str) -> DayHeader | None:
        if not text or len(text) > MAX_LABEL:
            return None
        if text not in self._days:
            self._days[text] = self._read_day(text)
        return self._days[text]

    def _read_day(self, text: str) -> DayHeader | None:
        if _DIGIT.search(text) is None:
            # a weekday alone ("Monday", "MARDI"): placed within the meeting's dates by the reader
            word = normalize(text).strip("*_ ,.:")
            number = self.ctx.pack.weekdays.get(word) if len(word) > 3 else None
            return DayHeader(0, 0, None, text.strip("*_ ,.:"), number, True, "") if number is not None else None
        text = text.strip("*_ ")
        header = parse_day_header(text, self.ctx.pack)
        if header is None or not header.rest:
            return header
        folded = normalize(text)
        written = _as_written(text, folded)
        start = len(folded.rstrip(" ,;:.-\u2013")) - len(header.rest)  # the date's reader cut a final stop too
        return replace(header, rest=written[start:].lstrip("*_ ,;:"))

    def day_pair(self, text: str) -> tuple[DayHeader, DayHeader] | None:
        """Two days in one label, "Samedi 30 et dimanche 31 octobre", "Saturday 30 October and Sunday 31 October":
        both, the text after them as the second's rest."""
        if not text or len(text) > MAX_LABEL or not _DIGIT.search(text):
            return None
        joiners = pack_pattern(
            self.ctx.pack, "day-pair", lambda p: rf"\s+(?:{alternation(p.and_words + p.date_range_words)}|[{DASHES}])\s+|\s*[{DASHES}]\s*"
        )
        for joined in joiners.finditer(text):
            before, after = text[: joined.start()].strip("*_ ,"), text[joined.end() :]
            second = self.day(after)
            if second is None or second.day == 0:
                continue
            first = self.day(before)
            words = normalize(before).strip(" *_,.").split()
            if first is None and len(words) == 2 and words[1].isdigit() and words[0].rstrip(",.") in self.ctx.pack.weekdays:
                # "Samedi 30": the month is the second's, or the one before ("Samedi 31 et dimanche 1er novembre")
                month, year = second.month, second.year
                if int(words[1]) > second.day:
                    month, year = (month - 1, year) if month > 1 else (12, year - 1 if year else None)
                weekday = self.ctx.pack.weekdays[words[0].rstrip(",.")]
                first = DayHeader(int(words[1]), month, year, before.split()[0].rstrip(",."), weekday, True, "")
            if first is not None and first.day and not first.rest:
                return replace(first, rest=second.rest), second
        return None

    def time(self, text: str) -> tuple[TimeRange, str, str | None] | None:
        """A time range anywhere in a short text, or a period word: (range, the rest, the period word).

        A period word alone ("Morning") takes the hours the document states, else the pack's standard hours.
        """
        if not text or len(text) > MAX_LABEL:
            return None
        if text not in self._times:
            self._times[text] = self._read_time(text)
        found = self._times[text]
        if found is not None and found[0] is not None and found[0].open_end:
            return self._ended(found[0]), found[1], None
        if found is None or found[0] is not None:
            return found  # type: ignore[return-value]
        _, rest, word = found
        assert word is not None
        kind = self.period_kind(word)
        hours = self.stated.get(kind) if kind else None
        return (hours or _hours(self.periods[word])), rest, word

    def _read_time(self, text: str) -> tuple[TimeRange | None, str, str | None] | None:
        found = parse_time_range(text, self.ctx.pack) if _DIGIT.search(text) else None
        if found is None and _DIGIT.search(text):
            found = parse_time_range(text, self.ctx.pack, anchored=False)
            if found is not None and _bare(normalize(text)[found.span[0] : found.span[1]]):
                found = None  # "items 3-5": numbers, not hours
        folded = normalize(text)
        period = self._period_re.match(folded.strip(" .,:;()*"))
        written = _as_written(text, folded)
        if found is not None:
            rest = _trim(written[: found.span[0]] + " " + written[found.span[1] :])
            if period and normalize(rest).startswith(period.group(0)):
                rest = _trim(rest[len(period.group(0)) :])
            return found, _strip_words(rest), period.group(0) if period else None
        if period:
            word = period.group(0)
            start = len(folded) - len(folded.lstrip(" .,:;()*")) + len(word)
            return None, _strip_words(_trim(written[start:])), word
        leading = parse_leading_time(text, self.ctx.pack) if _DIGIT.search(text[:8]) else None
        after = folded[leading[1] :].lstrip() if leading is not None else ""
        if leading is not None and not _OPEN_RANGE.search(folded) and not (after[:1] in DASHES and after[1:].lstrip()[:1].isdigit()):
            # "10 a.m.   1st meeting": a meeting announced by its start alone
            return TimeRange(leading[0], leading[0], (0, leading[1]), open_end=True), _strip_words(_trim(written[leading[1] :])), None
        return None

    def _ended(self, opened: TimeRange) -> TimeRange:
        """A start without an end, ended with its part of the day: the document's stated hours, else the pack's."""
        standard = sorted((_hours(hours) for hours in self.periods.values()), key=lambda hours: hours.start)
        for hours in standard:
            kind = "morning" if hours.start.hour < 12 else "afternoon" if hours.start.hour < 18 else "evening"
            stated = self.stated.get(kind, hours)
            if opened.start < stated.end:
                return replace(opened, end=stated.end)
        return replace(opened, end=time(min(opened.start.hour + 3, 23), opened.start.minute))

    def open_label(self, text: str) -> bool:
        """The first line of a wrapped label: "10 a.m.-", "10 ч. 00 м. -", "Mercredi 3"."""
        return len(text) <= 40 and bool(_OPEN_RANGE.search(text) or _DANGLING_HOUR.search(text) or self._open_range_words(text) or self._partial_day(text)) and not self.time(text) and not self.day(text)

    def _open_range_words(self, text: str) -> bool:
        """ "من الساعة 10:00 إلى الساعة", "с 10.00 до": a time, then the pack's word for "to" ending the line."""
        pattern = pack_pattern(
            self.ctx.pack,
            "open-range-words",
            lambda p: rf"\d\D*{p.word_start}(?:{alternation(p.time.range_words)})(?:{p.gap}(?:{alternation(p.time.lead_words)}))?\s*$",
        )
        return pattern.search(normalize(text)) is not None

    def _bare_period(self, text: str, below: str) -> bool:
        """ "MORNING" on one line and its hours on the next ("9.00 - 12.00"; "晚间会议" over "下午 6 时 30 分至 9 时",
        hours that open on the word for p.m. as Chinese writes them)."""
        period = self.time(text)
        hours = self.time(below)
        return (
            period is not None and period[2] is not None and period[0].span == (0, 0)
            and hours is not None and not hours[1] and (hours[2] is None or hours[0].span != (0, 0))
        )

    def _may_start_label(self, text: str) -> bool:
        folded = normalize(text).strip(" *_,.:;()")
        first = folded.split(" ", 1)[0].rstrip(",.") if folded else ""
        if first in self.ctx.pack.weekdays or self._period_re.match(folded) is not None:
            return True
        # "Вторая половина" (of "вторая половина дня"): a part of the day's name cut where a narrow cell wrapped
        return len(folded) >= 4 and " " in folded and any(word.startswith(folded) for word in self.periods)

    def _hour_word_below(self, text: str, below: str) -> bool:
        """ "10 heures-13" over "heures", "10 a.m.-1" over "p.m.", "上午10时至12时" over "30分": the end of a
        range's last time wrapped alone."""
        if len(below) > 12 or (_DIGIT.search(below) and not _MINUTES_ALONE.match(below)) or self.time(text) is None:
            return False
        whole = self.time(f"{text} {below}")
        return whole is not None and not whole[1] and whole[0].span[1] > self.time(text)[0].span[1]

    def join_wrapped(self, units: list[Unit]) -> list[Unit]:
        """A day or time label wrapped over two physical lines, joined into the first (text tables and paragraphs)."""
        joined = list(units)
        for index in range(len(joined) - 1):
            unit, following = joined[index], joined[index + 1]
            if not any(text and len(text) <= 40 and (_DIGIT.search(text) or self._may_start_label(text)) for text in unit.texts):
                continue  # every wrapped label starts short, with a number, a weekday or a period word
            if unit.table not in _PHYSICAL_TABLES and unit.table != "" and not following.continues:
                continue
            if following.table != unit.table or len(following.cells) != len(unit.cells):
                continue
            cells, rest = list(unit.cells), list(following.cells)
            changed = False
            for column, cell in enumerate(cells):
                if cell.spanned or not cell.text or not rest[column].text or len(cell.text) > 40:
                    continue  # every wrapped label starts short
                if not _DIGIT.search(cell.text) and not self._may_start_label(cell.text):
                    continue  # a time has digits; a day or period word without them must lead the text
                below = rest[column].text
                if self._goes_on_below(cell.text, below, any(t for i, t in enumerate(unit.texts) if i != column)):
                    cells[column] = Cell((f"{cell.text} {below}",), cell.numbers)
                    rest[column] = Cell()
                    changed = True
            if changed:
                joined[index] = Unit(tuple(cells), unit.number, unit.block, unit.table, unit.continues)
                joined[index + 1] = Unit(tuple(rest), following.number, following.block, following.table, following.continues)
        return [u for u in joined if any(u.texts)]

    def _period_completed_below(self, text: str, below: str) -> bool:
        if len(below) > 16 or _DIGIT.search(below) or _DIGIT.search(text) or self.time(text) is not None:
            return False
        whole = self.time(f"{text} {below}")
        return whole is not None and whole[2] is not None and not whole[1]

    def _time_below_day(self, text: str, below: str) -> bool:
        header = self.day(text)
        if header is None or header.rest or header.month == 0:
            return False
        timed = self.time(below)
        return timed is not None and not timed[1] and timed[2] is None and _starts_with_time(below, self)

    def _date_completed_below(self, text: str, below: str) -> bool:
        """ "2028 年 6 月 12" over "日，星期一": the end of a date wrapped onto the next line, without a number."""
        return (
            len(below) <= 16 and _DIGIT.search(below) is None and _DIGIT.search(text) is not None
            and self.day(text) is None and self.time(text) is None
            and (completed := self.day(f"{text} {below}")) is not None and completed.month != 0 and not completed.rest
        )

    def _goes_on_below(self, text: str, below: str, content_beside: bool) -> bool:
        """Whether a short label cell and the cell under it are one label, each way a label wraps."""
        if content_beside and self._time_below_day(text, below):
            # "Thursday, 26 October" over "10 a.m.–1 p.m." in one printed cell: the items on the day's
            # line belong to the meeting the time below begins
            return True
        if self._range_end_below(text, below):
            return True  # "من الساعة 10:00" over "إلى الساعة 13:00": a range cut before its word for "to"
        completes_day = self._bare_weekday(text) or self._year_below(text, below) or self._date_completed_below(text, below) or self._weekday_below(text, below)
        if not completes_day and self._period_completed_below(text, below):
            return True  # "Вторая половина" over "дня": a part of the day's name wrapped in a narrow cell
        if not (completes_day or self.open_label(text) or self._bare_period(text, below) or self._hour_word_below(text, below)):
            return False
        whole = f"{text} {below}"
        if completes_day:
            # "Monday," over "8 October": the weekday alone is a label too, but its date is below
            completed = self.day(whole)
            return completed is not None and completed.month != 0 and not completed.rest
        if self._partial_day(text):
            return self.day(whole) is not None  # "Wednesday, 6" completes only into a day, never into the time below
        return bool(self.time(whole) or self.day(whole))

    def _range_end_below(self, text: str, below: str) -> bool:
        """A start ("من الساعة 10:00", "from 10 a.m.", "с 10:00") over the pack's word for "to" and the end."""
        if len(below) > 30 or not _DIGIT.search(text) or not _DIGIT.search(below) or self.day(text) is not None:
            return False
        folded = normalize(below)
        if not any(folded.startswith(normalize(word)) for word in self.ctx.pack.time.range_words):
            return False
        whole = self.time(f"{text} {below}")
        return whole is not None and whole[2] is None and not whole[0].open_end and not whole[1]

    def _weekday_below(self, text: str, below: str) -> bool:
        """ "10月31日" over "星期三", "31 October" over "(Wednesday)": a date with its weekday wrapped under it."""
        header = self.day(text)
        if header is None or header.month == 0 or header.rest or header.weekday is not None or len(below) > 20:
            return False
        completed = self.day(f"{text} {below}")
        return completed is not None and completed.weekday is not None

    def _year_below(self, text: str, below: str) -> bool:
        """ "Monday, 5 June" over "2028": a day label whose year wrapped onto the next line."""
        header = self.day(text)
        return header is not None and header.month != 0 and header.year is None and not header.rest and _YEAR_ALONE.match(below) is not None

    def _bare_weekday(self, text: str) -> bool:
        """A weekday without a date ("Monday,"), which a wrapped cell may complete on the line below."""
        header = self.day(text)
        return header is not None and header.month == 0

    def _partial_day(self, text: str) -> bool:
        words = normalize(text).strip(" *_,.").split()
        if len(words) == 3 and words[1].isdigit() and words[2] in self._date_words:
            words = words[:2]  # "Miércoles 12 de" over "abril": the word before the month wrapped with the day
        return 1 <= len(words) <= 2 and words[0].rstrip(",.") in self.ctx.pack.weekdays and (len(words) == 1 or words[1].isdigit())

    def period_kind(self, word: str) -> str | None:
        """Which part of the day a period word names, from its standard hours: morning, afternoon, evening."""
        hours = self.periods.get(word)
        if not hours:
            return None
        start = int(hours.split(":", 1)[0])
        return "morning" if start < 12 else "afternoon" if start < 18 else "evening"

    def non_meeting(self, text: str) -> bool:
        if not self.ctx.pack.non_meeting:
            return False
        folded = normalize(text)
        if self._non_meeting.search(folded) is not None:
            return True
        # a short text made of a phrase's words, whatever their endings and order ("No se celebrarán sesiones")
        words = re.findall(r"\w+", _BRACKETED.sub(" ", folded))
        return any(
            len(words) <= len(stems) + 2 and all(any(w == whole or (len(whole) > 3 and w.startswith(stem)) for w in words) for whole, stem in stems)
            for stems in self._non_meeting_stems
        )


_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _stem(word: str) -> str:
    """What inflection leaves of a word: "заседа" of "заседание" and "заседаний", "sesi" of "sesion", "جلس" of "جلسات"."""
    return word[: max(3, -(-len(word) * 3 // 5))]


_NOT_BARE = re.compile(rf"[^\d\s{re.escape(DASHES)}]")


def _trim(rest: str) -> str:
    """Punctuation left around a label taken out; a final dot stays ("6 p.m.")."""
    return rest.lstrip(" .,:;()-\u2013*").rstrip(" ,:;()-\u2013*")


def _as_written(text: str, folded: str) -> str:
    """The text with spaces collapsed, as written, when folding kept its length (positions then agree); else the folded text."""
    collapsed = " ".join(text.split())
    return collapsed if len(collapsed) == len(folded) else folded


def _bare(matched: str) -> bool:
    """Only digits and dashes ("3-5"): item numbers or a count, not hours."""
    return _NOT_BARE.search(matched) is None


def _strip_words(rest: str) -> str:
    return rest if re.search(r"[^\W\d_]{2,}|\d", rest) else ""


def _hours(value: str) -> TimeRange:
    start, end = (time.fromisoformat(part.strip()) for part in value.split("-"))
    return TimeRange(start, end, (0, 0))


def stated_hours(ctx: Context, timetable: Timetable | None) -> dict[str, TimeRange]:
    """Meeting hours the document states in its text ("from 9.30 a.m. to 12.30 p.m. and from 2 p.m. to 5 p.m.")."""
    found: dict[str, TimeRange] = {}
    inside = range(timetable.first_line, timetable.last_line + 1) if timetable else range(0)
    # a sentence wrapped over lines of text ("... y de las 14.30" / "a las 17.30 horas") is read whole
    sentences: list[str] = []
    last = -10
    for block in ctx.document.blocks:
        if not isinstance(block, Paragraph) or block.number in inside or len(block.text) > 1500:
            last = -10
            continue
        if block.number == last + 1 and len(sentences[-1]) < 1500:
            sentences[-1] = f"{sentences[-1]} {block.text}"
        else:
            sentences.append(block.text)
        last = block.number
    for text in sentences:
        folded = normalize(text)
        for hit in find_time_ranges(text, ctx.pack):
            if _bare(folded[hit.span[0] : hit.span[1]]):
                continue  # "12–14 April": days, not hours
            kind = "morning" if hit.start.hour < 12 else "afternoon" if hit.start.hour < 18 else "evening"
            minutes = (hit.end.hour * 60 + hit.end.minute) - (hit.start.hour * 60 + hit.start.minute)
            if 90 <= minutes <= 270 and (kind != "morning" or hit.end.hour <= 14):
                found.setdefault(kind, hit)  # a meeting's length: "registration from 8 a.m. to 5 p.m." is not
    return found


# --- finding the timetable ------------------------------------------------------------------------


def find_timetable(ctx: Context, hint_line: int | None) -> Timetable | None:
    """The region of the document dense in day labels and time ranges; the annex title, if any, breaks ties."""
    labels = Labels(ctx)
    units = labels.join_wrapped(document_units(ctx))
    if not units:
        return None
    signals = [_signal(unit, labels) for unit in units]
    # clusters of signalled units, apart when running text comes between (a long paragraph, or several)
    clusters: list[list[int]] = []
    gap = 0
    for index, (unit, signal) in enumerate(zip(units, signals)):
        if signal:
            if clusters and gap < 4:
                clusters[-1].append(index)
            else:
                clusters.append([index])
            gap = 0
        elif not unit.table:
            text = unit.cells[0].text
            if text[:1].islower() or _leads_with_items(text, ctx.pack):
                continue  # a wrapped title, or "1 b) Adoption of the agenda": lines between the rows of a broken table
            gap += 4 if len(text) > MAX_PROSE else 1
    best: tuple[tuple[int, int, int], list[int]] | None = None
    timetables: list[list[int]] = []  # every cluster that can be a timetable
    for cluster in clusters:
        times = sum(1 for i in cluster if signals[i] in ("time", "both"))
        days = sum(1 for i in cluster if signals[i] in ("day", "both"))
        if times == 0 or times + days < 2:
            continue
        timetables.append(cluster)
        after_hint = 1 if hint_line is not None and units[cluster[0]].number >= hint_line else 0
        score = (after_hint, times + days, -cluster[0])
        if best is None or score > best[0]:
            best = (score, cluster)
    if best is None:
        return None
    cluster = best[1]
    if hint_line is not None and units[cluster[0]].number < hint_line:
        # the annex title inside the cluster: what comes before it is the annotations ("Meetings will be held
        # from" / "10 a.m. to 1 p.m."), when the labels under the title make a timetable of their own
        under = [i for i in cluster if units[i].number > hint_line]
        times = sum(1 for i in under if signals[i] in ("time", "both"))
        if times and times + sum(1 for i in under if signals[i] == "day") >= 2:
            cluster = under
    first, last = _extent(ctx, units, cluster, labels)
    timetable = Timetable(units[first : last + 1], units[first].number, labels)
    _other_bodies(ctx, units, signals, labels, timetable, [c for c in timetables if c is not best[1]], (first, last))
    return timetable


def _extent(ctx: Context, units: list[Unit], cluster: list[int], labels: Labels) -> tuple[int, int]:
    """The units of a cluster widened to what belongs with it: its tables whole, a day label above, a broken table's lines."""
    first, last = cluster[0], cluster[-1]
    # a table belongs whole; a day label or header just above belongs too
    while first > 0 and units[first - 1].block == units[first].block and units[first].table:
        first -= 1
    while first > 0 and not units[first - 1].table and len(units[first - 1].cells[0].text) <= 60 and first > cluster[0] - 3:
        above = units[first - 1].cells[0].text
        if labels.day(above) is not None:
            first -= 1
        elif first > 1 and not units[first - 2].table and labels.day(f"{units[first - 2].cells[0].text} {above}") is not None:
            first -= 2  # a day label wrapped over two lines ("**Mercredi 2" / "septembre**")
        else:
            break
    while last + 1 < len(units) and units[last + 1].block == units[last].block and units[last].table:
        last += 1
    ended_in_table = bool(units[last].table)
    while last + 1 < len(units) and not units[last + 1].table and units[last + 1].number <= units[last].number + 2:
        # a table broken into paragraphs (printed text, a PDF): item lines and wrapped titles right under it
        text = units[last + 1].cells[0].text
        if len(text) <= 2 or not (text[:1].islower() or _leads_with_items(text, ctx.pack)):
            break  # "a": a footnote mark under the table, not a line of it
        last += 1
    if not ended_in_table:
        # running text: the lines right under the last label, while they read like timetable lines
        while last + 1 < len(units) and units[last + 1].number == units[last].number + 1 and _continues_running_text(units[last + 1], labels):
            last += 1
    return first, last


def _other_bodies(ctx: Context, units: list[Unit], signals: list[str | None], labels: Labels, timetable: Timetable, others: list[list[int]], extent: tuple[int, int]) -> None:
    """The timetables of other bodies, one per annex ("Annex II" / "Organization of work of the Committee of the Whole"):
    each cluster whose heading names a body of the session, and each annex inside the timetable whose heading names one,
    read after the timetable as ``timetable.more``, each with its body. Nothing changes for a document with one timetable."""
    first, last = extent
    parts: list[Timetable] = []
    # an annex heading inside the timetable, over a timetable of its own whose heading names its body
    cuts: list[tuple[int, int, str | None]] = []  # (the annex heading, the first unit of its timetable, the body)
    for index in range(first + 1, last + 1):
        written = [text for text in units[index].texts if text]  # a paragraph, or a row of one written cell
        if len(written) != 1:
            continue
        annex = _ends_timetable(written[0], labels)
        if not annex and not (not units[index].table and any(signals[first:index]) and _names_other_body(ctx, labels, written[0])):
            continue  # neither an annex nor a lettered part of its own ("B. Working Group on ...") after meetings
        start = next((i for i in range(index + 1, last + 1) if signals[i]), None)
        begin = index + 1  # under the annex's headings: its table's header, or its first label
        while start is not None and begin < start and len([text for text in units[begin].texts if text]) == 1:
            begin += 1
        body = _heading_body(ctx, units, index - 1, begin) if start is not None else None
        if not annex:
            if body is not None:
                cuts.append((index, begin, body))
            continue
        if body is None and (start is None or not _goes_on(ctx, labels, units[first:index], units[begin : last + 1], units[index])):
            break  # the annex that ends the timetable, as before
        cuts.append((index, begin, body))
    for position, (index, begin, body) in enumerate(cuts):
        end = cuts[position + 1][0] if position + 1 < len(cuts) else last + 1
        parts.append(Timetable(units[begin:end], units[begin].number, labels, body=body))
    if cuts:
        timetable.units[:] = units[first : cuts[0][0]]
    # clusters of their own, apart from the timetable
    ends = sorted([extent[1]] + [c[-1] for c in others])
    for cluster in others:
        if cluster[0] <= extent[1] and cluster[-1] >= extent[0]:
            continue
        begin, end = _extent(ctx, units, cluster, labels)
        body = _heading_body(ctx, units, max((e for e in ends if e < cluster[0]), default=-1), begin)
        if body is not None or (cluster[0] > last and _goes_on(ctx, labels, units[first : last + 1], units[begin : end + 1], units[begin])):
            parts.append(Timetable(units[begin : end + 1], units[begin].number, labels, body=body))
    if not parts:
        return
    timetable.body = _heading_body(ctx, units, -1, first, by_kind=False)
    timetable.more = sorted(parts, key=lambda part: part.first_line)
    timetable.first_line = min(timetable.first_line, timetable.more[0].first_line)


def _names_other_body(ctx: Context, labels: Labels, text: str) -> bool:
    """A heading inside a timetable over a part of its own: "B. Working Group on Ballast Water", "B. Committee of the
    Whole", by its name or its kind. A known name alone over rows ("Committee of the Whole") is read where it stands."""
    if len(text) > 120 or _leads_with_items(text, ctx.pack) or _names_session_body(text.strip(" *_:.")):
        return False
    if labels.day(text) is not None or labels.time(text) is not None:
        return False
    return _body_named_in(text) is not None or _body_by_kind(text, ctx.pack) is not None


def _goes_on(ctx: Context, labels: Labels, before: list[Unit], part: list[Unit], heading: Unit) -> bool:
    """Whether a timetable whose heading names no body goes on with the one before ("Annex II", "Second
    week"): none of its dated days is a day of the timetables before it. One that gives those days again
    (a summary, or a body whose name is not known) is warned of and not read: which to believe is not ours to guess."""
    seen = _dated_days(before, labels)
    days: set[tuple[int, int]] = set()
    timed = 0
    for unit in part:
        written = [text for text in unit.texts if text]
        if days and len(written) == 1 and _ends_timetable(written[0], labels):
            break  # the next annex
        days |= _dated_days([unit], labels)
        timed += any(len(text) <= 80 and labels.time(text) for text in written)
    if not days or timed < 2:
        return False  # no dated day to place it by, or a line of its own ("Monday 12 April, 1-2 p.m.: reception")
    if days & seen:
        again = ", ".join(f"{day} {calendar.month_abbr[month]}" if month else str(day) for day, month in sorted(days & seen, key=lambda d: (d[1], d[0])))
        ctx.warn(heading.number, f"a second timetable gives days the first gives too ({again}) and its heading names no body; it is not read")
        return False
    return True


def _dated_days(units: list[Unit], labels: Labels) -> set[tuple[int, int]]:
    """(day, month) of each day label with a date in these units."""
    return {(header.day, header.month) for unit in units for text in unit.texts if text and (header := labels.day(text)) is not None and header.day}


def _heading_body(ctx: Context, units: list[Unit], after: int, before: int, by_kind: bool = True) -> str | None:
    """The body named by the headings right above a timetable (short paragraphs between ``after`` and ``before``):
    a body of the session by its name, else (``by_kind``: not the first timetable, which is the session's own)
    any body by its kind ("Air Transport Committee")."""
    kinds: str | None = None
    for index in range(before - 1, max(after, before - 4), -1):
        texts = [text for text in units[index].texts if text]  # a paragraph, or a row of one written cell
        if len(texts) != 1 or len(texts[0]) > 120 or _leads_with_items(texts[0], ctx.pack):
            break  # "5. Report of the Committee of the Whole": an agenda item, not a heading
        named = _body_named_in(texts[0])
        if named is not None:
            return named
        if by_kind and kinds is None:
            kinds = _body_by_kind(texts[0], ctx.pack)
    return kinds


def _body_named_in(text: str) -> str | None:
    """A body of the session named in a heading: "Proposed organization of work of the Committee of the Whole"."""
    from ..identity import _session_bodies  # the names of bodies in session, in six languages (data/bodies.toml)

    folded = normalize(text)
    found = None
    for name in _session_bodies():
        at = folded.find(name)
        while at >= 0 and not (
            (at == 0 or not _in_word(folded[at - 1]) or not _in_word(name[0]))
            and (at + len(name) == len(folded) or not _in_word(folded[at + len(name)]) or not _in_word(name[-1]))
        ):
            at = folded.find(name, at + 1)
        if at >= 0 and (found is None or len(name) > len(found[1])):
            found = (at, name)
    if found is None:
        return None
    at, name = found
    written = _as_written(text, folded)[at : at + len(name)]
    return written[:1].upper() + written[1:]


def _in_word(char: str) -> bool:
    """A letter or digit that a name cannot begin or end next to; Chinese and Japanese write words
    without spaces ("全体委员会拟议工作安排"), so their characters end a name where it ends."""
    return char.isalnum() and not ("\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff")


_ENUMERATION = re.compile(r"^\s*(?:[^\W\d_]|[IVXivx]{1,4}|\d{1,2})[.)]\s+")


def _body_by_kind(text: str, pack) -> str | None:
    """A body named by its kind, known or not: "Annex II / Proposed organization of work of the Air Transport
    Committee", "B. Рабочая группа по ..." (the pack's ``body_words``). The name is the heading without its
    numbering and the annex title before it."""
    if not pack.body_words or len(text) > 120 or text.rstrip(" *_").endswith("."):
        return None  # a sentence ("During the second week, the Subcommittee will ..."), not a heading
    kind = pack_pattern(pack, "body-word", lambda p: rf"{p.word_start}(?:{alternation(p.body_words)})")
    name = _ENUMERATION.sub("", " ".join(text.split())).strip(" *_:.")
    folded = normalize(name)
    written = _as_written(name, folded)
    for title in sorted((normalize(t) for t in pack.annex_titles), key=len, reverse=True):
        if folded.startswith(title):
            folded, written = folded[len(title) :].lstrip(), written[len(title) :].lstrip()
            for connector in sorted((normalize(c) for c in pack.title_connectors), key=len, reverse=True):
                if re.match(rf"{re.escape(connector)}{pack.word_end}", folded):
                    folded, written = folded[len(connector) :].lstrip(), written[len(connector) :].lstrip()
            break
    found = kind.search(folded) if folded and not _DIGIT.search(folded) else None
    if found is None or len(folded[: found.start()].split()) > 3:
        return None  # the kind leads the name or ends a short one ("Air Transport Committee"), not a clause
    return written[:1].upper() + written[1:]


def _signal(unit: Unit, labels: Labels) -> str | None:
    """"day", "time", "both" or None: what labels this unit carries."""
    if not unit.table:
        text = _BULLET.sub("", unit.cells[0].text)
        if len(text) > MAX_PROSE or (_DIGIT.search(text[:24]) is None and not labels._may_start_label(text)):
            return None  # a label leads its line: a day or time number near the start, or a weekday or period word first
        header = labels.day(text)
        rest = header.rest if header else text
        timed = labels.time(rest) is not None and _starts_with_time(rest, labels)
        if header and not timed and header.weekday is None:
            header = None  # a date alone in running text ("1 August 2025") is a document date, not a day label
        return "both" if header and timed else "day" if header else "time" if timed else None
    day = any(labels.day(text) for text in unit.texts if text)
    timed = any(labels.time(text) for text in unit.texts if text and len(text) <= 80)
    return "both" if day and timed else "day" if day else "time" if timed else None


def _starts_with_time(text: str, labels: Labels) -> bool:
    found = labels.time(text)
    if found is None:
        return False
    return found[0].span[0] <= 3 or found[2] is not None


def _continues_running_text(unit: Unit, labels: Labels) -> bool:
    if unit.table not in ("", *_PHYSICAL_TABLES):
        return False
    text = " ".join(t for t in unit.texts if t)  # a printed line set in columns ("Informal consultations   Room 5") reads on too
    return len(text) <= MAX_PROSE and not _FOOTNOTE.match(text) and not _ends_timetable(text, labels)


def _ends_timetable(text: str, labels: Labels) -> bool:
    folded = normalize(text)
    # "Annex II", "附件二": the number after the word, spelled out where words are not separated
    annex = pack_pattern(labels.ctx.pack, "annex-word", lambda p: rf"^(?:{alternation(p.annex_words)})(?:\s+[ivx\d]+\b|\b)" if p.spaced else rf"^(?:{alternation(p.annex_words)})\s*(?:[ivx\d]+|{alternation(p.number_words)})?(?![\w])")
    return len(folded) < 120 and annex.match(folded) is not None


# --- reading it -----------------------------------------------------------------------------------


@dataclass
class _Columns:
    labels: set[int] = field(default_factory=set)  # columns of day and time labels
    item: int | None = None
    title: int | None = None
    bodies: dict[int, str] = field(default_factory=dict)
    body: int | None = None  # a column whose cells name the body of their row ("Plenary", "Committee of the Whole")
    days: dict[int, date] = field(default_factory=dict)  # days as columns
    times: dict[int, TimeRange] = field(default_factory=dict)  # Morning / Afternoon as columns
    header: tuple[str, ...] = ()  # the header row's words, to skip it where a page break repeats it
    header_lines: set[int] = field(default_factory=set)  # source lines of the header rows, read with the columns


class TimetableReader:
    def __init__(self, ctx: Context, timetable: Timetable, first_day: date | None, last_day: date | None, zone: ZoneInfo, agenda: list[AgendaItem], fallback_year: int) -> None:
        self.ctx = ctx
        self.first_day, self.last_day = first_day, last_day
        self.zone = zone
        self.titles = {(a.number, a.letter): a.title for a in agenda}
        self._agenda_titles = {normalize(a.title).strip(" *_:.") for a in agenda if a.title}
        self.agenda_numbers = {a.number for a in agenda}
        self.fallback_year = fallback_year
        self.labels = timetable.labels
        self.labels._stated_source = lambda: stated_hours(ctx, timetable)
        self.timetable = timetable
        self.drafts: dict[tuple[date, time, time, str | None], _Draft] = {}
        self.day_notes: list[DayNote] = []
        self.day: date | None = None
        self.slot: tuple[TimeRange, int] | None = None
        self.last_draft: dict[int, list[_Draft]] = {}  # column -> the draft(s) its last content went to
        self.last_line: dict[int, int] = {}  # column -> source line of its last content
        self.warned_periods: set[str] = set()
        self._narrowed: dict[int, tuple[object, tuple[TimeRange, int]]] = {}  # a column's own hours within the row's slot (that slot, those hours)
        self._open_end: tuple[int, str] | None = None  # "only a start time" of the row being read, said unless the row is a note
        self._title_column: int | None = None
        self._days_in_columns = False
        self.last_touched: list[_Draft] = []
        self.last_day_note: dict[int, tuple[int, int]] = {}  # column -> (index in day_notes, source line)
        self.last_number = -10  # source line of the last content written anywhere
        self.also: list[TimeRange] = []  # "10 a.m.-1 p.m. and 3-6 p.m.": more slots sharing the same content
        # content of a printed table written on a day's line before its time, which the cell gives lower down
        self.pending: list[tuple[int, str | None, str, str | None, Unit, _Columns]] = []
        self.untitled: set[int] = set()  # columns whose last item was written without its title ("Пункт 4.")
        self.heading_body: str | None = None  # a body named in a heading over its rows ("Plenary", "Committee of the Whole")
        self.row_body: str | None = None  # the body the row being read names in its body column
        self._body_above: str | None = None  # the body of the row above, for the lines it wrapped onto
        self._earlier: set[tuple[date, time, time, str | None]] = set()  # meetings of the timetables read before this one
        self._before: Unit | None = None  # the unit read before the one being read
        self._held = False  # the unit being read names the meeting whose time is on the next line

    # the whole region, table by table
    def read(self) -> list[Session]:
        self._learn_period_hours()
        self.heading_body = self.timetable.body
        self._read_units(self.timetable.units)
        self._drop_pending()
        for part in self.timetable.more:  # the timetables of the other bodies, each under its heading's body
            self._earlier = set(self.drafts)
            self.day, self.slot, self.also, self.heading_body = None, None, [], part.body
            self.last_draft.clear()
            self.last_touched = []
            self._read_units(part.units)
            self._drop_pending()
        return self._sessions()

    def _read_units(self, units: list[Unit]) -> None:
        blocks: dict[int, list[Unit]] = {}
        for unit in units:
            blocks.setdefault(unit.block, []).append(unit)
        columns = _Columns()
        ordered = list(blocks.values())
        following = {id(unit): after for unit, after in zip(units, units[1:])}
        self._before = None
        for position, block_units in enumerate(ordered):
            if block_units[0].table:
                columns = self._columns(block_units, columns)
            elif self._heading_over_rows(ordered, position):
                self.last_draft.clear()  # the rows below are not the meeting above
                self.last_touched = []
                continue
            for unit in block_units:
                if self._is_furniture(unit, columns):
                    continue
                if self.drafts and self._ends(unit):
                    return
                before, self._before = self._before, unit
                if self._heading_over_days(unit, before, following.get(id(unit)), columns):
                    self.last_draft.clear()  # "Week 2" over the days below: content of no meeting, the end of the one above
                    self.last_touched = []
                    continue
                self._held = self._name_over_time(unit, before, following.get(id(unit)))
                notes = len(self.day_notes)
                if unit.table and len(unit.cells) > 1:
                    self._read_row(unit, columns)
                else:
                    self._read_line(unit)
                self._held = False
                if self._open_end is not None and len(self.day_notes) == notes and not self._slot_is_note():
                    self.ctx.warn(*self._open_end)
                self._open_end = None

    def _slot_is_note(self) -> bool:
        """The row's time holds only words saying it is no meeting ("Reception hosted by ..." beside its room)."""
        if self.day is None or self.slot is None:
            return False
        held = [d for (day, start, end, _), d in self.drafts.items() if (day, start, end) == (self.day, self.slot[0].start, self.slot[0].end)]
        return bool(held) and all(not d.items and d.notes and self.labels.non_meeting(" ".join(d.notes)) for d in held)

    def _heading_over_days(self, unit: Unit, before: Unit | None, after: Unit | None, columns: _Columns) -> bool:
        """A short line alone, right above a day, that is no label, item or non-meeting: a heading ("Week 2")
        over the days below, not a note of the meeting above nor the end of its title.

        In a table it stands alone in a label column, where no content goes; a paragraph breaks the table
        rows above it, or opens on a capital."""
        if after is None or not (text := next((t for t in after.texts if t), "")) or self.labels.day(text) is None:
            return False
        filled = [i for i, t in enumerate(unit.texts) if t]
        if len(filled) != 1:
            return False
        text = unit.texts[filled[0]]
        if not self._heading_across(text) or strip_continuation(text, self.ctx.pack)[1] or text[:1].islower():
            return False
        if unit.table and len(unit.cells) > 1:
            return filled[0] in (columns.labels or {0}) and (columns.item is not None or columns.title is not None)
        return (before is not None and before.table != "" and len(before.cells) > 1) or text[:1].isupper()

    def _name_over_time(self, unit: Unit, before: Unit | None, after: Unit | None) -> bool:
        """A meeting's name written over its time, as an order of the day does ("First meeting" / "10 a.m.-1 p.m."):
        a line of no label nor item, set apart from the lines above by a blank line, right above a time.
        Its content waits for that time's meeting instead of going on with the meeting above."""
        if self.day is None or after is None or after.number != unit.number + 1 or (before is not None and before.number >= unit.number - 1):
            return False
        below = next((t for t in after.texts if t), "")
        if not below or not _starts_with_time(below, self.labels) or self.labels.day(below) is not None:
            return False
        texts = [t for t in unit.texts if t]
        return bool(texts) and not any(self.labels.day(t) or self.labels.time(t) or _leads_with_items(t, self.ctx.pack) for t in texts)

    def _heading_over_rows(self, blocks: list[list[Unit]], position: int) -> bool:
        """A short line over rows of the timetable: "Week 2" between two tables, "Official meetings" over a
        day's table, or over its first time line before any meeting began. A heading, not content."""
        if not position < len(blocks) - 1 or len(blocks[position]) != 1:
            return False
        below = blocks[position + 1][0]
        if not below.table and not (self.slot is None and self._opens_with_label(below)):
            return False
        text = blocks[position][0].cells[0].text
        if _names_session_body(text.strip(" *_:.")):
            return False  # "Committee of the Whole" over its rows: the body of the rows below
        return not text[:1].islower() and self._heading_across(text)

    def _opens_with_label(self, unit: Unit) -> bool:
        """A paragraph that begins with a day or a time label."""
        text = unit.cells[0].text
        header = self.labels.day(text)
        return header is not None or _starts_with_time(text, self.labels)

    # -- columns of a table
    def _columns(self, units: list[Unit], previous: _Columns) -> _Columns:
        width = max(len(u.cells) for u in units)
        if width <= 1:
            return _Columns()
        columns = _Columns()
        header_texts: list[list[str]] = [[] for _ in range(width)]
        header_rows: list[Unit] = []
        first_data = None
        for position, unit in enumerate(units):
            texts = [c.text for c in unit.cells]  # spanned copies count: a day spanning two columns labels both
            day_cells = {i: h for i, t in enumerate(texts) if t and (h := self.labels.day(t)) and not h.rest}
            time_cells = {i: found for i, t in enumerate(texts) if t and (found := self.labels.time(t)) and (not found[1] or self._named_hours(unit.cells[i]))}
            own_days = [i for i in day_cells if not unit.cells[i].spanned]
            own_times = [i for i in time_cells if not unit.cells[i].spanned]
            if len(own_days) >= 2:
                columns.header_lines.add(unit.number)
                previous_day: date | None = None
                for i, header in sorted(day_cells.items()):
                    if unit.cells[i].spanned and i - 1 in columns.days:
                        columns.days[i] = columns.days[i - 1]
                        continue
                    day = self._resolve(header, unit.number, after=previous_day)
                    if day:
                        columns.days[i] = previous_day = day
                continue
            if len(own_times) >= 2 and not any(parse_cell_items(t, self.ctx.pack) for i, t in enumerate(texts) if t and i not in time_cells):
                columns.header_lines.add(unit.number)
                columns.times.update({i: found[0] for i, found in time_cells.items()})
                for i in own_times:
                    self._period_warning(time_cells[i], unit.number, texts[i])
                continue
            if day_cells or time_cells or position >= 4 or any(self.labels.open_label(t) for t in unit.texts if t) or not self._header_like(unit):
                first_data = position
                break
            columns.header_lines.add(unit.number)
            header_rows.append(unit)
            for i, text in enumerate(unit.texts):
                grouping = i + 1 < len(unit.cells) and unit.cells[i + 1].spanned and unit.cells[i + 1].lines == unit.cells[i].lines
                if text and not grouping:  # a header over several columns ("Body") names none of them
                    header_texts[i].append(text)
        _drop_group_heads(header_rows, header_texts)
        if first_data is None and not columns.days and not columns.times:
            # only a header: repeated at the top of a page, its rows below in the next table
            return replace(previous, header_lines=previous.header_lines | columns.header_lines)
        kinds = [self._header_kind(" ".join(texts)) for texts in header_texts]
        data = units[first_data:] if first_data is not None else []
        # what the cells hold decides where the header says nothing
        def share(column: int, test: Callable[[str], object]) -> float:
            filled = [u.texts[column] for u in data if column < len(u.texts) and u.texts[column]]
            return sum(1 for t in filled if test(t)) / len(filled) if filled else 0.0

        def share_cells(column: int, test: Callable[[Cell], object]) -> float:
            # the cells that open a meeting (beside its label, else beside anything), not the lines a printed table wraps them onto
            beside = [i for i in columns.labels if i != column] or [i for i in range(width) if i != column]
            filled = [u.cells[column] for u in data if column < len(u.cells) and u.cells[column].text and not u.cells[column].spanned and any(i < len(u.texts) and u.texts[i] for i in beside)]
            return sum(1 for c in filled if test(c)) / len(filled) if filled else 0.0

        def is_label(text: str) -> bool:
            return bool(self.labels.day(text) or self.labels.time(text))

        def is_ref(text: str) -> bool:
            return parse_cell_items(text, self.ctx.pack) is not None

        for column in range(width):
            kind = kinds[column]
            if column in columns.days or column in columns.times:
                continue
            if kind in ("date_time", "date", "time") or (kind is None and share(column, is_label) >= 0.5):
                columns.labels.add(column)
        content = [c for c in range(width) if c not in columns.labels]
        # a column of bodies holds no items: "Séance plénière (1re séance)" over "Points 1, 2 et 3" is the meeting's content
        columns.body = next((c for c in content if kinds[c] not in ("item", "title") and share(c, is_ref) == 0 and share_cells(c, self._cell_body) >= 0.5), None)
        content = [c for c in content if c != columns.body]
        columns.item = next((c for c in content if kinds[c] == "item"), None)
        columns.title = next((c for c in content if kinds[c] == "title"), None)
        if columns.item is not None and columns.title is None:
            # a title column under a heading the pack does not know ("Activity", "Subject"): the one after the items
            columns.title = next((c for c in content if c > columns.item), None)
        if columns.item is None and columns.title is None and not columns.days and not columns.times:
            named = [c for c in content if header_texts[c]]
            plenary = {normalize(n) for n in self.ctx.pack.plenary_names}
            if named and all(kinds[c] == "body" and _names_a_body(without_asides(" ".join(header_texts[c]))) for c in named) and (len(named) >= 2 or normalize(without_asides(" ".join(header_texts[named[0]]))).strip(" *") in plenary):
                # a column per body meeting in parallel: "Plenary | Committee of the Whole"
                columns.bodies = {c: without_asides(" ".join(header_texts[c])).strip(" *") for c in named}
            else:
                guessed = [c for c in content if share(c, is_ref) >= 0.5]
                columns.item = guessed[0] if guessed else None
                rest = [c for c in content if c != columns.item]
                columns.title = rest[0] if rest else None
        if not columns.labels and not columns.days and not columns.times and first_data is not None and 0 not in (columns.item, columns.title):
            columns.labels.add(0)
        columns.header = tuple(normalize(" ".join(t)) for t in header_texts)
        if not any(columns.header) and not columns.days and not columns.times and previous.header and width == len(previous.header):
            # a table continued after a page break without its header: same columns as before
            return previous
        return columns

    def _cell_body(self, cell: Cell) -> str | None:
        """The body a cell of a body column names on its first line, the rest being notes: "Comisión Plenaria" /
        "1ª sesión" / "(sesión pública)", "Plenary (public meeting)"; a known body, or one named by its kind."""
        first = next((line for line in cell.lines if line.strip()), "")
        name = without_asides(first).strip(" *_:.")
        if not name or len(name) > 60:
            return None
        if _names_session_body(name) or _names_session_body(cell.text.strip(" *_:.")):
            return name if _names_session_body(name) else cell.text.strip(" *_:.")
        if normalize(name) in self._agenda_titles or self.labels.non_meeting(name):
            return None  # "Report of the Committee": an item's title, not a body
        return name if _body_by_kind(name, self.ctx.pack) is not None else None

    def _named_hours(self, cell: Cell) -> bool:
        """A header cell of a name over its hours, as paragraphs of one cell: "Утреннее заседание" / "10.00–13.00"."""
        hours = [line for line in cell.lines if line and (found := self.labels.time(line)) and not found[1]]
        names = [line for line in cell.lines if line and line not in hours]
        return len(hours) == 1 and bool(names) and not any(_DIGIT.search(n) or parse_cell_items(n, self.ctx.pack) for n in names)

    def _title_beside(self, column: int, texts: list[str], columns: _Columns) -> int | None:
        """The content column right of a label column that holds an item: where its title is written."""
        if columns.bodies or columns.days or columns.times:
            return None
        for other in range(column + 1, len(texts)):
            if other not in columns.labels:
                return other if texts[other] and parse_cell_items(texts[other], self.ctx.pack) is None else None
        return None

    def _header_like(self, unit: Unit) -> bool:
        """A row that can be a header: column words, or short names without numbers ("Plenary"), with
        their asides in brackets ("Plenary (Conference Hall 1)", or the room on a line of its own)."""
        for text in unit.texts:
            if not text:
                continue
            if len(text) > 60 or _DIGIT.search(without_asides(text)) or parse_cell_items(text, self.ctx.pack) or _items_anywhere(text, self.ctx.pack):
                return False
        return True

    def _header_kind(self, text: str) -> str | None:
        folded = normalize(text).strip(" .:*")
        if not folded:
            return None
        columns = self.ctx.pack.columns
        groups = (("date_time", columns.date_time), ("item", columns.item), ("title", columns.title), ("date", columns.date), ("time", columns.time))
        for kind, words in groups:
            if folded in {normalize(w) for w in words}:
                return kind
        if not _DIGIT.search(folded):  # "Item 3" is an item, not the head of an item column
            for kind, words in groups:
                if any(len(w) > 3 and normalize(w) in folded for w in words):
                    return kind
        if folded in {normalize(w) for w in columns.generic}:
            return "generic"  # "Meeting", "Activity": what the cells hold, not a body meeting in parallel
        return "body"

    # -- one row of a table
    def _read_row(self, unit: Unit, columns: _Columns) -> None:
        self._title_column = columns.title if columns.item is not None else None
        self._days_in_columns = bool(columns.days)
        texts = list(unit.texts)
        if unit.number in columns.header_lines:
            return
        if columns.header and len(texts) == len(columns.header) and any(columns.header) and tuple(normalize(t) for t in texts) == columns.header:
            return  # the header row repeated after a page break
        if len([t for t in texts if t and self.labels.day(t) and not self.labels.day(t).rest]) >= 2:
            return  # a header row of days, read with the columns
        filled = [i for i, t in enumerate(texts) if t]
        label_columns = sorted(columns.labels) or [0]
        if self._day_across_gutter(unit, texts, filled):
            return
        if len(filled) == 1 and filled[0] not in label_columns and self.labels.day(texts[filled[0]]):
            label_columns = filled  # a day row, in whichever column the conversion put it
        elif len(filled) == 1 and not columns.bodies and self._body_heading(texts[filled[0]]):
            return
        elif len(filled) == 1 and len(texts) > 1 and all(c.spanned for i, c in enumerate(unit.cells) if i != filled[0]) and self._heading_across(texts[filled[0]]):
            self.last_draft.clear()  # "Second week" across the whole table: a heading over the rows below
            self.last_touched = []
            return
        new_slot = False
        for column in label_columns:
            if column >= len(texts) or not texts[column]:
                continue
            text = texts[column]
            rest = self._take_labels(text, unit.number)
            if rest is None:
                texts[column] = text  # not a label after all: content
                continue
            new_slot = new_slot or rest[1]
            texts[column] = rest[0]
        if new_slot:
            self.last_draft.clear()
            self.last_touched = []
        wrote = False
        paired: set[int] = set()
        if columns.body is not None and columns.body < len(texts):
            self.row_body = self._cell_body(unit.cells[columns.body])  # merged down over the body's rows: the copy names it too
            if self.row_body is None and not new_slot and not any(texts[i] for i in columns.labels if i < len(texts)):
                self.row_body = self._body_above  # a line the row above wrapped onto ("2ª sesión", "(closed meeting)")
            if self.row_body is not None or unit.cells[columns.body].spanned:
                texts[columns.body] = ""  # else what the row holds: "Informal consultations on ..." in the body column
        for column, text in enumerate(texts):
            if not text or column in paired:
                continue
            if column in columns.labels:
                if column == columns.item or column == columns.title:
                    continue
                if self._slot_for(column, columns) is None:
                    if self.day is not None and self.labels.non_meeting(text):
                        self._content(column, None, text, None, unit, columns)  # "Samedi 30 octobre : pas de séance"
                    continue
                partner = self._title_beside(column, texts, columns)
                if partner is not None and parse_cell_items(text, self.ctx.pack) is not None:
                    # "Item 1 | Opening of the session" under a day and a period: the item and its title
                    paired.add(partner)
                    self._title_column = partner
                    self._content(column, None, text, texts[partner], unit, columns)
                else:
                    self._content(column, columns.bodies.get(column), text, None, unit, columns)
                wrote = True
                continue
            if column == columns.title and columns.item is not None:
                continue  # read with the item cell
            if column == columns.item:
                title = texts[columns.title] if columns.title is not None and columns.title < len(texts) else ""
                self._content(column, None, text, title, unit, columns)
            else:
                self._content(column, columns.bodies.get(column), text, None, unit, columns)
            wrote = True
        if not wrote and columns.item is not None and columns.title is not None and columns.title < len(texts) and texts[columns.title]:
            self._content(columns.title, None, "", texts[columns.title], unit, columns)
            wrote = True
        if new_slot and not wrote and not columns.bodies and not columns.days and self.day is not None and self.slot is not None:
            self._draft(self.day, self.slot, self.row_body)
        self._body_above, self.row_body = self.row_body, None

    # -- a paragraph, or a table of one column: labels first, the rest is content
    def _read_line(self, unit: Unit) -> None:
        self._title_column = None
        self._days_in_columns = False
        text = _BULLET.sub("", " ".join(c.text for c in unit.cells if not c.spanned and c.text))
        if not text:
            return
        rest = self._take_labels(text, unit.number) if len(text) <= MAX_PROSE else None
        if rest is None and self._body_heading(text):
            return
        if rest is not None:
            content, new_slot = rest
            if new_slot:
                self.last_draft.clear()
            if content:
                self._content(0, None, content, None, unit, _Columns())
            elif new_slot and self.day is not None and self.slot is not None:
                self._draft(self.day, self.slot, None)
            return
        self._content(0, None, text, None, unit, _Columns())

    def _body_heading(self, text: str) -> bool:
        """A heading naming a body of the session ("Plenary meetings", "اللجنة الجامعة"): its rows below are that body's."""
        name = text.strip(" *_:.")
        if not _names_session_body(name):
            return False
        self.heading_body, self.slot, self.also = name, None, []
        self.last_draft.clear()
        self.last_touched = []
        return True

    def _day_across_gutter(self, unit: Unit, texts: list[str], filled: list[int]) -> bool:
        """ "Wednesday, 6" | "June 2029": a day heading that a printed table cut at a column's edge."""
        if unit.table not in _PHYSICAL_TABLES or not 2 <= len(filled) <= 3 or self.labels.day(texts[filled[0]]) is not None:
            return False
        joined = " ".join(texts[i] for i in filled)
        header = self.labels.day(joined)
        if header is None or header.rest or header.month == 0:
            return False
        self._take_labels(joined, unit.number)
        self.last_touched = []
        return True

    def _flush_pending(self) -> None:
        """The content written on a day's line before its time, into the meeting that time begins."""
        pending, self.pending = self.pending, []
        for column, body, item_text, title_text, unit, columns in pending:
            self._content(column, body, item_text, title_text, unit, columns)

    def _drop_pending(self) -> None:
        """A new day, or the end, before any time: that content belonged to no meeting."""
        pending, self.pending = self.pending, []
        joined = " ".join(" ".join(filter(None, [item_text.strip(), (title_text or "").strip()])) for _, _, item_text, title_text, _, _ in pending)
        if pending and self.day is not None and len({entry[0] for entry in pending}) == 1 and self.labels.non_meeting(joined) and not any(_leads_with_items(entry[2], self.ctx.pack) for entry in pending):
            # "Заседание не" / "проводится": a day's no-meeting note wrapped over printed lines, on a day without a time
            self._day_note(pending[0][0], self.day, joined.rstrip(" ."), pending[0][1], pending[0][4].number)
            return
        for _, _, item_text, title_text, unit, _ in pending:
            if item_text.strip() or (title_text or "").strip():
                self.ctx.warn(unit.number, f"timetable text outside any timed meeting: {(item_text or title_text or '')[:60]!r}")

    def _heading_across(self, text: str) -> bool:
        """A row of one cell spanning the table that is neither a label, items nor a non-meeting: a heading."""
        return len(text) <= 60 and not self.labels.day(text) and not self.labels.time(text) and parse_cell_items(text, self.ctx.pack) is None and not self.labels.non_meeting(text)

    def _take_labels(self, text: str, line: int) -> tuple[str, bool] | None:
        """Day and time labels at the start of a text: (what is left, whether a new slot began), or None."""
        header = self.labels.day(text)
        pair = self.labels.day_pair(text) if header is None or header.rest else None
        if pair is not None and self.labels.non_meeting(pair[1].rest):
            # "Samedi 30 et dimanche 31 octobre : pas de séance": a note on each of the days
            days = [day for one in pair if (day := self._resolve(one, line)) is not None]
            for day in days:
                self._day_note(0, day, pair[1].rest, None, line)
            self.day, self.slot, self.also = (days[-1] if days else self.day), None, []
            self.last_draft.clear()
            return "", False
        rest = text
        found_day = False
        if header is not None:
            self._drop_pending()
            day = self._resolve(header, line)
            self.day, self.slot, self.also = day, None, []
            self.last_draft.clear()
            self.last_day_note.clear()  # a note of the day before does not wrap onto a new day's line
            rest, found_day = header.rest, True
        timed = self.labels.time(rest) if rest else None
        if timed is not None and (found_day or _starts_with_time(rest, self.labels) or len(rest) <= 80):
            if self.day is None and not self._days_in_columns:
                self.ctx.warn(line, "time range before any day in the timetable; skipped")
                return "", False
            self._period_warning(timed, line, rest)
            if timed[0].open_end:
                source = "the hours the document states" if any(h.end == timed[0].end for h in self.labels.stated.values()) else "standard meeting hours"
                # said once the row is read: a row that is a note ("18.30 | Reception") makes no meeting to warn of
                self._open_end = (line, f"only a start time is given ({timed[0].start:%H:%M}); read as {timed[0].start:%H:%M}-{timed[0].end:%H:%M} ({source})")
            self.slot = (timed[0], line)
            self.last_day_note.clear()  # nor onto a new time's
            rest, self.also = self._more_ranges(timed[1])
            self._flush_pending()
            return rest, True
        if found_day:
            return rest, False
        return None

    def _learn_period_hours(self) -> None:
        """ "Morning (09.30 - 12.30)" once in the timetable gives its hours to every bare "Morning"."""
        learned: dict[str, TimeRange] = {}
        for unit in self.timetable.units:
            for text in unit.texts:
                found = self.labels.time(text) if text and len(text) <= 80 else None
                if found is not None and found[2] is not None and found[0].span != (0, 0):
                    kind = self.labels.period_kind(found[2])
                    if kind:
                        learned.setdefault(kind, found[0])
        if learned:
            stated = self.labels._stated_source
            self.labels._stated_source = lambda: {**(stated() if stated else {}), **learned}
            self.labels._stated = None

    def _more_ranges(self, rest: str) -> tuple[str, list[TimeRange]]:
        """Further time ranges after the first one ("and 3-6 p.m.", ", 3-6 p.m."): what is left, and the ranges."""
        joiners = pack_pattern(self.ctx.pack, "range-joiner", lambda p: rf"^(?:[,;&]|(?:{alternation(p.and_words)}))\s*")
        found: list[TimeRange] = []
        while rest:
            joined = joiners.match(normalize(rest))
            if joined is None:
                break
            candidate = rest[joined.end() :] if len(normalize(rest)) == len(" ".join(rest.split())) else normalize(rest)[joined.end() :]
            more = self.labels.time(candidate)
            if more is None or more[2] is not None or more[0].span[0] > 0:
                break
            found.append(more[0])
            rest = more[1]
        return rest, found

    def _period_warning(self, timed: tuple[TimeRange, str, str | None], line: int, written: str) -> None:
        word = timed[2]
        if word is None or timed[0].span != (0, 0):
            return
        kind = self.labels.period_kind(word)
        if kind and kind in self.labels.stated:
            return
        if word not in self.warned_periods:
            self.warned_periods.add(word)
            shown = written.strip(" .,:;()*") or word
            self.ctx.warn(line, f"no clock times for {shown!r}; read as {timed[0].start:%H:%M}-{timed[0].end:%H:%M} (standard meeting hours; the document states none)")

    def _narrows(self, column: int, text: str, slot: tuple[TimeRange, int]) -> bool:
        """A cell opening on its own hours within its row's ("4.30-6 p.m." under "2.30-6 p.m."): its meeting keeps only those."""
        bare = text.strip(" ()[]\uff08\uff09")
        timed = self.labels.time(bare) if bare and len(bare) <= 40 and not self.last_draft.get(column) else None
        if timed is None or timed[1].strip(" .") or timed[2] is not None or timed[0].open_end:
            return False
        own = timed[0]
        if not (slot[0].start <= own.start < own.end <= slot[0].end) or (own.start, own.end) == (slot[0].start, slot[0].end):
            return False
        self._narrowed[column] = (self.slot, (own, slot[1]))
        return True

    def _slot_for(self, column: int, columns: _Columns) -> tuple[date, tuple[TimeRange, int]] | None:
        day = columns.days.get(column, self.day)
        slot = self.slot
        if column in self._narrowed and self._narrowed[column][0] == self.slot:
            slot = self._narrowed[column][1]
        if column in columns.times:
            slot = (columns.times[column], self.slot[1] if self.slot else 0)
        if day is None or slot is None:
            return None
        return day, slot

    def _content(self, column: int, body: str | None, item_text: str, title_text: str | None, unit: Unit, columns: _Columns) -> None:
        if self._held:
            self.pending.append((column, body, item_text, title_text, unit, columns))  # for the meeting of the time below
            return
        located = self._slot_for(column, columns)
        body = body or self.row_body or self.heading_body
        day = columns.days.get(column, self.day)
        if located is None and day is not None and self.labels.non_meeting(" ".join(filter(None, [item_text, title_text]))):
            # a day without a meeting: "Jueves 18 de octubre: no habrá sesión"
            self._day_note(column, day, " ".join(filter(None, [item_text.strip(), (title_text or "").strip()])).rstrip(" ."), body, unit.number)
            return
        if located is None:
            text = " ".join(filter(None, [item_text.strip(), (title_text or "").strip()]))
            if day is not None and not self.pending and parse_cell_items(text, self.ctx.pack) is None and self._note_wrapped(column, text, unit, day, body):
                return  # "No meeting (preparation of" / "the draft report)" on a day without a time
            if day is not None and self.slot is None and unit.table in _PHYSICAL_TABLES and len(self.pending) < 40:
                self.pending.append((column, body, item_text, title_text, unit, columns))  # its time comes below
                return
            if item_text.strip() or (title_text or "").strip():
                self.ctx.warn(unit.number, f"timetable text outside any timed meeting: {(item_text or title_text or '')[:60]!r}")
            return
        day, slot = located
        lines = item_text.split("\n") if item_text else [""]
        # a cell holding several lines (Word, HTML): each line an item or a note
        cell = unit.cells[column] if column < len(unit.cells) else Cell()
        titles: list[str | None] = [title_text]
        if unit.table and unit.table not in _LINE_TABLES and len(cell.lines) > 1:
            if title_text is None:
                lines = list(cell.lines)
            elif all(parse_cell_items(line, self.ctx.pack) is not None for line in cell.lines if line):
                # "1 a)" / "1 b)" / "2" stacked in the item cell beside their titles
                lines = [line for line in cell.lines if line]
                titles = self._titles_beside(cell, unit, len(lines))
        narrowed = title_text is None and column not in columns.times and self._narrows(column, lines[0], slot)
        if narrowed:
            day, slot = self._slot_for(column, columns) or (day, slot)
            lines = lines[1:]  # "4.30-6 p.m." opening the cell: the hours of what follows in it
        slots = [slot] + ([(extra, slot[1]) for extra in self.also] if column not in columns.times and not narrowed else [])
        for index, text in enumerate(lines):
            self._add(column, day, slots, body, text, titles[index] if index < len(titles) else None, unit)

    def _titles_beside(self, items: Cell, unit: Unit, count: int) -> list[str | None]:
        """The title of each item stacked in a cell, from the title cell beside it.

        The same number of lines pair one to one (Word and HTML paragraphs); lines of a printed
        table go with the item on their line or above it; otherwise the agenda names them.
        """
        column = self._title_column
        beside = unit.cells[column] if column is not None and column < len(unit.cells) else Cell()
        lines = [line for line in beside.lines if line]
        if len(lines) == count:
            return list(lines)
        starts = [number for line, number in zip(items.lines, items.numbers) if line]
        if len(beside.lines) == len(beside.numbers) and len(starts) == count and len(set(starts)) == count and starts[0] <= min(beside.numbers, default=0):
            grouped: list[list[str]] = [[] for _ in range(count)]
            for line, number in zip(beside.lines, beside.numbers):
                if line:
                    grouped[max(i for i, start in enumerate(starts) if start <= number)].append(line)
            return [" ".join(group) or None for group in grouped]
        return [None] * count

    def _add(self, column: int, day: date, slots: list[tuple[TimeRange, int]], body: str | None, item_text: str, title_text: str | None, unit: Unit) -> None:
        """One line of a cell into the meeting(s) it belongs to: items, a wrapped title, a note, or a non-meeting."""
        pack = self.ctx.pack
        onto: list[_Draft] | None = None
        timed = self.labels.time(item_text) if item_text and not title_text and _starts_with_time(item_text, self.labels) else None
        if timed is not None and not timed[1]:
            return  # a time alone on a line of a content cell: no content
        item_text = _expand_item_ranges(item_text, pack)
        parsed = _several_items(item_text, pack) if item_text.strip() else None
        if parsed is None and item_text.strip():
            parsed = parse_cell_items(item_text, pack, require_word=False) or _items_anywhere(item_text, pack)
        if parsed is None and title_text:
            parsed = _several_items(title_text, pack) or parse_cell_items(title_text, pack, require_word=True) or _items_anywhere(title_text, pack)
            if parsed:
                title_text = parsed.rest
        if parsed is None and not title_text and (column in self.untitled or title_text is not None) and self._right_below(column, unit):
            # "Items 1, 2 (a)" / "and 2 (b)": the item list wrapped in its cell (an item column beside its titles holds only lists)
            parsed = more_items(item_text, pack)
            onto = self.last_draft.get(column) if parsed is not None else None  # the meetings the list above went to
            if parsed is not None and closes_with_mark(item_text, pack):
                for draft in self.last_draft.get(column, []):  # "Temas 7" / "(continuación) y 8": 7 is continued
                    if draft.items:
                        draft.items[-1] = draft.items[-1].model_copy(update={"continued": True})
        text = " ".join(filter(None, [item_text, title_text])).strip()
        if parsed is None:
            if not _WORDLIKE.search(text) or (len(text) <= 2 and not _DIGIT.search(text)):
                return  # "—", "…": an empty cell drawn with a dash; "a", "b/": a footnote mark
            if self._note_wrapped(column, text, unit, day, body):
                return
            if self.labels.non_meeting(text):
                for slot in slots:
                    key = (day, slot[0].start, slot[0].end, body)
                    key_draft = self.drafts.get(key)
                    if key_draft is None or (not key_draft.items and not key_draft.notes):
                        self.day_notes.append(DayNote(date=day, text=text, body=body, line=unit.number))
                        self.last_day_note[column] = (len(self.day_notes) - 1, unit.number)
                        self.last_draft.pop(column, None)
                        if key_draft is None and key not in self._earlier:
                            # said of the slot before its time line is read out ("Informal consultations" / "1.15-2.45 p.m."):
                            # that line alone does not make it a meeting
                            key_draft = self.drafts[key] = _Draft(day=day, start=slot[0].start, end=slot[0].end, body=body, line=slot[1])
                        if key_draft is not None:
                            key_draft.skip.append(text)  # an empty slot whose only word is "no meeting"
                    else:
                        key_draft.notes.append(text)
                return
            previous = self.last_draft.get(column, []) if unit.table else self.last_touched
            only_mark = strip_continuation(text, pack) == ("", True)  # "(continued)" wrapped onto a line of its own
            if previous and all(d.items for d in previous) and (only_mark or self._continues(column, text, unit) or self._mark_closes_title(column, text, unit)):
                wrapped, marked = strip_continuation(text, pack)
                for draft in previous:
                    last = draft.items[-1]
                    written = "" if column in self.untitled and wrapped else last.title  # the agenda's title stood in for it
                    joiner = " " if pack.spaced else ""  # a Chinese title wrapped mid-word joins without a space
                    draft.items[-1] = last.model_copy(update={"title": f"{written}{joiner}{wrapped}".strip(), "continued": last.continued or marked})
                if wrapped:
                    self.untitled.discard(column)
            elif previous and all(d.notes and not d.items for d in previous) and unit.table in _PHYSICAL_TABLES and self._continues(column, text, unit):
                for draft in previous:  # "Consultas oficiosas sobre el" / "proyecto de resolución": the note wrapped
                    draft.notes[-1] = f"{draft.notes[-1]} {text}"
            else:
                cleaned, _ = strip_continuation(text, pack)
                drafts = [self._draft(day, slot, body) for slot in slots]
                for draft in drafts:
                    if cleaned:
                        draft.notes.append(cleaned)
                self.last_draft[column] = drafts
                self.last_touched = drafts
            self.last_line[column] = unit.number
            self.last_number = unit.number
            return
        title, continued_in_title = strip_continuation(title_text or parsed.rest, pack)  # an empty title cell: the title follows the numbers
        if parsed.continued and len(parsed.refs) > 1 and not isinstance(parsed, SeveralItems):
            parsed = _continued_before_mark(item_text, parsed, pack)
        continued = parsed.continued or continued_in_title
        drafts = onto or [self._draft(day, slot, body) for slot in slots]
        for number, letter in parsed.refs:
            known = self.titles.get((number, letter))
            if self.titles and known is None and number not in self.agenda_numbers:
                self.ctx.warn(unit.number, f"item {number}{' ' + letter + ')' if letter else ''} is not on the agenda")
            item_title = title if len(parsed.refs) == 1 and title else (known or title)
            own = ((number, letter) in parsed.continued_refs or continued_in_title) if isinstance(parsed, SeveralItems) else continued
            for draft in drafts:
                draft.items.append(ItemRef(number=number, letter=letter, title=item_title, continued=own))
                draft.item_lines.append(unit.number)
        if title or title_text is not None:
            self.untitled.discard(column)
        else:
            self.untitled.add(column)
        for touched in (column, self._title_column):
            if touched is not None:
                self.last_draft[touched] = drafts
                self.last_line[touched] = unit.number
        self.last_touched = drafts  # a paragraph under a broken table row continues whatever came last
        self.last_number = unit.number

    def _continues(self, column: int, text: str, unit: Unit) -> bool:
        """Text under an item, without an item of its own: the item's title wrapped, or a note."""
        if unit.continues or not unit.table:
            return self._right_below(column, unit)
        if unit.table in _PHYSICAL_TABLES:
            return self._right_below(column, unit) and (_continues_case(text) or self._title_left_open(column))
        return text[:1].islower()

    def _mark_closes_title(self, column: int, text: str, unit: Unit) -> bool:
        """ "Directiva (continuación)" right under a printed title line: the last line of that title, whatever its case
        ("(continued)" closing a text says so of an item)."""
        if unit.table not in _PHYSICAL_TABLES or self.last_line.get(column, -10) < unit.number - 1:
            return False
        folded = normalize(text).rstrip(" .")
        mark = continuation_pattern(self.ctx.pack).search(folded)
        return mark is not None and mark.end() == len(folded)

    def _right_below(self, column: int, unit: Unit) -> bool:
        """The line right under the last one written in this column: of the same cell, or the next printed line."""
        if unit.continues:
            return True
        if not unit.table:
            return self.last_number >= unit.number - 2  # a line may be furniture
        if unit.table in _PHYSICAL_TABLES:
            return self.last_line.get(column, -10) >= unit.number - 1
        return self.last_line.get(column) == unit.number

    def _title_left_open(self, column: int) -> bool:
        """The title above stops on a short lower-case word or a hyphen ("Election of the"): its line wrapped."""
        drafts = self.last_draft.get(column) or []
        title = drafts[0].items[-1].title.rstrip() if drafts and drafts[0].items else ""
        if column in self.untitled:
            return True  # "Пункт 4." alone on its line: its title is on the next
        last = title.rsplit(" ", 1)[-1] if title else ""
        return bool(last) and (title.endswith(("-", ",")) or (len(last) <= 3 and last.islower()))

    def _note_wrapped(self, column: int, text: str, unit: Unit, day: date, body: str | None) -> bool:
        """ "Informal consultations (no" / "interpretation)": a day's note wrapped onto the next printed line, joined to it."""
        noted = self.last_day_note.get(column)
        beside = None
        if (noted is None or noted[1] != unit.number) and unit.table and not self.labels.non_meeting(text):
            beside = next((n for n in self.last_day_note.values() if n[1] == unit.number and (self.day_notes[n[0]].date, self.day_notes[n[0]].body) == (day, body)), None)
        if beside is not None and not self.last_draft.get(column):
            noted = beside  # "Informal consultations | Room 5": a cell beside the note in its row (its room) goes with it
        elif noted is None or noted[1] < unit.number - 1 or not (unit.table in _PHYSICAL_TABLES or unit.continues or noted[1] == unit.number) or self.last_draft.get(column):
            return False
        index = noted[0]
        note = self.day_notes[index]
        self.day_notes[index] = note.model_copy(update={"text": f"{note.text} {text}"})
        self.last_day_note[column] = (index, unit.number)
        return True

    def _day_note(self, column: int, day: date, text: str, body: str | None, line: int) -> None:
        self.day_notes.append(DayNote(date=day, text=text, body=body, line=line))
        self.last_day_note[column] = (len(self.day_notes) - 1, line)

    def _draft(self, day: date, slot: tuple[TimeRange, int], body: str | None) -> _Draft:
        key = (day, slot[0].start, slot[0].end, body)
        if key in self._earlier:
            self._earlier.discard(key)  # warned once
            self.ctx.warn(slot[1], f"two timetables give {body or 'the plenary'} a meeting on {day.isoformat()} at {slot[0].start:%H:%M}-{slot[0].end:%H:%M}; read as one meeting")
        if key not in self.drafts:
            self.drafts[key] = _Draft(day=day, start=slot[0].start, end=slot[0].end, body=body, line=slot[1])
        return self.drafts[key]

    def _is_furniture(self, unit: Unit, columns: _Columns) -> bool:
        texts = [t for t in unit.texts if t]
        if not texts:
            return True
        whole = " ".join(texts)
        if _JOB_NUMBER.match(whole):
            return True
        if _PAGE_MARK.match(whole):
            # a page number stands alone on its line; a number alone in a table's later column is an item ("2"
            # under "1 b)" while the title beside it wraps)
            return not (unit.table and len(texts) == 1 and not unit.texts[0])
        return len(texts) == 1 and symbol_alone(whole.strip(" *")) is not None

    def _ends(self, unit: Unit) -> bool:
        texts = [t for t in unit.texts if t]
        if len(texts) != 1:
            return False
        text = texts[0]
        if _FOOTNOTE.match(text) and not parse_cell_items(text, self.ctx.pack):
            return True
        if _ends_timetable(text, self.labels):
            return True
        if unit.table or len(text) <= MAX_PROSE:
            return False
        # running text after the timetable; a wrapped title or an item line of a broken table is not
        return not (text[:1].islower() or _leads_with_items(text, self.ctx.pack))

    def _resolve(self, header: DayHeader, line: int, warn: bool = True, after: date | None = None) -> date | None:
        if header.day == 0:
            return self._weekday_in_meeting(header, line, after if after is not None else self.day)
        return resolve_day(self.ctx, header, line, self.first_day, self.last_day, self.fallback_year, warn)

    def _weekday_in_meeting(self, header: DayHeader, line: int, after: date | None) -> date | None:
        """A weekday without a date: the next such day of the meeting, after the day before it."""
        if self.first_day is None or self.last_day is None or header.weekday is None:
            self.ctx.warn(line, f"day {header.weekday_word!r} has no date and the meeting's dates are unknown; skipped")
            return None
        found = _first_weekday(header.weekday, self.first_day, self.last_day, after)
        if found is None:
            self.ctx.warn(line, f"no {header.weekday_word!r} left in the meeting's dates {self.first_day.isoformat()} to {self.last_day.isoformat()}; skipped")
        return found

    def _sessions(self) -> list[Session]:
        kept = []
        earlier: set[tuple[int, str | None]] = set()  # items of the meetings before, in time
        for draft in sorted(self.drafts.values(), key=lambda d: (d.day, d.start)):
            if draft.skip and not draft.items and not draft.notes:
                continue
            self._realign_titles(draft, earlier)
            earlier.update((item.number, item.letter) for item in draft.items)
        for draft in self.drafts.values():
            if draft.skip and not draft.items and not draft.notes:
                continue
            if not draft.items and draft.notes and self.labels.non_meeting(" ".join(draft.notes)):
                # "Заседание не" / "проводится": a no-meeting cell wrapped over printed lines, joined only now
                self.day_notes.append(DayNote(date=draft.day, text=" ".join(draft.notes), body=draft.body, line=draft.line))
                continue
            kept.append(draft)
        return to_sessions(self.ctx, kept, self.zone)

    def _realign_titles(self, draft: _Draft, earlier: set[tuple[int, str | None]]) -> None:
        """Titles cut at the wrong places by a printed table's wrapping ("Elección de la" / "Mesa" beside
        items 1 and 2, "Aprobación del ..." left as a note), put back by the agenda.

        Only when the words the meeting holds (its items' titles and notes) are the words of its items'
        agenda titles, all of them and no other (a wrapped piece may come twice): then the agenda says
        where each title starts."""
        if not draft.items or not self.titles:
            return
        known = [self.titles.get((item.number, item.letter)) for item in draft.items]
        if any(title is None for title in known):
            return
        written = [item.title for item in draft.items] + draft.notes
        said = Counter(_WORD.findall(normalize(" ".join(written))))
        named = Counter(_WORD.findall(normalize(" ".join(known))))  # type: ignore[arg-type]
        if set(said) != set(named) or any(said[word] < count for word, count in named.items()):
            return  # other words than the agenda's, or some of its words missing: the table's own titles stand
        if not draft.notes and all(_WORD.findall(normalize(item.title)) == _WORD.findall(normalize(title)) for item, title in zip(draft.items, known)):  # type: ignore[arg-type]
            return  # each title already whole, as the table writes it
        marked = any(item.continued for item in draft.items)
        # the "(continued)" mark was cut off with the wrong piece too: it goes with the items met before
        draft.items = [
            item.model_copy(update={"title": title, "continued": (item.number, item.letter) in earlier if marked else False})
            for item, title in zip(draft.items, known)
        ]
        draft.notes = []


def _expand_item_ranges(text: str, pack) -> str:
    """ "Items 1 to 3", "Points 4-6": every item of the range, written out ("items 1, 2, 3")."""
    if not _DIGIT.search(text):
        return text
    pattern = pack_pattern(
        pack,
        "item-range",
        lambda p: rf"{p.word_start}(?P<word>{alternation(p.item_words)}){p.gap}(?P<a>\d{{1,2}})\s*(?:[{re.escape(DASHES)}]|\s(?:{alternation(p.time.range_words + p.date_range_words)})\s)\s*(?P<b>\d{{1,2}})(?![\d(]|\s*\()",
    )
    folded = normalize(text)
    match = pattern.search(folded)
    if match is None or len(folded) != len(" ".join(text.split())):
        return text
    first, last = int(match.group("a")), int(match.group("b"))
    if not 0 < last - first < 20:
        return text
    written = " ".join(text.split())
    numbers = ", ".join(str(n) for n in range(first, last + 1))
    return f"{written[: match.start()]}{written[match.start('word') : match.end('word')]} {numbers}{written[match.end() :]}"


def _several_items(text: str, pack) -> CellItems | None:
    """ "Item 1 (a), Item 1 (b), Item 2": the item word repeated, each reference read; None for fewer than two."""
    pattern = pack_pattern(pack, "item-anywhere", lambda p: rf"{p.word_start}(?:{alternation(p.item_words)}){p.gap}(?=\d)")
    folded = normalize(text.replace("[", " ").replace("]", " "))
    starts = [m.start() for m in pattern.finditer(folded)]
    if len(starts) < 2:
        return None
    refs: list[tuple[int, str | None]] = []
    continued_refs: set[tuple[int, str | None]] = set()
    rest = ""
    for begin, end in zip(starts, starts[1:] + [len(folded)]):
        joiner = pack_pattern(pack, "trailing-and", lambda p: rf"(?:[\s,;、]|{p.word_start}(?:{alternation(p.and_words)}))+$")
        piece = parse_cell_items(joiner.sub("", folded[begin:end]), pack, require_word=True)
        if piece is None:
            return None
        refs.extend(r for r in piece.refs if r not in refs)
        if piece.continued:
            continued_refs.update(piece.refs)  # "Item 7 (continued) and item 8": only 7 is continued
        rest = piece.rest
    original = re.sub(r"\s+", " ", text.strip())
    if len(original) == len(folded) and rest:
        rest = original[len(original) - len(rest) :]
    return SeveralItems(tuple(refs), bool(continued_refs), rest, frozenset(continued_refs))


@dataclass(frozen=True)
class SeveralItems(CellItems):
    """Items each written with the item word, each continued or not on its own."""

    continued_refs: frozenset[tuple[int, str | None]] = frozenset()


def _continued_before_mark(text: str, parsed: CellItems, pack) -> CellItems:
    """ "Points 3 (suite) et 4": the mark continues the items written before it, not those after."""
    mark = continuation_pattern(pack).search(normalize(text))
    if mark is None or len(normalize(text)) != len(text):
        return parsed
    before = parse_cell_items(text[: mark.start()], pack)
    if before is None or len(before.refs) >= len(parsed.refs):
        return parsed
    return SeveralItems(parsed.refs, True, parsed.rest, frozenset(before.refs))


def _drop_group_heads(rows: list[Unit], header_texts: list[list[str]]) -> None:
    """A head over several columns without spans (a PDF): "Organe" above "Plénière | Commission plénière".

    A header cell whose right neighbour is empty in its row but written in a row below heads a group;
    it names none of the columns under it.
    """
    for position, row in enumerate(rows):
        below = rows[position + 1 :]
        for column, text in enumerate(row.texts):
            right = column + 1
            if not text or right >= len(row.texts) or row.texts[right]:
                continue
            if any(right < len(other.texts) and other.texts[right] for other in below) and text in header_texts[column]:
                header_texts[column].remove(text)


def _names_a_body(text: str) -> bool:
    """A column head that can name a body: "Plenary", "Committee of the Whole"; not "rapportant" or "(suite)" left by a page break."""
    text = text.strip(" *")
    return len(text) >= 3 and not text[:1].islower() and text[:1] not in "([<" and not _DIGIT.search(text)


def _first_weekday(weekday: int, first: date, last: date, after: date | None) -> date | None:
    day = first if after is None or after < first else after + timedelta(days=1)
    while day <= last:
        if day.weekday() == weekday:
            return day
        day += timedelta(days=1)
    return None


def _items_anywhere(text: str, pack) -> CellItems | None:
    """Item references after words ("34th meeting / Item 4 / ...", "[Agenda item 4 (d)]")."""
    pattern = pack_pattern(pack, "item-anywhere", lambda p: rf"{p.word_start}(?:{alternation(p.item_words)}){p.gap}(?=\d)")
    text = _DIGIT_PAREN.sub(r"\1 ", text.replace("[", " ").replace("]", " "))  # "(item 5)": the item inside brackets
    match = pattern.search(normalize(text))
    if match is None:
        return None
    folded = normalize(text)
    if len(folded) != len(re.sub(r"\s+", " ", text.strip())):
        return parse_cell_items(folded[match.start() :], pack, require_word=True)
    return parse_cell_items(re.sub(r"\s+", " ", text.strip())[match.start() :].strip("[]"), pack, require_word=True)


def resolve_day(ctx: Context, header: DayHeader, line: int, first_day: date | None, last_day: date | None, fallback_year: int, warn: bool = True) -> date | None:
    from babel.dates import format_date

    if header.year is not None:
        try:
            day = date(header.year, header.month, header.day)
        except ValueError:
            if warn:
                ctx.warn(line, f"day {header.day}/{header.month}/{header.year} does not exist; skipped")
            return None
    else:
        day, _ = infer_year(header.month, header.day, first_day, last_day, fallback_year)
        if day is None:
            if warn:
                ctx.warn(line, f"day {header.day}/{header.month} does not exist; skipped")
            return None
        if first_day is None and warn:
            ctx.warn(line, f"no year for {header.day}/{header.month} and no meeting dates; assumed {day.year}")
    from ..errors import ParseError
    from ..model import out_of_range

    reason = out_of_range(day, "the timetable's day")
    if reason:  # refused here: near year 1 or 9999 the weekday check below would overflow
        if not warn:
            return None
        raise ParseError(f"inconsistent meeting: {reason}")
    if not warn:
        return day
    if header.weekday_word and not header.weekday_exact and header.weekday is not None:
        ctx.warn(line, f"unknown weekday {header.weekday_word!r} read as {format_date(day, 'EEEE', locale=ctx.pack.babel_locale) if header.weekday == day.weekday() else 'a weekday'}")
    if header.weekday is not None and header.weekday != day.weekday():
        written = format_date(day - timedelta(days=day.weekday() - header.weekday), "EEEE", locale=ctx.pack.babel_locale)
        actual = format_date(day, "EEEE d MMMM y", locale=ctx.pack.babel_locale)
        ctx.warn(line, f"weekday {written!r} contradicts the date: {actual}; the date is used")
    if first_day and last_day and not first_day <= day <= last_day:
        ctx.warn(line, f"day {day.isoformat()} is outside the meeting dates {first_day.isoformat()} to {last_day.isoformat()}")
    return day


def to_sessions(ctx: Context, drafts: list[_Draft], zone: ZoneInfo) -> list[Session]:
    sessions: list[Session] = []
    counters: dict[str | None, int] = {}
    order = {body: position for position, body in enumerate(dict.fromkeys(d.body for d in drafts))}
    for draft in sorted(drafts, key=lambda d: (d.day, d.start, order[d.body])):
        start, end, warnings = session_bounds(draft.day, draft.start, draft.end, zone)
        for warning in warnings:
            ctx.warn(draft.line, warning)
        counters[draft.body] = counters.get(draft.body, 0) + 1
        sessions.append(
            Session(start=start, end=end, body=draft.body, ordinal=counters[draft.body], items=tuple(draft.items), notes=tuple(draft.notes), line=draft.line)
        )
        _check_items(ctx, draft)
    return sessions


def _check_items(ctx: Context, draft: _Draft) -> None:
    seen: dict[tuple[int, str | None], bool] = {}
    for ref, line in zip(draft.items, draft.item_lines):
        key = (ref.number, ref.letter)
        if key in seen and seen[key] != ref.continued and ref.continued:
            label = f"{ref.number}{' ' + ref.letter + ')' if ref.letter else ''}"
            ctx.warn(line, f"item {label} is both started and continued in the same meeting ({draft.day.isoformat()} {draft.start:%H:%M})")
        seen.setdefault(key, ref.continued)
