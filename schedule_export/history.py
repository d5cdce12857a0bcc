"""Published versions of each meeting, kept in SQLite, and the revision state they give calendars.

Every time a meeting's content changes (a revised document), a version is
recorded with, per calendar event, the UID it is published under, its
SEQUENCE and LAST-MODIFIED. A changed event keeps its UID and gets a higher
SEQUENCE; an event that disappears stays in the calendar as STATUS:CANCELLED
for a while, so subscribers' clients remove it rather than keep a stale copy.
The calendar itself always comes from ``render.ics.build_calendar``; this
module only rewrites UIDs and adds the revision properties afterwards.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ScheduleExportError

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from .model import Meeting, Session

# A cancelled event is kept until this long after it ended or was cancelled, whichever is later.
DEFAULT_RETENTION = timedelta(days=30)
REFRESH_INTERVAL = timedelta(hours=1)
# Properties that say when or how an event was published, not what it is: they do not count as a change.
_REVISION_PROPERTIES = frozenset({"UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "CREATED"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    meeting_key TEXT NOT NULL,
    number INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    meeting_json TEXT NOT NULL,
    UNIQUE (meeting_key, number)
);
CREATE TABLE IF NOT EXISTS events (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    uid TEXT NOT NULL,
    natural_uid TEXT,
    session_index INTEGER,
    status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
    sequence INTEGER NOT NULL,
    last_modified TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    vevent TEXT NOT NULL,
    session_json TEXT,
    PRIMARY KEY (version_id, uid)
);
CREATE TABLE IF NOT EXISTS documents (
    folder TEXT NOT NULL,
    name TEXT NOT NULL,
    meeting_key TEXT NOT NULL,
    PRIMARY KEY (folder, name)
);
CREATE TABLE IF NOT EXISTS folder_meetings (
    folder TEXT NOT NULL,
    meeting_key TEXT NOT NULL,
    PRIMARY KEY (folder, meeting_key)
);
CREATE TABLE IF NOT EXISTS parsed (
    folder TEXT NOT NULL,
    name TEXT NOT NULL,
    digest TEXT NOT NULL,
    code TEXT NOT NULL,
    meeting_json TEXT,
    error TEXT,
    PRIMARY KEY (folder, name)
);
CREATE TABLE IF NOT EXISTS site_files (
    output TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (output, path)
);
CREATE TABLE IF NOT EXISTS confirmations (
    folder TEXT NOT NULL,
    name TEXT NOT NULL,
    digest TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (folder, name, digest)
);
CREATE TABLE IF NOT EXISTS held (
    folder TEXT NOT NULL,
    name TEXT NOT NULL,
    digest TEXT NOT NULL,
    since TEXT NOT NULL,
    PRIMARY KEY (folder, name, digest)
);
CREATE TABLE IF NOT EXISTS changes (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    position INTEGER NOT NULL,
    uid TEXT NOT NULL,
    kind TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    PRIMARY KEY (version_id, position)
);
"""


# id, number, recorded_at, fingerprint, meeting_json of a stored version
_VersionRow = tuple[int, int, str, str, str]


class HistoryError(ScheduleExportError):
    """The history database cannot be opened or written."""


@dataclass(frozen=True)
class EventState:
    uid: str
    natural_uid: str | None
    session_index: int | None
    cancelled: bool
    sequence: int
    last_modified: datetime
    fingerprint: str
    ends_at: datetime
    vevent: str
    session_json: str | None = None  # the session itself, so that a cancelled one can be recognised if it comes back


@dataclass(frozen=True)
class EventSnapshot:
    """An event as the changelog tells it: when, what, which body."""

    start: datetime | date
    end: datetime | date
    summary: str
    body: str | None = None
    items: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "summary": self.summary, "body": self.body, "items": list(self.items)}

    @classmethod
    def from_json(cls, data: dict) -> EventSnapshot:
        def moment(text: str) -> datetime | date:
            return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)

        return cls(moment(data["start"]), moment(data["end"]), data["summary"], data.get("body"), tuple(data.get("items", ())))


@dataclass(frozen=True)
class Change:
    uid: str
    kind: str  # new / cancelled / moved / changed
    before: EventSnapshot | None
    after: EventSnapshot | None


@dataclass(frozen=True)
class Version:
    meeting_key: str
    number: int
    recorded_at: datetime
    source: str
    changes: tuple[Change, ...] = ()
    withdrawn: bool = False  # the document was removed: every event of the meeting is cancelled
    symbol: str | None = None  # the document's own symbol, with its /Rev.N, /Corr.N or reissue mark
    document_date: date | None = None


