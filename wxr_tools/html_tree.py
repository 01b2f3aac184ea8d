"""Edits of lxml HTML trees that more than one part of the package makes."""

from __future__ import annotations

from lxml.html import HtmlElement


def take_out(element: HtmlElement, leave: str = "") -> None:
    """Take ``element`` out of its tree, leaving ``leave`` and the element's tail text where it was."""
    parent = element.getparent()
    if parent is None:
        return
    text = leave + (element.tail or "")
    if text:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
    parent.remove(element)
