"""Archive pages (category, tag, taxonomy, author): term names and descriptions, bios, listed posts."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from wxr_tools.model import Author, Term, TermRef

from .authors import find_bio_box, read_bio_box
from .boilerplate import inside, is_outside_post
from .dom import classes, clean_text, inner_html, split_url, text_of, whole_number, xclass
from .listing import ListedPost, read_listed
from .page import Page

_POST_ID = re.compile(r"^post-(\d{1,18})(?!\d)$")
_TITLE_XPATHS = (
    f"//*[{xclass('page-title')} or {xclass('archive-title')} or {xclass('wp-block-query-title')}"
    f" or {xclass('taxonomy-title')} or {xclass('category-title')}]",
    "//main//h1",
)
_DESCRIPTION_XPATHS = (
    f"//*[{xclass('archive-meta')} or {xclass('archive-description')} or {xclass('taxonomy-description')}"
    f" or {xclass('term-description')} or {xclass('wp-block-term-description')}"
    f" or {xclass('category-description')} or {xclass('tag-description')}]",
)


@dataclass
class ArchiveInfo:
    """What an archive page adds: the archived term or author, and the posts it lists."""

    term: Term | None = None
    author: Author | None = None
    listed: list[ListedPost] = field(default_factory=list)


def read_archive(page: Page, beside: int | None = None, known: Collection[int] = ()) -> ArchiveInfo:
    """Term or author of an archive page and the posts it lists (those in ``known`` by id and classes only).

    With ``beside`` (a page without body classes, read as the single post ``beside``), only the
    posts printed next to that post, in the same loop, count as listed.
    """
    info = ArchiveInfo(listed=_listed(page, beside, known))
    tokens = page.body_classes
    if page.kind in ("category", "tag", "taxonomy"):
        info.term = _term(page, tokens)
        if info.term is not None and info.term.taxonomy == "post_tag":
            # category and hierarchical archives also list the posts of child terms
            ref = TermRef(taxonomy=info.term.taxonomy, slug=info.term.slug, name=info.term.name)
            for listed in info.listed:
                if not any(t.taxonomy == ref.taxonomy and t.slug == ref.slug for t in listed.terms):
                    listed.terms.append(ref)
    elif page.kind == "author":
        info.author = _author(page, tokens)
        if info.author is not None:
            for listed in info.listed:
                listed.author = info.author.login
    return info


def _term(page: Page, tokens: list[str]) -> Term | None:
    if page.kind == "taxonomy":
        taxonomy = next((t[4:] for t in tokens if t.startswith("tax-")), "")
        prefix = "term-"
    else:
        taxonomy = "post_tag" if page.kind == "tag" else "category"
        prefix = "tag-" if page.kind == "tag" else "category-"
    values = [t[len(prefix):] for t in tokens if t.startswith(prefix) and len(t) > len(prefix)]
    if not taxonomy or not values:
        return None
    term_id = whole_number(values[-1]) if len(values) > 1 else None
    slug = _slug_from_url(page.url) or values[0]
    name = _archive_name(page)
    description = ""
    for path in _DESCRIPTION_XPATHS:
        found = [e for e in page.root.xpath(path) if not inside(e, is_outside_post)]
        if found:
            description = inner_html(found[0])
            break
    parent = _parent_from_url(page.url) if taxonomy == "category" else None
    return Term(taxonomy=taxonomy, slug=slug, name=name, id=term_id, parent=parent,
                description=_unwrap(description))


def _author(page: Page, tokens: list[str]) -> Author | None:
    values = [t[len("author-"):] for t in tokens if t.startswith("author-")]
    nicename = next((v for v in values if not v.isdigit()), "")
    if not nicename:
        return None
    author_id = next((number for v in values if (number := whole_number(v)) is not None), None)
    name = _archive_name(page)
    bio = None
    box = find_bio_box(page, page.root)
    if box is not None:
        boxed = read_bio_box(box)
        bio = boxed.bio
        name = name or boxed.name
    if bio is None:
        for path in _DESCRIPTION_XPATHS:
            found = [e for e in page.root.xpath(path) if not inside(e, is_outside_post)]
            if found:
                bio = _unwrap(inner_html(found[0])) or None
                break
    return Author(login=nicename, id=author_id, display_name=name, bio=bio)


def _archive_name(page: Page) -> str:
    for path in _TITLE_XPATHS:
        for element in page.root.xpath(path):
            if inside(element, is_outside_post) or "site-title" in classes(element):
                continue
            spans = element.xpath(".//span[not(contains(@class, 'screen-reader-text'))]")
            if spans:
                name = text_of(spans[-1]) if len(spans) == 1 else text_of(spans[0])
                if name:
                    return name
            text = text_of(element)
            if ":" in text:
                return clean_text(text.split(":", 1)[1])
            return ""
    return ""


def _slug_from_url(url: str) -> str:
    segments = [s for s in split_url(url).path.split("/") if s]
    if len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit():
        segments = segments[:-2]
    return segments[-1].lower() if len(segments) >= 2 else ""


def _parent_from_url(url: str) -> str | None:
    segments = [s for s in split_url(url).path.split("/") if s]
    return segments[-2].lower() if len(segments) >= 3 else None


def _unwrap(html: str) -> str:
    single = re.fullmatch(r"<p[^>]*>(.*)</p>", html.strip(), re.DOTALL)
    return single.group(1).strip() if single and "<p" not in single.group(1) else html.strip()


def _listed(page: Page, beside: int | None, known: Collection[int]) -> list[ListedPost]:
    listed: list[ListedPost] = []
    seen: set[int] = {beside} if beside is not None else set()
    # post_class() items, and the id="post-N" items of themes older than post_class(); below the root
    # element, which is the page itself even where it carries a post's classes
    items = page.root.xpath(f"/*//*[{xclass('hentry')} or {xclass('wp-block-post')} or starts-with(@id, 'post-')]")
    if beside is not None:
        loop = next((e.getparent() for e in items if _number(e) == beside), None)
        items = [e for e in items if loop is not None and e.getparent() is loop]
    for element in items:
        number = _number(element)
        if number is None or number in seen or inside(element.getparent(), _is_widget_zone) \
                or any(_number(a) is not None for a in element.iterancestors() if a is not page.root):
            continue
        seen.add(number)
        listed.append(read_listed(page, element, number, full=number not in known))
    return listed


def _number(element: HtmlElement) -> int | None:
    """The post id of a listed item: its ``post-N`` class, else its ``id="post-N"``."""
    for token in classes(element) + [element.get("id", "")]:
        match = _POST_ID.match(token)
        if match:
            return int(match.group(1))
    return None


def _is_widget_zone(element: HtmlElement | None) -> bool:
    if element is None:
        return False
    return any(t.startswith(("widget", "sidebar")) for t in classes(element))
