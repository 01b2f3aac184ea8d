"""What writers read from: a site whose posts can be streamed, once or more.

A WXR export is streamed from disk (``WxrExport``); a site already in memory
(from saved pages, or JSON) is wrapped in :class:`SiteSource`. Writers take
either, through the :class:`Source` protocol, so none of them needs the
whole export in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol, TypeVar, runtime_checkable

from .diagnostics import Diagnostic
from .model import Author, Post, Site, SiteInfo, Term


@runtime_checkable
class Source(Protocol):
    """A site to write: channel data up front, posts as a stream."""

    info: SiteInfo
    authors: list[Author]
    terms: list[Term]
    diagnostics: list[Diagnostic]

    def posts(self) -> Iterator[Post]:
        """Yield every post in export order; may be called again for a second pass."""
        ...


class SiteSource:
    """A :class:`Source` over a :class:`Site` held in memory."""

    def __init__(self, site: Site, diagnostics: list[Diagnostic] | None = None) -> None:
        self.site = site
        self.info = site.info
        self.authors = site.authors
        self.terms = site.terms
        self.diagnostics = diagnostics if diagnostics is not None else []

    def posts(self) -> Iterator[Post]:
        return iter(self.site.posts)


T = TypeVar("T")


def map_posts(source: Source, function: Callable[[Post], T]) -> Iterator[T]:
    """``function(post)`` for every post of ``source``, in order.

    A source that reads on several processes (a large WXR export) runs
    ``function`` there, beside the parse; ``function`` must then pickle (a
    module-level function or a ``functools.partial`` of one).
    """
    mapper = getattr(source, "map_posts", None)
    return mapper(function) if mapper is not None else map(function, source.posts())


def load(source: Source) -> Site:
    """Read a whole source into a :class:`Site`."""
    if isinstance(source, SiteSource):
        return source.site
    posts = list(source.posts())
    return Site(info=source.info, authors=list(source.authors), terms=list(source.terms), posts=posts)
