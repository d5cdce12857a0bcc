"""Each meeting's events as ICS bytes, kept in the history database so that a restart need not rebuild them.

``all.ics`` over a thousand meetings costs seconds of icalendar work to build; the bytes only change
when what is published for a meeting does (its version, its cancellations), when the address the
calendars name changes, or when the code that writes them does. A row is therefore found by a digest
of exactly those inputs, under a fingerprint of the code (``reading_code`` plus icalendar's version):
anything else is simply not found and rebuilt.

The table lives in the history's SQLite file (one file to back up, and deleting the history deletes
this cache with it) but is written over its own connection, and only from the thread that scans:
the scan is the one writer of the history, so these writes never wait on a scan's transaction.
A store that cannot be read or written costs only rebuilding the bytes; it never fails a request.

Rows that can never be used again are deleted once a scan is complete: those of meetings no longer
published, and those written by other code (an upgrade). Without that the file would keep the events
of every document ever served.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Collection

if TYPE_CHECKING:
    from .catalog import PublishedMeeting

_SCHEMA = """
CREATE TABLE IF NOT EXISTS served_events (
    meeting_key TEXT NOT NULL,
    base_url TEXT NOT NULL,
    content TEXT NOT NULL,
    code TEXT NOT NULL,
    events BLOB NOT NULL,
    years TEXT NOT NULL,
    PRIMARY KEY (meeting_key, base_url)
);
"""


@dataclass(frozen=True)
class KeptEvents:
    """A meeting's VEVENTs as folded bytes and, per TZID, the first and last year their times fall in."""

    content: str  # digest of what the bytes were built from (see ``content_digest``)
    events: bytes
    years: dict[str, tuple[int, int]]


@lru_cache(maxsize=1)
def events_code() -> str:
    """The code that turns a published meeting into event bytes: ours and the data it reads, and icalendar."""
    from importlib.metadata import PackageNotFoundError, version

    from .catalog import reading_code

    try:
        icalendar = version("icalendar")
    except PackageNotFoundError:
        icalendar = "none"
    return hashlib.sha256(f"{reading_code()}\0icalendar={icalendar}".encode()).hexdigest()


def content_digest(published: PublishedMeeting, base_url: str | None) -> str:
    """Everything a meeting's events are built from: the meeting as published, its revision state, the base URL."""
    publication = published.publication
    digest = hashlib.sha256()
    digest.update(published.meeting.model_dump_json().encode())
    digest.update(f"\0{publication.meeting_key}\0{publication.version}\0{publication.recorded_at.isoformat()}\0".encode())
    digest.update(f"{publication.withdrawn}\0{published.withdrawn}\0{base_url or ''}\0".encode())
    # the states carry SEQUENCE, LAST-MODIFIED and the cancelled events' own text: all of it is written out
    for natural, state in sorted(publication.active.items()):
        digest.update(f"{natural}\0{state!r}\0".encode())
    for state in publication.cancelled:
        digest.update(f"cancelled\0{state!r}\0".encode())
    return digest.hexdigest()


class EventStore:
    """Event bytes per (meeting key, base URL) in the ``served_events`` table; at most one row for each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pending: dict[tuple[str, str], KeptEvents] = {}
        self._db: sqlite3.Connection | None = None
        self._pruned_for: frozenset[str] | None = None  # the meetings the last prune kept: prune again when they change

    def _connection(self) -> sqlite3.Connection | None:
        """The connection, opened (and the table made) on first use; None while the database cannot be used,
        tried again next time (another process may be holding it for a moment)."""
        if self._db is None:
            try:
                # a short busy timeout: waiting on another writer is worse than rebuilding the bytes
                self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=2)
                self._db.executescript(_SCHEMA)
            except sqlite3.Error:
                self._close_quietly()
        return self._db

    def load(self, base_url: str | None) -> dict[str, KeptEvents]:
        """Every kept meeting's events for this base URL written by this code, by meeting key: one query."""
        try:
            with self._lock:
                db = self._connection()
                if db is None:
                    return {}
                rows = db.execute(
                    "SELECT meeting_key, content, events, years FROM served_events WHERE base_url = ? AND code = ?",
                    (base_url or "", events_code()),
                ).fetchall()
            return {
                key: KeptEvents(content, bytes(events), {tzid: (low, high) for tzid, (low, high) in json.loads(years).items()})
                for key, content, events, years in rows
            }
        except (sqlite3.Error, ValueError, TypeError):  # unreadable: the bytes are rebuilt
            return {}

    def keep(self, key: str, base_url: str | None, kept: KeptEvents) -> None:
        """Remember bytes to write at the next ``save``: requests never write to the database themselves."""
        with self._lock:
            self._pending[(key, base_url or "")] = kept

    def save(self, published: Collection[str] | None = None) -> None:
        """Write what was kept since the last save, in one transaction; on failure it is tried again next time.

        ``published``: the keys of every meeting a complete scan publishes. Rows of other meetings, and rows
        of other code, are then deleted in the same transaction (only when that set changed since the last time).
        """
        with self._lock:
            keep_only = frozenset(published) if published is not None else None
            prune = keep_only is not None and keep_only != self._pruned_for
            if (not self._pending and not prune) or self._connection() is None:
                return
            db = self._db
            pending, self._pending = self._pending, {}
            code = events_code()
            rows = [(key, base, kept.content, code, kept.events, json.dumps(kept.years)) for (key, base), kept in pending.items()]
            try:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    db.executemany(
                        "INSERT OR REPLACE INTO served_events (meeting_key, base_url, content, code, events, years)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        rows,
                    )
                    if prune:
                        db.execute("DELETE FROM served_events WHERE code != ?", (code,))
                        stored = {key for (key,) in db.execute("SELECT DISTINCT meeting_key FROM served_events")}
                        db.executemany("DELETE FROM served_events WHERE meeting_key = ?", [(key,) for key in stored - keep_only])
                if prune:
                    self._pruned_for = keep_only
            except sqlite3.Error:
                for (key, base), kept in pending.items():
                    self._pending.setdefault((key, base), kept)

    def close(self) -> None:
        self.save()
        with self._lock:
            self._close_quietly()
            self._pending.clear()

    def _close_quietly(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
