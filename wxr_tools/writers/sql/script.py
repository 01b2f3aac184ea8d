"""SQL scripts: the schema and batched multi-row inserts, for one dialect.

The script loads with the database's own client (``sqlite3``,
``psql -v ON_ERROR_STOP=1``, ``mariadb``/``mysql``) inside one transaction
for the data. Secondary indexes (and SQLite's full-text indexes) are built
after the data, which is faster than maintaining them row by row.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import IO, TextIO

from ...source import Source
from ...workers import WorkerPool
from ..files import atomic_output, is_stdout
from .dialects import Dialect, NulInText, NulReplacer, get_dialect
from .options import SqlScriptOptions
from .rows import SqlReport, batches
from .schema import FTS_TABLES, TABLES

MAX_STATEMENT_CHARS = 1_000_000
"""Start new INSERTs past this much text (plus one post): well under MySQL's 16 MB packet limit."""

ROWS_PER_STATEMENT = 1_000


def schema_statements(dialect: Dialect, prefix: str = "") -> list[str]:
    """``CREATE TABLE`` statements for every table, parents first."""
    return [dialect.create_table(table, prefix) for table in TABLES]


def index_statements(dialect: Dialect, prefix: str = "") -> list[str]:
    """``CREATE INDEX`` statements for every table."""
    return [sql for table in TABLES for sql in dialect.create_indexes(table, prefix)]


def fts_create_statements(prefix: str = "") -> list[str]:
    """SQLite FTS5 tables over post and comment text, reading from the tables themselves."""
    statements = []
    for name, (table, columns) in FTS_TABLES.items():
        cols = ", ".join(f'"{c}"' for c in columns)
        statements.append(
            # content="..." in double quotes: the form Datasette recognises as a table's FTS index.
            f'CREATE VIRTUAL TABLE "{prefix}{name}" USING fts5({cols},'
            f' content="{prefix}{table}", content_rowid="id");'
        )
    return statements


def fts_rebuild_statements(prefix: str = "") -> list[str]:
    """Fill the SQLite FTS5 tables from their content tables."""
    return [f'INSERT INTO "{prefix}{name}"("{prefix}{name}") VALUES(\'rebuild\');' for name in FTS_TABLES]


class _ScriptWriter:
    """Writes one script to a text stream."""

    def __init__(self, out: TextIO, dialect: Dialect, prefix: str, report: SqlReport) -> None:
        self.out = out
        self.dialect = dialect
        self.prefix = prefix
        self.report = report
        self.heads = {table.name: dialect.insert_head(table, prefix) for table in TABLES}

    def statements(self, statements: list[str]) -> None:
        for sql in statements:
            self.out.write(sql + "\n")

    def data(self, source: Source) -> None:
        """One multi-row INSERT per table and batch of whole posts."""
        dialect, out = self.dialect, self.out
        nul = NulReplacer(dialect)
        for batch in batches(source, self.report, max_rows=ROWS_PER_STATEMENT, max_chars=MAX_STATEMENT_CHARS):
            for table, rows in batch:
                try:
                    values = ",\n".join(map(dialect.row_values, rows))
                except NulInText:  # rare: pay for cleaning only when a batch needs it
                    values = ",\n".join(dialect.row_values(nul.clean(table, row)) for row in rows)
                out.write(self.heads[table.name] + "\n" + values + ";\n")
        self.report.diagnostics.extend(nul.diagnostics())


def write_sql(
    source: Source,
    out: TextIO | str | os.PathLike[str] | None,
    options: SqlScriptOptions = SqlScriptOptions(),
    *,
    pool: WorkerPool | None = None,
    fts: bool = True,
) -> SqlReport:
    """Write a SQL script for ``options.dialect`` that creates the schema and inserts the site.

    ``out`` is a text stream, a path (written beside and renamed when complete),
    or ``-``/None for standard output. ``fts`` adds SQLite's full-text tables.
    Post passwords are never written.
    """
    if is_stdout(out):
        report = _utf8_to(sys.stdout.buffer, lambda stream: _write_script(source, stream, options, fts))
        report.target = "-"
    elif isinstance(out, (str, os.PathLike)):
        with atomic_output(out) as binary:
            report = _utf8_to(binary, lambda stream: _write_script(source, stream, options, fts))
        report.target = os.fspath(out)
    else:
        report = _write_script(source, out, options, fts)
    report.posts_written = report.rows["posts"]
    return report


def _utf8_to(binary: IO[bytes], write: Callable[[TextIO], SqlReport]) -> SqlReport:
    """Write UTF-8 text to a binary stream whatever the locale says (scripts hold any character)."""
    if binary is sys.stdout.buffer:
        sys.stdout.flush()
    stream = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
    try:
        return write(stream)
    finally:
        stream.flush()
        stream.detach()


def _write_script(source: Source, out: TextIO, options: SqlScriptOptions, fts: bool) -> SqlReport:
    dialect = get_dialect(options.dialect)
    prefix = options.table_prefix
    schema_only, data_only = options.schema_only, options.data_only
    report = SqlReport(format="sql", target=getattr(out, "name", "<stream>"))
    writer = _ScriptWriter(out, dialect, prefix, report)
    with_fts = fts and dialect.name == "sqlite"
    out.write(f"-- wxr-tools SQL script for {dialect.label}\n")
    writer.statements(list(dialect.preamble))
    if schema_only:
        writer.statements(schema_statements(dialect, prefix) + index_statements(dialect, prefix))
        if with_fts:
            writer.statements(fts_create_statements(prefix))
        return report
    schema = [] if data_only else schema_statements(dialect, prefix)
    indexes = [] if data_only else index_statements(dialect, prefix)
    if with_fts:
        indexes += ([] if data_only else fts_create_statements(prefix)) + fts_rebuild_statements(prefix)
    if dialect.transactional_ddl:
        writer.statements([dialect.begin, *schema])
        writer.data(source)
        writer.statements([*indexes, dialect.commit])
    else:
        # DDL would commit the data's transaction halfway: keep it outside.
        writer.statements([*schema, dialect.begin])
        writer.data(source)
        writer.statements([dialect.commit, *indexes])
    return report
