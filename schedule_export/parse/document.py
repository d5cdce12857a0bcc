"""The parts of an agenda around the annex: header, agenda list, annotations, deadlines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, time

from ..lang import alternation, load_pack, normalize
from ..model import AgendaItem, Deadline
from ..read import Line
from .context import Context, find_symbols, pack_pattern, symbol_alone
from .dates import DateRange, find_date_ranges, find_dates
from .items import latin_letter, letter_pattern
from .times import parse_single_time, parse_time_range

_ITEM = re.compile(r"^\s*(?:[-*+]\s*)?(\d{1,2})\s*[.)\-]\s+(\S.*)$")  # "1." "1)" and Arabic "1-"
_COMMA = re.compile("[,\uff0c\u060c]")  # ",", Chinese "，", Arabic "،": "Vienne, 9-11 septembre"


def _sub_item(text: str, ctx: Context) -> tuple[str, str] | None:
    """ "(a) Opening", "b) Adoption", "(أ) افتتاح", "（a）开幕": the Latin letter and the title."""
    pattern = pack_pattern(
        ctx.pack, "sub-item", lambda p: rf"^\s*(?:[-*+]\s*)?[(\uff08]?({letter_pattern(p)})(?:\)\s+|\uff09\s*)(\S.*)$"
    )
    match = pattern.match(text)
    if not match:
        return None
    return latin_letter(match.group(1), ctx.pack), match.group(2)
_JOB_NUMBER = re.compile(r"^V\.\d{2}-\d{4,6}")


@dataclass
class Header:
    parent_body: str | None = None
    title: str | None = None
    ordinal: int | None = None
    city: str | None = None
    dates: DateRange | None = None
    dates_line: int | None = None
    symbol: str | None = None
    document_date: date | None = None
    end: int = 0  # index of the first line after the header
    # the dates are a "City, date" line of the symbol block, above the title, with no session line after
    # it: the meeting's one day, or the date of issue (which the timetable's days tell)
    dates_from_symbol_block: bool = False


@dataclass
class Annotations:
    agenda: list[AgendaItem] = field(default_factory=list)
    annex_index: int | None = None


def clean_title(text: str, ctx: Context) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    and_words = alternation(ctx.pack.and_words)
    for _ in range(2):
        text = re.sub(rf"(?:\s*[;,]\s*(?:{and_words})|\s+(?:{and_words}))$", "", text, flags=re.IGNORECASE)
        text = text.rstrip(" .;:,*\uff1b\uff1a\uff0c\u3002\u061b\u060c")  # and their Chinese and Arabic forms
    return text


def _ordinal_pattern(pack) -> str:
    meeting = alternation(pack.meeting_words)
    words = alternation(pack.ordinals)
    suffixes = alternation(pack.ordinal_suffixes)
    tens = alternation(pack.ordinal_tens)
    # "thirty-fifth" (tens first) or "الخامسة والثلاثون" (the unit first, then "and" and the tens)
    unit_first = alternation(pack.ordinal_unit_first_joiners)
    # hundreds are tens words of the pack too: "сто девяносто девятая", "one hundred and ninety-ninth"
    joiner = r"(?:[- ]|\s+et\s+|\s+y\s+|\s+and\s+)"
    ordinal = (
        rf"(?:(?:(?P<tens>(?:{tens})(?:{joiner}(?:{tens})){{0,2}}){joiner})?(?P<word>{words})(?:\s+(?:{unit_first})\s*(?P<tens_after>{tens}))?"
        rf"|(?P<num>\d{{1,3}})\s*(?:{suffixes}))"
    )
    start = r"(?<![\w-])" if pack.spaced else ""
    if pack.ordinal_after_meeting_word:  # "الاجتماع العاشر", "الاجتماع الاستثنائي الثاني" (an adjective between)
        return rf"{start}(?:{meeting}){pack.gap}(?:[^\W\d]+\s+)?{ordinal}{pack.word_end}"
    return rf"{start}{ordinal}{pack.gap}(?:{meeting}){pack.word_end}"


def _ordinal_in(text: str, ctx: Context) -> int | None:
    """An ordinal before a meeting word: "neuvième réunion", "thirtieth session", "11th meeting"."""
    folded = normalize(text)
    match = pack_pattern(ctx.pack, "ordinal", _ordinal_pattern).search(folded)
    if not match:
        return None
    if match.group("num"):
        return int(match.group("num"))
    tens_words = pack_pattern(ctx.pack, "ordinal-tens", lambda p: alternation(p.ordinal_tens))
    tens = sum(ctx.pack.ordinal_tens[w] for w in tens_words.findall(match.group("tens") or match.group("tens_after") or ""))
    return tens + ctx.pack.ordinals[match.group("word")]


def ordinal_phrase(text: str, ctx: Context) -> str | None:
    """The ordinal and the meeting's noun as the text writes them: "Thirty-fifth session", "neuvième réunion"."""
    folded = normalize(text)
    match = pack_pattern(ctx.pack, "ordinal", _ordinal_pattern).search(folded)
    if not match:
        return None
    squeezed = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    # folding keeps lengths in these scripts (accents dropped, case folded): take the document's own letters
    source = squeezed if len(squeezed) == len(folded) else folded
    return source[match.start() : match.end()]


