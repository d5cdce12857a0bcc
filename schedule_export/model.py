"""The meeting model: what a document says, validated and frozen.

Every renderer reads only this model. Times are stored as timezone-aware
datetimes in the meeting's zone; the IANA zone name is kept on the meeting
because JSON keeps only the UTC offset.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

DEFAULT_TIMEZONE = "Europe/Vienna"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Finding(_Frozen):
    """Something in a document that is ambiguous or contradictory: reported, never silently fixed."""

    source: str
    line: int | None = None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class AgendaItem(_Frozen):
    number: int = Field(ge=0)
    letter: str | None = Field(default=None, pattern=r"^[a-z]{1,3}$")
    title: str
    documents: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.number}{self.letter or ''}"


class ItemRef(_Frozen):
    """An agenda item taken up in one session."""

    number: int = Field(ge=0)
    letter: str | None = Field(default=None, pattern=r"^[a-z]{1,3}$")
    title: str = ""
    continued: bool = False

    @property
    def key(self) -> str:
        return f"{self.number}{self.letter or ''}"


class Session(_Frozen):
    """One timed meeting of the annex (a morning or afternoon meeting of one body)."""

    start: AwareDatetime
    end: AwareDatetime
    body: str | None = None
    ordinal: int = Field(ge=1, description="1-based position among the sessions of the same body")
    items: tuple[ItemRef, ...] = ()
    notes: tuple[str, ...] = ()
    line: int | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Session:
        if self.end <= self.start:
            raise ValueError("a session must end after it starts")
        return self

    @property
    def date(self) -> date:
        return self.start.date()


class DayNote(_Frozen):
    """What the timetable says of a day or slot that is not a meeting: "No meeting", "Informal consultations"."""

    date: date
    text: str
    body: str | None = None
    line: int | None = None


class Deadline(_Frozen):
    """A dated step stated in the text, such as the registration deadline."""

    date: date
    label: str
    text: str = ""
    line: int | None = None


class Meeting(_Frozen):
    source: str = Field(description="file name of the document read")
    language: str
    timezone: str = DEFAULT_TIMEZONE
    parent_body: str | None = None
    title: str
    ordinal: int | None = Field(default=None, ge=1)
    ordinal_text: str | None = Field(default=None, description="the ordinal and noun as the document writes them: 'Thirty-fifth session'")
    city: str | None = None
    venue: str | None = Field(default=None, description="the conference centre the document names: 'Vienna International Centre'")
    first_day: date
    last_day: date
    symbol: str | None = None
    document_date: date | None = None
    hybrid: bool = False
    agenda: tuple[AgendaItem, ...] = ()
    topics: tuple[str, ...] = ()
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

    @model_validator(mode="after")
    def _days_in_order(self) -> Meeting:
        if self.last_day < self.first_day:
            raise ValueError("the last day of a meeting cannot come before its first day")
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
    def key(self) -> str:
        """A stable identity of the meeting, used in UIDs: the same in every language, never derived from a time.

        See ``identity.meeting_key``: the body (symbol stem or name in any language) and the first
        day; else the symbol without revision marks; else the title, transliterated or hashed.
        """
        from .identity import meeting_key

        return meeting_key(self)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by "-"; never empty, whatever the script (see ``identity.slugify``)."""
    from .identity import slugify as slug

    return slug(text)
