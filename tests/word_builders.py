"""One invented agenda written as Word (python-docx), HTML and tab text, so readers can be compared.

The Word file is built the way Word itself stores such a document: the agenda
numbered by Word (numbering.xml, not typed digits), a footnote in its own
part, the symbol in the first-page header, a job number and page field in the
footer, and an annex table whose day cells are merged down (vMerge) and whose
time cells are merged down over the items of one meeting.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from lxml import etree

SYMBOL = "CTOC/COP/WG.9/2026/1"
TITLE = "Working Group on Maritime Crime"
JOB = "V.26-04711"

AGENDA = [
    ("Organizational matters:", [("Opening of the meeting;",), ("Adoption of the agenda and organization of work.",)]),
    ("Piracy and armed robbery at sea: trends and responses.", []),
    ("Cooperation between coastal States in investigations.", []),
    ("Other matters.", []),
    ("Adoption of the report.", []),
]

# (day, [(time, [(item, title), ...]), ...])
ANNEX = [
    ("Tuesday, 2 June", [
        ("10 a.m.–1 p.m.", [("1 (a)", "Opening of the meeting"), ("1 (b)", "Organization of work"), ("2", "Piracy at sea")]),
        ("3–6 p.m.", [("2", "Piracy at sea (continued)")]),
    ]),
    ("Wednesday, 3 June", [
        ("10 a.m.–1 p.m.", [("3", "Coastal States")]),
        ("3–6 p.m.", [("4", "Other matters"), ("5", "Adoption of the report")]),
    ]),
]

# UTC instants and items the agenda gives (Vienna, CEST = UTC+2)
SESSIONS = [
    ("2026-06-02T08:00Z", "2026-06-02T11:00Z", None, ("1a", "1b", "2")),
    ("2026-06-02T13:00Z", "2026-06-02T16:00Z", None, ("2+",)),
    ("2026-06-03T08:00Z", "2026-06-03T11:00Z", None, ("3",)),
    ("2026-06-03T13:00Z", "2026-06-03T16:00Z", None, ("4", "5")),
]

FRONT = [
    "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
    "Distr.: General",
    "9 March 2026",
    "Original: English",
    TITLE,
    "Vienna, 2 and 3 June 2026",
    "Annotated provisional agenda",
    "Provisional agenda",
]
OPENING = "The third meeting of the Working Group will be opened on Tuesday, 2 June 2026, at 10 a.m."
FOOTNOTE = "Resolution 11/3, annex, available from the website of the Office."
HEADERS = ("Date", "Time", "Agenda item", "Title or description")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

NUMBERING = f"""<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>"""
AGENDA_LIST, ANNOTATION_LIST = 90, 91  # numIds: the annotations restart the same list at 1


def _add_numbering(document) -> None:
    root = document.part.numbering_part.element
    first_num = root.find(W + "num")
    abstract = etree.fromstring(NUMBERING)
    # abstractNum elements must come before every num
    (first_num.addprevious(abstract) if first_num is not None else root.append(abstract))
    for num_id, restart in ((AGENDA_LIST, False), (ANNOTATION_LIST, True)):
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        root.append(etree.fromstring(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="90"/>{override}</w:num>'))


def _number(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(etree.fromstring(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _add_footnote(document, paragraph) -> None:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W_NS}">'
        f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {escape(FOOTNOTE)}</w:t></w:r></w:p></w:footnote>'
        f"</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(etree.fromstring(f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))


def _page_field(paragraph) -> None:
    for xml in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>', "<w:t>2</w:t>", '<w:fldChar w:fldCharType="end"/>'):
        paragraph._p.append(etree.fromstring(f'<w:r xmlns:w="{W_NS}">{xml}</w:r>'))


def _merge_down(cell, restart: bool) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    merge = etree.SubElement(tcpr, W + "vMerge")
    if restart:
        merge.set(W + "val", "restart")


COLUMN_WIDTHS = (1.7, 1.2, 1.1, 2.5)  # inches: the letter page's 6.5 inches of text


def build_agenda_docx(path: Path) -> Path:
    import docx
    from docx.shared import Inches

    document = docx.Document()
    _add_numbering(document)
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    first.text = "United Nations"
    section.first_page_header.add_paragraph(SYMBOL)
    section.header.paragraphs[0].text = SYMBOL
    section.footer.paragraphs[0].text = f"{JOB}\t"
    _page_field(section.footer.paragraphs[0])
    section.first_page_footer.paragraphs[0].text = f"{JOB} (E)"

    for text in FRONT:
        document.add_paragraph(text)
    for item, subitems in AGENDA:
        _number(document.add_paragraph(item), AGENDA_LIST, 0)
        for (subitem,) in subitems:
            _number(document.add_paragraph(subitem), AGENDA_LIST, 1)
    document.add_paragraph("Annotations")
    _number(document.add_paragraph("Organizational matters"), ANNOTATION_LIST, 0)
    _add_footnote(document, document.add_paragraph(OPENING))
    for item, _ in AGENDA[1:]:
        _number(document.add_paragraph(item.rstrip(".")), ANNOTATION_LIST, 0)
    document.add_paragraph("Annex")
    document.add_paragraph("Proposed organization of work")

    rows = sum(len(items) for _, sessions in ANNEX for _, items in sessions)
    table = document.add_table(rows=rows + 1, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_WIDTHS):
        column.width = Inches(width)  # the grid LibreOffice lays out by
    for row in table.rows:  # wide enough that no cell wraps
        for cell, width in zip(row.cells, COLUMN_WIDTHS):
            cell.width = Inches(width)
    for cell, header in zip(table.rows[0].cells, HEADERS):
        cell.text = header
    index = 1
    for day, sessions in ANNEX:
        day_start = index
        for time, items in sessions:
            for position, (item, title) in enumerate(items):
                cells = table.rows[index].cells
                if index == day_start:
                    cells[0].text = day
                if position == 0:
                    cells[1].text = time
                cells[2].text = item
                cells[3].text = title
                _merge_down(cells[0], restart=index == day_start)
                if len(items) > 1:
                    _merge_down(cells[1], restart=position == 0)
                index += 1
    document.save(str(path))
    return path


def agenda_text() -> str:
    """The same agenda as tab-separated text, as the text reader expects it."""
    lines = [SYMBOL, ""] + [f"{line}\n" for line in FRONT]
    for number, (item, subitems) in enumerate(AGENDA, start=1):
        lines.append(f"{number}.\t{item}")
        for letter, (subitem,) in zip("abc", subitems):
            lines.append(f"\t({letter})\t{subitem}")
    lines += ["", "Annotations", "", "1.\tOrganizational matters", "", OPENING, ""]
    lines += [f"{n}.\t{item.rstrip('.')}\n" for n, (item, _) in enumerate(AGENDA[1:], start=2)]
    lines += ["Annex", "", "Proposed organization of work", "", "\t".join(HEADERS)]
    for day, sessions in ANNEX:
        first_of_day = True
        for time, items in sessions:
            for position, (item, title) in enumerate(items):
                lines.append("\t".join((day if first_of_day else "", time if position == 0 else "", item, title)))
                first_of_day = False
    return "\n".join(lines) + "\n"


def agenda_html() -> str:
    """The same agenda as HTML, merged cells as rowspans."""
    out = ['<html><head><meta charset="utf-8"><style>@page { size: A4; margin: 2cm } body { font-size: 10pt } td, th { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; white-space: nowrap; text-align: left }</style></head><body>']
    out.append(f"<p>{escape(SYMBOL)}</p>")
    out += [f"<p>{escape(line)}</p>" for line in FRONT]
    out.append("<ol>")
    for item, subitems in AGENDA:
        inner = "".join(f"<li>{escape(s)}</li>" for (s,) in subitems)
        out.append(f"<li>{escape(item)}" + (f'<ol type="a" style="list-style-type: lower-alpha">{inner}</ol>' if inner else "") + "</li>")
    out.append("</ol><p>Annotations</p><ol><li>Organizational matters</li></ol>")
    out.append(f"<p>{escape(OPENING)}</p>")
    out += [f"<p>{n}. {escape(item.rstrip('.'))}</p>" for n, (item, _) in enumerate(AGENDA[1:], start=2)]
    out.append("<p>Annex</p><p>Proposed organization of work</p><table><tr>" + "".join(f"<th>{h}</th>" for h in HEADERS) + "</tr>")
    for day, sessions in ANNEX:
        day_rows = sum(len(items) for _, items in sessions)
        first_of_day = True
        for time, items in sessions:
            for position, (item, title) in enumerate(items):
                cells = []
                if first_of_day:
                    cells.append(f'<td rowspan="{day_rows}">{escape(day)}</td>')
                if position == 0:
                    cells.append(f'<td rowspan="{len(items)}">{escape(time)}</td>')
                cells += [f"<td>{escape(item)}</td>", f"<td>{escape(title)}</td>"]
                out.append("<tr>" + "".join(cells) + "</tr>")
                first_of_day = False
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"



def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding these streams.

    What Word writes for a password-protected .docx ("EncryptedPackage", "EncryptionInfo")
    or a legacy .doc ("WordDocument"). Streams are padded to 4096 bytes so they live in
    ordinary sectors and no mini stream is needed.
    """
    import struct

    sector = 512
    end, free, fat_mark = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    bodies = [data.ljust(max(4096, -(-len(data) // sector) * sector), b"\0") for data in streams.values()]
    fat: list[int] = [fat_mark, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for body in bodies:
        count = len(body) // sector
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + count))
        fat.append(end)
    assert len(fat) <= sector // 4, "one FAT sector is enough for the test files"
    fat_sector = struct.pack(f"<{sector // 4}I", *(fat + [free] * (sector // 4 - len(fat))))

    def entry(name: str, kind: int, start: int, size: int, child: int = free, right: int = free) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, free, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    names = list(streams)
    entries = [entry("Root Entry", 5, end, 0, child=1 if names else free)]
    for index, (name, body) in enumerate(zip(names, bodies)):
        right = index + 2 if index + 1 < len(names) else free
        entries.append(entry(name, 2, starts[index], len(streams[name]), right=right))
    directory = b"".join(entries).ljust(sector, b"\0")
    assert len(directory) == sector, "four directory entries at most"
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *([free] * 108)))
    return header + fat_sector + directory + b"".join(bodies)


# A longer agenda for the PDF reader: running head and foot, page numbers, a long
# paragraph that wraps, and an annex table (days as rows spanning the table) that
# runs over a page break, its header row repeated by the printer.
LONG_SYMBOL = "CTOC/COP/WG.8/2027/1"
LONG_DAYS = ["Monday, 6 September", "Tuesday, 7 September", "Wednesday, 8 September", "Thursday, 9 September", "Friday, 10 September",
             "Monday, 13 September", "Tuesday, 14 September", "Wednesday, 15 September"]
LONG_ITEMS = ["Opening of the session", "Review of port security measures", "Exchange of information between customs services",
              "Training of maritime law enforcement officers", "Implementation of earlier recommendations", "Adoption of the report"]


def long_annex() -> list[tuple[str, list[tuple[str, list[tuple[str, str]]]]]]:
    """Eight days of two meetings; the items walk through the agenda, each going on in the next meeting."""
    annex, previous = [], 0
    for day_index, day in enumerate(LONG_DAYS):
        sessions = []
        for half, time in enumerate(("10 a.m.–1 p.m.", "3–6 p.m.")):
            number = 1 + (2 * day_index + half) * len(LONG_ITEMS) // 16
            title = LONG_ITEMS[number - 1] + (" (continued)" if number == previous else "")
            sessions.append((time, [(str(number), title)]))
            previous = number
        annex.append((day, sessions))
    return annex


def long_agenda_html(filler_paragraphs: int = 2) -> str:
    filler = (
        "Delegations may wish to share their experience of inspections carried out at sea and in ports, "
        "of the exchange of cargo manifests between neighbouring administrations and of the training "
        "offered to boarding officers, with a view to identifying practices that others could follow."
    )
    out = ['<html><head><meta charset="utf-8"><style>',
           "@page { size: A4; margin: 2.5cm 2cm; @top-right { content: '" + LONG_SYMBOL + "'; font-size: 9pt }",
           " @bottom-left { content: 'V.27-00815'; font-size: 9pt } @bottom-right { content: counter(page) '/' counter(pages); font-size: 9pt } }",
           "body { font-size: 10pt } .numbered { padding-left: 1.2cm; text-indent: -1.2cm } .marker { display: inline-block; width: 1.2cm; text-indent: 0 }",
           "table { border-collapse: collapse } td, th { padding: 2pt 6pt; white-space: nowrap; text-align: left; vertical-align: top }",
           "</style></head><body>"]
    out += [f"<p>{line}</p>" for line in (LONG_SYMBOL, FRONT[0], "Distr.: General", "1 June 2027", "Original: English",
                                        "Working Group on Port Security", "Vienna, 6–15 September 2027",
                                        "Annotated provisional agenda", "Provisional agenda")]
    out += [f"<p>{n}.&nbsp;&nbsp;{escape(title)}.</p>" for n, title in enumerate(LONG_ITEMS, start=1)]
    out.append("<p>Annotations</p>")
    out.append("<p>The fourth meeting of the Working Group on Port Security, convened in accordance with the "
               "resolutions of the Conference, will be opened on Monday, 6 September 2027, at 10 a.m.</p>")
    paragraph = 0
    for n, title in enumerate(LONG_ITEMS, start=1):
        out.append(f"<p>{n}.&nbsp;&nbsp;{escape(title)}</p>")
        for _ in range(filler_paragraphs):  # numbered paragraphs with a hanging indent, as the UN prints them
            paragraph += 1
            out.append(f'<p class="numbered"><span class="marker">{paragraph}.</span>{filler}</p>')
    out.append("<p>Annex</p><p>Proposed organization of work</p>")
    out.append("<table><thead><tr><th>Date and time</th><th>Agenda item</th><th>Title or description</th></tr></thead><tbody>")
    for day, sessions in long_annex():
        out.append(f'<tr><td colspan="3">{escape(day)}</td></tr>')
        for time, items in sessions:
            for position, (item, title) in enumerate(items):
                out.append(f"<tr><td>{escape(time) if position == 0 else ''}</td><td>{escape(item)}</td><td>{escape(title)}</td></tr>")
    out.append("</tbody></table></body></html>")
    return "\n".join(out) + "\n"


def build_long_docx(path: Path, widths: tuple[float, float, float] = (1.5, 0.9, 4.1)) -> Path:
    """The longer agenda as Word lays out a UN document: 10-point justified text, paragraphs
    numbered by Word with a hanging indent, a footnote, running head and foot, and the annex
    as a three-column table whose header row repeats on each page (w:tblHeader) and whose
    day rows span the table (gridSpan)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    style.paragraph_format.space_after = Pt(6)
    root = document.part.numbering_part.element
    indented = (f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="80"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>')
    first_num = root.find(W + "num")
    (first_num.addprevious(etree.fromstring(indented)) if first_num is not None else root.append(etree.fromstring(indented)))
    root.append(etree.fromstring(f'<w:num xmlns:w="{W_NS}" w:numId="80"><w:abstractNumId w:val="80"/></w:num>'))
    root.append(etree.fromstring(f'<w:num xmlns:w="{W_NS}" w:numId="81"><w:abstractNumId w:val="80"/>'
                                 f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))

    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "United Nations"
    section.first_page_header.add_paragraph(LONG_SYMBOL)
    section.header.paragraphs[0].text = LONG_SYMBOL
    section.first_page_footer.paragraphs[0].text = "V.27-00815 (E)"
    section.footer.paragraphs[0].text = "V.27-00815"

    for line in (FRONT[0], "Distr.: General", "1 June 2027", "Original: English", "Working Group on Port Security",
                 "Vienna, 6–15 September 2027", "Annotated provisional agenda", "Provisional agenda"):
        document.add_paragraph(line)
    for title in LONG_ITEMS:
        _number(document.add_paragraph(f"{title}."), 80, 0)
    document.add_paragraph("Annotations")
    opening = document.add_paragraph("The fourth meeting of the Working Group on Port Security, convened in accordance with the "
                                     "resolutions of the Conference, will be opened on Monday, 6 September 2027, at 10 a.m.")
    _add_footnote(document, opening)
    filler = ("Delegations may wish to share their experience of inspections carried out at sea and in ports, "
              "of the exchange of cargo manifests between neighbouring administrations and of the training "
              "offered to boarding officers, with a view to identifying practices that others could follow.")
    for index, title in enumerate(LONG_ITEMS):
        _number(document.add_paragraph(title), 81 if index == 0 else 80, 0)
        for _ in range(3):
            paragraph = document.add_paragraph(filler)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph("Annex")
    document.add_paragraph("Proposed organization of work")

    annex = long_annex()
    rows = 1 + sum(1 + len(sessions) for _, sessions in annex)
    table = document.add_table(rows=rows, cols=3)
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Inches(width)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(etree.fromstring(f'<w:tblHeader xmlns:w="{W_NS}"/>'))
    for cell, text in zip(header.cells, ("Date and time", "Agenda item", "Title or description")):
        cell.text = text
    index = 1
    for day, sessions in annex:
        cells = table.rows[index].cells
        cells[0].merge(cells[2]).text = day
        index += 1
        for time, items in sessions:
            (item, title), = items
            cells = table.rows[index].cells
            cells[0].text, cells[1].text, cells[2].text = time, item, title
            index += 1
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Inches(width)
            for paragraph in cell.paragraphs:  # the annex in smaller type, as UN documents often print it
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.save(str(path))
    return path


def tab_text_as_html(text: str, rtl: bool = False) -> str:
    """A tab-separated text fixture as an HTML page (tables for tab rows), for printing to PDF:
    the same agenda in another form. Cells do not wrap, so each row prints on one line."""
    lines = text.splitlines()
    direction = "rtl" if rtl else "ltr"
    out = [f'<html dir="{direction}"><head><meta charset="utf-8"><style>@page {{ size: A4; margin: 2cm }} body {{ font-size: 10pt }}'
           " td { vertical-align: top; padding: 2pt 6pt; white-space: nowrap }</style></head><body>"]
    index = 0
    while index < len(lines):
        if "\t" in lines[index]:
            out.append("<table>")
            while index < len(lines) and "\t" in lines[index]:
                out.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in lines[index].split("\t")) + "</tr>")
                index += 1
            out.append("</table>")
        else:
            if lines[index].strip():
                out.append(f"<p>{escape(lines[index].strip())}</p>")
            index += 1
    return "\n".join(out + ["</body></html>"]) + "\n"
