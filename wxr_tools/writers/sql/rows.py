"""Turns a streamed site into table rows, and batches them for a writer.

Shared by every SQL writer, so the same model gives the same rows whatever
the database. Rows are tuples in the column order of ``schema``; values are
None, bool, int or str (timestamps as ``YYYY-MM-DD HH:MM:SS`` UTC text,
local times as ISO 8601 with offset, like the JSON output).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ...diagnostics import Diagnostic
from ...model import Meta, Post
from ...source import Source
from .schema import TABLES, Table

Row = tuple

BATCH_CHARS = 4_000_000
"""Flush a batch once its bulk text reaches this many characters, however few rows it has."""

_BULK_COLUMN = {
    table.name: table.column_names.index(name)
    for table in TABLES for name in ("content", "value") if name in table.column_names
}


def row_size(table: str, row: Row) -> int:
    """Characters of a row's bulk text column (content or meta value): what makes a batch large."""
    index = _BULK_COLUMN.get(table)
    return 0 if index is None else len(row[index] or "")


@dataclass
class SqlReport:
    """What a SQL writer did: rows written by table, and the problems it met."""

    target: str
    rows: dict[str, int] = field(default_factory=lambda: {t.name: 0 for t in TABLES})
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, code: str, message: str, action: str, severity: str = "warning") -> None:
        self.diagnostics.append(
            Diagnostic(code=code, severity=severity, message=message, action=action)  # type: ignore[arg-type]
        )


