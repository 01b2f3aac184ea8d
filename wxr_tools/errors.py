"""Exceptions: raised only where reading or writing cannot go on."""

from __future__ import annotations


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


class UnknownFormatError(WxrToolsError):
    """A reader or writer name that does not exist; lists the valid ones."""

    def __init__(self, kind: str, name: str, valid: list[str]) -> None:
        self.hint = f"choose one of: {', '.join(sorted(valid))}"
        super().__init__(f"unknown {kind} {name!r}; {self.hint}")


class WxrDataLossError(WxrReadError):
    """An export was read, but not whole (``read_wxr(..., raise_on_loss=True)``); ``diagnostics`` say where."""

    def __init__(self, diagnostics: list) -> None:  # type: ignore[type-arg]
        self.diagnostics = diagnostics
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more errors)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first.code} {first.message}{more}", file=first.file, line=first.line,
                         column=first.column, hint="read it without raise_on_loss to keep what could be read")
