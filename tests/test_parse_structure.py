"""Timetables found by their content and read by their structure, one fixture per layout (tests/fixtures/layouts)."""

from __future__ import annotations

import pytest

from schedule_export.parse.timetable import Labels
from schedule_export.pipeline import load_meeting

from .conftest import FIXTURES, utc_slots

LAYOUTS = FIXTURES / "layouts"


def notes(meeting) -> list[tuple[str, str | None, str]]:
    return [(n.date.isoformat(), n.body, n.text) for n in meeting.day_notes]


def context_in(language: str):
    """A parsing context in one language, for the label functions on their own."""
    from schedule_export.lang import load_pack
    from schedule_export.parse.context import Context
    from schedule_export.read import read_bytes

    return Context(document=read_bytes(b"x", "x.txt"), pack=load_pack(language))


def messages(meeting) -> list[str]:
    return [str(f) for f in meeting.findings]


def test_grid_table_without_an_annex_title_with_wrapped_titles_and_a_no_meeting_row():
    meeting = load_meeting(LAYOUTS / "en_grid_no_title.md")
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2026-03-09T09:00Z", "2026-03-09T12:00Z", None, ("1a", "1b", "2")),
        ("2026-03-09T14:00Z", "2026-03-09T17:00Z", None, ("2+",)),
        ("2026-03-10T09:00Z", "2026-03-10T12:00Z", None, ("3",)),
        ("2026-03-11T09:00Z", "2026-03-11T12:00Z", None, ("4",)),
    ]
    # a title wrapped inside its grid cell stays one title; "(continued)" on its own line marks the item
    assert meeting.sessions[0].items[2].title == "Review of catch reporting standards for small-scale fisheries"
    assert meeting.sessions[2].items[0].title == "Capacity-building for national statistical offices"
    assert notes(meeting) == [("2026-03-10", None, "No meeting")]
    assert all(s.notes == () for s in meeting.sessions)  # the footnote under the table is not read into the last meeting
    assert messages(meeting) == []


def test_pandoc_multiline_table_in_spanish_ends_before_annex_two():
    meeting = load_meeting(LAYOUTS / "es_multiline.md")
    assert meeting.language == "es"
    assert meeting.timezone == "America/New_York"
    assert utc_slots(meeting) == [
        ("2026-06-02T14:00Z", "2026-06-02T17:00Z", None, ("1", "2")),
        ("2026-06-02T19:00Z", "2026-06-02T22:00Z", None, ("3",)),
        ("2026-06-03T14:00Z", "2026-06-03T17:00Z", None, ("3+",)),
        ("2026-06-04T19:00Z", "2026-06-04T22:00Z", None, ("4",)),
    ]
    assert meeting.sessions[0].items[0].title == "Apertura del período de sesiones"
    assert meeting.sessions[2].items[0].title == "Armonización de los registros portuarios"
    assert notes(meeting) == [("2026-06-03", None, "Almuerzo y consultas oficiosas")]


def test_pdftotext_layout_with_wrapped_labels_page_furniture_and_a_repeated_header():
    meeting = load_meeting(LAYOUTS / "fr_pdftotext.txt")
    assert meeting.symbol == "CTOC/COP/WG.9/2027/1"
    assert utc_slots(meeting) == [
        ("2027-10-06T08:00Z", "2027-10-06T11:00Z", None, ("1a", "1b", "2")),  # "10 heures-" / "13 heures", "Mercredi 6" / "octobre"
        ("2027-10-06T13:00Z", "2027-10-06T16:00Z", None, ("2+",)),
        ("2027-10-07T08:00Z", "2027-10-07T11:00Z", None, ("3",)),
        ("2027-10-08T12:30Z", "2027-10-08T15:30Z", None, ("3+", "4")),  # "de 14 h 30 à 17 h 30"
    ]
    assert meeting.sessions[0].items[2].title == "Programmes de protection des témoins et des victimes"
    assert meeting.sessions[3].items[0].title == "Coopération entre États pour la réinstallation des témoins"
    assert notes(meeting) == [("2027-10-07", None, "Pas de séance")]
    assert all(s.notes == () for s in meeting.sessions)  # no "2/3", "V.27-04567", header or footnote leaked in
    assert messages(meeting) == []


def test_russian_pdftotext_with_a_time_range_wrapped_over_two_lines():
    meeting = load_meeting(LAYOUTS / "ru_pdftotext.txt")
    assert meeting.language == "ru"
    assert utc_slots(meeting) == [
        ("2026-03-16T09:00Z", "2026-03-16T12:00Z", None, ("1", "2")),
        ("2026-03-16T14:00Z", "2026-03-16T17:00Z", None, ("2+",)),
        ("2026-03-17T09:00Z", "2026-03-17T12:00Z", None, ("3",)),
    ]
    assert meeting.sessions[0].items[1].title == "Обзор программ альтернативного развития"
    assert notes(meeting) == [("2026-03-17", None, "Заседаний нет")]


def test_days_as_columns_with_lunch_rows_and_several_item_words_in_a_cell():
    meeting = load_meeting(LAYOUTS / "en_days_as_columns.md")
    assert meeting.timezone == "Africa/Nairobi"
    assert utc_slots(meeting) == [
        ("2026-11-24T06:30Z", "2026-11-24T09:30Z", None, ("1a", "1b", "2")),
        ("2026-11-24T11:00Z", "2026-11-24T14:00Z", None, ("2+",)),
        ("2026-11-25T06:30Z", "2026-11-25T09:30Z", None, ("3",)),
        ("2026-11-25T11:00Z", "2026-11-25T14:00Z", None, ("4",)),
        ("2026-11-26T06:30Z", "2026-11-26T09:30Z", None, ("5",)),
    ]
    assert ("2026-11-26", None, "No meeting") in notes(meeting)
    assert [n for n in notes(meeting) if n[2] == "Lunch"] == [(d, None, "Lunch") for d in ("2026-11-24", "2026-11-25", "2026-11-26")]


