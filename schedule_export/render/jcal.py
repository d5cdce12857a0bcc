"""jCal (RFC 7265): the ICS calendar as JSON, for web calendars and scripts; xCal (RFC 6321) as XML.

Both are written from the very calendar the ICS exporter builds, so they hold the same
events: same UIDs, same instants (wall time with the zone's TZID, and its VTIMEZONE), same summaries.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import RenderOptions

if TYPE_CHECKING:
    from ..model import Meeting

XCAL_NAMESPACE = "urn:ietf:params:xml:ns:icalendar-2.0"


class JcalExporter:
    name = "jcal"
    extension = "jcal"
    content_type = "application/calendar+json"
    description = "the calendar as jCal (RFC 7265, iCalendar in JSON): the same events as the .ics"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return (json.dumps(jcal(meeting, options), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class XcalExporter:
    name = "xcal"
    extension = "xcs"
    content_type = "application/calendar+xml"
    description = "the calendar as xCal (RFC 6321, iCalendar in XML): the same events as the .ics"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return xcal_bytes(jcal(meeting, options))


def jcal(meeting: Meeting, options: RenderOptions) -> list[Any]:
    from .ics import build_calendar

    return build_calendar(meeting, options).to_jcal()


def xcal_bytes(component: list[Any]) -> bytes:
    """RFC 6321 from the jCal form: the two RFCs map the same iCalendar data model one to one."""
    from xml.etree import ElementTree as ET

    root = ET.Element("icalendar", xmlns=XCAL_NAMESPACE)
    _component(root, component)
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _component(parent, component: list[Any]) -> None:
    from xml.etree import ElementTree as ET

    name, properties, children = component
    element = ET.SubElement(parent, name)
    if properties:
        holder = ET.SubElement(element, "properties")
        for prop in properties:
            _property(holder, prop)
    if children:
        holder = ET.SubElement(element, "components")
        for child in children:
            _component(holder, child)


def _property(parent, prop: list[Any]) -> None:
    from xml.etree import ElementTree as ET

    name, parameters, value_type, *values = prop
    element = ET.SubElement(parent, name)
    if parameters:
        holder = ET.SubElement(element, "parameters")
        for parameter, value in parameters.items():
            # parameter values are text, except the few RFC 6321 types as URIs or addresses; none of ours are
            for item in value if isinstance(value, list) else [value]:
                ET.SubElement(ET.SubElement(holder, parameter), "text").text = str(item)
    for value in values:
        _value(element, value_type, value)


def _value(parent, value_type: str, value: Any) -> None:
    from xml.etree import ElementTree as ET

    element = ET.SubElement(parent, value_type)
    if value_type == "recur":
        for part, content in value.items():
            for item in content if isinstance(content, list) else [content]:
                ET.SubElement(element, part).text = str(item)
    elif value_type == "period":
        start, end = value
        ET.SubElement(element, "start").text = start
        ET.SubElement(element, "duration" if end.startswith(("P", "-P", "+P")) else "end").text = end
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        element.text = str(value)
