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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import DeliveryError, ScheduleExportError, UsageError

if TYPE_CHECKING:
    import smtplib
    import ssl
    from email.message import EmailMessage

PASSWORD_VARIABLE = "SCHEDULE_EXPORT_SMTP_PASSWORD"
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    security: str  # "plain", "starttls" or "ssl"
    user: str | None = None
    password: str | None = None
    cafile: str | None = None
    timeout: float = 30.0

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def register(subparsers: argparse._SubParsersAction) -> None:
    from .cli import add_message_options, add_reading_options

    parser = subparsers.add_parser(
        "email", help="send the programme by email (text, HTML and calendar) through an SMTP server",
        description="Send the programme of INPUT as one email to every --to and --cc address, or to none of them.",
    )
    parser.add_argument("input", metavar="INPUT", help="agenda document (.txt, .md, .html)")
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
    server.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="give up on a silent server after this long (default: 30)")
    parser.set_defaults(handler=run_email, security="plain")


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
    from .cli import EXIT_FAILED, EXIT_OK, fail, load, message_extra, warn
    from .render import RenderOptions
    from .render.eml import build_message, parse_addresses

    # everything that can be checked locally is checked before connecting
    extra = message_extra(args)
    sender = parse_addresses(extra["from"])
    if len(sender) != 1:
        raise UsageError("--from wants exactly one address")
    recipients = list(dict.fromkeys(a.addr_spec for a in parse_addresses(extra.get("to")) + parse_addresses(extra.get("cc"))))
    parse_addresses(extra.get("reply_to"))
    host, port = parse_server(args.smtp)
    if args.cafile and not os.path.isfile(args.cafile):
        raise UsageError(f"--cafile {args.cafile}: no such file")
    try:
        meeting = load(args.input, args)
        options = RenderOptions(language=args.lang, display_tz=args.display_tz, extra=extra)
        message = dated_now(build_message(meeting, options))
    except ScheduleExportError as exc:
        fail(args.input, str(exc))
        return EXIT_FAILED
    for finding in meeting.findings:
        warn(str(finding))
    if args.user and args.security == "plain" and host not in LOOPBACK_HOSTS:
        warn(f"logging in to {host}:{port} without TLS sends the password in clear; consider --starttls or --ssl")
    server = SmtpServer(
        host=host, port=port, security=args.security, user=args.user,
        password=read_password(args.user) if args.user else None, cafile=args.cafile, timeout=args.timeout,
    )
    deliver(message, sender[0].addr_spec, recipients, server)
    print(f"sent {args.input} to {len(recipients)} recipient{'s' if len(recipients) != 1 else ''} via {server.where}: {', '.join(recipients)}")
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


def connect(server: SmtpServer) -> smtplib.SMTP:
    import smtplib

    try:
        if server.security == "ssl":
            return smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=tls_context(server))
        return smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    except OSError as exc:
        raise DeliveryError(f"{server.where}: cannot reach the mail server ({describe(exc)})") from None
    except smtplib.SMTPException as exc:
        raise DeliveryError(f"{server.where}: the mail server did not greet us ({describe(exc)})") from None


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
    """Send to every recipient or to none; raise DeliveryError naming what the server refused."""
    import smtplib

    client = connect(server)
    try:
        client.ehlo_or_helo_if_needed()
        if server.security == "starttls":
            if not client.has_extn("starttls"):
                raise DeliveryError(f"{server.where}: the mail server does not offer STARTTLS")
            client.starttls(context=tls_context(server))
            client.ehlo()
        if server.user:
            if not client.has_extn("auth"):
                raise DeliveryError(f"{server.where}: the mail server offers no login (AUTH) on this connection; try --starttls")
            try:
                client.login(server.user, server.password or "")
            except smtplib.SMTPAuthenticationError as exc:
                raise DeliveryError(f"{server.where}: login refused for {server.user} ({describe(exc)})") from None
        code, reply = client.mail(sender)
        if code != 250:
            client.rset()
            raise DeliveryError(f"{server.where}: sender {sender} refused ({code} {reply.decode('utf-8', 'replace')}); nothing was sent")
        refused: list[str] = []
        for recipient in recipients:
            code, reply = client.rcpt(recipient)
            if code not in (250, 251):
                refused.append(f"{recipient} ({code} {' '.join(reply.decode('utf-8', 'replace').split())})")
        if refused:
            client.rset()
            raise DeliveryError(
                f"{server.where}: the mail server refused {len(refused)} of {len(recipients)} recipients: "
                f"{', '.join(refused)}; nothing was sent to anyone"
            )
        code, reply = client.data(message)
        if code != 250:
            raise DeliveryError(f"{server.where}: the message was refused ({code} {reply.decode('utf-8', 'replace')}); nothing was sent")
    except DeliveryError:
        raise
    except smtplib.SMTPDataError as exc:
        raise DeliveryError(f"{server.where}: the message was refused ({describe(exc)}); nothing was sent") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"{server.where}: {describe(exc)}; nothing was sent") from None
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()