def test_week_grid_of_days_by_morning_and_afternoon_takes_the_hours_the_document_states():
    meeting = load_meeting(LAYOUTS / "en_week_grid.html")
    assert meeting.timezone == "Europe/Rome"
    assert utc_slots(meeting) == [
        ("2027-04-12T07:30Z", "2027-04-12T10:30Z", None, ("1", "2")),  # 9.30 a.m.-12.30 p.m., as stated
        ("2027-04-12T12:30Z", "2027-04-12T15:30Z", None, ("3",)),  # 2.30-5.30 p.m.
        ("2027-04-13T07:30Z", "2027-04-13T10:30Z", None, ("3+", "4")),
        ("2027-04-14T12:30Z", "2027-04-14T15:30Z", None, ("5",)),
    ]
    assert meeting.sessions[0].items[1].title == "Election of the Chairperson"
    assert notes(meeting) == [
        ("2027-04-13", None, "Informal consultations (no interpretation)"),
        ("2027-04-14", None, "(to be announced)"),
    ]
    assert not any("no clock times" in m for m in messages(meeting))  # the stated hours are used, no warning


def test_order_of_the_day_in_running_text_gives_its_meetings_and_stops_before_the_signature():
    meeting = load_meeting(LAYOUTS / "en_order_of_the_day.txt")
    assert meeting.ordinal == 63
    assert utc_slots(meeting) == [
        ("2026-07-08T08:00Z", "2026-07-08T11:00Z", None, ("4",)),  # "[Agenda item 4]"
        ("2026-07-08T13:00Z", "2026-07-08T16:00Z", None, ("4+",)),  # "34th meeting / Item 4 (cont'd) / ..."
        ("2026-07-08T16:00Z", "2026-07-08T19:00Z", None, ("5",)),
    ]
    assert meeting.sessions[0].notes == ("34th meeting",)
    assert meeting.sessions[2].notes == ()  # "Informal consultations ... Journal." and "The President: ..." are not part of it
    assert meeting.sessions[2].items[0].title == "Human rights bodies and mechanisms"


def test_day_in_the_first_cell_sharing_the_row_with_the_first_meeting_and_a_period_with_its_hours():
    meeting = load_meeting(LAYOUTS / "es_day_in_first_cell.txt")
    assert meeting.timezone == "America/Santiago"
    assert utc_slots(meeting) == [
        ("2026-09-07T13:00Z", "2026-09-07T16:00Z", None, ("1", "2")),
        ("2026-09-07T18:00Z", "2026-09-07T21:00Z", None, ("2+",)),
        ("2026-09-08T13:00Z", "2026-09-08T16:00Z", None, ("3",)),  # "MAÑANA (10.00 - 13.00 horas)"
    ]
    assert not any("no clock times" in m for m in messages(meeting))


def test_html_cells_with_paragraphs_parallel_bodies_under_a_group_header_and_stated_french_hours():
    meeting = load_meeting(LAYOUTS / "fr_paragraph_cells.html")
    assert meeting.bodies == ("Plénière", "Commission plénière")
    assert utc_slots(meeting) == [
        ("2027-02-03T08:30Z", "2027-02-03T11:30Z", "Plénière", ("1", "2")),  # <p>Point 1</p><p>Point 2</p>
        ("2027-02-03T13:30Z", "2027-02-03T16:30Z", "Plénière", ("3",)),
        ("2027-02-03T13:30Z", "2027-02-03T16:30Z", "Commission plénière", ("4",)),
        ("2027-02-04T08:30Z", "2027-02-04T11:30Z", "Plénière", ("3+",)),  # "( <i>suite</i> )"
        ("2027-02-04T08:30Z", "2027-02-04T11:30Z", "Commission plénière", ("4+",)),
        ("2027-02-04T13:30Z", "2027-02-04T16:30Z", "Plénière", ("5",)),
    ]
    assert notes(meeting) == [("2027-02-04", "Commission plénière", "Pas de séance")]


def test_pdftotext_parallel_bodies_with_period_words_over_their_hours_and_one_column_wrapping():
    meeting = load_meeting(LAYOUTS / "en_pdftotext_parallel.txt")
    assert meeting.bodies == ("Plenary", "Committee of the Whole")
    assert utc_slots(meeting) == [
        ("2027-05-10T07:00Z", "2027-05-10T10:00Z", "Plenary", ("1", "2")),  # "MORNING" / "9.00 – 12.00"
        ("2027-05-10T07:00Z", "2027-05-10T10:00Z", "Committee of the Whole", ("4",)),
        ("2027-05-10T12:00Z", "2027-05-10T15:00Z", "Plenary", ("3",)),
        ("2027-05-10T12:00Z", "2027-05-10T15:00Z", "Committee of the Whole", ("4+",)),
        ("2027-05-11T07:00Z", "2027-05-11T10:00Z", "Plenary", ("3+",)),
        ("2027-05-11T12:00Z", "2027-05-11T15:00Z", "Plenary", ("5",)),
    ]
    assert meeting.sessions[1].items[0].title == "Review of national coral reef inventories"
    assert meeting.sessions[2].items[0].title == "Thematic discussion on maritime piracy"
    assert notes(meeting) == [("2027-05-11", "Committee of the Whole", "Informal consultations")]
    assert not any("no clock times" in m for m in messages(meeting))


def test_period_words_without_stated_hours_take_the_packs_with_a_warning(tmp_path):
    text = (LAYOUTS / "en_week_grid.html").read_text(encoding="utf-8").replace(
        "<p>Meetings will be held from 9.30 a.m. to 12.30 p.m. and from 2.30 p.m. to 5.30 p.m.</p>", ""
    )
    path = tmp_path / "grid.html"
    path.write_text(text, encoding="utf-8")
    meeting = load_meeting(path)
    assert utc_slots(meeting)[0][:2] == ("2027-04-12T08:00Z", "2027-04-12T11:00Z")  # 10:00-13:00 Rome
    assert any("grid.html:11: no clock times for 'Morning'; read as 10:00-13:00" in m for m in messages(meeting))


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("MORNING (10.00 - 13.00 hours)", "10:00", "13:00"),
        ("(09.30-12.30 hours)", "09:30", "12:30"),
        ("10.00–13.00", "10:00", "13:00"),
        ("10:00-13:00", "10:00", "13:00"),
        ("10 a.m. to 1 p.m.", "10:00", "13:00"),
        ("3-6 p.m.", "15:00", "18:00"),
        ("10–10:30 a.m.", "10:00", "10:30"),
    ],
)
def test_english_time_forms_anywhere_in_a_cell(written, start, end):
    found = Labels(context_in("en")).time(written)
    assert found is not None and (f"{found[0].start:%H:%M}", f"{found[0].end:%H:%M}") == (start, end)


