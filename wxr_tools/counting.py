"""A source that says each post as it passes: the command line's progress counts posts with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .model import Post
from .source import Source, map_posts

T = TypeVar("T")


class CountingSource:
    """``source`` as it is, calling ``on_post()`` for every post streamed (in this process)."""

    def __init__(self, source: Source, on_post: Callable[[], None]) -> None:
        self.source = source
        self.on_post = on_post
        self.info, self.authors, self.terms = source.info, source.authors, source.terms

    @property
    def diagnostics(self) -> list[Any]:
        return self.source.diagnostics

    def posts(self) -> Iterator[Post]:
        for post in self.source.posts():
            self.on_post()
            yield post

    def map_posts(self, function: Callable[[Post], T]) -> Iterator[T]:
        for result in map_posts(self.source, function):
            self.on_post()
            yield result


def counted(source: Source, on_post: Callable[[], None] | None) -> Source:
    """``source`` counted by ``on_post``; itself when nobody counts."""
    return source if on_post is None else CountingSource(source, on_post)  # type: ignore[return-value]
