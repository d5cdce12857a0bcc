"""VTIMEZONE components in the form every calendar client reads: rule periods with RRULE.

icalendar's generator writes one observance per offset with a long RDATE list
of every transition. ical.js (Thunderbird) and vobject misread such lists once
they span many years (summer meetings an hour late). Outlook and tzurl.org
publish one STANDARD and one DAYLIGHT observance per *rule period*, each with a
yearly RRULE, and clients of every kind read that form alike.

The tz database's rules are not exposed by ``zoneinfo``, so they are recovered
from its transitions: the transitions between the years asked for are found by
scanning offsets, grouped by what they change (from, to, name, daylight or not,
month, weekday, wall time), and runs over consecutive years that one yearly
rule describes ("last Sunday", "second Sunday", "first Sunday on or after the
2nd") become one observance with an RRULE. What no rule describes (a one-off
change of offset) is written as an observance of its own, without a rule.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from icalendar import Calendar, Timezone

# Offsets are sampled this often, then each change is found to the second by bisection. Two changes less than
# a day apart that undo each other would be missed: the tz database has none in the years calendars cover.
_SCAN_STEP = timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Nth-weekday rules as clients know them (1SU..4SU) are preferred to "on or after day D" windows.
_NTH_WINDOW_STARTS = {1: 1, 8: 2, 15: 3, 22: 4}


@dataclass(frozen=True)
class Transition:
    at: datetime  # UTC instant of the change
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def local_start(self) -> datetime:
        """Wall time of the change in the offset it leaves, as RFC 5545 writes an observance's DTSTART."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def shape(self) -> tuple:
        """What must be equal for two transitions to belong to one yearly rule."""
        local = self.local_start
        return (self.daylight, self.offset_from, self.offset_to, self.name, local.month, local.weekday(), local.time())


def _state(zone: ZoneInfo, instant: datetime) -> tuple[timedelta, bool, str]:
    local = instant.astimezone(zone)
    return local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or ""


def transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[Transition]:
    """Every change of offset, daylight flag or name between two UTC instants, to the second."""
    found: list[Transition] = []
    for year in range(start.year, end.year + 1):
        found.extend(t for t in _transitions_of_year(zone, year) if start <= t.at < end)
    return found


@lru_cache(maxsize=1024)
def _transitions_of_year(zone: ZoneInfo, year: int) -> tuple[Transition, ...]:
    """The changes within one UTC year; cached, since calendars of neighbouring years share most of them."""
    found: list[Transition] = []
    moment = datetime(year, 1, 1, tzinfo=timezone.utc)
    end = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    state = _state(zone, moment)
    while moment < end:
        following = min(moment + _SCAN_STEP, end)
        next_state = _state(zone, following)
        if next_state != state:
            low, high = moment, following  # state(low) == state, state(high) != state
            while high - low > timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                if middle <= low:
                    break
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            changed = _state(zone, high)
            if high < end:
                found.append(Transition(high, state[0], changed[0], changed[2], changed[1]))
            state = changed
            # the same step may hold a second change: look again from the one just found
            moment = high
            continue
        moment, state = following, next_state
    return tuple(found)


def _rules_matching(day: date) -> frozenset[tuple[str, int]]:
    """Yearly rules that put a change on this day: ("last", 0) or ("from", D) = first such weekday on or after day D."""
    length = month_calendar.monthrange(day.year, day.month)[1]
    rules = {("from", first) for first in range(max(1, day.day - 6), day.day + 1) if first + 6 <= length}
    if day.day + 7 > length:
        rules.add(("last", 0))
    return frozenset(rules)


def _preferred(rules: frozenset[tuple[str, int]]) -> tuple[str, int]:
    """The rule clients know best among those that fit every year seen: 1st-3rd weekday, last, 4th, "on or after D".

    "Last" goes before "4th": over a few years the two often both fit, and the tz database uses "last" far more.
    """
    def rank(rule: tuple[str, int]) -> tuple[int, int]:
        kind, first = rule
        if kind == "last":
            return (1, 0)
        if first in _NTH_WINDOW_STARTS:
            return (0 if first < 22 else 2, first)
        return (3, first)

    return min(rules, key=rank)


