"""Options of the SQL writers: one class per target, each checked when made."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..contract import WriterOptionsError, option
from ..media_options import MediaFields
from .dialects import DIALECTS
from .schema import check_prefix


@dataclass(frozen=True)
class SqliteOptions(MediaFields):
    """Options of ``--to sqlite``: a whole new database file."""

    table_prefix: str = option("", help="Prefix every table name (e.g. wp_).", metavar="PREFIX", panel="SQL")

    def check(self) -> None:
        check_prefix(self.table_prefix)


@dataclass(frozen=True)
class SqlLoadOptions(SqliteOptions):
    """What scripts and server loads share: the schema, the rows, or both."""

    schema_only: bool = option(False, help="The tables and indexes only.", panel="SQL")
    data_only: bool = option(False, help="The rows only, for tables made before.", panel="SQL")

    def check(self) -> None:
        super().check()
        if self.schema_only and self.data_only:
            raise WriterOptionsError("--schema-only and --data-only exclude each other", hint="give at most one")


@dataclass(frozen=True)
class SqlScriptOptions(SqlLoadOptions):
    """Options of ``--to sql``: a script for one database."""

    dialect: str = option("sqlite", help="The script's database.", choices=tuple(DIALECTS), panel="SQL")


@dataclass(frozen=True)
class ServerOptions(SqlLoadOptions):
    """Options of loading straight into a database server."""

    dsn: str = option("", help="The database to load into (postgresql://user@host/db, "
                      "mysql://user:password@host/db).", metavar="DSN", panel="SQL")
    target: ClassVar[str] = ""
    example: ClassVar[str] = ""

    def check(self) -> None:
        super().check()
        if not self.dsn:
            raise WriterOptionsError(f"--to {self.target} loads into a server: give --dsn",
                                     hint=f"e.g. --dsn {self.example}")


@dataclass(frozen=True)
class PostgresOptions(ServerOptions):
    """Options of ``--to postgres``."""

    target: ClassVar[str] = "postgres"
    example: ClassVar[str] = "postgresql://user@host:5432/database"


@dataclass(frozen=True)
class MysqlOptions(ServerOptions):
    """Options of ``--to mysql`` (MySQL or MariaDB)."""

    target: ClassVar[str] = "mysql"
    example: ClassVar[str] = "mysql://user:password@host:3306/database"
