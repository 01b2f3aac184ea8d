"""Site-wide directories core widgets print on every page: category lists, tag clouds, recent comments.

They are never a post's own metadata, but they name terms (with ids and
parents) and tie comment ids to their authors, which old themes leave out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from wxr_tools.model import Term

from .dom import classes, split_url, text_of, with_class, xclass

_CAT_ITEM = re.compile(r"^cat-item-(\d{1,18})(?!\d)$")
_TAG_LINK = re.compile(r"^tag-link-(\d{1,18})(?!\d)$")
_COMMENT_LINK = re.compile(r"#comment-(\d{1,18})(?!\d)$")


@dataclass
class RecentComment:
    """A recent-comments widget entry: which post, which comment id, whose name."""

    post_url: str
    comment_id: int
    author: str


@dataclass
class Directory:
    """Terms and comment ids a page's widgets name."""

    terms: list[Term] = field(default_factory=list)
    recent_comments: list[RecentComment] = field(default_factory=list)


def read_directory(root: HtmlElement) -> Directory:
    """Terms from category-list and tag-cloud widgets; comment ids from recent-comments widgets."""
    directory = Directory()
    for item in with_class(root, "cat-item", tag="li"):
        number = next((int(m.group(1)) for t in classes(item) if (m := _CAT_ITEM.match(t))), None)
        anchor = item.find("a")
        if anchor is None or not anchor.get("href"):
            continue
        slug, parent = _slug_and_parent(anchor.get("href", ""))
        if slug:
            directory.terms.append(Term(taxonomy="category", slug=slug, name=text_of(anchor), id=number,
                                        parent=parent))
    for anchor in with_class(root, "tag-cloud-link", tag="a"):
        number = next((int(m.group(1)) for t in classes(anchor) if (m := _TAG_LINK.match(t))), None)
        slug, _ = _slug_and_parent(anchor.get("href", ""))
        if slug and "/tag/" in anchor.get("href", ""):
            directory.terms.append(Term(taxonomy="post_tag", slug=slug, name=text_of(anchor), id=number))
    for entry in with_class(root, "recentcomments", "wp-block-latest-comments__comment", tag="li"):
        author = entry.xpath(f".//*[{xclass('comment-author-link')} or"
                             f" {xclass('wp-block-latest-comments__comment-author')}]")
        links = [a for a in entry.iter("a") if _COMMENT_LINK.search(a.get("href", ""))]
        if author and links:
            href = links[-1].get("href", "")
            post_url = re.sub(r"comment-page-\d+/?$", "", href.split("#", 1)[0])
            directory.recent_comments.append(RecentComment(
                post_url=post_url, comment_id=int(_COMMENT_LINK.search(href).group(1)),
                author=text_of(author[0])))
    return directory


def _slug_and_parent(href: str) -> tuple[str, str | None]:
    segments = [s for s in split_url(href).path.split("/") if s]
    if len(segments) < 2:
        return "", None
    parent = segments[-2].lower() if len(segments) >= 3 else None
    return segments[-1].lower(), parent
