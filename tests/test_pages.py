"""The feed pages as delegates see them, in a real browser: language, upcoming meetings first, no file names."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import httpx
from lxml import etree

from schedule_export.history import History
from schedule_export.serve.catalog import Catalog
from schedule_export.serve.pages import visitor_language

from .serve_helpers import FIREARMS, FIREARMS_KEY, FIREARMS_REVISED, FIXTURES, TRAFFICKING_EXAMPLE, RunningServer, folder_with

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
PARALLEL = FIXTURES.parent / "en_parallel.html"  # 18-20 May 2026, Plenary and Committee of the Whole
BASE_URL = "https://calendars.example.org"
# A fixed "now": the working group on firearms (September 2027) and the Commission (May 2026) are ahead,
# the working group on trafficking (September 2019) is past.
NOW = datetime(2026, 1, 15, 12, tzinfo=timezone.utc)
FILE_NAME = re.compile(r"\b[\w-]+\.(?:txt|md|html?|docx|pdf|sqlite3)\b")




def published_site(tmp_path: Path, *names: str) -> tuple[Catalog, Path]:
    """The pages of a folder written as the static site writes them, at a fixed date."""
    folder = folder_with(tmp_path, *(name for name in names if name != PARALLEL.name))
    if PARALLEL.name in names:
        shutil.copy(PARALLEL, folder / PARALLEL.name)
    catalog = Catalog(folder, History(tmp_path / "history.sqlite3"), min_interval=0, clock=lambda: NOW)
    catalog.refresh(force=True)
    public = tmp_path / "public"
    for path in catalog.paths():
        resource = catalog.resource(path, BASE_URL)
        if resource is not None:
            target = public.joinpath(*path.strip("/").split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(resource.body)
    return catalog, public


def test_index_in_the_browser_has_no_file_names_and_lists_upcoming_meetings_first(browser, tmp_path):
    catalog, public = published_site(tmp_path, FIREARMS, TRAFFICKING_EXAMPLE.name, PARALLEL.name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for label, width, height in (("desktop", 1280, 900), ("phone", 360, 740)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto((public / "index.html").as_uri())
        text = page.inner_text("body")
        assert FILE_NAME.findall(text) == [], "the index shows internal file names"
        for jargon in ("email-html", " eml", " ics ", "json html pdf"):
            assert jargon not in text
        sections = page.locator("section h2").all_inner_texts()
        assert sections == ["Upcoming meetings", "Past meetings"]  # two languages among the documents: English labels
        upcoming = page.locator("section.upcoming article h3").all_inner_texts()
        assert upcoming == ["Commission on Crime Prevention and Criminal Justice", "Groupe de travail sur les armes à feu"]
        assert page.locator("section.past article h3").all_inner_texts() == ["Groupe de travail sur la traite des personnes"]
        # meeting names and dates as UN documents write them, in each document's language
        assert "Douzième réunion" in text and "Vienne, 14-16 septembre 2027" in text and "Thirty-fifth session" in text
        french = page.locator(f"article#{FIREARMS_KEY}")
        assert french.get_attribute("lang") == "fr"
        assert page.evaluate("document.documentElement.lang") == "en"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the index scrolls sideways by {overflow}px at {width}px"
        page.screenshot(path=str(ARTIFACTS / f"index-{label}.png"), full_page=True)
        context.close()
    catalog.history.close()


def test_subscribe_links_for_calendar_apps_google_outlook_and_each_parallel_body(browser, tmp_path):
    catalog, public = published_site(tmp_path, FIREARMS, PARALLEL.name)
    context = browser.new_context()
    page = context.new_page()
    page.goto((public / "index.html").as_uri())
    card = page.locator(f"article#{FIREARMS_KEY}")
    assert card.locator("a.subscribe").get_attribute("href") == f"webcal://calendars.example.org/meetings/{FIREARMS_KEY}.ics"
    google = card.locator("a.add").nth(0).get_attribute("href")
    assert google == f"https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fcalendars.example.org%2Fmeetings%2F{FIREARMS_KEY}.ics"
    outlook = card.locator("a.add").nth(1).get_attribute("href")
    assert outlook.startswith("https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fcalendars.example.org%2Fmeetings%2F")
    parallel = page.locator("article#e-cn-15-2026-05-18")
    bodies = parallel.locator("p.bodies a")
    assert bodies.all_inner_texts() == ["Plenary", "Committee of the Whole"]
    for index, body in enumerate(("plenary", "committee-of-the-whole")):
        href = bodies.nth(index).get_attribute("href")
        assert href == f"webcal://calendars.example.org/meetings/e-cn-15-2026-05-18.{body}.ics"
        assert (public / "meetings" / f"e-cn-15-2026-05-18.{body}.ics").read_bytes().count(b"BEGIN:VEVENT") >= 1
    # formats are named for people and lead to the files that are published
    parallel.locator("details.formats summary").click()  # the other formats are one click away
    links = parallel.locator("details.formats a")
    names = links.all_inner_texts()
    assert "Conference apps (Giggity, EventFahrplan)" in names and "Calendar (.ics)" in names
    for index in range(links.count()):
        assert (public / links.nth(index).get_attribute("href")).is_file()
    context.close()
    catalog.history.close()


def test_the_server_answers_in_the_visitors_language(browser, tmp_path):
    folder = folder_with(tmp_path, FIREARMS)
    with RunningServer(folder) as server:
        for locale, language, heading in (("es-ES", "es", "Reuniones"), ("ru-RU", "ru", "Совещания"), ("de-DE", "fr", "Réunions")):
            context = browser.new_context(locale=locale)  # Chromium sends Accept-Language for the locale
            page = context.new_page()
            page.goto(server.url + "/")
            assert page.evaluate("document.documentElement.lang") == language, locale
            assert page.locator("h1").inner_text() == heading
            context.close()
        context = browser.new_context(locale="es-ES")
        page = context.new_page()
        page.goto(server.url + "/?lang=en")  # an explicit choice wins over the browser's
        assert page.locator("h1").inner_text() == "Meetings"
        page.get_by_role("link", name="Français").click()
        assert page.evaluate("document.documentElement.lang") == "fr"
        context.close()
        response = httpx.get(server.url + "/", headers={"Accept-Language": "en-GB,en;q=0.9"})
        assert response.headers["vary"] == "Accept-Language" and '<html lang="en"' in response.text
        changelog = httpx.get(f"{server.url}/meetings/{FIREARMS_KEY}/changes.html", headers={"Accept-Language": "es"})
        assert "Historial de revisiones" in changelog.text or '<html lang="es"' in changelog.text
        plain = httpx.get(f"{server.url}/meetings/{FIREARMS_KEY}/changes.html", headers={"Accept-Language": "de"})
        assert '<html lang="fr"' in plain.text  # no language of ours asked for: the document's


def test_visitor_language_reads_quality_values_and_ignores_what_we_cannot_write():
    assert visitor_language(None, "de-CH, fr;q=0.5, en;q=0.8") == "en"
    assert visitor_language(None, "de, it") is None
    assert visitor_language("ES", "fr") == "es"
    assert visitor_language("xx", "ru-RU") == "ru"
    assert visitor_language(None, "fr;q=0") is None


def test_atom_feed_tells_each_revision_with_what_changed(tmp_path):
    catalog, _ = published_site(tmp_path, FIREARMS)
    folder = tmp_path / "agendas"
    shutil.copy(FIXTURES / FIREARMS_REVISED, folder / FIREARMS_REVISED)
    (folder / FIREARMS).unlink()
    catalog.refresh(force=True)
    feed = etree.fromstring(catalog.resource("/changes.atom", BASE_URL).body)
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed" and feed.findtext(f"{atom}updated")
    entries = feed.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == [
        "Groupe de travail sur les armes à feu: Version 2", "Groupe de travail sur les armes à feu: Version 1",
    ]
    newest = entries[0]
    assert newest.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert "Séance déplacée" in newest.findtext(f"{atom}content") and "Séance annulée" in newest.findtext(f"{atom}content")
    assert newest.find(f"{atom}link").get("href") == f"{BASE_URL}/meetings/{FIREARMS_KEY}/changes.html#v2"
    assert len({e.findtext(f"{atom}id") for e in entries}) == 2
    index = catalog.resource("/index.html", BASE_URL).body.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="changes.atom"' in index
    catalog.history.close()


def test_a_changelog_in_the_language_asked_for_keeps_the_documents_own_words(browser, tmp_path):
    catalog, public = published_site(tmp_path, FIREARMS)
    folder = tmp_path / "agendas"
    shutil.copy(FIXTURES / FIREARMS_REVISED, folder / FIREARMS_REVISED)
    (folder / FIREARMS).unlink()
    catalog.refresh(force=True)
    english = catalog.resource(f"/meetings/{FIREARMS_KEY}/changes.en.html", BASE_URL).body.decode()
    target = tmp_path / "changes.en.html"
    target.write_text(english, encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(target.as_uri())
    assert page.evaluate("document.documentElement.lang") == "en"
    text = page.inner_text("body")
    assert "Revision history" in text and "Moved meeting" in text and "Cancelled meeting" in text
    assert "Wednesday, 15 September 2027" in text  # dates in the visitor's language
    assert page.locator("p.title").get_attribute("lang") == "fr" and "armes à feu" in page.locator("p.title").inner_text()
    assert FILE_NAME.findall(text) == []
    context.close()
    assert "Historique des révisions" in catalog.resource(f"/meetings/{FIREARMS_KEY}/changes.html", BASE_URL).body.decode()
    assert catalog.resource(f"/meetings/{FIREARMS_KEY}/changes.xx.html", BASE_URL) is None
    catalog.history.close()