@pytest.mark.parametrize(
    ("lang", "written", "start", "end"),
    [
        ("fr", "10 h - 13 h", "10:00", "13:00"),
        ("fr", "de 10 h à 13 h", "10:00", "13:00"),
        ("fr", "de 14 h 30 à 17 h 30", "14:30", "17:30"),
        ("es", "15.00-18.00 horas", "15:00", "18:00"),
        ("ru", "10 ч. 00 м. – 13 ч. 00 м.", "10:00", "13:00"),
    ],
)
def test_time_forms_of_other_languages(lang, written, start, end):
    found = Labels(context_in(lang)).time(written)
    assert found is not None and (f"{found[0].start:%H:%M}", f"{found[0].end:%H:%M}") == (start, end)


def test_item_numbers_with_a_dash_are_not_hours():
    assert Labels(context_in("en")).time("Items 3-5") is None


def test_warnings_name_the_real_line_when_pages_are_separated_by_form_feeds(tmp_path):
    # regression: str.splitlines() counted each form feed as a line break, so warnings after a page break named wrong lines
    text = (LAYOUTS / "fr_pdftotext.txt").read_text(encoding="utf-8").replace("Jeudi 7 octobre", "Lundi 7 octobre")
    path = tmp_path / "paged.txt"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, raw in enumerate(text.split("\n"), start=1) if "Lundi 7 octobre" in raw)
    meeting = load_meeting(path)
    assert any(m.startswith(f"paged.txt:{line}: weekday 'lundi' contradicts the date") for m in messages(meeting)), messages(meeting)


def test_a_bold_day_label_wrapped_over_two_markdown_lines_is_one_day(tmp_path):
    text = (
        "Groupe d'experts sur les sols\n\nVienne, 2-3 septembre 2026\n\nOrganisation des travaux\n\n"
        "**Mercredi 2\nseptembre**\n\n10 heures-13 heures   Point 1   Ouverture\n\n"
        "**Jeudi 3 septembre**\n\n15 heures-18 heures   Point 2   Clôture\n"
    )
    path = tmp_path / "wrapped.md"
    path.write_text(text, encoding="utf-8")
    assert utc_slots(load_meeting(path)) == [
        ("2026-09-02T08:00Z", "2026-09-02T11:00Z", None, ("1",)),
        ("2026-09-03T13:00Z", "2026-09-03T16:00Z", None, ("2",)),
    ]


def test_weekdays_without_dates_as_columns_fall_on_the_meetings_days():
    meeting = load_meeting(LAYOUTS / "fr_weekday_columns.md")
    assert utc_slots(meeting) == [
        ("2026-10-05T08:00Z", "2026-10-05T11:00Z", None, ("1", "2")),
        ("2026-10-05T13:00Z", "2026-10-05T16:00Z", None, ("2+",)),
        ("2026-10-06T08:00Z", "2026-10-06T11:00Z", None, ("2+",)),
        ("2026-10-06T13:00Z", "2026-10-06T16:00Z", None, ("3",)),
    ]
    assert [n[2] for n in notes(meeting)] == ["Déjeuner", "Déjeuner"]
    assert messages(meeting) == []


def test_two_time_ranges_on_one_label_line_are_two_meetings_with_the_same_items():
    meeting = load_meeting(LAYOUTS / "en_order_two_ranges.txt")
    assert utc_slots(meeting) == [
        ("2026-07-06T08:00Z", "2026-07-06T11:00Z", None, ("3",)),  # "10 a.m. – 1 p.m. and 3 p.m. – 6 p.m."
        ("2026-07-06T13:00Z", "2026-07-06T16:00Z", None, ("3",)),
        ("2026-07-07T07:00Z", "2026-07-07T10:00Z", None, ("3+",)),  # "9 a.m. – 12 noon"
    ]
    assert meeting.sessions[0].items[0].title == "Promotion and protection of all human rights Interactive dialogue with the Special Rapporteur on the right to food"


def test_schedule_of_periods_under_each_day_with_item_ranges_and_hours_stated_in_the_annotations():
    meeting = load_meeting(LAYOUTS / "en_schedule_periods_rows.txt")
    assert meeting.title == "Working Group II (Dispute Settlement)"
    assert meeting.symbol == "A/CN.9/WG.II/WP.240"
    assert [i.key for i in meeting.agenda] == ["1", "2", "3", "4", "5"]  # under "I. Provisional agenda"
    slots = utc_slots(meeting)
    assert slots[0] == ("2026-09-28T14:00Z", "2026-09-28T17:00Z", None, ("1", "2", "3"))  # "Items 1 to 3", New York time
    assert slots[1] == ("2026-09-28T19:00Z", "2026-09-28T22:00Z", None, ("4",))
    assert len(slots) == 9  # Wednesday afternoon: "No meeting"
    assert slots[7] == ("2026-10-02T14:00Z", "2026-10-02T17:00Z", None, ("5",))  # "Report adoption (item 5)"
    assert not any("no clock times" in m for m in messages(meeting))


def test_provisional_timetable_items_beside_their_titles_and_periods_take_the_hours_written_once():
    meeting = load_meeting(LAYOUTS / "en_provisional_timetable.txt")
    assert meeting.ordinal == 37
    assert utc_slots(meeting) == [
        ("2026-07-06T07:30Z", "2026-07-06T10:30Z", None, ("1", "2")),  # "Morning (09.30 – 12.30)"
        ("2026-07-06T12:30Z", "2026-07-06T15:30Z", None, ("3",)),
        ("2026-07-07T07:30Z", "2026-07-07T10:30Z", None, ("3+", "4")),  # a bare "Morning": the hours written above
        ("2026-07-08T12:30Z", "2026-07-08T15:30Z", None, ("5",)),
    ]
    assert [i.title for i in meeting.sessions[0].items] == ["Opening of the Session", "Adoption of the Agenda and Arrangements for the Session"]
    assert notes(meeting) == [("2026-07-07", None, "Side events (to be announced)")]
    assert messages(meeting) == []


