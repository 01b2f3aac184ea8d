"""The four output formats of ``wxr validate``: text, json, github, junit."""

from __future__ import annotations

import json
from collections.abc import Callable
from xml.etree import ElementTree

from ..diagnostics import Diagnostic
from .engine import ValidationResult
from ..wording import plural
from .rules import RULES

FORMATS = ("text", "json", "github", "junit")


def finding_record(finding: Diagnostic) -> dict[str, object]:
    """One finding as JSON: code, severity, file, line, column, message (and what was done)."""
    return {"code": finding.code, "severity": finding.severity, "file": finding.file, "line": finding.line,
            "column": finding.column, "message": finding.message, "action": finding.action}


def format_text(result: ValidationResult, *, verbose: bool = False, summary: bool = True) -> str:
    """``file:line:col: severity CODE message``, one a line, then a summary; info only when verbose."""
    unreadable = [report for report in result.files if report.io_error]
    lines = [f"{report.path}: error {report.io_error}" for report in unreadable]
    lines += [str(f) for f in result.findings if verbose or f.severity != "info"]
    counts = result.counts()
    if summary:
        lines.append(f"{plural(len(result.files), 'file')} checked: {plural(counts['error'], 'error')}, "
                     f"{plural(counts['warning'], 'warning')}, {counts['info']} info"
                     + (f", {len(unreadable)} could not be opened" if unreadable else ""))
    return "".join(line + "\n" for line in lines)


def format_json(result: ValidationResult) -> str:
    """A JSON list of findings; a file that could not be opened is one ``io`` finding."""
    records = [{"code": "io", "severity": "error", "file": r.path, "line": None, "column": None,
                "message": r.io_error, "action": ""} for r in result.files if r.io_error]
    records += [finding_record(f) for f in result.findings]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, message: str, **properties: object) -> str:
    """One GitHub Actions workflow command, escaped as the runner expects."""
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items()
                     if value is not None and value != "")
    return f"::{level} {props}::{_escape_data(message)}" if props else f"::{level}::{_escape_data(message)}"


def _title(code: str) -> str:
    rule = RULES.get(code)
    return f"{code} {rule.title}" if rule else code


def format_github(result: ValidationResult) -> str:
    """Workflow commands (``::error file=...,line=...,col=...::message``): annotations on the PR."""
    lines = [github_command("error", r.io_error or "", file=r.path, title="wxr validate")
             for r in result.files if r.io_error]
    for f in result.findings:
        message = f"{f.message} ({f.action})" if f.action else f.message
        lines.append(github_command(_GITHUB_LEVEL[f.severity], message, file=f.file, line=f.line,
                                    col=f.column, title=_title(f.code)))
    return "\n".join(lines) + ("\n" if lines else "")


def format_junit(result: ValidationResult) -> str:
    """JUnit XML: one test case per file, one ``<failure>`` per failing finding.

    Errors fail (warnings too with ``strict``); other findings go to the
    case's ``<system-out>``; a file that could not be opened is an ``<error>``.
    """
    suites = ElementTree.Element("testsuites", name="wxr validate")
    suite = ElementTree.SubElement(suites, "testsuite", name="wxr validate", tests=str(len(result.files)))
    failures = errors = 0
    for report in result.files:
        case = ElementTree.SubElement(suite, "testcase", classname="wxr.validate", name=report.path)
        if report.io_error:
            errors += 1
            ElementTree.SubElement(case, "error", message=report.io_error, type="io").text = report.io_error
        passing = []
        for finding in report.findings:
            if result.fails(finding):
                failures += 1
                failure = ElementTree.SubElement(case, "failure", message=finding.message, type=finding.code)
                failure.text = str(finding)
            else:
                passing.append(str(finding))
        if passing:
            ElementTree.SubElement(case, "system-out").text = "\n".join(passing)
    for element in (suites, suite):
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    suites.set("tests", str(len(result.files)))
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text, "json": format_json, "github": format_github, "junit": format_junit,
}


def render(result: ValidationResult, fmt: str, *, verbose: bool = False, summary: bool = True) -> str:
    """The result in one of :data:`FORMATS`."""
    if fmt == "text":
        return format_text(result, verbose=verbose, summary=summary)
    return FORMATTERS[fmt](result)
