"""The site's permalink structure, recognised from its posts' URLs: for the generators' own permalink config.

Every written post keeps its exact WordPress URL (its ``url`` field); the
structure only makes the posts a user adds later follow the same pattern.
WordPress's common structures are tried; one is the site's when every
published post's URL is that structure filled with the post's local date and
the URL's last segment (WordPress's ``post_name``, which may differ from the
slug wxr gives the file).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

STRUCTURES: dict[str, dict[str, str]] = {
    "/%year%/%monthnum%/%day%/%postname%/": {"hugo": "/:year/:month/:day/:slug/",
                                             "jekyll": "/:year/:month/:day/:title/"},
    "/%year%/%monthnum%/%postname%/": {"hugo": "/:year/:month/:slug/", "jekyll": "/:year/:month/:title/"},
    "/%year%/%postname%/": {"hugo": "/:year/:slug/", "jekyll": "/:year/:title/"},
    "/%postname%/": {"hugo": "/:slug/", "jekyll": "/:title/"},
}
"""WordPress structure -> the same in Hugo's ``[permalinks]`` and Jekyll's ``permalink``."""


def _fill(structure: str, date: datetime, slug: str) -> str:
    return (structure.replace("%year%", f"{date:%Y}").replace("%monthnum%", f"{date:%m}")
            .replace("%day%", f"{date:%d}").replace("%postname%", slug))


class StructureVotes:
    """Which structures each published post's URL fits, counted as the posts are indexed."""

    def __init__(self) -> None:
        self.posts = 0
        self.fits: Counter[str] = Counter()

    def add(self, path: str | None, date: datetime | None) -> None:
        """Note one published post: its old path and its local date."""
        self.posts += 1
        if path is None or date is None:
            return
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        for structure in STRUCTURES:
            if _fill(structure, date, slug) == path:
                self.fits[structure] += 1

    def structure(self) -> str | None:
        """The structure every post fits (the most specific first); None when none does."""
        return next((s for s in STRUCTURES if self.posts and self.fits[s] == self.posts), None)
