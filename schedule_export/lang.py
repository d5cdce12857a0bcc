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
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import UsageError


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Right-to-left text carries invisible direction marks (LRM, RLM, embeddings, isolates): never part of a word.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# Arabic short vowels and the tatweel (a stretching stroke) are optional in writing: matching ignores them.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")
# One character for one character, so positions in folded text still point into the original:
# Arabic-Indic and Extended Arabic-Indic digits, the Arabic comma and semicolon.
_ONE_FOR_ONE = str.maketrans(
    {**{0x0660 + n: str(n) for n in range(10)}, **{0x06F0 + n: str(n) for n in range(10)}, "\u060c": ",", "\u061b": ";"}
)
_HAS_ONE_FOR_ONE = re.compile("[\u0660-\u0669\u06f0-\u06f9\u060c\u061b]")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Fold case, accents, quotes and spaces so that matching forgives typography.

    Only Latin-style combining accents are dropped, so other scripts keep their letters.
    Arabic-Indic digits become ASCII digits and full-width forms (（续）, １０：００) their ASCII
    counterparts, one character for one. Bidi control marks and Arabic short vowels are
    dropped: with spaces, the only changes of length, which callers that cut the original
    text at folded positions detect by comparing lengths.
    """
    text = text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u00a0", " ")
    if not text.isascii():
        if _HAS_ONE_FOR_ONE.search(text):  # translating character by character is slow; most texts have none
            text = text.translate(_ONE_FOR_ONE)
        text = _ARABIC_MARKS.sub("", BIDI_MARKS.sub("", text))
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        text = unicodedata.normalize("NFC", text)
    # split() and \s both take str.isspace() characters as spaces: this is \s+ to one space, stripped
    return " ".join(text.casefold().split())


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
    generic: tuple[str, ...] = ()  # "Meeting", "Activity", "Remarks": say what the cells hold, never name a body


class TimeGrammar(_Strict):
    hour_words: tuple[str, ...] = ()  # "heures", "h", "horas", "时"
    minute_words: tuple[str, ...] = ()  # written after the minutes: "м." in "10 ч. 00 м.", "分"
    am: tuple[str, ...] = ()  # written after the number: "10 a.m."
    pm: tuple[str, ...] = ()
    prefix_am: tuple[str, ...] = ()  # written before the number: "上午10时"
    prefix_pm: tuple[str, ...] = ()  # "下午3时"
    noon: tuple[str, ...] = ()
    midnight: tuple[str, ...] = ()
    range_words: tuple[str, ...] = ()  # words between two times besides dashes: "à", "a", "to"
    lead_words: tuple[str, ...] = ()  # words before a time: "de", "from", "à", "at"
    periods: dict[str, str] = {}  # "morning" -> "10:00-13:00", when an annex gives no clock times


class NumericDate(_Strict):
    """Dates written with numbers and unit characters: 2025年3月17日 (year, month, day)."""

    order: Literal["ymd"] = "ymd"  # the only order in use so far; another needs its range pattern
    year: str  # the character after the year: "年"
    month: str  # "月"
    day: str  # "日"


class Display(_Strict):
    """How renderers write dates and times in this language (CLDR date pattern, UN time style)."""

    date: str  # a CLDR pattern for babel.dates.format_date
    month_width: Literal["wide", "abbreviated"] = "wide"  # CLDR month names in date spans: "3月" in Chinese
    hour: str  # "{h} heures", "{ampm}{h12}时"; fields: h, hh, h12, mm, ampm
    hour_minute: str
    hour_one: str | None = None  # "1 heure": the singular, where the language has one
    range: str  # "{start}-{end}"
    noon: str | None = None
    am: str = ""
    pm: str = ""
    day_one: str | None = None  # "1er" in French
    place: str = "{city}, {dates}"  # "Vienne, 9-11 septembre 2019"; "维也纳，…", "فيينا، …"
    item: str = "{number} {letter})"  # a sub-item label: "1 a)", "1 (a)", "1 (أ)"
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
        if self.hour.startswith("{ampm}"):
            # a marker written before the number is written once, on the start: "下午3时至6时"
            for marker in (self.am, self.pm):
                if marker and start.startswith(marker) and end.startswith(marker):
                    end = end[len(marker) :]
            return self.range.format(start=start, end=end)
        # UN style writes a shared a.m./p.m. once: "3-6 p.m."
        both_pm = self.pm and start.endswith(" " + self.pm) and end.endswith(" " + self.pm)
        both_am = self.am and start.endswith(" " + self.am) and end.endswith(" " + self.am)
        if both_pm or both_am:
            start = start.rsplit(" ", 1)[0]
        return self.range.format(start=start, end=end)


# Letters of the scripts packs are written in, for telling a document's language by its script first.
SCRIPTS = {
    "Latin": "A-Za-z\u00c0-\u024f",
    "Cyrillic": "\u0400-\u04ff",
    "Arabic": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    # scripts no pack is written in: a text in them is refused, not read with the nearest pack
    "Greek": "\u0370-\u03ff",
    "Hebrew": "\u0590-\u05ff",
    "Kana": "\u3040-\u30ff",
    "Hangul": "\uac00-\ud7af\u1100-\u11ff",
    "Devanagari": "\u0900-\u097f",
}


class LanguagePack(_Strict):
    code: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str
    babel_locale: str
    script: Literal["Latin", "Cyrillic", "Arabic", "Han"] = "Latin"
    spaced: bool = True  # words are separated by spaces; Chinese writes "上午10时至下午1时" without any
    month_locales: tuple[str, ...] = ()  # further CLDR locales whose month names documents also use ("ar_SY": آذار)
    month_pair_separators: tuple[str, ...] = ()  # "آذار/مارس": one month written with two of its names
    # spellings documents use that CLDR lacks (UN Arabic "يونيه", "يوليه"), like dateparser's supplements
    month_supplement: dict[str, int] = {}
    numeric_date: NumericDate | None = None
    item_letters: dict[str, str] = {}  # sub-item letters of the script, as the Latin letter they stand for: "أ" = "a"
    ordinal_after_meeting_word: bool = False  # "الاجتماع العاشر": the meeting word comes first
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
    year_words: tuple[str, ...] = ()  # written after a year: "года" in "2026 года"
    ordinals: dict[str, int]
    ordinal_tens: dict[str, int] = {}  # "thirty" in "thirty-fifth": tens that combine with an ordinal
    ordinal_suffixes: tuple[str, ...] = ()  # "e", "ème", "th", "º"
    ordinal_unit_first_joiners: tuple[str, ...] = ()  # "و" in "الخامسة والثلاثون": unit, then "and" + tens
    number_words: dict[str, int]
    meeting_words: tuple[str, ...]  # "réunion", "session"
    plenary_names: tuple[str, ...] = ()
    body_words: tuple[str, ...] = ()  # "committee", "working group": a name with one of these names a body by its kind
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
        """Every CLDR spelling of each month, normalised, without trailing dots.

        With ``month_locales`` the names of those locales count too, alone and paired with the
        main locale's name of the same month ("آذار/مارس" and "مارس/آذار").
        """
        from babel.dates import get_month_names

        names: dict[str, int] = {}
        by_locale: list[dict[int, set[str]]] = []
        for locale in (self.babel_locale, *self.month_locales):
            spellings: dict[int, set[str]] = {}
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    for number, name in get_month_names(width, context, locale).items():
                        folded = normalize(name).rstrip(".")
                        names.setdefault(folded, number)
                        spellings.setdefault(number, set()).add(folded)
            by_locale.append(spellings)
        for name, number in self.month_supplement.items():
            names.setdefault(normalize(name), number)
            by_locale[0].setdefault(number, set()).add(normalize(name))
        for other in by_locale[1:]:
            for number, own_names in by_locale[0].items():
                for own in own_names:
                    for alias in other.get(number, set()) - {own}:
                        for separator in self.month_pair_separators:
                            for pair in (f"{alias}{separator}{own}", f"{own}{separator}{alias}"):
                                names.setdefault(normalize(pair), number)
        return names

    @property
    def word_start(self) -> str:
        """A pattern asserting a word starts here; empty where words are not separated ("第十次会议")."""
        return r"(?<![\w])" if self.spaced else ""

    @property
    def word_end(self) -> str:
        return r"(?![\w])" if self.spaced else ""

    @property
    def gap(self) -> str:
        """What separates two words: spaces, or nothing at all in Chinese."""
        return r"\s+" if self.spaced else r"\s*"

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

    @cached_property
    def detection_words(self) -> frozenset[str]:
        """The words ``detect_language`` counts for this pack: its frequent words and its longer month names."""
        return frozenset(self.stopwords) | {m for m in self.months if len(m) > 3}

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def item_label(self, number: int, letter: str | None) -> str:
        """ "1 a)" / "1 (a)" / "1 (أ)": a sub-item as this language writes it, with its own letters."""
        if not letter:
            return str(number)
        own = next((mine for mine, latin in self.item_letters.items() if latin == letter), letter)
        return self.display.item.format(number=number, letter=own)


def _pack_files() -> dict[str, str]:
    folder = resources.files("schedule_export") / "langs"
    return {entry.name.removesuffix(".toml"): entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")}


@cache
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(_pack_files()))


_SCRIPT_LINE = re.compile(r'^script\s*=\s*"(\w+)"', re.MULTILINE)


@cache
def pack_script(code: str) -> str:
    """A pack's ``script`` read from its file's top-level line, without parsing and validating the pack:
    detection then loads only the packs of the document's script (tests check it agrees with ``load_pack``)."""
    text = (resources.files("schedule_export") / "langs" / _pack_files()[code]).read_text(encoding="utf-8")
    found = _SCRIPT_LINE.search(text.split("\n[", 1)[0])  # before the first table: a top-level key
    return found.group(1) if found else LanguagePack.model_fields["script"].default


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


