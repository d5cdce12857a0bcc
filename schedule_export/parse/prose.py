"""A schedule written as sentences or list lines, one per day, when the document has no timetable:

    "On Thursday, 25 March, the Working Group will meet from 10 a.m. to 1 p.m. to consider
     items 1, 2 and 3, and from 3 p.m. to 6 p.m. to consider item 4."
    "- Monday, 8 March: items 1 and 2 (morning), item 3 (a) (afternoon)"

Each line names a day, then times (ranges, or parts of the day whose hours the document states)
and items. Whichever comes first tells which way they pair: items after their time ("from 10 a.m.
to 1 p.m. to consider items 1 and 2"), or before it ("items 1 and 2 (morning)"). A time with no
item beside it is a day without that meeting when its sentence says so ("No meeting will be held
in the afternoon"); otherwise the meeting keeps what is written beside it as a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..lang import alternation, normalize
from ..model import DayNote, ItemRef, Session
from .context import Context, pack_pattern
from .items import parse_cell_items
from .times import TimeRange, find_time_ranges
from .timetable import _BULLET, _DIGIT, _DIGIT_PAREN, MAX_LABEL, Labels, Timetable, TimetableReader, Unit, document_units

MAX_SENTENCES = 1200  # a longer paragraph is not one day's schedule
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    hours: TimeRange


def find_prose_schedule(ctx: Context, labels: Labels) -> Timetable | None:
    """The paragraphs that each give one day's meetings in words, if at least two days are so written."""
    units = [unit for unit in document_units(ctx) if not unit.table and _day_and_times(unit.cells[0].text, labels)]
    if len(units) < 2:
        return None
    return Timetable(units, units[0].number, labels)


def _day_start(text: str, labels: Labels) -> int | None:
    """Where a day label begins near the start of a line ("On Thursday, 25 March", "- Monday, 8 March")."""
    folded = normalize(text[:60])
    for match in re.finditer(r"[^\W\d_]+", folded):
        if match.group() in labels.ctx.pack.weekdays:
            return match.start()
    return None


def _day_and_times(text: str, labels: Labels) -> bool:
    text = _BULLET.sub("", text)
    if len(text) > MAX_SENTENCES or _DIGIT.search(text) is None:
        return False
    start = _day_start(text, labels)
    if start is None:
        return False
    header = labels.day(text[start : start + MAX_LABEL])
    return header is not None and bool(_mentions(_after_day(text, start, header.rest), labels))


def _after_day(text: str, start: int, rest: str) -> str:
    """The line after its day label, as written: the label was read in the line's first characters only."""
    head = text[start : start + MAX_LABEL].rstrip("*_ ")
    return text[start + len(head) - len(rest) :]


def _mentions(text: str, labels: Labels) -> list[_Mention]:
    """Every time range and part-of-the-day word in the text, in order, with its place in the folded text."""
    pack = labels.ctx.pack
    folded = normalize(text)
    found = [_Mention(hours.span[0], hours.span[1], hours) for hours in find_time_ranges(text, pack)]
    periods = pack_pattern(pack, "period-anywhere", lambda p: rf"{p.word_start}(?:{alternation(tuple(p.time.periods))}){p.word_end}")
    for match in periods.finditer(folded):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        timed = labels.time(match.group())
        if timed is not None:
            found.append(_Mention(match.start(), match.end(), timed[0]))
    return sorted(found, key=lambda m: m.start)


class ProseReader(TimetableReader):
    """Reads a ``Timetable`` of day sentences found by ``find_prose_schedule``."""

    def read(self) -> list[Session]:
        for unit in self.timetable.units:
            self._read_sentence(unit)
        earlier: set[tuple[int, str | None]] = set()
        for draft in sorted(self.drafts.values(), key=lambda d: (d.day, d.start)):
            # "to continue its consideration of item 4": an item met in an earlier meeting is continued
            draft.items = [item.model_copy(update={"continued": (item.number, item.letter) in earlier}) for item in draft.items]
            earlier.update((item.number, item.letter) for item in draft.items)
        return self._sessions()

    def _read_sentence(self, unit: Unit) -> None:
        text = _BULLET.sub("", unit.cells[0].text)
        start = _day_start(text, self.labels)
        header = self.labels.day(text[start : start + MAX_LABEL]) if start is not None else None
        if header is None:
            return
        day = self._resolve(header, unit.number)
        if day is None:
            return
        rest = _after_day(text, start, header.rest)  # type: ignore[arg-type]
        folded = normalize(rest)
        written = rest if len(rest) == len(folded) else folded  # notes as written where folding kept the places
        mentions = _mentions(rest, self.labels)
        item_starts = [m.start() for m in self._item_words().finditer(folded)]
        forward = not item_starts or mentions[0].start < item_starts[0]
        for index, mention in enumerate(mentions):
            if forward:
                span = (mention.end, mentions[index + 1].start if index + 1 < len(mentions) else len(folded))
            else:
                span = (mentions[index - 1].end if index else 0, mention.start)
            self._slot(day, mention, span, folded, written, unit.number, text if start else "")

    def _slot(self, day: date, mention: _Mention, span: tuple[int, int], folded: str, written: str, line: int, whole: str = "") -> None:
        """The meeting at one time of the day, with the items in its piece of the line (``span``)."""
        piece = folded[span[0] : span[1]]
        refs = self._refs(piece)
        if not refs:
            around = next((s for s in _sentences(written) if s[0] <= mention.start < s[1]), (0, len(written)))
            said = written[around[0] : around[1]]
            if self.labels.non_meeting(said) or self.labels.non_meeting(piece):
                self.day_notes.append(DayNote(date=day, text=_as_note(said), body=None, line=line))
                return
            if whole and self.labels.non_meeting(whole[: len(whole) - len(written)]):
                # "No se celebrará sesión el miércoles 16 de junio por la tarde": said before the day
                self.day_notes.append(DayNote(date=day, text=_as_note(whole), body=None, line=line))
                return
        draft = self._draft(day, (mention.hours, line), None)
        for number, letter in refs:
            if self.titles and (number, letter) not in self.titles and number not in self.agenda_numbers:
                self.ctx.warn(line, f"item {number}{' ' + letter + ')' if letter else ''} is not on the agenda")
            draft.items.append(ItemRef(number=number, letter=letter, title=self.titles.get((number, letter)) or self.titles.get((number, None)) or ""))
            draft.item_lines.append(line)
        note = _as_note(written[span[0] : span[1]])
        if not refs and note:
            draft.notes.append(note)

    def _item_words(self) -> re.Pattern[str]:
        return pack_pattern(self.ctx.pack, "item-anywhere", lambda p: rf"{p.word_start}(?:{alternation(p.item_words)}){p.gap}(?=\d)")

    def _refs(self, piece: str) -> list[tuple[int, str | None]]:
        """Every item reference in a piece of a sentence: "items 1, 2 and 3", "item 3 (a)", "(item 7)"."""
        refs: list[tuple[int, str | None]] = []
        piece = _DIGIT_PAREN.sub(r"\1 ", piece)  # "(item 7)": the item inside brackets
        for match in self._item_words().finditer(piece):
            found = parse_cell_items(piece[match.start() :], self.ctx.pack, require_word=True)
            if found is not None:
                refs.extend(ref for ref in found.refs if ref not in refs)
        return refs


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _as_note(text: str) -> str:
    return text.strip(" ,.;:()-\u2013").strip()
