"""Choosing posts: by category (with its children), tag, author, status and date, as a Source step.

``filter_source(source, PostFilter(categories=("books",)))`` is a
:class:`~wxr_tools.source.Source` of the chosen posts that any writer takes.
Values are checked against the export before anything is written: a
category, tag or author the export does not have is refused, with the
nearest names it does have. Items that are site machinery (attachments,
menu items, reusable blocks) are kept: the chosen posts' images and blocks
are made of them, and no writer publishes them as posts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from .errors import WxrToolsError, did_you_mean
from .model import Author, Post, SiteInfo, Term
from .source import Source, map_posts
from .writers.markdown.statuses import NOT_CONTENT_TYPES

T = TypeVar("T")

WORDPRESS_STATUSES = ("publish", "draft", "pending", "private", "future", "trash", "inherit", "auto-draft")
"""The post statuses WordPress core knows."""


def suggest(value: str, choices: Iterable[str]) -> str:
    """``did you mean X?`` for the closest choice, or "" when none is close."""
    return did_you_mean(value, list(choices)).strip()


def refuse(option: str, value: str, what: str, choices: list[str]) -> WxrToolsError:
    """The error for a value the export does not have, naming the nearest ones it does."""
    shown = ", ".join(choices[:12]) + (f" and {len(choices) - 12} more" if len(choices) > 12 else "")
    hint = " ".join(part for part in (suggest(value, choices),
                                      f"the export has: {shown}" if choices else "the export has none") if part)
    return WxrToolsError(f"the export has no {what} {value!r}", option=option, hint=hint)


def parse_day(text: str, *, end: bool = False) -> datetime:
    """``2012``, ``2012-11`` or ``2012-11-26`` as the first moment of that period (``end``: the last)."""
    parts = text.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        year, month, day = (numbers + [1, 1])[:3]
        start = date(year, month, day)
    except (ValueError, TypeError):
        raise WxrToolsError(f"{text!r} is not a date", option="since" if not end else "until",
                            hint="write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2012-11") from None
    if not end:
        return datetime.combine(start, datetime.min.time())
    if len(parts) == 1:
        after = date(year + 1, 1, 1)
    elif len(parts) == 2:
        after = date(year + (month == 12), month % 12 + 1, 1)
    else:
        after = start + timedelta(days=1)
    return datetime.combine(after, datetime.min.time()) - timedelta(microseconds=1)


@dataclass(frozen=True)
class PostFilter:
    """Which posts to keep; an empty field keeps all. Names or slugs, compared without case."""

    categories: tuple[str, ...] = ()
    """Categories (slug or name); a post in any of them or in any of their children is kept."""
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    """Author logins or display names."""
    statuses: tuple[str, ...] = ()
    since: str | None = None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: posts dated on or after its start."""
    until: str | None = None
    """Posts dated on or before the end of that year, month or day."""

    def __bool__(self) -> bool:
        return any((self.categories, self.tags, self.authors, self.statuses, self.since, self.until))


@dataclass(frozen=True)
class _Chosen:
    """A filter resolved against one export: slugs, logins and bounds, ready to test posts (pickles)."""

    categories: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    authors: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    since: datetime | None = None
    until: datetime | None = None

    def keeps(self, post: Post) -> bool:
        if post.type in NOT_CONTENT_TYPES:
            return True
        if self.statuses and post.status not in self.statuses:
            return False
        if self.authors and post.author.lower() not in self.authors:
            return False
        if self.categories and not any(r.taxonomy == "category" and r.slug.lower() in self.categories
                                       for r in post.terms):
            return False
        if self.tags and not any(r.taxonomy == "post_tag" and r.slug.lower() in self.tags for r in post.terms):
            return False
        if self.since is not None or self.until is not None:
            when = post.date.replace(tzinfo=None) if post.date is not None else None
            if when is None or (self.since and when < self.since) or (self.until and when > self.until):
                return False
        return True


def _terms(terms: list[Term], taxonomy: str, wanted: tuple[str, ...], option: str, what: str) -> set[str]:
    """The slugs of the wanted terms of one taxonomy (by slug or shown name); unknown ones refused."""
    own = [t for t in terms if t.taxonomy == taxonomy]
    by_key = {t.slug.lower(): t.slug.lower() for t in own} | {t.display_name.lower(): t.slug.lower() for t in own}
    found = set()
    for value in wanted:
        slug = by_key.get(value.strip().lower())
        if slug is None:
            raise refuse(option, value, what, sorted({t.slug for t in own}))
        found.add(slug)
    return found


