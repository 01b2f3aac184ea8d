"""Edits of lxml HTML trees that more than one part of the package makes."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters lxml's HTML parser makes of references such as ``&#1;`` yet refuses to be given back."""


def take_out(element: HtmlElement, leave: str = "") -> None:
    """Take ``element`` out of its tree, leaving ``leave`` and the element's tail text where it was."""
    parent = element.getparent()
    if parent is None:
        return
    text = leave + (element.tail or "")
    if text:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = _NOT_XML_RE.sub("", (previous.tail or "") + text)
        else:
            parent.text = _NOT_XML_RE.sub("", (parent.text or "") + text)
    parent.remove(element)
