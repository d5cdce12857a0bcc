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


# The README's install line for Pango, quoted where a user meets its absence.
PANGO_INSTALL = "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"


_import_failure: str | None = None  # kept: a library missing for one document is missing for the whole run


def _weasyprint_html() -> type:
    """WeasyPrint's HTML class, or a RenderError naming the missing system library and how to install it."""
    global _import_failure
    import contextlib
    import io
    import re
    import sys

    if _import_failure is None:
        if "weasyprint" in sys.modules:
            return sys.modules["weasyprint"].HTML
        try:
            # WeasyPrint prints an installation banner on standard output when a library is
            # missing; standard output may be carrying a calendar (-o -), so keep it clean.
            with contextlib.redirect_stdout(io.StringIO()):
                from weasyprint import HTML
            return HTML
        except OSError as exc:  # cffi cannot dlopen Pango, HarfBuzz, fontconfig or GObject
            found = re.search(r"cannot load library '([^']+)'", str(exc))
            _import_failure = (
                f"WeasyPrint cannot load the system library {found.group(1) if found else 'Pango'}: PDF output needs Pango; "
                f"on Debian or Ubuntu install it with: {PANGO_INSTALL} "
                "(README, \"PDF output uses WeasyPrint, which needs Pango\")"
            )
        except ImportError as exc:
            _import_failure = f"PDF output needs the WeasyPrint package ({exc}); install it with: pip install weasyprint"
    raise RenderError(_import_failure)


def html_to_pdf(html: str) -> bytes:
    HTML = _weasyprint_html()  # noqa: N806 (the library's class name)
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
