"""Language packs: the words a document uses, kept as data.

A pack is a small TOML file in ``schedule_export/langs``: annex titles, column
headers, continuation words, time grammar and the labels renderers print.
Month and weekday names come from Babel's CLDR data, never from the packs.
Adding a language means adding a pack file.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache, cached_property, lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from .errors import UsageError


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Fold case, accents, quotes and spaces so that matching forgives typography.

    Only Latin-style combining accents are dropped, so other scripts keep their letters.
    """
    text = text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u00a0", " ")
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", text.casefold()).strip()


def alternation(words) -> str:
    """A regular-expression alternation of pack words, normalised, longest first so "heures" wins over "h"."""
    ordered = sorted({normalize(w) for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) or r"(?!x)x"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Columns(_Strict):
    """Header words of the annex columns; any other header names a parallel body."""

    date_time: tuple[str, ...]
    date: tuple[str, ...] = ()
    time: tuple[str, ...] = ()
    item: tuple[str, ...]
    title: tuple[str, ...]


class TimeGrammar(_Strict):
    hour_words: tuple[str, ...] = ()  # "heures", "h", "horas"
    minute_words: tuple[str, ...] = ()  # written after the minutes: "м." in "10 ч. 00 м."
    am: tuple[str, ...] = ()
    pm: tuple[str, ...] = ()
    noon: tuple[str, ...] = ()
    midnight: tuple[str, ...] = ()
    range_words: tuple[str, ...] = ()  # words between two times besides dashes: "à", "a", "to"
    lead_words: tuple[str, ...] = ()  # words before a time: "de", "from", "à", "at"
    periods: dict[str, str] = {}  # "morning" -> "10:00-13:00", when an annex gives no clock times


class Display(_Strict):
    """How renderers write dates and times in this language (CLDR date pattern, UN time style)."""

    date: str  # a CLDR pattern for babel.dates.format_date
    hour: str  # "{h} heures"; fields: h, hh, h12, mm, ampm
    hour_minute: str
    hour_one: str | None = None  # "1 heure": the singular, where the language has one
    range: str  # "{start}-{end}"
    noon: str | None = None
    am: str = ""
    pm: str = ""
    day_one: str | None = None  # "1er" in French
    single_day: str = "{d} {month} {year}"
    span_day: str = "{d1}-{d2} {month} {year}"  # same month
    span_month: str = "{d1} {month1}-{d2} {month2} {year}"  # same year
    span_year: str = "{d1} {month1} {year1}-{d2} {month2} {year2}"

    def day(self, number: int) -> str:
        return self.day_one if number == 1 and self.day_one else str(number)

    def time(self, hour: int, minute: int) -> str:
        if hour == 12 and minute == 0 and self.noon:
            return self.noon
        h12 = hour % 12 or 12
        pattern = self.hour if minute == 0 else self.hour_minute
        if minute == 0 and hour in (0, 1) and self.hour_one:
            pattern = self.hour_one
        return pattern.format(h=hour, hh=f"{hour:02d}", h12=h12, mm=f"{minute:02d}", ampm=self.pm if hour >= 12 else self.am)

    def time_range(self, start_hour: int, start_minute: int, end_hour: int, end_minute: int) -> str:
        start = self.time(start_hour, start_minute)
        end = self.time(end_hour, end_minute)
        # UN style writes a shared a.m./p.m. once: "3-6 p.m."
        both_pm = self.pm and start.endswith(" " + self.pm) and end.endswith(" " + self.pm)
        both_am = self.am and start.endswith(" " + self.am) and end.endswith(" " + self.am)
        if both_pm or both_am:
            start = start.rsplit(" ", 1)[0]
        return self.range.format(start=start, end=end)


class LanguagePack(_Strict):
    code: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str
    babel_locale: str
    stopwords: tuple[str, ...]  # frequent words, used to detect the language
    agenda_titles: tuple[str, ...]
    annotations_titles: tuple[str, ...]
    annex_titles: tuple[str, ...]
    annex_words: tuple[str, ...] = ()  # "Annex": a heading with it ends the timetable that came before
    non_meeting: tuple[str, ...] = ()  # a timetable cell saying there is no meeting: "no meeting", "lunch"
    documentation_titles: tuple[str, ...]
    continuation_words: tuple[str, ...]
    item_words: tuple[str, ...]
    and_words: tuple[str, ...]
    date_words: tuple[str, ...] = ()  # words allowed inside a date: "de", "le"
    date_range_words: tuple[str, ...] = ()  # "au", "et", "to", "and", "a", "al"
    ordinals: dict[str, int]
    ordinal_tens: dict[str, int] = {}  # "thirty" in "thirty-fifth": tens that combine with an ordinal
    ordinal_suffixes: tuple[str, ...] = ()  # "e", "ème", "th", "º"
    number_words: dict[str, int]
    meeting_words: tuple[str, ...]  # "réunion", "session"
    plenary_names: tuple[str, ...] = ()
    plenary_phrases: tuple[str, ...]  # "séances plénières", "plenary meetings"
    opening_markers: tuple[str, ...]
    future_markers: tuple[str, ...]
    deadline_markers: tuple[str, ...]
    hybrid_markers: tuple[str, ...]
    registration_words: tuple[str, ...] = ()
    reference_labels: tuple[str, ...] = ()
    header_skip: tuple[str, ...] = ()  # header lines that are not titles ("distr.", "original")
    title_connectors: tuple[str, ...] = ()  # "du", "de la", "of the"
    columns: Columns
    time: TimeGrammar
    labels: dict[str, str]  # words renderers print, keyed by meaning
    display: Display

    @cached_property
    def months(self) -> dict[str, int]:
        """Every CLDR spelling of each month, normalised, without trailing dots."""
        from babel.dates import get_month_names

        names: dict[str, int] = {}
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, self.babel_locale).items():
                    names.setdefault(normalize(name).rstrip("."), number)
        return names

    @cached_property
    def weekdays(self) -> dict[str, int]:
        """Every CLDR spelling of each weekday (0 = Monday), normalised."""
        from babel.dates import get_day_names

        names: dict[str, int] = {}
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_day_names(width, context, self.babel_locale).items():
                    names.setdefault(normalize(name).rstrip("."), number)
        return names

    def label(self, key: str) -> str:
        return self.labels.get(key, key)


