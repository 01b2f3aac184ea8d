"""``<!--more-->`` and ``<!--nextpage-->``: where the summary ends and where pages break.

WordPress finds the first ``<!--more-->`` (or ``<!--more Custom label-->``)
with ``/<!--more(.*?)?-->/`` and splits the post there
(``get_the_content()`` in ``wp-includes/post-template.php``); pages are split
on ``<!--nextpage-->`` (``setup_postdata``). Here the page break becomes a
visible thematic break and the more tag a split point.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

MORE_RE = re.compile(r"<!--more(.*?)?-->")
_TAG_RE = re.compile(r"<[^>]*>")
NOTEASER = "<!--noteaser-->"
NEXTPAGE_RE = re.compile(r"\n?<!--nextpage-->\n?")
PAGE_BREAK_HTML = '\n\n<hr class="wp-nextpage" />\n\n'
"""A page break as HTML: a horizontal rule, which Markdown shows as a thematic break."""


class MoreSplit(NamedTuple):
    """Content split at its more tag."""

    before: str
    """The content before the more tag (the summary); the whole content when there is none."""
    whole: str
    """The whole content with the more tag (and ``<!--noteaser-->``) taken out."""
    found: bool
    label: str | None
    """The custom label of ``<!--more label-->`` as text (tags stripped as WordPress does,
    entities decoded: it is shown as text, not HTML), else None."""


def split_more(content: str) -> MoreSplit:
    """Split ``content`` at its first more tag, as WordPress does."""
    m = MORE_RE.search(content)
    if m is None:
        return MoreSplit(content, content, False, None)
    label = html.unescape(_TAG_RE.sub("", m.group(1) or "")).strip() or None
    whole = (content[: m.start()] + content[m.end():]).replace(NOTEASER, "")
    return MoreSplit(content[: m.start()], whole, True, label)


def mark_page_breaks(content: str) -> str:
    """Replace every ``<!--nextpage-->`` by a visible page break."""
    return NEXTPAGE_RE.sub(PAGE_BREAK_HTML, content) if "<!--nextpage-->" in content else content
