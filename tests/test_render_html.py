"""The delegate programme as HTML: content, languages, time zones, escaping, self-containment, real Chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.programme_meetings import HAND_BUILT, dst_crossing, english_parallel_bodies, french_working_group, hostile_text, spanish_meeting, without_timetable
from schedule_export.errors import UsageError
from schedule_export.pipeline import load_meeting
from schedule_export.model import Meeting
from schedule_export.render import RenderOptions, exporter_names, get_exporter
from schedule_export.render.html import render_html
from schedule_export.render.templating import environment
from schedule_export.render.view import build_view
from .conftest import in_order

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


class Page(HTMLParser):
    """The parts of a page the tests look at: tags with attributes, and the visible text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._text: list[str] = []
        self._in_style = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self._text.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self._text)).strip()

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def sessions_on(page: Page) -> int:
    """Meetings printed: rows of a single body's table, cells of side-by-side bodies."""
    return sum(1 for _, attrs in page.tags if "session" in (attrs.get("class") or "").split())


def page_of(meeting: Meeting, **options: object) -> tuple[str, Page]:
    markup = render_html(meeting, RenderOptions(**options))  # type: ignore[arg-type]
    return markup, Page(markup)


@pytest.mark.parametrize("name", sorted(HAND_BUILT))
def test_every_meeting_and_item_is_on_the_page_in_order(name: str) -> None:
    meeting = HAND_BUILT[name]()
    view = build_view(meeting)
    _, page = page_of(meeting)
    expected: list[str] = [meeting.title]
    for day in view.days:
        expected.append(day.label)
        if view.bodies:  # side by side: the time once per row, then each body's meeting in its column
            for slot in day.slots:
                expected.append(slot.time_label)
                for session in (cell for cell in slot.cells if cell):
                    expected.append(session.body)
                    for item in session.items:
                        expected += [item.label, item.title] + [d.symbol for d in item.documents]
            continue
        for session in day.sessions:
            expected.append(session.time_label)
            for item in session.items:
                expected += [item.label, item.title] + [d.symbol for d in item.documents]
    assert in_order(page.text, expected), f"{name}: programme text out of order or incomplete"
    assert sessions_on(page) == len(meeting.sessions)


EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_prints_all_its_meetings_and_items(path: Path) -> None:
    meeting = load_meeting(path)
    view = build_view(meeting)
    markup, page = page_of(meeting, display_tz="America/New_York")
    expected = [meeting.title]
    for day in view.days or view.meeting_days:
        expected.append(day.label)
        for session in day.sessions:
            expected += [session.time_label, session.other_time_range or ""]
            for item in session.items:
                expected += [item.label, item.title] + [d.symbol for d in item.documents]
    assert in_order(page.text, expected)
    assert sessions_on(page) == len(meeting.sessions)
    stamps = [datetime.fromisoformat(attrs["datetime"] or "") for attrs in page.all("time") if "T" in (attrs.get("datetime") or "")]
    assert stamps == [s.start for s in sorted(meeting.sessions, key=lambda s: s.start)]
    for finding in meeting.findings:
        assert finding.message not in page.text
    if not meeting.sessions:
        assert view.label("schedule_tbc") in page.text


def test_example_times_are_vienna_summer_time() -> None:
    meeting = load_meeting(ROOT / "examples" / "000_13687f6d581ac513.txt")
    _, page = page_of(meeting)
    stamps = [attrs["datetime"] for attrs in page.all("time") if "T" in (attrs.get("datetime") or "")]
    utc = [datetime.fromisoformat(s or "").astimezone(timezone.utc).strftime("%d %H:%M") for s in stamps]
    assert utc == ["09 08:00", "09 13:00", "10 08:00", "10 13:00", "11 08:00"]
    assert "Lundi 9 septembre 2019" in page.text and "10 heures-13 heures" in page.text and "heure de Vienne, UTC+2" in page.text


def test_a_reference_that_is_no_document_symbol_gets_no_link() -> None:
    meeting = load_meeting(ROOT / "examples" / "003_eb1dc6666d540682.txt")
    _, page = page_of(meeting)
    assert meeting.symbol and meeting.symbol in page.text
    assert all(meeting.symbol not in (attrs.get("href") or "") for attrs in page.all("a"))


