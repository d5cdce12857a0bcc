"""Inline markup (HTML tags, markdown emphasis and links) removed from a cell of text.

Every pattern here runs in time linear in its input, whatever the input: a
delimiter's content may not contain the delimiter itself, so a match attempt
stops at the next delimiter instead of scanning to the end of the line
("*a *a *a ..." or "[[[[..." would otherwise be quadratic).
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^<>]{1,200}>")
# link text holds no bracket, so an unclosed "[" costs only the way to the next bracket
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
# **strong**, __strong__, *emphasis*, _emphasis_: the content never crosses its own delimiter
_EMPHASIS = re.compile(
    r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"
    r"|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"
    r"|\*(?=\S)([^*]+?)(?<=\S)\*"
    r"|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_"
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
# runs of spaces to squeeze: a lone plain space is left alone (matching it would rewrite every word gap)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]{2,}|[\t\u00a0\u2000-\u200b\u202f]")
# _SPACES matches exactly when one of these occurs: two plain spaces, or any of its other spaces
_SQUEEZABLE = ("  ", "\t", "\u00a0", *(chr(code) for code in range(0x2000, 0x200C)), "\u202f")

# a text without any of these has no markup to remove
_MARKUP_CHARS = ("<", ">", "&", "*", "_", "[", "#", "\\")


def _contains_any(text: str, needles: tuple[str, ...]) -> bool:
    # one substring test per needle: far cheaper than a regular expression's search over most cells,
    # which hold none of them
    for needle in needles:
        if needle in text:
            return True
    return False


def squeeze_spaces(text: str) -> str:
    """Runs of spaces, tabs and no-break or thin spaces as one plain space, none at the ends."""
    if not _contains_any(text, _SQUEEZABLE):
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def _emphasised(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group is not None)


def strip_markup(text: str) -> str:
    if not _contains_any(text, _MARKUP_CHARS):
        return squeeze_spaces(text)
    # each pattern runs only where the character it needs is (a cell rarely holds every kind of markup)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "[" in text:
        text = _MD_LINK.sub(lambda m: m.group(1) if m.group(1) != "#" else "", text)
    if "<" in text:
        text = _TAG.sub("", text)
    text = html.unescape(text)
    if "#" in text:
        text = _HEADING.sub("", text)
    if "*" in text or "_" in text:
        for _ in range(2):
            text = _EMPHASIS.sub(_emphasised, text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return squeeze_spaces(text)


_OPENER = re.compile(r"<(?:!--|!\[|[!?/a-zA-Z])")
_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_SECTION_CLOSE = re.compile(r"\]\s*\]\s*>")
_MS_SECTION_CLOSE = re.compile(r"\]\s*>")


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


def defuse_unterminated(text: str) -> str:
    """HTML with every tag, comment or declaration that is never closed written as text ("&lt;").

    Python's HTMLParser, at the end of its input, rescans from each unclosed
    construct to the end of the text: "<a <a <a ..." or "<!--x> <!--x> ..." are
    quadratic. Whether a construct is ever closed only needs the position of
    the last closer of its kind, found once, so this pass is linear. Marked
    sections other than CDATA and Word's ``<![if ...]>`` are defused too:
    HTMLParser raises on them ("<![" alone, "<![x").
    """
    if "<" not in text:
        return text
    last_gt = text.rfind(">")
    last_comment_close = _last_start(_COMMENT_CLOSE, text) if "<!--" in text else -1
    last_section_close = _last_start(_SECTION_CLOSE, text) if "<![" in text else -1
    last_ms_section_close = _last_start(_MS_SECTION_CLOSE, text) if "<![" in text else -1
    parts: list[str] = []
    done = 0
    for match in _OPENER.finditer(text):
        start, opener = match.start(), match.group()
        if opener == "<!--":
            closed = last_comment_close >= start + 4
        elif opener == "<![":
            name = _SECTION_NAME.match(text, start + 3)
            keyword = name.group().strip().lower() if name else ""
            if keyword in ("temp", "cdata", "ignore", "include", "rcdata"):
                closed = last_section_close >= start + 3
            elif keyword in ("if", "else", "endif"):
                closed = last_ms_section_close >= start + 3
            else:
                closed = False
        else:
            closed = last_gt > start
        if not closed:
            parts.append(text[done:start])
            parts.append("&lt;")
            done = start + 1
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)
