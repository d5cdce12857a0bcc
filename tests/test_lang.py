"""Language packs are data: each loads, validates and offers what the renderers ask for."""

from __future__ import annotations

import pytest

from schedule_export.lang import available_languages, detect_language, load_pack, zone_of_city
from schedule_export.parse.times import parse_time_range

LANGUAGES = available_languages()


def test_the_un_languages_we_read():
    assert {"fr", "en", "es", "ru"} <= set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_pack_has_every_label_the_english_pack_has(code):
    pack, english = load_pack(code), load_pack("en")
    # ordinal patterns follow each language's CLDR plural categories, so only "other" is required
    wanted = {k for k in english.labels if not k.startswith("ordinal_")} | {"ordinal_other"}
    assert wanted - set(pack.labels) == set()


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_pack_reads_back_the_times_it_writes(code):
    pack = load_pack(code)
    for start, end in [((10, 0), (13, 0)), ((15, 0), (18, 0)), ((9, 30), (12, 45)), ((12, 0), (14, 0))]:
        written = pack.display.time_range(*start, *end)
        found = parse_time_range(written, pack)
        assert found is not None and (found.start.hour, found.start.minute, found.end.hour, found.end.minute) == (*start, *end), written


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_pack_finds_its_month_and_weekday_names_in_babel(code):
    pack = load_pack(code)
    assert sorted(set(pack.months.values())) == list(range(1, 13))
    assert sorted(set(pack.weekdays.values())) == list(range(7))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Le Groupe de travail se réunira à Vienne du 9 au 11 septembre pour examiner les questions", "fr"),
        ("The Working Group will meet in Vienna from 9 to 11 September to consider the items of the agenda", "en"),
        ("El Grupo de Trabajo se reunirá en Viena del 9 al 11 de septiembre para examinar los temas del programa", "es"),
        ("Рабочая группа проведет совещание в Вене с 9 по 11 сентября для рассмотрения пунктов повестки дня", "ru"),
    ],
)
def test_language_detection(text, code):
    assert detect_language(text).code == code


def test_conference_cities_in_any_language():
    assert zone_of_city("Genève") == zone_of_city("Женева") == "Europe/Zurich"
    assert zone_of_city("Viena") == "Europe/Vienna"
    assert zone_of_city("Atlantis") is None
