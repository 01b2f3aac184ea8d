"""A SQLite database file, written directly, with full-text indexes.

The file is built under a temporary name next to the target and renamed
when complete, so a failed run leaves no half database. During the build
the journal and fsync are off (the temporary file is thrown away on error
anyway); indexes and the FTS5 tables are built after the bulk load.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from ...source import Source
from ...workers import WorkerPool
from .dialects import Dialect, get_dialect
from .errors import SqlWriteError
from .options import SqliteOptions
from .rows import SqlReport, batches
from .schema import TABLES
from .script import fts_create_statements, fts_rebuild_statements, index_statements, schema_statements

DEFAULT_BATCH_SIZE = 5_000


def write_sqlite(
    source: Source,
    out: str | os.PathLike[str],
    options: SqliteOptions = SqliteOptions(),
    *,
    pool: WorkerPool | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    fts: bool = True,
) -> SqlReport:
    """Write ``source`` to a new SQLite database at ``out``, replacing any file there only when complete.

    The database is built in a temporary file beside ``out`` and renamed into
    place: an interrupted run leaves the previous file as it was.
    """
    if out is None or not isinstance(out, (str, os.PathLike)) or os.fspath(out) in ("", "-"):
        raise SqlWriteError("--to sqlite writes a database file", hint="give --out site.db")
    prefix = options.table_prefix
    target = Path(out)
    dialect = get_dialect("sqlite")
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise SqlWriteError(f"cannot create a database next to {target}: {error.strerror}") from error
    os.close(fd)
    report = SqlReport(format="sqlite", target=str(target))
    try:
        connection = sqlite3.connect(temp_name, isolation_level=None)
        try:
            _build(connection, source, prefix, batch_size, fts, report, dialect)
        finally:
            connection.close()
        _replace(temp_name, target)
        report.posts_written = report.rows["posts"]
    except BaseException as error:
        os.unlink(temp_name)
        if isinstance(error, sqlite3.Error):
            raise SqlWriteError(f"cannot write SQLite database {target}: {error}") from error
        raise
    return report


def _replace(temp_name: str, target: Path) -> None:
    try:
        os.replace(temp_name, target)
    except OSError as error:
        raise SqlWriteError(f"cannot move the finished database to {target}: {error.strerror}") from error


def _build(connection: sqlite3.Connection, source: Source, prefix: str, batch_size: int,
           fts: bool, report: SqlReport, dialect: Dialect) -> None:
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA locking_mode = EXCLUSIVE")
    connection.execute("PRAGMA cache_size = -16000")  # 16 MB: bounded, and enough for index builds
    connection.execute("BEGIN")
    for sql in schema_statements(dialect, prefix):
        connection.execute(sql)
    inserts = {
        table.name: f"INSERT INTO {dialect.table_name(table, prefix)} VALUES"
        f" ({', '.join('?' * len(table.columns))})"
        for table in TABLES
    }
    for batch in batches(source, report, max_rows=batch_size):
        for table, rows in batch:
            connection.executemany(inserts[table.name], rows)
        connection.execute("COMMIT")
        connection.execute("BEGIN")
    for sql in index_statements(dialect, prefix):
        connection.execute(sql)
    if fts:
        for sql in fts_create_statements(prefix) + fts_rebuild_statements(prefix):
            connection.execute(sql)
    connection.execute("COMMIT")
