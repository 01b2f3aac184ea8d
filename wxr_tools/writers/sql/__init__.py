"""SQL output: a SQLite file, scripts for SQLite/PostgreSQL/MySQL, and direct loading.

The schema is in :mod:`.schema` and documented in ``docs/sql.md``.
"""

from .dialects import DIALECTS, Dialect, get_dialect
from .direct import load_mysql, load_postgres
from .errors import SqlWriteError
from .options import MysqlOptions, PostgresOptions, SqliteOptions, SqlScriptOptions
from .output import write_mysql, write_postgres
from .rows import SqlReport
from .schema import TABLES
from .script import write_sql
from .sqlite import write_sqlite

__all__ = [
    "DIALECTS",
    "TABLES",
    "Dialect",
    "MysqlOptions",
    "PostgresOptions",
    "SqlReport",
    "SqlScriptOptions",
    "SqlWriteError",
    "SqliteOptions",
    "get_dialect",
    "load_mysql",
    "load_postgres",
    "write_mysql",
    "write_postgres",
    "write_sql",
    "write_sqlite",
]
