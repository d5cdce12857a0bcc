"""`schedule-export email` against mail servers that misbehave: raw sockets on loopback, each bounded in time.

A slow drip, an endless reply, a silence after the whole message, a refusal
at the greeting: the user gets one error line that tells the truth, quickly,
with bounded memory.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from .conftest import ROOT
from .test_send import INPUT, mail_server, run_cli  # noqa: F401 (mail_server is a fixture)

Script = Callable[[socket.socket], None]
SERVER_LIFETIME = 20.0  # no scripted server talks longer than this, whatever the client does


class RawServer:
    """One connection on loopback, answered by a script; closed at the end of the test."""

    def __init__(self, script: Script) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.received = bytearray()
        self.thread = threading.Thread(target=self._serve, args=(script,), daemon=True)
        self.thread.start()

    def _serve(self, script: Script) -> None:
        self.listener.settimeout(SERVER_LIFETIME)
        try:
            connection, _ = self.listener.accept()
        except OSError:
            return
        with connection:
            connection.settimeout(SERVER_LIFETIME)
            try:
                script(connection)
            except OSError:  # the client hung up: what a good client does with a bad server
                pass

    def close(self) -> None:
        self.listener.close()
        self.thread.join(SERVER_LIFETIME + 5)


@pytest.fixture
def raw_server() -> Iterator[Callable[[Script], RawServer]]:
    servers: list[RawServer] = []

    def start(script: Script) -> RawServer:
        server = RawServer(script)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def read_line(connection: socket.socket) -> bytes:
    line = bytearray()
    while not line.endswith(b"\n"):
        byte = connection.recv(1)
        if not byte:
            raise ConnectionError("client went away")
        line += byte
    return bytes(line)


def converse_until_data(connection: socket.socket, greeting: bytes = b"220 mail.example.org ESMTP\r\n") -> None:
    """A well-behaved server up to the 354 answer to DATA."""
    connection.sendall(greeting)
    while True:
        command = read_line(connection).upper()
        if command.startswith(b"EHLO"):
            connection.sendall(b"250-mail.example.org\r\n250 8BITMIME\r\n")
        elif command.startswith((b"MAIL", b"RCPT")):
            connection.sendall(b"250 OK\r\n")
        elif command.startswith(b"DATA"):
            connection.sendall(b"354 go ahead\r\n")
            return
        else:
            connection.sendall(b"502 not here\r\n")


def wait_for_hangup(connection: socket.socket) -> None:
    """Say nothing until the client closes the connection (or the server's lifetime ends)."""
    while connection.recv(4096):
        pass


def drip(connection: socket.socket, text: bytes, every: float) -> None:
    """One byte at a time, forever (until the client leaves or the server's lifetime ends)."""
    deadline = time.monotonic() + SERVER_LIFETIME
    while time.monotonic() < deadline:
        for byte in text:
            connection.sendall(bytes([byte]))
            time.sleep(every)


def send_email(port: int, *extra: str, timeout: float = 2) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = run_cli(str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}", "--timeout", f"{timeout:g}", *extra)
    return result, time.monotonic() - started


def only_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.splitlines()
    return line


def test_a_server_dripping_its_greeting_times_out_per_exchange_not_per_read(raw_server):
    server = raw_server(lambda c: drip(c, b"220 " + b"x" * 500, every=0.5))
    result, elapsed = send_email(server.port, timeout=2)
    assert only_error(result) == f"error: 127.0.0.1:{server.port}: the mail server did not greet us within 2 s; nothing was sent"
    assert elapsed < 8  # the whole run, Python start-up included: not the server's 20 s


def test_a_server_dripping_a_reply_times_out_per_exchange(raw_server):
    def script(connection: socket.socket) -> None:
        connection.sendall(b"220 mail.example.org ESMTP\r\n")
        read_line(connection)  # EHLO
        drip(connection, b"250-" + b"y" * 60 + b"\r\n", every=0.5)

    server = raw_server(script)
    result, elapsed = send_email(server.port, timeout=2)
    assert only_error(result) == f"error: 127.0.0.1:{server.port}: the mail server did not answer within 2 s; nothing was sent"
    assert elapsed < 8


def run_measured(*args: str) -> tuple[int, str, int]:
    """(status, stderr, peak memory in KB) of one child process, measured by the kernel for that child alone."""
    env = {k: v for k, v in os.environ.items() if k != "SCHEDULE_EXPORT_SMTP_PASSWORD"}
    process = subprocess.Popen(
        [sys.executable, "-m", "schedule_export", "email", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, cwd=ROOT,
    )
    stderr = process.stderr.read().decode()
    process.stderr.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, stderr, usage.ru_maxrss


def test_an_endless_multi_line_reply_is_cut_off_with_bounded_memory(raw_server):
    def script(connection: socket.socket) -> None:
        connection.sendall(b"220 mail.example.org ESMTP\r\n")
        read_line(connection)  # EHLO
        chunk = (b"250-" + b"z" * 76 + b"\r\n") * 800  # 64 KB per send
        for _ in range(4000):  # at most 256 MB: enough to show unbounded growth, not enough to hurt the machine
            connection.sendall(chunk)

    server = raw_server(script)
    baseline_status, _, baseline_kb = run_measured("--help")
    assert baseline_status == 0
    status, stderr, peak_kb = run_measured(
        str(INPUT), "--to", "delegation@example.net", "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{server.port}", "--timeout", "5",
    )
    assert status == 1
    assert stderr.splitlines() == [f"error: 127.0.0.1:{server.port}: the mail server sent a reply longer than 64 KiB; nothing was sent"]
    # rendering the message and the imports cost some megabytes more than --help; the reply must not add its size
    assert peak_kb - baseline_kb < 64 * 1024, (baseline_kb, peak_kb)


def test_a_server_silent_after_the_whole_message_may_have_delivered_it(raw_server):
    def script(connection: socket.socket) -> None:
        converse_until_data(connection)
        message = bytearray()
        while not message.endswith(b"\r\n.\r\n"):
            message += connection.recv(65536) or b"!"
        server.received += message
        wait_for_hangup(connection)  # the message is in; the confirmation never comes

    server = raw_server(script)
    result, elapsed = send_email(server.port, timeout=2)
    line = only_error(result)
    assert line == (
        f"error: 127.0.0.1:{server.port}: the mail server did not answer within 2 s after receiving the whole message; "
        "it may have been delivered: ask a recipient before sending it again"
    )
    assert "nothing was sent" not in line
    assert b"Subject: =?utf-8?q?Programme=3A_Working_Group_on_Firearms" in server.received
    assert elapsed < 8


def test_a_server_hanging_up_after_the_whole_message_may_have_delivered_it(raw_server):
    def script(connection: socket.socket) -> None:
        converse_until_data(connection)
        message = bytearray()
        while not message.endswith(b"\r\n.\r\n"):
            message += connection.recv(65536) or b"!"

    server = raw_server(script)
    result, _ = send_email(server.port)
    assert only_error(result) == (
        f"error: 127.0.0.1:{server.port}: the mail server closed the connection after receiving the whole message; "
        "it may have been delivered: ask a recipient before sending it again"
    )


def test_a_421_greeting_is_the_server_refusing_service(raw_server):
    server = raw_server(lambda c: c.sendall(b"421 4.3.2 Too many connections, try again later\r\n"))
    result, _ = send_email(server.port)
    assert only_error(result) == (
        f"error: 127.0.0.1:{server.port}: the mail server refuses service (421 4.3.2 Too many connections, try again later); nothing was sent"
    )


@pytest.mark.parametrize(
    "cc",
    ['"=?utf-8?q?x=0D=0ABcc:_x@evil.example?=" <c@example.org>', "c@example.org (x\ny)"],
)
def test_a_line_break_hidden_in_a_cc_sends_nothing(mail_server, cc):  # noqa: F811 (the fixture)
    recorder, port = mail_server()
    result = run_cli(str(INPUT), "--to", "delegation@example.net", "--cc", cc, "--from", "secretariat@example.org", "--smtp", f"127.0.0.1:{port}")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: --cc: line break or control character in email address {cc!r}"]
    assert recorder.messages == []
