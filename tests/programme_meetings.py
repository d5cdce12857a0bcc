"""Hand-built meetings for the programme renderers (HTML, PDF), one per situation worth printing.

Built directly on the model so the renderers are tested before, and apart from, the parser.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from schedule_export.model import AgendaItem, Deadline, ItemRef, Meeting, Session

VIENNA = ZoneInfo("Europe/Vienna")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIENNA)


def french_working_group() -> Meeting:
    """Shaped like examples/000: three days, morning and afternoon, a continued item, documents."""
    monday, tuesday, wednesday = date(2019, 9, 9), date(2019, 9, 10), date(2019, 9, 11)
    agenda = (
        AgendaItem(number=1, title="Questions d'organisation"),
        AgendaItem(number=1, letter="a", title="Ouverture de la réunion"),
        AgendaItem(number=1, letter="b", title="Adoption de l'ordre du jour et organisation des travaux"),
        AgendaItem(number=2, title="Mesures de prévention de la criminalité relatives à la traite des personnes", documents=("CTOC/COP/WG.4/2019/2",)),
        AgendaItem(number=3, title="Les agents diplomatiques et consulaires et la traite des êtres humains", documents=("CTOC/COP/WG.4/2019/3",)),
        AgendaItem(number=4, title="Questions diverses", documents=("CTOC/COP/WG.4/2019/4",)),
        AgendaItem(number=5, title="Adoption du rapport"),
    )
    sessions = (
        Session(start=at(monday, 10), end=at(monday, 13), ordinal=1, items=(ItemRef(number=1, letter="a", title="Ouverture de la réunion"), ItemRef(number=1, letter="b", title="Adoption de l'ordre du jour et organisation des travaux"))),
        Session(start=at(monday, 15), end=at(monday, 18), ordinal=2, items=(ItemRef(number=2, title="Mesures de prévention de la criminalité relatives à la traite des personnes"),)),
        Session(start=at(tuesday, 10), end=at(tuesday, 13), ordinal=3, items=(ItemRef(number=2, title="Mesures de prévention de la criminalité relatives à la traite des personnes", continued=True), ItemRef(number=3, title="Les agents diplomatiques et consulaires et la traite des êtres humains"))),
        Session(start=at(tuesday, 15), end=at(tuesday, 18), ordinal=4, items=(ItemRef(number=3, title="Les agents diplomatiques et consulaires et la traite des êtres humains", continued=True),)),
        Session(start=at(wednesday, 10), end=at(wednesday, 13), ordinal=5, items=(ItemRef(number=4, title="Questions diverses"), ItemRef(number=5, title="Adoption du rapport"))),
    )
    return Meeting(
        source="fr_working_group.txt",
        language="fr",
        parent_body="Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée",
        title="Groupe de travail sur la traite des personnes",
        ordinal=9,
        city="Vienne",
        first_day=monday,
        last_day=wednesday,
        symbol="CTOC/COP/WG.4/2019/1",
        document_date=date(2019, 6, 18),
        agenda=agenda,
        sessions=sessions,
    )


def english_parallel_bodies() -> Meeting:
    """Two bodies meeting at the same hours on the same days, hybrid, in English."""
    day1, day2 = date(2024, 6, 3), date(2024, 6, 4)
    agenda = (
        AgendaItem(number=1, title="Opening of the session"),
        AgendaItem(number=2, title="Review of implementation", documents=("CAC/COSP/IRG/2024/2", "CAC/COSP/IRG/2024/3")),
        AgendaItem(number=3, title="Technical assistance", documents=("CAC/COSP/WG.1/2024/2",)),
        AgendaItem(number=4, title="Adoption of the report"),
    )
    group, working = "Implementation Review Group", "Working Group on Prevention"
    sessions = (
        Session(start=at(day1, 10), end=at(day1, 13), body=group, ordinal=1, items=(ItemRef(number=1, title="Opening of the session"), ItemRef(number=2, title="Review of implementation"))),
        Session(start=at(day1, 10), end=at(day1, 13), body=working, ordinal=1, items=(ItemRef(number=3, title="Technical assistance"),)),
        Session(start=at(day1, 15), end=at(day1, 18), body=group, ordinal=2, items=(ItemRef(number=2, title="Review of implementation", continued=True),)),
        Session(start=at(day1, 15), end=at(day1, 18), body=working, ordinal=2, items=(ItemRef(number=3, title="Technical assistance", continued=True),)),
        Session(start=at(day2, 10), end=at(day2, 12, 30), body=group, ordinal=3, items=(ItemRef(number=4, title="Adoption of the report"),), notes=("Informal consultations follow in room M3.",)),
    )
    return Meeting(
        source="en_parallel.txt",
        language="en",
        parent_body="Conference of the States Parties to the United Nations Convention against Corruption",
        title="Implementation Review Group",
        ordinal=15,
        city="Vienna",
        first_day=day1,
        last_day=day2,
        symbol="CAC/COSP/IRG/2024/1",
        document_date=date(2024, 3, 20),
        hybrid=True,
        agenda=agenda,
        sessions=sessions,
    )


def spanish_meeting() -> Meeting:
    day = date(2023, 5, 22)
    agenda = (
        AgendaItem(number=1, title="Apertura del período de sesiones"),
        AgendaItem(number=2, title="Debate temático", documents=("E/CN.15/2023/2",)),
    )
    sessions = (
        Session(start=at(day, 10), end=at(day, 13), ordinal=1, items=(ItemRef(number=1, title="Apertura del período de sesiones"),)),
        Session(start=at(day, 15), end=at(day, 18), ordinal=2, items=(ItemRef(number=2, title="Debate temático"),)),
    )
    return Meeting(
        source="es_meeting.txt",
        language="es",
        title="Comisión de Prevención del Delito y Justicia Penal",
        ordinal=32,
        city="Viena",
        first_day=day,
        last_day=day,
        symbol="E/CN.15/2023/1",
        agenda=agenda,
        sessions=sessions,
    )


def dst_crossing() -> Meeting:
    """Friday 25 to Monday 28 October 2019: Vienna leaves summer time on the 27th, New York only on 3 November."""
    friday, monday = date(2019, 10, 25), date(2019, 10, 28)
    agenda = (AgendaItem(number=1, title="Opening"), AgendaItem(number=2, title="Closing"))
    sessions = (
        Session(start=at(friday, 10), end=at(friday, 13), ordinal=1, items=(ItemRef(number=1, title="Opening"),)),
        Session(start=at(monday, 10), end=at(monday, 13), ordinal=2, items=(ItemRef(number=2, title="Closing"),)),
    )
    return Meeting(source="dst.txt", language="en", title="Expert Group on Summer Time", city="Vienna", first_day=friday, last_day=monday, agenda=agenda, sessions=sessions)


def without_timetable() -> Meeting:
    """Shaped like examples/003: a note verbale with days, topics and a registration deadline but no timed annex."""
    return Meeting(
        source="note_verbale.txt",
        language="fr",
        title="Groupe de travail provisoire à composition non limitée sur la traite des personnes",
        ordinal=2,
        city="Vienne",
        first_day=date(2010, 1, 27),
        last_day=date(2010, 1, 29),
        topics=(
            "Analyse de concepts clefs du Protocole relatif à la traite des personnes",
            "Bonnes pratiques et outils pour décourager la demande de services liés à l'exploitation",
        ),
        deadlines=(Deadline(date=date(2010, 1, 15), label="Date limite d'inscription", text="Composition de la délégation à envoyer au Secrétariat."),),
    )


def hostile_text() -> Meeting:
    """Document text that looks like markup must print as text."""
    day = date(2022, 3, 14)
    title = 'Group <script>alert("x")</script> & "friends"'
    return Meeting(
        source="hostile.txt",
        language="en",
        title=title,
        parent_body="<b>Bold</b> body",
        city="Vienna</style>",
        first_day=day,
        last_day=day,
        symbol='A/<img src=x onerror="alert(1)">',
        agenda=(AgendaItem(number=1, title="<i>Item</i> & more", documents=('X/"Y"&<Z>',)),),
        sessions=(
            Session(start=at(day, 10), end=at(day, 13), body="<u>Body</u>", ordinal=1, items=(ItemRef(number=1, title="<i>Item</i> & more"),), notes=("<marquee>note</marquee>",)),
            Session(start=at(day, 10), end=at(day, 13), body="Other & body", ordinal=1, items=(ItemRef(number=1, title="<i>Item</i> & more", continued=True),)),
        ),
    )


HAND_BUILT = {
    "french_working_group": french_working_group,
    "english_parallel_bodies": english_parallel_bodies,
    "spanish_meeting": spanish_meeting,
    "dst_crossing": dst_crossing,
    "without_timetable": without_timetable,
    "hostile_text": hostile_text,
}


def long_meeting(days: int = 5, sessions_per_day: int = 2, items_per_session: int = 4) -> Meeting:
    """Enough to fill several pages: every title names its day, session and item so a page can be checked for it."""
    first = date(2025, 3, 10)
    agenda: list[AgendaItem] = []
    sessions: list[Session] = []
    number = 0
    for day_index in range(days):
        day = date.fromordinal(first.toordinal() + day_index)
        for session_index in range(sessions_per_day):
            refs = []
            for _ in range(items_per_session):
                number += 1
                title = f"Topic {number} of day {day_index + 1}, a long description of the matter that the meeting will take up under this item"
                agenda.append(AgendaItem(number=number, title=title, documents=(f"E/CN.7/2025/{number}",)))
                refs.append(ItemRef(number=number, title=title))
            start_hour = 10 + session_index * 5 if sessions_per_day <= 2 else 8 + session_index
            end_hour = start_hour + (3 if sessions_per_day <= 2 else 1)
            sessions.append(Session(start=at(day, start_hour), end=at(day, end_hour), ordinal=len(sessions) + 1, items=tuple(refs)))
    return Meeting(
        source="long.txt",
        language="en",
        parent_body="Economic and Social Council",
        title="Commission on Narcotic Drugs",
        ordinal=68,
        city="Vienna",
        first_day=first,
        last_day=date.fromordinal(first.toordinal() + days - 1),
        symbol="E/CN.7/2025/1",
        agenda=tuple(agenda),
        sessions=tuple(sessions),
    )


def many_scripts() -> Meeting:
    """Titles in Cyrillic, Arabic and Chinese: the PDF needs fonts for each."""
    day = date(2024, 11, 4)
    titles = ("Открытие сессии", "افتتاح الدورة", "会议开幕", "Clôture")
    return Meeting(
        source="scripts.txt",
        language="en",
        title="Рабочая группа — الفريق العامل — 工作组",
        city="Vienna",
        first_day=day,
        last_day=day,
        agenda=tuple(AgendaItem(number=n + 1, title=t) for n, t in enumerate(titles)),
        sessions=(Session(start=at(day, 10), end=at(day, 13), ordinal=1, items=tuple(ItemRef(number=n + 1, title=t) for n, t in enumerate(titles))),),
    )
