"""PDF documents: lines and cells from word positions, running heads and feet, tables over page breaks, bad files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from schedule_export.errors import InputError
from schedule_export.pipeline import load_meeting
from schedule_export.read import Paragraph, Table, read_bytes, read_document

from .conftest import FIXTURES, utc_slots
from .word_builders import FOOTNOTE, JOB, LONG_SYMBOL, SESSIONS, SYMBOL, agenda_html, agenda_text, build_agenda_docx, long_annex

LIBREOFFICE = FIXTURES / "en_word_agenda_libreoffice.pdf"  # en_word_agenda.docx printed by LibreOffice Writer 7.4
WEASYPRINT = FIXTURES / "en_word_agenda_weasyprint.pdf"  # en_word_agenda_as_html.html printed by WeasyPrint
LONG = FIXTURES / "en_long_annex_weasyprint.pdf"  # word_builders.long_agenda_html() printed by WeasyPrint, 3 pages
LONG_WORD = FIXTURES / "en_long_annex.docx"  # word_builders.build_long_docx()
LONG_LIBREOFFICE = FIXTURES / "en_long_annex_libreoffice.pdf"  # en_long_annex.docx printed by LibreOffice Writer 7.4, 4 pages


def tables(document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def paragraphs(document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


def test_libreoffice_pdf_table_columns_come_from_positions():
    annex = tables(read_document(LIBREOFFICE))[-1]
    assert annex.source == "pdf" and annex.width == 4
    assert annex.rows[0].texts == ("Date", "Time", "Agenda item", "Title or description")
    assert annex.rows[1].texts == ("Tuesday, 2 June", "10 a.m.–1 p.m.", "1 (a)", "Opening of the meeting")
    # merged cells print once: the rows below have nothing in those columns
    assert annex.rows[2].texts == ("", "", "1 (b)", "Organization of work")
    assert annex.rows[4].texts == ("", "3–6 p.m.", "2", "Piracy at sea (continued)")
    assert all(len(row.cells) == 4 for row in annex.rows)


def test_libreoffice_pdf_sets_header_footer_and_footnote_aside():
    document = read_document(LIBREOFFICE)
    assert SYMBOL in document.furniture and f"{JOB} (E)" in document.furniture
    assert any(FOOTNOTE in text for text in document.furniture)
    assert FOOTNOTE not in document.text and JOB not in document.text
    # the raised footnote mark after "10 a.m." is not glued to the time
    assert any(text.endswith("will be opened on Tuesday, 2 June 2026, at 10 a.m.") for text in paragraphs(document))


def test_word_list_printed_with_tabs_reads_as_numbered_paragraphs_like_the_word_file():
    document = read_document(LIBREOFFICE)
    assert len(tables(document)) == 1  # the annex; the numbered agenda is no table
    word = [text for text in paragraphs(read_document(FIXTURES / "en_word_agenda.docx"))]
    assert paragraphs(document)[2:] == word  # the PDF also prints the header's "United Nations" and symbol


def test_numbered_paragraphs_with_a_hanging_indent_are_joined_not_a_table():
    texts = paragraphs(read_document(LONG))
    filler = "Delegations may wish to share their experience of inspections carried out at sea and in ports, "
    numbered = [text for text in texts if filler in text]
    assert [text.split(" ", 1)[0] for text in numbered] == [f"{n}." for n in range(1, 13)]
    assert all(text.endswith("with a view to identifying practices that others could follow.") for text in numbered)


def test_line_numbers_count_body_lines_from_the_first_page():
    document = read_document(LONG)
    numbers = [line.number for line in document.lines]
    assert numbers[0] == 1 and numbers == sorted(numbers)
    # a paragraph wrapped over two lines starts on its first line; the next one starts two lines on
    opening = next(b for b in document.blocks if isinstance(b, Paragraph) and b.text.startswith("The fourth meeting"))
    following = document.blocks[document.blocks.index(opening) + 1]
    assert following.number == opening.number + 2


def test_wrapped_lines_are_joined_into_their_paragraph():
    texts = paragraphs(read_document(LONG))
    assert any(text.startswith("The fourth meeting of the Working Group on Port Security") and
               text.endswith("will be opened on Monday, 6 September 2027, at 10 a.m.") for text in texts)
    assert "3. Exchange of information between customs services" in texts  # first line of a page: not glued to the page before


def test_justified_text_with_wide_word_spaces_stays_paragraphs(tmp_path):
    import weasyprint

    sentence = ("Delegations may wish to consider the internationalization of responsibilities concerning "
                "extraterritorial jurisdiction and interoperability of notwithstanding arrangements. ") * 3
    column = f'<p style="width: 6cm; text-align: justify">{sentence}</p>'
    path = tmp_path / "justified.pdf"
    weasyprint.HTML(string=f'<body style="font-size: 10pt">{column}{column}</body>').write_pdf(path)
    document = read_document(path)
    assert [type(block) for block in document.blocks] == [Paragraph, Paragraph]
    assert document.blocks[0].text == sentence.strip()


def test_words_hyphenated_at_line_ends_are_whole_again(tmp_path):
    import weasyprint

    text = ("La Commission souhaitera peut-être examiner les recommandations internationales relatives "
            "à l’organisation des travaux intergouvernementaux extraordinaires.")
    path = tmp_path / "hyphens.pdf"
    weasyprint.HTML(string=f'<p lang="fr" style="width: 5cm; hyphens: auto; font-size: 10pt">{text}</p>').write_pdf(path)
    import pypdfium2

    printed = pypdfium2.PdfDocument(str(path))
    assert "\u2010" in printed[0].get_textpage().get_text_range()  # the printer did break words
    printed.close()
    assert paragraphs(read_document(path)) == [text]


def test_raised_footnote_marks_are_not_glued_to_times(tmp_path):
    import weasyprint

    path = tmp_path / "marks.pdf"
    weasyprint.HTML(string='<p style="font-size: 10pt">The meeting will be opened at 10 a.m.<sup>2</sup> on Monday, '
                           '6 September 2027.<sup>*</sup> Interpretation<sup>13</sup> will be provided.</p>').write_pdf(path)
    assert paragraphs(read_document(path)) == [
        "The meeting will be opened at 10 a.m. on Monday, 6 September 2027. Interpretation will be provided."]


def test_table_over_a_page_break_is_one_table_without_its_repeated_header():
    document = read_document(LONG)
    annex = tables(document)[-1]
    assert len(tables(document)) == 1
    texts = [row.texts for row in annex.rows]
    assert texts.count(("Date and time", "Agenda item", "Title or description")) == 1
    assert {len(row.cells) for row in annex.rows} == {3}
    days = [row.texts[0] for row in annex.rows if row.cells[1].spanned]
    assert days == [day for day, _ in long_annex()]  # a day written across the row spans its columns


def test_running_head_foot_and_page_numbers_are_furniture():
    document = read_document(LONG)
    assert LONG_SYMBOL in document.furniture
    assert {"V.27-00815 1/3", "V.27-00815 2/3", "V.27-00815 3/3"} <= set(document.furniture)
    assert "V.27-00815" not in document.text and "1/3" not in document.text
    assert document.text.count(LONG_SYMBOL) == 1  # the symbol the first page prints in its body stays


def test_numbers_at_the_top_and_foot_of_the_body_are_not_page_numbers(tmp_path):
    import weasyprint

    numbers = [str(2000 + n) for n in range(150)]
    page = "@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) } }"
    html = f"<style>{page} p {{ margin: 0; font-size: 10pt }}</style>" + "".join(f"<p>{n}</p>" for n in numbers)
    path = tmp_path / "numbers.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    document = read_document(path)
    assert document.text.split() == numbers  # (a page of nothing but short lines reads as one paragraph)
    assert document.furniture == ("1", "2", "3")


def test_pdf_across_a_page_break_gives_every_meeting():
    meeting = load_meeting(LONG)
    assert meeting.symbol == LONG_SYMBOL
    assert len(meeting.sessions) == 16
    assert utc_slots(meeting)[:2] == [("2027-09-06T08:00Z", "2027-09-06T11:00Z", None, ("1",)), ("2027-09-06T13:00Z", "2027-09-06T16:00Z", None, ("1+",))]
    assert utc_slots(meeting)[-1] == ("2027-09-15T13:00Z", "2027-09-15T16:00Z", None, ("6+",))
    assert meeting.findings == ()


def test_word_layout_printed_by_libreoffice_reads_like_the_word_file():
    # justified 10-point text, Word-numbered items with a hanging indent, a footnote, a repeated
    # header row (w:tblHeader) where the annex goes on to the next page
    document = read_document(LONG_LIBREOFFICE)
    (annex,) = tables(document)
    texts = [row.texts for row in annex.rows]
    # the header wraps "Agenda / item" over two printed lines; both are dropped where it repeats
    assert texts[:2] == [("Date and time", "Agenda", "Title or description"), ("", "item", "")]
    assert texts.count(texts[0]) == 1 and texts.count(texts[1]) == 1
    assert {LONG_SYMBOL, "V.27-00815 (E)", "V.27-00815"} <= set(document.furniture)
    assert any(FOOTNOTE in text for text in document.furniture)
    numbered = [text for text in paragraphs(document) if text[:2] in {f"{n}." for n in range(1, 7)}]
    assert numbered[:6] == [text for text in paragraphs(read_document(LONG_WORD)) if text[:2] in {f"{n}." for n in range(1, 7)}][:6]
    sessions = {path.name: utc_slots(load_meeting(path)) for path in (LONG_WORD, LONG_LIBREOFFICE, LONG)}
    assert len(sessions[LONG.name]) == 16
    assert sessions == {name: sessions[LONG.name] for name in sessions}


def test_same_agenda_as_word_pdf_html_and_text_gives_identical_sessions(tmp_path):
    docx_path = build_agenda_docx(tmp_path / "agenda.docx")
    (tmp_path / "agenda.html").write_text(agenda_html())
    (tmp_path / "agenda.txt").write_text(agenda_text())
    sources = [docx_path, LIBREOFFICE, WEASYPRINT, tmp_path / "agenda.html", tmp_path / "agenda.txt"]
    meetings = {path.name: load_meeting(path) for path in sources}
    assert {name: utc_slots(m) for name, m in meetings.items()} == {name: SESSIONS for name in meetings}
    # everything but the source line: times, bodies, items with their titles, notes
    sessions = {name: [s.model_dump(exclude={"line"}) for s in m.sessions] for name, m in meetings.items()}
    assert sessions == {name: sessions["agenda.txt"] for name in meetings}
    assert all(m.findings == () for m in meetings.values())


def test_committed_fixtures_match_their_builders():
    assert (FIXTURES / "en_word_agenda_as_html.html").read_text() == agenda_html()
    assert (FIXTURES / "en_word_agenda_as_text.txt").read_text() == agenda_text()


@pytest.mark.parametrize("stem", ["ar_tabs", "zh_tabs"])
def test_arabic_and_chinese_pdfs_give_the_sessions_of_their_text(stem):
    # the text fixtures printed by WeasyPrint (word_builders.tab_text_as_html), the Arabic one right to left
    assert utc_slots(load_meeting(FIXTURES / f"{stem}_weasyprint.pdf")) == utc_slots(load_meeting(FIXTURES / f"{stem}.txt"))


def test_right_to_left_table_reads_from_the_right_with_brackets_the_right_way_round():
    annex = tables(read_document(FIXTURES / "ar_tabs_weasyprint.pdf"))[-1]
    texts = [row.texts for row in annex.rows]
    assert texts[0] == ("التاريخ والوقت", "البند", "العنوان أو الوصف")  # the first column is the rightmost
    assert texts[2][:2] == ("من الساعة 10:00 إلى الساعة 13:00", "1 (أ)")  # numbers and brackets in reading order
    assert texts[2][2] == "افتتاح الاجتماع"  # the lam-alef ligature after the article comes out in its order


def test_arabic_pdf_gives_the_meeting_of_its_text():
    printed, typed = load_meeting(FIXTURES / "ar_tabs_weasyprint.pdf"), load_meeting(FIXTURES / "ar_tabs.txt")
    assert (printed.symbol, printed.first_day, printed.last_day) == (typed.symbol, typed.first_day, typed.last_day)  # "٢٧-٣٠ آذار/مارس"
    assert [i.title for s in printed.sessions for i in s.items][:2] == ["افتتاح الاجتماع", "إقرار جدول الأعمال وتنظيم الأعمال"]
    assert printed.findings == ()


# ---------------------------------------------------------------- borderless tables whose rows take several lines

LAYOUTS = FIXTURES / "layouts"
# layouts/en_week_grid.html and layouts/fr_paragraph_cells.html printed by WeasyPrint 70 as they are
# (weasyprint.HTML(filename=...).write_pdf(...)): its default table has no borders, cells vertically
# centred, paragraphs in cells; a label stands halfway down the lines beside it
WEEK_GRID = LAYOUTS / "en_week_grid_weasyprint.pdf"
PARAGRAPH_CELLS = LAYOUTS / "fr_paragraph_cells_weasyprint.pdf"


def test_week_grid_printed_with_centred_cells_is_one_table_its_first_column_the_days():
    document = read_document(WEEK_GRID)
    [grid] = tables(document)
    texts = [row.texts for row in grid.rows]
    assert grid.width == 3
    assert [t[0] for t in texts if t[0]] == ["Monday 12 April", "Tuesday 13 April", "Wednesday 14", "April"]
    assert texts[0] == ("", "Morning", "Afternoon")
    assert texts[1] == ("Monday 12 April", "Item 1. Opening of the", "")  # at the top of its row, not halfway down
    assert ("Tuesday 13 April", "Item 3 (continued)", "") in texts
    assert texts[-2:] == [("Wednesday 14", "(to be announced)", "Item 5. Adoption of the report"), ("April", "", "")]
    # each column holds its cells' lines, whatever the gutter beside it ("fish health" and
    # "interpretation)" stand a word space apart on the page)
    assert [t[1] for t in texts if t[1]] == ["Morning", "Item 1. Opening of the", "session", "Item 2. Election of the", "Chairperson",
                                             "Item 3 (continued)", "Item 4. Feed and fish health", "(to be announced)"]
    assert [t[2] for t in texts if t[2]] == ["Afternoon", "Item 3. State of inland", "aquaculture", "Informal consultations (no",
                                             "interpretation)", "Item 5. Adoption of the report"]
    assert paragraphs(document)[-3:] == ["* Side events will be announced on the meeting website.", "Annex II",
                                         "Monday 12 April, 1 p.m.–2 p.m.: reception"]


def test_paragraph_cells_with_day_labels_over_two_rows_are_one_table_its_first_column_the_days():
    document = read_document(PARAGRAPH_CELLS)
    [annex] = tables(document)
    texts = [row.texts for row in annex.rows]
    assert annex.width == 4
    assert [t[0] for t in texts if t[0]] == ["Date", "Mercredi 3", "février", "Jeudi 4 février"]
    assert texts[:3] == [("Date", "Heure", "Organe", ""), ("", "", "Plénière", "Commission plénière"), ("Mercredi 3", "Matin", "Point 1", "")]
    assert ("", "Après-midi", "Point 3", "Point 4") in texts  # "Après-midi Point 3": a word space apart, two columns
    assert texts[-2:] == [("Jeudi 4 février", "Matin", "Point 3 ( suite )", "Point 4 (suite)"), ("", "Après-midi", "Point 5", "Pas de séance")]
    assert "2. Adoption de l'ordre du jour." in paragraphs(document)  # the numbered list above stays paragraphs


@pytest.mark.parametrize("stem", ["en_week_grid", "fr_paragraph_cells"])
def test_printed_grid_gives_the_same_sessions_as_its_html(stem):
    printed, written = load_meeting(LAYOUTS / f"{stem}_weasyprint.pdf"), load_meeting(LAYOUTS / f"{stem}.html")
    assert utc_slots(printed) == utc_slots(written)
    assert printed.bodies == written.bodies  # fr: "Organe" over both bodies names neither
    assert [(n.date, n.body, n.text) for n in printed.day_notes] == [(n.date, n.body, n.text) for n in written.day_notes]


# ---------------------------------------------------------------- bad files, through the real CLI


def _encrypted(data: bytes) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt("secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _printed(text: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


def _scanned(_: bytes) -> bytes:
    import weasyprint

    pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    return weasyprint.HTML(string=f'<img src="data:image/png;base64,{pixel}" style="width: 15cm">').write_pdf()


def test_a_scanned_page_among_text_pages_is_reported_not_skipped_silently(tmp_path):
    import weasyprint

    pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    html = (FIXTURES / "en_word_agenda_as_html.html").read_text().replace(
        "<p>Annex</p>", f'<p style="break-before: page"><img src="data:image/png;base64,{pixel}" style="width: 15cm"></p><p style="break-before: page">Annex</p>')
    path = tmp_path / "partly_scanned.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    assert [str(f) for f in read_document(path).findings] == [
        "partly_scanned.pdf: page 2 has no text layer (a scanned image?) and cannot be read; run OCR first (for example ocrmypdf)"]
    assert any("page 2 has no text layer" in str(f) for f in load_meeting(path).findings)


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("locked.pdf", _encrypted, "is password-protected"),
    ("cut.pdf", lambda data: data[: len(data) * 2 // 3], "is truncated or corrupt"),
    ("tail.pdf", lambda data: data[:-40], "is truncated or corrupt"),
    ("scan.pdf", _scanned, "has no text layer (a scanned image?); run OCR first (for example ocrmypdf) and convert the result"),
    ("empty.pdf", lambda data: b"", "is empty"),
    # a text layer of private-use code points: what fonts without a character map give
    ("glyphs.pdf", lambda data: _printed("".join(chr(0xE000 + i % 40) for i in range(400))), "has no readable text layer"),
])
def test_bad_pdf_files_get_one_error_line_and_the_others_are_converted(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content(LIBREOFFICE.read_bytes()))
    (tmp_path / "good.txt").write_text((FIXTURES / "en_dst_tabs.txt").read_text())
    result = subprocess.run([sys.executable, "-m", "schedule_export.cli", "convert", name, "good.txt", "-o", "out"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {name}: {reason}")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.ics"]


def test_pdf_readable_without_a_password_is_read_even_if_it_has_an_owner_password(tmp_path):
    import io

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=WEASYPRINT)
    writer.encrypt("", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    assert utc_slots(load_meeting(_write(tmp_path / "restricted.pdf", out.getvalue()))) == SESSIONS


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_pdf_named_otherwise_is_still_read_by_its_first_bytes():
    document = read_bytes(WEASYPRINT.read_bytes(), "agenda")
    assert document.format == "pdf"


def test_corrupt_pdf_raises_input_error_not_a_library_error():
    with pytest.raises(InputError, match="is truncated or corrupt"):
        read_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "junk.pdf")


# ---------------------------------------------------------------- serve and site


def _folder_with(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "agendas"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    return folder


def test_feed_folder_publishes_word_and_pdf_documents(tmp_path):
    from schedule_export.history import History
    from schedule_export.serve.catalog import Catalog

    folder = _folder_with(tmp_path, LONG.name, "en_word_agenda.docx")
    history = History(tmp_path / "h.sqlite3")
    try:
        catalog = Catalog(folder, history, min_interval=0)
        catalog.refresh(force=True)
        assert sorted(p.document.name for p in catalog.meetings) == ["en_long_annex_weasyprint.pdf", "en_word_agenda.docx"]
        assert catalog.resource("/meetings/ctoc-cop-wg-8-2027-1.ics").body.count(b"BEGIN:VEVENT") == 16
    finally:
        history.close()


def test_word_file_and_its_pdf_in_one_folder_are_one_meeting(tmp_path):
    # the Word file's symbol is only in its first-page header: found there, it makes them one meeting
    from schedule_export.history import History
    from schedule_export.serve.catalog import Catalog

    folder = _folder_with(tmp_path, "en_word_agenda.docx", LIBREOFFICE.name)
    history = History(tmp_path / "h.sqlite3")
    try:
        catalog = Catalog(folder, history, min_interval=0)
        catalog.refresh(force=True)
        assert len(catalog.meetings) == 1
    finally:
        history.close()


def test_titles_wrapped_in_a_narrow_column_keep_their_continued_mark():
    # the same Word file with a narrow title column, printed by LibreOffice: titles wrap over two rows of the table
    annex = tables(read_document(FIXTURES / "en_long_annex_narrow_libreoffice.pdf"))[-1]
    assert ("", "", "(continued)") in [row.texts for row in annex.rows]  # the reader gives the wrapped line as its own row
    assert utc_slots(load_meeting(FIXTURES / "en_long_annex_narrow_libreoffice.pdf")) == utc_slots(load_meeting(LONG))


@pytest.mark.parametrize("name", ["zh_wide_time_column.docx", "zh_wide_time_column_libreoffice.pdf"])
def test_chinese_afternoon_row_under_a_morning_row_in_a_wide_column_is_not_a_wrapped_line(name):
    # "下午 3 时至 6 时" right under "上午 10 时至下午 1 时", the day's cell merged over both rows: the PDF reader
    # took the afternoon for the morning's cell wrapped (every morning line is as long as the longest), and
    # each afternoon was folded into the morning
    meeting = load_meeting(FIXTURES / "regressions" / name)
    assert meeting.timezone == "Asia/Bangkok"
    assert utc_slots(meeting) == [
        ("2029-10-22T03:00Z", "2029-10-22T06:00Z", None, ("1", "2")),
        ("2029-10-22T08:00Z", "2029-10-22T11:00Z", None, ("3",)),
        ("2029-10-23T03:00Z", "2029-10-23T06:00Z", None, ("3+",)),
        ("2029-10-23T08:00Z", "2029-10-23T11:00Z", None, ("4",)),
        ("2029-10-24T03:00Z", "2029-10-24T06:00Z", None, ("5",)),
        ("2029-10-24T08:00Z", "2029-10-24T11:00Z", None, ("6",)),
    ]
    assert not meeting.findings


@pytest.mark.parametrize("name", ["zh_title_wrapped_before_its_full_stop.docx", "zh_title_wrapped_before_its_full_stop_libreoffice.pdf"])
def test_chinese_title_wrapped_with_its_full_stop_stays_whole(name):
    # "…各项" / "决。": a full stop may not begin a line, so the character before it went down with it and the
    # line above stopped a character short of the column's edge; the PDF reader took "决。（续）" for a line
    # of its own, the title lost its end and the afternoon lost "continued"
    meeting = load_meeting(FIXTURES / "regressions" / name)
    title = "审议关于加强区域合作以及落实理事会在以往各届会议期间通过的各项决。"
    assert utc_slots(meeting)[:2] == [
        ("2030-05-13T07:00Z", "2030-05-13T10:00Z", None, ("1", "2")),
        ("2030-05-13T12:00Z", "2030-05-13T15:00Z", None, ("2+",)),
    ]
    assert [item.title for item in meeting.sessions[1].items] == [title]
    assert not meeting.findings


@pytest.mark.parametrize("name", ["ar_no_meeting_word_is_one_ligature.docx", "ar_no_meeting_word_is_one_ligature_libreoffice.pdf"])
def test_arabic_word_drawn_as_one_lam_alef_ligature_reads_in_order(name):
    # "لا تعقد جلسة": the word "لا" is one ligature, both letters at one place, so the PDF reader could not see it
    # run right to left and gave "ال"; the no-meeting afternoon became a meeting without items
    meeting = load_meeting(FIXTURES / "regressions" / name)
    assert meeting.timezone == "Asia/Beirut"
    assert utc_slots(meeting) == [
        ("2030-05-13T07:00Z", "2030-05-13T10:00Z", None, ("1", "2")),
        ("2030-05-13T12:00Z", "2030-05-13T15:00Z", None, ("3",)),
        ("2030-05-14T07:00Z", "2030-05-14T10:00Z", None, ("3+",)),
        ("2030-05-15T07:00Z", "2030-05-15T10:00Z", None, ("4",)),
        ("2030-05-15T12:00Z", "2030-05-15T15:00Z", None, ("5",)),
    ]
    assert [(note.date.isoformat(), note.text) for note in meeting.day_notes] == [("2030-05-14", "لا تعقد جلسة")]


@pytest.mark.parametrize("name", ["zh_days_as_columns_weekday_wrapped.docx", "zh_days_as_columns_weekday_wrapped_libreoffice.pdf"])
def test_chinese_day_columns_narrower_than_their_dates_keep_every_day(name):
    # "6 月 10 日星" over "期一" in five narrow day columns printed by LibreOffice: the PDF reader could not
    # tell the column's edge (no two lines reach it) and left the wraps apart; days were lost or merged
    meeting = load_meeting(FIXTURES / "regressions" / name)
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2030-06-07T08:00Z", "2030-06-07T11:00Z", None, ("1", "2")),
        ("2030-06-07T13:00Z", "2030-06-07T16:00Z", None, ("3",)),
        ("2030-06-10T08:00Z", "2030-06-10T11:00Z", None, ("4",)),
        ("2030-06-10T13:00Z", "2030-06-10T16:00Z", None, ("4+",)),
        ("2030-06-11T08:00Z", "2030-06-11T11:00Z", None, ("5",)),
        ("2030-06-11T13:00Z", "2030-06-11T16:00Z", None, ("5+",)),
        ("2030-06-12T08:00Z", "2030-06-12T11:00Z", None, ("6",)),
        ("2030-06-13T08:00Z", "2030-06-13T11:00Z", None, ("7",)),
    ]
    assert [(note.date.isoformat(), note.text) for note in meeting.day_notes] == [("2030-06-12", "无会议")]
    # left: the PDF's "下午 3 时至" over "6 时" is read as the standard afternoon hours, with a warning
    assert all("no clock times" in finding.message for finding in meeting.findings)