@lru_cache(maxsize=1)
def _venues() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The centres' folded names, and a pattern matching any of them as whole words."""
    import tomllib
    from importlib import resources

    text = (resources.files("schedule_export") / "data" / "venues.toml").read_text(encoding="utf-8")
    names = tomllib.loads(text)["venues"]
    return tuple({normalize(name) for name in names}), re.compile(rf"(?<!\w)(?:{alternation(names)})(?!\w)")


@lru_cache(maxsize=None)
def _exemplar_cities(locale: str) -> dict[str, str]:
    """The CLDR exemplar city of every zone in data/cities.toml, in one locale: folded name to zone.

    "Copenhague" and "Копенгаген" place Europe/Copenhagen without a hand-written list. The CLDR keys
    some zones by an older name (America/Buenos_Aires); English writes most cities as the zone's
    last part, which is what the CLDR falls back to.
    """
    import tomllib
    from importlib import resources

    from babel import Locale
    from babel.core import get_global

    zones = tomllib.loads((resources.files("schedule_export") / "data" / "cities.toml").read_text(encoding="utf-8"))
    older: dict[str, list[str]] = {}
    for alias, zone in get_global("zone_aliases").items():
        older.setdefault(zone, []).append(alias)
    names = Locale.parse(locale).time_zones
    found: dict[str, str] = {}
    for zone in zones:
        city = next((names[key]["city"] for key in (zone, *older.get(zone, ())) if "city" in names.get(key, {})), None)
        if city is None and locale == "en":
            city = zone.rsplit("/", 1)[-1].replace("_", " ")
        if city:
            found.setdefault(normalize(city), zone)
    return found


def city_zone(city: str, locale: str | None = None) -> str | None:
    """The zone of a conference city in any of the six languages: data/cities.toml, then the CLDR's
    exemplar cities of its zones, the document's own locale first."""
    from ..lang import available_languages, city_key, zone_of_city

    zone = zone_of_city(city)
    if zone is not None:
        return zone
    folded = city_key(city)
    for code in dict.fromkeys((*((locale,) if locale else ()), *available_languages())):
        if (zone := _exemplar_cities(code).get(folded)) is not None:
            return zone
    return None


@lru_cache(maxsize=8)
def _cities(locale: str) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The conference cities' folded names (data/cities.toml, and the CLDR's exemplar cities of their
    zones in the document's locale and in English), and a pattern matching any of them as whole words."""
    from ..lang import _city_zones

    names = tuple(dict.fromkeys([*_city_zones(), *_exemplar_cities(locale), *_exemplar_cities("en")]))
    return names, re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(n) for n in sorted(names, key=len, reverse=True))})(?!\w)")


PLACE_REACH = 120  # characters between "will be held" (or a conference centre) and the city it places the meeting in


