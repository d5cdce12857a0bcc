"""The .eml message: parsed back with Python's email package, part by part, against the ICS export."""

from __future__ import annotations

import re
from datetime import timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from schedule_export.cli import main
from schedule_export.errors import AddressError
from schedule_export.render import RenderOptions, get_exporter, stamp_for
from schedule_export.render.eml import subject_for
from schedule_export.render.ics import render_ics
from schedule_export.render.view import build_view
from schedule_export.render.labels import DOCUMENT_URL

from .programme_fixtures import PROGRAMMES, programme

HEADERS = {"from": "Secrétariat de la CTOC <untoc.cop@example.org>", "to": ["delegation@example.net", "ngo@example.com"],
           "cc": "Archive <archive@example.org>", "reply_to": "replies@example.org"}


def render(name: str, **extra: object) -> bytes:
    return get_exporter("eml").render(programme(name), RenderOptions(extra={**HEADERS, **extra}))


def parsed(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def parts(message: EmailMessage) -> tuple[EmailMessage, EmailMessage, EmailMessage]:
    assert message.get_content_type() == "multipart/mixed"
    alternative, calendar = message.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    text, html = alternative.iter_parts()
    return text, html, calendar


def events(calendar: Calendar) -> list[tuple[str, object, object]]:
    """(UID, start, end) with timed starts as UTC instants, all-day ones as dates."""
    rows = []
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if hasattr(start, "astimezone"):
            start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
        rows.append((str(event["UID"]), start, end))
    return sorted(rows, key=str)


@pytest.mark.parametrize("name", PROGRAMMES)
def test_message_parts_hold_text_html_and_the_same_calendar_as_the_ics_export(name: str) -> None:
    meeting = programme(name)
    data = render(name)
    text_part, html_part, calendar_part = parts(parsed(data))

    assert text_part.get_content_type() == "text/plain" and text_part.get_content_charset() == "utf-8"
    text = text_part.get_content()
    view = build_view(meeting, RenderOptions())
    for day in view.days:
        assert day.label in text
        for session in day.sessions:
            assert session.time_label in text
    flat = " ".join(text.split())
    for session in meeting.sessions:
        for ref in session.items:
            assert " ".join((ref.title or meeting.item(ref.number, ref.letter).title).split()) in flat  # type: ignore[union-attr]

    assert html_part.get_content_type() == "text/html" and html_part.get_content_charset() == "utf-8"
    html = html_part.get_content()
    assert "<style" not in html.lower() and "<script" not in html.lower()
    urls = re.findall(r"""(?:https?:)?//[^\s"'<>)]+""", html)
    assert all(url.startswith(DOCUMENT_URL.split("{")[0]) for url in urls)
    assert all(time_label in html for day in view.days for time_label in (s.time_label for s in day.sessions))

    assert calendar_part.get_content_type() == "text/calendar"
    assert calendar_part.get_param("method") == "PUBLISH" and calendar_part.get_content_charset() == "utf-8"
    assert calendar_part.get_filename() == f"{meeting.key}.ics"
    attached = Calendar.from_ical(calendar_part.get_payload(decode=True))
    exported = Calendar.from_ical(render_ics(meeting, RenderOptions()))
    assert events(attached) == events(exported)
    assert attached.get_missing_tzids() == set()
    # and the calendar's instants are the meeting's own, checked without going through the ICS code
    timed = [(uid, start, end) for uid, start, end in events(attached) if hasattr(start, "hour")]
    assert sorted((s, e) for _, s, e in timed) == sorted(
        (x.start.astimezone(timezone.utc), x.end.astimezone(timezone.utc)) for x in meeting.sessions
    )


@pytest.mark.parametrize("name", PROGRAMMES)
def test_same_input_gives_the_same_bytes_in_7_bit_lines_of_at_most_78(name: str) -> None:
    first, second = render(name), render(name)
    assert first == second
    assert first.isascii()
    assert b"\n" not in first.replace(b"\r\n", b"")
    lines = first.split(b"\r\n")
    # a Message-ID cannot be folded: it may pass 78 but never the hard limit of 998
    assert max(len(line) for line in lines) <= 998
    assert max(len(line) for line in lines if not line.startswith(b"Message-ID:")) <= 78


def test_headers_name_the_meeting_in_its_language_with_reproducible_date_and_message_id() -> None:
    meeting = programme("000_13687f6d581ac513.txt")
    message = parsed(render("000_13687f6d581ac513.txt"))
    assert message["Subject"] == "Programme: Groupe de travail sur la traite des personnes – Vienne, 9-11 septembre 2019"
    assert message["From"] == "Secrétariat de la CTOC <untoc.cop@example.org>"
    assert message["To"] == "delegation@example.net, ngo@example.com"
    assert message["Cc"] == "Archive <archive@example.org>"
    assert message["Reply-To"] == "replies@example.org"
    assert message["Content-Language"] == "fr"
    assert message["MIME-Version"] == "1.0"
    assert parsedate_to_datetime(message["Date"]) == stamp_for(meeting)
    assert message["Date"] == format_datetime(stamp_for(meeting))
    assert re.fullmatch(rf"<{re.escape(meeting.key)}\.fr\.[0-9a-f]{{12}}@example\.org>", message["Message-ID"])
    spanish = parsed(render("es_pipes.md"))
    assert spanish["Subject"].startswith("Programa: Grupo de Trabajo sobre Cooperación Internacional – Viena,")
    english = parsed(render("en_parallel.html"))
    assert english["Subject"].startswith("Programme: Commission on Crime Prevention and Criminal Justice – Vienna,")


def test_date_follows_source_date_epoch_and_the_message_id_follows_the_content(monkeypatch) -> None:
    before = parsed(render("english"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    after = parsed(render("english"))
    assert after["Date"] == "Tue, 14 Nov 2023 22:13:20 +0000" != before["Date"]
    assert parsed(render("english"))["Message-ID"] == after["Message-ID"]
    assert parsed(render("english", intro="Dear colleagues"))["Message-ID"] != after["Message-ID"]


def test_intro_appears_in_the_text_and_the_html() -> None:
    text_part, html_part, _ = parts(parsed(render("spanish", intro="Estimados colegas:\n\nAdjuntamos el programa.")))
    assert "Estimados colegas:\r\n\r\nAdjuntamos el programa.\r\n" in text_part.get_content()
    assert "<p style" in html_part.get_content() and "Adjuntamos el programa." in html_part.get_content()
    assert "El programa se adjunta como archivo de calendario (.ics)" in " ".join(text_part.get_content().split())


def test_without_timetable_the_calendar_part_holds_the_days_and_the_deadline() -> None:
    _, html_part, calendar_part = parts(parsed(render("003_eb1dc6666d540682.txt")))
    assert "Programme à confirmer" in html_part.get_content()
    calendar = Calendar.from_ical(calendar_part.get_payload(decode=True))
    starts = sorted(str(event.decoded("DTSTART")) for event in calendar.walk("VEVENT"))
    assert starts == ["2010-01-15", "2010-01-27"]


@pytest.mark.parametrize(
    "field, value",
    [("to", "not-an-address"), ("to", "a@b"), ("cc", "x@@example.org"), ("from", "a@example.org, b@example.org"),
     ("reply_to", "two words@example.org"), ("to", "")],
)
def test_invalid_addresses_are_refused(field: str, value: str) -> None:
    with pytest.raises(AddressError):
        render("english", **{field: value})


def test_international_domain_names_are_written_in_their_ascii_form() -> None:
    message = parsed(render("english", to="Délégation <ngo@exämple.org>"))
    assert message["To"] == "Délégation <ngo@xn--exmple-cua.org>"
    with pytest.raises(AddressError):
        render("english", to="délégation@example.org")  # a non-ASCII mailbox needs SMTPUTF8, which we do not speak


@pytest.mark.parametrize("name", PROGRAMMES)
def test_subject_folding_never_doubles_a_space(name: str) -> None:
    """Regression: the email package folded before an encoded-word and readers saw two spaces."""
    meeting = programme(name)
    subject = parsed(render(name))["Subject"]
    assert subject == subject_for(meeting, RenderOptions())
    assert "  " not in subject and meeting.title in subject and (meeting.city or "") in subject


def test_without_addresses_the_message_still_has_a_sender(tmp_path: Path) -> None:
    message = parsed(get_exporter("eml").render(programme("english"), RenderOptions()))
    assert message["From"] and message["To"] is None and message["Date"]


def test_cli_writes_the_eml_with_headers_and_intro(tmp_path: Path, fixtures: Path) -> None:
    intro = tmp_path / "intro.txt"
    intro.write_text("Dear colleagues,\n\nplease find the programme below.\n", encoding="utf-8")
    code = main([
        "convert", str(fixtures / "en_parallel.html"), "-f", "eml", "-o", str(tmp_path),
        "--from", "Secretariat <sec@example.org>", "--to", "a@example.net", "--to", "b@example.net", "--cc", "c@example.net",
        "--reply-to", "r@example.org", "--intro", str(intro),
    ])
    assert code == 0
    message = parsed((tmp_path / "en_parallel.eml").read_bytes())
    assert message["To"] == "a@example.net, b@example.net" and message["Cc"] == "c@example.net"
    text_part, _, _ = parts(message)
    assert "please find the programme below." in text_part.get_content()


def test_cli_bad_address_or_intro_is_one_usage_error_line_and_no_file(tmp_path: Path, fixtures: Path, capsys) -> None:
    source = str(fixtures / "en_parallel.html")
    assert main(["convert", source, "-f", "eml", "-o", str(tmp_path), "--to", "nobody"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: --to: invalid email address 'nobody'"]
    assert main(["convert", source, "-f", "eml", "-o", str(tmp_path), "--intro", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: --intro {tmp_path / 'missing.txt'}: cannot be read")
    assert list(tmp_path.iterdir()) == []
