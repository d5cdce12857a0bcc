"""Readers: bytes of a converted document into numbered lines of clean text cells.

Whatever the format (plain text with tab rows, markdown with pipe tables,
HTML with real tables), the parser sees the same thing: a ``Document`` of
``Line``s, each with its source line number and its cells, markup removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import InputError
from ..model import Finding


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the source file
    cells: tuple[str, ...]  # one cell for running text, several for a table row
    is_row: bool = False  # came from a table structure (tabs, pipes, <tr>)

    @cached_property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c)

    @property
    def filled(self) -> tuple[str, ...]:
        return tuple(c for c in self.cells if c)


@dataclass(frozen=True)
class Document:
    name: str  # what messages call the document: the file name
    lines: tuple[Line, ...]
    format: str  # "text" or "html"
    findings: tuple[Finding, ...] = field(default=())

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


_UNSUPPORTED = {
    ".docx": "Word documents are not supported yet; save the document as HTML or text",
    ".doc": "Word documents are not supported yet; save the document as HTML or text",
    ".pdf": "PDF documents are not supported yet; convert the document to text or HTML",
    ".odt": "OpenDocument files are not supported yet; save the document as HTML or text",
}


def read_document(path: str | Path) -> Document:
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a document") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    if path.suffix.lower() in _UNSUPPORTED:
        raise InputError(_UNSUPPORTED[path.suffix.lower()])
    return read_bytes(data, name, suffix=path.suffix.lower())


def read_bytes(data: bytes, name: str, suffix: str = "") -> Document:
    from .decode import decode
    from .html import read_html
    from .text import read_text

    text, findings = decode(data, name)
    head = text.lstrip()[:512].lower()
    looks_html = head.startswith(("<!doctype html", "<html", "<table", "<body", "<head", "<meta"))
    if suffix in (".html", ".htm", ".xhtml") or looks_html:
        lines = read_html(text)
        fmt = "html"
    else:
        lines = read_text(text)
        fmt = "text"
    if not any(line.text for line in lines):
        raise InputError("has no text")
    return Document(name=name, lines=tuple(lines), format=fmt, findings=tuple(findings))