@dataclass(frozen=True)
class Publication:
    """What a calendar of one meeting version must say beyond ``build_calendar``."""

    meeting_key: str
    version: int
    recorded_at: datetime
    active: dict[str, EventState]  # natural UID -> state of the event published for it
    cancelled: tuple[EventState, ...] = field(default=())
    withdrawn: bool = False  # the meeting's document was removed: only cancelled events remain

    @property
    def fingerprint(self) -> str:
        """Changes whenever the published calendar would: new version or a cancellation expiring."""
        parts = [self.meeting_key, str(self.version)] + [f"{e.uid}:{e.sequence}" for e in self.cancelled]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def meeting_fingerprint(meeting: Meeting) -> str:
    """Identity of a version's content: the file name and the findings do not make a new version."""
    text = meeting.model_dump_json(exclude={"source", "findings"})
    return hashlib.sha256(text.encode()).hexdigest()


def event_fingerprint(event: Event) -> str:
    kept = sorted(
        (name, value.to_ical() if hasattr(value, "to_ical") else str(value).encode(), str(getattr(value, "params", "")))
        for name, value in event.property_items(recursive=False)
        if name not in _REVISION_PROPERTIES and name not in ("BEGIN", "END")
    )
    return hashlib.sha256(repr(kept).encode()).hexdigest()


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


def _parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def _event_end(event: Event, meeting: Meeting) -> datetime:
    end = event.get("DTEND") or event.get("DTSTART")
    value = end.dt
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc)
    return datetime.combine(value, time(0, 0), tzinfo=meeting.zone).astimezone(timezone.utc)


def snapshot_of_event(event: Event) -> EventSnapshot:
    start = event["DTSTART"].dt
    end = event["DTEND"].dt if event.get("DTEND") else start
    return EventSnapshot(start, end, str(event.get("SUMMARY", "")))


def snapshot_of_session(meeting: Meeting, session: Session) -> EventSnapshot:
    from .render.labels import item_label

    # "+" marks an item continued from an earlier meeting; pages write it out in their language
    items = tuple(dict.fromkeys(item_label(ref.number, ref.letter) + ("+" if ref.continued else "") for ref in session.items))
    return EventSnapshot(meeting.local(session.start), meeting.local(session.end), "", session.body, items)


