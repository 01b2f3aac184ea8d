"""How the command line talks: progress, diagnostics and one-line errors on stderr."""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Iterable, Iterator
from typing import Any
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.console import RenderableType
from rich.progress import (BarColumn, DownloadColumn, Progress, ProgressColumn, SpinnerColumn, Task, TaskID,
                           TextColumn, TimeElapsedColumn, TimeRemainingColumn, TransferSpeedColumn)
from rich.text import Text

from ..convert import ConvertResult
from ..diagnostics import SEVERITIES, Diagnostic
from ..errors import WxrToolsError
from .voice import error_words

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2
"""Exit codes: 0 written, 1 something lost or refused (or a warning with ``--strict``), 2 usage or I/O."""
EXIT_PIPE_CLOSED, EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGPIPE, 128 + signal.SIGINT, 128 + signal.SIGTERM
"""As the shell reports ``cat`` stopped by a closed pipe (``| head``), Ctrl-C or SIGTERM: 128 + the signal."""

err = Console(stderr=True, highlight=False, soft_wrap=True)


def interactive(quiet: bool) -> bool:
    """Whether to draw progress: a terminal, not CI, not ``--quiet``."""
    return not quiet and err.is_terminal and not os.environ.get("CI")


class _Amount(DownloadColumn):
    """Bytes for reading, a count for tasks counting files or posts (``unit="files"``, ``"posts"``)."""

    def render(self, task: Task) -> RenderableType:
        unit = task.fields.get("unit")
        if unit in ("files", "posts"):
            return Text(f"{int(task.completed):,}/{int(task.total or 0):,} {unit}", style="progress.download")
        return super().render(task)


class Bars:
    """The progress bars of a run: bytes read (call it with a count), then media files (:meth:`files`)."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        self.bar = bar
        self.task = task
        self.media_task: TaskID | None = None

    def __call__(self, n: int) -> None:
        self.bar.advance(self.task, n)

    def files(self, done: int, total: int) -> None:
        """Media files done out of total (a second bar, shown from the first file on)."""
        if self.media_task is None:
            self.media_task = self.bar.add_task("media", total=total, unit="files")
        self.bar.update(self.media_task, completed=done, total=total)


@contextmanager
def progress_bar(total: int | None, enabled: bool, label: str = "reading") -> Iterator[Bars | None]:
    """Progress bars on stderr; yields the callback readers call (and media downloads), or None."""
    if not enabled:
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), _Amount(),
                  TransferSpeedColumn(), TimeRemainingColumn(), console=err, transient=True) as bar:
        yield Bars(bar, bar.add_task(label, total=total))


class _Posts(ProgressColumn):
    """How many posts have gone by, for the bar that counts them."""

    def render(self, task: Task) -> RenderableType:
        posts = task.fields.get("posts")
        return Text("" if posts is None else f"{posts:,} posts", style="progress.data.speed")


class RunBars(Bars):
    """A conversion's bars: bytes read, then "writing" once all is read, with the posts counted."""

    def __init__(self, bar: Progress, task: TaskID, total: int | None) -> None:
        super().__init__(bar, task)
        self.total = total
        self.posts = 0

    def __call__(self, n: int) -> None:
        super().__call__(n)
        state = self.bar.tasks[self.task]
        if self.total is not None and state.completed >= self.total and state.description != "writing":
            self.bar.update(self.task, description="writing", posts=self.posts, refresh=True)  # full: say why

    def written(self, done: int, total: int) -> None:
        """The writing pass of a Markdown site: posts written of those to write (the bar counts them now)."""
        self.bar.update(self.task, description="writing", completed=done, total=total, unit="posts", posts=None)

    def post(self) -> None:
        """One more post streamed to the writer."""
        self.posts += 1
        if self.posts % 25 == 0:
            self.bar.update(self.task, posts=self.posts)


@contextmanager
def run_progress(total: int | None, enabled: bool) -> Iterator[RunBars | None]:
    """Progress of a whole conversion on stderr: bytes read, then the writing, posts counted, media files.

    Yields the bars (``on_bytes`` when called, ``.post`` for ``on_post``, ``.files`` for media), or None.
    """
    if not enabled:
        yield None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description:<7}"), BarColumn(), _Amount(), _Posts(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        bars = RunBars(bar, bar.add_task("reading", total=total, posts=0), total)
        yield bars
        bar.update(bars.task, posts=bars.posts, description="done")


def print_diagnostics(diagnostics: Iterable[Diagnostic], *, verbose: bool, quiet: bool) -> None:
    """Errors always (``--quiet`` never hides a loss), warnings unless quiet, info only with ``--verbose``."""
    styles = {"error": "red", "warning": "yellow", "info": "dim"}
    for diagnostic in diagnostics:
        if (diagnostic.severity == "info" and not verbose) or (quiet and diagnostic.severity != "error"):
            continue
        err.print(f"[{styles[diagnostic.severity]}]{diagnostic}[/]", markup=True, highlight=False)


class Terminated(KeyboardInterrupt):
    """SIGTERM (``timeout``, a CI cancel, a service manager), raised where the run is, so it cleans up."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into an exception for the block: workers are killed and partial output removed,
    as on Ctrl-C, instead of the process vanishing mid-write."""
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def user_errors(debug: bool) -> Iterator[None]:
    """Turn our exceptions into one line and a hint (exit 2); a traceback only with ``--debug``."""
    try:
        yield
    except typer.Exit:
        raise
    except BrokenPipeError:  # the reader of our output has all it wants (| head): stop quietly
        _discard_stdout()
        raise typer.Exit(EXIT_PIPE_CLOSED) from None
    except (WxrToolsError, OSError) as exc:
        if debug:
            traceback.print_exc()
        line, hint = error_words(exc)
        err.print(line, markup=False, highlight=False)
        if hint:
            err.print(f"hint: {hint}", markup=False, highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated)
        err.print("terminated" if terminated else "interrupted", markup=False)
        raise typer.Exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED) from None
    except Exception as exc:  # a bug of ours: say so briefly, details with --debug
        if debug:
            traceback.print_exc()
        else:
            err.print(f"error: unexpected {type(exc).__name__}: {exc}", markup=False, highlight=False)
            err.print("hint: run again with --debug for the traceback, and report it", markup=False)
        raise typer.Exit(EXIT_USAGE) from None


def _discard_stdout() -> None:
    """Point standard output at the null device, so the final flush at exit cannot fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test runner's buffer)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def _count_rows(prefix: str, counts: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Flatten a writer's summary (``{"skipped": {"trash": 2}}``) into table rows."""
    for key, value in counts.items():
        label = f"{prefix}{key.replace('_', ' ')}"
        if isinstance(value, dict):
            yield from _count_rows(f"{label}: ", value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            yield label, f"{value:,}"


def print_summary(result: ConvertResult) -> None:
    """The table at the end of ``convert``: written, what the writer counted (skipped by reason...), problems."""
    from rich.table import Table

    verb = "would write" if result.dry_run else "written"
    table = Table(title=f"{result.to} → {result.out}", box=None, show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row(f"posts {verb}", f"{result.posts_written:,}")
    for label, value in _count_rows("", {k: v for k, v in result.summary.items() if k != "posts_written"}):
        table.add_row(label, value)
    for severity in SEVERITIES:
        count = sum(1 for d in result.diagnostics if d.severity == severity)
        table.add_row(f"{severity}s" if severity != "info" else "info", f"{count:,}",
                      style={"error": "red", "warning": "yellow"}.get(severity, "dim") if count else None)
    err.print(table)
    if result.summary.get("media_note"):
        err.print(result.summary["media_note"], markup=False, highlight=False)

