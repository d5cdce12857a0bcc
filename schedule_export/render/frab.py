"""The frab schedule (XML, and the c3voc JSON) that conference apps read: Giggity, EventFahrplan, ConfClerk.

Days, one room per body, one event per meeting. Each event's guid is a UUID derived from its
calendar UID, so favourites and alarms set in an app survive a revised agenda exactly as the
calendar's events do. Written to the c3voc schemas (voc/schedule, validator/).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from . import RenderOptions

if TYPE_CHECKING:
    from ..lang import LanguagePack
    from ..model import Meeting, Session

GENERATOR = "schedule-export"
TIMESLOT = "00:15"


class FrabExporter:
    name = "frab"
    extension = "xml"
    content_type = "application/xml"
    description = "frab schedule XML for conference apps (Giggity, EventFahrplan, ConfClerk)"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return frab_xml(schedule(meeting, options))


class FrabJsonExporter:
    name = "frab-json"
    extension = "frab.json"  # beside the model's own <stem>.json
    content_type = "application/json"
    description = "frab schedule as c3voc JSON for conference apps and pretalx-compatible tools"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return frab_json(schedule(meeting, options))


@dataclass(frozen=True)
class FrabEvent:
    guid: str
    id: int
    slug: str
    room: str
    title: str
    subtitle: str
    start: datetime  # in the meeting's zone
    end: datetime
    abstract: str
    description: str
    language: str
    url: str | None
    links: tuple[tuple[str, str], ...]  # (url, title)

    @property
    def duration(self) -> str:
        minutes = int((self.end - self.start).total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class FrabDay:
    index: int
    date: date
    start: datetime
    end: datetime
    rooms: tuple[tuple[str, tuple[FrabEvent, ...]], ...]


@dataclass(frozen=True)
class FrabSchedule:
    version: str
    title: str
    acronym: str
    start: date
    end: date
    time_zone: str
    base_url: str | None
    fallback_url: str  # c3voc JSON requires a URL: the document itself when no site publishes the meeting
    rooms: tuple[tuple[str, str], ...]  # (name, guid)
    days: tuple[FrabDay, ...]


def _event(meeting: Meeting, session: Session, pack: LanguagePack, options: RenderOptions, room: str) -> FrabEvent:
    from .ics import items_summary, session_description
    from .view import event_guid
    from .labels import document_link, is_document_symbol, numbered_item, programme_url, session_uid

    uid = session_uid(meeting, session)
    guid = event_guid(uid)
    url = programme_url(meeting, options.base_url, anchor=uid)
    abstract_lines = [numbered_item(meeting, ref, pack) for ref in session.items] + list(session.notes)
    links: list[tuple[str, str]] = []
    for ref in session.items:
        for symbol in meeting.documents_for(ref):
            link = (document_link(symbol, pack).url, symbol)
            if is_document_symbol(symbol) and link not in links:
                links.append(link)
    if url:
        links.append((url, pack.label("programme")))
    return FrabEvent(
        guid=guid,
        id=int(guid.replace("-", "")[:7], 16) + 1,  # positive, stable with the guid
        slug=uid.split("@", 1)[0],
        room=room,
        title=items_summary(meeting, session, pack) or room,
        subtitle=meeting.title if room != meeting.title else "",
        start=meeting.local(session.start),
        end=meeting.local(session.end),
        abstract="\n".join(abstract_lines),
        description=session_description(meeting, session, pack, url),
        language=pack.code,
        url=url,
        links=tuple(links),
    )


def schedule(meeting: Meeting, options: RenderOptions) -> FrabSchedule:
    from ..lang import load_pack
    from .view import event_guid
    from .labels import document_link, is_document_symbol

    pack = load_pack(options.language or meeting.language)
    room_names = {body: body or pack.label("plenary") for body in meeting.bodies}
    if len(meeting.bodies) == 1 and meeting.bodies[0] is None:
        room_names = {None: meeting.title}  # one body: the room is the meeting itself
    by_day: dict[date, dict[str, list[FrabEvent]]] = {}
    used_ids: set[int] = set()
    for session in sorted(meeting.sessions, key=lambda s: (s.start, meeting.bodies.index(s.body))):
        room = room_names[session.body]
        event = _event(meeting, session, pack, options, room)
        while event.id in used_ids:  # ids must be unique; a clash of 28-bit hashes is rare but possible
            event = replace(event, id=event.id + 1)
        used_ids.add(event.id)
        by_day.setdefault(event.start.date(), {}).setdefault(room, []).append(event)
    days = []
    for index, day in enumerate(meeting.days, start=1):
        rooms = by_day.get(day, {})
        events = [e for room_events in rooms.values() for e in room_events]
        midnight = datetime.combine(day, time(0), meeting.zone)
        start = min((e.start for e in events), default=midnight)
        end = max((e.end for e in events), default=datetime.combine(day + timedelta(days=1), time(0), meeting.zone))
        ordered = tuple((name, tuple(rooms[name])) for name in room_names.values() if name in rooms)
        days.append(FrabDay(index, day, start, end, ordered))
    symbol_url = document_link(meeting.symbol, pack).url if meeting.symbol and is_document_symbol(meeting.symbol) else None
    version = " ".join(part for part in (meeting.symbol, (meeting.document_date or meeting.first_day).isoformat()) if part)
    return FrabSchedule(
        version=version,
        title=meeting.title,
        acronym=meeting.key,
        start=meeting.first_day,
        end=meeting.last_day,
        time_zone=meeting.timezone,
        base_url=f"{options.base_url.rstrip('/')}/" if options.base_url else None,
        fallback_url=symbol_url or "https://documents.un.org/",
        rooms=tuple((name, event_guid(f"{meeting.key}-room-{name}@schedule-export")) for name in room_names.values()),
        days=tuple(days),
    )


def _hhmm(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def frab_xml(data: FrabSchedule) -> bytes:
    from xml.etree import ElementTree as ET

    from .. import __version__ as version

    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR, version=version)
    ET.SubElement(root, "version").text = data.version
    conference = ET.SubElement(root, "conference")
    fields = {
        "title": data.title, "acronym": data.acronym, "start": data.start.isoformat(), "end": data.end.isoformat(),
        "days": str(len(data.days)), "timeslot_duration": TIMESLOT, "base_url": data.base_url, "time_zone_name": data.time_zone,
    }
    for name, value in fields.items():
        if value is not None:
            ET.SubElement(conference, name).text = value
    for day in data.days:
        day_element = ET.SubElement(
            root, "day", index=str(day.index), date=day.date.isoformat(), start=day.start.isoformat(), end=day.end.isoformat()
        )
        for room_name, events in day.rooms:
            room = ET.SubElement(day_element, "room", name=room_name)
            for event in events:
                element = ET.SubElement(room, "event", guid=event.guid, id=str(event.id))
                for name, value in (
                    ("date", event.start.isoformat()), ("start", _hhmm(event.start)), ("duration", event.duration),
                    ("room", event.room), ("slug", event.slug), ("title", event.title), ("subtitle", event.subtitle),
                    ("track", event.room), ("type", "meeting"), ("language", event.language),
                    ("abstract", event.abstract), ("description", event.description),
                ):
                    ET.SubElement(element, name).text = value
                ET.SubElement(element, "persons")
                links = ET.SubElement(element, "links")
                for href, title in event.links:
                    ET.SubElement(links, "link", href=href).text = title
                if event.url:
                    ET.SubElement(element, "url").text = event.url
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def frab_json(data: FrabSchedule) -> bytes:
    def event_json(event: FrabEvent) -> dict[str, Any]:
        return {
            "guid": event.guid, "id": event.id, "date": event.start.isoformat(), "start": _hhmm(event.start),
            "duration": event.duration, "room": event.room, "slug": event.slug, "url": event.url or data.fallback_url,
            "title": event.title, "subtitle": event.subtitle, "track": event.room, "type": "meeting",
            "language": event.language, "abstract": event.abstract, "description": event.description,
            "logo": "", "recording_license": "", "do_not_record": True, "persons": [],
            "links": [{"url": href, "title": title} for href, title in event.links], "attachments": [], "answers": [],
        }

    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "schedule": {
            "version": data.version,
            "base_url": data.base_url or data.fallback_url,
            "conference": {
                "acronym": data.acronym, "title": data.title, "start": data.start.isoformat(), "end": data.end.isoformat(),
                "daysCount": len(data.days), "timeslot_duration": TIMESLOT, "time_zone_name": data.time_zone,
                "rooms": [{"name": name, "guid": guid} for name, guid in data.rooms],
                "days": [
                    {
                        "index": day.index, "date": day.date.isoformat(),
                        "day_start": day.start.isoformat(), "day_end": day.end.isoformat(),
                        "rooms": {name: [event_json(e) for e in events] for name, events in day.rooms},
                    }
                    for day in data.days
                ],
            },
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
