"""Email-safe HTML programme: what email clients keep, the same content as the printed programme, real Chromium."""

from __future__ import annotations

import html
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

from schedule_export.cli import main
from schedule_export.render import RenderOptions, get_exporter
from schedule_export.render.email_html import render_email_fragment
from schedule_export.render.view import build_view
from schedule_export.render.labels import DOCUMENT_URL

from .programme_fixtures import PROGRAMMES, programme

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DOCUMENT_PREFIX = DOCUMENT_URL.split("{")[0]
# what Outlook's Word engine, Gmail and Apple Mail all render the same way
ALLOWED_TAGS = {"table", "tbody", "tr", "td", "p", "span", "a", "br", "h1"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> Tags:
    tags = Tags()
    tags.feed(fragment)
    return tags


def visible_text(fragment: str) -> str:
    return " ".join(" ".join(parse(fragment).text).split())


def fragment_of(name: str, **options: object) -> str:
    return render_email_fragment(programme(name), RenderOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", PROGRAMMES)
def test_email_html_uses_only_tables_inline_styles_and_document_links(name: str) -> None:
    fragment = fragment_of(name, display_tz="America/New_York")
    tags = parse(fragment)
    assert {tag for tag, _ in tags.tags} <= ALLOWED_TAGS
    lowered = fragment.lower()
    for forbidden in ("<style", "<script", "<form", "<img", "<link", "@import", "@font-face", "url(", "javascript:"):
        assert forbidden not in lowered
    for tag, attrs in tags.tags:
        assert "src" not in attrs
        assert not any(name.startswith("on") for name in attrs)
        if tag == "a":
            assert (attrs["href"] or "").startswith(DOCUMENT_PREFIX)
        if "width" in attrs and not str(attrs["width"]).endswith("%"):
            assert int(str(attrs["width"])) <= 600
        for pixels in re.findall(r"(?:^|;)\s*(?:max-)?width:\s*(\d+)px", attrs.get("style") or ""):
            assert int(pixels) <= 600
    # every box and text is styled inline, nothing relies on a stylesheet
    assert all("style" in attrs for tag, attrs in tags.tags if tag in {"td", "p", "span", "h1", "a"})


@pytest.mark.parametrize("name", PROGRAMMES)
def test_email_html_shows_every_day_session_item_and_document(name: str) -> None:
    meeting = programme(name)
    view = build_view(meeting, RenderOptions())
    text = visible_text(fragment_of(name))
    fragment = fragment_of(name)
    for day in view.days:
        assert f"{day.label} ({view.local_time_label}, {day.utc_offset})" in text
        for session in day.sessions:
            assert session.time_label in text
            for item in session.items:
                assert " ".join(item.title.split()) in text
                for document in item.documents:
                    assert f'href="{html.escape(document.url)}"' in fragment
    # each session is one row of the timetable: same count of time cells as sessions
    assert fragment.count('class="time"') == len(meeting.sessions)


def test_parallel_bodies_are_named_on_each_of_their_sessions() -> None:
    text = visible_text(fragment_of("french-parallel"))
    assert "Conférence des Parties · Comité plénier" in text
    # Friday morning: both bodies meet at 10, each row names its body before its items
    assert re.search(r"10 heures-13 heures · Conférence des Parties 1 a\) Ouverture de la session", text)
    assert re.search(r"10 heures-13 heures · Comité plénier 3 Traite des personnes Documentation: CTOC/COP/WG.4/2019/4", text)


def test_days_after_the_end_of_summer_time_show_their_own_utc_offset() -> None:
    text = visible_text(fragment_of("french-parallel"))
    assert "Vendredi 25 octobre 2019 (heure de Vienne, UTC+2)" in text
    assert "Lundi 28 octobre 2019 (heure de Vienne, UTC+1)" in text


def test_display_zone_shows_the_second_time_beside_vienna_time() -> None:
    text = visible_text(fragment_of("french-parallel", display_tz="America/New_York"))
    # 15:00-18:00 in Vienna on 25 October 2019 (UTC+2) is 9:00-12:00 in New York (UTC-4)
    assert "15 heures-18 heures · Conférence des Parties America/New York: 9 heures-midi (UTC-4)" in text
    # after Vienna's clocks went back (UTC+1), New York is still on summer time: 10:00 is 5:00
    assert "America/New York: 5 heures-8 heures (UTC-4)" in text


def test_continued_items_notes_and_documents_are_labelled_in_the_documents_language() -> None:
    french = visible_text(fragment_of("french-parallel"))
    assert "Traite des personnes (suite)" in french
    assert "Consultations informelles ouvertes à toutes les délégations." in french
    english = visible_text(fragment_of("english"))
    assert "(continued)" in english and "Documentation: CTOC/COP/WG.6/2024/1" in english
    assert "Hybrid meeting (in person and online)" in english
    assert "noon–1.30 p.m." in english
    spanish = visible_text(fragment_of("spanish"))
    assert "Documentación: CAC/COSP/IRG/2023/1" in spanish and "Lunes 22 de mayo de 2023 (hora de Viena, UTC+2)" in spanish
    assert "Signatura: CAC/COSP/IRG/2023/1" in spanish
    assert 'lang="es"' in fragment_of("spanish") and 'lang="fr"' in fragment_of("french-parallel")


def test_display_language_can_differ_from_the_documents() -> None:
    text = visible_text(fragment_of("spanish", language="en"))
    assert "Monday, 22 May 2023 (Vienna time, UTC+2)" in text and "10 a.m.–1 p.m." in text


def test_a_programme_without_timetable_is_to_be_confirmed_with_its_days_and_deadlines() -> None:
    text = visible_text(fragment_of("no-timetable"))
    assert "Programme à confirmer" in text
    assert "Jours de réunion Lundi 10 mars 2025 Mardi 11 mars 2025 Mercredi 12 mars 2025" in text
    assert "Dates limites Vendredi 7 février 2025 · Date limite d'inscription Les inscriptions se font en ligne." in text
    assert "Thèmes • Coopération internationale en matière pénale • Recouvrement d'avoirs" in text
    assert "Ordre du jour provisoire 1 Questions d'organisation 2 Coopération internationale" in text
    real = visible_text(fragment_of("003_eb1dc6666d540682.txt"))
    assert "Programme à confirmer" in real and "Mercredi 27 janvier 2010" in real and "Vendredi 15 janvier 2010" in real


def test_introduction_is_escaped_and_split_into_paragraphs() -> None:
    fragment = fragment_of("english", extra={"intro": "Dear colleagues,\n\nPlease find <b>the programme</b> & notes.\nThank you."})
    assert "<b>" not in fragment and "&lt;b&gt;the programme&lt;/b&gt; &amp; notes." in fragment
    assert visible_text(fragment).startswith("Working Group on Firearms Vienna,")
    assert "Dear colleagues, Please find <b>the programme</b> & notes. Thank you." in visible_text(fragment)
    assert fragment.count("Please find") == 1 and "notes.<br>Thank you." in fragment


def test_cli_writes_the_fragment_with_its_extension(tmp_path: Path, fixtures: Path) -> None:
    assert main(["convert", str(fixtures / "en_parallel.html"), "-f", "email-html", "-o", str(tmp_path)]) == 0
    written = (tmp_path / "en_parallel.email.html").read_text(encoding="utf-8")
    assert "Committee of the Whole" in written and "<style" not in written
    assert get_exporter("email-html").extension == "email.html"


# --- real Chromium -------------------------------------------------------------------------------

SCREENSHOT_CASES = ["en_parallel.html", "003_eb1dc6666d540682.txt", "french-parallel", "es_pipes.md"]


def page_for(fragment: str) -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f'<body style="margin: 0">{fragment}</body></html>'
    )


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.fixture(scope="module")
def playwright_runner():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs /usr/bin/chromium")
    with playwright.sync_playwright() as runner:
        yield runner


@pytest.fixture(scope="module")
def browser(playwright_runner):
    chromium = playwright_runner.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    yield chromium
    chromium.close()


@pytest.mark.parametrize("width", [600, 360])
@pytest.mark.parametrize("name", SCREENSHOT_CASES)
def test_email_fits_the_screen_in_chromium_and_is_screenshotted(browser, tmp_path: Path, name: str, width: int) -> None:
    options = {"display_tz": "America/New_York"} if name == "french-parallel" else {}
    page_file = tmp_path / "email.html"
    page_file.write_text(page_for(fragment_of(name, **options)), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(page_file.as_uri())
        measured = page.evaluate(
            """() => ({
                scroll: document.documentElement.scrollWidth,
                table: document.querySelector('table').getBoundingClientRect().width,
                widest: Math.max(...[...document.querySelectorAll('td, p, span, a')].map(e => e.getBoundingClientRect().right)),
                fonts: [...document.fonts].length,
            })"""
        )
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"email-{Path(name).stem}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
    finally:
        page.close()
    assert measured["scroll"] <= width, "the programme scrolls sideways"
    assert measured["table"] <= min(width, 600)
    assert measured["widest"] <= width
    assert measured["fonts"] == 0  # no web fonts
    assert png_size(shot)[0] == width


CONTRAST_SCRIPT = """() => {
    const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const luminance = rgb => { const [r, g, b] = rgb.match(/[\\d.]+/g).map(Number); return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b); };
    const background = e => {
        for (; e; e = e.parentElement) {
            const bg = getComputedStyle(e).backgroundColor;
            if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
        }
        return 'rgb(255, 255, 255)';
    };
    const ratios = [];
    for (const e of document.querySelectorAll('body *')) {
        if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        const a = luminance(getComputedStyle(e).color), b = luminance(background(e));
        ratios.push([Math.round((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) * 100) / 100, e.textContent.trim().slice(0, 40)]);
    }
    return ratios;
}"""


@pytest.mark.parametrize("name", ["en_parallel.html", "no-timetable"])
def test_every_text_has_its_own_colour_on_its_own_background_with_enough_contrast(browser, tmp_path: Path, name: str) -> None:
    """Explicit colour pairs with WCAG AA contrast: clients that recolour for dark mode then invert both together."""
    page_file = tmp_path / "email.html"
    page_file.write_text(page_for(fragment_of(name)), encoding="utf-8")
    page = browser.new_page(viewport={"width": 600, "height": 900})
    try:
        page.goto(page_file.as_uri())
        ratios = page.evaluate(CONTRAST_SCRIPT)
    finally:
        page.close()
    assert ratios
    weak = [(ratio, text) for ratio, text in ratios if ratio < 4.5]
    assert not weak


def test_dark_mode_screenshot_for_review(playwright_runner, tmp_path: Path) -> None:
    """Chromium's forced dark mode recolours pages the way Gmail's and Outlook's apps do: saved to look at."""
    page_file = tmp_path / "email.html"
    page_file.write_text(page_for(fragment_of("en_parallel.html")), encoding="utf-8")
    chromium = playwright_runner.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--blink-settings=forceDarkModeEnabled=true"],
    )
    try:
        page = chromium.new_page(viewport={"width": 600, "height": 900}, color_scheme="dark")
        page.goto(page_file.as_uri())
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "email-en_parallel-600-dark.png"
        page.screenshot(path=str(shot), full_page=True)
    finally:
        chromium.close()
    assert png_size(shot)[0] == 600
