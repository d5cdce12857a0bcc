"""Versions of a meeting in SQLite and the revision state they give its calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from schedule_export.history import History, apply_publication
from schedule_export.render import RenderOptions
from schedule_export.render.ics import build_calendar
from schedule_export.render.labels import session_uid

from .meeting_builders import WORKING_GROUP_TIMETABLE, replaced, without, working_group

FIRST_SEEN = datetime(2019, 6, 20, 8, 0, tzinfo=timezone.utc)
REVISED = datetime(2019, 8, 1, 12, 30, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def revised_working_group():
    """Tuesday afternoon moved to Wednesday afternoon; Monday afternoon removed."""
    moved = replaced(WORKING_GROUP_TIMETABLE, 3, (11, 15, 18, ("3+",)))
    return working_group(without(moved, 1), source="wg-rev1.txt", document_date=date(2019, 7, 30))


def published_calendar(history: History, meeting) -> Calendar:
    publication = history.publication(meeting.key)
    return apply_publication(build_calendar(meeting, RenderOptions()), publication)


def events_by_uid(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def clock() -> Clock:
    return Clock(FIRST_SEEN)


@pytest.fixture
def history(tmp_path, clock) -> History:
    store = History(tmp_path / "history.sqlite3", clock=clock)
    yield store
    store.close()


def test_first_version_publishes_every_session_at_sequence_zero(history):
    meeting = working_group()
    publication = history.record(meeting)
    assert publication.version == 1
    events = events_by_uid(published_calendar(history, meeting))
    for session in meeting.sessions:
        event = events[session_uid(meeting, session)]
        assert event["SEQUENCE"] == 0
        assert event["LAST-MODIFIED"].dt == FIRST_SEEN


def test_same_content_under_another_file_name_is_not_a_new_version(history):
    history.record(working_group())
    publication = history.record(working_group(source="renamed.txt"))
    assert publication.version == 1
    assert len(history.versions(working_group().key)) == 1


def test_revision_keeps_uids_bumps_the_moved_one_and_cancels_the_removed_one(history, clock):
    first = working_group()
    history.record(first)
    clock.now = REVISED
    revised = revised_working_group()
    assert history.record(revised).version == 2

    first_uids = [session_uid(first, s) for s in first.sessions]
    events = events_by_uid(published_calendar(history, revised))
    assert sorted(events) == sorted(first_uids)
    moved, removed = events[first_uids[3]], events[first_uids[1]]
    assert moved["SEQUENCE"] == 1
    assert moved["LAST-MODIFIED"].dt == REVISED
    assert moved["DTSTART"].dt.astimezone(timezone.utc) == datetime(2019, 9, 11, 13, tzinfo=timezone.utc)
    assert str(removed["STATUS"]) == "CANCELLED"
    assert removed["SEQUENCE"] == 1
    assert removed["DTSTART"].dt.astimezone(timezone.utc) == datetime(2019, 9, 9, 13, tzinfo=timezone.utc)
    for unchanged in (0, 2, 4):
        assert events[first_uids[unchanged]]["SEQUENCE"] == 0
        assert events[first_uids[unchanged]]["LAST-MODIFIED"].dt == FIRST_SEEN
        assert str(events[first_uids[unchanged]]["STATUS"]) == "CONFIRMED"


def test_changelog_entries_name_the_moved_and_the_cancelled_session(history, clock):
    history.record(working_group())
    clock.now = REVISED
    history.record(revised_working_group())
    versions = history.versions(working_group().key)
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].changes == ()
    kinds = {c.kind: c for c in versions[1].changes}
    assert set(kinds) == {"moved", "cancelled"}
    assert kinds["moved"].before.start.astimezone(timezone.utc) == datetime(2019, 9, 10, 13, tzinfo=timezone.utc)
    assert kinds["moved"].after.start.astimezone(timezone.utc) == datetime(2019, 9, 11, 13, tzinfo=timezone.utc)
    assert kinds["cancelled"].before.items == ("2",)
    assert versions[1].source == "wg-rev1.txt"


def test_history_survives_reopening_the_database(tmp_path, clock):
    path = tmp_path / "history.sqlite3"
    first = History(path, clock=clock)
    first.record(working_group())
    clock.now = REVISED
    first.record(revised_working_group())
    first.close()
    reopened = History(path, clock=clock)
    publication = reopened.record(revised_working_group())
    assert publication.version == 2
    assert len(publication.cancelled) == 1
    reopened.close()


def test_cancelled_session_is_dropped_after_the_retention_period(history, clock):
    history.record(working_group())
    clock.now = REVISED
    revised = revised_working_group()
    history.record(revised)
    assert len(history.publication(revised.key).cancelled) == 1
    # the session ended on 9 September 2019; it stays cancelled until 30 days after that
    assert len(history.publication(revised.key, now=datetime(2019, 10, 8, tzinfo=timezone.utc)).cancelled) == 1
    assert history.publication(revised.key, now=datetime(2019, 10, 10, tzinfo=timezone.utc)).cancelled == ()


def test_session_removed_then_restored_gets_its_old_uid_back_at_a_higher_sequence(history, clock):
    first = working_group()
    history.record(first)
    clock.now = REVISED
    history.record(revised_working_group())
    clock.now = REVISED + timedelta(days=2)
    restored = working_group(replaced(WORKING_GROUP_TIMETABLE, 3, (11, 15, 18, ("3+",))), document_date=date(2019, 8, 2))
    publication = history.record(restored)
    assert publication.version == 3
    monday_afternoon = session_uid(first, first.sessions[1])
    assert publication.cancelled == ()
    events = events_by_uid(published_calendar(history, restored))
    assert sorted(events) == sorted(session_uid(first, s) for s in first.sessions)
    back = events[monday_afternoon]
    assert str(back["STATUS"]) == "CONFIRMED"
    assert back["SEQUENCE"] == 2  # published, cancelled, published again
    assert back["LAST-MODIFIED"].dt == REVISED + timedelta(days=2)
    (change,) = history.versions(first.key)[2].changes
    assert (change.kind, change.uid, change.after.items) == ("new", monday_afternoon, ("2",))


def test_half_written_document_does_not_leave_duplicates_once_complete(history, clock):
    first = working_group()
    history.record(first)
    clock.now = REVISED
    history.record(working_group(WORKING_GROUP_TIMETABLE[:2], document_date=date(2019, 6, 18)))  # truncated copy
    clock.now = REVISED + timedelta(minutes=1)
    publication = history.record(working_group(source="wg.txt"))
    assert publication.cancelled == ()
    assert sorted(state.uid for state in publication.active.values()) == sorted(session_uid(first, s) for s in first.sessions)


def test_database_written_before_sessions_were_kept_is_upgraded(tmp_path, clock):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE events (version_id INTEGER NOT NULL, uid TEXT NOT NULL, natural_uid TEXT, session_index INTEGER,
            status TEXT NOT NULL, sequence INTEGER NOT NULL, last_modified TEXT NOT NULL, fingerprint TEXT NOT NULL,
            ends_at TEXT NOT NULL, vevent TEXT NOT NULL, PRIMARY KEY (version_id, uid));
    """)
    old.close()
    upgraded = History(path, clock=clock)
    assert upgraded.record(working_group()).version == 1
    upgraded.close()


