"""The feed server: a Starlette application over a ``Catalog``, run by uvicorn.

Every request path is looked up in the catalog's table of published paths;
anything else is a plain 404 that names nothing. Parsing and rendering run in
the thread pool; answers already rendered come straight from the cache.
"""

from __future__ import annotations

import re
import socket
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from .catalog import Catalog

NOT_FOUND = b"Not found\n"
_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]{1,253}(?::\d{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?")
# Distinct Host headers whose pages are cached: a client cannot grow the cache without bound.
MAX_CACHED_HOSTS = 8


def create_app(catalog: Catalog, base_url: str | None = None) -> Starlette:
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

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

    async def answer(request: Request) -> Response:
        if catalog.needs_refresh():
            await run_in_threadpool(catalog.refresh)
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

    return Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "HEAD"])], exception_handlers={404: not_found})


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


def serve(catalog: Catalog, host: str, port: int, base_url: str | None = None) -> int:
    import uvicorn

    try:
        sock = bind(host, port)
    except OSError as exc:
        print(f"error: {host}:{port}: cannot listen ({exc.strerror or exc})", file=sys.stderr)
        return 1
    catalog.refresh(force=True)
    for document in catalog.errors:
        print(f"error: {document.name}: {document.error}", file=sys.stderr)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    print(f"serving {len(catalog.meetings)} meeting(s) from {catalog.folder} at http://{shown}:{bound_port}/", flush=True)
    config = uvicorn.Config(
        create_app(catalog, base_url),
        log_level="warning",
        access_log=False,
        server_header=False,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        catalog.history.close()
    return 0
