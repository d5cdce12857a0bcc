"""Documents written for the tests: English, Spanish, pipe tables, HTML tables, parallel bodies, DST, contradictions."""

from __future__ import annotations

from datetime import date

from schedule_export.pipeline import load_meeting

from .conftest import FIXTURES, utc_slots


def messages(meeting) -> list[str]:
    return [str(f) for f in meeting.findings]


def test_english_meeting_across_the_end_of_summer_time():
    meeting = load_meeting(FIXTURES / "en_dst_tabs.txt")
    assert meeting.language == "en"
    assert meeting.symbol == "CTOC/COP/WG.2/2025/1"
    assert meeting.title == "Working Group on Firearms"
    assert meeting.ordinal == 10
    assert meeting.hybrid
    # Friday is CEST (UTC+2), Monday after 26 October is CET (UTC+1): same wall times, other UTC hours
    assert utc_slots(meeting) == [
        ("2025-10-24T08:00Z", "2025-10-24T11:00Z", None, ("1a", "1b", "2")),
        ("2025-10-24T13:00Z", "2025-10-24T16:00Z", None, ("2+",)),
        ("2025-10-27T09:00Z", "2025-10-27T12:00Z", None, ("3", "4")),
        ("2025-10-27T14:00Z", "2025-10-27T17:00Z", None, ("5",)),
    ]
    assert meeting.item(3).documents == ("CTOC/COP/WG.2/2025/3", "CTOC/COP/WG.2/2025/CRP.1")
    assert meeting.findings == ()


def test_spanish_pipe_table_over_a_year_end_infers_each_days_year():
    meeting = load_meeting(FIXTURES / "es_pipes.md")
    assert meeting.language == "es"
    assert meeting.ordinal == 12
    assert (meeting.first_day, meeting.last_day) == (date(2026, 12, 30), date(2027, 1, 2))
    assert utc_slots(meeting) == [
        ("2026-12-30T09:00Z", "2026-12-30T12:00Z", None, ("1a", "1b")),
        ("2026-12-30T14:00Z", "2026-12-30T17:00Z", None, ("2",)),
        ("2027-01-02T09:00Z", "2027-01-02T12:00Z", None, ("2+", "3")),
        ("2027-01-02T14:00Z", "2027-01-02T17:00Z", None, ("4",)),
    ]
    assert meeting.sessions[2].items[0].title == "Cooperación internacional en materia de decomiso"


def test_html_table_with_parallel_bodies_and_a_contradicting_weekday():
    meeting = load_meeting(FIXTURES / "en_parallel.html")
    assert meeting.title == "Commission on Crime Prevention and Criminal Justice"
    assert meeting.ordinal == 35
    assert meeting.bodies == ("Plenary", "Committee of the Whole")
    assert utc_slots(meeting) == [
        ("2026-05-18T08:00Z", "2026-05-18T11:00Z", "Plenary", ("1", "2")),
        ("2026-05-18T08:00Z", "2026-05-18T11:00Z", "Committee of the Whole", ("4",)),
        ("2026-05-18T13:00Z", "2026-05-18T16:00Z", "Plenary", ("3",)),
        ("2026-05-18T13:00Z", "2026-05-18T16:00Z", "Committee of the Whole", ("4+",)),
        ("2026-05-19T08:00Z", "2026-05-19T11:00Z", "Plenary", ("3+",)),
        ("2026-05-20T13:00Z", "2026-05-20T16:00Z", "Plenary", ("5",)),
    ]
    # informal consultations are not a meeting: a note on the day, never an event
    assert [(n.date.isoformat(), n.body, n.text) for n in meeting.day_notes] == [("2026-05-19", "Committee of the Whole", "Informal consultations")]
    assert [s.ordinal for s in meeting.sessions if s.body == "Plenary"] == [1, 2, 3, 4]
    assert meeting.item(3).title == "Thematic discussion on cybercrime & electronic evidence"
    assert meeting.item(3).documents == ("E/CN.15/2026/4",)
    # "Wednesday, 19 May" 2026 is a Tuesday: the date wins, the line is named
    assert any("en_parallel.html:35: weekday 'Wednesday' contradicts the date" in m for m in messages(meeting))


def test_cross_checks_report_count_opening_unscheduled_and_range(tmp_path):
    text = (FIXTURES / "en_dst_tabs.txt").read_text()
    text = text.replace("four plenary meetings", "six plenary meetings")
    text = text.replace("at 10 a.m. The meeting", "at 11 a.m. The meeting")
    text = text.replace("3–6 p.m.\t5\tAdoption of the report\n", "")
    text = text.replace("Monday, 27 October", "Tuesday, 28 October")
    path = tmp_path / "contradictions.txt"
    path.write_text(text)
    found = messages(load_meeting(path))
    assert any("announces 6 plenary meetings but the annex has 3" in m for m in found)
    assert any("opening is announced for 2025-10-24 11:00 but the first meeting in the annex starts 2025-10-24 10:00" in m for m in found)
    assert any("agenda item 5 (Adoption of the report) is never scheduled" in m for m in found)
    assert any("2025-10-28 is outside the meeting dates" in m for m in found)
    assert all(m.startswith("contradictions.txt") for m in found)


def test_forced_language_is_overruled_by_an_unmistakable_document_with_a_warning(examples):
    meeting = load_meeting(examples / "000_13687f6d581ac513.txt", language="en")
    assert meeting.language == "fr"
    assert len(meeting.sessions) == 5
    assert any("not en; read as fr" in m for m in messages(meeting))


