"""Benchmark (not a test): reading a 10-page PDF and a Word file, each beside an anchor.

    python bench/read_bench.py

- PDF: our reader (``read_document``, warm) against ``pdftotext -layout`` on the
  same file (poppler, the usual command-line conversion; its time includes
  starting the process, as a user would run it). Target: at most 3x.
  The same file is also read by the libraries we did not choose (pdfplumber,
  pypdf's layout mode), and pdfplumber's words are put through our layout to
  check that both libraries give the same blocks.
- Word: our reader against opening the same file with python-docx alone.

The documents are generated from the test builders (WeasyPrint for the PDF).
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schedule_export.read import read_document  # noqa: E402
from schedule_export.read import pdf as pdf_reader  # noqa: E402

RUNS = 7


def timed(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm: imports, caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def interleaved(first: Callable[[], object], second: Callable[[], object], runs: int = 11) -> tuple[float, float]:
    """Median times of two actions run turn about."""
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            action()
            bucket.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def ten_page_pdf(folder: Path) -> Path:
    import weasyprint

    from tests.word_builders import long_agenda_html

    path = folder / "ten_pages.pdf"
    for filler in range(8, 40, 2):
        weasyprint.HTML(string=long_agenda_html(filler_paragraphs=filler)).write_pdf(path)
        if pages(path) >= 10:
            return path
    return path


def pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def pdfplumber_blocks(path: Path) -> tuple:
    """Our layout over pdfplumber's words: the same geometry from the other library."""
    import pdfplumber

    lines_by_page = []
    with pdfplumber.open(path) as document:
        for index, page in enumerate(document.pages):
            # pdfplumber gives no baseline: the bottom of the word's box stands in for it
            words = [
                pdf_reader.Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["bottom"], w["size"])
                for w in page.extract_words(use_text_flow=True, extra_attrs=["size"])
            ]
            lines = pdf_reader.group_lines(words, index, page.height)
            for line in lines:
                pdf_reader.segment(line)
            lines_by_page.append(lines)
    bodies, _ = pdf_reader.split_furniture(lines_by_page)
    lines = [line for body in bodies for line in body]
    for number, line in enumerate(lines, start=1):
        line.number = number
    return tuple(pdf_reader.layout(lines))


def pdf_figures(path: Path) -> dict[str, float | int | bool | str]:
    result: dict[str, float | int | bool | str] = {"pages": pages(path)}
    if shutil.which("pdftotext"):
        # interleaved, so that a busy machine slows both alike
        ours, anchor = interleaved(lambda: read_document(path),
                                   lambda: subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True))
        result["read_pdf_s"] = round(ours, 4)
        result["pdftotext_layout_s"] = round(anchor, 4)
        result["ratio_to_pdftotext"] = round(ours / anchor, 2)
    else:
        result["read_pdf_s"] = round(timed(lambda: read_document(path)), 4)
        result["pdftotext_layout_s"] = "pdftotext not installed"
    if importlib.util.find_spec("pdfplumber"):
        result["pdfplumber_words_and_layout_s"] = round(timed(lambda: pdfplumber_blocks(path), runs=3), 4)
        result["pdfplumber_same_blocks"] = pdfplumber_blocks(path) == read_document(path).blocks
    else:
        result["pdfplumber_words_and_layout_s"] = "pdfplumber not installed"
    try:
        from pypdf import PdfReader

        def pypdf_layout() -> None:
            reader = PdfReader(str(path))
            for page in reader.pages:
                page.extract_text(extraction_mode="layout")

        result["pypdf_layout_text_only_s"] = round(timed(pypdf_layout, runs=3), 4)
    except ImportError:
        pass
    return result


def docx_figures(folder: Path) -> dict[str, float]:
    import docx

    from tests.word_builders import build_agenda_docx

    path = build_agenda_docx(folder / "agenda.docx")
    data = path.read_bytes()
    ours, anchor = interleaved(lambda: read_document(path), lambda: docx.Document(io.BytesIO(data)))
    return {"read_docx_s": round(ours, 4), "python_docx_open_s": round(anchor, 4), "ratio_to_python_docx_open": round(ours / anchor, 2)}


def run() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        path = ten_page_pdf(Path(folder))
        return {"pdf": pdf_figures(path), "docx": docx_figures(Path(folder))}


def main() -> None:
    result = run()
    pdf, word = result["pdf"], result["docx"]
    print(f"PDF, {pdf['pages']} pages: read {pdf['read_pdf_s']} s beside pdftotext -layout {pdf['pdftotext_layout_s']} s "
          f"(ratio {pdf.get('ratio_to_pdftotext', '-')}; target <= 3)")
    print(f"  pdfplumber words through the same layout: {pdf.get('pdfplumber_words_and_layout_s')} s, same blocks: {pdf.get('pdfplumber_same_blocks')}")
    print(f"  pypdf layout text alone (no cells): {pdf.get('pypdf_layout_text_only_s')} s")
    print(f"Word: read {word['read_docx_s']} s beside python-docx opening the file {word['python_docx_open_s']} s (ratio {word['ratio_to_python_docx_open']})")


if __name__ == "__main__":
    main()