def test_programme_of_work_with_a_meeting_column_and_a_title_column_the_pack_does_not_name():
    meeting = load_meeting(LAYOUTS / "en_programme_of_work.md")
    assert utc_slots(meeting) == [
        ("2026-09-14T08:00Z", "2026-09-14T11:00Z", None, ("1",)),
        ("2026-09-14T13:00Z", "2026-09-14T16:00Z", None, ("2",)),
        ("2026-09-15T07:00Z", "2026-09-15T10:00Z", None, ("3",)),
        ("2026-09-15T10:00Z", "2026-09-15T13:00Z", None, ("3+",)),
    ]
    assert meeting.sessions[1].items[0].title == "Annual report of the High Commissioner"  # under "Activity"
    assert meeting.sessions[0].notes == ("1st",)
    assert notes(meeting) == [("2026-09-16", None, "No meeting")]


def test_chinese_no_meeting_row_and_several_items_written_without_spaces():
    meeting = load_meeting(LAYOUTS / "zh_no_meeting.txt")
    assert utc_slots(meeting) == [
        ("2026-03-27T09:00Z", "2026-03-27T12:00Z", None, ("1",)),
        ("2026-03-30T08:00Z", "2026-03-30T11:00Z", None, ("2", "3+")),  # "项目2和项目3（续）": the mark follows item 3
    ]
    assert notes(meeting) == [("2026-03-27", None, "不举行会议")]


def test_word_table_of_days_by_morning_and_afternoon_with_paragraphs_in_cells():
    meeting = load_meeting(LAYOUTS / "fr_week_grid.docx")  # built with python-docx: a real Word table
    assert meeting.ordinal == 38
    assert utc_slots(meeting) == [
        ("2026-10-05T07:30Z", "2026-10-05T10:30Z", None, ("1", "2")),  # "de 9 h 30 à 12 h 30", stated above the table
        ("2026-10-05T12:30Z", "2026-10-05T15:30Z", None, ("3",)),
        ("2026-10-06T07:30Z", "2026-10-06T10:30Z", None, ("3+",)),
        ("2026-10-07T07:30Z", "2026-10-07T10:30Z", None, ("4",)),
        ("2026-10-07T12:30Z", "2026-10-07T15:30Z", None, ("5",)),
    ]
    assert [i.title for i in meeting.sessions[0].items] == ["Ouverture de la session", "Adoption de l'ordre du jour"]
    assert notes(meeting) == [("2026-10-06", None, "Pas de séance")]


def test_items_stacked_in_one_word_cell_each_keep_the_title_beside_them():
    # blind test: "1 (a)" / "1 (b)" / "2" as paragraphs of one cell used to give item 1 (a) only
    meeting = load_meeting(LAYOUTS / "en_stacked_items.docx")
    assert utc_slots(meeting) == [
        ("2029-04-16T08:00Z", "2029-04-16T11:00Z", None, ("1a", "1b", "2")),
        ("2029-04-16T13:00Z", "2029-04-16T16:00Z", None, ("2+",)),
        ("2029-04-17T08:00Z", "2029-04-17T11:00Z", None, ("3",)),
        ("2029-04-17T13:00Z", "2029-04-17T16:00Z", None, ("3+", "4")),
    ]
    assert [i.title for i in meeting.sessions[0].items] == ["Opening of the meeting", "Adoption of the agenda", "Harmonized mass-balance reporting"]
    assert meeting.sessions[3].items[1].title == "Adoption of the report"
    assert messages(meeting) == []


def test_two_tables_of_days_as_columns_each_read_with_their_own_days():
    # blind test: the second week's table took the first week's days, and its heading was read as content
    meeting = load_meeting(LAYOUTS / "fr_two_weeks_days_as_columns.html")
    assert utc_slots(meeting) == [
        ("2030-03-11T09:00Z", "2030-03-11T12:00Z", None, ("1", "2")),
        ("2030-03-11T14:00Z", "2030-03-11T17:00Z", None, ("3",)),
        ("2030-03-12T09:00Z", "2030-03-12T12:00Z", None, ("3",)),
        ("2030-03-13T09:00Z", "2030-03-13T12:00Z", None, ("3+",)),
        ("2030-03-13T14:00Z", "2030-03-13T17:00Z", None, ("4",)),
        ("2030-03-18T09:00Z", "2030-03-18T12:00Z", None, ("4+",)),
        ("2030-03-18T14:00Z", "2030-03-18T17:00Z", None, ("5",)),
        ("2030-03-19T09:00Z", "2030-03-19T12:00Z", None, ("5",)),
        ("2030-03-19T14:00Z", "2030-03-19T17:00Z", None, ("5+",)),
        ("2030-03-20T09:00Z", "2030-03-20T12:00Z", None, ("6",)),
    ]
    assert notes(meeting) == [("2030-03-12", None, "Pas de séance"), ("2030-03-20", None, "Pas de séance")]
    assert messages(meeting) == []


def test_a_weekday_wrapped_over_its_date_in_a_grid_cell_is_one_day_label():
    # blind test: "Jueves," was taken for a day of its own and "5 de junio" below it began another, losing the slot
    meeting = load_meeting(LAYOUTS / "es_grid_weekday_over_date.md")
    assert utc_slots(meeting) == [
        ("2031-06-05T08:00Z", "2031-06-05T11:00Z", None, ("1", "2")),
        ("2031-06-05T13:00Z", "2031-06-05T16:00Z", None, ("2+",)),
        ("2031-06-06T08:00Z", "2031-06-06T11:00Z", None, ("3",)),
        ("2031-06-06T13:00Z", "2031-06-06T15:00Z", None, ("4",)),
    ]
    assert meeting.sessions[0].items[1].title == "Métodos de cálculo de caudales mínimos"
    assert meeting.sessions[2].items[0].title == "Estudios de caso de cuencas compartidas"
    assert messages(meeting) == []


