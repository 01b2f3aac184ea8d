"""Direct loading into PostgreSQL (psycopg 3, COPY) and MySQL/MariaDB (PyMySQL).

Values travel as driver parameters or COPY data, never as SQL text. The
drivers are optional extras: ``pip install 'wxr-tools[postgres]'`` or
``'wxr-tools[mysql]'``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ...source import Source
from .dialects import NulReplacer, get_dialect
from .errors import SqlWriteError
from .rows import SqlReport, batches
from .schema import TABLES, Table, check_prefix
from .script import index_statements, schema_statements

DEFAULT_BATCH_SIZE = 5_000


def _check_modes(schema_only: bool, data_only: bool) -> None:
    if schema_only and data_only:
        raise SqlWriteError("--schema-only and --data-only exclude each other; give at most one")


def load_postgres(
    source: Source,
    dsn: str,
    *,
    table_prefix: str = "",
    schema_only: bool = False,
    data_only: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> SqlReport:
    """Load ``source`` into the PostgreSQL database ``dsn`` in one transaction, by COPY batches.

    NUL characters, which PostgreSQL text cannot hold, are replaced by U+FFFD
    and reported (``SQL005``). On any error nothing is left behind.
    """
    _check_modes(schema_only, data_only)
    prefix = check_prefix(table_prefix)
    try:
        import psycopg
    except ImportError as error:
        raise SqlWriteError("loading into PostgreSQL needs psycopg: pip install 'wxr-tools[postgres]'") from error
    dialect = get_dialect("postgres")
    try:
        connection = psycopg.connect(dsn)
    except psycopg.Error as error:
        raise SqlWriteError(f"cannot connect to PostgreSQL: {error}") from error
    report = SqlReport(target=f"postgres database {connection.info.dbname}")
    nul = NulReplacer(dialect)
    copies = {
        table.name: f"COPY {dialect.table_name(table, prefix)}"
        f" ({', '.join(map(dialect.quote_ident, table.column_names))}) FROM STDIN"
        for table in TABLES
    }

    def copy_rows(table: Table, rows: list[tuple]) -> None:
        with connection.cursor() as cursor, cursor.copy(copies[table.name]) as copy:
            for row in rows:
                copy.write_row(nul.clean(table, row))

    try:
        with connection, connection.cursor() as cursor:
            for sql in dialect.preamble + tuple([] if data_only else schema_statements(dialect, prefix)):
                cursor.execute(sql)
            if not schema_only:
                for batch in batches(source, report, max_rows=batch_size):
                    for table, rows in batch:
                        copy_rows(table, rows)
            if not data_only:
                for sql in index_statements(dialect, prefix):
                    cursor.execute(sql)
    except psycopg.Error as error:
        raise SqlWriteError(f"loading into PostgreSQL failed, nothing was loaded: {error}") from error
    finally:
        connection.close()
    report.diagnostics.extend(nul.diagnostics())
    return report


def mysql_connect_args(dsn: str) -> dict[str, Any]:
    """PyMySQL connection arguments from ``mysql://user:password@host:port/database``."""
    parts = urlsplit(dsn)
    if parts.scheme not in ("mysql", "mariadb", "mysql+pymysql") or not parts.path.strip("/"):
        raise SqlWriteError(
            f"MySQL DSN must look like mysql://user:password@host:3306/database, not {parts.scheme}://..."
        )
    args: dict[str, Any] = {
        "host": parts.hostname or "localhost",
        "port": parts.port or 3306,
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "database": unquote(parts.path.strip("/")),
    }
    socket = parse_qs(parts.query).get("unix_socket")
    if socket:
        args["unix_socket"] = socket[0]
    return args


def load_mysql(
    source: Source,
    dsn: str,
    *,
    table_prefix: str = "",
    schema_only: bool = False,
    data_only: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> SqlReport:
    """Load ``source`` into the MySQL/MariaDB database ``dsn`` with batched ``executemany``.

    The data goes in one transaction; MySQL commits DDL at once, so after a
    failed load the (empty) tables remain.
    """
    _check_modes(schema_only, data_only)
    prefix = check_prefix(table_prefix)
    try:
        import pymysql
    except ImportError as error:
        raise SqlWriteError("loading into MySQL needs PyMySQL: pip install 'wxr-tools[mysql]'") from error
    dialect = get_dialect("mysql")
    args = mysql_connect_args(dsn)
    try:
        connection = pymysql.connect(**args, charset="utf8mb4", autocommit=False)
    except pymysql.Error as error:
        raise SqlWriteError(f"cannot connect to MySQL at {args['host']}:{args['port']}: {error}") from error
    report = SqlReport(target=f"mysql database {args['database']}")
    inserts = {
        table.name: f"INSERT INTO {dialect.table_name(table, prefix)}"
        f" ({', '.join(map(dialect.quote_ident, table.column_names))})"
        f" VALUES ({', '.join(['%s'] * len(table.columns))})"
        for table in TABLES
    }
    try:
        with connection.cursor() as cursor:
            for sql in dialect.preamble + tuple([] if data_only else schema_statements(dialect, prefix)):
                cursor.execute(sql)
            if not schema_only:
                for batch in batches(source, report, max_rows=batch_size):
                    for table, rows in batch:
                        cursor.executemany(inserts[table.name], rows)
                connection.commit()
            if not data_only:
                for sql in index_statements(dialect, prefix):
                    cursor.execute(sql)
    except pymysql.Error as error:
        connection.rollback()
        raise SqlWriteError(f"loading into MySQL failed, the data was rolled back: {error}") from error
    finally:
        connection.close()
    return report
