"""The delegate programme as one self-contained HTML page: phone, desktop and print (A4 or Letter).

The page is built from the shared programme view and the Jinja2 templates in
``templates/``; the PDF exporter prints this same page with WeasyPrint.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ..errors import UsageError
from . import RenderOptions, stamp_for
from .templating import render_template
from .view import build_view

if TYPE_CHECKING:
    from markupsafe import Markup

    from ..model import Meeting
    from .view import DayView, ProgrammeView

# --paper value -> CSS page size keyword
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}

# Printed page geometry, in lines of 10.5 pt text: a Letter page below its running header holds about 44
# (A4 a little more), and the items column holds about 70 characters a line.
LINES_PER_PAGE = 44
CHARACTERS_PER_LINE = 70


class HtmlExporter:
    name = "html"
    extension = "html"
    content_type = "text/html; charset=utf-8"
    description = "printable delegate programme: one self-contained HTML page for phones, screens and print"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return render_html(meeting, options).encode("utf-8")


def paper_size(paper: str | None) -> str:
    size = PAPER_SIZES.get((paper or "A4").strip().lower())
    if size is None:
        raise UsageError(f"unknown paper size {paper!r} (choose A4 or Letter)")
    return size


def css_string(text: str) -> str:
    """A CSS string literal that is also safe inside an HTML <style> element."""
    escaped = re.sub(r'[\\"\n\r\f<>&]', lambda match: f"\\{ord(match.group()):x} ", text)
    return f'"{escaped}"'


def page_counter_css(pattern: str) -> Markup:
    """ "Page {page} sur {pages}" -> a CSS content value: "Page " counter(page) " sur " counter(pages)."""
    from markupsafe import Markup

    parts: list[str] = []
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or "counter(page)")


def estimated_lines(day: DayView) -> float:
    """How tall a day prints, in lines: each title wraps by its length, documents take a line, rows have padding."""
    lines = 3.0  # heading, column headers and the space above the day
    for session in day.sessions:
        item_lines = sum(-(-len(item.title) // CHARACTERS_PER_LINE) + (1 if item.documents else 0) + 0.3 for item in session.items)
        time_lines = 3 if session.other_time_range else 1
        lines += max(item_lines + len(session.notes), time_lines) + 1
    return lines


def days_too_long_for_a_page(view: ProgrammeView) -> frozenset[date]:
    """Days that cannot fit on one page: they may break between meetings rather than be pushed to a new page,
    which would leave the page before them nearly empty."""
    return frozenset(day.date for day in view.days if estimated_lines(day) > LINES_PER_PAGE)


def render_page(view: ProgrammeView, options: RenderOptions) -> str:
    created = stamp_for(view.meeting).strftime("%Y-%m-%dT%H:%M:%SZ")
    return render_template(
        "programme.html.j2",
        view=view,
        paper_size=paper_size(options.paper),
        page_counter=page_counter_css(view.label("page_of")),
        created=created,
        long_days=days_too_long_for_a_page(view),
    )


def render_html(meeting: Meeting, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    return render_page(build_view(meeting, options), options)