def test_an_order_of_the_day_with_start_times_only_ends_each_meeting_with_its_part_of_the_day():
    # "10 a.m.   1st meeting   Items 1 and 2": no end written; was no meeting at all
    meeting = load_meeting(LAYOUTS / "en_order_start_times_only.txt")
    assert utc_slots(meeting) == [
        ("2029-11-12T09:00Z", "2029-11-12T12:00Z", None, ("1", "2")),
        ("2029-11-12T14:00Z", "2029-11-12T17:00Z", None, ("3",)),
        ("2029-11-13T09:00Z", "2029-11-13T12:00Z", None, ("4",)),
        ("2029-11-13T14:00Z", "2029-11-13T17:00Z", None, ("5", "6")),
    ]
    assert "en_order_start_times_only.txt:11: only a start time is given (10:00); read as 10:00-13:00 (standard meeting hours)" in messages(meeting)


def test_start_times_only_end_with_the_hours_the_document_states():
    meeting = load_meeting(LAYOUTS / "fr_start_times_stated_hours.txt")
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2030-05-07T07:30Z", "2030-05-07T10:30Z", None, ("1", "2")),
        ("2030-05-07T12:30Z", "2030-05-07T15:30Z", None, ("3",)),
        ("2030-05-08T07:30Z", "2030-05-08T10:30Z", None, ("3+",)),
        ("2030-05-08T12:30Z", "2030-05-08T15:30Z", None, ("4",)),
    ]
    assert "fr_start_times_stated_hours.txt:21: only a start time is given (14:30); read as 14:30-17:30 (the hours the document states)" in messages(meeting)


def test_html_written_on_one_line_reads_its_table_and_a_weekend_row_is_a_note_on_each_day():
    # every block of a one-line HTML export had line 1: the timetable was lost in its own header (0 meetings);
    # "Samedi 18 et dimanche 19 mars : pas de séance" became a note of Friday's meeting
    meeting = load_meeting(LAYOUTS / "fr_html_on_one_line.html")
    assert meeting.symbol == "UNODC/WG.9/2028/1"
    assert (meeting.city, meeting.first_day.isoformat(), meeting.last_day.isoformat()) == ("Vienne", "2028-03-16", "2028-03-21")
    assert utc_slots(meeting) == [
        ("2028-03-16T09:00Z", "2028-03-16T12:00Z", None, ("1a", "1b")),
        ("2028-03-16T14:00Z", "2028-03-16T17:00Z", None, ("2",)),
        ("2028-03-17T09:00Z", "2028-03-17T12:00Z", None, ("3",)),
        ("2028-03-20T09:00Z", "2028-03-20T12:00Z", None, ("3+", "4")),
        ("2028-03-21T14:00Z", "2028-03-21T17:00Z", None, ("5",)),
    ]
    assert meeting.sessions[2].notes == ()
    # informal consultations are no meeting, in French as in every pack: a note on the day
    assert notes(meeting) == [("2028-03-18", None, "pas de séance"), ("2028-03-19", None, "pas de séance"), ("2028-03-20", None, "Consultations informelles")]
    assert meeting.findings == ()


def test_html_blocks_sharing_a_source_line_get_lines_of_their_own_in_order():
    from schedule_export.read import read_bytes

    document = read_bytes((LAYOUTS / "fr_html_on_one_line.html").read_bytes(), "x.html")
    numbers = [line.number for line in document.lines]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1
    pretty = (LAYOUTS / "fr_html_on_one_line.html").read_text(encoding="utf-8").replace("<tr>", "\n<tr>").replace("<p>", "\n<p>")
    rows = [line.number for line in read_bytes(pretty.encode(), "x.html").lines if line.is_row]
    assert rows == list(range(rows[0], rows[0] + len(rows)))  # one row a line: the source lines, untouched


def test_libreoffice_pdf_of_a_spanish_word_table_with_the_day_wrapped_after_de_and_the_city_only_in_the_annotations():
    # "Miércoles 12 de" / "abril" was not joined: the day column was not read as labels ("time range before any day");
    # the header names no city, the annotations say "se celebrará en la sede de la Comisión en Santiago"
    meeting = load_meeting(LAYOUTS / "es_word_table_libreoffice.pdf")  # python-docx table printed by LibreOffice Writer 7.4
    assert (meeting.timezone, meeting.city) == ("America/Santiago", "Santiago")
    assert utc_slots(meeting) == [  # Chile in April 2028: UTC-4
        ("2028-04-11T13:30Z", "2028-04-11T16:30Z", None, ("1", "2")),
        ("2028-04-11T18:30Z", "2028-04-11T21:30Z", None, ("3",)),
        ("2028-04-12T13:30Z", "2028-04-12T16:30Z", None, ("3+",)),
        ("2028-04-12T18:30Z", "2028-04-12T21:30Z", None, ()),
        ("2028-04-13T13:30Z", "2028-04-13T16:30Z", None, ("4",)),
        ("2028-04-13T18:30Z", "2028-04-13T21:30Z", None, ("5",)),
    ]
    assert meeting.sessions[3].notes == ("Reuniones de los grupos regionales sobre la migración interna",)  # wrapped over four lines
    assert messages(meeting) == [
        "es_word_table_libreoffice.pdf:21: no city in the header; times read in America/Santiago, the zone of 'Santiago' named here"
    ]


