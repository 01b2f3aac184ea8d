"""The entry content as HTML, with everything that is never content cut out."""

from __future__ import annotations

import copy

from lxml import etree
from lxml.html import HtmlElement

from ...html_tree import take_out
from .boilerplate import (inside, is_appended_block, is_author_box, is_boilerplate_text, is_never_content,
                          is_outside_post)
from .builder import POST_CONTENT_CLASSES, is_builder_chrome, text_modules
from .dom import has_class, inner_html, text_of, xclasses

_BODY_CLASSES: tuple[tuple[str, ...], ...] = (
    POST_CONTENT_CLASSES,
    ("entry-content",),
    ("wp-block-post-content",),
    ("itemprop=articleBody",),
    ("post-content", "entry-body", "post-entry", "article-content", "single-content", "post-body", "postbody",
     "storycontent", "post-text", "td-post-content", "content-inner", "entrytext", "entry-text", "post_content",
     "entry_content", "article-body", "post-content-inner", "text"),
    ("entry",),
)
"""Content classes, most specific group first (``itemprop=articleBody`` is schema.org's, not a class)."""

_EXCERPT_CLASSES = (
    "wp-block-post-excerpt", "entry-excerpt", "post-excerpt", "excerpt", "entry-subtitle", "post-subtitle", "subtitle",
    "intro-text", "standfirst", "sommario", "chapo", "chapeau", "teaser", "article-teaser", "entry-teaser",
    "post-teaser", "lead", "lede", "intro", "post-intro", "entry-intro", "article-intro", "entry-lead", "post-lead",
    "article-lead")
_EXCERPT_XPATH = (
    xclasses("excerpt", "subtitle", "intro", "standfirst", "sommario", "chap", "teaser", "lead", "lede")
    + " | .//*[@itemprop='description'][not(ancestor-or-self::*[@itemprop='author'"
    " or contains(@itemtype, 'Person') or contains(@itemtype, 'Organization')])]"
)
"""Candidates for the excerpt, in document order: class substrings (tokens checked after) and schema.org's
``itemprop=description`` outside a person or organisation."""


def find_body(scope: HtmlElement, title: str = "") -> HtmlElement | None:
    """The element holding the post's content, never a comment's or another post's.

    A content class on a wrapper that holds the post's own title heading next to other
    posts' (an infinite-scroll page appending the next posts) names the whole stream, not
    the content: the content is then looked for in the block around the post's title alone.
    """
    body = _content_element(scope)
    if body is None or not title:
        return body
    own = _own_block(body, title)
    narrowed = _content_element(own) if own is not None else None
    return narrowed if narrowed is not None and _paragraph_text(narrowed, deep=True) >= 200 else body


def _own_block(container: HtmlElement, title: str) -> HtmlElement | None:
    """The largest block of ``container`` around the ``<h1>`` reading ``title`` that holds no other ``<h1>``;
    None when the container holds no other ``<h1>`` (or not the title's)."""
    headings = list(container.iter("h1"))
    own = next((h for h in headings if text_of(h) == title), None)
    if own is None or len(headings) < 2:
        return None
    block = own
    for parent in own.iterancestors():
        if parent is container or sum(1 for _ in parent.iter("h1")) > 1:
            break
        block = parent
    return block if block is not own else None


def _content_element(scope: HtmlElement) -> HtmlElement | None:
    """The content container of ``scope`` by class (most specific first), else its densest block.

    Content classes are tried in order of how specific they are; within one
    class the largest element wins, and a class whose best element holds far
    less text than another candidate (an intro box, a related post) is passed over.
    """
    groups: list[list[tuple[int, HtmlElement]]] = []
    for names in _BODY_CLASSES:
        group = []
        found = scope.xpath(".//*[@itemprop='articleBody']") if names == ("itemprop=articleBody",) else \
            [e for e in scope.xpath(xclasses(*names)) if has_class(e, *names)]
        for element in found:
            if element.tag in ("a", "span", "time", "h1", "h2", "h3", "p", "li"):
                continue
            if not inside(element, is_outside_post, stop=scope.getparent()):
                group.append((len(element.text_content()), element))
        groups.append(group)
    largest = max((size for group in groups for size, _ in group), default=0)
    dense = densest_block(scope)
    dense_size = _paragraph_text(dense) if dense is not None else 0
    for group in groups:
        if group:
            size, element = max(group, key=lambda item: item[0])
            if size >= 0.4 * largest and _paragraph_text(element, deep=True) >= 0.5 * dense_size:
                return element
    modules = text_modules(scope)
    return modules if modules is not None else dense


def densest_block(scope: HtmlElement) -> HtmlElement | None:
    """The block whose own paragraphs hold the most text: the content when no class names it."""
    best, best_size = None, 0
    for element in scope.iter("div", "section", "article", "main", "td"):
        size = _paragraph_text(element)
        if size > best_size and not inside(element, is_outside_post, stop=scope.getparent()):
            best, best_size = element, size
    return best if best_size >= 200 else None


_PARAGRAPHS = ("p", "blockquote", "ul", "ol", "h2", "h3", "h4", "pre")


