"""Exporters: one small class per output format over one meeting model.

Each exporter names itself, its file extension and content type, and renders
a ``Meeting`` to bytes. The CLI and the server list ``EXPORTERS`` instead of
knowing each format. Exporter modules import their heavy libraries inside
``render`` so that start-up stays light.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from ..errors import UsageError

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


# name -> "module:Class"; modules are imported only when their format is used.
_REGISTRY: dict[str, str] = {
    "ics": "schedule_export.render.ics:IcsExporter",
    "json": "schedule_export.render.json:JsonExporter",
    "html": "schedule_export.render.html:HtmlExporter",
    "pdf": "schedule_export.render.pdf:PdfExporter",
    "email-html": "schedule_export.render.email_html:EmailHtmlExporter",
    "txt": "schedule_export.render.text:TextExporter",
    "eml": "schedule_export.render.eml:EmlExporter",
    "frab": "schedule_export.render.frab:FrabExporter",
    "frab-json": "schedule_export.render.frab:FrabJsonExporter",
    "jcal": "schedule_export.render.jcal:JcalExporter",
    "xcal": "schedule_export.render.jcal:XcalExporter",
}


def exporter_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def get_exporter(name: str) -> Exporter:
    target = _REGISTRY.get(name)
    if target is None:
        raise UsageError(f"unknown format {name!r} (choose from {', '.join(_REGISTRY)})")
    module_name, class_name = target.split(":")
    return getattr(import_module(module_name), class_name)()


def stamp_for(meeting: Meeting) -> datetime:
    """A reproducible 'produced at' instant: SOURCE_DATE_EPOCH, else the document's date.

    Never the clock: subscribers would otherwise see every event change on every fetch.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    day: date = meeting.document_date or meeting.first_day
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)
