"""Regressions from agendas written blind (by testers who never read the parser), named after what broke."""

from __future__ import annotations

import pytest

from schedule_export.pipeline import load_meeting

from .conftest import FIXTURES, utc_slots

BLIND = FIXTURES / "blind"


def notes(meeting) -> list[tuple[str, str | None, str]]:
    return [(n.date.isoformat(), n.body, n.text) for n in meeting.day_notes]


def test_russian_times_without_dots_and_a_header_repeated_after_a_page_break():
    # "10 ч 00 м – 13 ч 00 м" was not a time; the header row alone atop page 2 ended up in a meeting's notes
    meeting = load_meeting(BLIND / "ru_copuos_pdftotext_layout.txt")
    assert utc_slots(meeting) == [
        ("2027-10-28T08:00Z", "2027-10-28T11:00Z", None, ("1", "2", "3")),
        ("2027-10-28T13:00Z", "2027-10-28T16:00Z", None, ("3+", "4")),
        ("2027-10-29T08:00Z", "2027-10-29T11:00Z", None, ("4+", "5")),
        ("2027-10-29T13:00Z", "2027-10-29T16:00Z", None, ("5+", "6")),
        ("2027-11-01T09:00Z", "2027-11-01T12:00Z", None, ("7",)),
        ("2027-11-01T14:00Z", "2027-11-01T16:30Z", None, ("8",)),
    ]
    assert not any("Дата" in note for s in meeting.sessions for note in s.notes)


def test_continued_mark_follows_its_own_item_and_a_wrapped_title_is_whole():
    # "Point 7 (suite) et point 8" marked both continued; the title kept only its second line
    meeting = load_meeting(BLIND / "fr_geneve_pipe.md")
    assert meeting.title == "Groupe d'experts des statistiques de l'énergie durable"
    assert utc_slots(meeting)[-1] == ("2027-03-10T09:00Z", "2027-03-10T12:00Z", None, ("7+", "8"))
    assert len(meeting.sessions) == 5  # Wednesday afternoon: "Pas de séance*"


def test_no_meeting_with_a_footnote_mark_and_an_agenda_under_its_annotated_heading():
    # "No hay sesión<sup>a</sup>" read as "sesióna", a phantom meeting; 0 agenda items under "Programa provisional anotado"
    meeting = load_meeting(BLIND / "es_nuevayork_rowspan.html")
    assert meeting.title == "Grupo de Trabajo de Composición Abierta sobre la Seguridad de las Tecnologías Digitales"
    assert [i.key for i in meeting.agenda] == ["1", "2", "3", "4", "5", "6"]
    assert len(meeting.sessions) == 5
    assert ("2028-04-20", None, "No hay sesión a") in notes(meeting)


def test_dash_cells_of_a_word_table_are_not_meetings():
    # "—" in a body's column gave a meeting of that body with no items
    meeting = load_meeting(BLIND / "en_nairobi_parallel.docx")
    assert utc_slots(meeting) == [
        ("2028-06-05T07:00Z", "2028-06-05T10:00Z", "Plenary", ("1", "2", "3")),
        ("2028-06-05T12:00Z", "2028-06-05T15:00Z", "Committee of the Whole", ("4", "5")),
        ("2028-06-06T07:00Z", "2028-06-06T10:00Z", "Committee of the Whole", ("5+", "6")),
        ("2028-06-06T12:00Z", "2028-06-06T15:00Z", "Plenary", ("7", "8")),
        ("2028-06-06T12:00Z", "2028-06-06T15:00Z", "Committee of the Whole", ("6+",)),
    ]
    # "3. Organization of work." is an agenda item, not the annex heading: the agenda has its eight items
    assert [a.number for a in meeting.agenda] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert meeting.findings == ()


def test_meeting_dates_written_as_a_list_of_days_start_on_the_first():
    # "New York, 9, 10 and 13 March 2028" was read from the 10th, and the 9th warned as outside the meeting
    from schedule_export.lang import load_pack
    from schedule_export.parse.dates import find_date_ranges

    (found,) = find_date_ranges("New York, 9, 10 and 13 March 2028", load_pack("en"))
    assert (found.first.isoformat(), found.last.isoformat()) == ("2028-03-09", "2028-03-13")
    (found,) = find_date_ranges("Santiago, 1, 2 y 5 de abril de 2027", load_pack("es"))
    assert (found.first.isoformat(), found.last.isoformat()) == ("2027-04-01", "2027-04-05")


def test_footnote_mark_and_signature_under_a_pdf_table_are_not_read_into_it():
    # a footnote mark "a" in a cell became a note, and the footnote and signature under the table warned line by line
    meeting = load_meeting(BLIND / "en_newyork_weasyprint.pdf")
    assert utc_slots(meeting)[:3] == [
        ("2028-03-09T15:00Z", "2028-03-09T18:00Z", None, ("1", "2", "3", "4")),  # hours stated once in the text
        ("2028-03-09T20:00Z", "2028-03-09T23:00Z", None, ("4+",)),
        ("2028-03-10T15:00Z", "2028-03-10T18:00Z", None, ("5",)),
    ]
    assert len(meeting.sessions) == 6
    assert all("a" not in s.notes for s in meeting.sessions)
    assert not any("outside any timed meeting" in f.message for f in meeting.findings)


REGRESSIONS = FIXTURES / "regressions"


def test_russian_date_ending_in_the_year_word_labels_a_day_column():
    # "Вторник, 11 февраля 2031 года" over a column was no day at all ("года" left over): 0 meetings
    meeting = load_meeting(REGRESSIONS / "ru_year_word_columns.md")
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2031-02-11T09:00Z", "2031-02-11T12:00Z", None, ("1", "2")),
        ("2031-02-11T14:00Z", "2031-02-11T17:00Z", None, ("3",)),
        ("2031-02-12T09:00Z", "2031-02-12T12:00Z", None, ("4",)),  # "2031 г." as well
        ("2031-02-13T09:00Z", "2031-02-13T12:00Z", None, ("5",)),
        ("2031-02-13T14:00Z", "2031-02-13T17:00Z", None, ("6",)),
    ]
    assert ("2031-02-12", None, "Заседания не проводятся") in notes(meeting)
    assert not meeting.findings


def test_russian_day_rows_ending_in_the_year_word_leave_nothing_over():
    # "Вторник, 5 ноября 2030 г." as a day row: "года" / "." became notes or "outside any timed meeting" warnings
    meeting = load_meeting(REGRESSIONS / "ru_year_word_rows.txt")
    assert utc_slots(meeting) == [
        ("2030-11-05T09:00Z", "2030-11-05T12:00Z", None, ("1", "2")),
        ("2030-11-05T14:00Z", "2030-11-05T17:00Z", None, ("2+",)),
        ("2030-11-06T14:00Z", "2030-11-06T17:00Z", None, ("3",)),
        ("2030-11-08T09:00Z", "2030-11-08T12:00Z", None, ("4",)),
    ]
    assert all(not s.notes for s in meeting.sessions)
    # "Заседаний не будет": a day note, so the four announced plenary meetings agree with the annex
    assert notes(meeting) == [("2030-11-06", None, "Заседаний не будет (неофициальные встречи региональных групп)")]
    assert not meeting.findings