def _pack_files() -> dict[str, str]:
    folder = resources.files("schedule_export") / "langs"
    return {entry.name.removesuffix(".toml"): entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")}


@cache
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(_pack_files()))


@cache
def load_pack(code: str) -> LanguagePack:
    files = _pack_files()
    if code not in files:
        raise UsageError(f"no language pack for {code!r} (available: {', '.join(sorted(files))})")
    text = (resources.files("schedule_export") / "langs" / files[code]).read_text(encoding="utf-8")
    pack = LanguagePack.model_validate(tomllib.loads(text))
    if pack.code != code:
        raise UsageError(f"language pack {files[code]} declares code {pack.code!r}")
    return pack


def detect_language(text: str) -> LanguagePack:
    """The pack whose frequent words and month names occur most in the text."""
    from collections import Counter

    counts = Counter(re.findall(r"[^\W\d_]+", normalize(text[:6000])))
    best: tuple[int, str] | None = None
    for code in available_languages():
        pack = load_pack(code)
        vocabulary = set(pack.stopwords) | {m for m in pack.months if len(m) > 3}
        score = sum(counts[word] for word in vocabulary)
        if best is None or score > best[0]:
            best = (score, code)
    assert best is not None
    if best[0] < 3:
        from .errors import ParseError

        raise ParseError(f"cannot tell the document's language (supported: {', '.join(available_languages())}); use --lang")
    return load_pack(best[1])


@cache
def _city_zones() -> dict[str, str]:
    text = (resources.files("schedule_export") / "data" / "cities.toml").read_text(encoding="utf-8")
    return {normalize(name): zone for zone, names in tomllib.loads(text).items() for name in names}


def zone_of_city(city: str) -> str | None:
    """The tz database zone of a conference city written in any language, or None when unknown."""
    return _city_zones().get(normalize(city).strip(" .,()"))