def test_withdrawn_meeting_cancels_every_event_and_a_restored_document_gets_its_uids_back(history, clock):
    meeting = working_group()
    history.record(meeting)
    first = events_by_uid(published_calendar(history, meeting))
    clock.now = REVISED
    publication = history.withdraw(meeting.key, meeting.source)
    assert publication.withdrawn and publication.active == {}
    assert {e.uid for e in publication.cancelled} == set(first)
    assert all(e.sequence == 1 for e in publication.cancelled)
    assert history.latest_meeting(meeting.key) is None
    (version,) = [v for v in history.versions(meeting.key) if v.withdrawn]
    assert {c.kind for c in version.changes} == {"cancelled"} and len(version.changes) == len(first)
    assert history.withdraw(meeting.key, meeting.source).version == publication.version  # once only

    clock.now = REVISED + timedelta(days=1)
    history.record(meeting)
    back = events_by_uid(published_calendar(history, meeting))
    assert back.keys() == first.keys()
    assert all(str(e["STATUS"]) == "CONFIRMED" and e["SEQUENCE"] == 2 for e in back.values())


def test_reissue_that_changes_nothing_but_the_symbol_leaves_every_event_at_its_sequence(history, clock):
    history.record(working_group(symbol="A/CN.9/WG.IV/WP.192"))
    clock.now = REVISED
    reissued = working_group(symbol="A/CN.9/WG.IV/WP.192/Rev.1", document_date=date(2019, 7, 30))
    publication = history.record(reissued)
    assert publication.version == 2
    assert all(state.sequence == 0 for state in publication.active.values())
    calendar = published_calendar(history, reissued)
    assert all("A/CN.9/WG.IV/WP.192/Rev.1" in str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT"))
    assert history.versions(reissued.key)[-1].symbol == "A/CN.9/WG.IV/WP.192/Rev.1"
