"""`site`: the pages and calendars the server would answer, written as static files."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ScheduleExportError

if TYPE_CHECKING:
    from .catalog import Catalog

# How many times a build waits for documents that are still being written before it goes on without them.
MAX_SETTLE_ROUNDS = 10


def write_site(catalog: Catalog, output: Path, base_url: str | None) -> int:
    """Render everything first, then write, then remove what is no longer published.

    A page that fails to render is an error line and is left as it was; the others are still written.
    """
    from ..cli import write_atomically

    failed = False
    try:
        catalog.refresh(force=True)
        for _ in range(MAX_SETTLE_ROUNDS):
            if not catalog.settling:
                break
            time.sleep(catalog.settle)
            catalog.refresh(force=True)
        rendered: list[tuple[str, Path, bytes]] = []
        for path in catalog.paths():
            try:
                resource = catalog.resource(path, base_url)
            except Exception as exc:  # noqa: BLE001 - one page that cannot be rendered must not stop the others
                print(f"error: {path.lstrip('/')}: cannot be rendered ({type(exc).__name__}: {exc})", file=sys.stderr)
                failed = True
                continue
            if resource is None:  # the folder changed while rendering; the next run catches up
                continue
            rendered.append((path, output.joinpath(*path.strip("/").split("/")), resource.body))
        previous = catalog.history.site_files(str(output.resolve()))
    except ScheduleExportError as exc:
        print(f"error: {catalog.folder}: {exc}", file=sys.stderr)
        catalog.close()
        return 1
    try:
        for _, target, body in rendered:
            try:
                write_atomically(target, body)
            except OSError as exc:
                print(f"error: {target}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
                return 1
        written = {path for path, _, _ in rendered}
        # files this command wrote before and no longer publishes (a removed meeting's programme, a language dropped)
        for path in sorted(previous - written):
            stale = output.joinpath(*path.strip("/").split("/"))
            try:
                stale.unlink(missing_ok=True)
            except OSError as exc:
                print(f"warning: {stale}: cannot be removed ({exc.strerror or exc})", file=sys.stderr)
        try:
            catalog.history.set_site_files(str(output.resolve()), written | (previous & _unrendered(catalog, written)))
        except ScheduleExportError as exc:
            print(f"warning: {exc}", file=sys.stderr)
    finally:
        catalog.close()  # the events' bytes built for all.ics are kept for the next run
    for document in catalog.errors:
        print(f"error: {document.name}: {document.error}", file=sys.stderr)
    for notice in catalog.notices:
        print(f"warning: {notice.name}: {notice.message}", file=sys.stderr)
    print(f"wrote {len(rendered)} files for {len(catalog.meetings)} meeting(s) to {output}", file=sys.stderr)
    return 1 if catalog.errors or failed else 0


def _unrendered(catalog: Catalog, written: set[str]) -> set[str]:
    """Paths still published whose page failed to render this time: their old file stays and stays listed."""
    return set(catalog.paths()) - written
