"""PDF documents into blocks, from the positions of the words on each page.

A PDF's text layer is positioned glyphs: no lines, paragraphs or cells. The
reader rebuilds them from geometry only:

1. characters (pypdfium2) into words, words into lines by baseline; raised
   small characters (footnote marks) left out; on a right-to-left page the
   words as they stand on the page are put in reading order by the Unicode
   bidirectional algorithm run backwards (``_reading_order``: numbers and
   Latin runs left to right inside Arabic text);
2. running headers and footers (the same text at the same height on most
   pages), page numbers, job numbers ("V.25-01234") and footnotes at the foot
   of a page (smaller type below the body) set aside as ``furniture``;
3. a line is cut into segments where words are further apart than any word
   space; runs of lines whose segments leave the same vertical strips of
   white (gutters) form a table, its columns being the strips between the
   gutters, one row per physical line (the parser merges wrapped cells);
   a segment crossing a gutter spans those columns; a borderless table whose rows take
   several lines (cells wrapped or vertically centred) is found over its whole region, its
   columns where lines start, and its centred cells put at the top of their rows
   (``grid_regions``, ``_top_aligned``); a heading standing left of the first column's
   cells between two such tables ends the one above, each table with its own columns; on a
   right-to-left page whose cells line up where they end (Arabic set flush left), the column
   edges are where cells end; distances down the page are measured in line heights, type sizes
   stretched where the document sets its lines further apart (``line_spread``);
4. a table going on over a page break is one table, its repeated header
   rows dropped; other lines are joined into paragraphs.

Line numbers: "line N" is the N-th line of body text in the PDF, counted from
the first page, running headers and footers left out.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from statistics import median

from ..errors import InputError
from ..model import Finding
from . import Block, Cell, Document, Paragraph, Row, Table

PASSWORD = "is password-protected; save a copy without the password and convert that"
UNMAPPED = ("has no readable text layer: its fonts do not say which letters they draw; "
            "run OCR first (for example ocrmypdf --force-ocr) and convert the result")
NO_TEXT_LAYER = "has no text layer (a scanned image?); run OCR first (for example ocrmypdf) and convert the result"
MAX_COLUMNS = 64
# job numbers (V.25-01234 (E) 010225 in Vienna, GE.25-…, 25-01234 in New York) and their bar code *2501234*
_JOB_NUMBER = re.compile(r"^(?:[A-Z]{1,2}\.?)?\d{2}-\d{5}\b|^\*\d{7,}\*$")
_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,4}|[-–]\s*\d{1,4}\s*[-–]|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:Page|Pág\.?|Página|Стр\.?|стр\.?|页) ?\d{1,4}(?: (?:of|sur|de|из|/) \d{1,4})?)$"
)
_SYMBOL_ONLY = re.compile(r"^[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.()\-]+){2,}\*?$")
_FOOTNOTE_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3})$")
# What starts a numbered paragraph or list item ("1.", "(a)", "b)", "iv.", "12", a bullet): with a
# tab-wide gap after it, it marks a hanging indent rather than a table column.
_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)\-–]?|\(?[A-Za-z]{1,2}[.)]|\([A-Za-z]{1,2}\)|\(?[ivxlcIVXLC]{1,6}[.)]|[•·▪‣◦–-])$")
_SENTENCE_ENDS = (".", ":", ";", "!", "?", "\u3002", "\uff1a", "\u061f")
_MARKS_ONLY = re.compile("^[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+$")
_UNMAPPED = re.compile("[\ufffd\ufffe\ue000-\uf8ff]")
_DIGITS = re.compile(r"\d+")
# \x02: PDFium's mark for a hyphen ending a line. One ideographic space inside a word is the
# writer's own space ("项目1(a)\u3000会议开幕"), typed as text: no gap between columns.
_WORD = re.compile(r"[^\s\x00\x01\x03-\x1f\ufffe\u200b]+(?:\u3000[^\s\x00\x01\x03-\x1f\ufffe\u200b]+)*")
_BREAK_HYPHENS = ("\x02", "\u00ad", "\u2010")  # hyphens a typesetter added to break a word: not part of it


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    baseline: float
    size: float
    backwards: bool = False  # its characters come last first on the page (right-to-left letters drawn in reading order)


@dataclass
class Line:
    words: list[Word]
    page: int
    page_height: float
    number: int = 0
    segments: list[tuple[float, float, str]] = field(default_factory=list)  # (x0, x1, text)
    rtl: bool = False  # on a right-to-left page, whose x positions are mirrored (see mirror_rtl)
    baseline: float = 0.0
    size: float = 0.0
    region: int = -1  # the grid region (see grid_regions) the line belongs to, if any
    stops: tuple[float, ...] = ()  # that region's column starts after the first (ends but the last, end_aligned)
    spread: float = 1.0  # how much further apart than usual the document sets its lines (see line_spread)
    end_aligned: bool = False  # the region's cells are set flush with their ends (see _page_grid)

    def __post_init__(self) -> None:
        # the words never change once grouped: measured once, read often
        self.baseline = median(w.baseline for w in self.words)
        self.size = median(w.size for w in self.words)

    @property
    def height(self) -> float:
        """The line's measure for distances down the page: its type size, stretched where the
        document sets its lines further apart than type of that size usually stands."""
        return self.size * self.spread

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(text for _, _, text in self.segments)


# ---------------------------------------------------------------- characters to words (pypdfium2)


def page_words(page) -> list[Word]:
    """Words of one pypdfium2 page, in content order, with their boxes (top-down coordinates).

    PDFium gives the page's text in one call, with spaces and line ends it
    generates where glyphs stand apart; a word is a run of non-space
    characters, and only its first and last characters are measured (a call
    per character is what makes reading slow). A word whose ends do not stand
    at one height (a footnote mark glued to it) is measured character by character.
    """
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        height = page.get_height()
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = textpage.get_text_range(0, count) if count else ""
        rect = raw.FS_RECTF()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        # pointers made once: a call per measured character is the cost of reading
        rect_ref, x_ref, y_ref = ctypes.byref(rect), ctypes.byref(origin_x), ctypes.byref(origin_y)
        loose_box, char_origin, font_size = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize

        def box(index: int) -> tuple[float, float, float, float, float, float]:
            """x0, x1, top, bottom, baseline (top-down) and font size of one character."""
            loose_box(handle, index, rect_ref)
            char_origin(handle, index, x_ref, y_ref)
            size = font_size(handle, index) or (rect.top - rect.bottom) / 1.2
            return rect.left, rect.right, height - rect.top, height - rect.bottom, height - origin_y.value, size

        if len(text) != count:  # characters PDFium could not map one to one: read them one by one
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count))

        def origin_x_of(index: int) -> float:
            char_origin(handle, index, x_ref, y_ref)
            return origin_x.value

        words: list[Word] = []
        spans: list[tuple[Word, int, int]] = []  # words read in one piece, with their first and last character
        previous: Word | None = None
        previous_height = 0.0  # of the previous word's first character box
        for match in _WORD.finditer(text):
            if _MARKS_ONLY.match(match.group()):
                # vowel signs PDFium set apart from their letter (المهرَّبين): optional in Arabic
                # writing, and a word of their own would split the one they belong to
                continue
            first, last = match.start(), match.end() - 1
            # the first character measured in line (this loop is most of the reading time)
            loose_box(handle, first, rect_ref)
            char_origin(handle, first, x_ref, y_ref)
            x0, x1, top, bottom = rect.left, rect.right, height - rect.top, height - rect.bottom
            baseline = height - origin_y.value
            first_height = rect.top - rect.bottom
            if (previous is not None and previous.baseline == baseline and 0 <= x0 - previous.x1 < 0.5 * previous.size
                    and abs(first_height - previous_height) <= 0.08 * previous_height):
                size = previous.size  # the next word of a run of text, in the same type: no need to ask
            else:
                size = font_size(handle, first) or first_height / 1.2
            previous_height = first_height
            backwards = False
            if last != first:
                # the last character's right edge; a raised mark glued on shows in its box standing
                # higher (more than a descender's depth) or taller
                loose_box(handle, last, rect_ref)
                # right to left, the last character stands at the word's left; a word that is one
                # ligature ("لا") has its letters at one place, in reading order like any Arabic word
                backwards = rect.left < x0 - 0.01 or (rect.left <= x0 + 0.01 and _RTL_LETTER.match(match.group()) is not None)
                x0, x1 = min(x0, rect.left), max(x1, rect.right)
                last_top, last_bottom = height - rect.top, height - rect.bottom
            else:
                last_top, last_bottom = top, bottom
            if abs(last_bottom - bottom) <= 0.3 * size and abs(last_top - top) <= 0.2 * size:
                previous = Word(match.group(), x0, x1, top, bottom, baseline, size, backwards)
                words.append(previous)
                spans.append((previous, first, last))
            else:
                for piece, start, end in _measured_one_by_one(text, first, last, box):
                    words.append(piece)
                    spans.append((piece, start, end))
                previous = words[-1]
        if is_rtl(words):
            for word, first, last in spans:
                if _MIXED.search(word.text):
                    _as_drawn(word, text, first, last, origin_x_of)
                elif _ALEF_LAM.search(word.text):
                    word.text = _ligatures_in_order(word.text, first, origin_x_of)
        return words
    finally:
        textpage.close()


# a character other than a right-to-left letter or mark: in a word of a right-to-left page, the
# writer may have drawn it in any order (numbers left to right, pieces of a symbol one by one)
_MIXED = re.compile("[^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


_ALEF_LAM = re.compile("[\u0627\u0623\u0625\u0622]\u0644")


def _ligatures_in_order(word: str, first: int, x_of) -> str:
    """A lam-alef ligature comes out of the drawing alef first, both letters at one place
    (الثلاثاء drawn as "الثالثاء"): put back lam first. An alef and a lam drawn apart (the
    article "ال") stand at two places and stay."""
    chars = list(word)
    for match in _ALEF_LAM.finditer(word):
        k = match.start()
        if abs(x_of(first + k) - x_of(first + k + 1)) < 0.01:
            chars[k], chars[k + 1] = chars[k + 1], chars[k]
    return "".join(chars)


def _as_drawn(word: Word, text: str, first: int, last: int, x_of) -> None:
    """A word of a right-to-left page holding numbers, Latin letters or punctuation, its characters
    put in the order they stand on the page from left to right (``Word.backwards`` false).

    A combining mark is kept with its letter; a right-to-left letter's marks come before it, so
    that the letter reads first when the run is read from the right."""
    clusters: list[tuple[float, str]] = []
    for index in range(first, last + 1):
        char = text[index]
        if clusters and unicodedata.combining(char):
            x, drawn = clusters[-1]
            clusters[-1] = (x, char + drawn if _RTL_LETTER.match(drawn[-1]) else drawn + char)
        else:
            clusters.append((x_of(index), char))
    # sorted by position; characters drawn at one place (a lam-alef ligature) keep the order they came in
    clusters.sort(key=lambda cluster: cluster[0])
    word.text = "".join(drawn for _, drawn in clusters)
    word.backwards = False


def _measured_one_by_one(text: str, first: int, last: int, box) -> list[tuple[Word, int, int]]:
    """A run of characters split where the baseline or the size changes or the pen jumps: the
    words, each with the index of its first and last character."""
    words: list[tuple[Word, int, int]] = []
    current: list[tuple[str, tuple[float, float, float, float, float, float]]] = []
    start = first

    def flush() -> None:
        if current:
            boxes = [b for _, b in current]
            words.append((Word("".join(c for c, _ in current), min(b[0] for b in boxes), max(b[1] for b in boxes), min(b[2] for b in boxes),
                               max(b[3] for b in boxes), boxes[0][4], max(b[5] for b in boxes), boxes[-1][0] < boxes[0][0] - 0.01),
                          start, start + len(current) - 1))
            current.clear()

    for index in range(first, last + 1):
        measured = box(index)
        if current:
            previous = current[-1][1]
            size = max(previous[5], measured[5])
            # a new word where the baseline or the size changes, or the pen jumps away (either way:
            # right-to-left text runs backwards)
            jumped = min(abs(measured[0] - previous[1]), abs(measured[1] - previous[0])) > size
            if abs(measured[4] - previous[4]) > 0.2 * size or abs(measured[5] - previous[5]) > 0.2 * size or jumped:
                flush()
        if not current:
            start = index
        current.append((text[index], measured))
    flush()
    return words


# ---------------------------------------------------------------- words to lines


def group_lines(words: list[Word], page: int, page_height: float, rtl: bool = False) -> list[Line]:
    """Words sharing a baseline, left to right; raised small marks (footnote references) dropped.

    A mark takes the place it stood in: the word before it is widened over it, so that the gap
    it leaves is not read as a gap between columns.
    """
    groups: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.baseline, w.x0)):
        if groups and abs(word.baseline - groups[-1][0].baseline) <= 0.3 * max(word.size, groups[-1][0].size):
            groups[-1].append(word)
        else:
            groups.append([word])
    lines = [Line(sorted(group, key=lambda w: w.x0), page, page_height, rtl=rtl) for group in groups]
    kept: list[Line] = []
    for position, line in enumerate(lines):
        below = lines[position + 1] if position + 1 < len(lines) else None
        if below is not None and _is_mark_line(line, below):
            for mark in line.words:
                _cover(below.words, mark)
            continue
        kept.append(line)
    result: list[Line] = []
    for line in kept:
        smaller = len(line.words) > 1 and min(w.size for w in line.words) <= 0.95 * line.size  # most lines: one size
        marks = [w for w in line.words if _is_raised_word(w, line)] if smaller else []
        if marks:
            remaining = [w for w in line.words if all(w is not mark for mark in marks)]
            for mark in marks:
                _cover(remaining, mark)
            line = Line(remaining, page, page_height, rtl=rtl)
        result.append(line)
    return result


def _cover(words: list[Word], mark: Word) -> None:
    before = [w for w in words if w.x0 <= mark.x0]
    if before:
        word = max(before, key=lambda w: w.x0)
        word.x1 = max(word.x1, mark.x1)


def _is_raised_word(word: Word, line: Line) -> bool:
    return word.size <= 0.95 * line.size and line.baseline - word.baseline > 0.2 * line.size and len(word.text) <= 3


def _is_mark_line(line: Line, below: Line) -> bool:
    """A line of superscripts only: short, no larger than the line below, and overlapping it."""
    return (line.size <= 0.95 * below.size and all(len(w.text) <= 3 for w in line.words)
            and line.words[0].bottom > below.words[0].top and below.baseline - line.baseline < below.size)


_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u052f]")


def is_rtl(words: list[Word]) -> bool:
    """A page written right to left: more Arabic or Hebrew letters than Latin, Greek or Cyrillic ones."""
    text = "".join(w.text for w in words)
    return len(_RTL_LETTER.findall(text)) > len(_LTR_LETTER.findall(text))


def mirror_rtl(words: list[Word], width: float) -> None:
    """Mirror a right-to-left page, so that what comes first (the right) has the smallest x:
    columns, indents and list markers then read as on a left-to-right page."""
    for word in words:
        word.x0, word.x1 = width - word.x1, width - word.x0


_MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«", "‹": "›", "›": "‹"}
# A lam-alef ligature comes out of the drawing with its letters swapped; after the article's
# alef that is "ا" + alef + "ل" where the word has "ا" + "ل" + alef (الأمم, الاجتماع, والأمم).
# Inside a word the swap cannot be told from a real word (سالم / سلام), so it is left.
_SWAPPED_LAM_ALEF = re.compile("(?<![\u0621-\u064a])([وفبك]?)ا([اأإآ])ل")


def _bidi_class(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if kind in ("L", "R", "AL", "EN", "AN", "ES", "CS", "ET", "NSM"):
        return kind
    return "ON"  # spaces, other neutrals, controls (PDFium's \x02), isolates: neutral


def _reading_order(visual: str) -> str:
    """The text of a right-to-left line, given as it stands on the page from left to right, in
    reading order: the Unicode bidirectional algorithm (UAX #9, a right-to-left paragraph without
    explicit embeddings) run backwards.

    Right-to-left letters and the neutrals between them read from the right; a run of
    left-to-right letters or a number (digits with the separators the algorithm keeps inside it:
    "15-17" after Latin, "10:00", "2029/1") stands as it is drawn, the runs in order from the
    right. A number's type depends on the strong letter before it in reading order: the letter
    to its left on the page within a left-to-right run (E/CN.7/2025/1), else the one to its right;
    after Arabic letters a number is an Arabic number, and a hyphen between two such numbers
    ("فيينا، 15-17", drawn "17-15") is a neutral read right to left like the letters around it.
    Brackets read right to left are mirrored ("(تابع)" is drawn with ")" at its right).
    """
    n = len(visual)
    kinds = [_bidi_class(c) for c in visual]
    for i, kind in enumerate(kinds):  # W1: a combining mark takes the type of the letter it marks
        if kind == "NSM":
            left = kinds[i - 1] if i else "ON"
            right = next((k for k in kinds[i + 1:] if k != "NSM"), "ON")
            kinds[i] = "R" if "R" in (left, right) or "AL" in (left, right) else left
    strong = [k if k in ("L", "R", "AL") else "" for k in kinds]
    left_strong, right_strong = [""] * n, [""] * n
    last = ""
    for i in range(n):
        left_strong[i] = last
        last = strong[i] or last
    last = ""
    for i in range(n - 1, -1, -1):
        right_strong[i] = last
        last = strong[i] or last
    for i, kind in enumerate(kinds):
        if kind == "EN":  # W2 and W7, the letter before read as said above
            if left_strong[i] == "L":
                kinds[i] = "L"
            elif right_strong[i] == "AL":
                kinds[i] = "AN"
    kinds = ["R" if k == "AL" else k for k in kinds]  # W3
    for i in range(1, n - 1):  # W4: one separator between two numbers of one type
        a, b = kinds[i - 1], kinds[i + 1]
        if (kinds[i] == "ES" and a == b == "EN") or (kinds[i] == "CS" and a == b and a in ("EN", "AN")):
            kinds[i] = a
    for i, kind in enumerate(kinds):  # W5: terminators (%, currency) next to a European number
        if kind == "ET":
            j = i
            while j < n and kinds[j] == "ET":
                j += 1
            if (i and kinds[i - 1] == "EN") or (j < n and kinds[j] == "EN"):
                for k in range(i, j):
                    kinds[k] = "EN"
    kinds = ["ON" if k in ("ES", "CS", "ET") else k for k in kinds]  # W6
    i = 0
    while i < n:  # N1, N2: neutrals take the direction on both sides of them, else the line's (right to left)
        if kinds[i] != "ON":
            i += 1
            continue
        j = i
        while j < n and kinds[j] == "ON":
            j += 1
        before = "L" if i and kinds[i - 1] == "L" else "R"
        after = "L" if j < n and kinds[j] == "L" else "R"
        side = "L" if before == after == "L" else "R"
        for k in range(i, j):
            kinds[k] = side
        i = j
    # levels: right to left 1, left to right and numbers 2; read from the right, each run of level 2 as drawn
    out: list[str] = []
    i = n - 1
    while i >= 0:
        if kinds[i] == "R":
            out.append(_MIRRORED.get(visual[i], visual[i]))
            i -= 1
        else:
            j = i
            while j > 0 and kinds[j - 1] != "R":
                j -= 1
            out.append(visual[j:i + 1])
            i = j - 1
    return "".join(out)


_OPENING, _CLOSING = "([{", ")]}"


def _brackets_by_position(text: str) -> str:
    """Brackets of a right-to-left line turned the way their place says: opening before a word,
    closing after one. A font drawing right-to-left text maps a mirrored bracket's glyph to either
    character, whichever it met first; where it stands is what tells."""
    if not any(c in text for c in "()[]{}"):
        return text
    chars = list(text)
    n = len(chars)
    for i, char in enumerate(chars):
        pair = _OPENING.find(char) if char in _OPENING else _CLOSING.find(char)
        if pair < 0:
            continue
        before = chars[i - 1] if i else " "
        after = chars[i + 1] if i + 1 < n else " "
        if (before.isspace() or before in _OPENING) and not after.isspace() and after not in _CLOSING:
            chars[i] = _OPENING[pair]
        elif not before.isspace() and before not in _OPENING and (after.isspace() or after in _CLOSING or unicodedata.category(after) == "Po"):
            chars[i] = _CLOSING[pair]
    return "".join(chars)


def _words_text(words: list[Word], rtl: bool) -> str:
    """Words in reading order. On a mirrored page they come right to left; put back as they stand
    on the page, they are read as the bidirectional algorithm says (see ``_reading_order``)."""
    if not rtl:
        return " ".join(w.text for w in words)
    visual = " ".join(w.text[::-1] if w.backwards else w.text for w in reversed(words))
    return _SWAPPED_LAM_ALEF.sub("\\1ال\\2", _brackets_by_position(_reading_order(visual)))


def segment(line: Line) -> None:
    """Cut a line where words stand further apart than its word spaces: candidate table cells.

    A gap is a column gap when it is wider than 0.6 em and than twice the line's narrowest
    gap. Justified text stretches every word space of a line alike, so a line whose gaps
    are all wide and even (within a tenth) stays whole.
    """
    words = line.words
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    size = line.size
    cuts: set[int] = set()
    if gaps:
        narrowest = min(gaps)
        if narrowest > 0.6 * size:
            even = len(gaps) >= 2 and max(gaps) <= 1.1 * narrowest
            cuts = set() if even else set(range(len(gaps)))
        else:
            cuts = {i for i, gap in enumerate(gaps) if gap > 0.6 * size and gap > 2 * narrowest}
    line.segments = _grouped(line, [index - 1 in cuts for index in range(len(words))])


def _grouped(line: Line, cut_before: list[bool]) -> list[tuple[float, float, str]]:
    """The line's words grouped into segments (x0, x1, text), a new one at each word ``cut_before`` marks."""
    segments: list[tuple[float, float, str]] = []
    current: list[Word] = []
    for word, cut in zip(line.words, cut_before):
        if current and cut:
            segments.append((current[0].x0, current[-1].x1, _words_text(current, line.rtl)))
            current = []
        current.append(word)
    if current:
        segments.append((current[0].x0, current[-1].x1, _words_text(current, line.rtl)))
    return segments


