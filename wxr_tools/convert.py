"""``convert``: inputs to an output format, the library call behind ``wxr convert``."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .counting import counted
from .diagnostics import Diagnostic, DiagnosticLog
from .dry_run import plan
from .errors import UnknownFormatError
from .filters import PostFilter, narrow
from .media.data import with_attachment_media
from .outputs import check_output, default_output
from .readers import Inputs, input_list, open_source
from .source import SiteSource, Source, load
from .workers import WorkerPool, run_pool
from .writers import WRITERS, WriterOptions, WriterOptionsError, writer_options
from .writers.media_options import MediaFields


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


def _with_pages(source: Source, pages: str | os.PathLike[str]) -> SiteSource:
    """The source's site with the gaps the saved pages can fill filled (the whole site is loaded)."""
    from .readers.pages import merge_sites, read_pages

    log = DiagnosticLog()
    merged, problems = merge_sites(load(source), read_pages(pages, log))
    return SiteSource(merged, [*source.diagnostics, *log, *problems])


def convert(
    inputs: Inputs,
    *,
    to: str = "markdown",
    out: str | os.PathLike[str] | None = None,
    from_format: str | None = None,
    on_bytes: Callable[[int], None] | None = None,
    on_post: Callable[[], None] | None = None,
    dry_run: bool = False,
    pages: str | os.PathLike[str] | None = None,
    post_filter: PostFilter | None = None,
    jobs: int | None = None,
    options: WriterOptions | None = None,
    **option_values: Any,
) -> ConvertResult:
    """Read ``inputs`` as one site and write it as ``to`` into ``out``.

    The writer's options come as an options object (``options=MarkdownOptions(...)``)
    or by name (``preset="jekyll"``); a name the format does not take raises
    :class:`~wxr_tools.writers.WriterOptionsError` naming the formats that do.
    ``jobs`` bounds the processes of the run, this one included (None or 0:
    the cores available); one pool of workers serves the reader and the writer.
    With ``dry_run`` everything is read and counted and nothing is written.
    ``pages`` (saved pages of the same site) fill what the inputs lack: author
    bios, comments, term descriptions; conflicts are reported, the inputs win.
    ``post_filter`` keeps only the posts it chooses (see :mod:`wxr_tools.filters`).
    ``on_bytes(n)`` and ``on_post()`` report progress: bytes read, posts streamed to the writer.
    """
    if to not in WRITERS:
        raise UnknownFormatError("output format", to, list(WRITERS), option="to")
    writer = WRITERS[to]
    if options is None:
        options = writer_options(to, option_values)
    elif option_values:
        raise WriterOptionsError("the writer's options come as options= or by name, not both")
    elif not isinstance(options, writer.options):
        raise WriterOptionsError(f"{type(options).__name__} are not the options of --to {to}",
                                 hint=f"give {writer.options.__name__}")
    inputs = input_list(inputs)
    target = str(out) if out is not None else default_output(inputs, to)
    if not dry_run:
        check_output(to, target)
    with run_pool(jobs, input_size(inputs)) as pool:
        source = counted(narrow(_open(inputs, from_format, on_bytes, pages, pool), post_filter, options), on_post)
        if dry_run:
            written, counts = plan(source, options)
            return ConvertResult(to=to, out=target, posts_written=written, summary=counts,
                                 diagnostics=list(source.diagnostics), dry_run=True)
        media = None
        if writer.output != "folder" and isinstance(options, MediaFields) and options.media != "keep":
            source, media = with_attachment_media(source, target, options.media_options())
        report = writer.write(source, target or None, options, pool=pool)
    summary = report.summary() if media is None else {**report.summary(), "media": media.summary()}
    media_diagnostics = media.diagnostics() if media is not None else []
    return ConvertResult(to=to, out=report.target or target, posts_written=report.posts_written, summary=summary,
                         diagnostics=[*source.diagnostics, *report.diagnostics, *media_diagnostics])


def input_size(inputs: list[Any]) -> int | None:
    """Bytes of the input files, or None when some input is a folder, a stream or a compressed file."""
    total = 0
    for item in inputs:
        if hasattr(item, "read"):
            return None
        path = Path(os.fspath(item))  # type: ignore[arg-type]
        if not path.is_file() or path.suffix.lower() in (".gz", ".zip"):
            return None
        total += path.stat().st_size
    return total


def _open(inputs: Inputs, from_format: str | None, on_bytes: Callable[[int], None] | None,
          pages: str | os.PathLike[str] | None, pool: WorkerPool | None) -> Source:
    source = open_source(inputs, from_format=from_format, on_bytes=on_bytes, pool=pool)
    return _with_pages(source, pages) if pages is not None else source
