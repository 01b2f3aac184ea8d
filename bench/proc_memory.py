"""Memory of a process tree, read from ``/proc`` (Linux): what the benchmarks report as peak memory.

RSS summed over the tree counts a page shared after ``fork`` once per
process, so it overstates; PSS splits shared pages between their users and
sums to the memory the tree really holds. Both are given.
"""

from __future__ import annotations

import os
import threading


def children(pid: int) -> list[int]:
    """A process's children, from each of its threads' ``children`` file: a few reads per sample,
    not a scan of all of ``/proc``, so sampling takes next to no CPU from the run it measures."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found.extend(int(child) for child in listing.read().split())
    except OSError:
        pass
    return found


def tree_memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB summed over a process and all its descendants."""
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
        todo.extend(children(current))
    return rss, pss


class TreePeak:
    """Samples a process tree's memory in a thread until :meth:`stop`; keeps the peaks (KiB)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.peak_rss_kb = self.peak_pss_kb = 0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while True:
            rss, pss = tree_memory_kb(self.pid)
            self.peak_rss_kb, self.peak_pss_kb = max(self.peak_rss_kb, rss), max(self.peak_pss_kb, pss)
            if self._stop.wait(self._interval):
                return

    def stop(self) -> tuple[float, float]:
        """Stop sampling; the peaks as (RSS, PSS) in MiB."""
        self._stop.set()
        self._thread.join()
        return self.peak_rss_kb / 1024, self.peak_pss_kb / 1024
