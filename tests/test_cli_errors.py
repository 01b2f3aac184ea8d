"""Errors in one voice: ``error: <what> (<option>)`` then ``hint: <what to do>``; no Python names, no OS jargon."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wxr_tools.cli import app

from corpus import FIXTURES

SEED = str(FIXTURES / "awen-therapy.xml")
runner = CliRunner()


def _lines(*args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.output.splitlines()


def _assert_one_voice(lines: list[str]) -> None:
    assert lines[0].startswith("error: ") and lines[1].startswith("hint: "), lines
    text = "\n".join(lines)
    for python_name in ("front_matter", "comment_pii", "post_types", "from_format", "Errno", "Traceback", "╭"):
        assert python_name not in text, text


@pytest.mark.parametrize(("args", "error", "hint"), [
    (["--to", "jsn"], "error: unknown value 'jsn' (--to)", "hint: did you mean json? choose one of: markdown, json,"),
    (["--front-matter", "tmol"], "error: unknown value 'tmol' (--front-matter)", "did you mean toml?"),
    (["--jobs", "-3"], "must be 0 (every available core) or more, not -3 (--jobs)", "1 for this process alone"),
    (["--preset", "hugoo"], "error: unknown value 'hugoo' (--preset)", "did you mean hugo?"),
    (["--post-types", "post,boook", "--to", "markdown"], "error: the export has no post type 'boook' (--post-types)",
     "the export has: page, post"),
    (["--too", "json"], "error: no such option (--too)", "hint: did you mean --to? see wxr convert --help"),
])
def test_mistyped_values_get_a_suggestion(tmp_path: Path, args: list[str], error: str, hint: str) -> None:
    code, lines = _lines("convert", SEED, "-o", str(tmp_path / "out"), *args)
    assert code == 2
    _assert_one_voice(lines)
    assert error in lines[0] and hint in lines[1]
    assert sum(line.count("choose one of") for line in lines) <= 1  # the choices once, not twice


def test_the_option_is_named_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["wxr", "convert", SEED, "-t", "jsn"])
    code, lines = _lines("convert", SEED, "-t", "jsn")
    assert code == 2 and lines[0] == "error: unknown value 'jsn' (-t)"


def test_output_paths_are_checked_before_any_work(tmp_path: Path) -> None:
    existing = tmp_path / "existing.txt"
    existing.write_text("mine", "utf-8")
    code, lines = _lines("convert", SEED, "-o", str(existing))
    assert code == 2 and lines[0] == f"error: {existing} is a file; --to markdown writes a folder (--out)"
    _assert_one_voice(lines)
    folder = tmp_path / "adir"
    folder.mkdir()
    code, lines = _lines("convert", SEED, "--to", "sqlite", "--out", str(folder))
    assert code == 2 and lines[0] == f"error: {folder} is a folder; --to sqlite writes one file (--out)"
    assert list(folder.iterdir()) == []
    code, lines = _lines("convert", SEED, "-o", "-")
    assert code == 2 and lines[0] == "error: --to markdown writes a folder of files, not standard output (--out)"
    assert "--to json or jsonl" in lines[1]
    assert not Path("-").exists()


def test_a_read_only_folder_is_refused_before_the_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root may write anywhere: let the folder answer as it would anyone else
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == folder else real_access(path, mode))
    code, lines = _lines("convert", SEED, "--to", "json", "-o", str(folder / "site.json"))
    assert code == 2 and lines[0] == f"error: cannot write to {folder}: permission denied (--out)"


def test_os_errors_are_said_in_words_about_the_users_path() -> None:
    from wxr_tools.cli.voice import os_error_words

    assert os_error_words(PermissionError(13, "Permission denied", "ro/site.json.part")) == (
        "permission denied: ro/site.json", "check that you may read and write there (ls -l), or choose another path")
    assert os_error_words(FileExistsError(17, "File exists", "existing.txt"))[0] == \
        "existing.txt already exists as a file"
    assert os_error_words(OSError(28, "No space left on device", "big.db"))[0] == \
        "no space left on the device writing big.db"


def test_a_library_error_names_the_value_the_same_way() -> None:
    from wxr_tools.convert import convert
    from wxr_tools.errors import UnknownFormatError

    with pytest.raises(UnknownFormatError, match="unknown output format 'jsn'") as caught:
        convert(SEED, to="jsn")
    assert caught.value.option == "to" and caught.value.hint.startswith("did you mean json?")


def test_missing_inputs_say_what_to_give() -> None:
    code, lines = _lines("convert")
    assert code == 2 and lines[0].startswith("error: no input given")
    assert lines[1] == "hint: name an export file or folder, or - for standard input"
