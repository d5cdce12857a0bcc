"""read -> parse: a document (a file, or bytes already read) into a validated ``Meeting``."""

from __future__ import annotations

from pathlib import Path

from .model import Meeting


def load_meeting(path: str | Path, language: str | None = None, timezone: str | None = None) -> Meeting:
    from .parse import parse_document
    from .read import read_document

    document = read_document(path)
    return parse_document(document, language=language, timezone=timezone)


def load_meeting_from_bytes(data: bytes, name: str, language: str | None = None, timezone: str | None = None) -> Meeting:
    """A document that has no file of its own (standard input): its format is told by its content."""
    from .parse import parse_document
    from .read import read_bytes

    document = read_bytes(data, name)
    return parse_document(document, language=language, timezone=timezone)
