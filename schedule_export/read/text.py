"""Plain text and markdown: tab-separated rows, pipe tables, inline markup."""

from __future__ import annotations

import re

from . import Line
from .markup import strip_markup

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_COLUMN_GAP = re.compile(r"(?<=\S) {3,}(?=\S)|^ {3,}(?=\S)")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_text(text: str) -> list[Line]:
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if "-" in raw and "|" in raw and _PIPE_RULE.match(raw):
            continue
        if "|" in raw and _PIPE_ROW.match(raw):
            cells = _split_pipes(raw.strip()[1:-1])
            lines.append(Line(number, tuple(strip_markup(c) for c in cells), is_row=True))
        elif "\t" in raw.strip("\n") and raw.strip():
            cells = raw.rstrip("\r\n").split("\t")
            lines.append(Line(number, tuple(strip_markup(c) for c in cells), is_row=True))
        elif "   " in raw and _COLUMN_GAP.search(raw.strip()):
            # columns aligned with spaces, as PDF-to-text conversions leave them
            cells = _COLUMN_GAP.split(raw.rstrip())
            lines.append(Line(number, tuple(strip_markup(c) for c in cells), is_row=True))
        else:
            lines.append(Line(number, (strip_markup(raw),)))
    return lines


def _split_pipes(inner: str) -> list[str]:
    # a pipe escaped as \| belongs to the cell
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]
