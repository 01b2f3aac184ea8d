"""The wxr command's core: convert to JSON, info, schema, version, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from wxr_tools.cli import app
from wxr_tools.readers.json import read_json
from wxr_tools import read_wxr

from corpus import FIXTURES, ROOT

runner = CliRunner()
SEED = str(FIXTURES / "awen-therapy.xml")


def test_convert_to_json_on_stdout_reads_back() -> None:
    result = runner.invoke(app, ["convert", SEED, "--to", "json", "--out", "-", "--quiet"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [p["id"] for p in document["posts"]] == [7, 2, 9]


def test_convert_to_jsonl_file(tmp_path: Path) -> None:
    out = tmp_path / "site.jsonl"
    result = runner.invoke(app, ["convert", SEED, "--to", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert read_json(out) == read_wxr(SEED)
    kinds = [json.loads(line)["record"] for line in out.read_text("utf-8").splitlines()]
    assert kinds[0] == "site" and kinds.count("post") == 3 and kinds.count("term") == 18


def test_info_json_has_the_documented_fields() -> None:
    result = runner.invoke(app, ["info", SEED, "--json"])
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["items"] == 3
    assert info["posts_by_type"] == {"page": 1, "post": 2}
    assert info["posts_by_status"] == {"draft": 1, "publish": 2}
    assert info["comments"]["by_type"] == {"comment": 1, "pingback": 1}
    assert [a["login"] for a in info["authors"]] == ["awentherapy"]
    assert info["terms_by_taxonomy"] == {"category": 16, "post_tag": 2}
    assert info["diagnostics"] == []


def test_input_errors_exit_1_with_located_diagnostics() -> None:
    broken = str(FIXTURES / "broken" / "truncated.xml")
    result = runner.invoke(app, ["info", broken, "--json"])
    assert result.exit_code == 1
    codes = {d["code"]: d for d in json.loads(result.stdout)["diagnostics"]}
    assert codes["WXR108"]["severity"] == "error" and codes["WXR108"]["line"] == 26
    assert {"code", "severity", "file", "line", "column", "message"} <= set(codes["WXR108"])


def test_usage_and_io_errors_exit_2_in_one_line(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["convert", str(tmp_path / "absent.xml"), "--to", "json"])
    assert missing.exit_code == 2
    assert "no such file" in missing.output and "Traceback" not in missing.output
    for command in ("convert", "info", "validate"):  # "" (an unset shell variable) is not the current folder
        empty = runner.invoke(app, [command, ""])
        assert empty.exit_code == 2 and "an input path is empty" in empty.output, command
    empty_pages = runner.invoke(app, ["convert", SEED, "--pages", "", "--to", "json"])
    assert empty_pages.exit_code == 2 and "an input path is empty" in empty_pages.output
    unknown = runner.invoke(app, ["convert", SEED, "--to", "docx"])
    assert unknown.exit_code == 2 and "error: unknown value 'docx' (--to)" in unknown.output
    assert "markdown, json" in unknown.output


def test_version_schema_and_help() -> None:
    assert runner.invoke(app, ["--version"]).stdout.startswith("wxr-tools ")
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert schema["title"] == "wxr-tools site document"
    for command in ("convert", "info", "schema"):
        assert runner.invoke(app, [command, "--help"]).exit_code == 0


def test_installed_command_runs_as_a_subprocess(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "wxr_tools", "info", SEED, "--json"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and json.loads(result.stdout)["items"] == 3
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"\x00\xff binary")
    result = subprocess.run([sys.executable, "-m", "wxr_tools", "info", str(bad)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
