"""Requests per second of the feed server: the combined calendar, and 304 answers to conditional requests;
then the first answer after a first start and a restart over 1,000 meetings, and the first complete all.ics.

Starts the real `schedule-export serve` (uvicorn) on a loopback port over a
copy of the example documents, then loads it from separate client processes,
each with one keep-alive connection and a bounded number of requests and
time. Run it as a script or call ``run()``.

    python bench/serve_bench.py [--clients 2] [--requests 4000] [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "serve").glob("wg_firearms.txt"))


def _client(port: int, path: str, etag: str | None, requests: int, seconds: float, ready, results) -> None:
    """One client process: warm up, wait for the others, then request until the count or the time is reached."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"If-None-Match": etag} if etag else {}
    expected = 304 if etag else 200
    connection.request("GET", path, headers=headers)
    connection.getresponse().read()
    ready.wait()
    done, failures = 0, 0
    started = time.perf_counter()
    deadline = started + seconds
    while done < requests and time.perf_counter() < deadline:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != expected:
            failures += 1
        done += 1
    results.put((done, failures, time.perf_counter() - started))
    connection.close()


def _load(port: int, path: str, etag: str | None, clients: int, requests: int, seconds: float) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(clients + 1)
    results = context.Queue()
    workers = [
        context.Process(target=_client, args=(port, path, etag, requests, seconds, ready, results)) for _ in range(clients)
    ]
    for worker in workers:
        worker.start()
    ready.wait()
    outcomes = [results.get(timeout=seconds + 60) for _ in workers]
    for worker in workers:
        worker.join()
    total = sum(done for done, _, _ in outcomes)
    failures = sum(failed for _, failed, _ in outcomes)
    elapsed = max(spent for _, _, spent in outcomes)
    return {"requests": total, "failures": failures, "seconds": round(elapsed, 3), "requests_per_second": round(total / elapsed, 1)}


def _start_server(folder: Path) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "schedule_export.cli", "serve", str(folder), "--port", "0", "--settle", "0"],  # files just copied are final
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    line = process.stdout.readline().decode()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if match is None:
        process.kill()
        raise RuntimeError(f"the server did not start: {line!r}")
    return process, int(match[1])


# The anchor: a minimal Starlette app on uvicorn, configured as ours, answering the same bytes with an ETag.
_ANCHOR_APP = r"""
import socket, sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

body = open(sys.argv[1], "rb").read()
etag = '"anchor"'

async def calendar(request):
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="text/calendar; charset=utf-8", headers={"ETag": etag})

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY, as ours (serve/app.py bind)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind(("127.0.0.1", 0))
sock.listen(2048)
print(f"http://127.0.0.1:{sock.getsockname()[1]}/", flush=True)
config = uvicorn.Config(Starlette(routes=[Route("/all.ics", calendar)]), log_level="warning", access_log=False,
                        server_header=False, lifespan="off")
uvicorn.Server(config).run(sockets=[sock])
"""