def test_arabic_no_meeting_with_vowel_marks_and_another_negation_is_a_day_note():
    # "لن تُعقَد جلسات", "لا تعقد أي جلسات" became meetings without items, and the announced count disagreed
    meeting = load_meeting(REGRESSIONS / "ar_no_meeting_inflected.txt")
    assert meeting.timezone == "Africa/Nairobi"
    assert utc_slots(meeting) == [
        ("2031-05-13T07:00Z", "2031-05-13T10:00Z", None, ("1", "2")),
        ("2031-05-14T07:00Z", "2031-05-14T10:00Z", None, ("3",)),
        ("2031-05-15T07:00Z", "2031-05-15T10:00Z", None, ("3+",)),
        ("2031-05-15T12:00Z", "2031-05-15T15:00Z", None, ("4",)),
    ]
    assert notes(meeting) == [
        ("2031-05-13", None, "لن تُعقَد جلسات"),
        ("2031-05-14", None, "لا تعقد أي جلسات (مشاورات إقليمية)"),
    ]
    assert not meeting.findings


@pytest.mark.parametrize(
    "language, written",
    [
        ("ru", "Заседаний не планируется"),
        ("ru", "заседания не проводятся"),
        ("ru", "Нет заседаний"),
        ("ar", "لا تُعقد جلسات"),
        ("ar", "لا توجد جلسات"),
        ("en", "No meetings scheduled"),
        ("en", "no meeting is planned"),
        ("fr", "Pas de séances plénières"),
        ("fr", "aucune séance n'est prévue"),
        ("es", "No se celebrarán sesiones"),
        ("es", "No hay sesiones"),
        ("zh", "下午不举行会议"),
        ("zh", "无会议"),
    ],
)
def test_no_meeting_wordings_inflected_or_reordered_are_not_meetings(language, written):
    # matching was literal: another inflection or word order of a pack's phrase gave a meeting
    from schedule_export.parse.timetable import Labels

    from .test_parse_structure import context_in

    assert Labels(context_in(language)).non_meeting(written)


@pytest.mark.parametrize(
    "language, written",
    [("ru", "Пленарное заседание"), ("ru", "Заседание рабочей группы по вопросам, не решенным ранее"), ("ar", "الجلسة العامة"), ("fr", "Séance plénière"), ("es", "Sesión plenaria"), ("zh", "全体会议")],
)
def test_meeting_words_without_a_negation_are_not_no_meeting(language, written):
    from schedule_export.parse.timetable import Labels

    from .test_parse_structure import context_in

    assert not Labels(context_in(language)).non_meeting(written)


def test_order_of_the_day_with_a_heading_per_body_gives_each_body_its_meetings():
    # headings "الجلسات العامة" / "اللجنة الجامعة" over their time rows were a stray warning and a note:
    # both bodies' rows fell into one plenary, "overlaps" and "both started and continued" warnings; "البندان ٤ و٥" read as 4 alone
    meeting = load_meeting(REGRESSIONS / "ar_order_of_the_day_body_headings.txt")
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2031-10-23T07:30Z", "2031-10-23T10:30Z", "الجلسات العامة", ("1", "2", "3")),
        ("2031-10-23T07:30Z", "2031-10-23T10:30Z", "اللجنة الجامعة", ("3+",)),
        ("2031-10-23T12:30Z", "2031-10-23T15:30Z", "الجلسات العامة", ("4", "5")),
        ("2031-10-23T12:30Z", "2031-10-23T14:00Z", "اللجنة الجامعة", ("3+",)),
    ]
    assert notes(meeting) == [("2031-10-23", "الجلسات العامة", "مشاورات غير رسمية (بدون ترجمة شفوية)")]
    assert not meeting.findings


def _word_grid_with_named_hours(path):
    """A Russian week grid in Word: each period's head cell is its name and its hours as two paragraphs."""
    from docx import Document

    document = Document()
    for line in ("Организация Объединенных Наций", "UNODC/CCPCJ/EG.12/2032/1", "Группа экспертов по защите свидетелей",
                 "Вена, 9 и 10 марта 2032 года", "Предварительная повестка дня",
                 "1. Открытие совещания.", "2. Программы защиты свидетелей.", "3. Утверждение доклада.", "Приложение", "Предлагаемая организация работы"):
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=3)
    head = table.rows[0].cells
    head[0].text = "Дата"
    for cell, (name, hours) in zip(head[1:], (("Утреннее заседание", "10.00–13.00"), ("Дневное заседание", "15.00–18.00"))):
        cell.text = name
        cell.add_paragraph(hours)
    for row, cells in zip(table.rows[1:], (("Вторник, 9 марта", "Пункт 1. Открытие совещания", "Пункт 2. Программы защиты свидетелей"),
                                           ("Среда, 10 марта", "Пункт 2 (продолжение)", "Пункт 3. Утверждение доклада"))):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(path)
    return path


def test_word_header_cell_with_a_period_name_and_its_hours_as_two_paragraphs_labels_its_column(tmp_path):
    # "Утреннее заседание" / "10.00–13.00" in one Word cell: hours with words left over were no column head, 0 meetings
    meeting = load_meeting(_word_grid_with_named_hours(tmp_path / "grid.docx"))
    assert utc_slots(meeting) == [
        ("2032-03-09T09:00Z", "2032-03-09T12:00Z", None, ("1",)),
        ("2032-03-09T14:00Z", "2032-03-09T17:00Z", None, ("2",)),
        ("2032-03-10T09:00Z", "2032-03-10T12:00Z", None, ("2+",)),
        ("2032-03-10T14:00Z", "2032-03-10T17:00Z", None, ("3",)),
    ]
    assert [i.title for i in meeting.sessions[0].items] == ["Открытие совещания"]
    assert all(not s.notes for s in meeting.sessions)
    assert not meeting.findings


def test_item_alone_on_its_line_in_a_text_grid_takes_the_wrapped_title_below():
    # "Пункт 2." alone, its title on the lines below: the capitalised first half became a stray note
    # ("Новые психоактивные") and the lower-case rest was appended to the agenda's title ("… вещества вещества")
    meeting = load_meeting(REGRESSIONS / "ru_item_alone_over_its_title.txt")
    assert utc_slots(meeting) == [
        ("2031-06-02T08:00Z", "2031-06-02T11:00Z", None, ("1", "2")),
        ("2031-06-02T13:00Z", "2031-06-02T16:00Z", None, ("2+",)),
        ("2031-06-03T08:00Z", "2031-06-03T11:00Z", None, ("3",)),
        ("2031-06-03T13:00Z", "2031-06-03T16:00Z", None, ("4",)),
    ]
    assert [i.title for i in meeting.sessions[0].items] == ["Открытие совещания", "Новые психоактивные вещества"]
    assert [i.title for i in meeting.sessions[2].items] == ["Обмен данными между лабораториями"]
    assert all(not s.notes for s in meeting.sessions)
    assert not meeting.findings


