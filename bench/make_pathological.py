"""Write pathological WXR exports, each with a normal export of the same size beside it.

    python bench/make_pathological.py /tmp/pathological            # every case
    python bench/make_pathological.py /tmp/pathological --only deep-replies --scale 0.1

Cases (from issue 18): a 50 MB post body; 100,000 comments on one post; a
reply chain 10,000 deep; a page hierarchy 10,000 deep; 100,000 terms;
1,000,000 postmeta rows on one post; one post in 100,000 categories; a 1 MB
title with a 10,000-character slug; 10,000 posts with the same slug. The
normal export (``<case>.normal.xml``) holds ordinary posts (a few paragraphs,
comments, meta and terms each) up to the same number of bytes, so
``bench_pathological.py`` can set one beside the other. ``--scale`` shrinks
every count (for a quick look); nothing here is committed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Pathological</title>
<link>https://example.com</link>
<description>An export made to break things</description>
<language>en</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://example.com</wp:base_site_url>
<wp:base_blog_url>https://example.com</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]></wp:author_login><wp:author_display_name><![CDATA[Admin]]></wp:author_display_name></wp:author>
"""
TAIL = "</channel>\n</rss>\n"
PARAGRAPH = ("<p>Spring came late to the garden this year, and the beans went in a fortnight after the "
             "peas. <a href=\"https://example.com/2020/01/01/seeds/\">Last year's notes</a> say the same.</p>\n")


def item(post_id: int, *, title: str = "", slug: str = "", body: str = "", post_type: str = "post",
         parent: int = 0, extra: str = "") -> str:
    """One ``<item>``; ``extra`` is appended raw (categories, meta, comments)."""
    title = title or f"Post {post_id}"
    slug = slug or f"post-{post_id}"
    return (f"<item><title><![CDATA[{title}]]></title><link>https://example.com/{slug}/</link>"
            f"<dc:creator><![CDATA[admin]]></dc:creator><guid isPermaLink=\"false\">https://example.com/?p={post_id}</guid>"
            f"<description></description><content:encoded><![CDATA[{body}]]></content:encoded>"
            f"<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{post_id}</wp:post_id>"
            f"<wp:post_date><![CDATA[2020-01-01 10:00:00]]></wp:post_date>"
            f"<wp:post_date_gmt><![CDATA[2020-01-01 09:00:00]]></wp:post_date_gmt>"
            f"<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>"
            f"<wp:post_parent>{parent}</wp:post_parent><wp:menu_order>0</wp:menu_order>"
            f"<wp:post_type><![CDATA[{post_type}]]></wp:post_type>{extra}</item>\n")


def comment(comment_id: int, parent: int = 0) -> str:
    return (f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
            f"<wp:comment_author><![CDATA[Reader {comment_id % 97}]]></wp:comment_author>"
            f"<wp:comment_author_email><![CDATA[reader{comment_id % 97}@example.com]]></wp:comment_author_email>"
            f"<wp:comment_date><![CDATA[2020-01-02 10:00:00]]></wp:comment_date>"
            f"<wp:comment_content><![CDATA[Thanks for this, comment {comment_id}.]]></wp:comment_content>"
            f"<wp:comment_approved><![CDATA[1]]></wp:comment_approved>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>")


def meta(key: str, value: str) -> str:
    return f"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key><wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"


def category(slug: str, name: str) -> str:
    return f'<category domain="category" nicename="{slug}"><![CDATA[{name}]]></category>'


def term(term_id: int) -> str:
    return (f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename><![CDATA[topic-{term_id}]]>"
            f"</wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent>"
            f"<wp:cat_name><![CDATA[Topic {term_id}]]></wp:cat_name></wp:category>\n")


Case = Callable[[float], Iterator[str]]
"""Yields the pieces of an export between HEAD and TAIL; takes the scale."""


