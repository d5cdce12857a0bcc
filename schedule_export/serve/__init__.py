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
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="serve the agendas of a folder as subscribable calendars that follow revisions",
        description=(
            "Serve every agenda in DIR over HTTP: an index with subscribe links, each meeting's calendar, programme, "
            "JSON and email formats, and its changelog. Added, replaced and removed documents are noticed without a restart."
        ),
    )
    serve.add_argument("folder", metavar="DIR", help="folder of agenda documents (.txt, .md, .html, .htm)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: 8000)")
    _add_common(serve, base_url_default="the address each request was made to")
    serve.add_argument(
        "--rescan-interval", type=float, default=1.0, metavar="SECONDS",
        help="look for added, replaced or removed documents at most this often (default: 1)",
    )
    serve.set_defaults(handler=run_serve)

    site = subparsers.add_parser("site", help="write the pages and calendars of a folder of agendas as static files",
        description="Write the pages and calendars that serve would answer with, as static files for any web server or CDN.",
    )
    site.add_argument("folder", metavar="DIR", help="folder of agenda documents (.txt, .md, .html, .htm)")
    site.add_argument("-o", "--output", required=True, metavar="PUBLIC", help="folder to write the site into")
    _add_common(site, base_url_default="none, and pages then show no subscribe links")
    site.set_defaults(handler=run_site)


def _add_common(parser: argparse.ArgumentParser, *, base_url_default: str) -> None:
    parser.add_argument("--db", metavar="PATH", help="history database (default: DIR/.schedule-export/history.sqlite3)")
    parser.add_argument(
        "--base-url", metavar="URL",
        help=f"public address of the site, e.g. https://calendars.example.org, for subscribe links (default: {base_url_default})",
    )
    parser.add_argument("--lang", metavar="LANG", help="language of the index page (fr, en, es, ru; default: the documents' language)")


def _open(args: argparse.Namespace):
    """The history and catalog of the folder, or an error line and None."""
    from ..errors import ScheduleExportError
    from ..history import History
    from ..lang import load_pack
    from .catalog import Catalog, default_history_path, valid_base_url

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
    interval = getattr(args, "rescan_interval", 0.0)
    return Catalog(folder, history, language=args.lang, min_interval=max(interval, 0.0))


def run_serve(args: argparse.Namespace) -> int:
    from .app import serve

    catalog = _open(args)
    if catalog is None:
        return EXIT_FAILED
    from .catalog import valid_base_url

    return serve(catalog, args.host, args.port, valid_base_url(args.base_url))


def run_site(args: argparse.Namespace) -> int:
    from .site import write_site

    catalog = _open(args)
    if catalog is None:
        return EXIT_FAILED
    from .catalog import valid_base_url

    return write_site(catalog, Path(args.output), valid_base_url(args.base_url))