# Blind test 4: header, city, symbol, agenda title, corrigendum, ordinal (fixtures written for these tests)


def test_chinese_header_with_the_city_after_the_dates_is_timed_in_that_city():
    # "2028年4月10日至11日，纽约" (the usual Chinese order) named no city: the meeting was timed in Vienna, 6 hours off;
    # the symbol on the line "联合国 E/C.21/2028/1" was not found either
    meeting = load_meeting(REGRESSIONS / "zh_city_after_dates.md")
    assert (meeting.city, meeting.timezone, meeting.symbol) == ("纽约", "America/New_York", "E/C.21/2028/1")
    assert utc_slots(meeting) == [
        ("2028-04-10T14:00Z", "2028-04-10T17:00Z", None, ("1", "2")),
        ("2028-04-10T19:00Z", "2028-04-10T22:00Z", None, ("3",)),
        ("2028-04-11T14:00Z", "2028-04-11T17:00Z", None, ("4",)),
    ]
    assert not meeting.findings


def test_arabic_header_with_the_city_after_the_dates_and_a_resumed_session_keeps_the_committee_as_title():
    # "٦-٧ آذار/مارس ٢٠٢٨، جنيف" named no city (timed in Vienna); "الدورة المستأنفة" (resumed session) was taken as the title
    meeting = load_meeting(REGRESSIONS / "ar_city_after_dates_resumed_session.txt")
    assert (meeting.city, meeting.timezone) == ("جنيف", "Europe/Zurich")
    assert meeting.title == "اللجنة المعنية بمصايد الأسماك في أعالي البحار"
    assert utc_slots(meeting)[0] == ("2028-03-06T09:00Z", "2028-03-06T12:00Z", None, ("1", "2"))
    assert not meeting.findings


def test_russian_ordinal_over_a_hundred_and_the_city_after_the_dates():
    # "Сто восемьдесят четвертая сессия" read as 4; "14–15 марта 2028 года, Женева" named no city
    meeting = load_meeting(REGRESSIONS / "ru_hundred_ordinal_city_after_dates.txt")
    assert (meeting.ordinal, meeting.ordinal_text) == (184, "Сто восемьдесят четвертая сессия")
    assert (meeting.city, meeting.timezone) == ("Женева", "Europe/Zurich")
    assert utc_slots(meeting)[0] == ("2028-03-14T09:00Z", "2028-03-14T12:00Z", None, ("1", "2"))


def test_city_known_only_to_the_cldr_a_symbol_in_a_pipe_header_and_a_title_ending_with_of_the():
    # "Copenhagen" was not in data/cities.toml (timed in Vienna, with a warning); "United Nations | NAV/31-WP/7" gave no
    # symbol (and "31-WP" split it in two); the title stopped at "of the"; "One hundred and third" read as 3
    meeting = load_meeting(REGRESSIONS / "en_cldr_city_symbol_in_pipe_header.md")
    assert (meeting.timezone, meeting.symbol, meeting.ordinal) == ("Europe/Copenhagen", "NAV/31-WP/7", 103)
    assert meeting.title == "Standing Committee on Aids to Navigation of the United Nations Maritime Navigation Council"
    assert utc_slots(meeting)[0] == ("2028-05-08T08:00Z", "2028-05-08T11:00Z", None, ("1", "2"))
    assert [item.number for item in meeting.agenda] == [1, 2, 3, 4]
    assert not meeting.findings


@pytest.mark.parametrize(
    ("city", "zone"),
    [("Copenhague", "Europe/Copenhagen"), ("Копенгаген", "Europe/Copenhagen"), ("哥本哈根", "Europe/Copenhagen"),
     ("كوبنهاغن", "Europe/Copenhagen"), ("Montréal", "America/Toronto"), ("Buenos Aires", "America/Argentina/Buenos_Aires"),
     ("Ciudad de México", "America/Mexico_City"), ("Москва", "Europe/Moscow"), ("马尼拉", "Asia/Manila"),
     ("Kingston", "America/Jamaica"), ("Hamburg", "Europe/Berlin"), ("Atlantis", None)],
)
def test_duty_stations_are_placed_in_every_language(city, zone):
    from schedule_export.parse.document import city_zone

    assert city_zone(city) == zone


def test_corrigendum_replacing_the_annex_has_no_agenda_and_warns_of_no_missing_item():
    # "1. The annex should read as follows:" became agenda item 1, then "item 2 is not on the agenda" and so on
    meeting = load_meeting(REGRESSIONS / "en_corrigendum_replacing_the_annex.md")
    assert meeting.symbol == "NAV/31-WP/7/Corr.1"
    assert meeting.agenda == ()
    assert utc_slots(meeting)[-1] == ("2028-05-09T13:00Z", "2028-05-09T16:00Z", None, ("4",))
    assert not meeting.findings


def test_temario_provisional_is_the_spanish_agenda_of_eclac():
    # "Temario provisional" gave no agenda; "Lima" no zone; "Septuagésimo período de sesiones" was the title, without ordinal
    meeting = load_meeting(REGRESSIONS / "es_temario_provisional.md")
    assert [item.number for item in meeting.agenda] == [1, 2, 3, 4]
    assert (meeting.title, meeting.ordinal) == ("Comité de Estadística de las Américas", 70)
    assert (meeting.timezone, meeting.symbol) == ("America/Lima", "LC/SEM.301/1")
    assert utc_slots(meeting)[0] == ("2028-05-03T15:00Z", "2028-05-03T18:00Z", None, ("1", "2"))


def test_symbol_in_the_word_header_table_beside_distr_general(tmp_path):
    # a cell "TD/X/C.2/4 / Distr.: General / date / Original" (its paragraphs joined) gave no symbol
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "United Nations"
    cell = table.cell(0, 1)
    cell.text = "TD/X/C.2/4"
    for text in ("Distr.: General", "9 January 2028", "Original: English"):
        cell.add_paragraph(text)
    for text in ("Expert Group on Trade Statistics", "Fourth session", "Geneva, 13 March 2028", "Provisional agenda",
                 "1. Opening of the session.", "2. Adoption of the report."):
        document.add_paragraph(text)
    path = tmp_path / "header.docx"
    document.save(path)
    meeting = load_meeting(path)
    assert (meeting.symbol, meeting.title, meeting.timezone) == ("TD/X/C.2/4", "Expert Group on Trade Statistics", "Europe/Zurich")


