"""Wall time, throughput, files written and peak memory of WXR -> Markdown (Hugo preset).

    python bench/bench_markdown.py bench/data/scaled-100mb.xml [--jobs 1 --jobs 0] [--reader-jobs N]

Each measurement runs in its own process. Peak memory is of the whole
process tree (the writer and its workers), sampled from ``/proc`` every
50 ms: RSS summed over the tree (counts pages shared after ``fork`` once
per process, so it overstates) and PSS summed (shared pages split between
their users: the memory the tree really holds). ``ru_maxrss`` of the
process plus its largest worker is printed too. ``--jobs 0`` = all cores;
the reader gets the same number of processes unless ``--reader-jobs`` says.
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


def _children(pid: int) -> list[int]:
    """A process's children, from each of its threads' ``children`` file: a few reads per sample,
    not a scan of all of ``/proc``, so the sampler takes next to no CPU from the run it measures."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                found.extend(int(child) for child in children.read().split())
    except OSError:
        pass
    return found


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB summed over a process and its descendants."""
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
        todo.extend(_children(current))
    return rss, pss


def run_one(path: str, jobs: int, reader_jobs: int | None, out: str) -> None:
    """In the measured process: convert and print the figures it knows as JSON."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from wxr_tools import open_wxr
    from wxr_tools.writers.markdown import MarkdownOptions, write_markdown

    start = time.perf_counter()
    source = open_wxr(path, jobs=(jobs if reader_jobs is None else reader_jobs) or None)
    report = write_markdown(source, Path(out), MarkdownOptions(preset="hugo", jobs=jobs or None))
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "written": report.written,
                      "maxrss_self_plus_largest_child_mb": (own + workers) / 1024}))


def measure(path: str, jobs: int, reader_jobs: int | None) -> dict[str, float]:
    out = tempfile.mkdtemp(prefix="bench-md-")
    try:
        command = [sys.executable, __file__, "--child", path, "--jobs", str(jobs), "--out", out]
        if reader_jobs is not None:
            command += ["--reader-jobs", str(reader_jobs)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        peak_rss = peak_pss = 0
        while process.poll() is None:
            rss, pss = _tree_memory_kb(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.05)
        result = json.loads(process.stdout.read())
    finally:
        shutil.rmtree(out, ignore_errors=True)
    result["tree_rss_peak_mb"] = peak_rss / 1024
    result["tree_pss_peak_mb"] = peak_pss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--jobs", type=int, action="append", help="0 = all cores (default: 1 and 0)")
    parser.add_argument("--reader-jobs", type=int, help="reader processes (default: as --jobs; 0 = all cores)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.inputs[0], args.jobs[0], args.reader_jobs, args.out)
        return
    for path in args.inputs:
        megabytes = os.path.getsize(path) / 1e6
        for jobs in args.jobs or [1, 0]:
            r = measure(path, jobs, args.reader_jobs)
            label = f"jobs={jobs or os.cpu_count()}"
            if args.reader_jobs is not None:
                label += f" reader-jobs={args.reader_jobs or os.cpu_count()}"
            print(f"{Path(path).name} ({megabytes:.0f} MB) hugo {label}: {r['seconds']:.1f} s, "
                  f"{megabytes / r['seconds']:.1f} MB/s, {r['written']} files, "
                  f"peak tree RSS {r['tree_rss_peak_mb']:.0f} MB (PSS {r['tree_pss_peak_mb']:.0f} MB; "
                  f"ru_maxrss self+largest worker {r['maxrss_self_plus_largest_child_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
