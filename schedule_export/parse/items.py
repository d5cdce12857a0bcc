"""Agenda item references in a cell: "1 a)", "2", "Item 3 (continued)", "Points 4 et 5", "Items 1 (a) and (b)",
"1 (أ)" (a pack's own sub-item letters stand for Latin ones: أ is a, ب is b)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import LanguagePack, alternation, normalize

_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def letter_pattern(pack: LanguagePack) -> str:
    """A sub-item letter: Latin, or one of the pack's own letters."""
    own = alternation(tuple(pack.item_letters))
    return rf"(?:[a-z]|{own})"


def latin_letter(letter: str, pack: LanguagePack) -> str:
    """The Latin letter a sub-item letter stands for ("أ" → "a")."""
    folded = normalize(letter)
    for own, latin in pack.item_letters.items():
        if normalize(own) == folded:
            return latin
    return folded


@dataclass(frozen=True)
class CellItems:
    refs: tuple[tuple[int, str | None], ...]  # (number, letter) in order
    continued: bool
    rest: str  # what follows the numbers: usually the title, as written


def _patterns(pack: LanguagePack) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    if pack.code not in _PATTERNS:
        words = alternation(pack.continuation_words)
        continuation = re.compile(rf"[(\[]\s*(?:{words})\s*[)\]]|,?\s*{pack.word_start}(?:{words})\s*$", re.IGNORECASE)
        item_word = re.compile(rf"^(?:{alternation(pack.item_words)}){pack.gap}", re.IGNORECASE)
        letter = letter_pattern(pack)
        end = pack.word_end  # "(a)和(b)": in Chinese a word may follow at once
        # a number is not an item when it is part of a longer number or of a date ("2025年3月")
        units = pack.numeric_date
        not_date = rf"(?!\s*(?:{alternation((units.year, units.month, units.day))}))" if units else ""
        number = rf"\d{{1,2}}(?!\d)(?![.,]\d){not_date}"  # "6.4.2" is an indicator's number, not item 6
        # "(a)", and "( a )" as justified PDF text spaces it
        ref = rf"(?:{number}(?:\s*(?:\(\s*)?{letter}\s*\){end})?|(?:\(\s*)?{letter}\s*\){end})"
        and_words, gap = alternation(pack.and_words), pack.gap  # "1 and 2"; "1和2" where words take no spaces
        # "4 و5": an and-word written as a prefix of the number that follows (Arabic و)
        # "Item 1 and Item 2", "البند 1 والبند 2": the item word again after the joiner (Arabic و as its prefix)
        item_words = alternation(pack.item_words)
        again = rf"(?:(?:{item_words}){gap})?"
        joiner = rf"(?:\s*[,;&]\s*|{gap}(?:{and_words})(?:{gap}|(?=\d)|(?=(?:{item_words})))|\s*,\s*(?:{and_words}){gap})"
        after = r"(?=$|[\s.:,;\u060c\-\u2013\u2014])" if pack.spaced else ""  # "1（a）会议开幕": the title follows at once
        refs = re.compile(rf"^(?P<refs>{ref}(?:{joiner}{again}{ref})*){after}")
        token = re.compile(rf"({number})(?:\s*(?:\(\s*)?({letter})\s*\))?|(?:\(\s*)?({letter})\s*\)")
        _PATTERNS[pack.code] = (continuation, item_word, refs, token)
    return _PATTERNS[pack.code]


def continuation_pattern(pack: LanguagePack) -> re.Pattern[str]:
    """ "(continued)", "(suite)", or the word at the end of a text: where an item is said to be continued."""
    return _patterns(pack)[0]


_SPACES = re.compile(r"\s+")
_CONTINUATION_WORDS: dict[str, tuple[str, ...]] = {}


def strip_continuation(text: str, pack: LanguagePack) -> tuple[str, bool]:
    continuation, *_ = _patterns(pack)
    # match on folded text, cut the original at the same place (folding keeps length for Latin scripts)
    folded = normalize(text)
    original = _SPACES.sub(" ", text.strip())
    words = _CONTINUATION_WORDS.get(pack.code)
    if words is None:
        words = _CONTINUATION_WORDS[pack.code] = tuple(normalize(w) for w in pack.continuation_words if w)
    if not any(word in folded for word in words):
        return (original if len(folded) == len(original) else text.strip()), False  # the pattern needs one of the words: most cells hold none
    if len(folded) != len(original):
        folded_match = continuation.search(text)
        if not folded_match:
            return text.strip(), False
        return (text[: folded_match.start()] + text[folded_match.end():]).strip(" ,"), True
    match = continuation.search(folded)
    if not match:
        return original, False
    return (original[: match.start()] + original[match.end():]).strip(" ,"), True


_JOINERS: dict[str, re.Pattern[str]] = {}


def more_items(text: str, pack: LanguagePack) -> CellItems | None:
    """The rest of an item list wrapped onto the next line, opening on a joiner: "and 2 (b)", ", 5", "和2", "و5"."""
    joiner = _JOINERS.get(pack.code)
    if joiner is None:
        # an and-word, or a comma; "و5": the Arabic and-word written as a prefix of the number
        joiner = _JOINERS[pack.code] = re.compile(rf"^\s*(?:[,;&\u060c\u3001]\s*|(?:{alternation(pack.and_words)})(?:{pack.gap}|(?=\d)))", re.IGNORECASE)
    folded, written = normalize(text), " ".join(text.split())
    # "(continuación) y 8": the mark closing the list above comes first; it says so of the item above, not of these
    mark = continuation_pattern(pack).match(folded.lstrip()) if folded[:1] in "( " or folded[:1].isalpha() else None
    start = (len(folded) - len(folded.lstrip()) + mark.end()) if mark is not None else 0
    match = joiner.match(folded[start:])
    if match is None:
        return None
    return parse_cell_items((written if len(written) == len(folded) else folded)[start + match.end():], pack)


def closes_with_mark(text: str, pack: LanguagePack) -> bool:
    """A wrapped item list's line opening on "(continued)" before its joiner: the mark of the item above."""
    folded = normalize(text).lstrip()
    mark = continuation_pattern(pack).match(folded)
    return mark is not None and mark.end() < len(folded)


def parse_cell_items(text: str, pack: LanguagePack, require_word: bool = False) -> CellItems | None:
    """Item references at the start of a cell, or None when the cell does not start with any.

    With ``require_word`` a bare leading number is not enough (free text in a body column).
    """
    _, item_word, refs_re, token_re = _patterns(pack)
    body, continued = strip_continuation(text, pack)
    folded = normalize(body)
    # folded text (ASCII digits, "(a)" for "（a）") where folding kept positions, so the title can be cut from the original
    lowered = folded if len(folded) == len(body) else body.lower()
    word = item_word.match(lowered)
    if word:
        lowered, body = lowered[word.end():], body[word.end():]
    elif require_word:
        return None
    match = refs_re.match(lowered)
    if not match:
        return None
    refs: list[tuple[int, str | None]] = []
    number: int | None = None
    for token in token_re.finditer(match.group("refs")):
        digits, written = token.group(1), token.group(2) or token.group(3)
        letter = latin_letter(written, pack) if written else None
        if digits:
            number = int(digits)
            refs.append((number, letter))
        elif letter and number is not None:
            if refs and refs[-1] == (number, None):
                refs[-1] = (number, letter)
            else:
                refs.append((number, letter))
    if not refs:
        return None
    rest = body[match.end():].strip(" .:-\u2013\u2014\t")
    return CellItems(tuple(refs), continued, rest)
