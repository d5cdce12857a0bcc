"""The index and changelog pages of the feed server and the static site (Jinja2, autoescaped).

Every word comes from the language packs: the index in the folder's language,
each changelog in its document's language. Links between pages are relative,
so the same pages work behind the server and as static files under any prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..history import Change, EventSnapshot
    from ..lang import LanguagePack
    from ..model import Meeting
    from .catalog import Catalog, PublishedMeeting

LABEL_KEYS = (
    "all_meetings", "meetings", "subscribe", "subscribe_all", "subscribe_hint", "calendar_link", "formats", "changelog",
    "version", "published_on", "first_version", "no_change", "change_new", "change_cancelled", "change_moved",
    "change_changed", "source_document", "superseded", "documents_with_errors", "no_meetings", "back_to_index",
    "item", "items", "plenary", "continued", "upcoming_meetings", "past_meetings", "add_to_google", "add_to_outlook",
    "body_calendars", "revisions_feed", "language_choice", "programme",
)


@dataclass(frozen=True)
class PageHead:
    """What the shared base layout reads from its ``view``: language, direction, heading."""

    language: str
    direction: str
    heading: str


def _render(template: str, language: str, heading: str, **context: object) -> str:
    from babel import Locale

    from ..render.templating import render_template

    direction = "rtl" if Locale.parse(language).character_order == "right-to-left" else "ltr"
    return render_template(template, view=PageHead(language, direction, heading), created=None, **context)


def labels_for(language: str) -> dict[str, str]:
    from ..lang import load_pack

    pack = load_pack(language)
    return {key: pack.label(key) for key in LABEL_KEYS}


def _subscribe_urls(base_url: str | None, path: str) -> tuple[str | None, str | None]:
    """(webcal://, http(s)://) addresses of a calendar; None without a known base URL."""
    if not base_url:
        return None, None
    http_url = f"{base_url}{path}"
    return "webcal://" + http_url.split("://", 1)[1], http_url


@dataclass(frozen=True)
class SubscribeLinks:
    """One calendar as people add it: webcal:// for their calendar app, one click for Google and Outlook."""

    webcal: str
    http: str
    google: str
    outlook: str  # Outlook on the web, work or school accounts (Microsoft 365)
    outlook_com: str  # Outlook.com, personal accounts


def subscribe_links(base_url: str | None, path: str, name: str) -> SubscribeLinks | None:
    from urllib.parse import quote

    webcal, http_url = _subscribe_urls(base_url, path)
    if webcal is None or http_url is None:
        return None
    # Google subscribes to a calendar given by address (cid); Outlook adds one from the web (addfromweb)
    query = f"url={quote(http_url, safe='')}&name={quote(name, safe='')}"
    return SubscribeLinks(
        webcal=webcal,
        http=http_url,
        google=f"https://calendar.google.com/calendar/render?cid={quote(webcal, safe='')}",
        outlook=f"https://outlook.office.com/calendar/0/addfromweb?{query}",
        outlook_com=f"https://outlook.live.com/calendar/0/addfromweb?{query}",
    )


@dataclass(frozen=True)
class BodyCalendar:
    name: str
    path: str  # relative to the index
    webcal: str | None


@dataclass(frozen=True)
class MeetingEntry:
    key: str
    title: str
    subtitle: str | None
    ordinal: str | None  # "Thirty-fifth session", as the document writes it
    place_and_dates: str
    language: str
    version: int
    published_on: str
    upcoming: bool
    first_day: date
    calendar_path: str
    subscribe: SubscribeLinks | None
    bodies: tuple[BodyCalendar, ...]  # calendars of single bodies, where bodies meet in parallel
    programme_path: str
    main_formats: tuple[tuple[str, str], ...]  # the programme on screen and printed: (name for people, relative path)
    formats: tuple[tuple[str, str], ...]  # every other format
    changelog_path: str
    languages: tuple[tuple[str, str], ...] = ()  # (language, relative path of the calendar in it)


# formats in the order people look for them; the calendar itself is offered by "Subscribe"
MAIN_FORMATS = ("html", "pdf")
FORMAT_ORDER = ("html", "pdf", "ics", "frab", "email-html", "txt", "eml", "frab-json", "jcal", "xcal", "json")


def visitor_language(query_language: str | None, accept_language: str | None) -> str | None:
    """The language a visitor asks for: ?lang= first, then the first of Accept-Language we have a pack for."""
    from ..lang import available_languages

    available = set(available_languages())
    if query_language and query_language.strip().lower() in available:
        return query_language.strip().lower()
    wanted: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().split("-")[0].lower()
        if primary in available and quality > 0:
            wanted.append((-quality, position, primary))
    return min(wanted)[2] if wanted else None


def index_page(catalog: Catalog, base_url: str | None, language: str | None = None) -> str:
    from ..lang import available_languages, load_pack
    from ..render.ics import parallel_body_ids
    from ..render.view import meeting_ordinal
    from ..render.labels import body_id

    chosen = language  # a language asked for: changelogs follow it too
    language = language or catalog.index_language()
    pack = load_pack(language)
    now = catalog.clock()
    formats_known = dict.fromkeys(FORMAT_ORDER)
    entries = []
    for published in catalog.meetings:
        meeting = published.meeting
        meeting_pack = load_pack(meeting.language)
        calendar_path = f"/meetings/{published.key}.ics"
        links = {link.name: link.path.lstrip("/") for link in catalog.formats_of(published.key)}
        ordered = [name for name in formats_known if name in links] + [name for name in links if name not in formats_known]
        bodies = []
        for identifier in parallel_body_ids(meeting):
            name = next(b or meeting_pack.label("plenary") for b in meeting.bodies if body_id(meeting, b) == identifier)
            path = f"/meetings/{published.key}.{identifier}.ics"
            bodies.append(BodyCalendar(name, path.lstrip("/"), _subscribe_urls(base_url, path)[0]))
        entries.append(MeetingEntry(
            key=published.key,
            title=meeting.title,
            subtitle=meeting.parent_body,
            ordinal=meeting_ordinal(meeting, meeting_pack),
            place_and_dates=_place_and_dates(meeting, meeting_pack),
            language=meeting.language,
            version=published.publication.version,
            published_on=_moment_label(published.publication.recorded_at, meeting, pack),
            upcoming=meeting.last_day >= now.astimezone(meeting.zone).date(),
            first_day=meeting.first_day,
            calendar_path=calendar_path.lstrip("/"),
            subscribe=subscribe_links(base_url, calendar_path, meeting.title),
            bodies=tuple(bodies),
            programme_path=links.get("html", ""),
            main_formats=tuple((pack.labels.get(f"format_{name}", name), links[name]) for name in ordered if name in MAIN_FORMATS),
            formats=tuple((pack.labels.get(f"format_{name}", name), links[name]) for name in ordered if name not in MAIN_FORMATS),
            changelog_path=f"meetings/{published.key}/changes.{chosen}.html" if chosen else f"meetings/{published.key}/changes.html",
            languages=tuple((code, catalog.language_calendar_path(published.key, code).lstrip("/")) for code in published.language_codes),
        ))
    # the next meeting first; past meetings apart, the latest first
    upcoming = sorted((e for e in entries if e.upcoming), key=lambda e: (e.first_day, e.title))
    past = sorted((e for e in entries if not e.upcoming), key=lambda e: (e.first_day, e.title), reverse=True)
    choices = [(code, load_pack(code).name, f"index.{code}.html")
               for code in available_languages()]
    return _render(
        "serve/index.html.j2",
        language,
        pack.label("meetings"),
        labels=labels_for(language),
        upcoming=upcoming,
        past=past,
        errors=[(d.name, d.error) for d in catalog.errors] + [(n.name, n.message) for n in catalog.notices],
        all_calendar_path="all.ics",
        all_subscribe=subscribe_links(base_url, "/all.ics", pack.label("all_meetings")),
        feed_path=ATOM_PATH.lstrip("/"),
        languages=choices,
        current_language=language,
        root="",
    )


def reading_page(catalog: Catalog, language: str | None = None) -> str:
    """The index before the first scan is complete: it says the documents are being read, and lists nothing,
    so that nobody takes a list of some meetings for all of them."""
    from html import escape

    from babel import Locale

    from ..lang import available_languages, load_pack

    if language not in available_languages():
        language = catalog.language if catalog.language in available_languages() else "en"
    pack = load_pack(language)
    done, total = catalog.progress
    title = pack.label("reading_title")
    text = pack.label("reading_progress").format(done=done, total=total)
    direction = "rtl" if Locale.parse(language).character_order == "right-to-left" else "ltr"
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
        f'<meta name="generator" content="schedule-export">\n</head>\n<body>\n<h1>{escape(title)}</h1>\n'
        f'<p class="reading">{escape(text)}</p>\n</body>\n</html>\n'
    )


