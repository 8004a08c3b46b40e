"""Parsing many claim files across the cores.

Composing YAML is most of a cold run's time and each file is independent, so files the cache
does not hold are parsed by worker processes (forked, so they start in milliseconds with the
tracker already imported). Workers get (path, bytes) and send back records and diagnostics;
nothing else crosses, so results are the same as a sequential run's, in the same order.

It pays only for enough work: below ``MIN_PARALLEL_BYTES`` of YAML, or on one core, or where
``fork`` is missing (Windows, macOS defaults), files are parsed in this process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextvars import ContextVar

from tracker.corpus.parsing import FileResult, records_of

# Measured at 100,000 claims (84 MB in 1,002 files) on 2 cores: workers halve the parse time.
# Below about 2 MB (some 2,500 claims, a quarter of a second of parsing) starting and feeding
# workers costs more than it saves.
MIN_PARALLEL_BYTES = 2_000_000
MAX_JOBS = 8
# How many processes may parse files (the command line's --jobs); None: decide by the work.
JOBS: ContextVar[int | None] = ContextVar("jobs", default=None)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def worker_count(work: list[tuple[str, bytes]], jobs: int | None) -> int:
    """How many processes to parse ``work`` with: 1 means this process alone."""
    wanted = jobs if jobs is not None else JOBS.get()
    if wanted is None:
        if sum(len(data) for _, data in work) < MIN_PARALLEL_BYTES:
            return 1
        wanted = min(available_cores(), MAX_JOBS)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, len(work)))


def _records_of_item(item: tuple[str, bytes]) -> FileResult:
    return records_of(*item)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with(parent: int) -> None:
    """Make this worker end when its parent does, however it ends (SIGKILL included):
    otherwise it would wait forever on a queue nobody feeds. Linux's PR_SET_PDEATHSIG; where
    there is none, a thread that watches the parent goes."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start_worker(parent: int) -> None:
    _die_with(parent)
    # Ctrl-C reaches the whole process group: the parent stops the run (exit 130) and the
    # pool; workers printing their own tracebacks would bury the message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def records_in_parallel(work: list[tuple[str, bytes]], jobs: int | None) -> Iterator[FileResult]:
    """The result of :func:`records_of` for each (path, bytes), in order."""
    workers = worker_count(work, jobs)
    if workers == 1:
        yield from (records_of(path, data) for path, data in work)
        return
    chunk = max(1, len(work) // (workers * 8))
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    ) as pool:
        yield from pool.map(_records_of_item, work, chunksize=chunk)
