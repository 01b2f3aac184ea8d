"""The CLI's entry point for SQL: each target, and the option combinations it refuses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sql_support import pg_dsn  # noqa: F401 (fixture)

from wxr_tools import open_wxr
from wxr_tools.writers.sql import SqlWriteError, write_sql_target

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "awen-therapy.xml"


def test_sqlite_target_writes_the_file(tmp_path: Path) -> None:
    report = write_sql_target("sqlite", open_wxr(FIXTURE), out=tmp_path / "site.db", table_prefix="wp_")
    with sqlite3.connect(tmp_path / "site.db") as connection:
        assert connection.execute("SELECT COUNT(*) FROM wp_posts").fetchone() == (3,)
    assert report.rows["posts"] == 3


def test_sql_target_writes_utf8_to_standard_output(capsysbinary) -> None:
    report = write_sql_target("sql", open_wxr(FIXTURE), out="-", dialect="postgres")
    script = capsysbinary.readouterr().out.decode("utf-8")
    assert script.startswith("-- wxr-tools SQL script for PostgreSQL")
    assert "Sometimes…" in script and report.target == "-"


def test_postgres_target_loads_through_the_dsn(pg_dsn: str) -> None:
    import psycopg

    report = write_sql_target("postgres", open_wxr(FIXTURE), dsn=pg_dsn, table_prefix="target_")
    with psycopg.connect(pg_dsn) as connection:
        assert connection.execute("SELECT COUNT(*) FROM target_comments").fetchone() == (2,)
        for table in reversed(list(report.rows)):
            connection.execute(f'DROP TABLE "target_{table}"')


@pytest.mark.parametrize("to, options, message", [
    ("sqlite", {}, "give --out site.db"),
    ("sqlite", {"out": "-"}, "give --out site.db"),
    ("sqlite", {"out": "x.db", "schema_only": True}, "always writes a whole new database"),
    ("sqlite", {"out": "x.db", "dialect": "mysql"}, "--dialect goes with --to sql"),
    ("sql", {"dsn": "mysql://x@y/z"}, "--dsn goes with --to postgres or --to mysql"),
    ("postgres", {}, "give --dsn postgresql://"),
    ("mysql", {}, "give --dsn mysql://"),
    ("mysql", {"dsn": "mysql://x@y/z", "out": "dump.sql"}, "did you mean --to sql"),
    ("oracle", {}, "choose one of: sqlite, sql, postgres, mysql"),
])
def test_option_combinations_that_make_no_sense_are_refused(tmp_path: Path, monkeypatch, to: str,
                                                            options: dict, message: str) -> None:
    monkeypatch.chdir(tmp_path)  # relative --out paths would land here: nothing must be written
    with pytest.raises(SqlWriteError, match=message.replace("(", r"\(")):
        write_sql_target(to, open_wxr(FIXTURE), **options)
    assert list(tmp_path.iterdir()) == []
