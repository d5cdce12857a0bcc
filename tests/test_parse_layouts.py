"""One document, three layouts: the timetable read from tab rows, pipe tables and HTML tables is the same."""

from __future__ import annotations

import html

import pytest

from schedule_export.pipeline import load_meeting

from .conftest import EXAMPLES, utc_slots

TIMETABLED = ["000_13687f6d581ac513.txt", "001_147a230e7767d661.txt", "004_b571847e183aa006.txt"]


def as_pipe_table(text: str) -> str:
    lines, in_table = [], False
    for line in text.splitlines():
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            lines.append("| " + " | ".join(cells) + " |")
            if not in_table:
                lines.append("|" + "---|" * len(cells))
                in_table = True
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def as_html(text: str) -> str:
    out, in_table = ["<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"], False
    for line in text.splitlines():
        if "\t" in line:
            if not in_table:
                out.append("<table>")
                in_table = True
            cells = "".join(f"<td>{c}</td>" for c in line.split("\t"))  # keep the <i>/<b> markup the seeds carry
            out.append(f"<tr>{cells}</tr>")
        else:
            if in_table:
                out.append("</table>")
                in_table = False
            if line.strip():
                out.append(f"<p>{html.escape(line)}</p>")
    out.append("</table></body></html>" if in_table else "</body></html>")
    return "\n".join(out)


@pytest.mark.parametrize("name", TIMETABLED)
@pytest.mark.parametrize(("suffix", "convert"), [(".md", as_pipe_table), (".html", as_html)])
def test_same_sessions_whatever_the_layout(tmp_path, name, suffix, convert):
    original = load_meeting(EXAMPLES / name)
    path = tmp_path / (name.rsplit(".", 1)[0] + suffix)
    path.write_text(convert((EXAMPLES / name).read_text(encoding="utf-8")), encoding="utf-8")
    converted = load_meeting(path)
    assert utc_slots(converted) == utc_slots(original)
    assert [(i.key, i.title, i.documents) for i in converted.agenda] == [(i.key, i.title, i.documents) for i in original.agenda]
    assert (converted.title, converted.ordinal, converted.first_day, converted.last_day) == (
        original.title, original.ordinal, original.first_day, original.last_day,
    )
