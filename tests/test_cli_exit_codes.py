"""Exit codes and counts a migration script can trust: 0 written, 1 lost or refused, 2 usage or I/O."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from wxr_tools.cli import app

from corpus import FIXTURES, ROOT

SEED = FIXTURES / "awen-therapy.xml"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.output


def test_a_documented_repair_is_a_warning_and_exits_0(tmp_path: Path) -> None:
    code, output = _run("convert", str(FIXTURES / "validate" / "WXR103-bad.xml"), "--to", "json",
                        "-o", str(tmp_path / "x.json"))
    assert code == 0, output
    assert "warning WXR103" in output and "WXR100" not in output
    assert _summary(output)["errors"] == "0"


def test_input_problems_are_counted_once_not_again_as_writer_warnings(tmp_path: Path) -> None:
    code, output = _run("convert", str(FIXTURES / "broken" / "nested-cdata.xml"), "-o", str(tmp_path / "md"))
    assert code == 0, output
    rows = _summary(output)
    assert rows["warnings"] == "1" and "writer warnings" not in rows and rows["errors"] == "0"


def _with_trash(tmp_path: Path) -> Path:
    text = SEED.read_text("utf-8").replace("<wp:status><![CDATA[draft]]></wp:status>",
                                           "<wp:status><![CDATA[trash]]></wp:status>")
    export = tmp_path / "site.xml"
    export.write_text(text, "utf-8")
    return export


def _summary(output: str) -> dict[str, str]:
    rows = {}
    for line in output.splitlines():
        parts = line.strip().rsplit(None, 1)
        if len(parts) == 2 and parts[1].replace(",", "").isdigit():
            rows[parts[0]] = parts[1]
    return rows


def test_dry_run_counts_what_the_run_writes_and_skips(tmp_path: Path) -> None:
    export = _with_trash(tmp_path)
    code, planned = _run("convert", str(export), "--dry-run", "-o", str(tmp_path / "md"))
    assert code == 0 and not (tmp_path / "md").exists()
    code, done = _run("convert", str(export), "-o", str(tmp_path / "md"))
    assert code == 0
    planned_rows, done_rows = _summary(planned), _summary(done)
    assert planned_rows["posts would write"] == done_rows["posts written"] == "2"
    assert planned_rows["skipped: trash"] == done_rows["skipped: trash"] == "1"


def test_quiet_hides_warnings_never_a_loss(tmp_path: Path) -> None:
    code, output = _run("convert", str(FIXTURES / "broken" / "truncated.xml"), "-q", "--to", "json",
                        "-o", str(tmp_path / "t.json"))
    assert code == 1
    assert "error WXR108" in output and "cut short" in output
    code, output = _run("convert", str(FIXTURES / "broken" / "nested-cdata.xml"), "-q", "--to", "json",
                        "-o", str(tmp_path / "n.json"))
    assert code == 0 and output == ""
    code, output = _run("convert", str(tmp_path / "absent.xml"), "-q")
    assert code == 2 and output.startswith("error: ")


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    body = "<p>" + "words " * 40_000 + "</p>"  # far more than a pipe holds
    export = tmp_path / "big.xml"
    export.write_text(SEED.read_text("utf-8").replace("Unfinished.", body), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    wxr = subprocess.Popen([sys.executable, "-m", "wxr_tools", "convert", str(export), "--to", "jsonl", "-o", "-"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert wxr.stdout is not None and wxr.stderr is not None
    wxr.stdout.read(100)
    wxr.stdout.close()  # what `| head -c 100` does
    stderr = wxr.stderr.read().decode()
    assert wxr.wait(timeout=60) == 141
    assert "Broken pipe" not in stderr and "Traceback" not in stderr and "Exception ignored" not in stderr
