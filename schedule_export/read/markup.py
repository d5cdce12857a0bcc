"""Inline markup (HTML tags, markdown emphasis and links) removed from a cell of text."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^<>]{1,200}>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")


_MARKUP_CHARS = frozenset("<>&*_[#\\")


def strip_markup(text: str) -> str:
    if _MARKUP_CHARS.isdisjoint(text):
        return _SPACES.sub(" ", text).strip()
    text = _AUTOLINK.sub(r"\1", text)
    text = _MD_LINK.sub(lambda m: m.group(1) if m.group(1) != "#" else "", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _HEADING.sub("", text)
    if "*" in text or "_" in text:
        for _ in range(2):
            text = _EMPHASIS.sub(r"\2", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()
