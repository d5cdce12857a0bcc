"""Word documents: tables with merged cells, Word's own numbering, headers and footnotes, bad files."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from schedule_export.errors import InputError
from schedule_export.pipeline import load_meeting
from schedule_export.read import Paragraph, Table, read_bytes, read_document

from .conftest import FIXTURES, ROOT, utc_slots
from .word_builders import FOOTNOTE, JOB, SESSIONS, SYMBOL, W_NS, build_agenda_docx, ole_file


@pytest.fixture(scope="module")
def agenda(tmp_path_factory) -> Path:
    return build_agenda_docx(tmp_path_factory.mktemp("word") / "agenda.docx")


def paragraphs(document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


def annex(document) -> Table:
    return [block for block in document.blocks if isinstance(block, Table)][-1]


def test_merged_day_and_time_cells_become_spanned_copies(agenda):
    table = annex(read_document(agenda))
    assert table.source == "docx" and table.width == 4
    assert table.rows[0].texts == ("Date", "Time", "Agenda item", "Title or description")
    assert table.rows[1].texts == ("Tuesday, 2 June", "10 a.m.–1 p.m.", "1 (a)", "Opening of the meeting")
    second = table.rows[2]
    # the day and the time are merged down: covered positions repeat the cell, marked spanned
    assert second.texts == ("", "", "1 (b)", "Organization of work")
    assert [(c.text, c.spanned) for c in second.cells[:2]] == [("Tuesday, 2 June", True), ("10 a.m.–1 p.m.", True)]
    assert second.cells[0].numbers == table.rows[1].cells[0].numbers
    # a new time cell starts a new merge: the day goes on, the time does not
    assert table.rows[4].texts[:2] == ("", "3–6 p.m.")
    assert table.rows[5].texts[0] == "Wednesday, 3 June"


def test_word_numbering_is_written_out_as_word_shows_it(agenda):
    texts = paragraphs(read_document(agenda))
    start = texts.index("Provisional agenda") + 1
    assert texts[start:start + 4] == [
        "1. Organizational matters:",
        "(a) Opening of the meeting;",
        "(b) Adoption of the agenda and organization of work.",
        "2. Piracy and armed robbery at sea: trends and responses.",
    ]
    assert "5. Adoption of the report." in texts
    # the annotations use the same list definition restarted at 1
    after = texts[texts.index("Annotations") + 1:]
    assert after[0] == "1. Organizational matters"
    assert after[2] == "2. Piracy and armed robbery at sea: trends and responses"


def test_footnotes_are_left_out_and_headers_footers_are_furniture(agenda):
    document = read_document(agenda)
    assert FOOTNOTE not in document.text
    assert "at 10 a.m." in document.text and "10 a.m.1" not in document.text
    assert document.furniture == ("United Nations", SYMBOL, f"{JOB} (E)", JOB, "2")  # the footer's tab parts apart
    assert SYMBOL not in document.text


def test_paragraph_numbers_count_every_paragraph_in_document_order(agenda):
    document = read_document(agenda)
    assert document.blocks[0].number == 1
    numbers = [line.number for line in document.lines]
    assert numbers == sorted(numbers)
    header_row = annex(document).rows[0]
    # each cell holds one paragraph, counted one after the other
    assert [cell.number for cell in header_row.cells] == list(range(header_row.number, header_row.number + 4))


def test_word_agenda_gives_its_meetings(agenda):
    meeting = load_meeting(agenda)
    assert meeting.title == "Working Group on Maritime Crime"
    assert meeting.symbol == SYMBOL  # from the first-page header
    assert utc_slots(meeting) == SESSIONS
    assert meeting.item(2).title == "Piracy and armed robbery at sea: trends and responses"
    assert meeting.findings == ()


def test_committed_word_fixture_reads_like_a_freshly_built_one(agenda):
    assert read_document(FIXTURES / "en_word_agenda.docx").blocks == read_document(agenda).blocks


def _numbered_document(tmp_path: Path, levels: str, paragraphs: list[tuple[str, int | None, int]], style_numbering: bool = False) -> Path:
    """A document whose paragraphs are (text, numId or None, level) over one list definition."""
    document = docx.Document()
    root = document.part.numbering_part.element
    abstract = etree.fromstring(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="70">{levels}</w:abstractNum>')
    first_num = root.find(f"{{{W_NS}}}num")
    first_num.addprevious(abstract) if first_num is not None else root.append(abstract)
    for num_id in (70, 71):
        root.append(etree.fromstring(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="70"/></w:num>'))
    if style_numbering:
        style = document.styles["Heading 1"].element
        ppr = style.get_or_add_pPr()
        ppr.append(etree.fromstring(f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="70"/></w:numPr>'))
    for text, num_id, level in paragraphs:
        if num_id == -1:
            document.add_paragraph(text, style="Heading 1")
            continue
        paragraph = document.add_paragraph(text)
        if num_id is not None:
            paragraph._p.get_or_add_pPr().append(etree.fromstring(
                f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    return path


def _level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'


def test_numbering_formats_starts_and_sub_levels_restarting(tmp_path):
    levels = _level(0, "upperRoman", "%1.", start=3) + _level(1, "lowerLetter", "%2)") + _level(2, "lowerRoman", "(%3)") + _level(3, "decimal", "%1.%4")
    path = _numbered_document(tmp_path, levels, [
        ("Three", 70, 0), ("a", 70, 1), ("b", 70, 1), ("i", 70, 2), ("ii", 70, 2), ("c", 70, 1),
        ("Four", 70, 0), ("a again", 70, 1), ("deep", 70, 3), ("plain", None, 0), ("Five", 71, 0),
    ])
    assert paragraphs(read_document(path)) == [
        "III. Three", "a) a", "b) b", "(i) i", "(ii) ii", "c) c", "IV. Four", "a) a again", "IV.1 deep", "plain",
        # another numId over the same definition, without a start override, goes on with the list as Word does
        "V. Five",
    ]


def test_level_redefined_for_one_list_only(tmp_path):
    path = _numbered_document(tmp_path, _level(0, "decimal", "%1."), [("One", 70, 0), ("Two", 70, 0), ("First", 71, 0), ("Second", 71, 0)])
    document = docx.Document(str(path))
    root = document.part.numbering_part.element
    num = next(n for n in root.iter(f"{{{W_NS}}}num") if n.get(f"{{{W_NS}}}numId") == "71")
    num.append(etree.fromstring(f'<w:lvlOverride xmlns:w="{W_NS}" w:ilvl="0">{_level(0, "lowerLetter", "(%1)")}</w:lvlOverride>'))
    document.save(str(path))
    assert paragraphs(read_document(path)) == ["1. One", "2. Two", "(a) First", "(b) Second"]


def test_numbering_given_by_a_paragraph_style(tmp_path):
    path = _numbered_document(tmp_path, _level(0, "decimal", "%1."), [("Opening", -1, 0), ("Text", None, 0), ("Closing", -1, 0)], style_numbering=True)
    assert paragraphs(read_document(path)) == ["1. Opening", "Text", "2. Closing"]


def test_list_defined_through_a_numbering_style_is_numbered_by_the_style_list(tmp_path):
    document = docx.Document()
    root = document.part.numbering_part.element
    first_num = root.find(f"{{{W_NS}}}num")
    for xml in (f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="60"><w:numStyleLink w:val="AgendaList"/></w:abstractNum>',
                f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="61"><w:styleLink w:val="AgendaList"/>{_level(0, "upperLetter", "%1.")}</w:abstractNum>'):
        first_num.addprevious(etree.fromstring(xml)) if first_num is not None else root.append(etree.fromstring(xml))
    for num_id in (60, 61):
        root.append(etree.fromstring(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    document.styles.element.append(etree.fromstring(
        f'<w:style xmlns:w="{W_NS}" w:type="numbering" w:styleId="AgendaList"><w:name w:val="Agenda List"/>'
        f'<w:pPr><w:numPr><w:numId w:val="61"/></w:numPr></w:pPr></w:style>'))
    for text in ("Opening", "Closing"):
        document.add_paragraph(text)._p.get_or_add_pPr().append(etree.fromstring(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="60"/></w:numPr>'))
    path = tmp_path / "style_list.docx"
    document.save(str(path))
    assert paragraphs(read_document(path)) == ["A. Opening", "B. Closing"]


def test_cell_paragraphs_stay_separate_lines_and_grid_spans_cover_columns(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    day = table.cell(0, 0).merge(table.cell(0, 2))  # gridSpan 3
    day.text = "Thursday, 4 June"
    table.cell(1, 0).text = "10 a.m.–1 p.m."
    table.cell(1, 1).text = "Item 3"
    table.cell(1, 1).add_paragraph("Item 4")
    path = tmp_path / "cells.docx"
    document.save(str(path))
    read = annex(read_document(path))
    assert read.rows[0].texts == ("Thursday, 4 June", "", "")
    assert [c.spanned for c in read.rows[0].cells] == [False, True, True]
    assert read.rows[1].cells[1].lines == ("Item 3", "Item 4")
    assert read.rows[1].cells[1].numbers[1] == read.rows[1].cells[1].numbers[0] + 1


def test_paragraphs_in_columns_set_with_tabs_are_a_table_like_tab_separated_text(tmp_path):
    document = docx.Document()
    document.add_paragraph("Proposed organization of work")
    for line in ("Date and time\tAgenda item\tTitle or description", "Monday, 6 September", "10 a.m.–1 p.m.\t1\tOpening",
                 "\t2\tElection of officers", "Annex II"):
        document.add_paragraph(line)
    document.add_paragraph("\tIndented text, not a column")
    path = tmp_path / "tabs.docx"
    document.save(str(path))
    blocks = read_document(path).blocks
    assert [type(b) for b in blocks] == [Paragraph, Table, Paragraph, Table, Paragraph, Paragraph]
    assert blocks[1].rows[0].texts == ("Date and time", "Agenda item", "Title or description")
    assert [row.texts for row in blocks[3].rows] == [("10 a.m.–1 p.m.", "1", "Opening"), ("", "2", "Election of officers")]
    assert blocks[3].rows[1].number == 5  # its paragraph
    assert blocks[5].text == "Indented text, not a column"


@pytest.mark.parametrize("stem", ["en_dst_tabs", "ru_dst_tabs", "zh_tabs", "ar_tabs"])
def test_text_fixtures_typed_into_word_with_tabs_give_the_same_sessions(tmp_path, stem):
    document = docx.Document()
    for line in (FIXTURES / f"{stem}.txt").read_text().splitlines():
        document.add_paragraph(line)
    path = tmp_path / f"{stem}.docx"
    document.save(str(path))
    assert utc_slots(load_meeting(path)) == utc_slots(load_meeting(FIXTURES / f"{stem}.txt"))


def test_hidden_text_and_deleted_revisions_are_not_read_but_insertions_are(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Opening at ")
    for xml in ('<w:r><w:rPr><w:vanish/></w:rPr><w:t>9 a.m. (hidden)</w:t></w:r>',
                '<w:del w:id="1" w:author="x"><w:r><w:delText>11 a.m.</w:delText></w:r></w:del>',
                '<w:ins w:id="2" w:author="x"><w:r><w:t>10 a.m.</w:t></w:r></w:ins>'):
        paragraph._p.append(etree.fromstring(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0])
    path = tmp_path / "revisions.docx"
    document.save(str(path))
    assert paragraphs(read_document(path)) == ["Opening at 10 a.m."]


def test_text_box_is_read_once_after_the_paragraph_holding_it(tmp_path):
    document = docx.Document()
    anchor = document.add_paragraph("Working Group on Port Security")
    box = '<w:txbxContent><w:p><w:r><w:t>Distr.: General</w:t></w:r></w:p></w:txbxContent>'
    run = (f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml">'
           f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    anchor._p.append(etree.fromstring(run))
    path = tmp_path / "box.docx"
    document.save(str(path))
    blocks = read_document(path).blocks
    assert [(b.text, b.number) for b in blocks] == [("Working Group on Port Security", 1), ("Distr.: General", 2)]


def test_annex_framed_in_a_one_cell_table_keeps_its_own_table(tmp_path):
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "Proposed organization of work"
    inner = frame.add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Date", "Item"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "Monday, 6 September", "1"
    path = tmp_path / "framed.docx"
    document.save(str(path))
    blocks = read_document(path).blocks
    assert [type(b) for b in blocks] == [Paragraph, Table]
    assert [row.texts for row in blocks[1].rows] == [("Date", "Item"), ("Monday, 6 September", "1")]


def test_paragraphs_inside_content_controls_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("Before")
    body = document.element.body
    sdt = etree.fromstring(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtContent><w:p><w:r><w:t>Inside a control</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    body.insert(len(body) - 1, sdt)  # before the section properties
    path = tmp_path / "sdt.docx"
    document.save(str(path))
    assert paragraphs(read_document(path)) == ["Before", "Inside a control"]


# ---------------------------------------------------------------- bad files, through the real CLI


def _convert(tmp_path: Path, *names: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "schedule_export.cli", "convert", *names, "-o", str(tmp_path / "out")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("locked.docx", lambda agenda: ole_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": agenda}), "is password-protected"),
    ("cut.docx", lambda agenda: agenda[: len(agenda) // 2], "is truncated or corrupt"),
    ("old.doc", lambda agenda: ole_file({"WordDocument": b"\xec\xa5" + b"\0" * 600}), "is a legacy Word (.doc) file, which is not read; save it as .docx"),
    ("agenda.odt", lambda agenda: _odt(), "OpenDocument files are not read; save the document as Word (.docx) or PDF"),
    ("agenda.rtf", lambda agenda: b"{\\rtf1\\ansi Agenda}", "RTF files are not read"),
])
def test_bad_word_files_get_one_error_line_and_the_others_are_converted(tmp_path, agenda, name, content, reason):
    (tmp_path / name).write_bytes(content(agenda.read_bytes()))
    (tmp_path / "good.txt").write_text((FIXTURES / "en_dst_tabs.txt").read_text())
    result = _convert(tmp_path, name, "good.txt")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {name}: {reason}")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.ics"]


def test_word_file_unpacking_to_gigabytes_is_refused_before_parsing(agenda):
    buffer = io.BytesIO()
    with zipfile.ZipFile(agenda) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        with bomb.open("word/media/padding.bin", "w") as padding:
            chunk = b"\0" * 2**20
            for _ in range(300):
                padding.write(chunk)
    with pytest.raises(InputError, match=r"unpacks to 3\d\d MB, more than an agenda ever holds"):
        read_bytes(buffer.getvalue(), "bomb.docx")


def test_password_protected_word_file_is_named_even_without_its_extension():
    with pytest.raises(InputError, match="is password-protected"):
        read_bytes(ole_file({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"x" * 5000}), "agenda")


def test_starting_the_cli_does_not_import_word_or_pdf_libraries():
    probe = "import sys, schedule_export.cli; print(sorted(m for m in ('docx', 'pypdfium2', 'pdfplumber', 'pdfminer', 'olefile', 'lxml') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
