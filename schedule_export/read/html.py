"""HTML documents: block elements become lines, table rows become rows of cells.

Ordered lists are numbered as the browser would show them ("1.", "a)"), since
agenda item numbers often live only in the list markup.
"""

from __future__ import annotations

from html.parser import HTMLParser

from . import Line
from .markup import strip_markup

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "section", "article",
    "header", "footer", "blockquote", "pre", "caption", "dt", "dd", "hr", "title",
}
_SKIP = {"script", "style", "head", "template", "noscript"}


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._text: list[str] = []
        self._text_line = 1
        self._row: list[str] | None = None
        self._row_line = 1
        self._cell: list[str] | None = None
        self._skip = 0
        self._lists: list[list] = []  # [kind, counter] per open list
        self._spans: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
        self._rowspan = 1
        self._colspan = 1

    # text outside tables
    def _flush(self) -> None:
        text = strip_markup("".join(self._text))
        if text:
            self.lines.append(Line(self._text_line, (text,)))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _SKIP:
            self._skip += 1
            return
        if tag == "br" and self._cell is not None:
            self._cell.append(" ")
            return
        if tag == "tr":
            self._flush()
            self._row, self._row_line = [], line
        elif tag in ("td", "th") and self._row is not None:
            self._skip_spanned()
            self._cell = []
            values = dict(attrs)
            self._colspan = int(values["colspan"]) if (values.get("colspan") or "").isdigit() else 1
            self._rowspan = int(values["rowspan"]) if (values.get("rowspan") or "").isdigit() else 1
        elif tag in ("ol", "ul"):
            self._flush()
            kind = (dict(attrs).get("type") or "1") if tag == "ol" else "ul"
            start = dict(attrs).get("start") or "1"
            self._lists.append([kind, int(start) - 1 if start.isdigit() else 0])
        elif tag == "li" and self._cell is None:
            self._flush()
            self._text_line = line
            if self._lists:
                kind, count = self._lists[-1]
                self._lists[-1][1] = count + 1
                if kind == "1":
                    self._text.append(f"{count + 1}. ")
                elif kind in ("a", "A"):
                    self._text.append(f"{chr(ord(kind) + count)}) ")
                elif kind == "ul":
                    self._text.append("- ")
        elif tag in _BLOCKS and self._cell is None:
            self._flush()
            self._text_line = line

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            first_column = len(self._row)
            self._row.append(strip_markup("".join(self._cell)))
            self._row.extend([""] * (self._colspan - 1))
            if self._rowspan > 1:
                for column in range(first_column, first_column + self._colspan):
                    self._spans[column] = self._rowspan - 1
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._skip_spanned(to_end=True)
            if any(self._row):
                self.lines.append(Line(self._row_line, tuple(self._row), is_row=True))
            self._row = None
        elif tag in ("ol", "ul"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag in _BLOCKS and self._cell is None:
            self._flush()

    def _skip_spanned(self, to_end: bool = False) -> None:
        """Leave empty the columns that a cell above covers with its rowspan, so columns stay aligned."""
        assert self._row is not None
        while self._spans.get(len(self._row), 0) > 0 or (to_end and any(c >= len(self._row) and n > 0 for c, n in self._spans.items())):
            column = len(self._row)
            if self._spans.get(column, 0) > 0:
                self._spans[column] -= 1
            self._row.append("")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._row is None:
            if not self._text and data.strip():
                self._text_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(text: str) -> list[Line]:
    parser = _Flattener()
    parser.feed(text)
    parser.close()
    return parser.lines
