"""Exporters: one small class per output format over one meeting model.

Each exporter names itself, its file extension and content type, and renders
a ``Meeting`` to bytes. The CLI and the server list ``EXPORTERS`` instead of
knowing each format. Exporter modules import their heavy libraries inside
``render`` so that start-up stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from .options import Exporter

# The registry below is all that `--help` needs: RenderOptions, Exporter and stamp_for live in
# ``render.options`` (dataclasses, datetime, typing) and are loaded when first asked for.
_LAZY = {"RenderOptions", "Exporter", "stamp_for"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from . import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
