"""Language packs are data: each loads, validates and offers what the renderers ask for."""

from __future__ import annotations

import pytest

from datetime import date

from schedule_export.errors import ParseError
from schedule_export.lang import available_languages, detect_language, load_pack, normalize, zone_of_city
from schedule_export.parse.dates import find_date_ranges, parse_day_header
from schedule_export.parse.items import parse_cell_items
from schedule_export.parse.times import parse_time_range
from schedule_export.render.labels import date_span

LANGUAGES = available_languages()


def test_the_un_languages_we_read():
    assert {"ar", "zh", "en", "fr", "ru", "es"} <= set(LANGUAGES)


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
        ("工作组将于2025年9月9日至11日在维也纳举行会议", "zh"),
        ("سيعقد الفريق العامل اجتماعه في فيينا من 9 إلى 11 أيلول/سبتمبر", "ar"),
        # the script decides before any word is counted: the English "Distr." block does not make them English
        ("United Nations CTOC/COP/WG.7/2026/1 Distr.: General 12 January 2026 Chinese Original: English 偷运移民问题工作组 维也纳，2026年3月27日至30日 临时议程", "zh"),
        ("Distr.: General 12 January 2026 Arabic Original: English الفريق العامل المعني بتهريب المهاجرين فيينا، 27-30 آذار/مارس 2026", "ar"),
    ],
)
def test_language_detection(text, code):
    assert detect_language(text).code == code


@pytest.mark.parametrize("text", ["Η ομάδα εργασίας θα συνεδριάσει στη Βιέννη", "作業部会はウィーンで会合を開きます。ただし、"])
def test_a_script_no_pack_is_written_in_is_refused_rather_than_misread(text):
    with pytest.raises(ParseError, match="cannot tell the document's language"):
        detect_language(text)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_pack_reads_back_the_meeting_dates_it_writes(code):
    pack = load_pack(code)
    for first, last in [(date(2026, 3, 27), date(2026, 3, 30)), (date(2026, 3, 31), date(2026, 4, 2)), (date(2026, 12, 30), date(2027, 1, 2))]:
        written = date_span(first, last, pack)
        found = find_date_ranges(written, pack)
        assert found and (found[0].first, found[0].last) == (first, last), written


def test_arabic_indic_digits_are_read_as_digits_and_folding_keeps_their_positions():
    assert normalize("١٠:٠٠-١٣:٠٠") == "10:00-13:00"
    assert normalize("۱۵:۳۰") == "15:30"  # Extended Arabic-Indic, as Persian and Urdu keyboards type them
    assert len(normalize("الساعة ١٠:٠٠")) == len("الساعة ١٠:٠٠")


def test_direction_marks_are_invisible_to_matching():
    assert normalize("\u200f10:00-13:00\u200e") == "10:00-13:00"
    assert normalize("\u2067فيينا\u2069") == "فيينا"
    pack = load_pack("ar")
    found = parse_time_range("\u202b15:00\u202c-\u200f18:00", pack)
    assert found is not None and (found.start.hour, found.end.hour) == (15, 18)


def test_full_width_forms_fold_to_ascii():
    assert normalize("（续）") == "(续)"
    assert normalize("１０：００") == "10:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上午10时至下午1时", ((10, 0), (13, 0))),
        ("下午3时至6时", ((15, 0), (18, 0))),  # the afternoon marker written once, before the start
        ("上午9时30分至12时", ((9, 30), (12, 0))),
        ("10:00-13:00", ((10, 0), (13, 0))),
        ("从上午10时到下午1时", ((10, 0), (13, 0))),
    ],
)
def test_chinese_times(text, expected):
    found = parse_time_range(text, load_pack("zh"))
    assert found is not None and ((found.start.hour, found.start.minute), (found.end.hour, found.end.minute)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00-13:00", ((10, 0), (13, 0))),
        ("من الساعة 10:00 إلى الساعة 13:00", ((10, 0), (13, 0))),
        ("من الساعة ١٥:٠٠ إلى الساعة ١٨:٠٠", ((15, 0), (18, 0))),
    ],
)
def test_arabic_times(text, expected):
    found = parse_time_range(text, load_pack("ar"))
    assert found is not None and ((found.start.hour, found.start.minute), (found.end.hour, found.end.minute)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年3月17日星期一", (2025, 3, 17, 0)),
        ("2025年3月17日，星期一", (2025, 3, 17, 0)),
        ("3月18日(星期二)", (None, 3, 18, 1)),
        ("2025年3月21日 周五", (2025, 3, 21, 4)),
        ("星期五，2025年3月21日", (2025, 3, 21, 4)),
    ],
)
def test_chinese_day_headers(text, expected):
    header = parse_day_header(text, load_pack("zh"))
    assert header is not None and (header.year, header.month, header.day, header.weekday) == expected


