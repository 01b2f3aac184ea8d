"""Test support for the SQL writers: server databases, loaders and read-back.

Each server fixture creates its own uniquely named database and drops it at
the end; without a reachable server the tests that need it are skipped.
Every load goes into its own table prefix, so one database serves many loads.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import sqlite3
import subprocess
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from wxr_tools.model import Site
from wxr_tools.source import Source
from wxr_tools.writers.sql import (SqliteOptions, SqlScriptOptions, get_dialect, load_mysql, load_postgres, write_sql,
                                   write_sqlite)

PG = dict(host="127.0.0.1", port=5432, user="postgres")
MY = dict(host="127.0.0.1", port=3306, user="root", password="")
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"

_prefixes = itertools.count(1)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def new_prefix() -> str:
    """A table prefix no other load in this session uses."""
    return f"t{next(_prefixes)}_"


@pytest.fixture(scope="session")
def pg_dsn():
    """DSN of a fresh PostgreSQL database, dropped after the session."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(**PG, dbname="test", autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        pytest.skip(f"no PostgreSQL server reachable at 127.0.0.1:5432 as postgres ({error})")
    name = f"wxr_sql_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    try:
        yield f"host=127.0.0.1 port=5432 user=postgres dbname={name}"
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="session")
def mysql_dsn():
    """DSN of a fresh MySQL/MariaDB database, dropped after the session."""
    pymysql = pytest.importorskip("pymysql")
    try:
        admin = pymysql.connect(**MY, autocommit=True, connect_timeout=3)
    except pymysql.Error as error:
        pytest.skip(f"no MySQL/MariaDB server reachable at 127.0.0.1:3306 as root ({error})")
    name = f"wxr_sql_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
    try:
        yield f"mysql://root@127.0.0.1:3306/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE `{name}`")
        admin.close()


def client(*names: str) -> str:
    """The path of the first of these database clients installed; skip the test when none is."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip(f"no {' or '.join(names)} client installed (apt-get install {names[0]})")


class Loaded:
    """A database a site was loaded into: how to query it, and the writer's report."""

    def __init__(self, dialect: str, connect, prefix: str, report) -> None:
        self.dialect = get_dialect(dialect)
        self.connect = connect
        self.prefix = prefix
        self.report = report
        self._connection = None

    def query(self, sql: str) -> list[tuple]:
        if self._connection is None:
            self._connection = self.connect()
        cursor = self._connection.cursor()
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]

    def execute_all(self, statements: list[str]) -> None:
        """Run statements in one transaction, then close the connection."""
        self.query("SELECT 1")
        cursor = self._connection.cursor()
        for sql in statements:
            cursor.execute(sql)
        self._connection.commit()
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def table(self, name: str) -> str:
        return self.dialect.table_name(name, self.prefix)

    def select(self, table: str, columns: str, order: str = "id") -> list[tuple]:
        q = self.dialect.quote_ident
        cols = ", ".join(q(c) for c in columns.split())
        rows = self.query(f"SELECT {cols} FROM {self.table(table)} ORDER BY {', '.join(q(c) for c in order.split())}")
        return [tuple(_normal(v) for v in row) for row in rows]

    def counts(self) -> dict[str, int]:
        from wxr_tools.writers.sql import TABLES

        return {t.name: self.query(f"SELECT COUNT(*) FROM {self.table(t.name)}")[0][0] for t in TABLES}


def _normal(value):
    """Driver values in one form: datetimes as SQLite's text, bools as 0/1."""
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, bool):
        return int(value)
    return value


def load(target: str, source: Source, tmp: Path, dsns: dict[str, str], *,
         prefix: str | None = None, schema_only: bool = False, data_only: bool = False) -> Loaded:
    """Load ``source`` into ``target`` (``<dialect>-<script|direct>``), under a new prefix unless given."""
    prefix = new_prefix() if prefix is None else prefix
    modes = {"schema_only": schema_only, "data_only": data_only}
    dialect, how = target.split("-")
    if dialect == "sqlite":
        path = tmp / f"{prefix}.db"
        if how == "direct":
            report = write_sqlite(source, path, SqliteOptions(table_prefix=prefix))  # always a whole new file
        else:
            script = tmp / f"{prefix}.sqlite.sql"
            report = write_sql(source, script, SqlScriptOptions(dialect="sqlite", table_prefix=prefix, **modes))
            run([client("sqlite3"), "-bail", str(path)], stdin=script)
        return Loaded("sqlite", lambda: sqlite3.connect(path), prefix, report)
    if dialect == "postgres":
        import psycopg

        dsn = dsns["postgres"]
        if how == "direct":
            report = load_postgres(source, dsn, table_prefix=prefix, **modes)
        else:
            script = tmp / f"{prefix}.pg.sql"
            report = write_sql(source, script, SqlScriptOptions(dialect="postgres", table_prefix=prefix, **modes))
            run([client("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", str(script)])
        return Loaded("postgres", lambda: psycopg.connect(dsn), prefix, report)
    import pymysql

    from wxr_tools.writers.sql.direct import mysql_connect_args

    dsn = dsns["mysql"]
    args = mysql_connect_args(dsn)
    if how == "direct":
        report = load_mysql(source, dsn, table_prefix=prefix, **modes)
    else:
        script = tmp / f"{prefix}.my.sql"
        report = write_sql(source, script, SqlScriptOptions(dialect="mysql", table_prefix=prefix, **modes))
        run([client("mariadb", "mysql"), "-h", args["host"], "-P", str(args["port"]), "-u", args["user"],
             args["database"]], stdin=script)
    return Loaded("mysql", lambda: pymysql.connect(**args, charset="utf8mb4"), prefix, report)


def run(command: list[str], stdin: Path | None = None) -> None:
    """Run a database client; fail the test with its error output."""
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as feed:
        result = subprocess.run(command, stdin=feed, capture_output=True, timeout=300)
    assert result.returncode == 0 and not result.stderr.strip(), (
        f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.decode(errors='replace')[:2000]}"
    )


