"""The one Jinja2 environment every template-based renderer shares (HTML, PDF, email).

Templates live at the repository's top-level ``templates/`` folder, shipped into
the wheel as ``schedule_export/templates``. Autoescaping is on for every HTML
and ``.j2`` template: text from a document is never trusted as markup.
Jinja2 is imported inside ``environment()`` so that importing this module stays light.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import RenderError

if TYPE_CHECKING:
    from jinja2 import Environment, Template

# Suffixes whose templates are escaped; ".txt.j2" stays raw for plain-text output.
_ESCAPED_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".xml", ".html.j2", ".htm.j2", ".xml.j2")


def template_folders() -> tuple[Path, ...]:
    """Where templates are looked for: the installed package first, then the repository checkout."""
    folders: list[Path] = []
    packaged = resources.files("schedule_export") / "templates"
    if packaged.is_dir():
        folders.append(Path(str(packaged)))
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir() and checkout not in folders:
        folders.append(checkout)
    return tuple(folders)


def _autoescape(name: str | None) -> bool:
    if name is None:
        return True  # templates built from strings: escape, the safe choice
    lowered = name.lower()
    if lowered.endswith(".txt.j2") or lowered.endswith(".txt"):
        return False
    return lowered.endswith(_ESCAPED_SUFFIXES) or lowered.endswith(".j2")


def _nbsp(text: object) -> str:
    """Join words with no-break spaces, so that short labels ("10 heures") never wrap.

    Markup stays markup (``str.replace`` on it keeps its type), plain text stays text to be escaped.
    """
    value = text if isinstance(text, str) else str(text)
    return value.replace(" ", "\u00a0")


def _capitalize_first(text: object) -> str:
    """Upper-case the first letter only: "lundi 9 septembre" -> "Lundi 9 septembre" (str.capitalize lowers the rest)."""
    value = text if isinstance(text, str) else str(text)
    return value[:1].upper() + value[1:]


@cache
def environment() -> Environment:
    """The shared, cached Jinja2 environment: autoescaped, strict about undefined names."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    folders = template_folders()
    if not folders:
        raise RenderError("the templates folder is missing from this installation")
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["nbsp"] = _nbsp
    env.filters["capfirst"] = _capitalize_first
    return env


def get_template(name: str) -> Template:
    from jinja2 import TemplateError

    try:
        return environment().get_template(name)
    except TemplateError as exc:
        raise RenderError(f"template {name!r} cannot be loaded ({exc})") from exc


def render_template(name: str, **context: Any) -> str:
    """Render one template; a template fault becomes our RenderError rather than a traceback."""
    from jinja2 import TemplateError

    template = get_template(name)
    try:
        return template.render(**context)
    except TemplateError as exc:
        raise RenderError(f"template {name!r} failed ({exc})") from exc
