"""Readers: encodings, binary input, markup, HTML lists and tables."""

from __future__ import annotations

import pytest

from schedule_export.errors import InputError
from schedule_export.read import Table, read_bytes, read_document

from .conftest import FIXTURES


def test_windows_1252_is_read_with_a_warning():
    document = read_bytes("Réunion\nVienne, 9-11 septembre 2019\n".encode("cp1252"), "old.txt")
    assert document.lines[0].text == "Réunion"
    assert "not valid UTF-8" in str(document.findings[0])


def test_double_encoded_utf8_is_repaired_with_a_warning():
    document = read_bytes("Réunion à Vienne\n".encode("utf-8").decode("cp1252").encode("utf-8"), "twice.txt")
    assert document.lines[0].text == "Réunion à Vienne"
    assert "encoded twice" in str(document.findings[0])


@pytest.mark.parametrize(("data", "reason"), [(b"", "is empty"), (b"  \n\n", "is empty"), (b"GIF89a\x00\x01\x02", "is a binary file")])
def test_unreadable_input_says_why(data, reason):
    with pytest.raises(InputError, match=reason):
        read_bytes(data, "bad.txt")


def test_markdown_pipe_rows_and_markup_become_clean_cells():
    document = read_bytes(b"| *Date* | **Item** |\n|---|---|\n| [A/1](#) | 2 ( <i>suite</i> ) |\n", "t.md")
    assert [line.cells for line in document.lines] == [("Date", "Item"), ("A/1", "2 ( suite )")]


def test_html_lists_are_numbered_and_tables_keep_their_cells():
    html = b"<html><body><ol><li>Opening<ol type='a'><li>One</li><li>Two</li></ol></li><li>Other</li></ol>" \
        b"<table><tr><td>10&ndash;13</td><td>1 (a)</td></tr></table><script>x()</script></body></html>"
    document = read_bytes(html, "t.html")
    texts = [line.text for line in document.lines]
    assert texts[:4] == ["1. Opening", "a) One", "b) Two", "2. Other"]
    assert document.lines[-1].cells == ("10\u201313", "1 (a)")
    assert not any("x()" in t for t in texts)


def test_a_numbered_list_set_with_wide_gaps_is_paragraphs_not_a_table():
    # "1.   Opening of the meeting." in a text agenda made the whole document one aligned table
    text = "Provisional agenda\n\n1.   Opening of the meeting.\n2.   Adoption of the agenda.\n(a)   Election of officers.\n\nAnnotations\n"
    blocks = read_bytes(text.encode(), "x.txt").blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph"] * 5
    assert [b.text for b in blocks][1:4] == ["1. Opening of the meeting.", "2. Adoption of the agenda.", "(a) Election of officers."]


def test_a_heading_alone_between_blank_lines_ends_an_aligned_table():
    text = (
        "Date            Time           Item\n"
        "Monday, 3 May   10 a.m.-1 p.m. Item 1\n"
        "\n"
        "Annex II\n"
        "\n"
        "Date            Time           Item\n"
        "Monday, 3 May   3 p.m.-6 p.m.  Item 2\n"
    )
    blocks = read_bytes(text.encode(), "x.txt").blocks
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]
    assert blocks[1].text == "Annex II"
    assert [c.text for c in blocks[2].rows[1].cells] == ["Monday, 3 May", "3 p.m.-6 p.m.", "Item 2"]


def test_a_word_ending_one_page_and_starting_the_next_is_not_page_furniture():
    # "reporting" closed page 1 and a wrapped title's "reporting" opened page 2: both were set aside as a running header
    body = "".join(f"Paragraph {n} of the annotations.\n" for n in range(6))
    text = (
        f"Working Group report\n{body}Date   Time   Title\nMonday   10-13   Harmonized\n          mass-balance\n          reporting\n"
        f"\fWorking Group report\n          reporting\n          (continued)\n{body}end of text\n"
    )
    document = read_bytes(text.encode(), "x.txt")
    assert document.furniture == ("Working Group report",)
    assert sum(line.text.count("reporting") for line in document.lines) == 2


def test_grid_table_padded_by_display_width_keeps_chinese_cells_whole():
    # pandoc pads Chinese text by display width (a wide character fills two columns): the reader cut the
    # cells at the border's character positions ("月13日 | 3月"), and the timetable was lost
    from schedule_export.pipeline import load_meeting

    from .conftest import utc_slots

    path = FIXTURES / "regressions" / "zh_grid_padded_by_display_width.txt"
    table = next(block for block in read_document(path).blocks if isinstance(block, Table))
    assert [cell.lines for cell in table.rows[0].cells] == [(), ("3月12日", "星期二"), ("3月13日", "星期三"), ("3月14日", "星期四")]
    meeting = load_meeting(path)
    assert utc_slots(meeting) == [
        ("2030-03-12T09:00Z", "2030-03-12T12:00Z", None, ("1", "2")),
        ("2030-03-12T14:00Z", "2030-03-12T17:00Z", None, ("3",)),
        ("2030-03-13T09:00Z", "2030-03-13T12:00Z", None, ("3+",)),
        ("2030-03-13T14:00Z", "2030-03-13T17:00Z", None, ("4",)),
        ("2030-03-14T09:00Z", "2030-03-14T12:00Z", None, ("5",)),
        ("2030-03-14T14:00Z", "2030-03-14T17:00Z", None, ("6",)),
    ]
    assert not meeting.findings  # "星期二" under its date is the day's weekday, not stray text


def test_line_breaks_in_a_pipe_table_cell_part_its_lines():
    # "Item 1. Opening of the session<br>Item 2. Adoption of the agenda": the break was dropped with the
    # markup, the two items ran together and item 2 was lost
    from schedule_export.pipeline import load_meeting

    from .conftest import utc_slots

    path = FIXTURES / "regressions" / "en_pipe_cells_with_line_breaks.md"
    table = next(block for block in read_document(path).blocks if isinstance(block, Table))
    assert table.rows[1].cells[2].lines == ("Item 1. Opening of the session", "Item 2. Adoption of the agenda")
    meeting = load_meeting(path)
    assert utc_slots(meeting) == [
        ("2030-06-10T08:00Z", "2030-06-10T11:00Z", None, ("1", "2")),
        ("2030-06-10T13:00Z", "2030-06-10T16:00Z", None, ("3",)),
        ("2030-06-11T08:00Z", "2030-06-11T11:00Z", None, ("3+", "4")),
    ]
    assert [item.title for item in meeting.sessions[0].items] == ["Opening of the session", "Adoption of the agenda"]
    assert not meeting.findings
