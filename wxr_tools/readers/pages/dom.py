"""Small lxml helpers shared by the extractors: class tests, text, inner HTML."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import SplitResult, urlsplit

from lxml import etree
from lxml.html import HtmlElement

_SPACE = re.compile(r"\s+")


def split_url(href: str) -> SplitResult:
    """``urlsplit(href)``, or nothing when it is no URL at all (``urlsplit`` raises on a bad IPv6 host)."""
    try:
        return urlsplit(href)
    except ValueError:
        return urlsplit("")


_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def whole_number(text: str) -> int | None:
    """``text`` as an id or a count: ASCII digits that a 64-bit integer holds, else None.

    ``str.isdigit()`` is true of "²", which ``int()`` refuses, and of 5,000 digits, which ``int()``
    refuses too (and no database column would hold).
    """
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def classes(element: HtmlElement) -> list[str]:
    """The element's class tokens, in order."""
    return (element.get("class") or "").split()


def has_class(element: HtmlElement, *names: str) -> bool:
    """Whether the element carries any of the given class tokens."""
    tokens = classes(element)
    return any(name in tokens for name in names)


def with_class(root: HtmlElement, *names: str, tag: str = "*") -> list[HtmlElement]:
    """Elements under ``root`` carrying any of the class tokens (a cheap substring XPath, then exact tokens)."""
    test = " or ".join(f"contains(@class, '{name}')" for name in names)
    wanted = set(names)
    return [e for e in root.xpath(f"//{tag}[{test}]") if wanted & set(e.get("class", "").split())]


def xclasses(*names: str) -> str:
    """XPath selecting descendants that carry one of the class tokens: a cheap substring test that
    lxml runs in C (check exact tokens with :func:`has_class` on what it returns)."""
    return ".//*[" + " or ".join(f"contains(@class, '{name}')" for name in names) + "]"


def xclass(name: str) -> str:
    """XPath predicate body matching one class token."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def clean_text(text: str) -> str:
    """Collapse whitespace runs to one space and trim."""
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()


def text_of(element: HtmlElement | None, skip: Callable[[HtmlElement], bool] | None = None) -> str:
    """Visible text of an element (scripts, styles and ``skip``-ped subtrees left out)."""
    if element is None:
        return ""
    parts: list[str] = []
    _collect_text(element, parts, skip, top=True)
    return clean_text("".join(parts))


def short_line(element: HtmlElement, limit: int = 120) -> str:
    """The element's text when it is a short line (a meta line, a byline), else "": elements with
    many children are passed over without collecting their text."""
    if len(element) > 12:
        return ""
    text = text_of(element)
    return text if len(text) <= limit else ""


def _collect_text(element: HtmlElement, parts: list[str],
                  skip: Callable[[HtmlElement], bool] | None, top: bool) -> None:
    tag = element.tag
    if not isinstance(tag, str) or tag in ("script", "style", "noscript", "template"):
        pass
    elif not top and skip is not None and skip(element):
        pass
    else:
        if tag == "br":
            parts.append(" ")
        if element.text:
            parts.append(element.text)
        for child in element:
            _collect_text(child, parts, skip, top=False)
        if tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "td", "br"):
            parts.append(" ")
    if not top and element.tail:
        parts.append(element.tail)


def inner_html(element: HtmlElement) -> str:
    """The element's content as HTML, without its own tag or HTML comments."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child, etree._Comment):
            parts.append(child.tail or "")
        else:
            parts.append(etree.tostring(child, encoding="unicode", method="html", with_tail=True))
    return "".join(parts).strip()


def ancestors(element: HtmlElement) -> Iterator[HtmlElement]:
    """The element's ancestors, nearest first."""
    parent = element.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()
