"""Chinese and Arabic agendas: read like the other languages, and written back as each language writes."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser

import pytest

from schedule_export.errors import ParseError
from schedule_export.pipeline import load_meeting
from schedule_export.render import RenderOptions, get_exporter

from .conftest import FIXTURES, utc_slots

# The same meeting as identity_en_tabs.txt: Friday 27 March 2026 is still winter time (UTC+1),
# Monday 30 March is summer time (UTC+2).
ACROSS_THE_CLOCK_CHANGE = [
    ("2026-03-27T09:00Z", "2026-03-27T12:00Z", None, ("1a", "1b", "2")),
    ("2026-03-27T14:00Z", "2026-03-27T17:00Z", None, ("2+",)),
    ("2026-03-30T08:00Z", "2026-03-30T11:00Z", None, ("3", "4")),
    ("2026-03-30T13:00Z", "2026-03-30T16:00Z", None, ("5",)),
]


def rendered(meeting, name: str, **options) -> str:
    return get_exporter(name).render(meeting, RenderOptions(**options)).decode("utf-8")


def test_chinese_agenda_is_read_with_its_own_pack():
    meeting = load_meeting(FIXTURES / "zh_tabs.txt")
    assert meeting.language == "zh"
    assert meeting.symbol == "CTOC/COP/WG.7/2026/1"
    assert meeting.title == "偷运移民问题工作组"
    assert meeting.ordinal == 11  # "第十一次会议"
    assert meeting.city == "维也纳" and meeting.timezone == "Europe/Vienna"  # city before a full-width comma
    assert (meeting.first_day, meeting.last_day) == (date(2026, 3, 27), date(2026, 3, 30))  # "2026年3月27日至30日"
    assert meeting.document_date == date(2026, 1, 12)  # the English "Distr." block
    assert meeting.hybrid
    assert utc_slots(meeting) == ACROSS_THE_CLOCK_CHANGE  # "上午10时至下午1时", "下午3时至6时", "（续）"
    assert [(i.key, i.title) for i in meeting.agenda][:3] == [("1", "组织事项"), ("1a", "会议开幕"), ("1b", "通过议程和工作安排")]
    assert meeting.item(2).documents == ("CTOC/COP/WG.7/2026/2",)
    assert meeting.findings == ()  # the opening (上午10时) and "四次全体会议" agree with the annex


def test_arabic_agenda_is_read_with_its_own_pack():
    meeting = load_meeting(FIXTURES / "ar_tabs.txt")
    assert meeting.language == "ar"
    assert meeting.title == "الفريق العامل المعني بتهريب المهاجرين"
    assert meeting.ordinal == 11  # "الاجتماع الحادي عشر"
    assert meeting.city == "فيينا" and meeting.timezone == "Europe/Vienna"
    assert (meeting.first_day, meeting.last_day) == (date(2026, 3, 27), date(2026, 3, 30))  # "٢٧-٣٠ آذار/مارس ٢٠٢٦"
    assert meeting.hybrid
    # "من الساعة 10:00 إلى الساعة 13:00", "(أ)" and "(ب)", "(تابع)", direction marks around a time
    assert utc_slots(meeting) == ACROSS_THE_CLOCK_CHANGE
    assert [(i.key, i.title) for i in meeting.agenda][:3] == [("1", "المسائل التنظيمية"), ("1a", "افتتاح الاجتماع"), ("1b", "إقرار جدول الأعمال وتنظيم الأعمال")]
    assert meeting.item(3).documents == ("CTOC/COP/WG.7/2026/3",)
    assert meeting.findings == ()


def test_arabic_html_with_parallel_bodies_and_no_symbol():
    meeting = load_meeting(FIXTURES / "ar_parallel.html")
    assert meeting.language == "ar" and meeting.symbol is None
    assert meeting.title == "لجنة منع الجريمة والعدالة الجنائية"
    assert meeting.ordinal == 35  # "الدورة الخامسة والثلاثون": the unit first, then the tens
    assert meeting.bodies == ("الجلسات العامة", "اللجنة الجامعة")
    plenary, committee = meeting.bodies
    assert utc_slots(meeting) == [
        ("2026-05-18T08:00Z", "2026-05-18T11:00Z", plenary, ("1", "2")),
        ("2026-05-18T08:00Z", "2026-05-18T11:00Z", committee, ("4",)),
        ("2026-05-18T13:00Z", "2026-05-18T16:00Z", plenary, ("3",)),
        ("2026-05-18T13:00Z", "2026-05-18T16:00Z", committee, ("4+",)),
        ("2026-05-19T08:00Z", "2026-05-19T11:00Z", plenary, ("3+",)),
        ("2026-05-20T13:00Z", "2026-05-20T16:00Z", plenary, ("5",)),
    ]
    # informal consultations are not a meeting: a note on the day, never an event
    assert [(n.date.isoformat(), n.body, n.text) for n in meeting.day_notes] == [("2026-05-19", committee, "مشاورات غير رسمية")]
    assert meeting.item(3).documents == ("E/CN.15/2026/4",)
    assert meeting.findings == ()


def test_forced_language_is_used_when_the_document_cannot_tell(tmp_path):
    # too few words of any language to recognise it: --lang decides, it is not refused
    path = tmp_path / "terse.txt"
    path.write_text("Vienna, 9-11 September 2019\n\nDate/time\tItem\tTitle\nMonday, 9 September\t\t\n10 a.m.-1 p.m.\t1\tOpening\n")
    with pytest.raises(ParseError, match="cannot tell the document's language"):
        load_meeting(path)
    assert load_meeting(path, language="en").sessions[0].start.hour == 10
    result = subprocess.run(
        [sys.executable, "-m", "schedule_export.cli", "check", str(path), "--lang", "en"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "10:00-13:00" in result.stdout


def test_forcing_the_language_a_document_is_in_changes_nothing():
    assert utc_slots(load_meeting(FIXTURES / "zh_tabs.txt", language="zh")) == ACROSS_THE_CLOCK_CHANGE


class _Tags(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_arabic_programme_page_and_email_are_right_to_left_in_arabic():
    meeting = load_meeting(FIXTURES / "ar_tabs.txt")
    page = rendered(meeting, "html")
    assert ("html", {"lang": "ar", "dir": "rtl"}) in _Tags(page).tags
    assert "الجمعة، 27 مارس 2026" in page  # CLDR's Arabic date
    assert "فيينا، 27-30 مارس 2026" in page
    assert "1 (أ)" in page and "1 (ب)" in page  # sub-items lettered as the document letters them
    assert "15:00-18:00" in page
    email = rendered(meeting, "email-html")
    assert any(attrs.get("dir") == "rtl" and attrs.get("lang") == "ar" for _, attrs in _Tags(email).tags)


def test_chinese_programme_writes_dates_and_times_as_chinese_does():
    meeting = load_meeting(FIXTURES / "zh_tabs.txt")
    page = rendered(meeting, "html")
    assert ("html", {"lang": "zh", "dir": "ltr"}) in _Tags(page).tags
    assert "2026年3月27日星期五" in page and "维也纳，2026年3月27日至30日" in page
    assert "上午10时至下午1时" in page and "下午3时至6时" in page  # the afternoon marker written once
    assert "第十一次会议" in page  # the meeting's noun and ordinal as the document writes them
    text = rendered(meeting, "txt")
    assert "上午10时至下午1时" in text and "保护海上被偷运移民 (续)" in text


def test_calendar_of_a_chinese_agenda_reads_as_chinese():
    import icalendar

    calendar = icalendar.Calendar.from_ical(rendered(load_meeting(FIXTURES / "zh_tabs.txt"), "ics"))
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT") if hasattr(e.start, "hour")]
    assert summaries[0] == "偷运移民问题工作组: 1 (a) 会议开幕; 1 (b) 通过议程和工作安排; 2. 保护海上被偷运移民"


@pytest.mark.parametrize(("name", "font"), [("ar_tabs.txt", "Noto-Naskh-Arabic"), ("zh_tabs.txt", "Noto-Sans-CJK-SC")])
def test_pdf_sets_arabic_in_naskh_and_chinese_in_noto_cjk(name, font):
    pypdf = pytest.importorskip("pypdf")
    try:
        pdf = get_exporter("pdf").render(load_meeting(FIXTURES / name), RenderOptions())
    except Exception as exc:  # WeasyPrint's system libraries are missing
        pytest.skip(f"no PDF output here: {exc}")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    if not any("Noto" in f for f in fonts):
        pytest.skip("Noto fonts are not installed (fonts-noto-core, fonts-noto-cjk)")
    assert any(font in f for f in fonts), fonts


def test_plain_text_columns_line_up_after_chinese_times():
    from schedule_export.render.text import columns

    text = rendered(load_meeting(FIXTURES / "zh_tabs.txt"), "txt")
    starts = {columns(line[: line.index(label)]) for line in text.splitlines() for label in ("1 (a)", "1 (b)", "4  ") if label in line}
    assert len(starts) == 1  # "1 (a)" after "上午10时至下午1时" stands under "1 (b)" and "4"
