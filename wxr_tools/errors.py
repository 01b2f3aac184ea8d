"""Exceptions: raised only where reading or writing cannot go on."""

from __future__ import annotations

import difflib


class WxrToolsError(Exception):
    """Base of every error wxr-tools raises on purpose; the CLI shows its message."""

    hint: str = ""
    option: str = ""
    """The library parameter at fault (``out``, ``post_types``), when one is; the CLI names its option."""

    def __init__(self, message: str = "", *, hint: str = "", option: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint
        if option:
            self.option = option


class WxrReadError(WxrToolsError):
    """An input cannot be read as a WordPress export (or at all); says what and where."""

    def __init__(self, message: str, *, file: str = "", line: int | None = None,
                 column: int | None = None, hint: str = "") -> None:
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint
        where = file or "<input>"
        if line is not None:
            where += f":{line}" + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: {message}")


def did_you_mean(value: str, choices: list[str]) -> str:
    """``did you mean X?`` for the choice closest to a mistyped value, or "" when none is close."""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]}? " if close else ""


class UnknownFormatError(WxrToolsError):
    """A reader or writer name that does not exist; the hint names the closest and lists the valid ones."""

    def __init__(self, kind: str, name: str, valid: list[str], *, option: str = "") -> None:
        super().__init__(f"unknown {kind} {name!r}",
                         hint=f"{did_you_mean(name, valid)}choose one of: {', '.join(valid)}", option=option)


class WxrDataLossError(WxrReadError):
    """An export was read, but not whole (``read_wxr(..., raise_on_loss=True)``); ``diagnostics`` say where."""

    def __init__(self, diagnostics: list) -> None:  # type: ignore[type-arg]
        self.diagnostics = diagnostics
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more errors)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first.code} {first.message}{more}", file=first.file, line=first.line,
                         column=first.column, hint="read it without raise_on_loss to keep what could be read")
