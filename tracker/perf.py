"""Performance helpers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small, acyclic objects
    (YAML nodes, records, graph entries). Python would otherwise rescan every live object
    many times over: measured on 100,000 claims, loading took 13 s with it and 5.7 s
    without. The collector's previous state is restored afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
