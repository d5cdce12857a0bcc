"""What changed between two versions of a meeting's timetable: new, cancelled, moved, changed sessions.

A plain function over two ``Meeting`` objects, apart from storage and the web.

Session UIDs are built from each session's ordinal within its body, so removing
a session from the middle of a timetable shifts the ordinals of every later
one. Matching by UID alone would then report every later session as moved and
the last one as cancelled. Instead, sessions of the new version are paired
with those of the previous one by how much they have in common (same time,
same agenda items, same ordinal as a tie-breaker), and a paired session keeps
the UID it was first published under.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Meeting, Session

# Weights of what two sessions share; a pair needs the same time or a shared item to count as the same session.
SAME_TIMES = 10.0
SAME_DATE = 2.0
SAME_TIME_OF_DAY = 2.0
SHARED_ITEMS = 6.0  # times the Jaccard index of the two item sets
SAME_ITEMS_EXACTLY = 2.0
SAME_ORDINAL = 1.0


class ChangeKind(str, Enum):
    NEW = "new"
    CANCELLED = "cancelled"
    MOVED = "moved"  # other date or hours (items may have changed too)
    CHANGED = "changed"  # same hours, other items or notes
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SessionChange:
    kind: ChangeKind
    uid: str  # the UID the session is (or was) published under
    before: Session | None
    after: Session | None

    @property
    def items_changed(self) -> bool:
        return self.before is not None and self.after is not None and _items_signature(self.before) != _items_signature(self.after)


@dataclass(frozen=True)
class ScheduleDiff:
    changes: tuple[SessionChange, ...]
    uids: Mapping[int, str]  # index of a session in the new version -> UID to publish it under

    def of_kind(self, kind: ChangeKind) -> tuple[SessionChange, ...]:
        return tuple(c for c in self.changes if c.kind is kind)

    @property
    def new(self) -> tuple[SessionChange, ...]:
        return self.of_kind(ChangeKind.NEW)

    @property
    def cancelled(self) -> tuple[SessionChange, ...]:
        return self.of_kind(ChangeKind.CANCELLED)

    @property
    def moved(self) -> tuple[SessionChange, ...]:
        return self.of_kind(ChangeKind.MOVED)

    @property
    def changed(self) -> tuple[SessionChange, ...]:
        return self.of_kind(ChangeKind.CHANGED)

    @property
    def unchanged(self) -> tuple[SessionChange, ...]:
        return self.of_kind(ChangeKind.UNCHANGED)

    @property
    def is_empty(self) -> bool:
        return all(c.kind is ChangeKind.UNCHANGED for c in self.changes)


def _items_signature(session: Session) -> tuple[tuple[str, bool, str], ...]:
    return tuple((ref.key, ref.continued, ref.title) for ref in session.items) + tuple(("note", False, n) for n in session.notes)


def _item_keys(session: Session) -> frozenset[str]:
    return frozenset(ref.key for ref in session.items)


def _utc(moment: datetime) -> datetime:
    from datetime import timezone

    return moment.astimezone(timezone.utc)


def pairing_score(before: Session, after: Session, zone: tzinfo) -> float | None:
    """How alike two sessions are, or None when they cannot be the same session."""
    if before.body != after.body:
        return None
    same_times = _utc(before.start) == _utc(after.start) and _utc(before.end) == _utc(after.end)
    keys_before, keys_after = _item_keys(before), _item_keys(after)
    shared = keys_before & keys_after
    if not same_times and not shared:
        return None
    score = SAME_TIMES if same_times else 0.0
    local_before, local_after = before.start.astimezone(zone), after.start.astimezone(zone)
    if local_before.date() == local_after.date():
        score += SAME_DATE
    if local_before.time() == local_after.time():
        score += SAME_TIME_OF_DAY
    if shared:
        score += SHARED_ITEMS * len(shared) / len(keys_before | keys_after)
    if _items_signature(before) == _items_signature(after):
        score += SAME_ITEMS_EXACTLY
    if before.ordinal == after.ordinal:
        score += SAME_ORDINAL
    return score


def match_sessions(previous: Sequence[Session], current: Sequence[Session], zone: tzinfo) -> dict[int, int]:
    """Pair sessions of two versions: index in ``current`` -> index in ``previous``.

    Greedy on the best pairs first; ties go to the smaller move in time, then to document order,
    so the result does not depend on dictionary or set ordering.
    """
    candidates: list[tuple[float, float, int, int]] = []
    for old_index, before in enumerate(previous):
        for new_index, after in enumerate(current):
            score = pairing_score(before, after, zone)
            if score is not None:
                shift = abs((_utc(after.start) - _utc(before.start)).total_seconds())
                candidates.append((-score, shift, new_index, old_index))
    candidates.sort()
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, new_index, old_index in candidates:
        if new_index in pairs or old_index in taken:
            continue
        pairs[new_index] = old_index
        taken.add(old_index)
    return pairs


def diff_meetings(
    previous: Meeting,
    current: Meeting,
    previous_uids: Mapping[int, str] | None = None,
    reserved_uids: frozenset[str] = frozenset(),
    revision: int = 2,
) -> ScheduleDiff:
    """The sessions of ``current`` compared with those of ``previous``.

    ``previous_uids`` maps an index in ``previous.sessions`` to the UID it was published under (its natural
    UID when missing). A new session whose natural UID is already taken, by a session carried forward or by
    any UID in ``reserved_uids`` (ever published for this meeting), gets a fresh one marked with ``revision``.
    """
    from .render.labels import session_uid

    previous_uids = previous_uids or {}
    old_uids = [previous_uids.get(i, session_uid(previous, s)) for i, s in enumerate(previous.sessions)]
    pairs = match_sessions(previous.sessions, current.sessions, current.zone)
    uids: dict[int, str] = {new_index: old_uids[old_index] for new_index, old_index in pairs.items()}
    taken = set(uids.values()) | set(old_uids) | set(reserved_uids)
    changes: list[SessionChange] = []
    for new_index, after in enumerate(current.sessions):
        if new_index in uids:
            before = previous.sessions[pairs[new_index]]
            changes.append(SessionChange(_kind_of(before, after), uids[new_index], before, after))
            continue
        uid = session_uid(current, after)
        if uid in taken:
            stem, _, domain = uid.partition("@")
            uid = f"{stem}-r{revision}@{domain}"
            suffix = 2
            while uid in taken:
                uid = f"{stem}-r{revision}-{suffix}@{domain}"
                suffix += 1
        taken.add(uid)
        uids[new_index] = uid
        changes.append(SessionChange(ChangeKind.NEW, uid, None, after))
    matched_old = set(pairs.values())
    for old_index, before in enumerate(previous.sessions):
        if old_index not in matched_old:
            changes.append(SessionChange(ChangeKind.CANCELLED, old_uids[old_index], before, None))
    changes.sort(key=lambda c: (_utc((c.after or c.before).start), c.kind is not ChangeKind.CANCELLED))  # type: ignore[union-attr]
    return ScheduleDiff(tuple(changes), uids)


def _kind_of(before: Session, after: Session) -> ChangeKind:
    if _utc(before.start) != _utc(after.start) or _utc(before.end) != _utc(after.end):
        return ChangeKind.MOVED
    if _items_signature(before) != _items_signature(after):
        return ChangeKind.CHANGED
    return ChangeKind.UNCHANGED


# A revision that loses more than this share of the sessions published before is held back until confirmed:
# it is far more often a half-saved or truncated file than a real revision.
DRASTIC_LOSS = 0.5

_REVISION_PART = re.compile(r"/(Rev|Corr)\.(\d+)")


def lost_sessions(previous: Meeting, current: Meeting) -> int:
    """How many sessions of ``previous`` have no counterpart in ``current`` (moved ones do have one)."""
    return len(previous.sessions) - len(match_sessions(previous.sessions, current.sessions, current.zone))


def is_drastic(previous: Meeting, current: Meeting) -> bool:
    """True when ``current`` loses more than half of the sessions of ``previous``: publish it only when confirmed."""
    count = len(previous.sessions)
    return count > 0 and lost_sessions(previous, current) > DRASTIC_LOSS * count


def revision_label(symbol: str | None) -> str | None:
    """ "Rev.1" of "A/CN.9/WG.IV/WP.192/Rev.1", "Rev.1/Corr.2" of a corrigendum to it; None for an original."""
    if not symbol:
        return None
    parts = [f"{kind}.{number}" for kind, number in _REVISION_PART.findall(symbol)]
    return "/".join(parts) or None


def revision_rank(symbol: str | None) -> tuple[int, int]:
    """(revision, corrigendum) numbers, for ordering versions of one document: Rev.2 after Rev.1/Corr.1."""
    revision = corrigendum = 0
    for kind, number in _REVISION_PART.findall(symbol or ""):
        if kind == "Rev":
            revision, corrigendum = int(number), 0
        else:
            corrigendum = int(number)
    return revision, corrigendum
