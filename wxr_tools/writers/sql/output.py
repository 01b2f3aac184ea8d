"""One entry point for the CLI's SQL targets: ``--to sqlite|sql|postgres|mysql``."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import TextIO

from ...source import Source
from .direct import load_mysql, load_postgres
from .errors import SqlWriteError
from .rows import SqlReport
from .script import write_sql
from .sqlite import write_sqlite

SQL_TARGETS = ("sqlite", "sql", "postgres", "mysql")


def write_sql_target(
    to: str,
    source: Source,
    *,
    out: str | os.PathLike[str] | TextIO | None = None,
    dialect: str | None = None,
    dsn: str | None = None,
    table_prefix: str = "",
    schema_only: bool = False,
    data_only: bool = False,
) -> SqlReport:
    """Write ``source`` to one SQL target, refusing option combinations that make no sense for it.

    ``sqlite`` needs ``out`` (a file); ``sql`` writes a script for ``dialect``
    (default sqlite) to ``out`` (``-`` or None is standard output);
    ``postgres`` and ``mysql`` need ``dsn``.
    """
    if to not in SQL_TARGETS:
        raise SqlWriteError(f"unknown SQL target {to!r}; choose one of: {', '.join(SQL_TARGETS)}")
    if dialect is not None and to != "sql":
        raise SqlWriteError(f"--dialect goes with --to sql; --to {to} has no dialect to choose")
    if dsn is not None and to not in ("postgres", "mysql"):
        raise SqlWriteError(f"--dsn goes with --to postgres or --to mysql, not --to {to}")
    if to == "sqlite":
        if schema_only or data_only:
            raise SqlWriteError("--schema-only and --data-only go with --to sql, postgres or mysql;"
                                " --to sqlite always writes a whole new database")
        if out is None or out == "-" or not isinstance(out, (str, os.PathLike)):
            raise SqlWriteError("--to sqlite writes a database file: give --out site.db")
        return write_sqlite(source, out, table_prefix=table_prefix)
    if to == "sql":
        options = dict(dialect=dialect or "sqlite", table_prefix=table_prefix,
                       schema_only=schema_only, data_only=data_only)
        if out is None or out == "-":
            return _to_stdout(lambda stream: write_sql(source, stream, **options))
        return write_sql(source, out, **options)
    if dsn is None:
        example = "postgresql://user@host:5432/database" if to == "postgres" else "mysql://user:password@host:3306/database"
        raise SqlWriteError(f"--to {to} loads into a server: give --dsn {example}")
    if out is not None:
        raise SqlWriteError(f"--to {to} loads into the server named by --dsn; --out is not used (did you mean --to sql?)")
    load = load_postgres if to == "postgres" else load_mysql
    return load(source, dsn, table_prefix=table_prefix, schema_only=schema_only, data_only=data_only)


def _to_stdout(write: Callable[[TextIO], SqlReport]) -> SqlReport:
    """Write UTF-8 to standard output whatever the locale says (scripts hold any character)."""
    sys.stdout.flush()
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    try:
        report = write(stream)
    finally:
        stream.flush()
        stream.detach()
    report.target = "-"
    return report
