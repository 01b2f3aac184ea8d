"""The ``wxr`` command: a thin layer over the library (each command is one call)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .. import __version__
from ..convert import input_size
from ..info import summarize
from ..readers import open_source
from ..readers.wxr.parallel import MIN_FILE_BYTES
from ..schema import render_schema
from ..wording import plural
from ..workers import run_pool
from ..writers import WRITERS
from .console import EXIT_INPUT_ERRORS, EXIT_OK, print_diagnostics, stop_on_sigterm, user_errors
from .run import post_filter, run_convert
from .help import ReadableCommand
from .voice import OneVoiceGroup
from .writer_options import with_writer_options

app = typer.Typer(
    name="wxr",
    help="Get a WordPress site's content out whole: WXR exports and saved pages to Markdown, JSON and SQL.\n\n"
         "Exit codes: 0 written (repairs are warnings); 1 something was lost or refused (a cut-short file, an "
         "unreadable item), or any warning with --strict; 2 usage or I/O errors. A closed pipe (| head) ends "
         "quietly with 141.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=OneVoiceGroup,
)


def input_path(value: str) -> Path:
    """An input argument as a path; an empty one (an unset shell variable) is refused, not read as "."."""
    if not value:
        raise typer.BadParameter("an input path is empty: name an export file or folder (is a shell variable unset?)")
    return Path(value)


Inputs = Annotated[list[Path], typer.Argument(help="WXR exports (.xml, .xml.gz, .zip, split parts), saved pages "
                                                   "(an .html file or a folder), wxr-tools JSON, or - for "
                                                   "standard input.",
                                              show_default=False, parser=input_path, metavar="INPUT")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no warnings; errors still show.",
                                     rich_help_panel="Run")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also print info-level diagnostics.",
                                       rich_help_panel="Run")]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.", rich_help_panel="Run")]
FromFormat = Annotated[Optional[Literal["wxr", "pages", "json"]],
                       typer.Option("--from", help="Input kind, when detection is not wanted.", rich_help_panel="Input")]
Listed = Optional[list[str]]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Processes for the whole run, this one included "
                                             "(0 or unset: the cores available).", rich_help_panel="Run")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wxr-tools {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """The exit codes are the same for every command (wxr validate: 1 on error findings)."""


@app.command(cls=ReadableCommand)
@with_writer_options
def convert(
    inputs: Inputs,
    to: Annotated[Literal[tuple(WRITERS)], typer.Option("--to", "-t",  # type: ignore[valid-type]
                                    help="Output format (sql: a script; postgres, mysql: loaded into a server "
                                         "named by --dsn).",
                                    rich_help_panel="Output")] = "markdown",
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Output file or folder; '-' is standard output.",
                                               rich_help_panel="Output")] = None,
    from_format: FromFormat = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read everything and report what would be written; "
                                          "write nothing.", rich_help_panel="Run")] = False,
    pages: Annotated[Optional[Path], typer.Option("--pages", help="Saved pages of the same site (a file or folder): "
                                                  "fill what the export lacks (bios, comments, term descriptions).",
                                                  parser=input_path, metavar="PATH",
                                                  rich_help_panel="Input")] = None,
    jobs: Jobs = None,
    category: Annotated[Listed, typer.Option("--category", help="Only posts in these categories or below them "
                                             "(slug or name; repeat or use commas).", rich_help_panel="Input")] = None,
    tag: Annotated[Listed, typer.Option("--tag", help="Only posts with one of these tags.",
                                        rich_help_panel="Input")] = None,
    author: Annotated[Listed, typer.Option("--author", help="Only posts by these authors (login or name).",
                                           rich_help_panel="Input")] = None,
    status: Annotated[Listed, typer.Option("--status", help="Only posts with these statuses (publish, draft...).",
                                           rich_help_panel="Input")] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Only posts dated on or after "
                                                 "this day, month or year (2012-11-26, 2012-11, 2012).",
                                                 rich_help_panel="Input")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Only posts dated on or before "
                                                 "it.", rich_help_panel="Input")] = None,
    each: Annotated[bool, typer.Option("--each", help="Convert each export on its own, into its own output "
                                       "(--out names their folder).", rich_help_panel="Output")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on any warning too.",
                                         rich_help_panel="Run")] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    debug: Debug = False,
    writer_values: Optional[dict] = None,  # type: ignore[type-arg]
) -> None:
    """Convert exports to another format (library: wxr_tools.convert.convert).

    With no options, an export becomes Markdown for Hugo in ./<export name>/; --to json writes <export name>.json, sqlite <export name>.db.
    """
    with user_errors(debug), stop_on_sigterm():
        code = run_convert(inputs, each=each, strict=strict, quiet=quiet, verbose=verbose, to=to, out=out,
                           from_format=from_format, dry_run=dry_run, pages=pages, jobs=jobs,
                           post_filter=post_filter(category, tag, author, status, since, until),
                           **(writer_values or {}))
        raise typer.Exit(code)


@app.command(cls=ReadableCommand)
def info(
    inputs: Inputs,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")] = False,
    from_format: FromFormat = None,
    jobs: Jobs = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """Show what an export holds: site, counts by type and status, authors, terms, problems
    (library: wxr_tools.info.summarize)."""
    with user_errors(debug), stop_on_sigterm():
        with run_pool(jobs, input_size(inputs), worth_it=MIN_FILE_BYTES) as pool:
            source = open_source(inputs, from_format=from_format, pool=pool)
            summary = summarize(source)
        if as_json:
            typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            _print_info(summary)
            print_diagnostics(source.diagnostics, verbose=verbose, quiet=quiet)
        errors = any(d["severity"] == "error" for d in summary["diagnostics"])
        raise typer.Exit(EXIT_INPUT_ERRORS if errors else EXIT_OK)


def _print_info(summary: dict) -> None:  # type: ignore[type-arg]
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    site = summary["site"]
    out.print(f"[bold]{site['title'] or '(untitled site)'}[/] {site['link']}")
    out.print(f"WXR {summary['wxr_version'] or '?'} · {summary['generator'] or 'unknown generator'} · "
              f"{plural(summary['items'], 'item')}")
    table = Table("what", "count", box=None, show_header=False)
    for kind, count in summary["posts_by_type"].items():
        table.add_row(f"type {kind}", str(count))
    for status, count in summary["posts_by_status"].items():
        table.add_row(f"status {status}", str(count))
    for kind, count in summary["comments"]["by_type"].items():
        table.add_row(f"comments: {kind}", str(count))
    for status, count in summary["comments"]["by_status"].items():
        table.add_row(f"comments {status}", str(count))
    for taxonomy, count in summary["terms_by_taxonomy"].items():
        table.add_row(f"terms {taxonomy}", str(count))
    table.add_row("authors", ", ".join(a["login"] for a in summary["authors"]) or "none")
    out.print(table)
    counts = {s: sum(1 for d in summary["diagnostics"] if d["severity"] == s) for s in ("error", "warning", "info")}
    out.print(f"diagnostics: {plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
              f"{counts['info']} info")


@app.command(cls=ReadableCommand)
def schema(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="The schema of one JSON Lines record.")] = False,
) -> None:
    """Print the JSON Schema of the JSON output (library: wxr_tools.schema.build_schema)."""
    typer.echo(render_schema("jsonl" if jsonl else "json"), nl=False)


from . import validate as _validate  # noqa: E402,F401  (registers wxr validate and wxr rules)


def main() -> None:
    """Entry point of the ``wxr`` console script."""
    app(prog_name="wxr")
