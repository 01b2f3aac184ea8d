"""Turns a streamed site into batches of table rows, for every SQL writer.

Shared by every SQL writer, so the same model gives the same rows whatever
the database. Rows are tuples in the column order of ``schema``; values are
None, bool, int or str (timestamps as ``YYYY-MM-DD HH:MM:SS`` UTC text,
local times as ISO 8601 with offset, like the JSON output). A batch holds
whole posts and is handed over parents first, so foreign keys hold at every
statement; it is bounded in rows and in characters of text, so memory does
not grow with the export.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ...diagnostics import Diagnostic, Severity
from ...model import Meta, Post
from ...source import Source
from ..contract import WriteReport
from .schema import TABLES, Table

Row = tuple

Batch = list[tuple[Table, list[Row]]]
"""Rows by table, parents first; only tables with rows appear."""

BATCH_CHARS = 1_000_000
"""Hand a batch over once its posts' text reaches this many characters, however few rows."""
ROWS_BETWEEN_CUTS = 10_000
"""Meta rows (or comments) of one post between the places where a batch may end."""

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair, alone: no UTF-8 text (so no database) can hold it."""

LISTED_PER_CODE = 20
"""Diagnostics of one code listed one by one; the rest are counted (one post in 100,000 undeclared
categories would otherwise hold 100,000 of them in memory)."""


@dataclass
class SqlReport(WriteReport):
    """What a SQL writer did: rows written by table, and the problems it met."""

    rows: dict[str, int] = field(default_factory=lambda: {t.name: 0 for t in TABLES})
    met: dict[str, int] = field(default_factory=dict)
    """How many problems of each code were met, listed or not."""

    def summary(self) -> dict[str, Any]:
        return {"posts_written": self.rows["posts"], "rows": self.rows}

    def warn(self, code: str, message: str, action: str, severity: Severity = "warning") -> None:
        self.met[code] = self.met.get(code, 0) + 1
        if self.met[code] <= LISTED_PER_CODE:
            self.diagnostics.append(Diagnostic(code=code, severity=severity, message=message, action=action))

    def count_unlisted(self) -> None:
        """One more diagnostic for each code met more often than listed, saying how many more."""
        for code, count in self.met.items():
            if count > LISTED_PER_CODE:
                more = count - LISTED_PER_CODE
                self.diagnostics.append(Diagnostic(code=code, severity="info", action="the same as above",
                                                   message=f"{more} more of {code} not listed one by one"))


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
    """Makes the rows of one site into per-table buffers, keeping keys unique and references whole.

    Duplicate post, comment, author and term keys are skipped with a
    diagnostic; a term a post uses but the export does not declare is added.
    It remembers post and comment ids (sets of ints) to do so.
    """

    def __init__(self, source: Source, report: SqlReport) -> None:
        self.source = source
        self.report = report
        self.buffers: dict[str, list[Row]] = {t.name: [] for t in TABLES}
        self.pending_rows = 0
        self.pending_chars = 0
        self.term_ids: dict[tuple[str, str], int] = {}
        self.next_term_id = 1
        self.post_ids: set[int] = set()
        self.comment_ids: set[int] = set()
        self.meta_ids = {"postmeta": 0, "commentmeta": 0, "termmeta": 0}
        self.surrogates: dict[str, list] = {}
        """``table.column`` -> [values with lone surrogates, first row's key]."""

    def take(self) -> Batch:
        """The buffered rows, parents first, counted in the report; the buffers start again."""
        batch = [(table, self.buffers[table.name]) for table in TABLES if self.buffers[table.name]]
        for table, rows in batch:
            self.report.rows[table.name] += len(rows)
            self.buffers[table.name] = []
            if _LONE_SURROGATE.search("".join([v for row in rows for v in row if type(v) is str])):
                rows[:] = [self._without_surrogates(table, row) for row in rows]  # rare: clean only then
        self.pending_rows = self.pending_chars = 0
        return batch

    def _without_surrogates(self, table: Table, row: Row) -> Row:
        cleaned = list(row)
        for i, value in enumerate(row):
            if type(value) is str and _LONE_SURROGATE.search(value):
                cleaned[i] = _LONE_SURROGATE.sub("\ufffd", value)
                entry = self.surrogates.setdefault(f"{table.name}.{table.columns[i].name}", [0, row[0]])
                entry[0] += 1
        return tuple(cleaned)

    def report_surrogates(self) -> None:
        for where, (count, first) in self.surrogates.items():
            self.report.warn("SQL006", f"{count} value(s) of {where} held lone surrogates (half a UTF-16 pair),"
                             f" which no UTF-8 text can hold (first in row {first!r})",
                             "replaced each by U+FFFD")

    def add_channel(self) -> None:
        """Rows of ``sites``, ``authors``, ``terms`` and ``termmeta``."""
        info = self.source.info
        self.buffers["sites"].append((
            1, 1, info.title, info.link, info.description, info.language,
            info.base_site_url, info.base_blog_url, info.wxr_version, info.generator, info.pub_date,
        ))
        logins: set[str] = set()
        authors = self.buffers["authors"]
        for author in self.source.authors:
            if author.login in logins:
                self.report.warn("SQL003", f"author {author.login!r} appears twice", "kept the first")
                continue
            logins.add(author.login)
            authors.append((
                author.login, author.id, author.email, author.display_name,
                author.first_name, author.last_name, author.url, author.bio,
            ))
        self.next_term_id = max((t.id for t in self.source.terms if t.id is not None), default=0) + 1
        taken: set[int] = set()
        terms = self.buffers["terms"]
        for term in self.source.terms:
            key = (term.taxonomy, term.slug)
            if key in self.term_ids:
                self.report.warn("SQL003", f"term {term.taxonomy}/{term.slug} appears twice", "kept the first")
                continue
            term_id = term.id if term.id is not None and term.id not in taken else self._new_term_id()
            taken.add(term_id)
            self.term_ids[key] = term_id
            terms.append((term_id, term.taxonomy, term.slug, term.name, term.parent, term.description))
            self._add_meta("termmeta", term_id, term.meta)
        self.pending_rows += len(self.source.authors) + len(terms)

    def add_post(self, post: Post) -> Iterator[None]:
        """Rows of one post: the post, its terms, meta, comments and comment meta.

        Yields where a batch may end inside the post (a parent's row always before its
        children's): a post of a million meta rows is handed over in batches too.
        """
        if post.id in self.post_ids:
            self.report.warn("SQL001", f"post id {post.id} appears twice", "kept the first, skipped this one")
            return
        self.post_ids.add(post.id)
        buffers = self.buffers
        buffers["posts"].append((
            post.id, post.type, post.status, post.title, post.slug, post.url, post.guid, post.author,
            local_text(post.date), utc_text(post.date_gmt),
            local_text(post.modified), utc_text(post.modified_gmt),
            post.content, post.excerpt, post.parent, post.menu_order, post.protected, post.sticky,
            post.comment_status, post.ping_status, post.attachment_url,
        ))
        self.pending_rows += 1 + len(post.terms)
        self.pending_chars += len(post.content) + len(post.title) + len(post.excerpt)
        if post.terms:
            self._add_post_terms(post)
        for start in range(0, len(post.meta), ROWS_BETWEEN_CUTS):
            yield
            self._add_meta("postmeta", post.id, post.meta[start:start + ROWS_BETWEEN_CUTS])
        for number, comment in enumerate(post.comments):
            if number % ROWS_BETWEEN_CUTS == 0:
                yield
            if comment.id in self.comment_ids:
                self.report.warn(
                    "SQL002", f"comment id {comment.id} appears twice (post {post.id})",
                    "kept the first, skipped this one",
                )
                continue
            self.comment_ids.add(comment.id)
            buffers["comments"].append((
                comment.id, post.id, comment.parent, comment.type, comment.status,
                comment.author_name, comment.author_email, comment.author_url, comment.author_ip,
                comment.user_id, local_text(comment.date), utc_text(comment.date_gmt), comment.content,
            ))
            self.pending_rows += 1
            self.pending_chars += len(comment.content)
            if comment.meta:
                self._add_meta("commentmeta", comment.id, comment.meta)

    def _add_post_terms(self, post: Post) -> None:
        seen: set[int] = set()
        post_terms = self.buffers["post_terms"]
        for ref in post.terms:
            term_id = self.term_ids.get((ref.taxonomy, ref.slug))
            if term_id is None:
                term_id = self.term_ids[(ref.taxonomy, ref.slug)] = self._new_term_id()
                self.report.warn(
                    "SQL004",
                    f"post {post.id} uses term {ref.taxonomy}/{ref.slug}, which the export does not declare",
                    "added the term", severity="info",
                )
                self.buffers["terms"].append((term_id, ref.taxonomy, ref.slug, ref.name, None, ""))
            if term_id not in seen:
                seen.add(term_id)
                post_terms.append((post.id, term_id))

    def _add_meta(self, table: str, owner: int, meta: list[Meta]) -> None:
        """Buffer meta rows, counting them and their values' characters as pending."""
        rows = self.buffers[table]
        next_id = self.meta_ids[table]
        chars = 0
        for item in meta:
            next_id += 1
            rows.append((next_id, owner, item.key, item.value))
            chars += len(item.value)
        self.meta_ids[table] = next_id
        self.pending_rows += len(meta)
        self.pending_chars += chars

    def _new_term_id(self) -> int:
        self.next_term_id += 1
        return self.next_term_id - 1


def batches(source: Source, report: SqlReport, *, max_rows: int,
            max_chars: int = BATCH_CHARS) -> Iterator[Batch]:
    """Every row of ``source`` in batches of whole posts, streaming the posts.

    A batch is emptied once the consumer asks for the next, so only one is
    ever held, whatever the consumer keeps referring to.
    """
    builder = RowBuilder(source, report)
    builder.add_channel()
    for post in source.posts():
        for _ in builder.add_post(post):
            if builder.pending_rows >= max_rows or builder.pending_chars >= max_chars:
                yield from _handed_over(builder.take())
        if builder.pending_rows >= max_rows or builder.pending_chars >= max_chars:
            yield from _handed_over(builder.take())
    yield from _handed_over(builder.take())
    builder.report_surrogates()
    report.count_unlisted()


def _handed_over(batch: Batch) -> Iterator[Batch]:
    if batch:
        yield batch
        for _, rows in batch:
            rows.clear()
