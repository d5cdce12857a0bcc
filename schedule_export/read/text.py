"""Plain text and markdown into blocks: paragraphs, and the tables text conversions write.

Tables come in five shapes, each read by its geometry:
- tab-separated rows;
- markdown pipe tables (``| a | b |``, a ``|---|`` rule under the header);
- pandoc grid tables (``+----+----+`` borders, ``+====+`` under the header; a
  row spans several ``| ... |`` lines, so a cell holds several lines);
- pandoc multiline and simple tables (a rule of dash runs gives the column
  extents; in multiline tables rows are separated by blank lines);
- columns aligned with spaces, as ``pdftotext -layout`` writes them: the column
  starts are found over the whole table, and each physical line is a row.
  Whether a line continues the row above (a wrapped title) is a question of
  meaning, left to the parser.

Page furniture of converted PDFs (a running header or footer repeated at page
breaks, page numbers) is set aside, and a form feed is not a line break.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter

from . import Block, Cell, Paragraph, Row, Table
from .markup import strip_markup

MAX_LINE = 20000  # longer lines are cut before any pattern sees them: no pattern runs away on them
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_DASH_RULE = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")  # column extents of a pandoc multiline or simple table
_FULL_RULE = re.compile(r"^\s*-{10,}\s*$")
_GAP = re.compile(r" {2,}")
_WIDE_GAP = re.compile(r"\S {3,}\S")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*\d{1,4}\s*-|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|page \d{1,4}(?: of \d{1,4})?)\s*$", re.IGNORECASE)


def source_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: LF, CR LF or a lone CR end a line; a form feed does not."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_text(text: str) -> tuple[list[Block], tuple[str, ...]]:
    """The blocks of a text document, and the page furniture set aside."""
    source = source_lines(text)
    if "\f" in text:
        lines = [line[:MAX_LINE] for line in source]
        furniture = _page_furniture(lines)
        lines = ["" if index in furniture else line.replace("\f", "").rstrip(" \v") for index, line in enumerate(lines)]
    else:  # no page breaks (most documents): no furniture to find, no form feed to remove
        furniture = set()
        lines = [line[:MAX_LINE].rstrip(" \v") for line in source]
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        raw = lines[index]
        if not raw.strip():
            index += 1
            continue
        for reader in _readers_for(lines, index):
            found = reader(lines, index)
            if found is not None:
                table, index = found
                if table.rows:
                    blocks.append(table)
                break
        else:
            clean = strip_markup(raw)
            if clean:
                blocks.append(Paragraph(clean, index + 1))
            index += 1
    set_aside = tuple(dict.fromkeys(source[index].strip() for index in sorted(furniture)))
    return blocks, set_aside


def _readers_for(lines: list[str], index: int) -> list:
    """The table readers that could start at this line, told by a character or two (most lines are prose)."""
    line = lines[index]
    stripped = line.lstrip()
    readers = []
    if stripped.startswith("+"):
        readers.append(_grid_table)
    if stripped.startswith("-") or (index + 1 < len(lines) and lines[index + 1].lstrip().startswith("---")):
        readers.append(_dash_table)
    if "|" in line:
        readers.append(_pipe_table)
    if "\t" in line:
        readers.append(_tab_table)
    if "   " in line:
        readers.append(_aligned_table)
    return readers


# --- page furniture -------------------------------------------------------------------------------


def _page_furniture(lines: list[str]) -> set[int]:
    """Lines at page edges that repeat on several pages (running header, symbol, job number), and page numbers."""
    if not any("\f" in line for line in lines):
        return set()
    pages: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if "\f" in line:
            before, _, after = line.partition("\f")
            if before.strip():
                pages[-1].append(index)
            pages.append([])
            if after.strip():
                pages[-1].append(index)
        elif line.strip():
            pages[-1].append(index)
    # a running header repeats at the tops of pages, a footer at the bottoms: a word that ends one page
    # and starts the next ("reporting" of a title wrapped over the break) is neither
    # (each edge counted from the page's edge inward: a footer stands as far from the bottom on every page, and
    # "Пункт 2" one line above the footer of one page is not "Пункт 6" two lines above that of the next)
    tops: list[list[int]] = [page[:3] for page in pages if page]
    bottoms: list[list[int]] = [page[-3:][::-1] for page in pages if page]
    furniture: set[int] = set()
    for edges in (tops, bottoms):
        shape: Counter[tuple[int, str]] = Counter()
        for edge in edges:
            shape.update({(rank, _shape(lines[i])) for rank, i in enumerate(edge)})
        for edge in edges:
            for rank, i in enumerate(edge):
                text = lines[i].replace("\f", "")
                if _PAGE_NUMBER.match(text) or (shape[(rank, _shape(lines[i]))] >= 2 and len(edges) >= 2 and len(text.strip()) < 90):
                    furniture.add(i)
    return furniture


def _shape(line: str) -> str:
    """A line with its digits and spacing folded: "V.25-01234  2/5" and "V.25-01234  3/5" share a shape."""
    return re.sub(r"\d+", "#", " ".join(line.replace("\f", "").split())).lower()


# --- one reader per table shape: each returns (table, next line index) or None ----------------------


def _cell(texts: list[tuple[str, int]]) -> Cell:
    """A cell of (text, source line) pieces, markup removed; pieces left empty are dropped."""
    lines: list[str] = []
    numbers: list[int] = []
    for text, number in texts:
        line = strip_markup(text)
        if line:
            lines.append(line)
            numbers.append(number)
    return Cell(tuple(lines), tuple(numbers))


def _grid_table(lines: list[str], start: int) -> tuple[Table, int] | None:
    if not _GRID_BORDER.match(lines[start]):
        return None
    border = lines[start]
    bounds = [m.start() for m in re.finditer(r"\+", border)]
    rows: list[Row] = []
    pending: list[list[tuple[str, int]]] = [[] for _ in bounds[:-1]]
    row_start = start + 2
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if _GRID_BORDER.match(line):
            if any(pending):
                rows.append(Row(tuple(_cell(c) for c in pending), row_start))
            pending = [[] for _ in bounds[:-1]]
            row_start = index + 2
            index += 1
            continue
        stripped = line.strip()
        if not (stripped.startswith("|") and stripped.endswith("|")):
            break
        at = _cut_points(line, bounds)
        for column, (left, right) in enumerate(zip(at, at[1:])):
            piece = line[left + 1 : right] if len(line) > left else ""
            if piece.strip():
                pending[column].append((piece.strip(" |"), index + 1))
        index += 1
    if any(pending):
        rows.append(Row(tuple(_cell(c) for c in pending), row_start))
    return Table(tuple(rows), "grid"), index


def _cut_points(line: str, bounds: list[int]) -> list[int]:
    """Where a grid row's cells part: its "|" under the border's "+". Pandoc pads Chinese, Japanese
    and Korean text by display width (a wide character fills two columns), so in such a row the
    "|" stand where the display columns, not the characters, match the border."""
    if all(bound < len(line) and line[bound] == "|" for bound in bounds) or line.isascii():
        return bounds
    index_at: dict[int, int] = {}  # display column -> index of the character starting there
    column = 0
    for index, char in enumerate(line):
        index_at[column] = index
        column += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    if all(bound in index_at and line[index_at[bound]] == "|" for bound in bounds):
        return [index_at[bound] for bound in bounds]
    return bounds


def _dash_table(lines: list[str], start: int) -> tuple[Table, int] | None:
    """Pandoc multiline tables (rows apart by blank lines) and simple tables (a row a line).

    A rule of dash runs gives the column extents: under the header, or opening a table without one.
    """
    line = lines[start]
    header: tuple[int, int] | None = None
    if _FULL_RULE.match(line):
        rule = next((i for i in range(start + 1, min(start + 8, len(lines))) if _DASH_RULE.match(lines[i])), None)
        if rule is None or any(not lines[i].strip() for i in range(start + 1, rule)):
            return None
        header = (start + 1, rule)
    elif _DASH_RULE.match(line):
        rule = start
    elif start + 1 < len(lines) and _DASH_RULE.match(lines[start + 1]):
        rule, header = start + 1, (start, start + 1)
    else:
        return None
    starts = [m.start() for m in re.finditer(r"-+", lines[rule])]
    end = rule + 1
    blank_inside = False
    while end < len(lines):
        if _FULL_RULE.match(lines[end]) or _DASH_RULE.match(lines[end]):
            break
        if not lines[end].strip():
            if end + 1 >= len(lines) or not lines[end + 1].strip():
                break  # two blank lines, or the end: the table ended without a closing rule
            blank_inside = True
        end += 1
    closed = end < len(lines) and (_FULL_RULE.match(lines[end]) or _DASH_RULE.match(lines[end]))
    if header is not None and not closed and not _FULL_RULE.match(line):
        # a simple table ends at its first blank line
        end = next((i for i in range(rule + 1, end) if not lines[i].strip()), end)
        blank_inside = False
    rows: list[Row] = []
    if header is not None:
        rows.append(_row_from(lines[header[0] : header[1]], header[0], starts))
    group: list[str] = []
    group_start = rule + 1
    for index in range(rule + 1, end):
        if not lines[index].strip():
            if group:
                rows.append(_row_from(group, group_start, starts))
            group, group_start = [], index + 1
        elif blank_inside:
            group.append(lines[index])
        else:
            rows.append(_row_from([lines[index]], index, starts))
    if group:
        rows.append(_row_from(group, group_start, starts))
    return Table(tuple(rows), "multiline" if blank_inside else "simple"), (end + 1 if closed else end)


def _row_from(group: list[str], first: int, starts: list[int]) -> Row:
    cells: list[list[tuple[str, int]]] = [[] for _ in starts]
    for offset, line in enumerate(group):
        for column, text in _place(line, starts):
            cells[column].append((text, first + offset + 1))
    return Row(tuple(_cell(c) for c in cells), first + 1)


def _place(line: str, starts: list[int]) -> list[tuple[int, str]]:
    """Pieces of a line (apart by two spaces or more) put in the column whose start is nearest to their left."""
    placed: dict[int, list[str]] = {}
    position = 0
    for piece in _GAP.split(line):
        at = line.find(piece, position) if piece else position
        position = at + len(piece)
        if not piece.strip():
            continue
        at += len(piece) - len(piece.lstrip())
        column = max(bisect_right(starts, at + 2) - 1, 0)  # starts are sorted: linear in the pieces of a line
        placed.setdefault(column, []).append(piece.strip())
    return [(column, " ".join(pieces)) for column, pieces in sorted(placed.items())]


_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _pipe_table(lines: list[str], start: int) -> tuple[Table, int] | None:
    if "|" not in lines[start] or not _PIPE_ROW.match(lines[start]):
        return None
    rows: list[Row] = []
    index = start
    while index < len(lines) and "|" in lines[index] and _PIPE_ROW.match(lines[index]):
        line = lines[index]
        if not ("-" in line and _PIPE_RULE.match(line)):
            cells = _split_pipes(line.strip()[1:-1])
            # "<br>" is how a pipe table writes a line break inside a cell: the cell's lines, on one source line
            rows.append(Row(tuple(_cell([(piece, index + 1) for piece in _LINE_BREAK.split(c)] if "<" in c else [(c, index + 1)]) for c in cells), index + 1))
        index += 1
    return Table(tuple(rows), "pipes"), index


def _tab_table(lines: list[str], start: int) -> tuple[Table, int] | None:
    if "\t" not in lines[start]:
        return None
    rows: list[Row] = []
    index = start
    while index < len(lines) and "\t" in lines[index] and lines[index].strip():
        rows.append(Row(tuple(_cell([(c, index + 1)]) for c in lines[index].split("\t")), index + 1))
        index += 1
    return Table(tuple(rows), "tabs"), index


def _is_aligned(line: str) -> bool:
    return "   " in line and _WIDE_GAP.search(line) is not None and "\t" not in line and not _PIPE_ROW.match(line)


# "1.   Opening of the session.", "(b)    Adoption": a list marker, a wide gap, then text (a numbered list, not a table)
_LIST_LINE = re.compile(r"^\s*(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxlc]+)[.)]|\d{1,3}[.-])\s{2,}\S")


def _aligned_table(lines: list[str], start: int) -> tuple[Table, int] | None:
    """Columns aligned with spaces: the region runs while lines have column gaps, or are short or indented."""
    if not _is_aligned(lines[start]) or _is_list_line(lines[start]):
        return None
    end = start
    blank_run = 0
    loose = 0  # lines in a row without a column gap, not indented: three of them are running text again
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            blank_run += 1
            if blank_run > 2:
                break
        elif _is_aligned(line) or _belongs_to_table(line):
            if _GRID_BORDER.match(line) or _DASH_RULE.match(line) or "\t" in line or _PIPE_ROW.match(line):
                break
            if blank_run and _heading_between_blanks(lines, index):
                break  # "Annex II" alone between blank lines, flush left: a heading, and what follows is another table
            aligned = _is_aligned(line) or len(line) - len(line.lstrip()) >= 4
            loose = 0 if aligned else loose + 1
            if loose >= 3:
                end = _last_aligned(lines, start, index)
                break
            blank_run = 0
            end = index
        else:
            break
        index += 1
    region = list(range(start, end + 1))
    starts = _column_starts([lines[i] for i in region if _is_aligned(lines[i])])
    rows = [Row(_aligned_cells(lines[i], starts, i + 1), i + 1) for i in region if lines[i].strip()]
    return Table(tuple(rows), "aligned"), end + 1


def _heading_between_blanks(lines: list[str], index: int) -> bool:
    line = lines[index]
    below = lines[index + 1] if index + 1 < len(lines) else ""
    return not line[:1].isspace() and not _is_aligned(line) and not below.strip()


def _is_list_line(line: str) -> bool:
    """A numbered list's line set with a wide gap after its marker and no further column gap."""
    match = _LIST_LINE.match(line)
    return match is not None and _WIDE_GAP.search(line, match.end() - 1) is None


