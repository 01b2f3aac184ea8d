"""Speed and memory of the page reader on a 1,000-page mirror built from the realwp captures.

Copies the saved pages of ``../shared/realwp/html/<theme>/`` into a temporary
folder over and over, giving each copy its own post id (so the mirror holds
many posts, not four themes' worth), then reads the folder with
``read_pages`` in a fresh process per size and prints pages/s and peak RSS.
Peak RSS at 250 and 1,000 pages shows whether memory grows with the mirror
beyond the model itself.

    python bench/bench_pages_speed.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REALWP = Path(__file__).resolve().parents[1] / ".." / "shared" / "realwp" / "html"
_OWN_ID = re.compile(r"postid-(\d+)|page-id-(\d+)")


def build_mirror(target: Path, pages: int) -> int:
    """Write ``pages`` HTML files into ``target``; returns how many were written."""
    sources = sorted(p for p in REALWP.glob("*/*.html"))
    written = 0
    while written < pages:
        for source in sources:
            if written >= pages:
                break
            text = source.read_text(encoding="utf-8")
            match = _OWN_ID.search(text)
            if match:
                old = match.group(1) or match.group(2)
                new = str(100000 + written)
                text = re.sub(rf"(postid-|page-id-|post-|value='|value=\"|\?p=){old}\b", rf"\g<1>{new}", text)
            folder = target / source.parent.name / f"copy-{written // len(sources)}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / source.name).write_text(text, encoding="utf-8")
            written += 1
    return written


def measure(folder: Path) -> None:
    """Read the folder and print the figures (run in a fresh process)."""
    from wxr_tools.diagnostics import DiagnosticLog
    from wxr_tools.readers.pages import page_files, read_pages

    count = sum(1 for _ in page_files(folder))
    start = time.perf_counter()
    site = read_pages(folder, DiagnosticLog())
    elapsed = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    comments = sum(len(p.comments) for p in site.posts)
    print(f"{count:>6} pages  {elapsed:6.2f} s  {count / elapsed:7.1f} pages/s  peak RSS {peak_mib:6.1f} MiB"
          f"  ({len(site.posts)} posts, {comments} comments)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    if not REALWP.exists():
        sys.exit(f"{REALWP} is missing: the benchmark builds its mirror from the realwp captures")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted({max(args.pages // 4, 1), args.pages}):
            folder = Path(tmp) / f"mirror-{size}"
            build_mirror(folder, size)
            subprocess.run([sys.executable, __file__, "--measure", str(folder)], check=True)


if __name__ == "__main__":
    main()
