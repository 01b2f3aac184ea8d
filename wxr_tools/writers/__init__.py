"""Writers: each turns the model into one output format, under one contract.

``write_<format>(source, out, options, *, pool=None) -> WriteReport``, with a
frozen options class per format (:mod:`.contract`). :data:`WRITERS` is the
registry ``convert()`` and the ``wxr convert`` command are built from: a new
format or option is added here and in its writer's module, nowhere else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import UnknownFormatError
from .contract import WriteReport, WriterOptions, WriterOptionsError, flag_of
from .json import JsonOptions, write_json, write_jsonl
from .markdown import MarkdownOptions, write_markdown
from .sql import (MysqlOptions, PostgresOptions, SqliteOptions, SqlScriptOptions, write_mysql, write_postgres,
                  write_sql, write_sqlite)


@dataclass(frozen=True)
class Writer:
    """One output format: its writer, its options class, and what kind of output it makes."""

    name: str
    write: Callable[..., WriteReport]
    options: type[WriterOptions]
    output: Literal["file", "folder", "server"]
    """``file`` (``-`` is standard output), ``folder``, or ``server`` (no ``out``: the options name it)."""
    summary: str


WRITERS: dict[str, Writer] = {writer.name: writer for writer in (
    Writer("markdown", write_markdown, MarkdownOptions, "folder", "Markdown with front matter for a site generator"),
    Writer("json", write_json, JsonOptions, "file", "one JSON document"),
    Writer("jsonl", write_jsonl, JsonOptions, "file", "JSON Lines, one record a line"),
    Writer("sqlite", write_sqlite, SqliteOptions, "file", "a SQLite database file with full-text search"),
    Writer("sql", write_sql, SqlScriptOptions, "file", "a SQL script for SQLite, PostgreSQL or MySQL"),
    Writer("postgres", write_postgres, PostgresOptions, "server", "loaded into a PostgreSQL server"),
    Writer("mysql", write_mysql, MysqlOptions, "server", "loaded into a MySQL or MariaDB server"),
)}
"""Output format name -> :class:`Writer`."""


def option_fields() -> dict[str, tuple[dataclasses.Field[Any], tuple[str, ...]]]:
    """Every writer option by name: its field (help, flag, choices) and the formats that take it."""
    found: dict[str, tuple[dataclasses.Field[Any], tuple[str, ...]]] = {}
    for writer in WRITERS.values():
        for field_ in dataclasses.fields(writer.options):
            if not field_.metadata.get("cli", True):
                continue
            first, formats = found.get(field_.name, (field_, ()))
            found[field_.name] = (first, (*formats, writer.name))
    return found


def writer_options(to: str, values: Mapping[str, Any] | None = None) -> WriterOptions:
    """The checked options of format ``to`` from ``name -> value``.

    A name the format does not take is refused with the formats that do take
    it; a value it does not accept is refused by the options class.
    """
    writer = WRITERS.get(to)
    if writer is None:
        raise UnknownFormatError("output format", to, list(WRITERS), option="to")
    values = dict(values or {})
    accepted = {field_.name for field_ in dataclasses.fields(writer.options)}
    fields = option_fields()
    for name in values:
        if name not in accepted:
            if name in fields:
                field_, formats = fields[name]
                raise WriterOptionsError(
                    f"{flag_of(field_)} goes with --to {' or '.join(formats)}, not --to {to}",
                    hint=f"drop {flag_of(field_)}, or write --to {formats[0]}")
            raise WriterOptionsError(f"--to {to} has no option {name!r}",
                                     hint=f"its options: {', '.join(sorted(accepted)) or 'none'}")
    return writer.options(**values)


__all__ = ["WRITERS", "JsonOptions", "MarkdownOptions", "MysqlOptions", "PostgresOptions", "SqlScriptOptions",
           "SqliteOptions", "WriteReport", "Writer", "WriterOptions", "WriterOptionsError", "flag_of", "option_fields",
           "write_json", "write_jsonl", "write_markdown", "write_mysql", "write_postgres", "write_sql",
           "write_sqlite", "writer_options"]
