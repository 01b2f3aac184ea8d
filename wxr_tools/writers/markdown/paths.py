"""Where each post goes: file path and new URL per preset, page hierarchy, custom types.

Posts get their place in export order while the index is built; pages (and
any item with a parent) wait until every item is seen, because a parent may
come after its children in the export. Names are unique per folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ...transforms.links import key_to_url, own_url_key
from .presets import Preset
from .slugs import UniqueNames

URLS = "\x02urls"
"""The :class:`UniqueNames` folder of every URL given out (pages and redirects): one owner each."""
RESERVED_URLS = ("/",)
"""The home page: no post, page or redirect may take it."""


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def site_path(url: str) -> str | None:
    """The path an old URL of the site answered at: decoded, ``//`` made ``/``; None for ``?p=N`` forms
    and for paths with control characters (no WordPress URL has them; the post gets a URL made for it).

    Decoded once here and nowhere else, so non-ASCII paths are spelled one way
    in every URL, alias and redirect written.
    """
    key = own_url_key(url) if url else None
    if key is None or key.startswith("?id=") or _CONTROL.search(key):
        return None
    return re.sub("/{2,}", "/", key_to_url(key))


@dataclass(frozen=True, slots=True)
class Location:
    """A written post's file, its comments sidecar, and its URL on the new site."""

    path: str
    """The Markdown file, relative to the output folder, ``/``-separated."""
    url: str
    """Its URL on the new site: the old one (from ``<link>``) where the preset keeps old URLs."""
    draft: bool = False
    name: str = ""
    """The post's claimed name in its folder (its ``slug``)."""

    def encode(self) -> str:
        """One string for storage in the index."""
        return f"{self.path}\x1f{self.url}\x1f{int(self.draft)}\x1f{self.name}"

    @classmethod
    def decode(cls, text: str) -> "Location":
        path, url, draft, name = text.split("\x1f")
        return cls(path, url, draft == "1", name)

    @property
    def sidecar(self) -> str:
        """``comments.yaml`` beside ``index.md``, else ``<name>.comments.yaml``."""
        folder, _, name = self.path.rpartition("/")
        stem = name.removesuffix(".md")
        leaf = "comments.yaml" if stem in ("index", "_index") else f"{stem}.comments.yaml"
        return f"{folder}/{leaf}" if folder else leaf


def _join(*parts: str) -> str:
    return "/".join(p for p in parts if p)


class Layout:
    """Hands out locations for one preset, unique per folder."""

    def __init__(self, preset: Preset, post_types: tuple[str, ...], names: UniqueNames) -> None:
        self.preset = preset
        self.names = names
        for name in preset.reserved_page_names(post_types):
            self.names.reserve(preset.pages_dir, name)
        for url in RESERVED_URLS:
            self.names.reserve(URLS, url)

    def _url(self, made: str, old_path: str | None, draft: bool) -> str:
        """The old URL when the preset keeps old URLs and no other post has it, else the one ``made``."""
        if self.preset.old_urls and old_path and not draft and self.names.take(URLS, old_path):
            return old_path
        self.names.take(URLS, made)
        return made

    def post(self, slug: str, date: datetime | None, draft: bool, old_path: str | None = None) -> Location:
        """A blog post: flat in the posts folder (Jekyll: dated, drafts apart), at its old URL if kept."""
        preset = self.preset
        in_drafts = draft and preset.drafts_dir is not None
        folder = preset.drafts_dir if in_drafts else preset.posts_dir
        name = self.names.claim(folder or "", slug)
        if preset.date_prefix and not in_drafts:
            day = date or datetime(1970, 1, 1)
            stem = f"{day:%Y-%m-%d}-{name}"
            url = f"{preset.posts_url}{day:%Y/%m/%d}/{name}/"
        else:
            stem = name
            url = f"{preset.posts_url}{name}/"
        path = _join(folder or "", stem, "index.md") if preset.bundles else _join(folder or "", stem + ".md")
        return Location(path, self._url(url, old_path, draft), draft, name)

    def nested(self, post_type: str, ancestors: list[str], slug: str, has_children: bool,
               draft: bool, old_path: str | None = None) -> tuple[str, Location]:
        """A page or custom type item under its ancestors' folders; returns its claimed name too."""
        preset = self.preset
        if post_type == "page":
            base, url_base = preset.pages_dir, preset.pages_url
        else:
            base, url_base = preset.type_dir(post_type), f"/{post_type}/"
        folder = _join(base, *ancestors)
        name = self.names.claim(folder, slug)
        url = url_base + "/".join([*ancestors, name]) + "/"
        if preset.bundles:
            path = _join(folder, name, "_index.md" if has_children else "index.md")
        elif post_type == "page" and preset.name in ("jekyll", "eleventy"):
            path = _join(folder, name, "index.md")
        else:
            path = _join(folder, name + ".md")
        return name, Location(path, self._url(url, old_path, draft), draft, name)
