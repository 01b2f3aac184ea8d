"""``--help`` that reads at 80 columns: short value names, the choices listed, ``INPUT...`` in usage.

Typer shows a value's Python type (``<bool>``, ``<list[str]>``) and puts long
choice lists in a narrow column where words are cut. Here flags show no
value, other values a short name (``PATH``, ``N``, ``LIST``), and choices sit
in the metavar when they are short (``[yaml|toml]``) or at the end of the help
when they are long, where they wrap between words. Shell completion still
offers them.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from typer.core import TyperArgument, TyperCommand

_SHORT_CHOICES = 22
"""Longest ``[a|b|c]`` kept as the value's name; longer lists go to the help text."""
_PLACEHOLDERS = {"int": "N", "str": "TEXT", "Path": "PATH", "list[str]": "LIST", "list[Path]": "PATH..."}


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    if not getattr(descriptor, "is_choice", False):
        return []
    return [str(getattr(c, "value", c)) for c in getattr(descriptor, "choices", None) or ()]


_FORMATS_NOTE = re.compile(r"\s*\[--to ([\w|]+)\]")


def _formats_note(match: re.Match[str]) -> str:
    """``[--to a|b|c]`` as words that wrap (``[--to a, b, c]``); nothing when every format takes it."""
    from ..writers import WRITERS

    formats = match.group(1).split("|")
    return "" if set(formats) == set(WRITERS) else f" [--to {', '.join(formats)}]"


def tidy_option(param: Any) -> None:
    """Give one option a readable value name, and its long choices in its help."""
    if param.param_type_name != "option":
        return
    if param.help:
        param.help = _FORMATS_NOTE.sub(_formats_note, param.help)
    if getattr(param, "is_flag", False):
        param.metavar = ""
        return
    choices = _choices(param)
    if choices:
        listed = "|".join(choices)
        if len(listed) + 2 <= _SHORT_CHOICES:
            param.metavar = f"[{listed}]"
        else:
            param.metavar = "CHOICE"
            param.help = f"{(param.help or '').rstrip()} One of: {', '.join(choices)}."
        return
    if param.metavar is None:
        bare = param.bare_type() if callable(getattr(param, "bare_type", None)) else ""
        param.metavar = _PLACEHOLDERS.get(bare.replace("pathlib.", ""), "TEXT")
        if param.name == "out":
            param.metavar = "PATH"


class InputsArgument(TyperArgument):
    """A many-valued argument shown as ``INPUT...``: no Python type beside it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _rich_display_name(self) -> str:  # typer's hook for the argument's name in the help panel
        return f"{self.display_name_raw}..."


PANELS = ("Input", "Output", "Markdown", "Media", "SQL", "Privacy", "Run")
"""The option panels of ``--help``, in the order a user reads them: what to read, where to write, how."""


def _panel_rank(param: Any) -> int:
    if param.param_type_name == "argument":
        return -1
    panel = getattr(param, "rich_help_panel", None)
    return PANELS.index(panel) if panel in PANELS else len(PANELS)


class ReadableCommand(TyperCommand):
    """A command whose ``--help`` reads at 80 columns (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.help:  # a docstring's line breaks inside a paragraph are not the reader's
            self.help = "\n\n".join(" ".join(part.split()) for part in inspect.cleandoc(self.help).split("\n\n"))
        for param in self.params:
            if param.param_type_name == "argument" and param.nargs != 1:
                param.__class__ = InputsArgument
            tidy_option(param)
        self.params.sort(key=_panel_rank)  # stable: options keep their order within a panel

    def get_help_option(self, ctx: Any) -> Any:
        """``-h, --help``, shown with the options that run the command, as a flag with no value."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
            option.rich_help_panel = "Run" if any(_panel_rank(p) < len(PANELS) for p in self.params) else None
        return option

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``INPUT...`` rather than typer's ``{INPUT}...``."""
        return [re.sub(r"^\{(.*)\}", r"\1", piece) for piece in super().collect_usage_pieces(ctx)]