def find_meeting_city(ctx: Context, limit: int | None) -> tuple[str, int] | None:
    """The city a sentence of place names, before line ``limit``: (the city as written, its line).

    "se celebrará en Nueva York", "se tiendra à Genève", "en la Sede de las Naciones Unidas en Nueva York":
    a city counts only after a future marker ("will be held") or a conference centre in the same sentence, so a city named
    in passing ("at its session in Geneva in 2025, decided") places nothing.
    """
    names, pattern = _cities(ctx.pack.babel_locale)
    if not any(name in ctx.folded_text for name in names):
        return None
    venues, venue_pattern = _venues()
    places = re.compile(rf"(?:{alternation(ctx.pack.future_markers)})|{venue_pattern.pattern}")
    end = min(limit if limit is not None else len(ctx.lines), len(ctx.lines))
    for index in range(end):
        folded = ctx.folded[index]
        if not any(name in folded for name in names):
            continue
        wrapped = index > 0 and not ctx.lines[index - 1].is_row and ctx.lines[index - 1].number == ctx.lines[index].number - 1
        before = ctx.folded[index - 1] if wrapped else ""  # a sentence wrapped onto this line
        window = f"{before} {folded}"
        for city in pattern.finditer(window, len(before) + 1):
            sentence = window[max(0, city.start() - PLACE_REACH) : city.start()]
            sentence = re.split(r"[.;](?:\s|$)", sentence)[-1]  # the same sentence only
            if places.search(sentence) or venue_pattern.match(window, city.start()):
                start, stop = city.start() - len(before) - 1, city.end() - len(before) - 1
                text = re.sub(r"\s+", " ", ctx.lines[index].text.strip())
                return (text[start:stop] if len(text) == len(folded) else city.group()), ctx.lines[index].number
    return None


def find_venue(ctx: Context) -> str | None:
    """The conference centre the document names ("Centre international de Vienne"), as it writes it."""
    names, pattern = _venues()
    # substring tests first: a pattern that opens with a look-behind gets no fast scan, and most documents name no centre
    if not any(name in ctx.folded_text for name in names):
        return None
    for line, folded in zip(ctx.lines, ctx.folded):
        if not any(name in folded for name in names):
            continue
        match = pattern.search(folded)
        if match:
            squeezed = re.sub(r"\s+", " ", line.text.replace("\u00a0", " ")).strip()
            return squeezed[match.start() : match.end()] if len(squeezed) == len(folded) else match.group()
    return None


@lru_cache(maxsize=16)
def _language_names(locale: str) -> frozenset[str]:
    from babel import Locale

    return frozenset(normalize(n) for n in Locale.parse(locale).languages.values())


def _is_skippable(text: str, ctx: Context) -> bool:
    folded = normalize(text)
    if not re.search(r"[^\W\d_]{3,}", folded):
        return True
    if any(folded.startswith(normalize(s)) for s in ctx.pack.header_skip):
        return True
    if folded.strip(" .") in _language_names(ctx.pack.babel_locale) or folded.strip(" .") in _language_names("en"):
        return True  # "Russian", "English": the distribution block is often left in English
    if _JOB_NUMBER.match(text) or symbol_alone(text):
        return True
    return bool(re.match(rf"^(?:{alternation(ctx.pack.item_words)})\s+\d", folded))


def _is_session_line(folded: str, ctx: Context) -> bool:
    """A short line naming the meeting without an ordinal: "Resumed session", "Session extraordinaire",
    "الدورة المستأنفة"."""
    if not ctx.pack.spaced or len(folded.split()) > 3:
        return False
    pattern = pack_pattern(ctx.pack, "meeting-word", lambda p: rf"{p.word_start}(?:{alternation(p.meeting_words)}){p.word_end}")
    return pattern.search(folded) is not None


def _symbol_word(lines) -> str | None:
    """A symbol standing as a word of its own in the header: beside "Distr.: General" in a cell of
    Word's header table, after "United Nations |" in a table a converter left as text, or on one line
    with the organization ("联合国 E/C.19/2027/1")."""
    for line in lines:
        if "/" not in line.text:
            continue
        for word in re.split(r"[\s|]+", line.text):
            word = word.rstrip("*")
            found = find_symbols(word)
            if found and found[0] == word:
                return word
    return None


def _city_beside_dates(text: str) -> str | None:
    """The city of a dates line, before the dates ("Vienna, 9-11 September 2019") or after them, as
    Chinese and Arabic headers often write it ("2027年3月11日至16日，纽约", "... 2027، نيويورك")."""
    parts = [part.strip(" #*") for part in _COMMA.split(text)]
    if len(parts) < 2:
        return None
    return next((part for part in (parts[0], parts[-1]) if part and not re.search(r"\d", part) and len(part) < 40), None)


