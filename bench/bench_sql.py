"""Throughput and peak memory of the SQL writers on a WXR export.

    python bench/make_scaled_wxr.py SOURCE.xml /tmp/scaled-100mb.xml --size 100MB
    python bench/bench_sql.py /tmp/scaled-100mb.xml

Modes, each in its own process so peak RSS is its own:

- ``read``: the WXR reader alone (iterate every post): the reader's share.
- ``sqlite``, ``postgres-script``, ``mysql-script``: WXR -> output, end to end.
- ``sqlite-preloaded``: posts read into a list first, then timed alone: the
  writer's own share (its RSS includes the list, so it is not reported).

Wall time and CPU time are both printed: on a shared machine CPU time is the
steadier figure (MB/s and rows/s are from wall time).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODES = ("read", "sqlite", "sqlite-preloaded", "postgres-script", "mysql-script")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process: steadier than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _Preloaded:
    """An export's posts held in a list, so only the writer is timed."""

    def __init__(self, export) -> None:  # type: ignore[no-untyped-def]
        self.info, self.authors, self.terms = export.info, export.authors, export.terms
        self.diagnostics = []
        self._posts = list(export.posts())

    def posts(self):  # type: ignore[no-untyped-def]
        return iter(self._posts)


def run(mode: str, path: str) -> dict[str, float]:
    from wxr_tools import open_wxr
    from wxr_tools.writers.sql import SqlScriptOptions, write_sql, write_sqlite

    export = open_wxr(path)
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        if mode == "read":
            start, cpu = time.perf_counter(), _cpu_seconds()
            rows = sum(1 for _ in export.posts())
            seconds = time.perf_counter() - start
        else:
            source = _Preloaded(export) if mode == "sqlite-preloaded" else export
            start, cpu = time.perf_counter(), _cpu_seconds()
            if mode.startswith("sqlite"):
                report = write_sqlite(source, Path(tmp) / "site.db")
            else:
                report = write_sql(source, Path(tmp) / "site.sql", SqlScriptOptions(dialect=mode.split("-")[0]))
            seconds = time.perf_counter() - start
            rows = sum(report.rows.values())
    return {"seconds": seconds, "cpu": _cpu_seconds() - cpu, "rows": rows, "peak_rss_mb": _peak_rss_mb()}


def measure(mode: str, path: str) -> dict[str, float]:
    output = subprocess.run([sys.executable, __file__, "--run", mode, path], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output)


def main(paths: list[str]) -> None:
    print(f"{'file':<24} {'MB':>7} {'mode':<17} {'wall s':>6} {'cpu s':>6} {'MB/s':>6} {'rows/s':>9} {'peak MB':>8}")
    for path in paths:
        size_mb = Path(path).stat().st_size / 1e6
        for mode in MODES:
            result = measure(mode, path)
            rss = "-" if mode == "sqlite-preloaded" else f"{result['peak_rss_mb']:.1f}"
            unit = "posts/s" if mode == "read" else "rows/s"
            print(f"{Path(path).name:<24} {size_mb:>7.1f} {mode:<17} {result['seconds']:>6.2f} {result['cpu']:>6.2f} "
                  f"{size_mb / result['seconds']:>6.1f} {result['rows'] / result['seconds']:>9.0f} {rss:>8}"
                  + (f"  ({unit})" if mode == "read" else ""))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--run":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        print(json.dumps(run(sys.argv[2], sys.argv[3])))
    else:
        main(sys.argv[1:] or ["bench/data/scaled-100mb.xml"])
