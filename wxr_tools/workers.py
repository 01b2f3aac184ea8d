"""One pool of worker processes per run, shared by the steps that use one.

The parallel WXR reader and the Markdown writer both fan work out to
processes. Opened one inside the other (the writer reads its source while
its pool is open), they share the outer pool instead of forking a second
set of workers: fewer processes alive at once, and all of them forked while
the run's process is still small.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_open: list[tuple[int, int, ProcessPoolExecutor]] = []
"""The pools open in this process, innermost last: (owner pid, workers, pool)."""


def _started() -> None:
    """A task that does nothing: submitted so the pool starts its workers now."""


@contextmanager
def worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of at least ``jobs`` processes: one already open in this process if there is one,
    else a new one, started at once and shut down on exit."""
    for owner, workers, pool in reversed(_open):
        if owner == os.getpid() and workers >= jobs:
            yield pool
            return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method))
    entry = (os.getpid(), jobs, pool)
    _open.append(entry)
    try:
        for future in [pool.submit(_started) for _ in range(jobs)]:
            future.result()
        yield pool
    finally:
        _open.remove(entry)
        pool.shutdown(cancel_futures=True)
