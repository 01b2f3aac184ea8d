"""Diagnostics: every problem a reader met, where, and what it did about it.

Readers never stop for a problem they can work around (the feedparser way):
they record a :class:`Diagnostic` and go on. Codes are stable and documented
in ``docs/diagnostics.md``; tools may filter on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import msgspec

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class Diagnostic(msgspec.Struct, kw_only=True, frozen=True):
    """One problem found in the input."""

    code: str
    """Stable code, e.g. ``WXR101``; see ``docs/diagnostics.md``."""
    severity: Severity
    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    action: str = ""
    """What the reader did about it (``repaired``, ``skipped``, ``kept as is``...)."""

    def location(self) -> str:
        """``file:line:column`` as editors and CI annotate it."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity} {self.code} {self.message}"
        return f"{text} ({self.action})" if self.action else text


class DiagnosticLog:
    """Collects diagnostics in the order they were found."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        *,
        file: str = "",
        line: int | None = None,
        column: int | None = None,
        action: str = "",
    ) -> Diagnostic:
        diagnostic = Diagnostic(
            code=code, severity=severity, message=message,
            file=file, line=line, column=column, action=action,
        )
        self.items.append(diagnostic)
        return diagnostic

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