def _rrule(month: int, weekday: int, rule: tuple[str, int], until: datetime | None) -> dict[str, object]:
    kind, first = rule
    day_name = _WEEKDAYS[weekday]
    parts: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": month}
    if kind == "last":
        parts["BYDAY"] = f"-1{day_name}"
    elif first in _NTH_WINDOW_STARTS:
        parts["BYDAY"] = f"{_NTH_WINDOW_STARTS[first]}{day_name}"
    else:
        parts["BYDAY"] = day_name
        parts["BYMONTHDAY"] = list(range(first, first + 7))
    if until is not None:
        parts["UNTIL"] = until
    return parts


@dataclass
class _Period:
    """Transitions of one shape in consecutive years that one yearly rule (the common ones) describes."""

    members: list[Transition]
    rules: frozenset[tuple[str, int]]


def _periods(found: list[Transition]) -> list[_Period]:
    periods: list[_Period] = []
    open_by_shape: dict[tuple, _Period] = {}
    for transition in found:
        day = transition.local_start.date()
        rules = _rules_matching(day)
        period = open_by_shape.get(transition.shape)
        if period is not None:
            last_year = period.members[-1].local_start.year
            common = period.rules & rules
            if day.year == last_year + 1 and common:
                period.members.append(transition)
                period.rules = common
                continue
        period = _Period([transition], rules)
        periods.append(period)
        open_by_shape[transition.shape] = period
    return periods


@lru_cache(maxsize=128)
def build_vtimezone(zone_name: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone valid for every instant from 1 January ``first_year`` to 31 December ``last_year``.

    Cached; callers must not modify the component they get.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

    zone = ZoneInfo(zone_name)
    start = datetime(first_year, 1, 1, tzinfo=timezone.utc) - timedelta(days=1)
    end = datetime(last_year, 12, 31, tzinfo=timezone.utc) + timedelta(days=2)
    found = transitions(zone, start, end)
    component = Timezone()
    component.add("TZID", zone_name)

    def observance(daylight: bool, name: str, offset_from: timedelta, offset_to: timedelta, begins: datetime):
        part = TimezoneDaylight() if daylight else TimezoneStandard()
        part.add("DTSTART", begins)
        if name:
            part.add("TZNAME", name)
        part.add("TZOFFSETFROM", offset_from)
        part.add("TZOFFSETTO", offset_to)
        return part

    # what is in force when the range begins: an observance of its own, so early events have an offset
    offset, daylight, name = _state(zone, start)
    component.add_component(observance(daylight, name, offset, offset, (start + offset).replace(tzinfo=None)))
    for period in _periods(found):
        head = period.members[0]
        part = observance(head.daylight, head.name, head.offset_from, head.offset_to, head.local_start)
        if len(period.members) > 1:
            last = period.members[-1]
            # a rule that ran until the last year covered is left open, as the tz database's "max" rules are;
            # one that stopped earlier ends with its last change (UNTIL is UTC in a VTIMEZONE, RFC 5545 3.3.10)
            until = None if last.local_start.year >= last_year else last.at
            local = head.local_start
            part.add("RRULE", vRecur(_rrule(local.month, local.weekday(), _preferred(period.rules), until)))
        component.add_component(part)
    return component


def calendar_years(calendar: Calendar) -> dict[str, tuple[int, int]]:
    """Per TZID used by the calendar's events, the first and last year of their times."""
    years: dict[str, tuple[int, int]] = {}
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            prop = event.get(name)
            if prop is None:
                continue
            value = prop.dt
            tzid = prop.params.get("TZID")
            if not isinstance(value, datetime) or not tzid:
                continue
            low, high = years.get(tzid, (value.year, value.year))
            years[tzid] = (min(low, value.year), max(high, value.year))
    return years


def set_timezones(calendar: Calendar) -> Calendar:
    """Replace the calendar's VTIMEZONEs by ones in rule form covering every year its events fall in."""
    years = calendar_years(calendar)
    calendar.subcomponents[:] = [c for c in calendar.subcomponents if c.name != "VTIMEZONE"]
    for tzid in sorted(years, reverse=True):
        first, last = years[tzid]
        # a VTIMEZONE goes before the events that use it: some clients read in one pass
        calendar.subcomponents.insert(0, build_vtimezone(tzid, first - 1, last + 1))
    return calendar
