"""Pass 1: a small index of the whole site, built while streaming it once.

It holds what rendering any one post needs to know about the others: each
written post's file and new URL, old URLs to new ones (links, redirects),
attachment files (featured images), author names, and the transforms'
:class:`ContentIndex` (reusable blocks, attachment data). What grows with
the number of posts lives in an on-disk :class:`IndexDatabase`, pages waiting
for their parents included: memory stays flat however big the export.

What can be worked out from one post alone (its fate, slug, URL keys, its
JSON line to spill) is, by :func:`summarise`, in the reader's worker
processes when the export is read in parallel; this process only does what
depends on the posts before (unique names, first URL wins).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

import msgspec

from ...media import MediaGraph, MediaGraphBuilder, PostMedia, extract
from ...model import Post
from ...source import Source, map_posts
from ...transforms import ContentIndex
from ...transforms.index import Attachment, attachment_of
from ...transforms.links import LinkTable, own_url_key, site_hosts
from .paths import RESERVED_URLS, URLS, Layout, Location, site_path
from .presets import Preset
from .report import MarkdownReport
from .site_data import ARCHIVE_BASES, author_path, term_paths
from .slugs import UniqueNames, decode_post_name, make_slug
from .store import DiskMap, IndexDatabase, PickledDiskMap
from .statuses import Decision, decide
from .permalinks import StructureVotes
from .timezone import OffsetSamples, guess_zone


MAX_NESTING = 16
"""Deepest folder nesting of pages: 16 names of at most 120 bytes stay within every path limit."""


@dataclass(slots=True)
class _Nested:
    """A page (or custom type item) waiting for its ancestors to be known."""

    id: int
    type: str
    parent: int | None
    slug: str
    decision: Decision
    url_keys: tuple[str, ...]
    old_paths: tuple[str, ...]


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
    aliases: DiskMap
    """Post id -> its redirects (old paths), ``\x1f``-separated: each path given to one post only."""
    time_zone: str = "UTC"
    """The site's IANA time zone, guessed from its posts' dates."""
    permalink_structure: str | None = None
    """The WordPress permalink structure every post's URL fits (``/%year%/%monthnum%/%day%/%postname%/``)."""
    report: MarkdownReport = field(default_factory=MarkdownReport)
    media: MediaGraph | None = None
    """Every media file and who uses it (not handed to the workers: they get a :class:`MediaTable`)."""

    def location(self, post_id: int) -> Location | None:
        """Where a post is written; None when it is not."""
        text = self.locations.get(str(post_id))
        return Location.decode(text) if text is not None else None

    def aliases_of(self, post_id: int) -> list[str]:
        """The old paths that redirect to a post."""
        text = self.aliases.get(str(post_id))
        return text.split("\x1f") if text else []

    def attachment_file(self, post_id: int) -> str | None:
        """The file URL of an attachment."""
        return self.attachment_files.get(str(post_id))


class PostSummary(msgspec.Struct):
    """What pass 1 needs of one item: worked out from the item alone, wherever it was parsed.

    A struct, not a dataclass: summaries come back from the reader's workers
    pickled, and a struct pickles as its class and a tuple of its fields, in C.
    """

    id: int
    type: str
    parent: int | None
    url: str
    guid: str
    attachment_url: str
    date: datetime | None
    decision: Decision
    slug: str
    url_keys: tuple[str, ...]
    """Keys (:func:`own_url_key`) of the URLs a post or page answered to: permalink and guid, each on
    its own host (which :meth:`_Builder.add` adds to the site's hosts)."""
    old_paths: tuple[str, ...]
    """The paths it answered at (:func:`site_path`): permalink first, then guid and ``/2/``-style pages."""
    attachment: Attachment | None
    reusable_block: str | None
    """A ``wp_block`` item's content."""
    line: bytes | None
    """The post as a JSON line, when it is to be written."""
    media: PostMedia
    """Its media references (or its file, for an attachment)."""


_ENCODER = msgspec.json.Encoder()


def _old_paths(post: Post) -> tuple[str, ...]:
    """Where a post answered: its permalink (first), its guid, its pages after ``<!--nextpage-->``."""
    permalink = site_path(post.url)
    paths = [permalink, site_path(post.guid)]
    if permalink and permalink.endswith("/") and "<!--nextpage-->" in post.content:
        paths += [f"{permalink}{n}/" for n in range(2, post.content.count("<!--nextpage-->") + 2)]
    return tuple(dict.fromkeys(p for p in paths if p))


RENDERED_META = frozenset({"_thumbnail_id"})
"""The meta rows pass 2 reads (the featured image); the others stay out of the spill."""


def _as_rendered(post: Post) -> Post:
    """``post`` as pass 2 needs it: a post of a million meta rows is not written out and read back."""
    if all(m.key in RENDERED_META for m in post.meta):
        return post
    return msgspec.structs.replace(post, meta=[m for m in post.meta if m.key in RENDERED_META])