def _with_children(slugs: set[str], terms: list[Term]) -> frozenset[str]:
    """The categories and every category below them."""
    children: dict[str, list[str]] = {}
    for term in terms:
        if term.taxonomy == "category" and term.parent:
            children.setdefault(term.parent.lower(), []).append(term.slug.lower())
    found, todo = set(slugs), list(slugs)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)


def _authors(authors: list[Author], wanted: tuple[str, ...]) -> frozenset[str]:
    by_key = {a.login.lower(): a.login.lower() for a in authors} | {
        a.display_name.lower(): a.login.lower() for a in authors if a.display_name}
    found = set()
    for value in wanted:
        login = by_key.get(value.strip().lower())
        if login is None:
            raise refuse("author", value, "author", sorted(a.login for a in authors))
        found.add(login)
    return frozenset(found)


def _statuses(wanted: tuple[str, ...]) -> frozenset[str]:
    for value in wanted:
        if value not in WORDPRESS_STATUSES:
            hint = " ".join(p for p in (suggest(value, WORDPRESS_STATUSES),
                                        f"WordPress's statuses: {', '.join(WORDPRESS_STATUSES)}") if p)
            raise WxrToolsError(f"{value!r} is not a post status", option="status", hint=hint)
    return frozenset(wanted)


def resolve(post_filter: PostFilter, source: Source) -> _Chosen:
    """The filter's names checked against ``source``'s terms and authors (unknown ones refused)."""
    categories = _terms(source.terms, "category", post_filter.categories, "category", "category")
    since = parse_day(post_filter.since) if post_filter.since else None
    until = parse_day(post_filter.until, end=True) if post_filter.until else None
    if since and until and since > until:
        raise WxrToolsError(f"the start {post_filter.since} is after the end {post_filter.until}", option="since",
                            hint="swap the dates, or drop one")
    return _Chosen(
        categories=_with_children(categories, source.terms),
        tags=frozenset(_terms(source.terms, "post_tag", post_filter.tags, "tag", "tag")),
        authors=_authors(source.authors, post_filter.authors) if post_filter.authors else frozenset(),
        statuses=_statuses(post_filter.statuses), since=since, until=until)


def _mapped_if_kept(chosen: _Chosen, function: Callable[[Post], T], post: Post) -> tuple[bool, T | None]:
    """Runs beside the parse (it pickles): the result for a kept post, nothing for another."""
    return (True, function(post)) if chosen.keeps(post) else (False, None)


@dataclass
class FilteredSource:
    """A :class:`~wxr_tools.source.Source` of the posts a filter keeps; the rest of the site as it is."""

    source: Source
    chosen: _Chosen
    skipped: int = 0
    """Posts left out by the filter in the last pass."""
    info: SiteInfo = field(init=False)
    authors: list[Author] = field(init=False)
    terms: list[Term] = field(init=False)

    def __post_init__(self) -> None:
        self.info, self.authors, self.terms = self.source.info, self.source.authors, self.source.terms

    @property
    def diagnostics(self) -> list[Any]:
        return self.source.diagnostics

    def posts(self) -> Iterator[Post]:
        self.skipped = 0
        for post in self.source.posts():
            if self.chosen.keeps(post):
                yield post
            else:
                self.skipped += 1

    def map_posts(self, function: Callable[[Post], T]) -> Iterator[T]:
        self.skipped = 0
        for kept, result in map_posts(self.source, partial(_mapped_if_kept, self.chosen, function)):
            if kept:
                yield result  # type: ignore[misc]
            else:
                self.skipped += 1


def filter_source(source: Source, post_filter: PostFilter) -> Source:
    """``source`` with only the posts ``post_filter`` keeps (itself when the filter keeps all)."""
    if not post_filter:
        return source
    return FilteredSource(source, resolve(post_filter, source))


def _type_of(post: Post) -> str:
    return post.type


def check_post_types(source: Source, requested: str | Iterable[str] | None) -> None:
    """Refuse post types no item of ``source`` has (a typo would otherwise write nothing, silently).

    It reads the posts once more (beside the parse, on all cores, for a large export).
    """
    if not requested:
        return
    wanted = [v.strip() for v in requested.split(",")] if isinstance(requested, str) else list(requested)
    present = set(map_posts(source, _type_of))
    for value in wanted:
        if value and value not in present:
            raise refuse("post_types", value, "post type", sorted(present))


def narrow(source: Source, post_filter: PostFilter | None, options: object = None) -> Source:
    """``convert``'s step between reading and writing: the filter applied, and the post types the
    writer's options name (when not its default) checked against the export."""
    narrowed = filter_source(source, post_filter or PostFilter())
    chosen = getattr(options, "post_types", None)
    if chosen and chosen != getattr(type(options)(), "post_types", None):
        check_post_types(narrowed, chosen)
    return narrowed
