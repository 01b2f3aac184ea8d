"""Benchmark the content pipeline against html2text alone, on the post bodies of a WXR export.

Usage: python bench/bench_content.py [EXPORT.xml] [--mb 20] [--rounds 3]

Reads every post body of the export (repeated until about ``--mb`` MB of HTML
when the export is smaller), renders each with ``render_post`` and, on the same
bodies, runs plain html2text (body_width=0), the usual Python converter, as the
baseline. Prints bodies per second, MB/s,
how the pipeline's time splits between the HTML-to-Markdown converter it uses
(html-to-markdown) and our own transforms, and the ratio of the two times: CPU
time, best of ``--rounds``. Target: at most 2x html2text alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import html2text
import html_to_markdown

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import wxr_tools  # noqa: E402
from wxr_tools.transforms import ContentIndex, render_post  # noqa: E402

DEFAULT_EXPORT = (Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "wxr" / "theme-test-data"
                  / "themeunittestdata.wordpress.xml")


def _html2text(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.body_width = 0
    return converter.handle(html)


def _time(run: Callable[[], object]) -> float:
    """CPU seconds of this process: steadier than wall time on a machine others share."""
    start = time.process_time()
    run()
    return time.process_time() - start


def _time_inside_converter(run: Callable[[], object]) -> float:
    """CPU seconds ``run`` spends inside html-to-markdown's ``convert`` (one extra, untimed-overall run)."""
    spent = 0.0
    original = html_to_markdown.convert

    def timed(*args: object, **kwargs: object) -> object:
        nonlocal spent
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent += time.process_time() - start

    html_to_markdown.convert = timed  # type: ignore[assignment]
    try:
        run()
    finally:
        html_to_markdown.convert = original
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", nargs="?", default=str(DEFAULT_EXPORT))
    parser.add_argument("--mb", type=float, default=20.0, help="repeat bodies up to this many MB of HTML")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each; the best is reported")
    args = parser.parse_args()

    site = wxr_tools.read_wxr(args.export)
    index = ContentIndex.from_posts(site.posts)
    posts = [p for p in site.posts if p.content and p.type not in ("attachment", "nav_menu_item", "revision")]
    size = sum(len(p.content.encode()) for p in posts)
    if not posts:
        sys.exit(f"{args.export}: no post bodies to render")
    repeat = max(1, round(args.mb * 1_000_000 / size))
    work = posts * repeat
    megabytes = size * repeat / 1_000_000
    print(f"{args.export}: {len(posts)} bodies, {size / 1e6:.2f} MB; x{repeat} = {len(work)} bodies, {megabytes:.1f} MB")

    ours = baseline = float("inf")
    for _ in range(args.rounds):  # interleaved rounds, best of each: the machine may be shared
        ours = min(ours, _time(lambda: [render_post(post, index) for post in work]))
        baseline = min(baseline, _time(lambda: [_html2text(post.content) for post in work]))

    inside = _time_inside_converter(lambda: [render_post(post, index) for post in work])
    for name, seconds in (("pipeline (render_post)", ours), ("html2text alone", baseline)):
        print(f"{name:24} {seconds:7.2f} s  {len(work) / seconds:8.0f} bodies/s  {megabytes / seconds:6.2f} MB/s")
    print(f"of the pipeline, html-to-markdown took {inside:.2f} s and our transforms {ours - inside:.2f} s "
          f"({(ours - inside) / baseline:.2f}x html2text alone)")
    print(f"ratio pipeline / html2text: {ours / baseline:.2f}x (target <= 2.00x)")


if __name__ == "__main__":
    main()