def _last_aligned(lines: list[str], start: int, stop: int) -> int:
    return max(i for i in range(start, stop) if lines[i].strip() and (_is_aligned(lines[i]) or len(lines[i]) - len(lines[i].lstrip()) >= 4))


def _belongs_to_table(line: str) -> bool:
    """A line without a column gap inside an aligned table: a wrapped cell (indented) or a short label."""
    indent = len(line) - len(line.lstrip())
    return indent >= 4 or len(line.strip()) <= 60


def _column_starts(table_lines: list[str]) -> list[int]:
    counts: Counter[int] = Counter()
    for line in table_lines:
        position = 0
        for piece in _GAP.split(line):
            at = line.find(piece, position) if piece else position
            position = at + len(piece)
            if piece.strip():
                counts[at + len(piece) - len(piece.lstrip())] += 1
    needed = 2 if len(table_lines) >= 4 else 1
    starts: list[int] = []
    for x in sorted(counts):
        if counts[x] < needed and x != min(counts):
            continue
        if starts and x - starts[-1] <= 2:
            continue  # the same column, a character off
        starts.append(x)
    return starts or [0]


def _aligned_cells(line: str, starts: list[int], number: int) -> tuple[Cell, ...]:
    cells = [Cell() for _ in starts]
    for column, text in _place(line, starts):
        cells[column] = _cell([(text, number)])
    return tuple(cells)


def _split_pipes(inner: str) -> list[str]:
    # a pipe escaped as \| belongs to the cell
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]
