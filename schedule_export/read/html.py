"""HTML documents: block elements become paragraphs, tables become grids of cells.

Ordered lists are numbered as the browser would show them ("1.", "a)"), since
agenda item numbers often live only in the list markup. Block elements inside a
cell (``<p>Point 3</p><p>Point 4</p>``) stay separate lines of the cell.
Spans are resolved into the grid and bounded, so a hostile ``colspan`` costs nothing.

Line numbers are source lines, except that every paragraph and table row gets its own, in
order: where blocks share a source line (HTML exported on one line, ``</p><p>``, ``</tr><tr>``),
each takes the number after the one before, as the parser tells blocks apart by their lines.
"""

from __future__ import annotations

from html.parser import HTMLParser

from . import Block, Cell, Paragraph, Row, Table
from .markup import defuse_unterminated, strip_markup

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "section", "article",
    "header", "footer", "blockquote", "pre", "caption", "dt", "dd", "hr", "title",
}
_SKIP = {"script", "style", "head", "template", "noscript"}
MAX_COLUMNS = 64  # no timetable is wider; a larger colspan is cut to what fits
MAX_ROWSPAN = 1000


def _span(value: str | None, limit: int) -> int:
    value = (value or "").strip()
    return max(1, min(int(value), limit)) if value.isascii() and value.isdigit() else 1


