"""`schedule-export email`: send the programme as an email through an SMTP server.

All or nothing: every address is checked before connecting, and every
recipient must be accepted by the server (RCPT) before the message itself is
sent (DATA); if any is refused the transaction is reset and nothing leaves.
The password comes from SCHEDULE_EXPORT_SMTP_PASSWORD or a prompt, never from
the command line, where other users could read it in the process list.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import DeliveryError, ScheduleExportError, UsageError

TYPE_CHECKING = False  # typing's flag without importing typing: `--help` loads this module
if TYPE_CHECKING:
    import smtplib
    import ssl
    from email.message import EmailMessage

PASSWORD_VARIABLE = "SCHEDULE_EXPORT_SMTP_PASSWORD"
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


class SmtpServer(namedtuple("SmtpServer", "host port security user password cafile timeout", defaults=(None, None, None, 30.0))):
    """An SMTP server and how to reach it: host (str), port (int), security ("plain", "starttls" or "ssl"),
    user, password and cafile (str or None), timeout (seconds). Immutable; a named tuple rather than a
    dataclass because `--help` imports this module and dataclasses costs a tenth of start-up."""

    __slots__ = ()

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def register(subparsers: argparse._SubParsersAction) -> None:
    from .cli import _INPUT_HELP, add_message_options, add_reading_options

    parser = subparsers.add_parser(
        "email", help="send the programme by email (text, HTML and calendar) through an SMTP server",
        description=(
            "Send the programme of INPUT as one email (text, HTML and the calendar) to every --to and --cc address, or to none of them: "
            "addresses are checked before connecting, and a recipient the server refuses stops the sending."
        ),
    )
    parser.add_argument("input", metavar="INPUT", help=_INPUT_HELP.split(", a folder")[0] + ", or - for standard input")
    add_message_options(parser, required=True)
    add_reading_options(parser)
    parser.add_argument("--display-tz", metavar="ZONE", help="also show times in this zone, e.g. America/New_York")
    server = parser.add_argument_group("SMTP server")
    server.add_argument("--smtp", required=True, metavar="HOST:PORT", help="mail server, e.g. smtp.example.org:587")
    security = server.add_mutually_exclusive_group()
    security.add_argument("--starttls", action="store_const", dest="security", const="starttls", help="upgrade the connection with STARTTLS (port 587)")
    security.add_argument("--ssl", action="store_const", dest="security", const="ssl", help="connect over TLS from the start (port 465)")
    server.add_argument("--user", metavar="USER", help=f"log in as USER; the password is read from ${PASSWORD_VARIABLE} or asked for")
    server.add_argument("--cafile", metavar="FILE", help="trust the certificates in FILE (PEM), e.g. a private mail server's own CA")
    server.add_argument(
        "--timeout", type=_positive_seconds, default=30.0, metavar="SECONDS",
        help="give up when the server takes longer than this to answer any one command, or to greet us (default: 30)",
    )
    parser.set_defaults(handler=run_email, security="plain")


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"wants a number of seconds between 0 and 3600, not {text}")
    return value


def parse_server(text: str) -> tuple[str, int]:
    host, colon, port = text.rpartition(":")
    host = host.strip("[]")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--smtp wants HOST:PORT, e.g. smtp.example.org:587, not {text!r}")
    return host, int(port)


def read_password(user: str) -> str:
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise UsageError(f"no password for {user}: set {PASSWORD_VARIABLE} (no terminal to ask on)")
    import getpass

    return getpass.getpass(f"SMTP password for {user}: ")


def run_email(args: argparse.Namespace) -> int:
    from .cli import EXIT_FAILED, EXIT_OK, STDIN, Input, Reporter, check_reading_options, internal_error, load, message_extra
    from .render import RenderOptions
    from .render.eml import build_message, parse_addresses

    # everything that can be checked locally is checked before reading or connecting
    check_reading_options(args)
    extra = message_extra(args)
    sender = parse_addresses(extra["from"])
    if len(sender) != 1:
        raise UsageError("--from wants exactly one address")
    recipients = list(dict.fromkeys(a.addr_spec for a in parse_addresses(extra.get("to")) + parse_addresses(extra.get("cc"))))
    host, port = parse_server(args.smtp)
    if args.cafile and not os.path.isfile(args.cafile):
        raise UsageError(f"--cafile {args.cafile}: no such file")
    if args.user and args.security == "plain" and host not in LOOPBACK_HOSTS:
        # said now, before the password prompt, so the user can still stop
        Reporter().warn(f"logging in to {host}:{port} without TLS sends the password in clear; consider --starttls or --ssl")
    password = read_password(args.user) if args.user else None

    reporter = Reporter()
    name = "<stdin>" if args.input == STDIN else args.input
    try:
        meeting = load(Input(args.input, name, ""), args)
        options = RenderOptions(language=args.lang, display_tz=args.display_tz, extra=extra)
        message = dated_now(build_message(meeting, options))
    except ScheduleExportError as exc:
        reporter.error(name, str(exc))
        return EXIT_FAILED
    except Exception as exc:
        reporter.error(name, internal_error(exc))
        return EXIT_FAILED
    reporter.findings(meeting)
    server = SmtpServer(host=host, port=port, security=args.security, user=args.user, password=password, cafile=args.cafile, timeout=args.timeout)
    deliver(message, sender[0].addr_spec, recipients, server)
    print(f"sent {name} to {len(recipients)} recipient{'s' if len(recipients) != 1 else ''} via {server.where}: {', '.join(recipients)}")
    return EXIT_OK


def dated_now(message: EmailMessage) -> bytes:
    """The message as sent: dated now, not the document's date.

    The .eml export is reproducible, but a message that leaves today dated like
    its document would sort months down the recipients' inboxes.
    """
    from datetime import datetime, timezone
    from email.utils import format_datetime

    message.replace_header("Date", format_datetime(datetime.now(timezone.utc).replace(microsecond=0)))
    return message.as_bytes()


def tls_context(server: SmtpServer) -> ssl.SSLContext:
    import ssl

    try:
        return ssl.create_default_context(cafile=server.cafile)
    except (OSError, ssl.SSLError) as exc:
        raise UsageError(f"--cafile {server.cafile}: not a PEM certificate file ({exc})") from None


# A reply longer than this is no mail server's: stop reading rather than grow without bound.
# (EHLO answers, the longest in practice, are well under 2 KiB.)
MAX_REPLY_BYTES = 64 * 1024


class ExchangeTimeout(TimeoutError):
    """A command and its reply took longer than the timeout, however the server dripped its bytes."""


class ReplyTooLong(ConnectionError):
    """The server's reply went on past MAX_REPLY_BYTES."""


