"""One shared Jinja environment for every template-based renderer.

Templates ship inside the wheel as ``schedule_export/templates``; in a repo
checkout or an editable install they live in the top-level ``templates/``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment


def template_folders() -> list[str]:
    folders: list[str] = []
    shipped = resources.files("schedule_export") / "templates"
    if shipped.is_dir():
        folders.append(str(shipped))
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        folders.append(str(checkout))
    return folders


@cache
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=FileSystemLoader(template_folders()),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
