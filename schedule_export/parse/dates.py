"""Dates in running text and day headers, with month and weekday names from CLDR (Babel).

"Lundi 9 septembre", "Mardi 10 Septembre", "Monday, 9 September 2019",
"Monday, September 9", "lunes 9 de septiembre de 2019", "الاثنين، 17 آذار/مارس 2025",
and date ranges such as "9-11 septembre 2019", "12 et 13 octobre 2021", "du 27 au 29
janvier 2010", "30 September–2 October 2019", "9 a 11 de septiembre de 2019".

Packs with a ``numeric_date`` also read dates written with numbers and unit characters:
"2025年3月17日星期一", "2025年3月17日至21日", "2025年3月31日至4月2日".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..lang import LanguagePack, alternation, normalize
from .times import DASHES

_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {}
_NUMERIC: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


@dataclass(frozen=True)
class DayHeader:
    day: int
    month: int
    year: int | None
    weekday_word: str | None  # as written
    weekday: int | None  # 0 = Monday, from the word (fuzzy), None when absent or unknown
    weekday_exact: bool
    rest: str  # what follows the date in the text (a time range, say)


@dataclass(frozen=True)
class DateRange:
    first: date
    last: date
    start: int  # position in the normalised text
    end: int


def _months(pack: LanguagePack) -> str:
    return alternation(tuple(pack.months))


def _compiled(pack: LanguagePack) -> tuple[re.Pattern[str], ...]:
    if pack.code in _PATTERNS:
        return _PATTERNS[pack.code]
    months = _months(pack)
    fill = rf"(?:\s+(?:{alternation(pack.date_words)}))?"
    suffix = rf"(?:{alternation(pack.ordinal_suffixes)})?"
    # the year's own word belongs to the date: "4 марта 2030 года", "4 марта 2030 г."
    year = rf"(?:,?{fill}\s+(?P<year>\d{{4}})(?:\s*(?:{alternation(pack.year_words)})(?!\w))?)?"
    weekday = r"(?:(?P<weekday>[^\W\d_]{2,}(?:-[^\W\d_]+)?)\.?,?\s+)?"
    # day before month ("lundi 9 septembre 2019", "lunes 9 de septiembre de 2019")
    day_month = re.compile(rf"^{weekday}(?:(?:{alternation(pack.date_words)})\s+)?(?P<day>\d{{1,2}}){suffix}\.?{fill}\s+(?P<month>{months})\.?(?![\w]){year}")
    # month before day ("Monday, September 9, 2019")
    month_day = re.compile(rf"^{weekday}(?P<month>{months})\.?\s+(?P<day>\d{{1,2}}){suffix}(?!\d)(?:,?\s+(?P<year>\d{{4}}))?")
    range_words = alternation(pack.date_range_words)
    # a word after the year before the range goes on: "30 декабря 2026 года – 2 января 2027 года"
    year_word = rf"(?:\s+(?:{alternation(pack.year_words)}))?"
    sep = rf"\s*(?:[{DASHES}]|\s(?:{range_words})\s)\s*"
    lead = rf"(?:(?:{alternation(pack.date_words + pack.date_range_words)})\s+)?"
    d = rf"(?P<{{n}}>\d{{{{1,2}}}}){suffix}"
    m = rf"(?P<{{n}}>{months})\.?"
    # "9-11 septembre 2019", "27 au 29 janvier 2010", "30 septembre-2 octobre 2019", "30 December 2021-2 January 2022"
    day_first_range = re.compile(
        rf"(?<![\w]){lead}(?:(?P<d0>\d{{1,2}}){suffix}(?:,\s*\d{{1,2}}{suffix})*,\s*)?{d.format(n='d1')}(?:{fill}\s+{m.format(n='m1')}(?:{fill}\s+(?P<y1>\d{{4}}){year_word})?)?{sep}"
        rf"{d.format(n='d2')}{fill}\s+{m.format(n='m2')}(?:,?{fill}\s+(?P<y2>\d{{4}}))"
    )
    # "September 9-11, 2019", "30 September to 2 October"
    month_first_range = re.compile(
        rf"(?<![\w]){m.format(n='m1')}\s+{d.format(n='d1')}{sep}(?:{m.format(n='m2')}\s+)?{d.format(n='d2')},?\s+(?P<y2>\d{{4}})"
    )
    single = re.compile(rf"(?<![\w\d]){d.format(n='d1')}{fill}\s+{m.format(n='m1')}(?![\w]),?{fill}\s+(?P<y1>\d{{4}})|(?<![\w]){m.format(n='m2')}\s+{d.format(n='d2')},?\s+(?P<y2>\d{{4}})")
    _PATTERNS[pack.code] = (day_month, month_day, day_first_range, month_first_range, single)
    return _PATTERNS[pack.code]


def _numeric(pack: LanguagePack) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None:
    """Day header, date range and single date for dates written "2025年3月17日" (year, month, day)."""
    form = pack.numeric_date
    if form is None:
        return None
    if pack.code in _NUMERIC:
        return _NUMERIC[pack.code]
    y, m, d = (re.escape(normalize(unit)) for unit in (form.year, form.month, form.day))

    def full(n: str, year_required: bool, day_unit: str = d) -> str:
        year = rf"(?P<year{n}>\d{{4}})\s*{y}\s*"
        return rf"(?<!\d){year if year_required else f'(?:{year})?'}(?P<month{n}>\d{{1,2}})\s*{m}\s*(?P<day{n}>\d{{1,2}})\s*{day_unit}"

    # a weekday after the date, maybe after a comma or in brackets: "2025年3月17日，星期一", "3月17日(星期一)"
    weekdays = alternation(tuple(pack.weekdays))
    weekday = rf"(?:\s*,?\s*\(?(?P<weekday>{weekdays})\)?)?"
    # or before it: "星期五，2026年3月27日"
    header = re.compile(rf"^(?:(?P<weekday_before>{weekdays})\s*,?\s*)?{full('', False)}{weekday}")
    words = alternation(pack.date_range_words)
    separator = rf"\s*(?:[{DASHES}]|{words})\s*"
    # the end repeats only what changes: "17日至21日", "19-23日", "31日至4月2日", "12月30日至2026年1月2日"
    end = rf"(?:(?:(?P<year2>\d{{4}})\s*{y}\s*)?(?P<month2>\d{{1,2}})\s*{m}\s*)?(?P<day2>\d{{1,2}})\s*{d}"
    date_range = re.compile(rf"{full('1', True, f'(?:{d})?')}{weekday.replace('weekday', 'weekday1')}{separator}{end}")
    single = re.compile(full("", True))
    _NUMERIC[pack.code] = (header, date_range, single)
    return _NUMERIC[pack.code]


def _weekday(word: str | None, pack: LanguagePack) -> tuple[int | None, bool]:
    if not word:
        return None, True
    key = normalize(word).rstrip(".")
    if key in pack.weekdays:
        return pack.weekdays[key], True
    close = difflib.get_close_matches(key, [w for w in pack.weekdays if len(w) > 3], n=1, cutoff=0.75)
    if close:
        return pack.weekdays[close[0]], False
    return None, False


def parse_day_header(text: str, pack: LanguagePack) -> DayHeader | None:
    """A day header at the start of the text, or None.

    A leading word that is not close to any weekday name means this is not a
    header at all (a place name before a date, say).
    """
    normalized = normalize(text)
    numeric = _numeric(pack)
    if numeric:
        found = _numeric_header(numeric[0].match(normalized), normalized, pack)
        if found:
            return found
    day_month, month_day, *_ = _compiled(pack)
    for pattern in (day_month, month_day):
        match = pattern.match(normalized)
        if not match:
            continue
        word = match.group("weekday")
        if word and normalize(word) in {normalize(w) for w in pack.date_words}:
            word = None
        weekday, exact = _weekday(word, pack)
        written = re.sub(r"\s+", " ", text.strip())
        if word and len(written) == len(normalized):
            word = written[match.start("weekday") : match.end("weekday")]  # as the document spells it
        if word and weekday is None:
            return None
        day, month = int(match.group("day")), pack.months[match.group("month")]
        if not 1 <= day <= 31:
            return None
        year = int(match.group("year")) if match.group("year") else None
        rest = normalized[match.end():].strip(" ,;:.-\u2013")
        if word is None and (after := rest.strip(" ()[]")) in pack.weekdays:
            # "31 October (Wednesday)", or a weekday wrapped under its date: the weekday after the date
            at = normalized.index(after, match.end())
            word = written[at : at + len(after)] if len(written) == len(normalized) else after
            weekday, exact, rest = pack.weekdays[after], True, ""
        return DayHeader(day, month, year, word, weekday, exact, rest)
    return None


def _numeric_header(match: re.Match[str] | None, normalized: str, pack: LanguagePack) -> DayHeader | None:
    if not match or not 1 <= int(match.group("month")) <= 12 or not 1 <= int(match.group("day")) <= 31:
        return None
    word = match.group("weekday") or match.group("weekday_before")
    weekday, exact = _weekday(word, pack)
    year = int(match.group("year")) if match.group("year") else None
    rest = normalized[match.end():].strip(" ,;:.-\u2013")
    return DayHeader(int(match.group("day")), int(match.group("month")), year, word, weekday, exact, rest)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date_ranges(text: str, pack: LanguagePack) -> list[DateRange]:
    """Every date range with a year, in order of appearance."""
    _, _, day_first, month_first, _ = _compiled(pack)
    normalized = normalize(text)
    found: list[DateRange] = []
    numeric = _numeric(pack)
    if numeric:
        for match in numeric[1].finditer(normalized):
            y1, m1, d1 = int(match.group("year1")), int(match.group("month1")), int(match.group("day1"))
            m2 = int(match.group("month2") or m1)
            y2 = int(match.group("year2") or (y1 + 1 if m2 < m1 else y1))
            first, last = _safe_date(y1, m1, d1), _safe_date(y2, m2, int(match.group("day2")))
            if first and last and timedelta(0) <= last - first <= timedelta(days=60):
                found.append(DateRange(first, last, match.start(), match.end()))
    for pattern in (day_first, month_first):
        for match in pattern.finditer(normalized):
            groups = match.groupdict()
            m2 = pack.months[groups["m2"]] if groups.get("m2") else pack.months[groups["m1"]]
            m1 = pack.months[groups["m1"]] if groups.get("m1") else m2
            y2 = int(groups["y2"])
            y1 = int(groups["y1"]) if groups.get("y1") else (y2 - 1 if m1 > m2 else y2)
            # "9, 10 and 13 March 2028": a list of days, the meeting from the first
            first = _safe_date(y1, m1, int(groups.get("d0") or groups["d1"]))
            last = _safe_date(y2, m2, int(groups["d2"]))
            if first and last and timedelta(0) <= last - first <= timedelta(days=60):
                found.append(DateRange(first, last, match.start(), match.end()))
    return sorted(found, key=lambda r: r.start)


def find_dates(text: str, pack: LanguagePack) -> list[tuple[date, int, int]]:
    """Every full date (day, month, year) in the text, with its position in the normalised text."""
    *_, single = _compiled(pack)
    found = []
    numeric = _numeric(pack)
    if numeric:
        for match in numeric[2].finditer(normalize(text)):
            value = _safe_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
            if value:
                found.append((value, match.start(), match.end()))
    for match in single.finditer(normalize(text)):
        groups = match.groupdict()
        tag = "1" if groups["y1"] else "2"
        value = _safe_date(int(groups[f"y{tag}"]), pack.months[groups[f"m{tag}"]], int(groups[f"d{tag}"]))
        if value:
            found.append((value, match.start(), match.end()))
    return sorted(found, key=lambda f: f[1])


def infer_year(month: int, day: int, first: date | None, last: date | None, fallback: int) -> tuple[date | None, bool]:
    """The year of a day written without one: the candidate nearest the meeting's dates.

    Returns the date and whether it was clear (it falls inside the meeting).
    A meeting over a year end ("30 December-2 January") takes each day's own year.
    """
    if first is None or last is None:
        value = _safe_date(fallback, month, day)
        return value, False
    candidates = [d for d in (_safe_date(y, month, day) for y in {first.year - 1, first.year, last.year, last.year + 1}) if d]
    if not candidates:
        return None, False

    def distance(candidate: date) -> int:
        if first <= candidate <= last:
            return 0
        return min(abs((candidate - first).days), abs((candidate - last).days))

    best = min(candidates, key=distance)
    return best, distance(best) == 0
