"""Repairs for markup WordPress itself prints broken, done on the text before parsing."""

from __future__ import annotations

import re

_BARE_OPEN = re.compile(r"<(script|style|iframe|textarea|title)>", re.IGNORECASE)


def escape_unclosed_raw_tags(text: str) -> tuple[str, int]:
    """Escape bare ``<script>``-like tags that are never closed before the next one opens.

    WordPress prints post titles unescaped in navigation links and headings, so a
    post titled "Embedded <script> and <iframe>" opens a script that swallows the
    rest of every page linking to it. A bare tag (no attributes) whose closing tag
    comes only after another opening of the same tag is such text. Returns the
    repaired text and how many tags were escaped.
    """
    repaired: list[str] = []
    position = 0
    count = 0
    for match in _BARE_OPEN.finditer(text):
        if match.start() < position:
            continue
        name = match.group(1).lower()
        close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, match.end())
        reopen = re.compile(rf"<{name}[\s>]", re.IGNORECASE).search(text, match.end())
        if close is None or (reopen is not None and reopen.start() < close.start()):
            repaired.append(text[position:match.start()])
            repaired.append(f"&lt;{match.group(1)}&gt;")
            position = match.end()
            count += 1
    if not count:
        return text, 0
    repaired.append(text[position:])
    return "".join(repaired), count