def big_body(scale: float) -> Iterator[str]:
    size = int(50_000_000 * scale)
    yield item(1, body=PARAGRAPH * (size // len(PARAGRAPH)))


def many_comments(scale: float) -> Iterator[str]:
    count = int(100_000 * scale)
    yield item(1, extra="".join(comment(i) for i in range(1, count + 1)))


def deep_replies(scale: float) -> Iterator[str]:
    depth = int(10_000 * scale)
    yield item(1, extra="".join(comment(i, i - 1) for i in range(1, depth + 1)))


def deep_pages(scale: float) -> Iterator[str]:
    depth = int(10_000 * scale)
    for page in range(1, depth + 1):
        yield item(page, slug=f"level-{page}", post_type="page", parent=page - 1, body=f"<p>Level {page}</p>")


def many_terms(scale: float) -> Iterator[str]:
    for term_id in range(1, int(100_000 * scale) + 1):
        yield term(term_id)
    yield item(1, body=PARAGRAPH, extra=category("topic-1", "Topic 1"))


def many_meta(scale: float) -> Iterator[str]:
    count = int(1_000_000 * scale)
    yield item(1, body=PARAGRAPH, extra="".join(meta(f"key_{i % 1000}", f"value {i}") for i in range(count)))


def many_categories(scale: float) -> Iterator[str]:
    count = int(100_000 * scale)
    yield item(1, body=PARAGRAPH, extra="".join(category(f"topic-{i}", f"Topic {i}") for i in range(count)))


def huge_title(scale: float) -> Iterator[str]:
    title = "A title that goes on " * (int(1_000_000 * scale) // 21)
    slug = "a-slug-that-goes-on-" * (int(10_000 * scale) // 20)
    yield item(1, title=title, slug=slug, body=PARAGRAPH)


def same_slug(scale: float) -> Iterator[str]:
    for post_id in range(1, int(10_000 * scale) + 1):
        yield item(post_id, slug="same", title="Same", body=PARAGRAPH)


CASES: dict[str, Case] = {
    "big-body": big_body, "many-comments": many_comments, "deep-replies": deep_replies,
    "deep-pages": deep_pages, "many-terms": many_terms, "many-meta": many_meta,
    "many-categories": many_categories, "huge-title": huge_title, "same-slug": same_slug,
}


def normal_items() -> Iterator[str]:
    """Ordinary posts without end: paragraphs, two comments, a few meta rows, two terms each."""
    post_id = 0
    while True:
        post_id += 1
        extra = (category("garden", "Garden") + category(f"topic-{post_id % 50}", f"Topic {post_id % 50}")
                 + meta("_edit_last", "1") + meta("views", str(post_id)) + meta("_thumbnail_id", "")
                 + comment(post_id * 2) + comment(post_id * 2 + 1, post_id * 2))
        yield item(post_id, slug=f"post-{post_id}", body=PARAGRAPH * (3 + post_id % 5), extra=extra)


def write(out: IO[str], pieces: Iterator[str], limit: int | None = None) -> int:
    """HEAD, the pieces (up to ``limit`` characters when given) and TAIL; returns the characters written."""
    out.write(HEAD)
    written = len(HEAD) + len(TAIL)
    for piece in pieces:
        if limit is not None and written + len(piece) > limit and written > len(HEAD) + len(TAIL):
            break
        out.write(piece)
        written += len(piece)
    out.write(TAIL)
    return written


def make(case: str, folder: Path, scale: float) -> tuple[Path, Path]:
    """Write ``<case>.xml`` and ``<case>.normal.xml`` (as many bytes, ordinary posts) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path, normal = folder / f"{case}.xml", folder / f"{case}.normal.xml"
    with open(path, "w", encoding="utf-8") as out:
        write(out, CASES[case](scale))
    with open(normal, "w", encoding="utf-8") as out:
        write(out, normal_items(), limit=path.stat().st_size)
    return path, normal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--only", action="append", choices=sorted(CASES), help="one case (repeatable)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count (default 1)")
    args = parser.parse_args()
    for case in args.only or list(CASES):
        path, normal = make(case, args.folder, args.scale)
        print(f"{path}: {path.stat().st_size / 1e6:.1f} MB; {normal.name}: {normal.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
