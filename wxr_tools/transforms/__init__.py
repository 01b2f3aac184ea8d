"""Content transforms: WordPress markup made plain, as composable steps.

Writers call :func:`render_post` for a post body and :func:`render_comment`
for a comment body. Each step (wpautop, blocks, shortcodes, more/nextpage,
HTML to Markdown) lives in its own module and can be used alone.

TEMPORARY (branch ``markdown``): a minimal stand-in with the agreed interface,
so the Markdown writer runs before the real transforms land. It is deleted
when ``transforms`` is merged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import html2text

from ..model import Post


@dataclass(frozen=True)
class ContentOptions:
    """How post content is rendered (stand-in)."""

    shortcode_map: Mapping[str, str] = field(default_factory=dict)
    unsafe_html: str = "drop"
    html_steps: Sequence[Callable[[str], str]] = ()


class ContentIndex:
    """Site-wide data content rendering needs (stand-in: nothing)."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, post: Post) -> None:
        self.count += 1

    @classmethod
    def from_posts(cls, posts: Iterable[Post]) -> "ContentIndex":
        index = cls()
        for post in posts:
            index.add(post)
        return index


@dataclass
class RenderedPost:
    """A post body as Markdown, with its summary and the shortcodes left unknown."""

    body: str
    summary: str | None
    more_label: str | None
    unknown_shortcodes: Counter[str]


_MORE = re.compile(r"<!--more(.*?)-->")


def _to_markdown(html: str) -> str:
    converter = html2text.HTML2Text(bodywidth=0)
    converter.unicode_snob = True
    return converter.handle(html).strip() + "\n"


def render_post(post: Post, index: ContentIndex, options: ContentOptions = ContentOptions()) -> RenderedPost:
    """Post content to Markdown (stand-in: html2text)."""
    html = post.content.replace("\n\n", "<p>")
    match = _MORE.search(html)
    summary = _to_markdown(html[: match.start()]) if match else None
    label = (match.group(1).strip() or None) if match else None
    html = _MORE.sub("", html)
    for step in options.html_steps:
        html = step(html)
    return RenderedPost(_to_markdown(html), summary, label, Counter())


def render_comment(content: str) -> str:
    """Comment body to Markdown (stand-in: html2text)."""
    return _to_markdown(content.replace("\n\n", "<p>").replace("\n&gt;", "<br>&gt;"))
