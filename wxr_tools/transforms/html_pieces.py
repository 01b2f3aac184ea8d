"""A large HTML fragment cut into pieces between its top-level blocks, to convert one at a time.

A post body of 50 MB converted whole makes the converter build a tree of
several hundred MB; cut after the closing tag of a top-level block (a
paragraph, a table, a heading) each piece is a fragment of its own and converts
to what the whole would give there. The cut is only made where the tags say
for certain that no element is open: inside anything unclosed, a comment or
raw text (``<script>``, ``<style>``), nothing is cut, and a fragment with no
such place comes back whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_TAG_RE = re.compile(r"<!--|<[?!]|<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\s[^>]*)?(/?)>")
_COMMENT_END = "-->"
_BOGUS_COMMENT_END = ">"
"""``<?php ...`` and ``<!DOCTYPE`` are comments to an HTML parser, up to the next ``>``."""
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_BLOCKS = frozenset({"p", "div", "table", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
                    "section", "article", "aside", "header", "footer", "nav", "main", "address", "details",
                    "fieldset", "form", "hr"})
"""Elements after whose end, at the top level, a cut changes nothing: a paragraph break is there anyway.
Not lists nor quotes: a list right after another is written with the other delimiter (``1)`` after
``1.``), and quotes one after the other as one, which a cut between them would change."""


def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}\s*>", re.IGNORECASE)


def top_level_pieces(html: str, size: int) -> Iterator[str]:
    """``html`` in pieces of at least ``size`` characters (the last may be shorter), cut only after
    a top-level block ends; ``html`` whole when it is no longer or has no such place."""
    if len(html) <= size:
        yield html
        return
    open_tags: list[str] = []
    start = position = 0
    while (match := _TAG_RE.search(html, position)) is not None:
        position = match.end()
        if match.group(2) is None:  # a comment, or a bogus one
            end_mark = _COMMENT_END if match.group(0) == "<!--" else _BOGUS_COMMENT_END
            end = html.find(end_mark, position)
            if end == -1:
                break  # a comment never closed: nothing after it is certain
            position = end + len(end_mark)
            continue
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if not closing:
            if name in _RAW_TEXT:
                end_tag = _raw_text_end(name).search(html, position)
                if end_tag is None:
                    break
                position = end_tag.end()
                ended = name
            elif name in _VOID or self_closing:
                ended = name
            else:
                open_tags.append(name)
                continue
        elif name in open_tags:  # the element it closes, and any left open inside it
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
            ended = name
        else:
            continue  # a stray end tag: parsers ignore it
        if not open_tags and ended in _BLOCKS and position - start >= size:
            yield html[start:position]
            start = position
    if start < len(html):
        yield html[start:]


__all__ = ["top_level_pieces"]
