"""Plain text and markdown: paragraphs, and tables written with tabs, pipes or aligned columns."""

from __future__ import annotations

import re

from . import Block, Cell, Paragraph, Row, Table
from .markup import strip_markup

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_COLUMN_GAP = re.compile(r"(?<=\S) {3,}(?=\S)|^ {3,}(?=\S)")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def source_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: only LF (or CR LF, or a lone CR) ends a line; a form feed does not."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_text(text: str) -> list[Block]:
    blocks: list[Block] = []
    rows: list[Row] = []
    source = ""

    def close_table() -> None:
        nonlocal rows
        if rows:
            blocks.append(Table(tuple(rows), source))
            rows = []

    for number, raw in enumerate(source_lines(text), start=1):
        raw = raw.replace("\f", "")
        if "-" in raw and "|" in raw and _PIPE_RULE.match(raw):
            continue
        if "|" in raw and _PIPE_ROW.match(raw):
            cells, kind = _split_pipes(raw.strip()[1:-1]), "pipes"
        elif "\t" in raw and raw.strip():
            cells, kind = raw.split("\t"), "tabs"
        elif "   " in raw and _COLUMN_GAP.search(raw.strip()):
            cells, kind = _COLUMN_GAP.split(raw.rstrip()), "aligned"
        else:
            close_table()
            text_line = strip_markup(raw)
            if text_line:
                blocks.append(Paragraph(text_line, number))
            continue
        if rows and kind != source:
            close_table()
        source = kind
        rows.append(Row(tuple(_cell(c, number) for c in cells), number))
    close_table()
    return blocks


def _cell(text: str, number: int) -> Cell:
    clean = strip_markup(text)
    return Cell((clean,), (number,)) if clean else Cell()


def _split_pipes(inner: str) -> list[str]:
    # a pipe escaped as \| belongs to the cell
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]