def test_convert_command_writes_html_and_pdf_for_every_example(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [sys.executable, "-m", "schedule_export.cli", "convert", *map(str, EXAMPLES), "-f", "html", "-f", "pdf", "-o", str(tmp_path),
         "--display-tz", "America/New_York", "--paper", "Letter"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p.stem}.{ext}" for p in EXAMPLES for ext in ("html", "pdf"))
    page = Page((tmp_path / "000_13687f6d581ac513.html").read_text(encoding="utf-8"))
    assert "heure de New York" in page.text and "4 heures-7 heures" in page.text
    assert (tmp_path / "000_13687f6d581ac513.pdf").read_bytes().startswith(b"%PDF-")


def test_convert_command_with_a_bad_input_writes_no_programme(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "schedule_export.cli", "convert", str(tmp_path / "empty.txt"), "-f", "html", "-f", "pdf", "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'empty.txt'}: is empty"]
    assert not out.exists() or list(out.iterdir()) == []


def test_session_times_on_the_page_are_the_right_utc_instants() -> None:
    meeting = french_working_group()
    _, page = page_of(meeting)
    stamps = [attrs["datetime"] for attrs in page.all("time") if attrs.get("datetime") and "T" in (attrs["datetime"] or "")]
    shown = [datetime.fromisoformat(stamp).astimezone(timezone.utc) for stamp in stamps]
    # 10:00 and 15:00 in Vienna summer time (UTC+2) are 08:00 and 13:00 UTC
    assert shown == [datetime(2019, 9, d, h, tzinfo=timezone.utc) for d, h in ((9, 8), (9, 13), (10, 8), (10, 13), (11, 8))]


def test_french_programme_speaks_french() -> None:
    markup, page = page_of(french_working_group())
    assert page.all("html")[0]["lang"] == "fr"
    for words in ("Lundi 9 septembre 2019", "Mardi 10 septembre 2019", "10 heures-13 heures", "15 heures-18 heures",
                  "heure de Vienne, UTC+2", "Vienne, 9-11 septembre 2019", "9e réunion", "(suite)", "Cote", "Page "):
        assert words in page.text or words in markup, words
    assert '"Page " counter(page) " sur " counter(pages)' in markup


def test_english_and_spanish_programmes_use_their_own_words() -> None:
    _, english = page_of(english_parallel_bodies())
    for words in ("Monday, 3 June 2024", "10 a.m.–1 p.m.", "3–6 p.m.", "10 a.m.–12.30 p.m.", "Vienna time, UTC+2", "15th meeting",
                  "(continued)", "Hybrid meeting (in person and online)"):
        assert words in english.text, words
    assert english.all("html")[0]["lang"] == "en"
    _, spanish = page_of(spanish_meeting())
    for words in ("Lunes 22 de mayo de 2023", "10.00 a 13.00 horas", "15.00 a 18.00 horas", "hora de Viena, UTC+2", "32.ª reunión"):
        assert words in spanish.text, words
    assert spanish.all("html")[0]["lang"] == "es"


def test_lang_option_switches_labels_and_marks_the_documents_own_text() -> None:
    _, page = page_of(french_working_group(), language="en")
    assert page.all("html")[0]["lang"] == "en"
    assert "Monday, 9 September 2019" in page.text and "Vienna time, UTC+2" in page.text and "(continued)" in page.text
    assert "Lundi" not in page.text
    titles = [attrs for attrs in page.all("span") if attrs.get("class") == "item-title"]
    assert titles and all(attrs.get("lang") == "fr" for attrs in titles)


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        render_html(french_working_group(), RenderOptions(language="xx"))


def test_parallel_bodies_are_side_by_side_in_columns_like_the_annex() -> None:
    meeting = english_parallel_bodies()
    markup, page = page_of(meeting)
    headers = [attrs for attrs in page.all("th") if attrs.get("scope") == "col" and attrs.get("class") == "col-body-items"]
    assert len(headers) == 2 * len(build_view(meeting).days)
    assert in_order(page.text, ["Time", "Implementation Review Group", "Working Group on Prevention", "10 a.m.–1 p.m."])
    # one row per time range: the 10 a.m. meetings of both bodies share a row, each in its body's column
    rows = re.findall(r'<tr class="slot">(.*?)</tr>', markup, flags=re.S)
    assert len(rows) == 3
    cells = re.findall(r'<td class="(session items|no-session)"(?: id="[^"]*" data-body="([^"]*)")?', rows[0])
    assert [body for _, body in cells] == ["Implementation Review Group", "Working Group on Prevention"]
    last = re.findall(r'<td class="(session items|no-session)"', rows[2])
    assert last == ["session items", "no-session"]  # Tuesday: only the Group meets, the other column stays empty


def test_single_body_has_no_body_column() -> None:
    markup, _ = page_of(french_working_group())
    assert "col-body" not in markup.split("</style>")[1]


def test_display_zone_is_right_on_both_sides_of_a_daylight_saving_change() -> None:
    """Vienna leaves summer time on 27 October 2019, New York only on 3 November."""
    meeting = dst_crossing()
    view = build_view(meeting, RenderOptions(display_tz="America/New_York"))
    friday, monday = (s for day in view.days for s in day.sessions)
    assert friday.start.astimezone(timezone.utc) == datetime(2019, 10, 25, 8, tzinfo=timezone.utc)
    assert monday.start.astimezone(timezone.utc) == datetime(2019, 10, 28, 9, tzinfo=timezone.utc)
    assert [day.utc_offset for day in view.days] == ["UTC+2", "UTC+1"]
    assert friday.other_time_label == "4–7 a.m. (UTC-4)"
    assert monday.other_time_label == "5–8 a.m. (UTC-4)"
    _, page = page_of(meeting, display_tz="America/New_York")
    assert "New York time 4–7 a.m. (UTC-4)" in page.text
    assert "New York time 5–8 a.m. (UTC-4)" in page.text
    assert "Vienna time, UTC+2" in page.text and "Vienna time, UTC+1" in page.text


def test_display_zone_ahead_of_vienna_shows_its_own_date_when_it_changes() -> None:
    _, page = page_of(french_working_group(), display_tz="Pacific/Kiritimati")
    # 15:00 in Vienna on 9 September is 03:00 on 10 September on Kiritimati (UTC+14)
    assert "heure de Kiritimati Mardi 10 septembre 2019, 3 heures-6 heures (UTC+14)" in page.text


def test_unknown_display_zone_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        render_html(french_working_group(), RenderOptions(display_tz="Mars/Olympus"))


def test_document_without_timetable_prints_days_and_deadlines_as_to_be_confirmed() -> None:
    meeting = without_timetable()
    assert meeting.sessions == ()
    _, page = page_of(meeting)
    assert page.text.count("Programme à confirmer") == 1 + len(meeting.days)
    assert in_order(page.text, ["Mercredi 27 janvier 2010", "Jeudi 28 janvier 2010", "Vendredi 29 janvier 2010"])
    assert "Vendredi 15 janvier 2010" in page.text and "Date limite d'inscription" in page.text
    assert all(topic in page.text for topic in meeting.topics)
    assert not any(attrs.get("class") == "session" for attrs in page.all("tr"))


def test_findings_are_not_printed() -> None:
    from schedule_export.model import Finding

    meeting = french_working_group().model_copy(update={"findings": (Finding(source="x.txt", line=3, message="ambiguous hour SECRET-WARNING"),)})
    assert "SECRET-WARNING" not in render_html(meeting)


def test_document_text_is_escaped_never_markup() -> None:
    meeting = hostile_text()
    markup, page = page_of(meeting)
    assert not page.all("script") and not page.all("img") and not page.all("marquee") and not page.all("u") and not page.all("i")
    assert page.all("b") == []
    assert "&lt;script&gt;" in markup
    for text in (meeting.title, meeting.parent_body, "<marquee>note</marquee>", "<u>Body</u>", "<i>Item</i> & more", 'X/"Y"&<Z>'):
        assert text in page.text, text
    # the running header takes the title from an attribute, not from CSS text
    style = markup.split("<style>")[1].split("</style>")[0]
    assert "script" not in style and "Vienna</style>" not in markup
    links = [attrs["href"] for attrs in page.all("a")]
    assert "https://documents.un.org/api/symbol/access?s=X/%22Y%22%26%3CZ%3E&l=en&t=pdf" in links


def test_page_is_self_contained() -> None:
    for name, build in HAND_BUILT.items():
        markup, page = page_of(build(), display_tz="America/New_York")
        assert not page.all("script") and not page.all("link") and not page.all("img") and not page.all("iframe"), name
        assert not any("src" in attrs for _, attrs in page.tags), name
        assert "@import" not in markup and "url(" not in markup and "@font-face" not in markup, name
        for attrs in page.all("a"):
            assert (attrs.get("href") or "").startswith("https://documents.un.org/api/symbol/access?s="), name


def test_tables_are_semantic() -> None:
    _, page = page_of(english_parallel_bodies())
    scopes = [attrs.get("scope") for attrs in page.all("th")]
    assert scopes and all(scope in ("col", "row") for scope in scopes)
    assert scopes.count("row") == 3  # one per time range: the bodies meeting at once share a row
    assert len(page.all("thead")) == len(page.all("table")) == 2
    assert page.all("meta")[1]["name"] == "viewport"


def test_document_links_use_the_official_document_system_in_the_display_language() -> None:
    _, page = page_of(french_working_group())
    links = {attrs["href"] for attrs in page.all("a")}
    assert "https://documents.un.org/api/symbol/access?s=CTOC/COP/WG.4/2019/2&l=fr&t=pdf" in links
    assert "https://documents.un.org/api/symbol/access?s=CTOC/COP/WG.4/2019/1&l=fr&t=pdf" in links


def test_paper_size_follows_the_option() -> None:
    assert "size: A4;" in render_html(french_working_group(), RenderOptions(paper="A4"))
    assert "size: letter;" in render_html(french_working_group(), RenderOptions(paper="Letter"))
    with pytest.raises(UsageError):
        render_html(french_working_group(), RenderOptions(paper="A3"))


def test_output_is_reproducible() -> None:
    assert render_html(french_working_group()) == render_html(french_working_group())


def test_exporters_are_registered() -> None:
    assert {"html", "pdf"} <= set(exporter_names())
    exporter = get_exporter("html")
    assert exporter.extension == "html" and exporter.content_type.startswith("text/html")
    assert exporter.render(spanish_meeting(), RenderOptions()).decode("utf-8").startswith("<!DOCTYPE html>")


def test_shared_environment_escapes_html_and_j2_but_not_text_templates() -> None:
    env = environment()
    assert env is environment()
    assert env.autoescape("email.html.j2") and env.autoescape("x.html") and env.autoescape("anything.j2")  # type: ignore[operator]
    assert not env.autoescape("email.txt.j2")  # type: ignore[operator]
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_importing_the_exporters_keeps_heavy_libraries_out() -> None:
    code = (
        "import sys, schedule_export.cli, schedule_export.render.html, schedule_export.render.pdf, schedule_export.render.templating;"
        "heavy = [m for m in ('weasyprint', 'jinja2', 'babel.dates', 'pypdf') if m in sys.modules]; print(heavy); sys.exit(bool(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


# --- real Chromium (the browser fixture is in conftest.py) ----------------------------------------------------------


@pytest.mark.parametrize("name", ["french_working_group", "english_parallel_bodies", "without_timetable", "hostile_text"])
def test_page_renders_in_chromium_on_a_phone_and_a_desktop(browser, name: str, tmp_path: Path) -> None:
    meeting = HAND_BUILT[name]()
    target = tmp_path / f"{name}.html"
    target.write_text(render_html(meeting, RenderOptions(display_tz="America/New_York")), encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for label, width, height in (("phone", 360, 740), ("desktop", 1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=True)
        page = context.new_page()
        problems: list[str] = []
        requests: list[str] = []
        page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(target.as_uri())
        page.wait_for_load_state("load")
        assert problems == [], problems
        assert requests == [target.as_uri()], f"the page loaded other resources: {requests}"
        assert page.evaluate("document.querySelectorAll('script').length") == 0
        assert page.title() == build_view(meeting).heading
        # readable without sideways scrolling: nothing wider than the screen
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
        rows = page.locator(".session")  # rows of one body's table, cells of bodies side by side
        assert rows.count() == len(meeting.sessions)
        if rows.count():
            box = rows.first.bounding_box()
            assert box is not None and box["width"] <= width
        page.screenshot(path=str(ARTIFACTS / f"html-{name}-{label}.png"), full_page=True)
        context.close()


def test_phone_layout_stacks_the_session_cells(browser, tmp_path: Path) -> None:
    target = tmp_path / "programme.html"
    target.write_text(render_html(english_parallel_bodies()), encoding="utf-8")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(target.as_uri())
    time_box = page.locator("tr.slot th.time").first.bounding_box()
    first_body = page.locator("tr.slot td.session").nth(0).bounding_box()
    second_body = page.locator("tr.slot td.session").nth(1).bounding_box()
    assert time_box and first_body and second_body
    assert first_body["y"] >= time_box["y"] + time_box["height"] - 1, "cells should stack on a phone"
    assert second_body["y"] >= first_body["y"] + first_body["height"] - 1, "parallel bodies stack on a phone"
    # each stacked meeting names its body, since the column headers are not shown there
    assert page.locator("tr.slot td.session .cell-body").first.is_visible()
    assert page.locator("tr.slot td.session .cell-body").first.inner_text() == "Implementation Review Group"
    font_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.item-title')).fontSize)")
    assert font_size >= 14
    context.close()


# --- the meeting as the annex names it ------------------------------------------------------------------------------

FIXTURES = ROOT / "tests" / "fixtures"


def test_the_meetings_own_noun_and_ordinal_as_the_document_writes_them() -> None:
    _, english = page_of(load_meeting(FIXTURES / "en_parallel.html"))
    assert "Thirty-fifth session" in english.text and "35th meeting" not in english.text
    _, french = page_of(load_meeting(FIXTURES / "fr_parallel.md"))
    assert "Soixante-septième session" in french.text
    _, spanish = page_of(load_meeting(FIXTURES / "es_pipes.md"))
    assert "Duodécima reunión" in spanish.text
    # the running header and the page title say the same
    assert build_view(load_meeting(FIXTURES / "en_parallel.html")).heading.endswith("Thirty-fifth session")


def test_a_french_numeric_ordinal_has_a_real_superscript() -> None:
    markup, _ = page_of(french_working_group())  # built without the document's words: the numeric form
    assert '<span class="ordinal">9<sup>e</sup> réunion</span>' in markup
    _, english = page_of(english_parallel_bodies())
    assert "<sup>" not in english_markup(english_parallel_bodies())


def english_markup(meeting: Meeting) -> str:
    return render_html(meeting, RenderOptions()).split("</style>")[1]


def test_symbol_and_date_of_the_document_are_in_the_title_block() -> None:
    _, page = page_of(load_meeting(FIXTURES / "en_parallel.html"))
    assert in_order(page.text, ["Symbol", "E/CN.15/2026/1", "Issued", "10 February 2026"])
    revised = french_working_group().model_copy(update={"symbol": "CTOC/COP/WG.4/2019/1/Rev.1"})
    _, page = page_of(revised)
    assert "CTOC/COP/WG.4/2019/1/Rev.1" in page.text and "Publié le 18 juin 2019" in page.text


def test_a_qr_code_to_subscribe_only_when_the_calendar_has_an_address() -> None:
    meeting = english_parallel_bodies()
    without, _ = page_of(meeting)
    assert "<svg" not in without
    markup, page = page_of(meeting, base_url="https://calendars.example.org")
    assert markup.count("<svg") == 1 and "Scan to subscribe to the calendar" in page.text
    assert not page.all("img") and "url(" not in markup  # still self-contained


def test_what_the_timetable_says_besides_meetings_is_printed_on_its_day() -> None:
    _, page = page_of(load_meeting(FIXTURES / "en_parallel.html"))
    assert in_order(page.text, ["Tuesday, 19 May 2026", "Committee of the Whole: Informal consultations", "Wednesday, 20 May 2026"])
    _, page = page_of(load_meeting(FIXTURES / "layouts" / "en_grid_no_title.md"))
    assert "No meeting" in page.text and page.text.count("No meeting") == 1


def test_a_continued_item_keeps_the_title_the_timetable_gave_it_the_first_time() -> None:
    meeting = load_meeting(FIXTURES / "layouts" / "en_pdftotext_parallel.txt")
    view = build_view(meeting)
    titles = {(item.label, item.continued): item.title for day in view.days for s in day.sessions for item in s.items}
    assert titles[("4", True)] == titles[("4", False)] == "Review of national coral reef inventories"
    assert titles[("3", True)] == "Thematic discussion on maritime piracy"
