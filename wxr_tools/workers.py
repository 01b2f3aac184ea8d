"""One pool of worker processes per run, made by ``convert()`` and handed to reader and writer.

``jobs`` bounds every process of the run, this one included: a pool for
``jobs`` N has N - 1 workers, and this process works beside them. Workers die
with their parent, whatever kills it: on Linux the kernel sends them SIGKILL
when it exits (``PR_SET_PDEATHSIG``); elsewhere a thread in each worker
watches for the parent to go. A run that stops early (an error, SIGINT, the
SIGTERM the command line turns into an exception) kills its workers at once,
so none writes anything after it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from .errors import WxrToolsError

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), not every core of the machine."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _die_with(parent: int) -> None:
    """Worker initializer: end this worker when ``parent`` ends; leave SIGINT to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's Ctrl-C: the parent stops the run
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _started() -> None:
    """A task that does nothing: submitted so the pool starts its workers now, while this process is small."""


class WorkerPool:
    """The run's worker processes (``jobs`` - 1 of them); use it as a context manager."""

    def __init__(self, jobs: int) -> None:
        if jobs < 2:
            raise WxrToolsError(f"a worker pool needs jobs of 2 or more, not {jobs}",
                                hint="with --jobs 1 the run uses no worker process")
        self.jobs = jobs
        self.workers = jobs - 1
        """Processes besides this one."""
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(method),
                                             initializer=_die_with, initargs=(os.getpid(),))
        for future in [self._executor.submit(_started) for _ in range(self.workers)]:
            future.result()

    def submit(self, function: Callable[..., T], /, *args: Any) -> Future[T]:
        """Run ``function(*args)`` in a worker."""
        return self._executor.submit(function, *args)

    def map_ordered(self, function: Callable[..., T], arguments: Iterable[tuple[Any, ...]], *,
                    ahead: int, here: Callable[..., T] | None = None) -> Iterator[T]:
        """``function(*args)`` for each tuple of ``arguments``, results in their order.

        At most ``ahead`` tasks are under way. The workers run them, and
        whenever the oldest is not done yet this process runs the next one
        itself (``here``, if given, is the same work done without pickling),
        so the run's ``jobs`` processes all work. Tasks not started when the
        caller stops reading are cancelled.
        """
        here = here or function
        pending: deque[tuple[bool, Future[T]]] = deque()  # (run here, its future), in order
        tasks = iter(arguments)
        exhausted = False

        def keep_workers_busy() -> None:
            """Top the pool up to ``ahead`` unfinished tasks: a worker must never wait for this process."""
            nonlocal exhausted
            busy = sum(1 for here_, future in pending if not here_ and not future.done())
            while not exhausted and busy < ahead and len(pending) < 4 * ahead:
                args = next(tasks, None)
                if args is None:
                    exhausted = True
                else:
                    pending.append((False, self.submit(function, *args)))
                    busy += 1

        try:
            while True:
                keep_workers_busy()
                if not pending:
                    return
                while not exhausted and not pending[0][1].done() and len(pending) < 4 * ahead:
                    args = next(tasks, None)  # rather than wait: do the next task here
                    if args is None:
                        exhausted = True
                        break
                    done: Future[T] = Future()
                    done.set_result(here(*args))
                    pending.append((True, done))
                    keep_workers_busy()
                yield pending.popleft()[1].result()
        finally:
            for _, future in pending:
                future.cancel()

    def pids(self) -> list[int]:
        """The workers' process ids."""
        return [process.pid for process in self._processes()]

    def _processes(self) -> list[multiprocessing.process.BaseProcess]:
        return list((getattr(self._executor, "_processes", None) or {}).values())

    def kill(self) -> None:
        """Stop every worker now (SIGKILL): a run that stops early leaves none working."""
        processes = self._processes()
        for process in processes:
            if process.is_alive():
                process.kill()
        for process in processes:
            process.join(5)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def kill_on_error(self, kind: type[BaseException] | None, *_: object) -> None:
        """An exit callback (``ExitStack.push``): kill the workers when the block ends by an exception.

        A writer pushes it after making its partial output, so the workers are
        gone before that output is removed, and cannot write it again.
        """
        if kind is not None:
            self.kill()

    def close(self) -> None:
        """Wait for the work given and end the workers."""
        self._executor.shutdown(wait=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.kill()


SMALL_INPUT_BYTES = 1 << 20
"""Inputs smaller than this are done in one process: starting workers would cost more than they save."""


@contextmanager
def run_pool(jobs: int | None = None, input_bytes: int | None = None,
             worth_it: int | None = None) -> Iterator[WorkerPool | None]:
    """The pool of a run of ``jobs`` processes in all (None or 0: the cores available), or None for one.

    With ``input_bytes`` known and under ``worth_it`` (default :data:`SMALL_INPUT_BYTES`), no
    worker is started.
    """
    worth_it = SMALL_INPUT_BYTES if worth_it is None else worth_it
    if jobs is not None and jobs < 0:
        raise WxrToolsError(f"the number of processes must be 0 (every available core) or more, not {jobs}",
                            option="jobs", hint="leave it out or give 0 for every core, 1 for this process alone")
    jobs = jobs or available_cores()
    if jobs == 1 or (input_bytes is not None and input_bytes < worth_it):
        yield None
        return
    with WorkerPool(jobs) as pool:
        yield pool
