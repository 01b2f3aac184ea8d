"""SQL output: a SQLite file, scripts for SQLite/PostgreSQL/MySQL, and direct loading.

The schema is in :mod:`.schema` and documented in ``docs/sql.md``.
"""

from .dialects import DIALECTS, Dialect, get_dialect
from .direct import load_mysql, load_postgres
from .errors import SqlWriteError
from .output import SQL_TARGETS, write_sql_target
from .rows import SqlReport
from .schema import TABLES
from .script import write_sql
from .sqlite import write_sqlite

__all__ = [
    "DIALECTS",
    "SQL_TARGETS",
    "TABLES",
    "Dialect",
    "SqlReport",
    "SqlWriteError",
    "get_dialect",
    "load_mysql",
    "load_postgres",
    "write_sql",
    "write_sql_target",
    "write_sqlite",
]
