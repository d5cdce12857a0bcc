"""The feed server: a Starlette application over a ``Catalog``, run by uvicorn.

Every request path is looked up in the catalog's table of published paths;
anything else is a plain 404 that names nothing. Requests never scan the
folder: a background thread (``Scanner``, started with the app's lifespan)
does, and requests answer from the last published state. Rendering runs in
the thread pool; answers already rendered come straight from the cache.

Until the first scan is complete, the index says the documents are being
read, and everything else waits for the scan, at most ``first_scan_wait``
seconds, then answers 503 with Retry-After. Waiting serves calendar clients
best: they fetch a subscription in one request with a timeout of 30 s or more
and take an error as a failed refresh, tried again at their next one (often
hours later; few read Retry-After), so a restart (about a second) or a small
folder never shows them an error. A calendar with part of the meetings is never served: a client would
delete the missing events from its users' calendars.
"""

from __future__ import annotations

import asyncio
import re
import socket
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from starlette.applications import Starlette

    from .catalog import Catalog

NOT_FOUND = b"Not found\n"
# How long an answer other than the index waits for the first scan before a 503: below the 30 s
# timeout of the strictest calendar clients, above a restart over thousands of documents.
DEFAULT_FIRST_SCAN_WAIT = 20.0
# What the 503 asks clients that read Retry-After (browsers reloading, scripts) to wait.
RETRY_AFTER_SECONDS = 5
_INDEX_PATH = re.compile(r"/(?:index(?:\.(?P<language>[a-z]{2,3}))?\.html)?")
_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]{1,253}(?::\d{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?")
# Distinct Host headers whose pages are cached: a client cannot grow the cache without bound.
MAX_CACHED_HOSTS = 8


def create_app(
    catalog: Catalog,
    base_url: str | None = None,
    scan_interval: float | None = None,
    first_scan_wait: float = DEFAULT_FIRST_SCAN_WAIT,
    on_first_scan: Callable[[Catalog], None] | None = None,
) -> Starlette:
    """The application; with a ``scan_interval`` its lifespan runs the background scan of the folder."""
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from .scanner import Scanner

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        scanner = Scanner(catalog, scan_interval, on_first_scan) if scan_interval is not None else None
        if scanner is not None:
            scanner.start()
        try:
            yield
        finally:
            if scanner is not None:
                await run_in_threadpool(scanner.stop)

    seen_hosts: set[str] = set()

    def base_of(request: Request) -> tuple[str | None, bool]:
        """Base URL for absolute links, and whether pages for it may be cached."""
        if base_url:
            return base_url, True
        host = request.headers.get("host", "")
        if not _HOST_HEADER.fullmatch(host):
            return None, True
        if host not in seen_hosts and len(seen_hosts) >= MAX_CACHED_HOSTS:
            return f"{request.url.scheme}://{host}", False
        seen_hosts.add(host)
        return f"{request.url.scheme}://{host}", True

    async def first_scan(request: Request) -> Response | None:
        """Before the first scan is complete: the index says so; the rest waits for it, bounded, else 503."""
        from .pages import reading_page, visitor_language

        index = _INDEX_PATH.fullmatch(request.scope["path"])
        if index:
            language = index["language"] or visitor_language(request.query_params.get("lang"), request.headers.get("accept-language"))
            body = reading_page(catalog, language).encode("utf-8")
            # never kept by a cache, and reloaded by the browser until the index proper is there
            headers = {"Cache-Control": "no-store", "Refresh": str(RETRY_AFTER_SECONDS)}
            return Response(body, media_type="text/html; charset=utf-8", headers=headers)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + first_scan_wait
        while not catalog.ready.is_set() and loop.time() < deadline:
            await asyncio.sleep(0.05)  # polled: a waiting request holds no thread
        if catalog.ready.is_set():
            return None
        done, total = catalog.progress
        message = f"The documents are still being read ({done} of {total}); try again in a few seconds.\n"
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
        return Response(message.encode("utf-8"), status_code=503, media_type="text/plain; charset=utf-8", headers=headers)

    async def answer(request: Request) -> Response:
        if not catalog.ready.is_set():
            early = await first_scan(request)
            if early is not None:
                return early
        path = request.scope["path"]
        negotiated = path in ("/", "/index.html") or (path.startswith("/meetings/") and path.endswith("/changes.html"))
        if negotiated:  # the index and changelogs in the visitor's language when we have it: ?lang=, then Accept-Language
            from .pages import visitor_language

            language = visitor_language(request.query_params.get("lang"), request.headers.get("accept-language"))
            if language:
                path = f"/index.{language}.html" if not path.startswith("/meetings/") else path.removesuffix(".html") + f".{language}.html"
        base, cacheable = base_of(request)
        resource = catalog.cached(path, base)
        if resource is None:
            try:
                resource = await run_in_threadpool(catalog.resource, path, base, cacheable)
            except Exception as exc:  # a renderer failing on one meeting must not expose details or stop the server
                print(f"error: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
                return Response(b"Internal error\n", status_code=500, media_type="text/plain; charset=utf-8")
        if resource is None:
            return Response(NOT_FOUND, status_code=404, media_type="text/plain; charset=utf-8")
        headers = resource.headers()
        if negotiated:
            headers["Vary"] = "Accept-Language"
        if resource.not_modified(request.headers.get("if-none-match"), request.headers.get("if-modified-since")):
            return Response(status_code=304, headers=headers)
        return Response(resource.body, media_type=resource.content_type, headers=headers)

    async def not_found(request: Request, exc: Exception) -> Response:
        # paths the router itself rejects (absolute-form targets) get the same answer as unknown ones
        return Response(NOT_FOUND, status_code=404, media_type="text/plain; charset=utf-8")

    return Starlette(
        routes=[Route("/{path:path}", answer, methods=["GET", "HEAD"])], exception_handlers={404: not_found}, lifespan=lifespan,
    )


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto given explicitly: asyncio sets TCP_NODELAY on accepted sockets only when it is IPPROTO_TCP,
    # and without it a response written in two parts waits on the client's delayed ACK (about 40 ms)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)  # connections made as soon as the address is printed wait in the backlog
    sock.set_inheritable(True)
    return sock


def _first_scan_done(catalog: Catalog) -> None:
    """Said once the folder has been read: its errors, then a line on standard output (scripts wait for it)."""
    for document in catalog.errors:
        print(f"error: {document.name}: {document.error}", file=sys.stderr, flush=True)
    print(f"published {len(catalog.meetings)} meeting(s) from {catalog.folder}", flush=True)


def serve(
    catalog: Catalog, host: str, port: int, base_url: str | None = None,
    scan_interval: float = 1.0, first_scan_wait: float = DEFAULT_FIRST_SCAN_WAIT,
) -> int:
    import uvicorn

    try:
        sock = bind(host, port)
    except OSError as exc:
        print(f"error: {host}:{port}: cannot listen ({exc.strerror or exc})", file=sys.stderr)
        return 1
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    # answering at once: the folder is read in the background (see the module's docstring)
    print(f"serving {catalog.folder} at http://{shown}:{bound_port}/ (reading the documents)", flush=True)
    config = uvicorn.Config(
        create_app(catalog, base_url, scan_interval, first_scan_wait, _first_scan_done),
        log_level="warning",
        access_log=False,
        server_header=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        catalog.close()
    return 0