def test_a_city_named_in_passing_does_not_move_the_meeting_and_annotations_before_the_annex_are_not_timetable():
    # "Meetings will be held from" / "9.30 a.m. to 12.30 p.m. ..." just above "Annex" and a title the pack does not
    # know warned "time range before any day" and "timetable text outside any timed meeting: 'Annex'"
    meeting = load_meeting(LAYOUTS / "en_annex_after_stated_hours.txt")
    assert (meeting.timezone, meeting.city) == ("Europe/Vienna", None)  # "at its session in Geneva in 2027, decided"
    assert utc_slots(meeting) == [
        ("2029-06-12T07:30Z", "2029-06-12T10:30Z", None, ("1", "2", "3")),
        ("2029-06-12T12:30Z", "2029-06-12T15:30Z", None, ("3+",)),
        ("2029-06-13T07:30Z", "2029-06-13T10:30Z", None, ("4a", "4b")),
        ("2029-06-14T07:30Z", "2029-06-14T09:00Z", None, ("5",)),
        ("2029-06-14T09:00Z", "2029-06-14T10:30Z", None, ()),
    ]
    assert notes(meeting) == [("2029-06-13", None, "No meeting")]
    assert meeting.findings == ()


def test_a_city_in_a_sentence_of_place_gives_the_zone_when_the_header_names_none(tmp_path):
    text = (LAYOUTS / "en_annex_after_stated_hours.txt").read_text(encoding="utf-8").replace(
        "The session will be opened on Tuesday, 12 June 2029.", "The session will be held in New York."
    )  # Geneva, named in passing on the line above, does not count
    path = tmp_path / "placed.txt"
    path.write_text(text, encoding="utf-8")
    meeting = load_meeting(path)
    assert (meeting.timezone, meeting.city) == ("America/New_York", "New York")
    assert utc_slots(meeting)[0][:2] == ("2029-06-12T13:30Z", "2029-06-12T16:30Z")
    assert messages(meeting) == ["placed.txt:29: no city in the header; times read in America/New_York, the zone of 'New York' named here"]


def test_running_text_day_without_a_meeting_is_a_day_note_with_its_first_letter():
    # "**Jueves 18 de octubre de 2029**: no habrá sesión (...)." lost its "n" (the date's final stop was cut too)
    # and warned "timetable text outside any timed meeting" instead of giving a day note
    meeting = load_meeting(LAYOUTS / "es_running_text_day_without_meeting.md")
    assert utc_slots(meeting) == [
        ("2028-05-22T07:30Z", "2028-05-22T10:30Z", None, ("1", "2")),
        ("2028-05-22T12:30Z", "2028-05-22T15:30Z", None, ("3a",)),
        ("2028-05-24T07:30Z", "2028-05-24T10:30Z", None, ("3b", "4")),
        ("2028-05-26T12:30Z", "2028-05-26T15:30Z", None, ("5",)),
    ]
    assert notes(meeting) == [
        ("2028-05-23", None, "no habrá sesión (visita al laboratorio de la Oficina)"),
        ("2028-05-25", None, "no habrá sesión"),
    ]
    assert meeting.findings == ()


def test_titles_wrapped_in_a_narrow_printed_column_are_cut_where_the_agenda_says():
    # blind test: items "1" / "2" in one cell of a LibreOffice PDF beside titles wrapped over eight lines gave
    # "Ouverture de la" for item 1, the rest of it for item 2, "Adoption de" as a note, and "(suite)" on item 4
    meeting = load_meeting(LAYOUTS / "fr_items_titles_wrapped_libreoffice.pdf")
    assert utc_slots(meeting) == [
        ("2030-04-15T08:00Z", "2030-04-15T11:00Z", None, ("1", "2")),
        ("2030-04-15T13:00Z", "2030-04-15T16:00Z", None, ("3",)),
        ("2030-04-16T08:00Z", "2030-04-16T11:00Z", None, ("3+", "4")),
    ]
    assert [i.title for i in meeting.sessions[0].items] == ["Ouverture de la réunion et élection du Bureau", "Adoption de l'ordre du jour et organisation des travaux"]
    assert [i.title for i in meeting.sessions[2].items] == ["Cartographie des prairies de posidonies", "Adoption du rapport"]
    assert all(s.notes == () for s in meeting.sessions)


def test_a_text_agenda_numbered_with_wide_gaps_keeps_its_timetable():
    # blind test: "1.   Opening of the session." made the agenda, annotations and annex one table: no meetings
    meeting = load_meeting(LAYOUTS / "en_wide_numbered_list.txt")
    assert meeting.timezone == "Africa/Nairobi"
    assert [a.number for a in meeting.agenda] == [1, 2, 3, 4]
    assert utc_slots(meeting) == [
        ("2028-05-08T06:30Z", "2028-05-08T09:30Z", None, ("1", "2")),
        ("2028-05-08T11:00Z", "2028-05-08T14:00Z", None, ("3",)),
        ("2028-05-09T06:30Z", "2028-05-09T09:30Z", None, ("3+",)),
        ("2028-05-09T11:00Z", "2028-05-09T14:00Z", None, ("4",)),
    ]
    assert messages(meeting) == []


def test_a_schedule_written_in_sentences_gives_its_meetings_and_a_day_without_an_afternoon_meeting():
    # blind test: "On Thursday, 25 March, the Working Group will meet from 10 a.m. to 1 p.m. to consider items ..." gave nothing
    meeting = load_meeting(LAYOUTS / "en_schedule_in_sentences.txt")
    assert utc_slots(meeting) == [
        ("2030-03-25T09:00Z", "2030-03-25T12:00Z", None, ("1", "2", "3")),
        ("2030-03-25T14:00Z", "2030-03-25T17:00Z", None, ("3+",)),
        ("2030-03-26T09:00Z", "2030-03-26T12:00Z", None, ("4",)),
        ("2030-03-28T09:00Z", "2030-03-28T11:30Z", None, ("5",)),  # "(item 5)"
    ]
    assert meeting.sessions[0].items[2].title == "Proficiency testing schemes"
    assert notes(meeting) == [("2030-03-26", None, "No meeting will be held in the afternoon, to allow for a visit to the laboratory")]
    assert messages(meeting) == []


