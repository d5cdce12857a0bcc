"""Wall times written in a document as instants in the meeting's zone, across clock changes.

A timetable writes wall-clock times. On the day clocks go forward some of them
never happen ("2.30 a.m." on the last Sunday of March in Vienna); on the day
they go back some happen twice. Both are read the way RFC 5545 reads them (a
time in the gap with the offset before the change, so 02:30 is 03:30 summer
time; a repeated time as its first occurrence) and each gives a warning. The
functions return warnings as text; the caller knows the line they belong to.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from ..errors import ParseError
from ..model import out_of_range


def wall_time(day: date, moment: time, zone: ZoneInfo) -> tuple[datetime, str | None]:
    """The instant a document means by ``moment`` on ``day``, and a warning when a clock change makes it doubtful."""
    reason = out_of_range(day, "a meeting on")
    if reason:  # checked first: near year 1 or 9999 the conversion to UTC itself overflows
        raise ParseError(f"inconsistent meeting: {reason}")
    local = datetime.combine(day, moment, tzinfo=zone)
    round_trip = local.astimezone(timezone.utc).astimezone(zone)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        return round_trip, f"{moment:%H:%M} on {day.isoformat()} does not exist in {zone.key} (clock change); read as {round_trip:%H:%M}"
    if local.replace(fold=1).utcoffset() != local.utcoffset():
        return local, f"{moment:%H:%M} on {day.isoformat()} happens twice in {zone.key} (clock change); the first is used"
    return local, None


def session_bounds(day: date, start: time, end: time, zone: ZoneInfo) -> tuple[datetime, datetime, list[str]]:
    """Start and end of a meeting written as ``start``-``end`` on ``day``, with the warnings they give.

    When the start falls in the spring gap and moves past the end ("2.30-3.15 a.m."
    becomes 03:30-03:15), the meeting keeps the length written and says so: a valid
    meeting and a warning rather than losing the whole document over one time.
    """
    if end <= start:
        raise ParseError(f"inconsistent meeting: the meeting of {day.isoformat()} at {start:%H:%M}-{end:%H:%M} ends before it starts")
    start_at, start_warning = wall_time(day, start, zone)
    end_at, end_warning = wall_time(day, end, zone)
    warnings = [w for w in (start_warning, end_warning) if w]
    if end_at <= start_at:
        written = datetime.combine(day, end) - datetime.combine(day, start)
        end_at = (start_at.astimezone(timezone.utc) + written).astimezone(zone)
        warnings.append(
            f"the meeting at {start:%H:%M}-{end:%H:%M} on {day.isoformat()} would end before it starts "
            f"(clock change); read as {start_at:%H:%M}-{end_at:%H:%M}, as long as written"
        )
    return start_at, end_at, warnings
