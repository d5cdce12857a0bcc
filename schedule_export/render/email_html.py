"""Email-safe HTML programme: a table layout with every style inlined, at most 600 px wide.

Outlook's Word engine, Gmail and Apple Mail drop or mangle ``<style>`` blocks,
scripts, forms, web fonts and remote images, so the fragment uses none of them:
the stylesheet (templates/email.css) is inlined into ``style`` attributes with
css-inline, and the only links are the documents' links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import RenderError
from . import RenderOptions
from .templating import environment
from .view import ProgrammeView, build_view

if TYPE_CHECKING:
    from ..model import Meeting

TEMPLATE = "email.html.j2"
STYLESHEET = "email.css"


class EmailHtmlExporter:
    name = "email-html"
    extension = "email.html"
    content_type = "text/html; charset=utf-8"
    description = "HTML programme to paste into an email or newsletter (tables, inlined styles, 600 px)"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return render_email_fragment(meeting, options).encode("utf-8")


def intro_paragraphs(options: RenderOptions) -> list[list[str]]:
    """The optional introduction as paragraphs of lines: blank lines separate paragraphs."""
    text = str(options.extra.get("intro") or "").replace("\r\n", "\n").strip()
    if not text:
        return []
    blocks = [block.strip() for block in text.split("\n\n")]
    return [[line.strip() for line in block.splitlines()] for block in blocks if block]


def render_email_fragment(
    meeting: Meeting, options: RenderOptions | None = None, *, calendar_attached: bool = False, view: ProgrammeView | None = None
) -> str:
    options = options or RenderOptions()
    view = view or build_view(meeting, options)
    html = environment().get_template(TEMPLATE).render(
        view=view, intro_paragraphs=intro_paragraphs(options), calendar_attached=calendar_attached
    )
    return inline_styles(html)


def inline_styles(html: str) -> str:
    import css_inline

    css = environment().loader.get_source(environment(), STYLESHEET)[0]  # type: ignore[union-attr]
    try:
        return css_inline.inline_fragment(html, css, load_remote_stylesheets=False, keep_at_rules=False)
    except css_inline.InlineError as exc:  # a broken stylesheet is our bug, but say so plainly
        raise RenderError(f"cannot inline the email stylesheet: {exc}") from exc


def render_email_document(meeting: Meeting, options: RenderOptions, *, title: str, calendar_attached: bool = False) -> str:
    """A whole HTML document around the fragment, for the text/html part of a message."""
    from markupsafe import escape

    view = build_view(meeting, options)
    fragment = render_email_fragment(meeting, options, calendar_attached=calendar_attached, view=view)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{view.pack.code}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light only">\n'
        f"<title>{escape(title)}</title>\n</head>\n"
        '<body style="margin: 0; padding: 16px 0; background-color: #f3f5f8;" bgcolor="#f3f5f8">\n'
        f"{fragment}</body>\n</html>\n"
    )
