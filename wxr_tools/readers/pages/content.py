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
    f" or {xclass('td-post-content')} or {xclass('content-inner')} or {xclass('text')}]",
    f".//*[{xclass('entry')}]",
)


def find_body(scope: HtmlElement) -> HtmlElement | None:
    """The element holding the post's content, never a comment's or another post's."""
    for path in _BODY_XPATHS:
        for element in scope.xpath(path):
            if element.tag in ("a", "span", "time", "h1", "h2", "h3"):
                continue
            if not inside(element, is_outside_post, stop=scope.getparent()):
                return element
    return None


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
