"""Word tables whose structure says what their cells mean: nested tables, body columns, full-width rows,
and timetables in several annexes. Each document is invented here and built with python-docx (or written
as text), so the test reads what a fresh document gives."""

from __future__ import annotations

from pathlib import Path

import docx
from lxml import etree

from schedule_export.pipeline import load_meeting

from .conftest import FIXTURES, utc_slots

LAYOUTS = FIXTURES / "layouts"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def notes(meeting) -> list[tuple[str, str | None, str]]:
    return [(n.date.isoformat(), n.body, n.text) for n in meeting.day_notes]


def messages(meeting) -> list[str]:
    return [str(f) for f in meeting.findings]


def _front(document, city_dates: str) -> None:
    for text in (
        "United Nations",
        "Distr.: General",
        "12 January 2031",
        "Intergovernmental Expert Group on Soil Governance",
        "Fourth session",
        city_dates,
        "Provisional agenda",
        "1. Opening of the session.",
        "2. Adoption of the agenda.",
        "3. Soil carbon inventories.",
        "4. Land degradation baselines.",
        "5. Adoption of the report.",
        "Annex",
        "Proposed organization of work",
    ):
        document.add_paragraph(text)


def _merge_down(cell, restart: bool) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    merge = etree.SubElement(tcpr, W + "vMerge")
    if restart:
        merge.set(W + "val", "restart")


