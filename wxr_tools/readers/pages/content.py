"""The entry content as HTML, with everything that is never content cut out."""

from __future__ import annotations

import copy

from lxml import etree
from lxml.html import HtmlElement

from .boilerplate import inside, is_author_box, is_boilerplate_text, is_never_content, is_outside_post
from .dom import inner_html, remove, text_of, xclass

_BODY_XPATHS = (
    f".//*[{xclass('entry-content')}]",
    f".//*[{xclass('wp-block-post-content')}]",
    ".//*[@itemprop='articleBody']",
    f".//*[{xclass('post-content')} or {xclass('entry-body')} or {xclass('post-entry')}"
    f" or {xclass('article-content')} or {xclass('single-content')} or {xclass('post-body')}"
    f" or {xclass('postbody')} or {xclass('storycontent')} or {xclass('post-text')}"
    f" or {xclass('td-post-content')} or {xclass('content-inner')} or {xclass('entrytext')}"
    f" or {xclass('entry-text')} or {xclass('post_content')} or {xclass('entry_content')}"
    f" or {xclass('article-body')} or {xclass('post-content-inner')} or {xclass('text')}]",
    f".//*[{xclass('entry')}]",
)


def find_body(scope: HtmlElement) -> HtmlElement | None:
    """The element holding the post's content, never a comment's or another post's.

    Content classes are tried in order of how specific they are; within one
    class the largest element wins, and a class whose best element holds far
    less text than another candidate (an intro box, a related post) is passed over.
    """
    groups: list[list[tuple[int, HtmlElement]]] = []
    for path in _BODY_XPATHS:
        group = []
        for element in scope.xpath(path):
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
    return dense


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


def body_html(body: HtmlElement) -> str:
    """The content's HTML without sharing, likes, related posts, bio boxes, ads or forms."""
    body = copy.deepcopy(body)
    for element in list(body.iter()):
        if element is body or not isinstance(element.tag, str):
            continue
        if is_never_content(element) or is_author_box(element) or _is_boilerplate_block(element):
            remove(element)
    return inner_html(body)


def fallback_html(scope: HtmlElement, title: str) -> str:
    """Content when no content container exists: the post's paragraphs, chrome removed."""
    scope = copy.deepcopy(scope)
    for element in list(scope.iter()):
        if element is scope or not isinstance(element.tag, str):
            continue
        if is_never_content(element) or is_author_box(element) or _is_boilerplate_block(element) \
                or (element.tag in ("h1", "h2") and text_of(element) == title):
            remove(element)
    paragraphs = [p for p in scope.iter("p", "blockquote", "ul", "ol", "h2", "h3", "h4", "pre", "figure")
                  if not any(a.tag in ("p", "blockquote", "ul", "ol", "pre", "figure") for a in p.iterancestors())]
    return "\n".join(etree.tostring(p, encoding="unicode", method="html", with_tail=False) for p in paragraphs)


def _is_boilerplate_block(element: HtmlElement) -> bool:
    if element.tag not in ("h2", "h3", "h4", "p", "div", "span", "em", "strong"):
        return False
    text = text_of(element)
    return bool(text) and len(text) < 120 and is_boilerplate_text(text)
