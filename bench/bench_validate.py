"""Throughput and peak memory of ``wxr validate`` (all rules), one process per file.

    python bench/bench_validate.py bench/data/scaled-10mb.xml bench/data/scaled-100mb.xml

Make the scaled files with ``bench/make_scaled_wxr.py``. Peak RSS should not
grow with the size of the content, only (slowly) with the number of ids.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(path: str) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from wxr_tools.validate import validate

    start = time.perf_counter()
    result = validate([path])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "findings": len(result.findings),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(paths: list[str]) -> None:
    for path in paths:
        proc = subprocess.run([sys.executable, __file__, "--one", path], capture_output=True, text=True,
                              check=True)
        figures = json.loads(proc.stdout)
        size_mb = os.path.getsize(path) / 1e6
        print(f"{Path(path).name}: {size_mb:.0f} MB in {figures['seconds']:.1f} s = "
              f"{size_mb / figures['seconds']:.1f} MB/s, peak RSS {figures['peak_rss_mb']:.0f} MB, "
              f"{figures['findings']} findings")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(sys.argv[2])))
    else:
        main(sys.argv[1:])
