"""The words every renderer writes for an item, a session or a meeting: labels, titles, links, places, UIDs.

Kept apart from ``view`` (which re-exports them) so that the calendar formats, which need these
and not the programme view, do not build the view's classes at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from ..lang import LanguagePack
    from ..model import ItemRef, Meeting, Session

# The Official Document System serves a document by its symbol, in the language asked for
# (the symbol-explorer page needs an internal record id besides the symbol, which we never have).
DOCUMENT_URL = "https://documents.un.org/api/symbol/access?s={symbol}&l={language}&t=pdf"


@dataclass(frozen=True)
class DocumentLink:
    symbol: str
    url: str


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


def body_id(meeting: Meeting, body: str | None) -> str:
    """The id of a body of the meeting in per-body calendar names (``<stem>.<body-id>.ics``): "plenary",
    "committee-of-the-whole", else "body-N", the same in every language (as in the events' UIDs), so that
    the French and the Russian documents of one meeting name their bodies' calendars alike."""
    from ..identity import session_body_id

    return session_body_id(meeting, body)


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