def test_a_table_nested_in_a_word_cell_is_read_as_a_table_after_its_day(tmp_path: Path):
    # blind test: "Date | Programme" whose programme cells each hold a table of time | items gave no meeting
    document = docx.Document()
    _front(document, "Bonn, 3 and 4 March 2031")
    outer = document.add_table(rows=3, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "Date", "Programme"
    days = {
        1: ("Monday, 3 March 2031", [("9.30 a.m.–12.30 p.m.", "Items 1 and 2"), ("2.30–5.30 p.m.", "Item 3")]),
        2: ("Tuesday, 4 March 2031", [("2.30–5.30 p.m.", "Items 4 and 5")]),
    }
    for row, (day, meetings) in days.items():
        outer.cell(row, 0).text = day
        inner = outer.cell(row, 1).add_table(rows=len(meetings), cols=2)
        for position, (hours, items) in enumerate(meetings):
            inner.cell(position, 0).text, inner.cell(position, 1).text = hours, items
    path = tmp_path / "nested.docx"
    document.save(str(path))
    meeting = load_meeting(path)
    assert meeting.timezone == "Europe/Berlin"
    assert utc_slots(meeting) == [
        ("2031-03-03T08:30Z", "2031-03-03T11:30Z", None, ("1", "2")),
        ("2031-03-03T13:30Z", "2031-03-03T16:30Z", None, ("3",)),
        ("2031-03-04T13:30Z", "2031-03-04T16:30Z", None, ("4", "5")),
    ]
    assert notes(meeting) == []
    assert messages(meeting) == []


def test_a_week_row_spanning_the_whole_word_table_is_a_heading_not_a_note_of_the_meeting_above(tmp_path: Path):
    # blind test: "Deuxième semaine" merged across every column became a note of the Friday afternoon meeting
    document = docx.Document()
    _front(document, "Roma, 27 de febrero a 4 de marzo de 2031")
    rows = [
        ("Fecha", "Hora", "Tema", "Título"),
        ("Primera semana",),
        ("Jueves 27 de febrero", "10.00-13.00 horas", "Temas 1 y 2", "Apertura; aprobación del programa"),
        ("", "15.00-18.00 horas", "Tema 3", "Inventarios de carbono del suelo"),
        ("Viernes 28 de febrero", "15.00-18.00 horas", "Tema 3 (continuación)", "Inventarios de carbono del suelo"),
        ("Segunda semana",),
        ("Martes 4 de marzo", "10.00-13.00 horas", "Temas 4 y 5", "Bases de referencia; informe"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for index, values in enumerate(rows):
        if len(values) == 1:
            merged = table.cell(index, 0).merge(table.cell(index, 3))
            merged.text = values[0]
            continue
        for column, value in enumerate(values):
            table.cell(index, column).text = value
    path = tmp_path / "weeks.docx"
    document.save(str(path))
    meeting = load_meeting(path)
    assert meeting.language == "es"
    assert meeting.timezone == "Europe/Rome"
    assert utc_slots(meeting) == [
        ("2031-02-27T09:00Z", "2031-02-27T12:00Z", None, ("1", "2")),
        ("2031-02-27T14:00Z", "2031-02-27T17:00Z", None, ("3",)),
        ("2031-02-28T14:00Z", "2031-02-28T17:00Z", None, ("3+",)),
        ("2031-03-04T09:00Z", "2031-03-04T12:00Z", None, ("4", "5")),
    ]
    assert all(s.notes == () for s in meeting.sessions)
    assert notes(meeting) == []
    assert messages(meeting) == []


def test_a_body_column_of_a_word_table_gives_each_row_its_body_and_its_no_meeting_note(tmp_path: Path):
    # blind test: Date | Time | Body | Agenda items, the day merged down over four rows: the second body's
    # meetings were folded into the plenary with "Plenary" and "Committee of the Whole" as notes
    document = docx.Document()
    _front(document, "Vienna, 10 and 11 June 2031")
    rows = [
        ("Date", "Time", "Body", "Agenda items"),
        ("Tuesday, 10 June", "9 a.m.–noon", "Plenary", "Items 1 and 2"),
        ("", "9 a.m.–noon", "Committee of the Whole", "Item 3"),
        ("", "2–5 p.m.", "Plenary", "Item 4"),
        ("", "2–5 p.m.", "Committee of the Whole", "Item 3 (continued)"),
        ("Wednesday, 11 June", "9 a.m.–noon", "Committee of the Whole", "No meeting"),
        ("", "9 a.m.–noon", "Plenary", "Item 5"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for index, values in enumerate(rows):
        for column, value in enumerate(values):
            table.cell(index, column).text = value
    for first, count in ((1, 4), (5, 2)):  # each day's cell merged down over its rows, as Word stores it
        for index in range(first, first + count):
            _merge_down(table.cell(index, 0), restart=index == first)
    path = tmp_path / "body_column.docx"
    document.save(str(path))
    meeting = load_meeting(path)
    assert meeting.timezone == "Europe/Vienna"
    assert utc_slots(meeting) == [
        ("2031-06-10T07:00Z", "2031-06-10T10:00Z", "Plenary", ("1", "2")),
        ("2031-06-10T07:00Z", "2031-06-10T10:00Z", "Committee of the Whole", ("3",)),
        ("2031-06-10T12:00Z", "2031-06-10T15:00Z", "Plenary", ("4",)),
        ("2031-06-10T12:00Z", "2031-06-10T15:00Z", "Committee of the Whole", ("3+",)),
        ("2031-06-11T07:00Z", "2031-06-11T10:00Z", "Plenary", ("5",)),
    ]
    assert all(s.notes == () for s in meeting.sessions)
    assert notes(meeting) == [("2031-06-11", "Committee of the Whole", "No meeting")]
    assert messages(meeting) == []


def test_a_timetable_per_body_in_two_annexes_gives_both_bodies_meetings():
    # blind test: Annex I (plenary) and Annex II (Committee of the Whole): the second annex was dropped without a word
    meeting = load_meeting(LAYOUTS / "fr_annex_per_body.md")  # a long paragraph between the annexes: two clusters
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2030-11-18T09:00Z", "2030-11-18T12:00Z", "Plénière", ("1", "2")),
        ("2030-11-18T14:00Z", "2030-11-18T17:00Z", "Plénière", ("3",)),
        ("2030-11-18T14:00Z", "2030-11-18T17:00Z", "Commission plénière", ("4",)),
        ("2030-11-19T09:00Z", "2030-11-19T12:00Z", "Commission plénière", ("4+",)),
        ("2030-11-20T14:00Z", "2030-11-20T17:00Z", "Plénière", ("5",)),
    ]
    assert notes(meeting) == [("2030-11-19", "Commission plénière", "Pas de séance")]
    assert messages(meeting) == []


TWO_ANNEXES = """United Nations
Assembly of the Parties to the Convention on Mountain Watersheds
Distr.: General
2 May 2029
Second session
Vienna, 10-12 September 2029

Provisional agenda

1. Opening of the session.
2. Adoption of the agenda.
3. Glacier monitoring networks.
4. Transboundary flood warnings.
5. Adoption of the report.

Annex I

Proposed organization of work of the plenary

Date\tTime\tAgenda item
Monday, 10 September\t10 a.m.-1 p.m.\tItems 1 and 2
\t3-6 p.m.\tItem 3
Wednesday, 12 September\t3-6 p.m.\tItem 5

Annex II

Proposed organization of work of the Committee of the Whole

Date\tTime\tAgenda item
Tuesday, 11 September\t10 a.m.-1 p.m.\tItem 4
{extra}"""


def test_annexes_right_after_each_other_are_one_timetable_per_body(tmp_path: Path):
    # the annexes close together make one region: "Annex II" used to end the timetable there
    path = tmp_path / "two_annexes.txt"
    path.write_text(TWO_ANNEXES.format(extra="\t3-6 p.m.\tItem 4 (continued)\n"), encoding="utf-8")
    meeting = load_meeting(path)
    assert utc_slots(meeting) == [
        ("2029-09-10T08:00Z", "2029-09-10T11:00Z", "Plenary", ("1", "2")),
        ("2029-09-10T13:00Z", "2029-09-10T16:00Z", "Plenary", ("3",)),
        ("2029-09-11T08:00Z", "2029-09-11T11:00Z", "Committee of the Whole", ("4",)),
        ("2029-09-11T13:00Z", "2029-09-11T16:00Z", "Committee of the Whole", ("4+",)),
        ("2029-09-12T13:00Z", "2029-09-12T16:00Z", "Plenary", ("5",)),
    ]
    assert messages(meeting) == []


def test_two_timetables_giving_the_same_body_the_same_slot_warn_instead_of_merging_silently(tmp_path: Path):
    path = tmp_path / "overlap.txt"
    text = TWO_ANNEXES.format(extra="") + "\nAnnex III\n\nProposed organization of work of the Committee of the Whole (second week)\n\n"
    text += "Date\tTime\tAgenda item\nTuesday, 11 September\t10 a.m.-1 p.m.\tItem 4 (continued)\n"
    path.write_text(text, encoding="utf-8")
    meeting = load_meeting(path)
    assert utc_slots(meeting)[2] == ("2029-09-11T08:00Z", "2029-09-11T11:00Z", "Committee of the Whole", ("4", "4+"))
    assert any(
        "two timetables give Committee of the Whole a meeting on 2029-09-11 at 10:00-13:00; read as one meeting" in m for m in messages(meeting)
    )
