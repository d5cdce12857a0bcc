"""Plain-text programme: aligned columns, short lines, every meeting, the document's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schedule_export.cli import main
from schedule_export.render import RenderOptions
from schedule_export.render.text import render_text
from schedule_export.render.view import build_view

from .programme_fixtures import PROGRAMMES, programme


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", PROGRAMMES)
def test_every_line_is_shorter_than_78_characters(name: str) -> None:
    text = render_text(programme(name), RenderOptions(display_tz="Asia/Kolkata", extra={"intro": "x" * 200}), calendar_attached=True)
    assert text.endswith("\n")
    assert max(len(line) for line in text.splitlines()) < 78
    assert not any(line != line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("name", PROGRAMMES)
def test_every_session_and_item_title_is_in_the_text(name: str) -> None:
    meeting = programme(name)
    view = build_view(meeting, RenderOptions())
    text = render_text(meeting)
    flat = squeeze(text)
    for day in view.days:
        assert day.label in flat
        for session in day.sessions:
            assert any(line.startswith(session.time_label) for line in text.splitlines())
            for item in session.items:
                assert squeeze(item.title) in flat
    labels = tuple(session.time_label for day in view.days for session in day.sessions)
    assert len([line for line in text.splitlines() if labels and line.startswith(labels)]) == len(meeting.sessions)


def test_item_titles_line_up_in_one_column_and_wrap_under_themselves() -> None:
    lines = render_text(programme("english")).splitlines()
    rows = [line for line in lines if re.match(r"^(?:\S.*?\s{2,}|\s+)?\d+\s{2}\S", line)]
    starts = {re.search(r"\d+\s{2}(\S)", line).start(1) for line in rows}  # type: ignore[union-attr]
    assert len(rows) == 5 and len(starts) == 1
    column = starts.pop()
    wrapped = lines[lines.index(next(line for line in lines if "Firearms: illicit" in line)) + 1]
    assert wrapped.startswith(" " * column) and wrapped[column] != " "
    assert "10 a.m.–noon    1  Opening of the meeting" in lines


def test_parallel_bodies_and_the_second_zone_go_in_the_content_column() -> None:
    text = render_text(programme("french-parallel"), RenderOptions(display_tz="America/New_York"))
    assert "10 heures-13 heures  America/New York: 4 heures-7 heures (UTC-4)\n                     [Conférence des Parties]\n" in text
    assert "Lundi 28 octobre 2019 (heure de Vienne, UTC+1)" in text
    assert "                     [Comité plénier]\n                     3  Traite des personnes (suite)" in text


def test_labels_come_from_the_language_of_the_document() -> None:
    spanish = render_text(programme("es_pipes.md"))
    assert "(hora de Viena, UTC+1)" in spanish and "Documentación" not in render_text(programme("english"))
    assert "10.00 a 13.00 horas" in spanish and "(continuación)" in spanish
    english = render_text(programme("en_dst_tabs.txt"))
    assert "Friday, 24 October 2025 (Vienna time, UTC+2)" in english and "Monday, 27 October 2025 (Vienna time, UTC+1)" in english


def test_without_timetable_the_days_topics_and_deadlines_are_listed() -> None:
    text = render_text(programme("003_eb1dc6666d540682.txt"))
    assert "Programme à confirmer\n---------------------\n" in text
    assert "Jours de réunion:\n  - Mercredi 27 janvier 2010\n  - Jeudi 28 janvier 2010\n  - Vendredi 29 janvier 2010\n" in text
    assert "Dates limites" in text and "Vendredi 15 janvier 2010:" in text
    assert "Thèmes:" in text


def test_cli_prints_the_text_programme(tmp_path: Path, examples: Path, capsysbinary) -> None:
    assert main(["convert", str(examples / "000_13687f6d581ac513.txt"), "-f", "txt", "-o", "-"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("Groupe de travail sur la traite des personnes\n====")
    assert "Lundi 9 septembre 2019 (heure de Vienne, UTC+2)" in out


@pytest.mark.parametrize(
    "fixture, label",
    [
        ("layouts/en_schedule_periods_rows.txt", "New York time, UTC-"),
        ("layouts/es_multiline.md", "hora de Nueva York, UTC-4"),
        # the meeting's own city, not the zone's (Europe/Zurich would say "Zurich time")
        ("regressions/en_second_week_in_annex_two.txt", "Geneva time, UTC+1"),
    ],
)
def test_text_and_email_name_the_meetings_own_time_not_vienna(fixture: str, label: str, tmp_path: Path) -> None:
    # the text and email day headings said "Vienna time" whatever the meeting's zone, with the zone's UTC offset
    from .conftest import FIXTURES

    assert main(["convert", str(FIXTURES / fixture), "-f", "txt", "-f", "email-html", "-o", str(tmp_path)]) == 0
    text = next(tmp_path.glob("*.txt")).read_text(encoding="utf-8")
    email = next(tmp_path.glob("*.email.html")).read_text(encoding="utf-8")
    assert label in text and label in email
    assert "Vienna" not in text and "Viena" not in text