def parse_header(ctx: Context, limit: int | None = None) -> Header:
    """The lines before the agenda title; without one, before the first running text or the timetable (``limit``)."""
    header = Header()
    lines = ctx.lines
    end = next(
        (
            i
            for i, line in enumerate(lines)
            if any(normalize(line.text).strip(" *#").startswith(normalize(t)) for t in ctx.pack.agenda_titles)
            or ctx.is_heading_at(i, ctx.pack.agenda_titles)  # "I. Provisional agenda"
            or (
                len(line.text) < 80
                and any(normalize(t) in normalize(line.text) for t in ctx.pack.agenda_titles)
                and not re.match(rf"^(?:{alternation(ctx.pack.item_words)})\s+\d", normalize(line.text))
            )  # "Annotated provisional agenda", not "Item 2 of the provisional agenda"
        ),
        None,
    )
    if end is None:
        # an invitation has no agenda title: its header ends where running text starts
        end = next((i for i, line in enumerate(lines) if len(line.text) > 200), limit if limit is not None else 0)
        if limit is not None:
            end = min(end, limit)
    header.end = end
    substantive: list[str] = []
    last_substantive: Line | None = None
    issued: tuple[DateRange, str, int] | None = None  # a "City, date" line above the title
    for index, line in enumerate(lines[: header.end]):
        text = line.text.strip()
        if not text:
            continue
        folded = normalize(text)
        for label in ctx.pack.reference_labels:
            if folded.startswith(normalize(label)) and ":" in text and header.symbol is None:
                header.symbol = text.split(":", 1)[1].strip().rstrip("*").rstrip() or None
        if header.symbol and header.symbol in text and ":" in text:
            continue
        if header.symbol is None:
            # "A/CN.9/WG.IV/WP.192/Rev.1*": the asterisk refers to a footnote (a reissue), it is not part of the symbol
            whole_cell = [c for c in line.cells if symbol_alone(c)]
            if whole_cell:
                header.symbol = symbol_alone(whole_cell[0])
                if len(line.filled) == 1:
                    continue
                text = " ".join(c for c in line.filled if c != whole_cell[0]).strip()
        ranges = find_date_ranges(text, ctx.pack)
        if ranges and header.dates is None:
            header.dates, header.dates_line = ranges[0], line.number
            header.city = _city_beside_dates(text) or header.city
            continue
        dates = find_dates(text, ctx.pack)
        if not dates and ctx.pack.code != "en" and header.dates is None:
            # the "Distr.: General / 1 August 2025 / Original: English" block stays English in every language
            english = find_dates(text, load_pack("en"))
            dates = english if english and len(normalize(text)) <= english[0][2] + 2 and english[0][1] <= 2 else []
        if dates and header.document_date is None and _date_alone(text, dates[0], ctx) and dates[0][1] <= 2:
            header.document_date = dates[0][0]
            continue
        city = _city_beside_dates(text) if dates and header.dates is None and len(text) < 80 else None
        if city:
            # "Vienna, 9 September 2019", "2019年9月9日，维也纳": a one-day meeting
            value, start, end = dates[0]
            if not substantive and issued is None:
                # "Paris, 14 August 2028" in the symbol and distribution block, above the title: the date of
                # issue when the session's place and dates follow, else the meeting's day (decided below)
                issued = (DateRange(value, value, start, end), city, line.number)
                continue
            header.dates, header.dates_line = DateRange(value, value, start, end), line.number
            header.city = city
            continue
        ordinal = _ordinal_in(text, ctx)
        if ordinal and len(text) < 60:
            header.ordinal = ordinal
            continue
        if substantive and _is_session_line(folded, ctx):
            continue  # "Resumed session", "الدورة المستأنفة": the meeting, not the body's name
        connector = pack_pattern(ctx.pack, "ends-with-connector", lambda p: rf"{p.word_start}(?:{alternation(p.title_connectors + p.and_words)})$")
        # "United Nations Environment Assembly of the / United Nations Environment Programme": a line ending
        # with "of the" goes on, even where it starts like the "United Nations" of the logo line
        wrapped = bool(substantive) and connector.search(normalize(substantive[-1])) is not None
        if header.dates is None and (wrapped or not _is_skippable(text, ctx) or (not line.is_row and connector.search(folded))):
            if substantive and (wrapped or text[:1].islower() or _wrapped_in_text(ctx, last_substantive, line)) and not substantive[-1].endswith((".", ":", ";")):
                substantive[-1] = clean_title(f"{substantive[-1]} {text}", ctx)  # a title wrapped over two lines
            else:
                substantive.append(clean_title(text, ctx))
            last_substantive = line
    if issued is not None and header.dates is None:
        header.dates, header.city, header.dates_line = issued
        header.dates_from_symbol_block = True
    elif issued is not None and header.document_date is None:
        header.document_date = issued[0].first
    if header.symbol is None:
        header.symbol = _symbol_word(lines[: header.end])
    if substantive:
        header.title = substantive[-1]
        if len(substantive) > 1:
            header.parent_body = substantive[0]
    return header


