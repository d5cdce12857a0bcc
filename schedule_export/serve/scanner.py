"""The background scan of a served folder: requests never scan, they answer from the last published state.

One thread polls the folder (``stat`` of each file, cheap) every ``interval`` seconds through
``Catalog.refresh``; a document that changed is read and published there, with the hold logic
(settle time, held revisions, confirmations) unchanged. Between scans it writes the event bytes
built for answers to the history database, so that a restart finds them.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog

DEFAULT_SCAN_INTERVAL = 1.0
# Polling faster than this would only burn a core: an unchanged folder is one stat per file.
MIN_SCAN_INTERVAL = 0.05


class Scanner:
    """Rescans a catalog's folder in a daemon thread until stopped."""

    def __init__(
        self, catalog: Catalog, interval: float = DEFAULT_SCAN_INTERVAL, on_first_scan: Callable[[Catalog], None] | None = None,
    ) -> None:
        self.catalog = catalog
        self.interval = max(interval, MIN_SCAN_INTERVAL)
        self.on_first_scan = on_first_scan
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="schedule-export-scan", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop scanning: a scan under way ends at its next document (what it read is kept)."""
        self._stop.set()
        self.catalog.stop()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        from .catalog import ScanStopped

        told = False
        while not self._stop.is_set():
            try:
                self.catalog.refresh(force=True)
            except ScanStopped:
                break
            except Exception as exc:  # noqa: BLE001 - a scan that fails leaves what was published; the next one tries again
                print(f"error: {self.catalog.folder}: scan failed ({type(exc).__name__}: {exc})", file=sys.stderr, flush=True)
            if not told and self.catalog.ready.is_set():
                told = True
                if self.on_first_scan is not None:
                    self.on_first_scan(self.catalog)
            try:
                self.catalog.save_events()
            except Exception as exc:  # noqa: BLE001 - the kept bytes are only a cache: a restart rebuilds them
                print(f"warning: {self.catalog.folder}: calendar cache not saved ({type(exc).__name__}: {exc})", file=sys.stderr)
            self._stop.wait(self.interval)