class BoundedExchanges:
    """smtplib's client with each exchange (a command sent, its whole reply read) bounded in time and size.

    smtplib applies its timeout to each socket read, so a server sending one byte
    every few seconds keeps it waiting indefinitely, and it reads multi-line replies
    without a limit. Here the timeout runs from the moment a command is sent (or
    the connection made) until the last line of the reply, and a reply may not
    exceed MAX_REPLY_BYTES. ``message_sent`` records that the whole message
    (DATA content and its final dot) went out, after which a failure may mean
    the message was delivered anyway.
    """

    timeout: float
    sock: object
    command_encoding: str

    _deadline: float | None = None
    _pending = b""  # bytes received after the end of the last reply line
    _pending_from: object = None  # the socket they came from: after STARTTLS they are dropped
    message_sent = False

    @contextmanager
    def _socket_failures(self) -> Iterator[None]:
        """A socket's timeout or failure as the exchange's: the connection closed, one error a user can read."""
        import smtplib

        try:
            yield
        except TimeoutError:
            self.close()
            raise ExchangeTimeout() from None
        except OSError as exc:
            self.close()
            raise smtplib.SMTPServerDisconnected(f"the connection was lost ({describe(exc)})") from None

    def send(self, s: str | bytes) -> None:
        import smtplib
        import time

        if not self.sock:
            raise smtplib.SMTPServerDisconnected("please run connect() first")
        data = s.encode(self.command_encoding) if isinstance(s, str) else s
        sys.audit("smtplib.send", self, data)
        self._deadline = time.monotonic() + self.timeout
        # sendall's timeout bounds the whole sending, not each piece of it
        self.sock.settimeout(self.timeout)
        with self._socket_failures():
            self.sock.sendall(data)

    def getreply(self) -> tuple[int, bytes]:
        import time

        # the greeting is an exchange of its own, timed from now
        deadline = self._deadline if self._deadline is not None else time.monotonic() + self.timeout
        self._deadline = None
        if self._pending_from is not self.sock:
            self._pending, self._pending_from = b"", self.sock
        lines: list[bytes] = []
        size = 0
        code = -1
        while True:
            line = self._read_line(deadline, MAX_REPLY_BYTES - size)
            size += len(line)
            lines.append(line[4:].strip(b" \t\r\n"))
            try:
                code = int(line[:3])
            except ValueError:
                code = -1
                break
            if line[3:4] != b"-":
                break
        if self.sock:
            self.sock.settimeout(self.timeout)  # for what smtplib does on its own, such as the TLS handshake
        return code, b"\n".join(lines)

    def _read_line(self, deadline: float, allowed: int) -> bytes:
        import smtplib
        import time

        buffer = bytearray(self._pending)
        while True:
            end = buffer.find(b"\n")
            if 0 <= end < allowed:
                self._pending = bytes(buffer[end + 1 :])
                return bytes(buffer[: end + 1])
            if len(buffer) >= allowed:
                self.close()
                raise ReplyTooLong()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.close()
                raise ExchangeTimeout()
            self.sock.settimeout(remaining)
            with self._socket_failures():
                chunk = self.sock.recv(4096)
            if not chunk:
                self.close()
                raise smtplib.SMTPServerDisconnected("the mail server closed the connection")
            buffer += chunk

    def data(self, msg: bytes) -> tuple[int, bytes]:
        """DATA as smtplib sends it, noting when the message has gone out in full."""
        import re
        import smtplib

        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        # dot-stuffing (RFC 5321, 4.5.2); the message has CRLF line ends already
        payload = re.sub(rb"(?m)^\.", b"..", msg)
        if not payload.endswith(b"\r\n"):
            payload += b"\r\n"
        self.send(payload + b".\r\n")
        self.message_sent = True
        return self.getreply()

    def close(self) -> None:
        self._pending, self._pending_from = b"", None
        super().close()