def _date_alone(text: str, found: tuple[date, int, int], ctx: Context) -> bool:
    """A line that is only a date, give or take the year's word ("1 июля 2027 года"): the document's date."""
    tail = normalize(text)[found[2] :].strip(" .,")
    return len(tail) <= 1 or tail in {normalize(word).strip(" .") for word in ctx.pack.year_words}


def _wrapped_in_text(ctx: Context, above: Line | None, line: Line) -> bool:
    """In printed text ("pdftotext -layout"), a line right under a line filled near the width goes on
    with it ("... Low-cost Sensor" / "Networks"); blank lines part the header's own lines."""
    if ctx.document.format != "text" or above is None or above.is_row or line.is_row:
        return False
    return line.number == above.number + 1 and len(above.text) >= 60 and len(line.text) < len(above.text)


def find_meeting_sentence(ctx: Context) -> tuple[str, int] | None:
    """The sentence announcing the meeting ("... qui se tiendra à Vienne du 27 au 29 janvier 2010")."""
    markers = [normalize(m) for m in ctx.pack.future_markers + ctx.pack.opening_markers]
    for line, folded in zip(ctx.lines, ctx.folded):
        for marker in markers:
            position = folded.find(marker)
            if position >= 0 and find_date_ranges(line.text, ctx.pack):
                return line.text, line.number
    return None


def meeting_from_sentence(sentence: str, ctx: Context) -> tuple[str | None, int | None]:
    """Title and ordinal from an announcing sentence: the words between "nth meeting of" and "will be held"."""
    folded = normalize(sentence)
    ordinal = _ordinal_in(sentence, ctx)
    meeting = alternation(ctx.pack.meeting_words)
    connectors = alternation(ctx.pack.title_connectors)
    markers = alternation(ctx.pack.future_markers)
    # the title runs up to the marker; a relative pronoun before it ("..., which will be held") is
    # removed afterwards, never any other word ("Working Group on Firearms will be held"). A title
    # is at most 300 characters, so a line of "meeting meeting ..." costs linear time, not quadratic.
    match = re.search(rf"(?:{meeting})\s+(?:(?:{connectors})\s*)?(?P<title>.{{1,300}}?)\s+(?:{markers})", folded)
    if not match:
        return None, ordinal
    start, end = match.span("title")
    title = sentence.strip()[start:end] if len(folded) == len(re.sub(r"\s+", " ", sentence.strip())) else match.group("title")
    title = _RELATIVE_PRONOUN.sub("", title).rstrip(" ,;:")
    return (title[:1].upper() + title[1:]) if title else None, ordinal


_RELATIVE_PRONOUN = re.compile(r"\s+(?:qui|which|que|that|которая|который|которое|которые)$", re.IGNORECASE)


_CORRIGENDUM = re.compile(r"/Corr\.\d+$")


def is_corrigendum(symbol: str | None) -> bool:
    """A corrigendum ("…/Corr.1") corrects another document: its numbered paragraphs are corrections."""
    return symbol is not None and _CORRIGENDUM.search(symbol) is not None