def _anchor(body: bytes, clients: int, requests: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="serve-anchor-") as temp:
        path = Path(temp) / "all.ics"
        path.write_bytes(body)
        process = subprocess.Popen([sys.executable, "-c", _ANCHOR_APP, str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            port = int(re.search(r":(\d+)/", process.stdout.readline().decode())[1])
            for _ in range(100):  # listening once uvicorn has started
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=5).request("GET", "/all.ics")
                    break
                except OSError:
                    time.sleep(0.05)
            return {
                "combined_calendar": _load(port, "/all.ics", None, clients, requests, seconds),
                "not_modified_304": _load(port, "/all.ics", '"anchor"', clients, requests, seconds),
            }
        finally:
            _stop(process, 10)


def _stop(process: subprocess.Popen, timeout: float) -> None:
    """Stop a server as Ctrl-C would, killing it if it does not end in ``timeout`` seconds."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


def _restart_folder(folder: Path, count: int) -> None:
    """``count`` documents of distinct meetings: the examples in turn, their years moved one by one."""
    examples = sorted((ROOT / "examples").glob("*.txt"))
    for n in range(count):
        source = examples[n % len(examples)]
        shift = n // len(examples) - 100  # 1900-2200 can be scheduled
        text = re.sub(r"\b(20[0-3]\d)\b", lambda m: str(int(m.group(1)) + shift), source.read_text(encoding="utf-8"))
        (folder / f"{n:04d}-{source.name}").write_text(text, encoding="utf-8")


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far: unlike wall time, not inflated by a busy machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # not Linux
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _first_answer(command: list[str]) -> tuple[float, float, int, float | None]:
    """Seconds from starting the process to its first answer (`/`), and to the first complete `all.ics`
    (a 503 "still reading" is asked again, as a client would), with the number of events in it and the
    CPU seconds the server had used by then."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        port = int(re.search(r":(\d+)/", process.stdout.readline().decode())[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        connection.request("GET", "/")
        connection.getresponse().read()
        first = time.perf_counter() - started
        while True:
            connection.request("GET", "/all.ics")
            response = connection.getresponse()
            body = response.read()
            if response.status != 503:
                break
            time.sleep(0.05)
        return first, time.perf_counter() - started, body.count(b"BEGIN:VEVENT"), _cpu_seconds(process.pid)
    finally:
        _stop(process, 30)


def restart(count: int = 1000) -> dict:
    """Start and restart of `serve` over ``count`` meetings, beside starting the minimal Starlette app."""
    with tempfile.TemporaryDirectory(prefix="serve-restart-") as temp:
        folder = Path(temp) / "agendas"
        folder.mkdir()
        _restart_folder(folder, count)
        # a fixed public address, as a server behind a proxy has: calendars name it, and each run gets another port
        command = [sys.executable, "-m", "schedule_export.cli", "serve", str(folder), "--port", "0", "--settle", "0",
                   "--base-url", "https://calendars.example.org"]
        cold, cold_calendar, cold_events, cold_cpu = _first_answer(command)  # no history yet: every document read and recorded
        warm, warm_calendar, warm_events, warm_cpu = _first_answer(command)  # a restart
        (Path(temp) / "all.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        anchor, _, _, anchor_cpu = _first_answer([sys.executable, "-c", _ANCHOR_APP, str(Path(temp) / "all.ics")])
    return {
        "meetings": count,
        "first_start_first_answer_s": round(cold, 2),
        "first_start_complete_all_ics_s": round(cold_calendar, 2),  # from the start of the process
        "restart_first_answer_s": round(warm, 2),
        "restart_complete_all_ics_s": round(warm_calendar, 2),
        "all_ics_events": [cold_events, warm_events],  # the same: never a calendar with part of the meetings
        # CPU seconds of the server process up to the complete all.ics, and of the anchor up to its first answer
        "first_start_cpu_s": cold_cpu and round(cold_cpu, 2),
        "restart_cpu_s": warm_cpu and round(warm_cpu, 2),
        "anchor_cpu_s": anchor_cpu and round(anchor_cpu, 2),
        "anchor_minimal_starlette_first_answer_s": round(anchor, 3),
        "first_start_ratio_to_anchor": round(cold / anchor, 1),
        "restart_ratio_to_anchor": round(warm / anchor, 1),
    }


def run(clients: int = 2, requests: int = 4000, seconds: float = 10.0) -> dict:
    """Load the combined calendar (200 with body) and the same request made conditional (304)."""
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as temp:
        folder = Path(temp) / "agendas"
        folder.mkdir()
        for document in DOCUMENTS:
            shutil.copy(document, folder / document.name)
        process, port = _start_server(folder)
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            probe.request("GET", "/all.ics")
            response = probe.getresponse()
            body = response.read()
            etag = response.getheader("ETag")
            probe.close()
            combined = _load(port, "/all.ics", None, clients, requests, seconds)
            not_modified = _load(port, "/all.ics", etag, clients, requests, seconds)
        finally:
            _stop(process, 10)
    anchor = _anchor(body, clients, requests, seconds)
    return {
        "documents": len(DOCUMENTS),
        "calendar_bytes": len(body),
        "clients": clients,
        "cpus": os.cpu_count(),
        "combined_calendar": combined,
        "not_modified_304": not_modified,
        "anchor_minimal_starlette": anchor,
        "ratio_combined_to_anchor": round(combined["requests_per_second"] / anchor["combined_calendar"]["requests_per_second"], 2),
        "ratio_304_to_anchor": round(not_modified["requests_per_second"] / anchor["not_modified_304"]["requests_per_second"], 2),
        "restart": restart(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--requests", type=int, default=4000, help="per client")
    parser.add_argument("--seconds", type=float, default=10.0, help="per load, at most")
    args = parser.parse_args()
    print(json.dumps(run(args.clients, args.requests, args.seconds), indent=2))


if __name__ == "__main__":
    main()
