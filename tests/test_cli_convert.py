"""``wxr convert``: --dry-run writes nothing, and the summary table counts what was done."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from wxr_tools.cli import app
from wxr_tools.cli.console import err, print_summary
from wxr_tools.convert import ConvertResult, convert
from wxr_tools.diagnostics import Diagnostic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "validate"
runner = CliRunner()


def test_dry_run_reads_everything_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = convert([FIXTURES / "clean.xml"], to="json", out=target, dry_run=True)
    assert not target.exists()
    assert result.dry_run and result.posts_written == 3
    assert result.summary == {"by type": {"post": 1, "page": 1, "attachment": 1}}


def test_dry_run_from_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["convert", str(FIXTURES / "clean.xml"), "-o", str(target), "--dry-run"])
    assert result.exit_code == 0
    assert not target.exists()
    assert "would write" in result.output


def test_summary_table_counts_writer_summary_and_diagnostics() -> None:
    result = ConvertResult(to="markdown", out="site", posts_written=7,
                           summary={"posts_written": 7, "skipped": {"trash": 2, "password": 1}, "drafts": 3},
                           diagnostics=[Diagnostic(code="WXR103", severity="warning", message="m"),
                                        Diagnostic(code="WXR100", severity="error", message="m")])
    with err.capture() as captured:
        print_summary(result)
    rows = {" ".join(line.split()[:-1]): line.split()[-1] for line in captured.get().splitlines()[1:] if line.strip()}
    assert rows == {"posts written": "7", "skipped: trash": "2", "skipped: password": "1", "drafts": "3",
                    "errors": "1", "warnings": "1", "info": "0"}


def test_convert_prints_the_summary_unless_quiet(tmp_path: Path) -> None:
    args = ["convert", str(FIXTURES / "clean.xml"), "-o", str(tmp_path / "o.json")]
    assert "posts written" in runner.invoke(app, args).output
    assert runner.invoke(app, [*args, "--quiet"]).output == ""
