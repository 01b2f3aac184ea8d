"""What every writer shares: options that check themselves, and the report a writer returns.

Each output format pairs a writer with an options class, the way pandoc pairs
its writers with ``WriterOptions``::

    write_<format>(source, out, options: <Format>Options, *, pool=None) -> WriteReport

An options class is a frozen dataclass whose fields carry their command-line
form in their metadata (see :func:`option`): the ``wxr convert`` command and
``convert()`` are built from the registry in :mod:`wxr_tools.writers`, so a new
option or format is added in one module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import WxrToolsError, did_you_mean


class WriterOptionsError(WxrToolsError, ValueError):
    """An option a writer does not take, or a value it does not accept."""


def option(default: Any = dataclasses.MISSING, *, flag: str = "", help: str, choices: Sequence[str] = (),
           metavar: str = "", panel: str = "", cli: bool = True, **field_options: Any) -> Any:
    """A dataclass field of an options class, with what the command line shows for it.

    ``flag`` defaults to ``--field-name``; ``choices`` are the values the field
    accepts (listed in ``--help`` and checked); ``cli=False`` keeps a field out of
    the command line (a library-only knob).
    """
    metadata = {"flag": flag, "help": help, "choices": tuple(choices), "metavar": metavar, "panel": panel,
                "cli": cli}
    return field(default=default, metadata=metadata, **field_options)


def flag_of(field_: dataclasses.Field[Any]) -> str:
    """The command-line flag of an options field: ``--preset`` for ``preset``."""
    return field_.metadata.get("flag") or "--" + field_.name.replace("_", "-")


@dataclass(frozen=True)
class WriterOptions:
    """Base of every writer's options: frozen, and checked when made.

    Sequence fields also take a comma-separated string (``"post,page"``), as
    typed on a command line; values with ``choices`` are checked against them.
    """

    def __post_init__(self) -> None:
        for field_ in dataclasses.fields(self):
            value = getattr(self, field_.name)
            if isinstance(value, str) and isinstance(field_.default, tuple):
                value = tuple(part.strip() for part in value.split(",") if part.strip())
            elif isinstance(value, list):
                value = tuple(value)
            object.__setattr__(self, field_.name, value)
            choices = field_.metadata.get("choices")
            if choices:
                for item in value if isinstance(value, tuple) else (value,):
                    if item not in choices:
                        raise WriterOptionsError(
                            f"{flag_of(field_)} {item!r} is not one of: {', '.join(choices)}",
                            hint=did_you_mean(str(item), list(choices)).strip() or f"e.g. {flag_of(field_)} {choices[0]}")
        self.check()

    def check(self) -> None:
        """Checks between fields, or of values choices cannot express; raise :class:`WriterOptionsError`."""


@dataclass
class WriteReport:
    """What a writer did: where, how many posts, and the problems it met (each with a code)."""

    format: str = ""
    target: str = ""
    posts_written: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Counts for the command line's summary table (nested counts become rows)."""
        return {"posts_written": self.posts_written}
