"""The work of ``wxr convert`` once its options are parsed: one export or each, filtered, with progress."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..convert import ConvertResult, convert
from ..each import each_export
from ..filters import PostFilter
from ..readers.streams import is_one_time
from .console import (EXIT_INPUT_ERRORS, EXIT_OK, RunBars, err, interactive, print_diagnostics, print_summary,
                      run_progress)


def post_filter(categories: Sequence[str] | None, tags: Sequence[str] | None, authors: Sequence[str] | None,
                statuses: Sequence[str] | None, since: str | None, until: str | None) -> PostFilter:
    """The filter the options ask for; each list option takes repeats and commas (``--tag a,b --tag c``)."""
    def split(values: Sequence[str] | None) -> tuple[str, ...]:
        return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())

    return PostFilter(categories=split(categories), tags=split(tags), authors=split(authors),
                      statuses=split(statuses), since=since, until=until)


def _size(inputs: Sequence[Path]) -> int | None:
    """Bytes to read, for the progress bar (None when unknown: a pipe)."""
    total = 0
    for path in inputs:
        if is_one_time(path):
            return None
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return total or None


def _progress(bars: RunBars | None, to: str) -> dict[str, Any]:
    """``convert``'s progress callbacks: bytes read, posts streamed, media files done, Markdown files written."""
    if bars is None:
        return {}
    callbacks: dict[str, Any] = {"on_bytes": bars, "on_post": bars.post, "media_progress": bars.files}
    if to == "markdown":
        callbacks["write_progress"] = bars.written
    return callbacks


def _report(result: ConvertResult, *, verbose: bool, quiet: bool, strict: bool) -> None:
    """The problems and the summary; with ``--quiet`` only what fails the run (warnings too, if strict)."""
    if quiet and strict:
        print_diagnostics([d for d in result.diagnostics if d.severity != "info"], verbose=False, quiet=False)
    else:
        print_diagnostics(result.diagnostics, verbose=verbose, quiet=quiet)
    if not quiet:
        print_summary(result)


def exit_code(results: Sequence[ConvertResult], strict: bool) -> int:
    """1 when something was lost or refused, or (``--strict``) on any warning; else 0."""
    failing = ("error", "warning") if strict else ("error",)
    return EXIT_INPUT_ERRORS if any(d.severity in failing for r in results for d in r.diagnostics) else EXIT_OK


def run_convert(inputs: list[Path], *, each: bool, strict: bool, quiet: bool, verbose: bool,
                **options: Any) -> int:
    """Convert, report, and say the exit code (see :func:`exit_code`)."""
    show = interactive(quiet)
    if not each:
        with run_progress(_size(inputs), show) as bars:
            result = convert(inputs, **_progress(bars, options.get("to", "markdown")), **options)
        _report(result, verbose=verbose, quiet=quiet, strict=strict)
        return exit_code([result], strict)
    results = []
    for group, target in each_export(inputs, options["to"], options.pop("out", None)):
        if not quiet:
            err.print(f"{group[0]}" + (f" and {len(group) - 1} more parts" if len(group) > 1 else ""),
                      markup=False, highlight=False)
        with run_progress(_size(group), show) as bars:
            result = convert(group, out=target or None, **_progress(bars, options.get("to", "markdown")), **options)
        _report(result, verbose=verbose, quiet=quiet, strict=strict)
        results.append(result)
    return exit_code(results, strict)
