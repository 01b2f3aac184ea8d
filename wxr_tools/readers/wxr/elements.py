"""WXR elements to model records: one function per kind of element."""

from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from lxml import etree
from slugify import slugify

from ...diagnostics import DiagnosticLog
from ...model import Author, Comment, Meta, Post, Term, TermRef
from .namespaces import canonical

UNSET_DATES = ("", "0000-00-00 00:00:00", "0000-00-00")
COMMENT_STATUS = {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash",
                  "post-trashed": "trash", "approve": "approved", "hold": "pending"}
MAX_OFFSET = timedelta(hours=14)


class Context:
    """Where an element came from, for diagnostics, and limits."""

    def __init__(self, log: DiagnosticLog, file: str, max_field_size: int) -> None:
        self.log = log
        self.file = file
        self.max_field_size = max_field_size
        self.custom_types: set[str] = set()
        """Post types not WordPress's own, reported once each (an export may hold thousands)."""


POST_STATUSES = frozenset({"publish", "future", "draft", "pending", "private", "trash", "auto-draft", "inherit",
                           "request-pending", "request-confirmed", "request-failed", "request-completed"})
"""The statuses WordPress core registers (``register_post_status``); any other reads as ``draft``."""
CORE_POST_TYPES = frozenset({
    "post", "page", "attachment", "revision", "nav_menu_item", "custom_css", "customize_changeset",
    "oembed_cache", "user_request", "wp_block", "wp_template", "wp_template_part", "wp_global_styles",
    "wp_navigation", "wp_font_family", "wp_font_face"})
"""The post types WordPress core registers; others (a plugin's ``product``) are kept and reported."""


def _status(raw: str, element: etree._Element, ctx: Context, extra: list[Meta]) -> str:
    """The item's status as WordPress reads it: a missing or unknown one makes a draft, never a publication.

    ``wp_insert_post`` stores an empty status as ``draft``; an unknown one (a
    plugin's, or a damaged file) is not trusted to mean public. The raw value
    is kept in ``extra`` so nothing is lost.
    """
    status = raw.strip()
    if status in POST_STATUSES:
        return status
    if status:
        extra.append(Meta(key="wp:status", value=status))
    what = f"status {status!r} is not one WordPress registers" if status else "an item without a <wp:status>"
    ctx.log.add("WXR141", "warning", what, file=ctx.file, line=element.sourceline,
                action="read as draft" + ("; the value is kept in extra as wp:status" if status else ""))
    return "draft"


def _post_type(raw: str, element: etree._Element, ctx: Context) -> str:
    post_type = raw.strip() or "post"
    if post_type not in CORE_POST_TYPES and post_type not in ctx.custom_types:
        ctx.custom_types.add(post_type)
        ctx.log.add("WXR142", "info", f"post type {post_type!r} is not one of WordPress's own (a plugin's or "
                    "a theme's)", file=ctx.file, line=element.sourceline, action="kept with its type")
    return post_type


def text_of(element: etree._Element) -> str:
    """All text of an element: its text, or its markup when it holds child elements."""
    if not len(element):
        return element.text or ""
    inner = [element.text or ""]
    for child in element:
        inner.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(inner)


def _field(element: etree._Element, ctx: Context) -> str:
    value = text_of(element)
    if len(value) > ctx.max_field_size:
        ctx.log.add("WXR111", "error",
                    f"<{canonical(element.tag)}> holds {len(value):,} characters, over the limit of "
                    f"{ctx.max_field_size:,}", file=ctx.file, line=element.sourceline,
                    action="truncated to the limit")
        value = value[: ctx.max_field_size]
    return value


MAX_INT = 2**63 - 1
"""Largest whole number kept: what SQLite, PostgreSQL and MySQL store as a signed 64-bit integer."""


def _int(value: str, what: str, element: etree._Element, ctx: Context) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:  # also a number of more than 4,300 digits, which Python refuses to parse
        number = None
    if number is None or abs(number) > MAX_INT:
        ctx.log.add("WXR132", "warning", f"{what} {value[:40]!r} is not a whole number a database can hold",
                    file=ctx.file, line=element.sourceline, action="left unset")
        return None
    return number