@pytest.mark.parametrize(
    ("text", "symbols"),
    [("LC/42-WP/1/Corr.1", ["LC/42-WP/1/Corr.1"]), ("see A/73/100-S/2018/500.", ["A/73/100", "S/2018/500"]),
     ("ICCD/COP(16)/1", ["ICCD/COP(16)/1"]), ("UNEP/CBD/COP/16/1/Rev.1/Corr.1", ["UNEP/CBD/COP/16/1/Rev.1/Corr.1"]),
     ("E/CN.7/2025/L.1/Add.1", ["E/CN.7/2025/L.1/Add.1"]), ("V.27-01234", []),
     # a part in lower case after its capital, a stem of two joined by a hyphen: not found at all before
     ("UNEP/OzL.Pro.WG.1/45/1", ["UNEP/OzL.Pro.WG.1/45/1"]), ("(ICC-ASP/22/1)", ["ICC-ASP/22/1"]), ("and/or 3 km/h", [])],
)
def test_symbols_with_a_hyphenated_session_or_a_session_in_brackets_are_whole(text, symbols):
    from schedule_export.parse.context import find_symbols

    assert find_symbols(text) == symbols


@pytest.mark.parametrize(
    ("code", "text", "ordinal"),
    [("ar", "الدورة العادية الثالثة", 3), ("ar", "الاجتماع الاستثنائي الرابع", 4), ("ar", "الدورة الخامسة عشرة", 15),
     ("en", "One hundred and twelfth session", 112), ("fr", "Cent douzième session", 112),
     ("es", "Centésimo duodécimo período de sesiones", 112), ("ru", "Сто двенадцатая сессия", 112),
     ("ru", "Девяносто первая сессия", 91), ("es", "Octogésimo período de sesiones", 80)],
)
def test_ordinals_with_hundreds_or_an_adjective_after_the_meeting_word(code, text, ordinal):
    # "Сто девяносто девятая сессия" read as 9; "الاجتماع الاستثنائي الثاني" (second special meeting) had no ordinal
    from schedule_export.lang import load_pack
    from schedule_export.parse.context import Context
    from schedule_export.parse.document import _ordinal_in
    from schedule_export.read import read_bytes

    assert _ordinal_in(text, Context(document=read_bytes(b"x", "x.txt"), pack=load_pack(code))) == ordinal


def test_a_second_week_in_an_annex_of_its_own_is_read():
    # "Annex II / Proposed organization of work: second week": the timetable ended at "Annex II" and the
    # second week was lost, with no other sign than "agenda item 6 is never scheduled"
    meeting = load_meeting(REGRESSIONS / "en_second_week_in_annex_two.txt")
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2030-03-25T09:00Z", "2030-03-25T12:00Z", None, ("1", "2")),
        ("2030-03-25T14:00Z", "2030-03-25T17:00Z", None, ("3",)),
        ("2030-03-27T09:00Z", "2030-03-27T12:00Z", None, ("3+",)),
        ("2030-04-02T08:00Z", "2030-04-02T11:00Z", None, ("4",)),  # summer time from 31 March
        ("2030-04-02T13:00Z", "2030-04-02T16:00Z", None, ("5",)),
        ("2030-04-05T13:00Z", "2030-04-05T16:00Z", None, ("6",)),
    ]
    assert meeting.sessions[0].items[1].title == "Adoption of the agenda and organization of work"
    assert not meeting.findings  # the list of documents in Annex III is not a timetable


@pytest.mark.parametrize("name", ["es_second_week_table_after_text.docx", "es_second_week_table_after_text_libreoffice.pdf"])
def test_a_second_week_table_after_running_text_is_read(name):
    # two Word tables (and their PDF) a week each, paragraphs between them: only the first week was read
    meeting = load_meeting(REGRESSIONS / name)
    assert meeting.timezone == "America/Santiago"
    assert utc_slots(meeting) == [
        ("2031-03-31T13:00Z", "2031-03-31T16:00Z", None, ("1", "2")),
        ("2031-03-31T18:00Z", "2031-03-31T21:00Z", None, ("3",)),
        ("2031-04-02T13:00Z", "2031-04-02T16:00Z", None, ("3+",)),
        ("2031-04-07T14:00Z", "2031-04-07T17:00Z", None, ("4",)),  # Chile's summer time ended on 6 April
        ("2031-04-07T19:00Z", "2031-04-07T22:00Z", None, ("5",)),
        ("2031-04-11T19:00Z", "2031-04-11T22:00Z", None, ("6",)),
    ]
    assert not meeting.findings


def test_an_annex_giving_the_same_days_again_without_naming_a_body_is_warned_of_not_read():
    meeting = load_meeting(REGRESSIONS / "fr_annex_two_repeats_the_days.md")
    assert [s[:2] for s in utc_slots(meeting)] == [
        ("2029-11-19T07:00Z", "2029-11-19T10:00Z"),
        ("2029-11-19T12:00Z", "2029-11-19T15:00Z"),
        ("2029-11-21T07:00Z", "2029-11-21T10:00Z"),
    ]
    assert [(f.line, f.message) for f in meeting.findings] == [
        (31, "a second timetable gives days the first gives too (19 Nov) and its heading names no body; it is not read")
    ]


def test_afternoon_word_ending_in_a_lead_word_keeps_its_unbracketed_hours():
    # "Tarde 14.30-17.30 horas" as a column head read as "Tar" + "de 14.30-17.30": the column was no time
    # column, and the whole timetable was lost ("no timed organization of work found")
    meeting = load_meeting(REGRESSIONS / "es_period_word_then_hours_in_column_head.md")
    assert meeting.timezone == "America/Panama"
    assert utc_slots(meeting) == [
        ("2029-04-16T14:00Z", "2029-04-16T17:00Z", None, ("1", "2")),
        ("2029-04-16T19:00Z", "2029-04-16T22:00Z", None, ("3",)),
        ("2029-04-17T14:00Z", "2029-04-17T17:00Z", None, ("3+",)),
        ("2029-04-17T19:00Z", "2029-04-17T22:00Z", None, ("4",)),
        ("2029-04-18T19:00Z", "2029-04-18T22:00Z", None, ("5",)),
    ]
    assert not meeting.findings


@pytest.mark.parametrize(("code", "text"), [("es", "Tarde 14.30-17.30 horas"), ("es", "Tarde de 14.30 a 17.30 horas"), ("fr", "Après-midi de 15 h à 18 h")])
def test_a_lead_word_of_a_time_range_is_a_whole_word(code, text):
    from schedule_export.lang import load_pack
    from schedule_export.parse.times import parse_time_range

    found = parse_time_range(text, load_pack(code), anchored=False)
    assert found is not None and found.start.hour in (14, 15)
    assert text[: found.span[0]].strip() in ("Tarde", "Après-midi")


