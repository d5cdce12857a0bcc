"""Benchmarks run on one core: CPU seconds of one process, not of a machine shared with other work."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


@contextlib.contextmanager
def one_core() -> Iterator[None]:
    """Pin this process to one core for the block, then give it back the cores it had."""
    previous = os.sched_getaffinity(0) if hasattr(os, "sched_setaffinity") else None
    pinned = False
    if previous is not None:
        try:
            os.sched_setaffinity(0, {min(previous)})
            pinned = True
        except OSError:
            pass
    try:
        yield
    finally:
        if pinned:
            os.sched_setaffinity(0, previous)
