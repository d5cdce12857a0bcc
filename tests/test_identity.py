"""One meeting, one identity: the language versions of an agenda give the same events, and no script collapses."""

from __future__ import annotations

from datetime import timezone

import icalendar
import pytest

from schedule_export.identity import base_symbol, body_by_name, body_by_symbol
from schedule_export.model import slugify
from schedule_export.pipeline import load_meeting
from schedule_export.render import RenderOptions, get_exporter

from .conftest import FIXTURES

SMUGGLING_OF_MIGRANTS = ["identity_en_tabs.txt", "identity_fr_no_symbol.md", "zh_tabs.txt", "ar_tabs.txt"]


def timed_events(path) -> list[tuple[str, str, str]]:
    """(UID, UTC start, UTC end) of every timed event of the document's calendar, in order."""
    data = get_exporter("ics").render(load_meeting(path), RenderOptions())
    rows = []
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        if hasattr(event.start, "hour"):
            rows.append((str(event["UID"]), f"{event.start.astimezone(timezone.utc):%Y-%m-%dT%H:%MZ}", f"{event.end.astimezone(timezone.utc):%Y-%m-%dT%H:%MZ}"))
    return rows


def test_one_agenda_in_four_languages_gives_the_same_events():
    # English and Chinese keep the symbol; the French conversion lost it; the Arabic has its own digits
    assert load_meeting(FIXTURES / "identity_fr_no_symbol.md").symbol is None
    calendars = {name: timed_events(FIXTURES / name) for name in SMUGGLING_OF_MIGRANTS}
    english = calendars["identity_en_tabs.txt"]
    assert len(english) == 4 and len({uid for uid, _, _ in english}) == 4
    for name, events in calendars.items():
        assert events == english, name


def test_the_same_days_and_body_events_keep_their_uid_whatever_the_language_of_the_body_names():
    # "Plenary"/"الجلسات العامة" and "Committee of the Whole"/"اللجنة الجامعة"; the Arabic has no symbol
    english, arabic = timed_events(FIXTURES / "en_parallel.html"), timed_events(FIXTURES / "ar_parallel.html")
    assert arabic == english
    assert any("-committee-of-the-whole-" in uid for uid, _, _ in english)


def test_every_language_version_shares_the_meeting_key():
    keys = {load_meeting(FIXTURES / name).key for name in SMUGGLING_OF_MIGRANTS}
    assert keys == {"ctoc-cop-wg-7-2026-03-27"}


@pytest.mark.parametrize(
    ("symbol", "base"),
    [
        ("E/CN.7/2025/1", "E/CN.7/2025/1"),
        ("E/CN.7/2025/1/Rev.1", "E/CN.7/2025/1"),
        ("CTOC/COP/WG.7/2026/1*", "CTOC/COP/WG.7/2026/1"),
        ("A/CN.9/WG.IV/WP.192/Rev.1/Corr.1 *", "A/CN.9/WG.IV/WP.192"),
    ],
)
def test_revisions_and_corrections_share_the_symbol_of_their_meeting(symbol, base):
    assert base_symbol(symbol) == base


def test_a_revised_symbol_keeps_the_key(tmp_path):
    text = (FIXTURES / "identity_en_tabs.txt").read_text().replace("CTOC/COP/WG.7/2026/1", "CTOC/COP/WG.7/2026/1/Rev.1*", 1)
    path = tmp_path / "revised.txt"
    path.write_text(text)
    assert load_meeting(path).key == load_meeting(FIXTURES / "identity_en_tabs.txt").key


@pytest.mark.parametrize(
    ("symbol", "body"),
    [("A/AC.105/C.1/L.400", "a-ac-105-c-1"), ("A/AC.105/L.330", "a-ac-105"), ("E/CN.15/2026/1", "e-cn-15"), ("A/CN.9/WG.II/WP.230", "a-cn-9-wg-ii")],
)
def test_the_longest_symbol_stem_names_the_body(symbol, body):
    assert body_by_symbol(symbol).id == body


@pytest.mark.parametrize(
    ("title", "parent", "body"),
    [
        ("麻醉药品委员会", None, "e-cn-7"),
        ("Commission des stupéfiants", None, "e-cn-7"),
        ("Рабочая группа по огнестрельному оружию", None, "ctoc-cop-wg-6"),
        ("Working Group II (Dispute Settlement)", "United Nations Commission on International Trade Law", "a-cn-9-wg-ii"),
        ("الفريق العامل الثاني", "لجنة الأمم المتحدة للقانون التجاري الدولي", "a-cn-9-wg-ii"),
        # a generic "Working Group II" of another body is not UNCITRAL's
        ("Working Group II", "Conference of the Parties", None),
    ],
)
def test_bodies_are_recognised_by_their_name_in_any_language(title, parent, body):
    found = body_by_name(title, parent)
    assert (found.id if found else None) == body


def test_a_russian_agenda_with_parallel_bodies_gives_one_uid_per_event():
    path = FIXTURES / "identity_ru_parallel.md"
    meeting = load_meeting(path)
    assert len(meeting.bodies) == 3 and meeting.symbol is None
    uids = [uid for uid, _, _ in timed_events(path)]
    assert len(uids) == len(meeting.sessions) == 8
    assert len(set(uids)) == 8
    assert not any(uid.startswith("meeting-") for uid in uids)
    assert meeting.key.startswith("mezhpravitelstvennaia-gruppa-ekspertov")  # transliterated, readable


def test_two_different_russian_meetings_with_the_same_ordinal_and_year_never_merge(tmp_path):
    original = load_meeting(FIXTURES / "identity_ru_parallel.md")
    text = (FIXTURES / "identity_ru_parallel.md").read_text()
    other = tmp_path / "other.md"
    other.write_text(text.replace("возвращению культурных ценностей", "защите свидетелей"))
    second = load_meeting(other)
    assert (second.ordinal, second.first_day.year) == (original.ordinal, original.first_day.year)
    assert second.key != original.key
    assert not {uid for uid, _, _ in timed_events(other)} & {uid for uid, _, _ in timed_events(FIXTURES / "identity_ru_parallel.md")}


@pytest.mark.parametrize("title", ["贩运文物问题专家组", "فريق الخبراء المعني بالممتلكات الثقافية", "Группа экспертов", "Ομάδα εμπειρογνωμόνων"])
def test_no_script_slugs_to_nothing(title):
    slug = slugify(title)
    assert slug and slug != "meeting" and slug.isascii()
    assert slug == slugify(title)  # stable
    assert slug != slugify(title + "二")  # and specific


def test_chinese_titles_of_unlisted_bodies_keep_apart():
    assert slugify("文物问题专家组") != slugify("证人保护问题专家组")


def test_every_listed_body_is_named_in_every_language_and_no_name_is_shared():
    import tomllib
    from importlib import resources

    from schedule_export.lang import available_languages, normalize

    data = tomllib.loads((resources.files("schedule_export") / "data" / "bodies.toml").read_text(encoding="utf-8"))
    owners: dict[str, str] = {}
    for body_id, entry in data["bodies"].items():
        assert set(entry) - {"stem", "within"} == set(available_languages()), body_id
        assert body_id == slugify(entry["stem"])  # the id is the stem, readable in keys
        for code in available_languages():
            for name in entry[code]:
                assert owners.setdefault(normalize(name), body_id) == body_id, name