ATOM_PATH = "/changes.atom"


def atom_feed(catalog: Catalog, base_url: str | None) -> bytes:
    """Every published version of every meeting as an Atom entry (RFC 4287): people are told, not only calendars."""
    import uuid
    from xml.etree import ElementTree as ET

    from ..lang import load_pack

    language = catalog.index_language()
    pack = load_pack(language)
    atom = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", atom)

    def sub(parent, tag: str, text: str | None = None, **attributes: str):
        element = ET.SubElement(parent, f"{{{atom}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{atom}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    site = base_url or "urn:schedule-export"
    sub(feed, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site + ATOM_PATH)}")
    sub(feed, "title", f"{pack.label('meetings')}: {pack.label('changelog')}")
    if base_url:
        sub(feed, "link", rel="self", href=f"{base_url}{ATOM_PATH}", type="application/atom+xml")
        sub(feed, "link", rel="alternate", href=f"{base_url}/", type="text/html")
    sub(sub(feed, "author"), "name", "schedule-export")
    entries = []
    for published in catalog.meetings:
        meeting = published.meeting
        meeting_pack = load_pack(meeting.language)
        labels = labels_for(meeting.language)
        for version in catalog.history.versions(published.key):
            lines = [labels["first_version"]] if version.number == 1 else [
                _change_text(_change_line(change, meeting, meeting_pack, labels)) for change in version.changes
            ] or [labels["no_change"]]
            entries.append((version.recorded_at, published.key, version.number, meeting, labels, lines))
    entries.sort(key=lambda entry: (entry[0], entry[1], entry[2]), reverse=True)
    updated = max((entry[0] for entry in entries), default=None)
    sub(feed, "updated", _atom_time(updated) if updated else "1970-01-01T00:00:00Z")
    for recorded_at, key, number, meeting, labels, lines in entries:
        entry = sub(feed, "entry", **{"{http://www.w3.org/XML/1998/namespace}lang": meeting.language})
        sub(entry, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site}/meetings/{key}/v{number}')}")
        sub(entry, "title", f"{meeting.title}: {labels['version']} {number}")
        sub(entry, "updated", _atom_time(recorded_at))
        page = f"meetings/{key}/changes.html#v{number}"
        sub(entry, "link", rel="alternate", type="text/html", href=f"{base_url}/{page}" if base_url else page)
        sub(entry, "content", "\n".join(lines), type="text")
    ET.indent(feed, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def _atom_time(moment: datetime) -> str:
    from datetime import timezone

    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _change_text(change: ChangeLine) -> str:
    text = f"{change.label}: {change.what}"
    if change.before and change.after:
        text += f" \u2014 {change.before} \u2192 {change.after}"
    elif change.before or change.after:
        text += f" \u2014 {change.before or change.after}"
    if change.items_before is not None:
        text += f" ({change.items_before} \u2192 {change.items_after})"
    return text


@dataclass(frozen=True)
class ChangeLine:
    kind: str
    label: str  # "Séance déplacée"
    what: str  # "Point 3 (Plénière)"
    before: str | None  # when, before
    after: str | None  # when, after
    items_before: str | None  # set when the items changed
    items_after: str | None


@dataclass(frozen=True)
class VersionEntry:
    number: int
    published_on: str
    document: str
    first: bool
    changes: tuple[ChangeLine, ...]
    revision: str | None = None  # "Rev.1, 24 March 2027": which issue of the document this version is


def changelog_page(catalog: Catalog, published: PublishedMeeting, base_url: str | None, language: str | None = None) -> str:
    """What changed in each version, in the document's language or the one asked for (``changes.<lang>.html``)."""
    from ..lang import available_languages, load_pack

    meeting = published.meeting
    language = language or meeting.language
    pack = load_pack(language)
    labels = labels_for(language)
    versions = []
    for version in reversed(catalog.history.versions(published.key)):
        versions.append(VersionEntry(
            number=version.number,
            published_on=_moment_label(version.recorded_at, meeting, pack),
            document=version.source,
            first=version.number == 1,
            changes=tuple(_change_line(change, meeting, pack, labels) for change in version.changes),
            revision=_revision_text(version.symbol, version.document_date, pack),
        ))
    return _render(
        "serve/changelog.html.j2",
        language,
        f"{labels['changelog']}: {meeting.title}",
        labels=labels,
        languages=[(code, load_pack(code).name, f"changes.{code}.html") for code in available_languages()],
        current_language=language,
        meeting_language=meeting.language,
        index_path=f"index.{language}.html" if language != catalog.index_language() else "index.html",
        title=meeting.title,
        place_and_dates=_place_and_dates(meeting, pack),
        versions=versions,
        calendar_path=f"../{published.key}.ics",
        subscribe=subscribe_links(base_url, f"/meetings/{published.key}.ics", meeting.title),
        feed_path=ATOM_PATH.lstrip("/"),
        root="../../",
    )


def _revision_text(symbol: str | None, document_date: date | None, pack: LanguagePack) -> str | None:
    from babel.dates import format_date

    from ..revisions import revision_label

    label = revision_label(symbol)
    if label is None:
        return None
    return f"{label}, {format_date(document_date, 'long', locale=pack.babel_locale)}" if document_date else label


def _change_line(change: Change, meeting: Meeting, pack: LanguagePack, labels: dict[str, str]) -> ChangeLine:
    shown = change.after or change.before
    assert shown is not None
    what = _what(shown, change.before, labels)
    before = _when(change.before, meeting, pack) if change.before else None
    after = _when(change.after, meeting, pack) if change.after else None
    items_before = items_after = None
    if change.before and change.after and change.before.items != change.after.items:
        items_before, items_after = _items_text(change.before, labels), _items_text(change.after, labels)
    if change.kind == "changed" and before == after:
        after = None
    return ChangeLine(change.kind, labels.get(f"change_{change.kind}", change.kind), what, before, after, items_before, items_after)


def _items_text(snapshot: EventSnapshot, labels: dict[str, str]) -> str:
    if not snapshot.items:
        return ""
    word = labels["items"] if len(snapshot.items) > 1 else labels["item"]
    shown = [f"{item[:-1]} ({labels['continued']})" if item.endswith("+") else item for item in snapshot.items]
    return f"{word} {', '.join(shown)}"


def _what(snapshot: EventSnapshot, before: EventSnapshot | None, labels: dict[str, str]) -> str:
    if not snapshot.items and not snapshot.body:
        return snapshot.summary
    parts = [snapshot.body or labels["plenary"]]
    items = _items_text(before or snapshot, labels)
    if items:
        parts.append(items)
    return ", ".join(parts)


def _day_label(day: date, pack: LanguagePack) -> str:
    from babel.dates import format_date

    text = format_date(day, pack.display.date, locale=pack.babel_locale)
    return text[:1].upper() + text[1:]


def _when(snapshot: EventSnapshot, meeting: Meeting, pack: LanguagePack) -> str:
    start, end = snapshot.start, snapshot.end
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return _day_label(start if isinstance(start, date) else start.date(), pack)
    start, end = meeting.local(start), meeting.local(end)
    hours = pack.display.time_range(start.hour, start.minute, end.hour, end.minute)
    return f"{_day_label(start.date(), pack)}, {hours}"


def _moment_label(moment: datetime, meeting: Meeting, pack: LanguagePack) -> str:
    """ "26 November 2026, 06:51 (UTC+1)": the date as UN documents write it, the time in the meeting's zone."""
    from ..render.view import utc_offset_label
    from ..render.labels import date_span

    local = meeting.local(moment)
    return f"{date_span(local.date(), local.date(), pack)}, {local:%H:%M} ({utc_offset_label(local)})"


def _place_and_dates(meeting: Meeting, pack: LanguagePack) -> str:
    from ..render.labels import place_and_dates

    return place_and_dates(meeting, pack)
