"""Pass 1: a small index of the whole site, built while streaming it once.

It holds what rendering any one post needs to know about the others: each
written post's file and new URL, old URLs to new ones (links, redirects),
attachment files (featured images), author names, and the transforms'
:class:`ContentIndex` (reusable blocks, attachment data). What grows with
the number of posts lives in an on-disk :class:`IndexDatabase`, pages waiting
for their parents included: memory stays flat however big the export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ...model import Post
from ...source import Source
from ...transforms import ContentIndex
from ...transforms.links import LinkTable, site_hosts
from .paths import Layout, Location
from .presets import Preset
from .report import MarkdownReport
from .slugs import UniqueNames, make_slug
from .store import DiskMap, IndexDatabase, PickledDiskMap
from .statuses import Decision, decide


@dataclass(slots=True)
class _Nested:
    """A page (or custom type item) waiting for its ancestors to be known."""

    id: int
    type: str
    parent: int | None
    slug: str
    decision: Decision
    urls: tuple[str, ...]


@dataclass
class SiteIndex:
    """What pass 2 needs about every post while it renders one."""

    locations: DiskMap
    links: LinkTable
    link_targets: DiskMap
    """The links' table itself: old-URL key -> new URL, for the redirect maps."""
    content: ContentIndex
    attachment_files: DiskMap
    author_names: dict[str, str]
    report: MarkdownReport = field(default_factory=MarkdownReport)

    def location(self, post_id: int) -> Location | None:
        """Where a post is written; None when it is not."""
        text = self.locations.get(str(post_id))
        return Location.decode(text) if text is not None else None

    def attachment_file(self, post_id: int) -> str | None:
        """The file URL of an attachment."""
        return self.attachment_files.get(str(post_id))


def _own_urls(post: Post) -> tuple[str, ...]:
    """The URLs a post answered to: permalink, and guid unless it is an attachment's file URL."""
    if post.type == "attachment":
        return (post.url,)
    return (post.url, post.guid)


