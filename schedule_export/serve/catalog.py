"""The publishable content of one folder of agenda documents: pages and calendars by URL path.

Used by both the feed server and the static site export, and free of any web
framework. Only paths built here from the documents' meetings exist: a request
path is looked up in a table, never joined to a file system path.

The folder is rescanned with ``stat`` calls only (cheap), at most once per
``min_interval`` seconds; a document is parsed again only when its size,
modification time or inode changed. Rendered bytes are cached until the
folder or the revision state changes.

Scanning and answering are apart: ``refresh`` builds the next state while
answers keep coming from the last published one, and the new state replaces
it in one step (under the answering lock, so no page mixes two states and no
answer built from the old state is cached under the new one).
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
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ScheduleExportError

if TYPE_CHECKING:
    from ..history import History, Publication
    from ..model import Meeting
    from ..render import RenderOptions
    from .eventstore import EventStore, KeptEvents

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
    digest: str = ""  # SHA-256 of the bytes read: what `schedule-export confirm` names


@dataclass(frozen=True)
class Notice:
    """Something a publisher must know about one document: a held revision, a kept version, a removal."""

    name: str
    message: str


@dataclass(frozen=True)
class PublishedMeeting:
    meeting: Meeting  # what is published: the last good version while a revision is held back
    document: DocumentState
    publication: Publication
    superseded: tuple[str, ...] = ()  # other documents of the same meeting: older revisions, other formats
    languages: tuple[tuple[str, Meeting], ...] = ()  # (language, the meeting as read in it), one per language
    held: bool = False  # a newer revision or a broken file is held back; the meeting shown is the last good one
    withdrawn: bool = False  # its document was removed: only cancelled events are published
    notices: tuple[Notice, ...] = ()
    inputs: tuple = ()  # the documents it was published from, to reuse it while they do not change

    @property
    def key(self) -> str:
        return self.publication.meeting_key

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language for language, _ in self.languages)


@dataclass(frozen=True)
class FormatLink:
    name: str
    path: str
    description: str


@dataclass
class _Snapshot:
    documents: dict[str, DocumentState] = field(default_factory=dict)
    meetings: dict[str, PublishedMeeting] = field(default_factory=dict)  # withdrawn ones included

    @property
    def needs_reevaluation(self) -> bool:
        """Held revisions wait for a confirmation or for their hold time: look at them on every rescan."""
        return any(p.held for p in self.meetings.values())


def _whole_seconds(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def valid_base_url(url: str | None) -> str | None:
    """A base URL of scheme, host, port and plain path segments, or None: it is written into pages and calendars."""
    if url is None:
        return None
    url = url.rstrip("/")
    return url if _BASE_URL.fullmatch(url) else None


@lru_cache(maxsize=1)
def reading_code() -> str:
    """A fingerprint of everything that turns a document's bytes into a meeting: this package's code and
    data, and the libraries that read and name things (CLDR through Babel, PDFium, python-docx, tzdata).
    A parsed meeting kept in the history is used again only under the same fingerprint."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for distribution in ("babel", "pypdfium2", "python-docx", "olefile", "tzdata", "pydantic"):
        try:
            digest.update(f"{distribution}={version(distribution)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{distribution}=none\0".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


class ScanStopped(ScheduleExportError):
    """The scan was stopped (the server is shutting down): what it read so far is kept for the next start."""


class Catalog:
    def __init__(
        self,
        folder: str | Path,
        history: History,
        language: str | None = None,
        min_interval: float = 1.0,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        settle: float = 0.0,
        hold_for: float | None = None,
    ) -> None:
        self.folder = Path(folder)
        # the folder's identity in a history database that several folders may share
        self.folder_id = str(self.folder.resolve())
        self.history = history
        self.language = language
        self.min_interval = min_interval
        self.clock = clock
        self.settle = settle
        self.hold_for = hold_for
        # _lock guards answering (the caches, and the snapshot they are built from); _scan_lock one scan at a time.
        # A scan holds _lock only to put its result in place: answers wait for a scan only where they read the
        # history itself (changelogs, the Atom feed), whose connection a scan's transaction holds.
        self._lock = threading.RLock()
        self._scan_lock = threading.Lock()
        self._stopping = threading.Event()
        # set once the first scan is complete (see refresh): before, what is published may lack documents
        self.ready = threading.Event()
        # (files looked at, files in the folder) of the scan under way: the index tells how far the first one is
        self.progress: tuple[int, int] = (0, 0)
        self._snapshot = _Snapshot()
        self._scanned_at = float("-inf")
        self._first_scan_at: float | None = None
        self._publications_at = datetime.min.replace(tzinfo=timezone.utc)
        self._cache: dict[tuple[str, str | None], Resource] = {}
        # (meeting key, base URL) -> (the PublishedMeeting, its events' bytes, years per TZID), for all.ics
        self._events_cache: dict[tuple[str, str | None], tuple[PublishedMeeting, bytes, dict[str, tuple[int, int]]]] = {}
        # event bytes kept in the history database across restarts, loaded once per base URL
        self._event_store: EventStore | None = None
        self._stored_events: dict[str | None, dict[str, KeptEvents]] = {}
        self._last_seen: dict[str, tuple[str, datetime]] = {}  # path -> (etag, when that content appeared)
        self._changing: dict[str, tuple[tuple[int, int, int] | None, float]] = {}  # name -> (signature, first seen)
        self._told: set[tuple[str, str]] = set()  # notices already written to the log
        self._formats = _format_table()

    # -- scanning ----------------------------------------------------------------------------------------

    def needs_refresh(self) -> bool:
        return time.monotonic() - self._scanned_at >= self.min_interval

    @property
    def settling(self) -> bool:
        """True while a document is still changing (or just disappeared) and waits for the settle time."""
        return bool(self._changing)

    def refresh(self, force: bool = False) -> bool:
        """Rescan the folder if the minimum interval has passed; True when what is published changed.

        A scan's writes to the history are one transaction (one commit, not one per meeting). Answers
        are not held up meanwhile: they come from the state published before until this one is complete.
        Raises ``ScanStopped`` when ``stop`` is called during the scan (what was read is kept).
        """
        with self._scan_lock:
            if not force and not self.needs_refresh():
                return False
            if self._first_scan_at is None:
                self._first_scan_at = time.monotonic()
            with self.history.batch():
                scanned = self._rescan()
            # published only once the batch is committed: the history's lock is free again before the answering
            # lock is taken (an answer reading the history holds them in the other order)
            if scanned is not None:
                snapshot, changed = scanned
                with self._lock:  # the new state and the end of the old one's cache in one step
                    self._snapshot = snapshot
                    if changed:
                        self._cache.clear()
                self._log_notices()
            # complete once no document just written waits to settle (files copied in just before a start), or
            # once the settle time has passed since the first scan: a file that never stops changing waits alone
            if not self._changing or time.monotonic() - self._first_scan_at >= self.settle:
                self.ready.set()
            return scanned is not None and scanned[1]

    def _rescan(self) -> tuple[_Snapshot, bool] | None:
        """The next state and whether it differs from the published one; None when nothing needs publishing."""
        self._scanned_at = time.monotonic()
        old = self._snapshot
        documents = self._scan(old.documents)
        now = self.clock()
        recheck = now - self._publications_at >= PUBLICATION_RECHECK
        if documents == old.documents and not recheck and not old.needs_reevaluation:
            return None
        meetings = self._publish(documents, old.meetings, force_publications=recheck)
        if recheck:
            self._publications_at = now
        return _Snapshot(documents, meetings), documents != old.documents or meetings != old.meetings

    def stop(self) -> None:
        """Make a scan under way stop at the next document; later scans stop at once."""
        self._stopping.set()

    def _log_notices(self) -> None:
        for notice in self.notices:
            if (notice.name, notice.message) not in self._told:
                self._told.add((notice.name, notice.message))
                print(f"warning: {notice.name}: {notice.message}", file=sys.stderr, flush=True)

    def _settled(self, name: str, signature: tuple[int, int, int] | None, mtime: float | None) -> bool:
        """Whether a changed (or vanished) document has stopped changing: never read a file half-written."""
        if self.settle <= 0:
            return True
        if mtime is not None and time.time() - mtime >= self.settle:
            return True  # not modified for the settle time already (a restart, a site build)
        now = time.monotonic()
        seen = self._changing.get(name)
        if seen is None or seen[0] != signature:
            self._changing[name] = (signature, now)
            return False
        if now - seen[1] >= self.settle:
            del self._changing[name]
            return True
        return False

    def _scan(self, known: dict[str, DocumentState]) -> dict[str, DocumentState]:
        found: dict[str, DocumentState] = {}
        try:
            entries = list(os.scandir(self.folder))
        except OSError as exc:
            print(f"error: {self.folder}: cannot be listed ({exc.strerror or exc})", file=sys.stderr)
            return dict(known)
        listed: set[str] = set()
        self.progress = (0, len(entries))
        for position, entry in enumerate(entries):
            if self._stopping.is_set():
                raise ScanStopped(f"{self.folder}: the scan was stopped")
            self.progress = (position, len(entries))
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
            if not _printable_name(name):
                # a name that is not UTF-8 can be neither shown nor stored: say so under a name that can
                shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                found[shown] = DocumentState(shown, signature, datetime.fromtimestamp(info.st_mtime, timezone.utc),
                                             error="the file name is not valid UTF-8; rename the file")
                continue
            listed.add(name)
            previous = known.get(name)
            if previous is not None and previous.signature == signature:
                found[name] = previous
                self._changing.pop(name, None)
                continue
            if not self._settled(name, signature, info.st_mtime):
                if previous is not None:
                    found[name] = previous  # the last state stands until the file stops changing
                continue
            found[name] = self._load(name, signature, datetime.fromtimestamp(info.st_mtime, timezone.utc))
        for name, previous in known.items():
            if name not in listed and not self._settled(name, None, None):
                found[name] = previous  # gone for less than the settle time: maybe an editor replacing it
        for name in [n for n, (signature, _) in self._changing.items() if signature is None and n in listed]:
            del self._changing[name]
        self.progress = (len(entries), len(entries))
        return found

    def _load(self, name: str, signature: tuple[int, int, int], modified: datetime) -> DocumentState:
        from ..model import Meeting
        from ..parse import parse_document
        from ..read import read_bytes

        digest = ""
        try:
            if signature[0] > MAX_DOCUMENT_BYTES:
                raise ScheduleExportError(f"is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
            fd = os.open(self.folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as handle:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
            digest = hashlib.sha256(data).hexdigest()
            known = self.history.parsed(self.folder_id, name, digest, reading_code())
            if known is not None:  # read before, by this very code: a restart does not parse everything again
                meeting_json, error = known
                if error is not None:
                    return DocumentState(name, signature, modified, error=error, digest=digest)
                return DocumentState(name, signature, modified, meeting=Meeting.model_validate_json(meeting_json), digest=digest)
            document = read_bytes(data, name, suffix=Path(name).suffix.lower())
            meeting = parse_document(document, language=None)
        except ScheduleExportError as exc:
            if digest:
                self._remember(name, digest, None, str(exc))
            return DocumentState(name, signature, modified, error=str(exc), digest=digest)
        except OSError as exc:
            return DocumentState(name, signature, modified, error=f"cannot be read ({exc.strerror or 'I/O error'})", digest=digest)
        except Exception as exc:  # one document must never take the others down
            print(f"error: {name}: internal error while reading ({type(exc).__name__}: {exc})", file=sys.stderr)
            return DocumentState(name, signature, modified, error=f"could not be read (internal error {type(exc).__name__})", digest=digest)
        self._remember(name, digest, meeting.model_dump_json(), None)
        return DocumentState(name, signature, modified, meeting=meeting, digest=digest)

    def _remember(self, name: str, digest: str, meeting_json: str | None, error: str | None) -> None:
        """Keep what reading gave for the next start; a history that cannot be written only costs a re-read."""
        from ..history import HistoryError

        try:
            self.history.remember_parsed(self.folder_id, name, digest, reading_code(), meeting_json, error)
        except HistoryError:
            pass

    # -- publishing --------------------------------------------------------------------------------------

    def _publish(
        self, documents: dict[str, DocumentState], known: dict[str, PublishedMeeting], force_publications: bool
    ) -> dict[str, PublishedMeeting]:
        """What to publish per meeting key: documents grouped by meeting, each meeting isolated from the others."""
        good: dict[str, list[DocumentState]] = {}
        for state in documents.values():
            if state.meeting is not None:
                good.setdefault(state.meeting.key, []).append(state)
        broken: dict[str, list[DocumentState]] = {}

        def set_aside(state: DocumentState) -> None:
            if state.meeting is not None and state in good.get(state.meeting.key, ()):
                good[state.meeting.key].remove(state)
                if not good[state.meeting.key]:
                    del good[state.meeting.key]

        for state in list(documents.values()):
            try:
                remembered = self.history.key_of_document(self.folder_id, state.name)
                if remembered is None:
                    continue
                if state.meeting is None:
                    broken.setdefault(remembered, []).append(state)
                elif state.meeting.key != remembered and remembered not in good and not self._accepted(state):
                    # a document that now reads as another meeting (a title cut short by a half-saved file?):
                    # its old meeting stays published, the new one waits for a confirmation
                    set_aside(state)
                    reason = f"now reads as another meeting ({state.meeting.title})"
                    broken.setdefault(remembered, []).append(replace(state, meeting=None, error=reason))
            except Exception as exc:  # noqa: BLE001 - one document must never take the others down
                print(f"error: {state.name}: could not be published ({type(exc).__name__}: {exc})", file=sys.stderr)
                set_aside(state)
                documents[state.name] = replace(state, meeting=None, error=f"could not be published (internal error {type(exc).__name__})")
        keys = set(good) | set(broken) | set(self.history.keys_of_folder(self.folder_id))
        meetings: dict[str, PublishedMeeting] = {}
        for key in sorted(keys):
            states = sorted(good.get(key, ()), key=_recency, reverse=True)
            failing = tuple(sorted(broken.get(key, ()), key=lambda s: s.name))
            previous = known.get(key)
            inputs = (tuple(states), failing)
            try:
                if previous is not None and previous.inputs == inputs and not previous.held and not force_publications:
                    published = previous
                elif states:
                    published = self._publish_documents(key, states, failing, inputs)
                elif failing:
                    published = self._keep_last_good(key, failing, inputs)
                elif self.settling:
                    # a document still being written may be this meeting's: decide once it has settled
                    published = previous
                else:
                    published = self._withdraw(key, inputs)
            except Exception as exc:  # noqa: BLE001 - one meeting, whatever fails in it, must never take the others down
                reason = str(exc) if isinstance(exc, ScheduleExportError) else f"internal error {type(exc).__name__}"
                for state in states:
                    print(f"error: {state.name}: could not be published ({type(exc).__name__}: {exc})", file=sys.stderr)
                    documents[state.name] = replace(state, meeting=None, error=f"could not be published ({reason})")
                published = previous  # what was published before stays, if anything was
            if published is not None:
                meetings[key] = published
        return dict(sorted(meetings.items(), key=lambda item: (item[1].meeting.first_day, item[1].meeting.title)))

    def _accepted(self, state: DocumentState) -> bool:
        """A held document is published once confirmed, or once unchanged for ``hold_for`` seconds."""
        if state.digest and self.history.is_confirmed(self.folder_id, state.name, state.digest):
            return True
        since = self.history.held_since(self.folder_id, state.name, state.digest or f"unreadable:{state.signature}")
        return self.hold_for is not None and (self.clock() - since).total_seconds() >= self.hold_for

    def _confirm_hint(self, name: str) -> str:
        hint = f"schedule-export confirm {self.folder} {name}"
        if self.hold_for is not None:
            return f"confirm it with `{hint}`, or it is published after {self.hold_for:g} s unchanged"
        return f"confirm it with `{hint}`"

    def _publish_documents(
        self, key: str, states: list[DocumentState], failing: tuple[DocumentState, ...], inputs: tuple
    ) -> PublishedMeeting:
        from ..revisions import is_drastic, lost_sessions

        last_good = self.history.latest_meeting(key)
        notices = [Notice(s.name, f"could not be read ({s.error}); the other documents of this meeting are published") for s in failing]
        # documents held back: a new version that drops most of the meetings published (a half-saved file?)
        held_back: list[DocumentState] = []
        if last_good is not None:
            for state in states:
                if is_drastic(last_good, state.meeting) and not self._accepted(state):
                    held_back.append(state)
                    notices.append(Notice(state.name, (
                        f"drops {lost_sessions(last_good, state.meeting)} of the {len(last_good.sessions)} meetings published; "
                        f"held back as a possibly half-saved file, the last good version stays published until the file is "
                        f"fixed: {self._confirm_hint(state.name)}"
                    )))
            # the document the published version came from cannot be read: nothing older replaces it
            for state in failing:
                if state.name == last_good.source and not self._accepted(state):
                    held_back.append(state)
        candidates = [st for st in states if st not in held_back]
        if last_good is not None and candidates:
            # language versions of the same issue: keep publishing the language published so far, or every
            # event would change (its words) each time another language's file is touched
            tied = [st for st in candidates if _issue(st) == _issue(candidates[0])]
            same_language = [st for st in tied if st.meeting.language == last_good.language]
            if same_language:
                candidates = [same_language[0]] + [st for st in candidates if st is not same_language[0]]
        held = bool(held_back)
        keep = held and candidates and (
            _meeting_issue(candidates[0].meeting) < _meeting_issue(last_good)
            # another language's words for the same timetable: not worth changing every event while one is held
            or (candidates[0].meeting.language != last_good.language and _timetable(candidates[0].meeting) == _timetable(last_good))
        )
        if candidates and not keep:
            chosen = candidates[0]
            # the version it corrects: another document of the folder, else the one last published
            meeting = _merged_corrigendum(chosen.meeting, [s.meeting for s in states if s is not chosen] + ([last_good] if last_good else []))
            publication = self.history.record(meeting)  # refuses (and records nothing) what cannot be rendered
        else:
            # nothing at least as new as the published version can be published: it stays
            meeting = last_good
            chosen = next((st for st in states if meeting is not None and st.name == meeting.source), states[0])
            publication = self.history.publication(key)
            assert meeting is not None and publication is not None
        for state in states:
            if self.history.key_of_document(self.folder_id, state.name) != key:
                self.history.remember_document(self.folder_id, state.name, key)
        languages: dict[str, Meeting] = {meeting.language: meeting} if meeting is not chosen.meeting else {}
        for state in states:
            # a held-back version still names its language: its calendar shows the published timetable in it
            languages.setdefault(state.meeting.language, state.meeting)
        representatives = {id(m) for m in languages.values()}
        # older issues and other copies; held-back documents are told about in the notices instead
        superseded = tuple(s.name for s in states if id(s.meeting) not in representatives and s not in held_back)
        return PublishedMeeting(
            meeting, chosen, publication, superseded, tuple(sorted(languages.items())), held=held,
            notices=tuple(notices), inputs=inputs,
        )

    def _keep_last_good(self, key: str, failing: tuple[DocumentState, ...], inputs: tuple) -> PublishedMeeting | None:
        """The meeting's documents all fail to read: keep the last good version, unless the failure is confirmed."""
        if all(self._accepted(state) for state in failing):
            return self._withdraw(key, inputs, removed=False)
        last_good = self.history.latest_meeting(key)
        if last_good is None:
            return self._withdraw(key, inputs, removed=False)
        publication = self.history.publication(key)
        assert publication is not None
        notices = tuple(
            Notice(state.name, f"{state.error}; the version published on {publication.recorded_at:%Y-%m-%d %H:%M} UTC stays published"
                   f" until the file is fixed; to cancel its meetings instead, {self._confirm_hint(state.name)}")
            for state in failing
        )
        document = replace(failing[0], meeting=last_good, error=None)
        return PublishedMeeting(
            last_good, document, publication, languages=((last_good.language, last_good),), held=True, notices=notices, inputs=inputs,
        )

    def _withdraw(self, key: str, inputs: tuple, removed: bool = True) -> PublishedMeeting | None:
        """No document of the meeting is left: its events are published as cancelled for the retention period."""
        publication = self.history.publication(key)
        if publication is None:
            return None
        if not publication.withdrawn:
            latest = self.history.versions(key)[-1]
            publication = self.history.withdraw(key, latest.source)
            assert publication is not None
        if not publication.cancelled:
            return None  # every cancellation has expired: the meeting is no longer published at all
        meeting = self.history.meeting_of(key, publication.version)
        until = max(max(e.ends_at, e.last_modified) for e in publication.cancelled) + self.history.retention
        why = "was removed" if removed else "cannot be read and its removal was confirmed"
        notice = Notice(meeting.source, f"{why}: its meetings are published as cancelled until {until:%Y-%m-%d}")
        document = DocumentState(meeting.source, (0, 0, 0), publication.recorded_at, meeting=meeting)
        return PublishedMeeting(meeting, document, publication, withdrawn=True, notices=(notice,), inputs=inputs)

    # -- what exists -------------------------------------------------------------------------------------

    @property
    def meetings(self) -> tuple[PublishedMeeting, ...]:
        """Meetings with a document: the index lists these."""
        return tuple(p for p in self._snapshot.meetings.values() if not p.withdrawn)

    @property
    def published(self) -> tuple[PublishedMeeting, ...]:
        """Every meeting with a calendar, those of removed documents (all cancelled) included."""
        return tuple(self._snapshot.meetings.values())

    @property
    def errors(self) -> tuple[DocumentState, ...]:
        return tuple(sorted((d for d in self._snapshot.documents.values() if d.error), key=lambda d: d.name))

    @property
    def notices(self) -> tuple[Notice, ...]:
        """Held revisions, kept versions and removed documents, for the index and the log."""
        return tuple(sorted((n for p in self._snapshot.meetings.values() for n in p.notices), key=lambda n: (n.name, n.message)))

    def formats_of(self, key: str) -> tuple[FormatLink, ...]:
        return tuple(FormatLink(name, f"/meetings/{key}.{suffix}", description) for suffix, (name, description) in self._formats.items())

    def language_calendar_path(self, key: str, language: str) -> str:
        return f"/meetings/{key}.{language}.ics"

    def paths(self) -> tuple[str, ...]:
        """Every path the catalog answers, for the static export."""
        from ..lang import available_languages

        result = ["/index.html", f"/{COMBINED_CALENDAR}", ATOM_FEED]
        result += [f"/index.{code}.html" for code in available_languages()]
        for published in self.published:
            if published.withdrawn:
                result.append(f"/meetings/{published.key}.ics")
            else:
                result.extend(link.path for link in self.formats_of(published.key))
                result.extend(self.language_calendar_path(published.key, language) for language in published.language_codes)
                result.extend(f"/meetings/{published.key}.{body}.ics" for body in self.body_ids(published))
            result.append(f"/meetings/{published.key}/changes.html")
            result += [f"/meetings/{published.key}/changes.{code}.html" for code in available_languages()]
        return tuple(dict.fromkeys(result))  # a body's calendar and a language's may share a name: written once

    # -- answering ---------------------------------------------------------------------------------------

    def cached(self, path: str, base_url: str | None = None) -> Resource | None:
        return self._cache.get((path, base_url))

    def resource(self, path: str, base_url: str | None = None, cacheable: bool = True) -> Resource | None:
        """The bytes published at a URL path, or None when nothing is published there."""
        with self._lock:
            cached = self._cache.get((path, base_url))
            if cached is not None:
                return cached
            produced = self._produce(path, base_url, cacheable)
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

    def _produce(self, path: str, base_url: str | None, cacheable: bool = True) -> tuple[bytes, str, datetime] | None:
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
            return self.combined_calendar(base_url, keep=cacheable), "text/calendar; charset=utf-8", origin
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
        suffix = match["suffix"]
        language, _, extension = suffix.partition(".")
        if extension == "ics" and language in published.language_codes:
            return calendar_bytes(self.language_calendar(published, language, base_url)), "text/calendar; charset=utf-8", origin
        entry = self._formats.get(suffix)
        if entry is None:
            body = match["suffix"].removesuffix(".ics")
            if body != match["suffix"] and body in self.body_ids(published):
                return calendar_bytes(self.body_calendar(published, base_url, body)), "text/calendar; charset=utf-8", origin
            return None
        name = entry[0]
        if name == "ics":
            return calendar_bytes(self.meeting_calendar(published, base_url)), "text/calendar; charset=utf-8", origin
        if published.withdrawn:
            return None  # a removed document has only its calendar of cancellations and its changelog
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

        calendar = build_calendar(published.meeting, self.render_options(base_url))
        if published.withdrawn:
            # nothing of the meeting is current any more: only the cancellations the history adds are published
            calendar.subcomponents[:] = [c for c in calendar.subcomponents if c.name != "VEVENT"]
        return self._finish(apply_publication(calendar, published.publication), f"/meetings/{published.key}.ics", base_url)

    def language_calendar(self, published: PublishedMeeting, language: str, base_url: str | None):
        """The meeting's calendar in one of the languages it was published in, with the same events and UIDs.

        The document read in that language is used when its timetable is the published one, session for
        session; otherwise (a language version not yet revised) the published timetable is written in that
        language, so that no calendar ever shows times that are no longer current.
        """
        from ..history import apply_publication
        from ..render import RenderOptions
        from ..render.ics import build_calendar
        from ..render.labels import session_uid

        primary = published.meeting
        version = dict(published.languages).get(language)
        if version is None:
            calendar = build_calendar(primary, RenderOptions(language=language, base_url=base_url))
        else:
            if _timetable(version) != _timetable(primary):
                version = _with_timetable_of(version, primary)
            calendar = build_calendar(version, self.render_options(base_url))
            # the same sessions, index for index: give them the published meeting's UIDs, whatever their bodies are called
            renamed = {session_uid(version, s): session_uid(primary, p) for s, p in zip(version.sessions, primary.sessions)}
            for event in calendar.walk("VEVENT"):
                uid = str(event["UID"])
                if uid in renamed:
                    event.pop("UID")
                    event.add("UID", renamed[uid])
        return self._finish(
            apply_publication(calendar, published.publication), self.language_calendar_path(published.key, language), base_url,
        )

    def _finish(self, calendar, path: str, base_url: str | None):
        if base_url:
            calendar.pop("URL", None)
            calendar.add("URL", f"{base_url}{path}")
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
        from ..render.labels import body_id

        meeting = published.meeting
        options = RenderOptions(base_url=base_url, extra={"body": body})
        calendar = apply_publication(build_calendar(meeting, options), published.publication)
        plenary = load_pack(meeting.language).label("plenary")
        names = {b or plenary for b in meeting.bodies if body_id(meeting, b) == body}
        calendar.subcomponents = [
            c for c in calendar.subcomponents if c.name != "VEVENT" or (c.categories and str(c.categories[0]) in names)
        ]
        if base_url:
            calendar.pop("URL", None)
            calendar.add("URL", f"{base_url}/meetings/{published.key}.{body}.ics")
        return calendar

    def combined_calendar(self, base_url: str | None, keep: bool = True) -> bytes:
        """Every published meeting's events, each meeting's kept as bytes until it is published anew.

        The same bytes as building one icalendar Calendar of all the events and serialising it: the
        calendar's own lines (icalendar), one VTIMEZONE per zone over every year its events fall in
        (before the events, sorted by TZID, as ``set_timezones`` places them), then the events.
        With ``keep``, bytes built anew are also kept in the history database for the next start.
        """
        from icalendar import Calendar

        from ..history import set_feed_properties
        from ..render.ics import PRODID, calendar_bytes, vtimezone_bytes
        from . import pages

        labels = pages.labels_for(self.index_language())
        combined = Calendar.new(prodid=PRODID, name=labels["all_meetings"], method="PUBLISH", calscale="GREGORIAN", uid="all-meetings@schedule-export")
        if base_url:
            combined.add("URL", f"{base_url}/{COMBINED_CALENDAR}")
        modified = None
        events: list[bytes] = []
        years: dict[str, tuple[int, int]] = {}
        for published in self.published:
            try:
                data, spans = self._meeting_events(published, base_url, keep)
            except Exception as exc:  # noqa: BLE001 - one meeting that cannot be rendered must not empty the combined calendar
                print(f"error: {published.document.name}: its calendar cannot be rendered ({type(exc).__name__}: {exc})", file=sys.stderr)
                continue
            events.append(data)
            for tzid, (first, last) in spans.items():
                low, high = years.get(tzid, (first, last))
                years[tzid] = (min(low, first), max(high, last))
            modified = max(modified or published.publication.recorded_at, published.publication.recorded_at)
        set_feed_properties(combined, modified)
        head = calendar_bytes(combined)
        end = b"END:VCALENDAR\r\n"
        timezones = b"".join(vtimezone_bytes(tzid, years[tzid][0], years[tzid][1]) for tzid in sorted(years))
        return head[: -len(end)] + timezones + b"".join(events) + end

    def _meeting_events(
        self, published: PublishedMeeting, base_url: str | None, keep: bool = True,
    ) -> tuple[bytes, dict[str, tuple[int, int]]]:
        """A meeting's VEVENTs as folded bytes and, per TZID, the years their times fall in; kept while it is published as is.

        In memory they are found by the very ``PublishedMeeting``; in the history database (a restart) by a
        digest of what they are built from, so that bytes of another version or another code are never used.
        """
        from ..render.ics import content_lines, fold_line
        from ..render.vtimezone import calendar_years
        from .eventstore import KeptEvents, content_digest

        cache_key = (published.key, base_url)
        kept = self._events_cache.get(cache_key)
        if kept is not None and kept[0] is published:
            return kept[1], kept[2]
        if len(self._events_cache) > 4 * len(self._snapshot.meetings) + 64:  # meetings gone for good
            self._events_cache.clear()
        digest = content_digest(published, base_url)
        stored = self._stored_events_for(base_url).get(published.key) if keep else None
        if stored is not None and stored.content == digest:
            self._events_cache[cache_key] = (published, stored.events, stored.years)
            return stored.events, stored.years
        calendar = self.meeting_calendar(published, base_url)
        data = b"".join(
            fold_line(line) + b"\r\n" for event in calendar.walk("VEVENT") for line in content_lines(event)
        )
        spans = calendar_years(calendar)
        self._events_cache[cache_key] = (published, data, spans)
        if keep:
            built = KeptEvents(digest, data, spans)
            self._stored_events_for(base_url)[published.key] = built
            self.event_store.keep(published.key, base_url, built)
        return data, spans

    @property
    def event_store(self) -> EventStore:
        """Event bytes in the history's database file; opened on first use (``confirm`` never needs it)."""
        from .eventstore import EventStore

        if self._event_store is None:
            self._event_store = EventStore(self.history.path)
        return self._event_store

    def _stored_events_for(self, base_url: str | None) -> dict[str, KeptEvents]:
        """What the history database keeps for this base URL, read in one query the first time it is needed."""
        stored = self._stored_events.get(base_url)
        if stored is None:
            stored = self._stored_events[base_url] = self.event_store.load(base_url)
        return stored

    def save_events(self) -> None:
        """Write event bytes built since the last call to the history database. Call it from the thread that
        scans, outside a scan: the scan is the history's one writer, so this never waits on its transaction."""
        if self._event_store is not None:
            # once a scan is complete, what it publishes is every meeting whose events may be asked for again
            published = self._snapshot.meetings.keys() if self.ready.is_set() else None
            self._event_store.save(published)

    def close(self) -> None:
        """Save what is kept for the next start and close the history."""
        if self._event_store is not None:
            self._event_store.close()
        self.history.close()

    def index_language(self) -> str:
        if self.language:
            return self.language
        languages = {p.meeting.language for p in self.meetings}
        return languages.pop() if len(languages) == 1 else "en"


def _printable_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _timetable(meeting: Meeting) -> tuple:
    """What makes two language versions the same timetable: instants, ordinals and items, not the words."""
    return tuple(
        (session.start.timestamp(), session.end.timestamp(), session.ordinal, tuple(ref.key for ref in session.items))
        for session in meeting.sessions
    )


def _meeting_issue(meeting: Meeting) -> tuple:
    """Which issue of the meeting's document this is: Rev.N, then Corr.N, then the document's date."""
    from ..revisions import revision_rank

    return (revision_rank(meeting.symbol), meeting.document_date or meeting.first_day)


def _issue(state: DocumentState) -> tuple:
    assert state.meeting is not None
    return _meeting_issue(state.meeting)


def _with_timetable_of(version: Meeting, published: Meeting) -> Meeting:
    """A language version not yet revised, given the published timetable: its words, the published times.

    Items are named from the version's own agenda (in its language); what only the published version says
    (a new item's title, notes) stays as it is written there.
    """
    sessions = tuple(
        session.model_copy(update={
            "items": tuple(ref.model_copy(update={"title": ""}) if version.item(ref.number, ref.letter) else ref for ref in session.items),
        })
        for session in published.sessions
    )
    return version.model_copy(update={"sessions": sessions, "deadlines": published.deadlines})


def _recency(state: DocumentState) -> tuple:
    """Order of the documents of one meeting: the latest issue first; among equals the file written last."""
    return (*_issue(state), state.signature[1], state.name)


def _merged_corrigendum(chosen: Meeting, older: list[Meeting]) -> Meeting:
    """A corrigendum that reissues only the annex: its timetable, with the agenda and the rest of the version it corrects."""
    if chosen.agenda or "/Corr." not in (chosen.symbol or ""):
        return chosen
    complete = [m for m in older if m.agenda]
    if not complete:
        return chosen
    base = next((m for m in complete if m.language == chosen.language), complete[0])
    return base.model_copy(update={
        "sessions": chosen.sessions,
        "symbol": chosen.symbol,
        "document_date": chosen.document_date or base.document_date,
        "source": chosen.source,
        "findings": base.findings + chosen.findings,
    })


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
