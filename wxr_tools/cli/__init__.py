"""The ``wxr`` command: a thin layer over the library (each command is one call)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import __version__
from ..convert import WRITERS, convert as convert_inputs
from ..errors import WxrToolsError
from ..writers.sql import SQL_TARGETS
from ..info import summarize
from ..readers import open_source
from ..schema import render_schema
from .console import (EXIT_INPUT_ERRORS, EXIT_OK, interactive, print_diagnostics, print_summary, progress_bar,
                      user_errors)

app = typer.Typer(
    name="wxr",
    help="Get a WordPress site's content out whole: WXR exports and saved pages to Markdown, JSON and SQL.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def input_path(value: str) -> Path:
    """An input argument as a path; an empty one (an unset shell variable) is refused, not read as "."."""
    if not value:
        raise typer.BadParameter("an input path is empty: name an export file or folder (is a shell variable unset?)")
    return Path(value)


Inputs = Annotated[list[Path], typer.Argument(help="WXR exports (.xml, .xml.gz, .zip, split parts), saved pages "
                                                   "(an .html file or a folder), or wxr-tools JSON.",
                                              show_default=False, parser=input_path)]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no diagnostics on stderr.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also print info-level diagnostics.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]
FromFormat = Annotated[Optional[str], typer.Option("--from", help="Input kind, when detection is not wanted: wxr, pages or json.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wxr-tools {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Exit codes: 0 fine, 1 errors in the input, 2 usage or I/O errors."""