@pytest.mark.parametrize("name", ["fr_body_columns_with_rooms.docx", "fr_body_columns_with_rooms_libreoffice.pdf"])
def test_body_column_heads_with_their_room_in_brackets_are_heads(name):
    # "Plenary" / "(Conference Hall 1)" as one Word cell: the room's number made the head row content, the
    # second body's column was lost and its meetings filed under the first; the PDF warned of the rooms
    meeting = load_meeting(REGRESSIONS / name)
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2030-10-14T08:00Z", "2030-10-14T11:00Z", "Plénière", ("1", "2")),
        ("2030-10-14T13:00Z", "2030-10-14T16:00Z", "Plénière", ("3",)),
        ("2030-10-14T13:00Z", "2030-10-14T16:00Z", "Commission plénière", ("4a",)),
        ("2030-10-15T08:00Z", "2030-10-15T11:00Z", "Plénière", ("3+",)),
        ("2030-10-15T08:00Z", "2030-10-15T11:00Z", "Commission plénière", ("4b",)),
        ("2030-10-15T13:00Z", "2030-10-15T16:00Z", "Plénière", ("5", "6")),
    ]
    assert not meeting.findings


@pytest.mark.parametrize(
    ("name", "slots"),
    [
        ("ru_section_headings_over_the_rows.txt", [
            ("2032-04-22T08:00Z", "2032-04-22T11:00Z", None, ("1", "2", "3")),
            ("2032-04-22T13:00Z", "2032-04-22T16:00Z", None, ("3+",)),
            # 18.15-19.30 "Приём для делегаций": a reception, a day note (receptions are no meetings in any language)
            ("2032-04-23T08:00Z", "2032-04-23T11:00Z", None, ("4",)),
            ("2032-04-23T13:00Z", "2032-04-23T16:00Z", None, ("5",)),
        ]),
        ("zh_section_heading_over_time_lines.txt", [
            ("2031-06-09T03:00Z", "2031-06-09T06:00Z", None, ("1", "2")),
            ("2031-06-09T08:00Z", "2031-06-09T11:00Z", None, ("3",)),
            ("2031-06-10T03:00Z", "2031-06-10T06:00Z", None, ("3+", "4")),
            ("2031-06-10T08:00Z", "2031-06-10T11:00Z", None, ("5",)),
        ]),
    ],
)
def test_a_section_heading_over_the_rows_is_no_stray_timetable_text(name, slots):
    # "Séances officielles" / "الجلسات الرسمية" under the day, over its table or its first time line: each
    # gave "timetable text outside any timed meeting"
    meeting = load_meeting(REGRESSIONS / name)
    assert utc_slots(meeting) == slots
    assert not meeting.findings


@pytest.mark.parametrize("name", ["en_issue_date_and_spaced_symbol_in_symbol_block.docx", "en_issue_date_and_spaced_symbol_in_symbol_block_libreoffice.pdf"])
def test_a_city_and_date_in_the_symbol_block_is_the_date_of_issue(name):
    # "Paris, 14 août 2028" under "Distr. générale" was taken as the meeting's place and one day (every day of
    # the timetable then "outside the meeting dates"), the title was lost and "231 EX/1" became "EX/1"
    from datetime import date

    meeting = load_meeting(REGRESSIONS / name)
    assert (meeting.symbol, meeting.title, meeting.city, meeting.timezone) == ("FC 201/1", "Finance Committee", "Rome", "Europe/Rome")
    assert (meeting.document_date, meeting.first_day, meeting.last_day) == (date(2031, 2, 3), date(2031, 3, 24), date(2031, 3, 26))
    assert utc_slots(meeting)[0] == ("2031-03-24T08:30Z", "2031-03-24T11:30Z", None, ("1", "2"))
    assert len(meeting.sessions) == 5
    assert not meeting.findings


def test_a_city_and_date_above_the_title_is_the_date_of_issue_when_the_days_are_elsewhere():
    # no session line follows: the timetable's days, none of them the date in the symbol block, say which it is
    from datetime import date

    meeting = load_meeting(REGRESSIONS / "es_issue_date_above_the_title_without_a_session_line.txt")
    assert (meeting.symbol, meeting.title, meeting.timezone) == ("9 IGC/1", "Comité Intergubernamental de Pesca Artesanal del Pacífico Sur", "America/Santiago")
    assert (meeting.document_date, meeting.first_day, meeting.last_day) == (date(2031, 1, 2), date(2031, 3, 11), date(2031, 3, 12))
    assert utc_slots(meeting) == [
        ("2031-03-11T13:00Z", "2031-03-11T16:00Z", None, ("1", "2")),
        ("2031-03-11T18:00Z", "2031-03-11T21:00Z", None, ("3",)),
        ("2031-03-12T13:00Z", "2031-03-12T16:00Z", None, ("3+",)),
        ("2031-03-12T18:00Z", "2031-03-12T21:00Z", None, ("4",)),
    ]
    assert not meeting.findings


@pytest.mark.parametrize(
    ("text", "symbol"),
    [("231 EX/1", "231 EX/1"), ("CL 170/1*", "CL 170/1"), ("C 2025/1", "C 2025/1"), ("42 C/INF.2/Rev.1", "42 C/INF.2/Rev.1"),
     ("E/CN.7/2025/1", "E/CN.7/2025/1"), ("Item 4 E/CN.7/2025/4", None), ("Page 2/5", None)],
)
def test_a_symbol_written_with_its_session_and_a_space_is_whole(text, symbol):
    from schedule_export.parse.context import symbol_alone

    assert symbol_alone(text) == symbol


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fr_item_list_wrapped_in_its_cell.txt", [
            ("2031-03-11T09:00Z", "2031-03-11T12:00Z", None, ("1", "2a", "2b")),
            ("2031-03-11T14:00Z", "2031-03-11T17:00Z", None, ("3",)),
            ("2031-03-12T09:00Z", "2031-03-12T12:00Z", None, ("3+",)),
            ("2031-03-12T14:00Z", "2031-03-12T17:00Z", None, ("4",)),
            ("2031-03-13T09:00Z", "2031-03-13T12:00Z", None, ("4+",)),
            ("2031-03-13T14:00Z", "2031-03-13T17:00Z", None, ("4+", "5")),
            ("2031-03-14T09:00Z", "2031-03-14T12:00Z", None, ("6", "7")),
        ]),
        ("zh_item_list_wrapped_in_word_cell.docx", [
            ("2030-04-02T08:00Z", "2030-04-02T11:00Z", None, ("1", "2")),
            ("2030-04-02T13:00Z", "2030-04-02T16:00Z", None, ("3",)),
            ("2030-04-03T08:00Z", "2030-04-03T11:00Z", None, ("3+", "4")),
            ("2030-04-04T08:00Z", "2030-04-04T11:00Z", None, ("5",)),
            ("2030-04-04T13:00Z", "2030-04-04T16:00Z", None, ("5+",)),
        ]),
    ],
)
def test_an_item_list_wrapped_in_its_cell_keeps_the_items_after_the_and(name, expected):
    # "Items 1, 2 (a)" / "and 2 (b)" in a cell: the second line became the title of 2 (a), item 2 (b) was lost,
    # with no other sign than "agenda item 2 (b) is never scheduled"
    meeting = load_meeting(REGRESSIONS / name)
    assert utc_slots(meeting) == expected
    assert not any(session.notes for session in meeting.sessions)
    first = meeting.sessions[0].items
    assert first[-1].title == {"2b": "Élection du Bureau", "2": "通过议程"}[first[-1].key]  # not "et 2 b)"
    assert [f.message for f in meeting.findings if "never scheduled" in f.message] == []


