"""Time and peak memory of ``wxr convert`` on pathological exports, beside normal ones of the same size.

    python bench/make_pathological.py /tmp/pathological
    python bench/bench_pathological.py /tmp/pathological [--only deep-pages] [--to json]

Every case and its normal twin go through ``--to json``, ``--to markdown`` and
``--to sqlite``, each in its own process tree, measured from ``/proc`` (peak
PSS, see ``proc_memory.py``). A run fails when it exits with an error code
or prints a traceback (a ``RecursionError``, say). For Markdown it checks the
file names: at most 255 bytes per path component, and one file per post
(no post overwrote another). Time and memory are printed as ratios to the
normal export: within 3x is the goal (issue 18). CPU time is the steadier
figure on a shared machine; the ratio is taken from it.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_pathological import CASES  # noqa: E402
from proc_memory import TreePeak  # noqa: E402

FORMATS = ("json", "markdown", "sqlite")
_ITEM = re.compile(rb"<item>")


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    error: str = ""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _is_archive_page(path: Path) -> bool:
    """A page the scaffold writes for a term or an author (its front matter says ``archive``), not a post."""
    with open(path, "rb") as stream:
        head = stream.read(4096)
    return b"\narchive:" in head or b"\narchive =" in head


def _check_names(folder: Path, items: int) -> str:
    """Why the Markdown output's names are wrong, or ''."""
    too_long = [p for p in folder.rglob("*") if any(len(part.encode()) > 255 for part in p.relative_to(folder).parts)]
    if too_long:
        return f"{len(too_long)} path components over 255 bytes"
    posts = sum(1 for p in folder.rglob("*.md") if p.name != "README.md" and not _is_archive_page(p))
    if posts != items:
        return f"{posts} Markdown files for {items} items"
    return ""


def convert(export: Path, fmt: str, work: Path) -> Run:
    out = work / ("site.json" if fmt == "json" else "site.db" if fmt == "sqlite" else "site")
    command = [sys.executable, "-c", "from wxr_tools.cli import main; main()", "convert", str(export), "--to", fmt, "--out", str(out),
               "--quiet"]
    cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = TreePeak(process.pid)
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    _, pss = peak.stop()
    run = Run(seconds, _children_cpu() - cpu, pss)
    text = stderr.decode("utf-8", "replace")
    if process.returncode not in (0, 1) or "Traceback" in text or "RecursionError" in text:
        run.error = f"exit {process.returncode}: {text.strip().splitlines()[-1] if text.strip() else ''}"[:160]
    elif fmt == "markdown":
        with open(export, "rb") as stream:
            items = len(_ITEM.findall(stream.read()))
        run.error = _check_names(out, items)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--only", action="append", choices=sorted(CASES))
    parser.add_argument("--to", action="append", choices=FORMATS)
    args = parser.parse_args()
    print(f"{'case':<16} {'format':<9} {'MB':>6} {'s':>7} {'cpu s':>7} {'MiB':>7} | {'normal cpu s':>12}"
          f" {'MiB':>7} | {'cpu x':>6} {'mem x':>6}  result")
    failures = 0
    for case in args.only or list(CASES):
        export, normal = args.folder / f"{case}.xml", args.folder / f"{case}.normal.xml"
        size = export.stat().st_size / 1e6
        for fmt in args.to or FORMATS:
            with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
                odd = convert(export, fmt, Path(tmp))
            with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
                base = convert(normal, fmt, Path(tmp))
            cpu_ratio = odd.cpu / max(base.cpu, 0.01)
            mem_ratio = odd.peak_mb / max(base.peak_mb, 1)
            within = cpu_ratio <= 3 and mem_ratio <= 3
            result = odd.error or base.error or ("ok" if within else "over 3x")
            failures += result != "ok"
            print(f"{case:<16} {fmt:<9} {size:>6.1f} {odd.seconds:>7.2f} {odd.cpu:>7.2f} {odd.peak_mb:>7.0f} |"
                  f" {base.cpu:>12.2f} {base.peak_mb:>7.0f} | {cpu_ratio:>6.2f} {mem_ratio:>6.2f}  {result}",
                  flush=True)
    print(f"{failures} run(s) failed or over 3x")


if __name__ == "__main__":
    main()
