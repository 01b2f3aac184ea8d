"""A post as the home page or an archive lists it: title, link, date, author, terms and its text.

A mirror often holds posts only in listings (the single page was never saved). Each listed item
carries ``post_class()`` (``post-N``, ``category-x``, ``tag-y``) and the same template tags a single
page prints, so it is read with the same extractors, limited to the item.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import timezone

from lxml.html import HtmlElement
from slugify import slugify

from wxr_tools.model import Author, Post, Term, TermRef

from ...html_tree import take_out
from .authors import read_item_byline
from .boilerplate import inside, is_outside_post
from .content import body_html, find_body
from .dates import date_from_url
from .dom import classes, has_class, text_of, xclass
from .locate import post_class_tokens
from .page import Page
from .post import item_date, permalink, slug_of
from .terms import read_terms

_TITLES = (
    f".//*[{xclass('entry-title')} or {xclass('wp-block-post-title')} or {xclass('post-title')}]",
    ".//*[self::h1 or self::h2 or self::h3][.//a[@href]]",
)
_EXCERPTS = (
    f".//*[{xclass('entry-summary')} or {xclass('wp-block-post-excerpt')} or {xclass('post-excerpt')}"
    f" or {xclass('entry-excerpt')} or {xclass('excerpt')} or {xclass('post-summary')}]"
)
_MORE_LINK = (
    f".//a[{xclass('more-link')} or {xclass('read-more')} or {xclass('wp-block-post-excerpt__more-link')}"
    " or contains(@href, '#more-')]"
    f" | .//*[{xclass('wp-block-post-excerpt__more-text')} or {xclass('more-link-container')}]"
)


@dataclass
class ListedPost:
    """A post as a listing shows it."""

    id: int
    terms: list[TermRef] = field(default_factory=list)
    author: str = ""
    """Nicename of the author, when the page is that author's archive."""
    post: Post | None = None
    """The post read from the item (title, link, date, author, terms, text); None when the item shows no title."""
    authors: list[Author] = field(default_factory=list)
    """The author its byline names."""
    linked_terms: list[Term] = field(default_factory=list)
    """The terms its links name (with names and parents, for the site's term list)."""


def read_listed(page: Page, item: HtmlElement, number: int, full: bool = True) -> ListedPost:
    """One listed item: its id, the terms its classes name, and (when ``full``) the post it shows."""
    tokens = classes(item)
    terms = [TermRef(taxonomy="category", slug=t[9:]) for t in tokens if t.startswith("category-")]
    terms += [TermRef(taxonomy="post_tag", slug=t[4:]) for t in tokens if t.startswith("tag-")]
    listed = ListedPost(id=number, terms=terms)
    if not full:
        return listed
    item = _detached(item)
    title_element = _title_element(item)
    if title_element is None:
        return listed
    title = text_of(title_element)
    url = permalink(_link(title_element))
    body = find_body(item, title)
    excerpt = None
    if body is None or _is_excerpt(body):
        excerpt = body if body is not None else next(
            (e for e in item.xpath(_EXCERPTS) if not inside(e, is_outside_post, stop=item)), None)
        body = None
    teaser = body is not None and bool(body.xpath(_MORE_LINK))
    shown = body if body is not None else excerpt
    content = body_html(_without_more_link(shown), title) if shown is not None else ""
    date = item_date(item, body) or date_from_url(url)
    byline = read_item_byline(item)
    post_classes = post_class_tokens(item)
    linked, class_only = read_terms(page, item, body, post_classes, page_fallbacks=False)
    refs = [TermRef(taxonomy=t.taxonomy, slug=t.slug or slugify(t.name), name=t.name) for t in linked]
    refs += [ref for ref in class_only if not any(r.taxonomy == ref.taxonomy and r.slug == ref.slug for r in refs)]
    listed.linked_terms = [Term(taxonomy=t.taxonomy, slug=t.slug or slugify(t.name), name=t.name, parent=t.parent)
                           for t in linked]
    login = byline.nicename or (slugify(byline.name) if byline.name else "")
    if login:
        listed.authors.append(Author(login=login, display_name=byline.name))
    listed.post = Post(
        id=number, type=next((t[5:] for t in tokens if t.startswith("type-")), "post"),
        status=next((t[7:] for t in tokens if t.startswith("status-")), "publish"),
        title=title, url=url, slug=slug_of(url), author=login, date=date,
        date_gmt=date.astimezone(timezone.utc) if date is not None and date.tzinfo is not None else None,
        content=content, excerpt=text_of(excerpt) if excerpt is not None else "",
        excerpt_only=excerpt is not None or teaser, sticky="sticky" in tokens, terms=refs,
    )
    return listed


def _detached(item: HtmlElement) -> HtmlElement:
    """A copy of the item to read on its own: the query loop's ``wp-block-post`` class, which marks
    other posts' items on a single page, is no zone here."""
    item = copy.deepcopy(item)
    item.set("class", " ".join(t for t in classes(item) if t != "wp-block-post"))
    return item


def _title_element(item: HtmlElement) -> HtmlElement | None:
    for path in _TITLES:
        for element in item.xpath(path):
            if text_of(element) and not inside(element, is_outside_post, stop=item):
                return element
    return None


def _link(title: HtmlElement) -> str:
    anchors = [title] if title.tag == "a" else list(title.iter("a"))
    return next((a.get("href", "") for a in anchors if a.get("href")), "")


def _is_excerpt(element: HtmlElement) -> bool:
    return has_class(element, "entry-summary", "wp-block-post-excerpt", "post-excerpt", "entry-excerpt", "excerpt")


def _without_more_link(element: HtmlElement) -> HtmlElement:
    """The text without its "Continue reading" link: a listing's link to the post, not the post's words."""
    element = copy.deepcopy(element)
    for link in element.xpath(_MORE_LINK):
        if link.getparent() is not None:
            take_out(link)
    return element

