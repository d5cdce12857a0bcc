"""A complete email (RFC 5322, MIME) carrying the programme: text, HTML and the calendar.

multipart/mixed
  multipart/alternative
    text/plain; charset=utf-8     (render/text.py)
    text/html; charset=utf-8      (render/email_html.py)
  text/calendar; method=PUBLISH   (render/ics.py, so mail clients offer "add to calendar")

Same input, same bytes: Date comes from ``stamp_for``, the Message-ID and the
MIME boundaries from the meeting's key and a digest of the content, never the
clock or a random number.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import AddressError
from . import RenderOptions, stamp_for

if TYPE_CHECKING:
    from email.headerregistry import Address
    from email.message import EmailMessage

    from ..model import Meeting

DEFAULT_SENDER = "schedule-export <noreply@schedule-export.invalid>"
_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?$")


class FoldedSubject(str):
    """A Subject that folds itself into whole encoded-words.

    The email package's own folding can break a line after the space before an
    encoded-word, and readers then see two spaces where there was one.
    """

    name = "Subject"

    def fold(self, *, policy: object) -> str:
        from email.header import Header

        linesep = getattr(policy, "linesep", "\r\n")
        charset = "us-ascii" if self.isascii() else "utf-8"
        encoded = Header(str(self), charset, header_name=self.name).encode(linesep=linesep, maxlinelen=78)
        return f"{self.name}: {encoded}{linesep}"


class EmlExporter:
    name = "eml"
    extension = "eml"
    content_type = "message/rfc822"
    description = "email message (.eml): text and HTML programme with the calendar attached"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return build_message(meeting, options).as_bytes()


def _values(raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, Iterable):
        return [str(value) for value in raw]
    return [str(raw)]


def parse_addresses(raw: object) -> list[Address]:
    """Addresses from option values (each may hold several, separated by commas).

    Checked strictly, before anything is sent: an address a server would refuse
    later should stop us now, while nothing has left.
    """
    from email.headerregistry import Address
    from email.utils import getaddresses

    found: list[Address] = []
    for value in _values(raw):
        if not value.strip():
            raise AddressError("empty email address")
        if _breaks_lines(value):
            # a line break in a header is a new header (a Bcc: nobody asked for), whether typed or encoded
            raise AddressError(f"line break or control character in email address {value!r}")
        pairs = getaddresses([value])
        if not pairs or any(not address for _, address in pairs):
            raise AddressError(f"invalid email address {value!r}")
        for name, address in pairs:
            local, at, domain = address.rpartition("@")
            labels = domain.split(".")
            if (
                not at
                or not _LOCAL_PART.match(local)
                or len(labels) < 2
                or not all(_DOMAIN_LABEL.match(label) for label in labels)
                or address.count("@") != 1
            ):
                raise AddressError(f"invalid email address {value.strip()!r}")
            try:
                # servers without SMTPUTF8 take international domain names in their ASCII (IDNA) form
                ascii_domain = domain.encode("idna").decode("ascii")
            except UnicodeError:
                raise AddressError(f"invalid email address {value.strip()!r}") from None
            found.append(Address(display_name=name, username=local, domain=ascii_domain))
    return found


def _breaks_lines(value: str) -> bool:
    """A control or line-separator character in the text or in what its encoded-words decode to."""
    import unicodedata
    from email.header import decode_header, make_header

    def bad(text: str) -> bool:
        return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)

    if bad(value):
        return True
    try:
        decoded = str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError):  # a malformed encoded-word, an unknown charset
        return True
    return bad(decoded)


def subject_for(meeting: Meeting, options: RenderOptions) -> str:
    from .view import build_view

    view = build_view(meeting, options)
    return f"{view.label('programme')}: {view.title} – {view.place_and_dates}"


def build_message(meeting: Meeting, options: RenderOptions | None = None) -> EmailMessage:
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    from .email_html import render_email_document
    from .ics import render_ics
    from .text import render_text
    from .view import build_view

    options = options or RenderOptions()
    view = build_view(meeting, options)
    senders = parse_addresses(options.extra.get("from") or DEFAULT_SENDER)
    if len(senders) != 1:
        raise AddressError("give exactly one sender address")
    to = parse_addresses(options.extra.get("to"))
    cc = parse_addresses(options.extra.get("cc"))
    reply_to = parse_addresses(options.extra.get("reply_to"))

    subject = subject_for(meeting, options)
    text = render_text(meeting, options, calendar_attached=True)
    html = render_email_document(meeting, options, title=subject, calendar_attached=True)
    calendar = render_ics(meeting, options)
    digest = hashlib.sha256(b"\0".join([subject.encode(), text.encode(), html.encode(), calendar])).hexdigest()

    message = EmailMessage(policy=SMTP)
    message["Subject"] = FoldedSubject(subject)
    message["From"] = senders[0]
    if to:
        message["To"] = to
    if cc:
        message["Cc"] = cc
    if reply_to:
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime(stamp_for(meeting))
    message["Message-ID"] = f"<{meeting.key}.{view.pack.code}.{digest[:12]}@{senders[0].domain}>"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message.add_attachment(
        calendar,
        maintype="text",
        subtype="calendar",
        params={"method": "PUBLISH", "charset": "utf-8"},
        filename=f"{meeting.key}.ics",
        cte="base64",
    )
    # after the parts: making a multipart moves every Content-* header down into the first part
    message["Content-Language"] = view.pack.code
    # the email package draws random boundaries; ours come from the content so the bytes repeat
    for part in message.walk():
        if part is not message:
            del part["MIME-Version"]  # only the message itself carries it (RFC 2045)
        if part.is_multipart():
            part.set_boundary(f"=_{part.get_content_subtype()}_{digest[:24]}")
    return message
