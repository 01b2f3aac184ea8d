"""The streaming WXR reader: WordPress exports of any size and state of repair.

``open_wxr`` reads the channel (site, authors, terms) up front and streams the
posts; ``read_wxr`` loads everything into a :class:`~wxr_tools.model.Site`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ...diagnostics import Diagnostic, DiagnosticLog
from ...errors import WxrDataLossError, WxrReadError
from ...model import Author, Post, Site, SiteInfo, Term
from ...workers import WorkerPool
from .elements import Context, ItemParts, id_from_url, read_author, read_item, read_term, text_of
from .inputs import InputFile, InputLike, expand_inputs
from .namespaces import KNOWN_WXR_VERSIONS, canonical, wxr_namespace_version
from .parallel import ChunkFailed, Record, can_read_in_parallel, parallel_records
from .parse import FileStats, elements
from .sites import ExportFile, check_one_site

DEFAULT_MAX_FIELD_SIZE = 256 * 1024 * 1024
"""Largest text one field may hold (characters); larger ones are truncated and reported."""

_INFO_FIELDS = {
    "title": "title", "link": "link", "description": "description", "language": "language",
    "pubDate": "pub_date", "generator": "generator", "wp:wxr_version": "wxr_version",
    "wp:base_site_url": "base_site_url", "wp:base_blog_url": "base_blog_url",
}
_TERM_KINDS = ("wp:category", "wp:tag", "wp:term")
_ONCE_PER_EXPORT = frozenset({"WXR142"})
T = TypeVar("T")


class WxrExport:
    """An opened export (one file or the parts of a split one) read as one site.

    ``info``, ``authors`` and ``terms`` are read when it opens; ``posts()``
    streams the items and may be called again for another pass.
    """

    def __init__(self, *sources: InputLike, max_field_size: int = DEFAULT_MAX_FIELD_SIZE,
                 on_bytes: Callable[[int], None] | None = None, pool: WorkerPool | None = None) -> None:
        self.files: list[InputFile] = expand_inputs(sources)
        self.max_field_size = max_field_size
        self.pool = pool
        """The run's workers, which read a large well-formed file beside this process (None: this one alone)."""
        self.on_bytes = on_bytes
        self.info = SiteInfo()
        self.authors: list[Author] = []
        self.terms: list[Term] = []
        self._author_logins: set[str] = set()
        self._term_keys: set[tuple[str, str]] = set()
        self._header_log = DiagnosticLog()
        self._posts_log = DiagnosticLog()
        self.items_read = 0
        self.position: tuple[str, int | None] = ("", None)
        """File and line of the item ``posts()`` last yielded (validators locate findings by it)."""
        check_one_site([self._read_header(file) for file in self.files])

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every problem found: in the channel data, and in the last full pass over the posts."""
        seen: set[object] = set()
        unique = []
        for diagnostic in self._header_log.items + self._posts_log.items:
            # The posts pass re-reads the channel: report once. Parallel chunks each
            # report a custom post type they meet: report it once per export.
            key = (diagnostic.code, diagnostic.message) if diagnostic.code in _ONCE_PER_EXPORT else diagnostic
            if key not in seen:
                seen.add(key)
                unique.append(diagnostic)
        return unique

    # -- channel -----------------------------------------------------------
    def _read_header(self, file: InputFile) -> ExportFile:
        """Read one file's channel data; says which site the file comes from."""
        stats = FileStats()
        ctx = Context(self._header_log, file.name, self.max_field_size)
        first = file is self.files[0]
        seen_version = False
        site_url = ""
        for _, element in elements(file, self._header_log, stats, stop_at_first_item=True):
            name = canonical(element.tag)
            if name == "wp:wxr_version":
                seen_version = True
            elif name == "wp:base_site_url" and not site_url:
                site_url = text_of(element).strip()
            self._channel_element(element, name, ctx, set_info=first)
        if stats.root != "rss":
            raise WxrReadError("not a WordPress export: no <rss> root element was found",
                               file=file.name, hint="give the XML file from Tools > Export")
        self._check_version(file, stats, seen_version, ctx)
        return ExportFile(file.name, site_url)

    def _add_author(self, author: Author) -> None:
        if author.login not in self._author_logins:  # split exports repeat their authors
            self._author_logins.add(author.login)
            self.authors.append(author)

    def _add_term(self, term: Term) -> None:
        key = (term.taxonomy, term.slug)
        if key not in self._term_keys:
            self._term_keys.add(key)
            self.terms.append(term)

    def _channel_element(self, element, name: str, ctx: Context, *, set_info: bool) -> None:  # type: ignore[no-untyped-def]
        if name == "wp:author":
            self._add_author(read_author(element, ctx))
        elif name in _TERM_KINDS:
            self._add_term(read_term(element, name, ctx))
        elif set_info and name in _INFO_FIELDS and not getattr(self.info, _INFO_FIELDS[name]):
            setattr(self.info, _INFO_FIELDS[name], text_of(element).strip())

    def _check_version(self, file: InputFile, stats: FileStats, seen_version: bool,
                       ctx: Context) -> None:
        ns_versions = sorted({v for uri in stats.namespaces.values()
                              if (v := wxr_namespace_version(uri or ""))})
        version = self.info.wxr_version
        log = self._header_log
        if not ns_versions:
            log.add("WXR123", "error", "no WordPress export namespace (http://wordpress.org/export/1.x/)"
                    " is declared on <rss>: this looks like a plain RSS feed", file=file.name, line=1,
                    action="read what could be read")
        if not seen_version:
            guess = ns_versions[-1] if ns_versions else "unknown"
            log.add("WXR120", "warning", f"no <wp:wxr_version>; the namespace says {guess}",
                    file=file.name, action=f"read as WXR {guess}")
        elif version and version not in KNOWN_WXR_VERSIONS:
            try:
                newer = tuple(int(p) for p in version.split(".")) > (1, 2)
            except ValueError:
                newer = False
            if newer:
                log.add("WXR122", "warning", f"WXR version {version} is newer than 1.2, the newest known",
                        file=file.name, action="read as WXR 1.2; unknown elements kept in extra")
            else:
                log.add("WXR121", "error", f"WXR version {version!r} is not a version number",
                        file=file.name, action="read as WXR 1.2")

    # -- posts -------------------------------------------------------------
    def posts(self) -> Iterator[Post]:
        """Stream every item of every part, in order."""
        return self._stream(None)

    def map_posts(self, function: Callable[[Post], T]) -> Iterator[T]:
        """``function(post)`` for every item, in order, as :meth:`posts` would give them.

        When the file is read in parallel, ``function`` runs in the worker
        processes beside the parse and only its results come back: a caller
        that needs a little of each post (an index entry) spares this process
        the posts themselves. ``function`` must pickle: a module-level
        function, or a ``functools.partial`` of one.
        """
        return self._stream(function)

    def _stream(self, function: Callable[[Post], Any] | None) -> Iterator[Any]:
        self._posts_log = DiagnosticLog()
        self.items_read = 0
        synthetic_id = 0
        for file in self.files:
            stats = FileStats()
            for kind, record, line in self._records(file, stats, function):
                if kind == "mapped":
                    self.items_read += 1
                    self.position = (file.name, line)
                    yield record
                    continue
                if kind == "author":
                    self._add_author(record)  # type: ignore[arg-type]
                    continue
                if kind == "term":
                    self._add_term(record)  # type: ignore[arg-type]
                    continue
                post: Post = record  # type: ignore[assignment]
                if post.id == 0:
                    guessed = id_from_url(post.guid) or id_from_url(post.url)
                    if guessed is None:
                        synthetic_id -= 1
                    post.id = guessed or synthetic_id
                    self._posts_log.add("WXR140", "warning", "an item without a post id",
                                        file=file.name, line=line,
                                        action=f"given the id {post.id}" + (
                                            " from its guid or link" if guessed else ""))
                self.items_read += 1
                self.position = (file.name, line)
                yield post if function is None else function(post)
            if stats.item_tags != stats.items_read:
                self._posts_log.add(
                    "WXR109", "error",
                    f"the file holds {stats.item_tags} <item> start tags but {stats.items_read} items "
                    "were read", file=file.name,
                    action="check the file: items may be damaged or lost" if stats.item_tags >
                    stats.items_read else "extra items were recovered")

    def _records(self, file: InputFile, stats: FileStats,
                 function: Callable[[Post], Any] | None) -> Iterator[Record]:
        """One file's items (and late authors and terms): in parallel when that is safe."""
        done = 0
        progress = _Progress(self.on_bytes)
        if self.pool is not None and can_read_in_parallel(file, self.pool):
            try:
                for record in parallel_records(file, self._posts_log, stats, pool=self.pool,
                                               max_field_size=self.max_field_size, on_bytes=progress.advance,
                                               function=function):
                    done += record[0] in ("item", "mapped")
                    yield record
                return
            except ChunkFailed:  # not clean XML after all, or an item too large to send: read on here
                stats.items_read = 0
        ctx = Context(self._posts_log, file.name, self.max_field_size)
        skip = done
        on_bytes = progress.again() if self.on_bytes else None
        parts = ItemParts()
        for kind, element in elements(file, self._posts_log, stats, on_bytes=on_bytes):
            if kind == "part":
                if not skip:  # else a part of an item read already
                    parts.add(element, ctx)
                continue
            if kind == "item":
                if skip:
                    skip -= 1
                    continue
                post, line = read_item(element, ctx, parts.take(element)), element.sourceline
                element.clear(keep_tail=True)  # its text is in the post now: not held twice while it is written
                yield "item", post, line
                continue
            name = canonical(element.tag)
            if name == "wp:author":
                yield "author", read_author(element, ctx), None
            elif name in _TERM_KINDS:
                yield "term", read_term(element, name, ctx), None

    def read(self) -> Site:
        """Everything, in memory."""
        posts = list(self.posts())
        return Site(info=self.info, authors=list(self.authors), terms=list(self.terms), posts=posts)


