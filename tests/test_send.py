"""`schedule-export email` against a real SMTP server (aiosmtpd) on loopback: plain, STARTTLS, TLS, AUTH, refusals."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import ssl
import subprocess
import sys
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from schedule_export.pipeline import load_meeting
from schedule_export.render import RenderOptions
from schedule_export.render.ics import render_ics

from .conftest import FIXTURES, ROOT

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
aiosmtpd_smtp = pytest.importorskip("aiosmtpd.smtp")

INPUT = FIXTURES / "en_dst_tabs.txt"  # a document without parser warnings: stderr holds only our lines
USER, PASSWORD = "secretariat", "correct horse battery staple"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    over_tls: bool
    login: str | None


@dataclass
class Recorder:
    """An SMTP handler that keeps what it receives and refuses any mailbox named refuse-*."""

    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's hook name)
        if address.startswith("refuse"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        login = session.auth_data.login.decode() if session.auth_data else None
        # STARTTLS shows in the session, TLS from the first byte only in the transport
        over_tls = session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, over_tls, login))
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        ok = (auth_data.login.decode(), auth_data.password.decode()) == (USER, PASSWORD)
        return aiosmtpd_smtp.AuthResult(success=ok, handled=False, auth_data=auth_data)  # not handled: the server answers 535 itself


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made now, so the client has something to (not) trust."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "schedule-export test mail server")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_file, key_file


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*map(str, certificate))
    return context


@pytest.fixture
def mail_server(request):
    """Start an aiosmtpd server on loopback with the given SMTP options; yields (recorder, port)."""
    controllers = []

    def start(**options) -> tuple[Recorder, int]:
        recorder = Recorder()
        if options.pop("with_auth", False):
            options["authenticator"] = recorder.authenticate
        port = free_port()
        controller = aiosmtpd_controller.Controller(recorder, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return recorder, port

    yield start
    for controller in controllers:
        controller.stop()


def run_cli(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SCHEDULE_EXPORT_SMTP_PASSWORD", "SSL_CERT_FILE", "SSL_CERT_DIR"}}
    if password is not None:
        env["SCHEDULE_EXPORT_SMTP_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "schedule_export", "email", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert result.stdout == ""
    return lines[0]


def test_sends_the_programme_to_every_recipient_over_plain_loopback(mail_server) -> None:
    recorder, port = mail_server()
    result = run_cli(
        str(INPUT), "--to", "delegation@example.net", "--to", "ngo@example.com", "--cc", "Archive <archive@example.org>",
        "--from", "Secretariat <secretariat@example.org>", "--reply-to", "replies@example.org", "--smtp", f"127.0.0.1:{port}",
    )
    assert result.returncode == 0, result.stderr
    assert "sent" in result.stdout and "3 recipients" in result.stdout
    [received] = recorder.messages
    assert received.mail_from == "secretariat@example.org"
    assert received.rcpt_tos == ["delegation@example.net", "ngo@example.com", "archive@example.org"]
    assert not received.over_tls and received.login is None
    message = message_from_bytes(received.content, policy=policy.default)
    # the .eml export is dated like its document; a message that leaves now is dated now
    sent_at = parsedate_to_datetime(message["Date"])
    assert abs(sent_at - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=2)
    assert message["Message-ID"].startswith("<ctoc-cop-wg-2-2025-10-24.en.")
    assert message["Subject"].startswith("Programme: Working Group on Firearms – Vienna")
    assert message["To"] == "delegation@example.net, ngo@example.com" and message["Reply-To"] == "replies@example.org"
    assert "Bcc" not in message
    calendar_part = [part for part in message.walk() if part.get_content_type() == "text/calendar"][0]
    sent = Calendar.from_ical(calendar_part.get_payload(decode=True))
    expected = Calendar.from_ical(render_ics(load_meeting(INPUT), RenderOptions()))
    assert [(str(e["UID"]), e.decoded("DTSTART")) for e in sent.walk("VEVENT")] == [
        (str(e["UID"]), e.decoded("DTSTART")) for e in expected.walk("VEVENT")
    ]
    start = sent.walk("VEVENT")[0].decoded("DTSTART").astimezone(dt.timezone.utc)
    assert start == dt.datetime(2025, 10, 24, 8, 0, tzinfo=dt.timezone.utc)


def test_starttls_and_login_with_a_password_from_the_environment(mail_server, certificate) -> None:
    recorder, port = mail_server(tls_context=server_context(certificate), require_starttls=True, with_auth=True, auth_required=True)
    result = run_cli(
        str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org",
        "--smtp", f"127.0.0.1:{port}", "--starttls", "--user", USER, "--cafile", str(certificate[0]), password=PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    assert recorder.logins == [(USER, PASSWORD)]
    [received] = recorder.messages
    assert received.over_tls and received.login == USER and received.rcpt_tos == ["delegation@example.net"]
    assert PASSWORD not in result.stdout + result.stderr


def test_implicit_tls_with_ssl(mail_server, certificate) -> None:
    recorder, port = mail_server(ssl_context=server_context(certificate))
    result = run_cli(
        str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org",
        "--smtp", f"127.0.0.1:{port}", "--ssl", "--cafile", str(certificate[0]),
    )
    assert result.returncode == 0, result.stderr
    [received] = recorder.messages
    assert received.over_tls


def test_refused_login_is_one_error_line_and_nothing_is_sent(mail_server, certificate) -> None:
    recorder, port = mail_server(tls_context=server_context(certificate), require_starttls=True, with_auth=True, auth_required=True)
    result = run_cli(
        str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org",
        "--smtp", f"127.0.0.1:{port}", "--starttls", "--user", USER, "--cafile", str(certificate[0]), password="wrong",
    )
    line = one_error_line(result)
    assert line.startswith(f"error: 127.0.0.1:{port}: login refused for {USER} (535")
    assert "wrong" not in line
    assert recorder.messages == []


def test_an_untrusted_certificate_stops_before_anything_is_sent(mail_server, certificate) -> None:
    recorder, port = mail_server(tls_context=server_context(certificate), require_starttls=True)
    result = run_cli(str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}", "--starttls")
    line = one_error_line(result)
    assert "certificate not trusted" in line and "--cafile" in line
    assert recorder.messages == []


def test_a_refused_recipient_is_named_and_nobody_gets_the_message(mail_server) -> None:
    recorder, port = mail_server()
    result = run_cli(
        str(INPUT), "--to", "delegation@example.net", "--to", "refuse-me@example.net", "--cc", "archive@example.org",
        "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}",
    )
    line = one_error_line(result)
    assert f"error: 127.0.0.1:{port}: the mail server refused 1 of 3 recipients: refuse-me@example.net (550 5.1.1 No such mailbox here)" in line
    assert "delegation@example.net" not in line and "archive@example.org" not in line
    assert line.endswith("nothing was sent to anyone")
    assert recorder.messages == []


@pytest.mark.parametrize("bad", ["delegation@", "no-at-sign", "two@@example.net", "a@localhost"])
def test_invalid_addresses_are_usage_errors_before_connecting(mail_server, bad: str) -> None:
    recorder, port = mail_server()
    result = run_cli(str(INPUT), "--to", "delegation@example.net", "--to", bad, "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"error: --to: invalid email address {bad!r}"]
    assert recorder.messages == []


def test_an_unreachable_server_is_one_error_line() -> None:
    port = free_port()  # nothing listens there
    result = run_cli(str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}", "--timeout", "5")
    assert one_error_line(result) == f"error: 127.0.0.1:{port}: cannot reach the mail server (Connection refused)"


def test_an_unreadable_input_is_reported_with_its_name(mail_server, tmp_path: Path) -> None:
    recorder, port = mail_server()
    missing = tmp_path / "missing.txt"
    result = run_cli(str(missing), "--to", "delegation@example.net", "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}")
    assert one_error_line(result).startswith(f"error: {missing}: ")
    assert recorder.messages == []


def test_a_login_without_password_or_terminal_says_where_to_put_it(mail_server) -> None:
    recorder, port = mail_server(with_auth=True, auth_require_tls=False)
    result = run_cli(str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}", "--user", USER)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == f"error: no password for {USER}: set SCHEDULE_EXPORT_SMTP_PASSWORD (no terminal to ask on)"
    assert recorder.messages == [] and recorder.logins == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_auth_over_plain_loopback_when_the_server_allows_it(mail_server) -> None:
    recorder, port = mail_server(with_auth=True, auth_require_tls=False, auth_required=True)
    result = run_cli(
        str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org",
        "--smtp", f"localhost:{port}".replace("localhost", "127.0.0.1"), "--user", USER, password=PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr  # loopback: no clear-text password warning
    assert recorder.logins == [(USER, PASSWORD)] and recorder.messages[0].login == USER


def test_the_input_may_follow_repeated_to_and_cc(mail_server) -> None:
    """--to and --cc take one value each: the input after them is not swallowed as an address."""
    recorder, port = mail_server()
    result = run_cli(
        "--to", "delegation@example.net", "--to", "ngo@example.com", "--cc", "archive@example.org",
        "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}", str(INPUT),
    )
    assert result.returncode == 0, result.stderr
    [received] = recorder.messages
    assert received.rcpt_tos == ["delegation@example.net", "ngo@example.com", "archive@example.org"]
