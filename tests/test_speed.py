"""The shortcuts taken for speed (issue 13) give what the plain way gives.

Timings are not tested here (see bench/run.py); only that each faster path is the same function.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schedule_export.identity import _names_in, meeting_key
from schedule_export.lang import _ONE_CHARACTER_WORDS, SCRIPTS, available_languages, dominant_script, load_pack, pack_script
from schedule_export.pipeline import load_meeting
from schedule_export.render import RenderOptions
from schedule_export.render.ics import build_calendar, calendar_bytes, parallel_body_ids, render_ics

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(ROOT.glob("examples/*.txt")) + sorted(
    path for path in (ROOT / "tests" / "fixtures").rglob("*") if path.suffix in (".txt", ".md", ".html", ".docx", ".pdf")
)

# what dominant_script did before: one pass of one pattern, the most frequent script, ties to the first met
_ONE_PASS = re.compile("|".join(f"(?P<{name}>[{letters}]{'' if name in _ONE_CHARACTER_WORDS else '+'})" for name, letters in SCRIPTS.items()))


def _dominant_script_one_pass(text: str) -> str | None:
    counts = Counter(match.lastgroup for match in _ONE_PASS.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


_PIECES = ["ab", "Cé", "Жд", "س", "中文", "αβ", "שׁ", "カ", "한", "क", "1", ".", "–", "“", "²", "½", "_", "Ⅷ", " ", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20))
def test_dominant_script_counts_as_one_pass_did(pieces):
    text = "".join(pieces)
    assert dominant_script(text) == _dominant_script_one_pass(text)


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.suffix in (".txt", ".md", ".html")], ids=lambda p: p.name)
def test_dominant_script_of_every_text_fixture(path):
    text = path.read_text(encoding="utf-8", errors="replace")[:6000]
    assert dominant_script(text) == _dominant_script_one_pass(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16), st.sampled_from(["ab", "Cé", "Жд", "a", "b1", "1", "½", "_"]))
def test_names_in_finds_what_the_bounded_pattern_finds(pieces, name):
    text = "".join(pieces)
    expected = re.search(rf"(?<![^\W\d_]){re.escape(name)}(?![^\W\d_])", text) is not None
    assert _names_in(text, name) == expected


def test_pack_script_read_from_the_file_is_the_validated_packs():
    for code in available_languages():
        assert pack_script(code) == load_pack(code).script


@pytest.fixture(scope="module")
def meetings():
    from schedule_export.errors import ScheduleExportError

    loaded = []
    for path in DOCUMENTS:
        try:
            loaded.append(load_meeting(path))
        except ScheduleExportError:
            continue
    return loaded


def test_ics_with_the_cached_vtimezone_is_the_whole_calendar_serialised(meetings):
    for meeting in meetings:
        for options in (RenderOptions(), RenderOptions(language="fr", base_url="https://example.org")):
            assert render_ics(meeting, options) == calendar_bytes(build_calendar(meeting, options))
            for body in parallel_body_ids(meeting):
                per_body = RenderOptions(extra={"body": body})
                assert render_ics(meeting, per_body) == calendar_bytes(build_calendar(meeting, per_body))


def test_meeting_key_is_computed_once_and_a_changed_copy_has_its_own(meetings):
    meeting = next(m for m in meetings if m.symbol)
    assert meeting.key == meeting_key(meeting)
    assert meeting.key is meeting.key
    moved = meeting.model_copy(update={"symbol": None, "title": meeting.title + " bis"})
    assert moved.key == meeting_key(moved)
    assert meeting == meeting.model_copy()


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_convert_in_processes_writes_the_same_files_and_says_the_same_in_input_order(tmp_path):
    from .test_cli import run

    inputs = tmp_path / "in"
    inputs.mkdir()
    # examples, fixtures with warnings, a refused one and a document without a timetable, under distinct stems
    for path in DOCUMENTS:
        if path.parent.name in ("examples", "hostile", "layouts", "fixtures") and path.suffix != ".pdf":
            (inputs / f"{path.parent.name}-{path.stem}{path.suffix}").write_bytes(path.read_bytes())
    stdin = DOCUMENTS[0].read_bytes()
    one = run("convert", str(inputs), "-", "-f", "ics", "-f", "json", "-f", "xcal", "-o", str(tmp_path / "one"), stdin=stdin)
    many = run("convert", str(inputs), "-", "-f", "ics", "-f", "json", "-f", "xcal", "-o", str(tmp_path / "many"), "-j", "3", stdin=stdin)
    assert "error:" in one.stderr and "warning:" in one.stderr  # the comparison covers both kinds of message
    assert (many.returncode, many.stdout, many.stderr) == (one.returncode, one.stdout, one.stderr)
    assert _tree(tmp_path / "many") == _tree(tmp_path / "one")
    assert "stdin.ics" in _tree(tmp_path / "one")


def test_jobs_must_be_a_count(tmp_path):
    from .test_cli import run

    result = run("convert", str(DOCUMENTS[0]), "-o", str(tmp_path), "-j", "-2")
    assert result.returncode == 2 and "give 1 or more processes" in result.stderr


# --- serve: a restart does not parse again; a scan is one transaction -------------------------------------


def _catalog_over(folder, history):
    from schedule_export.serve.catalog import Catalog

    catalog = Catalog(folder, history, min_interval=0)
    catalog.refresh(force=True)
    return catalog


def test_a_restart_takes_meetings_read_before_from_the_history_without_parsing(tmp_path, monkeypatch):
    import schedule_export.parse as parse
    from schedule_export.history import History

    from .serve_helpers import FIREARMS, folder_with

    folder = folder_with(tmp_path, FIREARMS, "broken.txt")
    history = History(tmp_path / "h.sqlite3")
    first = _catalog_over(folder, history)
    before = {m.key: m.meeting for m in first.meetings}, [(d.name, d.error) for d in first.errors]
    history.close()

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(parse, "parse_document", no_parsing)
    history = History(tmp_path / "h.sqlite3")
    again = _catalog_over(folder, history)
    assert ({m.key: m.meeting for m in again.meetings}, [(d.name, d.error) for d in again.errors]) == before
    assert again.resource("/all.ics").body == first.resource("/all.ics").body
    history.close()


def test_a_changed_document_or_other_code_is_read_again(tmp_path, monkeypatch):
    import schedule_export.serve.catalog as catalog_module
    from schedule_export.history import History

    from .serve_helpers import FIREARMS, FIREARMS_REVISED, FIXTURES, folder_with

    folder = folder_with(tmp_path, FIREARMS)
    history = History(tmp_path / "h.sqlite3")
    _catalog_over(folder, history)
    digest = history._db.execute("SELECT digest FROM parsed").fetchone()[0]
    (folder / FIREARMS).write_bytes((FIXTURES / FIREARMS_REVISED).read_bytes())
    _catalog_over(folder, history)
    assert history._db.execute("SELECT count(*), max(digest) FROM parsed").fetchone() != (1, digest)
    monkeypatch.setattr(catalog_module, "reading_code", lambda: "another version of the code")
    parsed = []
    original = catalog_module.Catalog._remember
    monkeypatch.setattr(catalog_module.Catalog, "_remember", lambda self, *a: (parsed.append(a[0]), original(self, *a)))
    _catalog_over(folder, history)
    assert parsed == [FIREARMS]
    history.close()


def test_a_scan_commits_once(tmp_path):
    from schedule_export.history import History

    from .serve_helpers import FIREARMS, folder_with

    folder = folder_with(tmp_path, FIREARMS, "wp192.txt", "wp192_fr.txt")
    history = History(tmp_path / "h.sqlite3")
    statements: list[str] = []
    history._db.set_trace_callback(statements.append)
    _catalog_over(folder, history)
    assert sum(s.strip().upper() == "COMMIT" for s in statements) == 1
    assert any(s.startswith("SAVEPOINT") for s in statements)
    history.close()


def test_a_write_that_fails_inside_a_scan_is_undone_alone(tmp_path):
    from schedule_export.history import History

    history = History(tmp_path / "h.sqlite3")
    with history.batch():
        history.remember_parsed("f", "kept", "d", "c", "{}", None)
        with pytest.raises(RuntimeError):
            with history._transaction() as db:
                db.execute("INSERT INTO parsed (folder, name, digest, code) VALUES ('f', 'undone', 'd', 'c')")
                raise RuntimeError("a calendar that cannot be written")
    assert [row[0] for row in history._db.execute("SELECT name FROM parsed")] == ["kept"]
    history.close()


def _combined_as_one_calendar(catalog, base_url):
    """all.ics as it was built before: one icalendar Calendar of every event, then serialised."""
    from icalendar import Calendar

    from schedule_export.history import set_feed_properties
    from schedule_export.render.ics import PRODID
    from schedule_export.render.vtimezone import set_timezones
    from schedule_export.serve import pages

    labels = pages.labels_for(catalog.index_language())
    combined = Calendar.new(prodid=PRODID, name=labels["all_meetings"], method="PUBLISH", calscale="GREGORIAN", uid="all-meetings@schedule-export")
    if base_url:
        combined.add("URL", f"{base_url}/all.ics")
    modified = None
    for published in catalog.published:
        for event in catalog.meeting_calendar(published, base_url).walk("VEVENT"):
            combined.add_component(event)
        modified = max(modified or published.publication.recorded_at, published.publication.recorded_at)
    set_timezones(combined)
    set_feed_properties(combined, modified)
    return calendar_bytes(combined)


def test_all_ics_from_kept_bytes_is_the_one_calendar_serialised(tmp_path):
    import shutil

    from schedule_export.history import History

    from .serve_helpers import FIXTURES

    folder = tmp_path / "agendas"
    folder.mkdir()
    for path in [*sorted(FIXTURES.glob("*")), *sorted((ROOT / "examples").glob("*.txt")), ROOT / "tests" / "fixtures" / "ru_dst_tabs.txt"]:
        shutil.copy(path, folder / path.name)
    history = History(tmp_path / "h.sqlite3")
    catalog = _catalog_over(folder, history)
    for base_url in (None, "https://example.org/feeds"):
        assert catalog.combined_calendar(base_url) == _combined_as_one_calendar(catalog, base_url)
        assert catalog.combined_calendar(base_url) == _combined_as_one_calendar(catalog, base_url)  # from kept bytes
    (folder / "wp192_rev1.txt").unlink()  # a revision removed, a document removed: cancellations are events too
    (folder / "wg_firearms.txt").unlink()
    (folder / "wg_firearms_rev1.txt").unlink()
    catalog.settle = 0
    catalog.refresh(force=True)
    combined = catalog.combined_calendar(None)
    assert b"STATUS:CANCELLED" in combined
    assert combined == _combined_as_one_calendar(catalog, None)
    history.close()


def test_script_ranges_do_not_overlap():
    from schedule_export.lang import _script_ranges

    lows, highs, _ = _script_ranges()
    assert all(high < next_low for high, next_low in zip(highs, lows[1:]))


def _properties(component) -> list[tuple]:
    """What a component holds, as its serialisation and jCal see it: name, value type, parameters, value, instant."""
    return [
        (name, type(value).__name__, sorted(value.params.items()), value.to_ical(), repr(getattr(value, "dt", None)))
        for name, value in component.items()
    ]


def test_events_set_directly_hold_what_event_new_gives(meetings):
    from datetime import timedelta

    from icalendar import Calendar, Event

    from schedule_export.lang import load_pack
    from schedule_export.render import ics, stamp_for

    for meeting in meetings:
        pack, stamp = load_pack(meeting.language), stamp_for(meeting)
        for session in meeting.sessions:
            uid = ics.session_uid(meeting, session)
            programme = ics.programme_url(meeting, "https://example.org", anchor=uid)
            expected = Event.new(
                uid=uid, stamp=stamp, start=meeting.local(session.start), end=meeting.local(session.end),
                summary=ics._summary(meeting, session, pack), description=ics.session_description(meeting, session, pack, programme),
                location=ics.meeting_location(meeting), categories=ics._categories(meeting, session.body, pack),
                sequence=0, status="CONFIRMED",
            )
            expected.add("URL", programme)
            assert _properties(ics.session_event(meeting, session, pack, stamp, "https://example.org")) == _properties(expected)
        for deadline in meeting.deadlines:
            expected = Event.new(
                uid=f"{meeting.key}-deadline-{deadline.date.isoformat()}@schedule-export", stamp=stamp, start=deadline.date,
                end=deadline.date + timedelta(days=1), summary=f"{deadline.label}: {meeting.title}", description=deadline.text,
                categories=ics._categories(meeting, None, pack), sequence=0, transparency="TRANSPARENT",
            )
            assert _properties(ics.deadline_event(meeting, deadline, pack, stamp)) == _properties(expected)
        if not meeting.sessions:
            event = ics.all_day_event(meeting, pack, stamp)
            expected = Event.new(
                uid=f"{meeting.key}-days@schedule-export", stamp=stamp, start=meeting.first_day,
                end=meeting.last_day + timedelta(days=1), summary=str(event["SUMMARY"]), description=str(event["DESCRIPTION"]),
                location=ics.meeting_location(meeting), categories=ics._categories(meeting, None, pack),
                sequence=0, status="TENTATIVE", transparency="TRANSPARENT",
            )
            assert _properties(event) == _properties(expected)
        calendar = build_calendar(meeting, RenderOptions(), with_timezone=False)
        expected = Calendar.new(
            prodid=ics.PRODID, name=ics.calendar_name(meeting), description=ics.place_and_dates(meeting, pack),
            method="PUBLISH", calscale="GREGORIAN", language=pack.code, uid=f"{meeting.key}@schedule-export",
        )
        expected.add("X-WR-TIMEZONE", meeting.timezone)
        assert _properties(calendar) == _properties(expected)


def test_content_lines_are_icalendars(meetings):
    from schedule_export.render.ics import content_lines

    for meeting in meetings:
        calendar = build_calendar(meeting, RenderOptions(language="ar", base_url="https://example.org"))
        assert content_lines(calendar) == [str(line) for line in calendar.content_lines()][:-1]


@pytest.mark.parametrize("value", [b"abc", "abc", b"\xef\xbb\xbfBOM first", "\ufeffBOM in text".encode(), b"caf\xc3\xa9", b"bad \xff byte", b""])
def test_lines_are_decoded_as_icalendar_decodes_them(value):
    from icalendar.parser_tools import to_unicode

    from schedule_export.render.ics import _unicode

    assert _unicode(value) == to_unicode(value)


def _normalize_as_before(text: str) -> str:
    """normalize as it was written before: translated unconditionally, spaces collapsed by a pattern."""
    import unicodedata

    from schedule_export.lang import _ARABIC_MARKS, _COMBINING, _ONE_FOR_ONE, BIDI_MARKS

    text = text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u00a0", " ")
    if not text.isascii():
        text = _ARABIC_MARKS.sub("", BIDI_MARKS.sub("", text.translate(_ONE_FOR_ONE)))
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text.casefold()).strip()


_TEXT_PIECES = _PIECES + ["٣", "۴", "،", "؛", "\u200f", "\u064e", "\u0640", "é", "ﬁ", "\u00a0", "\u2019", "\u3000", "\u2028", "\x1c", "\x85", "\t", "ß", "Ǆ"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=24))
def test_normalize_gives_what_it_gave(pieces):
    from schedule_export.lang import normalize

    text = "".join(pieces)
    assert normalize.__wrapped__(text) == _normalize_as_before(text)


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.suffix in (".txt", ".md", ".html")], ids=lambda p: p.name)
def test_normalize_of_every_text_fixture(path):
    from schedule_export.lang import normalize

    text = path.read_text(encoding="utf-8", errors="replace")
    assert normalize.__wrapped__(text) == _normalize_as_before(text)
