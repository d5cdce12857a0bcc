"""Benchmarks (not tests): every figure beside an anchor measured in the same run, and the ratio.

    python bench/run.py [--documents N] [--only-core]

- Batch: a corpus generated from examples/ is converted to ICS and JSON by the
  command itself (``convert FOLDER -f ics -f json -o OUT``, in-process, files
  written, warnings printed to a file), on one core, in documents per CPU
  second. Anchor: icalendar building and serialising the same events directly
  (the meetings parsed beforehand), documents per CPU second.
- Start-up: ``schedule-export --help`` and ``convert one.txt -f ics -o -`` in fresh
  processes, beside ``python -c pass`` and ``python -c "import icalendar"``, run
  turn about so that a busy machine slows all alike. Byte-code is written and
  used as an installed package would (PYTHONDONTWRITEBYTECODE is dropped for them).
- Every other ``bench/*_bench.py`` module exposing ``run() -> dict``.

The corpus: each example with its years moved by 0, 28 or 56 years, which keeps
every date on its weekday (the calendar repeats every 28 years between 1901 and
2099), so the documents give the warnings their originals give and no others.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the other bench modules
sys.path.insert(0, str(ROOT))

from cpu import one_core  # noqa: E402

YEAR_SHIFTS = (0, 28, 56)


def corpus(count: int, folder: Path) -> list[Path]:
    """``count`` documents in ``folder``, the examples in turn, each round with its years moved."""
    examples = sorted(path for path in (ROOT / "examples").iterdir() if path.suffix == ".txt")
    written = []
    for n in range(count):
        source = examples[n % len(examples)]
        shift = YEAR_SHIFTS[(n // len(examples)) % len(YEAR_SHIFTS)]
        text = source.read_text(encoding="utf-8")
        if shift:
            text = re.sub(r"\b(20[0-3]\d)\b", lambda m: str(int(m.group(1)) + shift), text)
        path = folder / f"{n:05d}-{source.stem}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _convert(arguments: list[str]) -> tuple[int, str]:
    """The command in this process, its standard error captured (warnings count as work done)."""
    from schedule_export.cli import main

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = main(arguments)
    return status, stderr.getvalue()


def throughput(count: int) -> dict[str, float]:
    with one_core():
        with tempfile.TemporaryDirectory(prefix="bench-corpus-") as temp:
            folder, out = Path(temp) / "in", Path(temp) / "out"
            folder.mkdir()
            paths = corpus(count, folder)
            warm = Path(temp) / "warm"
            warm.mkdir()
            for path in paths[:12]:  # warm: imports, packs, grammars, the first VTIMEZONEs
                shutil.copy(path, warm / path.name)
            _convert(["convert", str(warm), "-f", "ics", "-f", "json", "-o", str(Path(temp) / "warm-out")])
            started = time.process_time()
            status, stderr = _convert(["convert", str(folder), "-f", "ics", "-f", "json", "-o", str(out)])
            ours = time.process_time() - started
            written = len(list(out.iterdir()))
            anchor = icalendar_anchor(paths)
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as temp:
        folder = Path(temp) / "in"
        folder.mkdir()
        corpus(count, folder)
        walls = {}
        for jobs in (1, 0):  # 0: one process per CPU
            started = time.perf_counter()
            subprocess.run([*_command(), "convert", str(folder), "-f", "ics", "-f", "json", "-o", str(Path(temp) / f"out{jobs}"), "-q", "-j", str(jobs)],
                           check=True, capture_output=True)
            walls[jobs] = time.perf_counter() - started
    return {
        "documents": count,
        "status": status,
        "files_written": written,
        "warnings": stderr.count("warning:"),
        "errors": stderr.count("error:"),
        "cpu_seconds": round(ours, 3),
        "documents_per_cpu_second": round(count / ours, 1),
        "anchor_icalendar_documents_per_cpu_second": round(count / anchor, 1),
        "command_wall_seconds_j1": round(walls[1], 3),
        "command_wall_seconds_all_cpus": round(walls[0], 3),
    }


def icalendar_anchor(paths: list[Path]) -> float:
    """CPU seconds icalendar takes to build and serialise the same events, written directly (no parsing)."""
    from icalendar import Calendar, Event

    from schedule_export.pipeline import load_meeting

    meetings = [load_meeting(path) for path in paths]
    stamp = __import__("datetime").datetime(2026, 1, 1, tzinfo=__import__("datetime").timezone.utc)

    def build(meeting) -> bytes:
        calendar = Calendar()
        calendar.add("prodid", "-//anchor//EN")
        calendar.add("version", "2.0")
        for number, session in enumerate(meeting.sessions):
            event = Event()
            event.add("uid", f"{meeting.symbol}-{number}@anchor")
            event.add("dtstamp", stamp)
            event.add("dtstart", meeting.local(session.start))
            event.add("dtend", meeting.local(session.end))
            event.add("summary", f"{session.body or meeting.title}: {', '.join(str(ref.number) for ref in session.items)}")
            event.add("description", "\n".join(item.title for item in meeting.agenda))
            event.add("location", meeting.city or "")
            calendar.add_component(event)
        return calendar.to_ical()

    for meeting in meetings[:12]:
        build(meeting)
    started = time.process_time()
    for meeting in meetings:
        build(meeting)
    return time.process_time() - started


def _command() -> list[str]:
    script = Path(sys.executable).parent / "schedule-export"
    return [str(script)] if script.exists() else [sys.executable, "-m", "schedule_export.cli"]


def startup(runs: int = 11) -> dict[str, float]:
    """Median wall seconds of fresh processes, run turn about."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    one = str(ROOT / "examples" / "000_13687f6d581ac513.txt")
    commands = {
        "python_c_pass": [sys.executable, "-c", "pass"],
        "python_import_icalendar": [sys.executable, "-c", "import icalendar"],
        "help": [*_command(), "--help"],
        "one_document_ics": [*_command(), "convert", one, "-f", "ics", "-o", "-", "-q"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # byte-code written, disk caches warm
        subprocess.run(command, check=True, capture_output=True, env=environment)
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=environment)
            times[name].append(time.perf_counter() - started)
    return {name: round(statistics.median(values), 4) for name, values in times.items()}


def other_benchmarks():
    """(name, figures) of each other benchmark, as each finishes."""
    for path in sorted(Path(__file__).parent.glob("*_bench.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        # registered under its name, so that processes it spawns find its functions (serve_bench's clients)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        if hasattr(module, "run"):
            yield path.stem, module.run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--only-core", action="store_true", help="skip the other bench/*_bench.py modules")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, {sys.implementation.name} {sys.version.split()[0]}, {sys.platform}")
    result = throughput(args.documents)
    ours, anchor = result["documents_per_cpu_second"], result["anchor_icalendar_documents_per_cpu_second"]
    print(
        f"convert -f ics -f json, one core: {ours} documents per CPU second ({result['documents']} documents, "
        f"{result['files_written']} files, {result['warnings']} warnings, {result['errors']} errors, {result['cpu_seconds']} CPU s; target >= 300)\n"
        f"  anchor, icalendar building the same events directly: {anchor} documents per CPU second; ours takes {round(anchor / ours, 2)}x its time"
    )
    print(
        f"  the command in a fresh process, wall clock: {result['command_wall_seconds_j1']} s with -j 1, "
        f"{result['command_wall_seconds_all_cpus']} s with -j 0 ({os.cpu_count()} CPUs), "
        f"{round(result['command_wall_seconds_j1'] / result['command_wall_seconds_all_cpus'], 2)}x as fast"
    )
    start = startup()
    bare, ical = start["python_c_pass"], start["python_import_icalendar"]
    print(f"anchors: python -c pass {bare} s, python -c 'import icalendar' {ical} s ({round(ical / bare, 1)}x pass)")
    print(f"schedule-export --help: {start['help']} s, {round(start['help'] / bare, 1)}x python -c pass (target <= 3x)")
    print(
        f"convert one.txt -f ics -o -: {start['one_document_ics']} s, {round(start['one_document_ics'] / bare, 1)}x python -c pass "
        f"(target <= 6x), {round(start['one_document_ics'] / ical, 1)}x import icalendar"
    )
    if not args.only_core:
        for name, values in other_benchmarks():
            print(f"{name}: {values}", flush=True)


if __name__ == "__main__":
    main()
