from __future__ import annotations

from datetime import timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_CHECK = ROOT.parent / "shared" / "tools" / "ics-clients" / "check"


def utc_slots(meeting) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    """(UTC start, UTC end, body, item keys with + for continued) of each session, in order."""
    rows = []
    for s in meeting.sessions:
        rows.append(
            (
                s.start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
                s.end.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
                s.body,
                tuple(r.key + ("+" if r.continued else "") for r in s.items),
            )
        )
    return rows


def in_order(text: str, pieces: list[str]) -> bool:
    """Every piece occurs in the text, each after the one before."""
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
