"""Hand-built meetings for the email, text and .eml tests (until the parser reads examples/ on main).

Each builder returns a validated ``Meeting`` shaped like a real annotated agenda:
parallel bodies, continued items, documents, deadlines, a meeting without a timetable,
and one that spans the end of summer time in Vienna.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from schedule_export.model import AgendaItem, Deadline, ItemRef, Meeting, Session
from schedule_export.pipeline import load_meeting

from .conftest import EXAMPLES, FIXTURES

VIENNA = ZoneInfo("Europe/Vienna")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIENNA)


def french_parallel_bodies() -> Meeting:
    """Two bodies meeting side by side, as in the annex of a Conference of the Parties."""
    d1, d2, d3 = date(2019, 10, 25), date(2019, 10, 28), date(2019, 10, 29)
    conference = "Conférence des Parties"
    committee = "Comité plénier"
    agenda = (
        AgendaItem(number=1, title="Questions d'organisation", documents=("CTOC/COP/2019/1",)),
        AgendaItem(number=1, letter="a", title="Ouverture de la session"),
        AgendaItem(number=1, letter="b", title="Adoption de l'ordre du jour et organisation des travaux"),
        AgendaItem(
            number=2,
            title=(
                "Examen de l'application de la Convention des Nations Unies contre la criminalité transnationale "
                "organisée et des Protocoles s'y rapportant, y compris les mécanismes d'examen et leur financement"
            ),
            documents=("CTOC/COP/2019/2", "CTOC/COP/2019/3"),
        ),
        AgendaItem(number=3, title="Traite des personnes", documents=("CTOC/COP/WG.4/2019/4",)),
        AgendaItem(number=4, title="Adoption du rapport"),
    )
    sessions = (
        Session(start=at(d1, 10), end=at(d1, 13), body=conference, ordinal=1, items=(
            ItemRef(number=1, letter="a"), ItemRef(number=1, letter="b"), ItemRef(number=2),
        )),
        Session(start=at(d1, 10), end=at(d1, 13), body=committee, ordinal=1, items=(ItemRef(number=3),)),
        Session(start=at(d1, 15), end=at(d1, 18), body=conference, ordinal=2, items=(ItemRef(number=2, continued=True),)),
        # Monday after the clocks went back: UTC+1 instead of UTC+2
        Session(start=at(d2, 10), end=at(d2, 13), body=committee, ordinal=2, items=(ItemRef(number=3, continued=True),),
                notes=("Consultations informelles ouvertes à toutes les délégations.",)),
        Session(start=at(d3, 15, 30), end=at(d3, 18), body=conference, ordinal=3, items=(ItemRef(number=4),)),
    )
    return Meeting(
        source="cop-2019.txt", language="fr", parent_body="Convention des Nations Unies contre la criminalité transnationale organisée",
        title="Conférence des Parties à la Convention", ordinal=10, city="Vienne", first_day=d1, last_day=d3,
        symbol="CTOC/COP/2019/1", document_date=date(2019, 8, 1), agenda=agenda, sessions=sessions,
        deadlines=(Deadline(date=date(2019, 9, 30), label="Date limite d'inscription", text="Inscription en ligne."),),
    )


def english_single_body() -> Meeting:
    day1, day2 = date(2024, 6, 3), date(2024, 6, 4)
    agenda = (
        AgendaItem(number=1, title="Opening of the meeting"),
        AgendaItem(number=2, title="Adoption of the agenda", documents=("CTOC/COP/WG.6/2024/1",)),
        AgendaItem(number=3, title="Firearms: illicit manufacturing and trafficking, including parts, components and ammunition"),
        AgendaItem(number=4, title="Adoption of the report"),
    )
    sessions = (
        Session(start=at(day1, 10), end=at(day1, 12), ordinal=1, items=(ItemRef(number=1), ItemRef(number=2))),
        Session(start=at(day1, 15), end=at(day1, 18), ordinal=2, items=(ItemRef(number=3),)),
        Session(start=at(day2, 12), end=at(day2, 13, 30), ordinal=3, items=(ItemRef(number=3, continued=True), ItemRef(number=4))),
    )
    return Meeting(
        source="firearms-2024.txt", language="en", title="Working Group on Firearms", ordinal=11, city="Vienna",
        first_day=day1, last_day=day2, symbol="CTOC/COP/WG.6/2024/1", document_date=date(2024, 3, 20),
        agenda=agenda, sessions=sessions, hybrid=True,
    )


def spanish_single_body() -> Meeting:
    day = date(2023, 5, 22)
    agenda = (
        AgendaItem(number=1, title="Apertura del período de sesiones"),
        AgendaItem(number=2, title="Aprobación del programa", documents=("CAC/COSP/IRG/2023/1",)),
        AgendaItem(number=3, title="Examen de la aplicación de la Convención de las Naciones Unidas contra la Corrupción"),
    )
    sessions = (
        Session(start=at(day, 10), end=at(day, 13), ordinal=1, items=(ItemRef(number=1), ItemRef(number=2))),
        Session(start=at(day, 15), end=at(day, 18), ordinal=2, items=(ItemRef(number=3),)),
    )
    return Meeting(
        source="irg-2023.txt", language="es", title="Grupo de Examen de la Aplicación", ordinal=14, city="Viena",
        first_day=day, last_day=day, symbol="CAC/COSP/IRG/2023/1", document_date=date(2023, 3, 1),
        agenda=agenda, sessions=sessions,
    )


def french_no_timetable() -> Meeting:
    """A note verbale: only the days, topics and a deadline are known."""
    return Meeting(
        source="note-verbale.txt", language="fr", title="Réunion intergouvernementale d'experts", city="Vienne",
        first_day=date(2025, 3, 10), last_day=date(2025, 3, 12), document_date=date(2024, 12, 2),
        topics=("Coopération internationale en matière pénale", "Recouvrement d'avoirs"),
        agenda=(AgendaItem(number=1, title="Questions d'organisation"), AgendaItem(number=2, title="Coopération internationale")),
        deadlines=(Deadline(date=date(2025, 2, 7), label="Date limite d'inscription", text="Les inscriptions se font en ligne."),),
    )


ALL_MEETINGS = {
    "french-parallel": french_parallel_bodies,
    "english": english_single_body,
    "spanish": spanish_single_body,
    "no-timetable": french_no_timetable,
}


def documents() -> list[Path]:
    """Every real and hand-written document the parser reads."""
    return sorted(EXAMPLES.glob("*.txt")) + sorted(path for path in FIXTURES.iterdir() if path.is_file())  # subfolders hold other suites


@cache
def programme(name: str) -> Meeting:
    """A meeting by name: a hand-built one, or a document in examples/ or tests/fixtures/ read by the real parser."""
    if name in ALL_MEETINGS:
        return ALL_MEETINGS[name]()
    for path in documents():
        if path.name == name:
            return load_meeting(path)
    raise KeyError(name)


PROGRAMMES: list[str] = list(ALL_MEETINGS) + [path.name for path in documents()]
