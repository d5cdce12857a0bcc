"""ICS export: parsed back with icalendar, read by real clients, stable across runs and revisions."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timezone

import icalendar
import pytest

from schedule_export.pipeline import load_meeting
from schedule_export.render import RenderOptions, get_exporter

from .conftest import EXAMPLES, FIXTURES, SHARED_CHECK

DOCUMENTS = sorted(EXAMPLES.iterdir()) + sorted(p for p in FIXTURES.iterdir() if p.is_file())


def render(path, **kwargs) -> bytes:
    return get_exporter("ics").render(load_meeting(path, **kwargs), RenderOptions())


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_calendar_round_trips_to_the_same_utc_instants(path):
    meeting = load_meeting(path)
    data = render(path)
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.get_missing_tzids() == set()
    timed = [e for e in events(data) if hasattr(e.start, "hour")]
    assert [(e.start.astimezone(timezone.utc), e.end.astimezone(timezone.utc)) for e in timed] == [
        (s.start.astimezone(timezone.utc), s.end.astimezone(timezone.utc)) for s in meeting.sessions
    ]
    assert all(str(e.start.tzinfo) == "Europe/Vienna" for e in timed)
    assert calendar["X-WR-TIMEZONE"] == "Europe/Vienna"


def test_summary_description_location_and_categories_of_a_session():
    first = events(render(EXAMPLES / "000_13687f6d581ac513.txt"))[0]
    assert first["SUMMARY"] == (
        "Groupe de travail sur la traite des personnes: 1 a) Ouverture de la réunion; 1 b) Adoption de l'ordre du jour…"
    )
    assert "1 a) Ouverture de la réunion" in first["DESCRIPTION"]
    assert first["LOCATION"] == "Vienne"
    assert "Séance plénière" in first.categories
    second = events(render(EXAMPLES / "000_13687f6d581ac513.txt"))[1]
    assert "Documentation: CTOC/COP/WG.4/2019/2" in second["DESCRIPTION"]
    assert "(suite)" in second["DESCRIPTION"]


def test_summary_of_a_one_item_meeting_names_that_item():
    from tests.programme_fixtures import english_single_body

    meeting = english_single_body()  # its second meeting takes up item 3 alone
    afternoon = events(get_exporter("ics").render(meeting, RenderOptions()))[1]
    assert afternoon["SUMMARY"] == "Working Group on Firearms: 3. Firearms: illicit manufacturing and trafficking, including…"
    summaries = [str(e["SUMMARY"]) for e in events(render(FIXTURES / "en_parallel.html"))]
    assert "Committee of the Whole: 4. Use and application of United Nations standards and norms" in summaries
    assert "Plenary: 3. Thematic discussion on cybercrime & electronic evidence (cont.)" in summaries


def test_long_titles_are_shortened_at_a_word_and_continued_items_say_so_in_the_documents_language():
    summaries = [str(e["SUMMARY"]) for e in events(render(EXAMPLES / "000_13687f6d581ac513.txt"))]
    assert summaries[1] == "Groupe de travail sur la traite des personnes: 2. Mesures de prévention de la criminalité relatives…"
    assert summaries[3] == "Groupe de travail sur la traite des personnes: 3. Les agents diplomatiques et consulaires ou attachés… (suite)"


def test_description_lists_every_item_with_its_documents_and_their_links():
    meeting = load_meeting(EXAMPLES / "000_13687f6d581ac513.txt")
    for event, session in zip(events(render(EXAMPLES / "000_13687f6d581ac513.txt")), meeting.sessions):
        description = str(event["DESCRIPTION"])
        for ref in session.items:
            assert f"{ref.number}" in description
            for symbol in meeting.documents_for(ref):
                assert f"https://documents.un.org/api/symbol/access?s={symbol}&l=fr&t=pdf" in description


def test_events_link_to_their_meeting_in_the_programme_when_a_base_url_is_known():
    path = FIXTURES / "en_parallel.html"
    without = events(render(path))
    assert all("URL" not in e for e in without)
    meeting = load_meeting(path)
    data = get_exporter("ics").render(meeting, RenderOptions(base_url="https://calendars.example.org/un"))
    for event in events(data):
        if hasattr(event.start, "hour"):
            url = str(event["URL"])
            assert url == f"https://calendars.example.org/un/meetings/{meeting.key}.html#{event['UID']}"
            assert f"Programme: {url}" in str(event["DESCRIPTION"])


def test_location_names_the_conference_centre_when_the_document_does():
    found = events(render(EXAMPLES / "003_eb1dc6666d540682.txt"))  # "... à la Porte 1 du Centre international de Vienne"
    assert found[0]["LOCATION"] == "Centre international de Vienne, Vienne"
    assert events(render(EXAMPLES / "000_13687f6d581ac513.txt"))[0]["LOCATION"] == "Vienne"  # names no centre: the city


def test_parallel_bodies_are_named_in_their_events():
    summaries = [str(e["SUMMARY"]) for e in events(render(FIXTURES / "en_parallel.html"))]
    assert summaries[:2] == [
        "Plenary: 1. Election of officers; 2. Adoption of the agenda and other…",
        "Committee of the Whole: 4. Use and application of United Nations standards and norms",
    ]


@pytest.mark.parametrize("name", ["en_parallel.html", "fr_parallel.md"])
def test_per_body_calendars_hold_only_that_bodys_meetings(name):
    meeting = load_meeting(FIXTURES / name)
    exporter = get_exporter("ics")
    parts = dict(exporter.parts(meeting, RenderOptions()))
    assert len(parts) == len(meeting.bodies) == 2
    whole = {str(e["UID"]): e for e in events(exporter.render(meeting, RenderOptions()))}
    seen: list[str] = []
    for (suffix, data), body in zip(parts.items(), meeting.bodies):
        calendar = icalendar.Calendar.from_ical(data)
        assert calendar.get_missing_tzids() == set()
        assert str(calendar["X-WR-CALNAME"]).startswith(body)
        found = list(calendar.walk("VEVENT"))
        assert found and all(e.categories[0] == body for e in found), suffix
        assert len(found) == sum(1 for s in meeting.sessions if s.body == body)
        for event in found:
            assert whole[str(event["UID"])].start == event.start  # the same events as in the whole calendar
        seen += [str(e["UID"]) for e in found]
    assert sorted(seen) == sorted(uid for uid, e in whole.items() if hasattr(e.start, "hour"))


def test_one_body_gives_no_per_body_calendar():
    assert get_exporter("ics").parts(load_meeting(EXAMPLES / "000_13687f6d581ac513.txt"), RenderOptions()) == ()


def test_convert_writes_a_calendar_per_body_beside_the_whole_one(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "schedule_export.cli", "convert", str(FIXTURES / "en_parallel.html"), "-o", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "en_parallel.committee-of-the-whole.ics", "en_parallel.ics", "en_parallel.plenary.ics",
    ]


def test_invitation_without_annex_gives_all_day_days_and_deadline():
    found = events(render(EXAMPLES / "003_eb1dc6666d540682.txt"))
    assert [(e.start, e.end) for e in found] == [(date(2010, 1, 27), date(2010, 1, 30)), (date(2010, 1, 15), date(2010, 1, 16))]
    assert "Programme à confirmer" in found[0]["SUMMARY"]
    assert found[1]["SUMMARY"].startswith("Date limite d'inscription")


def test_same_input_gives_the_same_bytes(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = render(EXAMPLES / "001_147a230e7767d661.txt")
    assert first == render(EXAMPLES / "001_147a230e7767d661.txt")
    assert b"DTSTAMP:20210812T000000Z" in first  # the document's date, not the clock


def test_source_date_epoch_sets_dtstamp(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert all(e["DTSTAMP"].dt.isoformat() == "2023-11-14T22:13:20+00:00" for e in events(render(EXAMPLES / "000_13687f6d581ac513.txt")))


def test_moved_meeting_keeps_its_uid(tmp_path):
    original = (EXAMPLES / "000_13687f6d581ac513.txt").read_text()
    revised = tmp_path / "revised.txt"
    revised.write_text(original.replace("Mardi 10 Septembre\t\t\n10 heures-13 heures", "Mardi 10 Septembre\t\t\n11 heures-13 heures"))
    before = {str(e["UID"]): e for e in events(render(EXAMPLES / "000_13687f6d581ac513.txt"))}
    after = {str(e["UID"]): e for e in events(render(revised))}
    assert before.keys() == after.keys()
    moved = [uid for uid in before if before[uid].start != after[uid].start]
    assert len(moved) == 1 and after[moved[0]].start.hour == 11


@pytest.mark.skipif(not SHARED_CHECK.exists() or shutil.which("node") is None, reason="../shared/tools/ics-clients not present")
def test_real_calendar_clients_agree_on_every_calendar(tmp_path):
    paths = []
    exporter = get_exporter("ics")
    published = RenderOptions(base_url="https://calendars.example.org")  # events carry their URL
    for path in DOCUMENTS:
        target = tmp_path / f"{path.stem}.ics"
        meeting = load_meeting(path)
        target.write_bytes(exporter.render(meeting, published))
        paths.append(str(target))
        for suffix, data in exporter.parts(meeting, published):  # per-body calendars
            (tmp_path / f"{path.stem}.{suffix}").write_bytes(data)
            paths.append(str(tmp_path / f"{path.stem}.{suffix}"))
    result = subprocess.run([str(SHARED_CHECK), *paths], capture_output=True, text=True, timeout=600)
    summaries = [line for line in result.stdout.splitlines() if line.startswith("ics-clients:") and "clients agree" in line]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert len(summaries) == len(paths) and all("structural ok" in s for s in summaries)


def test_our_folding_keeps_icalendars_content_lines():
    from schedule_export.render.ics import build_calendar, calendar_bytes

    for path in DOCUMENTS:
        calendar = build_calendar(load_meeting(path), RenderOptions())
        ours = calendar_bytes(calendar)
        assert ours.replace(b"\r\n ", b"") == calendar.to_ical().replace(b"\r\n ", b"")
        assert ours.endswith(b"END:VCALENDAR\r\n")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=400))
@settings(max_examples=300, deadline=None)
def test_folded_lines_fit_75_octets_and_unfold_to_the_original(text):
    from schedule_export.render.ics import fold_line

    line = "DESCRIPTION:" + text.replace("\\", "\\\\")
    folded = fold_line(line)
    physical = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    assert all(p.startswith(b" ") for p in physical[1:])
    for p in physical:
        p.decode("utf-8")  # never cut inside a character
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line


def test_per_body_calendars_are_named_alike_in_every_language(tmp_path):
    # "<stem>.plenarnye-zasedaniia.ics": the Russian document's per-body calendars were named after its
    # column headings, not with the ids its events' UIDs use
    from schedule_export.cli import main

    from .conftest import FIXTURES

    assert main(["convert", str(FIXTURES / "identity_ru_parallel.md"), "-f", "ics", "-o", str(tmp_path)]) == 0
    names = sorted(path.name for path in tmp_path.glob("*.ics"))
    assert names == [
        "identity_ru_parallel.body-3.ics",  # a body without a name of its own in data/bodies.toml: its place
        "identity_ru_parallel.committee-of-the-whole.ics",
        "identity_ru_parallel.ics",
        "identity_ru_parallel.plenary.ics",
    ]
    whole = icalendar.Calendar.from_ical((tmp_path / "identity_ru_parallel.ics").read_bytes()).walk("VEVENT")
    for name in names[:2] + names[3:]:
        body = name.split(".")[1]
        events = icalendar.Calendar.from_ical((tmp_path / name).read_bytes()).walk("VEVENT")
        assert events and all(f"-{body}-" in str(event["UID"]) for event in events)
        assert {str(e["UID"]) for e in events} == {str(e["UID"]) for e in whole if f"-{body}-" in str(e["UID"])}