@pytest.mark.parametrize("name", ["en_continued_closing_a_wrapped_title.docx", "en_continued_closing_a_wrapped_title_libreoffice.pdf"])
def test_continued_closing_the_last_printed_line_of_a_wrapped_title_marks_the_item(name):
    # "Item 2: Report on" / "Activities of the Regional" / "Statistical Conference" / "Bureau (continued)" in a PDF:
    # the last line, capitalised, became a note, its mark was dropped and item 2 was not continued
    meeting = load_meeting(REGRESSIONS / name)
    assert meeting.timezone == "Asia/Bangkok"
    assert utc_slots(meeting) == [
        ("2031-05-08T03:00Z", "2031-05-08T06:00Z", None, ("1", "2")),
        ("2031-05-08T08:00Z", "2031-05-08T11:00Z", None, ("2+",)),
        ("2031-05-09T03:00Z", "2031-05-09T06:00Z", None, ("3",)),
        ("2031-05-09T08:00Z", "2031-05-09T11:00Z", None, ("4",)),
    ]
    assert meeting.sessions[1].items[0].title == "Report on Activities of the Regional Statistical Conference Bureau"
    assert not any(session.notes for session in meeting.sessions)
    assert not meeting.findings


@pytest.mark.parametrize("name", ["es_week_heading_after_no_meeting.txt", "fr_week_heading_after_no_meeting.docx", "fr_week_heading_after_no_meeting_libreoffice.pdf"])
def test_a_week_heading_after_a_no_meeting_slot_is_no_meeting(name):
    # "Week 2" alone on its row right above a day: after "No meeting" it made the empty slot a meeting noted
    # "Week 2"; after an item it went on the item's title
    meeting = load_meeting(REGRESSIONS / name)
    slots = utc_slots(meeting)
    assert all(items for *_, items in slots)
    assert not any(session.notes for session in meeting.sessions)
    assert all("semana" not in item.title.lower() for session in meeting.sessions for item in session.items)
    assert [(note.date.isoformat(), note.text) for note in meeting.day_notes] == (
        [("2032-05-07", "No hay sesión")] if name.startswith("es") else [("2030-10-18", "Pas de séance")]
    )
    assert not meeting.findings
    if name.startswith("es"):
        assert slots[3:5] == [("2032-05-10T08:00Z", "2032-05-10T11:00Z", None, ("4",)), ("2032-05-10T13:00Z", "2032-05-10T16:00Z", None, ("4+",))]
    else:
        assert slots[2:4] == [("2030-10-18T08:00Z", "2030-10-18T11:00Z", None, ("3+",)), ("2030-10-21T08:00Z", "2030-10-21T11:00Z", None, ("4",))]


@pytest.mark.parametrize("name", ["ru_wrapped_day_notes.docx", "ru_wrapped_day_notes_libreoffice.pdf"])
def test_day_notes_wrapped_in_a_pdf_stay_whole_and_on_their_own_day(name):
    # a note wrapped on a day without a time was cut after its first line (the rest: "text outside any timed
    # meeting"); the full-day note of the next day was joined to the afternoon note of the day before
    meeting = load_meeting(REGRESSIONS / name)
    assert [(note.date.isoformat(), note.text) for note in sorted(meeting.day_notes, key=lambda n: n.date)] == [
        ("2031-06-03", "Неофициальные консультации"),
        ("2031-06-04", "Неофициальные консультации по проекту выводов и рекомендаций (закрытые)"),
        ("2031-06-05", "Заседание не проводится (подготовка проекта доклада секретариатом)"),
    ]
    assert [s[3] for s in utc_slots(meeting)] == [("1",), ("2",), ("2+",), ("3",)]
    assert not meeting.findings


@pytest.mark.parametrize(
    ("name", "expected", "names", "notes"),
    [
        ("es_order_of_the_day_name_before_time.txt",
         [("2030-09-16T07:00Z", "2030-09-16T10:00Z", None, ("1", "2", "3")), ("2030-09-16T12:00Z", "2030-09-16T15:00Z", None, ("3+", "4", "5"))],
         [("Primera sesión", "Sala de conferencias 3"), ("Segunda sesión", "Sala de conferencias 3")],
         ["Consultas oficiosas (sin interpretación) Sala de conferencias 7"]),
        ("en_order_of_the_day_consultations_with_room.txt",
         [("2031-02-11T15:00Z", "2031-02-11T18:00Z", None, ("1", "2")), ("2031-02-11T20:00Z", "2031-02-11T23:00Z", None, ("3", "4"))],
         [("First meeting", "Conference Room 1"), ("Second meeting", "Conference Room 1")],
         ["Informal consultations (no interpretation) Conference Room 5", "Informal consultations (no interpretation) Conference Room 6"]),
    ],
)
def test_an_order_of_the_day_naming_each_meeting_over_its_time(name, expected, names, notes):
    # "First meeting | Room 1" over "10 a.m.-1 p.m.": every name went to the meeting above, and informal consultations
    # with a room beside them (over or under their time) made an extra meeting without items
    meeting = load_meeting(REGRESSIONS / name)
    assert utc_slots(meeting) == expected
    assert [session.notes for session in meeting.sessions] == names
    assert [note.text for note in meeting.day_notes] == notes

@pytest.mark.parametrize("name", ["zh_committee_heading_without_separator.docx", "zh_committee_heading_without_separator_libreoffice.pdf"])
def test_a_chinese_heading_running_the_body_name_into_its_title_names_the_body(name):
    # "附件二" / "全体委员会拟议工作安排": the name followed by other characters was no name (Chinese has no spaces
    # between words) and "附件二" no annex: the committee's timetable was read into the plenary, "附件二" a note
    meeting = load_meeting(REGRESSIONS / name)
    assert utc_slots(meeting) == [
        ("2032-03-15T07:00Z", "2032-03-15T10:00Z", None, ("1", "2")),
        ("2032-03-15T12:00Z", "2032-03-15T15:00Z", None, ("3",)),
        ("2032-03-15T12:00Z", "2032-03-15T15:00Z", "全体委员会", ("4",)),
        ("2032-03-16T07:00Z", "2032-03-16T10:00Z", None, ("5",)),
        ("2032-03-16T07:00Z", "2032-03-16T10:00Z", "全体委员会", ("4+",)),
    ]
    assert not meeting.findings