def connect(server: SmtpServer) -> smtplib.SMTP:
    import smtplib

    class Client(BoundedExchanges, smtplib.SMTP):
        pass

    class TlsClient(BoundedExchanges, smtplib.SMTP_SSL):
        pass

    try:
        if server.security == "ssl":
            return TlsClient(server.host, server.port, timeout=server.timeout, context=tls_context(server))
        return Client(server.host, server.port, timeout=server.timeout)
    except smtplib.SMTPConnectError as exc:
        # 421 (busy, shutting down) or 554 (no service for you) instead of the 220 greeting
        raise DeliveryError(f"{server.where}: the mail server refuses service ({describe(exc)}); nothing was sent") from None
    except ExchangeTimeout:
        raise DeliveryError(f"{server.where}: the mail server did not greet us within {server.timeout:g} s; nothing was sent") from None
    except ReplyTooLong:
        raise DeliveryError(f"{server.where}: the mail server's greeting went on past {MAX_REPLY_BYTES // 1024} KiB; nothing was sent") from None
    except smtplib.SMTPException as exc:  # before OSError: smtplib's errors are OSErrors too
        raise DeliveryError(f"{server.where}: the mail server did not greet us ({describe(exc)}); nothing was sent") from None
    except OSError as exc:
        raise DeliveryError(f"{server.where}: cannot reach the mail server ({describe(exc)})") from None


def describe(exc: BaseException) -> str:
    import smtplib
    import ssl

    if isinstance(exc, smtplib.SMTPResponseException):
        detail = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {' '.join(detail.split())}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate not trusted: {exc.verify_message}; give its CA with --cafile"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split()) or exc.__class__.__name__


def deliver(message: bytes, sender: str, recipients: list[str], server: SmtpServer) -> None:
    """Send to every recipient or to none; raise DeliveryError naming what the server refused.

    Once the whole message has been sent, a silence or a lost connection no
    longer means that nothing was sent: the server may have queued it already,
    and the error says so, so that nobody retries blindly and sends it twice.
    """
    import smtplib

    client = connect(server)
    where = server.where
    try:
        client.ehlo_or_helo_if_needed()
        if server.security == "starttls":
            if not client.has_extn("starttls"):
                raise DeliveryError(f"{where}: the mail server does not offer STARTTLS")
            client.starttls(context=tls_context(server))
            client.ehlo()
        if server.user:
            if not client.has_extn("auth"):
                raise DeliveryError(f"{where}: the mail server offers no login (AUTH) on this connection; try --starttls")
            try:
                client.login(server.user, server.password or "")
            except smtplib.SMTPAuthenticationError as exc:
                raise DeliveryError(f"{where}: login refused for {server.user} ({describe(exc)})") from None
        code, reply = client.mail(sender)
        if code != 250:
            client.rset()
            raise DeliveryError(f"{where}: sender {sender} refused ({code} {_text(reply)}); nothing was sent")
        refused: list[str] = []
        for recipient in recipients:
            code, reply = client.rcpt(recipient)
            if code not in (250, 251):
                refused.append(f"{recipient} ({code} {_text(reply)})")
        if refused:
            client.rset()
            raise DeliveryError(
                f"{where}: the mail server refused {len(refused)} of {len(recipients)} recipients: "
                f"{', '.join(refused)}; nothing was sent to anyone"
            )
        code, reply = client.data(message)
        if code != 250:
            raise DeliveryError(f"{where}: the message was refused ({code} {_text(reply)}); nothing was sent")
    except DeliveryError:
        raise
    except smtplib.SMTPDataError as exc:
        raise DeliveryError(f"{where}: the message was refused ({describe(exc)}); nothing was sent") from None
    except (smtplib.SMTPException, OSError) as exc:
        if isinstance(exc, ExchangeTimeout):
            what = f"the mail server did not answer within {server.timeout:g} s"
        elif isinstance(exc, ReplyTooLong):
            what = f"the mail server sent a reply longer than {MAX_REPLY_BYTES // 1024} KiB"
        else:
            what = describe(exc)
        if client.message_sent:
            raise DeliveryError(
                f"{where}: {what} after receiving the whole message; "
                "it may have been delivered: ask a recipient before sending it again"
            ) from None
        raise DeliveryError(f"{where}: {what}; nothing was sent") from None
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


def _text(reply: bytes) -> str:
    return " ".join(reply.decode("utf-8", "replace").split())