def parse_agenda(ctx: Context, start: int, timetable_index: int | None = None, corrigendum: bool = False) -> Annotations:
    """The agenda under its heading, and the annotations' documents. A corrigendum has an agenda only
    under a heading of its own ("Provisional agenda"), not under the title it repeats ("Provisional agenda
    and annotations" over "1. The annex should read as follows:")."""
    result = Annotations()
    pack = ctx.pack
    agenda_index = next(
        (i for i in range(start, len(ctx.lines)) if ctx.is_heading_at(i, pack.agenda_titles)),
        None,
    )
    if agenda_index is None and not corrigendum:
        # only "Annotated provisional agenda" above the list: the heading holds the title
        agenda_index = ctx.find_heading(pack.agenda_titles, start, loose=True)
    annotations_index = ctx.find_heading(pack.annotations_titles, agenda_index or start)
    annex_index = find_annex(ctx, annotations_index or agenda_index or start)
    if timetable_index is not None and (annex_index is None or timetable_index < annex_index) and timetable_index > (agenda_index or start):
        annex_index = timetable_index  # the timetable, found by its content, ends the annotations
    result.annex_index = annex_index
    if agenda_index is None:
        return result
    stop = annotations_index or annex_index or len(ctx.lines)
    items: list[AgendaItem] = []
    current_number: int | None = None
    for line in ctx.lines[agenda_index + 1 : stop]:
        text = line.text.strip()
        if not text:
            continue
        item = _ITEM.match(text)
        sub = _sub_item(text, ctx)
        if item and (current_number is None or int(item.group(1)) == current_number + 1 or int(item.group(1)) == 1):
            current_number = int(item.group(1))
            items.append(AgendaItem(number=current_number, title=clean_title(item.group(2), ctx)))
        elif sub and current_number is not None:
            items.append(AgendaItem(number=current_number, letter=sub[0], title=clean_title(sub[1], ctx)))
        elif items and current_number is not None and annotations_index is None and len(items) > 1:
            break  # the list has ended and no annotations heading tells us where
    result.agenda = _attach_documents(ctx, items, annotations_index, annex_index)
    return result


def find_annex(ctx: Context, start: int) -> int | None:
    """Index of the annex title ("Projet d'organisation des travaux"), or of its first table header."""
    found = ctx.find_heading(ctx.pack.annex_titles, start)
    while found is not None and _ITEM.match(ctx.lines[found].text):
        found = ctx.find_heading(ctx.pack.annex_titles, found + 1)  # "3. Organization of work.": an agenda item
    loose = start
    while found is None and loose is not None:
        loose = ctx.find_heading(ctx.pack.annex_titles, loose, loose=True)
        if loose is not None and _ITEM.match(ctx.lines[loose].text):
            loose += 1  # "2. Adoption of the agenda and organization of work" is an agenda item, not the annex
            continue
        found = loose
    if found is not None:
        return found
    headers = {normalize(h) for h in ctx.pack.columns.date_time + ctx.pack.columns.item}
    for index in range(start, len(ctx.lines)):
        line = ctx.lines[index]
        if line.is_row and sum(1 for c in line.cells if normalize(c) in headers) >= 1:
            return index
    return None


def _attach_documents(ctx: Context, items: list[AgendaItem], annotations_index: int | None, annex_index: int | None) -> list[AgendaItem]:
    """Symbols cited in each item's annotations, in order of first citation."""
    if annotations_index is None or not items:
        return items
    # dicts as ordered sets: thousands of symbols under one item must not make this quadratic
    documents: dict[tuple[int, str | None], dict[str, None]] = {(i.number, i.letter): {} for i in items}
    titles = {(i.number, i.letter): normalize(i.title) for i in items}
    current: tuple[int, str | None] | None = None
    stop = annex_index if annex_index is not None else len(ctx.lines)
    for line in ctx.lines[annotations_index + 1 : stop]:
        text = line.text.strip()
        heading = _ITEM.match(text)
        if heading and (int(heading.group(1)), None) in documents:
            key = (int(heading.group(1)), None)
            if normalize(heading.group(2))[:25] == titles[key][:25] or len(text) < 200:
                current = key
                continue
        sub = _sub_item(text, ctx)
        if sub and current and (current[0], sub[0]) in documents and len(text) < 200:
            current = (current[0], sub[0])
            continue
        if current:
            for symbol in find_symbols(text):
                documents[current].setdefault(symbol)
    return [item.model_copy(update={"documents": tuple(documents[(item.number, item.letter)])}) for item in items]


