"""Model-level checks: each looks at the channel, then at the posts as they stream by.

A check keeps only ids, slugs and a few references, never content, so
memory grows with the number of items' ids, not with the size of the export.
Each check reports under one rule code (see :mod:`wxr_tools.validate.rules`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from ..model import Meta, Post
from ..readers.wxr import WxrExport
from .phpserial import SerializedError, check_serialized, looks_serialized

Where = tuple[str, "int | None"]
"""File and line of the item a finding is about."""
Emit = Callable[[str, str, Where], None]
"""``emit(code, message, where)`` records one finding."""

UNSLUGGED_STATUSES = frozenset({"draft", "pending", "auto-draft", "trash"})
"""Statuses WordPress gives no unique slug to (``wp_unique_post_slug`` skips them)."""


class Check:
    """One rule's check. Subclasses set ``code`` and override what they need."""

    code = ""

    def __init__(self, emit: Emit) -> None:
        self._emit = emit
        self.export: WxrExport | None = None

    def emit(self, message: str, where: Where) -> None:
        self._emit(self.code, message, where)

    def channel(self, export: WxrExport) -> None:
        """See the channel data (site, authors, terms) before any post."""
        self.export = export

    def post(self, post: Post, where: Where) -> None:
        """See one post (with its comments)."""

    def finish(self) -> None:
        """Report what could only be known once every post was seen."""

    @property
    def file(self) -> str:
        return self.export.files[0].name if self.export is not None else ""


class ChannelFields(Check):
    code = "WXR200"
    REQUIRED = (("link", "<link>", "the site's address"),
                ("base_site_url", "<wp:base_site_url>", "importers rewrite the site's URLs from it"))

    def channel(self, export: WxrExport) -> None:
        super().channel(export)
        for attribute, element, why in self.REQUIRED:
            if not getattr(export.info, attribute):
                self.emit(f"the channel has no {element} ({why})", (self.file, None))


class DuplicatePostIds(Check):
    code = "WXR201"

    def __init__(self, emit: Emit) -> None:
        super().__init__(emit)
        self.first: dict[int, Where] = {}

    def post(self, post: Post, where: Where) -> None:
        if post.id <= 0:  # no id in the file: the reader reports that (WXR140)
            return
        if post.id in self.first:
            self.emit(f"post id {post.id} is used again (first at {_at(self.first[post.id])})", where)
        else:
            self.first[post.id] = where


class DuplicateCommentIds(Check):
    code = "WXR202"

    def __init__(self, emit: Emit) -> None:
        super().__init__(emit)
        self.first: dict[int, Where] = {}

    def post(self, post: Post, where: Where) -> None:
        here: set[int] = set()
        for comment in post.comments:
            if comment.id <= 0:
                continue
            if comment.id in here:
                self.emit(f"comment id {comment.id} is used twice in this item", where)
            elif comment.id in self.first:
                self.emit(f"comment id {comment.id} is used again (first in the item at "
                          f"{_at(self.first[comment.id])})", where)
            else:
                self.first[comment.id] = where
            here.add(comment.id)


class DuplicateTermIds(Check):
    code = "WXR203"

    def finish(self) -> None:
        assert self.export is not None
        by_id: dict[tuple[str, int], list[str]] = {}
        for term in self.export.terms:  # ids shared across taxonomies are WordPress < 4.2's shared terms
            if term.id:
                by_id.setdefault((term.taxonomy, term.id), []).append(f"{term.taxonomy}:{term.slug}")
        for (_, term_id), names in by_id.items():
            if len(names) > 1:
                self.emit(f"term id {term_id} is used by {len(names)} terms: {', '.join(names)}", (self.file, None))


class MissingParent(Check):
    code = "WXR210"

    def __init__(self, emit: Emit) -> None:
        super().__init__(emit)
        self.ids: set[int] = set()
        self.pending: list[tuple[int, int, Where]] = []

    def post(self, post: Post, where: Where) -> None:
        self.ids.add(post.id)
        if post.parent is not None and post.parent not in self.ids:
            self.pending.append((post.parent, post.id, where))

    def finish(self) -> None:
        for parent, child, where in self.pending:
            if parent not in self.ids:
                self.emit(f"post {child} has post_parent {parent}, which is not in the export", where)


