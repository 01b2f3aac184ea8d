"""``--help`` at 80 columns: no cut words, values named plainly, choices listed and completed, panels in order."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from wxr_tools.cli import app

runner = CliRunner()
COMMANDS = ("convert", "info", "validate", "rules", "schema")
_BOX = re.compile(r"[│╭╮╰╯─]")


def _help(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80", "TERM": "dumb"})
    assert result.exit_code == 0, result.output
    return result.output


def _words(text: str) -> set[str]:
    return {word for word in text.split() if word}


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_fits_80_columns_and_cuts_no_word(command: str) -> None:
    screen = _help(*([command] if command else []))
    lines = screen.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert "…" not in screen
    shown = _words(_BOX.sub(" ", screen))
    root = typer.main.get_command(app)
    cmd = root.commands[command] if command else root  # type: ignore[attr-defined]
    ctx = cmd.context_class(cmd, info_name=command or "wxr")
    for param in cmd.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        names = set(param.opts) if param.param_type_name == "option" else set()
        names |= {param.metavar} if param.metavar else set()
        expected = _words(param.help or "") | names
        cut = sorted(word for word in expected if word not in shown)
        assert not cut, f"{command} {param.name}: words cut or missing at 80 columns: {cut}"


def test_values_are_named_plainly_and_choices_listed() -> None:
    screen = _help("convert")
    assert "Usage: wxr convert [OPTIONS] INPUT..." in screen
    for python_type in ("<bool>", "<str>", "<int>", "list[", "{inputs}"):
        assert python_type not in screen
    flat = " ".join(_BOX.sub(" ", screen).split())
    assert "One of: markdown, json, jsonl, sqlite, sql, postgres, mysql." in flat
    assert "[yaml|toml]" in flat and "[drop|hash|keep]" in flat
    panels = re.findall(r"╭─ (\w+) ─", screen)
    assert panels == ["Arguments", "Input", "Output", "Markdown", "Media", "SQL", "Privacy", "Run"]


def test_choices_are_completed_by_the_shell() -> None:
    result = runner.invoke(app, [], env={"_WXR_COMPLETE": "complete_bash", "COMP_WORDS": "wxr convert x --to j",
                                         "COMP_CWORD": "4"}, prog_name="wxr")
    assert {"json", "jsonl"} <= set(result.output.split()), result.output
