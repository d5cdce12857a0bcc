"""Word documents (.docx) into blocks: paragraphs and tables in document order.

python-docx opens the package (parts, relationships, styles); the body is then
walked as XML because what a reader sees is not always a direct child of the
body: content controls (``w:sdt``) wrap paragraphs, rows and cells, tracked
insertions wrap runs, text boxes hold paragraphs of their own.

- Tables become grids: ``w:gridSpan`` (across) and ``w:vMerge`` (down) are
  resolved; a covered position holds a ``spanned`` copy of the cell it belongs
  to, as the HTML reader does for ``colspan`` / ``rowspan``.
- Each paragraph of a cell is one line of the cell.
- Word's automatic numbering (``w:numPr`` -> ``numbering.xml``) is not in the
  text: it is rendered as Word shows it ("1.", "(a)", "ii)").
- Footnotes are left out (they live in their own part); headers and footers go
  to ``Document.furniture``.
- Line numbers: a Word file has no lines, so the N-th paragraph of the body
  (table cell paragraphs included, empty ones counted) is "line N".
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import InputError
from . import Block, Cell, Document, Paragraph, Row, Table
from .markup import squeeze_spaces

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED_BYTES = 256 * 2**20
MAX_COLUMNS = 64  # as for HTML: no timetable is wider, a hostile gridSpan costs nothing
# Inside a paragraph, these hold text that is not the paragraph's own: deleted
# revisions, field instructions, footnote bodies referenced from elsewhere,
# text boxes (read as paragraphs of their own), the fallback copy of a drawing.
_NOT_OWN_TEXT = {W + "del", W + "moveFrom", W + "txbxContent", _MC_FALLBACK, W + "instrText", W + "delText", W + "pPr", W + "rPr"}
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"}

OPENDOCUMENT = (
    "OpenDocument files are not read; save the document as Word (.docx) or PDF, "
    "or convert it with: libreoffice --headless --convert-to docx FILE"
)
PASSWORD = "is password-protected; save a copy without the password and convert that"
LEGACY_WORD = (
    "is a legacy Word (.doc) file, which is not read; save it as .docx in Word, "
    "or convert it with: libreoffice --headless --convert-to docx FILE"
)


def read_docx(data: bytes, name: str) -> Document:
    from docx import Document as open_docx  # python-docx: imported only when a Word file is read

    if not data:
        raise InputError("is empty")
    if data.startswith(_OLE):
        # a password-protected .docx is an OLE file; its encrypted package may even hold a readable-looking zip
        return read_ole(data, name, ".docx")
    if not data.startswith(b"PK"):
        raise InputError("is not a Word (.docx) file: it does not start like one")
    _check_package(data)
    try:
        word = open_docx(io.BytesIO(data))
        body = word.element.body
        numbering = _Numbering.from_document(word)
    except ValueError as exc:
        if "not a Word file" not in str(exc):
            raise InputError("is truncated or corrupt") from None
        raise InputError("is a macro-enabled Word file or a template, which is not read; save it as a Word document (.docx)") from None
    except Exception:  # a damaged zip or XML part: python-docx and lxml raise many kinds
        raise InputError("is truncated or corrupt") from None
    walker = _BodyWalker(numbering)
    blocks = walker.blocks_of(body)
    furniture = _furniture(word, numbering)
    return Document(name=name, blocks=tuple(blocks), format="docx", furniture=furniture)


def read_ole(data: bytes, name: str, suffix: str) -> Document:
    """An OLE compound file: a password-protected .docx, a legacy .doc, or another old Office file."""
    import olefile  # imported only for OLE files

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    except Exception:  # olefile raises OSError or its own errors on damaged files
        raise InputError("is truncated or corrupt") from None
    if "EncryptedPackage" in streams:
        raise InputError(PASSWORD)
    if "WordDocument" in streams:
        raise InputError(LEGACY_WORD)
    raise InputError("is an old Microsoft Office file but not a Word document; save the agenda as .docx or PDF")


def _check_package(data: bytes) -> None:
    """Say what is wrong with a zip that is not a readable Word package, before python-docx does."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
        mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise InputError("is truncated or corrupt") from None
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise InputError(OPENDOCUMENT)
    if unpacked > MAX_UNPACKED_BYTES:
        # the XML is parsed whole: a small file that unpacks to gigabytes would exhaust memory
        raise InputError(f"unpacks to {unpacked // 2**20} MB, more than an agenda ever holds ({MAX_UNPACKED_BYTES // 2**20} MB); not read")
    if "word/document.xml" not in names and not any(n.endswith("document.xml") and n.startswith("word/") for n in names):
        if "[Content_Types].xml" in names:
            raise InputError("is an Office file but not a Word document; save the agenda as .docx or PDF")
        raise InputError("is a ZIP archive, not a Word document")


