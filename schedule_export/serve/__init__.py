"""`serve` and `site`: subscribable calendars of a folder of agendas that follow its revisions.

``serve`` answers over HTTP (Starlette on uvicorn) and notices documents added,
replaced or removed without a restart; ``site`` writes the same pages and
calendars as static files. Both keep the history of published versions in
SQLite so that a revised agenda updates subscribers' calendars in place.
Only argparse is imported here: the web stack loads inside the handlers.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_FAILED = 0, 1
# A document changed less than this long ago may still be being written.
DEFAULT_SETTLE = 2.0


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="serve the agendas of a folder as subscribable calendars that follow revisions",
        description=(
            "Serve every agenda in DIR over HTTP: an index with subscribe links, each meeting's calendar, programme, "
            "JSON and email formats, and its changelog. Added, replaced and removed documents are noticed without a restart."
        ),
    )
    serve.add_argument("folder", metavar="DIR", help="folder of agenda documents (.txt, .md, .html, .htm, .pdf, .docx)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: 8000)")
    _add_common(serve, base_url_default="the address each request was made to")
    serve.add_argument(
        # --rescan-interval: its name before the scan moved off the request path
        "--scan-interval", "--rescan-interval", dest="scan_interval", type=float, default=1.0, metavar="SECONDS",
        help="look for added, replaced or removed documents this often, in the background (default: 1)",
    )
    serve.add_argument(
        "--first-scan-wait", type=float, default=20.0, metavar="SECONDS",
        help="after a start, how long a request for a calendar waits for the documents to be read before a 503"
             " (default: 20; the index answers at once and says they are being read)",
    )
    serve.set_defaults(handler=run_serve)

    site = subparsers.add_parser("site", help="write the pages and calendars of a folder of agendas as static files",
        description="Write the pages and calendars that serve would answer with, as static files for any web server or CDN.",
    )
    site.add_argument("folder", metavar="DIR", help="folder of agenda documents (.txt, .md, .html, .htm, .pdf, .docx)")
    site.add_argument("-o", "--output", required=True, metavar="PUBLIC", help="folder to write the site into")
    _add_common(site, base_url_default="none, and pages then show no subscribe links")
    site.set_defaults(handler=run_site)

    confirm = subparsers.add_parser(
        "confirm", help="publish a held revision of a document (one that drops most of its meetings, or cannot be read)",
        description=(
            "Accept the current content of documents that serve or site hold back (a new version dropping most of its "
            "meetings, or a file that cannot be read): a running server publishes it at its next rescan, site at its next run."
        ),
    )
    confirm.add_argument("folder", metavar="DIR", help="the folder served or published")
    confirm.add_argument("documents", nargs="+", metavar="DOC", help="file name of the document in DIR, as the index names it")
    confirm.add_argument("--db", metavar="PATH", help="history database (default: DIR/.schedule-export/history.sqlite3)")
    confirm.set_defaults(handler=run_confirm)


def _add_common(parser: argparse.ArgumentParser, *, base_url_default: str) -> None:
    parser.add_argument("--db", metavar="PATH", help="history database (default: DIR/.schedule-export/history.sqlite3)")
    parser.add_argument(
        "--base-url", metavar="URL",
        help=f"public address of the site, e.g. https://calendars.example.org, for subscribe links (default: {base_url_default})",
    )
    parser.add_argument("--lang", metavar="LANG", help="language of the index page (fr, en, es, ru; default: the documents' language)")
    parser.add_argument(
        "--settle", type=float, default=DEFAULT_SETTLE, metavar="SECONDS",
        help=f"read a changed or removed document only once it has not changed for this long (default: {DEFAULT_SETTLE:g})",
    )
    parser.add_argument(
        "--hold-for", type=float, metavar="SECONDS",
        help="publish a held revision (most meetings dropped, or the file unreadable) once unchanged for this long"
             " (default: only when confirmed)",
    )
    parser.add_argument(
        "--confirm", action="append", default=[], metavar="DOC",
        help="publish the current content of this held document (repeatable); same as `schedule-export confirm DIR DOC`",
    )


def _open(args: argparse.Namespace):
    """The history and catalog of the folder, or an error line and None."""
    from ..errors import ScheduleExportError
    from ..history import History
    from ..lang import load_pack
    from .catalog import Catalog, default_history_path, valid_base_url

    from pathlib import Path  # here, not at the top: `--help` imports this module

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"error: {args.folder}: is not a folder", file=sys.stderr)
        return None
    if args.base_url is not None and valid_base_url(args.base_url) is None:
        print(f"error: {args.base_url}: a base URL is http:// or https:// with a host, maybe a port and a plain path, nothing else", file=sys.stderr)
        return None
    try:
        if args.lang:
            load_pack(args.lang)
        history = History(Path(args.db) if args.db else default_history_path(folder))
    except ScheduleExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    interval = getattr(args, "scan_interval", 0.0)
    catalog = Catalog(
        folder, history, language=args.lang, min_interval=max(interval, 0.0), settle=max(args.settle, 0.0),
        hold_for=None if args.hold_for is None else max(args.hold_for, 0.0),
    )
    if args.confirm and _confirm(catalog, args.confirm) != EXIT_OK:
        history.close()
        return None
    return catalog


def _confirm(catalog, names: list[str]) -> int:
    """Record that the current content of each named document may be published, held or not."""
    import hashlib
    from pathlib import Path

    from ..errors import ScheduleExportError
    from .catalog import MAX_DOCUMENT_BYTES

    status = EXIT_OK
    for name in names:
        path = catalog.folder / name
        if Path(name).name != name or name.startswith(".") or not path.is_file():
            print(f"error: {name}: is not a document of {catalog.folder}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
            catalog.history.confirm(catalog.folder_id, name, hashlib.sha256(data).hexdigest())
        except OSError as exc:
            print(f"error: {name}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
            status = EXIT_FAILED
            continue
        except ScheduleExportError as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        print(f"confirmed {name}: its current content is published at the next rescan", file=sys.stderr)
    return status


def run_confirm(args: argparse.Namespace) -> int:
    from ..errors import ScheduleExportError
    from ..history import History
    from .catalog import Catalog, default_history_path

    from pathlib import Path

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"error: {args.folder}: is not a folder", file=sys.stderr)
        return EXIT_FAILED
    try:
        history = History(Path(args.db) if args.db else default_history_path(folder))
    except ScheduleExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return _confirm(Catalog(folder, history), args.documents)
    finally:
        history.close()


def run_serve(args: argparse.Namespace) -> int:
    from .app import serve

    catalog = _open(args)
    if catalog is None:
        return EXIT_FAILED
    from .catalog import valid_base_url

    return serve(
        catalog, args.host, args.port, valid_base_url(args.base_url), scan_interval=args.scan_interval,
        first_scan_wait=max(args.first_scan_wait, 0.0),
    )


def run_site(args: argparse.Namespace) -> int:
    from .site import write_site

    catalog = _open(args)
    if catalog is None:
        return EXIT_FAILED
    from pathlib import Path

    from .catalog import valid_base_url

    return write_site(catalog, Path(args.output), valid_base_url(args.base_url))
