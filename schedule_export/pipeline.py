"""read -> parse: a document file into a validated ``Meeting``."""

from __future__ import annotations

from pathlib import Path

from .model import Meeting


def load_meeting(path: str | Path, language: str | None = None, timezone: str | None = None) -> Meeting:
    from .parse import parse_document
    from .read import read_document

    document = read_document(path)
    return parse_document(document, language=language, timezone=timezone)
