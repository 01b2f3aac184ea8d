"""Loading straight into a server, as writers of the common contract: ``--to postgres|mysql``."""

from __future__ import annotations

import os

from ...source import Source
from ...workers import WorkerPool
from .direct import load_mysql, load_postgres
from .errors import SqlWriteError
from .options import MysqlOptions, PostgresOptions, ServerOptions
from .rows import SqlReport


def _no_out(out: str | os.PathLike[str] | None, options: ServerOptions) -> None:
    if out not in (None, ""):
        raise SqlWriteError(f"--to {options.target} loads into the server named by --dsn; --out is not used",
                            hint="did you mean --to sql?")


def write_postgres(source: Source, out: str | os.PathLike[str] | None, options: PostgresOptions, *,
                   pool: WorkerPool | None = None) -> SqlReport:
    """Load ``source`` into the PostgreSQL database ``options.dsn`` (``out`` must be None)."""
    _no_out(out, options)
    report = load_postgres(source, options.dsn, table_prefix=options.table_prefix,
                           schema_only=options.schema_only, data_only=options.data_only)
    report.format, report.posts_written = "postgres", report.rows["posts"]
    return report


def write_mysql(source: Source, out: str | os.PathLike[str] | None, options: MysqlOptions, *,
                pool: WorkerPool | None = None) -> SqlReport:
    """Load ``source`` into the MySQL or MariaDB database ``options.dsn`` (``out`` must be None)."""
    _no_out(out, options)
    report = load_mysql(source, options.dsn, table_prefix=options.table_prefix,
                        schema_only=options.schema_only, data_only=options.data_only)
    report.format, report.posts_written = "mysql", report.rows["posts"]
    return report
