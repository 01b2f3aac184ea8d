"""Renderers for WordPress's own shortcodes (and the common plugin ones) to plain HTML.

``caption``/``wp_caption`` give a figure with its caption; ``gallery`` the
images of ``ids=`` (or the post's attached images) with their captions;
``embed``, ``audio``, ``video``, ``youtube`` a link to the media;
``playlist`` a list of links; ``code``/``sourcecode`` fenced code in its
language. A shortcode named in a *shortcode map* becomes the target site's
own markup instead (see :func:`fill_template`).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .html_to_markdown import Placeholders, fence
from .index import Attachment, ContentIndex
from .shortcodes import Shortcode, candidate_tags, do_shortcode, shortcode_unautop

_CAPTION_SPLIT_RE = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.I | re.S)
_IMG_ATTR_RE = {name: re.compile(r"<img\s[^>]*?\b" + name + r"\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
                for name in ("src", "alt", "title")}
_HREF_RE = re.compile(r"<a\s[^>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_PLACEHOLDER_RE = re.compile(r"\{([\w-]+)\}")
_SHORTCODE_NAME_RE = re.compile(r"^[A-Za-z][\w-]*$", re.ASCII)
_ENCODED_CODE_RE = re.compile(r"&(?:lt|gt|amp|quot|#0?39|#\d+);")
AUDIO_EXTENSIONS = ("mp3", "m4a", "ogg", "wav", "wma", "flac", "aac", "opus")
VIDEO_EXTENSIONS = ("mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")
CODE_TAGS = ("code", "sourcecode")


def _attr(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text)
    return html.unescape(m.group(1) if m.group(1) is not None else m.group(2)) if m else ""


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{name}`` placeholders from ``values``; unknown names give ``""``, ``"`` becomes ``&quot;``.

    Placeholders: every attribute of the shortcode by name (positional ones as
    ``{0}``, ``{1}``...), ``{content}`` (the enclosed text), and for
    ``caption``: ``{src}``, ``{alt}``, ``{title}``, ``{link}``, ``{caption}``;
    for ``gallery``: ``{ids}``; for media (``embed``, ``audio``, ``video``,
    ``youtube``): ``{src}``.
    """
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), "").replace('"', "&quot;"), template)


def _link(url: str, label: str = "") -> str:
    return f'<p><a href="{html.escape(url)}">{html.escape(label or url)}</a></p>'


def looks_like_shortcode(text: str, tag: str) -> bool:
    """Whether bracketed text a site did not register reads as a shortcode rather than prose: it is
    closed (``[/tag]``), self-closing, has ``name=value`` attributes, or a plugin's name (``su_box``,
    ``contact-form-7``). ``[simple boat]`` or ``[sic]`` read as prose."""
    opening = text[: text.find("]") + 1]
    return (text.endswith(f"[/{tag}]") or "=" in opening or opening[:-1].rstrip().endswith("/")
            or "_" in tag or "-" in tag)