def summarise(post: Post, post_types: tuple[str, ...], write_protected: bool,
              transliterate: bool, drafts: bool = False) -> PostSummary:
    """An item's :class:`PostSummary`: its fate by type and status, its slug, its JSON line."""
    decision = decide(post, post_types, write_protected, drafts)
    own_urls = () if post.type == "attachment" else (post.url, post.guid)  # attachments: see _place_attachments
    return PostSummary(
        id=post.id, type=post.type, parent=post.parent, url=post.url, guid=post.guid,
        attachment_url=post.attachment_url, date=post.date, decision=decision,
        slug=make_slug(post.slug, post.title, transliterate=transliterate, fallback=f"{post.type}-{post.id}"),
        url_keys=tuple(k for u in own_urls if u and (k := own_url_key(u)) is not None),
        old_paths=() if post.type == "attachment" else _old_paths(post),
        attachment=attachment_of(post) if post.type == "attachment" else None,
        reusable_block=post.content if post.type == "wp_block" else None,
        line=_ENCODER.encode(_as_rendered(post)) + b"\n" if decision.write else None,
        media=extract(post),
    )


class _Builder:
    """Accumulates the index over one pass of the source."""

    def __init__(self, source: Source, database: IndexDatabase, preset: Preset,
                 post_types: tuple[str, ...], media_hosts: tuple[str, ...] = ()) -> None:
        self.names = UniqueNames(DiskMap(database, "names"))
        self.layout = Layout(preset, post_types, self.names)
        self.post_types = post_types
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
        self.nested_folders = DiskMap(database, "nested_folders")
        """Placed nested items by id: the folder names, ``/``-joined, their children go under."""
        self.placed_ids = DiskMap(database, "placed_ids")
        """Ids of the posts written or waiting to be placed: a second item with one is a duplicate."""
        self.attachment_pages = DiskMap(database, "attachment_pages")
        self.attachment_files = DiskMap(database, "attachment_files")
        self.media = MediaGraphBuilder([info.base_blog_url, info.link, info.base_site_url], media_hosts)
        self.alias_candidates = DiskMap(database, "alias_candidates")
        """Post id -> paths that may redirect to it, settled once every post has its URL."""
        self.aliases = DiskMap(database, "aliases")
        self.offsets = OffsetSamples()
        self.structures = StructureVotes()
        self.report = MarkdownReport()

    def _register(self, post_id: int, url_keys: Iterable[str], location: Location,
                  old_paths: Iterable[str] = ()) -> None:
        if location.draft:
            return
        for key in url_keys:
            self.links.add_key(key, location.url)
        for path in old_paths:  # the ``/2/`` pages too, and each ``//`` spelling made one
            self.links.add_key(path.rstrip("/") or "/", location.url)
        self.links.add_id(post_id, location.url)
        self._add_alias_candidates(post_id, old_paths)

    def _add_alias_candidates(self, post_id: int, paths: Iterable[str]) -> None:
        known = self.alias_candidates.get(str(post_id))
        joined = "\x1f".join([*(known.split("\x1f") if known else ()), *paths])
        if joined:
            self.alias_candidates[str(post_id)] = joined

    def _settle_aliases(self) -> None:
        """Give each old path to the first post that claims it, unless it is a page's own URL or the home page.

        Runs after every post has its URL, so a redirect never takes the address of a later post.
        """
        for key, joined in list(self.alias_candidates.items()):  # settling writes to other tables
            own = Location.decode(self.locations[key]).url
            kept = [path for path in dict.fromkeys(joined.split("\x1f"))
                    if path != own and path not in RESERVED_URLS and self.names.take(URLS, path)]
            if kept:
                self.aliases[key] = "\x1f".join(kept)

    def _note_rename(self, post_id: int, slug: str, location: Location) -> None:
        if location.name != slug:
            self.report.warn("MD001", f"post {post_id}: name {slug!r} already taken in its folder",
                             f"written as {location.name!r}")

    def add(self, item: PostSummary) -> bool:
        """Index one item; True when it is to be written (pass 2 renders exactly those)."""
        self.media.add(item.media)
        if item.attachment is not None:
            self.content.add_attachment(item.attachment)
        elif item.reusable_block is not None:
            self.content.reusable_blocks[item.id] = item.reusable_block
        if item.type != "attachment":
            for url in (item.url, item.guid):
                netloc = url.split("/", 3)[2] if url.count("/") >= 2 else ""
                if netloc not in self.seen_netlocs:
                    self.seen_netlocs.add(netloc)
                    self.links.hosts |= site_hosts([url])
        else:
            self.attachment_pages[str(item.id)] = f"{item.parent or ''}\x1f{item.url}"
            if item.attachment_url:
                self.attachment_files[str(item.id)] = item.attachment_url
        decision = item.decision
        if decision.write and str(item.id) in self.placed_ids:
            decision = Decision(False, False, "duplicate-id")
            self.report.warn("MD002", f"post {item.id}: a second item with this id", "only the first is written")
        self.report.decisions[decision.reason] += 1
        if item.type != "post" and item.type in self.post_types and decision.reason != "duplicate-id":
            self.nested[item.id] = _Nested(item.id, item.type, item.parent, item.slug, decision, item.url_keys,
                                           item.old_paths)
            self.placed_ids[str(item.id)] = ""
            if decision.write and item.parent:
                self.parents[str(item.parent)] = ""
            return decision.write
        if not decision.write:
            return False
        location = self.layout.post(item.slug, item.date, decision.draft, item.old_paths[0] if item.old_paths else None)
        self._note_rename(item.id, item.slug, location)
        self.locations[str(item.id)] = location.encode()
        self.placed_ids[str(item.id)] = ""
        self._register(item.id, item.url_keys, location, item.old_paths)
        if not decision.draft:
            self.offsets.add(item.date)
            self.structures.add(item.old_paths[0] if item.old_paths else None, item.date)
        return True

    def _place_nested(self) -> None:
        """Give pages their places, parents first, siblings in export order.

        A loop, not a recursion: a hierarchy 10,000 deep is read as any other.
        Folders nest at most :data:`MAX_NESTING` deep, so paths stay short
        enough for every file system; deeper items share their ancestor's folder.
        """
        folders = self.nested_folders
        for record in self.nested.values():
            if str(record.id) in folders:
                continue
            chain, seen = [record], {record.id}  # this item and the ancestors not yet placed
            parent = self._nested_parent(record)
            while parent is not None and parent.id not in seen and str(parent.id) not in folders:
                chain.append(parent)
                seen.add(parent.id)
                parent = self._nested_parent(parent)
            above = folders.get(str(parent.id)) or "" if parent is not None and parent.id not in seen else ""
            for item in reversed(chain):
                above = self._place_one(item, above)
                folders[str(item.id)] = above

    def _nested_parent(self, record: _Nested) -> _Nested | None:
        parent = self.nested.get(record.parent) if record.parent else None
        return parent if parent is not None and parent.type == record.type else None

    def _place_one(self, record: _Nested, above: str) -> str:
        """Place one item under the folders ``above``; the folders for its children."""
        ancestors = above.split("/") if above else []
        name = record.slug
        if record.decision.write:
            name, location = self.layout.nested(record.type, ancestors, record.slug,
                                                str(record.id) in self.parents, record.decision.draft,
                                                record.old_paths[0] if record.old_paths else None)
            self._note_rename(record.id, record.slug, location)
            self.locations[str(record.id)] = location.encode()
            self._register(record.id, record.url_keys, location, record.old_paths)
        return "/".join([*ancestors, name]) if len(ancestors) < MAX_NESTING else above

    def _place_attachments(self) -> None:
        """Attachment pages lead to the post they belong to, else to the file itself."""
        for key, value in self.attachment_pages.items():
            parent, url = value.split("\x1f", 1)
            parent_text = self.locations.get(parent) if parent else None
            parent_location = Location.decode(parent_text) if parent_text else None
            if parent_location is not None and not parent_location.draft:
                target = parent_location.url
                page = site_path(url)
                if page:
                    self._add_alias_candidates(int(parent), [page])
            else:
                target = self.attachment_files.get(key) or ""
            if target:
                if url:
                    self.links.add(url, target)
                self.links.add_id(int(key), target)

    def finish(self, source: Source) -> SiteIndex:
        self._place_nested()
        self._place_attachments()
        self._settle_aliases()
        for (taxonomy, slug), path in term_paths(source.terms).items():  # links to archives resolve
            self.links.add_key(path.rstrip("/"), path)
            self.links.add_key(ARCHIVE_BASES[taxonomy] + decode_post_name(slug), path)  # WordPress answers it too
        for author in source.authors:
            if author.login:
                self.links.add_key(author_path(author.login).rstrip("/"), author_path(author.login))
        author_names = {a.login: a.display_name or a.login for a in source.authors}
        return SiteIndex(self.locations, self.links, self.link_targets, self.content, self.attachment_files,
                         author_names, self.aliases, guess_zone(self.offsets), self.structures.structure(),
                         self.report, self.media.finish())


def build_index(source: Source, database: IndexDatabase, preset: Preset, post_types: tuple[str, ...], *,
                write_protected: bool, transliterate: bool, drafts: bool = False,
                keep: Callable[[bytes], object], media_hosts: tuple[str, ...] = ()) -> SiteIndex:
    """Stream the source once and index it (pass 1), handing each post to write, as a JSON line, to ``keep``."""
    builder = _Builder(source, database, preset, post_types, media_hosts)
    summaries = map_posts(source, partial(summarise, post_types=post_types, write_protected=write_protected,
                                          transliterate=transliterate, drafts=drafts))
    for item in summaries:
        if builder.add(item):
            keep(item.line)  # type: ignore[arg-type]  # set for every item to write
    index = builder.finish(source)
    database.commit()
    return index