class _TableBuilder:
    """Rows of one <table>, with rowspans carried down into the rows below."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.row: list[Cell] | None = None
        self.row_line = 1
        self.pending: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still covered)

    def start_row(self, line: int) -> None:
        self.row, self.row_line = [], line

    def _fill_spanned(self, to_end: bool = False) -> None:
        assert self.row is not None
        while len(self.row) < MAX_COLUMNS:
            column = len(self.row)
            covered = self.pending.get(column)
            if covered is None:
                if to_end and any(c > column for c in self.pending):
                    self.row.append(Cell())
                    continue
                return
            cell, left = covered
            self.row.append(Cell(cell.lines, cell.numbers, spanned=True))
            if left <= 1:
                del self.pending[column]
            else:
                self.pending[column] = (cell, left - 1)

    def add_cell(self, cell: Cell, colspan: int, rowspan: int) -> None:
        if self.row is None:
            self.start_row(cell.number or self.row_line)
        assert self.row is not None
        self._fill_spanned()
        if len(self.row) >= MAX_COLUMNS:
            return
        first = len(self.row)
        colspan = min(colspan, MAX_COLUMNS - first)
        self.row.append(cell)
        self.row.extend(Cell(cell.lines, cell.numbers, spanned=True) for _ in range(colspan - 1))
        if rowspan > 1:
            for column in range(first, first + colspan):
                self.pending[column] = (cell, rowspan - 1)

    def end_row(self) -> None:
        if self.row is None:
            return
        self._fill_spanned(to_end=True)
        if any(not c.spanned and c.lines for c in self.row) or self.row:
            self.rows.append(Row(tuple(self.row), self.row_line))
        self.row = None

    def table(self) -> Table | None:
        self.end_row()
        rows = [row for row in self.rows if any(row.texts)]
        return Table(tuple(rows), "html") if rows else None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._text_line = 1
        self._tables: list[_TableBuilder] = []
        self._cell: list[tuple[str, int]] | None = None  # (line text, source line) of the open cell
        self._cell_parts: list[str] = []
        self._cell_part_line = 1
        self._colspan = 1
        self._rowspan = 1
        self._skip = 0
        self._lists: list[list] = []  # [kind, counter] per open list

    # text outside tables
    def _flush(self) -> None:
        text = strip_markup("".join(self._text))
        if text:
            self.blocks.append(Paragraph(text, self._text_line))
        self._text = []

    def _break_cell_line(self) -> None:
        if self._cell is None:
            return
        text = strip_markup("".join(self._cell_parts))
        if text:
            self._cell.append((text, self._cell_part_line))
        self._cell_parts = []

    def _close_cell(self) -> None:
        if self._cell is None or not self._tables:
            return
        self._break_cell_line()
        lines = tuple(t for t, _ in self._cell)
        numbers = tuple(n for _, n in self._cell)
        self._tables[-1].add_cell(Cell(lines, numbers), self._colspan, self._rowspan)
        self._cell = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "sup":
            # a footnote mark or an ordinal's ending: never glued to the word before ("sesión" + "a")
            (self._cell_parts if self._cell is not None else self._text).append(" ")
            return
        if tag in _SKIP:
            self._skip += 1
            return
        values = dict(attrs)
        if tag == "table":
            self._close_cell()
            self._flush()
            self._tables.append(_TableBuilder())
        elif tag == "tr" and self._tables:
            self._close_cell()
            self._tables[-1].end_row()
            self._tables[-1].start_row(line)
        elif tag in ("td", "th") and self._tables:
            self._close_cell()
            self._cell, self._cell_parts, self._cell_part_line = [], [], line
            self._colspan = _span(values.get("colspan"), MAX_COLUMNS)
            self._rowspan = _span(values.get("rowspan"), MAX_ROWSPAN)
        elif self._cell is not None:
            if tag in _BLOCKS:
                self._break_cell_line()
                self._cell_part_line = line
        elif tag in ("ol", "ul"):
            self._flush()
            kind = (values.get("type") or "1") if tag == "ol" else "ul"
            start = (values.get("start") or "1").strip()
            first = int(start) if start.isascii() and start.isdigit() and len(start) < 6 else 1
            self._lists.append([kind, first - 1])
        elif tag == "li":
            self._flush()
            self._text_line = line
            if self._lists:
                kind, count = self._lists[-1]
                self._lists[-1][1] = count + 1
                if kind == "1":
                    self._text.append(f"{count + 1}. ")
                elif kind in ("a", "A") and count < 26:
                    self._text.append(f"{chr(ord(kind) + count)}) ")
                elif kind == "ul":
                    self._text.append("- ")
        elif tag in _BLOCKS:
            self._flush()
            self._text_line = line

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr" and self._tables:
            self._close_cell()
            self._tables[-1].end_row()
        elif tag == "table" and self._tables:
            self._close_cell()
            table = self._tables.pop().table()
            if table is not None:
                self.blocks.append(table)
        elif self._cell is not None:
            if tag in _BLOCKS:
                self._break_cell_line()
        elif tag in ("ol", "ul"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self._cell is not None:
            self._break_cell_line()
            self._cell_part_line = self.getpos()[0]
        else:
            self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        offset = data[: len(data) - len(data.lstrip())].count("\n")
        if self._cell is not None:
            if not self._cell_parts and data.strip():
                self._cell_part_line = self.getpos()[0] + offset
            self._cell_parts.append(data)
        elif self._tables:
            return  # text between cells is layout, not content
        else:
            if not self._text and data.strip():
                self._text_line = self.getpos()[0] + offset
            self._text.append(data)

    def unknown_decl(self, data: str) -> None:
        pass  # "<![CDATA[" or a marked section: not text

    def close(self) -> None:
        super().close()
        self._close_cell()
        while self._tables:
            table = self._tables.pop().table()
            if table is not None:
                self.blocks.append(table)
        self._flush()


def _shifted(cell: Cell, shift: int) -> Cell:
    return Cell(cell.lines, tuple(n + shift for n in cell.numbers), cell.spanned) if shift else cell


def _own_lines(blocks: list[Block]) -> tuple[list[Block], tuple[tuple[int, int], ...]]:
    """Each paragraph and row on a line after the one before (source lines where they already are),
    and the (line, source line) pairs of those moved."""
    out: list[Block] = []
    moved: dict[int, int] = {}
    last = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            last = max(block.number, last + 1)
            out.append(block if last == block.number else Paragraph(block.text, last))
            if last != block.number:
                moved[last] = block.number
            continue
        rows = []
        for row in block.rows:
            number = max(row.number, last + 1)
            shift, last = number - row.number, number
            rows.append(Row(tuple(_shifted(c, shift) for c in row.cells), number) if shift else row)
            if shift:
                moved.update((n + shift, n) for c in row.cells if not c.spanned for n in c.numbers)
                moved[number] = row.number
            last = max([last] + [n for c in rows[-1].cells if not c.spanned for n in c.numbers])
        out.append(Table(tuple(rows), block.source))
    return out, tuple(sorted(moved.items()))


def read_html(text: str) -> tuple[list[Block], tuple[tuple[int, int], ...]]:
    """Blocks, and the (line, source line) pairs of blocks given a line of their own."""
    reader = _Reader()
    reader.feed(defuse_unterminated(text))  # linear parsing, no HTMLParser assertion
    reader.close()
    return _own_lines(reader.blocks)
