"""Plain-text programme: aligned columns, every line shorter than 78 characters.

For the text/plain part of a message and for pasting into plain-text
newsletters. Built on the same view as the HTML programmes; long titles wrap
under their own column instead of breaking the alignment.
"""

from __future__ import annotations

import textwrap
import unicodedata
from typing import TYPE_CHECKING

from . import RenderOptions
from .view import ItemView, ProgrammeView, SessionView, build_view

if TYPE_CHECKING:
    from ..model import Meeting

WIDTH = 76  # RFC 5322 recommends lines under 78 characters; leave room for quoting clients
TIME_COLUMN_MAX = 28  # wide enough for "10 ч. 00 м.–13 ч. 00 м." on one line
GAP = "  "


class TextExporter:
    name = "txt"
    extension = "txt"
    content_type = "text/plain; charset=utf-8"
    description = "plain-text programme with aligned columns (for emails and newsletters)"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return render_text(meeting, options).encode("utf-8")


def columns(text: str) -> int:
    """Terminal columns the text takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``str.ljust`` by columns, so that columns after Chinese text still line up."""
    return text + " " * max(0, width - columns(text))


def wrap(text: str, width: int) -> list[str]:
    lines = textwrap.wrap(text, width=max(width, 10), break_on_hyphens=False)
    return lines or [""]


def hanging(first: str, rest_indent: int, text: str, width: int = WIDTH) -> list[str]:
    """``first`` then ``text`` wrapped, continuation lines indented under the text."""
    lines = wrap(text, width - rest_indent)
    return [pad(first, rest_indent) + lines[0]] + [" " * rest_indent + line for line in lines[1:]]


def underline(text: str, char: str) -> list[str]:
    lines = wrap(text, WIDTH)
    return lines + [char * min(WIDTH, max(columns(line) for line in lines))]


def item_lines(items: tuple[ItemView, ...], view: ProgrammeView, width: int) -> list[str]:
    label_width = max((columns(item.label) for item in items), default=0) + len(GAP)
    lines: list[str] = []
    for item in items:
        title = item.title + (f" ({view.label('continued')})" if item.continued else "")
        lines.extend(hanging(item.label, label_width, title, width))
        if item.documents:
            symbols = ", ".join(doc.symbol for doc in item.documents)
            lines.extend(hanging("", label_width, f"{view.label('documents')}: {symbols}", width))
    return lines


def session_lines(session: SessionView, view: ProgrammeView, time_width: int) -> list[str]:
    content_width = WIDTH - time_width
    time_lines = wrap(session.time_label, time_width - len(GAP))
    content: list[str] = []
    if session.other_time_label:
        # the second zone goes with the content: in the narrow time column it would wrap into noise
        content.extend(wrap(f"{view.display_tz_label}: {session.other_time_label}", content_width))
    if session.body and view.bodies:
        content.extend(wrap(f"[{session.body}]", content_width))
    content.extend(item_lines(session.items, view, content_width))
    for note in session.notes:
        content.extend(wrap(note, content_width))
    rows = max(len(time_lines), len(content))
    time_lines += [""] * (rows - len(time_lines))
    content += [""] * (rows - len(content))
    return [(pad(left, time_width) + right).rstrip() for left, right in zip(time_lines, content)]


def render_text(meeting: Meeting, options: RenderOptions | None = None, *, calendar_attached: bool = False) -> str:
    from .email_html import intro_paragraphs

    options = options or RenderOptions()
    view = build_view(meeting, options)
    lines: list[str] = underline(view.title, "=")
    if view.subtitle:
        lines.extend(wrap(view.subtitle, WIDTH))
    lines.extend(wrap(view.place_and_dates, WIDTH))
    if view.hybrid:
        lines.extend(wrap(view.label("hybrid"), WIDTH))
    for paragraph in intro_paragraphs(options):
        lines.append("")
        for line in paragraph:
            lines.extend(wrap(line, WIDTH))

    if view.has_timetable:
        if view.bodies:
            lines.append("")
            lines.extend(wrap(" / ".join(f"[{body}]" for body in view.bodies), WIDTH))
        labels = [s.time_label for day in view.days for s in day.sessions]
        time_width = min(max(columns(label) for label in labels), TIME_COLUMN_MAX) + len(GAP)
        for day in view.days:
            lines.append("")
            lines.extend(underline(f"{day.label} ({view.local_time_label}, {day.utc_offset})", "-"))
            for number, session in enumerate(day.sessions):
                if number:
                    lines.append("")
                lines.extend(session_lines(session, view, time_width))
    else:
        lines.append("")
        lines.extend(underline(view.label("schedule_tbc"), "-"))
        lines.extend(wrap(view.label("no_timetable"), WIDTH))
        lines.append("")
        lines.append(f"{view.label('meeting_days')}:")
        for day in view.meeting_days:
            lines.extend(hanging("  -", 4, day.label))
        if view.topics:
            lines.append("")
            lines.append(f"{view.label('topics')}:")
            for topic in view.topics:
                lines.extend(hanging("  -", 4, topic))
        if view.agenda:
            lines.append("")
            lines.append(f"{view.label('provisional_agenda')}:")
            lines.extend("  " + line if line else line for line in item_lines(view.agenda, view, WIDTH - 2))

    if view.deadlines:
        lines.append("")
        lines.extend(underline(view.label("deadlines"), "-"))
        for deadline in view.deadlines:
            text = f"{deadline.label}. {deadline.text}" if deadline.text else deadline.label
            lines.extend(wrap(f"{deadline.date_label}:", WIDTH))
            lines.extend(hanging("", 2, text))

    footer = []
    if meeting.symbol:
        footer.append(f"{view.label('symbol')}: {meeting.symbol}")
    if calendar_attached:
        footer.append(view.label("calendar_attached"))
    if footer:
        lines.append("")
        for line in footer:
            lines.extend(wrap(line, WIDTH))
    return "\n".join(line.rstrip() for line in lines) + "\n"
