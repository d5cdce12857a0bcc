"""What every parsing step shares: the document, its language pack, and the findings so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from ..lang import LanguagePack, normalize
from ..model import Finding
from ..read import Document, Line

# UN document symbols: CTOC/COP/WG.4/2019/2, E/CN.7/2020/1, A/RES/70/1, CTOC/COP/2020/CRP.2,
# LC/42-WP/1 (ECLAC), ICCD/COP(16)/1 (a session in brackets), .../Rev.1/Corr.1, .../Add.1, .../Amend.1.
# A symbol never starts right after ".", "-" or "/": besides being right, that keeps the search
# linear ("A.A.A.A..." would otherwise be tried from every letter, each try scanning to the end).
# A part after the first may go on in lower case ("UNEP/OzL.Pro.31/1"); the first may join two stems
# with a hyphen ("ICC-ASP/22/1").
SYMBOL = re.compile(
    r"(?<![\w/.\-])(?:[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)?(?:\.[A-Z0-9]+)*)(?:/[A-Z0-9][A-Za-z0-9]*(?:[.\-][A-Z0-9][A-Za-z0-9]*)*(?:\(\d{1,3}\))?)+"
    r"(?:/(?:Add|Rev|Corr|Amend)\.\d+|/Summary)*(?![\w/])"
)
# "A/73/100-S/2018/500": one document with two symbols, split where each part has a stem and at
# least two more parts, so the hyphen of "LC/42-WP/1" (a session and a series) splits nothing
_JOINED_SYMBOLS = re.compile(r"-(?=[A-Z][A-Z0-9.]*/)")
_DIGIT = re.compile(r"\d")


def find_symbols(text: str) -> list[str]:
    """Document symbols in text; "A/73/100-S/2018/500" (one document with two symbols) gives both."""
    found: dict[str, None] = {}  # a dict keeps the order and makes "seen already" constant time
    if "/" not in text:
        return []
    for match in SYMBOL.finditer(text):
        parts = _JOINED_SYMBOLS.split(match.group(0))
        if any(part.count("/") < 2 for part in parts):
            parts = [match.group(0)]  # "LC/42-WP/1": one symbol
        for part in parts:
            if "/" in part and _DIGIT.search(part):
                found.setdefault(part)
    return list(found)


# A symbol written with its session and a space, as UNESCO and FAO write theirs: "231 EX/1", "42 C/5",
# "CL 170/1", "C 2025/1". Taken only where a text is the symbol alone (the header's symbol line or cell, a
# running header): in running text the number before a symbol can be anything's ("Item 4 E/CN.7/2025/4").
_SPACED_SYMBOL = re.compile(
    r"(?:\d{1,3} [A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)*|[A-Z]{1,4} \d{2,4})(?:/[A-Z0-9]+(?:[.\-][A-Z0-9]+)*)+"
    r"(?:/(?:Add|Rev|Corr|Amend)\.\d+)*"
)


def symbol_alone(text: str) -> str | None:
    """The symbol a short text is made of, without a footnote's asterisk ("A/CN.9/1000*", "231 EX/1"), or None."""
    stripped = text.strip().rstrip("*").rstrip()
    if len(stripped) >= 60 or "/" not in stripped:
        return None
    found = find_symbols(stripped)
    if found and found[0] == stripped:
        return stripped
    return stripped if _SPACED_SYMBOL.fullmatch(stripped) else None


_PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {}


def pack_pattern(pack: LanguagePack, name: str, build: Callable[[LanguagePack], str]) -> re.Pattern[str]:
    """A regular expression built from a pack's words, compiled once per language."""
    key = (pack.code, name)
    if key not in _PATTERNS:
        _PATTERNS[key] = re.compile(build(pack))
    return _PATTERNS[key]



_NUMBERING = re.compile(r"^(?:[ivxlc]+|\d+|[a-z])[.)]\s+")


@dataclass
class Context:
    document: Document
    pack: LanguagePack
    findings: list[Finding] = field(default_factory=list)
    # the same findings as a set: a document with thousands of stray rows must not make warn quadratic
    _seen: set[Finding] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        self._seen = set(self.findings)

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.document.lines

    def warn(self, line: int | None, message: str) -> None:
        finding = Finding(source=self.document.name, line=self.document.source_line(line), message=message)
        if finding not in self._seen:
            self._seen.add(finding)
            self.findings.append(finding)

    @cached_property
    def folded(self) -> list[str]:
        """Each line's text, normalised once."""
        return [normalize(line.text) for line in self.lines]

    @cached_property
    def folded_text(self) -> str:
        return "\n".join(self.folded)

    @cached_property
    def _heading_keys(self) -> list[str]:
        return [_NUMBERING.sub("", text.strip(" .:*#")) if len(text) < 160 else "" for text in self.folded]

    def is_heading_at(self, index: int, phrases: tuple[str, ...]) -> bool:
        """A line that is one of the phrases, give or take numbering and punctuation."""
        key = self._heading_keys[index]
        return bool(key) and any(key == normalize(p) for p in phrases)

    def find_heading(self, phrases: tuple[str, ...], start: int = 0, loose: bool = False) -> int | None:
        """The first line that is one of the phrases; ``loose`` also takes a short line containing one
        ("Annex: Proposed organization of work")."""
        wanted = {normalize(p) for p in phrases}
        keys = self._heading_keys
        for index in range(start, len(keys)):
            key = keys[index]
            if key and (key in wanted or (loose and any(w in key and len(key) <= len(w) + 30 for w in wanted))):
                return index
        return None
