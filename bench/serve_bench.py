"""Requests per second of the feed server: the combined calendar, and 304 answers to conditional requests.

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
        [sys.executable, "-m", "schedule_export.cli", "serve", str(folder), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    line = process.stdout.readline().decode()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if match is None:
        process.kill()
        raise RuntimeError(f"the server did not start: {line!r}")
    return process, int(match[1])


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
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return {
        "documents": len(DOCUMENTS),
        "calendar_bytes": len(body),
        "clients": clients,
        "cpus": os.cpu_count(),
        "combined_calendar": combined,
        "not_modified_304": not_modified,
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
