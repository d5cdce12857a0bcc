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


def planted_defect_path(tmp_path: Path) -> str:
    """A PYTHONPATH whose sitecustomize makes the parser raise KeyError for documents named poison*.

    Every real crasher found so far is fixed, so this is how a test makes an unexpected exception
    reach the CLI or the server in their own process.
    """
    import os

    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(
        "import schedule_export.parse as parse\n"
        "_parse = parse.parse_document\n"
        "def parse_document(document, *args, **kwargs):\n"
        "    if document.name.startswith('poison'):\n"
        "        raise KeyError('planted defect')\n"
        "    return _parse(document, *args, **kwargs)\n"
        "parse.parse_document = parse_document\n"
    )
    return os.pathsep.join(filter(None, [str(plant), os.environ.get("PYTHONPATH")]))


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


# --- a real headless Chromium for the pages and the programme -------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed: the pages cannot be checked in a real browser")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package drives Chromium")
    # launch() gives Chromium a fresh temporary profile of its own
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
