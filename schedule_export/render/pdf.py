"""The delegate programme as PDF: WeasyPrint prints the HTML exporter's page, nothing re-laid out.

WeasyPrint (and through it pango and fontconfig) is imported only inside
``render_pdf``: it is slow to import and the CLI must start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import RenderError
from . import RenderOptions
from .html import render_html

if TYPE_CHECKING:
    from ..model import Meeting


class PdfExporter:
    name = "pdf"
    extension = "pdf"
    content_type = "application/pdf"
    description = "printable delegate programme as PDF (A4, or US Letter with --paper Letter)"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return render_pdf(meeting, options)


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # The page is self-contained: any fetch would be a defect, and the network is never used.
    raise RenderError(f"the programme page tried to load {url!r}")


def render_pdf(meeting: Meeting, options: RenderOptions | None = None) -> bytes:
    html = render_html(meeting, options or RenderOptions())
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango or its libraries are missing
        raise RenderError(f"PDF output needs WeasyPrint and its system libraries ({exc})") from exc
    try:
        # tagged PDF/UA-1: screen readers get the headings, tables and reading order, and the document's language
        pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(pdf_variant="pdf/ua-1")
    except RenderError:
        raise
    except Exception as exc:  # WeasyPrint raises many kinds; the user gets one line
        raise RenderError(f"the PDF could not be produced ({exc})") from exc
    if not pdf:
        raise RenderError("the PDF could not be produced (empty output)")
    return pdf
