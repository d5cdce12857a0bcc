"""The four real documents, with values read from the documents by hand."""

from __future__ import annotations

from datetime import date

import pytest

from schedule_export.pipeline import load_meeting

from .conftest import EXAMPLES, utc_slots


def findings(meeting) -> list[str]:
    return [str(f) for f in meeting.findings]


def test_2019_trafficking_meeting_sessions_in_vienna_summer_time():
    meeting = load_meeting(EXAMPLES / "000_13687f6d581ac513.txt")
    assert meeting.language == "fr"
    assert meeting.title == "Groupe de travail sur la traite des personnes"
    assert meeting.parent_body.startswith("Conférence des Parties")
    assert meeting.ordinal == 9
    assert meeting.city == "Vienne"
    assert (meeting.first_day, meeting.last_day) == (date(2019, 9, 9), date(2019, 9, 11))
    assert meeting.document_date == date(2019, 6, 18)
    # the day headers have no year: it comes from "Vienne, 9-11 septembre 2019"; 10 heures CEST is 08:00 UTC
    assert utc_slots(meeting) == [
        ("2019-09-09T08:00Z", "2019-09-09T11:00Z", None, ("1a", "1b")),
        ("2019-09-09T13:00Z", "2019-09-09T16:00Z", None, ("2", "2+")),
        ("2019-09-10T08:00Z", "2019-09-10T11:00Z", None, ("3",)),
        ("2019-09-10T13:00Z", "2019-09-10T16:00Z", None, ("3+",)),
        ("2019-09-11T08:00Z", "2019-09-11T11:00Z", None, ("4", "5")),
    ]
    assert [i.key for i in meeting.agenda] == ["1", "1a", "1b", "2", "3", "4", "5"]
    assert meeting.item(2).documents == ("CTOC/COP/WG.4/2019/2",)
    assert meeting.item(4).documents == ("CTOC/COP/WG.4/2019/4",)
    # item 2 is opened and continued in the same afternoon meeting: said, not fixed
    assert any(":85: item 2 is both started and continued" in f for f in findings(meeting))
    # "cinq séances plénières" matches the five meetings: no warning about the count
    assert not any("plenary" in f for f in findings(meeting))


def test_2021_hybrid_meeting_with_markdown_headings_and_spaced_continuations():
    meeting = load_meeting(EXAMPLES / "001_147a230e7767d661.txt")
    assert meeting.ordinal == 11
    assert meeting.hybrid is True
    assert (meeting.first_day, meeting.last_day) == (date(2021, 10, 12), date(2021, 10, 13))
    assert utc_slots(meeting) == [
        ("2021-10-12T09:00Z", "2021-10-12T11:00Z", None, ("1a", "1b", "2")),
        ("2021-10-12T13:00Z", "2021-10-12T15:00Z", None, ("2+", "3")),
        ("2021-10-13T09:00Z", "2021-10-13T11:00Z", None, ("3+", "4")),
        ("2021-10-13T13:00Z", "2021-10-13T15:00Z", None, ("4+", "5")),
    ]
    titles = [r.title for r in meeting.sessions[1].items]
    assert titles[0].startswith("Stratégies efficaces") and "suite" not in titles[0]
    assert meeting.item(4).documents == ("CTOC/COP/2020/CRP.2", "CTOC/COP/WG.4/2021/5")
    assert meeting.findings == ()


def test_note_verbale_without_annex_gives_days_and_registration_deadline():
    meeting = load_meeting(EXAMPLES / "003_eb1dc6666d540682.txt")
    assert meeting.sessions == ()
    assert (meeting.first_day, meeting.last_day) == (date(2010, 1, 27), date(2010, 1, 29))
    assert meeting.ordinal == 2
    assert meeting.symbol == "CU 2009/180(A)"
    assert meeting.title == "Groupe de travail provisoire à composition non limitée sur la traite des personnes"
    assert [(d.date, d.label) for d in meeting.deadlines] == [(date(2010, 1, 15), "Date limite d'inscription")]
    assert len(meeting.topics) == 4
    assert any("no timed organization of work" in f for f in findings(meeting))


def test_2024_smuggling_meeting_with_misspelt_weekday_and_day_in_second_column():
    meeting = load_meeting(EXAMPLES / "004_b571847e183aa006.txt")
    assert meeting.ordinal == 11
    assert utc_slots(meeting) == [
        ("2024-07-11T08:00Z", "2024-07-11T11:00Z", None, ("1a", "1b", "2")),
        ("2024-07-11T13:00Z", "2024-07-11T16:00Z", None, ("2+", "3")),
        ("2024-07-12T08:00Z", "2024-07-12T11:00Z", None, ("3+", "4")),
        ("2024-07-12T13:00Z", "2024-07-12T16:00Z", None, ("5", "6")),
    ]
    # one document with two symbols "CTOC/COP/WG.4/2024/4-CTOC/COP/WG.7/2024/4"
    assert meeting.item(4).documents == ("CTOC/COP/WG.4/2024/4", "CTOC/COP/WG.7/2024/4")
    assert any(":94: unknown weekday 'Judi' read as jeudi" in f for f in findings(meeting))


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_every_example_names_itself_in_its_findings(name):
    meeting = load_meeting(EXAMPLES / name)
    assert all(f.source == name for f in meeting.findings)
