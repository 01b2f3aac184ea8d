"""Benchmark the content pipeline against html2text alone, on the post bodies of a WXR export.

Usage: python bench/bench_content.py [EXPORT.xml] [--mb 20] [--rounds 3]

Reads every post body of the export (repeated until about ``--mb`` MB of HTML
when the export is smaller), renders each with ``render_post`` and, on the same
bodies, runs plain html2text (body_width=0), the usual Python converter, as the
baseline. Prints bodies per second, MB/s,
how the pipeline's time splits between the HTML-to-Markdown engine it uses
(``--converter``, html-to-markdown by default) and our own transforms, and the
ratio of the two times: CPU time, best of ``--rounds``. Target: at most 2x
html2text alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import html2text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import wxr_tools  # noqa: E402
from wxr_tools.transforms import ContentIndex, ContentOptions, render_post  # noqa: E402
from wxr_tools.transforms import engines  # noqa: E402

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


def _time_inside_converter(converter: str, run: Callable[[], object]) -> float:
    """CPU seconds ``run`` spends inside engine ``converter`` (one extra, untimed-overall run)."""
    spent = 0.0
    original = engines.engine(converter)

    def timed(*args: object, **kwargs: object) -> object:
        nonlocal spent
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent += time.process_time() - start

    engines._engines[converter] = timed  # what html_to_markdown() looks up on each call
    try:
        run()
    finally:
        engines._engines[converter] = original
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", nargs="?", default=str(DEFAULT_EXPORT))
    parser.add_argument("--mb", type=float, default=20.0, help="repeat bodies up to this many MB of HTML")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each; the best is reported")
    parser.add_argument("--converter", choices=engines.CONVERTERS, default=engines.DEFAULT_CONVERTER,
                        help="the pipeline's HTML-to-Markdown engine")
    args = parser.parse_args()
    options = ContentOptions(converter=args.converter)

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
        ours = min(ours, _time(lambda: [render_post(post, index, options) for post in work]))
        baseline = min(baseline, _time(lambda: [_html2text(post.content) for post in work]))

    inside = _time_inside_converter(args.converter, lambda: [render_post(post, index, options) for post in work])
    for name, seconds in (("pipeline (render_post)", ours), ("html2text alone", baseline)):
        print(f"{name:24} {seconds:7.2f} s  {len(work) / seconds:8.0f} bodies/s  {megabytes / seconds:6.2f} MB/s")
    print(f"of the pipeline, {args.converter} took {inside:.2f} s and our transforms {ours - inside:.2f} s "
          f"({(ours - inside) / baseline:.2f}x html2text alone)")
    print(f"ratio pipeline / html2text: {ours / baseline:.2f}x (target <= 2.00x)")


if __name__ == "__main__":
    main()