def find_opening(ctx: Context) -> tuple[date | None, time, int] | None:
    """The opening announced in the annotations: "s'ouvrira le lundi 9 septembre 2019 à 10 heures"."""
    markers = [normalize(m) for m in ctx.pack.opening_markers]
    for line, folded in zip(ctx.lines, ctx.folded):
        for marker in markers:
            position = folded.find(marker)
            if position < 0:
                continue
            after = line.text[position:]
            dates = find_dates(after, ctx.pack)
            tail = after[dates[0][2]:] if dates and len(normalize(after)) == len(re.sub(r"\s+", " ", after.strip())) else after
            moment = parse_single_time(tail, ctx.pack)
            if moment is None and dates:
                # "will be opened at 10 a.m. on Monday, 9 September 2019"
                moment = parse_single_time(re.sub(r"\d{4}", " ", after), ctx.pack)
            if moment is not None and _begins_a_range(tail, moment, ctx):
                continue  # "will be held at the end of each meeting, from 5.20 to 6 p.m.": hours of something else
            if moment is not None:
                return (dates[0][0] if dates else None), moment, line.number
    return None


def _begins_a_range(text: str, moment: time, ctx: Context) -> bool:
    """The first time in the text is the start of a range ("from 5.20 p.m. to 6 p.m."), not a moment of its own."""
    found = parse_time_range(text, ctx.pack, anchored=False)
    return found is not None and found.start == moment and parse_single_time(normalize(text)[: found.span[0]], ctx.pack) is None


def find_plenary_count(ctx: Context) -> tuple[int, int] | None:
    pattern = pack_pattern(
        ctx.pack, "plenary", lambda p: rf"{p.word_start}(?P<n>\d{{1,2}}|{alternation(p.number_words)}){p.gap}(?:{alternation(p.plenary_phrases)}){p.word_end}"
    )
    for line, folded in zip(ctx.lines, ctx.folded):
        match = pattern.search(folded)
        if match:
            value = match.group("n")
            return (int(value) if value.isdigit() else ctx.pack.number_words[value]), line.number
    return None


def find_hybrid(ctx: Context) -> bool:
    if not any(normalize(marker) in ctx.folded_text for marker in ctx.pack.hybrid_markers):
        return False  # a substring test first: the word-bounded pattern gets no fast scan over the whole text
    pattern = pack_pattern(ctx.pack, "hybrid", lambda p: rf"{p.word_start}(?:{alternation(p.hybrid_markers)}){p.word_end}")
    return pattern.search(ctx.folded_text) is not None


def find_deadlines(ctx: Context, first_day: date, document_date: date | None) -> list[Deadline]:
    """Dates stated with a deadline phrase close by, before the meeting: registration and the like."""
    markers = [normalize(m) for m in ctx.pack.deadline_markers]
    registration = [normalize(w) for w in ctx.pack.registration_words]
    found: list[Deadline] = []
    for line, folded in zip(ctx.lines, ctx.folded):
        if not any(m in folded for m in markers):
            continue
        for value, start, end in find_dates(line.text, ctx.pack):
            window = folded[max(0, start - 40) : end + 40]
            if not any(re.search(rf"{ctx.pack.word_start}{re.escape(m)}{ctx.pack.word_end}", window) for m in markers):
                continue
            if value >= first_day or (first_day - value).days > 180 or (document_date and value < document_date):
                continue
            label_key = "registration_deadline" if any(w in folded for w in registration) else "deadline"
            sentence = _sentence_around(line.text, start)
            deadline = Deadline(date=value, label=ctx.pack.label(label_key), text=sentence, line=line.number)
            if all(d.date != value for d in found):
                found.append(deadline)
    return found


def _sentence_around(text: str, position: int) -> str:
    if len(text) <= 500:
        return text.strip()
    start = max(text.rfind(". ", 0, position) + 2, 0) if text.rfind(". ", 0, position) >= 0 else 0
    end = text.find(". ", position)
    sentence = text[start : end + 1 if end >= 0 else len(text)].strip()
    return sentence if len(sentence) <= 400 else sentence[:397] + "..."
