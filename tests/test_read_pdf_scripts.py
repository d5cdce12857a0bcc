"""PDF reading of right-to-left, Cyrillic and Chinese agendas: regression tests named after what broke.

The fixtures are invented agendas built by tests/fixtures/reading/build.py: Word files printed by
LibreOffice (soffice --headless --convert-to pdf) and an HTML page printed by WeasyPrint.
"""

from __future__ import annotations

from schedule_export.pipeline import load_meeting
from schedule_export.read import Paragraph, Table, read_document
from schedule_export.read.pdf import _reading_order

from .conftest import FIXTURES, utc_slots

READING = FIXTURES / "reading"
ARABIC = READING / "ar_numbers_in_rtl_libreoffice.pdf"  # ar_numbers_in_rtl.docx printed by LibreOffice
RUSSIAN = READING / "ru_wrapped_agenda_libreoffice.pdf"  # ru_wrapped_agenda.docx printed by LibreOffice
CHINESE = READING / "zh_wrapped_cells_weasyprint.pdf"  # zh_wrapped_cells.html printed by WeasyPrint


def paragraphs(document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


def tables(document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


# ---------------------------------------------------------------- numbers inside right-to-left lines


def test_date_range_in_arabic_text_is_not_inverted():
    # drawn "17-15" after Arabic letters (two Arabic numbers around a neutral hyphen), read "13-15"
    assert "فيينا، 13-15 تشرين الأول/أكتوبر 2031" in paragraphs(read_document(ARABIC))


def test_comma_and_full_stop_after_a_number_in_arabic_text_stay_after_it():
    opening = next(text for text in paragraphs(read_document(ARABIC)) if text.startswith("ستُفتتح"))
    assert "13 تشرين الأول/أكتوبر 2031، الساعة 10:00." in opening  # not "،2031" nor ".10:00"
    assert opening.endswith("إلى الساعة 18:00 (بتوقيت فيينا).")  # brackets the right way round


def test_item_label_colon_in_arabic_cell_comes_after_the_number():
    [annex] = tables(read_document(ARABIC))
    texts = [row.texts for row in annex.rows]
    assert texts[2][1:] == ("البند 1: افتتاح الدورة", "البند 3: استعراض")  # not "البند :1"
    assert ("الثلاثاء، 14 تشرين الأول/أكتوبر 2031", "البند 3 (تابع)", "البند 4: المساعدة التقنية") in texts


def test_lam_alef_ligature_inside_a_word_reads_lam_first():
    # "الثلاثاء" drawn with its lam-alef ligature alef first gave "الثالثاء", an unknown weekday
    document = read_document(ARABIC)
    assert "الثالثاء" not in document.text and "الثلاثاء" in document.text


def test_reading_order_runs_the_bidi_algorithm_backwards():
    # as the lines stand on the page, left to right
    assert _reading_order("17-15 ،انييف") == "فيينا، 15-17"
    assert _reading_order("حاتتفا :1 دنبلا") == "البند 1: افتتاح"
    assert _reading_order(".10:00 ةعاسلا") == "الساعة 10:00."
    assert _reading_order("E/CN.7/2025/1 ةقيثولا") == "الوثيقة E/CN.7/2025/1"  # a symbol is a left-to-right run
    assert _reading_order("10:00-13:00") == "10:00-13:00"
    assert _reading_order("(عبات)") == "(تابع)"


def test_arabic_pdf_gives_the_meetings_of_its_word_file():
    printed = load_meeting(ARABIC)
    assert utc_slots(printed) == utc_slots(load_meeting(READING / "ar_numbers_in_rtl.docx"))
    assert (printed.first_day.isoformat(), printed.last_day.isoformat()) == ("2031-10-13", "2031-10-15")
    assert printed.findings == ()


# ---------------------------------------------------------------- numbered lists are no tables


def test_arabic_agenda_numbered_with_a_tab_is_paragraphs_not_a_table():
    document = read_document(ARABIC)
    agenda = [text for text in paragraphs(document) if text[:2] in {"1-", "2-", "3-", "4-", "5-"}]
    assert agenda[:5] == ["1- افتتاح الدورة.", "2- إقرار جدول الأعمال وتنظيم الأعمال.",
                          "3- استعراض الممارسات الوطنية في وسم الأسلحة النارية وأجزائها ومكوناتها وتسجيلها وتعقبها عبر الحدود بين الدول الأطراف.",
                          "4- المساعدة التقنية.", "5- اعتماد التقرير."]
    assert len(tables(document)) == 1  # the annex only
    assert [item.number for item in load_meeting(ARABIC).agenda] == [1, 2, 3, 4, 5]


def test_paragraph_under_a_numbered_heading_is_not_a_table_column():
    # its first line has a word starting where the heading's title starts: no column for that
    document = read_document(ARABIC)
    assert "1- افتتاح الدورة" in paragraphs(document)
    assert any(text.startswith("ستُفتتح الدورة يوم الاثنين") and text.endswith("(بتوقيت فيينا).") for text in paragraphs(document))


# ---------------------------------------------------------------- wrapped agenda titles


def test_agenda_titles_wrapping_before_a_long_word_stay_one_item():
    # the line before "учету." / "незаконным" ends short of the margin: the next word did not fit
    texts = paragraphs(read_document(RUSSIAN))
    assert ("3. Обзор национальных мер по маркировке огнестрельного оружия, его составных частей и компонентов "
            "и боеприпасов к нему, а также по их учету.") in texts
    assert any(text.startswith("5. Сотрудничество правоохранительных") and text.endswith("поставок боеприпасов.") for text in texts)
    assert any(text.startswith("6. Взаимодействие") and text.endswith("неправительственными организациями.") for text in texts)


def test_russian_pdf_finds_every_agenda_item_and_warns_of_none():
    printed = load_meeting(RUSSIAN)
    assert [item.number for item in printed.agenda] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert not any("not on the agenda" in finding.message for finding in printed.findings)
    assert utc_slots(printed) == utc_slots(load_meeting(READING / "ru_wrapped_agenda.docx"))


# ---------------------------------------------------------------- Chinese cells


def test_ideographic_space_in_a_cell_is_no_column_gap():
    [annex] = tables(read_document(CHINESE))
    assert annex.width == 3
    assert annex.rows[1].texts[:2] == ("11月24日，星期一", "项目1\u3000会议开幕")


def test_chinese_cell_wrapped_in_its_column_is_joined():
    [annex] = tables(read_document(CHINESE))
    texts = [row.texts for row in annex.rows]
    long_title = "各国关于枪支及其零部件和弹药标识、记录和追查的做法和经验交流"
    assert texts[1][2] == f"项目3\u3000{long_title}"  # the last column, wrapped at the margin
    assert texts[2][1] == "项目2\u3000通过议程和工作安排，包括会议期间各次全体会议的时间分配"
    assert texts[3] == ("11月25日，星期二", f"项目3（续）\u3000{long_title}", "项目4\u3000技术援助")
    assert len(texts) == 5  # header, the three days, the second item of the first day


def test_chinese_pdf_gives_the_meetings_of_its_html():
    printed = load_meeting(CHINESE)
    assert utc_slots(printed) == utc_slots(load_meeting(READING / "zh_wrapped_cells.html"))
    titles = [item.title for session in printed.sessions for item in session.items]
    assert "各国关于枪支及其零部件和弹药标识、记录和追查的做法和经验交流" in titles
    assert printed.findings == ()


def test_numbered_item_after_an_item_filling_its_line_is_not_merged_into_it():
    # WeasyPrint, hanging indent, no space between items: a one-line item reaching the margin
    # was read as going on into the next item's line
    texts = paragraphs(read_document(READING / "en_full_line_items_weasyprint.pdf"))
    assert [text.split(" ", 1)[0] for text in texts[1:]] == ["1.", "2.", "3.", "4.", "5."]
    assert texts[4] == "4. Review of the implementation of the protocol against the illicit manufacturing of and."


def test_weasyprint_agenda_keeps_the_item_after_one_filling_its_line():
    # the earlier blind case: item 5 was read into item 4's title, so items 5 to 7 were "not on the agenda"
    meeting = load_meeting(FIXTURES / "blind" / "en_newyork_weasyprint.pdf")
    titles = {item.number: item.title for item in meeting.agenda}
    assert titles[4] == "Organizational matters: dates, venue and provisional agenda of the Conference"
    assert titles[5] == "Rules of procedure of the Conference"
    assert not any("not on the agenda" in finding.message for finding in meeting.findings)


# ---------------------------------------------------------------- lines set far apart, cells flush with their ends

AR_DAYS = READING / "ar_flush_left_days_as_columns_libreoffice.pdf"  # ar_flush_left_days_as_columns.docx printed by LibreOffice
AR_ROWS = READING / "ar_flush_left_dates_as_rows_libreoffice.pdf"  # ar_flush_left_dates_as_rows.docx printed by LibreOffice
FR_DOUBLE = READING / "fr_double_spaced_grid_libreoffice.pdf"  # fr_double_spaced_grid.docx printed by LibreOffice


def test_arabic_days_as_columns_in_a_tall_font_with_cells_flush_left_keep_every_day():
    # Noto Naskh sets a line two type sizes apart: the header row stood "too far" from the rows
    # below and was a table of its own; cells flush with their ends (flush left on the page) gave
    # columns where the shorter cells started, and the last day's items fell outside any meeting
    printed = load_meeting(AR_DAYS)
    assert utc_slots(printed) == [
        ("2037-05-04T08:00Z", "2037-05-04T11:00Z", None, ("1", "2")),
        ("2037-05-04T13:00Z", "2037-05-04T16:00Z", None, ("3",)),
        ("2037-05-05T08:00Z", "2037-05-05T11:00Z", None, ("3+",)),
        ("2037-05-05T13:00Z", "2037-05-05T16:00Z", None, ("4",)),
        ("2037-05-07T08:00Z", "2037-05-07T11:00Z", None, ("4",)),
        ("2037-05-07T13:00Z", "2037-05-07T16:00Z", None, ("5", "6")),
    ]
    assert utc_slots(printed) == utc_slots(load_meeting(READING / "ar_flush_left_days_as_columns.docx"))
    assert not any("outside any timed meeting" in finding.message or "never scheduled" in finding.message
                   for finding in printed.findings)


def test_arabic_cells_flush_left_make_one_column_each_over_a_page_break():
    # the table goes on to the next page, whose cells start elsewhere: still four columns
    [annex] = tables(read_document(AR_DAYS))
    assert annex.width == 4
    assert [row.texts[3] for row in annex.rows if row.texts[3]] == ["الخميس، 7", "أيار / مايو", "البند 4", "البند 5", "البند 6"]


def test_arabic_dates_as_rows_with_cells_flush_left_give_the_meetings_of_the_word_file():
    # the time's last line ("13:00"), alone and flush with its column's end, made a column of its
    # own: the times were read as start times only, 13:00 and 18:00
    printed = load_meeting(AR_ROWS)
    assert utc_slots(printed) == [
        ("2038-05-10T08:00Z", "2038-05-10T11:00Z", None, ("1", "2")),
        ("2038-05-10T13:00Z", "2038-05-10T16:00Z", None, ("3",)),
        ("2038-05-11T08:00Z", "2038-05-11T11:00Z", None, ("4",)),
        ("2038-05-11T13:00Z", "2038-05-11T16:00Z", None, ("5", "6")),
    ]
    assert utc_slots(printed) == utc_slots(load_meeting(READING / "ar_flush_left_dates_as_rows.docx"))
    assert not any("only a start time" in finding.message for finding in printed.findings)


def test_last_line_of_a_first_column_cell_wrapped_stays_in_the_double_spaced_table():
    # "15 heures-18 heures" under "Après-midi", the table's last line, fell out as a paragraph:
    # the afternoon had no hours and the rows were two tables
    document = read_document(FR_DOUBLE)
    [annex] = tables(document)
    assert annex.rows[-1].texts == ("15 heures-18 heures", "", "")
    printed = load_meeting(FR_DOUBLE)
    assert utc_slots(printed) == [
        ("2039-03-14T09:00Z", "2039-03-14T12:00Z", None, ("1", "2")),
        ("2039-03-14T14:00Z", "2039-03-14T17:00Z", None, ("3",)),
        ("2039-03-15T09:00Z", "2039-03-15T12:00Z", None, ("3+",)),
        ("2039-03-15T14:00Z", "2039-03-15T17:00Z", None, ("4",)),
    ]
    assert printed.findings == ()
