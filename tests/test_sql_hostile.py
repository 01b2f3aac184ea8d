"""Hostile strings load and read back byte-identical in SQLite, PostgreSQL and MySQL.

Every value goes through a dialect's escaping (scripts, loaded with the real
clients) or a driver's parameters (direct loading). PostgreSQL text cannot
hold NUL: the writers replace it with U+FFFD and report SQL005. No UTF-8 text
can hold a lone surrogate (half a UTF-16 pair): U+FFFD and SQL006 everywhere.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sql_support import LONE_SURROGATE, assert_same, drop_tables, load, mysql_dsn, pg_dsn  # noqa: F401 (fixtures)

from wxr_tools.model import Author, Comment, Meta, Post, Site, SiteInfo, Term, TermRef
from wxr_tools.source import SiteSource

HOSTILE = [
    "'", "''", "\\", "\\'", "'); DROP TABLE posts; --", "$$", "$body$", "E'\\x41'", "\\x41",
    "\\0", "\\n", "\\N", "\\.", "\n\\.\n", "😀", "𝄞", "\U0010ffff", "\r\n", "\r", "\n", "\t",
    "\x00", "\x1a", "--", "/*", "*/", ";", "`", '"', "%s", "%(x)s", ":name", ":'name'", "?", "\\g",
    "\\! rm -rf /", "DELIMITER //", "\u2028", "\ufeff", "é", "ß",
]
LARGE = 70_000
"""Characters of a large value: a piece repeated to this length (shown short when a test fails)."""

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
lone_surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
"""Half a UTF-16 pair: a Python str (a model built by a caller) can hold one, no database can."""
piece = st.lists(st.one_of(st.sampled_from(HOSTILE), text, lone_surrogate), max_size=12).map("".join)
hostile = st.tuples(piece, st.sampled_from([False, False, False, False, True]))


def expand(values: list[tuple[str, bool]]) -> list[str]:
    """Values from (piece, large) pairs: a large value repeats its piece to 70 000 characters."""
    return [
        (p or "'\\😀") * (LARGE // len(p or "'\\😀") + 1) if large else p
        for p, large in values
    ]


def hostile_site(values: list[str]) -> Site:
    """A site whose every free-text field is one of ``values``."""
    v = (values * 12)[:12]
    return Site(
        info=SiteInfo(title=v[0], description=v[1]),
        authors=[Author(login="author", display_name=v[2], bio=v[3])],
        terms=[Term(taxonomy="category", slug="hostile", name=v[4], description=v[5],
                    meta=[Meta(key="k", value=v[6])])],
        posts=[
            Post(id=1, title=v[7], content=v[8], excerpt=v[9], author="author",
                 terms=[TermRef(taxonomy="category", slug="hostile", name=v[4])],
                 meta=[Meta(key=v[10], value=v[11]), Meta(key="again", value=v[7])],
                 comments=[Comment(id=1, author_name=v[2], content=v[11],
                                   meta=[Meta(key="m", value=v[8])])]),
            Post(id=2, title=v[11], content=v[10]),
        ],
    )


def check_roundtrip(values: list[str], target: str, dsns: dict[str, str]) -> None:
    site = hostile_site(values)
    with tempfile.TemporaryDirectory() as tmp:
        loaded = load(target, SiteSource(site), Path(tmp), dsns)
        try:
            assert_same(loaded, site)
            nul = any("\x00" in value for value in values)
            codes = {d.code for d in loaded.report.diagnostics}
            assert ("SQL005" in codes) == (nul and not loaded.dialect.keeps_nul)
            assert ("SQL006" in codes) == any(LONE_SURROGATE.search(value) for value in values)
        finally:
            drop_tables(loaded)


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
EXAMPLE = [("'); DROP TABLE posts; --", False), ("$$", False), ("E'\\x41'", False),
           ("'\\$$😀\r\n\t%s", True), ("a\x00b", False), ("😀\r\n\t\\", False),
           ("\ud83d lone \ude00 halves, \U0001f600 a whole pair", False)]


def _property(target: str, dsn_fixture: str | None):
    @SETTINGS
    @given(values=st.lists(hostile, min_size=1, max_size=12))
    @example(values=EXAMPLE)
    def test(request, values):
        dsns = {} if dsn_fixture is None else {target.split("-")[0]: request.getfixturevalue(dsn_fixture)}
        check_roundtrip(expand(values), target, dsns)

    return test


test_hostile_sqlite_direct = _property("sqlite-direct", None)
test_hostile_sqlite_script = _property("sqlite-script", None)
test_hostile_postgres_direct = _property("postgres-direct", "pg_dsn")
test_hostile_postgres_script = _property("postgres-script", "pg_dsn")
test_hostile_mysql_direct = _property("mysql-direct", "mysql_dsn")
test_hostile_mysql_script = _property("mysql-script", "mysql_dsn")
