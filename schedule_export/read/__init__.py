"""Readers: bytes of a document into **blocks**: paragraphs, and tables of rows and cells.

Whatever the format (plain text with tab rows, pipe, grid or multiline tables,
columns aligned with spaces; HTML; Word; PDF), the parser sees the same thing:
a ``Document`` whose ``blocks`` are ``Paragraph``s and ``Table``s. A table is a
grid: every row has one ``Cell`` per column, spans resolved (a position covered
by a cell spanning from elsewhere holds a copy marked ``spanned``). A cell keeps
its text lines and the source line number of each, markup removed.

Readers describe geometry only; what a row means (a day, a meeting, a wrapped
title) is for the parser to decide. ``Document.lines`` flattens the blocks
into numbered lines for the parts of the parser that read running text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Union

from ..errors import InputError
from ..model import Finding


@dataclass(frozen=True)
class Cell:
    lines: tuple[str, ...] = ()  # text lines as the cell shows them, markup removed
    numbers: tuple[int, ...] = ()  # source line of each text line (1-based)
    spanned: bool = False  # a copy of a cell spanning into this position from the left or above

    @cached_property
    def text(self) -> str:
        return " ".join(line for line in self.lines if line)

    @property
    def number(self) -> int | None:
        return self.numbers[0] if self.numbers else None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    number: int  # source line where the row starts

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """Each cell's text, empty for spanned copies: what a reader sees written in this row."""
        return tuple("" if cell.spanned else cell.text for cell in self.cells)


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    source: str = ""  # how it was written: "tabs", "pipes", "grid", "multiline", "aligned", "html", "docx", "pdf"

    @property
    def width(self) -> int:
        return max((len(row.cells) for row in self.rows), default=0)


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: int  # source line where it starts


Block = Union[Paragraph, Table]


@dataclass(frozen=True)
class Line:
    """One numbered line of the flattened document: a paragraph, or a table row's cells."""

    number: int  # 1-based line in the source file
    cells: tuple[str, ...]  # one cell for running text, several for a table row
    is_row: bool = False  # came from a table

    @cached_property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c)

    @property
    def filled(self) -> tuple[str, ...]:
        return tuple(c for c in self.cells if c)


def flatten(blocks: tuple[Block, ...] | list[Block]) -> tuple[Line, ...]:
    lines: list[Line] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(Line(block.number, (block.text,)))
        else:
            for row in block.rows:
                if any(row.texts):
                    lines.append(Line(row.number, row.texts, is_row=True))
    return tuple(lines)


@dataclass(frozen=True)
class Document:
    name: str  # what messages call the document: the file name
    blocks: tuple[Block, ...]
    format: str  # "text", "html", "docx", "pdf"
    findings: tuple[Finding, ...] = field(default=())
    furniture: tuple[str, ...] = ()  # running headers and footers a reader set aside (a symbol may be there)
    # (line, source line) where a reader gave blocks sharing a source line lines of their own (HTML on one line)
    renumbered: tuple[tuple[int, int], ...] = ()

    def source_line(self, number: int | None) -> int | None:
        """The source line a block's line number stands for, as messages name it."""
        if number is None or not self.renumbered:
            return number
        return self._sources.get(number, number)

    @cached_property
    def _sources(self) -> dict[int, int]:
        return dict(self.renumbered)

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        return flatten(self.blocks)

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# Formats a well-kept library reads, by the magic bytes that start them: imported only when met.
_ZIP, _OLE, _PDF, _RTF = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF", b"{\\rtf"


def read_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a document") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    return read_bytes(data, path.name, suffix=path.suffix.lower())


def read_bytes(data: bytes, name: str, suffix: str = "") -> Document:
    """Blocks of a document, the format told by its first bytes, then by its file name."""
    head = data[:8]
    if suffix == ".pdf" or head.startswith(_PDF):
        from .pdf import read_pdf

        return _checked(read_pdf(data, name))
    if suffix in (".docx", ".docm", ".dotx") or (head.startswith(_ZIP) and suffix not in (".txt", ".md", ".html", ".htm")):
        from .docx import read_docx

        return _checked(read_docx(data, name))
    if head.startswith(_OLE) or suffix in (".doc", ".dot"):
        from .docx import read_ole

        return _checked(read_ole(data, name, suffix))
    if head.startswith(_RTF) or suffix in (".rtf", ".odt"):
        raise InputError(
            f"{'RTF' if head.startswith(_RTF) or suffix == '.rtf' else 'OpenDocument'} files are not read; "
            "save the document as Word (.docx) or PDF, or convert it with: libreoffice --headless --convert-to docx FILE"
        )
    from .decode import decode
    from .html import read_html
    from .text import read_text

    text, findings = decode(data, name)
    start = text.lstrip()[:512].lower()
    looks_html = start.startswith(("<!doctype html", "<html", "<table", "<body", "<head", "<meta"))
    furniture: tuple[str, ...] = ()
    renumbered: tuple[tuple[int, int], ...] = ()
    if suffix in (".html", ".htm", ".xhtml") or looks_html:
        (blocks, renumbered), fmt = read_html(text), "html"
    else:
        (blocks, furniture), fmt = read_text(text), "text"
    return _checked(Document(name=name, blocks=tuple(blocks), format=fmt, findings=tuple(findings), furniture=furniture, renumbered=renumbered))


def _checked(document: Document) -> Document:
    if not any(line.text for line in document.lines):
        raise InputError("has no text")
    return document
