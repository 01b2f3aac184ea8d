"""A run's life: killed mid-way it leaves no worker and no half output; reruns keep to their own files."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wxr_tools.convert import convert
from wxr_tools.writers.output_folder import MANIFEST

from corpus import FIXTURES, ROOT

SEED = FIXTURES / "awen-therapy.xml"
linux_only = pytest.mark.skipif(not Path("/proc/self/task").exists(),
                                reason="finds a process's children through /proc (Linux)")


def tree_state(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``folder`` (hidden ones included): its size and content hash."""
    return {str(p.relative_to(folder)): (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def children_of(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our seed export scaled to 12 MB (about 3,600 posts): a run of several seconds."""
    path = tmp_path_factory.mktemp("big") / "big.xml"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_scaled_wxr.py"), str(SEED), str(path),
                    "--size", "12MB"], check=True, capture_output=True)
    return path


@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_killed_mid_run_no_worker_survives_nothing_is_written_after_and_the_old_output_stays(
        tmp_path: Path, big_export: Path, signum: signal.Signals) -> None:
    site = tmp_path / "site"
    convert([SEED], to="markdown", out=site, jobs=1)  # the previous run's output
    before = tree_state(site)
    run = subprocess.Popen([sys.executable, "-m", "wxr_tools", "convert", str(big_export), "-o", str(site),
                            "--jobs", "3", "-q"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    partial = tmp_path / f".site.wxr-partial-{run.pid}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if partial.exists() and sum(1 for _ in partial.rglob("*.md")) >= 50:
            break  # the workers are writing posts
        time.sleep(0.05)
    assert run.poll() is None, f"the run ended before it could be killed: {run.stderr.read()}"
    workers = children_of(run.pid)
    assert len(workers) == 2
    run.send_signal(signum)
    run.wait(30)
    time.sleep(0.3)
    after_kill = tree_state(tmp_path)
    time.sleep(2)
    assert not [pid for pid in workers if alive(pid)], "a worker outlived its parent"
    assert tree_state(tmp_path) == after_kill, "files were written after the kill"
    assert tree_state(site) == before, "the previous output changed"
    if signum != signal.SIGKILL:  # a run that could clean up did
        assert not partial.exists()
        assert run.returncode == 128 + signum
    convert([SEED], to="markdown", out=site, jobs=1)
    assert not partial.exists(), "the next run removes what a killed run left"


def _export_without_the_page(tmp_path: Path) -> Path:
    text = SEED.read_text("utf-8")
    start = text.index("<item>", text.index("</item>"))  # the second item: the About page
    smaller = tmp_path / "smaller.xml"
    smaller.write_text(text[:start] + text[text.index("</item>", start) + len("</item>"):], "utf-8")
    return smaller


def test_a_rerun_removes_its_own_files_that_no_longer_belong_and_never_touches_the_users(tmp_path: Path) -> None:
    site = tmp_path / "site"
    convert([SEED], to="markdown", out=site)
    assert (site / "content" / "about" / "index.md").exists()
    (site / "config.toml").write_text("title = 'mine'\n")
    (site / "content" / "mine.md").write_text("my own page\n")
    convert([_export_without_the_page(tmp_path)], to="markdown", out=site)
    assert not (site / "content" / "about").exists(), "the deleted page's file and folder stay"
    assert (site / "config.toml").read_text() == "title = 'mine'\n"
    assert (site / "content" / "mine.md").read_text() == "my own page\n"
    manifest = (site / MANIFEST).read_text()
    assert "content/about/index.md" not in manifest and "config.toml" not in manifest
    assert "content/posts/we-can-all-use-a-little-help-sometimes/index.md" in manifest


def test_a_users_file_where_wxr_would_write_is_kept_and_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "about").mkdir(parents=True)
    (site / "content" / "about" / "index.md").write_text("the user's about page\n")
    result = convert([SEED], to="markdown", out=site)
    assert (site / "content" / "about" / "index.md").read_text() == "the user's about page\n"
    [kept] = [d for d in result.diagnostics if d.code == "MD003"]
    assert kept.file.endswith("about/index.md") and "kept your file" in kept.action
    assert "content/about/index.md" not in (site / MANIFEST).read_text()


@pytest.mark.parametrize("to, name", [("markdown", "site"), ("sqlite", "site.db"), ("json", "site.json"),
                                      ("sql", "site.sql")])
def test_an_interrupted_run_leaves_the_previous_output_as_it_was(tmp_path: Path, to: str, name: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / name
    convert([SEED], to=to, out=target)
    before = tree_state(tmp_path)
    from wxr_tools.readers.wxr import WxrExport

    read = WxrExport._stream  # what posts() and map_posts() both read through

    def interrupted(self: WxrExport, function):  # type: ignore[no-untyped-def]
        yield next(iter(read(self, function)))
        raise KeyboardInterrupt  # Ctrl-C after the first post

    monkeypatch.setattr(WxrExport, "_stream", interrupted)
    with pytest.raises(KeyboardInterrupt):
        convert([SEED], to=to, out=target)
    assert tree_state(tmp_path) == before, "the previous output changed, or a partial file was left"