_ID_IN_URL = re.compile(r"[?&](?:p|page_id|attachment_id)=0*(\d{1,19})(?!\d)")


def id_from_url(url: str) -> int | None:
    """The post id in a ``?p=N`` / ``?page_id=N`` URL (the guid of most posts), else None."""
    match = _ID_IN_URL.search(url)
    number = int(match.group(1)) if match else None
    return number if number is not None and number <= MAX_INT else None


def _parent_id(value: int | None) -> int | None:
    return value if value else None


@lru_cache(maxsize=256)
def _zone(minutes: int) -> timezone:
    return timezone.utc if minutes == 0 else timezone(timedelta(minutes=minutes))


def _datetime(value: str, what: str, element: etree._Element, ctx: Context) -> datetime | None:
    value = value.strip()
    if value in UNSET_DATES:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        ctx.log.add("WXR130", "warning", f"{what} {value!r} is not a date", file=ctx.file,
                    line=element.sourceline, action="left unset")
        return None


def dates(local: datetime | None, gmt: datetime | None, element: etree._Element,
          ctx: Context) -> tuple[datetime | None, datetime | None]:
    """Local and GMT times as aware values; the local UTC offset comes from the pair."""
    if gmt is not None:
        gmt = gmt.replace(tzinfo=timezone.utc)
    if local is None or gmt is None or local.tzinfo is not None:  # an offset written out says the zone
        return local, gmt
    offset = local - gmt.replace(tzinfo=None)
    minutes = round(offset.total_seconds() / 60)
    if abs(offset) > MAX_OFFSET:
        ctx.log.add("WXR131", "warning",
                    f"local time {local} and GMT time {gmt:%Y-%m-%d %H:%M:%S} are {offset} apart, "
                    "more than any time zone", file=ctx.file, line=element.sourceline,
                    action="local time kept without an offset")
        return local, gmt
    return local.replace(tzinfo=_zone(minutes)), gmt


def _meta(element: etree._Element, ctx: Context) -> Meta:
    key = value = ""
    for child in element:
        name = canonical(child.tag)
        if name == "wp:meta_key":
            key = sys.intern(child.text or "" if not len(child) else text_of(child))  # keys repeat a lot
        elif name == "wp:meta_value":
            value = _field(child, ctx)
    return Meta(key=key, value=value)


def read_author(element: etree._Element, ctx: Context) -> Author:
    fields: dict[str, str] = {}
    for child in element:
        fields[canonical(child.tag)] = text_of(child)
    bio = fields.get("wp:author_description", fields.get("wp:author_bio"))
    return Author(
        login=fields.get("wp:author_login", "").strip(),
        id=_int(fields.get("wp:author_id", ""), "author id", element, ctx),
        email=fields.get("wp:author_email", "").strip(),
        display_name=fields.get("wp:author_display_name", "").strip(),
        first_name=fields.get("wp:author_first_name", "").strip(),
        last_name=fields.get("wp:author_last_name", "").strip(),
        bio=bio,
    )


_TERM_FIELDS = {
    "wp:category": ("category", "wp:category_nicename", "wp:cat_name", "wp:category_parent",
                    "wp:category_description"),
    "wp:tag": ("post_tag", "wp:tag_slug", "wp:tag_name", None, "wp:tag_description"),
    "wp:term": (None, "wp:term_slug", "wp:term_name", "wp:term_parent", "wp:term_description"),
}


def read_term(element: etree._Element, kind: str, ctx: Context) -> Term:
    taxonomy, slug_key, name_key, parent_key, description_key = _TERM_FIELDS[kind]
    fields: dict[str, str] = {}
    meta: list[Meta] = []
    for child in element:
        name = canonical(child.tag)
        if name == "wp:termmeta":
            meta.append(_meta(child, ctx))
        else:
            fields[name] = text_of(child)
    parent = fields.get(parent_key, "").strip() if parent_key else ""
    return Term(
        taxonomy=taxonomy or fields.get("wp:term_taxonomy", "").strip(),
        slug=fields.get(slug_key, "").strip(),
        name=fields.get(name_key, ""),
        id=_int(fields.get("wp:term_id", ""), "term id", element, ctx),
        parent=parent or None,
        description=fields.get(description_key, ""),
        meta=meta,
    )