# ---------------------------------------------------------------- numbering


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # w:isLgl: every level shown in decimal
    restart: int | None = None  # w:lvlRestart: restart after this level (1-based); 0 never


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's letter numbering repeats the letter: a..z, aa..zz, aaa..
    if n < 1:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and the formats we do not spell out (ordinal, cardinalText, ...)


def _val(element, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val") if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Numbering:
    """Word's list numbers: definitions from numbering.xml, counters as the document goes."""

    def __init__(self, abstract: dict[str, dict[int, _Level]], nums: dict[str, tuple[str, dict[int, int]]],
                 style_numbers: Callable[[], dict[str, tuple[str, int]]]) -> None:
        self.abstract = abstract  # abstractNumId -> levels
        self.nums = nums  # numId -> (abstractNumId, start overrides by level)
        self._style_numbers = style_numbers
        self._styles: dict[str, tuple[str, int]] | None = None
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def from_document(cls, word) -> _Numbering:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            root = word.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            root = None
        abstract: dict[str, dict[int, _Level]] = {}
        links: dict[str, str] = {}  # abstractNumId -> style whose numbering it stands for (w:numStyleLink)
        nums: dict[str, tuple[str, dict[int, int]]] = {}
        if root is not None:
            for definition in root.iter(W + "abstractNum"):
                levels: dict[int, _Level] = {}
                for lvl in definition.iter(W + "lvl"):
                    levels[_int(lvl.get(W + "ilvl"), 0)] = _level(lvl)
                abstract_id = definition.get(W + "abstractNumId") or ""
                abstract[abstract_id] = levels
                link = _val(definition, "numStyleLink")
                if link:
                    links[abstract_id] = link
            for num in root.iter(W + "num"):
                abstract_id = _val(num, "abstractNumId") or ""
                overrides = {
                    _int(o.get(W + "ilvl"), 0): _int(_val(o, "startOverride"), 1)
                    for o in num.iter(W + "lvlOverride")
                    if o.find(W + "startOverride") is not None
                }
                # a level redefined for this list only (Word writes these when a list is restyled)
                redefined = {_int(o.get(W + "ilvl"), 0): _level(o.find(W + "lvl")) for o in num.iter(W + "lvlOverride") if o.find(W + "lvl") is not None}
                if redefined:
                    num_key = f"num{num.get(W + 'numId')}"
                    own_levels = dict(abstract.get(abstract_id, {}))
                    own_levels.update(redefined)
                    abstract[num_key] = own_levels
                    abstract_id = num_key
                    overrides = overrides or {ilvl: level.start for ilvl, level in redefined.items()}
                nums[num.get(W + "numId") or ""] = (abstract_id, overrides)
        # A list defined through a numbering style: follow the style to the real definition.
        linked_styles = _style_numbers(word) if links else {}
        for abstract_id, style in links.items():
            num_id = linked_styles.get(style, ("", 0))[0]
            target = nums.get(num_id, ("", {}))[0]
            if target in abstract and target != abstract_id:
                abstract[abstract_id] = abstract[target]
        return cls(abstract, nums, lambda: _style_numbers(word))

    @property
    def style_numbers(self) -> dict[str, tuple[str, int]]:
        """Paragraph style id -> (numId, ilvl), read from the styles only when a styled paragraph asks."""
        if self._styles is None:
            self._styles = self._style_numbers()
        return self._styles

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph ("" if none), counting it."""
        ppr = paragraph.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(num_pr, "numId")
        level = _val(num_pr, "ilvl")
        if num_id is None:
            style = _val(ppr, "pStyle")
            if not style or not self.nums:
                return ""
            num_id, style_level = self.style_numbers.get(style, (None, 0))
            level = level if level is not None else str(style_level)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        ilvl = _int(level, 0)
        if ilvl not in levels:
            return ""
        # Word continues one list across every numId sharing an abstract
        # definition, unless a numId restarts it with a start override.
        key = num_id if overrides else "a" + abstract_id
        counters = self.counters.setdefault(key, {})
        start = overrides.get(ilvl, levels[ilvl].start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0:
                del counters[deeper]
        definition = levels[ilvl]
        if definition.fmt == "bullet":
            return "•" if definition.text.strip() else ""

        def number(match: re.Match) -> str:
            shown = int(match.group(1)) - 1
            lvl = levels.get(shown, _Level())
            value = counters.get(shown, overrides.get(shown, lvl.start))
            return format_number(value, "decimal" if definition.legal and lvl.fmt != "none" else lvl.fmt)

        return re.sub(r"%([1-9])", number, definition.text).strip()


def _level(lvl) -> _Level:
    return _Level(
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") if _val(lvl, "lvlText") is not None else "",
        start=_int(_val(lvl, "start"), 1),
        legal=lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false"),
        restart=_int(_val(lvl, "lvlRestart"), -1) if _val(lvl, "lvlRestart") is not None else None,
    )


def _style_numbers(word) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (Heading 1 in a numbered outline), through w:basedOn."""
    try:
        root = word.styles.element
    except Exception:
        return {}
    own: dict[str, tuple[str | None, str | None]] = {}
    based: dict[str, str] = {}
    for style in root.iter(W + "style"):
        style_id = style.get(W + "styleId") or ""
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            own[style_id] = (_val(num_pr, "numId"), _val(num_pr, "ilvl"))
        parent = _val(style, "basedOn")
        if parent:
            based[style_id] = parent
    result: dict[str, tuple[str, int]] = {}
    for style_id in set(own) | set(based):
        num_id, level, seen, current = None, None, set(), style_id
        while current and current not in seen:
            seen.add(current)
            mine = own.get(current)
            if mine:
                num_id = num_id if num_id is not None else mine[0]
                level = level if level is not None else mine[1]
            current = based.get(current)
        if num_id is not None:
            result[style_id] = (num_id, _int(level, 0))
    return result


# ---------------------------------------------------------------- text


def _own_text(paragraph) -> str:
    """What a reader sees of one paragraph (soft line breaks as newlines), without text boxes."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NOT_OWN_TEXT:
                continue
            if tag == W + "r" and _hidden(child):
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                # a page or column break separates like a line break
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                char = child.get(W + "char") or ""
                # symbol-font code points (F0xx) mean nothing outside the font: a bullet or dash at best
                parts.append("" if char.upper().startswith("F0") else _chr(char))
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _hidden(run) -> bool:
    """Text formatted as hidden (w:vanish): Word does not show or print it."""
    rpr = run.find(W + "rPr")
    vanish = rpr.find(W + "vanish") if rpr is not None else None
    return vanish is not None and vanish.get(W + "val") not in ("0", "false", "off")


def _chr(hex_code: str) -> str:
    try:
        return chr(int(hex_code, 16))
    except ValueError:
        return ""


def _text_boxes(paragraph) -> Iterator:
    """Paragraphs of the text boxes anchored in this paragraph (the primary copy only)."""
    for box in paragraph.iter(W + "txbxContent"):
        # the primary copy only, and only boxes of this paragraph (a box's own boxes are read with it)
        if any(ancestor.tag in (_MC_FALLBACK, W + "txbxContent") for ancestor in _ancestors_up_to(box, paragraph)):
            continue
        yield from box.iterchildren(W + "p")


def _ancestors_up_to(element, stop) -> Iterator:
    for ancestor in element.iterancestors():
        if ancestor is stop:
            return
        yield ancestor


def _tab_cells(text: str) -> list[str] | None:
    """The cells of a line laid out with tabs (a tab after some text), or None for running text.

    Leading tabs are empty cells, as in tab-separated text: they keep the columns aligned."""
    if "\t" not in text.lstrip(" \t"):
        return None
    cells = [_clean(part) for part in text.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells[:MAX_COLUMNS] if sum(1 for c in cells if c) >= 2 else None


def _clean(text: str) -> str:
    return squeeze_spaces(text)


# ---------------------------------------------------------------- body


@dataclass
class _BodyWalker:
    numbering: _Numbering
    counter: int = 0  # paragraphs seen so far: the "line" of a paragraph is its position in the body

    def blocks_of(self, body) -> list[Block]:
        """Paragraphs and tables; consecutive paragraphs laid out in columns with tabs are a table
        of their own, as the text reader reads tab-separated lines."""
        blocks: list[Block] = []
        tab_rows: list[Row] = []

        def end_tab_rows() -> None:
            if tab_rows:
                width = max(len(row.cells) for row in tab_rows)
                blocks.append(Table(tuple(Row(row.cells + (Cell(),) * (width - len(row.cells)), row.number) for row in tab_rows), "docx"))
                tab_rows.clear()

        for element in self._children(body):
            if element.tag == W + "p":
                for text, number in self._paragraph_lines(element):
                    cells = _tab_cells(text)
                    if cells is not None:
                        tab_rows.append(Row(tuple(Cell((c,), (number,)) if c else Cell() for c in cells), number))
                    else:
                        end_tab_rows()
                        blocks.append(Paragraph(_clean(text), number))
            elif element.tag == W + "tbl":
                end_tab_rows()
                frame = self._single_cell(element)
                if frame is not None:
                    # a one-cell table only frames its content (a box around the annex): read what it holds
                    blocks.extend(self.blocks_of(frame))
                    continue
                blocks.extend(self._table(element))
        end_tab_rows()
        return blocks

    def _single_cell(self, table):
        rows = [row for row in self._children(table) if row.tag == W + "tr"]
        cells = [cell for cell in self._children(rows[0]) if cell.tag == W + "tc"] if len(rows) == 1 else []
        return cells[0] if len(cells) == 1 else None

    def _children(self, element) -> Iterator:
        """Block-level children (paragraphs, tables, rows, cells), seen through content controls."""
        for child in element:
            if child.tag in _CONTAINERS:
                yield from self._children(child)
            elif isinstance(child.tag, str):
                yield child

    def _paragraph_lines(self, paragraph) -> list[tuple[str, int]]:
        self.counter += 1
        number = self.counter
        label = self.numbering.label(paragraph)
        lines = [part for part in _own_text(paragraph).split("\n") if _clean(part)]  # tabs kept: columns, in the body
        if label and lines:
            lines[0] = f"{label} {lines[0].lstrip()}"
        result = [(line, number) for line in lines]
        for inner in _text_boxes(paragraph):
            result.extend(self._paragraph_lines(inner))
        return result

    def _cell_lines(self, cell, nested: list[Table]) -> list[tuple[str, int]]:
        lines: list[tuple[str, int]] = []
        for element in self._children(cell):
            if element.tag == W + "p":
                lines.extend((_clean(text), number) for text, number in self._paragraph_lines(element))
            elif element.tag == W + "tbl":
                # a table nested in a cell is a table of its own, given after the row that holds it
                nested.extend(self._table(element))
        return lines

    def _table(self, table) -> list[Table]:
        """The table, split after each row holding nested tables, which follow it: document order."""
        parts: list[list[Row] | Table] = [[]]
        rows: list[Row] = parts[0]  # type: ignore[assignment]
        above: list[Cell] = []  # the previous row's grid, for vertical merges
        for tr in self._children(table):
            if tr.tag != W + "tr":
                continue
            nested: list[Table] = []
            grid: list[Cell] = []
            row_number = self.counter + 1
            trpr = tr.find(W + "trPr")
            grid.extend(Cell() for _ in range(min(_int(_val(trpr, "gridBefore"), 0), MAX_COLUMNS)))
            for tc in self._children(tr):
                if tc.tag != W + "tc":
                    continue
                tcpr = tc.find(W + "tcPr")
                span = max(1, _int(_val(tcpr, "gridSpan"), 1))
                merge = tcpr.find(W + "vMerge") if tcpr is not None else None
                continues = merge is not None and (merge.get(W + "val") in (None, "continue"))
                lines = self._cell_lines(tc, nested)  # counted even when merged away: numbers stay positions
                column = len(grid)
                if column >= MAX_COLUMNS:
                    continue
                span = min(span, MAX_COLUMNS - column)
                if continues and column < len(above):
                    origin = above[column]
                    cell = Cell(origin.lines, origin.numbers, spanned=True)
                    grid.extend(cell for _ in range(span))
                    continue
                cell = Cell(tuple(t for t, _ in lines), tuple(n for _, n in lines))
                grid.append(cell)
                grid.extend(Cell(cell.lines, cell.numbers, spanned=True) for _ in range(span - 1))
            if not grid:
                continue
            first_line = next((c.number for c in grid if not c.spanned and c.number), row_number)
            rows.append(Row(tuple(grid), first_line))
            above = grid
            if nested:
                rows = []
                parts.extend([*nested, rows])
        width = max((len(row.cells) for part in parts if isinstance(part, list) for row in part), default=0)
        tables: list[Table] = []
        for part in parts:
            if isinstance(part, Table):
                tables.append(part)
                continue
            padded = [Row(row.cells + tuple(Cell() for _ in range(width - len(row.cells))), row.number) for row in part]
            padded = [row for row in padded if any(row.texts)]
            if padded:
                tables.append(Table(tuple(padded), "docx"))
        return tables


def _furniture(word, numbering: _Numbering) -> tuple[str, ...]:
    """Texts of the headers and footers, first page first, each once."""
    seen: dict[str, None] = {}
    walker = _BodyWalker(numbering)
    for section in word.sections:
        for part in (section.first_page_header, section.header, section.even_page_header,
                     section.first_page_footer, section.footer, section.even_page_footer):
            if part.is_linked_to_previous:  # no header of its own: the previous section's, already read
                continue
            for block in walker.blocks_of(part._element):
                texts = [block.text] if isinstance(block, Paragraph) else [line for row in block.rows for c in row.cells if not c.spanned for line in c.lines]
                for text in texts:
                    seen.setdefault(text, None)
    return tuple(seen)
