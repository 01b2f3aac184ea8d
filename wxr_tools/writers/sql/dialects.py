"""SQL dialects: identifier quoting, literal escaping, column types and DDL.

One class per database. Every value that reaches SQL text goes through
:meth:`Dialect.literal`; every name through :meth:`Dialect.quote_ident`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from ...diagnostics import Diagnostic
from ...errors import UnknownFormatError
from .schema import ColumnType, Table


class NulInText(ValueError):
    """A text value holds NUL and the dialect cannot store it: clean the row first."""


class Dialect:
    """What differs between databases, for scripts and for direct loading."""

    name: ClassVar[str]
    label: ClassVar[str]
    keeps_nul: ClassVar[bool] = True
    """Whether text columns can hold U+0000 (PostgreSQL's cannot)."""
    types: ClassVar[dict[str, str]]
    table_options: ClassVar[str] = ""
    preamble: ClassVar[tuple[str, ...]] = ()
    transactional_ddl: ClassVar[bool] = True
    """Whether CREATE TABLE can run inside the data's transaction (not in MySQL)."""
    begin: ClassVar[str] = "BEGIN;"
    commit: ClassVar[str] = "COMMIT;"
    true_literal: ClassVar[str] = "TRUE"
    false_literal: ClassVar[str] = "FALSE"

    def __init__(self) -> None:
        self._renderers: dict[type, Callable[[Any], str]] = {
            str: self.quote_text,
            int: lambda value: str(int(value)),
            bool: lambda value: self.true_literal if value else self.false_literal,
            type(None): lambda value: "NULL",
        }

    def quote_ident(self, name: str) -> str:
        """A quoted identifier (table, column or index name)."""
        return '"' + name.replace('"', '""') + '"'

    def quote_text(self, value: str) -> str:
        """A string literal: standard SQL doubles the quote and nothing else."""
        return "'" + value.replace("'", "''") + "'"

    def literal(self, value: int | str | bool | None) -> str:
        """The SQL literal for a row value (None, bool, int or str)."""
        render = self._renderers.get(type(value))
        if render is None:
            raise TypeError(f"no SQL literal for {type(value).__name__}")
        return render(value)

    def column_type(self, type_: ColumnType) -> str:
        return self.types[type_]

    def table_name(self, table: Table | str, prefix: str) -> str:
        name = table if isinstance(table, str) else table.name
        return self.quote_ident(prefix + name)

    def create_table(self, table: Table, prefix: str) -> str:
        """``CREATE TABLE`` with primary and foreign keys."""
        q = self.quote_ident
        lines = [
            f"  {q(c.name)} {self.column_type(c.type)}{'' if c.nullable else ' NOT NULL'}"
            for c in table.columns
        ]
        lines.append(f"  PRIMARY KEY ({', '.join(map(q, table.primary_key))})")
        for fk in table.foreign_keys:
            lines.append(
                f"  FOREIGN KEY ({', '.join(map(q, fk.columns))})"
                f" REFERENCES {self.table_name(fk.table, prefix)} ({', '.join(map(q, fk.references))})"
            )
        body = ",\n".join(lines)
        return f"CREATE TABLE {self.table_name(table, prefix)} (\n{body}\n){self.table_options};"

    def create_indexes(self, table: Table, prefix: str) -> list[str]:
        q = self.quote_ident
        return [
            f"CREATE INDEX {q(prefix + table.name + '_' + index.suffix)}"
            f" ON {self.table_name(table, prefix)} ({', '.join(map(q, index.columns))});"
            for index in table.indexes
        ]

    def insert_head(self, table: Table, prefix: str) -> str:
        """``INSERT INTO t (columns) VALUES`` for a multi-row insert."""
        columns = ", ".join(map(self.quote_ident, table.column_names))
        return f"INSERT INTO {self.table_name(table, prefix)} ({columns}) VALUES"

    def row_values(self, row: tuple) -> str:
        """``(v1, v2, ...)``: one row of a multi-row insert."""
        renderers = self._renderers
        return "(" + ", ".join([renderers[type(value)](value) for value in row]) + ")"


class SqliteDialect(Dialect):
    """SQLite: standard quoting; NUL and CR kept by casting a hex blob to text."""

    name = "sqlite"
    label = "SQLite"
    types = {"int": "INTEGER", "text": "TEXT", "key": "TEXT", "bool": "INTEGER", "timestamp": "TEXT"}
    true_literal = "1"
    false_literal = "0"

    def quote_text(self, value: str) -> str:
        if "\x00" in value or "\r" in value:
            # The sqlite3 shell reads SQL as C strings (a NUL ends the statement) and
            # may drop a CR before LF: such values travel as UTF-8 in hexadecimal.
            return "CAST(X'" + value.encode("utf-8").hex() + "' AS TEXT)"
        return "'" + value.replace("'", "''") + "'"


class PostgresDialect(Dialect):
    """PostgreSQL: standard-conforming strings (backslash is literal); no NUL in text."""

    name = "postgres"
    label = "PostgreSQL"
    keeps_nul = False
    types = {"int": "BIGINT", "text": "TEXT", "key": "TEXT", "bool": "BOOLEAN", "timestamp": "TIMESTAMP"}
    preamble = (
        "SET client_encoding = 'UTF8';",
        "SET standard_conforming_strings = on;",
    )

    def quote_text(self, value: str) -> str:
        if "\x00" in value:
            raise NulInText("PostgreSQL text cannot hold NUL; replace it first (NulReplacer)")
        return "'" + value.replace("'", "''") + "'"


_MYSQL_ESCAPES = (
    ("\\", "\\\\"), ("'", "\\'"), ("\x00", "\\0"), ("\n", "\\n"), ("\r", "\\r"), ("\x1a", "\\Z"),
)
"""Backslash first, so the escapes added after it are not escaped again."""


class MysqlDialect(Dialect):
    """MySQL and MariaDB: backslash escapes, backquoted names, utf8mb4, binary collation."""

    name = "mysql"
    label = "MySQL"
    types = {
        "int": "BIGINT", "text": "LONGTEXT", "key": "VARCHAR(255)",
        "bool": "BOOLEAN", "timestamp": "DATETIME",
    }
    table_options = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
    preamble = (
        "SET NAMES utf8mb4;",
        # A known mode: strict (errors, not silent truncation) and backslash escapes on.
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';",
    )
    begin = "START TRANSACTION;"
    transactional_ddl = False

    def quote_ident(self, name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    def quote_text(self, value: str) -> str:
        for char, escape in _MYSQL_ESCAPES:  # str.replace is many times faster than str.translate
            if char in value:
                value = value.replace(char, escape)
        return "'" + value + "'"


DIALECTS: dict[str, Dialect] = {
    "sqlite": SqliteDialect(),
    "postgres": PostgresDialect(),
    "mysql": MysqlDialect(),
}
_ALIASES = {"postgresql": "postgres", "pg": "postgres", "mariadb": "mysql", "sqlite3": "sqlite"}


def get_dialect(name: str | Dialect) -> Dialect:
    """The dialect called ``name`` (``sqlite``, ``postgres``, ``mysql``, or an alias)."""
    if isinstance(name, Dialect):
        return name
    key = _ALIASES.get(name.lower(), name.lower())
    if key not in DIALECTS:
        raise UnknownFormatError("SQL dialect", name, list(DIALECTS), option="dialect")
    return DIALECTS[key]


class NulReplacer:
    """Replaces U+0000 by U+FFFD for databases that refuse it, and reports where."""

    REPLACEMENT = "\ufffd"

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.counts: dict[str, list] = {}
        """``table.column`` -> [values changed, first row's key]."""

    def clean(self, table: Table, row: tuple) -> tuple:
        """The row with every NUL replaced (the same tuple when there is none)."""
        if "\x00" not in "".join([v for v in row if type(v) is str]):
            return row
        cleaned = list(row)
        for i, value in enumerate(row):
            if type(value) is str and "\x00" in value:
                cleaned[i] = value.replace("\x00", self.REPLACEMENT)
                where = f"{table.name}.{table.columns[i].name}"
                entry = self.counts.setdefault(where, [0, row[0]])
                entry[0] += 1
        return tuple(cleaned)

    def diagnostics(self) -> list[Diagnostic]:
        return [
            Diagnostic(
                code="SQL005",
                severity="warning",
                message=(
                    f"{count} value(s) of {where} contained NUL characters, which "
                    f"{self.dialect.label} text cannot hold (first in row {first!r})"
                ),
                action="replaced NUL by U+FFFD",
            )
            for where, (count, first) in self.counts.items()
        ]
