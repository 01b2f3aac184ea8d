"""``wxr validate`` and ``wxr rules`` through typer's runner and as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wxr_tools.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "validate"
CLEAN = str(FIXTURES / "clean.xml")
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_clean_file_exits_0() -> None:
    code, out = run("validate", CLEAN)
    assert code == 0
    assert "1 file checked: 0 errors, 0 warnings, 0 info" in out


def test_error_findings_exit_1_and_warnings_only_with_strict() -> None:
    assert run("validate", str(FIXTURES / "WXR201-bad.xml"))[0] == 1
    assert run("validate", str(FIXTURES / "WXR230-bad.xml"))[0] == 0
    assert run("validate", "--strict", str(FIXTURES / "WXR230-bad.xml"))[0] == 1


def test_select_and_ignore_by_code_or_prefix() -> None:
    bad = str(FIXTURES / "WXR103-bad.xml")
    code, out = run("validate", "--select", "WXR103", "-f", "json", bad)
    assert code == 0 and {r["code"] for r in json.loads(out)} == {"WXR103"}
    code, out = run("validate", "--ignore", "WXR100,WXR103", "-f", "json", bad)
    assert code == 0 and json.loads(out) == []


def test_unknown_code_is_a_usage_error() -> None:
    code, out = run("validate", "--select", "XYZ", CLEAN)
    assert code == 2
    assert "no rule code starts with 'XYZ'" in out and "Traceback" not in out


def test_pyproject_configuration_and_cli_flags_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.wxr]\nstrict = true\nignore = ["WXR100"]\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # the nearest pyproject.toml is one folder up
    bad = str(FIXTURES / "WXR230-bad.xml")
    assert run("validate", bad)[0] == 1  # strict from the file
    assert run("validate", "--no-strict", bad)[0] == 0  # the flag wins
    code, out = run("validate", "-f", "json", str(FIXTURES / "WXR103-bad.xml"))
    assert {r["code"] for r in json.loads(out)} == {"WXR103"}
    code, out = run("validate", "--ignore", "WXR103", "-f", "json", str(FIXTURES / "WXR103-bad.xml"))
    assert {r["code"] for r in json.loads(out)} == {"WXR100"}


def test_bad_configuration_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.wxr]\nstrict = "yes"\n')
    monkeypatch.chdir(tmp_path)
    code, out = run("validate", CLEAN)
    assert code == 2 and "strict must be true or false" in out


def test_report_written_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.xml"
    code, _ = run("validate", "-f", "junit", "-o", str(target), str(FIXTURES / "WXR201-bad.xml"))
    assert code == 1
    assert "<failure" in target.read_text("utf-8")


def test_rules_lists_every_code() -> None:
    code, out = run("rules", "--json")
    assert code == 0
    from wxr_tools.validate import RULES
    assert [r["code"] for r in json.loads(out)] == list(RULES)
    code, out = run("rules")
    assert code == 0 and "WXR240" in out


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    inputs = {
        "missing": tmp_path / "missing.xml",
        "directory": tmp_path / "empty-folder",
        "empty": tmp_path / "empty.xml",
        "binary": tmp_path / "binary.xml",
        "empty gz": tmp_path / "empty.xml.gz",
        "damaged gz": tmp_path / "damaged.xml.gz",
    }
    inputs["directory"].mkdir()
    inputs["empty"].write_bytes(b"")
    inputs["binary"].write_bytes(bytes(range(256)) * 8)
    inputs["empty gz"].write_bytes(b"")
    inputs["damaged gz"].write_bytes(b"\x1f\x8b\x08\x00garbage")
    return inputs


EXPECTED_EXIT = {"missing": 2, "directory": 2, "empty": 1, "binary": 1, "empty gz": 1, "damaged gz": 1}


@pytest.mark.parametrize("kind", sorted(EXPECTED_EXIT))
def test_bad_input_as_a_subprocess_gives_one_line_and_no_traceback(kind: str, bad_inputs: dict[str, Path]) -> None:
    proc = subprocess.run([sys.executable, "-m", "wxr_tools", "validate", str(bad_inputs[kind])],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == EXPECTED_EXIT[kind], proc.stderr + proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    assert str(bad_inputs[kind]) in proc.stdout


@pytest.mark.parametrize("command", ["info", "convert"])
@pytest.mark.parametrize("kind", ["missing", "directory", "empty", "binary", "empty gz", "damaged gz"])
def test_other_commands_fail_in_one_line_on_bad_input(command: str, kind: str, bad_inputs: dict[str, Path]) -> None:
    code, out = run(command, str(bad_inputs[kind]))
    assert code == 2
    assert out.startswith("error: ") and "Traceback" not in out
    assert "unexpected" not in out  # a WxrToolsError, not a bug of ours


def test_github_format_from_a_subprocess() -> None:
    proc = subprocess.run([sys.executable, "-m", "wxr_tools", "validate", "--format", "github",
                           str(FIXTURES / "WXR100-bad.xml")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=")


def test_quiet_prints_findings_only_and_verbose_adds_info() -> None:
    bad = str(FIXTURES / "WXR221-bad.xml")
    code, out = run("validate", "--quiet", str(FIXTURES / "WXR201-bad.xml"))
    assert code == 1 and "WXR201" in out and "checked" not in out
    assert "WXR221" not in run("validate", bad)[1]
    assert "info WXR221" in run("validate", "--verbose", bad)[1]