# ---------------------------------------------------------------- grid regions

_ALIGN = 1.5  # how far apart two x positions may be and still be one column edge
_MAX_STOPS = 32  # candidate column edges looked at per page


def grid_regions(lines: list[Line]) -> None:
    """Find borderless tables whose rows are not printed on one line, and cut their lines into cells.

    A table printed without borders, its cells vertically centred or holding several lines (as
    WeasyPrint prints an HTML table), comes out as lines holding one cell or a few: a label in the
    first column standing between two lines of the next ones, an item alone in the third column.
    Line by line nothing shows the columns, and word spaces can be as wide as the white between
    two cells; over the whole table the columns show in where the lines' text starts.

    A column edge (``stop``) is an x where a line or a cut segment starts, found again on other
    lines, which no word of the table's lines crosses, with text left of it on some line. The
    region of a stop is the run of lines, one type size, not crossing it, from the first to the
    last line with a word starting there; overlapping regions are one table. The region takes in
    lines next to it in a later column, and first-column lines standing between its lines (a
    label wrapped or centred beside them). Its lines are then cut at the stops as well as at
    their wide gaps, and marked with the region and its stops (``layout`` keeps them one table).
    Geometry only: what the cells say is for the parser.
    """
    start = 0
    region = 0
    # the document's right-to-left cells line up at their ends or at their starts, on every page alike
    ends = _aligned_at_their_ends([line for line in lines if line.rtl])
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].page == lines[start].page:
            end += 1
        region = _page_grid(lines[start:end], region, ends and lines[start].rtl)
        start = end


