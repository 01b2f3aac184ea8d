"""The documentation: generated references are current, and its examples run.

Fenced ``console`` blocks run each ``$ wxr ...`` line as ``python -m wxr_tools ...``
in a scratch folder that sees the repository's ``fixtures/``; every other
line of the block must appear in the output. The info string may add
``exit=N`` (the expected exit code, 0 otherwise) or ``norun`` (shown, never
run: it installs things or needs a server). Commands other than ``wxr`` are
not run. Fenced
``python`` blocks are executed in the same kind of scratch folder.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GENERATED = {"cli-reference.md", "rules.md"}
FENCE = re.compile(r"^```(console|python)([^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _load(script: str) -> Any:
    spec = importlib.util.spec_from_file_location(script, DOCS / f"{script}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_cli_reference_is_current() -> None:
    expected = _load("gen_cli_reference").render()
    assert (DOCS / "cli-reference.md").read_text("utf-8") == expected, \
        "docs/cli-reference.md is stale: run python docs/gen_cli_reference.py"


def test_rules_reference_is_current() -> None:
    from wxr_tools.validate.rules import render_rules_markdown

    assert (DOCS / "rules.md").read_text("utf-8") == render_rules_markdown(), \
        "docs/rules.md is stale: run python docs/gen_rules_reference.py"


def _blocks() -> list[Any]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        if page.name in GENERATED:
            continue
        text = page.read_text("utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(pytest.param(match.group(1), match.group(2).split(), match.group(3),
                                      id=f"{page.name}:{line}"))
    return found


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("language", "flags", "body"), _blocks())
def test_example_runs(language: str, flags: list[str], body: str, scratch: Path) -> None:
    if "norun" in flags:
        pytest.skip("shown, not run: it installs something or needs a server")
    if language == "python":
        exec(compile(body, "<docs>", "exec"), {"__name__": "__docs__"})
        return
    expected_exit = int(next((f.split("=")[1] for f in flags if f.startswith("exit=")), 0))
    commands: list[tuple[list[str], list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            commands.append((shlex.split(line[2:]), []))
        elif line.strip() and commands:
            commands[-1][1].append(line.strip())
    runnable = [(argv, expected) for argv, expected in commands if argv[0] == "wxr"]
    assert runnable, "a console block without a wxr command should be marked norun"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    for argv, expected in runnable:
        proc = subprocess.run([sys.executable, "-m", "wxr_tools", *argv[1:]], capture_output=True, text=True,
                              env=env, timeout=120)
        output = proc.stdout + proc.stderr
        assert proc.returncode == expected_exit, output
        assert "Traceback" not in output
        for line in expected:
            assert line in output, f"{line!r} not in the output of {shlex.join(argv)}:\n{output}"


def test_mkdocs_builds_the_site_strictly(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="mkdocs is the docs extra: pip install 'wxr-tools[docs]'")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site" / "rules" / "index.html").is_file()
