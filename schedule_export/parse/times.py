"""Time grammar: "10 heures-13 heures", "10 a.m.–1 p.m.", "3–6 p.m.", "10.00 a 13.00 horas",
"上午10时至下午1时", "من الساعة 10:00 إلى الساعة 13:00".

The grammar is generic; each language pack supplies its words (hour words,
a.m./p.m. markers, noon, range words). Patterns are compiled once per pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from ..lang import LanguagePack, alternation, normalize

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"



@dataclass(frozen=True)
class _Grammar:
    range_re: re.Pattern[str]
    single_re: re.Pattern[str]
    am: frozenset[str]
    pm: frozenset[str]
    prefix_am: frozenset[str]
    prefix_pm: frozenset[str]
    noon: frozenset[str]
    midnight: frozenset[str]


def _time_pattern(tag: str, pack: LanguagePack) -> str:
    grammar = pack.time
    hour_words = alternation(grammar.hour_words)
    minute_words = alternation(grammar.minute_words)
    markers = alternation(grammar.am + grammar.pm)
    prefixes = alternation(grammar.prefix_am + grammar.prefix_pm)
    named = alternation(grammar.noon + grammar.midnight)
    end = pack.word_end
    # (上午) 10 | 10.30 | 10:30 | 10 h 30 | 10 heures 30 | 10h30 | 10时30分, then a.m./p.m. or an hour word
    return (
        rf"(?:{pack.word_start}(?P<named{tag}>{named}){end}(?!\.)"  # "noon", never the end of "afternoon"
        rf"|(?:(?P<prefix{tag}>{prefixes})\s*)?(?<![\d.:])(?P<h{tag}>2[0-4]|[01]?\d)(?!\d)"  # never the end of "2027"
        rf"(?:\s*(?:[.:]|(?:{hour_words})\s*)(?P<m{tag}>[0-5]\d)(?!\d)(?:\s*(?:{minute_words}){end})?)?"
        rf"(?:\s*(?P<suffix{tag}>{markers}|{hour_words}){end})?)"
    )


_GRAMMARS: dict[str, _Grammar] = {}


def _grammar(pack: LanguagePack) -> _Grammar:
    if pack.code not in _GRAMMARS:
        _GRAMMARS[pack.code] = _compile(pack)
    return _GRAMMARS[pack.code]


def _compile(pack: LanguagePack) -> _Grammar:
    range_words = alternation(pack.time.range_words)
    # "10 heures à 13 heures" needs spaces around the word; "10时至13时" has none to need
    word = rf"\s(?:{range_words})\s" if pack.spaced else rf"(?:{range_words})"
    separators = rf"\s*(?:[{DASHES}]|{word})\s*"
    # "de las 10.00", "from 10 a.m.": whole words, never the end of one ("Tarde 14.30" is not "de 14.30")
    lead = rf"(?:{pack.word_start}(?:{alternation(pack.time.lead_words)}){pack.gap}){{0,2}}"
    trailing = rf"(?:\s*(?:{alternation(pack.time.hour_words)}){pack.word_end})?"
    # the lead word may be repeated on the end: "من الساعة 10:00 إلى الساعة 13:00", "الساعة 10:00 - الساعة 13:00"
    range_re = re.compile(rf"{lead}{_time_pattern('1', pack)}{separators}{lead}{_time_pattern('2', pack)}{trailing}")
    single_re = re.compile(_time_pattern("1", pack))
    t = pack.time
    return _Grammar(
        range_re=range_re,
        single_re=single_re,
        am=frozenset(normalize(w) for w in t.am),
        pm=frozenset(normalize(w) for w in t.pm),
        prefix_am=frozenset(normalize(w) for w in t.prefix_am),
        prefix_pm=frozenset(normalize(w) for w in t.prefix_pm),
        noon=frozenset(normalize(w) for w in t.noon),
        midnight=frozenset(normalize(w) for w in t.midnight),
    )


@dataclass(frozen=True)
class TimeRange:
    start: time
    end: time
    span: tuple[int, int]  # where the range stands in the normalised text
    open_end: bool = False  # only the start was written: the end is the standard end of its part of the day


def _clock(match: re.Match[str], tag: str, g: _Grammar) -> tuple[int, int, str | None] | None:
    named = match.group(f"named{tag}")
    if named:
        if named in g.noon or any(named.endswith(n) for n in g.noon):
            return 12, 0, "named"
        return 0, 0, "named"
    hour = int(match.group(f"h{tag}"))
    minute = int(match.group(f"m{tag}") or 0)
    suffix = match.group(f"suffix{tag}")
    prefix = match.group(f"prefix{tag}")
    marker = None
    if prefix in g.prefix_am:
        marker = "am"
    elif prefix in g.prefix_pm:
        marker = "pm"
    elif suffix in g.am:
        marker = "am"
    elif suffix in g.pm:
        marker = "pm"
    elif suffix:
        marker = "hour"
    if marker in ("am", "pm") and not 1 <= hour <= 12:
        return None
    if hour == 24 and minute:
        return None
    return hour, minute, marker


def _to_24h(hour: int, marker: str | None) -> int:
    if marker == "am":
        return 0 if hour == 12 else hour
    if marker == "pm":
        return hour if hour == 12 else hour + 12
    return hour


def parse_time_range(text: str, pack: LanguagePack, anchored: bool = True) -> TimeRange | None:
    """The first time range in the text (at its start when anchored), or None.

    A shared a.m./p.m. written once applies to both ends when that keeps the
    start before the end ("3–6 p.m." is 15:00–18:00, "11–12.30 p.m." is 11:00–12:30),
    whether it is written on the end or, before the number, on the start ("下午3时至6时").
    """
    g = _grammar(pack)
    normalized = normalize(text)
    match = g.range_re.match(normalized) if anchored else g.range_re.search(normalized)
    if not match:
        return None
    first, second = _clock(match, "1", g), _clock(match, "2", g)
    if first is None or second is None:
        return None
    (h1, m1, k1), (h2, m2, k2) = first, second
    if k1 is None and k2 is None and not (match.group("m1") or match.group("m2")):
        # bare "15-18": a time only when nothing else could be meant, i.e. the whole text
        if normalized[match.end():].strip():
            return None
    end_hour = _to_24h(h2, k2)
    if k1 is None and k2 in ("am", "pm"):
        shared = _to_24h(h1, k2)
        start_hour = shared if (shared, m1) < (end_hour, m2) else h1
    else:
        start_hour = _to_24h(h1, k1)
    if k1 in ("am", "pm") and k2 not in ("am", "pm") and h2 <= 12:
        shared = _to_24h(h2, k1)
        end_hour = shared if (start_hour, m1) < (shared, m2) else h2
    if end_hour == 24:
        end_hour, m2 = 23, 59
    if start_hour > 23:
        return None
    start, end = time(start_hour, m1), time(end_hour, m2)
    if end <= start:
        return None
    return TimeRange(start, end, match.span())


def find_time_ranges(text: str, pack: LanguagePack) -> list[TimeRange]:
    """Every time range in the text, in order, with its place in the normalised text; bare numbers
    ("12–14 April") are passed over, not taken as the end of the search."""
    normalized = normalize(text)
    found: list[TimeRange] = []
    position = 0
    while position < len(normalized):
        hit = parse_time_range(normalized[position:], pack, anchored=False)
        if hit is None:
            match = _grammar(pack).range_re.search(normalized, position)
            if match is None:
                break
            position = match.end()  # a range of bare numbers, or not a range at all: read on after it
            continue
        found.append(TimeRange(hit.start, hit.end, (position + hit.span[0], position + hit.span[1])))
        position += hit.span[1]
    return found


# a meeting announced by its start alone starts within working hours: "1.10" or "3.5" are numbers
_MEETING_HOURS = range(7, 22)


def parse_leading_time(text: str, pack: LanguagePack) -> tuple[time, int] | None:
    """A time that opens the text ("10 a.m.  1st meeting", "15.00 Point 3"): the time and where it ends
    in the normalised text. Only a clock with a marker or minutes counts, within meeting hours."""
    g = _grammar(pack)
    folded = normalize(text)
    start = len(folded) - len(folded.lstrip(" *_-\u2022"))
    match = g.single_re.match(folded, start)
    if match is None:
        return None
    clock = _clock(match, "1", g)
    if clock is None:
        return None
    hour, minute, marker = clock
    if marker is None and not match.group("m1"):
        return None
    hour = _to_24h(hour, marker if marker in ("am", "pm") else None)
    if hour not in _MEETING_HOURS:
        return None
    return time(hour, minute), match.end()


def parse_single_time(text: str, pack: LanguagePack) -> time | None:
    """A lone time such as "10 heures" or "10 a.m." anywhere in the text; bare numbers do not count."""
    g = _grammar(pack)
    for match in g.single_re.finditer(normalize(text)):
        clock = _clock(match, "1", g)
        if clock is None:
            continue
        hour, minute, marker = clock
        if marker is None and not match.group("m1"):
            continue  # a bare number is a day, a count, an item: not a time
        hour = _to_24h(hour, marker if marker in ("am", "pm") else None)
        if hour > 23:
            continue
        return time(hour, minute)
    return None
