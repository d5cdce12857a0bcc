"""Bytes to text: refuse binary input, find the encoding, say when it was not UTF-8."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..model import Finding

# Bytes that never occur in text documents; a few of them mean binary input.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x1B)) + bytes(range(0x1C, 0x20))
# UTF-8 read as Latin-1/Windows-1252 and saved again: "Ã©" for "é".
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]")


def decode(data: bytes, name: str) -> tuple[str, list[Finding]]:
    findings: list[Finding] = []
    if not data.strip():
        raise InputError("is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), findings
        except UnicodeDecodeError:
            raise InputError("declares UTF-16 but is not valid UTF-16") from None
    sample = data[:65536]
    # how many control bytes: what deleting them takes from the length (one pass, no list of matches)
    control = len(sample) - len(sample.translate(None, delete=_CONTROL_BYTES))
    if b"\x00" in sample or control > max(4, len(sample) // 200):
        raise InputError("is a binary file, not a text or HTML document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        findings.append(Finding(source=name, line=line, message="not valid UTF-8; read as Windows-1252, check accented letters"))
        return text, findings
    # every mojibake pair starts with "Â" or "Ã": most documents have neither, and need no search
    mojibake = _MOJIBAKE.search(text) if "\u00c2" in text or "\u00c3" in text else None
    if mojibake is not None:
        try:
            repaired = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            repaired = None
        first = text[: mojibake.start()].count("\n") + 1
        if repaired is not None:
            findings.append(Finding(source=name, line=first, message="text was encoded twice (UTF-8 read as Windows-1252); repaired"))
            text = repaired
        else:
            findings.append(Finding(source=name, line=first, message="text looks encoded twice (UTF-8 read as Windows-1252); accented letters may be wrong"))
    return text, findings
