"""Output formats, checked by parsing them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

from wxr_tools.validate import validate
from wxr_tools.validate.report import format_github, format_json, format_junit, format_text, github_command

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "validate"
FILES = [FIXTURES / "clean.xml", FIXTURES / "WXR103-bad.xml", FIXTURES / "WXR230-bad.xml",
         FIXTURES / "WXR221-bad.xml", FIXTURES / "missing.xml"]

# ::level key=value,key=value::message — no raw CR/LF, and properties escaped
WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice)(?: ((?:[a-z]+=[^,:\r\n]*)(?:,[a-z]+=[^,:\r\n]*)*))?::([^\r\n]*)$")


def test_json_is_a_list_of_findings() -> None:
    result = validate(FILES)
    records = json.loads(format_json(result))
    assert isinstance(records, list) and len(records) == len(result.findings) + 1
    for record in records:
        assert {"code", "severity", "file", "line", "column", "message"} <= set(record)
        assert record["severity"] in ("error", "warning", "info")
    assert {"WXR100", "WXR103", "WXR230", "WXR221", "io"} <= {r["code"] for r in records}
    bare = next(r for r in records if r["code"] == "WXR103")
    assert bare["line"] == 11 and bare["file"].endswith("WXR103-bad.xml")


def test_github_lines_follow_the_workflow_command_syntax() -> None:
    lines = format_github(validate(FILES)).splitlines()
    assert lines
    for line in lines:
        match = WORKFLOW_COMMAND.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        assert "file" in props and "title" in props
    assert any(line.startswith("::warning file=") and ",line=11," in line for line in lines)  # a repaired &
    assert any(line.startswith("::notice ") for line in lines)  # info -> notice


def test_github_escaping() -> None:
    line = github_command("error", "50% done\r\nnext", file="a,b:c.xml", line=3)
    assert line == "::error file=a%2Cb%3Ac.xml,line=3::50%25 done%0D%0Anext"


def test_junit_has_one_case_per_file_and_a_failure_per_failing_finding() -> None:
    result = validate(FILES)
    root = ElementTree.fromstring(format_junit(result))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [str(f) for f in FILES]
    failures = {c.get("name"): c.findall("failure") for c in cases}
    assert failures[str(FILES[0])] == []
    assert failures[str(FILES[1])] == []  # a documented repair is a warning, not a failure
    assert "WXR103" in cases[1].findtext("system-out", "")
    assert cases[4].find("error") is not None
    assert root.get("failures") == str(sum(len(f) for f in failures.values()))


def test_junit_strict_counts_warnings_as_failures() -> None:
    root = ElementTree.fromstring(format_junit(validate(FILES[1:2], strict=True)))
    assert {f.get("type") for f in root.iter("failure")} == {"WXR103"}  # WXR100 is only a note of the repair


def test_text_lists_located_findings_and_a_summary() -> None:
    text = format_text(validate(FILES))
    assert re.search(r"WXR103-bad\.xml:11: warning WXR103 ", text)
    assert "WXR221" not in text  # info only with verbose
    assert "WXR221" in format_text(validate(FILES), verbose=True)
    assert text.splitlines()[-1].startswith("5 files checked: ")
