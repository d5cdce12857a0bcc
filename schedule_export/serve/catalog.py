"""The publishable content of one folder of agenda documents: pages and calendars by URL path.

Used by both the feed server and the static site export, and free of any web
framework. Only paths built here from the documents' meetings exist: a request
path is looked up in a table, never joined to a file system path.

The folder is rescanned with ``stat`` calls only (cheap), at most once per
``min_interval`` seconds; a document is parsed again only when its size,
modification time or inode changed. Rendered bytes are cached until the
folder or the revision state changes.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ScheduleExportError

if TYPE_CHECKING:
    from ..history import History, Publication
    from ..model import Meeting
    from ..render import RenderOptions

DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".pdf"})
STATE_FOLDER = ".schedule-export"
HISTORY_FILE = "history.sqlite3"
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# Expired cancellations leave the calendars this often even when no document changes.
PUBLICATION_RECHECK = timedelta(hours=1)
CACHE_CONTROL = "public, max-age=300"
COMBINED_CALENDAR = "all.ics"
INDEX_PATHS = ("/", "/index.html")

_INDEX_IN_LANGUAGE = re.compile(r"/index\.(?P<language>[a-z]{2,3})\.html")
ATOM_FEED = "/changes.atom"
_MEETING_PATH = re.compile(r"/meetings/(?P<key>[a-z0-9][a-z0-9-]{0,80})(?:\.(?P<suffix>[a-z0-9.-]{1,32})|/(?P<page>changes(?:\.(?P<page_language>[a-z]{2,3}))?\.html))")
_BASE_URL = re.compile(r"https?://(?:[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:/[A-Za-z0-9._~\-]+)*")


def default_history_path(folder: Path) -> Path:
    return folder / STATE_FOLDER / HISTORY_FILE


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str
    etag: str  # quoted, strong
    last_modified: datetime  # whole seconds, UTC

    @property
    def last_modified_header(self) -> str:
        return format_datetime(self.last_modified, usegmt=True)

    def headers(self) -> dict[str, str]:
        return {"ETag": self.etag, "Last-Modified": self.last_modified_header, "Cache-Control": CACHE_CONTROL}

    def not_modified(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """RFC 9110 conditional GET: If-None-Match wins; If-Modified-Since is read only without it."""
        if if_none_match is not None:
            tags = [tag.strip() for tag in if_none_match.split(",")]
            return "*" in tags or any(tag.removeprefix("W/") == self.etag for tag in tags)
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError, IndexError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=timezone.utc)
            return self.last_modified <= since
        return False


@dataclass(frozen=True)
class DocumentState:
    name: str
    signature: tuple[int, int, int]  # size, mtime_ns, inode
    modified: datetime
    meeting: Meeting | None = None
    error: str | None = None


@dataclass(frozen=True)
class PublishedMeeting:
    meeting: Meeting
    document: DocumentState
    publication: Publication
    superseded: tuple[str, ...] = ()  # other documents of the same meeting, older

    @property
    def key(self) -> str:
        return self.meeting.key


@dataclass(frozen=True)
class FormatLink:
    name: str
    path: str
    description: str


@dataclass
class _Snapshot:
    documents: dict[str, DocumentState] = field(default_factory=dict)
    meetings: dict[str, PublishedMeeting] = field(default_factory=dict)


def _whole_seconds(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def valid_base_url(url: str | None) -> str | None:
    """A base URL of scheme, host, port and plain path segments, or None: it is written into pages and calendars."""
    if url is None:
        return None
    url = url.rstrip("/")
    return url if _BASE_URL.fullmatch(url) else None


class Catalog:
    def __init__(
        self,
        folder: str | Path,
        history: History,
        language: str | None = None,
        min_interval: float = 1.0,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self.folder = Path(folder)
        self.history = history
        self.language = language
        self.min_interval = min_interval
        self.clock = clock
        self._lock = threading.RLock()
        self._snapshot = _Snapshot()
        self._scanned_at = float("-inf")
        self._publications_at = datetime.min.replace(tzinfo=timezone.utc)
        self._cache: dict[tuple[str, str | None], Resource] = {}
        self._last_seen: dict[str, tuple[str, datetime]] = {}  # path -> (etag, when that content appeared)
        self._formats = _format_table()

    # -- scanning ----------------------------------------------------------------------------------------

    def needs_refresh(self) -> bool:
        return time.monotonic() - self._scanned_at >= self.min_interval

    def refresh(self, force: bool = False) -> bool:
        """Rescan the folder if the minimum interval has passed; True when what is published changed."""
        with self._lock:
            if not force and not self.needs_refresh():
                return False
            self._scanned_at = time.monotonic()
            old = self._snapshot
            documents = self._scan(old.documents)
            now = self.clock()
            recheck = now - self._publications_at >= PUBLICATION_RECHECK
            if documents == old.documents and not recheck:
                return False
            meetings = self._publish(documents, old.meetings, force_publications=recheck)
            if recheck:
                self._publications_at = now
            changed = documents != old.documents or meetings != old.meetings
            self._snapshot = _Snapshot(documents, meetings)
            if changed:
                self._cache.clear()
            return changed

    def _scan(self, known: dict[str, DocumentState]) -> dict[str, DocumentState]:
        found: dict[str, DocumentState] = {}
        try:
            entries = list(os.scandir(self.folder))
        except OSError as exc:
            print(f"error: {self.folder}: cannot be listed ({exc.strerror or exc})", file=sys.stderr)
            return dict(known)
        for entry in entries:
            name = entry.name
            if name.startswith(".") or Path(name).suffix.lower() not in DOCUMENT_SUFFIXES:
                continue
            try:
                # symbolic links are not followed: only what is in the folder itself is published
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            signature = (info.st_size, info.st_mtime_ns, info.st_ino)
            previous = known.get(name)
            if previous is not None and previous.signature == signature:
                found[name] = previous
                continue
            found[name] = self._load(name, signature, datetime.fromtimestamp(info.st_mtime, timezone.utc))
        return found

    def _load(self, name: str, signature: tuple[int, int, int], modified: datetime) -> DocumentState:
        from ..parse import parse_document
        from ..read import read_bytes

        try:
            if signature[0] > MAX_DOCUMENT_BYTES:
                raise ScheduleExportError(f"is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
            fd = os.open(self.folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as handle:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
            document = read_bytes(data, name, suffix=Path(name).suffix.lower())
            meeting = parse_document(document, language=None)
        except ScheduleExportError as exc:
            return DocumentState(name, signature, modified, error=str(exc))
        except OSError as exc:
            return DocumentState(name, signature, modified, error=f"cannot be read ({exc.strerror or 'I/O error'})")
        except Exception as exc:  # one document must never take the others down
            print(f"error: {name}: internal error while reading ({type(exc).__name__}: {exc})", file=sys.stderr)
            return DocumentState(name, signature, modified, error=f"could not be read (internal error {type(exc).__name__})")
        return DocumentState(name, signature, modified, meeting=meeting)

    def _publish(
        self, documents: dict[str, DocumentState], known: dict[str, PublishedMeeting], force_publications: bool
    ) -> dict[str, PublishedMeeting]:
        by_key: dict[str, list[DocumentState]] = {}
        for state in documents.values():
            if state.meeting is not None:
                by_key.setdefault(state.meeting.key, []).append(state)
        meetings: dict[str, PublishedMeeting] = {}
        for key, states in by_key.items():
            # several documents of one meeting: the latest revision is published, the others are listed as superseded
            states.sort(key=lambda s: (s.meeting.document_date or s.meeting.first_day, s.signature[1], s.name), reverse=True)
            chosen = states[0]
            superseded = tuple(s.name for s in states[1:])
            previous = known.get(key)
            try:
                if previous is not None and previous.document == chosen and not force_publications:
                    publication = previous.publication
                elif previous is not None and previous.document == chosen:
                    publication = self.history.publication(key) or self.history.record(chosen.meeting)
                else:
                    publication = self.history.record(chosen.meeting)
            except ScheduleExportError as exc:
                print(f"error: {chosen.name}: {exc}", file=sys.stderr)
                documents[chosen.name] = DocumentState(chosen.name, chosen.signature, chosen.modified, error="revision history unavailable")
                continue
            meetings[key] = PublishedMeeting(chosen.meeting, chosen, publication, superseded)
        return dict(sorted(meetings.items(), key=lambda item: (item[1].meeting.first_day, item[1].meeting.title)))

    # -- what exists -------------------------------------------------------------------------------------

    @property
    def meetings(self) -> tuple[PublishedMeeting, ...]:
        return tuple(self._snapshot.meetings.values())

    @property
    def errors(self) -> tuple[DocumentState, ...]:
        return tuple(sorted((d for d in self._snapshot.documents.values() if d.error), key=lambda d: d.name))

    def formats_of(self, key: str) -> tuple[FormatLink, ...]:
        return tuple(FormatLink(name, f"/meetings/{key}.{suffix}", description) for suffix, (name, description) in self._formats.items())

    def paths(self) -> tuple[str, ...]:
        """Every path the catalog answers, for the static export."""
        from ..lang import available_languages

        result = ["/index.html", f"/{COMBINED_CALENDAR}", ATOM_FEED]
        result += [f"/index.{code}.html" for code in available_languages()]
        for published in self.meetings:
            result.extend(link.path for link in self.formats_of(published.key))
            result.extend(f"/meetings/{published.key}.{body}.ics" for body in self.body_ids(published))
            result.append(f"/meetings/{published.key}/changes.html")
            result += [f"/meetings/{published.key}/changes.{code}.html" for code in available_languages()]
        return tuple(result)

    # -- answering ---------------------------------------------------------------------------------------

    def cached(self, path: str, base_url: str | None = None) -> Resource | None:
        return self._cache.get((path, base_url))

    def resource(self, path: str, base_url: str | None = None, cacheable: bool = True) -> Resource | None:
        """The bytes published at a URL path, or None when nothing is published there."""
        with self._lock:
            cached = self._cache.get((path, base_url))
            if cached is not None:
                return cached
            produced = self._produce(path, base_url)
            if produced is None:
                return None
            body, content_type, origin = produced
            resource = self._stamp(path, body, content_type, origin)
            if cacheable:
                self._cache[(path, base_url)] = resource
            return resource

    def _stamp(self, path: str, body: bytes, content_type: str, origin: datetime) -> Resource:
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        seen = self._last_seen.get(path)
        if seen is not None and seen[0] == etag:
            modified = seen[1]
        else:
            # new content is never older than what was served before under this path
            modified = _whole_seconds(max([origin] + ([self.clock()] if seen is not None else [])))
            self._last_seen[path] = (etag, modified)
        return Resource(body, content_type, etag, modified)

    def _produce(self, path: str, base_url: str | None) -> tuple[bytes, str, datetime] | None:
        from ..render.ics import calendar_bytes
        from . import pages

        snapshot = self._snapshot
        if path in INDEX_PATHS:
            origin = max([d.modified for d in snapshot.documents.values()] + [p.publication.recorded_at for p in snapshot.meetings.values()], default=datetime(1970, 1, 1, tzinfo=timezone.utc))
            return pages.index_page(self, base_url).encode("utf-8"), "text/html; charset=utf-8", origin
        in_language = _INDEX_IN_LANGUAGE.fullmatch(path)
        if in_language:
            from ..lang import available_languages

            if in_language["language"] not in available_languages():
                return None
            origin = max([d.modified for d in snapshot.documents.values()] + [p.publication.recorded_at for p in snapshot.meetings.values()], default=datetime(1970, 1, 1, tzinfo=timezone.utc))
            return pages.index_page(self, base_url, in_language["language"]).encode("utf-8"), "text/html; charset=utf-8", origin
        if path == ATOM_FEED:
            origin = max([p.publication.recorded_at for p in snapshot.meetings.values()], default=datetime(1970, 1, 1, tzinfo=timezone.utc))
            return pages.atom_feed(self, base_url), "application/atom+xml; charset=utf-8", origin
        if path == f"/{COMBINED_CALENDAR}":
            origin = max([p.publication.recorded_at for p in snapshot.meetings.values()], default=datetime(1970, 1, 1, tzinfo=timezone.utc))
            return self.combined_calendar(base_url), "text/calendar; charset=utf-8", origin
        match = _MEETING_PATH.fullmatch(path)
        if match is None:
            return None
        published = snapshot.meetings.get(match["key"])
        if published is None:
            return None
        origin = max(published.document.modified, published.publication.recorded_at)
        if match["page"]:
            from ..lang import available_languages

            language = match["page_language"]
            if language is not None and language not in available_languages():
                return None
            return pages.changelog_page(self, published, base_url, language).encode("utf-8"), "text/html; charset=utf-8", origin
        entry = self._formats.get(match["suffix"])
        if entry is None:
            body = match["suffix"].removesuffix(".ics")
            if body != match["suffix"] and body in self.body_ids(published):
                return calendar_bytes(self.body_calendar(published, base_url, body)), "text/calendar; charset=utf-8", origin
            return None
        name = entry[0]
        if name == "ics":
            return calendar_bytes(self.meeting_calendar(published, base_url)), "text/calendar; charset=utf-8", origin
        from ..render import get_exporter

        exporter = get_exporter(name)
        return exporter.render(published.meeting, self.render_options(base_url)), exporter.content_type, origin

    # -- calendars ---------------------------------------------------------------------------------------

    def render_options(self, base_url: str | None) -> RenderOptions:
        from ..render import RenderOptions

        return RenderOptions(base_url=base_url)

    def meeting_calendar(self, published: PublishedMeeting, base_url: str | None):
        from ..history import apply_publication
        from ..render.ics import build_calendar

        calendar = apply_publication(build_calendar(published.meeting, self.render_options(base_url)), published.publication)
        if base_url:
            calendar.pop("URL", None)
            calendar.add("URL", f"{base_url}/meetings/{published.key}.ics")
        return calendar

    def body_ids(self, published: PublishedMeeting) -> tuple[str, ...]:
        """Bodies with a calendar of their own (``/meetings/<key>.<body-id>.ics``): where bodies meet in parallel."""
        from ..render.ics import parallel_body_ids

        return parallel_body_ids(published.meeting)

    def body_calendar(self, published: PublishedMeeting, base_url: str | None, body: str):
        """One body's meetings with their revision state; its cancelled meetings too, and no other body's."""
        from ..history import apply_publication
        from ..lang import load_pack
        from ..render import RenderOptions
        from ..render.ics import build_calendar
        from ..render.view import body_id

        meeting = published.meeting
        options = RenderOptions(base_url=base_url, extra={"body": body})
        calendar = apply_publication(build_calendar(meeting, options), published.publication)
        plenary = load_pack(meeting.language).label("plenary")
        names = {b or plenary for b in meeting.bodies if body_id(b) == body}
        calendar.subcomponents = [
            c for c in calendar.subcomponents if c.name != "VEVENT" or (c.categories and str(c.categories[0]) in names)
        ]
        if base_url:
            calendar.pop("URL", None)
            calendar.add("URL", f"{base_url}/meetings/{published.key}.{body}.ics")
        return calendar

    def combined_calendar(self, base_url: str | None) -> bytes:
        from icalendar import Calendar

        from ..history import set_feed_properties
        from ..render.ics import PRODID
        from . import pages

        labels = pages.labels_for(self.index_language())
        combined = Calendar.new(prodid=PRODID, name=labels["all_meetings"], method="PUBLISH", calscale="GREGORIAN", uid="all-meetings@schedule-export")
        if base_url:
            combined.add("URL", f"{base_url}/{COMBINED_CALENDAR}")
        first, last, modified = None, None, None
        for published in self.meetings:
            calendar = self.meeting_calendar(published, base_url)
            for event in calendar.walk("VEVENT"):
                combined.add_component(event)
            meeting = published.meeting
            first = min(first or meeting.first_day, meeting.first_day)
            last = max(last or meeting.last_day, meeting.last_day)
            modified = max(modified or published.publication.recorded_at, published.publication.recorded_at)
        if first is not None:
            # cancelled events may lie outside the current dates: cover them with a wide range
            combined.add_missing_timezones(first_date=first - timedelta(days=400), last_date=last + timedelta(days=400))
        set_feed_properties(combined, modified)
        from ..render.ics import calendar_bytes

        return calendar_bytes(combined)

    def index_language(self) -> str:
        if self.language:
            return self.language
        languages = {p.meeting.language for p in self.meetings}
        return languages.pop() if len(languages) == 1 else "en"


def _format_table() -> dict[str, tuple[str, str]]:
    """URL suffix -> (exporter name, description): the extension, or name.extension when two share one."""
    from ..render import exporter_names, get_exporter

    exporters = []
    for name in exporter_names():
        try:
            exporter = get_exporter(name)
        except Exception as exc:  # an exporter that cannot load is not offered; the rest still are
            print(f"warning: format {name} is not available ({type(exc).__name__}: {exc})", file=sys.stderr)
            continue
        exporters.append((name, exporter.extension, exporter.description))
    extension_count: dict[str, int] = {}
    for _, extension, _ in exporters:
        extension_count[extension] = extension_count.get(extension, 0) + 1
    table: dict[str, tuple[str, str]] = {}
    for name, extension, description in exporters:
        # two exporters writing one extension: the one named after it keeps the short path
        suffix = extension if extension_count[extension] == 1 or name == extension else f"{name}.{extension}"
        table[suffix] = (name, description)
    return table
