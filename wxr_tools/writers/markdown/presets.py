"""What each static site generator expects: folders, field names, drafts, template escaping.

The conventions come from ``docs/ssg-conventions.md`` (the generators' own
documentation); one :class:`Preset` per target keeps them in one place.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ...errors import UnknownFormatError

FIELD_NAMES: tuple[str, ...] = (
    "title", "date", "updated", "slug", "author", "author_login", "categories", "tags",
    "taxonomies", "summary", "draft", "image", "aliases", "weight", "protected", "id", "type", "url",
)
"""Canonical front matter fields, the names ``--fields`` accepts."""


@dataclass(frozen=True)
class Preset:
    """One generator's layout and front matter conventions."""

    name: str
    posts_dir: str
    """Folder of blog posts, relative to the output folder."""
    pages_dir: str
    """Folder of pages (and the root of their hierarchy)."""
    types_dir: str
    """Folder holding one folder per custom post type."""
    drafts_dir: str | None
    """Folder for draft posts (Jekyll ``_drafts``); None when drafts stay in place."""
    bundles: bool
    """Hugo page bundles: ``<slug>/index.md`` (``_index.md`` for a page with children)."""
    date_prefix: bool
    """Jekyll posts: ``YYYY-MM-DD-slug.md``."""
    posts_url: str
    """URL prefix of posts on the new site."""
    pages_url: str
    field_keys: tuple[tuple[str, str], ...]
    """Canonical field -> key this generator reads; absent fields keep their canonical name."""
    default_fields: tuple[str, ...]
    draft_style: str
    """``draft`` (``draft: true``), ``published`` (``published: false``) or ``eleventy``."""
    escape: str
    """Template syntax to neutralise in content: ``hugo`` or ``none``."""
    required: tuple[str, ...] = ()
    """Fields the generator's schema requires: written (empty) even with no value."""
    params_key: str | None = None
    """Hugo: fields it does not know go under ``params``."""
    native_keys: frozenset[str] = frozenset()
    old_urls: bool = False
    """Posts and pages keep their WordPress URL (the ``url`` field), whatever the folder layout."""
    data_dir: str = "data"
    """Folder of the site data files the layouts read (authors, terms, redirects)."""
    public_dir: str = "static"
    """Folder whose files the generator publishes as they are (``wxr-ids.json``)."""
    verbatim: tuple[tuple[str, object], ...] = ()
    """Front matter telling the generator not to run its template language on the body."""

    def key(self, field: str) -> str:
        """The front matter key this generator uses for a canonical field."""
        return dict(self.field_keys).get(field, field)

    def reserved_page_names(self, post_types: tuple[str, ...]) -> frozenset[str]:
        """Names a top-level page may not take because other content lives there."""
        names = set()
        for folder in (self.posts_dir, self.drafts_dir or "", *(self.type_dir(t) for t in post_types)):
            if self.pages_dir and folder.startswith(self.pages_dir + "/"):
                names.add(folder[len(self.pages_dir) + 1:].split("/", 1)[0])
            elif not self.pages_dir and folder:
                names.add(folder.split("/", 1)[0])
        return frozenset(names)

    def type_dir(self, post_type: str) -> str:
        """Folder of a custom post type (Jekyll collections start with ``_``)."""
        name = ("_" + post_type) if self.name == "jekyll" else post_type
        return f"{self.types_dir}/{name}" if self.types_dir else name


_COMMON = ("title", "date", "updated", "slug", "author", "author_login", "categories", "tags",
           "taxonomies", "summary", "draft", "image", "aliases", "weight", "protected", "id")
_SITE = ("title", "date", "updated", "slug", "url", "author", "author_login", "categories", "tags",
         "taxonomies", "summary", "draft", "image", "aliases", "weight", "protected", "id")
"""The generators' presets also write each post's URL."""