def read_comment(element: etree._Element, ctx: Context) -> Comment:
    fields: dict[str, str] = {}
    meta: list[Meta] = []
    for child in element:
        name = canonical(child.tag)
        if name == "wp:commentmeta":
            meta.append(_meta(child, ctx))
        elif name == "wp:comment_content":
            fields[name] = _field(child, ctx)
        else:
            fields[name] = text_of(child)
    status_raw = fields.get("wp:comment_approved", "1").strip()
    local, gmt = dates(
        _datetime(fields.get("wp:comment_date", ""), "comment date", element, ctx),
        _datetime(fields.get("wp:comment_date_gmt", ""), "comment GMT date", element, ctx),
        element, ctx,
    )
    user_id = _int(fields.get("wp:comment_user_id", ""), "comment user id", element, ctx)
    return Comment(
        id=_int(fields.get("wp:comment_id", ""), "comment id", element, ctx) or 0,
        parent=_parent_id(_int(fields.get("wp:comment_parent", ""), "comment parent", element, ctx)),
        type=fields.get("wp:comment_type", "").strip() or "comment",
        status=COMMENT_STATUS.get(status_raw, status_raw or "approved"),
        author_name=fields.get("wp:comment_author", ""),
        author_email=fields.get("wp:comment_author_email", "").strip(),
        author_url=fields.get("wp:comment_author_url", "").strip(),
        author_ip=fields.get("wp:comment_author_IP", "").strip(),
        user_id=user_id or None,
        date=local,
        date_gmt=gmt,
        content=fields.get("wp:comment_content", ""),
        meta=meta,
    )


class ItemParts:
    """The meta rows, comments and categories of the item being parsed, read as each ends.

    The parser hands them over one by one and frees them (:data:`PART_NAMES`),
    so an item of a million meta rows never stands whole in the tree; ``read_item``
    takes them when the item ends.
    """

    def __init__(self) -> None:
        self._item: etree._Element | None = None
        self._reset()

    def _reset(self) -> None:
        self.meta: list[Meta] = []
        self.comments: list[Comment] = []
        self.terms: list[TermRef] = []
        self.bare_categories: list[str] = []

    def add(self, element: etree._Element, ctx: Context) -> None:
        """Read one part; a part of another item than the last (a re-read after repairs) starts afresh."""
        item = element.getparent()
        if item is not self._item:
            self._item = item
            self._reset()
        name = canonical(element.tag)
        if name == "wp:postmeta":
            self.meta.append(_meta(element, ctx))
        elif name == "wp:comment":
            self.comments.append(read_comment(element, ctx))
        else:
            _category(element, self.terms, self.bare_categories)

    def take(self, item: etree._Element) -> ItemParts | None:
        """The parts read of ``item`` (handed over once), or None."""
        if item is not self._item:
            return None
        taken = ItemParts()
        taken.meta, taken.comments, taken.terms, taken.bare_categories = (
            self.meta, self.comments, self.terms, self.bare_categories)
        self._item = None
        self._reset()
        return taken


def _category(element: etree._Element, terms: list[TermRef], bare_categories: list[str]) -> None:
    domain = element.get("domain")
    if domain:
        terms.append(TermRef(taxonomy=domain, slug=(element.get("nicename") or "").strip(),
                             name=text_of(element)))
    else:
        bare_categories.append(text_of(element))


# Item elements the model keeps in fields; the rest go to Post.extra.
_IGNORED_ITEM_FIELDS = frozenset({"pubDate", "description"})
_LARGE_ITEM_FIELDS = frozenset({"content:encoded", "excerpt:encoded"})


