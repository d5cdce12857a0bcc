"""The meeting model: what a document says, validated and frozen.

Every renderer reads only this model. Times are stored as timezone-aware
datetimes in the meeting's zone; the IANA zone name is kept on the meeting
because JSON keeps only the UTC offset.

The model is also where hostile input stops. Every text value is cleaned once
here (line breaks and other control characters never reach a calendar, a
header or a warning line), and every date must lie within ``EARLIEST_DAY`` to
``LATEST_DAY``, so that every renderer can compute with it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import cached_property
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

DEFAULT_TIMEZONE = "Europe/Vienna"

# Dates a meeting may have. The UN was founded in 1945, so no agenda we read is older; 1900 keeps
# away from local mean time (Vienna's offset was +01:05:21 until 1893) and from the proleptic
# calendar's far past. 2200 leaves two centuries of headroom while every computation renderers
# make (the day after an all-day event, a VTIMEZONE for the year around the meeting, a UTC
# conversion) stays far from datetime's year-9999 limit.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)
# The longest a meeting may last: a General Assembly session is under a year; anything longer is a
# misread range, and a range of centuries would make a programme of a hundred thousand days.
LONGEST_MEETING = timedelta(days=366)

# Characters that end a line somewhere (CR, LF, VT, FF, NEL, U+2028, U+2029, file and record
# separators) and tabs: in a title they become a space, or a calendar line would break in two.
_LINE_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
# Other C0 and C1 control characters, DEL included: nothing a reader should see.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_NEEDS_CLEANING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACE_RUN = re.compile(r"  +")


def clean_text(value: str) -> str:
    """A text value on one line: line breaks and tabs become one space, other control characters go."""
    if not _NEEDS_CLEANING.search(value):
        return value
    return _SPACE_RUN.sub(" ", _LINE_BREAKS.sub(" ", _CONTROLS.sub("", value))).strip()


Text = Annotated[str, AfterValidator(clean_text)]


def out_of_range(value: date, what: str) -> str | None:
    """Why a date cannot be scheduled ("a meeting on 9999-12-31 is out of range ..."), or None if it can."""
    if EARLIEST_DAY <= value <= LATEST_DAY:
        return None
    return f"{what} {value.isoformat()} is out of range (only the years {EARLIEST_DAY.year}-{LATEST_DAY.year} can be scheduled)"


def _in_range(value: date, what: str) -> None:
    reason = out_of_range(value, what)
    if reason:
        raise PydanticCustomError("date_out_of_range", reason)


def _near_range(value: datetime, what: str) -> None:
    """A session's instant within a day of the range, whatever zone it is written in: JSON may give
    it in UTC, a day before the local day. The meeting then checks the local day exactly."""
    if not EARLIEST_DAY - timedelta(days=1) <= value.date() <= LATEST_DAY + timedelta(days=1):
        _in_range(value.date(), what)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        """A copy with changes, validated like any new value (pydantic's own copy skips validation,
        which would let an uncleaned title or an impossible date in)."""
        if not update:
            return super().model_copy(deep=deep)
        values = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self).model_validate({**values, **update})


class Finding(_Frozen):
    """Something in a document that is ambiguous or contradictory: reported, never silently fixed."""

    source: Text
    line: int | None = None
    message: Text

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class AgendaItem(_Frozen):
    number: int = Field(ge=0)
    letter: str | None = Field(default=None, pattern=r"^[a-z]{1,3}$")
    title: Text
    documents: tuple[Text, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.number}{self.letter or ''}"


class ItemRef(_Frozen):
    """An agenda item taken up in one session."""

    number: int = Field(ge=0)
    letter: str | None = Field(default=None, pattern=r"^[a-z]{1,3}$")
    title: Text = ""
    continued: bool = False

    @property
    def key(self) -> str:
        return f"{self.number}{self.letter or ''}"


class Session(_Frozen):
    """One timed meeting of the annex (a morning or afternoon meeting of one body)."""

    start: AwareDatetime = Field(description="local time with its UTC offset; in UTC (Z) when the zone's offset then had seconds")
    end: AwareDatetime = Field(description="as start")
    body: Text | None = None
    ordinal: int = Field(ge=1, description="1-based position among the sessions of the same body")
    items: tuple[ItemRef, ...] = ()
    notes: tuple[Text, ...] = ()
    line: int | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Session:
        _near_range(self.start, "a session on")
        _near_range(self.end, "a session ending on")
        if self.end <= self.start:
            raise PydanticCustomError("session_order", "a session must end after it starts")
        return self

    @field_serializer("start", "end", mode="wrap", when_used="json")
    def _exact_instant(self, value: datetime, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        # RFC 3339 offsets stop at minutes, but before standard time zones many had offsets with
        # seconds (Monrovia -00:44:30 until 1972): such an instant is written in UTC, so that it
        # reads back as the same instant; the meeting's zone name gives its local time.
        offset = value.utcoffset()
        if offset is not None and offset.seconds % 60:
            value = value.astimezone(timezone.utc)
        return handler(value)

    @property
    def date(self) -> date:
        return self.start.date()


class DayNote(_Frozen):
    """What the timetable says of a day or slot that is not a meeting: "No meeting", "Informal consultations"."""

    date: date
    text: Text
    body: Text | None = None
    line: int | None = None

    @field_validator("date")
    @classmethod
    def _schedulable(cls, value: date) -> date:
        _in_range(value, "a day note on")
        return value


class Deadline(_Frozen):
    """A dated step stated in the text, such as the registration deadline."""

    date: date
    label: Text
    text: Text = ""
    line: int | None = None

    @field_validator("date")
    @classmethod
    def _schedulable(cls, value: date) -> date:
        _in_range(value, "a deadline on")
        return value


class Meeting(_Frozen):
    source: Text = Field(description="file name of the document read")
    language: str
    timezone: str = DEFAULT_TIMEZONE
    parent_body: Text | None = None
    title: Text
    ordinal: int | None = Field(default=None, ge=1)
    ordinal_text: Text | None = Field(default=None, description="the ordinal and noun as the document writes them: 'Thirty-fifth session'")
    city: Text | None = None
    venue: Text | None = Field(default=None, description="the conference centre the document names: 'Vienna International Centre'")
    first_day: date
    last_day: date
    symbol: Text | None = None
    document_date: date | None = None
    hybrid: bool = False
    agenda: tuple[AgendaItem, ...] = ()
    topics: tuple[Text, ...] = ()
    sessions: tuple[Session, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    day_notes: tuple[DayNote, ...] = ()
    findings: tuple[Finding, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("first_day", "last_day", "document_date")
    @classmethod
    def _schedulable(cls, value: date | None, info: Any) -> date | None:
        if value is not None:
            _in_range(value, {"first_day": "the first day", "last_day": "the last day"}.get(info.field_name, "the document date"))
        return value

    @model_validator(mode="after")
    def _days_in_order(self) -> Meeting:
        if self.last_day < self.first_day:
            raise PydanticCustomError("day_order", "the last day of a meeting cannot come before its first day")
        if self.last_day - self.first_day >= LONGEST_MEETING:
            raise PydanticCustomError(
                "too_long",
                "a meeting from {first} to {last} would last more than a year",
                {"first": self.first_day.isoformat(), "last": self.last_day.isoformat()},
            )
        for session in self.sessions:  # each day as the meeting's zone shows it
            _in_range(session.start.astimezone(self.zone).date(), "a session on")
            _in_range(session.end.astimezone(self.zone).date(), "a session ending on")
        return self

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def bodies(self) -> tuple[str | None, ...]:
        """Bodies meeting in the annex, in order of first appearance."""
        return tuple(dict.fromkeys(s.body for s in self.sessions))

    @property
    def days(self) -> tuple[date, ...]:
        count = (self.last_day - self.first_day).days + 1
        return tuple(self.first_day + timedelta(days=n) for n in range(count))

    @property
    def has_timetable(self) -> bool:
        return bool(self.sessions)

    def local(self, instant: datetime) -> datetime:
        """An instant as wall time in the meeting's zone."""
        return instant.astimezone(self.zone)

    def item(self, number: int, letter: str | None = None) -> AgendaItem | None:
        for item in self.agenda:
            if item.number == number and item.letter == letter:
                return item
        return None

    def documents_for(self, ref: ItemRef) -> tuple[str, ...]:
        """Documents of an item; a sub-item also lists those of its parent item."""
        found = self.item(ref.number, ref.letter)
        docs = list(found.documents) if found else []
        if ref.letter:
            parent = self.item(ref.number)
            if parent:
                docs.extend(d for d in parent.documents if d not in docs)
        return tuple(docs)

    @property
    def base_symbol(self) -> str | None:
        """The symbol without what marks a revision, a corrigendum or a reissue: one meeting has one."""
        from .identity import base_symbol

        return base_symbol(self.symbol) if self.symbol else None

    @cached_property
    def key(self) -> str:
        """A stable identity of the meeting, used in UIDs: the same in every language, never derived from a time.

        Computed once per meeting (every event's UID uses it); the model is frozen, and a changed
        copy (``model_copy(update=...)``) is a new object that computes its own.

        See ``identity.meeting_key``: the body (symbol stem or name in any language) and the first
        day; else the symbol without revision marks; else the title, transliterated or hashed.
        """
        from .identity import meeting_key

        return meeting_key(self)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by "-"; never empty, whatever the script (see ``identity.slugify``)."""
    from .identity import slugify as slug

    return slug(text)