def _paragraph_text(element: HtmlElement, deep: bool = False) -> int:
    """Text length of the element's paragraphs (direct children, or all when ``deep``)."""
    if deep:
        return sum(len(p.text_content()) for p in element.iter("p", "blockquote", "pre"))
    return sum(len(p.text_content()) for p in element if p.tag in _PARAGRAPHS)


def body_html(body: HtmlElement, title: str = "") -> str:
    """The content's HTML without sharing, likes, related posts, bio boxes, ads, forms, builder chrome,
    inline CSS and scripts, and (in a wrapper wider than the content) the post's own header."""
    body = copy.deepcopy(body)
    _drop_own_header(body, title)
    _drop_appended_tail(body)
    for element in list(body.iter()):
        if element is body or not isinstance(element.tag, str):
            continue
        if element.tag in ("style", "script", "template") or is_never_content(element) or is_author_box(element) \
                or is_builder_chrome(element) or _is_boilerplate_block(element):
            take_out(element)
    return inner_html(body)


def _drop_appended_tail(body: HtmlElement) -> None:
    """Take out what follows the last block plugins append to the content (share buttons, related
    posts, a bio or subscribe box): a short tail after it ("Sign up here") is output of further
    plugins, not the author's text. A long tail (the buttons printed above the post) stays."""
    appended = [e for e in body.iter() if e is not body and isinstance(e.tag, str) and is_appended_block(e)]
    if not appended:
        return
    last = appended[-1]
    tail: list[HtmlElement] = []
    node = last
    while node is not None and node is not body:
        tail.extend(node.itersiblings())
        node = node.getparent()
    after = sum(len(text_of(e)) for e in tail if isinstance(e.tag, str)) + len((last.tail or "").strip())
    if after and after <= min(300, 0.25 * len(text_of(body))):
        last.tail = None
        for element in tail:
            element.tail = None
            if element.getparent() is not None:
                take_out(element)


def _drop_own_header(body: HtmlElement, title: str) -> None:
    """Take out the heading reading the post's title, with the header block around it (byline, date):
    present only when the content element is wider than the content."""
    if not title:
        return
    for heading in body.iter("h1", "h2"):
        if text_of(heading) != title:
            continue
        block = heading
        for parent in heading.iterancestors():
            if parent is body:
                break
            if parent.tag == "header" or any(t in ("entry-header", "post-header", "article-header", "page-header")
                                             for t in (parent.get("class") or "").split()):
                block = parent
                break
        if block.getparent() is not None:
            take_out(block)
        return


def read_excerpt(scope: HtmlElement, body: HtmlElement | None) -> str:
    """The excerpt a theme prints above the content as the post's summary (``the_excerpt()`` as a
    subtitle, standfirst or teaser, the post-excerpt block, schema.org's ``itemprop=description``),
    as text; empty when none is shown."""
    for element in scope.xpath(_EXCERPT_XPATH):
        if element.get("itemprop") != "description" and not has_class(element, *_EXCERPT_CLASSES):
            continue
        if body is not None and (inside(element, lambda e: e is body) or inside(body, lambda e: e is element)):
            continue
        if inside(element, lambda e: is_outside_post(e) or is_author_box(e), stop=scope.getparent()):
            continue
        text = text_of(element) or _paragraph_pushed_out(element)
        if 20 <= len(text) <= 1000:
            return text
    return ""


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _paragraph_pushed_out(heading: HtmlElement) -> str:
    """The text of the paragraph right after an empty heading.

    ``the_excerpt()`` wraps the excerpt in ``<p>``; themes that print it in a heading
    (``<h2 class="subtitle"><p>…</p></h2>``) lose it to libxml2, which closes the heading
    at the ``<p>`` (browsers keep it inside) and leaves the heading empty.
    """
    following = heading.getnext()
    if heading.tag not in _HEADINGS or len(heading) or (heading.tail or "").strip() or following is None:
        return ""
    return text_of(following) if following.tag == "p" else ""


def fallback_html(scope: HtmlElement, title: str) -> str:
    """Content when no content container exists: the post's paragraphs, chrome removed."""
    scope = copy.deepcopy(scope)
    for element in list(scope.iter()):
        if element is scope or not isinstance(element.tag, str):
            continue
        if is_never_content(element) or is_author_box(element) or _is_boilerplate_block(element) \
                or (element.tag in ("h1", "h2") and text_of(element) == title):
            take_out(element)
    paragraphs = [p for p in scope.iter("p", "blockquote", "ul", "ol", "h2", "h3", "h4", "pre", "figure")
                  if not any(a.tag in ("p", "blockquote", "ul", "ol", "pre", "figure") for a in p.iterancestors())]
    return "\n".join(etree.tostring(p, encoding="unicode", method="html", with_tail=False) for p in paragraphs)


def _is_boilerplate_block(element: HtmlElement) -> bool:
    if element.tag not in ("h2", "h3", "h4", "p", "div", "span", "em", "strong"):
        return False
    text = text_of(element)
    return bool(text) and len(text) < 120 and is_boilerplate_text(text)