def read_item(element: etree._Element, ctx: Context, parts: ItemParts | None = None) -> Post:
    """One ``<item>`` as a :class:`Post`; post id None when the item has none.

    ``parts`` are its meta rows, comments and categories read already, as they ended: what is
    left of them in the tree is an empty shell.
    """
    values: dict[str, str] = {}
    streamed = parts is not None
    parts = parts or ItemParts()
    terms, bare_categories, meta, comments = parts.terms, parts.bare_categories, parts.meta, parts.comments
    extra: list[Meta] = []
    scalars = _SCALAR_ITEM_FIELDS
    for child in element:
        name = canonical(child.tag)
        if streamed and name in PART_NAMES:
            continue
        if name in scalars:  # the common case first: ids, dates, statuses (never markup)
            values[name] = child.text or ""
        elif name in _TEXT_ITEM_FIELDS:
            values[name] = text_of(child)
        elif name == "category":
            _category(child, terms, bare_categories)
        elif name == "wp:postmeta":
            meta.append(_meta(child, ctx))
        elif name == "wp:comment":
            comments.append(read_comment(child, ctx))
        elif name in _LARGE_ITEM_FIELDS:
            values[name] = _field(child, ctx)
        elif name in _IGNORED_ITEM_FIELDS and not (child.text or "").strip():
            continue
        elif name:
            extra.append(Meta(key=name, value=text_of(child)))
    # WordPress 2.x wrote each category twice: with a domain and without; keep one of each.
    named = {(t.taxonomy, t.name) for t in terms}
    for name in bare_categories:
        if ("category", name) not in named:
            terms.append(TermRef(taxonomy="category", slug=slugify(name), name=name))
            named.add(("category", name))
    local, gmt = dates(
        _datetime(values.get("wp:post_date", ""), "post date", element, ctx),
        _datetime(values.get("wp:post_date_gmt", ""), "post GMT date", element, ctx),
        element, ctx,
    )
    modified, modified_gmt = dates(
        _datetime(values.get("wp:post_modified", ""), "modified date", element, ctx),
        _datetime(values.get("wp:post_modified_gmt", ""), "modified GMT date", element, ctx),
        element, ctx,
    )
    password = values.get("wp:post_password", "")
    post_id = _int(values.get("wp:post_id", ""), "post id", element, ctx)
    post = Post(
        id=post_id if post_id is not None else 0,
        type=_post_type(values.get("wp:post_type", ""), element, ctx),
        status=_status(values.get("wp:status", ""), element, ctx, extra),
        title=values.get("title", ""),
        slug=values.get("wp:post_name", "").strip(),
        url=values.get("link", "").strip(),
        guid=values.get("guid", "").strip(),
        author=values.get("dc:creator", "").strip(),
        date=local,
        date_gmt=gmt,
        modified=modified,
        modified_gmt=modified_gmt,
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        parent=_parent_id(_int(values.get("wp:post_parent", ""), "post parent", element, ctx)),
        menu_order=_int(values.get("wp:menu_order", ""), "menu order", element, ctx) or 0,
        protected=bool(password),
        sticky=values.get("wp:is_sticky", "0").strip() == "1",
        comment_status=values.get("wp:comment_status", "").strip(),
        ping_status=values.get("wp:ping_status", "").strip(),
        terms=terms,
        meta=meta,
        attachment_url=values.get("wp:attachment_url", "").strip(),
        comments=comments,
        extra=extra,
    )
    if password:
        post.password = password
    return post


PART_NAMES = frozenset({"wp:postmeta", "wp:comment", "category"})
"""Item elements the parser hands over as each ends, then frees (:class:`ItemParts` reads them): an item
with a million meta rows or comments never stands whole in the tree."""
_TEXT_ITEM_FIELDS = frozenset({"title", "link", "guid", "dc:creator"})
_SCALAR_ITEM_FIELDS = frozenset({
    "wp:post_id", "wp:post_date", "wp:post_date_gmt",
    "wp:post_modified", "wp:post_modified_gmt", "wp:comment_status", "wp:ping_status",
    "wp:post_name", "wp:status", "wp:post_parent", "wp:menu_order", "wp:post_type",
    "wp:post_password", "wp:is_sticky", "wp:attachment_url",
})