class _Builder:
    """Accumulates the index over one pass of the source."""

    def __init__(self, source: Source, database: IndexDatabase, preset: Preset,
                 post_types: tuple[str, ...], write_protected: bool, transliterate: bool) -> None:
        self.layout = Layout(preset, post_types, UniqueNames(DiskMap(database, "names")))
        self.post_types = post_types
        self.write_protected = write_protected
        self.transliterate = transliterate
        info = source.info
        self.link_targets = DiskMap(database, "links")
        self.links = LinkTable(set(site_hosts([info.link, info.base_blog_url])), self.link_targets)
        self.seen_netlocs: set[str] = set()
        self.content = ContentIndex(  # on disk, like the rest of the index: flat memory at any size
            attachments=PickledDiskMap(database, "content_attachments"),
            children=PickledDiskMap(database, "content_children"),
            reusable_blocks=PickledDiskMap(database, "content_blocks"))
        self.locations = DiskMap(database, "locations")
        self.nested = PickledDiskMap(database, "nested")
        """Pages and custom type items by id, in export order, placed once all are known."""
        self.parents = DiskMap(database, "nested_parents")
        """Ids of nested items that have a written child (their file is ``_index.md`` in a bundle)."""
        self.nested_names = DiskMap(database, "nested_names")
        self.placed_ids = DiskMap(database, "placed_ids")
        """Ids of the posts written or waiting to be placed: a second item with one is a duplicate."""
        self.attachment_pages = DiskMap(database, "attachment_pages")
        self.attachment_files = DiskMap(database, "attachment_files")
        self.report = MarkdownReport()

    def _slug(self, post: Post) -> str:
        return make_slug(post.slug, post.title, transliterate=self.transliterate,
                         fallback=f"{post.type}-{post.id}")

    def _register(self, post_id: int, urls: Iterable[str], location: Location) -> None:
        if location.draft:
            return
        for url in urls:
            if url:
                self.links.add(url, location.url)
        self.links.add_id(post_id, location.url)

    def _note_rename(self, post_id: int, slug: str, location: Location) -> None:
        if location.name != slug:
            self.report.warnings.append(
                f"post {post_id}: name {slug!r} already taken in its folder; written as {location.name!r}")

    def add(self, post: Post) -> bool:
        """Index one item; True when it is to be written (pass 2 renders exactly those)."""
        self.content.add(post)
        if post.type != "attachment":
            for url in (post.url, post.guid):
                netloc = url.split("/", 3)[2] if url.count("/") >= 2 else ""
                if netloc not in self.seen_netlocs:
                    self.seen_netlocs.add(netloc)
                    self.links.hosts |= site_hosts([url])
        else:
            self.attachment_pages[str(post.id)] = f"{post.parent or ''}\x1f{post.url}"
            if post.attachment_url:
                self.attachment_files[str(post.id)] = post.attachment_url
        decision = decide(post, self.post_types, self.write_protected)
        if decision.write and str(post.id) in self.placed_ids:
            decision = Decision(False, False, "duplicate-id")
            self.report.warnings.append(f"post {post.id}: a second item with this id; only the first is written")
        self.report.decisions[decision.reason] += 1
        if post.type != "post" and post.type in self.post_types and decision.reason != "duplicate-id":
            self.nested[post.id] = _Nested(post.id, post.type, post.parent, self._slug(post),
                                           decision, _own_urls(post))
            self.placed_ids[str(post.id)] = ""
            if decision.write and post.parent:
                self.parents[str(post.parent)] = ""
            return decision.write
        if not decision.write:
            return False
        slug = self._slug(post)
        location = self.layout.post(slug, post.date, decision.draft)
        self._note_rename(post.id, slug, location)
        self.locations[str(post.id)] = location.encode()
        self.placed_ids[str(post.id)] = ""
        self._register(post.id, _own_urls(post), location)
        return True

    def _place_nested(self) -> None:
        """Give pages their places, parents first, siblings in export order."""
        names = self.nested_names

        def name_of(record: _Nested, seen: frozenset[int]) -> str:
            known = names.get(str(record.id))
            if known is not None:
                return known
            ancestors: list[str] = []
            parent = self.nested.get(record.parent) if record.parent else None
            if parent is not None and parent.type == record.type and parent.id not in seen:
                ancestors = ancestry(parent, seen | {record.id})
            if not record.decision.write:
                names[str(record.id)] = record.slug
                return record.slug
            name, location = self.layout.nested(record.type, ancestors, record.slug,
                                                str(record.id) in self.parents, record.decision.draft)
            names[str(record.id)] = name
            self._note_rename(record.id, record.slug, location)
            self.locations[str(record.id)] = location.encode()
            self._register(record.id, record.urls, location)
            return name

        def ancestry(record: _Nested, seen: frozenset[int]) -> list[str]:
            parent = self.nested.get(record.parent) if record.parent else None
            above = []
            if parent is not None and parent.type == record.type and parent.id not in seen:
                above = ancestry(parent, seen | {record.id})
            return [*above, name_of(record, seen)]

        for record in self.nested.values():
            name_of(record, frozenset())

    def _place_attachments(self) -> None:
        """Attachment pages lead to the post they belong to, else to the file itself."""
        for key, value in self.attachment_pages.items():
            parent, url = value.split("\x1f", 1)
            parent_text = self.locations.get(parent) if parent else None
            parent_location = Location.decode(parent_text) if parent_text else None
            if parent_location is not None and not parent_location.draft:
                target = parent_location.url
            else:
                target = self.attachment_files.get(key) or ""
            if target:
                if url:
                    self.links.add(url, target)
                self.links.add_id(int(key), target)

    def finish(self, source: Source) -> SiteIndex:
        self._place_nested()
        self._place_attachments()
        author_names = {a.login: a.display_name or a.login for a in source.authors}
        return SiteIndex(self.locations, self.links, self.link_targets, self.content, self.attachment_files,
                         author_names, self.report)


def build_index(source: Source, database: IndexDatabase, preset: Preset, post_types: tuple[str, ...], *,
                write_protected: bool, transliterate: bool,
                keep: Callable[[Post], object]) -> SiteIndex:
    """Stream the source once and index it (pass 1), handing each post to write to ``keep``."""
    builder = _Builder(source, database, preset, post_types, write_protected, transliterate)
    for post in source.posts():
        if builder.add(post):
            keep(post)
    index = builder.finish(source)
    database.commit()
    return index