@app.command()
def convert(
    inputs: Inputs,
    to: Annotated[str, typer.Option("--to", "-t", help=f"Output format: {', '.join(WRITERS)}.")] = "markdown",
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Output file or folder; '-' is standard output.")] = None,
    from_format: FromFormat = None,
    include_passwords: Annotated[bool, typer.Option(help="Write post passwords (never written by default).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read everything and report what would be written; "
                                          "write nothing.")] = False,
    pages: Annotated[Optional[Path], typer.Option("--pages", help="Saved pages of the same site (a file or folder): "
                                                  "fill what the export lacks (bios, comments, term descriptions).",
                                                  parser=input_path, metavar="<path>")] = None,
    dialect: Annotated[Optional[str], typer.Option("--dialect", help="With --to sql: sqlite (default), postgres or mysql.")] = None,
    dsn: Annotated[Optional[str], typer.Option("--dsn", help="With --to postgres or mysql: the database to load into "
                                                "(postgresql://user@host/db, mysql://user:password@host/db).")] = None,
    table_prefix: Annotated[str, typer.Option("--table-prefix", help="SQL output: prefix every table name (e.g. wp_).")] = "",
    schema_only: Annotated[bool, typer.Option("--schema-only", help="SQL output: the tables and indexes only.")] = False,
    data_only: Annotated[bool, typer.Option("--data-only", help="SQL output: the rows only, for tables made before.")] = False,
    preset: Annotated[Optional[str], typer.Option("--preset", help="Markdown: hugo (default), jekyll, eleventy, "
                                                  "astro or plain.")] = None,
    front_matter: Annotated[Optional[str], typer.Option("--front-matter", help="Markdown: yaml (default) or toml.")] = None,
    fields: Annotated[Optional[str], typer.Option("--fields", help="Markdown: front matter fields, in order, "
                                                  "renamed with ':' (title,date:created,tags).")] = None,
    comments: Annotated[Optional[str], typer.Option("--comments", help="Markdown: sidecar (default), front-matter, "
                                                    "section or none.")] = None,
    comment_pii: Annotated[Optional[str], typer.Option("--comment-pii", help="Markdown: commenters' e-mail and IP: "
                                                       "drop (default), hash or keep.")] = None,
    include_unapproved: Annotated[bool, typer.Option("--include-unapproved", help="Markdown: also pending comments.")] = False,
    protected: Annotated[bool, typer.Option("--protected", help="Markdown: write password-protected posts, marked "
                                            "(never their password).")] = False,
    transliterate: Annotated[bool, typer.Option("--transliterate", help="Markdown: ASCII slugs and file names.")] = False,
    post_types: Annotated[Optional[str], typer.Option("--post-types", help="Markdown: post types to write "
                                                      "(default post,page).")] = None,
    redirects: Annotated[Optional[str], typer.Option("--redirects", help="Markdown: redirect snippets besides "
                                                     "redirects.json: netlify,nginx,apache.")] = None,
    unsafe_html: Annotated[Optional[str], typer.Option("--unsafe-html", help="Markdown: <script>, <style>, forms: "
                                                       "drop (default), link or keep.")] = None,
    shortcode: Annotated[Optional[list[str]], typer.Option("--shortcode", help="Markdown: NAME=TEMPLATE writes a "
                                                           "shortcode as the target's own (repeatable).")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Markdown: processes for the content "
                                                "(0 or unset: all cores).")] = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """Convert exports to another format (library: wxr_tools.convert.convert).

    With no options, an export becomes Markdown for Hugo in ./<export name>/.
    """
    with user_errors(debug):
        options: dict = {"include_passwords": include_passwords}
        sql_options = {"dialect": dialect, "dsn": dsn, "table_prefix": table_prefix,
                       "schema_only": schema_only, "data_only": data_only}
        markdown_options = {
            "preset": preset, "front_matter": front_matter, "fields": fields, "comments": comments,
            "comment_pii": comment_pii, "include_unapproved": include_unapproved, "protected": protected,
            "transliterate": transliterate, "post_types": post_types, "redirects": redirects,
            "unsafe_html": unsafe_html, "jobs": jobs,
            "shortcode_map": tuple(_shortcode_pair(item) for item in shortcode or ()),
        }
        if to in SQL_TARGETS:
            options.update(sql_options)
        elif any(sql_options.values()):
            raise WxrToolsError("--dialect, --dsn, --table-prefix, --schema-only and --data-only go with "
                                "--to sqlite, sql, postgres or mysql")
        if to == "markdown":
            options.update({k: v for k, v in markdown_options.items() if v not in (None, False, ())})
        elif any(v not in (None, False, ()) for v in markdown_options.values()):
            raise WxrToolsError("--preset, --front-matter, --fields, --comments and the other Markdown options "
                                "go with --to markdown")
        total = sum(p.stat().st_size for p in inputs if p.is_file())
        with progress_bar(total or None, interactive(quiet)) as on_bytes:
            result = convert_inputs(inputs, to=to, out=out, from_format=from_format, on_bytes=on_bytes,
                                    dry_run=dry_run, pages=pages, **options)
        print_diagnostics(result.diagnostics, verbose=verbose, quiet=quiet)
        if not quiet:
            print_summary(result)
        raise typer.Exit(EXIT_INPUT_ERRORS if result.has_errors else EXIT_OK)


def _shortcode_pair(item: str) -> tuple[str, str]:
    name, sep, template = item.partition("=")
    if not sep or not name.strip():
        raise WxrToolsError(f"--shortcode {item!r} is not NAME=TEMPLATE",
                            hint="e.g. --shortcode 'caption={{< figure src=\"{src}\" caption=\"{caption}\" >}}'")
    return name.strip(), template


@app.command()
def info(
    inputs: Inputs,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")] = False,
    from_format: FromFormat = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """Show what an export holds: site, counts by type and status, authors, terms, problems
    (library: wxr_tools.info.summarize)."""
    with user_errors(debug):
        source = open_source(inputs, from_format=from_format)
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
              f"{summary['items']} items")
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
    out.print(f"diagnostics: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info")


@app.command()
def schema(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="The schema of one JSON Lines record.")] = False,
) -> None:
    """Print the JSON Schema of the JSON output (library: wxr_tools.schema.build_schema)."""
    typer.echo(render_schema("jsonl" if jsonl else "json"), nl=False)


from . import validate as _validate  # noqa: E402,F401  (registers wxr validate and wxr rules)


def main() -> None:
    """Entry point of the ``wxr`` console script."""
    app(prog_name="wxr")
