"""Site data files the layouts read: the site, authors with bios, terms with their archive URLs, redirects.

Written as JSON under the preset's data folder, in a ``wxr`` namespace
(``data/wxr/`` for Hugo, ``_data/wxr/`` for Jekyll, ``content/_data/wxr/`` for
Eleventy, ``src/data/wxr/`` for Astro), so a user's own theme can read them too
and a user's own data files are never touched. They are content: written on
every run, with or without the scaffold.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model import Author, Term
from ...source import Source
from ...transforms import render_comment
from ...transforms.links import LinkRewriter, id_key
from .paths import Location
from .presets import Preset
from .slugs import decode_post_name, path_segment

ARCHIVE_BASES = {"category": "/category/", "post_tag": "/tag/"}
"""WordPress's default archive bases: term archives answer where they did."""
AUTHOR_BASE = "/author/"
MAX_DEPTH = 8
"""Parents kept in a category archive's path: a hostile hierarchy cannot make it endless."""
IDS_FILE = "wxr-ids.json"
ID_KEY = id_key(0).removesuffix("0")
"""The prefix of the link table's keys for ``?p=N``-style addresses."""


def term_name(name: str, slug: str) -> str:
    """A term's display name: WordPress stores names HTML-escaped (``Books &amp; Reading``)."""
    return html.unescape(name or slug)


def term_paths(terms: Iterable[Term]) -> dict[tuple[str, str], str]:
    """(taxonomy, slug) -> archive path, for categories (parents in the path, as WordPress) and tags.

    Each segment is a safe file name (:func:`path_segment`), and no two paths differ only in case
    (a second one gets ``-2``): the scaffold writes a page at each.
    """
    by_slug = {(t.taxonomy, t.slug): t for t in terms if t.taxonomy in ARCHIVE_BASES and t.slug}
    paths: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for (taxonomy, slug), term in by_slug.items():
        chain, seen, current = [], set(), term
        while current is not None and current.slug not in seen and len(chain) < MAX_DEPTH:
            seen.add(current.slug)
            chain.append(path_segment(current.slug, fallback="term"))
            parent = current.parent if taxonomy == "category" else None
            current = by_slug.get((taxonomy, parent)) if parent else None
        path = ARCHIVE_BASES[taxonomy] + "/".join(reversed(chain)) + "/"
        unique, number = path, 1
        while unique.casefold() in taken:
            number += 1
            unique = f"{path[:-1]}-{number}/"
        taken.add(unique.casefold())
        paths[(taxonomy, slug)] = unique
    return paths


def author_path(login: str) -> str:
    """An author's archive path (WordPress's default: the login as nicename, here a safe file name)."""
    return f"{AUTHOR_BASE}{path_segment(login, fallback='author')}/"


@dataclass
class SiteData:
    """What the layouts need about the whole site, besides each post's own front matter."""

    preset: Preset
    site: dict[str, Any]
    authors: dict[str, dict[str, Any]]
    terms: dict[str, dict[str, dict[str, Any]]]
    redirects: list[dict[str, str]] = field(default_factory=list)
    posts: int = 0
    """Published blog posts (for archives a generator cannot paginate itself)."""
    ids: dict[str, str] = field(default_factory=dict)
    """Post id -> its URL: where WordPress's ``?p=N`` addresses lead (a static host cannot match a query,
    so the home page's script looks them up in ``wxr-ids.json``)."""

    def files(self) -> Iterator[tuple[str, Any]]:
        """(path relative to the output folder, JSON value) of each data file."""
        folder = f"{self.preset.data_dir}/wxr"
        for name, value in (("site", self.site), ("authors", self.authors), ("terms", self.terms),
                            ("redirects", self.redirects)):
            yield f"{folder}/{name}.json", value
        yield f"{self.preset.public_dir}/{IDS_FILE}".lstrip("/"), self.ids

    def write(self, out_dir: Path) -> None:
        """Write every data file (they are content: rewritten on every run), each streamed to its file:
        ``json.dumps`` would hold the text and its pieces (100,000 terms: tens of MB) at once."""
        for relative, value in self.files():
            path = out_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8") as file:
                json.dump(value, file, ensure_ascii=False, indent=1)
                file.write("\n")


def _author(author: Author, rewrite: LinkRewriter) -> dict[str, Any]:
    bio = render_comment(rewrite(author.bio)) if author.bio else ""
    return {"login": author.login, "name": author.display_name or author.login, "bio": bio.strip(),
            "website": author.url, "url": author_path(author.login)}


def collect_site_data(source: Source, index: Any, preset: Preset, rewrite: LinkRewriter) -> SiteData:
    """The site's data from its channel, authors and terms, and the index of written posts (pass 1)."""
    info = source.info
    site = {"title": html.unescape(info.title), "description": html.unescape(info.description),
            "language": info.language, "old_url": info.link, "time_zone": index.time_zone,
            "permalink_structure": index.permalink_structure}
    authors = {a.login: _author(a, rewrite) for a in source.authors if a.login}
    paths = term_paths(source.terms)
    terms: dict[str, dict[str, dict[str, Any]]] = {taxonomy: {} for taxonomy in ARCHIVE_BASES}
    for term in source.terms:
        path = paths.get((term.taxonomy, term.slug))
        if path is not None:
            terms[term.taxonomy].setdefault(term_name(term.name, term.slug), {
                "slug": decode_post_name(term.slug), "url": path,
                "description": html.unescape(term.description)})
    redirects, posts = [], 0
    posts_folder = preset.posts_dir + "/"
    for key, text in index.locations.items():
        location = Location.decode(text)
        if location.draft:
            continue
        posts += location.path.startswith(posts_folder)
        redirects += [{"from": old, "to": location.url} for old in index.aliases_of(int(key))]
    redirects.sort(key=lambda r: r["from"])
    ids = {key[len(ID_KEY):]: url for key, url in index.link_targets.sorted_items()
           if key.startswith(ID_KEY) and url.startswith("/")}
    return SiteData(preset, site, authors, terms, redirects, posts, ids)
