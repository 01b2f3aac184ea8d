"""Inputs as people give them: pipes, ``-``, ``/dev/stdin``, ``<(...)``, folders of one site or many."""

from __future__ import annotations

import gzip
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wxr_tools import read_wxr
from wxr_tools.convert import convert
from wxr_tools.each import convert_each, export_groups
from wxr_tools.errors import WxrToolsError
from wxr_tools.readers import open_source

from corpus import FIXTURES, ROOT

SEED = FIXTURES / "awen-therapy.xml"
CLEAN = FIXTURES / "validate" / "clean.xml"
SPLIT = FIXTURES / "split"
runner = CliRunner()


def _wxr(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    return subprocess.run([sys.executable, "-m", "wxr_tools", *args], input=stdin, capture_output=True,
                          env=env, cwd=cwd, timeout=120, check=False)


def _ids(document: bytes) -> list[int]:
    return [post["id"] for post in json.loads(document)["posts"]]


def test_dash_reads_standard_input_through_a_real_pipe() -> None:
    result = _wxr("convert", "-", "--to", "json", "-o", "-", "-q", stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert _ids(result.stdout) == [7, 2, 9]


def test_dev_stdin_and_a_piped_gzip_read_as_files_do() -> None:
    plain = _wxr("convert", "/dev/stdin", "--to", "json", "-o", "-", "-q", stdin=SEED.read_bytes())
    assert plain.returncode == 0, plain.stderr
    assert _ids(plain.stdout) == [7, 2, 9]
    zipped = _wxr("convert", "-", "--to", "json", "-o", "-", "-q", stdin=gzip.compress(SEED.read_bytes()))
    assert zipped.returncode == 0, zipped.stderr
    assert _ids(zipped.stdout) == [7, 2, 9]


@pytest.mark.skipif(shutil.which("bash") is None, reason="process substitution needs bash")
def test_process_substitution_is_read_streamed(tmp_path: Path) -> None:
    command = (f"PYTHONPATH={shlex.quote(str(ROOT))} CI=1 {shlex.quote(sys.executable)} -m wxr_tools "
               f"convert <(cat {shlex.quote(str(FIXTURES / 'broken' / 'truncated.xml'))}) --to json -o out.json")
    result = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr  # read, and the truncation reported as a loss
    assert "/dev/fd/" in result.stderr and "WXR108" in result.stderr and "file is empty" not in result.stderr
    assert len(json.loads((tmp_path / "out.json").read_text("utf-8"))["posts"]) == 2


def test_clirunner_dash_and_diagnostics_name_stdin() -> None:
    broken = (FIXTURES / "broken" / "truncated.xml").read_bytes()
    result = runner.invoke(app_(), ["info", "-", "--json"], input=broken)
    assert result.exit_code == 1
    assert {d["file"] for d in json.loads(result.stdout)["diagnostics"]} == {"<stdin>"}


def app_():  # type: ignore[no-untyped-def]
    from wxr_tools.cli import app
    return app


def test_exports_of_different_sites_are_refused_not_merged(tmp_path: Path) -> None:
    with pytest.raises(WxrToolsError, match="exports of 2 different sites") as caught:
        open_source([SEED, CLEAN])
    assert "--each" in caught.value.hint
    folder = tmp_path / "real"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.xml")
    shutil.copy(CLEAN, folder / "b.xml")
    result = runner.invoke(app_(), ["convert", str(folder), "--to", "json", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert "error: the inputs are exports of 2 different sites" in result.output
    assert "a.xml is awentherapy.example.com" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.json").exists()


def test_parts_of_one_site_are_merged_and_named_after_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    same_site = tmp_path / "again.xml"
    shutil.copy(SEED, same_site)
    assert len(list(open_source([SEED, same_site]).posts())) == 6  # one site exported twice: one site
    result = convert(SPLIT, to="json")  # a lone path is one input, not its characters
    assert result.out == "split.json" and result.posts_written == 3  # a folder gives its own name
    parts = sorted(SPLIT.glob("site.*.xml"))
    assert convert([str(p) for p in parts], to="markdown").out == "site"
    assert (tmp_path / "site").is_dir() and not (tmp_path / "site.000").exists()


def test_each_converts_every_export_into_its_own_output(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(SEED, folder / "awen.xml")
    shutil.copy(CLEAN, folder / "clean.xml")
    for part in SPLIT.glob("site.*.xml"):
        shutil.copy(part, folder / part.name)
    assert [[p.name for p in group] for group in export_groups(folder)] == [
        ["awen.xml"], ["clean.xml"], ["site.000.xml", "site.001.xml"]]
    results = convert_each(folder, to="json", out=tmp_path / "out")
    assert [Path(r.out).name for r in results] == ["awen.json", "clean.json", "site.json"]
    assert [r.posts_written for r in results] == [3, 3, 3]
    assert read_wxr(SEED).posts[0].id == _ids((tmp_path / "out" / "awen.json").read_bytes())[0]