def test_days_as_list_lines_with_items_before_their_part_of_the_day_take_the_stated_hours():
    # blind test: "- Monday, 8 March: items 1 and 2 (morning), item 3 (a) (afternoon)" gave nothing
    meeting = load_meeting(LAYOUTS / "es_days_as_list_lines.md")
    assert meeting.timezone == "Europe/Rome"
    assert utc_slots(meeting) == [
        ("2029-10-29T08:30Z", "2029-10-29T11:30Z", None, ("1", "2")),
        ("2029-10-29T13:30Z", "2029-10-29T16:30Z", None, ("3",)),
        ("2029-10-30T08:30Z", "2029-10-30T11:30Z", None, ("3+",)),
        ("2029-10-30T13:30Z", "2029-10-30T16:30Z", None, ("4",)),
        ("2029-10-31T08:30Z", "2029-10-31T11:30Z", None, ("5",)),
    ]
    assert notes(meeting) == [("2029-10-31", None, "no habrá sesión por la tarde")]
    assert messages(meeting) == []


def test_a_continuation_mark_after_the_first_of_two_items_continues_only_that_item():
    # "Points 3 (suite) et 4" marked item 4 as continued too
    meeting = load_meeting(LAYOUTS / "fr_points_continued_and_new.md")
    assert utc_slots(meeting)[-1] == ("2029-06-05T08:00Z", "2029-06-05T11:00Z", None, ("3+", "4"))


def test_a_year_wrapped_under_its_day_label_in_a_printed_table_is_part_of_the_day():
    # "Monday, 12 June" / "2028" in a PDF table: the year became a note (or a meeting of its own)
    meeting = load_meeting(LAYOUTS / "en_pdftotext_year_wrapped.txt")
    assert utc_slots(meeting) == [
        ("2028-06-12T07:00Z", "2028-06-12T10:00Z", None, ("1", "2")),
        ("2028-06-12T12:00Z", "2028-06-12T15:00Z", None, ("2+",)),
        ("2028-06-13T07:00Z", "2028-06-13T10:00Z", None, ("3",)),
    ]
    assert all(s.notes == () for s in meeting.sessions)
    assert messages(meeting) == []


def test_a_chinese_date_wrapped_in_a_printed_table_and_its_title_wrapped_without_case():
    # "2029 年 4 月 16" over "日，星期一" was no day (every meeting lost); a Chinese title's wrapped
    # lines were notes (no lower case to tell a wrapped line) and joined with spaces
    meeting = load_meeting(LAYOUTS / "zh_pdftotext_wrapped_date.txt")
    assert utc_slots(meeting) == [
        ("2029-04-16T08:00Z", "2029-04-16T11:00Z", None, ("1",)),
        ("2029-04-16T13:00Z", "2029-04-16T16:00Z", None, ("2",)),
        ("2029-04-17T08:00Z", "2029-04-17T11:00Z", None, ("3",)),
    ]
    assert meeting.sessions[1].items[0].title == "水生遗传资源的养护和可持续利用状况报告"
    assert all(s.notes == () for s in meeting.sessions)
    assert messages(meeting) == []


def test_a_time_range_whose_end_marker_wrapped_onto_the_next_line_is_one_range():
    # "10 a.m.-1" over "p.m." in a printed table: the morning meetings were lost
    meeting = load_meeting(LAYOUTS / "en_pdftotext_pm_wrapped.txt")
    assert utc_slots(meeting) == [
        ("2029-07-09T08:00Z", "2029-07-09T11:00Z", None, ("1", "2")),
        ("2029-07-09T13:00Z", "2029-07-09T16:00Z", None, ("2+",)),
        ("2029-07-10T08:00Z", "2029-07-10T11:00Z", None, ("3",)),
    ]
    assert messages(meeting) == []


def test_stated_hours_wrapped_over_two_lines_of_text_give_the_afternoon_its_hours():
    # blind test: "... y de las 14.30" / "a las 17.30 horas" gave 'Tarde' the standard 15:00-18:00, with a false warning
    meeting = load_meeting(LAYOUTS / "es_stated_hours_wrapped.txt")
    assert utc_slots(meeting) == [
        ("2029-05-14T07:30Z", "2029-05-14T10:30Z", None, ("1", "2")),
        ("2029-05-14T12:30Z", "2029-05-14T15:30Z", None, ("2+",)),
        ("2029-05-15T07:30Z", "2029-05-15T10:30Z", None, ("3",)),
    ]
    assert messages(meeting) == []


def test_long_schedule_sentences_and_a_day_without_meeting_said_before_the_day():
    # blind test: a sentence longer than a label lost a space where the day label was cut ("eltema 4",
    # no item), and "No se celebrará sesión el miércoles ... por la tarde" became a meeting
    meeting = load_meeting(LAYOUTS / "es_schedule_in_sentences.md")
    assert meeting.timezone == "America/Santiago"
    assert utc_slots(meeting) == [
        ("2028-09-12T12:00Z", "2028-09-12T16:00Z", None, ("1", "2", "3")),
        ("2028-09-12T18:00Z", "2028-09-12T21:00Z", None, ("4",)),
        ("2028-09-13T12:00Z", "2028-09-13T16:00Z", None, ("5",)),
        ("2028-09-14T13:00Z", "2028-09-14T15:00Z", None, ("6",)),
    ]
    assert notes(meeting) == [("2028-09-13", None, "No se celebrará sesión el miércoles 13 de septiembre por la tarde")]
    assert messages(meeting) == []


def test_minutes_wrapped_under_a_chinese_time_range_end_the_meeting_on_them():
    # blind test: "上午10时至12时" over "30分" ended the morning meetings at 12:00
    meeting = load_meeting(LAYOUTS / "zh_minutes_wrapped.txt")
    assert meeting.timezone == "Asia/Bangkok"
    assert utc_slots(meeting) == [
        ("2028-06-05T02:30Z", "2028-06-05T05:30Z", None, ("1", "2")),
        ("2028-06-05T07:30Z", "2028-06-05T10:00Z", None, ("2+",)),
        ("2028-06-06T02:30Z", "2028-06-06T05:30Z", None, ("3",)),
    ]
    assert messages(meeting) == []


def test_a_title_wrapped_in_printed_text_is_one_title():
    # blind test: "... Remote Sensing" / "Methods" made the meeting's title "Methods"
    meeting = load_meeting(LAYOUTS / "en_pdftotext_header_wrapped_title.txt")
    assert meeting.title == "Expert Group Meeting on Coastal Wetland Carbon Accounting and Remote Sensing Methods"
    assert meeting.document_date.isoformat() == "2028-02-02"
    assert len(meeting.sessions) == 3