class History:
    """Versions of meetings in one SQLite file; safe to share between threads of one process."""

    def __init__(
        self,
        path: str | Path,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        retention: timedelta = DEFAULT_RETENTION,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.retention = retention
        self._lock = threading.RLock()
        self._batch_depth = 0  # > 0 inside batch(): writes are savepoints of its one transaction
        self._savepoints = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(events)")}
            if "session_json" not in columns:  # databases written before sessions were kept
                self._db.execute("ALTER TABLE events ADD COLUMN session_json TEXT")
            version_columns = {row[1] for row in self._db.execute("PRAGMA table_info(versions)")}
            if "withdrawn" not in version_columns:  # databases written before removed documents were followed
                self._db.execute("ALTER TABLE versions ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0")
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"{self.path}: cannot open the history database ({exc})") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Every write made inside is part of one transaction: one commit (one fsync) for a whole scan.

        Each write stays atomic on its own (a savepoint, rolled back alone when it fails), and what
        was written is committed even when an error ends the batch, as separate transactions would
        have left it. Other threads wait for the batch to end (the connection is shared).
        """
        with self._lock:
            if self._batch_depth:
                self._batch_depth += 1
                try:
                    yield
                finally:
                    self._batch_depth -= 1
                return
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise HistoryError(f"{self.path}: cannot write the history database ({exc})") from None
            self._batch_depth = 1
            try:
                yield
            finally:
                self._batch_depth = 0
                try:
                    self._db.execute("COMMIT")
                except sqlite3.Error as exc:
                    raise HistoryError(f"{self.path}: cannot write the history database ({exc})") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self._batch_depth:
            with self._lock:
                yield from self._savepoint()
            return
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise HistoryError(f"{self.path}: cannot write the history database ({exc})") from None

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        self._savepoints += 1
        name = f"write_{self._savepoints}"
        try:
            self._db.execute(f"SAVEPOINT {name}")
            try:
                yield self._db
            except BaseException:
                self._db.execute(f"ROLLBACK TO {name}")
                self._db.execute(f"RELEASE {name}")
                raise
            self._db.execute(f"RELEASE {name}")
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: cannot write the history database ({exc})") from None

    # -- documents already parsed --------------------------------------------------------------------------

    def parsed(self, folder: str, name: str, digest: str, code: str) -> tuple[str | None, str | None] | None:
        """(meeting JSON, error) of a document read before with this content and this code, else None."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT meeting_json, error FROM parsed WHERE folder = ? AND name = ? AND digest = ? AND code = ?",
                    (folder, name, digest, code),
                ).fetchone()
        except sqlite3.Error:  # a history that cannot be read only costs reading the document again
            return None
        return (row[0], row[1]) if row else None

    def remember_parsed(self, folder: str, name: str, digest: str, code: str, meeting_json: str | None, error: str | None) -> None:
        """What reading a document gave (its meeting, or why it was refused); one row per document, the latest."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO parsed (folder, name, digest, code, meeting_json, error) VALUES (?, ?, ?, ?, ?, ?)",
                (folder, name, digest, code, meeting_json, error),
            )

    # -- reading -----------------------------------------------------------------------------------------

    def _latest(self, db: sqlite3.Connection, key: str) -> _VersionRow | None:
        return db.execute(
            "SELECT id, number, recorded_at, fingerprint, meeting_json FROM versions WHERE meeting_key = ? ORDER BY number DESC LIMIT 1",
            (key,),
        ).fetchone()

    def _events(self, db: sqlite3.Connection, version_id: int) -> list[EventState]:
        rows = db.execute(
            "SELECT uid, natural_uid, session_index, status, sequence, last_modified, fingerprint, ends_at, vevent, session_json"
            " FROM events WHERE version_id = ? ORDER BY rowid",
            (version_id,),
        ).fetchall()
        return [
            EventState(uid, natural, index, status == "cancelled", sequence, _parse_utc(modified), fp, _parse_utc(ends), vevent, session)
            for uid, natural, index, status, sequence, modified, fp, ends, vevent, session in rows
        ]

    def publication(self, key: str, now: datetime | None = None) -> Publication | None:
        """The revision state of the latest version of a meeting, without cancellations that have expired."""
        now = now or self.clock()
        with self._lock:
            latest = self._latest(self._db, key)
            if latest is None:
                return None
            version_id, number, recorded_at, _, _ = latest
            events = self._events(self._db, version_id)
            withdrawn = self._is_withdrawn(self._db, version_id)
        active = {e.natural_uid or e.uid: e for e in events if not e.cancelled}
        cancelled = tuple(e for e in events if e.cancelled and self._still_shown(e, now))
        return Publication(key, number, _parse_utc(recorded_at), active, cancelled, withdrawn)

    def _is_withdrawn(self, db: sqlite3.Connection, version_id: int) -> bool:
        return bool(db.execute("SELECT withdrawn FROM versions WHERE id = ?", (version_id,)).fetchone()[0])

    def latest_meeting(self, key: str) -> Meeting | None:
        """The meeting as last published, or None when it was never published or its document was removed."""
        from .model import Meeting

        with self._lock:
            latest = self._latest(self._db, key)
            if latest is None or self._is_withdrawn(self._db, latest[0]):
                return None
        return Meeting.model_validate_json(latest[4])

    def _still_shown(self, event: EventState, now: datetime) -> bool:
        return now < max(event.ends_at, event.last_modified) + self.retention

    def versions(self, key: str) -> tuple[Version, ...]:
        """Every recorded version of a meeting, oldest first, with what changed in each."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, number, recorded_at, source, withdrawn, json_extract(meeting_json, '$.symbol'),"
                " json_extract(meeting_json, '$.document_date') FROM versions WHERE meeting_key = ? ORDER BY number",
                (key,),
            ).fetchall()
            result = []
            for version_id, number, recorded_at, source, withdrawn, symbol, document_date in rows:
                changes = tuple(
                    Change(
                        uid,
                        kind,
                        EventSnapshot.from_json(json.loads(before)) if before else None,
                        EventSnapshot.from_json(json.loads(after)) if after else None,
                    )
                    for uid, kind, before, after in self._db.execute(
                        "SELECT uid, kind, before_json, after_json FROM changes WHERE version_id = ? ORDER BY position", (version_id,)
                    )
                )
                day = date.fromisoformat(document_date) if document_date else None
                result.append(Version(key, number, _parse_utc(recorded_at), source, changes, bool(withdrawn), symbol, day))
        return tuple(result)

    def meeting_of(self, key: str, number: int) -> Meeting:
        from .model import Meeting

        with self._lock:
            row = self._db.execute("SELECT meeting_json FROM versions WHERE meeting_key = ? AND number = ?", (key, number)).fetchone()
        if row is None:
            raise HistoryError(f"no version {number} of {key}")
        return Meeting.model_validate_json(row[0])

    # -- recording ---------------------------------------------------------------------------------------

    def record(self, meeting: Meeting) -> Publication:
        """Record the meeting as a new version if its content differs from the latest one; return its state."""
        fingerprint = meeting_fingerprint(meeting)
        with self._transaction() as db:
            latest = self._latest(db, meeting.key)
            if latest is None or latest[3] != fingerprint:
                self._record_version(db, meeting, fingerprint, latest)
        publication = self.publication(meeting.key)
        assert publication is not None
        return publication

    def withdraw(self, key: str, source: str) -> Publication | None:
        """Record that a meeting's document was removed: every event still published becomes STATUS:CANCELLED.

        The cancellations stay published for the retention period, like those of a removed session, so that
        subscribers' clients drop the events instead of keeping them forever. If the document comes back, its
        sessions get their UIDs back (see ``_record_version``). None when the meeting was never recorded.
        """
        from .model import Meeting, Session

        with self._transaction() as db:
            latest = self._latest(db, key)
            if latest is None:
                return None
            if not self._is_withdrawn(db, latest[0]):
                now = self._next_moment(latest)
                previous = Meeting.model_validate_json(latest[4])
                rows: list[EventState] = []
                changes: list[Change] = []
                for event in self._events(db, latest[0]):
                    if event.cancelled:
                        if self._still_shown(event, now):
                            rows.append(event)
                        continue
                    rows.append(EventState(
                        event.uid, event.natural_uid, None, True, event.sequence + 1, now, event.fingerprint, event.ends_at,
                        event.vevent, event.session_json,
                    ))
                    if event.session_json:
                        before = snapshot_of_session(previous, Session.model_validate_json(event.session_json))
                    else:
                        before = snapshot_of_event(_parse_event(event.vevent))
                    changes.append(Change(event.uid, "cancelled", before, None))
                # the stored meeting keeps its name and dates for the calendar's header, but no longer has a timetable
                emptied = previous.model_copy(update={"sessions": (), "deadlines": (), "source": source})
                self._insert_version(db, key, emptied, "withdrawn", latest[1] + 1, now, rows, changes, withdrawn=True)
        return self.publication(key)

    def _next_moment(self, latest: _VersionRow | None) -> datetime:
        # whole seconds, as calendars write them; a new version is always strictly later than the one before
        now = self.clock().astimezone(timezone.utc).replace(microsecond=0)
        if latest and now <= _parse_utc(latest[2]):
            now = _parse_utc(latest[2]) + timedelta(seconds=1)
        return now

    # -- documents of a folder ---------------------------------------------------------------------------

    def remember_document(self, folder: str, name: str, key: str) -> None:
        """Which meeting a document of a folder was last published as, so a broken or removed one can be followed."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO documents (folder, name, meeting_key) VALUES (?, ?, ?)"
                " ON CONFLICT (folder, name) DO UPDATE SET meeting_key = excluded.meeting_key",
                (folder, name, key),
            )
            db.execute("INSERT OR IGNORE INTO folder_meetings (folder, meeting_key) VALUES (?, ?)", (folder, key))

    def key_of_document(self, folder: str, name: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT meeting_key FROM documents WHERE folder = ? AND name = ?", (folder, name)).fetchone()
        return row[0] if row else None

    def keys_of_folder(self, folder: str) -> frozenset[str]:
        """Every meeting a document of the folder was ever published as (a shared database may hold other folders)."""
        with self._lock:
            return frozenset(row[0] for row in self._db.execute("SELECT meeting_key FROM folder_meetings WHERE folder = ?", (folder,)))

    def site_files(self, output: str) -> frozenset[str]:
        """URL paths the static site last wrote into this output folder."""
        with self._lock:
            return frozenset(row[0] for row in self._db.execute("SELECT path FROM site_files WHERE output = ?", (output,)))

    def set_site_files(self, output: str, paths: set[str]) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM site_files WHERE output = ?", (output,))
            db.executemany("INSERT INTO site_files (output, path) VALUES (?, ?)", [(output, p) for p in sorted(paths)])

    def confirm(self, folder: str, name: str, digest: str) -> None:
        """Accept a held revision of a document (its content, by digest) for publication."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO confirmations (folder, name, digest, confirmed_at) VALUES (?, ?, ?, ?)",
                (folder, name, digest, _utc_text(self.clock())),
            )

    def is_confirmed(self, folder: str, name: str, digest: str) -> bool:
        with self._lock:
            return self._db.execute(
                "SELECT 1 FROM confirmations WHERE folder = ? AND name = ? AND digest = ?", (folder, name, digest)
            ).fetchone() is not None

    def held_since(self, folder: str, name: str, digest: str) -> datetime:
        """When this content of the document was first held back; recorded now if it was not yet."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO held (folder, name, digest, since) VALUES (?, ?, ?, ?)",
                (folder, name, digest, _utc_text(self.clock())),
            )
            row = db.execute("SELECT since FROM held WHERE folder = ? AND name = ? AND digest = ?", (folder, name, digest)).fetchone()
        return _parse_utc(row[0])

    def _record_version(self, db: sqlite3.Connection, meeting: Meeting, fingerprint: str, latest: _VersionRow | None) -> None:
        from .model import Meeting, Session
        from .render import RenderOptions
        from .render.ics import build_calendar, calendar_bytes
        from .render.labels import session_uid
        from .revisions import ChangeKind, diff_meetings

        now = self._next_moment(latest)
        number = latest[1] + 1 if latest else 1
        previous_events = self._events(db, latest[0]) if latest else []
        previous_active = {e.uid: e for e in previous_events if not e.cancelled}
        previous_cancelled = {e.uid: e for e in previous_events if e.cancelled}
        reserved = frozenset(row[0] for row in db.execute(
            "SELECT DISTINCT e.uid FROM events e JOIN versions v ON v.id = e.version_id WHERE v.meeting_key = ?", (meeting.key,)
        ))

        # which UID each session is published under, carried forward from the previous version
        published_uid: dict[str, str] = {}
        session_index_of: dict[str, int] = {}
        changes: list[Change] = []
        if latest:
            previous_meeting = Meeting.model_validate_json(latest[4])
            previous_uids = {e.session_index: e.uid for e in previous_events if e.session_index is not None and not e.cancelled}
            # a cancelled session that comes back (a revision undone, a document caught half-written) gets its UID back
            revivable = [e for e in previous_cancelled.values() if e.session_json and self._still_shown(e, now)]
            count = len(previous_meeting.sessions)
            previous_uids.update({count + n: e.uid for n, e in enumerate(revivable)})
            candidates = previous_meeting.model_copy(update={
                "sessions": previous_meeting.sessions + tuple(Session.model_validate_json(e.session_json) for e in revivable),
            })
            revivable_uids = {e.uid for e in revivable}
            diff = diff_meetings(candidates, meeting, previous_uids, reserved, revision=number)
            for change in diff.changes:
                if change.kind is ChangeKind.UNCHANGED and change.uid not in revivable_uids:
                    continue
                if change.kind is ChangeKind.CANCELLED and change.uid in revivable_uids:
                    continue  # cancelled before, still cancelled
                after = snapshot_of_session(meeting, change.after) if change.after else None
                if change.uid in revivable_uids:
                    changes.append(Change(change.uid, ChangeKind.NEW.value, None, after))
                    continue
                before = snapshot_of_session(previous_meeting, change.before) if change.before else None
                changes.append(Change(change.uid, change.kind.value, before, after))
            uid_for_index = dict(diff.uids)
        else:
            uid_for_index = {i: session_uid(meeting, s) for i, s in enumerate(meeting.sessions)}
        for index, session in enumerate(meeting.sessions):
            natural = session_uid(meeting, session)
            published_uid[natural] = uid_for_index[index]
            session_index_of[natural] = index

        # events are compared without the issue mark of the symbol: a Rev.1 or a corrigendum that leaves a
        # session as it was does not change that session (the published calendar still names the revision)
        calendar = build_calendar(meeting.model_copy(update={"symbol": meeting.base_symbol}), RenderOptions())
        calendar_bytes(calendar)  # a calendar that cannot be written must not become a version (the transaction rolls back)
        rows: list[EventState] = []
        for event in calendar.walk("VEVENT"):
            natural = str(event["UID"])
            uid = published_uid.get(natural, natural)
            event_fp = event_fingerprint(event)
            before = previous_active.get(uid) or previous_cancelled.get(uid)
            if before is not None and not before.cancelled and before.fingerprint == event_fp:
                sequence, modified = before.sequence, before.last_modified
            else:
                sequence, modified = (before.sequence + 1 if before else 0), now
                if latest and natural not in session_index_of:
                    # days and deadline events: sessions were already told by the session diff
                    kind = "changed" if before is not None and not before.cancelled else "new"
                    changes.append(Change(uid, kind, snapshot_of_event(_parse_event(before.vevent)) if kind == "changed" else None, snapshot_of_event(event)))
            event.pop("UID")
            event.add("UID", uid)
            index = session_index_of.get(natural)
            rows.append(EventState(
                uid, natural, index, False, sequence, modified, event_fp,
                _event_end(event, meeting), event.to_ical().decode("utf-8"),
                meeting.sessions[index].model_dump_json() if index is not None else None,
            ))
        published = {row.uid for row in rows}
        for uid, before in previous_active.items():
            if uid not in published:
                rows.append(EventState(
                    uid, before.natural_uid, None, True, before.sequence + 1, now, before.fingerprint, before.ends_at,
                    before.vevent, before.session_json,
                ))
                if before.session_index is None:
                    changes.append(Change(uid, "cancelled", snapshot_of_event(_parse_event(before.vevent)), None))
        for uid, before in previous_cancelled.items():
            if uid not in published and self._still_shown(before, now):
                rows.append(before)

        self._insert_version(db, meeting.key, meeting, fingerprint, number, now, rows, changes)

    def _insert_version(
        self, db: sqlite3.Connection, key: str, meeting: Meeting, fingerprint: str, number: int, now: datetime,
        rows: list[EventState], changes: list[Change], withdrawn: bool = False,
    ) -> None:
        cursor = db.execute(
            "INSERT INTO versions (meeting_key, number, recorded_at, source, fingerprint, meeting_json, withdrawn)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, number, _utc_text(now), meeting.source, fingerprint, meeting.model_dump_json(), int(withdrawn)),
        )
        version_id = cursor.lastrowid
        db.executemany(
            "INSERT INTO events (version_id, uid, natural_uid, session_index, status, sequence, last_modified, fingerprint, ends_at,"
            " vevent, session_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (version_id, r.uid, r.natural_uid, r.session_index, "cancelled" if r.cancelled else "active", r.sequence,
                 _utc_text(r.last_modified), r.fingerprint, _utc_text(r.ends_at), r.vevent, r.session_json)
                for r in rows
            ],
        )
        db.executemany(
            "INSERT INTO changes (version_id, position, uid, kind, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (version_id, position, c.uid, c.kind,
                 json.dumps(c.before.to_json(), ensure_ascii=False) if c.before else None,
                 json.dumps(c.after.to_json(), ensure_ascii=False) if c.after else None)
                for position, c in enumerate(changes)
            ],
        )


def _parse_event(text: str) -> Event:
    from icalendar import Event

    return Event.from_ical(text)


def apply_publication(calendar: Calendar, publication: Publication) -> Calendar:
    """Give a calendar from ``build_calendar`` its published UIDs, SEQUENCE, LAST-MODIFIED and cancelled events."""
    for event in calendar.walk("VEVENT"):
        state = publication.active.get(str(event["UID"]))
        if state is None:
            continue
        event.pop("UID")
        event.add("UID", state.uid)
        _set_revision(event, state.sequence, state.last_modified)
    for state in publication.cancelled:
        event = _parse_event(state.vevent)
        event.pop("STATUS", None)
        event.add("STATUS", "CANCELLED")
        _set_revision(event, state.sequence, state.last_modified)
        calendar.add_component(event)
    # cancelled events may lie in other years than the current timetable: the zones must cover them too
    from .render.vtimezone import set_timezones

    set_timezones(calendar)
    set_feed_properties(calendar, publication.recorded_at)
    return calendar


def set_feed_properties(calendar: Calendar, last_modified: datetime | None) -> None:
    """RFC 7986 and the X- properties clients read to decide how often to fetch a subscribed calendar."""
    from icalendar import vDuration

    for name in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL", "LAST-MODIFIED"):
        calendar.pop(name, None)
    calendar.add("REFRESH-INTERVAL", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    if last_modified is not None:
        calendar.add("LAST-MODIFIED", last_modified.astimezone(timezone.utc))


def _set_revision(event: Event, sequence: int, last_modified: datetime) -> None:
    for name in ("SEQUENCE", "LAST-MODIFIED"):
        event.pop(name, None)
    event.add("SEQUENCE", sequence)
    event.add("LAST-MODIFIED", last_modified.astimezone(timezone.utc))
