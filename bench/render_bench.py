"""Benchmark (not a test): time to render one delegate programme to HTML and to PDF, per example document.

    python bench/render_bench.py [--repeat N]

Targets on one core: HTML under 20 ms and PDF under 1 s per document. Each
document is parsed once; rendering is timed after one warm-up render, which
is reported apart (first PDF pays for loading fonts). `bench/run.py` calls run().
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cpu import one_core  # noqa: E402  (this folder comes first on sys.path when run)
from schedule_export.pipeline import load_meeting  # noqa: E402
from schedule_export.render import RenderOptions  # noqa: E402
from schedule_export.render.html import render_html  # noqa: E402
from schedule_export.render.pdf import render_pdf  # noqa: E402

HTML_TARGET_MS = 20.0
PDF_TARGET_MS = 1000.0


def _timed_ms(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def run(repeat: int = 5) -> dict:
    with one_core():
        return _measure(repeat)


def _measure(repeat: int) -> dict:
    options = RenderOptions(display_tz="America/New_York")
    started = time.perf_counter()
    import weasyprint  # noqa: F401  (import cost is paid once per process, reported apart)

    import_ms = (time.perf_counter() - started) * 1000
    documents = {}
    first_pdf_ms = None
    for path in sorted((ROOT / "examples").glob("*.txt")):
        meeting = load_meeting(path)
        started = time.perf_counter()
        render_pdf(meeting, options)  # warm-up: templates, fonts, caches
        if first_pdf_ms is None:
            first_pdf_ms = (time.perf_counter() - started) * 1000
        html_ms = _timed_ms(lambda: render_html(meeting, options), max(repeat * 4, 20))
        pdf_ms = _timed_ms(lambda: render_pdf(meeting, options), repeat)
        documents[path.name] = {
            "html_ms_median": round(statistics.median(html_ms), 2),
            "html_ms_max": round(max(html_ms), 2),
            "pdf_ms_median": round(statistics.median(pdf_ms), 1),
            "pdf_ms_max": round(max(pdf_ms), 1),
        }
    worst_html = max(d["html_ms_median"] for d in documents.values())
    worst_pdf = max(d["pdf_ms_median"] for d in documents.values())
    return {
        "documents": documents,
        "weasyprint_import_ms": round(import_ms, 1),
        "first_pdf_ms_cold": round(first_pdf_ms or 0.0, 1),
        "worst_html_ms_median": worst_html,
        "worst_pdf_ms_median": worst_pdf,
        "html_within_target": worst_html < HTML_TARGET_MS,
        "pdf_within_target": worst_pdf < PDF_TARGET_MS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="PDF renders per document (HTML renders 4x as many)")
    args = parser.parse_args()
    print(json.dumps(run(args.repeat), indent=2))


if __name__ == "__main__":
    main()