@dataclass
class ShortcodeRenderer:
    """Renders the shortcodes of one post: its id, the site's index, the map and the counts."""

    index: ContentIndex
    post_id: int
    keep: Placeholders
    shortcode_map: Mapping[str, str] = field(default_factory=dict)
    unknown: Counter[str] = field(default_factory=Counter)
    _attached: dict[int, list[Attachment]] = field(default_factory=dict, init=False, repr=False)
    """Images attached to a post, by post id, once read (every gallery of a post shows them)."""

    @functools.cached_property
    def handlers(self) -> dict[str, Callable[[Shortcode], str]]:
        """Tag name -> renderer: the built-in ones, overridden by the shortcode map."""
        builtin: dict[str, Callable[[Shortcode], str]] = {
            "caption": self.caption, "wp_caption": self.caption, "gallery": self.gallery,
            "embed": self.embed, "audio": self.media, "video": self.media, "youtube": self.youtube,
            "playlist": self.playlist,
        }
        return {**builtin, **{tag: self.mapped for tag in self.shortcode_map}}

    # --- the passes -------------------------------------------------------------------

    def extract_code(self, content: str) -> str:
        """Turn ``[code]``/``[sourcecode]`` into fenced code before wpautop can touch the code."""
        if "[" not in content:
            return content
        handlers = {tag: (self.mapped if tag in self.shortcode_map else self.code) for tag in CODE_TAGS}
        return do_shortcode(content, handlers)

    def render(self, content: str) -> str:
        """Unwrap shortcode paragraphs, render known shortcodes, keep and count unknown ones."""
        if "[" not in content:
            return content
        content = shortcode_unautop(content, tuple(self.handlers))
        return self.do_shortcode(content)

    def do_shortcode(self, content: str) -> str:
        """``do_shortcode`` with this post's handlers; unknown shortcodes kept verbatim and counted."""
        unknown = [t for t in candidate_tags(content) if t not in self.handlers and _SHORTCODE_NAME_RE.match(t)]
        return do_shortcode(content, self.handlers, verbatim=self._verbatim, verbatim_tags=unknown)

    def _verbatim(self, text: str, tag: str) -> str:
        if looks_like_shortcode(text, tag):  # "[simple boat]" in prose is kept, not reported
            self.unknown[tag] += 1
        return self.keep.add(text)

    # --- renderers --------------------------------------------------------------------

    def _values(self, sc: Shortcode, **derived: str) -> dict[str, str]:
        values = {str(key): value for key, value in sc.atts.items()}
        values["content"] = sc.content
        values.update(derived)
        return values

    def mapped(self, sc: Shortcode) -> str:
        """The target site's own markup for ``sc``, from the shortcode map."""
        derived: dict[str, str] = {}
        if sc.tag in ("caption", "wp_caption"):
            image, caption = self._split_caption(sc)
            derived = {"src": _attr(_IMG_ATTR_RE["src"], image), "alt": _attr(_IMG_ATTR_RE["alt"], image),
                       "title": _attr(_IMG_ATTR_RE["title"], image), "link": _attr(_HREF_RE, image),
                       "caption": caption}
        elif sc.tag == "gallery":
            derived = {"ids": ",".join(str(a.id) for a in self._gallery_items(sc))}
        elif sc.tag in ("embed", "audio", "video", "youtube"):
            derived = {"src": self._media_url(sc)}
        return self.keep.add_own(fill_template(self.shortcode_map[sc.tag], self._values(sc, **derived)))

    @staticmethod
    def _split_caption(sc: Shortcode) -> tuple[str, str]:
        """The image markup and the caption text, as ``img_caption_shortcode()`` finds them."""
        if "caption" in sc.atts:
            return sc.content, sc.atts["caption"]
        m = _CAPTION_SPLIT_RE.match(sc.content)
        return (m.group(1), m.group(2).strip()) if m else (sc.content, "")

    def caption(self, sc: Shortcode) -> str:
        """A figure: the image (shortcodes inside it rendered) and its caption."""
        image, caption = self._split_caption(sc)
        figcaption = f"<figcaption>{caption}</figcaption>" if caption.strip() else ""
        return f"<figure><p>{self.do_shortcode(image)}</p>{figcaption}</figure>"

    def _gallery_items(self, sc: Shortcode) -> list[Attachment]:
        ids = sc.get("ids") or sc.get("include")
        if ids:
            wanted = [int(i) for i in re.findall(r"\d+", ids)]
            found = (self.index.attachments.get(i) for i in wanted)
            return [a for a in found if a is not None]
        parent = int(sc.get("id")) if sc.get("id").isdigit() else self.post_id
        if parent not in self._attached:  # a post's galleries all show its attachments: read them once
            self._attached[parent] = self.index.attached_images(parent)
        excluded = {int(i) for i in re.findall(r"\d+", sc.get("exclude"))}
        return [a for a in self._attached[parent] if a.id not in excluded]

    def gallery(self, sc: Shortcode) -> str:
        """Each image of the gallery with its alt text and caption."""
        parts = []
        for item in self._gallery_items(sc):
            image = f'<img src="{html.escape(item.url)}" alt="{html.escape(item.alt)}" />'
            if sc.get("link") == "file":
                image = f'<a href="{html.escape(item.url)}">{image}</a>'
            caption = f"<figcaption>{item.caption}</figcaption>" if item.caption.strip() else ""
            parts.append(f"<figure><p>{image}</p>{caption}</figure>")
        return f'<div class="gallery">{"".join(parts)}</div>' if parts else ""

    def _media_url(self, sc: Shortcode) -> str:
        for name in ("src", "url", *AUDIO_EXTENSIONS, *VIDEO_EXTENSIONS):
            if sc.get(name):
                return sc.get(name)
        first = sc.positional(0).lstrip("=") or sc.content.strip()
        if sc.tag == "youtube" and first and "/" not in first:
            return f"https://www.youtube.com/watch?v={first}"
        if not first and sc.tag in ("audio", "video"):
            extensions = AUDIO_EXTENSIONS if sc.tag == "audio" else VIDEO_EXTENSIONS
            media = [a for a in (self.index.attachments[i] for i in self.index.children.get(self.post_id, ()))
                     if a.url.rsplit(".", 1)[-1].lower() in extensions]
            return media[0].url if media else ""
        return first

    def embed(self, sc: Shortcode) -> str:
        """A link to the embedded URL."""
        url = self._media_url(sc)
        return _link(url) if url else ""

    media = embed
    youtube = embed

    def playlist(self, sc: Shortcode) -> str:
        """A list of links to the playlist's tracks."""
        extensions = VIDEO_EXTENSIONS if sc.get("type") == "video" else AUDIO_EXTENSIONS
        ids = sc.get("ids") or sc.get("include")
        if ids:
            items = [self.index.attachments[int(i)] for i in re.findall(r"\d+", ids)
                     if int(i) in self.index.attachments]
        else:
            items = [a for a in (self.index.attachments[i] for i in self.index.children.get(self.post_id, ()))
                     if a.url.rsplit(".", 1)[-1].lower() in extensions]
        links = "".join(f'<li><a href="{html.escape(a.url)}">{html.escape(a.title or a.url)}</a></li>' for a in items)
        return f"<ul>{links}</ul>" if links else ""

    def code(self, sc: Shortcode) -> str:
        """Fenced code in the shortcode's language; code typed in the visual editor is decoded."""
        language = sc.get("language") or sc.get("lang") or sc.positional(0)
        code = sc.content
        if "<" not in code and _ENCODED_CODE_RE.search(code):
            code = html.unescape(code)
        code = code.removeprefix("\n").removeprefix("\r\n")
        return "\n\n<p>" + self.keep.add(fence(code, language.lower()), block=True) + "</p>\n\n"
