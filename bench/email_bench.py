"""Benchmark (not a test): rendering the email formats and sending over loopback SMTP.

    python bench/email_bench.py

Times email-html, txt and eml for every document in examples/ and tests/fixtures/
(warm: packs, templates and imports loaded), and one `schedule-export email`
run against an aiosmtpd server on loopback, start-up included.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schedule_export.pipeline import load_meeting  # noqa: E402
from schedule_export.render import RenderOptions, get_exporter  # noqa: E402

ROUNDS = 20


DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def documents() -> list[Path]:
    """The documents the CLI would read: examples and fixtures, sub-folders included, nothing else."""
    found = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*"))
    return [path for path in found if path.suffix in DOCUMENT_SUFFIXES and path.is_file()]


def meetings() -> list:
    """Every document that converts; the hostile fixtures that are refused (an error line in the CLI) are left out."""
    from schedule_export.errors import ScheduleExportError

    loaded = []
    for path in documents():
        try:
            loaded.append(load_meeting(path))
        except ScheduleExportError:
            continue
    return loaded


def render_times() -> dict[str, float]:
    meetings_ = meetings()
    options = RenderOptions(extra={"from": "sec@example.org", "to": ["a@example.net"]})
    result: dict[str, float] = {}
    for name in ("email-html", "txt", "eml", "ics"):
        exporter = get_exporter(name)
        for meeting in meetings_:  # warm up
            exporter.render(meeting, options)
        started = time.perf_counter()
        for _ in range(ROUNDS):
            for meeting in meetings_:
                exporter.render(meeting, options)
        per_document = (time.perf_counter() - started) / (ROUNDS * len(meetings_))
        result[f"{name}_ms_per_document"] = round(per_document * 1000, 2)
    return result


def send_time(runs: int = 5) -> dict[str, float]:
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "schedule_export.cli", "email", str(ROOT / "tests" / "fixtures" / "en_dst_tabs.txt"),
                 "--to", "a@example.net", "--from", "sec@example.org", "--smtp", f"127.0.0.1:{port}"],
                check=True, capture_output=True, cwd=ROOT,
            )
            times.append(time.perf_counter() - started)
    finally:
        controller.stop()
    return {"email_command_median_seconds": round(statistics.median(times), 3)}


def run() -> dict[str, float]:
    return {**render_times(), **send_time()}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
