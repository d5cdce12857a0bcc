"""The command as a user runs it: files written, warnings and errors on stderr, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from email import message_from_bytes, policy

import icalendar
import pytest

from .conftest import EXAMPLES, FIXTURES, ROOT

ALL_EXAMPLES = sorted(str(p) for p in EXAMPLES.iterdir())


def run(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The command as installed, through ``python -m schedule_export``; stdin is empty unless given."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | (env or {})
    result = subprocess.run(
        [sys.executable, "-m", "schedule_export", *args],
        capture_output=True, input=stdin or b"", cwd=cwd, env=environment, timeout=120,
    )
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())


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
    [line] = result.stderr.splitlines()
    assert line.startswith("error: argument -f/--format: invalid choice: 'docx'") and line.endswith("(see schedule-export convert --help)")


def test_a_missing_input_is_one_usage_line_pointing_to_help():
    result = run("convert", "-f", "ics")
    assert (result.returncode, result.stderr) == (2, "error: the following arguments are required: INPUT (see schedule-export convert --help)\n")


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


# --- issue 15: a command line that behaves the way people expect ------------------------------

QUIET_INPUT = FIXTURES / "en_dst_tabs.txt"  # a document without warnings
PARALLEL_INPUT = FIXTURES / "en_parallel.html"  # parallel bodies, one named "Committee of the Whole", one warning


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_python_dash_m_schedule_export_is_the_command():
    result = subprocess.run([sys.executable, "-m", "schedule_export", "convert", str(QUIET_INPUT), "-o", "-"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("BEGIN:VCALENDAR")


def test_dash_reads_the_document_from_standard_input(tmp_path):
    data = QUIET_INPUT.read_bytes()
    to_stdout = run("convert", "-", "-o", "-", stdin=data)
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert len(list(icalendar.Calendar.from_ical(to_stdout.stdout).walk("VEVENT"))) == 4

    to_folder = run("convert", "-", "-f", "json", "-o", str(tmp_path), stdin=data)
    assert to_folder.returncode == 0, to_folder.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["stdin.json"]

    checked = run("check", "-", stdin=data)
    assert checked.returncode == 0 and checked.stdout.startswith("<stdin>: Working Group on Firearms")


def test_an_empty_standard_input_is_one_error_line_naming_it():
    result = run("check", "-", stdin=b"")
    assert result.returncode == 1 and error_lines(result) == ["error: <stdin>: is empty"]


def test_standard_input_given_twice_is_a_usage_error():
    result = run("check", "-", "-", stdin=QUIET_INPUT.read_bytes())
    assert result.returncode == 2 and result.stderr.splitlines() == ["error: - (standard input) can be given only once"]


def test_to_and_cc_take_one_address_each_and_leave_the_input_alone(tmp_path):
    result = run(
        "convert", "-f", "eml", "--to", "a@example.org", "--to", "b@example.org", "--cc", "c@example.org",
        str(QUIET_INPUT), "-o", str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    message = message_from_bytes((tmp_path / "en_dst_tabs.eml").read_bytes(), policy=policy.default)
    assert message["To"] == "a@example.org, b@example.org" and message["Cc"] == "c@example.org"


def test_a_folder_converts_the_documents_it_holds_not_its_sub_folders(tmp_path):
    folder = tmp_path / "agendas"
    (folder / "older").mkdir(parents=True)
    (folder / "b.txt").write_bytes(QUIET_INPUT.read_bytes())
    (folder / "a.html").write_bytes(PARALLEL_INPUT.read_bytes())
    (folder / "notes.csv").write_text("not a document\n")
    (folder / "older" / "c.txt").write_bytes(QUIET_INPUT.read_bytes())
    out = tmp_path / "out"
    result = run("convert", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    # a.html has bodies meeting in parallel: a calendar for each body beside the whole one
    assert sorted(p.name for p in out.iterdir()) == ["a.committee-of-the-whole.ics", "a.ics", "a.plenary.ics", "b.ics"]
    checked = run("check", "-q", str(folder))
    assert [line.split(":")[0] for line in checked.stdout.splitlines() if line and not line.startswith(" ")] == ["a.html", "b.txt"]


def test_a_folder_without_documents_is_an_error_and_the_other_inputs_are_converted(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("convert", str(tmp_path / "empty"), str(QUIET_INPUT), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert error_lines(result) == [f"error: {tmp_path / 'empty'}: folder holds no documents (.txt .md .html .htm .docx .pdf)"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["en_dst_tabs.ics"]


def test_two_inputs_with_the_same_output_name_are_refused_before_writing_anything(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "doc.txt", tmp_path / "b" / "doc.html"
    first.write_bytes(QUIET_INPUT.read_bytes())
    second.write_bytes(PARALLEL_INPUT.read_bytes())
    out = tmp_path / "out"
    result = run("convert", str(first), str(second), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {first} and {second} would both be written as {out / 'doc'}.*; convert them into different folders (-o)"
    ]
    assert not out.exists()


def test_the_same_file_named_twice_is_converted_once(tmp_path):
    result = run("convert", str(QUIET_INPUT), str(FIXTURES), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "en_dst_tabs.ics" in [p.name for p in tmp_path.iterdir()]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--tz", "Mars/Olympus"], "error: --tz Mars/Olympus: unknown time zone (use a name such as Europe/Vienna or America/New_York)"),
        (["--display-tz", "America"], "error: --display-tz America: unknown time zone (use a name such as Europe/Vienna or America/New_York)"),
        (["--lang", "de"], "error: --lang de: no such language (available: ar, en, es, fr, ru, zh)"),
        (["--to", "delegation@"], "error: --to: invalid email address 'delegation@'"),
        (["--from", "a@localhost"], "error: --from: invalid email address 'a@localhost'"),
    ],
)
def test_usage_errors_are_one_line_exit_2_before_any_document_is_read(tmp_path, options, message):
    # a missing input beside a good one: reading either would print something more
    result = run("convert", str(QUIET_INPUT), str(tmp_path / "missing.txt"), *options, "-o", str(tmp_path / "out"))
    assert (result.returncode, result.stderr.splitlines(), result.stdout) == (2, [message], "")
    assert not (tmp_path / "out").exists()


def test_usage_errors_of_check_too(tmp_path):
    result = run("check", str(QUIET_INPUT), str(QUIET_INPUT), "--tz", "Mars/Olympus")
    assert (result.returncode, len(result.stderr.splitlines()), result.stdout) == (2, 1, "")


def test_an_output_that_is_a_file_is_not_a_folder(tmp_path):
    existing = tmp_path / "afile"
    existing.write_text("keep me\n")
    result = run("convert", str(QUIET_INPUT), "-o", str(existing))
    assert (result.returncode, result.stderr.splitlines()) == (2, [f"error: -o {existing}: is not a folder"])
    below = run("convert", str(QUIET_INPUT), "-o", str(existing / "sub"))
    assert below.stderr.splitlines() == [f"error: -o {existing / 'sub'}: {existing} is not a folder"]
    assert existing.read_text() == "keep me\n"


def test_quiet_drops_warnings_and_strict_makes_them_fail(tmp_path):
    plain = run("convert", str(PARALLEL_INPUT), "-o", str(tmp_path))
    assert plain.returncode == 0 and "warning: en_parallel.html:" in plain.stderr
    quiet = run("convert", str(PARALLEL_INPUT), "-o", str(tmp_path), "--quiet")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    strict = run("convert", str(PARALLEL_INPUT), "-o", str(tmp_path / "strict"), "--strict")
    assert strict.returncode == 1 and "warning: en_parallel.html:" in strict.stderr
    assert (tmp_path / "strict" / "en_parallel.ics").exists()
    assert run("check", str(PARALLEL_INPUT), "--strict", "--quiet").returncode == 1
    assert run("check", str(QUIET_INPUT), "--strict").returncode == 0


def run_on_terminal(*args: str) -> tuple[int, str, str]:
    """Run the command with standard error on a pseudo-terminal: (status, stdout, what the terminal showed)."""
    import pty
    import select

    main_fd, terminal_fd = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    process = subprocess.Popen(
        [sys.executable, "-m", "schedule_export", *args], stdout=subprocess.PIPE, stderr=terminal_fd, stdin=subprocess.DEVNULL, env=env,
    )
    os.close(terminal_fd)
    shown = bytearray()
    while True:
        ready, _, _ = select.select([main_fd], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError("no output on the terminal for 60 s")
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # EIO: the command closed its end
            break
        if not chunk:
            break
        shown += chunk
    stdout = process.stdout.read().decode()
    process.stdout.close()
    os.close(main_fd)
    return process.wait(timeout=60), stdout, shown.decode()


def test_progress_is_shown_on_a_terminal_and_wiped(tmp_path):
    status, _, shown = run_on_terminal("convert", str(QUIET_INPUT), str(PARALLEL_INPUT), "-o", str(tmp_path))
    assert status == 0
    assert f"1/2 {QUIET_INPUT}" in shown and f"2/2 {PARALLEL_INPUT}" in shown
    # the warning starts on a clean line, and the progress line is wiped at the end
    assert "\x1b[Kwarning: en_parallel.html:" in shown
    assert shown.split("\n")[-1].rsplit("\r\x1b[K", 1)[-1] == ""  # what stays on the last line of the terminal


def test_no_progress_when_standard_error_is_not_a_terminal_or_with_quiet(tmp_path):
    piped = run("convert", str(QUIET_INPUT), str(PARALLEL_INPUT), "-o", str(tmp_path))
    assert "\r" not in piped.stderr and "1/2" not in piped.stderr
    status, _, shown = run_on_terminal("convert", str(QUIET_INPUT), str(PARALLEL_INPUT), "-o", str(tmp_path), "--quiet")
    assert (status, shown) == (0, "")


def test_check_shows_whole_body_names():
    result = run("check", str(PARALLEL_INPUT))
    assert "Committee of the Whole  4 (cont.)" in result.stdout


def test_check_json_lists_each_input_with_its_meeting_or_its_error(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("check", "--json", str(PARALLEL_INPUT), str(missing))
    assert result.returncode == 1
    [good, bad] = json.loads(result.stdout)
    assert good["input"] == str(PARALLEL_INPUT) and good["meeting"]["title"] == "Commission on Crime Prevention and Criminal Justice"
    assert good["meeting"]["findings"][0]["line"] == 35
    assert bad == {"input": str(missing), "error": "file not found"}


@pytest.mark.parametrize("command", ["convert", "check", "schema", "email", "serve", "site"])
def test_every_command_help_has_a_description(command):
    result = run(command, "--help")
    assert result.returncode == 0
    usage, description = result.stdout.split("\n\n")[:2]
    assert usage.startswith(f"usage: schedule-export {command}")
    assert not description.lstrip().startswith(("positional arguments", "options")) and len(description) > 40
    assert "default for serve" not in result.stdout


def test_site_help_gives_its_own_default_base_url():
    result = run("site", "--help")
    assert "default: none" in " ".join(result.stdout.split())


def test_every_declared_dependency_is_used():
    """A dependency nobody imports (pendulum was one) is weight and risk for every install."""
    import re
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = [re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower() for requirement in declared]
    source = "\n".join(p.read_text() for p in (ROOT / "schedule_export").rglob("*.py"))
    data_only = {"tzdata"}  # read by zoneinfo, never imported
    module_of = {"python-docx": "docx"}  # distributions whose module has another name
    unused = [n for n in names if n not in data_only
              and not re.search(rf"^\s*(from|import) {module_of.get(n, n.replace('-', '_'))}\b", source, re.M)]
    assert unused == []


@pytest.mark.parametrize("command", ["convert", "check", "schema", "email", "serve", "site"])
def test_the_readme_command_reference_names_every_option(command):
    import re

    help_text = run(command, "--help").stdout
    reference = (ROOT / "README.md").read_text().split("## Command reference", 1)[1].split("\n## ", 1)[0]
    options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", help_text)) - {"--help"}
    assert f"schedule-export {command}" in reference
    assert sorted(o for o in options if o not in reference) == []


def test_a_file_name_with_a_line_break_still_gives_one_error_line(tmp_path):
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"")
    result = run("check", str(odd))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path}/two\\nlines.txt: is empty"]
