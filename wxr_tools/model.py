"""The neutral data model: plain typed records, no I/O.

Every reader produces these records and every writer consumes them. They are
msgspec Structs because one definition gives typed attributes, fast JSON
encoding and decoding, and a JSON Schema (see ``wxr_tools.schema``).

Field names are the JSON field names; other tools rely on them, so renaming a
field is a breaking change (bump ``MODEL_VERSION``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar

import msgspec

from .diagnostics import Diagnostic

MODEL_VERSION = 1
"""Major version of the model; JSON documents carry it and readers check it."""


# gc=False: strings only, never in a reference cycle, and a post may hold a million of them.
class Meta(msgspec.Struct, frozen=True, gc=False):
    """One key/value pair of post, comment or term meta (keys may repeat)."""

    key: str
    value: str


class TermRef(msgspec.Struct, frozen=True, gc=False):
    """A post's assignment to a term: taxonomy, slug and display name."""

    taxonomy: str
    slug: str
    name: str = ""
    """The name as WordPress stores it, HTML-escaped (``Books &amp; Reading``); see :attr:`display_name`."""

    @property
    def display_name(self) -> str:
        """The name as a reader sees it: WordPress's stored escaping undone (``Books & Reading``)."""
        return html.unescape(self.name)


class Comment(msgspec.Struct, kw_only=True):
    """A comment, pingback or trackback on a post."""

    id: int
    parent: int | None = None
    """Id of the comment this one replies to; None for a top-level comment."""
    type: str = "comment"
    """``comment``, ``pingback`` or ``trackback`` (an empty type in old exports is ``comment``)."""
    status: str = "approved"
    """``approved``, ``pending``, ``spam`` or ``trash``."""
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    user_id: int | None = None
    """Id of the registered user who wrote it; None for a visitor."""
    date: datetime | None = None
    """Local time of the site, with its UTC offset where it is known."""
    date_gmt: datetime | None = None
    content: str = ""
    """The comment as stored, with WordPress's filters already applied."""
    meta: list[Meta] = []


class Author(msgspec.Struct, kw_only=True):
    """A user who wrote posts: WXR ``wp:author`` or an author seen on a page."""

    login: str
    id: int | None = None
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    url: str = ""
    bio: str | None = None
    """The author's biography; None when the source does not say (core exports never do)."""


class Term(msgspec.Struct, kw_only=True):
    """A category, tag, menu, post format or custom taxonomy term."""

    taxonomy: str
    slug: str
    name: str = ""
    """The name as WordPress stores it, HTML-escaped (``Books &amp; Reading``); see :attr:`display_name`."""
    id: int | None = None
    parent: str | None = None
    """Slug of the parent term in the same taxonomy; None at the top."""
    description: str = ""
    meta: list[Meta] = []

    @property
    def display_name(self) -> str:
        """The name as a reader sees it: WordPress's stored escaping undone (``Books & Reading``)."""
        return html.unescape(self.name)


# dict=True: room for ``password``, kept beside the fields, never among them.
class Post(msgspec.Struct, kw_only=True, dict=True):
    """Any item of the export: post, page, attachment, nav_menu_item, wp_block, custom type."""

    id: int
    type: str = "post"
    status: str = "publish"
    """``publish``, ``draft``, ``pending``, ``private``, ``future``, ``trash``, ``inherit``, ..."""
    title: str = ""
    slug: str = ""
    """``post_name`` exactly as WordPress stored it (often percent-encoded; empty for drafts)."""
    url: str = ""
    """The permalink (WXR ``<link>``, or the page's canonical URL)."""
    guid: str = ""
    author: str = ""
    """Login of the author (``dc:creator``)."""
    date: datetime | None = None
    """Local publication time, with its UTC offset when ``date_gmt`` is known; None when unset."""
    date_gmt: datetime | None = None
    """Publication time in UTC; None when unset (``0000-00-00 00:00:00``, as drafts have)."""
    modified: datetime | None = None
    modified_gmt: datetime | None = None
    content: str = ""
    """The body exactly as exported (classic HTML, block markup, shortcodes)."""
    excerpt: str = ""
    excerpt_only: bool = False
    """Whether ``content`` is only the excerpt or teaser a listing showed (a post read from a home page or
    an archive, its own page not saved): the full text is not known."""
    parent: int | None = None
    """Id of the parent post (pages, attachments); None at the top."""
    menu_order: int = 0
    protected: bool = False
    """Whether the post is password-protected."""
    password: ClassVar[str | None] = None
    """The post's password (set it with ``post.password = ...``; it is no constructor argument).

    Kept beside the record, not in it: ``msgspec.json.encode(post)``, ``msgspec.to_builtins``
    and ``repr`` leave it out, as every writer does; :func:`wxr_tools.to_json` and
    ``--include-passwords`` write it when asked. Pickling, ``copy`` and :meth:`replaced`
    keep it; ``msgspec.structs.replace`` makes a record without it."""
    sticky: bool = False
    comment_status: str = ""
    ping_status: str = ""
    terms: list[TermRef] = []
    meta: list[Meta] = []
    attachment_url: str = ""
    comments: list[Comment] = []
    extra: list[Meta] = []
    """Item elements the model has no field for, by qualified name, so nothing is dropped."""

    def __reduce__(self) -> str | tuple[Any, ...]:
        if self.password is None:
            return super().__reduce__()
        return _post_with_password, (msgspec.structs.asdict(self), self.password)

    def replaced(self, **changes: Any) -> Post:
        """A copy with ``changes`` made to its fields, and the password kept."""
        copied = msgspec.structs.replace(self, **changes)
        if self.password is not None:
            copied.password = self.password
        return copied

    def __copy__(self) -> Post:
        return self.replaced()


def _post_with_password(fields: dict[str, Any], password: str) -> Post:
    """Unpickle a post with its password (which is no field, so the default pickling leaves it out)."""
    post = Post(**fields)
    post.password = password
    return post


class SiteInfo(msgspec.Struct, kw_only=True):
    """The channel's own data: what the site is and what wrote the export."""

    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    generator: str = ""
    pub_date: str = ""


class Site(msgspec.Struct, kw_only=True, dict=True):
    """A whole site: its channel data, authors, terms and posts.

    Its JSON form is the ``--to json`` document:
    ``{"model_version", "site", "authors", "terms", "posts"}``.
    """

    diagnostics: ClassVar[Sequence[Diagnostic]] = ()
    """The problems the reader found (``read_wxr`` sets them); not part of the JSON, not kept by copies."""

    model_version: int = MODEL_VERSION
    info: SiteInfo = msgspec.field(default_factory=SiteInfo, name="site")
    authors: list[Author] = []
    terms: list[Term] = []
    posts: list[Post] = []


__all__ = [
    "MODEL_VERSION",
    "Author",
    "Comment",
    "Meta",
    "Post",
    "Site",
    "SiteInfo",
    "Term",
    "TermRef",
]
