"""Hand-built meetings for tests that must not depend on the parser: a working group in Vienna, September 2019."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from schedule_export.model import AgendaItem, ItemRef, Meeting, Session

VIENNA = ZoneInfo("Europe/Vienna")

# (day of September 2019, start hour, end hour, item keys)
WORKING_GROUP_TIMETABLE: tuple[tuple[int, int, int, tuple[str, ...]], ...] = (
    (9, 10, 13, ("1a", "1b")),
    (9, 15, 18, ("2",)),
    (10, 10, 13, ("3",)),
    (10, 15, 18, ("3+",)),
    (11, 10, 13, ("4", "5")),
)


def item_ref(key: str) -> ItemRef:
    continued = key.endswith("+")
    key = key.rstrip("+")
    number = int("".join(c for c in key if c.isdigit()))
    letter = "".join(c for c in key if c.isalpha()) or None
    return ItemRef(number=number, letter=letter, title=f"Point {key}", continued=continued)


def session(day: int, start: int, end: int, items: tuple[str, ...], ordinal: int, body: str | None = None) -> Session:
    return Session(
        start=datetime(2019, 9, day, start, tzinfo=VIENNA),
        end=datetime(2019, 9, day, end, tzinfo=VIENNA),
        body=body,
        ordinal=ordinal,
        items=tuple(item_ref(k) for k in items),
    )


def working_group(
    timetable: tuple[tuple[int, int, int, tuple[str, ...]], ...] = WORKING_GROUP_TIMETABLE,
    source: str = "wg.txt",
    document_date: date = date(2019, 6, 18),
    symbol: str | None = "CTOC/COP/WG.4/2019/1",
) -> Meeting:
    sessions = tuple(session(d, s, e, items, ordinal) for ordinal, (d, s, e, items) in enumerate(timetable, start=1))
    return Meeting(
        source=source,
        language="fr",
        title="Groupe de travail sur la traite des personnes",
        ordinal=9,
        city="Vienne",
        first_day=date(2019, 9, 9),
        last_day=date(2019, 9, 11),
        symbol=symbol,
        document_date=document_date,
        agenda=tuple(AgendaItem(number=n, letter=l, title=f"Point {n}{l or ''}") for n, l in
                     ((1, None), (1, "a"), (1, "b"), (2, None), (3, None), (4, None), (5, None))),
        sessions=sessions,
    )


def without(timetable, index: int):
    return timetable[:index] + timetable[index + 1:]


def replaced(timetable, index: int, row):
    return timetable[:index] + (row,) + timetable[index + 1:]