def test_an_english_language_line_and_a_date_with_its_year_word_are_not_the_title():
    # blind test: "Russian" (the distribution block in English) became the title; "3 марта 2029 года" was no date
    meeting = load_meeting(LAYOUTS / "ru_pdftotext_header_wrapped_title.txt")
    assert meeting.title == "Межправительственная рабочая группа по радиочастотному спектру для систем раннего предупреждения"
    assert meeting.document_date.isoformat() == "2029-03-03"
    assert utc_slots(meeting)[0] == ("2029-05-07T08:00Z", "2029-05-07T11:00Z", None, ("1", "2"))
    assert messages(meeting) == []


def test_a_lone_item_number_in_a_printed_table_is_an_item_and_wrapped_informal_consultations_no_meeting():
    # blind test: "2" alone on its line in the item column was taken for a page number (item 2 lost), and
    # "Informal" / "consultations" wrapped in their cell became a meeting
    meeting = load_meeting(LAYOUTS / "en_pdftotext_lone_item_number.txt")
    assert utc_slots(meeting) == [
        ("2029-06-04T08:00Z", "2029-06-04T11:00Z", None, ("1a", "1b", "2")),
        ("2029-06-04T13:00Z", "2029-06-04T16:00Z", None, ("2+",)),
        ("2029-06-05T08:00Z", "2029-06-05T11:00Z", None, ("3",)),
    ]
    assert [i.title for i in meeting.sessions[0].items] == ["Opening of the meeting", "Adoption of the agenda", "Return of confiscated proceeds"]
    assert all(s.notes == () for s in meeting.sessions)
    assert notes(meeting) == [("2029-06-04", None, "Informal consultations")]
    assert messages(meeting) == []


def test_a_day_and_its_time_in_one_printed_cell_give_the_items_on_the_days_line_to_that_meeting():
    # blind test (LibreOffice PDFs of "Date and time" tables): items on the day's line, before the time
    # lower in the same cell, were outside any meeting
    meeting = load_meeting(LAYOUTS / "en_pdftotext_day_over_time.txt")
    assert utc_slots(meeting) == [
        ("2029-10-08T08:00Z", "2029-10-08T11:00Z", None, ("1a", "1b", "2")),
        ("2029-10-08T13:00Z", "2029-10-08T16:00Z", None, ("2+",)),
        ("2029-10-09T08:00Z", "2029-10-09T11:00Z", None, ("3",)),
    ]
    assert meeting.sessions[2].items[0].title == "Adoption of the report"
    assert messages(meeting) == []


@pytest.mark.parametrize(
    ("language", "first", "below", "start", "end"),
    [
        ("ar", "من الساعة 10:00 إلى الساعة", "13:00", (10, 0), (13, 0)),
        ("ru", "с 10.00 до", "13.00", (10, 0), (13, 0)),
        ("en", "10 a.m.-1", "p.m.", (10, 0), (13, 0)),
    ],
)
def test_a_time_range_wrapped_after_its_word_for_to_is_joined_in_a_printed_cell(language, first, below, start, end):
    # blind test: Arabic LibreOffice PDFs wrapped "... إلى الساعة" / "13:00" and lost every meeting
    from schedule_export.read import Cell

    from schedule_export.parse.timetable import Unit

    labels = Labels(context_in(language))
    units = [Unit((Cell((first,), (1,)), Cell(("1",), (1,))), 1, 0, "pdf"), Unit((Cell((below,), (2,)), Cell()), 2, 0, "pdf", continues=True)]
    joined = labels.join_wrapped(units)
    found = labels.time(joined[0].cells[0].text)
    assert (found[0].start.hour, found[0].start.minute, found[0].end.hour, found[0].end.minute) == (*start, *end)
    assert len(joined) == 1


def test_a_symbol_wrapped_in_the_first_page_header_is_taken_whole_from_the_running_header():
    # blind test: "CTOC/COP/" / "WG.4/2030/1" gave the symbol "WG.4/2030/1", and so other calendar UIDs
    # than the same document's Word file
    meeting = load_meeting(LAYOUTS / "en_symbol_wrapped_in_header.txt")
    assert meeting.symbol == "CTOC/COP/WG.4/2030/1"
    assert len(meeting.sessions) == 3


def test_a_day_heading_cut_at_a_column_edge_of_a_printed_table_is_still_a_day():
    # blind test: "Wednesday, 6" | "June 2029" in two cells joined the time below and its meeting went to Tuesday
    meeting = load_meeting(LAYOUTS / "en_order_day_cut_at_gutter.txt")
    assert utc_slots(meeting) == [
        ("2029-06-05T08:00Z", "2029-06-05T11:00Z", None, ("1", "2")),
        ("2029-06-05T13:00Z", "2029-06-05T16:00Z", None, ("2+",)),
        ("2029-06-06T08:00Z", "2029-06-06T11:00Z", None, ("3",)),
    ]
    assert all(s.notes == () for s in meeting.sessions)
    assert messages(meeting) == []


def test_a_part_of_the_days_name_wrapped_in_a_narrow_printed_cell_is_one_period():
    # blind test: "Вторая половина" / "дня" in a LibreOffice PDF: every afternoon meeting was lost
    from schedule_export.read import Cell

    from schedule_export.parse.timetable import Unit

    labels = Labels(context_in("ru"))
    units = [
        Unit((Cell(("Вторая половина",), (1,)), Cell(("Пункт 2",), (1,))), 1, 0, "pdf"),
        Unit((Cell(("дня",), (2,)), Cell(("(продолжение)",), (2,))), 2, 0, "pdf", continues=True),
    ]
    joined = labels.join_wrapped(units)
    assert joined[0].cells[0].text == "Вторая половина дня"
    assert labels.time(joined[0].cells[0].text)[2] == "вторая половина дня"
    assert joined[1].texts == ("", "(продолжение)")