def utc_text(value: datetime | None) -> str | None:
    """A UTC time as ``YYYY-MM-DD HH:MM:SS`` (naive values are taken as UTC)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.isoformat(" ")


def local_text(value: datetime | None) -> str | None:
    """A local time in ISO 8601, with its offset when known (as in the JSON output)."""
    return None if value is None else value.isoformat()


class RowBuilder:
    """Makes the rows of one site, keeping keys unique and references whole.

    Duplicate post, comment, author and term keys are skipped with a
    diagnostic; a term a post uses but the export does not declare is added.
    It remembers post and comment ids (a set of ints) to do so.
    """

    def __init__(self, source: Source, report: SqlReport) -> None:
        self.source = source
        self.report = report
        self.term_ids: dict[tuple[str, str], int] = {}
        self.next_term_id = 1
        self.post_ids: set[int] = set()
        self.comment_ids: set[int] = set()
        self.meta_ids = {"postmeta": 0, "commentmeta": 0, "termmeta": 0}

    def channel_rows(self) -> Iterator[tuple[str, Row]]:
        """Rows of ``sites``, ``authors``, ``terms`` and ``termmeta``."""
        info = self.source.info
        yield "sites", (
            1, 1, info.title, info.link, info.description, info.language,
            info.base_site_url, info.base_blog_url, info.wxr_version, info.generator, info.pub_date,
        )
        logins: set[str] = set()
        for author in self.source.authors:
            if author.login in logins:
                self.report.warn("SQL003", f"author {author.login!r} appears twice", "kept the first")
                continue
            logins.add(author.login)
            yield "authors", (
                author.login, author.id, author.email, author.display_name,
                author.first_name, author.last_name, author.url, author.bio,
            )
        used_ids = {t.id for t in self.source.terms if t.id is not None}
        self.next_term_id = max(used_ids, default=0) + 1
        taken: set[int] = set()
        for term in self.source.terms:
            key = (term.taxonomy, term.slug)
            if key in self.term_ids:
                self.report.warn(
                    "SQL003", f"term {term.taxonomy}/{term.slug} appears twice", "kept the first"
                )
                continue
            term_id = term.id if term.id is not None and term.id not in taken else self._new_term_id()
            taken.add(term_id)
            self.term_ids[key] = term_id
            yield "terms", (term_id, term.taxonomy, term.slug, term.name, term.parent, term.description)
            yield from self._meta_rows("termmeta", term_id, term.meta)

    def post_rows(self, post: Post) -> Iterator[tuple[str, Row]]:
        """Rows of one post: the post, its terms, meta, comments and comment meta."""
        if post.id in self.post_ids:
            self.report.warn("SQL001", f"post id {post.id} appears twice", "kept the first, skipped this one")
            return
        self.post_ids.add(post.id)
        yield "posts", (
            post.id, post.type, post.status, post.title, post.slug, post.url, post.guid, post.author,
            local_text(post.date), utc_text(post.date_gmt),
            local_text(post.modified), utc_text(post.modified_gmt),
            post.content, post.excerpt, post.parent, post.menu_order, post.protected, post.sticky,
            post.comment_status, post.ping_status, post.attachment_url,
        )
        seen_terms: set[int] = set()
        for ref in post.terms:
            term_id = self.term_ids.get((ref.taxonomy, ref.slug))
            if term_id is None:
                term_id = self.term_ids[(ref.taxonomy, ref.slug)] = self._new_term_id()
                self.report.warn(
                    "SQL004", f"post {post.id} uses term {ref.taxonomy}/{ref.slug}, which the export does not declare",
                    "added the term", severity="info",
                )
                yield "terms", (term_id, ref.taxonomy, ref.slug, ref.name, None, "")
            if term_id not in seen_terms:
                seen_terms.add(term_id)
                yield "post_terms", (post.id, term_id)
        yield from self._meta_rows("postmeta", post.id, post.meta)
        for comment in post.comments:
            if comment.id in self.comment_ids:
                self.report.warn(
                    "SQL002", f"comment id {comment.id} appears twice (post {post.id})", "kept the first, skipped this one"
                )
                continue
            self.comment_ids.add(comment.id)
            yield "comments", (
                comment.id, post.id, comment.parent, comment.type, comment.status,
                comment.author_name, comment.author_email, comment.author_url, comment.author_ip,
                comment.user_id, local_text(comment.date), utc_text(comment.date_gmt), comment.content,
            )
            yield from self._meta_rows("commentmeta", comment.id, comment.meta)

    def _meta_rows(self, table: str, owner: int, meta: list[Meta]) -> Iterator[tuple[str, Row]]:
        for item in meta:
            self.meta_ids[table] += 1
            yield table, (self.meta_ids[table], owner, item.key, item.value)

    def _new_term_id(self) -> int:
        self.next_term_id += 1
        return self.next_term_id - 1


class Batcher:
    """Buffers rows by table and hands them over in batches, parents first.

    When any table's buffer is full, every buffer is flushed in schema order,
    so a child row never reaches the database before its parent.
    """

    def __init__(self, flush: Callable[[Table, list], None], report: SqlReport,
                 batch_size: int, max_bytes: int | None = None,
                 after_flush: Callable[[], None] | None = None) -> None:
        self.flush_table = flush
        self.after_flush = after_flush
        self.report = report
        self.batch_size = batch_size
        self.max_bytes = max_bytes
        self.buffers: dict[str, list] = {t.name: [] for t in TABLES}
        self.pending_bytes = 0

    def add(self, table: str, row: object, size: int = 0) -> None:
        """Buffer one row (a tuple, or its rendered text of ``size`` characters)."""
        buffer = self.buffers[table]
        buffer.append(row)
        self.pending_bytes += size
        if len(buffer) >= self.batch_size or (
            self.max_bytes is not None and self.pending_bytes >= self.max_bytes
        ):
            self.flush()

    def flush(self) -> None:
        for table in TABLES:
            buffer = self.buffers[table.name]
            if buffer:
                self.flush_table(table, buffer)
                self.report.rows[table.name] += len(buffer)
                self.buffers[table.name] = []
        self.pending_bytes = 0
        if self.after_flush is not None:
            self.after_flush()


def site_rows(source: Source, report: SqlReport) -> Iterator[tuple[str, Row]]:
    """Every row of ``source`` as ``(table name, row)``, streaming the posts."""
    builder = RowBuilder(source, report)
    yield from builder.channel_rows()
    for post in source.posts():
        yield from builder.post_rows(post)
