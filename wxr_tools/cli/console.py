"""How the command line talks: progress, diagnostics and one-line errors on stderr."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from ..diagnostics import Diagnostic
from ..errors import WxrToolsError

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2
"""Exit codes: 0 fine, 1 errors in the input, 2 usage or I/O errors."""

err = Console(stderr=True, highlight=False, soft_wrap=True)


def interactive(quiet: bool) -> bool:
    """Whether to draw progress: a terminal, not CI, not ``--quiet``."""
    return not quiet and err.is_terminal and not os.environ.get("CI")


@contextmanager
def progress_bar(total: int | None, enabled: bool, label: str = "reading") -> Iterator[Callable[[int], None] | None]:
    """A byte progress bar on stderr; yields the callback readers call, or None."""
    if not enabled:
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def print_diagnostics(diagnostics: Iterable[Diagnostic], *, verbose: bool, quiet: bool) -> None:
    """Errors and warnings always (unless quiet), info only with ``--verbose``."""
    if quiet:
        return
    styles = {"error": "red", "warning": "yellow", "info": "dim"}
    for diagnostic in diagnostics:
        if diagnostic.severity == "info" and not verbose:
            continue
        err.print(f"[{styles[diagnostic.severity]}]{diagnostic}[/]", markup=True, highlight=False)


@contextmanager
def user_errors(debug: bool) -> Iterator[None]:
    """Turn our exceptions into one line and a hint (exit 2); a traceback only with ``--debug``."""
    try:
        yield
    except typer.Exit:
        raise
    except (WxrToolsError, OSError) as exc:
        if debug:
            traceback.print_exc()
        message = str(exc) if isinstance(exc, WxrToolsError) else f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
        err.print(f"error: {message}", markup=False, highlight=False)
        hint = getattr(exc, "hint", "")
        if hint:
            err.print(f"hint: {hint}", markup=False, highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug of ours: say so briefly, details with --debug
        if debug:
            traceback.print_exc()
        else:
            err.print(f"error: unexpected {type(exc).__name__}: {exc}", markup=False, highlight=False)
            err.print("hint: run again with --debug for the traceback, and report it", markup=False)
        raise typer.Exit(EXIT_USAGE) from None


def flush_stdout() -> None:
    sys.stdout.flush()
