"""The relational schema of the model, defined once as data.

Every dialect renders these tables; every writer fills them in this order
(parents before children, so foreign keys hold at each statement). Column
names are the JSON field names of the model; other tools rely on them.

Parent pointers (``posts.parent``, ``comments.parent``, ``terms.parent``,
``posts.author``) keep the model's value and carry no foreign key: exports
routinely point at items they do not contain (replies to spam comments,
attachments of posts not exported, authors without ``wp:author``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .errors import SqlWriteError

ColumnType = Literal["int", "text", "key", "bool", "timestamp"]
"""``key`` is short text that appears in an index (VARCHAR(255) in MySQL);
``timestamp`` is a UTC time without offset; ``text`` is unbounded text."""


@dataclass(frozen=True)
class Column:
    """One column: its name and logical type."""

    name: str
    type: ColumnType
    nullable: bool = True


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that must match a key of another table."""

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Index:
    """A secondary index, named ``<prefix><table>_<suffix>``."""

    suffix: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of the schema."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[Index, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from ``name:type[!]`` words (``!`` = NOT NULL), to keep the tables readable."""
    columns = []
    for word in spec.split():
        name, _, type_ = word.partition(":")
        nullable = not type_.endswith("!")
        columns.append(Column(name, type_.rstrip("!"), nullable))  # type: ignore[arg-type]
    return tuple(columns)


SITES = Table(
    "sites",
    _columns(
        "id:int! model_version:int! title:text link:text description:text language:text"
        " base_site_url:text base_blog_url:text wxr_version:text generator:text pub_date:text"
    ),
    primary_key=("id",),
)

AUTHORS = Table(
    "authors",
    _columns(
        "login:key! id:int email:text display_name:text first_name:text last_name:text"
        " url:text bio:text"
    ),
    primary_key=("login",),
)

TERMS = Table(
    "terms",
    _columns("id:int! taxonomy:key! slug:key! name:text parent:text description:text"),
    primary_key=("id",),
    indexes=(Index("taxonomy_slug", ("taxonomy", "slug")),),
)

POSTS = Table(
    "posts",
    _columns(
        "id:int! type:key! status:key! title:text slug:text url:text guid:text author:text"
        " date:text date_gmt:timestamp modified:text modified_gmt:timestamp content:text"
        " excerpt:text parent:int menu_order:int! protected:bool! sticky:bool!"
        " comment_status:text ping_status:text attachment_url:text"
    ),
    primary_key=("id",),
    indexes=(
        Index("type_status_date", ("type", "status", "date_gmt")),
        Index("date_gmt", ("date_gmt",)),
        Index("parent", ("parent",)),
    ),
)

POST_TERMS = Table(
    "post_terms",
    _columns("post_id:int! term_id:int!"),
    primary_key=("post_id", "term_id"),
    foreign_keys=(
        ForeignKey(("post_id",), "posts", ("id",)),
        ForeignKey(("term_id",), "terms", ("id",)),
    ),
    indexes=(Index("term", ("term_id",)),),
)

POSTMETA = Table(
    "postmeta",
    _columns("id:int! post_id:int! key:text! value:text!"),
    primary_key=("id",),
    foreign_keys=(ForeignKey(("post_id",), "posts", ("id",)),),
    indexes=(Index("post", ("post_id",)),),
)

COMMENTS = Table(
    "comments",
    _columns(
        "id:int! post_id:int! parent:int type:key! status:key! author_name:text"
        " author_email:text author_url:text author_ip:text user_id:int date:text"
        " date_gmt:timestamp content:text"
    ),
    primary_key=("id",),
    foreign_keys=(ForeignKey(("post_id",), "posts", ("id",)),),
    indexes=(Index("post", ("post_id",)), Index("parent", ("parent",))),
)

COMMENTMETA = Table(
    "commentmeta",
    _columns("id:int! comment_id:int! key:text! value:text!"),
    primary_key=("id",),
    foreign_keys=(ForeignKey(("comment_id",), "comments", ("id",)),),
    indexes=(Index("comment", ("comment_id",)),),
)

TERMMETA = Table(
    "termmeta",
    _columns("id:int! term_id:int! key:text! value:text!"),
    primary_key=("id",),
    foreign_keys=(ForeignKey(("term_id",), "terms", ("id",)),),
    indexes=(Index("term", ("term_id",)),),
)

TABLES: tuple[Table, ...] = (
    SITES, AUTHORS, TERMS, TERMMETA, POSTS, POST_TERMS, POSTMETA, COMMENTS, COMMENTMETA,
)
"""Every table, parents before children: the order of creation and of inserts."""


FTS_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "posts_fts": ("posts", ("title", "content")),
    "comments_fts": ("comments", ("author_name", "content")),
}
"""SQLite FTS5 indexes: name -> (table indexed, columns indexed); rowid is the item's id."""

_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def check_prefix(prefix: str) -> str:
    """Return ``prefix`` if it is empty or a plain identifier; raise SqlWriteError otherwise."""
    if prefix and not _PREFIX.match(prefix):
        raise SqlWriteError(
            f"table prefix {prefix!r} must be letters, digits and underscores, not starting with a digit"
        )
    return prefix
