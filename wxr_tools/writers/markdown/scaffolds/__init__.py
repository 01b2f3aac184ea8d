"""Site scaffolds: the generator's config, small clean layouts and one stylesheet, so ``--out`` builds as it is.

The files live beside this module, one folder per generator, as package
data; ``@@NAME@@`` in them is replaced by the site's value as a JSON string
(valid in TOML, YAML and JavaScript alike). Archives a generator cannot make
from data by itself (Hugo's and Jekyll's category, tag and author pages,
Jekyll's home pages after the first) are written as small stub pages.
Every file is written only where no file is (the output folder's
``write_once``): a user's config, layouts or pages are never replaced, and
the manifest lists the ones wxr wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from ...output_folder import OutputFolder
from ..front_matter import dump_yaml
from ..permalinks import STRUCTURES
from ..presets import Preset
from ..site_data import SiteData

SCAFFOLDED = ("hugo", "jekyll", "eleventy", "astro")
"""Presets with a scaffold (``plain`` has no generator)."""
PER_PAGE = 10
"""Posts per archive page, in every scaffold."""
ASSETS = {"hugo": "static", "jekyll": "assets", "eleventy": "content/assets", "astro": "public"}
"""Where the stylesheet and the ``?p=N`` script go: published as they are, at ``/`` (Hugo, Astro) or ``/assets/``."""
SHARED_ASSETS = ("wxr.css", "wxr-ids.js")


def _package_files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _package_files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.endswith((".py", ".pyc")):
            yield prefix + entry.name, entry.read_text(encoding="utf-8")


def _values(data: SiteData) -> dict[str, str]:
    site = data.site
    values = {name: site.get(name) or default for name, default in (
        ("title", "My site"), ("description", ""), ("language", "en"), ("time_zone", "UTC"))}
    permalinks = STRUCTURES.get(site.get("permalink_structure") or "", {})
    values["hugo_permalink"] = permalinks.get("hugo", "/posts/:slug/")
    values["jekyll_permalink"] = permalinks.get("jekyll", "/:year/:month/:day/:title/")
    return {f"@@{name.upper()}@@": json.dumps(value, ensure_ascii=False) for name, value in values.items()} | {
        "@@PER_PAGE@@": str(PER_PAGE)}


def _page(front_matter: dict[str, Any]) -> str:
    return "---\n" + dump_yaml(front_matter) + "---\n"


def _archive_stubs(preset: Preset, data: SiteData) -> Iterator[tuple[str, str]]:
    """Pages for each category, tag and author archive (Hugo, Jekyll), at its WordPress URL."""
    hugo = preset.name == "hugo"
    url_key = "url" if hugo else "permalink"

    def stub_path(url: str) -> str:  # Hugo: a page, not a section (Hugo rewrites a section's URL)
        return f"content{url.rstrip('/')}.md" if hugo else f"{url.lstrip('/')}index.html"

    for taxonomy, key in (("category", "categories"), ("post_tag", "tags")):
        for name, term in data.terms.get(taxonomy, {}).items():
            yield (stub_path(term["url"]),
                   _page({"title": name, url_key: term["url"], "layout": "archive", "archive": key, "term": name,
                          "description": term["description"]}))
    for login, author in data.authors.items():
        yield (stub_path(author["url"]),
               _page({"title": author["name"], url_key: author["url"], "layout": "archive", "archive": "author",
                      "login": login}))
    if preset.name == "jekyll":  # no pagination plugin among Debian's: one page per PER_PAGE posts
        pages = max(1, -(-data.posts // PER_PAGE))
        yield "index.html", _page({"layout": "home", "page_number": 1, "total_pages": pages})
        for number in range(2, pages + 1):
            yield (f"page/{number}/index.html",
                   _page({"layout": "home", "title": f"Page {number}", "permalink": f"/page/{number}/",
                          "page_number": number, "total_pages": pages}))


def scaffold_files(preset: Preset, data: SiteData) -> Iterator[tuple[str, str]]:
    """Every scaffold file of a preset as (relative path, text); an archive page comes after, and
    wins over, a packaged file at the same path. Made one at a time: a site may have 100,000 terms."""
    values = _values(data)
    root = resources.files(__package__)
    for relative, text in _package_files(root / preset.name):
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        yield relative, text
    for name in SHARED_ASSETS:
        yield f"{ASSETS[preset.name]}/{name}", (root / name).read_text(encoding="utf-8")
    if preset.name in ("hugo", "jekyll"):
        yield from _archive_stubs(preset, data)


def write_scaffold(folder: OutputFolder, preset: Preset, data: SiteData) -> list[str]:
    """Stage the preset's scaffold: the commit moves each file in only where the target has none.

    Returns the files new to the target, relative to it, sorted.
    """
    new: set[str] = set()
    for relative, text in scaffold_files(preset, data):
        path = folder.staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        folder.write_once.add(relative)
        if not (folder.target / relative).exists():
            new.add(relative)
    return sorted(new)
