"""The content pipeline writers call: a post body or a comment body to Markdown.

For a post, in WordPress's order (``the_content`` filters): blocks rendered
(content with blocks); page breaks marked; ``[code]`` taken out before
anything can touch the code; wpautop (classic content only, as WordPress
does); ``shortcode_unautop`` and shortcodes rendered (unknown
ones kept verbatim and counted); the caller's HTML steps; then the split at
``<!--more-->`` and HTML to Markdown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import WxrToolsError
from ..model import Post
from .block_render import render_blocks
from .blocks import has_blocks, parse_blocks
from .comments import render_comment
from .engines import CONVERTERS, DEFAULT_CONVERTER
from .html_to_markdown import RESERVED_RE, UNSAFE_POLICIES, Placeholders, html_to_markdown
from .hugo_embeds import CAPTION_FIGURE, hugo_embeds
from .index import Attachment, ContentIndex
from .more import mark_page_breaks, split_more
from .shortcode_renderers import ShortcodeRenderer
from .wpautop import wpautop


class ContentOptionsError(WxrToolsError, ValueError):
    """A content option with a value the pipeline does not know."""


@dataclass(frozen=True)
class ContentOptions:
    """How content is rendered.

    ``shortcode_map``: shortcode name -> the target site's own markup, written
    to the Markdown as is, e.g. ``{"caption": '{{< figure src="{src}"
    caption="{caption}" >}}'}``. Placeholders: every attribute by name
    (positional ones as ``{0}``, ``{1}``), ``{content}``; ``caption`` adds
    ``{src}``, ``{alt}``, ``{title}``, ``{link}``, ``{caption}``; ``gallery``
    adds ``{ids}``; ``embed``/``audio``/``video``/``youtube`` add ``{src}``.
    Unknown placeholders are empty; ``"`` in values becomes ``&quot;``.

    ``unsafe_html``: ``drop`` (default: ``<script>``, ``<style>``,
    ``<noscript>`` and forms removed), ``link`` (a script's ``src`` or a
    form's ``action`` becomes a link, the rest is removed) or ``keep`` (raw
    HTML, iframes included). Except with ``keep``, an ``<iframe>`` becomes a
    link to its ``src``.

    ``html_steps``: extra HTML-to-HTML steps run just before HTML to Markdown
    (the Markdown writer's link rewriter, say).

    ``converter``: the HTML-to-Markdown engine, ``html-to-markdown`` (default,
    compiled) or ``html2text`` (pure Python); see :mod:`.engines`.
    """

    shortcode_map: Mapping[str, str] = field(default_factory=dict)
    unsafe_html: str = "drop"
    html_steps: Sequence[Callable[[str], str]] = ()
    converter: str = DEFAULT_CONVERTER
    hugo_shortcodes: bool = False
    """YouTube and Vimeo players as ``{{< youtube >}}``/``{{< vimeo >}}``, captioned images as
    ``{{< figure >}}`` (see :mod:`.hugo_embeds`); the shortcode map still wins for ``[caption]``."""

    def __post_init__(self) -> None:
        if self.unsafe_html not in UNSAFE_POLICIES:
            raise ContentOptionsError(
                f"unknown unsafe HTML policy {self.unsafe_html!r}; choose one of {', '.join(UNSAFE_POLICIES)}")
        if self.converter not in CONVERTERS:
            raise ContentOptionsError(
                f"unknown converter {self.converter!r}; choose one of {', '.join(CONVERTERS)}")


@dataclass
class RenderedPost:
    """A post body as Markdown, with what the writer reports about it."""

    body: str
    """Markdown of the whole body (summary included), with a visible page break for ``<!--nextpage-->``."""
    summary: str | None
    """Markdown of the part before ``<!--more-->``, or None when there is no more tag."""
    more_label: str | None
    """Custom label of ``<!--more label-->``, else None."""
    unknown_shortcodes: Counter[str]
    own_markup: frozenset[str] = frozenset()
    """The target's shortcodes this rendering wrote (``escape_templates`` leaves them working)."""


def render_html(post: Post, index: ContentIndex, options: ContentOptions,
                placeholders: Placeholders, unknown: Counter[str]) -> str:
    """The HTML WordPress would show for ``post``'s body (placeholders standing for kept Markdown)."""
    shortcode_map = options.shortcode_map
    if options.hugo_shortcodes:
        shortcode_map = {"caption": CAPTION_FIGURE, "wp_caption": CAPTION_FIGURE, **shortcode_map}
    shortcodes = ShortcodeRenderer(index, post.id, placeholders, shortcode_map, unknown)
    content = post.content
    classic = not has_blocks(content)
    if not classic:
        content = render_blocks(parse_blocks(content), index.reusable_blocks)
    content = mark_page_breaks(RESERVED_RE.sub("", content))
    content = shortcodes.extract_code(content)
    if classic:
        content = wpautop(content)
    content = shortcodes.render(content)
    return hugo_embeds(content, placeholders) if options.hugo_shortcodes else content


MORE_MARK = "\ufdd3"
"""Stands for the more tag through HTML to Markdown, so the body is converted once and split after."""


def render_post(post: Post, index: ContentIndex, options: ContentOptions = ContentOptions()) -> RenderedPost:
    """Render ``post``'s body to Markdown: WordPress markup made plain."""
    placeholders = Placeholders()
    unknown: Counter[str] = Counter()
    html = render_html(post, index, options, placeholders, unknown)
    split = split_more(html)
    if split.found:
        html = split.before + MORE_MARK + split.whole[len(split.before):]
    markdown = html_to_markdown(html, options.unsafe_html, options.html_steps, placeholders,
                                engine=options.converter)
    summary = None
    if split.found:
        before, _, after = markdown.partition(MORE_MARK)
        summary = before.rstrip() + "\n" if before.strip() else ""
        markdown = _join_at_more(before, after)
    return RenderedPost(body=markdown, summary=summary, more_label=split.label, unknown_shortcodes=unknown,
                        own_markup=frozenset(placeholders.own))


def _join_at_more(before: str, after: str) -> str:
    """The body around the removed more mark: a paragraph of its own leaves no blank lines behind."""
    if before.endswith("\n\n") and after.startswith("\n"):
        after = after.lstrip("\n")
    body = before + after
    return body.strip("\n") + "\n" if body.strip() else ""


__all__ = [
    "Attachment",
    "ContentIndex",
    "ContentOptions",
    "ContentOptionsError",
    "RenderedPost",
    "html_to_markdown",
    "render_comment",
    "render_html",
    "render_post",
]