@pytest.mark.parametrize("name", ["fr_lettered_part_for_a_working_group.docx", "fr_lettered_part_for_a_working_group_libreoffice.pdf"])
def test_a_lettered_part_of_the_annex_for_a_working_group_is_its_own_timetable(name):
    # "A. Séances plénières" / "B. Groupe de travail sur ...", both in one annex: the working group's meetings
    # were merged into the plenary's ("3, 3"), its name being on no list
    meeting = load_meeting(REGRESSIONS / name)
    group = "Groupe de travail sur les marées côtières"
    assert utc_slots(meeting) == [
        ("2033-03-07T09:00Z", "2033-03-07T12:00Z", "Séances plénières", ("1", "2")),
        ("2033-03-07T14:00Z", "2033-03-07T17:00Z", "Séances plénières", ("3",)),
        ("2033-03-07T14:00Z", "2033-03-07T17:00Z", group, ("3",)),
        ("2033-03-08T09:00Z", "2033-03-08T12:00Z", "Séances plénières", ("4",)),
        ("2033-03-08T09:00Z", "2033-03-08T12:00Z", group, ("3+",)),
    ]
    assert not meeting.findings


def test_an_annex_heading_naming_a_committee_no_list_knows_gives_its_body():
    # "Anexo II" / "Organización de los trabajos propuesta del Comité de Artes de Pesca" on the plenary's days: not
    # read, with "its heading names no body"; a committee by its kind is a body
    meeting = load_meeting(REGRESSIONS / "es_annex_heading_names_a_committee_no_list_knows.txt")
    assert meeting.timezone == "America/Santiago"
    assert utc_slots(meeting) == [
        ("2036-04-07T14:00Z", "2036-04-07T17:00Z", None, ("1", "2")),
        ("2036-04-07T19:00Z", "2036-04-07T22:00Z", None, ("3",)),
        ("2036-04-07T19:00Z", "2036-04-07T22:00Z", "Comité de Artes de Pesca", ("4",)),
        ("2036-04-08T14:00Z", "2036-04-08T17:00Z", None, ("5",)),
        ("2036-04-08T14:00Z", "2036-04-08T17:00Z", "Comité de Artes de Pesca", ("4+",)),
    ]
    assert not meeting.findings


@pytest.mark.parametrize("name", ["fr_body_named_over_several_lines.docx", "fr_body_named_over_several_lines_libreoffice.pdf"])
def test_a_body_cell_over_several_lines_names_its_body_on_the_first(name):
    # "Plénière" / "2e séance plénière" / "(séance publique)" in a "Séance" column: the whole cell was no body's
    # name, so the technical committee's meeting was merged into the plenary's and the Bureau read as the plenary
    meeting = load_meeting(REGRESSIONS / name)
    assert utc_slots(meeting) == [
        ("2034-06-12T07:00Z", "2034-06-12T08:00Z", "Bureau", ("2",)),
        ("2034-06-12T08:00Z", "2034-06-12T11:00Z", "Plénière", ("1", "2", "3")),
        ("2034-06-12T13:00Z", "2034-06-12T16:00Z", "Plénière", ("3+",)),
        ("2034-06-12T13:00Z", "2034-06-12T16:00Z", "Comité technique", ("4",)),
    ]
    assert not meeting.findings


@pytest.mark.parametrize("name", ["ru_meeting_and_activity_columns_are_no_bodies.docx", "ru_meeting_and_activity_columns_are_no_bodies_libreoffice.pdf"])
def test_meeting_and_activity_column_heads_name_no_bodies(name):
    # "Дата | Время | Заседание | Мероприятие": every meeting was split into a body "Заседание" (no items, its
    # number as notes) and a body "Мероприятие" (the items)
    meeting = load_meeting(REGRESSIONS / name)
    assert utc_slots(meeting) == [
        ("2035-03-12T09:00Z", "2035-03-12T12:00Z", None, ("1", "2")),
        ("2035-03-12T14:00Z", "2035-03-12T17:00Z", None, ("3",)),
        ("2035-03-13T09:00Z", "2035-03-13T12:00Z", None, ("3",)),
        ("2035-03-13T14:00Z", "2035-03-13T17:00Z", None, ("4",)),
    ]
    assert not meeting.findings


@pytest.mark.parametrize(
    "language, written",
    [("en", "Reception hosted by the Executive Director"), ("fr", "Réception offerte par le pays hôte"), ("es", "Recepción ofrecida por la Presidencia"),
     ("es", "Consultas informales"), ("ru", "Приём, организованный правительством"), ("zh", "非正式协商"), ("zh", "东道国招待会"), ("ar", "حفل استقبال يقيمه البلد المضيف")],
)
def test_receptions_and_informal_consultations_are_no_meeting_in_every_language(language, written):
    # "Recepción ofrecida por ..." and "非正式协商" (the zh pack knew only "非正式磋商") were meetings
    from schedule_export.parse.timetable import Labels

    from .test_parse_structure import context_in

    assert Labels(context_in(language)).non_meeting(written)


def test_informal_consultations_and_receptions_in_an_order_of_the_day_are_day_notes():
    # "13 h 15 à 14 h 45 | Consultations officieuses ... / (à huis clos) | Salle XXII" was a meeting noted "(à huis clos)";
    # "18 h 30 | Réception offerte par ..." a 3-hour meeting with a start-time-only warning
    meeting = load_meeting(REGRESSIONS / "fr_order_of_the_day_consultations_and_receptions.docx")
    assert [slot[:2] + slot[3:] for slot in utc_slots(meeting)] == [
        ("2031-03-12T09:00Z", "2031-03-12T12:00Z", ("1", "2")), ("2031-03-12T14:00Z", "2031-03-12T17:00Z", ("3",)),
        ("2031-03-13T09:00Z", "2031-03-13T12:00Z", ("4",)), ("2031-03-13T14:00Z", "2031-03-13T17:00Z", ("5",)),
    ]
    assert [(note.date.isoformat(), note.text) for note in meeting.day_notes] == [
        ("2031-03-12", "Consultations officieuses sur le projet de décision relatif au financement (à huis clos) Salle XXII"),
        ("2031-03-12", "Réception offerte par la Mission permanente de la Cordillère Bar des délégués"),
        ("2031-03-13", "Consultations officieuses"),
        ("2031-03-13", "Réception offerte par le secrétariat Restaurant"),
    ]
    assert not meeting.findings


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("es_day_column_cell_with_its_own_hours.txt",
         [("2032-03-16T19:00Z", "2032-03-16T21:00Z", None, ("3+",)), ("2032-03-17T19:30Z", "2032-03-17T21:00Z", None, ("4", "5"))]),
        ("ru_day_column_cell_with_its_own_hours.docx", [("2031-06-05T14:00Z", "2031-06-05T15:30Z", None, ("4",))]),
    ],
)
def test_a_day_cell_opening_on_its_own_hours_narrows_its_meeting_to_them(name, expected):
    # "4.30-6 p.m." opening a day's cell in the "2.30-6 p.m." row was skipped: the meeting kept the row's 2.30-6 p.m.
    meeting = load_meeting(REGRESSIONS / name)
    assert utc_slots(meeting)[-len(expected):] == expected
    assert not any(session.notes for session in meeting.sessions)
    assert not meeting.findings


