"""wxr convert's run in the terminal's terms: filters, --each, --strict, and progress through both phases."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from wxr_tools.cli import app, console
from wxr_tools.convert import convert

from corpus import FIXTURES

EXPORT = str(FIXTURES / "filters.xml")
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def _ids(stdout: str) -> list[int]:
    return [post["id"] for post in json.loads(stdout)["posts"] if post["type"] != "attachment"]


def test_filters_choose_the_posts_written() -> None:
    code, out, _ = _run("convert", EXPORT, "--to", "json", "-o", "-", "-q", "--category", "fiction")
    assert code == 0 and _ids(out) == [11, 16]
    code, out, _ = _run("convert", EXPORT, "--to", "json", "-o", "-", "-q", "--tag", "review,library",
                        "--author", "bob")
    assert code == 0 and _ids(out) == [12, 16]
    code, out, _ = _run("convert", EXPORT, "--to", "json", "-o", "-", "-q", "--status", "publish",
                        "--since", "2012", "--until", "2012-12")
    assert code == 0 and _ids(out) == [11, 16]


def test_a_mistyped_filter_value_is_refused_with_a_suggestion() -> None:
    code, out, err = _run("convert", EXPORT, "--to", "json", "-o", "-", "--category", "boks")
    assert code == 2 and out == ""
    assert err.splitlines() == ["error: the export has no category 'boks' (--category)",
                                "hint: did you mean books? the export has: books, crime, fiction, news"]


def test_each_writes_one_output_per_export(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(FIXTURES / "awen-therapy.xml", folder / "awen.xml")
    shutil.copy(FIXTURES / "validate" / "clean.xml", folder / "clean.xml")
    code, _, err = _run("convert", str(folder), "--to", "json", "--out", str(tmp_path / "out"))
    assert code == 2 and "different sites" in err and "--each" in err
    code, _, err = _run("convert", str(folder), "--each", "--to", "json", "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["awen.json", "clean.json"]
    assert f"json → {tmp_path / 'out' / 'awen.json'}" in err


def test_strict_fails_on_a_warning_and_says_which_even_when_quiet(tmp_path: Path) -> None:
    repaired = str(FIXTURES / "validate" / "WXR103-bad.xml")
    code, _, err = _run("convert", repaired, "--to", "json", "-o", str(tmp_path / "a.json"), "-q")
    assert code == 0 and err == ""
    code, _, err = _run("convert", repaired, "--to", "json", "-o", str(tmp_path / "b.json"), "-q", "--strict")
    assert code == 1 and "warning WXR103" in err


def test_progress_covers_reading_and_writing_with_posts_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(console, "err", Console(file=screen, force_terminal=True, width=80))
    with console.run_progress(100, True) as bars:
        assert bars is not None
        bars(40)
        for _ in range(30):
            bars.post()
        bars(60)  # all read: what follows is the writing
    drawn = screen.getvalue()
    assert "reading" in drawn and "100/100 bytes" in drawn
    assert "writing" in drawn and "30 posts" in drawn


def test_the_writing_pass_of_a_site_counts_posts_written_of_those_to_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []
    result = convert([EXPORT], to="markdown", out=tmp_path / "site", write_progress=lambda *a: calls.append(a))
    assert calls and calls[-1] == (result.posts_written, result.posts_written)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    screen = io.StringIO()
    monkeypatch.setattr(console, "err", Console(file=screen, force_terminal=True, width=80))
    with console.run_progress(100, True) as bars:
        assert bars is not None
        bars(100)
        bars.written(7, 40)
    assert "writing" in screen.getvalue() and "7/40 posts" in screen.getvalue()


def test_each_refuses_standard_output_and_a_misplaced_option_names_itself(tmp_path: Path) -> None:
    code, _, err = _run("convert", EXPORT, "--each", "--to", "json", "-o", "-")
    assert code == 2 and err.splitlines()[0] == \
        "error: with --each every export gets its own output, not standard output (--out)"
    code, _, err = _run("convert", EXPORT, "--to", "sqlite", "--include-unapproved", "-o", str(tmp_path / "x.db"))
    assert code == 2 and err.splitlines()[0] == "error: --include-unapproved goes with --to markdown, not --to sqlite"
    assert "--preset" not in err and not (tmp_path / "x.db").exists()
