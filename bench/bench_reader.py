"""Throughput and peak memory of WXR -> JSON Lines, against raw iterparse.

    python bench/bench_reader.py bench/data/scaled-100mb.xml [more.xml ...]

Each measurement runs in its own process so its memory is its own. Peak
memory is shown two ways: RSS (with workers, the main process's peak plus
each worker's, which counts shared pages more than once) and PSS sampled
over the whole process tree (shared pages counted once). The baseline
is lxml ``iterparse`` over the same file pulling the text of every item's
children (no model, no output): what parsing alone costs here. ``jsonl-1``
reads in one process, ``jsonl`` on all cores (the default).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from proc_memory import TreePeak


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_baseline(path: str) -> dict[str, float]:
    from lxml import etree

    start = time.perf_counter()
    items = 0
    for _, element in etree.iterparse(path, tag="item", huge_tree=True):
        fields = {child.tag: child.text for child in element}
        items += bool(fields)
        element.clear(keep_tail=True)
        while element.getprevious() is not None:
            del element.getparent()[0]
    return {"seconds": time.perf_counter() - start, "items": items, "peak_rss_mb": _peak_rss_mb(),
            "peak_pss_mb": _peak_rss_mb()}


def run_jsonl(path: str, jobs: int | None) -> dict[str, float]:
    from wxr_tools import open_wxr
    from wxr_tools.workers import available_cores, run_pool
    from wxr_tools.writers.json import write_jsonl

    memory = TreePeak(os.getpid(), interval=0.02)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink, run_pool(jobs) as pool:
        items = write_jsonl(open_wxr(path, pool=pool), sink).posts_written
    seconds = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    workers = (jobs or available_cores()) - 1
    return {"seconds": seconds, "items": items, "peak_pss_mb": memory.stop()[1],
            "peak_rss_mb": _peak_rss_mb() + (workers * children if children else 0)}


ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
"""Each mode runs this many times, in fresh processes; the fastest round is reported (the machine is shared)."""


def measure(mode: str, path: str) -> dict[str, float]:
    rounds = []
    for _ in range(ROUNDS):
        output = subprocess.run([sys.executable, __file__, "--run", mode, path], check=True,
                                capture_output=True, text=True).stdout
        rounds.append(json.loads(output))
    return min(rounds, key=lambda result: result["seconds"])


def main(paths: list[str]) -> None:
    print(f"{'file':<28} {'MB':>8} {'mode':<10} {'s':>7} {'MB/s':>7} {'items/s':>9} {'RSS MB':>8} {'PSS MB':>8}")
    for path in paths:
        size_mb = Path(path).stat().st_size / 1e6
        results = {mode: measure(mode, path) for mode in ("baseline", "jsonl-1", "jsonl")}
        for mode, result in results.items():
            print(f"{Path(path).name:<28} {size_mb:>8.1f} {mode:<10} {result['seconds']:>7.2f} "
                  f"{size_mb / result['seconds']:>7.1f} {result['items'] / result['seconds']:>9.0f} "
                  f"{result['peak_rss_mb']:>8.1f} {result['peak_pss_mb']:>8.1f}")
        for mode in ("jsonl-1", "jsonl"):
            ratio = results[mode]["seconds"] / results["baseline"]["seconds"]
            print(f"{'':<28} {mode}: {ratio:.2f}x the raw iterparse time")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--run":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        mode, target = sys.argv[2], sys.argv[3]
        if mode == "baseline":
            print(json.dumps(run_baseline(target)))
        else:  # jsonl-1: one process; jsonl: all cores (the default)
            print(json.dumps(run_jsonl(target, 1 if mode == "jsonl-1" else None)))
    else:
        main(sys.argv[1:] or ["bench/data/scaled-100mb.xml"])
