"""Loading straight into a server, as writers of the common contract: ``--to postgres|mysql``."""

from __future__ import annotations

import os
from collections.abc import Callable

from ...source import Source
from ...workers import WorkerPool
from .direct import load_mysql, load_postgres
from .errors import SqlWriteError
from .options import MysqlOptions, PostgresOptions, ServerOptions
from .rows import SqlReport


def _load_into_server(load: Callable[..., SqlReport], source: Source, out: str | os.PathLike[str] | None,
                      options: ServerOptions) -> SqlReport:
    if out not in (None, ""):
        raise SqlWriteError(f"--to {options.target} loads into the server named by --dsn; --out is not used",
                            hint="did you mean --to sql?")
    report = load(source, options.dsn, table_prefix=options.table_prefix,
                  schema_only=options.schema_only, data_only=options.data_only)
    report.format, report.posts_written = options.target, report.rows["posts"]
    return report


def write_postgres(source: Source, out: str | os.PathLike[str] | None, options: PostgresOptions, *,
                   pool: WorkerPool | None = None) -> SqlReport:
    """Load ``source`` into the PostgreSQL database ``options.dsn`` (``out`` must be None)."""
    return _load_into_server(load_postgres, source, out, options)


def write_mysql(source: Source, out: str | os.PathLike[str] | None, options: MysqlOptions, *,
                pool: WorkerPool | None = None) -> SqlReport:
    """Load ``source`` into the MySQL or MariaDB database ``options.dsn`` (``out`` must be None)."""
    return _load_into_server(load_mysql, source, out, options)