def test_an_item_alone_near_the_foot_of_two_pages_is_not_a_running_footer():
    # "Пункт 2" over the footer of page 1 and "Пункт 6" near the foot of page 2 had the same shape among the pages'
    # last lines: both were set aside as page furniture, and items 2 and 6 were never scheduled
    meeting = load_meeting(REGRESSIONS / "ru_item_alone_over_a_page_footer.txt")
    assert [items for *_, items in utc_slots(meeting)] == [("1", "2", "3"), ("4",), ("5", "6"), ("5+",)]
    assert not meeting.findings


@pytest.mark.parametrize("name", ["fr_item_list_wrapped_after_its_continued_mark.docx", "fr_item_list_wrapped_after_its_continued_mark_libreoffice.pdf"])
def test_an_item_list_wrapped_after_its_continued_mark_keeps_its_last_items(name):
    # a PDF cell "Points 3" / "(suite) et 4": the second line was a note "et 4" and item 4 was lost
    meeting = load_meeting(REGRESSIONS / name)
    assert utc_slots(meeting) == [
        ("2030-10-08T08:00Z", "2030-10-08T11:00Z", None, ("1", "2", "3")),
        ("2030-10-08T13:00Z", "2030-10-08T16:00Z", None, ("3+", "4")),
        ("2030-10-09T08:00Z", "2030-10-09T11:00Z", None, ("4+", "5")),
    ]
    assert [session.notes for session in meeting.sessions] == [("Salle M1",)] * 3


def test_a_city_written_with_its_country_in_brackets_gives_its_zone():
    # "Монреаль (Канада), 10–13 марта 2028 года": the country in brackets hid the city, and the meeting was read
    # in Vienna time with "no time zone known"; Montreal's summer time begins on 12 March 2028
    meeting = load_meeting(REGRESSIONS / "ru_city_with_its_country_in_brackets.md")
    assert meeting.timezone == "America/Toronto"
    assert utc_slots(meeting) == [
        ("2028-03-10T15:00Z", "2028-03-10T18:00Z", None, ("1", "2")),
        ("2028-03-10T20:00Z", "2028-03-10T23:00Z", None, ("3",)),
        ("2028-03-13T14:00Z", "2028-03-13T17:00Z", None, ("3+",)),
        ("2028-03-13T19:00Z", "2028-03-13T22:00Z", None, ("4",)),
    ]
    assert not meeting.findings


def test_the_day_headings_name_the_city_without_its_country():
    from schedule_export.render.text import render_text

    text = render_text(load_meeting(REGRESSIONS / "ru_city_with_its_country_in_brackets.md"))
    assert "(время (Монреаль), UTC-5)" in text and "(время (Монреаль), UTC-4)" in text


@pytest.mark.parametrize("name", ["ar_time_range_wrapped_before_its_to_word.docx", "ar_time_range_wrapped_before_its_to_word_libreoffice.pdf"])
def test_a_time_range_wrapped_before_its_word_for_to_is_one_range(name):
    # "من الساعة 10:00" over "إلى الساعة 13:00" in a printed table: neither line was a time, and no timetable was
    # found; "البند 1 والبند 2" (the item word again after "and") lost item 2. Cairo's summer time begins on 25 April 2031.
    meeting = load_meeting(REGRESSIONS / name)
    assert meeting.timezone == "Africa/Cairo"
    plenary, committee = "الجلسات العامة", "اللجنة الجامعة"
    assert utc_slots(meeting) == [
        ("2031-04-24T08:00Z", "2031-04-24T11:00Z", plenary, ("1", "2")),
        ("2031-04-24T13:00Z", "2031-04-24T16:00Z", plenary, ("3",)),
        ("2031-04-28T07:00Z", "2031-04-28T10:00Z", plenary, ("3+",)),
        ("2031-04-28T07:00Z", "2031-04-28T10:00Z", committee, ("4",)),
        ("2031-04-28T12:00Z", "2031-04-28T15:00Z", committee, ("4+",)),
        ("2031-04-29T07:00Z", "2031-04-29T10:00Z", plenary, ("5",)),
    ]
    # left: the PDF reader takes the agenda's last lines, right-aligned over the table, into the table
    if name.endswith(".docx"):
        assert not meeting.findings


@pytest.mark.parametrize(
    ("code", "text"),
    [("en", "Item 1 and Item 2"), ("fr", "Point 1 et point 2"), ("ru", "Пункт 1 и пункт 2"), ("zh", "议程项目1和议程项目2"), ("ar", "البند 1 والبند 2"), ("es", "Tema 1, tema 2")],
)
def test_the_item_word_said_again_after_and_keeps_the_second_item(code, text):
    from schedule_export.lang import load_pack
    from schedule_export.parse.items import parse_cell_items

    found = parse_cell_items(text, load_pack(code))
    assert found is not None and found.refs == ((1, None), (2, None)) and found.rest == ""


@pytest.mark.parametrize("name", ["zh_evening_meeting_over_its_hours.docx", "zh_evening_meeting_over_its_hours_libreoffice.pdf"])
def test_chinese_evening_meeting_word_over_its_hours_is_one_label(name):
    # "晚间会议" over "下午 6 时 30 分至 9 时" in a printed table: "晚间" was no period word (a word's end was asked for
    # where Chinese has none) and the hours opening on "下午" were not taken as its hours; the evening's item went
    # to the afternoon meeting
    meeting = load_meeting(REGRESSIONS / name)
    assert meeting.timezone == "Europe/Zurich"
    assert utc_slots(meeting) == [
        ("2029-03-20T09:00Z", "2029-03-20T12:00Z", None, ("1", "2")),
        ("2029-03-20T14:00Z", "2029-03-20T17:00Z", None, ("3",)),
        ("2029-03-20T17:30Z", "2029-03-20T20:00Z", None, ("3+",)),
        ("2029-03-21T09:00Z", "2029-03-21T12:00Z", None, ("4",)),
    ]
    assert not meeting.findings
