"""The feed server, started for real on a loopback port and asked over HTTP."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone

import httpx
import pytest
from icalendar import Calendar

from schedule_export.render import exporter_names, get_exporter

from .serve_helpers import (
    FIREARMS, FIREARMS_KEY, FIXTURES, TRAFFICKING_EXAMPLE, RunningServer, folder_with, raw_get, wait_until,
)

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = folder_with(tmp_path_factory.mktemp("serve"), FIREARMS, "broken.txt", TRAFFICKING_EXAMPLE.name)
    with RunningServer(folder) as running:
        yield running


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def meeting_keys(client) -> list[str]:
    index = client.get("/").text
    import re

    return sorted(set(re.findall(r'href="meetings/([a-z0-9-]+)\.ics"', index)))


def test_index_lists_each_meeting_with_webcal_and_http_subscribe_links(server, client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert "Groupe de travail sur les armes à feu" in page
    assert "Groupe de travail sur la traite des personnes" in page
    assert f'href="webcal://127.0.0.1:{server.port}/meetings/{FIREARMS_KEY}.ics"' in page
    # one click for Outlook on the web: it is given the http address of the calendar
    assert f"addfromweb?url=http%3A%2F%2F127.0.0.1%3A{server.port}%2Fmeetings%2F{FIREARMS_KEY}.ics" in page
    assert f'href="webcal://127.0.0.1:{server.port}/all.ics"' in page
    assert len(meeting_keys(client)) == 2


def test_broken_document_shows_as_an_error_and_the_others_are_still_served(server, client):
    from markupsafe import escape

    from schedule_export.errors import ScheduleExportError
    from schedule_export.pipeline import load_meeting

    with pytest.raises(ScheduleExportError) as reason:
        load_meeting(FIXTURES / "broken.txt")
    page = client.get("/").text
    assert f"<code>broken.txt</code>: {escape(str(reason.value))}</li>" in page
    assert str(server.folder) not in page
    for key in meeting_keys(client):
        assert client.get(f"/meetings/{key}.ics").status_code == 200


def test_every_registered_format_is_served_with_its_content_type(client):
    for key in meeting_keys(client):
        for name in exporter_names():
            exporter = get_exporter(name)
            response = client.get(f"/meetings/{key}.{exporter.extension}")
            assert response.status_code == 200, (key, name)
            expected = CALENDAR_TYPE if name == "ics" else exporter.content_type
            assert response.headers["content-type"].replace(" ", "") == expected.replace(" ", "")
            assert response.content


def test_format_the_registry_does_not_have_is_404(client):
    assert client.get(f"/meetings/{FIREARMS_KEY}.docx").status_code == 404
    if "pdf" not in exporter_names():
        assert client.get(f"/meetings/{FIREARMS_KEY}.pdf").status_code == 404


def test_meeting_calendar_times_are_the_documents_utc_instants(client):
    response = client.get(f"/meetings/{FIREARMS_KEY}.ics")
    assert response.headers["content-type"] == CALENDAR_TYPE
    calendar = Calendar.from_ical(response.content)
    starts = sorted(e["DTSTART"].dt.astimezone(timezone.utc) for e in calendar.walk("VEVENT"))
    assert starts == [
        datetime(2027, 9, 14, 8, tzinfo=timezone.utc),
        datetime(2027, 9, 14, 13, tzinfo=timezone.utc),
        datetime(2027, 9, 15, 8, tzinfo=timezone.utc),
        datetime(2027, 9, 15, 13, tzinfo=timezone.utc),
        datetime(2027, 9, 16, 8, tzinfo=timezone.utc),
    ]
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    assert b"X-PUBLISHED-TTL:PT1H" in response.content
    assert not calendar.get_missing_tzids()


def test_combined_calendar_holds_the_events_of_every_meeting(client):
    response = client.get("/all.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == CALENDAR_TYPE
    calendar = Calendar.from_ical(response.content)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 10
    assert sum(uid.startswith(FIREARMS_KEY) for uid in uids) == 5
    assert not calendar.get_missing_tzids()
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content


def test_repeated_conditional_request_is_answered_304(client):
    for path in ("/all.ics", f"/meetings/{FIREARMS_KEY}.ics", "/", f"/meetings/{FIREARMS_KEY}/changes.html"):
        first = client.get(path)
        assert first.headers["cache-control"]
        etag, last_modified = first.headers["etag"], first.headers["last-modified"]
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
        since = client.get(path, headers={"If-Modified-Since": last_modified})
        assert since.status_code == 304
        stale = client.get(path, headers={"If-None-Match": '"something-else"'})
        assert stale.status_code == 200 and stale.content == first.content


@pytest.mark.parametrize("target", [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/meetings/..%2f..%2fetc%2fpasswd",
    "/meetings/%2e%2e/.schedule-export/history.sqlite3",
    "/.schedule-export/history.sqlite3",
    "//etc/passwd",
    "/etc/passwd",
    "/wg_firearms.txt",
    "/broken.txt",
    f"/meetings/{FIREARMS_KEY}.ics/..",
    f"/meetings/{FIREARMS_KEY}/../../wg_firearms.txt",
    f"/meetings/{FIREARMS_KEY.upper()}.ics",
    f"/meetings/{FIREARMS_KEY}.ics%00",
    "/meetings/%00.ics",
    "/meetings/<script>.ics",
    "/index.php",
    "http://127.0.0.1/../../etc/passwd",
])
def test_traversal_and_unknown_paths_are_404_without_revealing_anything(server, target):
    status, body = raw_get(server.port, target)
    assert status == 404
    assert body == b"Not found\n"


def test_only_get_and_head_are_allowed(client):
    assert client.post("/all.ics").status_code == 405
    head = client.head("/all.ics")
    assert head.status_code == 200 and head.content == b""


def test_documents_added_and_removed_are_noticed_without_a_restart(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    with RunningServer(folder) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        assert http.get("/").text.count('class="meeting"') == 1
        shutil.copy(TRAFFICKING_EXAMPLE, folder / "trafficking.txt")
        # the folder is scanned in the background: the change shows within a scan or two
        assert wait_until(lambda: http.get("/").text.count('class="meeting"') == 2, timeout=30)
        (folder / FIREARMS).unlink()
        assert wait_until(lambda: http.get("/").text.count('class="meeting"') == 1, timeout=30)
        # the removed document's calendar stays, every event cancelled, so subscribers' clients drop them
        calendar = Calendar.from_ical(http.get(f"/meetings/{FIREARMS_KEY}.ics").content)
        assert {str(e["STATUS"]) for e in calendar.walk("VEVENT")} == {"CANCELLED"}
        assert http.get(f"/meetings/{FIREARMS_KEY}.html").status_code == 404


def test_rescan_waits_for_the_minimum_interval(tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    with RunningServer(folder, scan_interval=3600) as running, httpx.Client(base_url=running.url, timeout=30) as http:
        assert http.get("/").text.count('class="meeting"') == 1
        shutil.copy(TRAFFICKING_EXAMPLE, folder / "trafficking.txt")
        assert http.get("/").text.count('class="meeting"') == 1


def test_listening_socket_lets_asyncio_disable_nagle_on_connections():
    """Regression: a socket made with proto 0 got no TCP_NODELAY, and each calendar waited ~40 ms on delayed ACKs."""
    import socket

    from schedule_export.serve.app import bind

    listener = bind("127.0.0.1", 0)
    try:
        assert listener.proto == socket.IPPROTO_TCP
    finally:
        listener.close()
