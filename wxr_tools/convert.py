"""``convert``: inputs to an output format, the library call behind ``wxr convert``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator

from .diagnostics import Diagnostic, DiagnosticLog
from .errors import UnknownFormatError, WxrToolsError
from .readers import open_source
from .readers.wxr import InputLike
from .source import SiteSource, Source, load
from .writers.json import write_json, write_jsonl
from .writers.markdown import markdown_writer
from .writers.sql import SQL_TARGETS, write_sql_target


@dataclass
class ConvertResult:
    """What a conversion did: where it wrote, how much, and the problems met."""

    to: str
    out: str
    posts_written: int = 0
    summary: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    dry_run: bool = False
    """Nothing was written: ``posts_written`` and ``summary`` say what would have been."""

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


@contextmanager
def _open_output(out: str | os.PathLike[str] | None) -> Iterator[IO[bytes]]:
    if out is None or str(out) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(out)
    if path.is_dir():
        raise WxrToolsError(f"{path} is a folder; JSON output goes to a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "wb") as stream:
            yield stream
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _json_writer(write: Callable[..., int]) -> Callable[..., int]:
    def run(source: Source, out: str | os.PathLike[str] | None, *, include_passwords: bool = False) -> int:
        with _open_output(out) as stream:
            return write(source, stream, include_passwords=include_passwords)
    return run


def _sql_writer(to: str) -> Callable[..., dict[str, Any]]:
    def run(source: Source, out: str, *, include_passwords: bool = False, **sql_options: Any) -> dict[str, Any]:
        if include_passwords:
            raise WxrToolsError("SQL output never writes post passwords; drop --include-passwords")
        report = write_sql_target(to, source, out=out or None, **sql_options)
        return {"posts_written": report.rows["posts"], "rows": report.rows, "diagnostics": report.diagnostics}
    return run


def _markdown(source: Source, out: str, *, include_passwords: bool = False, **options: Any) -> dict[str, Any]:
    if include_passwords:
        raise WxrToolsError("Markdown output never writes post passwords; drop --include-passwords",
                            hint="--protected writes protected posts, marked, without their password")
    return markdown_writer(source, out, **options)


WRITERS: dict[str, Callable[..., Any]] = {
    "markdown": _markdown,
    "json": _json_writer(write_json),
    "jsonl": _json_writer(write_jsonl),
    **{to: _sql_writer(to) for to in SQL_TARGETS},
}
"""Output format name -> ``writer(source, out, **options)``."""


def default_output(inputs: Sequence[InputLike], to: str) -> str:
    """Where output goes when no ``out`` is given."""
    if to in ("json", "jsonl"):
        return "-"
    if to in ("postgres", "mysql"):
        return ""  # the server named by --dsn
    first = inputs[0]
    name = Path(os.fspath(first)).name if not hasattr(first, "read") else "export"  # type: ignore[arg-type]
    for suffix in (".gz", ".zip", ".xml", ".json", ".jsonl"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    name = name or "export"
    return {"sqlite": name + ".db", "sql": name + ".sql"}.get(to, name)


def _dry_run(source: Source, to: str, target: str) -> ConvertResult:
    by_type: dict[str, int] = {}
    for post in source.posts():
        by_type[post.type] = by_type.get(post.type, 0) + 1
    return ConvertResult(to=to, out=target, posts_written=sum(by_type.values()), summary={"by type": by_type},
                         diagnostics=list(source.diagnostics), dry_run=True)


def _with_pages(source: Source, pages: str | os.PathLike[str]) -> SiteSource:
    """The source's site with the gaps the saved pages can fill filled (the whole site is loaded)."""
    from .readers.pages import merge_sites, read_pages

    log = DiagnosticLog()
    merged, problems = merge_sites(load(source), read_pages(pages, log))
    return SiteSource(merged, [*source.diagnostics, *log, *problems])


def convert(
    inputs: Sequence[InputLike],
    *,
    to: str = "markdown",
    out: str | os.PathLike[str] | None = None,
    from_format: str | None = None,
    on_bytes: Callable[[int], None] | None = None,
    dry_run: bool = False,
    pages: str | os.PathLike[str] | None = None,
    **options: Any,
) -> ConvertResult:
    """Read ``inputs`` as one site and write it as ``to`` into ``out``.

    ``options`` go to the writer (e.g. ``include_passwords`` for JSON).
    With ``dry_run`` everything is read and counted and nothing is written.
    ``pages`` (saved pages of the same site) fill what the inputs lack: author bios,
    comments, term descriptions; conflicts are reported, the inputs win.
    """
    writer = WRITERS.get(to)
    if writer is None:
        raise UnknownFormatError("output format", to, list(WRITERS))
    source = open_source(inputs, from_format=from_format, on_bytes=on_bytes)
    if pages is not None:
        source = _with_pages(source, pages)
    target = str(out) if out is not None else default_output(inputs, to)
    if dry_run:
        return _dry_run(source, to, target)
    outcome = writer(source, target, **options)
    result = ConvertResult(to=to, out=target, diagnostics=list(source.diagnostics))
    if isinstance(outcome, int):
        result.posts_written = outcome
    elif isinstance(outcome, dict):
        result.diagnostics += outcome.pop("diagnostics", [])
        result.summary = outcome
        result.posts_written = int(outcome.get("posts_written", 0))
    return result