def _crosses(line: Line, stop: float) -> bool:
    if line.x0 >= stop - _ALIGN or line.x1 <= stop + _ALIGN:
        return False  # the line stands on one side of it
    return any(w.x0 < stop - _ALIGN and w.x1 > stop + _ALIGN for w in line.words)


def _together(above: Line, below: Line) -> bool:
    """Two lines that may stand in one table: one type size, no more than a few lines apart."""
    return abs(below.size - above.size) <= 0.15 * above.size and below.baseline - above.baseline <= 3.5 * above.height


def _aligned_at_their_ends(lines: list[Line]) -> bool:
    """The cells of these lines (those cut into cells) line up where they end rather than where
    they start: more of them end than start at an x another line's cell ends (starts) at too."""
    cells = [segment for line in lines if len(line.segments) >= 2 for segment in line.segments]

    def shared(values: list[float]) -> int:
        values.sort()
        return sum(1 for k, x in enumerate(values)
                   if (k and x - values[k - 1] <= _ALIGN) or (k + 1 < len(values) and values[k + 1] - x <= _ALIGN))

    return shared([x1 for _, x1, _ in cells]) > shared([x0 for x0, _, _ in cells])


def _page_grid(page: list[Line], region: int, ends: bool = False) -> int:
    """The grid regions of one page (see grid_regions), numbered from ``region``; the next number.

    With ``ends``, on a right-to-left page whose cells are set flush with their ends (Arabic set
    flush left: the mirrored page shows them flush right), a column edge is where cells end, with text right of it
    on some line; the column after it starts where the first text past that end stands."""
    if len(page) < 3:
        return region
    side = 1 if ends else 0  # which end of a segment lines up in a column
    starts = sorted((segment[side], i) for i, line in enumerate(page) for segment in line.segments)
    clusters: list[list[tuple[float, int]]] = []
    for x, i in starts:
        if clusters and x - clusters[-1][0][0] <= _ALIGN:
            clusters[-1].append((x, i))
        else:
            clusters.append([(x, i)])
    candidates = [(len({i for _, i in c}), median(x for x, _ in c)) for c in clusters]
    candidates = sorted((c for c in candidates if c[0] >= 2), reverse=True)[:_MAX_STOPS]
    cores: list[tuple[int, int, float]] = []  # first line, last line, stop
    for _, stop in candidates:
        run: list[int] = []
        for i in range(len(page) + 1):
            open_ = i < len(page) and not _crosses(page[i], stop)
            if open_ and (not run or _together(page[run[-1]], page[i])):
                run.append(i)
                continue
            # lines where a line or a cut segment starts (ends) at the stop (a word of running text may by chance)
            at = [j for j in run if any(abs(segment[side] - stop) <= _ALIGN for segment in page[j].segments)]
            words = [w for j in at[:1] and range(at[0], at[-1] + 1) for w in page[j].words]
            if len(at) >= 2 and any((w.x0 >= stop) if ends else (w.x1 <= stop) for w in words):
                cores.append((at[0], at[-1], stop))
            run = [i] if open_ else []
    if not cores:
        return region
    cores.sort()
    groups: list[list[tuple[int, int, float]]] = []
    for core in cores:
        if groups and core[0] <= max(c[1] for c in groups[-1]):
            groups[-1].append(core)
        else:
            groups.append([core])
    taken = -1  # the last line given to a region
    for group in groups:
        group_first, group_last = group[0][0], max(c[1] for c in group)
        if group_first <= taken:
            continue
        parts = _parts(page, group_first, group_last, min(stop for _, _, stop in group))
        for part_first, part_last in parts:
            # each table its own columns: the stops found on its lines
            part = [core for core in group if core[0] <= part_last and core[1] >= part_first]
            stops = sorted({round(stop, 1) for _, _, stop in part})
            if not stops or part_first <= taken:
                continue
            first, last = part_first, part_last
            edge = stops[0] + _ALIGN if ends else stops[0] - 2  # where the first column ends

            def fits(line: Line) -> bool:
                return not any(_crosses(line, stop) for stop in stops)

            def joins(line: Line) -> bool:
                """A line next to the region that may be one of its rows: no edge crossed and, flush
                with the ends, no cell starting right after the end of the column before, where a
                cell's padding leaves white (a heading set flush with the page's end, by chance
                starting just past an edge)."""
                return fits(line) and (not ends or all(x0 - stops[k - 1] >= 0.5 * line.size for x0, x1, _ in line.segments
                                                       for k in [bisect_left(stops, x1 - _ALIGN)] if k > 0))

            # a stop's region may end on a line of the running text below that has a word there by chance
            while first < last and not fits(page[first]):
                first += 1
            while last > first and not fits(page[last]):
                last -= 1
            lowest = taken if len(parts) == 1 or part_first == group_first else part_first - 1
            highest = len(page) - 1 if len(parts) == 1 or part_last == group_last else part_last
            while first - 1 > lowest and joins(page[first - 1]) and _together(page[first - 1], page[first]) and (
                    page[first - 1].x0 >= edge or page[first].baseline - page[first - 1].baseline < 0.9 * page[first].height):
                first -= 1
            while last + 1 <= highest and joins(page[last + 1]) and _together(page[last], page[last + 1]) and (
                    page[last + 1].x0 >= edge or page[last + 1].baseline - page[last].baseline < 1.3 * page[last].height):
                last += 1
            taken = last
            if len(stops) == 1 and _markers_before(page[first:last + 1], edge if ends else stops[0]):
                continue  # list markers before a hanging indent: numbered paragraphs, not a table
            for line in page[first:last + 1]:
                if ends:
                    _cut_after(line, stops)
                else:
                    _cut_at(line, stops)
                line.region, line.stops, line.end_aligned = region, tuple(stops), ends
            region += 1
    return region


