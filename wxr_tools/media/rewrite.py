"""References to media files rewritten to their local copies: an HTML-to-HTML content step.

Every URL in the markup (``src``, ``srcset`` candidates, ``href``, ``poster``,
CSS ``url()``...) that is a form of a file now in the output (its original,
a size, a resized or CDN URL) becomes the local reference for the post being
written; every other URL, a file that failed among them, stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from .graph import MediaGraph, url_spans
from .places import MediaLayout, Place, reference
from .urls import SiteHosts, parse_media_url



@dataclass(frozen=True)
class MediaTable:
    """What rewriting needs, small enough to hand to worker processes: the local files by key."""

    hosts: SiteHosts
    base: str
    aliases: dict[str, str]
    local: dict[str, Place]
    """Key -> place, for the files in the output only."""
    attachment_keys: frozenset[str]
    """Keys of attachment files: the only originals a name like ``a-300x200.jpg`` is read as a size of."""
    layout: MediaLayout

    @classmethod
    def of(cls, graph: MediaGraph, local: dict[str, Place], layout: MediaLayout) -> MediaTable:
        keys = frozenset(graph.attachments.values())
        aliases = {k: v for k, v in graph.aliases.items() if v in local}
        return cls(graph.hosts, graph.base, aliases, dict(local), keys & frozenset(local), layout)

    def place(self, url: str) -> Place | None:
        """The local place of the file ``url`` is a form of; None when it is not in the output."""
        parsed = parse_media_url(url, self.hosts, self.base)
        if parsed is None:
            return None
        key = self.aliases.get(parsed.key, parsed.key)
        place = self.local.get(key)
        if place is None and parsed.original_key is not None:
            original = self.aliases.get(parsed.original_key, parsed.original_key)
            if original in self.attachment_keys:
                place = self.local.get(original)
        return place

    def local_url(self, url: str, post_file: str | None) -> str | None:
        """The reference the post written to ``post_file`` uses for ``url``; None to leave it."""
        place = self.place(url)
        return reference(place, self.layout, post_file) if place is not None else None


class MediaRewriter:
    """HTML step for one post: media URLs now in the output point at their local copies."""

    def __init__(self, table: MediaTable, post_file: str | None) -> None:
        self.table = table
        self.post_file = post_file

    def __call__(self, html: str) -> str:
        if not self.table.local or ("//" not in html and "/wp-content/" not in html):
            return html
        parts: list[str] = []
        done = 0
        for start, end in url_spans(html):
            new = self.table.local_url(html[start:end], self.post_file)
            if new is not None:
                parts += (html[done:start], new)
                done = end
        return "".join(parts) + html[done:] if parts else html


__all__ = ["MediaRewriter", "MediaTable"]
