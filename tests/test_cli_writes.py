"""What a user finds on disk when things go wrong: a full disk, a missing system library, a defect.

Each failure is real: a small tmpfs that fills up, a file size limit the kernel
enforces, WeasyPrint failing to load Pango the way it does on a machine
without it, and a defect planted in the parser of one document.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, planted_defect_path
from .test_cli import error_lines, run

INPUT = FIXTURES / "en_dst_tabs.txt"  # ics 3 KB, json 4 KB, html 11 KB, pdf 14 KB
OTHER = FIXTURES / "ru_dst_tabs.txt"
FORMATS = ["-f", "ics", "-f", "json", "-f", "html", "-f", "pdf"]


@pytest.fixture
def small_disk(tmp_path):
    """A 24 KB tmpfs: room for an input's ics, json and html, not for its PDF too."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24k", "tmpfs", str(mount_point)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs (needs root): {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_a_full_disk_writes_an_input_in_all_formats_or_none(small_disk):
    result = run("convert", str(INPUT), str(OTHER), *FORMATS, "-o", str(small_disk))
    assert result.returncode == 1
    errors = error_lines(result)
    assert len(errors) == 2, result.stderr  # one line per input, not per file
    assert errors[0].startswith(f"error: {INPUT}: nothing written ({small_disk}/en_dst_tabs.")
    assert errors[0].endswith(": No space left on device)")
    assert errors[1].startswith(f"error: {OTHER}: nothing written (")
    assert "Traceback" not in result.stderr
    assert list(small_disk.iterdir()) == []  # neither outputs nor temporaries


def test_a_full_disk_leaves_the_previous_outputs_untouched(small_disk):
    first = run("convert", str(INPUT), "-f", "ics", "-f", "json", "-o", str(small_disk))
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in small_disk.iterdir()}
    again = run("convert", str(INPUT), *FORMATS, "-o", str(small_disk), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert again.returncode == 1
    assert {p.name: p.read_bytes() for p in small_disk.iterdir()} == before


def limit_file_size() -> None:
    """In the child: files may not grow past 8 KB, and exceeding it is an error (EFBIG), not a signal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))


def test_a_file_size_limit_writes_nothing_of_the_input(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [sys.executable, "-m", "schedule_export", "convert", str(INPUT), "-f", "ics", "-f", "json", "-f", "html", "-o", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120, preexec_fn=limit_file_size,
    )
    assert result.returncode == 1
    assert error_lines(result) == [f"error: {INPUT}: nothing written ({tmp_path}/en_dst_tabs.html: File too large)"]
    assert list(tmp_path.iterdir()) == []


def without_pango(tmp_path: Path) -> dict[str, str]:
    """An environment where importing WeasyPrint fails as it does without Pango: cffi's OSError, banner on stdout."""
    package = tmp_path / "no-pango" / "weasyprint"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "print('\\n-----\\n\\nWeasyPrint could not import some external libraries. Please carefully follow the installation steps')\n"
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file or directory.  "
        "Additionally, ctypes.util.find_library() did not manage to locate a library called 'libpango-1.0-0'\")\n"
    )
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(package.parent), os.environ.get("PYTHONPATH")]))}


def test_without_pango_the_other_formats_are_written_and_the_error_says_how_to_install_it(tmp_path):
    out = tmp_path / "out"
    result = run("convert", str(INPUT), str(OTHER), "-f", "ics", "-f", "pdf", "-o", str(out), env=without_pango(tmp_path))
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["en_dst_tabs.ics", "ru_dst_tabs.ics"]
    [first, second] = error_lines(result)
    assert first.startswith(f"error: {INPUT}: pdf not written: WeasyPrint cannot load the system library libpango-1.0-0")
    install = "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"
    assert install in first and install in (ROOT / "README.md").read_text()
    assert 'README, "PDF output uses WeasyPrint, which needs Pango"' in first
    assert 'PDF output uses WeasyPrint, which needs Pango' in (ROOT / "README.md").read_text()
    assert second.startswith(f"error: {OTHER}: pdf not written: ")
    assert result.stdout == ""  # WeasyPrint's own banner does not leak


def test_without_pango_standard_output_stays_clean(tmp_path):
    result = run("convert", str(INPUT), "-f", "pdf", "-o", "-", env=without_pango(tmp_path))
    assert result.returncode == 1 and result.stdout == ""
    assert len(error_lines(result)) == 1


def test_an_unexpected_error_in_one_input_is_one_line_and_the_next_input_is_converted(tmp_path):
    """A defect (here planted: the parser raises KeyError for one document) must not stop a batch."""
    poison = tmp_path / "poison.txt"
    shutil.copy(INPUT, poison)
    out = tmp_path / "out"
    env = {"PYTHONPATH": planted_defect_path(tmp_path)}
    result = run("convert", str(poison), str(OTHER), "-o", str(out), env=env)
    assert result.returncode == 1
    assert error_lines(result) == [f"error: {poison}: internal error (KeyError: 'planted defect'); please report it"]
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["ru_dst_tabs.ics"]
    checked = run("check", str(poison), str(OTHER), env=env)
    assert checked.returncode == 1 and "ru_dst_tabs.txt:" in checked.stdout
    assert error_lines(checked) == [f"error: {poison}: internal error (KeyError: 'planted defect'); please report it"]


@pytest.mark.parametrize(
    ("option", "address"),
    [
        ("--to", "a@example.org (x\ny)"),  # a line break in a comment
        ("--cc", '"=?utf-8?q?x=0D=0ABcc:_x@evil.example?=" <c@example.org>'),  # an encoded CR LF in a display name
        ("--reply-to", "Secretariat\r\nBcc: x@evil.example <s@example.org>"),
        ("--from", '"=?utf-8?b?eA1CY2M6IHhAZXZpbC5leGFtcGxl?=" <s@example.org>'),  # the same in base64, CR alone
    ],
)
def test_a_line_break_in_an_address_in_any_form_is_a_usage_error_and_never_a_bcc(tmp_path, option, address):
    result = run("convert", str(INPUT), "-f", "eml", "-o", str(tmp_path / "out"), option, address)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {option}: line break or control character in email address ")
    assert not (tmp_path / "out").exists()


