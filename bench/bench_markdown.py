"""Wall time, throughput, files written and peak memory of WXR -> Markdown (Hugo preset).

    python bench/bench_markdown.py bench/data/scaled-100mb.xml [--jobs 1 --jobs 0]

Each measurement runs in its own process. Peak memory is of the whole
process tree (the writer and its workers), sampled from ``/proc`` every
50 ms: RSS summed over the tree (counts pages shared after ``fork`` once
per process, so it overstates) and PSS summed (shared pages split between
their users: the memory the tree really holds). ``ru_maxrss`` of the
process plus its largest worker is printed too. The run is the library's
``convert()``, as ``wxr convert`` calls it: ``--jobs`` processes in all, one
pool for reader and writer (``--jobs 0`` = the cores available).

Before each run the file system is settled (:func:`settle_file_system`):
ext4 makes creating files slow for minutes after many were deleted (the
previous run's output), and that cost is the kernel's, not the converter's.
The CPU time of the run (user and system, summed over its processes) is
printed beside the wall time, and so is the time of a fixed pure-Python loop
measured just before and just after the run (:func:`reference_loop_seconds`):
this machine's speed changes by up to 3x within minutes, and the loop says
which speed a figure was measured at (when the two differ, the speed changed
during the run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from proc_memory import TreePeak


def run_one(path: str, jobs: int, out: str) -> None:
    """In the measured process: convert and print the figures it knows as JSON."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from wxr_tools.convert import convert

    start = time.perf_counter()
    cpu_start = os.times()
    report = convert([path], to="markdown", out=out, preset="hugo", jobs=jobs or None)
    seconds = time.perf_counter() - start
    cpu = os.times()
    user = cpu.user + cpu.children_user - cpu_start.user - cpu_start.children_user
    system = cpu.system + cpu.children_system - cpu_start.system - cpu_start.children_system
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "written": report.posts_written, "user": user, "system": system,
                      "maxrss_self_plus_largest_child_mb": (own + workers) / 1024}))


def settle_file_system(path: str) -> str:
    """Write back and drop cached metadata, then read the input back into the page cache.

    After a large delete, ext4's inode allocator checks every recently freed
    inode still in the buffer cache (``recently_deleted()``, seen with
    ``perf``): creating a file took 0.1 to 1.2 ms at random for minutes.
    Dropping clean caches ends that; the input is read again so the run
    does not wait on the disk for it. Returns what was done, for the output.
    """
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as caches:
            caches.write("3\n")
        done = "caches dropped"
    except OSError:
        done = "caches NOT dropped (needs root): file creation may be slowed by earlier deletes"
    with open(path, "rb") as stream:
        while stream.read(1 << 24):
            pass
    return done


def reference_loop_seconds() -> float:
    """CPU time of five million additions in a Python loop (best of two): the machine's speed now."""
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        total = 0
        for i in range(5_000_000):
            total += i
        best = min(best, time.process_time() - start)
    return best


def measure(path: str, jobs: int) -> dict[str, float]:
    out = tempfile.mkdtemp(prefix="bench-md-")
    try:
        command = [sys.executable, __file__, "--child", path, "--jobs", str(jobs), "--out", out + "/site"]
        settled = settle_file_system(path)
        before = reference_loop_seconds()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        memory = TreePeak(process.pid)
        output = process.communicate()[0]
        result = json.loads(output)
        result["tree_rss_peak_mb"], result["tree_pss_peak_mb"] = memory.stop()
        result["settled"] = settled
        result["reference_loop_seconds"] = (before, reference_loop_seconds())
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--jobs", type=int, action="append", help="0 = the cores available (default: 1 and 0)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.inputs[0], args.jobs[0], args.out)
        return
    for path in args.inputs:
        megabytes = os.path.getsize(path) / 1e6
        for jobs in args.jobs or [1, 0]:
            r = measure(path, jobs)
            label = f"jobs={jobs or len(os.sched_getaffinity(0))}"
            print(f"{Path(path).name} ({megabytes:.0f} MB) hugo {label}: {r['seconds']:.1f} s, "
                  f"{megabytes / r['seconds']:.1f} MB/s, {r['written']} files, "
                  f"CPU {r['user']:.1f} s user + {r['system']:.1f} s system, "
                  f"peak tree RSS {r['tree_rss_peak_mb']:.0f} MB (PSS {r['tree_pss_peak_mb']:.0f} MB; "
                  f"ru_maxrss self+largest worker {r['maxrss_self_plus_largest_child_mb']:.0f} MB); {r['settled']}; "
                  "reference loop {:.2f} s before, {:.2f} s after".format(*r["reference_loop_seconds"]))


if __name__ == "__main__":
    main()