def _parts(page: list[Line], first: int, last: int, stop: float) -> list[tuple[int, int]]:
    """The region's lines cut into tables at the lines standing between two tables.

    A heading between two tables ("Second week") stands in the margin, left of where the
    first column's cells start (cells are padded): a line of one piece starting further
    left than the first column's text does on the other lines is no row. The lines before
    and after it are two tables, and the heading neither."""
    starts = [page[i].x0 for i in range(first, last + 1) if page[i].x0 < stop - _ALIGN]
    if len(starts) < 3:
        return [(first, last)]
    column = median(starts)
    outside = [i for i in range(first + 1, last) if len(page[i].segments) == 1 and page[i].x0 < column - _ALIGN
               and sum(1 for x in starts if abs(x - page[i].x0) <= _ALIGN) == 1]
    parts: list[tuple[int, int]] = []
    begin = first
    for i in outside:
        if i > begin:
            parts.append((begin, i - 1))
        begin = i + 1
    parts.append((begin, last))
    return [(a, b) for a, b in parts if b > a]


def _markers_before(lines: list[Line], stop: float) -> bool:
    """Only list markers stand left of the stop: numbered paragraphs with a hanging indent.

    Running text between the items (a paragraph under an item's heading, from the margin across
    the stop where a word happens to start) is no column; nor is its last line, short of the stop."""
    for position, line in enumerate(lines):
        above = lines[position - 1] if position else None
        after_prose = above is not None and len(above.segments) == 1 and above.x0 < stop - _ALIGN < stop + _ALIGN < above.x1
        for _, x1, text in line.segments:
            if x1 <= stop and not _MARKER.match(text) and not (after_prose and len(line.segments) == 1):
                return False
    return True


