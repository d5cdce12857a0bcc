"""Start the real `schedule-export serve` on a loopback port and talk to it over real sockets."""

from __future__ import annotations

import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "serve"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FIREARMS = "wg_firearms.txt"
FIREARMS_REVISED = "wg_firearms_rev1.txt"
FIREARMS_KEY = "ctoc-cop-wg-6-2027-09-14"  # the body (Working Group on Firearms) and the first day
TRAFFICKING_EXAMPLE = next(EXAMPLES.glob("000_*.txt"))
# UNCITRAL Working Group IV agenda A/CN.9/WG.IV/WP.192: English, its reissued Rev.1*, French, and HTML of the English
WP192 = "wp192.txt"
WP192_REV1 = "wp192_rev1.txt"
WP192_FR = "wp192_fr.txt"
WP192_HTML = "wp192.html"
WP192_CORR1 = "wp192_corr1.txt"  # replaces only the annex: Tuesday afternoon at 3 p.m.
WP192_KEY = "a-cn-9-wg-iv-2027-04-12"  # the body (its symbol stem) and the first day


class RunningServer:
    """`schedule-export serve DIR --port 0` in a subprocess; the address is read from its first line.

    The folder is read in the background: unless ``wait_for_scan`` is False, entering waits for the line
    the server prints once the first scan is complete, so tests start from the folder as it was written.
    """

    def __init__(
        self, folder: Path, *extra: str, scan_interval: float = 0.0, settle: float = 0.0, wait_for_scan: bool = True,
    ) -> None:
        self.folder = folder
        # no settle time unless a test asks for one: tests write whole files at once
        self.args = [sys.executable, "-m", "schedule_export.cli", "serve", str(folder), "--port", "0",
                     "--scan-interval", str(scan_interval), "--settle", str(settle), *extra]
        self.wait_for_scan = wait_for_scan
        self.process: subprocess.Popen | None = None
        self.url = ""

    def _line(self, what: str, timeout: float = 60) -> str:
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=timeout):
            self.__exit__(None, None, None)
            raise RuntimeError(f"the server did not {what} within {timeout:g} s")
        return self.process.stdout.readline().decode()

    def __enter__(self) -> RunningServer:
        self.process = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
        line = self._line("start")
        match = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        if match is None:
            self.__exit__(None, None, None)
            raise RuntimeError(f"unexpected first line {line!r}: {self.process.stderr.read().decode()}")
        self.url = match[1]
        if self.wait_for_scan:
            self.wait_for_first_scan()
        return self

    def wait_for_first_scan(self) -> str:
        """The line saying the folder has been read (``published N meeting(s) from DIR``)."""
        line = self._line("finish reading the folder", timeout=120)
        if not line.startswith("published "):
            self.__exit__(None, None, None)
            raise RuntimeError(f"unexpected line {line!r}: {self.stderr}")
        return line

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr = self.process.stderr.read().decode() if self.process else ""


def raw_get(port: int, target: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    """Send the request target exactly as given (no client-side normalisation of ../ or %2e)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status_line, _, rest = data.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "schedule_export.cli", *args], capture_output=True, text=True, timeout=300)


def folder_with(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "agendas"
    folder.mkdir()
    for name in names:
        source = FIXTURES / name if (FIXTURES / name).exists() else EXAMPLES / name
        shutil.copy(source, folder / name)
    return folder


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