def test_other_time_zone_is_honoured(examples):
    meeting = load_meeting(examples / "000_13687f6d581ac513.txt", timezone="America/New_York")
    assert meeting.timezone == "America/New_York"
    assert utc_slots(meeting)[0][:2] == ("2019-09-09T14:00Z", "2019-09-09T17:00Z")


def test_one_day_meeting_with_rowspan_dates_periods_and_a_second_annex():
    meeting = load_meeting(FIXTURES / "en_one_day_rowspan.html")
    assert (meeting.first_day, meeting.last_day) == (date(2027, 3, 29), date(2027, 3, 29))
    assert meeting.title == "Working Group of Government Experts on Technical Assistance"
    # the day after clocks go forward: 10:00 CEST is 08:00 UTC
    assert utc_slots(meeting) == [
        ("2027-03-29T08:00Z", "2027-03-29T11:00Z", None, ("1", "2")),
        ("2027-03-29T13:00Z", "2027-03-29T16:00Z", None, ("2+", "3")),
    ]
    assert all(s.notes == () for s in meeting.sessions)  # Annex II (documents) is not read as meetings
    assert any(":18: no clock times for 'Morning'; read as 10:00-13:00" in m for m in messages(meeting))


def test_text_in_an_unsupported_language_is_refused(tmp_path):
    import pytest

    from schedule_export.errors import ParseError

    path = tmp_path / "el.txt"  # Greek: no pack is written in its script
    path.write_text("Ομάδα εργασίας για την εμπορία ανθρώπων\n\nΒιέννη, 9-11 Σεπτεμβρίου 2019\n\nΠροσωρινή ημερήσια διάταξη\n\n1. Οργανωτικά θέματα\n")
    with pytest.raises(ParseError, match="cannot tell the document's language"):
        load_meeting(path)


def test_the_city_named_in_the_header_sets_the_zone(tmp_path):
    text = (FIXTURES / "en_dst_tabs.txt").read_text().replace("Vienna, 24–27 October 2025", "New York, 24–27 October 2025")
    path = tmp_path / "new_york.txt"
    path.write_text(text)
    meeting = load_meeting(path)
    assert meeting.timezone == "America/New_York"
    # 10 a.m. EDT on Friday; on Monday New York is still on summer time (it changes on 2 November)
    assert utc_slots(meeting)[0][:2] == ("2025-10-24T14:00Z", "2025-10-24T17:00Z")
    assert utc_slots(meeting)[2][:2] == ("2025-10-27T14:00Z", "2025-10-27T17:00Z")


def test_an_unknown_city_keeps_vienna_time_with_a_warning(tmp_path):
    text = (FIXTURES / "en_dst_tabs.txt").read_text().replace("Vienna, 24–27 October 2025", "Atlantis, 24–27 October 2025")
    path = tmp_path / "atlantis.txt"
    path.write_text(text)
    meeting = load_meeting(path)
    assert meeting.timezone == "Europe/Vienna" and meeting.city == "Atlantis"
    assert any("no time zone known for 'Atlantis'" in m for m in messages(meeting))


def test_opening_time_written_before_the_date_is_checked(tmp_path):
    text = (FIXTURES / "en_dst_tabs.txt").read_text().replace(
        "will be opened on Friday, 24 October 2025, at 10 a.m.", "will be opened at 3 p.m. on Friday, 24 October 2025"
    )
    path = tmp_path / "opening.txt"
    path.write_text(text)
    assert any("opening is announced for 2025-10-24 15:00" in m for m in messages(load_meeting(path)))


def test_french_markdown_table_with_plenary_and_committee_columns():
    meeting = load_meeting(FIXTURES / "fr_parallel.md")
    assert meeting.title == "Commission des stupéfiants"
    assert meeting.ordinal == 67  # "Soixante-septième session"
    # 14 March 2024 is before the change to summer time (31 March): UTC+1
    assert utc_slots(meeting) == [
        ("2024-03-14T09:00Z", "2024-03-14T12:00Z", "Plénière", ("1", "2")),
        ("2024-03-14T14:00Z", "2024-03-14T17:00Z", "Plénière", ("3",)),
        ("2024-03-14T14:00Z", "2024-03-14T17:00Z", "Commission plénière", ("4",)),
        ("2024-03-15T09:00Z", "2024-03-15T12:00Z", "Plénière", ("3+",)),
        ("2024-03-15T09:00Z", "2024-03-15T12:00Z", "Commission plénière", ("4+",)),
    ]
    # three plenary meetings announced, three in the plenary column: the committee's do not count
    assert not any("plenary meetings" in m for m in messages(meeting))


def test_russian_agenda_is_read_with_its_own_pack():
    meeting = load_meeting(FIXTURES / "ru_dst_tabs.txt")
    assert meeting.language == "ru"
    assert meeting.title == "Рабочая группа по огнестрельному оружию"
    assert meeting.ordinal == 10  # "Десятое совещание"
    assert meeting.city == "Вена" and meeting.timezone == "Europe/Vienna"
    # "10 ч. 00 м. – 13 ч. 00 м.", across the end of summer time
    assert utc_slots(meeting) == [
        ("2025-10-24T08:00Z", "2025-10-24T11:00Z", None, ("1a", "1b", "2")),
        ("2025-10-24T13:00Z", "2025-10-24T16:00Z", None, ("2+",)),
        ("2025-10-27T09:00Z", "2025-10-27T12:00Z", None, ("3", "4")),
        ("2025-10-27T14:00Z", "2025-10-27T17:00Z", None, ("5",)),
    ]
    assert meeting.item(2).documents == ("CTOC/COP/WG.2/2025/2",)
    assert meeting.findings == ()  # opening time and "четыре пленарных заседания" agree with the annex