def _cut_at(line: Line, stops: list[float]) -> None:
    """The line's segments cut again where a word starts a column: at a stop (a word a word
    space past it, the text running on from the column before, spans the two)."""
    cut = {x0 for x0, _, _ in line.segments}
    columns = [bisect_right(stops, word.x0 + _ALIGN) for word in line.words]  # the column each word starts in
    line.segments = _grouped(line, [
        word.x0 in cut or (index > 0 and at != columns[index - 1] and at > 0 and word.x0 - stops[at - 1] <= _ALIGN)
        for index, (word, at) in enumerate(zip(line.words, columns))
    ])


def _cut_after(line: Line, ends: list[float]) -> None:
    """The line's segments cut again after a word ending a column flush with its end (see
    ``_cut_at``, from the other side)."""
    cut = {x0 for x0, _, _ in line.segments}
    words = line.words
    line.segments = _grouped(line, [
        index > 0 and (word.x0 in cut or any(abs(words[index - 1].x1 - end) <= _ALIGN < word.x0 - end for end in ends))
        for index, word in enumerate(words)
    ])


# ---------------------------------------------------------------- furniture


# the steps between the lines of a paragraph the rules of this reader expect, in type sizes: up to
# one and a half (Word's and LibreOffice's single spacing of Latin, Cyrillic and Chinese type)
_USUAL_PITCH = 1.5


