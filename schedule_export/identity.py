"""One meeting, one identity, whatever the language or script a document is written in.

A meeting's key (and through it every UID) is built from facts that do not depend on the
language: the body that meets (from the document symbol's stem, or from the body's name in
any of the six languages, ``data/bodies.toml``) and the meeting's first day. A document whose
body is not listed keeps its own symbol (without /Rev.N, /Corr.N or a trailing "*"), or else
its title, ordinal and year, transliterated or hashed so that no script collapses to nothing.

Session UIDs name the body meeting in parallel the same way: "Plénière" and "全体会议" are
both ``plenary``; a body not listed is named by its position among the meeting's bodies.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .lang import normalize, scripts_present

if TYPE_CHECKING:
    from .model import Meeting

MAX_SLUG = 48
_REVISION = re.compile(r"/(?:Rev|Corr)\.\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class Body:
    id: str
    stem: str
    names: tuple[str, ...]  # normalised
    within: str | None  # id of a body that must also be named ("Working Group I" of UNCITRAL)


def _data(name: str) -> dict:
    return tomllib.loads((resources.files("schedule_export") / "data" / name).read_text(encoding="utf-8"))


@cache
def bodies() -> tuple[Body, ...]:
    found = []
    for body_id, entry in _data("bodies.toml")["bodies"].items():
        names = tuple(normalize(n) for key, value in entry.items() if key not in ("stem", "within") for n in value)
        found.append(Body(body_id, entry["stem"], names, entry.get("within")))
    return tuple(found)


@cache
def _session_bodies() -> dict[str, str]:
    from .lang import available_languages, load_pack

    names = {normalize(n): body_id for body_id, listed in _data("bodies.toml")["session_bodies"].items() for n in listed}
    for code in available_languages():  # what a pack reads as the plenary is the plenary in UIDs too
        for name in load_pack(code).plenary_names:
            names.setdefault(normalize(name), "plenary")
    return names


@cache
def _transliteration() -> dict[int, str]:
    table = _data("transliteration.toml")["cyrillic"]
    return str.maketrans({**table, **{k.upper(): v for k, v in table.items()}})


def base_symbol(symbol: str) -> str:
    """The symbol every revision and correction of a document shares: "E/CN.7/2025/1/Rev.1*" → "E/CN.7/2025/1"."""
    text = symbol.strip().rstrip("*").strip()
    while _REVISION.search(text):
        text = _REVISION.sub("", text).rstrip("*").strip()
    return text


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by "-"; letters without a Latin spelling leave a hash, never nothing.

    Cyrillic is transliterated ("Вена" → "vena"); Chinese or Arabic text becomes a short hash of
    its normalised form, after whatever Latin it holds, so two different titles never share a slug.
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(_transliteration())).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    lost = re.sub(r"[\W\d_]", "", unicodedata.normalize("NFKD", text.translate(_transliteration())))
    if lost.isascii() and slug:
        return slug
    digest = hashlib.sha1(normalize(text).encode()).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


def _bounded(slug: str, source: str) -> str:
    if len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha1(source.encode()).hexdigest()[:8]
    return f"{slug[:MAX_SLUG].rstrip('-')}-{digest}"


def _names_in(text: str, name: str) -> bool:
    # Chinese has no spaces to bound a name (scripts_present: no pattern of all Han compiled at import)
    if "Han" in scripts_present(name):
        return name in text
    # the name where no letter touches it on either side; as the pattern (?<![^\W\d_])NAME(?![^\W\d_])
    # would find it, without compiling a pattern per name ([^\W\d_] is a character that is
    # alphanumeric and not a decimal digit)
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if not (start > 0 and _is_letter(text[start - 1])) and not (end < len(text) and _is_letter(text[end])):
            return True
        start = text.find(name, start + 1)
    return False


def _is_letter(character: str) -> bool:
    return character.isalnum() and not character.isdecimal()


def body_by_symbol(symbol: str) -> Body | None:
    """The listed body whose stem begins the symbol; the longest stem wins (A/AC.105/C.1 over A/AC.105)."""
    upper = base_symbol(symbol).upper()
    matches = [b for b in bodies() if upper == b.stem.upper() or upper.startswith(b.stem.upper() + "/")]
    return max(matches, key=lambda b: len(b.stem), default=None)


@lru_cache(maxsize=1024)
def body_by_name(title: str, parent: str | None = None) -> Body | None:
    """The listed body named in the title (else in the parent body's name), in any of the six languages."""
    texts = [normalize(t) for t in (title, parent) if t]
    everything = " | ".join(texts)
    by_id = {b.id: b for b in bodies()}
    for text in texts:
        best: tuple[int, Body] | None = None
        for body in bodies():
            if body.within and not any(_names_in(everything, n) for n in by_id[body.within].names):
                continue
            for name in body.names:
                if _names_in(text, name) and (best is None or len(name) > best[0]):
                    best = (len(name), body)
        if best:
            return best[1]
    return None


def meeting_key(meeting: Meeting) -> str:
    """The meeting's identity, used in file names, feed addresses and UIDs; never derived from a time."""
    symbol = base_symbol(meeting.symbol) if meeting.symbol else None
    body = body_by_symbol(symbol) if symbol else body_by_name(meeting.title, meeting.parent_body)
    if body is not None:
        return f"{body.id}-{meeting.first_day.isoformat()}"
    base = symbol or f"{meeting.title} {meeting.ordinal or ''} {meeting.first_day.year}"
    return _bounded(slugify(base), base)


def session_body_id(meeting: Meeting, body: str | None) -> str:
    """ "plenary", "committee-of-the-whole", or "body-N" for the N-th body of the meeting: the same in every language."""
    taken: dict[str | None, str] = {None: "plenary"} if None in meeting.bodies else {}
    named = [b for b in meeting.bodies if b is not None]
    for position, name in enumerate(named, start=1):
        known = _session_bodies().get(normalize(name).strip(" .*"))
        taken[name] = known if known and known not in taken.values() else f"body-{position}"
    return taken.get(body) or ("plenary" if body is None else f"body-{slugify(body)}")
