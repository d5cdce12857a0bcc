"""The command as a user runs it: files written, warnings and errors on stderr, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar

from .conftest import EXAMPLES

ALL_EXAMPLES = sorted(str(p) for p in EXAMPLES.iterdir())


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run([sys.executable, "-m", "schedule_export.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_convert_writes_one_file_per_input_and_format(tmp_path):
    result = run("convert", *ALL_EXAMPLES, "-f", "ics", "-f", "json", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{Path(p).stem}.{ext}" for p in ALL_EXAMPLES for ext in ("ics", "json"))
    assert "warning: 004_b571847e183aa006.txt:94: unknown weekday" in result.stderr
    data = json.loads((tmp_path / "000_13687f6d581ac513.json").read_text())
    assert data["timezone"] == "Europe/Vienna" and data["sessions"][0]["start"] == "2019-09-09T10:00:00+02:00"


def test_convert_to_standard_output(tmp_path):
    result = run("convert", ALL_EXAMPLES[0], "-f", "ics", "-o", "-")
    assert result.returncode == 0
    assert len(list(icalendar.Calendar.from_ical(result.stdout).walk("VEVENT"))) == 5


def test_standard_output_takes_one_input_and_one_format():
    result = run("convert", *ALL_EXAMPLES[:2], "-o", "-")
    assert result.returncode == 2 and result.stderr.startswith("error:")


def test_bad_inputs_fail_alone_with_one_error_line_and_no_output(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "letter.txt").write_text("Dear colleagues,\n\nThank you for your letter of last week. We will reply soon.\n")
    out = tmp_path / "out"
    inputs = [str(tmp_path / n) for n in ("empty.txt", "picture.txt", "letter.txt", "missing.txt")]
    result = run("convert", *inputs, ALL_EXAMPLES[0], "-o", str(out))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {inputs[0]}: is empty",
        f"error: {inputs[1]}: is a binary file, not a text or HTML document",
        f"error: {inputs[2]}: no meeting dates found (not an agenda or invitation for a meeting?)",
        f"error: {inputs[3]}: file not found",
    ]
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["000_13687f6d581ac513.ics"]


def test_unknown_format_is_a_usage_error():
    result = run("convert", ALL_EXAMPLES[0], "-f", "docx")
    assert result.returncode == 2


def test_check_prints_vienna_and_utc_times_and_writes_nothing(tmp_path):
    result = run("check", *ALL_EXAMPLES, cwd=tmp_path)
    assert result.returncode == 0
    assert "Mon 2019-09-09 10:00-13:00  08:00-11:00Z" in result.stdout
    assert "deadline 2010-01-15: Date limite d'inscription" in result.stdout
    assert "warning: 000_13687f6d581ac513.txt:85: item 2 is both started and continued" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_schema_describes_the_json_export():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Meeting" and "sessions" in schema["properties"]


def test_help_lists_formats():
    result = run("convert", "--help")
    assert "ics" in result.stdout and "json" in result.stdout


def test_written_files_are_readable_by_others_like_any_file_the_user_creates(tmp_path):
    old = os.umask(0o022)
    try:
        result = run("convert", ALL_EXAMPLES[0], "-o", str(tmp_path))
    finally:
        os.umask(old)
    assert result.returncode == 0
    assert oct((tmp_path / "000_13687f6d581ac513.ics").stat().st_mode & 0o777) == "0o644"
