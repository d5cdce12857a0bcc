"""`site`: the pages and calendars the server would answer, written as static files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ScheduleExportError

if TYPE_CHECKING:
    from .catalog import Catalog


def write_site(catalog: Catalog, output: Path, base_url: str | None) -> int:
    """Render everything first, then write: a failure leaves the previous site as it was."""
    from ..cli import write_atomically

    try:
        catalog.refresh(force=True)
        rendered: list[tuple[Path, bytes]] = []
        for path in catalog.paths():
            resource = catalog.resource(path, base_url)
            if resource is None:  # the folder changed while rendering; the next run catches up
                continue
            rendered.append((output.joinpath(*path.strip("/").split("/")), resource.body))
    except ScheduleExportError as exc:
        print(f"error: {catalog.folder}: {exc}", file=sys.stderr)
        return 1
    finally:
        catalog.history.close()
    for target, body in rendered:
        try:
            write_atomically(target, body)
        except OSError as exc:
            print(f"error: {target}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
            return 1
    for document in catalog.errors:
        print(f"error: {document.name}: {document.error}", file=sys.stderr)
    print(f"wrote {len(rendered)} files for {len(catalog.meetings)} meeting(s) to {output}", file=sys.stderr)
    return 1 if catalog.errors else 0
