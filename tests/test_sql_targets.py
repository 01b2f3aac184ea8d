"""The SQL targets through the writer registry: each one, and the option combinations it refuses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sql_support import pg_dsn  # noqa: F401 (fixture)

from wxr_tools.convert import convert
from wxr_tools.errors import WxrToolsError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "awen-therapy.xml"


def test_sqlite_target_writes_the_file(tmp_path: Path) -> None:
    result = convert([FIXTURE], to="sqlite", out=tmp_path / "site.db", table_prefix="wp_")
    with sqlite3.connect(tmp_path / "site.db") as connection:
        assert connection.execute("SELECT COUNT(*) FROM wp_posts").fetchone() == (3,)
    assert result.posts_written == 3 and result.summary["rows"]["comments"] == 2


def test_sql_target_writes_utf8_to_standard_output(capsysbinary) -> None:
    result = convert([FIXTURE], to="sql", out="-", dialect="postgres")
    script = capsysbinary.readouterr().out.decode("utf-8")
    assert script.startswith("-- wxr-tools SQL script for PostgreSQL")
    assert "Sometimes…" in script and result.out == "-" and result.posts_written == 3


def test_postgres_target_loads_through_the_dsn(pg_dsn: str) -> None:
    import psycopg

    result = convert([FIXTURE], to="postgres", dsn=pg_dsn, table_prefix="target_")
    with psycopg.connect(pg_dsn) as connection:
        assert connection.execute("SELECT COUNT(*) FROM target_comments").fetchone() == (2,)
        for table in reversed(list(result.summary["rows"])):
            connection.execute(f'DROP TABLE "target_{table}"')


@pytest.mark.parametrize("to, options, message", [
    ("sqlite", {"out": "-"}, "--to sqlite writes a database file, not standard output"),
    ("sqlite", {"out": "x.db", "schema_only": True}, "--schema-only goes with --to sql or postgres or mysql"),
    ("sqlite", {"out": "x.db", "dialect": "mysql"}, "--dialect goes with --to sql, not --to sqlite"),
    ("sql", {"dsn": "mysql://x@y/z"}, "--dsn goes with --to postgres or mysql"),
    ("postgres", {}, "--to postgres loads into a server: give --dsn"),
    ("mysql", {}, "--to mysql loads into a server: give --dsn"),
    ("mysql", {"dsn": "mysql://x@y/z", "out": "dump.sql"}, "--out is not used"),
    ("oracle", {}, "choose one of: markdown, json, jsonl, sqlite, sql, postgres, mysql"),
])
def test_option_combinations_that_make_no_sense_are_refused(tmp_path: Path, monkeypatch, to: str,
                                                            options: dict, message: str) -> None:
    monkeypatch.chdir(tmp_path)  # relative --out paths would land here: nothing must be written
    with pytest.raises(WxrToolsError) as raised:
        convert([FIXTURE], to=to, **options)
    assert message in f"{raised.value} (hint: {raised.value.hint})"
    assert list(tmp_path.iterdir()) == []