# Scripts whose every character is a word or a syllable: counted by characters, the others by words,
# so that the English "Distr.: General" block of a Chinese document does not outweigh its Chinese.
_ONE_CHARACTER_WORDS = {"Han", "Kana", "Hangul"}


@cache
def _script_words() -> dict[str, re.Pattern[str]]:
    """Per script: a word of its alphabet, or one character of a script without spaces."""
    return {name: re.compile(f"[{letters}]{'' if name in _ONE_CHARACTER_WORDS else '+'}") for name, letters in SCRIPTS.items()}


@cache
def _script_ranges() -> tuple[list[int], list[int], list[str]]:
    """SCRIPTS as code point ranges sorted by their start (each value is a run of "X-Y" pairs; no two overlap)."""
    ranges = sorted(
        (ord(letters[i]), ord(letters[i + 2]), name) for name, letters in SCRIPTS.items() for i in range(0, len(letters), 3)
    )
    return [low for low, _, _ in ranges], [high for _, high, _ in ranges], [name for _, _, name in ranges]


def scripts_present(text: str) -> set[str]:
    """The scripts that have at least one letter in the text, from its distinct characters (no pattern to compile)."""
    from bisect import bisect_right

    lows, highs, names = _script_ranges()
    present: set[str] = set()
    for character in set(text):
        code = ord(character)
        index = bisect_right(lows, code) - 1
        if index >= 0 and code <= highs[index]:
            present.add(names[index])
    return present


