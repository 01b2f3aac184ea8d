"""Edits of lxml HTML trees that more than one part of the package makes."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters lxml's HTML parser makes of references such as ``&#1;`` yet refuses to be given back."""
_CHAR_REF_RE = re.compile(r"&#(?:0*([0-9]{1,8})(?![0-9])|[xX]0*([0-9a-fA-F]{1,8})(?![0-9a-fA-F]));?")
"""A character reference; a number of more digits (no character) is left alone, never parsed."""


def _drop_non_xml_ref(match: re.Match[str]) -> str:
    digits, hex_digits = match.groups()
    code = int(digits) if digits else int(hex_digits, 16)
    return "" if code <= 0x10FFFF and _NOT_XML_RE.match(chr(code)) else match.group(0)


def drop_non_xml(html: str) -> str:
    """``html`` without the characters XML forbids, written out or as references (``&#1;``).

    Nothing shows them, and lxml, which makes text nodes of them when it parses, refuses
    to be given such a text back: any edit of the tree would raise ValueError.
    """
    while True:  # a removal can join a new reference ("&#\x015;", "&#&#1;5;"): until none is left
        cleaned = _NOT_XML_RE.sub("", html)
        if "&#" in cleaned:
            cleaned = _CHAR_REF_RE.sub(_drop_non_xml_ref, cleaned)
        if cleaned == html:
            return html
        html = cleaned


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
