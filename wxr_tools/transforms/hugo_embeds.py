"""Embeds and captions as Hugo's own shortcodes (``--hugo-shortcodes``).

YouTube and Vimeo players (an ``<iframe>``, an oEmbed block, ``[embed]``, or
a video URL alone on its line, which WordPress embeds) become
``{{< youtube ID >}}`` / ``{{< vimeo ID >}}``; an image with a caption (a
``[caption]`` shortcode or an image block's ``<figcaption>``) becomes
``{{< figure >}}``. The shortcodes are kept as they are through HTML to
Markdown and are not escaped as literal template text.
"""

from __future__ import annotations

import html
import re

from .html_to_markdown import Placeholders

CAPTION_FIGURE = '{{< figure src="{src}" alt="{alt}" caption="{caption}" >}}'
"""The ``[caption]`` shortcode as Hugo's figure (a shortcode map entry)."""

_YOUTUBE = re.compile(r"^https?://(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com/(?:embed/|watch\?(?:[^#]*&)?v=|shorts/)"
                      r"|youtu\.be/)([A-Za-z0-9_-]{6,})", re.I)
_VIMEO = re.compile(r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(\d+)", re.I)
_IFRAME = re.compile(r"<iframe\b[^>]*?\bsrc=([\"'])(.*?)\1[^>]*>\s*</iframe>", re.I | re.S)
_CAPTION = r"(?:\s*<figcaption[^>]*>(?P<caption>.*?)</figcaption>)?"
_EMBED_FIGURE = re.compile(r"<figure>\s*<p>\s*<a href=\"(?P<url>[^\"]+)\">[^<]*</a>\s*</p>" + _CAPTION + r"\s*</figure>",
                           re.I | re.S)
_URL_PARAGRAPH = re.compile(r"<p>\s*(?:<a href=\"(?P<href>[^\"]+)\">[^<]*</a>|(?P<url>https?://[^\s<]+))\s*</p>", re.I)
_URL_LINE = re.compile(r"^[ \t]*(?P<url>https?://[^\s<]+)[ \t]*$", re.M)
_IMAGE_FIGURE = re.compile(r"<figure\b[^>]*>\s*(?:<a\b[^>]*?href=\"(?P<link>[^\"]*)\"[^>]*>\s*)?(?P<img><img\b[^>]*>)"
                           r"\s*(?:</a>\s*)?<figcaption[^>]*>(?P<caption>.*?)</figcaption>\s*</figure>", re.I | re.S)
_ATTR = {name: re.compile(rf"\b{name}=([\"'])(.*?)\1", re.I | re.S) for name in ("src", "alt")}
_TAGS = re.compile(r"<[^>]+>")


def video_shortcode(url: str, title: str = "") -> str | None:
    """``{{< youtube ID >}}`` or ``{{< vimeo ID >}}`` for a player or watch URL; None for other URLs."""
    url = html.unescape(url).strip()
    for name, pattern in (("youtube", _YOUTUBE), ("vimeo", _VIMEO)):
        match = pattern.match(url)
        if match:
            if title:
                return f'{{{{< {name} id="{match.group(1)}" title="{_quoted(title)}" >}}}}'
            return f"{{{{< {name} {match.group(1)} >}}}}"
    return None


def _quoted(text: str) -> str:
    """Text for a shortcode argument: tags dropped, entities decoded, quotes escaped, one line."""
    plain = html.unescape(_TAGS.sub("", text))
    return " ".join(plain.split()).replace('"', "&quot;")


def _attr(name: str, tag: str) -> str:
    match = _ATTR[name].search(tag)
    return html.unescape(match.group(2)) if match else ""


def hugo_embeds(content: str, keep: Placeholders) -> str:
    """``content`` (rendered HTML) with players and captioned images as Hugo shortcodes, kept aside."""
    def own(markup: str) -> str:
        return keep.add_own(markup, block=True)

    def figure_embed(match: re.Match[str]) -> str:
        shortcode = video_shortcode(match.group("url"), match.group("caption") or "")
        return own(shortcode) if shortcode else match.group(0)

    def iframe(match: re.Match[str]) -> str:
        shortcode = video_shortcode(match.group(2))
        return own(shortcode) if shortcode else match.group(0)

    def lone_url(match: re.Match[str]) -> str:
        shortcode = video_shortcode(match.groupdict().get("href") or match.group("url"))
        return own(shortcode) if shortcode else match.group(0)

    def image(match: re.Match[str]) -> str:
        tag = match.group("img")
        parts = [f'src="{_quoted(_attr("src", tag))}"']
        if _attr("alt", tag):
            parts.append(f'alt="{_quoted(_attr("alt", tag))}"')
        parts.append(f'caption="{_quoted(match.group("caption"))}"')
        if match.group("link"):
            parts.append(f'link="{_quoted(match.group("link"))}"')
        return own("{{< figure " + " ".join(parts) + " >}}")

    lowered = content.lower()
    if "<figure" in lowered:
        content = _EMBED_FIGURE.sub(figure_embed, content)
        content = _IMAGE_FIGURE.sub(image, content)
    if "<iframe" in lowered:
        content = _IFRAME.sub(iframe, content)
    if "youtu" in lowered or "vimeo" in lowered:
        content = _URL_LINE.sub(lone_url, _URL_PARAGRAPH.sub(lone_url, content))
    return content
