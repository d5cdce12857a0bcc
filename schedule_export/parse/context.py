"""What every parsing step shares: the document, its language pack, and the findings so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang import LanguagePack, normalize
from ..model import Finding
from ..read import Document, Line

# UN document symbols: CTOC/COP/WG.4/2019/2, E/CN.7/2020/1, A/RES/70/1, CTOC/COP/2020/CRP.2
SYMBOL = re.compile(r"(?<![\w/])(?:[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)*)(?:/[A-Z0-9]+(?:[.\-][A-Z0-9]+)*)+(?:/Add\.\d+|/Rev\.\d+|/Corr\.\d+)*(?![\w/])")
_JOINED_SYMBOLS = re.compile(r"-(?=[A-Z]{2,}[A-Z0-9.]*/)")


def find_symbols(text: str) -> list[str]:
    """Document symbols in text; "A/1-B/2" (one document with two symbols) gives both."""
    found: list[str] = []
    for match in SYMBOL.finditer(text):
        for part in _JOINED_SYMBOLS.split(match.group(0)):
            if part.count("/") >= 1 and re.search(r"\d", part) and part not in found:
                found.append(part)
    return found


@dataclass
class Context:
    document: Document
    pack: LanguagePack
    findings: list[Finding] = field(default_factory=list)

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.document.lines

    def warn(self, line: int | None, message: str) -> None:
        finding = Finding(source=self.document.name, line=line, message=message)
        if finding not in self.findings:
            self.findings.append(finding)

    def is_heading(self, line: Line, phrases: tuple[str, ...]) -> bool:
        """A line that is one of the phrases, give or take numbering and punctuation."""
        text = normalize(line.text).strip(" .:*#")
        text = re.sub(r"^(?:[ivxlc]+|\d+|[a-z])[.)]\s+", "", text)
        return any(text == normalize(p) for p in phrases)

    def find_heading(self, phrases: tuple[str, ...], start: int = 0) -> int | None:
        for index in range(start, len(self.lines)):
            if self.is_heading(self.lines[index], phrases):
                return index
        return None
