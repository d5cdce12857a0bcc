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
    "item", "items", "plenary", "continued",
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
class MeetingEntry:
    key: str
    title: str
    subtitle: str | None
    place_and_dates: str
    language: str
    version: int
    published_on: str
    document: str
    superseded: tuple[str, ...]
    calendar_path: str
    webcal_url: str | None
    http_url: str | None
    formats: tuple[tuple[str, str, str], ...]  # (name, relative path, description)
    changelog_path: str
    languages: tuple[tuple[str, str], ...] = ()  # (language, relative path of the calendar in it)


def index_page(catalog: Catalog, base_url: str | None) -> str:
    from ..lang import load_pack

    language = catalog.index_language()
    pack = load_pack(language)
    entries = []
    for published in catalog.meetings:
        meeting = published.meeting
        meeting_pack = load_pack(meeting.language)
        calendar_path = f"/meetings/{published.key}.ics"
        webcal, http_url = _subscribe_urls(base_url, calendar_path)
        entries.append(MeetingEntry(
            key=published.key,
            title=meeting.title,
            subtitle=meeting.parent_body,
            place_and_dates=_place_and_dates(meeting, meeting_pack),
            language=meeting.language,
            version=published.publication.version,
            published_on=_moment_label(published.publication.recorded_at, meeting, pack),
            document=published.document.name,
            superseded=published.superseded,
            calendar_path=calendar_path.lstrip("/"),
            webcal_url=webcal,
            http_url=http_url,
            formats=tuple((link.name, link.path.lstrip("/"), link.description) for link in catalog.formats_of(published.key)),
            changelog_path=f"meetings/{published.key}/changes.html",
            languages=tuple((code, catalog.language_calendar_path(published.key, code).lstrip("/")) for code in published.language_codes),
        ))
    all_webcal, all_http = _subscribe_urls(base_url, "/all.ics")
    return _render(
        "serve/index.html.j2",
        language,
        pack.label("meetings"),
        labels=labels_for(language),
        meetings=entries,
        errors=[(d.name, d.error) for d in catalog.errors] + [(n.name, n.message) for n in catalog.notices],
        all_calendar_path="all.ics",
        all_webcal_url=all_webcal,
        all_http_url=all_http,
        root="",
    )


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


def changelog_page(catalog: Catalog, published: PublishedMeeting, base_url: str | None) -> str:
    from ..lang import load_pack

    meeting = published.meeting
    pack = load_pack(meeting.language)
    labels = labels_for(meeting.language)
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
    webcal, http_url = _subscribe_urls(base_url, f"/meetings/{published.key}.ics")
    return _render(
        "serve/changelog.html.j2",
        meeting.language,
        f"{labels['changelog']}: {meeting.title}",
        labels=labels,
        title=meeting.title,
        place_and_dates=_place_and_dates(meeting, pack),
        versions=versions,
        calendar_path=f"../{published.key}.ics",
        webcal_url=webcal,
        http_url=http_url,
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
    from babel.dates import format_date

    from ..render.view import utc_offset_label

    local = meeting.local(moment)
    return f"{format_date(local.date(), 'long', locale=pack.babel_locale)} {local:%H:%M} ({utc_offset_label(local)})"


def _place_and_dates(meeting: Meeting, pack: LanguagePack) -> str:
    from ..render.view import place_and_dates

    return place_and_dates(meeting, pack)
