"""``wxr validate`` and ``wxr rules``: lint exports for CI (library: wxr_tools.validate.validate)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..validate import RULES, validate as validate_paths
from ..validate.config import load_config
from ..validate.engine import expand_paths
from ..validate.report import render
from . import Debug, Jobs, Quiet, Verbose, app, input_path
from .console import interactive, progress_bar, stop_on_sigterm, user_errors
from .help import ReadableCommand


class OutputFormat(str, Enum):
    """Report formats of ``wxr validate``."""

    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


Codes = Optional[list[str]]


def _split(values: Codes) -> list[str] | None:
    """``--select A,B --select C`` -> ``[A, B, C]``; None when not given."""
    if not values:
        return None
    return [code for value in values for code in value.split(",") if code.strip()]


def _total_bytes(paths: list[Path]) -> int | None:
    sizes = [Path(report.path).stat().st_size for report in expand_paths(paths) if report.io_error is None]
    return sum(sizes) or None


@app.command(cls=ReadableCommand)
def validate(
    inputs: Annotated[list[Path], typer.Argument(help="WXR exports (.xml, .xml.gz, .zip) or folders holding them.",
                                                 show_default=False, parser=input_path, metavar="INPUT")],
    select: Annotated[Codes, typer.Option("--select", "-s", help="Report only these rule codes or prefixes "
                                          "(comma-separated or repeated), e.g. WXR1,WXR201.")] = None,
    ignore: Annotated[Codes, typer.Option("--ignore", "-i", help="Do not report these codes or prefixes.")] = None,
    strict: Annotated[Optional[bool], typer.Option("--strict/--no-strict",
                                                   help="Warnings fail too (exit 1).",
                                                   show_default=False)] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")] = OutputFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file "
                                                   "instead of standard output.")] = None,
    jobs: Jobs = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """Check exports for problems, as a linter does: rule codes, severities, CI formats
    (library: wxr_tools.validate.validate).

    Settings come from the tool.wxr table of the nearest pyproject.toml (select, ignore, strict);
    options given here win.

    Exit codes: 0 no error, 1 errors (or warnings with --strict), 2 usage or I/O errors.
    """
    with user_errors(debug), stop_on_sigterm():
        config = load_config()
        chosen_select = _split(select) if select else config.select
        chosen_ignore = _split(ignore) if ignore else config.ignore
        chosen_strict = config.strict if strict is None else strict
        show_progress = interactive(quiet)
        with progress_bar(_total_bytes(inputs) if show_progress else None, show_progress,
                          "validating") as on_bytes:
            result = validate_paths(inputs, select=chosen_select, ignore=chosen_ignore, strict=chosen_strict,
                                    on_bytes=on_bytes, jobs=jobs)
        report = render(result, output_format.value, verbose=verbose, summary=not quiet)
        if output is not None:
            output.write_text(report, encoding="utf-8")
        else:
            typer.echo(report, nl=False)
        raise typer.Exit(result.exit_code)


@app.command(cls=ReadableCommand)
def rules(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list instead of a table.")] = False,
) -> None:
    """List the rules wxr validate checks: code, severity and title (library: wxr_tools.validate.RULES)."""
    if as_json:
        records = [{"code": r.code, "severity": r.severity, "title": r.title, "reported_by": r.reported_by}
                   for r in RULES.values()]
        typer.echo(json.dumps(records, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("code", "severity", "title", box=None)
    for rule in RULES.values():
        table.add_row(rule.code, rule.severity, rule.title)
    Console(highlight=False, width=200 if not Console().is_terminal else None).print(table)
