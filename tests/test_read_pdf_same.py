"""A PDF of a document gives the same meetings as the document: regression tests named after what broke.

Found by bench/pdf_same.py (HTML fixtures printed by WeasyPrint, Word fixtures by LibreOffice). The
fixtures are invented agendas built by tests/fixtures/reading/build.py, each beside its PDF.
"""

from __future__ import annotations

from schedule_export.pipeline import load_meeting
from schedule_export.read import Paragraph, Table, read_document

from .conftest import FIXTURES, utc_slots

READING = FIXTURES / "reading"


def blocks(path) -> list[object]:
    """Paragraph texts and tables as lists of row texts, in order."""
    return [[list(row.texts) for row in block.rows] if isinstance(block, Table) else block.text
            for block in read_document(path).blocks if isinstance(block, (Paragraph, Table))]


def test_heading_between_two_borderless_tables_ends_the_first_table():
    # "Week two" between the weeks' tables joined them into one table whose columns were those of both
    # (the days of the second week stand a little right of the first week's): 6 columns, cells cut in two
    found = blocks(READING / "en_two_weeks_as_columns_weasyprint.pdf")
    week_one = found.index("Week one")
    assert found[week_one + 1] == [
        ["Time", "Monday", "Tuesday", "Thursday"],
        ["", "7 March", "8 March", "10 March"],
        ["10 a.m.-1 p.m.", "Items 1 and 2", "Item 3", "Item 3 (continued)"],
        ["3-6 p.m.", "Item 3", "No meeting", "Item 4"],
    ]
    assert found[week_one + 2] == "Week two"
    assert found[week_one + 3] == [
        ["Time", "Monday", "Wednesday", "Friday"],
        ["", "14 March", "16 March", "18 March"],
        ["10 a.m.-1 p.m.", "Item 4 (continued)", "Item 5", "Item 6"],
        ["3-6 p.m.", "Item 5", "Item 5 (continued)", "No meeting"],
    ]


def test_two_weeks_as_columns_printed_gives_the_meetings_of_the_page():
    printed = load_meeting(READING / "en_two_weeks_as_columns_weasyprint.pdf")
    assert utc_slots(printed) == utc_slots(load_meeting(READING / "en_two_weeks_as_columns.html"))
    assert len(printed.sessions) == 10


def test_one_line_cells_centred_beside_a_wrapped_time_move_to_its_first_line():
    # WeasyPrint centres cells: "1 and 2" stood halfway down "10.00-13.00 / hours" (a cell to its left),
    # a row of its own, the time with no item beside it and the item with no time
    found = blocks(READING / "en_centred_beside_wrapped_time_weasyprint.pdf")
    [annex] = [block for block in found if isinstance(block, list)]
    assert annex == [
        ["Date", "Time", "Item", "Title"],
        ["Monday, 10 April", "10.00-13.00", "1 and 2", "Opening; agenda"],
        ["", "hours", "", ""],
        ["", "15.00-18.00", "3", "Reef monitoring"],
        ["", "hours", "", ""],
        ["Tuesday, 11 April", "10.00-13.00", "3", "Reef monitoring (continued)"],
        ["", "hours", "", ""],
        ["Wednesday, 12 April", "10.00-13.00", "", "Informal consultations"],
        ["", "hours", "", ""],
        ["", "15.00-18.00", "4", "Adoption of the report"],
        ["", "hours", "", ""],
    ]


def test_centred_cells_printed_give_the_meetings_of_the_page():
    printed = load_meeting(READING / "en_centred_beside_wrapped_time_weasyprint.pdf")
    assert utc_slots(printed) == utc_slots(load_meeting(READING / "en_centred_beside_wrapped_time.html"))
    assert len(printed.sessions) == 4