def dominant_script(text: str) -> str | None:
    """The script most words of the text are written in (Latin, Cyrillic, Arabic, Han...), or None.

    Counted script by script (the scripts' letters are disjoint, so each count is what one pass
    over all of them would find, at C speed); a tie goes to the script met first in the text.
    """
    present = scripts_present(text)
    if len(present) <= 1:  # most documents: a single script settles it, without counting words
        return next(iter(present), None)
    best: tuple[int, int, str] | None = None  # (-count, first position, script)
    for name, pattern in _script_words().items():
        words = pattern.findall(text)
        if words:
            first = pattern.search(text)
            candidate = (-len(words), first.start() if first else 0, name)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else None


def detect_language(text: str) -> LanguagePack:
    """The pack of the text's script; among packs sharing a script, the one whose frequent words
    and month names occur most. Scripts come first: a Chinese or Arabic text has no words
    that a space-separated vocabulary could count."""
    from collections import Counter

    from .errors import ParseError

    sample = text[:6000]
    script = dominant_script(sample)
    candidates = [load_pack(code) for code in available_languages() if pack_script(code) == script]
    if len(candidates) == 1:
        return candidates[0]
    counts = Counter(re.findall(r"[^\W\d_]+", normalize(sample)))
    best: tuple[int, str] | None = None
    for pack in candidates:
        code = pack.code
        score = sum(counts[word] for word in pack.detection_words)
        if best is None or score > best[0]:
            best = (score, code)
    if best is None or best[0] < 3:
        raise ParseError(f"cannot tell the document's language (supported: {', '.join(available_languages())}); use --lang")
    return load_pack(best[1])


@cache
def _city_zones() -> dict[str, str]:
    text = (resources.files("schedule_export") / "data" / "cities.toml").read_text(encoding="utf-8")
    return {normalize(name): zone for zone, names in tomllib.loads(text).items() for name in names}


_ASIDE = re.compile(r"[(\[\uff08][^()\[\]\uff08\uff09]*[)\]\uff09]")  # "(Conference Hall 1)", "（第1会议室）"


def without_asides(text: str) -> str:
    """Words without what they say in brackets: "Plenary (Conference Hall 1)" is "Plenary", "Montréal (Canada)" "Montréal"."""
    return " ".join(_ASIDE.sub(" ", text).split())


def city_key(city: str) -> str:
    """A city's name as the city tables key it: folded, without an aside in brackets."""
    return without_asides(normalize(city)).strip(" .,()")


def zone_of_city(city: str) -> str | None:
    """The tz database zone of a conference city written in any language, or None when unknown."""
    return _city_zones().get(city_key(city))
