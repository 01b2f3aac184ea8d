"""Direct loading into PostgreSQL and MariaDB: failures, connection strings, column types."""

from __future__ import annotations

from pathlib import Path

import pytest
from sql_support import load, mysql_dsn, new_prefix, pg_dsn  # noqa: F401 (fixtures)

from wxr_tools import open_wxr
from wxr_tools.model import Post, Site
from wxr_tools.source import SiteSource
from wxr_tools.writers.sql import SqlWriteError, load_mysql, load_postgres
from wxr_tools.writers.sql.direct import mysql_connect_args

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "awen-therapy.xml"


def test_a_failed_postgres_load_leaves_nothing_behind(pg_dsn: str) -> None:
    import psycopg

    prefix = new_prefix()
    with psycopg.connect(pg_dsn, autocommit=True) as connection:
        connection.execute(f'CREATE TABLE "{prefix}comments" (x int)')  # the load will collide here
    with pytest.raises(SqlWriteError, match="nothing was loaded"):
        load_postgres(open_wxr(FIXTURE), pg_dsn, table_prefix=prefix)
    with psycopg.connect(pg_dsn) as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE %s", (prefix + "%",)
        ).fetchall()
        connection.execute(f'DROP TABLE "{prefix}comments"')
    assert tables == [(f"{prefix}comments",)]


def test_a_failed_mysql_load_rolls_the_data_back(mysql_dsn: str) -> None:
    import pymysql

    args = mysql_connect_args(mysql_dsn)
    site = Site(posts=[Post(id=1, type="x" * 300)])  # longer than VARCHAR(255): strict mode refuses it
    prefix = new_prefix()
    with pytest.raises(SqlWriteError, match="rolled back"):
        load_mysql(SiteSource(site), mysql_dsn, table_prefix=prefix)
    with pymysql.connect(**args) as connection, connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM `{prefix}sites`")
        assert cursor.fetchone() == (0,)


def test_server_column_types_are_real_types(pg_dsn: str, mysql_dsn: str, tmp_path: Path) -> None:
    pg = load("postgres-direct", open_wxr(FIXTURE), tmp_path, {"postgres": pg_dsn})
    types = dict(pg.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = "
        f"'{pg.prefix}posts'"))
    assert types["date_gmt"] == "timestamp without time zone"
    assert types["protected"] == "boolean" and types["id"] == "bigint" and types["content"] == "text"
    assert pg.query(f"SELECT date_gmt::text FROM {pg.table('posts')} WHERE id = 7") == [("2012-11-26 20:00:00",)]
    pg.close()
    my = load("mysql-direct", open_wxr(FIXTURE), tmp_path, {"mysql": mysql_dsn})
    row = my.query("SELECT CHARACTER_SET_NAME, COLLATION_NAME, DATA_TYPE FROM information_schema.columns"
                   f" WHERE table_schema = DATABASE() AND table_name = '{my.prefix}posts' AND column_name = 'content'")
    assert row == [("utf8mb4", "utf8mb4_bin", "longtext")]
    my.close()


def test_mysql_dsn_gives_connection_arguments() -> None:
    assert mysql_connect_args("mysql://us%40er:p%3Ass@db.example:3307/blog") == {
        "host": "db.example", "port": 3307, "user": "us@er", "password": "p:ss", "database": "blog",
    }
    assert mysql_connect_args("mariadb://root@localhost/x?unix_socket=/run/mysqld/mysqld.sock")["unix_socket"] \
        == "/run/mysqld/mysqld.sock"
    with pytest.raises(SqlWriteError, match="mysql://user:password@host:3306/database"):
        mysql_connect_args("postgresql://root@localhost/x")
    with pytest.raises(SqlWriteError, match="mysql://user:password@host:3306/database"):
        mysql_connect_args("mysql://root@localhost")


def test_unreachable_servers_give_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    pytest.importorskip("pymysql")
    with pytest.raises(SqlWriteError, match="cannot connect to PostgreSQL"):
        load_postgres(SiteSource(Site()), "host=127.0.0.1 port=1 user=x dbname=x connect_timeout=2")
    with pytest.raises(SqlWriteError, match="cannot connect to MySQL at 127.0.0.1:1"):
        load_mysql(SiteSource(Site()), "mysql://root@127.0.0.1:1/x")