@pytest.mark.parametrize(
    ("code", "text", "weekday_word"),
    [
        ("en", "31 October (Wednesday)", "Wednesday"),
        ("fr", "31 octobre 2029 mercredi", "mercredi"),
        ("es", "31 de octubre (Miércoles)", "Miércoles"),
        ("ru", "31 октября (среда)", "среда"),
        ("ar", "31 تشرين الأول/أكتوبر الأربعاء", "الأربعاء"),
    ],
)
def test_weekday_after_its_date_is_the_days_weekday_not_text_left_over(code, text, weekday_word):
    # "31 October (Wednesday)", and a weekday wrapped under its date in a header cell: the weekday was left
    # over as the label's rest, so the cell was no day label at all
    header = parse_day_header(text, load_pack(code))
    assert header is not None and (header.month, header.day, header.weekday, header.weekday_word, header.rest) == (10, 31, 2, weekday_word, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الاثنين، 17 آذار/مارس 2025", (2025, 3, 17, 0)),  # Levantine and Egyptian names of one month
        ("الاثنين 17 مارس", (None, 3, 17, 0)),
        ("الثلاثاء، ١٨ آذار", (None, 3, 18, 1)),
        ("الخميس، 5 حزيران/يونيه 2025", (2025, 6, 5, 3)),  # UN Arabic "يونيه", not in CLDR
        ("الجمعة، 4 تموز / يوليه", (None, 7, 4, 4)),
    ],
)
def test_arabic_day_headers(text, expected):
    header = parse_day_header(text, load_pack("ar"))
    assert header is not None and (header.year, header.month, header.day, header.weekday) == expected


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("zh", "维也纳，2025年3月17日至21日", (date(2025, 3, 17), date(2025, 3, 21))),
        ("zh", "2007年11月19-23日，日内瓦", (date(2007, 11, 19), date(2007, 11, 23))),
        ("zh", "2025年3月31日至4月2日", (date(2025, 3, 31), date(2025, 4, 2))),
        ("zh", "2025年12月30日至2026年1月2日", (date(2025, 12, 30), date(2026, 1, 2))),
        ("ar", "فيينا، 17-21 آذار/مارس 2025", (date(2025, 3, 17), date(2025, 3, 21))),
        ("ar", "من ٣١ آذار/مارس إلى ٢ نيسان/أبريل ٢٠٢٥", (date(2025, 3, 31), date(2025, 4, 2))),
    ],
)
def test_meeting_dates_in_chinese_and_arabic(code, text, expected):
    found = find_date_ranges(text, load_pack(code))
    assert found and (found[0].first, found[0].last) == expected


@pytest.mark.parametrize(
    ("code", "text", "refs", "continued"),
    [
        ("ar", "1 (أ)", ((1, "a"),), False),
        ("ar", "البند 2 (ب) (تابع)", ((2, "b"),), True),
        ("ar", "٣", ((3, None),), False),
        ("zh", "1 (a)", ((1, "a"),), False),
        ("zh", "项目2（续）", ((2, None),), True),
        ("zh", "项目1(a)和(b)", ((1, "a"), (1, "b")), False),  # no spaces around 和
        ("zh", "1、2", ((1, None), (2, None)), False),
        ("zh", "1（a）会议开幕", ((1, "a"),), False),
    ],
)
def test_item_references_with_the_packs_own_letters_and_continuation(code, text, refs, continued):
    found = parse_cell_items(text, load_pack(code))
    assert found is not None and (found.refs, found.continued) == (refs, continued)


@pytest.mark.parametrize("text", ["2025年", "3月17日", "2025"])
def test_numbers_of_a_date_are_not_items(text):
    assert parse_cell_items(text, load_pack("zh")) is None


def test_a_range_may_repeat_its_lead_word_on_the_end():
    found = parse_time_range("الساعة 10:00 - الساعة 13:00", load_pack("ar"))
    assert found is not None and (found.start.hour, found.end.hour) == (10, 13)


def test_conference_cities_in_any_language():
    assert zone_of_city("Genève") == zone_of_city("Женева") == "Europe/Zurich"
    assert zone_of_city("Viena") == "Europe/Vienna"
    assert zone_of_city("Atlantis") is None


@pytest.mark.parametrize(
    ("code", "text", "ordinal"),
    [
        ("ar", "الاجتماع الحادي والعشرون للفريق العامل", 21),
        ("ar", "الدورة الثامنة والستون للجنة المخدرات", 68),
        ("ar", "الاجتماع الحادي عشر", 11),
        ("zh", "偷运移民问题工作组第二十一次会议", 21),
        ("zh", "麻醉药品委员会第六十八届会议", 68),
    ],
)
def test_ordinals_in_chinese_and_arabic(code, text, ordinal):
    from types import SimpleNamespace

    from schedule_export.parse.document import _ordinal_in

    assert _ordinal_in(text, SimpleNamespace(pack=load_pack(code))) == ordinal
