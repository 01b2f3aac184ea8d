"""``validate``: every file read once, the reader's diagnostics and the model checks, per file."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import SEVERITIES, Diagnostic, Severity
from ..errors import WxrToolsError
from ..readers import input_list
from ..readers.wxr import open_wxr
from ..readers.wxr.parallel import MIN_FILE_BYTES
from ..workers import WorkerPool, run_pool
from .checks import Check, Where
from .rules import RULES, matching

WXR_SUFFIXES = (".xml", ".xml.gz", ".zip")
"""Files a folder given to ``validate`` is searched for."""


@dataclass
class FileReport:
    """The findings of one file, or why it could not be opened at all (an I/O error)."""

    path: str
    findings: list[Diagnostic] = field(default_factory=list)
    io_error: str | None = None


@dataclass
class ValidationResult:
    """Findings per file and what they add up to."""

    files: list[FileReport]
    strict: bool = False

    @property
    def findings(self) -> list[Diagnostic]:
        return [finding for report in self.files for finding in report.findings]

    def fails(self, finding: Diagnostic) -> bool:
        """Errors fail the run; warnings too when strict."""
        return finding.severity == "error" or (self.strict and finding.severity == "warning")

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def exit_code(self) -> int:
        """0 no failing finding, 1 failing findings, 2 a file could not be opened."""
        if any(report.io_error for report in self.files):
            return 2
        return 1 if any(self.fails(f) for f in self.findings) else 0


class Selection:
    """Which rule codes are reported: ``select`` (all by default) minus ``ignore``, by code or prefix."""

    def __init__(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> None:
        select, ignore = list(select or []), list(ignore or [])
        self.codes = (matching(select) if select else set(RULES)) - (matching(ignore) if ignore else set())
        self._select = tuple(p.strip().upper() for p in select)
        self._ignore = tuple(p.strip().upper() for p in ignore)

    def wants(self, code: str) -> bool:
        """Whether a finding with this code is reported (codes the registry lacks go by prefix)."""
        if code in RULES:
            return code in self.codes
        return (not self._select or code.startswith(self._select)) and not (
            self._ignore and code.startswith(self._ignore))


def expand_paths(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> list[FileReport]:
    """One report per file to check: folders are searched for exports; missing paths are I/O errors."""
    reports: list[FileReport] = []
    for given in input_list(paths):
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(WXR_SUFFIXES))
            if not found:
                reports.append(FileReport(str(path), io_error="the folder holds no .xml, .xml.gz or .zip file"))
            reports.extend(FileReport(str(p)) for p in found)
        elif not path.exists():
            reports.append(FileReport(str(path), io_error="no such file"))
        else:
            reports.append(FileReport(str(path)))
    return reports


def validate(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    strict: bool = False,
    on_bytes: Callable[[int], None] | None = None,
    jobs: int | None = None,
) -> ValidationResult:
    """Check each export in ``paths`` (a file or folder, or a list of them) and return the findings per file.

    ``select`` and ``ignore`` take rule codes or prefixes; ``strict`` makes
    warnings fail. Raises :class:`~wxr_tools.validate.rules.UnknownRuleError`
    for a code that names no rule. ``jobs`` processes in all read a large file
    (None: the cores available).
    """
    selection = Selection(select, ignore)
    reports = expand_paths(paths)
    largest = max((os.path.getsize(r.path) for r in reports if r.io_error is None and os.path.isfile(r.path)),
                  default=0)
    with run_pool(jobs, largest, worth_it=MIN_FILE_BYTES) as pool:
        for report in reports:
            if report.io_error is None:
                _check_file(report, selection, on_bytes, pool)
    return ValidationResult(reports, strict=strict)


def _check_file(report: FileReport, selection: Selection, on_bytes: Callable[[int], None] | None,
                pool: WorkerPool | None) -> None:
    found: list[Diagnostic] = []

    def emit(code: str, message: str, where: Where) -> None:
        file, line = where
        found.append(Diagnostic(code=code, severity=RULES[code].severity, message=message,
                                file=file or report.path, line=line))

    export = None
    try:
        export = open_wxr(report.path, on_bytes=on_bytes, pool=pool)
        checks: list[Check] = [rule.check(emit) for code, rule in RULES.items()
                               if rule.check is not None and code in selection.codes]
        for check in checks:
            check.channel(export)
        for post in export.posts():
            for check in checks:
                check.post(post, export.position)
        for check in checks:
            check.finish()
    except PermissionError as exc:
        report.io_error = exc.strerror or str(exc)
        return
    except (WxrToolsError, OSError) as exc:
        where = (getattr(exc, "file", "") or report.path, getattr(exc, "line", None))
        message = re.sub(rf"^{re.escape(where[0])}(?::\d+){{0,2}}: ", "", str(exc))
        found.append(Diagnostic(code="WXR001", severity="error", message=message, file=where[0],
                                line=where[1], action="nothing more could be read"))
    diagnostics = list(export.diagnostics) if export is not None else []
    wanted = [d for d in diagnostics + found if selection.wants(d.code)]
    # file-level findings first, then by position, as a reader of the file meets them
    report.findings = sorted(wanted, key=lambda d: (d.file, d.line or 0, d.column or 0))
