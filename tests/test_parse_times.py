"""Time-range grammar, by example and by property."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schedule_export.lang import load_pack
from schedule_export.parse.dates import parse_day_header
from schedule_export.parse.times import parse_single_time, parse_time_range

FR, EN, ES = (load_pack(c) for c in ("fr", "en", "es"))


@pytest.mark.parametrize(
    ("pack", "text", "start", "end"),
    [
        (FR, "10 heures-13 heures", time(10), time(13)),
        (FR, "15 h 30–18 h", time(15, 30), time(18)),
        (FR, "de 10 heures à midi", time(10), time(12)),
        (EN, "10 a.m.–1 p.m.", time(10), time(13)),
        (EN, "3–6 p.m.", time(15), time(18)),
        (EN, "11–12.30 p.m.", time(11), time(12, 30)),
        (EN, "10 a.m. to noon", time(10), time(12)),
        (ES, "10.00 a 13.00 horas", time(10), time(13)),
        (ES, "de 15.00 a 18.00 horas", time(15), time(18)),
    ],
)
def test_time_ranges_in_each_language(pack, text, start, end):
    found = parse_time_range(text, pack)
    assert found is not None and (found.start, found.end) == (start, end)


@pytest.mark.parametrize("text", ["Ouverture de la réunion", "2", "1 a)", "13-10", "25 heures-26 heures", "9 septembre"])
def test_text_that_is_not_a_time_range(text):
    assert parse_time_range(text, FR) is None


def test_single_times_need_a_unit_or_minutes():
    assert parse_single_time("s'ouvrira le lundi 9 septembre 2019 à 10 heures", FR) == time(10)
    assert parse_single_time("at 3 p.m. on Monday", EN) == time(15)
    assert parse_single_time("le 9 septembre", FR) is None


@given(st.text(max_size=80), st.sampled_from([FR, EN, ES]))
@settings(max_examples=300, deadline=None)
def test_parsing_arbitrary_text_never_crashes(text, pack):
    found = parse_time_range(text, pack)
    if found is not None:
        assert found.start < found.end
    parse_single_time(text, pack)
    parse_day_header(text, pack)


hours = st.integers(min_value=0, max_value=22)
minutes = st.sampled_from([0, 15, 30, 45])


@given(hours, minutes, st.integers(min_value=1, max_value=6), minutes)
@settings(max_examples=200, deadline=None)
def test_written_ranges_read_back_in_every_language(h1, m1, length, m2):
    h2 = min(h1 + length, 23)
    start, end = time(h1, m1), time(h2, m2)
    if end <= start:
        return
    for pack in (FR, EN, ES):
        written = pack.display.time_range(h1, m1, h2, m2)
        found = parse_time_range(written, pack)
        assert found is not None, written
        assert (found.start, found.end) == (start, end), written


def test_french_writes_one_hour_in_the_singular_and_reads_it_back():
    assert FR.display.time_range(1, 0, 3, 0) == "1 heure-3 heures"
    found = parse_time_range("1 heure-3 heures", FR)
    assert found is not None and (found.start, found.end) == (time(1), time(3))


def test_noon_inside_afternoon_is_not_a_time():
    # "at the end of each afternoon meeting" was read as an opening at 12:00
    assert parse_single_time("at the end of each afternoon meeting", EN) is None
    assert parse_single_time("at 12 noon", EN) == time(12)
    assert parse_single_time("à midi", FR) == time(12)


def test_a_time_leading_the_text_is_read_only_within_meeting_hours_and_with_a_clock_form():
    from schedule_export.parse.times import parse_leading_time

    assert parse_leading_time("10 a.m.   1st meeting", EN) == (time(10), 7)
    assert parse_leading_time("15 h 30 Point 3", FR) == (time(15, 30), 7)
    assert parse_leading_time("10. Other matters", EN) is None  # an agenda number
    assert parse_leading_time("1.10 Scope of the study", EN) is None  # a section number, not ten past one
    assert parse_leading_time("Item 10", EN) is None


def test_two_lead_words_before_a_time_are_both_part_of_the_range():
    # "De las 10.00 a las 13.00" left "De" over, so a wrapped "horas" below was never joined to its range
    found = parse_time_range("De las 10.00 a las 13.00 horas", ES)
    assert (found.start, found.end, found.span) == (time(10), time(13), (0, 30))


def test_every_time_range_is_found_past_bare_numbers_and_never_inside_a_year():
    from schedule_export.parse.times import find_time_ranges

    found = find_time_ranges("Rome, 12–14 April 2027. Meetings from 9.30 a.m. to 12.30 p.m. and from 2.30 p.m. to 5.30 p.m.", EN)
    assert [(r.start, r.end) for r in found] == [(time(9, 30), time(12, 30)), (time(14, 30), time(17, 30))]
    # "de 2027 a las 9.30 horas": the 7 of the year is no hour
    assert find_time_ranges("el lunes 10 de mayo de 2027 a las 9.30 horas en Viena", ES) == []


def test_an_indicator_number_is_not_an_item():
    from schedule_export.parse.items import parse_cell_items

    # "Методология показателя" / "6.4.2" wrapped in a cell was read as item 6
    assert parse_cell_items("6.4.2", load_pack("ru")) is None
    assert parse_cell_items("6. Other matters", EN).refs == ((6, None),)
    assert parse_cell_items("6, 7", EN).refs == ((6, None), (7, None))


def test_russian_sub_items_lettered_in_cyrillic_are_sub_items():
    from schedule_export.parse.items import parse_cell_items

    # "1 а)", "1 б)" (Cyrillic, as Russian documents letter them) were read as item 1, twice
    ru = load_pack("ru")
    assert parse_cell_items("1 а)", ru).refs == ((1, "a"),)
    assert parse_cell_items("1 б) и в)", ru).refs == ((1, "b"), (1, "c"))
    assert parse_cell_items("1 b)", ru).refs == ((1, "b"),)


def test_a_sub_item_letter_spaced_inside_its_brackets_is_a_sub_item():
    from schedule_export.parse.items import parse_cell_items

    # justified PDF text writes "( ب )": the letter was lost and item 1 read twice
    assert parse_cell_items("البند 1 ( ب )", load_pack("ar")).refs == ((1, "b"),)
    assert parse_cell_items("1 ( a ) Opening", EN).refs == ((1, "a"),)