PRESETS: dict[str, Preset] = {
    "hugo": Preset(
        name="hugo", posts_dir="content/posts", pages_dir="content", types_dir="content",
        drafts_dir=None, bundles=True, date_prefix=False, posts_url="/posts/", pages_url="/",
        field_keys=(("updated", "lastmod"), ("image", "images"), ("id", "wordpress_id")),
        default_fields=_SITE, draft_style="draft", escape="hugo",
        native_keys=frozenset({"title", "date", "lastmod", "slug", "url", "categories", "tags", "summary",
                               "draft", "images", "aliases", "weight", "params"}),
        old_urls=True, data_dir="data",
    ),
    "jekyll": Preset(
        name="jekyll", posts_dir="_posts", pages_dir="", types_dir="", drafts_dir="_drafts",
        bundles=False, date_prefix=True, posts_url="/", pages_url="/",
        field_keys=(("updated", "last_modified_at"), ("summary", "excerpt"), ("draft", "published"),
                    ("aliases", "redirect_from"), ("id", "wordpress_id"), ("url", "permalink")),
        default_fields=_SITE, draft_style="published", escape="none",
        old_urls=True, data_dir="_data", public_dir="", verbatim=(("render_with_liquid", False),),
    ),
    "eleventy": Preset(
        name="eleventy", posts_dir="content/blog", pages_dir="content", types_dir="content",
        drafts_dir=None, bundles=False, date_prefix=False, posts_url="/blog/", pages_url="/",
        field_keys=(("summary", "description"), ("id", "wordpress_id"), ("url", "permalink")),
        default_fields=_SITE, draft_style="eleventy", escape="none",
        old_urls=True, data_dir="content/_data", public_dir="public", verbatim=(("templateEngineOverride", "md"),),
    ),
    "astro": Preset(
        name="astro", posts_dir="src/content/blog", pages_dir="src/content/pages",
        types_dir="src/content", drafts_dir=None, bundles=False, date_prefix=False,
        posts_url="/blog/", pages_url="/",
        field_keys=(("date", "pubDate"), ("updated", "updatedDate"), ("summary", "description"),
                    ("image", "heroImage"), ("id", "wordpress_id")),
        default_fields=_SITE, draft_style="draft", escape="none", required=("summary",),
        old_urls=True, data_dir="src/data", public_dir="public",
    ),
    "plain": Preset(
        name="plain", posts_dir="posts", pages_dir="pages", types_dir="", drafts_dir=None,
        bundles=False, date_prefix=False, posts_url="/posts/", pages_url="/pages/",
        field_keys=(), default_fields=_COMMON + ("type",), draft_style="draft", escape="none",
    ),
}


def get_preset(name: str) -> Preset:
    """The preset called ``name``; raises :class:`UnknownFormatError` listing the valid ones."""
    try:
        return PRESETS[name]
    except KeyError:
        raise UnknownFormatError("Markdown preset", name, list(PRESETS), option="preset") from None


_HUGO_SHORTCODE = re.compile(r"\{\{([<%])(.*?)([>%])\}\}", re.DOTALL)
_HUGO_STRAY = re.compile(r"\{\{(?=[<%](?!/\*))")


def escape_templates(text: str, style: str, own: Collection[str] = ()) -> str:
    """Make literal template syntax inert, as the generator documents it.

    Hugo: shortcode calls ``{{< x >}}`` become ``{{</* x */>}}`` (shown literally),
    and a stray ``{{<`` gets a zero-width joiner. Jekyll and Eleventy need nothing
    here: their front matter tells them not to run Liquid or Nunjucks on the file
    (:attr:`Preset.verbatim`), so the text is never rewritten. ``own`` is markup
    written for the generator on purpose (``--shortcode``, ``--hugo-shortcodes``):
    it is left to work.
    """
    if own and style != "none":
        pieces = re.split("(" + "|".join(re.escape(o) for o in sorted(own, key=len, reverse=True)) + ")", text)
        return "".join(piece if i % 2 else _escape_text(piece, style) for i, piece in enumerate(pieces))
    return _escape_text(text, style)


def _escape_text(text: str, style: str) -> str:
    if style == "hugo":
        if "{{" not in text:
            return text
        text = _HUGO_SHORTCODE.sub(lambda m: "{{" + m[1] + "/*" + m[2] + "*/" + m[3] + "}}", text)
        return _HUGO_STRAY.sub("{\u200d{", text)
    return text