def empty_tables(loaded: Loaded) -> None:
    """Delete every row of a load's tables (children first), keeping the schema for the next load."""
    from wxr_tools.writers.sql import TABLES

    loaded.execute_all([f"DELETE FROM {loaded.table(t.name)}" for t in reversed(TABLES)])


def drop_tables(loaded: Loaded) -> None:
    """Drop a load's tables from a server database (children first)."""
    if loaded.dialect.name == "sqlite":
        loaded.close()
        return
    from wxr_tools.writers.sql import TABLES

    loaded.execute_all([f"DROP TABLE IF EXISTS {loaded.table(t.name)}" for t in reversed(TABLES)])


def expected_rows(site: Site, keeps_nul: bool = True) -> dict[str, object]:
    """What the tables must hold, computed from the model independently of the writers."""
    def fix(value):
        """The value as a database can hold it: lone surrogates (and NUL where refused) made U+FFFD."""
        if value is None:
            return None
        value = LONE_SURROGATE.sub("\ufffd", value)
        return value if keeps_nul else value.replace("\x00", "\ufffd")

    posts, comments, postmeta, commentmeta = {}, {}, [], []
    for post in site.posts:
        if post.id in posts:
            continue
        posts[post.id] = (post.id, fix(post.title), fix(post.content), fix(post.excerpt))
        postmeta += [(post.id, fix(m.key), fix(m.value)) for m in post.meta]
        for comment in post.comments:
            if comment.id in comments:
                continue
            comments[comment.id] = (comment.id, post.id, comment.parent, fix(comment.author_name), fix(comment.content))
            commentmeta += [(comment.id, fix(m.key), fix(m.value)) for m in comment.meta]
    declared = {}
    for term in site.terms:
        declared.setdefault((term.taxonomy, term.slug), term)
    termmeta = [(fix(m.key), fix(m.value)) for t in declared.values() for m in t.meta]
    used = {(r.taxonomy, r.slug) for p in posts_by_id(site).values() for r in p.terms}
    pairs = {(p.id, r.taxonomy, r.slug) for p in posts_by_id(site).values() for r in p.terms}
    return {
        "counts": {
            "sites": 1,
            "authors": len({a.login for a in site.authors}),
            "terms": len(set(declared) | used),
            "termmeta": len(termmeta),
            "posts": len(posts),
            "post_terms": len(pairs),
            "postmeta": len(postmeta),
            "comments": len(comments),
            "commentmeta": len(commentmeta),
        },
        "posts": sorted(posts.values()),
        "postmeta": postmeta,
        "comments": sorted(comments.values()),
        "commentmeta": commentmeta,
        "termmeta": termmeta,
        "terms": sorted((t.taxonomy, t.slug, fix(t.name), fix(t.description)) for t in declared.values()),
    }


def posts_by_id(site: Site) -> dict:
    first = {}
    for post in site.posts:
        first.setdefault(post.id, post)
    return first


def actual_rows(loaded: Loaded) -> dict[str, object]:
    """The same view as :func:`expected_rows`, read back from the database."""
    declared_terms = loaded.select("terms", "taxonomy slug name description", order="taxonomy slug")
    return {
        "counts": loaded.counts(),
        "posts": loaded.select("posts", "id title content excerpt"),
        "postmeta": loaded.select("postmeta", "post_id key value"),
        "comments": loaded.select("comments", "id post_id parent author_name content"),
        "commentmeta": loaded.select("commentmeta", "comment_id key value"),
        "termmeta": loaded.select("termmeta", "key value"),
        "terms": declared_terms,
    }


def assert_same(loaded: Loaded, site: Site) -> None:
    """The database holds exactly what the model says (NUL replaced where the database refuses it)."""
    expected = expected_rows(site, keeps_nul=loaded.dialect.keeps_nul)
    actual = actual_rows(loaded)
    # Terms a post uses without the export declaring them are added with an empty description.
    declared = {(t[0], t[1]) for t in expected["terms"]}
    actual["terms"] = [t for t in actual["terms"] if (t[0], t[1]) in declared]
    for key in expected:
        assert actual[key] == expected[key], _first_difference(loaded, key, actual[key], expected[key])


def _first_difference(loaded: Loaded, key: str, actual, expected) -> str:
    """A short message naming the first differing row (values can be 70 KB long)."""
    if isinstance(actual, dict):
        return f"{loaded.dialect.name} {key}: {actual} != {expected}"
    if len(actual) != len(expected):
        return f"{loaded.dialect.name} {key}: {len(actual)} rows read back, {len(expected)} expected"
    for got, want in zip(actual, expected):
        if got != want:
            for i, (g, w) in enumerate(zip(got, want)):
                if g != w:
                    at = next((j for j, (a, b) in enumerate(zip(g, w)) if a != b), min(len(g), len(w))) \
                        if isinstance(g, str) and isinstance(w, str) else 0
                    return (f"{loaded.dialect.name} {key} row {want[0]!r} column {i}: "
                            f"read back {_clip(g, at)} expected {_clip(w, at)}")
    return f"{loaded.dialect.name} {key} differ"


def _clip(value, at: int) -> str:
    if not isinstance(value, str):
        return repr(value)
    return f"{len(value)} chars, at {at}: {value[max(0, at - 10):at + 20]!r}"