def line_spread(pages: list[list[Line]]) -> float:
    """How much further apart than usual the document sets its lines: 1, or the document's line
    pitch over the usual one. A font drawn tall (an Arabic Naskh at single spacing takes about
    two sizes a line) or double spacing sets every line, and every table row, further apart.

    The pitch is the least step from a line to the next of the same size on a page that several
    steps share: the lines of a paragraph or of a cell stand closest; one-line paragraphs further
    apart, by the space between paragraphs, are what most steps may be."""
    steps = sorted((b.baseline - a.baseline) / a.size for page in pages for a, b in zip(page, page[1:])
                   if abs(b.size - a.size) <= 0.05 * a.size and 0.5 * a.size < b.baseline - a.baseline < 5 * a.size)
    enough = max(3, len(steps) // 20)
    pitch = next((step for k, step in enumerate(steps) if bisect_right(steps, 1.03 * step) - k >= enough), None)
    return max(1.0, pitch / _USUAL_PITCH) if pitch else 1.0


def _set_apart(page: list[Line]) -> set[int]:
    """Positions of the lines above or below the body, across a wider gap than lines of text leave:
    where running heads and feet stand. One or two lines at each end."""
    def apart(a: int, b: int) -> bool:
        return abs(page[b].baseline - page[a].baseline) > 2 * max(page[a].height, page[b].height)

    result: set[int] = set()
    last = len(page) - 1
    if last >= 1:
        if apart(0, 1):
            result.add(0)
        elif last >= 2 and apart(1, 2):
            result.update((0, 1))
        if apart(last - 1, last):
            result.add(last)
        elif last >= 2 and apart(last - 2, last - 1):
            result.update((last - 1, last))
    return result


def split_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], list[str]]:
    """Body lines of each page, and the running headers, footers, page numbers and footnotes set aside."""
    counts: dict[tuple[int, str], set[int]] = {}
    for page in pages:
        for line in page:
            key = (round(line.baseline / 3), _DIGITS.sub("#", line.text))
            counts.setdefault(key, set()).add(line.page)
    repeated_on = max(2, (len(pages) + 1) // 2)
    furniture: dict[str, None] = {}
    bodies: list[list[Line]] = []
    sizes = [line.size for page in pages for line in page for _ in line.words]
    body_size = median(sizes) if sizes else 10.0
    for page in pages:
        body: list[Line] = []
        margins = _set_apart(page)
        for position, line in enumerate(page):
            height, text = round(line.baseline / 3), line.text
            pattern = _DIGITS.sub("#", text)
            pages_with_it = set().union(*(counts.get((h, pattern), set()) for h in (height - 1, height, height + 1)))
            # running heads and feet stand apart from the body, above or below it: the same sentence
            # repeated in the body (numbered paragraphs alike) at the same height is not one, nor is
            # a lone number or symbol in the body
            in_margin = position in margins
            at_edge = position < 2 or position >= len(page) - 2
            if (len(pages) > 1 and len(pages_with_it) >= repeated_on and in_margin) or (at_edge and _JOB_NUMBER.match(text)) or (
                    in_margin and (_PAGE_NUMBER.match(text) or (line.page > 0 and _SYMBOL_ONLY.match(text)))):
                furniture.setdefault(text.replace("\x02", "-"), None)
            else:
                body.append(line)
        # footnotes: smaller type at the foot of the page, below every line of body size and set
        # off from it by more than a line's space, the first starting with its number or asterisk
        # (a table in smaller type going on to the next page runs on at its own line spacing)
        last_body_sized = max((i for i, line in enumerate(body) if line.size >= 0.95 * body_size), default=-1)
        foot = body[last_body_sized + 1:]
        if (foot and last_body_sized >= 0 and _FOOTNOTE_MARK.match(foot[0].words[0].text)
                and foot[0].baseline - body[last_body_sized].baseline > 2.2 * body_size * body[last_body_sized].spread):
            for line in foot:
                furniture.setdefault(line.text.replace("\x02", "-"), None)
            body = body[:last_body_sized + 1]
        bodies.append(body)
    return bodies, list(furniture)


# ---------------------------------------------------------------- tables and paragraphs


def _covered(spans: list[tuple[float, float]], more: list[tuple[float, float, str]]) -> list[tuple[float, float]]:
    """The x ranges that text covers, merged: ``spans`` (already merged) with more segments."""
    merged: list[tuple[float, float]] = []
    for x0, x1 in sorted(spans + [(x0, x1) for x0, x1, _ in more]):
        if merged and x0 <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _walls(covered: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(a[1], b[0]) for a, b in zip(covered, covered[1:])]


def gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """Vertical strips of white that no segment of these lines crosses."""
    covered: list[tuple[float, float]] = []
    for line in lines:
        covered = _covered(covered, line.segments)
    return _walls(covered)


@dataclass
class _TableCandidate:
    """Lines that may make a table, with the white strips their cells leave (kept as lines come: linear)."""

    lines: list[Line]
    size: float
    covered: list[tuple[float, float]] = field(default_factory=list)  # x ranges the multi-cell lines cover
    multi_count: int = 0

    def __post_init__(self) -> None:
        for line in self.lines:
            self._note(line)

    def _note(self, line: Line) -> None:
        if len(line.segments) >= 2:
            self.covered = _covered(self.covered, line.segments)
            self.multi_count += 1

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self._note(line)

    @property
    def multi(self) -> list[Line]:
        return [line for line in self.lines if len(line.segments) >= 2]

    def _repeated_header_just_ended(self) -> bool:
        """The lines since the last page break repeat the table's first lines (a printed header row)."""
        page = self.lines[-1].page
        if self.lines[0].page == page:
            return False
        since: list[str] = []
        for line in reversed(self.lines):
            if line.page != page or len(since) > 4:  # a header is a few lines at most
                break
            since.append(line.text)
        since.reverse()
        return since == [l.text for l in self.lines[: len(since)]]

    def fits(self, line: Line, previous: Line) -> bool:
        if line.page == previous.page and line.baseline - previous.baseline > 2.6 * self.size:
            # a repeated header row may stand apart from the rows under it; otherwise a wide gap ends the table
            if not self._repeated_header_just_ended():
                return False
        if line.page not in (previous.page, previous.page + 1):
            return False
        if len(line.segments) >= 2:
            return len(_covered(self.covered, line.segments)) >= 2
        walls = _walls(self.covered)
        if not walls:
            return False
        left, right = self.covered[0][0], self.covered[-1][1]
        x0, x1, _ = line.segments[0]
        in_later_column = x0 >= walls[0][1] - 2
        # a short line from the first column (a day written across the row) belongs to a table of
        # three or more columns; in a two-column list it is a heading after the list
        short = (x1 - x0) < 0.5 * (right - left) and x0 < walls[0][0] and (x1 <= walls[0][0] or len(walls) >= 2)
        return in_later_column or short


def _rows(lines: list[Line], margin: float = 0.0) -> list[Row]:
    # columns start after the gutters of the lines cut into cells, and at a grid region's stops
    # (found over all its lines, those of one cell included)
    walls = gutters([line for line in lines if len(line.segments) >= 2])
    found = sorted({end for _, end in walls} | {stop for line in lines for stop in line.stops})
    starts = [min(line.x0 for line in lines)]
    for start in found:
        if start - starts[-1] > 3:
            starts.append(start)
    # cells flush with their ends: a column starts just past the end of the one before, wherever its
    # text starts (a wider heading, another page's cells); the ends' edges alone make the columns
    ends = sorted({stop for line in lines if line.end_aligned for stop in line.stops})
    if ends:
        starts = starts[:1]
        for end in ends:
            if end + 3 - starts[-1] > 3:
                starts.append(end + 3)
    starts = starts[:MAX_COLUMNS]
    width = len(starts)
    rows: list[Row] = []
    extents: list[dict[int, tuple[float, float]]] = []  # per line, each column's text from x0 to x1
    for line in lines:
        texts: list[list[str]] = [[] for _ in range(width)]
        spans: dict[int, int] = {}
        extent: dict[int, tuple[float, float]] = {}
        for x0, x1, text in line.segments:
            first = max((i for i, start in enumerate(starts) if x0 >= start - 2), default=0)
            last = max((i for i, start in enumerate(starts) if x1 > start + 2), default=first)
            texts[first].append(text)
            extent[first] = (extent[first][0], x1) if first in extent else (x0, x1)
            if last > first:
                spans[first] = max(spans.get(first, first), last)
        extents.append(extent)
        cells: list[Cell] = [Cell((" ".join(t).replace("\x02", "-"),), (line.number,)) if t else Cell() for t in texts]
        for first, last in spans.items():
            for covered in range(first + 1, last + 1):
                if not texts[covered]:
                    cells[covered] = Cell(cells[first].lines, cells[first].numbers, spanned=True)
        rows.append(Row(tuple(cells), line.number))
    if any(line.region >= 0 for line in lines):
        aligned = _top_aligned(lines, rows)
        if aligned is not rows:
            return aligned  # cells moved to the top of their rows: their lines no longer stand where they were
    return _wrapped_cells_joined(lines, rows, extents, starts, margin)


# what Chinese and Japanese line breaking never puts at the start of a line (closing punctuation)
_NO_LINE_START = frozenset("。，、；：？！）」』】》〉”’．")
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def _wrapped_cells_joined(lines: list[Line], rows: list[Row], extents: list[dict[int, tuple[float, float]]],
                          starts: list[float], margin: float) -> list[Row]:
    """A cell's line of Chinese (Japanese, Korean) text wrapped onto the next line joined back into it.

    Such text breaks after any character, so a line that wrapped fills its column to within a
    character of the column's right edge (the furthest any line of the column reaches); the line
    below goes on it when it starts where the cell's text starts, at the table's line pitch, and
    not on a line where a cell of the first column starts (a new table row). A line broken on
    purpose (a second item under the first) stops short. Words of alphabetic scripts wrap at
    spaces: a short line there may be a wrap or a new paragraph, which geometry cannot tell (the
    parser reads lower-case continuations).
    """
    width = len(starts)
    right = [max((extent[j][1] for extent in extents if j in extent), default=0.0) for j in range(width)]
    size = median(line.size for line in lines)

    def limit(j: int) -> float:
        """Where a line of the column can end at most: the furthest its lines reach when two or more
        reach it; the last column's, the right margin (less a cell's padding); else not known.
        Lines that all stop well short of the next column (more than the cells' padding and a
        character) are in a column wider than its text: none of them wrapped, however many are as
        long as the longest ("上午 10 时至下午 1 时" on every morning's row)."""
        if j + 1 < width and right[j] < starts[j + 1] - 3 * size:
            return float("inf")
        if sum(1 for extent in extents if j in extent and extent[j][1] >= right[j] - 0.5 * size) >= 2:
            return right[j]
        if j + 1 == width and margin:
            return max(right[j], margin) - 0.5 * size
        if j + 1 < width:
            # the next column's text starts a cell's padding on each side after this cell's edge
            return starts[j + 1] - 1.6 * size
        return float("inf")

    limits = [limit(j) for j in range(width)]
    cells = [list(row.cells) for row in rows]
    # the table's line pitch: the least step between two lines (a table row is further from the next)
    steps = [b.baseline - a.baseline for a, b in zip(lines, lines[1:]) if a.page == b.page and b.baseline > a.baseline]
    pitch = min(steps) if steps else 0.0
    row_starts: set[int] = set()  # lines where a cell of the first column starts: a new table row
    for j in range(width):
        owner = -1  # the row holding the cell being read, and where its text starts and its last line ends
        owner_x0 = end = 0.0
        previous = -10  # the last line with text in this column
        for i, row_cells in enumerate(cells):
            cell = row_cells[j]
            if not cell.lines or cell.spanned or j not in extents[i]:
                continue
            x0, x1 = extents[i][j]
            line, above = lines[i], lines[previous] if previous >= 0 else None
            text = cell.lines[0]
            wrapped = (owner >= 0 and previous == i - 1 and above is not None and line.page == above.page and i not in row_starts
                       and 0 < line.baseline - above.baseline <= min(1.6 * line.height, pitch + 0.15 * line.size)
                       and abs(x0 - owner_x0) <= 2 and bool(_CJK.match(text)) and bool(_CJK.match(cells[owner][j].lines[-1][-1:]))
                       and end + (1.9 if text[1:2] in _NO_LINE_START else 0.9) * line.size > limits[j])
            # one more character would not have fitted; or two, where the second may not start a line
            # ("角。" wraps whole: the stop may not begin the next line, so its character goes down with it)
            if wrapped:
                joined = cells[owner][j].lines[-1] + text
                cells[owner][j] = Cell(cells[owner][j].lines[:-1] + (joined,), cells[owner][j].numbers)
                row_cells[j] = Cell()
            else:
                owner, owner_x0 = i, x0
                if j == 0:
                    row_starts.add(i)
            end, previous = x1, i
    return [Row(tuple(row_cells), row.number) for row_cells, row in zip(cells, rows) if any(c.lines for c in row_cells)]


def _top_aligned(lines: list[Line], rows: list[Row]) -> list[Row]:
    """Rows of a grid region whose cells were printed vertically centred, each cell moved to the
    top of the table row it stands in the middle of.

    Centred, a one-line cell (a label in the first column) stands halfway down the lines of the
    cells beside it, and a label spanning several rows halfway down those rows. Such a table
    shows lines standing less than a line apart (a label between two lines of the next column).
    There, from the bottom of the table up and for each column but the last, a cell (its lines
    a line apart) is the middle of the lines to its right from its first line down to where the
    cell under it begins: they start as far above its middle as the lowest of them stands
    below. When a line with text to the right stands there, the cell's lines move to that line
    and the ones after it. A word processor's table with its cells at the top is left as it is.
    The rows are then numbered one after another from the table's first line, so that the lines
    of one cell stay next to each other (a message about a row points at a line of the same table).
    """
    heights = [line.baseline for line in lines]
    size = median(line.size for line in lines)
    width = len(rows[0].cells) if rows else 0
    filled = [[bool(cell.lines) and not cell.spanned for cell in row.cells] for row in rows]

    def same_page(a: int, b: int) -> bool:
        return lines[a].page == lines[b].page

    # the line pitch: the usual step between two lines of one column (a line of a cell wrapped);
    # lines set a little off their baseline are grouped into one, so not the least step
    steps: list[float] = []
    for j in range(width):
        previous = None
        for i in range(len(rows)):
            if filled[i][j]:
                if previous is not None and same_page(previous, i) and heights[i] - heights[previous] < 1.5 * size:
                    steps.append(heights[i] - heights[previous])
                previous = i
    # (a quarter up the steps: where rows stand barely apart, the step from a cell's last line to the
    # next row's first is as frequent as the line pitch and a little wider)
    pitch = sorted(steps)[len(steps) // 4] if steps else float("inf")
    if pitch == float("inf") or not any(
            same_page(i - 1, i) and heights[i] - heights[i - 1] < 0.9 * pitch for i in range(1, len(rows))):
        return rows
    cells = [list(row.cells) for row in rows]

    def column_blocks(j: int) -> list[list[int]]:
        """The cells of column j: runs of its lines a line apart."""
        blocks: list[list[int]] = []
        for i in range(len(rows)):
            if filled[i][j]:
                if blocks and same_page(blocks[-1][-1], i) and heights[i] - heights[blocks[-1][-1]] <= min(1.2 * pitch, pitch + 0.15 * size):
                    blocks[-1].append(i)
                else:
                    blocks.append([i])
        return blocks

    def move(j: int, block: list[int], target: int) -> None:
        moving = [cells[i][j] for i in block]
        for i in block:
            cells[i][j] = Cell()
            filled[i][j] = False
        for k, cell in enumerate(moving):
            cells[target + k][j] = cell
            filled[target + k][j] = True

    for j in range(width - 1):
        blocks = column_blocks(j)
        right = [i for i in range(len(rows)) if any(filled[i][j + 1:])]
        limit = len(rows)  # where the span of the cell below begins
        for block in reversed(blocks):
            first = block[0]
            beside = [i for i in right if first <= i < limit and same_page(first, i)]
            if not beside:
                limit = first
                continue
            top = heights[first] + heights[block[-1]] - heights[beside[-1]]
            target = next((i for i in right if i < limit and same_page(first, i) and abs(heights[i] - top) <= 0.3 * size), None)
            if target is None or target >= first or target + len(block) > len(rows) or any(
                    filled[target + k][j] and target + k not in block for k in range(len(block))):
                limit = first
                continue
            move(j, block, target)
            limit = target
    # then cells of one row, centred: a shorter cell stands halfway down a taller one beside it (on
    # either side), their middles at one height; it moves up to the taller cell's first line
    every = sorted(((heights[block[0]] + heights[block[-1]]) / 2, j, block) for j in range(width) for block in column_blocks(j))
    middles = [middle for middle, _, _ in every]
    for middle, j, block in every:
        near = every[bisect_left(middles, middle - 0.3 * size):bisect_right(middles, middle + 0.3 * size)]
        taller = [other for _, k, other in near if k != j and len(other) > len(block) and same_page(other[0], block[0]) and other[0] < block[0]]
        if not taller:
            continue
        target = min(other[0] for other in taller)
        if target + len(block) <= len(rows) and not any(filled[target + k][j] and target + k not in block for k in range(len(block))):
            move(j, block, target)
    kept = [row for row in cells if any(cell.lines for cell in row)]
    first_number = rows[0].number
    return [Row(tuple(Cell(cell.lines, (first_number + n,) * len(cell.lines), cell.spanned) for cell in row), first_number + n)
            for n, row in enumerate(kept)]


def _drop_repeated_headers(lines: list[Line]) -> list[Line]:
    """A table going on over a page break repeats its header rows on the new page: keep the first ones.

    The header is what the table's first lines and the lines after a page break have in common.
    """
    header = [line.text for line in lines[:4] if line.page == lines[0].page]
    kept: list[Line] = []
    position = 0
    while position < len(lines):
        line = lines[position]
        if position and line.page != lines[position - 1].page:
            same = 0
            while same < len(header) and position + same < len(lines) and lines[position + same].text == header[same]:
                same += 1
            position += same
            if same:
                continue
        kept.append(line)
        position += 1
    return kept


def layout(lines: list[Line]) -> list[Block]:
    """Body lines, in reading order over all pages, into tables and paragraphs."""
    size = median(line.size for line in lines) if lines else 10.0
    # a table's rows are as far apart as the document sets its lines: measured in line heights (type
    # sizes stretched by its spacing). Paragraphs are not: with lines set far apart, a paragraph's
    # lines stand as far apart as one-line paragraphs do, and only the type size tells them
    height = median(line.height for line in lines) if lines else 10.0
    ends: dict[int, float] = {}
    for line in lines:
        ends[line.page] = max(ends.get(line.page, 0.0), line.x1)
    margin = median(ends.values()) if ends else 0.0  # where the longest lines of a page end: the right margin
    blocks: list[Block] = []
    loose: list[Line] = []  # lines waiting to become paragraphs
    table: _TableCandidate | None = None

    def close_table() -> None:
        nonlocal table
        if table is None:
            return
        candidate, table = table, None
        multi = candidate.multi
        if len(multi) < 2 or _is_hanging_list(candidate.lines) or _is_justified_prose(multi):
            loose.extend(candidate.lines)
            return
        last_multi = max(i for i, line in enumerate(candidate.lines) if len(line.segments) >= 2)
        first_wall_start, first_wall_end = _walls(candidate.covered)[0]
        end = last_multi + 1

        def wraps_first_cell(line: Line, above: Line) -> bool:
            """The line is the next line of a first-column cell of the line above: within the first
            column, a line's step below it."""
            return (len(line.segments) == 1 and line.page == above.page and line.x1 <= first_wall_start + 2
                    and above.segments[0][0] < first_wall_start and 0 < line.baseline - above.baseline <= 1.6 * line.height)

        # trailing lines in a later column continue the last row's cells, as do the next lines of its
        # first cell; the others were never in the table
        region = candidate.lines[last_multi].region
        while end < len(candidate.lines) and (candidate.lines[end].segments[0][0] >= first_wall_end - 2
                                              or 0 <= region == candidate.lines[end].region
                                              or wraps_first_cell(candidate.lines[end], candidate.lines[end - 1])):
            end += 1
        blocks.extend(_paragraphs(loose, size))
        loose.clear()
        blocks.append(Table(tuple(_rows(_drop_repeated_headers(candidate.lines[:end]), margin)), "pdf"))
        loose.extend(candidate.lines[end:])

    grid_regions(lines)
    previous: Line | None = None
    for position, line in enumerate(lines):
        same_region = previous is not None and 0 <= line.region == previous.region
        following = lines[position + 1] if position + 1 < len(lines) else None
        # a line outside the tables standing between two of them (a heading) ends the one above
        between = (previous is not None and following is not None and line.region < 0 and 0 <= previous.region
                   and 0 <= following.region != previous.region and previous.page == line.page == following.page)
        if between:
            close_table()
            loose.append(line)
        elif table is not None and previous is not None and (same_region or table.fits(line, previous)):
            table.add(line)
        else:
            close_table()
            if len(line.segments) >= 2 or line.region >= 0:
                table = _TableCandidate([line], height)
            else:
                loose.append(line)
        previous = line
    close_table()
    blocks.extend(_paragraphs(loose, size))
    return blocks


def _joined(texts: list[str]) -> str:
    """Lines of one paragraph as one text: a word broken by a typesetter's hyphen is whole again,
    one broken after a hyphen of its own ("peut-" / "être") keeps it."""
    out = texts[0]
    for text in texts[1:]:
        if out.endswith(_BREAK_HYPHENS):
            out = out[:-1] + text
        elif out.endswith("-") and out[-2:-1].isalpha():
            out += text
        else:
            out += " " + text
    return out.replace("\x02", "-")


def _is_hanging_list(lines: list[Line]) -> bool:
    """Two columns, the first holding only list markers: numbered paragraphs with a hanging indent, not a table."""
    walls = gutters([line for line in lines if len(line.segments) >= 2])
    if len(walls) != 1:
        return False
    firsts = [line.segments[0][2] for line in lines if line.segments[0][1] <= walls[0][0] + 1]
    return bool(firsts) and all(_MARKER.match(text) for text in firsts)


def _is_justified_prose(multi: list[Line]) -> bool:
    """Lines of justified text that happen to have one wide gap each: all fill the same measure exactly."""
    return all(len(line.segments) == 2 for line in multi) and (
        max(line.x0 for line in multi) - min(line.x0 for line in multi) <= 1
        and max(line.x1 for line in multi) - min(line.x1 for line in multi) <= 1)


def _opens_item(line: Line) -> bool:
    """The line's first word is a list marker with its punctuation ("7.", "(b)", "3-", a bullet): no bare number."""
    first = line.segments[0][2].split(" ", 1)[0] if line.segments else ""
    return bool(_MARKER.match(first)) and not first.isdigit()


def _starts_item(line: Line) -> bool:
    return len(line.segments) >= 2 and bool(_MARKER.match(line.segments[0][2]))


def _paragraphs(lines: list[Line], size: float) -> list[Block]:
    """Lines joined into paragraphs; a line whose words stand far apart (a lone row of cells) is a one-row table."""
    blocks: list[Block] = []
    right_edge: dict[int, float] = {}
    for line in lines:
        right_edge[line.page] = max(right_edge.get(line.page, 0.0), line.x1)
    # where full lines end: a page of short lines only (a list of dates) does not set its own edge
    usual_edge = median(right_edge.values()) if right_edge else 0.0
    right_edge = {page: max(edge, usual_edge) for page, edge in right_edge.items()}
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(Paragraph(_joined([l.text for l in current]), current[0].number))
            current.clear()

    def goes_on(line: Line) -> bool:
        """The line continues the paragraph being read."""
        last = current[-1]
        # over a page break a paragraph goes on only after a line that does not end a sentence
        same_flow = (line.page == last.page and 0 < line.baseline - last.baseline <= 1.6 * size) or (
            line.page == last.page + 1 and not last.text.endswith(_SENTENCE_ENDS))
        # a line is full when it reaches the right margin, or when the next line's first word would
        # not have fitted after it (a long word sent to the next line leaves a short line)
        first_word = line.words[0].x1 - line.words[0].x0
        full = last.x1 >= right_edge[last.page] - 3 * last.size or (
            line.x0 <= last.x0 + 2 and last.x1 + 0.25 * last.size + first_word > right_edge[last.page])
        same_type = abs(line.size - last.size) <= 0.15 * last.size
        outdent = line.x0 < last.x0 - 2 and len(current) > 1
        # in a numbered list, a line starting with a marker where the item began starts the next item
        # (the item above may fill its one line to the margin)
        next_item = abs(line.x0 - current[0].x0) <= 2 and _opens_item(line) and _opens_item(current[0])
        return same_flow and full and same_type and not outdent and not next_item

    for line in lines:
        if _starts_item(line):
            flush()
        elif current and goes_on(line):
            current.append(line)  # a justified line with wide gaps inside a paragraph is still the paragraph
            continue
        elif len(line.segments) >= 2 and any(b[0] - a[1] > 0.8 * line.size for a, b in zip(line.segments, line.segments[1:])):
            flush()
            blocks.append(Table((Row(tuple(Cell((t.replace("\x02", "-"),), (line.number,)) for _, _, t in line.segments), line.number),), "pdf"))
            continue
        else:
            flush()
        current.append(line)
    flush()
    return blocks


# ---------------------------------------------------------------- the reader


def read_pdf(data: bytes, name: str) -> Document:
    import pypdfium2 as pdfium  # imported only when a PDF is read

    if not data:
        raise InputError("is empty")
    if b"%%EOF" not in data[-4096:]:
        # every PDF writer ends the file with %%EOF; PDFium would rebuild a cut file and read part of it
        raise InputError("is truncated or corrupt")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(PASSWORD) from None
        raise InputError("is truncated or corrupt") from None
    try:
        pages: list[list[Line]] = []
        pictured: set[int] = set()  # pages showing an image and no text: scanned pages
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                words = page_words(page)
                if not words and _has_image(page):
                    pictured.add(index)
                rtl = is_rtl(words)
                if rtl:
                    mirror_rtl(words, page.get_width())
                lines = group_lines(words, index, page.get_height(), rtl)
            finally:
                page.close()
            for line in lines:
                segment(line)
            pages.append(lines)
    except pdfium.PdfiumError:
        raise InputError("is truncated or corrupt") from None
    finally:
        pdf.close()
    if not any(pages):
        raise InputError(NO_TEXT_LAYER)
    if _unmapped_share(pages) > 0.5:
        raise InputError(UNMAPPED)
    spread = line_spread(pages)
    for page_lines in pages:
        for line in page_lines:
            line.spread = spread
    bodies, furniture = split_furniture(pages)
    if not any(bodies):
        raise InputError(NO_TEXT_LAYER)
    lines = [line for body in bodies for line in body]
    for number, line in enumerate(lines, start=1):
        line.number = number
    findings = ()
    if pictured:
        numbers = ", ".join(str(index + 1) for index in sorted(pictured))
        findings = (Finding(source=name, message=f"page{'s' if len(pictured) > 1 else ''} {numbers} {'have' if len(pictured) > 1 else 'has'} "
                                                  "no text layer (a scanned image?) and cannot be read; run OCR first (for example ocrmypdf)"),)
    return Document(name=name, blocks=tuple(layout(lines)), format="pdf", findings=findings, furniture=tuple(furniture))


def _has_image(page) -> bool:
    import pypdfium2.raw as raw

    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _unmapped_share(pages: list[list[Line]]) -> float:
    """Share of characters PDFium could not map to a letter: fonts without a character map."""
    text = "".join(word.text for page in pages for line in page for word in line.words)
    return len(_UNMAPPED.findall(text)) / len(text) if text else 0.0
