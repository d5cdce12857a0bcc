"""The delegate programme as PDF: WeasyPrint prints the HTML page; the text read back must hold the whole programme."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.programme_meetings import HAND_BUILT, dst_crossing, english_parallel_bodies, french_working_group, long_meeting, many_scripts, without_timetable
from schedule_export.model import Meeting
from schedule_export.pipeline import load_meeting
from schedule_export.render import RenderOptions, get_exporter
from schedule_export.render.pdf import render_pdf
from schedule_export.render.view import build_view
from .conftest import in_order

pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF back (pip install -e '.[test]')")

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
A4_POINTS = (595.3, 841.9)
LETTER_POINTS = (612.0, 792.0)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pages_of(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [flat(page.extract_text() or "") for page in reader.pages]


def page_holding(pages: list[str], text: str) -> int:
    found = [number for number, page in enumerate(pages) if text in page]
    assert found, f"{text!r} is on no page"
    return found[0]


def expected_sequence(meeting: Meeting, options: RenderOptions) -> list[str]:
    view = build_view(meeting, options)
    pieces = [view.title]
    for day in view.days:
        pieces.append(day.label)
        # bodies meeting in parallel are printed side by side: each row's time, then each body's meeting
        rows = [(slot.time_label, [c for c in slot.cells if c]) for slot in day.slots] or [(s.time_label, [s]) for s in day.sessions]
        for time_label, sessions in rows:
            pieces.append(time_label)
            for session in sessions:
                for item in session.items:
                    pieces += [item.label, item.title] + [d.symbol for d in item.documents]
    return pieces


@pytest.mark.parametrize("name", sorted(HAND_BUILT))
def test_pdf_text_holds_every_meeting_and_item_in_order(name: str) -> None:
    meeting = HAND_BUILT[name]()
    options = RenderOptions(display_tz="America/New_York")
    pdf = render_pdf(meeting, options)
    assert pdf.startswith(b"%PDF-")
    pages = pages_of(pdf)
    assert len(pages) == 1, f"{name}: a short programme fits on one page, got {len(pages)}"
    assert in_order(" ".join(pages), expected_sequence(meeting, options)), name


EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_pdf_holds_its_meetings_and_items_in_order(path: Path) -> None:
    meeting = load_meeting(path)
    options = RenderOptions()
    pages = pages_of(render_pdf(meeting, options))
    assert len(pages) == 1, f"{path.name}: two or three days of meetings fit on one page"
    text = " ".join(pages)
    view = build_view(meeting, options)
    assert in_order(text, expected_sequence(meeting, options))
    if meeting.sessions:
        assert all(f"{view.local_time_label}, {day.utc_offset}" in text for day in view.days)
    else:
        assert text.count(view.label("schedule_tbc")) == 1 + len(meeting.days)
    assert view.label("page_of").format(page=1, pages=1) in text


def test_french_pdf_is_in_french_with_vienna_and_new_york_times() -> None:
    text = " ".join(pages_of(render_pdf(french_working_group(), RenderOptions(display_tz="America/New_York"))))
    for words in ("Lundi 9 septembre 2019", "heure de Vienne, UTC+2", "10 heures-13 heures", "15 heures-18 heures",
                  "4 heures-7 heures (UTC-4)", "9 heures-midi (UTC-4)", "(suite)", "Page 1 sur 1"):
        assert words in text, words


def test_pdf_across_a_daylight_saving_change_keeps_utc_right() -> None:
    text = " ".join(pages_of(render_pdf(dst_crossing(), RenderOptions(display_tz="America/New_York"))))
    assert in_order(text, ["Friday, 25 October 2019", "UTC+2", "10 a.m.–1 p.m.", "4–7 a.m. (UTC-4)",
                           "Monday, 28 October 2019", "UTC+1", "10 a.m.–1 p.m.", "5–8 a.m. (UTC-4)"])


def test_pdf_without_timetable_says_schedule_to_be_confirmed() -> None:
    meeting = without_timetable()
    text = " ".join(pages_of(render_pdf(meeting, RenderOptions())))
    assert text.count("Programme à confirmer") == 1 + len(meeting.days)
    assert "Date limite d'inscription" in text and "Vendredi 15 janvier 2010" in text


def test_long_programme_runs_over_pages_without_splitting_a_day() -> None:
    meeting = long_meeting(days=5)
    view = build_view(meeting)
    pages = pages_of(render_pdf(meeting, RenderOptions()))
    assert 3 <= len(pages) <= 8, f"{len(pages)} pages for five full days"
    assert in_order(" ".join(pages), expected_sequence(meeting, RenderOptions()))
    for day in view.days:
        page = page_holding(pages, day.label)
        for session in day.sessions:
            for item in session.items:
                assert item.title in pages[page], f"{item.title!r} is not on the page of {day.label}"
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        if number > 1:
            # the running header (meeting, then the day under way) is drawn after the page's content, so it is read last
            first_day_on_page = next(day.label for day in view.days if day.label in page)
            assert page.endswith(f"{view.heading} {first_day_on_page} Page {number} of {len(pages)}"), page[-200:]
        assert pages[0].count(view.heading) == 0, "the first page has the title block, not a running header"


def test_a_day_too_long_for_one_page_keeps_its_heading_with_its_first_meeting() -> None:
    meeting = long_meeting(days=1, sessions_per_day=9, items_per_session=3)
    view = build_view(meeting)
    pages = pages_of(render_pdf(meeting, RenderOptions()))
    assert len(pages) >= 2
    day = view.days[0]
    heading_page = page_holding(pages, day.label)
    assert heading_page == 0, "a day that fits on no page starts right away instead of leaving the first page empty"
    assert page_holding(pages, day.sessions[0].items[0].title) == heading_page
    for number, page in enumerate(pages[1:], start=2):
        assert f"{view.heading} {day.label} Page {number} of {len(pages)}" in page, "a day running over pages is named on each"


def test_paper_size_a4_and_letter() -> None:
    for paper, (width, height) in (("A4", A4_POINTS), ("Letter", LETTER_POINTS)):
        reader = pypdf.PdfReader(io.BytesIO(render_pdf(french_working_group(), RenderOptions(paper=paper))))
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - width) < 1 and abs(float(box.height) - height) < 1, paper


def test_fonts_cover_latin_cyrillic_arabic_and_chinese() -> None:
    meeting = many_scripts()
    pdf = render_pdf(meeting, RenderOptions())
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    joined = " ".join(sorted(fonts))
    assert "Arabic" in joined or "Naskh" in joined or "Kufi" in joined, joined
    assert "CJK" in joined, joined
    text = " ".join(pages_of(pdf))
    assert "Открытие сессии" in text and "会议开幕" in text


def test_pdf_metadata_names_the_meeting_and_is_reproducible() -> None:
    meeting = english_parallel_bodies()
    first, second = render_pdf(meeting), render_pdf(meeting)
    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    assert reader.metadata.title == build_view(meeting).heading
    assert "https://documents.un.org/api/symbol/access?s=CAC/COSP/IRG/2024/2&l=en&t=pdf" in [
        annotation.get_object()["/A"]["/URI"] for annotation in reader.pages[0].get("/Annots", [])
        if annotation.get_object().get("/A", {}).get("/URI")
    ]


def test_pdf_exporter_is_registered() -> None:
    exporter = get_exporter("pdf")
    assert exporter.extension == "pdf" and exporter.content_type == "application/pdf"
    assert exporter.render(french_working_group(), RenderOptions()).startswith(b"%PDF-")


@pytest.mark.parametrize("name", ["french_working_group", "english_parallel_bodies", "without_timetable"])
def test_first_page_turns_into_a_picture(name: str, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(render_pdf(HAND_BUILT[name](), RenderOptions(display_tz="America/New_York")))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = ARTIFACTS / f"pdf-{name}"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(source), str(prefix)], check=True, timeout=60)
    picture = prefix.with_suffix(".png")
    assert picture.stat().st_size > 5000
    with picture.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_the_printed_qr_code_scans_to_the_subscribe_link(tmp_path: Path) -> None:
    """Read with a real barcode reader from the PDF page as printed (pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp reads the QR code back")
    from PIL import Image

    meeting = english_parallel_bodies()
    (tmp_path / "programme.pdf").write_bytes(render_pdf(meeting, RenderOptions(base_url="https://calendars.example.org/un")))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "programme.pdf"), str(tmp_path / "page")], check=True)
    found = [code.text for code in zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))]
    assert found == [f"webcal://calendars.example.org/un/meetings/{meeting.key}.ics"]


def test_the_pdf_is_tagged_for_screen_readers() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(load_meeting(ROOT / "tests" / "fixtures" / "en_parallel.html"))))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "en"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()  # declares PDF/UA-1
