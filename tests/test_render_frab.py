"""frab schedule XML and c3voc JSON: valid against the c3voc schemas, the same meetings as the calendar."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path

import icalendar
import jsonschema
import pytest
from lxml import etree

from schedule_export.pipeline import load_meeting
from schedule_export.render import RenderOptions, exporter_names, get_exporter

from .conftest import EXAMPLES, FIXTURES

SCHEMAS = Path(__file__).resolve().parent / "schemas"
# every document we read, the timetable layouts too
DOCUMENTS = sorted(EXAMPLES.iterdir()) + sorted(p for p in FIXTURES.iterdir() if p.is_file()) + sorted((FIXTURES / "layouts").iterdir())


@pytest.fixture(scope="module")
def xml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))


@pytest.fixture(scope="module")
def json_validator() -> jsonschema.Draft6Validator:
    schema = json.loads((SCHEMAS / "c3voc-schedule.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)


def render(name: str, path: Path, **options: object) -> bytes:
    return get_exporter(name).render(load_meeting(path), RenderOptions(**options))  # type: ignore[arg-type]


def calendar_events(path: Path, **options: object) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(render("ics", path, **options)).walk("VEVENT"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("base_url", [None, "https://calendars.example.org/un"])
def test_frab_xml_is_valid_against_the_c3voc_schema(path, base_url, xml_schema):
    document = etree.fromstring(render("frab", path, base_url=base_url))
    assert xml_schema.validate(document), xml_schema.error_log


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_frab_json_is_valid_against_the_c3voc_schema(path, json_validator):
    errors = [error.message for error in json_validator.iter_errors(json.loads(render("frab-json", path)))]
    assert errors == []


def test_an_invalid_schedule_is_refused_by_the_schema(xml_schema):
    """The validation can fail: a guid that is no UUID breaks the schema."""
    document = etree.fromstring(render("frab", FIXTURES / "en_parallel.html"))
    document.find("day/room/event").set("guid", "not-a-uuid")
    assert not xml_schema.validate(document)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_frab_events_are_the_calendar_events(path):
    """Same meetings, same instants; each guid is the UUID derived from the calendar UID."""
    document = etree.fromstring(render("frab", path))
    frab = sorted(
        (event.get("guid"), datetime.fromisoformat(event.findtext("date")).astimezone(timezone.utc), event.findtext("duration"))
        for event in document.iter("event")
    )
    expected = []
    for event in calendar_events(path):
        if not hasattr(event.start, "hour"):
            continue  # days without a timetable and deadlines are no conference events
        minutes = int((event.end - event.start).total_seconds() // 60)
        guid = str(uuid.uuid5(uuid.NAMESPACE_URL, str(event["UID"])))
        expected.append((guid, event.start.astimezone(timezone.utc), f"{minutes // 60:02d}:{minutes % 60:02d}"))
    assert frab == sorted(expected)


def test_each_body_is_a_room_with_its_own_meetings():
    document = etree.fromstring(render("frab", FIXTURES / "en_parallel.html"))
    first_day = document.find("day")
    assert [room.get("name") for room in first_day.findall("room")] == ["Plenary", "Committee of the Whole"]
    assert all(event.findtext("room") == "Committee of the Whole" for event in first_day.findall("room[2]/event"))
    assert first_day.find("room/event/start").text == "10:00" and first_day.get("start") == "2026-05-18T10:00:00+02:00"


def test_event_title_says_what_is_discussed_and_links_its_documents():
    document = etree.fromstring(render("frab", EXAMPLES / "000_13687f6d581ac513.txt", base_url="https://cal.example.org"))
    events = list(document.iter("event"))
    assert events[1].findtext("title") == "2. Mesures de prévention de la criminalité relatives…"
    assert events[3].findtext("title") == "3. Les agents diplomatiques et consulaires ou attachés… (suite)"
    links = {link.text: link.get("href") for link in events[1].find("links")}
    assert links["CTOC/COP/WG.4/2019/2"] == "https://documents.un.org/api/symbol/access?s=CTOC/COP/WG.4/2019/2&l=fr&t=pdf"
    assert events[1].findtext("url").startswith("https://cal.example.org/meetings/")
    assert document.findtext("conference/time_zone_name") == "Europe/Vienna"


def test_convert_writes_frab_beside_the_json_model(tmp_path):
    source = EXAMPLES / "000_13687f6d581ac513.txt"
    result = subprocess.run(
        [sys.executable, "-m", "schedule_export.cli", "convert", str(source), "-f", "frab", "-f", "frab-json", "-f", "json",
         "-f", "jcal", "-f", "xcal", "-o", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"000_13687f6d581ac513.{ext}" for ext in ("xml", "frab.json", "json", "jcal", "xcs"))
    assert {"frab", "frab-json", "jcal", "xcal"} <= set(exporter_names())