class MissingCommentParent(Check):
    code = "WXR211"

    def post(self, post: Post, where: Where) -> None:
        ids = {c.id for c in post.comments}
        for comment in post.comments:
            if comment.parent is not None and comment.parent not in ids:
                self.emit(f"comment {comment.id} of post {post.id} replies to comment {comment.parent}, "
                          "which is not among the post's comments", where)


class UndeclaredTerm(Check):
    code = "WXR212"

    def channel(self, export: WxrExport) -> None:
        super().channel(export)
        self.declared = {(t.taxonomy, t.slug) for t in export.terms}
        self.declared_names = {(t.taxonomy, t.name) for t in export.terms}
        self.taxonomies = {t.taxonomy for t in export.terms}
        self.reported: set[tuple[str, str]] = set()

    def post(self, post: Post, where: Where) -> None:
        for ref in post.terms:
            if ref.taxonomy not in self.taxonomies:
                continue  # the export declares no term of this taxonomy at all (a partial export)
            if (ref.taxonomy, ref.slug) in self.declared or (
                    not ref.slug and (ref.taxonomy, ref.name) in self.declared_names):
                continue
            key = (ref.taxonomy, ref.slug or ref.name)
            if key not in self.reported:
                self.reported.add(key)
                self.emit(f"post {post.id} is in {ref.taxonomy} {key[1]!r}, which the channel does not "
                          "declare", where)


class MissingThumbnail(Check):
    code = "WXR213"

    def __init__(self, emit: Emit) -> None:
        super().__init__(emit)
        self.attachments: set[int] = set()
        self.wanted: list[tuple[int, int, Where]] = []

    def post(self, post: Post, where: Where) -> None:
        if post.type == "attachment":
            self.attachments.add(post.id)
        for meta in post.meta:
            if meta.key == "_thumbnail_id":
                value = meta.value.strip()
                if value.isdigit() and int(value):
                    self.wanted.append((int(value), post.id, where))

    def finish(self) -> None:
        if not self.attachments:
            return  # no attachment exported at all (a partial export): nothing to compare with
        for thumbnail, post_id, where in self.wanted:
            if thumbnail not in self.attachments:
                self.emit(f"post {post_id} has _thumbnail_id {thumbnail}, which is not an attachment "
                          "of the export", where)


class UnknownAuthor(Check):
    code = "WXR214"

    def __init__(self, emit: Emit) -> None:
        super().__init__(emit)
        self.logins: dict[str, tuple[int, Where]] = {}

    def post(self, post: Post, where: Where) -> None:
        if post.author and post.author not in self.logins:
            self.logins[post.author] = (post.id, where)

    def finish(self) -> None:
        assert self.export is not None
        known = {a.login for a in self.export.authors}
        if not known:
            return  # exports without <wp:author> (WXR 1.0, missing-tags) are normal
        for login, (post_id, where) in self.logins.items():
            if login not in known:
                self.emit(f"post {post_id} is by {login!r} (dc:creator), who is not among the export's "
                          "authors", where)


def _offset(local: datetime | None, gmt: datetime | None) -> timedelta | None:
    if local is None or gmt is None or local.tzinfo is None:
        return None  # unset, or already reported by the reader (WXR131)
    return local.replace(tzinfo=None) - gmt.replace(tzinfo=None)


class DatesDisagree(Check):
    code = "WXR220"

    def post(self, post: Post, where: Where) -> None:
        pairs = [("post_date", post.date, post.date_gmt), ("post_modified", post.modified, post.modified_gmt)]
        pairs += [(f"comment {c.id} date", c.date, c.date_gmt) for c in post.comments]
        for what, local, gmt in pairs:
            offset = _offset(local, gmt)
            if offset is not None and offset.total_seconds() % 900:
                self.emit(f"{what} of post {post.id} and its GMT time are {_span(offset)} apart; time "
                          "zones are whole quarter hours apart", where)


