"""Finding the post on a page: its WordPress id, its type and the element that holds it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from .boilerplate import inside, is_comment_zone, is_outside_post, is_related
from .dom import classes, whole_number, xclass
from .page import Page

_POST_CLASS = re.compile(r"^post-(\d{1,18})(?!\d)$")
_SHORTLINK = re.compile(r"[?&]p=(\d{1,18})(?!\d)")
_REST = re.compile(r"/wp-json/wp/v2/([a-z0-9_-]+)/(\d{1,18})(?!\d)")
_MOVE_FORM = re.compile(r"addComment\.moveForm\([^)]*?[\"'](\d{1,18})(?!\d)[\"']\s*\)")
_LIKES = re.compile(r"like-post-wrapper-\d+-(\d{1,18})(?!\d)-")
_RELATED_ORIGIN = re.compile(r"relatedposts_origin=(\d{1,18})(?!\d)")
_REST_TYPES = {"posts": "post", "pages": "page", "media": "attachment"}
_WRAPPER_TAGS = {"article", "div", "section", "li", "main", "body"}
_SKIP_POST_CLASSES = {"post", "page", "hentry", "sticky", "has-post-thumbnail", "entry", "wp-block-post"}


@dataclass
class Located:
    """Where the post is: its id (None if no signal gave one), type and container."""

    post_id: int | None
    post_type: str
    scope: HtmlElement
    wrapper: HtmlElement | None
    """The element carrying ``post_class()`` (``post-N``), when the theme prints one."""


def locate_post(page: Page) -> Located:
    """Pick the post a single page shows, by id first, as block themes need."""
    post_id, post_type = _id_and_type(page)
    wrapper = _wrapper(page, post_id)
    if wrapper is not None and post_id is None:
        post_id = _id_from_classes(wrapper)
    if wrapper is not None:
        post_type = _type_from_classes(wrapper) or post_type
    scope = wrapper if wrapper is not None else _main(page)
    return Located(post_id=post_id, post_type=post_type, scope=scope, wrapper=wrapper)


def _id_and_type(page: Page) -> tuple[int | None, str]:
    post_type = _type_from_body(page)
    if page.numbered_id:
        kind, number = page.numbered_id
        if kind == "page-id":
            post_type = "page"
        elif kind == "attachmentid":
            post_type = "attachment"
        return number, post_type
    for href in page.links.get("alternate:application/json", []):
        match = _REST.search(href)
        if match:
            return int(match.group(2)), _REST_TYPES.get(match.group(1), match.group(1))
    for href in page.links.get("shortlink", []):
        match = _SHORTLINK.search(href)
        if match:
            return int(match.group(1)), post_type
    root = page.root
    for element in root.xpath("//input[@name='comment_post_ID'][@value]"):
        if (number := whole_number(element.get("value", ""))) is not None:
            return number, post_type
    for element in root.xpath("//a[@data-postid]"):
        if (number := whole_number(element.get("data-postid", ""))) is not None:
            return number, post_type
    for element in root.xpath("//a[@onclick]"):
        match = _MOVE_FORM.search(element.get("onclick", ""))
        if match:
            return int(match.group(1)), post_type
    for element in root.xpath("//*[starts-with(@id, 'like-post-wrapper-')]"):
        match = _LIKES.match(element.get("id", ""))
        if match:
            return int(match.group(1)), post_type
    for element in root.xpath("//a[contains(@href, 'relatedposts_origin=')]"):
        match = _RELATED_ORIGIN.search(element.get("href", ""))
        if match:
            return int(match.group(1)), post_type
    return None, post_type


def _type_from_body(page: Page) -> str:
    for token in page.body_classes:
        if token.startswith("single-") and not token.startswith(("single-format-", "single-paged-", "single-author")):
            return token[len("single-"):]
    if "page" in page.body_classes:
        return "page"
    return "post"


def _wrapper(page: Page, post_id: int | None) -> HtmlElement | None:
    root = page.root
    if post_id is not None:
        found = root.xpath(f"//*[@id='post-{post_id}']") + root.xpath(f"//*[{xclass(f'post-{post_id}')}]")
        for element in found:
            if element.tag in _WRAPPER_TAGS and not inside(element, lambda e: is_comment_zone(e) or is_related(e)):
                return element
        return None
    candidates = root.xpath(f"//*[{xclass('hentry')} or {xclass('type-post')} or {xclass('type-page')}"
                            " or starts-with(@id, 'post-')]")
    for element in candidates:
        if _id_from_classes(element) is None and not re.match(r"^post-\d+$", element.get("id", "")):
            continue
        if not inside(element, is_outside_post):
            return element
    return None


def _id_from_classes(element: HtmlElement) -> int | None:
    for token in classes(element) + [element.get("id", "")]:
        match = _POST_CLASS.match(token)
        if match:
            return int(match.group(1))
    return None


def _type_from_classes(element: HtmlElement) -> str | None:
    for token in classes(element):
        if token.startswith("type-"):
            return token[len("type-"):]
    return None


def _main(page: Page) -> HtmlElement:
    root = page.root
    for path in ("//main", "//*[@role='main']", "//*[@id='content']", "//*[@id='main']", "//body"):
        found = root.xpath(path)
        if found:
            return found[0]
    return root


def post_classes(located: Located) -> list[str]:
    """The ``post_class()`` tokens of the post's wrapper (empty in block themes)."""
    if located.wrapper is None:
        return []
    return post_class_tokens(located.wrapper)


def post_class_tokens(element: HtmlElement) -> list[str]:
    """An element's ``post_class()`` tokens that say something about the post (terms, type, status)."""
    return [t for t in classes(element) if t not in _SKIP_POST_CLASSES]
