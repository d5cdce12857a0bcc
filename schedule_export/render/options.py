"""What renderers share: the reader's choices (``RenderOptions``), the exporter interface and the stamp."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..model import Meeting


@dataclass(frozen=True)
class RenderOptions:
    """Choices of the person asking for output; every field has a sensible default."""

    language: str | None = None  # display language; None means the document's own
    display_tz: str | None = None  # a second zone shown beside the meeting's zone
    paper: str = "A4"
    base_url: str | None = None  # where published calendars live (feeds, site)
    extra: dict[str, object] = field(default_factory=dict)  # exporter-specific options


class Exporter(Protocol):
    name: str
    extension: str
    content_type: str
    description: str

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes: ...

    # An exporter may also offer parts: extra files ``<stem>.<suffix>`` (the ICS exporter's per-body
    # calendars), as ``parts(meeting, options) -> tuple[tuple[suffix, bytes], ...]``.


def stamp_for(meeting: Meeting) -> datetime:
    """A reproducible 'produced at' instant: SOURCE_DATE_EPOCH, else the document's date.

    Never the clock: subscribers would otherwise see every event change on every fetch.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    day: date = meeting.document_date or meeting.first_day
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)