class InconsistentOffsets(Check):
    code = "WXR221"
    PLAUSIBLE = 2
    """A site in one time zone shows at most two offsets (standard and daylight saving time)."""

    def __init__(self, emit: Emit) -> None:
        super().__init__(emit)
        self.offsets: Counter[timedelta] = Counter()

    def post(self, post: Post, where: Where) -> None:
        offset = _offset(post.date, post.date_gmt)
        if offset is not None and not offset.total_seconds() % 900:  # odd ones are WXR220's
            self.offsets[offset] += 1

    def finish(self) -> None:
        if len(self.offsets) > self.PLAUSIBLE:
            listed = ", ".join(f"{_span(o)} ({n})" for o, n in self.offsets.most_common())
            self.emit(f"posts use {len(self.offsets)} different UTC offsets: {listed}", (self.file, None))


def _is_aside(post: Post) -> bool:
    return any(t.taxonomy == "post_format" for t in post.terms)


class PublishedWithoutTitle(Check):
    code = "WXR230"

    def post(self, post: Post, where: Where) -> None:
        if post.status == "publish" and post.type in ("post", "page") and not post.title.strip() \
                and not _is_aside(post):
            self.emit(f"published {post.type} {post.id} has no title", where)


class PublishedWithoutSlug(Check):
    code = "WXR231"

    def post(self, post: Post, where: Where) -> None:
        if post.status == "publish" and post.type != "nav_menu_item" and not post.slug:
            self.emit(f"published {post.type} {post.id} has no slug (wp:post_name)", where)


class SlugCollision(Check):
    code = "WXR232"

    def __init__(self, emit: Emit) -> None:
        super().__init__(emit)
        self.first: dict[tuple[str, int, str], tuple[int, Where]] = {}

    def post(self, post: Post, where: Where) -> None:
        if not post.slug or post.status in UNSLUGGED_STATUSES or post.type == "nav_menu_item":
            return  # menu items' slugs are their ids: WXR201 reports those
        key = (post.type, post.parent or 0, post.slug)
        if key not in self.first:
            self.first[key] = (post.id, where)
            return
        other, other_where = self.first[key]
        parent = f" under parent {post.parent}" if post.parent else ""
        self.emit(f"{post.type} {post.id} has the slug {post.slug!r}{parent}, like {post.type} {other} "
                  f"at {_at(other_where)}", where)


class BrokenSerializedMeta(Check):
    code = "WXR240"

    def channel(self, export: WxrExport) -> None:
        super().channel(export)
        for term in export.terms:
            self._check(term.meta, f"term {term.taxonomy}:{term.slug}", (self.file, None))

    def post(self, post: Post, where: Where) -> None:
        self._check(post.meta, f"post {post.id}", where)
        for comment in post.comments:
            self._check(comment.meta, f"comment {comment.id} of post {post.id}", where)

    def _check(self, meta: list[Meta], owner: str, where: Where) -> None:
        for pair in meta:
            if not looks_serialized(pair.value):
                continue
            try:
                check_serialized(pair.value)
            except SerializedError as exc:
                self.emit(f"meta {pair.key!r} of {owner} is PHP-serialized data that will not unserialize: "
                          f"{exc}{_crlf_hint(pair.value)}", where)


def _crlf_hint(value: str) -> str:
    """Say so when the lengths count CRLF line ends, which XML parsing turns into LF."""
    try:
        check_serialized(value.replace("\n", "\r\n"))
    except SerializedError:
        return ""
    return " (its lengths count CRLF line ends that XML turns into LF; importers drop it too)"


def _at(where: Where) -> str:
    file, line = where
    return f"{file}:{line}" if line is not None else file


def _span(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}" + (f":{seconds % 60:02d}" if seconds % 60 else "")
