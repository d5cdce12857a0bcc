"""Benchmarks (not tests): conversion throughput and start-up time.

    python bench/run.py [--documents N]

Generates a corpus from examples/ (each example copied with its meeting moved
to other years, so no two documents are identical), converts it to ICS and
JSON on one core, and times `schedule-export --help` in fresh processes.
Other benchmark modules in bench/ exposing run() -> dict are run as well.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schedule_export.read import read_bytes  # noqa: E402
from schedule_export.parse import parse_document  # noqa: E402
from schedule_export.render import RenderOptions, get_exporter  # noqa: E402


def corpus(count: int) -> list[tuple[str, bytes]]:
    examples = sorted((ROOT / "examples").iterdir())
    documents = []
    for n in range(count):
        source = examples[n % len(examples)]
        shift = n // len(examples)
        text = re.sub(r"\b(20[0-2]\d)\b", lambda m: str(int(m.group(1)) + shift % 5), source.read_text(encoding="utf-8"))
        documents.append((f"{source.stem}-{n}.txt", text.encode("utf-8")))
    return documents


def throughput(count: int) -> dict[str, float]:
    documents = corpus(count)
    ics, json_ = get_exporter("ics"), get_exporter("json")
    options = RenderOptions()
    for name, data in documents[:8]:  # warm caches (packs, grammars, imports)
        meeting = parse_document(read_bytes(data, name))
        ics.render(meeting, options)
    started = time.perf_counter()
    for name, data in documents:
        meeting = parse_document(read_bytes(data, name))
        ics.render(meeting, options)
        json_.render(meeting, options)
    elapsed = time.perf_counter() - started
    return {"documents": count, "seconds": round(elapsed, 3), "documents_per_second": round(count / elapsed, 1)}


def startup(runs: int = 7) -> dict[str, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "schedule_export.cli", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return {"median_seconds": round(statistics.median(times), 3), "min_seconds": round(min(times), 3)}


def other_benchmarks() -> dict[str, dict]:
    results = {}
    for path in sorted(Path(__file__).parent.glob("*_bench.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        if hasattr(module, "run"):
            results[path.stem] = module.run()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--only-core", action="store_true", help="skip the other bench/*_bench.py modules")
    args = parser.parse_args()
    result = throughput(args.documents)
    print(f"convert ics+json: {result['documents_per_second']} documents/s ({result['documents']} documents in {result['seconds']} s; target >= 300)")
    start = startup()
    print(f"start-up `schedule-export --help`: median {start['median_seconds']} s (target < 0.3 s)")
    if not args.only_core:
        for name, values in other_benchmarks().items():
            print(f"{name}: {values}")


if __name__ == "__main__":
    main()