class _Progress:
    """Bytes read, told to ``on_bytes`` once each: a second pass over a file reports only what the first
    did not reach."""

    def __init__(self, on_bytes: Callable[[int], None] | None) -> None:
        self._on_bytes = on_bytes
        self.reported = 0

    def advance(self, size: int) -> None:
        self.reported += size
        if self._on_bytes is not None:
            self._on_bytes(size)

    def again(self) -> Callable[[int], None]:
        """An ``on_bytes`` for reading the file again from its start."""
        seen, already = 0, self.reported

        def advance(size: int) -> None:
            nonlocal seen
            new = max(0, seen + size - already) - max(0, seen - already)
            seen += size
            if new:
                self.advance(new)
        return advance


def open_wxr(*sources: InputLike, max_field_size: int = DEFAULT_MAX_FIELD_SIZE,
             on_bytes: Callable[[int], None] | None = None, pool: WorkerPool | None = None) -> WxrExport:
    """Open an export for streaming: paths, file objects, ``.gz``, ``.zip`` or split parts.

    With a ``pool`` (:func:`wxr_tools.workers.run_pool`), its workers read a large
    well-formed file beside this process; the posts come out in the same order
    and are the same either way.
    """
    return WxrExport(*sources, max_field_size=max_field_size, on_bytes=on_bytes, pool=pool)


def read_wxr(*sources: InputLike, max_field_size: int = DEFAULT_MAX_FIELD_SIZE,
             raise_on_loss: bool = False) -> Site:
    """Read a whole export into a :class:`Site`, its problems in ``site.diagnostics``.

    With ``raise_on_loss`` an export read with an error-level problem (a
    truncated file, an item that could not be read) raises
    :class:`~wxr_tools.errors.WxrDataLossError` instead of loading quietly.
    """
    export = open_wxr(*sources, max_field_size=max_field_size)
    site = export.read()
    site.diagnostics = export.diagnostics
    errors = [d for d in site.diagnostics if d.severity == "error"]
    if raise_on_loss and errors:
        raise WxrDataLossError(errors)
    return site


__all__ = ["DEFAULT_MAX_FIELD_SIZE", "WxrExport", "open_wxr", "read_wxr"]
